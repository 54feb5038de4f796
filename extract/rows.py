"""The readings of one table row: where its label ends, its numbers, and their columns.

A text row such as ``Lokalkostnader, Stadshuset & Ågatan 40 10 753 11 589`` in a two-column
table has more than one reading (``… Ågatan 40`` | 10 753 | 11 589, or ``… Ågatan 40 10`` |
753 | 11 589). This module lists them with a prior (how natural the reading's formatting is);
:mod:`extract.resolve` chooses among them with the table's arithmetic.

A row comes in one of three shapes:

- a text line: label and numbers separated by spaces, which are also thousands separators;
- a PDF line: x positions decide, so there is one reading whose columns come from geometry;
- explicit cells: a web page's text layer puts every cell on its own line, so each cell is one
  number and only its column can be in doubt.

A ``Not`` column holds note numbers (``13``, ``4,5``, ``2, 3, 17``) that look like amounts: a
reading may leave it empty, and only a note-like value may fill it. Money columns are what a
row is measured against: a reading that fills all of them is a full row.
"""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass, field, replace
from itertools import combinations

from .geometry import column_under
from .model import Line, Token
from .numbers import MAX_GROUPS, MINUS_SIGNS, MONTHS, ParsedNumber, is_numeric_token, parse_tokens
from .settings import ExtractionSettings

# Weights of the prior. Arithmetic outweighs all of them together (see resolve.CONSTRAINT_WEIGHT).
FULL_ROW = 50.0  # the reading fills every money column
SPACING = 40.0  # the text layer's spacing places the values (empty cells as extra spaces)
SPACING_ENCODED = 10.0  # in a layer known to write empty cells as spaces, spacing beats a full row
# a text laid out in columns: the header's character columns place the values, as spacing that
# states where cells are does
CHARACTER_COLUMNS = FULL_ROW + SPACING_ENCODED
X_POSITION = 100.0  # PDF geometry places the values
CELL_POSITION = 60.0  # explicit cells in their printed order
LABEL_NUMBER = -25.0  # per numeric token left in the label
SHORT_STANDALONE = -10.0  # "7 | 471": a 1-2 digit number standing before a 3-digit group
BIG_NUMBER = -10.0  # a number of three or more digit groups
IRREGULAR = -5.0  # per step of difference in group counts within the row
MAGNITUDE_JUMP = -8.0  # per pair of neighbouring values more than 100× apart (years rarely jump so)
NONCONTIGUOUS = -5.0
RIGHT_ALIGNED = 2.0  # changes that start later fill the last columns
# A dash one space before a number read as an empty cell and a positive amount (``– 19,4`` as
# – | 19,4): Swedish tables set a negative's sign apart from its digits, so a dash that stands
# against the next number is that number's sign unless the table's arithmetic says otherwise.
DASH_AS_EMPTY = -10.0

_NOTE_PART = re.compile(r"^\d{1,2},$")
_YEAR_TOKEN = re.compile(r"^(19|20)\d\d$")
_NOTE = re.compile(r"^(\d{1,2}(, ?\d{1,2})*|\d{1,2},\d{1,2})$")


@dataclass(frozen=True, slots=True)
class ColumnLayout:
    """What the row reader needs to know of a table's columns."""

    n: int
    notes: frozenset[int] = frozenset()  # indices of Not columns
    spacing_encoded: bool = (
        False  # the text layer writes empty cells as spaces (its headings end in runs of them)
    )
    grouped: bool = False  # the table writes thousands with a space (1 868), so 18681 is two numbers glued
    # a text laid out in columns: the characters each column's header words span (left, right)
    spans: tuple[tuple[float, float], ...] = ()
    cell_gap: int = 1  # the spaces that set two filled cells apart (2: a run, see cell_gap)
    # spaces every full row sets between its label and its first value beyond the cell gap
    # (:func:`full_row_lead`): they are no empty cell of a partial row
    lead: int = 0

    @property
    def money(self) -> tuple[int, ...]:
        return tuple(c for c in range(self.n) if c not in self.notes)


_LONG_RUN = re.compile(r"^[+\-\u2212\u2013]?\d{4,}")
_ZERO_GROUP = re.compile(r"^0\d\d(,\d+)?$")


def writes_thousands_apart(tails: list[list[str]]) -> bool:
    """Whether a table writes thousands apart: some number has a three-digit group that starts
    with 0 (``2 001``, ``-7 005``, ``1 036,2``), which only a group can."""
    return any(_ZERO_GROUP.match(t) for tokens in tails for t in tokens)


def glue_columns(reading: Reading, layout: ColumnLayout) -> set[int]:
    """The columns of a reading that rest on how a text layer glued digits together: in a table
    that writes thousands apart, a run of four digits or more read as one number (``560000``:
    56 | 0 | 0 | 0 | 0, or 560 000?), or every amount of a row whose glued digits were cut. Only
    the table's arithmetic can vouch for them; a Not cell is what the vouched amounts leave.

    Gluing happens within a line: where the layer prints each cell on a line of its own, a run
    of four digits (``1002``) is one cell the table printed without its thousands space."""
    if not layout.grouped or reading.lines:
        return set()  # a cell printed on a line of its own is one number, whatever its digits
    if reading.method == "glued":
        return set(reading.columns) - layout.notes  # a Not cell holds what the amounts leave
    return {
        c
        for c, v in zip(reading.columns, reading.values, strict=True)
        if _LONG_RUN.match(v.text.split(" ")[0])
    }


