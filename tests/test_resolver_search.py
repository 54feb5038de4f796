"""The resolver's joint search (extract/joint.py) reads generated wide tables as written and
chooses exactly what enumerating every combination of readings would choose.

The tables come from tests/support/wide_tables.py: amounts printed with a space between
thousands, so a row has many readings and only the table's sums tell which one was printed.
How long a table takes is measured by ``make bench`` (bench/run.py), not asserted here.
"""

from __future__ import annotations

import random
from itertools import product
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.pipeline import extract_document
from extract.resolve import TableResolver
from tests.support.wide_tables import Shape, WideTable, write_document


def read_rows(result, truth: list[WideTable]) -> list[tuple[str, list[int | None]]]:
    """Every value row of every table as (label, one amount or None per column)."""
    rows = []
    for table, typed in zip(result.tables, truth, strict=True):
        for row in table.rows:
            if row.row_type != "values":
                continue
            cells: list[int | None] = [None] * typed.columns
            for c in row.cells:
                cells[c.column_index] = int(c.value_numeric)
            rows.append((row.label, cells))
    return rows


def typed_rows(truth: list[WideTable]) -> list[tuple[str, list[int | None]]]:
    return [(label, list(values)) for table in truth for label, values in table.rows]


# The issue's tables: 8 year columns, 19 items and their Summa, amounts of 4 to 7 digits; one row
# in twenty lacks its first years, so that the totals (not the formatting) must place its values.
ISSUE_SHAPE = Shape(columns=8, items=19, digits=(4, 7), spread=0.05, gaps=0.05)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_every_generated_table_is_read_as_written(tmp_path: Path, seed: int):
    path = tmp_path / "linkoping_budget.txt"
    truth = write_document(path, tables=2, seed=seed, shape=ISSUE_SHAPE)
    result = extract_document(path)
    assert len(result.tables) == len(truth)
    assert read_rows(result, truth) == typed_rows(truth)


# -- the same choice as enumeration ---------------------------------------------------------


def best_by_enumeration(resolver: TableResolver, rows, options, constraints, choice):
    """What the resolver did before the branch and bound: every combination, in product order,
    the first of the best score (the current readings when none beats them)."""
    saved = [choice[i] for i in rows]
    best_score = resolver.arith.touched(constraints, choice) + sum(r.prior for r in saved)
    best = list(saved)
    for combo in product(*options):
        for i, r in zip(rows, combo, strict=True):
            choice[i] = r
        score = resolver.arith.touched(constraints, choice) + sum(r.prior for r in combo)
        if score > best_score + 1e-9:
            best_score, best = score, list(combo)
    for i, r in zip(rows, saved, strict=True):
        choice[i] = r
    return best


class Comparison:
    """Wraps the resolver's joint search: each call also enumerates and records both answers."""

    def __init__(self, monkeypatch):
        self.searches: list[tuple[list, list]] = []
        search = TableResolver._best_jointly

        def both(resolver, rows, options, constraints, choice):
            before = list(choice)
            found = search(resolver, rows, options, constraints, choice)
            assert choice == before, "the search leaves the choice as it found it"
            self.searches.append((found, best_by_enumeration(resolver, rows, options, constraints, choice)))
            return found

        monkeypatch.setattr(TableResolver, "_best_jointly", both)


@st.composite
def small_shapes(draw) -> tuple[int, Shape]:
    seed = draw(st.integers(0, 10**6))
    rng = random.Random(seed)
    shape = Shape(
        columns=rng.randint(2, 8),
        items=rng.randint(2, 6),
        digits=(4, 7),
        gaps=draw(st.sampled_from([0.0, 0.3, 0.6])),
    )
    return seed, shape


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(small_shapes())
def test_the_search_chooses_what_enumeration_chooses(tmp_path_factory, monkeypatch, case):
    seed, shape = case
    path = tmp_path_factory.mktemp("wide") / "linkoping_budget.txt"
    write_document(path, tables=1, seed=seed, shape=shape)
    with monkeypatch.context() as m:
        comparison = Comparison(m)
        extract_document(path)
    for found, enumerated in comparison.searches:
        assert [id(r) for r in found] == [id(r) for r in enumerated]


def test_the_comparison_above_did_search(tmp_path_factory, monkeypatch):
    """Guard against a vacuous property: small generated tables do reach the joint search."""
    searches = 0
    for seed in range(12):
        path = tmp_path_factory.mktemp("wide") / "linkoping_budget.txt"
        write_document(path, tables=1, seed=seed, shape=Shape(columns=5, items=4, digits=(4, 7), gaps=0.3))
        with monkeypatch.context() as m:
            comparison = Comparison(m)
            extract_document(path)
        searches += len(comparison.searches)
        for found, enumerated in comparison.searches:
            assert [id(r) for r in found] == [id(r) for r in enumerated]
    assert searches > 0
