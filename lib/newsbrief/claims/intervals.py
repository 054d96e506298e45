"""Stages 3-4 of claim extraction: the interval of values each figure asserts.

In:  the text and its :class:`~newsbrief.claims.numbers._Atom` records (stages 1-2).
Out: :class:`_Figure` records: span, interval (``low``/``high``, ``None`` for an open side),
     kind, unit and normalized qualifier. :func:`_merge_ranges` joins two figures into a range
     ("25,000 to 30,000", "between 2 and 3 million", "10-20%"); :func:`_qualify` reads the
     qualifier from the words or symbols just before a figure ("at least", "up 76%", "less than or
     equal to", ">=") or just after it ("10 or more", "65 and over") and opens the interval on one
     side accordingly; :func:`_merge_comparisons` joins two one-sided figures into one interval
     ("more than 20 and less than 30").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from newsbrief.claims.numbers import _Atom, _point
from newsbrief.claims.vocabulary import _HSPACE, _NOT_AFTER_WORD, _alternation, _norm_phrase

__all__ = ["_Figure", "_merge_comparisons", "_merge_ranges", "_qualify"]

# The band read around "approximately/about X" (X ± band) and below "nearly/almost X" (X·(1 − band) to X).
APPROXIMATE_BAND = 0.1

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
# The kinds a range may join ("2 to 3 million", "2022-23", "5 to 10 years").
_MERGEABLE_KINDS = frozenset({"count", "money", "percent", "duration", "date"})

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
