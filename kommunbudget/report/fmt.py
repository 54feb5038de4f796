"""Numbers as the report's reader writes them: one NumberFormat per language.

Swedish follows the CLDR `sv` locale, which is what Swedish style guides (Språkrådet's
Svenska skrivregler) and Excel's Swedish locale use: a no-break space between groups of three
digits (1 234 567,8), a decimal comma, the minus sign U+2212 (−0,9), and a no-break space
before % and before a unit (12,3 %, 666,8 mnkr), so a figure never wraps from its unit.
English uses 1,234,567.8, the ASCII hyphen-minus and 12.3%.

Values are rounded half away from zero (2,5 -> 3), as budget documents round, never to even.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
MINUS = "\u2212"
MISSING = "–"


def _decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and value != value)  # NaN


@dataclass(frozen=True)
class NumberFormat:
    """How one language writes a number; every method returns `missing` for None (and NaN)."""

    group_sep: str  # between groups of three digits
    decimal_sep: str
    minus: str
    percent_sep: str  # between the number and the % sign
    unit_sep: str = NBSP  # between a number and its unit (kr, tkr, mnkr)
    missing: str = MISSING

    def number(self, value, decimals: int = 0) -> str:
        """1234567.8 -> '1 234 567,8' (decimals=1 in Swedish)."""
        if _is_missing(value):
            return self.missing
        d = _decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        if d == 0:
            d = abs(d)  # no "-0,0"
        whole, _, frac = f"{abs(d):.{decimals}f}".partition(".")
        groups: list[str] = []
        while len(whole) > 3:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        groups.insert(0, whole)
        text = (self.minus if d < 0 else "") + self.group_sep.join(groups)
        return f"{text}{self.decimal_sep}{frac}" if frac else text

    def auto(self, value, max_decimals: int = 3) -> str:
        """Whole numbers without decimals, others with as many as they need (at most max_decimals)."""
        if _is_missing(value):
            return self.missing
        d = _decimal(value)
        for decimals in range(max_decimals + 1):
            if d == d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):
                return self.number(d, decimals)
        return self.number(d, max_decimals)

    def with_unit(self, text: str, unit: str) -> str:
        return f"{text}{self.unit_sep}{unit}"

    def mnkr(self, tkr) -> str:
        """An amount in tkr as million kronor with one decimal: 666800 -> '666,8 mnkr'."""
        if _is_missing(tkr):
            return self.missing
        return self.with_unit(self.number(_decimal(tkr) / 1000, 1), "mnkr")

    def mnkr_exact(self, tkr) -> str:
        """An amount in tkr as million kronor with every decimal it has, nothing rounded away:
        -31382000 -> '−31 382 mnkr' (as Göteborg prints it), -336171 -> '−336,171 mnkr'."""
        if _is_missing(tkr):
            return self.missing
        return self.with_unit(self.auto(_decimal(tkr) / 1000, max_decimals=6), "mnkr")

    def tkr(self, tkr) -> str:
        """An amount in tkr as budget tables print it: 5378 -> '5 378 tkr'."""
        if _is_missing(tkr):
            return self.missing
        return self.with_unit(self.auto(tkr), "tkr")

    def per_capita(self, value) -> str:
        """Kronor per inhabitant: whole kronor, one decimal below 100 kr (Valnämnden's 6,7 kr)."""
        if _is_missing(value):
            return self.missing
        return self.number(value, 0 if abs(_decimal(value)) >= 100 else 1)

    def percent(self, share, decimals: int = 1) -> str:
        """A share (0.2017) as a signed percentage: '+20,2 %'; zero has no sign."""
        if _is_missing(share):
            return self.missing
        text = self.number(_decimal(share) * 100, decimals)
        if not text.startswith(self.minus) and _decimal(share) != 0:
            text = "+" + text
        return f"{text}{self.percent_sep}%"


SWEDISH = NumberFormat(group_sep=NBSP, decimal_sep=",", minus=MINUS, percent_sep=NBSP)
ENGLISH = NumberFormat(group_sep=",", decimal_sep=".", minus="-", percent_sep="")
