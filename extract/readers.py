"""Read a document into positioned lines: a text file or a PDF (its words from extract.pdf_words).

Both readers yield the same :class:`~extract.model.Line` model. Every way a file can be
unreadable raises :class:`DocumentError` with a message that names the file, what is wrong and
what to do, so that the document fails alone and the run goes on.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from statistics import median

from .model import DocumentText, Line, PageText, Token
from .settings import ExtractionSettings
from .vocabulary import load_vocabulary

_TOKEN = re.compile(r"\S+")
ProgressFn = Callable[[int, int], None]
# Where a scraped or exported text layer glued two cells or words together: a year or amount
# glued to the next word ("2019Intäkter", "-8 700Skatteintäkter") or to the next heading, which
# Swedish statements print in capitals ("-565ÅRETS KASSAFLÖDE", "253,9INVESTERINGSVERKSAMHETEN":
# no word of a label starts with digits and goes on in capitals), a word glued to the next
# capitalised one ("resultatbudgetNotBokslut"), a sentence glued to the next ("koncernen.Kommunen"),
# two amounts ("490-8", the second negative). A hyphen between digits is never a minus sign
# there: "2022-2023" is a range, kept whole.
_GLUE = re.compile(
    r"(?<=\d)(?=[A-ZÅÄÖ][a-zåäö])"  # 2019Intäkter, 700Skatteintäkter
    r"|(?<=\d)(?=[A-ZÅÄÖ]{2})"  # -565ÅRETS, 2 085,8AVSÄTTNINGAR
    r"|(?<=[a-zåäö]{2})(?=[A-ZÅÄÖ][a-zåäö])"  # resultatbudgetNot, NotBokslut
    r"|(?<=[a-zåäö]{2}\.)(?=[A-ZÅÄÖ][a-zåäö])"  # koncernen.Kommunen
    r"|(?<=\d)(?=[\-\u2212\u2013]\d)"  # -8 490-8 992: a minus sign after digits starts a number
)


def _glued_minus(text: str, at: int) -> bool:
    """A minus sign at ``at`` starts a glued amount when the digits before it end an amount
    (``490-8``, ``3672-31``, ``5,0-3,2``), not a year range or a date (``2022-2023``, ``2022-23``,
    ``2023-01-01``) or a short range (``1-3``)."""
    if text[at] not in "-\u2212\u2013":
        return True
    k = at
    while k > 0 and text[k - 1].isdigit():
        k -= 1
    left = text[k:at]
    right = re.match(r"\d+", text[at + 1 :])
    if k > 0 and text[k - 1] in ",-\u2212\u2013":
        return True  # the end of a decimal part or of a negative amount: -31-328
    year_range = (
        len(left) == 4 and left[:2] in ("19", "20") and right is not None and len(right.group()) in (2, 4)
    )
    return len(left) >= 3 and not year_range


# A column word glued to the year after it ("Kommunen2021", "Utfall2013"): a header's cells (an
# entity over its years, a scenario over its year) whose separator the scrape dropped. Only a word
# of the header vocabulary is cut so: a name that ends in digits ("Agenda2030") stays whole.
_WORD_THEN_YEAR = re.compile(r"^[^\W\d_]{3,}(?=(?:19|20)\d\d$)")


def _column_word_before_year(text: str) -> int | None:
    """Where the year starts in a column word glued to it, or None."""
    m = _WORD_THEN_YEAR.match(text)
    if m is None:
        return None
    return m.end() if load_vocabulary().role_of(m.group()) is not None else None


def split_glued(text: str, start: float, end: float) -> list[tuple[str, float, float]]:
    """A token split where its text layer glued words together, with proportional positions."""
    cuts = [m.start() for m in _GLUE.finditer(text) if _glued_minus(text, m.start())]
    if (year_at := _column_word_before_year(text)) is not None:
        cuts.append(year_at)
    if not cuts:
        return [(text, start, end)]
    width = (end - start) / max(len(text), 1)
    bounds = [0, *cuts, len(text)]
    return [
        (text[a:b], start + a * width, start + b * width) for a, b in zip(bounds, bounds[1:], strict=False)
    ]


class DocumentError(Exception):
    """A document cannot be read or landed; ``code`` is stable, the message is for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def sniff_format(data: bytes, name: str) -> str:
    if data[:5] == b"%PDF-":
        return "pdf"
    if name.lower().endswith(".pdf"):
        raise DocumentError(
            "not_a_pdf",
            f"{name}: the file is named .pdf but is not a PDF (it does not start with %PDF-). "
            "Check that the download completed and that it is the document itself, not a web page.",
        )
    return "text"


