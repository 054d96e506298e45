"""Extract the numeric figures claimed in clean news text.

In:  plain article text, usually one sentence at a time (:func:`extract_claims`), or a
     sentence table with columns ``doc_id, sent_id, char_start, char_end, text``
     (:func:`claims_table`).
Out: one :class:`Claim` per figure: its character span, the interval of values it
     asserts (``value_low``/``value_high``, ``None`` for an open side), the normalized
     qualifier ("over", "nearly", "between", ...), whether it is vague ("thousands"),
     its kind (count, money, percent, date, duration, ordinal, other), unit and, best
     effort, the noun phrase being counted; plus, per sentence, who the figure is
     attributed to (``attribution``, e.g. "US intelligence", or "unattributed"), the cue
     that says so (``attribution_cue``: "according to", "said", "reports indicate", ...)
     and the hedge words of the sentence (``hedges``: "reportedly;could"). :func:`claims_table`
     returns the same as a DataFrame with absolute article offsets (columns
     :data:`CLAIM_COLUMNS`). :func:`attribution` and :func:`hedges` work on one sentence.

The extractor is a short pipeline of pure functions so that later versions can add
stages (as attribution and hedges were; cross-outlet comparison next) without touching
the others:

1. candidate *atoms*: dates, multipliers, vague quantities, digit figures ("40 000",
   "2.33 k", "1.2b"), number words, fractions ("two-thirds", "one and a half", "3/4"),
   plus *blockers* (clock times, "Article 5") that claim a span but emit nothing;
2. overlap resolution: leftmost, then longest, candidate wins; then minus signs
   ("-3.5%", "minus 5", "negative ten");
3. range merging: "25,000 to 30,000", "between 2 and 3 million", "10-20%";
4. qualifiers from the words or symbols just before a figure ("at least", "up 76%",
   "less than or equal to", ">=") or just after it ("10 or more", "65 and over"); two
   one-sided figures joined by "and" become one interval ("more than 20 and less
   than 30");
5. the counted noun phrase from the words just after the figure;
6. per sentence (a conservative split of the input): attribution and hedges.

Attribution is precision first: a source is only reported when a cue ("according to X",
"X said", ", said X", "reports indicate", "reports from X", "X reported by Y") has a noun
phrase that looks like a source (a named entity, or officials, analysts, experts,
intelligence, ministry, reports, ...); anything else is "unattributed".

Deliberate omissions (conservative by design): bare "one" ("one of the", "no one",
"one thing is clear") unless it carries a unit or ends a range; word ordinals ("first");
numbers glued to words ("F-16", "G7", "5G", "10G", "COVID-19", "4pm", "10:30"); a "-"
glued to a word or figure is never a minus sign ("25,000-30,000", "1-0"); scientific
notation ("1e10", "1.1^23"); "X over Y" and "2 in 5" fractions; fractions beyond tenths
("a hundredth") or with compound numerators ("twenty-three fifths"); "a third"/"one
fifth" unless followed by "of" ("a third term"), "quarters" not followed by "of" (fiscal quarters), and
"half" after "the", "first", "second", ... ("the second half"); digit fractions whose
denominator exceeds 100 or whose numerator is not smaller ("24/7"), or followed by "/"
(dates "5/17/2018"); a scale "m" or "b" separated by a space ("10 m" is metres), and a
glued "b" on a whole number without currency ("Article 4b"). Known limitation: a glued
"m" is always million ("a 100m sprint"). Phone numbers and IP addresses are not
recognized as such (they may yield stray figures).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import pandas as pd

from newsbrief.progress import track

__all__ = [
    "CLAIM_COLUMNS", "Claim", "attribution", "claims_table", "extract_claims", "hedges",
    "plot_claims",
]


@dataclass(frozen=True)
class Claim:
    """One numeric figure claimed in a piece of text.

    Attributes:
        char_start: Offset of the figure span (qualifier included) in the input.
        char_end: End offset (exclusive) of the figure span.
        surface: ``text[char_start:char_end]``, e.g. "between 25,000 to 30,000".
        value_low: Lower bound of the claimed interval, ``None`` if open.
        value_high: Upper bound of the claimed interval, ``None`` if open.
        qualifier: Normalized qualifier ("" when the figure stands alone).
        vague: True for figures without a definite number ("thousands").
        kind: count | money | percent | date | duration | ordinal | other.
        unit: "USD", "GBP", "EUR", "%", "pp", "x", a time unit ("year"), or "".
        counted: Noun phrase being counted, as written, or "".
        attribution: Source the sentence attributes the figure to, as written
            ("US intelligence", "reports"), or "unattributed".
        attribution_cue: Lower-cased cue words ("according to", "said",
            "reports indicate"), or "".
        hedges: Hedge words of the sentence, normalized, ";"-joined in order of
            first appearance ("reportedly;could"), or "".
    """

    char_start: int
    char_end: int
    surface: str
    value_low: float | None
    value_high: float | None
    qualifier: str
    vague: bool
    kind: str
    unit: str
    counted: str
    attribution: str = "unattributed"
    attribution_cue: str = ""
    hedges: str = ""


_CLAIM_COLUMNS: tuple[str, ...] = (
    "doc_id", "sent_id", "char_start", "char_end", "surface", "value_low",
    "value_high", "qualifier", "vague", "kind", "unit", "counted", "attribution",
    "attribution_cue", "hedges", "sentence",
)
CLAIM_COLUMNS: list[str] = list(_CLAIM_COLUMNS)

# --------------------------------------------------------------------------- #
# Vocabulary
# --------------------------------------------------------------------------- #

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
_MULTIPLIER_STEMS: dict[str, float] = {"doubl": 2.0, "tripl": 3.0, "quadrupl": 4.0}
_FOLD_WORDS: dict[str, float] = {
    "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0, "seven": 7.0,
    "eight": 8.0, "nine": 9.0, "ten": 10.0, "hundred": 100.0, "thousand": 1000.0,
}
_MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11,
    "december": 12, "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7,
    "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

_QUALIFIER_PHRASES: dict[str, str] = {
    # over
    "over": "over", "more than": "over", "above": "over", "in excess of": "over",
    "upwards of": "over", "upward of": "over", "greater than": "over",
    "well over": "over", "just over": "over", "well above": "over",
    # at_least
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "not less than": "at_least", "a minimum of": "at_least",
    # nearly
    "nearly": "nearly", "almost": "nearly", "close to": "nearly",
    "just under": "nearly", "just below": "nearly", "just shy of": "nearly",
    # approximately
    "approximately": "approximately", "approx.": "approximately",
    "approx": "approximately", "about": "approximately", "around": "approximately",
    "roughly": "approximately", "some": "approximately",
    "an estimated": "approximately", "estimated": "approximately",
    "circa": "approximately",
    # as_high_as / as_low_as
    "as high as": "as_high_as", "as many as": "as_high_as", "as much as": "as_high_as",
    "as few as": "as_low_as", "as low as": "as_low_as", "as little as": "as_low_as",
    # up_to
    "up to": "up_to", "at most": "up_to", "no more than": "up_to",
    "not more than": "up_to", "a maximum of": "up_to",
    # under
    "fewer than": "under", "less than": "under", "under": "under", "below": "under",
    "well under": "under", "well below": "under",
    # exactly
    "exactly": "exactly", "precisely": "exactly",
    # comparisons ("higher than", "more than or equal to", "equal to or less than")
    "higher than": "over", "larger than": "over", "bigger than": "over",
    "lower than": "under", "smaller than": "under",
    **{f"{a} than or equal to": "at_least" for a in (
        "more", "greater", "higher", "larger", "bigger")},
    **{f"{a} or equal to": "at_least" for a in (
        "more", "greater", "higher", "larger", "bigger", "at least")},
    **{f"{a} or equal than": "at_least" for a in ("greater", "higher", "larger", "bigger")},
    **{f"equal to or {a} than": "at_least" for a in ("more", "greater", "higher", "larger")},
    **{f"{a} than or equal to": "up_to" for a in ("less", "fewer", "lower", "smaller")},
    **{f"{a} or equal to": "up_to" for a in ("less", "fewer", "lower", "smaller", "at most")},
    **{f"{a} or equal than": "up_to" for a in ("less", "lower", "smaller")},
    **{f"equal to or {a} than": "up_to" for a in ("less", "fewer", "lower", "smaller")},
}
_LOW_BOUND_QUALIFIERS = frozenset({"over", "at_least", "as_low_as"})
_HIGH_BOUND_QUALIFIERS = frozenset({"nearly", "as_high_as", "up_to", "under"})

_CHANGE_UP = frozenset({
    "up", "rose", "rise", "rises", "rising", "risen", "increased", "increases",
    "increasing", "grew", "grow", "grows", "growing", "grown", "jumped", "jumps",
    "climbed", "climbs", "gained", "gains", "surged", "soared",
    "increase of", "rise of", "jump of", "gain of", "growth of",
})
_CHANGE_DOWN = frozenset({
    "down", "fell", "fall", "falls", "falling", "fallen", "dropped", "drops",
    "declined", "declines", "decreased", "decreases", "slid", "slumped", "plunged",
    "tumbled", "shrank", "shrunk", "lost",
    "decrease of", "fall of", "drop of", "decline of",
})

_CASUALTY_WORDS = (
    "killed", "injured", "wounded", "dead", "missing", "captured", "detained",
    "displaced", "arrested", "evacuated", "executed", "hurt",
)

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
_HEAD_NOUNS = frozenset({
    "people", "men", "women", "children", "personnel", "police", "staff", "troops",
    "infantry", "crew", "cattle", "livestock", "militia",
})
_DETERMINERS_AFTER_OF = frozenset({"the", "its", "their", "his", "her", "our", "these", "those"})
_COUNTED_KINDS = frozenset({"count", "money", "percent", "ordinal"})
_MERGEABLE_KINDS = frozenset({"count", "money", "percent", "duration", "date"})

# --------------------------------------------------------------------------- #
# Compiled patterns
# --------------------------------------------------------------------------- #


def _alternation(words: Iterable[str]) -> str:
    """Regex alternation of literal phrases, longest first, spaces as ``\\s+``."""
    phrases = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


_HSPACE = r"[^\S\r\n]"  # whitespace that does not cross a line
_NOT_AFTER_WORD = r"(?<![\w'’-])"
# A figure must not run on into a word, a decimal/time/fraction or a hyphenated word.
_BOUNDARY = re.compile(r"(?![\w%$£€'’])(?![.,:/][0-9])(?!-[^\W\d_])")

_DIGIT_CORE = re.compile(
    r"(?<![\w$£€.,:/#\u00a0\u202f\u2009])"
    # not after "letter-" ("F-16", "COVID-19") except "2m-3m", "mid-2025", "pre-2022"
    r"(?:(?<![^\W\d_]-)|(?<=[0-9][mk]-)|(?<=[0-9]bn-)|(?<=[Mm]id-)|(?<=[Pp]re-)"
    r"|(?<=[Pp]ost-))"
    r"(?P<cur>US\$|A\$|C\$|\$|£|€)?"
    r"(?P<num>[0-9]{1,3}(?:[,\u00a0\u202f\u2009][0-9]{3})+(?:\.[0-9]+)?"
    r"|[0-9]{1,3}(?: [0-9]{3}(?![0-9]))+(?![.,][0-9])"  # "40 000", "1 234 567"
    r"|[0-9]+(?:\.[0-9]+)?)"
)
_GROUP_SEPARATORS = re.compile(r"[, \u00a0\u202f\u2009]")
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\b")
_DECADE_SUFFIX = re.compile(r"['’]?s\b")
# "3bn", "2.33 k", "1.2b", "$5m", "2 million". A lone "m" or "b" must be glued to the
# number ("10 m" is more often metres); a glued "b" needs a decimal or a currency ("Article
# 4b" is not four billion).
_SCALE_SUFFIX = re.compile(
    rf"(?:(?P<sp>{_HSPACE})?(?P<a>bn|tn|mn|k)|(?P<b>m)|(?P<bb>b)"
    r"|\s(?P<w>hundred|thousand|million|billion|trillion))\b",
    re.IGNORECASE,
)
_PERCENT_SUFFIX = re.compile(
    r"(?P<pp>\s(?:percentage\s+points?|pp|ppt)\b)|(?P<pc>\s?%|\s(?:per\s?cent|percent)\b)",
    re.IGNORECASE,
)
_CURRENCY_WORD_SUFFIX = re.compile(rf"\s(?P<w>{_alternation(_CURRENCY_WORDS)})\b", re.IGNORECASE)
_TIME_SUFFIX = re.compile(rf"[\s-](?P<w>{_alternation(_TIME_UNITS)})\b", re.IGNORECASE)
_FOLD_SUFFIX = re.compile(r"-?fold\b", re.IGNORECASE)
_STRONG_SUFFIX = re.compile(r"-strong\b", re.IGNORECASE)

_NW_TOKEN = (
    rf"(?:(?:{_alternation(_TENS)})(?:-(?:{_alternation(set(_UNITS) - {'zero'})}))?"
    rf"|{_alternation(_TEENS)}|{_alternation(_UNITS)}|hundred|{_alternation(_BIG)}|dozen)"
)
_NW_START = re.compile(
    rf"(?:{_NOT_AFTER_WORD}(?P<art>an?){_HSPACE}+"
    r"(?=(?:hundred|thousand|million|billion|trillion|dozen)\b)"
    rf"|{_NOT_AFTER_WORD})(?P<w>{_NW_TOKEN})\b",
    re.IGNORECASE,
)
_NW_NEXT = re.compile(
    rf"(?P<sep>{_HSPACE}+and{_HSPACE}+|{_HSPACE}+|-)(?P<w>{_NW_TOKEN})\b", re.IGNORECASE
)

_VAGUE = re.compile(
    rf"{_NOT_AFTER_WORD}(?:"
    rf"(?P<mult>tens|hundreds|dozens|scores){_HSPACE}+of{_HSPACE}+"
    r"(?P<big>thousands|millions|billions)"
    rf"|(?P<few>several|a{_HSPACE}+few|a{_HSPACE}+couple{_HSPACE}+of|few|many){_HSPACE}+"
    rf"(?P<sing>hundred|thousand|million|billion)"
    rf"|(?P<plural>hundreds|thousands|millions|billions|trillions|dozens)"
    rf"|(?P<scores>scores)(?={_HSPACE}+of\b))\b",
    re.IGNORECASE,
)
_VAGUE_DURATION = re.compile(
    rf"{_NOT_AFTER_WORD}(?:several|a{_HSPACE}+few|few|a{_HSPACE}+couple{_HSPACE}+of){_HSPACE}+"
    r"(?P<w>seconds|minutes|hours|days|weeks|months|years|decades|centuries)\b",
    re.IGNORECASE,
)
_MULTIPLIER = re.compile(
    rf"{_NOT_AFTER_WORD}(?:(?P<stem>doubl|tripl|quadrupl)(?:ed|ing|es)"
    rf"|(?P<fold>{_alternation(_FOLD_WORDS)})-?fold)\b",
    re.IGNORECASE,
)

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_DAY = r"(?P<day>[0-3]?[0-9])(?:st|nd|rd|th)?"
_YEAR_TAIL = r"(?:,?\s+(?P<year>[12][0-9]{3})(?![\w%])(?![.,:/][0-9]))?"
_DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    re.compile(rf"(?<![\w$£€.,:/])(?P<month>{_MONTH})\b\.?\s+{_DAY}\b{_YEAR_TAIL}"),
    re.compile(rf"(?<![\w$£€.,:/-]){_DAY}\s+(?:of\s+)?(?P<month>{_MONTH})\b\.?{_YEAR_TAIL}"),
    re.compile(rf"(?<![\w$£€.,:/])(?P<month>{_MONTH})\b\.?,?\s+(?P<year>[12][0-9]{{3}})"
               r"(?![\w%])(?![.,:/][0-9])"),
    re.compile(r"(?<![\w.,:/-])(?P<year>[12][0-9]{3})-(?P<month>[01][0-9])"
               r"-(?P<day>[0-3][0-9])(?![\w-])"),
)
_YEAR_CONTEXT = re.compile(
    r"(?<![\w'’-])(?:in|since|until|till|by|before|after|from|of|during|circa|early|late|mid)"
    rf"{_HSPACE}+$|mid-$",
    re.IGNORECASE,
)

_BLOCKERS: tuple[re.Pattern[str], ...] = (
    # clock times: "4 pm", "10.30am", "9 a.m."
    re.compile(r"(?<![\w.,:])[0-9]{1,2}(?:[:.][0-9]{2})?\s?(?:[ap]\.m\.|[ap]m\b)",
               re.IGNORECASE),
    # identifiers: "Article 5", "Resolution 2231", "No. 10"
    re.compile(
        r"\b(?:Article|Section|Chapter|Resolution|Route|Flight|Page|Paragraph|Clause|"
        r"Amendment|Room|Phase|Level|Category|Model|Version|Vol\.?|Number|No\.|Nos\.)"
        r"\s*[0-9][0-9,.]*[0-9]?\b",
        re.IGNORECASE,
    ),
)

_RANGE_GAP = re.compile(r"\s*[–—-]\s*|\s+(?:to|and|or)\s+", re.IGNORECASE)
_RANGE_PREFIX = re.compile(rf"{_NOT_AFTER_WORD}(?P<q>between|from)\s+$", re.IGNORECASE)
_QUALIFIER_PREFIX = re.compile(
    rf"{_NOT_AFTER_WORD}(?P<q>{_alternation(_QUALIFIER_PHRASES)})\s+$", re.IGNORECASE
)
_SYMBOL_QUALIFIERS: dict[str, str] = {
    ">": "over", ">=": "at_least", "≥": "at_least", "<": "under", "<=": "up_to", "≤": "up_to",
}
# ">30", ">= 30", "< = 100", "≤ 100"; not "<>30" or "=>30".
_SYMBOL_PREFIX = re.compile(
    rf"(?<![<>=≤≥])(?P<q>[<>]{_HSPACE}?=|[<>≤≥])(?![<>=]){_HSPACE}*$")
_COMPARISON_GAP = re.compile(rf",?{_HSPACE}+(?:and|but){_HSPACE}+|{_HSPACE}*,{_HSPACE}*",
                             re.IGNORECASE)
_CHANGE_PREFIX = re.compile(
    rf"{_NOT_AFTER_WORD}(?P<q>{_alternation(_CHANGE_UP | _CHANGE_DOWN)})(?:\s+by)?\s+$",
    re.IGNORECASE,
)
_POSTFIX_QUALIFIER = re.compile(
    rf"(?:{_HSPACE}+or{_HSPACE}+(?P<more>more|greater|above|higher|over)"
    rf"|{_HSPACE}+or{_HSPACE}+(?P<less>fewer|less|below|lower)"
    rf"|{_HSPACE}+and{_HSPACE}+(?P<over>over|above|older)"
    rf"|{_HSPACE}+and{_HSPACE}+(?P<under>under|below|younger)"
    r"|(?P<plus>\+|-plus))(?![\w+])"
    rf"(?!{_HSPACE}+than\b)(?!{_HSPACE}*[0-9])",  # not "5000 or more than 4500", "2+3"
    re.IGNORECASE,
)
_PREFIX_WINDOW = 40
_DASHES = frozenset({"-", "–", "—"})

_NEXT_WORD = re.compile(rf"{_HSPACE}+(?P<w>[^\W\d_]+(?:[-'’][^\W\d_]+)*)(?![\w'’-])")
_OF = re.compile(rf"{_HSPACE}+of\b", re.IGNORECASE)
_CASUALTY = re.compile(
    rf"(?:{_HSPACE}+(?:were|was|are|is|have|has|had|been|being|reportedly|allegedly|either))*"
    rf"{_HSPACE}+(?P<a>{_alternation(_CASUALTY_WORDS)})"
    rf"(?:{_HSPACE}+(?P<conj>or|and){_HSPACE}+(?P<b>{_alternation(_CASUALTY_WORDS)}))?\b",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------- #
# Stage 1: candidate atoms
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class _Atom:
    """A single figure before ranges and qualifiers are resolved."""

    start: int
    end: int
    low: float | None
    high: float | None
    kind: str
    unit: str = ""
    vague: bool = False
    scale: float = 1.0        # explicit scale applied ("bn", "million"), 1.0 if none
    year: bool = False        # bare four-digit year, may become a count inside a range
    bare_one: bool = False    # lone "one": dropped unless it ends up in a range
    qualifier: str = ""       # intrinsic qualifier ("multiplier")
    block: bool = False       # blocker: claims the span, emits nothing


def _point(atom: _Atom) -> float | None:
    """The single value of a point atom, or None if it is an interval or vague."""
    if atom.vague or atom.low is None or atom.low != atom.high:
        return None
    return atom.low


def _month_dates(text: str) -> Iterator[_Atom]:
    """Dates written with a month: "Oct 26, 2024", "26 October 2024", "2024-10-26"."""
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            day = groups.get("day")
            if day is not None and not 1 <= int(day) <= 31:
                continue
            year = float(groups["year"]) if groups.get("year") else None
            yield _Atom(m.start(), m.end(), year, year, "date")


def _multipliers(text: str) -> Iterator[_Atom]:
    """"doubled", "tripling", "threefold" (digit "3-fold" is handled with digits)."""
    for m in _MULTIPLIER.finditer(text):
        if m["stem"]:
            factor = _MULTIPLIER_STEMS.get(m["stem"].casefold())
        else:
            factor = _FOLD_WORDS.get(m["fold"].casefold())
        if factor is None or not _BOUNDARY.match(text, m.end()):
            continue
        yield _Atom(m.start(), m.end(), factor, factor, "other", "x", qualifier="multiplier")


def _vague_quantities(text: str) -> Iterator[_Atom]:
    """"thousands", "tens of thousands", "several hundred", "a few months"."""
    for m in _VAGUE.finditer(text):
        if not _BOUNDARY.match(text, m.end()):
            continue
        if m["mult"]:
            low = _PLURAL_SCALES.get(m["mult"].casefold(), 0.0) * _PLURAL_SCALES.get(
                m["big"].casefold(), 0.0)
        elif m["sing"]:
            low = _SCALE_ABBR.get(m["sing"].casefold(), 0.0)
        else:
            low = _PLURAL_SCALES.get((m["plural"] or m["scores"]).casefold(), 0.0)
        if low:
            yield _Atom(m.start(), m.end(), low, None, "count", vague=True)
    for m in _VAGUE_DURATION.finditer(text):
        unit = _TIME_UNITS.get(m["w"].casefold())
        if unit and _BOUNDARY.match(text, m.end()):
            yield _Atom(m.start(), m.end(), None, None, "duration", unit, vague=True)


def _unit_suffix(text: str, pos: int, currency: str) -> tuple[int, str, str] | None:
    """Match a unit after a number at ``pos``.

    Returns:
        (end, kind, unit) for a percent, currency-word, time-unit, "-fold" or
        "-strong" suffix, else None.
    """
    if not currency:
        if m := _PERCENT_SUFFIX.match(text, pos):
            return m.end(), "percent", "pp" if m["pp"] else "%"
        if m := _CURRENCY_WORD_SUFFIX.match(text, pos):
            unit = _CURRENCY_WORDS.get(_norm_phrase(m["w"]))
            if unit:
                return m.end(), "money", unit
        if m := _TIME_SUFFIX.match(text, pos):
            unit = _TIME_UNITS.get(m["w"].casefold())
            if unit:
                return m.end(), "duration", unit
        if m := _FOLD_SUFFIX.match(text, pos):
            return m.end(), "other", "x"
    if m := _STRONG_SUFFIX.match(text, pos):  # "a 10,000-strong force"
        return m.end(), "money" if currency else "count", currency
    return None


def _is_year_context(text: str, start: int) -> bool:
    """True if the words before ``start`` introduce a year ("in", "since", ...)."""
    return bool(_YEAR_CONTEXT.search(text, max(0, start - 12), start))


def _digit_figures(text: str) -> Iterator[_Atom]:
    """Figures written with digits: "3,000", "$11.1bn", "76%", "20th", "1990s"."""
    for m in _DIGIT_CORE.finditer(text):
        raw, cur = _GROUP_SEPARATORS.sub("", m["num"]), m["cur"] or ""
        if len(raw) > 1 and raw[0] == "0" and raw[1] != ".":
            continue  # "007", "000": codes, not figures
        value = float(raw)
        pos = m.end()
        integer = "." not in raw
        currency = _CURRENCY_SYMBOLS.get(cur.casefold(), "") if cur else ""
        if not cur and integer and (s := _ORDINAL_SUFFIX.match(text, pos)):
            if _BOUNDARY.match(text, s.end()):
                yield _Atom(m.start(), s.end(), value, value, "ordinal")
            continue
        if (not cur and len(m["num"]) == 4 and raw.endswith("0") and 1000 <= value <= 2100
                and (s := _DECADE_SUFFIX.match(text, pos))):
            if _BOUNDARY.match(text, s.end()):
                yield _Atom(m.start(), s.end(), value, value + 9, "date")
            continue
        scale = 1.0
        if ((s := _SCALE_SUFFIX.match(text, pos)) and not (s["bb"] and integer and not cur)
                and not (s["sp"] and not _BOUNDARY.match(text, s.end()))):
            scale = _SCALE_ABBR.get((s["a"] or s["b"] or s["bb"] or s["w"]).casefold(), 1.0)
            pos = s.end()
        kind, unit = ("money", currency) if currency else ("count", "")
        if suffix := _unit_suffix(text, pos, currency):
            pos, kind, unit = suffix
        if not _BOUNDARY.match(text, pos):
            continue
        value *= scale
        if kind == "other":  # "3-fold"
            yield _Atom(m.start(), pos, value, value, "other", "x", qualifier="multiplier")
            continue
        is_year = (kind == "count" and scale == 1.0 and len(m["num"]) == 4 and raw.isdigit()
                   and (1950 <= value <= 2100
                        or (1000 <= value < 1950 and _is_year_context(text, m.start()))))
        if is_year:
            kind = "date"
        yield _Atom(m.start(), pos, value, value, kind, unit, scale=scale, year=is_year)


def _word_category(word: str) -> tuple[str, float] | None:
    """Classify one number-word token ("twenty-five" -> ("tens", 25.0))."""
    w = word.casefold()
    if w in _UNITS:
        return "unit", float(_UNITS[w])
    if w in _TEENS:
        return "teen", float(_TEENS[w])
    if w in _TENS:
        return "tens", float(_TENS[w])
    if "-" in w:
        tens, _, unit = w.partition("-")
        if tens in _TENS and unit in _UNITS:
            return "tens_unit", float(_TENS[tens] + _UNITS[unit])
        return None
    if w == "hundred":
        return "hundred", 100.0
    if w == "dozen":
        return "dozen", 12.0
    if w in _BIG:
        return "big", _BIG[w]
    return None


def _can_follow(prev: str, prev_big: float, cat: str, value: float, with_and: bool) -> bool:
    """Whether a number-word category may continue a run ("two" -> "hundred")."""
    small = ("unit", "teen", "tens", "tens_unit")
    if with_and:
        return prev in ("hundred", "big") and cat in small
    if cat in ("hundred", "dozen"):
        return prev in small
    if cat == "big":
        return prev in (*small, "hundred") and value < prev_big
    if cat == "unit":
        return prev in ("tens", "hundred", "big")
    if cat in ("teen", "tens", "tens_unit"):
        return prev in ("hundred", "big")
    return False


def _word_figures(text: str) -> Iterator[_Atom]:
    """Figures written in words: "twenty-five thousand", "a dozen", "two million"."""
    pos = 0
    while m := _NW_START.search(text, pos):
        pos = m.end()
        first = _word_category(m["w"])
        if first is None:
            continue
        cat, value = first
        if cat in ("hundred", "big", "dozen") and not m["art"]:
            continue  # "the million-dollar question": a scale word needs a number
        cats = [cat]
        total, current, prev_big, end = 0.0, 0.0, float("inf"), m.end()
        if cat == "big":
            total, prev_big = value, value
        else:
            current = value
        while n := _NW_NEXT.match(text, end):
            nxt = _word_category(n["w"])
            if nxt is None:
                break
            ncat, nval = nxt
            if not _can_follow(cats[-1], prev_big, ncat, nval, "and" in n["sep"].casefold()):
                break
            if ncat == "hundred":
                current = (current or 1.0) * 100.0
            elif ncat == "dozen":
                current = (current or 1.0) * 12.0
            elif ncat == "big":
                total += (current or 1.0) * nval
                current, prev_big = 0.0, nval
            else:
                current += nval
            cats.append(ncat)
            end = n.end()
        pos = end
        value = total + current
        kind, unit = "count", ""
        if suffix := _unit_suffix(text, end, ""):
            end, kind, unit = suffix
        if not _BOUNDARY.match(text, end):
            continue
        bare_one = (cats == ["unit"] and value == 1.0 and not m["art"]
                    and kind not in ("percent", "money"))
        if kind == "other":
            yield _Atom(m.start(), end, value, value, "other", "x", qualifier="multiplier")
            continue
        scale = 1.0
        if cats[-1] == "big":
            scale = prev_big
        yield _Atom(m.start(), end, value, value, kind, unit, scale=scale, bare_one=bare_one)


def _blockers(text: str) -> Iterator[_Atom]:
    """Spans that look numeric but are not figures (clock times, identifiers)."""
    for pattern in _BLOCKERS:
        for m in pattern.finditer(text):
            yield _Atom(m.start(), m.end(), None, None, "", block=True)


_DENOMINATORS: dict[str, float] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}
_FRACTION_NUMERATORS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}
_WORD_FRACTION = re.compile(
    rf"{_NOT_AFTER_WORD}(?:(?P<whole>{_alternation(set(_UNITS) | set(_TEENS))}|[0-9]+)"
    rf"{_HSPACE}+and{_HSPACE}+(?P<a>an?){_HSPACE}+(?P<d1>half|third|quarter)"
    rf"|(?P<n>{_alternation(_FRACTION_NUMERATORS)})(?:{_HSPACE}+|-)"
    rf"(?P<d>{_alternation(_DENOMINATORS)})"
    rf"|(?P<half>half))\b(?!-)",
    re.IGNORECASE,
)
_HALF_NOT_AFTER = re.compile(
    rf"(?:\b(?:the|first|second|last|other|this|that|and|one|an?)|[-']){_HSPACE}*$",
    re.IGNORECASE)
_DIGIT_FRACTION = re.compile(
    r"(?<![\w/.,:$£€-])(?:(?P<whole>[0-9]{1,3})\s+)?(?P<n>[0-9]{1,2})/(?P<d>[0-9]{1,3})"
    r"(?![\w/])(?![.,][0-9])"
)


def _fractions(text: str) -> Iterator[_Atom]:
    """"a half", "two-thirds", "three quarters", "one and a half", "3/4", "2 1/2".

    Digit fractions need a numerator below a denominator of at most 100 and no further "/"
    ("24/7", "5/17/2018" are not fractions). A singular fraction after "a"/"one" ("a third")
    needs "of" after it ("a third of voters", not "a third term"); a bare "half" may not
    follow "the", "first", "second", ... ("the second half").
    """
    for m in _DIGIT_FRACTION.finditer(text):
        n, d = int(m["n"]), int(m["d"])
        if not (1 <= n < d <= 100):
            continue
        value = n / d + (int(m["whole"]) if m["whole"] else 0)
        end, kind, unit = m.end(), "other", ""
        if suffix := _unit_suffix(text, end, ""):
            end, kind, unit = suffix
        if kind != "other" or not unit:
            yield _Atom(m.start(), end, value, value, kind, unit)
    for m in _WORD_FRACTION.finditer(text):
        if m["half"]:
            if _HALF_NOT_AFTER.search(text, max(0, m.start() - 8), m.start()):
                continue
            value = 0.5
        elif m["d1"]:
            whole = m["whole"].casefold()
            base = float(whole) if whole.isdigit() else float(
                _UNITS.get(whole, _TEENS.get(whole, 0)))
            value = base + 1.0 / _DENOMINATORS[m["d1"].casefold()]
        else:
            num = _FRACTION_NUMERATORS[m["n"].casefold()]
            den_word = m["d"].casefold()
            plural = den_word.endswith("s") and den_word != "halves"
            if num == 1 and (plural or den_word == "halves"):
                continue  # "one thirds"
            if num > 1 and not plural and den_word != "halves":
                continue  # "two third": an ordinal phrase, not a fraction
            if (num == 1 and den_word != "half"
                    and not _OF.match(text, m.end())):
                continue  # "a third term", "one fifth round"
            if den_word == "quarters" and not _OF.match(text, m.end()):
                continue  # "the preceding three quarters": fiscal quarters, unless "quarters of"
            value = num / _DENOMINATORS[den_word]
        end, kind, unit = m.end(), "other", ""
        if suffix := _unit_suffix(text, end, ""):
            end, kind, unit = suffix
        if kind == "other" and unit:
            continue
        yield _Atom(m.start(), end, value, value, kind, unit)


_SIGN_WORD = re.compile(rf"{_NOT_AFTER_WORD}(?:minus|negative){_HSPACE}+$", re.IGNORECASE)
_SIGNABLE_KINDS = frozenset({"count", "money", "percent"})


def _sign_start(text: str, start: int) -> int | None:
    """Start of a minus sign written just before a figure at ``start``, or None.

    "-5", "−5", "-$5", "minus 5", "negative ten". A hyphen counts only when it is glued to
    the figure and not glued to a word or number before it ("25,000-30,000", "F-16", "1-0"),
    nor right after another figure ("10 -20", "5% -3%").
    """
    if start and text[start - 1] in "-−":
        j = start - 1
        if j and (text[j - 1].isalnum() or text[j - 1] in "-−.,%$£€'’_/^"):
            return None
        before = text[:j].rstrip()
        if before and (before[-1].isdigit() or before[-1] == "%"):
            return None
        return j
    if m := _SIGN_WORD.search(text, max(0, start - 12), start):
        return m.start()
    return None


def _apply_signs(text: str, atoms: list[_Atom]) -> list[_Atom]:
    """Negate point figures that carry a minus sign, widening their span over it."""
    out: list[_Atom] = []
    floor = 0
    for atom in atoms:
        value = _point(atom)
        if (value is not None and atom.kind in _SIGNABLE_KINDS and not atom.qualifier
                and (sign := _sign_start(text, atom.start)) is not None and sign >= floor):
            atom = replace(atom, start=sign, low=-value, high=-value, bare_one=False,
                           year=False, kind="count" if atom.year else atom.kind)
        out.append(atom)
        floor = atom.end
    return out


_MATCHERS = (_blockers, _month_dates, _multipliers, _vague_quantities, _digit_figures,
             _word_figures, _fractions)


def _resolve_overlaps(atoms: list[_Atom]) -> list[_Atom]:
    """Keep non-overlapping atoms, preferring the leftmost and then the longest."""
    kept: list[_Atom] = []
    last_end = -1
    for atom in sorted(atoms, key=lambda a: (a.start, -(a.end - a.start))):
        if atom.start >= last_end:
            kept.append(atom)
            last_end = atom.end
    return [a for a in kept if not a.block]


# --------------------------------------------------------------------------- #
# Stages 2-4: ranges, qualifiers, counted
# --------------------------------------------------------------------------- #


@dataclass(frozen=True)
class _Figure:
    """A resolved figure: span, interval and qualifier, before ``counted``."""

    start: int
    end: int
    low: float | None
    high: float | None
    kind: str
    unit: str
    vague: bool
    qualifier: str
    is_range: bool = False


def _as_count(atom: _Atom) -> _Atom:
    """Reinterpret a bare year atom ("2000") as a plain count."""
    return replace(atom, kind="count", year=False) if atom.year else atom


def _range_ends(a: _Atom, b: _Atom, gap: str) -> tuple[float, float, str, str] | None:
    """Combine two atoms into range ends, propagating scale, kind and unit.

    Returns:
        (low, high, kind, unit), or None when the atoms do not form a range.
    """
    lo, hi = _point(a), _point(b)
    if lo is None or hi is None or (a.bare_one and b.bare_one):
        return None
    if a.kind not in _MERGEABLE_KINDS or b.kind not in _MERGEABLE_KINDS:
        return None
    if a.year and b.kind == "count" and not b.year and hi < 100 and gap.strip() in _DASHES:
        hi += (lo // 100) * 100  # "2022-23"
        b = replace(b, kind="date", year=True)
    if a.year != b.year:
        a, b = _as_count(a), _as_count(b)
    if a.kind == "date" or b.kind == "date":
        if not (a.year and b.year):
            return None
        return (lo, hi, "date", "") if lo <= hi else None
    kinds = {a.kind, b.kind} - {"count"}
    units = {a.unit, b.unit} - {""}
    if len(kinds) > 1 or len(units) > 1:
        return None
    kind, unit = (kinds.pop() if kinds else "count"), (units.pop() if units else "")
    # A scale spreads only to a bare small end: "2 to 3 million", not "one thousand to
    # one thousand and five hundred" (the second end is already a full number).
    for scaled_lo, scaled_hi in ((lo * (b.scale if a.scale == 1.0 and abs(lo) < 1000 else 1.0),
                                  hi * (a.scale if b.scale == 1.0 and abs(hi) < 1000 else 1.0)),
                                 (lo, hi)):
        if scaled_lo <= scaled_hi:
            return scaled_lo, scaled_hi, kind, unit
    return None


def _merge_ranges(text: str, atoms: list[_Atom]) -> list[_Figure]:
    """Join "A to B", "A-B", "between A and B", "A or B" into range figures."""
    figures: list[_Figure] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            gap = text[a.end:b.start]
            prefix = _RANGE_PREFIX.search(text, max(0, a.start - 12), a.start)
            joined = _RANGE_GAP.fullmatch(gap)
            if joined and (gap.strip().casefold() != "and" or
                           (prefix and prefix["q"].casefold() == "between")):
                ends = _range_ends(a, b, gap)
                if ends is not None:
                    lo, hi, kind, unit = ends
                    start = prefix.start() if prefix else a.start
                    figures.append(_Figure(start, b.end, lo, hi, kind, unit, False,
                                           "between", is_range=True))
                    i += 2
                    continue
        if not a.bare_one:
            figures.append(_Figure(a.start, a.end, a.low, a.high, a.kind, a.unit,
                                   a.vague, a.qualifier))
        i += 1
    return figures


def _with_bounds(fig: _Figure, qualifier: str, start: int, end: int) -> _Figure:
    """Apply a normalized qualifier to a point figure's interval."""
    value = fig.low if fig.low == fig.high else None
    low, high = fig.low, fig.high
    if value is not None and not fig.vague:
        if qualifier in _LOW_BOUND_QUALIFIERS:
            low, high = value, None
        elif qualifier in _HIGH_BOUND_QUALIFIERS:
            low, high = None, value
    return replace(fig, start=start, end=end, low=low, high=high, qualifier=qualifier)


