"""Exact cells of the corpus's tables, typed by reading the documents (not by running the code).

Each expected table lists every printed value of its rows by column, '' where the document
prints nothing. A cell the code adds, drops, moves or changes fails the test.
"""

from __future__ import annotations

import pytest

from tests.support.corpus import cells_by_label, expected, table

# ---- Linköping, Valnämnden, Internbudget 2024 ------------------------------------------------

VALNAMNDEN_EKONOMI = """
Verksamhetens nettokostnader | 5 378 | 1 123 | 5 417 | 1 123 | 1 123 | 5 541
Investeringar, netto | 0 | 0 | 0 | 0 | 0 | 0
"""

# Lines 336-351. Note the U+2212 minus signs in the budget columns and the hyphen in 2022.
VALNAMNDEN_DRIFT = """
Statsbidrag Valmyndigheten | -4 569 | 0 | \u22123 455 | 0 | \u22123 455 | 0 | 0 | \u22123 455
Personalkostnader | 2 001 | 620 | 1226 | 699 | 1 265 | 699 | 699 | 1 389
Arvoden ledamöter | 406 | 113 | 300 | 116 | 300 | 116 | 116 | 300
Ersättning röstmottagare | 4 872 | 0 | 4 907 | 0 | 4 907 | 0 | 0 | 4 907
Valmaterial | 146 | 0 | 150 | 0 | 150 | 0 | 0 | 150
Lokalkostnader vallokaler, förråd m m | 522 | 273 | 550 | 273 | 550 | 273 | 273 | 550
Transport | 763 | 0 | 600 | 0 | 600 | 0 | 0 | 600
IT och teletjänster | 214 | 35 | 200 | 35 | 200 | 35 | 35 | 200
Administrativa tjänster | 174 | 43 | 500 | 0 | 500 | 0 | 0 | 500
Kommunikation | 315 | 0 | 300 | 0 | 300 | 0 | 0 | 300
Övriga kostnader | 191 | 0 | 100 | 0 | 100 | 0 | 0 | 100
Summa nämndens internbudget | 5 035 | 1 084 | 5 378 | 1 123 | 5 417 | 1 123 | 1 123 | 5 541
varav intäkter | -4 569 | 0 | \u22123 455 | 0 | \u22123 455 | 0 | 0 | \u22123 455
varav kostnader | 9 604 | 1 084 | 8 833 | 1 123 | 8 872 | 1 123 | 1 123 | 8 996
"""


def test_valnamnden_tables(corpus):
    r = corpus("linkoping_valnamnden")
    assert [t.title for t in r.tables] == ["Ekonomi", "Driftsammandrag"]
    eko = table(r, "Ekonomi")
    assert eko.unit == "tkr" and eko.unit_phrase == "Belopp tkr"
    assert [(c.fiscal_year, c.scenario_as_printed) for c in eko.columns] == [
        (2024, "Budget"),
        (2025, "Plan"),
        (2026, "Plan"),
        (2027, "Plan"),
        (2028, "Plan"),
        (2029, "Plan"),
    ]
    assert cells_by_label(eko) == expected(VALNAMNDEN_EKONOMI, 6)
    drift = table(r, "Driftsammandrag")
    # The header says mnkr over values that are tkr (the Ekonomi table prints 5 378 tkr for
    # 2024): the raw layer keeps what the header says; the warehouse's unit check reports it.
    assert drift.unit == "mnkr"
    assert [(c.fiscal_year, c.scenario_as_printed) for c in drift.columns] == [
        (2022, "Utfall"),
        (2023, "Budget"),
        (2024, "Budget"),
        (2025, "Plan"),
        (2026, "Plan"),
        (2027, "Plan"),
        (2028, "Plan"),
        (2029, "Plan"),
    ]
    assert cells_by_label(drift) == expected(VALNAMNDEN_DRIFT, 8)
    personal = next(row for row in drift.rows if row.label == "Personalkostnader")
    assert personal.source_line == 337 and not personal.split_ambiguous


