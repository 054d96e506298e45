"""Stories: which articles tell the same story, found before anything is compared across articles.

In: the documents and sentences tables of :mod:`newsbrief.corpus` and a function that embeds texts.
Out: :class:`Stories`: each article's story with its label (``stories.csv``), and the calibration
the grouping was chosen by (``story_calibration.csv``).

A folder of articles may hold one story (the seeds) or many (a wire's day). Figures, sources and
quotes mean something side by side only within one story: "six operations" in a sports report and
"16 trillion operations" in a technology one are not a conflict. So the articles are grouped first:

* an article's vector is the normalized mean of its body sentences' embeddings (the texts step 02
  embeds too, so the cache serves both);
* the articles are clustered by average linkage on cosine distance (scipy; deterministic, no
  seed: ties are broken by article order);
* the cut is calibrated on the corpus: of the similarity levels ``LEVELS``, the one whose grouping
  has the best mean silhouette (how much closer each article is to its own story than to the
  nearest other), if that is at least ``MIN_SILHOUETTE``; else the corpus is one story. A corpus
  whose articles are all at least ``ONE_STORY`` alike is one story, whatever the silhouette (its
  calibration is then one row: how alike the least alike pair is); above ``SAMPLE_ARTICLES``
  articles, this is done on a seeded sample of that many, and each other article joins the story
  whose mean vector it is closest to;
* a story is labelled by its most distinctive content words: the share of its articles using a
  word, weighted by how rare the word is in the other stories (smoothed inverse document
  frequency), ties broken by how often the story uses it; three words.

Stories are numbered by size, largest first, then by their first article's id.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from newsbrief.tables import SCHEMAS
from newsbrief.text import STOP_WORDS, terms

__all__ = ["LABEL_WORDS", "LEVELS", "MIN_SILHOUETTE", "ONE_STORY", "SAMPLE_ARTICLES", "Stories", "article_vectors",
           "find_stories"]

# Cosine similarity levels the clustering may be cut at (average linkage: the mean similarity
# between two groups at which they merge).
LEVELS = tuple(round(0.30 + 0.05 * k, 2) for k in range(13))  # 0.30 ... 0.90
# The least mean silhouette at which a grouping into several stories is taken; below it the
# articles do not fall into clear groups and the corpus is treated as one story.
MIN_SILHOUETTE = 0.1
# Articles all at least this alike (mean-embedding cosine) are one story, whatever the silhouette.
ONE_STORY = 0.8
# Above this many articles, the clustering is calibrated on a seeded sample of this many and the others
# join the nearest story (its mean vector): all-pairs clustering needs 12 bytes a pair of articles.
SAMPLE_ARTICLES = 5_000
SAMPLE_SEED = 0
# Content words in a story's label.
LABEL_WORDS = 3


@dataclass
class Stories:
    """The stories of a corpus: each article's story, and how the grouping was chosen."""

    table: pd.DataFrame
    """``stories.csv``: one row per article (doc_id, story, label, articles, cohesion)."""
    calibration: pd.DataFrame
    """``story_calibration.csv``: one row per similarity level tried (level, stories, silhouette, chosen)."""

    def of(self) -> dict[str, int]:
        """Each article's story number."""
        return dict(zip(self.table.doc_id, self.table.story))

    def summary(self) -> pd.DataFrame:
        """One row per story: its number, label and articles, largest first."""
        return (self.table.groupby(["story", "label"], sort=True).doc_id.agg(["size", "first"])
                .rename(columns={"size": "articles", "first": "first_article"}).reset_index())


def article_vectors(documents: pd.DataFrame, sentences: pd.DataFrame,
                    embed: Callable[[list[str]], np.ndarray]) -> np.ndarray:
    """One L2-normalized vector per article of ``documents`` (in its order): its body sentences' mean.

    An article without body sentences gets its title's vector (or zeros without a title).
    """
    body = sentences[sentences.kind == "body"]
    rows = body.groupby("doc_id", sort=False).indices
    untold = [(k, t) for k, (d, t) in enumerate(zip(documents.doc_id, documents.title)) if d not in rows and t]
    texts = body.text.tolist() + [t for _, t in untold]  # one call: the titles of articles with no body
    vectors = embed(texts) if texts else np.zeros((0, 1), dtype=np.float32)
    title_vector = {k: vectors[len(body) + n] for n, (k, _) in enumerate(untold)}
    out = np.zeros((len(documents), vectors.shape[1]), dtype=np.float32)
    for k, doc in enumerate(documents.doc_id):
        mean = vectors[rows[doc]].mean(axis=0) if doc in rows else title_vector.get(k, out[k])
        out[k] = mean / (np.linalg.norm(mean) or 1.0)
    return out


def find_stories(documents: pd.DataFrame, sentences: pd.DataFrame,
                 embed: Callable[[list[str]], np.ndarray]) -> Stories:
    """Group the articles into stories (module docstring), with labels and the calibration."""
    docs = documents.doc_id.tolist()
    vectors = article_vectors(documents, sentences, embed) if docs else np.zeros((0, 1), dtype=np.float32)
    labels, calibration = _cluster(vectors)
    numbered = _numbered(docs, labels)
    names = _labels(documents, sentences, numbered)
    cohesion = _cohesion(vectors, numbered)
    sizes = Counter(numbered.values())
    table = pd.DataFrame({"doc_id": docs, "story": [numbered[d] for d in docs],
                          "label": [names[numbered[d]] for d in docs],
                          "articles": [sizes[numbered[d]] for d in docs], "cohesion": cohesion},
                         columns=list(SCHEMAS["stories.csv"]))
    return Stories(table, calibration)


