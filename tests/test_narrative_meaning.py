"""What a sentence says of its amounts: scenario, year, sign, entity and period.

The sentences are written for these tests in the way Swedish annual reports, delårsrapporter and
budgets word their results; the numbers are ours and add up where a sentence says they do.
"""

from __future__ import annotations

from decimal import Decimal

from tests.support.corpus import extract_text


def _cells(result) -> list[tuple]:
    return [
        (n.value_as_printed, n.value_numeric, n.fiscal_year, n.scenario, n.amount_kind, n.reporting_entity)
        for n in result.narratives
    ]


def test_past_tense_verbs_state_outcomes_and_a_budget_word_wins_near_the_amount(tmp_path):
    # no document type: the scenario must come from the sentence, not the document
    text = (
        "Ekonomisk analys\n\n"
        "Kommunens resultat uppgick till 31,4 mnkr, vilket var 12,0 mnkr bättre än budgeterat. "
        "Det budgeterade resultatet var 19,4 mnkr.\n"
    )
    r = extract_text(tmp_path, text, base_year=2023)
    assert _cells(r) == [
        ("31,4 mnkr", Decimal("31.4"), 2023, "utfall", "amount", "kommun"),
        ("12,0 mnkr", Decimal("12.0"), 2023, "utfall", "deviation", "kommun"),
        ("19,4 mnkr", Decimal("19.4"), 2023, "budget", "amount", "kommun"),
    ]


def test_a_forecast_carries_through_its_paragraph(tmp_path):
    # the first sentence names the forecast; the budget sentence speaks for itself only
    text = (
        "Ekonomisk analys\n\n"
        "Helårsprognosen för kommunen visar ett resultat på 12,5 mnkr. Budgeterat resultat är 10,0 mnkr. "
        "Där ingår en engångsintäkt om 4,2 mnkr. Utan den är resultatet 8,3 mnkr.\n\n"
        "Prognosen för helåret pekar mot ett resultat om 6,1 mnkr.\n"
    )
    r = extract_text(tmp_path, text, base_year=2023)
    assert [(n.value_as_printed, n.fiscal_year, n.scenario) for n in r.narratives] == [
        ("12,5 mnkr", 2023, "prognos"),
        ("10,0 mnkr", 2023, "budget"),
        ("4,2 mnkr", 2023, "prognos"),
        ("8,3 mnkr", 2023, "prognos"),
        ("6,1 mnkr", 2023, "prognos"),
    ]


def test_previous_year_in_parentheses_koncern_and_the_year_compared_with(tmp_path):
    text = (
        "Årsredovisning 2023\n\n"
        "Årets resultat för kommunkoncernen blev 85 mkr (64 mkr), vilket jämfört med 2022 är en "
        "förbättring med 21 mkr. Kommunens resultat uppgick till 40 mkr (52 mkr).\n\n"
        "Utdelningen från bolagen i koncernen uppgick till 6 mkr.\n\n"
        "År 2021: Kommunen, 14 miljoner kronor - Sammanställd, 20 miljoner kronor.\n"
    )
    r = extract_text(tmp_path, text, base_year=2023)
    assert _cells(r) == [
        ("85 mkr", Decimal(85), 2023, "utfall", "amount", "koncern"),
        ("64 mkr", Decimal(64), 2022, "utfall", "amount", "koncern"),
        ("21 mkr", Decimal(21), 2023, "utfall", "change", "koncern"),
        ("40 mkr", Decimal(40), 2023, "utfall", "amount", "kommun"),
        ("52 mkr", Decimal(52), 2022, "utfall", "amount", "kommun"),
        ("6 mkr", Decimal(6), 2023, "utfall", "amount", "kommun"),  # the group is where it came from
        ("14 miljoner kronor", Decimal(14), 2021, "utfall", "amount", "kommun"),
        ("20 miljoner kronor", Decimal(20), 2021, "utfall", "amount", "koncern"),
    ]