# ---- Linköping, Kommunstyrelsen, Internbudget 2024 -------------------------------------------

KS_EKONOMI = """
Nettokostnader KS/KLF | 666,8 | 673,7 | 680,0 | 677,2 | 678,2 | 679,1
varav kostnader | 718,9 | 723,7 | 730,0 | 727,2 | 728,2 | 729,1
varav intäkter | 52,1 | 50,0 | 50,0 | 50,0 | 50,0 | 50,0
Investeringar, netto KS/KLF | 236,7 | 166,7 | 166,7 | 166,7 | 166,7 | 166,7
Nettokostnader VSS | 0 | 0 | 0 | 0 | 0 | 0
varav kostnader | 632,3 | 647,3 | 663,9 | 679,9 | 696,2 | 712,6
varav intäkter | 632,3 | 647,3 | 663,9 | 679,9 | 696,2 | 712,6
Investeringar, netto, VSS | 60,8 | 60,0 | 60,0 | 60,0 | 60,0 | 60,0
Nettokostnader Leanlink | 0 | 0 | 0 | 0 | 0 | 0
varav kostnader | 1 597 | 1 637 | 1 678 | 1 720 | 1 763 | 1 807
varav intäkter | 1 597 | 1 637 | 1 678 | 1 720 | 1 763 | 1 807
Investeringar netto Leanlink | 4 400 | 4 400 | 4 400 | 4 400 | 4 400 | 4 400
"""

# Lines 615-720. Change rows fill only the budget/plan years; where they sit is confirmed by the
# document's own text (lines 737-797): Ostlänken 2024-2025, Bergs slussar 2024/2025/2026,
# räddningsövningsfält from 2025, Ljungsbro from 2026, Leader Folkungaland from 2025.
KS_DRIFT = """
Kommunstyrelsen | 24,2 | 28,1 | 30,2 | 30,2 | 30,2 | 30,2 | 30,2 | 30,2
Utökning budgetram pol sekreterare | | | 1,7 | 1,7 | 1,7 | 1,7 | 1,7 | 1,7
Övrigt inkl pris och lön | | | 0,3 | | | | |
Kommungemensamt | 206,0 | 260,3 | 297,1 | 306,8 | 309,9 | 310,1 | 307,3 | 310,8
Ostlänken, plankostnader | | | 1,6 | 1,6 | | | |
Intern ränta (höjs från 1 % till 2 %) | | | 20,8 | 21,1 | 21,4 | 21,7 | 22,0 | 22,3
Ostlänken, budgetöverföring till MoS | | | -3,0 | -2,9 | -1,4 | | |
RTÖG höjd medlemsavgift** | | | 0,2 | 1,0 | 0,7 | 0,2 | 0,2 | 0,2
RTÖG ökad pensionsavsättning** | | | 0,3 | 0,1 | 0,4 | 0,4 | 0,4 | 0,4
RTÖG justering ny räddningsstation Ljungsbro** | | | | | 2,5 | 2,5 | 2,5 | 2,5
RTÖG räddningsövningsfält* | | | | 3,6 | 3,6 | 3,6 | 3,6 | 3,6
RTÖG, räddningsstation Ljungsbro* | | | | | 0,5 | 0,5 | 0,5 | 0,5
Övrigt inkl pris och lön | | | 5,3 | | | | |
Kommunledningsstaben | 87,9 | 103,6 | 113,2 | 113,8 | 114,4 | 115,0 | 115,6 | 116,2
Kapitalkostn investeringar civilt försvar | | | 3,1 | 3,7 | 4,3 | 4,9 | 5,5 | 6,1
Trygghetssatsningar, budgetöverföring till social & omsorgsnämnden & samhällsbyggnadsnämnden | | | -2,4 | -2,4 | -2,4 | -2,4 | -2,4 | -2,4
Övrigt inkl pris och lön | | | 3,3 | | | | |
Planeringsstaben | 35,4 | 40,7 | 41,4 | 41,7 | 41,7 | 41,7 | 41,7 | 41,7
E-arkiv, budgetöverföring nämnder | | | 0,2 | 0,2 | 0,2 | 0,2 | 0,2 | 0,2
Utökad avgift Leader Folkungaland** | | | | 0,3 | 0,3 | 0,3 | 0,3 | 0,3
Övrigt inkl pris och lön | | | 0,6 | | | | |
Näringsliv- och tillväxtstaben | 43,0 | 42,5 | 44,9 | 44,4 | 43,9 | 43,4 | 43,4 | 43,4
Driftsbidr. besökscenter Bergs slussar** | | | 1,5 | 1,0 | 0,5 | | |
Övrigt inkl pris och lön | | | 0,9 | | | | |
Ekonomistaben | 26,1 | 34,0 | 34,8 | 34,8 | 34,8 | 34,8 | 34,8 | 34,8
Övrigt inkl pris och lön | | | 0,7 | | | | |
HR-staben | 64,5 | 50,2 | 50,2 | 47,1 | 50,2 | 47,1 | 50,2 | 47,1
HR specialister (budgetöverföring till Social- & omsorgsnämnden, barn- & ungdomsnämnden, bildningsnämnden, kultur- och fritidsnämnden, samt integration- & arbetsmarknadsnämnden) | | | -4,4 | -4,4 | -4,4 | -4,4 | -4,4 | -4,4
Medarbetarfest vartannat år* | | | 3,1 | 0 | 3,1 | 0 | 3,1 | 0
Övrigt inkl pris och lön | | | 1,1 | | | | |
Kommunikations- & utveckl staben | 67,6 | 59,1 | 55,1 | 55,1 | 55,1 | 55,1 | 55,1 | 55,1
Kontakt Linköping (budgetöverföring mellan nämnder) | | | -5,2 | -5,2 | -5,2 | -5,2 | -5,2 | -5,2
Övrigt inkl pris och lön | | | 1,2 | | | | |
Summa nämndens internbudget | 554,9 | 618,5 | 666,8 | 673,7 | 680,0 | 677,2 | 678,2 | 679,1
varav intäkter | 83,9 | 52,2 | 52,2 | 50,0 | 50,0 | 50,0 | 50,0 | 50,0
varav kostnader | 638,8 | 670,7 | 718,9 | 723,7 | 730,0 | 727,2 | 728,2 | 729,1
"""

