"""Land documents into a warehouse connection: skip the unchanged, extract the rest in workers.

Which version of a document is current is the user's decision, never a side effect:
- bytes already in the warehouse's history (superseded or removed) are not landed again unless
  the user asks for it (``ingest --make-current``);
- when several versions of one document are given in one command, the last one given is current,
  whichever finishes extracting last;
- ``build``'s bundled-corpus step never replaces a version a user landed.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import duckdb

from extract.landing import (
    CHILD_TABLES,
    current_version,
    document_id_for,
    document_key,
    ensure_raw_schema,
    is_unchanged,
    land_result,
    record_failure,
    reject_document,
    transaction,
)
from extract.metadata import MetaOverrides
from extract.settings import DEFAULT_SETTINGS, ExtractionSettings
from extract.version import extractor_version
from extract.workers import Job, Limits, run_jobs

from .db import scalar
from .progress import Progress

DOCUMENT_SUFFIXES = (".pdf", ".txt", ".text")


@dataclass
class DocumentReport:
    source_file: str
    status: str  # landed | unchanged | history | failed
    document_id: str | None = None
    tables: int = 0
    cells: int = 0
    narratives: int = 0
    warnings: int = 0
    issues: int = 0
    message: str | None = None
    code: str | None = None
    superseded: list[str] = field(default_factory=list)


@dataclass
class IngestReport:
    documents: list[DocumentReport] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. a file given twice

    @property
    def failed(self) -> list[DocumentReport]:
        return [d for d in self.documents if d.status == "failed"]

    def totals(self) -> dict[str, int]:
        return {
            "documents": len(self.documents),
            "landed": sum(d.status == "landed" for d in self.documents),
            "unchanged": sum(d.status == "unchanged" for d in self.documents),
            "history": sum(d.status == "history" for d in self.documents),
            "failed": len(self.failed),
            "tables": sum(d.tables for d in self.documents),
            "cells": sum(d.cells for d in self.documents),
            "narratives": sum(d.narratives for d in self.documents),
            "warnings": sum(d.warnings for d in self.documents),
            "issues": sum(d.issues for d in self.documents),
        }

    def as_dict(self) -> dict:
        return {
            "totals": self.totals(),
            "documents": [asdict(d) for d in self.documents],
            "notes": self.notes,
        }


@dataclass(frozen=True)
class BadPath:
    """A path given that holds no document to read: it fails alone, with a reason."""

    path: Path
    code: str
    message: str


def _is_document_name(path: Path) -> bool:
    return path.suffix.lower() in DOCUMENT_SUFFIXES


def expand_paths(paths: list[str | Path]) -> list[Path | BadPath]:
    """Files as given, and the documents inside directories (sorted). A directory without
    documents, or a directory named like a document inside one, is a BadPath: never silence."""
    out: list[Path | BadPath] = []
    for p in map(Path, paths):
        if not p.is_dir():
            out.append(p)  # a missing file, a broken link or a loop fails when it is read
            continue
        entries = sorted(q for q in p.iterdir() if _is_document_name(q))
        for q in entries:
            if q.is_dir():
                out.append(
                    BadPath(
                        q, "not_a_file", f"{q.name}: is a directory, not a document. Pass the files in it."
                    )
                )
            else:
                out.append(q)  # a file, or a link that fails alone when it is read
        if not entries:
            out.append(
                BadPath(
                    p,
                    "no_documents",
                    f"{p.name}: the directory holds no documents (looked for "
                    f"{', '.join(DOCUMENT_SUFFIXES)} files). Check the path.",
                )
            )
    return out


def _options(overrides: MetaOverrides) -> dict:
    return {k: v for k, v in asdict(overrides).items() if v is not None}


def _history(con: duckdb.DuckDBPyConnection, doc_id: str) -> str | None:
    """Why these bytes are in the warehouse's history and not current, or None if they are not."""
    row = con.execute(
        "select status, is_current, superseded_by from raw.documents where document_id = ?", [doc_id]
    ).fetchone()
    if row is None or row[1] or row[0] not in ("landed", "removed"):
        return None
    if row[0] == "removed":
        return "it was removed with `kommunbudget remove`"
    return f"version {row[2]} is current" if row[2] else "another version is current"


def _fail_path(con, report: IngestReport, path: Path, code: str, message: str, version: str, options) -> None:
    """Record a path that cannot be read at all (its id is the hash of the path)."""
    digest = hashlib.sha256(os.path.abspath(path).encode()).hexdigest()
    doc_id = record_failure(
        con,
        source_file=path.name,
        source_path=str(path),
        sha256=digest,
        size_bytes=0,
        code=code,
        message=message,
        extractor_version=version,
        options=options,
    )
    report.documents.append(DocumentReport(path.name, "failed", doc_id, message=message, code=code))


