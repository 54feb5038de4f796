"""Units printed per row (extract/units.py, extract/body.py): a unit in a row's label governs that
row. Money rows are read in their own unit; rows whose values are not money (a percentage, kronor
per inhabitant, a count, the population, the tax rate) are key figures, never amounts. The tables
are typed for these tests in the layouts Swedish key-figure pages print (one cell per line, each
row's unit in its label; a unit column after a comma), with numbers that add up."""

from __future__ import annotations

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
