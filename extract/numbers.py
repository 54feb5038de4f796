"""Swedish numbers as printed in budget documents.

A cell reads ``1 597`` (space as thousands separator), ``666,8`` (comma decimal), ``-4 569``,
``−3 455`` (U+2212) or ``– 2,4`` (en dash and a space) for negatives, ``0``, and ``-`` or
``I.U.`` for "no value" (kept as no value, never 0).

Because the thousands separator and the cell separator are both a space, a run of tokens such
as ``2 001 620 1226`` has several readings. :func:`groupings` enumerates every way to cut a
token run into valid numbers; choosing among them is the table resolver's job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

MINUS_SIGNS = "-\u2212\u2013"  # hyphen-minus, minus sign, en dash
NO_VALUE_MARKS = frozenset({"-", "\u2013", "\u2212", "I.U.", "I.U", "i.U.", "i.u.", "IU", ".."})

_LEADING = re.compile(r"^(?P<sign>[-\u2212\u2013])?(?P<digits>\d+)(?:,(?P<dec>\d+))?$")
_CONTINUATION = re.compile(r"^\d{3}(?:,\d+)?$")
_PERIOD_DECIMAL = re.compile(r"^(?P<sign>[-\u2212\u2013])?(?P<int>\d+)\.(?P<dec>\d{1,2})$")
# Digit groups of the largest amount a budget prints: 999 999 999 999 999 (kr, tkr or mnkr).
# Sweden's whole state budget is about 1 300 000 000 000 kr: five groups.
MAX_GROUPS = 5
# The Swedish months: a year after one is a date's (``4 maj 2022``), never an amount.
MONTHS = (
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
_SIGN_ONLY = frozenset(
    {"\u2013", "\u2212", "-", "+"}
)  # "– 2,4": en dash (or minus sign) then a space; "+ 13"
_PERCENT = re.compile(r"^(?P<num>.*?)\s?%$")


class NumberParseError(ValueError):
    """The characters are not a number as Swedish budget documents print them."""


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """One cell's value: the characters as printed and what they mean."""

    text: str
    value: Decimal | None
    decimals: int
    is_no_value: bool = False
    notes: tuple[str, ...] = ()

    @property
    def group_count(self) -> int:
        """Digit groups before the decimal mark: ``1 234 567`` has 3."""
        if self.value is None:
            return 0
        return _group_count(self.text)


@lru_cache(maxsize=65536)
def _group_count(text: str) -> int:
    return sum(1 for t in text.split(" ") if any(ch.isdigit() for ch in t))


def is_no_value_mark(token: str) -> bool:
    return token in NO_VALUE_MARKS


def is_numeric_token(token: str) -> bool:
    """Could this whitespace-free token be part of a cell (a number, part of one, or a mark)?

    A percent sign (``87,5%``, or ``%`` after ``7,8``) belongs to the number before it.
    """
    if token.endswith("%"):
        return token != "%" and is_numeric_token(token[:-1])
    return bool(
        _LEADING.match(token)
        or _PERIOD_DECIMAL.match(token)
        or token in NO_VALUE_MARKS
        or token in _SIGN_ONLY
    )


def _parse_single(token: str) -> ParsedNumber | None:
    m = _PERCENT.match(token)
    if m and m.group("num"):
        inner = parse_tokens(m.group("num").split())
        if inner is None or inner.value is None:
            return None
        return ParsedNumber(token, inner.value, inner.decimals, notes=(*inner.notes, "percent"))
    if token in NO_VALUE_MARKS:
        return ParsedNumber(text=token, value=None, decimals=0, is_no_value=True)
    m = _LEADING.match(token)
    if m:
        digits = m.group("digits")
        if len(digits) > 1 and digits.startswith("0"):
            return None  # "001" only occurs as a thousands group, never as a number of its own
        if len(digits) > 3 * MAX_GROUPS:
            return None  # a run of digits longer than any amount: an identifier, not a value
        dec = m.group("dec") or ""
        value = Decimal(f"{digits}.{dec}" if dec else digits)
        if m.group("sign"):
            value = -value
        notes = ("en_dash_minus",) if m.group("sign") == "\u2013" else ()
        return ParsedNumber(text=token, value=value, decimals=len(dec), notes=notes)
    m = _PERIOD_DECIMAL.match(token)
    if m:
        value = Decimal(f"{m.group('int')}.{m.group('dec')}")
        if m.group("sign"):
            value = -value
        return ParsedNumber(text=token, value=value, decimals=len(m.group("dec")), notes=("period_decimal",))
    return None


