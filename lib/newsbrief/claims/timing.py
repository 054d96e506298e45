"""The words that date a claim, and the words that make it a prediction.

In:  a span of text (a clause or a sentence).
Out: :func:`_time_expressions`: every time expression, as written, with whether it looks ahead
     (a *timing forecast*, "as soon as next week") and the cue that heads it; :func:`_forecast_cues`:
     the forecast cues of a span, normalized, in order ("poised to", "will", "as soon as").

Time expressions (as written, e.g. "this past week", "Earlier in the year", "in 2024", "last year",
"since January", "over the past two weeks", "three days ago", "currently"):

* relative: "this/last/past/previous/this past/earlier this/later this/early next" + a time noun
  (day, week, weekend, month, year, spring, ..., a weekday); "earlier/later in the year";
  "in recent weeks", "over/in/during the past (few/two) months"; "N days ago"; "yesterday",
  "today", "tonight", "currently", "recently", "so far", "to date";
* anchored: "in/since/during/until/as of/before/after/from/on" + a date, a month (capitalized,
  with or without a year) or a year ("in 2024", "since January", "on Monday").

Timing forecasts, which say *when* something is to happen (``forward=True``):

* always: "as soon as" + a time ("as soon as next week", "as soon as this weekend"),
  "in the coming days", "in the next few weeks", "within the next few months",
  "in the near future", and any expression with "next"/"coming"/"upcoming";
* only in a clause that has a forecast cue or a modal (will, could, may, might, would, should,
  "expected to", ...): "as early as July or August", "within weeks", "by the end of the year",
  "by 2025", "later this month", "this weekend", "soon", "shortly".

Forecast cues (:data:`_CUE_FORMS`): "will" ("won't", "'ll"), "poised to", "expected to",
"set to", "scheduled to", "ready to", "about to", "going to", "plans to", "intends to",
"preparing to", "projected to", "predicted to", "forecast to", "on track to"; and the head of a timing forecast ("as soon as", "as early as", "in the coming",
"in the next", "within the next", "within", "by the end of", "by", "next", "later this",
"in the near future", "soon", ...). "could", "may" and "likely" are hedges, not forecast cues
(:mod:`~newsbrief.claims.sources`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsbrief.claims.vocabulary import _MONTHS, _alternation

__all__ = ["_CONTROL", "_DETERMINERS", "_TimeExpression", "_forecast_cues", "_has_future_cue", "_time_expressions"]

_UNIT_NOUNS = (
    "day", "days", "week", "weeks", "weekend", "weekends", "fortnight", "month", "months",
    "year", "years", "decade", "decades", "quarter", "spring", "summer", "autumn", "fall",
    "winter", "morning", "evening", "night", "hours",
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_UNIT = rf"(?:{_alternation(_UNIT_NOUNS)}|{'|'.join(_WEEKDAYS)})"
# Month names in full ("May" too); an abbreviation only with its dot before a day ("Oct. 26").
_MONTH = ("(?:(?:" + _alternation(m.capitalize() for m in _MONTHS if len(m) > 4 or m in ("may", "june", "july"))
          + r")\b|(?:" + _alternation(m.capitalize() for m in _MONTHS if len(m) <= 4 and m not in ("may", "june", "july"))
          + r")\.?(?=\s+[0-3]?[0-9]\b))")
_YEAR = r"(?:[12][0-9]{3})(?![0-9])"
_DATE = (rf"(?:{_MONTH}\s+[0-3]?[0-9](?:st|nd|rd|th)?(?:,?\s+{_YEAR})?"
         rf"|[0-3]?[0-9](?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?"
         rf"|{_MONTH}(?:,?\s+{_YEAR})?(?:\s+or\s+{_MONTH}(?:,?\s+{_YEAR})?)?"
         rf"|(?:early|late|mid)[-\s]?{_YEAR}|{_YEAR}|{'|'.join(_WEEKDAYS)})")
_COUNT = (r"(?:a\s+few|a\s+couple\s+of|few|several|two|three|four|five|six|seven|eight|nine|ten|"
          r"twelve|[0-9]+|a|an|one)")
_AHEAD = rf"(?:(?:early|late|later)\s+)?(?:next|coming|upcoming|this)\s+{_UNIT}|tomorrow|tonight|today"

# Timing forecasts: (pattern, cue, needs a future cue in its clause).
_FORWARD: tuple[tuple[str, str, bool], ...] = (
    (rf"as\s+soon\s+as\s+(?:{_AHEAD}|the\s+end\s+of\s+(?:the|this|next)\s+{_UNIT}|{_DATE})", "as soon as", False),
    (rf"as\s+early\s+as\s+(?:{_AHEAD}|{_DATE})", "as early as", True),
    (rf"in\s+the\s+(?:coming|next|upcoming)\s+(?:{_COUNT}\s+)?{_UNIT}", "in the coming", False),
    (rf"within\s+the\s+(?:next|coming)\s+(?:{_COUNT}\s+)?{_UNIT}", "within the next", False),
    (rf"within\s+(?:{_COUNT}\s+)?{_UNIT}", "within", True),
    (r"in\s+the\s+near\s+future", "in the near future", False),
    (rf"by\s+the\s+end\s+of\s+(?:the|this|next)\s+{_UNIT}|by\s+the\s+end\s+of\s+{_YEAR}", "by the end of", True),
    (rf"by\s+(?:{_AHEAD}|{_DATE})", "by", True),
    (rf"(?:later|early)\s+(?:this|next)\s+{_UNIT}", "later this", True),
    (rf"(?:next|upcoming|the\s+coming)\s+{_UNIT}", "next", False),
    (r"this\s+weekend", "this weekend", True),
    (r"soon|shortly|imminently", "soon", True),
)
# Time words that date a claim without looking ahead.
_DATING: tuple[str, ...] = (
    rf"(?:this\s+past|earlier\s+this|late\s+last|early\s+last|this|last|past|previous)\s+{_UNIT}",
    r"(?:earlier|later)\s+in\s+the\s+(?:year|month|week|day|war|conflict)",
    rf"(?:in|over|during|within|for)\s+(?:the\s+)?(?:past|last|previous|recent)\s+(?:{_COUNT}\s+)?{_UNIT}",
    rf"in\s+recent\s+{_UNIT}",
    rf"(?:{_COUNT}\s+)?{_UNIT}\s+ago",
    rf"(?:in|since|during|until|till|as\s+of|before|after|from|on|throughout|through)\s+"
    rf"(?:(?:early|late|mid)[-\s]?)?(?:{_DATE})",
    r"since\s+the\s+(?:start|beginning|outbreak)\s+of\s+the\s+(?:war|conflict|invasion|year)",
    r"yesterday|today|tonight|currently|recently|so\s+far|to\s+date",
)
_TIME = re.compile(
    r"(?<![\w'’-])(?:" + "|".join(f"(?P<f{k}>{p})" for k, (p, _, _) in enumerate(_FORWARD))
    + "|" + "|".join(f"(?:{p})" for p in _DATING) + r")(?![\w'’-])",
    re.IGNORECASE,
)

_CUE_FORMS: dict[str, str] = {
    "will": "will", "won't": "will", "won’t": "will", "'ll": "will", "’ll": "will",
    "poised to": "poised to", "expected to": "expected to", "set to": "set to",
    "scheduled to": "scheduled to", "slated to": "scheduled to", "ready to": "ready to",
    "about to": "about to", "going to": "going to",
    "plan to": "plans to", "plans to": "plans to", "planned to": "plans to", "planning to": "plans to",
    "intend to": "intends to", "intends to": "intends to", "intended to": "intends to",
    "intending to": "intends to",
    "projected to": "projected to", "predicted to": "predicted to", "forecast to": "forecast to",
    "on track to": "on track to",
    "prepare to": "preparing to", "prepares to": "preparing to", "prepared to": "preparing to",
    "preparing to": "preparing to",
}
_DETERMINERS = frozenset("the a an this that these those its their his her our my your".split())
# Words a forecast or an intent depends on, before "to" and a verb ("poised to dispatch", "ready to enter").
_CONTROL = frozenset("""
poised expected set ready due scheduled slated likely able going about prepared preparing planning
planned plans plan intends intend intended intending aiming aims aim
""".split())
# A verbal cue; "to" must open an infinitive (not "set to the task", "going to Kursk", "about to 3,000").
_CUE = re.compile(
    r"(?<![\w'’-])(?:(?P<will>will|won['’]t)(?![\w'’-])|(?P<ll>['’]ll)(?![\w'’-])"
    rf"|(?P<to>{_alternation(k for k in _CUE_FORMS if k.endswith(' to'))})\s+(?P<next>[a-z][\w'’-]*))"
)
_MODAL = re.compile(r"(?<![\w'’-])(?:could|may|might|would|should|likely|shall)(?![\w'’-])")


@dataclass(frozen=True)
class _TimeExpression:
    """A time expression: span, text as written, whether it looks ahead, and its cue (forecasts only)."""

    start: int
    end: int
    text: str
    forward: bool
    cue: str


def _verbal_cues(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """The verbal forecast cues of ``text[start:end]`` with their offsets, normalized."""
    found = []
    for m in _CUE.finditer(text, start, end):
        if m["to"]:
            if m["next"] in _DETERMINERS:
                continue
            found.append((m.start(), _CUE_FORMS[" ".join(m["to"].casefold().split())]))
        else:
            found.append((m.start(), "will"))
    return found


def _has_future_cue(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has a forecast cue or a modal that looks ahead."""
    return bool(_verbal_cues(text, start, end) or _MODAL.search(text, start, end))


