"""The paraphrase threshold of a level, calibrated on the corpus's own background of pairs.

In: one level's units (article, role) and their embeddings. Out: the background, cosines of
cross-article body pairs (:func:`background_cosines`), and the level's :class:`Calibration`
(:func:`calibrate`).

Every article on one story scores high against every other, so a fixed cosine threshold calls
everything a paraphrase. The cross-article pairs form a background (mostly "same story, different
content"), and a paraphrase must stand ``z`` robust standard deviations above its median, and
above a floor below which the model's cosines do not indicate paraphrase.
"""

from __future__ import annotations

import numpy as np

from newsbrief.near_duplicates.settings import Calibration, Settings

__all__ = ["background_cosines", "calibrate"]


def background_cosines(doc_ids: np.ndarray, roles: np.ndarray, vectors: np.ndarray, settings: Settings) -> np.ndarray:
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
