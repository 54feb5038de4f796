"""Row splitting, labels and partial rows: named cases, each a small table a test writes."""

from __future__ import annotations

from decimal import Decimal

from tests.support.corpus import cells_by_label, extract_text

HEADER_8 = """Driftsammandrag

Nettokostnad, belopp tkr
Utfall
2022

Budget
2023

Budget
2024

Plan
2025

Plan
2026

Plan
2027

Plan
2028

Plan
2029

"""


def test_split_is_chosen_by_the_totals(tmp_path):
    # The issue's case: "2 001 620 1226 699 1 265 699 699 1 389" has several 8-value splits;
    # only one makes the Summa row hold.
    doc = HEADER_8 + (
        "Statsbidrag -4 569 0 -3 455 0 -3 455 0 0 -3 455 \n"
        "Personalkostnader 2 001 620 1226 699 1 265 699 699 1 389 \n"
        "Arvoden 406 113 300 116 300 116 116 300 \n"
        "Summa -2 162 733 -1 929 815 -1 890 815 815 -1 766 \n"
    )
    t = extract_text(tmp_path, doc).tables[0]
    assert cells_by_label(t)["Personalkostnader"] == [
        "2 001",
        "620",
        "1226",
        "699",
        "1 265",
        "699",
        "699",
        "1 389",
    ]
    row = next(r for r in t.rows if r.label == "Personalkostnader")
    assert not row.split_ambiguous


def test_ambiguous_split_without_a_total_is_recorded(tmp_path):
    # "1 234 567" in two columns is 1 234 | 567 or 1 | 234 567; nothing decides.
    doc = "Tabell (tkr)\nBudget\n2023\nBudget\n2024\n\nPost 1 234 567 \n"
    r = extract_text(tmp_path, doc)
    row = next(r for r in r.tables[0].rows if r.row_type == "values")
    assert row.split_ambiguous
    assert "1 | 234 567" in row.split_note or "1 234 | 567" in row.split_note
    assert any(i.code == "ambiguous_split" and i.source_line == row.source_line for i in r.issues)


def test_number_at_the_end_of_a_label_stays_in_the_label(tmp_path):
    doc = "Administrativt stöd (tkr)\nBudget\n2023\nBudget\n2024\n\nLokalkostnader, Stadshuset & Ågatan 40 10 753 11 589 \n"
    t = extract_text(tmp_path, doc).tables[0]
    assert cells_by_label(t) == {"Lokalkostnader, Stadshuset & Ågatan 40": ["10 753", "11 589"]}


def test_year_range_in_a_label_is_label_text(tmp_path):
    doc = (
        "Investeringar\n(Tkr) Bokslut\n2021\nPrognos\n2022 2023 2024 2025\n\n"
        "Nettoinvesteringar 0 0 1 000 0 0 \n"
        "Varav: \n"
        "Digitala skyltar infarter till Luleå (4st) 2022-2023 1 000 0 0 \n"
        "Summa 1 000 0 0 \n"
    )
    t = extract_text(tmp_path, doc, municipality="2580", base_year=2023).tables[0]
    assert cells_by_label(t)["Digitala skyltar infarter till Luleå (4st) 2022-2023"] == [
        "",
        "",
        "1 000",
        "0",
        "0",
    ]


def test_wrapped_labels_are_joined(tmp_path):
    doc = HEADER_8 + (
        "Trygghetssatsningar, budgetöverföring \n"
        "till social & omsorgsnämnden & \n"
        "samhällsbyggnadsnämnden 1 2 3 4 5 6 7 8 \n"
        "\n"
        "Kapitalkostnader, civilt försvar och säk \n"
        "anpassningar 1 1 1 1 1 1 1 1 \n"
    )
    t = extract_text(tmp_path, doc).tables[0]
    assert list(cells_by_label(t)) == [
        "Trygghetssatsningar, budgetöverföring till social & omsorgsnämnden & samhällsbyggnadsnämnden",
        "Kapitalkostnader, civilt försvar och säk anpassningar",
    ]


