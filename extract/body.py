"""A table's body: which lines belong to it and how they form rows.

The body runs from below the header until running text, a new header, or too many lines
without values. In it:

- a line with a numeric tail is a value line; a line without one is a label line;
- a label followed by several one-number lines is a row of explicit cells (web pages and
  some PDF text layers print every cell, blank ones included, on a line of its own; a blank
  line separates cells, two blank lines leave a cell empty);
- label lines join the value row below them when they wrap into it (a continuation cue, a
  lower-case continuation, or the only value row of their block), or the row above when its
  label ends in a continuation cue (``Total förvaltning och`` / ``förändringsinitiativ``), or
  both when a PDF centres a row's values between the lines of its label;
- other label lines are headings that give the rows below them their section.

In a PDF the geometry says more than the wording. The lines of one table cell stand at the
paragraph's own pitch, and a table's rows stand further apart than that (cell padding, a rule, a
paragraph's space after): the body's blocks are cut there (:func:`row_blocks`), so that where a
table's rows stand apart, a block is one row, and a label line belongs to the one value row of its
block, above or below it, whatever its first word. A label line set out left of a row's label (a
heading over its indented group) or starting in the value columns is never that row's label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .glued import ends_number
from .headers import DEFINING, HeaderBlock, parse_header, stub_length, year_columns
from .model import Line
from .numbers import is_no_value_mark, is_numeric_token, parse_tokens
from .patterns import LinePatterns
from .readers import LINE_STEP
from .rows import has_values, note_list_cell, numeric_tail_start
from .settings import ExtractionSettings

CONTINUATION_WORDS = frozenset(
    {
        "och",
        "samt",
        "till",
        "för",
        "av",
        "med",
        "i",
        "på",
        "inkl",
        "inkl.",
        "exkl",
        "exkl.",
        "eller",
        "mellan",
        "från",
        "mot",
        "om",
        "vid",
        "per",
        "inom",
        "under",
    }
)
_FOOTNOTE = re.compile(r"^(\*+|¹|²|³)\s*\S")
_WS = re.compile(r"\s+")
_BULLET = re.compile(r"^[\u2013\u2014\u2022•·\-]\s+(?=\S)")
_PERCENT_CELL = re.compile(r"^[+\-\u2212\u2013]?\s?\d+(?:[ ,.]\d+)*\s?%$")


def clean_label(text: str) -> str:
    """Wrapped lines joined by one space; a list bullet (``– ``, ``- ``, ``• ``) removed."""
    return _BULLET.sub("", _WS.sub(" ", text).strip())


_BROKEN_AT_DASH = re.compile(r"\w[\-\u2013]$")
_KEEPS_ITS_SPACE = frozenset({"och", "eller", "samt", "respektive", "resp."})


def join_label_lines(parts: list[str]) -> str:
    """The lines of a wrapped label as one: one space between them, except where a line breaks
    after a hyphen or dash inside a word or range (``årskurs 4–`` / ``9``, ``IT-`` / ``stöd``); a
    hyphen that ends the first half of a pair keeps its space (``Lokal-`` / ``och fastighet``)."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        first = part.split()[0].lower()
        glued = _BROKEN_AT_DASH.search(out) and first not in _KEEPS_ITS_SPACE
        out = f"{out}{part}" if glued or not out else f"{out} {part}"
    return out


def ends_open(text: str) -> bool:
    """A label that ends where a word or phrase must go on: ``…,``, ``… och``, an open bracket."""
    p = text.rstrip()
    words = p.split()
    if not words:
        return False
    if p.endswith((",", "&", "-", "\u2013", "/")) or words[-1].lower() in CONTINUATION_WORDS:
        return True
    return p.count("(") > p.count(")")


def continues(prev: str, nxt: str) -> bool:
    """Does label line ``nxt`` continue ``prev`` (a label wrapped over lines)?"""
    if ends_open(prev):
        return True
    return nxt.lstrip()[:1].islower() and bool(prev.split())


