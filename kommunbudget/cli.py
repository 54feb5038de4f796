"""The ``kommunbudget`` command line: ingest documents, build and publish the warehouse."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from extract.metadata import MetaOverrides
from extract.workers import Limits

EXIT_OK = 0
EXIT_DOCUMENT_FAILED = 1
EXIT_USAGE = 2
EXIT_VALIDATION = 3
EXIT_DBT = 4
EXIT_BUSY = 5

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

examples:
  kommunbudget build
  kommunbudget ingest budget.pdf --municipality 0580 --committee Valnämnden
  kommunbudget ingest documents/ --json
  kommunbudget report --out report/
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
            help="MB one document's extraction may use before it fails (default 4096)",
        )
        sp.add_argument("--no-progress", action="store_true", help="no progress bars on stderr")

    ing = sub.add_parser(
        "ingest",
        help="land documents (PDF or text) into the raw tables",
        description="Extract every table, every amount in running text and every indicator of "
        "the given documents into the warehouse's raw tables, with file, page and line for each "
        "value. Without options the municipality and committee are detected from the text; a "
        "document whose municipality cannot be detected fails and says which option to pass. "
        "Re-ingesting the same bytes changes nothing; a new version replaces the old one's rows.",
    )
    ing.add_argument("paths", nargs="+", metavar="PATH", help="documents, or directories of them")
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
    return p


def _print_ingest(report, out=sys.stderr) -> None:
    for d in report.documents:
        if d.status == "failed":
            print(f"  FAILED     {d.source_file}: {d.message}", file=out)
        elif d.status == "unchanged":
            print(f"  unchanged  {d.source_file}", file=out)
        else:
            sup = f", replaces {len(d.superseded)} earlier version(s)" if d.superseded else ""
            print(
                f"  landed     {d.source_file}: {d.tables} tables, {d.cells} cells, "
                f"{d.narratives} amounts in text, {d.warnings} warnings{sup}",
                file=out,
            )
    t = report.totals()
    print(
        f"documents: {t['documents']} ({t['landed']} landed, {t['unchanged']} unchanged, "
        f"{t['failed']} failed) | tables: {t['tables']} | cells: {t['cells']} | "
        f"amounts in text: {t['narratives']} | issues: {t['issues']} ({t['warnings']} warnings)",
        file=out,
    )


def _ingest(args) -> int:
    from kommunbudget.ingest import ingest_paths
    from kommunbudget.publish import Workspace

    overrides = MetaOverrides(args.municipality, args.committee, args.base_year, args.document_type)
    db = args.db or _default_db()
    with Workspace(db) as ws:
        con = ws.connect()
        try:
            report = ingest_paths(
                con,
                args.paths,
                overrides,
                args.workers,
                Limits(args.timeout, args.memory_limit),
                False if args.no_progress else None,
            )
        finally:
            con.close()
        ws.publish()
    _print_ingest(report)
    if report.totals()["landed"]:
        print("run `kommunbudget build` to refresh the marts", file=sys.stderr)
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    return EXIT_DOCUMENT_FAILED if report.failed else EXIT_OK


def _build(args) -> int:
    from kommunbudget.build import BuildFailed, build

    db = args.db or _default_db()
    try:
        result = build(
            db,
            args.workers,
            Limits(args.timeout, args.memory_limit),
            False if args.no_progress else None,
            documents=args.documents,
        )
    except BuildFailed as exc:
        print(f"build failed at {exc.stage}: {exc.message}", file=sys.stderr)
        for line in exc.details:
            print(f"  {line}", file=sys.stderr)
        if args.json:
            print(
                json.dumps(
                    {
                        "published": False,
                        "stage": exc.stage,
                        "message": exc.message,
                        "details": exc.details,
                    },
                    indent=2,
                    ensure_ascii=False,
                )
            )
        return EXIT_VALIDATION if exc.stage == "validation" else EXIT_DBT
    _print_ingest(result.ingest)
    checks = ", ".join(f"{k} {v}" for k, v in result.checks.items()) or "none"
    w = result.warehouse
    print(
        f"warehouse: {w.get('documents', 0)} documents, {w.get('cells', 0)} cells, "
        f"{w.get('budget_amounts', 0)} budget amounts, {w.get('indicator_values', 0)} indicator values",
        file=sys.stderr,
    )
    print(
        f"dbt: {result.dbt_summary} | checks: {checks} | published {db} in {result.seconds:.1f} s",
        file=sys.stderr,
    )
    if result.dbt_warnings:
        print("dbt tests that warned (findings about documents; the report lists them):", file=sys.stderr)
        for line in result.dbt_warnings:
            print(f"  {line}", file=sys.stderr)
    if args.json:
        print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    return EXIT_DOCUMENT_FAILED if result.ingest.failed else EXIT_OK


def _report(args) -> int:
    import duckdb

    from kommunbudget.report import write_report

    db = args.db or _default_db()
    if not db.exists():
        print(f"no warehouse at {db}: run `kommunbudget build` first", file=sys.stderr)
        return EXIT_USAGE
    try:
        result = write_report(db, args.out)
    except duckdb.Error as exc:
        print(f"cannot read the marts of {db}: {exc}; run `kommunbudget build` first", file=sys.stderr)
        return EXIT_USAGE
    pages = result.out_dir / "documents"
    print(f"report written to {result.index} ({len(result.documents)} document pages in {pages})")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command is None:
        parser().print_help()
        return EXIT_USAGE
    from kommunbudget.publish import WarehouseBusy

    try:
        if args.command == "ingest":
            return _ingest(args)
        if args.command == "report":
            return _report(args)
        return _build(args)
    except WarehouseBusy as exc:
        print(f"busy: {exc}", file=sys.stderr)
        return EXIT_BUSY


if __name__ == "__main__":
    sys.exit(main())
