"""What is in the corpus: per-article and per-outlet counts, readability, and their plots.

In: the frames of :mod:`newsbrief.corpus` (documents, paragraphs, sentences).
Out: ``documents.csv`` rows (the corpus columns plus counts and readability), ``outlets.csv`` rows,
a count of page chrome by reason, and matplotlib figures.

Readability is the Flesch reading ease and Flesch-Kincaid grade of the body text, with syllables
counted by Pyphen's English hyphenation dictionary (shipped with the package, so no download).
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from newsbrief.tables import SCHEMAS
from newsbrief.text import letter_words

MAX_ROWS = 60  # per-article plots of larger corpora show the longest articles only

__all__ = ["chrome_summary", "document_stats", "flesch", "outlet_stats", "plot_chrome", "plot_lengths",
           "plot_readability"]


@lru_cache(maxsize=1)
def _hyphenator():
    import pyphen

    return pyphen.Pyphen(lang="en_US")


@lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    return len(_hyphenator().positions(word)) + 1


def flesch(sentences: list[str]) -> tuple[float, float]:
    """Flesch reading ease and Flesch-Kincaid grade of a list of sentences.

    Returns:
        ``(reading_ease, grade)``; ``(nan, nan)`` when there are no words.
    """
    words = [w.lower() for s in sentences for w in letter_words(s)]
    n_sent = sum(1 for s in sentences if letter_words(s))
    if not words or not n_sent:
        return float("nan"), float("nan")
    syllables = sum(_syllables(w) for w in words)
    wps, spw = len(words) / n_sent, syllables / len(words)
    return 206.835 - 1.015 * wps - 84.6 * spw, 0.39 * wps + 11.8 * spw - 15.59


def document_stats(documents: pd.DataFrame, paragraphs: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Per-article counts and readability, joined to the corpus's document rows.

    Returns:
        The ``documents.csv`` frame: one row per article, columns as documented in
        :data:`newsbrief.tables.SCHEMAS`.
    """
    rows = []
    paras_of = dict(tuple(paragraphs.groupby("doc_id", sort=False)))  # each article's rows, in table order
    sents_of = dict(tuple(sentences.groupby("doc_id", sort=False)))
    for doc in documents.itertuples(index=False):
        paras = paras_of.get(doc.doc_id, paragraphs.iloc[:0])
        sents = sents_of.get(doc.doc_id, sentences.iloc[:0])
        body = sents[sents.kind == "body"]
        chrome = paras[paras.kind == "chrome"]
        all_words = int(paras.words.sum())
        ease, grade = flesch(body.text.tolist()) if doc.analysed_in_english else (float("nan"), float("nan"))
        rows.append({
            "doc_id": doc.doc_id,
            "words": int(sents.words.sum()),
            "sentences": len(sents),
            "paragraphs": int((paras.kind == "body").sum()),
            "headings": int(paras.kind.isin(["title", "heading"]).sum()),
            "chrome_paragraphs": len(chrome),
            "chrome_words": int(chrome.words.sum()),
            "chrome_share": (int(chrome.words.sum()) / all_words) if all_words else 0.0,
            "mean_sentence_words": float(body.words.mean()) if len(body) else float("nan"),
            "flesch_reading_ease": ease,
            "flesch_kincaid_grade": grade,
        })
    counted = [c for c in SCHEMAS["documents.csv"] if c not in documents.columns]
    counts = pd.DataFrame(rows, columns=["doc_id", *counted])
    merged = documents.merge(counts, on="doc_id", how="left", validate="one_to_one")
    return merged[list(SCHEMAS["documents.csv"])]


def outlet_stats(documents: pd.DataFrame) -> pd.DataFrame:
    """Per-outlet totals from the ``documents.csv`` frame, outlets in name order."""
    published = documents.published.where(documents.published != "")
    grouped = documents.assign(published=published).groupby("outlet", sort=True)
    frame = pd.DataFrame({
        "articles": grouped.doc_id.count(),
        "words": grouped.words.sum(),
        "sentences": grouped.sentences.sum(),
        "chrome_words": grouped.chrome_words.sum(),
        "flesch_reading_ease": grouped.flesch_reading_ease.mean(),
        "first_published": grouped.published.min().fillna(""),
        "last_published": grouped.published.max().fillna(""),
    }).reset_index()
    return frame[list(SCHEMAS["outlets.csv"])]


