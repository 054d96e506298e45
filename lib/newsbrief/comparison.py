"""Figures that count the same thing, compared across articles: agree, conflict, update or differ in scope.

In: the claims table of :mod:`newsbrief.claims`, the documents table (outlets and publication dates)
and a function that embeds short texts. Out: ``claim_comparison.csv`` (one row per compared figure,
with its verdict and the reason for it), a chart of each group's intervals, ``sourcing.csv`` (per
article, the shares of its figures attributed and hedged) and ``claim_settings.csv`` (the settings
below and the embedding model, as this run used them, so the brief can state them without
recomputing anything).

What a figure counts is its *thing* and its *scope*. The thing is the head noun of its counted
phrase ("troops"), merged with near-synonyms by embedding ("soldiers"), with the kind and unit (a
count of troops never meets a sum of money); nationality and other adjectives are left aside. The
scope is the set of classes (:data:`SCOPES`) named by the figure's scope words and counted phrase:
troops "arrived" or "sent" are *present*, troops "poised to enter the war" are at the *front*,
"additional" troops are a new contingent, troops "killed" are *dead* and "injured" *injured*, the "total"
is a total. Only figures of the same thing and the same scope are compared: they form a *group*.

Each figure is an interval (as :mod:`newsbrief.claims` reads it: "approximately" and "nearly" are
bands, open sides stay open) and holds in a period (:mod:`newsbrief.periods`: the article's date moved
by the sentence's time words). A figure's verdict, against the other articles' figures of its group:

- ``conflict``: an interval that cannot hold together with another's, in periods that overlap;
- ``update``: incompatible intervals in periods that do not overlap: a change over time, with its
  direction (``updates``);
- ``unresolved``: incompatible intervals where a period is unknown (an undated article): it may be
  a conflict or a change, and the reason says the date is missing rather than guessing;
- ``agree``: every other article's interval can hold with it;
- ``different scope``: other articles count the same thing, but in another scope only;
- ``single source``: no other article counts this thing.

The ``reason`` column says why in words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from newsbrief.claims.intervals import APPROXIMATE_BAND
from newsbrief.tables import SCHEMAS, frame
from newsbrief.text import terms
from newsbrief.periods import Period, overlap, reference_period

__all__ = ["APPROXIMATE", "COMPARED_KINDS", "HEAD_SYNONYM_COSINE", "SCOPES", "VERDICTS", "compare", "group_keys",
           "group_verdict", "plot_comparison", "scope_key", "settings_table", "sourcing"]

COMPARED_KINDS = ("count", "money", "percent")
HEAD_SYNONYM_COSINE = 0.8  # "troops" ~ "soldiers" 0.89; "employees" ~ "personnel" 0.77 stay apart
APPROXIMATE = APPROXIMATE_BAND  # the band the claims table reads around "approximately"/"nearly" figures
# The classes a scope word belongs to: figures are compared only within one set of classes.
SCOPES = {
    "total": ("total", "overall", "altogether", "combined", "cumulative", "all"),
    "additional": ("additional", "more", "extra", "further", "another", "new", "fresh", "reinforcements"),
    "dead": ("killed", "dead", "died", "deaths", "lost", "fatalities", "bodies", "casualties"),
    "injured": ("injured", "wounded", "hurt", "casualties"),
    "captured": ("captured", "detained", "prisoners", "missing", "arrested"),
    "front": ("war", "front", "frontline", "frontlines", "combat", "fight", "fighting", "battle", "fray", "engage"),
    "present": ("arrived", "arrive", "sent", "send", "deployed", "deploy", "deployment", "dispatched", "dispatch",
                "stationed", "training", "trained", "mobilized", "mobilised", "present"),
    "initial": ("initial", "first", "earlier"),
}
# A word may name several classes: "casualties" are the dead and the injured, as "killed or injured" is.
_SCOPE_OF: dict[str, tuple[str, ...]] = {}
for _name, _words in SCOPES.items():
    for _word in _words:
        _SCOPE_OF[_word] = (*_SCOPE_OF.get(_word, ()), _name)
_FILLER = {"or", "and", "either", "of", "the", "a", "an", "were", "was", "been"}
# Most severe first: a figure's verdict is the most severe of its comparisons.
VERDICTS = ("conflict", "unresolved", "update", "agree", "different scope", "single source")


@dataclass(frozen=True)
class Key:
    """What a figure counts, as the grouping sees it: the thing (kind, unit, head noun)."""

    kind: str
    unit: str
    head: str


def scope_key(counted: str, scope: str) -> str:
    """The scope classes a figure's counted phrase and scope words name, sorted and ";"-joined.

    Scope words of no class still keep the figure apart: their first content word, lower-cased, is
    the key ("evacuated from their homes" -> "evacuated"). A figure with neither is in the scope ""
    (none named)."""
    words = [w.lower() for w in terms(f"{counted} {scope}")]
    classes = sorted({name for w in words for name in _SCOPE_OF.get(w, ())})
    if classes:
        return ";".join(classes)
    own = [w.lower() for w in terms(scope) if w.lower() not in _FILLER and len(w) > 2]
    return own[0] if own else ""


def _key(kind: str, unit: str, counted: str) -> Key | None:
    nouns = [w.lower() for w in terms(counted)]
    nouns = [w for w in nouns if w not in _SCOPE_OF and w not in _FILLER]
    if not nouns:
        return None if kind == "count" else Key(kind, unit, "")
    return Key(kind, unit, nouns[-1])


def group_keys(claims: pd.DataFrame, embed) -> list[int | None]:
    """The thing each claim counts, as a number (None when it is not compared), heads merged by embedding."""
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
    canonical = [None if k is None else Key(k.kind, k.unit, _root(parent, k.head) if k.head else "") for k in keys]
    ids = {k: n for n, k in enumerate(sorted({k for k in canonical if k is not None},
                                             key=lambda k: (k.kind, k.unit, k.head)))}
    return [None if k is None else ids[k] for k in canonical]


def _root(parent: dict[str, str], head: str) -> str:
    while parent[head] != head:
        head = parent[head]
    return head


def _bounds(low: float, high: float) -> tuple[float, float]:
    """The values a figure allows, with +/-inf for open sides."""
    return (-np.inf if pd.isna(low) else float(low)), (np.inf if pd.isna(high) else float(high))


def _fits(a, b) -> bool:
    """Whether two figures' intervals can both hold."""
    return not (a.high < b.low or b.high < a.low)


