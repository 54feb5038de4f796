"""A table that runs onto the next page is one table, its rows read once, under its caption.

Long tables run over page breaks in every budget: an office prints the table's header row again
at the top of each page it runs onto (HTML's ``thead``, Writer's repeated heading rows) or does
not, and the page's running header and footer stand between the two parts. The document here,
printed by Chromium and exported by LibreOffice (tests/support/office.py), has two tables longer
than a page, one of each kind: a Driftbudget per district whose header repeats, and an
``Intäkter och kostnader`` table whose header is printed once and has no stub (a caption made
of words a header uses, over a unit line). Everything expected is the document's own data.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from extract.metadata import MetaOverrides
from extract.pipeline import extract_document
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
from tests.support.pdfgen import FONT

COLUMNS = (("Budget", 2025), ("Plan", 2026), ("Plan", 2027), ("Plan", 2028))
DISTRICTS = ("norra området", "södra området", "centrum", "västra området")
ACTIVITIES = (
    "Förskola",
    "Pedagogisk omsorg",
    "Grundskola",
    "Fritidshem",
    "Anpassad grundskola",
    "Modersmålsundervisning och studiehandledning",
    "Elevhälsa",
    "Skolskjuts",
    "Kulturskola",
    "Fritidsgårdar",
    "Bibliotek",
)
KINDS = (
    ("Statsbidrag", -1),
    ("Taxor och avgifter", -1),
    ("Personalkostnader", 1),
    ("Lokalkostnader", 1),
    ("Köp av verksamhet", 1),
    ("Material och tjänster", 1),
    ("Övriga kostnader", 1),
)


def printed(amount: int) -> str:
    """An amount as typed: a space between thousands, a hyphen minus."""
    return f"{amount:,}".replace(",", " ")


def _amounts(k: int, sign: int = 1) -> tuple[int, ...]:
    """The k-th line's budget and plan years: a base and a yearly increase of its own."""
    base = 1_500 + (k * 7_919) % 60_000
    step = 40 + (k * 37) % 900
    return tuple(sign * (base + year * step) for year in range(len(COLUMNS)))


def _table(lines: list[tuple[str, tuple[int, ...]]], total: str, **options) -> Table:
    sums = tuple(sum(column) for column in zip(*(a for _, a in lines), strict=True))
    rows = [Row(label, tuple(map(printed, a))) for label, a in lines]
    return Table(COLUMNS, (*rows, Row(total, tuple(map(printed, sums)))), across_pages=True, **options)


DRIFT = _table(
    [
        (f"{activity}, {district}", _amounts(k))
        for k, (activity, district) in enumerate((a, d) for a in ACTIVITIES for d in DISTRICTS)
    ],
    "Summa",
    stub="Verksamhet",
    repeat_header=True,
)
INTAKTER_KOSTNADER = _table(
    [
        (f"{kind}, {district}", _amounts(100 + k, sign))
        for k, ((kind, sign), district) in enumerate((kind, d) for kind in KINDS for d in DISTRICTS)
    ],
    "Summa nettokostnad",
    repeat_header=False,
)
PROSE = (
    "Barn- och ungdomsnämnden ansvarar för förskola, grundskola, fritidshem och skolskjuts i "
    "kommunens fyra områden. Budgeten fördelas per område efter antalet barn och elever.",
    "Nämnden följer upp ekonomin varje månad och redovisar en prognos för helåret till "
    "kommunstyrelsen i april, augusti och oktober. Avvikelser förklaras och åtgärder föreslås.",
)
BUDGET = Document(
    title="Budget 2025 med plan 2026–2028",
    running_header="Uppsala kommun – Barn- och ungdomsnämnden – Budget 2025",
    blocks=(
        Heading("Ekonomi per område"),
        *(Paragraph(PROSE[k % 2]) for k in range(6)),
        Heading("Driftbudget per verksamhet och område", 3),
        UnitLine("Belopp i tkr"),
        DRIFT,
        Paragraph(PROSE[1]),
        Heading("Intäkter och kostnader", 3),
        UnitLine("Belopp i tkr"),
        INTAKTER_KOSTNADER,
        Paragraph(PROSE[0]),
    ),
)
TITLES = ["Driftbudget per verksamhet och område", "Intäkter och kostnader"]
OVERRIDES = MetaOverrides(municipality="Uppsala", base_year=2025)


