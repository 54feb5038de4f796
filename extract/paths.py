"""Where the project's own files are: seeds (shared with dbt) and the bundled corpus."""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """The repository root; ``KOMMUNBUDGET_HOME`` overrides it for installs outside the repo."""
    env = os.environ.get("KOMMUNBUDGET_HOME")
    return Path(env) if env else Path(__file__).resolve().parents[1]


def seeds_dir() -> Path:
    return project_root() / "seeds"


def corpus_dir() -> Path:
    return project_root() / "data" / "documents"
