"""Issue 12: nothing lost, nothing bricked. Each test reproduces a failure found by trying to
break the warehouse as an adversarial operator would, through the real CLI where it can."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.support.cli import cli
from tests.support.corpus import CORPUS, DOCS, ROOT, UPPSALA_VALNAMNDEN

VALNAMNDEN = CORPUS / DOCS["linkoping_valnamnden"]


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.fixture
def warehouse(built, tmp_path) -> Path:
    db = tmp_path / "warehouse.duckdb"
    shutil.copy(built, db)
    return db


def corrected_valnamnden(folder: Path) -> Path:
    """Valnämnden's budget with one figure corrected (406 -> 416), saved elsewhere."""
    folder.mkdir(parents=True, exist_ok=True)
    text = VALNAMNDEN.read_text(encoding="utf-8")
    assert " Arvoden ledamöter 406 " in text
    path = folder / VALNAMNDEN.name
    path.write_text(text.replace(" Arvoden ledamöter 406 ", " Arvoden ledamöter 416 "), encoding="utf-8")
    return path


def current_valnamnden(db: Path) -> list[tuple]:
    return query(
        db,
        "select source_path, cell_count from raw.documents where is_current and committee_name = 'Valnämnden' "
        "and municipality_code = '0580'",
    )


# --- item 1: a plain build never reverts a corrected document ---------------------------------


def test_item1_a_build_keeps_the_correction_a_user_ingested(warehouse, tmp_path, cli_build):
    corrected = corrected_valnamnden(tmp_path / "corrections")
    out = cli("ingest", str(corrected), "--db", str(warehouse), "--no-progress")
    assert out.returncode == 0, out.stderr

    build = cli_build("--db", str(warehouse), "--json", "--no-progress")

    assert build.returncode == 0, build.stderr[-2000:]
    assert json.loads(build.stdout)["ingest"]["totals"]["landed"] == 0
    assert current_valnamnden(warehouse) == [(str(corrected), 124)]
    assert query(
        warehouse,
        "select amount_tkr from marts.fct_budget_amounts where committee_name = 'Valnämnden' "
        "and line_label = 'Arvoden ledamöter' and fiscal_year = 2022",
    ) == [(Decimal("416.000"),)]
    # Making the older version current again is the user's explicit act.
    again = cli("ingest", str(VALNAMNDEN), "--db", str(warehouse), "--no-progress")
    assert again.returncode == 0 and "--make-current" in again.stderr
    assert current_valnamnden(warehouse) == [(str(corrected), 124)]
    back = cli("ingest", str(VALNAMNDEN), "--make-current", "--db", str(warehouse), "--no-progress")
    assert back.returncode == 0, back.stderr
    assert current_valnamnden(warehouse) == [(str(VALNAMNDEN), 124)]


def test_item1_the_last_version_given_in_one_command_is_current(tmp_path):
    # The first version given is much longer, so it finishes extracting last.
    slow = tmp_path / "a" / VALNAMNDEN.name
    slow.parent.mkdir()
    padding = "Verksamheten fortsätter enligt plan under året och följs upp löpande.\n" * 40000
    slow.write_text(VALNAMNDEN.read_text(encoding="utf-8") + padding, encoding="utf-8")
    last = corrected_valnamnden(tmp_path / "b")
    db = tmp_path / "warehouse.duckdb"

    out = cli("ingest", str(slow), str(last), "--db", str(db), "--workers", "2", "--no-progress")

    assert out.returncode == 0, out.stderr
    assert current_valnamnden(db) == [(str(last), 124)]
    assert query(
        db, "select count(*) from raw.documents where not is_current and superseded_by is not null"
    ) == [(1,)]


