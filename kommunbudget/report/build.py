"""`kommunbudget report`: read the marts (read-only) and write a static, offline HTML report.

index.html has the documents, the plan period per committee, the checks that failed or look
suspicious, the municipality comparison and the indicators; documents/<document_id>.html has
each document's extracted text, one anchor per line (#L829), which every figure links back to.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from kommunbudget.db import connect

from .fmt import sv_auto, sv_mnkr, sv_number, sv_percent, sv_tkr
from .html import attrs, badge, esc, page, slug, table, td, tr
from .svg import PALETTE, Bar, BarSeries, LineSeries, bar_chart, grouped_bar_chart, line_chart

PLAN_YEARS = list(range(2024, 2030))
MEASURES = {"net_cost": "Net cost", "net_investment": "Net investment"}
CHECK_TYPES = {
    "sum_of_items": "A printed total equals the sum of the lines it totals.",
    "net_equals_costs_minus_income": "A net line equals the costs minus the income printed with it.",
    "cross_table": "A figure printed in two places (two tables, or a table and a sentence) agrees.",
    "unit_consistency": "A figure read in its header's unit (tkr, mnkr) agrees with the same figure "
    "elsewhere.",
    "plan_year_coverage": "Every year of the plan period 2024–2029 has a stated net cost.",
}
STATUS_ORDER = {"fail": 0, "warn": 1, "pass": 2}
COMMITTEE_TYPES = {
    "kommunstyrelse": "Kommunstyrelse (executive board)",
    "valnamnd": "Valnämnd (election board)",
}


@dataclass
class ReportResult:
    out_dir: Path
    index: Path
    documents: list[Path] = field(default_factory=list)


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _doc_href(document_id: str | None, line: int | None = None, prefix: str = "documents/") -> str:
    if not document_id:
        return ""
    anchor = f"#L{int(line)}" if line is not None else ""
    return f"{prefix}{document_id}.html{anchor}"


def _wbr(identifier: str) -> str:
    """An identifier that may break after its underscores: net_<wbr>equals_<wbr>costs…"""
    return "_<wbr>".join(esc(p) for p in str(identifier).split("_"))


def _source_link(document_id, line, text: str | None = None) -> str:
    if not document_id or line is None:
        return '<span class="muted">–</span>'
    label = text or f"line {int(line)}"
    return f'<a class="value-link" href="{esc(_doc_href(document_id, line))}">{esc(label)}</a>'


# ----------------------------------------------------------------------------- data


@dataclass
class Data:
    db: Path
    documents: list[dict]
    pages: dict[str, list[dict]]
    municipalities: dict[str, dict]
    plan: list[dict]
    checks: list[dict]
    comparison: list[dict]
    indicators: list[dict]

    @property
    def built_at(self):
        stamps = [d["landed_at"] for d in self.documents if d["landed_at"] is not None]
        return max(stamps) if stamps else None


def load(db: Path) -> Data:
    con = connect(db, read_only=True)
    try:
        documents = _rows(
            con,
            """select document_id, source_file, municipality_code, municipality_name, committee_name,
                      committee_type, issuing_unit, document_type, document_title, base_year, file_format,
                      sha256, page_count, table_count, cell_count, narrative_count, issue_count,
                      warning_count, landed_at
               from marts.dim_document where is_active
               order by municipality_name, committee_name, base_year, source_file""",
        )
        active = [d["document_id"] for d in documents]
        pages: dict[str, list[dict]] = defaultdict(list)
        for p in _rows(
            con,
            "select document_id, page_no, page_kind, first_line, last_line, page_text as text "
            "from marts.dim_document_page "
            "where list_contains(?, document_id) order by document_id, page_no",
            [active],
        ):
            pages[p["document_id"]].append(p)
        municipalities = {
            m["municipality_code"]: m
            for m in _rows(
                con,
                "select municipality_code, municipality_name, population, population_date, "
                "population_source from marts.dim_municipality",
            )
        }
        plan = _rows(
            con,
            """select p.*, m.municipality_name
               from marts.rpt_plan_period p
               left join marts.dim_municipality m using (municipality_code)
               order by m.municipality_name, p.committee_name, p.measure, p.fiscal_year""",
        )
        checks = _rows(
            con,
            """select c.*, m.municipality_name
               from marts.fct_reconciliation_checks c
               left join marts.dim_municipality m using (municipality_code)
               order by case c.status when 'fail' then 0 when 'warn' then 1 else 2 end, c.check_type,
                        m.municipality_name, c.committee_name, c.table_title, c.line_label, c.fiscal_year""",
        )
        comparison = _rows(
            con,
            """select * from marts.rpt_municipality_comparison
               order by committee_type, measure, municipality_name, fiscal_year""",
        )
        indicators = _rows(
            con,
            """select * from marts.rpt_indicator_comparison
               order by concept_id, municipality_name, committee_name, period_year, value_role""",
        )
    finally:
        con.close()
    return Data(db, documents, dict(pages), municipalities, plan, checks, comparison, indicators)


def _municipality_colors(data: Data) -> dict[str, str]:
    """One colour per municipality (in order of name), the same in every chart."""
    names: dict[str, str] = {}
    for r in [*data.documents, *data.comparison, *data.indicators]:
        names.setdefault(r["municipality_code"], r.get("municipality_name") or r["municipality_code"])
    order = sorted(names, key=lambda code: (names[code], code))
    return {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(order)}


def _muni_name(data: Data, code: str | None, fallback: str | None = None) -> str:
    m = data.municipalities.get(code or "")
    return (m or {}).get("municipality_name") or fallback or code or "?"


# ----------------------------------------------------------------------------- sections


def _header(data: Data) -> str:
    docs = data.documents
    munis = sorted({_muni_name(data, d["municipality_code"], d["municipality_name"]) for d in docs})
    committees = {(r["municipality_code"], r["committee_name"]) for r in data.plan}
    by_status: dict[str, int] = defaultdict(int)
    for c in data.checks:
        by_status[c["status"]] += 1
    built = data.built_at.strftime("%Y-%m-%d %H:%M") if data.built_at else "–"
    cards = [
        (str(len(docs)), "documents"),
        (str(len(munis)), "municipalities"),
        (str(len(committees)), "committees with a plan period"),
        (sv_number(sum(by_status.values())), "checks run"),
        (f'<span style="color:var(--fail)">{by_status.get("fail", 0)}</span>', "checks failed"),
        (f'<span style="color:var(--warn)">{by_status.get("warn", 0)}</span>', "checks to look at (warn)"),
    ]
    card_html = "".join(
        f'<div class="card"><div class="big">{b}</div><div class="label">{esc(lbl)}</div></div>'
        for b, lbl in cards
    )
    return f"""
