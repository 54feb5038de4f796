"""The ``kommunbudget`` command line: ingest documents, build and publish the warehouse."""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
import traceback
from pathlib import Path

from extract.metadata import MetaOverrides
from extract.settings import DEFAULT_SETTINGS, PDF_TEXT_LAYERS, ExtractionSettings
from extract.workers import Limits
from kommunbudget.report.i18n import DEFAULT_LANGUAGE as REPORT_DEFAULT_LANGUAGE
from kommunbudget.report.i18n import LANGUAGES as REPORT_LANGUAGES

from .errors import (
    CODE_NAMES,
    EXIT_BUSY,
    EXIT_DBT,
    EXIT_DOCUMENT_FAILED,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_NO_SPACE,
    EXIT_OK,
    EXIT_READ_ONLY,
    EXIT_USAGE,
    EXIT_VALIDATION,
    CommandError,
    UsageError,
    WarehouseUnusable,
)

__all__ = ["main", "parser", "EXIT_OK", "EXIT_BUSY", "EXIT_DBT", "EXIT_USAGE", "EXIT_VALIDATION"]

DESCRIPTION = """\
kommunbudget: an analytical warehouse of Swedish municipal budget documents.

Drop in a committee's budget (PDF or its text layer), then query every number in it with SQL,
see where its totals do not add up, and compare it with other municipalities.

The warehouse is one DuckDB file (default warehouse.duckdb; KOMMUNBUDGET_DB or --db overrides).
Every command that writes builds a copy beside it and swaps it in only when everything passed,
so readers (a SQL prompt, a BI tool) are never blocked and never see a half-built file.
"""

EPILOG = """\
exit codes:
  0  everything succeeded
  1  at least one document failed (the others landed; see the summary)
  2  usage error
  3  the raw tables failed validation (nothing published)
  4  dbt build failed (nothing published)
  5  another kommunbudget command is writing the warehouse
  6  the warehouse file is not usable (a directory, not a DuckDB file, damaged)
  7  no space left on the device (nothing published; no partial copy is left)
  8  the filesystem is read-only or the warehouse's folder is not writable
  9  an unexpected error: a bug in kommunbudget (please report it)
  10  publish: no successful `dbt build` to publish, or documents changed since it ran
  130  interrupted (Ctrl-C or SIGTERM): the working copy was removed, nothing published
With --json every failure prints a JSON object on stdout with exit_code, error and message.

examples:
  kommunbudget build
  kommunbudget ingest budget.pdf --municipality 0580 --committee Valnämnden
  kommunbudget ingest documents/ --json
  kommunbudget report --out report/
  dbt build && kommunbudget publish      (a scheduler that runs dbt itself)
"""


