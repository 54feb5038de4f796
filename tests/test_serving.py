"""Serving: readers are never blocked by a build, BI tools connect read-only, the docs site.

Each test works on the published file as users do: another process holds it open while the
CLI writes; SQLAlchemy with duckdb_engine connects the way Metabase, Superset and Evidence do.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.support.cli import cli
from tests.support.corpus import ROOT, UPPSALA_VALNAMNDEN

CONTRACT = ROOT.parent / "shared" / "CONTRACT.md"
MARTS = {
    "fct_budget_amounts",
    "fct_reconciliation_checks",
    "rpt_plan_period",
    "dim_document",
    "dim_committee",
    "dim_municipality",
    "fct_indicators",
    "rpt_indicator_comparison",
    "rpt_municipality_comparison",
    "dim_document_page",
    "rpt_unmapped_labels",
}
# The bundled corpus prints no resultaträkning, balansräkning or table of committees: nothing of
# it goes unmapped (tests/test_comparison_dev_corpus.py reads the mart where it has rows).
EMPTY_ON_THE_BUNDLED_CORPUS = {"rpt_unmapped_labels"}


# A reader, as a BI tool is: opens the published file read-only and keeps asking, on the same
# connection, until told to reopen; then answers from a new connection.
READER = textwrap.dedent(
    """
    import json, sys, time
    import duckdb
    QUERY = '''select (select count(*) from raw.documents),
                      (select count(distinct municipality_code) from marts.fct_budget_amounts),
                      (select count(*) from marts.fct_reconciliation_checks)'''
    db, stop = sys.argv[1], sys.argv[2]
    con = duckdb.connect(db, read_only=True)
    print(json.dumps({"ready": con.execute(QUERY).fetchone()}), flush=True)
    answers, errors = set(), []
    import os
    while not os.path.exists(stop):
        try:
            answers.add(tuple(con.execute(QUERY).fetchone()))
        except Exception as exc:
            errors.append(repr(exc))
        time.sleep(0.05)
    kept = tuple(con.execute(QUERY).fetchone())
    con.close()
    con = duckdb.connect(db, read_only=True)
    reopened = tuple(con.execute(QUERY).fetchone())
    con.close()
    print(json.dumps({"answers": sorted(answers), "errors": errors, "kept": kept, "reopened": reopened}))
    """
)


def test_a_reader_holding_the_file_through_a_whole_build_keeps_its_snapshot(built, tmp_path, cli_build):
    db = tmp_path / "warehouse.duckdb"
    db.write_bytes(built.read_bytes())
    doc = tmp_path / "uppsala_valnamnden_2024.txt"
    doc.write_text(UPPSALA_VALNAMNDEN, encoding="utf-8")
    stop = tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db), str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        old = tuple(json.loads(reader.stdout.readline())["ready"])
        assert old[:2] == (5, 4)

        # Two writers run to completion while the reader holds the file and keeps querying.
        ingest = cli("ingest", str(doc), "--db", str(db), "--no-progress")
        assert ingest.returncode == 0, ingest.stderr
        build = cli_build("--db", str(db), "--json", "--no-progress")
        assert build.returncode == 0, build.stderr[-2000:]
        summary = json.loads(build.stdout)  # what a scheduler acts on
        assert summary["published"] is True
        assert summary["ingest"]["totals"]["unchanged"] == 5  # the bundled corpus
        assert summary["warehouse"]["documents"] == 6
        assert summary["warehouse"]["cells"] == 809 + 6
        assert summary["checks_by_status"]["fail"] == 4  # four discrepancies in the corpus (README)
        assert summary["duration_seconds"] > 0

        stop.touch()
        out, err = reader.communicate(timeout=60)
    finally:
        if reader.poll() is None:
            reader.kill()
    assert reader.returncode == 0, err
    seen = json.loads(out)
    assert seen["errors"] == []
    assert [tuple(a) for a in seen["answers"]] == [old]  # every answer during the build: the old snapshot
    assert tuple(seen["kept"]) == old
    new = tuple(seen["reopened"])
    assert new[:2] == (6, 5)  # Uppsala's document and its municipality
    assert new[2] > old[2]
    assert sum(summary["checks_by_status"].values()) == new[2]


def test_a_build_is_refused_while_another_writes_and_says_so(built, tmp_path, cli_build):
    db = tmp_path / "warehouse.duckdb"
    db.write_bytes(built.read_bytes())
    new = tmp_path / "uppsala_valnamnden_internbudget_2024.txt"  # something to build
    new.write_text(UPPSALA_VALNAMNDEN, encoding="utf-8")
    exe = Path(sys.executable).parent / "kommunbudget"
    first = subprocess.Popen(
        [str(exe), "build", "--db", str(db), "--documents", str(new), "--no-progress"],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        lock = tmp_path / ".warehouse.duckdb.lock"
        deadline = time.monotonic() + 60
        while not any((tmp_path / ".build" / "warehouse.duckdb").glob("*/warehouse.duckdb")):
            assert time.monotonic() < deadline and first.poll() is None
            time.sleep(0.02)
        second = cli_build("--db", str(db), "--no-progress")
        assert second.returncode == 5
        assert "another kommunbudget command is writing warehouse.duckdb" in second.stderr
        assert lock.exists()
    finally:
        first.communicate(timeout=600)
    assert first.returncode == 0


@pytest.fixture(scope="module")
def engine(built):
    eng = sa.create_engine(f"duckdb:///{built}", connect_args={"read_only": True})
    yield eng
    eng.dispose()


def test_bi_tools_connect_read_only_and_see_every_mart(engine):
    inspector = sa.inspect(engine)
    relations = set(inspector.get_table_names(schema="marts")) | set(inspector.get_view_names(schema="marts"))
    assert relations == MARTS
    if CONTRACT.exists():  # the marts the shared contract names, exactly
        named = set(re.findall(r"marts\.(\w+)", CONTRACT.read_text(encoding="utf-8")))
        assert named <= relations
    with engine.connect() as con:
        for name in sorted(MARTS):
            columns = [c["name"] for c in inspector.get_columns(name, schema="marts")]
            assert columns, name
            count = con.execute(sa.text(f"select count(*) from marts.{name}")).scalar_one()
            if name in EMPTY_ON_THE_BUNDLED_CORPUS:
                assert count == 0, name
                continue
            assert count > 0, name
            first = con.execute(sa.text(f"select * from marts.{name} limit 1")).mappings().one()
            assert list(first.keys()) == columns


def _readme_queries() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("### Queries to start with", 1)[1].split("```sql", 1)[1].split("```", 1)[0]
    return [q for q in (q.strip() for q in block.split(";")) if "select" in q]


def test_bi_connection_answers_the_readme_queries(engine, built_with_dev_corpus):
    queries = _readme_queries()
    assert len(queries) >= 3
    with engine.connect() as con:
        failed = con.execute(sa.text(queries[1])).fetchall()
    # the failed checks of the bundled corpus: Linköping KS's totals that do not add up
    assert {r[0] for r in failed} == {"linkoping_kommunstyrelsen_internbudget_2024.txt"}
    # The standard lines and unmapped labels need other municipalities' statements: every query
    # answers on the bundled and development corpus together.
    dev = sa.create_engine(f"duckdb:///{built_with_dev_corpus}", connect_args={"read_only": True})
    try:
        with dev.connect() as con:
            empty = [q for q in queries if not con.execute(sa.text(q)).fetchall()]
    finally:
        dev.dispose()
    assert empty == [], "every example query returns rows"


def test_the_bi_connection_cannot_write(engine):
    with engine.connect() as con, pytest.raises(sa.exc.DBAPIError, match="read-only"):
        con.execute(sa.text("create table marts.scratch as select 1 as x"))


def test_make_docs_documents_every_model_and_column(built, tmp_path):
    site = tmp_path / "site"
    out = subprocess.run(
        ["make", "docs", f"DB={built}", f"DOCS_DIR={site}"], cwd=ROOT, capture_output=True, text=True
    )
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    html = (site / "static_index.html").read_text(encoding="utf-8")
    assert '<script src="http' not in html  # self-contained: opens offline
    manifest = json.loads((site / "manifest.json").read_text())
    catalog = json.loads((site / "catalog.json").read_text())
    models = {uid: node for uid, node in catalog["nodes"].items() if uid.startswith("model.")}
    assert {n["metadata"]["name"] for n in models.values()} >= MARTS
    undocumented = []
    for uid, node in models.items():
        described = manifest["nodes"][uid]
        if not described["description"].strip():
            undocumented.append(uid)
        documented = {k.lower(): v.get("description", "") for k, v in described["columns"].items()}
        undocumented += [f"{uid}.{c}" for c in node["columns"] if not documented.get(c.lower(), "").strip()]
    assert undocumented == []


def test_exposures_declare_what_the_report_and_the_bi_tools_read():
    import yaml

    exposures = {
        e["name"]: e for e in yaml.safe_load((ROOT / "models" / "exposures.yml").read_text())["exposures"]
    }

    def refs(name: str) -> set[str]:
        return {m for d in exposures[name]["depends_on"] for m in re.findall(r"ref\('(\w+)'\)", d)}

    report_code = "\n".join(p.read_text() for p in (ROOT / "kommunbudget" / "report").glob("*.py"))
    assert refs("kommunbudget_report") == set(re.findall(r"marts\.(\w+)", report_code))
    assert refs("bi_tools") == MARTS