def test_label_line_then_values_on_their_own_line(tmp_path):
    # Luleå's investment table prints the label, a blank line, then the values alone.
    doc = (
        "Investeringar\n(Tkr) Bokslut\n2021\nPrognos\n2022 2023 2024 2025\n\n"
        "Nettoinvesteringar 0 0 3 000 3 000 3 000 \n"
        "Varav: \n"
        "Infrastruktur gem - 3 år. Utrustning för kommunen: \n"
        "kommunikationsnätverk, datacenter, servers etc. \n"
        "\n"
        "3 000 3 000 3 000 \n"
        "Summa 3 000 3 000 3 000 \n"
    )
    t = extract_text(tmp_path, doc, municipality="2580", base_year=2023).tables[0]
    label = (
        "Infrastruktur gem - 3 år. Utrustning för kommunen: kommunikationsnätverk, datacenter, servers etc."
    )
    assert cells_by_label(t)[label] == ["", "", "3 000", "3 000", "3 000"]


def test_label_rows_without_values_are_sections(tmp_path):
    doc = (
        "Kommunledningsstaben (tkr)\nBudget\n2023\nBudget\n2024\n\n"
        "Kommunledning     \n"
        "Förvaltningschefer 100 110 \n"
        "Säkerhetssamordnare 10 11 \n"
        "      \n"
        "HR stöd     \n"
        "Personalkostnader 5 6 \n"
        "Summa 115 127 \n"
    )
    t = extract_text(tmp_path, doc).tables[0]
    assert [(r.row_type, r.label) for r in t.rows] == [
        ("heading", "Kommunledning"),
        ("values", "Förvaltningschefer"),
        ("values", "Säkerhetssamordnare"),
        ("heading", "HR stöd"),
        ("values", "Personalkostnader"),
        ("values", "Summa"),
    ]


def test_partial_rows_are_placed_by_the_totals(tmp_path):
    # Luleå: only 2023-2024 for both Mark rows makes every column of Summa hold.
    doc = (
        "Investeringar\n(Tkr) Bokslut\n2021\nPrognos\n2022 2023 2024 2025\n\n"
        "Nettoinvesteringar 10 10 9 500 9 500 10 500 \n"
        "Varav: \n"
        "Datorer 10 000 10 000 10 000 \n"
        "Markförvärv övrigt 2 000 2 000 \n"
        "Markförsäljning -3 000 -3 000 \n"
        "Energi 500 500 500 \n"
        "Summa 9 500 9 500 10 500 \n"
    )
    t = extract_text(tmp_path, doc, municipality="2580", base_year=2023).tables[0]
    cells = cells_by_label(t)
    assert cells["Markförvärv övrigt"] == ["", "", "2 000", "2 000", ""]
    assert cells["Markförsäljning"] == ["", "", "-3 000", "-3 000", ""]
    mark = next(r for r in t.rows if r.label == "Markförvärv övrigt")
    assert (mark.alignment_method, mark.alignment_is_guess) == ("totals", False)


def test_partial_row_no_total_decides_is_flagged_as_a_guess(tmp_path):
    doc = (
        "Investeringar\n(Tkr) Bokslut\n2021\nPrognos\n2022 2023 2024 2025\n\nPost A 1 2 3 4 5 \nPost B 7 7 \n"
    )
    r = extract_text(tmp_path, doc, municipality="2580", base_year=2023)
    row = next(x for x in r.tables[0].rows if x.label == "Post B")
    assert row.alignment_is_guess
    assert "do not decide" in row.alignment_note
    assert [c.column_index for c in row.cells] == [3, 4]  # the default: changes that start later
    assert any(i.code == "alignment_guess" and i.source_line == row.source_line for i in r.issues)


def test_spacing_of_the_text_layer_places_partial_rows(tmp_path):
    # label + " " + " ".join(cells) + " ": two empty cells before, five after.
    doc = HEADER_8 + "Övrigt inkl pris och lön   0,3      \nKommunstyrelsen 1 1 1 1 1 1 1 1 \n"
    t = extract_text(tmp_path, doc).tables[0]
    assert cells_by_label(t)["Övrigt inkl pris och lön"] == ["", "", "0,3", "", "", "", "", ""]
    row = next(x for x in t.rows if x.label.startswith("Övrigt"))
    assert (row.alignment_method, row.alignment_is_guess) == ("spacing", True)


