"""The evidence appendix: each cited figure or passage, marked inside its sentence or paragraph.

In:  the claims, sentences, paragraphs and passage-pair tables. Out: appendix entries (dicts the
     template renders), each with an ``id`` a finding links to and the ``key`` of its table row.
"""

from __future__ import annotations

import pandas as pd

from newsbrief.brief.formatting import fmt_interval

__all__ = ["_claim_evidence", "_passage_evidence"]


def _span(doc_id: str, start: int, end: int, text: str, text_start: int, name: str = "",
          shown: tuple[int, int] | None = None) -> dict:
    """A passage inside its context ``text`` (which starts at ``text_start``), cut for highlighting;
    ``name`` is the article's label (its file id is kept beside it). ``shown`` (file offsets) is the
    part of the context shown open, the match with a sentence either side: the whole context is then
    also given (``folded``: before, marked, after) for a reader who unfolds it."""
    a, b = start - text_start, end - text_start
    whole = {"before": text[:a], "marked": text[a:b], "after": text[b:]}
    span = {"doc_id": doc_id, "label": name or doc_id, "start": int(start), "end": int(end), **whole, "folded": None}
    if shown is not None:
        lo, hi = max(shown[0] - text_start, 0), min(shown[1] - text_start, len(text))
        if lo > 0 or hi < len(text):
            span.update(before=("… " if lo > 0 else "") + text[lo:a].lstrip(), after=text[b:hi].rstrip()
                        + (" …" if hi < len(text) else ""), folded=whole)
    return span


def _around(sentences: pd.DataFrame | None, doc_id: str, start: int, end: int) -> tuple[int, int] | None:
    """File offsets from the sentence before the match to the sentence after it (in its article)."""
    if sentences is None:
        return None
    own = sentences[sentences.doc_id == doc_id]
    before = own[own.char_end <= start].char_start
    after = own[own.char_start >= end].char_end
    return (int(before.max()) if len(before) else start, int(after.min()) if len(after) else end)


def _claim_evidence(claims: pd.DataFrame, sentences: pd.DataFrame) -> list[dict]:
    """One appendix entry per figure: its sentence with the figure marked."""
    starts = {(s.doc_id, s.sent_id): (s.char_start, s.text) for s in sentences.itertuples()}
    entries = []
    for n, c in enumerate(claims.itertuples(), start=1):
        sent_start, text = starts.get((c.doc_id, c.sent_id), (c.char_start - c.sentence.find(c.surface), c.sentence))
        detail = (f"{c.kind}, {fmt_interval(c.value_low, c.value_high)}"
                  + (f", {c.qualifier.replace('_', ' ')}" if c.qualifier else "") + f"; source: {c.attribution}"
                  + (f"; hedges: {c.hedges.replace(';', ', ')}" if c.hedges else ""))
        entries.append({"id": f"figure-{n}", "title": f"Figure “{c.surface}” in {c.label}", "detail": detail,
                        "spans": [_span(c.doc_id, c.char_start, c.char_end, text, sent_start, c.label)],
                        "key": (c.doc_id, c.char_start)})
    return entries


def _passage_evidence(pairs: pd.DataFrame, paragraphs: pd.DataFrame, first: int,
                      sentences: pd.DataFrame | None = None) -> list[dict]:
    """One appendix entry per passage pair: both passages marked inside their paragraphs, shown
    with one sentence either side (``sentences`` given), the rest of the paragraph folded."""
    by_doc = {d: rows for d, rows in paragraphs.groupby("doc_id", sort=False)}

    def context(doc_id: str, start: int, end: int, text: str, name: str) -> dict:
        rows = by_doc.get(doc_id)
        if rows is not None:
            around = rows[(rows.char_start <= start) & (rows.char_end >= end)]
            if len(around):
                p = around.iloc[0]
                return _span(doc_id, start, end, p.text, p.char_start, name, _around(sentences, doc_id, start, end))
        return _span(doc_id, start, end, text, start, name)

    entries = []
    for n, r in enumerate(pairs.itertuples(), start=first):
        where = "inside one article" if r.doc_a == r.doc_b else "across articles"
        entries.append({
            "id": f"passage-{n}", "title": f"{r.category.capitalize()} {r.level} pair {where}",
            "detail": f"cosine {r.cosine:.2f}, shingle Jaccard {r.jaccard:.2f}"
                      + (f"; {r.facts}" if r.facts else "")
                      + (f"; published first: {r.earlier_label}" if r.earlier else ""),
            "spans": [context(r.doc_a, r.start_a, r.end_a, r.text_a, r.label_a),
                      context(r.doc_b, r.start_b, r.end_b, r.text_b, r.label_b)],
            "key": (r.doc_a, r.start_a, r.doc_b, r.start_b)})
    return entries