KS_KOMMUNSTYRELSEN = """
Kommunstyrelsen (arvoden m m) | 3 638 | 3 675
Kommunalråden (arvoden m m) | 11 020 | 11 788
KS gemensamt (lokaler, datorer admin m m) | 2 273 | 2 384
Politiska sekreterare | 8 300 | 10 000
Arvoden Stadshus AB | 320 | 420
Datorer till förtroendevalda | 1 858 | 1 897
Summa kommunstyrelsen | 28 143 | 30 164
varav intäkter | -3 971 | -3 501
varav kostnader | 32 114 | 33 665
"""

# Lines 849-873. Three label lines share one amount (25 314): they land as one row.
KS_KOMMUNGEMENSAMT = """
Räddningstjänstverksamhet (RTÖG medl avg mm) | 121 678 | 124 112
Flygplatsen (Linköping City Airport, flygplatstjänst) | 44 247 | 45 132
Idrotts och friluftsanläggningar | 9 267 | 12 652
Ny simhall | 42 448 | 75 411
Översiktsplanering (uppdrag till MOS) | 3 879 | 3 957
Infrastruktur | 4 250 | 1 957
Avskrivningar och ränta på fastigheter | 4 360 | 4 447
Samordningsförbundet Centrala Ö-götland SKR; Sv Kommuner & Regioner, förb avg Östergötlands museum & övrigt gemensamt | 25 314 | 24 483
Kontakt Linköping, KS medfinanisering m m | 4 875 | 4 973
Summa kommungemensamt | 260 318 | 297 124
varav intäkter | -3 100 | -3 162
varav kostnader | 263 418 | 300 286
"""

