"""Direct quotes and who speaks them.

In:  one paragraph of article text and the spans of its sentences (:func:`paragraph_quotes`).
Out: each direct quote: its words and offsets (inside the quote marks), its speaker as written and
     resolved (the most complete name the article gives), the speaker's role, and the cue.

Quote marks are “ ” « » „ and the straight ``"``: a straight mark opens after a space, a bracket or
the start of the paragraph and closes otherwise; a quote never crosses a paragraph, one left open is
dropped, and one longer than :data:`MAX_QUOTE_CHARS` is no quote (a stray mark), so a page of 500
marks costs one pass. Single quotes are not read (they are also apostrophes).

The speaker, in this order:

1. **after the quote** in its sentence: ``"…," said Dr. Mark Reinhold`` (verb, then the speaker),
   ``"…," Kirby stated`` or ``"…," he said`` (the speaker, then the verb);
2. **before the quote** in its sentence: ``Ian Bremmer, founder of the Eurasia Group, noted, "…"``,
   ``X …, announcing earlier this week, "…"`` (a participle of saying takes the sentence's
   subject), ``According to U.S. defense officials, this is a "…"``;
3. any other attribution of the sentence (:func:`newsbrief.claims.attributions`), the nearest;
4. **continued**: a quote that opens its sentence with no speaker of its own, right after a quote
   of the same paragraph (``"…," remarked X. "…"``), or of the paragraph before, has its speaker;
   else the source the sentence before it attributes to (``X says the rain did little. "…"``);
5. **the subject** of the sentence, for a quote inside it ("President Zelenskyy has called on
   allies to "stop watching""; a leading "As …," clause is skipped), with no cue.

"he" and "she" are the person last named in the article, a surname alone ("Kirby") the person of
that surname named in full, with the role they were given there. A quote of at most four words
with no speaker, or whose words are all capitalized (a name: the "Storm Corps"), is not speech and
is not listed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsbrief.claims import attributions
from newsbrief.voices.names import _TITLES, read_source

__all__ = ["MAX_QUOTE_CHARS", "PRONOUNS", "Quote", "SPEECH_VERBS", "paragraph_quotes", "quote_marks"]

MAX_QUOTE_CHARS = 3000  # a longer "quote" is a stray mark's, not a quotation
_OPENERS = "“«„"
_CLOSERS = "”»"
_MARKS = re.compile(r'["“”«»„]')

# Verbs that attribute speech, in every form an article uses them.
SPEECH_VERBS = frozenset("""
said says say stated states told tells added adds remarked remarks noted notes explained explains
insisted insists argued argues warned warns wrote writes asked asks replied replies declared
declares announced announces confirmed confirms continued continues urged urges acknowledged
acknowledges admitted admits recalled recalls observed observes commented comments claimed claims
promised promises vowed vows conceded concedes suggested suggests stressed stresses emphasized
emphasised emphasizes emphasises cautioned cautions predicted predicts responded responds
reiterated reiterates countered counters pointed points quipped quips joked jokes tweeted posted
""".split())
# Participles of saying after a comma: their subject opens the sentence.
_PARTICIPLES = frozenset("""
saying adding noting announcing stating warning explaining insisting arguing declaring telling
writing urging putting
""".split())
PRONOUNS = frozenset({"he", "she"})  # a speaker written as a pronoun, resolved within its article
_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\w,.]*|[^\w\s]")
_ADVERB = re.compile(r"\w+ly$")
_SUBORDINATE = re.compile(r"^\s*(?:As|While|When|After|Although|Though|Since|If|Because|Amid|With|In)\b[^,]*,\s*")
# Capitalized at a sentence's start, never a name: "A statement from ...", "But he said".
_FUNCTION_WORDS = frozenset("""
a an the this that these those it its but and or so yet in on at for of to from by with as if when while
after before since although though because however meanwhile he she they we i you there here what which who
""".split())
_AUXILIARIES = frozenset({"also", "has", "have", "had", "then", "later", "again", "once", "further"})
_ACCORDING = re.compile(r"\baccording\s+to\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Quote:
    """A direct quote of a paragraph: offsets of its words (inside the marks), relative to the paragraph."""

    start: int
    end: int
    quote: str
    speaker: str  # as written near the quote ("Kirby", "he"), empty if none
    cue: str
    how: str  # which rule found the speaker: after, before, sentence, continued, subject, or empty


def quote_marks(text: str) -> list[tuple[int, int]]:
    """The quoted spans of one paragraph as (start, end) of the words inside the marks."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _MARKS.finditer(text):
        at, mark = m.start(), m.group()
        prev = text[at - 1] if at else " "
        opens = mark in _OPENERS or (mark == '"' and (prev.isspace() or prev in "([{—–-/" or at == 0))
        closes = mark in _CLOSERS or (mark == '"' and not opens)
        if open_at is not None and (closes or mark == '"'):
            if 0 < at - open_at - 1 <= MAX_QUOTE_CHARS and text[open_at + 1:at].strip():
                spans.append((open_at + 1, at))
            open_at = None
        elif opens:
            open_at = at  # an opener while one is open: the earlier one was never closed
    return spans


