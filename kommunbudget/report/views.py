"""What each section of the report shows: the marts' rows grouped, ordered and formatted for the
templates (templates/), in the reader's language. No markup here except the SVG charts."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from itertools import groupby

from .data import Data
from .i18n import Locale
from .svg import PALETTE, Bar, ComparisonRow, LegendItem, LineSeries, bar_chart, comparison_chart, line_chart

MEASURES = ("net_cost", "net_investment")
CHECK_TYPE_ORDER = (
    "sum_of_items",
    "net_equals_costs_minus_income",
    "cross_table",
    "unit_consistency",
    "plan_year_coverage",
)
STATUSES = ("pass", "warn", "fail")
STATUS_ORDER = {"fail": 0, "warn": 1, "pass": 2}
# How a figure's scope (rpt_municipality_comparison.comparability_code) is drawn: None is a plain
# bar; any other code, or one the report does not know yet, is patterned.
SCOPE_PATTERNS = {"same_scope": None, "wider_scope": "stripes", "narrower_scope": "backstripes"}
UNKNOWN_SCOPE_PATTERN = "dots"
MIN_PEERS = 2  # municipalities of a peer group behind a median worth drawing


def nulls_last(*values) -> tuple:
    """A sort key of values that may be None (a document without committee or year): None last."""
    return tuple(x for v in values for x in ((True, 0) if v is None else (False, v)))


def slug(*parts) -> str:
    """An id from text: ascii, lower case, hyphens ('Valnämnden' -> 'valnamnden')."""
    text = "-".join(str(p) for p in parts if p is not None)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def doc_href(document_id: str | None, line: int | None = None, prefix: str = "documents/") -> str:
    if not document_id:
        return ""
    anchor = f"#L{int(line)}" if line is not None else ""
    return f"{prefix}{document_id}.html{anchor}"


def year_span(years: list[int]) -> str:
    """2024–2029 for consecutive years, else 2023, 2025; '–' for none."""
    if not years:
        return "–"
    if len(years) > 1 and years[-1] - years[0] == len(years) - 1:
        return f"{years[0]}–{years[-1]}"
    return ", ".join(map(str, years))


def municipality_colors(data: Data) -> dict[str, str]:
    """One colour per municipality (in order of name), the same in every chart."""
    names: dict[str, str] = {}
    for r in [*data.documents, *data.comparison, *data.indicators]:
        names.setdefault(r["municipality_code"], r.get("municipality_name") or r["municipality_code"])
    order = sorted(names, key=lambda code: (names[code], code))
    return {code: PALETTE[i % len(PALETTE)] for i, code in enumerate(order)}


def _muni_name(data: Data, code: str | None, fallback: str | None = None) -> str:
    m = data.municipalities.get(code or "")
    return (m or {}).get("municipality_name") or fallback or code or "?"


def _source_file(data: Data, document_id: str) -> str:
    return next((d["source_file"] for d in data.documents if d["document_id"] == document_id), document_id)


# ----------------------------------------------------------------------------- header, documents


def header(data: Data) -> dict:
    by_status: dict[str, int] = defaultdict(int)
    for c in data.checks:
        by_status[c["status"]] += 1
    return {
        "documents": len(data.documents),
        "municipalities": sorted(
            {_muni_name(data, d["municipality_code"], d["municipality_name"]) for d in data.documents}
        ),
        "committees": len({(r["municipality_code"], r["committee_name"]) for r in data.plan}),
        "checks": sum(by_status.values()),
        "fail": by_status.get("fail", 0),
        "warn": by_status.get("warn", 0),
        "built": data.built_at.strftime("%Y-%m-%d %H:%M") if data.built_at else "–",
        "db": str(data.db),
        "plan_years": year_span(data.plan_years),
    }


def documents(data: Data) -> list[dict]:
    rows = []
    for d in data.documents:
        pages = data.pages.get(d["document_id"], [])
        rows.append(
            {
                **d,
                "href": doc_href(d["document_id"]),
                "lines": max((p["last_line"] for p in pages), default=None),
            }
        )
    return rows


# ----------------------------------------------------------------------------- plan period


def _plan_chart(rows: list[dict], measure: str, years: list[int], title_of: str, chart_id: str, loc: Locale):
    by_year = {r["fiscal_year"]: r for r in rows}
    n = loc.numbers
    bars = []
    for y in years:
        r = by_year.get(y)
        amount = None if r is None or r["amount_tkr"] is None else r["amount_tkr"] / 1000
        flag = "conflict" if r is not None and r["status"] == "conflict" else None
        note = None
        if r is not None and amount is not None:
            note = loc.tn(
                "plan.bar_note", r["source_count"], amount=n.tkr(r["amount_tkr"]), scenario=r["scenario"]
            )
        elif r is None or r["status"] == "missing":
            note = loc.t("plan.not_stated")
        text = None if amount is None else n.number(amount, 1)
        bars.append(Bar(str(y), amount, text, flag, note, loc.label("status", flag) if flag else None))
    measure_label = loc.label("measure", measure)
    return bar_chart(
        bars,
        chart_id=chart_id,
        title=loc.t("plan.chart_title", measure=measure_label, years=year_span(years)),
        x_label=loc.t("plan.fiscal_year"),
        y_label="mnkr",
        desc=loc.t(
            "plan.chart_desc",
            committee=title_of,
            measure=measure_label.lower(),
            stated=sum(b.value is not None for b in bars),
            total=len(bars),
        ),
        missing_label=loc.t("plan.missing"),
        numbers=n,
    )


def _plan_cell(r: dict | None, loc: Locale) -> dict:
    r = r or {"status": "missing", "source_count": 0}
    n = loc.numbers
    stated = r.get("amount_tkr") is not None
    if not r.get("source_count"):
        agree = "–"
    else:
        agree = loc.t("plan.yes") if r.get("sources_agree") else loc.t("plan.no")
    return {
        "mnkr": n.mnkr(r.get("amount_tkr")),
        "tkr": n.auto(r.get("amount_tkr")),
        "scenario": r.get("scenario") if stated else None,
        "sources": r.get("source_count") or 0,
        "sources_title": r.get("sources") or "",
        "agree": agree,
        "disagreement": n.auto(r["max_disagreement_tkr"])
        if stated and r.get("max_disagreement_tkr")
        else None,
        "status": r.get("status"),
    }


def plan_period(data: Data, loc: Locale) -> dict:
    years = data.plan_years
    groups: dict[tuple, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for r in data.plan:
        key = (r["municipality_name"] or r["municipality_code"], r["municipality_code"], r["committee_name"])
        groups[key][r["measure"]].append(r)
    committees = []
    for (name, code, committee), measures in sorted(groups.items(), key=lambda kv: nulls_last(*kv[0])):
        shown = {
            m: measures.get(m, [])
            for m in MEASURES
            if m == "net_cost" or any(r["amount_tkr"] is not None for r in measures.get(m, []))
        }
        net = measures.get("net_cost", [])
        stated = [r["fiscal_year"] for r in net if r["amount_tkr"] is not None]
        by_year = {m: {r["fiscal_year"]: r for r in rows} for m, rows in shown.items()}
        docs = sorted({r["document_id"] for rows in measures.values() for r in rows if r.get("document_id")})
        committees.append(
            {
                "id": "plan-" + slug(code, committee),
                "name": name,
                "code": code,
                "committee": committee,
                "committee_type": next((r["committee_type"] for r in net if r.get("committee_type")), ""),
                "stated": len(stated),
                "missing": [y for y in years if y not in stated],
                "conflicts": [r["fiscal_year"] for r in net if r["status"] == "conflict"],
                "no_investment": "net_investment" not in shown,
                "documents": [(doc_href(d), _source_file(data, d)) for d in docs],
                "charts": [
                    _plan_chart(
                        rows, m, years, f"{name}, {committee}", "plan-" + slug(code, committee, m), loc
                    )
                    for m, rows in shown.items()
                ],
                "measures": [loc.label("measure", m) for m in shown],
                "rows": [(y, [_plan_cell(by_year[m].get(y), loc) for m in shown]) for y in years],
                "sources": [
                    (loc.label("measure", m), r["fiscal_year"], r["sources"])
                    for m, rows in shown.items()
                    for r in rows
                    if r.get("sources")
                ],
            }
        )
    return {"years": years, "committees": committees}


# ----------------------------------------------------------------------------- checks


def _status_counts(counts: dict[str, int], loc: Locale) -> str:
    """'50 pass, 2 fail, 4 warn' in the reader's language."""
    return ", ".join(
        loc.tn(f"checks.count.{s}", counts[s]) for s in ("pass", "fail", "warn") if counts.get(s)
    )