<header class="masthead"><div class="wrap">
  <div class="kicker">kommunbudget · warehouse report</div>
  <h1>What {len(docs)} municipal budget documents say, and where they do not add up</h1>
  <p class="lede">Every figure below was read from the budget documents of {esc(", ".join(munis))} into an
  analytical warehouse, checked against the other figures in the same document, and links back to the
  line of the document it comes from.</p>
  <dl class="meta">
    <div><dt>Warehouse</dt><dd><code>{esc(data.db)}</code></dd></div>
    <div><dt>Documents</dt><dd>{len(docs)} active versions</dd></div>
    <div><dt>Built (last document landed)</dt><dd>{esc(built)}</dd></div>
    <div><dt>Plan period</dt><dd>{PLAN_YEARS[0]}–{PLAN_YEARS[-1]}</dd></div>
  </dl>
</div></header>
<nav class="toc" aria-label="Contents"><div class="wrap"><ol>
  <li><a href="#documents">Documents</a></li>
  <li><a href="#plan-period">Plan period per committee</a></li>
  <li><a href="#checks">Checks that failed or look suspicious</a></li>
  <li><a href="#comparison">Municipality comparison</a></li>
  <li><a href="#indicators">Indicators side by side</a></li>
  <li><a href="#reproduce">Reproduce</a></li>
</ol></div></nav>
<div class="wrap"><div class="cards">{card_html}</div></div>"""


def _documents_section(data: Data) -> str:
    rows = []
    for d in data.documents:
        pages = data.pages.get(d["document_id"], [])
        lines = max((p["last_line"] for p in pages), default=None)
        rows.append(
            tr(
                td(
                    f'<a href="{esc(_doc_href(d["document_id"]))}" title="{esc(d["source_file"])}">'
                    f"{_wbr(d['source_file'])}</a>"
                    f'<div class="small muted">{esc(d["document_title"])}</div>',
                    "file",
                ),
                td(esc(d["municipality_name"])),
                td(
                    esc(d["committee_name"])
                    + (
                        f'<div class="small muted">{esc(d["issuing_unit"])}</div>'
                        if d.get("issuing_unit")
                        else ""
                    )
                ),
                td(esc(d["document_type"])),
                td(esc(d["base_year"]), "num"),
                td(sv_number(lines), "num"),
                td(sv_number(d["table_count"]), "num"),
                td(sv_number(d["cell_count"]), "num"),
                td(sv_number(d["warning_count"]), "num"),
            )
        )
    headers = [
        ("Source file", ""),
        ("Municipality", ""),
        ("Committee", ""),
        ("Document type", ""),
        ("Base year", "num"),
        ("Lines", "num"),
        ("Tables", "num"),
        ("Cells", "num"),
        ("Warnings", "num"),
    ]
    return f"""
