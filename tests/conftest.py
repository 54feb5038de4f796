"""Fixtures, and which tests are slow.

A test is slow when it builds a warehouse: it reads the session's ``built`` or
``built_with_dev_corpus`` warehouse (directly or
through a fixture made from it) or runs ``kommunbudget build`` through the ``cli_build`` fixture. Both
are seen in the fixtures a test uses, so the mark is set here, not by hand (tests/support/cli
refuses a build that does not come from the fixture); only a test that runs dbt itself carries
the mark it needs. ``pytest -m "not slow"`` runs the others. Helpers live in tests/support/.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.support import cli  # noqa: E402
from tests.support.corpus import corpus_result  # noqa: E402

# Property tests run the same examples on every machine, so CI is reproducible; set
# HYPOTHESIS_PROFILE=explore to search new examples locally.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("explore", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

BUILDING_FIXTURES = frozenset({"built", "built_with_dev_corpus", "cli_build"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def corpus():
    return corpus_result


@pytest.fixture(scope="session")  # stateless: module fixtures build with it too
def cli_build() -> Callable[..., subprocess.CompletedProcess]:
    """`kommunbudget build ARGS` in a process: ``build("--db", path, "--json")``."""

    def run_build(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
        return cli.run("build", *args, env=env)

    return run_build


def _once_per_run(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A warehouse made once per test run. Under pytest-xdist (make test runs two workers) the
    workers share it: the first to ask makes it while the other waits on a lock, then both read
    it (read-only; a test that changes a warehouse copies it first)."""
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        db = tmp_path_factory.mktemp(name) / "warehouse.duckdb"
        make(db)
        return db
    shared = tmp_path_factory.getbasetemp().parent  # this run's folder, above the workers' own
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():  # a worker that failed to make it left no mark: try again
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder / "warehouse.duckdb")
            done.touch()
    return folder / "warehouse.duckdb"


def _build_bundled(db: Path) -> None:
    out = cli.run("build", "--db", str(db), "--json", "--no-progress")
    assert out.returncode == 0, out.stderr[-3000:]
    summary = json.loads(out.stdout)
    assert summary["published"] is True
    assert "ERROR=0" in summary["dbt"] and "PASS=" in summary["dbt"]
    assert summary["ingest"]["totals"]["landed"] == 5


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """A warehouse built from the bundled corpus by the real CLI, once per test run.

    Tests read it; a test that changes a warehouse copies it first.
    """
    return _once_per_run(tmp_path_factory, "warehouse", _build_bundled)


def _build_with_dev_corpus(db: Path) -> None:
    from tests.support.typed_tables import load_all

    manifest = db.parent / "manifest.csv"
    rows = sorted({(str(doc.path), doc.municipality) for doc in load_all()})
    manifest.write_text(
        "path,municipality\n" + "".join(f"{path},{code}\n" for path, code in rows), encoding="utf-8"
    )
    out = cli.run("ingest", "--manifest", str(manifest), "--db", str(db), "--no-progress")
    assert out.returncode == 0, out.stderr[-3000:]
    out = cli.run("build", "--db", str(db), "--json", "--no-progress")
    assert out.returncode == 0, out.stderr[-3000:]
    assert json.loads(out.stdout)["published"] is True


@pytest.fixture(scope="session")
def built_with_dev_corpus(tmp_path_factory) -> Path:
    """A warehouse of the bundled corpus and the development corpus (tests/fixtures/corpus_dev),
    built by the real CLI once per test run: the development corpus ingested in one command with a
    manifest giving each document's kommunkod as typed beside it (tests/fixtures/corpus_dev/tables),
    then `build`, which lands the bundled corpus and builds everything."""
    return _once_per_run(tmp_path_factory, "warehouse_dev", _build_with_dev_corpus)
