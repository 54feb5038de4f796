"""dbt-project-evaluator's rules, read from dbt's own manifest.

dbt-labs/dbt-project-evaluator checks a dbt project against the conventions of dbt's "How we
structure our dbt projects" guide. It is a dbt package, and no package can be installed here (no
dbt hub), so its rules are written again below over ``target/manifest.json`` (what ``dbt parse``
writes): one function per rule, named after the package's fact model (``fct_…``) and checking
what that model checks, with the package's defaults. Where this project configures the package
differently, ``CONFIG`` says so and why. Three rules are this project's own (``kb_…``).

Exceptions are written down in ``dbt_project_evaluator_exceptions.csv`` (the name of the package's
own exceptions seed), each with its reason; an exception that no longer matches a finding is
itself reported, so the file cannot rot. ``python -m kommunbudget.evaluator`` runs ``dbt parse``
and prints what is left (exit code 1 when anything is); ``tests/test_dbt_conventions.py`` runs it.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from extract.paths import project_root

EXCEPTIONS_FILE = "dbt_project_evaluator_exceptions.csv"


@dataclass(frozen=True)
class Config:
    """The package's variables (its dbt_project.yml), as this project sets them."""

    # STYLE.md: marts are fct_, dim_ and rpt_ tables. The package puts rpt_ under `other`, which
    # would make every rpt_ model in models/marts/ a misplaced model.
    prefixes: dict[str, tuple[str, ...]] = field(
        default_factory=lambda: {
            "base": ("base_",),
            "staging": ("stg_",),
            "intermediate": ("int_",),
            "marts": ("fct_", "dim_", "rpt_"),
        }
    )
    folders: dict[str, str] = field(
        default_factory=lambda: {
            "base": "base",
            "staging": "staging",
            "intermediate": "intermediate",
            "marts": "marts",
        }
    )
    models_fanout_threshold: int = 3
    too_many_joins_threshold: int = 7
    chained_views_threshold: int = 5
    # Tests that make a primary key (the package's primary_key_test_macros). dbt_utils'
    # unique_combination_of_columns cannot be installed here: macros/tests/unique_combination.sql
    # is this project's copy of it.
    primary_key_tests: tuple[frozenset[str], ...] = (
        frozenset({"unique", "not_null"}),
        frozenset({"unique_combination"}),
    )


CONFIG = Config()


@dataclass(frozen=True)
class Finding:
    rule: str  # the package's fact model, e.g. fct_direct_join_to_source
    # What an exception names: a model, `source_name.table` or an exposure; for a rule about one
    # edge of the graph, `child<-parent`.
    resource: str
    detail: str

    def __str__(self) -> str:
        return f"{self.rule}: {self.resource}: {self.detail}"


@dataclass(frozen=True)
class Exception_:
    rule: str
    resource: str
    reason: str


@dataclass(frozen=True)
class Resource:
    unique_id: str
    name: str  # models and seeds by name, sources as source_name.table, exposures by name
    resource_type: str  # model, seed, source, snapshot, exposure
    path: str  # the file it is defined in (a source's or exposure's yml)
    node: dict[str, Any]

    @property
    def directory(self) -> PurePosixPath:
        return PurePosixPath(self.path).parent

    @property
    def materialized(self) -> str | None:
        return self.node.get("config", {}).get("materialized")

    @property
    def is_public(self) -> bool:
        return self.node.get("access") == "public"

    @property
    def description(self) -> str:
        return (self.node.get("description") or "").strip()


