"""The evidence appendix: each cited figure or passage, marked inside its sentence or paragraph.

In:  the claims, sentences, paragraphs and passage-pair tables. Out: appendix entries (dicts the
     template renders), each with an ``id`` a finding links to and the ``key`` of its table row.
"""

from __future__ import annotations

import pandas as pd

from newsbrief.brief.formatting import fmt_interval

__all__ = ["_claim_evidence", "_passage_evidence"]


def _span(doc_id: str, start: int, end: int, text: str, text_start: int) -> dict:
    """A passage inside its context ``text`` (which starts at ``text_start``), cut for highlighting."""
    a, b = start - text_start, end - text_start
    return {"doc_id": doc_id, "start": int(start), "end": int(end),
            "before": text[:a], "marked": text[a:b], "after": text[b:]}


def _claim_evidence(claims: pd.DataFrame, sentences: pd.DataFrame) -> list[dict]:
    """One appendix entry per figure: its sentence with the figure marked."""
    starts = {(s.doc_id, s.sent_id): (s.char_start, s.text) for s in sentences.itertuples()}
    entries = []
    for n, c in enumerate(claims.itertuples(), start=1):
        sent_start, text = starts.get((c.doc_id, c.sent_id), (c.char_start - c.sentence.find(c.surface), c.sentence))
        detail = (f"{c.kind}, {fmt_interval(c.value_low, c.value_high)}"
                  + (f", {c.qualifier}" if c.qualifier else "") + f"; source: {c.attribution}"
                  + (f"; hedges: {c.hedges.replace(';', ', ')}" if c.hedges else ""))
        entries.append({"id": f"figure-{n}", "title": f"Figure “{c.surface}” in {c.doc_id}", "detail": detail,
                        "spans": [_span(c.doc_id, c.char_start, c.char_end, text, sent_start)],
                        "key": (c.doc_id, c.char_start)})
    return entries


def _passage_evidence(pairs: pd.DataFrame, paragraphs: pd.DataFrame, first: int) -> list[dict]:
    """One appendix entry per passage pair: both passages marked inside their paragraphs."""
    by_doc = {d: rows for d, rows in paragraphs.groupby("doc_id", sort=False)}

    def context(doc_id: str, start: int, end: int, text: str) -> dict:
        rows = by_doc.get(doc_id)
        if rows is not None:
            around = rows[(rows.char_start <= start) & (rows.char_end >= end)]
            if len(around):
                p = around.iloc[0]
                return _span(doc_id, start, end, p.text, p.char_start)
        return _span(doc_id, start, end, text, start)

    entries = []
    for n, r in enumerate(pairs.itertuples(), start=first):
        where = "inside one article" if r.doc_a == r.doc_b else "across articles"
        entries.append({
            "id": f"passage-{n}", "title": f"{r.category.capitalize()} {r.level} pair {where}",
            "detail": f"cosine {r.cosine:.2f}, shingle Jaccard {r.jaccard:.2f}"
                      + (f"; {r.facts}" if r.facts else "")
                      + (f"; published first: {r.earlier}" if r.earlier else ""),
            "spans": [context(r.doc_a, r.start_a, r.end_a, r.text_a), context(r.doc_b, r.start_b, r.end_b, r.text_b)],
            "key": (r.doc_a, r.start_a, r.doc_b, r.start_b)})
    return entries
