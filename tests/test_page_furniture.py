"""Running headers and footers are page furniture: recognised per document, never content.

A 61-page budget made the way municipalities make them: an HTML page printed by Chromium (with
Chromium's own header and footer: the date and title, the address and ``n/61``) whose pages
repeat the document's header ``Budget 2024 Kommunstyrelsen`` and footer ``Dnr KS 2023-0456 Sida
N av 61`` (not on the cover), and the same document drawn page by page with reportlab the way a
word processor exports it. A budget table is split over two pages, and running text states
amounts. Every expected value below is typed from what the test writes, never from the
extractor's output.
"""

from __future__ import annotations

import html
import re
import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from extract.furniture import find_page_furniture, page_ranges
from extract.metadata import MetaOverrides
from extract.model import ExtractionResult, Line
from extract.pipeline import extract_document
from extract.readers import read_document
from extract.settings import DEFAULT_SETTINGS
from tests.support.office import chromium_or_skip, print_html_with_chromium

PAGES = 61
HEADER = "Budget 2024 Kommunstyrelsen"
DNR = "Dnr KS 2023-0456"
YEARS = ["Budget 2024", "Plan 2025", "Plan 2026", "Plan 2027", "Plan 2028", "Plan 2029"]
ROWS = [
    ("Politisk verksamhet", ["12 450", "12 700", "12 950", "13 200", "13 450", "13 700"]),
    ("Kommunledning", ["48 310", "49 275", "50 260", "51 265", "52 290", "53 335"]),
    ("Ekonomi och upphandling", ["22 140", "22 585", "23 035", "23 495", "23 965", "24 445"]),
    ("Personal", ["18 905", "19 285", "19 670", "20 065", "20 465", "20 875"]),
    ("Digitalisering", ["31 620", "32 250", "32 895", "33 555", "34 225", "34 910"]),
    ("Kommunikation", ["9 480", "9 670", "9 865", "10 060", "10 260", "10 465"]),
    ("Näringsliv och turism", ["14 735", "15 030", "15 330", "15 635", "15 950", "16 265"]),
    ("Samhällsplanering", ["27 360", "27 905", "28 465", "29 035", "29 615", "30 205"]),
    ("Räddningstjänst", ["41 280", "42 105", "42 950", "43 810", "44 685", "45 580"]),
    ("Kollektivtrafik", ["56 915", "58 055", "59 215", "60 400", "61 610", "62 840"]),
    ("Summa", ["283 195", "288 860", "294 635", "300 520", "306 515", "312 620"]),
]
SPLIT = 6  # rows on the table's first page; the rest, with Summa, on the next
TABLE_PAGE = 3
# Running text: (page, sentence, the amount as printed, its value in its unit, the unit)
STATEMENTS = [
    (2, "Kommunstyrelsens nettokostnad beräknas till 283,2 mnkr år 2024.", "283,2", "283.2", "mnkr"),
    (5, "Investeringarna i digitalisering uppgår till 14,5 mnkr år 2025.", "14,5", "14.5", "mnkr"),
    (
        40,
        "Räddningstjänstens ram ökar med 825 tkr till 42 105 tkr år 2025.",
        None,
        None,
        "tkr",
    ),
]
SECTIONS = ["Inledning", "Ekonomisk översikt", "Verksamhet", "Personal", "Investeringar", "Mål", "Risker"]
FILLER = [
    "Kommunstyrelsen leder och samordnar kommunens verksamhet och har uppsikt över nämnderna.",
    "Arbetet under planperioden inriktas mot en långsiktigt hållbar ekonomi.",
    "En trygg välfärd och en attraktiv kommun att leva, bo och verka i är målet.",
    "Digitaliseringen ska ge invånarna enklare kontakter med kommunen.",
    "Kompetensförsörjningen är en av de största utmaningarna de kommande åren.",
    "Samverkan med näringslivet stärker kommunens attraktivitet.",
    "Klimatarbetet fortsätter med fokus på energieffektivisering.",
]


def footer(page: int) -> str:
    return f"{DNR} Sida {page} av {PAGES}"


def page_text(page: int) -> list[str]:
    """The running text of one page (not the table)."""
    n = len(FILLER)
    out = [
        f"{SECTIONS[page % n]} och uppföljning",
        " ".join(FILLER[(page + k) % n] for k in range(page % 3 + 2)),
    ]
    out += [s for p, s, *_ in STATEMENTS if p == page]
    return out


# ---- the documents ------------------------------------------------------------------------------


