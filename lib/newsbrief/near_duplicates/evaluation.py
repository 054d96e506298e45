"""Precision and recall of the detector on labelled passage pairs.

In: labelled pairs (``pair_id, level, category, text_a, text_b``, as in
``tests/fixtures/near_duplicates/labelled_pairs.csv``) and an embedder. Out: a corpus built from
them (:func:`labelled_corpus`), and scores per level and category with each pair's prediction
(:func:`evaluate`).
"""

from __future__ import annotations

import pandas as pd

from newsbrief.text import count_words, split_sentences
from newsbrief.near_duplicates.detection import detect
from newsbrief.near_duplicates.settings import CATEGORIES, SEVERITY, Embed, Settings
from newsbrief.tables import SCHEMAS

__all__ = ["evaluate", "labelled_corpus"]


def labelled_corpus(labelled: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """A corpus of one-paragraph articles, ``<pair_id>-a`` and ``<pair_id>-b``, from labelled pairs.

    Args:
        labelled: columns ``pair_id, text_a, text_b`` (one row per labelled pair).

    Returns:
        ``documents``, ``paragraphs``, ``sentences`` frames shaped like step 01's tables.
    """
    docs, paras, sents = [], [], []
    for row in labelled.itertuples():
        for side, text in (("a", row.text_a), ("b", row.text_b)):
            doc_id = f"{row.pair_id}-{side}"
            docs.append({"doc_id": doc_id, "title": "", "chars": len(text), "published": ""})
            paras.append((doc_id, 0, 0, len(text), "body", "", count_words(text), text))
            for k, (a, b) in enumerate(split_sentences(text)):
                sents.append((doc_id, 0, k, a, b, "body", count_words(text[a:b]), text[a:b]))
    return (pd.DataFrame(docs),
            pd.DataFrame(paras, columns=list(SCHEMAS["paragraphs.csv"])),
            pd.DataFrame(sents, columns=list(SCHEMAS["sentences.csv"])))


def evaluate(labelled: pd.DataFrame, embed: Embed,
             settings: Settings = Settings()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Precision and recall per level and category on labelled pairs.

    Each level's pairs become a corpus of their own (:func:`labelled_corpus`), which goes through
    :func:`detect` unchanged, calibration included. A pair of articles is predicted as the
    strongest category of any passage pair reported between them; every other article pair of the
    corpus is an unlabelled non-duplicate, so a pair reported between two different labelled rows
    counts against precision.

    Returns:
        ``(scores, predictions)``: scores with columns ``level, category, labelled, predicted,
        correct, precision, recall``; predictions with ``pair_id, level, category, predicted``.
    """
    scores, predictions = [], []
    for level, rows in labelled.groupby("level", sort=True):
        documents, paragraphs, sentences = labelled_corpus(rows)
        found = detect(documents, paragraphs, sentences, embed, settings).pairs
        found = found[found.level != "document"]
        strongest: dict[tuple[str, str], str] = {}
        for a, b, category in zip(found.doc_a, found.doc_b, found.category):
            key = tuple(sorted((a, b)))
            if a != b and (key not in strongest or SEVERITY[category] < SEVERITY[strongest[key]]):
                strongest[key] = category
        truth = {(f"{r.pair_id}-a", f"{r.pair_id}-b"): r.category for r in rows.itertuples()}
        for (a, b), category in sorted(truth.items()):
            predictions.append((a[:-2], level, category, strongest.get((a, b), "topical")))
        for category in CATEGORIES:
            labelled_n = sum(1 for c in truth.values() if c == category)
            if category == "topical":
                predicted_pairs = {k for k in truth if strongest.get(k, "topical") == "topical"}
            else:
                predicted_pairs = {k for k, c in strongest.items() if c == category}
            correct = sum(1 for k in predicted_pairs if truth.get(k) == category)
            scores.append((level, category, labelled_n, len(predicted_pairs), correct,
                           correct / len(predicted_pairs) if predicted_pairs else float("nan"),
                           correct / labelled_n if labelled_n else float("nan")))
    return (pd.DataFrame(scores, columns=["level", "category", "labelled", "predicted", "correct", "precision",
                                          "recall"]),
            pd.DataFrame(predictions, columns=["pair_id", "level", "category", "predicted"]))
