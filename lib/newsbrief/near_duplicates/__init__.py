"""Who copied or rewrote whom, and how much: near-duplicates at three levels, by two signals and the facts.

In: the paragraphs and sentences tables of :mod:`newsbrief.corpus` and embeddings of their texts.
Out: passage pairs (``near_duplicates.csv``), each with a category and the facts behind it, and how
much of each article is restated by each other article (``document_overlap.csv``), plus the
calibration that produced them and a sensitivity table.

Two signals per sentence pair, because each misses what the other sees:

* lexical: Jaccard similarity of word 3-shingles, and the share of each passage's shingles found
  in the other ("cover"); it sees copying and light edits and is blind to paraphrase;
* semantic: cosine of sentence embeddings; it sees paraphrase, but also templates and topics:
  "its shares were down 10% at 119 pence" and "the share price was down 1% at 1218 pence" score
  0.81, and on one story every article scores high against every other.

So the facts of both passages decide too (:mod:`.facts`): a pair restates, as ``verbatim`` (the
same words), ``edited`` (the same sentences lightly edited) or ``paraphrase`` (same content, other
words), only when its facts agree; two articles' passages that share a specific fact while one says
more are a ``shared fact``; anything else is ``topical`` and never reported. Paragraph pairs are
called from what their sentences restate. The lexical thresholds mean the same in any corpus; the
semantic one is calibrated per corpus on each passage's cosine to its n-th nearest passage in
another article, and stands above a floor (said when used).

Pairs come from an exhaustive comparison for small corpora, and above ``exhaustive_limit`` units
from MinHash LSH (lexical) plus nearest neighbours in embedding space (semantic); every candidate
is then scored exactly, so both paths report the same pairs.

The parts, each importing only from the ones above it in this list (none imports this file):

    facts        a passage's figures, dates, names, quotes; whether two passages' facts agree
    settings     Settings, Calibration, SharedWork, categories and levels: the records the others share
    signals      shingles, Jaccard, containment; the category a pair's signals give, and once its facts are read
    passages     the units compared at each level
    calibration  the neighbour background and the paraphrase threshold
    index        the approximate nearest-neighbour index: inverted lists of the embedding space
    candidates   which pairs are scored: exhaustive or LSH and nearest neighbours; the margin
    detection    detect(): the pairs at every level, article coverage (Detection)
    sweep        sensitivity(): pair counts as z moves, cached
    evaluation   precision and recall on labelled pairs: the detector's categories, or the two kinds of reuse
    plots        the coverage heatmap and the calibration figure

Passage alignment and the side-by-side view live in :mod:`newsbrief.alignment`, below all of
them, and are re-exported here.
"""

from newsbrief.alignment import SideBySide, align, aligned_segments, side_by_side
from newsbrief.near_duplicates.calibration import calibrate
from newsbrief.near_duplicates.detection import Detection, detect
from newsbrief.near_duplicates.evaluation import REUSE_CLASSES, evaluate, evaluate_reuse, labelled_corpus
from newsbrief.near_duplicates.facts import Agreement, Facts, agreement, facts
from newsbrief.near_duplicates.passages import units
from newsbrief.near_duplicates.plots import MAX_FIGURE_INCHES, MAX_LABELS, plot_coverage_heatmap, plot_pair_scatter
from newsbrief.near_duplicates.settings import (CATEGORIES, LEVELS, RESTATED, SHARED_FACT, SHINGLE_SIZE, Calibration,
                                                LevelWork, Settings, SharedWork)
from newsbrief.near_duplicates.signals import categorize, checked, containment, jaccard, shingles
from newsbrief.near_duplicates.sweep import sensitivity

__all__ = [
    "Agreement",
    "CATEGORIES",
    "Calibration",
    "Detection",
    "LEVELS",
    "LevelWork",
    "MAX_FIGURE_INCHES",
    "MAX_LABELS",
    "REUSE_CLASSES",
    "RESTATED",
    "SHARED_FACT",
    "SHINGLE_SIZE",
    "Settings",
    "SharedWork",
    "SideBySide",
    "aligned_segments",
    "align",
    "calibrate",
    "categorize",
    "checked",
    "containment",
    "detect",
    "evaluate",
    "evaluate_reuse",
    "Facts",
    "agreement",
    "facts",
    "jaccard",
    "labelled_corpus",
    "plot_coverage_heatmap",
    "plot_pair_scatter",
    "sensitivity",
    "shingles",
    "side_by_side",
    "units",
]