def budget_html() -> str:
    cell = "text-align:right;width:22mm"
    head = "".join(f'<th style="{cell}">{y}</th>' for y in YEARS)

    def rows(items) -> str:
        return "".join(
            f'<tr><td style="width:48mm">{html.escape(label)}</td>'
            + "".join(f'<td style="{cell}">{v}</td>' for v in values)
            + "</tr>"
            for label, values in items
        )

    pages = []
    for page in range(1, PAGES + 1):
        if page == 1:
            body = '<h1 style="margin-top:80mm">Budget 2024 med plan 2025–2029</h1><p>Kommunstyrelsen</p>'
        else:
            paras = "".join(f"<p>{html.escape(t)}</p>" for t in page_text(page))
            body = paras
            if page == TABLE_PAGE:
                body += (
                    "<p><b>Driftbudget per verksamhet</b></p>"
                    f'<table style="border-collapse:collapse"><tr><th style="width:48mm;text-align:left">'
                    f"Tkr</th>{head}</tr>{rows(ROWS[:SPLIT])}</table>"
                )
            if page == TABLE_PAGE + 1:
                body = (
                    f'<table style="border-collapse:collapse">{rows(ROWS[SPLIT:])}</table>'
                    + "<p>&nbsp;</p>"
                    + paras
                )
            body = f'<div class="hd">{HEADER}</div>{body}<div class="ft">{html.escape(footer(page))}</div>'
        pages.append(f'<div class="page">{body}</div>')
    style = (
        "@page{size:A4;margin:18mm 15mm}"
        "body{font-family:'DejaVu Sans',sans-serif;font-size:10pt;margin:0}"
        ".page{position:relative;height:255mm;overflow:hidden;page-break-after:always}"
        ".page:last-child{page-break-after:auto}"
        ".hd{border-bottom:1px solid #888;padding-bottom:2mm;margin-bottom:6mm}"
        ".ft{position:absolute;bottom:0;left:0;right:0;text-align:right;font-size:8pt}"
        "td,th{padding:1mm 0}"
    )
    return (
        f'<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Budget 2024</title>'
        f"<style>{style}</style></head><body>{''.join(pages)}</body></html>"
    )


def print_with_chromium(page_html: str, out: Path) -> Path:
    """``page_html`` printed by Chromium as a web publishing tool prints it, with Chromium's own
    header and footer too (the date and title, the address and ``n/N``)."""
    return print_html_with_chromium(page_html, out, chromium_or_skip(), browser_header_footer=True)


@pytest.fixture(scope="module")
def chromium_pdf(tmp_path_factory) -> Path:
    return print_with_chromium(budget_html(), tmp_path_factory.mktemp("chromium"))


@pytest.fixture(scope="module")
def reportlab_pdf(tmp_path_factory) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path_factory.mktemp("reportlab") / "budget.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4)
    width, height = A4
    left, label_w, col_w = 56.0, 150.0, 58.0

    def table_rows(y: float, items) -> float:
        for label, values in items:
            c.drawString(left, y, label)
            for i, v in enumerate(values):
                c.drawRightString(left + label_w + (i + 1) * col_w, y, v)
            y -= 15
        return y

    for page in range(1, PAGES + 1):
        c.setFont("Helvetica", 10)
        if page == 1:
            c.setFont("Helvetica-Bold", 20)
            c.drawString(left, height / 2, "Budget 2024 med plan 2025-2029")
            c.showPage()
            continue
        c.setFont("Helvetica", 9)
        c.drawString(left, height - 40, HEADER)
        c.drawString(left, 30, DNR)
        c.drawRightString(width - left, 30, f"Sida {page} av {PAGES}")
        c.setFont("Helvetica", 10)
        y = height - 80
        if page == TABLE_PAGE + 1:
            y = table_rows(y, ROWS[SPLIT:]) - 20
        for text in page_text(page):
            for chunk in _wrap(text, 95):
                c.drawString(left, y, chunk)
                y -= 13
            y -= 9
        if page == TABLE_PAGE:
            y -= 10
            c.setFont("Helvetica-Bold", 10)
            c.drawString(left, y, "Driftbudget per verksamhet")
            y -= 18
            c.drawString(left, y, "Tkr")
            for i, head in enumerate(YEARS):
                c.drawRightString(left + label_w + (i + 1) * col_w, y, head)
            c.setFont("Helvetica", 10)
            y = table_rows(y - 16, ROWS[:SPLIT])
        c.showPage()
    c.save()
    return pdf


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters, broken at spaces only (a long word stands alone)."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


# ---- what must hold for both --------------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2212", "-")).strip()


