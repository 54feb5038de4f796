"""Which scenario a year is, seen from the year a document is for (its base year).

The same rule as the dbt macro ``scenario_of_year`` (macros/scenario.sql), which applies it to
the plan-period years no document states; the extractor applies it where a column or a sentence
names a year but no scenario word. Change one, change the other.
"""

from __future__ import annotations


def scenario_of_year(year: int | None, base_year: int | None) -> str | None:
    """Before the base year an outcome (utfall), the base year the budget, after it the plan."""
    if year is None or base_year is None:
        return None
    if year < base_year:
        return "utfall"
    return "budget" if year == base_year else "plan"


def forecast_or_plan(scenario: str | None, year: int | None, base_year: int | None) -> str | None:
    """A forecast (prognos) of a year after the document's is a plan-period figure."""
    if scenario == "prognos" and year is not None and base_year is not None and year > base_year:
        return "plan"
    return scenario
