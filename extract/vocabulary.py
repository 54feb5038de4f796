"""The words of Swedish budget tables, read from the seeds that the dbt models read too.

- ``seeds/units.csv``: unit phrases (``tkr``, ``miljoner kronor``, ``miljarder``, ``%``, ``åa``)
  and what they mean; the SQL side takes each unit's factor to tkr from the same file.
- ``seeds/column_terms.csv``: the words a column header is made of: what a column measures
  (kind), its scenario, reporting entity, period, a relative year, or filler.
- ``seeds/document_types.csv``: document types, and whether a type reports outcomes or budgets.

One place for each rule: the extractor asks this module, never a list of its own.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from .paths import seeds_dir

_STRIP = "()[]{}.,:;*\"'"
_SPACES = re.compile(r"\s+")


# Roles of header words; the other roles of column_terms.csv describe row labels.
_HEADER_ROLES = frozenset({"scenario", "entity", "period", "relative_year", "filler"})


def norm_word(word: str) -> str:
    """``(Tkr)`` -> ``tkr``, ``Årsbudget,`` -> ``årsbudget``."""
    return word.strip(_STRIP).lower().replace("\u2011", "-")


def norm_text(text: str) -> str:
    return _SPACES.sub(" ", text.lower()).strip()


@dataclass(frozen=True, slots=True)
class Unit:
    unit: str  # tkr | mnkr | mdkr | kr | percent | staff | count
    to_tkr: Decimal | None
    is_money: bool


@dataclass(frozen=True, slots=True)
class Term:
    priority: int
    role: str  # kind | scenario | entity | period | relative_year | filler
    pattern: re.Pattern[str]
    value: str


@dataclass(frozen=True, slots=True)
class DocumentType:
    priority: int
    scope: str  # document | table | statement
    pattern: re.Pattern[str]
    document_type: str
    document_kind: str  # budget | report


@dataclass(frozen=True, slots=True)
class UnitMatch:
    unit: Unit
    start: int  # word index
    end: int
    phrase: str


@dataclass(frozen=True, slots=True, eq=False)  # identity hash: per-word caches key on it
class Vocabulary:
    units: tuple[tuple[tuple[str, ...], Unit], ...]  # phrase words, longest phrase first
    terms: tuple[Term, ...]
    document_types: tuple[DocumentType, ...]
    abbreviations: frozenset[tuple[str, ...]] = frozenset()  # unit phrases that are abbreviations

    # -- units ----------------------------------------------------------------------------

    def units_in(self, words: list[str]) -> list[UnitMatch]:
        """Every unit phrase among ``words`` (already split), longest phrase first at a spot."""
        return _units_in(self, tuple(words))

    def _units_in(self, words: tuple[str, ...]) -> list[UnitMatch]:
        normed = [norm_word(w) for w in words]
        out: list[UnitMatch] = []
        i = 0
        while i < len(normed):
            for phrase, unit in self.units:
                if tuple(normed[i : i + len(phrase)]) == phrase:
                    out.append(UnitMatch(unit, i, i + len(phrase), " ".join(words[i : i + len(phrase)])))
                    i += len(phrase) - 1
                    break
            i += 1
        return out

    def unit_of_text(self, text: str) -> UnitMatch | None:
        """The last unit phrase in ``text`` (``Belopp i mnkr``, ``(tkr)``, ``miljoner kronor``)."""
        found = self.units_in(text.split())
        return found[-1] if found else None

    def money_units(self) -> dict[str, Unit]:
        return {u.unit: u for _, u in self.units if u.is_money}

    def ends_with_abbreviation(self, text: str) -> bool:
        """Whether ``text`` ends in an abbreviated unit and its period (``Belopp i tkr.``,
        ``Mkr.``): the period is the abbreviation's, not the end of a sentence."""
        if not text.endswith("."):
            return False
        words = tuple(text[:-1].lower().split())
        return any(words[-len(phrase) :] == phrase for phrase in self.abbreviations)

    # -- header words ---------------------------------------------------------------------

    def role_of(self, word: str) -> tuple[str, str] | None:
        """(role, value) of one header word, or None when it is not a header word."""
        return _role_of(self, word)

    def _role_of(self, word: str) -> tuple[str, str] | None:
        w = norm_word(word)
        if not w:
            return None
        for term in self.terms:
            if term.role in _HEADER_ROLES and term.pattern.search(w):
                return term.role, term.value
        for term in self.terms:
            if term.role == "kind" and term.pattern.search(w):
                return "kind", term.value
        return None

    def kind_of(self, text: str) -> str | None:
        """What a column measures, from its whole header (``Avvikelse mot budget``: deviation)."""
        t = norm_text(text)
        words = [norm_word(w) for w in t.split()]
        joined = " ".join(words)
        for term in self.terms:
            if term.role == "kind" and (
                term.pattern.search(joined) or any(term.pattern.search(w) for w in words)
            ):
                return term.value
        return None

    def value_of(self, role: str, word: str) -> str | None:
        """The value of the first term of ``role`` that ``word`` matches (cached per word)."""
        return _value_of(self, role, word)

    def _value_of(self, role: str, word: str) -> str | None:
        w = norm_word(word)
        for term in self.terms:
            if term.role == role and term.pattern.search(w):
                return term.value
        return None

    def label_says(self, role: str, text: str) -> bool:
        """Whether a row label (or caption) matches the ``money_label`` / ``non_money_label`` words."""
        t = norm_text(text)
        return any(term.role == role and term.pattern.search(t) for term in self.terms)

    # -- documents ------------------------------------------------------------------------

    def document_type_in(self, text: str, scope: str = "document") -> DocumentType | None:
        """The first type (by priority) of ``scope`` whose pattern ``text`` matches."""
        low = text.lower()
        for dt in self.document_types:
            if dt.scope == scope and dt.pattern.search(low):
                return dt
        return None

    def document_scope_types(self) -> tuple[DocumentType, ...]:
        return tuple(dt for dt in self.document_types if dt.scope == "document")

    def kind_of_document_type(self, document_type: str | None) -> str | None:
        for dt in self.document_types:
            if dt.document_type == document_type:
                return dt.document_kind
        return None


