"""The records every part of the near-duplicate detector shares: its settings, calibrations, constants.

In: the standard library, numpy, pandas, the table schemas and the :class:`~.facts.Facts` record.
Out: :class:`Settings` (the knobs, each with one meaning, and the ``near_duplicate_settings.csv``
table that records them for a run), :class:`Calibration` (one level's paraphrase threshold and
where it came from), :class:`SharedWork` (what detections that differ only in the paraphrase
threshold share: the sentence level's :class:`LevelWork`, holding a :class:`SimilarityPass`), the
categories and levels, and the ``Embed`` type. The floor of the package above :mod:`facts`: the
other parts import from here, and this module imports only the :class:`~.facts.Facts` record.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from typing import NamedTuple

import numpy as np
import pandas as pd

from newsbrief.near_duplicates.facts import Facts
from newsbrief.tables import RESTATED, SCHEMAS, SHARED_FACT

__all__ = ["CATEGORIES", "EMBEDDING_MEANINGS", "LEVELS", "RESTATED", "SEVERITY", "SHARED_FACT", "SHINGLE_SIZE",
           "Calibration", "Embed",
           "LevelWork", "Settings", "SharedWork", "SimilarityPass"]

# The reported categories (declared with the table they fill), then "topical": the same story or
# template only, never reported.
CATEGORIES = (*RESTATED, SHARED_FACT, "topical")
LEVELS = ("document", "paragraph", "sentence")
SHINGLE_SIZE = 3
# The rank of a category, strongest first: where two matches disagree, the stronger one counts.
SEVERITY = {c: i for i, c in enumerate(CATEGORIES)}

# What the embedder's model and backend mean: a run records them beside the settings, since the
# semantic signal, and so every paraphrase threshold, depends on them.
EMBEDDING_MEANINGS = {
    "model": "the sentence-embedding model whose cosines are the semantic signal (a bundled name or a local folder)",
    "backend": "how the model runs: onnx-int8 (int8 ONNX, the default), onnx (float32) or torch (float32)",
}

# A function from a list of texts to L2-normalized vectors, one row per text
# (:func:`newsbrief.embeddings.embed` or an :class:`newsbrief.embeddings.Embedder`).
Embed = Callable[[list[str]], np.ndarray]


def _setting(default=MISSING, meaning: str = "", default_factory=MISSING):
    """A field of :class:`Settings` with its meaning: the one place where a setting is explained."""
    return field(default=default, default_factory=default_factory, metadata={"meaning": meaning})


NEIGHBOUR_INDEXES = ("exact", "lists")  # how the scale path finds nearest neighbours (Settings.neighbour_index)


@dataclass(frozen=True)
class Settings:
    """The knobs of the detector; the defaults are what notebook 02 uses. Each has one meaning.

    A field's meaning is written once, in its ``meaning`` metadata: the attributes listed below
    and the ``near_duplicate_settings.csv`` table of a run (:meth:`table`) are read from there.
    """

    verbatim_jaccard: float = _setting(
        0.9, "word 3-shingle Jaccard at or above which two passages are the same words (verbatim)")
    edited_jaccard: float = _setting(
        0.3, "word 3-shingle Jaccard at or above which two passages are the same sentences lightly edited (edited)")
    edited_cover: float = _setting(
        0.6, "or: share of either passage's shingles found in the other at or above which the pair is edited "
             "(a copy with a clause dropped or added)")
    cover_words: int = _setting(
        10, "the cover rule applies only when both passages have at least this many words: a short formula "
            "(\"The spokesman declined to comment further.\") is found inside many longer sentences")
    z: float = _setting(
        1.5, "how many robust standard deviations above the median of the neighbour background a paraphrase's "
             "cosine must stand")
    background_neighbour: int = _setting(
        5, "the background is each passage's cosine to its n-th nearest passage in another article: what a "
           "close passage that says something else scores, in this corpus")
    floor: float = _setting(
        0.75, "the cosine below which no sentence pair is a paraphrase, whatever the background (where the "
              "calibrated value is lower, the floor is used and calibration.csv says so)")
    shared_cosine: float = _setting(
        0.6, "cosine at or above which two passages of different articles that share a specific fact (the same "
             "figure about the same name, or the same quote) while each states something the other does not, "
             "are called shared fact")
    standard_share: float = _setting(
        0.01, "a figure stated in more than this share of the articles, and in more than standard_articles, is a "
              "standard term of the corpus (\"10 years\", \"100 mln dlrs\" in a wire of bond issues): two passages "
              "sharing it share no fact")
    standard_articles: int = _setting(10, "see standard_share: a standard term is found in more articles than this")
    margin: float = _setting(
        0.05, "how far a paraphrase's cosine must stand above each passage's mean cosine to its margin_k nearest "
              "passages in other articles (a passage about as close to many passages as to this one shares a "
              "topic, not a text)")
    margin_k: int = _setting(4, "how many nearest passages in other articles form that mean")
    paraphrase_cosine: float | None = _setting(
        None, "a fixed sentence paraphrase threshold that replaces the calibration (empty: calibrate)")
    boilerplate_articles: int = _setting(
        10, "a sentence found word for word in this many articles or more, as a small part of most (see boilerplate_share), "
            "is boilerplate (a site's standing note, a "
            "disclaimer): listed once in boilerplate.csv with its article count, and not compared")
    boilerplate_share: float = _setting(
        0.5, "a widely carried sentence is boilerplate only when, in boilerplate_articles of its articles and in half "
             "of them or more, such sentences hold under this share of the body's words; one that is most of most of "
             "its articles belongs to a syndicated copy and is compared as usual")
    min_sentence_words: int = _setting(
        6, "sentences of fewer words are not compared (too little to call copied)")
    exhaustive_limit: int = _setting(
        3000, "above this many passages in a level, candidate pairs come from MinHash LSH and nearest "
              "neighbours instead of from every pair")
    neighbours: int = _setting(
        20, "how many nearest neighbours of each passage the scale path scores; at least margin_k, so no "
            "paraphrase is lost (a passage outside another's nearest margin_k + 1 fails the margin anyway)")
    neighbour_index: str = _setting(
        "exact", "how the scale path finds each passage's nearest neighbours: exact (its cosine to every passage, "
                 "by blocks) or lists (an approximate index: about sqrt(n) lists of the embedding space, each "
                 "compared with its probe_lists nearest lists; for corpora the exact pass is too slow for)")
    probe_lists: int = _setting(
        32, "with neighbour_index lists: how many nearest lists, its own included, each list is compared with")
    max_df: int = _setting(
        200, "the scale path's lexical search leaves out shingles found in more passages than this")
    paragraph_cover: float = _setting(
        0.5, "share of each paragraph's sentence text restated in the other paragraph (verbatim, edited or "
             "paraphrased) at or above which the paragraph pair is reported: paragraphs are called only from "
             "what their sentences share")
    document_cover: float = _setting(
        0.5, "share of an article's body text matched in another article (edited or paraphrased, or more "
             "strongly) at or above which the article pair is reported")
    verbatim_cover: float = _setting(
        0.9, "share of a paragraph's or article's sentence text repeated word for word in the other at or above "
             "which the paragraph pair or article pair is verbatim")
    seed: int = _setting(0, "seed of the MinHash signatures of the scale path's lexical search")

    def __post_init__(self) -> None:
        if self.neighbour_index not in NEIGHBOUR_INDEXES:
            raise ValueError(f"neighbour_index '{self.neighbour_index}' is not one of {', '.join(NEIGHBOUR_INDEXES)}")

    @classmethod
    def from_parameters(cls, sentence_cosine: float | None = None, **knobs) -> "Settings":
        """Settings from notebook parameters: a fixed sentence cosine replaces the calibration."""
        return cls(paraphrase_cosine=sentence_cosine, **knobs)

    @property
    def lowest_cosine(self) -> float:
        """The lowest cosine any call uses, whatever ``z``: one similarity pass at it serves every threshold."""
        fixed = self.paraphrase_cosine if self.paraphrase_cosine is not None else self.floor
        return min(self.floor, fixed, self.shared_cosine)

    @classmethod
    def meanings(cls) -> dict[str, str]:
        """Each setting's name and meaning, in field order."""
        return {f.name: f.metadata["meaning"] for f in fields(cls)}

    def table(self, embed: Embed | None = None) -> pd.DataFrame:
        """The ``near_duplicate_settings.csv`` frame: what this run was set to, and what each setting does.

        One row per setting, in field order, then the ``model`` and ``backend`` of ``embed`` (an
        :class:`newsbrief.embeddings.Embedder`; empty for an embedder that does not say). Values
        are plain text, ``str(value)`` and None as empty: a reader parses the ones it uses.
        """
        values = [(name, getattr(self, name), meaning) for name, meaning in self.meanings().items()]
        values += [(name, getattr(embed, name, None), meaning) for name, meaning in EMBEDDING_MEANINGS.items()]
        rows = [(name, "" if value is None else str(value), meaning) for name, value, meaning in values]
        return pd.DataFrame(rows, columns=list(SCHEMAS["near_duplicate_settings.csv"]))