def _time_expressions(text: str, start: int = 0, end: int | None = None,
                      clause: tuple[int, int] | None = None) -> list[_TimeExpression]:
    """The time expressions of ``text[start:end]``, in order.

    An expression that looks ahead only with a cue (:data:`_FORWARD`) is a forecast when the clause
    (``clause``, by default the span itself) has a forecast cue or a modal; otherwise it dates the
    claim ("this weekend" in "they arrived this weekend", "by October" in "by October 3,000 had
    arrived"); "soon" without a cue is no time word at all.
    """
    end = len(text) if end is None else end
    lo, hi = clause if clause is not None else (start, end)
    future = None
    out: list[_TimeExpression] = []
    for m in _TIME.finditer(text, start, end):
        which = next((k for k in range(len(_FORWARD)) if m[f"f{k}"] is not None), None)
        forward, cue = False, ""
        if which is not None:
            _, cue, needs_cue = _FORWARD[which]
            if needs_cue:
                if future is None:
                    future = _has_future_cue(text, lo, hi)
                if not future:
                    if cue == "soon":
                        continue  # "soon" dates nothing
                    cue = ""
            forward = bool(cue)
        out.append(_TimeExpression(m.start(), m.end(), m.group(), forward, cue))
    return out


def _forecast_cues(text: str, start: int, end: int) -> list[str]:
    """The forecast cues of ``text[start:end]``, normalized, in order of appearance, each once:
    verbal cues ("poised to", "will") and the heads of timing forecasts ("as soon as")."""
    found = _verbal_cues(text, start, end)
    found += [(t.start, t.cue) for t in _time_expressions(text, start, end) if t.forward]
    out: list[str] = []
    for _, cue in sorted(found):
        if cue not in out:
            out.append(cue)
    return out
