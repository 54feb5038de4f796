"""The PDF path: tables generated with reportlab read back to exact cells, and parity with text."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.metadata import MetaOverrides
from extract.pipeline import extract_document
from tests.support.corpus import DOCS, cells_by_label, corpus_result
from tests.support.pdfgen import RowSpec, TableSpec, TextBlock, write_pdf
from tests.support.render import render_tables

INTRO = TextBlock(["Linköpings kommun", "Kommunstyrelsens internbudget 2024 (Linköpings kommun)"])

DRIFT = TableSpec(
    caption="Driftsammandrag",
    unit_line="Nettokostnad, belopp tkr",
    columns=[("Utfall", 2022), ("Budget", 2023), ("Budget", 2024), ("Plan", 2025), ("Plan", 2026)],
    rows=[
        RowSpec("Kommunledningsstaben", heading=True),
        RowSpec(
            "Förvaltningschefer, personalkostnader",
            {0: "31 955", 1: "32 593", 2: "33 000", 3: "33 500", 4: "34 000"},
        ),
        RowSpec(
            "Lokalkostnader, Stadshuset & Ågatan 40",
            {0: "10 753", 1: "11 589", 2: "12 000", 3: "12 100", 4: "12 200"},
        ),
        RowSpec(
            "Trygghetssatsningar, budgetöverföring till social & omsorgsnämnden & samhällsbyggnadsnämnden",
            {2: "\u22122 400", 3: "\u22122 400", 4: "\u22122 400"},
        ),
        RowSpec("Ostlänken, plankostnader", {2: "1 600", 3: "1 600"}),
        RowSpec("Leader Folkungaland", {3: "300", 4: "300"}),
        RowSpec("Civil beredskap", {0: "2 240", 1: "-", 2: "0", 3: "I.U.", 4: "\u2013 4 800"}),
        RowSpec("Summa", {0: "44 948", 1: "44 182", 2: "42 600", 3: "43 000", 4: "36 800"}),
    ],
)

EXPECTED = {
    "Förvaltningschefer, personalkostnader": ["31 955", "32 593", "33 000", "33 500", "34 000"],
    "Lokalkostnader, Stadshuset & Ågatan 40": ["10 753", "11 589", "12 000", "12 100", "12 200"],
    "Trygghetssatsningar, budgetöverföring till social & omsorgsnämnden & samhällsbyggnadsnämnden": [
        "",
        "",
        "\u22122 400",
        "\u22122 400",
        "\u22122 400",
    ],
    "Ostlänken, plankostnader": ["", "", "1 600", "1 600", ""],
    "Leader Folkungaland": ["", "", "", "300", "300"],
    "Civil beredskap": ["2 240", "-", "0", "I.U.", "\u2013 4 800"],
    "Summa": ["44 948", "44 182", "42 600", "43 000", "36 800"],
}


@pytest.mark.parametrize("ruled", [False, True], ids=["no-ruling-lines", "ruling-lines"])
def test_generated_pdf_table_reads_to_exact_cells(tmp_path, ruled):
    spec = TableSpec(**{**DRIFT.__dict__, "ruled": ruled})
    pdf = write_pdf(tmp_path / "drift.pdf", [INTRO, spec])
    r = extract_document(pdf)
    assert r.file_format == "pdf" and r.meta.municipality_code == "0580"
    assert len(r.tables) == 1
    t = r.tables[0]
    assert t.title == "Driftsammandrag" and t.unit == "tkr" and t.unit_phrase == "Nettokostnad, belopp tkr"
    assert [(c.fiscal_year, c.scenario_as_printed) for c in t.columns] == [
        (2022, "Utfall"),
        (2023, "Budget"),
        (2024, "Budget"),
        (2025, "Plan"),
        (2026, "Plan"),
    ]
    assert cells_by_label(t) == EXPECTED
    assert [r.label for r in t.rows if r.row_type == "heading"] == ["Kommunledningsstaben"]
    # In a PDF the x position decides where a partial row's values belong: no guess.
    partial = next(row for row in t.rows if row.label == "Leader Folkungaland")
    assert (partial.alignment_method, partial.alignment_is_guess) == ("x_position", False)
    assert all(c.source_page == 1 for row in t.rows for c in row.cells)
    assert not [i for i in r.issues if i.severity != "info"]


# A label that wraps in a narrow label column and holds numbers of its own ("3 år").
WRAPPED_LABEL = TableSpec(
    caption="Investeringar",
    unit_line="Belopp tkr",
    columns=[("Budget", 2023), ("Plan", 2024), ("Plan", 2025)],
    rows=[
        RowSpec(
            "Dator som tjänst (exkl. Skoldator) - 3 år. Datorer och enheter för kommunens anställda.",
            {0: "20 000", 1: "20 000", 2: "20 000"},
        ),
        RowSpec("Summa", {0: "20 000", 1: "20 000", 2: "20 000"}),
    ],
    label_width=150,
)


def test_numbers_in_the_label_column_stay_label(tmp_path):
    t = extract_document(write_pdf(tmp_path / "inv.pdf", [INTRO, WRAPPED_LABEL])).tables[0]
    assert cells_by_label(t) == {
        "Dator som tjänst (exkl. Skoldator) - 3 år. Datorer och enheter för kommunens anställda.": [
            "20 000",
            "20 000",
            "20 000",
        ],
        "Summa": ["20 000", "20 000", "20 000"],
    }


def _cells(result):
    out = set()
    for t in result.tables:
        cols = {c.column_index: c for c in t.columns}
        for row in t.rows:
            for c in row.cells:
                col = cols[c.column_index]
                out.add(
                    (
                        t.title,
                        row.label,
                        col.fiscal_year,
                        col.scenario_as_printed,
                        c.value_as_printed,
                    )
                )
    return out


@pytest.mark.parametrize("doc", sorted(DOCS))
def test_pdf_rendering_of_a_corpus_document_yields_the_same_cells(tmp_path, doc):
    text = corpus_result(doc)
    pdf = render_tables(text, tmp_path / f"{Path(DOCS[doc]).stem}.pdf")
    from_pdf = extract_document(pdf, MetaOverrides(base_year=text.meta.base_year))
    assert _cells(from_pdf) == _cells(text)
    assert [t.title for t in from_pdf.tables] == [t.title for t in text.tables]
