"""`make eval`: how well the warehouse reads tables it was not written for.

Ingests the development corpus (tests/fixtures/corpus_dev: 14 excerpts and one real PDF from 12
municipalities outside the bundled corpus) through the real CLI into a fresh warehouse, builds
it, and compares ``marts.fct_budget_amounts`` with the tables typed by hand from the documents
(tests/fixtures/corpus_dev/tables/*.yaml):

- recall: typed money cells the mart holds (same label, value as printed, year, scenario,
  reporting entity and period);
- precision: cells the mart holds that a person typed (a cell the reader invented, misplaced or
  gave the wrong year or scenario counts against it);
- tables found: typed money tables of which the mart holds at least half the cells;
- amounts in running text found, by year, scenario and amount;
- and, where ../shared is present, the official sample (expected_cells_check.py).

The figures go into docs/benchmarks.json ("eval") and docs/benchmarks.md.

    python -m bench.eval
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support.typed_tables import FIXTURES, TypedDocument, load_all  # noqa: E402

SHARED_CHECK = ROOT.parent / "shared" / "checks" / "expected_cells_check.py"
SHARED_CELLS = ROOT.parent / "shared" / "corpus-dev" / "expected_cells.csv"
_NUMBER = re.compile(r"\d")
_BULLET = re.compile(r"^[\u2013\u2014\u2022•·\-]\s+")
TO_TKR = {"tkr": Decimal(1), "mnkr": Decimal(1000), "mdkr": Decimal(1_000_000), "kr": Decimal("0.001")}


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2212", "-")).strip()


def label_key(text: str) -> str:
    return _BULLET.sub("", norm(text)).lower()


def typed_cells(doc: TypedDocument) -> tuple[Counter, dict[int, int]]:
    """(cells a person reads as money, typed money tables' cell counts by table index)."""
    cells: Counter = Counter()
    per_table: dict[int, int] = {}
    for t_no, t in enumerate(doc.tables):
        if not t.money:
            continue
        for label, values in t.rows:
            for col, text in zip(t.columns, values, strict=True):
                if col.amount_kind in ("note", "percent") or not _NUMBER.search(text) or "%" in text:
                    continue
                cells[(label_key(label), norm(text), col.fiscal_year, col.scenario, col.reporting_entity,
                       col.period_kind, t_no)] += 1  # fmt: skip
                per_table[t_no] = per_table.get(t_no, 0) + 1
    return cells, per_table


def cli(*args: str) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).parent / "kommunbudget"
    return subprocess.run([str(exe), *args], cwd=ROOT, capture_output=True, text=True)


def build_warehouse(db: Path, docs: list[TypedDocument]) -> float:
    started = time.perf_counter()
    for doc in docs:
        out = cli("ingest", str(FIXTURES / doc.file), "--municipality", doc.municipality, "--db", str(db),
                  "--no-progress")  # fmt: skip
        if out.returncode not in (0, 1):
            raise SystemExit(f"ingest of {doc.file} failed: {out.stderr[-800:]}")
    out = cli("build", "--db", str(db), "--documents", str(FIXTURES), "--no-progress")
    if not db.exists():
        raise SystemExit(f"build failed: {out.stderr[-2000:]}")
    return time.perf_counter() - started


def landed_cells(db: Path, file: str) -> list[tuple]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select line_label, value_as_printed, fiscal_year, scenario, reporting_entity, period_kind, "
            "amount_source, amount_tkr from marts.fct_budget_amounts where source_file = ?",
            [file],
        ).fetchall()
    finally:
        con.close()


def score_document(doc: TypedDocument, rows: list[tuple]) -> dict:
    typed, per_table = typed_cells(doc)
    remaining = Counter({k[:6]: 0 for k in typed})
    for k, n in typed.items():
        remaining[k[:6]] += n
    table_rows = [r for r in rows if r[6] == "table"]
    correct = 0
    found_by_table: Counter = Counter()
    for label, value, year, scenario, entity, period, *_ in table_rows:
        key = (label_key(label), norm(value), year, scenario, entity, period)
        if remaining.get(key, 0) > 0:
            remaining[key] -= 1
            correct += 1
            t_no = next(k[6] for k in typed if k[:6] == key)
            found_by_table[t_no] += 1
    narratives = [r for r in rows if r[6] == "narrative"]
    n_found = 0
    for n in doc.narratives:
        amount = (
            Decimal(n.as_printed.replace(" ", "").replace("\u2013", "-").replace(",", ".")) * TO_TKR[n.unit]
        )
        if any(
            r[2] == n.fiscal_year and r[3] == n.scenario and abs(r[7] - amount) < Decimal("0.5")
            for r in narratives
        ):
            n_found += 1
    tables = len(per_table)
    found_tables = sum(1 for t, n in per_table.items() if found_by_table[t] * 2 >= n)
    return {
        "file": doc.file,
        "typed_cells": sum(typed.values()),
        "found_cells": correct,
        "landed_cells": len(table_rows),
        "tables": tables,
        "tables_found": found_tables,
        "narratives": len(doc.narratives),
        "narratives_found": n_found,
    }


def official_sample(db: Path) -> str | None:
    if not SHARED_CHECK.exists() or not SHARED_CELLS.exists():
        return None
    out = subprocess.run([sys.executable, str(SHARED_CHECK), str(db), str(SHARED_CELLS)], capture_output=True,
                         text=True)  # fmt: skip
    last = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else ""
    return last.removeprefix("expected cells: ")


def evaluate(work: Path) -> dict:
    docs = load_all()
    db = work / "dev.duckdb"
    seconds = build_warehouse(db, docs)
    per_file = [score_document(doc, landed_cells(db, doc.file)) for doc in docs]
    total = {k: sum(f[k] for f in per_file) for k in per_file[0] if k != "file"}
    return {
        "date": time.strftime("%Y-%m-%d"),
        "documents": len(docs),
        "seconds": round(seconds, 1),
        "files": per_file,
        "total": total,
        "official_sample": official_sample(db),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kommunbudget-eval-") as tmp:
        result = evaluate(Path(tmp))
    saved = args.out.with_suffix(".json")
    report = saved.exists()  # the Markdown report needs the other benchmarks' figures beside these
    results = json.loads(saved.read_text(encoding="utf-8")) if report else {}
    results["eval"] = result
    saved.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    if report:
        from bench.run import render

        render(args.out)
    else:
        print(f"figures saved in {saved} (no report: {saved.name} held no other benchmark's figures)")
    t = result["total"]
    print(
        f"development corpus: recall {t['found_cells']}/{t['typed_cells']}, "
        f"precision {t['found_cells']}/{t['landed_cells']}, tables {t['tables_found']}/{t['tables']}, "
        f"running text {t['narratives_found']}/{t['narratives']}; official sample {result['official_sample']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
