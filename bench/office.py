"""Issue 13's benchmark sections: office-made PDFs against the peers, the national corpus as
PDFs, and the office tables on the text path.

* ``office_pdfs``: the document of bench/office_pdfs.py printed by Chromium and by LibreOffice
  (60+ pages each). Per PDF: the project's extraction through each text layer, the text layers'
  words alone (pdfplumber ``extract_words``, the project's pypdfium2 words, pypdfium2's raw
  text, PyMuPDF words, ``pdftotext``), and the table peers in ``.venv-bench``; every tool's
  cells scored against the generator's truth (bench/office_score.py).
* ``national_pdfs``: every tenth document of the national corpus (bench/corpus.py) printed as
  PDF by Chromium (its tables in columns) and extracted; the whole corpus's PDF extraction on 2
  cores extrapolated from the seconds per page.
* ``office_text``: the same document as a text layer (the generator's own, and ``pdftotext
  -layout`` of each PDF): seconds per table, the largest table's, cells scored.

Every figure is measured in the run that writes it; the PDFs are generated once and cached.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import statistics
import subprocess
import time
from functools import partial
from pathlib import Path
from typing import Any

from bench.office_pdfs import CACHE, Document, fresh_cache, office_documents, print_html, text_layer
from bench.office_score import result_cells, score

ROOT = Path(__file__).resolve().parents[1]
BENCH_PYTHON = ROOT / ".venv-bench" / "bin" / "python"
MUNICIPALITY = "Uppsala"  # named in the generated document; given so that no detection is timed twice
REPEATS = 3
MADE_BY = {
    "chromium": "HTML printed by Chromium (sv-SE numbers: U+00A0 between thousands, U+2212 minus; "
    "no cell rules)",
    "libreoffice": "ODT → .docx → PDF by LibreOffice (typed numbers: space, hyphen minus; ruled grid)",
}


def _overrides():
    from extract.metadata import MetaOverrides

    return MetaOverrides(municipality=MUNICIPALITY, base_year=2024)


def extract(path: Path, layer: str = "pypdfium2"):
    from extract.pipeline import extract_document
    from extract.settings import ExtractionSettings

    return extract_document(path, _overrides(), ExtractionSettings(pdf_text_layer=layer))


def timed(fn, *args, repeats: int = REPEATS):
    """(median seconds, the last result) of ``repeats`` calls."""
    times, out = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn(*args)
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def timed_alternately(fns: dict, repeats: int = REPEATS) -> dict[str, tuple[float, float, Any]]:
    """Each of ``fns`` called ``repeats`` times, taking turns, so that a change in what else the
    machine runs falls on all of them alike: per name (median wall seconds, median CPU seconds
    of this process, the last result). The CPU time is what a ratio between them is taken from:
    other processes lengthen the wall time, not the work done."""
    walls: dict[str, list[float]] = {k: [] for k in fns}
    cpus: dict[str, list[float]] = {k: [] for k in fns}
    last: dict[str, Any] = {}
    for _ in range(repeats):
        for name, fn in fns.items():
            wall, cpu = time.perf_counter(), time.process_time()
            last[name] = fn()
            cpus[name].append(time.process_time() - cpu)
            walls[name].append(time.perf_counter() - wall)
    return {k: (statistics.median(walls[k]), statistics.median(cpus[k]), last[k]) for k in fns}


def speedup(ours: dict) -> float:
    """How many times faster the pypdfium2 path ran than the pdfplumber path: in CPU time where
    the run measured it (runs before took the wall time)."""
    key = "cpu_seconds" if "cpu_seconds" in ours["pypdfium2"] else "seconds"
    return ours["pdfplumber"][key] / ours["pypdfium2"][key]


def page_count(path: Path) -> int:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


# ---- words only: the text layers ----------------------------------------------------------------


def pypdfium2_text(path: Path) -> int:
    """pypdfium2's own text of every page (characters, no words): the floor of that layer."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(path)
    chars = 0
    try:
        for i in range(len(pdf)):
            page = pdf[i]
            text = page.get_textpage()
            chars += len(text.get_text_range())
            text.close()
            page.close()
    finally:
        pdf.close()
    return chars


def pdftotext(path: Path) -> int:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True)
    return len(out.stdout)


