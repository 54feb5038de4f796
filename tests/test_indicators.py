"""Indicator values and targets, typed from the documents (line numbers in comments)."""

from __future__ import annotations

from decimal import Decimal

import pytest


def values(result, label_start: str, gender=None) -> dict[str, tuple]:
    """column label -> (printed, number, year, role) of the one indicator row starting so
    (of that gender's row, where the document breaks the indicator down in rows by gender)."""
    rows = {}
    for v in result.indicators:
        if v.indicator_label.startswith(label_start) and (gender is None or v.gender == gender):
            rows.setdefault((v.region_no, v.row_no), []).append(v)
    assert len(rows) == 1, f"{len(rows)} rows start with {label_start!r}: {sorted(rows)}"
    (vals,) = rows.values()
    return {v.column_label: (v.value_as_printed, v.value_numeric, v.period_year, v.value_role) for v in vals}


def test_linkoping_sick_leave_values_targets_and_gender(corpus):
    r = corpus("linkoping_ks")
    # Lines 1757-1765: "Total sjukfrånvaro*, % 8,3 I.U. 7,5" / "7,0"; Män 6,4 - -; Kvinnor 8,9 - -
    assert values(r, "Total sjukfrånvaro*", "T") == {
        "2022": ("8,3", Decimal("8.3"), 2022, "value"),
        "2023": ("I.U.", None, 2023, "value"),
        "2024": ("7,5", Decimal("7.5"), 2024, "target"),
        "2025": ("7,0", Decimal("7.0"), 2025, "target"),
    }
    assert values(r, "Total sjukfrånvaro*", "M") == {
        "2022": ("6,4", Decimal("6.4"), 2022, "value"),
        "2024": ("-", None, 2024, "target"),
        "2025": ("-", None, 2025, "target"),
    }
    assert values(r, "Total sjukfrånvaro*", "K")["2022"] == ("8,9", Decimal("8.9"), 2022, "value")


def test_linkoping_hme_and_business_climate(corpus):
    r = corpus("linkoping_ks")
    assert values(r, "Hållbart medarbetarengagem ang* (HME)") == {
        "2022": ("74", Decimal("74"), 2022, "value"),
        "2023": ("75", Decimal("75"), 2023, "value"),
        "2024": ("80", Decimal("80"), 2024, "target"),
        "2025": ("81", Decimal("81"), 2025, "target"),
    }
    assert values(r, "SKR:s Löpande Insikt") == {
        "2022": ("78", Decimal("78"), 2022, "value"),
        "2023": ("I.U.", None, 2023, "value"),
        "2024": ("78", Decimal("78"), 2024, "target"),
        "2025": ("78", Decimal("78"), 2025, "target"),
    }


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        pytest.param(  # line 1375-1376: a value measured in another year than its column
            "God tillgång till service",
            {
                "2022": ("1 835 (2021)", Decimal("1835"), 2021, "value"),
                "2023": ("I.U.", None, 2023, "value"),
                "2024": ("Minska", None, 2024, "target"),
            },
            id="year-printed-with-the-value-and-directions",
        ),
        pytest.param(  # lines 1622-1628: a target phrase wrapped over two lines
            "Personalkostnader/ver ksamhetens",
            {
                "2022": ("24", Decimal("24"), 2022, "value"),
                "2023": ("I.U.", None, 2023, "value"),
                "2024": ("Mindre än 23", None, 2024, "target"),
                "2025": ("Mindre än 23", None, 2025, "target"),
            },
            id="wrapped-target-phrase",
        ),
        pytest.param(  # lines 1520-1534
            "Förändringen i lönesumma",
            {
                "2022": ("4,5", Decimal("4.5"), 2022, "value"),
                "2023": ("I.U.", None, 2023, "value"),
                "2024": ("≥4% Positiv trend", None, 2024, "target"),
                "2025": ("≥4% Positiv trend", None, 2025, "target"),
            },
            id="comparison-target-with-its-qualifier",
        ),
        pytest.param(  # line 1557: thousands in an indicator row
            "Antal lägenheter i gällande",
            {
                "2022": ("40 000", Decimal("40000"), 2022, "value"),
                "2023": ("80 000", Decimal("80000"), 2023, "value"),
                "2024": ("40 000", Decimal("40000"), 2024, "target"),
                "2025": ("40 000", Decimal("40000"), 2025, "target"),
            },
            id="thousands",
        ),
    ],
)
def test_linkoping_indicator_cases(corpus, label, expected):
    got = values(corpus("linkoping_ks"), label)
    assert {k: got[k] for k in expected} == expected


