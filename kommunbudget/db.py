"""Every DuckDB connection the CLI opens, and what its errors mean for the user.

The CLI never reaches the network: DuckDB would otherwise try to download an extension for a
file it does not recognise (a SQLite file passed as --db), so auto-loading and auto-installing
extensions is off in every connection.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import duckdb

OFFLINE = {"autoload_known_extensions": False, "autoinstall_known_extensions": False}


def connect(path: Path | str, read_only: bool = False, **config: Any) -> duckdb.DuckDBPyConnection:
    """A connection to close after use: ``with connect(path) as con: ...``."""
    return duckdb.connect(str(path), read_only=read_only, config={**OFFLINE, **config})


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """The one value of a query that returns one row (an aggregate, ``count(*)``)."""
    row = con.execute(sql, params).fetchone()
    assert row is not None, sql
    return row[0]


# What DuckDB says when the disk or filesystem refuses a write (its errors carry no errno).
_NO_SPACE = ("no space left on device", "disk quota exceeded", "could not write all bytes")
_READ_ONLY = ("read-only file system",)


def environment_errno(exc: BaseException) -> int | None:
    """ENOSPC or EROFS when an error (an OSError or a DuckDB error) means the disk is full or the
    filesystem read-only; None otherwise."""
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS):
        return errno.EROFS if exc.errno == errno.EROFS else errno.ENOSPC
    text = str(exc).lower()
    if any(phrase in text for phrase in _NO_SPACE):
        return errno.ENOSPC
    if any(phrase in text for phrase in _READ_ONLY):
        return errno.EROFS
    return None