def words_only(path: Path) -> dict[str, float]:
    from bench.run import bare_pdfplumber, bare_pypdfium2

    out = {
        "pdfplumber extract_words": timed(bare_pdfplumber, path)[0],
        "pypdfium2, the project's words": timed(bare_pypdfium2, path)[0],
        "pypdfium2 get_text_range (characters, no words)": timed(pypdfium2_text, path)[0],
    }
    if shutil.which("pdftotext"):
        out["pdftotext -layout"] = timed(pdftotext, path)[0]
    return out


# ---- the peers, in their own environment ---------------------------------------------------------


def bench_python() -> tuple[Path | None, str]:
    """The bench venv's Python, made by ``make bench-env`` when it is missing; (None, why not)."""
    if not BENCH_PYTHON.exists():
        made = subprocess.run(["make", "bench-env"], cwd=ROOT, capture_output=True, text=True)
        if made.returncode != 0 or not BENCH_PYTHON.exists():
            why = (made.stderr or made.stdout).strip().splitlines()[-3:]
            return None, "`make bench-env` could not create .venv-bench: " + " / ".join(why)
    return BENCH_PYTHON, ""


def run_peers(python: Path, pdf: Path, work: Path) -> dict:
    out = work / f"peers_{pdf.stem}.json"
    done = subprocess.run(
        [str(python), "-m", "bench.office_peers", str(pdf), str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]}
    return json.loads(out.read_text(encoding="utf-8"))


def peer_scores(peers: dict, truth: list) -> dict:
    from bench.office_score import grid_cells

    out = {}
    for name, run in peers.get("tools", {}).items():
        if "error" in run:
            out[name] = {"error": run["error"]}
            continue
        cells = [c for k, t in enumerate(run["tables"]) for c in grid_cells(k, t["grid"])]
        out[name] = {
            "seconds": run["seconds"],
            "tables": len(run["tables"]),
            "score": score(cells, truth).as_dict(),
        }
    return out


# ---- office_pdfs ---------------------------------------------------------------------------------


def _cell_list(result) -> list[tuple]:
    return [
        (t.title, r.label, c.column_index, c.value_as_printed, c.source_line)
        for t in result.tables
        for r in t.rows
        for c in r.cells
    ]


def narratives_found(result, expected) -> int:
    """Amounts of the running text read with their value and unit (the project prints the
    unit into value_as_printed, so values are compared as numbers)."""
    from decimal import Decimal

    from bench.office_score import norm_value

    read = {(n.value_numeric, n.unit) for n in result.narratives}
    return sum((Decimal(norm_value(n.value).replace(",", ".")), n.unit) in read for n in expected)


def bench_office_pdfs(work: Path, say=print) -> dict:
    docs = office_documents()
    python, why = bench_python()
    out: dict = {
        "generator": {"key": docs.folder.name, **vars(docs.params)},
        "skipped": docs.skipped,
        "peers_skipped": why,
        "documents": {},
    }
    for name, pdf in docs.pdfs.items():
        truth = docs.truth[name]
        entry: dict = {
            "made_by": MADE_BY[name],
            "pages": page_count(pdf),
            "tables": len(docs.tables),
            "truth_cells": len(truth),
        }
        ours = {}
        results = {}
        runs = timed_alternately(
            {layer: partial(extract, pdf, layer) for layer in ("pypdfium2", "pdfplumber")}
        )
        for layer, (seconds, cpu, result) in runs.items():
            results[layer] = result
            scored = score(result_cells(result), truth).as_dict()
            ours[layer] = {"seconds": seconds, "cpu_seconds": cpu, "score": scored}
            right = scored["right"]
            say(f"  {name}: ours ({layer}) {seconds:.2f} s ({cpu:.2f} s CPU), {right} right")
        entry["ours"] = ours
        a, b = (_cell_list(results[layer]) for layer in ("pypdfium2", "pdfplumber"))
        entry["layers_identical"] = a == b
        entry["layer_differences"] = len(set(a) ^ set(b))
        entry["narratives"] = {
            "expected": len(docs.narratives),
            "found": narratives_found(results["pypdfium2"], docs.narratives),
        }
        entry["words"] = words_only(pdf)
        if python:
            peers = run_peers(python, pdf, work)
            entry["peer_versions"] = peers.get("versions", {})
            entry["words"].update({k: v["seconds"] for k, v in peers.get("words", {}).items()})
            entry["peers"] = peer_scores(peers, truth) if "error" not in peers else {"error": peers["error"]}
            for peer, p in entry["peers"].items():
                if isinstance(p, dict) and "score" in p:
                    say(f"  {name}: {peer} {p['seconds']:.1f} s, {p['score']['right']} right")
        out["documents"][name] = entry
    return out