@pytest.fixture(scope="module")
def chromium_pdf(tmp_path_factory) -> Path:
    return printed_by_chromium(BUDGET, tmp_path_factory.mktemp("chromium"))


@pytest.fixture(scope="module")
def libreoffice_pdf(tmp_path_factory) -> Path:
    return exported_by_libreoffice(BUDGET, tmp_path_factory.mktemp("libreoffice"))


OFFICE_PDFS = ("chromium_pdf", "libreoffice_pdf")


@pytest.fixture(scope="module", params=OFFICE_PDFS)
def result(request):
    return extract_document(request.getfixturevalue(request.param), OVERRIDES)


def _rows_read(t) -> list[tuple[str, list[str]]]:
    out = []
    for r in t.rows:
        values = [""] * len(t.columns)
        for c in r.cells:
            values[c.column_index] = c.value_as_printed
        out.append((r.label, values))
    return out


def test_each_table_runs_over_a_page_break(result):
    """The document does what it is for: each table's rows stand on more than one page."""
    for t in result.tables:
        assert len({r.source_page for r in t.rows}) >= 2, t.title


def test_a_table_over_a_page_break_is_one_table_under_its_caption(result):
    assert [t.title for t in result.tables] == TITLES
    for t in result.tables:
        assert [(c.scenario_as_printed, c.fiscal_year) for c in t.columns] == list(COLUMNS), t.title
        assert t.unit == "tkr", t.title


@pytest.mark.parametrize("k", range(len(TITLES)))
def test_every_row_is_read_once_with_every_cell(result, k):
    typed = BUDGET.tables[k]
    t = result.tables[k]
    # in the document's order, each row once: none read again on both sides of a page break
    assert _rows_read(t) == [(row.text, list(row.values)) for row in typed.rows]


def test_the_header_printed_again_is_neither_a_row_nor_left_unread(result):
    rows = [r.label for t in result.tables for r in t.rows]
    assert not [label for label in rows if "Verksamhet" in label or "Budget" in label]
    assert not [i for i in result.issues if i.severity != "info"]
    # the only digits read as no amount are the title's years
    assert [i.raw_text for i in result.issues if i.code == "number_in_text"] == [BUDGET.title]


# ---- the rules on a text layer (pages apart by form feeds, as pdftotext writes them) -------------

HEADER = "                         Budget 2025   Plan 2026"
RUNNING = ("Uppsala kommun – Barn- och ungdomsnämnden", "Sida {page} av 3")


def _pages(*pages: list[str]) -> str:
    """Pages with the running header on top and the footer at the foot, apart by form feeds."""
    out = []
    for n, lines in enumerate(pages, start=1):
        out.append("\n".join([RUNNING[0], "", *lines, "", RUNNING[1].format(page=n)]))
    return "\f".join(out) + "\n"


def _text_result(tmp_path: Path, text: str):
    path = tmp_path / "budget.txt"
    path.write_text(text, encoding="utf-8")
    return extract_document(path, OVERRIDES)