@dataclass(frozen=True, slots=True)
class Reading:
    label_end: int  # tokens [0:label_end] of the value line are label
    values: tuple[ParsedNumber, ...]
    columns: tuple[int, ...]  # table column of each value
    method: str  # full | spacing | contiguous | noncontiguous | x_position | cells
    prior: float
    spacing_consistent: bool = False
    lines: tuple[int, ...] = ()  # explicit cells: the source line of each value
    by_column: dict[int, ParsedNumber] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_column.update(zip(self.columns, self.values, strict=True))

    @property
    def k(self) -> int:
        return len(self.values)

    def value_at(self, column: int) -> ParsedNumber | None:
        return self.by_column.get(column)


def is_note_like(p: ParsedNumber) -> bool:
    """Whether a value can be a Not cell: a small note number, or notes listed in the order the
    notes run (``4,5``, ``22,23``, ``2, 3, 17``). Notes are listed ascending, so ``59,7`` is a
    number with one decimal (a table's amount in mnkr), never notes 59 and 7."""
    if "note_list" in p.notes:
        return True
    if p.value is None or not _NOTE.match(p.text):
        return False
    numbers = [int(x) for x in re.findall(r"\d+", p.text)]
    return all(a < b for a, b in zip(numbers, numbers[1:], strict=False))


_NOTE_LIST = re.compile(r"^\d{1,2}(, \d{1,2})+$")
_DECIMALS = re.compile(r"\d,(\d+)$")


def note_list_cell(text: str) -> ParsedNumber | None:
    """A cell that lists notes (``10, 22``): a Not cell, never an amount (a number never has a
    space after its decimal comma). None for any other text."""
    return _note_cell(text) if _NOTE_LIST.match(text.strip()) else None


def lone_note(tokens: list[str]) -> str | None:
    """The note reference that a row's numbers are, when they are one note-like number alone
    (``19``, ``22,23``, ``10, 22``), else None. Notes are numbered from 1: a lone ``0`` is no
    note."""
    merged, _ = _merge_note_lists(tokens)
    if len(merged) != 1 or not _NOTE.match(merged[0]):
        return None
    return merged[0] if all(int(n) >= 1 for n in re.findall(r"\d+", merged[0])) else None


def printed_decimals_of(text: str) -> int:
    """How many decimals a printed number shows (``1 026,1``: 1, ``19``: 0)."""
    m = _DECIMALS.search(text)
    return len(m.group(1)) if m else 0


def cannot_be_amount(note: str, amount_decimals: int | None) -> bool:
    """Whether a note-like number cannot be an amount of a table whose amounts all print
    ``amount_decimals`` decimals (None: not one count for all): a list of notes never is one,
    and a table prints every amount with the same decimals (Swedish budgets print mnkr with one),
    so a number printed with others (``19`` or ``22,23`` among ``1 026,1``) is no amount of it."""
    if _NOTE_LIST.match(note):
        return True
    return amount_decimals is not None and printed_decimals_of(note) != amount_decimals


def numeric_tail_start(line: Line, label_limit: float | None = None) -> int:
    """Index of the first token of the line's maximal trailing run of numeric tokens.

    In a PDF (``label_limit`` given) only tokens right of the label column count: ``… - 3`` at
    the end of a wrapped label is label text, however numeric it looks. Note lists (``2, 3,``)
    count: their last member is numeric and the reader decides whether they are a Not cell.
    """
    i = len(line.tokens)
    while i > 0 and (label_limit is None or line.tokens[i - 1].x1 > label_limit):
        text = line.tokens[i - 1].text
        percent_sign = text == "%" and i > 1 and is_numeric_token(line.tokens[i - 2].text)
        if not (is_numeric_token(text) or _NOTE_PART.match(text) or percent_sign):
            break
        i -= 1
    if _year_of_a_date(line, i):
        return len(line.tokens)
    while i < len(line.tokens) and _NOTE_PART.match(line.tokens[i].text) and i + 1 < len(line.tokens):
        # a note list must end in a plain number: "2, 3, 17"
        if is_numeric_token(line.tokens[i + 1].text) or _NOTE_PART.match(line.tokens[i + 1].text):
            break
        i += 1
    return i


def _year_of_a_date(line: Line, tail: int) -> bool:
    """Whether a line's numeric tail is one year printed after a month (``Uppdaterad: 4 maj
    2022``, a page's date under a table): the year of a date, which is no amount."""
    tokens = line.tokens
    return (
        tail == len(tokens) - 1
        and tail > 0
        and _YEAR_TOKEN.match(tokens[tail].text) is not None
        and tokens[tail - 1].text.lower().rstrip(".,") in MONTHS
    )


def has_values(line: Line, label_limit: float | None = None) -> bool:
    tail = numeric_tail_start(line, label_limit)
    return tail < len(line.tokens) and any(is_numeric_token(t.text) for t in line.tokens[tail:])


