"""Tables a web scrape glued together or printed without the layout the reader knew: cells glued to
the next row's label or to a year, header words glued to years, cells set apart by runs of two
spaces, a percent column beside the amounts, footnoted years. Each table is typed here in the
layout of a real page (own labels and numbers, which add up)."""

from __future__ import annotations

from extract.readers import read_text
from tests.support.corpus import extract_text

Key = tuple[str, int | None, str | None, str]


def cells(result, kind: str = "amount") -> dict[Key, str]:
    """(label, year, scenario, entity) -> the value as printed, for the cells of the first
    table's columns of one kind (amount, deviation, change …)."""
    t = result.tables[0]
    cols = {c.column_index: c for c in t.columns}
    out: dict[Key, str] = {}
    for r in t.rows:
        for c in r.cells:
            col = cols[c.column_index]
            if col.amount_kind == kind:
                out[(r.label, col.fiscal_year, col.scenario, col.reporting_entity)] = c.value_as_printed
    return out


# A cash-flow statement scraped one cell per line: the entity of the second group glued to the
# first year of the next header row, a row's last cell glued to the next row's label (a heading
# in capitals, or a label in lower case), blank lines between cells, a blank Not cell as two.
KASSAFLODE = """Årsredovisning 2024

Kassaflödesanalys

mnkr

Not

Koncernen

Kommunen2024

2023

2024

2023

DEN LÖPANDE VERKSAMHETEN


Årets resultat


50,0

40,0

30,0

20,0

Justering för av- och nedskrivningar

7

20,0

15,0

10,0

5,0

Kassaflöde från den löpande verksamheten


70,0

55,0

40,0

25,0INVESTERINGSVERKSAMHETEN


Investering i materiella anläggningstillgångar


-60,0

-45,0

-30,0

-15,0

Försäljning av materiella anläggningstillgångar


0,0

-

0,0

-

Kassaflöde från investeringsverksamheten


-60,0

-45,0

-30,0

-15,0ÅRETS KASSAFLÖDE


10,0

10,0

10,0

10,0Likvida medel vid årets slut


110,0

100,0

60,0

50,0
"""


def test_a_cell_glued_to_the_next_label_ends_its_row_and_a_glued_year_opens_the_header_row(tmp_path):
    result = extract_text(tmp_path, KASSAFLODE, document_type="årsredovisning")
    got = cells(result)
    k, kk = "koncern", "kommun"
    assert got[("Kassaflöde från den löpande verksamheten", 2023, "utfall", kk)] == "25,0"
    assert got[("Kassaflöde från investeringsverksamheten", 2023, "utfall", kk)] == "-15,0"
    assert got[("ÅRETS KASSAFLÖDE", 2024, "utfall", k)] == "10,0"
    assert got[("ÅRETS KASSAFLÖDE", 2023, "utfall", kk)] == "10,0"
    assert got[("Likvida medel vid årets slut", 2024, "utfall", k)] == "110,0"
    assert got[("Årets resultat", 2024, "utfall", k)] == "50,0"
    assert got[("Årets resultat", 2023, "utfall", kk)] == "20,0"
    assert got[("Justering för av- och nedskrivningar", 2024, "utfall", kk)] == "10,0"
    labels = [r.label for r in result.tables[0].rows]
    assert "INVESTERINGSVERKSAMHETEN" in labels  # the heading, without the number glued to it
    assert len(got) == 32  # eight rows of four cells: nothing else is money
    assert got[("Försäljning av materiella anläggningstillgångar", 2023, "utfall", k)] == "-"
    # a '-' cell holds no digits: the lines whose digits became cells are a share of the digit lines
    assert result.stats["cell_lines"] <= result.stats["digit_lines"]


# Notes to a budget under the caption "Noter", over a header with its own Not: the caption
# labels no columns, so the years below keep their scenarios.
NOTER = """Noter

(mnkr) Not Bokslut
2023
Budget
2024
Budget
2025
Plan
2026
Skatteintäkter 1
Kommunalskatt 610,4 640,0 668,2 690,1
Slutavräkning 9,6 0,0 1,8 0,0
Summa skatteintäkter 620,0 640,0 670,0 690,1
"""


