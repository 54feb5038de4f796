"""The header and column model (extract/headers.py, extract/columns.py) on headers as printed.

Each case is a header written the way a municipality printed it; the expected columns are what
a reader of the document takes them to mean.
"""

from __future__ import annotations

import pytest

from extract.columns import TableContext, column_record, read_geometric_header, read_text_header
from extract.headers import HeaderWord, parse_header
from extract.readers import read_text
from extract.settings import DEFAULT_SETTINGS

REPORT_2018 = TableContext(base_year=2018, reports_outcomes=True)
BUDGET_2024 = TableContext(base_year=2024, reports_outcomes=False)


def columns_of(header_text: str, ctx: TableContext, n: int | None = None, body: str = "Rad 1 2 3\n"):
    """Parse a header written as text and read it with n columns (the first reading if None)."""
    doc = read_text((header_text + "\n" + body).encode(), "x.txt")
    lines = list(doc.lines)
    header = parse_header(lines, 0, DEFAULT_SETTINGS)
    assert header is not None, "not read as a header"
    readings = read_text_header(list(header.words))
    reading = next(r for r in readings if n is None or len(r.columns) == n)
    return [
        (c.fiscal_year, c.scenario, c.amount_kind, c.reporting_entity, c.period_kind)
        for c in (
            column_record(i, d, g, ctx)
            for i, (d, g) in enumerate(zip(reading.columns, reading.groups, strict=True))
        )
    ]


def test_hyphen_broken_kind_words_over_lines_and_a_year_on_the_last_column():
    # Tyresö: "(mnkr) Intäkter Kost-" / "nader" / "Netto-" / "kostnad" / "Kommun-" / "bidrag" / …
    header = "(mnkr) Intäkter Kost-\nnader\nNetto-\nkostnad\nKommun-\nbidrag\nAvvikelse Avvikelse\n2017"
    assert columns_of(header, REPORT_2018, 6) == [
        (2018, "utfall", "income", "kommun", "year"),
        (2018, "utfall", "cost", "kommun", "year"),
        (2018, "utfall", "net", "kommun", "year"),
        (2018, "budget", "allocation", "kommun", "year"),  # kommunbidrag: what the council decided
        (2018, "utfall", "deviation", "kommun", "year"),
        (2017, "utfall", "deviation", "kommun", "year"),
    ]


def test_entity_labels_over_two_groups_with_their_own_not_columns():
    # Kramfors: "Löpande prisnivå, mnkr KOMMUNEN KONCERNEN" over "Not 2018 2017 Not 2018 2017"
    header = "Löpande prisnivå, mnkr KOMMUNEN KONCERNEN\nNot 2018 2017 Not 2018 2017"
    assert columns_of(header, REPORT_2018, 6) == [
        (None, None, "note", "kommun", "year"),
        (2018, "utfall", "amount", "kommun", "year"),
        (2017, "utfall", "amount", "kommun", "year"),
        (None, None, "note", "koncern", "year"),
        (2018, "utfall", "amount", "koncern", "year"),
        (2017, "utfall", "amount", "koncern", "year"),
    ]


def test_entity_labels_over_a_repeated_year_sequence():
    # Malmö: "Malmö stad Sammanställd" / "redovisning" / "Mkr Not 2013 2012 2013 2012"
    header = "Malmö stad Sammanställd\nredovisning\nMkr Not 2013 2012 2013 2012"
    ctx = TableContext(base_year=2013, reports_outcomes=True)
    assert [c[3] for c in columns_of(header, ctx, 5)] == ["kommun", "kommun", "kommun", "koncern", "koncern"]


def test_a_legend_defines_the_abbreviated_sub_columns_of_each_period():
    # Göteborg's investeringsredovisning: four periods, each with U (utgifter) and I (inkomster)
    header = (
        "Belopp i mnkr Utfall 2019\nBudget 2019\nUtfall 2016–2019 Budget 2016–2019\n\n"
        "U=Utgifter I=Inkomster U I U I U I U I"
    )
    ctx = TableContext(base_year=2019, reports_outcomes=True)
    assert columns_of(header, ctx, 8, body="Fastighetsnämnden -219 1 -505 8 -810 82 -1 096 89\n") == [
        (2019, "utfall", "cost", "kommun", "year"),
        (2019, "utfall", "income", "kommun", "year"),
        (2019, "budget", "cost", "kommun", "year"),
        (2019, "budget", "income", "kommun", "year"),
        (2019, "utfall", "cost", "kommun", "multi_year"),
        (2019, "utfall", "income", "kommun", "multi_year"),
        (2019, "budget", "cost", "kommun", "multi_year"),
        (2019, "budget", "income", "kommun", "multi_year"),
    ]


def test_glued_header_cells_are_read_apart():
    # Västervik's web page: "mnkr Intäkter 2019Intäkter 2020Kostnader 2019…"
    header = "mnkr Intäkter 2019Intäkter 2020Kostnader 2019Kostnader 2020Nettokostnad 2020Budget 2020Avvikelse mot budget 2020 "
    ctx = TableContext(base_year=2020, reports_outcomes=True)
    assert columns_of(header, ctx, 7) == [
        (2019, "utfall", "income", "kommun", "year"),
        (2020, "utfall", "income", "kommun", "year"),
        (2019, "utfall", "cost", "kommun", "year"),
        (2020, "utfall", "cost", "kommun", "year"),
        (2020, "utfall", "net", "kommun", "year"),
        (2020, "budget", "amount", "kommun", "year"),
        (2020, "utfall", "deviation", "kommun", "year"),  # "mot budget" is the comparison, not the scenario
    ]


