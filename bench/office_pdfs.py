"""A budget document as offices make them, printed to PDF the two common ways, with its truth.

One municipality's *Budget 2024 med plan 2025–2029*: an overview (a result budget in mnkr, the
net cost per committee), then a section per committee (``3.1 Barn- och ungdomsnämnden``, each on
a new page) with prose that states amounts and three tables, each under a caption
(``Driftbudget per verksamhet``, ``Intäkter och kostnader``, ``Investeringsbudget``) and a unit
line (``Belopp i tkr``). Every table has eight columns, ``Utfall 2022``, ``Budget 2023``,
``Budget 2024``, ``Plan 2025`` … ``Plan 2029``, right-aligned numbers with a space between
thousands and a minus sign, some labels long enough to wrap in their column, and totals that
equal their items (the committee's net cost is the same in its three places). Every page but
the first carries the document number at its top and ``Sida N av M`` at its foot.

It is written twice, as offices write it:

* **HTML printed by Chromium** (as from a web publishing tool): the numbers as the sv-SE
  locale formats them (U+00A0 between thousands, U+2212 minus), headers and footers as CSS
  page-margin boxes, table headers repeated on each page, no cell borders;
* **an ODT document exported by LibreOffice to .docx, and the .docx to PDF** (as from a word
  processor): the numbers as typed (a space between thousands, a hyphen minus), header and footer
  as page fields, a ruled grid, the header row repeated on each page.

The truth is the generator's own data (:class:`TruthCell`): every cell's section, caption, row
label, column (scenario word and year) and value as printed, and the amounts of the prose. It
never comes from reading a PDF. The same document is also written as a text layer
(:func:`text_layer`, laid out as ``pdftotext -layout`` lays out a page), for the text path.

Everything is seeded: the same parameters give the same documents. :func:`office_documents`
caches them under ``.bench-cache/office/<key>/``, keyed by the parameters and this file's text.
"""

from __future__ import annotations

import hashlib
import html
import json
import random
import shutil
import subprocess
import textwrap
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from tests.support.browser import find_browser

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".bench-cache" / "office"

MUNICIPALITY = "Uppsala kommun"
DOCUMENT_NUMBER = "Dnr KS 2023/0456"
TITLE = "Budget 2024 med plan 2025–2029"
COLUMNS = (("Utfall", 2022), ("Budget", 2023), ("Budget", 2024)) + tuple(
    ("Plan", y) for y in range(2025, 2030)
)