class Project:
    """The project's graph as the manifest gives it: resources, their parents and their tests."""

    def __init__(self, manifest: dict[str, Any], config: Config = CONFIG) -> None:
        self.manifest = manifest
        self.config = config
        self.package = manifest["metadata"].get("project_name") or _first_package(manifest)
        self.resources: dict[str, Resource] = {}
        for unique_id, node in manifest["nodes"].items():
            if (
                node["resource_type"] in ("model", "seed", "snapshot")
                and node["package_name"] == self.package
            ):
                self.resources[unique_id] = Resource(
                    unique_id, node["name"], node["resource_type"], node["original_file_path"], node
                )
        for unique_id, source in manifest["sources"].items():
            if source["package_name"] == self.package:
                name = f"{source['source_name']}.{source['name']}"
                self.resources[unique_id] = Resource(
                    unique_id, name, "source", source["original_file_path"], source
                )
        for unique_id, exposure in manifest["exposures"].items():
            if exposure["package_name"] == self.package:
                self.resources[unique_id] = Resource(
                    unique_id, exposure["name"], "exposure", exposure["original_file_path"], exposure
                )
        self.parents: dict[str, list[str]] = {
            uid: [p for p in r.node.get("depends_on", {}).get("nodes", []) if p in self.resources]
            for uid, r in self.resources.items()
        }
        self.children: dict[str, list[str]] = defaultdict(list)
        for uid, parents in self.parents.items():
            for parent in parents:
                self.children[parent].append(uid)
        self.tests: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for node in manifest["nodes"].values():
            if node["resource_type"] == "test" and node["package_name"] == self.package:
                primary = node.get("attached_node") or (node["depends_on"]["nodes"] or [None])[-1]
                if primary:
                    self.tests[primary].append(node)
        self.unit_tests = [
            u for u in manifest.get("unit_tests", {}).values() if u["package_name"] == self.package
        ]

    def of_type(self, *resource_types: str) -> Iterator[Resource]:
        return (r for r in self.resources.values() if r.resource_type in resource_types)

    def models(self) -> Iterator[Resource]:
        return self.of_type("model")

    def model_named(self, name: str) -> Resource | None:
        return next((m for m in self.models() if m.name == name), None)

    def parents_of(self, resource: Resource, *resource_types: str) -> list[Resource]:
        found = [self.resources[p] for p in self.parents.get(resource.unique_id, [])]
        return [p for p in found if not resource_types or p.resource_type in resource_types]

    def children_of(self, resource: Resource, *resource_types: str) -> list[Resource]:
        found = [self.resources[c] for c in self.children.get(resource.unique_id, [])]
        return [c for c in found if not resource_types or c.resource_type in resource_types]

    def model_type(self, resource: Resource) -> str | None:
        """The package's model_type: by prefix, else by folder, else `other`."""
        if resource.resource_type not in ("model", "snapshot"):
            return None
        return self.model_type_by_prefix(resource) or self.model_type_by_folder(resource) or "other"

    def model_type_by_prefix(self, resource: Resource) -> str | None:
        return next(
            (kind for kind, prefixes in self.config.prefixes.items() if resource.name.startswith(prefixes)),
            None,
        )

    def model_type_by_folder(self, resource: Resource) -> str | None:
        """The layer folder nearest the file (models/marts/budget/x.sql: marts)."""
        by_folder = {folder: kind for kind, folder in self.config.folders.items()}
        return next(
            (by_folder[part] for part in reversed(resource.directory.parts) if part in by_folder), None
        )


def _first_package(manifest: dict[str, Any]) -> str:
    return next(n["package_name"] for n in manifest["nodes"].values() if n["resource_type"] == "model")


# ----------------------------------------------------------------------------------- modeling


def fct_root_models(project: Project) -> Iterator[Finding]:
    for model in project.models():
        if not project.parents_of(model):
            yield Finding("fct_root_models", model.name, "reads neither a source, a seed nor a model")


def fct_direct_join_to_source(project: Project) -> Iterator[Finding]:
    for model in project.models():
        sources = project.parents_of(model, "source")
        models = project.parents_of(model, "model", "snapshot")
        if sources and models:
            yield Finding(
                "fct_direct_join_to_source",
                model.name,
                f"joins source(s) {_names(sources)} with model(s) {_names(models)}: "
                "a staging model reads its source alone",
            )


