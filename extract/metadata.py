"""Who published a document, about which committee, of what type, for which year.

Detected from the text; every field can be overridden from the CLI. A document whose
municipality cannot be determined fails with a message naming the option to pass.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import DocumentMeta, Line
from .paths import seeds_dir
from .readers import DocumentError
from .vocabulary import DocumentType, load_vocabulary

# Types named by a word too common to say what a document is when it only occurs in its text
# ("Budget 2020" heads a column of an annual report): they count only in its first lines.
GENERIC_TYPE_PRIORITY = 65

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# A committee or office word in any form: Valnämnden, Kommunstyrelsens (styrelse + ns),
# Barn- och ungdomsnämndens, and names of two words (Tekniska nämnden).
_COMMITTEE_WORD = re.compile(
    r"\b(?:KS-)?((?:[A-ZÅÄÖ][a-zåäö]+a\s(?=nämnd))?[A-ZÅÄÖa-zåäö]*(?:-\s(?:och|&)\s[a-zåäö]+)?"
    r"(?:nämnd|styrelse|kontor|förvaltning|stab)(?:en|ens|et|ets|ns|s|n)?"
    # or named by what it is for: Nämnden för Intraservice, nämnden för demokrati och medborgarservice
    r"|[Nn]ämnden för [A-ZÅÄÖa-zåäö-]+(?: (?:och|&) [a-zåäö-]+)?)\b"
)


@dataclass(frozen=True, slots=True)
class Municipality:
    code: str
    name: str


@dataclass(frozen=True, slots=True)
class CommitteeType:
    regex: re.Pattern[str]
    committee_type: str
    committee_name: str | None
    is_office: bool


@lru_cache(maxsize=4)
def load_municipalities(path: Path | None = None) -> tuple[Municipality, ...]:
    path = path or seeds_dir() / "municipalities.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return tuple(Municipality(r["municipality_code"], r["municipality_name"]) for r in csv.DictReader(fh))


@lru_cache(maxsize=4)
def load_committee_types(path: Path | None = None) -> tuple[CommitteeType, ...]:
    path = path or seeds_dir() / "committee_types.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: int(r["priority"]))
    return tuple(
        CommitteeType(
            re.compile(r["pattern"]),
            r["committee_type"],
            r["committee_name"] or None,
            r["is_office"].lower() == "true",
        )
        for r in rows
    )


def classify_committee(name: str) -> CommitteeType | None:
    key = " ".join(name.lower().replace("ks-", "").split())
    for ct in load_committee_types():
        if ct.regex.search(key):
            return ct
    return None


def _definite(word: str) -> str:
    """valnämndens -> Valnämnden, kommunstyrelsens -> Kommunstyrelsen, kommunstab -> Kommunstaben."""
    w = word.replace("KS-", "")
    low = w.lower()
    for suffix, repl in (("ens", "en"), ("ets", "et")):
        if low.endswith(suffix):
            w = w[: -len(suffix)] + repl
            break
    else:
        if low.endswith(("nämnds", "styrelses")):
            w = w[:-1]
        low = w.lower()
        if low.endswith("nämnd"):
            w += "en"
        elif low.endswith("styrelse"):
            w += "n"
        elif low.endswith(("kontor",)):
            w += "et"
        elif low.endswith(("förvaltning", "stab")):
            w += "en"
    return w[:1].upper() + w[1:]


def resolve_municipality(value: str) -> Municipality:
    """A municipality from a CLI option: a kommunkod (``0580``) or a name (``Linköping``)."""
    registry = load_municipalities()
    v = value.strip()
    for m in registry:
        if v == m.code or v.lower() == m.name.lower():
            return m
    known = ", ".join(f"{m.code} {m.name}" for m in registry[:6])
    raise DocumentError(
        "unknown_municipality",
        f"municipality '{value}' is not in seeds/municipalities.csv (e.g. {known}, …). "
        "Add its row (kommunkod, name, county) to the seed, or pass a kommunkod that is there.",
    )


@lru_cache(maxsize=4)
def _municipality_pattern(registry: tuple[Municipality, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every name (longest first, so "Upplands Väsby" wins over a shorter name)."""
    names = sorted({m.name for m in registry}, key=len, reverse=True)
    alternation = "|".join(re.escape(n) for n in names)
    pattern = re.compile(rf"(?<![\wåäöÅÄÖ])({alternation})s?(?![\wåäöÅÄÖ])")
    return pattern, {m.name: m.code for m in registry}