def _middle(c) -> float:
    return c.low if np.isinf(c.high) else c.high if np.isinf(c.low) else (c.low + c.high) / 2


def _scope_label(scope: str) -> str:
    """A scope key as words: "additional;present" -> "additional, present"; "" -> "no scope named"."""
    return scope.replace(";", ", ") if scope else "no scope named"


def _named(docs: set[str], most: int = 3) -> str:
    """'a, b and c' or 'a, b, c and 12 more': the articles a reason names."""
    names = sorted(docs)
    if len(names) > most:
        return ", ".join(names[:most]) + f" and {len(names) - most:,} more"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _judge(c, peers: list, other_scopes: list[str]) -> dict:
    """The verdict of figure ``c`` against its group's figures in other articles (``peers``), given the
    scopes in which other articles count the same thing (``other_scopes``)."""
    if not peers:
        if not other_scopes:
            return {"verdict": "single source", "reason": "no other article counts this", "conflicts_with": "",
                    "updates": ""}
        scopes = sorted({_scope_label(scope) for scope in other_scopes})
        return {"verdict": "different scope", "conflicts_with": "", "updates": "",
                "reason": f"other articles count {c.counts or c.kind + ' figures'} only in other scopes "
                          f"({'; '.join(scopes)}), not {_scope_label(c.scope_key)}"}
    found: dict[str, set[str]] = {v: set() for v in VERDICTS}
    updates: set[str] = set()
    for p in peers:
        if _fits(c, p):
            found["agree"].add(p.doc_id)
            continue
        shared = overlap(c.period, p.period)
        if shared is None:
            found["unresolved"].add(p.doc_id)
        elif shared:
            found["conflict"].add(p.doc_id)
        else:
            found["update"].add(p.doc_id)
            later = c if c.period.start > p.period.start else p
            earlier = p if later is c else c
            direction = "up" if _middle(later) > _middle(earlier) else "down"
            updates.add(f"{p.doc_id} ({direction} from {earlier.doc_id} to {later.doc_id})")
    verdict = next(v for v in VERDICTS if found.get(v))
    docs = _named(found[verdict])
    reason = {
        "conflict": f"its interval cannot hold together with {docs}'s in the same period",
        "unresolved": f"its interval cannot hold together with {docs}'s, but a date is unknown "
                      f"({c.period.label} against theirs), so it may be a change over time",
        "update": f"it differs from {docs}'s at another time: a change, not a conflict",
        "agree": f"its interval can hold together with {docs}'s",
    }[verdict]
    return {"verdict": verdict, "reason": reason, "conflicts_with": ";".join(sorted(found["conflict"])),
            "updates": ";".join(sorted(updates))}


