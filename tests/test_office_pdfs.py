"""Budget PDFs made the way municipalities make them read to exactly the cells they print.

The same budget document is printed twice: as an HTML page by Chromium, and as a word-processor
document (flat ODT) by LibreOffice (tests/support/office.py). Its tables have a narrow label
column, so long labels wrap onto two or three lines, with the numbers on the label's first line
(top-aligned cells, Writer's and Word's default) or on its last (bottom-aligned); groups that a
heading row opens and a ``Summa`` row closes; captions above the tables (``Driftbudget per
verksamhet``, numbered headings such as ``3.1 Barn- och ungdomsnämnden``), a unit line, eight
year and scenario columns, running text between the tables and a running header and footer on
every page. Everything expected below is the document's own data, typed here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.body import BodyItem, assemble_rows, join_label_lines, row_blocks
from extract.metadata import MetaOverrides
from extract.model import Line, Token
from extract.patterns import load_line_patterns
from extract.pipeline import extract_document
from extract.rows import has_values
from extract.tables import _row_label
from tests.support.office import (
    Document,
    Heading,
    Paragraph,
    Row,
    Table,
    UnitLine,
    exported_by_libreoffice,
    printed_by_chromium,
)

EIGHT_YEARS = (
    ("Utfall", 2022),
    ("Utfall", 2023),
    ("Budget", 2024),
    ("Prognos", 2024),
    ("Budget", 2025),
    ("Plan", 2026),
    ("Plan", 2027),
    ("Plan", 2028),
)
PLAN_YEARS = (("Budget", 2025), ("Plan", 2026), ("Plan", 2027), ("Plan", 2028))
SIX_YEARS = (("Utfall", 2023), ("Budget", 2024), *PLAN_YEARS)

DRIFT = Table(
    EIGHT_YEARS,
    (
        Row("Förskola"),
        Row(
            "Förskoleverksamhet i kommunal regi inklusive öppen förskola",
            ("118 450", "120 861", "125 382", "130 066", "135 785", "138 151", "140 806", "143 042"),
            indent=True,
        ),
        Row(
            "Lokalkostnader inklusive städ, vaktmästeri och kapitalkostnader",
            ("41 230", "42 852", "43 503", "44 862", "45 694", "46 689", "47 961", "50 047"),
            indent=True,
        ),
        Row(
            "Bidrag till fristående förskolor och pedagogisk omsorg",
            ("52 310", "52 863", "53 974", "54 830", "57 289", "59 717", "62 239", "64 918"),
            indent=True,
        ),
        Row(
            "Summa förskola",
            ("211 990", "216 576", "222 859", "229 758", "238 768", "244 557", "251 006", "258 007"),
        ),
        Row("Grundskola"),
        Row(
            "Grundskola årskurs 1–9 med förskoleklass och fritidshem",
            ("262 840", "275 449", "286 949", "292 764", "305 644", "314 651", "327 300", "337 958"),
            indent=True,
        ),
        Row(
            "Skolskjuts och elevresor\nUL-kort, skolbuss och taxi",
            ("8 415", "8 621", "8 855", "9 054", "9 187", "9 580", "9 981", "10 474"),
            indent=True,
        ),
        Row(
            "Modersmålsundervisning och studiehandledning på modersmål",
            ("6 120", "6 316", "6 568", "6 669", "6 916", "7 107", "7 228", "7 358"),
            indent=True,
        ),
        Row(
            "Summa grundskola",
            ("277 375", "290 386", "302 372", "308 487", "321 747", "331 338", "344 509", "355 790"),
        ),
        Row(
            "Nämndens nettokostnad",
            ("489 365", "506 962", "525 231", "538 245", "560 515", "575 895", "595 515", "613 797"),
        ),
    ),
    stub="Verksamhet",
)

NAMND = Table(
    SIX_YEARS,
    (
        Row("Intäkter"),
        Row(
            "Intäkter från taxor, avgifter och statsbidrag",
            ("-48 210", "-49 180", "-50 575", "-52 305", "-53 656", "-54 473"),
        ),
        Row("Kostnader"),
        Row(
            "Personalkostnader inklusive arbetsgivaravgifter och pensioner",
            ("301 560", "307 415", "313 387", "318 958", "326 822", "331 048"),
        ),
        Row("Lokal- och fastighetskostnader", ("64 880", "68 003", "69 743", "72 445", "75 873", "76 762")),
        Row(
            "Övriga kostnader för material, tjänster och köpt verksamhet",
            ("93 045", "96 975", "101 195", "104 793", "106 510", "109 336"),
        ),
        Row("Nettokostnad", ("411 275", "423 213", "433 750", "443 891", "455 549", "462 673")),
    ),
    stub="Tkr",
    align="bottom",
)

INVESTERINGAR = Table(
    PLAN_YEARS,
    (
        Row("Fastigheter"),
        Row(
            "Ny förskola i Kvarnbo med sex avdelningar och tillagningskök",
            ("18 500", "24 000", "6 500", ""),
            indent=True,
        ),
        Row("Ombyggnad av Tallbackens skola, etapp\n2 och 3", ("3 200", "1 800", "", ""), indent=True),
        Row("Inventarier och IT"),
        Row("Inventarier till nya lokaler", ("1 500", "2 000", "800", "800"), indent=True),
        Row(
            "Digitala lärverktyg och elevdatorer för årskurs 4–9",
            ("4 200", "4 200", "4 500", "4 500"),
            indent=True,
        ),
        Row("Summa investeringar", ("27 400", "32 000", "11 800", "5 300")),
    ),
    stub="Projekt",
)

RAM = Table(
    PLAN_YEARS,
    (
        Row("Budgetram föregående år", ("395 200", "412 500", "424 900", "436 100")),
        Row(
            "Kompensation för löne- och prisökningar enligt SKR:s prognos",
            ("9 880", "10 310", "10 620", "10 900"),
        ),
        Row(
            "Volymförändring förskola och grundskola utifrån befolkningsprognosen",
            ("9 120", "4 590", "3 080", "2 720"),
        ),
        Row("Effektiviseringskrav", ("-1 700", "-2 500", "-2 500", "-2 500")),
        Row("Budgetram", ("412 500", "424 900", "436 100", "447 220")),
    ),
    stub="Tkr",
    align="middle",
)

PROSE = (
    "Barn- och ungdomsnämnden ansvarar för förskola, grundskola, fritidshem och skolskjuts i "
    "kommunen. Budgeten bygger på kommunfullmäktiges ramar och på den befolkningsprognos som "
    "antogs i våras.",
    "Antalet barn i förskoleåldern väntas minska något under planperioden medan antalet elever i "
    "grundskolan fortsätter att öka. Nämnden prioriterar tidiga insatser och en likvärdig skola.",
    "Kostnaderna för lokaler ökar när nya förskolor tas i bruk. Nämnden fortsätter arbetet med att "
    "samla verksamheten i färre och mer ändamålsenliga lokaler.",
    "Nämnden följer upp ekonomin varje månad och redovisar en prognos för helåret till "
    "kommunstyrelsen i april, augusti och oktober. Avvikelser förklaras och åtgärder föreslås.",
    "De största riskerna under planperioden är lönekostnadernas utveckling, ett ökat behov av "
    "särskilt stöd och svårigheten att rekrytera legitimerade lärare och förskollärare.",
)

BUDGET = Document(
    title="Budget 2025 med plan 2026–2028",
    running_header="Uppsala kommun – Barn- och ungdomsnämnden – Budget 2025",
    blocks=(
        Paragraph("Barn- och ungdomsnämnden, Uppsala kommun. " + PROSE[0]),
        Heading("1 Inledning"),
        Paragraph(PROSE[1]),
        Paragraph(PROSE[2]),
        Heading("2 Ekonomi"),
        Paragraph(PROSE[0]),
        Heading("Driftbudget per verksamhet", 3),
        UnitLine("Belopp i tkr"),
        DRIFT,
        Paragraph(PROSE[1]),
        Paragraph(PROSE[2]),
        Heading("3 Nämndernas budget"),
        Paragraph(PROSE[1]),
        Heading("3.1 Barn- och ungdomsnämnden", 3),
        NAMND,
        Paragraph(PROSE[2]),
        Paragraph(PROSE[0]),
        Heading("3.2 Investeringsbudget 2025", 3),
        UnitLine("Tkr"),
        INVESTERINGAR,
        Paragraph(PROSE[1]),
        Heading("Förändring av budgetram 2025–2028", 3),
        RAM,
        Paragraph(PROSE[3]),
        Heading("4 Uppföljning och risker"),
        *(Paragraph(PROSE[k % len(PROSE)]) for k in range(3, 13)),
    ),
)
TITLES = [
    "Driftbudget per verksamhet",
    "3.1 Barn- och ungdomsnämnden",
    "3.2 Investeringsbudget 2025",
    "Förändring av budgetram 2025–2028",
]
OVERRIDES = MetaOverrides(municipality="Uppsala", base_year=2025)


@pytest.fixture(scope="module")
def chromium_pdf(tmp_path_factory) -> Path:
    return printed_by_chromium(BUDGET, tmp_path_factory.mktemp("chromium"))


@pytest.fixture(scope="module")
def libreoffice_pdf(tmp_path_factory) -> Path:
    return exported_by_libreoffice(BUDGET, tmp_path_factory.mktemp("libreoffice"))


OFFICE_PDFS = ("chromium_pdf", "libreoffice_pdf")


def _typed_cells(table: Table) -> dict[str, list[str]]:
    return {row.text: list(row.values) for row in table.rows if not row.is_heading}


def _read_cells(t) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in t.rows:
        if r.row_type == "heading":
            continue
        values = [""] * len(t.columns)
        for c in r.cells:
            values[c.column_index] = c.value_as_printed
        out[r.label] = values
    return out


@pytest.mark.parametrize("made_by", OFFICE_PDFS)
def test_every_table_reads_exactly_as_printed(made_by, request):
    result = extract_document(request.getfixturevalue(made_by), OVERRIDES)
    assert [t.title for t in result.tables] == TITLES
    for t, typed in zip(result.tables, BUDGET.tables, strict=True):
        assert [(c.scenario_as_printed, c.fiscal_year) for c in t.columns] == list(typed.columns), t.title
        assert t.unit == "tkr", t.title
        # every label whole, every value in its column, and nothing else: no invented cell
        assert _read_cells(t) == _typed_cells(typed), t.title
        assert [r.label for r in t.rows if r.row_type == "heading"] == [
            row.text for row in typed.rows if row.is_heading
        ], t.title
        assert {r.row_type for r in t.rows} <= {"values", "heading"}, t.title
    warnings = [i for i in result.issues if i.severity != "info"]
    assert not warnings, warnings


@pytest.mark.parametrize("made_by", OFFICE_PDFS)
def test_a_wrapped_label_joins_its_row_wherever_its_numbers_sit(made_by, request):
    """The rows that only spacing and x position tell apart, one by one."""
    tables = {t.title: t for t in extract_document(request.getfixturevalue(made_by), OVERRIDES).tables}
    drift, namnd, inv, ram = (tables[title] for title in TITLES)

    def row(t, label):
        return next(r for r in t.rows if r.label == label)

    # numbers on the first line, the label's second line in capitals: a line typed in the cell
    skolskjuts = row(drift, "Skolskjuts och elevresor UL-kort, skolbuss och taxi")
    assert [c.value_as_printed for c in skolskjuts.cells][:2] == ["8 415", "8 621"]
    assert skolskjuts.label_last_line > skolskjuts.source_line
    # ... and a second line that starts with digits, followed by a heading set out left
    etapp = row(inv, "Ombyggnad av Tallbackens skola, etapp 2 och 3")
    assert [(c.column_index, c.value_as_printed) for c in etapp.cells] == [(0, "3 200"), (1, "1 800")]
    assert "Inventarier och IT" in [r.label for r in inv.rows if r.row_type == "heading"]
    # numbers on the last line: the label's first lines come before them
    personal = row(namnd, "Personalkostnader inklusive arbetsgivaravgifter och pensioner")
    assert personal.label_first_line < personal.source_line == personal.label_last_line
    # numbers in the middle of three lines: lines above and below
    volym = row(ram, "Volymförändring förskola och grundskola utifrån befolkningsprognosen")
    assert volym.label_first_line < volym.source_line < volym.label_last_line
    # a range broken after its dash is one word again
    assert "Digitala lärverktyg och elevdatorer för årskurs 4–9" in _read_cells(inv)


@pytest.mark.parametrize("made_by", OFFICE_PDFS)
def test_no_row_and_no_amount_comes_from_the_running_header_or_footer(made_by, request):
    result = extract_document(request.getfixturevalue(made_by), OVERRIDES)
    furniture = [i for i in result.issues if i.code == "page_furniture"]
    assert sorted(i.raw_text for i in furniture) == sorted([BUDGET.running_header, "Sida 1 av 3"])
    rows = [r.label for t in result.tables for r in t.rows]
    assert not [label for label in rows if "Sida" in label or "Uppsala kommun" in label]


# ---- the rules in isolation ---------------------------------------------------------------------

LABEL_X, ITEM_X, VALUE_X = 54.0, 61.0, 300.0  # where headings, indented items and numbers start
PITCH = 10.4  # the lines of one cell (9 pt type)


def _pdf_line(number: int, top: float, label: str, values: str = "", x: float = ITEM_X) -> Line:
    tokens, at = [], x
    for word in label.split():
        tokens.append(Token(word, at, at + 5.0 * len(word), size=9.0))
        at += 5.0 * len(word) + 2.5
    at = VALUE_X
    for word in values.split():
        tokens.append(Token(word, at, at + 5.0 * len(word), size=9.0))
        at += 5.0 * len(word) + 2.5
    return Line(number, " ".join(t.text for t in tokens), tuple(tokens), 1, True, top)


def _rows(*lines: Line) -> list[tuple[str, str]]:
    """(kind, label) of each logical row the body assembles, the way a table reads it."""
    items = [BodyItem(ln, 0, "values" if has_values(ln, VALUE_X - 10) else "label") for ln in lines]
    rows = assemble_rows(row_blocks(items), load_line_patterns(), VALUE_X - 10)
    return [(r.kind, join_label_lines([*(ln.text for ln in r.label_lines)]) if r.kind == "heading" else
             _row_label(r, None)) for r in rows]  # fmt: skip


def test_rows_set_apart_decide_where_a_line_belongs_whatever_its_words():
    gap = PITCH + 4.4  # the cells' padding between rows
    assert _rows(
        _pdf_line(1, 100.0, "Skolskjuts och elevresor", "8 415 8 621"),
        _pdf_line(2, 100.0 + PITCH, "UL-kort, skolbuss och taxi"),  # a capital: only spacing tells
        _pdf_line(3, 100.0 + PITCH + gap, "Ombyggnad av skolgården vid", "3 200"),
        _pdf_line(4, 100.0 + 2 * PITCH + gap, "Tallbacken"),
        _pdf_line(5, 100.0 + 2 * PITCH + 2 * gap, "Inventarier och IT", x=ITEM_X),  # not set out
        _pdf_line(6, 100.0 + 2 * PITCH + 3 * gap, "Inventarier", "1 500"),
    ) == [
        ("values", "Skolskjuts och elevresor UL-kort, skolbuss och taxi"),
        ("values", "Ombyggnad av skolgården vid Tallbacken"),
        ("heading", "Inventarier och IT"),
        ("values", "Inventarier"),
    ]


def test_numbers_on_the_last_line_take_the_lines_above_them_in_their_row():
    gap = PITCH + 4.4
    assert _rows(
        _pdf_line(1, 100.0, "Kostnader", x=LABEL_X),
        _pdf_line(2, 100.0 + gap, "Personalkostnader inklusive"),
        _pdf_line(3, 100.0 + gap + PITCH, "Arbetsgivaravgifter", "301 560"),
        _pdf_line(4, 100.0 + 2 * gap + PITCH, "Lokalkostnader", "64 880"),
    ) == [
        ("heading", "Kostnader"),
        ("values", "Personalkostnader inklusive Arbetsgivaravgifter"),
        ("values", "Lokalkostnader"),
    ]


def test_rows_at_their_lines_pitch_leave_it_to_the_wording_and_the_indent():
    # no padding: every line one pitch below the last, so spacing tells no rows apart
    assert _rows(
        _pdf_line(1, 100.0, "Ombyggnad av skolgården vid", "3 200"),
        _pdf_line(2, 100.0 + PITCH, "Tallbacken"),  # the label ends open: it goes on
        _pdf_line(3, 100.0 + 2 * PITCH, "Inventarier och IT", x=ITEM_X),  # a capital after a whole label
        _pdf_line(4, 100.0 + 3 * PITCH, "Inventarier", "1 500"),
        _pdf_line(5, 100.0 + 4 * PITCH, "fastigheter och IT", x=LABEL_X),  # lower case, but set out left
        _pdf_line(6, 100.0 + 5 * PITCH, "Datorer", "700"),
    ) == [
        ("values", "Ombyggnad av skolgården vid Tallbacken"),
        ("heading", "Inventarier och IT"),
        ("values", "Inventarier"),
        ("heading", "fastigheter och IT"),
        ("values", "Datorer"),
    ]


@pytest.mark.parametrize(
    ("parts", "label"),
    [
        (["Elevdatorer för årskurs 4–", "9"], "Elevdatorer för årskurs 4–9"),
        (["Stöd till IT-", "system"], "Stöd till IT-system"),
        (["Lokal-", "och fastighetskostnader"], "Lokal- och fastighetskostnader"),
        (["Dator som tjänst -", "3 år"], "Dator som tjänst - 3 år"),
    ],
)
def test_a_label_broken_after_a_dash_is_joined_as_written(parts, label):
    assert join_label_lines(parts) == label


def _text_tables(tmp_path: Path, text: str):
    path = tmp_path / "budget.txt"
    path.write_text(text, encoding="utf-8")
    return extract_document(path, OVERRIDES).tables


def test_a_caption_may_name_a_year_and_the_unit_line_is_no_title(tmp_path):
    (t,) = _text_tables(
        tmp_path,
        "Barn- och ungdomsnämnden, Uppsala kommun\n\n3.2 Investeringsbudget 2025\nBelopp i tkr\n"
        "Projekt Budget 2025 Plan 2026\nNy förskola i Kvarnbo 18 500 24 000\nSumma 18 500 24 000\n",
    )
    assert t.title == "3.2 Investeringsbudget 2025"
    assert [r.label for r in t.rows] == ["Ny förskola i Kvarnbo", "Summa"]  # the caption is no row
    assert [c.value_as_printed for c in t.rows[0].cells] == ["18 500", "24 000"]


def test_the_last_line_of_a_paragraph_is_no_caption(tmp_path):
    (t,) = _text_tables(
        tmp_path,
        "3 Ekonomi\n\nNämnden har fått ett utökat kommunbidrag för 2025 och kommer att använda det till "
        "fler\nförskoleplatser.\nBudget 2025 Plan 2026\nFörskola 100 110\nSumma 100 110\n",
    )
    assert t.title == "3 Ekonomi"