def _default_db() -> Path:
    return Path(os.environ.get("KOMMUNBUDGET_DB", "warehouse.duckdb"))


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kommunbudget",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def common(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--db",
            type=Path,
            default=None,
            help="warehouse file (default: $KOMMUNBUDGET_DB or warehouse.duckdb)",
        )
        sp.add_argument("--json", action="store_true", help="print a JSON summary on stdout")
        sp.add_argument(
            "--workers",
            type=_positive_int,
            default=min(2, os.cpu_count() or 1),
            help="extraction processes (default: 2 or the core count if lower)",
        )
        sp.add_argument(
            "--timeout",
            type=float,
            default=300.0,
            help="seconds one document may take before it fails (default 300)",
        )
        sp.add_argument(
            "--memory-limit",
            type=int,
            default=4096,
            help="MB one document may use, in its worker and while it lands, before it fails (default 4096)",
        )
        sp.add_argument(
            "--pdf-text-layer",
            choices=PDF_TEXT_LAYERS,
            default=DEFAULT_SETTINGS.pdf_text_layer,
            help="where PDF words come from: pypdfium2 (fast, the default) or pdfplumber; both read "
            "the same cells",
        )
        sp.add_argument("--no-progress", action="store_true", help="no progress bars on stderr")

    ing = sub.add_parser(
        "ingest",
        help="land documents (PDF or text) into the raw tables",
        description="Extract every table, every amount in running text and every indicator of "
        "the given documents into the warehouse's raw tables, with file, page and line for each "
        "value. Without options the municipality and committee are detected from the text; a "
        "document whose municipality cannot be detected fails and says which option to pass. "
        "Re-ingesting the same bytes changes nothing; a new version replaces the old one's rows. "
        "What is landed is validated before it is published: a document that fails fails alone. "
        "A version in the history (superseded or removed) is not landed again unless "
        "--make-current is given.",
    )
    ing.add_argument("paths", nargs="*", metavar="PATH", help="documents, or directories of them")
    ing.add_argument(
        "--manifest",
        type=Path,
        metavar="CSV",
        help="a CSV listing documents (column path, relative to the CSV's folder) with what to say "
        "about each: columns municipality, committee, base_year, document_type, each optional; an "
        "empty cell means the option given on the command line, else detection",
    )
    ing.add_argument(
        "--make-current",
        action="store_true",
        help="land versions from the history (superseded or removed) again as the current version",
    )
    ing.add_argument(
        "--municipality",
        metavar="CODE_OR_NAME",
        help="kommunkod (0580) or name (Linköping) from seeds/municipalities.csv",
    )
    ing.add_argument("--committee", metavar="NAME", help="committee or office, e.g. Valnämnden")
    ing.add_argument("--base-year", type=int, metavar="YEAR", help="the budget year the document is for")
    ing.add_argument("--document-type", metavar="TYPE", help="e.g. internbudget, verksamhetsplan")
    common(ing)

    bld = sub.add_parser(
        "build",
        help="land the bundled corpus if needed, validate, run dbt, publish",
        description="Ingest the bundled corpus (data/documents/) where it is not landed yet, "
        "validate the raw tables, run `dbt build` (models and their tests), and publish the "
        "warehouse file. A failed validation or dbt step publishes nothing.",
    )
    bld.add_argument(
        "--documents",
        type=Path,
        action="append",
        metavar="PATH",
        help="documents or directories to ingest before building (repeatable; default: the "
        "bundled corpus, data/documents/)",
    )
    common(bld)

    rem = sub.add_parser(
        "remove",
        help="take a document out of the warehouse (kept in raw.documents' history)",
        description="Remove a document's rows from the warehouse, by its document_id (16 hex "
        "digits, as in raw.documents) or by the path of its file. Its row in raw.documents stays, "
        "with status 'removed'; no other version becomes current by this. Run `kommunbudget build` "
        "afterwards to refresh the marts.",
    )
    rem.add_argument("documents", nargs="+", metavar="DOCUMENT_ID|PATH")
    rem.add_argument(
        "--db",
        type=Path,
        default=None,
        help="warehouse file (default: $KOMMUNBUDGET_DB or warehouse.duckdb)",
    )
    rem.add_argument("--json", action="store_true", help="print a JSON summary on stdout")

    pub = sub.add_parser(
        "publish",
        help="publish what a plain `dbt build` built (for schedulers that run dbt themselves)",
        description="A plain `dbt build` never writes the warehouse: it builds a working copy "
        "(target/<warehouse file name>) from the warehouse's raw tables. This command checks that "
        "the last `dbt build` succeeded and was built from the documents the warehouse holds now, "
        "then puts the copy in place of the warehouse atomically: readers keep their snapshot, new "
        "connections see the new file. `kommunbudget build` publishes by itself.",
    )
    pub.add_argument(
        "--db",
        type=Path,
        default=None,
        help="warehouse file to publish to (default: $KOMMUNBUDGET_DB or warehouse.duckdb)",
    )
    pub.add_argument(
        "--from",
        dest="source",
        type=Path,
        default=None,
        metavar="PATH",
        help="the file dbt built (default: target/<warehouse file name> in the project)",
    )
    pub.add_argument("--json", action="store_true", help="print a JSON summary on stdout")

    rep = sub.add_parser(
        "report",
        help="write a static HTML report of the warehouse (plan period, checks, comparisons)",
        description="Write a self-contained HTML report that works offline: DIR/index.html with the "
        "documents, each committee's plan period as charts and tables, the checks that failed or look "
        "suspicious, the municipality comparison with what each figure covers, and the indicators side "
        "by side; and DIR/documents/<document_id>.html with each document's extracted text, one anchor "
        "per line (#L829), which every figure links to. Reads the warehouse read-only.",
    )
    rep.add_argument(
        "--db",
        type=Path,
        default=None,
        help="warehouse file (default: $KOMMUNBUDGET_DB or warehouse.duckdb)",
    )
    rep.add_argument(
        "--out",
        type=Path,
        default=Path("report"),
        metavar="DIR",
        help="directory to write index.html and documents/ into (default: report/)",
    )
    rep.add_argument(
        "--lang",
        choices=REPORT_LANGUAGES,
        default=REPORT_DEFAULT_LANGUAGE,
        help="the report's language: sv (Swedish, the default: headings, explanations and numbers "
        "as 1 234,5 mnkr) or en (English: 1,234.5 mnkr; Swedish names of things stay Swedish)",
    )
    rep.add_argument("--json", action="store_true", help="print a JSON summary on stdout")
    return p


