"""A short, seeded fuzz run: corpus tables with random digit-free noise lines inserted.

The extractor may read a table differently with noise in it (a blank line can end a table,
a stray word can become a heading); it must not crash, and no value may come from a noise
line: every cell, indicator value and amount in text still points at a line of the original
document that prints it.
"""

from __future__ import annotations

import random

import pytest

from extract.numbers import is_numeric_token
from tests.support.corpus import DOCS, corpus_result, extract_text

VOCABULARY = [
    "Budget",
    "Plan",
    "Utfall",
    "Prognos",
    "Summa",
    "Varav:",
    "varav",
    "Nettokostnad",
    "Intäkter",
    "Kostnader",
    "tkr",
    "mnkr",
    "(tkr)",
    "Belopp",
    "Driftsammandrag",
    "Investeringar",
    "Verksamhet",
    "Kommunstyrelsen",
    "nämnden",
    "och",
    "för",
    "av",
    "Kommentar:",
    "Ökning",
    "Minskning",
    "Not:",
    "Källa:",
    "Kolada",
    "%",
    "/",
    "&",
    "(",
    ")",
    ":",
    ";",
    ".",
    ",",
    "*",
    "**",
    "Totalt",
    "Övrigt",
    "lägre",
    "högre",
    "än",
    "Mål",
    "Indikator",
    "Målvärde",
    "Kvinnor",
    "Män",
]
ROUNDS = {"linkoping_valnamnden": 40, "lulea_ks": 25, "nykoping_klk": 40, "linkoping_ks": 12}


def noise_line(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return " " * rng.randint(0, 3)  # blank lines end tables and headers
    words = [rng.choice(VOCABULARY) for _ in range(rng.randint(1, 6))]
    line = " ".join(words) + (" " if rng.random() < 0.5 else "")
    assert not any(ch.isdigit() for ch in line) and not any(is_numeric_token(w) for w in words)
    return line


def value_regions(key: str) -> list[tuple[int, int]]:
    """Line ranges (1-based, inclusive) of every table and indicator region of a corpus document."""
    r = corpus_result(key)
    regions = []
    for t in r.tables:
        lines = [c.source_line for row in t.rows for c in row.cells] + [
            row.label_first_line for row in t.rows
        ]
        regions.append((min(lines), max(lines)))
    for ir in r.indicator_regions:
        regions.append((ir.first_line, ir.last_line))
    return regions


@pytest.mark.parametrize("key", sorted(ROUNDS))
def test_noise_lines_crash_nothing_and_invent_no_value(tmp_path, key):
    from tests.support.corpus import CORPUS

    original = (CORPUS / DOCS[key]).read_text(encoding="utf-8").split("\n")
    regions = value_regions(key)
    assert regions
    baseline = corpus_result(key)
    for round_no in range(ROUNDS[key]):
        rng = random.Random(f"{key}-{round_no}")
        lines = list(original)
        origin: list[int | None] = list(range(1, len(original) + 1))  # new index -> original line
        for _ in range(rng.randint(1, 8)):
            first, last = rng.choice(regions)
            at = rng.randint(max(first - 4, 0), min(last + 1, len(lines)))
            # Map the original-line position to where it now is (earlier insertions shifted it).
            where = next((i for i, o in enumerate(origin) if o is not None and o > at), len(lines))
            lines.insert(where, noise_line(rng))
            origin.insert(where, None)
        result = extract_text(tmp_path, "\n".join(lines), name=DOCS[key])

        values = [
            (c.source_line, c.source_line, c.value_as_printed)
            for t in result.tables
            for row in t.rows
            for c in row.cells
        ]
        # An indicator value may continue on the next line ("466" / "(ovägt medel)").
        values += [(v.source_line, v.source_last_line, v.value_as_printed) for v in result.indicators]
        values += [
            (n.source_line, n.source_line, n.value_as_printed.split(" ")[0]) for n in result.narratives
        ]
        for first, last, printed in values:
            source = origin[first - 1]
            assert source is not None, f"round {round_no}: {printed!r} read from noise line {first}"
            printed_on = [original[o - 1] for o in origin[first - 1 : last] if o is not None]
            assert printed.split(" ")[0] in original[source - 1], f"round {round_no}: {printed!r}"
            on = " ".join(printed_on)
            assert all(token in on for token in printed.split()), f"round {round_no}: {printed!r}"
        # Noise may change how a table reads, but not how many amounts the running text holds.
        assert len(result.narratives) == len(baseline.narratives), f"round {round_no}"
