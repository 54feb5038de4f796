"""The real `kommunbudget` command, run in a process from the repository root.

A build is what makes a test slow (minutes of dbt): tests run it through the ``cli_build`` fixture
(tests/conftest.py), which marks them slow, never through ``cli("build", ...)``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.corpus import ROOT

EXE = Path(sys.executable).parent / "kommunbudget"


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `kommunbudget ARGS` (any command but build: see the module's docstring)."""
    assert args[:1] != ("build",), (
        "run `kommunbudget build` through the `cli_build` fixture: it marks the test slow"
    )
    return run(*args, env=env)


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(EXE), *args], cwd=ROOT, capture_output=True, text=True, env={**os.environ, **(env or {})}
    )
