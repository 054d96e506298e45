"""The records every part of the near-duplicate detector shares: its settings, calibrations, constants.

In: nothing but the standard library and numpy. Out: :class:`Settings` (the knobs, each with one
meaning), :class:`Calibration` (one level's paraphrase threshold and where it came from),
:class:`SharedWork` (what detections that differ only in the paraphrase threshold share: a
:class:`LevelWork` per level, holding a :class:`SimilarityPass`), the categories and levels, and the ``Embed``
type. The bottom floor of the package: the other parts import from here, and this module imports
none of them.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np

__all__ = ["CATEGORIES", "LEVELS", "SEVERITY", "SHINGLE_SIZE", "Calibration", "Embed", "LevelWork", "Settings",
           "SharedWork", "SimilarityPass"]

CATEGORIES = ("verbatim", "edited", "paraphrase", "topical")
LEVELS = ("document", "paragraph", "sentence")
SHINGLE_SIZE = 3
# The rank of a category, strongest first: where two matches disagree, the stronger one counts.
SEVERITY = {c: i for i, c in enumerate(CATEGORIES)}

# A function from a list of texts to L2-normalized vectors, one row per text
# (:func:`newsbrief.embeddings.embed` or an :class:`newsbrief.embeddings.Embedder`).
Embed = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True)
class Settings:
    """The knobs of the detector; the defaults are what the notebook uses.

    Attributes:
        verbatim_jaccard: shingle Jaccard at or above which two passages are the same words.
        edited_jaccard: Jaccard at or above which they are the same sentences lightly edited.
        edited_cover: or: share of either passage found in the other at or above which it is edited
            (a copy with a clause dropped or added).
        z: how many robust standard deviations above the background median a paraphrase stands.
        floor: per level, the cosine below which nothing is a paraphrase, whatever the background.
        margin: how far a paraphrase's cosine must stand above each passage's other close matches
            (the mean of its ``margin_k`` nearest passages in other articles): a passage that is
            about as close to many passages as to this one shares a topic, not a text.
        margin_k: how many neighbours form that comparison.
        paraphrase_cosine: per level, a fixed threshold that replaces the calibration when given.
        min_sentence_words: shorter sentences are not compared (too little to call copied).
        exhaustive_limit: above this many units in a level, candidates come from LSH and neighbours.
        neighbours: how many nearest neighbours per unit the scale path scores. At least
            ``margin_k`` of them, so no paraphrase is lost: a passage outside another's nearest
            ``margin_k + 1`` fails the margin anyway.
        max_df: the scale path's lexical search leaves out shingles found in more passages than this.
        background_pairs: at most this many cross-article pairs form the background (seeded sample).
        document_cover: share of an article covered by another at which the article pair is reported.
        seed: seed of the background sample and of MinHash.
    """

    verbatim_jaccard: float = 0.9
    edited_jaccard: float = 0.3
    edited_cover: float = 0.6
    z: float = 2.5
    floor: dict = field(default_factory=lambda: {"sentence": 0.6, "paragraph": 0.65})
    margin: float = 0.05
    margin_k: int = 4
    paraphrase_cosine: dict = field(default_factory=dict)
    min_sentence_words: int = 6
    exhaustive_limit: int = 3000
    neighbours: int = 20
    max_df: int = 200
    background_pairs: int = 20000
    document_cover: float = 0.5
    seed: int = 0

    @classmethod
    def from_parameters(cls, sentence_cosine: float | None = None, paragraph_cosine: float | None = None,
                        **knobs) -> "Settings":
        """Settings from notebook parameters: a fixed cosine per level replaces its calibration."""
        fixed = {level: value for level, value in (("sentence", sentence_cosine), ("paragraph", paragraph_cosine))
                 if value is not None}
        return cls(paraphrase_cosine=fixed, **knobs)


@dataclass(frozen=True)
class Calibration:
    """The paraphrase threshold of one level, and where it came from (a row of ``calibration.csv``)."""

    level: str
    background_pairs: int
    median: float
    spread: float  # 1.4826 x median absolute deviation: a robust standard deviation
    z: float
    floor: float
    threshold: float
    source: str  # "calibrated", "floor" or "fixed"


class SimilarityPass(NamedTuple):
    """What one pass over the cosines of a level's pairs found (``candidates.similarity_pass``)."""

    i: np.ndarray
    """First unit of each semantic candidate pair (``i < j``), as a row of the level's units."""
    j: np.ndarray
    """Second unit of each pair."""
    cosine: np.ndarray
    """Each pair's cosine (the larger of its two computed values); all at or above ``threshold``."""
    near_index: np.ndarray
    """``(units, margin_k + 1)``: each unit's closest units in other articles, closest first; -1 where
    there are fewer."""
    near_cosine: np.ndarray
    """Their cosines (NaN where ``near_index`` is -1)."""
    threshold: float
    """The cosine the candidates were kept at: a pass holds every pair a higher threshold keeps."""


@dataclass
class LevelWork:
    """The part of one level's pair stage that does not depend on the paraphrase threshold.

    A detection fills it for the units of a level; a later detection on the same units with another
    threshold reuses it (see :class:`SharedWork`), redoing only a similarity pass for a lower
    threshold than the kept one.
    """

    lexical: tuple[np.ndarray, np.ndarray] | None = None
    """Lexical candidate pairs ``(i, j)``: those that may reach the edited threshold (None: not yet found)."""
    shingles: list[frozenset] | None = None
    """Each unit's set of word shingles, by row of the level's units."""
    similarity: SimilarityPass | None = None
    """The similarity pass at the lowest threshold asked for so far."""
    scores: dict[tuple[int, int], list] = field(default_factory=dict)
    """Every pair scored so far: ``(a, b) -> [cosine, jaccard, cover_a, cover_b, margin]``, the margin
    None until a threshold at or below the pair's cosine needs it."""

    def needs_pass(self, threshold: float) -> bool:
        """Whether a similarity pass must run for ``threshold``: none yet, or one at a higher threshold."""
        return threshold < (self.similarity.threshold if self.similarity is not None else math.inf)


@dataclass
class SharedWork:
    """What detections of the same tables share when only the paraphrase threshold differs.

    Passed to ``detect`` by ``sensitivity``, which runs one detection per ``z``: the first fills
    it, the next ones reuse it. Valid only for the tables and settings (other than ``z``) it was
    filled with.
    """

    sentence: LevelWork = field(default_factory=LevelWork)
    """The sentence level's work."""
    paragraph: LevelWork = field(default_factory=LevelWork)
    """The paragraph level's work."""

    def level(self, name: str) -> LevelWork:
        """The work of level ``name`` ("sentence" or "paragraph")."""
        if name not in ("sentence", "paragraph"):
            raise ValueError(f"no shared work for level {name!r}")
        return getattr(self, name)