def is_prose(line: Line, settings: ExtractionSettings, label_limit: float | None = None) -> bool:
    """Running text: a long label part, or a sentence. A value row's numbers do not count."""
    tail = numeric_tail_start(line, label_limit)
    text = (
        line.text[: int(line.tokens[tail].x0)].strip()
        if tail < len(line.tokens) and not line.geometric
        else (" ".join(t.text for t in line.tokens[:tail]) if tail < len(line.tokens) else line.stripped)
    )
    if len(text) >= settings.prose_min_chars:
        return True
    # A sentence; wrapped labels such as "Dator som tjänst (exkl. Skoldator) - 3 år." are shorter.
    return text.endswith(".") and len(text.split()) >= 12


def is_footnote(line: Line) -> bool:
    return bool(_FOOTNOTE.match(line.stripped))


def single_cell(line: Line) -> bool:
    """A line that is one cell: one number (``1 074,0``, ``-6 019``, ``8,1 %``), a list of notes
    (``10, 22``: a Not cell), a no-value mark, or only spaces (a blank cell)."""
    text = line.text.strip()
    if not text:
        return bool(line.text)  # " ": a blank cell; "" is a separator
    if _PERCENT_CELL.match(text) or note_list_cell(text) is not None:
        return True
    return parse_tokens(text.split()) is not None


@dataclass
class BodyItem:
    line: Line
    block: int  # blank-separated block of the body
    kind: str  # values | label | footnote | cells
    cells: list[tuple[str, int]] = field(default_factory=list)  # kind cells: (text, line)


@dataclass
class LogicalRow:
    kind: str  # heading | values | cells
    label_lines: list[Line]
    value_line: Line | None = None
    values_only: bool = False
    cells: list[tuple[str, int]] = field(default_factory=list)
    wrapped: tuple[Line, ...] = ()  # the lines a value line's numbers wrapped over (joined in it)
    note: tuple[str, Line] | None = None  # a heading's note reference, as printed, and its line

    @property
    def label_text(self) -> str:
        return join_label_lines([ln.text for ln in self.label_lines])


@dataclass(frozen=True)
class _CellRun:
    cells: list[tuple[str, int]]
    end: int  # the index after the run's last cell
    label: Line | None = None  # the next row's label, glued to the run's last cell on line ``end``


def _cell_run(lines: list[Line], j: int, geometric: bool, columns: int | None = None) -> _CellRun | None:
    """Cells printed one per line from ``lines[j]``, or None.

    A run of r empty lines between cells (or after the label) leaves r - 1 cells empty. Where the
    header says how many ``columns`` there are (a year each), a row holds that many cells at most,
    in the header's order: the value lines after them are not this label's (the next rows', whose
    labels a scrape may have lost), so the run ends there. A scrape
    that drops the break between a row's last cell and the next row's label glues the two
    (``3 098,9Bidrag till …``, ``-565ÅRETS KASSAFLÖDE``): that line ends the run with its number,
    and its words are the next row's label (:func:`_values_then_label`).
    """
    if geometric:
        return None
    cells: list[tuple[str, int]] = []
    k = j
    empties = 0
    label: Line | None = None
    while k < len(lines):
        line = lines[k]
        if line.text == "":
            empties += 1
            k += 1
            continue
        glued = None if single_cell(line) else _values_then_label(line)
        if glued is not None and not single_cell(glued[0]):
            glued = None
        if not single_cell(line) and glued is None:
            break
        if columns is not None and len(cells) + max(0, empties - 1) >= columns:
            break  # the row's cells are all read
        cells.extend(("", line.number) for _ in range(max(0, empties - 1)))
        cells.append(((glued[0] if glued else line).text.strip(), line.number))
        empties = 0
        if glued is not None:
            label = glued[1]
            break
        k += 1
    values = [c for c in cells if c[0]]
    if len(cells) < 2 or not values:
        return None
    if label is not None:
        return _CellRun(cells, k, label)
    # the run ends at its last cell: blank lines after it are not empty cells of this row
    last = max(i for i, ln in enumerate(lines[j:k], start=j) if ln.text != "")
    return _CellRun(cells, last + 1)


