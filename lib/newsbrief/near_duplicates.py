"""Which articles and paragraphs repeat or paraphrase one another, by two signals.

In: the paragraphs table of :mod:`newsbrief.corpus` and the embeddings of its body paragraphs.
Out: an article x article similarity table (``document_similarity.csv``) and the ranked passage
pairs of ``near_duplicates.csv``.

Two signals per pair, because each misses what the other sees: the cosine of sentence embeddings
(semantic: catches paraphrase, but every article on one story scores high) and the Jaccard
similarity of word shingles (lexical: catches copying and light edits, blind to paraphrase).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from newsbrief.tables import SCHEMAS

__all__ = [
    "SHINGLE_SIZE",
    "containment",
    "document_similarity",
    "jaccard",
    "near_duplicate_table",
    "paragraph_pairs",
    "passage_units",
    "plot_pair_scatter",
    "plot_similarity_heatmap",
    "shingles",
]

SHINGLE_SIZE = 3
MIN_WORDS = 8  # shorter body paragraphs are too thin to call copied
_TOKEN = re.compile(r"\w+(?:[’'.-]\w+)*")


def shingles(text: str, size: int = SHINGLE_SIZE) -> frozenset[tuple[str, ...]]:
    """The set of ``size``-word shingles of ``text`` (lower-cased words; one shingle if shorter)."""
    words = [w.lower().replace("’", "'") for w in _TOKEN.findall(text)]
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


def passage_units(paragraphs: pd.DataFrame, min_words: int = MIN_WORDS) -> pd.DataFrame:
    """The body paragraphs that take part in pair search (headings, title and chrome left out)."""
    units = paragraphs[(paragraphs.kind == "body") & (paragraphs.words >= min_words)]
    return units.sort_values(["doc_id", "para_id"], kind="stable").reset_index(drop=True)


def _doc_order(units: pd.DataFrame) -> list[str]:
    return sorted(units.doc_id.unique().tolist())


def document_similarity(units: pd.DataFrame, vectors: np.ndarray) -> pd.DataFrame:
    """Every ordered pair of articles: mean-embedding cosine, shingle Jaccard and containment.

    Args:
        units: the frame from :func:`passage_units`.
        vectors: embeddings of ``units.text``, row for row, L2-normalized.
    """
    docs = _doc_order(units)
    means, sets = {}, {}
    for doc in docs:
        rows = np.flatnonzero(units.doc_id.to_numpy() == doc)
        mean = vectors[rows].mean(axis=0)
        means[doc] = mean / (np.linalg.norm(mean) or 1.0)
        sets[doc] = frozenset().union(*(shingles(t) for t in units.text.iloc[rows]))
    rows = [
        (a, b, float(means[a] @ means[b]), jaccard(sets[a], sets[b]), containment(sets[a], sets[b]))
        for a in docs for b in docs if a != b
    ]
    return pd.DataFrame(rows, columns=list(SCHEMAS["document_similarity.csv"]))


def paragraph_pairs(units: pd.DataFrame, vectors: np.ndarray, top_k: int = 20,
                    min_cosine: float | None = None, within_article: bool = True) -> pd.DataFrame:
    """The most similar paragraph pairs, across articles and (optionally) inside one article.

    Pairs are ranked by cosine (ties by Jaccard, then position). ``top_k`` pairs are kept, or every
    pair at or above ``min_cosine`` when it is given.

    Returns:
        Columns ``doc_a, para_a, doc_b, para_b, start_a, end_a, start_b, end_b, cosine, jaccard,
        text_a, text_b``; ``doc_a <= doc_b`` and, inside one article, ``para_a < para_b``.
    """
    n = len(units)
    if n < 2:
        return pd.DataFrame(columns=["doc_a", "para_a", "doc_b", "para_b", "start_a", "end_a", "start_b",
                                     "end_b", "cosine", "jaccard", "text_a", "text_b"])
    sims = np.round(vectors @ vectors.T, 6)  # rounded before ranking: stable across BLAS orderings
    i, j = np.triu_indices(n, k=1)
    docs = units.doc_id.to_numpy()
    keep = docs[i] != docs[j] if not within_article else np.ones(len(i), dtype=bool)
    i, j = i[keep], j[keep]
    scores = sims[i, j]
    if min_cosine is not None:
        chosen = np.flatnonzero(scores >= min_cosine)
    else:
        chosen = np.argsort(-scores, kind="stable")[: max(top_k * 4, top_k)]
    sets = [shingles(t) for t in units.text]
    rows = []
    for k in chosen:
        a, b = units.iloc[i[k]], units.iloc[j[k]]
        rows.append((a.doc_id, int(a.para_id), b.doc_id, int(b.para_id), int(a.char_start), int(a.char_end),
                     int(b.char_start), int(b.char_end), float(scores[k]), jaccard(sets[i[k]], sets[j[k]]),
                     a.text, b.text))
    frame = pd.DataFrame(rows, columns=["doc_a", "para_a", "doc_b", "para_b", "start_a", "end_a", "start_b",
                                        "end_b", "cosine", "jaccard", "text_a", "text_b"])
    frame = frame.sort_values(["cosine", "jaccard", "doc_a", "para_a", "doc_b", "para_b"],
                              ascending=[False, False, True, True, True, True], kind="stable")
    if min_cosine is None:
        frame = frame.head(top_k)
    return frame.reset_index(drop=True)


def near_duplicate_table(doc_sim: pd.DataFrame, pairs: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The ``near_duplicates.csv`` frame: article pairs (a < b) first, then paragraph pairs.

    Document rows span the whole file (offsets 0 to its length) and show the two titles.
    """
    titles = documents.set_index("doc_id").title.to_dict()
    lengths = documents.set_index("doc_id").chars.to_dict()
    docs = doc_sim[doc_sim.doc_a < doc_sim.doc_b].sort_values(
        ["cosine", "jaccard", "doc_a", "doc_b"], ascending=[False, False, True, True], kind="stable")
    doc_rows = pd.DataFrame({
        "level": "document", "doc_a": docs.doc_a, "doc_b": docs.doc_b,
        "start_a": 0, "end_a": docs.doc_a.map(lengths), "start_b": 0, "end_b": docs.doc_b.map(lengths),
        "cosine": docs.cosine, "jaccard": docs.jaccard, "rank": range(1, len(docs) + 1),
        "text_a": docs.doc_a.map(titles), "text_b": docs.doc_b.map(titles),
    })
    para_rows = pairs.assign(level="paragraph", rank=range(1, len(pairs) + 1))
    frame = pd.concat([doc_rows, para_rows[doc_rows.columns]], ignore_index=True)
    return frame[list(SCHEMAS["near_duplicates.csv"])]