def fct_marts_or_intermediate_dependent_on_source(project: Project) -> Iterator[Finding]:
    for model in project.models():
        if project.model_type(model) in ("marts", "intermediate"):
            for source in project.parents_of(model, "source"):
                yield Finding(
                    "fct_marts_or_intermediate_dependent_on_source",
                    _edge(model, source),
                    f"reads source {source.name} directly",
                )


def fct_multiple_sources_joined(project: Project) -> Iterator[Finding]:
    for model in project.models():
        sources = project.parents_of(model, "source")
        if len(sources) > 1:
            yield Finding("fct_multiple_sources_joined", model.name, f"reads sources {_names(sources)}")


def fct_source_fanout(project: Project) -> Iterator[Finding]:
    for source in project.of_type("source"):
        children = project.children_of(source, "model")
        if len(children) > 1:
            yield Finding("fct_source_fanout", source.name, f"read by models {_names(children)}")


def fct_staging_dependent_on_staging(project: Project) -> Iterator[Finding]:
    yield from _layer_dependencies(project, "fct_staging_dependent_on_staging", {"staging"}, {"staging"})


def fct_staging_dependent_on_marts_or_intermediate(project: Project) -> Iterator[Finding]:
    yield from _layer_dependencies(
        project, "fct_staging_dependent_on_marts_or_intermediate", {"marts", "intermediate"}, {"staging"}
    )


def _layer_dependencies(
    project: Project, rule: str, parent_types: set[str], child_types: set[str]
) -> Iterator[Finding]:
    for model in project.of_type("model", "snapshot"):
        if project.model_type(model) in child_types:
            for parent in project.parents_of(model, "model", "snapshot"):
                if project.model_type(parent) in parent_types:
                    yield Finding(
                        rule, _edge(model, parent), f"reads {project.model_type(parent)} model {parent.name}"
                    )


def fct_unused_sources(project: Project) -> Iterator[Finding]:
    for source in project.of_type("source"):
        if not project.children_of(source):
            yield Finding("fct_unused_sources", source.name, "no model or exposure reads it")


def fct_model_fanout(project: Project) -> Iterator[Finding]:
    leaves = {m.unique_id for m in project.models() if not project.children_of(m)}
    for parent in project.models():
        leaf_children = [c for c in project.children_of(parent, "model") if c.unique_id in leaves]
        if len(leaf_children) >= project.config.models_fanout_threshold:
            yield Finding(
                "fct_model_fanout",
                parent.name,
                f"{len(leaf_children)} leaf models read it: {_names(leaf_children)}",
            )


def fct_rejoining_of_upstream_concepts(project: Project) -> Iterator[Finding]:
    """A reads B and C, B reads C, and B is read by A alone: B's logic belongs in A (or A's
    read of C in B)."""
    kinds = ("model", "seed", "source", "snapshot")
    for child in project.of_type("model", "snapshot"):
        direct = {p.unique_id for p in project.parents_of(child, *kinds)}
        for middle in project.parents_of(child, *kinds):
            if len(project.children_of(middle, *kinds)) != 1:
                continue
            for parent in project.parents_of(middle, *kinds):
                if parent.unique_id in direct:
                    yield Finding(
                        "fct_rejoining_of_upstream_concepts",
                        _edge(child, parent),
                        f"reads {parent.name} and {middle.name}, which reads {parent.name} and feeds only it",
                    )


def fct_too_many_joins(project: Project) -> Iterator[Finding]:
    for model in project.models():
        parents = project.parents_of(model)
        if len(parents) >= project.config.too_many_joins_threshold:
            yield Finding(
                "fct_too_many_joins", model.name, f"reads {len(parents)} relations: {_names(parents)}"
            )


