"""HTML building blocks of the report: the stylesheet, the page shell and small escaping helpers.

Everything printed from the warehouse goes through ``esc`` (html.escape with quotes), so a
document's text can never become markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from html import escape

CSS = """
:root {
  --ink: #1f2933; --muted: #5b6570; --faint: #8a949e; --line: #dde2e7; --bg: #f3f5f7;
  --card: #ffffff; --accent: #2c5d8f; --accent-dark: #17324d; --zebra: #f7f9fb;
  --fail: #b42318; --fail-bg: #fdecea; --warn: #8a5300; --warn-bg: #fff3d6;
  --pass: #1e7b3a; --pass-bg: #e6f4ea; --missing: #4b5560; --missing-bg: #eceff2;
}
* { box-sizing: border-box; }
body {
  margin: 0; color: var(--ink); background: var(--bg);
  font: 15px/1.55 "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial,
        "Liberation Sans", "DejaVu Sans", sans-serif;
  -webkit-font-smoothing: antialiased;
}
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, .mono { font-family: "SFMono-Regular", Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
  font-size: 0.88em; }
code { background: #eef1f4; padding: 1px 5px; border-radius: 4px; }
.wrap { max-width: 1200px; margin: 0 auto; padding: 0 28px; }
header.masthead { background: linear-gradient(135deg, #17324d 0%, #24507a 100%); color: #fff;
  padding: 34px 0 30px; }
header.masthead .kicker { text-transform: uppercase; letter-spacing: .12em; font-size: 12px;
  opacity: .75; margin-bottom: 6px; }
header.masthead h1 { margin: 0 0 10px; font-size: 30px; line-height: 1.2; font-weight: 650; }
header.masthead p.lede { margin: 0; max-width: 820px; font-size: 16px; opacity: .92; }
header.masthead a { color: #cfe3ff; }
header.masthead code { background: rgba(255,255,255,.14); color: #fff; }
dl.meta { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 12px 28px;
  margin: 22px 0 0; }
dl.meta dt { font-size: 12px; text-transform: uppercase; letter-spacing: .08em; opacity: .7; }
dl.meta dd { margin: 2px 0 0; font-size: 15px; overflow-wrap: anywhere; }
nav.toc { background: var(--card); border-bottom: 1px solid var(--line); position: sticky; top: 0;
  z-index: 5; }
nav.toc ol { list-style: none; margin: 0; padding: 10px 0; display: flex; flex-wrap: wrap; gap: 4px 22px;
  counter-reset: toc; font-size: 14px; }
nav.toc li { counter-increment: toc; }
nav.toc li::before { content: counter(toc) ". "; color: var(--faint); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 14px;
  margin: 24px 0 0; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; }
.card .big { font-size: 28px; font-weight: 650; line-height: 1.1; font-variant-numeric: tabular-nums; }
.card .label { color: var(--muted); font-size: 13px; }
main section { background: var(--card); border: 1px solid var(--line); border-radius: 10px;
  padding: 26px 30px 30px; margin: 24px 0; scroll-margin-top: 56px; }
main section > h2 { margin: 0 0 6px; font-size: 22px; font-weight: 650; }
main section > h2 .num { color: var(--faint); font-weight: 500; margin-right: 6px; }
h3 { font-size: 17px; margin: 28px 0 4px; font-weight: 650; scroll-margin-top: 56px; }
h3 .sub, h4 .sub { color: var(--muted); font-weight: 400; font-size: 14px; }
h4 { font-size: 14.5px; margin: 18px 0 6px; }
p.intro { color: var(--muted); max-width: 860px; margin: 0 0 14px; }
p.note { color: var(--muted); font-size: 13.5px; margin: 8px 0; }
.muted { color: var(--muted); }
.small { font-size: 12.5px; }
table.data { border-collapse: collapse; width: 100%; font-size: 13.5px; margin: 8px 0 4px; }
table.data caption { text-align: left; font-weight: 600; padding: 0 0 6px; }
table.data th { text-align: left; background: #eef1f4; color: #36414c; font-weight: 600;
  border-bottom: 2px solid #cfd6dd; padding: 7px 10px; vertical-align: bottom; }
table.data td { padding: 6px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
table.data > tbody > tr:nth-child(even) > td { background: var(--zebra); }
table.data th.num, table.data td.num { text-align: right; white-space: nowrap;
  font-variant-numeric: tabular-nums; }
table.data td.nowrap { white-space: nowrap; }
table.data tr.total td { font-weight: 600; border-top: 2px solid #cfd6dd; }
.table-scroll { overflow-x: auto; max-width: 100%; }
table.data.checks > tbody > tr > td, table.data.grouped > tbody > tr > td { background: transparent; }
table.data.checks > tbody:nth-of-type(even) > tr > td,
table.data.grouped > tbody:nth-of-type(even) > tr > td { background: var(--zebra); }
table.data.grouped > tbody > tr > td { border-bottom-color: #eef1f4; }
table.data.grouped > tbody > tr:last-child > td { border-bottom-color: var(--line); }
table.data.plan th.group { text-align: center; border-bottom: 1px solid #cfd6dd; }
table.data.plan .first { border-left: 2px solid #cfd6dd; }
table.data.plan th { white-space: nowrap; }
table.data.narrow { width: auto; min-width: 560px; }
table.data td.note-text { min-width: 420px; }
code.check-type { font-size: 12px; background: none; padding: 0; }
table.checks td:nth-child(2) { min-width: 150px; }
td.file { overflow-wrap: anywhere; min-width: 260px; }
table.data.plan td, table.data.plan th { padding-left: 8px; padding-right: 8px; }
table.checks > tbody > tr.main > td { border-bottom: none; padding-bottom: 2px; }
table.checks > tbody > tr.explain > td { color: #3e4852; font-size: 13px; padding-top: 0;
  padding-bottom: 9px; }
table.checks > tbody.fail > tr > td:first-child { box-shadow: inset 4px 0 0 var(--fail); }
table.checks > tbody.warn > tr > td:first-child { box-shadow: inset 4px 0 0 #e0a100; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 650;
  line-height: 1.6; white-space: nowrap; }
.badge.fail { background: var(--fail-bg); color: var(--fail); }
.badge.warn, .badge.conflict { background: var(--warn-bg); color: var(--warn); }
.badge.pass, .badge.complete { background: var(--pass-bg); color: var(--pass); }
.badge.missing { background: var(--missing-bg); color: var(--missing); }
td.count-fail { color: var(--fail); font-weight: 700; }
td.count-warn { color: var(--warn); font-weight: 700; }
td.count-pass { color: var(--pass); }
td.zero { color: var(--faint); }
.committee { border-top: 1px solid var(--line); padding-top: 4px; margin-top: 22px; }
.committee:first-of-type { border-top: none; }
.charts { display: flex; flex-wrap: wrap; gap: 4px 40px; }
svg.chart { display: block; width: 100%; height: auto; margin: 8px 0 4px; }
.chart-box { flex: 0 1 520px; max-width: 560px; min-width: 300px; }
.chart-wide { max-width: 960px; }
details { margin: 6px 0; font-size: 13px; color: var(--muted); }
details summary { cursor: pointer; }
details ul { margin: 6px 0; padding-left: 20px; }
.target { color: #6a3fa0; font-style: italic; white-space: nowrap; }
.value-link { white-space: nowrap; }
.not-numeric { color: var(--muted); }
.legend-inline span { margin-right: 14px; }
footer { color: var(--muted); font-size: 13.5px; padding: 10px 0 48px; }
footer pre { background: #1f2933; color: #e6edf3; padding: 12px 16px; border-radius: 6px; overflow-x: auto; }
/* document pages */
.doc-text { font-family: "SFMono-Regular", Consolas, "Liberation Mono", "DejaVu Sans Mono", monospace;
  font-size: 12.5px; line-height: 1.5; background: var(--card); border: 1px solid var(--line);
  border-radius: 8px; padding: 10px 0; margin: 20px 0 48px; overflow-x: auto; }
.doc-text .l { display: flex; min-height: 1.5em; scroll-margin-top: 40vh; }
.doc-text .l:hover { background: #f2f6fa; }
.doc-text .n { flex: 0 0 5.2em; text-align: right; padding-right: 14px; color: #9aa3ad; user-select: none; }
.doc-text .t { white-space: pre-wrap; word-break: break-word; padding-right: 16px; flex: 1; }
.doc-text .l.flag-fail { background: var(--fail-bg); }
.doc-text .l.flag-warn { background: #fff8e6; }
.doc-text .flags { flex: 0 0 auto; padding-right: 12px; }
.doc-text .flag-note { font-family: "Segoe UI", system-ui, Arial, "DejaVu Sans", sans-serif;
  font-size: 12.5px; color: #3e4852; padding: 4px 16px 8px 6.4em; background: #fbfbfc;
  border-bottom: 1px solid var(--line); }
.doc-text .flag-note div { margin: 2px 0; }
.doc-text .l:target, .doc-text .l.flag-fail:target, .doc-text .l.flag-warn:target {
  background: #fff1b8; box-shadow: inset 4px 0 0 #e0a100; }
.doc-text .page { font-family: "Segoe UI", system-ui, Arial, "DejaVu Sans", sans-serif; color: var(--muted);
  font-size: 12px; text-transform: uppercase; letter-spacing: .08em; padding: 10px 16px 4px 6.4em;
  border-top: 1px dashed var(--line); margin-top: 6px; }
.doc-text .page:first-child { border-top: none; margin-top: 0; }
@media print {
  body { background: #fff; }
  nav.toc { display: none; }
  header.masthead { background: #fff; color: var(--ink); border-bottom: 2px solid var(--ink); }
  header.masthead a, header.masthead code { color: var(--ink); }
  main section { border: none; padding: 0; break-inside: auto; }
  .committee, figure { break-inside: avoid; }
}
"""


def esc(value) -> str:
    """Text for HTML content or attributes: None -> '', everything else escaped (with quotes)."""
    return "" if value is None else escape(str(value), quote=True)


def slug(*parts) -> str:
    """An id from text: ascii, lower case, hyphens ('Valnämnden' -> 'valnamnden')."""
    text = "-".join(str(p) for p in parts if p is not None)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def badge(status: str | None) -> str:
    if not status:
        return ""
    return f'<span class="badge {esc(slug(status))}">{esc(status)}</span>'


def attrs(**kw) -> str:
    """' a="b"' for each non-empty keyword (class_ -> class)."""
    out = []
    for k, v in kw.items():
        if v is None or v == "":
            continue
        out.append(f' {k.rstrip("_").replace("_", "-")}="{esc(v)}"')
    return "".join(out)


def table(
    headers: Iterable[tuple[str, str]], rows: Iterable[str], class_: str = "data", caption: str = ""
) -> str:
    """A table from (header html, css class) pairs and ready-made <tr> rows."""
    head = "".join(f"<th{attrs(class_=cls)}>{h}</th>" for h, cls in headers)
    cap = f"<caption>{caption}</caption>" if caption else ""
    body = "\n".join(rows)
    return (
        f'<div class="table-scroll"><table class="{esc(class_)}">{cap}<thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{body}\n</tbody></table></div>"
    )


def tr(*cells: str, class_: str = "") -> str:
    return f"<tr{attrs(class_=class_)}>{''.join(cells)}</tr>"


def td(html: str, class_: str = "", title: str = "", colspan: int | None = None) -> str:
    return f"<td{attrs(class_=class_, title=title, colspan=colspan)}>{html}</td>"


def page(title: str, body: str, lang: str = "en") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="kommunbudget report">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