def _print_ingest(report, out=sys.stderr) -> None:
    for d in report.documents:
        if d.status == "failed":
            print(f"  FAILED     {d.source_file}: {d.message}", file=out)
        elif d.status == "unchanged":
            print(f"  unchanged  {d.source_file}", file=out)
        elif d.status == "history":
            print(f"  history    {d.message}", file=out)
        else:
            sup = f", replaces {len(d.superseded)} earlier version(s)" if d.superseded else ""
            print(
                f"  landed     {d.source_file}: {d.tables} tables, {d.cells} cells, "
                f"{d.narratives} amounts in text, {d.warnings} warnings{sup}",
                file=out,
            )
    for note in report.notes:
        print(f"  note       {note}", file=out)
    t = report.totals()
    history = f", {t['history']} kept in history" if t["history"] else ""
    print(
        f"documents: {t['documents']} ({t['landed']} landed, {t['unchanged']} unchanged, "
        f"{t['failed']} failed{history}) | tables: {t['tables']} | cells: {t['cells']} | "
        f"amounts in text: {t['narratives']} | issues: {t['issues']} ({t['warnings']} warnings)",
        file=out,
    )


def _print_notes(notes: list[str]) -> None:
    for note in notes:
        print(f"warning: {note}", file=sys.stderr)


def _limits(args) -> Limits:
    try:
        return Limits(args.timeout, args.memory_limit)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc


def _settings(args) -> ExtractionSettings:
    return ExtractionSettings(pdf_text_layer=args.pdf_text_layer)


def _ingest(args) -> int:
    from kommunbudget.ingest import ingest_into
    from kommunbudget.manifest import read_manifest
    from kommunbudget.publish import Workspace

    overrides = MetaOverrides(args.municipality, args.committee, args.base_year, args.document_type)
    per_document = read_manifest(args.manifest, overrides) if args.manifest else {}
    if not args.paths and not per_document:
        raise UsageError("name the documents to ingest: PATH arguments, or --manifest CSV")
    limits = _limits(args)
    db = args.db or _default_db()
    with Workspace(db) as ws:
        report = ingest_into(
            ws,
            [*per_document, *args.paths],
            overrides,
            args.workers,
            limits,
            False if args.no_progress else None,
            make_current=args.make_current,
            settings=_settings(args),
            per_document=per_document,
        )
        ws.publish()
    _print_notes(ws.notes)
    _print_ingest(report)
    if report.totals()["landed"]:
        print("run `kommunbudget build` to refresh the marts", file=sys.stderr)
    if args.json:
        _print_json({**report.as_dict(), "warnings": ws.notes, "exit_code": _ingest_code(report)})
    return _ingest_code(report)


def _ingest_code(report) -> int:
    return EXIT_DOCUMENT_FAILED if report.failed else EXIT_OK


def _remove(args) -> int:
    from kommunbudget.publish import Workspace
    from kommunbudget.remove import remove_documents

    db = args.db or _default_db()
    if not db.exists():
        raise UsageError(f"no warehouse at {db}: nothing to remove")
    with Workspace(db) as ws:
        with ws.connect() as con:
            removed = remove_documents(con, args.documents)
        ws.publish()
    _print_notes(ws.notes)
    for r in removed:
        print(f"  removed    {r['document_id']} {r['source_file']}", file=sys.stderr)
    print("run `kommunbudget build` to refresh the marts", file=sys.stderr)
    if args.json:
        _print_json({"removed": removed, "warnings": ws.notes, "exit_code": EXIT_OK})
    return EXIT_OK


def _build(args) -> int:
    from kommunbudget.build import BuildFailed, build

    db = args.db or _default_db()
    limits = _limits(args)
    try:
        result = build(
            db,
            args.workers,
            limits,
            False if args.no_progress else None,
            documents=args.documents,
            settings=_settings(args),
        )
    except BuildFailed as exc:
        code = EXIT_VALIDATION if exc.stage == "validation" else EXIT_DBT
        if exc.ingest is not None:
            _print_ingest(exc.ingest)
        print(f"build failed at {exc.stage}: {exc.message}", file=sys.stderr)
        for line in exc.details:
            print(f"  {line}", file=sys.stderr)
        if args.json:
            _print_json(
                {
                    "published": False,
                    "exit_code": code,
                    "error": CODE_NAMES[code],
                    "stage": exc.stage,
                    "message": exc.message,
                    "details": exc.details,
                }
            )
        return code
    _print_notes(result.notes)
    _print_ingest(result.ingest)
    checks = ", ".join(f"{k} {v}" for k, v in result.checks.items()) or "none"
    w = result.warehouse
    print(
        f"warehouse: {w.get('documents', 0)} documents, {w.get('cells', 0)} cells, "
        f"{w.get('budget_amounts', 0)} budget amounts, {w.get('indicator_values', 0)} indicator values",
        file=sys.stderr,
    )
    if result.unchanged:
        print(
            f"nothing new since the last build (the same documents, the same models): {db} was left "
            f"as it is | checks: {checks}",
            file=sys.stderr,
        )
    else:
        print(
            f"dbt: {result.dbt_summary} | checks: {checks} | published {db} in {result.seconds:.1f} s",
            file=sys.stderr,
        )
    if result.dbt_warnings:
        print("dbt tests that warned (findings about documents; the report lists them):", file=sys.stderr)
        for line in result.dbt_warnings:
            print(f"  {line}", file=sys.stderr)
    code = _ingest_code(result.ingest)
    if args.json:
        _print_json({**result.as_dict(), "exit_code": code})
    return code