<section id="documents"><h2><span class="num">1</span>Documents</h2>
<p class="intro">The current version of every document in the warehouse (<code>marts.dim_document</code>).
The file name opens the text as extracted, with numbered lines; every “line” link in this report lands
on one of them.</p>
{table(headers, rows)}
</section>"""


def _plan_chart(rows: list[dict], measure: str, name: str, committee: str, chart_id: str) -> str:
    by_year = {r["fiscal_year"]: r for r in rows}
    bars = []
    for y in PLAN_YEARS:
        r = by_year.get(y)
        amount = None if r is None or r["amount_tkr"] is None else r["amount_tkr"] / 1000
        flag = "conflict" if r is not None and r["status"] == "conflict" else None
        note = None
        if r is not None and r["amount_tkr"] is not None:
            note = f"{sv_tkr(r['amount_tkr'])}, {r['scenario']}, stated in {r['source_count']} place(s)"
        elif r is None or r["status"] == "missing":
            note = "no document states it"
        bars.append(Bar(str(y), amount, None if amount is None else sv_number(amount, 1), flag, note))
    title = f"{MEASURES[measure]} {PLAN_YEARS[0]}–{PLAN_YEARS[-1]}, mnkr"
    stated = sum(b.value is not None for b in bars)
    desc = (
        f"{name}, {committee}: {MEASURES[measure].lower()} per fiscal year in million kronor; "
        f"{stated} of {len(bars)} years stated."
    )
    return bar_chart(bars, chart_id=chart_id, title=title, x_label="Fiscal year", y_label="mnkr", desc=desc)


def _plan_cells(r: dict | None) -> list[str]:
    r = r or {"status": "missing", "source_count": 0}
    stated = r.get("amount_tkr") is not None
    agree = "–" if not r.get("source_count") else ("yes" if r.get("sources_agree") else "no")
    if stated and r.get("max_disagreement_tkr"):
        agree += f'<div class="small muted">±{esc(sv_auto(r["max_disagreement_tkr"]))} tkr</div>'
    return [
        td(esc(sv_mnkr(r.get("amount_tkr"))), "num first"),
        td(esc(sv_auto(r.get("amount_tkr"))), "num"),
        td(esc(r.get("scenario")) if stated else '<span class="muted">–</span>'),
        td(esc(r.get("source_count") or 0), "num", title=r.get("sources") or ""),
        td(agree, "nowrap"),
        td(badge(r.get("status"))),
    ]


def _plan_table(measures: dict[str, list[dict]]) -> str:
    """One row per plan year, a group of columns per measure."""
    by_year = {m: {r["fiscal_year"]: r for r in rows} for m, rows in measures.items()}
    sub = ["Amount", "tkr", "Scenario", "Sources", "Agree", "Status"]
    sub_cls = ["num first", "num", "", "num", "", ""]
    top = '<th rowspan="2">Year</th>' + "".join(
        f'<th colspan="{len(sub)}" class="group first">{esc(MEASURES[m])}</th>' for m in measures
    )
    second = "".join(
        f"<th{attrs(class_=c)}>{h}</th>" for _ in measures for h, c in zip(sub, sub_cls, strict=True)
    )
    body = [
        tr(td(f"<b>{y}</b>"), *(c for m in measures for c in _plan_cells(by_year[m].get(y))))
        for y in PLAN_YEARS
    ]
    sources = [
        f"<li><b>{esc(MEASURES[m])} {r['fiscal_year']}</b>: {esc(r['sources'])}</li>"
        for m, rows in measures.items()
        for r in rows
        if r.get("sources")
    ]
    details = (
        f"<details><summary>Where each figure is stated</summary><ul>{''.join(sources)}</ul></details>"
        if sources
        else ""
    )
    return (
        f'<div class="table-scroll"><table class="data plan{" narrow" if len(measures) == 1 else ""}">'
        f"<thead><tr>{top}</tr><tr>{second}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>{details}"
    )


def _plan_section(data: Data) -> str:
    groups: dict[tuple, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for r in data.plan:
        key = (r["municipality_name"] or r["municipality_code"], r["municipality_code"], r["committee_name"])
        groups[key][r["measure"]].append(r)
    parts = []
    for (name, code, committee), measures in sorted(groups.items()):
        shown: dict[str, list[dict]] = {}
        for measure in MEASURES:
            rows = measures.get(measure, [])
            if measure == "net_cost" or any(r["amount_tkr"] is not None for r in rows):
                shown[measure] = rows
        charts = "".join(
            f'<div class="chart-box">'
            f"{_plan_chart(rows, m, name, committee, 'plan-' + slug(code, committee, m))}</div>"
            for m, rows in shown.items()
        )
        net = measures.get("net_cost", [])
        stated = [r["fiscal_year"] for r in net if r["amount_tkr"] is not None]
        missing = [y for y in PLAN_YEARS if y not in stated]
        conflicts = [r["fiscal_year"] for r in net if r["status"] == "conflict"]
        summary = f"Net cost stated for {len(stated)} of {len(PLAN_YEARS)} years"
        summary += f"; missing: {', '.join(map(str, missing))}" if missing else ""
        summary += f"; sources disagree for {', '.join(map(str, conflicts))}" if conflicts else ""
        if "net_investment" not in shown:
            summary += "; no net investment stated"
        ctype = next((r["committee_type"] for r in net if r.get("committee_type")), "")
        docs = sorted({r["document_id"] for rows in measures.values() for r in rows if r.get("document_id")})
        doc_links = ", ".join(f'<a href="{esc(_doc_href(d))}">{esc(_source_file(data, d))}</a>' for d in docs)
        parts.append(
            f'<div class="committee" id="{esc("plan-" + slug(code, committee))}">'
            f'<h3>{esc(name)} · {esc(committee)} <span class="sub">{esc(ctype)} · kommunkod {esc(code)}'
            f"</span></h3>"
            f'<p class="note">{esc(summary)}.{" From " + doc_links + "." if doc_links else ""}</p>'
            f'<div class="charts">{charts}</div>{_plan_table(shown)}</div>'
        )
    return f"""
