"""Who published each article and who it cites: article cards, the source ledger, quotes to verify,
and the headlines they give (warning signs; figures resting on fewer sources than articles).

In:  :class:`~newsbrief.brief.inputs._Tables` (``documents.csv``, ``sources.csv``, ``quotes.csv``,
     ``signals.csv``, ``claims.csv``, ``claim_comparison.csv``) and the anchors of the evidence entries.
Out: rows the template shows (:func:`_cards`, :func:`_ledger`, :func:`_quotes`, :func:`_groups`), the
     appendix entries of signs and quotes (:func:`_voice_evidence`), and a :class:`_Section` of headlines.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from newsbrief.brief.evidence import _span
from newsbrief.brief.findings import MAX_NAMED, PRIORITY, _Section
from newsbrief.brief.inputs import _Tables
from newsbrief.brief.record import Finding
from newsbrief.labels import UNKNOWN_OUTLET
from newsbrief.language import name as language_name

__all__ = ["QUOTE_CHARS", "_cards", "_groups", "_ledger", "_quotes", "_voice_evidence", "_voices_section"]

QUOTE_CHARS = 160  # a quote longer than this is shortened in the quotes table (whole in its evidence)
_WHERE = {"metadata": "metadata.csv", "page": "the page", "export": "the export", "html": "the page's markup",
          "text": "read off the text"}
_ELSEWHERE = {"same": "same words in {}", "different": "quoted with other words in {}", "none": "not quoted elsewhere"}


def _shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _voice_evidence(rows: pd.DataFrame, paragraphs: pd.DataFrame, sentences: pd.DataFrame, prefix: str,
                    labels: dict[str, str]) -> list[dict]:
    """One appendix entry per row of signals.csv (``prefix`` "sign") or quotes.csv ("quote"): its words
    marked in their paragraph (page chrome included), a sentence either side shown."""
    paras_of: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for d, s, e, text in zip(paragraphs.doc_id, paragraphs.char_start, paragraphs.char_end, paragraphs.text):
        paras_of[d].append((int(s), int(e), text))
    sents_of: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for d, s, e in zip(sentences.doc_id, sentences.char_start, sentences.char_end):
        sents_of[d].append((int(s), int(e)))
    for spans in list(paras_of.values()) + list(sents_of.values()):
        spans.sort()
    entries = []
    for n, r in enumerate(rows.itertuples(), start=1):
        name = labels.get(r.doc_id, r.doc_id)
        para = next((p for p in paras_of.get(r.doc_id, []) if p[0] <= r.char_start and p[1] >= r.char_end), None)
        if para is not None:
            own = sents_of.get(r.doc_id, [])
            before = [s for s, e in own if e <= r.char_start]  # a sentence either side, as _around reads them
            after = [e for s, e in own if s >= r.char_end]
            shown = (max(before) if before else r.char_start, min(after) if after else r.char_end)
            span = _span(r.doc_id, r.char_start, r.char_end, para[2], para[0], name, shown)
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
    """One card per article: outlet, author, date and language with where each came from, the sources it
    cites, its quotes, and its warning signs linked to their evidence (or that the English-only rules did
    not read it)."""
    cards = []
    cited_of: dict[str, dict[tuple[str, str], int]] = defaultdict(dict)
    for doc_id, name, kind in zip(t.sources.doc_id, t.sources.resolved, t.sources.source_kind):
        cited_of[doc_id][(name, kind)] = cited_of[doc_id].get((name, kind), 0) + 1  # in order of first citation
    quotes_of = t.quotes.doc_id.value_counts().to_dict()
    signs_of: dict[str, list] = defaultdict(list)
    for s in t.signals.itertuples():
        signs_of[s.doc_id].append(s)
    for d in t.documents.itertuples():
        cited = [f"{name} ({kind}{', ' + str(n) + '×' if n > 1 else ''})"
                 for (name, kind), n in cited_of.get(d.doc_id, {}).items()]
        if d.outlet != UNKNOWN_OUTLET:
            outlet, outlet_where = d.outlet, _WHERE.get(getattr(d, "outlet_source", "") or "metadata")
        elif d.site:
            outlet, outlet_where = d.site, _where("page", d.site_start, d.site_end)
        else:
            outlet, outlet_where = "not stated", ""
        cards.append({
            "doc_id": d.doc_id, "label": d.label, "outlet": outlet, "outlet_where": outlet_where,
            "author": d.author or "not stated",
            "author_where": _where(getattr(d, "author_source", "") or "page", d.author_start, d.author_end)
            if d.author else "",
            "published": d.published or "not stated",
            "published_where": _where(d.published_source, d.published_start, d.published_end),
            "language": language_name(getattr(d, "language", "")),
            "language_where": _where(getattr(d, "language_source", ""), None, None),
            "read": bool(getattr(d, "analysed_in_english", True)),
            "cited": cited, "quotes": int(quotes_of.get(d.doc_id, 0)),
            "signs": [{"signal": s.signal, "evidence": s.evidence,
                       "anchor": sign_anchor.get((s.doc_id, s.char_start, s.signal), "")}
                      for s in signs_of.get(d.doc_id, [])],
        })
    return cards


def _ledger(t: _Tables, figure_anchor: dict) -> list[dict]:
    """One row per source (its key): as the articles name it, its kind, the articles citing it, the
    figures it backs and the quotes it gives; most cited first."""
    names = dict(zip(t.documents.doc_id, t.documents.label))
    shown = t.claims[t.claims.kind.isin(t.compared_kinds)]
    figures_of: dict[str, list] = defaultdict(list)
    for f in shown.itertuples():
        figures_of[f.source_key].append(f)
    quotes_of = t.quotes.speaker_key.value_counts().to_dict()
    rows = []
    for key, group in t.sources.groupby("source_key", sort=True):
        if not key:
            continue
        resolved = max(group.resolved, key=lambda s: (len(s.split()), s))
        figures = figures_of.get(key, [])
        rows.append({
            "source": resolved, "kind": group.source_kind.mode().iloc[0], "key": key,
            "articles": len(set(group.doc_id)), "labels": ", ".join(names.get(x, x) for x in sorted(set(group.doc_id))),
            "figures": [{"text": f"{names.get(f.doc_id, f.doc_id)}: {f.surface}",
                         "anchor": figure_anchor.get((f.doc_id, f.char_start), "")} for f in figures],
            "quotes": int(quotes_of.get(key, 0)),
        })
    rows.sort(key=lambda r: (-r["articles"], -len(r["figures"]), r["key"]))
    return rows


def _groups(t: _Tables) -> list[dict]:
    """Per compared group of two articles or more: how many articles, how many independent named
    sources, and the sources as written."""
    several = t.compared[t.compared.articles >= 2]
    members: dict[int, list[tuple]] = defaultdict(list)
    for row in zip(several.group, several.counts, several.scope, several.articles, several.independent_sources,
                   several.label, several.attribution):
        members[int(row[0])].append(row)
    out = []
    for group in sorted(members):
        rows = members[group]
        _, counts, scope, articles, independent, _, _ = rows[0]
        sources = "; ".join(f"{label}: {attribution}" for *_, label, attribution in rows[:MAX_NAMED])
        more = f" and {len(rows) - MAX_NAMED:,} more" if len(rows) > MAX_NAMED else ""
        out.append({"group": group, "counts": counts, "scope": scope.replace(";", ", "), "articles": int(articles),
                    "independent": int(independent), "sources": sources + more})
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


def _voices_section(t: _Tables, sign_anchor: dict, groups: list[dict]) -> _Section:
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
    groups = [g for g in groups if 0 < g["independent"] < g["articles"]]
    if groups:
        g = max(groups, key=lambda g: (g["articles"] - g["independent"], -g["group"]))
        scope = f" ({g['scope']})" if g["scope"] else ""
        text = (f"{g['articles']} articles give “{g['counts']}”{scope}, resting on "
                f"{g['independent']} independent named source{'s' if g['independent'] != 1 else ''}: "
                f"{g['sources']}. Sources that name the same place or body may be one, and unnamed reports add none.")
        section.ranked.append((PRIORITY["sources"], Finding(text, [("source ledger", "#ledger")])))
    return section

