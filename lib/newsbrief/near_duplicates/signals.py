"""The lexical signal of a pair, and the category a pair's two signals give.

In: passage texts, or a pair's cosine, Jaccard and covers, and the agreement of its facts. Out:
word shingles, Jaccard and containment of shingle sets (:func:`shingles`, :func:`jaccard`,
:func:`containment`), the category a pair's signals give (:func:`categorize`), the call once its
facts are read (:func:`checked`), and the category of a longer text from the shares of it matched
in each category (:func:`by_cover`).

The lexical signal sees copying and light edits and is blind to paraphrase; the semantic one
(an embedding cosine, computed elsewhere) sees paraphrase. The lexical thresholds mean the same in
any corpus.
"""

from __future__ import annotations

from newsbrief.near_duplicates.facts import Agreement
from newsbrief.near_duplicates.settings import RESTATED, SHARED_FACT, SHINGLE_SIZE, Settings
from newsbrief.text import words

__all__ = ["by_cover", "categorize", "checked", "containment", "jaccard", "shingles"]


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in words(text)]


def shingles(text: str, size: int = SHINGLE_SIZE) -> frozenset[tuple[str, ...]]:
    """The set of ``size``-word shingles of ``text`` (lower-cased words; one shingle if shorter)."""
    words = _words(text)
    if len(words) < size:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(tuple(words[i:i + size]) for i in range(len(words) - size + 1))


def jaccard(a: frozenset, b: frozenset) -> float:
    """|a & b| / |a | b|, 0 when both are empty."""
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def containment(a: frozenset, b: frozenset) -> float:
    """Share of ``a`` that is also in ``b`` (how much of a is covered by b), 0 when a is empty."""
    return len(a & b) / len(a) if a else 0.0


def categorize(cosine: float, jaccard_: float, cover_a: float, cover_b: float, threshold: float,
               settings: Settings = Settings(), semantic: bool = True, contained: bool = True,
               margin: float = float("inf")) -> str:
    """The category of one pair from its two signals.

    ``semantic=False`` allows lexical categories only; ``contained=False`` ignores the cover rule
    (a short heading's words are naturally all found in a longer passage).
    """
    if jaccard_ >= settings.verbatim_jaccard:
        return "verbatim"
    if jaccard_ >= settings.edited_jaccard or (contained and max(cover_a, cover_b) >= settings.edited_cover):
        return "edited"
    if semantic and cosine >= threshold and margin >= settings.margin:
        return "paraphrase"
    return "topical"


def checked(category: str, agreement: Agreement, cosine: float, threshold: float, across: bool,
            long: bool = True, settings: Settings = Settings()) -> tuple[str, bool]:
    """The call on a pair once its facts are read: ``(category, vetoed)``.

    A pair its signals call restated (verbatim, edited or paraphrase) keeps that call only when its
    facts allow it (:attr:`Agreement.may_restate`) and, for a pair of two articles, when both state
    at least one fact (a figure, date, name or quote) or their shared wording is itself the evidence
    (verbatim, or edited with both passages ``long``: at least ``cover_words`` words): two passages
    that share no fact and little wording share a formula or a topic ("The transaction is expected
    to close later this month"), not a statement one can trace. Otherwise it is ``vetoed``, whatever
    its cosine or wording. A pair of passages from two articles is a ``shared fact`` when it shares a specific
    fact (:attr:`Agreement.shares_fact`) and its cosine lies from ``shared_cosine`` up to the
    paraphrase ``threshold``: close enough to be about the same thing, not so close that the facts
    one passage adds are details of one statement (such a pair is vetoed, and not reported). Else
    topical.
    """
    worded = category == "verbatim" or (category == "edited" and long)
    if category in RESTATED and agreement.may_restate and (worded or not across or agreement.shared):
        return category, False
    vetoed = category in RESTATED
    if across and settings.shared_cosine <= cosine < threshold and agreement.shares_fact:
        return SHARED_FACT, vetoed
    return "topical", vetoed


def by_cover(shares: dict[str, float], needed: float, whole: float) -> str:
    """Category from the shares of a text matched verbatim / edited / paraphrased.

    Verbatim needs ``whole`` of the text repeated word for word; edited and paraphrase need
    ``needed`` of it matched that way or more strongly.
    """
    if shares.get("verbatim", 0.0) >= whole:
        return "verbatim"
    if shares.get("verbatim", 0.0) + shares.get("edited", 0.0) >= needed:
        return "edited"
    if sum(shares.get(c, 0.0) for c in RESTATED) >= needed:
        return "paraphrase"
    return "topical"