def _qualify(text: str, fig: _Figure, floor: int) -> _Figure:
    """Attach the qualifier written just before (or just after) a figure.

    Args:
        text: The whole input text.
        fig: The figure to qualify.
        floor: End of the previous figure; a qualifier may not reach before it.
    """
    window = max(floor, fig.start - _PREFIX_WINDOW)
    if fig.qualifier:  # ranges and multipliers carry their own
        if fig.is_range:  # "some 25,000 to 30,000": keep the approximator in the surface
            m = _QUALIFIER_PREFIX.search(text, window, fig.start)
            if m and _QUALIFIER_PHRASES.get(_norm_phrase(m["q"])) == "approximately":
                return replace(fig, start=m.start())
        return fig
    if fig.kind == "ordinal" or (fig.low is None and fig.high is None):
        return fig  # ordinals and figures without a value ("few months") take none
    if m := _QUALIFIER_PREFIX.search(text, window, fig.start):
        qualifier = _QUALIFIER_PHRASES.get(_norm_phrase(m["q"]))
        if qualifier and (fig.kind != "date" or qualifier == "approximately"):
            if (qualifier == "approximately" and fig.kind in ("count", "money", "percent")
                    and not fig.vague and (p := _POSTFIX_QUALIFIER.match(text, fig.end))):
                # "about 500 or more": the open side wins, the approximator stays in the span
                qualifier = "up_to" if p["less"] or p["under"] else "at_least"
                return _with_bounds(fig, qualifier, m.start(), p.end())
            return _with_bounds(fig, qualifier, m.start(), fig.end)
    if m := _SYMBOL_PREFIX.search(text, max(window, fig.start - 4), fig.start):
        qualifier = _SYMBOL_QUALIFIERS[m["q"].replace(" ", "").replace("\t", "")]
        if fig.kind != "date":
            return _with_bounds(fig, qualifier, m.start(), fig.end)
    if fig.kind == "percent" and (m := _CHANGE_PREFIX.search(text, window, fig.start)):
        word = _norm_phrase(m["q"])
        if word in _CHANGE_UP or word in _CHANGE_DOWN:
            qualifier = "change_up" if word in _CHANGE_UP else "change_down"
            return replace(fig, start=m.start(), qualifier=qualifier)
    if fig.kind in ("count", "money", "percent", "duration") and not fig.vague:
        if m := _POSTFIX_QUALIFIER.match(text, fig.end):
            qualifier = "up_to" if m["less"] or m["under"] else "at_least"
            return _with_bounds(fig, qualifier, fig.start, m.end())
    return fig


