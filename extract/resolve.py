"""Choose one reading per row so that the table's printed totals hold.

The document's own arithmetic is the evidence (:mod:`extract.constraints`): totals equal their
items, subtotals of an income statement run down the table, net lines equal their parts. Where
the arithmetic decides between readings, it wins; where it does not, the prior (how natural the
formatting is) chooses and the row is flagged, so that nobody mistakes a guess for a reading.

This is extraction-time disambiguation only. The official hierarchy and the reconciliation
checks live in the dbt models.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .constraints import CONSTRAINT_WEIGHT, Arithmetic, Slot, role_of
from .joint import SLACK, JointSearch
from .rows import Reading
from .settings import ExtractionSettings

AMBIGUITY_MARGIN = 20.0

__all__ = ["Decision", "Slot", "TableResolver", "role_of"]


@dataclass
class Decision:
    reading: Reading
    split_ambiguous: bool = False
    split_note: str | None = None
    alignment_is_guess: bool = False
    alignment_method: str = "full"
    alignment_note: str | None = None
    held_columns: set[int] = field(
        default_factory=set
    )  # columns where the table's sums hold with this reading


class TableResolver:
    """Searches the readings of a table's rows for the choice its arithmetic supports best."""

    def __init__(
        self,
        slots: list[Slot],
        n: int,
        change_table: bool,
        settings: ExtractionSettings,
        notes: frozenset[int] = frozenset(),
    ):
        self.slots = slots
        self.settings = settings
        self.arith = Arithmetic(slots, n, change_table, notes)
        self.structure = self.arith.structure
        self.money = self.arith.money

    # -- search ---------------------------------------------------------------------------

    def resolve(self) -> list[Decision]:
        choice = [s.readings[0] for s in self.slots]
        ambiguous = [s.index for s in self.slots if len(s.readings) > 1]
        if ambiguous and self.structure.by_slot and not self._optimal(choice):
            best: list[Reading] | None = None
            best_score = float("-inf")
            for start in [choice, *self._block_starts(choice)]:
                state = list(start)
                self._descend(state, ambiguous)
                self._exhaust(state, ambiguous)
                self._place_jointly(state)
                self._descend(state, ambiguous)
                score = self.arith.total(state) + sum(r.prior for r in state)
                if score > best_score + 1e-9:
                    best, best_score = state, score
            assert best is not None  # every start scores above -inf
            choice = best
        return [self._decide(s, choice) for s in self.slots]

    def _optimal(self, choice: list[Reading]) -> bool:
        """Whether the most natural reading of every row already makes every constraint hold
        in every column: no other choice can score higher (each row has its best prior, each
        equation and net its most columns held), so the search would return it unchanged.
        """
        st = self.structure
        if st.links:
            return False
        best = CONSTRAINT_WEIGHT * len(self.money)
        return (
            all(self.arith.eq_score(i, choice) >= best for i in range(len(st.equations)))
            and all(self.arith.net_score(i, choice) >= best for i in range(len(st.nets)))
            and not st.note_runs
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
                if self.arith.money_k(cur) >= self.arith.money_k(total):
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
            rows = [i for i, _ in flexible]
            best = self._best_jointly(rows, [options for _, options in flexible], {("eq", eq_no)}, choice)
            for i, r in zip(rows, best, strict=True):
                choice[i] = r

    def _descend(self, choice: list[Reading], ambiguous: list[int]) -> None:
        for _ in range(8):
            changed = False
            for idx in ambiguous:
                local = self.arith.local_fn(idx, choice)
                ceiling = self.arith.local_ceiling(idx, choice) + SLACK
                current = local(choice[idx]) + choice[idx].prior
                best = choice[idx]
                for r in self.slots[idx].readings:
                    if r is best or r.prior + ceiling <= current + 1e-9:
                        continue  # the reading itself, or one that cannot beat the best so far
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
            options = [self.slots[i].readings for i in members]
            best = self._best_jointly(members, options, touched, choice)
            for i, r in zip(members, best, strict=True):
                choice[i] = r

    def _best_jointly(
        self,
        rows: list[int],
        options: list[list[Reading]],
        constraints: set[tuple[str, int]],
        choice: list[Reading],
    ) -> list[Reading]:
        """The readings of ``rows`` (one of each row's ``options``) that score best on
        ``constraints`` plus their priors: the first best in ``itertools.product`` order, or
        the current ones when none beats them. Branch and bound finds it without enumerating.
        """
        return JointSearch(self.arith, rows, options, constraints).best(choice)

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
        local_fn = self.arith.local_fn(slot.index, choice)
        local = local_fn(chosen)
        decision.held_columns = self.arith.columns_held(slot.index, choice)[0]
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
        if self.arith.money_k(chosen) < len(self.money):
            placed_by_totals = constrained and local > 0 and not equal_values
            if chosen.method in POSITIONED:
                decision.alignment_method = chosen.method  # where the values stand places them
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
                    f"{self.arith.money_k(chosen)} of {len(self.money)} values; "
                    "the table's totals do not decide their columns; "
                    f"placed in columns {', '.join(str(c + 1) for c in chosen.columns)} by {basis}"
                )
        else:
            decision.alignment_method = "x_position" if chosen.method == "x_position" else "full"
        return decision


# Readings whose columns come from where the values stand: a PDF's x positions, and the
# character columns of a text laid out in columns under its header's words.
POSITIONED = ("x_position", "character_columns")


def _numbers(r: Reading) -> tuple:
    return tuple(v.value for v in r.values)


def _show(r: Reading) -> str:
    return "[" + " | ".join(v.text for v in r.values) + "]"