def parse_tokens(tokens: Sequence[str]) -> ParsedNumber | None:
    """The number that exactly these tokens form, or None when they cannot form one.

    Rules: a lone token is a number or a no-value mark; several tokens are an optional
    detached sign (``–``), a leading group of 1-3 digits without decimals and not starting
    with 0, then groups of exactly three digits, the last of which may carry decimals.
    """
    if not tokens:
        return None
    if len(tokens) > 1 and tokens[-1] == "%":
        inner = parse_tokens(tokens[:-1])
        if inner is None or inner.value is None:
            return None
        return ParsedNumber(" ".join(tokens), inner.value, inner.decimals, notes=(*inner.notes, "percent"))
    if len(tokens) == 1:
        return _parse_single(tokens[0])
    sign = ""
    body = list(tokens)
    if body[0] in _SIGN_ONLY:
        sign = body.pop(0)
        if len(body) == 1:
            inner = _parse_single(body[0])
            if inner is None or inner.value is None or body[0][0] in MINUS_SIGNS:
                return None
            return ParsedNumber(
                text=" ".join(tokens),
                value=inner.value if sign == "+" else -inner.value,
                decimals=inner.decimals,
                notes=(*inner.notes, "detached_plus" if sign == "+" else "detached_minus"),
            )
    m = _LEADING.match(body[0])
    if not m or m.group("dec") is not None or len(m.group("digits")) > 3:
        return None
    if m.group("digits").startswith("0") or (sign and m.group("sign")):
        return None
    rest = body[1:]
    if len(rest) >= MAX_GROUPS:
        return None  # "147 151 150 094 153 037" is six amounts' worth of groups, not one amount
    if not all(_CONTINUATION.match(t) for t in rest):
        return None
    if any("," in t for t in rest[:-1]):
        return None
    integer = m.group("digits") + "".join(t.split(",")[0] for t in rest)
    dec = rest[-1].split(",")[1] if "," in rest[-1] else ""
    value = Decimal(f"{integer}.{dec}" if dec else integer)
    if m.group("sign") or (sign and sign != "+"):
        value = -value
    notes = (("detached_plus" if sign == "+" else "detached_minus"),) if sign else ()
    return ParsedNumber(text=" ".join(tokens), value=value, decimals=len(dec), notes=notes)


def parse_number(text: str) -> ParsedNumber:
    """Parse one cell's characters; raise :class:`NumberParseError` when they are no number."""
    if not isinstance(text, str):
        raise NumberParseError(f"expected text, got {type(text).__name__}")
    tokens = text.split()
    parsed = parse_tokens(tokens)
    if parsed is None:
        raise NumberParseError(f"not a Swedish number: {text!r}")
    return parsed


def groupings(
    tokens: Sequence[str], max_count: int, limit: int = 20_000
) -> Iterator[tuple[ParsedNumber, ...]]:
    """Every way to cut ``tokens`` into at most ``max_count`` consecutive valid numbers.

    The most regular cuts come first: those whose numbers all have the same count of digit
    groups (``201 900 | 205 134 | …``), then those whose group counts differ by one, and so on.
    A row of eight six-digit amounts has thousands of cuts; ``limit`` bounds the enumeration so
    that a pathological row cannot run away (the caller records an ambiguity when it is
    reached), and the order makes sure the cuts a table most plausibly prints are among those
    enumerated.
    """
    n = len(tokens)
    if n == 0:
        return
    # A span longer than 1 + MAX_GROUPS tokens is never valid (a detached sign, the groups).
    span_cache: dict[tuple[int, int], ParsedNumber | None] = {}

    def span(i: int, j: int) -> ParsedNumber | None:
        key = (i, j)
        if key not in span_cache:
            span_cache[key] = parse_tokens(tokens[i:j]) if j - i <= MAX_GROUPS + 1 else None
        return span_cache[key]

    produced = 0
    most = MAX_GROUPS
    for spread in range(most):
        for low in range(1, most + 1 - spread):
            high = low + spread

            def fits(p: ParsedNumber, low: int = low, high: int = high) -> bool:
                return p.value is None or low <= p.group_count <= high

            feasible: dict[tuple[int, int], bool] = {}

            def can(i: int, c: int, fits=fits, feasible=feasible) -> bool:
                """Can tokens[i:] be cut into at most c numbers that fit?"""
                if i == n:
                    return True
                if c == 0:
                    return False
                key = (i, c)
                if key not in feasible:
                    feasible[key] = any(
                        (p := span(i, j)) is not None and fits(p) and can(j, c - 1)
                        for j in range(i + 1, min(n, i + MAX_GROUPS + 1) + 1)
                    )
                return feasible[key]

            def walk(i: int, acc: list[ParsedNumber], fits=fits, can=can, low=low, high=high, spread=spread):
                nonlocal produced
                if produced >= limit:
                    return
                if i == n:
                    counts = [p.group_count for p in acc if p.value is not None]
                    # Each cut once: in the stage of its own smallest and largest group count.
                    if (not counts and spread == 0 and low == 1) or (
                        counts and min(counts) == low and max(counts) == high
                    ):
                        produced += 1
                        yield tuple(acc)
                    return
                for j in range(i + 1, min(n, i + MAX_GROUPS + 1) + 1):
                    parsed = span(i, j)
                    if parsed is not None and fits(parsed) and can(j, max_count - len(acc) - 1):
                        acc.append(parsed)
                        yield from walk(j, acc)
                        acc.pop()

            if can(0, max_count):
                yield from walk(0, [])


def cut_range(tokens: Sequence[str]) -> tuple[int, int] | None:
    """(fewest, most) numbers ``tokens`` can be cut into, or None when they form no cut."""
    n = len(tokens)
    best: list[tuple[int, int] | None] = [None] * (n + 1)
    best[n] = (0, 0)
    for i in range(n - 1, -1, -1):
        lo: int | None = None
        hi: int | None = None
        for j in range(i + 1, min(n, i + MAX_GROUPS + 1) + 1):
            rest = best[j]
            if rest is None or parse_tokens(tokens[i:j]) is None:
                continue
            lo = rest[0] + 1 if lo is None else min(lo, rest[0] + 1)
            hi = rest[1] + 1 if hi is None else max(hi, rest[1] + 1)
        best[i] = None if lo is None or hi is None else (lo, hi)  # set together
    return best[0]