def test_minus_styles_and_no_value_marks(tmp_path):
    doc = HEADER_8 + "Post -1 \u22122 \u2013 3 0 - I.U. 7 8 \n"
    t = extract_text(tmp_path, doc).tables[0]
    row = next(x for x in t.rows if x.row_type == "values")
    assert [c.value_as_printed for c in row.cells] == [
        "-1",
        "\u22122",
        "\u2013 3",
        "0",
        "-",
        "I.U.",
        "7",
        "8",
    ]
    assert [None if c.value_numeric is None else int(c.value_numeric) for c in row.cells] == [
        -1,
        -2,
        -3,
        0,
        None,
        None,
        7,
        8,
    ]


def test_table_ends_at_running_text(tmp_path):
    doc = (
        "Ekonomi\n\nBelopp tkr\nBudget\n2024\nPlan\n2025\n\n"
        "Verksamhetens nettokostnader 5 378 1 123 \n\n"
        "Kommentar till nämndens ekonomi \n"
        "År 2024 genomförs val till Europaparlamentet och år 2026 val till riksdag, region- och kommunfullmäktige.\n"
    )
    r = extract_text(tmp_path, doc)
    assert len(r.tables) == 1 and r.tables[0].last_line == 9
    assert len(r.tables[0].rows) == 1


def test_a_large_committee_with_seven_digit_totals(tmp_path):
    # A Socialnämnd of a large municipality: six-digit items, a seven-digit Summa, eight years.
    # Found by the national benchmark corpus, where such rows were cut wrongly.
    doc = HEADER_8.replace("mnkr", "tkr") + (
        "Taxor och avgifter −34 327 −33 316 −33 116 −34 006 −35 871 −37 197 −36 976 −36 396 \n"
        "Köp av verksamhet 201 900 205 134 215 776 214 489 209 620 212 461 207 837 202 478 \n"
        "Personalkostnader 213 643 220 218 232 206 236 997 235 897 229 280 231 694 227 235 \n"
        "Administrativa tjänster 225 790 220 927 216 762 226 986 232 233 244 676 246 731 252 639 \n"
        "Kapitalkostnader 164 841 163 810 163 200 168 146 167 867 171 029 174 050 180 804 \n"
        "Licenser och avgifter 205 096 210 156 218 482 222 065 224 792 232 434 236 044 236 733 \n"
        "Arvoden ledamöter 133 367 131 637 129 208 128 896 134 335 134 665 141 750 140 666 \n"
        "Lokalkostnader vallokaler, förråd m m 154 993 151 430 158 370 161 964 163 979 163 431 171 045 177 310 \n"
        "\n"
        "Summa nämndens internbudget 1 265 303 1 269 996 1 300 888 1 325 537 1 332 852 1 350 779 1 372 175 1 381 469 \n"
        "varav intäkter −34 327 −33 316 −33 116 −34 006 −35 871 −37 197 −36 976 −36 396 \n"
        "varav kostnader 1 299 630 1 303 312 1 334 004 1 359 543 1 368 723 1 387 976 1 409 151 1 417 865 \n"
    )
    t = extract_text(tmp_path, doc).tables[0]
    cells = cells_by_label(t)
    assert cells["Köp av verksamhet"] == [
        "201 900",
        "205 134",
        "215 776",
        "214 489",
        "209 620",
        "212 461",
        "207 837",
        "202 478",
    ]
    assert cells["Summa nämndens internbudget"] == [
        "1 265 303",
        "1 269 996",
        "1 300 888",
        "1 325 537",
        "1 332 852",
        "1 350 779",
        "1 372 175",
        "1 381 469",
    ]
    assert all(len(v) == 8 and all(v) for v in cells.values())
    assert not any(r.split_ambiguous for r in t.rows)


