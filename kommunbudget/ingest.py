"""Land documents into a warehouse connection: skip the unchanged, extract the rest in workers."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import duckdb

from extract.landing import (
    document_id_for,
    ensure_raw_schema,
    is_unchanged,
    land_result,
    record_failure,
)
from extract.metadata import MetaOverrides
from extract.version import extractor_version
from extract.workers import Job, Limits, run_jobs

from .progress import Progress

DOCUMENT_SUFFIXES = (".pdf", ".txt", ".text")


@dataclass
class DocumentReport:
    source_file: str
    status: str  # landed | unchanged | failed
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

    @property
    def failed(self) -> list[DocumentReport]:
        return [d for d in self.documents if d.status == "failed"]

    def totals(self) -> dict[str, int]:
        return {
            "documents": len(self.documents),
            "landed": sum(d.status == "landed" for d in self.documents),
            "unchanged": sum(d.status == "unchanged" for d in self.documents),
            "failed": len(self.failed),
            "tables": sum(d.tables for d in self.documents),
            "cells": sum(d.cells for d in self.documents),
            "narratives": sum(d.narratives for d in self.documents),
            "warnings": sum(d.warnings for d in self.documents),
            "issues": sum(d.issues for d in self.documents),
        }

    def as_dict(self) -> dict:
        return {"totals": self.totals(), "documents": [asdict(d) for d in self.documents]}


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Files as given, and the documents inside directories (sorted)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                sorted(q for q in p.iterdir() if q.is_file() and q.suffix.lower() in DOCUMENT_SUFFIXES)
            )
        else:
            out.append(p)
    return out


def _options(overrides: MetaOverrides) -> dict:
    return {k: v for k, v in asdict(overrides).items() if v is not None}


def ingest_paths(
    con: duckdb.DuckDBPyConnection,
    paths: list[str | Path],
    overrides: MetaOverrides | None = None,
    workers: int = 2,
    limits: Limits | None = None,
    show_progress: bool | None = None,
) -> IngestReport:
    overrides = overrides or MetaOverrides()
    ensure_raw_schema(con)
    version = extractor_version()
    options = _options(overrides)
    report = IngestReport()
    jobs: list[Job] = []
    hashes: dict[int, tuple[str, int]] = {}
    for index, path in enumerate(expand_paths(paths)):
        try:
            data = path.read_bytes()
        except OSError as exc:
            digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()
            message = f"{path.name}: cannot read the file ({exc.strerror or exc}). Check the path."
            doc_id = record_failure(
                con,
                source_file=path.name,
                source_path=str(path),
                sha256=digest,
                size_bytes=0,
                code="unreadable_file",
                message=message,
                extractor_version=version,
                options=options,
            )
            report.documents.append(
                DocumentReport(path.name, "failed", doc_id, message=message, code="unreadable_file")
            )
            continue
        digest = hashlib.sha256(data).hexdigest()
        doc_id = document_id_for(digest)
        if is_unchanged(con, doc_id, version, options):
            report.documents.append(DocumentReport(path.name, "unchanged", doc_id))
            continue
        hashes[index] = (digest, len(data))
        jobs.append(Job(index, str(path), overrides))
    progress = Progress(len(jobs), show_progress)
    for job in jobs:
        progress.named(job.index, Path(job.path).name)
    try:
        for outcome in run_jobs(jobs, workers, limits or Limits(), progress=progress.page):
            name = Path(outcome.job.path).name
            landed = None
            if outcome.result is not None:
                try:
                    landed = land_result(con, outcome.result, version, options)
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
            if landed is not None:
                r = outcome.result
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
                    options=options,
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
    order = {p.name: i for i, p in enumerate(expand_paths(paths))}
    report.documents.sort(key=lambda d: order.get(d.source_file, 0))
    return report
