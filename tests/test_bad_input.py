"""Bad input: each case is fed among good documents through the real CLI. The good documents
land, the bad one is recorded as failed with a message a person can act on, the CLI exits
non-zero, and nothing already in the warehouse changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from extract.landing import CHILD_TABLES
from tests.support import badfiles
from tests.support.cli import cli
from tests.support.corpus import CORPUS, DOCS

RAW = ("documents", *CHILD_TABLES)


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """A warehouse holding Valnämnden's internbudget: what is 'already in the warehouse'."""
    db = tmp_path_factory.mktemp("base") / "warehouse.duckdb"
    out = cli("ingest", str(CORPUS / DOCS["linkoping_valnamnden"]), "--db", str(db), "--no-progress")
    assert out.returncode == 0, out.stderr
    return db


def existing_rows(db: Path, document_ids: list[str]) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            t: con.execute(
                f"select * from raw.{t} where document_id in ({', '.join('?' * len(document_ids))}) "
                "order by all",
                document_ids,
            ).fetchall()
            for t in RAW
        }
    finally:
        con.close()


def doc_ids(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [r[0] for r in con.execute("select document_id from raw.documents").fetchall()]
    finally:
        con.close()


def feed(base: Path, tmp_path: Path, bad: Path, *options: str):
    """Ingest bad between two good documents into a copy of base; return (result, db, status)."""
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(base, db)
    before_ids = doc_ids(db)
    before = existing_rows(db, before_ids)
    good_text = tmp_path / DOCS["lulea_ks"]
    shutil.copy(CORPUS / DOCS["lulea_ks"], good_text)
    good_pdf = badfiles.good_pdf(tmp_path / "kultur_och_fritid_2024.pdf")
    out = cli("ingest", str(good_text), str(bad), str(good_pdf), "--db", str(db), "--no-progress", *options)
    assert existing_rows(db, before_ids) == before, "rows already in the warehouse changed"
    con = duckdb.connect(str(db), read_only=True)
    try:
        status = {
            r[0]: (r[1], r[2], r[3])
            for r in con.execute(
                "select source_file, status, status_code, status_message from raw.documents"
            ).fetchall()
        }
    finally:
        con.close()
    assert status[good_text.name][0] == "landed"
    assert status[good_pdf.name][0] == "landed"
    return out, db, status


def assert_failed(out, status, name: str, code: str, *phrases: str) -> None:
    assert out.returncode == 1, out.stderr
    state, got_code, message = status[name]
    assert (state, got_code) == ("failed", code)
    assert name in message
    for phrase in phrases:
        assert phrase in message, message
    assert name in out.stderr and "FAILED" in out.stderr


def test_zero_byte_file(base, tmp_path):
    bad = tmp_path / "tom.pdf"
    bad.write_bytes(b"")
    out, _, status = feed(base, tmp_path, bad)
    assert_failed(out, status, "tom.pdf", "empty_file", "0 bytes", "again")


def test_file_named_pdf_that_is_not_a_pdf(base, tmp_path):
    bad = tmp_path / "budget.pdf"
    bad.write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>", encoding="utf-8")
    out, _, status = feed(base, tmp_path, bad)
    assert_failed(out, status, "budget.pdf", "not_a_pdf", "is not a PDF", "%PDF-")


def test_truncated_pdf(base, tmp_path):
    bad = badfiles.truncated_pdf(tmp_path / "avbruten.pdf", badfiles.good_pdf(tmp_path / "whole.pdf"))
    out, _, status = feed(base, tmp_path, bad)
    assert_failed(out, status, "avbruten.pdf", "truncated_pdf", "truncated", "Download it again")


def test_encrypted_pdf(base, tmp_path):
    bad = badfiles.encrypted_pdf(tmp_path / "skyddad.pdf")
    out, _, status = feed(base, tmp_path, bad)
    assert_failed(out, status, "skyddad.pdf", "encrypted_pdf", "encrypted", "password")


def test_pdf_without_a_text_layer_says_ocr_is_needed(base, tmp_path):
    bad = badfiles.scanned_pdf(tmp_path / "inskannad.pdf")
    out, _, status = feed(base, tmp_path, bad)
    assert_failed(out, status, "inskannad.pdf", "no_text_layer", "no text layer", "scan", "OCR")


def test_windows_1252_text_is_read_correctly(base, tmp_path):
    text = (CORPUS / DOCS["lulea_ks"]).read_text(encoding="utf-8")
    bad = tmp_path / "lulea_cp1252.txt"
    bad.write_bytes(text.encode("cp1252"))
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(base, db)
    out = cli("ingest", str(bad), "--db", str(db), "--no-progress")
    assert out.returncode == 0, out.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        encoding, cells = con.execute(
            "select text_encoding, cell_count from raw.documents where source_file = 'lulea_cp1252.txt'"
        ).fetchone()
        labels = {
            r[0]
            for r in con.execute(
                "select r.label from raw.rows r join raw.documents d using (document_id) "
                "where d.source_file = 'lulea_cp1252.txt'"
            ).fetchall()
        }
        note = con.execute("select message from raw.extraction_issues where code = 'encoding'").fetchall()
    finally:
        con.close()
    assert (encoding, cells) == ("cp1252", 96)  # the same 96 cells as the UTF-8 original
    assert "Markförsäljning/Friköp/fastighetsförsäljning" in labels and "Kommundirektör" in labels
    assert note == [("lulea_cp1252.txt: decoded as cp1252",)]


def test_latin_1_text_is_read_correctly(base, tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes(
        "Valnämndens internbudget 2024 för Linköpings kommun (Linköping)\n\n"
        "Ekonomi\n\nBelopp tkr\nBudget\n2024\nPlan\n2025\n\nÖvriga kostnader 100 110 \n".encode("latin-1")
    )
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(base, db)
    assert cli("ingest", str(bad), "--db", str(db), "--no-progress").returncode == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute(
            "select label from raw.rows r join raw.documents d using (document_id) "
            "where d.source_file = 'latin1.txt'"
        ).fetchall() == [("Övriga kostnader",)]
    finally:
        con.close()


def test_binary_file_with_a_text_name(base, tmp_path):
    bad = tmp_path / "data.txt"
    bad.write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    out, _, status = feed(base, tmp_path, bad)
    assert_failed(out, status, "data.txt", "binary_file", "binary data")


def test_document_without_budget_tables_lands_with_a_warning(base, tmp_path):
    doc = tmp_path / "verksamhetsberattelse.txt"
    doc.write_text(
        "Linköpings kommun\n\nKommunstyrelsens verksamhetsplan 2024 för Linköpings kommun.\n"
        "Arbetet fortsätter enligt plan under året.\n",
        encoding="utf-8",
    )
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(base, db)
    out = cli("ingest", str(doc), "--db", str(db), "--no-progress")
    assert out.returncode == 0, out.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        status = con.execute("select status from raw.documents where source_file = ?", [doc.name]).fetchone()
        warnings = con.execute(
            "select code from raw.extraction_issues i join raw.documents d using (document_id) "
            "where d.source_file = ? and severity = 'warning'",
            [doc.name],
        ).fetchall()
    finally:
        con.close()
    assert status == ("landed",)
    assert warnings == [("no_budget_tables",)]
    assert "1 warnings" in out.stderr


def test_municipality_not_detected_and_not_given(base, tmp_path):
    bad = tmp_path / "okand_kommun.txt"
    bad.write_text(
        "Valnämndens internbudget 2024\n\nEkonomi\n\nBelopp tkr\nBudget\n2024\n\nPost 1 \n", encoding="utf-8"
    )
    out, _, status = feed(base, tmp_path, bad)
    assert_failed(out, status, "okand_kommun.txt", "municipality_unknown", "--municipality")


# The runaway page runs away in pdfplumber; pypdfium2 reads it in a few seconds and 150 MB.
PDFPLUMBER = ("--pdf-text-layer", "pdfplumber")


def test_runaway_pdf_fails_on_the_time_limit(base, tmp_path):
    bad = badfiles.runaway_pdf(tmp_path / "enorm.pdf")
    out, _, status = feed(base, tmp_path, bad, "--timeout", "2", *PDFPLUMBER)
    assert_failed(out, status, "enorm.pdf", "timeout", "took longer than 2 s")


def test_runaway_pdf_fails_on_the_memory_limit(base, tmp_path):
    bad = badfiles.runaway_pdf(tmp_path / "enorm.pdf")
    out, _, status = feed(base, tmp_path, bad, "--memory-limit", "400", "--timeout", "120", *PDFPLUMBER)
    assert out.returncode == 1
    state, code, message = status["enorm.pdf"]
    assert state == "failed" and code in ("out_of_memory", "worker_died")
    assert "400 MB" in message and "enorm.pdf" in message