def _values_then_label(line: Line) -> tuple[Line, Line] | None:
    """A text line that ends one row's values and starts the next row's label, glued together
    by the text layer (``-7 005 -7 479 … -8 700Skatteintäkter``): the two parts as two lines."""
    if line.geometric or not line.tokens or not is_numeric_token(line.tokens[0].text):
        return None
    k = 0
    while k < len(line.tokens) and is_numeric_token(line.tokens[k].text):
        k += 1
    rest = line.tokens[k:]
    if not rest or any(any(ch.isdigit() for ch in t.text) for t in rest):
        return None
    if not any(any(ch.isdigit() for ch in t.text) for t in line.tokens[:k]):
        return None  # "– Goodwill …": a list bullet, not a value
    if rest[0].x0 > line.tokens[k - 1].x1:
        return None  # "1 Inledning": a number set apart from its words numbers a heading
    cut = int(rest[0].x0)
    values = Line(line.number, line.text[:cut], line.tokens[:k], line.page, False, line.top)
    label = Line(line.number, " " * cut + line.text[cut:], rest, line.page, False, line.top)
    return values, label


def collect_body(
    lines: list[Line],
    start: int,
    settings: ExtractionSettings,
    label_limit: float | None,
    header: HeaderBlock | None = None,
) -> tuple[list[BodyItem], int, list[Line]]:
    """Items of the table body from ``start``; returns them, the index after the table, and the
    lines of ``header`` printed again where the table goes on over a page break (they are the
    table's structure, not rows: :func:`repeated_header_end`)."""
    body: list[BodyItem] = []
    repeated: list[Line] = []
    block = 0
    j = start
    columns = year_columns(header) if header is not None else None
    last_value = None
    while j < len(lines):
        line = lines[j]
        if line.is_blank:
            block += 1
            j += 1
            continue
        again = repeated_header_end(lines, j, header, settings) if body else None
        if again is not None:
            repeated += [ln for ln in lines[j:again] if not ln.is_blank]
            block += 1
            j = again
            continue
        if _starts_header(lines, j, settings, label_limit) or _past_the_rows(line, body):
            break
        if is_footnote(line):
            body.append(BodyItem(line, block, "footnote"))
            j += 1
            continue
        if has_values(line, label_limit) and not is_prose(line, settings, label_limit):
            body.append(BodyItem(line, block, "values"))
            last_value = len(body)
            j += 1
            continue
        glued = _values_then_label(line) if body and body[-1].kind == "label" else None
        if glued is not None:
            body.append(BodyItem(glued[0], block, "values"))
            body.append(BodyItem(glued[1], block, "label"))
            last_value = len(body) - 1
            j += 1
            continue
        if body and _header_below(lines, j + 1, settings, label_limit, header):
            break  # a caption over the next table's header (``Koncernen`` over its years)
        run = _cell_run(lines, j + 1, line.geometric, columns) if body or last_value is None else None
        if run is not None and len(line.stripped) < 2 * settings.prose_min_chars:
            # a label over its cells, however long ("Årets resultat i procent av …")
            body.append(BodyItem(line, block, "cells", run.cells))
            last_value = len(body)
            j = run.end
            if run.label is not None:  # the next row's label, read where its line stands
                lines = [*lines[:j], run.label, *lines[j + 1 :]]
            continue
        if is_prose(line, settings, label_limit) or not _values_ahead(
            lines, j + 1, settings, label_limit, header
        ):
            break
        body.append(BodyItem(line, block, "label"))
        j += 1
    if last_value is None:
        return [], start, []
    kept = body[:last_value]
    end_line = max(_last_line(b) for b in kept)
    after = [b for b in body[last_value:] if b.kind == "footnote"]
    kept.extend(after)
    if after:
        end_line = after[-1].line.number
    end_idx = next((i for i, ln in enumerate(lines) if ln.number > end_line), len(lines))
    return row_blocks(kept), end_idx, [ln for ln in repeated if ln.number < end_line]


