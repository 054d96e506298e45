"""Stage 5 of claim extraction: the noun phrase a figure counts.

In:  the text and a :class:`~newsbrief.claims.intervals._Figure` (:func:`_counted`); or, for
     :func:`_borrow_counted`, a claims table sorted by article and offset.
Out: the counted phrase as written ("North Korean soldiers", "voters", "soldiers killed or
     injured"), or ""; a count without a phrase of its own takes the one of the count before it in
     its sentence (:func:`_borrow_counted`).
"""

from __future__ import annotations

import re
from dataclasses import replace

import pandas as pd

from newsbrief.claims.intervals import _Figure
from newsbrief.claims.numbers import _word_category
from newsbrief.claims.vocabulary import (
    _CURRENCY_WORDS,
    _HSPACE,
    _MONTHS,
    _OF,
    _PLURAL_SCALES,
    _STOP_WORDS,
    _alternation,
)

__all__ = ["_borrow_counted", "_counted", "_counted_parts"]

_CASUALTY_WORDS = (
    "killed", "injured", "wounded", "dead", "missing", "captured", "detained",
    "displaced", "arrested", "evacuated", "executed", "hurt",
)

_HEAD_NOUNS = frozenset({
    "people", "men", "women", "children", "personnel", "police", "staff", "troops",
    "infantry", "crew", "cattle", "livestock", "militia",
})
_DETERMINERS_AFTER_OF = frozenset({"the", "its", "their", "his", "her", "our", "these", "those"})
_COUNTED_KINDS = frozenset({"count", "money", "percent", "ordinal"})

_NEXT_WORD = re.compile(rf"{_HSPACE}+(?P<w>[^\W\d_]+(?:[-'’][^\W\d_]+)*)(?![\w'’-])")
_CASUALTY = re.compile(
    rf"(?:{_HSPACE}+(?:were|was|are|is|have|has|had|been|being|reportedly|allegedly|either))*"
    rf"{_HSPACE}+(?P<a>{_alternation(_CASUALTY_WORDS)})"
    rf"(?:{_HSPACE}+(?P<conj>or|and){_HSPACE}+(?P<b>{_alternation(_CASUALTY_WORDS)}))?\b",
    re.IGNORECASE,
)


def _looks_plural(word: str) -> bool:
    """Rough plural test for a head noun ("troops", "soldiers", "Koreans")."""
    w = word.casefold()
    return w in _HEAD_NOUNS or (
        len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")))


def _counted(text: str, fig: _Figure) -> tuple[str, _Figure]:
    """The counted phrase of ``fig`` and the figure (see :func:`_counted_parts`)."""
    phrase, _, fig = _counted_parts(text, fig)
    return phrase, fig


def _counted_parts(text: str, fig: _Figure) -> tuple[str, int, _Figure]:
    """Best-effort noun phrase counted by a figure, e.g. "North Korean soldiers".

    Takes up to four words after the figure, stopping at function words, verbs from a
    small list, punctuation, possessives, an adverb after the first word, or right
    after a plural head noun. "of" is skipped after percents and vague quantities
    ("76% of voters", "thousands of troops"). A trailing casualty participle is
    appended ("soldiers were either killed or injured" -> "soldiers killed or injured").

    Returns:
        The phrase (or ""), the offset where its noun words end (before a casualty participle; the
        figure's end when there are none) and the figure, re-kinded to money for "millions of
        dollars".
    """
    if fig.kind not in _COUNTED_KINDS:
        return "", fig.end, fig
    pos = fig.end
    if (fig.kind == "percent" or fig.vague) and (m := _OF.match(text, pos)):
        pos = m.end()
        if (d := _NEXT_WORD.match(text, pos)) and d["w"].casefold() in _DETERMINERS_AFTER_OF:
            pos = d.end()
    words: list[str] = []
    while len(words) < 4 and (m := _NEXT_WORD.match(text, pos)):
        word = m["w"]
        folded = word.casefold()
        if (folded in _STOP_WORDS or "'" in word or "’" in word
                or (words and folded.endswith("ly")) or _word_category(word) is not None
                or (folded in _MONTHS and word[:1].isupper()) or folded in _PLURAL_SCALES):
            break
        words.append(word)
        pos = m.end()
        if _looks_plural(word):
            break
    if fig.vague and len(words) == 1 and (unit := _CURRENCY_WORDS.get(words[0].casefold())):
        return "", pos, replace(fig, kind="money", unit=unit)
    phrase = " ".join(words)
    if m := _CASUALTY.match(text, pos):
        outcome = m["a"].casefold()
        if m["b"]:
            outcome += f" {m['conj'].casefold()} {m['b'].casefold()}"
        phrase = f"{phrase} {outcome}" if phrase else outcome
    return phrase, pos, fig


def _borrow_counted(frame: pd.DataFrame) -> list[str]:
    """A count with no counted phrase of its own takes the one of the count before it in its sentence.

    "at least 3,000 North Korean soldiers ..., with total numbers reaching as high as 12,000":
    the second figure counts the same soldiers.
    """
    out, previous = [], {}
    for doc_id, sent_id, kind, counted in zip(frame["doc_id"], frame["sent_id"], frame["kind"], frame["counted"]):
        key = (doc_id, sent_id)
        if kind == "count" and not counted and key in previous:
            counted = previous[key]
        if kind == "count" and counted:
            previous[key] = counted
        out.append(counted)
    return out
