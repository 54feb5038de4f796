"""The office-PDF benchmark's scoring (bench/office_score.py) on hand-typed grids and cells.

Each expected count is worked out by hand from the cells below, never from the code's output.
"""

from __future__ import annotations

from bench.office_pdfs import TruthCell
from bench.office_score import Cell, grid_cells, score

SECTION, HEADING, CAPTION = "3.4 Socialnämnden", "Ekonomi", "Driftbudget per verksamhet"
LONG = "Barn och unga i behov av stöd och skydd"
TRUTH = [
    TruthCell(SECTION, HEADING, CAPTION, label, scenario, year, value, 0)
    for label, values in [
        ("Familjerätt", ["1 200", "1 310"]),
        (LONG, ["4 512", "−4 730"]),
        ("Summa", ["5 712", "−3 420"]),
    ]
    for (scenario, year), value in zip([("Utfall", 2022), ("Budget", 2023)], values, strict=True)
]


def test_a_peer_grid_is_read_generously():
    grid = [
        ["Driftbudget per verksamhet", None, None],  # the caption, caught as a table row
        ["", "Utfall", "Budget"],  # the header over two rows
        ["", "2022", "2023"],
        ["Familjerätt", "1 200", "1\u00a0310"],  # a no-break space between thousands
        ["Barn och unga i behov av", "4 512", "-4 730"],  # a hyphen for the minus
        ["stöd och skydd", "", ""],  # the wrapped label's rest
        ["Summa", "5 712", "-3 420 7"],  # two columns in one cell: no number
    ]
    cells = grid_cells(0, grid)
    assert [(c.label, c.scenario, c.year, c.value) for c in cells] == [
        ("Familjerätt", "Utfall", 2022, "1 200"),
        ("Familjerätt", "Budget", 2023, "1 310"),
        (LONG, "Utfall", 2022, "4 512"),
        (LONG, "Budget", 2023, "-4 730"),
        ("Summa", "Utfall", 2022, "5 712"),
    ]
    s = score(cells, TRUTH)
    assert (s.truth, s.cells, s.right, s.wrong, s.missing, s.invented) == (6, 5, 5, 0, 1, 0)


def test_wrong_invented_truncated_and_titles():
    untitled = "(untitled table)"
    cells = [
        Cell(0, 0, CAPTION, "Familjerätt", "Utfall", 2022, "1 200"),  # right
        Cell(0, 0, CAPTION, "Familjerätt", "Budget", 2023, "1 301"),  # wrong: value
        Cell(0, 1, CAPTION, "Barn och unga i behov av", "Utfall", 2022, "4 512"),  # wrong: label
        Cell(0, 1, CAPTION, "Barn och unga i behov av", "Budget", 2023, "−4 730"),  # wrong: label
        Cell(1, 0, untitled, "Summa", "Utfall", 2022, "5 712"),  # wrong: title
        Cell(1, 0, untitled, "Summa", "Budget", 2023, "−3 420"),  # wrong: title
        Cell(2, 0, HEADING, "Familjerätt", "Utfall", 2022, "1 200"),  # the same cell again: invented
        Cell(3, 0, "Sida", "Sida 3 av", "Plan", 2025, "61"),  # a page number: invented
    ]
    s = score(cells, TRUTH)
    assert (s.truth, s.cells, s.right, s.wrong, s.missing, s.invented) == (6, 8, 1, 5, 0, 2)
    assert dict(s.wrong_reasons) == {"value": 1, "label": 2, "title": 2}
    assert s.truncated_labels == [("Barn och unga i behov av", LONG)]
    # table 0 is titled by its caption, table 2 by its heading, table 1 by neither; table 3
    # holds nothing of the truth, so it has no table to be titled after
    assert dict(s.titles) == {"caption": 1, "heading": 1, "other": 1}


def test_a_column_read_as_another_year_is_wrong_not_right():
    cells = [Cell(0, 0, None, "Familjerätt", "Budget", 2023, "1 200")]  # Utfall 2022's value
    s = score(cells, TRUTH)
    assert (s.right, s.wrong, s.missing, s.invented) == (0, 1, 5, 0)
    assert dict(s.wrong_reasons) == {"column": 1}
