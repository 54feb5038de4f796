"""Amounts stated in running text, with their sentence and year.

``Den totala budgetramen för kommunstyrelsens verksamhet år 2024 uppgår till 493,4 mnkr`` is an
amount (493,4 mnkr), a year (2024) and a sentence. Lines that tables consumed are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal

from .model import Line, NarrativeRecord
from .numbers import parse_tokens

UNITS = {
    "mnkr": "mnkr",
    "mkr": "mnkr",
    "msek": "mnkr",
    "miljoner kronor": "mnkr",
    "miljoner": "mnkr",
    "tkr": "tkr",
    "tusen kronor": "tkr",
    "kr": "kr",
    "kronor": "kr",
}
_AMOUNT = re.compile(
    r"(?<![\w,.])(?P<sign>[+\-\u2212\u2013]\s?)?"
    r"(?P<num>\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
    r"\s?(?P<unit>mnkr|mkr|msek|miljoner kronor|miljoner|tkr|tusen kronor|kronor|kr)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\d\-\u2013])(?P<y>(?:19|20)\d\d)(?P<range>\s?[\-\u2013]\s?(?:19|20)\d\d)?(?![\d])")
_MONTHS = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-ZÅÄÖ●•\u2022\-])|\s*[●•\u2022]\s*")
_BULLETS = "●•\u2022 -\u2013"


@dataclass(frozen=True, slots=True)
class _Para:
    text: str
    starts: list[int]  # char offset where each source line begins in text
    lines: list[Line]


def _paragraphs(lines: list[Line], skip: set[int]) -> list[_Para]:
    paras: list[_Para] = []
    buf: list[Line] = []

    def flush() -> None:
        if not buf:
            return
        text_parts: list[str] = []
        starts: list[int] = []
        pos = 0
        for ln in buf:
            starts.append(pos)
            part = ln.text.strip()
            text_parts.append(part)
            pos += len(part) + 1
        paras.append(_Para(" ".join(text_parts), starts, list(buf)))
        buf.clear()

    for pos, ln in enumerate(lines):
        if ln.is_blank or ln.number in skip:
            flush()
            continue
        buf.append(ln)
        nxt = lines[pos + 1] if pos + 1 < len(lines) else None
        if nxt is not None and _is_heading_break(ln, nxt):
            flush()
    flush()
    return paras


def _is_heading_break(line: Line, nxt: Line) -> bool:
    """A short line without closing punctuation followed by a capitalised line is a heading."""
    text = line.stripped
    first = nxt.stripped[:1]
    return (
        0 < len(text) < 60
        and not text.endswith((".", ",", ":", ";", "-", "&", "och", "till", "med"))
        and first.isupper()
        and text[:1] not in "●•\u2022"
    )


@dataclass(frozen=True, slots=True)
class _YearMention:
    start: int
    end: int
    year: int
    range_end: int | None
    is_date: bool  # "13 juni 2023": a date, not the year an amount belongs to


def _year_mentions(sentence: str) -> list[_YearMention]:
    out = []
    for m in _YEAR.finditer(sentence):
        before = sentence[max(0, m.start() - 12) : m.start()].lower().rstrip()
        rng = m.group("range")
        out.append(
            _YearMention(
                m.start(),
                m.end(),
                int(m.group("y")),
                int(rng[-4:]) if rng else None,
                any(before.endswith(mo) for mo in _MONTHS),
            )
        )
    return out


_AFTER_OK = re.compile(
    r"^\s*(?:(?:år|åren|året|per|för|från|fr\.o\.m\.|årligen|under|vardera)\s+){0,3}$",
    re.IGNORECASE,
)


def _year_for(sentence: str, seg_start: int, amount_start: int, amount_end: int) -> tuple[int | None, str]:
    """(year, source) for the amount at [amount_start, amount_end) of ``sentence``.

    In order: a year right after the amount (``22,3 mnkr år 2029``, ``28 mkr för 2023-2025``);
    the last year between the previous amount and this one (``2025 med 1,0 mnkr``); the last
    year earlier in the sentence. Dates (``13 juni 2023``) never count. Otherwise the caller
    falls back to the document's base year.
    """
    mentions = [y for y in _year_mentions(sentence) if not y.is_date]
    for y in mentions:
        if y.start >= amount_end:
            if _AFTER_OK.match(sentence[amount_end : y.start]):
                return y.year, "sentence_range" if y.range_end else "sentence"
            break
    before = [y for y in mentions if y.end <= amount_start and not y.range_end]
    between = [y for y in before if y.start >= seg_start]
    if between:
        return between[-1].year, "sentence"
    if before:
        return before[-1].year, "sentence"
    return None, "none"


def _context(sentence: str, seg_start: int, amount_start: int) -> str:
    """The words before an amount since the previous one: what the amount is about."""
    text = sentence[seg_start:amount_start].strip()
    text = re.sub(r"^[\s,;:)(\-\u2013●•\u2022]+", "", text)
    text = re.sub(r"[\s,(;:]+$", "", text)
    words = text.split()
    if not words:
        return sentence.strip()[:80]
    if len(words) > 20:
        return " ".join(words[:10]) + " … " + " ".join(words[-8:])
    return " ".join(words)


def _ends_a_number_run(line: str, number: str) -> bool:
    """The line ends with ``number`` standing alone or after another bare number."""
    if not line.endswith(number):
        return False
    before = line[: -len(number)].split()
    return not before or bool(re.fullmatch(r"[\d,.\-\u2212\u2013]+", before[-1]))


def find_narrative_amounts(
    lines: list[Line], skip: set[int], base_year: int | None
) -> tuple[list[NarrativeRecord], set[int]]:
    """Amounts with a unit in running text; returns them and the line numbers they came from."""
    out: list[NarrativeRecord] = []
    used_lines: set[int] = set()
    for para in _paragraphs(lines, skip):
        bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(para.text)] + [len(para.text)]
        for s_start, s_end in zip(bounds, bounds[1:], strict=False):
            sentence_abs = para.text[s_start:s_end]
            sentence = sentence_abs.strip()
            lead = len(sentence_abs) - len(sentence_abs.lstrip())
            if not sentence:
                continue
            seg_start = 0
            for m in _AMOUNT.finditer(sentence):
                tokens = m.group("num").replace("\u00a0", " ").split(" ")
                parsed = parse_tokens(tokens)
                if parsed is None or parsed.value is None:
                    continue
                value = parsed.value
                sign = (m.group("sign") or "").strip()
                if sign and sign in "-\u2212\u2013":
                    value = -value
                printed = m.group(0).strip()
                unit_printed = m.group("unit")
                unit = UNITS[unit_printed.lower()]
                year, source = _year_for(sentence, seg_start, m.start(), m.end())
                if year is None and base_year is not None:
                    year, source = base_year, "document"
                abs_pos = s_start + lead + m.start("num")
                line = para.lines[max(0, bisect_right(para.starts, abs_pos) - 1)]
                unit_pos = s_start + lead + m.start("unit")
                unit_line = para.lines[max(0, bisect_right(para.starts, unit_pos) - 1)]
                if unit_line is not line and _ends_a_number_run(line.stripped, m.group("num")):
                    # "2025" alone or ending "2023 2024 2025" (a column header), with a unit on
                    # the next line: layout, not an amount in running text.
                    continue
                out.append(
                    NarrativeRecord(
                        amount_index=len(out) + 1,
                        sentence=sentence,
                        context_label=_context(sentence, seg_start, m.start()),
                        value_as_printed=printed,
                        value_numeric=Decimal(value),
                        decimals=parsed.decimals,
                        unit_as_printed=unit_printed,
                        unit=unit,
                        fiscal_year=year,
                        year_source=source,
                        source_line=line.number,
                        source_page=line.page,
                    )
                )
                used_lines.add(line.number)
                seg_start = m.end()
    return out, used_lines
