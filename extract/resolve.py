"""Choose one reading per row so that the table's printed totals hold.

The document's own arithmetic is the evidence: a ``Summa`` row must equal the sum of the item
rows above it (within what rounding explains), and a partial ``Summa`` under a ``Varav:`` or
``Specificerade …:`` heading restates a full row above it. Where the totals decide between
readings, they win; where they do not, the prior (how natural the formatting is) chooses and the
row is flagged, so that nobody mistakes a guess for a reading.

This is extraction-time disambiguation only. The official hierarchy and the reconciliation
checks live in the dbt models.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from itertools import product

from .patterns import LinePatterns
from .rows import Reading
from .settings import ExtractionSettings

CONSTRAINT_WEIGHT = 1000.0
AMBIGUITY_MARGIN = 20.0


@dataclass
class Slot:
    """A value row taking part in resolution."""

    index: int  # position among the table's value rows
    label: str  # the label without the value line's own numeric tokens
    role: str  # item | total | of_which | other
    readings: list[Reading]
    group_start: bool = False  # a heading ending in ':' (Varav:, Specificerade …:) precedes it
    breakdown: str | None = None  # income | cost for "varav intäkter" / "varav kostnader"


@dataclass
class Decision:
    reading: Reading
    split_ambiguous: bool = False
    split_note: str | None = None
    alignment_is_guess: bool = False
    alignment_method: str = "full"
    alignment_note: str | None = None


@dataclass
class _Structure:
    equations: list[tuple[int, list[int]]] = field(default_factory=list)  # (total slot, item slots)
    links: list[tuple[int, list[int]]] = field(default_factory=list)  # (partial total, rows above)
    nets: list[tuple[int, int, int]] = field(default_factory=list)  # (net, income, cost)
    by_slot: dict[int, list[tuple[str, int]]] = field(default_factory=dict)


@lru_cache(maxsize=1024)
def _tolerance(decimals: int, terms: int) -> Decimal:
    return Decimal(5) * Decimal(10) ** (-(decimals + 1)) * max(1, terms)


class TableResolver:
    def __init__(self, slots: list[Slot], n: int, change_table: bool, settings: ExtractionSettings):
        self.slots = slots
        self.n = n
        self.change_table = change_table
        self.settings = settings
        self.structure = self._structure()

    # -- structure ------------------------------------------------------------------------

    def _structure(self) -> _Structure:
        st = _Structure()
        items: list[int] = []
        group_first = 0
        for s in self.slots:
            if s.group_start:
                items = []
                group_first = s.index
            if s.role == "total":
                if items:
                    st.equations.append((s.index, list(items)))
                above = [o.index for o in self.slots if o.index < group_first and o.role != "of_which"]
                if above:
                    st.links.append((s.index, above))
                items = []
                group_first = s.index + 1
            elif s.role == "item":
                items.append(s.index)
        # A net line followed by its "varav intäkter" and "varav kostnader" (in either order).
        for pos, s in enumerate(self.slots):
            if s.role == "of_which" or pos + 2 >= len(self.slots):
                continue
            a, b = self.slots[pos + 1], self.slots[pos + 2]
            kinds = {a.breakdown: a.index, b.breakdown: b.index}
            if a.role == b.role == "of_which" and set(kinds) == {"income", "cost"}:
                st.nets.append((s.index, kinds["income"], kinds["cost"]))
        for eq_no, (t, its) in enumerate(st.equations):
            for idx in (t, *its):
                st.by_slot.setdefault(idx, []).append(("eq", eq_no))
        for link_no, (t, above) in enumerate(st.links):
            for idx in (t, *above):
                st.by_slot.setdefault(idx, []).append(("link", link_no))
        for net_no, trio in enumerate(st.nets):
            for idx in trio:
                st.by_slot.setdefault(idx, []).append(("net", net_no))
        return st

    # -- scoring --------------------------------------------------------------------------

    def _is_change(self, r: Reading) -> bool:
        # In a table with "Specifikation av förändringar", a row without a value in the first
        # (outcome/previous budget) column is a change line, not an item of the total.
        return self.change_table and 0 not in r.columns

    def _eq_score(self, eq_no: int, choice: list[Reading]) -> float:
        """+W for each column of the total that its items make hold, -W for each that fails.

        A column that fails counts against the reading as much as one that holds counts for it:
        otherwise splitting "55 500" into "55 | 500" buys extra chances to match by luck.
        """
        t_idx = self.structure.equations[eq_no][0]
        return self._eq_scorer(eq_no, t_idx, choice)(choice[t_idx])

    def _link_score(self, link_no: int, choice: list[Reading]) -> float:
        t_idx, above = self.structure.links[link_no]
        total = choice[t_idx]
        if total.k >= self.n:
            return 0.0
        score = 0.0
        for col, tv in zip(total.columns, total.values, strict=True):
            if tv.value is None:
                continue
            for a in above:
                av = choice[a].value_at(col)
                if av is not None and av.value == tv.value:
                    score += CONSTRAINT_WEIGHT
                    break
        return score

    def _net_score(self, net_no: int, choice: list[Reading]) -> float:
        """Net = costs − income, with income printed positive or negative."""
        n_idx, i_idx, c_idx = self.structure.nets[net_no]
        net, income, cost = choice[n_idx], choice[i_idx], choice[c_idx]
        score = 0.0
        for col, nv in zip(net.columns, net.values, strict=True):
            iv, cv = income.value_at(col), cost.value_at(col)
            if nv.value is None or iv is None or cv is None or iv.value is None or cv.value is None:
                continue
            tol = _tolerance(max(nv.decimals, iv.decimals, cv.decimals), 2)
            held = min(abs(cv.value - iv.value - nv.value), abs(cv.value + iv.value - nv.value)) <= tol
            score += CONSTRAINT_WEIGHT if held else -CONSTRAINT_WEIGHT
        return score

    def _score(self, kind: str, no: int, choice: list[Reading]) -> float:
        if kind == "eq":
            return self._eq_score(no, choice)
        if kind == "link":
            return self._link_score(no, choice)
        return self._net_score(no, choice)

    def _touched(self, constraints: set[tuple[str, int]], choice: list[Reading]) -> float:
        return sum(self._score(kind, no, choice) for kind, no in constraints)

    def _local_fn(self, idx: int, choice: list[Reading]) -> Callable[[Reading], float]:
        """``r ->`` the score of every constraint row ``idx`` takes part in, with ``r`` at ``idx``
        and the other rows' sums computed once.

        The search tries every reading of a row against the same other rows; summing those rows
        again for each reading is what made long tables slow.
        """
        scorers = [
            self._eq_scorer(no, idx, choice) if kind == "eq" else self._generic_scorer(kind, no, idx, choice)
            for kind, no in self.structure.by_slot.get(idx, ())
        ]
        return lambda r: sum(f(r) for f in scorers)

    def _generic_scorer(
        self, kind: str, no: int, idx: int, choice: list[Reading]
    ) -> Callable[[Reading], float]:
        def score(r: Reading) -> float:
            saved = choice[idx]
            choice[idx] = r
            try:
                return self._score(kind, no, choice)
            finally:
                choice[idx] = saved

        return score

    def _eq_scorer(self, eq_no: int, idx: int, choice: list[Reading]) -> Callable[[Reading], float]:
        """The score of equation ``eq_no`` with reading ``r`` at ``idx``, the other rows fixed."""
        t_idx, item_idx = self.structure.equations[eq_no]

        def aggregate(rows: list[Reading], columns) -> dict[int, tuple[Decimal, int, int]]:
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

        def held(tv, total: Decimal, count: int, decimals: int) -> float | None:
            if count == 0 and tv.value == 0:
                return None
            ok = abs(total - tv.value) <= _tolerance(max(tv.decimals, decimals), count)
            return CONSTRAINT_WEIGHT if ok else -CONSTRAINT_WEIGHT

        if idx == t_idx:
            items = [choice[i] for i in item_idx if not self._is_change(choice[i])]
            if not items:
                return lambda r: 0.0
            agg = aggregate(items, range(self.n))

            def as_total(r: Reading) -> float:
                score = 0.0
                for col, tv in zip(r.columns, r.values, strict=True):
                    if tv.value is not None:
                        score += held(tv, *agg[col]) or 0.0
                return score

            return as_total

        total = choice[t_idx]
        others = [choice[i] for i in item_idx if i != idx and not self._is_change(choice[i])]
        agg = aggregate(others, total.columns)

        def as_item(r: Reading) -> float:
            change = self._is_change(r)
            if change and not others:
                return 0.0
            score = 0.0
            for col, tv in zip(total.columns, total.values, strict=True):
                if tv.value is None:
                    continue
                s, count, decimals = agg[col]
                p = None if change else r.value_at(col)
                if p is not None and p.value is not None:
                    s, count, decimals = s + p.value, count + 1, max(decimals, p.decimals)
                score += held(tv, s, count, decimals) or 0.0
            return score

        return as_item

    def _constraints(self, choice: list[Reading]) -> float:
        st = self.structure
        return (
            sum(self._eq_score(i, choice) for i in range(len(st.equations)))
            + sum(self._link_score(i, choice) for i in range(len(st.links)))
            + sum(self._net_score(i, choice) for i in range(len(st.nets)))
        )

    # -- search ---------------------------------------------------------------------------

    def resolve(self) -> list[Decision]:
        choice = [s.readings[0] for s in self.slots]
        ambiguous = [s.index for s in self.slots if len(s.readings) > 1]
        if ambiguous and self.structure.by_slot and not self._optimal(choice):
            best, best_score = None, float("-inf")
            for start in [choice, *self._block_starts(choice)]:
                state = list(start)
                self._descend(state, ambiguous)
                self._exhaust(state, ambiguous)
                self._place_jointly(state)
                self._descend(state, ambiguous)
                score = self._constraints(state) + sum(r.prior for r in state)
                if score > best_score + 1e-9:
                    best, best_score = state, score
            choice = best
        return [self._decide(s, choice) for s in self.slots]

    def _optimal(self, choice: list[Reading]) -> bool:
        """Whether the most natural reading of every row already makes every total hold in
        every column: no other choice can score higher (each row has its best prior, each
        equation and net its most columns held), so the search would return it unchanged.
        """
        st = self.structure
        if st.links:
            return False
        best = CONSTRAINT_WEIGHT * self.n
        return all(self._eq_score(i, choice) >= best for i in range(len(st.equations))) and all(
            self._net_score(i, choice) >= best for i in range(len(st.nets))
        )

    def _block_starts(self, choice: list[Reading]) -> list[list[Reading]]:
        """One start per placement of each total: its items read in the same columns.

        A block of item rows under a total is printed in one layout, so reading every row with
        the total's columns is the natural joint hypothesis that single-row moves cannot reach.
        """
        starts: list[list[Reading]] = []
        for t_idx, items in self.structure.equations:
            configs: dict[tuple[int, ...], Reading] = {}
            for r in self.slots[t_idx].readings:  # best prior first
                configs.setdefault(r.columns, r)
            for cols, total in list(configs.items())[:12]:
                state = list(choice)
                state[t_idx] = total
                colset = set(cols)
                for i in items:
                    readings = self.slots[i].readings
                    same = [r for r in readings if r.columns == cols]
                    within = [r for r in readings if set(r.columns) <= colset]
                    state[i] = (same or within or [state[i]])[0]
                starts.append(state)
        return starts

    def _place_jointly(self, choice: list[Reading]) -> None:
        """Search together the placements of rows with fewer values than their total.

        ``Markförvärv övrigt 2 000 2 000`` and ``Markförsäljning -3 000 -3 000`` only make
        ``Summa`` hold when both sit in 2023-2024; moving either alone breaks two columns.
        """
        for eq_no, (t_idx, items) in enumerate(self.structure.equations):
            total = choice[t_idx]
            colset = set(total.columns)
            flexible: list[tuple[int, list[Reading]]] = []
            for i in items:
                cur = choice[i]
                if cur.k >= total.k:
                    continue
                options = [
                    r
                    for r in self.slots[i].readings
                    if _numbers(r) == _numbers(cur) and set(r.columns) <= colset
                ]
                if len(options) > 1:
                    flexible.append((i, options))
            if not flexible:
                continue
            size = 1
            for _, options in flexible:
                size *= len(options)
            if size > self.settings.max_combinations:
                continue
            best = [choice[i] for i, _ in flexible]
            best_score = self._eq_score(eq_no, choice) + sum(r.prior for r in best)
            for combo in product(*(options for _, options in flexible)):
                for (i, _), r in zip(flexible, combo, strict=True):
                    choice[i] = r
                score = self._eq_score(eq_no, choice) + sum(r.prior for r in combo)
                if score > best_score + 1e-9:
                    best_score, best = score, list(combo)
            for (i, _), r in zip(flexible, best, strict=True):
                choice[i] = r

    def _descend(self, choice: list[Reading], ambiguous: list[int]) -> None:
        for _ in range(8):
            changed = False
            for idx in ambiguous:
                local = self._local_fn(idx, choice)
                current = local(choice[idx]) + choice[idx].prior
                best = choice[idx]
                for r in self.slots[idx].readings:
                    if r is best:
                        continue
                    score = local(r) + r.prior
                    if score > current + 1e-9:
                        current, best, changed = score, r, True
                choice[idx] = best
            if not changed:
                return

    def _exhaust(self, choice: list[Reading], ambiguous: list[int]) -> None:
        """Search jointly the ambiguous rows of each equation when that is cheap enough."""
        groups: list[list[int]] = []
        for t, its in self.structure.equations:
            members = [i for i in (t, *its) if i in ambiguous]
            if len(members) >= 2:
                groups.append(members)
        for members in groups:
            sizes = 1
            for i in members:
                sizes *= len(self.slots[i].readings)
            if sizes > self.settings.max_combinations:
                continue
            touched = {c for i in members for c in self.structure.by_slot.get(i, ())}
            best_score = self._touched(touched, choice) + sum(choice[i].prior for i in members)
            best = [choice[i] for i in members]
            for combo in product(*(self.slots[i].readings for i in members)):
                for i, r in zip(members, combo, strict=True):
                    choice[i] = r
                score = self._touched(touched, choice) + sum(r.prior for r in combo)
                if score > best_score + 1e-9:
                    best_score, best = score, list(combo)
            for i, r in zip(members, best, strict=True):
                choice[i] = r

    # -- verdict --------------------------------------------------------------------------

    def _total_columns(self, idx: int, choice: list[Reading]) -> set[int] | None:
        for t_idx, items in self.structure.equations:
            if idx in items:
                return set(choice[t_idx].columns)
        return None

    def _decide(self, slot: Slot, choice: list[Reading]) -> Decision:
        chosen = choice[slot.index]
        decision = Decision(chosen, alignment_method=chosen.method)
        constrained = slot.index in self.structure.by_slot
        local_fn = self._local_fn(slot.index, choice)
        local = local_fn(chosen)
        equal_values: list[Reading] = []
        other_values: list[Reading] = []
        for r in slot.readings:
            if r is chosen:
                continue
            if local_fn(r) < local - 1e-9:
                continue
            if _numbers(r) == _numbers(chosen):
                equal_values.append(r)  # another placement of the same numbers
            elif r.prior > chosen.prior - AMBIGUITY_MARGIN:
                other_values.append(r)  # another split that formatting makes about as likely
        if other_values:
            alt = other_values[0]
            why = "the table's totals do not decide" if constrained else "no total covers this row"
            decision.split_ambiguous = True
            decision.split_note = (
                f"{len(other_values) + 1} splits fit equally ({why}); took {_show(chosen)}, "
                f"also possible {_show(alt)}"
            )
        total_cols = self._total_columns(slot.index, choice)
        if total_cols is not None:
            # Alternatives outside the columns its total covers are not readings of this block.
            equal_values = [r for r in equal_values if set(r.columns) <= total_cols]
        if chosen.k < self.n:
            placed_by_totals = constrained and local > 0 and not equal_values
            if chosen.method == "x_position":
                decision.alignment_method = "x_position"
            elif placed_by_totals:
                decision.alignment_method = "totals"
            else:
                decision.alignment_is_guess = True
                decision.alignment_method = "spacing" if chosen.spacing_consistent else "default_right"
                if chosen.method not in ("spacing", "contiguous") and not chosen.spacing_consistent:
                    decision.alignment_method = chosen.method
                basis = (
                    "the empty-cell spacing of the text layer"
                    if chosen.spacing_consistent
                    else "default placement (values fill the last columns)"
                    if chosen.method == "contiguous"
                    else chosen.method
                )
                decision.alignment_note = (
                    f"{chosen.k} of {self.n} values; the table's totals do not decide their columns; "
                    f"placed in columns {', '.join(str(c + 1) for c in chosen.columns)} by {basis}"
                )
        else:
            decision.alignment_method = "x_position" if chosen.method == "x_position" else "full"
        return decision


def _numbers(r: Reading) -> tuple:
    return tuple(v.value for v in r.values)


def _show(r: Reading) -> str:
    return "[" + " | ".join(v.text for v in r.values) + "]"


def role_of(label: str, patterns: LinePatterns) -> str:
    kind = patterns.kind_of(label)
    if kind in ("total", "of_which"):
        return kind
    return "item"