def _money_prior(values: list[ParsedNumber]) -> float:
    prior = 0.0
    groups = [v.group_count for v in values if v.value is not None]
    for a, b in zip(values, values[1:], strict=False):
        if (
            a.value is not None
            and a.group_count == 1
            and a.decimals == 0
            and len(a.text.lstrip("-\u2212\u2013 ")) <= 2
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


def _note_prior(values: tuple[ParsedNumber, ...], cols: tuple[int, ...], layout: ColumnLayout) -> float:
    """A Not cell cut off the front of a number (``1 | 886,5`` out of ``1 886,5``) costs what
    any short number standing before a three-digit group costs."""
    prior = 0.0
    for i, (v, c) in enumerate(zip(values, cols, strict=True)):
        if c in layout.notes and i + 1 < len(values) and "note_list" not in v.notes:
            nxt = values[i + 1]
            if (
                nxt.value is not None
                and nxt.text[:1].isdigit()
                and len(nxt.text.split(" ")[0].split(",")[0]) == 3
            ):
                prior += SHORT_STANDALONE
    return prior


def _merge_note_lists(tokens: list[str]) -> tuple[list[str], list[int]]:
    """``2,`` ``3,`` ``17`` -> one token ``2, 3, 17``; returns the tokens and each one's width."""
    out: list[str] = []
    widths: list[int] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) - 1 and _NOTE_PART.match(tokens[j]):
            j += 1
        if j > i and re.fullmatch(r"\d{1,2}", tokens[j]):
            out.append(" ".join(tokens[i : j + 1]))
            widths.append(j + 1 - i)
            i = j + 1
            continue
        out.append(tokens[i])
        widths.append(1)
        i += 1
    return out, widths


def _note_cell(text: str) -> ParsedNumber:
    first = re.match(r"\d+", text)
    from decimal import Decimal

    return ParsedNumber(
        text=text, value=Decimal(first.group()) if first else None, decimals=0, notes=("note_list",)
    )


def _placements(
    values: tuple[ParsedNumber, ...],
    layout: ColumnLayout,
    spaced: tuple[int, ...] | None,
    placed: tuple[int, ...] | None = None,
):
    """Monotonic assignments of ``values`` to columns: (columns, method, bonus).

    Note lists go to Not columns only, and a Not column takes only a note-like value; a Not
    column may stay empty at no cost. Money columns are filled in full, or in part: contiguous
    (right-aligned preferred), by the text layer's spacing, by the character columns the values
    stand in (``placed``, a text laid out in columns), or for up to three values anywhere.
    """
    money = layout.money
    notes = sorted(layout.notes)
    out: dict[tuple[int, ...], tuple[str, float]] = {}
    for used in range(len(notes) + 1):
        for note_cols in combinations(notes, used):
            out.update(_with_notes(values, note_cols, money, layout.n))
    if spaced is not None and _valid(values, spaced, layout):
        if layout.spacing_encoded:
            out[spaced] = ("spacing", FULL_ROW + SPACING_ENCODED)  # the layer states where cells are
        elif out.get(spaced, ("",))[0] != "full":
            out[spaced] = ("spacing", SPACING)  # the spacing places a partial row
    if placed is not None and _valid(values, placed, layout):
        out[placed] = ("character_columns", CHARACTER_COLUMNS)
    return [(cols, m, b) for cols, (m, b) in out.items() if _valid(values, cols, layout)]


def _with_notes(values, note_cols: tuple[int, ...], money: tuple[int, ...], n: int):
    out: dict[tuple[int, ...], tuple[str, float]] = {}
    k = len(values) - len(note_cols)
    m = len(money)
    if k <= 0 or k > m:
        return out
    if k == m:
        options = [(money, "full", FULL_ROW)]
    else:
        options = []
        for offset in range(m - k + 1):
            options.append(
                (money[offset : offset + k], "contiguous", RIGHT_ALIGNED if offset == m - k else 0.0)
            )
        if k <= 3:
            options += [(c, "noncontiguous", NONCONTIGUOUS) for c in combinations(money, k)]
    for cols, method, bonus in options:
        merged = tuple(sorted((*note_cols, *cols)))
        out.setdefault(merged, (method, bonus))
    return out


def _valid(values: tuple[ParsedNumber, ...], cols: tuple[int, ...], layout: ColumnLayout) -> bool:
    if len(cols) != len(values) or list(cols) != sorted(cols):
        return False
    for v, c in zip(values, cols, strict=True):
        note_list = "note_list" in v.notes
        if c in layout.notes and not is_note_like(v):
            return False
        if c not in layout.notes and note_list:
            return False
    return True


_CELL_RUN = re.compile(r"(?<=\S) {2}(?=\S)")


def cells_set_apart(line: Line, n: int) -> list[tuple[int, int]] | None:
    """Where the ``n`` numbers of a text row stand (first and last character), when the row
    prints every column and sets its label and each number apart from the next by exactly two
    spaces (``Årets resultat  3 000  -11 708  48 322``); None otherwise."""
    if line.geometric or "   " in line.text.strip():
        return None
    start = len(line.text) - len(line.text.lstrip())
    cuts = [m.end() for m in _CELL_RUN.finditer(line.text, start)]
    if len(cuts) != n:
        return None
    ends = [m.start() for m in _CELL_RUN.finditer(line.text, start)][1:] + [len(line.text.rstrip())]
    cells = list(zip(cuts, ends, strict=True))
    if any(parse_tokens(line.text[a:b].split()) is None for a, b in cells):
        return None
    return cells


