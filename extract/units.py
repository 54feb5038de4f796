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

A row may print its own unit in its label, as key-figure tables do for every row
(``Nettoinvesteringar (mnkr)``, ``Tillgångar per invånare (kr)``, ``Soliditet, %``,
``Investeringar, tkr``): that unit governs the row over the table's. A row of money is read in
its own unit; a row whose label prints a unit that is not money (``%``, ``antal``), or says its
values are not money (per invånare, a tax rate, the population), is no amount whatever the
table's unit, and its values are indicators.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .headers import HeaderBlock
from .model import ColumnRecord, Line
from .numbers import ParsedNumber, is_numeric_token
from .vocabulary import Unit, load_vocabulary

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
    own = _units_rows_print(slots)
    if own:
        unit = own.most_common(1)[0][0]
        return UnitReading(
            unit,
            None,
            True,
            f"no unit printed over the table's columns; its rows print their own units in their "
            f"labels ({', '.join(sorted(own))}), and a row without one is read in {unit}, the unit "
            "most of them print",
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
    decimals = [
        v.decimals
        for s in slots
        if row_value_unit(s.label, ()) is None  # a percentage or a tax rate says nothing of the money's unit
        for r in s.readings[:1]
        for v in r.values
        if v.value is not None
    ]
    unit = "mnkr" if decimals and max(decimals) > 0 else "tkr"
    why = "its numbers carry decimals" if unit == "mnkr" else "its numbers are whole"
    return UnitReading(
        unit,
        None,
        True,
        f"no unit printed anywhere in the document; read as {unit} because {why} (Swedish budgets "
        "print tkr as whole numbers and mnkr with decimals): check the document",
    )


def _units_rows_print(slots) -> Counter[str]:
    """How many money rows print each money unit in their labels (``Finansnetto (mnkr)``)."""
    return Counter(
        u.unit
        for s in slots
        if (u := label_unit(s.label)) is not None and u.is_money and row_value_unit(s.label, ()) is None
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
    not_money = sum(1 for lab in labels if row_value_unit(lab, ()) is not None)
    said = sum(1 for lab in labels if row_value_unit(lab, ()) is None and _says_money(lab))
    return bool(labels) and said * 3 >= len(labels) and said > not_money


def row_value_unit(label: str, values: tuple[ParsedNumber, ...], money_table: bool = True) -> str | None:
    """``percent`` or ``not_money`` for a row whose values are not money; None for a row of amounts.

    In a money table a row is money unless its values print a percent sign, its label prints a
    unit that is not money (``Soliditet, %``, ``(antal årsarbetare)``), or its words say so
    (``i procent av``, ``per invånare``, a tax rate, the population), which outweighs a money
    unit it prints (``Skulder per invånare (kr)`` is kronor per inhabitant, no amount of the
    municipality's). In a table that is not money, only a row whose label prints a money unit
    of its own (``Nettoinvesteringar (mnkr)`` among key figures) and says nothing else is money."""
    vocab = load_vocabulary()
    unit = label_unit(label)
    if any("percent" in v.notes for v in values) or (unit is not None and unit.unit == "percent"):
        return "percent"
    if _not_money(label):
        return "percent" if vocab.label_says("percent_label", label) else "not_money"
    if unit is not None:
        return None if unit.is_money else "not_money"
    return None if money_table else "not_money"


def _not_money(label: str) -> bool:
    return load_vocabulary().label_says("non_money_label", label)


def _says_money(label: str) -> bool:
    """A label that says its row is money: by its words, or by the money unit it prints."""
    unit = label_unit(label)
    return load_vocabulary().label_says("money_label", label) or (unit is not None and unit.is_money)


_TRAILING_PARENTHESIS = re.compile(r"\(([^()]*)\)[\s*]*$")


def label_unit(label: str) -> Unit | None:
    """The unit a row's label prints for its values, where Swedish tables print it: in the
    parenthesis that ends the label, first or last (``Finansnetto (mnkr)``, ``(% av
    skatteintäkter)``, ``(inklusive löneskatt, mnkr)``, ``(antal årsarbetare totalt)``), or after
    its last comma (``Soliditet, %``, ``Investeringar, tkr``, ``Nettokostnad, kr per invånare``).

    A unit after a number is that number's (``höjs från 1 % till 2 %``, ``per 100 kr``), not
    the row's."""
    vocab = load_vocabulary()
    text = label.strip()
    paren = _TRAILING_PARENTHESIS.search(text)
    if paren is not None:
        segments = [seg.split() for seg in paren.group(1).split(",")]
        candidates = [(segments[0], True), (segments[-1], False)]
    elif "," in text:
        candidates = [(text.rsplit(",", 1)[1].split(), True)]
    else:
        return None
    for words, at_start in candidates:
        for m in vocab.units_in(words):
            if m.start == 0 if at_start else (m.end == len(words) and not _after_a_number(words, m.start)):
                return m.unit
    return None


def _after_a_number(words: list[str], start: int) -> bool:
    return start > 0 and is_numeric_token(words[start - 1])