ROW_GAP_FACTOR = 3  # a gap this many times the widest between the table's own lines ends it


def _past_the_rows(line: Line, body: list[BodyItem]) -> bool:
    """In a PDF a table's lines follow each other at its own spacing: a line on the same page
    much further below its last line than any of its lines is from the one above (the page's
    footer at the foot of the page, a section further down) is past the table's end. A table
    that goes on over a page break goes on at the top of the next page."""
    if not line.geometric or line.top is None:
        return False
    tops = [b.line.top for b in body if b.line.page == line.page and b.line.top is not None]
    steps = [b - a for a, b in zip(tops, tops[1:], strict=False) if b > a]
    return bool(steps) and line.top - tops[-1] > ROW_GAP_FACTOR * max(steps)


def repeated_header_end(
    lines: list[Line], j: int, header: HeaderBlock | None, settings: ExtractionSettings
) -> int | None:
    """The index after ``header`` printed again at ``lines[j]``, where its table goes on over a
    page break; None where ``lines[j]`` is not that.

    A table that runs onto the next page is one table: offices print its header row again at
    the top of each page it runs onto (Writer's and Word's repeated heading rows, HTML's
    ``thead``), and some do not. The repeat names the same columns as the table's header, and
    only the page break stands between it and the table's line before it (the page's running
    header and footer are withheld already): that line is on an earlier page."""
    page = lines[j].page
    if header is None or page is None:
        return None
    k = j - 1
    while k >= 0 and lines[k].is_blank:
        k -= 1
    before = lines[k].page if k >= 0 else None
    if before is None or before >= page:
        return None
    again = parse_header(lines, j, settings)
    if again is None or _named_columns(again) != _named_columns(header):
        return None
    return again.last_line_idx + 1


def _named_columns(header: HeaderBlock) -> tuple[str, ...]:
    """The words of a header that name its columns, in reading order (no stub, no unit)."""
    return tuple(w.text.casefold() for w in header.words if w.role in DEFINING)


ROW_GAP = 0.15  # of the type's size: what a row gap adds at least to the pitch of a cell's lines
INDENT_TOLERANCE = 0.25  # of the type's size: the lines of one cell start at one x


def _size(line: Line) -> float:
    return max((t.size for t in line.tokens), default=0.0) or 10.0


def row_blocks(body: list[BodyItem]) -> list[BodyItem]:
    """A PDF table's body with its blocks cut where its rows stand apart.

    The lines of one cell follow one another at the paragraph's pitch, the tightest pitch in the
    body; a new row starts further down (the cells' padding, a rule between rows, a paragraph's
    space after). Where two lines stand further apart than that pitch, they are in different
    rows: a new block starts, as at a blank line. Steps shorter than a line (a row's numbers
    centred between the lines of its label) are no pitch. A body whose lines all stand at one
    pitch keeps its blocks: there its spacing tells no rows apart.
    """
    steps = [
        (k, b.line.top - a.line.top, _size(b.line))
        for k, (a, b) in enumerate(zip(body, body[1:], strict=False), start=1)
        if a.line.geometric
        and a.line.page == b.line.page
        and a.line.top is not None
        and b.line.top is not None
    ]
    pitches = [step for _, step, size in steps if step > LINE_STEP * size]
    if not pitches:
        return body
    pitch = min(pitches)
    cuts = {k for k, step, size in steps if step > pitch + ROW_GAP * size}
    out: list[BodyItem] = []
    shift = 0
    for k, b in enumerate(body):
        shift += k in cuts
        out.append(replace(b, block=b.block + shift) if shift else b)
    return out


def _starts_header(
    lines: list[Line], j: int, settings: ExtractionSettings, label_limit: float | None
) -> bool:
    """Whether ``lines[j]`` opens a new table's header. In a PDF table, a line wholly inside the
    label column names no value column (``prognos`` ending the label ``Kompensation … enligt
    SKR:s prognos``): only a unit there opens a header (``Belopp i tkr`` over a table)."""
    header = parse_header(lines, j, settings)
    if header is None or _labels_values_below(lines, header, settings):
        return False
    line = lines[j]
    if not line.geometric or label_limit is None or any(t.x1 > label_limit for t in line.tokens):
        return True
    return header.unit is not None and any(w.role == "unit" for w in header.words if w.line == line.number)


