"""The year rule: a year before the document's is utfall, its own the budget, a later one plan."""

from __future__ import annotations

import pytest

from extract.scenarios import forecast_or_plan, scenario_of_year


@pytest.mark.parametrize(
    ("year", "base_year", "scenario"),
    [
        (2023, 2024, "utfall"),
        (2024, 2024, "budget"),
        (2025, 2024, "plan"),
        (None, 2024, None),
        (2024, None, None),
    ],
)
def test_a_year_is_utfall_budget_or_plan_against_the_base_year(year, base_year, scenario):
    assert scenario_of_year(year, base_year) == scenario


def test_a_forecast_of_a_later_year_is_a_plan_and_of_the_base_year_stays_a_forecast():
    assert forecast_or_plan("prognos", 2026, 2024) == "plan"
    assert forecast_or_plan("prognos", 2024, 2024) == "prognos"
    assert forecast_or_plan("budget", 2026, 2024) == "budget"
    assert forecast_or_plan("prognos", None, 2024) == "prognos"