def chrome_summary(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Page chrome by reason: paragraphs, words and the articles it was found in."""
    chrome = paragraphs[paragraphs.kind == "chrome"]
    if chrome.empty:
        return pd.DataFrame(columns=["chrome_reason", "paragraphs", "words", "articles"])
    grouped = chrome.groupby("chrome_reason", sort=True)
    return pd.DataFrame({
        "paragraphs": grouped.doc_id.count(),
        "words": grouped.words.sum(),
        "articles": grouped.doc_id.nunique(),
    }).reset_index().sort_values(["words", "chrome_reason"], ascending=[False, True], kind="stable")


def plot_lengths(documents: pd.DataFrame):
    """Stacked bars: words of article text and of page chrome, per article."""
    from newsbrief.figures import plt

    shown = _largest(documents)
    fig, ax = plt.subplots(figsize=(7, 0.45 * len(shown) + 1.2))
    ids = _names(shown)[::-1]
    text = shown.words.tolist()[::-1]
    chrome = shown.chrome_words.tolist()[::-1]
    ax.barh(ids, text, color="#3b6ea5", label="article text")
    ax.barh(ids, chrome, left=text, color="#d9a441", label="page chrome (excluded)")
    ax.set_xlabel("words")
    ax.set_title("Length of each article, after removing page chrome"
                 + (f" ({len(shown)} longest of {len(documents)})" if len(shown) < len(documents) else ""))
    # the legend under the axis, where no bar can be (inside, it covered the longest one)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.22 * 3.0 / fig.get_figheight()), ncol=2, frameon=False)
    fig.tight_layout()
    return fig


def plot_readability(documents: pd.DataFrame, sentences: pd.DataFrame):
    """Two panels: sentence-length distribution per article, and Flesch reading ease per article."""
    from newsbrief.figures import plt

    shown = _largest(documents)
    body = sentences[sentences.kind == "body"]
    ids = shown.doc_id.tolist()
    fig, (left, right) = plt.subplots(1, 2, figsize=(9, 0.45 * len(ids) + 1.6), sharey=True)
    # One numeric position per article, top to bottom, for both panels: each box, bar and label of a
    # row comes from the same article.
    rows = list(range(len(ids)))[::-1]
    data = [body[body.doc_id == i].words.tolist() or [0] for i in ids]
    left.boxplot(data, positions=rows, orientation="horizontal", showfliers=True)
    left.set_yticks(rows, _names(shown))
    left.set_xlabel("words per sentence")
    left.set_title("Sentence length")
    right.barh(rows, shown.flesch_reading_ease.fillna(0).tolist(), color="#5a9e6f")
    right.set_xlabel("Flesch reading ease (higher = easier)")
    right.set_title("Readability")
    fig.tight_layout()
    return fig


def _names(documents: pd.DataFrame) -> list[str]:
    """What the charts call each article: its label (documents.csv), or its id in a table without one."""
    return (documents.label if "label" in documents else documents.doc_id).tolist()


def _largest(documents: pd.DataFrame) -> pd.DataFrame:
    """All articles, or the MAX_ROWS longest (kept in name order) when there are more."""
    if len(documents) <= MAX_ROWS:
        return documents
    keep = documents.sort_values(["words", "doc_id"], ascending=[False, True], kind="stable").head(MAX_ROWS)
    return documents[documents.doc_id.isin(keep.doc_id)]


def plot_chrome(summary: pd.DataFrame):
    """Horizontal bars: words of page chrome removed, by reason."""
    from newsbrief.figures import plt

    fig, ax = plt.subplots(figsize=(7, 0.35 * max(len(summary), 1) + 1.2))
    if summary.empty:
        ax.text(0.5, 0.5, "no page chrome found", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
    else:
        ax.barh(summary.chrome_reason.tolist()[::-1], summary.words.tolist()[::-1], color="#d9a441")
        ax.set_xlabel("words removed")
    ax.set_title("Page chrome removed, by reason")
    fig.tight_layout()
    return fig
