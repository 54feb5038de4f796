"""Publish the warehouse without blocking readers or ever showing a half-built file.

DuckDB allows one writing process, and a BI tool holding the file open blocks a writer. So every
command that writes works on a copy beside the published file (``.build/<id>/<same name>``: the
same file name keeps DuckDB's catalog name, which views refer to), checkpoints and closes it,
and renames it over the published file only when everything passed. Readers that hold the old
file keep reading their snapshot; a new connection sees the new one. A failure leaves the
published file untouched.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import uuid
from pathlib import Path

import duckdb


class WarehouseBusy(RuntimeError):
    pass


class Workspace:
    """``with Workspace(db) as ws: ...write ws.working...; ws.publish()``"""

    def __init__(self, published: Path | str):
        self.published = Path(published).resolve()
        self.build_dir = self.published.parent / ".build" / uuid.uuid4().hex[:12]
        self.working = self.build_dir / self.published.name
        self._lock_path = self.published.parent / f".{self.published.name}.lock"
        self._lock_fh = None
        self.published_now = False

    def __enter__(self) -> Workspace:
        self.published.parent.mkdir(parents=True, exist_ok=True)
        self._lock_fh = open(self._lock_path, "w")  # noqa: SIM115 - held for the workspace's life
        try:
            fcntl.flock(self._lock_fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            self._lock_fh.close()
            raise WarehouseBusy(
                f"another kommunbudget command is writing {self.published.name} "
                f"(lock {self._lock_path.name}); wait for it to finish and run again"
            ) from exc
        # Holding the lock, any workspace left under .build/ is one a killed process abandoned.
        for stale in self.build_dir.parent.glob("*"):
            shutil.rmtree(stale, ignore_errors=True)
        self.build_dir.mkdir(parents=True, exist_ok=True)
        if self.published.exists():
            shutil.copy2(self.published, self.working)
            wal = self.published.with_name(self.published.name + ".wal")
            if wal.exists():  # an unclean shutdown left a WAL: carry it so nothing is lost
                shutil.copy2(wal, self.working.with_name(self.working.name + ".wal"))
        return self

    def connect(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.working))

    def publish(self) -> None:
        """Checkpoint the working copy and atomically put it in place of the published file."""
        con = duckdb.connect(str(self.working))
        try:
            con.execute("checkpoint")
        finally:
            con.close()
        stale_wal = self.published.with_name(self.published.name + ".wal")
        os.replace(self.working, self.published)
        # The old file's WAL must not be replayed against the new file.
        if stale_wal.exists():
            stale_wal.unlink()
        self.published_now = True

    def __exit__(self, *exc) -> None:
        shutil.rmtree(self.build_dir, ignore_errors=True)
        with contextlib.suppress(OSError):  # .build/ goes when no other workspace uses it
            self.build_dir.parent.rmdir()
        if self._lock_fh is not None:
            fcntl.flock(self._lock_fh, fcntl.LOCK_UN)
            self._lock_fh.close()