def ingest_paths(
    con: duckdb.DuckDBPyConnection,
    paths: list[str | Path],
    overrides: MetaOverrides | None = None,
    workers: int = 2,
    limits: Limits | None = None,
    show_progress: bool | None = None,
    *,
    origin: str = "user",
    make_current: bool = False,
    settings: ExtractionSettings = DEFAULT_SETTINGS,
    per_document: Mapping[Path, MetaOverrides] | None = None,
) -> IngestReport:
    """Land `paths` into `con`. origin 'bundled' is build's corpus step: it never replaces a
    version a user landed. make_current lands bytes from the history again as current.
    per_document: what a manifest says about some of the paths, in place of `overrides`."""
    overrides = overrides or MetaOverrides()
    ensure_raw_schema(con)
    version = extractor_version()

    def overrides_for(path: Path) -> MetaOverrides:
        return (per_document or {}).get(path, overrides)

    report = IngestReport()
    jobs: list[Job] = []
    hashes: dict[int, tuple[str, int]] = {}
    seen: dict[str, str] = {}  # sha256 -> the name it was first given as
    inputs = expand_paths(paths)
    for index, path in enumerate(inputs):
        if isinstance(path, BadPath):
            options = _options(overrides_for(path.path))
            _fail_path(con, report, path.path, path.code, path.message, version, options)
            continue
        options = _options(overrides_for(path))
        try:
            data = path.read_bytes()
        except OSError as exc:
            message = f"{path.name}: cannot read the file ({exc.strerror or exc}). Check the path."
            _fail_path(con, report, path, "unreadable_file", message, version, options)
            continue
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            report.notes.append(f"{path}: the same bytes as {seen[digest]}, given earlier: read once")
            continue
        seen[digest] = str(path)
        doc_id = document_id_for(digest)
        if is_unchanged(con, doc_id, version, options):
            report.documents.append(DocumentReport(path.name, "unchanged", doc_id))
            continue
        why = _history(con, doc_id)
        if why is not None and not make_current:
            report.documents.append(
                DocumentReport(
                    path.name,
                    "history",
                    doc_id,
                    message=f"{path.name}: this version is in the warehouse's history ({why}); it was "
                    "not landed again. To make it current again: kommunbudget ingest --make-current PATH",
                )
            )
            continue
        hashes[index] = (digest, len(data))
        jobs.append(Job(index, str(path), overrides_for(path)))
    progress = Progress(len(jobs), show_progress)
    for job in jobs:
        progress.named(job.index, Path(job.path).name)
    # key -> (index given, document_id) of the version this command made current
    current_by_key: dict[str, tuple[int, str]] = {}
    try:
        for outcome in run_jobs(jobs, workers, limits or Limits(), settings, progress=progress.page):
            name = Path(outcome.job.path).name
            landed = None
            if outcome.result is not None:
                try:
                    keep = _version_to_keep(con, outcome.result, outcome.job.index, origin, current_by_key)
                    options = _options(outcome.job.overrides)
                    landed = land_result(
                        con, outcome.result, version, options, origin=origin, keep_current=keep
                    )
                except duckdb.Error as exc:
                    # The transaction was rolled back: this document fails, the others land.
                    outcome = replace(
                        outcome,
                        result=None,
                        error_code="landing_failed",
                        error_message=f"{name}: extracted, but its rows could not be stored "
                        f"({type(exc).__name__}: {str(exc).splitlines()[0][:300]}). This is a bug "
                        "in kommunbudget: please report it with the document.",
                    )
            if landed is not None and not landed.is_current:
                report.documents.append(
                    DocumentReport(
                        name,
                        "history",
                        landed.document_id,
                        message=f"{name}: kept in the history only: version {landed.kept_current} "
                        "of this document stays current (given later in this command, or landed by a "
                        "user). To make this one current: kommunbudget ingest --make-current PATH",
                    )
                )
            elif landed is not None:
                r = outcome.result
                assert r is not None  # landed from it
                current_by_key[document_key(r)] = (outcome.job.index, landed.document_id)
                report.documents.append(
                    DocumentReport(
                        name,
                        "landed",
                        landed.document_id,
                        len(r.tables),
                        r.cell_count,
                        len(r.narratives),
                        sum(1 for i in r.issues if i.severity == "warning"),
                        len(r.issues),
                        superseded=list(landed.superseded),
                    )
                )
            else:
                digest, size = hashes[outcome.job.index]
                doc_id = record_failure(
                    con,
                    source_file=name,
                    source_path=outcome.job.path,
                    sha256=digest,
                    size_bytes=size,
                    code=outcome.error_code or "failed",
                    message=outcome.error_message or "failed",
                    extractor_version=version,
                    options=_options(outcome.job.overrides),
                )
                report.documents.append(
                    DocumentReport(
                        name,
                        "failed",
                        doc_id,
                        message=outcome.error_message,
                        code=outcome.error_code,
                    )
                )
            progress.done(outcome.job.index)
    finally:
        progress.close()
    order = {(p.path if isinstance(p, BadPath) else p).name: i for i, p in enumerate(inputs)}
    report.documents.sort(key=lambda d: order.get(d.source_file, 0))
    return report


