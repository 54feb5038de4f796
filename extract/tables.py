"""Find a document's tables and read each into rows and cells.

The same logic serves text and PDF lines. A table is a header (see :mod:`extract.headers`)
followed by a body that runs until running text, a new header, or the end. In the body:

- a line with a numeric tail is a value row; a line without one is a label line;
- label lines join the value row below them when they wrap into it (a continuation cue, a
  lower-case continuation, or the only value row of their block); otherwise they are
  headings that give the rows below them their section;
- a line of values alone takes the label lines above it (Luleå's investment table);
- numbers that belong to a label stay in the label (``Ågatan 40``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from .headers import HeaderBlock, parse_header
from .model import CellRecord, ColumnRecord, IssueRecord, Line, RowRecord, TableRecord
from .numbers import is_numeric_token
from .patterns import LinePatterns
from .resolve import Decision, Slot, TableResolver, role_of
from .rows import Reading, has_values, numeric_tail_start, pdf_reading, text_readings
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
_SECTION_HEADING = re.compile(r"^\s?\d+\.\s+[A-ZÅÄÖ]\w*(\s+\w+){0,4}\s*$")  # " 3. Särskilda uppdrag"
_WS = re.compile(r"\s+")


def clean_label(text: str) -> str:
    return _WS.sub(" ", text).strip()


def continues(prev: str, nxt: str) -> bool:
    """Does label line ``nxt`` continue ``prev`` (a label wrapped over lines)?"""
    p = prev.rstrip()
    words = p.split()
    if not words:
        return False
    if p.endswith((",", "&", "-", "\u2013", "/")) or words[-1].lower() in CONTINUATION_WORDS:
        return True
    if p.count("(") > p.count(")"):
        return True
    first = nxt.lstrip()[:1]
    return first.islower()


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


@dataclass
class BodyLine:
    line: Line
    block: int
    kind: str  # values | label | footnote


@dataclass
class LogicalRow:
    kind: str  # heading | values
    label_lines: list[Line]
    value_line: Line | None = None
    values_only: bool = False


@dataclass
class TableParse:
    record: TableRecord | None
    consumed: set[int] = field(default_factory=set)  # line numbers that became table structure
    issues: list[IssueRecord] = field(default_factory=list)
    end_idx: int = 0


def _is_marker(text: str, patterns: LinePatterns) -> bool:
    return text.rstrip().endswith(":") or patterns.kind_of(text) == "change_marker"


def find_title(lines: list[Line], header: HeaderBlock) -> tuple[str, int | None, str | None]:
    """(title, title line, extra unit phrase) for a header: its own caption or the line above."""
    if header.caption:
        first = lines[header.first_line_idx]
        return clean_label(header.caption), first.number, None
    unit_prefix = None
    j = header.first_line_idx - 1
    while j >= 0 and lines[j].is_blank:
        j -= 1
    if j >= 0 and lines[j].stripped.endswith(","):
        # "Investeringar netto," / "belopp mnkr": the line belongs to the unit phrase
        unit_prefix = lines[j].stripped
        j -= 1
        while j >= 0 and lines[j].is_blank:
            j -= 1
    if j >= 0 and len(lines[j].stripped) < 80 and not has_values(lines[j]):
        return clean_label(lines[j].stripped), lines[j].number, unit_prefix
    return "(untitled table)", None, unit_prefix


def _collect_body(
    lines: list[Line], start: int, settings: ExtractionSettings, label_limit: float | None
) -> tuple[list[BodyLine], int]:
    """Lines of the table body from ``start``; returns them and the index after the table."""
    body: list[BodyLine] = []
    block = 0
    j = start
    last_value = None
    while j < len(lines):
        line = lines[j]
        if line.is_blank:
            block += 1
            j += 1
            continue
        if parse_header(lines, j, settings) is not None:
            break
        if is_footnote(line):
            body.append(BodyLine(line, block, "footnote"))
            j += 1
            continue
        if has_values(line, label_limit) and not is_prose(line, settings, label_limit):
            body.append(BodyLine(line, block, "values"))
            last_value = len(body)
            j += 1
            continue
        if is_prose(line, settings, label_limit) or not _values_ahead(lines, j + 1, settings, label_limit):
            break
        body.append(BodyLine(line, block, "label"))
        j += 1
    if last_value is None:
        return [], start
    kept = body[:last_value]
    # Footnotes right after the last row still belong to the table's area.
    end_line = kept[-1].line.number
    after = [b for b in body[last_value:] if b.kind == "footnote"]
    kept.extend(after)
    end_idx = next((i for i, ln in enumerate(lines) if ln.number > end_line), len(lines))
    if after:
        end_idx = next((i for i, ln in enumerate(lines) if ln.number > after[-1].line.number), len(lines))
    return kept, end_idx


def _values_ahead(lines: list[Line], j: int, settings: ExtractionSettings, label_limit: float | None) -> bool:
    seen = 0
    while j < len(lines) and seen < settings.max_gap_lines:
        line = lines[j]
        j += 1
        if line.is_blank or is_footnote(line):
            continue
        if parse_header(lines, j - 1, settings) is not None or is_prose(line, settings, label_limit):
            return False
        if has_values(line, label_limit):
            return True
        seen += 1
    return False


def _is_bold(line: Line) -> bool:
    return line.geometric and bool(line.tokens) and all(t.bold for t in line.tokens)


def _trailing_spaces(line: Line) -> int:
    return len(line.text) - len(line.text.rstrip(" "))


def assemble_rows(
    body: list[BodyLine], patterns: LinePatterns, label_limit: float | None = None
) -> list[LogicalRow]:
    """Group body lines into headings and value rows, joining wrapped labels."""
    # Text layers that write empty cells as spaces end a heading row with several spaces and a
    # wrapped label fragment with one: there, one trailing space means "continues below".
    spacing_encoded = any(
        not b.line.geometric and b.kind == "label" and _trailing_spaces(b.line) >= 2 for b in body
    )
    value_rows_per_block: dict[int, int] = {}
    for b in body:
        if b.kind == "values":
            value_rows_per_block[b.block] = value_rows_per_block.get(b.block, 0) + 1
    rows: list[LogicalRow] = []
    pending: list[BodyLine] = []

    def flush_headings(items: list[BodyLine]) -> None:
        group: list[BodyLine] = []
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
            pending.append(b)
            continue
        tail = numeric_tail_start(b.line, label_limit)
        if tail == 0:
            # Values alone on a line take the label lines just above them (even across a blank),
            # but not a marker heading such as "Varav:" that the label does not continue.
            chain = pending[-1:]
            for p in reversed(pending[:-1]):
                if p.block != chain[0].block:
                    break
                if continues(p.line.text, chain[0].line.text) or not _is_marker(p.line.text, patterns):
                    chain.insert(0, p)
                else:
                    break
            flush_headings(pending[: len(pending) - len(chain)])
            rows.append(LogicalRow("values", [c.line for c in chain], b.line, values_only=True))
        else:
            chain: list[BodyLine] = []
            nxt_text = b.line.text
            for p in reversed(pending):
                if p.block != b.block:
                    break
                if _is_bold(p.line) and not _is_bold(b.line):
                    break  # a PDF prints headings in bold
                single = value_rows_per_block.get(b.block, 0) == 1
                fragment = spacing_encoded and _trailing_spaces(p.line) == 1
                if continues(p.line.text, nxt_text) or (
                    (single or fragment) and not _is_marker(p.line.text, patterns)
                ):
                    chain.insert(0, p)
                    nxt_text = p.line.text
                else:
                    break
            flush_headings(pending[: len(pending) - len(chain)])
            rows.append(LogicalRow("values", [c.line for c in chain], b.line))
        pending = []
    return rows


def _header_anchors(header: HeaderBlock) -> list[float]:
    """Right edges of the header's year words: numbers are right-aligned under them."""
    xs = [c.x1 for c in header.columns]
    return [float(x) for x in xs] if header.columns and all(x is not None for x in xs) else []


