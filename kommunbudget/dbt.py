"""Run dbt against a given DuckDB file, in a subprocess, and report what failed.

What passed, warned and failed is read from dbt's own record of the run,
``target/run_results.json``, not from its printed lines; the printed output is kept for the
causes only the environment knows (a full disk) and for a dbt that stopped before writing it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from extract.paths import project_root
from extract.processes import preexec_die_with_parent

# run_results.json statuses, counted as dbt's own summary line counts them.
_PASSED = {"success", "pass"}
_FAILED = {"error", "fail", "runtime error"}


@dataclass(frozen=True)
class DbtRun:
    ok: bool
    returncode: int
    summary: str
    failures: list[str]
    output: str
    # Tests that only warned (severity: warn): findings about documents, listed for the user.
    warnings: list[str] = field(default_factory=list)


def dbt_executable() -> str:
    here = Path(sys.executable).parent / "dbt"
    if here.exists():
        return str(here)
    found = shutil.which("dbt")
    if not found:
        raise RuntimeError("dbt is not installed in this environment: run `make build` to install it")
    return found


# What the operating system says when the disk or the filesystem refuses dbt's writes.
_CAUSES = re.compile(
    r"No space left on device|Disk quota exceeded|Read-only file system|Permission denied|"
    r"Out of Memory Error[^\n]*|Cannot allocate memory",
    re.IGNORECASE,
)


def environment_cause(output: str) -> str | None:
    """The line of dbt's output that names why it could not run (a full disk, ...), if any."""
    for line in output.splitlines():
        if _CAUSES.search(line):
            return line.strip()[:300]
    return None


def _last_line(output: str) -> str:
    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def run_dbt(command: list[str], db_path: Path, work_dir: Path | None = None) -> DbtRun:
    root = project_root()
    env = {**os.environ, "KOMMUNBUDGET_DBT_PATH": str(db_path), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    args = [
        dbt_executable(),
        "--no-use-colors",
        *command,
        "--project-dir",
        str(root),
        "--profiles-dir",
        str(root),
    ]
    if work_dir is not None:
        args += ["--target-path", str(work_dir / "target"), "--log-path", str(work_dir / "logs")]
    started = time.time()
    # dbt dies with this process: a killed build leaves no dbt writing beside the next one.
    proc = subprocess.run(
        args, cwd=root, env=env, capture_output=True, text=True, preexec_fn=preexec_die_with_parent()
    )
    out = proc.stdout + proc.stderr
    target = (work_dir / "target") if work_dir is not None else root / "target"
    results = _run_results(target / "run_results.json", started)
    if results is None:  # dbt stopped before it ran anything: its last words say why
        summary = environment_cause(out) or _last_line(out)
        return DbtRun(
            False if proc.returncode else proc.returncode == 0, proc.returncode, summary, [summary], out
        )
    summary, failures, warnings = _summarise(results)
    return DbtRun(proc.returncode == 0, proc.returncode, summary, failures, out, warnings)


def _run_results(path: Path, started: float) -> list[dict] | None:
    """The results of the run that started at ``started``; None if it wrote none."""
    try:
        if path.stat().st_mtime < started:
            return None  # an earlier run's record
        return json.loads(path.read_text(encoding="utf-8"))["results"]
    except (OSError, ValueError, KeyError):
        return None


def _node_name(unique_id: str) -> str:
    """``test.pkg.not_null_x_y.3f2a`` -> ``not_null_x_y``; ``model.pkg.fct_x`` -> ``fct_x``."""
    parts = unique_id.split(".")
    if parts[0] == "test" and len(parts) == 4:  # a data test's id ends with a hash
        return parts[2]
    return ".".join(parts[2:]) or unique_id


def _summarise(results: list[dict]) -> tuple[str, list[str], list[str]]:
    """(dbt's summary line, what failed, the tests that warned) of a run's results."""
    counts = {"PASS": 0, "WARN": 0, "ERROR": 0, "SKIP": 0}
    failures, warnings = [], []
    for r in results:
        status = str(r.get("status", "")).lower()
        name = _node_name(r.get("unique_id", "?"))
        if status in _PASSED:
            counts["PASS"] += 1
        elif status == "warn":
            counts["WARN"] += 1
            warnings.append(f"{name}: {r.get('failures') or 0} row(s)")
        elif status in _FAILED:
            counts["ERROR"] += 1
            failures.append(f"{status.upper()} {name}: {(r.get('message') or '').strip()[:300]}")
        elif status == "skipped":
            counts["SKIP"] += 1
    summary = "Done. " + " ".join(f"{k}={v}" for k, v in counts.items())
    return summary, failures[:40], warnings
