"""The low floor of text: words, numbers in words, month names and dates, sentence spans.

In: plain text (a paragraph, a sentence, a few lines). Out: the words a reader counts
(:func:`words`), letter runs for syllable counts (:func:`letter_words`), calendar dates written
out (:func:`find_date`, and the :data:`MONTHS` vocabulary and :func:`date_pattern` that other rules
embed), and sentence spans (:func:`split_sentences`). Every module that needs one of these asks
here, so a word, a month or a sentence means the same thing in the chrome rules, the corpus tables,
the statistics, the figure reader and the comparison; and the corpus splits sentences once, for
every later step.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["CURRENCY_WORDS", "MONTHS", "NUMBER_SCALES", "NUMBER_TEENS", "NUMBER_TENS", "NUMBER_UNITS", "SCALE_WORDS",
           "STOP_WORDS", "TIME_UNITS", "ZERO_WIDTH", "count_words", "date_pattern", "find_date", "letter_words", "ordinal",
           "split_sentences", "terms", "unseen", "visible", "words"]

# --- characters a reader does not see ---------------------------------------------------------------

# Control characters (C0 but tab, line feed, form feed and carriage return; DEL; C1) and the
# bidirectional formatting characters (embeddings, overrides, isolates and marks): in an article they
# are damage or a trick ("\u202e" shows text reversed). The corpus replaces each with a space, so
# that no offset moves and none reaches a table or the brief.
_UNSEEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# Zero-width characters (space, non-joiner, joiner, word joiner, and a byte-order mark inside the
# text): left in place, they are skipped where they would split a figure ("3\u200b,000").
ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff]")


def unseen(text: str) -> list[str]:
    """The control and bidirectional formatting characters of ``text``, in order."""
    return _UNSEEN.findall(text)


def visible(text: str) -> str:
    """``text`` with each control and bidirectional formatting character replaced by a space
    (same length, so every offset still points at the same character of the original)."""
    return _UNSEEN.sub(" ", text)


# --- words ----------------------------------------------------------------------------------------

# Chinese and Japanese are written without spaces between words: each ideograph or kana counts as a word.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# A reader's word: a run of letters or digits, keeping "U.S.", "don't", "follow-up" and "25,000" whole.
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+(?:[’'.-][^\W{_CJK}]+|,\d{{3}})*")
# Runs of ASCII letters only: what a syllable counter can read ("don't" is "don" and "t").
_LETTERS = re.compile(r"[A-Za-z]+")
# A word that starts with a letter and keeps its inner hyphens and apostrophes ("Korea's", "follow-up").
_TERM = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def words(text: str) -> list[str]:
    """Words as a reader counts them: runs of letters/digits, keeping "U.S.", "don't" and "25,000" whole; in
    Chinese and Japanese, each ideograph or kana."""
    return _WORD.findall(text)


def count_words(text: str) -> int:
    """How many :func:`words` ``text`` has."""
    return len(words(text))


def ordinal(n: int) -> str:
    """1 -> '1st', 2 -> '2nd', 11 -> '11th', 23 -> '23rd': a rank as a reader writes it."""
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def letter_words(text: str) -> list[str]:
    """Runs of ASCII letters ("It's 25,000 troops" -> It, s, troops): the units readability counts."""
    return _LETTERS.findall(text)


def terms(text: str) -> list[str]:
    """Words that start with a letter, hyphens and apostrophes kept ("3,000 Korea's troops" -> Korea's,
    troops): the words a counted phrase is compared by, numbers left out."""
    return _TERM.findall(text)


# --- numbers written in words ---------------------------------------------------------------------

# The words figures are made of, each mapped to what it means: the figure reader of
# :mod:`newsbrief.claims` builds its patterns from them, and the near-duplicate facts read numbers with them.
NUMBER_UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9,
}
NUMBER_TEENS: dict[str, int] = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
NUMBER_TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
NUMBER_SCALES: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}
SCALE_WORDS: dict[str, float] = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12,
    "hundred": 1e2, **NUMBER_SCALES,
}
CURRENCY_WORDS: dict[str, str] = {
    "dollars": "USD", "euros": "EUR", "pounds": "GBP", "pounds sterling": "GBP",
    "roubles": "RUB", "rubles": "RUB", "yen": "JPY", "yuan": "CNY",
    "dlrs": "USD", "dlr": "USD",  # wire style ("26.25 dlrs a share")
}
TIME_UNITS: dict[str, str] = {
    "second": "second", "seconds": "second", "min": "minute", "mins": "minute",
    "minute": "minute", "minutes": "minute", "hour": "hour", "hours": "hour",
    "hr": "hour", "hrs": "hour", "day": "day", "days": "day", "week": "week",
    "weeks": "week", "month": "month", "months": "month", "year": "year",
    "years": "year", "decade": "decade", "decades": "decade",
    "century": "century", "centuries": "century",
}


# Function words (articles, pronouns, auxiliaries, prepositions, conjunctions): what a content word is not.
STOP_WORDS = frozenset("""
a an the this that these those its it it's their his her our your my them they we
he she you i who whom whose which what where when why how there here than then as if
because while whether and or but nor so yet not no also only just even still already
reportedly allegedly each every all both any some many much such own same
am is are was were be been being have has had having do does did done will would
shall should can could may might must
about above across after against along among around at before behind below beneath
beside between beyond by despite down during except for from in inside into like
near of off on onto out outside over past per since through throughout till to
toward towards under until up upon via with within without amid amidst
""".split())

# --- months and dates -----------------------------------------------------------------------------

# Month names and their usual abbreviations, lower case, to the month's number.
MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")], start=1)
    for name in names
}
# The names as a regular-expression alternation, longest first (so "sept" is tried before "sep").
_MONTH = "|".join(sorted(MONTHS, key=lambda m: (-len(m), m)))
_ORDINAL = r"(?:st|nd|rd|th)?"
# Years a publication date can have; a dateline rule may accept any four digits.
PUBLICATION_YEAR = r"(?:19|20)\d\d"


def date_pattern(year: str = PUBLICATION_YEAR, named: bool = True) -> list[str]:
    """The written forms of a calendar date, as regular expressions (use them with ``re.I``).

    "Oct 26, 2024", "Oct. 26th 2024", "26 October 2024", "2024-10-26" and "1999-12-31T23:59:59Z". With ``named`` each
    pattern has the groups ``year``, ``month`` and ``day``; without, they are plain groups-free
    patterns for embedding in a larger rule.

    Args:
        year: the pattern of the year.
        named: whether to name the groups.
    """
    def group(name: str, pattern: str) -> str:
        return f"(?P<{name}>{pattern})" if named else f"(?:{pattern})"

    month, day, full_year = group("month", _MONTH), group("day", r"\d{1,2}"), group("year", year)
    iso = group("year", year) + "-" + group("month", r"\d\d") + "-" + group("day", r"\d\d")
    return [
        rf"\b{month}\.?\s+{day}{_ORDINAL},?\s+{full_year}\b",
        rf"\b{day}{_ORDINAL}\s+{month}\.?,?\s+{full_year}\b",
        rf"\b{iso}(?:(?=T\d\d:\d\d)|\b)",  # an ISO 8601 date, alone or with its time (2024-10-26T08:00Z)
    ]


_DATE_PATTERNS = [re.compile(p, re.I) for p in date_pattern()]


def find_date(text: str) -> date | None:
    """The first calendar date written out in ``text`` ("Oct 26, 2024", "26 October 2024", ISO)."""
    best: tuple[int, date] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            month = m.group("month")
            month_no = int(month) if month.isdigit() else MONTHS[month.lower()]
            try:
                found = date(int(m.group("year")), month_no, int(m.group("day")))
            except ValueError:
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), found)
            break
    return best[1] if best else None


# --- sentences ------------------------------------------------------------------------------------

_SEGMENTER = None
# pySBD's rules take time that grows with the square of a paragraph's length (40,000 characters:
# 2 s; 200,000 without a full stop: about a minute). No paragraph of a news article comes near this
# length; longer ones (a dump, a text without line breaks) are split by :func:`linear_sentences`.
LONG_PARAGRAPH = 20_000
# The longest sentence the linear splitter keeps whole; a longer run without a sentence end is cut
# at the last space before this length (the embedding model reads the first 256 tokens anyway).
LONGEST_SENTENCE = 2_000
# Titles whose full stop ends no sentence ("Dr. Smith"), for the linear splitter.
_TITLES = frozenset("Mr Mrs Ms Dr Prof Gen Col Lt Sgt Capt Maj St Sen Rep Gov Jr Sr No vs".split())
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split one paragraph into sentence spans ``(start, end)`` (pySBD's English rules).

    Spans are found by walking the paragraph left to right, so a sentence that occurs twice
    gets two different spans, and every span slices back to its sentence exactly. A paragraph
    longer than :data:`LONG_PARAGRAPH` characters is split by :func:`linear_sentences` instead.
    """
    global _SEGMENTER
    if len(text) > LONG_PARAGRAPH:
        return linear_sentences(text)
    if _SEGMENTER is None:
        import pysbd

        _SEGMENTER = pysbd.Segmenter(language="en", clean=False)
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece in _SEGMENTER.segment(text):
        piece = piece.strip()
        if not piece:
            continue
        found = text.find(piece, pos)
        if found < 0:  # the segmenter altered the text: keep the rest as one sentence
            break
        spans.append((found, found + len(piece)))
        pos = found + len(piece)
    rest = text[pos:]
    if rest.strip():
        lead = len(rest) - len(rest.lstrip())
        spans.append((pos + lead, pos + len(rest.rstrip())))
    return spans


def _word_before(text: str, pos: int) -> str:
    """The word that ends at ``pos`` (the last of the five characters before it), or ""."""
    before = text[max(0, pos - 5):pos].split()
    return before[-1] if before else ""


def linear_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans by punctuation alone, in time linear in the length of ``text``: a sentence
    ends at ".", "!", "?" or "…" (with closing quotes or brackets) before a space and a capital, a
    digit or an opening quote; a run longer than :data:`LONGEST_SENTENCE` is cut at a space."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text) if _word_before(text, m.start()) not in _TITLES]
    ends.append(len(text))
    spans: list[tuple[int, int]] = []
    start = 0
    for end in ends:
        while start < end:
            lead = len(text[start:end]) - len(text[start:end].lstrip())
            start += lead
            if start >= end:
                break
            stop = end
            if stop - start > LONGEST_SENTENCE:
                cut = text.rfind(" ", start + 1, start + LONGEST_SENTENCE)
                stop = cut if cut > start else start + LONGEST_SENTENCE
            piece = text[start:stop].rstrip()
            if piece:
                spans.append((start, start + len(piece)))
            start = stop
    return spans