# ---- office_text -------------------------------------------------------------------------------


def table_text(table) -> str:
    """One table alone as the text layer prints it (caption, unit line, header, rows)."""
    doc = Document()
    doc.table(table)
    return text_layer(doc)


def bench_office_text(work: Path, say=print) -> dict:
    docs = office_documents()
    folder = work / "office_text"
    folder.mkdir(parents=True, exist_ok=True)
    texts = {"the generator's text layer": (docs.text, "text")}
    if shutil.which("pdftotext"):
        for name, pdf in docs.pdfs.items():
            path = folder / f"{name}_layout.txt"
            subprocess.run(["pdftotext", "-layout", str(pdf), str(path)], check=True)
            texts[f"pdftotext -layout of the {name} PDF"] = (path, name)
    out: dict = {"documents": {}, "tables": []}
    for label, (path, style) in texts.items():
        seconds, result = timed(extract, path, repeats=1)
        out["documents"][label] = {
            "seconds": seconds,
            "tables_read": len(result.tables),
            "score": score(result_cells(result), docs.truth[style]).as_dict(),
        }
        say(f"  {label}: {seconds:.1f} s")
    for k, table in enumerate(docs.tables):
        path = folder / f"table_{k:02d}.txt"
        path.write_text(table_text(table), encoding="utf-8")
        seconds, result = timed(extract, path)
        truth = [c for c in docs.truth["text"] if c.table == k]
        s = score(result_cells(result), truth)
        out["tables"].append(
            {
                "table": k,
                "section": table.section,
                "caption": table.caption,
                "rows": len(table.rows),
                "seconds": seconds,
                "right": s.right,
                "cells": len(truth),
            }
        )
    worst = max(out["tables"], key=lambda t: t["seconds"])
    median = statistics.median(t["seconds"] for t in out["tables"])
    say(f"  per table: median {median:.3f} s, slowest {worst['seconds']:.3f} s")
    return out


# ---- national_pdfs -------------------------------------------------------------------------------

NATIONAL_DOCUMENTS = 290 * 12
PAGE_CSS = (
    "@page{size:A4;margin:18mm 15mm}body{font:9pt/1.3 'DejaVu Sans',sans-serif;margin:0}"
    "div.l{white-space:pre-wrap;min-height:1.3em}"
    "table{border-collapse:collapse;font-size:8pt;margin:2mm 0}"
    "th,td{padding:0.4mm 1mm;vertical-align:top}td.n,th.n{text-align:right;width:17mm}td.t{width:60mm}"
)


def text_as_pdf_html(text: str, result, title: str) -> str:
    """A text document as an office prints it: its lines as lines, and each table the text path
    read from it as a table in columns (its header's scenario and year over each column, each
    row's label and cells where the text path placed them); the lines a table spans are not
    printed again."""
    e = html.escape
    lines = text.split("\n")
    starts = {}
    spanned: set[int] = set()
    for t in result.tables:
        first = (
            min(t.header_first_line, *(r.label_first_line for r in t.rows)) if t.rows else t.header_first_line
        )
        starts[first] = t
        spanned.update(range(first, t.last_line + 1))
    out = []
    for number, line in enumerate(lines, start=1):
        if number in starts:
            out.append(_html_table_of(starts[number]))
        elif number not in spanned:
            out.append(f'<div class="l">{e(line.rstrip())}</div>')
    return (
        f'<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>{e(title)}</title>'
        f"<style>{PAGE_CSS}</style></head><body>{''.join(out)}</body></html>"
    )


def _html_table_of(t) -> str:
    e = html.escape
    head = "".join(
        f'<th class="n">{e(c.scenario_as_printed or "")} {c.fiscal_year or ""}</th>' for c in t.columns
    )
    rows = []
    for r in t.rows:
        cells = {c.column_index: c.value_as_printed for c in r.cells}
        tds = "".join(f'<td class="n">{e(cells.get(i, ""))}</td>' for i in range(len(t.columns)))
        rows.append(f'<tr><td class="t">{e(r.label)}</td>{tds}</tr>')
    return f'<table><tr><th class="t"></th>{head}</tr>{"".join(rows)}</table>'


