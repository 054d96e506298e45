"""Stages 1-2 of claim extraction: the candidate figures of a text, without overlaps, with signs.

In:  a piece of text.
Out: :class:`_Atom` records, one per figure as written, before ranges and qualifiers: their span,
     value (``low == high`` for a point), kind, unit and scale. :data:`_MATCHERS` find the
     candidates (dates, multipliers, vague quantities, digit figures such as "40 000", "2.33 k" or
     "1.2b", number words, fractions such as "two-thirds", "one and a half" or "3/4", plus
     *blockers*, clock times and "Article 5", that claim a span but emit nothing);
     :func:`_resolve_overlaps` keeps the leftmost, then longest, of overlapping candidates, and
     :func:`_apply_signs` reads minus signs ("-3.5%", "minus 5", "negative ten").

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
from collections.abc import Iterator
from dataclasses import dataclass, replace

from newsbrief.claims.vocabulary import (
    _BIG,
    _CURRENCY_SYMBOLS,
    _CURRENCY_WORDS,
    _HSPACE,
    _NOT_AFTER_WORD,
    _MONTHS,
    _OF,
    _PLURAL_SCALES,
    _SCALE_ABBR,
    _TEENS,
    _TENS,
    _TIME_UNITS,
    _UNITS,
    _alternation,
    _norm_phrase,
)

__all__ = ["_MATCHERS", "_Atom", "_apply_signs", "_point", "_resolve_overlaps", "_word_category"]

_MULTIPLIER_STEMS: dict[str, float] = {"doubl": 2.0, "tripl": 3.0, "quadrupl": 4.0}
_FOLD_WORDS: dict[str, float] = {
    "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0, "seven": 7.0,
    "eight": 8.0, "nine": 9.0, "ten": 10.0, "hundred": 100.0, "thousand": 1000.0,
}

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
    r"|\s(?P<w>hundred|thousand|million|billion|trillion|mln|bln))\b",
    re.IGNORECASE,
)
_PERCENT_SUFFIX = re.compile(
    r"(?P<pp>\s(?:percentage\s+points?|pp|ppt)\b)|(?P<pc>\s?%|\s(?:per\s?cent|percent|pct)\b)",
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

# Capitalized month names ("May" the verb is lower case), longest first.
_MONTH = "(?:" + _alternation(m.capitalize() for m in _MONTHS) + ")"
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
