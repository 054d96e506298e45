"""An approximate nearest-neighbour index for the scale path: inverted lists of the embedding space.

In: a level's L2-normalised vectors, the number of lists each list is compared with (``probe``), a
seed. Out: the work of an approximate similarity pass (:func:`probe_blocks`): blocks of rows, each
with the columns it is compared with, so that a unit is compared with the units of the ``probe``
lists nearest its own, not with every unit.

The vectors are cut into about sqrt(n) lists by spherical k-means, trained on a seeded sample of
``TRAIN_PER_LIST`` vectors per list (``ITERATIONS`` rounds of Lloyd's algorithm, here, once); every
vector goes to the list of its nearest centroid (jobs of blocks of rows on a cluster). A list is
compared with itself and with the ``probe - 1`` lists whose centroids are nearest its centroid. The
lists, and so the pass, depend on the vectors and the seed only: the same on any engine and with any
number of workers. A pair the lists keep apart is missed: its recall against the exact pass is
measured in ``benchmarks/neighbour_index.py``.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

__all__ = ["ITERATIONS", "TRAIN_PER_LIST", "lists_for", "probe_blocks", "train"]

TRAIN_PER_LIST = 64  # sampled vectors per list the centroids are trained on
ITERATIONS = 10  # rounds of Lloyd's algorithm
_ASSIGN_ROWS = 65_536  # vectors assigned to their list per job


def lists_for(n: int) -> int:
    """How many lists for ``n`` vectors: about sqrt(n), at least 1."""
    return max(1, round(math.sqrt(n)))


def train(vectors: np.ndarray, lists: int, seed: int) -> np.ndarray:
    """``lists`` unit-length centroids from a seeded sample of the vectors (spherical k-means)."""
    rng = np.random.default_rng(seed)
    n = len(vectors)
    sample = vectors[np.sort(rng.choice(n, size=min(n, TRAIN_PER_LIST * lists), replace=False))]
    centroids = sample[np.sort(rng.choice(len(sample), size=min(lists, len(sample)), replace=False))].copy()
    for _ in range(ITERATIONS):
        labels = _nearest_centroid(sample, centroids)
        sums = np.zeros_like(centroids)
        np.add.at(sums, labels, sample)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        filled = norms[:, 0] > 0  # a list no sample joined keeps its centroid
        centroids[filled] = sums[filled] / norms[filled]
    return centroids


def _nearest_centroid(vectors: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    """Each vector's nearest centroid (the lower index on a tie)."""
    return np.argmax(vectors @ centroids.T, axis=1)


def _assign(start: int, vectors: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    return _nearest_centroid(vectors[start:start + _ASSIGN_ROWS], centroids)


def probe_blocks(vectors: np.ndarray, probe: int, seed: int, rows_for: Callable[[int], int],
                 engine: object | None = None) -> list[tuple[np.ndarray, np.ndarray]]:
    """The blocks of an approximate pass: ``(rows, columns)``, both sorted unit indices, each block at
    most ``rows_for(columns)`` rows of one list, its columns the units of that list's ``probe`` nearest
    lists (itself included). Every unit is a row of exactly one block."""
    from newsbrief.cluster import Engine

    n = len(vectors)
    centroids = train(vectors, lists_for(n), seed)
    starts = list(range(0, n, _ASSIGN_ROWS))
    labels = np.concatenate([np.zeros(0, dtype=np.int64)] + (engine or Engine()).map(
        _assign, starts, vectors, centroids, label="passages: inverted lists", unit="block"))
    members = [np.flatnonzero(labels == k) for k in range(len(centroids))]
    between = centroids @ centroids.T
    np.fill_diagonal(between, np.inf)  # a list is always its own first probe
    near = np.argsort(-between, axis=1, kind="stable")[:, :max(1, probe)]
    blocks = []
    for k, own in enumerate(members):
        if not len(own):
            continue
        columns = np.sort(np.concatenate([members[m] for m in near[k]]))
        size = rows_for(len(columns))  # a block's cosines as bounded as an exact pass's block
        blocks += [(own[s:s + size], columns) for s in range(0, len(own), size)]
    return blocks