def test_signs_written_as_words(tmp_path):
    text = (
        "Delårsrapport 2023\n\n"
        "Avvikelse mot budget för perioden är minus 7,5 mnkr.\n\n"
        "Helåret pekar mot en avvikelse på 3,0 mnkr negativt mot budget.\n\n"
        "Resultatet avviker negativt med 1,2 mnkr.\n\n"
        "För fastigheterna prognostiseras en negativ avvikelse vid årets slut med 0,9 mnkr.\n\n"
        "Resultatet för perioden uppgick till plus 4,4 mnkr.\n\n"
        # a deficit named by its noun is kept as printed, as the typed corpus keeps it
        "Nämnden redovisade ett underskott om 2,4 mnkr.\n"
    )
    r = extract_text(tmp_path, text, base_year=2023)
    got = [(n.value_numeric, n.fiscal_year, n.scenario, n.amount_kind, n.period_kind) for n in r.narratives]
    assert got == [
        (Decimal("-7.5"), 2023, "utfall", "deviation", "part_year"),
        (Decimal("-3.0"), 2023, "prognos", "deviation", "year"),
        (Decimal("-1.2"), 2023, "utfall", "deviation", "year"),
        (Decimal("-0.9"), 2023, "prognos", "deviation", "year"),
        (Decimal("4.4"), 2023, "utfall", "amount", "part_year"),
        (Decimal("2.4"), 2023, "utfall", "amount", "year"),
    ]


def test_ranges_and_averages_are_no_years_amount(tmp_path):
    text = (
        "Årsredovisning 2023\n\n"
        "De senaste fem åren har resultatet varierat mellan 12,0 och 30,5 mnkr, vilket innebär ett "
        "resultat i genomsnitt på 21 mnkr. Årets resultat blev 18,0 mnkr.\n\n"
        # a total over the last years is a total, keyed to the last of them
        "De senaste fem årens samlade resultat uppgår till 97,5 mnkr.\n"
    )
    r = extract_text(tmp_path, text, base_year=2023)
    assert [(n.value_as_printed, n.fiscal_year, n.scenario, n.period_kind) for n in r.narratives] == [
        ("18,0 mnkr", 2023, "utfall", "year"),
        ("97,5 mnkr", 2023, "utfall", "multi_year"),
    ]
    issues = [i for i in r.issues if i.code == "narrative_not_one_year"]
    assert [i.source_line for i in issues] == [3, 3]


def test_a_section_of_the_text_is_no_average(tmp_path):
    # "avsnitt" (a section) ends in the letters of "snitt" (an average) but is another word
    text = "Årsredovisning 2023\n\nI detta avsnitt redovisas att årets resultat blev 18,0 mnkr.\n"
    r = extract_text(tmp_path, text, base_year=2023)
    assert [(n.value_as_printed, n.fiscal_year, n.scenario) for n in r.narratives] == [
        ("18,0 mnkr", 2023, "utfall")
    ]
    assert not [i for i in r.issues if i.code == "narrative_not_one_year"]


def test_a_date_or_a_paragraph_number_is_never_an_amount(tmp_path):
    text = "Protokoll 2023-06-17 mnkr\n\nKS § 63 mnkr\n\nÅrets resultat blev 5,0 mnkr.\n"
    r = extract_text(tmp_path, text, base_year=2023)
    assert [n.value_as_printed for n in r.narratives] == ["5,0 mnkr"]


