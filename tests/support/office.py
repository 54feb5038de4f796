"""Budget documents made the way municipalities make them: an HTML page printed by Chromium, and
a word-processor document (flat ODT) exported to PDF by LibreOffice.

A :class:`Document` is a list of blocks (headings, paragraphs of running text, unit lines and
tables) with a running header and footer on every page. Its tables are word-processor tables: a
narrow label column whose long labels wrap onto two or three lines, value cells right-aligned,
and the cells of a row top-aligned (Writer's and Word's default: the numbers sit on the label's
first line) or bottom-aligned (the numbers sit on its last line). A short table is kept on one
page; a long one runs on over page breaks, its header row printed again on each page or once.
What a test expects is the document's own data: the labels and values it writes.

Both writers need an outside program; :func:`chromium` and :func:`soffice` return None where it
is missing, so a test can skip and say what to install.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .browser import find_browser


@dataclass(frozen=True)
class Row:
    label: str  # a "\n" is a line break typed in the cell (Shift+Enter)
    values: tuple[str, ...] = ()  # as printed, "" for an empty cell; none at all for a heading row
    indent: bool = False  # an item of a group, set in under its heading

    @property
    def is_heading(self) -> bool:
        return not self.values

    @property
    def text(self) -> str:
        """The label as one line: what a reader of the table reads."""
        return " ".join(self.label.split("\n"))


@dataclass(frozen=True)
class Table:
    columns: tuple[tuple[str, int], ...]  # (scenario word, year) over each value column
    rows: tuple[Row, ...]
    stub: str = ""  # the header cell over the labels ("Verksamhet", "Tkr")
    align: str = "top"  # top | middle | bottom: where a row's cells sit when its label wraps
    # A long table runs on over a page break (a row is never split); a short one is kept whole
    # on one page. Its header row is marked as the table's heading row (HTML's thead, Writer's
    # repeated heading rows), printed again on every page the table runs onto, or is a plain
    # first row, printed once.
    across_pages: bool = False
    repeat_header: bool = True


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class UnitLine:
    """A short line between a table's caption and the table: ``Belopp i tkr``."""

    text: str


Block = Heading | Paragraph | UnitLine | Table


@dataclass(frozen=True)
class Document:
    title: str
    running_header: str
    blocks: tuple[Block, ...]
    footer: str = "Sida {page} av {pages}"  # {page} and {pages} are the page number and count
    label_width_mm: float = 46.0
    column_width_mm: float = 16.0
    font_pt: float = 9.0
    cell_padding_pt: float = 2.0  # above and below a cell's text, as Writer's default 0,1 cm
    tables: tuple[Table, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "tables", tuple(b for b in self.blocks if isinstance(b, Table)))


# ---- the programs -------------------------------------------------------------------------------


def chromium() -> str | None:
    return find_browser()


def soffice() -> str | None:
    return next(filter(None, (shutil.which(n) for n in ("soffice", "libreoffice"))), None)


def chromium_or_skip() -> str:
    """The Chromium to print with, or the test skipped with what to install."""
    browser = chromium()
    if browser is None:
        pytest.skip(
            "no Chromium to print the HTML budget with (set KOMMUNBUDGET_BROWSER or install chromium)"
        )
    return browser


def printed_by_chromium(doc: Document, out_dir: Path) -> Path:
    """The document printed by Chromium, or the test skipped with what to install."""
    return print_with_chromium(doc, out_dir, chromium_or_skip())


def exported_by_libreoffice(doc: Document, out_dir: Path) -> Path:
    """The document exported by LibreOffice, or the test skipped with what to install."""
    program = soffice()
    if program is None:
        pytest.skip("no LibreOffice to export the ODT budget with (install libreoffice-writer)")
    return export_with_libreoffice(doc, out_dir, program)


def print_with_chromium(doc: Document, out_dir: Path, browser: str) -> Path:
    """The document as an HTML page, printed to PDF by headless Chromium."""
    return print_html_with_chromium(to_html(doc), out_dir, browser)


