"""Row reading (extract/rows.py) and the table's arithmetic (extract/constraints.py), on rows as
printed. Values are typed from the documents they come from."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.constraints import Arithmetic, Slot
from extract.readers import read_text
from extract.resolve import TableResolver
from extract.rows import (
    ColumnLayout,
    cell_readings,
    cut_label_digits,
    lone_note,
    text_readings,
    writes_thousands_apart,
)
from extract.settings import DEFAULT_SETTINGS


def line(text: str):
    return read_text(text.encode(), "x.txt").lines[0]


def best(text: str, layout: ColumnLayout) -> list[tuple[int, str]]:
    r = text_readings(line(text), layout, DEFAULT_SETTINGS, values_only=False)[0]
    return list(zip(r.columns, (v.text for v in r.values), strict=True))


NOT_AND_FOUR = ColumnLayout(5, frozenset({0}))  # Not, then four years (kommun 2018 2019, koncern 2018 2019)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Verksamhetens kostnader 2, 3, 17 -39 658 -41 140 -50 016 -51 646",
            [(0, "2, 3, 17"), (1, "-39 658"), (2, "-41 140"), (3, "-50 016"), (4, "-51 646")],
            id="a list of notes",
        ),
        pytest.param(
            "Avskrivningar 4,5 -1 490 -1 639 -4 488 -4 613",
            [(0, "4,5"), (1, "-1 490"), (2, "-1 639"), (3, "-4 488"), (4, "-4 613")],
            id="notes 4 and 5, which look like a decimal",
        ),
        pytest.param(
            "Verksamhetens intäkter 1 10 932 11 397 26 287 26 720",
            [(0, "1"), (1, "10 932"), (2, "11 397"), (3, "26 287"), (4, "26 720")],
            id="a note digit before space-grouped thousands",
        ),
        pytest.param(
            "Verksamhetens nettokostnader -30 216 -31 382 -28 217 -29 539",
            [(1, "-30 216"), (2, "-31 382"), (3, "-28 217"), (4, "-29 539")],
            id="no note: the Not column stays empty",
        ),
    ],
)
def test_a_not_column_takes_note_numbers_and_only_them(text, expected):
    assert best(text, NOT_AND_FOUR) == expected


def test_a_short_number_cut_off_a_thousands_group_is_not_a_note():
    # Grästorp: "VERKSAMHETENS RESULTAT 9 163 26 324 13 027 6 618" prints no note; 9 163 is one value.
    assert best("VERKSAMHETENS RESULTAT 9 163 26 324 13 027 6 618", NOT_AND_FOUR) == [
        (1, "9 163"),
        (2, "26 324"),
        (3, "13 027"),
        (4, "6 618"),
    ]


def test_a_sign_set_apart_and_en_dash_negatives():
    # Kramfors: "– Årets resultat – 52,0 31,7 – 53,7 36,7"
    assert best("– Årets resultat – 52,0 31,7 – 53,7 36,7", ColumnLayout(4)) == [
        (0, "– 52,0"),
        (1, "31,7"),
        (2, "– 53,7"),
        (3, "36,7"),
    ]


def test_empty_cells_written_as_one_space_place_a_sparse_row():
    # Nynäshamn: "Övriga intäkter   28,3            ": the first of eight cells empty, then 28,3.
    layout = ColumnLayout(8, spacing_encoded=True)
    assert best("Övriga intäkter   28,3            ", layout) == [(1, "28,3")]
    assert best("varav vatten och avlopp   86,9 – 86,4 0,4 0,0 0,4 0,0 0,4", layout) == [
        (1, "86,9"),
        (2, "– 86,4"),
        (3, "0,4"),
        (4, "0,0"),
        (5, "0,4"),
        (6, "0,0"),
        (7, "0,4"),
    ]


def test_cells_printed_one_per_line_keep_their_places():
    # Värmdö: an empty Not cell, then four values; and a row with its blank cells interleaved
    # between the values (nine cells for five columns): the values fill the year columns.
    layout = ColumnLayout(5, frozenset({0}))
    r = cell_readings([("", 29), ("94 133", 31), ("-6 019", 33), ("98 778", 35), ("4 611", 37)], layout)[0]
    assert list(zip(r.columns, (v.text for v in r.values), r.lines, strict=True)) == [
        (1, "94 133", 31),
        (2, "-6 019", 33),
        (3, "98 778", 35),
        (4, "4 611", 37),
    ]
    cells = [("", 54), ("", 56), ("222 475", 58), ("", 60), ("209 463", 62), ("", 64), ("246 525", 66)]
    cells += [("", 68), ("236 982", 70)]
    r = cell_readings(cells, layout)[0]
    assert [(c, v.text) for c, v in zip(r.columns, r.values, strict=True)] == [
        (1, "222 475"),
        (2, "209 463"),
        (3, "246 525"),
        (4, "236 982"),
    ]


def test_a_percent_cell_is_read_as_a_share():
    (r, *_) = cell_readings([("8,1 %", 94), ("2,0 %", 96)], ColumnLayout(2))
    assert [(v.value, "percent" in v.notes) for v in r.values] == [
        (Decimal("8.1"), True),
        (Decimal("2.0"), True),
    ]


def test_a_table_writes_thousands_apart_when_a_group_starts_with_zero():
    assert writes_thousands_apart([["2", "001", "620", "1226"]])  # Linköping: 2 001 (and 1226 a slip)
    assert not writes_thousands_apart([["1", "3243", "3429", "6535", "6463"]])  # Malmö: no separator at all


# ---- rows a text layer glued together ----------------------------------------------------

# Lund's resultatbudget: Not, Bokslut 2021-2023, Plan 2024-2025, thousands written apart.
LUND = ColumnLayout(6, frozenset({0}), grouped=True)


def cuts(text: str, layout: ColumnLayout, values_only: bool = False) -> set[tuple[str, ...]]:
    readings = text_readings(cut_label_digits(line(text)), layout, DEFAULT_SETTINGS, values_only)
    return {tuple(v.text for v in r.values) for r in readings if r.method == "glued"}


def test_glued_digits_may_be_cut_wherever_the_layer_dropped_a_space():
    # Lund: "6 3636 5267 0037 3197 621" is 6 363 | 6 526 | 7 003 | 7 319 | 7 621, and
    # "3672-31-328" is 367 | 2 | -31 | -32 | 8: a number glued to the one before it is cut too.
    assert ("6 363", "6 526", "7 003", "7 319", "7 621") in cuts("6 3636 5267 0037 3197 621", LUND, True)
    assert ("367", "2", "-31", "-32", "8") in cuts("3672-31-328", LUND, True)


def test_a_label_ends_where_the_glued_numbers_begin():
    # Lund: "utjämning11 0099549801 0381 086" is note 1, then 1 009 | 954 | 980 | 1 038 | 1 086.
    text = "Generella statsbidrag och utjämning11 0099549801 0381 086"
    assert [t.text for t in cut_label_digits(line(text)).tokens][3:5] == ["utjämning", "11"]
    assert ("1", "1 009", "954", "980", "1 038", "1 086") in cuts(text, LUND)


def test_a_word_keeps_its_digits_where_the_numbers_stand_apart():
    # Linköping: "Systemägare Unit4 419 428" is a system's name and two amounts.
    unit4 = line("Systemägare Unit4 419 428")
    assert cut_label_digits(unit4) is unit4


def test_the_arithmetic_chooses_how_glued_rows_are_cut():
    # Lund: Verksamhetens resultat = nettokostnad + skatteintäkter + generella statsbidrag, and
    # Resultat före extraordinära poster = Verksamhetens resultat + the financial items; only one
    # cut of the three glued rows makes both hold (within rounding: -7 479 + 6 526 + 954 = 1 ~ 2).
    rows = [
        ("Verksamhetens nettokostnad", "subtotal", " -7 005 -7 479 -8 014 -8 389 -8 700"),
        ("Skatteintäkter", "item", " 6 3636 5267 0037 3197 621"),
        ("Generella statsbidrag och utjämning", "item", "11 0099549801 0381 086"),
        ("Verksamhetens resultat", "subtotal", " 3672-31-328"),
        ("Finansiella intäkter", "item", " 2 189 206 171 178 185"),
        ("Finansiella kostnader", "item", " 3 -33 -59 -164 -144 -172"),
        ("Finansiella jämförelsestörande poster", "item", " 75 0 0 0 0"),
        ("Resultat före extraordinära poster", "subtotal", " 598 150 -23 2 21"),
    ]
    slots = [
        Slot(
            i, label, role, text_readings(cut_label_digits(line(label + text)), LUND, DEFAULT_SETTINGS, False)
        )
        for i, (label, role, text) in enumerate(rows)
    ]
    assert chosen(slots, LUND)[1:4] == [
        ["6 363", "6 526", "7 003", "7 319", "7 621"],
        ["1", "1 009", "954", "980", "1 038", "1 086"],
        ["367", "2", "-31", "-32", "8"],
    ]


# ---- the table's arithmetic -------------------------------------------------------------


def slot(index: int, label: str, role: str, text: str, layout: ColumnLayout) -> Slot:
    return Slot(index, label, role, text_readings(line(f"{label} {text}"), layout, DEFAULT_SETTINGS, False))


def chosen(slots: list[Slot], layout: ColumnLayout) -> list[list[str]]:
    decisions = TableResolver(slots, layout.n, False, DEFAULT_SETTINGS, layout.notes).resolve()
    return [[v.text for v in d.reading.values] for d in decisions]


def test_subtotals_of_an_income_statement_run_down_the_table():
    # Grästorp's resultaträkning (Not, BUDGET 2020, 2020, 2019, 2018): "Finansiella intäkter
    # 6 656 781 794 1 035" reads Not 6 | 656 | 781 | 794 | 1 035 because Resultat efter
    # finansiella poster = Verksamhetens resultat + finansiella intäkter + finansiella kostnader.
    layout = NOT_AND_FOUR
    slots = [
        slot(0, "VERKSAMHETENS RESULTAT", "subtotal", "9 163 26 324 13 027 6 618", layout),
        slot(1, "Finansiella intäkter", "item", "6 656 781 794 1 035", layout),
        slot(2, "Finansiella kostnader", "item", "7 – 884 20 – 1 778 – 1 541", layout),
        slot(3, "RESULTAT EFTER FINANSIELLA POSTER", "subtotal", "8 935 27 125 12 043 6 112", layout),
    ]
    assert chosen(slots, layout)[1] == ["6", "656", "781", "794", "1 035"]


def test_notes_follow_each_other_down_the_not_column():
    # Kramfors: the sum places notes 23 and 24; "Borgensåtaganden 25 909,7 862,1 0,6 0,8" below
    # them reads note 25, not 25 909,7, though no sum covers it.
    layout = ColumnLayout(6, frozenset({0, 3}))
    slots = [
        slot(0, "Långfristiga skulder", "item", "23 166,9 132,4 15 1 036,2 944,6", layout),
        slot(1, "Kortfristiga skulder", "item", "24 299,6 292,1 16 302,2 310,7", layout),
        slot(2, "Summa skulder", "total", "466,4 424,5 1 338,4 1 255,3", layout),
        slot(3, "Borgensåtaganden", "item", "25 909,7 862,1 0,6 0,8", layout),
    ]
    assert chosen(slots, layout)[3] == ["25", "909,7", "862,1", "0,6", "0,8"]


def test_a_total_may_not_leave_out_a_column_its_items_fill():
    # Two readings of a total fail its sum alike; reading two of its numbers as one to have a
    # column fewer to fail is no way out (Malmö's PERIODENS RESULTAT 154 193 323 365).
    layout = ColumnLayout(4)
    slots = [
        slot(0, "A", "item", "100 200 300 400", layout),
        slot(1, "B", "item", "10 20 30 40", layout),
        slot(2, "Summa", "total", "111 221 333 444", layout),
    ]
    arith = Arithmetic(slots, 4, False)
    merged = next(r for r in slots[2].readings if len(r.values) == 3)
    full = slots[2].readings[0]
    assert len(full.values) == 4
    assert arith.local_fn(2, [s.readings[0] for s in slots])(full) > arith.local_fn(
        2, [s.readings[0] for s in slots]
    )(merged)


@pytest.mark.parametrize(
    ("tokens", "note"),
    [
        (["19"], "19"),
        (["22,23"], "22,23"),
        (["10,", "22"], "10, 22"),
        (["0"], None),  # notes are numbered from 1
        (["4", "5"], None),  # two numbers, not one note
        (["1", "026,1"], None),
        (["2024"], None),
    ],
)
def test_a_rows_only_number_is_a_note_reference_when_it_is_one_note_like_number(tokens, note):
    assert lone_note(tokens) == note


def test_a_dash_against_a_number_is_its_sign_where_a_note_could_stand():
    # "Övriga justeringar 3 – 4,2 1,0 2,5" under Not + four years fills every column either as
    # note 3, an empty cell and +4,2, or without a note as 3 | – 4,2 | 1,0 | 2,5. A dash one
    # space before a number is how the row prints a negative.
    assert best("Övriga justeringar 3 – 4,2 1,0 2,5", NOT_AND_FOUR) == [
        (1, "3"),
        (2, "– 4,2"),
        (3, "1,0"),
        (4, "2,5"),
    ]


def test_a_dash_set_apart_by_more_than_a_space_is_an_empty_cell():
    # "Nedskrivning −  − 5 −  − 5": the dashes two spaces before the next cell are empty cells.
    assert best("Nedskrivning −  − 5 −  − 5", ColumnLayout(4)) == [
        (0, "−"),
        (1, "− 5"),
        (2, "−"),
        (3, "− 5"),
    ]