def test_a_heading_row_last_on_its_page_opens_its_group_below_the_repeated_header(tmp_path):
    result = _text_result(
        tmp_path,
        _pages(
            ["Ekonomi", "", "Driftbudget per verksamhet", "Belopp i tkr", HEADER,
             "Statsbidrag               -1 200        -1 250",
             "Taxor och avgifter          -800          -820",
             "Kostnader"],
            [HEADER,
             "Personal                   3 400         3 500",
             "Lokaler                      900           950",
             "Nettokostnad               2 300         2 380"],
            ["Nämnden följer upp ekonomin varje månad och redovisar en prognos för helåret till "
             "kommunstyrelsen i april, augusti och oktober."],
        ),
    )  # fmt: skip
    (t,) = result.tables
    assert t.title == "Driftbudget per verksamhet"
    assert [(r.label, r.row_type, [c.value_as_printed for c in r.cells]) for r in t.rows] == [
        ("Statsbidrag", "values", ["-1 200", "-1 250"]),
        ("Taxor och avgifter", "values", ["-800", "-820"]),
        ("Kostnader", "heading", []),
        ("Personal", "values", ["3 400", "3 500"]),
        ("Lokaler", "values", ["900", "950"]),
        ("Nettokostnad", "values", ["2 300", "2 380"]),
    ]
    assert not [i for i in result.issues if i.severity != "info"]


def test_a_new_table_on_the_next_page_reads_nothing_of_the_one_above(tmp_path):
    """Another header at the top of a page starts another table: the rows that end the page
    before are not read again above it, nor is the last of them its caption."""
    result = _text_result(
        tmp_path,
        _pages(
            ["Driftbudget", "Belopp i tkr", HEADER,
             "Förskola                   4 100         4 200",
             "Grundskola                 6 300         6 450",
             "Summa                     10 400        10 650"],
            ["                          Utfall 2023   Utfall 2024",
             "Förskola                   3 950         4 010",
             "Grundskola                 6 020         6 180"],
            ["Nämnden följer upp ekonomin varje månad och redovisar en prognos för helåret till "
             "kommunstyrelsen i april, augusti och oktober."],
        ),
    )  # fmt: skip
    first, second = result.tables
    assert first.title == "Driftbudget"
    assert [r.label for r in first.rows] == ["Förskola", "Grundskola", "Summa"]
    assert second.title == "(untitled table)"
    assert [(r.label, [c.value_as_printed for c in r.cells]) for r in second.rows] == [
        ("Förskola", ["3 950", "4 010"]),
        ("Grundskola", ["6 020", "6 180"]),
    ]


def _draw_pages(path: Path, pages: list[list[tuple[str, tuple[str, ...]]]]) -> Path:
    """A PDF of rows as a table prints them: a label at the left, values right-aligned in two
    columns, one row every 14 points."""
    c = canvas.Canvas(str(path), pagesize=A4)
    for rows in pages:
        for k, (label, values) in enumerate(rows):
            y = 780.0 - 14.0 * k
            c.setFont(FONT, 9)
            c.drawString(56, y, label)
            for right, value in zip((380, 460), values, strict=False):
                c.drawRightString(right, y, value)
        c.showPage()
    c.save()
    return path


def test_a_line_an_earlier_table_read_is_no_caption_of_the_next(tmp_path):
    """A table ends its page with a footnote, and a table with other columns and no caption
    starts the next: the footnote is the first table's, not the next one's title."""
    pdf = _draw_pages(
        tmp_path / "budget.pdf",
        [
            [
                ("Driftbudget", ()),
                ("Belopp i tkr", ()),
                ("Verksamhet", ("Budget 2025", "Plan 2026")),
                ("Förskola", ("4 100", "4 200")),
                ("Räddningstjänst", ("1 200", "1 250")),
                ("* Exklusive kapitalkostnader", ()),
            ],
            [
                ("Verksamhet", ("Utfall 2023", "Utfall 2024")),
                ("Förskola", ("3 950", "4 010")),
                ("Räddningstjänst", ("1 180", "1 190")),
                ("", ()),
                ("Nämnden följer upp ekonomin varje månad och redovisar en prognos för helåret.", ()),
            ],
        ],
    )
    first, second = extract_document(pdf, OVERRIDES).tables
    assert first.title == "Driftbudget"
    assert [r.label for r in first.rows] == ["Förskola", "Räddningstjänst"]
    assert second.title == "(untitled table)"
    assert [(r.label, [c.value_as_printed for c in r.cells]) for r in second.rows] == [
        ("Förskola", ["3 950", "4 010"]),
        ("Räddningstjänst", ["1 180", "1 190"]),
    ]
