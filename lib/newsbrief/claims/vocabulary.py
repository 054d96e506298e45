"""The words figures are made of, and the regular-expression pieces every stage builds on.

In:  nothing (the bottom floor of :mod:`newsbrief.claims`, beside :mod:`newsbrief.claims.record`).
Out: number words, scales, currencies, time units, months and stop words, each mapped to what it
     means, shared by several stages (a stage's own words live with it: qualifier phrases in
     :mod:`~newsbrief.claims.intervals`, source nouns in :mod:`~newsbrief.claims.sources`); and the
     helpers their patterns are built from: :func:`_alternation`, :data:`_HSPACE`,
     :data:`_NOT_AFTER_WORD`, :data:`_OF` and :func:`_norm_phrase`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsbrief.text import MONTHS

__all__ = [
    "_BIG", "_CURRENCY_SYMBOLS", "_CURRENCY_WORDS", "_HSPACE", "_MONTHS", "_NOT_AFTER_WORD", "_OF",
    "_PLURAL_SCALES", "_SCALE_ABBR", "_STOP_WORDS", "_TEENS", "_TENS", "_TIME_UNITS", "_UNITS",
    "_alternation", "_norm_phrase",
]

_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}
_TEENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
_BIG: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
_SCALE_ABBR: dict[str, float] = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12,
    "hundred": 1e2, **_BIG,
}
_PLURAL_SCALES: dict[str, float] = {
    "dozens": 12.0, "scores": 20.0, "tens": 10.0, "hundreds": 1e2,
    "thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12,
}
_CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "a$": "AUD", "c$": "CAD",
}
_CURRENCY_WORDS: dict[str, str] = {
    "dollars": "USD", "euros": "EUR", "pounds": "GBP", "pounds sterling": "GBP",
    "roubles": "RUB", "rubles": "RUB", "yen": "JPY", "yuan": "CNY",
}
_TIME_UNITS: dict[str, str] = {
    "second": "second", "seconds": "second", "min": "minute", "mins": "minute",
    "minute": "minute", "minutes": "minute", "hour": "hour", "hours": "hour",
    "hr": "hour", "hrs": "hour", "day": "day", "days": "day", "week": "week",
    "weeks": "week", "month": "month", "months": "month", "year": "year",
    "years": "year", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century",
}
_MONTHS: dict[str, int] = MONTHS  # month names and abbreviations (lower case) to their number

_STOP_WORDS = frozenset("""
a an the this that these those its it it's their his her our your my them they we
he she you i who whom whose which what where when why how there here than then as if
because while whether and or but nor so yet not no also only just even still already
reportedly allegedly each every all both any some many much such own same
am is are was were be been being have has had having do does did done will would
shall should can could may might must
about above across after against along among around at before behind below beneath
beside between beyond by despite down during except for from in inside into like
near of off on onto out outside over past per since through throughout till to
toward towards under until up upon via with within without amid amidst
""".split())


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation of literal phrases, longest first, spaces as ``\\s+``."""
    phrases = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


_HSPACE = r"[^\S\r\n]"  # whitespace that does not cross a line
_NOT_AFTER_WORD = r"(?<![\w'’-])"
_OF = re.compile(rf"{_HSPACE}+of\b", re.IGNORECASE)


def _norm_phrase(phrase: str) -> str:
    """Lower-case a matched phrase and collapse its whitespace."""
    return " ".join(phrase.casefold().split())
