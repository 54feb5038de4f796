"""Land extraction results into the DuckDB ``raw`` schema: one transaction per document.

A document's identity is its bytes (``document_id`` = the first 16 hex digits of its sha256).
Its *key* says which document it is a version of: municipality, committee, office, type and
base year when they are known, else its file name. Landing a new version deletes the rows of
the previous current version and keeps that version's row in ``raw.documents`` as history.
"""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import duckdb
import polars as pl

from .model import ExtractionResult

RAW_DDL = """
create schema if not exists raw;

create table if not exists raw.documents (
    document_id varchar not null,
    document_key varchar not null,
    source_file varchar not null,
    source_path varchar,
    sha256 varchar not null,
    size_bytes bigint,
    file_format varchar,
    text_encoding varchar,
    status varchar not null,
    status_code varchar,
    status_message varchar,
    is_current boolean not null,
    municipality_code varchar,
    municipality_name varchar,
    municipality_source varchar,
    committee_name varchar,
    committee_source varchar,
    issuing_unit varchar,
    document_type varchar,
    document_title varchar,
    base_year integer,
    base_year_source varchar,
    page_count integer,
    line_count integer,
    digit_line_count integer,
    cell_line_count integer,
    table_count integer,
    cell_count integer,
    narrative_count integer,
    issue_count integer,
    warning_count integer,
    extractor_version varchar not null,
    options_json varchar,
    duration_ms integer,
    landed_at timestamp not null,
    superseded_at timestamp,
    superseded_by varchar,
    origin varchar  -- 'user' (ingest, build --documents) or 'bundled' (build's corpus step)
);

create table if not exists raw.pages (
    document_id varchar not null,
    page_no integer not null,
    page_kind varchar not null,
    first_line integer,
    last_line integer,
    text varchar
);

create table if not exists raw.tables (
    table_id varchar not null,
    document_id varchar not null,
    table_no integer not null,
    title varchar,
    title_line integer,
    kind varchar not null,
    unit_phrase varchar,
    unit varchar,
    header_first_line integer,
    header_last_line integer,
    first_line integer,
    last_line integer,
    source_page integer,
    years_inferred boolean,
    column_count integer,
    row_count integer,
    unit_is_inferred boolean,
    unit_note varchar
);

create table if not exists raw.columns (
    table_id varchar not null,
    document_id varchar not null,
    column_index integer not null,
    fiscal_year integer,
    year_is_inferred boolean,
    scenario_as_printed varchar,
    header_text varchar,
    header_line integer,
    x_anchor double,
    scenario varchar,
    scenario_is_inferred boolean,
    amount_kind varchar,
    reporting_entity varchar,
    period_kind varchar,
    year_source varchar
);

create table if not exists raw.rows (
    row_id varchar not null,
    table_id varchar not null,
    document_id varchar not null,
    row_index integer not null,
    row_type varchar not null,
    label varchar,
    label_first_line integer,
    label_last_line integer,
    source_line integer,
    source_page integer,
    raw_text varchar,
    value_count integer,
    alignment_method varchar,
    alignment_is_guess boolean,
    alignment_note varchar,
    split_ambiguous boolean,
    split_note varchar,
    reading_count integer,
    value_unit varchar
);

create table if not exists raw.cells (
    cell_id varchar not null,
    row_id varchar not null,
    table_id varchar not null,
    document_id varchar not null,
    column_index integer not null,
    value_as_printed varchar not null,
    value_numeric decimal(20, 4),
    decimals integer,
    is_no_value boolean not null,
    source_line integer,
    source_page integer,
    notes varchar
);

create table if not exists raw.narrative_amounts (
    narrative_id varchar not null,
    document_id varchar not null,
    amount_index integer not null,
    sentence varchar,
    context_label varchar,
    value_as_printed varchar not null,
    value_numeric decimal(20, 4) not null,
    decimals integer,
    unit_as_printed varchar,
    unit varchar not null,
    fiscal_year integer,
    year_source varchar,
    source_line integer,
    source_page integer,
    scenario varchar,
    scenario_is_inferred boolean,
    amount_kind varchar,
    is_approximate boolean
);

create table if not exists raw.indicator_tables (
    document_id varchar not null,
    region_no integer not null,
    first_line integer,
    last_line integer,
    header_lines integer[],
    note_lines integer[]
);

create table if not exists raw.indicator_values (
    indicator_value_id varchar not null,
    document_id varchar not null,
    region_no integer not null,
    row_no integer not null,
    goal_area varchar,
    indicator_label varchar not null,
    indicator_number integer,
    kolada_kpi_id varchar,
    label_first_line integer,
    label_last_line integer,
    column_label varchar,
    value_role varchar not null,
    period_year integer,
    period_year_source varchar,
    gender varchar,
    value_as_printed varchar not null,
    value_numeric decimal(20, 4),
    is_no_value boolean not null,
    unit varchar,
    qualifier varchar,
    source_line integer,
    source_last_line integer,
    source_page integer
);

create table if not exists raw.extraction_issues (
    issue_id varchar not null,
    document_id varchar not null,
    source_file varchar,
    source_line integer,
    source_page integer,
    severity varchar not null,
    code varchar not null,
    message varchar not null,
    raw_text varchar,
    table_id varchar,
    row_id varchar,
    landed_at timestamp not null
);
"""