def group_verdict(verdicts: Iterable[str]) -> str:
    """A group's verdict: the most severe of its figures' (:data:`VERDICTS` order)."""
    found = set(verdicts)
    return next(v for v in VERDICTS if v in found)


def _compared(claims: pd.DataFrame, documents: pd.DataFrame, embed) -> pd.DataFrame:
    """The compared figures with what comparing needs: their thing and its label (``counts``), their scope
    key, their period and their interval with open sides as +/-inf (``low``, ``high``)."""
    if claims.empty:
        return claims
    table = claims.assign(thing=group_keys(claims, embed))
    table = table[table.thing.notna()].copy()
    if table.empty:
        return table
    published = documents.set_index("doc_id").published.to_dict()
    table["scope_key"] = [scope_key(c.counted, c.scope) for c in table.itertuples()]
    table["period"] = [reference_period(c.time_words, published.get(c.doc_id, "")) for c in table.itertuples()]
    bounds = [_bounds(c.value_low, c.value_high) for c in table.itertuples()]
    table["low"], table["high"] = [b[0] for b in bounds], [b[1] for b in bounds]
    labels = {}
    for thing, rows in table.groupby("thing", sort=True):
        named = rows[rows.counted != ""]
        label = named.groupby("counted").doc_id.nunique().sort_index().sort_values(ascending=False, kind="stable")
        labels[thing] = label.index[0] if len(label) else ""
    table["counts"] = table.thing.map(labels)
    return table


