"""Render the tables a text extraction found as a PDF, for the text/PDF parity test."""

from __future__ import annotations

from pathlib import Path

from extract.model import ExtractionResult

from .pdfgen import RowSpec, TableSpec, TextBlock, write_pdf

UNIT_WORD = {"tkr": "tkr", "mnkr": "mnkr", "kr": "kr"}


def render_tables(result: ExtractionResult, path: Path) -> Path:
    m = result.meta
    blocks: list = [
        TextBlock(
            [
                f"{m.municipality_name}s kommun",
                f"{m.document_title or ''} ({m.municipality_name}s kommun)",
            ]
        )
    ]
    for t in result.tables:
        rows = []
        for r in t.rows:
            if r.row_type == "heading":
                rows.append(RowSpec(r.label, heading=True))
            else:
                rows.append(RowSpec(r.label, {c.column_index: c.value_as_printed for c in r.cells}))
        caption_has_unit = t.unit_phrase is not None and t.unit_phrase == t.title
        unit_line = None if caption_has_unit else (t.unit_phrase or (f"Belopp {t.unit}" if t.unit else None))
        if t.years_inferred:
            unit_line = t.unit_phrase
        blocks.append(
            TableSpec(
                caption=t.title,
                unit_line=unit_line,
                columns=[(c.scenario_as_printed, c.fiscal_year) for c in t.columns],
                rows=rows,
                print_years=not t.years_inferred,
                ruled=t.table_no % 2 == 0,
            )
        )
    return write_pdf(path, blocks)