def _labels_values_below(lines: list[Line], header: HeaderBlock, settings: ExtractionSettings) -> bool:
    """Whether a caption with a unit and no column words (``Nettoinvesteringar (mnkr)``) inside
    a table's body is the label of the values right below it: a row that prints its own unit,
    as key-figure tables print one per row (``Folkmängd``, ``… (mnkr)``, ``… per invånare
    (kr)``). A new table's caption stands over rows that have labels of their own; values
    without a label belong to the label above them."""
    words = list(header.words)
    if any(w.role in DEFINING for w in words[stub_length(words) :]):
        return False  # it names columns: a new header
    if header.stub is None or header.unit is None:
        return False  # a unit alone (``(mnkr)``) labels no row
    k = header.last_line_idx + 1
    while k < len(lines) and lines[k].is_blank:
        k += 1
    if k == len(lines) or parse_header(lines, k, settings) is not None:
        return False
    tokens = [t.text for t in lines[k].tokens]
    return bool(tokens) and all(is_numeric_token(t) or is_no_value_mark(t) for t in tokens)


def _header_below(
    lines: list[Line],
    j: int,
    settings: ExtractionSettings,
    label_limit: float | None,
    own: HeaderBlock | None = None,
) -> bool:
    """Whether the first line from ``lines[j]`` that is not blank opens another table's header
    that names several columns: the line above it is then that table's caption, never a row of
    this one, however its header's words are printed (one per line, as a key-figure table prints
    its years). A lone year below a label is a cell (the year a project is finished), not a
    header; and this table's ``own`` header printed again over a page break goes on with this
    table, so the line above it is this table's row (a heading last on its page)."""
    while j < len(lines) and lines[j].is_blank:
        j += 1
    if j == len(lines) or not _starts_header(lines, j, settings, label_limit):
        return False
    if repeated_header_end(lines, j, own, settings) is not None:
        return False
    header = parse_header(lines, j, settings)
    return header is not None and sum(w.role in DEFINING for w in header.words) >= 2


def _last_line(b: BodyItem) -> int:
    return max([b.line.number, *(line for _, line in b.cells)])


def _values_ahead(
    lines: list[Line],
    j: int,
    settings: ExtractionSettings,
    label_limit: float | None,
    header: HeaderBlock | None = None,
) -> bool:
    """Whether values follow within a few lines (a heading row over its group), across the
    table's header printed again after a page break."""
    seen = 0
    while j < len(lines) and seen < settings.max_gap_lines:
        line = lines[j]
        if line.is_blank or is_footnote(line):
            j += 1
            continue
        again = repeated_header_end(lines, j, header, settings)
        if again is not None:
            j = again
            continue
        j += 1
        if _starts_header(lines, j - 1, settings, label_limit) or is_prose(line, settings, label_limit):
            return False
        if has_values(line, label_limit) or single_cell(line):
            return True
        seen += 1
    return False


def _is_bold(line: Line) -> bool:
    return line.geometric and bool(line.tokens) and all(t.bold for t in line.tokens)


def _in_capitals(text: str) -> bool:
    """A line set in capitals (``PANTER OCH ANSVARSFÖRBINDELSER``): how a text layer, which has
    no bold, shows a financial statement's section heading."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)


def _trailing_spaces(line: Line) -> int:
    return len(line.text) - len(line.text.rstrip(" "))


def heading_role(text: str, patterns: LinePatterns) -> str | None:
    """What a heading does in its table: ``change_marker`` where it starts the specification of
    changes against the previous plan (``Specifikation av förändringar``), ``group_heading``
    where it ends in ':' (``Varav:``, ``Specificerade nettokostnader:``) and starts a group of
    lines that break down the line above it; None for a heading that names a section."""
    if patterns.kind_of(text) == "change_marker":
        return "change_marker"
    return "group_heading" if text.rstrip().endswith(":") else None


def is_marker(text: str, patterns: LinePatterns) -> bool:
    """A heading that a label above or below it does not continue into."""
    return heading_role(text, patterns) is not None


def _centred_between(above: Line | None, values: Line, below: Line | None) -> bool:
    """A PDF prints a row's values centred between the lines of its wrapped label: the label
    lines sit less than a line's height above and below the values."""
    if above is None or below is None or values.top is None or above.top is None or below.top is None:
        return False
    size = max((t.size for t in values.tokens), default=10.0) or 10.0
    return values.top - above.top < 0.8 * size and below.top - values.top < 0.8 * size