def cell_gap(lines: list[Line], n: int) -> int:
    """The spaces that set a table's filled cells apart in a text layer: 2 where a row that
    prints every one of its ``n`` columns sets them apart by exactly two (:func:`cells_set_apart`):
    a number's thousands stand one space apart, so its cells are set apart by a run, and each
    space beyond the run is an empty cell (:func:`_spacing`). 1 otherwise."""
    return 2 if any(cells_set_apart(line, n) is not None for line in lines) else 1


def _spacing(
    line: Line, start: int, spans: list[tuple[int, int]], n: int, gap: int = 1, baseline: int = 0
) -> tuple[int, ...] | None:
    """Columns implied by the text layer's spacing, or None when it does not account for n cells.

    Some text layers write a row as ``label + " " + " ".join(cells) + " "`` with an empty cell
    as an empty string (each extra space is an empty cell), others as ``label + " " +
    " ".join(cells)`` with an empty cell as one space (two extra spaces each). A layer that sets
    its cells apart by two spaces (``gap`` 2, :func:`cell_gap`) writes each empty cell as one
    more space, before, between or after the numbers.
    """
    toks = line.tokens
    if start == 0:
        return None  # a values-only line: its leading spaces are layout, not cells
    lead = int(toks[start].x0 - toks[start - 1].x1) - gap - baseline
    trail = len(line.text) - int(toks[-1].x1)
    if lead < 0 or trail < 0:
        return None
    for t_idx in range(len(spans)):
        a, b = spans[t_idx]
        for t in range(a + 1, b):  # inside one number the separator is exactly one space
            if int(toks[t].x0 - toks[t - 1].x1) != 1:
                return None
    gaps = [int(toks[spans[i + 1][0]].x0 - toks[spans[i][1] - 1].x1) - gap for i in range(len(spans) - 1)]
    if gap == 2:
        if any(g < 0 for g in gaps):
            return None  # two numbers one space apart: one number, or not this layer's cells
        at = [lead]
        for g in gaps:
            at.append(at[-1] + 1 + g)
        return tuple(at) if at[-1] + 1 + trail == n else None
    # An empty cell written as "" (one extra space, and the row ends with one more space) or
    # as " " (two extra spaces).
    for width, final in ((1, 1), (2, 0)):
        tail = trail - final
        if tail < 0 or lead % width or tail % width or any(g % width for g in gaps):
            continue
        cols: list[int] = []
        col = lead // width
        for i in range(len(spans)):
            cols.append(col)
            if i < len(gaps):
                col += 1 + gaps[i] // width
        if col + 1 + tail // width == n:
            return tuple(cols)
    return None


def full_row_lead(lines: list[Line], money: int, gap: int = 1) -> int:
    """The spaces beyond the cell gap (:func:`cell_gap`) that every full row of a text table
    sets between its label and its first value, or 0 when its full rows differ (or one row
    alone shows no habit of the table).

    A text layer that writes an empty cell as spaces also writes a column the header does not
    name (an empty Not column) as spaces, in every row alike: ``Årets resultat   59 42 58 35``.
    Those spaces are where every row starts, not an empty first cell; a partial row's empty
    cells are the spaces it has beyond them. A full row here is one that prints exactly one
    token per money column after its label, which only one number per column can fill.
    """
    leads: list[int] = []
    for line in lines:
        start = numeric_tail_start(line)
        values = line.tokens[start:]
        if line.geometric or start == 0 or len(values) != money:
            continue
        if not all((p := parse_tokens([t.text])) is not None and p.value is not None for t in values):
            continue
        leads.append(int(values[0].x0 - line.tokens[start - 1].x1) - gap)
    return leads[0] if len(leads) >= 2 and len(set(leads)) == 1 else 0


def _character_columns(
    line: Line, spans: list[tuple[int, int]], layout: ColumnLayout
) -> tuple[int, ...] | None:
    """The columns the numbers (token ``spans``) of a line of a text laid out in columns stand
    in, or None where two of them stand in one column (then the cut is not the printed cells)."""
    if not layout.spans or line.geometric:
        return None
    toks = line.tokens
    cols = tuple(column_under(toks[a].x0, toks[b - 1].x1, layout.spans) for a, b in spans)
    return cols if all(x < y for x, y in zip(cols, cols[1:], strict=False)) else None


def text_readings(
    line: Line,
    layout: ColumnLayout,
    settings: ExtractionSettings,
    values_only: bool,
    label_limit: float | None = None,
) -> list[Reading]:
    """The best readings of a text line in a table of ``layout.n`` columns, best prior first:
    at most ``settings.max_readings_per_row``, found best-first (:class:`_ReadingSearch`)
    without listing every way to cut the line, which grows exponentially with its numbers."""
    tail = numeric_tail_start(line, label_limit)
    if tail == len(line.tokens):
        return []
    first = 0 if values_only else max(tail, 1)
    search = _ReadingSearch(line, layout, first)
    steps = settings.max_readings_per_row * SEARCH_STEPS
    for s in range(first, 1 if values_only else len(line.tokens)):
        full = search.can_fill(s, steps)
        search.start(s, full_only=s > first)  # ... and then the rest must fill the row (``Ågatan 40``)
        if full:
            break  # a label keeps numbers only when the row cannot be read in full otherwise
    if layout.grouped:
        search.add(_glued_readings(line, tail if not values_only else 0, layout))
    return search.best(settings.max_readings_per_row, steps)


