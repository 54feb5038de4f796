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

from .model import IssueRecord, Line, NarrativeRecord
from .numbers import MONTHS as _MONTHS
from .numbers import parse_tokens
from .patterns import load_line_patterns
from .scenarios import forecast_or_plan, scenario_of_year
from .vocabulary import Unit, load_vocabulary, norm_word

_MIN_TKR = Decimal(1000)  # a budget amount in whole kronor is a million or more
# A number as running text prints it, with its sign glued or set apart: 493,4 or 1 868 or –13,9
_NUMBER = r"(?P<sign>[+\-\u2212\u2013]\s?)?(?P<num>\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"


# Digits that continue another number are never an amount of their own: a date's day
# (2008-06-17), a paragraph number (KFN § 63), the end of a range (1 000–2 000 mnkr).
_NOT_PART_OF_ANOTHER_NUMBER = r"(?<![\w,.§])(?<!§\s)(?<!\d[\-\u2013])"


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
        rf"{_NOT_PART_OF_ANOTHER_NUMBER}{_NUMBER}\s?(?P<unit>{alternation})(?![\wåäö])",
        re.IGNORECASE,
    )


_YEAR = re.compile(r"(?<![\d\-\u2013])(?P<y>(?:19|20)\d\d)(?P<range>\s?[\-\u2013]\s?(?:19|20)\d\d)?(?![\d])")
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
    is_comparison: bool = False  # "jämfört med 2016", "bättre än 2021": the base of a comparison


# A year named as what an amount is compared with (jämfört med 2016, mot 2016, bättre än 2021,
# sedan 2019) is the base of the comparison; the amount belongs to the year the text reports on.
_COMPARED_WITH = re.compile(
    r"\b(?:jämfört(?:\s+(?:med|mot))?|jämförelse\s+med|mot|än|sedan)\s+(?:år\s+)?$", re.I
)


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
                bool(_COMPARED_WITH.search(sentence[max(0, m.start() - 24) : m.start()])),
            )
        )
    return out


