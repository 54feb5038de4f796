"""Amounts stated in running text, with their sentence and year.

``Den totala budgetramen för kommunstyrelsens verksamhet år 2024 uppgår till 493,4 mnkr`` is an
amount (493,4 mnkr), a year (2024) and a sentence. Lines that tables consumed are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .model import Line, NarrativeRecord
from .numbers import parse_tokens
from .scenarios import forecast_or_plan, scenario_of_year
from .vocabulary import Unit, load_vocabulary

_MIN_TKR = Decimal(1000)  # a budget amount in whole kronor is a million or more


@lru_cache(maxsize=1)
def _amount_pattern() -> re.Pattern[str]:
    """An amount with a money unit of ``seeds/units.csv``: ``493,4 mnkr``, ``179 miljoner``,
    ``4,76 miljarder``, ``–13,9 mnkr`` (a sign glued or set apart)."""
    terms = sorted(
        (" ".join(words) for words, unit in load_vocabulary().units if unit.is_money),
        key=len,
        reverse=True,
    )
    alternation = "|".join(re.escape(t).replace("\\ ", r"\s") for t in terms)
    return re.compile(
        r"(?<![\w,.])(?P<sign>[+\-\u2212\u2013]\s?)?"
        r"(?P<num>\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
        rf"\s?(?P<unit>{alternation})(?![\wåäö])",
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


def _is_price(value: Decimal, unit: Unit) -> bool:
    """An amount in a unit finer than tkr (whole kronor) below a million kronor: a rate or a
    price, not a budget amount."""
    to_tkr = unit.to_tkr
    return to_tkr is not None and to_tkr < 1 and abs(value) * to_tkr < _MIN_TKR


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


_RELATIVE = (
    (re.compile(r"\b(föregående år|fg år|förra året|fjolåret|i fjol)\b", re.IGNORECASE), -1),
    (re.compile(r"\b(nästa år|kommande år|nästkommande år)\b", re.IGNORECASE), 1),
)


def _relative_year(after: str) -> int | None:
    """``193 Mkr föregående år``: an amount whose year is said, right after it, relative to the
    document's. (``Jämfört med föregående år har ramen ökat med 85,4 mnkr`` compares with last
    year: the change is this year's.)"""
    for pattern, shift in _RELATIVE:
        if pattern.match(after.strip()):
            return shift
    return None


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


_APPROXIMATE = re.compile(r"\b(cirka|ca\.?|drygt|knappt|omkring|ungefär)\s*$", re.IGNORECASE)
_NEAR_WORDS = 6  # how far before an amount its kind and scenario words are looked for


@dataclass(frozen=True, slots=True)
class _Meaning:
    scenario: str | None
    scenario_is_inferred: bool
    amount_kind: str
    is_approximate: bool


def meaning(before: str, year: int | None, base_year: int | None, reports_outcomes: bool | None) -> _Meaning:
    """What an amount in a sentence is, from the words just before it: a change (``förbättring
    med``), a deviation (``positiv avvikelse på``), a budget (``budgeterat resultat på``) or a
    forecast; else the level its document states (an outcome in a report)."""
    vocab = load_vocabulary()
    words = [w for w in before.split()][-_NEAR_WORDS:]
    kind = next((v for w in reversed(words) if (v := vocab.value_of("narrative_change", w))), "amount")
    scenario = next(
        (
            v
            for w in reversed(words)
            if (v := vocab.value_of("scenario", w) or vocab.value_of("narrative_scenario", w))
        ),
        None,
    )
    scenario = forecast_or_plan(scenario, year, base_year)
    approximate = bool(_APPROXIMATE.search(before))
    if scenario is not None:
        return _Meaning(scenario, False, kind, approximate)
    later = year is not None and base_year is not None and year > base_year
    if (reports_outcomes or kind == "deviation") and not later:
        return _Meaning("utfall", True, kind, approximate)
    return _Meaning(scenario_of_year(year, base_year), True, kind, approximate)


def find_narrative_amounts(
    lines: list[Line], skip: set[int], base_year: int | None, reports_outcomes: bool | None = None
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
            for m in _amount_pattern().finditer(sentence):
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
                found = load_vocabulary().unit_of_text(unit_printed.lower())
                assert found is not None, unit_printed  # the pattern is made of the vocabulary's units
                unit = found.unit.unit
                if _is_price(value, found.unit):
                    continue  # "21,33 kronor i skatt", "inkomst över 420 800 kronor": not a budget amount
                year, source = _year_for(sentence, seg_start, m.start(), m.end())
                shift = _relative_year(sentence[m.end() : m.end() + 24])
                if year is None and base_year is not None and shift is not None:
                    year, source = base_year + shift, "relative"
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
                    _record(
                        len(out) + 1,
                        sentence,
                        _context(sentence, seg_start, m.start()),
                        (printed, Decimal(value), parsed.decimals, unit_printed, unit),
                        (year, source),
                        line,
                        meaning(sentence[seg_start : m.start()], year, base_year, reports_outcomes),
                    )
                )
                used_lines.add(line.number)
                seg_start = m.end()
    return out, used_lines


def _record(
    index: int, sentence: str, context: str, amount, year, line: Line, m: _Meaning
) -> NarrativeRecord:
    printed, value, decimals, unit_printed, unit = amount
    return NarrativeRecord(
        amount_index=index,
        sentence=sentence,
        context_label=context,
        value_as_printed=printed,
        value_numeric=value,
        decimals=decimals,
        unit_as_printed=unit_printed,
        unit=unit,
        fiscal_year=year[0],
        year_source=year[1],
        source_line=line.number,
        source_page=line.page,
        scenario=m.scenario,
        scenario_is_inferred=m.scenario_is_inferred,
        amount_kind=m.amount_kind,
        is_approximate=m.is_approximate,
    )
