"""Table headers: which lines form a header, its unit, and its columns as (year, scenario).

Headers in the text layers are spread over many lines (``Belopp tkr`` / ``Budget`` / blank /
``2024`` / ``Plan`` / ``2025`` ...). In a PDF the scenario word usually sits above its year;
there the pairing goes by x position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Line
from .settings import ExtractionSettings

SCENARIO_WORDS = frozenset({"utfall", "bokslut", "budget", "plan", "prognos"})
UNIT_WORDS = {
    "tkr": "tkr",
    "mnkr": "mnkr",
    "mkr": "mnkr",
    "kr": "kr",
    "tusental": "tkr",
    "miljoner": "mnkr",
}
FILLER_WORDS = frozenset(
    {
        "belopp",
        "netto",
        "nettokostnad",
        "nettokostnader",
        "i",
        "kronor",
        "investeringar",
        "driftbudget",
    }
)
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
_PUNCT = "(),.:;*"


def _norm(token: str) -> str:
    return token.strip(_PUNCT).lower()


def token_kind(token: str, settings: ExtractionSettings) -> str:
    """year | scenario | unit | filler | indicator | other"""
    if _YEAR.match(token) and settings.min_year <= int(token) <= settings.max_year:
        return "year"
    word = _norm(token)
    if word in SCENARIO_WORDS:
        return "scenario"
    if word in UNIT_WORDS:
        return "unit"
    if word in FILLER_WORDS:
        return "filler"
    if word in INDICATOR_WORDS or token.lower() in INDICATOR_WORDS:
        return "indicator"
    return "other"


@dataclass(frozen=True, slots=True)
class HeaderColumn:
    fiscal_year: int | None
    scenario_as_printed: str | None
    header_text: str
    line: int
    x0: float | None
    x1: float | None


@dataclass(frozen=True, slots=True)
class HeaderBlock:
    first_line_idx: int  # index into the document's line list
    last_line_idx: int
    kind: str  # budget | key_figures | indicator
    unit: str | None
    unit_phrase: str | None
    caption: str | None  # a caption carried on the header's own first line, e.g. "Kommunstyrelsen (tkr)"
    columns: tuple[HeaderColumn, ...]


def _kinds(line: Line, settings: ExtractionSettings) -> list[str]:
    return [token_kind(t.text, settings) for t in line.tokens]


def _unit_of(line: Line, settings: ExtractionSettings) -> str | None:
    units = [UNIT_WORDS[_norm(t.text)] for t in line.tokens if token_kind(t.text, settings) == "unit"]
    return units[-1] if units else None


def is_caption_unit_line(line: Line, settings: ExtractionSettings) -> bool:
    """``Kommunstyrelsen (tkr)``, ``Nettokostnad, belopp mnkr``, ``(Tkr) Bokslut``.

    A short line without amounts whose unit word ends it or stands in parentheses.
    """
    if line.is_blank or len(line.tokens) > 9 or len(line.stripped) > 70 or line.stripped.endswith("."):
        return False
    kinds = _kinds(line, settings)
    if any(
        any(ch.isdigit() for ch in t.text) and k != "year" for t, k in zip(line.tokens, kinds, strict=True)
    ):
        return False
    last = len(line.tokens) - 1
    return any(
        k == "unit" and (i == last or t.text.startswith("("))
        for i, (t, k) in enumerate(zip(line.tokens, kinds, strict=True))
    )


def is_header_line(line: Line, settings: ExtractionSettings) -> bool:
    """A line made only of header words: years, scenario words, unit and filler words."""
    if line.is_blank:
        return False
    kinds = _kinds(line, settings)
    if not any(k in ("year", "scenario", "unit") for k in kinds):
        return False
    others = [t.text for t, k in zip(line.tokens, kinds, strict=True) if k == "other"]
    if any(any(ch.isdigit() for ch in o) for o in others):
        return False
    return len(others) == 0


def is_indicator_header_line(line: Line, settings: ExtractionSettings) -> bool:
    """``Nämndmål Nämndindikator 2022 2023``, ``Mätetal Senaste utfall 2023 2024 2025``."""
    if line.is_blank or len(line.stripped) >= 90:
        return False
    kinds = _kinds(line, settings)
    if any(
        any(ch.isdigit() for ch in t.text) and k != "year" for t, k in zip(line.tokens, kinds, strict=True)
    ):
        return False
    return "indicator" in kinds and ("year" in kinds or sum(k == "indicator" for k in kinds) >= 2)


def _pair_sequential(
    items: list[tuple[str, str, int, float | None, float | None]],
) -> list[HeaderColumn]:
    """Pair scenario words with the years that follow them, in reading order."""
    scen = [it for it in items if it[0] == "scenario"]
    years = [it for it in items if it[0] == "year"]
    first_year_pos = next(i for i, it in enumerate(items) if it[0] == "year")
    stacked = (
        len(scen) == len(years)
        and len(scen) > 1
        and all(i < first_year_pos for i, it in enumerate(items) if it[0] == "scenario")
    )
    if stacked:  # "Bokslut Prognos Budget" / "2021 2022 2023"
        return [
            HeaderColumn(int(y[1]), s[1], f"{s[1]} {y[1]}", y[2], y[3], y[4])
            for s, y in zip(scen, years, strict=True)
        ]
    cols: list[HeaderColumn] = []
    pending: tuple | None = None
    for it in items:
        if it[0] == "scenario":
            pending = it
        elif it[0] == "year":
            text = f"{pending[1]} {it[1]}" if pending else it[1]
            cols.append(HeaderColumn(int(it[1]), pending[1] if pending else None, text, it[2], it[3], it[4]))
            pending = None
    return cols


def _pair_geometric(
    items: list[tuple[str, str, int, float | None, float | None]],
) -> list[HeaderColumn]:
    """Pair each year with the scenario word stacked above it (or just left of it on its line)."""
    years = [it for it in items if it[0] == "year"]
    scen = [it for it in items if it[0] == "scenario"]
    cols: list[HeaderColumn] = []
    used: set[int] = set()
    for y in years:
        ycenter = (y[3] + y[4]) / 2
        width = y[4] - y[3]
        best = None
        for idx, s in enumerate(scen):
            if idx in used:
                continue
            scenter = (s[3] + s[4]) / 2
            if s[2] < y[2] and abs(scenter - ycenter) <= max(width, s[4] - s[3]):
                dist = abs(scenter - ycenter)
            elif s[2] == y[2] and s[4] <= y[3] and y[3] - s[4] <= 2 * width:
                dist = y[3] - s[4]
            else:
                continue
            if best is None or dist < best[0]:
                best = (dist, idx)
        if best is not None:
            used.add(best[1])
            s = scen[best[1]]
            cols.append(HeaderColumn(int(y[1]), s[1], f"{s[1]} {y[1]}", y[2], y[3], y[4]))
        else:
            cols.append(HeaderColumn(int(y[1]), None, y[1], y[2], y[3], y[4]))
    return cols


def parse_header(lines: list[Line], i: int, settings: ExtractionSettings) -> HeaderBlock | None:
    """Try to read a table header starting at ``lines[i]``."""
    first = lines[i]
    if first.is_blank:
        return None
    caption = None
    if is_indicator_header_line(first, settings):
        kind = "indicator"
    elif is_header_line(first, settings) or is_caption_unit_line(first, settings):
        kind = "budget"
    else:
        return None
    block: list[int] = [i]
    j = i + 1
    blanks = 0
    while j < len(lines) and blanks <= 2:
        line = lines[j]
        if line.is_blank:
            blanks += 1
            j += 1
            continue
        if is_header_line(line, settings) or (
            kind == "indicator" and _is_indicator_continuation(line, settings)
        ):
            block.append(j)
            blanks = 0
            j += 1
            continue
        break
    items = []
    for idx in block:
        for t in lines[idx].tokens:
            k = token_kind(t.text, settings)
            if k in ("year", "scenario"):
                items.append((k, t.text.strip(_PUNCT), lines[idx].number, t.x0, t.x1))
    has_year = any(it[0] == "year" for it in items)
    unit_line = next((lines[idx] for idx in block if _unit_of(lines[idx], settings)), None)
    unit = _unit_of(unit_line, settings) if unit_line else None
    if kind == "indicator":
        return HeaderBlock(i, block[-1], "indicator", None, None, None, ())
    if not has_year:
        # "Verksamhet Ersättning, mnkr": a unit line with no years; the caller checks that value
        # rows follow and gives the table the document's base year.
        if unit is None or not is_caption_unit_line(first, settings) or len(block) > 1:
            return None
        return HeaderBlock(i, i, "budget", unit, first.stripped, None, ())
    geometric = first.geometric and all(it[3] is not None for it in items)
    cols = _pair_geometric(items) if geometric else _pair_sequential(items)
    if not cols:
        return None
    if any(t.text.startswith("(") and token_kind(t.text, settings) == "unit" for t in first.tokens):
        others = [t.text for t in first.tokens if token_kind(t.text, settings) == "other"]
        if others:
            caption = first.stripped
    unit_phrase = None
    if unit_line is not None:
        # "Nettokostnad, belopp tkr Utfall Budget" (a PDF line): the phrase ends at the unit word
        words = [t.text for t in unit_line.tokens]
        last_unit = max(i for i, w in enumerate(words) if token_kind(w, settings) == "unit")
        kept = [
            w
            for i, w in enumerate(words)
            if i <= last_unit or token_kind(w, settings) not in ("scenario", "year")
        ]
        unit_phrase = " ".join(w for i, w in enumerate(kept) if i <= last_unit)
    return HeaderBlock(
        i, block[-1], "budget" if unit else "key_figures", unit, unit_phrase, caption, tuple(cols)
    )


def _is_indicator_continuation(line: Line, settings: ExtractionSettings) -> bool:
    kinds = _kinds(line, settings)
    return all(k in ("year", "indicator", "scenario", "filler") for k in kinds) or line.stripped in (
        "/värde",
    )