def _furniture_numbers(path: Path) -> tuple[list[Line], set[int]]:
    """The lines that print a header or footer, found by their text (the test's knowledge of what
    it wrote), independently of the rule under test."""
    doc, _ = read_document(path, DEFAULT_SETTINGS)
    marks = (HEADER, DNR, "Sida ", "file://", f"/{PAGES}")
    return list(doc.lines), {ln.number for ln in doc.lines if any(m in ln.text for m in marks)}


def _check(path: Path, result: ExtractionResult) -> None:
    lines, furniture = _furniture_numbers(path)
    assert furniture, "the test document prints no header or footer"

    # the table: every typed cell, exactly, and no other in it
    want = {(label, col): v for label, values in ROWS for col, v in enumerate(values)}
    table = max(
        result.tables,
        key=lambda t: len(
            set(want.items()) & {(_norm(r.label), c.column_index) for r in t.rows for c in r.cells}
        ),
    )
    got = {(_norm(r.label), c.column_index): _norm(c.value_as_printed) for r in table.rows for c in r.cells}
    assert got == want
    assert [c.fiscal_year for c in table.columns] == [2024, 2025, 2026, 2027, 2028, 2029]
    assert [c.scenario for c in table.columns] == ["budget", "plan", "plan", "plan", "plan", "plan"]

    # no cell, row or narrative amount anywhere comes from a header or footer line
    for t in result.tables:
        for r in t.rows:
            assert not set(range(r.label_first_line, r.label_last_line + 1)) & furniture, r
            assert r.source_line not in furniture, r
            for c in r.cells:
                assert c.source_line not in furniture, (r.label, c)
                assert c.value_numeric not in (Decimal(PAGES), Decimal(2023), Decimal(456)), (r.label, c)
    for n in result.narratives:
        assert n.source_line not in furniture, n
        assert n.value_numeric not in (Decimal(PAGES), Decimal(2023), Decimal(456)), n
        assert not any(m in n.sentence for m in (DNR, HEADER, "Sida ")), n

    # the running text's amounts are read, from their own sentences
    amounts = sorted((n.value_numeric, n.unit, n.source_page) for n in result.narratives)
    assert amounts == [
        (Decimal("14.5"), "mnkr", 5),
        (Decimal("283.2"), "mnkr", 2),
        (Decimal("825"), "tkr", 40),
        (Decimal("42105"), "tkr", 40),
    ]

    # the furniture is reported once per distinct line, with its pages; nothing else about it
    issues = [i for i in result.issues if i.code == "page_furniture"]
    assert all(i.severity == "info" for i in issues)
    reported = [_norm(i.raw_text) for i in issues]
    assert len(reported) == len({re.sub(r"\d+", "#", t) for t in reported}), reported
    by_text = {re.sub(r"\d+", "#", t): i for t, i in zip(reported, issues, strict=True)}
    head = by_text[HEADER.replace("2024", "#")]
    assert head.source_page == 2 and "pages 2-61" in head.message
    foot = next(i for t, i in by_text.items() if "Sida" in t)
    assert foot.raw_text.endswith(f"Sida 2 av {PAGES}") and foot.source_page == 2
    assert "pages 2-61" in foot.message
    explained = {ln.number for ln in lines if re.sub(r"\d+", "#", _norm(ln.text)) in by_text}
    assert furniture <= explained  # every header and footer line is one of the reported lines
    assert not any(i.source_line in furniture for i in result.issues if i.code != "page_furniture")


def test_chromium_printed_budget(chromium_pdf: Path):
    result = extract_document(chromium_pdf, MetaOverrides(municipality="Uppsala"))
    _check(chromium_pdf, result)
    texts = [re.sub(r"\d+", "#", _norm(i.raw_text)) for i in result.issues if i.code == "page_furniture"]
    # Chromium's own header (date, title) and footer (address, n/61) are furniture too: four lines
    assert len(texts) == 4, texts
    assert any(t.endswith("#/#") and "file:" in t for t in texts), texts


def test_reportlab_drawn_budget(reportlab_pdf: Path):
    result = extract_document(reportlab_pdf, MetaOverrides(municipality="Uppsala"))
    _check(reportlab_pdf, result)
    assert len([i for i in result.issues if i.code == "page_furniture"]) == 2


# ---- the rule in isolation ----------------------------------------------------------------------


def _line(number: int, text: str, page: int, top: float) -> Line:
    from extract.model import Token

    tokens = tuple(Token(t, float(i * 30), float(i * 30 + 20), size=10.0) for i, t in enumerate(text.split()))
    return Line(number, text, tokens, page, True, top)


