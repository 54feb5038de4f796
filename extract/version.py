"""The extractor's version: the package version plus a digest of the code and shared seeds.

Landed documents record it; a build re-extracts a document whose recorded version differs, so
that a fix to the extractor reaches documents landed before it.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from .paths import seeds_dir

PACKAGE_VERSION = "0.1.0"
_SEEDS = (
    "line_kind_patterns.csv",
    "municipalities.csv",
    "committee_types.csv",
    "units.csv",
    "column_terms.csv",
    "document_types.csv",
)


@lru_cache(maxsize=1)
def extractor_version() -> str:
    digest = hashlib.sha256()
    here = Path(__file__).resolve().parent
    for path in sorted(here.glob("*.py")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for name in _SEEDS:
        path = seeds_dir() / name
        if path.exists():
            digest.update(name.encode())
            digest.update(path.read_bytes())
    return f"{PACKAGE_VERSION}+{digest.hexdigest()[:12]}"