CHILD_TABLES = (
    "pages",
    "tables",
    "columns",
    "rows",
    "cells",
    "narrative_amounts",
    "indicator_tables",
    "indicator_values",
    "extraction_issues",
)


# Columns added after a warehouse may have been created: added in place, so that a warehouse
# built by an earlier version keeps its history and lands new documents with them.
ADDED_COLUMNS = (
    ("documents", "origin", "varchar"),  # null for documents landed before it: origin unknown
    ("tables", "unit_is_inferred", "boolean"),
    ("tables", "unit_note", "varchar"),
    ("columns", "scenario", "varchar"),
    ("columns", "scenario_is_inferred", "boolean"),
    ("columns", "amount_kind", "varchar"),
    ("columns", "reporting_entity", "varchar"),
    ("columns", "period_kind", "varchar"),
    ("columns", "year_source", "varchar"),
    ("rows", "value_unit", "varchar"),
    ("narrative_amounts", "scenario", "varchar"),
    ("narrative_amounts", "scenario_is_inferred", "boolean"),
    ("narrative_amounts", "amount_kind", "varchar"),
    ("narrative_amounts", "is_approximate", "boolean"),
)


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_DDL)
    for table, column, kind in ADDED_COLUMNS:
        con.execute(f"alter table raw.{table} add column if not exists {column} {kind}")


def document_id_for(sha256: str) -> str:
    return sha256[:16]


def document_key(result: ExtractionResult) -> str:
    m = result.meta
    if m.document_type and m.base_year and m.committee_name:
        parts = [
            m.municipality_code,
            m.committee_name,
            m.issuing_unit or "",
            m.document_type,
            str(m.base_year),
        ]
        return "/".join(p.lower() for p in parts)
    return f"file:{result.source_file.lower()}"


@dataclass(frozen=True, slots=True)
class Landed:
    document_id: str
    superseded: tuple[str, ...]
    # False: landed as history only, because another version stays current (kept_current).
    is_current: bool = True
    kept_current: str | None = None


def current_version(con: duckdb.DuckDBPyConnection, key: str) -> tuple[str, str | None] | None:
    """(document_id, origin) of the current version of the document `key` names, if any."""
    row = con.execute(
        "select document_id, origin from raw.documents where document_key = ? and is_current "
        "order by landed_at desc limit 1",
        [key],
    ).fetchone()
    return (row[0], row[1]) if row else None


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _insert(con: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame, casts: dict[str, str]) -> None:
    if frame.height == 0:
        return
    con.register("_landing_frame", frame.to_arrow())
    cols = frame.columns
    select = ", ".join(f"cast({c} as {casts[c]}) as {c}" if c in casts else c for c in cols)
    con.execute(f"insert into raw.{table} ({', '.join(cols)}) select {select} from _landing_frame")
    con.unregister("_landing_frame")