# Lines 903-942: "Ågatan 40" is part of the label; 10 753 is its 2023 budget.
KS_KOMMUNLEDNINGSSTABEN = """
Förvaltningschefer, personalkostnader | 31 955 | 32 593
Säkerhetssamordnare VSS och Lejonfastigheter | 1 700 | 1 734
Kapitalkostnader, civilt försvar och säk anpassningar | 6 000 | 12 220
Personalkostnader | 1 615 | 1 647
Förvaltningsövergripande HR | 917 | 935
Enhetschefer Kommunledningsstaben | 1 813 | 1 849
Personalkostnader | 5 609 | 5 722
Porto och posttjänster | 500 | 510
Lokalkostnader, Stadshuset & Ågatan 40 | 10 753 | 11 589
Gem kostnader, data, telefoni, material, avskr, räntor | 5 617 | 5 900
Personalkostnader | 3 260 | 4 125
Juridiska utredningar, licenser, utvecklingsmedel etc | 607 | 669
Personalkostnader | 13 576 | 13 456
Säkerhetsskydd och signalskydd | 642 | 655
Civil beredskap | 2 240 | 2 355
ers MSB intäkt | -4 800 | -4 800
Intern säkerhet | 11 228 | 11 453
Trygghet och brottsförebyggande | 9 808 | 10 004
Gemensamma enhetskostnader | 534 | 545
Summa kommunledningsstab | 103 574 | 113 161
varav intäkter | -11 444 | -11 169
varav kostnader | 115 018 | 124 329
"""

KS_INVESTERINGAR = """
varav KS, KLF | 1,7 | 1,7 | 1,7 | 1,7 | 1,7 | 1,7 | 1,7
varav VSS | 60,5 | 60,8 | 60,0 | 60,0 | 60,0 | 60,0 | 60,0
varav Leanlink | 4,4 | 4,4 | 4,4 | 4,4 | 4,4 | 4,4 | 4,4
KS ny simhall | 150,7 | 0 | 0 | 0 | 0 | 0 | 0
KS strategisk markreserv | 150 | 150 | 150 | 150 | 150 | 150 | 150
KS civilt försvar | 52,6 | 65 | 15 | 15 | 15 | 15 | 15
KS egenägda fastigheter | 0 | 20 | 0 | 0 | 0 | 0 | 0
Summa investeringar | 419,0 | 301,9 | 231,1 | 231,1 | 231,1 | 231,1 | 231,1
varav inkomster | 0 | 0 | 0 | 0 | 0 | 0 | 0
varav utgifter | 419,9 | 301,9 | 231,1 | 231,1 | 231,1 | 231,1 | 231,1
"""


def test_linkoping_ks_summary_and_operating_tables(corpus):
    r = corpus("linkoping_ks")
    titles = [t.title for t in r.tables]
    assert titles[:3] == ["Ekonomi", "Driftsammandrag", "Kommunstyrelsen (tkr)"]
    assert cells_by_label(table(r, "Ekonomi")) == expected(KS_EKONOMI, 6)
    drift = table(r, "Driftsammandrag")
    assert drift.unit == "mnkr" and drift.unit_phrase == "Nettokostnad, belopp mnkr"
    assert cells_by_label(drift) == expected(KS_DRIFT, 8)


def test_linkoping_ks_detail_tables(corpus):
    r = corpus("linkoping_ks")
    assert cells_by_label(table(r, "Kommunstyrelsen (tkr)")) == expected(KS_KOMMUNSTYRELSEN, 2)
    assert cells_by_label(table(r, "Kommungemensamt (tkr)")) == expected(KS_KOMMUNGEMENSAMT, 2)
    kls = table(r, "Kommunledningsstaben (tkr)")
    assert kls.unit == "tkr"
    assert [(c.fiscal_year, c.scenario_as_printed) for c in kls.columns] == [
        (2023, "Budget"),
        (2024, "Budget"),
    ]
    assert cells_by_label(kls) == expected(KS_KOMMUNLEDNINGSSTABEN, 2)
    headings = [row.label for row in kls.rows if row.row_type == "heading"]
    assert headings == [
        "Kommunledningsstaben",
        "Kommunledning",
        "HR stöd",
        "Administrativt stöd",
        "Juridikenheten",
        "Säkerhetsenheten",
    ]
    inv = table(r, "Investeringar")
    assert inv.unit_phrase == "Investeringar netto, belopp mnkr"
    assert cells_by_label(inv) == expected(KS_INVESTERINGAR, 7)


