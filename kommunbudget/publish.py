"""Publish the warehouse without blocking readers or ever showing a half-built file.

DuckDB allows one writing process, and a BI tool holding the file open blocks a writer. So every
command that writes works on a copy beside the published file (``.build/<name>/work/<name>``:
the same file name keeps DuckDB's catalog name, which views refer to), checkpoints and closes it,
and renames it over the published file only when everything passed. Readers that hold the old
file keep reading their snapshot; a new connection sees the new one. A failure leaves the
published file untouched.

Working copies live under ``.build/<name>/``, one folder per warehouse file: the lock is per file
name, so a command may only clear the abandoned copies of the warehouse it holds the lock of. dbt's
target folder and logs live beside it in ``.<name>.dbt/`` and are kept: the next build of the same
warehouse reuses dbt's parse (partial parsing), and a failed build leaves dbt's log to read.

A WAL (``<name>.wal``) beside the published file is replayed by DuckDB into whatever file has
that name. Publishing therefore moves any such WAL out of the way before the rename (a kill in
between leaves the old file without a WAL, never the new file with the old one's WAL), and a
command that finds a WAL the published file cannot replay sets it aside under another name and
says so, instead of failing on it forever.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

import duckdb

from .db import connect
from .errors import WarehouseBusy, WarehouseUnusable

__all__ = ["Workspace", "WarehouseBusy", "WarehouseUnusable", "wal_path"]


def wal_path(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def dbt_state_dir(db: Path) -> Path:
    """Where dbt keeps its target folder and logs for the warehouse ``db``, between builds."""
    return db.with_name(f".{db.name}.dbt")


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]


class Workspace:
    """``with Workspace(db) as ws: ...write ws.working...; ws.publish()``"""

    def __init__(self, published: Path | str, start_from: Path | None = None):
        try:
            self.published = Path(published).resolve()
        except (RuntimeError, OSError) as exc:  # a symlink loop
            raise WarehouseUnusable(
                f"{published} cannot be resolved ({exc}): pass --db with a file path"
            ) from exc
        if self.published.is_dir():
            raise WarehouseUnusable(
                f"{published} is a directory, not a warehouse file: pass --db with the path of a "
                "DuckDB file (it is created if it does not exist)"
            )
        self.root = self.published.parent / ".build" / self.published.name
        # The same path on every build of this warehouse (the lock makes it this process's alone):
        # dbt's partial parsing keys on the profile's path, so a stable one lets it reuse its parse.
        self.build_dir = self.root / "work"
        self.working = self.build_dir / self.published.name
        # dbt's target and logs, kept between builds (partial parsing, and the logs of a failure).
        self.dbt_dir = dbt_state_dir(self.published)
        self._lock_path = self.published.parent / f".{self.published.name}.lock"
        self._lock_fh: TextIO | None = None
        # A file to work on instead of a copy of the published one (what a plain dbt build built).
        self.start_from = start_from
        # What the user should know although nothing failed (a WAL set aside).
        self.notes: list[str] = []

    def __enter__(self) -> Workspace:
        self.published.parent.mkdir(parents=True, exist_ok=True)
        lock = open(self._lock_path, "a")  # noqa: SIM115 - held for the workspace's life
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            lock.close()
            raise WarehouseBusy(
                f"another kommunbudget command is writing {self.published.name} "
                f"(lock {self._lock_path.name}); wait for it to finish and run again"
            ) from exc
        self._lock_fh = lock
        try:
            # Holding this warehouse's lock, any copy left under its folder was abandoned by a
            # killed process. Other warehouses' folders are theirs.
            for stale in self.root.glob("*"):
                shutil.rmtree(stale, ignore_errors=True)
            self.build_dir.mkdir(parents=True, exist_ok=True)
            if self.start_from is not None:
                self._copy_start(self.start_from)
            elif self.published.exists():
                self._copy_published()
        except BaseException:
            # __exit__ does not run when __enter__ fails: remove a partial copy here.
            self.__exit__(None, None, None)
            raise
        return self

    def _copy_published(self) -> None:
        shutil.copy2(self.published, self.working)
        wal = wal_path(self.published)
        if wal.exists():  # an unclean shutdown left a WAL: carry it so nothing is lost
            shutil.copy2(wal, wal_path(self.working))
        try:
            self._open_working()
        except duckdb.Error as exc:
            if not wal_path(self.working).exists():
                raise WarehouseUnusable(self._unusable(exc)) from exc
            # Does the file open without the WAL? Then the WAL is not this file's.
            wal_path(self.working).unlink()
            try:
                self._open_working()
            except duckdb.Error as again:
                raise WarehouseUnusable(self._unusable(again)) from again
            self._set_aside(wal, exc)

    def _copy_start(self, start: Path) -> None:
        shutil.copy2(start, self.working)
        if wal_path(start).exists():  # dbt was killed before its checkpoint
            shutil.copy2(wal_path(start), wal_path(self.working))
        try:
            self._open_working()
        except duckdb.Error as exc:
            raise WarehouseUnusable(
                f"{start} is not a usable DuckDB file ({_first_line(exc)}): run dbt build again"
            ) from exc

    def _open_working(self) -> None:
        with connect(self.working) as con:
            con.execute("checkpoint")

    def _unusable(self, exc: BaseException) -> str:
        with open(self.published, "rb") as fh:
            if fh.read(16).startswith(b"SQLite format 3"):
                exc = RuntimeError("it is a SQLite database")
        return (
            f"{self.published} is not a usable DuckDB warehouse ({_first_line(exc)}). Pass --db with "
            "a kommunbudget warehouse, or a new path to create one; move this file away if it is "
            "not yours."
        )

    def _set_aside(self, wal: Path, exc: BaseException) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        kept = wal.with_name(f"{wal.name}.unreplayable-{stamp}")
        os.replace(wal, kept)
        self.notes.append(
            f"{wal.name} did not belong to {self.published.name} and could not be replayed "
            f"({_first_line(exc)}); it was set aside as {kept.name} and the warehouse was built "
            "without it. A read-write connection (a BI tool) or a killed process leaves such a "
            "file: connect read-only."
        )

    def connect(self) -> duckdb.DuckDBPyConnection:
        return connect(self.working)

    def publish(self) -> None:
        """Checkpoint the working copy and atomically put it in place of the published file."""
        self._open_working()  # checkpoint and close: the copy has no WAL of its own
        stale_wal = wal_path(self.published)
        if stale_wal.exists():
            # Out of the published name before the rename, so it can never pair with the new file.
            os.replace(stale_wal, self.build_dir / "replaced.wal")
        os.replace(self.working, self.published)

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.build_dir, ignore_errors=True)
        for folder in (self.root, self.root.parent):  # they go when no other workspace uses them
            with contextlib.suppress(OSError):
                folder.rmdir()
        if self._lock_fh is not None:
            fcntl.flock(self._lock_fh, fcntl.LOCK_UN)
            self._lock_fh.close()
            self._lock_fh = None