# ---- text ---------------------------------------------------------------------------------


def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode a text layer; return (text, encoding). UTF-8 first, then Windows-1252/Latin-1."""
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentError(
            "binary_file",
            f"{name}: the file holds binary data, not text. Pass a PDF or the document's text layer.",
        )
    for bom, enc in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(enc), enc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Not UTF-8: a Swedish text layer from Windows is Windows-1252 (a superset of Latin-1's
    # printable range, with – and ” where Latin-1 has control codes).
    try:
        text = data.decode("cp1252")
        encoding = "cp1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        encoding = "latin-1"
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(3, len(text) // 200):
        raise DocumentError(
            "unknown_encoding",
            f"{name}: the text is neither UTF-8 nor Windows-1252/Latin-1 (it holds {controls} "
            "control characters). Save the text layer as UTF-8 and ingest it again.",
        )
    return text, encoding


def read_text(data: bytes, name: str) -> DocumentText:
    text, encoding = decode_text(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    raw_lines = text.split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    has_form_feeds = "\f" in text
    lines: list[Line] = []
    pages: list[PageText] = []
    page = 1
    page_first = 1
    page_buf: list[str] = []
    for i, raw in enumerate(raw_lines, start=1):
        if has_form_feeds and "\f" in raw:
            before, _, after = raw.partition("\f")
            if before.strip() or page_buf:
                page_buf.append(before)
            pages.append(PageText(page, "text_form_feed", page_first, i, "\n".join(page_buf)))
            page += 1
            page_first = i
            page_buf = []
            raw = after.replace("\f", "")
        page_buf.append(raw)
        tokens = tuple(
            Token(text, x0, x1)
            for m in _TOKEN.finditer(raw)
            for text, x0, x1 in split_glued(m.group(), float(m.start()), float(m.end()))
        )
        lines.append(Line(i, raw, tokens, page if has_form_feeds else None, geometric=False))
    last = len(raw_lines)
    if has_form_feeds:
        pages.append(PageText(page, "text_form_feed", page_first, last, "\n".join(page_buf)))
    else:
        pages.append(PageText(1, "text_whole", 1, last, "\n".join(raw_lines)))
    notes = () if encoding in ("utf-8", "utf-8-sig") else (f"decoded as {encoding}",)
    return DocumentText(tuple(lines), tuple(pages), "text", encoding, notes)


# ---- PDF ------------------------------------------------------------------------------------


def _words_to_lines(words: list[dict], settings: ExtractionSettings) -> list[list[dict]]:
    """Cluster a page's words into lines by their top edge."""
    if not words:
        return []
    words = sorted(words, key=lambda w: (round(w["top"], 1), w["x0"]))
    sizes = [w.get("size") or (w["bottom"] - w["top"]) for w in words]
    tol = max(1.0, settings.pdf_line_tolerance * median(sizes))
    rows: list[list[dict]] = []
    current: list[dict] = []
    current_top = None
    for w in words:
        if current_top is None or abs(w["top"] - current_top) <= tol:
            current.append(w)
            current_top = w["top"] if current_top is None else current_top
        else:
            rows.append(current)
            current = [w]
            current_top = w["top"]
    if current:
        rows.append(current)
    return [sorted(r, key=lambda w: w["x0"]) for r in rows]


