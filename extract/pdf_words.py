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
import itertools
import math
from collections.abc import Iterator
from pathlib import Path
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
    if code in (0x02, 0xFFFE):  # pdfium's mark for a hyphen it judged to end a line
        return "-"
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return chr(code)


def _page_chars(page) -> list[dict]:
    """The page's characters as pdfplumber's char dicts (the keys extract_words uses)."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        tp = textpage.raw  # the bare handle: the helper's conversion costs more than some calls
        left, _, _, top_edge = page.get_mediabox()
        n = raw.FPDFText_CountChars(tp)
        rect = raw.FS_RECTF()
        l_, r_, b_, t_ = (ctypes.c_double() for _ in range(4))
        matrix = raw.FS_MATRIX()
        name_buf = ctypes.create_string_buffer(256)
        get_unicode, is_generated = raw.FPDFText_GetUnicode, raw.FPDFText_IsGenerated
        loose_box, char_box = raw.FPDFText_GetLooseCharBox, raw.FPDFText_GetCharBox
        origin = raw.FPDFText_GetCharOrigin
        text_object = ctypes.cast(raw.FPDFText_GetTextObject, _TEXT_OBJECT_ADDRESS)
        objects: dict[int, tuple] = {}  # per text object: font, size, upright, descent, baseline
        chars: list[dict] = []
        prev: dict | None = None
        for i in range(n):
            text = _char_text(get_unicode(tp, i))
            if text.isspace() and is_generated(tp, i):
                # pdfium's own: line ends (lines part words anyway) and spaces it inferred from a
                # gap, a word break on the line of the character before. It is placed where that
                # character ends: its own box may reach past the next character's left edge
                # (Chromium's ``budgetram 2025``), and sorted after it, it would cut that word.
                if text == " " and prev is not None:
                    chars.append({**prev, "text": " ", "x0": prev["x1"], "x1": prev["x1"]})
                continue
            key = text_object(tp, i) or 0
            info = objects.get(key)
            if info is None:
                info = _object_info(raw, tp, i, key, name_buf, matrix)
                objects[key] = info
            fontname, size, upright, descent, baseline = info
            if upright:
                # pdfminer's box: the advance across, from the font's descent to one size above it
                if not loose_box(tp, i, rect):
                    continue
                x0, x1 = rect.left, rect.right
                if baseline is None:
                    if not origin(tp, i, l_, b_):
                        continue
                    y0 = b_.value + descent
                else:
                    y0 = baseline + descent
                y1 = y0 + size
            else:
                if not char_box(tp, i, l_, r_, b_, t_):
                    continue
                x0, x1, y0, y1 = l_.value, r_.value, b_.value, t_.value
            prev = {
                "text": text,
                "x0": x0 - left,
                "x1": x1 - left,
                "top": top_edge - y1,
                "bottom": top_edge - y0,
                "upright": upright,
                "fontname": fontname,
                "size": size,
            }
            chars.append(prev)
        return chars
    finally:
        textpage.close()


# FPDFText_GetTextObject returning the bare address: a dict key without a ctypes.cast per char
_TEXT_OBJECT_ADDRESS = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)


def _object_info(raw, tp, i: int, address: int, name_buf, matrix) -> tuple:
    """A text object's font name, size, whether it is upright, its font's descent in points, and
    its baseline when the object is not turned at all (else None: each character's own).

    The size is the type's height on the page, as pdfminer measures it: pdfium's font size is in
    the text's own space, which the character's matrix may scale (Chromium prints CSS pixels
    scaled by 0.75 into points: 13.33 there is 10 pt on the page)."""
    fontname = ""
    font_size = float(raw.FPDFText_GetFontSize(tp, i))
    has_matrix = bool(raw.FPDFText_GetMatrix(tp, i, matrix))
    size = round(font_size * (math.hypot(matrix.c, matrix.d) if has_matrix else 1.0), 4)
    descent = 0.0
    font = raw.FPDFTextObj_GetFont(ctypes.cast(address, raw.FPDF_PAGEOBJECT)) if address else None
    if font:
        out = ctypes.c_float()
        if raw.FPDFFont_GetDescent(font, ctypes.c_float(size), out):
            descent = out.value
        if raw.FPDFFont_GetBaseFontName(font, name_buf, len(name_buf)):
            fontname = name_buf.value.decode("utf-8", "replace")
    if not fontname:
        flags = ctypes.c_int()
        raw.FPDFText_GetFontInfo(tp, i, name_buf, len(name_buf), flags)
        fontname = name_buf.value.decode("utf-8", "replace")
    upright, baseline = True, None
    if has_matrix:
        # pdfminer's test: not turned a quarter or more, not mirrored
        upright = matrix.a * matrix.d > 0 and matrix.b * matrix.c <= 0
        x, y = ctypes.c_double(), ctypes.c_double()
        if address and matrix.b == 0 and matrix.c == 0 and raw.FPDFText_GetCharOrigin(tp, i, x, y):
            baseline = y.value  # one text-showing operation, not turned: one baseline
    return fontname, size, upright, descent, baseline


# ---- characters into words, as pdfplumber's WordExtractor -----------------------------------


def chars_to_words(chars: list[dict], x_tolerance: float, y_tolerance: float) -> list[dict]:
    """pdfplumber's ``extract_words(keep_blank_chars=False, extra_attrs=["fontname", "size"])``.

    Runs of characters with the same orientation, font and size are split into lines by their
    top (upright text) or left edge (rotated text); a line's characters, in reading order, form a
    word until a whitespace character or a gap wider than the tolerance.
    """
    words: list[dict] = []
    for (upright, _, _), same_font in itertools.groupby(
        chars, key=lambda c: (c["upright"], c["fontname"], c["size"])
    ):
        run = list(same_font)
        if upright:
            line_key, tol, sort_key = (lambda c: c["top"]), y_tolerance, (lambda c: c["x0"])
        else:
            line_key, tol, sort_key = (lambda c: c["x0"]), x_tolerance, (lambda c: (c["top"], c["bottom"]))
        for line in _cluster(run, line_key, tol):
            line.sort(key=sort_key)
            current: list[dict] = []
            for c in line:
                if c["text"].isspace():
                    if current:
                        words.append(_merge(current))
                    current = []
                elif current and _begins_new_word(current[-1], c, upright, x_tolerance, y_tolerance):
                    words.append(_merge(current))
                    current = [c]
                else:
                    current.append(c)
            if current:
                words.append(_merge(current))
    return words


def _cluster(objs: list[dict], key, tolerance: float) -> list[list[dict]]:
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
    clusters: list[list[dict]] = [[] for _ in range(group + 1)] if values else []
    for o in objs:
        clusters[cluster_of[key(o)]].append(o)
    return clusters


def _begins_new_word(prev: dict, curr: dict, upright: bool, x_tol: float, y_tol: float) -> bool:
    if upright:
        ax, bx, cx, ay, cy, x, y = prev["x0"], prev["x1"], curr["x0"], prev["top"], curr["top"], x_tol, y_tol
    else:
        ax, bx, cx = prev["top"], prev["bottom"], curr["top"]
        ay, cy, x, y = prev["x0"], curr["x0"], y_tol, x_tol
    return cx < ax or cx > bx + x or abs(cy - ay) > y


def _merge(chars: list[dict]) -> dict:
    first = chars[0]
    if len(chars) == 1:
        text = first["text"]
        return {**first, "text": LIGATURES.get(text, text)}
    x0, x1, top, bottom = first["x0"], first["x1"], first["top"], first["bottom"]
    for c in chars:  # one pass: this runs for every word of every page
        x0 = c["x0"] if c["x0"] < x0 else x0
        x1 = c["x1"] if c["x1"] > x1 else x1
        top = c["top"] if c["top"] < top else top
        bottom = c["bottom"] if c["bottom"] > bottom else bottom
    return {
        "text": "".join([LIGATURES.get(c["text"], c["text"]) for c in chars]),
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "upright": first["upright"],
        "fontname": first["fontname"],
        "size": first["size"],
    }