def _merge_comparisons(text: str, figs: list[_Figure]) -> list[_Figure]:
    """Join two one-sided figures into one interval: "more than 20 and less than 30",
    "at most 100 and at least 20" -> "between" (the interval of both conditions)."""
    out: list[_Figure] = []
    for fig in figs:
        prev = out[-1] if out else None
        if (prev is not None and not prev.is_range and not fig.is_range
                and prev.kind == fig.kind and prev.kind in ("count", "money", "percent")
                and (prev.unit == fig.unit or not prev.unit or not fig.unit)
                and _COMPARISON_GAP.fullmatch(text, prev.end, fig.start)):
            pair = None
            if prev.high is None and prev.low is not None and fig.low is None:
                pair = (prev.low, fig.high)
            elif prev.low is None and prev.high is not None and fig.high is None:
                pair = (fig.low, prev.high)
            if pair is not None and pair[0] is not None and pair[1] is not None \
                    and pair[0] < pair[1]:
                out[-1] = replace(prev, end=fig.end, low=pair[0], high=pair[1],
                                  unit=prev.unit or fig.unit, qualifier="between",
                                  is_range=True)
                continue
        out.append(fig)
    return out


def _norm_phrase(phrase: str) -> str:
    """Lower-case a matched phrase and collapse its whitespace."""
    return " ".join(phrase.casefold().split())


