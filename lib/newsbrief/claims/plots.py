"""The claims chart: each figure an interval on a log axis, grouped by article.

In:  the claims table (:func:`newsbrief.claims.extract.claims_table`, or ``claims.csv`` read back).
Out: a matplotlib figure (:func:`plot_claims`).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = ["plot_claims"]


def plot_claims(claims: pd.DataFrame, kinds: Iterable[str] = ("count",), max_rows: int = 60):
    """Each figure of the given kinds as an interval on a log axis, one row per figure.

    A closed interval is a bar with end caps, a point a dot, an open side an arrow running to
    the plot's edge; rows are grouped by article so disagreement between articles shows at a
    glance. Vague figures ("thousands") are left out.
    """
    import math

    from newsbrief.figures import plt

    shown = claims[claims.kind.isin(list(kinds)) & ~claims.vague.astype(bool)]
    shown = shown[(shown.value_low.fillna(1) > 0) & (shown.value_high.fillna(1) > 0)]
    total = len(shown)
    shown = shown.head(max_rows)
    fig, ax = plt.subplots(figsize=(8, 0.38 * max(len(shown), 1) + 1.4))
    if shown.empty:
        ax.text(0.5, 0.5, "no figure of kind " + ", ".join(kinds), ha="center", va="center",
                transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    values = pd.concat([shown.value_low, shown.value_high]).dropna()
    left, right = values.min() / 3, values.max() * 3
    labels = []
    for row_no, c in enumerate(shown.itertuples()):
        y = len(shown) - 1 - row_no
        low_open, high_open = math.isnan(c.value_low), math.isnan(c.value_high)
        low = left if low_open else c.value_low
        high = right if high_open else c.value_high
        colour = f"C{sorted(shown.doc_id.unique()).index(c.doc_id) % 10}"
        ax.plot([low, high], [y, y], color=colour, lw=2)
        if low == high:
            ax.plot([low], [y], "o", color=colour)
        if low_open:
            ax.annotate("", xy=(left, y), xytext=(c.value_high, y),
                        arrowprops={"arrowstyle": "->", "color": colour})
        if high_open:
            ax.annotate("", xy=(right, y), xytext=(c.value_low, y),
                        arrowprops={"arrowstyle": "->", "color": colour})
        labels.append(f"{c.doc_id}: {c.surface}"[:60])
    ax.set_xscale("log")
    ax.set_xlim(left, right)
    ax.set_yticks(range(len(shown)), labels[::-1])
    ax.set_xlabel("value (log scale); arrows are open-ended claims")
    ax.set_title("Figures claimed, as intervals, per article"
                 + (f" (first {len(shown)} of {total})" if len(shown) < total else ""))
    ax.grid(axis="x", which="both", alpha=0.3)
    fig.tight_layout()
    return fig
