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
"""

from __future__ import annotations

import difflib
import hashlib
import html
import json
import re
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import sparse

from newsbrief.corpus import count_words, split_sentences, words
from newsbrief.deps import PACKAGE, source_files
from newsbrief.files import replacing
from newsbrief.progress import Progress, track
from newsbrief.tables import SCHEMAS

__all__ = [
    "CATEGORIES",
    "Calibration",
    "Settings",
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

CATEGORIES = ("verbatim", "edited", "paraphrase", "topical")
LEVELS = ("document", "paragraph", "sentence")
SHINGLE_SIZE = 3
_SEVERITY = {c: i for i, c in enumerate(CATEGORIES)}
MAX_FIGURE_INCHES = 12  # a heatmap of hundreds of articles stays a readable, small file
MAX_LABELS = 40
_LSH_CHUNK = 1000  # passages signed per MinHash.bulk call (a progress step)
_PAIRS_PER_UPDATE = 5000  # candidate pairs scored per progress step


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
    """The paraphrase threshold of one level, and where it came from."""

    level: str
    background_pairs: int
    median: float
    spread: float  # 1.4826 x median absolute deviation: a robust standard deviation
    z: float
    floor: float
    threshold: float
    source: str  # "calibrated", "floor" or "fixed"


# --- lexical signal ---------------------------------------------------------------------------


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


def _by_cover(shares: dict[str, float], needed: float, whole: float) -> str:
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


# --- units ------------------------------------------------------------------------------------


def units(paragraphs: pd.DataFrame, sentences: pd.DataFrame, level: str,
          settings: Settings = Settings()) -> pd.DataFrame:
    """The passages compared at ``level`` ("paragraph" or "sentence"), with their ``role``.

    Sentences: body sentences of at least ``min_sentence_words`` words, plus the title and headings
    (role "title"/"heading"), which are only compared inside their own article, so a shared
    headline never passes for copied prose. Paragraphs: body paragraphs of two or more sentences
    (a one-sentence paragraph is already compared as a sentence).
    """
    if level == "sentence":
        frame = sentences[((sentences.kind == "body") & (sentences.words >= settings.min_sentence_words))
                          | sentences.kind.isin(["title", "heading"])]
        frame = frame.assign(role=frame.kind.where(frame.kind != "body", "body"))
    elif level == "paragraph":
        per_para = sentences[sentences.kind == "body"].groupby(["doc_id", "para_id"]).size()
        multi = set(per_para[per_para >= 2].index)
        in_multi = np.array([k in multi for k in zip(paragraphs.doc_id, paragraphs.para_id)], dtype=bool)
        keep = paragraphs.kind.eq("body").to_numpy() & in_multi
        frame = paragraphs[keep].assign(role="body")
    else:
        raise ValueError(f"unknown level {level!r}")
    cols = ["doc_id", "para_id", "char_start", "char_end", "role", "words", "text"]
    return frame[cols].sort_values(["doc_id", "char_start"], kind="stable").reset_index(drop=True)


# --- calibration ------------------------------------------------------------------------------


def _background(doc_ids: np.ndarray, roles: np.ndarray, vectors: np.ndarray, settings: Settings) -> np.ndarray:
    """Cosines of cross-article body pairs: all of them, or a seeded sample of ``background_pairs``."""
    body = np.flatnonzero(roles == "body")
    n = len(body)
    if n < 2:
        return np.zeros(0, dtype=np.float32)
    total = n * (n - 1) // 2
    if total <= settings.background_pairs:
        i, j = np.triu_indices(n, k=1)
    else:
        rng = np.random.default_rng(settings.seed)
        i = rng.integers(0, n, size=settings.background_pairs * 2)
        j = rng.integers(0, n, size=settings.background_pairs * 2)
        keep = i != j
        i, j = i[keep][: settings.background_pairs], j[keep][: settings.background_pairs]
    i, j = body[i], body[j]
    cross = doc_ids[i] != doc_ids[j]
    return np.round(np.einsum("ij,ij->i", vectors[i[cross]], vectors[j[cross]]), 6)


def calibrate(level: str, background: np.ndarray, settings: Settings = Settings()) -> Calibration:
    """The paraphrase threshold of ``level``: ``max(floor, median + z * spread)`` of the background."""
    floor = float(settings.floor.get(level, max(settings.floor.values())))
    if level in settings.paraphrase_cosine:
        fixed = float(settings.paraphrase_cosine[level])
        median = float(np.median(background)) if len(background) else float("nan")
        return Calibration(level, len(background), median, float("nan"), settings.z, floor, fixed, "fixed")
    if len(background) == 0:
        return Calibration(level, 0, float("nan"), float("nan"), settings.z, floor, floor, "floor")
    median = float(np.median(background))
    spread = float(1.4826 * np.median(np.abs(background - median)))
    calibrated = round(median + settings.z * spread, 4)
    source = "calibrated" if calibrated >= floor else "floor"
    return Calibration(level, len(background), round(median, 4), round(spread, 4), settings.z, floor,
                       max(calibrated, floor), source)


# --- candidate pairs --------------------------------------------------------------------------


def _allowed(doc_ids: np.ndarray, roles: np.ndarray, i: np.ndarray, j: np.ndarray):
    """Which pairs may be compared, and by which rules.

    Across articles: body with body only, so a shared headline is not copied prose. Inside one
    article also the title and headings: title or heading against title or heading by wording and
    meaning (a restated headline), a heading against body text by wording alone (a heading
    naturally sums up the text below it), the title against body text like body text (a lede that
    restates the headline).

    Returns:
        ``allowed``, ``semantic`` (may be a paraphrase), ``contained`` (the cover rule applies).
    """
    same_doc = doc_ids[i] == doc_ids[j]
    body_i, body_j = roles[i] == "body", roles[j] == "body"
    head_i, head_j = roles[i] == "heading", roles[j] == "heading"
    allowed = same_doc | (body_i & body_j)
    heading_body = (head_i & body_j) | (head_j & body_i)
    return allowed, ~heading_body, body_i & body_j


def _shingle_matrix(texts: list[str]) -> tuple[sparse.csr_matrix, np.ndarray, list[frozenset]]:
    sets = [shingles(t) for t in texts]
    vocab: dict[tuple[str, ...], int] = {}
    rows, cols = [], []
    for r, s in enumerate(sets):
        for sh in sorted(s):
            rows.append(r)
            cols.append(vocab.setdefault(sh, len(vocab)))
    matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                               shape=(len(sets), max(len(vocab), 1)))
    return matrix, np.array([len(s) for s in sets], dtype=np.float64), sets


def _lexical_candidates_exhaustive(matrix: sparse.csr_matrix, sizes: np.ndarray, settings: Settings,
                                   max_df: int | None = None):
    """Pairs whose shared shingles reach the edited threshold, counted exactly (sparse product).

    ``max_df``: leave out shingles found in more passages than this (boilerplate), so the product
    stays small on large corpora; a pair is then kept if it *could* reach the threshold with the
    left-out shingles, and is verified exactly afterwards.
    """
    dropped = np.zeros(matrix.shape[0])
    if max_df is not None:
        df = np.asarray(matrix.sum(axis=0)).ravel()
        common = df > max_df
        if common.any():
            dropped = np.asarray(matrix[:, common].sum(axis=1)).ravel()
            matrix = matrix[:, ~common]
    inter = sparse.triu(matrix @ matrix.T, k=1).tocoo()
    i, j = inter.row, inter.col
    shared = inter.data.astype(np.float64) + np.minimum(dropped[i], dropped[j])  # an upper bound
    jac = shared / np.maximum(sizes[i] + sizes[j] - shared, 1)
    cover = np.maximum(shared / np.maximum(sizes[i], 1), shared / np.maximum(sizes[j], 1))
    keep = (jac >= settings.edited_jaccard) | (cover >= settings.edited_cover)
    return i[keep].astype(np.int64), j[keep].astype(np.int64)


def _lexical_candidates_lsh(sets: list[frozenset], settings: Settings, label: str = "passages"):
    """Pairs whose estimated Jaccard may reach the edited threshold (MinHash LSH, seeded)."""
    from datasketch import MinHash, MinHashLSH

    hashes = []
    with Progress(f"{label}: word-shingle signatures", len(sets), "unit") as bar:
        for start in range(0, len(sets), _LSH_CHUNK):  # each signature depends on its own set only
            encoded = [[" ".join(sh).encode("utf-8") for sh in sorted(s)] for s in sets[start:start + _LSH_CHUNK]]
            hashes += MinHash.bulk(encoded, num_perm=128, seed=settings.seed)
            bar.update(len(encoded))
    lsh = MinHashLSH(threshold=settings.edited_jaccard * 0.7, num_perm=128)
    for k, mh in enumerate(hashes):
        lsh.insert(k, mh)
    pairs = {(min(k, m), max(k, m)) for k, mh in enumerate(hashes) for m in lsh.query(mh) if m != k}
    if not pairs:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    ordered = np.array(sorted(pairs), dtype=np.int64)
    return ordered[:, 0], ordered[:, 1]


def _top_stable(sims: np.ndarray, width: int) -> np.ndarray:
    """Per row, the columns of the ``width`` largest values, largest first, ties by lower column.

    The same as ``np.argsort(-sims, axis=1, kind="stable")[:, :width]`` without sorting whole
    rows: a partition finds each row's ``width``-th largest value, and only the values at or
    above it (a few per row, ties included) are sorted.
    """
    if width >= sims.shape[1]:
        return np.argsort(-sims, axis=1, kind="stable")[:, :width]
    part = np.argpartition(-sims, width - 1, axis=1)[:, :width]
    kth = np.take_along_axis(sims, part, axis=1).min(axis=1)
    r, c = np.nonzero(sims >= kth[:, None])
    order = np.lexsort((c, -sims[r, c], r))
    r, c = r[order], c[order]
    first = np.searchsorted(r, np.arange(sims.shape[0]))
    rank = np.arange(len(r)) - first[r]
    keep = rank < width
    out = np.empty((sims.shape[0], width), dtype=np.int64)
    out[r[keep], rank[keep]] = c[keep]
    return out


def _similarity_pass(vectors: np.ndarray, doc_ids: np.ndarray, threshold: float, exhaustive: bool,
                     settings: Settings, block: int = 2048, label: str = "passages"):
    """One blockwise pass over the cosines of all pairs, for both things the pair stage needs.

    Returns:
        ``(candidates, neighbours)``: the semantic candidate pairs ``(i, j, cosine)`` with ``i < j``
        and cosine >= ``threshold`` (all of them, or those among each unit's ``neighbours`` nearest
        when not ``exhaustive``; the cosine is the larger of the pair's two computed values); and
        each unit's ``margin_k + 1`` closest units in other articles as ``(indices, cosines)``,
        closest first. Memory is O(block x n), never n x n.
    """
    n = len(vectors)
    k = min(settings.neighbours + 1, n)
    width = min(settings.margin_k + 1, n)
    index = np.full((n, width), -1, dtype=np.int64)
    value = np.full((n, width), np.nan, dtype=np.float32)
    codes = pd.factorize(doc_ids)[0]
    found_i, found_j, found_v = [], [], []
    with Progress(f"{label}: embedding similarity", n, "unit") as bar:
        for start in range(0, n, block):
            sims = np.round(vectors[start:start + block] @ vectors.T, 6)
            rows = np.arange(start, min(start + block, n))
            if exhaustive:
                r, c = np.nonzero(sims >= threshold)
            else:
                top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
                r = np.repeat(np.arange(len(rows)), k)
                c = top.ravel()
                keep = sims[r, c] >= threshold
                r, c = r[keep], c[keep]
            i, j = rows[r], c
            found_i += [i[i < j], j[i > j]]
            found_j += [j[i < j], i[i > j]]
            found_v += [sims[r, c][i < j], sims[r, c][i > j]]
            sims[codes[rows][:, None] == codes[None, :]] = -np.inf  # neighbours come from other articles
            nearest = _top_stable(sims, width)
            got = np.take_along_axis(sims, nearest, axis=1)
            ok = np.isfinite(got)
            index[rows] = np.where(ok, nearest, -1)
            value[rows] = np.where(ok, got, np.nan)
            bar.update(len(rows))
    pairs, inverse = np.unique(np.stack([np.concatenate(found_i), np.concatenate(found_j)], axis=1), axis=0,
                               return_inverse=True)
    best = np.full(len(pairs), -np.inf, dtype=np.float64)
    np.maximum.at(best, inverse.ravel(), np.concatenate(found_v).astype(np.float64))
    return (pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64), best), (index, value)


def _margin(a: int, b: int, cosine: float, neighbours, k: int) -> float:
    """cosine minus the larger of a's and b's mean cosine to their k nearest other passages."""
    index, value = neighbours
    means = []
    for x, y in ((a, b), (b, a)):
        others = value[x][(index[x] != y) & (index[x] >= 0)][:k]
        means.append(float(others.mean()) if len(others) else -1.0)
    return cosine - max(means)


# --- detection --------------------------------------------------------------------------------


def _pairs_at_level(frame: pd.DataFrame, vectors: np.ndarray, calibration: Calibration,
                    settings: Settings, forced: dict[tuple[int, int], str] | None = None,
                    shared: dict | None = None) -> pd.DataFrame:
    """Score every candidate pair of one level; ``forced`` adds pairs with a known least category.

    ``shared``: work that does not depend on the paraphrase threshold (shingles, lexical
    candidates, the similarity pass, each pair's cosine, Jaccard, covers and margin), kept across
    calls on the same units, as :func:`sensitivity` does. The similarity pass reruns only for a
    threshold below the one it ran at; a call keeps the candidates at or above its own threshold,
    exactly the set a pass at that threshold finds.
    """
    doc_ids, roles = frame.doc_id.to_numpy(), frame.role.to_numpy()
    n = len(frame)
    columns = ["a", "b", "cosine", "jaccard", "cover_a", "cover_b", "category"]
    if n < 2:
        return pd.DataFrame(columns=columns)
    forced = forced or {}
    exhaustive = n <= settings.exhaustive_limit
    shared = shared if shared is not None else {}
    if "lex" not in shared:
        matrix, sizes, sets = _shingle_matrix(frame.text.tolist())
        lex = _lexical_candidates_exhaustive(matrix, sizes, settings, None if exhaustive else settings.max_df)
        if not exhaustive:
            # Jaccard-LSH finds the copies and edits; the sparse product without boilerplate shingles
            # adds a short passage copied into a longer one, which Jaccard-LSH misses by design.
            lsh = _lexical_candidates_lsh(sets, settings, f"{calibration.level}s")
            lex = tuple(np.concatenate(pair) for pair in zip(lex, lsh))
        shared["lex"], shared["sets"] = lex, sets
    if calibration.threshold < shared.get("pass_threshold", np.inf):
        shared["pass"] = _similarity_pass(vectors, doc_ids, calibration.threshold, exhaustive, settings,
                                          label=f"{calibration.level}s")
        shared["pass_threshold"] = calibration.threshold
    lex, sets = shared["lex"], shared["sets"]
    (sem_i, sem_j, sem_cos), neighbours = shared["pass"]
    keep = sem_cos >= calibration.threshold
    sem = (sem_i[keep], sem_j[keep])
    extra = np.array(sorted(forced), dtype=np.int64).reshape(-1, 2)
    both = np.unique(np.concatenate([np.stack(lex, axis=1), np.stack(sem, axis=1), extra]), axis=0)
    i, j = both[:, 0], both[:, 1]
    allowed, semantic, contained = _allowed(doc_ids, roles, i, j)
    features = shared.setdefault("features", {})  # (a, b) -> [cosine, jaccard, cover_a, cover_b, margin]
    rows = []
    with Progress(f"{calibration.level}s: scoring candidate pairs", int(allowed.sum()), "pair") as bar:
        for k, (a, b, may_paraphrase, may_contain) in enumerate(zip(i[allowed].tolist(), j[allowed].tolist(),
                                                                     semantic[allowed].tolist(),
                                                                     contained[allowed].tolist()), 1):
            if not k % _PAIRS_PER_UPDATE:
                bar.update(_PAIRS_PER_UPDATE)
            known = features.get((a, b))
            if known is None:
                cos = float(np.round(vectors[a] @ vectors[b], 6))
                common = len(sets[a] & sets[b])
                union = len(sets[a]) + len(sets[b]) - common
                known = features[(a, b)] = [cos, common / union if union else 0.0,
                                            common / len(sets[a]) if sets[a] else 0.0,
                                            common / len(sets[b]) if sets[b] else 0.0, None]
            cos, jac, cover_a, cover_b, margin = known
            if cos < calibration.threshold:
                margin = 0.0
            elif margin is None:
                margin = known[4] = _margin(a, b, cos, neighbours, settings.margin_k)
            category = categorize(cos, round(jac, 6), round(cover_a, 6), round(cover_b, 6),
                                  calibration.threshold, settings, semantic=may_paraphrase, contained=may_contain,
                                  margin=round(margin, 6))
            category = min(category, forced.get((a, b), "topical"), key=_SEVERITY.get)
            if category != "topical":
                rows.append((a, b, cos, jac, cover_a, cover_b, category))
        bar.update(bar.total - bar.done)
    return pd.DataFrame(rows, columns=columns)


def _paragraphs_from_sentences(sent_frame: pd.DataFrame, sent_found: pd.DataFrame, para_frame: pd.DataFrame,
                               needed: float, whole: float) -> dict[tuple[int, int], str]:
    """Paragraph pairs most of whose sentences match each other, with the category that implies.

    A paragraph pair is a paraphrase when at least ``needed`` of each paragraph's sentence text is
    matched in the other: so rewritten paragraphs are found even where whole-paragraph cosines of
    one-story articles are too alike to separate.
    """
    index = {key: k for k, key in enumerate(zip(para_frame.doc_id, para_frame.para_id))}
    para_of = [index.get(key) for key in zip(sent_frame.doc_id, sent_frame.para_id)]
    length = (sent_frame.char_end - sent_frame.char_start).to_numpy()
    totals: dict[int, int] = {}
    for k, p in enumerate(para_of):
        if p is not None:
            totals[p] = totals.get(p, 0) + int(length[k])
    best: dict[tuple[int, int], dict[int, str]] = {}
    for a, b, category in zip(sent_found.a, sent_found.b, sent_found.category):
        pa, pb = para_of[a], para_of[b]
        if pa is None or pb is None or pa == pb:
            continue
        for x, y, sentence in ((pa, pb, a), (pb, pa, b)):
            seen = best.setdefault((x, y), {})
            if sentence not in seen or _SEVERITY[category] < _SEVERITY[seen[sentence]]:
                seen[sentence] = category
    forced = {}
    for (x, y) in sorted(best):
        if x > y:
            continue
        categories = []
        for p, q in ((x, y), (y, x)):
            shares: dict[str, float] = {}
            for sentence, category in best.get((p, q), {}).items():
                shares[category] = shares.get(category, 0.0) + length[sentence] / totals[p]
            categories.append(_by_cover(shares, needed, whole))
        category = max(categories, key=_SEVERITY.get)
        if category != "topical":
            forced[(x, y)] = category
    return forced


@dataclass
class Detection:
    """Everything the near-duplicate step found: pairs, article overlap, calibration."""

    pairs: pd.DataFrame
    overlap: pd.DataFrame
    calibration: list[Calibration]
    backgrounds: dict[str, np.ndarray]

    def calibration_table(self) -> pd.DataFrame:
        """The ``calibration.csv`` frame: one row per level."""
        return pd.DataFrame([asdict(c) for c in self.calibration], columns=list(SCHEMAS["calibration.csv"]))

    def summary(self) -> pd.DataFrame:
        """Reported pairs per level and category, across articles and inside one article."""
        where = np.where(self.pairs.doc_a == self.pairs.doc_b, "inside one article", "across articles")
        counts = self.pairs.assign(where=where).groupby(["level", "where", "category"]).size()
        table = counts.unstack("category").reindex(columns=list(CATEGORIES[:3])).fillna(0).astype(int)
        order = {lvl: i for i, lvl in enumerate(LEVELS)}
        return table.sort_index(key=lambda idx: idx.map(order) if idx.name == "level" else idx)


def _passage_rows(level: str, frame: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    a, b = frame.iloc[found.a.to_numpy()].reset_index(drop=True), frame.iloc[found.b.to_numpy()].reset_index(drop=True)
    return pd.DataFrame({
        "level": level, "doc_a": a.doc_id, "doc_b": b.doc_id,
        "start_a": a.char_start.astype(int), "end_a": a.char_end.astype(int),
        "start_b": b.char_start.astype(int), "end_b": b.char_end.astype(int),
        "cosine": found.cosine.to_numpy(), "jaccard": found.jaccard.to_numpy(),
        "cover_a": found.cover_a.to_numpy(), "cover_b": found.cover_b.to_numpy(),
        "category": found.category.to_numpy(), "text_a": a.text, "text_b": b.text,
    })


def _inside(sentence_rows: pd.DataFrame, paragraph_rows: pd.DataFrame) -> np.ndarray:
    """Sentence pairs whose two sentences lie inside the two paragraphs of a reported paragraph pair.

    Each paragraph pair is checked only against the sentence pairs of the same two articles.
    """
    inside = np.zeros(len(sentence_rows), dtype=bool)
    if not len(sentence_rows) or not len(paragraph_rows):
        return inside
    groups = sentence_rows.groupby(["doc_a", "doc_b"], sort=False).indices  # article pair -> row positions
    sa, ea, sb, eb = (sentence_rows[c].to_numpy() for c in ("start_a", "end_a", "start_b", "end_b"))
    for p in paragraph_rows.itertuples(index=False):
        for a_doc, b_doc, a0, a1, b0, b1 in [(p.doc_a, p.doc_b, p.start_a, p.end_a, p.start_b, p.end_b),
                                              (p.doc_b, p.doc_a, p.start_b, p.end_b, p.start_a, p.end_a)]:
            rows = groups.get((a_doc, b_doc))
            if rows is not None:
                inside[rows] |= (sa[rows] >= a0) & (ea[rows] <= a1) & (sb[rows] >= b0) & (eb[rows] <= b1)
    return inside


def _overlap(documents: pd.DataFrame, sent_frame: pd.DataFrame, sent_vectors: np.ndarray,
             sentence_rows: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """For each ordered article pair: share of a's body text that has a match in b, by category."""
    body = sent_frame[sent_frame.role == "body"]
    body_vectors = sent_vectors[sent_frame.role.to_numpy() == "body"]
    docs = sorted(documents.doc_id)
    length = body.assign(n=body.char_end - body.char_start).groupby("doc_id").n.sum().to_dict()
    means = {}
    for doc in docs:
        rows = body_vectors[body.doc_id.to_numpy() == doc]
        mean = rows.mean(axis=0) if len(rows) else np.zeros(sent_vectors.shape[1], dtype=np.float32)
        means[doc] = mean / (np.linalg.norm(mean) or 1.0)
    cross = sentence_rows[sentence_rows.doc_a != sentence_rows.doc_b]
    matched: dict[tuple[str, str], dict[int, str]] = {}
    for r in cross.itertuples():
        for x, y, start in [(r.doc_a, r.doc_b, r.start_a), (r.doc_b, r.doc_a, r.start_b)]:
            spans = matched.setdefault((x, y), {})
            if start not in spans or _SEVERITY[r.category] < _SEVERITY[spans[start]]:
                spans[start] = r.category
    span_length = dict(zip(zip(body.doc_id, body.char_start), body.char_end - body.char_start))
    small = len(docs) <= 200
    rows = []
    for a in docs:
        for b in docs:
            if a == b or (not small and (a, b) not in matched):
                continue
            shares = dict.fromkeys(CATEGORIES[:3], 0.0)
            for start, category in matched.get((a, b), {}).items():
                shares[category] += span_length.get((a, start), 0) / max(length.get(a, 0), 1)
            covered = sum(shares.values())
            category = _by_cover(shares, settings.document_cover, settings.verbatim_jaccard)
            rows.append((a, b, shares["verbatim"], shares["edited"], shares["paraphrase"], covered,
                         float(np.round(means[a] @ means[b], 6)), category))
    return pd.DataFrame(rows, columns=list(SCHEMAS["document_overlap.csv"]))


def detect(documents: pd.DataFrame, paragraphs: pd.DataFrame, sentences: pd.DataFrame,
           embed, settings: Settings = Settings(), shared: dict | None = None) -> Detection:
    """Find near-duplicates at every level.

    Args:
        documents, paragraphs, sentences: the tables of step 01.
        embed: a function from a list of texts to L2-normalized vectors (``embeddings.embed``).
        settings: thresholds and limits.
        shared: threshold-independent work kept across calls on the same tables (see
            :func:`sensitivity`); by level, then as in :func:`_pairs_at_level`.

    Returns:
        A :class:`Detection`: ``pairs`` has the columns of ``near_duplicates.csv`` (reported pairs
        only, no ``topical``), ``overlap`` those of ``document_overlap.csv``.
    """
    calibrations, backgrounds, found, frames = [], {}, {}, {}
    raw_sentences = None
    for level in ("sentence", "paragraph"):
        frame = units(paragraphs, sentences, level, settings)
        vectors = embed(frame.text.tolist()) if len(frame) else np.zeros((0, 1), dtype=np.float32)
        background = _background(frame.doc_id.to_numpy(), frame.role.to_numpy(), vectors, settings)
        calibration = calibrate(level, background, settings)
        calibrations.append(calibration)
        backgrounds[level] = background
        forced = (_paragraphs_from_sentences(frames["sentence"][0], raw_sentences, frame, settings.document_cover,
                                             settings.verbatim_jaccard)
                  if level == "paragraph" else None)
        raw = _pairs_at_level(frame, vectors, calibration, settings, forced,
                              None if shared is None else shared.setdefault(level, {}))
        raw_sentences = raw if level == "sentence" else raw_sentences
        found[level] = _passage_rows(level, frame, raw)
        frames[level] = (frame, vectors)
    sentence_rows = found["sentence"]
    overlap = _overlap(documents, *frames["sentence"], sentence_rows, settings)
    sentence_rows = sentence_rows[~_inside(sentence_rows, found["paragraph"])]
    reported = overlap[(overlap.category != "topical") & (overlap.doc_a < overlap.doc_b)]
    reverse = overlap.set_index(["doc_a", "doc_b"])
    titles = documents.set_index("doc_id").title.to_dict()
    chars = documents.set_index("doc_id").chars.to_dict()
    doc_rows = pd.DataFrame({
        "level": "document", "doc_a": reported.doc_a, "doc_b": reported.doc_b, "start_a": 0,
        "end_a": reported.doc_a.map(chars), "start_b": 0, "end_b": reported.doc_b.map(chars),
        "cosine": reported.cosine,
        "jaccard": float("nan"),
        "cover_a": reported.covered,
        "cover_b": [reverse.loc[(b, a), "covered"] for a, b in zip(reported.doc_a, reported.doc_b)],
        "category": reported.category, "text_a": reported.doc_a.map(titles), "text_b": reported.doc_b.map(titles),
    })
    pairs = pd.concat([doc_rows, found["paragraph"], sentence_rows], ignore_index=True)
    dates = documents.set_index("doc_id").published.to_dict()
    pairs["earlier"] = [_earlier(a, b, dates) for a, b in zip(pairs.doc_a, pairs.doc_b)]
    pairs["level_order"] = pairs.level.map({lvl: i for i, lvl in enumerate(LEVELS)})
    pairs["severity"] = pairs.category.map(_SEVERITY)
    pairs = pairs.sort_values(["level_order", "severity", "cosine", "doc_a", "start_a", "doc_b", "start_b"],
                              ascending=[True, True, False, True, True, True, True], kind="stable")
    pairs = pairs[list(SCHEMAS["near_duplicates.csv"])].reset_index(drop=True)
    return Detection(pairs=pairs, overlap=overlap, calibration=calibrations, backgrounds=backgrounds)


def _earlier(a: str, b: str, dates: dict[str, str]) -> str:
    da, db = dates.get(a, ""), dates.get(b, "")
    if a == b or not da or not db or da == db:
        return ""
    return a if da < db else b


def sensitivity(documents: pd.DataFrame, paragraphs: pd.DataFrame, sentences: pd.DataFrame, embed,
                settings: Settings = Settings(), zs: tuple[float, ...] = (2.0, 2.5, 3.0, 3.5, 4.0, 5.0),
                cache_dir: str | Path | None = None) -> pd.DataFrame:
    """How many pairs each level reports per category as the calibration knob ``z`` moves.

    Runs the whole detection once per ``z``, sharing what does not depend on ``z`` (shingles,
    lexical candidates, one similarity pass at the lowest threshold): the same pairs as separate
    runs, for about the cost of one. Give it a caching embedder (:class:`Embedder`) so the texts
    are embedded only once.

    ``cache_dir``: keep the table in ``cache_dir/sensitivity/``, named by everything it depends on
    (the three tables, the settings other than ``z``, ``zs``, the embedder's ``identity`` and the
    library's source), so a rerun that changes only ``z``, or nothing this table uses, reads it
    back instead of repeating the detections. Without an embedder ``identity`` nothing is cached.
    """
    key = _sensitivity_key(documents, paragraphs, sentences, embed, settings, zs)
    cached = Path(cache_dir) / "sensitivity" / f"{key}.csv" if cache_dir is not None and key else None
    if cached is not None and cached.is_file():
        try:
            return _read_sensitivity(cached)
        except (OSError, ValueError, KeyError):
            pass  # a damaged cache file is recomputed, not trusted
    rows = []
    shared: dict = {}
    # The lowest z first: its pass finds every later call's candidates.
    for z in track(sorted(zs), "sensitivity: detection per z", unit="z"):
        run = detect(documents, paragraphs, sentences, embed, replace(settings, z=z), shared)
        thresholds = {c.level: c.threshold for c in run.calibration}
        for level in ("sentence", "paragraph"):
            counts = run.pairs[run.pairs.level == level].category.value_counts()
            rows.append((z, level, thresholds[level], *(int(counts.get(c, 0)) for c in CATEGORIES[:3])))
    table = pd.DataFrame(rows, columns=list(SCHEMAS["sensitivity.csv"]))
    if cached is not None:
        with replacing(cached) as tmp:
            table.to_csv(tmp, index=False)
    return table


def _sensitivity_key(documents: pd.DataFrame, paragraphs: pd.DataFrame, sentences: pd.DataFrame, embed,
                     settings: Settings, zs: tuple[float, ...]) -> str | None:
    identity = getattr(embed, "identity", None)
    if not identity:
        return None
    digest = hashlib.sha256()
    for frame in (documents, paragraphs, sentences):
        digest.update(json.dumps(list(map(str, frame.columns))).encode("utf-8"))
        digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    digest.update(json.dumps({"settings": asdict(replace(settings, z=0.0)), "zs": sorted(map(float, zs)),
                              "embedder": identity}, sort_keys=True, default=str).encode("utf-8"))
    for source in source_files(["near_duplicates"]):  # the code that computes the table
        digest.update(source.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0" + source.read_bytes())
    return digest.hexdigest()[:32]


def _read_sensitivity(path: Path) -> pd.DataFrame:
    columns = list(SCHEMAS["sensitivity.csv"])
    table = pd.read_csv(path, keep_default_na=False)  # pandas reads floats back exactly
    if list(table.columns) != columns:
        raise ValueError(f"{path.name}: unexpected columns")
    return table


# --- evaluation -------------------------------------------------------------------------------


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


def evaluate(labelled: pd.DataFrame, embed, settings: Settings = Settings()) -> tuple[pd.DataFrame, pd.DataFrame]:
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
            if a != b and (key not in strongest or _SEVERITY[category] < _SEVERITY[strongest[key]]):
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


# --- side by side -----------------------------------------------------------------------------


@dataclass
class SideBySide:
    """Aligned passage pairs; shown as an HTML table in a notebook, with shared words marked."""

    rows: list[dict]

    def _repr_html_(self) -> str:
        out = ['<table style="table-layout:fixed;width:100%"><thead><tr><th style="width:14%">pair</th>'
               "<th>passage a</th><th>passage b</th></tr></thead><tbody>"]
        for r in self.rows:
            out.append(
                f"<tr><td style='vertical-align:top;text-align:left'>{html.escape(r['label']).replace(chr(10), '<br>')}</td>"
                f"<td style='vertical-align:top;text-align:left'>{r['html_a']}</td>"
                f"<td style='vertical-align:top;text-align:left'>{r['html_b']}</td></tr>")
        out.append("</tbody></table>")
        return "".join(out)


def _segments(tokens: list[str], spans: list[tuple[int, int]]) -> list[tuple[str, bool]]:
    """Runs of ``tokens`` as ``(text, shared)``, shared where a span covers them."""
    shared = np.zeros(len(tokens), dtype=bool)
    for s, e in spans:
        shared[s:e] = True
    runs, k = [], 0
    while k < len(tokens):
        m = k
        while m < len(tokens) and shared[m] == shared[k]:
            m += 1
        runs.append(("".join(tokens[k:m]), bool(shared[k])))
        k = m
    return runs


def aligned_segments(text_a: str, text_b: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]], float]:
    """Each passage cut into runs ``(text, shared)`` by the word runs it shares with the other.

    difflib on words (case and apostrophes folded). Also returns the share of ``text_a``'s words
    inside shared runs. Templates mark the shared runs; nothing here is HTML.
    """
    tok_a, tok_b = re.findall(r"\w+|\W+", text_a), re.findall(r"\w+|\W+", text_b)
    key = lambda t: t.lower().replace("’", "'") if t.strip() else " "  # noqa: E731
    matcher = difflib.SequenceMatcher(None, [key(t) for t in tok_a], [key(t) for t in tok_b], autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size and any(tok_a[m.a + q].strip() and
                                                                        tok_a[m.a + q][0].isalnum()
                                                                        for q in range(m.size))]
    words_a = sum(1 for t in tok_a if t[:1].isalnum())
    shared_a = sum(1 for m in blocks for t in tok_a[m.a:m.a + m.size] if t[:1].isalnum())
    return (_segments(tok_a, [(m.a, m.a + m.size) for m in blocks]),
            _segments(tok_b, [(m.b, m.b + m.size) for m in blocks]),
            shared_a / words_a if words_a else 0.0)


def align(text_a: str, text_b: str) -> tuple[str, str, float]:
    """:func:`aligned_segments` as escaped HTML with ``<mark>`` around shared runs (for notebooks)."""
    runs_a, runs_b, share = aligned_segments(text_a, text_b)
    as_html = lambda runs: "".join(f"<mark>{html.escape(t)}</mark>" if shared else html.escape(t)  # noqa: E731
                                   for t, shared in runs)
    return as_html(runs_a), as_html(runs_b), share


def side_by_side(pairs: pd.DataFrame, top: int = 10, per_category: bool = True,
                 within_article: bool | None = None) -> SideBySide:
    """The top passage pairs (of each category, or overall) aligned side by side.

    ``within_article``: True for repetitions inside one article only, False for pairs across
    articles only, None for both.
    """
    passages = pairs[pairs.level != "document"]
    if within_article is not None:
        passages = passages[(passages.doc_a == passages.doc_b) == within_article]
    if per_category:
        passages = passages.groupby("category", sort=False, group_keys=False).head(top)
    else:
        passages = passages.head(top)
    rows = []
    for r in passages.itertuples():
        html_a, html_b, _ = align(r.text_a, r.text_b)
        label = (f"{r.category} {r.level}\n{r.doc_a} [{r.start_a}–{r.end_a}]\n{r.doc_b} [{r.start_b}–{r.end_b}]\n"
                 f"cosine {r.cosine:.2f} · Jaccard {r.jaccard:.2f}"
                 + (f"\nearlier: {r.earlier}" if r.earlier else ""))
        rows.append({"label": label, "html_a": html_a, "html_b": html_b})
    return SideBySide(rows)


# --- plots ------------------------------------------------------------------------------------


def plot_coverage_heatmap(overlap: pd.DataFrame, value: str = "covered", title: str | None = None):
    """Article x article heatmap: row article's share covered by the column article (or ``cosine``)."""
    from newsbrief.figures import plt

    docs = sorted(set(overlap.doc_a) | set(overlap.doc_b))
    matrix = overlap.pivot(index="doc_a", columns="doc_b", values=value).reindex(index=docs, columns=docs)
    shown = matrix.to_numpy(dtype=float, copy=True)
    np.fill_diagonal(shown, np.nan)
    short = [d.split("_")[0] for d in docs]
    labels = short if len(set(short)) == len(docs) else docs
    size = min(1.0 + 0.8 * len(docs), MAX_FIGURE_INCHES)
    fig, ax = plt.subplots(figsize=(size + 1.5, size))
    image = ax.imshow(shown, cmap="viridis", vmin=0, vmax=1 if value != "cosine" else None)
    if len(docs) <= MAX_LABELS:
        ax.set_xticks(range(len(docs)), labels, rotation=45, ha="right")
        ax.set_yticks(range(len(docs)), labels)
    else:
        ax.set_xlabel(f"{len(docs)} articles in name order")
    if len(docs) <= 15:
        for r in range(len(docs)):
            for c in range(len(docs)):
                if r != c and not np.isnan(shown[r, c]):
                    light = image.norm(shown[r, c]) > 0.6  # dark text on the bright end of viridis
                    ax.text(c, r, f"{shown[r, c]:.2f}", ha="center", va="center", fontsize=8,
                            color="black" if light else "white")
    fig.colorbar(image, ax=ax, shrink=0.8, label=value)
    if len(docs) <= MAX_LABELS:
        ax.set_xlabel("covered by")
    ax.set_title(title or ("Share of each article covered by another" if value == "covered"
                           else f"Article similarity ({value})"))
    fig.tight_layout()
    return fig


def plot_pair_scatter(detection: Detection):
    """Background pair cosines against the calibrated thresholds, with reported pairs marked."""
    from newsbrief.figures import plt

    levels = [c.level for c in detection.calibration]
    fig, axes = plt.subplots(1, len(levels), figsize=(4.5 * len(levels), 3.4), squeeze=False)
    colours = {"verbatim": "#b03a2e", "edited": "#d9a441", "paraphrase": "#3b6ea5"}
    for ax, calibration in zip(axes[0], detection.calibration):
        background = detection.backgrounds[calibration.level]
        if len(background):
            ax.hist(background, bins=40, color="#bbbbbb", label="cross-article background")
        ax.axvline(calibration.threshold, color="black", ls="--", lw=1,
                   label=f"paraphrase threshold {calibration.threshold:.2f}")
        found = detection.pairs[detection.pairs.level == calibration.level]
        for category, colour in colours.items():
            values = found[found.category == category].cosine
            if len(values):
                ax.plot(values, np.zeros(len(values)), "|", ms=14, mew=2, color=colour, label=category)
        ax.set_title(f"{calibration.level} pairs")
        ax.set_xlabel("cosine")
        ax.legend(fontsize=7, frameon=False, loc="upper left")
    fig.tight_layout()
    return fig
