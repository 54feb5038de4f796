"""The readings of one table row: where its label ends, its numbers, and their columns.

A text row such as ``Lokalkostnader, Stadshuset & Ågatan 40 10 753 11 589`` in a two-column
table has more than one reading (``… Ågatan 40`` | 10 753 | 11 589, or ``… Ågatan 40 10`` |
753 | 11 589). This module lists them with a prior (how natural the reading's formatting is);
:mod:`extract.resolve` chooses among them with the table's totals.

In a PDF, x positions decide: a row has a single reading whose columns come from geometry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

from .model import Line
from .numbers import ParsedNumber, groupings, is_numeric_token, parse_tokens
from .settings import ExtractionSettings

# Weights of the prior. Totals outweigh all of them together (see resolve.CONSTRAINT_WEIGHT).
FULL_ROW = 50.0  # the reading fills exactly the table's columns
SPACING = 40.0  # the text layer's spacing places the values (empty cells as extra spaces)
X_POSITION = 100.0  # PDF geometry places the values
LABEL_NUMBER = -25.0  # per numeric token left in the label
SHORT_STANDALONE = -10.0  # "7 | 471": a 1-2 digit number standing before a 3-digit group
BIG_NUMBER = -10.0  # a number of three or more digit groups
IRREGULAR = -5.0  # per step of difference in group counts within the row
MAGNITUDE_JUMP = -8.0  # per pair of neighbouring values more than 100× apart (years rarely jump so)
NONCONTIGUOUS = -5.0
RIGHT_ALIGNED = 2.0  # changes that start later fill the last columns


@dataclass(frozen=True, slots=True)
class Reading:
    label_end: int  # tokens [0:label_end] of the value line are label
    values: tuple[ParsedNumber, ...]
    columns: tuple[int, ...]  # table column of each value
    method: str  # full | spacing | contiguous | noncontiguous | x_position
    prior: float
    spacing_consistent: bool = False
    by_column: dict[int, ParsedNumber] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_column.update(zip(self.columns, self.values, strict=True))

    @property
    def k(self) -> int:
        return len(self.values)

    def value_at(self, column: int) -> ParsedNumber | None:
        return self.by_column.get(column)


def numeric_tail_start(line: Line, label_limit: float | None = None) -> int:
    """Index of the first token of the line's maximal trailing run of numeric tokens.

    In a PDF (``label_limit`` given) only tokens right of the label column count: ``… - 3`` at
    the end of a wrapped label is label text, however numeric it looks.
    """
    i = len(line.tokens)
    while (
        i > 0
        and is_numeric_token(line.tokens[i - 1].text)
        and (label_limit is None or line.tokens[i - 1].x1 > label_limit)
    ):
        i -= 1
    return i


def has_values(line: Line, label_limit: float | None = None) -> bool:
    return numeric_tail_start(line, label_limit) < len(line.tokens)


def _format_prior(values: tuple[ParsedNumber, ...], tokens: list[str]) -> float:
    prior = 0.0
    groups = [v.group_count for v in values if v.value is not None]
    for a, b in zip(values, values[1:], strict=False):
        if (
            a.value is not None
            and a.group_count == 1
            and a.decimals == 0
            and len(a.text.lstrip("-\u2212\u2013")) <= 2
            and b.value is not None
            and b.text[:1].isdigit()
            and len(b.text.split(" ")[0].split(",")[0]) == 3
        ):
            prior += SHORT_STANDALONE
    prior += BIG_NUMBER * sum(1 for g in groups if g >= 3)
    if groups:
        prior += IRREGULAR * (max(groups) - min(groups))
    # "1 008 | 427 990 699" and "1 008 427 | 990 699" have the same group counts; a budget line
    # over consecutive years moves by percent, not by a factor of hundreds of thousands.
    sizes = [abs(v.value) for v in values if v.value]
    prior += MAGNITUDE_JUMP * sum(
        1 for a, b in zip(sizes, sizes[1:], strict=False) if max(a, b) > 100 * min(a, b)
    )
    return prior


def _spacing(line: Line, start: int, spans: list[tuple[int, int]], n: int) -> tuple[int, ...] | None:
    """Columns implied by the text layer's spacing, or None when it does not account for n cells.

    Some text layers write a row as ``label + " " + " ".join(cells) + " "`` with empty cells
    as empty strings, so each extra space is an empty cell.
    """
    toks = line.tokens
    if start == 0:
        return None  # a values-only line: its leading spaces are layout, not cells
    lead = int(toks[start].x0 - toks[start - 1].x1) - 1
    trail = len(line.text) - int(toks[-1].x1) - 1
    if lead < 0 or trail < 0:
        return None
    cols: list[int] = []
    col = lead
    for idx, (a, b) in enumerate(spans):
        for t in range(a + 1, b):  # inside one number the separator is exactly one space
            if int(toks[t].x0 - toks[t - 1].x1) != 1:
                return None
        cols.append(col)
        if idx + 1 < len(spans):
            gap = int(toks[spans[idx + 1][0]].x0 - toks[b - 1].x1)
            col += gap
    if col + 1 + trail != n:
        return None
    return tuple(cols)


def text_readings(
    line: Line,
    n: int,
    settings: ExtractionSettings,
    values_only: bool,
    label_limit: float | None = None,
) -> list[Reading]:
    """All readings of a text line in a table of ``n`` columns, best prior first."""
    tail = numeric_tail_start(line, label_limit)
    toks = [t.text for t in line.tokens]
    if tail == len(toks):
        return []
    readings: list[Reading] = []
    first = 0 if values_only else max(tail, 1)
    for s in range(first, len(toks) if not values_only else 1):
        label_numbers = s - first
        if label_numbers and any(r.k == n for r in readings):
            break  # a label keeps numbers only when the row cannot be read in full otherwise
        suffix = toks[s:]
        for grouping in groupings(suffix, n, limit=settings.max_readings_per_row * 4):
            k = len(grouping)
            if label_numbers and k != n:
                continue  # ... and then the rest must fill the row exactly (``Ågatan 40``)
            spans: list[tuple[int, int]] = []
            pos = s
            for v in grouping:
                width = len(v.text.split(" "))
                spans.append((pos, pos + width))
                pos += width
            base = _format_prior(grouping, suffix) + LABEL_NUMBER * label_numbers
            spaced = _spacing(line, s, spans, n) if not line.geometric else None
            if k == n:
                readings.append(
                    Reading(s, grouping, tuple(range(n)), "full", base + FULL_ROW, spaced is not None)
                )
                continue
            placements: dict[tuple[int, ...], tuple[str, float]] = {}
            for offset in range(n - k + 1):
                cols = tuple(range(offset, offset + k))
                placements[cols] = ("contiguous", RIGHT_ALIGNED if offset == n - k else 0.0)
            if k <= 3:
                for cols in combinations(range(n), k):
                    placements.setdefault(cols, ("noncontiguous", NONCONTIGUOUS))
            if spaced is not None:
                placements[spaced] = ("spacing", SPACING)
            for cols, (method, bonus) in placements.items():
                readings.append(Reading(s, grouping, cols, method, base + bonus, spaced == cols))
    readings.sort(key=lambda r: -r.prior)
    return readings[: settings.max_readings_per_row]


def pdf_reading(
    line: Line, anchors: list[float], label_limit: float, settings: ExtractionSettings
) -> Reading | None:
    """The single reading PDF geometry gives: value tokens right of ``label_limit``, grouped by
    gaps into cells, each cell in the column whose right edge (anchor) is nearest its own."""
    toks = line.tokens
    start = len(toks)
    while start > 0 and is_numeric_token(toks[start - 1].text) and toks[start - 1].x1 > label_limit:
        start -= 1
    if start == len(toks):
        return None
    cells: list[list[int]] = [[start]]
    for i in range(start + 1, len(toks)):
        size = toks[i].size or 10.0
        if toks[i].x0 - toks[i - 1].x1 > settings.pdf_cell_gap * size:
            cells.append([i])
        else:
            cells[-1].append(i)
    values: list[ParsedNumber] = []
    columns: list[int] = []
    for cell in cells:
        parsed = parse_tokens([toks[i].text for i in cell])
        if parsed is None:
            return None
        right = toks[cell[-1]].x1
        col = min(range(len(anchors)), key=lambda c: abs(anchors[c] - right))
        if columns and col <= columns[-1]:
            return None  # two cells claim one column: geometry does not decide
        values.append(parsed)
        columns.append(col)
    return Reading(start, tuple(values), tuple(columns), "x_position", X_POSITION)
