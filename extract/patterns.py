"""Line-kind patterns shared with the dbt models (``seeds/line_kind_patterns.csv``).

The same seed decides, in Python, which rows are totals while resolving a table and, in SQL,
the official hierarchy, so that the two never disagree about what ``Summa`` or ``varav`` means.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .paths import seeds_dir


@dataclass(frozen=True, slots=True)
class LinePattern:
    priority: int
    regex: re.Pattern[str]
    line_kind: str
    breakdown: str | None


@dataclass(frozen=True, slots=True)
class LinePatterns:
    patterns: tuple[LinePattern, ...]

    def match(self, label: str) -> LinePattern | None:
        text = " ".join(label.lower().split())
        for p in self.patterns:
            if p.regex.search(text):
                return p
        return None

    def kind_of(self, label: str) -> str | None:
        p = self.match(label)
        return p.line_kind if p else None


@lru_cache(maxsize=4)
def load_line_patterns(path: Path | None = None) -> LinePatterns:
    path = path or seeds_dir() / "line_kind_patterns.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    patterns = [
        LinePattern(int(r["priority"]), re.compile(r["pattern"]), r["line_kind"], r["breakdown"] or None)
        for r in rows
    ]
    return LinePatterns(tuple(sorted(patterns, key=lambda p: p.priority)))