def test_a_total_over_a_period_is_keyed_to_its_last_year(tmp_path):
    text = (
        "Budget 2025\n\n"
        "Nämnderna har begärt investeringar på 310,5 mnkr för perioden 2025–2027 varav 40 mnkr avser "
        "mark. Med tidigare beslut uppgår investeringarna till 900 mnkr. Avskrivningarna år 2027 ökar "
        "till 55,1 mnkr.\n\n"
        "Hyran ökar med 2,0 mnkr per år 2025-2027.\n\n"
        "Nämndens ram för 2025 är enligt budget 2025 med plan för 2026-2027, 410 mnkr.\n"
    )
    r = extract_text(tmp_path, text, base_year=2025)
    got = [
        (n.value_as_printed, n.fiscal_year, n.scenario, n.amount_kind, n.period_kind) for n in r.narratives
    ]
    assert got == [
        ("310,5 mnkr", 2027, "budget", "amount", "multi_year"),
        ("40 mnkr", 2027, "budget", "amount", "multi_year"),
        ("900 mnkr", 2027, "budget", "amount", "multi_year"),
        ("55,1 mnkr", 2027, "plan", "amount", "year"),  # ökar till: the level reached
        ("2,0 mnkr", 2025, "budget", "change", "year"),  # per år: each year's, not a total
        ("410 mnkr", 2025, "budget", "amount", "year"),  # the plan named is 2026-2027's
    ]


def test_a_year_later_in_the_clause(tmp_path):
    # in a report, the year after the one reported on is the coming budget year
    text = "Delårsrapport 2023\n\nNämnden får drygt 12 miljoner extra att fördela för 2024.\n"
    r = extract_text(tmp_path, text, base_year=2023)
    assert [(n.value_numeric, n.fiscal_year, n.scenario) for n in r.narratives] == [
        (Decimal(12), 2024, "budget")
    ]


def test_text_beside_tables_of_outcomes_reports_outcomes(tmp_path):
    # no document type and no scenario word in the sentence: the table beside it prints outcomes
    text = (
        "Resultat och balanskrav\n\n"
        "Mnkr Utfall 2023 Utfall 2022\n"
        "Årets resultat 45,0 38,2\n"
        "Realisationsvinster -2,0 -1,5\n"
        "Balanskravsresultat 43,0 36,7\n\n"
        "Balanskravsresultatet är positivt med 43,0 mnkr.\n"
    )
    r = extract_text(tmp_path, text, base_year=2023)
    assert [(n.value_as_printed, n.fiscal_year, n.scenario) for n in r.narratives] == [
        ("43,0 mnkr", 2023, "utfall")
    ]


def test_a_scenario_word_governs_its_own_sentence_only(tmp_path):
    # an annual report: the budget sentence names its own scenario; the sentences after it name
    # none and are the year's outcomes, as the first one is
    text = (
        "Ekonomisk sammanfattning\n\n"
        "2023 års resultat uppgår till 12,4 miljoner kronor. 2023 års budgeterade resultat uppgår till "
        "6,0 miljoner kronor. I budgeten fanns intäkter på 5 miljoner kronor. Skatteintäkter och "
        "statsbidrag uppgår till 905 miljoner kronor. Verksamhetens nettokostnader uppgår till 893,6 "
        "miljoner kronor.\n"
    )
    r = extract_text(tmp_path, text, base_year=2023, document_type="årsredovisning")
    assert [(n.value_as_printed, n.fiscal_year, n.scenario) for n in r.narratives] == [
        ("12,4 miljoner kronor", 2023, "utfall"),
        ("6,0 miljoner kronor", 2023, "budget"),
        ("5 miljoner kronor", 2023, "budget"),
        ("905 miljoner kronor", 2023, "utfall"),
        ("893,6 miljoner kronor", 2023, "utfall"),
    ]


