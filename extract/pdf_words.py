"""A PDF's words, page by page, from one of two text layers: pypdfium2 (fast) or pdfplumber.

Both yield the same word dicts: ``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``fontname`` and
``size``, in pdfplumber's coordinates (points, origin top left). The pypdfium2 layer groups
characters into words the way pdfplumber's ``extract_words`` does, so that the two read the same
cells; pdfplumber parses the content streams in Python and costs about twenty times as much.
Pages are closed as they are read: memory must not grow with the page count.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import itertools
import math
import operator
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import NamedTuple

from .readers import DocumentError
from .settings import ExtractionSettings

# pdfplumber's extract_words expands these (expand_ligatures=True): so do we.
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}


class PageWords(NamedTuple):
    number: int  # 1-based
    page_count: int  # pages in the document
    words: list[dict]
    has_images: bool  # only looked up when the page has no words (a scan)


def pdf_words(path: Path, name: str, settings: ExtractionSettings) -> Iterator[PageWords]:
    """The words of every page, from the text layer ``settings.pdf_text_layer`` names.

    Raises :class:`DocumentError` (``encrypted_pdf``, ``unreadable_pdf``, ``empty_pdf``) when the
    file cannot be read as a PDF.
    """
    if settings.pdf_text_layer == "pdfplumber":
        return _pdfplumber_words(path, name, settings)
    return _pypdfium2_words(path, name, settings)


def pdf_error(name: str, exc: Exception) -> DocumentError:
    kind = type(exc).__name__
    text = str(exc)
    # pdfplumber wraps pdfminer's PDFPasswordIncorrect in a PdfminerException whose str() is
    # empty: look at the whole chain's reprs. pdfium says "Incorrect password error".
    chain = " ".join(repr(e) for e in (exc, *exc.args, exc.__cause__, exc.__context__) if e is not None)
    if "password" in chain.lower() or "encrypt" in chain.lower():
        return DocumentError(
            "encrypted_pdf",
            f"{name}: the PDF is encrypted and cannot be opened without its password. "
            "Ask the publisher for an unprotected copy, or remove the protection and ingest it again.",
        )
    return DocumentError(
        "unreadable_pdf",
        f"{name}: the PDF cannot be parsed ({kind}: {text[:200] or 'no detail'}). It may be "
        "truncated or damaged: download it again, or export its text layer and ingest that.",
    )


def _empty(name: str) -> DocumentError:
    return DocumentError("empty_pdf", f"{name}: the PDF has no pages.")


@contextlib.contextmanager
def _parsing(name: str) -> Iterator[None]:
    """What a parser raises is the PDF's fault (unreadable or encrypted), except running out of
    memory: a MemoryError stays one, so that the worker reports ``out_of_memory`` with the limit."""
    try:
        yield
    except (MemoryError, DocumentError):
        raise
    except Exception as exc:  # pdfminer and pdfium raise many types for damaged files
        raise pdf_error(name, exc) from exc


# ---- pdfplumber -----------------------------------------------------------------------------


def _pdfplumber_words(path: Path, name: str, settings: ExtractionSettings) -> Iterator[PageWords]:
    import pdfplumber

    with _parsing(name):
        pdf = pdfplumber.open(path)
    with pdf:
        with _parsing(name):
            count = len(pdf.pages)
        if count == 0:
            raise _empty(name)
        for page in pdf.pages:
            with _parsing(name):
                words = page.extract_words(
                    x_tolerance=settings.pdf_x_tolerance,
                    y_tolerance=settings.pdf_y_tolerance,
                    keep_blank_chars=False,
                    extra_attrs=["fontname", "size"],
                )
                has_images = not words and bool(page.images)
            page.close()  # release the page's parsed objects
            yield PageWords(page.page_number, count, words, has_images)


# ---- pypdfium2 ------------------------------------------------------------------------------


def _pypdfium2_words(path: Path, name: str, settings: ExtractionSettings) -> Iterator[PageWords]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except MemoryError:
        raise
    except Exception:  # PdfiumError: "Incorrect password error", "Data format error", ...
        # pdfium refuses some files pdfminer opens (a document of no pages, some damaged ones):
        # let pdfplumber read them or name what is wrong, with the same codes as always.
        yield from _pdfplumber_words(path, name, settings)
        return
    try:
        count = len(pdf)
        if count == 0:
            raise _empty(name)
        for index in range(count):
            with _parsing(name):
                page = pdf[index]
                try:
                    chars = _page_chars(page)
                    words = chars_to_words(chars, settings.pdf_x_tolerance, settings.pdf_y_tolerance)
                    has_images = not words and _has_images(page)
                finally:
                    page.close()
            yield PageWords(index + 1, count, words, has_images)
    finally:
        pdf.close()


def _has_images(page) -> bool:
    import pypdfium2.raw as raw

    return next(iter(page.get_objects(filter=(raw.FPDF_PAGEOBJ_IMAGE,))), None) is not None


def _char_text(code: int) -> str:
    """A character's text from pdfium's code for it; half a surrogate pair stays one (see
    :func:`_join_surrogates`)."""
    if code in (0x02, 0xFFFE):  # pdfium's mark for a hyphen it judged to end a line
        return "-"
    if code == 0 or code > 0x10FFFF:
        return "\ufffd"
    return chr(code)


# A character: its text, its box in pdfplumber's coordinates, and its style, one tuple shared by
# the characters of a run: (upright, fontname, size), the keys pdfplumber groups words by.
TEXT, X0, X1, TOP, BOTTOM, STYLE = range(6)
Char = tuple  # (text, x0, x1, top, bottom, style)


@functools.cache
def _pdfium() -> SimpleNamespace:
    """pdfium's text functions as bare prototypes: no argument types, a result type.

    pypdfium2's prototypes convert every argument to its declared type, which costs more than
    the call itself, and the loop over a page's characters makes several calls per character.
    Without argument types ctypes passes a Python int as a C int and a ctypes object as what it
    is, with nothing to convert: so every argument that is not an int is a ctypes object (a
    handle a c_void_p, a buffer a reference). They keep the GIL (as Python's own C functions
    do): releasing and taking it again would cost more than these short calls, and pdfium is
    not for threads anyway."""
    import pypdfium2.raw as raw

    def bare(function, restype):
        return ctypes.cast(function, ctypes.PYFUNCTYPE(restype))

    i32, pointer = ctypes.c_int, ctypes.c_void_p  # a c_void_p result is an int (an address) or None
    return SimpleNamespace(
        count_chars=bare(raw.FPDFText_CountChars, i32),
        unicode=bare(raw.FPDFText_GetUnicode, ctypes.c_uint),
        text=bare(raw.FPDFText_GetText, i32),
        is_generated=bare(raw.FPDFText_IsGenerated, i32),
        text_object=bare(raw.FPDFText_GetTextObject, pointer),
        font=bare(raw.FPDFTextObj_GetFont, pointer),
        font_size=bare(raw.FPDFText_GetFontSize, ctypes.c_double),
        matrix=bare(raw.FPDFText_GetMatrix, i32),
        origin=bare(raw.FPDFText_GetCharOrigin, i32),
        loose_box=bare(raw.FPDFText_GetLooseCharBox, i32),
        char_box=bare(raw.FPDFText_GetCharBox, i32),
        descent=bare(raw.FPDFFont_GetDescent, i32),
        base_font_name=bare(raw.FPDFFont_GetBaseFontName, ctypes.c_size_t),
        font_info=bare(raw.FPDFText_GetFontInfo, ctypes.c_ulong),
    )


class _Out:
    """The buffers pdfium writes into, allocated once per page, and references to pass them."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw

        self.rect = raw.FS_RECTF()
        self.matrix = raw.FS_MATRIX()
        self.doubles = (ctypes.c_double * 4)()
        self.name = ctypes.create_string_buffer(256)
        self.rect_ref = ctypes.byref(self.rect)
        self.matrix_ref = ctypes.byref(self.matrix)
        step = ctypes.sizeof(ctypes.c_double)
        self.double_refs = [ctypes.byref(self.doubles, k * step) for k in range(4)]