def _check_summary(data: Data, loc: Locale) -> dict:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in data.checks:
        counts[c["check_type"]][c["status"]] += 1
    order = {t: i for i, t in enumerate(CHECK_TYPE_ORDER)}
    period = year_span(data.plan_years)
    rows: list[dict] = [
        {
            "check_type": t,
            "description": loc.t(f"check_type.{t}", years=period) if t in order else "",
            "title": f"{t}: {_status_counts(counts[t], loc)}",
            "counts": [counts[t].get(s, 0) for s in STATUSES],
            "total": sum(counts[t].values()),
        }
        for t in sorted(counts, key=lambda t: (order.get(t, 99), t))
    ]
    totals = [sum(r["counts"][i] for r in rows) for i in range(len(STATUSES))]
    return {"rows": rows, "totals": totals, "total": sum(totals)}


def _listed_check(c: dict, also: list[str], loc: Locale) -> dict:
    n = loc.numbers
    line = c["source_line"]
    return {
        **c,
        "id": "check-" + slug(c["check_id"]),
        "where": c["municipality_name"] or c["municipality_code"],
        "reported": n.auto(c["reported_tkr"]),
        "computed": n.auto(c["computed_tkr"]),
        "difference": n.auto(c["difference_tkr"]),
        "tolerance": n.auto(c["tolerance_tkr"]),
        "href": doc_href(c["document_id"], line) if c["document_id"] and line is not None else "",
        "link_text": loc.t("checks.line", line=int(line)) if line is not None else "",
        "also": ", ".join(also),
    }


