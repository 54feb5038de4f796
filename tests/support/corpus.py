"""The bundled corpus and small documents written by tests, extracted; table helpers.

Each corpus document is extracted once per test session (``corpus_result`` caches it).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from extract.metadata import MetaOverrides
from extract.model import ExtractionResult, TableRecord
from extract.pipeline import extract_document

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "data" / "documents"

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
        out[_unique(r.label, out)] = values
    return out


def expected(text: str, columns: int) -> dict[str, list[str]]:
    """Parse an expected table typed from the document: 'label | v1 | v2 ...' per line."""
    out: dict[str, list[str]] = {}
    for line in text.strip().splitlines():
        parts = [p.strip() for p in line.split("|")]
        label, values = parts[0], parts[1:]
        assert len(values) == columns, f"{label}: {len(values)} values typed, table has {columns}"
        out[_unique(label, out)] = values
    return out


def _unique(label: str, taken: dict[str, list[str]]) -> str:
    """``label``, or ``label #2``, ``#3``… when a row of that label came before."""
    key, n = label, 2
    while key in taken:
        key = f"{label} #{n}"
        n += 1
    return key


def extract_text(tmp_path: Path, text: str, name: str = "doc.txt", **overrides) -> ExtractionResult:
    """Extract a small text document written by the test (Linköping unless told otherwise)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    opts = {"municipality": "0580", "base_year": 2024, **overrides}
    return extract_document(path, MetaOverrides(**opts))