class _Tok:
    """A word of a sentence: its text and offsets, a full stop dropped unless it is a title's ("Dr.")."""

    __slots__ = ("_start", "_end", "_text")

    def __init__(self, m: re.Match):
        text, end = m.group(), m.end()
        if text.endswith(".") and len(text) > 1 and text.casefold() not in _TITLES and "." not in text[:-1]:
            text, end = text[:-1], end - 1
        self._start, self._end, self._text = m.start(), end, text

    def group(self) -> str:
        return self._text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


def _words(text: str) -> list[_Tok]:
    return [_Tok(m) for m in _WORD.finditer(text)]


def _name_phrase(words: list[_Tok], k: int, step: int) -> tuple[int, int] | None:
    """Word indexes (first, last) of a speaker phrase starting at ``k`` and read in direction ``step``:
    a pronoun, or capitalized words and titles with "the", "of" and role nouns inside."""
    if not 0 <= k < len(words):
        return None
    w = words[k].group()
    if w.casefold() in PRONOUNS:
        return k, k
    taken = []
    j = k
    while 0 <= j < len(words) and len(taken) < 8:
        w = words[j].group()
        low = w.casefold()
        if low in _FUNCTION_WORDS and not (taken and low in ("of", "the", "for")):
            break
        if w[:1].isupper() or low in _TITLES or (taken and low in ("of", "the", "for")):
            taken.append(j)
            j += step
            continue
        break
    while taken and words[taken[-1]].group().casefold() in ("of", "the", "for"):
        taken.pop()
    if not taken or not any(words[i].group()[:1].isupper() for i in taken):
        return None
    return min(taken), max(taken)


def _phrase(text: str, words: list[_Tok], span: tuple[int, int]) -> str:
    """The words of ``span`` as written (without a sentence's full stop: "Reinhold." -> "Reinhold")."""
    return text[words[span[0]].start():words[span[1]].end()]


def _after(text: str) -> tuple[str, str] | None:
    """The speaker named after a quote: ``, said X`` or ``, X said`` (text: what follows the quote)."""
    words = _words(text[:200])
    k = 0
    while k < len(words) and words[k].group() in ",:;—–-":
        k += 1
    if k >= len(words):
        return None
    first = words[k].group().casefold()
    if first in SPEECH_VERBS:
        span = _name_phrase(words, k + 1, 1)
        return (_phrase(text, words, span), first) if span else None
    span = _name_phrase(words, k, 1)
    if span is None:
        return None
    j = span[1] + 1
    while j < len(words) and _ADVERB.match(words[j].group()) and words[j].group().casefold() not in SPEECH_VERBS:
        j += 1
    if j < len(words) and words[j].group().casefold() in SPEECH_VERBS:
        return _phrase(text, words, span), words[j].group().casefold()
    return None