# Hand-counted printed values per table (label cells excluded): no cell added, none dropped.
CELL_COUNTS = {
    "linkoping_ks": {
        "Ekonomi": 72,
        "Driftsammandrag": 182,
        "Kommunstyrelsen (tkr)": 18,
        "Kommungemensamt (tkr)": 24,
        "Kommunledningsstaben (tkr)": 44,
        "Planeringsstaben (tkr)": 30,
        "Näringsliv och tillväxtstaben (tkr)": 14,
        "Ekonomistaben (tkr)": 32,
        "HR staben (tkr)": 28,
        "Kommunikations- och utvecklingsstaben (tkr)": 44,
        "Investeringar": 70,
        "Personal": 24,
    },
    "linkoping_valnamnden": {"Ekonomi": 12, "Driftsammandrag": 112},
    "lulea_ks": {"1.3 Drift": 48, "1.1 Investeringar": 48},
    "nykoping_klk": {"Kommunledningskontoret": 7},
    "norrkoping_ks": {},
}


@pytest.mark.parametrize("doc", sorted(CELL_COUNTS))
def test_every_printed_value_is_one_cell(corpus, doc):
    r = corpus(doc)
    assert {t.title: sum(len(row.cells) for row in t.rows) for t in r.tables} == CELL_COUNTS[doc]


def test_key_figures_table_has_no_unit_and_keeps_no_value_marks(corpus):
    personal = table(corpus("linkoping_ks"), "Personal")
    assert personal.kind == "key_figures" and personal.unit is None
    rows = cells_by_label(personal)
    assert rows["Total sjukfrånvaro"] == ["2,2", "3.0", "3.0", "3.0", "3.0", "3.0", "3.0", "3.0"]
    avg = next(r for r in personal.rows if r.label == "Externa personalavgångar")
    assert [c.is_no_value for c in avg.cells] == [False] + [True] * 7
    assert all(c.value_numeric is None for c in avg.cells[1:])


# ---- Luleå, KS-Kommunstaben, Verksamhetsplan 2023 ---------------------------------------------

# Lines 418-446. The specified costs fill three of five columns: the 2021-2023 ones, which only
# that placement makes "Summa 250 584 272 398 279 191" equal Nettokostnader.
LULEA_DRIFT = """
Nettokostnader | 250 584 | 272 398 | 279 191 | 281 078 | 283 797
Kommunbidrag | 270 866 | 286 398 | 279 191 | 281 078 | 283 797
Resultat | 20 283 | 14 000 | 0 | 0 | 0
Kommundirektör | 7 471 | 7 529 | 9 038 | |
Planering och Analys | 19 125 | 21 389 | 27 050 | |
Demokrati och Samhälle | 82 116 | 84 152 | 68 111 | |
Personal | 31 591 | 35 901 | 38 859 | |
Innovation och Utveckling | -1 534 | 0 | 0 | |
Service och Support | 67 263 | 67 650 | 70 380 | |
Kommunstaben övergripande | 21 825 | 31 545 | 39 715 | |
Kommunstyrelsens ordförande | 12 282 | 12 153 | 11 687 | |
Kommunfullmäktiges ordförande | 10 400 | 11 977 | 14 351 | |
Pensionärsrådets ordförande | 45 | 102 | 0 | |
Summa | 250 584 | 272 398 | 279 191 | |
"""

