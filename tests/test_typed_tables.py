"""The hand-typed tables of the development corpus (tests/fixtures/corpus_dev/tables) load, validate,
agree with the independent hand-read sample in expected_cells.csv, and can be found in their documents.

These tests check the fixtures themselves, not the extractor: they are the bar the extractor is measured
against, so a typing error here would be a false failure there.
"""

from __future__ import annotations

import csv
import re
from functools import cache

import pytest

from tests.support.typed_tables import (
    FIXTURES,
    TABLES_DIR,
    TypedDocument,
    TypedTableError,
    load_all,
    load_document,
    parse_rows,
)

SOURCE_SUFFIXES = {".txt", ".pdf"}
EXPECTED_CSV = FIXTURES / "expected_cells.csv"

# Cells of expected_cells.csv whose scenario differs from the typed column on purpose: the typed tables
# follow the project's conventions (allocation columns are budget), the CSV called these columns utfall.
# Keyed by (file, label_like, fiscal_year, as_printed).
SCENARIO_DIFFERENCES = {
    # Nynäshamn's "SKATTEINTÄKTER OCH GENERELLA BIDRAG (NÄMNDBIDRAG)" is an allocation column -> budget.
    ("nynashamn_driftredovisning2021.txt", "Kommunstyrelsen%", 2021, "224,1"),
    ("nynashamn_driftredovisning2021.txt", "Skatteintäkter och generella bidrag%", 2021, "1 719,9"),
    (
        "nynashamn_driftredovisning2021.txt",
        "Intern nämndbidragsfördelning (extra tilldelning 2021)%",
        2021,
        "– 46,6",
    ),
    # Helsingborg's "Kommunbidrag 2)" is an allocation column -> budget (stretch rows).
    ("helsingborg_driftsredovisning2016.txt", "Barn- och utbildningsnämnden%", 2016, "2 903,2"),
    ("helsingborg_driftsredovisning2016.txt", "Fastighetsnämnden%", 2016, "-110,2"),
}


@cache
def documents() -> dict[str, TypedDocument]:
    return {d.file: d for d in load_all()}


def expected_rows() -> list[dict[str, str]]:
    with EXPECTED_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def norm_value(value: str) -> str:
    """Printed values compared without spaces and with every minus sign as hyphen-minus."""
    value = re.sub(r"\s+", "", value.replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " "))
    return value.replace("\u2013", "-").replace("\u2212", "-").replace("\u2014", "-")


def like(pattern: str) -> re.Pattern[str]:
    """SQL ILIKE pattern -> regex (% = any run, _ = one character)."""
    parts = [".*" if ch == "%" else "." if ch == "_" else re.escape(ch) for ch in pattern]
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def find_expected(row: dict[str, str]) -> list[tuple[str, str | None]]:
    """Every typed cell or narrative matching an expected_cells.csv row, with its scenario."""
    doc = documents()[row["file"]]
    label, year, value = like(row["label_like"]), int(row["fiscal_year"]), norm_value(row["as_printed"])
    hits: list[tuple[str, str | None]] = []
    for t in doc.tables:
        for row_label, cells in t.rows:
            if not label.fullmatch(row_label):
                continue
            for col, cell in zip(t.columns, cells, strict=True):
                if col.fiscal_year == year and cell and norm_value(cell) == value:
                    hits.append((f"table {t.title!r} row {row_label!r} column {col.header!r}", col.scenario))
    for n in doc.narratives:
        if n.fiscal_year == year and label.fullmatch(n.context) and norm_value(n.as_printed) == value:
            hits.append((f"narrative {n.context!r}", n.scenario))
    return hits


def test_every_document_of_the_corpus_is_typed():
    sources = sorted(p.name for p in FIXTURES.iterdir() if p.suffix in SOURCE_SUFFIXES)
    assert len(sources) == 15
    typed = sorted(documents())
    assert typed == sources
    assert sorted(p.stem for p in TABLES_DIR.glob("*.yaml")) == sorted(p.split(".")[0] for p in sources)


def test_municipality_codes_agree_with_expected_cells():
    for row in expected_rows():
        assert documents()[row["file"]].municipality == row["kommunkod"], row["file"]


@pytest.mark.parametrize(
    "row",
    [r for r in expected_rows() if not r["stretch"]],
    ids=lambda r: f"{r['file'].split('.')[0]}:{r['label_like']}:{r['fiscal_year']}:{r['as_printed']}",
)
def test_expected_cell_is_typed(row):
    hits = find_expected(row)
    assert hits, (
        f"{row['file']}: no typed cell or narrative labelled like {row['label_like']!r} in {row['fiscal_year']} "
        f"printed {row['as_printed']!r} ({row['note']})"
    )


@pytest.mark.parametrize(
    "row",
    [r for r in expected_rows() if r["stretch"]],
    ids=lambda r: f"{r['file'].split('.')[0]}:{r['label_like']}:{r['fiscal_year']}:{r['as_printed']}",
)
def test_stretch_cell_is_typed_too(row):
    # The glued pages are typed in full, so the stretch sample must agree as well.
    assert find_expected(row), (
        f"{row['file']}: {row['label_like']!r} {row['fiscal_year']} {row['as_printed']!r}"
    )


