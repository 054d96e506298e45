"""Precision and recall of the detector on labelled passage pairs.

In: labelled pairs (``pair_id, level, category, text_a, text_b``) and an embedder. Out: a corpus
built from them (:func:`labelled_corpus`), and scores per level and class with each pair's
prediction: against the detector's own categories (:func:`evaluate`, for
``tests/fixtures/near_duplicates/labelled_pairs.csv``), or against the two kinds of reuse, restating
and sharing a fact (:func:`evaluate_reuse`, for ``labelled_pairs_v2.csv``).
"""

from __future__ import annotations

import pandas as pd

from newsbrief.text import count_words, split_sentences
from newsbrief.near_duplicates.detection import detect
from newsbrief.near_duplicates.settings import CATEGORIES, SEVERITY, SHARED_FACT, Embed, Settings
from newsbrief.tables import SCHEMAS

__all__ = ["REUSE_CLASSES", "evaluate", "evaluate_reuse", "labelled_corpus"]


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
    """Precision and recall per level and category on pairs labelled with the detector's categories.

    ``labelled``: columns ``pair_id, level, category, text_a, text_b``, the category one of
    :data:`CATEGORIES` (``tests/fixtures/near_duplicates/labelled_pairs.csv``). See :func:`_predict`
    for how a pair's prediction is made.

    Returns:
        ``(scores, predictions)``: scores with columns ``level, category, labelled, predicted,
        correct, precision, recall``; predictions with ``pair_id, level, category, predicted``.
    """
    return _scored(labelled, embed, settings, {c: c for c in CATEGORIES}, CATEGORIES)


# The classes of a reuse label (``labelled_pairs_v2.csv``) each predicted category counts as.
REUSE_CLASSES = {"verbatim": "paraphrase", "edited": "paraphrase", "paraphrase": "paraphrase",
                 SHARED_FACT: "shared_fact", "topical": "other"}


def evaluate_reuse(labelled: pd.DataFrame, embed: Embed,
                   settings: Settings = Settings()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Precision and recall per level of the two kinds of reuse, on pairs labelled by what they share.

    ``labelled``: columns ``pair_id, level, category, text_a, text_b``, the category one of
    ``paraphrase`` (restates the same information), ``shared_fact``, ``same_topic`` or ``unrelated``
    (``tests/fixtures/near_duplicates/labelled_pairs_v2.csv``). A pair predicted verbatim, edited or
    paraphrase counts as ``paraphrase``; a ``shared fact`` as ``shared_fact``; same topic and
    unrelated pairs are ``other``, which the detector never reports. A labelled paragraph pair the
    detector reports no paragraph pair for, but some of whose sentences it pairs, shares a part of
    its text and counts as ``shared_fact``: that is how the detector reports a partial overlap.

    Returns:
        ``(scores, predictions)`` as :func:`evaluate`, for the classes ``paraphrase`` and
        ``shared_fact`` (``predicted`` in predictions is the detector's own category).
    """
    truth = labelled.assign(category=labelled.category.replace({"same_topic": "other", "unrelated": "other"}))
    scores, predictions = _scored(truth, embed, settings, REUSE_CLASSES, ("paraphrase", "shared_fact"),
                                  partial=SHARED_FACT)
    predictions["category"] = labelled.set_index("pair_id").category.reindex(predictions.pair_id).to_numpy()
    return scores, predictions


def _predict(labelled: pd.DataFrame, embed: Embed, settings: Settings,
             partial: str | None = None) -> list[tuple[str, dict, dict]]:
    """Per level: the labelled article pairs with their label, and the strongest category reported per pair.

    Each level's pairs become a corpus of their own (:func:`labelled_corpus`), which goes through
    :func:`detect` unchanged, calibration included. A pair of articles is predicted as the
    strongest category of any passage pair reported between them; every other article pair of the
    corpus is an unlabelled non-duplicate, so a pair reported between two different labelled rows
    counts against precision. ``partial``: at paragraph level, the category of an article pair with
    sentence pairs reported but no paragraph pair (None: the strongest sentence pair's category).
    """
    out = []
    for level, rows in labelled.groupby("level", sort=True):
        documents, paragraphs, sentences = labelled_corpus(rows)
        found = detect(documents, paragraphs, sentences, embed, settings).pairs
        found = found[found.level != "document"]
        if partial is not None and level == "paragraph":
            found = found.assign(category=found.category.where(found.level == "paragraph", partial))
        strongest: dict[tuple[str, str], str] = {}
        for a, b, category in zip(found.doc_a, found.doc_b, found.category):
            key = tuple(sorted((a, b)))
            if a != b and (key not in strongest or SEVERITY[category] < SEVERITY[strongest[key]]):
                strongest[key] = category
        truth = {(f"{r.pair_id}-a", f"{r.pair_id}-b"): r.category for r in rows.itertuples()}
        out.append((level, truth, strongest))
    return out


def _scored(labelled: pd.DataFrame, embed: Embed, settings: Settings, classes: dict[str, str],
            scored: tuple[str, ...], partial: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Scores of the ``scored`` classes, a predicted category counting as ``classes[category]``.

    The class of unreported pairs is ``classes["topical"]``: its predicted pairs are the labelled
    pairs nothing was reported for.
    """
    scores, predictions = [], []
    silent = classes["topical"]
    for level, truth, strongest in _predict(labelled, embed, settings, partial):
        for (a, b), category in sorted(truth.items()):
            predictions.append((a[:-2], level, category, strongest.get((a, b), "topical")))
        for name in scored:
            labelled_n = sum(1 for c in truth.values() if c == name)
            if name == silent:
                predicted_pairs = {k for k in truth if strongest.get(k, "topical") == "topical"}
            else:
                predicted_pairs = {k for k, c in strongest.items() if classes[c] == name}
            correct = sum(1 for k in predicted_pairs if truth.get(k) == name)
            scores.append((level, name, labelled_n, len(predicted_pairs), correct,
                           correct / len(predicted_pairs) if predicted_pairs else float("nan"),
                           correct / labelled_n if labelled_n else float("nan")))
    return (pd.DataFrame(scores, columns=["level", "category", "labelled", "predicted", "correct", "precision",
                                          "recall"]),
            pd.DataFrame(predictions, columns=["pair_id", "level", "category", "predicted"]))
