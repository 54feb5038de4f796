"""One document in, one :class:`~extract.model.ExtractionResult` out (pure: no database)."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from .furniture import find_page_furniture, furniture_issue
from .indicators import extract_indicators
from .metadata import MetaOverrides, detect_metadata, document_kind
from .model import ExtractionResult, IssueRecord
from .narrative import find_narrative_amounts
from .patterns import load_line_patterns
from .readers import ProgressFn, read_document
from .settings import DEFAULT_SETTINGS, ExtractionSettings
from .tables import DocumentContext, find_tables
from .vocabulary import load_vocabulary


def _reports_outcomes(context: DocumentContext, tables) -> bool | None:
    """Whether the document reports outcomes: its type says so, or else its tables' captions
    (a document that prints a Driftredovisning reports), or else its money tables' columns: a
    text beside tables of outcomes (and forecasts) only, no budget or plan, reports on them."""
    if context.document_kind is not None:
        return context.document_kind == "report"
    vocab = load_vocabulary()
    kinds = {t.document_kind for table in tables if (t := vocab.document_type_in(table.title, "table"))}
    if kinds:
        return True if kinds == {"report"} else False if kinds == {"budget"} else None
    scenarios = {c.scenario for t in tables if t.kind == "budget" for c in t.columns if c.scenario}
    return True if "utfall" in scenarios and scenarios <= {"utfall", "prognos"} else None


def extract_document(
    path: Path | str,
    overrides: MetaOverrides | None = None,
    settings: ExtractionSettings = DEFAULT_SETTINGS,
    progress: ProgressFn | None = None,
) -> ExtractionResult:
    """Read, detect, find tables and narrative amounts, and account for every digit line.

    Raises :class:`extract.readers.DocumentError` when the document cannot be used at all.
    """
    started = time.perf_counter()
    path = Path(path)
    doc, data = read_document(path, settings, progress)
    meta = detect_metadata(list(doc.lines), path.name, overrides or MetaOverrides())
    # Running headers and footers are withheld from every reader below; the other lines keep
    # their numbers (and pages keep their whole text), so provenance does not change.
    furniture = find_page_furniture(list(doc.lines), settings)
    furniture_lines = {ln.number for f in furniture for ln in f.lines}
    lines = [ln for ln in doc.lines if ln.number not in furniture_lines]
    patterns = load_line_patterns()
    context = DocumentContext(meta.base_year, document_kind(meta.document_type))
    tables, consumed, issues, indicator_regions = find_tables(lines, context, patterns, settings)
    indicators, regions, indicator_lines, indicator_issues = extract_indicators(
        lines, indicator_regions, meta.base_year, settings
    )
    narratives, narrative_lines, narrative_issues = find_narrative_amounts(
        lines, consumed, meta.base_year, _reports_outcomes(context, tables)
    )
    issues = [*issues, *indicator_issues, *narrative_issues, *(furniture_issue(f) for f in furniture)]
    for note in doc.notes:
        issues.append(IssueRecord("info", "encoding", f"{path.name}: {note}"))
    accounted = consumed | narrative_lines | indicator_lines
    digit_lines = sum(1 for ln in doc.lines if _has_digits(ln))
    issues += [
        _unused_digit_line(ln, indicator_regions)
        for ln in lines
        if _has_digits(ln) and ln.number not in accounted
    ]
    budget_tables = [t for t in tables if t.kind == "budget"]
    if not budget_tables:
        issues.append(
            IssueRecord(
                "warning",
                "no_budget_tables",
                f"{path.name}: no budget table found; {len(narratives)} amount(s) stated in running "
                "text were landed. If the document has tables, they may be images: check it by eye.",
            )
        )
    cells = sum(len(r.cells) for t in tables for r in t.rows)
    return ExtractionResult(
        source_path=str(path),
        source_file=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
        size_bytes=len(data),
        file_format=doc.file_format,
        encoding=doc.encoding,
        meta=meta,
        pages=doc.pages,
        tables=tuple(tables),
        narratives=tuple(narratives),
        issues=tuple(issues),
        line_count=len(doc.lines),
        indicators=tuple(indicators),
        indicator_regions=tuple(regions),
        digit_line_count=digit_lines,
        duration_ms=int((time.perf_counter() - started) * 1000),
        stats={
            "tables": len(tables),
            "budget_tables": len(budget_tables),
            "cells": cells,
            "narratives": len(narratives),
            "indicator_values": len(indicators),
            "digit_lines": digit_lines,
            # lines whose digits became cells: a share of the digit lines (a '-' cell holds none)
            "cell_lines": len(
                {
                    c.source_line
                    for t in tables
                    for r in t.rows
                    for c in r.cells
                    if _has_digits_text(c.value_as_printed)
                }
            ),
        },
    )


def _has_digits(line) -> bool:
    return _has_digits_text(line.text)


def _has_digits_text(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _unused_digit_line(line, indicator_regions) -> IssueRecord:
    """Why a line with digits became no cell, amount or indicator value."""
    if any(a <= line.number <= b for a, b in indicator_regions):
        return IssueRecord(
            "info",
            "indicator_table",
            "line of an indicator table (goals, key figures, targets): its numbers are "
            "indicator values, not amounts, and are read by the indicator extractor",
            line.number,
            line.page,
            line.text,
        )
    return IssueRecord(
        "info",
        "number_in_text",
        "digits in running text without an amount unit (a year, date, count, share or "
        "section number): not a budget amount",
        line.number,
        line.page,
        line.text,
    )