<section id="plan-period"><h2><span class="num">2</span>Plan period per committee</h2>
<p class="intro">Net cost (and net investment where a document states it) for each year of the plan period
{PLAN_YEARS[0]}–{PLAN_YEARS[-1]}, from <code>marts.rpt_plan_period</code>, in million kronor (mnkr) and
thousand kronor (tkr). Each figure is taken from the place that states it most directly; <em>Sources</em>
counts the places that state it (hover, or open “Where each figure is stated”) and <em>Agree</em> says
whether they agree within rounding. Hatched slots are years no document states; a year whose sources
disagree is drawn in amber and marked “conflict”.</p>
{"".join(parts)}
</section>"""


def _source_file(data: Data, document_id: str) -> str:
    for d in data.documents:
        if d["document_id"] == document_id:
            return d["source_file"]
    return document_id


def _checks_section(data: Data) -> str:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in data.checks:
        counts[c["check_type"]][c["status"]] += 1
    summary_rows = []
    totals: dict[str, int] = defaultdict(int)
    for ctype in sorted(counts, key=lambda t: (list(CHECK_TYPES).index(t) if t in CHECK_TYPES else 99, t)):
        cells = []
        for status in ("pass", "warn", "fail"):
            n = counts[ctype].get(status, 0)
            totals[status] += n
            cells.append(td(str(n), f"num count-{status}" if n else "num zero"))
        total = sum(counts[ctype].values())
        text = ", ".join(f"{counts[ctype][s]} {s}" for s in ("pass", "fail", "warn") if counts[ctype].get(s))
        summary_rows.append(
            tr(
                td(f'<code class="check-type">{_wbr(ctype)}</code>'),
                td(esc(CHECK_TYPES.get(ctype, "")), title=f"{ctype}: {text}"),
                *cells,
                td(str(total), "num"),
            )
        )
    summary_rows.append(
        tr(
            td("<b>All checks</b>"),
            td(""),
            *(td(str(totals[s]), "num") for s in ("pass", "warn", "fail")),
            td(str(sum(totals.values())), "num"),
            class_="total",
        )
    )
    summary = table(
        [
            ("Check", ""),
            ("What it checks", ""),
            ("pass", "num"),
            ("warn", "num"),
            ("fail", "num"),
            ("total", "num"),
        ],
        summary_rows,
    )

    # A discrepancy several checks caught is one row: the check that counts it, naming the others.
    also_caught: dict[str, list[str]] = defaultdict(list)
    for c in data.checks:
        if c.get("same_finding_as"):
            also_caught[c["same_finding_as"]].append(c["check_type"])
    listed = [
        c
        for c in data.checks
        if c["status"] in ("fail", "warn")
        and not c.get("same_finding_as")
        and not (c["check_type"] == "plan_year_coverage" and c["status"] == "warn")
    ]
    bodies = []
    for c in listed:
        where = esc(c["municipality_name"] or c["municipality_code"])
        line = f'{esc(c["line_label"])}<div class="small muted">{esc(c["table_title"])}</div>'
        main = tr(
            td(badge(c["status"])),
            td(f'<code class="check-type">{_wbr(c["check_type"])}</code>'),
            td(f'{where}<div class="small muted">{esc(c["committee_name"])}</div>'),
            td(line),
            td(esc(c["fiscal_year"]), "num"),
            td(esc(sv_auto(c["reported_tkr"])), "num"),
            td(esc(sv_auto(c["computed_tkr"])), "num"),
            td(esc(sv_auto(c["difference_tkr"])), "num"),
            td(esc(sv_auto(c["tolerance_tkr"])), "num"),
            td(_source_link(c["document_id"], c["source_line"]), "nowrap"),
            class_="main",
        )
        also = also_caught.get(c["check_id"])
        note = f" Also caught by: {', '.join(also)}." if also else ""
        explain = tr(td(""), td(esc(c["explanation"] + note), colspan=9), class_="explain")
        bodies.append(
            f'<tbody class="{esc(c["status"])}" id="{esc("check-" + slug(c["check_id"]))}">'
            f"{main}{explain}</tbody>"
        )
    headers = [
        ("Status", ""),
        ("Check", ""),
        ("Municipality", ""),
        ("Line checked", ""),
        ("Year", "num"),
        ("Reported", "num"),
        ("Computed", "num"),
        ("Difference", "num"),
        ("Tolerance", "num"),
        ("Source", ""),
    ]
    head = "".join(f"<th{attrs(class_=cls)}>{h}</th>" for h, cls in headers)
    checks_table = (
        f'<div class="table-scroll"><table class="data checks"><thead><tr>{head}</tr></thead>'
        f"{''.join(bodies)}</table></div>"
    )
    n_fail = sum(c["status"] == "fail" for c in listed)
    n_warn = len(listed) - n_fail

    coverage: dict[tuple, list[dict]] = defaultdict(list)
    for c in data.checks:
        if c["check_type"] == "plan_year_coverage" and c["status"] == "warn":
            coverage[(c["municipality_name"] or c["municipality_code"], c["committee_name"])].append(c)
    coverage_rows = []
    for (name, committee), rows in sorted(coverage.items()):
        years = sorted({r["fiscal_year"] for r in rows})
        doc = rows[0]["document_id"]
        coverage_rows.append(
            tr(
                td(badge("warn")),
                td(esc(name)),
                td(esc(committee)),
                td(esc(", ".join(map(str, years))), "nowrap"),
                td(f"{len(years)} of {len(PLAN_YEARS)}", "num"),
                td(f'<a href="{esc(_doc_href(doc))}">{esc(_source_file(data, doc))}</a>'),
            )
        )
    coverage_html = (
        "<h3>Plan years without a stated net cost</h3>"
        '<p class="note"><code>plan_year_coverage</code> warnings, one line per committee: no document '
        "in the warehouse states the committee's net cost for these years (the committee's latest "
        "document is linked).</p>"
        + table(
            [
                ("Status", ""),
                ("Municipality", ""),
                ("Committee", ""),
                ("Years missing", ""),
                ("Missing", "num"),
                ("Latest document", ""),
            ],
            coverage_rows,
        )
        if coverage_rows
        else ""
    )
    return f"""
