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


def columns(tmp_path, text: str, **overrides) -> list[tuple]:
    """The first table's columns as (year, scenario, kind, entity, period)."""
    table = extract_text(tmp_path, text, **overrides).tables[0]
    return [
        (c.fiscal_year, c.scenario, c.amount_kind, c.reporting_entity, c.period_kind) for c in table.columns
    ]


def test_two_entities_named_on_one_line_over_their_groups_of_year_columns(tmp_path):
    # The group labels share one line with Not; the scenario and year of each column follow one
    # word per line (a web page's cells). The municipality prints three columns (two closed
    # years and the budget), its group two: the repeated Bokslut 2023 starts the group's.
    doc = (
        "Resultaträkning\n\n"
        "(mnkr) Not Kommunen Sammanställd redovisning\n"
        "Bokslut\n2022\nBokslut\n2023\nBudget\n2023\nBokslut\n2022\nBokslut\n2023\n"
        "Verksamhetens intäkter 1 150,0 160,0 155,0 210,0 225,0\n"
        "Verksamhetens kostnader 2 –900,0 –950,0 –940,0 –1 000,0 –1 060,0\n"
        "Verksamhetens nettokostnader   –750,0 –790,0 –785,0 –790,0 –835,0\n"
    )
    got = cells(tmp_path, doc, base_year=2023)
    assert got["Verksamhetens kostnader"] == [
        (2022, "utfall", Decimal("-900.0"), "kommun"),
        (2023, "utfall", Decimal("-950.0"), "kommun"),
        (2023, "budget", Decimal("-940.0"), "kommun"),
        (2022, "utfall", Decimal("-1000.0"), "koncern"),
        (2023, "utfall", Decimal("-1060.0"), "koncern"),
    ]


def test_a_table_captioned_with_the_group_holds_the_groups_outcomes(tmp_path):
    # A section on the municipal group prints its key figures under bare years, oldest first.
    # The caption names the group: the columns are the group's, and the group's accounts are
    # compiled only for a report, so its latest year is an outcome, not a budget.
    doc = (
        "Kommunkoncernen\n\n"
        "(tkr) 2021 2022 2023\n"
        "Årets resultat – 2 100 4 300 – 12 800\n"
        "Investeringar, tkr 41 500 38 200 44 900\n"
    )
    got = cells(tmp_path, doc, base_year=2023)
    assert got["Årets resultat"] == [
        (2021, "utfall", Decimal("-2100"), "koncern"),
        (2022, "utfall", Decimal("4300"), "koncern"),
        (2023, "utfall", Decimal("-12800"), "koncern"),
    ]


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
    # "Noter" over the unit's line heads the notes section: it is no Not column of the table
    assert [c[2] for c in columns(tmp_path, doc, base_year=2023)] == ["amount"] * 4


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


def test_period_columns_of_a_two_line_header_with_a_wrapped_caption(tmp_path):
    # An interim report: the caption over the labels wraps onto the second header line and ends
    # in its unit; each column's scenario stands over its year or its months and year. The
    # month columns are part of the year, the full-year budget and forecast are not, and the
    # Budget avvikelse column is a deviation (forecast less budget: -310 - -300 = -10).
    doc = (
        "Nämndernas nettokostnad Budget Budget Utfall Utfall Prognos Budget\n\n"
        "per nämnd, mnkr 2023 jan-aug 2023 jan-aug 2023 jan-aug 2022 2023 avvikelse\n\n"
        "Socialnämnd -300,0 -200,0 -210,0 -190,0 -310,0 -10,0\n\n"
        "Tekniska nämnden -90,0 -60,0 -55,0 -58,0 -85,0 5,0\n"
    )
    assert columns(tmp_path, doc, base_year=2023) == [
        (2023, "budget", "amount", "kommun", "year"),
        (2023, "budget", "amount", "kommun", "part_year"),
        (2023, "utfall", "amount", "kommun", "part_year"),
        (2022, "utfall", "amount", "kommun", "part_year"),
        (2023, "prognos", "amount", "kommun", "year"),
        (2023, "utfall", "deviation", "kommun", "year"),
    ]
    got = cells(tmp_path, doc, base_year=2023)
    assert [c[2] for c in got["Socialnämnd"]] == [
        Decimal(v) for v in ("-300.0", "-200.0", "-210.0", "-190.0", "-310.0", "-10.0")
    ]


