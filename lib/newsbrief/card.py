"""Who wrote an article and which site published it, as the page itself says so.

In: the paragraphs at the head of one article (above its first body paragraph: the title, bylines,
site lines, datelines), each with its file offsets. Out: the author and the site (:func:`byline`,
:func:`site`), each as the page writes it with the offsets of the words that say it, or None.

Rules, each for one way pages state these facts (the seeds state all of them):

- **byline**: a short line "By Thomas Schmidt", "written by …", "Author: …", also "by Jhon Lennon
  53 views" (the name stops at the first word that is not capitalized or at a number), or "By"
  alone on a line with the name on the next one;
- **site line**: a line that is only a domain ("KumDi.com");
- **title suffix**: the last part of the headline after a spaced dash or bar, when it is one to
  four capitalized words ("… how significant is it? – RTÉ News").

A page that names no author or site gets none: nothing is guessed from the text. Each line looked
at is at most ``MAX_LINE_WORDS`` words, so a pathological "byline" costs nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["HEAD_PARAGRAPHS", "MAX_LINE_WORDS", "MAX_TITLE_CHARS", "Stated", "byline", "site"]

HEAD_PARAGRAPHS = 8  # lines above the article text that are read for a byline or a site
MAX_LINE_WORDS = 12  # a longer line is prose, not a byline or a site line
MAX_TITLE_CHARS = 300  # a longer "headline" is not one; its suffix is not read

_NAME_WORD = r"[A-ZÀ-Þ][\w'’.-]*"
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|de|la|le|van|von|der|den|da|del|dos|bin|al))*"
_BYLINE = re.compile(rf"^\s*(?i:by|written by|posted by|words by|author\s*:?)[ \t]+(?P<name>{_NAME})")
_BY_ALONE = re.compile(r"^\s*(?i:by|written by|posted by|author\s*:?)\s*$")
_SITE_LINE = re.compile(r"^\s*(?P<site>(?:www\.)?[\w-]+\.(?:com|net|org|news|info|io|co\.uk|co))\s*$", re.I)
_TITLE_SUFFIX = re.compile(r"\s[–—|-]\s+(?P<site>[^–—|]+?)\s*$")
_SUFFIX_WORD = re.compile(r"^(?:[A-ZÀ-Þ0-9][\w'’.&-]*|&|of|the)$")


@dataclass(frozen=True)
class Stated:
    """A fact as the page states it: its words and their offsets in the article's file."""

    text: str
    char_start: int
    char_end: int


def _short(text: str) -> bool:
    return len(text.split(None, MAX_LINE_WORDS + 1)) <= MAX_LINE_WORDS


def byline(head: Sequence[tuple[int, str]]) -> Stated | None:
    """The author a byline at the head of the article names, or None.

    Args:
        head: the paragraphs above the first body paragraph, as ``(char_start, text)`` in order.
    """
    lines = [(start, text) for start, text in head[:HEAD_PARAGRAPHS] if _short(text)]
    for k, (start, text) in enumerate(lines):
        found = _BYLINE.match(text)
        if found:
            name = found.group("name").rstrip(".")
            return Stated(name, start + found.start("name"), start + found.start("name") + len(name))
        if _BY_ALONE.match(text) and k + 1 < len(lines):
            after_start, after = lines[k + 1]
            named = re.match(rf"\s*(?P<name>{_NAME})", after)
            if named:
                name = named.group("name").rstrip(".")
                return Stated(name, after_start + named.start("name"), after_start + named.start("name") + len(name))
    return None


def site(head: Sequence[tuple[int, str]], title: tuple[int, str] | None = None) -> Stated | None:
    """The site a line of its own or the headline's suffix names, or None.

    Args:
        head: the paragraphs above the first body paragraph, as ``(char_start, text)`` in order.
        title: the headline as ``(char_start, text)``, if the article has one.
    """
    for start, text in head[:HEAD_PARAGRAPHS]:
        if _short(text):
            found = _SITE_LINE.match(text)
            if found:
                return Stated(found.group("site"), start + found.start("site"), start + found.end("site"))
    if title is not None and len(title[1]) <= MAX_TITLE_CHARS:
        found = _TITLE_SUFFIX.search(title[1])
        if found:
            words = found.group("site").split()
            if 1 <= len(words) <= 4 and all(_SUFFIX_WORD.match(w) for w in words):
                start = title[0] + found.start("site")
                return Stated(found.group("site"), start, start + len(found.group("site")))
    return None
