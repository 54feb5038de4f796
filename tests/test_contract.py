"""docs/contract.md is the public interface: every column it lists exists in a built warehouse,
with the type it states (columns marked "(coming)" are promised, not there yet)."""

from __future__ import annotations

import re

import duckdb

from tests.support.corpus import ROOT

CONTRACT = ROOT / "docs" / "contract.md"
_SECTION = re.compile(r"^## (raw|marts)\.(\w+)", re.MULTILINE)
_ROW = re.compile(r"^\| (\w+) \| ([a-z]+(?:\(\d+,\d+\))?)(?:, null)? \|(.*)\|$", re.MULTILINE)


def promised_columns() -> list[tuple[str, str, str]]:
    """(schema.table, column, type) for every column the contract lists as there today."""
    text = CONTRACT.read_text(encoding="utf-8")
    sections = list(_SECTION.finditer(text))
    out = []
    for i, section in enumerate(sections):
        end = sections[i + 1].start() if i + 1 < len(sections) else len(text)
        relation = f"{section.group(1)}.{section.group(2)}"
        for row in _ROW.finditer(text, section.end(), end):
            column, type_, meaning = row.groups()
            if column != "column" and "(coming)" not in meaning:
                out.append((relation, column, type_))
    return out


def test_the_contract_lists_every_mart():
    relations = {relation for relation, _, _ in promised_columns()}
    assert relations == {
        "marts.fct_budget_amounts",
        "marts.fct_reconciliation_checks",
        "marts.rpt_plan_period",
        "marts.rpt_municipality_comparison",
        "marts.rpt_unmapped_labels",
        "marts.fct_indicators",
        "marts.dim_municipality",
        "marts.dim_committee",
        "marts.dim_document",
        "marts.dim_document_page",
        "raw.extraction_issues",
    }


def test_every_promised_column_is_there_with_its_type(built):
    con = duckdb.connect(str(built), read_only=True)
    try:
        actual = {
            (f"{schema}.{table}", column): type_.lower()
            for schema, table, column, type_ in con.execute(
                "select table_schema, table_name, column_name, data_type from information_schema.columns"
            ).fetchall()
        }
    finally:
        con.close()
    wrong = [
        f"{relation}.{column}: contract says {type_}, warehouse has {actual.get((relation, column), 'nothing')}"
        for relation, column, type_ in promised_columns()
        if actual.get((relation, column)) != type_
    ]
    assert not wrong, "\n".join(wrong)
