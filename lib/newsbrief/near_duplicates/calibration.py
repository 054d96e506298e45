"""The paraphrase threshold, calibrated on the corpus's own neighbours.

In: the sentence units' roles and each unit's nearest passages in other articles (from the
similarity pass). Out: the background (:func:`background_cosines`), each passage's cosine to its
``background_neighbour``-th nearest passage in another article, and the :class:`Calibration`
(:func:`calibrate`).

Why neighbours and not all pairs: in a one-story corpus every pair is alike, and in a corpus of
many topics most pairs are strangers; an all-pairs background is high in the first and low in the
second, so a threshold set from it is too strict in one and falls to its floor in the other. A
passage's fifth-nearest passage elsewhere is, in either corpus, a close passage that says something
else: a paraphrase must stand ``z`` robust standard deviations above what those score, and above a
floor below which the model's cosines do not indicate paraphrase. When the floor is the higher of
the two, the calibration says so (``source`` "floor").
"""

from __future__ import annotations

import numpy as np

from newsbrief.near_duplicates.settings import Calibration, Settings, SimilarityPass

__all__ = ["background_cosines", "calibrate", "z_range"]


def background_cosines(roles: np.ndarray, near: SimilarityPass, settings: Settings) -> np.ndarray:
    """Each body unit's cosine to its ``background_neighbour``-th nearest unit in another article.

    Units with fewer neighbours than that in other articles are left out.
    """
    column = settings.background_neighbour - 1
    if near.near_cosine.shape[1] <= column:
        return np.zeros(0, dtype=np.float32)
    values = near.near_cosine[roles == "body", column]
    return np.round(values[np.isfinite(values)], 6)


def z_range(category: str, cosine: float, calibration: Calibration) -> tuple[float, float]:
    """The range of ``z`` over which a pair of ``category`` and ``cosine`` keeps its call: ``(z_from, z_to)``.

    A paraphrase holds while the threshold ``max(floor, median + z * spread)`` stays at or below its
    cosine: up to ``z_to = (cosine - median) / spread``. A shared fact holds while the threshold stays
    above its cosine: from ``z_from``, the same value. Copies and edits do not depend on ``z``. NaN is an
    open end (every ``z`` that way), as for a fixed threshold or a background without spread.
    """
    nan = float("nan")
    if calibration.source == "fixed" or not calibration.spread or calibration.spread != calibration.spread:
        return nan, nan
    limit = round((cosine - calibration.median) / calibration.spread, 2)
    if category == "paraphrase":
        return nan, limit
    if category == "shared fact" and cosine >= calibration.floor:
        return limit, nan
    return nan, nan


def calibrate(level: str, background: np.ndarray, settings: Settings = Settings()) -> Calibration:
    """The paraphrase threshold of ``level``: ``max(floor, median + z * spread)`` of the background."""
    floor, z, neighbour, n = float(settings.floor), settings.z, settings.background_neighbour, len(background)
    nan = float("nan")
    median = round(float(np.median(background)), 4) if n else nan
    if settings.paraphrase_cosine is not None:
        return Calibration(level, neighbour, n, median, nan, z, floor, float(settings.paraphrase_cosine), "fixed")
    if n == 0:
        return Calibration(level, neighbour, 0, nan, nan, z, floor, floor, "floor")
    spread = round(float(1.4826 * np.median(np.abs(background - np.median(background)))), 4)
    calibrated = round(float(np.median(background)) + z * spread, 4)
    source = "calibrated" if calibrated >= floor else "floor"
    return Calibration(level, neighbour, n, median, spread, z, floor, max(calibrated, floor), source)