def test_a_caption_that_names_notes_over_a_not_column_labels_no_columns(tmp_path):
    got = cells(extract_text(tmp_path, NOTER, base_year=2025))
    assert got[("Kommunalskatt", 2023, "utfall", "kommun")] == "610,4"
    assert got[("Slutavräkning", 2025, "budget", "kommun")] == "1,8"
    assert got[("Summa skatteintäkter", 2026, "plan", "kommun")] == "690,1"


# Notes of an annual report under the caption "Noter" alone on its line, over a header with no
# Not column: the caption names the section, no column.
NOTER_WITHOUT_NOT = """Noter

Belopp i mnkr Kommun
2024
Kommun
2023
Koncern
2024
Koncern
2023

Not 1: Verksamhetens intäkter
Taxor och avgifter 40 38 52 50
Bidrag 60 57 71 69
Summa 100 95 123 119
"""


def test_a_caption_noter_alone_on_its_line_is_no_not_column(tmp_path):
    result = extract_text(tmp_path, NOTER_WITHOUT_NOT, base_year=2024, document_type="årsredovisning")
    assert [c.amount_kind for c in result.tables[0].columns] == ["amount"] * 4
    got = cells(result)
    assert got[("Taxor och avgifter", 2024, "utfall", "kommun")] == "40"
    assert got[("Summa", 2023, "utfall", "koncern")] == "119"


# A driftredovisning whose scrape glued the scenario to its year, with two change columns named
# alike (kronor, then per cent), en-dash negatives and no Summa to decide the cuts.
DRIFT = """Driftredovisning

(tkr) Utfall2023 Förändring 2022/2023 Förändring 2022/2023 Budget 2023 Budget-avvikelse
Gemensamma poster 412 300 12 300 3,1 % 405 000 7 300
Revision – 720 – 20 2,9 % – 700 – 20
Tekniska nämnden – 18 450 – 1 450 8,5 % – 19 000 550
Fritidsnämnden – 9 030 270 – 2,9 % – 9 100 70
"""


def test_a_scenario_glued_to_its_year_and_a_percent_column_beside_the_amounts(tmp_path):
    result = extract_text(tmp_path, DRIFT, base_year=2023, document_type="årsredovisning")
    t = result.tables[0]
    percent = [c for c in t.columns if c.amount_kind == "percent"]
    assert [(c.column_index, c.fiscal_year, c.scenario) for c in percent] == [(2, None, None)]
    assert all(r.value_unit is None for r in t.rows)  # the rows' other cells stay amounts
    got = cells(result)
    assert got[("Gemensamma poster", 2023, "utfall", "kommun")] == "412 300"
    assert got[("Revision", 2023, "budget", "kommun")] == "– 700"
    assert got[("Tekniska nämnden", 2023, "budget", "kommun")] == "– 19 000"
    assert got[("Fritidsnämnden", 2023, "utfall", "kommun")] == "– 9 030"
    assert cells(result, "deviation")[("Tekniska nämnden", 2023, "utfall", "kommun")] == "550"
    assert cells(result, "change")[("Revision", 2023, "utfall", "kommun")] == "– 20"


# A balanskravsutredning quoted on a web page: cells set apart by two spaces, an empty cell as
# one more space (before, between or after the numbers), an ordinal in the stub caption, and
# footnote marks on the years that say which column is a budget and which a forecast.
BALANSKRAV = (
    "Balanskravsutredningen\n\n"
    "Balanskravet enligt 11:e kapitlet  2024*)  2023**)  2022  2021\n"
    "Årets resultat  2 000  -5 400  31 250  18 900\n"
    "Avgår realisationsvinster    -1 250  -900\n"
    "Årets resultat efter balanskravsjusteringar  2 000  -5 400  30 000  18 000\n"
    "Reservering till resultatutjämningsreserv    -12 000 \n"
    "Användning av resultatutjämningsreserv   5 400  \n"
    "Årets balanskravsresultat  2 000  0  18 000  18 000\n"
    "*) Budgeterat resultat för 2024 **) Resultat för 2023 är prognos per augusti.\n"
)


