"""The ``raw`` schema, derived from the records that the extractor lands (extract/model.py).

A raw table is the ids the landing gives a record (``document_id``, ``table_id``, ...) followed
by the record's own fields, in the record's order, with SQL types from the fields' Python types:
``str`` varchar, ``int`` integer, ``bool`` boolean, ``float`` double, ``Decimal`` decimal(20, 4),
``datetime`` timestamp, ``tuple[int, ...]`` integer[]. A field that holds the records of a child
table (a table's rows) lands as their count; a tuple of notes lands as one comma-separated text.
The DDL, the Arrow schema of a landing batch and the insert are all generated from this, so a
field added to a record is a column of its raw table, in new warehouses and (appended) in old ones.

Amounts travel as text and DuckDB casts them to decimal(20, 4) while inserting, so no digit is
lost on the way through a float.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from operator import attrgetter
from typing import Any

import pyarrow as pa

from .indicators import IndicatorRegion, IndicatorValue
from .model import (
    CellRecord,
    ColumnRecord,
    IssueRecord,
    NarrativeRecord,
    PageText,
    RowRecord,
    TableRecord,
)

DECIMAL = "decimal(20, 4)"
_SQL_TYPES: dict[type, str] = {
    str: "varchar",
    bool: "boolean",
    int: "integer",
    float: "double",
    Decimal: DECIMAL,
    datetime: "timestamp",
}
_ARROW_TYPES: dict[str, pa.DataType] = {
    "varchar": pa.string(),
    "boolean": pa.bool_(),
    "integer": pa.int32(),
    "bigint": pa.int64(),
    "double": pa.float64(),
    DECIMAL: pa.string(),  # cast by DuckDB on insert (see the module's docstring)
    "timestamp": pa.timestamp("us"),
    "integer[]": pa.list_(pa.int32()),
}


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    sql_type: str
    not_null: bool = False
    # The record's field it is read from; None for what the landing gives (ids, landed_at).
    field: str | None = None
    convert: Callable[[Any], Any] | None = None  # field value -> landed value

    @property
    def ddl(self) -> str:
        return f"{self.name} {self.sql_type}" + (" not null" if self.not_null else "")

    @property
    def select(self) -> str:
        """The column in the insert's select list: amounts are cast from their text."""
        return f"cast({self.name} as {DECIMAL}) as {self.name}" if self.sql_type == DECIMAL else self.name


@dataclass(frozen=True, slots=True)
class RawTable:
    name: str
    columns: tuple[Column, ...]

    @property
    def ddl(self) -> str:
        body = ",\n".join(f"    {c.ddl}" for c in self.columns)
        return f"create table if not exists raw.{self.name} (\n{body}\n)"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def arrow(self, given: list[Mapping[str, Any]], records: list[Any]) -> pa.Table:
        """One landing batch as an Arrow table: ``given[i]`` holds the ids of ``records[i]``."""
        arrays = []
        for c in self.columns:
            if c.field is None:
                values = [g[c.name] for g in given]
            else:
                get = attrgetter(c.field)
                values = [get(r) for r in records]
                if c.convert is not None:
                    values = [c.convert(v) for v in values]
            arrays.append(pa.array(values, type=_ARROW_TYPES[c.sql_type]))
        return pa.Table.from_arrays(arrays, names=list(self.column_names))


def given(name: str, sql_type: str = "varchar", *, not_null: bool = True) -> Column:
    """A column whose value the landing gives (an id, the landing time), not the record."""
    return Column(name, sql_type, not_null)


def fields(
    record: type,
    *,
    only: Iterable[str] | None = None,
    not_null: Iterable[str] = (),
    renamed: Mapping[str, str] | None = None,
    counted: Mapping[str, str] | None = None,
    sql_types: Mapping[str, str] | None = None,
) -> tuple[Column, ...]:
    """The columns of a record's fields, in its order (or in the order of ``only``).

    ``renamed`` lands a field under another name, ``counted`` lands a field of child records as
    their count under the name given, ``sql_types`` overrides the type a Python type maps to.
    """
    hints = typing.get_type_hints(record)
    names = [f.name for f in dataclasses.fields(record)] if only is None else list(only)
    renamed, counted, sql_types = renamed or {}, counted or {}, sql_types or {}
    required = set(not_null)
    out = []
    for name in names:
        column = counted.get(name) or renamed.get(name, name)
        sql_type, convert = _landed_as(hints[name], counted=name in counted)
        out.append(Column(column, sql_types.get(name, sql_type), name in required, name, convert))
    return tuple(out)


def _landed_as(hint: Any, *, counted: bool) -> tuple[str, Callable[[Any], Any] | None]:
    """(SQL type, converter) of a field of Python type ``hint``."""
    if counted:
        return "integer", len
    base = _without_none(hint)
    if typing.get_origin(base) is tuple:
        item = typing.get_args(base)[0]
        if item is int:
            return "integer[]", None
        if item is str:
            return "varchar", _joined
        raise TypeError(f"a tuple of {item} lands only as a count (counted=...)")
    if base is Decimal:
        return DECIMAL, _text
    return _SQL_TYPES[base], None


