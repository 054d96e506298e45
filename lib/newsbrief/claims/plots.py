"""The claims chart: each figure an interval on a log axis, grouped by article.

In:  the claims table (:func:`newsbrief.claims.extract.claims_table`, or ``claims.csv`` read back).
Out: a matplotlib figure (:func:`plot_claims`), drawn with :func:`newsbrief.figures.draw_interval`
     like the comparison chart of :mod:`newsbrief.comparison`.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = ["plot_claims"]

def plot_claims(claims: pd.DataFrame, kinds: Iterable[str] = ("count",), max_rows: int = 60,
                labels: dict[str, str] | None = None):
    """Each figure of the given kinds as an interval on a log axis, one row per figure.

    Each row is drawn by :func:`newsbrief.figures.draw_interval`: a closed interval is a bar, a
    point a dot, an open side an arrow running to the plot's edge. Rows are grouped by article (one
    colour each) so disagreement between articles shows at a glance. Vague figures ("thousands")
    are left out, and at most ``max_rows`` figures are drawn (the title says how many there are).
    Each row is named by its article's label in ``labels`` (doc_id -> label; the id without one).
    """
    import math

    from newsbrief.figures import draw_interval, plt

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
    docs = sorted(shown.doc_id.unique())
    names = []
    for row_no, c in enumerate(shown.itertuples()):
        low = None if math.isnan(c.value_low) else c.value_low
        high = None if math.isnan(c.value_high) else c.value_high
        draw_interval(ax, len(shown) - 1 - row_no, low, high, left, right, f"C{docs.index(c.doc_id) % 10}")
        names.append(f"{(labels or {}).get(c.doc_id, c.doc_id[:28])}: {c.surface}")  # the figure never cut
    ax.set_xscale("log")
    ax.set_xlim(left, right)
    ax.set_yticks(range(len(shown)), names[::-1])
    ax.set_xlabel("value (log scale); arrows are open-ended claims")
    ax.set_title("Figures claimed, as intervals, per article"
                 + (f" (first {len(shown)} of {total})" if len(shown) < total else ""))
    ax.grid(axis="x", which="both", alpha=0.3)
    fig.tight_layout()
    return fig