def test_neighbouring_years_do_not_jump_by_a_factor_of_a_hundred_thousand(tmp_path):
    # Found by the national benchmark corpus: a summary line with no total to check it against.
    # "1 008 | 427 990 699" and "1 008 427 | 990 699" have the same group counts; only the
    # second reads like a budget line over consecutive years.
    doc = (
        "Ekonomi\n\nBelopp tkr\nBudget\n2024\nPlan\n2025\n\nPlan\n2026\n\nPlan\n2027\n\nPlan\n2028\n\nPlan\n2029\n\n"
        "Verksamhetens nettokostnader 1 008 427 990 699 1 028 722 1 045 267 1 059 197 1 065 036 \n"
    )
    t = extract_text(tmp_path, doc).tables[0]
    assert cells_by_label(t)["Verksamhetens nettokostnader"] == [
        "1 008 427",
        "990 699",
        "1 028 722",
        "1 045 267",
        "1 059 197",
        "1 065 036",
    ]


# ---- numbers a text layer glued together ----------------------------------------------------

HELSINGBORG_HEADER = (
    "Driftsredovisning 2016, mnkr\n\n Ingående\nredovisat\nresultat 1)\nDisposition av\nresultat\n\n"
    "Kommunbidrag 2)\n\n\nIntäkter\n\n\nKostnader\n\n\nÅrets resultat\n\n\nUtgående\nredovisat\nresultat\n"
)
# Helsingborg's web page (lines 31-35, 55-58 of the excerpt): every label glued to its first
# number, the numbers glued to each other, and wrapped onto the lines below.
HELSINGBORG_ROWS = (
    "Barn- och utbildningsnämnden149,4-32,72 903,2536,1-3 503,2\n"
    "-31,285,4\n"
    "Vård- och omsorgsnämnden39,8-24,91 619,5251,1\n"
    "-1 898,5\n"
    "-3,011,9\n"
    "Kommunstyrelsen - stadsgemensamt0,00,0300,2277,7-404,0\n"
    "173,9173,9\n"
    "Stadsrevisionen2,20,06,30,0-6,20,12,3\n"
)


def test_glued_decimal_numbers_end_where_the_tables_decimals_do(tmp_path):
    # Every number prints one decimal, so "-32,72 903,2" is -32,7 | 2 903,2; a label ends where
    # its first number begins; a row short of seven numbers goes on on the lines below it.
    result = extract_text(tmp_path, HELSINGBORG_HEADER + HELSINGBORG_ROWS, base_year=2016)
    t = result.tables[0]
    assert cells_by_label(t) == {
        "Barn- och utbildningsnämnden": ["149,4", "-32,7", "2 903,2", "536,1", "-3 503,2", "-31,2", "85,4"],
        "Vård- och omsorgsnämnden": ["39,8", "-24,9", "1 619,5", "251,1", "-1 898,5", "-3,0", "11,9"],
        "Kommunstyrelsen - stadsgemensamt": ["0,0", "0,0", "300,2", "277,7", "-404,0", "173,9", "173,9"],
        "Stadsrevisionen": ["2,2", "0,0", "6,3", "0,0", "-6,2", "0,1", "2,3"],
    }
    vard = next(r for r in t.rows if r.label == "Vård- och omsorgsnämnden")
    first = vard.label_first_line
    assert [c.source_line - first for c in vard.cells] == [0, 0, 0, 0, 1, 2, 2]
    assert not [i for i in result.issues if i.severity == "warning"]


def test_glued_decimal_numbers_are_not_cut_where_the_table_prints_other_decimals(tmp_path):
    # The same rows, but one line ends in a whole number: the table does not print every number
    # with one decimal, nothing says where the glued numbers end, and none of them lands.
    rows = HELSINGBORG_ROWS.replace("-1 898,5\n", "-1 898\n")
    result = extract_text(tmp_path, HELSINGBORG_HEADER + rows, base_year=2016)
    assert result.cell_count == 0
    assert any(i.code == "glued_digits" for i in result.issues)


def test_glued_whole_numbers_no_sum_confirms_are_left_unread(tmp_path):
    # Lund's "7 0037 3197 621" is 7 003 | 7 319 | 7 621 (or 7 | 3 | 7 319 | 7 621 …) in a table
    # that writes thousands apart (7 003): with no total to confirm a cut, it is reported, not landed.
    doc = (
        "Resultatbudget, mnkr\nBokslut\n2023\nPlan\n2024\nPlan\n2025\n\n"
        "Avskrivningar\n-1 036 -1 040 -1 050\nSkatteintäkter\n7 0037 3197 621\n"
    )
    result = extract_text(tmp_path, doc, base_year=2023)
    assert cells_by_label(result.tables[0]) == {"Avskrivningar": ["-1 036", "-1 040", "-1 050"]}
    assert [i.code for i in result.issues if i.severity == "warning"] == ["glued_digits"]


