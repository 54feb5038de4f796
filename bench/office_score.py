"""Score extracted table cells against a generator's truth: right, wrong, missing, invented.

A tool's output becomes :class:`Cell` records: the project's tables directly
(:func:`result_cells`), a peer's grids of strings generously (:func:`grid_cells`). Each cell is
then matched to the truth (:func:`score`):

* its **row** is the truth row that holds most of the row's values (values are what a reader
  cannot make up; labels and headers are where readers differ), or, when none of its values is
  in the truth, the row of the same label in the truth table the tool's table mostly matched;
* in that row, the cell is **right** when its column (scenario word and year) holds its value
  and its label is the row's label, and, for a tool that titles its tables, its title is the
  table's caption or the heading nearest above it; otherwise it is **wrong**, and the reason is
  kept (``value``, ``column``, ``label``, ``title``, or ``row`` for a value of the truth found in
  a row that is not its own);
* a cell whose value is nowhere in the truth, outside a matched row's own columns, is
  **invented**, and so is a second cell claiming a truth cell another cell already took;
* a truth cell that no cell claims is **missing**.

So ``right + wrong + missing`` is the number of truth cells and ``right + wrong + invented`` the
number of cells the tool gave. A row whose label is a strict part of its truth row's label (a
wrapped label read on one line) is a *truncated label*. Nothing here imports the project: the
peers' environment runs it too.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

SPACES = re.compile(r"[\s\u00a0\u2007\u2009\u202f]+")
MINUSES = str.maketrans({"\u2212": "-", "\u2013": "-"})
NUMBER = re.compile(r"^-?\d{1,3}(?: \d{3})*(?:,\d+)?$|^-?\d+(?:,\d+)?$")
HEADER_CELL = re.compile(r"^(?P<word>utfall|budget|plan|prognos|bokslut)?\s*(?P<year>20\d\d)?$", re.I)
COLUMN = re.compile(r"(?P<word>utfall|budget|plan|prognos|bokslut)\W*(?P<year>20\d\d)", re.I)


@dataclass(frozen=True)
class Cell:
    """One cell as a tool gives it; ``scenario``/``year`` None where its column was not read."""

    table: int  # the tool's table, numbered over the document
    row: int  # the row within the tool's table
    title: str | None  # the tool's title for the table; None when the tool gives none
    label: str
    scenario: str | None
    year: int | None
    value: str


def norm_value(text: str) -> str:
    return SPACES.sub("", text.translate(MINUSES))


def norm_label(text: str) -> str:
    """A label compared without its spaces and case: a tool that drops or adds spaces between
    words (PyMuPDF in LibreOffice's PDFs) still names the row."""
    return SPACES.sub("", text).casefold()


def is_number(text: str) -> bool:
    return bool(NUMBER.match(SPACES.sub(" ", text.translate(MINUSES)).strip()))


# ---- what tools give, as cells -----------------------------------------------------------------


def result_cells(result) -> list[Cell]:
    """The project's ExtractionResult as cells: each table's title, each row's label, each
    column's year and scenario as the extractor read them."""
    out = []
    for t in result.tables:
        for r in t.rows:
            for c in r.cells:
                col = t.columns[c.column_index]
                scenario = col.scenario_as_printed or col.scenario
                value = c.value_as_printed
                out.append(Cell(t.table_no, r.row_index, t.title, r.label, scenario, col.fiscal_year, value))
    return out


def _header_row(row: list[str], label_col: int) -> bool:
    cells = [c for j, c in enumerate(row) if j != label_col and c.strip()]
    return bool(cells) and all(HEADER_CELL.match(SPACES.sub(" ", c).strip()) for c in cells)


def _label_column(grid: list[list[str]]) -> int:
    """The leftmost column that holds text that is not a number in some row (the first column,
    unless a tool put an empty column before it)."""
    width = max((len(r) for r in grid), default=0)
    for j in range(width):
        if any(j < len(r) and r[j].strip() and not is_number(r[j]) for r in grid):
            return j
    return 0


def grid_cells(table: int, grid: list[list[str | None]]) -> list[Cell]:
    """A peer's table (rows of cell strings) as cells, read generously: the header rows (cells
    of scenario words and years only, over one or two rows) give each column its scenario and
    year, and a header repeated further down starts again; the label column is the first with
    text; a row of label text without values is the first part of the next row's label (a
    wrapped label), or the rest of the previous row's when it starts in lower case; a cell
    counts when it holds one number, so a cell holding two columns' numbers gives none."""
    rows = [[SPACES.sub(" ", c or "").strip() for c in r] for r in grid]
    label_col = _label_column(rows)
    columns: dict[int, tuple[str | None, int | None]] = {}
    header: dict[int, list[str]] = defaultdict(list)
    in_header = False
    data: list[tuple[str, dict[int, str]]] = []
    pending = ""
    for r in rows:
        if _header_row(r, label_col):
            if not in_header:
                header.clear()
            in_header, pending = True, ""
            for j, c in enumerate(r):
                if j != label_col and c:
                    header[j].append(c)
            columns = {}
            for j, parts in header.items():
                m = COLUMN.search(" ".join(parts))
                columns[j] = (m["word"], int(m["year"])) if m else (None, None)
            continue
        in_header = False
        label = r[label_col] if label_col < len(r) else ""
        values = {j: c for j, c in enumerate(r) if j != label_col and c and is_number(c)}
        if not values and any(c for j, c in enumerate(r) if j != label_col):
            pending = ""  # a row of other text (prose split into columns, unreadable numbers)
            continue
        if not values:
            if label and data and label[:1].islower() and not pending:  # a wrapped label's rest
                data[-1] = (f"{data[-1][0]} {label}", data[-1][1])
            elif label:
                pending = label  # only the nearest: the lines above it are prose or a caption
            continue
        data.append((f"{pending} {label}".strip(), values))
        pending = ""
    return [
        Cell(table, i, None, label, *columns.get(j, (None, None)), value)
        for i, (label, values) in enumerate(data)
        for j, value in values.items()
    ]


# ---- the score ---------------------------------------------------------------------------------


@dataclass
class Score:
    truth: int = 0
    cells: int = 0
    right: int = 0
    wrong: int = 0
    missing: int = 0
    invented: int = 0
    wrong_reasons: Counter = field(default_factory=Counter)
    invented_examples: list = field(default_factory=list)
    wrong_examples: list = field(default_factory=list)  # (reason, label read, value read)
    truncated_labels: list = field(default_factory=list)  # (label read, label printed)
    titles: Counter = field(default_factory=Counter)  # caption | heading | other: per matched table

    def as_dict(self) -> dict:
        return {
            "truth": self.truth,
            "cells": self.cells,
            "right": self.right,
            "wrong": self.wrong,
            "missing": self.missing,
            "invented": self.invented,
            "wrong_reasons": dict(self.wrong_reasons),
            "invented_examples": self.invented_examples[:8],
            "wrong_examples": self.wrong_examples[:8],
            "truncated_labels": len(self.truncated_labels),
            "truncated_examples": self.truncated_labels[:5],
            "titles": dict(self.titles),
        }


RANK = {"right": 0, "value": 1, "label": 1, "title": 1, "column": 1, "row": 2}


def score(cells: list[Cell], truth: list) -> Score:
    """Match ``cells`` to ``truth`` (objects with section, heading, caption, label, scenario,
    year, value, table: bench.office_pdfs.TruthCell) as the module docstring says."""
    rows: dict[tuple[int, str], dict[tuple[str, int], object]] = defaultdict(dict)
    by_value: dict[str, list] = defaultdict(list)
    for t in truth:
        rows[(t.table, t.label)][(t.scenario.casefold(), t.year)] = t
        by_value[norm_value(t.value)].append(t)

    tool_rows: dict[tuple[int, int], list[Cell]] = defaultdict(list)
    for c in cells:
        tool_rows[(c.table, c.row)].append(c)

    def best_row(row_cells: list[Cell], prefer_table: int | None) -> tuple[int, str] | None:
        # each value votes for the truth rows that hold it, a value many rows hold ("0") less
        votes: Counter = Counter()
        for c in row_cells:
            holders = {(t.table, t.label) for t in by_value.get(norm_value(c.value), ())}
            for key in holders:
                votes[key] += 1 / len(holders)
        label = norm_label(row_cells[0].label)
        if votes:
            return max(
                votes, key=lambda k: (votes[k], norm_label(k[1]) == label, k[0] == prefer_table, -k[0])
            )
        if prefer_table is None:
            return None
        return next((k for k in rows if k[0] == prefer_table and norm_label(k[1]) == label), None)

    # first the rows their values place, then each tool table's truth table decides the others
    placed = {key: best_row(rc, None) for key, rc in tool_rows.items()}
    table_votes: dict[int, Counter] = defaultdict(Counter)
    for (table, _), row in placed.items():
        if row:
            table_votes[table][row[0]] += 1
    home = {table: votes.most_common(1)[0][0] for table, votes in table_votes.items()}
    placed = {key: best_row(rc, home.get(key[0])) for key, rc in tool_rows.items()}

    s = Score(truth=len(truth), cells=len(cells))
    claims: dict[int, list[tuple[str, Cell]]] = defaultdict(list)  # id(truth cell) -> claims
    truth_by_id = {id(t): t for t in truth}
    truncated = set()
    for key, row_cells in tool_rows.items():
        row = placed[key]
        for c in row_cells:
            verdict, target = _judge(c, row, rows, by_value)
            if target is None:
                s.invented += 1
                s.invented_examples.append((c.label, c.value))
                continue
            claims[id(target)].append((verdict, c))
        if row:
            read, printed_label = norm_label(row_cells[0].label), norm_label(row[1])
            if read != printed_label and read and read in printed_label:
                truncated.add((row_cells[0].label, row[1]))
    s.truncated_labels = sorted(truncated)
    for tid, cl in claims.items():
        cl.sort(key=lambda vc: RANK[vc[0]])
        verdict = cl[0][0]
        if verdict == "right":
            s.right += 1
        else:
            s.wrong += 1
            s.wrong_reasons[verdict] += 1
            s.wrong_examples.append((verdict, cl[0][1].label, cl[0][1].value))
        for _, extra in cl[1:]:  # the document prints the cell once
            s.invented += 1
            s.invented_examples.append((extra.label, extra.value, "again"))
        del truth_by_id[tid]
    s.missing = len(truth_by_id)
    for table in home:
        title = next((c.title for c in cells if c.table == table), None)
        if title is None:
            continue
        t = next(t for t in truth if t.table == home[table])
        name = norm_label(title)
        s.titles[
            "caption"
            if name == norm_label(t.caption)
            else "heading"
            if name == norm_label(t.heading)
            else "other"
        ] += 1
    return s


def _judge(c: Cell, row, rows, by_value) -> tuple[str, object | None]:
    """(verdict, the truth cell it claims) for one cell in its placed row; (…, None) = invented."""
    value = norm_value(c.value)
    truth_row = rows[row] if row else {}
    at = truth_row.get(((c.scenario or "").casefold(), c.year))
    if at is not None and norm_value(at.value) == value:
        if norm_label(c.label) != norm_label(at.label):
            return "label", at
        titles = (norm_label(at.caption), norm_label(at.heading))
        if c.title is not None and norm_label(c.title) not in titles:
            return "title", at
        return "right", at
    same = next((t for t in truth_row.values() if norm_value(t.value) == value), None)
    if same is not None:
        return "column", same
    if at is not None:
        return "value", at
    found = by_value.get(value)
    if not found:
        return "invented", None
    return "row", next((t for t in found if norm_label(t.label) == norm_label(c.label)), found[0])
