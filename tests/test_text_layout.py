"""Tables in a text laid out in columns (as ``pdftotext -layout`` lays out a page), and the
best-first search for a row's readings (extract/rows.py). The table is Äldrenämnden's
``Intäkter och kostnader`` of bench/office_pdfs.py's budget, as its text layer prints it."""

from __future__ import annotations

import random

from extract.metadata import MetaOverrides
from extract.numbers import groupings
from extract.pipeline import extract_document
from extract.readers import read_text
from extract.rows import (
    ColumnLayout,
    _money_prior,
    _placements,
    text_readings,
)
from extract.settings import DEFAULT_SETTINGS, ExtractionSettings

HEAD = " " * 46 + "  ".join(f"{w:>10}" for w in ("Utfall", "Budget", "Budget", *["Plan"] * 5))
YEARS = " " * 46 + "  ".join(f"{y:>10}" for y in range(2022, 2030))
ROWS = {
    "Statsbidrag": "−26 787 −28 075 −28 960 −28 760 −28 378 −28 715 −30 219 −31 445",
    "Taxor och avgifter": "−33 911 −35 020 −35 276 −37 297 −37 866 −39 420 −40 052 −40 900",
    "Personalkostnader": "331 302 343 341 357 519 366 198 373 711 388 262 392 307 401 795",
    "Lokalkostnader": "19 970 20 232 20 099 20 025 19 697 20 826 21 397 22 055",
    "Köp av verksamhet": "45 433 47 383 49 669 49 083 48 164 47 596 50 443 50 372",
    "Övriga kostnader": "38 230 39 326 39 988 40 714 39 938 41 483 43 453 43 931",
    "Summa nettokostnad": "374 237 387 187 403 039 409 963 415 266 430 032 437 329 445 808",
}


def cells(values: str) -> list[str]:
    parts = values.split()
    return [" ".join(parts[i : i + 2]) for i in range(0, len(parts), 2)]


def laid_out(label: str, values: str) -> str:
    return f"{label:<46}" + "  ".join(f"{c:>10}" for c in cells(values))


def test_a_caption_of_column_words_over_a_header_laid_out_in_columns(tmp_path):
    """The caption's words are column words (Intäkter, kostnader), but it is one phrase over a
    header whose columns stand apart; the scenario line, with a stub, is wider than any header
    line of single-spaced words (142 characters) and is the header all the same."""
    text = "\n".join(
        [
            "Intäkter och kostnader",
            "Belopp i tkr",
            "Verksamhet" + HEAD[10:],
            YEARS,
            *(laid_out(label, values) for label, values in ROWS.items()),
            "",
        ]
    )
    path = tmp_path / "budget.txt"
    path.write_text(text, encoding="utf-8")
    result = extract_document(path, MetaOverrides(municipality="Uppsala", base_year=2024))
    (table,) = result.tables
    assert table.title == "Intäkter och kostnader"
    assert [(c.scenario_as_printed, c.fiscal_year) for c in table.columns] == [
        ("Utfall", 2022),
        ("Budget", 2023),
        ("Budget", 2024),
        *(("Plan", y) for y in range(2025, 2030)),
    ]
    read = {r.label: [c.value_as_printed for c in r.cells] for r in table.rows}
    assert read == {label: cells(values) for label, values in ROWS.items()}


def test_a_number_never_spans_a_run_of_spaces():
    line = read_text(laid_out("Personalkostnader", ROWS["Personalkostnader"]).encode(), "x.txt").lines[0]
    readings = text_readings(line, ColumnLayout(8), DEFAULT_SETTINGS, values_only=False)
    assert [v.text for v in readings[0].values] == cells(ROWS["Personalkostnader"])
    # Each cell may still be two numbers (331 | 302), but then the row has more than 8 cells.
    assert len(readings) == 1


def every_reading(text: str, layout: ColumnLayout, first: int) -> list[tuple]:
    """Every reading of a row of single-spaced tokens, listed and sorted as before the search:
    each cut (numbers.groupings' order), each placement, the sort stable."""
    tokens = text.split()[first:]
    listed = []
    for grouping in groupings(tokens, layout.n):
        for cols, _method, bonus in _placements(grouping, layout, None):
            listed.append((bonus + _money_prior(list(grouping)), tuple(v.text for v in grouping), cols))
    listed.sort(key=lambda r: -r[0])
    return listed


def test_the_search_lists_the_readings_of_sorting_every_reading():
    """Best first, in the order a stable sort of every reading gives (ties included), for rows
    of 2-4 columns whose every reading the old enumeration could list."""
    rng = random.Random(13)
    settings = ExtractionSettings(max_readings_per_row=10_000)
    for _ in range(120):
        n = rng.choice((2, 3, 4))
        numbers = [
            rng.choice((rng.randint(1, 99), rng.randint(100, 999_999))) for _ in range(rng.randint(1, n))
        ]
        text = " ".join(f"{x:,}".replace(",", " ") for x in numbers)
        layout = ColumnLayout(n)
        line = read_text(f"Rad {text}".encode(), "x.txt").lines[0]
        got = [
            (r.prior, tuple(v.text for v in r.values), r.columns)
            for r in text_readings(line, layout, settings, values_only=False)
            if r.label_end == 1
        ]
        assert got == every_reading(f"Rad {text}", layout, 1), text


def test_a_label_keeps_a_number_only_when_the_row_cannot_be_read_in_full_otherwise():
    """``Lokalkostnader, Stadshuset & Ågatan 40 10 753 11 589`` in two columns: no reading from
    40 on fills both, so the label keeps 40 (or 40 10), and then the rest must fill the row."""
    line = read_text("Lokalkostnader, Stadshuset & Ågatan 40 10 753 11 589".encode(), "x.txt").lines[0]
    readings = text_readings(line, ColumnLayout(2), DEFAULT_SETTINGS, values_only=False)
    assert [v.text for v in readings[0].values] == ["10 753", "11 589"]
    assert readings[0].label_end == 5
    assert all(r.label_end in (5, 6) and r.columns == (0, 1) for r in readings)
    assert readings[0].prior == max(r.prior for r in readings)
