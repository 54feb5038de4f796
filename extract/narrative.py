"""Amounts stated in running text, with their sentence and year.

``Den totala budgetramen för kommunstyrelsens verksamhet år 2024 uppgår till 493,4 mnkr`` is an
amount (493,4 mnkr), a year (2024) and a sentence. Lines that tables consumed are skipped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from .model import Line, NarrativeRecord
from .numbers import parse_tokens
from .patterns import load_line_patterns
from .scenarios import forecast_or_plan, scenario_of_year
from .vocabulary import Unit, load_vocabulary

_MIN_TKR = Decimal(1000)  # a budget amount in whole kronor is a million or more
# A number as running text prints it, with its sign glued or set apart: 493,4 or 1 868 or –13,9
_NUMBER = r"(?P<sign>[+\-\u2212\u2013]\s?)?(?P<num>\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"


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
        rf"(?<![\w,.]){_NUMBER}\s?(?P<unit>{alternation})(?![\wåäö])",
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


@dataclass(frozen=True, slots=True)
class _Amount:
    """An amount of a sentence: where it stands, its digits and sign, and its unit (its own, or
    the one a ``respektive`` list shares: ``8,2 respektive 9,4 mnkr``)."""

    start: int
    end: int
    num_start: int
    num: str
    negative: bool
    printed: str
    unit_printed: str
    unit_start: int


# A number without a unit that a respektive list ends in: "8,2 respektive ", "8,2, 9,4 och 3,1
# respektive " (a list's commas are followed by a space; a decimal comma is not).
_BARE_BEFORE = re.compile(rf"(?<![\w,.]){_NUMBER}(?P<sep>,\s+|\s+och\s+|\s+respektive\s+)$", re.IGNORECASE)
_RESPEKTIVE = re.compile(r"\s+respektive\s+$", re.IGNORECASE)
_LIST_JOIN = re.compile(r"^\s*(?:,|och|respektive|/)?\s*$", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"^(?:19|20)\d\d$")


def _sentence_amounts(sentence: str) -> list[_Amount]:
    """The sentence's amounts in order. In Swedish a list of amounts shares the unit printed
    after its last one, and ``respektive`` pairs them with a list of what they are for
    (``underskott om 8,2 respektive 9,4 mnkr``): the numbers of such a list are amounts in that
    unit. A year standing in such a place is a year, not an amount."""
    out: list[_Amount] = []
    prev_end = 0
    for m in _amount_pattern().finditer(sentence):
        unit_printed, unit_start = m.group("unit"), m.start("unit")
        out.extend(_bare_list(sentence, prev_end, m.start(), unit_printed, unit_start))
        out.append(
            _Amount(
                m.start(),
                m.end(),
                m.start("num"),
                m.group("num"),
                _is_minus(m.group("sign")),
                m.group(0).strip(),
                unit_printed,
                unit_start,
            )
        )
        prev_end = m.end()
    return out


def _is_minus(sign: str | None) -> bool:
    return (sign or "").strip() in ("-", "\u2212", "\u2013")


def _bare_list(sentence: str, lo: int, hi: int, unit_printed: str, unit_start: int) -> list[_Amount]:
    """The unit-less numbers of a respektive list that ends at ``hi`` (none unless the list's
    last link is ``respektive``)."""
    if not _RESPEKTIVE.search(sentence[lo:hi]):
        return []
    found: list[_Amount] = []
    end = hi
    while (m := _BARE_BEFORE.search(sentence[lo:end])) is not None:
        if _YEAR_ONLY.match(m.group("num")):
            break
        start = lo + m.start()
        found.append(
            _Amount(
                start,
                lo + m.start("sep"),
                lo + m.start("num"),
                m.group("num"),
                _is_minus(m.group("sign")),
                sentence[start : lo + m.start("sep")].strip(),
                unit_printed,
                unit_start,
            )
        )
        end = start
    return found[::-1]


def _respektive_years(sentence: str, amounts: list[_Amount]) -> dict[int, int]:
    """Years for the amounts of a respektive list, in order, where the sentence names as many
    years before the list (``För åren 2024-2025 planeras för överskott om 2 miljoner kronor
    respektive 21 miljoner kronor``; ``2024 och 2025 … 8 respektive 9 mnkr``)."""
    years: dict[int, int] = {}
    for group in _respektive_groups(sentence, amounts):
        listed = _year_list_before(sentence, amounts[group[0]].start, len(group))
        if listed:
            years.update(zip(group, listed, strict=True))
    return years


def _respektive_groups(sentence: str, amounts: list[_Amount]) -> list[list[int]]:
    """Runs of amounts joined only by list words, whose last link is ``respektive``."""
    groups: list[list[int]] = []
    run = [0] if amounts else []
    for k in range(1, len(amounts) + 1):
        between = sentence[amounts[k - 1].end : amounts[k].start] if k < len(amounts) else None
        if between is not None and _LIST_JOIN.match(between):
            run.append(k)
            continue
        last_link = sentence[amounts[run[-2]].end : amounts[run[-1]].start] if len(run) > 1 else ""
        if len(run) > 1 and "respektive" in last_link.lower():
            groups.append(run)
        run = [k]
    return groups


def _year_list_before(sentence: str, before: int, n: int) -> list[int] | None:
    """``n`` years named before position ``before``: a range of exactly ``n`` years
    (``2024-2025``) or ``n`` years in a row joined by list words (``2024 och 2025``)."""
    mentions = [y for y in _year_mentions(sentence) if not y.is_date and y.end <= before]
    if not mentions:
        return None
    last = mentions[-1]
    if last.range_end is not None:
        return list(range(last.year, last.range_end + 1)) if last.range_end - last.year + 1 == n else None
    run = [last]
    for y in reversed(mentions[:-1]):
        if y.range_end is not None or not _LIST_JOIN.match(sentence[y.end : run[0].start]):
            break
        run.insert(0, y)
    return [y.year for y in run] if len(run) == n else None


def _is_part_of_previous(before: str) -> bool:
    """``38 miljoner kronor för helåret, varav ca 9 miljoner kronor``: an amount the words before
    it introduce as part of the amount before it (a varav line's words, seeds/line_kind_patterns.csv)
    is a figure of the same kind: a part of a budget is budget, of a forecast a forecast."""
    clause = before.rsplit(",", 1)[-1]  # "för helåret, varav ca": the clause of this amount
    return load_line_patterns().kind_of(clause.strip(" ;:()")) == "of_which"


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
            amounts = _sentence_amounts(sentence)
            listed_years = _respektive_years(sentence, amounts)
            seg_start = 0
            previous: _Meaning | None = None
            for k, a in enumerate(amounts):
                parsed = parse_tokens(a.num.replace("\u00a0", " ").split(" "))
                if parsed is None or parsed.value is None:
                    continue
                value = -parsed.value if a.negative else parsed.value
                found = load_vocabulary().unit_of_text(a.unit_printed.lower())
                assert found is not None, a.unit_printed  # the pattern is made of the vocabulary's units
                unit = found.unit.unit
                if _is_price(value, found.unit):
                    continue  # "21,33 kronor i skatt", "inkomst över 420 800 kronor": not a budget amount
                year: int | None
                if k in listed_years:
                    year, source = listed_years[k], "sentence"
                else:
                    year, source = _year_for(sentence, seg_start, a.start, a.end)
                shift = _relative_year(sentence[a.end : a.end + 24])
                if year is None and base_year is not None and shift is not None:
                    year, source = base_year + shift, "relative"
                if year is None and base_year is not None:
                    year, source = base_year, "document"
                abs_pos = s_start + lead + a.num_start
                line = para.lines[max(0, bisect_right(para.starts, abs_pos) - 1)]
                unit_pos = s_start + lead + a.unit_start
                unit_line = para.lines[max(0, bisect_right(para.starts, unit_pos) - 1)]
                if unit_line is not line and _ends_a_number_run(line.stripped, a.num):
                    # "2025" alone or ending "2023 2024 2025" (a column header), with a unit on
                    # the next line: layout, not an amount in running text.
                    continue
                before = sentence[seg_start : a.start]
                what = meaning(before, year, base_year, reports_outcomes)
                if previous is not None and what.scenario_is_inferred and _is_part_of_previous(before):
                    what = replace(
                        what, scenario=previous.scenario, scenario_is_inferred=previous.scenario_is_inferred
                    )
                out.append(
                    _record(
                        len(out) + 1,
                        sentence,
                        _context(sentence, seg_start, a.start),
                        (a.printed, Decimal(value), parsed.decimals, a.unit_printed, unit),
                        (year, source),
                        line,
                        what,
                    )
                )
                used_lines.add(line.number)
                seg_start = a.end
                previous = what
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