def spacing_encoded(body: list[BodyItem]) -> bool:
    """Text layers that write empty cells as spaces end a heading row with several spaces."""
    return any(not b.line.geometric and b.kind == "label" and _trailing_spaces(b.line) >= 2 for b in body)


def assemble_rows(
    body: list[BodyItem], patterns: LinePatterns, label_limit: float | None = None
) -> list[LogicalRow]:
    """Group body items into headings and value rows, joining wrapped labels."""
    # In a layer that writes empty cells as spaces, a wrapped label fragment ends in one space:
    # there, one trailing space means "continues below".
    encoded = spacing_encoded(body)
    value_rows_per_block: dict[int, int] = {}
    for b in body:
        if b.kind in ("values", "cells"):
            value_rows_per_block[b.block] = value_rows_per_block.get(b.block, 0) + 1
    block_of = {b.line.number: b.block for b in body}
    rows: list[LogicalRow] = []
    pending: list[BodyItem] = []

    def flush_headings(items: list[BodyItem]) -> None:
        group: list[BodyItem] = []
        for b in items:
            if group and b.block == group[-1].block and continues(group[-1].line.text, b.line.text):
                group.append(b)
                continue
            if group:
                rows.append(LogicalRow("heading", [g.line for g in group]))
            group = [b]
        if group:
            rows.append(LogicalRow("heading", [g.line for g in group]))

    for b in body:
        if b.kind == "footnote":
            continue
        if b.kind == "label":
            if _continues_row_above(rows, pending, b, block_of, value_rows_per_block, label_limit):
                rows[-1].label_lines.append(b.line)
                continue
            pending.append(b)
            continue
        if b.kind == "cells":
            chain = _chain(pending, b.line.text, b.block, patterns, value_rows_per_block, encoded, b)
            flush_headings(pending[: len(pending) - len(chain)])
            rows.append(LogicalRow("cells", [*(c.line for c in chain), b.line], cells=b.cells))
            pending = []
            continue
        tail = numeric_tail_start(b.line, label_limit)
        if tail == 0:
            # Values alone on a line take the label lines just above them (even across a blank),
            # but not a marker heading such as "Varav:" that the label does not continue.
            chain = pending[-1:]
            for p in reversed(pending[:-1]):
                if p.block != chain[0].block:
                    break
                if continues(p.line.text, chain[0].line.text) or not is_marker(p.line.text, patterns):
                    chain.insert(0, p)
                else:
                    break
            flush_headings(pending[: len(pending) - len(chain)])
            rows.append(LogicalRow("values", [c.line for c in chain], b.line, values_only=True))
        else:
            chain = _chain(pending, b.line.text, b.block, patterns, value_rows_per_block, encoded, b)
            flush_headings(pending[: len(pending) - len(chain)])
            rows.append(LogicalRow("values", [c.line for c in chain], b.line))
        pending = []
    flush_headings(pending)
    return rows


