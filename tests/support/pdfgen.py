"""Write budget-table PDFs for tests and benchmarks (reportlab).

A :class:`TableSpec` is laid out the way budget documents print tables: a caption, a header with
scenario words stacked over years, labels on the left (wrapped when long), numbers
right-aligned under their year, optional ruling lines, and partial rows that leave cells empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

# Bitstream Vera ships with reportlab, so it is there wherever the tests run; unlike the PDF
# base-14 Helvetica it has glyphs for U+2212 (−) and U+2013 (–), which budget tables print.
_FONT_DIR = Path(reportlab.__file__).resolve().parent / "fonts"
pdfmetrics.registerFont(TTFont("Vera", str(_FONT_DIR / "Vera.ttf")))
pdfmetrics.registerFont(TTFont("VeraBd", str(_FONT_DIR / "VeraBd.ttf")))
FONT = "Vera"
BOLD = "VeraBd"


@dataclass
class RowSpec:
    label: str
    cells: dict[int, str] = field(default_factory=dict)  # column index -> text as printed
    heading: bool = False  # printed bold, no values


@dataclass
class TableSpec:
    caption: str
    unit_line: str | None
    columns: list[tuple[str | None, int]]  # (scenario word or None, year)
    rows: list[RowSpec]
    ruled: bool = False
    label_width: float = 190.0  # labels longer than this wrap onto more lines
    column_width: float = 52.0
    print_years: bool = True  # False: a table with no year columns (its unit line is its header)
    row_padding: float = 0.35  # extra space between rows, in lines; wrapped labels stay tight


@dataclass
class TextBlock:
    lines: list[str]


def _wrap(text: str, width: float, size: float) -> list[str]:
    words = text.split()
    lines: list[str] = []
    cur = ""
    for w in words:
        trial = f"{cur} {w}".strip()
        if stringWidth(trial, FONT, size) <= width or not cur:
            cur = trial
        else:
            lines.append(cur)
            cur = w
    if cur:
        lines.append(cur)
    return lines


class _Writer:
    def __init__(self, path: Path, size: float, wide: bool):
        self.pagesize = landscape(A4) if wide else A4
        self.c = canvas.Canvas(str(path), pagesize=self.pagesize)
        self.size = size
        self.leading = size * 1.45
        self.y = self.pagesize[1] - 60
        self.left = 50.0

    def need(self, height: float) -> None:
        if self.y - height < 50:
            self.c.showPage()
            self.y = self.pagesize[1] - 60

    def text(self, x: float, s: str, bold: bool = False, right: bool = False) -> None:
        font = BOLD if bold else FONT
        self.c.setFont(font, self.size)
        if right:
            self.c.drawRightString(x, self.y, s)
        else:
            self.c.drawString(x, self.y, s)

    def down(self, lines: float = 1.0) -> None:
        self.y -= self.leading * lines


def write_pdf(path: Path, blocks: list[TableSpec | TextBlock], size: float = 9.0) -> Path:
    """Write ``blocks`` (tables and paragraphs) to a PDF at ``path``."""
    wide = any(isinstance(b, TableSpec) and len(b.columns) > 6 for b in blocks)
    w = _Writer(Path(path), size, wide)
    for block in blocks:
        if isinstance(block, TextBlock):
            for line in block.lines:
                w.need(w.leading)
                w.text(w.left, line)
                w.down()
            w.down(0.8)
            continue
        _table(w, block)
        w.down(1.2)
    w.c.save()
    return Path(path)


def _table(w: _Writer, t: TableSpec) -> None:
    rights = [w.left + t.label_width + t.column_width * (i + 1) for i in range(len(t.columns))]
    w.need(w.leading * 4)
    w.text(w.left, t.caption, bold=True)
    w.down(1.4)
    top = w.y + w.leading * 0.8
    if not t.print_years:
        if t.unit_line:
            w.text(w.left, t.unit_line)
    elif any(s for s, _ in t.columns):
        if t.unit_line:
            w.text(w.left, t.unit_line)
        for (scen, _), x in zip(t.columns, rights, strict=True):
            if scen:
                w.text(x, scen, right=True)
        w.down()
        for (_, year), x in zip(t.columns, rights, strict=True):
            w.text(x, str(year), right=True)
    else:
        if t.unit_line:
            w.text(w.left, t.unit_line)
        for (_, year), x in zip(t.columns, rights, strict=True):
            w.text(x, str(year), right=True)
    w.down(1.3)
    if t.ruled:
        w.c.line(w.left, w.y + w.leading * 0.9, rights[-1] + 4, w.y + w.leading * 0.9)
    for row in t.rows:
        label_lines = _wrap(row.label, t.label_width - 8, w.size)
        w.need(w.leading * len(label_lines))
        for i, part in enumerate(label_lines):
            w.text(w.left, part, bold=row.heading)
            if i < len(label_lines) - 1:
                w.down()
        for col, value in row.cells.items():
            w.text(rights[col], value, right=True)
        if t.ruled:
            w.c.line(w.left, w.y - w.leading * 0.35, rights[-1] + 4, w.y - w.leading * 0.35)
        w.down(1 + t.row_padding)
    if t.ruled:
        for x in [w.left - 4, w.left + t.label_width - 4, *[r + 4 for r in rights]]:
            w.c.line(x, top, x, w.y + w.leading * 0.65)
