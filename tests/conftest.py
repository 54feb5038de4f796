"""Shared fixtures: the bundled corpus, extracted once per session, and table helpers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests run the same examples on every machine, so CI is reproducible; set
# HYPOTHESIS_PROFILE=explore to search new examples locally.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("explore", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "documents"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from extract.metadata import MetaOverrides  # noqa: E402
from extract.model import ExtractionResult, TableRecord  # noqa: E402
from extract.pipeline import extract_document  # noqa: E402

DOCS = {
    "linkoping_ks": "linkoping_kommunstyrelsen_internbudget_2024.txt",
    "linkoping_valnamnden": "linkoping_valnamnden_internbudget_2024.txt",
    "norrkoping_ks": "norrkoping_kommunstyrelsen_uppdragsplan_2024.txt",
    "nykoping_klk": "nykoping_kommunledningskontoret_verksamhetsplan_2024.txt",
    "lulea_ks": "lulea_kommunstaben_verksamhetsplan_2023.txt",
}

# A small document from a municipality outside the corpus (Uppsala), written by tests.
UPPSALA_VALNAMNDEN = """Valnämndens internbudget 2024
Uppsala kommun. Valnämnden i Uppsala genomför valet till Europaparlamentet.

Driftsammandrag

Nettokostnad, belopp tkr
Budget
2024
Plan
2025

Personalkostnader 900 300
Lokalkostnader 100 50
Summa nämndens internbudget 1 000 350
"""


@cache
def corpus_result(key: str) -> ExtractionResult:
    return extract_document(CORPUS / DOCS[key])


@pytest.fixture(scope="session")
def corpus():
    return corpus_result


def table(result: ExtractionResult, title: str) -> TableRecord:
    found = [t for t in result.tables if t.title == title]
    assert len(found) == 1, f"expected one table '{title}', found {[t.title for t in result.tables]}"
    return found[0]


def cells_by_label(t: TableRecord) -> dict[str, list[str]]:
    """label -> printed values by column ('' for an empty cell); labels made unique by order."""
    out: dict[str, list[str]] = {}
    for r in t.rows:
        if r.row_type != "values":
            continue
        values = [""] * len(t.columns)
        for c in r.cells:
            values[c.column_index] = c.value_as_printed
        key = r.label
        n = 2
        while key in out:
            key = f"{r.label} #{n}"
            n += 1
        out[key] = values
    return out


def expected(text: str, columns: int) -> dict[str, list[str]]:
    """Parse an expected table typed from the document: 'label | v1 | v2 ...' per line."""
    out: dict[str, list[str]] = {}
    for line in text.strip().splitlines():
        parts = [p.strip() for p in line.split("|")]
        label, values = parts[0], parts[1:]
        assert len(values) == columns, f"{label}: {len(values)} values typed, table has {columns}"
        key = label
        n = 2
        while key in out:
            key = f"{label} #{n}"
            n += 1
        out[key] = values
    return out


def extract_text(tmp_path: Path, text: str, name: str = "doc.txt", **overrides) -> ExtractionResult:
    """Extract a small text document written by the test (Linköping unless told otherwise)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    opts = {"municipality": "0580", "base_year": 2024, **overrides}
    return extract_document(path, MetaOverrides(**opts))


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the installed `kommunbudget` command from the repository root."""
    exe = Path(sys.executable).parent / "kommunbudget"
    return subprocess.run(
        [str(exe), *args], cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A warehouse built from the bundled corpus by the real CLI, once per test session.

    Tests read it; a test that changes a warehouse copies it first.
    """
    db = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    out = cli("build", "--db", str(db), "--json", "--no-progress")
    assert out.returncode == 0, out.stderr[-3000:]
    summary = json.loads(out.stdout)
    assert summary["published"] is True
    assert "ERROR=0" in summary["dbt"] and "PASS=" in summary["dbt"]
    assert summary["ingest"]["totals"]["landed"] == 5
    return db


@pytest.fixture(scope="session")
def built_with_dev_corpus(tmp_path_factory) -> Path:
    """A warehouse of the bundled corpus and the development corpus (tests/fixtures/corpus_dev),
    built by the real CLI once per session: the development corpus ingested in one command with a
    manifest giving each document's kommunkod as typed beside it (tests/fixtures/corpus_dev/tables),
    then `build`, which lands the bundled corpus and builds everything."""
    from tests.support.typed_tables import load_all

    folder = tmp_path_factory.mktemp("warehouse_dev")
    db = folder / "warehouse.duckdb"
    manifest = folder / "manifest.csv"
    rows = sorted({(str(doc.path), doc.municipality) for doc in load_all()})
    manifest.write_text(
        "path,municipality\n" + "".join(f"{path},{code}\n" for path, code in rows), encoding="utf-8"
    )
    out = cli("ingest", "--manifest", str(manifest), "--db", str(db), "--no-progress")
    assert out.returncode == 0, out.stderr[-3000:]
    out = cli("build", "--db", str(db), "--json", "--no-progress")
    assert out.returncode == 0, out.stderr[-3000:]
    assert json.loads(out.stdout)["published"] is True
    return db
