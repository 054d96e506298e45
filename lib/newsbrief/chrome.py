"""Page chrome: the parts of a saved web page that are not the article.

In: the paragraph texts of one article, in order. Out: for each paragraph, a short reason
("breadcrumb", "reading time", "newsletter prompt", ...) when it is page chrome, or "" when it is
article text. Chrome is flagged, never deleted: the corpus step keeps it in its tables so a reader
can audit what the analysis left out.

The rules are deliberately conservative and explainable: each is a pattern a person can read, and
most only fire on short paragraphs, so a sentence of prose that happens to mention "subscribe" or
"views" is not thrown away.
"""

from __future__ import annotations

import re

from newsbrief.text import count_words, date_pattern

__all__ = ["RULES", "chrome_reasons"]

_SHORT = 12  # words: most chrome lines are shorter than this
# A dateline may carry any four-digit year (an archive page of 1987 is still a dateline).
_DATE = "(?:" + "|".join(date_pattern(year=r"\d{4}", named=False)) + ")"

# (reason, pattern, longest paragraph in words it may fire on). Order matters: first match wins.
RULES: list[tuple[str, re.Pattern[str], int]] = [
    ("breadcrumb", re.compile(r"^\s*home\s*[»›>|/]|\s[»›]\s", re.I), 30),
    ("reading time", re.compile(r"\b\d+\s*(?:min|mins|minutes?)\s+read\b", re.I), _SHORT),
    ("view count", re.compile(r"\b\d[\d,.]*\s*[km]?\s+(?:views|reads|shares)\b", re.I), _SHORT),
    ("comment count", re.compile(r"^\s*\d+\s+comments?\s*$", re.I), _SHORT),
    ("byline", re.compile(r"^\s*(?:by|written by|posted by|author:?)(?:\s+[\w.'’-]+){0,4}\s*$", re.I), 6),
    ("dateline", re.compile(rf"^\s*(?:(?:today|published|updated|posted)\s*:?\s*)?{_DATE}\s*$", re.I), 8),
    ("section label", re.compile(
        r"^\s*(?:world|business|politics|tech(?:nology)?|sports?|opinion|news|world news|"
        r"breaking news|latest news|top stories|analysis)\s*$", re.I), 3),
    ("site name", re.compile(r"^\s*(?:www\.)?[\w-]+\.(?:com|net|org|news|info|io|co\.uk|co)\s*$", re.I), 2),
    ("table of contents", re.compile(r"^\s*(?:table of contents|contents|in this article)\s*$", re.I), 4),
    ("newsletter prompt", re.compile(
        r"\bsubscribe\b|\bnewsletter\b|\bsign up\b|\bget the latest\b.*\b(?:exclusive|inbox|offerings)\b",
        re.I), 25),
    ("comments prompt", re.compile(
        r"\bleave a (?:comment|reply)\b|\bcomments? below\b|\bakismet\b|comment data is processed",
        re.I), 40),
    ("share prompt", re.compile(
        r"^\s*(?:share(?: this(?: article| story)?)?|follow us(?: on .*)?|click here.*|advertisement|"
        r"sponsored(?: content)?|print|email)\s*:?\s*$", re.I), 6),
    ("disclaimer", re.compile(
        r"\bsubmitted by our users?\b|\bcomputer generated\b|\bnot indicative of factual\b|"
        r"\binfringes? (?:up)?on copyright\b|\ball rights reserved\b|©|\bfor informational purposes only\b|"
        r"\bdoes not constitute (?:financial|legal|investment) advice\b", re.I), 80),
    ("related links", re.compile(
        r"\b(?:for further reading|read more|related articles?|see also)\b.*\b(?:visit|our|here|articles?)\b",
        re.I), 30),
]

# A heading that opens a list of links to other articles; what follows it is chrome too.
_RELATED_HEADING = re.compile(
    r"^\s*(?:latest contents|you may also like|you might also like|related(?: articles| posts| stories| news)?|"
    r"read more|read next|more from .*|more stories|recommended(?: for you| stories)?|popular(?: posts| stories)?|"
    r"trending(?: now| stories)?|also read|see also|latest (?:news|posts|stories|articles)|most read)\s*:?\s*$",
    re.I,
)
_TEASER_END = re.compile(r"(?:…|\.\.\.)\s*$")
def chrome_reasons(paragraphs: list[str]) -> list[str]:
    """Say, for each paragraph of one article, why it is page chrome ("" when it is not).

    Args:
        paragraphs: the article's paragraph texts, in document order.

    Returns:
        A list as long as ``paragraphs``: a reason such as "reading time" or "related links",
        or "" for article text.
    """
    reasons: list[str] = []
    in_related_block = False
    for i, text in enumerate(paragraphs):
        n_words = count_words(text)
        reason = next((r for r, pattern, most in RULES if n_words <= most and pattern.search(text)), "")
        if _RELATED_HEADING.match(text):
            reason, in_related_block = "related links", True
        elif in_related_block:
            # A related-links list is short teasers and headlines; long prose ends it.
            if n_words < 40 or _TEASER_END.search(text):
                reason = reason or "related links"
            else:
                in_related_block = False
        # An author's name on the line after a lone "By".
        if not reason and i > 0 and reasons[-1] == "byline" and paragraphs[i - 1].strip().lower() == "by":
            if n_words <= 4 and not text.rstrip().endswith((".", "!", "?")):
                reason = "byline"
        reasons.append(reason)
    return reasons