def _report(args) -> int:
    import duckdb

    from kommunbudget.publish import wal_path
    from kommunbudget.report import write_report

    db = args.db or _default_db()
    if db.is_dir():
        raise WarehouseUnusable(f"{db} is a directory, not a warehouse file: pass --db with a DuckDB file")
    if not db.exists():
        raise UsageError(f"no warehouse at {db}: run `kommunbudget build` first")
    try:
        result = write_report(db, args.out, args.lang)
    except duckdb.CatalogException as exc:
        raise UsageError(
            f"cannot read the marts of {db}: {_first_line(exc)}; run `kommunbudget build` first"
        ) from exc
    except duckdb.Error as exc:
        hint = (
            f" A WAL file beside it ({wal_path(db).name}) does not belong to it: run `kommunbudget build`, "
            "which sets it aside."
            if wal_path(db).exists()
            else " Pass --db with a warehouse that `kommunbudget build` wrote."
        )
        raise WarehouseUnusable(f"cannot open {db} ({_first_line(exc)}).{hint}") from exc
    pages = result.out_dir / "documents"
    print(f"report written to {result.index} ({len(result.documents)} document pages in {pages})")
    if args.json:
        _print_json({"report": str(result.index), "documents": len(result.documents), "exit_code": EXIT_OK})
    return EXIT_OK


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]


def _print_json(obj: dict) -> None:
    print(json.dumps(obj, indent=2, ensure_ascii=False, default=str))


def _environment_failure(exc: BaseException) -> CommandError | None:
    """A full disk, a read-only filesystem or a folder without write permission, as a CommandError."""
    from kommunbudget.db import environment_errno

    cause = environment_errno(exc)
    where = f" ({exc.filename})" if isinstance(exc, OSError) and exc.filename else ""
    if cause == errno.ENOSPC:
        return CommandError(
            f"no space left on the device{where}: {_first_line(exc)}. Nothing was published and no "
            "partial copy was left; free space and run again.",
            EXIT_NO_SPACE,
        )
    if cause == errno.EROFS or isinstance(exc, PermissionError):
        return CommandError(
            f"cannot write{where}: {_first_line(exc)}. The warehouse's folder must be writable (a "
            "command that writes builds a copy beside the warehouse); nothing was published.",
            EXIT_READ_ONLY,
        )
    return None


def _publish(args) -> int:
    from kommunbudget.build import publish_dbt_build

    db = args.db or _default_db()
    result = publish_dbt_build(db, args.source)
    _print_notes(result.notes)
    checks = ", ".join(f"{k} {v}" for k, v in result.checks.items()) or "none"
    if result.published:
        what = f"published {result.source} as {db} (dbt {result.invocation_id})"
        print(f"{what} | checks: {checks}", file=sys.stderr)
    if args.json:
        _print_json({**result.as_dict(), "exit_code": EXIT_OK})
    return EXIT_OK


COMMANDS = {"ingest": _ingest, "build": _build, "report": _report, "remove": _remove, "publish": _publish}


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command is None:
        parser().print_help()
        return EXIT_USAGE
    from extract.processes import terminate_on_sigterm

    terminate_on_sigterm()
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return _fail(args, CommandError("interrupted: nothing was published from this run", EXIT_INTERRUPTED))
    except Exception as exc:  # noqa: BLE001 - every failure leaves with a code and a message
        error = exc if isinstance(exc, CommandError) else _environment_failure(exc)
        if error is None:
            if os.environ.get("KOMMUNBUDGET_DEBUG"):
                traceback.print_exc()
            error = CommandError(
                f"unexpected error ({type(exc).__name__}: {_first_line(exc)}). This is a bug in "
                "kommunbudget: please report it with the command you ran (KOMMUNBUDGET_DEBUG=1 "
                "prints the traceback). The published warehouse is unchanged.",
                EXIT_INTERNAL,
            )
        return _fail(args, error)


def _fail(args, error: CommandError) -> int:
    prefix = "busy" if error.exit_code == EXIT_BUSY else "error"
    print(f"{prefix}: {error.message}", file=sys.stderr)
    if getattr(args, "json", False):
        _print_json(
            {
                "published": False,
                "exit_code": error.exit_code,
                "error": CODE_NAMES[error.exit_code],
                "message": error.message,
            }
        )
    return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