def fct_duplicate_sources(project: Project) -> Iterator[Finding]:
    by_relation: dict[str, list[Resource]] = defaultdict(list)
    for source in project.of_type("source"):
        by_relation[f"{source.node.get('schema')}.{source.node.get('identifier')}".lower()].append(source)
    for relation, sources in by_relation.items():
        if len(sources) > 1:
            yield Finding("fct_duplicate_sources", relation, f"defined as {_names(sources)}")


# The package's patterns (macros/find_all_hard_coded_references.sql): a relation named after from
# or join as schema.table or database.schema.table, a quoted name, or {{ var(...) }}.
_HARD_CODED = [
    re.compile(r"(?<!distinct\s)(?:from|join)\s+({{\s*var\s*\([^)]*\)\s*}})", re.IGNORECASE),
    re.compile(
        r"(?<!distinct\s)(?:from|join)\s+([\[`\"']?\w+-?\w*[\]`\"']?\.[\[`\"']?\w+-?\w*[\]`\"']?"
        r"(?:\.[\[`\"']?\w+-?\w*[\]`\"']?)?)(?=\s|$)",
        re.IGNORECASE,
    ),
    re.compile(r"(?<!distinct\s)(?:from|join)\s+([\[`\"']\w+-?\w+[\]`\"'])(?=\s|$)", re.IGNORECASE),
]
# Comments are not code: the package drops `--` comments; Jinja comments ({# … #}) are dropped too,
# since the docstring at the top of a model is one.
_COMMENTS = re.compile(r"{#.*?#}|--[^\n]*", re.DOTALL)


def fct_hard_coded_references(project: Project) -> Iterator[Finding]:
    for model in project.models():
        code = _COMMENTS.sub("", model.node.get("raw_code") or "")
        found = sorted({m.group(1).strip() for pattern in _HARD_CODED for m in pattern.finditer(code)})
        if found:
            yield Finding(
                "fct_hard_coded_references", model.name, f"names {', '.join(found)} instead of ref()/source()"
            )


# ------------------------------------------------------------------------------------ testing


def fct_missing_primary_key_tests(project: Project) -> Iterator[Finding]:
    for model in project.models():
        if not _has_primary_key_test(project, model):
            yield Finding(
                "fct_missing_primary_key_tests",
                model.name,
                "no column is tested unique and not_null (nor a unique_combination of columns)",
            )


def _has_primary_key_test(project: Project, model: Resource) -> bool:
    tests_by_column: dict[str | None, set[str]] = defaultdict(set)
    for test in project.tests.get(model.unique_id, []):
        name = (test.get("test_metadata") or {}).get("name")
        if name:
            tests_by_column[test.get("column_name")].add(name)
    for column in model.node.get("columns", {}).values():  # a not_null constraint counts as the test
        if any(c.get("type") == "not_null" for c in column.get("constraints", [])):
            tests_by_column[column["name"]].add("not_null")
    return any(
        required <= names
        for names in tests_by_column.values()
        for required in project.config.primary_key_tests
    )


def fct_sources_without_freshness(project: Project) -> Iterator[Finding]:
    for source in project.of_type("source"):
        freshness = source.node.get("freshness") or {}
        if not any((freshness.get(level) or {}).get("count") for level in ("warn_after", "error_after")):
            yield Finding(
                "fct_sources_without_freshness", source.name, "no freshness (warn_after or error_after)"
            )


def fct_test_coverage(project: Project) -> Iterator[Finding]:
    """The package measures the share of models with a test against a target of 100 %: each
    untested model is one finding here."""
    for model in project.models():
        if not project.tests.get(model.unique_id):
            yield Finding("fct_test_coverage", model.name, "has no data test")


# ------------------------------------------------------------------------------ documentation


def fct_undocumented_models(project: Project) -> Iterator[Finding]:
    for model in project.models():
        if not model.description:
            yield Finding("fct_undocumented_models", model.name, "has no description")


