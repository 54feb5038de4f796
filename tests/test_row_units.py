"""Units printed per row (extract/units.py, extract/body.py): a unit in a row's label governs that
row. Money rows are read in their own unit; rows whose values are not money (a percentage, kronor
per inhabitant, a count, the population, the tax rate) are key figures, never amounts. The tables
are typed for these tests in the layouts Swedish key-figure pages print (one cell per line, each
row's unit in its label; a unit column after a comma), with numbers that add up."""

from __future__ import annotations

import pytest

from extract.units import label_unit, row_value_unit
from tests.support.corpus import cells_by_label, extract_text

# A five-year summary as a web page prints it: one cell per line, years descending, each row's
# unit in its label, the municipality's table and then the group's under its own caption.
# Årets resultat = Skatteintäkter och statsbidrag + Verksamhetens nettokostnader + Finansnetto.
KEY_FIGURES = """Nyckeltal i sammandrag

Här är ekonomisk statistik för kommunen och koncernen 2020–2022.

Kommunen

2022

2021

2020

Invånare 31 december

61 204

60 877

60 310

Skattesats (kr)

21,60

21,60

21,35

Verksamhetens nettokostnader (mnkr)

−3 210

−3 105

−2 990

Skatteintäkter och statsbidrag (mnkr)

3 260

3 150

3 020

Finansnetto (mnkr)

−10

5

−12

Årets resultat (mnkr)

40

50

18

Nettokostnadsandel (% av skatteintäkter)

98

99

99

Låneskuld per invånare (kr)

24 510

25 020

25 770

Anställda (antal)

4 812

4 790

4 701


Koncernen

2022

2021

2020

Årets resultat (mnkr)

96

81

47
"""


def _rows(table):
    return {r.label: r for r in table.rows if r.row_type == "values"}


def test_a_label_with_its_unit_is_a_row_of_the_table_not_a_new_table(tmp_path):
    """Each label with its unit, then its values one per line, is one row of the table under the
    years; only the caption over the years printed again (``Koncernen``) starts a second table.
    (Which entity and scenario each column has is the column model's, not asserted here.)"""
    result = extract_text(tmp_path, KEY_FIGURES, base_year=2022)
    assert len(result.tables) == 2
    kommun, koncern = result.tables
    assert [c.fiscal_year for c in kommun.columns] == [2022, 2021, 2020]
    assert cells_by_label(kommun) == {
        "Invånare 31 december": ["61 204", "60 877", "60 310"],
        "Skattesats (kr)": ["21,60", "21,60", "21,35"],
        "Verksamhetens nettokostnader (mnkr)": ["−3 210", "−3 105", "−2 990"],
        "Skatteintäkter och statsbidrag (mnkr)": ["3 260", "3 150", "3 020"],
        "Finansnetto (mnkr)": ["−10", "5", "−12"],
        "Årets resultat (mnkr)": ["40", "50", "18"],
        "Nettokostnadsandel (% av skatteintäkter)": ["98", "99", "99"],
        "Låneskuld per invånare (kr)": ["24 510", "25 020", "25 770"],
        "Anställda (antal)": ["4 812", "4 790", "4 701"],
    }
    assert [c.fiscal_year for c in koncern.columns] == [2022, 2021, 2020]
    assert cells_by_label(koncern) == {"Årets resultat (mnkr)": ["96", "81", "47"]}


def test_each_row_of_a_key_figure_table_is_money_or_not_by_its_own_label(tmp_path):
    """Money rows print mnkr and are amounts in mnkr (value_unit None, label_unit mnkr); the
    population, the tax rate, a share, kronor per inhabitant and a head count are not money,
    whatever unit they print (Skattesats (kr) is kronor per 100 kronor)."""
    kommun = extract_text(tmp_path, KEY_FIGURES, base_year=2022).tables[0]
    units = {label: (r.value_unit, r.label_unit) for label, r in _rows(kommun).items()}
    assert units == {
        "Invånare 31 december": ("not_money", None),
        "Skattesats (kr)": ("not_money", "kr"),
        "Verksamhetens nettokostnader (mnkr)": (None, "mnkr"),
        "Skatteintäkter och statsbidrag (mnkr)": (None, "mnkr"),
        "Finansnetto (mnkr)": (None, "mnkr"),
        "Årets resultat (mnkr)": (None, "mnkr"),
        "Nettokostnadsandel (% av skatteintäkter)": ("percent", "percent"),
        "Låneskuld per invånare (kr)": ("not_money", "kr"),
        "Anställda (antal)": ("not_money", "count"),
    }