def checks(data: Data, loc: Locale) -> dict:
    # A discrepancy several checks caught is one row: the check that counts it, naming the others.
    also_caught: dict[str, list[str]] = defaultdict(list)
    for c in data.checks:
        if c.get("same_finding_as"):
            also_caught[c["same_finding_as"]].append(c["check_type"])
    listed = [
        _listed_check(c, also_caught.get(c["check_id"], []), loc)
        for c in data.checks
        if c["status"] in ("fail", "warn")
        and not c.get("same_finding_as")
        and not (c["check_type"] == "plan_year_coverage" and c["status"] == "warn")
    ]
    coverage: dict[tuple, list[dict]] = defaultdict(list)
    for c in data.checks:
        if c["check_type"] == "plan_year_coverage" and c["status"] == "warn":
            coverage[(c["municipality_name"] or c["municipality_code"], c["committee_name"])].append(c)
    coverage_rows = []
    for (name, committee), rows in sorted(coverage.items(), key=lambda kv: nulls_last(*kv[0])):
        years = sorted({r["fiscal_year"] for r in rows if r["fiscal_year"] is not None})
        doc = rows[0]["document_id"]
        coverage_rows.append(
            {
                "name": name,
                "committee": committee,
                "years": ", ".join(map(str, years)),
                "count": loc.t("checks.of", k=len(years), n=len(data.plan_years)),
                "href": doc_href(doc),
                "source_file": _source_file(data, doc),
            }
        )
    n_fail = sum(c["status"] == "fail" for c in listed)
    return {
        "summary": _check_summary(data, loc),
        "listed": listed,
        "n_fail": n_fail,
        "n_warn": len(listed) - n_fail,
        "coverage": coverage_rows,
    }


# ----------------------------------------------------------------------------- comparison


def _scope_pattern(code: str | None) -> str | None:
    return SCOPE_PATTERNS.get(code, UNKNOWN_SCOPE_PATTERN) if code is not None else UNKNOWN_SCOPE_PATTERN