# Lines 566-616. Items fill 2023-2025; Markförvärv and Markförsäljning fill 2023-2024, the only
# placement that makes "Summa 77 200 55 500 55 500" hold.
LULEA_INVEST = """
Nettoinvesteringar | 28 300 | 39 300 | 77 200 | 55 500 | 55 500
Infrastruktur gem - 3 år. Utrustning för kommunen: kommunikationsnätverk, datacenter, servers etc. | | | 3 000 | 3 000 | 3 000
Uppgradering växel - 3 år. Uppgradering av utrustning för kommunens telefoniplattform. | | | 500 | 500 | 500
Trådlöst nät som tjänst - 4år. Utrustning för kommunens trådlösa nätverk. | | | 6 000 | 3 000 | 3 000
Dator som tjänst (exkl. Skoldator) - 3 år. Datorer och enheter för kommunens anställda. | | | 20 000 | 20 000 | 20 000
Skoldator som tjänst - 3 år. Datorer och enheter för kommunens elever. | | | 11 000 | 11 000 | 11 000
Administration av lokaler och teknisk utrustning: Mården | | | 18 700 | 0 | 0
Digitala skyltar infarter till Luleå (4st) 2022-2023 | | | 1 000 | 0 | 0
Strategiska markinköp | | | 4 000 | 6 000 | 6 000
Verksamhetssystem Kundcenter | | | 1 000 | 0 | 0
Bredbandsutbyggnad ex samhällsmaster för bättre mobiltäckning | | | 1 000 | 1 000 | 0
Markförvärv övrigt | | | 2 000 | 2 000 |
Markförsäljning/Friköp/fastighetsförsäljning | | | -3 000 | -3 000 |
E-förslag (Kuleå) | | | 2 000 | 2 000 | 2 000
Energieffektiviseringar | | | 10 000 | 10 000 | 10 000
Summa | | | 77 200 | 55 500 | 55 500
"""


def test_lulea_tables(corpus):
    r = corpus("lulea_ks")
    drift = table(r, "1.3 Drift")
    assert drift.unit == "tkr" and drift.unit_phrase == "(Tkr)"
    # "Bokslut 2021", "Prognos 2022", then three years with no scenario word: the warehouse
    # infers budget for the base year 2023 and plan after it.
    assert [(c.fiscal_year, c.scenario_as_printed) for c in drift.columns] == [
        (2021, "Bokslut"),
        (2022, "Prognos"),
        (2023, None),
        (2024, None),
        (2025, None),
    ]
    assert cells_by_label(drift) == expected(LULEA_DRIFT, 5)
    inv = table(r, "1.1 Investeringar")
    assert cells_by_label(inv) == expected(LULEA_INVEST, 5)
    mark = next(row for row in inv.rows if row.label == "Markförvärv övrigt")
    assert mark.alignment_method == "totals" and not mark.alignment_is_guess


def test_lulea_partial_rows_are_decided_by_totals_not_guessed(corpus):
    r = corpus("lulea_ks")
    assert not [i for i in r.issues if i.code in ("alignment_guess", "ambiguous_split")]


def _structure(t) -> dict[str, tuple[str | None, str | None, int]]:
    return {row.label: (row.line_role, row.breakdown, row.group_no) for row in t.rows}


def test_the_structure_a_total_sums_is_landed_with_the_rows(corpus):
    # Linköping KS, Driftsammandrag (lines 615-700): each staff's line is followed by its
    # "Specifikation av förändringar"; "Summa nämndens internbudget" at the foot adds up every
    # staff's line (first column: 24,2 + 206,0 + 87,9 + 35,4 + 43,0 + 26,1 + 64,5 + 67,6 = 554,7,
    # printed 554,9 within rounding), so the changes start no group of their own.
    drift = _structure(table(corpus("linkoping_ks"), "Driftsammandrag"))
    assert drift["Kommunstyrelsen"] == ("item", None, 0)
    assert drift["Specifikation av förändringar"] == ("change_marker", None, 0)
    assert drift["Kommunikations- & utveckl staben"] == ("item", None, 0)
    assert drift["Summa nämndens internbudget"] == ("total", None, 0)
    assert drift["varav intäkter"] == ("of_which", "income", 1)
    assert drift["varav kostnader"] == ("of_which", "cost", 1)
    # Luleå, 1.1 Investeringar: the lines under "Varav:" break down Nettoinvesteringar above it,
    # and the Summa under them adds them up.
    invest = _structure(table(corpus("lulea_ks"), "1.1 Investeringar"))
    assert invest["Nettoinvesteringar"] == ("item", None, 0)
    assert invest["Varav:"] == ("group_heading", None, 1)
    assert invest["Strategiska markinköp"] == ("item", None, 1)
    assert invest["Summa"] == ("total", None, 1)