# Lines of text stand at least about their type's height apart (leading is rarely under 100 %).
LINE_STEP = 0.85


def _base_pitch(tops: list[float], words: list[dict]) -> float | None:
    """The page's regular line pitch: the tight distance between consecutive text lines.

    The 10th percentile of the pitches, not the median: in a table whose rows are padded, most
    pitches are row pitches and the tight ones are a wrapped label's lines. Steps shorter than
    the type is high are not lines of text below one another but cells of one row set at
    different heights (a row's numbers centred between the two lines of its label): they are
    not a pitch, and counted as one they would make every line of the page a paragraph.
    """
    if len(tops) < 3:
        return None
    size = median(w.get("size") or (w["bottom"] - w["top"]) for w in words)
    pitches = sorted(b - a for a, b in zip(tops, tops[1:], strict=False) if b - a > LINE_STEP * size)
    if not pitches:
        return None
    return pitches[len(pitches) // 10]


def read_pdf(
    path: Path, name: str, settings: ExtractionSettings, progress: ProgressFn | None = None
) -> DocumentText:
    from .pdf_words import pdf_words  # imported here: text-only runs never pay for a PDF library

    lines: list[Line] = []
    pages: list[PageText] = []
    number = 0
    words_seen = 0
    image_pages = 0
    for page in pdf_words(path, name, settings):
        words = page.words
        if not words and page.has_images:
            image_pages += 1
        words_seen += len(words)
        first = number + 1
        page_lines: list[str] = []
        rows = _words_to_lines(words, settings)
        tops = [min(w["top"] for w in row) for row in rows]
        base = _base_pitch(tops, words)
        for i, row in enumerate(rows):
            if i and base and tops[i] - tops[i - 1] > settings.pdf_blank_gap * base:
                # extra space between lines stands in for the blank line a text layer has
                number += 1
                lines.append(Line(number, "", (), page.number, True, None))
                page_lines.append("")
            tokens = tuple(
                Token(
                    text,
                    x0,
                    x1,
                    "bold" in (w.get("fontname") or "").lower(),
                    float(w.get("size") or (w["bottom"] - w["top"])),
                )
                for w in row
                for text, x0, x1 in split_glued(w["text"], float(w["x0"]), float(w["x1"]))
            )
            text = " ".join(t.text for t in tokens)
            number += 1
            lines.append(Line(number, text, tokens, page.number, True, float(tops[i])))
            page_lines.append(text)
        pages.append(PageText(page.number, "pdf_page", first, max(first, number), "\n".join(page_lines)))
        if progress:
            progress(page.number, page.page_count)
    if words_seen == 0:
        hint = " It holds only images: it is a scan." if image_pages else ""
        raise DocumentError(
            "no_text_layer",
            f"{name}: the PDF has no text layer, so there is nothing to read.{hint} "
            "Run OCR on it (for example ocrmypdf) and ingest the result.",
        )
    return DocumentText(tuple(lines), tuple(pages), "pdf", None)


def read_document(
    path: Path, settings: ExtractionSettings, progress: ProgressFn | None = None
) -> tuple[DocumentText, bytes]:
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError("unreadable_file", f"{name}: cannot read the file ({exc.strerror}).") from exc
    if not data:
        raise DocumentError(
            "empty_file", f"{name}: the file is empty (0 bytes). Download or export it again."
        )
    fmt = sniff_format(data, name)
    if fmt == "pdf":
        if b"%%EOF" not in data[-2048:]:
            # pdfminer often reads a truncated file's first pages and fails later, or not at all;
            # a missing end marker is the reliable sign.
            raise DocumentError(
                "truncated_pdf",
                f"{name}: the PDF is truncated (it has no end-of-file marker). "
                "Download it again; the copy here is incomplete.",
            )
        return read_pdf(path, name, settings, progress), data
    doc = read_text(data, name)
    if progress:
        progress(1, 1)
    return doc, data