# Every line of a document is asked whether it could open a table header: the answers per word
# are cached (the vocabulary is immutable, so a word's role never changes).
@lru_cache(maxsize=65536)
def _role_of(vocab: Vocabulary, word: str) -> tuple[str, str] | None:
    return vocab._role_of(word)


@lru_cache(maxsize=65536)
def _value_of(vocab: Vocabulary, role: str, word: str) -> str | None:
    return vocab._value_of(role, word)


@lru_cache(maxsize=65536)
def _units_in(vocab: Vocabulary, words: tuple[str, ...]) -> list[UnitMatch]:
    return vocab._units_in(words)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@lru_cache(maxsize=4)
def load_vocabulary(directory: Path | None = None) -> Vocabulary:
    d = directory or seeds_dir()
    unit_rows = _read(d / "units.csv")
    units = [
        (
            tuple(r["term"].lower().split()),
            Unit(r["unit"], Decimal(r["to_tkr"]) if r["to_tkr"] else None, r["is_money"].lower() == "true"),
        )
        for r in unit_rows
    ]
    units.sort(key=lambda u: -len(u[0]))
    abbreviations = frozenset(
        tuple(r["term"].lower().split()) for r in unit_rows if r["is_abbreviation"].lower() == "true"
    )
    terms = sorted(
        (
            Term(int(r["priority"]), r["role"], re.compile(r["pattern"]), r["value"])
            for r in _read(d / "column_terms.csv")
        ),
        key=lambda t: t.priority,
    )
    doc_types = sorted(
        (
            DocumentType(
                int(r["priority"]),
                r["scope"],
                re.compile(r["pattern"]),
                r["document_type"],
                r["document_kind"],
            )
            for r in _read(d / "document_types.csv")
        ),
        key=lambda t: t.priority,
    )
    return Vocabulary(tuple(units), tuple(terms), tuple(doc_types), abbreviations)