def print_html_with_chromium(
    page_html: str, out_dir: Path, browser: str, browser_header_footer: bool = False
) -> Path:
    """An HTML page printed to PDF by headless Chromium: with the page's own running header and
    footer only, or with Chromium's too (``browser_header_footer``: the date and title, the
    address and ``n/N``, as a user printing from the browser gets them)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    source = out_dir / "budget.html"
    source.write_text(page_html, encoding="utf-8")
    pdf = out_dir / "budget.pdf"
    subprocess.run(
        [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            *([] if browser_header_footer else ["--no-pdf-header-footer"]),
            f"--user-data-dir={out_dir / 'profile'}",
            f"--print-to-pdf={pdf}",
            source.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return pdf


def export_with_libreoffice(doc: Document, out_dir: Path, program: str) -> Path:
    """The document as a flat ODT, exported to PDF by headless LibreOffice."""
    out_dir.mkdir(parents=True, exist_ok=True)
    source = out_dir / "budget.fodt"
    source.write_text(to_fodt(doc), encoding="utf-8")
    subprocess.run(
        [
            program,
            f"-env:UserInstallation={(out_dir / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out_dir / "budget.pdf"


# ---- HTML ---------------------------------------------------------------------------------------


def _css_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def to_html(doc: Document) -> str:
    footer = (
        _css_text(doc.footer).replace("{page}", '" counter(page) "').replace("{pages}", '" counter(pages) "')
    )
    style = (
        "@page{size:A4;margin:22mm 18mm 20mm 18mm;"
        f"@top-left{{content:\"{_css_text(doc.running_header)}\";font:8pt 'Liberation Sans'}}"
        f"@bottom-right{{content:\"{footer}\";font:8pt 'Liberation Sans'}}}}"
        f"body{{font-family:'Liberation Sans',sans-serif;font-size:{doc.font_pt}pt;margin:0}}"
        "h1{font-size:18pt}h2{font-size:13pt;margin:14pt 0 4pt}h3{font-size:11pt;margin:12pt 0 3pt}"
        "p{margin:0 0 6pt}p.unit{margin:0 0 2pt}"
        "table{border-collapse:collapse;page-break-inside:avoid;margin-bottom:10pt}"
        "table.long{page-break-inside:auto}tr{break-inside:avoid}"
        f"td,th{{padding:{doc.cell_padding_pt}pt 3pt;border-bottom:0.5pt solid #aaa}}"
        "th{font-weight:bold;text-align:right;vertical-align:bottom}th.stub{text-align:left}"
        "td.n{text-align:right;white-space:nowrap}td.in{padding-left:10pt}"
    )
    parts = [f"<h1>{html.escape(doc.title)}</h1>"]
    for block in doc.blocks:
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}>{html.escape(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{html.escape(block.text)}</p>")
        elif isinstance(block, UnitLine):
            parts.append(f'<p class="unit">{html.escape(block.text)}</p>')
        else:
            parts.append(_html_table(doc, block))
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        f"<title>{html.escape(doc.title)}</title><style>{style}</style></head>"
        f"<body>{''.join(parts)}</body></html>"
    )


def _html_lines(text: str) -> str:
    return "<br>".join(html.escape(part) for part in text.split("\n"))


def _html_table(doc: Document, t: Table) -> str:
    cols = f'<col style="width:{doc.label_width_mm}mm">' + "".join(
        f'<col style="width:{doc.column_width_mm}mm">' for _ in t.columns
    )
    head = f'<th class="stub">{html.escape(t.stub)}</th>' + "".join(
        f"<th>{html.escape(s)}<br>{y}</th>" for s, y in t.columns
    )
    body = []
    for row in t.rows:
        label_class = ' class="in"' if row.indent else ""
        cells = row.values or ("",) * len(t.columns)
        body.append(
            f'<tr style="vertical-align:{t.align}"><td{label_class}>{_html_lines(row.label)}</td>'
            + "".join(f'<td class="n">{html.escape(v)}</td>' for v in cells)
            + "</tr>"
        )
    head_row = f"<thead><tr>{head}</tr></thead>" if t.repeat_header else f"<tr>{head}</tr>"
    long = ' class="long"' if t.across_pages else ""
    return f"<table{long}><colgroup>{cols}</colgroup>{head_row}{''.join(body)}</table>"


# ---- flat ODT (LibreOffice Writer) ----------------------------------------------------------------

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


def _x(text: str) -> str:
    return html.escape(text, quote=False)


def to_fodt(doc: Document) -> str:
    size = f"{doc.font_pt}pt"
    pad = f"{doc.cell_padding_pt}pt"
    table_width = doc.label_width_mm + doc.column_width_mm * max(
        (len(t.columns) for t in doc.tables), default=1
    )
    styles = f"""