def bench_national_pdfs(work: Path, every: int = 10, say=print) -> dict:
    from bench.corpus import generate

    corpus = work / "national_text"
    generate(corpus, NATIONAL_DOCUMENTS)
    paths = sorted(corpus.glob("*.txt"))
    sample = paths[::every]
    from extract.version import extractor_version

    # The layout comes from the text path's reading: a new extractor prints the sample again
    source = (ROOT / "bench" / "corpus.py").read_bytes() + PAGE_CSS.encode() + extractor_version().encode()
    cache = fresh_cache(CACHE.parent / "national", hashlib.sha256(source).hexdigest()[:12])
    text_s = 0.0
    from_text = {}
    pairs = []
    for p in sample:
        t = time.perf_counter()
        from_text[p] = extract(p)
        text_s += time.perf_counter() - t
        pdf = cache / f"{p.stem}.pdf"
        if not pdf.exists():
            page = cache / f"{p.stem}.html"
            page.write_text(
                text_as_pdf_html(p.read_text(encoding="utf-8"), from_text[p], p.stem), encoding="utf-8"
            )
            pairs.append((page, pdf))
    if pairs:
        say(f"  printing {len(pairs)} sample documents with Chromium")
        t = time.perf_counter()
        print_html(pairs)
        say(f"  printed in {time.perf_counter() - t:.0f} s")
    pdf_s = 0.0
    pages = same = 0
    for p in sample:
        pdf = cache / f"{p.stem}.pdf"
        pages += page_count(pdf)
        t = time.perf_counter()
        from_pdf = extract(pdf)
        pdf_s += time.perf_counter() - t
        same += _values(from_pdf) == _values(from_text[p])
    lines = {p: p.read_text(encoding="utf-8").count("\n") for p in paths}
    sample_lines = sum(lines[p] for p in sample)
    estimated_pages = sum(lines.values()) * pages / sample_lines
    per_page = pdf_s / pages
    return {
        "documents": len(paths),
        "sample": len(sample),
        "sample_pages": pages,
        "pdf_seconds": pdf_s,
        "text_seconds": text_s,
        "same_cells_as_text": same,
        "estimated_pages": estimated_pages,
        "seconds_per_page": per_page,
        "estimate_minutes_2_cores": per_page * estimated_pages / 2 / 60,
    }


def _values(result) -> list[tuple]:
    return sorted(
        (r.label, c.column_index, c.value_as_printed) for t in result.tables for r in t.rows for c in r.cells
    )


# ---- the report ----------------------------------------------------------------------------------

SECTIONS = ("office_pdfs", "national_pdfs", "office_text")


def load_note(section: dict) -> list[str]:
    """What else the machine was doing: the load average (1, 5, 15 min) when the section began."""
    load = section.get("load_at_start")
    if not load:
        return []
    return [
        "",
        f"Load average when this section began: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on "
        f"{os.cpu_count()} cores; above the core count, other processes shared the machine and "
        "every time here is longer than on an idle one (ratios within the section less so).",
    ]


def _ms(seconds: float, pages: int) -> str:
    return f"{seconds * 1000 / pages:.1f}"


def _score_row(name: str, seconds: float | None, pages: int, s: dict, titled: bool) -> str:
    titles = s.get("titles", {})
    caption = f"{titles.get('caption', 0)}/{sum(titles.values())}" if titled else "n/a"
    timing = _ms(seconds, pages) if seconds is not None else ""
    return (
        f"| {name} | {timing} | {s['right']} | {s['wrong']} | {s['missing']} | {s['invented']} | "
        f"{s['truncated_labels']} | {caption} |"
    )


