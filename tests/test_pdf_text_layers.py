"""The two PDF text layers (pypdfium2, pdfplumber) read every test PDF to the same cells."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from bench.run import write_bench_pdf
from extract.metadata import MetaOverrides
from extract.pdf_words import pdf_words
from extract.pipeline import extract_document
from extract.readers import DocumentError, read_document
from extract.settings import ExtractionSettings
from tests.support import badfiles, office
from tests.support.corpus import DOCS, corpus_result
from tests.support.pdfgen import FONT, TableSpec, write_pdf
from tests.support.render import render_tables
from tests.test_office_page_breaks import BUDGET as PAGE_BREAK_BUDGET
from tests.test_office_pdfs import BUDGET as OFFICE_BUDGET
from tests.test_office_pdfs import OVERRIDES as OFFICE_OVERRIDES
from tests.test_pdf import DRIFT, INTRO, WRAPPED_LABEL

LAYERS = ("pypdfium2", "pdfplumber")
REAL_PDF = Path(__file__).parent / "fixtures" / "corpus_dev" / "goteborg_intraservice_delarsrapport2026.pdf"


def _drift(path: Path, ruled: bool) -> Path:
    return write_pdf(path, [INTRO, TableSpec(**{**DRIFT.__dict__, "ruled": ruled})])


def _wrapped_label(path: Path) -> Path:
    return write_pdf(path, [INTRO, WRAPPED_LABEL])


def _printed_by_chromium(directory: Path, doc: office.Document = OFFICE_BUDGET) -> Path:
    return office.printed_by_chromium(doc, directory / "chromium")


def _exported_by_libreoffice(directory: Path, doc: office.Document = OFFICE_BUDGET) -> Path:
    return office.exported_by_libreoffice(doc, directory / "libreoffice")


# name -> (writer of the PDF into a directory, overrides)
GENERATED = {
    "drift": (lambda d: _drift(d / "drift.pdf", False), None),
    "drift_ruled": (lambda d: _drift(d / "drift_ruled.pdf", True), None),
    "wrapped_label": (lambda d: _wrapped_label(d / "inv.pdf"), None),
    "good_pdf": (lambda d: badfiles.good_pdf(d / "kultur_och_fritid_2024.pdf"), None),
    "bench_4_pages": (
        lambda d: write_bench_pdf(d / "bench.pdf", 4),
        MetaOverrides(municipality="0580", base_year=2024),
    ),
    "corpus_dev_real_pdf": (lambda d: REAL_PDF, None),
    "office_chromium": (_printed_by_chromium, OFFICE_OVERRIDES),
    "office_libreoffice": (_exported_by_libreoffice, OFFICE_OVERRIDES),
    "office_page_breaks_chromium": (lambda d: _printed_by_chromium(d, PAGE_BREAK_BUDGET), OFFICE_OVERRIDES),
    "office_page_breaks_libreoffice": (
        lambda d: _exported_by_libreoffice(d, PAGE_BREAK_BUDGET),
        OFFICE_OVERRIDES,
    ),
}


def _tables(result) -> list:
    return [
        (
            t.title,
            t.unit,
            t.source_page,
            [(c.column_index, c.fiscal_year, c.scenario_as_printed) for c in t.columns],
            [
                (
                    r.label,
                    r.row_type,
                    r.source_page,
                    r.source_line,
                    [(c.column_index, c.value_as_printed, c.source_page, c.source_line) for c in r.cells],
                )
                for r in t.rows
            ],
        )
        for t in result.tables
    ]


def _assert_same_cells(pdf: Path, overrides: MetaOverrides | None, tables: bool = True) -> None:
    a, b = (extract_document(pdf, overrides, ExtractionSettings(pdf_text_layer=layer)) for layer in LAYERS)
    assert bool(a.tables) == tables, f"{pdf.name}: tables found: {len(a.tables)}"
    ta, tb = _tables(a), _tables(b)
    assert len(ta) == len(tb)
    for x, y in zip(ta, tb, strict=True):  # table by table, so that a failure names the table
        assert x == y
    assert [(n.value_as_printed, n.context_label) for n in a.narratives] == [
        (n.value_as_printed, n.context_label) for n in b.narratives
    ]


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_both_text_layers_read_the_same_cells(tmp_path, name):
    write, overrides = GENERATED[name]
    _assert_same_cells(write(tmp_path), overrides)


def test_both_text_layers_read_the_same_lines_of_tiny_type(tmp_path):
    """4-point type, whose spaces are narrower than the word gap tolerance: no tables, every line."""
    pdf = badfiles.runaway_pdf(tmp_path / "enorm.pdf", rows=40)
    docs = [read_document(pdf, ExtractionSettings(pdf_text_layer=layer))[0] for layer in LAYERS]
    assert [line.text for line in docs[0].lines] == [line.text for line in docs[1].lines]
    assert len(docs[0].lines) > 40
    _assert_same_cells(pdf, None, tables=False)


@pytest.mark.parametrize("doc", sorted(DOCS))
def test_both_text_layers_read_the_same_cells_of_a_rendered_corpus_document(tmp_path, doc):
    text = corpus_result(doc)
    pdf = render_tables(text, tmp_path / f"{Path(DOCS[doc]).stem}.pdf")
    _assert_same_cells(pdf, MetaOverrides(base_year=text.meta.base_year), tables=bool(text.tables))


def test_both_text_layers_find_the_same_words_in_the_real_pdf():
    settings = {layer: ExtractionSettings(pdf_text_layer=layer) for layer in LAYERS}
    pages = {layer: list(pdf_words(REAL_PDF, REAL_PDF.name, s)) for layer, s in settings.items()}
    assert len(pages["pypdfium2"]) == len(pages["pdfplumber"]) == 26
    for fast, slow in zip(pages["pypdfium2"], pages["pdfplumber"], strict=True):
        assert sorted(w["text"] for w in fast.words) == sorted(w["text"] for w in slow.words)
        for w in fast.words:
            assert set(w) >= {"text", "x0", "x1", "top", "bottom", "fontname", "size"}


def test_both_text_layers_read_ligatures_soft_hyphens_and_a_hyphen_ending_a_line(tmp_path):
    pdf = tmp_path / "tecken.pdf"
    c = canvas.Canvas(str(pdf))
    c.setFont(FONT, 10)
    c.drawString(50, 700, "\ufb01nansiering mål\u00adsättning")  # the fi ligature; a soft hyphen
    c.drawString(50, 680, "Kommun-")  # pdfium marks a hyphen ending a line as U+0002
    c.drawString(50, 668, "styrelsen 2024")
    c.save()
    for layer in LAYERS:
        doc, _ = read_document(pdf, ExtractionSettings(pdf_text_layer=layer))
        assert [line.text for line in doc.lines] == [
            "finansiering mål\u00adsättning",
            "",
            "Kommun-",
            "styrelsen 2024",
        ], layer


def test_both_text_layers_measure_type_on_the_page_under_a_scaled_canvas(tmp_path):
    """Chromium prints CSS pixels scaled by 0.75 into points: 13.33 px type is 10 pt on the page.
    Both layers give the size and the top on the page, so that they find the same blank lines."""
    pdf = tmp_path / "skalad.pdf"
    c = canvas.Canvas(str(pdf))
    c.scale(0.75, 0.75)
    c.setFont(FONT, 40 / 3)
    c.drawString(60, 1000, "Statsbidrag 1 200")
    c.drawString(60, 982, "Taxor 300")
    c.save()
    words = {
        layer: next(pdf_words(pdf, pdf.name, ExtractionSettings(pdf_text_layer=layer))).words
        for layer in LAYERS
    }
    for layer, page in words.items():
        assert [w["text"] for w in page] == ["Statsbidrag", "1", "200", "Taxor", "300"], layer
        assert all(w["size"] == pytest.approx(10.0, abs=0.01) for w in page), layer
    for fast, slow in zip(words["pypdfium2"], words["pdfplumber"], strict=True):
        assert fast["top"] == pytest.approx(slow["top"], abs=0.05)
        assert fast["bottom"] == pytest.approx(slow["bottom"], abs=0.05)


def test_both_text_layers_read_text_in_a_form_xobject_where_it_is_printed(tmp_path):
    """A form XObject (a stamp, a page imported into another) is drawn under its own matrix, here
    once moved and once moved and scaled by 0.75: both layers place its lines where they are."""
    pdf = tmp_path / "formular.pdf"
    c = canvas.Canvas(str(pdf))
    c.beginForm("tabell")
    c.setFont(FONT, 10)
    c.drawString(0, 40, "Driftbudget 1 200")
    c.drawString(0, 20, "Investeringar 300")
    c.endForm()
    c.setFont(FONT, 10)
    c.drawString(60, 760, "Sidans rubrik 2025")
    c.saveState()
    c.translate(60, 600)
    c.doForm("tabell")
    c.restoreState()
    c.saveState()
    c.translate(300, 400)
    c.scale(0.75, 0.75)
    c.doForm("tabell")
    c.restoreState()
    c.save()
    words = {
        layer: next(pdf_words(pdf, pdf.name, ExtractionSettings(pdf_text_layer=layer))).words
        for layer in LAYERS
    }
    for layer, page in words.items():
        lines: dict[float, list[str]] = {}
        for w in page:
            lines.setdefault(round(w["top"], 1), []).append(w["text"])
        assert list(lines.values()) == [
            ["Sidans", "rubrik", "2025"],
            ["Driftbudget", "1", "200"],
            ["Investeringar", "300"],
            ["Driftbudget", "1", "200"],
            ["Investeringar", "300"],
        ], layer
        tops = list(lines)
        # baselines 760, 600 + 40, 600 + 20: as far apart on the page as drawn; the scaled copy's
        # lines 0.75 * 20 apart
        assert [tops[1] - tops[0], tops[2] - tops[1], tops[4] - tops[3]] == pytest.approx(
            [120, 20, 15], abs=0.01
        )
        assert [w["size"] for w in page] == pytest.approx([10.0] * 8 + [7.5] * 5), layer
    for fast, slow in zip(words["pypdfium2"], words["pdfplumber"], strict=True):
        assert fast["top"] == pytest.approx(slow["top"], abs=0.05)
        assert fast["x0"] == pytest.approx(slow["x0"], abs=0.1)


def test_both_text_layers_read_characters_outside_the_bmp_whole(tmp_path):
    """pdfium lists a character outside the BMP (here as Chromium prints it) as its two UTF-16
    halves: the word holds the character once, as pdfplumber reads it."""
    doc = office.Document(
        "Budget 2025",
        "Kommunstyrelsen",
        (
            office.Paragraph("Fet \U0001d400\U0001d401 matematik 1 200 kr"),
            office.Paragraph("Ansikte \U0001f600 och 3 400 kr"),
        ),
    )
    pdf = office.printed_by_chromium(doc, tmp_path / "chromium")
    words = {
        layer: [
            w["text"]
            for page in pdf_words(pdf, pdf.name, ExtractionSettings(pdf_text_layer=layer))
            for w in page.words
        ]
        for layer in LAYERS
    }
    if "\U0001f600" not in words["pdfplumber"]:
        pytest.skip("no font with U+1F600 for Chromium to print it with")
    assert words["pypdfium2"] == words["pdfplumber"]
    for text in ("\U0001d400\U0001d401", "matematik", "1", "200", "\U0001f600", "och", "3", "400"):
        assert text in words["pypdfium2"]


def _no_pages(path: Path) -> Path:
    import pypdfium2

    pdf = pypdfium2.PdfDocument.new()
    pdf.save(str(path))
    pdf.close()
    return path


def _garbage(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 200 + b"\n%%EOF\n")
    return path


@pytest.mark.parametrize("layer", LAYERS)
@pytest.mark.parametrize(
    "make, code",
    [
        (badfiles.encrypted_pdf, "encrypted_pdf"),
        (badfiles.scanned_pdf, "no_text_layer"),
        (_no_pages, "empty_pdf"),
        (_garbage, "unreadable_pdf"),
    ],
    ids=["encrypted", "scanned", "no-pages", "garbage"],
)
def test_both_text_layers_fail_a_bad_pdf_the_same_way(tmp_path, layer, make, code):
    pdf = make(tmp_path / "bad.pdf")
    with pytest.raises(DocumentError) as err:
        extract_document(pdf, None, ExtractionSettings(pdf_text_layer=layer))
    assert err.value.code == code


def test_the_default_text_layer_is_pypdfium2():
    assert ExtractionSettings().pdf_text_layer == "pypdfium2"


def test_an_unknown_text_layer_is_refused():
    with pytest.raises(ValueError, match="pdf_text_layer must be one of pypdfium2, pdfplumber"):
        ExtractionSettings(pdf_text_layer="pdfminer")


@pytest.mark.parametrize("layer", LAYERS)
def test_running_out_of_memory_while_parsing_stays_a_memory_error(tmp_path, monkeypatch, layer):
    """The worker reports a MemoryError as out_of_memory with the limit; a parser's other errors
    say the PDF is damaged. Memory running out inside the parser is not the PDF's fault."""
    import pdfplumber.page

    from extract import pdf_words as module

    def no_memory(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(pdfplumber.page.Page, "extract_words", no_memory)
    monkeypatch.setattr(module, "_page_chars", no_memory)
    pdf = badfiles.good_pdf(tmp_path / "good.pdf")
    with pytest.raises(MemoryError):
        list(pdf_words(pdf, pdf.name, ExtractionSettings(pdf_text_layer=layer)))