SEARCH_STEPS = 16  # partial cuts the search may extend per reading it returns (its bound)


@dataclass(frozen=True, slots=True)
class _Cut:
    """A line's numbers read from token ``start`` up to merged token ``pos``."""

    start: int  # the label ends before this token of the line
    pos: int  # merged tokens read
    values: tuple[ParsedNumber, ...]
    ends: tuple[int, ...]  # merged-token end of each value
    full_only: bool


class _ReadingSearch:
    """The readings of one text line, best prior first, by a best-first search over cuts.

    A cut grows one number at a time from where the label ends. Every term of a cut's prior
    but the placement's bonus is a penalty that only grows as numbers are added (a pair that
    looks wrong, a number of three groups, a wider spread of group counts), so the prior of
    the numbers read so far plus the largest bonus the rest can still earn (a full row only
    when the remaining tokens can still make one) bounds every reading the cut can grow
    into. The search always extends the cut of the highest bound; a finished cut becomes its
    readings with their exact priors, and a reading is returned when no cut's bound is above
    it. So the readings come out in the order of sorting every reading by prior (ties in
    the order of listing them: label end, spread of group counts, shortest first numbers,
    placement), and the search stops after ``limit`` of them.

    Its cost is bounded: each extension parses at most ``MAX_GROUPS + 1`` spans and pushes
    as many cuts on a heap, and the search makes at most ``steps`` extensions, so a row costs
    O(steps · MAX_GROUPS · log) whatever the number of its cuts. Rows read here end long before
    the bound (which returns the best readings found by then, still in order).
    """

    def __init__(self, line: Line, layout: ColumnLayout, first: int):
        self.line = line
        self.layout = layout
        self.first = first
        self.heap: list[tuple] = []
        self.seq = 0
        self.tokens: dict[int, tuple[list[str], list[int]]] = {}
        self.reach: dict[int, list[int]] = {}
        self.spans: dict[tuple[int, int, int], ParsedNumber | None] = {}

    # -- the tokens from a label end, and how many numbers they can make --------------------

    def _merged(self, s: int) -> tuple[list[str], list[int]]:
        if s not in self.tokens:
            toks = [t.text for t in self.line.tokens[s:]]
            self.tokens[s] = _merge_note_lists(toks) if self.layout.notes else (toks, [1] * len(toks))
        return self.tokens[s]

    def _span(self, s: int, i: int, j: int) -> ParsedNumber | None:
        """The number merged tokens ``i:j`` (from label end ``s``) make, or None. A merged note
        list (``2, 3, 17``) is a cell of its own; only the row's first one is read."""
        key = (s, i, j)
        if key not in self.spans:
            merged, _ = self._merged(s)
            note_at = next((k for k, t in enumerate(merged) if ", " in t), None)
            if note_at is not None and i <= note_at < j:
                parsed = _note_cell(merged[i]) if i == note_at and j == i + 1 else None
            elif any(", " in t for t in merged[i:j]) or j - i > MAX_GROUPS + 1 or self._apart(s, i, j):
                parsed = None
            else:
                parsed = parse_tokens(merged[i:j])
            self.spans[key] = parsed
        return self.spans[key]

    def _apart(self, s: int, i: int, j: int) -> bool:
        """Whether merged tokens ``i:j`` of a text line stand further apart than one space: a
        number's thousands are one space apart, and a layout that sets cells apart by runs of
        spaces (as ``pdftotext -layout`` does) never puts a run inside a number."""
        if self.line.geometric:
            return False
        _, widths = self._merged(s)
        a, b = s + sum(widths[:i]), s + sum(widths[:j])
        toks = self.line.tokens
        return any(toks[t].x0 - toks[t - 1].x1 > 1 for t in range(a + 1, b))

    def _reach(self, s: int) -> list[int]:
        """Per merged token: a bit mask of the counts of numbers the tokens from it can make."""
        if s not in self.reach:
            merged, _ = self._merged(s)
            k = len(merged)
            reach = [0] * (k + 1)
            reach[k] = 1
            for i in range(k - 1, -1, -1):
                for j in range(i + 1, min(k, i + MAX_GROUPS + 1) + 1):
                    if reach[j] and self._span(s, i, j) is not None:
                        reach[i] |= reach[j] << 1
            self.reach[s] = reach
        return self.reach[s]

    def _counts(self, s: int, pos: int, read: int) -> list[int]:
        """How many numbers in all a cut with ``read`` numbers up to ``pos`` can end with."""
        mask = self._reach(s)[pos] << read
        return [t for t in range(read, self.layout.n + 1) if mask >> t & 1]

    def can_fill(self, s: int, steps: int) -> bool:
        """Whether the tokens from ``s`` can make a full row (every money column). Counting the
        numbers they make decides without a Not column; with one, a reading must be found,
        as only a note-like number can stand in a Not cell."""
        m = len(self.layout.money)
        if not any(m <= t <= m + len(self.layout.notes) for t in self._counts(s, 0, 0)):
            return False
        if not self.layout.notes:
            return True
        probe = _ReadingSearch(self.line, self.layout, self.first)
        probe.start(s, full_only=True)
        return bool(probe.best(1, steps))

    # -- the bound ----------------------------------------------------------------------

    def _bonus_bound(self, cut: _Cut, counts: list[int]) -> float | None:
        """The largest placement bonus a cut that can end with ``counts`` numbers may earn;
        None when it can end in no reading."""
        m, notes = len(self.layout.money), len(self.layout.notes)
        full = any(m <= t <= m + notes for t in counts)
        partial = not cut.full_only and any(t < m + notes for t in counts)
        if not (full or partial):
            return None
        encoded = self.layout.spacing_encoded
        spaced = (FULL_ROW + SPACING_ENCODED if encoded else SPACING) if self._spacing_open(cut) else 0.0
        columns = _character_columns(self.line, self._token_spans(cut), self.layout)
        placed = CHARACTER_COLUMNS if columns is not None else 0.0
        return max(FULL_ROW if full else RIGHT_ALIGNED, spaced if partial or encoded else 0.0, placed)

    def _spacing_open(self, cut: _Cut) -> bool:
        """Whether the text layer's spacing (:func:`_spacing`) may still place the cut's numbers
        once it is finished: one space inside each number, and no more columns implied by the
        gaps so far than the row has (each number added only adds columns)."""
        toks, s = self.line.tokens, cut.start
        if self.line.geometric or s == 0:
            return False
        lead = int(toks[s].x0 - toks[s - 1].x1) - 1 - self.layout.lead
        trail = len(self.line.text) - int(toks[-1].x1)
        spans = self._token_spans(cut)
        inside = (int(toks[t].x0 - toks[t - 1].x1) for a, b in spans for t in range(a + 1, b))
        if lead < 0 or trail < 0 or any(g != 1 for g in inside):
            return False
        gaps = [
            int(toks[c].x0 - toks[b - 1].x1) - 1 for (_, b), (c, _) in zip(spans, spans[1:], strict=False)
        ]
        for width, final in ((1, 1), (2, 0)):
            tail = trail - final
            if tail < 0 or lead % width or tail % width or any(g % width for g in gaps):
                continue
            if lead // width + sum(1 + g // width for g in gaps) + 1 + tail // width <= self.layout.n:
                return True
        return False

    def _token_spans(self, cut: _Cut) -> list[tuple[int, int]]:
        """The line's tokens ``(first, end)`` of each number of the cut."""
        _, widths = self._merged(cut.start)
        edges = [cut.start + sum(widths[:e]) for e in (0, *cut.ends)]
        return list(zip(edges, edges[1:], strict=False))

    def _penalties(self, values: tuple[ParsedNumber, ...]) -> float:
        """The prior's penalties that adding numbers cannot lift: all of them in a table without
        a Not column; else those of the numbers no Not cell can hold (every pair term left out,
        as a note between two numbers is not known yet)."""
        if not self.layout.notes:
            return _money_prior(list(values))
        money = [v for v in values if not is_note_like(v) and v.value is not None]
        groups = [v.group_count for v in money]
        big = BIG_NUMBER * sum(1 for g in groups if g >= 3)
        return big + (IRREGULAR * (max(groups) - min(groups)) if groups else 0.0)

    def _push(self, cut: _Cut) -> None:
        merged, _ = self._merged(cut.start)
        if cut.pos == len(merged):
            self._finish(cut)
            return
        bonus = self._bonus_bound(cut, self._counts(cut.start, cut.pos, len(cut.values)))
        if bonus is None:
            return
        bound = LABEL_NUMBER * (cut.start - self.first) + self._penalties(cut.values) + bonus
        self.seq += 1
        heapq.heappush(self.heap, (-bound, 0, (), self.seq, cut))

    # -- the search ---------------------------------------------------------------------

    def start(self, s: int, full_only: bool) -> None:
        self._push(_Cut(s, 0, (), (), full_only))

    def add(self, readings: list[Reading]) -> None:
        """Readings found otherwise (glued numbers cut apart): after the others at equal prior."""
        for k, r in enumerate(readings):
            self.seq += 1
            heapq.heappush(self.heap, (-r.prior, 1, (1, k), self.seq, r))

    def _extend(self, cut: _Cut) -> None:
        merged, _ = self._merged(cut.start)
        for j in range(cut.pos + 1, min(len(merged), cut.pos + MAX_GROUPS + 1) + 1):
            parsed = self._span(cut.start, cut.pos, j)
            if parsed is not None:
                values = (*cut.values, parsed)
                self._push(_Cut(cut.start, j, values, (*cut.ends, j), cut.full_only))

    def _finish(self, cut: _Cut) -> None:
        """A cut of every token: its readings, each with its exact prior."""
        s, layout, values = cut.start, self.layout, cut.values
        spans = self._token_spans(cut)
        spaced = (
            _spacing(self.line, s, spans, layout.n, layout.cell_gap, layout.lead)
            if not self.line.geometric
            else None
        )
        placed = _character_columns(self.line, spans, layout)
        order = (0, s, *_listing_order(cut))
        signs = DASH_AS_EMPTY * _dashes_against_numbers(self.line, values, spans)
        for p, (cols, method, bonus) in enumerate(_placements(values, layout, spaced, placed)):
            money = [v for v, c in zip(values, cols, strict=True) if c not in layout.notes]
            if cut.full_only and len(money) != len(layout.money):
                continue
            prior = LABEL_NUMBER * (s - self.first) + bonus + _money_prior(money) + signs
            prior += _note_prior(values, cols, layout)
            self.seq += 1
            reading = Reading(s, values, cols, method, prior, spaced == cols)
            heapq.heappush(self.heap, (-prior, 1, (*order, p), self.seq, reading))

    def best(self, limit: int, steps: int) -> list[Reading]:
        out: list[Reading] = []
        while self.heap and len(out) < limit and steps > 0:
            *_, item = heapq.heappop(self.heap)
            if isinstance(item, Reading):
                out.append(item)
            else:
                steps -= 1
                self._extend(item)
        return out