def test_a_report_verb_states_outcomes_and_opens_its_paragraph(tmp_path):
    # no document type: "redovisar" is said of figures accounted for, never of a budget's; an
    # opening sentence without an amount sets the scenario of the paragraph's amounts
    text = (
        "Året i korthet\n\n"
        "För tredje året i rad redovisar kommunen ett överskott. Årets resultat uppgår till 74 "
        "miljoner kronor.\n\n"
        "Kommunen redovisar 2023 ett resultat på 74 miljoner kronor, en förbättring jämfört med 2022 "
        "med 21 miljoner kronor. Utan realisationsvinster uppgår resultatet till 70 miljoner kronor, "
        "en förbätt-\nring med 19 miljoner kronor.\n"
    )
    r = extract_text(tmp_path, text, base_year=2023)
    assert [(n.value_as_printed, n.fiscal_year, n.scenario, n.amount_kind) for n in r.narratives] == [
        ("74 miljoner kronor", 2023, "utfall", "amount"),
        ("74 miljoner kronor", 2023, "utfall", "amount"),
        ("21 miljoner kronor", 2023, "utfall", "change"),
        ("70 miljoner kronor", 2023, "utfall", "amount"),
        ("19 miljoner kronor", 2023, "utfall", "change"),
    ]


def test_the_clause_holding_the_amount_decides_over_a_heading_run_into_it(tmp_path):
    # a text layer without line breaks runs the heading ("… samt prognos för helåret" and a page
    # title) into the sentence; the amount's own clause says it is accounted for
    text = (
        "Förvaltningsberättelse Kommunstyrelsen lämnar redovisning för perioden januari april 2023 "
        "samt prognos för helåret Delårsbokslut 30 april 2023 Kommunen redovisar per den 30 april "
        "2023, ett resultat på 8,1 miljoner kronor. Nettokostnaderna uppgår till 310,4 miljoner kronor. "
        "Prognosen för helåret är ett resultat på 2,0 miljoner kronor.\n"
    )
    r = extract_text(tmp_path, text, base_year=2023)
    assert [(n.value_as_printed, n.fiscal_year, n.scenario, n.period_kind) for n in r.narratives] == [
        ("8,1 miljoner kronor", 2023, "utfall", "part_year"),
        ("310,4 miljoner kronor", 2023, "utfall", "part_year"),  # the paragraph's months go on
        ("2,0 miljoner kronor", 2023, "prognos", "year"),
    ]


def test_a_budget_exceeded_is_a_negative_deviation(tmp_path):
    text = "Årets resultat\n\nNämnderna överskred sammantaget sina budgetar med 4,2 mkr.\n"
    r = extract_text(tmp_path, text, base_year=2023, document_type="årsredovisning")
    assert _cells(r) == [("4,2 mkr", Decimal("-4.2"), 2023, "utfall", "deviation", "kommun")]


def test_so_far_this_year_and_the_first_months_are_part_of_a_year(tmp_path):
    text = (
        "Extraordinära poster\n\n"
        "Hittills under år 2023 uppgår intäkterna från exploatering till 31,5 mkr. Utfallet för de "
        "sex första månaderna 2022 var 12,0 mkr.\n\nKostnaderna under januari–april var 4,4 mkr.\n"
    )
    r = extract_text(tmp_path, text, base_year=2023, document_type="delårsrapport")
    assert [(n.value_as_printed, n.fiscal_year, n.scenario, n.period_kind) for n in r.narratives] == [
        ("31,5 mkr", 2023, "utfall", "part_year"),
        ("12,0 mkr", 2022, "utfall", "part_year"),
        ("4,4 mkr", 2023, "utfall", "part_year"),
    ]


def test_a_goal_is_no_outcome_and_a_sum_paid_over_years_is_theirs(tmp_path):
    text = (
        "Resultatanalys\n\n"
        "Målsättning: Kommunen ska ha ett årligt resultat på minst 2,5 mkr.\n\n"
        "Avtalet innehåller även förskott om 120 mkr som betalas ut under perioden 2024 till 2030.\n"
    )
    r = extract_text(tmp_path, text, base_year=2023, document_type="delårsrapport")
    assert [(n.value_as_printed, n.fiscal_year, n.period_kind) for n in r.narratives] == [
        ("120 mkr", 2030, "multi_year")
    ]
    assert any(i.code == "narrative_not_one_year" and "target" in i.message for i in r.issues)