def _notes_of_headings(t) -> dict[str, list[tuple[int, str]]]:
    """heading label -> the (column, printed) cells it carries (its Not reference)."""
    return {
        r.label: [(c.column_index, c.value_as_printed) for c in r.cells]
        for r in t.rows
        if r.row_type == "heading"
    }


def test_a_headings_note_number_is_its_not_cell_never_an_amount(tmp_path):
    # A note table prints each heading's note at the end of its line or on a line of its own
    # below it; every amount prints one decimal, so the whole 5 and 6 are notes, not mnkr.
    doc = (
        "Skatter och finansiella poster\n\n"
        "Miljoner kronor Not Utfall 2023 Budget 2024 Budget 2025\n\n"
        "Skatteintäkter 5\n"
        "Kommunalskatt 812,4 840,0 871,3\n"
        "Slutavräkning 3,6 0,0 1,2\n"
        "Summa skatteintäkter 816,0 840,0 872,5\n\n"
        "Finansiella kostnader\n6\n"
        "Räntekostnader 4,1 5,2 6,0\n"
        "Bankkostnader 0,3 0,3 0,4\n"
        "Summa finansiella kostnader 4,4 5,5 6,4\n"
    )
    t = extract_text(tmp_path, doc).tables[0]
    assert [c.amount_kind for c in t.columns] == ["note", "amount", "amount", "amount"]
    assert cells_by_label(t) == {
        "Kommunalskatt": ["", "812,4", "840,0", "871,3"],
        "Slutavräkning": ["", "3,6", "0,0", "1,2"],
        "Summa skatteintäkter": ["", "816,0", "840,0", "872,5"],
        "Räntekostnader": ["", "4,1", "5,2", "6,0"],
        "Bankkostnader": ["", "0,3", "0,3", "0,4"],
        "Summa finansiella kostnader": ["", "4,4", "5,5", "6,4"],
    }
    assert _notes_of_headings(t) == {"Skatteintäkter": [(0, "5")], "Finansiella kostnader": [(0, "6")]}


def test_a_note_printed_as_a_cell_of_its_own_under_a_heading(tmp_path):
    # Cells one per line (a web page): the heading's notes 21 and 22 print as "21,22", which
    # has two decimals where every amount of the table has one.
    doc = (
        "Balansräkning\n\nmnkr\n\nNot\n\n2023\n\n2022\n\n"
        "EGET KAPITAL OCH SKULDER\n\nEget kapital\n\n21,22\n\n"
        "Årets resultat\n\n\n45,2\n\n38,9\n\n"
        "Övrigt eget kapital\n\n20\n\n1 204,6\n\n1 165,7\n\n"
        "Summa eget kapital\n\n\n1 249,8\n\n1 204,6\n"
    )
    t = extract_text(tmp_path, doc).tables[0]
    assert cells_by_label(t) == {
        "Årets resultat": ["", "45,2", "38,9"],
        "Övrigt eget kapital": ["20", "1 204,6", "1 165,7"],
        "Summa eget kapital": ["", "1 249,8", "1 204,6"],
    }
    assert _notes_of_headings(t)["Eget kapital"] == [(0, "21,22")]


def test_a_list_of_notes_on_its_own_line_is_the_rows_not_cell(tmp_path):
    # "8, 14" between a label and its cells lists two notes: the row's Not cell. The total
    # leaves its Not cell out, as a web table leaves out trailing empty cells.
    doc = (
        "Kassaflödesanalys\n\nBelopp, mkr\n\nNot\n\n2023\n\n2022\n\n"
        "INVESTERINGSVERKSAMHETEN\n\n"
        "Investering i materiella anläggningstillgångar\n\n8, 14\n\n-512\n\n-488\n\n"
        "Försäljning av materiella anläggningstillgångar\n\n8\n\n27\n\n15\n\n"
        "Kassaflöde från investeringsverksamheten\n\n-485\n\n-473\n"
    )
    t = extract_text(tmp_path, doc).tables[0]
    assert cells_by_label(t) == {
        "Investering i materiella anläggningstillgångar": ["8, 14", "-512", "-488"],
        "Försäljning av materiella anläggningstillgångar": ["8", "27", "15"],
        "Kassaflöde från investeringsverksamheten": ["", "-485", "-473"],
    }


