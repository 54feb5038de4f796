"""`kommunbudget report`: the static HTML report of the built corpus, its links back to document lines,
its charts in a real browser, and the SVG and number-formatting helpers it is made of."""

from __future__ import annotations

import html
import os
import re
import shutil
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from kommunbudget.report.build import Data, render_document, render_index
from kommunbudget.report.fmt import sv_auto, sv_mnkr, sv_number, sv_percent, sv_tkr
from kommunbudget.report.svg import (
    Bar,
    BarSeries,
    LineSeries,
    bar_chart,
    grouped_bar_chart,
    line_chart,
    nice_ticks,
)
from tests.support.cli import cli
from tests.support.corpus import DOCS

SVG_NS = "{http://www.w3.org/2000/svg}"
# Debian's Chromium (make browser installs it), else one of these on PATH. KOMMUNBUDGET_BROWSER
# names another executable ("" for none: the browser test is then skipped).
CHROMIUM = "/usr/bin/chromium"
BROWSERS_ON_PATH = ("chromium", "chromium-browser", "google-chrome")
NO_BROWSER = (
    "no Chromium found (/usr/bin/chromium, or chromium, chromium-browser or google-chrome on PATH): "
    "install it with `make browser` (as root; it runs `apt-get install -y chromium`)"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def marts(built: Path) -> dict:
    """What the report should show, read straight from the warehouse."""
    con = duckdb.connect(str(built), read_only=True)
    try:
        q = lambda sql: con.execute(sql).fetchall()  # noqa: E731
        return {
            "active": [r[0] for r in q("select document_id from marts.dim_document where is_active")],
            "fails": q(
                "select check_type, explanation, document_id, source_line from marts.fct_reconciliation_checks "
                "where status = 'fail' order by check_id"
            ),
            "warn_explanations": [
                r[0]
                for r in q(
                    "select explanation from marts.fct_reconciliation_checks "
                    "where status = 'warn' and check_type <> 'plan_year_coverage' and same_finding_as is null"
                )
            ],
            "coverage": q(
                "select municipality_code, list(fiscal_year order by fiscal_year), list(explanation) "
                "from marts.fct_reconciliation_checks where check_type = 'plan_year_coverage' "
                "and status = 'warn' group by all"
            ),
            "check_counts": q(
                "select check_type, status, count(*) from marts.fct_reconciliation_checks group by all"
            ),
            "committees": q(
                "select count(distinct (municipality_code, committee_name)) from marts.rpt_plan_period"
            )[0][0],
            "missing_slots": q(
                """select count(*) from marts.rpt_plan_period p
                   where amount_tkr is null and (measure = 'net_cost' or exists (
                     select 1 from marts.rpt_plan_period q where q.municipality_code = p.municipality_code
                       and q.committee_name = p.committee_name and q.measure = p.measure
                       and q.amount_tkr is not null))"""
            )[0][0],
            "notes": q(
                "select distinct municipality_name, comparability from marts.rpt_municipality_comparison "
                "where measure = 'net_cost'"
            ),
            "concepts": q("select distinct concept_id, concept_label from marts.rpt_indicator_comparison"),
            "pages": q("select document_id, first_line, text from raw.pages"),
        }
    finally:
        con.close()


def line_text(marts: dict, document_id: str, line: int) -> str:
    for doc, first, text in marts["pages"]:
        lines = text.split("\n")
        if doc == document_id and first <= line < first + len(lines):
            return lines[line - first]
    raise AssertionError(f"no line {line} in {document_id}")


@pytest.fixture(scope="module")
def report(built: Path, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "site"
    done = cli("report", "--db", str(built), "--out", str(out))
    assert done.returncode == 0, done.stderr[-3000:]
    assert str(out / "index.html") in done.stdout
    return out


@pytest.fixture(scope="module")
def index(report: Path) -> str:
    return (report / "index.html").read_text(encoding="utf-8")


def section(page: str, start_id: str, end_id: str) -> str:
    start = page.index(f'id="{start_id}"')
    return page[start : page.index(f'id="{end_id}"', start)]


# ----------------------------------------------------------------------------- the report


def test_writes_index_and_one_page_per_active_document(report: Path, marts: dict):
    assert (report / "index.html").is_file()
    pages = sorted(p.name for p in (report / "documents").iterdir())
    assert pages == sorted(f"{d}.html" for d in marts["active"])
    assert len(pages) == 5


def test_index_lists_every_source_file_with_a_link_to_its_text(index: str, marts: dict):
    documents = section(index, "documents", "plan-period")
    for name in DOCS.values():
        assert f'title="{name}"' in documents
    for doc in marts["active"]:
        assert f'href="documents/{doc}.html"' in documents


def test_failed_checks_are_shown_first_with_a_link_to_their_line(index: str, report: Path, marts: dict):
    fails = marts["fails"]
    assert len(fails) == 4
    checks = section(index, "checks", "comparison")
    first_warn = min(checks.index(html.escape(e)) for e in marts["warn_explanations"])
    for check_type, explanation, doc, line in fails:
        assert html.escape(explanation) in checks
        assert checks.index(html.escape(explanation)) < first_warn, "fail rows come before warn rows"
        link = f'href="documents/{doc}.html#L{line}"'
        assert link in checks, f"{check_type}: no link {link}"
        page = (report / "documents" / f"{doc}.html").read_text(encoding="utf-8")
        target = re.search(rf'<div class="[^"]*" id="L{line}">(.*?)</div>', page)
        assert target, f"no anchor L{line} in {doc}.html"
        assert f'<span class="t">{html.escape(line_text(marts, doc, line))}</span>' in target.group(1)
        assert "flag-fail" in target.group(0), "the failed line is marked in the document"
    # the corpus' known failures: Linköping's Kommunstyrelsen total on line 829 and Investeringar on 1224
    assert {(t, line) for t, _, _, line in fails} >= {("sum_of_items", 829), ("sum_of_items", 1224)}
    # Investeringar 1224 is also caught by its net column: one row, naming the other check
    assert checks.count("Investeringar (line 1224), 2023") == 1
    assert "Also caught by: net_equals_costs_minus_income." in checks


def test_check_summary_counts_and_coverage_summarised_per_committee(index: str, marts: dict):
    checks = section(index, "checks", "comparison")
    by_type: dict[str, dict[str, int]] = {}
    for check_type, status, n in marts["check_counts"]:
        by_type.setdefault(check_type, {})[status] = n
    for check_type, counts in by_type.items():
        text = ", ".join(f"{counts[s]} {s}" for s in ("pass", "fail", "warn") if counts.get(s))
        assert f'title="{check_type}: {text}"' in checks
    assert by_type["sum_of_items"] == {"pass": 50, "fail": 2, "warn": 4}
    # plan_year_coverage warnings: one line per committee listing the years, not one row each
    assert len(marts["coverage"]) == 3
    for _code, years, explanations in marts["coverage"]:
        assert ", ".join(map(str, years)) in checks
        for e in explanations:
            assert html.escape(e) not in checks
    assert "2025, 2026, 2027, 2028, 2029" in checks and "2026, 2027, 2028, 2029" in checks


def test_plan_period_per_committee(index: str, marts: dict):
    plan = section(index, "plan-period", "checks")
    assert plan.count('<div class="committee"') == marts["committees"] == 5
    for amount in (
        "666,8 mnkr",
        "679,1 mnkr",
        "301,9 mnkr",
        "5,4 mnkr",
        "493,4 mnkr",
        "204,6 mnkr",
        "281,1 mnkr",
    ):
        assert amount in plan
    assert plan.count('class="missing"') == marts["missing_slots"] == 18
    assert "666 800" in plan and "±200 tkr" in plan
    assert (
        plan.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 8
    )  # 5 net cost, 3 investment


def test_comparison_shows_each_municipality_and_what_its_figure_covers(index: str, marts: dict):
    comparison = section(index, "comparison", "indicators")
    for name in ("Linköping", "Norrköping", "Nyköping", "Luleå"):
        assert f"<b>{name}</b>" in comparison
    assert len(marts["notes"]) >= 4
    for _name, note in marts["notes"]:
        assert html.escape(note) in comparison
    # per inhabitant, Swedish notation: Linköping 3 968,22 kr in 2024, Valnämnden 6,68 kr in 2025
    assert ">3 968<" in comparison and ">6,7<" in comparison
    assert "+22,4 %" in comparison


def test_indicators_side_by_side_link_to_their_lines(index: str):
    indicators = section(index, "indicators", "reproduce")
    for concept in ("sick_leave_total", "hme_total", "business_climate_nki"):
        assert f"<code>{concept}</code>" in indicators
    assert "Total sick leave among the municipality&#x27;s employees (%)" in indicators
    assert "mål 7,5" in indicators and "mål 81" in indicators
    assert ">9,1<" in indicators and "I.U." in indicators
    assert 'href="documents/1edc04acc1658653.html#L1260"' in indicators  # Nyköping's sick leave
    assert indicators.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 3


def test_every_link_in_the_report_resolves_offline(report: Path):
    pages = [report / "index.html", *(report / "documents").glob("*.html")]
    anchors: dict[Path, set[str]] = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<meta charset="utf-8">' in text
        assert "<script" not in text.lower()
        refs = re.findall(r"""\b(?:src|href)\s*=\s*["']([^"']*)["']""", text, re.I)
        assert refs
        assert not [r for r in refs if re.match(r"(?i)\s*(https?:)?//", r)], (
            f"{page.name} links to the network"
        )
        for ref in refs:
            path, _, anchor = ref.partition("#")
            target = (page.parent / path).resolve() if path else page
            assert target.is_file(), f"{page.name}: {ref}"
            if anchor:
                if target not in anchors:
                    anchors[target] = set(re.findall(r'\bid="([^"]+)"', target.read_text(encoding="utf-8")))
                assert anchor in anchors[target], f"{page.name}: {ref}"
    index = (report / "index.html").read_text(encoding="utf-8")
    assert "Linköping" in index and "Valnämnden" in index  # UTF-8, not entities


def test_report_help_says_what_it_writes():
    done = cli("report", "--help")
    assert done.returncode == 0
    text = " ".join(done.stdout.split())  # argparse wraps lines
    for words in ("--db", "--out", "index.html", "documents/<document_id>.html", "(default: report/)"):
        assert words in text
    assert "report" in cli("--help").stdout


def test_report_without_a_warehouse_exits_2(tmp_path: Path):
    done = cli("report", "--db", str(tmp_path / "none.duckdb"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert f"no warehouse at {tmp_path / 'none.duckdb'}: run `kommunbudget build` first" in done.stderr
    assert not (tmp_path / "out").exists()


def find_browser(path: str | None = None) -> str | None:
    """The Chromium to drive: $KOMMUNBUDGET_BROWSER if set, else /usr/bin/chromium, else one on PATH."""
    if "KOMMUNBUDGET_BROWSER" in os.environ:
        chosen = os.environ["KOMMUNBUDGET_BROWSER"]
        return shutil.which(chosen, path=path) if chosen else None
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return next(filter(None, (shutil.which(name, path=path) for name in BROWSERS_ON_PATH)), None)


def test_find_browser(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("KOMMUNBUDGET_BROWSER", "")
    assert find_browser() is None
    monkeypatch.setenv("KOMMUNBUDGET_BROWSER", str(tmp_path / "missing"))
    assert find_browser() is None
    fake = tmp_path / "google-chrome"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.delenv("KOMMUNBUDGET_BROWSER")
    monkeypatch.setitem(globals(), "CHROMIUM", str(tmp_path / "chromium"))
    assert find_browser(path=str(tmp_path)) == str(fake)
    assert find_browser(path=str(tmp_path / "empty")) is None


def test_report_in_a_browser(report: Path, marts: dict, tmp_path: Path):
    chromium = find_browser()
    if chromium is None:
        chosen = os.environ.get("KOMMUNBUDGET_BROWSER")
        pytest.skip(NO_BROWSER if chosen is None else f"KOMMUNBUDGET_BROWSER={chosen!r} names no browser")
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on(
                "console",
                lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
            )
            page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
            page.goto((report / "index.html").as_uri())
            page.wait_for_load_state("load")
            svgs = page.locator("svg")
            assert svgs.count() >= marts["committees"] + 1
            charts = page.locator("svg.chart")
            assert charts.count() == svgs.count() == 13
            for i in range(charts.count()):
                chart = charts.nth(i)
                box = chart.bounding_box()
                assert box and box["width"] > 200 and box["height"] > 150, f"chart {i}: {box}"
                assert chart.locator(":scope > title").count() == 1
                assert chart.locator(".axis-label").count() == 2
            # the page fits the window: nothing wider than the viewport
            assert page.evaluate("document.documentElement.scrollWidth") <= 1280
            shot = tmp_path / "report.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000

            _, _, doc, line = marts["fails"][0]
            page.goto((report / "documents" / f"{doc}.html").as_uri() + f"#L{line}")
            page.wait_for_load_state("load")
            row = page.locator(f"#L{line}")
            assert row.count() == 1
            assert row.locator(".n").inner_text() == str(line)
            box = row.bounding_box()
            assert box and 0 <= box["y"] < 900, "the browser scrolled to the anchored line"
            assert page.evaluate("location.hash") == f"#L{line}"
        finally:
            browser.close()
    assert errors == []


def test_render_conflicts_missing_population_and_markup_in_text():
    """Paths the corpus does not reach: sources that disagree, no population, markup in a document."""
    doc = {
        "document_id": "d1",
        "source_file": "stockholm_<ks>.txt",
        "municipality_code": "0180",
        "municipality_name": "Stockholm",
        "committee_name": "Kommunstyrelsen",
        "committee_type": "kommunstyrelse",
        "issuing_unit": None,
        "document_type": "budget",
        "document_title": "Budget & plan",
        "base_year": 2024,
        "table_count": 1,
        "cell_count": 2,
        "warning_count": 0,
        "landed_at": None,
    }
    plan = [
        {
            "municipality_code": "0180",
            "municipality_name": "Stockholm",
            "committee_name": "Kommunstyrelsen",
            "committee_type": "kommunstyrelse",
            "measure": "net_cost",
            "fiscal_year": year,
            "amount_tkr": Decimal(amount) if amount else None,
            "scenario": "plan",
            "source_count": n,
            "sources_agree": status != "conflict" if n else None,
            "max_disagreement_tkr": (Decimal("900") if status == "conflict" else Decimal(0)) if n else None,
            "status": status,
            "document_id": "d1",
            "sources": "operating_total: Drift; summary: Ekonomi" if n else None,
        }
        for year, amount, n, status in [
            (2024, "1500", 2, "conflict"),
            (2025, "1600", 1, "complete"),
            (2026, None, 0, "missing"),
        ]
    ]
    comparison = [
        {
            "municipality_code": "0180",
            "municipality_name": "Stockholm",
            "committee_type": "kommunstyrelse",
            "fiscal_year": 2024,
            "measure": "net_cost",
            "amount_tkr": Decimal("1500"),
            "scenario": "budget",
            "population": None,
            "population_date": None,
            "amount_per_capita_sek": None,
            "first_stated_year": 2024,
            "growth_since_first_year": None,
            "comparability": "Kommunstyrelsen's net cost <all of it>.",
            "stated_by": "Kommunstyrelsen (operating_total, Drift)",
        }
    ]
    data = Data(Path("w.duckdb"), [doc], {}, {}, plan, [], comparison, [])
    page = render_index(data)
    assert 'class="bar conflict"' in page and "! conflict" in page and "conflict</span>" in page
    assert page.count('class="missing"') == 4  # 2026-2029 of the net cost
    assert "Stockholm 2024: 1 500 tkr (budget): no population entered" in page
    assert "Kommunstyrelsen&#x27;s net cost &lt;all of it&gt;." in page
    assert "stockholm_&lt;ks&gt;.txt" in page and "<ks>" not in page
    text = render_document(
        doc,
        [{"page_no": 1, "page_kind": "text_whole", "first_line": 7, "last_line": 8, "text": "a\n<b>x</b>"}],
        {},
    )
    assert (
        '<div class="l" id="L8"><a class="n" href="#L8">8</a><span class="t">&lt;b&gt;x&lt;/b&gt;</span></div>'
        in text
    )
    assert 'id="L7"' in text and 'id="L9"' not in text


# ----------------------------------------------------------------------------- svg helpers


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG_NS}svg"
    return root


def rects(root: ET.Element, cls: str) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG_NS}rect") if cls in r.get("class", "").split()]


def chart(bars: list[Bar], **kw) -> ET.Element:
    return parse(
        bar_chart(bars, chart_id="t", title="Net cost <2024> & plan", x_label="Year", y_label="mnkr", **kw)
    )


def test_bar_chart_heights_are_proportional_and_missing_values_hatched():
    root = chart([Bar("2024", 100), Bar("2025", 50), Bar("2026", None), Bar("2027", Decimal("25"))])
    assert root.find(f"{SVG_NS}title").text == "Net cost <2024> & plan"
    bars = rects(root, "bar")
    assert len(bars) == 3
    heights = [float(b.get("height")) for b in bars]
    assert heights[0] == pytest.approx(2 * heights[1], rel=1e-3)
    assert heights[0] == pytest.approx(4 * heights[2], rel=1e-3)
    bottoms = {round(float(b.get("y")) + float(b.get("height")), 1) for b in bars}
    assert len(bottoms) == 1, "every bar stands on the zero line"
    missing = rects(root, "missing")
    assert len(missing) == 1 and missing[0].get("fill") == "url(#t-hatch)"
    texts = [t.text for t in root.iter(f"{SVG_NS}text")]
    assert "missing" in texts and "Year" in texts and "mnkr" in texts
    assert "100" in texts and "25" in texts


def test_bar_chart_negative_values_hang_below_zero():
    root = chart([Bar("a", 100), Bar("b", -50)])
    pos, neg = rects(root, "bar")
    zero = float(pos.get("y")) + float(pos.get("height"))
    assert float(neg.get("y")) == pytest.approx(zero, abs=0.01)
    assert float(pos.get("height")) == pytest.approx(2 * float(neg.get("height")), rel=1e-3)
    assert "-50" in [t.text for t in root.iter(f"{SVG_NS}text")]


def test_bar_chart_all_zero_or_all_missing_does_not_divide_by_zero():
    svg = bar_chart(
        [Bar("2024", 0), Bar("2025", 0.0), Bar("2026", Decimal("0.000"))],
        chart_id="z",
        title="zero",
        x_label="x",
        y_label="y",
    )
    root = parse(svg)
    assert [float(b.get("height")) for b in rects(root, "bar")] == [0, 0, 0]
    assert "nan" not in svg.lower() and "inf" not in svg.lower()
    root = chart([Bar("2024", None), Bar("2025", None)])
    assert rects(root, "bar") == [] and len(rects(root, "missing")) == 2


def test_bar_chart_marks_conflicts_and_escapes_labels():
    root = chart([Bar("2024", 10, text="10,0", flag="conflict", note="a & b"), Bar("<2025>", 20)])
    conflict = rects(root, "conflict")
    assert len(conflict) == 1 and "bar" in conflict[0].get("class")
    assert conflict[0].find(f"{SVG_NS}title").text == "2024: 10,0 (conflict). a & b"
    texts = [t.text for t in root.iter(f"{SVG_NS}text")]
    assert "! conflict" in texts and "<2025>" in texts


def test_grouped_bar_chart_leaves_missing_values_out():
    svg = grouped_bar_chart(
        ["2023", "2024"],
        [BarSeries("Linköping", [Decimal("4000.65"), 3000]), BarSeries("Luleå", [None, 1500])],
        chart_id="g",
        title="per inhabitant",
        x_label="Fiscal year",
        y_label="kr",
    )
    root = parse(svg)
    bars = rects(root, "bar")
    assert len(bars) == 3
    h = {b.find(f"{SVG_NS}title").text: float(b.get("height")) for b in bars}
    assert h["Linköping, 2024: 3 000"] == pytest.approx(2 * h["Luleå, 2024: 1 500"], rel=1e-3)
    assert h["Linköping, 2023: 4 000,65"] == pytest.approx(
        h["Linköping, 2024: 3 000"] * 4000.65 / 3000, rel=1e-3
    )
    assert "Luleå" in [t.text for t in root.iter(f"{SVG_NS}text")]


def test_line_chart_draws_lines_only_through_two_or_more_points():
    root = parse(
        line_chart(
            [2022, 2023, 2024, 2025],
            [
                LineSeries("Linköping", [(2022, 74, "74"), (2023, 75, "75")]),
                LineSeries("Linköping target", [(2024, 80, "mål 80")], dashed=True),
            ],
            chart_id="l",
            title="HME",
            x_label="Year",
            y_label="index",
        )
    )
    assert len(list(root.iter(f"{SVG_NS}polyline"))) == 1
    circles = list(root.iter(f"{SVG_NS}circle"))
    points = [c for c in circles if c.get("class") == "point"]
    assert len(points) == 3
    y = [float(c.get("cy")) for c in points]
    assert y[0] > y[1] > y[2], "higher values are drawn higher"
    assert points[2].get("fill") == "#fff", "targets are hollow"
    assert "mål 80" in [t.text for t in root.iter(f"{SVG_NS}text")]


def test_nice_ticks():
    assert nice_ticks(0, 666.8) == [0, 200, 400, 600, 800]
    assert nice_ticks(0, 5.541) == [0, 2, 4, 6]
    assert nice_ticks(-50, 100) == [-50, 0, 50, 100]
    assert nice_ticks(0, 0) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]


# ----------------------------------------------------------------------------- number formatting


def test_swedish_number_formatting():
    assert sv_number(1234567.8, 1) == "1 234 567,8"
    assert sv_number(-0.9, 1) == "-0,9"
    assert sv_number(-0.04, 1) == "0,0"
    assert sv_number(2.5) == "3" and sv_number(-2.5) == "-3"  # half away from zero, not to even
    assert sv_number(999.96, 1) == "1 000,0"
    assert sv_number(None) == "–"
    assert sv_number(float("nan")) == "–"
    assert sv_auto(Decimal("-2146.000")) == "-2 146"
    assert sv_auto(Decimal("0.500")) == "0,5"
    assert sv_mnkr(Decimal("666800.000")) == "666,8 mnkr"
    assert sv_mnkr(5378) == "5,4 mnkr"
    assert sv_tkr(Decimal("4395600.000")) == "4 395 600 tkr"
    assert sv_percent(Decimal("0.2017")) == "+20,2 %" and sv_percent(-0.7847) == "-78,5 %"
