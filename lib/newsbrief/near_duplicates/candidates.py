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

import zlib
from collections import defaultdict

import numpy as np
import pandas as pd
from scipy import sparse

from newsbrief.cluster import Engine
from newsbrief.near_duplicates.settings import Settings, SimilarityPass
from newsbrief.near_duplicates.signals import shingles
from newsbrief.progress import Progress

__all__ = ["allowed_pairs", "lexical_candidates", "neighbour_margin", "similarity_pass"]

_LSH_CHUNK = 1000  # passages signed per MinHash.bulk call (a progress step; on a cluster, a job)
_LSH_PERM = 128  # MinHash permutations
UNIT_CHUNK = 5000  # on a cluster, passages whose shingles (or facts) one job reads


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


def lexical_candidates(texts: list[str], exhaustive: bool, settings: Settings, label: str = "passages",
                       engine: object | None = None) -> tuple[tuple[np.ndarray, np.ndarray], list[frozenset]]:
    """Pairs ``(i, j)`` of ``texts`` that may reach the edited threshold, and each text's shingles.

    Exhaustive: counted exactly. Otherwise Jaccard-LSH finds the copies and edits, and the sparse
    product without boilerplate shingles adds a short passage copied into a longer one, which
    Jaccard-LSH misses by design. A pair may appear more than once.

    With an ``engine`` on a cluster (:mod:`newsbrief.cluster`), the shingles are read in jobs of
    ``UNIT_CHUNK`` passages, and the MinHash signatures and LSH bands are made on the workers and
    shuffled there on their band keys (:func:`_lexical_candidates_lsh`): the same pairs.
    """
    sets = (engine or Engine()).map_chunks(shingle_sets, texts, UNIT_CHUNK, label=f"{label}: word shingles")
    matrix, sizes = _shingle_matrix(sets)
    lex = _lexical_candidates_exhaustive(matrix, sizes, settings, None if exhaustive else settings.max_df)
    if not exhaustive:
        lsh = _lexical_candidates_lsh(sets, settings, label, engine)
        lex = tuple(np.concatenate(pair) for pair in zip(lex, lsh))
    return lex, sets


def shingle_sets(texts: list[str]) -> list[frozenset]:
    """Each text's word shingles (:func:`~newsbrief.near_duplicates.signals.shingles`)."""
    return [shingles(t) for t in texts]


def _shingle_matrix(sets: list[frozenset]) -> tuple[sparse.csr_matrix, np.ndarray]:
    vocab: dict[tuple[str, ...], int] = {}
    rows, cols = [], []
    for r, s in enumerate(sets):
        for sh in sorted(s):
            rows.append(r)
            cols.append(vocab.setdefault(sh, len(vocab)))
    matrix = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)),
                               shape=(len(sets), max(len(vocab), 1)))
    return matrix, np.array([len(s) for s in sets], dtype=np.float64)


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


def _lsh_threshold(settings: Settings) -> float:
    """The estimated Jaccard LSH looks for: below the edited threshold, so that edits are not missed."""
    return settings.edited_jaccard * 0.7