def fct_undocumented_source_tables(project: Project) -> Iterator[Finding]:
    for source in project.of_type("source"):
        if not source.description:
            yield Finding("fct_undocumented_source_tables", source.name, "has no description")


def fct_undocumented_sources(project: Project) -> Iterator[Finding]:
    names = {
        s.node["source_name"]
        for s in project.of_type("source")
        if not (s.node.get("source_description") or "").strip()
    }
    for name in sorted(names):
        yield Finding("fct_undocumented_sources", name, "the source has no description")


# ---------------------------------------------------------------------------------- structure


def fct_model_naming_conventions(project: Project) -> Iterator[Finding]:
    for model in project.models():
        kind = project.model_type(model)
        prefixes = project.config.prefixes.get(kind or "", ())
        if not model.name.startswith(prefixes):
            yield Finding(
                "fct_model_naming_conventions",
                model.name,
                f"a {kind} model without one of the prefixes {', '.join(prefixes) or '(none)'}",
            )


def fct_model_directories(project: Project) -> Iterator[Finding]:
    for model in project.models():
        kind = project.model_type(model)
        if kind == "staging":
            for source in project.parents_of(model, "source"):
                name = source.node["source_name"]
                if name not in model.directory.parts:
                    yield Finding(
                        "fct_model_directories",
                        model.name,
                        f"a staging model of source {name} outside a folder of that name",
                    )
        elif kind != project.model_type_by_folder(model):
            yield Finding("fct_model_directories", model.name, f"a {kind} model in {model.directory}")


def fct_source_directories(project: Project) -> Iterator[Finding]:
    for source in project.of_type("source"):
        expected = PurePosixPath("models", project.config.folders["staging"], source.node["source_name"])
        if source.directory != expected:
            yield Finding(
                "fct_source_directories", source.name, f"defined in {source.directory}, not {expected}"
            )


def fct_test_directories(project: Project) -> Iterator[Finding]:
    for resource in project.models():
        for test in project.tests.get(resource.unique_id, []):
            if (
                test.get("test_metadata")
                and PurePosixPath(test["original_file_path"]).parent != resource.directory
            ):
                yield Finding(
                    "fct_test_directories",
                    resource.name,
                    f"its test {test['name']} is in {test['original_file_path']}, not beside the model",
                )


# -------------------------------------------------------------------------------- performance


def fct_chained_views_dependencies(project: Project) -> Iterator[Finding]:
    """A model more than `chained_views_threshold` steps below a model, through views only."""
    threshold = project.config.chained_views_threshold
    views = {m.unique_id for m in project.models() if m.materialized in ("view", "ephemeral")}
    for model in project.models():
        longest = _longest_view_chain(project, model.unique_id, views, {})
        if longest > threshold:
            yield Finding(
                "fct_chained_views_dependencies",
                model.name,
                f"sits {longest} views deep (more than {threshold}): materialize one of them as a table",
            )


def _longest_view_chain(project: Project, unique_id: str, views: set[str], memo: dict[str, int]) -> int:
    """The number of steps from the farthest ancestor reached through views only."""
    if unique_id not in memo:
        memo[unique_id] = max(
            (
                1 + _longest_view_chain(project, p, views, memo)
                for p in project.parents[unique_id]
                if p in views
            ),
            default=0,
        )
    return memo[unique_id]


def fct_exposure_parents_materializations(project: Project) -> Iterator[Finding]:
    for exposure in project.of_type("exposure"):
        for parent in project.parents_of(exposure):
            if parent.resource_type == "source" or parent.materialized in ("view", "ephemeral"):
                what = "a source" if parent.resource_type == "source" else f"a {parent.materialized}"
                yield Finding(
                    "fct_exposure_parents_materializations",
                    _edge(exposure, parent),
                    f"reads {parent.name}, {what}",
                )


# --------------------------------------------------------------------------------- governance