# ---- Nyköping, Kommunledningskontoret, Grunduppdrag och verksamhetsplan 2024 -----------------

NYKOPING = """
Ekonomiavdelningen | 27,5
HR avdelningen | 49,4
Kommunikation och Kundservice | 33,0
IT-avdelningen | 47,3
Kommundirektör | 4,0
Kommunledningskansli | 43,4
Summa gemensamt | 204,6
"""


def test_nykoping_table_without_year_columns_takes_the_base_year(corpus):
    r = corpus("nykoping_klk")
    assert len(r.tables) == 1
    t = r.tables[0]
    assert t.unit == "mnkr" and t.unit_phrase == "Verksamhet Ersättning, mnkr"
    assert t.years_inferred
    assert [(c.fiscal_year, c.year_is_inferred, c.scenario_as_printed) for c in t.columns] == [
        (2024, True, None)
    ]
    assert cells_by_label(t) == expected(NYKOPING, 1)


# ---- Provenance and the extraction issues ---------------------------------------------------


def test_cells_carry_their_line(corpus):
    r = corpus("linkoping_ks")
    kls = table(r, "Kommunledningsstaben (tkr)")
    row = next(row for row in kls.rows if row.label.startswith("Lokalkostnader, Stadshuset"))
    assert row.source_line == 920 and {c.source_line for c in row.cells} == {920}
    wrapped = next(row for row in kls.rows if row.label.startswith("Kapitalkostnader, civilt"))
    assert (wrapped.label_first_line, wrapped.source_line) == (908, 909)


def test_only_the_change_rows_placed_by_spacing_are_flagged(corpus):
    r = corpus("linkoping_ks")
    warnings = [i for i in r.issues if i.severity == "warning" and i.code != "duplicate_header_year"]
    assert {i.code for i in warnings} == {"alignment_guess"}
    drift = table(r, "Driftsammandrag")
    guessed = {row.source_line for row in drift.rows if row.alignment_is_guess}
    assert {i.source_line for i in warnings} == guessed
    assert len(guessed) == 25
    assert all(row.alignment_method == "spacing" for row in drift.rows if row.alignment_is_guess)


@pytest.mark.parametrize("doc", sorted(CELL_COUNTS))
def test_no_table_amount_is_left_among_the_issues(corpus, doc):
    """Every digit line that did not become a cell has a reason; none is a table row."""
    r = corpus(doc)
    codes = {i.code for i in r.issues}
    assert codes <= {
        "number_in_text",
        "indicator_table",
        "footnote",
        "alignment_guess",
        "no_budget_tables",
        "duplicate_header_year",
        "narrative_not_one_year",  # "en justering med mellan 0,2 och 1,0 mnkr årligen": a range
    }
    assert not [
        i
        for i in r.issues
        if i.code in ("unparsed_row", "row_without_label", "ambiguous_split", "indicator_unparsed")
    ]


def test_the_duplicated_year_in_an_indicator_header_is_reported_not_fixed(corpus):
    # Linköping KS, "Ett Linköping med minskad segregation": the header prints "/värde 2024" twice
    # (lines 1348 and 1353); the second column is presumably 2025, but the document says 2024.
    (issue,) = [i for i in corpus("linkoping_ks").issues if i.code == "duplicate_header_year"]
    assert issue.source_line == 1343 and "2024" in issue.message
