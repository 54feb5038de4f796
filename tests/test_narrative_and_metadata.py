"""Amounts in running text, and what a document says about itself."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extract.metadata import MetaOverrides
from extract.pipeline import extract_document
from extract.readers import DocumentError
from tests.support.corpus import extract_text
from tests.support.typed_tables import FIXTURES

# Norrköping's uppdragsplan states its budget only in sentences (lines 66-77).
NORRKOPING = [
    ("493,4 mnkr", Decimal("493.4"), 2024, "sentence", 66),
    ("108,0 mnkr", Decimal("108.0"), 2024, "document", 72),
    ("284,6 mnkr", Decimal("284.6"), 2024, "document", 72),
    ("85,4 mnkr", Decimal("85.4"), 2024, "document", 74),
    ("40,0 mnkr", Decimal("40.0"), 2024, "document", 74),
    ("25,7 mnkr", Decimal("25.7"), 2024, "document", 74),
    ("5,4 mnkr", Decimal("5.4"), 2024, "document", 74),
    ("2,7 mnkr", Decimal("2.7"), 2024, "document", 77),
    ("8,4 mnkr", Decimal("8.4"), 2024, "document", 77),
    ("7,5 mnkr", Decimal("7.5"), 2024, "document", 77),
]


def test_norrkoping_amounts_in_running_text(corpus):
    r = corpus("norrkoping_ks")
    got = [
        (n.value_as_printed, n.value_numeric, n.fiscal_year, n.year_source, n.source_line)
        for n in r.narratives
    ]
    assert got == NORRKOPING
    first = r.narratives[0]
    assert first.sentence.startswith("Den totala budgetramen för kommunstyrelsens verksamhet år 2024")
    assert first.unit == "mnkr"
    assert "kommunstyrelsen övrigt" in r.narratives[1].context_label.lower()


@pytest.mark.parametrize(
    ("printed", "value", "year", "line"),
    [
        pytest.param("666 778 tkr", Decimal("666778"), 2024, 727, id="thousands-after-a-line-break"),
        pytest.param("- 2,4 mnkr", Decimal("-2.4"), 2024, 479, id="minus-and-space-on-its-own-line"),
        pytest.param("22,3 mnkr", Decimal("22.3"), 2029, 763, id="year-right-after-the-amount"),
        pytest.param("-2,9 mnkr", Decimal("-2.9"), 2025, 767, id="year-before-a-parenthesis"),
        pytest.param("1,0 mnkr", Decimal("1.0"), 2025, 792, id="each-amount-its-own-year"),
    ],
)
def test_linkoping_amounts_in_running_text(corpus, printed, value, year, line):
    hits = [
        n
        for n in corpus("linkoping_ks").narratives
        if n.value_as_printed == printed and n.source_line == line
    ]
    assert len(hits) == 1
    assert (hits[0].value_numeric, hits[0].fiscal_year) == (value, year)


def test_a_date_is_not_the_year_of_an_amount(corpus):
    # "… budget 2024 med plan för 2025-2029 den 13 juni 2023, 667 mnkr" is the frame for 2024.
    hit = next(n for n in corpus("linkoping_ks").narratives if n.value_as_printed == "667 mnkr")
    assert hit.fiscal_year == 2024


@pytest.mark.parametrize(
    ("doc", "code", "committee", "office", "doc_type", "base_year"),
    [
        ("linkoping_ks", "0580", "Kommunstyrelsen", None, "internbudget", 2024),
        ("linkoping_valnamnden", "0580", "Valnämnden", None, "internbudget", 2024),
        ("norrkoping_ks", "0581", "Kommunstyrelsen", None, "uppdragsplan", 2024),
        ("nykoping_klk", "0480", "Kommunstyrelsen", "Kommunledningskontoret", "grunduppdrag", 2024),
        ("lulea_ks", "2580", "Kommunstyrelsen", "Kommunstaben", "verksamhetsplan", 2023),
    ],
)
def test_metadata_is_detected_from_the_text(corpus, doc, code, committee, office, doc_type, base_year):
    m = corpus(doc).meta
    assert (
        m.municipality_code,
        m.committee_name,
        m.issuing_unit,
        m.document_type,
        m.base_year,
    ) == (
        code,
        committee,
        office,
        doc_type,
        base_year,
    )
    assert m.municipality_source == "detected"


def test_unknown_municipality_fails_and_names_the_option(tmp_path):
    path = tmp_path / "okand.txt"
    path.write_text(
        "Valnämndens internbudget 2024\n\nVerksamheten bedrivs som tidigare år.\n", encoding="utf-8"
    )
    with pytest.raises(DocumentError) as err:
        extract_document(path)
    assert err.value.code == "municipality_unknown"
    assert "okand.txt" in err.value.message and "--municipality" in err.value.message


def test_options_override_detection(tmp_path):
    r = extract_text(
        tmp_path, "Någon text 2023.\n", municipality="Luleå", committee="Valnämnden", base_year=2026
    )
    assert (r.meta.municipality_code, r.meta.committee_name, r.meta.base_year) == (
        "2580",
        "Valnämnden",
        2026,
    )
    assert (r.meta.municipality_source, r.meta.committee_source, r.meta.base_year_source) == (
        "option",
        "option",
        "option",
    )


def test_an_office_given_as_committee_maps_to_its_committee(tmp_path):
    r = extract_text(tmp_path, "Text.\n", committee="Kommunledningskontoret")
    assert (r.meta.committee_name, r.meta.issuing_unit) == (
        "Kommunstyrelsen",
        "Kommunledningskontoret",
    )


def test_unknown_municipality_option_says_how_to_add_it(tmp_path):
    path = tmp_path / "x.txt"
    path.write_text("Text.\n", encoding="utf-8")
    with pytest.raises(DocumentError, match="seeds/municipalities.csv"):
        extract_document(path, MetaOverrides(municipality="9999"))


def test_a_year_ending_a_header_line_is_not_an_amount_with_the_next_lines_unit(tmp_path):
    # Found by the noise fuzz: "2025" ends a column header and the next line starts with "mnkr".
    doc = (
        "Ekonomi\n\nMätetal Senaste utfall 2023 2024 2025 \nmnkr per invånare\n\n"
        "Kostnaderna för driften uppgår till 12\nmnkr under 2024.\n"
    )
    narratives = extract_text(tmp_path, doc).narratives
    assert [(n.value_as_printed, n.value_numeric, n.fiscal_year, n.source_line) for n in narratives] == [
        ("12 mnkr", Decimal("12"), 2024, 6)
    ]


@pytest.mark.parametrize(
    ("title", "committee"),
    [
        # Found by the national benchmark corpus: neither was recognised from its title alone.
        ("Kommunstyrelsens internbudget 2024", "Kommunstyrelsen"),
        ("Tekniska nämndens internbudget 2024", "Tekniska nämnden"),
        ("Barn- och ungdomsnämndens internbudget 2024", "Barn- och ungdomsnämnden"),
        ("Valnämndens internbudget 2024", "Valnämnden"),
        # committees the seeds have no type for are still committees
        ("Stadsmiljönämndens internbudget 2024", "Stadsmiljönämnden"),
        (
            "Nämnden för demokrati och medborgarservice: budget 2024",
            "Nämnden för demokrati och medborgarservice",
        ),
    ],
)
def test_the_committee_is_read_from_the_title(tmp_path, title, committee):
    doc = f"{title}\nmed plan för 2025–2029\n\nLinköpings kommun. Linköping växer.\n"
    assert extract_text(tmp_path, doc).meta.committee_name == committee


@pytest.mark.parametrize(
    ("file", "municipality", "committee"),
    [
        # one line per nämnd, each named once: the whole municipality's, no committee's
        ("helsingborg_driftsredovisning2016.txt", "1283", None),
        ("vastervik_driftsredovisning2020.txt", "0883", None),
        ("amal_driftbudget2021.txt", "1492", None),
        # its third line is a paragraph that names kommunstyrelsen in passing: prose, no title
        ("nynashamn_driftredovisning2021.txt", "0192", None),
        # the title names it
        ("tyreso_kommunstyrelsen_drift2018.txt", "0138", "Kommunstyrelsen"),
        # a committee named by what it is for, of a type the seeds do not know; the report
        # names Kommunstyrelsen four times in its text
        ("goteborg_intraservice_delarsrapport2026.pdf", "1480", "Nämnden för Intraservice"),
    ],
)
def test_a_document_of_every_committee_is_no_single_committees(file, municipality, committee):
    meta = extract_document(FIXTURES / file, MetaOverrides(municipality=municipality)).meta
    assert meta.committee_name == committee


def test_what_running_text_says_of_an_amount(tmp_path):
    # Kungsbacka's and Kalmar's annual reports, as printed: units in words (miljoner,
    # miljarder), a tax rate and öre that are not amounts, a change and a budget in one sentence.
    text = (
        "Årsredovisning 2014 för Kungsbacka kommun\n\n"
        "Årets resultat 179 miljoner\n\n"
        "4,76 miljarder i intäkter 2014\n\n"
        "På varje hundralapp betalar invånarna 21,33 kronor i skatt till kommunen och en avgift på 88 öre.\n\n"
        "Årets resultat uppgick till 120,7 mnkr, vilket är en förbättring med 13,3 mnkr jämfört med "
        "föregående år. Jämfört med budgeterat resultat på 9,9 mnkr visar årets resultat en positiv "
        "avvikelse på 110,8 mnkr. Resultatet var 107,4 mnkr föregående år.\n"
    )
    r = extract_text(tmp_path, text, municipality="1384", base_year=None)
    got = [(n.value_as_printed, n.unit, n.fiscal_year, n.scenario, n.amount_kind) for n in r.narratives]
    assert got == [
        ("179 miljoner", "mnkr", 2014, "utfall", "amount"),
        ("4,76 miljarder", "mdkr", 2014, "utfall", "amount"),
        ("120,7 mnkr", "mnkr", 2014, "utfall", "amount"),
        ("13,3 mnkr", "mnkr", 2014, "utfall", "change"),
        ("9,9 mnkr", "mnkr", 2014, "budget", "amount"),
        ("110,8 mnkr", "mnkr", 2014, "utfall", "deviation"),
        ("107,4 mnkr", "mnkr", 2013, "utfall", "amount"),
    ]


@pytest.mark.parametrize(
    ("file", "municipality", "line", "expected"),
    [
        # "För åren 2024-2025 planeras för överskott om 2 miljoner kronor respektive 21 miljoner
        # kronor": a range of two years, two amounts paired with them by "respektive"
        (
            "lund_resultatbudget2023.txt",
            "1281",
            8,
            [("2 miljoner kronor", "mnkr", 2024, "plan"), ("21 miljoner kronor", "mnkr", 2025, "plan")],
        ),
        # "som redovisade underskott om 8,2 respektive 9,4 mnkr": the list shares the unit after
        # its last amount
        (
            "tyreso_kommunstyrelsen_drift2018.txt",
            "0138",
            26,
            [
                ("–13,9 mnkr", "mnkr", 2018, "utfall"),
                ("8,2", "mnkr", 2018, "utfall"),
                ("9,4 mnkr", "mnkr", 2018, "utfall"),
            ],
        ),
    ],
)
def test_amounts_paired_by_respektive_in_documents(file, municipality, line, expected):
    narratives = extract_document(FIXTURES / file, MetaOverrides(municipality=municipality)).narratives
    got = [
        (n.value_as_printed, n.unit, n.fiscal_year, n.scenario) for n in narratives if n.source_line == line
    ]
    assert got == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # years listed with "respektive" too; a year is never read as an amount of the list
        (
            "Ramen ökar 2025 respektive 2026 med 12,5 respektive 14 mnkr.",
            [("12,5", "mnkr", 2025, "plan"), ("14 mnkr", "mnkr", 2026, "plan")],
        ),
        # as many amounts as years, but joined by "och": no pairing, the last year before counts
        (
            "Under 2025 och 2026 tillkommer 3 mnkr och 4 mnkr.",
            [("3 mnkr", "mnkr", 2026, "plan"), ("4 mnkr", "mnkr", 2026, "plan")],
        ),
        # three amounts for two years: which goes with which is not said
        (
            "Under 2025 och 2026 tillkommer 3, 4 respektive 5 mnkr.",
            [("3", "mnkr", 2026, "plan"), ("4", "mnkr", 2026, "plan"), ("5 mnkr", "mnkr", 2026, "plan")],
        ),
    ],
)
def test_amounts_paired_by_respektive(tmp_path, text, expected):
    r = extract_text(tmp_path, f"Budget 2024\n\n{text}\n", municipality="0580", base_year=2024)
    assert [(n.value_as_printed, n.unit, n.fiscal_year, n.scenario) for n in r.narratives] == expected


def test_a_varav_amount_is_a_figure_of_the_amount_it_is_part_of():
    # Göteborg's Intraservice delårsrapport 2026, as printed: "beräknade kostnader … på ca 14
    # miljoner kronor, varav ca 9 miljoner kronor nyttjas …" (a forecast and its part), and
    # "Den totala budgeten uppgår till 38 miljoner kronor för helåret, varav ca 9 miljoner kronor …"
    narratives = extract_document(
        FIXTURES / "goteborg_intraservice_delarsrapport2026.pdf", MetaOverrides(municipality="1480")
    ).narratives
    got = [
        (n.source_line, n.value_as_printed, n.fiscal_year, n.scenario)
        for n in narratives
        if n.source_line in (831, 832, 840)
    ]
    assert got == [
        (831, "14 miljoner kronor", 2026, "prognos"),
        (832, "9 miljoner kronor", 2026, "prognos"),
        (840, "38 miljoner kronor", 2026, "budget"),
        (840, "9 miljoner kronor", 2026, "budget"),
    ]