_AFTER_OK = re.compile(
    r"^\s*(?:(?:år|åren|året|per|för|från|fr\.o\.m\.|årligen|under|vardera|perioden|till\s+och\s+med|t\.o\.m\.)\s+){0,3}$",
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


@dataclass(frozen=True, slots=True)
class _When:
    """The year an amount is keyed to, where that came from, and the time it covers: ``year``,
    ``part_year`` (för perioden: a part of the year) or ``multi_year`` (för perioden 2024–2026:
    a total over several years, keyed to its last year as the typed corpus keys Utfall
    2016–2019; ``first`` is the period's first year)."""

    year: int | None
    source: str
    period_kind: str = "year"
    first: int | None = None


# A year a later part of the amount's clause gives it: "drygt 55 miljoner … att fördela för 2020".
_FOR_YEAR = re.compile(r"\b(?:för|under|inför)\s+(?:år\s+)?$", re.I)
_CLAUSE_END = re.compile(r"[,;:()]")
# "för perioden", "periodens budget", "motsvarande period": a part of the year, not the year; so
# is what a year has come to so far (hittills under år 2021), its first months (de åtta första
# månaderna, januari–augusti: a span from January to a month before December)
_PART_YEAR = re.compile(
    r"\b(?:perioden|periodens|period|delåret|delårets|hittills"
    r"|första\s+(?:\w+\s+)?månader(?:na)?"
    r"|januari\s*(?:[\-\u2013]|till(?:\s+och\s+med)?|t\.o\.m\.)?\s*"
    r"(?:februari|mars|april|maj|juni|juli|augusti|september|oktober|november))\b",
    re.I,
)
# a sentence that speaks of the whole year (helåret, helårsprognosen, hela året, årets slut) has
# left the part of it that the paragraph began with
_WHOLE_YEAR = re.compile(r"\bhel(?:år|a\s+året)|\bårets\s+slut|\bårsprognos", re.I)
# "384 mkr som utbetalas under perioden 2021 till 2028": the amount's clause spreads it over
# several years; it is a total over them, keyed to the last year as a range right after it is
_PERIOD_OF_YEARS = re.compile(
    r"^[^,;:()]*?\b(?:perioden|åren)\s+(?P<first>(?:19|20)\d\d)\s*(?:[\-\u2013]|till(?:\s+och\s+med)?)\s*"
    r"(?P<last>(?:19|20)\d\d)\b",
    re.I,
)


def _year_for(sentence: str, seg_start: int, amount_start: int, amount_end: int, clause_end: int) -> _When:
    """The year of the amount at [amount_start, amount_end) of ``sentence``.

    In order: a year right after the amount (``22,3 mnkr år 2029``; a range, ``221,5 mnkr för
    perioden 2024–2026``, is a total over the period, keyed to its last year, but ``per år
    2024-2029`` gives each year's amount, keyed to the first); the last year
    between the previous amount and this one (``2025 med 1,0 mnkr``); the last year earlier in the
    sentence; a year later in the amount's clause introduced by ``för`` (``55 miljoner extra … att
    fördela för 2020``). Dates (``13 juni 2023``) and years an amount is compared with (``jämfört
    med 2016``) never count. Otherwise the caller falls back to the paragraph's or the document's.
    """
    mentions = [y for y in _year_mentions(sentence) if not y.is_date and not y.is_comparison]
    for y in mentions:
        if y.start >= amount_end:
            if _AFTER_OK.match(sentence[amount_end : y.start]):
                if y.range_end and _PER_YEAR.search(sentence[amount_end : y.start]):
                    return _When(y.year, "sentence_range")  # "+1,7 mnkr per år 2024-2029": each year's
                if y.range_end:
                    return _When(y.range_end, "sentence_range", "multi_year", y.year)
                if _PERIOD_UNTIL.search(sentence[amount_end : y.start]):
                    return _When(y.year, "sentence_range", "multi_year")
                return _When(y.year, "sentence")
            break
    period = _PERIOD_OF_YEARS.match(sentence[amount_end:clause_end])
    if period and int(period.group("last")) > int(period.group("first")):
        return _When(int(period.group("last")), "sentence_range", "multi_year", int(period.group("first")))
    before = [y for y in mentions if y.end <= amount_start and not y.range_end]
    between = [y for y in before if y.start >= seg_start]
    if between:
        return _When(between[-1].year, "sentence")
    if before:
        return _When(before[-1].year, "sentence")
    for y in mentions:
        if amount_end <= y.start < clause_end and not y.range_end:
            gap = sentence[amount_end : y.start]
            if not _CLAUSE_END.search(gap) and _FOR_YEAR.search(gap):
                return _When(y.year, "sentence")
    return _When(None, "none")


_LAST_YEARS = re.compile(
    r"\bsenaste\s+(?P<n>\d+|två|tre|fyra|fem|sex|sju|åtta|nio|tio)\s+år(?:en|ens)?\b", re.I
)
_COUNT_WORDS = {"två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6, "sju": 7, "åtta": 8, "nio": 9, "tio": 10}


def _last_years(before: str) -> int | None:
    """How many years ``de senaste fem åren`` in the amount's clause spans, or None."""
    if (m := _LAST_YEARS.search(before)) is None:
        return None
    n = m.group("n").lower()
    return int(n) if n.isdigit() else _COUNT_WORDS[n]


# "+1,7 mnkr per år 2024-2029", "3 mnkr årligen 2025-2027": an amount of each year of the range,
# not a total over it
_PER_YEAR = re.compile(r"\b(?:per\s+år|årligen)\b", re.IGNORECASE)
# "för perioden till och med 2026": a total from the document's year to the one named
_PERIOD_UNTIL = re.compile(r"\bperioden\s+(?:till\s+och\s+med|t\.o\.m\.)\s+$", re.I)


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


def _named_scenario(words: list[str], year: int | None, near: bool = True) -> str | None:
    """The scenario ``words`` name, the nearest to the amount first: a scenario word (budgeterat,
    Prognosen, planeras) wins over a past-tense outcome verb (det budgeterade resultatet var 17
    mnkr). A scenario word right after ``mot`` or ``än`` that other words follow is what the
    amount is measured against (Avvikelse mot budget för perioden är minus 26 miljoner): a
    yardstick, not the amount's scenario; right before the amount it names the amount (1,1 mkr mot
    budgeterade –329 tkr: the budget's figure). A scenario word that names its own years, other
    than the amount's, speaks of them (budget 2024 med plan för 2025-2029 …, 667 mnkr: the plan
    is 2025-2029's, the amount 2024's budget).

    Beyond the words ``near`` the amount, the clause that holds it decides: the verb that states
    the amount (kommunen redovisar per den 31 augusti, ett resultat på) is its clause's,
    and a scenario word before that verb belongs to an earlier clause or a heading run into the
    sentence (… samt prognos för hela året Delårsbokslut 31 augusti …), not to the amount."""
    vocab = load_vocabulary()
    for k in range(len(words) - 1, -1, -1):
        v = vocab.value_of("scenario", words[k]) or vocab.value_of("narrative_scenario", words[k])
        if v and not _is_yardstick(words, k) and not _names_other_years(words[k + 1 : k + 3], year):
            return v
        if not near and vocab.value_of("narrative_outcome", words[k]):
            break
    return next((v for w in reversed(words) if (v := vocab.value_of("narrative_outcome", w))), None)


# A hyphen between two lower-case letters inside a word is where a PDF line broke it
# (förbätt-ring, kom-munen; with a space where two lines were joined: förbätt- ring). A
# compound's shared part also ends in a hyphen before a space, but a conjunction follows it
# (Barn- och, drift- eller): that hyphen is kept.
_LINE_BREAK_HYPHEN = re.compile(r"(?<=[a-zåäö])-\s?(?=[a-zåäö])(?!(?:och|eller|samt|respektive|till)\b)")


def _cue_words(text: str) -> list[str]:
    """The words of ``text``, each read whole across a line-break hyphen, so that a word broken
    at a line end (förbätt-ring med 53 miljoner kronor) still says what the amount is."""
    return _LINE_BREAK_HYPHEN.sub("", text).split()


_YARDSTICK = frozenset({"mot", "än"})
_YEARS_WORD = re.compile(r"^((?:19|20)\d\d)(?:[\-\u2013]((?:19|20)\d\d))?[,.;:)]*$")


def _names_other_years(following: list[str], year: int | None) -> bool:
    """The words after a scenario word (``för 2025-2029``, ``2024``) name years without ``year``."""
    for w in following:
        if m := _YEARS_WORD.match(w):
            first, last = int(m.group(1)), int(m.group(2) or m.group(1))
            return year is not None and not first <= year <= last
        if norm_word(w) not in ("för", "år", "åren"):
            return False
    return False


def _is_yardstick(words: list[str], k: int) -> bool:
    """``words[k]`` names what the amount after ``words`` is measured against (see _named_scenario)."""
    return 0 < k < len(words) - 1 and norm_word(words[k - 1]) in _YARDSTICK


# "31,5 mnkr bättre än budgeterat", "383 mkr sämre än föregående år": a difference, not a level
_COMPARATIVE_AFTER = re.compile(
    r"^\s*(?:bättre|sämre|högre|lägre|mer|mindre)\s+än\s+(?P<base>\S+(?:\s+\S+)?)", re.I
)


def meaning(
    before: str, after: str, year: int | None, base_year: int | None, reports_outcomes: bool | None
) -> _Meaning:
    """What an amount in a sentence is, from the words just before it: a change (``förbättring
    med``), a deviation (``positiv avvikelse på``, ``mot budget``), a budget (``budgeterat resultat
    på``), a forecast or an outcome (``uppgick till``); else from the whole clause before it; else
    (inferred) the level its document states (an outcome in a report). ``ökar till 92,7 mnkr``
    gives the level reached, ``ökar med`` the change; a comparative after the amount (``27 mnkr
    bättre än 2021``) makes it a change, or a deviation when it is compared with the budget."""
    vocab = load_vocabulary()
    all_words = _cue_words(before)
    words = all_words[-_NEAR_WORDS:]
    kind = next((v for w in reversed(words) if (v := vocab.value_of("narrative_change", w))), "amount")
    if kind == "change" and words and norm_word(words[-1]) == "till":
        kind = "amount"
    if any(vocab.value_of("scenario", w) and _is_yardstick(words, k) for k, w in enumerate(words)):
        kind = "deviation"
    if _overspent(before):
        kind = "deviation"
    if kind == "amount" and (m := _COMPARATIVE_AFTER.match(after)):
        measured_against = [vocab.value_of("scenario", w) for w in m.group("base").split()]
        kind = "deviation" if "budget" in measured_against else "change"
    scenario = _named_scenario(words, year) or _named_scenario(all_words, year, near=False)
    if kind == "deviation" and scenario == "budget":
        scenario = None  # a deviation from the budget is the outcome's or the forecast's
    scenario = forecast_or_plan(scenario, year, base_year)
    approximate = bool(_APPROXIMATE.search(before))
    if scenario is not None:
        return _Meaning(scenario, False, kind, approximate)
    later = year is not None and base_year is not None and year > base_year
    if (reports_outcomes or kind == "deviation") and not later:
        return _Meaning("utfall", True, kind, approximate)
    if reports_outcomes and year == (base_year or 0) + 1:
        # in a report, the year after the one reported on is the coming budget year
        return _Meaning("budget", True, kind, approximate)
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


# Sign words: "minus 26 miljoner kronor", "avviker negativt med 3,8 mnkr", "en negativ avvikelse
# på 4 mnkr" before the amount, "24 miljoner kronor negativt mot budget" after it. The typed
# corpus keeps "positiv avvikelse på 110,8 mnkr" positive, so "negativ avvikelse på" is its
# negative. A deficit named by its noun (underskott om 23 miljoner kronor) is kept as printed,
# as the typed corpus keeps it: the noun says what the amount is, not its sign.
_MINUS_BEFORE = re.compile(
    r"\b(?:minus|negativ[ta]?(?:\s+(?:budget)?avvikelse[n]?)?(?:\s+(?:med|på|om))?)"
    r"(?:\s+(?:cirka|ca\.?|drygt|knappt|omkring|ungefär))?\s*$",
    re.IGNORECASE,
)
_MINUS_AFTER = re.compile(r"^\s*negativt?\b", re.IGNORECASE)
# "prognostiseras en negativ avvikelse vid årets slut med 31 miljoner kronor": the amount is the
# deviation its near words name, and the deviation is called negative
_NEGATIVE_DEVIATION = re.compile(
    r"\bnegativ[a]?\s+(?:budget|prognos)?avvikelse[n]?\b(?P<rest>.*)$", re.IGNORECASE
)


# "Nämnderna överskred totalt sina budgetar med 6,9 mkr": a committee's budget is a frame for its
# net costs, so exceeding it is spending more than budgeted, a negative deviation (as "avviker
# negativt med"). Income that exceeds its budget (intäkterna överskred budget med) is a gain.
_OVERSPENT = re.compile(r"\böverskr(?:ed|eds|ider|ids|idit|idits)\b(?P<rest>[^,;:]*?)\bmed\s*$", re.I)
_INCOME = re.compile(r"intäkt", re.I)


def _overspent(before: str) -> bool:
    """The amount is what a budget was exceeded by (see _OVERSPENT), and no income's."""
    m = _OVERSPENT.search(before)
    return m is not None and not _INCOME.search(before)


def _says_minus(before: str, after: str) -> bool:
    """A sign written as a word (see _MINUS_BEFORE), or carried by the verb (see _OVERSPENT)."""
    if _MINUS_BEFORE.search(before) or _MINUS_AFTER.match(after) or _overspent(before):
        return True
    m = _NEGATIVE_DEVIATION.search(" ".join(before.split()[-_NEAR_WORDS:]))
    vocab = load_vocabulary()
    return m is not None and not any(vocab.value_of("narrative_change", w) for w in m.group("rest").split())


# Statistics over several years are not one year's amount: "varierat mellan 42,0 och 73,5 mnkr",
# "i genomsnitt 54 mnkr", "det genomsnittliga resultatet de senaste fem åren".
_RANGE_BEFORE = re.compile(rf"\bmellan\s+{_NUMBER}\s+och\s*$", re.IGNORECASE)
# a word that begins with "snitt" or "genomsnitt" (not "avsnitt", a section of the text)
_AVERAGE = re.compile(r"\b(?:genom)?snitt", re.IGNORECASE)
# "462 mkr (143 mkr)": the figure in parentheses right after an amount is the previous year's
_OPEN_PARENTHESIS = re.compile(r"^\s*\(\s*$")
_CLOSE_PARENTHESIS = re.compile(r"^\s*\)")
_COUNTERPART = frozenset({"från", "till", "åt"})


def _entity_named(text: str) -> str | None:
    """The reporting entity the words name, the nearest first (``För kommunkoncernen var
    resultatet``, ``Sammanställd, 119 miljoner kronor``): a koncern or sammanställd word makes it
    the group's figure. A group named as where money comes from or goes to (utdelning från
    moderbolaget i koncernen) is the counterpart, not whose figure it is."""
    vocab = load_vocabulary()
    words = text.split()
    for k in range(len(words) - 1, -1, -1):
        entity = vocab.value_of("entity", words[k])
        if entity and not any(norm_word(w) in _COUNTERPART for w in words[max(0, k - 3) : k]):
            return entity
    return None


# "Kommunen skall ha ett årligt resultat på minst 1,7 mkr": a bound (minst, högst) in a sentence
# that states a goal or a requirement (mål, ska, skall) is a target. No scenario holds targets
# (utfall, budget, prognos and plan are amounts a year has or is given), so it is not landed.
_BOUND = re.compile(r"\b(?:minst|högst|lägst|åtminstone|inte\s+(?:under|över)stiga)\s*$", re.I)
_GOAL = re.compile(r"\b(?:mål\w*|\w+mål(?:et|en)?|ska|skall)\b", re.I)


def _not_one_year(before: str, sentence: str = "") -> str | None:
    """Why the amount after ``before`` is not one year's amount, or None."""
    if _BOUND.search(before) and _GOAL.search(sentence):
        return "a target (a bound in a sentence stating a goal: minst … ska); no scenario holds targets"
    if _RANGE_BEFORE.search(before):
        return "the upper end of a range (mellan … och …)"
    if _AVERAGE.search(before):
        return "an average over several years (i genomsnitt, genomsnittliga)"
    return None


@dataclass(slots=True)
class _Topic:
    """What a paragraph's sentences say once and the later ones continue: the scenario its
    opening names (Prognosen för kommunen bedöms till …; För tredje året i rad redovisar
    kommunen ett överskott. Årets resultat uppgår till …), the entity it names first, and the
    year (and period) last named. Only the opening sets the scenario: the paragraph's first
    sentence, or the one with its first amount. A scenario word after that governs its own
    sentence only (2014 års resultat uppgår till … 2014 års budgeterade resultat uppgår till …
    Skatter och statsbidrag uppgår till …: the budget sentence does not make the next one a
    budget), and an amountless sentence further on speaks of what it names (budgeterade
    räntekostnader har inte behövt tas i anspråk); a paragraph whose first amount names no
    scenario has none to pass on."""

    scenario: str | None = None
    scenario_year: int | None = None
    entity: str | None = None
    when: _When | None = None
    opening: bool = True  # no amount read yet: a sentence may still set the paragraph's scenario
    # the year a part of which the paragraph speaks of (Kommunen redovisar per den 31 augusti ett
    # resultat på … för perioden. Nettokostnaderna uppgår till …: the same months)
    part_year_of: int | None = None


def _amount_issue(line: Line, reason: str, sentence: str) -> IssueRecord:
    return IssueRecord(
        "info",
        "narrative_not_one_year",
        f"an amount in running text that is not one year's amount: {reason}; not landed",
        line.number,
        line.page,
        sentence,
    )


def find_narrative_amounts(
    lines: list[Line], skip: set[int], base_year: int | None, reports_outcomes: bool | None = None
) -> tuple[list[NarrativeRecord], set[int], list[IssueRecord]]:
    """Amounts with a unit in running text; returns them, the line numbers they came from and
    the amounts that are not one year's (a range, an average) as issues."""
    out: list[NarrativeRecord] = []
    issues: list[IssueRecord] = []
    used_lines: set[int] = set()
    for para in _paragraphs(lines, skip):
        topic = _Topic()
        bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(para.text)] + [len(para.text)]
        for s_start, s_end in zip(bounds, bounds[1:], strict=False):
            sentence_abs = para.text[s_start:s_end]
            sentence = sentence_abs.strip()
            lead = len(sentence_abs) - len(sentence_abs.lstrip())
            if not sentence:
                continue
            amounts = _sentence_amounts(sentence)
            if not amounts and s_start == 0:
                _open_topic(topic, sentence, base_year)
            listed_years = _respektive_years(sentence, amounts)
            seg_start = 0
            previous: NarrativeRecord | None = None
            previous_end = -1
            for k, a in enumerate(amounts):
                parsed = parse_tokens(a.num.replace("\u00a0", " ").split(" "))
                if parsed is None or parsed.value is None:
                    continue
                found = load_vocabulary().unit_of_text(a.unit_printed.lower())
                assert found is not None, a.unit_printed  # the pattern is made of the vocabulary's units
                unit = found.unit.unit
                if _is_price(parsed.value, found.unit):
                    continue  # "21,33 kronor i skatt", "inkomst över 420 800 kronor": not a budget amount
                abs_pos = s_start + lead + a.num_start
                line = para.lines[max(0, bisect_right(para.starts, abs_pos) - 1)]
                unit_pos = s_start + lead + a.unit_start
                unit_line = para.lines[max(0, bisect_right(para.starts, unit_pos) - 1)]
                if unit_line is not line and _ends_a_number_run(line.stripped, a.num):
                    # "2025" alone or ending "2023 2024 2025" (a column header), with a unit on
                    # the next line: layout, not an amount in running text.
                    continue
                before = sentence[seg_start : a.start]
                next_start = amounts[k + 1].start if k + 1 < len(amounts) else len(sentence)
                after = sentence[a.end : next_start]
                used_lines.add(line.number)
                if (reason := _not_one_year(before, sentence)) is not None:
                    issues.append(_amount_issue(line, reason, sentence))
                    seg_start = a.end
                    continue
                negative = a.negative or _says_minus(before, after)
                value = -parsed.value if negative else parsed.value
                context = _context(sentence, seg_start, a.start)
                amount = (a.printed, Decimal(value), parsed.decimals, a.unit_printed, unit)
                if (
                    previous is not None
                    and previous.fiscal_year is not None
                    and _OPEN_PARENTHESIS.match(sentence[previous_end : a.start])
                    and _CLOSE_PARENTHESIS.match(after)
                ):
                    record = _previous_years(previous, len(out) + 1, context, amount, line, base_year)
                else:
                    record = _read_amount(
                        (sentence, seg_start, a, next_start, before, after),
                        listed_years.get(k),
                        previous,
                        topic,
                        (base_year, reports_outcomes),
                        (len(out) + 1, context, amount, line),
                    )
                out.append(record)
                seg_start = a.end
                previous, previous_end = record, a.end
    return out, used_lines, issues


def _open_topic(topic: _Topic, sentence: str, base_year: int | None) -> None:
    """The sentence without an amount that opens a paragraph sets its scenario for the amounts
    after it (För tredje året i rad redovisar kommunen ett överskott.), for the year it names,
    else the document's."""
    years = [y.year for y in _year_mentions(sentence) if not y.is_date and not y.is_comparison]
    year = years[-1] if len(years) == 1 else base_year if not years else None
    scenario = _named_scenario(_cue_words(sentence), year, near=False)
    if scenario is not None and year is not None:
        topic.scenario, topic.scenario_year = forecast_or_plan(scenario, year, base_year), year


def _read_amount(where, listed_year, previous, topic: _Topic, document, record_args) -> NarrativeRecord:
    """The year, scenario, kind, entity and period of one amount of a sentence, from its own words,
    else its sentence's, else its paragraph's (``topic``), else the document's."""
    sentence, seg_start, a, next_start, before, after = where
    base_year, reports_outcomes = document
    index, context, amount, line = record_args
    when = (
        _When(listed_year, "sentence")
        if listed_year
        else _year_for(sentence, seg_start, a.start, a.end, next_start)
    )
    names_its_year = when.year is not None
    part_of_previous = previous is not None and _is_part_of_previous(before)
    if when.year is None and part_of_previous:
        # "221,5 mnkr för perioden 2024–2026 varav 73 mnkr": a part is of its total's period
        when = _When(previous.fiscal_year, "sentence", previous.period_kind, previous.fiscal_year)
    if when.year is None and topic.when is not None:
        when = topic.when  # the sentence names no year: it goes on about the paragraph's
    shift = _relative_year(sentence[a.end : a.end + 24])
    if when.year is None and base_year is not None and shift is not None:
        when = _When(base_year + shift, "relative")
    if when.year is None and base_year is not None:
        when = _When(base_year, "document")
    years = _last_years(before) if when.period_kind == "year" and when.year is not None else None
    if when.source.startswith("sentence") and when.year is not None:
        topic.when = when
    if years is not None and when.year is not None:
        # "De senaste fem årens samlade resultat uppgår till 20,2 mkr": a total over the years up
        # to the one the sentence speaks of, keyed to that last year (its own clause's only)
        when = replace(when, period_kind="multi_year", first=when.year - years + 1)
    elif when.period_kind == "year" and _PART_YEAR.search(before + " " + after):
        when = replace(when, period_kind="part_year")
    elif (
        when.period_kind == "year"
        and not names_its_year
        and topic.part_year_of == when.year
        and not _WHOLE_YEAR.search(sentence)
    ):
        when = replace(when, period_kind="part_year")  # it goes on about the paragraph's period
    if when.period_kind == "part_year" and topic.part_year_of is None:
        topic.part_year_of = when.year
    # a total over a period is decided with its first year (Budget 2024–2026 in a 2024 budget)
    scenario_year = (when.first or base_year) if when.period_kind == "multi_year" else when.year
    what = meaning(before, after, scenario_year, base_year, reports_outcomes)
    if what.scenario_is_inferred and part_of_previous:
        what = replace(what, scenario=previous.scenario, scenario_is_inferred=previous.scenario_is_inferred)
    elif what.scenario_is_inferred and topic.scenario is not None and topic.scenario_year == when.year:
        what = replace(what, scenario=topic.scenario)
    elif not what.scenario_is_inferred and topic.scenario is None and topic.opening:
        topic.scenario, topic.scenario_year = what.scenario, when.year
    topic.opening = False
    entity = _entity_named(before) or (previous.reporting_entity if previous is not None else topic.entity)
    entity = entity or "kommun"
    if topic.entity is None and _entity_named(before):
        topic.entity = entity
    return _record(index, sentence, context, amount, when, line, what, entity)


def _previous_years(
    main: NarrativeRecord, index: int, context: str, amount, line: Line, base_year: int | None
) -> NarrativeRecord:
    """``462 mkr (143 mkr)``: Swedish reports print the previous year's figure of the same
    measure in parentheses right after the current one. A year before the document's is closed:
    its figure is an outcome (after a forecast too: Prognosen … 23,7 mnkr (23,8 mnkr))."""
    year = main.fiscal_year - 1 if main.fiscal_year is not None else None
    closed = year is not None and base_year is not None and year < base_year
    what = _Meaning(
        "utfall" if closed or main.scenario in ("utfall", "prognos") else main.scenario,
        True,
        main.amount_kind,
        main.is_approximate,
    )
    when = _When(year, "previous_year", main.period_kind)
    return _record(index, main.sentence, context, amount, when, line, what, main.reporting_entity)


def _record(
    index: int, sentence: str, context: str, amount, when: _When, line: Line, m: _Meaning, entity: str
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
        fiscal_year=when.year,
        year_source=when.source,
        source_line=line.number,
        source_page=line.page,
        scenario=m.scenario,
        scenario_is_inferred=m.scenario_is_inferred,
        amount_kind=m.amount_kind,
        is_approximate=m.is_approximate,
        reporting_entity=entity,
        period_kind=when.period_kind,
    )