def _cluster(vectors: np.ndarray) -> tuple[np.ndarray, pd.DataFrame]:
    """Each article's cluster (any numbering), and the calibration table.

    Above ``SAMPLE_ARTICLES`` articles, a seeded sample of that many is clustered (and calibrated), and
    every other article joins the cluster whose mean vector it is closest to: the clustering's time and
    memory grow with the square of the articles it compares."""
    n = len(vectors)
    if n > SAMPLE_ARTICLES:
        picked = np.sort(np.random.default_rng(SAMPLE_SEED).choice(n, SAMPLE_ARTICLES, replace=False))
        sampled, calibration = _cluster(vectors[picked])
        names = np.unique(sampled)
        centroids = np.stack([vectors[picked[sampled == name]].mean(axis=0) for name in names])
        centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
        labels = names[np.argmax(vectors @ centroids.T, axis=1)]
        labels[picked] = sampled
        return labels, calibration
    columns = list(SCHEMAS["story_calibration.csv"])
    if n < 3:
        return np.zeros(n, dtype=int), pd.DataFrame([(1.0, min(n, 1), float("nan"), True)], columns=columns)
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist, squareform
    from sklearn.metrics import silhouette_score

    distances = np.clip(pdist(vectors.astype(np.float64), metric="cosine"), 0.0, 2.0)
    if 1.0 - distances.max() >= ONE_STORY:  # one row: every pair is at least this alike
        return np.zeros(n, dtype=int), pd.DataFrame([(round(1.0 - distances.max(), 4), 1, float("nan"), True)],
                                                   columns=columns)
    tree = linkage(distances, method="average")
    square = squareform(distances)
    tried = []
    for level in LEVELS:
        labels = fcluster(tree, t=1.0 - level, criterion="distance")
        k = len(set(labels.tolist()))
        score = float(silhouette_score(square, labels, metric="precomputed")) if 1 < k < n else float("nan")
        tried.append((level, k, score, labels))
    scored = [t for t in tried if not math.isnan(t[2])]
    best = max(scored, key=lambda t: (round(t[2], 6), -t[0])) if scored else None
    chosen = best if best is not None and best[2] >= MIN_SILHOUETTE else None
    rows = [(level, k, round(score, 4) if not math.isnan(score) else score, chosen is not None and level == chosen[0])
            for level, k, score, _ in tried]
    labels = chosen[3] if chosen is not None else np.zeros(n, dtype=int)
    return np.asarray(labels), pd.DataFrame(rows, columns=columns)


def _numbered(docs: list[str], labels: np.ndarray) -> dict[str, int]:
    """Story numbers from 1: largest first, then by first article id."""
    members: dict[int, list[str]] = {}
    for doc, label in zip(docs, labels.tolist()):
        members.setdefault(label, []).append(doc)
    order = sorted(members.values(), key=lambda ds: (-len(ds), min(ds)))
    return {doc: number for number, ds in enumerate(order, start=1) for doc in ds}


def _content_words(text: str) -> list[str]:
    """The words of ``text`` a label may use: lower-cased, three letters or more, no function word."""
    return [w for w in (t.lower().strip("'’-") for t in terms(text)) if len(w) > 2 and w not in STOP_WORDS]


def _labels(documents: pd.DataFrame, sentences: pd.DataFrame, numbered: dict[str, int]) -> dict[int, str]:
    """Each story's LABEL_WORDS most distinctive content words, comma-joined."""
    words_of = {doc: set() for doc in numbered}
    uses = {s: Counter() for s in set(numbered.values())}  # every use of a word in a story's sentences
    for doc, text in zip(sentences.doc_id, sentences.text):
        if doc in words_of:
            found = _content_words(text)
            words_of[doc] |= set(found)
            uses[numbered[doc]].update(found)
    stories = sorted(set(numbered.values()))
    in_story = {s: Counter() for s in stories}  # articles of the story using each word
    for doc, words in words_of.items():
        in_story[numbered[doc]].update(words)
    story_df = Counter(w for s in stories for w in in_story[s])  # stories using each word
    sizes = Counter(numbered.values())
    names = {}
    for s in stories:
        idf = {w: math.log((len(stories) + 1) / (story_df[w] + 1)) + 1 for w in in_story[s]}
        ranked = sorted(in_story[s], key=lambda w: (-round(in_story[s][w] / sizes[s] * idf[w], 9), -uses[s][w], w))
        names[s] = ", ".join(ranked[:LABEL_WORDS])
    return names


def _cohesion(vectors: np.ndarray, numbered: dict[str, int]) -> list[float]:
    """Each article's mean cosine to the other articles of its story (NaN when alone): its cosine to
    the sum of the story's vectors, less its own, over the others' number (linear in the articles)."""
    stories = np.array(list(numbered.values()))
    out = np.full(len(vectors), np.nan)
    wide = vectors.astype(np.float64)
    for story in np.unique(stories):
        members = np.flatnonzero(stories == story)
        if len(members) > 1:
            own = wide[members]
            out[members] = (own @ own.sum(axis=0) - (own * own).sum(axis=1)) / (len(members) - 1)
    return [round(float(v), 4) if not math.isnan(v) else float("nan") for v in out]