# A money table (tkr in its header) whose rows print their own units after a comma.
# Eget kapital 2021 = 2020 + Årets resultat 2021; 2022 likewise.
GROUP_RESULT = """Koncernens resultat

(tkr) 2020 2021 2022
Årets resultat – 2 310 4 120 – 870
Soliditet, % 41 43 40
Nettokostnad i procent av skatteintäkter, % 99 97 101
Investeringar, mnkr 12,5 18,0 9,4
Eget kapital, tkr 310 400 314 520 313 650
"""


def test_one_rule_for_percent_rows_of_a_money_table(tmp_path):
    """``Soliditet, %`` and ``… i procent av …, %`` are both percentages; ``Investeringar,
    mnkr`` is money in mnkr inside a tkr table; a row without a unit of its own takes the table's."""
    t = extract_text(tmp_path, GROUP_RESULT, base_year=2022).tables[0]
    assert t.kind == "budget" and t.unit == "tkr"
    assert cells_by_label(t) == {
        "Årets resultat": ["– 2 310", "4 120", "– 870"],
        "Soliditet, %": ["41", "43", "40"],
        "Nettokostnad i procent av skatteintäkter, %": ["99", "97", "101"],
        "Investeringar, mnkr": ["12,5", "18,0", "9,4"],
        "Eget kapital, tkr": ["310 400", "314 520", "313 650"],
    }
    units = {label: (r.value_unit, r.label_unit) for label, r in _rows(t).items()}
    assert units == {
        "Årets resultat": (None, None),
        "Soliditet, %": ("percent", "percent"),
        "Nettokostnad i procent av skatteintäkter, %": ("percent", "percent"),
        "Investeringar, mnkr": (None, "mnkr"),
        "Eget kapital, tkr": (None, "tkr"),
    }


@pytest.mark.parametrize(
    ("label", "unit"),
    [
        ("Finansnetto (mnkr)", "mnkr"),
        ("Ansvarsförbindelse för pensioner (inklusive löneskatt, mnkr)", "mnkr"),
        ("Nettokostnad (% av skatteintäkter)", "percent"),
        ("Personal (antal årsarbetare)", "count"),
        ("Soliditet, %", "percent"),
        ("Nettokostnadsandel*, %", "percent"),
        ("Nettokostnad, kr per invånare", "kr"),
        ("Soliditet (%)*", "percent"),
        ("Intern ränta (höjs från 1 % till 2 %)", None),  # the units of the numbers in the label
        ("Kommunalskatt per 100 kr", None),
        ("Bidrag, föreningar", None),
        ("Verksamhetens nettokostnader", None),
    ],
)
def test_the_unit_a_label_prints_for_its_row(label, unit):
    found = label_unit(label)
    assert (found.unit if found is not None else None) == unit


@pytest.mark.parametrize(
    ("label", "money_table", "value_unit"),
    [
        ("Kommunalskatt per 100 kr", True, "not_money"),  # a tax rate
        ("Folkmängd 31 december", True, "not_money"),
        ("Skulder per invånare (kr)", True, "not_money"),  # kronor per inhabitant outweighs kr
        ("Nettoinvesteringar (mnkr)", True, None),
        ("Nettoinvesteringar (mnkr)", False, None),  # money by its own unit among key figures
        ("Elever i grundskolan", False, "not_money"),  # a key figure's row says no money unit
        ("Elever i grundskolan", True, None),  # a money table's row is money unless it says not
        ("Soliditet, %", True, "percent"),
        ("Nettokostnad, kr per invånare", True, "not_money"),
    ],
)
def test_whether_a_row_is_money(label, money_table, value_unit):
    assert row_value_unit(label, (), money_table) == value_unit