def test_a_lone_small_number_in_a_table_of_whole_amounts_stays_an_amount(tmp_path):
    # Where the table prints its amounts whole (tkr), a lone 7 prints as an amount does: the
    # row is a sparse row to read, not a note, and the total places it (18 412 + 7 + 2 310).
    doc = (
        "Balansräkning\n\nTkr Not 2023 2022\n\n"
        "Fordringar 4 18 412 17 905\n"
        "Förråd 7\n"
        "Kassa och bank 5 2 310 2 104\n"
        "Summa omsättningstillgångar 20 729 20 009\n"
    )
    t = extract_text(tmp_path, doc).tables[0]
    assert cells_by_label(t)["Förråd"] == ["", "7", ""]
    assert "Förråd" not in _notes_of_headings(t)


def test_a_table_of_contents_is_no_table_and_its_page_numbers_no_amounts(tmp_path):
    # Numbered sections, each with the page it starts on; the pages never go back down the list.
    toc = [
        "1 Inledning 3",
        "2 Förvaltningsberättelse 4",
        "2.1 Viktiga händelser 4",
        "2.2 Ekonomisk analys 6",
        "3 Räkenskaper 9",
        "3.1 Resultaträkning 9",
        "3.2 Balansräkning 10",
    ]
    doc = (
        "Delårsrapport 2023\n\nInnehåll\n\n"
        + "\n\n".join(toc)
        + "\n\n1 Inledning\n\nKommunens resultat för perioden uppgick till 42,5 mnkr.\n"
    )
    r = extract_text(tmp_path, doc)
    assert r.tables == ()
    assert [i.raw_text for i in r.issues if i.code == "table_of_contents"] == toc
    assert [(n.value_numeric, n.unit) for n in r.narratives] == [(Decimal("42.5"), "mnkr")]


def test_chapter_titles_each_over_its_page_are_a_table_of_contents_too(tmp_path):
    # No section numbers: a scrape sets each chapter's title and its page on lines of their own,
    # under the document's title and year. The pages run upward, no title is a line that adds up.
    pages = ["3", "6", "41", "58", "90"]
    titles = [
        "Kommunstyrelsens ordförande har ordet",
        "Förvaltningsberättelse",
        "Räkenskaper",
        "Nämndernas verksamhet",
        "Kommunens bolag",
    ]
    doc = (
        "Årsredovisning Kommun 2023\n"
        + "".join(f"{t}\n{p}\n" for t, p in zip(titles, pages, strict=True))
        + "\nFörvaltningsberättelse\n\nÅrets resultat uppgick till 31,4 mnkr.\n"
    )
    r = extract_text(tmp_path, doc)
    assert r.tables == ()
    assert [i.raw_text for i in r.issues if i.code == "table_of_contents"] == pages
    assert [(n.value_numeric, n.unit) for n in r.narratives] == [(Decimal("31.4"), "mnkr")]


def test_titles_over_rising_numbers_under_a_column_header_are_amounts(tmp_path):
    # The same shape under a header that names its column (Budget 2024) is a table of amounts.
    doc = (
        "Bidrag till föreningar\n\nBudget 2024\n"
        "Idrottsföreningar\n120\nKulturföreningar\n180\nPensionärsföreningar\n240\n"
    )
    t = extract_text(tmp_path, doc).tables[0]
    assert cells_by_label(t) == {
        "Idrottsföreningar": ["120"],
        "Kulturföreningar": ["180"],
        "Pensionärsföreningar": ["240"],
    }