def _dashes_against_numbers(
    line: Line, values: tuple[ParsedNumber, ...], spans: list[tuple[int, int]]
) -> int:
    """How many lone dashes a cut reads as empty cells although they stand one space before an
    unsigned number: the way Swedish tables print a negative (``59,7 – 19,4 – 26,1``), not an
    empty cell followed by a positive amount. A dash further from the next number (``−  − 5``,
    as a layout that sets cells apart by more than a space prints it) is an empty cell."""
    if line.geometric:
        return 0
    toks = line.tokens
    count = 0
    for (v, (_, end)), (nxt, (start, _)) in zip(
        zip(values, spans, strict=True), zip(values[1:], spans[1:], strict=True), strict=False
    ):
        if v.is_no_value and v.text in MINUS_SIGNS and nxt.text[:1].isdigit():
            count += toks[start].x0 - toks[end - 1].x1 == 1
    return count


def _listing_order(cut: _Cut) -> tuple:
    """Where a cut stood when every cut was listed: by the spread of its numbers' group counts,
    then the smallest count, then shortest first numbers first (before and after a note list,
    which was listed on its own)."""
    note = next((k for k, v in enumerate(cut.values) if "note_list" in v.notes), None)
    parts = [(0, len(cut.values))] if note is None else [(0, note), (note + 1, len(cut.values))]
    key: list = []
    for a, b in parts:
        counts = [v.group_count for v in cut.values[a:b] if v.value is not None]
        stage = (max(counts) - min(counts), min(counts)) if counts else (0, 1)
        key.append((stage, cut.ends[a:b]))
    return tuple(key)


