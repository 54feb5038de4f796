"""A table's caption line and its share column (extract/headers.py, extract/columns.py,
extract/tables.py): a caption that ends in its unit (``Budgetavvikelser, miljoner kronor``),
printed once or twice over a header printed one cell per line, is the table's title and unit and
never a column; a ``Procent`` column beside the amounts holds shares and leaves the table a table
of amounts; a column named by what it measures (``Resultat``) in a table on how the budget was
kept is an outcome. Written in the layout a web page prints such tables in, with our own labels
and numbers."""

from __future__ import annotations

from decimal import Decimal

from tests.support.corpus import extract_text


def one_cell_per_line(*cells: str) -> str:
    """Cells as a web page's text prints them: each on a line of its own, a blank line between."""
    return "\n\n".join(cells) + "\n"


COMMITTEES = (
    "Barn- och utbildningsnämnden",
    "120,5",
    "3,2",
    "2,7%",
    "Tekniska nämnden",
    "80,0",
    "-4,0",
    "-5,0%",
    "Kulturnämnden",
    "49,5",
    "0,8",
    "1,6%",
    "Summa",
    "250,0",
    "0,0",
    "0%",
)


def amounts(result) -> dict[str, list[tuple]]:
    """Each row's money cells as (year, scenario, kind, value as printed in the table's unit,
    entity), by row label."""
    out: dict[str, list[tuple]] = {}
    for table in result.tables:
        by_index = {c.column_index: c for c in table.columns}
        for row in table.rows:
            for cell in row.cells:
                col = by_index[cell.column_index]
                if col.amount_kind == "percent":
                    continue
                out.setdefault(row.label, []).append(
                    (col.fiscal_year, col.scenario, col.amount_kind, cell.value_numeric, col.reporting_entity)
                )
    return out


def shares(result) -> dict[str, list[str]]:
    """Each row's cells in a percent column, as printed, by row label."""
    out: dict[str, list[str]] = {}
    for table in result.tables:
        percent = {c.column_index for c in table.columns if c.amount_kind == "percent"}
        for row in table.rows:
            out.setdefault(row.label, []).extend(
                c.value_as_printed for c in row.cells if c.column_index in percent
            )
    return out


def test_a_caption_printed_twice_over_the_header_is_no_column(tmp_path):
    # A web page prints the table's caption as a heading and again as the table's caption;
    # neither is the first column's name, so Budget stays the first column.
    doc = one_cell_per_line(
        "Nämndernas budgetföljsamhet",
        "Budgetavvikelser, miljoner kronor",
        "Budgetavvikelser, miljoner kronor",
        "Budget",
        "Avvikelse",
        "Procent",
        *COMMITTEES,
    )
    result = extract_text(tmp_path, doc, base_year=2023)
    table = result.tables[0]
    assert (table.kind, table.unit) == ("budget", "mnkr")
    assert [c.header_text for c in table.columns] == ["Budget", "Avvikelse", "Procent"]
    got = amounts(result)
    assert got["Tekniska nämnden"] == [
        (2023, "budget", "amount", Decimal("80.0"), "kommun"),
        (2023, "utfall", "deviation", Decimal("-4.0"), "kommun"),
    ]
    assert got["Summa"][0] == (2023, "budget", "amount", Decimal("250.0"), "kommun")
    assert shares(result)["Tekniska nämnden"] == ["-5,0%"]


