"""The best joint choice of readings for a few rows, found without enumerating every combination.

:class:`extract.resolve.TableResolver` asks, for the ambiguous rows of an equation, which
combination of their readings scores best (the constraints they touch plus their priors). The
answer must be the one a plain enumeration in ``itertools.product`` order would give: the first
combination of the highest score, or the current choice when nothing beats it.

This search walks the same order depth first and skips a branch as soon as an upper bound on
what any completion can score is no better than the best found so far; such a branch could not
have replaced the best in the enumeration either, so the answer is the same. The bound is what
makes the walk short: a sum is linear, column by column, so a column of a total can only still
hold if the sums the remaining rows can reach (known per column) bring the items to the total.
One wrong reading of a total or an item closes columns at once, and its whole branch goes.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from decimal import Decimal

from .constraints import CONSTRAINT_WEIGHT, NOTE_ORDER_WEIGHT, Arithmetic, tolerance
from .rows import Reading

MAX_REACHABLE = 1024  # reachable sums kept per column; beyond, the column is taken as able to hold
SLACK = 1e-6  # float sums in another order may differ in the last bits: never prune on those


@dataclass
class _EquationBound:
    """What one equation can still score, with the first ``depth`` searched rows fixed."""

    total: int  # slot of the total
    items: list[int]  # slots of the items
    outside_counts: bool  # an item outside the search counts (is no change line)
    fixed: dict[int, Decimal]  # per money column: the sum of the items outside the search
    reachable: list[dict[int, list[Decimal] | None]]  # per depth, per column: sums the rest can add


class JointSearch:
    """Branch and bound over the readings of ``members`` (each with its ``options``)."""

    def __init__(
        self,
        arith: Arithmetic,
        members: list[int],
        options: list[list[Reading]],
        constraints: set[tuple[str, int]],
    ):
        self.arith = arith
        self.members = members
        self.options = options
        self.constraints = constraints
        self.position = {idx: d for d, idx in enumerate(members)}
        self.max_prior_after = _max_prior_after(options)

    def best(self, choice: list[Reading]) -> list[Reading]:
        """The readings of the members that score best; ``choice`` is left as it came."""
        saved = [choice[i] for i in self.members]
        self.equations = [self._equation_bound(no, choice) for kind, no in self.constraints if kind == "eq"]
        self.others = [(kind, no) for kind, no in self.constraints if kind != "eq"]
        self.best_score = self._score(choice, saved)
        self.best_combo = list(saved)
        self._walk(choice, 0, 0.0)
        for i, r in zip(self.members, saved, strict=True):
            choice[i] = r
        return self.best_combo

    # -- the walk -----------------------------------------------------------------------

    def _walk(self, choice: list[Reading], depth: int, prior: float) -> None:
        if depth == len(self.members):
            score = self.arith.touched(self.constraints, choice) + prior
            if score > self.best_score + 1e-9:
                self.best_score = score
                self.best_combo = [choice[i] for i in self.members]
            return
        idx = self.members[depth]
        for r in self.options[depth]:
            choice[idx] = r
            if self._bound(choice, depth + 1, prior + r.prior) + SLACK <= self.best_score + 1e-9:
                continue
            self._walk(choice, depth + 1, prior + r.prior)

    def _score(self, choice: list[Reading], combo: list[Reading]) -> float:
        return self.arith.touched(self.constraints, choice) + sum(r.prior for r in combo)

    # -- the bound ----------------------------------------------------------------------

    def _bound(self, choice: list[Reading], depth: int, prior: float) -> float:
        """At least the score of every combination that keeps the first ``depth`` members."""
        bound = prior + self.max_prior_after[depth]
        bound += sum(self._equation_ceiling(eq, choice, depth) for eq in self.equations)
        bound += sum(self._other_ceiling(kind, no, choice, depth) for kind, no in self.others)
        return bound

    def _open(self, idx: int, depth: int) -> bool:
        """Whether row ``idx`` is still to be chosen at ``depth``."""
        return self.position.get(idx, -1) >= depth

    def _equation_ceiling(self, eq: _EquationBound, choice: list[Reading], depth: int) -> float:
        arith = self.arith
        if self._open(eq.total, depth):
            return CONSTRAINT_WEIGHT * len(arith.money)
        total = choice[eq.total]
        chosen = [choice[i] for i in eq.items if i in self.position and not self._open(i, depth)]
        chosen = [r for r in chosen if not arith.is_change(r)]
        reachable = eq.reachable[depth]
        ceiling = 0.0
        for col in arith.money:
            tv = total.value_at(col)
            if tv is None or tv.value is None:
                continue  # an empty total cell scores 0 or -W
            have = eq.fixed[col] + _column_sum(chosen, col)
            tol = tolerance(tv.decimals, len(eq.items))
            if _can_reach(reachable[col], tv.value - have, tol):
                ceiling += CONSTRAINT_WEIGHT
            elif tv.value != 0:
                ceiling -= CONSTRAINT_WEIGHT
        if not eq.outside_counts and not chosen:
            return max(ceiling, 0.0)  # if every item turns out a change line, the sum scores 0
        return ceiling

    def _other_ceiling(self, kind: str, no: int, choice: list[Reading], depth: int) -> float:
        rows = _rows_of(self.arith, kind, no)
        if not any(self._open(i, depth) for i in rows):
            return self.arith.score(kind, no, choice)
        if kind == "note":
            return NOTE_ORDER_WEIGHT * max(0, len(self.arith.structure.note_runs[no][1]) - 1)
        return CONSTRAINT_WEIGHT * len(self.arith.money)

    # -- what the rows still to be chosen can add -----------------------------------------

    def _equation_bound(self, eq_no: int, choice: list[Reading]) -> _EquationBound:
        t_idx, items = self.arith.structure.equations[eq_no]
        outside = [choice[i] for i in items if i not in self.position and not self.arith.is_change(choice[i])]
        fixed = {col: _column_sum(outside, col) for col in self.arith.money}
        searched = {self.position[i] for i in items if i in self.position}
        reachable: list[dict[int, list[Decimal] | None]] = [{col: [Decimal(0)] for col in self.arith.money}]
        for depth in range(len(self.members) - 1, -1, -1):  # from the last row up
            after = reachable[0]
            if depth in searched:
                after = {col: self._add_row(after[col], self.options[depth], col) for col in self.arith.money}
            reachable.insert(0, after)
        return _EquationBound(t_idx, items, bool(outside), fixed, reachable)

    def _add_row(self, sums: list[Decimal] | None, options: list[Reading], col: int) -> list[Decimal] | None:
        """The sums reachable once a row with these readings joins; None when too many to keep."""
        if sums is None:
            return None
        values = {self._contribution(r, col) for r in options}
        if len(sums) * len(values) > MAX_REACHABLE * 4:
            return None
        out = {s + v for s in sums for v in values}
        return sorted(out) if len(out) <= MAX_REACHABLE else None

    def _contribution(self, r: Reading, col: int) -> Decimal:
        p = r.value_at(col)
        if self.arith.is_change(r) or p is None or p.value is None:
            return Decimal(0)
        return p.value


def _can_reach(sums: list[Decimal] | None, need: Decimal, tol: Decimal) -> bool:
    if sums is None:
        return True
    at = bisect_left(sums, need - tol)
    return at < len(sums) and sums[at] <= need + tol


def _column_sum(rows: list[Reading], col: int) -> Decimal:
    values = (p.value for r in rows if (p := r.value_at(col)) is not None and p.value is not None)
    return sum(values, Decimal(0))


def _max_prior_after(options: list[list[Reading]]) -> list[float]:
    """For each depth, the most the priors of the rows from there on can add."""
    after = [0.0] * (len(options) + 1)
    for d in range(len(options) - 1, -1, -1):
        after[d] = after[d + 1] + max(r.prior for r in options[d])
    return after


def _rows_of(arith: Arithmetic, kind: str, no: int) -> list[int]:
    st = arith.structure
    if kind == "link":
        t_idx, above = st.links[no]
        return [t_idx, *above]
    if kind == "net":
        return list(st.nets[no])
    return list(st.note_runs[no][1])
