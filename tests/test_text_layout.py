"""Tables in a text laid out in columns (as ``pdftotext -layout`` lays out a page), and the
best-first search for a row's readings (extract/rows.py). The first table is Äldrenämnden's
``Intäkter och kostnader`` of bench/office_pdfs.py's budget, as its text layer prints it; the
tables below it are typed as ``pdftotext -layout`` writes an office's PDF (header words over
their columns, a label wrapped below its values), and the last is ``pdftotext -layout`` of a PDF
that LibreOffice exported."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import pytest

from extract.metadata import MetaOverrides
from extract.numbers import groupings
from extract.pipeline import extract_document
from extract.readers import read_text
from extract.rows import (
    ColumnLayout,
    _money_prior,
    _placements,
    text_readings,
)
from extract.settings import DEFAULT_SETTINGS, ExtractionSettings
from tests.support.office import Document, Heading, Paragraph, Row, Table, UnitLine, exported_by_libreoffice
from tests.support.typed_tables import load_all

HEAD = " " * 46 + "  ".join(f"{w:>10}" for w in ("Utfall", "Budget", "Budget", *["Plan"] * 5))
YEARS = " " * 46 + "  ".join(f"{y:>10}" for y in range(2022, 2030))
ROWS = {
    "Statsbidrag": "−26 787 −28 075 −28 960 −28 760 −28 378 −28 715 −30 219 −31 445",
    "Taxor och avgifter": "−33 911 −35 020 −35 276 −37 297 −37 866 −39 420 −40 052 −40 900",
    "Personalkostnader": "331 302 343 341 357 519 366 198 373 711 388 262 392 307 401 795",
    "Lokalkostnader": "19 970 20 232 20 099 20 025 19 697 20 826 21 397 22 055",
    "Köp av verksamhet": "45 433 47 383 49 669 49 083 48 164 47 596 50 443 50 372",
    "Övriga kostnader": "38 230 39 326 39 988 40 714 39 938 41 483 43 453 43 931",
    "Summa nettokostnad": "374 237 387 187 403 039 409 963 415 266 430 032 437 329 445 808",
}


def cells(values: str) -> list[str]:
    parts = values.split()
    return [" ".join(parts[i : i + 2]) for i in range(0, len(parts), 2)]


def laid_out(label: str, values: str) -> str:
    return f"{label:<46}" + "  ".join(f"{c:>10}" for c in cells(values))


def test_a_caption_of_column_words_over_a_header_laid_out_in_columns(tmp_path):
    """The caption's words are column words (Intäkter, kostnader), but it is one phrase over a
    header whose columns stand apart; the scenario line, with a stub, is wider than any header
    line of single-spaced words (142 characters) and is the header all the same."""
    text = "\n".join(
        [
            "Intäkter och kostnader",
            "Belopp i tkr",
            "Verksamhet" + HEAD[10:],
            YEARS,
            *(laid_out(label, values) for label, values in ROWS.items()),
            "",
        ]
    )
    path = tmp_path / "budget.txt"
    path.write_text(text, encoding="utf-8")
    result = extract_document(path, MetaOverrides(municipality="Uppsala", base_year=2024))
    (table,) = result.tables
    assert table.title == "Intäkter och kostnader"
    assert [(c.scenario_as_printed, c.fiscal_year) for c in table.columns] == [
        ("Utfall", 2022),
        ("Budget", 2023),
        ("Budget", 2024),
        *(("Plan", y) for y in range(2025, 2030)),
    ]
    read = {r.label: [c.value_as_printed for c in r.cells] for r in table.rows}
    assert read == {label: cells(values) for label, values in ROWS.items()}


def test_a_short_line_a_sentence_wraps_into_is_no_caption(tmp_path):
    """A paragraph above the header: its lines are cut where the page is full, so one of them
    may be short (``dock inte att …``), but it goes on a sentence the line above left open, in
    lower case, where a heading starts anew (with a capital, or its number). With no heading
    within reach above the paragraph, the table has no title rather than a line of its text."""
    text = "\n".join(
        [
            "Förvaltningen arbetar vidare med att minska administrationen, och kortsiktigt innebär det",
            "dock inte att antalet anställda minskar. I dagsläget har",
            "förvaltningen inte kunnat uppskatta kostnadsminskningarna för respektive åtgärd.",
            "",
            "Belopp i tkr" + HEAD[12:],
            YEARS,
            *(laid_out(label, values) for label, values in ROWS.items()),
            "",
        ]
    )
    assert _only_table(tmp_path, text).title == "(untitled table)"


def test_a_number_never_spans_a_run_of_spaces():
    line = read_text(laid_out("Personalkostnader", ROWS["Personalkostnader"]).encode(), "x.txt").lines[0]
    readings = text_readings(line, ColumnLayout(8), DEFAULT_SETTINGS, values_only=False)
    assert [v.text for v in readings[0].values] == cells(ROWS["Personalkostnader"])
    # Each cell may still be two numbers (331 | 302), but then the row has more than 8 cells.
    assert len(readings) == 1


def every_reading(text: str, layout: ColumnLayout, first: int) -> list[tuple]:
    """Every reading of a row of single-spaced tokens, listed and sorted as before the search:
    each cut (numbers.groupings' order), each placement, the sort stable."""
    tokens = text.split()[first:]
    listed = []
    for grouping in groupings(tokens, layout.n):
        for cols, _method, bonus in _placements(grouping, layout, None):
            listed.append((bonus + _money_prior(list(grouping)), tuple(v.text for v in grouping), cols))
    listed.sort(key=lambda r: -r[0])
    return listed


def test_the_search_lists_the_readings_of_sorting_every_reading():
    """Best first, in the order a stable sort of every reading gives (ties included), for rows
    of 2-4 columns whose every reading the old enumeration could list."""
    rng = random.Random(13)
    settings = ExtractionSettings(max_readings_per_row=10_000)
    for _ in range(120):
        n = rng.choice((2, 3, 4))
        numbers = [
            rng.choice((rng.randint(1, 99), rng.randint(100, 999_999))) for _ in range(rng.randint(1, n))
        ]
        text = " ".join(f"{x:,}".replace(",", " ") for x in numbers)
        layout = ColumnLayout(n)
        line = read_text(f"Rad {text}".encode(), "x.txt").lines[0]
        got = [
            (r.prior, tuple(v.text for v in r.values), r.columns)
            for r in text_readings(line, layout, settings, values_only=False)
            if r.label_end == 1
        ]
        assert got == every_reading(f"Rad {text}", layout, 1), text


def test_a_label_keeps_a_number_only_when_the_row_cannot_be_read_in_full_otherwise():
    """``Lokalkostnader, Stadshuset & Ågatan 40 10 753 11 589`` in two columns: no reading from
    40 on fills both, so the label keeps 40 (or 40 10), and then the rest must fill the row."""
    line = read_text("Lokalkostnader, Stadshuset & Ågatan 40 10 753 11 589".encode(), "x.txt").lines[0]
    readings = text_readings(line, ColumnLayout(2), DEFAULT_SETTINGS, values_only=False)
    assert [v.text for v in readings[0].values] == ["10 753", "11 589"]
    assert readings[0].label_end == 5
    assert all(r.label_end in (5, 6) and r.columns == (0, 1) for r in readings)
    assert readings[0].prior == max(r.prior for r in readings)


# ---- a page laid out in columns: the header's character columns decide -------------------------

# As ``pdftotext -layout`` writes LibreOffice's PDF of a budget table: the header cells are set
# left-aligned, ``Plan 2025`` fits on one line of its cell, and ``Utfall`` / ``2022`` wrap onto two;
# the amounts are right-aligned, four digits with a space between thousands.
LIBREOFFICE_DRIFT = """\
Driftbudget per verksamhet
Belopp i tkr
Verksamhet                 Utfall   Budget   Budget Plan 2025 Plan 2026 Plan 2027 Plan 2028 Plan 2029
                           2022     2023     2024
Förskola                    9 249    9 296    9 655     9 952    10 417    10 880    10 852    11 144
Fritidshem                  3 261    3 411    3 574     3 522     3 700     3 678     3 858     3 876
Summa                      12 510   12 707   13 229    13 474    14 117    14 558    14 710    15 020
"""

# As Chromium's PDF of the same kind of table comes out of ``pdftotext -layout``: the stub cell
# set on the header's last line, beside the years; some rows leave cells empty.
INVESTMENTS = """\
Investeringsbudget
Belopp i tkr
                                Budget      Plan      Plan      Plan
Projekt                           2025      2026      2027      2028
Ny förskola i Kvarnbo           18 500    24 000     6 500
Ombyggnad av skolan                        1 800     3 200
Inventarier                        800       800       800       800
"""

# Labels wrapped below their values (cells top-aligned), and values centred between the two
# lines of their label.
WRAPPED = """\
Intäkter och kostnader
Belopp i tkr
                                  Utfall    Budget      Plan
                                    2023      2024      2025
Verksamhetens intäkter            -5 293    -5 356    -5 370
Kostnader
Personalkostnader inklusive       50 961    51 932    52 749
arbetsgivaravgifter
Lokal- och                         5 498     5 514     5 702
fastighetskostnader
Kompensation för prisökningar
                                   9 880    10 310    10 620
SKR:s prognos
Nettokostnad                      61 046    62 400    63 701
"""


def _only_table(tmp_path, text: str):
    path = tmp_path / "budget.txt"
    path.write_text(text, encoding="utf-8")
    (table,) = extract_document(path, MetaOverrides(municipality="Uppsala", base_year=2024)).tables
    return table


def _cells_by_label(table) -> dict[str, list[tuple[int, str]]]:
    return {r.label: [(c.column_index, c.value_as_printed) for c in r.cells] for r in table.rows if r.cells}


def test_a_year_under_its_scenario_word_is_that_columns_year(tmp_path):
    """``2022`` stands under ``Utfall``, not after ``Plan 2029``: eight columns, not eleven, and
    the four-digit amounts are not cut into fifteen (9 | 249 | 9 | 296 …)."""
    table = _only_table(tmp_path, LIBREOFFICE_DRIFT)
    assert [(c.scenario_as_printed, c.fiscal_year) for c in table.columns] == [
        ("Utfall", 2022),
        ("Budget", 2023),
        ("Budget", 2024),
        *(("Plan", y) for y in range(2025, 2030)),
    ]
    assert _cells_by_label(table)["Förskola"] == list(
        enumerate(["9 249", "9 296", "9 655", "9 952", "10 417", "10 880", "10 852", "11 144"])
    )
    assert _cells_by_label(table)["Summa"] == list(
        enumerate(["12 510", "12 707", "13 229", "13 474", "14 117", "14 558", "14 710", "15 020"])
    )


def test_values_stand_in_the_columns_whose_header_words_they_stand_under(tmp_path):
    """No total says where the values of a partial row go; the characters they stand in do."""
    table = _only_table(tmp_path, INVESTMENTS)
    assert table.title == "Investeringsbudget"
    assert [(c.scenario_as_printed, c.fiscal_year) for c in table.columns] == [
        ("Budget", 2025),
        ("Plan", 2026),
        ("Plan", 2027),
        ("Plan", 2028),
    ]
    assert _cells_by_label(table) == {
        "Ny förskola i Kvarnbo": [(0, "18 500"), (1, "24 000"), (2, "6 500")],
        "Ombyggnad av skolan": [(1, "1 800"), (2, "3 200")],
        "Inventarier": [(0, "800"), (1, "800"), (2, "800"), (3, "800")],
    }
    partial = next(r for r in table.rows if r.label == "Ombyggnad av skolan")
    assert (partial.alignment_method, partial.alignment_is_guess) == ("character_columns", False)


def test_a_label_goes_on_below_its_values_at_its_own_column(tmp_path):
    table = _only_table(tmp_path, WRAPPED)
    assert [r.label for r in table.rows] == [
        "Verksamhetens intäkter",
        "Kostnader",  # a capital at the label's column after a whole label: a heading
        "Personalkostnader inklusive arbetsgivaravgifter",  # goes on in lower case
        "Lokal- och fastighetskostnader",  # the label ended open
        "Kompensation för prisökningar SKR:s prognos",  # values centred between its lines
        "Nettokostnad",
    ]
    assert _cells_by_label(table)["Kompensation för prisökningar SKR:s prognos"] == [
        (0, "9 880"),
        (1, "10 310"),
        (2, "10 620"),
    ]
    assert [r.row_type for r in table.rows].count("heading") == 1


def test_a_header_of_words_one_space_apart_is_read_by_its_phrases_as_before(tmp_path):
    """Not laid out in columns (single spaces): the character columns say nothing, and the
    column phrases are read in order (``Utfall 2023 Budget 2024``)."""
    text = "Resultat\nBelopp i tkr\nUtfall 2023 Budget 2024\nIntäkter 1 200 1 300\nKostnader -900 -950\n"
    table = _only_table(tmp_path, text)
    assert [(c.scenario_as_printed, c.fiscal_year) for c in table.columns] == [
        ("Utfall", 2023),
        ("Budget", 2024),
    ]
    assert _cells_by_label(table) == {
        "Intäkter": [(0, "1 200"), (1, "1 300")],
        "Kostnader": [(0, "-900"), (1, "-950")],
    }


# A two-level header as ``pdftotext -layout`` writes an office's PDF: ``Period`` and ``Helår`` set
# flush with the left of the first column each labels, and ``Avvikelse`` broken without a hyphen
# where its narrow column ran out of room.
PERIOD_AND_YEAR = """Uppföljning per mars

Sammandrag för nämnden
Belopp i tkr      Period                          Helår
                  Utfall     Budget    Avvik      Prognos    Budget
                                       else
Intäkter           1 200      1 300     -100        4 900     5 000
Kostnader           -900       -950       50       -3 800    -3 900

Nämnden redovisar ett överskott för perioden.
"""


def test_labels_over_groups_of_columns_and_a_word_broken_without_a_hyphen(tmp_path):
    table = _only_table(tmp_path, PERIOD_AND_YEAR)
    assert [(c.scenario, c.amount_kind, c.period_kind) for c in table.columns] == [
        ("utfall", "amount", "part_year"),
        ("budget", "amount", "part_year"),
        ("utfall", "deviation", "part_year"),
        ("prognos", "amount", "year"),
        ("budget", "amount", "year"),
    ]
    assert _cells_by_label(table) == {
        "Intäkter": list(enumerate(["1 200", "1 300", "-100", "4 900", "5 000"])),
        "Kostnader": list(enumerate(["-900", "-950", "50", "-3 800", "-3 900"])),
    }


# ---- real `pdftotext -layout` of a PDF that LibreOffice exported ---------------------------------

EIGHT_COLUMNS = (
    ("Utfall", 2022),
    ("Budget", 2023),
    ("Budget", 2024),
    *(("Plan", y) for y in range(2025, 2030)),
)
DRIFT = Table(
    EIGHT_COLUMNS,
    (
        Row("Förskola", ("9 249", "9 296", "9 655", "9 952", "10 417", "10 880", "10 852", "11 144")),
        Row("Fritidshem", ("3 261", "3 411", "3 574", "3 522", "3 700", "3 678", "3 858", "3 876")),
        Row(
            "Modersmålsundervisning och studiehandledning på modersmål",
            ("8 474", "8 736", "8 688", "9 004", "8 863", "8 995", "8 834", "9 302"),
        ),
        Row("Summa", ("20 984", "21 443", "21 917", "22 478", "22 980", "23 553", "23 544", "24 322")),
    ),
    stub="Verksamhet",
)
INVESTERINGAR = Table(
    (("Budget", 2025), ("Plan", 2026), ("Plan", 2027), ("Plan", 2028)),
    (
        Row("Ny förskola i Kvarnbo", ("18 500", "24 000", "6 500", "")),
        Row("Ombyggnad av skolan", ("", "1 800", "3 200", "")),
        Row("Inventarier", ("800", "800", "800", "800")),
    ),
    stub="Projekt",
)
LAYOUT_BUDGET = Document(
    title="Budget 2025 med plan 2026–2029",
    running_header="Uppsala kommun – Barn- och ungdomsnämnden – Budget 2025",
    blocks=(
        Heading("Driftbudget per verksamhet", 3),
        UnitLine("Belopp i tkr"),
        DRIFT,
        Paragraph("Nämnden prioriterar tidiga insatser och en likvärdig skola under hela planperioden."),
        Heading("Investeringsbudget", 3),
        UnitLine("Belopp i tkr"),
        INVESTERINGAR,
        Paragraph("Kostnaderna för lokaler ökar när nya förskolor tas i bruk under planperioden."),
    ),
)


@pytest.fixture(scope="module")
def libreoffice_layout(tmp_path_factory) -> Path:
    """``pdftotext -layout`` of the budget exported to PDF by LibreOffice."""
    if shutil.which("pdftotext") is None:
        pytest.skip("no pdftotext to lay out the PDF's text with (install poppler-utils)")
    folder = tmp_path_factory.mktemp("libreoffice_layout")
    pdf = exported_by_libreoffice(LAYOUT_BUDGET, folder)
    text = folder / "budget.txt"
    subprocess.run(["pdftotext", "-layout", str(pdf), str(text)], check=True, capture_output=True)
    return text


def test_pdftotext_layout_of_a_libreoffice_pdf_reads_every_cell(libreoffice_layout):
    result = extract_document(libreoffice_layout, MetaOverrides(municipality="Uppsala", base_year=2025))
    assert [t.title for t in result.tables] == ["Driftbudget per verksamhet", "Investeringsbudget"]
    for table, typed in zip(result.tables, LAYOUT_BUDGET.tables, strict=True):
        assert [(c.scenario_as_printed, c.fiscal_year) for c in table.columns] == list(typed.columns)
        read = {r.label: [""] * len(table.columns) for r in table.rows}
        for r in table.rows:
            for c in r.cells:
                read[r.label][c.column_index] = c.value_as_printed
        assert read == {row.text: list(row.values) for row in typed.rows}, table.title


@pytest.fixture(scope="module")
def goteborg_layout(tmp_path_factory):
    """Göteborg's Intraservice delårsrapport (tests/fixtures/corpus_dev) through ``pdftotext
    -layout``, with its tables as typed from the document (tests/fixtures/corpus_dev/tables)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("no pdftotext to lay out the PDF's text with (install poppler-utils)")
    (typed_doc,) = [d for d in load_all() if d.file == "goteborg_intraservice_delarsrapport2026.pdf"]
    text = tmp_path_factory.mktemp("goteborg_layout") / "delarsrapport.txt"
    subprocess.run(["pdftotext", "-layout", str(typed_doc.path), str(text)], check=True, capture_output=True)
    return typed_doc, extract_document(text, MetaOverrides(municipality="Göteborg", base_year=2026))


@pytest.mark.parametrize(
    "title",
    [
        # Its header wraps in its cells over seven lines (``Prognos`` / ``intäkter`` / ``helår``;
        # ``Prognos-`` / ``avvikelse`` / ``mot budget`` / ``helår`` in the last column, one line
        # lower), its stub ``Tjänster`` beside the fourth: each column's words are read down its
        # characters.
        "Resultatuppföljning och förändringsinsatser helår",
        # ``Budgetav`` / ``vikelse``: the last column's name is broken without a hyphen, its second
        # part two lines down, under it in its characters (``kostnader`` of the column left of it
        # stands between them).
        "Resultatuppföljning tjänster och förändringsinsatser period",
        # ``Period`` over four columns and ``Helår`` over four, each set flush with the left of
        # its first column; ``Avvik`` / ``else`` broken without a hyphen; ``fg år`` under
        # ``Utfall`` and ``Bokslut`` (the year before), ``Fg`` over ``prognos``.
        "Resultatredovisning i sammandrag",
    ],
)
def test_pdftotext_layout_of_a_real_report_reads_its_tables_as_typed(goteborg_layout, title):
    typed_doc, result = goteborg_layout
    (typed,) = [t for t in typed_doc.tables if t.title == title]
    (table,) = [t for t in result.tables if t.title == title]
    assert [(c.fiscal_year, c.scenario, c.amount_kind, c.period_kind) for c in table.columns] == [
        (c.fiscal_year, c.scenario, c.amount_kind, c.period_kind) for c in typed.columns
    ]
    read = [(r.label, [c.value_as_printed for c in r.cells]) for r in table.rows if r.row_type == "values"]
    assert read == typed.rows


def test_pdftotext_layout_of_a_real_report_reads_column_names_that_start_above_the_header_words(
    goteborg_layout,
):
    """``Personalvolymsutveckling``: its columns' names begin in words of no header vocabulary
    above the first header word (``Aktuell`` over ``period (ack`` / ``sedan`` / ``årets`` /
    ``början)``; ``Motsvaran`` over ``de period`` / ``föregående`` / ``år``), a parenthesis goes
    on down its own column (``Prognos`` and ``Utfall 2025`` beside it are outside it), and the
    year before belongs to the second column only. (The PDF's own reading puts 197,7 in the
    label; in the text, the character columns place it.)"""
    typed_doc, result = goteborg_layout
    (typed,) = [t for t in typed_doc.tables if t.title == "Personalvolymsutveckling" and t.page == 6]
    (table,) = [t for t in result.tables if t.title.endswith("Personalvolymsutveckling") and t.columns]
    assert [(c.fiscal_year, c.scenario, c.period_kind) for c in table.columns] == [
        (c.fiscal_year, c.scenario, c.period_kind) for c in typed.columns
    ]
    read = [(r.label, [c.value_as_printed for c in r.cells]) for r in table.rows if r.row_type == "values"]
    assert read == typed.rows