def office_pdfs_lines(r: dict) -> list[str]:
    o = r.get("office_pdfs")
    if not o:
        return []
    g = o["generator"]
    lines = [
        "",
        "## Office-made PDFs against the peers",
        "",
        f"`bench/office_pdfs.py` writes one municipality's budget (seed {g['seed']}, {g['committees']} "
        "committees, cached as `.bench-cache/office/" + g["key"] + "/`): an overview with a "
        "Resultatbudget in mnkr and the net cost per committee, then a section per committee "
        "(`3.1 Kommunstyrelsen` …) with prose that states amounts and three captioned tables "
        "(`Driftbudget per verksamhet`, `Intäkter och kostnader`, `Investeringsbudget`) under a unit "
        "line, eight columns Utfall 2022 … Plan 2029, right-aligned Swedish numbers, labels long "
        "enough to wrap, Summa lines equal to their items, tables running over a page break, the "
        "document number at the top of each page and `Sida N av M` at its foot. The truth is the "
        "generator's data: every cell's section, caption, row label, column and value as printed.",
        "",
        "A cell is **right** when its row label, its column (scenario word and year), its value "
        "and, for the project, its table's title (the caption, or the heading nearest above) "
        "match the truth; **wrong** when the row and column are the truth's but the value, "
        "label or title is not, or when the value is the truth's but sits in another column or "
        "row; **invented** when its value is nowhere in the truth, or the same truth cell is given "
        "twice; **missing** when no cell gives it (so right + wrong + missing = the truth's "
        "cells). A row's truth row is the one that holds most of its values. Peers give grids of "
        "strings without titles; they are read generously (`bench/office_score.py`): the header "
        "rows, over one or two rows, give each column its scenario and year; the first column "
        "with text is the label; a label-only row above a row is the start of its wrapped label "
        "(or, in lower case after it, its rest); a cell counts when it holds one number; labels "
        "are compared without case and spaces (PyMuPDF drops the spaces of LibreOffice's PDFs). "
        "*Truncated labels* are rows whose label is a strict part of the printed one.",
        "",
        "The peers run in `.venv-bench` (`make bench-env`), never in the project's environment: "
        "camelot-py and PyMuPDF are measured only and are not dependencies of the project "
        "(**PyMuPDF is AGPL**). pdfplumber and PyMuPDF run with their defaults (ruling lines) "
        "and with their text strategy. Seconds: wall time for every page in one process; the "
        f"project's two text layers each the median of {REPEATS} runs taken in turns, each peer one "
        "run. The speedup over the pdfplumber path is the ratio of the two layers' CPU time (the "
        "work done, which other processes on the machine do not lengthen).",
        *load_note(o),
    ]
    if o.get("skipped"):
        lines += ["", "Not printed: " + "; ".join(f"{k}: {v}" for k, v in o["skipped"].items())]
    if o.get("peers_skipped"):
        lines += ["", f"Peers not measured: {o['peers_skipped']}"]
    for name, d in o["documents"].items():
        pages = d["pages"]
        ours = d["ours"]
        lines += [
            "",
            f"### {name.capitalize()}: {d['made_by']}",
            "",
            f"{pages} pages, {d['tables']} tables, {d['truth_cells']} cells in the truth.",
            "",
            "| tool | ms/page | right | wrong | missing | invented | truncated labels "
            "| tables titled by caption |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for layer, run in ours.items():
            lines.append(
                _score_row(f"**ours** ({layer} text layer)", run["seconds"], pages, run["score"], True)
            )
        for peer, p in d.get("peers", {}).items():
            if isinstance(p, dict) and "score" in p:
                lines.append(
                    _score_row(f"{peer} ({p['tables']} tables)", p["seconds"], pages, p["score"], False)
                )
            else:
                lines.append(
                    f"| {peer} | failed: {p.get('error') if isinstance(p, dict) else p} | | | | | | |"
                )
        s = ours["pypdfium2"]["score"]
        reasons = ", ".join(f"{k} {v}" for k, v in sorted(s["wrong_reasons"].items())) or "none"
        speed = speedup(ours)
        peers = {k: p for k, p in d.get("peers", {}).items() if isinstance(p, dict) and "score" in p}
        best = max(peers.items(), key=lambda kv: kv[1]["score"]["right"], default=None)
        lines += [
            "",
            f"Ours, wrong by reason: {reasons}. Truncated: "
            + (", ".join(f"`{a}` for `{b}`" for a, b in s["truncated_examples"]) or "none")
            + ". Invented, first ones: "
            + (", ".join(f"`{' '.join(map(str, x))}`" for x in s["invented_examples"][:4]) or "none")
            + f". Amounts in running text found: {d['narratives']['found']} of "
            f"{d['narratives']['expected']}.",
            "",
            f"**PDF path: {_ms(ours['pypdfium2']['seconds'], pages)} ms/page through pypdfium2, "
            f"{speed:.1f}× faster than through pdfplumber in CPU time "
            f"({_ms(ours['pdfplumber']['seconds'], pages)} ms/page)** (target at least 8×); "
            "the two layers give "
            + (
                "identical cells."
                if d["layers_identical"]
                else f"different cells ({d['layer_differences']} differ)."
            ),
        ]
        if best:
            lines.append(
                f"Best peer here: {best[0]}, {best[1]['score']['right']} right, "
                f"{best[1]['score']['invented']} invented, against ours {s['right']} right, "
                f"{s['invented']} invented."
            )
        lines += [
            "",
            "Text layers alone (words or text of every page, median of "
            f"{REPEATS}; PyMuPDF one run after a warm-up, in the bench venv):",
            "",
            "| text layer | ms/page |",
            "|---|---:|",
            *(f"| {k} | {_ms(v, pages)} |" for k, v in d["words"].items()),
        ]
    lines += ["", *_criteria(r)]
    return lines


def _criteria(r: dict) -> list[str]:
    """Issue 13's done criteria against this run's figures, as measured (not as hoped)."""
    o, t, n = r.get("office_pdfs", {}), r.get("office_text"), r.get("national_pdfs")
    out = ["### Issue 13's targets, as this run measured them", ""]
    for name, d in o.get("documents", {}).items():
        s = d["ours"]["pypdfium2"]["score"]
        titles = s.get("titles", {})
        peers = {k: p["score"] for k, p in d.get("peers", {}).items() if isinstance(p, dict) and "score" in p}
        speed = speedup(d["ours"])
        out.append(
            f"- {name}: invented {s['invented']} (target 0); truncated labels {s['truncated_labels']} (0); "
            f"tables titled by caption {titles.get('caption', 0)} of {sum(titles.values())}; values right "
            f"{s['right']} of {s['truth']} (all); ahead of every peer: "
            + (_ahead_of_peers(s, peers) if peers else "not measured")
            + f"; {speed:.1f}× faster than the pdfplumber path (8×), "
            + ("identical cells" if d["layers_identical"] else "cells differ")
            + "."
        )
    if n:
        out.append(
            f"- National corpus as PDF: {n['estimate_minutes_2_cores']:.1f} minutes on 2 cores, "
            "extrapolated (target under 20)."
        )
    if t:
        worst = max(t["tables"], key=lambda x: x["seconds"])
        over = sum(x["seconds"] > 0.1 for x in t["tables"])
        out.append(
            f"- Text path: slowest table {worst['seconds']:.3f} s, {over} of {len(t['tables'])} tables over "
            "0.1 s (target none)."
        )
        ratio = _text_pdf_ratio(r)
        if ratio:
            out.append(f"- Text and PDF paths per page of the same document: {ratio} (target within 2×).")
    return out


# What a reader of a table gets right or wrong, each with the direction that is better. Time is
# left out: "ahead" is about what the reading gives, the speed is measured on its own.
ACCURACY = (("right", 1), ("wrong", -1), ("invented", -1), ("truncated_labels", -1), ("titled", 1))
ACCURACY_WORDS = {
    "right": "cells right",
    "wrong": "wrong cells",
    "invented": "invented cells",
    "truncated_labels": "truncated labels",
    "titled": "tables titled by their caption",
}


def _accuracy(score: dict) -> dict[str, int]:
    """A score's accuracy figures; a peer gives grids without titles, so it titles no table."""
    return {
        **{k: score.get(k, 0) for k, _ in ACCURACY[:-1]},
        "titled": score.get("titles", {}).get("caption", 0),
    }


def _ahead_of_peers(ours: dict, peers: dict[str, dict]) -> str:
    """ "yes" when, against every peer, ours is no worse on any accuracy figure and better on one.

    Where a peer also reads every cell right (a ruled grid gives a lattice reader every cell's
    bounds), cells cannot put anyone ahead, and the verdict names what does, or that nothing does.
    """
    mine = _accuracy(ours)
    behind, level, ahead_by = [], [], {}
    for name, peer_score in peers.items():
        theirs = _accuracy(peer_score)
        if any((mine[k] - theirs[k]) * better < 0 for k, better in ACCURACY):
            behind.append(name)
            continue
        better_on = [k for k, better in ACCURACY if (mine[k] - theirs[k]) * better > 0]
        if not better_on:
            level.append(name)
        elif mine["right"] == theirs["right"]:
            ahead_by[name] = better_on
    if behind or level:
        return (
            "no (" + ", ".join([*(f"behind {n}" for n in behind), *(f"level with {n}" for n in level)]) + ")"
        )
    if not ahead_by:
        return "yes"
    tied = ", ".join(
        f"{n} (ahead on {' and '.join(ACCURACY_WORDS[k] for k in ks)})" for n, ks in ahead_by.items()
    )
    return f"yes; the same cells right as {tied}"


def _text_pdf_ratio(r: dict) -> str:
    o, t = r.get("office_pdfs", {}), r.get("office_text", {})
    parts = []
    for name, d in o.get("documents", {}).items():
        text = t.get("documents", {}).get(f"pdftotext -layout of the {name} PDF")
        if text:
            ratio = text["seconds"] / d["ours"]["pypdfium2"]["seconds"]
            parts.append(f"{name}: text {ratio:.1f}× the PDF's time")
    return "; ".join(parts)


def national_pdfs_lines(r: dict) -> list[str]:
    n = r.get("national_pdfs")
    if not n:
        return []
    return [
        "",
        "## The national corpus as PDFs (an extrapolation)",
        "",
        f"Every tenth document of the national corpus ({n['sample']} of {n['documents']}, "
        "`bench/corpus.py`) printed by Chromium as an office would print it: its lines as lines "
        "of an A4 page, and each table in columns (the header's scenario and year over each "
        "column, labels and cells where the text path reads them: the text path's reading of this "
        "corpus is the one the scale runs check), then extracted one after another in one "
        "process, the text and the PDF. The whole corpus's pages are estimated from its line "
        "count at the sample's lines per page, and the time as seconds per page × pages / 2 "
        "cores, assuming the worker pool's near-linear speedup measured above. **This is an "
        "extrapolation from a sample, not a measured build.** *Same cells* counts the documents "
        "whose PDF gives exactly the text's cells (label, column, value).",
        *load_note(n),
        "",
        "| sample documents | sample pages | PDF s/page | text s/page (same documents) | estimated pages "
        "| estimated minutes, 2 cores | same cells as the text |",
        "|---:|---:|---:|---:|---:|---:|---:|",
        f"| {n['sample']} | {n['sample_pages']} | {n['seconds_per_page']:.4f} | "
        f"{n['text_seconds'] / n['sample_pages']:.4f} | {n['estimated_pages']:.0f} | "
        f"{n['estimate_minutes_2_cores']:.1f} | {n['same_cells_as_text']} of {n['sample']} |",
    ]


def office_text_lines(r: dict) -> list[str]:
    t = r.get("office_text")
    if not t:
        return []
    tables = t["tables"]
    worst = max(tables, key=lambda x: x["seconds"])
    biggest = max(tables, key=lambda x: x["rows"])
    lines = [
        "",
        "## The office tables on the text path",
        "",
        "The same document as text: the generator's own text layer (laid out as `pdftotext -layout` "
        "lays out a page: a header's scenario word above its year, a long label wrapped under "
        "itself, pages apart by form feeds with their header and footer) and `pdftotext -layout` of "
        "each PDF. Each whole document is extracted once, and scored as above:",
        *load_note(t),
        "",
        "| text | seconds | tables read | right | wrong | missing | invented | truncated labels |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, d in t["documents"].items():
        s = d["score"]
        lines.append(
            f"| {name} | {d['seconds']:.2f} | {d['tables_read']} | {s['right']} | {s['wrong']} | "
            f"{s['missing']} | {s['invented']} | {s['truncated_labels']} |"
        )
    lines += [
        "",
        f"**Seconds per table**: each of the {len(tables)} tables alone as a text document "
        f"(caption, unit line, header, rows), median of {REPEATS} runs of the whole extraction: "
        f"median {statistics.median(x['seconds'] for x in tables):.3f} s; slowest "
        f"{worst['seconds']:.3f} s (`{worst['caption']}` of {worst['section']}, {worst['rows']} rows, "
        f"{worst['right']} of {worst['cells']} cells right); the largest table (`{biggest['caption']}` "
        f"of {biggest['section']}, {biggest['rows']} rows) {biggest['seconds']:.3f} s; "
        f"{sum(x['seconds'] > 0.1 for x in tables)} tables over 0.1 s.",
    ]
    return lines
