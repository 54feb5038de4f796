"""Swedish numbers as budget documents print them: named cases, each from the corpus or the issue."""

from decimal import Decimal

import pytest

from extract.numbers import NumberParseError, groupings, parse_number

VALID = [
    pytest.param("1 597", Decimal("1597"), 0, id="space-thousands"),
    pytest.param("666,8", Decimal("666.8"), 1, id="comma-decimal"),
    pytest.param("-4 569", Decimal("-4569"), 0, id="hyphen-minus"),
    pytest.param("\u22123 455", Decimal("-3455"), 0, id="unicode-minus-sign"),
    pytest.param("\u2013 2,4", Decimal("-2.4"), 1, id="en-dash-and-space-minus"),
    pytest.param("\u20133,0", Decimal("-3.0"), 1, id="en-dash-attached"),
    pytest.param("0", Decimal("0"), 0, id="zero-is-a-value"),
    pytest.param("1226", Decimal("1226"), 0, id="four-digits-without-separator"),
    pytest.param("12 000 000", Decimal("12000000"), 0, id="two-thousands-groups"),
    pytest.param("0,5", Decimal("0.5"), 1, id="below-one"),
    pytest.param("1 234,56", Decimal("1234.56"), 2, id="thousands-and-decimals"),
    pytest.param("3.0", Decimal("3.0"), 1, id="period-decimal-anomaly"),
]


@pytest.mark.parametrize(("text", "value", "decimals"), VALID)
def test_parses_printed_number(text, value, decimals):
    parsed = parse_number(text)
    assert parsed.value == value
    assert parsed.decimals == decimals
    assert parsed.text == text
    assert not parsed.is_no_value


@pytest.mark.parametrize("mark", ["-", "I.U.", "I.U", "i.U.", "\u2013"])
def test_no_value_marks_are_no_value_never_zero(mark):
    parsed = parse_number(mark)
    assert parsed.is_no_value
    assert parsed.value is None


def test_period_decimal_is_noted():
    assert "period_decimal" in parse_number("3.0").notes


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("001", id="leading-zero-group-alone"),
        pytest.param("1 23", id="short-thousands-group"),
        pytest.param("1,5 000", id="decimals-before-a-group"),
        pytest.param("1 234,5 678", id="decimals-mid-number"),
        pytest.param("0 600", id="zero-cannot-lead-a-group"),
        pytest.param("1234 567", id="four-digit-leading-group"),
        pytest.param("abc", id="letters"),
        pytest.param("", id="empty"),
        pytest.param("2022-2023", id="year-range"),
    ],
)
def test_rejects_what_is_not_a_number(text):
    with pytest.raises(NumberParseError):
        parse_number(text)


def _split(text: str, n: int) -> set[tuple[str, ...]]:
    return {tuple(v.text for v in g) for g in groupings(text.split(), n) if len(g) == n}


def test_valnamnden_personalkostnader_has_the_issue_split_among_its_readings():
    # Linköping Valnämnden, Driftsammandrag line 337, an 8-column table.
    splits = _split("2 001 620 1226 699 1 265 699 699 1 389", 8)
    assert ("2 001", "620", "1226", "699", "1 265", "699", "699", "1 389") in splits
    assert len(splits) > 1  # honestly ambiguous without the table's totals


def test_one_million_two_hundred_in_two_columns_is_honestly_ambiguous():
    assert _split("1 234 567", 2) == {("1 234", "567"), ("1", "234 567")}


def test_forced_merges_leave_one_reading():
    # "035" and "084" cannot stand alone: Summa nämndens internbudget has one 8-column reading.
    assert _split("5 035 1 084 5 378 1 123 5 417 1 123 1 123 5 541", 8) == {
        ("5 035", "1 084", "5 378", "1 123", "5 417", "1 123", "1 123", "5 541")
    }


def test_the_regular_cut_of_a_long_row_comes_first():
    # Eight six-digit amounts are sixteen three-digit tokens: thousands of cuts into eight
    # numbers. The one a table prints (every amount two groups) must not be lost to the limit.
    row = "201 900 205 134 215 776 214 489 209 620 212 461 207 837 202 478"
    first = next(groupings(row.split(), 8, limit=10))
    assert [v.text for v in first] == [
        "201 900",
        "205 134",
        "215 776",
        "214 489",
        "209 620",
        "212 461",
        "207 837",
        "202 478",
    ]
    cuts = [tuple(v.text for v in g) for g in groupings(row.split(), 8)]
    assert len(cuts) == len(set(cuts))  # each cut once


@pytest.mark.parametrize("text", ["147 151 150 094 153 037", "1234567890123456", "− 1 000 000 000 000 000"])
def test_more_digit_groups_than_any_amount_is_not_a_number(text):
    # Six groups would be a quintillion kronor; such a cut is several amounts read as one.
    with pytest.raises(NumberParseError):
        parse_number(text)
    assert parse_number("999 999 999 999 999").value == 999_999_999_999_999


@pytest.mark.parametrize(
    ("text", "value"), [("12%", Decimal("12")), ("8,1 %", Decimal("8.1")), ("-0,3 %", Decimal("-0.3"))]
)
def test_a_percentage_parses_as_a_share_never_as_money(text, value):
    parsed = parse_number(text)
    assert (parsed.value, parsed.text) == (value, text)
    assert "percent" in parsed.notes  # the row reader keeps such values out of the amounts


@pytest.mark.parametrize(
    ("text", "value"), [("- 52,0", Decimal("-52.0")), ("+ 13", Decimal("13")), ("– 884", Decimal("-884"))]
)
def test_a_sign_set_apart_by_a_space_belongs_to_the_number(text, value):
    assert parse_number(text).value == value
