"""The whole build: the CLI lands the corpus, validates it, runs dbt (models, data tests, unit
tests) and publishes; the tests then read the published marts."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from tests.support.cli import cli
from tests.support.corpus import ROOT, UPPSALA_VALNAMNDEN

CONTRACT = {
    "marts.fct_budget_amounts": [
        "amount_id",
        "document_id",
        "municipality_code",
        "municipality_name",
        "committee_name",
        "committee_type",
        "table_title",
        "section_label",
        "line_label",
        "line_kind",
        "fiscal_year",
        "scenario",
        "amount_tkr",
        "unit_as_printed",
        "value_as_printed",
        "source_file",
        "source_page",
        "source_line",
    ],
    "marts.fct_reconciliation_checks": [
        "check_id",
        "check_type",
        "municipality_code",
        "committee_name",
        "document_id",
        "table_title",
        "line_label",
        "fiscal_year",
        "scenario",
        "reported_tkr",
        "computed_tkr",
        "difference_tkr",
        "tolerance_tkr",
        "status",
        "explanation",
    ],
    "marts.rpt_plan_period": [
        "municipality_code",
        "committee_name",
        "measure",
        "fiscal_year",
        "amount_tkr",
        "scenario",
        "source_count",
        "sources_agree",
        "max_disagreement_tkr",
        "status",
    ],
    "marts.rpt_municipality_comparison": [
        "municipality_code",
        "committee_type",
        "fiscal_year",
        "measure",
        "amount_tkr",
        "population",
        "amount_per_capita_sek",
        "comparability",
    ],
    "marts.fct_indicators": [
        "municipality_code",
        "committee_name",
        "goal_area",
        "indicator_label",
        "kolada_kpi_id",
        "period_year",
        "value_numeric",
        "value_as_printed",
        "unit",
        "is_target",
        "gender",
    ],
    "marts.dim_municipality": ["municipality_code", "municipality_name", "population"],
    "marts.dim_committee": ["committee_name", "committee_type", "municipality_code"],
    "marts.dim_document": ["document_id", "source_file", "municipality_code", "committee_name"],
    "raw.extraction_issues": ["document_id", "source_line", "severity", "code", "message"],
}


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def con(built):
    c = duckdb.connect(str(built), read_only=True)
    yield c
    c.close()


def test_the_warehouse_keeps_the_contract(con):
    columns = {}
    for schema, table, column in con.execute(
        "select table_schema, table_name, column_name from information_schema.columns"
    ).fetchall():
        columns.setdefault(f"{schema}.{table}", set()).add(column)
    for relation, wanted in CONTRACT.items():
        assert set(wanted) <= columns[relation], relation
        if relation != "raw.extraction_issues":
            assert con.execute(f"select count(*) from {relation}").fetchone()[0] > 0, relation
    assert {
        r[0] for r in con.execute("select distinct schema_name from information_schema.schemata").fetchall()
    } >= {
        "raw",
        "staging",
        "intermediate",
        "marts",
    }


def test_shared_contract_check_passes(built):
    check = ROOT.parent / "shared" / "checks" / "contract_check.py"
    if not check.exists():
        pytest.skip("../shared/checks/contract_check.py is not beside this checkout")
    out = subprocess.run([sys.executable, str(check), str(built)], capture_output=True, text=True)
    assert out.returncode == 0 and "contract: ok" in out.stdout, out.stdout


# Every inconsistency beyond rounding in the corpus, found by reading the documents:
FINDINGS = {
    (
        "sum_of_items",
        "Kommunstyrelsen (tkr)",
        "Summa kommunstyrelsen",
        2023,
        Decimal("28143"),
        Decimal("27409"),
    ),
    ("sum_of_items", "Investeringar", "Summa investeringar", 2023, Decimal("419000"), Decimal("419900")),
    (
        "net_equals_costs_minus_income",
        "Ekonomistaben (tkr)",
        "Summa Ekonomistaben",
        2023,
        Decimal("34040"),
        Decimal("-2146"),
    ),
    (
        "net_equals_costs_minus_income",
        "Kommunikations- och utvecklingsstaben (tkr)",
        "Summa Kommunikation & utvecklingsstab",
        2023,
        Decimal("59074"),
        Decimal("56990"),
    ),
}


def test_every_inconsistency_is_found_and_nothing_else_fails(con):
    fails = set(
        con.execute(
            "select check_type, table_title, line_label, fiscal_year, reported_tkr, computed_tkr "
            "from marts.fct_reconciliation_checks where status = 'fail'"
        ).fetchall()
    )
    assert fails == FINDINGS


def test_one_discrepancy_is_one_finding(con):
    # Summa investeringar 2023 prints 419,0 mnkr; its seven items and its varav utgifter (419,9)
    # both disagree: two checks catch it, sum_of_items counts it, the net check points to it.
    rows = con.execute(
        "select c.check_type, c.status, counted.check_type from marts.fct_reconciliation_checks c "
        "left join marts.fct_reconciliation_checks counted on c.same_finding_as = counted.check_id "
        "where c.line_label = 'Summa investeringar' and c.fiscal_year = 2023 "
        "and c.check_type in ('sum_of_items', 'net_equals_costs_minus_income') order by 1"
    ).fetchall()
    assert rows == [
        ("net_equals_costs_minus_income", "warn", "sum_of_items"),
        ("sum_of_items", "fail", None),
    ]


def test_unit_errors_are_warned_with_both_readings_and_read_as_the_evidence_says(con):
    warned = con.execute(
        "select table_title, line_label, fiscal_year, reported_tkr, computed_tkr, difference_tkr "
        "from marts.fct_reconciliation_checks where check_type = 'unit_consistency' order by all"
    ).fetchall()
    # One finding per line: the first year's figure as the mnkr header reads it, and in tkr.
    assert warned == [
        ("Driftsammandrag", "Summa nämndens internbudget", 2024, Decimal("5378000"), Decimal("5378"), None),
        ("Ekonomi", "Investeringar netto Leanlink", 2024, Decimal("4400000"), Decimal("4400"), None),
    ]
    (leanlink_text,) = con.execute(
        "select explanation from marts.fct_reconciliation_checks "
        "where check_type = 'unit_consistency' and line_label = 'Investeringar netto Leanlink'"
    ).fetchone()
    assert leanlink_text.startswith("'Investeringar netto Leanlink' in Ekonomi (line 447), 2024–2029:")
    assert "×1 000" in leanlink_text
    # Valnämnden's Driftsammandrag says mnkr over tkr values: the whole table is read in tkr.
    personal = con.execute(
        "select amount_tkr, unit_as_printed, unit_as_read from marts.fct_budget_amounts "
        "where line_label = 'Personalkostnader' and committee_name = 'Valnämnden' and fiscal_year = 2022"
    ).fetchall()
    assert personal == [(Decimal("2001.000"), "mnkr", "tkr")]
    leanlink = con.execute(
        "select amount_tkr from marts.fct_budget_amounts "
        "where line_label = 'Investeringar netto Leanlink' and fiscal_year = 2024"
    ).fetchall()
    assert leanlink == [(Decimal("4400.000"),)]
    # and Leanlink's costs, 1 597 mnkr with no contrary evidence, stay in mnkr
    costs = con.execute(
        "select amount_tkr from marts.fct_budget_amounts where value_as_printed = '1 597' and fiscal_year = 2024"
    ).fetchall()
    assert costs == [(Decimal("1597000.000"),), (Decimal("1597000.000"),)]


def test_rounding_raises_no_false_alarm(con):
    # Driftsammandrag 2024: 718,9 − 52,2 = 666,7 against 666,8, and the eight units add up to
    # 666,9: both within what one-decimal rounding explains.
    rows = con.execute(
        "select check_type, status, difference_tkr, tolerance_tkr from marts.fct_reconciliation_checks "
        "where table_title = 'Driftsammandrag' and committee_name = 'Kommunstyrelsen' and fiscal_year = 2024 "
        "and check_type in ('sum_of_items', 'net_equals_costs_minus_income') order by check_type"
    ).fetchall()
    assert rows == [
        ("net_equals_costs_minus_income", "pass", Decimal("100.000"), Decimal("100.000")),
        ("sum_of_items", "pass", Decimal("-100.000"), Decimal("400.000")),
    ]


def test_explanations_name_table_line_year_and_both_figures(con):
    (text,) = con.execute(
        "select explanation from marts.fct_reconciliation_checks "
        "where check_type = 'sum_of_items' and status = 'fail' and line_label = 'Summa kommunstyrelsen'"
    ).fetchone()
    assert text == (
        "'Summa kommunstyrelsen' in Kommunstyrelsen (tkr) (line 829), 2023: the document prints "
        "28 143 tkr but its 6 parts add up to 27 409 tkr, a difference of 734 tkr where rounding "
        "explains at most 3 tkr."
    )


def test_the_plan_period(con):
    rows = dict(
        ((m, c, y), (a, s, n, ok))
        for m, c, y, a, s, n, ok in con.execute(
            "select municipality_code, committee_name, fiscal_year, amount_tkr, status, source_count, "
            "sources_agree from marts.rpt_plan_period where measure = 'net_cost'"
        ).fetchall()
    )
    assert rows[("0580", "Kommunstyrelsen", 2024)] == (Decimal("666800.000"), "complete", 5, True)
    assert rows[("0580", "Kommunstyrelsen", 2029)] == (Decimal("679100.000"), "complete", 2, True)
    assert rows[("0580", "Valnämnden", 2026)] == (Decimal("5417.000"), "complete", 2, True)
    assert rows[("0581", "Kommunstyrelsen", 2024)] == (Decimal("493400.000"), "complete", 1, True)
    assert rows[("2580", "Kommunstyrelsen", 2025)] == (Decimal("283797.000"), "complete", 2, True)
    for year in range(2026, 2030):
        assert rows[("2580", "Kommunstyrelsen", year)] == (None, "missing", 0, None)
    assert len(rows) == 5 * 6


def test_comparisons_cover_all_four_municipalities(con):
    rows = con.execute(
        "select municipality_code, amount_tkr, population, amount_per_capita_sek, comparability "
        "from marts.rpt_municipality_comparison "
        "where committee_type = 'kommunstyrelse' and measure = 'net_cost' and fiscal_year = 2024 "
        "order by municipality_code"
    ).fetchall()
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        # on SCB's folkmängd 31 December 2024 (seeds/population.csv)
        ("0480", Decimal("204600.000"), 58344, Decimal("3506.79")),
        ("0580", Decimal("666800.000"), 168035, Decimal("3968.22")),
        ("0581", Decimal("493400.000"), 144980, Decimal("3403.23")),
        ("2580", Decimal("281078.000"), 79645, Decimal("3529.14")),
    ]
    notes = {r[0]: r[4] for r in rows}
    assert "Räddningstjänsten Östra Götaland" in notes["0581"] and "running text" in notes["0581"]
    assert "Kommungemensamt" in notes["0580"]
    assert "Kommunstaben" in notes["2580"]
    assert "compensation" in notes["0480"]


def test_per_capita_uses_the_population_of_the_figures_year(con):
    rows = {
        (r[0], r[1]): r[2:]
        for r in con.execute(
            "select municipality_code, fiscal_year, amount_tkr, population, population_date, amount_per_capita_sek "
            "from marts.rpt_municipality_comparison "
            "where committee_type = 'kommunstyrelse' and measure = 'net_cost'"
        ).fetchall()
    }
    # Linköping's Kommunstyrelsen 2024: "Nettokostnader KS/KLF 666,8" mnkr (its internbudget 2024)
    # on SCB's 168 035 inhabitants of 31 December 2024: 666 800 000 / 168 035 = 3 968,22 kr.
    assert rows[("0580", 2024)] == (Decimal("666800.000"), 168035, date(2024, 12, 31), Decimal("3968.22"))
    # 2022's outcome on 2022's population (SCB, 166 673): 554 900 000 / 166 673 = 3 329,27 kr
    assert rows[("0580", 2022)] == (Decimal("554900.000"), 166673, date(2022, 12, 31), Decimal("3329.27"))
    # 2023 lies between 2022 and 2024 in the seed: the earlier, 618 500 000 / 166 673 = 3 710,86 kr
    assert rows[("0580", 2023)] == (Decimal("618500.000"), 166673, date(2022, 12, 31), Decimal("3710.86"))
    # plan years after the seed's last: 2024's, 680 000 000 / 168 035 = 4 046,78 kr
    assert rows[("0580", 2026)] == (Decimal("680000.000"), 168035, date(2024, 12, 31), Decimal("4046.78"))
    # Luleå 2021, before 2022 (79 244) and after 2017: 250 584 000 / 79 244 = 3 162,18 kr
    assert rows[("2580", 2021)] == (Decimal("250584.000"), 79244, date(2022, 12, 31), Decimal("3162.18"))


def test_each_municipality_is_compared_with_its_peer_group(con):
    rows = {
        (r[0], r[1], r[2], r[3]): r[4:]
        for r in con.execute(
            "select municipality_code, committee_type, measure, fiscal_year, peer_group_code, peer_group_name, "
            "peer_group_median_per_capita_sek, peer_group_count, comparability_code, growth_base_year, "
            "growth_since_base_year from marts.rpt_municipality_comparison"
        ).fetchall()
    }
    # SKR's kommungrupper 2023: Linköping, Norrköping and Luleå B3 Större stad, Nyköping C6
    groups = {(k[0], v[0], v[1]) for k, v in rows.items()}
    assert groups == {
        ("0480", "C6", "Mindre stad/tätort"),
        ("0580", "B3", "Större stad"),
        ("0581", "B3", "Större stad"),
        ("2580", "B3", "Större stad"),
    }
    ks = "kommunstyrelse", "net_cost"
    # 2024 budgets in B3: Linköping 3 968,22 and Norrköping 3 403,23, median 3 685,725 -> 3 685,73;
    # Luleå's 2024 is a plan, compared with plans only (its own); Nyköping alone in C6.
    assert rows[("0580", *ks, 2024)][2:] == (Decimal("3685.73"), 2, "wider_scope", 2024, Decimal("0.0000"))
    assert rows[("0581", *ks, 2024)][2:] == (Decimal("3685.73"), 2, "wider_scope", 2024, Decimal("0.0000"))
    assert rows[("2580", *ks, 2024)][2:] == (Decimal("3529.14"), 1, "narrower_scope", 2024, Decimal("0.0000"))
    assert rows[("0480", *ks, 2024)][2:] == (Decimal("3506.79"), 1, "narrower_scope", 2024, Decimal("0.0000"))
    # 2025 plans in B3: Linköping 4 009,28 and Luleå 3 563,27, median 3 786,28
    assert rows[("0580", *ks, 2025)][2:4] == (Decimal("3786.28"), 2)
    # one base year for Kommunstyrelsen's net cost: 2024, the only year all four state.
    # Linköping 2029: 679 100 / 666 800 − 1 = 1,84 %; Luleå 2021: 250 584 / 281 078 − 1 = −10,85 %
    assert rows[("0580", *ks, 2029)][4:] == ("wider_scope", 2024, Decimal("0.0184"))
    assert rows[("2580", *ks, 2021)][4:] == ("narrower_scope", 2024, Decimal("-0.1085"))
    # net investment: 2023, the earliest year both Linköping (2023–2029) and Luleå (2021–2025)
    # state; nobody has reviewed it. Luleå 2025: 55 500 / 77 200 − 1 = −28,11 %
    assert rows[("2580", "kommunstyrelse", "net_investment", 2025)][4:] == (
        "not_reviewed",
        2023,
        Decimal("-0.2811"),
    )
    assert rows[("0580", "valnamnd", "net_cost", 2024)][4:6] == ("same_scope", 2022)
    assert {v[5] for k, v in rows.items() if k[1:3] == ks} == {2024}


def test_indicator_comparison_shows_sick_leave_hme_and_nki(con):
    rows = set(
        con.execute(
            "select concept_id, municipality_name, period_year, value_as_printed from marts.rpt_indicator_comparison "
            "where value_role = 'value'"
        ).fetchall()
    )
    assert {
        ("sick_leave_total", "Linköping", 2022, "8,3"),
        ("sick_leave_total", "Nyköping", 2023, "9,1"),
        ("hme_total", "Linköping", 2023, "75"),
        ("hme_total", "Nyköping", 2023, "78"),
        ("business_climate_nki", "Linköping", 2022, "78"),
        ("business_climate_nki", "Nyköping", 2022, "76"),
    } <= rows


def test_indicators_keep_no_value_as_null(con):
    bad = con.execute(
        "select count(*) from marts.fct_indicators where value_as_printed in ('I.U.', 'I.U', 'i.U.', '-') "
        "and value_numeric is not null"
    ).fetchone()[0]
    assert bad == 0
    nki = con.execute(
        "select kolada_kpi_id from marts.fct_indicators where municipality_code = '0480' "
        "and indicator_label like 'Företagsklimat enl ÖJ (Insikt) – Totalt NKI%' group by all"
    ).fetchall()
    assert nki == [("U07451",)]


def _marts(db: Path) -> dict:
    c = duckdb.connect(str(db), read_only=True)
    try:
        return {
            t: c.execute(f"select * from marts.{t} order by all").fetchall()
            for t in (
                "fct_budget_amounts",
                "fct_reconciliation_checks",
                "rpt_plan_period",
                "fct_indicators",
                "rpt_municipality_comparison",
            )
        }
    finally:
        c.close()


def test_building_twice_changes_nothing(built, cli_build):
    before = _marts(built)
    out = cli_build("--db", str(built), "--json", "--no-progress")
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout)["ingest"]["totals"]["unchanged"] == 5
    assert _marts(built) == before


def test_failed_validation_publishes_nothing(built, tmp_path, cli_build):
    db = tmp_path / "warehouse.duckdb"
    db.write_bytes(built.read_bytes())
    c = duckdb.connect(str(db))
    c.execute("update raw.tables set unit = 'xkr' where table_no = 1")
    c.close()
    before = sha(db)
    out = cli_build("--db", str(db), "--no-progress")
    assert out.returncode == 3
    assert "raw.tables.unit" in out.stderr and "'xkr'" in out.stderr
    assert sha(db) == before
    assert not (tmp_path / ".build").exists()


def test_a_new_municipality_in_the_seed_joins_the_comparisons(built, tmp_path, cli_build):
    db = tmp_path / "warehouse.duckdb"
    db.write_bytes(built.read_bytes())
    doc = tmp_path / "uppsala_valnamnden_2024.txt"
    doc.write_text(UPPSALA_VALNAMNDEN, encoding="utf-8")
    ingest = cli("ingest", str(doc), "--db", str(db), "--no-progress")
    assert ingest.returncode == 0, ingest.stderr
    out = cli_build("--db", str(db), "--no-progress")
    assert out.returncode == 0, out.stderr[-2000:]
    c = duckdb.connect(str(db), read_only=True)
    try:
        rows = c.execute(
            "select committee_type, fiscal_year, amount_tkr, amount_per_capita_sek, comparability "
            "from marts.rpt_municipality_comparison where municipality_code = '0380' order by fiscal_year"
        ).fetchall()
        checks = c.execute(
            "select status, count(*) from marts.fct_reconciliation_checks where municipality_code = '0380' "
            "and check_type = 'sum_of_items' group by all"
        ).fetchall()
    finally:
        c.close()
    # Uppsala's population comes with the seed: 248 016 on 31 December 2024 (SCB), the nearest
    # year for 2025 too. 1 000 tkr / 248 016 = 4,03 kr; 350 tkr / 248 016 = 1,41 kr.
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        ("valnamnd", 2024, Decimal("1000.000"), Decimal("4.03")),
        ("valnamnd", 2025, Decimal("350.000"), Decimal("1.41")),
    ]
    assert rows[0][4].startswith("Not reviewed") and rows[0][4].endswith(
        "Per inhabitant on the population of 2024-12-31 (SCB, folkmängd 31 december 2024 (Kolada N01951))."
    )
    assert "the nearest year seeds/population.csv has" in rows[1][4]
    assert checks == [("pass", 2)]


def test_an_incremental_build_equals_a_full_one(built, tmp_path, cli_build):
    # A new version of Valnämnden's budget (one item changed) lands; the next build processes
    # only it in the incremental models and must end exactly where a full rebuild ends.
    from kommunbudget.dbt import run_dbt
    from tests.support.corpus import CORPUS, DOCS

    db = tmp_path / "warehouse.duckdb"
    db.write_bytes(built.read_bytes())
    text = (CORPUS / DOCS["linkoping_valnamnden"]).read_text(encoding="utf-8")
    assert " Arvoden ledamöter 406 113 300 116 300 116 116 300 " in text
    new = tmp_path / DOCS["linkoping_valnamnden"]
    new.write_text(text.replace(" Arvoden ledamöter 406 ", " Arvoden ledamöter 416 "), encoding="utf-8")
    # (--documents: the bundled corpus would land the original again, as the newer file.)
    out = cli_build("--db", str(db), "--documents", str(new), "--json", "--no-progress")
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout)["dbt_full_refresh"] is False
    # the project did not change since the last build: its unit tests (fixtures only), its seeds
    # and what is built from seeds alone are not rerun; what the documents feed is
    results = json.loads((tmp_path / ".warehouse.duckdb.dbt" / "target" / "run_results.json").read_text())
    ran = {r["unique_id"] for r in results["results"]}
    kinds = {node.split(".")[0] for node in ran}
    assert "model" in kinds and "test" in kinds and "unit_test" not in kinds and "seed" not in kinds
    assert "model.kommunbudget.fct_budget_amounts" in ran
    assert "model.kommunbudget.stg_budget_documents__unit_factors" not in ran  # seeds/units.csv alone

    full = tmp_path / "full" / "warehouse.duckdb"
    full.parent.mkdir()
    full.write_bytes(db.read_bytes())
    assert run_dbt(["build", "--full-refresh"], full, full.parent).ok

    assert _marts(db) == _marts(full)
    c = duckdb.connect(str(db), read_only=True)
    try:
        old_versions = c.execute(
            "select count(*) from intermediate.int_budget_amounts__read where document_id not in "
            "(select document_id from raw.documents where is_current)"
        ).fetchone()[0]
        finding = c.execute(
            "select reported_tkr, computed_tkr from marts.fct_reconciliation_checks where status = 'fail' "
            "and source_file = ? and fiscal_year = 2022",
            [DOCS["linkoping_valnamnden"]],
        ).fetchall()
    finally:
        c.close()
    assert old_versions == 0
    assert finding == [(Decimal("5035.000"), Decimal("5045.000"))]  # the changed item, found