def detect_municipality(text: str) -> Municipality | None:
    """The municipality named clearly most often (its name, or its genitive with -s)."""
    registry = load_municipalities()
    pattern, code_of = _municipality_pattern(registry)
    counts: Counter[str] = Counter(code_of[m.group(1)] for m in pattern.finditer(text))
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[1][1] * 2 > ranked[0][1]:
        return None  # two municipalities named about as often: do not guess
    code = ranked[0][0]
    return next(m for m in registry if m.code == code)


def _specific_types() -> tuple[DocumentType, ...]:
    return tuple(t for t in load_vocabulary().document_scope_types() if t.priority < GENERIC_TYPE_PRIORITY)


def _title_lines(lines: list[Line]) -> list[Line]:
    """The short lines among the document's first non-blank lines, and any short line naming a
    document type. A title is a heading: a paragraph of running text among the first lines (a
    short extract that starts with its prose) names committees in passing, as all prose does."""
    firsts = [ln for ln in lines if not ln.is_blank][:3]
    types = _specific_types()
    typed = [
        ln
        for ln in lines
        if len(ln.stripped) < _TITLE_MAX_CHARS
        and _YEAR.search(ln.stripped)
        and any(t.pattern.search(low) for low in (ln.stripped.lower(),) for t in types)
    ]
    return [ln for ln in firsts + typed if len(ln.stripped) < _TITLE_MAX_CHARS]


def detect_committee(lines: list[Line], text: str) -> tuple[str | None, str | None]:
    """(committee name, issuing office) from committee words weighted toward title lines.

    A document is one committee's when its title names the committee, or when the text names
    that committee more often than all the others together. A document that names several
    committees alike (a municipality's driftredovisning, one line per nämnd) is no single
    committee's: None.
    """
    scores: Counter[str] = Counter()
    offices: Counter[str] = Counter()
    title_text = "\n".join(ln.text for ln in _title_lines(lines))
    for source, weight in ((text, 1), (title_text, _TITLE_WEIGHT)):
        for m in _COMMITTEE_WORD.finditer(source):
            word = m.group(0)
            ct = classify_committee(_definite(word))
            if ct is None and not _is_committee_name(word):
                continue
            name = (ct and ct.committee_name) or _definite(m.group(1))
            # Phrases like "Kommunstyrelsens internbudget" name the document's owner.
            tail = source[m.end() : m.end() + 20].lower()
            owner = any(t.pattern.match(tail.lstrip(" ,")) for t in load_vocabulary().document_scope_types())
            scores[name] += weight * (5 if owner else 1)
            if ct is not None and ct.is_office and weight > 1:
                offices[_definite(m.group(1))] += 1
    if not scores:
        return None, None
    committee, top = scores.most_common(1)[0]
    if top < _TITLE_WEIGHT and top * 2 <= sum(scores.values()):
        return None, None
    office = offices.most_common(1)[0][0] if offices else None
    return committee, office


_TITLE_WEIGHT = 10  # a committee named in a title line outweighs mentions in the text
_GENERIC_COMMITTEE_WORD = re.compile(r"^(?:nämnd|styrelse)(?:en|ens|s|ns|n)?$", re.IGNORECASE)


def _is_committee_name(word: str) -> bool:
    """A committee's name of a type the seeds do not know (Stadsmiljönämnden, Nämnden för
    Intraservice): a nämnd or styrelse with a name of its own, not the bare word (nämnden: the
    committee just named) nor an office (förvaltningen), which belongs to a committee."""
    low = word.lower()
    if _GENERIC_COMMITTEE_WORD.match(low):
        return False
    return low.startswith("nämnden för ") or re.search(r"nämnd(?:en|ens|s)?$", low) is not None


_TITLE_MAX_CHARS = 80  # a title line is a heading, not a paragraph


def _type_in(text: str, types: tuple[DocumentType, ...]) -> DocumentType | None:
    low = text.lower()
    return next((t for t in types if t.pattern.search(low)), None)


def _clean_title(text: str) -> str:
    title = re.sub(r"^\d+(\.\d+)*\.?\s+", "", text)
    return re.sub(r"\s+\d+\s*[(/]\s*\d+\)?\s*$", "", title).strip()


