"""Find a document's tables and read each into columns, rows and cells.

A table is a header (:mod:`extract.headers`) over a body (:mod:`extract.body`). Its columns
come from the header read against the body: the body says how many value columns there are
(PDF geometry, cells printed one per line, or how the numbers of text rows can be cut), and the
reading of the header with that many columns gives each column its year, scenario, kind, entity
and period (:mod:`extract.columns`). Each row then has its readings (:mod:`extract.rows`), and
the table's own arithmetic chooses among them (:mod:`extract.resolve`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from .body import (
    BodyItem,
    LogicalRow,
    assemble_rows,
    clean_label,
    collect_body,
    heading_role,
    is_prose,
    join_label_lines,
    join_wrapped_values,
    repeated_header_end,
    spacing_encoded,
    wrapped_line_at,
)
from .columns import (
    Descriptor,
    HeaderReading,
    TableContext,
    character_spans,
    column_record,
    laid_out,
    read_geometric_header,
    read_laid_out_header,
    read_text_header,
    reading_context,
)
from .constraints import Slot, group_numbers, keep_note_order, role_of
from .geometry import ValueColumns, value_columns
from .glued import holds_glued_decimals, printed_decimals, unglue
from .headers import DEFINING, HeaderBlock, header_words, over_a_column, parse_header, year_of
from .model import CellRecord, ColumnRecord, IssueRecord, Line, RowRecord, TableRecord, Token
from .numbers import cut_range, is_no_value_mark, parse_tokens
from .patterns import LinePatterns
from .resolve import Decision, TableResolver
from .rows import (
    ColumnLayout,
    Reading,
    cannot_be_amount,
    cell_gap,
    cell_readings,
    cells_set_apart,
    cut_label_digits,
    full_row_lead,
    glue_columns,
    has_values,
    lone_note,
    note_list_cell,
    numeric_tail_start,
    pdf_reading,
    printed_decimals_of,
    text_readings,
    writes_thousands_apart,
)
from .settings import ExtractionSettings
from .units import UnitReading, infer_unit, is_money_table, label_unit, row_value_unit
from .vocabulary import load_vocabulary

_SECTION_HEADING = re.compile(r"^\s?\d+\.\s+[A-ZÅÄÖ]\w*(\s+\w+){0,4}\s*$")  # " 3. Särskilda uppdrag"


@dataclass(frozen=True, slots=True)
class DocumentContext:
    """What a table needs to know of its document."""

    base_year: int | None  # the budget year, or the year a report covers
    document_kind: str | None  # budget | report | None when the type is not known


@dataclass
class TableParse:
    record: TableRecord | None
    consumed: set[int] = field(default_factory=set)  # line numbers that became table structure
    issues: list[IssueRecord] = field(default_factory=list)
    end_idx: int = 0


# ---- title, and rows printed above the header ------------------------------------------------


_PAGE_NUMBER = re.compile(r"^(sid(an)?\.?\s*)?\d+\s*(\(\d+\)|/\s*\d+|av\s+\d+)?$", re.IGNORECASE)


def find_title(
    lines: list[Line], header: HeaderBlock, label_limit: float | None = None, after: int = 0
) -> tuple[str, int | None, str | None, list[Line]]:
    """(title, title line, extra unit phrase, value rows printed between title and header).

    A table's title is its caption: the heading line above its header. Between them may stand a
    unit line (``Belopp i tkr``, which is not a title), a page number, a page break with the
    page's running header and footer (withheld from the lines already), or a short paragraph.
    Running text is no caption, nor is the last line of a paragraph however short, and a caption
    may name a year (``3.2 Investeringsbudget 2025``). In a PDF the caption stands within a
    heading's distance of what follows it. A table without one is ``(untitled table)``.

    Rows printed above the header stand on its page. Nothing above index ``after`` (an earlier
    table's lines) is this table's caption or row."""
    if header.caption:
        return clean_label(header.caption), lines[header.first_line_idx].number, None, []
    first = lines[header.first_line_idx]
    first_words = [w for w in header.words if w.line == first.number]
    caption_line = (
        first.geometric
        and header.last_line_idx > header.first_line_idx
        and not any(w.role == "unit" for w in first_words)
        and sum(w.role == "other" for w in first_words) * 2 > len(first_words)
        and not all(over_a_column(w, header.words) for w in first_words)  # its columns' names begin
    )
    if caption_line:
        return clean_label(first.stripped), first.number, None, []  # a caption the header starts with
    unit_prefix = None
    pre_rows: list[Line] = []
    j = _above(lines, header.first_line_idx, after)
    while (
        j >= 0
        and lines[j].page == first.page
        and _prints_amounts(lines[j], label_limit)
        and len(pre_rows) < 2
    ):
        pre_rows.insert(0, lines[j])  # a total printed above the header (Malmö: PERIODENS RESULTAT)
        j = _above(lines, j, after)
    if j >= 0 and lines[j].stripped.endswith(","):
        # "Investeringar netto," / "belopp mnkr": the line belongs to the unit phrase
        unit_prefix = lines[j].stripped
        j = _above(lines, j, after)
    below = lines[j + 1] if j >= 0 else first
    for _ in range(3):  # a paragraph may stand between a caption and its table
        while j >= 0 and (
            _PAGE_NUMBER.match(lines[j].stripped) or _is_unit_line(lines[j]) or _punctuation_only(lines[j])
        ):
            below = lines[j]
            j = _above(lines, j, after)
        if j < 0 or not _heading_distance(lines[j], below):
            break
        if _is_running_text(lines, j):
            below = lines[j]
            j = _above(lines, j, after)
            continue
        if has_values(lines[j]) and not _names_a_year(lines[j]):
            break
        return clean_label(lines[j].stripped), lines[j].number, unit_prefix, pre_rows
    return "(untitled table)", None, unit_prefix, pre_rows


def _punctuation_only(line: Line) -> bool:
    """A line of neither letters nor digits (a lone ``.`` a web page's text keeps of an empty
    paragraph): it names nothing, so it is no caption, and the caption stands above it."""
    return not line.is_blank and not any(ch.isalnum() for ch in line.stripped)


CAPTION_DISTANCE = 3.0  # a caption's height: at most this many of them above what follows it


def _prints_amounts(line: Line, label_limit: float | None) -> bool:
    """A line above a header that is a row of the table: amounts (in a PDF, right of the label
    column), not a caption that names a year (``3.2 Investeringsbudget 2025``), not prose."""
    return has_values(line, label_limit) and not _names_a_year(line) and not is_prose(line, _SETTINGS)


def _names_a_year(line: Line) -> bool:
    """The line's only number is a year at its end (``Driftbudget 2025``): a caption's."""
    tail = line.tokens[numeric_tail_start(line) :]
    return len(tail) == 1 and year_of(tail[0].text, _SETTINGS) is not None


def _is_unit_line(line: Line) -> bool:
    """``Belopp i tkr``, ``Tkr``, ``(mnkr)``: a unit and words that say nothing else."""
    words = header_words([line], _SETTINGS) if line.tokens and len(line.tokens) <= 6 else []
    roles = {w.role for w in words}
    return "unit" in roles and roles <= {"unit", "filler"}


_SENTENCE_END = (".", ":", "!", "?")


def _is_running_text(lines: list[Line], j: int) -> bool:
    """A line of running text; the last line of a paragraph, a sentence ending just below
    running text (``… fortsätter att öka.`` / ``Nämnden prioriterar … skola.``); or a short
    line a sentence wraps into, in lower case (``… Kortsiktigt innebär det`` / ``dock inte att
    …``), where a heading starts with a capital or its number (``1.3 Drift``)."""
    line = lines[j]
    if is_prose(line, _SETTINGS):
        return True
    above = lines[j - 1] if j > 0 else None
    if above is None or above.is_blank or not is_prose(above, _SETTINGS):
        return False
    if line.stripped.endswith(_SENTENCE_END):
        return True
    return line.stripped[:1].islower() and not above.stripped.endswith(_SENTENCE_END)


def _heading_distance(caption: Line, below: Line) -> bool:
    """In a PDF, whether ``caption`` stands close enough above ``below`` to be its heading: on
    the same page within a few of its own heights, or last on the page before."""
    if not caption.geometric or caption.top is None or below.top is None:
        return True
    if caption.page != below.page:
        return True  # only a page break stands between them
    size = max((t.size for t in caption.tokens), default=0.0) or 10.0
    return below.top - caption.top <= CAPTION_DISTANCE * size


def _above(lines: list[Line], i: int, after: int = 0) -> int:
    """The index of the nearest line above ``lines[i]`` that is not blank, or -1 where there is
    none at or below index ``after``."""
    j = i - 1
    while j >= after and lines[j].is_blank:
        j -= 1
    return j if j >= after else -1


_SETTINGS = ExtractionSettings()


# ---- the column model ------------------------------------------------------------------------


def _row_range(row: LogicalRow, label_limit: float | None) -> tuple[int, int] | None:
    """(fewest, most) values a row can hold."""
    if row.kind == "cells":
        values = sum(1 for text, _ in row.cells if text)
        return values, len(row.cells)
    if row.kind != "values" or row.value_line is None:
        return None
    line = row.value_line
    start = 0 if row.values_only else numeric_tail_start(line, label_limit)
    tokens = [t.text for t in line.tokens[start:] if t.text != "%"]
    tokens = [t for t in tokens if not re.fullmatch(r"\d{1,2},", t)]
    return cut_range(tokens) if tokens else None


def _tail_tokens(row: LogicalRow, label_limit: float | None) -> list[str]:
    if row.kind == "cells":
        return [t for text, _ in row.cells for t in text.split()]
    if row.value_line is None:
        return []
    start = 0 if row.values_only else numeric_tail_start(row.value_line, label_limit)
    return [t.text for t in row.value_line.tokens[start:]]


def _fit(count: int, ranges: list[tuple[int, int]]) -> tuple[int, int]:
    """(rows that can fill ``count`` columns exactly, rows that need more than ``count``)."""
    full = sum(1 for lo, hi in ranges if lo <= count <= hi)
    over = sum(1 for lo, _ in ranges if lo > count)
    return full, over


def _choose(readings: list, ranges: list[tuple[int, int]]):
    """The header reading whose column count fits the rows best: most rows fill all of its
    columns, few need more (a label may keep a number: ``Ågatan 40``)."""
    best, best_key = None, None
    for order, reading in enumerate(readings):
        full, over = _fit(len(reading.columns), ranges)
        key = (full - 2 * over, -order)
        if best_key is None or key > best_key:
            best, best_key = reading, key
    return best


def _title_year(title: str | None) -> int | None:
    if not title:
        return None
    years = {y for w in title.split() if (y := year_of(w, _SETTINGS)) and y[0] == "year"}
    return next(iter(years))[1] if len(years) == 1 else None


def _title_period(title: str | None) -> str | None:
    vocab = load_vocabulary()
    periods = {vocab.value_of("period", w) for w in (title or "").split()} - {None}
    return next(iter(periods)) if len(periods) == 1 else None


def _title_entity(title: str | None) -> str | None:
    """The reporting entity a caption names, when it names one only (``Kommunkoncernen``,
    ``Luleå kommunkoncern``, ``Sammanställd redovisning``): its columns are that entity's unless
    their own words say otherwise."""
    vocab = load_vocabulary()
    entities = {vocab.value_of("entity", w) for w in (title or "").split()} - {None}
    return next(iter(entities)) if len(entities) == 1 else None


def _reports_outcomes(title: str, stub: str | None, ctx: DocumentContext) -> bool | None:
    vocab = load_vocabulary()
    text = f"{title} {stub or ''}"
    table = vocab.document_type_in(text, "table")
    if table is not None:
        return table.document_kind == "report"
    if ctx.document_kind is not None:
        return ctx.document_kind == "report"
    statement = vocab.document_type_in(text, "statement")
    return True if statement is not None else None


def column_model(
    header: HeaderBlock,
    logical: list[LogicalRow],
    geometry: ValueColumns | None,
    label_limit: float | None,
    tctx: TableContext,
    stacked: HeaderReading | None = None,
) -> tuple[tuple[ColumnRecord, ...], IssueRecord | None]:
    """The table's columns, and an issue when the header and the body disagree. A header laid
    out in columns (``stacked``, :func:`laid_out_header`) says how many columns there are by
    its character columns, as a PDF's x positions do."""
    words = [w for w in header.words]
    if not any(w.role in DEFINING for w in words):
        return (), None  # a caption with a unit only: one column, the document's year
    if geometry is not None:
        reading = read_geometric_header(words, list(geometry.extents))
        return _records(reading.columns, reading.groups, tctx), None
    if stacked is not None:
        return _records(stacked.columns, stacked.groups, tctx), None
    ranges = [r for row in logical if (r := _row_range(row, label_limit)) is not None]
    candidates = read_text_header(words)
    if not candidates:
        return (), None
    reading = _choose(candidates, ranges) if ranges else candidates[0]
    columns = _records(reading.columns, reading.groups, tctx)
    full, over = _fit(len(columns), ranges)
    if over * 2 > len(ranges):
        need = max(lo for lo, _ in ranges)
        return columns, IssueRecord(
            "warning",
            "header_columns_mismatch",
            f"the header reads as {len(columns)} columns but most rows hold more values (up to "
            f"{need}): rows that do not fit the header's columns are left unread",
        )
    return columns, None


def laid_out_header(header: HeaderBlock, geometry: ValueColumns | None) -> HeaderReading | None:
    """The columns of a text header laid out in columns (as ``pdftotext -layout`` lays out a
    page), read by the character columns its words stand in; None for a PDF or another text."""
    words = list(header.words)
    return read_laid_out_header(words) if geometry is None and laid_out(words) else None


def _records(columns, groups, tctx: TableContext) -> tuple[ColumnRecord, ...]:
    tctx = reading_context(columns, groups, tctx)
    return tuple(column_record(i, d, g, tctx) for i, (d, g) in enumerate(zip(columns, groups, strict=True)))


def _year_less_column(header: HeaderBlock, ctx: DocumentContext, lines: list[Line]) -> ColumnRecord:
    """A table whose header names no column (``Verksamhet Ersättning, mnkr``): one column,
    the document's year."""
    label = header.unit_phrase or header.stub or ""
    tctx = TableContext(ctx.base_year, ctx.document_kind == "report")
    d = Descriptor()
    rec = column_record(0, d, None, tctx)
    return ColumnRecord(
        0,
        ctx.base_year,
        True,
        None,
        clean_label(label),
        lines[header.first_line_idx].number,
        scenario=rec.scenario,
        scenario_is_inferred=True,
        year_source="document" if ctx.base_year else "none",
    )


# ---- rows ------------------------------------------------------------------------------------


def _readings(
    row: LogicalRow, layout: ColumnLayout, geometry: ValueColumns | None, settings: ExtractionSettings
) -> list[Reading]:
    if row.kind == "cells":
        return cell_readings(row.cells, layout)
    line = row.value_line
    assert line is not None  # a row of kind "values" is read from its value line
    if geometry is not None:
        reading = pdf_reading(line, list(geometry.anchors), geometry.label_limit, layout, settings)
        if reading is not None:
            return [reading]
    label_limit = geometry.label_limit if geometry else None
    return text_readings(line, layout, settings, row.values_only, label_limit)


def _row_label(row: LogicalRow, reading: Reading | None) -> str:
    own = ""
    if row.value_line is not None and row.kind == "values":
        end = reading.label_end if reading is not None else numeric_tail_start(row.value_line)
        own = " ".join(t.text for t in row.value_line.tokens[:end])
    parts = [ln.text for ln in row.label_lines]
    if row.value_line is not None and row.kind == "values":
        # a label line printed below its values (a PDF centring a wrapped label) comes last
        before = [ln.text for ln in row.label_lines if ln.number < row.value_line.number]
        after = [ln.text for ln in row.label_lines if ln.number > row.value_line.number]
        parts = [*before, own, *after]
    return clean_label(join_label_lines(parts))


def _label_cut_from_glued_digits(row: LogicalRow) -> LogicalRow:
    """A row whose numbers the text layer glued together, with its label cut where its first
    number begins (``… utjämning11 0099549801 …``: the 11 is not the label's)."""
    if row.kind != "values" or row.values_only or row.value_line is None:
        return row
    return replace(row, value_line=cut_label_digits(row.value_line))


def _slots(
    logical: list[LogicalRow], layout, geometry, patterns, settings
) -> tuple[list[Slot], list[int], list[int]]:
    """Resolver slots for the value rows, the index in ``logical`` of each, and the group of
    every row of ``logical`` (:func:`extract.constraints.group_numbers`)."""
    slots: list[Slot] = []
    where: list[int] = []
    roles: list[str | None] = []
    for pos, r in enumerate(logical):
        if r.kind == "heading":
            roles.append(heading_role(r.label_text, patterns))
            continue
        readings = _readings(r, layout, geometry, settings)
        label = _row_label(r, readings[0] if readings else None)
        role = role_of(label, patterns)
        slot = Slot(len(slots), label, role, readings, breakdown=_breakdown(label, patterns))
        slots.append(slot)
        where.append(pos)
        roles.append(slot.role)
    groups = group_numbers(roles)
    for slot, pos in zip(slots, where, strict=True):
        slot.group = groups[pos]
    return slots, where, groups


def _breakdown(label: str, patterns: LinePatterns) -> str | None:
    """What part of a statement a line is (income, cost, assets, equity_and_liabilities)."""
    match = patterns.match(label)
    return match.breakdown if match else None


def _resolve(slots: list[Slot], layout: ColumnLayout, change_table: bool, settings) -> dict[int, Decision]:
    keep_note_order(slots, layout.notes)
    usable = [s for s in slots if s.readings]
    index_map = {s.index: i for i, s in enumerate(usable)}
    for i, s in enumerate(usable):
        s.index = i
    resolver = TableResolver(usable, layout.n, change_table, settings, layout.notes)
    decisions = resolver.resolve()
    for orig, i in index_map.items():
        usable[i].index = orig
    return {orig: decisions[i] for orig, i in index_map.items()}


def _percent_columns(
    columns: tuple[ColumnRecord, ...], decided: dict[int, Decision]
) -> tuple[ColumnRecord, ...]:
    """The columns with those whose every value is printed as a percentage (``3,7 %``) made
    percent columns. A header may name two columns alike (``Förändring 2012/2013`` twice: the
    change in kronor, then in per cent); the ``%`` its cells print says which is a share, never
    money, and the rows' other cells stay amounts."""
    printed: dict[int, list[bool]] = {}
    for decision in decided.values():
        for col, v in zip(decision.reading.columns, decision.reading.values, strict=True):
            if v.value is not None:
                printed.setdefault(col, []).append("percent" in v.notes)
    shares = {col for col, marks in printed.items() if all(marks)}
    if not shares or len(shares) == len(columns):
        return columns
    return tuple(
        replace(c, amount_kind="percent", fiscal_year=None, year_is_inferred=False, scenario=None,
                scenario_is_inferred=False, year_source="none")
        if c.column_index in shares and c.amount_kind != "note"
        else c
        for c in columns
    )  # fmt: skip


@dataclass
class _RowContext:
    title: str
    table_no: int
    n: int
    money_table: bool
    issues: list[IssueRecord]
    consumed: set[int]
    layout: ColumnLayout
    percent_columns: frozenset[int] = frozenset()  # columns whose every value is a percentage
    glued_above: bool = False  # the row above is left unread because the layer glued its numbers


_LIST_ITEM = re.compile(r"^\s*[\u2013\u2014\u2022•·\-]\s+\S")


def _heading_record(idx: int, r: LogicalRow, rc: _RowContext) -> RowRecord:
    """A label line without values: a heading, or a list item printed empty (``– Goodwill …``).
    A heading that prints its note reference keeps it as its Not cell."""
    first, last = r.label_lines[0], r.label_lines[-1]
    kind = "empty" if _LIST_ITEM.match(first.text) else "heading"
    raw = [ln.text for ln in r.label_lines]
    cells: tuple[CellRecord, ...] = ()
    if r.note is not None:
        text, line = r.note
        if line.number != last.number:
            raw.append(line.text)
        else:
            raw[-1] = f"{raw[-1]} {text}"
        parsed = note_list_cell(text) or parse_tokens(text.split())
        assert parsed is not None  # a note-like number
        cell = CellRecord(
            min(rc.layout.notes),
            text,
            parsed.value,
            parsed.decimals,
            False,
            line.number,
            line.page,
            parsed.notes,
        )
        cells = (cell,)
        rc.consumed.add(line.number)
    return RowRecord(
        idx,
        kind,
        clean_label(r.label_text),
        first.number,
        max([last.number, *(c.source_line for c in cells)]),
        first.number,
        first.page,
        "\n".join(raw),
        cells,
    )


def _unread_reason(r: LogicalRow, decision: Decision | None, rc: _RowContext) -> tuple[str, str] | None:
    """(issue code, why) when a row's digits are not landed as cells."""
    if decision is None:
        return "unparsed_row", (
            f"the digits of this row form no reading with at most {rc.n} values that fits the table's columns"
        )
    lines = [*r.label_lines, *([r.value_line] if r.value_line is not None else [])]
    if any(holds_glued_decimals(t.text) for line in lines for t in line.tokens):
        return "glued_digits", (
            "the text layer glued this row's decimal numbers together (or to its label), and the "
            "table does not print every number with the same decimals to cut them by"
        )
    if rc.glued_above and r.values_only and not r.label_lines:
        return "glued_digits", (
            "numbers without a label below a row whose glued numbers could not be cut: they may be "
            "that row's, wrapped onto this line"
        )
    if decision.alignment_is_guess and r.values_only and not r.label_lines:
        return "row_without_label", (
            f"values with no label above them, fewer than the table's {rc.n} columns, and nothing "
            "places them (no positions, no total): a value without a label never takes a column's "
            "year on its own"
        )
    if not glue_columns(decision.reading, rc.layout) <= decision.held_columns:
        return "glued_digits", (
            "the text layer glued this row's numbers together (runs of four digits or more in a table "
            "that writes thousands apart) and the table's arithmetic confirms no way to cut them"
        )
    return None


_DIGIT = re.compile(r"\d")


def _unread_label(raw_text: str) -> str:
    """An unread line's label: its words before the first digit (the digits stay in raw_text)."""
    words = clean_label(_DIGIT.split(raw_text, maxsplit=1)[0]).rstrip(" -\u2013\u2212")
    return words or clean_label(raw_text)


def _value_record(
    idx: int, r: LogicalRow, slot: Slot, decision: Decision | None, rc: _RowContext
) -> RowRecord:
    line = r.value_line or r.label_lines[-1]
    cell_lines = [ln for _, ln in r.cells] + [ln.number for ln in r.wrapped]
    printed = [ln.text for ln in r.wrapped or (line,)] if r.kind == "values" else [c for c, _ in r.cells]
    raw_text = "\n".join([*(ln.text for ln in r.label_lines), *printed])
    first_line = min([ln.number for ln in r.label_lines] + [line.number])
    last_line = max([line.number, *cell_lines, *(ln.number for ln in r.label_lines)])
    unread = _unread_reason(r, decision, rc)
    rc.glued_above = unread is not None and unread[0] == "glued_digits"
    if unread is not None:
        code, why = unread
        message = f"table '{rc.title}': {why}; no cell was made"
        rc.issues.append(
            IssueRecord("warning", code, message, line.number, line.page, line.text, rc.table_no, idx)
        )
        label = "" if r.values_only and not r.label_lines else _unread_label(raw_text)  # none printed
        return RowRecord(idx, "unread", label, first_line, last_line, line.number, line.page, raw_text)
    assert decision is not None  # a row without a decision is unread ("unparsed_row")
    reading = decision.reading
    label = slot.label
    if not label:
        message = f"table '{rc.title}': values with no label above them"
        rc.issues.append(
            IssueRecord(
                "warning", "row_without_label", message, line.number, line.page, line.text, rc.table_no, idx
            )
        )
    lines_of = reading.lines or _value_lines(r, reading)
    cells = tuple(
        CellRecord(col, v.text, v.value, v.decimals, v.is_no_value, ln, line.page, v.notes)
        for col, v, ln in zip(reading.columns, reading.values, lines_of, strict=True)
    )
    rc.consumed.update(ln.number for ln in r.label_lines)
    rc.consumed.add(line.number)
    rc.consumed.update(cell_lines)
    _flag(decision, label, line, idx, rc)
    placed = zip(reading.columns, reading.values, strict=True)
    money = tuple(v for col, v in placed if col not in rc.percent_columns)
    value_unit = row_value_unit(label, money, rc.money_table)
    own_unit = label_unit(label)
    return RowRecord(
        idx, "values", label, first_line, last_line, line.number, line.page, raw_text, cells,
        decision.alignment_method, decision.alignment_is_guess, decision.alignment_note,
        decision.split_ambiguous, decision.split_note, len(slot.readings), value_unit,
        own_unit.unit if own_unit is not None else None,
    )  # fmt: skip


def _value_lines(r: LogicalRow, reading: Reading) -> tuple[int, ...]:
    """The source line of each value of a text row: its value line, or of a row whose numbers
    wrapped over several lines, the line its first token came from."""
    line = r.value_line
    assert line is not None  # cells printed one per line carry their lines in the reading
    if not r.wrapped:
        return tuple(line.number for _ in reading.values)
    out: list[int] = []
    at = reading.label_end
    for v in reading.values:
        out.append(wrapped_line_at(r, line.tokens[at].x0).number)
        at += len(v.text.split())
    return tuple(out)


def _flag(decision: Decision, label: str, line: Line, idx: int, rc: _RowContext) -> None:
    if decision.split_ambiguous:
        rc.issues.append(
            IssueRecord(
                "warning",
                "ambiguous_split",
                f"table '{rc.title}', line '{label}': {decision.split_note}",
                line.number,
                line.page,
                line.text,
                rc.table_no,
                idx,
            )
        )
    if decision.alignment_is_guess:
        rc.issues.append(
            IssueRecord(
                "warning",
                "alignment_guess",
                f"table '{rc.title}', line '{label}': {decision.alignment_note}",
                line.number,
                line.page,
                line.text,
                rc.table_no,
                idx,
            )
        )


# ---- one table -------------------------------------------------------------------------------


def _stub_words(header: HeaderBlock, body: list[Line]) -> set[int]:
    """Positions of the header words over the label column: each run of words that starts where
    the body's labels start (``Nettokostnad, belopp tkr``, ``Belopp i mnkr``, ``Tjänster``)."""
    starts = sorted(line.tokens[0].x0 for line in body if line.tokens)
    if not starts:
        return set()
    label_left = starts[len(starts) // 4]
    out: set[int] = set()
    words = header.words
    for i, w in enumerate(words):
        if w.x0 is None:
            continue
        prev = words[i - 1] if i else None
        size = 10.0
        starts_run = w.x0 <= label_left + 3.0 and (prev is None or prev.line != w.line)
        goes_on = (
            prev is not None
            and prev.x1 is not None
            and (i - 1) in out
            and prev.line == w.line
            and w.x0 - prev.x1 < 2 * size
        )
        if starts_run or goes_on:
            out.add(i)
    return out


def _geometry(lines: list[Line], header: HeaderBlock, settings: ExtractionSettings) -> ValueColumns | None:
    """PDF: the value columns of the lines below the header (until running text)."""
    if not lines[header.first_line_idx].geometric:
        return None
    body: list[Line] = []
    k = header.last_line_idx + 1
    while k < min(len(lines), header.last_line_idx + 80):
        line = lines[k]
        again = repeated_header_end(lines, k, header, settings) if body else None
        if again is not None:
            k = again  # the table goes on below its header printed again on the next page
            continue
        k += 1
        if line.is_blank:
            continue
        if is_prose(line, settings) or parse_header(lines, k - 1, settings) is not None:
            break
        body.append(line)
    stub = _stub_words(header, body)
    spans = [
        (w.x0, w.x1)
        for i, w in enumerate(header.words)
        if i not in stub and w.role in DEFINING and w.x0 is not None and w.x1 is not None
    ]
    zone_left = (min(x0 for x0, _ in spans) - 20.0) if spans else 0.0
    return value_columns(body, zone_left, settings, spans)


@dataclass(frozen=True)
class _Body:
    lines: list[Line]  # the document's lines, numbers a text layer glued cut apart where they are
    items: list[BodyItem]
    end_idx: int  # the index after the table
    decimals: int | None  # the decimals every number prints, or None
    repeated_header: list[Line]  # the header printed again where the table runs onto a new page


def _body(
    lines: list[Line],
    header: HeaderBlock,
    settings: ExtractionSettings,
    label_limit: float | None,
) -> _Body:
    """The table's body below ``header``.

    Where every number of the table prints the same decimals and the text layer glued some
    together, the lines are read again with those numbers cut apart (:mod:`extract.glued`).
    """
    start = header.last_line_idx + 1
    body, end_idx, repeated = collect_body(lines, start, settings, label_limit, header)
    decimals = printed_decimals([b.line for b in body if b.kind != "footnote"])
    if decimals is None:
        return _Body(lines, body, end_idx, None, repeated)
    end = next((j for j in range(start, len(lines)) if is_prose(lines[j], settings)), len(lines))
    cut = [unglue(line, decimals) for line in lines[start:end]]
    if all(a is b for a, b in zip(cut, lines[start:end], strict=True)):
        return _Body(lines, body, end_idx, decimals, repeated)
    cut_lines = [*lines[:start], *cut, *lines[end:]]
    cut_body, cut_end, cut_repeated = collect_body(cut_lines, start, settings, label_limit, header)
    if printed_decimals([b.line for b in cut_body if b.kind != "footnote"]) != decimals:
        # a line the cut brought into the table ends otherwise
        return _Body(lines, body, end_idx, None, repeated)
    return _Body(cut_lines, cut_body, cut_end, decimals, cut_repeated)


_FOOTNOTE_MARK = re.compile(r"(\*+\)?)")


def _footnoted_scenarios(columns: tuple[ColumnRecord, ...], body: list[BodyItem]) -> tuple[ColumnRecord, ...]:
    """The columns with the scenario their footnotes state. A mark on a column's year
    (``2021*)``, ``2020**)``) points to the footnote below the table that says what the column
    holds (``*) Budgeterat resultat för 2021 **) Resultat för 2020 är helårsprognos per
    augusti``): the one scenario word of the footnote's text for that mark is the column's. A
    column that prints its own scenario word (``Utfall 2023*``) keeps it."""
    vocab = load_vocabulary()
    said: dict[str, str] = {}
    for b in body:
        if b.kind != "footnote":
            continue
        parts = _FOOTNOTE_MARK.split(b.line.stripped)
        for mark, text in zip(parts[1::2], parts[2::2], strict=True):
            scenarios = {r[1] for w in text.split() if (r := vocab.role_of(w)) and r[0] == "scenario"}
            if len(scenarios) == 1:
                said[mark.rstrip(")")] = scenarios.pop()
    if not said:
        return columns
    out = []
    for c in columns:
        m = re.search(r"\d(\*+)\)?$", c.header_text)
        bare = c.is_money and c.fiscal_year is not None and c.scenario_as_printed is None
        scenario = said.get(m.group(1)) if m and bare else None
        out.append(replace(c, scenario=scenario, scenario_is_inferred=False) if scenario else c)
    return tuple(out)


def _set_apart_by_runs(logical: list[LogicalRow], spans: tuple[tuple[float, float], ...]) -> bool:
    """Whether a text whose header's words stand apart is no layout in columns but a row of cells
    set apart by runs of two spaces: its rows that print every column do so
    (:func:`extract.rows.cells_set_apart`), and their numbers do not stand under the header's
    words (each row's label is as long as it is, so its numbers stand where the label ends).
    There, the runs of spaces place a row's values, not the header's characters."""
    full = [
        cells
        for r in logical
        if r.kind == "values" and r.value_line is not None
        if (cells := cells_set_apart(r.value_line, len(spans))) is not None
    ]
    return bool(full) and not any(
        all(min(b, hi) - max(a, lo) > 0 for (a, b), (lo, hi) in zip(cells, spans, strict=True))
        for cells in full
    )


def _rows_and_layout(
    logical: list[LogicalRow],
    columns: tuple[ColumnRecord, ...],
    body: list[BodyItem],
    decimals: int | None,
    label_limit: float | None,
    spans: tuple[tuple[float, float], ...] = (),
) -> tuple[list[LogicalRow], ColumnLayout]:
    """The table's column layout, and its rows as printed before a text layer glued or wrapped
    them: numbers wrapped over lines joined, labels cut where glued numbers begin."""
    if decimals is not None:
        logical = join_wrapped_values(logical, len(columns), decimals)
    notes = frozenset(c.column_index for c in columns if c.amount_kind == "note")
    value_lines = [r.value_line for r in logical if r.kind == "values" and not r.values_only and r.value_line]
    gap = cell_gap([r.value_line for r in logical if r.kind == "values" and r.value_line], len(columns))
    layout = ColumnLayout(
        len(columns),
        notes,
        spacing_encoded(body),
        writes_thousands_apart([_tail_tokens(r, label_limit) for r in logical]),
        spans,
        cell_gap=gap,
        # a Not column the header names is an empty cell of its own in every row without a note
        lead=0 if notes else full_row_lead(value_lines, len(columns), gap),
    )
    if layout.grouped:
        logical = [_label_cut_from_glued_digits(r) for r in logical]
    return _note_headings(logical, layout, label_limit), layout


def _note_headings(
    logical: list[LogicalRow], layout: ColumnLayout, label_limit: float | None
) -> list[LogicalRow]:
    """The rows that are headings printing their note reference, read as headings with it.

    A Not column holds note numbers, never amounts, and a balance sheet or a note table prints a
    heading's note with the heading, at the end of its line or on a line of its own below it
    (``Eget kapital`` / ``19``, ``Skatteintäkter 1``), above the rows that have values. A row
    whose only number is note-like is such a heading where that number cannot be one of the
    table's amounts: a list of notes (``10, 22``), or a number printed with other decimals than
    every amount of the table prints (a whole ``19``, or ``22,23``, where every amount prints one
    decimal). Where the table prints its amounts as it prints the note (whole tkr), the row stays
    a row to read: a lone small number there may be a sparse amount. Where the layer says which
    column a number stands in (PDF x positions, a text laid out in columns), it decides."""
    if not layout.notes or layout.spans:
        return logical
    notes = {id(r): note for r in logical if (note := _lone_note(r, label_limit)) is not None}
    decimals = _amount_decimals([r for r in logical if id(r) not in notes], label_limit)
    out: list[LogicalRow] = []
    for r in logical:
        note = notes.get(id(r))
        if note is None or not cannot_be_amount(note[0], decimals):
            out.append(r)
            continue
        label_lines = list(r.label_lines)
        if r.kind == "values" and not r.values_only and r.value_line is not None:
            line = r.value_line
            tail = numeric_tail_start(line, label_limit)
            own = Line(line.number, line.text[: int(line.tokens[tail].x0)].rstrip(), line.tokens[:tail],
                       line.page, line.geometric, line.top)  # fmt: skip
            label_lines.append(own)
        out.append(LogicalRow("heading", label_lines, note=note))
    return out


def _row_numbers(r: LogicalRow, label_limit: float | None) -> list[str]:
    """The numbers of a value row as printed: its cells, or the tokens of its numeric tail."""
    if r.kind == "cells":
        return [text.strip() for text, _ in r.cells if text.strip()]
    if r.kind != "values" or r.value_line is None:
        return []
    line = r.value_line
    return [t.text for t in line.tokens[0 if r.values_only else numeric_tail_start(line, label_limit) :]]


def _lone_note(r: LogicalRow, label_limit: float | None) -> tuple[str, Line] | None:
    """A text row's only number and the line it stands on, when it is note-like and the row
    has a label to head."""
    numbers = _row_numbers(r, label_limit)
    note = lone_note(numbers)
    if note is None or not r.label_lines and (r.kind != "values" or r.values_only):
        return None
    if r.kind == "cells":
        at = next(ln for text, ln in r.cells if text.strip())
        page = r.label_lines[-1].page
        return note, Line(at, note, (Token(note, 0.0, float(len(note))),), page)
    line = r.value_line
    return (note, line) if line is not None and not line.geometric else None


def _amount_decimals(rows: list[LogicalRow], label_limit: float | None) -> int | None:
    """The decimals every amount of the table prints, read off the last number of each row (a
    Not cell stands first), or None when rows print different decimals."""
    ends: set[int] = set()
    for r in rows:
        numbers = [t for t in _row_numbers(r, label_limit) if not is_no_value_mark(t)]
        if numbers:
            ends.add(printed_decimals_of(numbers[-1]))
    return ends.pop() if len(ends) == 1 else None


_SECTION_NUMBER = re.compile(r"^\d{1,2}(\.\d{1,2})*\.?$")
_PAGE = re.compile(r"^\d{1,3}$")


def is_table_of_contents(
    logical: list[LogicalRow], label_limit: float | None, header: HeaderBlock, patterns: LinePatterns
) -> bool:
    """Whether the rows under a header are a table of contents, not a table of amounts.

    A table of contents lists a document's sections, each title with the page it starts on,
    on the title's line (``2.1 Viktiga händelser 4``) or, where a scrape sets every cell on a
    line of its own, on the line below it. Sections follow each other through the document, so
    their pages never go back down the list, and several sections share a page. Its numbers are
    page numbers, never amounts: every entry holds one plain whole number of at most three
    digits, and those numbers never decrease down at least three entries. No header that prints
    a unit heads it, and none of its titles is a line of a table of amounts (a total, a varav, a
    subtotal of a statement: a table adds up, a list of sections does not).

    Numbered sections (``2``, ``3.1.1``) say by themselves that the list is one. Chapter titles
    without numbers (``Förvaltningsberättelse`` / ``7``) say it only under a header that names
    no column: no scenario, measure, period, Not or unit, at most the document's title and year
    (``Årsredovisning Borås Stad 2014``), as a table of amounts names what its column holds."""
    if header.unit is not None:
        return False
    pages: list[int] = []
    numbered = True
    for r in logical:
        if r.kind == "heading":
            continue
        entry = _contents_entry(r, label_limit)
        if entry is None or patterns.kind_of(entry[0]) is not None:
            return False
        words = entry[0].split()
        numbered = numbered and len(words) >= 2 and bool(_SECTION_NUMBER.match(words[0]))
        pages.append(entry[1])
    if len(pages) < 3 or pages != sorted(pages):
        return False
    return numbered or not any(w.role in _NAMES_A_COLUMN for w in header.words)


# Header words that say what a column holds; a title line's year and entity (``Årsredovisning
# Borås Stad 2014``) say what the document is.
_NAMES_A_COLUMN = frozenset({"scenario", "kind", "note", "period", "unit", "range", "date"})


def _contents_entry(r: LogicalRow, label_limit: float | None) -> tuple[str, int] | None:
    """(title, page) of a row that is a title with one page-like number (plain, whole, at most
    three digits) on its line or on a line of its own below it; None for any other row."""
    line = r.value_line
    if r.kind != "values" or line is None or not line.tokens:
        return None
    tail = 0 if r.values_only else numeric_tail_start(line, label_limit)
    numbers = [t.text for t in line.tokens[tail:]]
    title = " ".join([*(ln.stripped for ln in r.label_lines), *(t.text for t in line.tokens[:tail])])
    if len(numbers) != 1 or not _PAGE.match(numbers[0]) or not title:
        return None
    return title, int(numbers[0])


def _table_of_contents(logical: list[LogicalRow], end_idx: int) -> TableParse:
    """No table: each line of the table of contents is accounted for by an issue saying its
    number is a page number, and no reader takes it again."""
    issues: list[IssueRecord] = []
    consumed: set[int] = set()
    why = "a line of a table of contents: its number is the page a section starts on, not an amount"
    for r in logical:
        for line in [*r.label_lines, *([r.value_line] if r.value_line is not None else [])]:
            consumed.add(line.number)
            if any(ch.isdigit() for ch in line.text):
                issues.append(
                    IssueRecord("info", "table_of_contents", why, line.number, line.page, line.text)
                )
    return TableParse(None, consumed, issues, end_idx)


def parse_table(
    lines: list[Line],
    header: HeaderBlock,
    table_no: int,
    ctx: DocumentContext,
    patterns: LinePatterns,
    settings: ExtractionSettings,
    after: int = 0,
) -> TableParse:
    """The table under ``header``. Lines before index ``after`` are an earlier table's: they are
    neither this table's caption nor its rows (a row is read from one place)."""
    geometry = _geometry(lines, header, settings)
    stacked = laid_out_header(header, geometry)
    spans = character_spans(stacked) if stacked is not None else ()
    label_limit = geometry.label_limit if geometry else None
    read = _body(lines, header, settings, label_limit)
    lines, body, end_idx, decimals = read.lines, read.items, read.end_idx, read.decimals
    if not body:
        return TableParse(None, end_idx=header.last_line_idx + 1)
    title, title_line, unit_prefix, pre_rows = find_title(lines, header, label_limit, after)
    # A row printed above the header (a result printed first) is read last, where the table's
    # arithmetic puts it.
    logical = assemble_rows(body, patterns, label_limit) + [LogicalRow("values", [], ln) for ln in pre_rows]
    if is_table_of_contents(logical, label_limit, header, patterns):
        return _table_of_contents(logical, end_idx)
    tctx = TableContext(
        ctx.base_year,
        _reports_outcomes(title, header.stub, ctx),
        _title_year(title),
        _title_period(title),
        _title_entity(title),
    )
    if stacked is not None and _set_apart_by_runs(logical, spans):
        stacked, spans = None, ()
    columns, years_inferred, issues = _columns(
        lines, header, logical, geometry, label_limit, stacked, tctx, ctx, title, table_no
    )
    columns = _footnoted_scenarios(columns, body)
    logical, layout = _rows_and_layout(logical, columns, body, decimals, label_limit, spans)
    change_table = any(
        r.kind == "heading" and patterns.kind_of(r.label_text) == "change_marker" for r in logical
    )
    slots, where, groups = _slots(logical, layout, geometry, patterns, settings)
    decided = _resolve(slots, layout, change_table, settings)
    columns = _percent_columns(columns, decided)
    money_table, unit = _unit(lines, header, title, unit_prefix, columns, slots)
    consumed: set[int] = set(
        range(lines[header.first_line_idx].number, lines[header.last_line_idx].number + 1)
    )
    consumed.update(ln.number for ln in read.repeated_header)
    if title_line is not None:
        consumed.add(title_line)
    percent = frozenset(c.column_index for c in columns if c.amount_kind == "percent")
    rc = _RowContext(title, table_no, len(columns), money_table, issues, consumed, layout, percent)
    records = _row_records(logical, slots, where, groups, decided, rc, patterns)
    _footnotes(body, rc)
    header_line = lines[header.first_line_idx]
    record = TableRecord(
        table_no=table_no,
        title=title,
        title_line=title_line,
        kind="budget" if money_table else "key_figures",
        unit_phrase=unit.phrase,
        unit=unit.unit,
        header_first_line=header_line.number,
        header_last_line=lines[header.last_line_idx].number,
        first_line=title_line or min([header_line.number, *(ln.number for ln in pre_rows)]),
        last_line=max((r.label_last_line for r in records), default=header_line.number),
        source_page=header_line.page,
        years_inferred=years_inferred,
        columns=columns,
        rows=tuple(records),
        unit_is_inferred=unit.inferred,
        unit_note=unit.note,
    )
    return TableParse(record, consumed, issues, end_idx)


def _columns(lines, header, logical, geometry, label_limit, stacked, tctx, ctx, title, table_no):
    """The table's columns, whether any year in them is inferred, and the issues reading them
    raised (a header that does not fit the rows, a table with no year at all)."""
    columns, mismatch = column_model(header, logical, geometry, label_limit, tctx, stacked)
    where = lines[header.first_line_idx]
    issues: list[IssueRecord] = []
    if mismatch is not None:
        issues.append(
            IssueRecord(
                mismatch.severity,
                mismatch.code,
                f"table '{title}': {mismatch.message}",
                where.number,
                where.page,
                None,
                table_no,
            )
        )
    years_inferred = not columns or any(c.year_is_inferred for c in columns)
    if not columns:
        columns = (_year_less_column(header, ctx, lines),)
        if ctx.base_year is None:
            issues.append(
                IssueRecord(
                    "warning",
                    "year_unknown",
                    f"table '{clean_label(header.unit_phrase or '')}' has no year columns and the "
                    "document's base year could not be detected, so its cells have no year: "
                    "ingest again with --base-year YEAR",
                    where.number,
                )
            )
    return columns, years_inferred, issues


def _unit(lines, header, title, unit_prefix, columns, slots) -> tuple[bool, UnitReading]:
    labels = [s.label for s in slots]
    unit = infer_unit(lines, header, unit_prefix, slots)
    money = is_money_table(unit, header, title, columns, labels)
    if not money and unit.inferred:
        unit = UnitReading(header.unit, header.unit_phrase)  # not money: no unit to infer
    return money, unit


def _row_records(
    logical, slots, where, groups, decided, rc: _RowContext, patterns: LinePatterns
) -> list[RowRecord]:
    """The table's rows, each with its place in the table's structure as the resolver read it."""
    records: list[RowRecord] = []
    slot_at = dict(zip(where, range(len(slots)), strict=True))
    for pos, r in enumerate(logical):
        idx = len(records)
        if r.kind == "heading":
            record = _heading_record(idx, r, rc)
            role, breakdown = heading_role(r.label_text, patterns), _breakdown(record.label, patterns)
            records.append(replace(record, line_role=role, breakdown=breakdown, group_no=groups[pos]))
            rc.consumed.update(ln.number for ln in r.label_lines)
            rc.glued_above = False
            continue
        slot = slots[slot_at[pos]]
        record = _value_record(idx, r, slot, decided.get(slot_at[pos]), rc)
        records.append(replace(record, line_role=slot.role, breakdown=slot.breakdown, group_no=groups[pos]))
    return records


def _footnotes(body, rc: _RowContext) -> None:
    for b in body:
        if b.kind != "footnote":
            continue
        rc.consumed.add(b.line.number)
        if any(ch.isdigit() for ch in b.line.text):
            rc.issues.append(
                IssueRecord(
                    "info",
                    "footnote",
                    f"table '{rc.title}': a footnote; its digits are not amounts",
                    b.line.number,
                    b.line.page,
                    b.line.text,
                    rc.table_no,
                )
            )


# ---- the document ----------------------------------------------------------------------------


def find_tables(
    lines: list[Line], ctx: DocumentContext, patterns: LinePatterns, settings: ExtractionSettings
) -> tuple[list[TableRecord], set[int], list[IssueRecord], list[tuple[int, int]]]:
    """All tables of a document, the line numbers they consumed, their issues, and the line
    ranges of indicator tables (read by the indicator extractor, not as amounts)."""
    tables: list[TableRecord] = []
    consumed: set[int] = set()
    issues: list[IssueRecord] = []
    indicator_regions: list[tuple[int, int]] = []
    i = 0
    table_end = 0  # the index after the last table read
    while i < len(lines):
        header = parse_header(lines, i, settings)
        if header is None:
            i += 1
            continue
        if header.kind == "indicator":
            end = _indicator_region_end(lines, header.last_line_idx + 1, settings)
            indicator_regions.append((lines[i].number, lines[end - 1].number))
            i = end
            continue
        parsed = parse_table(lines, header, len(tables) + 1, ctx, patterns, settings, table_end)
        if parsed.record is None:
            # no table; lines it accounts for otherwise (a table of contents) are read no more
            consumed |= parsed.consumed
            issues.extend(parsed.issues)
            i = max(parsed.end_idx, i + 1) if parsed.consumed else i + 1
            continue
        tables.append(parsed.record)
        consumed |= parsed.consumed
        issues.extend(parsed.issues)
        i = max(parsed.end_idx, i + 1)
        table_end = parsed.end_idx
    return _units_from_siblings(tables), consumed, issues, indicator_regions


def _units_from_siblings(tables: list[TableRecord]) -> list[TableRecord]:
    """A money table that prints no unit takes the unit its document's other tables print;
    where they print several, the unit of those that print their numbers the same way (Swedish
    budgets print tkr as whole numbers and mnkr with decimals)."""
    printed = [t for t in tables if t.kind == "budget" and t.unit and not t.unit_is_inferred]
    if not printed:
        return tables
    out = []
    for t in tables:
        if t.kind == "budget" and t.unit_is_inferred and t.unit_note and t.unit_note.startswith("no unit"):
            alike = [s for s in printed if _prints_decimals(s) == _prints_decimals(t)]
            unit, _ = Counter(s.unit for s in alike or printed).most_common(1)[0]
            how = " that print their numbers the same way" if alike and len(alike) < len(printed) else ""
            t = replace(
                t,
                unit=unit,
                unit_note=f"no unit printed with the table; the document's other tables{how} are in {unit}",
            )
        out.append(t)
    return out


def _prints_decimals(table: TableRecord) -> bool:
    return any(c.decimals for r in table.rows for c in r.cells if c.value_numeric is not None)


def _indicator_region_end(lines: list[Line], j: int, settings: ExtractionSettings) -> int:
    """An indicator region runs to the next table header or to running text (two long lines
    in a row), whichever comes first."""
    prose_run = 0
    while j < len(lines):
        header = parse_header(lines, j, settings)
        if header is not None and header.kind != "indicator" and (header.unit or _column_words(header) >= 3):
            return j  # a budget or key-figures table (a lone "2024" belongs to an indicator header)
        if _SECTION_HEADING.match(lines[j].text):
            return j
        if not lines[j].is_blank:
            prose_run = prose_run + 1 if is_prose(lines[j], settings) else 0
            if prose_run == 2:
                return j - 1
        j += 1
    return j


def _column_words(header: HeaderBlock) -> int:
    return sum(1 for w in header.words if w.role in ("year", "range", "date"))


__all__ = ["DocumentContext", "find_tables", "find_title", "parse_table", "header_words"]
