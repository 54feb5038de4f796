"""Swedish number formatting for the report: space between thousands, comma before decimals.

Negative numbers take the ASCII hyphen-minus ("-0,9"), as the warehouse's own explanations
print them, so a figure copied from the report pastes into a spreadsheet and a figure from
an explanation can be found in the page with the browser's search.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

MISSING = "–"


def _decimal(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def sv_number(value, decimals: int = 0, missing: str = MISSING) -> str:
    """1234567.8 -> '1 234 567,8' (decimals=1); rounds half away from zero; None -> missing."""
    if value is None:
        return missing
    if isinstance(value, float) and value != value:  # NaN
        return missing
    d = _decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    if d == 0:
        d = abs(d)  # no "-0,0"
    sign = "-" if d < 0 else ""
    text = f"{abs(d):.{decimals}f}"
    whole, _, frac = text.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + " ".join(groups)
    return f"{out},{frac}" if frac else out


def sv_auto(value, max_decimals: int = 3, missing: str = MISSING) -> str:
    """Whole numbers without decimals, others with as many as they need (at most max_decimals)."""
    if value is None:
        return missing
    d = _decimal(value)
    for decimals in range(max_decimals + 1):
        if d == d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):
            return sv_number(d, decimals)
    return sv_number(d, max_decimals)


def sv_mnkr(tkr, missing: str = MISSING) -> str:
    """An amount in tkr as million kronor with one decimal: 666800 -> '666,8 mnkr'."""
    if tkr is None:
        return missing
    return f"{sv_number(_decimal(tkr) / 1000, 1)} mnkr"


def sv_tkr(tkr, missing: str = MISSING) -> str:
    """An amount in tkr as printed in budget tables: 5378 -> '5 378 tkr'."""
    if tkr is None:
        return missing
    return f"{sv_auto(tkr)} tkr"


def sv_percent(share, decimals: int = 1, missing: str = MISSING) -> str:
    """A share (0.2017) as a signed percentage: '+20,2 %'."""
    if share is None:
        return missing
    text = sv_number(_decimal(share) * 100, decimals)
    if not text.startswith("-") and _decimal(share) != 0:
        text = "+" + text
    return f"{text} %"
