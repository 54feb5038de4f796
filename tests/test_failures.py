"""Failures during a run: a process killed at the worst moment, a dbt step that fails.

Every test kills or breaks a real process (the `kommunbudget` CLI, or a Python process landing
into a real DuckDB file) and then opens the file to see what survived.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pytest

from extract.landing import CHILD_TABLES
from kommunbudget.publish import dbt_state_dir
from tests.support.cli import cli
from tests.support.corpus import CORPUS, DOCS, ROOT, UPPSALA_VALNAMNDEN

RAW_CHILDREN = CHILD_TABLES
VALNAMNDEN = CORPUS / DOCS["linkoping_valnamnden"]
NYKOPING = CORPUS / DOCS["nykoping_klk"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def raw_state(db: Path) -> dict:
    """Every raw table's rows per document, and the documents with their status and currency."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        state = {
            "documents": sorted(
                con.execute(
                    "select source_file, status, is_current, table_count, cell_count from raw.documents"
                ).fetchall()
            )
        }
        for table in RAW_CHILDREN:
            state[table] = sorted(
                con.execute(
                    f"select d.source_file, count(*) from raw.{table} t "
                    "join raw.documents d using (document_id) group by all"
                ).fetchall()
            )
        return state
    finally:
        con.close()


def counts_for(state: dict, source_file: str) -> dict[str, int]:
    return {t: dict(state[t]).get(source_file, 0) for t in RAW_CHILDREN}


# --- killing a process in the middle of one document's landing transaction -------------------

