"""Table headers: which lines form one, and the words it is made of.

A Swedish budget table's header is made of a few kinds of words, whatever the layout:
years (``2024``, ``2016–2019``, ``2018-12-31``), scenario words (``Utfall``, ``Budget``,
``Prognos``), what a column measures (``Intäkter``, ``Avvikelse``, ``Kommunbidrag``), the
reporting entity (``Kommunen``, ``Koncernen``), the period (``Period``, ``Helår``), a ``Not``
column, a unit (``tkr``, ``miljoner kronor``), filler (``Belopp i``, ``mot``) and, on its first
line, a stub caption over the label column (``Nämnd``, ``Fördelning av resultatbudget``). The
vocabulary is ``seeds/column_terms.csv`` and ``seeds/units.csv`` (:mod:`extract.vocabulary`).

A header may be spread over many lines, with words hyphen-broken across them (``Kost-`` /
``nader``, ``VERKSAM-`` / ``HETENS KOS-`` / ``TNADER``): the words are joined before they are
classified. What the words mean for each column is :mod:`extract.columns`' job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .model import Line
from .numbers import is_numeric_token
from .settings import ExtractionSettings
from .vocabulary import UnitMatch, Vocabulary, load_vocabulary, norm_word

# Indicator tables (goals, measures) are read by extract.indicators, not as amounts.
INDICATOR_WORDS = frozenset(
    {
        "nämndindikator",
        "nämndmål",
        "riktning",
        "önskvärd",
        "mätetal",
        "mätetal/mått",
        "mått",
        "mål",
        "senaste",
        "nuvärde",
        "jämförvärde",
        "jämför-",
        "trend",
        "målvärde",
        "/värde",
        "indikator",
        "nyckeltal",
    }
)
_YEAR = re.compile(r"^(19|20)\d\d$")
_RANGE = re.compile(r"^((?:19|20)\d\d)\s?[\-\u2013/]\s?((?:19|20)?\d\d)$")
_DATE = re.compile(r"^(?:((?:19|20)\d\d)-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./]((?:19|20)\d\d))$")
_LEGEND = re.compile(r"^(\w{1,3})=(\w+)$")
_FOOTNOTE_REF = re.compile(r"^\(?\d{1,2}\)$")  # "Kommunbidrag 2)": a reference to a footnote below the table
_DIGIT = re.compile(r"\d")
_ORDINAL = re.compile(r"^\d{1,2}:[ae]$")  # 1:a, 2:a, 8:e
_PUNCT = "(),.:;*"
# Roles that say what a column is (a header names at least one of them).
DEFINING = frozenset({"year", "range", "date", "scenario", "kind", "note", "entity", "period"})
KNOWN = DEFINING | {"unit", "filler", "relative_year", "legend", "fragment", "footnote"}
MAX_HEADER_LINE = 130


@dataclass(frozen=True, slots=True)
class HeaderWord:
    text: str  # as printed; a word hyphen-broken over lines is joined
    line: int  # line number of its (first) part
    # year | range | date | unit | scenario | kind | entity | period | relative_year | note |
    # filler | legend | fragment | footnote | other
    role: str
    value: str | None = None  # the year, the term's value, the legend's expansion
    x0: float | None = None
    x1: float | None = None
    in_parens: bool = False
    line_start: bool = False  # first word of its line
    # where a text layer prints it: its first and last character column (x0/x1 are a PDF's)
    chars: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class HeaderBlock:
    first_line_idx: int  # index into the document's line list
    last_line_idx: int
    kind: str  # budget | indicator
    words: tuple[HeaderWord, ...]  # every word of the block, stub included, in reading order
    stub: str | None  # the caption over the label column, on the first line
    unit: str | None  # the unit the header prints (tkr | mnkr | mdkr | kr | percent | staff | count)
    unit_phrase: str | None
    caption: str | None  # a caption carried on the header's own first line: "Kommunstyrelsen (tkr)"

    @property
    def column_words(self) -> tuple[HeaderWord, ...]:
        return tuple(w for w in self.words if w.role not in ("other", "unit"))


# ---- single words ---------------------------------------------------------------------------


def year_of(word: str, settings: ExtractionSettings) -> tuple[str, int] | None:
    """(role, year) of a year-like word: ``2024``, ``2016–2019`` (its last year), a date."""
    w = word.strip(_PUNCT)
    if _YEAR.match(w):
        y = int(w)
        return ("year", y) if settings.min_year <= y <= settings.max_year else None
    m = _RANGE.match(w)
    if m:
        start = int(m.group(1))
        end = m.group(2)
        end_year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
        if settings.min_year <= start < end_year <= settings.max_year:
            return "range", end_year
        return None
    m = _DATE.match(w)
    if m:
        y = int(m.group(1) or m.group(2))
        return ("date", y) if settings.min_year <= y <= settings.max_year else None
    return None


@lru_cache(maxsize=65536)
def token_kind(token: str, settings: ExtractionSettings) -> str:
    """year | scenario | unit | filler | indicator | other (kept for the indicator reader)."""
    if _YEAR.match(token) and settings.min_year <= int(token) <= settings.max_year:
        return "year"
    vocab = load_vocabulary()
    word = norm_word(token)
    if word in INDICATOR_WORDS or token.lower() in INDICATOR_WORDS:
        return "indicator"
    if vocab.units_in([token]):
        return "unit"
    role = vocab.role_of(token)
    if role and role[0] == "scenario":
        return "scenario"
    if role and role[0] == "filler":
        return "filler"
    return "other"


def _classify(text: str, vocab: Vocabulary, settings: ExtractionSettings) -> tuple[str, str | None]:
    found = year_of(text, settings)
    if found:
        return found[0], str(found[1])
    m = _LEGEND.match(text.strip(_PUNCT))
    if m:
        return "legend", m.group(2)
    if _FOOTNOTE_REF.match(text):
        return "footnote", None
    if _DIGIT.search(text):
        return "other", None
    role = vocab.role_of(text)
    if role == ("kind", "note"):
        return "note", None  # the Not column: its own role
    if role:
        return role
    return "other", None


# ---- words of a block of lines --------------------------------------------------------------


def _joins(fragment: str, nxt: str) -> bool:
    """Does a word ending in a hyphen continue in ``nxt`` (``Kost-`` / ``nader``)?

    Not before a conjunction: ``Barn- och ungdomsnämnden`` keeps its hyphen.
    """
    return (
        fragment.endswith("-")
        and len(fragment.strip("(-")) >= 2
        and nxt[:1].isalpha()
        and norm_word(nxt) not in ("och", "eller", "samt")
    )


def _join(fragment: str, nxt: str) -> str:
    """``Kost-`` + ``nader`` -> ``Kostnader``; a word broken without a hyphen keeps both parts
    (``Avvik`` + ``else``)."""
    return (fragment[:-1] if fragment.endswith("-") else fragment) + nxt


def _finishes_unhyphenated(fragment: str, nxt: str, vocab: Vocabulary) -> bool:
    """Does ``nxt``, set under ``fragment`` in a text laid out in columns, finish a header word
    broken without a hyphen (``Avvik`` / ``else``, ``Budgetav`` / ``vikelse``)? A narrow column
    breaks a word where it runs out of room: the part below goes on in lower case, is no word of
    its own, and the whole is a header word."""
    return (
        nxt[:1].islower()
        and vocab.role_of(nxt) is None
        and not _DIGIT.search(fragment + nxt)
        and vocab.role_of(fragment + nxt) is not None
    )


def _fragment_for(merged, text: str, number: int, x0: float | None, x1: float | None) -> int | None:
    """The word broken with a hyphen that ``text`` finishes: in a text layer the word just
    before it; in a PDF the word on a line above it in the same column (``Prognos-`` over
    ``avvikelse``, not over the next column's ``Prognos``)."""
    if not merged:
        return None
    if x0 is None:
        return len(merged) - 1 if _joins(merged[-1][0], text) else None
    for at in range(len(merged) - 1, -1, -1):
        prev = merged[at]
        if prev[1] == number or prev[2] is None:
            continue
        if _joins(prev[0], text) and min(prev[3], x1) - max(prev[2], x0) > 0:
            return at
    return None


def _stands_apart(line: Line, k: int) -> bool:
    """Whether word ``k`` of a text line stands apart from what is left of it, as a text laid
    out in columns sets a column's words: after a run of spaces, or first on its line set in."""
    t = line.tokens[k]
    return t.x0 - (line.tokens[k - 1].x1 if k else 0.0) >= 2


def _ends_cell(line: Line, k: int) -> bool:
    """Whether word ``k`` of a text line is the last of its cell: last on its line, or a run of
    spaces before the next word."""
    return k == len(line.tokens) - 1 or _stands_apart(line, k + 1)


def _laid_out_continuations(lines: list[Line], vocab: Vocabulary) -> dict[int, int]:
    """In a text laid out in columns, the word that finishes each word broken at the end of its
    cell, with a hyphen at the end of its line or without one: the word set apart under it, in
    its characters, on the nearest line below (``Prognos-`` / ``avvikelse`` in the last column,
    not the next column's ``Prognos`` that comes next in reading order). Keyed by the finishing
    word's place in reading order."""
    words = [(n, line, k) for n, line in enumerate(lines) for k in range(len(line.tokens))]
    placed = [
        (at, n, line, k) for at, (n, line, k) in enumerate(words)
    ]  # (reading order, line index, line, word)
    out: dict[int, int] = {}
    for at, n, line, k in placed:
        t = line.tokens[k]
        hyphen = k == len(line.tokens) - 1 and t.text.endswith("-")
        if line.geometric or not _stands_apart(line, k) or not (hyphen or _ends_cell(line, k)):
            continue
        for at2, n2, line2, k2 in placed:
            u = line2.tokens[k2]
            if n2 > n and _stands_apart(line2, k2) and min(t.x1, u.x1) - max(t.x0, u.x0) > 0:
                finishes = _joins(t.text, u.text) if hyphen else _finishes_unhyphenated(t.text, u.text, vocab)
                if finishes and at2 not in out:
                    out[at2] = at
                break
    return out


def header_words(
    lines: list[Line], settings: ExtractionSettings, vocab: Vocabulary | None = None
) -> list[HeaderWord]:
    """The words of header lines in reading order, hyphen-broken words joined and classified.

    Unit phrases of several words (``miljoner kronor``) are marked as units word by word.
    """
    vocab = vocab or load_vocabulary()
    raw: list[tuple[str, int, float | None, float | None, bool, tuple[float, float] | None]] = []
    for line in lines:
        for k, t in enumerate(line.tokens):
            x0, x1 = (t.x0, t.x1) if line.geometric else (None, None)
            raw.append((t.text, line.number, x0, x1, k == 0, None if line.geometric else (t.x0, t.x1)))
    below = _laid_out_continuations(lines, vocab)
    waiting = set(below.values())  # fragments a word under them finishes, not the next word
    merged: list[tuple[str, int, float | None, float | None, bool, tuple[float, float] | None]] = []
    first_part: list[int] = []  # the raw word each merged word starts with
    for i, (text, number, x0, x1, start, chars) in enumerate(raw):
        if i in below:
            at: int | None = first_part.index(below[i])
        elif merged and first_part[-1] in waiting:
            at = None
        else:
            at = _fragment_for(merged, text, number, x0, x1)
        if at is not None:
            p = merged[at]
            merged[at] = (_join(p[0], text), p[1], p[2], x1 if x1 is not None else p[3], p[4], p[5])
            continue
        merged.append((text, number, x0, x1, start, chars))
        first_part.append(i)
    unit_at: set[int] = set()
    for m in vocab.units_in([w[0] for w in merged]):
        if not _share_column(m, merged, vocab, settings):
            unit_at.update(range(m.start, m.end))
    out: list[HeaderWord] = []
    parenthesised = _parenthesised([(w[0], w[1], w[5]) for w in merged])
    for i, (text, number, x0, x1, start, chars) in enumerate(merged):
        inside = parenthesised[i]
        if i in unit_at:
            role, value = "unit", None
        elif text.endswith("-") and i == len(merged) - 1:
            role, value = "fragment", None
        else:
            role, value = _classify(text, vocab, settings)
        out.append(HeaderWord(text, number, role, value, x0, x1, inside, start, chars))
    return _apply_legend(out, vocab)


# A header word before it is classified: text, line, x0, x1, first on its line, characters.
_Placed = tuple[str, int, float | None, float | None, bool, tuple[float, float] | None]


def _share_column(
    m: UnitMatch, merged: list[_Placed], vocab: Vocabulary, settings: ExtractionSettings
) -> bool:
    """Whether a percent word of a header (``Procent``, ``%``) names a column of shares rather
    than the table's unit: it stands as a cell of its own (alone on its line, as a header printed
    one cell per line prints each column's name; or set apart by a run of spaces in a text laid
    out in columns) after another column's name (``Budget`` / ``Avvikelse`` / ``Procent``). A
    money table prints a deviation's share of the budget beside it in a column of its own; that
    column holds shares, and the table stays a table of amounts. A percent word that opens the
    header, stands in a phrase (``Andel i procent``) or in parentheses is the unit."""
    if m.unit.unit != "percent" or m.end - m.start != 1:
        return False
    text, number, x0, _, _, chars = merged[m.start]
    if text.startswith("(") or x0 is not None:
        return False  # (a PDF's word: its x positions, not this rule, place it)
    on_line = [w for w in merged if w[1] == number]
    k = on_line.index(merged[m.start])
    left = on_line[k - 1][5] if k > 0 else None
    apart = chars is not None and left is not None and chars[0] - left[1] >= 2
    if not (len(on_line) == 1 or apart):
        return False
    return any(_classify(w[0], vocab, settings)[0] in DEFINING for w in merged[: m.start])


def _parenthesised(words: list[tuple[str, int, tuple[float, float] | None]]) -> list[bool]:
    """Whether each word (text, line, characters) stands inside parentheses. A parenthesis goes
    on in reading order; in a text laid out in columns it goes on down its own column (``period
    (ack`` / ``sedan`` / ``årets`` / ``början)``), and the next column's words beside it are not
    inside it."""
    if not _laid_out_lines(words):
        out, depth = [], 0
        for text, _, _ in words:
            out.append(depth > 0 or text.startswith("("))
            depth = max(depth + text.count("(") - text.count(")"), 0)
        return out
    spans = [chars or (0.0, 0.0) for _, _, chars in words]

    def one_space_apart(i: int) -> bool:  # word i and word i + 1 stand in one cell
        return words[i][1] == words[i + 1][1] and spans[i + 1][0] - spans[i][1] <= 1

    cell_start = [spans[0][0]] * len(words)
    for i in range(1, len(words)):
        cell_start[i] = cell_start[i - 1] if one_space_apart(i - 1) else spans[i][0]
    cell_end = [spans[-1][1]] * len(words)
    for i in range(len(words) - 2, -1, -1):
        cell_end[i] = cell_end[i + 1] if one_space_apart(i) else spans[i][1]
    opened: list[tuple[float, float]] = []  # the characters an open parenthesis goes on down
    out = []
    for i, (text, _, _) in enumerate(words):
        a, b = spans[i]
        within = [k for k, (lo, hi) in enumerate(opened) if min(b, hi) - max(a, lo) > 0]
        out.append(bool(within) or text.startswith("("))
        if text.count("(") > text.count(")"):
            opened.append((cell_start[i], cell_end[i]))
        elif text.count(")") > text.count("(") and within:
            opened.pop(within[-1])
    return out


def _laid_out_lines(words: list[tuple[str, int, tuple[float, float] | None]]) -> bool:
    """Whether a text's words stand in columns: two words of a line further apart than one space."""
    return any(
        a[2] is not None and b[2] is not None and a[1] == b[1] and b[2][0] - a[2][1] > 1
        for a, b in zip(words, words[1:], strict=False)
    )


def _apply_legend(words: list[HeaderWord], vocab: Vocabulary) -> list[HeaderWord]:
    """``U=Utgifter I=Inkomster``: each abbreviation the header defines takes the meaning of
    the word it stands for (``U`` is a cost column, ``I`` an income column)."""
    legend: dict[str, tuple[str, str]] = {}
    for w in words:
        if w.role == "legend":
            role = vocab.role_of(w.value or "")
            if role:
                legend[w.text.strip(_PUNCT).split("=")[0]] = role
    if not legend:
        return words
    return [
        HeaderWord(w.text, w.line, *legend[w.text], w.x0, w.x1, w.in_parens, w.line_start, w.chars)
        if w.text in legend and w.role != "legend"
        else w
        for w in words
    ]


# ---- is a line (part of) a header? ----------------------------------------------------------


def _words_length(line: Line) -> int:
    """How long a line's words are, one space apart: a header line is short, running text
    long, however far apart a layout sets a header's columns."""
    return sum(len(t.text) + 1 for t in line.tokens) - 1


def _non_year_digits(line: Line, settings: ExtractionSettings) -> bool:
    """Digits that are not a year, nor a reference to a footnote (``resultat 1)``), nor a
    Swedish ordinal (``8:e kapitel``, ``2:a halvåret``: a word, never an amount)."""
    return any(
        _DIGIT.search(t.text)
        and year_of(t.text, settings) is None
        and not _FOOTNOTE_REF.match(t.text)
        and not _ORDINAL.match(t.text)
        for t in line.tokens
    )


def stub_length(words: list[HeaderWord] | tuple[HeaderWord, ...]) -> int:
    """Leading words of a header's first line that caption the label column, not a value
    column: the words before its first column word (``Nämnd,``, ``Belopp i``), and everything
    up to a unit the first line prints (``Nettokostnad, belopp tkr``, ``(mnkr)``)."""
    if not words:
        return 0
    first = words[0].line
    laid_out = words[0].x0 is not None or laid_out_words(list(words))  # a PDF's words are placed
    n = 0
    while n < len(words) and words[n].role in ("other", "filler") and words[n].line == first:
        if laid_out and over_a_column(words[n], words):
            break
        n += 1
    units = [i for i, w in enumerate(words) if w.line == first and w.role == "unit"]
    n = max(n, units[-1] + 1) if units else n
    # the whole first line a caption with its unit: a caption line with its unit may follow it
    while units and 0 < n < len(words) and words[n].line != words[n - 1].line:
        line = [w for w in words[n:] if w.line == words[n].line]
        if not _caption_unit_words(line):
            break
        n += len(line)
    return n


def _caption_unit_words(line: list[HeaderWord]) -> bool:
    """Whether a header line's words are a caption that ends in its unit after a comma
    (``Budgetavvikelser, miljoner kronor``, ``Resultat, mnkr``): the table's title and unit,
    which a web page may print twice over the table (its heading and the table's caption), or
    under a heading on the header's first line. Such a line names what the whole table holds;
    it is the stub's caption, never a column (a column's name carries no comma before a unit)."""
    k = next((i for i, w in enumerate(line) if w.role == "unit"), None)
    if k is None or k == 0 or any(w.role != "unit" for w in line[k:]):
        return False
    caption = line[:k]
    defining = {"year", "range", "date", "scenario", "note", "entity", "period"}
    return caption[-1].text.endswith(",") and not any(w.role in defining for w in caption)


def _place(w: HeaderWord) -> tuple[float, float] | None:
    """Where a word stands across the page: its characters in a text layer, x0 and x1 in a PDF."""
    if w.chars is not None:
        return w.chars
    return (w.x0, w.x1) if w.x0 is not None and w.x1 is not None else None


def over_a_column(w: HeaderWord, words: list[HeaderWord] | tuple[HeaderWord, ...]) -> bool:
    """Whether a word stands over a column word on a lower line (``Aktuell`` over ``period``):
    the start of that column's name, no stub."""
    return _in_a_column(w, [v for v in words if v.line > w.line])


def under_a_column(w: HeaderWord, words: list[HeaderWord] | tuple[HeaderWord, ...]) -> bool:
    """Whether a word stands under a column word on a higher line (``början)`` under ``period
    (ack``): the end of that column's name."""
    return _in_a_column(w, [v for v in words if v.line < w.line])


def _in_a_column(w: HeaderWord, others: list[HeaderWord]) -> bool:
    """Whether a word stands across the page where one of ``others``, a column word, stands."""
    at = _place(w)
    if at is None:
        return False
    placed = [p for v in others if v.role in DEFINING and (p := _place(v))]
    return any(min(at[1], p[1]) - max(at[0], p[0]) > 0 for p in placed)


def starts_header(line: Line, settings: ExtractionSettings, vocab: Vocabulary | None = None) -> bool:
    """A line that can open a table header: header words, optionally after a stub caption.

    ``Nämnd, miljoner kronor Utfall 2014 Årsbudget Budgetavvikelse``, ``Belopp i tkr Not BUDGET``,
    ``Kommunstyrelsen (tkr)``, ``Löpande prisnivå, mnkr KOMMUNEN KONCERNEN``, ``2024``.
    """
    if line.is_blank or _words_length(line) > MAX_HEADER_LINE or _non_year_digits(line, settings):
        return False
    text = line.stripped
    vocab = vocab or load_vocabulary()
    if text.endswith(".") and not vocab.ends_with_abbreviation(text):
        return False  # a sentence (the period of "Belopp i tkr." is the unit's)
    if text[:1] in "•\u2022\u2013\u2014-*" and text[1:2] == " ":
        return False  # a list item
    words = header_words([line], settings, vocab)
    stub = stub_length(words)
    rest = words[stub:]
    if stub > 10:
        return False
    if not rest:
        return any(w.role == "unit" for w in words)  # "Nettokostnad, belopp tkr": columns below
    if any(w.role == "other" and not w.in_parens for w in rest):
        return False
    return any(w.role in DEFINING or w.role in ("unit", "fragment") for w in rest)


def continues_header(words: list[HeaderWord], geometric: bool = False) -> bool:
    """A further header line: only header words (words in parentheses may explain them).

    A PDF may break a header word without a hyphen (``Avvik`` / ``else``); there, a line whose
    words are at least half header words continues the header too, when one of them names a
    column.
    """
    if not words:
        return False
    known = sum(1 for w in words if w.role in KNOWN or w.in_parens)
    if known == len(words):
        return True  # also a unit alone (``Tkr``, a stub cell set lower than the scenario words)
    return geometric and known * 2 >= len(words) and any(w.role in DEFINING for w in words)


def is_caption_unit_line(line: Line, settings: ExtractionSettings) -> bool:
    """``Kommunstyrelsen (tkr)``, ``Nettokostnad, belopp mnkr``, ``(Tkr) Bokslut``: a short line
    without amounts whose unit stands at its end or in parentheses."""
    if line.is_blank or len(line.tokens) > 9 or len(line.stripped) > 70 or line.stripped.endswith("."):
        return False
    if _non_year_digits(line, settings):
        return False
    words = header_words([line], settings)
    last = len(words) - 1
    return any(w.role == "unit" and (i == last or w.text.startswith("(")) for i, w in enumerate(words))


def is_indicator_header_line(line: Line, settings: ExtractionSettings) -> bool:
    """``Nämndmål Nämndindikator 2022 2023``, ``Mätetal Senaste utfall 2023 2024 2025``."""
    if line.is_blank or len(line.stripped) >= 90:
        return False
    kinds = [token_kind(t.text, settings) for t in line.tokens]
    if any(
        any(ch.isdigit() for ch in t.text) and k != "year" for t, k in zip(line.tokens, kinds, strict=True)
    ):
        return False
    return "indicator" in kinds and ("year" in kinds or sum(k == "indicator" for k in kinds) >= 2)


def _is_indicator_continuation(line: Line, settings: ExtractionSettings) -> bool:
    kinds = [token_kind(t.text, settings) for t in line.tokens]
    return all(k in ("year", "indicator", "scenario", "filler") for k in kinds) or line.stripped in (
        "/värde",
    )


def _block_lines(lines: list[Line], i: int, settings: ExtractionSettings, vocab: Vocabulary) -> list[int]:
    """Indices of the lines of the header that opens at ``i``: further header lines on its page,
    with at most two blank lines between them, whose words (hyphen-joined with those above) are
    all header words. A header does not run over a page break: what stands last on a page above
    a table's header printed again on the next (a heading row, ``Kostnader``) is not part of it."""
    block = [i]
    j = i + 1
    blanks = 0
    while j < len(lines) and blanks <= 2 and lines[j].page == lines[i].page:
        line = lines[j]
        if line.is_blank:
            blanks += 1
            j += 1
            continue
        if _non_year_digits(line, settings) or _words_length(line) > MAX_HEADER_LINE:
            break
        words = header_words([lines[k] for k in (*block, j)], settings, vocab)
        own = [w for w in words if w.line == line.number]
        if own and not _continues(own, words, line.geometric):
            # A word broken without a hyphen is finished on a line further down (``Budgetav`` /
            # ``vikelse`` with ``kostnader`` between them, in the next column's characters).
            words = header_words(
                [lines[k] for k in (*block, *_rest_of_header(lines, j, settings))], settings, vocab
            )
            own = [w for w in words if w.line == line.number]
            if not _continues(own, words, line.geometric):
                break  # (no words of its own: it only finished a word broken on the line above)
        if own and _labels_values_below(lines, j, settings) and not _goes_on_year_run(own, words):
            break  # "Verksamhetens intäkter" over its values: the first row, not the header
        kinds_only = [w.role for w in own if w.role in DEFINING] == ["kind"]
        if own and kinds_only and _after_years(words[stub_length(words) :], line.number):
            break  # "Verksamhetens nettokostnader" below the years: a heading of the body
        block.append(j)
        blanks = 0
        j += 1
    return block


def year_columns(header: HeaderBlock) -> int | None:
    """How many columns a header printed one cell per line names by its years alone (``mnkr`` /
    ``2005`` / … / ``2014``, each year on a line of its own): one column per year, as a
    multi-year summary prints each year once. None for any other header: where other column
    words (a scenario, a Not, an entity) may group the years or add columns, or the years share
    a line with other words, the body decides how many columns there are."""
    words = header.words[stub_length(header.words) :]
    columns = [w for w in words if w.role in DEFINING]
    if len(columns) < 2 or any(w.role != "year" for w in columns):
        return None
    if any(sum(v.line == w.line for v in header.words) > 1 for w in columns):
        return None
    return len(columns)


def _goes_on_year_run(own: list[HeaderWord], words: list[HeaderWord]) -> bool:
    """Whether a line that holds one year alone goes on the header's years printed one per line
    (``mnkr`` / ``2005`` / ``2006`` / … / ``2014``): the line above it in the header holds one
    year alone too. A header prints each column's year once, so the last year of such a run
    is the last column's, even where the first row's cells follow it without a label (a
    scrape that lost the label): a row's label is never a year of the header's run."""
    if len(own) != 1 or own[0].role != "year":
        return False
    above = [w for w in words if w.line < own[0].line]
    last = [w for w in above if w.line == above[-1].line] if above else []
    return len(last) == 1 and last[0].role == "year"


def _continues(own: list[HeaderWord], words: list[HeaderWord], geometric: bool) -> bool:
    """Whether a line's own words continue a header (a word in the label column is a stub, and
    so are the words that carry the stub caption on to this line)."""
    own = own[wrapped_caption(own) :]
    columns_own = [w for w in own if not (w.role == "other" and in_label_column(w, words))]
    return bool(columns_own) and continues_header(columns_own, geometric)


def wrapped_caption(line_words: list[HeaderWord]) -> int:
    """How many leading words of a header line below the first carry on the stub caption of the
    line above: words of no header vocabulary up to the unit that ends the caption, with column
    words after them (``Verksamheternas nettokostnad`` … / ``per nämnd, mnkr 2018 jan-apr 2018``).
    A caption over the label column wraps beside the columns' names as they wrap over lines."""
    n = 0
    while n < len(line_words) and line_words[n].role in ("other", "filler"):
        n += 1
    if n == 0 or n == len(line_words) or line_words[n].role != "unit":
        return 0
    while n < len(line_words) and line_words[n].role == "unit":
        n += 1
    return n if any(w.role in DEFINING for w in line_words[n:]) else 0


def _rest_of_header(lines: list[Line], j: int, settings: ExtractionSettings) -> list[int]:
    """Line ``j`` of a text laid out in columns and the lines below it on its page that could
    still be header lines: up to a blank line or a line of amounts."""
    out = [j]
    k = j + 1
    while k < len(lines) and lines[k].page == lines[j].page and not lines[k].is_blank:
        if lines[k].geometric or _non_year_digits(lines[k], settings):
            break
        out.append(k)
        k += 1
    return out


def in_label_column(w: HeaderWord, words: list[HeaderWord]) -> bool:
    """A word of a text laid out in columns that starts its line in the label column, a run of
    spaces left of every column word above it: on a header line, the stub cell over the labels,
    which an office may set on the header's last line (``Verksamhet`` beside the years, under
    the scenario words); alone on its line, a row's label."""
    if w.chars is None or w.line_start is False:
        return False
    above = [v.chars[0] for v in words if v.line < w.line and v.chars is not None and v.role in DEFINING]
    return bool(above) and w.chars[1] < min(above) - 1


def _is_strong(words: list[HeaderWord]) -> bool:
    """Enough to be a header: a year; or two column words with a unit, scenario, Not, entity
    or period among them; or three words of what columns measure (``Intäkter Kostnader
    Netto``). ``Intäkter`` alone is a heading in a table's body, and ``Resultatet exklusive
    exploateringsresultatet`` a sentence."""
    roles = [w.role for w in words]
    if any(r in ("year", "range", "date") for r in roles):
        return True
    defining = [r for r in roles if r in DEFINING]
    qualified = any(r in ("unit", "scenario", "note", "entity", "period") for r in roles)
    return (len(defining) >= 2 and qualified) or sum(r == "kind" for r in roles) >= 3


def _after_years(words: list[HeaderWord], line: int) -> bool:
    """Whether column years stand above ``line`` (a year in the caption, ``Driftsredovisning
    2016, mnkr``, is the table's, not a column's)."""
    return any(w.role in ("year", "range", "date") and w.line < line for w in words)


def _labels_values_below(lines: list[Line], j: int, settings: ExtractionSettings) -> bool:
    """Whether the next line after ``lines[j]`` holds values without a label of their own
    (``1 868 1 929``, or a cell printed on a line of its own), so that ``lines[j]`` is their
    row's label. Years alone (``2020 2019 2018``) are a header line."""
    k = j + 1
    while k < len(lines) and lines[k].text == "":
        k += 1
    if k >= len(lines):
        return False
    nxt = lines[k]
    if not nxt.stripped:
        return True  # a blank cell printed on its own line
    tokens = nxt.stripped.split()
    if all(year_of(t, settings) for t in tokens):
        return False
    return all(is_numeric_token(t) or t == "%" for t in tokens)


def parse_header(lines: list[Line], i: int, settings: ExtractionSettings) -> HeaderBlock | None:
    """Try to read a table header starting at ``lines[i]``."""
    first = lines[i]
    if first.is_blank:
        return None
    vocab = load_vocabulary()
    if is_indicator_header_line(first, settings):
        j = i + 1
        while j < len(lines) and (lines[j].is_blank or _is_indicator_continuation(lines[j], settings)):
            j += 1
        last = max(k for k in range(i, j) if not lines[k].is_blank)
        return HeaderBlock(i, last, "indicator", (), None, None, None, None)
    if not starts_header(first, settings, vocab):
        return None
    block = _block_lines(lines, i, settings, vocab)
    above = _column_names_above(lines, block, settings, vocab)
    if not above and _caption_over_header(lines, block, settings, vocab):
        return None  # the header starts below its caption (not below its columns' first words)
    block = above + block
    i = block[0]
    first = lines[i]
    words = header_words([lines[k] for k in block], settings, vocab)
    if words and words[-1].role == "fragment":
        return None  # a hyphen-broken word that nothing completes: not a header
    stub_n = stub_length(words)
    units = [w for w in words if w.role == "unit"]
    unit_match = vocab.unit_of_text(" ".join(w.text for w in units)) if units else None
    if not _is_strong(words[stub_n:]):
        # "Verksamhet Ersättning, mnkr": a caption with a money unit and no year columns; the
        # caller checks that value rows follow and gives the table the document's year.
        money = unit_match is not None and unit_match.unit.is_money
        if not money or len(block) > 1 or not is_caption_unit_line(first, settings):
            return None
    stub = " ".join(w.text for w in words[:stub_n] if w.role != "unit").strip() or None
    first_words = [w for w in words if w.line == first.number]
    in_parens_unit = any(w.role == "unit" and w.text.startswith("(") for w in first_words)
    return HeaderBlock(
        first_line_idx=i,
        last_line_idx=block[-1],
        kind="budget",
        words=tuple(words),
        stub=stub,
        unit=unit_match.unit.unit if unit_match else None,
        unit_phrase=_unit_phrase(words) if unit_match else None,
        caption=first.stripped if in_parens_unit and stub else None,
    )


def _column_names_above(
    lines: list[Line], block: list[int], settings: ExtractionSettings, vocab
) -> list[int]:
    """Lines just above a header laid out in columns that begin its columns' names with words
    of no header vocabulary (``Aktuell`` over ``period (ack`` / ``sedan`` / ``årets`` /
    ``början)``, ``Motsvaran`` over ``de period``): every word of such a line stands in the
    characters of a column word below it, right of the label column, where a caption over the
    table does not stand. (In a PDF, x positions say the same.)"""
    words = header_words([lines[k] for k in block], settings, vocab)
    if not lines[block[0]].geometric and not laid_out_words(words):
        return []
    columns = [
        p
        for w in words[stub_length(words) :]
        if (p := _place(w)) is not None and w.role != "unit" and not in_label_column(w, words)
    ]
    above: list[int] = []
    k = block[0] - 1
    while k >= 0 and lines[k].page == lines[block[0]].page and not lines[k].is_blank:
        line = lines[k]
        if _non_year_digits(line, settings) or not all(
            any(min(t.x1, b) - max(t.x0, a) > 0 for a, b in columns) for t in line.tokens
        ):
            break
        if any(_classify(t.text, vocab, settings)[0] != "other" for t in line.tokens):
            break  # header words: a line the header itself would have started with
        above.insert(0, k)
        k -= 1
    return above


def laid_out_words(words: list[HeaderWord]) -> bool:
    """Whether a text header's words stand in columns: two words of a line further apart than
    one space (a phrase's words are one space apart)."""
    return _laid_out_lines([(w.text, w.line, w.chars) for w in words if w.chars is not None])


def _caption_over_header(lines: list[Line], block: list[int], settings: ExtractionSettings, vocab) -> bool:
    """A caption whose words are header words (``Förändring av budgetram 2025–2028``,
    ``Intäkter och kostnader``) over a header that stands on its own below it. It is one phrase
    (no gap between its words as wide as one between columns), set at the table's left edge (no
    further in than the header's lines below), and says more than a column group's scenario and
    year (``Budget 2024`` centred over its columns).

    In a PDF the gaps are measured in font sizes. A text layer laid out in columns (as
    ``pdftotext -layout`` lays out a page) sets columns apart by runs of spaces and the words of
    a phrase by one; where the header below is not so laid out, nothing tells a caption from a
    header line."""
    first = lines[block[0]]
    if len(block) < 2 or len(first.tokens) < 2:
        return False
    tokens = first.tokens
    if first.geometric:
        size = max(t.size for t in first.tokens) or 10.0
        wide, indent = settings.pdf_cell_gap * size, 0.25 * size
    else:
        wide, indent = 1.0, 0.0  # characters: a phrase's words are one space apart
        if not any(_widest_gap(lines[k]) > wide for k in block[1:]):
            return False
    if _widest_gap(first) > wide:
        return False
    roles = {w.role for w in header_words([first], settings, vocab)}
    if roles <= {"scenario", "year", "range", "date"}:
        return False
    left = min(lines[k].tokens[0].x0 for k in block[1:] if lines[k].tokens)
    at_left_edge = tokens[0].x0 <= left + indent or _startsin_label_column(
        first, lines, block[1:], settings, vocab
    )
    # the header below may itself stand under a unit line (``Belopp i tkr``), which is no header
    # of its own for the same reason: the header starts on some line below the caption
    return at_left_edge and any(parse_header(lines, k, settings) is not None for k in block[1:])


def _startsin_label_column(first: Line, lines: list[Line], block: list[int], settings, vocab) -> bool:
    """Whether a line of a text laid out in columns starts in the label column of the header
    lines ``block`` below it: left of every column word, as a caption does (the stub cell an
    office sets in the label column on a lower line, ``Tjänster`` beside ``intäkter``, may stand
    further left than the caption)."""
    if first.geometric:
        return False
    words = header_words([lines[k] for k in block], settings, vocab)
    columns = [w.chars[0] for w in words if w.chars is not None and not in_label_column(w, words)]
    return bool(columns) and first.tokens[0].x0 < min(columns)


def _widest_gap(line: Line) -> float:
    """The widest gap between two words of a line (points in a PDF, characters in a text)."""
    return max((b.x0 - a.x1 for a, b in zip(line.tokens, line.tokens[1:], strict=False)), default=0.0)


def _unit_phrase(words: list[HeaderWord]) -> str:
    """The unit line's words up to its unit, without years and scenario words:
    ``Nettokostnad, belopp tkr``, ``Belopp i mnkr``, ``(Tkr)``, ``Verksamhet Ersättning, mnkr``."""
    last_unit = max(i for i, w in enumerate(words) if w.role == "unit")
    line = words[last_unit].line
    kept = [
        w.text
        for w in words[: last_unit + 1]
        if w.line == line and w.role not in ("scenario", "year", "range", "date")
    ]
    before = [w for w in words[:last_unit] if w.line < line]
    if before and before[-1].text.endswith(","):
        # "Investeringar netto," / "belopp mnkr": the phrase began on the line above
        kept = [w.text for w in before if w.line == before[-1].line] + kept
    return " ".join(kept)
