"""Land extraction results into the DuckDB ``raw`` schema: one transaction per document.

A document's identity is its bytes (``document_id`` = the first 16 hex digits of its sha256).
Its *key* says which document it is a version of: municipality, committee, office, type and
base year when they are known, else its file name. Landing a new version deletes the rows of
the previous current version and keeps that version's row in ``raw.documents`` as history.

The raw tables and their columns come from the records (extract/raw.py). Each table's rows go
in batches of LANDING_BATCH records, one Arrow table and one insert per batch, so that the
memory landing takes stays flat however large a document is.
"""

from __future__ import annotations

import contextlib
import dataclasses
import itertools
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb

from .model import ExtractionResult, IssueRecord
from .raw import CHILD_TABLES, CHILDREN, DOCUMENTS, EXTRACTION_ISSUES, RAW_TABLES, DocumentRow, RawTable

# Records per insert: memory for landing stays flat however large a document is.
LANDING_BATCH = 20_000

# What a landing batch is: each record with the ids the landing gives it.
Given = Mapping[str, Any]
Rows = Iterator[tuple[Given, Any]]


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables; add the columns a warehouse built by an earlier version lacks
    (appended, nullable: its history stays, and new documents land with them)."""
    con.execute("create schema if not exists raw")
    for table in RAW_TABLES:
        con.execute(table.ddl)
    existing = set(
        con.execute(
            "select table_name, column_name from duckdb_columns() "
            "where database_name = current_database() and schema_name = 'raw'"
        ).fetchall()
    )
    for table in RAW_TABLES:
        for c in table.columns:
            if (table.name, c.name) not in existing:
                con.execute(f"alter table raw.{table.name} add column {c.name} {c.sql_type}")


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All of the writes inside, or (on any error or interruption) none of them."""
    con.execute("begin transaction")
    try:
        yield con
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


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


# ---- inserting --------------------------------------------------------------------------------


def _insert(con: duckdb.DuckDBPyConnection, table: RawTable, given: list[Given], records: list[Any]) -> None:
    """One batch of records into its raw table: one Arrow table, one insert."""
    con.register("_landing_batch", table.arrow(given, records))
    try:
        columns = ", ".join(table.column_names)
        select = ", ".join(c.select for c in table.columns)
        con.execute(f"insert into raw.{table.name} ({columns}) select {select} from _landing_batch")
    finally:
        con.unregister("_landing_batch")


def _land_rows(con: duckdb.DuckDBPyConnection, table: RawTable, rows: Rows) -> None:
    while batch := list(itertools.islice(rows, LANDING_BATCH)):
        _insert(con, table, [g for g, _ in batch], [r for _, r in batch])
        del batch  # before the next batch is read: one batch in memory at a time


def _insert_document(con: duckdb.DuckDBPyConnection, row: DocumentRow) -> None:
    _insert(con, DOCUMENTS, [{}], [row])


def _insert_issue(
    con: duckdb.DuckDBPyConnection, doc_id: str, source_file: str, code: str, message: str, at: datetime
) -> None:
    """The one error that says why a document is not landed (issue number 0)."""
    given = {
        "issue_id": f"{doc_id}-i00000",
        "document_id": doc_id,
        "source_file": source_file,
        "table_id": None,
        "row_id": None,
        "landed_at": at,
    }
    _insert(con, EXTRACTION_ISSUES, [given], [IssueRecord("error", code, message)])


# ---- the rows of one document, with their ids -------------------------------------------------


def _table_id(doc_id: str, table_no: int) -> str:
    return f"{doc_id}-t{table_no:03d}"


def _row_id(table_id: str, row_index: int) -> str:
    return f"{table_id}-r{row_index:03d}"


