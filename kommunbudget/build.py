"""`kommunbudget build`: land the bundled corpus, validate, run dbt, publish: all or nothing."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from extract.paths import corpus_dir, project_root
from extract.settings import DEFAULT_SETTINGS, ExtractionSettings
from extract.workers import Limits

from .db import connect, environment_errno, scalar
from .dbt import environment_cause, run_dbt
from .errors import EXIT_NO_SPACE, CommandError
from .ingest import IngestReport, ingest_into
from .publish import Workspace


class BuildFailed(RuntimeError):
    def __init__(
        self, stage: str, message: str, details: list[str] | None = None, ingest: IngestReport | None = None
    ):
        super().__init__(message)
        self.stage = stage
        self.message = message
        self.details = details or []
        self.ingest = ingest


@dataclass
class BuildReport:
    ingest: IngestReport
    published: bool = False
    dbt_summary: str = ""
    dbt_warnings: list[str] = field(default_factory=list)
    checks: dict[str, int] = field(default_factory=dict)
    warehouse: dict[str, int] = field(default_factory=dict)
    validation: list[str] = field(default_factory=list)
    seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    full_refresh: bool = True
    notes: list[str] = field(default_factory=list)  # e.g. a WAL set aside
    unchanged: bool = False  # nothing new since the last build: nothing was rebuilt or published

    def as_dict(self) -> dict:
        return {
            "published": self.published,
            "unchanged": self.unchanged,
            "ingest": self.ingest.as_dict(),
            "warehouse": self.warehouse,
            "dbt": self.dbt_summary,
            "dbt_warnings": self.dbt_warnings,
            "dbt_full_refresh": self.full_refresh,
            "checks_by_status": self.checks,
            "validation": self.validation,
            "duration_seconds": round(self.seconds, 2),
            "stage_seconds": {k: round(v, 2) for k, v in self.stage_seconds.items()},
            "warnings": self.notes,
        }


BUILD_LOG_DDL = """
create table if not exists raw.build_log (
    built_at timestamp not null,
    dbt_fingerprint varchar not null,  -- hash of models, macros, seeds and dbt_project.yml
    full_refresh boolean not null,
    documents integer not null,
    seconds double not null,
    dbt_summary varchar
);
-- what raw.documents held when the build ran (warehouses built before it have none)
alter table raw.build_log add column if not exists raw_fingerprint varchar;
"""


def dbt_fingerprint() -> str:
    """A hash of everything dbt builds from besides the data: models, macros, seeds, tests.

    When it changes, incremental models must be rebuilt from scratch (--full-refresh).
    """
    root = project_root()
    digest = hashlib.sha256()
    files = [root / "dbt_project.yml"]
    for base in ("models", "macros", "seeds", "tests/dbt"):
        files += sorted(p for p in (root / base).rglob("*") if p.is_file())
    for path in files:
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def raw_fingerprint(con: duckdb.DuckDBPyConnection) -> str:
    """A hash of everything landed: each raw table's row count and the sum of its rows' hashes
    (raw.build_log aside). Any document landed, failed, superseded or removed, or any raw row
    changed by hand, changes it; a build with the same fingerprint has nothing new to build.

    The same query as the macro raw_fingerprint (macros/refresh_raw.sql), which a plain `dbt
    build` runs to tell whether the published raw tables changed: the same database gives both
    the same value. Neither can call the other (Jinja cannot call Python, and asking dbt would
    start dbt on every build), so the query is written twice, identically.
    """
    tables = [
        r[0]
        for r in con.execute(
            "select table_name from duckdb_tables() where database_name = current_database() "
            "and schema_name = 'raw' and table_name <> 'build_log' order by table_name"
        ).fetchall()
    ]
    if not tables:
        return ""
    parts = " union all ".join(
        f"select '{name}:' || count(*) || ':' || coalesce(sum(hash(t)), 0) as part from raw.{name} as t"
        for name in tables
    )
    return scalar(con, f"select md5(string_agg(part, ',' order by part)) from ({parts})")


def last_build(db: Path) -> tuple[str | None, str | None]:
    """(dbt fingerprint, raw fingerprint) of the last build logged in ``db``; None where unknown."""
    with connect(db, read_only=True) as con:
        columns = {
            r[0]
            for r in con.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'raw' and table_name = 'build_log'"
            ).fetchall()
        }
        if not columns:
            return None, None
        raw = "raw_fingerprint" if "raw_fingerprint" in columns else "null"
        row = con.execute(
            f"select dbt_fingerprint, {raw} from raw.build_log order by built_at desc limit 1"
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)


def log_build(
    db: Path, fingerprint: str, full_refresh: bool, documents: int, seconds: float, summary: str
) -> None:
    with connect(db) as con:
        con.execute(BUILD_LOG_DDL)
        con.execute(
            "insert into raw.build_log (built_at, dbt_fingerprint, full_refresh, documents, seconds, "
            "dbt_summary, raw_fingerprint) values (?, ?, ?, ?, ?, ?, ?)",
            [
                datetime.now(UTC).replace(tzinfo=None),
                fingerprint,
                full_refresh,
                documents,
                seconds,
                summary,
                raw_fingerprint(con),
            ],
        )


def _current_raw_fingerprint(db: Path) -> str:
    with connect(db, read_only=True) as con:
        return raw_fingerprint(con)


def _summarise(db: Path) -> tuple[dict[str, int], dict[str, int]]:
    """(checks by status, what the published warehouse holds) of a built file."""
    with connect(db, read_only=True) as con:
        checks = dict(
            con.execute(
                "select status, count(*) from marts.fct_reconciliation_checks group by status order by status"
            ).fetchall()
        )
        row = con.execute(
            """
            select
                count(*) filter (where is_current and status = 'landed'),
                count(*) filter (where is_current and status = 'failed'),
                (select count(*) from raw.cells join raw.documents using (document_id) where is_current),
                (select count(*) from marts.fct_budget_amounts),
                (select count(*) from marts.fct_indicators)
            from raw.documents
            """
        ).fetchone()
        assert row is not None  # an aggregate without group by is one row
        keys = ("documents", "failed_documents", "cells", "budget_amounts", "indicator_values")
        return checks, dict(zip(keys, row, strict=True))


def _dbt_failed(dbt, report: IngestReport, log_dir: Path) -> None:
    """Raise what a failed dbt run means: a full disk is the environment's failure, not dbt's."""
    cause = environment_cause(dbt.output)
    if cause and environment_errno(OSError(cause)) == errno.ENOSPC:
        raise CommandError(
            f"no space left on the device while dbt built the warehouse ({cause}). Nothing was "
            "published and the working copy was removed; free space and run again.",
            EXIT_NO_SPACE,
        )
    what = cause or dbt.summary
    raise BuildFailed(
        "dbt",
        f"dbt build failed ({what}); nothing was published. dbt's log: {log_dir / 'logs' / 'dbt.log'}",
        dbt.failures,
        report,
    )


# The raw tables that ingest lands and `kommunbudget remove` empties: the only input of a build
# whose project did not change (models/staging/budget_documents/_budget_documents__sources.yml).
DOCUMENT_SOURCE = "source:budget_documents"


def dbt_command(project_changed: bool) -> list[str]:
    """What `dbt` is asked to do: everything when the project changed, else only what the documents feed.

    When what dbt builds from (models, macros, seeds, tests) changed since the last build,
    everything is rebuilt from scratch. Otherwise only the documents changed, and only what
    depends on them is built and tested; incremental models among them take only the
    documents landed since. Seeds, and the models and tests built from seeds alone, were built
    from these same files by the build that logged this fingerprint. Unit tests read only
    their own fixtures: they passed in that build too.
    """
    if project_changed:
        return ["build", "--full-refresh"]
    return ["build", "--select", f"{DOCUMENT_SOURCE}+", "--exclude-resource-type", "unit_test"]


def build(
    db: Path,
    workers: int = 2,
    limits: Limits | None = None,
    show_progress: bool | None = None,
    documents: list[Path] | None = None,
    settings: ExtractionSettings = DEFAULT_SETTINGS,
) -> BuildReport:
    started = time.perf_counter()
    stages: dict[str, float] = {}
    mark = started

    def lap(stage: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        stages[stage] = now - mark
        mark = now

    with Workspace(db) as ws:
        lap("copy")
        # The bundled corpus is landed as 'bundled': it never replaces a version a user landed.
        report = ingest_into(
            ws,
            documents or [corpus_dir()],
            workers=workers,
            limits=limits,
            show_progress=show_progress,
            origin="user" if documents else "bundled",
            settings=settings,
        )
        result = BuildReport(report, stage_seconds=stages, notes=ws.notes)
        lap("ingest")
        fingerprint = dbt_fingerprint()
        last_dbt, last_raw = last_build(ws.working)
        if (last_dbt, last_raw) == (fingerprint, _current_raw_fingerprint(ws.working)):
            # Running twice changes nothing: the published file stays (same bytes, same inode).
            result.unchanged = True
            result.full_refresh = False
            result.checks, result.warehouse = _summarise(ws.working)
            result.seconds = time.perf_counter() - started
            return result
        from .validate import check_raw  # GX is slow to import: only builds pay for it

        validation = check_raw(ws.working)
        result.validation = validation.problems
        lap("validation")
        if validation.problems:
            # What ingest lands is validated then; this is a document published before.
            hint = [
                f"document {doc}: run `kommunbudget remove {doc}` to take it out"
                for doc in validation.by_document
            ]
            raise BuildFailed(
                "validation",
                "the raw tables failed validation; nothing was published",
                validation.problems + hint,
                report,
            )
        result.full_refresh = last_dbt != fingerprint
        dbt = run_dbt(dbt_command(result.full_refresh), ws.working, ws.dbt_dir)
        result.dbt_summary = dbt.summary
        result.dbt_warnings = dbt.warnings
        lap("dbt")
        if not dbt.ok:
            _dbt_failed(dbt, report, ws.dbt_dir)
        result.checks, result.warehouse = _summarise(ws.working)
        seconds = time.perf_counter() - started
        documents_built = result.warehouse.get("documents", 0)
        log_build(ws.working, fingerprint, result.full_refresh, documents_built, seconds, dbt.summary)
        ws.publish()
        lap("publish")
        result.published = True
    result.seconds = time.perf_counter() - started
    return result


# --- publishing what a plain `dbt build` built ---------------------------------------------------


@dataclass
class PublishReport:
    source: Path
    published: bool
    invocation_id: str
    checks: dict[str, int] = field(default_factory=dict)
    warehouse: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "published": self.published,
            "source": str(self.source),
            "dbt_invocation_id": self.invocation_id,
            "checks_by_status": self.checks,
            "warehouse": self.warehouse,
            "warnings": self.notes,
        }


def dbt_working_copy(db: Path) -> Path:
    """Where a plain `dbt build` builds the warehouse published as ``db`` (profiles.yml)."""
    return Path(os.environ.get("DBT_TARGET_PATH", project_root() / "target")) / db.name


def _successful_dbt_build(run_results: Path) -> str:
    """The invocation id of the dbt build that wrote ``run_results``; CommandError if there was
    none or it failed."""
    from .errors import EXIT_DBT, EXIT_NOT_BUILT

    if not run_results.exists():
        raise CommandError(
            f"nothing to publish: {run_results} does not exist. Run `dbt build` first.", EXIT_NOT_BUILT
        )
    data = json.loads(run_results.read_text(encoding="utf-8"))
    if data.get("args", {}).get("which") != "build":
        raise CommandError(
            f"nothing to publish: the last dbt command was `dbt {data.get('args', {}).get('which')}`, "
            "not `dbt build`. Run `dbt build`, then publish.",
            EXIT_NOT_BUILT,
        )
    failed = [r["unique_id"] for r in data.get("results", []) if r.get("status") in ("error", "fail")]
    if failed:
        shown = ", ".join(failed[:5]) + (f" and {len(failed) - 5} more" if len(failed) > 5 else "")
        raise CommandError(f"the last dbt build failed ({shown}); nothing was published", EXIT_DBT)
    return data["metadata"]["invocation_id"]


def publish_dbt_build(db: Path, source: Path | None = None) -> PublishReport:
    """Publish the working copy a plain `dbt build` built, atomically, if it is complete and was
    built from what the published warehouse holds now."""
    from .errors import EXIT_NOT_BUILT

    source = source or dbt_working_copy(db)
    invocation = _successful_dbt_build(source.parent / "run_results.json")
    if not source.exists():
        raise CommandError(
            f"nothing to publish: {source} does not exist. Run `dbt build` first.", EXIT_NOT_BUILT
        )
    report = PublishReport(source, False, invocation)
    if db.exists() and _published_invocation(db) == invocation:
        report.notes.append(f"this dbt build ({invocation}) is already published: {db} was left as it is")
        report.checks, report.warehouse = _summarise(db)
        return report
    with Workspace(db, start_from=source) as ws:
        if db.exists() and _current_raw_fingerprint(ws.working) != _current_raw_fingerprint(db):
            raise CommandError(
                f"documents were landed in or removed from {db} after dbt built {source}: run "
                "`dbt build` again, then publish (nothing was published)",
                EXIT_NOT_BUILT,
            )
        report.checks, report.warehouse = _summarise(ws.working)
        log_build(
            ws.working,
            dbt_fingerprint(),
            False,
            report.warehouse.get("documents", 0),
            0.0,
            f"dbt {invocation}",
        )
        ws.publish()
        report.published = True
        report.notes = ws.notes
    return report


def _published_invocation(db: Path) -> str | None:
    with connect(db, read_only=True) as con:
        row = (
            con.execute("select dbt_summary from raw.build_log order by built_at desc limit 1").fetchone()
            if _has_build_log(con)
            else None
        )
    return row[0].removeprefix("dbt ") if row and row[0] and row[0].startswith("dbt ") else None


def _has_build_log(con: duckdb.DuckDBPyConnection) -> bool:
    sql = "select count(*) from duckdb_tables() where schema_name = 'raw' and table_name = 'build_log'"
    return bool(scalar(con, sql))
