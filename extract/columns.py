"""The column model of a table: what each value column holds.

A header is read into *descriptors*, one per column, each a short phrase of header words:
``Intäkter 2019``, ``Budget för 2021``, ``Avvikelse mot budget 2020``, ``Not``, ``Kommunen 2019``,
``BUDGETERAT RESULTAT``. Swedish column phrases follow one order: leading modifiers (a scenario
word before what it qualifies: ``Budget kostnader``), a head (what the column measures, a scenario,
a year, ``Not``, an entity), then trailing words (the year, the period, ``mot budget``, a
parenthesis). A year closes its column.

Many headers have two levels: group labels over several columns (``KOMMUNEN`` / ``KONCERNEN``
over ``Not 2018 2017 Not 2018 2017``; ``Utfall 2019`` … over ``U I U I``; ``Period`` / ``Helår``
in a PDF or a text laid out in columns). The body says how many value columns there are; the
reading of the header whose column count agrees with it wins. In a PDF, x positions assign the
header words to the body's columns instead, and in a text laid out in columns the characters
the header's words stand in.

Each column then gets its year, scenario, amount kind, reporting entity and period from its own
words, its group's, the table's title, or the document (its year; whether it reports outcomes or
sets budgets), in that order, and says where each came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .geometry import column_under
from .headers import (
    HeaderWord,
    in_label_column,
    laid_out_words,
    over_a_column,
    stub_length,
    under_a_column,
    wrapped_caption,
)
from .model import ColumnRecord
from .scenarios import forecast_or_plan, scenario_of_year
from .vocabulary import load_vocabulary, norm_word

_REFERENCE = frozenset({"mot", "jämfört", "jmf", "jfr"})
_RELATIVE_YEAR = re.compile(r"\b(fg|föregående|förra) år\b")
_YEAR_ROLES = ("year", "range", "date")


@dataclass
class Descriptor:
    """The words of one column (or of one group label over several columns)."""

    words: list[HeaderWord] = field(default_factory=list)
    head: str | None = None  # kind | scenario | year | note | entity | period
    closed: bool = False  # a year ends a column phrase
    referenced: set[int] = field(default_factory=set)  # word positions after "mot": not the column's own

    def add(self, w: HeaderWord, *, reference: bool = False) -> None:
        if reference:
            self.referenced.add(len(self.words))
        self.words.append(w)

    def own(self, role: str) -> list[HeaderWord]:
        return [w for i, w in enumerate(self.words) if w.role == role and i not in self.referenced]

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def year_word(self) -> HeaderWord | None:
        years = [w for w in self.words if w.role in _YEAR_ROLES]
        return years[-1] if years else None

    @property
    def is_group_label(self) -> bool:
        """Only entity or period words (and filler): a label over several columns."""
        roles = {w.role for w in self.words} - {"filler", "other", "relative_year"}
        return bool(roles) and roles <= {"entity", "period"}


def _wraps(w: HeaderWord) -> bool:
    """A column's name wrapped onto the next line of a text layer: the line goes on in lower
    case (a name starts with a capital), as a row label wrapped over lines does. (A PDF's
    header lines interleave its columns' names: their x positions place them.)"""
    lower = w.line_start and w.text[:1].islower() and w.role in ("kind", "filler", "other")
    return lower and w.x0 is None


def _expand(words: list[HeaderWord]) -> list[HeaderWord]:
    """The words that describe columns: a legend (``U=Utgifter``) has done its work."""
    return [w for w in words if w.role != "legend"]


def parse_descriptors(words: list[HeaderWord], scenario_modifies_kind: bool = True) -> list[Descriptor]:
    """Column phrases of a header's words in reading order (stub and unit words left out)."""
    cols: list[Descriptor] = []
    cur: Descriptor | None = None
    pending: list[HeaderWord] = []
    reference = False

    def start(w: HeaderWord, head: str, closed: bool = False) -> Descriptor:
        nonlocal cur, pending
        if cur is not None:
            cols.append(cur)
        d = Descriptor(head=head, closed=closed)
        for p in pending:
            d.add(p)
        d.add(w)
        cur, pending = d, []
        return d

    def attach(w: HeaderWord, ref: bool = False) -> None:
        if cur is None:
            pending.append(w)
        else:
            cur.add(w, reference=ref)

    for w in _expand(words):
        role = w.role
        if role in ("unit", "fragment"):
            continue
        if w.in_parens or reference:
            attach(w, ref=reference and not w.in_parens)
            reference = reference and role in ("filler", "other")
            continue
        if norm_word(w.text) in _REFERENCE:
            attach(w)
            reference = True
            continue
        open_col = cur if cur is not None and not cur.closed else None  # the phrase a word may join
        if role == "footnote" or (open_col and _wraps(w)):
            attach(w)  # "Ingående / redovisat / resultat 1)": one column's name over three lines
        elif role == "note":
            start(w, "note", closed=True)
        elif role in _YEAR_ROLES:
            if open_col and open_col.year_word is None and open_col.head not in (None, "note"):
                open_col.add(w)
                open_col.closed = True
            else:
                start(w, "year", closed=True)
        elif role == "kind":
            kind = load_vocabulary().kind_of(w.text)
            modifier = cur is not None and cur.head in ("scenario", "entity") and not cur.own("kind")
            if open_col and modifier and scenario_modifies_kind and kind != "deviation":
                open_col.add(w)
                open_col.head = "kind"
            else:
                start(w, "kind")
        elif role in ("scenario", "entity"):
            if open_col and open_col.head is None:
                open_col.add(w)
                open_col.head = role
            else:
                start(w, role)
        elif role == "period":
            # a period qualifies the phrase it is part of (``Prognos intäkter helår``); after a year,
            # which closes its column, it opens the next (``2018`` | ``jan–apr 2018``)
            if (
                cur is not None
                and not cur.closed
                and cur.head not in (None, "period")
                and not cur.is_group_label
            ):
                cur.add(w)
            else:
                start(w, "period")
        elif w.line_start and cur is not None and cur.head is not None:
            pending.append(w)  # a new line after a complete phrase starts the next one
        else:
            attach(w)
    if cur is not None:
        for p in pending:
            cur.add(p)
        cols.append(cur)
    return cols


# ---- two levels -----------------------------------------------------------------------------


def _structural_groups(cols: list[Descriptor]) -> list[list[int]]:
    """Groups of consecutive columns: each Not column opens one, or a year sequence repeats
    (``2018 2019 2018 2019``: kommunen, then koncernen), or a column names the year and scenario
    of one before it (``Bokslut 2015 Bokslut 2016 Budget 2016`` / ``Bokslut 2015 Bokslut 2016``:
    one entity prints each year of each scenario once, so the repeat starts the next group)."""
    notes = [i for i, c in enumerate(cols) if c.head == "note"]
    if len(notes) > 1 and notes[0] == 0:
        bounds = [*notes, len(cols)]
        return [list(range(a, b)) for a, b in zip(bounds, bounds[1:], strict=False)]
    years = [(c.year_word.value if c.year_word else None) for c in cols]
    start = next((i for i, c in enumerate(cols) if c.head != "note"), 0)
    seq = years[start:]
    for size in range(1, len(seq) // 2 + 1):
        if len(seq) % size == 0 and None not in seq and seq[:size] * (len(seq) // size) == seq:
            groups = [list(range(start + k, start + k + size)) for k in range(0, len(seq), size)]
            groups[0] = list(range(0, start)) + groups[0]
            return groups if len(groups) > 1 else [list(range(len(cols)))]
    return _groups_by_repeat(cols, start)


def _groups_by_repeat(cols: list[Descriptor], start: int) -> list[list[int]]:
    """Consecutive columns cut where a column repeats the (year, scenario) of one in its group."""
    groups: list[list[int]] = [list(range(0, start))]
    seen: set[tuple[str, str]] = set()
    for i in range(start, len(cols)):
        year = cols[i].year_word
        scenario = " ".join(norm_word(w.text) for w in cols[i].own("scenario"))
        key = (year.value or "", scenario) if year is not None else None
        if key is not None and key in seen and groups[-1]:
            groups.append([])
            seen = set()
        if key is not None:
            seen.add(key)
        groups[-1].append(i)
    return groups


def _assign_groups(upper: list[Descriptor], lower: list[Descriptor]) -> list[Descriptor | None] | None:
    """The upper descriptor over each lower column, or None when the two levels do not fit."""
    n, m = len(lower), len(upper)
    if m == 0:
        return [None] * n
    if n % m == 0:
        span = n // m
        return [upper[i // span] for i in range(n)]
    if all(u.is_group_label for u in upper):
        groups = _structural_groups(lower)
        if len(groups) <= m:
            labels = upper[m - len(groups) :]
            out: list[Descriptor | None] = [None] * n
            for label, members in zip(labels, groups, strict=True):
                for i in members:
                    out[i] = label
            return out
    return None


def _label_over_one_of_many(columns: list[Descriptor]) -> bool:
    """Whether a one-level reading gives a line of only entity, period or kind words
    (``Kommunkoncernen``, ``Koncernresultat`` over ``(tkr) 2021 2022 2023``) to the first of the
    columns on the line below: such a line names no column of its own, it labels every column
    under it (a scenario word over a column's year, ``Budget`` / ``2024``, is that column's)."""
    for d in columns:
        top = [w for w in d.words if w.line == d.words[0].line]
        below = {w.line for w in d.words} - {d.words[0].line}
        roles = {w.role for w in top} - {"filler", "other", "relative_year"}
        if roles and roles <= {"entity", "period", "kind"} and below:
            line = min(below)
            if any(c.words and c.words[0].line == line for c in columns):
                return True
    return False


def _entity_runs(columns: list[Descriptor], groups: list[Descriptor | None]) -> list[Descriptor | None]:
    """Whose figures the columns of a one-level reading are: an entity word heads the run of
    columns after it up to the next one (``Umeå kommunkoncern`` over ``2017`` … ``2013`` printed
    one cell per line; ``Koncernen 2019 2018``). A header names the entity once for its group of
    columns; a column that names its own (``Kommun 2019 Kommun 2018``) starts a run of its own."""
    out = list(groups)
    label: Descriptor | None = None
    for i, d in enumerate(columns):
        own = d.own("entity")
        if own:
            label = Descriptor([own[0]], head="entity")
        elif out[i] is None and d.head != "note":
            out[i] = label
    return out


def printed_rows(words: list[HeaderWord]) -> list[int]:
    """The header row each word of a text header was printed in: its line, where a year glued to
    the column word before it (``Kommunen2021``: the two touch, no space between them) starts a
    row of its own. A scrape that drops the break between two header rows glues the last cell
    of one (an entity over its years) to the first of the next (a year); a year printed below
    its column word in one cell (``Utfall`` / ``2013``) stands below it as well."""
    out: list[int] = []
    row = 0
    for i, w in enumerate(words):
        prev = words[i - 1] if i else None
        if prev is None or prev.line != w.line or _year_glued_to(prev, w):
            row += 1
        out.append(row)
    return out


def _year_glued_to(prev: HeaderWord, w: HeaderWord) -> bool:
    """Whether year ``w`` was printed glued to the column word ``prev`` (the two touch)."""
    return (
        w.role in _YEAR_ROLES
        and prev.role not in (*_YEAR_ROLES, "other")
        and w.chars is not None
        and prev.chars is not None
        and w.chars[0] == prev.chars[1]
    )


def _lone_note(words: list[HeaderWord], rows: list[int]) -> int | None:
    """The position of the header's one ``Not`` word where it stands alone on its row. The
    column's cell says ``Not``; ``Noter`` names the notes section a table stands in (a caption
    over the header), no column."""
    notes = [i for i, w in enumerate(words) if w.role == "note"]
    if len(notes) != 1:
        return None
    at = notes[0]
    return at if rows.count(rows[at]) == 1 and norm_word(words[at].text) == "not" else None


def _names_two_entities(columns: list[Descriptor], groups: list[Descriptor | None]) -> bool:
    """Whether a reading puts a column that names one reporting entity (``Kommunen 2021``) under
    a group label that names another (``Kommunkoncernen``): a column reports for one entity, so
    the reading is wrong (the entity word labels a group of its own)."""
    vocab = load_vocabulary()
    for own, group in zip(columns, groups, strict=True):
        mine = {vocab.value_of("entity", w.text) for w in own.own("entity")}
        theirs = {vocab.value_of("entity", w.text) for w in group.own("entity")} if group else set()
        if mine and theirs and mine != theirs:
            return True
    return False


def _leading_notes(upper: list[Descriptor]) -> tuple[list[Descriptor], list[Descriptor]]:
    """A ``Not`` printed on the line of the group labels (``(mnkr) Not Kommunen Sammanställd
    redovisning`` over ``Bokslut 2015`` …) is a column of its own left of the groups, one line
    tall as the stub is, not a label over columns: (the Not columns, the group labels)."""
    k = 0
    while k < len(upper) and upper[k].head == "note" and len(upper[k].words) == 1:
        k += 1
    rest = upper[k:]
    if k and rest and all(u.is_group_label for u in rest):
        return upper[:k], rest
    return [], upper


@dataclass(frozen=True, slots=True)
class HeaderReading:
    columns: tuple[Descriptor, ...]
    groups: tuple[Descriptor | None, ...]


def read_text_header(words: list[HeaderWord]) -> list[HeaderReading]:
    """The readings of a (text) header, most natural first: one level, then with the rows
    above a split point as group labels over the columns below it. A ``Not`` printed alone on
    a row of its own (a header printed one cell per line) is a column of its own whichever row
    it stands on: it holds note numbers and labels no columns (:func:`_lone_note`)."""
    out: list[HeaderReading] = []
    seen: set[tuple[int, ...]] = set()
    for body_words in _column_words(words):
        _read_levels(body_words, out, seen)
    return out


def _column_words(words: list[HeaderWord]) -> list[list[HeaderWord]]:
    """The words that name columns, without the stub caption over the label column: the first
    line's stub and, where the caption wraps onto lower lines (``Verksamheternas nettokostnad``
    / ``per nämnd, mnkr``), their words that carry it on. A wrapped caption is a phrase that
    may go on over a header word of the first line (``nettokostnad``, the caption's noun): one
    list with that word as a column's, one with it as the caption's; the body decides."""
    stub = stub_length(words)
    lines = sorted({w.line for w in words[stub:]})
    wrapped: set[int] = set()
    for line in lines[1:]:
        on_line = [i for i in range(stub, len(words)) if words[i].line == line]
        wrapped.update(on_line[: wrapped_caption([words[i] for i in on_line])])
    kept = [w for i, w in enumerate(words) if i >= stub and i not in wrapped]
    if not wrapped or not lines:
        return [kept]
    first = lines[0]
    lead = 0
    while lead < len(kept) and kept[lead].line == first and kept[lead].role == "kind":
        lead += 1
    longer_caption = kept[lead:] if 0 < lead < sum(w.line == first for w in kept) else None
    return [kept, longer_caption] if longer_caption else [kept]


def _read_levels(body_words: list[HeaderWord], out: list[HeaderReading], seen: set[tuple[int, ...]]) -> None:
    """Add to ``out`` the readings of these column words: one level (entity words heading the
    runs of columns after them), then each split of the printed rows into group labels over
    columns (a Not on the labels' line a column of its own), one reading per split and column
    count."""
    rows = printed_rows(body_words)
    keys = sorted(set(rows))
    lone_note = _lone_note(body_words, rows)
    for split in range(len(keys)):
        upper_rows = set(keys[:split])
        above = [row in upper_rows and i != lone_note for i, row in enumerate(rows)]
        upper_words = [w for w, up in zip(body_words, above, strict=True) if up]
        lower_words = [w for w, up in zip(body_words, above, strict=True) if not up]
        for modifies in (True, False):
            lower = parse_descriptors(lower_words, modifies)
            if not lower:
                continue
            upper = parse_descriptors(upper_words, modifies)
            notes, upper = _leading_notes(upper)
            lower = notes + lower
            assigned = _assign_groups(upper, lower[len(notes) :])
            if assigned is None:
                continue
            groups: list[Descriptor | None] = [*(None for _ in notes), *assigned]
            if _names_two_entities(lower, groups):
                continue
            if split == 0:
                groups = _entity_runs(lower, groups)
            key = (split, len(lower))
            if key in seen or (split == 0 and _label_over_one_of_many(lower)):
                continue
            seen.add(key)
            out.append(HeaderReading(tuple(lower), tuple(groups)))


# ---- a text laid out in columns ---------------------------------------------------------------


def laid_out(words: list[HeaderWord]) -> bool:
    """Whether a text header is laid out in columns, as ``pdftotext -layout`` lays out a page:
    some two of its words stand further apart than one space (a phrase's words are one space
    apart), so that a word's character column says which column it is printed over."""
    return laid_out_words(words[stub_length(words) :])


def _chars(w: HeaderWord) -> tuple[float, float]:
    assert w.chars is not None, w  # a word of a text layer keeps its character columns
    return w.chars


def _span_of(words: list[HeaderWord]) -> tuple[float, float]:
    """The characters a text layer's words span (left of the leftmost, right of the rightmost)."""
    return min(_chars(w)[0] for w in words), max(_chars(w)[1] for w in words)


def _cells_of(words: list[HeaderWord]) -> list[list[HeaderWord]]:
    """A header line's words in the cells a run of spaces sets apart: a column's phrase never
    spans one (its words are one space apart), though two cells may stand one space apart."""
    cells: list[list[HeaderWord]] = []
    for w in words:
        if cells and _chars(w)[0] - _chars(cells[-1][-1])[1] <= 1:
            cells[-1].append(w)
        else:
            cells.append([w])
    return cells


@dataclass
class _Stack:
    """One column of a laid-out header: its words top to bottom and the characters they span."""

    left: float
    right: float
    words: list[HeaderWord]


def read_laid_out_header(words: list[HeaderWord]) -> HeaderReading | None:
    """The columns of a text header laid out in columns: a column's words stand over each other
    (``Utfall`` over ``2022``, right-aligned, left-aligned or centred in its cell), so each
    line's column phrases join the column whose words above they overlap, and a phrase that
    overlaps none is a column of its own. The header's character columns decide how many value
    columns there are, as x positions do in a PDF.

    None where the lines do not stack one phrase per column: a phrase over several columns, two
    phrases of one line over one column, or an entity or period on top of a column (a label over
    a group of columns, ``Kommunen`` over ``2024 2023``, however it stands over them; a period
    below a column's head, ``Prognos intäkter`` / ``helår``, is the column's own)."""
    body = [w for w in words[stub_length(words) :] if w.role not in ("unit", "fragment")]
    if not body or any(w.chars is None for w in body):
        return None
    # the stub cell an office may set on a lower line (``Tjänster`` beside ``intäkter``) stands
    # over the labels, not over a column
    body = [w for w in body if not (w.role == "other" and in_label_column(w, words))]
    labels = _group_labels(body)
    body = [w for w in body if all(w not in label.words for label in labels)]
    stacks: list[_Stack] = []
    for line in sorted({w.line for w in body}):
        phrases = [p for cell in _cells_of([w for w in body if w.line == line]) for p in _phrases(cell)]
        taken: set[int] = set()
        for phrase in phrases:
            left, right = _span_of(phrase.words)
            under = [k for k, s in enumerate(stacks) if min(right, s.right) - max(left, s.left) > 0]
            if len(under) > 1 or (under and under[0] in taken):
                return None
            if under:
                stack = stacks[under[0]]
                stack.words += phrase.words
                stack.left, stack.right = min(stack.left, left), max(stack.right, right)
                taken.add(under[0])
            else:
                stacks.append(_Stack(left, right, list(phrase.words)))
                taken.add(len(stacks) - 1)
        stacks.sort(key=lambda s: s.left)
    columns = []
    for stack in stacks:
        top = [w for w in stack.words if w.line == stack.words[0].line]
        if len(stacks) > 1 and Descriptor(top).is_group_label:
            return None  # an entity or period over a column's head: a label over a group of them
        read = parse_descriptors(stack.words)
        if len(read) != 1:
            return None  # its words make more than one column phrase: no stack of one column
        columns.append(_in_printed_order(read[0], stack.words))
    if any(a.right >= b.left for a, b in zip(stacks, stacks[1:], strict=False)):
        return None
    groups: list[Descriptor | None] = [None] * len(columns)
    if len(labels) > len(columns):
        return None
    if labels:
        extents = [(s.left, s.right) for s in stacks]
        parts = _partition([_span_of(d.words) for d in labels], extents, 0.0)
        for label, members in zip(labels, parts, strict=True):
            for i in members:
                groups[i] = label
    return HeaderReading(tuple(columns), tuple(groups))


def _in_printed_order(d: Descriptor, printed: list[HeaderWord]) -> Descriptor:
    """A laid-out column's phrase with its words top to bottom, as its column prints them (a
    word wrapped in lower case joins its phrase before words waiting for the next phrase do:
    ``Motsvaran`` / ``de period`` / ``föregående`` / ``år`` reads ``… föregående år``)."""
    order = sorted(range(len(d.words)), key=lambda i: printed.index(d.words[i]))
    return Descriptor(
        [d.words[i] for i in order],
        d.head,
        d.closed,
        {new for new, old in enumerate(order) if old in d.referenced},
    )


def _phrases(cell: list[HeaderWord]) -> list[Descriptor]:
    """A laid-out header cell's column phrases. A cell of words that name no column on their own
    (``fg år`` under ``Utfall``, ``Aktuell`` over ``period``) still stands over its column."""
    return parse_descriptors(cell) or [Descriptor(list(cell))]


def _group_labels(body: list[HeaderWord]) -> list[Descriptor]:
    """The labels over groups of columns of a laid-out header: its first line, when it holds only
    entity or period words (``Period`` … ``Helår``, ``Kommunen`` … ``Koncernen``) over further
    lines, one label to a cell."""
    lines = sorted({w.line for w in body})
    top = [w for w in body if w.line == lines[0]]
    if len(lines) < 2 or not Descriptor(top).is_group_label:
        return []
    return [Descriptor(words=cell, head=cell[0].role) for cell in _cells_of(top)]


def character_spans(reading: HeaderReading) -> tuple[tuple[float, float], ...]:
    """The characters each column's header words span in a text laid out in columns."""
    return tuple(_span_of(d.words) for d in reading.columns)


# ---- geometry (PDF) ---------------------------------------------------------------------------


def read_geometric_header(words: list[HeaderWord], extents: list[tuple[float, float]]) -> HeaderReading:
    """Assign header words to the body's columns by x position (``extents``: each column's
    left and right edge over its values). Lines of only entity/period words are group labels,
    each over a contiguous run of columns around it."""
    n = len(extents)
    first_x = extents[0][0] if extents else 0.0
    pitch = min((b[0] - a[1] for a, b in zip(extents, extents[1:], strict=False)), default=40.0)
    margin = max(pitch, 10.0)
    placed = [w for w in _expand(words) if w.x1 is not None and w.x1 > first_x - margin and w.role != "unit"]
    by_line: dict[int, list[HeaderWord]] = {}
    for w in placed:
        by_line.setdefault(w.line, []).append(w)
    columns = [Descriptor() for _ in range(n)]
    groups: list[Descriptor | None] = [None] * n
    seen_columns = False
    for _line, ws in sorted(by_line.items()):
        if _a_caption(ws, placed):
            continue  # a caption over the table ("Resultatuppföljning tjänster och … period")
        label = Descriptor(words=list(ws))
        distinct = len({norm_word(w.text) for w in ws}) == len(ws)
        if label.is_group_label and len(ws) < n and distinct and not seen_columns:
            for g, members in zip(ws, _partition([_span(w) for w in ws], extents, 2.0), strict=True):
                d = Descriptor(words=[g], head=g.role)
                for i in members:
                    groups[i] = d
            continue
        seen_columns = True
        for w in ws:
            col = _column_of(w, extents)
            if col is not None:
                columns[col].add(w)
    for d in columns:
        d.words = _rejoin(d.words)
    return HeaderReading(tuple(columns), tuple(groups))


def _a_caption(ws: list[HeaderWord], placed: list[HeaderWord]) -> bool:
    """A line of mostly words of no header vocabulary, unless every word goes on a column's name
    down the column: over a column word below it (``Aktuell`` over ``period``), or under one
    above it (``början)`` under ``period (ack``)."""
    if sum(w.role == "other" for w in ws) * 2 <= len(ws):
        return False
    return not all(over_a_column(w, placed) for w in ws) and not all(under_a_column(w, placed) for w in ws)


def _span(w: HeaderWord) -> tuple[float, float]:
    """x0 and x1 of a word of a PDF header: only those are placed by their position."""
    assert w.x0 is not None and w.x1 is not None, w
    return w.x0, w.x1


def _column_of(w: HeaderWord, extents: list[tuple[float, float]]) -> int | None:
    return column_under(*_span(w), extents)


def _partition(
    labels: list[tuple[float, float]], extents: list[tuple[float, float]], slack: float
) -> list[list[int]]:
    """Contiguous runs of columns, one per group label (``labels``: each label's left and right,
    in the units of ``extents``). A label set flush with the left edge of its first column
    (LibreOffice's default; ``slack``: how far right of that column's right edge it may start)
    starts its run there; a centred label gets the run it is best centred over."""
    n, m = len(extents), len(labels)
    starts = [
        next((i for i, (_, right) in enumerate(extents) if right >= label[0] - slack), n) for label in labels
    ]
    if starts[0] == 0 and all(a < b for a, b in zip(starts, starts[1:], strict=False)) and starts[-1] < n:
        bounds = [*starts, n]
        return [list(range(a, b)) for a, b in zip(bounds, bounds[1:], strict=False)]
    centers = [(a + b) / 2 for a, b in extents]
    best: tuple[float, list[list[int]]] | None = None

    def runs(start: int, k: int) -> list[list[list[int]]]:
        if k == 1:
            return [[list(range(start, n))]] if start < n else []
        out = []
        for end in range(start + 1, n - k + 2):
            for rest in runs(end, k - 1):
                out.append([list(range(start, end)), *rest])
        return out

    for option in runs(0, m):
        cost = 0.0
        for label, members in zip(labels, option, strict=True):
            mid = (centers[members[0]] + centers[members[-1]]) / 2
            cost += abs(mid - sum(label) / 2)
        if best is None or cost < best[0]:
            best = (cost, option)
    return best[1] if best else [list(range(n))]


def _rejoin(words: list[HeaderWord]) -> list[HeaderWord]:
    """Word parts a PDF broke over lines without a hyphen (``Avvik`` / ``else``,
    ``Budgetav`` / ``vikelse``): joined when the whole is a header word and one of the parts
    alone is not (or the first part ends in a hyphen)."""
    out: list[HeaderWord] = []
    for w in words:
        joined = _joined(out[-1], w) if out and out[-1].line != w.line else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(w)
    return out


def _joined(prev: HeaderWord, w: HeaderWord) -> HeaderWord | None:
    vocab = load_vocabulary()
    whole = prev.text.rstrip("-") + w.text
    role = vocab.role_of(whole)
    if role is None or (vocab.role_of(prev.text) == role and not prev.text.endswith("-")):
        return None
    broken = prev.text.endswith("-") or "other" in (prev.role, w.role) or "fragment" in (prev.role, w.role)
    if not broken:
        return None
    return HeaderWord(whole, prev.line, role[0], role[1], prev.x0, w.x1, prev.in_parens, prev.line_start)


# ---- attributes -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TableContext:
    base_year: int | None  # the document's year: the budget year, or the year a report covers
    reports_outcomes: bool | None  # True in a report (årsredovisning, driftredovisning), False in a budget
    title_year: int | None = None  # a single year printed in the table's caption
    title_period: str | None = None  # part_year when the caption names a period (``… period``)
    title_entity: str | None = None  # the one reporting entity the caption names (``Kommunkoncernen``)


def column_record(index: int, own: Descriptor, group: Descriptor | None, ctx: TableContext) -> ColumnRecord:
    text = " ".join(p for p in ((group.text if group else ""), own.text) if p).strip()
    norm = " ".join(norm_word(w) for w in text.split())
    kind = "note" if own.head == "note" else _kind(own)
    year, year_source, period = _year(own, group, ctx, norm)
    if kind == "change" and period == "multi_year":
        # Förändring 2012/2013: the two years a change is between, the later its own; the
        # figure is the change over that year, no amount summed over both
        period = "year"
    period = _period(own, group, period, ctx)
    scenario_word = _first(own, "scenario") or _first(group, "scenario")
    scenario, inferred = _scenario(kind, scenario_word, norm, year, ctx)
    entity = _entity(own, group, ctx)
    if kind in ("note", "percent"):
        year, year_source, scenario, inferred = None, "none", None, False
    return ColumnRecord(
        column_index=index,
        fiscal_year=year,
        year_is_inferred=year_source in ("document", "relative"),
        scenario_as_printed=scenario_word.text.strip("(),.:;") if scenario_word else None,
        header_text=text,
        header_line=(own.words[0].line if own.words else group.words[0].line if group else None),
        x_anchor=own.words[-1].x1 if own.words and own.words[-1].x1 is not None else None,
        scenario=scenario,
        scenario_is_inferred=inferred,
        amount_kind=kind,
        reporting_entity=entity or "kommun",
        period_kind=period,
        year_source=year_source,
    )


def _kind(own: Descriptor) -> str:
    """What the column measures: its phrase's kind (``Skatteintäkter och generella bidrag``
    is an allocation), else its kind word's (``U`` where the legend says ``U=Utgifter``)."""
    vocab = load_vocabulary()
    found = vocab.kind_of(own.text) or vocab.kind_of("".join(w.text for w in own.words))
    if found:
        return found
    words = own.own("kind")
    return words[0].value if words and words[0].value else "amount"


def _entity(own: Descriptor, group: Descriptor | None, ctx: TableContext) -> str:
    """Whose figures a column holds: the entity its own words or its group's name, else the one
    the table's caption names (a table captioned ``Kommunkoncernen`` holds the group's figures),
    else the municipality itself."""
    vocab = load_vocabulary()
    word = _first(own, "entity") or _first(group, "entity")
    if word is not None:
        return vocab.value_of("entity", word.text) or "kommun"
    return ctx.title_entity or "kommun"


def names_group_accounts(columns, groups, ctx: TableContext) -> bool:
    """Whether a table prints the municipal group's figures (a ``Koncernen`` or ``Sammanställd
    redovisning`` column, or a caption naming the koncern)."""
    return any(_entity(d, g, ctx) == "koncern" for d, g in zip(columns, groups, strict=True))


def _looks_back(columns) -> bool:
    """Whether a table prints its years latest first (``2022 2021 2020``; per entity, ``Kommun
    2019 Kommun 2018 Koncern 2019 Koncern 2018``): the first year is the latest and the next one
    earlier. An annual or interim report sets the year it reports on first and the years it
    compares it with after it; a budget's columns run forward in time to its plan years."""
    years = [int(w.value) for d in columns if (w := d.year_word) is not None and w.value]
    return len(years) >= 2 and years[1] < years[0] and max(years) == years[0]


def reading_context(columns, groups, ctx: TableContext) -> TableContext:
    """The table's context with what its own header says of the document where neither the
    document's type nor the table's caption says whether it reports outcomes. A table that
    prints the municipal group's figures reports outcomes: the group's accounts (sammanställd
    redovisning) are compiled for the annual and interim report, and no council adopts a budget
    for them. So does a table that prints its years latest first. Its years that print no
    scenario are then utfall, the municipality's beside the group's."""
    if ctx.reports_outcomes is not None:
        return ctx
    if names_group_accounts(columns, groups, ctx) or _looks_back(columns):
        return replace(ctx, reports_outcomes=True)
    return ctx


def _first(d: Descriptor | None, role: str) -> HeaderWord | None:
    if d is None:
        return None
    found = d.own(role)
    return found[0] if found else None


def _year(
    own: Descriptor, group: Descriptor | None, ctx: TableContext, norm: str
) -> tuple[int | None, str, str]:
    """(year, where it came from, period kind implied by it)."""
    for d, source in ((own, "header"), (group, "group")):
        w = d.year_word if d is not None else None
        if w is not None:
            assert w.value is not None, w  # a year word carries its year
            return int(w.value), source, "multi_year" if w.role == "range" else "year"
    if _RELATIVE_YEAR.search(_before_reference(norm)) and ctx.base_year:
        return ctx.base_year - 1, "relative", "year"
    if ctx.title_year:
        return ctx.title_year, "title", "year"
    if ctx.base_year:
        return ctx.base_year, "document", "year"
    return None, "none", "year"


def _before_reference(norm: str) -> str:
    """A column phrase up to what it is compared with (``Utfall perioden jämfört med samma period
    föregående år``: the year before is the comparison's, not the column's)."""
    words = norm.split()
    cut = next((i for i, w in enumerate(words) if w in _REFERENCE), len(words))
    return " ".join(words[:cut])


def _period(own: Descriptor, group: Descriptor | None, from_year: str, ctx: TableContext) -> str:
    if from_year == "multi_year":
        return from_year
    vocab = load_vocabulary()
    for d in (own, group):
        w = _first(d, "period")
        if w is not None:
            return vocab.value_of("period", w.text) or "year"
    return ctx.title_period or "year"


def _scenario(
    kind: str, word: HeaderWord | None, norm: str, year: int | None, ctx: TableContext
) -> tuple[str | None, bool]:
    """(scenario, whether it was inferred rather than printed)."""
    vocab = load_vocabulary()
    if kind == "deviation":
        # An avvikelse compares an outcome (or a forecast) with the budget: it belongs to that.
        return ("prognos" if "prognos" in norm else "utfall"), False
    if word is not None:
        return forecast_or_plan(vocab.value_of("scenario", word.text), year, ctx.base_year), False
    if kind == "allocation":
        return "budget", False  # kommunbidrag, nämndbidrag: what the council decided
    if ctx.reports_outcomes:
        return "utfall", True
    return scenario_of_year(year, ctx.base_year), True
