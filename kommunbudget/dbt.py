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
from extract.processes import preexec_die_with_parent

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
    # dbt dies with this process: a killed build leaves no dbt writing beside the next one.
    proc = subprocess.run(
        args, cwd=root, env=env, capture_output=True, text=True, preexec_fn=preexec_die_with_parent()
    )
    out = proc.stdout + proc.stderr
    m = _RESULT.search(out)
    summary = m.group(0) if m else environment_cause(out) or _last_line(out)
    failures = [
        ln.strip() for ln in out.splitlines() if re.search(r"\b(FAIL|ERROR)\b", ln) and "Done." not in ln
    ]
    warnings = [f"{m.group(2)}: {m.group(1)} row(s)" for m in _WARNED.finditer(out)]
    return DbtRun(proc.returncode == 0, proc.returncode, summary, failures[:40], out, warnings)