def test_item1_the_same_file_twice_is_read_and_counted_once(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    out = cli("ingest", str(VALNAMNDEN), str(VALNAMNDEN), "--db", str(db), "--json", "--no-progress")
    assert out.returncode == 0, out.stderr
    summary = json.loads(out.stdout)
    assert summary["totals"]["documents"] == 1 and summary["totals"]["cells"] == 124
    assert "read once" in summary["notes"][0]


# --- item 2: a stray WAL never bricks the warehouse --------------------------------------------

KILLED_WRITER = textwrap.dedent(
    """
    import duckdb, sys, time
    con = duckdb.connect(sys.argv[1], config={"checkpoint_threshold": "1GB"})
    con.execute("create schema if not exists raw")
    con.execute("create table if not exists raw.written_by_a_bi_tool (answer integer)")
    con.execute("insert into raw.written_by_a_bi_tool values (42)")
    print("written", flush=True)
    time.sleep(600)
    """
)


def test_a_failed_second_reading_of_landed_bytes_loses_nothing(tmp_path, cli_build):
    # The same bytes read again and failing (here: a municipality the seed does not know) must
    # not take out what they landed the first time; a plain build over them changes nothing.
    db = tmp_path / "warehouse.duckdb"
    doc = tmp_path / "uppsala_valnamnden_2024.txt"
    doc.write_text(UPPSALA_VALNAMNDEN, encoding="utf-8")
    assert cli("ingest", str(doc), "--municipality", "0380", "--db", str(db), "--no-progress").returncode == 0
    landed = query(db, "select document_id, status, is_current, cell_count from raw.documents")
    assert [r[1:] for r in landed] == [("landed", True, 6)]

    out = cli("ingest", str(doc), "--municipality", "9999", "--db", str(db), "--no-progress")
    assert out.returncode == 1 and "9999" in out.stdout + out.stderr

    assert query(db, "select document_id, status, is_current, cell_count from raw.documents") == landed
    assert query(db, "select count(*) from raw.cells") == [(6,)]
    out = cli_build("--db", str(db), "--documents", str(doc), "--json", "--no-progress")
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout)["ingest"]["totals"]["unchanged"] == 1


def kill_a_writer(db: Path) -> Path:
    """A read-write connection that wrote to `db` and was killed: it leaves db's WAL."""
    proc = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "written"
    finally:
        proc.kill()
        proc.wait()
    wal = db.with_name(db.name + ".wal")
    assert wal.exists()
    return wal


def test_item2_a_wal_that_is_not_the_files_is_set_aside_and_the_build_goes_on(warehouse, tmp_path, cli_build):
    other = tmp_path / "other" / warehouse.name  # another file of the same name
    other.parent.mkdir()
    stray = kill_a_writer(other)
    shutil.copy(stray, warehouse.with_name(warehouse.name + ".wal"))

    report = cli("report", "--db", str(warehouse), "--out", str(tmp_path / "report"), "--json")
    assert report.returncode == 6, report.stderr
    assert "WAL" in json.loads(report.stdout)["message"] and "kommunbudget build" in report.stderr

    out = cli_build("--db", str(warehouse), "--json", "--no-progress")

    assert out.returncode == 0, out.stderr[-2000:]
    assert "set aside" in out.stderr and "set aside" in json.loads(out.stdout)["warnings"][0]
    assert not warehouse.with_name(warehouse.name + ".wal").exists()
    assert len(list(tmp_path.glob("warehouse.duckdb.wal.unreplayable-*"))) == 1
    assert query(warehouse, "select count(*) from marts.dim_document where is_active") == [(5,)]


def test_item2_publishing_never_leaves_a_wal_that_pairs_with_the_new_file(tmp_path, monkeypatch):
    from kommunbudget import publish

    db = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(db))
    con.execute("create table t as select 1 as x")
    con.close()
    kill_a_writer(db)  # the file's own WAL: its rows must not be lost

    with publish.Workspace(db) as ws:
        ws.publish()
    assert not db.with_name(db.name + ".wal").exists()
    assert query(db, "select answer from raw.written_by_a_bi_tool") == [(42,)]

    # Killed between moving the WAL away and renaming the file: the old file, without a WAL.
    kill_a_writer(db)
    real_replace = os.replace

    def die_before_the_file_rename(src, dst):
        if str(src).endswith(".duckdb"):
            raise KeyboardInterrupt("killed")
        real_replace(src, dst)

    monkeypatch.setattr(publish.os, "replace", die_before_the_file_rename)
    with pytest.raises(KeyboardInterrupt), publish.Workspace(db) as ws:
        ws.publish()
    assert not db.with_name(db.name + ".wal").exists()
    assert query(db, "select x from t") == [(1,)]