def _entity(r: dict) -> str:
    """The reporting entity of a comparison row; rows of warehouses before the column are the kommun's."""
    return r.get("reporting_entity") or "kommun"


def _comparison_chart_rows(rows: list[dict], colors: dict[str, str], loc: Locale) -> list[ComparisonRow]:
    """Per year, municipalities of one peer group and scenario next to each other: they share a median."""
    n = loc.numbers
    ordered = sorted(
        rows,
        key=lambda r: nulls_last(
            r["fiscal_year"], r["peer_group_code"], r["scenario"], r["municipality_name"]
        ),
    )
    out = []
    for r in ordered:
        v = r["amount_per_capita_sek"]
        # A median of one municipality is its own figure: drawn only where it compares with others.
        median = r["peer_group_median_per_capita_sek"] if (r["peer_group_count"] or 0) >= MIN_PEERS else None
        scope = loc.label("scope", r["comparability_code"])
        out.append(
            ComparisonRow(
                group=str(r["fiscal_year"]),
                label=r["municipality_name"],
                sublabel=r["scenario"] or "",
                value=v,
                text=n.with_unit(n.per_capita(v), "kr")
                if v is not None
                else loc.t("comparison.no_population"),
                color=colors.get(r["municipality_code"], PALETTE[0]),
                pattern=_scope_pattern(r["comparability_code"]),
                note=f"{n.tkr(r['amount_tkr'])}; {r['scenario']}; {scope}",
                median=median,
                median_key=f"{r['peer_group_code']}|{r['scenario']}" if median is not None else None,
                median_text=loc.tn(
                    "comparison.median",
                    r["peer_group_count"] or 0,
                    group=r["peer_group_code"],
                    value=n.with_unit(n.per_capita(median), "kr"),
                )
                if median is not None
                else "",
            )
        )
    return out


def _comparison_chart(
    rows: list[dict], block_id: str, subject: str, measure: str, colors, loc: Locale, latest_only: bool
):
    chart_rows = _comparison_chart_rows(rows, colors, loc)
    codes = sorted({r["comparability_code"] for r in rows}, key=lambda c: (c != "same_scope", c or ""))
    legend = [LegendItem(loc.label("scope", c), _scope_pattern(c) or "box") for c in codes]
    if any(r.median is not None for r in chart_rows):
        legend.append(LegendItem(loc.t("comparison.median_legend"), "median"))
    unlike = sorted(
        {
            (r["municipality_name"], r["comparability_code"])
            for r in rows
            if _scope_pattern(r["comparability_code"])
        },
        key=lambda pair: nulls_last(*pair),
    )
    years = sorted({r["fiscal_year"] for r in rows})
    desc = loc.t(
        "comparison.chart_desc",
        measure=loc.label("measure", measure),
        subject=subject,
        municipalities=", ".join(sorted({r["municipality_name"] or r["municipality_code"] for r in rows})),
        years=year_span(years),
    )
    if latest_only:
        desc += " " + loc.t("comparison.chart_desc_latest")
    if unlike:
        desc += " " + loc.t(
            "comparison.chart_desc_unlike",
            list="; ".join(f"{name}: {loc.label('scope', code)}" for name, code in unlike),
        )
    if any(r.median is not None for r in chart_rows):
        desc += " " + loc.t("comparison.chart_desc_median")
    return comparison_chart(
        chart_rows,
        chart_id=block_id,
        title=loc.t("comparison.chart_title", subject=subject, measure=loc.label("measure", measure).lower()),
        x_label=loc.t("comparison.per_inhabitant"),
        y_label=loc.t("comparison.year_and_municipality"),
        legend=legend,
        desc=desc,
        numbers=loc.numbers,
    )


def latest_year_rows(rows: list[dict]) -> list[dict]:
    """Each municipality's figures of the latest year it states, in every scenario it states for
    that year: one or two bars per municipality however many years the documents print."""
    latest: dict[str, int] = {}
    for r in rows:
        code = r["municipality_code"]
        latest[code] = max(latest.get(code, r["fiscal_year"]), r["fiscal_year"])
    return [r for r in rows if r["fiscal_year"] == latest[r["municipality_code"]]]


