"""Great Expectations on the raw tables, before dbt builds on them.

GX 1.x validates pandas DataFrames read from DuckDB (its SQL path through duckdb_engine is
broken). Only the current, landed documents are validated: they are what dbt will build. Every
failed expectation names the documents it failed for, so that `ingest` (and `build`'s ingest
step) can reject the documents it just landed alone; a problem in a document published before
stops the build with one readable line per problem, and nothing is published.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from kommunbudget.db import connect

YEARS = (1990, 2099)
SCENARIOS = ["utfall", "budget", "plan", "prognos"]


def _units() -> list[str]:
    """The units seeds/units.csv knows (the vocabulary the extractor reads)."""
    from extract.vocabulary import load_vocabulary

    return sorted({u.unit for _, u in load_vocabulary().units})


def _money_units() -> list[str]:
    from extract.vocabulary import load_vocabulary

    return sorted(load_vocabulary().money_units())


ACTIVE = "(select document_id from raw.documents where status = 'landed' and is_current)"


def _active(document_ids: list[str] | None) -> str:
    """The documents to validate: every current landed one, or those of `document_ids`."""
    if document_ids is None:
        return ACTIVE
    listed = ", ".join("'" + d.replace("'", "''") + "'" for d in document_ids) or "null"
    return (
        "(select document_id from raw.documents where status = 'landed' and is_current "
        f"and document_id in ({listed}))"
    )


# Per document: digit lines, lines that became cells, and digit lines that nothing accounts for
# (not a cell, not table structure, not an amount in running text, not an extraction issue).
DIGIT_LINES_SQL = """
with page_lines as (
    select document_id, first_line, string_split(text, chr(10)) as texts
    from raw.pages
    where document_id in {active}
),
lines as (
    select document_id, first_line + t.i - 1 as line_no, texts[t.i] as txt
    from page_lines, range(1, len(texts) + 1) as t(i)
),
digit_lines as (
    select document_id, line_no from lines where regexp_matches(txt, '[0-9]')
),
explained as (
    select document_id, unnest(range(header_first_line, header_last_line + 1)) as line_no from raw.tables
    union select document_id, title_line from raw.tables where title_line is not null
    union select document_id, unnest(range(label_first_line, label_last_line + 1)) from raw.rows
    union select document_id, source_line from raw.rows
    union select document_id, source_line from raw.cells
    union select document_id, source_line from raw.narrative_amounts
    union select document_id, source_line from raw.extraction_issues where source_line is not null
    union select document_id, unnest(range(source_line, coalesce(source_last_line, source_line) + 1))
        from raw.indicator_values
    union select document_id, unnest(range(label_first_line, label_last_line + 1)) from raw.indicator_values
    union select document_id, unnest(header_lines) from raw.indicator_tables
    union select document_id, unnest(note_lines) from raw.indicator_tables
    -- a running header or footer is reported once, on its first line; its other pages print it
    -- again with other digits (the page number): the same line once digits are masked
    union select l.document_id, l.line_no from lines l join raw.extraction_issues f
        on f.document_id = l.document_id and f.code = 'page_furniture'
        and regexp_replace(regexp_replace(trim(l.txt), '[0-9]+', '#', 'g'), '\\s+', ' ', 'g')
          = regexp_replace(regexp_replace(trim(f.raw_text), '[0-9]+', '#', 'g'), '\\s+', ' ', 'g')
)
select
    d.document_id,
    d.source_file,
    d.table_count,
    count(dl.line_no) as digit_lines,
    d.cell_line_count as cell_lines,
    count(dl.line_no) filter (where e.line_no is null) as unexplained_lines,
    coalesce(d.cell_line_count / nullif(count(dl.line_no), 0), 0) as cell_share
