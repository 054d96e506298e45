"""The brief computed from the step tables: findings, evidence, tables shown, method.

In:  the ``tables/`` and ``figures/`` folders of a run, and its provenance.
Out: a :class:`~newsbrief.brief.record.Brief` (:func:`build_context`).
"""

from __future__ import annotations

import base64
from pathlib import Path

import pandas as pd

from newsbrief.alignment import aligned_segments
from newsbrief.brief.cards import _cards, _groups, _ledger, _quotes, _voice_evidence, _voices_section
from newsbrief.brief.evidence import _claim_evidence, _passage_evidence
from newsbrief.brief.findings import MAX_HEADLINES, _claims_section, _corpus_section, _overlap_section, _telling
from newsbrief.brief.formatting import _kinds, fmt_interval
from newsbrief.brief.inputs import _Tables
from newsbrief.brief.method import _method
from newsbrief.brief.record import Brief
from newsbrief.brief.shown import MAX_ROWS, _shown
from newsbrief.labels import UNKNOWN_OUTLET
from newsbrief.tables import SHARED_FACT

__all__ = ["FIGURES", "build_context"]


FIGURES = [
    ("article_lengths.png", "Length of each article after removing page chrome"),
    ("readability.png", "Sentence length and readability per article"),
    ("coverage_heatmap.png", "Share of each article's text found again in another article"),
    ("similarity_heatmap.png", "Article x article semantic similarity"),
    ("calibration.png", "Sentence-pair cosines against the paraphrase threshold, over what each passage's close "
                        "neighbours in other articles score"),
    ("claim_comparison.png", "Figures that count the same thing in the same scope, compared across articles"),
    ("timeline.png", "Compared counts at the period each holds in, one lane per scope; undated figures apart"),
]


def _stated_outlet(d: dict) -> str:
    """The outlet from metadata.csv, else the site as the page names it (said so), else "unknown"."""
    if d["outlet"] != UNKNOWN_OUTLET or not d.get("site"):
        return d["outlet"]
    return f"{d['site']} (the page says)"