def _pages(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Rows:
    given = {"document_id": doc_id}
    for p in result.pages:
        yield given, p


def _tables(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Rows:
    for t in result.tables:
        yield {"table_id": _table_id(doc_id, t.table_no), "document_id": doc_id}, t


def _columns(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Rows:
    for t in result.tables:
        given = {"table_id": _table_id(doc_id, t.table_no), "document_id": doc_id}
        for c in t.columns:
            yield given, c


def _rows(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Rows:
    for t in result.tables:
        table_id = _table_id(doc_id, t.table_no)
        for r in t.rows:
            yield {"row_id": _row_id(table_id, r.row_index), "table_id": table_id, "document_id": doc_id}, r


def _cells(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Rows:
    for t in result.tables:
        table_id = _table_id(doc_id, t.table_no)
        for r in t.rows:
            row_id = _row_id(table_id, r.row_index)
            for c in r.cells:
                cell_id = f"{row_id}-c{c.column_index:02d}"
                yield {"cell_id": cell_id, "row_id": row_id, "table_id": table_id, "document_id": doc_id}, c


def _narrative_amounts(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Rows:
    for n in result.narratives:
        yield {"narrative_id": f"{doc_id}-n{n.amount_index:04d}", "document_id": doc_id}, n


def _indicator_tables(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Rows:
    given = {"document_id": doc_id}
    for r in result.indicator_regions:
        yield given, r


def _indicator_values(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Rows:
    seen: dict[tuple[int, int], int] = {}
    for v in result.indicators:
        # Each indicator row's values are numbered 1, 2, …: a stable part of their id.
        k = seen[v.region_no, v.row_no] = seen.get((v.region_no, v.row_no), 0) + 1
        value_id = f"{doc_id}-k{v.region_no:02d}-{v.row_no:03d}-{k:02d}"
        yield {"indicator_value_id": value_id, "document_id": doc_id}, v


def _extraction_issues(result: ExtractionResult, doc_id: str, landed_at: datetime) -> Rows:
    for no, i in enumerate(result.issues, start=1):
        table_id = _table_id(doc_id, i.table_no) if i.table_no else None
        given = {
            "issue_id": f"{doc_id}-i{no:05d}",
            "document_id": doc_id,
            "source_file": result.source_file,
            "table_id": table_id,
            "row_id": _row_id(table_id, i.row_index) if table_id and i.row_index is not None else None,
            "landed_at": landed_at,
        }
        yield given, i


_ROWS: dict[str, Callable[[ExtractionResult, str, datetime], Rows]] = {
    "pages": _pages,
    "tables": _tables,
    "columns": _columns,
    "rows": _rows,
    "cells": _cells,
    "narrative_amounts": _narrative_amounts,
    "indicator_tables": _indicator_tables,
    "indicator_values": _indicator_values,
    "extraction_issues": _extraction_issues,
}


def _land_children(
    con: duckdb.DuckDBPyConnection, result: ExtractionResult, doc_id: str, landed_at: datetime
) -> None:
    """Insert every raw table's rows of one document, a batch at a time."""
    for table in CHILDREN:
        _land_rows(con, table, _ROWS[table.name](result, doc_id, landed_at))


# ---- one document -----------------------------------------------------------------------------


def _delete_children(con: duckdb.DuckDBPyConnection, doc_ids: Iterable[str]) -> None:
    for doc_id in doc_ids:
        for table in CHILD_TABLES:
            con.execute(f"delete from raw.{table} where document_id = ?", [doc_id])


def _delete_document(con: duckdb.DuckDBPyConnection, doc_id: str) -> None:
    """A document's rows and its own row in raw.documents, before it is written again."""
    _delete_children(con, [doc_id])
    con.execute("delete from raw.documents where document_id = ?", [doc_id])


def _document_row(
    result: ExtractionResult, extractor_version: str, options: dict | None, landed_at: datetime, **status: Any
) -> DocumentRow:
    """What raw.documents says of a version read: its file, what was detected, what was found."""
    return DocumentRow(
        document_id=document_id_for(result.sha256),
        document_key=document_key(result),
        source_file=result.source_file,
        source_path=result.source_path,
        sha256=result.sha256,
        size_bytes=result.size_bytes,
        file_format=result.file_format,
        text_encoding=result.encoding,
        **dataclasses.asdict(result.meta),
        page_count=len(result.pages),
        line_count=result.line_count,
        digit_line_count=result.digit_line_count,
        cell_line_count=result.stats.get("cell_lines", 0),
        table_count=len(result.tables),
        cell_count=result.cell_count,
        narrative_count=len(result.narratives),
        issue_count=len(result.issues),
        warning_count=sum(1 for i in result.issues if i.severity == "warning"),
        extractor_version=extractor_version,
        options_json=_options_json(options),
        duration_ms=result.duration_ms,
        landed_at=landed_at,
        **status,
    )


def _options_json(options: dict | None) -> str:
    return json.dumps(options or {}, sort_keys=True)


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
    history only: its row in raw.documents, superseded by that version, and none of its rows. A
    version that must not replace the current one (an older version given first, a bundled copy
    of a document a user corrected) is so kept in the history, and a later `build` recognises its
    bytes and leaves it there.
    """
    doc_id = document_id_for(result.sha256)
    landed_at = _now()
    if keep_current is not None and keep_current != doc_id:
        row = _document_row(
            result,
            extractor_version,
            options,
            landed_at,
            status="landed",
            is_current=False,
            superseded_at=landed_at,
            superseded_by=keep_current,
            origin=origin,
        )
        with transaction(con):
            _delete_document(con, doc_id)
            _insert_document(con, row)
        return Landed(doc_id, (), is_current=False, kept_current=keep_current)
    row = _document_row(
        result, extractor_version, options, landed_at, status="landed", is_current=True, origin=origin
    )
    with transaction(con):
        previous = [
            r[0]
            for r in con.execute(
                "select document_id from raw.documents "
                "where document_key = ? and is_current and document_id <> ?",
                [row.document_key, doc_id],
            ).fetchall()
        ]
        _delete_children(con, previous)
        for old in previous:
            con.execute(
                "update raw.documents set is_current = false, superseded_at = ?, superseded_by = ? "
                "where document_id = ?",
                [landed_at, doc_id, old],
            )
        _delete_document(con, doc_id)
        _insert_document(con, row)
        _land_children(con, result, doc_id, landed_at)
    return Landed(doc_id, tuple(previous))


def remove_document(con: duckdb.DuckDBPyConnection, doc_id: str, note: str) -> None:
    """Take a document out of the warehouse: its rows go, its row in raw.documents stays as
    history (status 'removed'). No other version becomes current by this."""
    with transaction(con):
        _delete_children(con, [doc_id])
        con.execute(
            "update raw.documents set status = 'removed', is_current = false, status_code = 'removed', "
            "status_message = ?, superseded_at = ? where document_id = ?",
            [note, _now(), doc_id],
        )


def reject_document(
    con: duckdb.DuckDBPyConnection, doc_id: str, source_file: str, code: str, message: str
) -> None:
    """Within the caller's transaction: a landed document's rows go, and it is recorded as failed
    with the reason (its row in raw.documents and the error among its issues)."""
    _delete_children(con, [doc_id])
    con.execute(
        "update raw.documents set status = 'failed', is_current = false, "
        "status_code = ?, status_message = ? where document_id = ?",
        [code, message, doc_id],
    )
    _insert_issue(con, doc_id, source_file, code, message, _now())


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
    row = DocumentRow(
        document_id=doc_id,
        document_key=f"file:{source_file.lower()}",
        source_file=source_file,
        source_path=source_path,
        sha256=sha256,
        size_bytes=size_bytes,
        status="failed",
        status_code=code,
        status_message=message,
        is_current=False,
        extractor_version=extractor_version,
        options_json=_options_json(options),
        landed_at=now,
    )
    with transaction(con):
        _delete_document(con, doc_id)
        _insert_document(con, row)
        _insert_issue(con, doc_id, source_file, code, message, now)
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
    same_options = not options or opts == _options_json(options)
    return status == "landed" and current and version == extractor_version and same_options
