"""Tables whose text layer glued the numbers together.

A scraped text layer may drop the separators between a table's cells and glue the label to its
first number: ``Barn- och utbildningsnämnden149,4-32,72 903,2536,1-3 503,2``. A decimal number is
never part of a word, and two decimal commas never stand in one number: what is left of such a row
is no reading of it, and no cell may land from it.
"""

from __future__ import annotations

import re

_WORD_THEN_NUMBERS = re.compile(r"^(?P<word>.*?[^\W\d_])?(?P<numbers>[\-\u2212\u2013]?\d[\d,]*)$")


def holds_glued_decimals(token: str) -> bool:
    """Whether a token holds decimal numbers glued together or to a word (``903,2536,1``,
    ``nämnden149,4``): what is left of a glued row that no convention cut apart."""
    m = _WORD_THEN_NUMBERS.match(token)
    if m is None or "," not in m.group("numbers"):
        return False
    return bool(m.group("word")) or m.group("numbers").count(",") > 1
