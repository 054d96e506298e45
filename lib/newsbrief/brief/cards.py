"""Who published each article and who it cites: article cards, the source ledger, quotes to verify,
and the headlines they give (warning signs; figures resting on fewer sources than articles).

In:  :class:`~newsbrief.brief.inputs._Tables` (``documents.csv``, ``sources.csv``, ``quotes.csv``,
     ``signals.csv``, ``claims.csv``, ``claim_comparison.csv``) and the anchors of the evidence entries.
Out: rows the template shows (:func:`_cards`, :func:`_ledger`, :func:`_quotes`, :func:`_groups`), the
     appendix entries of signs and quotes (:func:`_voice_evidence`), and a :class:`_Section` of headlines.
"""

from __future__ import annotations

import pandas as pd

from newsbrief.brief.evidence import _around, _span
from newsbrief.brief.findings import MAX_NAMED, PRIORITY, _Section
from newsbrief.brief.inputs import _Tables
from newsbrief.brief.record import Finding
from newsbrief.labels import UNKNOWN_OUTLET

__all__ = ["QUOTE_CHARS", "_cards", "_groups", "_ledger", "_quotes", "_voice_evidence", "_voices_section"]

QUOTE_CHARS = 160  # a quote longer than this is shortened in the quotes table (whole in its evidence)
_WHERE = {"metadata": "metadata.csv", "page": "the page"}
_ELSEWHERE = {"same": "same words in {}", "different": "quoted with other words in {}", "none": "not quoted elsewhere"}


def _shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _voice_evidence(rows: pd.DataFrame, paragraphs: pd.DataFrame, sentences: pd.DataFrame, prefix: str,
                    labels: dict[str, str]) -> list[dict]:
    """One appendix entry per row of signals.csv (``prefix`` "sign") or quotes.csv ("quote"): its words
    marked in their paragraph (page chrome included), a sentence either side shown."""
    by_doc = {d: g for d, g in paragraphs.groupby("doc_id", sort=False)}
    entries = []
    for n, r in enumerate(rows.itertuples(), start=1):
        name = labels.get(r.doc_id, r.doc_id)
        paras = by_doc.get(r.doc_id)
        around = paras[(paras.char_start <= r.char_start) & (paras.char_end >= r.char_end)] if paras is not None else []
        if len(around):
            p = around.iloc[0]
            span = _span(r.doc_id, r.char_start, r.char_end, p.text, p.char_start, name,
                         _around(sentences, r.doc_id, r.char_start, r.char_end))
        else:
            span = _span(r.doc_id, r.char_start, r.char_end, "", r.char_start, name)
        if prefix == "sign":
            title, detail = f"Sign “{r.signal}” in {name}", f"{r.evidence}; rule: {r.rule}"
        else:
            who = r.speaker or "speaker not named"
            title = f"Quote of {who} in {name}"
            detail = (f"{r.role}; " if r.role else "") + (f"cue: {r.cue}; " if r.cue else "") + \
                _ELSEWHERE[r.elsewhere].format(", ".join(labels.get(d, d) for d in r.elsewhere_in.split(";") if d))
        entries.append({"id": f"{prefix}-{n}", "title": title, "detail": detail, "spans": [span],
                        "key": (r.doc_id, r.char_start, getattr(r, "signal", ""))})
    return entries


def _where(source: str, start, end) -> str:
    """'the page [140–148]', 'metadata.csv', or ''."""
    if not source:
        return ""
    where = _WHERE.get(source, source)
    return where + (f" [{int(start)}–{int(end)}]" if source == "page" and pd.notna(start) else "")


def _cards(t: _Tables, sign_anchor: dict) -> list[dict]:
    """One card per article: outlet, author and date with where each came from, the sources it cites,
    its quotes, and its warning signs linked to their evidence."""
    cards = []
    for d in t.documents.itertuples():
        own = t.sources[t.sources.doc_id == d.doc_id]
        cited = []
        for (name, kind), rows in own.groupby(["resolved", "source_kind"], sort=False):
            cited.append(f"{name} ({kind}{', ' + str(len(rows)) + '×' if len(rows) > 1 else ''})")
        if d.outlet != UNKNOWN_OUTLET:
            outlet, outlet_where = d.outlet, "metadata.csv"
        elif d.site:
            outlet, outlet_where = d.site, _where("page", d.site_start, d.site_end)
        else:
            outlet, outlet_where = "not stated", ""
        signs = t.signals[t.signals.doc_id == d.doc_id]
        cards.append({
            "doc_id": d.doc_id, "label": d.label, "outlet": outlet, "outlet_where": outlet_where,
            "author": d.author or "not stated",
            "author_where": _where("page", d.author_start, d.author_end) if d.author else "",
            "published": d.published or "not stated",
            "published_where": _where(d.published_source, d.published_start, d.published_end),
            "cited": cited, "quotes": int((t.quotes.doc_id == d.doc_id).sum()),
            "signs": [{"signal": s.signal, "evidence": s.evidence,
                       "anchor": sign_anchor.get((s.doc_id, s.char_start, s.signal), "")}
                      for s in signs.itertuples()],
        })
    return cards