def detect_document_type(
    lines: list[Line], text: str, file_name: str = ""
) -> tuple[str | None, str | None, int | None, str]:
    """(type, title, base year, where the year came from).

    The type: a specific type named in a title line; else any type (also the plain words
    ``budget`` and ``redovisning``) named in the document's first line; else the specific type its text names
    most often. The year: the title's; the year after the type's name in the text
    (``Delårsrapport mars 2026``); the year in the file name; the year the text names most.
    """
    low = text.lower()
    specific = _specific_types()
    title, found = None, None
    for ln in _title_lines(lines):
        found = _type_in(ln.stripped, specific)
        if found:
            title = _clean_title(ln.stripped)
            break
    if found is None:
        first = next((ln for ln in lines if not ln.is_blank), None)
        found = _type_in(first.stripped, load_vocabulary().document_scope_types()) if first else None
    if found is None:
        counts = {t: len(t.pattern.findall(low)) for t in specific}
        best = max(counts, key=lambda t: counts[t]) if counts else None
        found = best if best is not None and counts[best] else None
    doc_type = found.document_type if found else None
    m = _YEAR.search(title) if title else None
    if m:
        return doc_type, title, int(m.group()), "detected"
    if found:
        m = _year_after_name(found, low)
        if m:
            return doc_type, title, int(m.group(1)), "detected"
    m = re.search(r"(?<!\d)((?:19|20)\d\d)(?!\d)", file_name)
    if m:
        return doc_type, title, int(m.group(1)), "file_name"
    years = Counter(int(y) for y in _YEAR.findall(text) if 2000 <= int(y) <= 2099)
    if years:
        return doc_type, title, years.most_common(1)[0][0], "detected"
    return doc_type, title, None, "none"


def _year_after_name(found: DocumentType, low: str) -> re.Match[str] | None:
    """The year printed after a type's name (``Delårsrapport mars 2026``). For a generic type
    (``budget``, ``redovisning``) only on the same line (``Driftsredovisning 2016, mnkr``): the
    same word heads a column, its year printed under it (``Balansbudget`` / ``mnkr Bokslut`` /
    ``2022`` / ``Budget`` / ``2023``: last year's budget column, not the document's year)."""
    gap = r"[ \t]+" if found.priority >= GENERIC_TYPE_PRIORITY else r"\s+"
    return re.search(rf"(?:{found.pattern.pattern})\w*{gap}(?:[a-zåäö]+{gap})?((?:19|20)\d\d)\b", low)


def document_kind(document_type: str | None) -> str | None:
    """budget | report for a detected type, None when the type is not known."""
    return load_vocabulary().kind_of_document_type(document_type)


@dataclass(frozen=True, slots=True)
class MetaOverrides:
    municipality: str | None = None
    committee: str | None = None
    base_year: int | None = None
    document_type: str | None = None


def detect_metadata(lines: list[Line], name: str, overrides: MetaOverrides) -> DocumentMeta:
    text = "\n".join(ln.text for ln in lines)
    mun: Municipality | None
    if overrides.municipality:
        mun, mun_source = resolve_municipality(overrides.municipality), "option"
    else:
        mun, mun_source = detect_municipality(text), "detected"
        if mun is None:
            raise DocumentError(
                "municipality_unknown",
                f"{name}: cannot tell which municipality published this document (no municipality "
                "in seeds/municipalities.csv is named clearly more often than the others). Pass "
                "--municipality CODE_OR_NAME, e.g. --municipality 0580 or --municipality Linköping.",
            )
    committee, office = detect_committee(lines, text)
    committee_source = "detected" if committee else "none"
    if overrides.committee:
        ct = classify_committee(overrides.committee)
        committee = ct.committee_name if ct and ct.is_office and ct.committee_name else overrides.committee
        office = overrides.committee if ct and ct.is_office else office
        committee_source = "option"
    doc_type, title, base_year, base_source = detect_document_type(lines, text, name)
    if overrides.base_year:
        base_year, base_source = overrides.base_year, "option"
    if overrides.document_type:
        doc_type = overrides.document_type
    return DocumentMeta(
        municipality_code=mun.code,
        municipality_name=mun.name,
        municipality_source=mun_source,
        committee_name=committee,
        committee_source=committee_source,
        issuing_unit=office,
        document_type=doc_type,
        document_title=title,
        base_year=base_year,
        base_year_source=base_source,
    )