def plot_similarity_heatmap(doc_sim: pd.DataFrame, value: str = "cosine", title: str | None = None):
    """Article x article heatmap of ``value`` (cosine, jaccard or containment), values printed."""
    from newsbrief.figures import plt

    docs = sorted(set(doc_sim.doc_a) | set(doc_sim.doc_b))
    matrix = doc_sim.pivot(index="doc_a", columns="doc_b", values=value).reindex(index=docs, columns=docs)
    shown = matrix.to_numpy(dtype=float, copy=True)
    np.fill_diagonal(shown, np.nan)
    labels = [d.split("_")[0] if len(docs) > 1 and len({x.split("_")[0] for x in docs}) == len(docs) else d
              for d in docs]
    size = 1.0 + 0.8 * len(docs)
    fig, ax = plt.subplots(figsize=(size + 1.5, size))
    image = ax.imshow(shown, cmap="viridis")
    ax.set_xticks(range(len(docs)), labels, rotation=45, ha="right")
    ax.set_yticks(range(len(docs)), labels)
    if len(docs) <= 15:
        for r in range(len(docs)):
            for c in range(len(docs)):
                if r != c:
                    ax.text(c, r, f"{shown[r, c]:.2f}", ha="center", va="center", color="white", fontsize=8)
    fig.colorbar(image, ax=ax, shrink=0.8, label=value)
    ax.set_title(title or f"Article similarity ({value})")
    fig.tight_layout()
    return fig


def plot_pair_scatter(units: pd.DataFrame, vectors: np.ndarray):
    """Every cross-article paragraph pair: cosine against Jaccard, so both signals are visible."""
    from newsbrief.figures import plt

    n = len(units)
    fig, ax = plt.subplots(figsize=(6, 4))
    if n >= 2:
        i, j = np.triu_indices(n, k=1)
        docs = units.doc_id.to_numpy()
        cross = docs[i] != docs[j]
        i, j = i[cross], j[cross]
        sets = [shingles(t) for t in units.text]
        cos = np.round((vectors[i] * vectors[j]).sum(axis=1), 6)
        jac = [jaccard(sets[a], sets[b]) for a, b in zip(i, j)]
        ax.scatter(cos, jac, s=6, alpha=0.5, color="#3b6ea5")
    ax.set_xlabel("cosine (semantic)")
    ax.set_ylabel("shingle Jaccard (lexical)")
    ax.set_title("Paragraph pairs across articles: the two signals")
    fig.tight_layout()
    return fig
