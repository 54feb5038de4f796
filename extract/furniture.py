"""Page furniture: running headers and footers, recognised per document by repetition.

A running header or footer (a document number, a page number, the document's title, a date) is
printed at the same edge of most pages. It is not content: a footer ``Dnr KS 2023-0456 Sida 2 av
61`` read as a table row or a sentence invents an amount on every page. The rule names no wording:

- only a page's outermost lines are candidates: its first and last few non-blank lines, peeled
  from the edge inwards (a line is a candidate only when every line between it and the edge is
  furniture);
- candidates are compared across pages with their digits masked (``Sida 2 av 61`` and ``Sida 3
  av 61`` are the same furniture) and, in a PDF, in a similar vertical position (in a text file
  with form feeds, at the same depth from the page's edge);
- a group is furniture when it repeats on a clear majority of the pages, and on at least two (a
  short extract of two pages repeats its header and footer on both);
- digits that change from page to page must change with the page (a page number: the page minus
  a fixed offset); a line whose other digits change is content that happens to repeat its layout
  (a committee's net cost printed at the foot of each of its pages);
- a line that opens a table (a table header repeated at the top of every page) is content.

Furniture lines are withheld from the table, narrative and indicator readers; the others keep
their line numbers, so the provenance of everything read does not change.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from statistics import median

from .headers import parse_header
from .model import IssueRecord, Line
from .settings import ExtractionSettings

MAX_DEPTH = 3  # lines peeled from each edge of a page
MIN_PAGES = 2  # a two-page document repeats its furniture on both
MIN_SHARE = 0.6  # of the document's pages with text
_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Furniture:
    """One distinct running header or footer and every line that prints it."""

    edge: str  # top | bottom
    lines: tuple[Line, ...]

    @property
    def pages(self) -> tuple[int, ...]:
        return tuple(sorted({ln.page for ln in self.lines if ln.page is not None}))

    @property
    def text(self) -> str:
        return self.lines[0].stripped


def _mask(text: str) -> str:
    return _SPACE.sub(" ", _DIGITS.sub("#", text)).strip()


def _digits_follow_pages(lines: list[Line]) -> bool:
    """Every run of digits is the same on every page, or (at most one run) is the page number
    minus a fixed offset."""
    runs = [[int(d) for d in _DIGITS.findall(ln.text)] for ln in lines]
    if len({len(r) for r in runs}) != 1:
        return False
    varying = 0
    for i in range(len(runs[0])):
        values = [r[i] for r in runs]
        if len(set(values)) == 1:
            continue
        varying += 1
        if varying > 1 or len({v - _page(ln) for v, ln in zip(values, lines, strict=True)}) != 1:
            return False
    return True


def _page(line: Line) -> int:
    assert line.page is not None, line  # furniture is looked for on lines with a page
    return line.page


def _top(line: Line) -> float:
    assert line.top is not None, line  # lines are clustered by position only where all have one
    return line.top


def _size(line: Line) -> float:
    return max((t.size for t in line.tokens), default=0.0) or 10.0


def _clusters(members: list[Line]) -> list[list[Line]]:
    """Members in a similar vertical position (PDF); a text file's depth is already in the key."""
    if not members[0].geometric or any(m.top is None for m in members):
        return [members]
    out: list[list[Line]] = []
    for m in sorted(members, key=_top):
        if out and _top(m) - median(_top(x) for x in out[-1]) <= max(3.0, 0.6 * _size(m)):
            out[-1].append(m)
        else:
            out.append([m])
    return out


def find_page_furniture(lines: list[Line], settings: ExtractionSettings) -> list[Furniture]:
    """The document's running headers and footers (none for a document without pages)."""
    pages: dict[int, list[Line]] = {}
    for ln in lines:
        if ln.page is not None and not ln.is_blank:
            pages.setdefault(ln.page, []).append(ln)
    need = max(MIN_PAGES, math.ceil(MIN_SHARE * len(pages)))
    if len(pages) < need:
        return []
    index = {ln.number: i for i, ln in enumerate(lines)}
    found: list[Furniture] = []
    taken: set[int] = set()
    for edge in ("top", "bottom"):
        active = set(pages)
        for depth in range(MAX_DEPTH):
            groups: dict[str, list[Line]] = {}
            for p in sorted(active):
                seq = pages[p] if edge == "top" else pages[p][::-1]
                if depth < len(seq) and seq[depth].number not in taken:
                    ln = seq[depth]
                    groups.setdefault(_mask(ln.text), []).append(ln)
            active = set()
            for members in groups.values():
                for cluster in _clusters(members):
                    if len({m.page for m in cluster}) < need or not _digits_follow_pages(cluster):
                        continue
                    if any(parse_header(lines, index[m.number], settings) is not None for m in cluster):
                        continue  # a table header repeated on every page: content
                    found.append(Furniture(edge, tuple(sorted(cluster, key=lambda m: m.number))))
                    taken.update(m.number for m in cluster)
                    active.update(_page(m) for m in cluster)
            if not active:
                break
    found.sort(key=lambda f: f.lines[0].number)
    return found


def page_ranges(pages: tuple[int, ...]) -> str:
    """``1-3, 5, 7-9``."""
    parts: list[str] = []
    start = prev = None
    for p in pages:
        if prev is not None and p == prev + 1:
            prev = p
            continue
        if start is not None:
            parts.append(f"{start}-{prev}" if prev != start else f"{start}")
        start = prev = p
    if start is not None:
        parts.append(f"{start}-{prev}" if prev != start else f"{start}")
    return ", ".join(parts)


def furniture_issue(f: Furniture) -> IssueRecord:
    first = f.lines[0]
    where = "header" if f.edge == "top" else "footer"
    return IssueRecord(
        "info",
        "page_furniture",
        f"running {where} printed on {len(f.pages)} pages (pages {page_ranges(f.pages)}): "
        "page furniture, not content; no row, cell or amount is read from it",
        first.number,
        first.page,
        first.text,
    )