# --- item 3: ingest validates before it publishes; remove ---------------------------------------


def test_item3_ingest_rejects_an_invalid_document_alone(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    assert cli("ingest", str(VALNAMNDEN), "--db", str(db), "--no-progress").returncode == 0
    doc = tmp_path / "uppsala_valnamnden_2024.txt"
    doc.write_text(UPPSALA_VALNAMNDEN, encoding="utf-8")

    out = cli("ingest", str(doc), "--base-year", "1800", "--db", str(db), "--json", "--no-progress")

    assert out.returncode == 1, out.stderr
    (failed,) = json.loads(out.stdout)["documents"]
    assert (failed["status"], failed["code"]) == ("failed", "invalid_document")
    assert "base_year" in failed["message"] and doc.name in failed["message"]
    assert query(db, "select status, status_code from raw.documents where source_file = ?", [doc.name]) == [
        ("failed", "invalid_document")
    ]
    assert query(
        db,
        "select count(*) from raw.cells c join raw.documents d using (document_id) where d.source_file = ?",
        [doc.name],
    ) == [(0,)]
    assert current_valnamnden(db) == [(str(VALNAMNDEN), 124)]


def test_item3_a_rejected_version_leaves_the_version_it_replaced_current(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    assert cli("ingest", str(VALNAMNDEN), "--db", str(db), "--no-progress").returncode == 0
    before = query(db, "select count(*) from raw.cells")
    # A 13-digit amount, beyond any municipality's budget (written with its thousands apart, as
    # the table writes them: a run of 13 digits would be read as numbers glued together).
    bad = tmp_path / "bad" / VALNAMNDEN.name
    bad.parent.mkdir()
    bad.write_text(
        VALNAMNDEN.read_text(encoding="utf-8").replace(
            " Arvoden ledamöter 406 ", " Arvoden ledamöter 4 060 000 000 000 "
        ),
        encoding="utf-8",
    )

    out = cli("ingest", str(bad), "--db", str(db), "--no-progress")

    assert out.returncode == 1, out.stderr
    assert "invalid" in out.stderr or "not valid" in out.stderr
    assert current_valnamnden(db) == [(str(VALNAMNDEN), 124)]
    assert query(db, "select count(*) from raw.cells") == before


def test_item3_remove_takes_out_a_document_that_blocks_every_build(warehouse, tmp_path, cli_build):
    doc = tmp_path / "uppsala_valnamnden_2024.txt"
    doc.write_text(UPPSALA_VALNAMNDEN, encoding="utf-8")
    assert cli("ingest", str(doc), "--db", str(warehouse), "--no-progress").returncode == 0
    # Published by an older version that did not validate on ingest:
    con = duckdb.connect(str(warehouse))
    con.execute("update raw.documents set base_year = 1800 where source_file = ?", [doc.name])
    (doc_id,) = con.execute(
        "select document_id from raw.documents where source_file = ?", [doc.name]
    ).fetchone()
    con.close()
    blocked = cli_build("--db", str(warehouse), "--no-progress")
    assert blocked.returncode == 3
    assert f"kommunbudget remove {doc_id}" in blocked.stderr

    out = cli("remove", str(doc), "--db", str(warehouse), "--json")

    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["removed"][0]["document_id"] == doc_id
    assert query(
        warehouse, "select status, is_current from raw.documents where document_id = ?", [doc_id]
    ) == [("removed", False)]
    assert query(warehouse, "select count(*) from raw.rows where document_id = ?", [doc_id]) == [(0,)]
    build = cli_build("--db", str(warehouse), "--no-progress")
    assert build.returncode == 0, build.stderr[-2000:]
    assert query(
        warehouse, "select count(*) from marts.fct_budget_amounts where municipality_code = '0380'"
    ) == [(0,)]
    assert query(
        warehouse, "select document_status from marts.dim_document where document_id = ?", [doc_id]
    ) == [("removed",)]


def test_item3_remove_of_an_unknown_document_is_a_usage_error(tmp_path):
    db = tmp_path / "warehouse.duckdb"
    assert cli("ingest", str(VALNAMNDEN), "--db", str(db), "--no-progress").returncode == 0
    out = cli("remove", "0123456789abcdef", "--db", str(db), "--json")
    assert out.returncode == 2
    assert json.loads(out.stdout)["error"] == "usage" and "0123456789abcdef" in out.stderr


# --- item 4: two warehouses in one directory ---------------------------------------------------


def test_item4_building_one_warehouse_leaves_anothers_working_copy_alone(tmp_path):
    from kommunbudget.publish import Workspace

    a = tmp_path / "a.duckdb"
    with Workspace(a) as ws:
        con = ws.connect()
        con.execute("create table t as select 1 as x")
        con.close()
        out = cli("ingest", str(VALNAMNDEN), "--db", str(tmp_path / "b.duckdb"), "--no-progress")
        assert out.returncode == 0, out.stderr
        assert ws.working.exists()
        ws.publish()
    assert query(a, "select x from t") == [(1,)]
    assert query(tmp_path / "b.duckdb", "select count(*) from raw.cells") == [(124,)]
    assert not (tmp_path / ".build").exists()


# --- item 5: a killed build leaves no process behind --------------------------------------------


def session_processes(sid: int) -> list[str]:
    """Processes of the session `sid` (a killed parent's children keep its session)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2 :].split()
        if int(fields[3]) == sid and fields[0] != "Z":
            found.append(f"{stat.parent.name}: {text[: text.rindex(')') + 1]}")
    return found


def wait_until_gone(sid: int, seconds: float = 60) -> list[str]:
    deadline = time.monotonic() + seconds
    while (left := session_processes(sid)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


def descendants(pid: int) -> list[str]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        try:
            kids = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except OSError:
            continue
        for k in kids:
            try:
                out.append(Path(f"/proc/{k}/cmdline").read_bytes().replace(b"\0", b" ").decode())
            except OSError:
                continue
            todo.append(int(k))
    return out


def start_build(db: Path, *extra: str) -> subprocess.Popen:
    exe = Path(sys.executable).parent / "kommunbudget"
    return subprocess.Popen(
        [str(exe), "build", "--db", str(db), "--no-progress", *extra],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # to find its children after it died, not to kill them
    )


def test_item5_workers_die_with_a_killed_build(warehouse, tmp_path, cli_build):
    doc = tmp_path / "uppsala_valnamnden_2024.txt"
    doc.write_text(UPPSALA_VALNAMNDEN, encoding="utf-8")
    proc = start_build(warehouse, "--documents", str(doc))
    stage, marker = "extracting", "multiprocessing"
    deadline = time.monotonic() + 120
    while not any(marker in c for c in descendants(proc.pid)):
        assert proc.poll() is None, f"finished before {stage}"
        assert time.monotonic() < deadline
        time.sleep(0.01)

    os.kill(proc.pid, signal.SIGKILL)  # the build alone, as the OOM killer or kill -9 would
    proc.wait()

    assert wait_until_gone(proc.pid) == []
    assert proc.stdout.read() is not None  # EOF: nobody holds the build's output pipe open
    assert cli_build("--db", str(warehouse), "--documents", str(doc), "--no-progress").returncode == 0


# A parent running dbt the way `build` does, with a dbt that neither writes nor ends by itself
# (a real dbt also dies of a broken pipe once it next writes; this one would not).
DBT_PARENT = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, sys.argv[1])
    import kommunbudget.dbt as dbt
    dbt.dbt_executable = lambda: sys.argv[2]
    dbt.run_dbt(["build"], sys.argv[3])
    """
)


def test_item5_dbt_dies_with_a_killed_build(tmp_path):
    fake = tmp_path / "dbt"
    fake.write_text("#!/bin/sh\nexec sleep 600\n")
    fake.chmod(0o755)
    proc = subprocess.Popen(
        [sys.executable, "-c", DBT_PARENT, str(ROOT), str(fake), str(tmp_path / "w.duckdb")],
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not any("sleep 600" in c for c in descendants(proc.pid)):
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)

    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    assert wait_until_gone(proc.pid) == []


def test_item5_random_kills_over_a_build_never_lose_or_brick_anything(warehouse, tmp_path, cli_build):
    """Twenty SIGKILLs spread over a whole build (extraction, validation, dbt, publish): the
    published file is each time either as it was or a complete new build, no process of the
    killed build remains, and the next build succeeds."""
    import random

    doc = tmp_path / "docs" / "uppsala_valnamnden_2024.txt"
    doc.parent.mkdir()

    def new_version(n: int) -> None:  # each build lands a new version: extraction to publish
        doc.write_text(UPPSALA_VALNAMNDEN + f"\nVersion {n}\n", encoding="utf-8")

    new_version(0)
    started = time.monotonic()
    assert cli_build("--db", str(warehouse), "--documents", str(doc.parent), "--no-progress").returncode == 0
    duration = time.monotonic() - started
    rng = random.Random(12)
    outcomes = {"unchanged": 0, "new": 0}
    for n in range(1, 21):
        new_version(n)
        before, builds = sha(warehouse), query(warehouse, "select count(*) from raw.build_log")[0][0]
        proc = start_build(warehouse, "--documents", str(doc.parent))
        time.sleep(rng.uniform(0.05, duration * 1.1))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert wait_until_gone(proc.pid) == [], f"kill {n}: processes left behind"
        assert not warehouse.with_name(warehouse.name + ".wal").exists()
        if sha(warehouse) == before:
            outcomes["unchanged"] += 1
        else:  # published before the kill: a whole new build, never a half one
            outcomes["new"] += 1
            assert query(warehouse, "select count(*) from raw.build_log") == [(builds + 1,)]
            assert query(warehouse, "select count(*) from marts.fct_reconciliation_checks")[0][0] > 0
    assert outcomes["unchanged"] > 0
    new_version(21)  # the last kill may have come after its publish: give the next build work
    final = cli_build("--db", str(warehouse), "--documents", str(doc.parent), "--json", "--no-progress")
    assert final.returncode == 0, final.stderr[-2000:]
    assert json.loads(final.stdout)["published"] is True
    assert not (tmp_path / ".build").exists()


# --- environment failures: exit codes, messages, JSON -------------------------------------------


def test_a_db_that_is_a_directory_exits_6_with_json(tmp_path):
    out = cli("ingest", str(VALNAMNDEN), "--db", str(tmp_path), "--json", "--no-progress")
    assert out.returncode == 6, out.stderr
    assert json.loads(out.stdout)["error"] == "warehouse_unusable"
    assert "is a directory" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("kind", ["sqlite", "text"])
def test_a_db_that_is_not_a_duckdb_file_exits_6_and_never_reaches_the_network(tmp_path, kind, cli_build):
    db = tmp_path / "warehouse.duckdb"
    if kind == "sqlite":
        con = sqlite3.connect(db)
        con.execute("create table t (x)")
        con.commit()
        con.close()
    else:
        db.write_text("not a database\n" * 1000)
    before = sha(db)
    home = tmp_path / "home"  # DuckDB would put a downloaded extension here
    out = cli_build("--db", str(db), "--json", "--no-progress", env={"HOME": str(home)})
    assert out.returncode == 6, out.stderr
    summary = json.loads(out.stdout)
    assert summary["exit_code"] == 6 and "not a usable DuckDB warehouse" in summary["message"]
    if kind == "sqlite":
        assert "SQLite" in summary["message"]
    assert not (home / ".duckdb").exists()
    assert sha(db) == before
    assert not (tmp_path / ".build").exists()


def _unshare_available() -> bool:
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return probe.returncode == 0


def run_on_a_small_filesystem(tmp_path: Path, size: str, script: str) -> subprocess.CompletedProcess:
    """Run `script` in a private mount namespace with a tmpfs of `size` at $FS."""
    if not shutil.which("unshare") or not _unshare_available():
        pytest.skip("needs unshare -m (root) to mount a small filesystem")
    fs = tmp_path / "fs"
    fs.mkdir()
    exe = Path(sys.executable).parent / "kommunbudget"
    full = f"mount -t tmpfs -o size={size} tmpfs {fs} && FS={fs} KB={exe} && {script}"
    return subprocess.run(
        ["unshare", "-m", "--propagation", "private", "sh", "-c", full],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_no_space_while_copying_exits_7_and_leaves_no_partial_copy(built, tmp_path):
    size_mb = built.stat().st_size // (1024 * 1024) + 2  # room for the published file only
    out = run_on_a_small_filesystem(
        tmp_path,
        f"{size_mb}m",
        f'cp {built} "$FS/warehouse.duckdb" && before=$(sha256sum "$FS/warehouse.duckdb") && '
        f'"$KB" build --db "$FS/warehouse.duckdb" --json --no-progress; code=$?; '
        f'echo "exit=$code"; ls -A "$FS"; [ "$before" = "$(sha256sum "$FS/warehouse.duckdb")" ] && echo same',
    )
    assert "exit=7" in out.stdout, out.stdout + out.stderr
    summary = json.loads(out.stdout[: out.stdout.index("exit=")])
    assert summary["error"] == "no_space" and "no space left" in summary["message"]
    listing = out.stdout.split("exit=7", 1)[1]
    assert ".build" not in listing and "same" in listing


def test_a_read_only_filesystem_exits_8_with_a_message(tmp_path):
    out = run_on_a_small_filesystem(
        tmp_path,
        "4m",
        f'mount -o remount,ro "$FS" && "$KB" ingest {VALNAMNDEN} --db "$FS/warehouse.duckdb" --json --no-progress; '
        'echo "exit=$?"',
    )
    assert "exit=8" in out.stdout, out.stdout + out.stderr
    summary = json.loads(out.stdout[: out.stdout.index("exit=")])
    assert summary["error"] == "read_only" and "Read-only file system" in summary["message"]
    assert "Traceback" not in out.stderr


def test_dbt_out_of_space_names_the_cause():
    from kommunbudget.dbt import environment_cause

    output = (
        "12:00:01  1 of 209 ERROR creating sql table model main_intermediate.int_budget_lines__classified\n"
        '  Runtime Error\n    IO Error: Could not write file "/w/.build/x/warehouse.duckdb": '
        "No space left on device\n12:00:02  Arguments: ()\n"
    )
    assert "No space left on device" in environment_cause(output)


def test_dbt_results_name_the_test_not_its_hash():
    from kommunbudget.dbt import _summarise

    results = [
        {
            "unique_id": "test.kommunbudget.accepted_values_x_y__a__b.2f1b628474",
            "status": "fail",
            "message": "Got 1 result, configured to fail if != 0",
            "failures": 1,
        },
        {"unique_id": "test.kommunbudget.every_total_line_has_a_check", "status": "warn", "failures": 3},
        {"unique_id": "model.kommunbudget.fct_budget_amounts", "status": "success"},
        {"unique_id": "model.kommunbudget.rpt_plan_period", "status": "skipped"},
    ]
    summary, failures, warnings = _summarise(results)
    assert summary == "Done. PASS=1 WARN=1 ERROR=1 SKIP=1"
    assert failures == ["FAIL accepted_values_x_y__a__b: Got 1 result, configured to fail if != 0"]
    assert warnings == ["every_total_line_has_a_check: 3 row(s)"]


# --- inputs that hold no document ---------------------------------------------------------------


def test_a_symlink_loop_fails_that_path_alone(tmp_path):
    loop = tmp_path / "loop.pdf"
    loop.symlink_to(loop)
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "also_a_loop.txt").symlink_to(folder / "also_a_loop.txt")
    db = tmp_path / "warehouse.duckdb"
    out = cli("ingest", str(loop), str(folder), str(VALNAMNDEN), "--db", str(db), "--json", "--no-progress")
    assert out.returncode == 1, out.stderr
    status = {d["source_file"]: (d["status"], d["code"]) for d in json.loads(out.stdout)["documents"]}
    assert status == {
        "loop.pdf": ("failed", "unreadable_file"),
        "also_a_loop.txt": ("failed", "unreadable_file"),
        VALNAMNDEN.name: ("landed", None),
    }
    assert "symbolic links" in out.stderr and "Traceback" not in out.stderr


def test_a_directory_without_documents_or_named_like_one_says_so(tmp_path):
    empty = tmp_path / "tom"
    empty.mkdir()
    named = tmp_path / "budget.pdf"  # a directory named like a document, with a folder inside
    (named / "bilagor.pdf").mkdir(parents=True)
    db = tmp_path / "warehouse.duckdb"
    out = cli("ingest", str(empty), str(named), "--db", str(db), "--json", "--no-progress")
    assert out.returncode == 1, out.stderr
    status = {d["source_file"]: d["code"] for d in json.loads(out.stdout)["documents"]}
    assert status == {"tom": "no_documents", "bilagor.pdf": "not_a_file"}
    assert "holds no documents" in out.stderr and "is a directory, not a document" in out.stderr


@pytest.mark.parametrize("limit_mb", [400, 550])
def test_a_memory_blowup_is_reported_as_out_of_memory(tmp_path, limit_mb):
    from tests.support import badfiles

    bad = badfiles.runaway_pdf(tmp_path / "enorm.pdf")
    db = tmp_path / "warehouse.duckdb"
    out = cli(
        "ingest",
        str(bad),
        "--db",
        str(db),
        "--memory-limit",
        str(limit_mb),
        "--timeout",
        "20",
        "--pdf-text-layer",  # the page runs away in pdfplumber; pypdfium2 needs only 150 MB for it
        "pdfplumber",
        "--json",
        "--no-progress",
    )
    assert out.returncode == 1, out.stderr
    (doc,) = json.loads(out.stdout)["documents"]
    assert doc["code"] == "out_of_memory", doc["message"]
    assert f"more than {limit_mb} MB" in doc["message"]


def test_a_result_too_large_to_land_fails_alone_unread(tmp_path, monkeypatch):
    """The memory limit bounds the parent too: it sizes each pickled result before unpickling."""
    import pickle

    import extract.workers as workers
    from kommunbudget.ingest import ingest_paths
    from tests.support.corpus import corpus_result

    small, large = DOCS["linkoping_valnamnden"], DOCS["linkoping_ks"]
    sizes = {key: len(pickle.dumps(corpus_result(key))) for key in ("linkoping_valnamnden", "linkoping_ks")}
    between = (sizes["linkoping_valnamnden"] * sizes["linkoping_ks"]) ** 0.5
    limit_mb = 1024
    # Scale the parent's estimate so that the limit falls between the two documents' results.
    monkeypatch.setattr(workers, "LANDING_BYTES_PER_PICKLED_BYTE", limit_mb * 1024 * 1024 / between)
    con = duckdb.connect(str(tmp_path / "warehouse.duckdb"))
    report = ingest_paths(
        con,
        [CORPUS / small, CORPUS / large],
        workers=1,
        limits=workers.Limits(120, limit_mb),
        show_progress=False,
    )
    status = {d.source_file: (d.status, d.code) for d in report.documents}
    assert status == {small: ("landed", None), large: ("failed", "out_of_memory")}
    (failed,) = report.failed
    assert f"more than the memory limit of {limit_mb} MB" in failed.message
    assert "nothing of it was landed" in failed.message
    landed = con.execute(
        "select d.source_file, d.status, count(c.cell_id) from raw.documents d "
        "left join raw.cells c using (document_id) group by all order by 1"
    ).fetchall()
    # Every cell read from the small document landed; none of the large one.
    assert landed == [
        (large, "failed", 0),
        (small, "landed", corpus_result("linkoping_valnamnden").cell_count),
    ]


def test_every_exit_code_is_documented_in_help_and_readme():
    from kommunbudget.errors import CODE_NAMES

    help_text = cli("--help").stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in CODE_NAMES:
        assert f"\n  {code}  " in help_text, code
        assert f"\n| {code} |" in readme, code
