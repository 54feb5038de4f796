"""Every DuckDB connection the CLI opens, and what its errors mean for the user.

The CLI never reaches the network: DuckDB would otherwise try to download an extension for a
file it does not recognise (a SQLite file passed as --db), so auto-loading and auto-installing
extensions is off in every connection.
"""

from __future__ import annotations

import errno
from pathlib import Path

import duckdb

OFFLINE = {"autoload_known_extensions": False, "autoinstall_known_extensions": False}


def connect(path: Path | str, read_only: bool = False, **config) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(str(path), read_only=read_only, config={**OFFLINE, **config})


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