# Each committee with the activities of its Driftbudget, as Swedish budgets name them. Some
# labels are long enough to wrap in a label column of 5 cm at 8 pt: real budgets print them so.
COMMITTEES: dict[str, list[str]] = {
    "Kommunstyrelsen": [
        "Politisk verksamhet",
        "Kommunledning",
        "Ekonomi och upphandling",
        "Personal",
        "Digitalisering",
        "Kommunikation",
        "Näringsliv och turism",
        "Räddningstjänst i samverkan med kommunalförbundet",
    ],
    "Barn- och ungdomsnämnden": [
        "Förskola",
        "Pedagogisk omsorg",
        "Förskoleklass",
        "Grundskola årskurs 1–9",
        "Fritidshem",
        "Anpassad grundskola",
        "Modersmålsundervisning och studiehandledning på modersmål",
        "Skolskjuts",
        "Nämnd- och förvaltningsgemensam verksamhet inklusive central administration",
    ],
    "Utbildningsnämnden": [
        "Gymnasieskola",
        "Anpassad gymnasieskola",
        "Kommunal vuxenutbildning",
        "Svenska för invandrare",
        "Interkommunala ersättningar för gymnasieelever i andra kommuner",
        "Yrkeshögskola",
    ],
    "Socialnämnden": [
        "Individ- och familjeomsorg",
        "Ekonomiskt bistånd",
        "Missbruksvård för vuxna",
        "Barn och unga i behov av stöd och skydd, öppenvård och placeringar",
        "Familjerätt",
        "Flyktingmottagande",
    ],
    "Äldrenämnden": [
        "Särskilt boende",
        "Hemtjänst",
        "Dagverksamhet",
        "Hemsjukvård och rehabilitering i ordinärt boende",
        "Anhörigstöd",
        "Förebyggande verksamhet",
    ],
    "Omsorgsnämnden": [
        "Bostad med särskild service enligt LSS",
        "Daglig verksamhet",
        "Personlig assistans enligt LSS och SFB",
        "Korttidsvistelse",
        "Ledsagarservice och kontaktperson",
    ],
    "Kultur- och fritidsnämnden": [
        "Bibliotek",
        "Allmän kulturverksamhet",
        "Idrotts- och fritidsanläggningar",
        "Stöd till studieförbund och föreningar inom kultur och fritid",
        "Fritidsgårdar",
        "Kulturskola",
    ],
    "Tekniska nämnden": [
        "Gator och vägar",
        "Parker",
        "Gatubelysning",
        "Vinterväghållning",
        "Kollektivtrafik",
        "Mark- och exploateringsverksamhet inklusive förvaltning av skog och jordbruksmark",
    ],
    "Miljö- och byggnadsnämnden": [
        "Bygglov",
        "Miljö- och hälsoskydd",
        "Livsmedelskontroll",
        "Planverksamhet",
        "Kart- och mätverksamhet",
        "Bostadsanpassningsbidrag",
    ],
    "Arbetsmarknadsnämnden": [
        "Arbetsmarknadsåtgärder",
        "Feriearbeten för ungdomar",
        "Kommunalt aktivitetsansvar",
        "Etableringsinsatser för nyanlända",
        "Ungdomsgaranti och praktikplatser inom kommunens förvaltningar",
    ],
    "Överförmyndarnämnden": [
        "Arvoden till ställföreträdare",
        "Handläggning",
        "Utbildning av gode män",
    ],
    "Valnämnden": [
        "Val till riksdag, region och kommun",
        "Val till Europaparlamentet",
        "Nämndadministration",
    ],
}
INCOME_LINES = ["Statsbidrag", "Taxor och avgifter"]
COST_LINES = ["Personalkostnader", "Lokalkostnader", "Köp av verksamhet", "Övriga kostnader"]
INVESTMENTS = [
    "Inventarier",
    "IT-utrustning",
    "Ombyggnad av lokaler",
    "Energieffektivisering",
    "Fordon och maskiner",
    "Verksamhetssystem",
]
SUBHEADINGS = ["Uppdrag och verksamhet", "Omvärld och förutsättningar", "Ekonomi", "Investeringar", "Risker"]
TABLES_UNDER = {"Ekonomi": (0, 1), "Investeringar": (2,)}  # a committee's tables by their subheading
PROSE = [
    "Nämnden arbetar under planperioden med att utveckla verksamheten så att resurserna används "
    "där de gör störst nytta för invånarna.",
    "Kostnadsutvecklingen följs upp varje månad och avvikelser redovisas till nämnden tillsammans "
    "med förslag på åtgärder.",
    "Kompetensförsörjningen är en av de största utmaningarna de kommande åren, och arbetet med "
    "att behålla och rekrytera medarbetare prioriteras.",
    "Digitaliseringen ska ge invånarna enklare kontakter med kommunen och frigöra tid för kärnverksamheten.",
    "Lokalförsörjningen planeras tillsammans med fastighetsbolaget så att lokalerna används "
    "effektivt och anpassas efter behoven.",
    "Samverkan med andra nämnder, regionen och civilsamhället stärker verksamhetens kvalitet och "
    "bidrar till en trygg och jämlik kommun.",
    "Befolkningen växer och förändras, vilket påverkar efterfrågan på verksamhetens tjänster "
    "under hela planperioden.",
    "Prisutvecklingen och de avtalsenliga lönerna ryms inom ramen, medan volymförändringar "
    "hanteras genom omprioriteringar.",
    "Klimatarbetet fortsätter med fokus på energieffektivisering, hållbara transporter och "
    "minskad förbrukning av material.",
    "Uppföljningen av målen sker i delårsrapporten och i årsredovisningen, där nämnden redovisar "
    "hur uppdragen har genomförts.",
    "Risker i verksamheten bedöms årligen i den interna kontrollplanen, och de väsentligaste "
    "riskerna följs upp av nämnden.",
    "Arbetsmiljön och hälsan bland medarbetarna är avgörande för en god kvalitet, och "
    "sjukfrånvaron ska fortsätta att minska.",
]


def printed(units: int, decimals: int, minus: str, group: str) -> str:
    """An amount as the document prints it: ``units`` in the last printed digit (tenths for one
    decimal), thousands apart by ``group``, a comma before decimals, ``minus`` before negatives."""
    whole, frac = divmod(abs(units), 10**decimals)
    text = f"{whole:,}".replace(",", group) + (f",{frac:0{decimals}d}" if decimals else "")
    return (minus if units < 0 else "") + text


# ---- the document and its truth ---------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    section: str  # the heading the table sits under: "3.1 Barn- och ungdomsnämnden"
    caption: str  # "Driftbudget per verksamhet"
    unit_line: str  # "Belopp i tkr"
    stub: str  # the header over the label column
    decimals: int
    rows: tuple[tuple[str, tuple[int, ...]], ...]  # label, amounts in the last printed digit
    heading: str = ""  # the nearest heading above it (a committee's subheading, else the section)