def test_cells_set_apart_by_two_spaces_and_scenarios_from_footnoted_years(tmp_path):
    result = extract_text(tmp_path, BALANSKRAV, base_year=2024)
    got = cells(result)
    assert got[("Avgår realisationsvinster", 2022, "utfall", "kommun")] == "-1 250"
    assert got[("Avgår realisationsvinster", 2021, "utfall", "kommun")] == "-900"
    assert got[("Reservering till resultatutjämningsreserv", 2022, "utfall", "kommun")] == "-12 000"
    assert got[("Användning av resultatutjämningsreserv", 2023, "prognos", "kommun")] == "5 400"
    assert got[("Årets resultat", 2024, "budget", "kommun")] == "2 000"
    assert got[("Årets balanskravsresultat", 2023, "prognos", "kommun")] == "0"
    assert len(got) == 4 + 2 + 4 + 1 + 1 + 4


def test_the_reader_cuts_a_column_word_glued_to_a_year_and_a_number_glued_to_capitals():
    def words(text: str) -> list[str]:
        return [t.text for t in read_text(text.encode(), "x.txt").lines[0].tokens]

    assert words("Kommunen2021 Utfall2013") == ["Kommunen", "2021", "Utfall", "2013"]
    assert words("Agenda2030") == ["Agenda2030"]  # a name that ends in a year is no column word
    assert words("-565ÅRETS KASSAFLÖDE") == ["-565", "ÅRETS", "KASSAFLÖDE"]
    assert words("2 085,8AVSÄTTNINGAR") == ["2", "085,8", "AVSÄTTNINGAR"]


def test_a_footnoted_column_that_names_its_scenario_keeps_it(tmp_path):
    text = (
        "Resultat per nämnd\n\n"
        "Nämnd, mnkr  Utfall 2023*)  Budget 2024\n"
        "Kultur- och fritidsnämnden  -41,5  -43,0\n"
        "Socialnämnden  -310,2  -318,4\n"
        "*) Lokalkostnaderna är räknade på budgeterad nivå.\n"
    )
    got = cells(extract_text(tmp_path, text, base_year=2024))
    assert got[("Kultur- och fritidsnämnden", 2023, "utfall", "kommun")] == "-41,5"
    assert got[("Socialnämnden", 2024, "budget", "kommun")] == "-318,4"


def test_a_heading_in_capitals_is_no_start_of_the_label_below_it(tmp_path):
    # A balance sheet's last block: a section heading in capitals over its only row. A text layer
    # has no bold; capitals are how the statement sets its headings apart, so the row's label
    # is the mixed-case line alone.
    doc = (
        "Balansräkning\n\nMiljoner kronor Not Kommun 2023 Kommun 2024\n\n"
        "Skulder\nLångfristiga skulder 12 410,2 455,0\nKortfristiga skulder 13 301,8 296,4\n"
        "Summa skulder 712,0 751,4\n\n"
        "ANSVARSFÖRBINDELSER\nBorgensåtaganden 14 1 210,5 1 198,3\n"
    )
    t = extract_text(tmp_path, doc).tables[0]
    labels = [r.label for r in t.rows if r.cells]
    assert labels[-1] == "Borgensåtaganden"
    assert [c.value_as_printed for c in t.rows[-1].cells] == ["14", "1 210,5", "1 198,3"]


def test_a_numbered_heading_is_no_cell_glued_to_a_label(tmp_path):
    # A document's front: its title names a budget year and plan years, a line of who decided
    # it, then the first numbered section. "1 Inledning" sets its number apart with a space: it
    # numbers a heading; only a number that touches the words (3 098,9Bidrag) is a glued cell.
    doc = (
        "Budget 2025 med plan 2026–2028\n\n"
        "Exempelby kommun. Kommunfullmäktiges beslut 2024-11-25.\n\n\n"
        "1 Inledning\n\n"
        "Nämnden arbetar under planperioden med att utveckla verksamheten så att resurserna "
        "används där de gör störst nytta för invånarna.\n"
    )
    assert extract_text(tmp_path, doc).tables == ()