LANDING_SCRIPT = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, sys.argv[4])
    import duckdb
    import extract.landing as landing
    from extract.pipeline import extract_document
    from extract.version import extractor_version

    db, doc, pause_after = sys.argv[1], sys.argv[2], sys.argv[3]
    result = extract_document(doc)
    con = duckdb.connect(db)
    landing.ensure_raw_schema(con)
    real_insert = landing._insert
    inserted = []

    def insert_then_maybe_pause(con, table, given, records):
        real_insert(con, table, given, records)
        inserted.append(table.name)
        if table.name == pause_after:
            print("paused inside the transaction after raw." + table.name, flush=True)
            time.sleep(600)

    landing._insert = insert_then_maybe_pause
    landing.land_result(con, result, extractor_version(), {})
    if pause_after == "commit":
        print("paused after commit", flush=True)
        time.sleep(600)
    """
)


def land_and_kill(db: Path, doc: Path, pause_after: str) -> str:
    """Land `doc` into `db` in a real process; SIGKILL it where it says it paused."""
    proc = subprocess.Popen(
        [sys.executable, "-c", LANDING_SCRIPT, str(db), str(doc), pause_after, str(ROOT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("paused"), proc.stderr.read()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    return line.strip()


def land(db: Path, doc: Path) -> None:
    out = cli("ingest", str(doc), "--db", str(db), "--no-progress")
    assert out.returncode == 0, out.stderr


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> dict:
    """Nyköping and Valnämnden landed cleanly: what a complete landing of each looks like."""
    db = tmp_path_factory.mktemp("reference") / "warehouse.duckdb"
    land(db, NYKOPING)
    land(db, VALNAMNDEN)
    return raw_state(db)


@pytest.fixture
def nykoping_only(tmp_path) -> Path:
    db = tmp_path / "warehouse.duckdb"
    land(db, NYKOPING)
    return db


@pytest.mark.parametrize("pause_after", ["pages", "rows", "cells", "extraction_issues"])
def test_sigkill_inside_the_landing_transaction_leaves_the_file_as_before_that_document(
    nykoping_only, reference, pause_after
):
    before = raw_state(nykoping_only)
    said = land_and_kill(nykoping_only, VALNAMNDEN, pause_after)
    assert said == f"paused inside the transaction after raw.{pause_after}"

    after = raw_state(nykoping_only)  # opening replays the WAL: only committed work comes back
    assert after == before
    assert counts_for(after, VALNAMNDEN.name) == dict.fromkeys(RAW_CHILDREN, 0)

    land(nykoping_only, VALNAMNDEN)  # the next run lands it whole
    assert raw_state(nykoping_only) == reference


def test_sigkill_after_commit_keeps_the_whole_document(nykoping_only, reference):
    assert land_and_kill(nykoping_only, VALNAMNDEN, "commit") == "paused after commit"
    after = raw_state(nykoping_only)
    assert counts_for(after, VALNAMNDEN.name) == counts_for(reference, VALNAMNDEN.name)
    assert counts_for(after, VALNAMNDEN.name)["cells"] == 124


def test_sigkill_while_replacing_a_version_keeps_the_old_version_current(tmp_path, reference):
    db = tmp_path / "warehouse.duckdb"
    earlier = tmp_path / "linkoping_valnamnden_internbudget_2024_draft.txt"
    text = VALNAMNDEN.read_text(encoding="utf-8")
    earlier.write_text(text + "\nUtkast\n", encoding="utf-8")  # other bytes, the same document
    land(db, earlier)
    before = raw_state(db)
    assert before["documents"] == [(earlier.name, "landed", True, 2, 124)]

    land_and_kill(db, VALNAMNDEN, "cells")  # deletes the old rows, inserts the new: then dies
    assert raw_state(db) == before

    land(db, VALNAMNDEN)
    after = raw_state(db)
    assert after["documents"] == [
        (VALNAMNDEN.name, "landed", True, 2, 124),
        (earlier.name, "landed", False, 2, 124),
    ]
    assert counts_for(after, earlier.name) == dict.fromkeys(RAW_CHILDREN, 0)
    assert counts_for(after, VALNAMNDEN.name) == counts_for(reference, VALNAMNDEN.name)


# --- killing the CLI at each stage of a run --------------------------------------------------


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(x) for x in text.split()]


def _descendant_commands(pid: int) -> list[str]:
    out, todo = [], _children(pid)
    while todo:
        child = todo.pop()
        try:
            out.append(Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode())
        except OSError:
            continue
        todo.extend(_children(child))
    return out


def _stage_reached(stage: str, proc: subprocess.Popen, db: Path) -> bool:
    build_root = db.parent / ".build" / db.name
    commands = _descendant_commands(proc.pid)
    if stage == "extracting":  # the worker pool is up, nothing landed in the working copy yet
        return any("multiprocessing" in c for c in commands)
    if stage == "landing":  # at least one document committed into the working copy
        return any(build_root.glob("*/warehouse.duckdb.wal"))
    if stage == "dbt":  # dbt is running against the working copy
        return (
            any("/dbt " in c and " build " in f"{c} " for c in commands)
            and (dbt_state_dir(db) / "target").exists()
        )
    raise AssertionError(stage)


def run_and_kill(args: list[str], stage: str, db: Path) -> None:
    """Start the CLI; SIGKILL its whole process group once it has reached `stage`."""
    exe = Path(sys.executable).parent / "kommunbudget"
    proc = subprocess.Popen(
        [str(exe), *args, "--db", str(db), "--no-progress"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,  # its own group: the workers and dbt die with it
    )
    deadline = time.monotonic() + 240
    try:
        while not _stage_reached(stage, proc, db):
            assert proc.poll() is None, f"finished before reaching {stage}: {proc.stderr.read()[-2000:]}"
            assert time.monotonic() < deadline, f"never reached {stage}"
            time.sleep(0.01)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == -signal.SIGKILL


@pytest.mark.parametrize("stage", ["extracting", "landing"])
def test_sigkill_of_an_ingest_leaves_the_published_warehouse_unchanged(tmp_path, stage, reference):
    db = tmp_path / "warehouse.duckdb"
    land(db, NYKOPING)
    published = sha(db)

    run_and_kill(["ingest", str(CORPUS)], stage, db)

    assert sha(db) == published
    assert raw_state(db)["documents"] == [(NYKOPING.name, "landed", True, 1, 7)]
    # The lock died with the process and the next run clears the abandoned working copy.
    out = cli("ingest", str(CORPUS), "--db", str(db), "--no-progress")
    assert out.returncode == 0, out.stderr
    assert "4 landed, 1 unchanged, 0 failed" in out.stderr
    assert not (tmp_path / ".build").exists()
    state = raw_state(db)
    for doc in (NYKOPING, VALNAMNDEN):
        assert counts_for(state, doc.name) == counts_for(reference, doc.name)


def test_sigkill_of_a_build_during_dbt_leaves_the_published_warehouse_unchanged(built, tmp_path, cli_build):
    db = tmp_path / "warehouse.duckdb"
    db.write_bytes(built.read_bytes())
    published = sha(db)
    new = tmp_path / "uppsala_valnamnden_internbudget_2024.txt"  # something to build
    new.write_text(UPPSALA_VALNAMNDEN, encoding="utf-8")

    run_and_kill(["build", "--documents", str(new)], "dbt", db)

    assert sha(db) == published
    con = duckdb.connect(str(db), read_only=True)  # the published marts still answer
    try:
        assert con.execute("select count(*) from marts.fct_budget_amounts").fetchone()[0] > 0
    finally:
        con.close()
    out = cli_build("--db", str(db), "--no-progress")
    assert out.returncode == 0, out.stderr[-2000:]
    assert not (tmp_path / ".build").exists()


def test_a_failing_dbt_test_publishes_nothing_and_says_which(built, tmp_path, cli_build):
    db = tmp_path / "warehouse.duckdb"
    db.write_bytes(built.read_bytes())
    con = duckdb.connect(str(db))
    # Passes the raw validation (which does not know row types) but not dbt's source tests.
    con.execute(
        "update raw.rows set row_type = 'subtotal' where row_id in (select min(row_id) from raw.rows)"
    )
    con.close()
    published = sha(db)

    out = cli_build("--db", str(db), "--no-progress")

    assert out.returncode == 4, out.stderr[-2000:]
    assert "build failed at dbt" in out.stderr and "nothing was published" in out.stderr
    assert "accepted_values_budget_documents_rows_row_type" in out.stderr
    assert sha(db) == published
    assert not (tmp_path / ".build").exists()