def test_numbered_lines_under_a_header_that_prints_a_unit_are_amounts(tmp_path):
    # The same shape under a header with a unit is a table of amounts (7 + 120 + 640 = 767).
    doc = (
        "Driftbudget 2024 per nämnd\n\nMnkr Budget 2024\n\n"
        "1 Kommunfullmäktige 7\n2 Kommunstyrelsen 120\n3 Barn- och utbildningsnämnden 640\n"
        "Summa 767\n"
    )
    t = extract_text(tmp_path, doc).tables[0]
    assert cells_by_label(t) == {
        "1 Kommunfullmäktige": ["7"],
        "2 Kommunstyrelsen": ["120"],
        "3 Barn- och utbildningsnämnden": ["640"],
        "Summa": ["767"],
    }


# -- how a row's tokens become values: signs, groups of digits, sparse rows -------------------

RESULTATBUDGET_NOT = (
    "Resultatbudget\n\nmnkr Not Bokslut\n2023\nBudget\n2024\nPlan\n2025\nPlan\n2026\n"
    "Verksamhetens intäkter 1 212,5 220,3 225,0 231,4\n"
    "Verksamhetens kostnader 2 – 1 024,9 – 1 086,3 – 1 116,5 – 1 146,7\n"
    "Verksamhetens nettokostnader – 812,4 – 866,0 – 891,5 – 915,3\n"
    "Skatteintäkter 3 838,1 851,6 872,2 903,8\n"
    "Årets resultat 25,7 – 14,4 – 19,3 – 11,5\n\n"
    "Avstämning mot balanskravet\n"
    "Orealiserade vinster i värdepapper 6,1 0,0 0,0 0,0\n"
)


def test_a_dash_one_space_before_a_number_is_its_minus_sign(tmp_path):
    # "31,4 – 12,5 – 17,2 22,0" under Not + four years: 31,4 is Bokslut (notes are listed
    # ascending, so 31,4 is no list of notes 31 and 4) and each dash is the sign of the number
    # after it, not an empty cell before a positive amount.
    doc = RESULTATBUDGET_NOT + "Årets resultat efter balanskravsjusteringar 31,4 – 12,5 – 17,2 22,0\n"
    t = extract_text(tmp_path, doc).tables[0]
    assert cells_by_label(t)["Årets resultat efter balanskravsjusteringar"] == [
        "",
        "31,4",
        "– 12,5",
        "– 17,2",
        "22,0",
    ]


KASSAFLODE_UNNAMED_COLUMN = (
    "Kassaflödesanalys\n\nBelopp i mnkr Kommun\n2022\nKommun\n2021\nKoncern\n2022\nKoncern\n2021\n"
    "INVESTERINGSVERKSAMHETEN          \n"
    "Investering i materiella anläggningstillgångar   – 71 – 94 – 205 – 231\n"
    "Försäljning av materiella anläggningstillgångar     3 – 2 4\n"
    "Försäljning av finansiella anläggningstillgångar   1   2 5\n"
    "Kassaflöde från investeringsverksamheten   – 70 – 91 – 205 – 222\n"
    "           \n"
    "Årets kassaflöde   38 – 29 44 – 31\n"
    "Likvida medel vid årets början   75 104 120 151\n"
    "Likvida medel vid årets slut   113 75 164 120\n"
)


def test_spaces_every_full_row_prints_before_its_values_are_no_empty_cell(tmp_path):
    # Every full row sets three spaces between label and values (a column the header does not
    # name, written empty): a partial row's empty cells are the spaces beyond those. Typed from
    # the layout and checked by the table's sums: kommun 2022 -71 + 1 = -70, kommun 2021
    # -94 + 3 = -91, koncern 2022 -205 - 2 + 2 = -205, koncern 2021 -231 + 4 + 5 = -222; and
    # each year's opening cash is the closing cash of the year before (75 | 104, not 75 104).
    t = extract_text(tmp_path, KASSAFLODE_UNNAMED_COLUMN).tables[0]
    cells = cells_by_label(t)
    assert cells["Försäljning av materiella anläggningstillgångar"] == ["", "3", "– 2", "4"]
    assert cells["Försäljning av finansiella anläggningstillgångar"] == ["1", "", "2", "5"]
    assert cells["Likvida medel vid årets början"] == ["75", "104", "120", "151"]