def _ledger(t: _Tables, figure_anchor: dict) -> list[dict]:
    """One row per source (its key): as the articles name it, its kind, the articles citing it, the
    figures it backs and the quotes it gives; most cited first."""
    names = dict(zip(t.documents.doc_id, t.documents.label))
    shown = t.claims[t.claims.kind.isin(t.compared_kinds)]
    rows = []
    for key, group in t.sources.groupby("source_key", sort=True):
        if not key:
            continue
        resolved = max(group.resolved, key=lambda s: (len(s.split()), s))
        figures = shown[shown.source_key == key]
        rows.append({
            "source": resolved, "kind": group.source_kind.mode().iloc[0], "key": key,
            "articles": len(set(group.doc_id)), "labels": ", ".join(names.get(x, x) for x in sorted(set(group.doc_id))),
            "figures": [{"text": f"{names.get(f.doc_id, f.doc_id)}: {f.surface}",
                         "anchor": figure_anchor.get((f.doc_id, f.char_start), "")} for f in figures.itertuples()],
            "quotes": int((t.quotes.speaker_key == key).sum()),
        })
    rows.sort(key=lambda r: (-r["articles"], -len(r["figures"]), r["key"]))
    return rows


def _groups(t: _Tables) -> list[dict]:
    """Per compared group of two articles or more: how many articles, how many independent named
    sources, and the sources as written."""
    out = []
    for group, rows in t.compared.groupby("group", sort=True):
        if rows.articles.iloc[0] < 2:
            continue
        first = rows.iloc[0]
        named = rows.head(MAX_NAMED)
        sources = "; ".join(f"{r.label}: {r.attribution}" for r in named.itertuples())
        out.append({"group": int(group), "counts": first.counts, "scope": first.scope.replace(";", ", "),
                    "articles": int(first.articles), "independent": int(first.independent_sources),
                    "sources": sources + (f" and {len(rows) - len(named):,} more" if len(rows) > len(named) else "")})
    return out


def _quotes(t: _Tables, quote_anchor: dict) -> list[dict]:
    """Every direct quote to verify: the speaker, the words, where, and whether another article has them."""
    names = dict(zip(t.documents.doc_id, t.documents.label))
    return [{"speaker": q.speaker or "not named", "role": q.role, "quote": _shorten(q.quote), "label": q.label,
             "doc_id": q.doc_id,
             "corroborated": _ELSEWHERE[q.elsewhere].format(
                 ", ".join(names.get(x, x) for x in q.elsewhere_in.split(";") if x)),
             "elsewhere": q.elsewhere, "anchor": quote_anchor.get((q.doc_id, q.char_start, ""), "")}
            for q in t.quotes.itertuples()]


def _voices_section(t: _Tables, sign_anchor: dict) -> _Section:
    """Headlines: the articles with warning signs; the compared figures that rest on fewer independent
    named sources than the articles that give them."""
    section = _Section()
    signs = t.signals
    if len(signs):
        names = dict(zip(t.documents.doc_id, t.documents.label))
        parts, links = [], []
        for doc_id, rows in signs.groupby("doc_id", sort=True):
            counts = rows.signal.value_counts(sort=False)
            said = ", ".join(s + (f" ×{n}" if n > 1 else "") for s, n in counts.items())
            parts.append(f"{names.get(doc_id, doc_id)} ({said})")
            first = rows.iloc[0]
            if (anchor := sign_anchor.get((first.doc_id, first.char_start, first.signal))):
                links.append((names.get(doc_id, doc_id), anchor))
        n = signs.doc_id.nunique()
        text = (f"{n} of {len(t.documents)} articles carry warning signs an editor should weigh (signs, not "
                f"verdicts): " + "; ".join(parts) + ".")
        section.ranked.append((PRIORITY["signs"], Finding(text, links)))
    groups = [g for g in _groups(t) if 0 < g["independent"] < g["articles"]]
    if groups:
        g = max(groups, key=lambda g: (g["articles"] - g["independent"], -g["group"]))
        scope = f" ({g['scope']})" if g["scope"] else ""
        text = (f"{g['articles']} articles give “{g['counts']}”{scope}, resting on "
                f"{g['independent']} independent named source{'s' if g['independent'] != 1 else ''}: "
                f"{g['sources']}. Sources that name the same place or body may be one, and unnamed reports add none.")
        section.ranked.append((PRIORITY["sources"], Finding(text, [("source ledger", "#ledger")])))
    return section

