"""The peers a user would pick instead of the project, run on one PDF in the bench venv.

    .venv-bench/bin/python -m bench.office_peers DOCUMENT.pdf OUT.json

Runs only in ``.venv-bench`` (``make bench-env``): camelot and PyMuPDF are measured, never
dependencies of the project (PyMuPDF is AGPL). Each table tool runs with its defaults, and
pdfplumber and PyMuPDF also with their text strategy, since their default (ruling lines) finds
no table without rules. Writes, per tool, the wall seconds of reading every page and its tables
as grids of strings (scored by bench.office_score in the project's environment), plus the
seconds of PyMuPDF's words alone. Nothing of the project is imported here.
"""

from __future__ import annotations

import json
import sys
import time
import warnings
from importlib.metadata import version
from pathlib import Path

TEXT_STRATEGY = {"vertical_strategy": "text", "horizontal_strategy": "text"}


def _grid(rows) -> list[list[str]]:
    return [["" if c is None else str(c) for c in row] for row in rows]


def camelot_tables(pdf: Path, flavor: str) -> list[dict]:
    import camelot

    tables = camelot.read_pdf(str(pdf), pages="all", flavor=flavor)
    return [{"page": int(t.page), "grid": _grid(t.df.values.tolist())} for t in tables]


def pdfplumber_tables(pdf: Path, settings: dict | None) -> list[dict]:
    import pdfplumber

    out = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            for grid in page.extract_tables(settings or {}):
                out.append({"page": page.page_number, "grid": _grid(grid)})
            page.close()
    return out


def pymupdf_tables(pdf: Path, strategy: str | None) -> list[dict]:
    import pymupdf

    out = []
    with pymupdf.open(pdf) as doc:
        for page in doc:
            found = page.find_tables(strategy=strategy) if strategy else page.find_tables()
            out += [{"page": page.number + 1, "grid": _grid(t.extract())} for t in found.tables]
    return out


def pymupdf_words(pdf: Path) -> int:
    import pymupdf

    with pymupdf.open(pdf) as doc:
        return sum(len(page.get_text("words")) for page in doc)


TOOLS = {
    "camelot stream": lambda pdf: camelot_tables(pdf, "stream"),
    "camelot lattice": lambda pdf: camelot_tables(pdf, "lattice"),
    "pdfplumber extract_tables": lambda pdf: pdfplumber_tables(pdf, None),
    "pdfplumber extract_tables, text strategy": lambda pdf: pdfplumber_tables(pdf, TEXT_STRATEGY),
    "PyMuPDF find_tables": lambda pdf: pymupdf_tables(pdf, None),
    "PyMuPDF find_tables, text strategy": lambda pdf: pymupdf_tables(pdf, "text"),
}


def main(argv: list[str]) -> int:
    pdf, out = Path(argv[0]), Path(argv[1])
    warnings.filterwarnings("ignore")  # camelot warns on every page without a table
    results: dict = {"versions": {}, "tools": {}, "words": {}}
    for package in ("camelot-py", "pymupdf", "pdfplumber"):
        results["versions"][package] = version(package)
    import camelot  # noqa: F401  imported before the clocks start, as a user's program has them
    import pdfplumber  # noqa: F401

    started = time.perf_counter()
    pymupdf_words(pdf)  # once outside the timings: the library's first use loads its fonts
    t = time.perf_counter()
    words = pymupdf_words(pdf)
    results["words"]["PyMuPDF get_text('words')"] = {"seconds": time.perf_counter() - t, "words": words}
    for name, run in TOOLS.items():
        t = time.perf_counter()
        try:
            tables = run(pdf)
        except Exception as exc:  # a peer that fails is reported as such, the others still run
            results["tools"][name] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
            continue
        results["tools"][name] = {"seconds": time.perf_counter() - t, "tables": tables}
        print(f"  {name}: {time.perf_counter() - t:.1f} s, {len(tables)} tables", file=sys.stderr, flush=True)
    results["seconds"] = time.perf_counter() - started
    out.write_text(json.dumps(results, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