def _page_chars(page) -> list[Char]:
    """The page's characters as pdfplumber's chars (the values extract_words uses)."""
    f = _pdfium()
    out = _Out()
    textpage = page.get_textpage()
    try:
        tp = ctypes.cast(textpage.raw, ctypes.c_void_p)
        left, _, _, top_edge = page.get_mediabox()
        is_generated, text_object = f.is_generated, f.text_object
        loose_box, char_box, origin = f.loose_box, f.char_box, f.origin
        rect, doubles, rect_ref = out.rect, out.doubles, out.rect_ref
        d0, d1, d2, d3 = out.double_refs
        styles: dict[tuple, tuple] = {}  # per font, size and matrix: style, descent, not turned at all
        chars: list[Char] = []
        prev: Char | None = None
        address = entry = None  # the text object of the characters before, and its entry
        for i, text in enumerate(_char_texts(f, tp)):
            if not text:  # the second half of a character outside the BMP: the first holds it
                continue
            if text.isspace() and is_generated(tp, i):
                # pdfium's own: line ends (lines part words anyway) and spaces it inferred from a
                # gap, a word break on the line of the character before. It is placed where that
                # character ends: its own box may reach past the next character's left edge
                # (Chromium's ``budgetram 2025``), and sorted after it, it would cut that word.
                if text == " " and prev is not None:
                    chars.append((" ", prev[X1], prev[X1], prev[TOP], prev[BOTTOM], prev[STYLE]))
                continue
            if (current := text_object(tp, i)) != address or entry is None:
                # a text object's characters come one after another: its entry is looked up when
                # its first comes (Chromium prints most glyphs as objects of their own)
                address = current
                entry = _object_entry(f, out, tp, i, address, styles, top_edge)
            style, descent, top, bottom = entry
            if style[0]:  # upright
                # pdfminer's box: the advance across, from the font's descent to one size above it
                if not loose_box(tp, i, rect_ref):
                    continue
                if top is None:  # no baseline of the object's: the character's own
                    if not origin(tp, i, d0, d1):
                        continue
                    y0 = doubles[1] + descent
                    top, bottom = top_edge - (y0 + style[2]), top_edge - y0
                prev = (text, rect.left - left, rect.right - left, top, bottom, style)
            else:
                if not char_box(tp, i, d0, d1, d2, d3):
                    continue
                x0, x1, y0, y1 = doubles
                prev = (text, x0 - left, x1 - left, top_edge - y1, top_edge - y0, style)
            chars.append(prev)
        return chars
    finally:
        textpage.close()


