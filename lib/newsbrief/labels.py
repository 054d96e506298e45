"""Readable names for articles: who published it (or a letter) and its headline, shortened.

In: the articles in id order, each with its outlet and title. Out: one label per article
(:func:`article_labels`), such as "C · North Korean troops in Russia: how…" or "RTÉ News · North
Korean troops in Russia: how…". The label is what a reader sees in findings, tables and charts; the
file id (``doc_id``) stays the key of every table and is shown in the evidence, so each label leads
back to its file through ``documents.csv``.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["TITLE_CHARS", "UNKNOWN_OUTLET", "article_labels", "by_id", "key", "letter", "short_title"]

UNKNOWN_OUTLET = "unknown"  # the outlet of an article that metadata.csv does not name
TITLE_CHARS = 32  # a shortened headline keeps its words up to this many characters, then "…"


def letter(n: int) -> str:
    """The n-th letter name, from 0: A, B, … Z, AA, AB, …"""
    name = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def short_title(title: str, limit: int = TITLE_CHARS) -> str:
    """``title`` cut after its last whole word within ``limit`` characters, with "…" when cut."""
    title = " ".join(str(title or "").split())
    if not title:
        return "(no headline)"
    if len(title) <= limit:
        return title
    cut = title[:limit + 1].rsplit(" ", 1)[0] if " " in title[:limit + 1] else title[:limit]
    return cut.rstrip(" ,;:–-") + "…"


def by_id(documents) -> dict[str, str]:
    """Each article's label by its id, from the documents table (its ``doc_id`` and ``label`` columns)."""
    return dict(zip(documents.doc_id, documents.label))


def key(label: str) -> str:
    """The short part of a label, for a crowded chart: its outlet or letter ("C", "RTÉ News")."""
    return label.split(" · ", 1)[0]


def article_labels(rows: Iterable[tuple[str, str, str]]) -> list[str]:
    """A label per ``(outlet, title, opening)`` in id order: the outlet when known, else the article's
    letter (its place in id order), then its shortened headline, or, for an article without one,
    its opening words in quotes. Labels are unique: a repeat gets " (2)"."""
    labels, seen = [], {}
    for n, (outlet, title, opening) in enumerate(rows):
        known = str(outlet or "").strip()
        prefix = known if known and known != UNKNOWN_OUTLET else letter(n)
        words = short_title(title) if str(title or "").strip() or not str(opening or "").strip() else \
            f"“{short_title(opening, TITLE_CHARS - 2)}”"
        label = f"{prefix} · {words}"
        seen[label] = seen.get(label, 0) + 1
        labels.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return labels