def _version_to_keep(con, result, index: int, origin: str, current_by_key: dict) -> str | None:
    """The id of the version that must stay current instead of this result, if any."""
    key = document_key(result)
    mine = document_id_for(result.sha256)
    given = current_by_key.get(key)
    if given is not None and given[0] > index and given[1] != mine:
        return given[1]  # a version given later in this command is current: the last given wins
    if origin == "bundled":
        current = current_version(con, key)
        # The corpus step replaces only what the corpus step landed (origin unknown counts as a user's).
        if current is not None and current[0] != mine and current[1] != "bundled":
            return current[0]
    return None


# --- validation of what was landed, and rejecting a document alone --------------------------

PUBLISHED_ALIAS = "kommunbudget_published_snapshot"


def reject_invalid(
    con: duckdb.DuckDBPyConnection, report: IngestReport, invalid: dict[str, list[str]], published: Path
) -> None:
    """Take the documents of `report` that failed validation out again, alone: their rows go, they
    are recorded as failed with the reason, and a version they replaced is current again (its rows
    come back from the published file, which this command has not touched)."""
    can_restore = published.exists()
    if can_restore:
        quoted = str(published).replace("'", "''")
        con.execute(f"attach '{quoted}' as {PUBLISHED_ALIAS} (read_only)")
    try:
        for d in report.documents:
            if d.status != "landed" or d.document_id not in invalid:
                continue
            problems = invalid[d.document_id]
            message = (
                f"{d.source_file}: read, but not valid for the warehouse: {'; '.join(problems[:3])}. "
                "Nothing of it was kept. Check the options given (e.g. --base-year, --municipality) or "
                "the file; the version it would have replaced, if any, stays current."
            )
            _reject(con, d.document_id, d.source_file, message, can_restore)
            d.status, d.code, d.message = "failed", "invalid_document", message
            d.tables = d.cells = d.narratives = d.warnings = d.issues = 0
            d.superseded = []
    finally:
        if can_restore:
            con.execute(f"detach {PUBLISHED_ALIAS}")


def _reject(
    con: duckdb.DuckDBPyConnection, doc_id: str, source_file: str, message: str, can_restore: bool
) -> None:
    replaced = [
        r[0]
        for r in con.execute(
            "select document_id from raw.documents where superseded_by = ? and not is_current", [doc_id]
        ).fetchall()
    ]
    with transaction(con):
        reject_document(con, doc_id, source_file, "invalid_document", message)
        for old in replaced:
            was_current = can_restore and scalar(
                con,
                f"select count(*) from {PUBLISHED_ALIAS}.raw.documents where document_id = ? and is_current",
                [old],
            )
            if not was_current:
                continue
            for table in CHILD_TABLES:
                con.execute(
                    f"insert into raw.{table} by name select * from {PUBLISHED_ALIAS}.raw.{table} "
                    "where document_id = ?",
                    [old],
                )
            con.execute(
                "update raw.documents set is_current = true, superseded_at = null, superseded_by = null "
                "where document_id = ?",
                [old],
            )


def ingest_into(
    workspace, paths, overrides=None, workers=2, limits=None, show_progress=None, **how
) -> IngestReport:
    """Land `paths` into the workspace's working copy, then validate what was landed and reject
    the documents that fail alone, so that nothing invalid is ever published."""
    with workspace.connect() as con:
        report = ingest_paths(con, paths, overrides, workers, limits, show_progress, **how)
    landed = [d.document_id for d in report.documents if d.status == "landed" and d.document_id is not None]
    if not landed:
        return report
    from .validate import check_raw  # GX is slow to import: only runs that landed something pay

    invalid = check_raw(workspace.working, landed).by_document
    if invalid:
        with workspace.connect() as con:
            reject_invalid(con, report, invalid, workspace.published)
    return report