# In the page's text: a hyphen ending a line and a character without Unicode both (U+FFFE);
# halves of surrogate pairs
_UNCERTAIN = re.compile("[\ufffe\x00\x02\ud800-\udfff]")


def _char_texts(f, tp: ctypes.c_void_p) -> str | list[str]:
    """The text of each of the page's characters, by index: the page's text in one call when it
    has one character per index and none whose text is uncertain there, else each character's
    own (one call each).

    The page's text leaves out what pdfium judges control characters: then its length differs.
    U+FFFE there stands for both a hyphen ending a line and a character without Unicode. A
    character outside the BMP is two in pdfium's list, its UTF-16 halves: joined, the first
    holds it and the second is empty."""
    count = f.count_chars(tp)
    if count <= 0:
        return []
    buffer = ctypes.create_string_buffer(4 * (count + 1))  # two UTF-16 units a character, and the end
    written = f.text(tp, 0, count, buffer)
    text = buffer.raw[: 2 * max(written - 1, 0)].decode("utf-16-le", "surrogatepass")
    if len(text) == count and not _UNCERTAIN.search(text):
        return text
    texts = [_char_text(f.unicode(tp, i)) for i in range(count)]
    if any("\ud800" <= t <= "\udfff" for t in texts):
        _join_surrogates(texts)
    return texts


def _join_surrogates(texts: list[str]) -> None:
    """pdfium lists a character outside the BMP (``𝐀``, an emoji) as its two UTF-16 halves, each
    with the glyph's box: the first half becomes the character, the second empty text (no
    character). A half without its other is U+FFFD, as a code without a character."""
    for i, t in enumerate(texts):
        if not "\ud800" <= t <= "\udfff":
            continue
        low = texts[i + 1] if i + 1 < len(texts) else ""
        if t <= "\udbff" and "\udc00" <= low <= "\udfff":
            texts[i] = chr(0x10000 + ((ord(t) - 0xD800) << 10) + (ord(low) - 0xDC00))
            texts[i + 1] = ""
        else:
            texts[i] = "\ufffd"


def _object_entry(
    f, out: _Out, tp: ctypes.c_void_p, i: int, address: int | None, styles: dict, top_edge: float
) -> tuple:
    """A text object's style, its font's descent in points, and the top and bottom of its
    characters when the object is not turned at all: one text-showing operation, one baseline,
    its first character's (else None, None: each character's own). Chromium prints most glyphs
    as objects of their own, so the style is looked up by what decides it (font, size, the
    matrix but for its translation), computed once per page: a page's fonts stay loaded while it
    is open."""
    font = f.font(ctypes.c_void_p(address)) if address else None
    font_size = f.font_size(tp, i)
    m = out.matrix
    has_matrix = bool(f.matrix(tp, i, out.matrix_ref))
    key = (font, font_size, m.a, m.b, m.c, m.d) if has_matrix else (font, font_size)
    known = styles.get(key)
    if known is None:
        known = styles[key] = _style(f, out, tp, i, font, font_size, has_matrix)
    style, descent, unturned = known
    if address and unturned:
        # pdfium sets a character at its offset along the line, (x, 0), under its matrix: not
        # turned (b = c = 0), the character's origin is on the line y = f, exactly (the same
        # float FPDFText_GetCharOrigin gives, one call fewer per object)
        y0 = m.f + descent
        return style, descent, top_edge - (y0 + style[2]), top_edge - y0
    return style, descent, None, None