def _without_none(hint: Any) -> Any:
    """``int | None`` -> ``int``: every column is nullable unless listed as not null."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        (base,) = (a for a in typing.get_args(hint) if a is not type(None))
        return base
    return hint


def _joined(notes: tuple[str, ...]) -> str | None:
    return ",".join(notes) or None


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


# ---- what a document version is -------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentRow:
    """One row of raw.documents: a document version ever ingested, landed or failed."""

    document_id: str
    document_key: str
    source_file: str
    source_path: str | None = None
    sha256: str
    size_bytes: int | None = None
    file_format: str | None = None
    text_encoding: str | None = None
    status: str  # landed | failed | removed
    status_code: str | None = None
    status_message: str | None = None
    is_current: bool
    municipality_code: str | None = None
    municipality_name: str | None = None
    municipality_source: str | None = None
    committee_name: str | None = None
    committee_source: str | None = None
    issuing_unit: str | None = None
    document_type: str | None = None
    document_title: str | None = None
    base_year: int | None = None
    base_year_source: str | None = None
    page_count: int | None = None
    line_count: int | None = None
    digit_line_count: int | None = None
    cell_line_count: int | None = None
    table_count: int | None = None
    cell_count: int | None = None
    narrative_count: int | None = None
    issue_count: int | None = None
    warning_count: int | None = None
    extractor_version: str
    options_json: str | None = None
    duration_ms: int | None = None
    landed_at: datetime
    superseded_at: datetime | None = None
    superseded_by: str | None = None
    origin: str | None = None  # 'user' (ingest, build --documents) or 'bundled' (build's corpus step)


# ---- the raw tables -------------------------------------------------------------------------

DOCUMENTS = RawTable(
    "documents",
    fields(
        DocumentRow,
        not_null=(
            "document_id",
            "document_key",
            "source_file",
            "sha256",
            "status",
            "is_current",
            "extractor_version",
            "landed_at",
        ),
        sql_types={"size_bytes": "bigint"},
    ),
)
PAGES = RawTable(
    "pages",
    (given("document_id"), *fields(PageText, not_null=("page_no", "kind"), renamed={"kind": "page_kind"})),
)
TABLES = RawTable(
    "tables",
    (
        given("table_id"),
        given("document_id"),
        *fields(
            TableRecord,
            not_null=("table_no", "kind"),
            counted={"columns": "column_count", "rows": "row_count"},
        ),
    ),
)
COLUMNS = RawTable(
    "columns",
    (given("table_id"), given("document_id"), *fields(ColumnRecord, not_null=("column_index",))),
)
ROWS = RawTable(
    "rows",
    (
        given("row_id"),
        given("table_id"),
        given("document_id"),
        *fields(RowRecord, not_null=("row_index", "row_type"), counted={"cells": "value_count"}),
    ),
)
CELLS = RawTable(
    "cells",
    (
        given("cell_id"),
        given("row_id"),
        given("table_id"),
        given("document_id"),
        *fields(CellRecord, not_null=("column_index", "value_as_printed", "is_no_value")),
    ),
)
NARRATIVE_AMOUNTS = RawTable(
    "narrative_amounts",
    (
        given("narrative_id"),
        given("document_id"),
        *fields(NarrativeRecord, not_null=("amount_index", "value_as_printed", "value_numeric", "unit")),
    ),
)
INDICATOR_TABLES = RawTable(
    "indicator_tables",
    (given("document_id"), *fields(IndicatorRegion, not_null=("region_no",))),
)
INDICATOR_VALUES = RawTable(
    "indicator_values",
    (
        given("indicator_value_id"),
        given("document_id"),
        *fields(
            IndicatorValue,
            not_null=(
                "region_no",
                "row_no",
                "indicator_label",
                "value_role",
                "value_as_printed",
                "is_no_value",
            ),
        ),
    ),
)
# The issue's place in the document first, as its readers scan it; its table and row as ids.
EXTRACTION_ISSUES = RawTable(
    "extraction_issues",
    (
        given("issue_id"),
        given("document_id"),
        given("source_file", not_null=False),
        *fields(
            IssueRecord,
            only=("source_line", "source_page", "severity", "code", "message", "raw_text"),
            not_null=("severity", "code", "message"),
        ),
        given("table_id", not_null=False),
        given("row_id", not_null=False),
        given("landed_at", "timestamp"),
    ),
)

# Every raw table below raw.documents holds rows of one document version: its current one.
CHILDREN: tuple[RawTable, ...] = (
    PAGES,
    TABLES,
    COLUMNS,
    ROWS,
    CELLS,
    NARRATIVE_AMOUNTS,
    INDICATOR_TABLES,
    INDICATOR_VALUES,
    EXTRACTION_ISSUES,
)
RAW_TABLES: tuple[RawTable, ...] = (DOCUMENTS, *CHILDREN)
CHILD_TABLES: tuple[str, ...] = tuple(t.name for t in CHILDREN)