<section id="checks"><h2><span class="num">3</span>Checks that failed or look suspicious</h2>
<p class="intro">The warehouse checks every total against its parts, every net line against its costs and
income, every figure printed twice against its twin, and every unit against the other places that state
the same figure (<code>marts.fct_reconciliation_checks</code>). <span class="badge fail">fail</span> is an
inconsistency in the document beyond what rounding explains; <span class="badge warn">warn</span> is
something a reader should look at (a total whose parts are not printed, a unit that was re-read, a year
not covered). Amounts in tkr.</p>
{summary}
<h3>{n_fail} failed and {n_warn} suspicious checks</h3>
<p class="note">Failed checks first. “Source” opens the document at the checked line.</p>
{checks_table}
{coverage_html}
</section>"""


def _comparison_section(data: Data, colors: dict[str, str]) -> str:
    rows = [r for r in data.comparison if r["measure"] == "net_cost"]
    by_type: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_type[r["committee_type"]].append(r)
    parts = []
    for ctype in sorted(by_type):
        trs = by_type[ctype]
        munis = sorted({(r["municipality_name"], r["municipality_code"]) for r in trs})
        with_value = [r for r in trs if r["amount_per_capita_sek"] is not None]
        years = sorted({r["fiscal_year"] for r in with_value})
        cell = {(r["municipality_code"], r["fiscal_year"]): r for r in trs}
        label = COMMITTEE_TYPES.get(ctype, ctype)
        chart = ""
        if years:
            series = []
            for name, code in munis:
                vals, texts = [], []
                for y in years:
                    r = cell.get((code, y))
                    v = r["amount_per_capita_sek"] if r else None
                    vals.append(v)
                    texts.append(f"{_per_capita(v)} kr ({r['scenario']})" if v is not None else "")
                if any(v is not None for v in vals):
                    series.append(BarSeries(name, vals, colors.get(code), texts))
            chart = (
                '<div class="chart-wide">'
                + grouped_bar_chart(
                    [str(y) for y in years],
                    series,
                    chart_id="cmp-" + slug(ctype),
                    title=f"{label}: net cost per inhabitant, kronor",
                    x_label="Fiscal year",
                    y_label="kr per inhabitant",
                    desc=f"Net cost per inhabitant of the {ctype} of {', '.join(s.name for s in series)} "
                    f"by fiscal year {years[0]}–{years[-1]}.",
                )
                + "</div>"
            )
        # matrix: municipality x year
        all_years = sorted({r["fiscal_year"] for r in trs})
        matrix_rows = []
        for name, code in munis:
            cells = []
            for y in all_years:
                r = cell.get((code, y))
                if r is None:
                    cells.append(td('<span class="muted">–</span>', "num"))
                    continue
                tip = f"{sv_tkr(r['amount_tkr'])}; {r['scenario']}; stated by {r['stated_by']}"
                v = r["amount_per_capita_sek"]
                text = esc(_per_capita(v)) if v is not None else '<span class="muted">no pop.</span>'
                cells.append(
                    td(f'{text}<div class="small muted">{esc(r["scenario"])}</div>', "num", title=tip)
                )
            latest = max((r for r in trs if r["municipality_code"] == code), key=lambda r: r["fiscal_year"])
            growth = (
                f"{sv_percent(latest['growth_since_first_year'])} "
                f'<div class="small muted">{latest["first_stated_year"]}→{latest["fiscal_year"]}</div>'
                if latest["growth_since_first_year"] is not None
                and latest["first_stated_year"] != latest["fiscal_year"]
                else '<span class="muted">–</span>'
            )
            matrix_rows.append(tr(td(esc(name)), *cells, td(growth, "num")))
        matrix = table(
            [("Municipality", ""), *((str(y), "num") for y in all_years), ("Change in net cost", "num")],
            matrix_rows,
            caption="Net cost per inhabitant, kronor (scenario beneath)",
        )
        # notes: every distinct comparability note, with the years it applies to, per municipality
        notes: dict[tuple, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
        for r in trs:
            notes[(r["municipality_name"], r["municipality_code"])][r["comparability"]].append(r)
        bodies = []
        for (name, _code), by_note in sorted(notes.items()):
            groups = sorted(by_note.items(), key=lambda kv: min(r["fiscal_year"] for r in kv[1]))
            first = groups[0][1][0]
            pop = (
                f"{sv_number(first['population'])}"
                f'<div class="small muted">{esc(first["population_date"])}</div>'
                if first["population"] is not None
                else '<span class="muted">no population entered</span>'
            )
            rows_html = []
            for i, (note, rs) in enumerate(groups):
                yrs = sorted(r["fiscal_year"] for r in rs)
                consecutive = len(yrs) > 1 and yrs[-1] - yrs[0] == len(yrs) - 1
                year_text = f"{yrs[0]}–{yrs[-1]}" if consecutive else ", ".join(map(str, yrs))
                amounts = "; ".join(
                    f"{r['fiscal_year']}: {sv_tkr(r['amount_tkr'])}"
                    for r in sorted(rs, key=lambda r: r["fiscal_year"])
                )
                lead = (
                    f'<td rowspan="{len(groups)}"><b>{esc(name)}</b></td>'
                    f'<td rowspan="{len(groups)}" class="num">{pop}</td>'
                    if i == 0
                    else ""
                )
                rows_html.append(
                    f"<tr>{lead}"
                    + td(esc(year_text), "nowrap", title=amounts)
                    + td(esc(", ".join(sorted({r["scenario"] for r in rs}))))
                    + td(esc(note), "note-text")
                    + "</tr>"
                )
            bodies.append(f"<tbody>{''.join(rows_html)}</tbody>")
        notes_head = "".join(
            f"<th{attrs(class_=c)}>{h}</th>"
            for h, c in [
                ("Municipality", ""),
                ("Population", "num"),
                ("Years", ""),
                ("Scenario", ""),
                ("What the figure covers (comparability)", ""),
            ]
        )
        notes_table = (
            '<div class="table-scroll"><table class="data grouped notes">'
            f"<thead><tr>{notes_head}</tr></thead>{''.join(bodies)}</table></div>"
        )
        no_pop = [r for r in trs if r["amount_per_capita_sek"] is None]
        no_pop_html = ""
        if no_pop:
            items = "".join(
                f"<li>{esc(r['municipality_name'])} {r['fiscal_year']}: {esc(sv_tkr(r['amount_tkr']))} "
                f"({esc(r['scenario'])}): no population entered</li>"
                for r in no_pop
            )
            no_pop_html = (
                '<p class="note">Not per inhabitant (no population entered):</p>'
                f'<ul class="small">{items}</ul>'
            )
        parts.append(
            f'<div class="committee" id="{esc("cmp-" + slug(ctype) + "-block")}"><h3>{esc(label)}</h3>'
            f"{chart}{matrix}{no_pop_html}<h4>What each figure covers</h4>{notes_table}</div>"
        )
    return f"""
