"""The clauses of a sentence, and the words they are made of: where a hedge, a source, a scope or a
time word stops.

In:  one sentence (any span of text, as ``start, end`` offsets into a larger text).
Out: its clause spans (:func:`_clauses`, :func:`_clause_at`) and its word tokens with offsets
     (:func:`_words`), shared by the stages that read what surrounds a figure
     (:mod:`~newsbrief.claims.scope`, :mod:`~newsbrief.claims.forecasts`,
     :mod:`~newsbrief.claims.sources`).

A sentence is split, conservatively, where a second statement begins:

* at "; " and at a spaced dash (" — ", " – ");
* before ", with", ", while", ", whilst", ", whereas", ", and", ", but", ", or", ", yet",
  ", where", ", although", ", though", and before " but " without a comma;
* after the opening clause of a sentence that starts with "While", "Although", "Though",
  "Whereas" or "If" (at its first comma).

The connective goes with the clause it opens. Participles after a comma (", indicating", ", marking")
and "that"-complements do not split: "reports indicate that 3,000 troops arrived" is one statement
whose source governs its figure. A figure's clause is the one holding its first character.

A clause opened by ", with", ", and", ", or", ", where" or ", while" *continues* the statement before
it (:func:`_continues`): a source that governs the clause before governs it too. A semicolon, a dash,
"but", "yet", "although", "though", "whereas" and the end of an opening "While ..." clause start a new
statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["_Word", "_clause_at", "_clauses", "_continues", "_words"]

_BREAK = re.compile(
    r"\s*;\s+"
    r"|\s+[—–]\s+"
    r"|,?\s+(?=but\s)"
    r"|,\s+(?=(?:with|while|whilst|whereas|and|but|or|yet|where|although|though)\s)",
    re.IGNORECASE,
)
_SUBORDINATE_OPENING = re.compile(r"[\"'“‘(\s]*(?:while|although|though|whereas|if)\s[^,;]*?,\s+", re.IGNORECASE)
_WORD = re.compile(
    r"(?:[^\W\d_]\.){2,}"                 # "U.S."
    r"|\d+(?:[.,]\d+)*"                     # "25,000", "1.5"
    r"|[^\W_]+(?:['’-][^\W_]+)*['’]?"       # "Russia's", "follow-up", "soldiers'"
    r"|[^\w\s]"                             # one punctuation character
)


@dataclass(frozen=True)
class _Word:
    """A word (or one punctuation character) of a sentence, with its offsets in the whole text."""

    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.casefold()

    @property
    def is_word(self) -> bool:
        return self.text[:1].isalnum()


def _words(text: str, start: int = 0, end: int | None = None) -> list[_Word]:
    """Words and punctuation of ``text[start:end]``, offsets into ``text`` ("Russia's", "U.S.", "25,000"
    stay whole; any other punctuation character is a token of its own)."""
    end = len(text) if end is None else end
    out: list[_Word] = []
    for m in _WORD.finditer(text, start, end):
        out.append(_Word(m.start(), m.end(), m.group()))
    return out


def _clauses(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The clause spans of the sentence ``text[start:end]``, in order, covering it without gaps
    (each span starts at its connective; separators stay with the clause before)."""
    end = len(text) if end is None else end
    cuts: list[int] = []
    if m := _SUBORDINATE_OPENING.match(text, start, end):
        cuts.append(m.end())
    cuts += [m.end() for m in _BREAK.finditer(text, start, end) if m.end() < end]
    spans, left = [], start
    for cut in sorted(set(cuts)):
        if cut > left:
            spans.append((left, cut))
            left = cut
    spans.append((left, end))
    return spans


def _clause_at(spans: list[tuple[int, int]], pos: int) -> int:
    """Index of the clause of ``spans`` that holds offset ``pos`` (the last one starting at or before it)."""
    index = 0
    for k, (start, _) in enumerate(spans):
        if start <= pos:
            index = k
    return index


_CONTINUING = re.compile(r"(?:with|and|or|where|while)\s", re.IGNORECASE)


def _continues(text: str, spans: list[tuple[int, int]], index: int) -> bool:
    """Whether clause ``index`` of ``spans`` continues the statement of the clause before it (module
    docstring); the first clause continues nothing."""
    if index <= 0:
        return False
    start = spans[index][0]
    before = text[spans[index - 1][0]:start].rstrip()
    return before.endswith(",") and not _SUBORDINATE_OPENING.fullmatch(text, spans[index - 1][0], start) \
        and bool(_CONTINUING.match(text, start))
