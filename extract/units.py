"""A table's unit, and whether its numbers are money at all.

The unit comes from where the document prints it, in this order: the header (``Belopp i
mnkr``, ``(tkr)``, ``Nämnd, miljoner kronor``); a caption just above the table (``Resultatbudget
i miljoner kronor.``); a statement in the text before it (``Siffrorna i budgettabellerna anges
i tusental kronor``). A money table with none of these lands with its unit *inferred*, and the
table says why: the unit of the document's other tables (of those that print their numbers
the same way, where they print several), or else the precision of its numbers (Swedish budgets
print tkr as whole numbers, mnkr with decimals). Never silently.

A table without a printed unit is money when its columns or labels say so (``Intäkter``,
``Kommunbidrag``, committee names, ``Summa``); a table of counts, shares or staff is not
(its cells stay in ``raw`` with their unit, out of the amounts). A row of percentages in a
money table (``Årets resultat i procent av …``) is not money either.
"""

from __future__ import annotations

from dataclasses import dataclass

from .headers import HeaderBlock
from .model import ColumnRecord, Line
from .numbers import ParsedNumber, is_numeric_token
from .vocabulary import load_vocabulary

_MONEY_KINDS = frozenset({"income", "cost", "net", "allocation", "deviation"})
CAPTION_LINES = 3


@dataclass(frozen=True, slots=True)
class UnitReading:
    unit: str | None
    phrase: str | None
    inferred: bool = False
    note: str | None = None


def _unit_statement(line: Line):
    """A unit phrase in ``line`` that states a unit (``i tusental kronor``, ``belopp i mnkr``),
    not the unit of an amount (``382 789 tusen kronor``)."""
    words = line.stripped.split()
    for m in load_vocabulary().units_in(words):
        before = words[m.start - 1] if m.start > 0 else ""
        if (
            m.unit.is_money
            and before.lower() in ("i", "belopp", "(belopp", "(i")
            and not is_numeric_token(before)
        ):
            return m
    return None


def infer_unit(lines: list[Line], header: HeaderBlock, unit_prefix: str | None, slots) -> UnitReading:
    if header.unit:
        phrase = " ".join(p for p in (unit_prefix, header.unit_phrase) if p) or None
        return UnitReading(header.unit, phrase)
    j = header.first_line_idx - 1
    seen = 0
    while j >= 0 and seen < CAPTION_LINES:
        line = lines[j]
        j -= 1
        if line.is_blank:
            continue
        seen += 1
        m = _unit_statement(line)
        if m is not None:
            return UnitReading(
                m.unit.unit,
                line.stripped,
                False,
                f"unit from the caption above the table (line {line.number})",
            )
    for line in reversed(lines[: max(j + 1, 0)]):
        m = _unit_statement(line)
        if m is not None:
            return UnitReading(
                m.unit.unit,
                m.phrase,
                True,
                f"no unit printed with the table; the document states '{m.phrase}' on line {line.number}",
            )
    decimals = [v.decimals for s in slots for r in s.readings[:1] for v in r.values if v.value is not None]
    unit = "mnkr" if decimals and max(decimals) > 0 else "tkr"
    why = "its numbers carry decimals" if unit == "mnkr" else "its numbers are whole"
    return UnitReading(
        unit,
        None,
        True,
        f"no unit printed anywhere in the document; read as {unit} because {why} (Swedish budgets "
        "print tkr as whole numbers and mnkr with decimals): check the document",
    )


def is_money_table(
    unit: UnitReading, header: HeaderBlock, title: str, columns: tuple[ColumnRecord, ...], labels: list[str]
) -> bool:
    money_units = load_vocabulary().money_units()
    if header.unit and header.unit not in money_units:
        return False  # %, åa, antal: printed as not money
    if unit.unit is not None and not unit.inferred and unit.unit in money_units:
        return True
    if any(c.amount_kind in _MONEY_KINDS for c in columns):
        return True
    vocab = load_vocabulary()
    if any(vocab.label_says("money_label", t) for t in (title, header.stub or "")):
        return True
    said = sum(1 for lab in labels if vocab.label_says("money_label", lab))
    not_money = sum(1 for lab in labels if vocab.label_says("non_money_label", lab))
    return bool(labels) and said * 3 >= len(labels) and said > not_money


def row_value_unit(label: str, values: tuple[ParsedNumber, ...]) -> str | None:
    """``percent`` or ``not_money`` for a row of a money table whose values are not money."""
    if any("percent" in v.notes for v in values):
        return "percent"
    vocab = load_vocabulary()
    if vocab.label_says("non_money_label", label):
        return "percent" if vocab.label_says("percent_label", label) else "not_money"
    return None