def _embed_png(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def build_context(tables_dir: str | Path, figures_dir: str | Path, top_n: int = 5,
                  provenance: object | None = None, max_rows: int = MAX_ROWS) -> Brief:
    """Read the step tables and compute the brief's findings, evidence and method.

    Each table that grows with the corpus shows at most ``max_rows`` rows, chosen by these rules
    (ties, and the order the chosen rows are shown in, follow the CSV table's order):

    - compared figures: the rows the headline findings cite, then the rows that conflict with
      another article, then the others;
    - figures: the ones the headline findings cite, then the ones in the compared rows shown,
      then the others;
    - articles: the ones named by the headline findings' figures, the top article pairs and the
      closest passages, then the others;
    - sourcing: the articles with the most figures first;
    - article cards: those of the articles shown;
    - source ledger: the sources cited by the most articles, then backing the most figures;
    - quotes: those no other article gives first, then those another gives in other words;
    - input files (provenance): those of the articles shown, then the others.

    A cut table gets a note (in :attr:`Brief.truncated`) saying how many rows it shows and which
    CSV table holds them all. The evidence appendix keeps only the entries that a finding or a
    shown row links to, and the conflict headline names and links at most ``MAX_NAMED`` figures
    (the others are counted). With nothing cut the brief is the same as with no cap at all.

    Args:
        tables_dir: folder holding the tables of steps 01-03.
        figures_dir: folder holding the step figures (missing ones are skipped).
        top_n: how many article pairs and passage pairs of each kind to show.
        provenance: a :class:`newsbrief.provenance.Provenance` to print at the end, if any.
        max_rows: the most rows any long table of the brief shows (at least 1).
    """
    if max_rows < 1:
        raise ValueError(f"max_rows must be at least 1, not {max_rows}")
    t = _Tables.read(tables_dir)
    passages = t.pairs[t.pairs.level != "document"]
    across = passages[passages.doc_a != passages.doc_b]
    within = passages[passages.doc_a == passages.doc_b]
    top_passages = pd.concat([across[across.category != SHARED_FACT].head(top_n),
                              across[across.category == SHARED_FACT].head(top_n),
                              _telling(t, within).drop_duplicates().head(top_n)])  # quotes and claims first
    shown_claims = t.claims[t.claims.kind.isin(t.compared_kinds)]
    labels = dict(zip(t.documents.doc_id, t.documents.label))
    entries = {"claims": _claim_evidence(shown_claims, t.sentences),
               "passages": _passage_evidence(top_passages, t.paragraphs, first=1, sentences=t.sentences),
               "signs": _voice_evidence(t.signals, t.paragraphs, t.sentences, "sign", labels),
               "quotes": _voice_evidence(t.quotes, t.paragraphs, t.sentences, "quote", labels)}
    anchors = {e["key"]: f"#{e['id']}" for e in entries["claims"]}
    passage_anchor = {e["key"]: f"#{e['id']}" for e in entries["passages"]}
    sign_anchor = {e["key"]: f"#{e['id']}" for e in entries["signs"]}
    quote_anchor = {e["key"]: f"#{e['id']}" for e in entries["quotes"]}

    groups = _groups(t)
    sections = [_corpus_section(t), _voices_section(t, sign_anchor, groups), _overlap_section(t, passage_anchor),
                _claims_section(t, anchors)]
    ranked = [r for s in sections for r in s.ranked]
    findings = [f for _, f in sorted(ranked, key=lambda pair: pair[0])][:MAX_HEADLINES]

    rows = {
        "claims": [
            {"doc_id": c.doc_id, "label": c.label, "surface": c.surface, "interval": fmt_interval(c.value_low, c.value_high),
             "qualifier": c.qualifier.replace("_", " ") or "—", "kind": c.kind, "counted": c.counted, "sentence": c.sentence,
             "scope": c.scope.replace(";", ", "), "when": c.time_words.replace(";", ", "),
             "attribution": c.attribution, "hedges": c.hedges.replace(";", ", "),
             "forecast": c.forecast.replace(";", ", "), "anchor": e["id"]}
            for c, e in zip(shown_claims.itertuples(), entries["claims"])],
        "compared": [dict(r._asdict(), anchor=anchors.get((r.doc_id, r.char_start), "#claims")[1:],
                          interval=fmt_interval(r.value_low, r.value_high), scope=r.scope.replace(";", ", "))
                     for r in t.compared.itertuples()],
        "top_documents": t.overlap.sort_values(["covered", "cosine", "doc_a", "doc_b"],
                                               ascending=[False, False, True, True]).head(top_n).to_dict("records"),
        "passages": [dict(p, anchor=e["id"], runs=aligned_segments(p["text_a"], p["text_b"])[:2])
                     for p, e in zip(top_passages.to_dict("records"), entries["passages"])],
        "documents": [dict(d, source=_stated_outlet(d)) for d in t.documents[
            ["doc_id", "label", "file", "title", "outlet", "published", "words", "sentences", "flesch_reading_ease"]
            + [c for c in ("site", "author", "published_source") if c in t.documents]].to_dict("records")],
        "sourcing": t.sourcing.to_dict("records"),
        "cards": _cards(t, sign_anchor),
        "ledger": _ledger(t, anchors),
        "quotes": _quotes(t, quote_anchor),
    }
    shown = _shown(t, findings, rows, entries, provenance, max_rows)
    for entry in shown.evidence:  # each entry links back to the findings that cite it
        entry["cited_by"] = [n for n, f in enumerate(findings, start=1)
                             if any(anchor == f"#{entry['id']}" for _, anchor in f.links)]
    n_docs = len(t.documents)
    n_stories = t.stories.story.nunique()
    title = "Brief: " + (t.documents.title.iloc[0] or t.documents.doc_id.iloc[0] if n_docs == 1
                         else f"{n_docs:,} articles" + (" on one story" if n_stories == 1
                                                        else f", {n_stories:,} stories" if n_stories else ""))
    figures = {name: {"src": _embed_png(Path(figures_dir) / name), "caption": caption}
               for name, caption in FIGURES if (Path(figures_dir) / name).is_file()}
    return Brief(
        title=title,
        findings=findings,
        overview=[f for s in sections for f in s.overview],
        documents=shown.documents,
        top_documents=rows["top_documents"],
        top_passages=rows["passages"],
        claims=shown.claims,
        compared=shown.compared,
        sourcing=shown.sourcing,
        method=_method(t),
        evidence=shown.evidence,
        figures=figures,
        forecasts=[dict(f, hedges=f["hedges"].replace(";", ", ")) for f in t.forecasts.to_dict("records")],
        cards=shown.cards,
        ledger=shown.ledger,
        groups=groups,
        quotes=shown.quotes,
        notes=[n for s in sections for n in s.notes],
        provenance=shown.provenance,
        truncated=shown.truncated,
        figure_kinds=_kinds(t.compared_kinds),
        figure_kinds_or=_kinds(t.compared_kinds, last="or"),
    )