GLUED = -30.0  # per run of digits read as several numbers: only the arithmetic makes it win
# a run of digits that a table writing thousands apart cannot print
_RUN = re.compile(r"^[\-\u2212\u2013]?\d{4,}(,\d+)?$")
_DIGITS_ONLY = re.compile(r"^[\-\u2212\u2013]?\d+(,\d+)?$")
_SIGNS = "-\u2212\u2013"
MAX_GLUED_CUTS = 256


def is_glued_row(line: Line, start: int) -> bool:
    """Whether a row's numbers from token ``start`` were glued together by the text layer: in a
    table that writes thousands apart, one of them is a run of four digits or more."""
    return any(_RUN.match(t.text) for t in line.tokens[start:])


def _touching(a: Token | None, b: Token | None) -> bool:
    return a is not None and b is not None and a.x1 == b.x0


@dataclass(frozen=True, slots=True)
class GluedText:
    """A glued row's value text, and the places where the layer may have dropped a separator:
    inside a run of digits it glued, and where two of its words touch (``3672-31-328``,
    ``utjämning11``). Everywhere else a number ends only at a space or at the end."""

    text: str
    cuts: frozenset[int]  # positions before which a number may end without a space

    @classmethod
    def of(cls, line: Line, start: int) -> GluedText | None:
        toks = line.tokens
        if line.geometric or not all(_DIGITS_ONLY.match(t.text) for t in toks[start:]):
            return None
        text, cuts = "", set()
        for i in range(start, len(toks)):
            tok, prev = toks[i], toks[i - 1] if i else None
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            if i > start:
                if _touching(prev, tok):
                    cuts.add(len(text))
                else:
                    text += " "
            at = len(text)
            text += tok.text
            if _RUN.match(tok.text) or _touching(prev, tok) or _touching(tok, nxt):
                cuts.update(at + k for k in range(1, len(tok.text)) if tok.text[k - 1 : k + 1].isdigit())
        return cls(text, frozenset(cuts))

    def _stops(self, e: int) -> bool:
        """A digit group may end before ``e``."""
        return e == len(self.text) or not self.text[e].isdigit() or e in self.cuts

    def _ends(self, e: int) -> bool:
        """A number may end before ``e``."""
        return e == len(self.text) or self.text[e] == " " or e in self.cuts

    def number_ends(self, pos: int):
        """Where a number that starts at ``pos`` may end: a sign, a first group of 1-3 digits,
        groups of three after a space, decimals after a comma."""
        t = self.text
        p = pos + (t[pos] in _SIGNS)
        for k in (1, 2, 3):
            group = t[p : p + k]
            if len(group) < k or not group.isdigit():
                return
            if self._stops(p + k):
                yield from self._after_group(p + k, 1)

    def _after_group(self, e: int, groups: int):
        t = self.text
        if self._ends(e):
            yield e
        if t[e : e + 1] == ",":
            q = e + 1
            while q < len(t) and t[q].isdigit():
                q += 1
                if self._ends(q):
                    yield q
        group = t[e + 1 : e + 4]
        thousands = t[e : e + 1] == " " and len(group) == 3 and group.isdigit()
        if thousands and groups < MAX_GROUPS and self._stops(e + 4):
            yield from self._after_group(e + 4, groups + 1)

    def cuts_into(self, n: int, cap: int = MAX_GLUED_CUTS) -> list[tuple[ParsedNumber, ...]]:
        """Every way to read the text as at most ``n`` numbers (at most ``cap`` of them)."""
        out: list[tuple[ParsedNumber, ...]] = []
        dead: set[tuple[int, int]] = set()  # (position, numbers read) from which no cut completes

        def walk(pos: int, acc: list[ParsedNumber]) -> bool:
            if pos == len(self.text):
                out.append(tuple(acc))
                return True
            if len(acc) == n or (pos, len(acc)) in dead or len(out) >= cap:
                return False
            found = False
            for e in self.number_ends(pos):
                parsed = parse_tokens(self.text[pos:e].split())
                if parsed is not None:
                    acc.append(parsed)
                    found |= walk(e + (self.text[e : e + 1] == " "), acc)
                    acc.pop()
            if not found:
                dead.add((pos, len(acc)))
            return found

        walk(0, [])
        return out


