"""What the report reads from the warehouse, read-only: the marts and the documents' text."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from kommunbudget.db import connect


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> list[dict]:
    cur = con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


@dataclass
class Data:
    db: Path
    documents: list[dict]
    pages: dict[str, list[dict]]
    municipalities: dict[str, dict]
    plan: list[dict]
    checks: list[dict]
    comparison: list[dict]
    indicators: list[dict]
    unmapped: list[dict] = field(default_factory=list)  # marts.rpt_unmapped_labels

    @property
    def built_at(self):
        stamps = [d["landed_at"] for d in self.documents if d["landed_at"] is not None]
        return max(stamps) if stamps else None

    @property
    def plan_years(self) -> list[int]:
        """The plan period as the mart spans it (every committee has a row for each of its years)."""
        return sorted({r["fiscal_year"] for r in self.plan})


def load(db: Path) -> Data:
    con = connect(db, read_only=True)
    try:
        documents = _rows(
            con,
            """select document_id, source_file, municipality_code, municipality_name, committee_name,
                      committee_type, issuing_unit, document_type, document_title, base_year, file_format,
                      sha256, page_count, table_count, cell_count, narrative_count, issue_count,
                      warning_count, landed_at
               from marts.dim_document where is_active
               order by municipality_name, committee_name, base_year, source_file""",
        )
        active = [d["document_id"] for d in documents]
        pages: dict[str, list[dict]] = defaultdict(list)
        for p in _rows(
            con,
            "select document_id, page_no, page_kind, first_line, last_line, page_text as text "
            "from marts.dim_document_page "
            "where list_contains(?, document_id) order by document_id, page_no",
            [active],
        ):
            pages[p["document_id"]].append(p)
        municipalities = {
            m["municipality_code"]: m
            for m in _rows(
                con,
                "select municipality_code, municipality_name, population, population_date, "
                "population_source from marts.dim_municipality",
            )
        }
        plan = _rows(
            con,
            """select p.*, m.municipality_name
               from marts.rpt_plan_period p
               left join marts.dim_municipality m using (municipality_code)
               order by m.municipality_name, p.committee_name, p.measure, p.fiscal_year""",
        )
        checks = _rows(
            con,
            """select c.*, m.municipality_name
               from marts.fct_reconciliation_checks c
               left join marts.dim_municipality m using (municipality_code)
               order by case c.status when 'fail' then 0 when 'warn' then 1 else 2 end, c.check_type,
                        m.municipality_name, c.committee_name, c.table_title, c.line_label, c.fiscal_year""",
        )
        # select *: rows of other kinds (standard lines, committee_type null) may join the mart.
        comparison = _rows(
            con,
            """select * from marts.rpt_municipality_comparison
               order by committee_type nulls last, measure, municipality_name, fiscal_year""",
        )
        indicators = _rows(
            con,
            """select * from marts.rpt_indicator_comparison
               order by concept_id, municipality_name, committee_name, period_year, value_role""",
        )
        unmapped = _rows(
            con,
            """select * from marts.rpt_unmapped_labels
               order by source_file, source_line nulls last, line_label""",
        )
    finally:
        con.close()
    return Data(db, documents, dict(pages), municipalities, plan, checks, comparison, indicators, unmapped)
