"""Tables whose text layer glued the numbers together, read by how the table prints its numbers.

A scraped text layer may drop the separators between a table's cells and glue the label to its
first number: ``Barn- och utbildningsnämnden149,4-32,72 903,2536,1-3 503,2``. Where every number
of a table prints the same number of decimals (mnkr with one decimal), a number ends exactly that
many digits after its comma, so the glued text cuts one way only: ``149,4 | -32,7 | 2 903,2 |
536,1 | -3 503,2``; a digit left after the decimals starts the next number, whose thousands follow
after a space (``-77,96 953,5``: ``-77,9`` then ``6 953,5``). And a label ends where its first
number begins: a decimal number is never part of a word.

Whole numbers glued together have no such convention to cut them by; :mod:`extract.rows` reads
those, and the table's arithmetic decides.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Line, Token

_LAST_DECIMALS = re.compile(r"\d,(\d+)$")
_WORD_THEN_NUMBERS = re.compile(r"^(?P<word>.*?[^\W\d_])?(?P<numbers>[\-\u2212\u2013]?\d[\d,]*)$")
_STARTS_NUMBER = re.compile(r"^[\-\u2212\u2013]?(0|[1-9]\d{0,2}),")
_GROUP = re.compile(r"^\d{3},")  # the last thousands group of a number begun on the left
_LEADING_GROUP = re.compile(r"^[\-\u2212\u2013]?[1-9]\d{0,2}$")
_THOUSANDS_AFTER = re.compile(r"^\d{3}(,|$)")


def printed_decimals(lines: list[Line]) -> int | None:
    """The decimals every number of a table prints, read off the ends of its lines (a number
    never breaks over two lines, so a line's last characters end one): ``d`` when every text
    line with digits ends ``d`` ≥ 1 digits after a comma, None when one ends otherwise (a number
    without decimals, a year, a percent sign) or lines end with different decimals."""
    ends: set[int] = set()
    for line in lines:
        if line.geometric:
            return None
        if not any(ch.isdigit() for ch in line.text):
            continue
        m = _LAST_DECIMALS.search(line.tokens[-1].text)
        if m is None:
            return None
        ends.add(len(m.group(1)))
    return ends.pop() if len(ends) == 1 else None


def holds_glued_decimals(token: str) -> bool:
    """Whether a token holds decimal numbers glued together or to a word (``903,2536,1``,
    ``nämnden149,4``): what is left of a glued row that no convention cut apart."""
    m = _WORD_THEN_NUMBERS.match(token)
    if m is None or "," not in m.group("numbers"):
        return False
    return bool(m.group("word")) or m.group("numbers").count(",") > 1


def ends_number(token: str, decimals: int) -> bool:
    """Whether a token ends a number of a table that prints ``decimals`` decimals."""
    m = _LAST_DECIMALS.search(token)
    return m is not None and len(m.group(1)) == decimals


def _cut(text: str, decimals: int, nxt: str | None) -> list[str] | None:
    """The pieces a glued word cuts into: its label part, then its numbers, each ending
    ``decimals`` digits after its comma, then perhaps the first digits of a number whose
    thousands follow after a space. None when the word is no glued number."""
    m = _WORD_THEN_NUMBERS.match(text)
    if m is None or "," not in m.group("numbers"):
        return None
    word, numbers = m.group("word"), m.group("numbers")
    number = re.compile(rf"[\-\u2212\u2013]?\d+,\d{{{decimals}}}")
    pieces: list[str] = []
    pos = 0
    while (found := number.match(numbers, pos)) is not None:
        pieces.append(found.group())
        pos = found.end()
    rest = numbers[pos:]
    if rest and not (_LEADING_GROUP.match(rest) and nxt is not None and _THOUSANDS_AFTER.match(nxt)):
        return None
    if not pieces or not all(_STARTS_NUMBER.match(p) for p in pieces[1:]):
        return None
    if not (_STARTS_NUMBER.match(pieces[0]) or (not word and _GROUP.match(pieces[0]))):
        return None
    out = [*([word] if word else []), *pieces, *([rest] if rest else [])]
    return out if len(out) > 1 else None


def unglue(line: Line, decimals: int) -> Line:
    """The line with its glued words cut into the label and the numbers they are made of.

    Only a line the layer visibly glued (a decimal number glued to a word or to another) is cut:
    there, a number with more decimals than the table prints (``-77,96 953,5``) is one glued to
    the thousands of the next, and nowhere else."""
    if line.geometric or not any(holds_glued_decimals(t.text) for t in line.tokens):
        return line
    tokens: list[Token] = []
    changed = False
    for i, tok in enumerate(line.tokens):
        nxt = line.tokens[i + 1].text if i + 1 < len(line.tokens) else None
        pieces = _cut(tok.text, decimals, nxt)
        if pieces is None:
            tokens.append(tok)
            continue
        changed = True
        x = tok.x0
        for piece in pieces:
            tokens.append(Token(piece, x, x + len(piece), tok.bold, tok.size))
            x += len(piece)
    return replace(line, tokens=tuple(tokens)) if changed else line