def _figure(r: dict, loc: Locale) -> dict:
    """One figure of a comparison table: per inhabitant, the amount and its scenario."""
    n = loc.numbers
    v = r["amount_per_capita_sek"]
    return {
        "text": n.per_capita(v) if v is not None else None,
        "amount": n.mnkr_exact(r["amount_tkr"]),
        "scenario": r["scenario"],
        "title": loc.t(
            "comparison.cell_title",
            amount=n.tkr(r["amount_tkr"]),
            scenario=r["scenario"],
            stated_by=r["stated_by"],
        ),
    }


def _growth(r: dict, name: str, loc: Locale) -> dict:
    """One figure's growth against the shared base year, with the scenario of the base-year figure."""
    n = loc.numbers
    g = r.get("growth_since_base_year")
    base = r["growth_base_year"]
    if g is None:
        return {
            "text": None,
            "scenario": r["scenario"],
            "title": loc.t("comparison.no_base_amount", name=name, base=base),
        }
    return {
        "text": n.percent(g),
        "scenario": r["scenario"],
        "title": loc.t(
            "comparison.growth_title",
            amount=n.tkr(r["amount_tkr"]),
            base=base,
            base_scenario=r.get("growth_base_scenario") or "–",
        ),
    }


def _comparison_block(
    rows: list[dict],
    block_id: str,
    subject: str,
    measure: str,
    colors,
    loc: Locale,
    *,
    latest_year_only: bool = False,
    level: int = 3,
    notes_open: bool = True,
) -> dict:
    """The chart (of every figure, or of each municipality's latest year), a table of every figure
    per municipality and year (a year's scenarios one under the other), their growth against the
    shared base year and what they cover; the block's heading is an h<level>."""
    n = loc.numbers
    munis = sorted({(r["municipality_name"] or r["municipality_code"], r["municipality_code"]) for r in rows})
    years = sorted({r["fiscal_year"] for r in rows})
    cell: dict[tuple, list[dict]] = defaultdict(list)
    for r in sorted(rows, key=lambda r: nulls_last(r["scenario"])):
        cell[(r["municipality_code"], r["fiscal_year"])].append(r)
    base_years = sorted({r["growth_base_year"] for r in rows if r.get("growth_base_year") is not None})
    base_scenarios = sorted({r["growth_base_scenario"] for r in rows if r.get("growth_base_scenario")})
    matrix = [(name, [[_figure(r, loc) for r in cell[(code, y)]] for y in years]) for name, code in munis]
    growth = [
        (name, [[_growth(r, name, loc) for r in cell[(code, y)]] for y in years]) for name, code in munis
    ]
    charted = latest_year_rows(rows) if latest_year_only else rows
    return {
        "id": block_id,
        "level": level,
        "subject": subject,
        "measure": loc.label("measure", measure),
        "chart": _comparison_chart(charted, block_id, subject, measure, colors, loc, latest_year_only)
        if any(r["amount_per_capita_sek"] is not None for r in charted)
        else None,
        "municipalities": len(munis),
        "years": years,
        "base_years": base_years,
        "base_scenarios": base_scenarios,
        "matrix": matrix,
        "growth": growth,
        "no_population": [
            {**r, "amount": n.tkr(r["amount_tkr"])} for r in rows if r["amount_per_capita_sek"] is None
        ],
        "notes": _comparison_notes(rows, loc),
        "notes_open": notes_open,
    }


