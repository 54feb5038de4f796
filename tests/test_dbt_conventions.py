"""The dbt project follows dbt-project-evaluator's rules (kommunbudget/evaluator.py).

The first test parses the real project (``dbt parse``: no build, no warehouse) and expects no
finding beyond the exceptions written down with their reasons. The others feed the rules small
hand-made graphs, so that each rule is seen to catch what it is about.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from kommunbudget.evaluator import (
    EXCEPTIONS_FILE,
    Exception_,
    Finding,
    apply_exceptions,
    evaluate,
    parse_manifest,
    read_exceptions,
)
from tests.support.corpus import ROOT


def test_the_project_passes_the_evaluator_with_its_written_exceptions(tmp_path: Path) -> None:
    outcome = apply_exceptions(
        evaluate(parse_manifest(ROOT, tmp_path)), read_exceptions(ROOT / EXCEPTIONS_FILE)
    )
    assert [str(f) for f in outcome.findings] == []
    assert outcome.stale == []


def test_every_exception_gives_a_reason() -> None:
    exceptions = read_exceptions(ROOT / EXCEPTIONS_FILE)
    assert exceptions
    assert [e for e in exceptions if len(e.reason.split()) < 8] == []


# ------------------------------------------------------------------------ a graph by hand

PACKAGE = "demo"


def model(name: str, path: str, parents: Sequence[str] = (), **extra: Any) -> dict[str, Any]:
    node = {
        "unique_id": f"model.{PACKAGE}.{name}",
        "name": name,
        "resource_type": "model",
        "package_name": PACKAGE,
        "original_file_path": path,
        "patch_path": f"{PACKAGE}://{str(Path(path).parent)}/_models.yml",
        "description": f"The {name} model.",
        "config": {"materialized": "table"},
        "columns": {},
        "access": "protected",
        "contract": {"enforced": False},
        "raw_code": "select 1",
        "depends_on": {"nodes": list(parents)},
    }
    node.update(extra)
    return node


def source(table: str) -> dict[str, Any]:
    return {
        "unique_id": f"source.{PACKAGE}.erp.{table}",
        "name": table,
        "source_name": "erp",
        "resource_type": "source",
        "package_name": PACKAGE,
        "original_file_path": "models/staging/erp/_erp__sources.yml",
        "description": f"The {table} table.",
        "source_description": "The ERP.",
        "schema": "raw",
        "identifier": table,
        "freshness": {"warn_after": {"count": 1, "period": "day"}},
    }


def key_tests(of: str, column: str = "id") -> list[dict[str, Any]]:
    return [
        {
            "unique_id": f"test.{PACKAGE}.{test}_{of}",
            "name": f"{test}_{of}_{column}",
            "resource_type": "test",
            "package_name": PACKAGE,
            "original_file_path": "models/staging/erp/_models.yml",
            "attached_node": f"model.{PACKAGE}.{of}",
            "column_name": column,
            "test_metadata": {"name": test},
            "depends_on": {"nodes": [f"model.{PACKAGE}.{of}"]},
        }
        for test in ("unique", "not_null")
    ]


def manifest(*nodes: dict[str, Any], exposures: Sequence[dict[str, Any]] = ()) -> dict[str, Any]:
    return {
        "metadata": {"project_name": PACKAGE},
        "nodes": {n["unique_id"]: n for n in nodes if n["resource_type"] != "source"},
        "sources": {n["unique_id"]: n for n in nodes if n["resource_type"] == "source"},
        "exposures": {e["unique_id"]: e for e in exposures},
        "unit_tests": {},
    }


ORDERS = source("orders")
CUSTOMERS = source("customers")
STG_ORDERS = model("stg_erp__orders", "models/staging/erp/stg_erp__orders.sql", [ORDERS["unique_id"]])
STG_CUSTOMERS = model(
    "stg_erp__customers", "models/staging/erp/stg_erp__customers.sql", [CUSTOMERS["unique_id"]]
)


def rules_found(*nodes: dict[str, Any], **kwargs: Any) -> set[tuple[str, str]]:
    return {(f.rule, f.resource) for f in evaluate(manifest(*nodes, **kwargs))}


def test_a_clean_staging_layer_has_no_finding() -> None:
    found = rules_found(
        ORDERS,
        CUSTOMERS,
        STG_ORDERS,
        STG_CUSTOMERS,
        *key_tests("stg_erp__orders"),
        *key_tests("stg_erp__customers"),
    )
    assert found == set()


def test_staging_reading_staging_and_joining_its_source_to_a_model() -> None:
    joined = model(
        "stg_erp__orders",
        "models/staging/erp/stg_erp__orders.sql",
        [ORDERS["unique_id"], STG_CUSTOMERS["unique_id"]],
    )
    found = rules_found(ORDERS, CUSTOMERS, joined, STG_CUSTOMERS, *key_tests("stg_erp__orders"))
    assert ("fct_staging_dependent_on_staging", "stg_erp__orders<-stg_erp__customers") in found
    assert ("fct_direct_join_to_source", "stg_erp__orders") in found
    assert ("fct_missing_primary_key_tests", "stg_erp__customers") in found
    assert ("fct_missing_primary_key_tests", "stg_erp__orders") not in found


def test_a_unique_test_alone_is_no_primary_key_but_a_unique_combination_is() -> None:
    unique_only = [t for t in key_tests("stg_erp__orders") if t["test_metadata"]["name"] == "unique"]
    combination = {
        **key_tests("stg_erp__customers")[0],
        "unique_id": f"test.{PACKAGE}.combo",
        "column_name": None,
        "test_metadata": {"name": "unique_combination"},
    }
    found = rules_found(ORDERS, CUSTOMERS, STG_ORDERS, STG_CUSTOMERS, *unique_only, combination)
    assert ("fct_missing_primary_key_tests", "stg_erp__orders") in found
    assert ("fct_missing_primary_key_tests", "stg_erp__customers") not in found


def test_an_exposure_on_a_source_and_a_private_mart_and_a_public_mart_without_contract() -> None:
    mart = model("fct_orders", "models/marts/fct_orders.sql", [STG_ORDERS["unique_id"]], access="public")
    private = model("dim_customers", "models/marts/dim_customers.sql", [STG_CUSTOMERS["unique_id"]])
    exposure = {
        "unique_id": f"exposure.{PACKAGE}.report",
        "name": "report",
        "resource_type": "exposure",
        "package_name": PACKAGE,
        "original_file_path": "models/exposures.yml",
        "depends_on": {"nodes": [mart["unique_id"], private["unique_id"], ORDERS["unique_id"]]},
    }
    found = rules_found(ORDERS, CUSTOMERS, STG_ORDERS, STG_CUSTOMERS, mart, private, exposures=[exposure])
    assert ("fct_public_models_without_contract", "fct_orders") in found
    assert ("fct_undocumented_public_models", "fct_orders") in found  # no column documented
    assert ("fct_exposures_dependent_on_private_models", "report<-dim_customers") in found
    assert ("fct_exposures_dependent_on_private_models", "report<-erp.orders") in found
    assert ("fct_exposure_parents_materializations", "report<-erp.orders") in found
    assert ("fct_exposures_dependent_on_private_models", "report<-fct_orders") not in found
    assert ("kb_marts_not_public", "dim_customers") in found


def test_folders_names_and_yml_placement() -> None:
    misplaced = model("int_orders__joined", "models/marts/int_orders__joined.sql", [STG_ORDERS["unique_id"]])
    unnamed = model("orders_report", "models/marts/orders_report.sql", [STG_ORDERS["unique_id"]])
    described_above = model(
        "int_customers__typed",
        "models/intermediate/customers/int_customers__typed.sql",
        [STG_CUSTOMERS["unique_id"]],
        patch_path=f"{PACKAGE}://models/intermediate/_models.yml",
    )
    found = rules_found(ORDERS, CUSTOMERS, STG_ORDERS, STG_CUSTOMERS, misplaced, unnamed, described_above)
    assert ("fct_model_directories", "int_orders__joined") in found
    assert ("fct_model_naming_conventions", "orders_report") in found
    assert ("kb_properties_outside_model_folder", "int_customers__typed") in found
    assert ("kb_properties_outside_model_folder", "int_orders__joined") not in found


def test_unused_and_unfresh_sources_and_a_root_model() -> None:
    stale = {**source("invoices"), "freshness": None}
    root = model("int_calendar", "models/intermediate/int_calendar.sql")
    found = rules_found(ORDERS, CUSTOMERS, STG_ORDERS, STG_CUSTOMERS, stale, root)
    assert ("fct_unused_sources", "erp.invoices") in found
    assert ("fct_sources_without_freshness", "erp.invoices") in found
    assert ("fct_sources_without_freshness", "erp.orders") not in found
    assert ("fct_root_models", "int_calendar") in found


def test_rejoining_a_concept_through_a_model_read_only_once() -> None:
    middle = model(
        "int_orders__priced", "models/intermediate/int_orders__priced.sql", [STG_ORDERS["unique_id"]]
    )
    child = model(
        "fct_orders",
        "models/marts/fct_orders.sql",
        [STG_ORDERS["unique_id"], middle["unique_id"]],
        access="public",
    )
    found = rules_found(ORDERS, CUSTOMERS, STG_ORDERS, STG_CUSTOMERS, middle, child)
    assert ("fct_rejoining_of_upstream_concepts", "fct_orders<-stg_erp__orders") in found


def test_hard_coded_relations_outside_comments() -> None:
    coded = model(
        "int_orders__raw",
        "models/intermediate/int_orders__raw.sql",
        [STG_ORDERS["unique_id"]],
        raw_code="{# read from raw.orders once #}\nselect * from raw.orders -- from raw.customers\n",
    )
    findings = evaluate(manifest(ORDERS, CUSTOMERS, STG_ORDERS, STG_CUSTOMERS, coded))
    hard = [f for f in findings if f.rule == "fct_hard_coded_references"]
    assert [(f.resource, f.detail) for f in hard] == [
        ("int_orders__raw", "names raw.orders instead of ref()/source()")
    ]


@pytest.mark.parametrize(
    ("exceptions", "left", "stale"),
    [
        ([Exception_("fct_root_models", "int_calendar", "a calendar spine is generated, not read")], 0, 0),
        ([Exception_("fct_root_models", "int_other", "no such model any more")], 1, 1),
    ],
)
def test_exceptions_excuse_exactly_what_they_name_and_stale_ones_are_reported(
    exceptions: list[Exception_], left: int, stale: int
) -> None:
    findings = [Finding("fct_root_models", "int_calendar", "reads neither a source, a seed nor a model")]
    outcome = apply_exceptions(findings, exceptions)
    assert (len(outcome.findings), len(outcome.stale)) == (left, stale)
    assert outcome.ok is (left == 0 and stale == 0)
