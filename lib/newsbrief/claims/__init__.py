"""Extract the numeric figures claimed in clean news text.

In:  plain article text, usually one sentence at a time (:func:`extract_claims`), or a
     sentence table with columns ``doc_id, sent_id, char_start, char_end, text``
     (:func:`claims_table`).
Out: one :class:`Claim` per figure: its character span, the interval of values it
     asserts (``value_low``/``value_high``, ``None`` for an open side; "nearly 8,000" is
     7,200-8,000 with :data:`APPROXIMATE_BAND`), the normalized qualifier ("over", "nearly",
     "between", ...), whether it is vague ("thousands"), its kind (count, money, percent, date,
     duration, ordinal, other), unit and, best effort, the noun phrase being counted, its
     ``scope`` ("poised to enter the war", "killed or injured; initial deployment") and
     ``time_words`` ("this past week"); plus, per clause (and paragraph), who the figure is
     attributed to (``attribution``, e.g. "US intelligence", "reports", or "unattributed"), the
     cue that says so (``attribution_cue``: "according to", "said", "reportedly", ...), the hedge
     words of its clause (``hedges``: "reportedly;could") and its forecast cues (``forecast``:
     "poised to", "will;as soon as"). A prediction of *when* something happens ("as soon as next
     week") is a claim of kind ``forecast`` whose ``counted`` is the predicted event.
     :func:`claims_table` returns the same as a DataFrame with absolute article offsets (columns
     :data:`CLAIM_COLUMNS`). :func:`attribution`, :func:`attributions` and :func:`hedges` work on one sentence;
     :func:`plot_claims` draws the figures per article.

The extractor is a short pipeline of pure functions, one module per stage, so that a stage can
change (or one be added, as attribution and hedges were) without touching the others:

1. candidate *atoms* (dates, multipliers, vague quantities, digit figures, number words,
   fractions, and blockers that claim a span but emit nothing), and
2. overlap resolution, then minus signs: :mod:`newsbrief.claims.numbers`;
3. range merging ("25,000 to 30,000"),
4. qualifiers before or after a figure ("at least", "10 or more") and two one-sided figures
   joined into one interval: :mod:`newsbrief.claims.intervals`;
5. the counted noun phrase: :mod:`newsbrief.claims.counted`;
6. per clause (:mod:`newsbrief.claims.clauses`), the scope and time words of a figure:
   :mod:`newsbrief.claims.scope` (time expressions and forecast cues: :mod:`newsbrief.claims.timing`);
7. timing forecasts as claims of their own: :mod:`newsbrief.claims.forecasts`;
8. per clause, sentence and paragraph, attribution, hedges and forecast cues:
   :mod:`newsbrief.claims.sources`.

:mod:`newsbrief.claims.extract` runs the stages (:func:`extract_claims`, :func:`claims_table`);
:mod:`newsbrief.claims.plots` draws the chart. The bottom floor, which every stage may import and
which imports no stage: :mod:`newsbrief.claims.record` (the :class:`Claim` and its columns) and
:mod:`newsbrief.claims.vocabulary` (number words, scales, currencies, time units, months, stop
words and the regular-expression helpers); just above it, :mod:`newsbrief.claims.clauses` and
:mod:`newsbrief.claims.timing`, the words around a figure. Modules import downwards only, never
this package.
Figures that count the same thing are compared across articles in :mod:`newsbrief.comparison`.
"""

from __future__ import annotations

from newsbrief.claims.extract import claims_table, extract_claims
from newsbrief.claims.intervals import APPROXIMATE_BAND
from newsbrief.claims.plots import plot_claims
from newsbrief.claims.record import CLAIM_COLUMNS, Claim
from newsbrief.claims.sources import attribution, attributions, hedges

__all__ = [
    "APPROXIMATE_BAND", "CLAIM_COLUMNS", "Claim", "attribution", "attributions", "claims_table", "extract_claims", "hedges",
    "plot_claims",
]