def _before(text: str) -> tuple[str, str] | None:
    """The speaker named before a quote in its sentence (text: the sentence up to the quote)."""
    words = _words(text)
    if not words:
        return None
    # the verb or participle of saying nearest the quote, at most eight words before it
    for k in range(len(words) - 1, max(-1, len(words) - 10), -1):
        low = words[k].group().casefold()
        if low in SPEECH_VERBS and not (low in ("claims", "notes", "points", "promises") and k + 1 < len(words)
                                        and words[k + 1].group() not in ",:"):
            j = k - 1
            while j >= 0 and (_ADVERB.match(words[j].group()) or words[j].group().casefold() in _AUXILIARIES):
                j -= 1
            if j >= 0 and words[j].group() == ",":  # an appositive: "X, founder of Y, noted"
                start = text.rfind(",", 0, words[j].start())
                if start > 0:
                    j = len(_words(text[:start])) - 1
            span = _name_phrase(words, j, -1) if j >= 0 else None
            if span is not None:
                return _phrase(text, words, span), low
            return None
        j = k - 1
        while j >= 0 and _ADVERB.match(words[j].group()):  # ", articulately putting it,"
            j -= 1
        if low in _PARTICIPLES and j >= 0 and words[j].group() == ",":
            span = _name_phrase(words, 0, 1)
            if span is not None and span[0] == 0:
                return _phrase(text, words, span), low
            return None
    m = None
    for m in _ACCORDING.finditer(text):
        pass
    if m is not None:
        rest = text[m.end():]
        found = attributions("According to " + rest)
        if found and found[0][3] == "according to":
            return found[0][2], "according to"
    return None


def _subject(text: str) -> str | None:
    """The subject a sentence opens with, past a leading "As …," clause (text: the sentence up to the quote)."""
    body = _SUBORDINATE.sub("", text, count=1)
    words = _words(body)
    span = _name_phrase(words, 0, 1)
    if span is None or span[0] != 0:
        return None
    end = span[1]
    # role nouns after the name: "North Korean leaders"
    while end + 1 < len(words) and read_source(words[end + 1].group()).kind in ("government", "military", "expert") \
            and words[end + 1].group()[:1].islower():
        end += 1
    nxt = words[end + 1].group() if end + 1 < len(words) else ""
    if not nxt[:1].islower():
        return None
    return _phrase(body, words, (0, end))


def paragraph_quotes(text: str, sentences: Sequence[tuple[int, int]],
                     previous: Quote | None = None) -> list[Quote]:
    """The direct quotes of one paragraph with their speakers as written (module docstring).

    Args:
        text: the paragraph.
        sentences: its sentences' spans, relative to the paragraph, in order.
        previous: the last quote of the paragraph before, when that paragraph ended with it, so a
            quote continued in a new paragraph keeps its speaker.
    """
    out: list[Quote] = []
    spans = quote_marks(text)
    for start, end in spans:
        sent = next(((a, b) for a, b in sentences if a <= start - 1 < b), (0, len(text)))
        quote = text[start:end]
        inside = [(s, e) for s, e in spans if sent[0] <= s and e <= sent[1] + 1]
        # what is outside every quote of the sentence, before and after this one
        before = text[sent[0]:start - 1]
        for s, e in reversed([q for q in inside if q[1] < start]):
            before = before[:s - 1 - sent[0]] + " " * (e + 1 - s + 1) + before[e + 1 - sent[0]:]
        after_end = min([s - 1 for s, _ in inside if s > end] + [max(sent[1], end + 1)])
        after = text[end + 1:after_end]
        found: tuple[str, str, str] | None = None
        if (hit := _after(after)) is not None:
            found = (*hit, "after")
        elif (hit := _before(before)) is not None:
            found = (*hit, "before")
        else:
            masked = before + " " * (end + 1 - start + 1) + after
            near = attributions(masked)
            if near:
                best = min(near, key=lambda c: min(abs(c[0] - len(before)), abs(c[1] - len(before))))
                found = (best[2], best[3], "sentence")
        opens_sentence = not text[sent[0]:start - 1].strip(" \t\n\"“”'")
        if found is None and opens_sentence:
            k = sentences.index(sent) if sent in sentences else 0
            earlier = sentences[k - 1] if k else (0, 0)
            prior = out[-1] if out else previous
            if prior is not None and prior.speaker and (prior is previous or prior.end >= earlier[0]):
                found = (prior.speaker, prior.cue, "continued")
            elif k and (near := attributions(text[earlier[0]:earlier[1]])):
                found = (near[-1][2], near[-1][3], "previous sentence")
        if found is None and not opens_sentence and (subj := _subject(before)) is not None:
            found = (subj, "", "subject")
        words = re.findall(r"[^\W_][\w'’-]*", quote)
        if found is None and len(words) <= 4:
            continue  # a scare quote: no speaker, few words
        if words and len(words) <= 4 and all(w[:1].isupper() for w in words) and (
                found is None or found[2] not in ("after", "before")):
            continue  # a name in quote marks: the "Storm Corps"
        speaker, cue, how = found if found is not None else ("", "", "")
        out.append(Quote(start, end, quote, speaker, cue, how))
    return out
