"""Generate text budget documents of wide tables whose amounts make their rows ambiguous.

Year columns (eight by default, see :class:`Shape`) of amounts printed Swedish-style, with a
space as thousands separator (``1 234 567``), and a ``Summa`` row equal to the sum of the items
above it: the space also separates the cells, so a row of 24 digit groups has many readings,
and only the table's arithmetic says which one was printed. The generator's numbers are the
truth. An item row may lack its first years (a new line of the budget): its values could sit
in any columns, and only the totals place them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

SCENARIOS = ["Utfall", "Budget", "Budget"]  # then Plan for every later year
FIRST_YEAR = 2022
ITEM_LABELS = [
    "Skatteintäkter",
    "Generella statsbidrag",
    "Fastighetsavgift",
    "Kommunstyrelsen",
    "Barn- och utbildningsnämnden",
    "Socialnämnden",
    "Vård- och omsorgsnämnden",
    "Kultur- och fritidsnämnden",
    "Tekniska nämnden",
    "Miljö- och byggnadsnämnden",
    "Gymnasienämnden",
    "Arbetsmarknadsnämnden",
    "Räddningstjänsten",
    "Överförmyndarnämnden",
    "Valnämnden",
    "Revisionen",
    "Kommunfullmäktige",
    "Finansförvaltningen",
    "Pensionskostnader",
    "Avskrivningar",
    "Internränta",
    "Lokalkostnader",
]


@dataclass(frozen=True)
class Shape:
    """What the generated tables look like."""

    columns: int = 8  # year columns
    items: int = 19  # item rows above the Summa
    digits: tuple[int, int] = (6, 7)  # fewest and most digits of an amount
    spread: float = 0.05  # a row's amounts stay within this fraction of each other, as budget lines do
    gaps: float = 0.0  # share of rows without their first one to three years (a new line of the budget)


@dataclass(frozen=True)
class WideTable:
    title: str
    columns: int
    rows: list[tuple[str, list[int | None]]]  # (label, one amount per year column, None when empty)


def header(columns: int) -> str:
    scenarios = (SCENARIOS + ["Plan"] * columns)[:columns]
    return "Belopp tkr  " + "  ".join(f"{s} {FIRST_YEAR + i}" for i, s in enumerate(scenarios))


def swedish(amount: int) -> str:
    """``-1234567`` -> ``-1 234 567``."""
    text = f"{abs(amount):,}".replace(",", " ")
    return f"-{text}" if amount < 0 else text


def _item(rng: random.Random, shape: Shape) -> list[int | None]:
    base = round(10 ** rng.uniform(shape.digits[0] - 1, shape.digits[1]))
    step = int(base * shape.spread)
    values: list[int | None] = [max(1, base + rng.randint(-step, step)) for _ in range(shape.columns)]
    if rng.random() < shape.gaps:
        empty = rng.randint(1, min(3, shape.columns - 1))
        values[:empty] = [None] * empty
    return values


def make_table(rng: random.Random, title: str, shape: Shape) -> WideTable:
    """``shape.items`` rows of amounts, then their ``Summa``."""
    labels = (ITEM_LABELS * (shape.items // len(ITEM_LABELS) + 1))[: shape.items]
    rows = [(label, _item(rng, shape)) for label in labels]
    totals: list[int | None] = [sum(values[c] or 0 for _, values in rows) for c in range(shape.columns)]
    return WideTable(title, shape.columns, [*rows, ("Summa", totals)])


def render(tables: list[WideTable]) -> str:
    """A text document: the municipality, then each table with a title, header and a comment."""
    out = [
        "Linköpings kommun",
        "Budget 2024 med plan 2025-2029 för Linköpings kommun",
        "",
        "Kommunfullmäktige beslutade budgeten i november 2023.",
        "",
    ]
    for table in tables:
        out += [table.title, "", header(table.columns)]
        for label, values in table.rows:
            out.append(f"{label} " + " ".join(swedish(v) for v in values if v is not None))
        out += ["", "Kommentar till tabellen följer i löptexten nedan och berör inte beloppen.", ""]
    return "\n".join(out) + "\n"


def write_document(path: Path, tables: int = 3, seed: int = 13, shape: Shape = Shape()) -> list[WideTable]:
    """Write ``tables`` tables of ``shape`` to ``path``; returns them (the truth)."""
    rng = random.Random(seed)
    made = [make_table(rng, f"Tabell {i + 1}. Driftbudget per nämnd", shape) for i in range(tables)]
    path.write_text(render(made), encoding="utf-8")
    return made
