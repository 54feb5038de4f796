"""Indicator tables: committee indicators, key figures and measures, with values and targets.

Three layouts occur, told apart by their header:

- ``Nämndmål Nämndindikator 2022 2023 Önskvärd riktning /värde 2024 … 2025`` (Linköping):
  one column per year; years before the document's base year hold values, later ones targets.
- ``Nuvärde Jämför-värde Trend / Totalt Kvinnor Män`` (Nyköping): the current value in total
  and by gender, a comparison value, a trend; the year and the Kolada KPI id come from the
  table's source notes (``1. Kolada (U01405). Nuvärde avser 2022.``).
- ``Mätetal/Mått Senaste utfall Mål 2023 Mål 2024 Mål 2025`` (Luleå): the latest outcome and
  one target per year.

A cell is a *unit*: a number (``31%``, ``1 835``, ``52.9``), no value (``I.U.``, ``-``), a
direction (``Öka``, ``Minska``), a target phrase (``Mindre än 23``, ``≥4%``, ``Ej negativ``,
``Tas fram``), optionally qualified (``(2021)``: measured that year; ``(ovägt medel)``).
``I.U.`` is no value, never 0; directions and phrases are kept as printed targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .headers import token_kind
from .model import IssueRecord, Line
from .numbers import NO_VALUE_MARKS, parse_tokens
from .settings import ExtractionSettings
from .vocabulary import load_vocabulary

DIRECTIONS = frozenset(
    {
        "öka",
        "minska",
        "pos",
        "neg",
        "positiv",
        "negativ",
        "positivt",
        "negativt",
        "oförändrad",
        "upprätthålls",
        "genomfördes",
        "bibehålla",
        "behålla",
    }
)
COMPARATORS = {"mindre än", "lägre än", "högre än", "större än", "högst", "minst", "plats", "över", "under"}
PHRASES = {"tas fram", "ej negativ", "positiv trend", "negativ trend"}
QUALIFIER_PHRASES = {"(ovägt medel)", "positiv trend"}
_YEAR_NOTE = re.compile(r"^\((?:19|20)\d\d\)$")
_NUMBER = re.compile(r"^[+\-\u2212\u2013]?\d+(?:[.,]\d+)?%?$")
_FRACTION = re.compile(r"^\d+(?:,\d+)?/\d+(?:,\d+)?$")
_COMPARE_NUM = re.compile(r"^[≥≤<>]\s?\d+(?:,\d+)?%?$")
_SOURCE_NOTE = re.compile(r"^\s*(\d+)\.\s+(.*)$")
_KOLADA = re.compile(r"Kolada\s*\(([NU]\d{5})\)")
_AVSER = re.compile(r"[Nn]uvärde avser(?:\s+\w+)*?\s+((?:19|20)\d\d)")
_GOAL_AREA = re.compile(r"^\s*Målområde:?\s+(.+?)\s*$")
_WORDS_IN_UNITS = {"än", "trend", "fram", "av", "procent", "personer", "medel)", "(ovägt", "hålls", "fördes"}
# a cell is not finished after these ("Mindre än" / "23") …
_OPEN_WORDS = {
    "mindre",
    "lägre",
    "högre",
    "större",
    "än",
    "högst",
    "minst",
    "ej",
    "tas",
    "betyg",
    "av",
    "plats",
    "upprätt-",
    "genom-",
    "(mäts",
    "(ovägt",
}
# … and these finish a cell begun on the line before ("Positiv" / "trend")
_CLOSING_WORDS = {"trend", "medel)", "hålls", "fördes", "q42023)"}


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    value: Decimal | None
    is_no_value: bool
    qualifier: str | None
    year_note: int | None
    percent: bool
    line: Line
    start: float  # char offset (text) or x (PDF) of the cell's first token
    end: float
    last_line: int = 0  # the line of the cell's last token (a cell may wrap: "Mindre än" / "23")


@dataclass(frozen=True, slots=True)
class Column:
    label: str
    role: str  # value | target | comparison | trend
    year: int | None
    gender: str | None


@dataclass
class IndicatorValue:
    """One value of an indicator table; its fields are the columns of raw.indicator_values."""

    region_no: int
    row_no: int
    goal_area: str | None
    indicator_label: str
    indicator_number: int | None
    kolada_kpi_id: str | None  # the Kolada KPI the label names, where it names one
    label_first_line: int
    label_last_line: int
    column_label: str
    value_role: str
    period_year: int | None
    period_year_source: str
    gender: str | None
    value_as_printed: str
    value_numeric: Decimal | None
    is_no_value: bool
    unit: str | None
    qualifier: str | None
    source_line: int
    source_last_line: int | None
    source_page: int | None


@dataclass
class _Row:
    label_lines: list[Line]
    cells: list[Cell]
    value_lines: list[Line]
    gender: str | None = None
    parent: _Row | None = None
    columns: list[Column] = field(default_factory=list)
    spaced: list[int] | None = None  # column of each cell, where the spacing decides it
    tokens: list[tuple[str, Line, float, float]] = field(default_factory=list)
    sub_of: _Row | None = None

    def add(self, line: Line, tokens) -> None:
        """Add value tokens (from the value line or a line after it) and re-read the cells,
        so that a qualifier on its own line ("(ovägt" / "medel)") attaches to its value."""
        self.tokens.extend((t.text, line, t.x0, t.x1) for t in tokens)
        self.value_lines.append(line)
        self.cells = _cells(self.tokens)
        self.spaced = None

    def needs_more(self) -> bool:
        """Too few cells yet, or a cell still open ("Mindre än" waiting for its number)."""
        last = self.tokens[-1][0].lower() if self.tokens else ""
        return len(self.cells) < len(self.columns) or last in _OPEN_WORDS

    def takes(self, line: Line) -> bool:
        """Does a line of value words continue this row (more cells, or the rest of one)?"""
        first = line.tokens[0].text.lower() if line.tokens else ""
        qualifies = first in ("positiv", "(ovägt") and bool(self.cells) and not _is_plain(self.cells[-1])
        return self.needs_more() or first in _CLOSING_WORDS or bool(_YEAR_NOTE.match(first)) or qualifies


def _is_value_token(tok: str) -> bool:
    low = tok.lower().strip(",.;")
    return bool(
        tok in NO_VALUE_MARKS
        or _NUMBER.match(tok)
        or _FRACTION.match(tok)
        or _COMPARE_NUM.match(tok)
        or _YEAR_NOTE.match(tok)
        or low in DIRECTIONS
        or low
        in {
            "mindre",
            "lägre",
            "högre",
            "större",
            "högst",
            "minst",
            "plats",
            "ej",
            "tas",
            "betyg",
            "upprätt-",
            "genom-",
            "(mäts",
            "q42023)",
        }
        or low in _WORDS_IN_UNITS
    )


def _tail_start(line: Line) -> int:
    i = len(line.tokens)
    while i > 0 and _is_value_token(line.tokens[i - 1].text):
        i -= 1
    # a value run cannot start with a word that only continues a phrase ("än 23" needs "Mindre")
    while i < len(line.tokens) and line.tokens[i].text.lower() in _WORDS_IN_UNITS:
        i += 1
    return i


def _cells(tokens: list[tuple[str, Line, float, float]]) -> list[Cell]:
    """Group value tokens (text, line, start, end) into cells."""
    out: list[Cell] = []
    i = 0
    n = len(tokens)

    def add(text: str, parts: list, value=None, no_value=False, percent=False) -> None:
        out.append(
            Cell(
                text,
                value,
                no_value,
                None,
                None,
                percent,
                parts[0][1],
                parts[0][2],
                parts[-1][3],
                parts[-1][1].number,
            )
        )

    while i < n:
        t, line, start, end = tokens[i]
        low = t.lower()
        nxt = tokens[i + 1][0].lower() if i + 1 < n else ""
        if _YEAR_NOTE.match(t) and out:
            prev = out[-1]
            out[-1] = Cell(
                prev.text + " " + t,
                prev.value,
                prev.is_no_value,
                (prev.qualifier + " " if prev.qualifier else "") + t,
                int(t[1:5]),
                prev.percent,
                prev.line,
                prev.start,
                end,
                line.number,
            )
            i += 1
            continue
        two = f"{low} {nxt}"
        if two in QUALIFIER_PHRASES and out and (two != "positiv trend" or not _is_plain(out[-1])):
            prev = out[-1]
            qual = f"{t} {tokens[i + 1][0]}"
            out[-1] = Cell(
                prev.text + " " + qual,
                prev.value,
                prev.is_no_value,
                (prev.qualifier + " " if prev.qualifier else "") + qual,
                prev.year_note,
                prev.percent,
                prev.line,
                prev.start,
                tokens[i + 1][3],
                tokens[i + 1][1].number,
            )
            i += 2
            continue
        if two in PHRASES:
            add(f"{t} {tokens[i + 1][0]}", tokens[i : i + 2], no_value=True)
            i += 2
            continue
        if low in ("upprätt-", "genom-") and nxt in ("hålls", "fördes"):
            add(f"{t} {tokens[i + 1][0]}", tokens[i : i + 2], no_value=True)
            i += 2
            continue
        if low == "(mäts" and i + 1 < n:
            add(f"{t} {tokens[i + 1][0]}", tokens[i : i + 2], no_value=True)
            i += 2
            continue
        if two in COMPARATORS and i + 2 < n:
            add(f"{t} {tokens[i + 1][0]} {tokens[i + 2][0]}", tokens[i : i + 3], no_value=True)
            i += 3
            continue
        if low in COMPARATORS and low not in ("under", "över") and i + 1 < n:
            add(f"{t} {tokens[i + 1][0]}", tokens[i : i + 2], no_value=True)
            i += 2
            continue
        if low == "betyg" and i + 3 < n:
            add(" ".join(x[0] for x in tokens[i : i + 4]), tokens[i : i + 4], no_value=True)
            i += 4
            continue
        if t in NO_VALUE_MARKS or low in ("i.u.", "i.u"):
            add(t, [tokens[i]], no_value=True)
            i += 1
            continue
        if low in DIRECTIONS or _COMPARE_NUM.match(t) or _FRACTION.match(t):
            add(t, [tokens[i]], no_value=True)
            i += 1
            continue
        if _NUMBER.match(t):
            # thousands: "1 835", "40 000" (only across a single space, as in "40 000 80 000")
            parts = [tokens[i]]
            j = i + 1
            while (
                j < n
                and re.match(r"^\d{3}(?:,\d+)?%?$", tokens[j][0])
                and tokens[j][1] is parts[-1][1]
                and tokens[j][2] - parts[-1][3] == 1
                and re.match(r"^[+\-\u2212\u2013]?\d{1,3}$", parts[0][0])
                and not parts[-1][0].endswith("%")
                and "," not in parts[-1][0]
            ):
                parts.append(tokens[j])
                j += 1
            text = " ".join(p[0] for p in parts)
            percent = text.endswith("%")
            core = text.rstrip("%").lstrip("+")
            parsed = parse_tokens(core.split()) if "." not in core else parse_tokens([core])
            value = parsed.value if parsed is not None else None
            if j < n and tokens[j][0].lower() in ("procent", "personer"):
                percent = percent or tokens[j][0].lower() == "procent"
                parts.append(tokens[j])
                text = f"{text} {tokens[j][0]}"
                j += 1
            add(text, parts, value=value, percent=percent)
            i = j
            continue
        add(t, [tokens[i]], no_value=True)  # a word we keep as printed
        i += 1
    return out


def _is_plain(cell: Cell) -> bool:
    return cell.value is not None or cell.text.lower() in DIRECTIONS


def _layout(
    lines: list[Line], base_year: int | None, settings: ExtractionSettings
) -> tuple[str, list[Column]]:
    words = " ".join(ln.text for ln in lines).lower()
    years = [int(t.text) for ln in lines for t in ln.tokens if token_kind(t.text, settings) == "year"]
    if "nuvärde" in words:
        return "current_value", [
            Column("Nuvärde totalt", "value", None, "T"),
            Column("Nuvärde kvinnor", "value", None, "K"),
            Column("Nuvärde män", "value", None, "M"),
            Column("Jämförvärde", "comparison", None, "T"),
            Column("Trend", "trend", None, None),
        ]
    if "senaste" in words:
        return "latest_and_targets", [Column("Senaste utfall", "value", None, None)] + [
            Column(f"Mål {y}", "target", y, None) for y in years
        ]
    cols = []
    for y in years:
        target = base_year is not None and y >= base_year
        cols.append(Column(str(y), "target" if target else "value", y, None))
    return "years", cols


@dataclass(frozen=True, slots=True)
class IndicatorRegion:
    region_no: int
    first_line: int
    last_line: int
    header_lines: tuple[int, ...]
    note_lines: tuple[int, ...]


def extract_indicators(
    lines: list[Line],
    regions: list[tuple[int, int]],
    base_year: int | None,
    settings: ExtractionSettings,
) -> tuple[list[IndicatorValue], list[IndicatorRegion], set[int], list[IssueRecord]]:
    """Indicator values of every indicator region, the regions' structure, the lines used,
    and issues for what could not be read."""
    by_number = {ln.number: i for i, ln in enumerate(lines)}
    values: list[IndicatorValue] = []
    structures: list[IndicatorRegion] = []
    used: set[int] = set()
    issues: list[IssueRecord] = []
    goal_area: str | None = None
    goal_lines = [(ln.number, m.group(1).strip()) for ln in lines if (m := _GOAL_AREA.match(ln.text))]
    for region_no, (first, last) in enumerate(regions, start=1):
        start, stop = by_number[first], by_number[last]
        region = lines[start : stop + 1]
        rows, header_lines, notes, header_issues = _parse_region(region, base_year, settings)
        issues.extend(header_issues)
        used.update(header_lines)
        used.update(notes.keys())
        structures.append(
            IndicatorRegion(region_no, first, last, tuple(sorted(header_lines)), tuple(sorted(notes)))
        )
        for row_no, row in enumerate(rows, start=1):
            at = (row.label_lines or row.value_lines)[0].number
            goal_area = next((g for n, g in reversed(goal_lines) if n <= at), None)
            vals, issue = _row_values(row, region_no, row_no, goal_area, notes, base_year)
            values.extend(vals)
            if issue:
                issues.append(issue)
            if vals:
                used.update(ln.number for ln in row.label_lines)
                used.update(ln.number for ln in row.value_lines)
    return values, structures, used, issues


def _parse_region(
    region: list[Line], base_year: int | None, settings: ExtractionSettings
) -> tuple[list[_Row], set[int], dict[int, tuple[int, str | None, int | None]], list[IssueRecord]]:
    from .headers import is_indicator_header_line

    rows: list[_Row] = []
    header_issues: list[IssueRecord] = []
    header_lines: set[int] = set()
    notes: dict[int, tuple[int, str | None, int | None]] = {}  # line -> (number, kpi id, year)
    columns: list[Column] = []
    pending: list[Line] = []
    open_row: _Row | None = None
    group: list[Line] | None = None
    i = 0
    while i < len(region):
        line = region[i]
        if line.is_blank:
            i += 1
            continue
        if is_indicator_header_line(line, settings) or (_is_gender_header(line) and columns):
            block = [line]
            j = i + 1
            while j < len(region) and (
                region[j].is_blank
                or is_indicator_header_line(region[j], settings)
                or region[j].stripped.lower() in ("trend", "/värde", "riktning", "önskvärd")
                or _is_gender_header(region[j])
                or region[j].stripped.lower().startswith(("värde", "riktning", "trend"))
                or all(token_kind(t.text, settings) == "year" for t in region[j].tokens)
            ):
                block.append(region[j])
                j += 1
            if not _is_gender_header(line):
                _, columns = _layout([b for b in block if not b.is_blank], base_year, settings)
                years = [c.year for c in columns if c.year is not None]
                if len(set(years)) < len(years):
                    header_issues.append(
                        IssueRecord(
                            "warning",
                            "duplicate_header_year",
                            f"indicator table header names the year(s) "
                            f"{sorted({y for y in years if years.count(y) > 1})} twice; kept as printed",
                            line.number,
                            line.page,
                            " | ".join(b.text.strip() for b in block if not b.is_blank),
                        )
                    )
            header_lines.update(b.number for b in block if not b.is_blank)
            open_row, pending, group = None, [], None
            i = j
            continue
        note = _SOURCE_NOTE.match(line.text)
        if note and ("Nuvärde avser" in line.text or "Kolada" in line.text):
            kpi = _KOLADA.search(line.text)
            year = _AVSER.search(line.text)
            notes[line.number] = (
                int(note.group(1)),
                kpi.group(1) if kpi else None,
                int(year.group(1)) if year else None,
            )
            i += 1
            continue
        if not columns:
            i += 1
            continue
        all_value_words = all(_is_value_token(t.text) for t in line.tokens)
        if all_value_words and open_row is not None and not pending and open_row.takes(line):
            open_row.add(line, line.tokens)  # the rest of the open row's values, or their qualifiers
            i += 1
            continue
        tail = _tail_start(line)
        if tail < len(line.tokens) and not _holds_values(line, tail):
            tail = len(line.tokens)
        if tail == len(line.tokens):
            # label text: a lower-case line right after a row's values continues that row's label,
            # unless that label is a finished sentence (then it is the goal text flowing on)
            if (
                open_row is not None
                and not pending
                and line.stripped[:1].islower()
                and open_row.label_lines
                and not open_row.label_lines[-1].stripped.endswith((".", ")"))
            ):
                open_row.label_lines.append(line)
            else:
                pending.append(line)
            i += 1
            continue
        own_label = (
            Line(
                line.number,
                " ".join(t.text for t in line.tokens[:tail]),
                line.tokens[:tail],
                line.page,
                line.geometric,
            )
            if tail
            else None
        )
        label_lines, dropped = _label_paragraphs(pending, own_label)
        if dropped and dropped[0].stripped[:1].isdigit():
            group = dropped  # "1 SKRs servicemätning: …" heads the rows below it
        elif label_lines and label_lines[0] is not own_label:
            group = None
        if own_label is not None and label_lines == [own_label] and group:
            label_lines = group + label_lines
        if label_lines and label_lines[0].stripped[:1] in "•●\u2022":
            pending, open_row = [], None  # goal text in a bullet list, not an indicator
            i += 1
            continue
        row = _Row(label_lines, [], [], columns=columns)
        row.add(line, line.tokens[tail:])
        label = " ".join(ln.text.strip() for ln in label_lines)
        main = (rows[-1].sub_of or rows[-1].parent or rows[-1]) if rows else None
        if label in ("Män", "Kvinnor") and main is not None:
            row.parent = main
            row.gender = "M" if label == "Män" else "K"
            main.gender = main.gender or "T"
        elif main is not None and label_lines == [own_label] and _is_sub_row(label, main):
            row.sub_of = main  # "Skäggetorp" under "Trygghetsbedömning i respektive EST-område …"
        if tail:
            spaced = _spacing_cells(line, tail, len(columns))
            if spaced is not None and len(spaced) == len(row.cells):
                row.spaced = spaced
        rows.append(row)
        open_row, pending = row, []
        i += 1
    return rows, header_lines, notes, header_issues


def _holds_values(line: Line, tail: int) -> bool:
    """Is the line's numeric-looking end really a row's values, not words of running text?"""
    if line.stripped[:1] in "•●\u2022" or line.stripped.startswith("o "):
        return False  # a bullet of goal text ("• Totalindex ska öka till minst 85 2026")
    cells = _cells([(t.text, line, t.x0, t.x1) for t in line.tokens[tail:]])
    if tail and all(c.text in ("-", "\u2013") for c in cells):
        return False  # a dash in text: "(KS – KLK –"
    if tail and len(cells) == 1 and re.fullmatch(r"(19|20)\d\d", cells[0].text):
        return False  # a year ending a sentence: "budgetprocessen hösten 2023"
    return any(_is_recognised(c) for c in cells)


def _is_recognised(cell: Cell) -> bool:
    """A number, a no-value mark, a direction or a target phrase (not a stray word: "ej.")."""
    low = cell.text.lower()
    return (
        cell.value is not None
        or cell.text in NO_VALUE_MARKS
        or low in ("i.u.", "i.u")
        or low in DIRECTIONS
        or bool(_COMPARE_NUM.match(cell.text) or _FRACTION.match(cell.text))
        or any(low.startswith(p) for p in (*PHRASES, *COMPARATORS, "upprätt-", "genom-", "(mäts", "betyg"))
    )


def _label_paragraphs(pending: list[Line], own: Line | None) -> tuple[list[Line], list[Line]]:
    """(label, the paragraph before it) for the next row: the paragraph that ends at the value
    line (its own label) or the last pending paragraph, extended back over paragraphs that
    continue it (lower case) or define it (Avser …, Måttet …)."""
    seq = pending + ([own] if own is not None else [])
    if not seq:
        return [], []
    paras: list[list[Line]] = [[seq[0]]]
    for prev, cur in zip(seq, seq[1:], strict=False):
        if cur.number == prev.number + 1 or cur is own and cur.number == prev.number:
            paras[-1].append(cur)
        else:
            paras.append([cur])
    chosen = [paras.pop()]
    while paras:
        first = chosen[0][0].stripped
        if first[:1].islower() or first.startswith(("Avser", "Måttet", "Mätperiod")):
            chosen.insert(0, paras.pop())
        else:
            break
    return [ln for para in chosen for ln in para], (paras[-1] if paras else [])


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-zåäö]+", text.lower()) if len(w) > 2}


def _is_sub_row(label: str, main: _Row) -> bool:
    """A short label sharing no word with the indicator above it is one of its categories."""
    main_label = " ".join(ln.text for ln in main.label_lines)
    return (
        len(label.split()) <= 3
        and not re.search(r"[\d%*,]|\bKLF\b", label)
        and not (_words(label) & _words(main_label))
    )


def _is_gender_header(line: Line) -> bool:
    words = [t.text.lower() for t in line.tokens]
    return bool(words) and set(words) <= {"totalt", "kvinnor", "män"} and len(words) >= 2


def _spacing_cells(line: Line, tail: int, n_cols: int) -> list[int] | None:
    """Columns of the line's cells if the text layer's spacing accounts for exactly n_cols."""
    if line.geometric or tail == 0:
        return None
    toks = line.tokens
    lead = int(toks[tail].x0 - toks[tail - 1].x1) - 1
    trail = len(line.text) - int(toks[-1].x1) - 1
    if lead < 0 or trail < 0:
        return None
    cols = []
    col = lead
    cells = _cells([(t.text, line, t.x0, t.x1) for t in toks[tail:]])
    for k, cell in enumerate(cells):
        cols.append(col)
        if k + 1 < len(cells):
            col += int(cells[k + 1].start - cell.end)
    if col + 1 + trail != n_cols:
        return None
    return cols


def _row_values(
    row: _Row,
    region_no: int,
    row_no: int,
    goal_area: str | None,
    notes: dict[int, tuple[int, str | None, int | None]],
    base_year: int | None,
) -> tuple[list[IndicatorValue], IssueRecord | None]:
    columns = row.columns
    label_lines = row.parent.label_lines if row.parent is not None else row.label_lines
    label = " ".join(ln.text.strip() for ln in label_lines).strip()
    if row.sub_of is not None:
        label = " ".join(ln.text.strip() for ln in row.sub_of.label_lines) + " – " + label
    label = re.sub(r"\s+", " ", label)
    number = None
    m = re.match(r"^(\d)\s+(\D.*)$", label)
    if m and any(c.label.startswith("Nuvärde") for c in columns):
        number, label = int(m.group(1)), m.group(2)
    kpi, note_year = None, None
    if number is not None:
        # the source notes after this row's table, numbered like its rows
        after = sorted((ln, v) for ln, v in notes.items() if ln > row.value_lines[0].number)
        for _, (n, k, y) in after:
            if n == number:
                kpi, note_year = k, y
                break
    cells = row.cells
    issue = None
    placements: list[int]
    if row.spaced is not None:
        placements = row.spaced
    elif any(c.label == "Trend" for c in columns) and len(cells) in (1, 2, 3, 4):
        # current-value layout without spacing: total [women men] [comparison] trend
        trend = cells and cells[-1].value is None and cells[-1].text.lower() in DIRECTIONS
        n = len(cells)
        placements = {
            (1, False): [0],
            (1, True): [4],
            (2, False): [0, 3],
            (2, True): [0, 4],
            (3, True): [0, 3, 4],
            (3, False): [0, 1, 2],
            (4, True): [0, 1, 2, 4],
            (4, False): [0, 1, 2, 3],
        }[(n, bool(trend))]
    else:
        placements = list(range(len(cells)))
    if len(cells) > len(columns) or any(p >= len(columns) for p in placements):
        issue = IssueRecord(
            "warning",
            "indicator_unparsed",
            f"indicator '{label[:80]}': {len(cells)} values for {len(columns)} columns; "
            "not landed, check the line by eye",
            row.value_lines[0].number,
            row.value_lines[0].page,
            " | ".join(ln.text for ln in row.value_lines),
        )
        return [], issue
    out = []
    unit = _unit_of(label, cells)
    for cell, col_idx in zip(cells, placements, strict=True):
        col = columns[col_idx]
        year, source = col.year, "header"
        if cell.year_note is not None:
            year, source = cell.year_note, "annotation"
        elif col.role in ("value", "comparison", "trend") and col.year is None:
            year, source = (note_year, "source_note") if note_year else (None, "none")
        out.append(
            IndicatorValue(
                region_no=region_no,
                row_no=row_no,
                goal_area=goal_area,
                indicator_label=label,
                indicator_number=number,
                label_first_line=label_lines[0].number if label_lines else cell.line.number,
                label_last_line=label_lines[-1].number if label_lines else cell.line.number,
                column_label=col.label,
                value_role=col.role,
                period_year=year,
                period_year_source=source,
                gender=row.gender if row.gender else col.gender,
                value_as_printed=cell.text,
                value_numeric=cell.value,
                is_no_value=cell.value is None,
                unit=unit,
                qualifier=cell.qualifier,
                source_line=cell.line.number,
                source_page=cell.line.page,
                kolada_kpi_id=kpi,
                source_last_line=max(cell.last_line, cell.line.number),
            )
        )
    return out, issue


def _unit_of(label: str, cells: list[Cell]) -> str | None:
    low = label.lower()
    names_percent = load_vocabulary().label_says("percent_label", label)
    if any(c.percent for c in cells) or "(%)" in low or ", %" in low or names_percent:
        return "%"
    if "index" in low or "nki" in low or "hme" in low or "nui" in low:
        return "index"
    if "kwh" in low:
        return "kWh/m²"
    if "kg/invånare" in low:
        return "kg/invånare"
    if low.startswith("antal") or ", antal" in low or "antal/" in low:
        return "antal"
    return None
