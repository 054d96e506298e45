"""The near-duplicate step's figures: article coverage as a heatmap, pair cosines against thresholds.

In: ``document_overlap.csv``'s frame, or a :class:`Detection`. Out: matplotlib figures
(:func:`plot_coverage_heatmap`, :func:`plot_pair_scatter`), saved by the notebook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from newsbrief.labels import key
from newsbrief.text import ordinal

if TYPE_CHECKING:
    from newsbrief.near_duplicates.detection import Detection

__all__ = ["MAX_FIGURE_INCHES", "MAX_LABELS", "plot_coverage_heatmap", "plot_pair_scatter"]

MAX_FIGURE_INCHES = 12  # a heatmap of hundreds of articles stays a readable, small file
MAX_LABELS = 40


def plot_coverage_heatmap(overlap: pd.DataFrame, value: str = "covered", title: str | None = None,
                          labels: dict[str, str] | None = None):
    """Article x article heatmap: row article's share covered by the column article (or ``cosine``).

    Articles are named by their labels (``labels``: doc_id -> label), their short part (outlet or
    letter) when more than 15 are drawn; without labels, by the shortest distinct id prefix."""
    from newsbrief.figures import plt

    docs = sorted(set(overlap.doc_a) | set(overlap.doc_b))
    matrix = overlap.pivot(index="doc_a", columns="doc_b", values=value).reindex(index=docs, columns=docs)
    shown = matrix.to_numpy(dtype=float, copy=True)
    np.fill_diagonal(shown, np.nan)
    if labels:
        names = [labels.get(d, d) if len(docs) <= 15 else key(labels.get(d, d)) for d in docs]
    else:
        short = [d.split("_")[0] for d in docs]
        names = short if len(set(short)) == len(docs) else docs
    size = min(1.0 + 0.8 * len(docs), MAX_FIGURE_INCHES)
    fig, ax = plt.subplots(figsize=(size + 1.5, size))
    # The colour scale is fitted to the values drawn (and says so): on a 0-1 scale, shares of
    # 0.00-0.03 are one dark block. A share scale starts at 0; a cosine scale at the lowest cosine.
    finite = shown[np.isfinite(shown)]
    high = float(finite.max()) if finite.size else 1.0
    low = 0.0 if value != "cosine" else (float(finite.min()) if finite.size else 0.0)
    if high <= low:
        high = low + 0.01
    image = ax.imshow(shown, cmap="viridis", vmin=low, vmax=high)
    if len(docs) <= MAX_LABELS:
        columns = [key(n) for n in names] if labels else names  # the row labels say the rest
        wide = max(map(len, columns), default=0) > 3
        ax.set_xticks(range(len(docs)), columns, rotation=45 if wide else 0, ha="right" if wide else "center")
        ax.set_yticks(range(len(docs)), names)
    else:
        ax.set_xlabel(f"{len(docs)} articles in name order")
    if len(docs) <= 15:
        for r in range(len(docs)):
            for c in range(len(docs)):
                if r != c and not np.isnan(shown[r, c]):
                    light = image.norm(shown[r, c]) > 0.6  # dark text on the bright end of viridis
                    ax.text(c, r, f"{shown[r, c]:.2f}", ha="center", va="center", fontsize=8,
                            color="black" if light else "white")
    fig.colorbar(image, ax=ax, shrink=0.8, label=f"{value} (colour scale fitted to the values: {low:.2f} to {high:.2f})")
    if len(docs) <= MAX_LABELS:
        ax.set_xlabel("covered by")
    ax.set_title(title or ("Share of each article covered by another" if value == "covered"
                           else f"Article similarity ({value})"))
    fig.tight_layout()
    return fig


def plot_pair_scatter(detection: Detection):
    """The neighbour background against the calibrated threshold, with reported sentence pairs marked."""
    from newsbrief.figures import plt

    levels = [c.level for c in detection.calibration]
    fig, axes = plt.subplots(1, len(levels), figsize=(4.5 * len(levels), 3.4), squeeze=False)
    colours = {"verbatim": "#b03a2e", "edited": "#d9a441", "paraphrase": "#3b6ea5", "shared fact": "#5a9e6f"}
    for ax, calibration in zip(axes[0], detection.calibration):
        background = detection.backgrounds[calibration.level]
        if len(background):
            ax.hist(background, bins=40, color="#bbbbbb",
                    label=f"background: each passage's cosine to its {ordinal(calibration.neighbour)}-nearest "
                          "in another article")
        ax.axvline(calibration.threshold, color="black", ls="--", lw=1,
                   label=f"paraphrase threshold {calibration.threshold:.2f}"
                         + (" (the floor)" if calibration.source == "floor" else ""))
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