_WORD_THEN_DIGITS = re.compile(r"^(?P<word>.*[^\W\d_])(?P<digits>\d+)$")


def cut_label_digits(line: Line) -> Line:
    """The line, with the digits its label's last word ends in cut off as a token of their own
    when the row's numbers are glued together.

    A label ends where the first number begins: where the text layer glued a row's numbers to
    each other, digits glued to its last word (``utjämning11 0099549801``) are the row's first
    number, or its note number and the start of its first number, not part of the word. Where
    the numbers stand apart, the word keeps them (``Systemägare Unit4 419 428``).
    """
    start = numeric_tail_start(line)
    if line.geometric or start == 0:
        return line
    tok = line.tokens[start - 1]
    m = _WORD_THEN_DIGITS.match(tok.text)
    if m is None:
        return line
    cut = tok.x0 + len(m.group("word"))
    parts = (Token(m.group("word"), tok.x0, cut), Token(m.group("digits"), cut, tok.x1))
    cut_line = replace(line, tokens=(*line.tokens[: start - 1], *parts, *line.tokens[start:]))
    return cut_line if is_glued_row(cut_line, start) else line


def _glued_readings(line: Line, s: int, layout: ColumnLayout) -> list[Reading]:
    """Readings of a row of a table that writes thousands apart in which the text layer glued
    numbers together (``1 8681 9291 913`` for 1 868 | 1 929 | 1 913; ``560000`` for 56 | 0 …):
    the glued digits cut into numbers, each row at a cost, for the arithmetic to accept or not."""
    if not is_glued_row(line, s):
        return []
    glued = GluedText.of(line, s)
    if glued is None:
        return []
    runs = sum(1 for t in line.tokens[s:] if _RUN.match(t.text))
    out: list[Reading] = []
    for grouping in glued.cuts_into(layout.n):
        for cols, _method, bonus in _placements(grouping, layout, None):
            money = [v for v, c in zip(grouping, cols, strict=True) if c not in layout.notes]
            prior = bonus + GLUED * runs + _money_prior(money)
            out.append(Reading(s, grouping, cols, "glued", prior))
    return out


def cell_readings(cells: list[tuple[str, int]], layout: ColumnLayout) -> list[Reading]:
    """Readings of a row whose cells the text layer gives one per line (``''`` an empty cell).

    As many cells as columns: each in its place. Fewer: a web table leaves out trailing empty
    cells, so left-aligned comes first, but the arithmetic may place them otherwise. More
    (empty cells interleaved with the values): the values alone, placed like a partial row.
    """
    parsed: list[tuple[ParsedNumber | None, int]] = []
    for text, line in cells:
        t = text.strip()
        p = (note_list_cell(t) or parse_tokens(t.split())) if t else None
        if t and p is None:
            return []  # a cell that is not a number: not a row to read
        parsed.append((p, line))
    n = layout.n
    if len(parsed) <= n:
        placed = [(p, c, line) for c, (p, line) in enumerate(parsed) if p is not None]
        values = tuple(p for p, _, _ in placed)
        cols = tuple(c for _, c, _ in placed)
        if not values:
            return []
        lines = tuple(line for _, _, line in placed)
        method = "cells" if len(parsed) == n else "cells_left"
        # Left-aligned cells that put an amount in a Not column are no reading: the cells stand
        # among the money columns, wherever the arithmetic places them.
        first = (
            [Reading(0, values, cols, method, CELL_POSITION, True, lines)]
            if _valid(values, cols, layout)
            else []
        )
        if len(parsed) == n and first:
            return first
        others = [
            Reading(0, values, c, m, b + _money_prior(list(values)), False, lines)
            for c, m, b in _placements(values, layout, None)
            if c != cols
        ]
        return [*first, *sorted(others, key=lambda r: -r.prior)]
    present = [(p, line) for p, line in parsed if p is not None]
    values = tuple(p for p, _ in present)
    lines = tuple(line for _, line in present)
    return sorted(
        (
            Reading(0, values, c, m, b + _money_prior(list(values)), False, lines)
            for c, m, b in _placements(values, layout, None)
        ),
        key=lambda r: -r.prior,
    )


def pdf_reading(
    line: Line, anchors: list[float], label_limit: float, layout: ColumnLayout, settings: ExtractionSettings
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
    if not _valid(tuple(values), tuple(columns), layout):
        return None
    return Reading(start, tuple(values), tuple(columns), "x_position", X_POSITION)
