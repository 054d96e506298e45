"""Who the articles cite and quote, and the warning signs an editor looks at first (step 03).

In:  the step 01 tables (``sentences.csv``, ``paragraphs.csv``, ``documents.csv``) and step 03's
     figures (``claims.csv``) and comparison.
Out: ``sources.csv`` (every attribution and quote speaker, with a normalized key and a kind),
     ``quotes.csv`` (every direct quote and its speaker, and whether the speaker is quoted elsewhere
     with the same words), ``signals.csv`` (warning signs with their evidence and rule), the key and
     kind of each figure's source in ``claims.csv``, and the independent sources behind each group of
     ``claim_comparison.csv``.

Stages, each importing only the ones before it: :mod:`~newsbrief.voices.names` (what a source phrase
names, its kind and key) → :mod:`~newsbrief.voices.quotes` (quote marks, and the speaker written near
a quote) → :mod:`~newsbrief.voices.ledger` (the tables; speakers resolved within their article;
independence) → :mod:`~newsbrief.voices.signals` (the warning signs). Attributions are read with
:func:`newsbrief.claims.attributions`, the rules the figures' sources are read with.
"""

from newsbrief.voices.ledger import ELSEWHERE, independence, independent_count, keyed_claims, read_voices
from newsbrief.voices.names import KINDS, Source, read_source
from newsbrief.voices.quotes import MAX_QUOTE_CHARS, paragraph_quotes, quote_marks
from newsbrief.voices.signals import RULES, signals

__all__ = [
    "ELSEWHERE", "KINDS", "MAX_QUOTE_CHARS", "RULES", "Source", "independence", "independent_count", "keyed_claims",
    "paragraph_quotes", "quote_marks", "read_source", "read_voices", "signals",
]