def _chain(pending, nxt_text, block, patterns, value_rows_per_block, spacing_encoded, item) -> list[BodyItem]:
    """The pending label lines that wrap into the row of ``item``."""
    chain: list[BodyItem] = []
    start = _label_start(item.line) if item.kind == "values" else None
    for p in reversed(pending):
        if p.block != block:
            break
        if _is_bold(p.line) and not _is_bold(item.line):
            break  # a PDF prints headings in bold
        if _in_capitals(p.line.text) and not _in_capitals(item.line.text):
            break  # and a statement its section headings in capitals
        if start is not None and not _within_label(p.line, start, None):
            break  # a heading set out left of its indented group
        single = value_rows_per_block.get(block, 0) == 1
        fragment = spacing_encoded and _trailing_spaces(p.line) == 1
        if continues(p.line.text, nxt_text) or (
            (single or fragment) and not is_marker(p.line.text, patterns)
        ):
            chain.insert(0, p)
            nxt_text = p.line.text
        else:
            break
    return chain


_TAIL_START = re.compile(r"^(?:[a-zåäö(]|[\-\u2013] [a-zåäö])")


def _continues_row_above(
    rows: list[LogicalRow],
    pending: list[BodyItem],
    b: BodyItem,
    block_of: dict[int, int],
    value_rows_per_block: dict[int, int],
    label_limit: float | None,
) -> bool:
    """A PDF label line that finishes the label of the row just above it (the row's numbers
    stand on its label's first line, as top-aligned cells print them).

    It must start in the row's label column: where the label starts (or set in further), not in
    the value columns. Then spacing decides where it can: a line in the block of the
    row's last line, when that block holds no other value row, is in the row's cell; a line
    after a row gap begins a row of its own. Where rows stand at their lines' own pitch, the
    wording decides: the label ends open (``Total förvaltning och``), or the line goes on in
    lower case or a parenthesis (``förändringsinitiativ``, ``(INK)``, ``- kommunbidrag``), or the
    row's values are centred between its label's lines.

    A text laid out in columns (``pdftotext -layout``) prints a page's lines as they stand, so a
    wrapped label goes on below its values there too, at the label's own character column."""
    if pending or not rows or rows[-1].kind == "heading":
        return False
    row = rows[-1]
    if not b.line.geometric:
        return _continues_laid_out_label(row, b.line)
    first = row.label_lines[0] if row.label_lines else row.value_line
    if first is None or not _within_label(b.line, _label_start(first), label_limit):
        return False
    last = max((ln for ln in (*row.label_lines, row.value_line) if ln is not None), key=lambda ln: ln.number)
    if block_of.get(last.number) != b.block:
        return False  # a row gap stands between them
    if value_rows_per_block.get(b.block) == 1:
        return True  # the block is the row
    if ends_open(_label_so_far(row)) or _TAIL_START.match(b.line.stripped):
        return True
    above = row.label_lines[-1] if row.label_lines else None
    return row.values_only and row.value_line is not None and _centred_between(above, row.value_line, b.line)


def _continues_laid_out_label(row: LogicalRow, line: Line) -> bool:
    """A text line without values that finishes the label of the row above it, in a text laid
    out in columns: the row's values stand apart from its label (a run of spaces between them,
    or a line of values alone set in right of the label's lines), and the line starts at the
    label's own character column (or further in, left of the values). Then its wording goes on
    (the label ends open, or the line goes on in lower case or a parenthesis: a new row's label
    starts with a capital), or the row's values stand alone between its label's lines, as a
    cell centred in its row prints them: the line just below them belongs to the label over
    them, as many lines below as above at most."""
    value_line = row.value_line
    if row.kind != "values" or value_line is None or not line.tokens:
        return False
    tail = numeric_tail_start(value_line)
    if tail == len(value_line.tokens):
        return False
    label = [t for ln in row.label_lines for t in ln.tokens] + list(value_line.tokens[:tail])
    values = value_line.tokens[tail]
    if not label or values.x0 - max(t.x1 for t in label) <= 1:
        return False  # values one space from their label, or under it: no layout in columns
    first = (row.label_lines[0] if row.label_lines else value_line).tokens[0].x0
    if not first <= line.tokens[0].x0 < values.x0 or line.tokens[-1].x1 > values.x0:
        return False
    if ends_open(_label_so_far(row)) or _TAIL_START.match(line.stripped):
        return True
    if not row.values_only:
        return False
    above = [ln for ln in row.label_lines if ln.number < value_line.number]
    below = [ln for ln in row.label_lines if ln.number > value_line.number]
    last = max(ln.number for ln in (value_line, *below))
    return line.number == last + 1 and len(below) < len(above)