def test_scenarios_agree_with_expected_cells_except_the_documented_differences():
    disagree, listed = [], set()
    for row in expected_rows():
        hits = find_expected(row)
        key = (row["file"], row["label_like"], int(row["fiscal_year"]), row["as_printed"])
        scenarios = {s for _, s in hits}
        if hits and row["scenario"] not in scenarios:
            if key in SCENARIO_DIFFERENCES:
                listed.add(key)
            else:
                disagree.append((key, row["scenario"], sorted(map(str, scenarios))))
    assert not disagree
    assert listed == SCENARIO_DIFFERENCES, f"no longer a difference: {SCENARIO_DIFFERENCES - listed}"


def _normalized_lines(text: str, start_line: int) -> str:
    return re.sub(r"\s+", " ", "\n".join(text.split("\n")[start_line - 1 :]))


def _find_in_order(haystack: str, needles: list[str], start: int = 0) -> tuple[int, str | None]:
    pos = start
    for needle in needles:
        found = haystack.find(needle, pos)
        if found < 0:
            return pos, needle
        pos = found + len(needle)
    return pos, None


@pytest.mark.parametrize("file", sorted(f for f in documents() if f.endswith(".txt")))
def test_text_tables_read_in_document_order(file):
    """Each row's label and then its non-empty cells occur in this order in the source text, rows in order
    (whitespace runs, line breaks included, count as one space)."""
    doc = documents()[file]
    text = doc.path.read_text(encoding="utf-8")
    for t in doc.tables:
        body = _normalized_lines(text, max(1, t.first_line - 2))
        label_pos = 0
        for label, cells in t.rows:
            found = body.find(label, label_pos)
            assert found >= 0, f"{file} {t.title!r}: label {label!r} not found in order"
            label_pos = found + 1
            _, missing = _find_in_order(body, [c for c in cells if c], found + len(label))
            assert missing is None, (
                f"{file} {t.title!r} row {label!r}: cell {missing!r} not found after its label"
            )
    for n in doc.narratives:
        lines = text.split("\n")
        assert n.as_printed in lines[n.line - 1], f"{file}: {n.as_printed!r} not on line {n.line}"
        assert re.sub(r"\s+", " ", n.context) in re.sub(r"\s+", " ", text), f"{file}: context {n.context!r}"


@cache
def _pdf_pages(file: str) -> list[str]:
    pdfplumber = pytest.importorskip("pdfplumber")
    with pdfplumber.open(FIXTURES / file) as pdf:
        return [re.sub(r"\s+", " ", page.extract_text() or "") for page in pdf.pages]


@pytest.mark.parametrize("file", sorted(f for f in documents() if f.endswith(".pdf")))
def test_pdf_tables_occur_on_their_pages(file):
    """Each label's words are on the table's page, and each row's cells follow its first word in order
    (text cells compared without spaces: the PDF wraps words inside narrow cells)."""
    doc = documents()[file]
    pages = _pdf_pages(file)
    for t in doc.tables:
        page = pages[t.page - 1]
        squeezed = page.replace(" ", "")
        for label, cells in t.rows:
            for word in label.split():
                assert word in page, f"{file} p{t.page} {t.title!r}: label word {word!r} of {label!r}"
            start = page.find(label.split()[0])
            numbers = [c for c in cells if c and not re.search(r"[a-zåäö]{3}", c, re.IGNORECASE)]
            _, missing = _find_in_order(page, numbers, start)
            assert missing is None, f"{file} p{t.page} {t.title!r} row {label!r}: cell {missing!r}"
            for c in cells:
                if re.search(r"[a-zåäö]{3}", c, re.IGNORECASE):
                    # a text cell's lines interleave with its neighbours' in the page text: whole or word by word
                    assert c.replace(" ", "") in squeezed or all(w in page for w in c.split()), (
                        f"{file} p{t.page} row {label!r}: text cell {c!r}"
                    )
    for n in doc.narratives:
        page = pages[n.page - 1]
        assert n.as_printed in page and re.sub(r"\s+", " ", n.context) in page, (
            f"{file} p{n.page}: {n.context!r}"
        )


def test_a_row_with_the_wrong_number_of_cells_is_refused():
    with pytest.raises(
        TypedTableError, match=r"t\.yaml, table 1 'X', row 2 'Intäkter': 2 cells for 3 columns"
    ):
        parse_rows("Kostnader | 1 | 2 | 3\nIntäkter | 1 | 2   # a comment\n", 3, "t.yaml, table 1 'X'")


def test_comments_and_empty_cells_are_parsed():
    rows = parse_rows("# a whole-line comment\nA |  | – 52,0 |    # placed by: 1 + 1 = 2\n", 3, "t")
    assert rows == [("A", ["", "– 52,0", ""])]


def test_a_bad_vocabulary_names_file_table_and_column(tmp_path):
    bad = (
        (TABLES_DIR / "grastorp_resultatrakning2020.yaml")
        .read_text(encoding="utf-8")
        .replace("budget, amount", "budjet, amount")
    )
    path = tmp_path / "grastorp_resultatrakning2020.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(
        TypedTableError,
        match=r"grastorp_resultatrakning2020\.yaml, table 1 'Resultaträkning', column 2: scenario 'budjet'",
    ):
        load_document(path)