def test_a_percent_column_after_the_amounts_leaves_a_table_of_amounts(tmp_path):
    # The caption printed once; Procent, a column of its own line, is the deviation's share of
    # the budget: every row holds three cells, two of them amounts. (A lone period between the
    # heading and the caption, an empty paragraph's, is no title.)
    doc = one_cell_per_line(
        "Nämndernas budgetföljsamhet",
        ".",
        "Budgetavvikelser, miljoner kronor",
        "Budget",
        "Avvikelse",
        "Procent",
        *COMMITTEES,
    )
    result = extract_text(tmp_path, doc, base_year=2023)
    table = result.tables[0]
    assert (table.title, table.kind, table.unit) == ("Nämndernas budgetföljsamhet", "budget", "mnkr")
    got = amounts(result)
    assert got["Barn- och utbildningsnämnden"] == [
        (2023, "budget", "amount", Decimal("120.5"), "kommun"),
        (2023, "utfall", "deviation", Decimal("3.2"), "kommun"),
    ]
    assert got["Kulturnämnden"][1] == (2023, "utfall", "deviation", Decimal("0.8"), "kommun")
    assert shares(result)["Kulturnämnden"] == ["1,6%"]


def test_a_result_column_in_a_table_on_how_the_budget_was_kept_is_the_outcome(tmp_path):
    # Budget, Resultat, Avvikelse mot budget under a caption with its unit: the Resultat column
    # names what it measures and no scenario; a table on budgetföljsamhet sets the outcome
    # beside the budget, so Resultat is the year's outcome (and the caption, printed twice, is
    # still no column).
    doc = one_cell_per_line(
        "Årsredovisning 2023",
        "Bolagens budgetföljsamhet",
        "Resultat, miljoner kronor",
        "Resultat, miljoner kronor",
        "Budget",
        "Resultat",
        "Avvikelse mot budget",
        "Stadens Bostäder AB",
        "40",
        "46",
        "6",
        "Stadens Vatten AB",
        "12",
        "9",
        "-3",
        "Summa",
        "52",
        "55",
        "3",
    )
    result = extract_text(tmp_path, doc, base_year=2023)
    assert result.tables[0].unit == "mnkr"
    got = amounts(result)
    assert got["Stadens Vatten AB"] == [
        (2023, "budget", "amount", Decimal("12"), "kommun"),
        (2023, "utfall", "net", Decimal("9"), "kommun"),
        (2023, "utfall", "deviation", Decimal("-3"), "kommun"),
    ]


def test_a_date_under_a_table_is_no_row_of_amounts(tmp_path):
    # The page's date under the last row: 2023 is the date's year, never an amount in the
    # table's last column.
    doc = one_cell_per_line(
        "Bolagens budgetföljsamhet",
        "Resultat, miljoner kronor",
        "Budget",
        "Resultat",
        "Avvikelse mot budget",
        "Stadens Bostäder AB",
        "40",
        "46",
        "6",
        "Summa",
        "40",
        "46",
        "6",
        "Uppdaterad: 14 mars 2024",
    )
    got = amounts(extract_text(tmp_path, doc, base_year=2023))
    assert not any(label.startswith("Uppdaterad") for label in got)
    assert all(v[3] != Decimal("2024") for row in got.values() for v in row)


def test_a_percent_column_set_apart_in_a_laid_out_header(tmp_path):
    # The same table as a text laid out in columns prints it: Procent, set apart by a run of
    # spaces after Avvikelse, is the third column's name; the caption's mnkr is the unit.
    doc = (
        "Nämndernas budgetföljsamhet\n\n"
        "Budgetavvikelser, mnkr          Budget    Avvikelse    Procent\n"
        "Barn- och utbildningsnämnden     120,5          3,2       2,7%\n"
        "Tekniska nämnden                  80,0         -4,0      -5,0%\n"
        "Kulturnämnden                     49,5          0,8       1,6%\n"
        "Summa                            250,0          0,0         0%\n"
    )
    result = extract_text(tmp_path, doc, base_year=2023)
    table = result.tables[0]
    assert (table.kind, table.unit) == ("budget", "mnkr")
    assert amounts(result)["Tekniska nämnden"] == [
        (2023, "budget", "amount", Decimal("80.0"), "kommun"),
        (2023, "utfall", "deviation", Decimal("-4.0"), "kommun"),
    ]
    assert shares(result)["Summa"] == ["0%"]