def _document(pages: int, top: str | None, bottom: str | None, body) -> list[Line]:
    lines, n = [], 0
    for p in range(1, pages + 1):
        rows = ([(top.format(p=p), 40.0)] if top else []) + [
            (t, 100.0 + 15 * i) for i, t in enumerate(body(p))
        ]
        rows += [(bottom.format(p=p), 800.0)] if bottom else []
        for text, y in rows:
            n += 1
            lines.append(_line(n, text, p, y))
    return lines


def _prose(page: int) -> list[str]:
    return [f"Stycke {'abcdefghijklmnopqrstuvwxyz'[page]} om verksamheten."]


def test_repetition_not_wording_is_the_rule():
    # any wording: a repeated line at the edge with a page number is furniture
    lines = _document(5, "Årsplan för nämnden", "{p} / 5", _prose)
    found = find_page_furniture(lines, DEFAULT_SETTINGS)
    assert sorted(f.text for f in found) == ["1 / 5", "Årsplan för nämnden"]
    assert [f.pages for f in found] == [(1, 2, 3, 4, 5)] * 2


def test_repeated_layout_with_changing_amounts_is_content():
    # a committee per page, its net cost last on each page at the same place: the digits change
    # otherwise than a page number does, so it is content
    lines = _document(5, None, None, lambda p: [*_prose(p), f"Nettokostnad {p * 1234} {p * 977 + 5}"])
    assert find_page_furniture(lines, DEFAULT_SETTINGS) == []


def test_too_few_pages_or_a_minority_is_not_furniture():
    assert find_page_furniture(_document(1, "Rubrik", "Sida {p}", _prose), DEFAULT_SETTINGS) == []
    lines = _document(10, None, None, _prose)
    lines += [_line(100 + p, "Avsnittsrubrik", p, 40.0) for p in (2, 3, 4)]
    lines.sort(key=lambda ln: (ln.page, ln.top))
    lines = [Line(i, ln.text, ln.tokens, ln.page, True, ln.top) for i, ln in enumerate(lines, start=1)]
    assert find_page_furniture(lines, DEFAULT_SETTINGS) == []


def test_both_pages_of_a_two_page_document_are_enough():
    # a short extract (a committee's two pages) repeats its header and page footer on both
    found = find_page_furniture(
        _document(2, "Rubrik", "Dnr KS 2023-0456 Sida {p} av 2", _prose), DEFAULT_SETTINGS
    )
    assert sorted(f.text for f in found) == ["Dnr KS 2023-0456 Sida 1 av 2", "Rubrik"]
    assert [f.pages for f in found] == [(1, 2)] * 2


def test_page_ranges():
    assert page_ranges((1, 2, 3, 5, 7, 8)) == "1-3, 5, 7-8"
    assert page_ranges(()) == ""


def test_landed_furniture_leaves_no_digit_line_unexplained(reportlab_pdf: Path, tmp_path: Path):
    """Landed, the footer is one issue row; the validator still finds every page's footer
    explained (the same line once digits are masked), so unexplained_lines stays 0."""
    import duckdb

    from extract import landing
    from extract.version import extractor_version
    from kommunbudget.validate import DIGIT_LINES_SQL

    result = extract_document(reportlab_pdf, MetaOverrides(municipality="Uppsala"))
    con = duckdb.connect(str(tmp_path / "budget.duckdb"))
    landing.ensure_raw_schema(con)
    landing.land_result(con, result, extractor_version(), {})
    active = "(select document_id from raw.documents where status = 'landed' and is_current)"
    assert con.execute(
        "select count(*) from raw.extraction_issues where code = 'page_furniture'"
    ).fetchone() == (2,)
    digit_lines, unexplained = con.execute(
        f"select digit_lines, unexplained_lines from ({DIGIT_LINES_SQL.format(active=active)})"
    ).fetchone()
    assert digit_lines > 2 * (PAGES - 1)  # every page's footer and header print digits
    assert unexplained == 0


def _text_budget(form_feeds: bool) -> str:
    """The budget as a text layer (pdftotext -layout): a form feed between pages, or none."""
    pages = []
    for page in range(1, 6):
        body = [f"    {t}" for t in page_text(page)]
        if page == 2:
            body += ["", "    Tkr" + "".join(f"{y:>14}" for y in YEARS)]
            body += [
                f"    {label:<28}" + "".join(f"{v:>14}" for v in values) for label, values in ROWS[:SPLIT]
            ]
        if page == 3:
            body = [
                f"    {label:<28}" + "".join(f"{v:>14}" for v in values) for label, values in ROWS[SPLIT:]
            ] + ["", *body]
        pages.append("\n".join([f"    {HEADER}", "", *body, "", f"    {DNR}{'':>40}Sida {page} av 5"]))
    return ("\n\f" if form_feeds else "\n\n").join(pages) + "\n"