def _style(
    f, out: _Out, tp: ctypes.c_void_p, i: int, font: int | None, font_size: float, has_matrix: bool
) -> tuple:
    """((upright, font name, size), descent, whether not turned at all) of a font at a size under
    a matrix.

    The size is the type's height on the page, as pdfminer measures it: pdfium's font size is in
    the text's own space, which the character's matrix may scale (Chromium prints CSS pixels
    scaled by 0.75 into points: 13.33 there is 10 pt on the page)."""
    m = out.matrix
    size = round(font_size * (math.hypot(m.c, m.d) if has_matrix else 1.0), 4)
    fontname = ""
    descent = 0.0
    room = len(out.name)
    if font:
        value = ctypes.c_float()
        if f.descent(ctypes.c_void_p(font), ctypes.c_float(size), ctypes.byref(value)):
            descent = value.value
        if f.base_font_name(ctypes.c_void_p(font), out.name, ctypes.c_size_t(room)):
            fontname = out.name.value.decode("utf-8", "replace")
    if not fontname:
        out.name.value = b""  # pdfium leaves the buffer as it was for a character without a font
        f.font_info(tp, i, out.name, ctypes.c_ulong(room), None)
        fontname = out.name.value.decode("utf-8", "replace")
    upright, unturned = True, False
    if has_matrix:
        # pdfminer's test: not turned a quarter or more, not mirrored
        upright = m.a * m.d > 0 and m.b * m.c <= 0
        unturned = m.b == 0 and m.c == 0
    return (upright, fontname, size), descent, unturned


# ---- characters into words, as pdfplumber's WordExtractor -----------------------------------

_STYLE, _TOP, _X0 = (operator.itemgetter(k) for k in (STYLE, TOP, X0))
_TOP_BOTTOM = operator.itemgetter(TOP, BOTTOM)
_LIGATURE_TABLE = str.maketrans(LIGATURES)


def chars_to_words(chars: list[Char], x_tolerance: float, y_tolerance: float) -> list[dict]:
    """pdfplumber's ``extract_words(keep_blank_chars=False, extra_attrs=["fontname", "size"])``.

    Runs of characters with the same orientation, font and size are split into lines by their
    top (upright text) or left edge (rotated text); a line's characters, in reading order, form a
    word until a whitespace character or a gap wider than the tolerance.
    """
    words: list[dict] = []
    for style, same_style in itertools.groupby(chars, key=_STYLE):
        run = list(same_style)
        sort_key: Callable[[Char], object]
        if style[0]:  # upright: lines by top, read left to right
            lines, sort_key = _cluster(run, _TOP, y_tolerance), _X0
            start, end, across, along_tol, across_tol = X0, X1, TOP, x_tolerance, y_tolerance
        else:  # lines by left edge, read top to bottom
            lines, sort_key = _cluster(run, _X0, x_tolerance), _TOP_BOTTOM
            start, end, across, along_tol, across_tol = TOP, BOTTOM, X0, y_tolerance, x_tolerance
        for line in lines:
            line.sort(key=sort_key)
            current: list[Char] = []
            for c in line:
                if c[TEXT].isspace():
                    if current:
                        words.append(_merge(current))
                    current = []
                    continue
                if current:
                    p = current[-1]
                    # a new word: the character starts before the last one or after its end and
                    # the tolerance, or off its line
                    if (
                        c[start] < p[start]
                        or c[start] > p[end] + along_tol
                        or abs(c[across] - p[across]) > across_tol
                    ):
                        words.append(_merge(current))
                        current = [c]
                        continue
                current.append(c)
            if current:
                words.append(_merge(current))
    return words


def _cluster(objs: list[Char], key, tolerance: float) -> list[list[Char]]:
    """pdfplumber's cluster_objects: sorted distinct values chained within the tolerance."""
    values = sorted(set(map(key, objs)))
    cluster_of: dict[float, int] = {}
    group = 0
    last = None
    for v in values:
        if last is not None and v > last + tolerance:
            group += 1
        cluster_of[v] = group
        last = v
    clusters: list[list[Char]] = [[] for _ in range(group + 1)] if values else []
    for o in objs:
        clusters[cluster_of[key(o)]].append(o)
    return clusters


def _merge(chars: list[Char]) -> dict:
    first = chars[0]
    text, x0, x1, top, bottom, (upright, fontname, size) = first
    if len(chars) > 1:
        text = "".join([c[TEXT] for c in chars])
        for c in chars:  # one pass, no intermediate lists: this runs for every word of every page
            if c[X0] < x0:
                x0 = c[X0]
            if c[X1] > x1:
                x1 = c[X1]
            if c[TOP] < top:
                top = c[TOP]
            if c[BOTTOM] > bottom:
                bottom = c[BOTTOM]
    return {
        "text": text if text.isascii() else text.translate(_LIGATURE_TABLE),
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "upright": upright,
        "fontname": fontname,
        "size": size,
    }