def compare(claims: pd.DataFrame, documents: pd.DataFrame, embed,
            stories: dict[str, int] | None = None) -> pd.DataFrame:
    """The ``claim_comparison.csv`` frame: compared figures by story, thing and scope, each with its verdict.

    Args:
        claims: the claims table.
        documents: the documents table (``doc_id``, ``outlet``, ``published``).
        embed: texts -> L2-normalized vectors, used to merge near-synonym head nouns.
        stories: each article's story (``stories.csv``); figures are compared only within a story
            ("six operations" in a sports report is no conflict with "16 trillion operations" in a
            technology one). None: the corpus is one story.
    """
    table = _compared(claims, documents, embed)
    if table.empty:
        return frame("claim_comparison.csv", [])
    story_of = stories or {}
    table["story"] = [int(story_of.get(d, 1)) for d in table.doc_id]
    outlets = documents.set_index("doc_id").outlet.to_dict()
    sets = sorted(table.groupby(["story", "thing", "scope_key"]).groups)
    number = {key: n + 1 for n, key in enumerate(sets)}
    records = list(table.itertuples())  # once: a figure's peers are plain records, not frame selections
    groups: dict[tuple, list] = {}
    for r in records:
        groups.setdefault((r.story, r.thing, r.scope_key), []).append(r)
    scopes_of: dict[tuple, dict[str, set[str]]] = {}  # (story, thing) -> scope -> articles
    for (story, thing, scope), members in groups.items():
        scopes_of.setdefault((story, thing), {})[scope] = {m.doc_id for m in members}
    out = []
    for (story, thing, scope) in sorted(groups):
        rows = groups[(story, thing, scope)]
        points = [v for c in rows for v in (c.value_low, c.value_high) if not pd.isna(v)]
        smallest, largest = min(points), max(points)
        # an interval as a key (an open side as inf): "approximately 12,000" states 10,800-13,200, not 12,000
        per_interval: dict[tuple, set[str]] = {}
        for c in rows:
            per_interval.setdefault((c.low, c.high), set()).add(c.doc_id)
        articles = len({c.doc_id for c in rows})
        for c in rows:
            peers = [p for p in rows if p.doc_id != c.doc_id]
            other_scopes = [other for other, docs in scopes_of[(story, thing)].items()
                            if other != scope and docs - {c.doc_id}]
            period: Period = c.period
            out.append({
                "group": number[(story, thing, scope)], "story": story, "thing": int(thing) + 1, "counts": c.counts,
                "scope": scope,
                **_judge(c, peers, other_scopes),
                "articles": articles, "smallest": smallest, "largest": largest,
                "spread": largest / smallest if smallest > 0 else float("nan"),
                "doc_id": c.doc_id, "outlet": outlets.get(c.doc_id, "unknown"), "surface": c.surface,
                "value_low": c.value_low, "value_high": c.value_high, "qualifier": c.qualifier, "kind": c.kind,
                "unit": c.unit, "counted": c.counted, "scope_words": c.scope, "time_label": period.label,
                "time_basis": period.basis,
                "period_start": period.start.isoformat() if period.start else "",
                "period_end": period.end.isoformat() if period.end else "",
                "attribution": c.attribution, "hedges": c.hedges, "forecast": c.forecast,
                "single_source": len(per_interval[(c.low, c.high)]) <= 1,
                "char_start": int(c.char_start), "char_end": int(c.char_end), "sentence": c.sentence,
            })
    result = frame("claim_comparison.csv", out)
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
        ("approximate", APPROXIMATE, "± share read around an 'approximately'/'about' figure when figures are "
                                     "compared ('nearly' reads the same share below)"),
        ("compared_kinds", COMPARED_KINDS, "kinds of figure compared across articles and counted in sourcing.csv"),
    ]
    rows = [(name, ";".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value), meaning)
            for name, value, meaning in settings]
    return pd.DataFrame(rows, columns=list(SCHEMAS["claim_settings.csv"]))


def plot_comparison(comparison: pd.DataFrame, max_groups: int = 8, max_rows: int = 12,
                    labels: dict[str, str] | None = None):
    """Each group's figures as intervals on a log axis, one panel per group, its scope and verdict in the title.

    Each figure is drawn by :func:`newsbrief.figures.draw_interval`, as in the claims chart: a closed
    interval is a bar, a point a dot, an open side an arrow to the panel's edge. The
    groups with the most articles come first, at most ``max_groups`` of them. A panel draws at most
    ``max_rows`` figures, so the chart's height is bounded whatever the corpus size: the lowest and
    the highest figures, alternately (a figure's value is its lower bound, or its upper bound when
    it has none; ties in table order), so the panel spans the group's whole range. They are drawn
    in table order, and the panel's title says how many more are not drawn ("+N more"). Each figure
    is named by its article's label in ``labels`` (doc_id -> label; the id without one).
    """
    from newsbrief.figures import draw_interval, plain_log_axis, plt

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
        plain_log_axis(ax.xaxis)
        ax.set_yticks(range(len(rows)), [f"{(labels or {}).get(c.doc_id, c.doc_id[:28])}: {c.surface}" for c in rows.itertuples()][::-1],
                      fontsize=8)
        first = rows.iloc[0]
        more = f", +{total - len(rows):,} more not drawn" if total > len(rows) else ""
        scope = f" · {first.scope.replace(';', ', ')}" if first.scope else ""
        ax.set_title(f"{first.counts or first.kind}{scope}: {group_verdict(rows.verdict)} ({first.articles} "
                     f"article{'s' if first.articles != 1 else ''}{more})", fontsize=9, loc="left")
        ax.grid(axis="x", which="both", alpha=0.3)
    axes[-1, 0].set_xlabel("value (log scale); arrows are open-ended claims")
    fig.tight_layout()
    return fig