def _label_start(line: Line) -> float | None:
    """Where a PDF row's label starts, or None (a line of numbers alone)."""
    if not line.geometric or not line.tokens or numeric_tail_start(line) == 0:
        return None
    return line.tokens[0].x0


def _within_label(line: Line, start: float | None, label_limit: float | None) -> bool:
    """A PDF line that can be part of a label starting at ``start``: it starts there or further
    in, and in the label column (a column of text beside it may carry it further right)."""
    if not line.geometric or not line.tokens:
        return True
    if start is not None and line.tokens[0].x0 < start - INDENT_TOLERANCE * _size(line):
        return False
    return label_limit is None or line.tokens[0].x0 < label_limit


def _label_so_far(row: LogicalRow) -> str:
    """The row's label in reading order: lines above its values, its own words, lines below."""
    parts = [(ln.number, ln.text) for ln in row.label_lines]
    if row.value_line is not None and not row.values_only:
        own = numeric_tail_start(row.value_line)
        parts.append((row.value_line.number, " ".join(t.text for t in row.value_line.tokens[:own])))
    return join_label_lines([text for _, text in sorted(parts, key=lambda p: p[0])])


def _number_count(row: LogicalRow, decimals: int) -> int | None:
    """How many numbers a value row holds in a table that prints ``decimals`` decimals (each
    ends ``decimals`` digits after its comma), or None when its last token ends none."""
    line = row.value_line
    assert line is not None, row  # a row of values
    tokens = [t.text for t in line.tokens[0 if row.values_only else numeric_tail_start(line) :]]
    if not tokens or not (ends_number(tokens[-1], decimals) or is_no_value_mark(tokens[-1])):
        return None
    return sum(1 for t in tokens if ends_number(t, decimals) or is_no_value_mark(t))


def _joined(lines: list[Line]) -> Line:
    """One line of ``lines``' text and tokens, one space apart."""
    text, tokens = "", []
    for line in lines:
        base = len(text) + (1 if text else 0)
        text = f"{text} {line.text}" if text else line.text
        tokens += [replace(t, x0=t.x0 + base, x1=t.x1 + base) for t in line.tokens]
    first = lines[0]
    return Line(first.number, text, tuple(tokens), first.page, False, first.top)


def wrapped_line_at(row: LogicalRow, x: float) -> Line:
    """The line a joined value line's character at ``x`` came from."""
    base = 0
    for line in row.wrapped:
        base += len(line.text) + 1
        if x < base:
            return line
    return row.wrapped[-1]


def join_wrapped_values(rows: list[LogicalRow], n: int, decimals: int) -> list[LogicalRow]:
    """Rows whose numbers wrapped onto the lines below them, joined.

    In a table whose numbers all print ``decimals`` decimals, a line's numbers can be counted;
    a row holding fewer than the table's ``n`` columns continues on the lines of numbers without
    a label below it, when they bring it to exactly ``n`` (``Summa …362,9-77,96 953,5`` /
    ``3 414,5`` / ``-10 176,7`` / ``269,0553,9``)."""
    out: list[LogicalRow] = []
    i = 0
    while i < len(rows):
        row, take = rows[i], 0
        count = _number_count(row, decimals) if row.kind == "values" and not row.values_only else None
        while count is not None and count < n and i + take + 1 < len(rows):
            nxt = rows[i + take + 1]
            more = _number_count(nxt, decimals) if nxt.values_only and not nxt.label_lines else None
            if more is None:
                break
            count, take = count + more, take + 1
        if take and count == n:
            # each of them counted its numbers, so each has its value line
            lines = [r.value_line for r in rows[i : i + 1 + take] if r.value_line is not None]
            row = replace(row, value_line=_joined(lines), wrapped=tuple(lines))
        else:
            take = 0
        out.append(row)
        i += take + 1
    return out