def _table_records(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Iterator[dict]:
    for t in result.tables:
        yield {
            "table_id": _table_id(doc_id, t.table_no),
            "document_id": doc_id,
            "table_no": t.table_no,
            "title": t.title,
            "title_line": t.title_line,
            "kind": t.kind,
            "unit_phrase": t.unit_phrase,
            "unit": t.unit,
            "header_first_line": t.header_first_line,
            "header_last_line": t.header_last_line,
            "first_line": t.first_line,
            "last_line": t.last_line,
            "source_page": t.source_page,
            "years_inferred": t.years_inferred,
            "column_count": len(t.columns),
            "row_count": len(t.rows),
            "unit_is_inferred": t.unit_is_inferred,
            "unit_note": t.unit_note,
        }


def _column_records(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Iterator[dict]:
    for t in result.tables:
        for c in t.columns:
            yield {
                "table_id": _table_id(doc_id, t.table_no),
                "document_id": doc_id,
                "column_index": c.column_index,
                "fiscal_year": c.fiscal_year,
                "year_is_inferred": c.year_is_inferred,
                "scenario_as_printed": c.scenario_as_printed,
                "header_text": c.header_text,
                "header_line": c.header_line,
                "x_anchor": c.x_anchor,
                "scenario": c.scenario,
                "scenario_is_inferred": c.scenario_is_inferred,
                "amount_kind": c.amount_kind,
                "reporting_entity": c.reporting_entity,
                "period_kind": c.period_kind,
                "year_source": c.year_source,
            }


def _row_records(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Iterator[dict]:
    for t in result.tables:
        table_id = _table_id(doc_id, t.table_no)
        for r in t.rows:
            yield {
                "row_id": f"{table_id}-r{r.row_index:03d}",
                "table_id": table_id,
                "document_id": doc_id,
                "row_index": r.row_index,
                "row_type": r.row_type,
                "label": r.label,
                "label_first_line": r.label_first_line,
                "label_last_line": r.label_last_line,
                "source_line": r.source_line,
                "source_page": r.source_page,
                "raw_text": r.raw_text,
                "value_count": len(r.cells),
                "alignment_method": r.alignment_method,
                "alignment_is_guess": r.alignment_is_guess,
                "alignment_note": r.alignment_note,
                "split_ambiguous": r.split_ambiguous,
                "split_note": r.split_note,
                "reading_count": r.reading_count,
                "value_unit": r.value_unit,
            }


def _cell_records(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Iterator[dict]:
    for t in result.tables:
        table_id = _table_id(doc_id, t.table_no)
        for r in t.rows:
            row_id = f"{table_id}-r{r.row_index:03d}"
            for c in r.cells:
                yield {
                    "cell_id": f"{row_id}-c{c.column_index:02d}",
                    "row_id": row_id,
                    "table_id": table_id,
                    "document_id": doc_id,
                    "column_index": c.column_index,
                    "value_as_printed": c.value_as_printed,
                    "value_numeric": None if c.value_numeric is None else str(c.value_numeric),
                    "decimals": c.decimals,
                    "is_no_value": c.is_no_value,
                    "source_line": c.source_line,
                    "source_page": c.source_page,
                    "notes": ",".join(c.notes) or None,
                }


def _narrative_records(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Iterator[dict]:
    for n in result.narratives:
        yield {
            "narrative_id": f"{doc_id}-n{n.amount_index:04d}",
            "document_id": doc_id,
            "amount_index": n.amount_index,
            "sentence": n.sentence,
            "context_label": n.context_label,
            "value_as_printed": n.value_as_printed,
            "value_numeric": str(n.value_numeric),
            "decimals": n.decimals,
            "unit_as_printed": n.unit_as_printed,
            "unit": n.unit,
            "fiscal_year": n.fiscal_year,
            "year_source": n.year_source,
            "source_line": n.source_line,
            "source_page": n.source_page,
            "scenario": n.scenario,
            "scenario_is_inferred": n.scenario_is_inferred,
            "amount_kind": n.amount_kind,
            "is_approximate": n.is_approximate,
        }


def _issue_records(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Iterator[dict]:
    for no, i in enumerate(result.issues, start=1):
        table_id = _table_id(doc_id, i.table_no) if i.table_no else None
        yield {
            "issue_id": f"{doc_id}-i{no:05d}",
            "document_id": doc_id,
            "source_file": result.source_file,
            "source_line": i.source_line,
            "source_page": i.source_page,
            "severity": i.severity,
            "code": i.code,
            "message": i.message,
            "raw_text": i.raw_text,
            "table_id": table_id,
            "row_id": f"{table_id}-r{i.row_index:03d}" if table_id and i.row_index is not None else None,
            "landed_at": landed_at,
        }


def _indicator_table_records(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Iterator[dict]:
    for r in result.indicator_regions:
        yield {
            "document_id": doc_id,
            "region_no": r.region_no,
            "first_line": r.first_line,
            "last_line": r.last_line,
            "header_lines": list(r.header_lines),
            "note_lines": list(r.note_lines),
        }


def _indicator_value_records(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Iterator[dict]:
    for k, v in _numbered(result.indicators):
        yield {
            "indicator_value_id": f"{doc_id}-k{v.region_no:02d}-{v.row_no:03d}-{k:02d}",
            "document_id": doc_id,
            "region_no": v.region_no,
            "row_no": v.row_no,
            "goal_area": v.goal_area,
            "indicator_label": v.indicator_label,
            "indicator_number": v.indicator_number,
            "kolada_kpi_id": v.kolada_kpi_id,
            "label_first_line": v.label_first_line,
            "label_last_line": v.label_last_line,
            "column_label": v.column_label,
            "value_role": v.value_role,
            "period_year": v.period_year,
            "period_year_source": v.period_year_source,
            "gender": v.gender,
            "value_as_printed": v.value_as_printed,
            "value_numeric": None if v.value_numeric is None else str(v.value_numeric),
            "is_no_value": v.is_no_value,
            "unit": v.unit,
            "qualifier": v.qualifier,
            "source_line": v.source_line,
            "source_last_line": v.source_last_line,
            "source_page": v.source_page,
        }


def _page_records(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Iterator[dict]:
    for p in result.pages:
        yield {
            "document_id": doc_id,
            "page_no": p.page_no,
            "page_kind": p.kind,
            "first_line": p.first_line,
            "last_line": p.last_line,
            "text": p.text,
        }


def _table_id(doc_id: str, table_no: int) -> str:
    return f"{doc_id}-t{table_no:03d}"


_DECIMAL = {"value_numeric": "decimal(20, 4)"}
# The records each raw table below raw.documents gets from a result, and the casts DuckDB
# applies while inserting (amounts travel as text so no digit is lost on the way).
_RECORDS = {
    "pages": (_page_records, {}),
    "tables": (_table_records, {}),
    "columns": (_column_records, {}),
    "rows": (_row_records, {}),
    "cells": (_cell_records, _DECIMAL),
    "narrative_amounts": (_narrative_records, _DECIMAL),
    "indicator_tables": (_indicator_table_records, {}),
    "indicator_values": (_indicator_value_records, _DECIMAL),
    "extraction_issues": (_issue_records, {}),
}
# Records per insert: memory for landing stays flat however large a document is.
LANDING_BATCH = 20_000
# Columns whose type polars cannot infer from a batch where every value is null.
_SCHEMAS = {
    "value_numeric": pl.Utf8,
    "period_year": pl.Int64,
    "indicator_number": pl.Int64,
    "kolada_kpi_id": pl.Utf8,
    "goal_area": pl.Utf8,
    "gender": pl.Utf8,
    "unit": pl.Utf8,
    "qualifier": pl.Utf8,
    "header_lines": pl.List(pl.Int64),
    "note_lines": pl.List(pl.Int64),
    "x_anchor": pl.Float64,
    "source_page": pl.Int64,
    "fiscal_year": pl.Int64,
    "scenario": pl.Utf8,
    "scenario_as_printed": pl.Utf8,
    "value_unit": pl.Utf8,
    "unit_note": pl.Utf8,
    "unit_phrase": pl.Utf8,
}


def _frame(records: list[dict]) -> pl.DataFrame:
    overrides = {k: v for k, v in _SCHEMAS.items() if k in records[0]}
    return pl.DataFrame(records, schema_overrides=overrides, infer_schema_length=None)


def _land_children(con: duckdb.DuckDBPyConnection, result: ExtractionResult, doc_id: str, landed_at) -> None:
    """Insert every raw table's rows of one document, a batch at a time."""
    for table in CHILD_TABLES:
        records, casts = _RECORDS[table]
        stream = records(result, doc_id, landed_at)
        while batch := list(itertools.islice(stream, LANDING_BATCH)):
            _insert(con, table, _frame(batch), casts)


def _numbered(values) -> list[tuple[int, object]]:
    """Number each indicator row's values 1, 2, … (a stable part of their id)."""
    out, seen = [], {}
    for v in values:
        key = (v.region_no, v.row_no)
        seen[key] = seen.get(key, 0) + 1
        out.append((seen[key], v))
    return out


def _delete_children(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    for table in CHILD_TABLES:
        con.execute(f"delete from raw.{table} where document_id = ?", [doc_id])


def _delete_document(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    """A document's rows and its own row in raw.documents, before it is written again."""
    _delete_children(con, doc_id)
    con.execute("delete from raw.documents where document_id = ?", [doc_id])


@contextlib.contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One document's writes: all of them, or (on any error or interruption) none."""
    con.execute("begin transaction")
    try:
        yield
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def land_result(
    con: duckdb.DuckDBPyConnection,
    result: ExtractionResult,
    extractor_version: str,
    options: dict | None = None,
    *,
    origin: str = "user",
    keep_current: str | None = None,
) -> Landed:
    """Land one document's result in one transaction; supersede the previous version.

    With ``keep_current`` (the id of the version that must stay current), the document lands as
    history only: its row in raw.documents, superseded by that version, and none of its rows.
    """
    doc_id = document_id_for(result.sha256)
    if keep_current is not None and keep_current != doc_id:
        return _land_as_history(con, result, extractor_version, options, origin, keep_current)
    key = document_key(result)
    landed_at = _now()
    warnings = sum(1 for i in result.issues if i.severity == "warning")
    with _transaction(con):
        previous = [
            r[0]
            for r in con.execute(
                "select document_id from raw.documents "
                "where document_key = ? and is_current and document_id <> ?",
                [key, doc_id],
            ).fetchall()
        ]
        for old in previous:
            _delete_children(con, old)
            con.execute(
                "update raw.documents set is_current = false, superseded_at = ?, superseded_by = ? "
                "where document_id = ?",
                [landed_at, doc_id, old],
            )
        _delete_document(con, doc_id)
        m = result.meta
        con.execute(
            """
            insert into raw.documents values (
                ?, ?, ?, ?, ?, ?, ?, ?, 'landed', null, null, true, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null, ?)
            """,
            [
                doc_id,
                key,
                result.source_file,
                result.source_path,
                result.sha256,
                result.size_bytes,
                result.file_format,
                result.encoding,
                m.municipality_code,
                m.municipality_name,
                m.municipality_source,
                m.committee_name,
                m.committee_source,
                m.issuing_unit,
                m.document_type,
                m.document_title,
                m.base_year,
                m.base_year_source,
                len(result.pages),
                result.line_count,
                result.digit_line_count,
                result.stats.get("cell_lines", 0),
                len(result.tables),
                result.cell_count,
                len(result.narratives),
                len(result.issues),
                warnings,
                extractor_version,
                json.dumps(options or {}, sort_keys=True),
                result.duration_ms,
                landed_at,
                origin,
            ],
        )
        _land_children(con, result, doc_id, landed_at)
    return Landed(doc_id, tuple(previous))


def _land_as_history(
    con: duckdb.DuckDBPyConnection,
    result: ExtractionResult,
    extractor_version: str,
    options: dict | None,
    origin: str,
    current: str,
) -> Landed:
    """The document's row only, superseded at once by `current`: a version that must not replace
    the current one (an older version given first, a bundled copy of a document a user corrected)
    is kept in the history, and a later `build` recognises its bytes and leaves it there."""
    doc_id = document_id_for(result.sha256)
    now = _now()
    m = result.meta
    with _transaction(con):
        _delete_document(con, doc_id)
        con.execute(
            """
            insert into raw.documents (
                document_id, document_key, source_file, source_path, sha256, size_bytes, file_format,
                text_encoding, status, is_current, municipality_code, municipality_name, committee_name,
                issuing_unit, document_type, base_year, page_count, line_count, extractor_version,
                options_json, landed_at, superseded_at, superseded_by, origin
            ) values (?, ?, ?, ?, ?, ?, ?, ?, 'landed', false, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                doc_id,
                document_key(result),
                result.source_file,
                result.source_path,
                result.sha256,
                result.size_bytes,
                result.file_format,
                result.encoding,
                m.municipality_code,
                m.municipality_name,
                m.committee_name,
                m.issuing_unit,
                m.document_type,
                m.base_year,
                len(result.pages),
                result.line_count,
                extractor_version,
                json.dumps(options or {}, sort_keys=True),
                now,
                now,
                current,
                origin,
            ],
        )
    return Landed(doc_id, (), is_current=False, kept_current=current)


def remove_document(con: duckdb.DuckDBPyConnection, doc_id: str, note: str) -> None:
    """Take a document out of the warehouse: its rows go, its row in raw.documents stays as
    history (status 'removed'). No other version becomes current by this."""
    with _transaction(con):
        _delete_children(con, doc_id)
        con.execute(
            "update raw.documents set status = 'removed', is_current = false, status_code = 'removed', "
            "status_message = ?, superseded_at = ? where document_id = ?",
            [note, _now(), doc_id],
        )


def record_failure(
    con: duckdb.DuckDBPyConnection,
    *,
    source_file: str,
    source_path: str,
    sha256: str,
    size_bytes: int,
    code: str,
    message: str,
    extractor_version: str,
    options: dict | None = None,
) -> str:
    """Record a document that could not be landed; any earlier good version stays current.

    When these very bytes are landed already (read before with other options, say), the failed
    attempt changes nothing: the landed rows stay, and only the command reports the failure.
    """
    doc_id = document_id_for(sha256)
    landed = con.execute(
        "select 1 from raw.documents where document_id = ? and status = 'landed'", [doc_id]
    ).fetchone()
    if landed is not None:
        return doc_id
    now = _now()
    with _transaction(con):
        _delete_document(con, doc_id)
        con.execute(
            """
            insert into raw.documents (
                document_id, document_key, source_file, source_path, sha256, size_bytes, status,
                status_code, status_message, is_current, extractor_version, options_json, landed_at
            ) values (?, ?, ?, ?, ?, ?, 'failed', ?, ?, false, ?, ?, ?)
            """,
            [
                doc_id,
                f"file:{source_file.lower()}",
                source_file,
                source_path,
                sha256,
                size_bytes,
                code,
                message,
                extractor_version,
                json.dumps(options or {}, sort_keys=True),
                now,
            ],
        )
        con.execute(
            "insert into raw.extraction_issues (issue_id, document_id, source_file, severity, code, "
            "message, landed_at) values (?, ?, ?, 'error', ?, ?, ?)",
            [f"{doc_id}-i00000", doc_id, source_file, code, message, now],
        )
    return doc_id


def is_unchanged(con: duckdb.DuckDBPyConnection, doc_id: str, extractor_version: str, options: dict) -> bool:
    """Is this exact document already landed and current, by this extractor, with these options?"""
    row = con.execute(
        "select status, is_current, extractor_version, options_json from raw.documents where document_id = ?",
        [doc_id],
    ).fetchone()
    if row is None:
        return False
    status, current, version, opts = row
    # Ingested again without options (a plain build over the same files), bytes that were landed
    # with options (--municipality) keep what those options said.
    same_options = not options or opts == json.dumps(options, sort_keys=True)
    return status == "landed" and current and version == extractor_version and same_options
