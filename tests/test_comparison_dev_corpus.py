"""Every municipality of the bundled and the development corpus compared, on a warehouse built by
the real CLI (tests/conftest.py built_with_dev_corpus).

Every figure below is typed from the documents in tests/fixtures/corpus_dev (the line and
column named beside it), populations and peer groups from seeds/population.csv and
seeds/municipality_groups.csv (SCB, SKR), and each per-inhabitant figure worked out by hand.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import duckdb
import pytest

from tests.support.corpus import ROOT

# The resultaträkning lines of one year's kommun column, in tkr (mnkr × 1 000), as printed.
GOTEBORG_2019 = {  # goteborg_resultatrakning2019.txt, column Kommunen 2019 (mnkr), lines 6-22
    "verksamhetens_intakter": 11_397_000,
    "verksamhetens_kostnader": -41_140_000,
    "avskrivningar": -1_639_000,
    "verksamhetens_nettokostnader": -31_382_000,
    "skatteintakter": 28_833_000,
    "generella_statsbidrag_och_utjamning": 3_634_000,  # printed "… och utjämningsbidrag"
    "verksamhetens_resultat": 1_085_000,
    "finansiella_intakter": 978_000,
    "finansiella_kostnader": -559_000,
    "resultat_efter_finansiella_poster": 1_504_000,
    "arets_resultat": 1_504_000,
}
GRASTORP_2020 = {  # grastorp_resultatrakning2020.txt, column 2020 (the outcome, tkr), lines 6-17
    "verksamhetens_intakter": 107_793,
    "verksamhetens_kostnader": -428_525,
    "avskrivningar": -15_439,
    "verksamhetens_nettokostnader": -336_171,  # printed VERKSAMHETENS NETTOKOSTNADER
    "skatteintakter": 265_699,
    "generella_statsbidrag_och_utjamning": 96_796,
    "verksamhetens_resultat": 26_324,
    "finansiella_intakter": 781,
    "finansiella_kostnader": 20,  # printed positive; kept as printed
    "resultat_efter_finansiella_poster": 27_125,
    "arets_resultat": 27_125,
}
MALMO_2013 = {  # malmo_resultatrakning2013.txt, column Malmö stad 2013 (Mkr), lines 16 and 20-28
    "verksamhetens_intakter": 3_243_000,
    "verksamhetens_kostnader": -17_225_000,
    "avskrivningar": -745_000,
    "verksamhetens_nettokostnader": -14_548_000,
    "skatteintakter": 10_406_000,
    "generella_statsbidrag_och_utjamning": 4_314_000,  # printed "Generella stadsbidrag och utjämning"
    "finansiella_intakter": 176_000,
    "finansiella_kostnader": -194_000,
    "resultat_efter_finansiella_poster": 154_000,  # printed "Resultat före extraordinära poster"
    "arets_resultat": 154_000,  # printed "PERIODENS RESULTAT" above the header
}
LUND_PLAN_2025 = {  # lund_resultatbudget2023.txt, column Plan 2025 (miljoner kronor)
    "verksamhetens_intakter": 2_006_000,
    "verksamhetens_kostnader": -10_296_000,
    "avskrivningar": -410_000,
    "verksamhetens_nettokostnader": -8_700_000,  # printed "Verksamhetens nettokostnad"
    "skatteintakter": 7_621_000,
    "generella_statsbidrag_och_utjamning": 1_086_000,
    "verksamhetens_resultat": 8_000,
    "finansiella_intakter": 185_000,
    "finansiella_kostnader": -172_000,
    "resultat_efter_finansiella_poster": 21_000,  # printed "Resultat före extraordinära poster"
    "arets_resultat": 21_000,
}


@pytest.fixture(scope="module")
def con(built_with_dev_corpus):
    connection = duckdb.connect(str(built_with_dev_corpus), read_only=True)
    yield connection
    connection.close()


def standard_lines(con, municipality: str, year: int, scenario: str) -> dict[str, Decimal]:
    return dict(
        con.execute(
            "select standard_line, amount_tkr from marts.rpt_municipality_comparison "
            "where municipality_code = ? and fiscal_year = ? and scenario = ? and standard_line is not null",
            [municipality, year, scenario],
        ).fetchall()
    )


def committees(con, municipality: str, year: int, scenario: str) -> dict[str, Decimal]:
    return dict(
        con.execute(
            "select committee_type, amount_tkr from marts.rpt_municipality_comparison "
            "where municipality_code = ? and fiscal_year = ? and scenario = ? and measure = 'net_cost'",
            [municipality, year, scenario],
        ).fetchall()
    )


@pytest.mark.parametrize(
    ("municipality", "year", "scenario", "printed"),
    [
        ("1480", 2019, "utfall", GOTEBORG_2019),
        ("1444", 2020, "utfall", GRASTORP_2020),
        ("1280", 2013, "utfall", MALMO_2013),
        ("1281", 2025, "plan", LUND_PLAN_2025),
    ],
    ids=["Göteborg", "Grästorp", "Malmö", "Lund"],
)
def test_each_resultatrakning_is_compared_on_the_standard_lines_it_prints(
    con, municipality, year, scenario, printed
):
    assert standard_lines(con, municipality, year, scenario) == {k: Decimal(v) for k, v in printed.items()}


def test_a_budget_column_and_a_misprinted_sign_stay_as_printed(con):
    # Grästorp's BUDGET 2020 column (line 9): VERKSAMHETENS NETTOKOSTNADER – 348 210 tkr
    assert standard_lines(con, "1444", 2020, "budget")["verksamhetens_nettokostnader"] == Decimal(-348_210)
    # Malmö prints 2012's Verksamhetens nettokostnader 13747 without its minus (line 23): kept
    assert standard_lines(con, "1280", 2012, "utfall")["verksamhetens_nettokostnader"] == Decimal(13_747_000)


def test_the_balansrakning_is_compared_on_its_main_lines(con):
    # kramfors_balansrakning2018.txt, column KOMMUNEN 2018 (mnkr), lines 13-39
    assert standard_lines(con, "2282", 2018, "utfall") == {
        "anlaggningstillgangar": Decimal(656_100),
        "omsattningstillgangar": Decimal(281_900),
        "summa_tillgangar": Decimal(938_000),
        "eget_kapital": Decimal(328_400),
        "avsattningar": Decimal(143_200),
        "langfristiga_skulder": Decimal(166_900),
        "kortfristiga_skulder": Decimal(299_600),
        "skulder": Decimal(466_400),
        "summa_eget_kapital_avsattningar_och_skulder": Decimal(938_000),
    }


def test_koncern_columns_stay_out_of_the_comparison(con):
    # Göteborg's Kommunala koncernen 2019 prints Verksamhetens intäkter 26 720 mnkr (line 6)
    assert con.execute(
        "select count(*) from marts.rpt_municipality_comparison where reporting_entity <> 'kommun'"
    ).fetchone() == (0,)


def test_committee_lines_of_driftredovisning_tables_are_compared(con):
    # amal_driftbudget2021.txt, Budget för 2021 (tkr), lines 27-73
    assert committees(con, "1492", 2021, "budget") == {
        "kommunfullmaktige": Decimal(2_569),
        "kommunstyrelse": Decimal(126_642),
        "samhallsbyggnad": Decimal(248),  # Bygg- och miljönämnden
        "utbildning": Decimal(283_159),
        "teknik": Decimal(41_226),  # Teknik- och fritidsnämnden
        "social_omsorg": Decimal(389_669),  # Välfärds- och arbetsmarknadsnämnden
        "overformyndare": Decimal(2_639),
    }
    # vastervik_driftsredovisning2020.txt, Nettokostnad 2020 (mnkr): printed negative, a cost
    assert committees(con, "0883", 2020, "utfall") == {
        "kommunstyrelse": Decimal(415_900),  # line 16: -415,9
        "utbildning": Decimal(857_300),  # line 160: -857,3
        "social_omsorg": Decimal(916_700),  # Socialnämnd, line 256: -916,7
        "samhallsbyggnad": Decimal(12_700),  # Miljö- och byggnadsnämnd, line 352: -12,7
        "overformyndare": Decimal(2_900),  # Överförmyndare, line 368: -2,9
        "revision": Decimal(1_600),  # line 384: -1,6
    }
    # ... and its Budget 2020 column
    assert committees(con, "0883", 2020, "budget")["kommunstyrelse"] == Decimal(410_100)  # line 18: -410,1
    # nynashamn_driftredovisning2021.txt, the nämndbidrag column (budget, mnkr), lines 30-37; the
    # RESULTAT column (Kommunstyrelsen 31,9) is a result, not a net cost
    assert committees(con, "0192", 2021, "budget") == {
        "kommunstyrelse": Decimal(224_100),
        "samhallsbyggnad": Decimal(61_100),
        "kultur_fritid": Decimal(56_200),
        "utbildning": Decimal(554_100),
        "social_omsorg": Decimal(555_600),
        "arbetsmarknad": Decimal(161_900),
    }
    # kungsbacka_ekonomiikorthet2014.txt, Budgetutfall per nämnd (miljoner kronor), lines 40-44
    assert committees(con, "1384", 2014, "utfall") == {
        "kommunfullmaktige": Decimal(2_000),
        "kommunstyrelse": Decimal(72_000),  # Kommunstyrelsen[*] -72; "Kommynstyrelsen övrigt" is not mapped
        "revision": Decimal(2_000),
        "overformyndare": Decimal(2_000),
    }
    assert committees(con, "1384", 2014, "budget")["kommunstyrelse"] == Decimal(124_000)  # Årsbudget -124


def test_the_bundled_committee_documents_keep_their_figures(con):
    # Linköping's internbudget 2024: Nettokostnader KS/KLF 666,8 mnkr; Norrköping's frame 493,4
    assert committees(con, "0580", 2024, "budget")["kommunstyrelse"] == Decimal(666_800)
    assert committees(con, "0581", 2024, "budget")["kommunstyrelse"] == Decimal(493_400)


def test_per_capita_on_the_population_of_the_right_year(con):
    rows = {
        (r[0], r[1], r[2], r[3]): r[4:]
        for r in con.execute(
            "select municipality_code, coalesce(committee_type, standard_line), fiscal_year, scenario, "
            "population, population_date, amount_per_capita_sek from marts.rpt_municipality_comparison"
        ).fetchall()
    }
    # SCB 31 Dec 2017 is nearer 2019 than 2024 is: -31 382 000 000 / 564 039 = -55 638,00 kr
    assert rows[("1480", "verksamhetens_nettokostnader", 2019, "utfall")] == (
        564039,
        date(2017, 12, 31),
        Decimal("-55638.00"),
    )
    # Åmål 2021 is nearer 2024 (11 906) than 2017: 126 642 000 / 11 906 = 10 636,82 kr
    assert rows[("1492", "kommunstyrelse", 2021, "budget")] == (
        11906,
        date(2024, 12, 31),
        Decimal("10636.82"),
    )
    # Västervik 2020 takes 2017 (36 551): 415 900 000 / 36 551 = 11 378,62 kr
    assert rows[("0883", "kommunstyrelse", 2020, "utfall")] == (
        36551,
        date(2017, 12, 31),
        Decimal("11378.62"),
    )
    # Grästorp 2020 takes 2017 (5 750): -336 171 000 / 5 750 = -58 464,52 kr
    assert rows[("1444", "verksamhetens_nettokostnader", 2020, "utfall")] == (
        5750,
        date(2017, 12, 31),
        Decimal("-58464.52"),
    )


def test_peer_group_median_of_two_municipalities(con):
    rows = {
        r[0]: r[1:]
        for r in con.execute(
            "select municipality_code, peer_group_code, amount_per_capita_sek, peer_group_median_per_capita_sek, "
            "peer_group_count, difference_from_peer_median_per_capita_sek from marts.rpt_municipality_comparison "
            "where committee_type = 'kommunstyrelse' and measure = 'net_cost' and fiscal_year = 2024 "
            "and scenario = 'budget'"
        ).fetchall()
    }
    # B3 Större stad (SKR 2023): Linköping 666 800 000 / 168 035 = 3 968,22 and Norrköping
    # 493 400 000 / 144 980 = 3 403,23; their median (3 968,22 + 3 403,23) / 2 = 3 685,725 → 3 685,73
    assert rows["0580"] == ("B3", Decimal("3968.22"), Decimal("3685.73"), 2, Decimal("282.49"))
    assert rows["0581"] == ("B3", Decimal("3403.23"), Decimal("3685.73"), 2, Decimal("-282.50"))
    # Nyköping is C6 Mindre stad/tätort: alone in its group that year
    assert rows["0480"][0] == "C6" and rows["0480"][3] == 1


def test_every_line_of_the_tables_read_is_mapped_or_listed(con):
    unmapped = {
        (r[0], r[1])
        for r in con.execute("select source_file, line_label from marts.rpt_unmapped_labels").fetchall()
    }
    assert ("kungsbacka_ekonomiikorthet2014.txt", "Kommynstyrelsen övrigt") in unmapped
    assert ("vastervik_driftsredovisning2020.txt", "Politisk verksamhet") in unmapped
    assert ("lund_resultatbudget2023.txt", "Jämförelsestörande poster") in unmapped
    assert ("helsingborg_driftsredovisning2016.txt", "Fastighetsnämnden") in unmapped
    assert ("malmo_resultatrakning2013.txt", "Generella stadsbidrag och utjämning") not in unmapped
    # nothing dropped: each line with an amount is mapped or listed, never both
    counts = con.execute(
        """select
               count(*) filter (where m.standard_line is null and m.committee_type is null and u.row_id is null),
               count(*) filter (where (m.standard_line is not null or m.committee_type is not null)
                                and u.row_id is not null)
           from intermediate.int_comparison_lines__mapped as m
           left join marts.rpt_unmapped_labels as u on m.row_id = u.row_id
           where m.row_id in (select row_id from marts.fct_budget_amounts)"""
    ).fetchone()
    assert counts == (0, 0)


def test_the_readme_query_kommunstyrelsen_per_inhabitant_against_the_group_median(built):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(
        r"-- Kommunstyrelsens nettokostnad per invånare 2024 jämfört med kommungruppens median\n(.*?;)",
        readme,
        re.DOTALL,
    )
    assert match, "the README lost its query"
    con = duckdb.connect(str(built), read_only=True)
    try:
        rows = con.execute(match.group(1)).fetchall()
    finally:
        con.close()
    by_name = {r[0]: r[1:] for r in rows}
    # (scenario, per inhabitant, group, median, count, difference): worked out above
    assert by_name["Linköping"][:6] == (
        "budget",
        Decimal("3968.22"),
        "Större stad",
        Decimal("3685.73"),
        2,
        Decimal("282.49"),
    )
    assert by_name["Norrköping"][5] == Decimal("-282.50")
    # Luleå's 2024 is a plan year of its 2023 plan: compared with plans only, alone
    assert by_name["Luleå"][0] == "plan" and by_name["Luleå"][4] == 1