@dataclass(frozen=True)
class Narrative:
    sentence: str
    value: str  # as printed
    unit: str


@dataclass
class Document:
    blocks: list[tuple[str, object]] = field(default_factory=list)  # (h1|h2|h3|p|table|break, ...)
    tables: list[Table] = field(default_factory=list)
    narratives: list[Narrative] = field(default_factory=list)

    def table(self, table: Table) -> None:
        table = table if table.heading else replace(table, heading=table.section)
        self.blocks.append(("table", table))
        self.tables.append(table)


@dataclass(frozen=True)
class Style:
    """How one office writes numbers: the HTML tool by the sv-SE locale, the typist by hand."""

    name: str
    minus: str
    group: str


CHROMIUM_STYLE = Style("chromium", "\u2212", "\u00a0")
LIBREOFFICE_STYLE = Style("libreoffice", "-", " ")
TEXT_STYLE = Style("text", "\u2212", " ")  # a text layer: what pdftotext writes for either
STYLES = (CHROMIUM_STYLE, LIBREOFFICE_STYLE, TEXT_STYLE)


@dataclass(frozen=True)
class Params:
    seed: int = 2024
    committees: int = 12
    paragraphs: int = 9  # per subheading of a committee section


def _series(rng: random.Random, base: int, n: int = len(COLUMNS)) -> list[int]:
    """A budget line over the years: a base with the small yearly changes budgets show."""
    out, v = [], base
    for _ in range(n):
        out.append(v)
        v = round(v * rng.uniform(0.98, 1.06))
    return out


def _sum(rows: list[list[int]]) -> list[int]:
    return [sum(col) for col in zip(*rows, strict=True)]


def _prose(rng: random.Random, count: int) -> list[str]:
    return [" ".join(rng.sample(PROSE, rng.randint(2, 4))) for _ in range(count)]


def _mnkr(tkr: int) -> str:
    """tkr as a sentence states it in mnkr with one decimal (the unit's own rounding)."""
    return printed(round(tkr / 100), 1, "\u2212", " ")


