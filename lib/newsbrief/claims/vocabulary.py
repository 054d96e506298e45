"""The words figures are made of, and the regular-expression pieces every stage builds on.

In:  the number words, scales, currencies, time units and months of :mod:`newsbrief.text`, where
     they are declared (the bottom floor of :mod:`newsbrief.claims`, beside :mod:`~.record`).
Out: those words under the names the stages use, plus plural scales, currency symbols and stop
     words, each mapped to what it means, shared by several stages (a stage's own words live with
     it: qualifier phrases in :mod:`~newsbrief.claims.intervals`, source nouns in
     :mod:`~newsbrief.claims.sources`); and the
     helpers their patterns are built from: :func:`_alternation`, :data:`_HSPACE`,
     :data:`_NOT_AFTER_WORD`, :data:`_OF` and :func:`_norm_phrase`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsbrief.text import (CURRENCY_WORDS as _CURRENCY_WORDS, MONTHS, NUMBER_SCALES as _BIG,
                            NUMBER_TEENS as _TEENS, NUMBER_TENS as _TENS, NUMBER_UNITS as _UNITS,
                            SCALE_WORDS as _SCALE_ABBR, STOP_WORDS as _STOP_WORDS, TIME_UNITS as _TIME_UNITS)

__all__ = [
    "_BIG", "_CURRENCY_SYMBOLS", "_CURRENCY_WORDS", "_HSPACE", "_MONTHS", "_NOT_AFTER_WORD", "_OF",
    "_PLURAL_SCALES", "_SCALE_ABBR", "_STOP_WORDS", "_TEENS", "_TENS", "_TIME_UNITS", "_UNITS",
    "_alternation", "_norm_phrase",
]

_PLURAL_SCALES: dict[str, float] = {
    "dozens": 12.0, "scores": 20.0, "tens": 10.0, "hundreds": 1e2,
    "thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12,
}
_CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "a$": "AUD", "c$": "CAD",
}
_MONTHS: dict[str, int] = MONTHS  # month names and abbreviations (lower case) to their number



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
