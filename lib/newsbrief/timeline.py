"""Figures and forecasts over time: when each compared figure holds, and when articles say things will happen.

In:  ``claim_comparison.csv``'s frame (:func:`newsbrief.comparison.compare`: every compared figure
     with its period), or the claims table and the documents table (for forecasts).
Out: ``forecasts.csv`` (:func:`forecasts`: every forecast of timing, "as soon as next week", with the
     window of days it points to, who makes it and how hedged), and the timeline chart
     (:func:`plot_timeline`): per counted thing, each figure's value band at the period it holds in,
     a colour per scope, the undated figures in a lane of their own.
"""

from __future__ import annotations

import pandas as pd

from newsbrief.labels import key
from newsbrief.tables import frame
from newsbrief.periods import reference_period

__all__ = ["forecasts", "plot_timeline"]


def forecasts(claims: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The ``forecasts.csv`` frame: the claims of kind ``forecast``, each with the window it points to.

    The window is the forecast's time words read from its article's date (:mod:`newsbrief.periods`);
    an undated article's window is unknown and its label says so. Rows come in window order (unknown
    windows last), then by article and offset.
    """
    found = claims[claims.kind == "forecast"]
    published = documents.set_index("doc_id").published.to_dict()
    outlets = documents.set_index("doc_id").outlet.to_dict()
    rows = []
    for c in found.itertuples():
        window = reference_period(c.time_words or c.surface, published.get(c.doc_id, ""))
        rows.append({
            "doc_id": c.doc_id, "outlet": outlets.get(c.doc_id, "unknown"), "event": c.counted,
            "surface": c.surface, "window_label": window.label, "time_basis": window.basis,
            "window_start": window.start.isoformat() if window.start else "",
            "window_end": window.end.isoformat() if window.end else "",
            "attribution": c.attribution, "hedges": c.hedges, "forecast": c.forecast,
            "char_start": int(c.char_start), "char_end": int(c.char_end), "sentence": c.sentence,
        })
    table = frame("forecasts.csv", rows)
    if table.empty:
        return table
    order = table.assign(_unknown=table.window_start == "")
    order = order.sort_values(["_unknown", "window_start", "doc_id", "char_start"], kind="stable")
    return order.drop(columns="_unknown").reset_index(drop=True)


def plot_timeline(comparison: pd.DataFrame, max_things: int = 3, max_lanes: int = 5, max_per_lane: int = 8,
                  labels: dict[str, str] | None = None):
    """Per counted thing (those with the most articles first), each figure's value band at its period.

    One lane (a row of panels) per scope, at most ``max_lanes`` per thing (those with the most
    articles; the chart stays small whatever the corpus); in it, the dated figures on a time axis (a box from the
    period's first to its last day, spanning the figure's interval) and the undated ones, or those
    whose period is unknown, side by side in an "undated" panel. An open side runs to the panel's
    edge with an arrow; a point is a dot. Each mark is labelled with its article and its words; a
    lane shows at most ``max_per_lane`` figures of each kind (the first in table order, and the
    panel says how many more there are).
    """
    from matplotlib.dates import AutoDateLocator, DateFormatter, date2num

    from newsbrief.figures import plt

    counts = comparison[comparison.kind == "count"] if len(comparison) else comparison
    if counts.empty:
        fig, ax = plt.subplots(figsize=(7, 1.6))
        ax.text(0.5, 0.5, "no counts to place in time", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    things = (counts.groupby("thing").doc_id.nunique().sort_values(ascending=False, kind="stable")
              .index.tolist()[:max_things])
    docs = sorted(comparison.doc_id.unique())
    colour = {d: f"C{k % 10}" for k, d in enumerate(docs)}  # as plot_comparison
    name = {d: key(labels[d]) for d in docs} if labels else _short_names(docs)
    lanes = []  # per thing, its scopes with the most articles first (at most max_lanes), drawn in name order
    for thing in things:
        per_scope = counts[counts.thing == thing].groupby("scope").doc_id.nunique()
        busiest = per_scope.sort_values(ascending=False, kind="stable").index[:max_lanes]
        lanes += [(thing, scope) for scope in sorted(busiest)]
    fig, axes = plt.subplots(len(lanes), 2, figsize=(9, 1.15 * len(lanes) + 0.9), squeeze=False,
                             gridspec_kw={"width_ratios": [3, 2]})
    dated_all = counts[counts.thing.isin(things) & (counts.period_start != "")]
    for ax in axes[1:, 0]:
        ax.sharex(axes[0, 0])
    for ax in axes[:-1, 0]:
        ax.tick_params(labelbottom=False)
    for (dated_ax, undated_ax), (thing, scope) in zip(axes, lanes):
        _lane(dated_ax, undated_ax, counts[counts.thing == thing], scope, colour, name, max_per_lane)
    if len(dated_all):
        starts = [date2num(pd.Timestamp(d)) for d in dated_all.period_start]
        ends = [date2num(pd.Timestamp(d)) + 1 for d in dated_all.period_end]
        pad = max(3.0, (max(ends) - min(starts)) * 0.1)
        axes[0, 0].set_xlim(min(starts) - pad, max(ends) + 3 * pad)  # room on the right for the labels
        axes[-1, 0].xaxis.set_major_locator(AutoDateLocator(maxticks=5))
        axes[-1, 0].xaxis.set_major_formatter(DateFormatter("%Y-%m-%d"))
        axes[-1, 0].tick_params(axis="x", labelrotation=30)
    else:
        axes[-1, 0].set_xticks([])
    axes[-1, 0].set_xlabel("when the figure holds", fontsize=8)
    fig.suptitle("Figures over time, one lane per scope (log scale; arrows are open-ended claims)", fontsize=9)
    fig.tight_layout()
    return fig


def _short_names(docs: list[str]) -> dict[str, str]:
    """Each article id cut to the shortest prefix (at least 3 characters) that no other id shares:
    "000_81395c6dc450b57d" -> "000", "quake-police" and "quake-ministry" -> "quake-p", "quake-m"."""
    for n in range(3, max(map(len, docs), default=3) + 1):
        if len({d[:n] for d in docs}) == len(docs):
            return {d: d[:n] for d in docs}
    return {d: d for d in docs}


def _lane(dated_ax, undated_ax, same: pd.DataFrame, scope: str, colour: dict[str, str], name: dict[str, str],
          max_per_lane: int) -> None:
    """One scope of one thing: its dated figures on the time axis, the others in the undated panel; both
    share the thing's value range (``same``: the thing's figures in every scope)."""
    from matplotlib.dates import date2num
    from newsbrief.figures import plain_log_axis

    values = pd.concat([same.value_low, same.value_high]).dropna()
    values = values[values > 0]
    bottom, top = (values.min() / 3, values.max() * 3) if len(values) else (0.1, 10)
    rows = same[same.scope == scope]
    dated, undated = rows[rows.period_start != ""], rows[rows.period_start == ""]
    for ax in (dated_ax, undated_ax):
        ax.set_yscale("log")
        ax.set_ylim(bottom, top)
        ax.tick_params(labelsize=7)
        ax.grid(axis="y", which="major", alpha=0.3)
        plain_log_axis(ax.yaxis)
    for c in list(dated.itertuples())[:max_per_lane]:
        _band(dated_ax, date2num(pd.Timestamp(c.period_start)), date2num(pd.Timestamp(c.period_end)) + 1, c,
              bottom, top, colour[c.doc_id], name[c.doc_id])
    if not len(dated):
        dated_ax.text(0.5, 0.5, "no figure of a known date", ha="center", va="center", fontsize=7,
                      color="0.5", transform=dated_ax.transAxes)
    for k, c in enumerate(list(undated.itertuples())[:max_per_lane]):
        _band(undated_ax, k + 0.15, k + 0.45, c, bottom, top, colour[c.doc_id], name[c.doc_id])
    undated_ax.set_xlim(0, max(min(len(undated), max_per_lane), 1) + 0.5)
    undated_ax.set_xticks([])
    more = len(rows) - min(len(dated), max_per_lane) - min(len(undated), max_per_lane)
    name = rows.counts.iloc[0] or rows.kind.iloc[0]
    more = f" (+{more} more)" if more else ""
    dated_ax.set_title(f"{name} · {scope.replace(';', ', ') or 'no scope named'}{more}", fontsize=8, loc="left")
    undated_ax.set_title("undated", fontsize=8, loc="left")


def _band(ax, left: float, right: float, c, bottom: float, top: float, colour: str, name: str) -> None:
    """One figure: its interval standing at the middle of ``left``-``right`` (the period it holds in, or
    its slot in the undated panel) as :func:`newsbrief.figures.draw_interval` draws every figure, a thin
    line under it for the period's extent, and its article and words beside it."""
    from newsbrief.figures import draw_interval

    middle = (left + right) / 2
    low = None if pd.isna(c.value_low) else c.value_low
    high = None if pd.isna(c.value_high) else c.value_high
    draw_interval(ax, middle, low, high, bottom, top, colour, width=3, capstyle="butt", vertical=True)
    if right - left > 1:  # a period of several days: its extent
        level = high if low is None else low
        ax.plot([left, right], [level, level], color=colour, lw=1, alpha=0.6)
    ax.text(middle, high if high is not None else low, f" {name}: {c.surface}", fontsize=6.5,
            va="center", ha="left", clip_on=True)