def committee_tables(rng: random.Random, number: str, committee: str) -> list[Table]:
    section = f"{number} {committee}"
    scale = rng.choice([3_000, 12_000, 40_000, 90_000])
    activities = COMMITTEES[committee]
    drift = [_series(rng, rng.randint(scale // 8, scale)) for _ in activities]
    total = _sum(drift)
    # The same net cost by kind: income and costs adding up to the Summa, personnel (the largest
    # cost, as in every committee) the rest.
    incomes = [[-v for v in _series(rng, rng.randint(total[0] // 30, total[0] // 8))] for _ in INCOME_LINES]
    others = [_series(rng, rng.randint(total[0] // 20, total[0] // 8)) for _ in COST_LINES[1:]]
    costs = [[t - s for t, s in zip(total, _sum(incomes + others), strict=True)], *others]
    investments = []
    for _ in range(rng.randint(3, 5)):
        ends = rng.randint(5, len(COLUMNS))  # a project ends: 0 in its later years
        line = [rng.randrange(100, scale // 10 + 200, 100) for _ in COLUMNS]
        line[0] = rng.randint(50, scale // 10 + 200)  # the outcome is not round
        investments.append([v if i < ends else 0 for i, v in enumerate(line)])
    labels = rng.sample(INVESTMENTS, len(investments))
    return [
        Table(
            section,
            "Driftbudget per verksamhet",
            "Belopp i tkr",
            "Verksamhet",
            0,
            (*zip(activities, map(tuple, drift), strict=True), ("Summa", tuple(total))),
        ),
        Table(
            section,
            "Intäkter och kostnader",
            "Belopp i tkr",
            "",
            0,
            (
                *zip(INCOME_LINES + COST_LINES, map(tuple, incomes + costs), strict=True),
                ("Summa nettokostnad", tuple(total)),
            ),
        ),
        Table(
            section,
            "Investeringsbudget",
            "Belopp i tkr",
            "Projekt",
            0,
            (
                *zip(labels, map(tuple, investments), strict=True),
                ("Summa investeringar", tuple(_sum(investments))),
            ),
        ),
    ]


def result_budget(rng: random.Random, net_cost_tenths: list[int]) -> Table:
    """Resultatbudget in mnkr with one decimal: each subtotal the one above plus the lines between."""
    income = [round(v * rng.uniform(0.16, 0.2)) for v in net_cost_tenths]
    depreciation = [-round(v * 0.04) for v in net_cost_tenths]
    costs = [-(n + i + d) for n, i, d in zip(net_cost_tenths, income, depreciation, strict=True)]
    net = [i + c + d for i, c, d in zip(income, costs, depreciation, strict=True)]
    taxes = [round(-n * rng.uniform(0.78, 0.8)) for n in net]
    grants = [round(-n * rng.uniform(0.21, 0.23)) for n in net]
    operating = [n + t + g for n, t, g in zip(net, taxes, grants, strict=True)]
    fin_in = [rng.randint(300, 900) for _ in COLUMNS]
    fin_out = [-rng.randint(500, 1_500) for _ in COLUMNS]
    result = [o + a + b for o, a, b in zip(operating, fin_in, fin_out, strict=True)]
    rows = [
        ("Verksamhetens intäkter", income),
        ("Verksamhetens kostnader", costs),
        ("Avskrivningar", depreciation),
        ("Verksamhetens nettokostnad", net),
        ("Skatteintäkter", taxes),
        ("Generella statsbidrag och utjämning", grants),
        ("Verksamhetens resultat", operating),
        ("Finansiella intäkter", fin_in),
        ("Finansiella kostnader", fin_out),
        ("Årets resultat", result),
    ]
    return Table(
        "2 Ekonomisk översikt",
        "Resultatbudget",
        "Belopp i mnkr",
        "",
        1,
        tuple((label, tuple(values)) for label, values in rows),
    )


def build_document(params: Params) -> Document:
    rng = random.Random(params.seed)
    committees = list(COMMITTEES)[: params.committees]
    doc = Document()
    sections = {c: committee_tables(rng, f"3.{i}", c) for i, c in enumerate(committees, start=1)}
    net_tkr = {c: list(tables[0].rows[-1][1]) for c, tables in sections.items()}
    per_committee = [[round(v / 100) for v in net_tkr[c]] for c in committees]  # tenths of mnkr

    doc.blocks += [("title", TITLE), ("p", f"{MUNICIPALITY}. Kommunfullmäktiges beslut 2023-11-27.")]
    doc.blocks += [("break", None), ("h1", "1 Inledning")]
    doc.blocks += [("p", t) for t in _prose(rng, params.paragraphs)]
    doc.blocks += [("break", None), ("h1", "2 Ekonomisk översikt")]
    doc.blocks += [("p", t) for t in _prose(rng, 2)]
    doc.table(result_budget(rng, [sum(col) for col in zip(*per_committee, strict=True)]))
    doc.blocks += [("p", t) for t in _prose(rng, 2)]
    doc.table(
        Table(
            "2 Ekonomisk översikt",
            "Nettokostnad per nämnd",
            "Belopp i mnkr",
            "Nämnd",
            1,
            (
                *zip(committees, map(tuple, per_committee), strict=True),
                ("Summa nämnder", tuple(_sum(per_committee))),
            ),
        )
    )
    doc.blocks += [("h1", "3 Nämndernas budget")]
    for committee in committees:
        tables = sections[committee]
        section = tables[0].section
        total, invest = tables[0].rows[-1][1], tables[2].rows[-1][1]
        change = total[2] - total[1]
        frame = Narrative(
            f"{committee}s ram för 2024 uppgår till {_mnkr(total[2])} mnkr, vilket är "
            f"{_mnkr(abs(change))} mnkr {'mer' if change >= 0 else 'mindre'} än budget 2023.",
            _mnkr(total[2]),
            "mnkr",
        )
        investing = Narrative(
            f"Investeringarna under 2024 beräknas till {printed(invest[2], 0, '', ' ')} tkr.",
            printed(invest[2], 0, "", " "),
            "tkr",
        )
        doc.narratives += [frame, investing]
        doc.blocks += [("break", None), ("h2", section)]
        for heading in SUBHEADINGS:
            doc.blocks.append(("h3", heading))
            paragraphs = _prose(rng, params.paragraphs)
            lead = {"Ekonomi": frame, "Investeringar": investing}.get(heading)
            if lead:
                paragraphs[0] = f"{lead.sentence} {paragraphs[0]}"
            doc.blocks += [("p", t) for t in paragraphs[:2]]
            for k in TABLES_UNDER.get(heading, ()):
                doc.table(replace(tables[k], heading=heading))
                doc.blocks.append(("p", paragraphs[-1]))
            doc.blocks += [("p", t) for t in paragraphs[2:-1]]
    return doc


@dataclass(frozen=True)
class TruthCell:
    section: str
    heading: str
    caption: str
    label: str
    scenario: str  # as printed: Utfall | Budget | Plan
    year: int
    value: str  # as printed
    table: int  # the table's index in the document


def truth_cells(doc: Document, style: Style) -> list[TruthCell]:
    return [
        TruthCell(
            t.section,
            t.heading,
            t.caption,
            label,
            scenario,
            year,
            printed(v, t.decimals, style.minus, style.group),
            k,
        )
        for k, t in enumerate(doc.tables)
        for label, values in t.rows
        for (scenario, year), v in zip(COLUMNS, values, strict=True)
    ]


# ---- HTML, for Chromium -----------------------------------------------------------------------


def to_html(doc: Document, style: Style = CHROMIUM_STYLE) -> str:
    e = html.escape
    parts = []
    for kind, item in doc.blocks:
        if kind == "title":
            parts.append(f'<h1 class="title">{e(item)}</h1>')
        elif kind in ("h1", "h2", "h3"):
            parts.append(f"<{kind}>{e(item)}</{kind}>")
        elif kind == "p":
            parts.append(f"<p>{e(item)}</p>")
        elif kind == "break":
            parts.append('<div class="break"></div>')
        elif kind == "table":
            parts.append(_html_table(item, style))
    css = (
        "@page{size:A4;margin:20mm 15mm 18mm;"
        f'@top-right{{content:"{DOCUMENT_NUMBER}";font:8pt DejaVu Sans}}'
        '@bottom-right{content:"Sida " counter(page) " av " counter(pages);font:8pt DejaVu Sans}}'
        "@page:first{@top-right{content:none}@bottom-right{content:none}}"
        "body{font:10pt/1.35 'DejaVu Sans',sans-serif;margin:0}"
        "h1{font-size:16pt;margin:0 0 4mm}h1.title{font-size:24pt;margin-top:90mm}"
        "h2{font-size:13pt;margin:0 0 3mm}h3{font-size:11pt;margin:5mm 0 2mm}"
        ".break{break-before:page}p{margin:0 0 2.5mm}"
        "p.caption{font-weight:bold;margin:4mm 0 0;break-after:avoid}"
        "p.unit{font-size:8pt;font-style:italic;margin:0 0 1mm;break-after:avoid}"
        "table{border-collapse:collapse;font-size:8pt;margin-bottom:4mm}"
        "thead{display:table-header-group}tr{break-inside:avoid}"
        "th,td{padding:0.6mm 1mm;vertical-align:top}"
        "th{border-bottom:0.75pt solid #000}td.num,th.num{text-align:right;width:16mm}"
        "td.label,th.label{text-align:left;width:48mm}"
        "tr.total td{border-top:0.75pt solid #000;font-weight:bold}"
    )
    return (
        f'<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>{e(TITLE)}</title>'
        f"<style>{css}</style></head><body>{''.join(parts)}</body></html>"
    )


def _html_table(t: Table, style: Style) -> str:
    e = html.escape
    head = f'<th class="label">{e(t.stub)}</th>' + "".join(
        f'<th class="num">{word} {year}</th>' for word, year in COLUMNS
    )
    body = []
    for i, (label, values) in enumerate(t.rows):
        total = ' class="total"' if i == len(t.rows) - 1 else ""
        cells = "".join(
            f'<td class="num">{printed(v, t.decimals, style.minus, style.group)}</td>' for v in values
        )
        body.append(f'<tr{total}><td class="label">{e(label)}</td>{cells}</tr>')
    return (
        f'<p class="caption">{e(t.caption)}</p><p class="unit">{e(t.unit_line)}</p>'
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


# ---- ODT, for LibreOffice ---------------------------------------------------------------------

_ODT_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)


def _pstyle(name: str, paragraph: str = "", text: str = "", parent: str = "Standard", extra: str = "") -> str:
    return (
        f'<style:style style:name="{name}" style:family="paragraph" '
        f'style:parent-style-name="{parent}"{extra}>'
        f"<style:paragraph-properties {paragraph}/><style:text-properties {text}/></style:style>"
    )


def to_fodt(doc: Document, style: Style = LIBREOFFICE_STYLE) -> str:
    """The document as a flat ODT file: styles, a master page with its header and footer, the body."""
    keep = 'fo:keep-with-next="always"'
    styles = "".join(
        [
            '<style:default-style style:family="paragraph"><style:text-properties '
            'style:font-name="Liberation Sans" fo:font-size="10pt" fo:language="sv" fo:country="SE"/>'
            "</style:default-style>",
            '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>',
            _pstyle("Text_20_body", 'fo:margin-bottom="0.2cm" fo:line-height="120%"'),
            _pstyle("Title", 'fo:margin-top="9cm"', 'fo:font-size="24pt" fo:font-weight="bold"'),
            _pstyle(
                "Heading_20_1",
                f'fo:margin-bottom="0.4cm" {keep}',
                'fo:font-size="16pt" fo:font-weight="bold"',
                extra=' style:default-outline-level="1"',
            ),
            _pstyle(
                "Heading_20_2",
                f'fo:margin-bottom="0.3cm" {keep}',
                'fo:font-size="13pt" fo:font-weight="bold"',
                extra=' style:default-outline-level="2"',
            ),
            _pstyle(
                "Heading_20_3",
                f'fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" {keep}',
                'fo:font-size="11pt" fo:font-weight="bold"',
                extra=' style:default-outline-level="3"',
            ),
            _pstyle("Caption", f'fo:margin-top="0.3cm" {keep}', 'fo:font-weight="bold"'),
            _pstyle("Unit", f'fo:margin-bottom="0.1cm" {keep}', 'fo:font-size="8pt" fo:font-style="italic"'),
            _pstyle("Table_20_Label", "", 'fo:font-size="8pt"'),
            _pstyle("Table_20_Number", 'fo:text-align="end"', 'fo:font-size="8pt"'),
            _pstyle("Table_20_Head", "", 'fo:font-size="8pt" fo:font-weight="bold"'),
            _pstyle(
                "Table_20_Head_20_Number", 'fo:text-align="end"', 'fo:font-size="8pt" fo:font-weight="bold"'
            ),
            _pstyle("Header", 'fo:text-align="end"', 'fo:font-size="8pt"'),
            _pstyle("Footer", 'fo:text-align="end"', 'fo:font-size="8pt"'),
        ]
    )
    automatic = "".join(
        [
            '<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" '
            'fo:page-height="29.7cm" fo:margin-top="1.2cm" fo:margin-bottom="1.2cm" fo:margin-left="2cm" '
            'fo:margin-right="2cm"/><style:header-style><style:header-footer-properties fo:min-height="0cm" '
            'fo:margin-bottom="0.6cm"/></style:header-style><style:footer-style>'
            '<style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.6cm"/></style:footer-style>'
            "</style:page-layout>",
            '<style:page-layout style:name="pm2"><style:page-layout-properties fo:page-width="21cm" '
            'fo:page-height="29.7cm" fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" '
            'fo:margin-right="2cm"/></style:page-layout>',
            '<style:style style:name="Break" style:family="paragraph" style:parent-style-name="Standard">'
            '<style:paragraph-properties fo:break-before="page"/></style:style>',
            '<style:style style:name="Tbl" style:family="table"><style:table-properties style:width="17cm" '
            'table:align="left" fo:margin-bottom="0.3cm"/></style:style>',
            '<style:style style:name="TblLabel" style:family="table-column">'
            '<style:table-column-properties style:column-width="5cm"/></style:style>',
            '<style:style style:name="TblNumber" style:family="table-column">'
            '<style:table-column-properties style:column-width="1.5cm"/></style:style>',
            '<style:style style:name="TblRow" style:family="table-row">'
            '<style:table-row-properties fo:keep-together="always"/></style:style>',
            '<style:style style:name="TblCell" style:family="table-cell"><style:table-cell-properties '
            'fo:padding="0.05cm" fo:border="0.5pt solid #000000"/></style:style>',
        ]
    )
    master = (
        '<style:master-page style:name="Standard" style:page-layout-name="pm1">'
        f'<style:header><text:p text:style-name="Header">{DOCUMENT_NUMBER}</text:p></style:header>'
        '<style:footer><text:p text:style-name="Footer">Sida <text:page-number text:select-page="current"/> '
        "av <text:page-count/></text:p></style:footer></style:master-page>"
        '<style:master-page style:name="First_20_Page" style:display-name="First Page" '
        'style:page-layout-name="pm2" style:next-style-name="Standard"/>'
    )
    body, page_break = [], False
    e = html.escape
    for kind, item in doc.blocks:
        if kind == "break":
            page_break = True
            continue
        if kind == "title":
            body.append(f'<text:p text:style-name="Title">{e(item)}</text:p>')
        elif kind in ("h1", "h2", "h3"):
            level = kind[1]
            if page_break:
                body.append('<text:p text:style-name="Break"/>')
            heading = f'text:style-name="Heading_20_{level}" text:outline-level="{level}"'
            body.append(f"<text:h {heading}>{e(item)}</text:h>")
        elif kind == "p":
            body.append(f'<text:p text:style-name="Text_20_body">{e(item)}</text:p>')
        elif kind == "table":
            body.append(_odt_table(item, style, len(body)))
        page_break = False
    # The first page uses the master page without header and footer, as a cover does.
    body[0] = body[0].replace('text:style-name="Title"', 'text:style-name="TitleFirst"', 1)
    automatic += (
        '<style:style style:name="TitleFirst" style:family="paragraph" style:parent-style-name="Title" '
        'style:master-page-name="First_20_Page"/>'
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document {_ODT_NS} office:version="1.3" '
        'office:mimetype="application/vnd.oasis.opendocument.text">'
        '<office:font-face-decls><style:font-face style:name="Liberation Sans" '
        'svg:font-family="\'Liberation Sans\'" style:font-family-generic="swiss"/></office:font-face-decls>'
        f"<office:styles>{styles}</office:styles><office:automatic-styles>{automatic}</office:automatic-styles>"
        f"<office:master-styles>{master}</office:master-styles>"
        f"<office:body><office:text>{''.join(body)}</office:text></office:body></office:document>\n"
    )


def _odt_table(t: Table, style: Style, n: int) -> str:
    e = html.escape

    def cell(text: str, paragraph: str) -> str:
        return (
            f'<table:table-cell table:style-name="TblCell" office:value-type="string">'
            f'<text:p text:style-name="{paragraph}">{e(text)}</text:p></table:table-cell>'
        )

    head = cell(t.stub, "Table_20_Head") + "".join(
        cell(f"{word} {year}", "Table_20_Head_20_Number") for word, year in COLUMNS
    )
    rows = "".join(
        f'<table:table-row table:style-name="TblRow">{cell(label, "Table_20_Label")}'
        + "".join(cell(printed(v, t.decimals, style.minus, style.group), "Table_20_Number") for v in values)
        + "</table:table-row>"
        for label, values in t.rows
    )
    return (
        f'<text:p text:style-name="Caption">{e(t.caption)}</text:p>'
        f'<text:p text:style-name="Unit">{e(t.unit_line)}</text:p>'
        f'<table:table table:name="Tabell{n}" table:style-name="Tbl">'
        '<table:table-column table:style-name="TblLabel"/>'
        f'<table:table-column table:style-name="TblNumber" table:number-columns-repeated="{len(COLUMNS)}"/>'
        f"<table:table-header-rows><table:table-row>{head}</table:table-row></table:table-header-rows>"
        f"{rows}</table:table>"
    )


# ---- the text layer ---------------------------------------------------------------------------

LABEL_WIDTH = 40
NUMBER_WIDTH = 12
LINES_PER_PAGE = 64
PAGE_WIDTH = LABEL_WIDTH + NUMBER_WIDTH * len(COLUMNS)


def _wrap(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` characters, broken at spaces only (a long word stands alone)."""
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False) or [""]


def text_layer(doc: Document, style: Style = TEXT_STYLE) -> str:
    """The document as ``pdftotext -layout`` writes a PDF like it: pages apart by form feeds, each
    with the document number at its top and ``Sida N av M`` at its foot; a table header's two
    words stacked as a narrow column wraps them; a long label wrapped, its amounts on its first line."""
    pages: list[list[str]] = [[]]

    def new_page() -> None:
        if pages[-1]:
            pages.append([])

    def add(lines: list[str], keep: bool = False) -> None:
        if len(pages[-1]) + len(lines) > LINES_PER_PAGE - 4 and (keep or len(lines) <= 3):
            new_page()
        pages[-1].extend(lines)

    for kind, item in doc.blocks:
        if kind == "break":
            new_page()
        elif kind in ("title", "h1", "h2", "h3"):
            add(["", item, ""], keep=True)
        elif kind == "p":
            add([*_wrap(item, PAGE_WIDTH), ""])
        elif kind == "table":
            t: Table = item
            add([t.caption, t.unit_line], keep=True)
            head = [
                f"{t.stub:<{LABEL_WIDTH}}" + "".join(f"{w:>{NUMBER_WIDTH}}" for w, _ in COLUMNS),
                " " * LABEL_WIDTH + "".join(f"{y:>{NUMBER_WIDTH}}" for _, y in COLUMNS),
            ]
            add(head, keep=True)
            for label, values in t.rows:
                numbers = "".join(
                    f"{printed(v, t.decimals, style.minus, style.group):>{NUMBER_WIDTH}}" for v in values
                )
                label_lines = _wrap(label, LABEL_WIDTH - 2)
                row = [f"{label_lines[0]:<{LABEL_WIDTH}}{numbers}", *label_lines[1:]]
                if len(pages[-1]) + len(row) > LINES_PER_PAGE - 4:
                    new_page()
                    pages[-1].extend(head)  # the header row repeats on the next page
                pages[-1].extend(row)
            add([""])
    total = len(pages)
    out = []
    for n, lines in enumerate(pages, start=1):
        if n > 1:
            lines = [f"{DOCUMENT_NUMBER:>{PAGE_WIDTH}}", "", *lines]
            lines += [""] * (LINES_PER_PAGE - 2 - len(lines)) + [f"{f'Sida {n} av {total}':>{PAGE_WIDTH}}"]
        out.append("\n".join(lines))
    return "\f".join(out) + "\n"


# ---- printing ---------------------------------------------------------------------------------


def print_html(pairs: list[tuple[Path, Path]]) -> None:
    """Print each HTML file to its PDF with one Chromium (page size and margins from the CSS)."""
    from playwright.sync_api import sync_playwright

    browser_path = find_browser()
    if browser_path is None:
        raise RuntimeError("no Chromium (install chromium, or set KOMMUNBUDGET_BROWSER)")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=browser_path, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        try:
            page = browser.new_page()
            for source, pdf in pairs:
                page.goto(source.resolve().as_uri())
                page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
        finally:
            browser.close()


def libreoffice_pdf(fodt: Path, out: Path) -> Path:
    """ODT → .docx → PDF with LibreOffice, as a word processor's user exports it."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("no LibreOffice (apt-get install libreoffice-writer-nogui)")
    profile = f"-env:UserInstallation={(out / 'lo-profile').resolve().as_uri()}"
    for source, target in ((fodt, 'docx:"MS Word 2007 XML"'), (out / f"{fodt.stem}.docx", "pdf")):
        subprocess.run(
            [
                soffice,
                profile,
                "--headless",
                "--convert-to",
                target.replace('"', ""),
                "--outdir",
                str(out),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=600,
        )
    return out / f"{fodt.stem}.pdf"


@dataclass
class OfficeSet:
    """The cached documents of one parameter set, and what failed to print (tool: reason)."""

    folder: Path
    params: Params
    pdfs: dict[str, Path]  # chromium | libreoffice -> PDF
    text: Path  # the generator's text layer
    truth: dict[str, list[TruthCell]]  # style name -> cells
    narratives: list[Narrative]
    tables: list[Table]
    skipped: dict[str, str] = field(default_factory=dict)


def cache_key(params: Params) -> str:
    source = Path(__file__).read_bytes()
    return hashlib.sha256(source + json.dumps(asdict(params)).encode()).hexdigest()[:12]


def fresh_cache(parent: Path, key: str) -> Path:
    """The cache folder of ``key`` under ``parent``; folders of other keys (older generators or
    parameters) are removed, so the cache holds one set."""
    parent.mkdir(parents=True, exist_ok=True)
    for old in parent.iterdir():
        if old.name != key and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    folder = parent / key
    folder.mkdir(exist_ok=True)
    return folder


def office_documents(params: Params = Params(), cache: Path = CACHE) -> OfficeSet:
    """Write (or find in the cache) the document as HTML, ODT and text, and print both PDFs.
    A missing Chromium or LibreOffice skips its PDF and says why (``OfficeSet.skipped``)."""
    folder = fresh_cache(cache, cache_key(params))
    doc = build_document(params)
    html_file, fodt_file, text_file = folder / "budget.html", folder / "budget.fodt", folder / "budget.txt"
    html_file.write_text(to_html(doc), encoding="utf-8")
    fodt_file.write_text(to_fodt(doc), encoding="utf-8")
    text_file.write_text(text_layer(doc), encoding="utf-8")
    skipped: dict[str, str] = {}
    pdfs = {"chromium": folder / "budget_chromium.pdf", "libreoffice": folder / "budget.pdf"}
    if not pdfs["chromium"].exists():
        try:
            print_html([(html_file, pdfs["chromium"])])
        except Exception as exc:  # no browser, or playwright cannot drive it: say so, go on
            skipped["chromium"] = f"{type(exc).__name__}: {exc}"
    if not pdfs["libreoffice"].exists():
        try:
            libreoffice_pdf(fodt_file, folder)
        except Exception as exc:
            skipped["libreoffice"] = f"{type(exc).__name__}: {exc}"
    truth = {s.name: truth_cells(doc, s) for s in STYLES}
    (folder / "truth.json").write_text(
        json.dumps({k: [asdict(c) for c in v] for k, v in truth.items()}, ensure_ascii=False, indent=0),
        encoding="utf-8",
    )
    return OfficeSet(
        folder,
        params,
        {k: p for k, p in pdfs.items() if p.exists()},
        text_file,
        truth,
        doc.narratives,
        doc.tables,
        skipped,
    )


if __name__ == "__main__":
    s = office_documents()
    print(s.folder, {k: str(p) for k, p in s.pdfs.items()}, s.skipped)