<section id="comparison"><h2><span class="num">4</span>Municipality comparison</h2>
<p class="intro">Net cost per inhabitant by committee type, from
<code>marts.rpt_municipality_comparison</code>. Committees of the same type do not do the same things in
every municipality, and the documents do not all state the same total: read “What each figure covers”
before comparing two bars. Net investment per inhabitant is in the mart too; what it covers has not been
reviewed, so it is not charted here.</p>
{"".join(parts) or '<p class="note">No net cost to compare.</p>'}
</section>"""


def _per_capita(v) -> str:
    """Kronor per inhabitant: whole kronor, with one decimal below 100 kr (Valnämnden's 6,7 kr)."""
    return sv_number(v, 0 if abs(v) >= 100 else 1)


def _indicator_cell(entries: list[dict]) -> str:
    out = []
    for e in entries:
        printed = e["value_as_printed"]
        text = f"mål {printed}" if e["is_target"] else printed
        cls = "target" if e["is_target"] else ("not-numeric" if e["value_numeric"] is None else "")
        link = _doc_href(e["document_id"], e["source_line"])
        title = f"{e['indicator_label']} ({e['source_file']}, line {e['source_line']})"
        inner = f"<span{attrs(class_=cls)}>{esc(text)}</span>"
        out.append(
            f'<a class="value-link" href="{esc(link)}" title="{esc(title)}">{inner}</a>' if link else inner
        )
    return "<br>".join(out)


def _indicators_section(data: Data, colors: dict[str, str]) -> str:
    concepts: dict[str, list[dict]] = defaultdict(list)
    for r in data.indicators:
        concepts[r["concept_id"]].append(r)
    parts = []
    for concept_id in sorted(concepts):
        rows = concepts[concept_id]
        label = rows[0]["concept_label"]
        unit = next((r["unit"] for r in rows if r["unit"]), "")
        kpi = next((r["concept_kolada_kpi_id"] for r in rows if r["concept_kolada_kpi_id"]), None)
        years = sorted({r["period_year"] for r in rows})
        munis = sorted({(r["municipality_name"], r["municipality_code"], r["committee_name"]) for r in rows})
        table_rows = []
        for name, code, committee in munis:
            mine = [r for r in rows if r["municipality_code"] == code and r["committee_name"] == committee]
            cells = []
            for y in years:
                entries = [
                    r for r in mine if r["period_year"] == y and r["value_role"] in ("value", "target")
                ]
                cells.append(td(_indicator_cell(entries) or '<span class="muted">–</span>', "num"))
            extra = [r for r in mine if r["value_role"] not in ("value", "target")]
            notes = "; ".join(
                f"{esc(r['value_role'])} {r['period_year']}: "
                f'<a class="value-link" href="{esc(_doc_href(r["document_id"], r["source_line"]))}">'
                f"{esc(r['value_as_printed'])}</a>"
                for r in extra
            )
            printed_labels = sorted({r["indicator_label"] for r in mine if r["indicator_label"]})
            table_rows.append(
                tr(
                    td(f'<b>{esc(name)}</b><div class="small muted">{esc(committee)}</div>'),
                    td(esc(" / ".join(printed_labels)), "small"),
                    *cells,
                    td(notes or '<span class="muted">–</span>', "small"),
                )
            )
        tbl = table(
            [
                ("Municipality", ""),
                ("As the document names it", ""),
                *((str(y), "num") for y in years),
                ("Comparison values and trends", ""),
            ],
            table_rows,
        )
        values = [r for r in rows if r["value_role"] == "value" and r["value_numeric"] is not None]
        chart = ""
        if len(values) >= 2:
            series = []
            for name, code, committee in munis:
                pts = [
                    (r["period_year"], r["value_numeric"], r["value_as_printed"])
                    for r in values
                    if r["municipality_code"] == code and r["committee_name"] == committee
                ]
                targets = [
                    (r["period_year"], r["value_numeric"], f"mål {r['value_as_printed']}")
                    for r in rows
                    if r["value_role"] == "target"
                    and r["value_numeric"] is not None
                    and r["municipality_code"] == code
                    and r["committee_name"] == committee
                ]
                if pts:
                    series.append(LineSeries(name, pts, colors.get(code)))
                if targets:
                    series.append(LineSeries(f"{name} target", targets, colors.get(code), dashed=True))
            chart = (
                '<div class="chart-box">'
                + line_chart(
                    years,
                    series,
                    chart_id="ind-" + slug(concept_id),
                    title=f"{label}: values and targets by year",
                    caption=f"Values (solid) and targets (dashed), {unit or 'value'}",
                    x_label="Year",
                    y_label=unit or "value",
                    desc=f"{label}: values (solid) and targets (dashed) per municipality and year.",
                )
                + "</div>"
            )
        else:
            chart = '<p class="note">Fewer than two numeric values: no chart.</p>'
        kpi_html = f" · Kolada <code>{esc(kpi)}</code>" if kpi else ""
        parts.append(
            f'<div class="committee" id="{esc("ind-" + slug(concept_id) + "-block")}">'
            f'<h3>{esc(label)} <span class="sub">· <code>{esc(concept_id)}</code>{kpi_html} · unit: '
            f"{esc(unit or '–')}</span></h3>{chart}{tbl}</div>"
        )
    return f"""
<section id="indicators"><h2><span class="num">5</span>Indicators side by side</h2>
<p class="intro">Key figures that several municipalities report, matched to one concept
(<code>marts.rpt_indicator_comparison</code>). Values as printed in the document; <span class="target">mål
</span> marks a target. Every value links to its line. Indicators are defined alike in name, but each
document's own label (second column) says what it measures; check it before comparing.</p>
{"".join(parts) or '<p class="note">No indicators in the warehouse.</p>'}
</section>"""


def _footer(data: Data) -> str:
    return f"""
<footer id="reproduce"><div class="wrap">
<h2>Reproduce</h2>
<p>Build the warehouse from the bundled corpus and write this report again:</p>
<pre>make build &amp;&amp; .venv/bin/kommunbudget report</pre>
<p>This report read <code>{esc(data.db)}</code> read-only: the marts <code>dim_document</code>,
<code>rpt_plan_period</code>, <code>fct_reconciliation_checks</code>, <code>rpt_municipality_comparison</code>
and <code>rpt_indicator_comparison</code>, and the documents' text from
<code>dim_document_page</code>. It is static HTML with no scripts and no network access; amounts
are in Swedish notation (1 234,5) and tkr means thousand kronor, mnkr million kronor.</p>
</div></footer>"""


def render_index(data: Data) -> str:
    colors = _municipality_colors(data)
    body = "\n".join(
        [
            _header(data),
            '<main class="wrap">',
            _documents_section(data),
            _plan_section(data),
            _checks_section(data),
            _comparison_section(data, colors),
            _indicators_section(data, colors),
            "</main>",
            _footer(data),
        ]
    )
    return page("kommunbudget report", body)


# ----------------------------------------------------------------------------- document pages


def _line_flags(data: Data) -> dict[str, dict[int, list[dict]]]:
    flags: dict[str, dict[int, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for c in data.checks:
        if c["status"] in ("fail", "warn") and c["source_line"] is not None and c["document_id"]:
            flags[c["document_id"]][int(c["source_line"])].append(c)
    return flags


def render_document(doc: dict, pages: list[dict], flags: dict[int, list[dict]]) -> str:
    lines_html = []
    multi = len(pages) > 1
    for p in pages:
        if multi or p["page_kind"] != "text_whole":
            lines_html.append(f'<div class="page">Page {esc(p["page_no"])} · {esc(p["page_kind"])}</div>')
        text = p["text"] or ""
        lines = text.split("\n")
        for i, line in enumerate(lines):
            n = p["first_line"] + i
            checks = flags.get(n, [])
            cls = "l"
            marks = ""
            if checks:
                worst = min(checks, key=lambda c: STATUS_ORDER.get(c["status"], 9))["status"]
                cls += f" flag-{worst}"
                kinds: dict[tuple, int] = defaultdict(int)
                for c in checks:
                    kinds[(c["status"], c["check_type"])] += 1
                tip = " | ".join(dict.fromkeys(c["explanation"] for c in checks))
                marks = (
                    f'<span class="flags" title="{esc(tip)}">'
                    + " ".join(
                        f'<a href="../index.html#checks">{badge(s)}</a>'
                        f'<span class="small muted"> {esc(t)}{f" ×{k}" if k > 1 else ""}</span>'
                        for (s, t), k in sorted(kinds.items(), key=lambda kv: STATUS_ORDER.get(kv[0][0], 9))
                    )
                    + "</span>"
                )
            lines_html.append(
                f'<div class="{cls}" id="L{n}"><a class="n" href="#L{n}">{n}</a>'
                f'<span class="t">{esc(line)}</span>{marks}</div>'
            )
            if checks:
                explanations = list(
                    dict.fromkeys(
                        (c["status"], c["explanation"])
                        for c in sorted(
                            checks, key=lambda c: (STATUS_ORDER.get(c["status"], 9), c["fiscal_year"])
                        )
                    )
                )
                shown = explanations[:2]
                more = len(explanations) - len(shown)
                notes = "".join(f"<div>{badge(st)} {esc(e)}</div>" for st, e in shown)
                if more:
                    notes += (
                        f'<div class="muted">… and {more} more for other years '
                        '(<a href="../index.html#checks">all checks</a>).</div>'
                    )
                lines_html.append(f'<div class="flag-note">{notes}</div>')
    n_lines = max((p["last_line"] for p in pages), default=0)
    meta = [
        ("Municipality", doc["municipality_name"]),
        (
            "Committee",
            doc["committee_name"] + (f" · {doc['issuing_unit']}" if doc.get("issuing_unit") else ""),
        ),
        ("Document", f"{doc['document_type']} · base year {doc['base_year']}"),
        ("Lines", sv_number(n_lines)),
        ("Tables / cells", f"{sv_number(doc['table_count'])} / {sv_number(doc['cell_count'])}"),
        ("Document id", doc["document_id"]),
    ]
    meta_html = "".join(f"<div><dt>{esc(k)}</dt><dd>{esc(v)}</dd></div>" for k, v in meta)
    flagged = sum(len(v) for v in flags.values())
    flag_note = (
        f'<p class="note">{flagged} failed or suspicious check(s) point at lines of this document; those '
        'lines are shaded (<span class="badge fail">fail</span> <span class="badge warn">warn</span>, hover '
        "for the explanation).</p>"
        if flagged
        else ""
    )
    body = f"""
<header class="masthead"><div class="wrap">
  <div class="kicker"><a href="../index.html">← kommunbudget report</a> · extracted text</div>
  <h1>{esc(doc["source_file"])}</h1>
  <p class="lede">{esc(doc["document_title"])}</p>
  <dl class="meta">{meta_html}</dl>
</div></header>
<main class="wrap">
{flag_note}
<div class="doc-text" lang="sv">
{chr(10).join(lines_html)}
</div>
</main>"""
    return page(f"{doc['source_file']} · kommunbudget", body)


# ----------------------------------------------------------------------------- entry point


def write_report(db: Path, out: Path) -> ReportResult:
    """Write out/index.html and out/documents/<document_id>.html from the warehouse at db."""
    db, out = Path(db), Path(out)
    if not db.exists():
        raise FileNotFoundError(db)
    data = load(db)
    docs_dir = out / "documents"
    docs_dir.mkdir(parents=True, exist_ok=True)
    flags = _line_flags(data)
    written = []
    for doc in data.documents:
        path = docs_dir / f"{doc['document_id']}.html"
        path.write_text(
            render_document(doc, data.pages.get(doc["document_id"], []), flags.get(doc["document_id"], {})),
            encoding="utf-8",
        )
        written.append(path)
    keep = {p.name for p in written}
    for stale in docs_dir.glob("*.html"):  # pages of documents no longer in the warehouse
        if stale.name not in keep:
            stale.unlink()
    index = out / "index.html"
    index.write_text(render_index(data), encoding="utf-8")
    return ReportResult(out, index, written)


__all__ = ["ReportResult", "load", "render_document", "render_index", "write_report"]
