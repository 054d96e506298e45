"""The lexical signal of a pair, and the category a pair's two signals give.

In: passage texts, or a pair's cosine, Jaccard and covers. Out: word shingles, Jaccard and
containment of shingle sets (:func:`shingles`, :func:`jaccard`, :func:`containment`), the category
of a passage pair (:func:`categorize`) and of a longer text from the shares of it matched in each
category (:func:`by_cover`).

The lexical signal sees copying and light edits and is blind to paraphrase; the semantic one
(an embedding cosine, computed elsewhere) sees paraphrase. The lexical thresholds mean the same in
any corpus.
"""

from __future__ import annotations

from newsbrief.text import words
from newsbrief.near_duplicates.settings import CATEGORIES, SHINGLE_SIZE, Settings

__all__ = ["by_cover", "categorize", "containment", "jaccard", "shingles"]


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


def by_cover(shares: dict[str, float], needed: float, whole: float) -> str:
    """Category from the shares of a text matched verbatim / edited / paraphrased.

    Verbatim needs ``whole`` of the text repeated word for word; edited and paraphrase need
    ``needed`` of it matched that way or more strongly.
    """
    if shares.get("verbatim", 0.0) >= whole:
        return "verbatim"
    if shares.get("verbatim", 0.0) + shares.get("edited", 0.0) >= needed:
        return "edited"
    if sum(shares.get(c, 0.0) for c in CATEGORIES[:3]) >= needed:
        return "paraphrase"
    return "topical"
