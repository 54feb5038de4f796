"""Landing into DuckDB: idempotent, versioned, and a bad file fails alone."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from extract.landing import CHILD_TABLES
from kommunbudget.ingest import ingest_paths
from tests.support.cli import cli
from tests.support.corpus import CORPUS, DOCS

RAW_TABLES = ("documents", *CHILD_TABLES)


def snapshot(con) -> dict[str, list]:
    return {t: con.execute(f"select * from raw.{t} order by all").fetchall() for t in RAW_TABLES}


@pytest.fixture()
def con(tmp_path):
    c = duckdb.connect(str(tmp_path / "w.duckdb"))
    yield c
    c.close()


def test_ingest_twice_changes_nothing(con):
    docs = [CORPUS / DOCS["linkoping_valnamnden"], CORPUS / DOCS["lulea_ks"]]
    first = ingest_paths(con, docs, workers=2, show_progress=False)
    assert [d.status for d in first.documents] == ["landed", "landed"]
    before = snapshot(con)
    assert len(before["cells"]) == 124 + 96
    second = ingest_paths(con, docs, workers=2, show_progress=False)
    assert [d.status for d in second.documents] == ["unchanged", "unchanged"]
    assert snapshot(con) == before


def test_new_version_replaces_the_old_rows_and_keeps_its_history(con, tmp_path):
    original = CORPUS / DOCS["linkoping_valnamnden"]
    ingest_paths(con, [original], show_progress=False)
    revised = tmp_path / "valnamnden_rev2.txt"
    revised.write_text(
        original.read_text(encoding="utf-8").replace(" Transport  763 ", " Transport  764 "),
        encoding="utf-8",
    )
    report = ingest_paths(con, [revised], show_progress=False)
    (doc,) = report.documents
    assert doc.status == "landed" and len(doc.superseded) == 1
    docs = con.execute(
        "select source_file, is_current, superseded_by from raw.documents order by landed_at"
    ).fetchall()
    assert docs == [(original.name, False, doc.document_id), (revised.name, True, None)]
    # Only the current version's cells remain, and they carry the revised value.
    assert con.execute("select count(*) from raw.cells").fetchone()[0] == 124
    transport = con.execute(
        "select c.value_as_printed from raw.cells c join raw.rows r using (row_id) "
        "where r.label = 'Transport' and c.column_index = 0"
    ).fetchall()
    assert transport == [("764",)]


def test_a_warehouse_from_before_a_column_existed_gets_it_and_keeps_its_rows(tmp_path):
    db = tmp_path / "earlier.duckdb"
    with duckdb.connect(str(db)) as c:
        # raw.tables as an earlier version created it, before the unit and its note were landed
        c.execute("create schema raw")
        c.execute(
            "create table raw.tables (table_id varchar not null, document_id varchar not null, "
            "table_no integer not null, title varchar)"
        )
        c.execute("insert into raw.tables values ('0123456789abcdef-t001', '0123456789abcdef', 1, 'Ekonomi')")
    with duckdb.connect(str(db)) as c:
        report = ingest_paths(c, [CORPUS / DOCS["linkoping_valnamnden"]], workers=1, show_progress=False)
        assert [d.status for d in report.documents] == ["landed"]
        columns = [
            r[0]
            for r in c.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'raw' and table_name = 'tables' order by ordinal_position"
            ).fetchall()
        ]
        assert columns[:4] == ["table_id", "document_id", "table_no", "title"]
        assert {"unit", "unit_is_inferred", "unit_note", "row_count"} <= set(columns[4:])
        tables = c.execute(
            "select title, unit, unit_is_inferred from raw.tables order by document_id"
        ).fetchall()
        assert tables[0] == ("Ekonomi", None, None)  # the earlier row is kept, without what it never had
        # "Driftsammandrag / Nettokostnad, belopp mnkr" (line 311)
        assert ("Driftsammandrag", "mnkr", False) in tables[1:]


def test_a_corrupt_file_fails_alone(con, tmp_path):
    empty = tmp_path / "tom.pdf"
    empty.write_bytes(b"")
    fake = tmp_path / "inte_en.pdf"
    fake.write_text("<html>404 Not Found</html>", encoding="utf-8")
    good = CORPUS / DOCS["nykoping_klk"]
    report = ingest_paths(con, [empty, good, fake], show_progress=False)
    status = {d.source_file: (d.status, d.code) for d in report.documents}
    assert status == {
        "tom.pdf": ("failed", "empty_file"),
        good.name: ("landed", None),
        "inte_en.pdf": ("failed", "not_a_pdf"),
    }
    rows = con.execute(
        "select source_file, status, status_message from raw.documents where status = 'failed' order by source_file"
    ).fetchall()
    assert [r[:2] for r in rows] == [("inte_en.pdf", "failed"), ("tom.pdf", "failed")]
    assert all(r[0] in r[2] for r in rows)  # the message names the file
    assert con.execute("select count(*) from raw.cells").fetchone()[0] == 7
    errors = con.execute(
        "select code from raw.extraction_issues where severity = 'error' order by code"
    ).fetchall()
    assert errors == [("empty_file",), ("not_a_pdf",)]


def test_cli_help_explains_the_commands():
    out = cli("--help")
    assert out.returncode == 0
    for word in ("ingest", "build", "exit codes", "KOMMUNBUDGET_DB"):
        assert word in out.stdout
    ingest = cli("ingest", "--help")
    assert "--municipality" in ingest.stdout and "--committee" in ingest.stdout


def test_cli_ingest_reports_and_exits_non_zero_when_a_document_failed(tmp_path):
    db = tmp_path / "w.duckdb"
    bad = tmp_path / "trasig.pdf"
    bad.write_bytes(b"%PDF-1.7\n1 0 obj\n<<")  # truncated
    good = tmp_path / DOCS["linkoping_valnamnden"]
    shutil.copy(CORPUS / DOCS["linkoping_valnamnden"], good)
    out = cli("ingest", str(good), str(bad), "--db", str(db), "--json", "--no-progress")
    assert out.returncode == 1, out.stderr
    summary = json.loads(out.stdout)
    assert summary["totals"] == {
        "documents": 2,
        "landed": 1,
        "unchanged": 0,
        "history": 0,
        "failed": 1,
        "tables": 2,
        "cells": 124,
        "narratives": 0,
        "warnings": 0,
        "issues": summary["totals"]["issues"],
    }
    assert "trasig.pdf" in out.stderr and "truncated" in out.stderr
    again = cli("ingest", str(good), "--db", str(db), "--no-progress")
    assert again.returncode == 0 and "unchanged" in again.stderr


def test_a_document_whose_rows_cannot_be_stored_fails_alone(con, monkeypatch):
    # Found by the national benchmark: a value too large for the warehouse's decimal type
    # crashed the whole run. Any storage error now fails that document, rolled back, and only it.
    import kommunbudget.ingest as ingest

    real = ingest.land_result

    def land_or_fail(c, result, version, options, **how):
        if result.source_file == DOCS["linkoping_valnamnden"]:
            c.execute("begin transaction")
            c.execute("delete from raw.documents")  # half-done work that must be rolled back
            c.execute("rollback")
            raise duckdb.ConversionException('Could not convert string "147151150094153037" to DECIMAL(20,4)')
        return real(c, result, version, options, **how)

    monkeypatch.setattr(ingest, "land_result", land_or_fail)
    report = ingest_paths(
        con, [CORPUS / DOCS["nykoping_klk"], CORPUS / DOCS["linkoping_valnamnden"]], workers=1
    )
    status = {d.source_file: (d.status, d.code) for d in report.documents}
    assert status == {
        DOCS["nykoping_klk"]: ("landed", None),
        DOCS["linkoping_valnamnden"]: ("failed", "landing_failed"),
    }
    failed = report.failed[0]
    assert failed.message.startswith(
        f"{DOCS['linkoping_valnamnden']}: extracted, but its rows could not be stored"
    )
    assert "147151150094153037" in failed.message
    rows = con.execute(
        "select source_file, status, status_code from raw.documents order by source_file"
    ).fetchall()
    assert rows == [
        (DOCS["linkoping_valnamnden"], "failed", "landing_failed"),
        (DOCS["nykoping_klk"], "landed", None),
    ]
