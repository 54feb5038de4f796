"""Issue 12, item 6: what a document says is a finding about that document, never a reason to
stop publishing the warehouse; and the warehouse's own keys hold for any document.

Two documents written the way committees print annual reports: tables that print the same year
twice (Budget 2023 and Utfall 2023: driftredovisning, investeringsredovisning, bidrag), and a
table of totals whose parts are not printed. Both are ingested into a copy of the built corpus
and built through the real CLI.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal

import duckdb
import pytest

from tests.support.cli import cli

# An annual report: each table prints 2023 twice, as budget and as outcome.
ANNUAL_REPORT = """Kultur- och fritidsnämndens årsrapport 2023
Linköpings kommun. Kultur- och fritidsnämnden redovisar utfallet för 2023.

Driftredovisning

Belopp tkr
Budget
2023
Utfall
2023
Budget
2024

Intäkter 10 000 11 000 12 000
Kostnader 50 000 49 000 52 000
Summa 60 000 60 000 64 000

Investeringsredovisning

Belopp tkr
Budget
2023
Utfall
2023

Inventarier 1 000 900
Byggnader 2 000 2 100
Summa 3 000 3 000

Bidrag

Belopp tkr
Budget
2023
Utfall
2023

Föreningsbidrag 500 450
Kulturbidrag 300 320
Summa 800 770
"""

# Totals only: the document prints no parts, so no total can be checked.
TOTALS_ONLY = """Tekniska nämndens årsrapport 2023
Linköpings kommun. Tekniska nämnden redovisar utfallet för 2023.

Ekonomi i sammandrag

Belopp tkr
Budget
2023
Utfall
2023

Summa intäkter 10 000 11 000
Summa kostnader 50 000 49 000
Summa nettokostnad 40 000 38 000
"""


@pytest.fixture(scope="module")
def findings_build(built, tmp_path_factory, cli_build):
    tmp = tmp_path_factory.mktemp("findings")
    db = tmp / "warehouse.duckdb"
    shutil.copy(built, db)
    docs = []
    for name, text in (
        ("kultur_arsrapport_2023.txt", ANNUAL_REPORT),
        ("teknik_arsrapport_2023.txt", TOTALS_ONLY),
    ):
        path = tmp / name
        path.write_text(text, encoding="utf-8")
        docs.append(path)
    ingest = cli("ingest", *map(str, docs), "--db", str(db), "--municipality", "0580", "--no-progress")
    assert ingest.returncode == 0, ingest.stderr
    out = cli_build("--db", str(db), "--json", "--no-progress")
    return db, out


def test_item6_a_document_with_unchecked_totals_is_published_with_its_findings(findings_build):
    db, out = findings_build
    assert out.returncode == 0, out.stderr[-3000:]
    summary = json.loads(out.stdout)
    assert summary["published"] is True
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select line_label, fiscal_year, scenario, status, explanation from marts.fct_reconciliation_checks "
            "where source_file = 'teknik_arsrapport_2023.txt' and check_type = 'sum_of_items' "
            "order by source_line, scenario desc"
        ).fetchall()
        others = con.execute(
            "select count(distinct municipality_code) from marts.fct_budget_amounts"
        ).fetchone()[0]
    finally:
        con.close()
    # Each printed total is listed as a finding (warn), not silently accepted or fatal.
    assert [r[:4] for r in rows] == [
        ("Summa intäkter", 2023, "utfall", "warn"),
        ("Summa intäkter", 2023, "budget", "warn"),
        ("Summa kostnader", 2023, "utfall", "warn"),
        ("Summa kostnader", 2023, "budget", "warn"),
        ("Summa nettokostnad", 2023, "utfall", "warn"),
        ("Summa nettokostnad", 2023, "budget", "warn"),
    ]
    assert "cannot be checked" in rows[0][4] and "Summa intäkter" in rows[0][4]
    assert others == 4  # every other municipality was published too


def test_item6_two_columns_of_one_year_are_checked_apart_with_distinct_ids(findings_build):
    db, out = findings_build
    assert out.returncode == 0, out.stderr[-3000:]
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "select table_title, fiscal_year, scenario, status, reported_tkr, computed_tkr "
            "from marts.fct_reconciliation_checks where source_file = 'kultur_arsrapport_2023.txt' "
            "and check_type = 'sum_of_items' order by table_title, fiscal_year, scenario"
        ).fetchall()
        duplicates = con.execute(
            "select count(*) - count(distinct check_id) from marts.fct_reconciliation_checks"
        ).fetchone()[0]
    finally:
        con.close()
    assert duplicates == 0
    # Budget and outcome of 2023 are each summed from their own column, never mixed.
    assert rows == [
        ("Bidrag", 2023, "budget", "pass", Decimal("800.000"), Decimal("800.000")),
        ("Bidrag", 2023, "utfall", "pass", Decimal("770.000"), Decimal("770.000")),
        ("Driftredovisning", 2023, "budget", "pass", Decimal("60000.000"), Decimal("60000.000")),
        ("Driftredovisning", 2023, "utfall", "pass", Decimal("60000.000"), Decimal("60000.000")),
        ("Driftredovisning", 2024, "budget", "pass", Decimal("64000.000"), Decimal("64000.000")),
        ("Investeringsredovisning", 2023, "budget", "pass", Decimal("3000.000"), Decimal("3000.000")),
        ("Investeringsredovisning", 2023, "utfall", "pass", Decimal("3000.000"), Decimal("3000.000")),
    ]


def test_item6_warned_tests_are_listed_in_the_build_summary(findings_build):
    _, out = findings_build
    assert out.returncode == 0, out.stderr[-3000:]
    summary = json.loads(out.stdout)
    assert "ERROR=0" in summary["dbt"]
    # The report lists the findings; the summary names any dbt test that only warned.
    assert isinstance(summary["dbt_warnings"], list)
    assert "warned" in out.stderr or summary["dbt_warnings"] == []
