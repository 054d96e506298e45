"""Claim extraction end to end: text in, claims out, each stage in its module.

In:  plain article text, usually one sentence at a time (:func:`extract_claims`), or a sentence
     table with columns ``doc_id, sent_id, char_start, char_end, text`` (:func:`claims_table`).
Out: one :class:`~newsbrief.claims.record.Claim` per figure, in order of ``char_start``; or the
     ``claims.csv`` frame (columns :data:`~newsbrief.claims.record.CLAIM_COLUMNS`) with absolute
     article offsets.
"""

from __future__ import annotations

import re
from dataclasses import asdict

import pandas as pd

from newsbrief.claims.counted import _borrow_counted, _counted
from newsbrief.claims.intervals import _Figure, _merge_comparisons, _merge_ranges, _qualify
from newsbrief.claims.numbers import _MATCHERS, _apply_signs, _resolve_overlaps
from newsbrief.claims.record import _CLAIM_COLUMNS, Claim
from newsbrief.claims.sources import _with_sources
from newsbrief import tables
from newsbrief.progress import track
from newsbrief.text import split_sentences

__all__ = ["claims_table", "extract_claims"]

# "the two nations", "both three-party talks", "these four men": a small number word after a
# determiner refers back to things already named; it claims no quantity.
_DETERMINER_BEFORE = re.compile(r"\b(?:the|these|those|both|its|their|his|her|our|all|my|your)\s+$", re.I)


def _is_reference(text: str, claim: Claim) -> bool:
    """Whether ``claim`` is a small bare number word naming things already mentioned ("the two nations")."""
    return (claim.kind == "count" and not claim.qualifier and claim.surface.isalpha()
            and claim.value_high is not None and claim.value_high < 100
            and bool(_DETERMINER_BEFORE.search(text[max(0, claim.char_start - 12):claim.char_start])))


def _to_claim(text: str, fig: _Figure) -> Claim:
    """Finalize a figure: counted phrase, interval sanity, surface."""
    counted, fig = _counted(text, fig)
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
    )


def extract_claims(text: str, sentences: list[tuple[int, int]] | None = None) -> list[Claim]:
    """All figures in one piece of text (typically one sentence), in order of char_start.

    Args:
        text: Clean text; offsets in the result index into it.
        sentences: the sentence spans of ``text``, when they are known (the corpus step splits
            every article once; :func:`claims_table` passes each of its sentences whole); by
            default the text is split with :func:`newsbrief.text.split_sentences`.

    Returns:
        Claims sorted by ``char_start``; spans never overlap. ``attribution``,
        ``attribution_cue`` and ``hedges`` come from the sentence holding the figure.

    Raises:
        TypeError: If ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise TypeError(f"extract_claims expects str, got {type(text).__name__}")
    atoms = _resolve_overlaps([atom for matcher in _MATCHERS for atom in matcher(text)])
    atoms = _apply_signs(text, atoms)
    figures = _merge_ranges(text, atoms)
    qualified: list[_Figure] = []
    last_end = 0
    for fig in figures:
        fig = _qualify(text, fig, last_end)
        last_end = fig.end
        qualified.append(fig)
    claims: list[Claim] = []
    for fig in _merge_comparisons(text, qualified):
        claim = _to_claim(text, fig)
        if not _is_reference(text, claim):
            claims.append(claim)
    if claims and sentences is None:
        sentences = split_sentences(text)
    return _with_sources(text, claims, sentences or [])


def claims_table(sentences: pd.DataFrame) -> pd.DataFrame:
    """Extract claims from every sentence of a sentence table.

    Args:
        sentences: Columns ``doc_id, sent_id, char_start, char_end, text``, where
            ``char_start`` is the sentence's offset in its original article.

    Returns:
        One row per figure with columns :data:`CLAIM_COLUMNS`; ``char_start`` and
        ``char_end`` are absolute article offsets (sentence offset + claim offset);
        open interval sides are NaN. Sorted by ``doc_id, char_start``. An empty input
        gives an empty frame with the same columns.

    Raises:
        ValueError: If a required input column is missing.
    """
    required = ("doc_id", "sent_id", "char_start", "text")
    missing = [c for c in required if c not in sentences.columns]
    if missing:
        raise ValueError(f"claims_table: missing column(s) {missing}")
    rows: list[dict] = []
    for doc_id, sent_id, offset, text in track(zip(
        sentences["doc_id"], sentences["sent_id"], sentences["char_start"],
        sentences["text"],
    ), "figures in sentences", total=len(sentences), unit="sentence"):
        if not isinstance(text, str):
            continue
        for c in extract_claims(text, sentences=[(0, len(text))]):  # the corpus step split the sentences
            rows.append({**asdict(c), "doc_id": doc_id, "sent_id": sent_id, "sentence": text,
                         "char_start": int(offset) + c.char_start, "char_end": int(offset) + c.char_end})
    rows.sort(key=lambda r: (r["doc_id"], r["char_start"]))
    frame = tables.frame("claims.csv", [{c: r[c] for c in _CLAIM_COLUMNS} for r in rows])
    frame["counted"] = _borrow_counted(frame)
    return frame
