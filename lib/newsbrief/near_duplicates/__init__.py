"""Who copied or rewrote whom, and how much: near-duplicates at three levels, by two signals.

In: the paragraphs and sentences tables of :mod:`newsbrief.corpus` and embeddings of their texts.
Out: passage pairs (``near_duplicates.csv``), each with a category, and how much of each article
is covered by each other article (``document_overlap.csv``), plus the calibration that produced
them and a sensitivity table.

Two signals per pair, because each misses what the other sees:

* lexical: Jaccard similarity of word 3-shingles, and the share of each passage's shingles found
  in the other ("cover"); it sees copying and light edits and is blind to paraphrase;
* semantic: cosine of sentence embeddings; it sees paraphrase, but every article on one story
  scores high against every other, so a fixed cosine threshold calls everything a duplicate.

Categories: ``verbatim`` (the same words), ``edited`` (the same sentences with light edits),
``paraphrase`` (same content, other words) and ``topical`` (the same story only: never reported).
The lexical thresholds mean the same in any corpus. The semantic one is calibrated per corpus and
level: the cross-article pairs form a background (mostly "same story, different content"), and a
paraphrase must stand ``z`` robust standard deviations above its median, and above a floor below
which the model's cosines do not indicate paraphrase.

Pairs come from an exhaustive comparison for small corpora, and above ``exhaustive_limit`` units
from MinHash LSH (lexical) plus nearest neighbours in embedding space (semantic); every candidate
is then scored exactly, so both paths report the same pairs.

The parts, each importing only from the ones above it in this list (none imports this file):

    settings     Settings, Calibration, SharedWork, categories and levels: the records the others share
    signals      shingles, Jaccard, containment; the category a pair's signals give
    passages     the units compared at each level
    calibration  the background of cross-article pairs and the paraphrase threshold
    candidates   which pairs are scored: exhaustive or LSH and nearest neighbours; the margin
    detection    detect(): the pairs at every level, article coverage (Detection)
    sweep        sensitivity(): pair counts as z moves, cached
    evaluation   precision and recall on labelled pairs
    plots        the coverage heatmap and the calibration figure

Passage alignment and the side-by-side view live in :mod:`newsbrief.alignment`, below all of
them, and are re-exported here.
"""

from newsbrief.alignment import SideBySide, align, aligned_segments, side_by_side
from newsbrief.near_duplicates.calibration import calibrate
from newsbrief.near_duplicates.detection import Detection, detect
from newsbrief.near_duplicates.evaluation import evaluate, labelled_corpus
from newsbrief.near_duplicates.passages import units
from newsbrief.near_duplicates.plots import MAX_FIGURE_INCHES, MAX_LABELS, plot_coverage_heatmap, plot_pair_scatter
from newsbrief.near_duplicates.settings import (CATEGORIES, LEVELS, SHINGLE_SIZE, Calibration, LevelWork,
                                                Settings, SharedWork)
from newsbrief.near_duplicates.signals import categorize, containment, jaccard, shingles
from newsbrief.near_duplicates.sweep import sensitivity

__all__ = [
    "CATEGORIES",
    "Calibration",
    "Detection",
    "LEVELS",
    "LevelWork",
    "MAX_FIGURE_INCHES",
    "MAX_LABELS",
    "SHINGLE_SIZE",
    "Settings",
    "SharedWork",
    "SideBySide",
    "aligned_segments",
    "align",
    "calibrate",
    "categorize",
    "containment",
    "detect",
    "evaluate",
    "jaccard",
    "labelled_corpus",
    "plot_coverage_heatmap",
    "plot_pair_scatter",
    "sensitivity",
    "shingles",
    "side_by_side",
    "units",
]
