"""The record of one claimed figure: the :class:`Claim` and the columns of its table.

In:  nothing (the bottom floor of :mod:`newsbrief.claims`; every stage may import it).
Out: :class:`Claim`, the value :func:`newsbrief.claims.extract.extract_claims` returns per figure,
     and :data:`CLAIM_COLUMNS`, the columns of ``claims.csv`` as :data:`newsbrief.tables.SCHEMAS`
     documents them (declared once, there), but for the source key and kind :mod:`newsbrief.voices` adds.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsbrief.tables import SCHEMAS

__all__ = ["CLAIM_COLUMNS", "Claim", "_CLAIM_COLUMNS"]


@dataclass(frozen=True)
class Claim:
    """One numeric figure claimed in a piece of text.

    Attributes:
        char_start: Offset of the figure span (qualifier included) in the input.
        char_end: End offset (exclusive) of the figure span.
        surface: ``text[char_start:char_end]``, e.g. "between 25,000 to 30,000".
        value_low: Lower bound of the claimed interval, ``None`` if open ("nearly 8,000": 7,200).
        value_high: Upper bound of the claimed interval, ``None`` if open.
        qualifier: Normalized qualifier ("" when the figure stands alone).
        vague: True for figures without a definite number ("thousands").
        kind: count | money | percent | date | duration | ordinal | other | forecast (a
            prediction of when something happens: "as soon as next week", no interval).
        unit: "USD", "GBP", "EUR", "%", "pp", "x", a time unit ("year"), or "".
        counted: Noun phrase being counted, as written, or ""; for a forecast, the
            predicted event ("join combat operations").
        scope: Words that say which group or state is counted, as written, ";"-joined
            ("poised to enter the war", "killed or injured; initial deployment"), or "".
        time_words: Words of the figure's clause (or sentence) that date it, as written,
            ";"-joined ("this past week"), or ""; for a forecast, its surface.
        attribution: Source the figure's clause (or sentence, or paragraph) attributes it
            to, as written ("US intelligence", "reports"), or "unattributed".
        attribution_cue: Lower-cased cue words ("according to", "said",
            "reports indicate", "reportedly"), or "".
        hedges: Hedge words of the figure's clause, normalized, ";"-joined in order of
            first appearance ("reportedly;could"), or "".
        forecast: Forecast cues of the figure's clause, normalized, ";"-joined in order
            ("poised to", "will;as soon as"), or "".
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
    scope: str = ""
    time_words: str = ""
    attribution: str = "unattributed"
    attribution_cue: str = ""
    hedges: str = ""
    forecast: str = ""


# The columns of claims.csv the extractor fills: a Claim's fields with the article, sentence and sentence
# text around them; the last two (the source's key and kind) are added by newsbrief.voices from sources.csv.
# The tuple is what the package uses, so a caller that edits the public list changes nothing.
_CLAIM_COLUMNS: tuple[str, ...] = tuple(SCHEMAS["claims.csv"])[:list(SCHEMAS["claims.csv"]).index("source_key")]
CLAIM_COLUMNS: list[str] = list(_CLAIM_COLUMNS)
