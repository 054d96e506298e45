"""Two passages aligned word by word, and passage pairs shown side by side in a notebook.

In: two passage texts, or a frame of passage pairs with the columns of ``near_duplicates.csv``.
Out: each passage cut into runs ``(text, shared)`` by the word runs it shares with the other
(:func:`aligned_segments`), the same as escaped HTML (:func:`align`), and the top pairs as an HTML
table for a notebook (:func:`side_by_side`, rendered from ``templates/side_by_side.html.j2``).

A low floor: the standard library only (Jinja2 when a table is rendered), nothing of the
detector, so the brief can mark shared words without importing numpy or the detection code.
"""

from __future__ import annotations

import difflib
import html
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["SideBySide", "align", "aligned_segments", "side_by_side"]

Runs = list[tuple[str, bool]]  # a text cut into runs, each with whether the other text shares it


def _segments(tokens: list[str], spans: list[tuple[int, int]]) -> Runs:
    """Runs of ``tokens`` as ``(text, shared)``, shared where a span covers them."""
    shared = [False] * len(tokens)
    for s, e in spans:
        shared[s:e] = [True] * (e - s)
    return [("".join(token for token, _ in run), flag)
            for flag, run in itertools.groupby(zip(tokens, shared), key=lambda pair: pair[1])]


def aligned_segments(text_a: str, text_b: str) -> tuple[Runs, Runs, float]:
    """Each passage cut into runs ``(text, shared)`` by the word runs it shares with the other.

    difflib on words (case and apostrophes folded). Also returns the share of ``text_a``'s words
    inside shared runs. Templates mark the shared runs; nothing here is HTML.
    """
    tok_a, tok_b = re.findall(r"\w+|\W+", text_a), re.findall(r"\w+|\W+", text_b)
    key = lambda t: t.lower().replace("’", "'") if t.strip() else " "  # noqa: E731
    matcher = difflib.SequenceMatcher(None, [key(t) for t in tok_a], [key(t) for t in tok_b], autojunk=False)
    blocks = [m for m in matcher.get_matching_blocks() if m.size and any(tok_a[m.a + q].strip() and
                                                                        tok_a[m.a + q][0].isalnum()
                                                                        for q in range(m.size))]
    words_a = sum(1 for t in tok_a if t[:1].isalnum())
    shared_a = sum(1 for m in blocks for t in tok_a[m.a:m.a + m.size] if t[:1].isalnum())
    return (_segments(tok_a, [(m.a, m.a + m.size) for m in blocks]),
            _segments(tok_b, [(m.b, m.b + m.size) for m in blocks]),
            shared_a / words_a if words_a else 0.0)


def align(text_a: str, text_b: str) -> tuple[str, str, float]:
    """:func:`aligned_segments` as escaped HTML with ``<mark>`` around shared runs (for notebooks)."""
    runs_a, runs_b, share = aligned_segments(text_a, text_b)
    as_html = lambda runs: "".join(f"<mark>{html.escape(t)}</mark>" if shared else html.escape(t)  # noqa: E731
                                   for t, shared in runs)
    return as_html(runs_a), as_html(runs_b), share


@dataclass
class SideBySide:
    """Aligned passage pairs; shown as an HTML table in a notebook, with shared words marked.

    Each row: ``label`` (category, level, the two passages' places, scores and the facts behind the
    call, one per line) and
    ``runs_a``, ``runs_b`` (each passage as :func:`aligned_segments` cuts it).
    """

    rows: list[dict]

    def _repr_html_(self) -> str:
        """The rows rendered by ``side_by_side.html.j2``; the template escapes every article string."""
        return _environment().get_template("side_by_side.html.j2").render(rows=self.rows)


def _environment():
    """The package's templates, autoescaped (as the brief renders them): article text stays text."""
    from jinja2 import Environment, PackageLoader

    return Environment(loader=PackageLoader("newsbrief", "templates"), autoescape=True,
                       trim_blocks=True, lstrip_blocks=True)


def side_by_side(pairs: pd.DataFrame, top: int = 6, per_category: bool = True,
                 within_article: bool | None = None) -> SideBySide:
    """The top passage pairs (of each category, or overall) aligned side by side.

    ``within_article``: True for repetitions inside one article only, False for pairs across
    articles only, None for both.
    """
    passages = pairs[pairs.level != "document"]
    if within_article is not None:
        passages = passages[(passages.doc_a == passages.doc_b) == within_article]
    if per_category:
        passages = passages.groupby("category", sort=False, group_keys=False).head(top)
    else:
        passages = passages.head(top)
    rows = []
    for r in passages.itertuples():
        runs_a, runs_b, _ = aligned_segments(r.text_a, r.text_b)
        label = (f"{r.category} {r.level}\n{r.doc_a} [{r.start_a}–{r.end_a}]\n{r.doc_b} [{r.start_b}–{r.end_b}]\n"
                 f"cosine {r.cosine:.2f} · Jaccard {r.jaccard:.2f}"
                 + (f"\n{r.facts}" if getattr(r, "facts", "") else "")
                 + (f"\nearlier: {r.earlier}" if r.earlier else ""))
        rows.append({"label": label, "runs_a": runs_a, "runs_b": runs_b})
    return SideBySide(rows)
