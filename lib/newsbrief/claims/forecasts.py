"""Stage 7 of claim extraction: predictions of *when* something happens, as claims of their own.

In:  the text and the clause spans of a sentence.
Out: one :class:`~newsbrief.claims.record.Claim` of kind ``forecast`` per timing forecast
     (:func:`~newsbrief.claims.timing._time_expressions` with ``forward``: "as soon as next week",
     "in the coming days", "within the next few months", "as early as July or August", "by the end of
     the year" in a clause with a forecast cue), with ``surface`` and ``time_words`` the expression,
     no interval, and ``counted`` the predicted event (:func:`_event`). Attribution, hedges and
     forecast cues are added per clause by :mod:`~newsbrief.claims.sources`, as for any figure.

The event is read leftwards from the expression, within its clause: the words back to the nearest
modal or auxiliary ("will be *deployed to the Kursk region*", "could *arrive in Russia*"), the
forecast word and its "to" ("expected to *join combat operations*", "ready to *enter the fray*"), an
infinitive "to" or a "lead to" ("could lead to *troop deployments*"), a conjunction, relative word,
subject pronoun or punctuation; at most eight words, leading adverbs dropped. A "to" before an
article or a name is a preposition and is read over ("deployed to the Kursk region"). When the
expression opens its clause ("In the coming days, troops will enter the war") the event is read
rightwards instead, after the clause's first modal or forecast word.

A time expression written in title case ("What to Expect in the Coming Days") is a headline's, not
a prediction: it makes no forecast claim.
"""

from __future__ import annotations

from newsbrief.claims.clauses import _Word, _words
from newsbrief.claims.record import Claim
from newsbrief.claims.timing import _CONTROL as _FORECAST_CONTROL
from newsbrief.claims.timing import _DETERMINERS, _TimeExpression, _time_expressions
from newsbrief.claims.vocabulary import _MONTHS, _STOP_WORDS

__all__ = ["_event", "_forecasts"]

_MODALS = frozenset("will would could can may might shall should must 'll ’ll won't won’t".split())
_AUXILIARIES = frozenset("be is are was were been being am have has had having".split())
_CONTROL = _FORECAST_CONTROL | frozenset("lead leads led leading".split())  # "could lead to troop deployments"
_BOUNDARIES = frozenset("""
that which who whom whose where when while whereas and but or nor because as if than though
although so they he she it we you i there
""".split())
_ADVERBS = frozenset("also likely then soon now still even reportedly allegedly potentially possibly actively".split())
_MAX_EVENT = 8
_NAMES = frozenset(m.capitalize() for m in _MONTHS) | frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())


def _title_case(surface: str) -> bool:
    """Whether a time expression is written as a headline ("in the Coming Days"): a capitalized word
    after its first that names no month or weekday."""
    return any(w[:1].isupper() and w.rstrip(".,") not in _NAMES for w in surface.split()[1:])


def _clean(words: list[_Word]) -> list[_Word]:
    while words and (words[0].low in _ADVERBS or words[0].low.endswith("ly") or words[0].low in _AUXILIARIES):
        words = words[1:]
    while words and words[-1].low in _STOP_WORDS:
        words = words[:-1]
    return words


def _event_left(words: list[_Word]) -> list[_Word]:
    """The event read leftwards from the end of ``words`` (the clause before the expression)."""
    taken: list[_Word] = []
    for k in range(len(words) - 1, -1, -1):
        word = words[k]
        low = word.low
        if not word.is_word or low in _MODALS or low in _AUXILIARIES or low in _BOUNDARIES:
            break
        if low == "to":
            after = taken[0] if taken else None
            before = words[k - 1].low if k else ""
            infinitive = after is not None and after.text[:1].islower() and after.low not in _DETERMINERS
            if before in _CONTROL or infinitive:
                break
        taken.insert(0, word)
        if len(taken) >= _MAX_EVENT:
            break
    return _clean(taken)


def _event_right(words: list[_Word]) -> list[_Word]:
    """The event read rightwards in ``words`` (the clause after the expression), after its first
    modal or forecast word."""
    k = next((k for k, w in enumerate(words) if w.low in _MODALS
              or (w.low == "to" and k and words[k - 1].low in _CONTROL)), None)
    if k is None:
        return []
    taken: list[_Word] = []
    for word in words[k + 1:]:
        if not word.is_word or word.low in _BOUNDARIES:
            break
        if not taken and (word.low in _AUXILIARIES or word.low in _ADVERBS or word.low in _CONTROL or word.low == "to"):
            continue
        taken.append(word)
        if len(taken) >= _MAX_EVENT:
            break
    return _clean(taken)


def _event(text: str, clause: tuple[int, int], expression: _TimeExpression) -> str:
    """The event a timing forecast predicts, as written (module docstring), or ""."""
    lo, hi = clause
    event = _event_left(_words(text, lo, expression.start))
    if not event:
        event = _event_right(_words(text, expression.end, hi))
    return " ".join(text[event[0].start:event[-1].end].split()) if event else ""


def _forecasts(text: str, clauses: list[tuple[int, int]]) -> list[Claim]:
    """The timing forecasts of one sentence (its ``clauses``), as claims of kind ``forecast``."""
    out = []
    for lo, hi in clauses:
        for expression in _time_expressions(text, lo, hi):
            if not expression.forward or _title_case(expression.text):
                continue
            surface = text[expression.start:expression.end]
            out.append(Claim(
                char_start=expression.start, char_end=expression.end, surface=surface,
                value_low=None, value_high=None, qualifier="", vague=False, kind="forecast", unit="",
                counted=_event(text, (lo, hi), expression), time_words=" ".join(surface.split()),
            ))
    return out