def _comparison_notes(rows: list[dict], loc: Locale) -> list[dict]:
    """Per municipality, every distinct note of what its figure covers, with the years it applies to."""
    n = loc.numbers
    notes: dict[tuple, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        notes[(r["municipality_name"] or r["municipality_code"], r["municipality_code"])][
            r["comparability"] or ""
        ].append(r)
    out = []
    for (name, _code), by_note in sorted(notes.items()):
        groups = sorted(by_note.items(), key=lambda kv: min(r["fiscal_year"] for r in kv[1]))
        first = groups[0][1][0]
        out.append(
            {
                "name": name,
                "population": n.number(first["population"]) if first["population"] is not None else None,
                "population_date": first["population_date"],
                "peer_group": " · ".join(
                    p for p in (first.get("peer_group_code"), first.get("peer_group_name")) if p
                ),
                "notes": [
                    {
                        "years": year_span(sorted({r["fiscal_year"] for r in rs})),
                        "amounts": "; ".join(
                            f"{r['fiscal_year']}: {n.tkr(r['amount_tkr'])}"
                            for r in sorted(rs, key=lambda r: r["fiscal_year"])
                        ),
                        "scenarios": ", ".join(sorted({r["scenario"] for r in rs if r["scenario"]})),
                        "scope_code": rs[0].get("comparability_code"),
                        "scope": loc.label("scope", rs[0].get("comparability_code")),
                        "note": note,
                    }
                    for note, rs in groups
                ],
            }
        )
    return out


def _blocks(
    rows: list[dict], subject_of, name_of, id_prefix: str, colors, loc: Locale, rank_of=None, **options
):
    """One block per subject (a committee type, a standard line), measure and reporting entity, in
    the order of rank_of (then the subject's code); the kommun's blocks before the koncern's."""

    def key(r):
        measure = r["measure"]
        return (
            *(rank_of(r) if rank_of else ()),
            subject_of(r),
            MEASURES.index(measure) if measure in MEASURES else len(MEASURES),
            measure,
            _entity(r) != "kommun",
            _entity(r),
        )

    blocks = []
    for _, grouped in groupby(sorted(rows, key=key), key=key):
        group = list(grouped)
        first = group[0]
        subject, measure, entity = subject_of(first), first["measure"], _entity(first)
        block_id = f"{id_prefix}-{slug(subject)}-{slug(measure)}"
        name = name_of(first)
        if entity != "kommun":
            block_id += f"-{slug(entity)}"
            name = loc.t("comparison.subject_of_entity", subject=name, entity=loc.label("entity", entity))
        blocks.append(_comparison_block(group, block_id, name, measure, colors, loc, **options))
    return blocks


def comparison(data: Data, loc: Locale, colors: dict[str, str]) -> dict:
    """Committees compared: blocks per committee type and measure, every year in the chart. The
    standard lines (rows without a committee type) are `standard_lines`' section."""
    committee_rows = [r for r in data.comparison if r.get("committee_type") is not None]
    return {
        "committee_blocks": _blocks(
            committee_rows,
            lambda r: r["committee_type"],
            lambda r: loc.label("committee_type", r["committee_type"]),
            "cmp",
            colors,
            loc,
        ),
    }


# ----------------------------------------------------------------------------- standard lines

STATEMENTS = ("resultatrakning", "balansrakning")  # in the order the report shows them
UNMAPPED_SHOWN = 5  # labels listed per document before the rest is folded away


def _statement_rank(statement: str | None) -> tuple:
    return (STATEMENTS.index(statement) if statement in STATEMENTS else len(STATEMENTS), statement or "")


def standard_lines(data: Data, loc: Locale, colors: dict[str, str]) -> dict:
    """The standard lines of the resultaträkning (first, in the seed's order) and the balansräkning,
    municipalities side by side: each municipality's latest year in the chart, every year in the
    table. And every line of those tables that no pattern maps (rpt_unmapped_labels)."""
    rows = [r for r in data.comparison if r.get("committee_type") is None and r.get("standard_line")]
    statements = []
    for statement in sorted({r.get("statement") for r in rows}, key=_statement_rank):
        mine = [r for r in rows if r.get("statement") == statement]
        blocks = _blocks(
            mine,
            lambda r: r["standard_line"],
            lambda r: r.get("standard_line_name") or r["standard_line"],
            "line",
            colors,
            loc,
            rank_of=lambda r: (r.get("standard_line_order") or 0,),
            latest_year_only=True,
            level=4,
            notes_open=False,
        )
        statements.append(
            {
                "id": "statement-" + slug(statement or "x"),
                "name": loc.label("statement", statement),
                "blocks": blocks,
            }
        )
    return {"statements": statements, "unmapped": unmapped_labels(data, loc)}


def unmapped_labels(data: Data, loc: Locale) -> dict:
    """Per document, the lines of its statements and committee tables that no pattern maps: how
    many, the first few, and the rest folded away. Every one links to its line."""
    documents = []
    by_document = sorted(data.unmapped, key=lambda r: nulls_last(r["source_file"], r["document_id"]))
    for doc_id, grouped in groupby(by_document, key=lambda r: r["document_id"]):
        group = list(grouped)
        labels = [
            {
                "label": r["line_label"],
                "href": doc_href(doc_id, r["source_line"]) if r["source_line"] is not None else "",
                "line": r["source_line"],
                "table": r["table_title"],
                "kind": loc.label("statement", r["table_kind"]),
                "years": r["fiscal_years"],
            }
            for r in group
        ]
        documents.append(
            {
                "source_file": group[0]["source_file"],
                "href": doc_href(doc_id),
                "municipality": _muni_name(data, group[0]["municipality_code"]),
                "kinds": ", ".join(dict.fromkeys(label["kind"] for label in labels)),
                "count": len(labels),
                "first": labels[:UNMAPPED_SHOWN],
                "rest": labels[UNMAPPED_SHOWN:],
            }
        )
    return {"documents": documents, "total": len(data.unmapped)}


# ----------------------------------------------------------------------------- indicators


def _indicator_entries(entries: list[dict], loc: Locale) -> list[dict]:
    return [
        {
            "text": loc.t("indicators.target", value=e["value_as_printed"])
            if e["is_target"]
            else e["value_as_printed"],
            "class": "target" if e["is_target"] else ("not-numeric" if e["value_numeric"] is None else ""),
            "href": doc_href(e["document_id"], e["source_line"]),
            "title": loc.t(
                "indicators.value_title",
                label=e["indicator_label"],
                file=e["source_file"],
                line=e["source_line"],
            ),
        }
        for e in entries
    ]


def _indicator_chart(concept_id: str, label: str, unit: str, years, munis, rows, colors, loc: Locale):
    values = [r for r in rows if r["value_role"] == "value" and r["value_numeric"] is not None]
    if len(values) < 2:
        return None
    series = []
    for name, code, committee in munis:
        mine = [r for r in rows if r["municipality_code"] == code and r["committee_name"] == committee]
        pts = [
            (r["period_year"], r["value_numeric"], r["value_as_printed"])
            for r in mine
            if r["value_role"] == "value" and r["value_numeric"] is not None
        ]
        targets = [
            (r["period_year"], r["value_numeric"], loc.t("indicators.target", value=r["value_as_printed"]))
            for r in mine
            if r["value_role"] == "target" and r["value_numeric"] is not None
        ]
        if pts:
            series.append(LineSeries(name, pts, colors.get(code)))
        if targets:
            series.append(
                LineSeries(
                    loc.t("indicators.target_series", name=name), targets, colors.get(code), dashed=True
                )
            )
    unit_text = unit or loc.t("indicators.value")
    return line_chart(
        years,
        series,
        chart_id="ind-" + slug(concept_id),
        title=loc.t("indicators.chart_title", label=label),
        caption=loc.t("indicators.chart_caption", unit=unit_text),
        x_label=loc.t("indicators.year"),
        y_label=unit_text,
        desc=loc.t("indicators.chart_desc", label=label),
        numbers=loc.numbers,
    )


def indicators(data: Data, loc: Locale, colors: dict[str, str]) -> list[dict]:
    concepts: dict[str, list[dict]] = defaultdict(list)
    for r in data.indicators:
        concepts[r["concept_id"]].append(r)
    out = []
    for concept_id in sorted(concepts):
        rows = concepts[concept_id]
        label = rows[0]["concept_label"]
        unit = next((r["unit"] for r in rows if r["unit"]), "")
        years = sorted({r["period_year"] for r in rows})
        munis = sorted(
            {(r["municipality_name"], r["municipality_code"], r["committee_name"]) for r in rows},
            key=lambda m: nulls_last(*m),
        )
        table = []
        for name, code, committee in munis:
            mine = [r for r in rows if r["municipality_code"] == code and r["committee_name"] == committee]
            table.append(
                {
                    "name": name,
                    "committee": committee,
                    "labels": " / ".join(
                        sorted({r["indicator_label"] for r in mine if r["indicator_label"]})
                    ),
                    "cells": [
                        _indicator_entries(
                            [
                                r
                                for r in mine
                                if r["period_year"] == y and r["value_role"] in ("value", "target")
                            ],
                            loc,
                        )
                        for y in years
                    ],
                    "extra": [
                        {
                            "role": r["value_role"],
                            "year": r["period_year"],
                            "href": doc_href(r["document_id"], r["source_line"]),
                            "text": r["value_as_printed"],
                        }
                        for r in mine
                        if r["value_role"] not in ("value", "target")
                    ],
                }
            )
        out.append(
            {
                "id": "ind-" + slug(concept_id) + "-block",
                "concept_id": concept_id,
                "label": label,
                "unit": unit,
                "kpi": next((r["concept_kolada_kpi_id"] for r in rows if r["concept_kolada_kpi_id"]), None),
                "years": years,
                "rows": table,
                "chart": _indicator_chart(concept_id, label, unit, years, munis, rows, colors, loc),
            }
        )
    return out


# ----------------------------------------------------------------------------- document pages


def line_flags(data: Data) -> dict[str, dict[int, list[dict]]]:
    flags: dict[str, dict[int, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for c in data.checks:
        if c["status"] in ("fail", "warn") and c["source_line"] is not None and c["document_id"]:
            flags[c["document_id"]][int(c["source_line"])].append(c)
    return flags


def _flagged_line(checks: list[dict]) -> dict:
    """How a line that checks point at is marked: its worst status, the kinds, the explanations."""
    by_status = sorted(
        checks, key=lambda c: (STATUS_ORDER.get(c["status"], 9), *nulls_last(c["fiscal_year"]))
    )
    kinds: dict[tuple, int] = defaultdict(int)
    for c in checks:
        kinds[(c["status"], c["check_type"])] += 1
    explanations = list(dict.fromkeys((c["status"], c["explanation"]) for c in by_status))
    return {
        "worst": by_status[0]["status"],
        "tip": " | ".join(dict.fromkeys(c["explanation"] for c in checks)),
        "kinds": sorted(kinds.items(), key=lambda kv: STATUS_ORDER.get(kv[0][0], 9)),
        "explanations": explanations[:2],
        "more": max(len(explanations) - 2, 0),
    }


def document_lines(pages: list[dict], flags: dict[int, list[dict]]) -> list[dict]:
    """Page headings and numbered lines, each line with its flags."""
    out: list[dict] = []
    multi = len(pages) > 1
    for p in pages:
        if multi or p["page_kind"] != "text_whole":
            out.append({"page": p["page_no"], "kind": p["page_kind"]})
        for i, text in enumerate((p["text"] or "").split("\n")):
            n = p["first_line"] + i
            checks = flags.get(n, [])
            out.append({"n": n, "text": text, "flag": _flagged_line(checks) if checks else None})
    return out


def document_meta(doc: dict, pages: list[dict], loc: Locale) -> list[tuple[str, str]]:
    """The facts above a document's text. A municipality's own statements (a resultaträkning, a
    driftredovisning of all its committees) have no committee, and a document may name no type or
    base year: each is then said to be missing, never printed as empty."""
    n = loc.numbers
    committee = " · ".join(p for p in (doc.get("committee_name"), doc.get("issuing_unit")) if p)
    kind = doc.get("document_type") or loc.t("document.no_type")
    year = doc.get("base_year")
    return [
        (loc.t("document.municipality"), doc.get("municipality_name") or doc.get("municipality_code") or "–"),
        (loc.t("document.committee"), committee or loc.t("document.no_committee")),
        (
            loc.t("document.document"),
            loc.t("document.type_and_year", type=kind, year=year) if year is not None else kind,
        ),
        (loc.t("document.lines"), n.number(max((p["last_line"] for p in pages), default=0))),
        (loc.t("document.tables_cells"), f"{n.number(doc['table_count'])} / {n.number(doc['cell_count'])}"),
        (loc.t("document.id"), doc["document_id"]),
    ]