def fct_public_models_without_contract(project: Project) -> Iterator[Finding]:
    for model in project.models():
        if model.is_public and not model.node.get("contract", {}).get("enforced"):
            yield Finding(
                "fct_public_models_without_contract", model.name, "public without an enforced contract"
            )


def fct_exposures_dependent_on_private_models(project: Project) -> Iterator[Finding]:
    for exposure in project.of_type("exposure"):
        for parent in project.parents_of(exposure):
            if not (parent.resource_type == "model" and parent.is_public):
                what = "a source" if parent.resource_type == "source" else "not a public model"
                yield Finding(
                    "fct_exposures_dependent_on_private_models",
                    _edge(exposure, parent),
                    f"reads {parent.name}, {what}",
                )


def fct_undocumented_public_models(project: Project) -> Iterator[Finding]:
    for model in project.models():
        if not model.is_public:
            continue
        columns = list(model.node.get("columns", {}).values())
        undocumented = [c["name"] for c in columns if not (c.get("description") or "").strip()]
        if not model.description or not columns or undocumented:
            yield Finding(
                "fct_undocumented_public_models",
                model.name,
                "public without a description of itself and of every column"
                + (f" ({', '.join(undocumented)})" if undocumented else ""),
            )


# ------------------------------------------------------------------- this project's own rules


def kb_marts_not_public(project: Project) -> Iterator[Finding]:
    """The marts are the warehouse's public interface (docs/contract.md): access public."""
    for model in project.models():
        if project.model_type(model) == "marts" and not model.is_public:
            yield Finding("kb_marts_not_public", model.name, "a mart without access: public")


def kb_properties_outside_model_folder(project: Project) -> Iterator[Finding]:
    """One yml per folder: a model's docs, tests and contract sit in a yml beside its SQL."""
    for model in project.models():
        patch = model.node.get("patch_path")
        if not patch:
            yield Finding("kb_properties_outside_model_folder", model.name, "has no yml")
            continue
        yml = PurePosixPath(patch.split("://", 1)[-1])
        if yml.parent != model.directory:
            yield Finding(
                "kb_properties_outside_model_folder",
                model.name,
                f"described in {yml}, not in {model.directory}",
            )


def kb_unit_tests_outside_model_folder(project: Project) -> Iterator[Finding]:
    """fct_test_directories for unit tests: a unit test sits in the yml of its model's folder."""
    for unit_test in project.unit_tests:
        model = project.model_named(unit_test["model"])
        where = PurePosixPath(unit_test["original_file_path"]).parent
        if model and where != model.directory:
            yield Finding(
                "kb_unit_tests_outside_model_folder",
                model.name,
                f"its unit test {unit_test['name']} is in {unit_test['original_file_path']}",
            )


RULES: list[Callable[[Project], Iterable[Finding]]] = [
    fct_direct_join_to_source,
    fct_duplicate_sources,
    fct_hard_coded_references,
    fct_marts_or_intermediate_dependent_on_source,
    fct_model_fanout,
    fct_multiple_sources_joined,
    fct_rejoining_of_upstream_concepts,
    fct_root_models,
    fct_source_fanout,
    fct_staging_dependent_on_marts_or_intermediate,
    fct_staging_dependent_on_staging,
    fct_too_many_joins,
    fct_unused_sources,
    fct_missing_primary_key_tests,
    fct_sources_without_freshness,
    fct_test_coverage,
    fct_undocumented_models,
    fct_undocumented_source_tables,
    fct_undocumented_sources,
    fct_model_directories,
    fct_model_naming_conventions,
    fct_source_directories,
    fct_test_directories,
    fct_chained_views_dependencies,
    fct_exposure_parents_materializations,
    fct_exposures_dependent_on_private_models,
    fct_public_models_without_contract,
    fct_undocumented_public_models,
    kb_marts_not_public,
    kb_properties_outside_model_folder,
    kb_unit_tests_outside_model_folder,
]


def _edge(child: Resource, parent: Resource) -> str:
    return f"{child.name}<-{parent.name}"


