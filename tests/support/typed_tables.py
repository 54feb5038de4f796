"""Load the hand-typed tables of the development corpus (tests/fixtures/corpus_dev/tables/*.yaml).

Every table of every document of tests/fixtures/corpus_dev was typed by reading the document (never from
extractor output); tests/fixtures/corpus_dev/tables/README.md describes the format and its conventions.
`load_all()` returns one `TypedDocument` per YAML file and validates each file on load: a row with the
wrong number of cells, a value outside a vocabulary or a missing field raises `TypedTableError` naming the
file, the table and the row.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "corpus_dev"
TABLES_DIR = FIXTURES / "tables"

DOCUMENT_KINDS = {"report", "budget"}
UNITS = {"tkr", "mnkr", "mdkr", "kr"}
SCENARIOS = {"utfall", "budget", "plan", "prognos"}
AMOUNT_KINDS = {
    "note",
    "percent",
    "amount",
    "income",
    "cost",
    "net",
    "allocation",
    "deviation",
    "change",
    "other",
}
ENTITIES = {"kommun", "koncern"}
PERIOD_KINDS = {"year", "part_year", "multi_year"}
NARRATIVE_KINDS = {"level", "change", "deviation", "approximate"}


class TypedTableError(ValueError):
    """A typed-table YAML file that does not follow the format."""


@dataclass(frozen=True)
class TypedColumn:
    fiscal_year: int | None
    scenario: str | None
    amount_kind: str
    reporting_entity: str
    period_kind: str
    header: str


@dataclass(frozen=True)
class TypedTable:
    title: str
    first_line: int | None  # text files: 1-based line of the first header line
    page: int | None  # the PDF: 1-based page
    unit: str | None
    money: bool
    columns: list[TypedColumn]
    rows: list[tuple[str, list[str]]]  # (label, one cell per column, "" when empty)

    def cell(self, label: str, column: int) -> str:
        """The cell of the first row labelled `label` in column `column` (0-based)."""
        for row_label, cells in self.rows:
            if row_label == label:
                return cells[column]
        raise KeyError(label)


@dataclass(frozen=True)
class TypedNarrative:
    line: int | None  # text files: 1-based line of the amount
    page: int | None  # the PDF: page of the amount
    as_printed: str
    unit: str
    fiscal_year: int
    scenario: str
    kind: str
    context: str


@dataclass(frozen=True)
class TypedDocument:
    file: str
    municipality: str
    document_year: int
    document_kind: str
    tables: list[TypedTable]
    narratives: list[TypedNarrative]

    @property
    def path(self) -> Path:
        return FIXTURES / self.file

    @property
    def is_pdf(self) -> bool:
        return self.file.lower().endswith(".pdf")


def _fail(where: str, message: str) -> TypedTableError:
    return TypedTableError(f"{where}: {message}")


def _strip_comment(line: str) -> str:
    """A row line may end with a comment: ` # placed by: ...` (or be a whole-line `# ...` comment)."""
    if line.lstrip().startswith("#"):
        return ""
    cut = line.find(" # ")
    return line[:cut] if cut >= 0 else line


def parse_rows(text: str | None, n_columns: int, where: str) -> list[tuple[str, list[str]]]:
    """Parse a `rows:` block: one printed row a line, `label | cell | cell ...`, cells stripped."""
    rows: list[tuple[str, list[str]]] = []
    if not text:
        return rows
    if not isinstance(text, str):
        raise _fail(where, f"rows must be a block of text, got {type(text).__name__}")
    for number, raw in enumerate(text.splitlines(), 1):
        line = _strip_comment(raw)
        if not line.strip():
            continue
        parts = line.split("|")
        label, cells = parts[0].strip(), [p.strip() for p in parts[1:]]
        row_where = f"{where}, row {number} {label!r}"
        if not label:
            raise _fail(row_where, "row without a label")
        if len(cells) != n_columns:
            raise _fail(row_where, f"{len(cells)} cells for {n_columns} columns: {raw.strip()!r}")
        if not any(cells):
            raise _fail(row_where, "row with no cell (heading rows are not listed)")
        rows.append((label, cells))
    return rows


def _column(spec: Any, money: bool, where: str) -> TypedColumn:
    if not isinstance(spec, list) or len(spec) != 6:
        raise _fail(
            where,
            f"a column is [fiscal_year, scenario, amount_kind, entity, period_kind, header], got {spec!r}",
        )
    fiscal_year, scenario, amount_kind, entity, period_kind, header = spec
    if fiscal_year is not None and (not isinstance(fiscal_year, int) or not 1990 <= fiscal_year <= 2100):
        raise _fail(where, f"fiscal_year {fiscal_year!r}")
    if scenario is not None and scenario not in SCENARIOS:
        raise _fail(where, f"scenario {scenario!r} not in {sorted(SCENARIOS)}")
    if amount_kind not in AMOUNT_KINDS:
        raise _fail(where, f"amount_kind {amount_kind!r} not in {sorted(AMOUNT_KINDS)}")
    if entity not in ENTITIES:
        raise _fail(where, f"reporting_entity {entity!r} not in {sorted(ENTITIES)}")
    if period_kind not in PERIOD_KINDS:
        raise _fail(where, f"period_kind {period_kind!r} not in {sorted(PERIOD_KINDS)}")
    if not isinstance(header, str) or not header.strip():
        raise _fail(where, f"header {header!r}")
    if amount_kind == "note" and (fiscal_year is not None or scenario is not None):
        raise _fail(where, "a note column has null fiscal_year and scenario")
    if money and amount_kind not in {"note", "percent"}:
        if fiscal_year is None:
            raise _fail(where, f"fiscal_year is null only for note and percent columns ({header!r})")
        if scenario is None and amount_kind != "other":
            raise _fail(where, f"scenario is null only for note, percent and text columns ({header!r})")
    return TypedColumn(fiscal_year, scenario, amount_kind, entity, period_kind, header)


def _table(spec: Any, is_pdf: bool, n_lines: int | None, where: str) -> TypedTable:
    if not isinstance(spec, dict):
        raise _fail(where, "a table is a mapping")
    allowed = {"title", "first_line", "page", "unit", "money", "columns", "rows"}
    if extra := set(spec) - allowed:
        raise _fail(where, f"unknown keys {sorted(extra)}")
    title = spec.get("title")
    if not isinstance(title, str) or not title.strip():
        raise _fail(where, "title missing")
    where = f"{where} {title!r}"
    first_line, page = spec.get("first_line"), spec.get("page")
    if is_pdf:
        if not isinstance(page, int) or page < 1 or first_line is not None:
            raise _fail(where, "a PDF table has `page:` (1-based) and no `first_line:`")
    else:
        if not isinstance(first_line, int) or first_line < 1 or page is not None:
            raise _fail(where, "a text table has `first_line:` (1-based) and no `page:`")
        if n_lines is not None and first_line > n_lines:
            raise _fail(where, f"first_line {first_line} beyond the file's {n_lines} lines")
    unit = spec.get("unit")
    if unit is not None and unit not in UNITS:
        raise _fail(where, f"unit {unit!r} not in {sorted(UNITS)} or null")
    money = spec.get("money")
    if not isinstance(money, bool):
        raise _fail(where, "money must be true or false")
    col_specs = spec.get("columns")
    if not isinstance(col_specs, list) or not col_specs:
        raise _fail(where, "columns missing")
    columns = [_column(c, money, f"{where}, column {i + 1}") for i, c in enumerate(col_specs)]
    rows = parse_rows(spec.get("rows"), len(columns), where)
    return TypedTable(title, first_line, page, unit, money, columns, rows)


def _narrative(spec: Any, is_pdf: bool, where: str) -> TypedNarrative:
    if not isinstance(spec, list) or len(spec) != 7:
        raise _fail(
            where,
            f"a narrative is [line, as_printed, unit, fiscal_year, scenario, kind, context], got {spec!r}",
        )
    position, as_printed, unit, fiscal_year, scenario, kind, context = spec
    if not isinstance(position, int) or position < 1:
        raise _fail(where, f"line/page {position!r}")
    if not isinstance(as_printed, str) or not as_printed:
        raise _fail(where, f"as_printed {as_printed!r} must be a quoted string")
    if unit not in UNITS:
        raise _fail(where, f"unit {unit!r} not in {sorted(UNITS)}")
    if not isinstance(fiscal_year, int):
        raise _fail(where, f"fiscal_year {fiscal_year!r}")
    if scenario not in SCENARIOS:
        raise _fail(where, f"scenario {scenario!r} not in {sorted(SCENARIOS)}")
    if kind not in NARRATIVE_KINDS:
        raise _fail(where, f"kind {kind!r} not in {sorted(NARRATIVE_KINDS)}")
    if not isinstance(context, str) or as_printed not in context:
        raise _fail(where, f"context {context!r} must contain the amount {as_printed!r}")
    return TypedNarrative(
        None if is_pdf else position,
        position if is_pdf else None,
        as_printed,
        unit,
        fiscal_year,
        scenario,
        kind,
        context,
    )


def load_document(path: Path) -> TypedDocument:
    """Load and validate one typed-table YAML file."""
    where = path.name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise _fail(where, f"not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise _fail(where, "top level must be a mapping")
    allowed = {"file", "municipality", "document_year", "document_kind", "tables", "narratives"}
    if extra := set(data) - allowed:
        raise _fail(where, f"unknown keys {sorted(extra)}")
    file = data.get("file")
    if not isinstance(file, str) or Path(file).stem != path.stem:
        raise _fail(where, f"file {file!r} does not match the YAML file name")
    source = FIXTURES / file
    if not source.is_file():
        raise _fail(where, f"source document {source} missing")
    is_pdf = file.lower().endswith(".pdf")
    n_lines = None if is_pdf else len(source.read_text(encoding="utf-8").splitlines())
    municipality = data.get("municipality")
    if not isinstance(municipality, str) or len(municipality) != 4 or not municipality.isdigit():
        raise _fail(where, f"municipality {municipality!r} must be a quoted 4-digit kommunkod")
    document_year = data.get("document_year")
    if not isinstance(document_year, int):
        raise _fail(where, f"document_year {document_year!r}")
    document_kind = data.get("document_kind")
    if document_kind not in DOCUMENT_KINDS:
        raise _fail(where, f"document_kind {document_kind!r} not in {sorted(DOCUMENT_KINDS)}")
    table_specs = data.get("tables") or []
    narrative_specs = data.get("narratives") or []
    if not isinstance(table_specs, list) or not isinstance(narrative_specs, list):
        raise _fail(where, "tables and narratives are lists")
    tables = [_table(t, is_pdf, n_lines, f"{where}, table {i + 1}") for i, t in enumerate(table_specs)]
    narratives = [_narrative(n, is_pdf, f"{where}, narrative {i + 1}") for i, n in enumerate(narrative_specs)]
    return TypedDocument(file, municipality, document_year, document_kind, tables, narratives)


def load_all(directory: Path = TABLES_DIR) -> list[TypedDocument]:
    """Every typed document, sorted by file name."""
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise TypedTableError(f"no typed tables in {directory}")
    return [load_document(p) for p in paths]