def _looks_plural(word: str) -> bool:
    """Rough plural test for a head noun ("troops", "soldiers", "Koreans")."""
    w = word.casefold()
    return w in _HEAD_NOUNS or (
        len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")))


def _counted(text: str, fig: _Figure) -> tuple[str, _Figure]:
    """Best-effort noun phrase counted by a figure, e.g. "North Korean soldiers".

    Takes up to four words after the figure, stopping at function words, verbs from a
    small list, punctuation, possessives, an adverb after the first word, or right
    after a plural head noun. "of" is skipped after percents and vague quantities
    ("76% of voters", "thousands of troops"). A trailing casualty participle is
    appended ("soldiers were either killed or injured" -> "soldiers killed or injured").

    Returns:
        The phrase (or "") and the figure, re-kinded to money for "millions of dollars".
    """
    if fig.kind not in _COUNTED_KINDS:
        return "", fig
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
        return "", replace(fig, kind="money", unit=unit)
    phrase = " ".join(words)
    if m := _CASUALTY.match(text, pos):
        outcome = m["a"].casefold()
        if m["b"]:
            outcome += f" {m['conj'].casefold()} {m['b'].casefold()}"
        phrase = f"{phrase} {outcome}" if phrase else outcome
    return phrase, fig


def _to_claim(text: str, fig: _Figure) -> Claim:
    """Finalize a figure: counted phrase, interval sanity, surface."""
    counted, fig = _counted(text, fig)
    low, high = fig.low, fig.high
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Claim(
        char_start=fig.start,
        char_end=fig.end,
        surface=text[fig.start:fig.end],
        value_low=low,
        value_high=high,
        qualifier=fig.qualifier,
        vague=fig.vague,
        kind=fig.kind,
        unit=fig.unit,
        counted=counted,
    )


# --------------------------------------------------------------------------- #
# Stage 6: attribution and hedges (per sentence)
# --------------------------------------------------------------------------- #

# Verbs that report speech or a finding, after their subject ("officials said").
_SAY_VERBS = frozenset("""
said says say stated told tells announced announces confirmed confirms confirm estimated
estimates estimate reported reports warned warns warn claimed claims claim believes believe
added adds
""".split())
# Verbs that introduce evidence ("reports indicate", "assessments suggest").
_EVIDENCE_VERBS = frozenset("""
indicate indicates indicated suggest suggests suggested show shows showed
""".split())
# Verb forms that are also plural nouns: "reports from", "claims of" are not verbs.
_NOUNISH_VERBS = frozenset({"reports", "claims", "claim", "estimates", "estimate"})
_NOUN_FOLLOWERS = frozenset({"from", "of", "by", "on", "about", "in", "and", "or", "for"})
# Verbs allowed in the inversion ", said the ministry".
_INVERSION_VERBS = frozenset("""
said says added stated told confirmed warned announced estimated claimed reported
""".split())
_PASSIVE_VERBS = frozenset({
    "said", "stated", "announced", "confirmed", "estimated", "reported", "claimed",
})
_REPORT_HEADS = frozenset({"report", "reports"})
# Nouns that can head a source noun phrase.
_SOURCE_NOUNS = frozenset("""
officials official analysts analyst experts expert reports report intelligence agency agencies
ministry ministries government governments military army navy spokesperson spokesman
spokeswoman spokespeople sources source authorities office service services department
command observers diplomats diplomat minister ministers president leader leaders commander
commanders assessments assessment estimates statement statements media lawmakers lawmaker
researchers monitors watchdog envoy police forces staff council committee institute
administration embassy secretary chief aides aide adviser advisers advisor advisors
journalists correspondents witnesses figures data force
""".split())
# Lower-case modifiers allowed inside a source noun phrase ("senior military officials").
_SOURCE_MODIFIERS = frozenset("""
senior top high-ranking former unnamed anonymous western foreign local regional military
defense defence security intelligence government state state-run federal national
independent international deputy chief acting news media press recent new latest earlier
previous prior multiple several various numerous separate further initial preliminary
official air naval armed border
""".split())
# Words dropped from the start of a source phrase.
_LEADING_DROP = frozenset("""
the a an this that these those its their his her our recent new latest earlier previous
prior multiple several various numerous separate further initial preliminary other however
meanwhile now today yesterday but and also
""".split())
_PRONOUNS = frozenset("""
i you he she it we they me him us them this that these those who which what one someone
everyone anyone nobody
""".split())
_CONNECTORS_LEFT = frozenset({"of", "and", "for", "&"})
_CONNECTORS_RIGHT = frozenset({"of", "from", "by", "in", "and", "for", "at", "&"})
_ATTRIBUTION_STOP = _STOP_WORDS | _PRONOUNS | frozenset(
    {"however", "meanwhile", "now", "today", "yesterday", "then", "still"})
# Words that may sit between a subject and its verb: "officials on Monday have also said".
_AUXILIARIES = frozenset("""
has have had also previously repeatedly recently reportedly publicly officially earlier
later again already separately now today yesterday
""".split())
_TIME_NOUNS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday week month year weekend tonight
morning evening
""".split())
_TIME_WORDS = _TIME_NOUNS | {"on", "last", "this", "late", "early"}
_NOT_NAMES = _TIME_NOUNS | frozenset(_MONTHS) | frozenset({"however", "meanwhile", "recent"})

_TITLES = r"Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Rep|Sen|Gov|Rev|St|Jr|Sr"
_ATTR_TOKEN = re.compile(
    rf"\b(?:{_TITLES})\.(?=\s)"                  # titles: "Dr.", "Gen."
    r"|(?:[^\W\d_]\.){2,}"                       # acronyms with dots: "U.S."
    r"|[^\W_](?:[\w&'’-]*[^\W_])?(?:['’](?=\s|$))?"  # words, "Korea's", "3"
    r"|\S"                                       # any other character: punctuation
)
_WORD_TOKEN = re.compile(r"[^\W_]")
_SENTENCE_BREAK = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])|\n\s*")
_ABBREVIATION = re.compile(
    rf"(?:\b(?:[A-Za-z]\.)+|\b(?:{_TITLES}|No|Nos|vs|approx|Inc|Corp|Co|Ltd|Jan|Feb|Mar|Apr"
    r"|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|etc)\.)$"
)
_ACCORDING_TO = re.compile(r"\baccording\s+to\b", re.IGNORECASE)

_HEDGE_FORMS: dict[str, str] = {
    "reportedly": "reportedly", "potentially": "potentially", "possibly": "possibly",
    "allegedly": "allegedly", "could": "could", "may": "may", "might": "might",
    "estimate": "estimated", "estimates": "estimated", "estimated": "estimated",
    "believed": "believed", "expected": "expected", "poised": "poised", "likely": "likely",
    "appear": "appears", "appears": "appears", "appeared": "appears",
    "suggest": "suggest", "suggests": "suggest", "suggested": "suggest",
    "speculation": "speculation", "rumor": "rumors", "rumors": "rumors",
    "rumour": "rumors", "rumours": "rumors", "unconfirmed": "unconfirmed",
}
_HEDGE = re.compile(rf"(?<![\w'’-])(?:{_alternation(_HEDGE_FORMS)})(?![\w'’-])", re.IGNORECASE)
_MONTH_MAY_AFTER = re.compile(r"\s*[0-9]")


@dataclass(frozen=True)
class _Tok:
    """A token of a sentence: a word or one punctuation character."""

    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        """Case-folded text, without a possessive "'s"."""
        t = self.text.casefold()
        return t[:-2] if t.endswith(("'s", "’s")) else t

    @property
    def is_word(self) -> bool:
        return bool(_WORD_TOKEN.match(self.text))

    @property
    def possessive(self) -> bool:
        return self.text.endswith(("'s", "’s", "'", "’"))


def _tokens(text: str) -> list[_Tok]:
    """Words and punctuation of a sentence, with offsets."""
    return [_Tok(m.start(), m.end(), m.group()) for m in _ATTR_TOKEN.finditer(text)]


def _is_acronym(tok: _Tok) -> bool:
    """An all-capitals word of two letters or more: "US", "NIS", "U.S.", "NATO's"."""
    bare = tok.text[:-2] if tok.text.endswith(("'s", "’s")) else tok.text
    return tok.is_word and bare.isupper() and sum(ch.isalpha() for ch in bare) > 1


def _is_name(tok: _Tok) -> bool:
    """A capitalized word or acronym that is not a function word ("Pentagon", "US")."""
    if not tok.is_word or not tok.text[:1].isupper():
        return False
    return _is_acronym(tok) or (tok.low not in _ATTRIBUTION_STOP and tok.low not in _NOT_NAMES)


def _np_word(tok: _Tok) -> bool:
    """Whether a token can be part of a source noun phrase."""
    if _is_acronym(tok):
        return True
    if not tok.is_word or tok.low in _ATTRIBUTION_STOP:
        return False
    return _is_name(tok) or tok.low in _SOURCE_NOUNS or tok.low in _SOURCE_MODIFIERS


def _trim(toks: list[_Tok]) -> list[_Tok]:
    """Drop leading determiners/modifiers ("the", "Recent", "Recently") and dangling ends."""
    while toks and (toks[0].low in _LEADING_DROP or toks[0].low in _CONNECTORS_RIGHT
                    or (len(toks) > 1 and toks[0].low.endswith("ly")  # "Recently officials"
                        and toks[1].low not in _CONNECTORS_RIGHT
                        and not toks[1].text[:1].isupper())):
        toks = toks[1:]
    while toks and (toks[-1].low in _CONNECTORS_RIGHT or toks[-1].low in _LEADING_DROP):
        toks = toks[:-1]
    return toks


def _is_source(head: _Tok) -> bool:
    """A head word that names a source: a named entity or a source noun."""
    return (not head.possessive and (_is_acronym(head) or head.low not in _PRONOUNS)
            and (_is_name(head) or head.low in _SOURCE_NOUNS))


def _phrase(text: str, toks: list[_Tok]) -> str:
    """The sentence text covered by ``toks``, whitespace collapsed.

    A common noun capitalized only because it opens the sentence is lower-cased
    ("Reports indicate" -> "reports", "Analysts say" -> "analysts").
    """
    phrase = " ".join(text[toks[0].start:toks[-1].end].split())
    first = toks[0]
    common = first.low != "western" and (first.low in _SOURCE_NOUNS
                                         or first.low in _SOURCE_MODIFIERS)
    rest = text[first.end:toks[-1].end].split()
    if (common and not text[:first.start].strip(" \t\n\"'“‘([")
            and not (rest and rest[0][:1].isupper())):
        phrase = phrase[:1].lower() + phrase[1:]
    return phrase


def _np_left(toks: list[_Tok], end: int) -> list[_Tok]:
    """The source noun phrase ending at token index ``end`` (inclusive), read leftwards."""
    words: list[_Tok] = []
    k = end
    while k >= 0 and len(words) < 8:
        tok = toks[k]
        if tok.low in _CONNECTORS_LEFT:
            # "Ministry of Defence", "the US and South Korea": only between names
            if words and _is_name(words[0]) and k > 0 and _is_name(toks[k - 1]):
                words.insert(0, tok)
                k -= 1
                continue
            break
        if not _np_word(tok):
            break
        words.insert(0, tok)
        k -= 1
    return _trim(words)


def _np_right(toks: list[_Tok], begin: int) -> list[_Tok]:
    """The source noun phrase starting at token index ``begin``, read rightwards.

    Connectors ("of", "from", "in", "and") are kept only before a name, so
    "officials in Kyiv" and "reports from the United States and South Korea" survive
    while "officials on condition of anonymity" stops at "officials".
    """
    words: list[_Tok] = []
    k = begin
    while k < len(toks) and len(words) < 12:
        tok = toks[k]
        if tok.low in ("the", "a", "an"):
            if k + 1 < len(toks) and _np_word(toks[k + 1]):
                words.append(tok)
                k += 1
                continue
            break
        if tok.low in _CONNECTORS_RIGHT:
            nxt = k + 1
            if nxt < len(toks) and toks[nxt].low == "the":
                nxt += 1
            if words and nxt < len(toks) and _is_name(toks[nxt]):
                words.extend(toks[k:nxt])
                k = nxt
                continue
            break
        if not _np_word(tok):
            break
        words.append(tok)
        k += 1
    words = _trim(words)
    # the phrase must contain a source word before any connector
    core = []
    for tok in words:
        if tok.low in _CONNECTORS_RIGHT:
            break
        core.append(tok)
    if not core or not any(_is_source(t) or (t.possessive and _is_name(t)) for t in core):
        return []
    if not _is_source(core[-1]) and not (len(core) < len(words) and _is_name(core[-1])):
        return []
    return words


def _skip_adjuncts(toks: list[_Tok], k: int) -> int:
    """Index of the subject's last token before a verb at ``k + 1``, skipping auxiliaries
    and time adjuncts ("officials on Monday have said")."""
    j = k
    while j >= 0 and (toks[j].low in _AUXILIARIES or toks[j].low in _TIME_WORDS):
        j -= 1
    skipped = {t.low for t in toks[j + 1:k + 1]}
    if skipped & {"on", "last", "this", "late", "early"} and not skipped & _TIME_NOUNS:
        return k  # "on"/"this" without a time noun: not an adjunct
    return j


def _candidates(text: str, toks: list[_Tok]) -> Iterator[tuple[int, int, str, str]]:
    """Every attribution found in a sentence as (start, end, source, cue)."""
    n = len(toks)
    for m in _ACCORDING_TO.finditer(text):  # "according to X"
        k = next((i for i, t in enumerate(toks) if t.start >= m.end()), n)
        if (np := _np_right(toks, k)):
            yield m.start(), np[-1].end, _phrase(text, np), "according to"
    for i, tok in enumerate(toks):
        verb = tok.low
        if not tok.is_word:
            continue
        nxt = toks[i + 1] if i + 1 < n else None
        if verb in _REPORT_HEADS and nxt is not None and nxt.low in ("from", "by"):
            # "intelligence reports from the United States and South Korea"
            right = _np_right(toks, i + 2)
            left = _np_left(toks, i)
            if right and left:
                yield (left[0].start, right[-1].end, _phrase(text, left + right),
                       f"{verb} {nxt.low}")
            continue
        if verb not in _SAY_VERBS and verb not in _EVIDENCE_VERBS:
            continue
        if tok.text[:1].isupper() and not tok.text.isupper():
            continue  # a Title-case verb is a headline word or a name
        if verb in _PASSIVE_VERBS and nxt is not None and nxt.low == "by":
            if (right := _np_right(toks, i + 2)):  # "as reported by Yonhap"
                yield tok.start, right[-1].end, _phrase(text, right), f"{verb} by"
            continue
        if verb in _NOUNISH_VERBS and (nxt is None or nxt.low in _NOUN_FOLLOWERS
                                       or not nxt.is_word):
            continue
        prev = toks[i - 1] if i else None
        if (verb in _INVERSION_VERBS and prev is not None and prev.text in ',"”'
                and (right := _np_right(toks, i + 1))):  # ", said the ministry"
            yield prev.start, right[-1].end, _phrase(text, right), verb
            continue
        j = _skip_adjuncts(toks, i - 1)
        subject = _np_left(toks, j) if j >= 0 else []
        if not subject or not _is_source(subject[-1]):
            continue
        head = subject[-1].low
        cue = f"{head} {verb}" if head in _REPORT_HEADS else verb
        yield subject[0].start, tok.end, _phrase(text, subject), cue


def attribution(text: str) -> tuple[str, str]:
    """Who one sentence attributes its figures to, and the cue that says so.

    Supports "according to X", "X said/says/stated/told/announced/confirmed/estimated/
    reported/warned/claimed/believes", ", said X", "(intelligence) reports indicate/
    suggest/show", "reports from X" and "reported by X". The source is the noun phrase
    as written, without a leading determiner or vague modifier ("Recent", "the"); when
    several cues occur the earliest (then the longest) wins.

    Args:
        text: One sentence.

    Returns:
        ``(source, cue)``, e.g. ``("US intelligence", "according to")`` or
        ``("reports", "reports indicate")``; ``("unattributed", "")`` when no cue has a
        source-like noun phrase.
    """
    best = min(_candidates(text, _tokens(text)), key=lambda c: (c[0], -c[1]), default=None)
    if best is None:
        return "unattributed", ""
    return best[2], " ".join(best[3].casefold().split())


def hedges(text: str) -> str:
    """The hedge words of one sentence, normalized and ";"-joined in order of appearance.

    Hedges: reportedly, potentially, possibly, allegedly, could, may, might,
    estimate(d/s) -> "estimated", believed, expected, poised, likely, appear(s/ed) ->
    "appears", suggest(s/ed) -> "suggest", speculation, rumo(u)r(s) -> "rumors",
    unconfirmed. Qualifiers such as "around" or "approximately" are not hedges, nor is
    the month "May" (capitalized after the first word, or before a number).

    Returns:
        E.g. ``"reportedly;could"``, or ``""`` when the sentence has none.
    """
    found: list[str] = []
    for m in _HEDGE.finditer(text):
        word = m.group()
        if word == "May" and (text[:m.start()].strip() or _MONTH_MAY_AFTER.match(text, m.end())):
            continue
        form = _HEDGE_FORMS[word.casefold()]
        if form not in found:
            found.append(form)
    return ";".join(found)


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """Conservative sentence spans of a text: breaks after .!? before a capital or digit
    (not after abbreviations such as "U.S." or "Gen.") and at line breaks."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_BREAK.finditer(text):
        if m.group()[0] == "." and _ABBREVIATION.search(text, max(start, m.start() - 12),
                                                         m.start() + 1):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _with_sources(text: str, claims: list[Claim]) -> list[Claim]:
    """Fill attribution and hedges of each claim from its sentence (computed once each)."""
    if not claims:
        return claims
    spans = _sentence_spans(text)
    cache: dict[int, tuple[str, str, str]] = {}
    filled: list[Claim] = []
    idx = 0
    for claim in claims:  # claims are sorted by char_start
        while idx + 1 < len(spans) and spans[idx][1] <= claim.char_start:
            idx += 1
        if idx not in cache:
            sentence = text[spans[idx][0]:spans[idx][1]]
            cache[idx] = (*attribution(sentence), hedges(sentence))
        source, cue, hedge = cache[idx]
        filled.append(replace(claim, attribution=source, attribution_cue=cue, hedges=hedge))
    return filled


# --------------------------------------------------------------------------- #
# Public API
# --------------------------------------------------------------------------- #


def extract_claims(text: str) -> list[Claim]:
    """All figures in one piece of text (typically one sentence), in order of char_start.

    Args:
        text: Clean text; offsets in the result index into it.

    Returns:
        Claims sorted by ``char_start``; spans never overlap. ``attribution``,
        ``attribution_cue`` and ``hedges`` come from the sentence holding the figure
        (the text is split conservatively; one sentence in, one computation).

    Raises:
        TypeError: If ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_claims expects str, got {type(text).__name__}")
    atoms = _resolve_overlaps([atom for matcher in _MATCHERS for atom in matcher(text)])
    atoms = _apply_signs(text, atoms)
    figures = _merge_ranges(text, atoms)
    qualified: list[_Figure] = []
    last_end = 0
    for fig in figures:
        fig = _qualify(text, fig, last_end)
        last_end = fig.end
        qualified.append(fig)
    claims: list[Claim] = []
    for fig in _merge_comparisons(text, qualified):
        claim = _to_claim(text, fig)
        if not _is_reference(text, claim):
            claims.append(claim)
    return _with_sources(text, claims)


# "the two nations", "both three-party talks", "these four men": a small number word after a
# determiner refers back to things already named; it claims no quantity.
_DETERMINER_BEFORE = re.compile(r"\b(?:the|these|those|both|its|their|his|her|our|all|my|your)\s+$", re.I)


def _is_reference(text: str, claim: Claim) -> bool:
    return (claim.kind == "count" and not claim.qualifier and claim.surface.isalpha()
            and claim.value_high is not None and claim.value_high < 100
            and bool(_DETERMINER_BEFORE.search(text[max(0, claim.char_start - 12):claim.char_start])))


def claims_table(sentences: pd.DataFrame) -> pd.DataFrame:
    """Extract claims from every sentence of a sentence table.

    Args:
        sentences: Columns ``doc_id, sent_id, char_start, char_end, text``, where
            ``char_start`` is the sentence's offset in its original article.

    Returns:
        One row per figure with columns :data:`CLAIM_COLUMNS`; ``char_start`` and
        ``char_end`` are absolute article offsets (sentence offset + claim offset);
        open interval sides are NaN. Sorted by ``doc_id, char_start``. An empty input
        gives an empty frame with the same columns.

    Raises:
        ValueError: If a required input column is missing.
    """
    required = ("doc_id", "sent_id", "char_start", "text")
    missing = [c for c in required if c not in sentences.columns]
    if missing:
        raise ValueError(f"claims_table: missing column(s) {missing}")
    rows: dict[str, list[object]] = {c: [] for c in _CLAIM_COLUMNS}
    for doc_id, sent_id, offset, text in track(zip(
        sentences["doc_id"], sentences["sent_id"], sentences["char_start"],
        sentences["text"],
    ), "figures in sentences", total=len(sentences), unit="sentence"):
        if not isinstance(text, str):
            continue
        for c in extract_claims(text):
            rows["doc_id"].append(doc_id)
            rows["sent_id"].append(sent_id)
            rows["char_start"].append(int(offset) + c.char_start)
            rows["char_end"].append(int(offset) + c.char_end)
            rows["surface"].append(c.surface)
            rows["value_low"].append(c.value_low)
            rows["value_high"].append(c.value_high)
            rows["qualifier"].append(c.qualifier)
            rows["vague"].append(c.vague)
            rows["kind"].append(c.kind)
            rows["unit"].append(c.unit)
            rows["counted"].append(c.counted)
            rows["attribution"].append(c.attribution)
            rows["attribution_cue"].append(c.attribution_cue)
            rows["hedges"].append(c.hedges)
            rows["sentence"].append(text)
    dtypes: dict[str, object] = {
        "doc_id": sentences["doc_id"].dtype, "sent_id": sentences["sent_id"].dtype,
        "char_start": "int64", "char_end": "int64", "value_low": "float64",
        "value_high": "float64", "vague": "bool",
    }
    frame = pd.DataFrame({
        c: pd.Series(rows[c], dtype=dtypes.get(c, str)) for c in _CLAIM_COLUMNS
    })
    frame = frame.sort_values(["doc_id", "char_start"], kind="stable", ignore_index=True)
    frame["counted"] = _borrow_counted(frame)
    return frame[list(_CLAIM_COLUMNS)]


def plot_claims(claims: pd.DataFrame, kinds: Iterable[str] = ("count",), max_rows: int = 60):
    """Each figure of the given kinds as an interval on a log axis, one row per figure.

    A closed interval is a bar with end caps, a point a dot, an open side an arrow running to
    the plot's edge; rows are grouped by article so disagreement between articles shows at a
    glance. Vague figures ("thousands") are left out.
    """
    import math

    from newsbrief.figures import plt

    shown = claims[claims.kind.isin(list(kinds)) & ~claims.vague.astype(bool)]
    shown = shown[(shown.value_low.fillna(1) > 0) & (shown.value_high.fillna(1) > 0)]
    total = len(shown)
    shown = shown.head(max_rows)
    fig, ax = plt.subplots(figsize=(8, 0.38 * max(len(shown), 1) + 1.4))
    if shown.empty:
        ax.text(0.5, 0.5, "no figure of kind " + ", ".join(kinds), ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    values = pd.concat([shown.value_low, shown.value_high]).dropna()
    left, right = values.min() / 3, values.max() * 3
    labels = []
    for row_no, c in enumerate(shown.itertuples()):
        y = len(shown) - 1 - row_no
        low_open, high_open = math.isnan(c.value_low), math.isnan(c.value_high)
        low = left if low_open else c.value_low
        high = right if high_open else c.value_high
        colour = f"C{sorted(shown.doc_id.unique()).index(c.doc_id) % 10}"
        ax.plot([low, high], [y, y], color=colour, lw=2)
        if low == high:
            ax.plot([low], [y], "o", color=colour)
        if low_open:
            ax.annotate("", xy=(left, y), xytext=(c.value_high, y),
                        arrowprops={"arrowstyle": "->", "color": colour})
        if high_open:
            ax.annotate("", xy=(right, y), xytext=(c.value_low, y),
                        arrowprops={"arrowstyle": "->", "color": colour})
        labels.append(f"{c.doc_id}: {c.surface}"[:60])
    ax.set_xscale("log")
    ax.set_xlim(left, right)
    ax.set_yticks(range(len(shown)), labels[::-1])
    ax.set_xlabel("value (log scale); arrows are open-ended claims")
    ax.set_title("Figures claimed, as intervals, per article"
                 + (f" (first {len(shown)} of {total})" if len(shown) < total else ""))
    ax.grid(axis="x", which="both", alpha=0.3)
    fig.tight_layout()
    return fig


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
