"""The one model both readers produce and the table logic consumes, and the records it lands.

A reader (text file or PDF) turns a document into :class:`Line` objects: the line's text, its
1-based number in the extracted text, its page where known, and its tokens. Tokens from a PDF
carry x positions in points; tokens from a text file carry character offsets, which keep the
empty-cell spacing some text layers encode but are not geometry (``Line.geometric`` says which).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    x0: float
    x1: float
    bold: bool = False
    size: float = 0.0  # PDF font size in points; 0 for text tokens


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based line in the extracted text
    text: str  # the line as extracted, without its newline
    tokens: tuple[Token, ...]
    page: int | None = None  # 1-based PDF page (or form-feed page of a text file), None if unknown
    geometric: bool = False  # token x positions are page coordinates (PDF), not character offsets
    top: float | None = None  # PDF: y of the line's top edge on its page

    @property
    def is_blank(self) -> bool:
        return not self.tokens

    @property
    def stripped(self) -> str:
        return self.text.strip()


@dataclass(frozen=True, slots=True)
class PageText:
    page_no: int
    kind: str  # pdf_page | text_form_feed | text_whole
    first_line: int
    last_line: int
    text: str


@dataclass(frozen=True, slots=True)
class DocumentText:
    """Everything a reader read from one file."""

    lines: tuple[Line, ...]
    pages: tuple[PageText, ...]
    file_format: str  # pdf | text
    encoding: str | None = None
    notes: tuple[str, ...] = ()


# ---- landed records -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DocumentMeta:
    municipality_code: str
    municipality_name: str
    municipality_source: str  # detected | option
    committee_name: str | None
    committee_source: str
    issuing_unit: str | None
    document_type: str | None
    document_title: str | None
    base_year: int | None
    base_year_source: str


@dataclass(frozen=True, slots=True)
class ColumnRecord:
    column_index: int
    fiscal_year: int | None  # None for note and percent columns, or a year-less table without base year
    year_is_inferred: bool
    scenario_as_printed: str | None
    header_text: str
    header_line: int | None
    x_anchor: float | None = None
    scenario: str | None = None  # utfall | budget | plan | prognos; None where not money
    scenario_is_inferred: bool = False  # no scenario word: from the document's kind and year
    amount_kind: str = (
        "amount"  # amount | income | cost | net | allocation | deviation | change | other | note | percent
    )
    reporting_entity: str = "kommun"  # kommun | koncern
    period_kind: str = "year"  # year | part_year | multi_year
    year_source: str = "header"  # header | group | title | relative | document | none

    @property
    def is_money(self) -> bool:
        return self.amount_kind not in ("note", "percent")


@dataclass(frozen=True, slots=True)
class CellRecord:
    column_index: int
    value_as_printed: str
    value_numeric: Decimal | None
    decimals: int
    is_no_value: bool
    source_line: int
    source_page: int | None
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RowRecord:
    row_index: int
    row_type: str  # heading | values | empty | unread (digits no reading fits: see its issue)
    label: str
    label_first_line: int
    label_last_line: int
    source_line: int
    source_page: int | None
    raw_text: str
    cells: tuple[CellRecord, ...] = ()
    alignment_method: str | None = None  # full | x_position | character_columns | totals | spacing | ...
    alignment_is_guess: bool = False
    alignment_note: str | None = None
    split_ambiguous: bool = False
    split_note: str | None = None
    reading_count: int = 1
    value_unit: str | None = None  # percent | not_money for a row whose values are not money (units.py)
    # The unit the row's label prints for its values (mnkr in "Nettoinvesteringar (mnkr)", percent
    # in "Soliditet, %", kr in "… per invånare (kr)"; a unit of seeds/units.csv). It governs the
    # row over the table's unit: a money row's cells are read in it. None where the label prints none.
    label_unit: str | None = None
    # The table's structure as the resolver reads it (extract/constraints.py), so that SQL need not
    # work it out again: the row's role (item | total | of_which | subtotal; for a heading
    # group_heading, change_marker or None), its breakdown (income | cost | assets |
    # equity_and_liabilities, from seeds/line_kind_patterns.csv) and its group of items.
    line_role: str | None = None
    breakdown: str | None = None
    group_no: int = 0


@dataclass(frozen=True, slots=True)
class TableRecord:
    table_no: int
    title: str
    title_line: int | None
    kind: str  # budget (money) | key_figures (no money: counts, shares, staff)
    unit_phrase: str | None
    unit: str | None  # tkr | mnkr | mdkr | kr | percent | staff | count | None
    header_first_line: int
    header_last_line: int
    first_line: int
    last_line: int
    source_page: int | None
    years_inferred: bool
    columns: tuple[ColumnRecord, ...]
    rows: tuple[RowRecord, ...]
    unit_is_inferred: bool = False
    unit_note: str | None = None  # why the unit is what it is, when no header printed it


@dataclass(frozen=True, slots=True)
class NarrativeRecord:
    amount_index: int
    sentence: str
    context_label: str
    value_as_printed: str
    value_numeric: Decimal
    decimals: int
    unit_as_printed: str
    unit: str  # tkr | mnkr | kr
    fiscal_year: int | None
    year_source: str  # sentence | document | none
    source_line: int
    source_page: int | None
    scenario: str | None = None  # utfall | budget | plan | prognos
    scenario_is_inferred: bool = True  # from the document's kind and year, not a word of the sentence
    amount_kind: str = "amount"  # amount | change | deviation
    is_approximate: bool = False  # "cirka 47,0 mnkr"
    reporting_entity: str = "kommun"  # kommun | koncern: whose figure the sentence says it is
    period_kind: str = "year"  # year | part_year (för perioden) | multi_year (för perioden 2024–2026)


@dataclass(frozen=True, slots=True)
class IssueRecord:
    severity: str  # error | warning | info
    code: str
    message: str
    source_line: int | None = None
    source_page: int | None = None
    raw_text: str | None = None
    table_no: int | None = None
    row_index: int | None = None


@dataclass(slots=True)
class ExtractionResult:
    """What one document yields; plain data so that it crosses process boundaries."""

    source_path: str
    source_file: str
    sha256: str
    size_bytes: int
    file_format: str
    encoding: str | None
    meta: DocumentMeta
    pages: tuple[PageText, ...]
    tables: tuple[TableRecord, ...]
    narratives: tuple[NarrativeRecord, ...]
    issues: tuple[IssueRecord, ...]
    line_count: int
    indicators: tuple = ()  # extract.indicators.IndicatorValue
    indicator_regions: tuple = ()  # extract.indicators.IndicatorRegion
    digit_line_count: int = 0
    duration_ms: int = 0
    stats: dict[str, int] = field(default_factory=dict)

    @property
    def cell_count(self) -> int:
        return sum(len(r.cells) for t in self.tables for r in t.rows)
