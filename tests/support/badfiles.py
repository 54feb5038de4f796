"""Files real users feed the tool by mistake: written by the tests, never stored."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import pdfencrypt
from reportlab.pdfgen import canvas

from .pdfgen import RowSpec, TableSpec, TextBlock, write_pdf


def good_pdf(path: Path) -> Path:
    spec = TableSpec(
        "Driftsammandrag",
        "Belopp tkr",
        [("Budget", 2024), ("Plan", 2025)],
        [
            RowSpec("Personalkostnader", {0: "900", 1: "950"}),
            RowSpec("Lokalkostnader", {0: "100", 1: "100"}),
            RowSpec("Summa", {0: "1 000", 1: "1 050"}),
        ],
    )
    return write_pdf(
        path,
        [
            TextBlock(
                ["Linköpings kommun", "Kultur- och fritidsnämndens internbudget 2024, Linköpings kommun"]
            ),
            spec,
        ],
    )


def truncated_pdf(path: Path, source: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) * 6 // 10])
    return path


def encrypted_pdf(path: Path) -> Path:
    c = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("hemligt", canPrint=0))
    c.drawString(50, 700, "Linköpings kommun, internbudget 2024")
    c.save()
    return path


def scanned_pdf(path: Path) -> Path:
    from PIL import Image

    image = path.with_suffix(".png")
    Image.new("RGB", (850, 1100), "white").save(image)
    c = canvas.Canvas(str(path))
    c.drawImage(str(image), 0, 0, 595, 842)
    c.save()
    image.unlink()
    return path


def runaway_pdf(path: Path, rows: int = 600) -> Path:
    """One enormous page of tiny words: pdfplumber needs many seconds and ~1 GB for it (the
    pypdfium2 text layer a few seconds and 150 MB)."""
    c = canvas.Canvas(str(path), pagesize=(5000, 5000))
    c.setFont("Helvetica", 4)
    c.drawString(10, 4995, "Linköpings kommun Linköpings kommun internbudget 2024")
    for row in range(rows):
        c.drawString(10, 4990 - row * 5, " ".join(f"{row}x{k}" for k in range(60)))
    c.save()
    return path
