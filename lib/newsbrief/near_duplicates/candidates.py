"""Which pairs of a level are worth scoring, found without scoring all of them on large corpora.

In: one level's units (article, role, text) and their embeddings. Out: the rules a pair is
compared by (:func:`allowed_pairs`), lexical candidate pairs with the units' shingle sets
(:func:`lexical_candidates`), semantic candidates with each unit's nearest passages in other
articles (:func:`similarity_pass`), and a pair's margin over those neighbours
(:func:`neighbour_margin`).

Two paths give the same candidates: for up to ``exhaustive_limit`` units every pair is looked at
(a sparse product of shingle sets, all cosines); above it, MinHash LSH plus a sparse product
without boilerplate shingles (lexical), and each unit's nearest neighbours in embedding space
(semantic). Every candidate is then scored exactly, so both paths report the same pairs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse

from newsbrief.near_duplicates.settings import Settings, SimilarityPass
from newsbrief.near_duplicates.signals import shingles
from newsbrief.progress import Progress

__all__ = ["allowed_pairs", "lexical_candidates", "neighbour_margin", "similarity_pass"]

_LSH_CHUNK = 1000  # passages signed per MinHash.bulk call (a progress step)


def allowed_pairs(doc_ids: np.ndarray, roles: np.ndarray, i: np.ndarray,
                  j: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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


def lexical_candidates(texts: list[str], exhaustive: bool, settings: Settings,
                       label: str = "passages") -> tuple[tuple[np.ndarray, np.ndarray], list[frozenset]]:
    """Pairs ``(i, j)`` of ``texts`` that may reach the edited threshold, and each text's shingles.

    Exhaustive: counted exactly. Otherwise Jaccard-LSH finds the copies and edits, and the sparse
    product without boilerplate shingles adds a short passage copied into a longer one, which
    Jaccard-LSH misses by design. A pair may appear more than once.
    """
    matrix, sizes, sets = _shingle_matrix(texts)
    lex = _lexical_candidates_exhaustive(matrix, sizes, settings, None if exhaustive else settings.max_df)
    if not exhaustive:
        lsh = _lexical_candidates_lsh(sets, settings, label)
        lex = tuple(np.concatenate(pair) for pair in zip(lex, lsh))
    return lex, sets


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
                                   max_df: int | None = None) -> tuple[np.ndarray, np.ndarray]:
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


def _lexical_candidates_lsh(sets: list[frozenset], settings: Settings,
                            label: str = "passages") -> tuple[np.ndarray, np.ndarray]:
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


def _similarity_block(start: int, vectors: np.ndarray, codes: np.ndarray, threshold: float, exhaustive: bool,
                      k: int, width: int, block: int) -> tuple:
    """One block of rows of the pass: its candidate pairs (i, j, cosine) and its rows' nearest units in
    other articles (index, cosine), from the rows' cosines to every unit."""
    n = len(vectors)
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
    pairs = ([i[i < j], j[i > j]], [j[i < j], i[i > j]], [sims[r, c][i < j], sims[r, c][i > j]])
    sims[codes[rows][:, None] == codes[None, :]] = -np.inf  # neighbours come from other articles
    nearest = _top_stable(sims, width)
    got = np.take_along_axis(sims, nearest, axis=1)
    ok = np.isfinite(got)
    return pairs, rows, np.where(ok, nearest, -1), np.where(ok, got, np.nan)


BLOCK_ROWS = 2048  # rows of the embedding matrix a block of the pass compares with all of it, at most
BLOCK_BYTES = 2_000_000_000  # and no more rows than keep a block's cosines (about 3 copies) under this


def block_rows(n: int) -> int:
    """The rows of a block for ``n`` units: BLOCK_ROWS up to about 80,000 units, then fewer (at least 256),
    so that a block stays near BLOCK_BYTES however large the corpus."""
    return max(256, min(BLOCK_ROWS, BLOCK_BYTES // (12 * max(n, 1))))


def similarity_pass(vectors: np.ndarray, doc_ids: np.ndarray, threshold: float, exhaustive: bool,
                    settings: Settings, block: int | None = None, label: str = "passages",
                    engine: object | None = None) -> SimilarityPass:
    """One blockwise pass over the cosines of all pairs, for both things the pair stage needs.

    Returns:
        The semantic candidate pairs ``(i, j, cosine)`` with ``i < j`` and cosine >= ``threshold``
        (all of them, or those among each unit's ``neighbours`` nearest when not ``exhaustive``;
        the cosine is the larger of the pair's two computed values); and each unit's
        ``max(margin_k + 1, background_neighbour)`` closest units in other articles, closest first,
        with their cosines (the margin and the calibration background read them).
        Memory is O(block x n), never n x n (``block``: :func:`block_rows`). With an ``engine`` on a cluster (:mod:`newsbrief.cluster`),
        each block is a job on a worker that holds the vectors, and the blocks' results are joined in
        order: the same pass.
    """
    n = len(vectors)
    block = block or block_rows(n)
    k = min(settings.neighbours + 1, n)
    width = min(max(settings.margin_k + 1, settings.background_neighbour), n)
    index = np.full((n, width), -1, dtype=np.int64)
    value = np.full((n, width), np.nan, dtype=np.float32)
    codes = pd.factorize(doc_ids)[0]
    found_i, found_j, found_v = [], [], []
    starts = list(range(0, n, block))
    if getattr(engine, "client", None) is not None:
        blocks = engine.map(_similarity_block, starts, vectors, codes, threshold, exhaustive, k, width, block,
                            label=f"{label}: embedding similarity", unit="block")
    else:
        blocks = []
        with Progress(f"{label}: embedding similarity", n, "unit") as bar:
            for start in starts:
                blocks.append(_similarity_block(start, vectors, codes, threshold, exhaustive, k, width, block))
                bar.update(len(blocks[-1][1]))
    for (pair_i, pair_j, pair_v), rows, nearest, got in blocks:
        found_i += pair_i
        found_j += pair_j
        found_v += pair_v
        index[rows] = nearest
        value[rows] = got
    pairs, inverse = np.unique(np.stack([np.concatenate(found_i), np.concatenate(found_j)], axis=1), axis=0,
                               return_inverse=True)
    best = np.full(len(pairs), -np.inf, dtype=np.float64)
    np.maximum.at(best, inverse.ravel(), np.concatenate(found_v).astype(np.float64))
    return SimilarityPass(pairs[:, 0].astype(np.int64), pairs[:, 1].astype(np.int64), best, index, value, threshold)


def neighbour_margin(a: int, b: int, cosine: float, near: SimilarityPass, k: int) -> float:
    """cosine minus the larger of a's and b's mean cosine to their k nearest other passages."""
    means = []
    for x, y in ((a, b), (b, a)):
        others = near.near_cosine[x][(near.near_index[x] != y) & (near.near_index[x] >= 0)][:k]
        means.append(float(others.mean()) if len(others) else -1.0)
    return cosine - max(means)