BALANSRAKNING_CELLS = (
    "Balansräkning\n\nmnkr\n\nKoncernen\n\nKommunen\n\n\nNot\n\n2022\n\n2021\n\n2022\n\n2021\n\n"
    "EGET KAPITAL\n\n\n"
    "Årets resultat\n\n13\n\n131,2\n\n96,4\n\n104,8\n\n88,1\n\n"
    "Resultatutjämningsreserv\n155,0\n\n140,0\n\n"
    "Övrigt eget kapital\n\n14\n\n1 480,6\n\n1 384,2\n\n1 302,5\n\n1 214,4\n\n"
    "Summa eget kapital\n\n\n1 611,8\n\n1 480,6\n\n1 562,3\n\n1 442,5\n\n"
)


def test_cells_one_per_line_that_cannot_stand_in_the_not_column_are_placed_by_the_totals(tmp_path):
    # Two cells under Not + four columns: left-aligned, 155,0 would stand in the Not column. The
    # Summa row places them in the kommun columns: 104,8 + 155,0 + 1 302,5 = 1 562,3 and
    # 88,1 + 140,0 + 1 214,4 = 1 442,5 (the koncern sums hold without them).
    t = extract_text(tmp_path, BALANSRAKNING_CELLS).tables[0]
    assert cells_by_label(t)["Resultatutjämningsreserv"] == ["", "", "", "155,0", "140,0"]


def test_four_digits_in_a_cell_of_their_own_are_one_number(tmp_path):
    # A table that writes thousands apart (2 004) prints 1207 without its space in one cell; a
    # cell on a line of its own cannot hold two numbers glued together.
    doc = (
        "Kassaflödesanalys\n\nmkr\n\nKommunen\n\nKoncernen\n\n\n2022\n\n2021\n\n2022\n\n2021\n\n"
        "Likvida medel vid årets slut\n\n31\n\n12\n\n2 004\n\n1 312\n\n"
        "Varav kortfristiga placeringar\n\n0\n\n4\n\n0\n\n1207\n\n"
    )
    t = extract_text(tmp_path, doc).tables[0]
    assert cells_by_label(t)["Varav kortfristiga placeringar"] == ["0", "4", "0", "1207"]


# -- a multi-year summary printed one cell per line -------------------------------------------

FEMARSOVERSIKT = (
    "Fem år i sammandrag\n"
    "mnkr\n2019\n2020\n2021\n2022\n2023\n"
    # a row whose label the scrape lost
    "1 210\n1 254\n1 302\n1 350\n1 399\n"
    "Årets resultat\n12\n-4\n25\n31\n18\n"
    "Nettoinvesteringar\n-88\n-102\n-95\n-120\n-131\n"
    # another row whose label the scrape lost: not Nettoinvesteringar's
    "40\n42\n45\n47\n50\n"
)


def test_years_one_per_line_after_the_unit_are_the_header_of_as_many_columns(tmp_path):
    (t,) = extract_text(tmp_path, FEMARSOVERSIKT).tables
    assert [c.fiscal_year for c in t.columns] == [2019, 2020, 2021, 2022, 2023]
    assert t.unit == "mnkr"


def test_the_value_lines_after_a_label_are_its_cells_in_the_headers_order(tmp_path):
    # Five years, so the five value lines after a label are its cells; the five after those are
    # another row's, whose label is lost.
    (t,) = extract_text(tmp_path, FEMARSOVERSIKT).tables
    assert cells_by_label(t) == {
        "Årets resultat": ["12", "-4", "25", "31", "18"],
        "Nettoinvesteringar": ["-88", "-102", "-95", "-120", "-131"],
    }


def test_values_without_a_label_take_no_year_on_their_own(tmp_path):
    # A lone value line with no label could stand in any of the five columns: it is an issue,
    # never a cell of the last year.
    r = extract_text(tmp_path, FEMARSOVERSIKT)
    (t,) = r.tables
    assert not [c for row in t.rows if not row.label for c in row.cells]
    unplaced = [i.raw_text for i in r.issues if i.code == "row_without_label"]
    assert unplaced == ["1 210", "1 254", "1 302", "1 350", "1 399", "40", "42", "45", "47", "50"]