def test_a_word_on_its_own_line_over_the_years_names_every_column(tmp_path):
    # What the columns measure, on a line of its own over the year columns: it heads all three,
    # not the first one alone (which then read as a different kind of column from its neighbours).
    doc = "Resultat\n\n(tkr) 2021 2022 2023\nÅrets resultat 1 500 – 2 300 4 100\nFinansnetto 200 150 – 50\n"
    table = extract_text(tmp_path, doc, base_year=2023).tables[0]
    assert [(c.header_text, c.fiscal_year, c.amount_kind) for c in table.columns] == [
        ("Resultat 2021", 2021, "amount"),
        ("Resultat 2022", 2022, "amount"),
        ("Resultat 2023", 2023, "amount"),
    ]


def test_an_entity_named_once_heads_every_year_after_it(tmp_path):
    # A five-year summary printed one cell per line: the entity is named once, over its years.
    doc = (
        "Fem år i korthet\n\nVår kommunkoncern\n\n2023\n\n2022\n\n2021\n\n"
        "Årets resultat\n\n310\n\n250\n\n400\n\nEget kapital\n\n8 100\n\n7 800\n\n7 500\n"
    )
    got = cells(tmp_path, doc, base_year=2023)
    assert got["Eget kapital"] == [
        (2023, "utfall", Decimal("8100"), "koncern"),
        (2022, "utfall", Decimal("7800"), "koncern"),
        (2021, "utfall", Decimal("7500"), "koncern"),
    ]


def test_the_year_of_a_column_headed_by_the_type_word_is_not_the_documents(tmp_path):
    # The first line names the type (…budget) without a year; the next header's "Budget 2023"
    # is last year's budget column, not the year the document is for, which the file names.
    doc = (
        "Balansbudget\n\nmnkr Bokslut\n2022\nBudget\n2023\nBudget\n2024\nPlan\n2025\n"
        "Anläggningstillgångar 1 210,0 1 260,0 1 330,0 1 400,0\n"
        "Omsättningstillgångar 190,0 170,0 160,0 150,0\n"
        "Summa tillgångar 1 400,0 1 430,0 1 490,0 1 550,0\n"
    )
    result = extract_text(tmp_path, doc, name="balansbudget2024.txt", base_year=None)
    assert (result.meta.document_type, result.meta.base_year) == ("budget", 2024)


def test_entity_labels_in_a_row_before_their_years_one_cell_per_line(tmp_path):
    # A web page's table flattened to one cell per line: Not, then the two group labels, then
    # the four years. Each label heads the two years that fall to it, in order; Not heads none.
    doc = (
        "Kassaflödesanalys\n\nmnkr\n\nNot\n\nKommunkoncernen\n\nKommunen\n\n"
        "2023\n\n2022\n\n2023\n\n2022\n\n"
        "Årets resultat\n\n120,5\n\n98,0\n\n101,2\n\n80,4\n\n"
        "Justering för av- och nedskrivningar\n\n4\n\n60,0\n\n55,5\n\n41,0\n\n38,5\n"
    )
    got = cells(tmp_path, doc, base_year=2023)
    assert got["Justering för av- och nedskrivningar"] == [
        (2023, "utfall", Decimal("60.0"), "koncern"),
        (2022, "utfall", Decimal("55.5"), "koncern"),
        (2023, "utfall", Decimal("41.0"), "kommun"),
        (2022, "utfall", Decimal("38.5"), "kommun"),
    ]


def test_a_change_between_two_years_is_the_later_years_not_a_sum_over_both(tmp_path):
    # Förändring 2012/2013 names the two years compared: a change over 2013, no multi-year total.
    doc = (
        "Driftredovisning\n\n(tkr) Utfall 2013 Förändring 2012/2013 Budget 2013 Budgetavvikelse\n"
        "Socialnämnd -5 100 -300 -5 000 -100\nTekniska nämnden -2 050 50 -2 100 50\n"
    )
    assert columns(tmp_path, doc, base_year=2013) == [
        (2013, "utfall", "amount", "kommun", "year"),
        (2013, "utfall", "change", "kommun", "year"),
        (2013, "budget", "amount", "kommun", "year"),
        (2013, "utfall", "deviation", "kommun", "year"),
    ]