def test_nykoping_key_figures_with_gender_comparison_trend_and_kolada(corpus):
    r = corpus("nykoping_klk")
    # Lines 969-972 and source note 1003: "1. Kolada (U01405). Nuvärde avser 2022."
    assert values(r, "Invånare med bra självskattat") == {
        "Nuvärde totalt": ("66", Decimal("66"), 2022, "value"),
        "Nuvärde kvinnor": ("63", Decimal("63"), 2022, "value"),
        "Nuvärde män": ("69", Decimal("69"), 2022, "value"),
        "Jämförvärde": ("70", Decimal("70"), 2022, "comparison"),
        "Trend": ("Neg", None, 2022, "trend"),
    }
    nki = [
        v for v in r.indicators if v.indicator_label.startswith("Företagsklimat enl ÖJ (Insikt) – Totalt NKI")
    ]
    assert {v.kolada_kpi_id for v in nki} == {"U07451"}
    assert [(v.column_label, v.value_as_printed) for v in nki] == [
        ("Nuvärde totalt", "76"),
        ("Jämförvärde", "76"),
        ("Trend", "Pos"),
    ]
    # Line 1260 and note 1272 "Hypergene personalrapport. Nuvärde avser delår 2023." (no Kolada id)
    sick = values(r, "Sjukfrånvaro totalt bland kommunens anställda")
    assert sick["Nuvärde totalt"] == ("9,1", Decimal("9.1"), 2023, "value")
    assert not {v.kolada_kpi_id for v in r.indicators if v.indicator_label.startswith("Sjukfrånvaro")} - {
        None
    }
    hme = values(r, "Hållbart medarbetarengagemang (HME)")
    assert hme["Nuvärde totalt"] == ("78", Decimal("78"), 2023, "value")
    assert hme["Jämförvärde"] == ("80", Decimal("80"), 2023, "comparison")


def test_nykoping_qualifier_on_its_own_lines(corpus):
    # Lines 1066-1070: "538   466" / "(ovägt" / "medel)" / "Negativ"
    got = values(corpus("nykoping_klk"), "Insamlat kommunalt avfall")
    assert got["Jämförvärde"] == ("466 (ovägt medel)", Decimal("466"), 2022, "comparison")
    assert got["Trend"] == ("Negativ", None, 2022, "trend")


def test_lulea_latest_outcome_and_targets(corpus):
    r = corpus("lulea_ks")
    assert values(r, "Förvärvsarbetande dagbefolkning") == {
        "Senaste utfall": ("44 418 (2021)", Decimal("44418"), 2021, "value"),
        "Mål 2023": ("Öka", None, 2023, "target"),
        "Mål 2024": ("Öka", None, 2024, "target"),
        "Mål 2025": ("Öka", None, 2025, "target"),
    }
    # "Antal sökande/antal annonser 11 Öka": the latest outcome's year is not stated: null, not guessed
    assert values(r, "Antal sökande/antal annonser")["Senaste utfall"] == ("11", Decimal("11"), None, "value")


def test_no_value_is_never_zero(corpus):
    for doc in ("linkoping_ks", "linkoping_valnamnden", "nykoping_klk", "lulea_ks"):
        for v in corpus(doc).indicators:
            if v.value_as_printed in ("I.U.", "I.U", "i.U.", "-", "\u2013"):
                assert v.value_numeric is None and v.is_no_value, v