Settings.__doc__ += "\n    Attributes:\n" + "".join(
    f"        {name}: {meaning}.\n" for name, meaning in Settings.meanings().items())


@dataclass(frozen=True)
class Calibration:
    """The paraphrase threshold of one level, and where it came from (a row of ``calibration.csv``)."""

    level: str
    neighbour: int  # the background is each passage's cosine to its neighbour-th nearest passage elsewhere
    background: int  # how many passages form the background
    median: float
    spread: float  # 1.4826 x median absolute deviation: a robust standard deviation
    z: float
    floor: float
    threshold: float
    source: str  # "calibrated", "floor" or "fixed"
    vetoed: int = 0  # pairs whose wording or meaning matched but whose facts differ: not called restated


class SimilarityPass(NamedTuple):
    """What one pass over the cosines of a level's pairs found (``candidates.similarity_pass``)."""

    i: np.ndarray
    """First unit of each semantic candidate pair (``i < j``), as a row of the level's units."""
    j: np.ndarray
    """Second unit of each pair."""
    cosine: np.ndarray
    """Each pair's cosine (the larger of its two computed values); all at or above ``threshold``."""
    near_index: np.ndarray
    """``(units, max(margin_k + 1, background_neighbour))``: each unit's closest units in other articles,
    closest first; -1 where there are fewer."""
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
    facts: dict[int, Facts] = field(default_factory=dict)
    """Each unit's facts, by row of the level's units (all of them: the standard figures count articles)."""
    standard: frozenset[str] | None = None
    """The figures stated in so many articles that sharing one is no lead (``Settings.standard_share``)."""
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
    filled with. Only sentences are scored (paragraphs are called from their sentences).
    """

    sentence: LevelWork = field(default_factory=LevelWork)
    """The sentence level's work."""