def test_form_feed_text_is_read_the_same_way(tmp_path: Path):
    path = tmp_path / "budget.txt"
    path.write_text(_text_budget(True), encoding="utf-8")
    result = extract_document(path, MetaOverrides(municipality="Uppsala"))
    issues = [i for i in result.issues if i.code == "page_furniture"]
    assert sorted(_norm(i.raw_text) for i in issues) == [HEADER, f"{DNR} Sida 1 av 5"]
    assert all("pages 1-5" in i.message for i in issues)
    want = {(label, col): v for label, values in ROWS for col, v in enumerate(values)}
    got = {
        (_norm(r.label), c.column_index): _norm(c.value_as_printed)
        for t in result.tables
        for r in t.rows
        for c in r.cells
    }
    assert got == want
    assert not [n for n in result.narratives if DNR in n.sentence or HEADER in n.sentence]


def test_text_without_pages_is_unchanged(tmp_path: Path):
    path = tmp_path / "budget.txt"
    path.write_text(_text_budget(False), encoding="utf-8")
    doc, _ = read_document(path, DEFAULT_SETTINGS)
    assert find_page_furniture(list(doc.lines), DEFAULT_SETTINGS) == []
    result = extract_document(path, MetaOverrides(municipality="Uppsala"))
    assert not [i for i in result.issues if i.code == "page_furniture"]


@pytest.mark.parametrize("page_count", [1, 2])
def test_a_short_extract_keeps_its_footer_out_of_its_table(tmp_path: Path, page_count: int):
    # A committee's page or two printed by Chromium: the table ends page 1 and its last column
    # reaches the right margin, where the footer "Dnr KS 2023-0456 Sida 1 av 2" ends: the footer's
    # 2 stood under Plan 2027 and became a row. On two pages the footer is furniture; on one,
    # nothing repeats, and it is the gap above it, far wider than between the table's rows, that
    # ends the table.
    years = ["Budget 2024", "Plan 2025", "Plan 2026", "Plan 2027"]
    rows = [
        ("Politisk verksamhet", ["12 450", "12 700", "12 950", "13 200"]),
        ("Kommunledning", ["48 310", "49 275", "50 260", "51 265"]),
        ("Summa", ["60 760", "61 975", "63 210", "64 465"]),
    ]
    right = 'style="text-align:right"'
    table = (
        '<table style="border-collapse:collapse;width:100%"><tr><th style="text-align:left">Tkr</th>'
        + "".join(f"<th {right}>{y}</th>" for y in years)
        + "</tr>"
        + "".join(
            f"<tr><td>{label}</td>" + "".join(f"<td {right}>{v}</td>" for v in values) + "</tr>"
            for label, values in rows
        )
        + "</table>"
    )
    bodies = [
        "<p>Kommunstyrelsens driftbudget redovisas nedan.</p><p><b>Driftbudget per verksamhet</b></p>"
        + table,
        "<p>Budgeten fastställdes av kommunfullmäktige i november.</p>",
    ]
    pages = "".join(
        f'<div class="page"><div>{HEADER}</div>{body}<div class="ft">{DNR} Sida {n} av {page_count}</div></div>'
        for n, body in enumerate(bodies[:page_count], start=1)
    )
    style = (
        "@page{size:A4;margin:18mm 15mm}body{font-family:'DejaVu Sans',sans-serif;font-size:10pt;margin:0}"
        ".page{position:relative;height:255mm;overflow:hidden;page-break-after:always}"
        ".page:last-child{page-break-after:auto}.ft{position:absolute;bottom:0;left:0;right:0;text-align:right}"
        "td,th{padding:0}"
    )
    page_html = f'<!doctype html><html lang="sv"><head><meta charset="utf-8"><style>{style}</style></head><body>{pages}</body></html>'
    pdf = print_with_chromium(page_html, tmp_path)
    result = extract_document(pdf, MetaOverrides(municipality="0580", base_year=2024))
    assert [
        (t.title, [(r.label, [c.value_as_printed for c in r.cells]) for r in t.rows]) for t in result.tables
    ] == [("Driftbudget per verksamhet", [(label, values) for label, values in rows])]
    footers = [i for i in result.issues if i.code == "page_furniture" and "footer" in i.message]
    assert (footers and all("pages 1-2" in i.message for i in footers)) if page_count == 2 else not footers
