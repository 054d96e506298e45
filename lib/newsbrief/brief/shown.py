"""A brief stays brief: each table that grows with the corpus is cut to ``max_rows`` by stated rules.

In:  the rows of each long table, the findings and the evidence entries.
Out: :class:`_Shown`: the rows shown, the evidence entries something shown links to, and a note under
     each cut table naming the CSV table that holds every row.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.brief.formatting import _kinds
from newsbrief.brief.inputs import _Tables
from newsbrief.brief.record import Finding

__all__ = ["MAX_ROWS", "_Shown", "_shown"]


# Each table that grows with the corpus (articles, figures, compared figures, sourcing, input files)
# shows at most this many rows unless build_context is told otherwise; every row stays in the CSV tables.
MAX_ROWS = 100


def _choose(tiers: Sequence[int], max_rows: int) -> list[int]:
    """Positions of the rows a table shows: the ``max_rows`` of lowest tier, ties in table order.

    The positions come back in table order, so a cut table reads in the same order as the full one.
    """
    return sorted(sorted(range(len(tiers)), key=lambda i: (tiers[i], i))[:max_rows])


def _shown_note(shown: int, total: int, noun: str, where: str) -> str:
    """'Showing 100 of 9,050 figures; all of them are in tables/claims.csv.'"""
    return f"Showing {shown:,} of {total:,} {noun}; {where}."


def _cut(rows: list[dict], tiers: Sequence[int], max_rows: int, noun: str, where: str) -> tuple[list[dict], str]:
    """``rows`` cut to ``max_rows`` by ``tiers`` (see :func:`_choose`), and the note saying so ("" if uncut)."""
    if len(rows) <= max_rows:
        return rows, ""
    return [rows[i] for i in _choose(tiers, max_rows)], _shown_note(max_rows, len(rows), noun, where)


@dataclass
class _Shown:
    """The rows each long table of the brief shows, and the notes under the cut ones."""

    documents: list[dict]
    claims: list[dict]
    compared: list[dict]
    sourcing: list[dict]
    cards: list[dict]
    ledger: list[dict]
    quotes: list[dict]
    evidence: list[dict]
    provenance: object | None
    truncated: dict[str, str]


def _shown(t: _Tables, findings: list[Finding], rows: dict[str, list[dict]], entries: dict[str, list[dict]],
           provenance: object | None, max_rows: int) -> _Shown:
    """Cut each table that grows with the corpus to ``max_rows`` (the rules are in :func:`build_context`)."""
    notes: dict[str, str] = {}
    cited = {anchor[1:] for f in findings for _, anchor in f.links}
    compared, notes["compared"] = _cut(
        rows["compared"], [0 if r["anchor"] in cited else 1 if r["conflicts_with"] else 2 for r in rows["compared"]],
        max_rows, "compared figures", "all of them are in tables/claim_comparison.csv")
    in_compared = {r["anchor"] for r in compared}
    claims, notes["claims"] = _cut(
        rows["claims"], [0 if c["anchor"] in cited else 1 if c["anchor"] in in_compared else 2 for c in rows["claims"]],
        max_rows, f"{_kinds(t.compared_kinds)} figures", "all of them are in tables/claims.csv")
    named = ({e["key"][0] for e in entries["claims"] if e["id"] in cited}
             | {p[k] for p in rows["top_documents"] + rows["passages"] for k in ("doc_a", "doc_b")})
    documents, notes["documents"] = _cut(
        rows["documents"], [0 if d["doc_id"] in named else 1 for d in rows["documents"]],
        max_rows, "articles", "all of them are in tables/documents.csv")
    sourcing, notes["sourcing"] = _cut(
        rows["sourcing"], [-s["figures"] for s in rows["sourcing"]], max_rows,
        "articles, those with the most figures", "every figure and its source are in tables/claims.csv")
    on_show = {d["doc_id"] for d in documents}
    cards = [c for c in rows["cards"] if c["doc_id"] in on_show]
    ledger, notes["ledger"] = _cut(rows["ledger"], list(range(len(rows["ledger"]))), max_rows,
                                   "sources, those cited by the most articles", "all of them are in tables/sources.csv")
    order = {"none": 0, "different": 1, "same": 2}
    quotes, notes["quotes"] = _cut(rows["quotes"], [order[q["elsewhere"]] for q in rows["quotes"]], max_rows,
                                   "quotes, those no other article gives first", "all of them are in tables/quotes.csv")
    inputs = getattr(provenance, "inputs", None)
    if dataclasses.is_dataclass(provenance) and inputs:
        files = set(t.documents[t.documents.doc_id.isin({d["doc_id"] for d in documents})].file)
        shown_inputs, notes["inputs"] = _cut(inputs, [0 if i["file"] in files else 1 for i in inputs], max_rows,
                                             "input files", "the sha256 of each is in tables/documents.csv")
        if notes["inputs"]:
            provenance = dataclasses.replace(provenance, inputs=shown_inputs)
    linked = (cited | {p["anchor"] for p in rows["passages"]} | in_compared | {c["anchor"] for c in claims}
              | {s["anchor"][1:] for c in cards for s in c["signs"]} | {q["anchor"][1:] for q in quotes}
              | {f["anchor"][1:] for r in ledger for f in r["figures"] if f["anchor"]})
    every = entries["passages"] + entries["claims"] + entries["signs"] + entries["quotes"]
    evidence = [e for e in every if e["id"] in linked]
    if len(evidence) < len(every):
        notes["evidence"] = _shown_note(len(evidence), len(every), "entries, those this brief links to",
                                        "every figure's sentence is in tables/claims.csv")
    return _Shown(documents=documents, claims=claims, compared=compared, sourcing=sourcing, cards=cards, ledger=ledger,
                  quotes=quotes, evidence=evidence,
                  provenance=provenance, truncated={k: v for k, v in notes.items() if v})