def _names(resources: Iterable[Resource]) -> str:
    return ", ".join(sorted(r.name for r in resources))


# ------------------------------------------------------------------------------------ running


def evaluate(manifest: dict[str, Any], config: Config = CONFIG) -> list[Finding]:
    project = Project(manifest, config)
    return sorted({f for rule in RULES for f in rule(project)}, key=lambda f: (f.rule, f.resource, f.detail))


def read_exceptions(path: Path) -> list[Exception_]:
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [Exception_(r["fct_name"].strip(), r["id_to_exclude"].strip(), r["comment"].strip()) for r in rows]


@dataclass(frozen=True)
class Outcome:
    findings: list[Finding]  # not excepted
    excepted: list[tuple[Finding, Exception_]]
    stale: list[Exception_]  # exceptions that match no finding

    @property
    def ok(self) -> bool:
        return not self.findings and not self.stale


def apply_exceptions(findings: list[Finding], exceptions: list[Exception_]) -> Outcome:
    by_key = {(e.rule, e.resource): e for e in exceptions}
    used: set[tuple[str, str]] = set()
    left, excepted = [], []
    for finding in findings:
        exception = by_key.get((finding.rule, finding.resource))
        if exception:
            excepted.append((finding, exception))
            used.add((exception.rule, exception.resource))
        else:
            left.append(finding)
    stale = [e for e in exceptions if (e.rule, e.resource) not in used]
    return Outcome(left, excepted, stale)


def parse_manifest(project_dir: Path, target_dir: Path) -> dict[str, Any]:
    """`dbt parse` into target_dir: reads the project, runs no SQL, needs no warehouse."""
    dbt = Path(sys.executable).parent / "dbt"
    command = [
        str(dbt) if dbt.exists() else "dbt",
        "--no-use-colors",
        "parse",
        "--no-partial-parse",
        "--project-dir",
        str(project_dir),
        "--profiles-dir",
        str(project_dir),
        "--target-path",
        str(target_dir),
        "--log-path",
        str(target_dir / "logs"),
    ]
    env = {
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "KOMMUNBUDGET_DBT_PATH": str(target_dir / "parse.duckdb"),
    }
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **env}, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"dbt parse failed:\n{done.stdout}\n{done.stderr}")
    manifest: dict[str, Any] = json.loads((target_dir / "manifest.json").read_text(encoding="utf-8"))
    return manifest


def run(project_dir: Path, manifest_path: Path | None = None) -> Outcome:
    if manifest_path:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    else:
        with tempfile.TemporaryDirectory(prefix="kommunbudget-evaluator-") as tmp:
            manifest = parse_manifest(project_dir, Path(tmp))
    return apply_exceptions(evaluate(manifest), read_exceptions(project_dir / EXCEPTIONS_FILE))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kommunbudget.evaluator",
        description="Check the dbt project against dbt-project-evaluator's rules (see the module docstring).",
    )
    parser.add_argument("--manifest", type=Path, help="a manifest.json to read instead of running dbt parse")
    parser.add_argument(
        "--verbose", action="store_true", help="also list the excepted findings with their reasons"
    )
    args = parser.parse_args(argv)
    outcome = run(project_root(), args.manifest)
    for finding in outcome.findings:
        print(finding)
    for exception in outcome.stale:
        print(
            f"stale exception in {EXCEPTIONS_FILE}: {exception.rule}: {exception.resource} matches no finding"
        )
    if args.verbose:
        for finding, exception in outcome.excepted:
            print(f"excepted: {finding} -- {exception.reason}")
    print(
        f"dbt project evaluator: {len(outcome.findings)} finding(s), {len(outcome.excepted)} excepted, "
        f"{len(outcome.stale)} stale exception(s)",
        file=sys.stderr,
    )
    return 0 if outcome.ok else 1


if __name__ == "__main__":
    sys.exit(main())
