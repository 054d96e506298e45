"""When a figure holds, or when a forecast says something will happen, as a span of days.

In:  the time words a figure's sentence gives (``claims.csv``'s ``time_words``: "this past week",
     "earlier in the year", "in March 2024", "as soon as next week") and its article's publication
     date (``documents.csv``'s ``published``, ISO, or empty).
Out: a :class:`Period`: first and last day (either may be unknown), the *basis* it rests on, and a
     label a reader can check.

The bases, from firmest to weakest:

- ``stated date``: the sentence names the date or year ("in March 2024", "in 2023");
- ``relative to article date``: the sentence's words move the article's date ("this past week" is
  the seven days before it, "earlier in the year" runs from 1 January to it, "next week" the
  fourteen days after it);
- ``article date``: no time words; the figure is taken to hold when the article was published;
- ``relative, article date unknown``: the words are relative but the article is undated, so the
  period is unknown and the label says so rather than guessing;
- ``undated``: no time words and no article date.

A figure's period is what a comparison needs to tell an *update* (two articles at different times)
from a *conflict* (the same time): two periods overlap unless both are known and one ends before the
other starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from newsbrief.text import MONTHS, find_date

__all__ = ["BASES", "Period", "overlap", "reference_period"]

BASES = ("stated date", "relative to article date", "article date", "relative, article date unknown", "undated")


@dataclass(frozen=True)
class Period:
    """A span of days; ``start``/``end`` are None when unknown."""

    start: date | None
    end: date | None
    basis: str
    label: str

    @property
    def known(self) -> bool:
        return self.start is not None and self.end is not None


def overlap(a: Period, b: Period) -> bool | None:
    """Whether two periods share a day; None when either is unknown (no guess)."""
    if not (a.known and b.known):
        return None
    return not (a.end < b.start or b.end < a.start)


def _month_end(day: date) -> date:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


# Relative expressions, as (pattern, function of the article date -> (first day, last day)). First match wins,
# so the longer phrase comes first ("this past week" before "this week"; "earlier this year" before "this year").
_DAY = timedelta(days=1)
_RELATIVE: list[tuple[re.Pattern[str], object]] = [(re.compile(p, re.I), f) for p, f in [
    (r"\b(?:today|tonight|this morning|this afternoon|this evening)\b", lambda d: (d, d)),
    (r"\byesterday\b", lambda d: (d - _DAY, d - _DAY)),
    (r"\btomorrow\b", lambda d: (d + _DAY, d + _DAY)),
    (r"\b(?:this past|the past|the last|last few|past few|recent)\s+(?:week|days)\b"
     r"|\bearlier this week\b|\bthis week\b",
     lambda d: (d - 7 * _DAY, d)),
    (r"\blast week\b", lambda d: (d - 14 * _DAY, d - 7 * _DAY)),
    (r"\b(?:this|next)\s+weekend\b", lambda d: (d, d + 7 * _DAY)),
    (r"\bnext week\b", lambda d: (d + _DAY, d + 14 * _DAY)),
    (r"\b(?:in the )?coming (?:days|weeks)\b|\bwithin days\b|\bimminent(?:ly)?\b", lambda d: (d, d + 14 * _DAY)),
    (r"\b(?:this past|the past|the last|past) month\b", lambda d: (d - 30 * _DAY, d)),
    (r"\b(?:earlier|so far|since the start of) this month\b|\bthis month\b", lambda d: (d.replace(day=1), d)),
    (r"\blast month\b", lambda d: (_month_end(d.replace(day=1) - _DAY).replace(day=1), d.replace(day=1) - _DAY)),
    (r"\bnext month\b", lambda d: (_month_end(d) + _DAY, _month_end(_month_end(d) + _DAY))),
    (r"\b(?:within|in|over) the (?:next|coming) (?:few|several|two|three|four|six) months\b|\bwithin months\b",
     lambda d: (d, d + 183 * _DAY)),
    (r"\b(?:earlier|so far|since the start of) (?:in )?(?:this|the) year\b|\bthis year\b",
     lambda d: (date(d.year, 1, 1), d)),
    (r"\bby the end of (?:the|this) year\b|\blater this year\b", lambda d: (d, date(d.year, 12, 31))),
    (r"\blast year\b", lambda d: (date(d.year - 1, 1, 1), date(d.year - 1, 12, 31))),
    (r"\bnext year\b", lambda d: (date(d.year + 1, 1, 1), date(d.year + 1, 12, 31))),
]]
_SINCE = re.compile(r"\bsince\b", re.I)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=lambda m: (-len(m), m)))
_MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH_NAMES})\.?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I)
_YEAR = re.compile(r"(?<![\d,.$£€])\b(?P<year>(?:19|20)\d\d)\b(?![\d,.%])")
# Months named without a year, read in the article's year: "as early as July or August".
_MONTHS_ALONE = re.compile(rf"\b(?P<first>{_MONTH_NAMES})\b(?:\s+(?:or|and|to|-)\s+(?P<last>{_MONTH_NAMES})\b)?", re.I)


def _stated(words: str) -> tuple[date, date, str] | None:
    """A date, month or year the words name outright."""
    day = find_date(words)
    if day is not None:
        return day, day, day.isoformat()
    if m := _MONTH_YEAR.search(words):
        first = date(int(m["year"]), MONTHS[m["month"].lower()], 1)
        return first, _month_end(first), first.strftime("%Y-%m")
    years = sorted({int(y) for y in _YEAR.findall(words)})
    if years:
        return date(years[0], 1, 1), date(years[-1], 12, 31), "–".join(map(str, dict.fromkeys([years[0], years[-1]])))
    return None


def _span_label(start: date, end: date) -> str:
    return start.isoformat() if start == end else f"{start.isoformat()} to {end.isoformat()}"


def reference_period(time_words: str, published: str) -> Period:
    """The period a figure holds in (or a forecast points to), from its time words and its article's date.

    Args:
        time_words: the figure's time words, as written, or "" (several may be ";"-joined: the first
            that says something decides).
        published: the article's publication date, ISO ("2024-10-26"), or "".
    """
    article = date.fromisoformat(published) if published else None
    for words in [w.strip() for w in (time_words or "").split(";") if w.strip()]:
        if stated := _stated(words):
            start, end, label = stated
            if _SINCE.search(words):  # "since 1995": from then until the article
                end = article
                label = f"{start.isoformat()} to {article.isoformat() if article else 'an unknown date'}"
            return Period(start, end, "stated date", f"{label} ({words})")
        for pattern, span in _RELATIVE:
            if pattern.search(words):
                if article is None:
                    return Period(None, None, "relative, article date unknown", f"{words} (article date unknown)")
                start, end = span(article)
                return Period(start, end, "relative to article date", f"{_span_label(start, end)} ({words})")
        if m := _MONTHS_ALONE.search(words):
            if article is None:
                return Period(None, None, "relative, article date unknown", f"{words} (article date unknown)")
            first = MONTHS[m["first"].lower()]
            last = MONTHS[(m["last"] or m["first"]).lower()]
            year = article.year + (1 if last < article.month else 0)
            start, end = date(year, first, 1), _month_end(date(year, last, 1))
            return Period(start, end, "relative to article date", f"{_span_label(start, end)} ({words})")
    if article is not None:
        return Period(article, article, "article date", article.isoformat())
    if time_words:
        return Period(None, None, "relative, article date unknown", f"{time_words} (article date unknown)")
    return Period(None, None, "undated", "undated")
