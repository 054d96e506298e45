"""Plot files that are the same bytes on every run.

In: a matplotlib figure. Out: a PNG with no software or date stamp, at a fixed size and
resolution, written atomically, so reruns produce identical files.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt

from newsbrief.files import replacing

__all__ = ["DPI", "save_figure", "plt"]

DPI = 110
plt.rcParams.update({"figure.dpi": DPI, "savefig.dpi": DPI, "font.size": 9, "axes.titlesize": 10,
                     "svg.hashsalt": "newsbrief"})


def save_figure(fig: "matplotlib.figure.Figure", figures_dir: str | Path, name: str) -> None:
    """Save ``fig`` as ``figures_dir/name`` (PNG, no metadata stamp).

    In a notebook the figure is still shown inline after the cell, as any pyplot figure is.
    """
    with replacing(Path(figures_dir) / name) as tmp:
        fig.savefig(tmp, format="png", metadata={"Software": None}, bbox_inches="tight")
