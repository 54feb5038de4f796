"""A table's own arithmetic, as constraints on the readings of its rows.

- A ``Summa`` row equals the item rows above it (within what rounding explains).
- A partial ``Summa`` under a ``Varav:`` or ``Specificerade …:`` heading restates a full row.
- A net line equals its ``varav kostnader`` and ``varav intäkter``.
- In an income statement (resultaträkning, resultatbudget), each subtotal (``Verksamhetens
  nettokostnader``, ``Verksamhetens resultat``, ``Resultat efter finansiella poster``, ``Årets
  resultat``) is the subtotal above it plus the items between them.
- A ``Not`` column numbers the notes in the order the rows print them: a note number follows
  the one above it (a soft preference, worth less than any sum).

Each constraint scores a choice of readings: ``+W`` per column it makes hold, ``-W`` per column it
breaks. :mod:`extract.resolve` searches for the choice with the best score.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from .numbers import ParsedNumber
from .patterns import LinePatterns
from .rows import Reading

CONSTRAINT_WEIGHT = 1000.0
NOTE_ORDER_WEIGHT = 15.0  # less than one column of a sum, more than a formatting preference
NOTE_STEP = 3  # a note may skip a few numbers (notes of lines the table does not print)


@dataclass
class Slot:
    """A value row taking part in resolution."""

    index: int  # position among the table's value rows
    label: str  # the label without the value line's own numeric tokens
    role: str  # item | total | of_which | subtotal
    readings: list[Reading]
    group: int = 0  # the row's group of items (group_numbers): a total sums the items of its group
    breakdown: str | None = None  # income | cost for "varav intäkter" / "varav kostnader"


@lru_cache(maxsize=1024)
def tolerance(decimals: int, terms: int) -> Decimal:
    return Decimal(5) * Decimal(10) ** (-(decimals + 1)) * max(1, terms)


def role_of(label: str, patterns: LinePatterns) -> str:
    kind = patterns.kind_of(label)
    return kind if kind in ("total", "of_which", "subtotal") else "item"


@dataclass
class Structure:
    equations: list[tuple[int, list[int]]] = field(default_factory=list)  # (total slot, item slots)
    links: list[tuple[int, list[int]]] = field(default_factory=list)  # (partial total, rows above)
    nets: list[tuple[int, int, int]] = field(default_factory=list)  # (net, income, cost)
    # (Not column, rows that may fill it)
    note_runs: list[tuple[int, list[int]]] = field(default_factory=list)
    by_slot: dict[int, list[tuple[str, int]]] = field(default_factory=dict)

    def index(self) -> None:
        for kind, items in (("eq", self.equations), ("link", self.links)):
            for no, (t, others) in enumerate(items):
                for idx in (t, *others):
                    self.by_slot.setdefault(idx, []).append((kind, no))
        for no, trio in enumerate(self.nets):
            for idx in trio:
                self.by_slot.setdefault(idx, []).append(("net", no))
        for no, (_, rows) in enumerate(self.note_runs):
            for idx in rows:
                self.by_slot.setdefault(idx, []).append(("note", no))


def group_numbers(roles: Sequence[str | None]) -> list[int]:
    """The group of each row of a table, given each row's role in table order (a heading's
    from :func:`extract.body.heading_role`): from 0, a new group at a ``group_heading`` (the
    heading is the first row of its group) and at the row after a total. A total is the sum of
    the items of its group; the rows of a ``Varav:`` group break down the line above it.

    The specification of changes (``change_marker``) starts no group: in Linköping's internbudget
    each unit's line is followed by its changes, and the Summa at the foot adds up every unit.
    """
    groups: list[int] = []
    group, after_total = 0, False
    for role in roles:
        if after_total or role == "group_heading":
            group += 1
        groups.append(group)
        after_total = role == "total"
    return groups


def _sums(slots: list[Slot], st: Structure) -> None:
    items: list[int] = []
    group: int | None = None
    group_first = 0
    for s in slots:
        if s.group != group:
            items = []
            group, group_first = s.group, s.index
        if s.role == "total":
            if items:
                st.equations.append((s.index, list(items)))
            above = [o.index for o in slots if o.index < group_first and o.role != "of_which"]
            if above:
                st.links.append((s.index, above))
            items = []
        elif s.role in ("item", "subtotal"):
            items.append(s.index)


def is_income_statement(slots: list[Slot]) -> bool:
    """A resultaträkning or resultatbudget: two subtotals or more, one of them a result."""
    subtotals = [s for s in slots if s.role == "subtotal"]
    return len(subtotals) >= 2 and any("resultat" in s.label.lower() for s in subtotals)


def _running_totals(slots: list[Slot], st: Structure) -> None:
    previous: int | None = None
    items: list[int] = []
    for s in slots:
        if s.role == "subtotal":
            parts = ([previous] if previous is not None else []) + items
            if parts:
                st.equations.append((s.index, parts))
            previous, items = s.index, []
        elif s.role == "item":
            items.append(s.index)


def _nets(slots: list[Slot], st: Structure) -> None:
    """A net line followed by its "varav intäkter" and "varav kostnader" (in either order)."""
    for pos, s in enumerate(slots):
        if s.role == "of_which" or pos + 2 >= len(slots):
            continue
        a, b = slots[pos + 1], slots[pos + 2]
        kinds = {a.breakdown: a.index, b.breakdown: b.index}
        if a.role == b.role == "of_which" and set(kinds) == {"income", "cost"}:
            st.nets.append((s.index, kinds["income"], kinds["cost"]))


def _note_runs(slots: list[Slot], notes: frozenset[int], st: Structure) -> None:
    for col in sorted(notes):
        capable = [s.index for s in slots if any(r.value_at(col) is not None for r in s.readings)]
        if len(capable) > 1:
            st.note_runs.append((col, capable))


def build_structure(slots: list[Slot], notes: frozenset[int]) -> Structure:
    st = Structure()
    income_statement = is_income_statement(slots)
    if not income_statement:
        for s in slots:
            if s.role == "subtotal":
                s.role = "item"  # "Verksamhetens nettokostnader" in a summary table is a line like any
    _sums(slots, st)
    if income_statement:
        _running_totals(slots, st)
    _nets(slots, st)
    _note_runs(slots, notes, st)
    st.index()
    return st


_NOTE_NUMBER = re.compile(r"\d+")


def _note_numbers(r: Reading, col: int) -> tuple[int, ...]:
    v = r.value_at(col)
    return _numbers_in(v.text) if v is not None else ()


@lru_cache(maxsize=4096)
def _numbers_in(text: str) -> tuple[int, ...]:
    """The note numbers a Not cell prints; the search asks for the same cells many times."""
    return tuple(int(x) for x in _NOTE_NUMBER.findall(text))


class Arithmetic:
    """Scores a choice of readings (one per slot) against a table's constraints."""

    def __init__(self, slots: list[Slot], n: int, change_table: bool, notes: frozenset[int] = frozenset()):
        self.slots = slots
        self.n = n
        # Not columns hold note numbers: no sum applies to them.
        self.money = tuple(c for c in range(n) if c not in notes)
        self.money_set = frozenset(self.money)
        self.change_table = change_table
        self.structure = build_structure(slots, notes)

    def money_cells(self, r: Reading) -> list[tuple[int, ParsedNumber]]:
        return [(c, v) for c, v in zip(r.columns, r.values, strict=True) if c in self.money_set]

    def money_k(self, r: Reading) -> int:
        return sum(1 for c in r.columns if c in self.money_set)

    def is_change(self, r: Reading) -> bool:
        # In a table with "Specifikation av förändringar", a row without a value in the first
        # (outcome/previous budget) column is a change line, not an item of the total.
        return self.change_table and self.money[0] not in r.columns

    # -- one constraint -----------------------------------------------------------------

    def eq_score(self, eq_no: int, choice: list[Reading]) -> float:
        """+W for each column of the total that its items make hold, -W for each that fails.

        A column that fails counts against the reading as much as one that holds counts for it:
        otherwise splitting "55 500" into "55 | 500" buys extra chances to match by luck.
        """
        t_idx = self.structure.equations[eq_no][0]
        return self._eq_scorer(eq_no, t_idx, choice)(choice[t_idx])

    def link_score(self, link_no: int, choice: list[Reading]) -> float:
        t_idx, above = self.structure.links[link_no]
        total = choice[t_idx]
        if self.money_k(total) >= len(self.money):
            return 0.0
        score = 0.0
        for col, tv in self.money_cells(total):
            if tv.value is None:
                continue
            if any((av := choice[a].value_at(col)) is not None and av.value == tv.value for a in above):
                score += CONSTRAINT_WEIGHT
        return score

    def net_score(self, net_no: int, choice: list[Reading]) -> float:
        """Net = costs − income, with income printed positive or negative."""
        n_idx, i_idx, c_idx = self.structure.nets[net_no]
        net, income, cost = choice[n_idx], choice[i_idx], choice[c_idx]
        score = 0.0
        for col, nv in self.money_cells(net):
            iv, cv = income.value_at(col), cost.value_at(col)
            if nv.value is None or iv is None or cv is None or iv.value is None or cv.value is None:
                continue
            tol = tolerance(max(nv.decimals, iv.decimals, cv.decimals), 2)
            held = min(abs(cv.value - iv.value - nv.value), abs(cv.value + iv.value - nv.value)) <= tol
            score += CONSTRAINT_WEIGHT if held else -CONSTRAINT_WEIGHT
        return score

    def note_score(self, run_no: int, choice: list[Reading]) -> float:
        """Notes follow each other down the Not column: each note a little above the one before
        (rows without a note in between do not break the sequence)."""
        col, rows = self.structure.note_runs[run_no]
        noted = [numbers for i in rows if (numbers := _note_numbers(choice[i], col))]
        score = 0.0
        for above, below in zip(noted, noted[1:], strict=False):
            follows = any(0 <= y - x <= NOTE_STEP for x in above for y in below)
            score += NOTE_ORDER_WEIGHT if follows else -NOTE_ORDER_WEIGHT
        return score

    def score(self, kind: str, no: int, choice: list[Reading]) -> float:
        if kind == "eq":
            return self.eq_score(no, choice)
        if kind == "link":
            return self.link_score(no, choice)
        if kind == "note":
            return self.note_score(no, choice)
        return self.net_score(no, choice)

    def touched(self, constraints: set[tuple[str, int]], choice: list[Reading]) -> float:
        return sum(self.score(kind, no, choice) for kind, no in constraints)

    def total(self, choice: list[Reading]) -> float:
        st = self.structure
        return (
            sum(self.eq_score(i, choice) for i in range(len(st.equations)))
            + sum(self.link_score(i, choice) for i in range(len(st.links)))
            + sum(self.net_score(i, choice) for i in range(len(st.nets)))
            + sum(self.note_score(i, choice) for i in range(len(st.note_runs)))
        )

    def columns_held(self, idx: int, choice: list[Reading]) -> tuple[set[int], set[int]]:
        """(columns that hold, columns that fail) of the sums row ``idx`` takes part in."""
        held: set[int] = set()
        failed: set[int] = set()
        for kind, no in self.structure.by_slot.get(idx, ()):
            if kind != "eq":
                continue
            t_idx, items = self.structure.equations[no]
            parts = [choice[i] for i in items if not self.is_change(choice[i])]
            agg = self._aggregate(parts, self.money)
            for col, tv in self.money_cells(choice[t_idx]):
                if tv.value is not None and agg[col][1]:
                    (held if self._held(tv, *agg[col]) > 0 else failed).add(col)
        return held, failed - held

    # -- a row's share, fast -------------------------------------------------------------

    def local_fn(self, idx: int, choice: list[Reading]) -> Callable[[Reading], float]:
        """``r ->`` the score of every constraint row ``idx`` takes part in, with ``r`` at ``idx``
        and the other rows' sums computed once.

        The search tries every reading of a row against the same other rows; summing those rows
        again for each reading is what made long tables slow.
        """
        scorers = [
            self._eq_scorer(no, idx, choice)
            if kind == "eq"
            else self._link_scorer(no, idx, choice)
            if kind == "link"
            else self._generic_scorer(kind, no, idx, choice)
            for kind, no in self.structure.by_slot.get(idx, ())
        ]
        return lambda r: sum(f(r) for f in scorers)

    def local_ceiling(self, idx: int, choice: list[Reading]) -> float:
        """The most any reading at ``idx`` can score on the constraints it takes part in, the
        other rows as ``choice`` has them: a reading whose prior cannot make up the difference
        to the best found need not be scored."""
        ceiling = 0.0
        for kind, no in self.structure.by_slot.get(idx, ()):
            if kind == "eq" and self.structure.equations[no][0] != idx:
                total = choice[self.structure.equations[no][0]]
                cells = sum(1 for _, v in self.money_cells(total) if v.value is not None)
                ceiling += CONSTRAINT_WEIGHT * cells
            elif kind == "note":
                ceiling += NOTE_ORDER_WEIGHT * max(0, len(self.structure.note_runs[no][1]) - 1)
            else:
                ceiling += CONSTRAINT_WEIGHT * len(self.money)
        return ceiling

    def _link_scorer(self, link_no: int, idx: int, choice: list[Reading]) -> Callable[[Reading], float]:
        """:meth:`link_score` with reading ``r`` at ``idx``, the other rows' values looked up once."""
        t_idx, above = self.structure.links[link_no]
        if idx == t_idx:
            printed = {col: self._values_at(above, col, choice) for col in self.money}

            def as_total(r: Reading) -> float:
                if self.money_k(r) >= len(self.money):
                    return 0.0
                found = sum(
                    1 for col, tv in self.money_cells(r) if tv.value is not None and tv.value in printed[col]
                )
                return CONSTRAINT_WEIGHT * found

            return as_total
        total = choice[t_idx]
        if self.money_k(total) >= len(self.money):
            return lambda r: 0.0
        others = [a for a in above if a != idx]
        cells = [(col, tv.value) for col, tv in self.money_cells(total) if tv.value is not None]
        found = sum(1 for col, v in cells if v in self._values_at(others, col, choice))
        open_cells = [(col, v) for col, v in cells if v not in self._values_at(others, col, choice)]

        def as_above(r: Reading) -> float:
            mine = sum(1 for col, v in open_cells if (p := r.value_at(col)) is not None and p.value == v)
            return CONSTRAINT_WEIGHT * (found + mine)

        return as_above

    @staticmethod
    def _values_at(rows: list[int], col: int, choice: list[Reading]) -> set:
        return {p.value for i in rows if (p := choice[i].value_at(col)) is not None and p.value is not None}

    def _generic_scorer(
        self, kind: str, no: int, idx: int, choice: list[Reading]
    ) -> Callable[[Reading], float]:
        def score(r: Reading) -> float:
            saved = choice[idx]
            choice[idx] = r
            try:
                return self.score(kind, no, choice)
            finally:
                choice[idx] = saved

        return score

    def _aggregate(self, rows: list[Reading], columns) -> dict[int, tuple[Decimal, int, int]]:
        agg: dict[int, tuple[Decimal, int, int]] = {}
        for col in columns:
            total, count, decimals = Decimal(0), 0, 0
            for row in rows:
                p = row.value_at(col)
                if p is not None and p.value is not None:
                    total += p.value
                    count += 1
                    decimals = max(decimals, p.decimals)
            agg[col] = (total, count, decimals)
        return agg

    @staticmethod
    def _held(tv, total: Decimal, count: int, decimals: int) -> float:
        if count == 0 and tv.value == 0:
            return 0.0
        ok = abs(total - tv.value) <= tolerance(max(tv.decimals, decimals), count)
        return CONSTRAINT_WEIGHT if ok else -CONSTRAINT_WEIGHT

    def _eq_scorer(self, eq_no: int, idx: int, choice: list[Reading]) -> Callable[[Reading], float]:
        """The score of equation ``eq_no`` with reading ``r`` at ``idx``, the other rows fixed."""
        t_idx, item_idx = self.structure.equations[eq_no]
        if idx == t_idx:
            items = [choice[i] for i in item_idx if not self.is_change(choice[i])]
            if not items:
                return lambda r: 0.0
            agg = self._aggregate(items, self.money)

            def as_total(r: Reading) -> float:
                score = sum(
                    self._held(tv, *agg[col]) for col, tv in self.money_cells(r) if tv.value is not None
                )
                # A total prints what its items print: leaving out a column they fill (by reading
                # two of its numbers as one) is no way out of a sum that fails.
                missing = sum(1 for col in self.money if agg[col][1] and r.value_at(col) is None)
                return score - CONSTRAINT_WEIGHT * missing

            return as_total
        total = choice[t_idx]
        others = [choice[i] for i in item_idx if i != idx and not self.is_change(choice[i])]
        agg = self._aggregate(others, [c for c in total.columns if c in self.money_set])

        # Per column of the total: the other items' sum, and the score when ``r`` adds nothing.
        cells = [
            (col, tv, *agg[col], self._held(tv, *agg[col]))
            for col, tv in self.money_cells(total)
            if tv.value is not None
        ]

        def as_item(r: Reading) -> float:
            change = self.is_change(r)
            if change and not others:
                return 0.0
            score = 0.0
            for col, tv, s, count, decimals, without in cells:
                p = None if change else r.by_column.get(col)
                if p is not None and p.value is not None:
                    score += self._held(tv, s + p.value, count + 1, max(decimals, p.decimals))
                else:
                    score += without
            return score

        return as_item


def _printed_at(r: Reading, col: int) -> str | None:
    value = r.value_at(col)
    return None if value is None else value.text


def keep_note_order(slots: list[Slot], notes: frozenset[int]) -> None:
    """Drop readings whose Not cell would go back down the note sequence that the table's
    unambiguous rows establish (``Resultatandelar 4 5`` after note 7 is not note 4).

    A Not value must make sense on its own: no sum may buy a reading by hiding a number in
    the Not column.
    """
    for col in notes:
        certain: dict[int, int] = {}
        for s in slots:
            texts = {_printed_at(r, col) for r in s.readings}
            if len(texts) == 1 and None not in texts:
                certain[s.index] = min(_note_numbers(s.readings[0], col))
        for s in slots:
            if s.index in certain or len(s.readings) < 2:
                continue
            floor = max((v for i, v in certain.items() if i < s.index), default=None)
            if floor is None:
                continue
            kept = [r for r in s.readings if not _note_numbers(r, col) or max(_note_numbers(r, col)) >= floor]
            if kept:
                s.readings[:] = kept
