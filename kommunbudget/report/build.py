"""`kommunbudget report`: read the marts (read-only) and write a static, offline HTML report.

index.html has the documents, the plan period per committee, the checks that failed or look
suspicious, the municipality comparison and the indicators; documents/<document_id>.html has
each document's extracted text, one anchor per line (#L829), which every figure links back to.

The pages are Jinja2 templates (templates/, one include per section) with autoescaping: every
value from the warehouse is escaped when it is printed. The words come from locales/<lang>.toml
(Swedish by default), the numbers from that language's NumberFormat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jinja2

from . import views
from .data import Data, load
from .i18n import DEFAULT_LANGUAGE, Locale


@dataclass
class ReportResult:
    out_dir: Path
    index: Path
    documents: list[Path] = field(default_factory=list)


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("kommunbudget.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # A value the warehouse leaves null (a document without committee, type or base year)
        # prints as nothing, never as "None"; the views say "missing" where the reader needs it.
        finalize=lambda value: "" if value is None else value,
    )
    env.filters["slug"] = views.slug
    return env


def _render(template: str, loc: Locale, **context) -> str:
    return (
        environment()
        .get_template(template)
        .render(
            lang=loc.lang,
            default_lang=DEFAULT_LANGUAGE,
            t=loc.t,
            tn=loc.tn,
            label=loc.label,
            n=loc.numbers,
            statuses=views.STATUSES,
            **context,
        )
    )


def render_index(data: Data, lang: str = DEFAULT_LANGUAGE) -> str:
    loc = Locale.of(lang)
    colors = views.municipality_colors(data)
    return _render(
        "index.html",
        loc,
        header=views.header(data),
        documents=views.documents(data),
        plan=views.plan_period(data, loc),
        checks=views.checks(data, loc),
        comparison=views.comparison(data, loc, colors),
        standard_lines=views.standard_lines(data, loc, colors),
        indicators=views.indicators(data, loc, colors),
    )


def render_document(
    doc: dict, pages: list[dict], flags: dict[int, list[dict]], lang: str = DEFAULT_LANGUAGE
) -> str:
    loc = Locale.of(lang)
    return _render(
        "document.html",
        loc,
        doc=doc,
        meta=views.document_meta(doc, pages, loc),
        lines=views.document_lines(pages, flags),
        flagged=sum(len(v) for v in flags.values()),
    )


def write_report(db: Path, out: Path, lang: str = DEFAULT_LANGUAGE) -> ReportResult:
    """Write out/index.html and out/documents/<document_id>.html from the warehouse at db."""
    db, out = Path(db), Path(out)
    if not db.exists():
        raise FileNotFoundError(db)
    Locale.of(lang)  # an unknown language fails before anything is written
    data = load(db)
    docs_dir = out / "documents"
    docs_dir.mkdir(parents=True, exist_ok=True)
    flags = views.line_flags(data)
    written = []
    for doc in data.documents:
        path = docs_dir / f"{doc['document_id']}.html"
        path.write_text(
            render_document(
                doc, data.pages.get(doc["document_id"], []), flags.get(doc["document_id"], {}), lang
            ),
            encoding="utf-8",
        )
        written.append(path)
    keep = {p.name for p in written}
    for stale in docs_dir.glob("*.html"):  # pages of documents no longer in the warehouse
        if stale.name not in keep:
            stale.unlink()
    index = out / "index.html"
    index.write_text(render_index(data, lang), encoding="utf-8")
    return ReportResult(out, index, written)


__all__ = ["Data", "ReportResult", "load", "render_document", "render_index", "write_report"]
