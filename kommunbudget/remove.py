"""`kommunbudget remove`: take documents out of the warehouse, keeping their history."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from extract.landing import document_id_for, ensure_raw_schema, remove_document

from .errors import UsageError

_DOCUMENT_ID = re.compile(r"^[0-9a-f]{16}$")


def _document_id(given: str) -> str:
    """A document_id as given, or the id of the file at that path (its bytes decide)."""
    path = Path(given)
    if path.is_file():
        return document_id_for(hashlib.sha256(path.read_bytes()).hexdigest())
    if _DOCUMENT_ID.match(given):
        return given
    raise UsageError(f"{given}: neither a document_id (16 hex digits) nor the path of a file")


def remove_documents(con: duckdb.DuckDBPyConnection, given: list[str]) -> list[dict]:
    ensure_raw_schema(con)
    found = []
    for item in given:
        doc_id = _document_id(item)
        row = con.execute(
            "select document_id, source_file, status from raw.documents where document_id = ?", [doc_id]
        ).fetchone()
        if row is None:
            raise UsageError(
                f"{item}: no document {doc_id} in the warehouse (see raw.documents); nothing removed"
            )
        found.append(row)
    removed = []
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    for doc_id, source_file, status in found:
        if status != "removed":
            remove_document(con, doc_id, f"removed with `kommunbudget remove` at {stamp} (was {status})")
        removed.append({"document_id": doc_id, "source_file": source_file, "was": status})
    return removed