def _body_anchors(lines: list[Line], start: int) -> list[float]:
    """A table without year columns has one value column: where its lines' numbers end."""
    rights = []
    for line in lines[start : start + 40]:
        if line.tokens and is_numeric_token(line.tokens[-1].text):
            rights.append(line.tokens[-1].x1)
    rights.sort()
    return [rights[len(rights) // 2]] if rights else [0.0]


def parse_table(
    lines: list[Line],
    header: HeaderBlock,
    table_no: int,
    base_year: int | None,
    patterns: LinePatterns,
    settings: ExtractionSettings,
) -> TableParse:
    n = max(1, len(header.columns))
    geometric = lines[header.first_line_idx].geometric
    anchors: list[float] = []
    label_limit: float | None = None
    if geometric:
        anchors = _header_anchors(header) or _body_anchors(lines, header.last_line_idx + 1)
        spacing = (
            median([b - a for a, b in zip(anchors, anchors[1:], strict=False)]) if len(anchors) > 1 else 60.0
        )
        label_limit = anchors[0] - 0.9 * spacing
    body, end_idx = _collect_body(lines, header.last_line_idx + 1, settings, label_limit)
    if not body:
        return TableParse(None, end_idx=header.last_line_idx + 1)
    title, title_line, unit_prefix = find_title(lines, header)
    unit_phrase = " ".join(p for p in (unit_prefix, header.unit_phrase) if p) or None
    issues: list[IssueRecord] = []
    years_inferred = False
    if header.columns:
        columns = tuple(
            ColumnRecord(i, c.fiscal_year, False, c.scenario_as_printed, c.header_text, c.line, c.x1)
            for i, c in enumerate(header.columns)
        )
    else:
        years_inferred = True
        label = header.unit_phrase or ""
        columns = (
            ColumnRecord(0, base_year, True, None, clean_label(label), lines[header.first_line_idx].number),
        )
        if base_year is None:
            issues.append(
                IssueRecord(
                    "warning",
                    "year_unknown",
                    f"table '{clean_label(label)}' has no year columns and the document's base year could "
                    "not be detected, so its cells have no year: ingest again with --base-year YEAR",
                    lines[header.first_line_idx].number,
                )
            )
    logical = assemble_rows(body, patterns, label_limit)
    change_table = any(
        r.kind == "heading" and patterns.kind_of(" ".join(ln.text for ln in r.label_lines)) == "change_marker"
        for r in logical
    )
    slots: list[Slot] = []
    row_for_slot: list[LogicalRow] = []
    group_start = False
    for r in logical:
        if r.kind == "heading":
            if _is_marker(" ".join(ln.text for ln in r.label_lines), patterns):
                group_start = True
            continue
        line = r.value_line
        readings: list[Reading] = []
        if geometric:
            reading = pdf_reading(line, anchors, label_limit, settings)
            if reading is not None:
                readings = [reading]
        if not readings:
            readings = text_readings(line, n, settings, r.values_only, label_limit)
        chain_text = " ".join(ln.text for ln in r.label_lines)
        own = " ".join(t.text for t in line.tokens[: numeric_tail_start(line, label_limit)])
        label_for_role = clean_label(f"{chain_text} {own}")
        match = patterns.match(label_for_role)
        slots.append(
            Slot(
                len(slots),
                label_for_role,
                role_of(label_for_role, patterns),
                readings,
                group_start,
                match.breakdown if match else None,
            )
        )
        row_for_slot.append(r)
        group_start = False
    usable = [s for s in slots if s.readings]
    index_map = {s.index: i for i, s in enumerate(usable)}
    for i, s in enumerate(usable):
        s.index = i
    resolver = TableResolver(usable, n, change_table, settings)
    decisions = resolver.resolve()
    decided: dict[int, Decision] = {}
    for orig, i in index_map.items():
        decided[orig] = decisions[i]
    records: list[RowRecord] = []
    consumed: set[int] = set(
        range(lines[header.first_line_idx].number, lines[header.last_line_idx].number + 1)
    )
    if title_line is not None:
        consumed.add(title_line)
    slot_no = 0
    for r in logical:
        idx = len(records)
        if r.kind == "heading":
            first, last = r.label_lines[0], r.label_lines[-1]
            records.append(
                RowRecord(
                    idx,
                    "heading",
                    clean_label(" ".join(ln.text for ln in r.label_lines)),
                    first.number,
                    last.number,
                    first.number,
                    first.page,
                    "\n".join(ln.text for ln in r.label_lines),
                )
            )
            consumed.update(ln.number for ln in r.label_lines)
            continue
        this_slot = slot_no
        slot_no += 1
        line = r.value_line
        decision = decided.get(this_slot)
        label_lines = r.label_lines
        raw_text = "\n".join([*(ln.text for ln in label_lines), line.text])
        first_line = label_lines[0].number if label_lines else line.number
        if decision is None:
            issues.append(
                IssueRecord(
                    "warning",
                    "unparsed_row",
                    f"table '{title}': the digits at the end of this line form no reading with "
                    f"at most {n} values; no cell was made",
                    line.number,
                    line.page,
                    line.text,
                    table_no,
                    idx,
                )
            )
            records.append(
                RowRecord(
                    idx,
                    "heading",
                    clean_label(raw_text),
                    first_line,
                    line.number,
                    line.number,
                    line.page,
                    raw_text,
                )
            )
            continue
        reading = decision.reading
        own_label = " ".join(t.text for t in line.tokens[: reading.label_end])
        label = clean_label(" ".join([*(ln.text for ln in label_lines), own_label]))
        if not label:
            issues.append(
                IssueRecord(
                    "warning",
                    "row_without_label",
                    f"table '{title}': values with no label above them",
                    line.number,
                    line.page,
                    line.text,
                    table_no,
                    idx,
                )
            )
        cells = tuple(
            CellRecord(col, v.text, v.value, v.decimals, v.is_no_value, line.number, line.page, v.notes)
            for col, v in zip(reading.columns, reading.values, strict=True)
        )
        records.append(
            RowRecord(
                idx,
                "values",
                label,
                first_line,
                line.number,
                line.number,
                line.page,
                raw_text,
                cells,
                decision.alignment_method,
                decision.alignment_is_guess,
                decision.alignment_note,
                decision.split_ambiguous,
                decision.split_note,
                len(slots[this_slot].readings),
            )
        )
        consumed.update(ln.number for ln in label_lines)
        consumed.add(line.number)
        if decision.split_ambiguous:
            issues.append(
                IssueRecord(
                    "warning",
                    "ambiguous_split",
                    f"table '{title}', line '{label}': {decision.split_note}",
                    line.number,
                    line.page,
                    line.text,
                    table_no,
                    idx,
                )
            )
        if decision.alignment_is_guess:
            issues.append(
                IssueRecord(
                    "warning",
                    "alignment_guess",
                    f"table '{title}', line '{label}': {decision.alignment_note}",
                    line.number,
                    line.page,
                    line.text,
                    table_no,
                    idx,
                )
            )
    for b in body:
        if b.kind == "footnote":
            consumed.add(b.line.number)
            if any(ch.isdigit() for ch in b.line.text):
                issues.append(
                    IssueRecord(
                        "info",
                        "footnote",
                        f"table '{title}': a footnote; its digits are not amounts",
                        b.line.number,
                        b.line.page,
                        b.line.text,
                        table_no,
                    )
                )
    header_line = lines[header.first_line_idx]
    record = TableRecord(
        table_no=table_no,
        title=title,
        title_line=title_line,
        kind=header.kind,
        unit_phrase=unit_phrase,
        unit=header.unit,
        header_first_line=header_line.number,
        header_last_line=lines[header.last_line_idx].number,
        first_line=title_line or header_line.number,
        last_line=max(r.source_line for r in records) if records else header_line.number,
        source_page=header_line.page,
        years_inferred=years_inferred,
        columns=columns,
        rows=tuple(records),
    )
    if years_inferred and any(len(r.cells) > 1 for r in records):
        issues.append(
            IssueRecord(
                "warning",
                "ambiguous_columns",
                f"table '{title}' has no year columns but rows with several values",
                header_line.number,
                header_line.page,
                header_line.text,
                table_no,
            )
        )
    return TableParse(record, consumed, issues, end_idx)


def find_tables(
    lines: list[Line], base_year: int | None, patterns: LinePatterns, settings: ExtractionSettings
) -> tuple[list[TableRecord], set[int], list[IssueRecord], list[tuple[int, int]]]:
    """All tables of a document, the line numbers they consumed, their issues, and the line
    ranges of indicator tables (read by the indicator extractor, not as amounts)."""
    tables: list[TableRecord] = []
    consumed: set[int] = set()
    issues: list[IssueRecord] = []
    indicator_regions: list[tuple[int, int]] = []
    i = 0
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
        parsed = parse_table(lines, header, len(tables) + 1, base_year, patterns, settings)
        if parsed.record is None:
            i += 1
            continue
        tables.append(parsed.record)
        consumed |= parsed.consumed
        issues.extend(parsed.issues)
        i = max(parsed.end_idx, i + 1)
    return tables, consumed, issues, indicator_regions


def _indicator_region_end(lines: list[Line], j: int, settings: ExtractionSettings) -> int:
    """An indicator region runs to the next table header or to running text (two long lines
    in a row), whichever comes first."""
    prose_run = 0
    while j < len(lines):
        header = parse_header(lines, j, settings)
        if header is not None and header.kind != "indicator" and (header.unit or len(header.columns) >= 3):
            return j  # a budget or key-figures table (a lone "2024" belongs to an indicator header)
        if _SECTION_HEADING.match(lines[j].text):
            return j
        if not lines[j].is_blank:
            prose_run = prose_run + 1 if is_prose(lines[j], settings) else 0
            if prose_run == 2:
                return j - 1
        j += 1
    return j
