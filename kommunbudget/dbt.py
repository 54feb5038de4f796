"""Run dbt against a given DuckDB file, in a subprocess, and report what failed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from extract.paths import project_root

_RESULT = re.compile(r"Done\. PASS=(\d+) WARN=(\d+) ERROR=(\d+) SKIP=(\d+)")
# "197 of 208 WARN 3 every_total_line_has_a_check_for_each_printed_year ..... [WARN 3 in 0.02s]"
_WARNED = re.compile(r"\d+ of \d+ WARN (\d+) (\S+)")


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


def run_dbt(command: list[str], db_path: Path, work_dir: Path | None = None) -> DbtRun:
    root = project_root()
    env = {**os.environ, "KOMMUNBUDGET_DB": str(db_path), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
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
    proc = subprocess.run(args, cwd=root, env=env, capture_output=True, text=True)
    out = proc.stdout + proc.stderr
    m = _RESULT.search(out)
    summary = m.group(0) if m else out.strip().splitlines()[-1] if out.strip() else ""
    failures = [
        ln.strip() for ln in out.splitlines() if re.search(r"\b(FAIL|ERROR)\b", ln) and "Done." not in ln
    ]
    warnings = [f"{m.group(2)}: {m.group(1)} row(s)" for m in _WARNED.finditer(out)]
    return DbtRun(proc.returncode == 0, proc.returncode, summary, failures[:40], out, warnings)
