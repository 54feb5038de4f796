"""The report's words: one message catalogue per language (locales/<lang>.toml) and its number format.

A message is looked up by a dotted key (`plan.title`) and filled with named parameters
(`{years}`). Keys ending in `_html` hold the catalogue's own markup (a <code> name, a badge):
their parameters are escaped, the message itself is not. Every other message is plain text that
the templates escape. A key with `.one` and `.other` variants is chosen by a count.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from markupsafe import Markup

from .fmt import ENGLISH, SWEDISH, NumberFormat

DEFAULT_LANGUAGE = "sv"
NUMBER_FORMATS = {"sv": SWEDISH, "en": ENGLISH}
LANGUAGES = tuple(NUMBER_FORMATS)


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out.update(_flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Every message of one language, by dotted key."""
    if lang not in NUMBER_FORMATS:
        raise ValueError(f"unknown report language {lang!r}: choose one of {', '.join(LANGUAGES)}")
    text = resources.files(__package__).joinpath("locales", f"{lang}.toml").read_text(encoding="utf-8")
    return _flatten(tomllib.loads(text))


@dataclass(frozen=True)
class Locale:
    """The messages and number format of one language; `t(key, **params)` gives a message."""

    lang: str
    numbers: NumberFormat

    @classmethod
    def of(cls, lang: str = DEFAULT_LANGUAGE) -> Locale:
        catalogue(lang)  # fails early for an unknown language
        return cls(lang, NUMBER_FORMATS[lang])

    def t(self, key: str, **params) -> str:
        message = catalogue(self.lang)[key]
        if any(part.endswith("_html") for part in key.split(".")):
            return Markup(message).format(**params)
        return message.format(**params) if params else message

    def tn(self, key: str, count: int, **params) -> str:
        """The `.one` or `.other` variant by count; {n} is the count as a number of the language."""
        variant = "one" if count == 1 else "other"
        return self.t(f"{key}.{variant}", n=self.numbers.number(count), **params)

    def label(self, group: str, code: str | None) -> str:
        """The reader's name of a code (a measure, a status, a committee type); the code if none."""
        if code is None:
            return ""
        return catalogue(self.lang).get(f"{group}.{code}", code)