def _lexical_candidates_lsh(sets: list[frozenset], settings: Settings, label: str = "passages",
                            engine: Engine | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Pairs whose estimated Jaccard may reach the edited threshold (MinHash LSH, seeded).

    A map and a shuffle (:meth:`~newsbrief.cluster.Engine.shuffle`): each job signs a chunk of
    passages and cuts their band keys into parts by the key's hash; each part's keys from every job
    go to one job, which pairs the passages that share a key. The bands are those datasketch's
    MinHashLSH chooses for the threshold, so a pair shares a key here exactly when it shares a
    bucket there. On a cluster the keys never come to the client, only the pairs.
    """
    from datasketch.lsh import _optimal_param

    bands, rows = _optimal_param(_lsh_threshold(settings), _LSH_PERM, 0.5, 0.5)  # MinHashLSH's default weights
    engine = engine or Engine()
    parts = 2 * engine.workers
    chunks = [(start, sets[start:start + _LSH_CHUNK]) for start in range(0, len(sets), _LSH_CHUNK)]
    found = engine.shuffle(_band_keys, chunks, _sharing_a_key, parts, settings.seed, bands, rows, parts,
                           label=f"{label}: word-shingle signatures and bands", unit="job")
    pairs = np.unique(np.concatenate([np.zeros((0, 2), dtype=np.int64), *found]), axis=0)
    return pairs[:, 0], pairs[:, 1]


def _band_keys(chunk: tuple[int, list[frozenset]], seed: int, bands: int, rows: int,
               parts: int) -> list[list[tuple[bytes, int]]]:
    """A chunk's passages signed (MinHash, seeded) and their band keys ``(band and values, passage)`` cut
    into ``parts`` lists by the key's CRC-32 (the same on every machine)."""
    from datasketch import MinHash

    start, sets = chunk
    encoded = [[" ".join(sh).encode("utf-8") for sh in sorted(s)] for s in sets]
    cut: list[list[tuple[bytes, int]]] = [[] for _ in range(parts)]
    for k, mh in enumerate(MinHash.bulk(encoded, num_perm=_LSH_PERM, seed=seed), start):
        for band in range(bands):
            key = band.to_bytes(2, "big") + bytes(mh.hashvalues[band * rows:(band + 1) * rows].byteswap().data)
            cut[zlib.crc32(key) % parts].append((key, k))
    return cut


def _sharing_a_key(*lists: list[tuple[bytes, int]]) -> np.ndarray:
    """The pairs ``(k, m)``, ``k < m``, of passages that share a band key, from one part's keys."""
    members: dict[bytes, list[int]] = defaultdict(list)
    for keys in lists:
        for key, k in keys:
            members[key].append(k)
    pairs = {(min(a, b), max(a, b)) for ks in members.values() if len(ks) > 1
             for x, a in enumerate(ks) for b in ks[x + 1:] if a != b}
    return np.array(sorted(pairs), dtype=np.int64).reshape(-1, 2)


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
    """One block of rows of the exact pass: the rows' cosines to every unit (:func:`_from_cosines`)."""
    n = len(vectors)
    sims = np.round(vectors[start:start + block] @ vectors.T, 6)
    return _from_cosines(sims, np.arange(start, min(start + block, n)), None, codes, threshold, exhaustive, k, width)


def _probe_block(block: tuple[np.ndarray, np.ndarray], vectors: np.ndarray, codes: np.ndarray, threshold: float,
                 k: int, width: int) -> tuple:
    """One block of the approximate pass (:mod:`~newsbrief.near_duplicates.index`): its rows' cosines to
    the units of the lists it is compared with (:func:`_from_cosines`)."""
    rows, columns = block
    sims = np.round(vectors[rows] @ vectors[columns].T, 6)
    return _from_cosines(sims, rows, columns, codes, threshold, False, k, width)


def _from_cosines(sims: np.ndarray, rows: np.ndarray, columns: np.ndarray | None, codes: np.ndarray,
                  threshold: float, exhaustive: bool, k: int, width: int) -> tuple:
    """From the cosines of some rows to some columns (sorted unit indices; None: every unit), the
    candidate pairs (i, j, cosine) and the rows' nearest units in other articles (index, cosine)."""
    cols = columns if columns is not None else np.arange(sims.shape[1])
    k, near_width = min(k, sims.shape[1]), min(width, sims.shape[1])
    if exhaustive:
        r, c = np.nonzero(sims >= threshold)
    else:
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        r = np.repeat(np.arange(len(rows)), k)
        c = top.ravel()
        keep = sims[r, c] >= threshold
        r, c = r[keep], c[keep]
    i, j = rows[r], cols[c]
    pairs = ([i[i < j], j[i > j]], [j[i < j], i[i > j]], [sims[r, c][i < j], sims[r, c][i > j]])
    sims[codes[rows][:, None] == codes[cols][None, :]] = -np.inf  # neighbours come from other articles
    nearest = _top_stable(sims, near_width)
    got = np.take_along_axis(sims, nearest, axis=1)
    ok = np.isfinite(got)
    index = np.full((len(rows), width), -1, dtype=np.int64)
    value = np.full((len(rows), width), np.nan, dtype=sims.dtype)
    index[:, :near_width] = np.where(ok, cols[nearest], -1)
    value[:, :near_width] = np.where(ok, got, np.nan)
    return pairs, rows, index, value


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
        Memory is O(block x n), never n x n (``block``: :func:`block_rows`). With an ``engine`` on a
        cluster (:mod:`newsbrief.cluster`), each block is a job on a worker that holds the vectors, and
        the blocks' results are joined in order: the same pass.
        With ``settings.neighbour_index`` "lists" (and not ``exhaustive``), each unit is compared with
        the units of the lists nearest its own (:mod:`~newsbrief.near_duplicates.index`), not with all:
        an approximate pass, the same on any engine.
    """
    n = len(vectors)
    given = block
    rows_for = (lambda columns: given) if given else block_rows  # a block's rows, for so many columns
    block = rows_for(n)
    k = min(settings.neighbours + 1, n)
    width = min(max(settings.margin_k + 1, settings.background_neighbour), n)
    index = np.full((n, width), -1, dtype=np.int64)
    value = np.full((n, width), np.nan, dtype=np.float32)
    codes = pd.factorize(doc_ids)[0]
    found_i, found_j, found_v = [], [], []
    starts = list(range(0, n, block))
    if not exhaustive and settings.neighbour_index == "lists":
        from newsbrief.near_duplicates.index import probe_blocks

        work = probe_blocks(vectors, settings.probe_lists, settings.seed, rows_for, engine)
        blocks = (engine or Engine()).map(_probe_block, work, vectors, codes, threshold, k, width,
                                          label=f"{label}: embedding similarity (lists)", unit="block")
    elif getattr(engine, "client", None) is not None:
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
