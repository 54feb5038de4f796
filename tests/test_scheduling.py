"""Running the warehouse from a scheduler: plain `dbt build` + `kommunbudget publish`, and
`kommunbudget build` run again with nothing new.

A plain `dbt build` (what cron, Airflow or dagster-dbt run) must never write the published file:
it builds a working copy in dbt's target folder, and `kommunbudget publish` swaps it in.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.support.cli import cli
from tests.support.corpus import ROOT, UPPSALA_VALNAMNDEN


def plain_dbt(*args: str, published: Path, target: Path) -> subprocess.CompletedProcess:
    """dbt as a scheduler runs it: from the project folder, no kommunbudget code around it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOMMUNBUDGET_")}
    env |= {"KOMMUNBUDGET_DB": str(published), "DBT_TARGET_PATH": str(target), "DBT_LOG_PATH": str(target)}
    dbt = Path(sys.executable).parent / "dbt"
    return subprocess.run(
        [str(dbt), "--no-use-colors", *args, "--project-dir", str(ROOT), "--profiles-dir", str(ROOT)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def publish(published: Path, target: Path, *extra: str) -> subprocess.CompletedProcess:
    return cli("publish", "--db", str(published), "--json", *extra, env={"DBT_TARGET_PATH": str(target)})


def identity(path: Path) -> tuple[int, int, int]:
    st = path.stat()
    return st.st_ino, st.st_size, st.st_mtime_ns


def test_plain_dbt_build_never_writes_the_published_file(built, tmp_path, cli_build):
    published = tmp_path / "warehouse.duckdb"
    shutil.copy2(built, published)
    target = tmp_path / "target"
    before = identity(published)
    reader = duckdb.connect(str(published), read_only=True)  # a BI tool holding the file
    try:
        query = "select count(*) from marts.fct_budget_amounts"
        answer = reader.execute(query).fetchone()[0]
        out = plain_dbt("build", published=published, target=target)
        assert out.returncode == 0, out.stdout[-3000:]
        assert "Copied the raw tables of" in out.stdout
        assert identity(published) == before  # dbt built its own copy
        assert (target / "warehouse.duckdb").exists()
        assert reader.execute(query).fetchone()[0] == answer  # the reader kept answering

        fresh = plain_dbt("source", "freshness", published=published, target=target)
        assert fresh.returncode == 0, fresh.stdout[-3000:]
        assert "PASS freshness of budget_documents.documents" in fresh.stdout

        out = publish(published, target)
        assert out.returncode == 0, out.stderr
        summary = json.loads(out.stdout)
        assert summary["published"] is True
        assert summary["checks_by_status"]["fail"] >= 1  # the documents' own misprints
        assert identity(published)[0] != before[0]  # a new file, renamed into place
        assert reader.execute(query).fetchone()[0] == answer  # old snapshot, still readable
    finally:
        reader.close()
    con = duckdb.connect(str(published), read_only=True)
    try:
        assert con.execute("select count(*) from marts.fct_budget_amounts").fetchone()[0] > 0
        (summary_line,) = con.execute(
            "select dbt_summary from raw.build_log order by built_at desc limit 1"
        ).fetchone()
        assert summary_line.startswith("dbt ")
    finally:
        con.close()

    # Publishing the same dbt build again changes nothing; so does `kommunbudget build`.
    again = identity(published)
    out = publish(published, target)
    assert out.returncode == 0 and json.loads(out.stdout)["published"] is False
    out = cli_build("--db", str(published), "--json", "--no-progress")
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout)["unchanged"] is True
    assert identity(published) == again


def test_publish_refuses_a_dbt_build_older_than_the_documents(built, tmp_path):
    published = tmp_path / "warehouse.duckdb"
    shutil.copy2(built, published)
    target = tmp_path / "target"
    assert plain_dbt("build", published=published, target=target).returncode == 0
    doc = tmp_path / "uppsala_valnamnden_internbudget_2024.txt"
    doc.write_text(UPPSALA_VALNAMNDEN, encoding="utf-8")
    assert cli("ingest", str(doc), "--db", str(published), "--no-progress").returncode == 0
    landed = identity(published)
    out = publish(published, target)
    assert out.returncode == 10, out.stderr
    assert json.loads(out.stdout)["error"] == "not_built"
    assert "run `dbt build` again" in out.stderr
    assert identity(published) == landed


@pytest.mark.slow  # runs dbt itself, which no fixture says
def test_plain_dbt_build_on_a_fresh_clone_says_what_to_run_first(tmp_path):
    out = plain_dbt("build", published=tmp_path / "warehouse.duckdb", target=tmp_path / "target")
    assert out.returncode != 0
    assert "There is no warehouse at" in out.stdout and "Run `make build`" in out.stdout
    assert not (tmp_path / "warehouse.duckdb").exists()


def test_publish_without_a_dbt_build_says_so(tmp_path):
    out = publish(tmp_path / "warehouse.duckdb", tmp_path / "target")
    assert out.returncode == 10
    assert "Run `dbt build` first" in out.stderr


def test_a_second_build_with_nothing_new_leaves_the_file_alone(built, tmp_path, cli_build):
    db = tmp_path / "warehouse.duckdb"
    shutil.copy2(built, db)
    before = identity(db)
    out = cli_build("--db", str(db), "--json", "--no-progress")
    assert out.returncode == 0, out.stderr[-2000:]
    summary = json.loads(out.stdout)
    assert summary["unchanged"] is True and summary["published"] is False
    assert summary["ingest"]["totals"]["unchanged"] == 5
    assert identity(db) == before
    assert "nothing new since the last build" in out.stderr
