"""The dbt project's files, read without building: what stops a publish and what only warns."""

from __future__ import annotations

from tests.support.corpus import ROOT


def test_item6_data_findings_warn_and_invariants_stay_errors():
    """The yml: the singular data test warns; keys, contracts and relationships are errors."""
    singular = (ROOT / "tests" / "dbt" / "every_total_line_has_a_check_for_each_printed_year.sql").read_text()
    assert "severity='warn'" in singular.replace('"', "'").replace(" ", "")
    marts = (ROOT / "models" / "marts" / "budget" / "_budget__models.yml").read_text()
    assert "severity: warn" not in marts.split("- name: check_id")[1].split("- name: check_type")[0]