from raw.documents d
left join digit_lines dl on dl.document_id = d.document_id
left join explained e on e.document_id = dl.document_id and e.line_no = dl.line_no
where d.document_id in {active}
group by d.document_id, d.source_file, d.table_count, d.cell_line_count
"""


@dataclass
class Suite:
    name: str
    sql: str
    expectations: list = field(default_factory=list)


def _suites(gx, active: str) -> list[Suite]:
    e = gx.expectations
    digit_lines_sql = DIGIT_LINES_SQL.format(active=active)
    return [
        Suite(
            "documents",
            f"select * from raw.documents where document_id in {active}",
            [
                e.ExpectColumnValuesToBeUnique(column="document_id"),
                e.ExpectColumnValuesToNotBeNull(column="municipality_code"),
                e.ExpectColumnValuesToMatchRegex(column="municipality_code", regex=r"^\d{4}$"),
                e.ExpectColumnValuesToBeBetween(column="base_year", min_value=YEARS[0], max_value=YEARS[1]),
                e.ExpectColumnValuesToBeBetween(column="line_count", min_value=1),
            ],
        ),
        Suite(
            "tables",
            f"select * from raw.tables where document_id in {active}",
            [
                e.ExpectColumnValuesToBeUnique(column="table_id"),
                e.ExpectColumnValuesToBeInSet(column="unit", value_set=_units()),
                e.ExpectColumnValuesToBeInSet(column="kind", value_set=["budget", "key_figures"]),
                e.ExpectColumnValuesToBeBetween(column="column_count", min_value=1, max_value=20),
                e.ExpectColumnValuesToNotBeNull(column="title"),
            ],
        ),
        Suite(
            "columns",
            # Not and percent columns have no year or scenario; money columns must have both.
            f"select * from raw.columns where document_id in {active} "
            "and amount_kind not in ('note', 'percent')",
            [
                e.ExpectColumnValuesToBeBetween(column="fiscal_year", min_value=YEARS[0], max_value=YEARS[1]),
                e.ExpectColumnValuesToNotBeNull(column="fiscal_year"),
                e.ExpectColumnValuesToBeInSet(column="scenario", value_set=SCENARIOS),
            ],
        ),
        Suite(
            "cells",
            f"select *, cast(value_numeric as double) as value from raw.cells where document_id in {active}",
            [
                e.ExpectColumnValuesToBeUnique(column="cell_id"),
                e.ExpectColumnValuesToNotBeNull(column="value_as_printed"),
                e.ExpectColumnValuesToBeBetween(column="decimals", min_value=0, max_value=4),
                # 10^12 in any unit is beyond every Swedish municipality's budget: a misread number
                e.ExpectColumnValuesToBeBetween(column="value", min_value=-1e12, max_value=1e12),
                e.ExpectColumnValuesToNotBeNull(column="source_line"),
            ],
        ),
        Suite(
            "narrative_amounts",
            f"select *, cast(value_numeric as double) as value "
            f"from raw.narrative_amounts where document_id in {active}",
            [
                e.ExpectColumnValuesToBeInSet(column="unit", value_set=_money_units()),
                e.ExpectColumnValuesToBeBetween(column="fiscal_year", min_value=YEARS[0], max_value=YEARS[1]),
                e.ExpectColumnValuesToBeBetween(column="value", min_value=-1e12, max_value=1e12),
            ],
        ),
        Suite(
            "extraction_issues",
            f"select * from raw.extraction_issues where document_id in {active}",
            [
                e.ExpectColumnValuesToBeInSet(column="severity", value_set=["error", "warning", "info"]),
                e.ExpectColumnValuesToNotBeNull(column="message"),
            ],
        ),
        Suite(
            "digit_lines",
            digit_lines_sql,
            [
                # nothing read is silently dropped: every digit line became something or has a reason
                e.ExpectColumnValuesToBeBetween(column="unexplained_lines", min_value=0, max_value=0),
                e.ExpectColumnValuesToBeBetween(column="cell_share", min_value=0, max_value=1),
            ],
        ),
    ]


def _describe(suite: Suite, result, frame) -> str:
    cfg = result.expectation_config
    kwargs = {k: v for k, v in cfg.kwargs.items() if k not in ("column", "batch_id")}
    column = cfg.kwargs.get("column")
    unexpected = result.result.get("partial_unexpected_list") or []
    who = ""
    if column is not None and "source_file" in frame.columns and unexpected:
        files = frame.loc[frame[column].isin(unexpected), "source_file"].dropna().unique().tolist()
        if files:
            who = f" in {', '.join(files[:5])}"
    count = result.result.get("unexpected_count")
    what = cfg.type.replace("expect_column_values_to_", "").replace("_", " ")
    return (
        f"raw.{suite.name.split('_of_')[0]}.{column}: expected values to {what} {kwargs}; "
        f"{count} do not, e.g. {unexpected[:5]}{who}"
    )


@dataclass
class Validation:
    problems: list[str] = field(default_factory=list)  # one readable line per failed expectation
    by_document: dict[str, list[str]] = field(default_factory=dict)  # document_id -> its problems


def _per_document(suite: Suite, result, into: dict[str, list[str]]) -> None:
    cfg = result.expectation_config
    column = cfg.kwargs.get("column")
    kwargs = {k: v for k, v in cfg.kwargs.items() if k not in ("column", "batch_id")}
    what = cfg.type.replace("expect_column_values_to_", "").replace("_", " ")
    found: dict[str, list] = {}
    for entry in result.result.get("unexpected_index_list") or []:
        found.setdefault(entry["document_id"], []).append(entry.get(column))
    for doc, values in found.items():
        into.setdefault(doc, []).append(
            f"raw.{suite.name.split('_of_')[0]}.{column} should {what} {kwargs}: "
            f"{len(values)} value(s) do not, e.g. {values[:3]}"
        )


def check_raw(db: Path, document_ids: list[str] | None = None) -> Validation:
    """Validate the current landed documents (or only those of `document_ids`)."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    with connect(db, read_only=True) as con:
        suites = _suites(gx, _active(document_ids))
        frames = {s.name: con.execute(s.sql).df() for s in suites}
    names = dict(zip(frames["documents"]["document_id"], frames["documents"]["source_file"], strict=True))
    for frame in frames.values():
        if "source_file" not in frame.columns and "document_id" in frame.columns:
            frame["source_file"] = frame["document_id"].map(names)
    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = ctx.data_sources.add_pandas("raw")
    validation = Validation()
    for suite in suites:
        frame = frames[suite.name]
        if frame.empty:
            continue
        asset = source.add_dataframe_asset(suite.name)
        batch = asset.add_batch_definition_whole_dataframe(suite.name)
        gx_suite = ctx.suites.add(gx.ExpectationSuite(name=suite.name))
        for expectation in suite.expectations:
            gx_suite.add_expectation(expectation)
        definition = ctx.validation_definitions.add(
            gx.ValidationDefinition(name=suite.name, data=batch, suite=gx_suite)
        )
        outcome = definition.run(
            batch_parameters={"dataframe": frame},
            result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["document_id"]},
        )
        for r in outcome.results:
            if not r.success:
                validation.problems.append(_describe(suite, r, frame))
                _per_document(suite, r, validation.by_document)
    return validation
