"""Where a PDF table's value columns are: clusters of the right edges of its cells.

Numbers in budget tables are right-aligned under their column, so the right edges of the cells
of all body rows fall into as many tight clusters as the table has value columns. Header words
are not a reliable guide to x positions (LibreOffice and Word set them left-aligned, centred or
over a group of columns), so the body decides where the columns are and the header words are
then placed over them (:func:`extract.columns.read_geometric_header`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from .model import Line
from .numbers import is_numeric_token
from .settings import ExtractionSettings


@dataclass(frozen=True, slots=True)
class ValueColumns:
    anchors: tuple[float, ...]  # right edge of each column
    extents: tuple[tuple[float, float], ...]  # (left, right) over its cells
    label_limit: float  # tokens ending left of this are label text


def _cells(line: Line, zone_left: float, settings: ExtractionSettings) -> list[tuple[float, float]]:
    """(x0, x1) of the value cells at the end of a PDF line, right of ``zone_left``."""
    toks = line.tokens
    start = len(toks)
    while start > 0 and is_numeric_token(toks[start - 1].text) and toks[start - 1].x1 > zone_left:
        start -= 1
    cells: list[list[int]] = []
    for i in range(start, len(toks)):
        size = toks[i].size or 10.0
        if cells and toks[i].x0 - toks[cells[-1][-1]].x1 <= settings.pdf_cell_gap * size:
            cells[-1].append(i)
        else:
            cells.append([i])
    return [(toks[c[0]].x0, toks[c[-1]].x1) for c in cells]


def value_columns(
    lines: list[Line],
    zone_left: float,
    settings: ExtractionSettings,
    header_spans: Sequence[tuple[float, float]] = (),
) -> ValueColumns | None:
    """The value columns of the body ``lines`` (only cells ending right of ``zone_left``).

    A column is a cluster of cell right edges that two rows share, or that one row has under a
    header word (the only row to fill the first years of an investment table).
    """
    cells = [c for line in lines if line.tokens for c in _cells(line, zone_left, settings)]
    if not cells:
        return None
    sizes = [t.size or 10.0 for line in lines for t in line.tokens]
    tol = 0.6 * (median(sizes) if sizes else 10.0)
    cells.sort(key=lambda c: c[1])
    clusters: list[list[tuple[float, float]]] = [[cells[0]]]
    for c in cells[1:]:
        if c[1] - clusters[-1][-1][1] <= tol:
            clusters[-1].append(c)
        else:
            clusters.append([c])
    rows_with_values = sum(1 for line in lines if _cells(line, zone_left, settings))
    support = 1 if rows_with_values <= 2 else 2

    def headed(cl: list[tuple[float, float]]) -> bool:
        left, right = min(c[0] for c in cl), max(c[1] for c in cl)
        return any(min(b, right) - max(a, left) > 0 for a, b in header_spans)

    kept = [cl for cl in clusters if len(cl) >= support or headed(cl)]
    if not kept:
        return None
    anchors = tuple(float(median(c[1] for c in cl)) for cl in kept)
    extents = tuple((min(c[0] for c in cl), max(c[1] for c in cl)) for cl in kept)
    pitch = median([b - a for a, b in zip(anchors, anchors[1:], strict=False)]) if len(anchors) > 1 else 60.0
    label_limit = min(extents[0][0] - 2.0, anchors[0] - 0.9 * pitch)
    return ValueColumns(anchors, extents, label_limit)


def column_under(left: float, right: float, spans: Sequence[tuple[float, float]]) -> int:
    """The column something printed from ``left`` to ``right`` stands in: the one whose span
    (header words, in points or characters) it overlaps most, else the one whose middle is
    nearest its own (a header set left-aligned or centred in its cell, its values right-aligned)."""
    overlaps = [min(right, b) - max(left, a) for a, b in spans]
    best = max(range(len(spans)), key=lambda c: overlaps[c])
    if overlaps[best] > 0:
        return best
    middle = (left + right) / 2
    return min(range(len(spans)), key=lambda c: abs((spans[c][0] + spans[c][1]) / 2 - middle))
