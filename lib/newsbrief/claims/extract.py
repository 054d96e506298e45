"""Claim extraction end to end: text in, claims out, each stage in its module.

In:  plain article text, usually one sentence at a time (:func:`extract_claims`), or a sentence
     table with columns ``doc_id, sent_id, char_start, char_end, text`` and, when it has one,
     ``para_id`` (:func:`claims_table`).
Out: one :class:`~newsbrief.claims.record.Claim` per figure and per timing forecast, in order of
     ``char_start``; or the ``claims.csv`` frame (columns :data:`~newsbrief.claims.record.CLAIM_COLUMNS`)
     with absolute article offsets.

Not a figure: a small number word naming things already mentioned or the parties of the story:
after a determiner ("the two nations", "these four men"), or "two"/"three" right before a party
noun (:data:`_PARTY_NOUNS`: nations, countries, sides, leaders, parties, states, governments, allies,
powers, neighbours, capitals, presidents, armies, delegations, rivals, camps, superpowers; "a mutual
support network for two nations"). A modifier in between says more than which parties: "three
senior leaders of Hamas" is a count. A figure inside a timing forecast ("few months" in "within the
next few months", "2025" in "by 2025") is part of the forecast, not a claim of its own.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import asdict, replace

import pandas as pd

from newsbrief.claims.clauses import _clause_at, _clauses
from newsbrief.claims.counted import _borrow_counted, _counted_parts
from newsbrief.claims.forecasts import _forecasts
from newsbrief.claims.intervals import _Figure, _merge_comparisons, _merge_ranges, _qualify
from newsbrief.claims.numbers import _MATCHERS, _apply_signs, _resolve_overlaps
from newsbrief.claims.record import _CLAIM_COLUMNS, Claim
from newsbrief.claims.scope import _scope, _time_words
from newsbrief.claims.sources import _next_frame, _with_sources
from newsbrief.claims.timing import _time_expressions
from newsbrief import cluster, tables
from newsbrief.progress import track
from newsbrief.text import ZERO_WIDTH, split_sentences

__all__ = ["claims_table", "extract_claims"]

# "the two nations", "both three-party talks", "these four men": a small number word after a
# determiner refers back to things already named; it claims no quantity.
_DETERMINER_BEFORE = re.compile(r"\b(?:the|these|those|both|its|their|his|her|our|all|my|your)\s+$", re.I)
# Nouns naming the parties of a story: "two nations", "the two leaders" count no quantity.
_PARTY_NOUNS = frozenset("""
nations nation countries country sides side leaders leader parties party states governments allies
powers neighbours neighbors capitals presidents armies delegations rivals camps superpowers
""".split())


def _is_reference(text: str, claim: Claim) -> bool:
    """Whether ``claim`` is a small bare number word naming things already mentioned ("the two
    nations") or the parties of the story ("two nations", "three powers"; module docstring)."""
    if not (claim.kind == "count" and not claim.qualifier and claim.surface.isalpha()
            and claim.value_high is not None and claim.value_high < 100):
        return False
    if _DETERMINER_BEFORE.search(text[max(0, claim.char_start - 12):claim.char_start]):
        return True
    return claim.value_high <= 3 and claim.counted.casefold() in _PARTY_NOUNS  # "two nations", not "three senior leaders"


def _to_claim(text: str, fig: _Figure) -> tuple[Claim, int]:
    """Finalize a figure: counted phrase, interval sanity, surface; with the end of its counted noun phrase."""
    counted, np_end, fig = _counted_parts(text, fig)
    low, high = fig.low, fig.high
    if low is not None and high is not None and low > high:
        low, high = high, low
    return Claim(
        char_start=fig.start,
        char_end=fig.end,
        surface=text[fig.start:fig.end],
        value_low=low,
        value_high=high,
        qualifier=fig.qualifier,
        vague=fig.vague,
        kind=fig.kind,
        unit=fig.unit,
        counted=counted,
    ), np_end


def extract_claims(text: str, sentences: list[tuple[int, int]] | None = None,
                   governed_by: tuple[str, str] | None = None) -> list[Claim]:
    """All figures and timing forecasts in one piece of text (typically one sentence), in order of char_start.

    Args:
        text: Clean text; offsets in the result index into it.
        sentences: the sentence spans of ``text``, when they are known (the corpus step splits
            every article once; :func:`claims_table` passes each of its sentences whole); by
            default the text is split with :func:`newsbrief.text.split_sentences`.
        governed_by: the ``(source, cue)`` a paragraph-opening "According to X," of an earlier
            sentence gives the text's first sentences (:mod:`newsbrief.claims.sources`), or None.

    Returns:
        Claims sorted by ``char_start``; spans never overlap. ``scope`` and ``time_words`` come
        from the figure's clause; ``attribution``, ``attribution_cue``, ``hedges`` and ``forecast``
        from its clause, sentence and paragraph.

    Raises:
        TypeError: If ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_claims expects str, got {type(text).__name__}")
    if ZERO_WIDTH.search(text):
        return _around_zero_width(text, sentences, governed_by)
    atoms = _resolve_overlaps([atom for matcher in _MATCHERS for atom in matcher(text)])
    atoms = _apply_signs(text, atoms)
    figures = _merge_ranges(text, atoms)
    qualified: list[_Figure] = []
    last_end = 0
    for fig in figures:
        fig = _qualify(text, fig, last_end)
        last_end = fig.end
        qualified.append(fig)
    found: list[tuple[Claim, int]] = []
    for fig in _merge_comparisons(text, qualified):
        claim, np_end = _to_claim(text, fig)
        if not _is_reference(text, claim):
            found.append((claim, np_end))
    if not found and not _time_expressions(text):
        return []
    if sentences is None:
        sentences = split_sentences(text)
    spans = sentences or [(0, len(text))]
    claims: list[Claim] = []
    for start, end in spans:
        clauses = _clauses(text, start, end)
        forecasts = _forecasts(text, clauses)
        mine = [(c, e) for c, e in found if start <= c.char_start < end
                and not any(c.char_start < f.char_end and f.char_start < c.char_end for f in forecasts)]
        for n, (claim, np_end) in enumerate(mine):
            k = _clause_at(clauses, claim.char_start)
            lo, hi = clauses[k]
            if n and mine[n - 1][0].char_end > lo:
                lo = mine[n - 1][0].char_end
            if n + 1 < len(mine) and mine[n + 1][0].char_start < hi:
                hi = mine[n + 1][0].char_start
            scope = _scope(text, claim.char_start, claim.char_end, np_end, lo, hi) if claim.counted or claim.kind in (
                "count", "money", "percent") else ""
            time_words = "" if claim.kind == "date" else _time_words(text, clauses, k, claim.char_start, claim.char_end)
            claims.append(replace(claim, scope=scope, time_words=time_words))
        claims += forecasts
    claims.sort(key=lambda c: c.char_start)
    return _with_sources(text, claims, spans, governed_by)


def _around_zero_width(text: str, sentences: list[tuple[int, int]] | None,
                       governed_by: tuple[str, str] | None) -> list[Claim]:
    """:func:`extract_claims` of ``text`` read without its zero-width characters ("3\u200b,000" is
    3,000), with every claim's span mapped back to ``text``."""
    kept = [i for i, c in enumerate(text) if not ZERO_WIDTH.match(c)]  # clean position -> text position
    clean = "".join(text[i] for i in kept)
    bounds = kept + [len(text)]
    # a text position's clean position: how many kept characters come before it
    spans = None if sentences is None else [(bisect_left(kept, a), bisect_left(kept, b)) for a, b in sentences]
    return [replace(c, char_start=bounds[c.char_start], char_end=bounds[c.char_end - 1] + 1,
                    surface=text[bounds[c.char_start]:bounds[c.char_end - 1] + 1])
            for c in extract_claims(clean, spans, governed_by)]


PART_SENTENCES = 5_000  # on a cluster, each job reads the sentences of whole articles, about this many


def claims_table(sentences: pd.DataFrame, engine: object | None = None) -> pd.DataFrame:
    """Extract claims from every sentence of a sentence table.

    Args:
        sentences: Columns ``doc_id, sent_id, char_start, char_end, text``, where
            ``char_start`` is the sentence's offset in its original article; with ``para_id``
            (as ``sentences.csv`` has it), a paragraph-opening "According to X," governs the
            paragraph's later sentences that name no source (:mod:`newsbrief.claims.sources`);
            without it every sentence is a paragraph of its own.

    Returns:
        One row per figure or timing forecast with columns :data:`CLAIM_COLUMNS`; ``char_start``
        and ``char_end`` are absolute article offsets (sentence offset + claim offset);
        open interval sides are NaN. Sorted by ``doc_id, char_start``. An empty input
        gives an empty frame with the same columns.

        With an ``engine`` on a cluster (:mod:`newsbrief.cluster`), the articles are read in parts
        (``PART_SENTENCES``), a job each, and the parts' rows joined in order: every rule reads one
        article at a time, so the table is the same.

    Raises:
        ValueError: If a required input column is missing.
    """
    required = ("doc_id", "sent_id", "char_start", "text")
    missing = [c for c in required if c not in sentences.columns]
    if missing:
        raise ValueError(f"claims_table: missing column(s) {missing}")
    if getattr(engine, "client", None) is not None and len(sentences) > PART_SENTENCES:
        found = engine.map(claims_table, cluster.by_article(sentences, PART_SENTENCES), label="figures in sentences", unit="part")
        kept = [part for part in found if len(part)] or found[:1]
        return pd.concat(kept, ignore_index=True) if len(kept) > 1 else kept[0].reset_index(drop=True)
    paragraphs = sentences["para_id"] if "para_id" in sentences.columns else range(len(sentences))
    ordered = sorted(zip(sentences["doc_id"], paragraphs, sentences["char_start"], sentences["sent_id"],
                         sentences["text"]), key=lambda r: (r[0], r[2]))
    rows: list[dict] = []
    paragraph, frame = None, None
    for doc_id, para_id, offset, sent_id, text in track(
            ordered, "figures in sentences", total=len(sentences), unit="sentence"):
        if (doc_id, para_id) != paragraph:
            paragraph, frame = (doc_id, para_id), None
        if not isinstance(text, str):
            continue
        for c in extract_claims(text, sentences=[(0, len(text))], governed_by=frame):  # split in step 01
            rows.append({**asdict(c), "doc_id": doc_id, "sent_id": sent_id, "sentence": text,
                         "char_start": int(offset) + c.char_start, "char_end": int(offset) + c.char_end})
        frame = _next_frame(frame, text)
    rows.sort(key=lambda r: (r["doc_id"], r["char_start"]))
    table = tables.frame("claims.csv", [{c: r[c] for c in _CLAIM_COLUMNS} for r in rows])[list(_CLAIM_COLUMNS)]
    table["counted"] = _borrow_counted(table)
    return table
