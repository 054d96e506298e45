"""Figures that count the same thing, compared across articles: who agrees, who conflicts.

In: the claims table of :mod:`newsbrief.claims`, the documents table (for outlets) and a function
that embeds short texts. Out: ``claim_comparison.csv`` (one row per compared figure, with its
group's verdict), a chart of each group's intervals, ``sourcing.csv`` (per article, the shares of
its figures attributed and hedged) and ``claim_settings.csv`` (the settings below and the embedding
model, as this run used them, so the brief can state them without recomputing anything).

What a figure counts is grouped by three parts of its counted phrase: the head noun ("troops"),
merged with its near-synonyms by embedding ("soldiers"); the *aspect* words that change what is
counted ("additional" troops are a different quantity from troops; troops "killed or injured" are
casualties); and the kind and unit (a count of troops never meets a sum of money). Nationality
and other adjectives are left aside, so "North Korean troops" and "troops" are one group.

Within a group, every figure is the interval the claims table holds (an open side stays open;
"approximately" and "nearly" already carry the band :data:`APPROXIMATE` that
:mod:`newsbrief.claims.intervals` reads them with). Two articles *conflict* when their intervals cannot both
be true; a group's verdict is ``conflict``, ``agree`` or ``single source``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from newsbrief.claims.intervals import APPROXIMATE_BAND as APPROXIMATE
from newsbrief.tables import SCHEMAS
from newsbrief.text import terms

__all__ = ["APPROXIMATE", "ASPECTS", "COMPARED_KINDS", "HEAD_SYNONYM_COSINE", "compare", "group_keys", "interval",
           "plot_comparison", "settings_table", "sourcing"]

COMPARED_KINDS = ("count", "money", "percent")
HEAD_SYNONYM_COSINE = 0.8  # "troops" ~ "soldiers" 0.89; "employees" ~ "personnel" 0.77 stay apart
# Words that change what is counted, normalized to one aspect each.
ASPECTS = {
    "additional": "additional", "more": "additional", "extra": "additional", "further": "additional",
    "new": "additional", "another": "additional",
    "killed": "casualties", "injured": "casualties", "wounded": "casualties", "dead": "casualties",
    "died": "casualties", "casualties": "casualties", "deaths": "casualties", "killed or injured": "casualties",
    "captured": "captured", "missing": "missing", "detained": "captured", "prisoners": "captured",
}
_FILLER = {"or", "and", "either", "of", "the", "a", "an", "were", "was", "been"}


@dataclass(frozen=True)
class Key:
    """What a figure counts, as the grouping sees it."""

    kind: str
    unit: str
    head: str
    aspects: tuple[str, ...]


def _key(kind: str, unit: str, counted: str) -> Key | None:
    words = [w.lower() for w in terms(counted)]
    aspects = sorted({ASPECTS[w] for w in words if w in ASPECTS})
    nouns = [w for w in words if w not in ASPECTS and w not in _FILLER]
    if not nouns:
        return None if kind == "count" else Key(kind, unit, "", tuple(aspects))
    return Key(kind, unit, nouns[-1], tuple(aspects))


def interval(low: float, high: float, qualifier: str) -> tuple[float, float]:
    """The values a figure allows: ``(low, high)`` with +/-inf for open sides.

    The claims table already holds the band of an approximate figure ("approximately 12,000" is
    10,800-13,200, "nearly 8,000" 7,200-8,000), so only open sides are read here: "over 3,000" is
    3,000-inf. ``qualifier`` is kept for callers; it changes nothing.
    """
    low = -math.inf if low is None or (isinstance(low, float) and math.isnan(low)) else float(low)
    high = math.inf if high is None or (isinstance(high, float) and math.isnan(high)) else float(high)
    return low, high


def group_keys(claims: pd.DataFrame, embed) -> list[int | None]:
    """The group of each claim (None when it is not compared), heads merged by embedding."""
    keys: list[Key | None] = []
    for c in claims.itertuples():
        compared = c.kind in COMPARED_KINDS and not bool(c.vague)
        keys.append(_key(c.kind, c.unit, c.counted) if compared else None)
    heads = sorted({k.head for k in keys if k is not None and k.head})
    parent = {h: h for h in heads}
    if len(heads) > 1:
        vectors = embed(heads)
        sims = np.round(vectors @ vectors.T, 6)  # rounded before the threshold, as in near_duplicates
        for i, j in zip(*np.nonzero(np.triu(sims, k=1) >= HEAD_SYNONYM_COSINE)):
            a, b = _root(parent, heads[i]), _root(parent, heads[j])
            parent[max(a, b)] = min(a, b)
    canonical = [None if k is None else Key(k.kind, k.unit, _root(parent, k.head) if k.head else "", k.aspects)
                 for k in keys]
    ids = {k: n for n, k in enumerate(sorted({k for k in canonical if k is not None},
                                             key=lambda k: (k.kind, k.unit, k.head, k.aspects)))}
    return [None if k is None else ids[k] for k in canonical]


def _root(parent: dict[str, str], head: str) -> str:
    while parent[head] != head:
        head = parent[head]
    return head


def _verdict(rows: pd.DataFrame) -> tuple[str, list[tuple[str, str]]]:
    """conflict / agree / single source, and the article pairs whose intervals cannot both hold."""
    docs = sorted(rows.doc_id.unique())
    if len(docs) < 2:
        return "single source", []
    clashes = []
    spans = [(r.doc_id, r.low, r.high) for r in rows.itertuples()]
    for a, (doc_a, lo_a, hi_a) in enumerate(spans):
        for doc_b, lo_b, hi_b in spans[a + 1:]:
            if doc_a != doc_b and (hi_a < lo_b or hi_b < lo_a):
                clashes.append(tuple(sorted((doc_a, doc_b))))
    return ("conflict" if clashes else "agree"), sorted(set(clashes))


def compare(claims: pd.DataFrame, documents: pd.DataFrame, embed) -> pd.DataFrame:
    """The ``claim_comparison.csv`` frame: compared figures grouped by what they count.

    Args:
        claims: the claims table.
        documents: the documents table (``doc_id``, ``outlet``).
        embed: texts -> L2-normalized vectors, used to merge near-synonym head nouns.
    """
    columns = list(SCHEMAS["claim_comparison.csv"])
    if claims.empty:
        return pd.DataFrame(columns=columns)
    frame = claims.assign(group=group_keys(claims, embed))
    frame = frame[frame.group.notna()].copy()
    if frame.empty:
        return pd.DataFrame(columns=columns)
    bounds = [interval(c.value_low, c.value_high, c.qualifier) for c in frame.itertuples()]
    frame["low"] = [b[0] for b in bounds]
    frame["high"] = [b[1] for b in bounds]
    outlets = documents.set_index("doc_id").outlet.to_dict()
    out = []
    for group, rows in frame.groupby("group", sort=True):
        named = rows[rows.counted != ""]
        label = named.groupby("counted").doc_id.nunique().sort_index().sort_values(ascending=False, kind="stable")
        verdict, clashes = _verdict(rows)
        points = [v for c in rows.itertuples() for v in (c.value_low, c.value_high) if not pd.isna(v)]
        smallest, largest = min(points), max(points)
        per_value = rows.groupby(rows.value_low.fillna(rows.value_high)).doc_id.nunique()
        for c in rows.itertuples():
            value = c.value_low if not pd.isna(c.value_low) else c.value_high
            out.append({
                "group": int(group) + 1,
                "counts": label.index[0] if len(label) else "",
                "verdict": verdict,
                "articles": rows.doc_id.nunique(),
                "smallest": smallest,
                "largest": largest,
                "spread": largest / smallest if smallest > 0 else float("nan"),
                "doc_id": c.doc_id,
                "outlet": outlets.get(c.doc_id, "unknown"),
                "surface": c.surface,
                "value_low": c.value_low,
                "value_high": c.value_high,
                "qualifier": c.qualifier,
                "kind": c.kind,
                "unit": c.unit,
                "counted": c.counted,
                "attribution": getattr(c, "attribution", ""),
                "hedges": getattr(c, "hedges", ""),
                "single_source": bool(per_value.get(value, 0) <= 1),
                "conflicts_with": ";".join(sorted({b if a == c.doc_id else a for a, b in clashes
                                                   if c.doc_id in (a, b)})),
                "char_start": int(c.char_start),
                "char_end": int(c.char_end),
                "sentence": c.sentence,
            })
    result = pd.DataFrame(out, columns=columns)
    return result.sort_values(["group", "doc_id", "char_start"], kind="stable").reset_index(drop=True)


def sourcing(claims: pd.DataFrame, kinds: Iterable[str] | None = None) -> pd.DataFrame:
    """Per article: figures (dates left out), and the shares attributed to a source and hedged.

    Args:
        claims: the claims table.
        kinds: the kinds of figure counted (step 03 writes ``sourcing.csv`` with
            :data:`COMPARED_KINDS`, the kinds the brief shows); every kind but dates when None.

    Returns:
        The ``sourcing.csv`` frame, one row per article with at least one such figure, by ``doc_id``.
    """
    figures = claims[claims.kind != "date"]
    if kinds is not None:
        figures = figures[figures.kind.isin(list(kinds))]
    if figures.empty:
        return pd.DataFrame(columns=list(SCHEMAS["sourcing.csv"]))
    grouped = figures.assign(attributed=figures.attribution != "unattributed",
                             hedged=figures.hedges != "").groupby("doc_id", sort=True)
    return pd.DataFrame({"figures": grouped.size(), "attributed": grouped.attributed.mean(),
                         "hedged": grouped.hedged.mean()}).reset_index()


class _Model(Protocol):
    """What :func:`settings_table` reads of an embedder (:class:`newsbrief.embeddings.Embedder`)."""

    model: str
    backend: str


def settings_table(embed: _Model) -> pd.DataFrame:
    """The ``claim_settings.csv`` frame: the settings that shape step 03's comparison, as this run used them.

    One row per setting the brief may state, its value as plain text (a list ";"-joined), read from
    the embedder given to :func:`compare` and from this module's constants, never typed again.

    Args:
        embed: the embedder that merged the counted head nouns (its ``model`` and ``backend``).
    """
    settings = [
        ("model", embed.model, "embedding model whose cosine merges near-synonym counted nouns (troops ~ soldiers)"),
        ("backend", embed.backend, "how the embedding model is run (step 03's backend parameter)"),
        ("head_synonym_cosine", HEAD_SYNONYM_COSINE,
         "cosine at or above which two counted head nouns are taken as one (their figures are compared)"),
        ("approximate", APPROXIMATE, "± share the claims table reads around an 'approximately'/'about' figure "
                                     "('nearly' reads the same share below)"),
        ("compared_kinds", COMPARED_KINDS, "kinds of figure compared across articles and counted in sourcing.csv"),
    ]
    rows = [(name, ";".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value), meaning)
            for name, value, meaning in settings]
    return pd.DataFrame(rows, columns=list(SCHEMAS["claim_settings.csv"]))


def plot_comparison(comparison: pd.DataFrame, max_groups: int = 8, max_rows: int = 12):
    """Each group's figures as intervals on a log axis, one panel per group, conflicts in the title.

    Each figure is drawn by :func:`newsbrief.figures.draw_interval`, as in the claims chart: a closed
    interval is a bar, a point a dot, an open side an arrow to the panel's edge. The
    groups with the most articles come first, at most ``max_groups`` of them. A panel draws at most
    ``max_rows`` figures, so the chart's height is bounded whatever the corpus size: the lowest and
    the highest figures, alternately (a figure's value is its lower bound, or its upper bound when
    it has none; ties in table order), so the panel spans the group's whole range. They are drawn
    in table order, and the panel's title says how many more are not drawn ("+N more").
    """
    from newsbrief.figures import draw_interval, plt

    if comparison.empty:
        fig, ax = plt.subplots(figsize=(7, 1.6))
        ax.text(0.5, 0.5, "no figures to compare", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return fig
    order = (comparison.groupby("group").agg(articles=("articles", "first"), n=("doc_id", "size"))
             .sort_values(["articles", "n"], ascending=False, kind="stable").index.tolist()[:max_groups])
    heights = [0.35 * min((comparison.group == g).sum(), max_rows) + 0.9 for g in order]
    fig, axes = plt.subplots(len(order), 1, figsize=(8, sum(heights)), squeeze=False,
                             gridspec_kw={"height_ratios": heights})
    docs = sorted(comparison.doc_id.unique())
    for ax, group in zip(axes[:, 0], order):
        rows = comparison[comparison.group == group].reset_index(drop=True)
        total = len(rows)
        if total > max_rows:  # the lowest and highest values alternately, drawn in table order
            ranked = rows.value_low.fillna(rows.value_high).sort_values(kind="stable").index
            ends = [ranked[k // 2] if k % 2 == 0 else ranked[-1 - k // 2] for k in range(max_rows)]
            rows = rows.loc[sorted(ends)].reset_index(drop=True)
        values = pd.concat([rows.value_low, rows.value_high]).dropna()
        values = values[values > 0]
        left, right = (values.min() / 3, values.max() * 3) if len(values) else (0.1, 10)
        for k, c in enumerate(rows.itertuples()):
            low = c.value_low if not pd.isna(c.value_low) else None
            high = c.value_high if not pd.isna(c.value_high) else None
            draw_interval(ax, len(rows) - 1 - k, low, high, left, right, f"C{docs.index(c.doc_id) % 10}", width=3,
                          capstyle="butt")
        ax.set_xscale("log")
        ax.set_xlim(left, right)
        ax.set_yticks(range(len(rows)), [f"{c.doc_id[:28]}: {c.surface}"[:55] for c in rows.itertuples()][::-1],
                      fontsize=8)
        first = rows.iloc[0]
        more = f", +{total - len(rows):,} more not drawn" if total > len(rows) else ""
        ax.set_title(f"{first.counts or first.kind}: {first.verdict} ({first.articles} "
                     f"article{'s' if first.articles != 1 else ''}{more})", fontsize=9, loc="left")
        ax.grid(axis="x", which="both", alpha=0.3)
    axes[-1, 0].set_xlabel("value (log scale); arrows are open-ended claims")
    fig.tight_layout()
    return fig
