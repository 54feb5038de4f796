"""What a table column means (extract/headers.py, extract/columns.py): whose figures it holds
(the municipality or its group), whether they are outcomes or a budget, and which period they
cover. Each table is written here in the layout a municipality printed it in, with our own
labels and numbers; the expected cells are what a reader of the table takes them to be."""

from __future__ import annotations

from decimal import Decimal

from tests.support.corpus import extract_text


def cells(tmp_path, text: str, **overrides) -> dict[str, list[tuple]]:
    """Each row's cells as (year, scenario, value, entity), by row label, through the real
    extraction of a small text document."""
    result = extract_text(tmp_path, text, **overrides)
    out: dict[str, list[tuple]] = {}
    for table in result.tables:
        by_index = {c.column_index: c for c in table.columns}
        for row in table.rows:
            for cell in row.cells:
                col = by_index[cell.column_index]
                if col.amount_kind == "note":
                    continue
                out.setdefault(row.label, []).append(
                    (col.fiscal_year, col.scenario, cell.value_numeric, col.reporting_entity)
                )
    return out


def test_a_table_with_group_columns_reports_outcomes_for_both_entities(tmp_path):
    # Notes to an annual report, the document's type not printed in the excerpt: a koncern
    # column says the table reports outcomes, so the municipality's bare 2023 is one too.
    doc = (
        "Noter\n\n"
        "Belopp i mnkr Kommun\n2023\nKommun\n2022\nKoncern\n2023\nKoncern\n2022\n\n"
        "Not 1: Verksamhetens intäkter\n"
        "Taxor och avgifter 52 48 71 66\n"
        "Hyror och arrenden 20 19 96 90\n"
        "Summa 72 67 167 156\n"
    )
    got = cells(tmp_path, doc, base_year=2023)
    assert got["Taxor och avgifter"] == [
        (2023, "utfall", Decimal("52"), "kommun"),
        (2022, "utfall", Decimal("48"), "kommun"),
        (2023, "utfall", Decimal("71"), "koncern"),
        (2022, "utfall", Decimal("66"), "koncern"),
    ]


def test_bare_years_latest_first_are_outcomes(tmp_path):
    # A balanskrav reconciliation sets the year it reports on first and the years before it
    # after: each is a closed year, the first included.
    doc = (
        "Mnkr 2023 2022 2021\n"
        "Årets resultat 310 250 400\n"
        "Avgår realisationsvinster -10 -5 -20\n"
        "Årets balanskravsresultat 300 245 380\n"
    )
    got = cells(tmp_path, doc, base_year=2023)
    assert got["Årets resultat"] == [
        (2023, "utfall", Decimal("310"), "kommun"),
        (2022, "utfall", Decimal("250"), "kommun"),
        (2021, "utfall", Decimal("400"), "kommun"),
    ]


def test_bare_years_in_time_order_still_end_in_the_budget_year(tmp_path):
    # The same table printed forward in time, nothing saying it reports: a budget's columns run
    # to the year it is for, so that year stays the budget (unchanged by the rule above).
    doc = "Mnkr 2021 2022 2023\nÅrets resultat 400 250 310\nAvgår realisationsvinster -20 -5 -10\n"
    got = cells(tmp_path, doc, base_year=2023)
    assert [c[1] for c in got["Årets resultat"]] == ["utfall", "utfall", "budget"]