<office:font-face-decls>
 <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0pt" fo:margin-bottom="0pt"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="{size}" fo:language="sv"
   fo:country="SE"/>
 </style:default-style>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="6pt"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="12pt"/>
  <style:text-properties fo:font-size="18pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"
  style:default-outline-level="2">
  <style:paragraph-properties fo:margin-top="14pt" fo:margin-bottom="4pt" fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="13pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph"
  style:default-outline-level="3">
  <style:paragraph-properties fo:margin-top="12pt" fo:margin-bottom="3pt" fo:keep-with-next="always"/>
  <style:text-properties fo:font-size="11pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Unit" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="2pt" fo:keep-with-next="always"/>
 </style:style>
 <style:style style:name="Header" style:family="paragraph">
  <style:text-properties fo:font-size="8pt"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end"/>
  <style:text-properties fo:font-size="8pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="210mm" fo:page-height="297mm" fo:margin-top="12mm"
   fo:margin-bottom="12mm" fo:margin-left="20mm" fo:margin-right="18mm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0mm" fo:margin-bottom="6mm"/>
  </style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0mm" fo:margin-top="6mm"/>
  </style:footer-style>
 </style:page-layout>
 <style:style style:name="Tab" style:family="table">
  <style:table-properties style:width="{table_width}mm" table:align="left" fo:margin-bottom="8pt"
   style:may-break-between-rows="false"/>
 </style:style>
 <style:style style:name="TabLong" style:family="table">
  <style:table-properties style:width="{table_width}mm" table:align="left" fo:margin-bottom="8pt"
   style:may-break-between-rows="true"/>
 </style:style>
 <style:style style:name="RowWhole" style:family="table-row">
  <style:table-row-properties fo:keep-together="always"/>
 </style:style>
 <style:style style:name="ColLabel" style:family="table-column">
  <style:table-column-properties style:column-width="{doc.label_width_mm}mm"/>
 </style:style>
 <style:style style:name="ColValue" style:family="table-column">
  <style:table-column-properties style:column-width="{doc.column_width_mm}mm"/>
 </style:style>
 <style:style style:name="CellTop" style:family="table-cell">
  <style:table-cell-properties fo:padding-top="{pad}" fo:padding-bottom="{pad}" fo:padding-left="2pt"
   fo:padding-right="2pt" style:vertical-align="top" fo:border-bottom="0.5pt solid #aaaaaa"/>
 </style:style>
 <style:style style:name="CellMiddle" style:family="table-cell">
  <style:table-cell-properties fo:padding-top="{pad}" fo:padding-bottom="{pad}" fo:padding-left="2pt"
   fo:padding-right="2pt" style:vertical-align="middle" fo:border-bottom="0.5pt solid #aaaaaa"/>
 </style:style>
 <style:style style:name="CellBottom" style:family="table-cell">
  <style:table-cell-properties fo:padding-top="{pad}" fo:padding-bottom="{pad}" fo:padding-left="2pt"
   fo:padding-right="2pt" style:vertical-align="bottom" fo:border-bottom="0.5pt solid #aaaaaa"/>
 </style:style>
 <style:style style:name="Label" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="LabelIn" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:margin-left="8pt"/>
 </style:style>
 <style:style style:name="Num" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="end"/>
 </style:style>
 <style:style style:name="Head" style:family="paragraph" style:parent-style-name="Standard">
  <style:paragraph-properties fo:text-align="end"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="HeadStub" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1">
  <style:header><text:p text:style-name="Header">{_x(doc.running_header)}</text:p></style:header>
  <style:footer><text:p text:style-name="Footer">{_fodt_footer(doc.footer)}</text:p></style:footer>
 </style:master-page>
</office:master-styles>"""
    body = [f'<text:p text:style-name="Title">{_x(doc.title)}</text:p>']
    for block in doc.blocks:
        if isinstance(block, Heading):
            body.append(
                f'<text:h text:style-name="Heading_20_{block.level}" text:outline-level="{block.level}">'
                f"{_x(block.text)}</text:h>"
            )
        elif isinstance(block, Paragraph):
            body.append(f'<text:p text:style-name="Text_20_body">{_x(block.text)}</text:p>')
        elif isinstance(block, UnitLine):
            body.append(f'<text:p text:style-name="Unit">{_x(block.text)}</text:p>')
        else:
            body.append(_fodt_table(block))
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<office:document {_NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">'
        f"{styles}<office:body><office:text>{''.join(body)}</office:text></office:body></office:document>"
    )


def _fodt_footer(footer: str) -> str:
    out = _x(footer)
    out = out.replace("{page}", '<text:page-number text:select-page="current"/>')
    return out.replace("{pages}", "<text:page-count/>")


def _fodt_table(t: Table) -> str:
    cell = f"Cell{t.align.title()}"

    def tc(text: str, para: str) -> str:
        lines = "<text:line-break/>".join(_x(part) for part in text.split("\n"))
        return (
            f'<table:table-cell table:style-name="{cell}" office:value-type="string">'
            f'<text:p text:style-name="{para}">{lines}</text:p></table:table-cell>'
        )

    head = tc(t.stub, "HeadStub") + "".join(
        f'<table:table-cell table:style-name="{cell}" office:value-type="string">'
        f'<text:p text:style-name="Head">{_x(s)}</text:p><text:p text:style-name="Head">{y}</text:p>'
        "</table:table-cell>"
        for s, y in t.columns
    )
    row_tag = '<table:table-row table:style-name="RowWhole">'
    head_row = f"{row_tag}{head}</table:table-row>"
    rows = [f"<table:table-header-rows>{head_row}</table:table-header-rows>" if t.repeat_header else head_row]
    for row in t.rows:
        cells = row.values or ("",) * len(t.columns)
        label = tc(row.label, "LabelIn" if row.indent else "Label")
        rows.append(f"{row_tag}{label}{''.join(tc(v, 'Num') for v in cells)}</table:table-row>")
    return (
        f'<table:table table:style-name="{"TabLong" if t.across_pages else "Tab"}">'
        '<table:table-column table:style-name="ColLabel"/>'
        f'<table:table-column table:style-name="ColValue" table:number-columns-repeated="{len(t.columns)}"/>'
        f"{''.join(rows)}</table:table>"
    )