def test_column_names_wrapped_over_lines_with_footnote_marks_and_the_year_in_the_caption():
    # Helsingborg's driftsredovisning 2016: one name per column, wrapped where it goes on in
    # lower case ("Ingående" / "redovisat" / "resultat 1)"), the year only in the caption.
    header = (
        "Driftsredovisning 2016, mnkr\n\n Ingående\nredovisat\nresultat 1)\nDisposition av\nresultat\n\n"
        "Kommunbidrag 2)\n\n\nIntäkter\n\n\nKostnader\n\n\nÅrets resultat\n\n\nUtgående\nredovisat\nresultat"
    )
    ctx = TableContext(base_year=2016, reports_outcomes=True)
    assert columns_of(header, ctx) == [
        (2016, "utfall", "other", "kommun", "year"),
        (2016, "utfall", "other", "kommun", "year"),
        (2016, "budget", "allocation", "kommun", "year"),
        (2016, "utfall", "income", "kommun", "year"),
        (2016, "utfall", "cost", "kommun", "year"),
        (2016, "utfall", "net", "kommun", "year"),
        (2016, "utfall", "other", "kommun", "year"),
    ]


def test_a_stub_caption_a_year_less_annual_budget_and_a_budget_deviation():
    # Kungsbacka: "Nämnd, miljoner kronor Utfall 2014 Årsbudget Budgetavvikelse"
    doc = read_text(
        "Nämnd, miljoner kronor Utfall 2014 Årsbudget Budgetavvikelse\nX -2 -3 1\n".encode(), "x.txt"
    )
    header = parse_header(list(doc.lines), 0, DEFAULT_SETTINGS)
    assert (header.stub, header.unit, header.unit_phrase) == ("Nämnd,", "mnkr", "Nämnd, miljoner kronor")
    ctx = TableContext(base_year=2014, reports_outcomes=True)
    assert columns_of(doc.lines[0].text, ctx, 3, body="X -2 -3 1\n") == [
        (2014, "utfall", "amount", "kommun", "year"),
        (2014, "budget", "amount", "kommun", "year"),
        (2014, "utfall", "deviation", "kommun", "year"),
    ]


@pytest.mark.parametrize(
    ("ctx", "expected"),
    [
        pytest.param(REPORT_2018, ["utfall", "utfall", "utfall"], id="report: bare years are outcomes"),
        pytest.param(
            TableContext(base_year=2017, reports_outcomes=False),
            ["plan", "budget", "utfall"],
            id="budget: by the base year",
        ),
    ],
)
def test_a_bare_year_means_what_the_document_is(ctx, expected):
    assert [c[1] for c in columns_of("Belopp i tkr 2018 2017 2016", ctx, 3)] == expected


def test_a_forecast_of_a_later_year_and_a_budget_forecast_are_plan_figures():
    header = "Bokslut 2021 Prognos 2022 Prognos 2024 Budget- prognos för 2025"
    assert [c[1] for c in columns_of(header, TableContext(2023, False), 4)] == [
        "utfall",
        "prognos",
        "plan",
        "plan",
    ]


def test_fg_ar_is_the_year_before_the_documents():
    header = "Belopp i mnkr Utfall Budget Utfall fg år"
    ctx = TableContext(base_year=2026, reports_outcomes=True)
    assert [c[0] for c in columns_of(header, ctx, 3)] == [2026, 2026, 2025]


def test_a_lone_row_label_below_the_years_is_not_part_of_the_header():
    # Linköping: the header ends with "Plan 2029"; "Verksamhetens nettokostnader" heads the body.
    text = "Belopp mnkr\nBudget\n2024\nPlan\n2025\n\nVerksamhetens nettokostnader\n\nKS 1,0 2,0\n"
    header = parse_header(list(read_text(text.encode(), "x.txt").lines), 0, DEFAULT_SETTINGS)
    assert header.last_line_idx == 4


def word(text, role, x0, x1, line, value=None):
    return HeaderWord(text, line, role, value, x0, x1)


def test_pdf_group_labels_set_flush_left_cover_the_columns_to_the_next_label():
    # Göteborg's delårsrapport: "Period" and "Helår" over four columns each (LibreOffice sets
    # them flush with their first column), column words below.
    extents = [(191, 215), (234, 257), (277, 292), (312, 335), (355, 385), (404, 434), (454, 484), (503, 533)]
    words = [
        word("Period", "period", 188, 216, 1, "part_year"),
        word("Helår", "period", 348, 371, 1, "year"),
        word("Utfall", "scenario", 191, 211, 2, "utfall"),
        word("Budget", "scenario", 228, 257, 2, "budget"),
        word("Avvik", "kind", 271, 292, 2, "deviation"),
        word("Prognos", "scenario", 350, 383, 2, "prognos"),
        word("Bokslut", "scenario", 500, 530, 2, "utfall"),
        word("fg", "relative_year", 506, 514, 3, "-1"),
        word("år", "filler", 516, 524, 3),
    ]
    reading = read_geometric_header(words, extents)
    assert [g.text for g in reading.groups] == ["Period"] * 4 + ["Helår"] * 4
    ctx = TableContext(base_year=2026, reports_outcomes=True)
    cols = [
        column_record(i, d, g, ctx)
        for i, (d, g) in enumerate(zip(reading.columns, reading.groups, strict=True))
    ]
    assert [(c.period_kind, c.amount_kind) for c in cols[:3]] == [("part_year", "amount")] * 2 + [
        ("part_year", "deviation")
    ]
    assert (cols[4].scenario, cols[4].period_kind) == ("prognos", "year")
    assert (cols[7].fiscal_year, cols[7].scenario) == (2025, "utfall")
