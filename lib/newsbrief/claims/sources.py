"""Stage 6 of claim extraction: who a sentence attributes its figures to, and how it hedges them.

In:  one sentence (:func:`attribution`, :func:`hedges`), or a text and its claims
     (:func:`_with_sources`, which splits the text into sentences conservatively).
Out: the source as written ("US intelligence", "reports") or "unattributed", with the cue that says
     so ("according to", "said", "reports indicate"); the sentence's hedge words, normalized and
     ";"-joined ("reportedly;could").

Attribution is precision first: a source is only reported when a cue ("according to X",
"X said", ", said X", "reports indicate", "reports from X", "X reported by Y") has a noun
phrase that looks like a source (a named entity, or officials, analysts, experts,
intelligence, ministry, reports, ...); anything else is "unattributed".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from newsbrief.claims.record import Claim
from newsbrief.claims.vocabulary import _MONTHS, _STOP_WORDS, _alternation

__all__ = ["_with_sources", "attribution", "hedges"]

# Verbs that report speech or a finding, after their subject ("officials said").
_SAY_VERBS = frozenset("""
said says say stated told tells announced announces confirmed confirms confirm estimated
estimates estimate reported reports warned warns warn claimed claims claim believes believe
added adds
""".split())
# Verbs that introduce evidence ("reports indicate", "assessments suggest").
_EVIDENCE_VERBS = frozenset("""
indicate indicates indicated suggest suggests suggested show shows showed
""".split())
# Verb forms that are also plural nouns: "reports from", "claims of" are not verbs.
_NOUNISH_VERBS = frozenset({"reports", "claims", "claim", "estimates", "estimate"})
_NOUN_FOLLOWERS = frozenset({"from", "of", "by", "on", "about", "in", "and", "or", "for"})
# Verbs allowed in the inversion ", said the ministry".
_INVERSION_VERBS = frozenset("""
said says added stated told confirmed warned announced estimated claimed reported
""".split())
_PASSIVE_VERBS = frozenset({
    "said", "stated", "announced", "confirmed", "estimated", "reported", "claimed",
})
_REPORT_HEADS = frozenset({"report", "reports"})
# Nouns that can head a source noun phrase.
_SOURCE_NOUNS = frozenset("""
officials official analysts analyst experts expert reports report intelligence agency agencies
ministry ministries government governments military army navy spokesperson spokesman
spokeswoman spokespeople sources source authorities office service services department
command observers diplomats diplomat minister ministers president leader leaders commander
commanders assessments assessment estimates statement statements media lawmakers lawmaker
researchers monitors watchdog envoy police forces staff council committee institute
administration embassy secretary chief aides aide adviser advisers advisor advisors
journalists correspondents witnesses figures data force
""".split())
# Lower-case modifiers allowed inside a source noun phrase ("senior military officials").
_SOURCE_MODIFIERS = frozenset("""
senior top high-ranking former unnamed anonymous western foreign local regional military
defense defence security intelligence government state state-run federal national
independent international deputy chief acting news media press recent new latest earlier
previous prior multiple several various numerous separate further initial preliminary
official air naval armed border
""".split())
# Words dropped from the start of a source phrase.
_LEADING_DROP = frozenset("""
the a an this that these those its their his her our recent new latest earlier previous
prior multiple several various numerous separate further initial preliminary other however
meanwhile now today yesterday but and also
""".split())
_PRONOUNS = frozenset("""
i you he she it we they me him us them this that these those who which what one someone
everyone anyone nobody
""".split())
_CONNECTORS_LEFT = frozenset({"of", "and", "for", "&"})
_CONNECTORS_RIGHT = frozenset({"of", "from", "by", "in", "and", "for", "at", "&"})
_ATTRIBUTION_STOP = _STOP_WORDS | _PRONOUNS | frozenset(
    {"however", "meanwhile", "now", "today", "yesterday", "then", "still"})
# Words that may sit between a subject and its verb: "officials on Monday have also said".
_AUXILIARIES = frozenset("""
has have had also previously repeatedly recently reportedly publicly officially earlier
later again already separately now today yesterday
""".split())
_TIME_NOUNS = frozenset("""
monday tuesday wednesday thursday friday saturday sunday week month year weekend tonight
morning evening
""".split())
_TIME_WORDS = _TIME_NOUNS | {"on", "last", "this", "late", "early"}
_NOT_NAMES = _TIME_NOUNS | frozenset(_MONTHS) | frozenset({"however", "meanwhile", "recent"})

_TITLES = r"Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Rep|Sen|Gov|Rev|St|Jr|Sr"
_ATTR_TOKEN = re.compile(
    rf"\b(?:{_TITLES})\.(?=\s)"                  # titles: "Dr.", "Gen."
    r"|(?:[^\W\d_]\.){2,}"                       # acronyms with dots: "U.S."
    r"|[^\W_](?:[\w&'’-]*[^\W_])?(?:['’](?=\s|$))?"  # words, "Korea's", "3"
    r"|\S"                                       # any other character: punctuation
)
_WORD_TOKEN = re.compile(r"[^\W_]")
_ACCORDING_TO = re.compile(r"\baccording\s+to\b", re.IGNORECASE)

_HEDGE_FORMS: dict[str, str] = {
    "reportedly": "reportedly", "potentially": "potentially", "possibly": "possibly",
    "allegedly": "allegedly", "could": "could", "may": "may", "might": "might",
    "estimate": "estimated", "estimates": "estimated", "estimated": "estimated",
    "believed": "believed", "expected": "expected", "poised": "poised", "likely": "likely",
    "appear": "appears", "appears": "appears", "appeared": "appears",
    "suggest": "suggest", "suggests": "suggest", "suggested": "suggest",
    "speculation": "speculation", "rumor": "rumors", "rumors": "rumors",
    "rumour": "rumors", "rumours": "rumors", "unconfirmed": "unconfirmed",
}
_HEDGE = re.compile(rf"(?<![\w'’-])(?:{_alternation(_HEDGE_FORMS)})(?![\w'’-])", re.IGNORECASE)
_MONTH_MAY_AFTER = re.compile(r"\s*[0-9]")


@dataclass(frozen=True)
class _Tok:
    """A token of a sentence: a word or one punctuation character."""

    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        """Case-folded text, without a possessive "'s"."""
        t = self.text.casefold()
        return t[:-2] if t.endswith(("'s", "’s")) else t

    @property
    def is_word(self) -> bool:
        return bool(_WORD_TOKEN.match(self.text))

    @property
    def possessive(self) -> bool:
        return self.text.endswith(("'s", "’s", "'", "’"))


def _tokens(text: str) -> list[_Tok]:
    """Words and punctuation of a sentence, with offsets."""
    return [_Tok(m.start(), m.end(), m.group()) for m in _ATTR_TOKEN.finditer(text)]


def _is_acronym(tok: _Tok) -> bool:
    """An all-capitals word of two letters or more: "US", "NIS", "U.S.", "NATO's"."""
    bare = tok.text[:-2] if tok.text.endswith(("'s", "’s")) else tok.text
    return tok.is_word and bare.isupper() and sum(ch.isalpha() for ch in bare) > 1


def _is_name(tok: _Tok) -> bool:
    """A capitalized word or acronym that is not a function word ("Pentagon", "US")."""
    if not tok.is_word or not tok.text[:1].isupper():
        return False
    return _is_acronym(tok) or (tok.low not in _ATTRIBUTION_STOP and tok.low not in _NOT_NAMES)


def _np_word(tok: _Tok) -> bool:
    """Whether a token can be part of a source noun phrase."""
    if _is_acronym(tok):
        return True
    if not tok.is_word or tok.low in _ATTRIBUTION_STOP:
        return False
    return _is_name(tok) or tok.low in _SOURCE_NOUNS or tok.low in _SOURCE_MODIFIERS


def _trim(toks: list[_Tok]) -> list[_Tok]:
    """Drop leading determiners/modifiers ("the", "Recent", "Recently") and dangling ends."""
    while toks and (toks[0].low in _LEADING_DROP or toks[0].low in _CONNECTORS_RIGHT
                    or (len(toks) > 1 and toks[0].low.endswith("ly")  # "Recently officials"
                        and toks[1].low not in _CONNECTORS_RIGHT
                        and not toks[1].text[:1].isupper())):
        toks = toks[1:]
    while toks and (toks[-1].low in _CONNECTORS_RIGHT or toks[-1].low in _LEADING_DROP):
        toks = toks[:-1]
    return toks


def _is_source(head: _Tok) -> bool:
    """A head word that names a source: a named entity or a source noun."""
    return (not head.possessive and (_is_acronym(head) or head.low not in _PRONOUNS)
            and (_is_name(head) or head.low in _SOURCE_NOUNS))


def _phrase(text: str, toks: list[_Tok]) -> str:
    """The sentence text covered by ``toks``, whitespace collapsed.

    A common noun capitalized only because it opens the sentence is lower-cased
    ("Reports indicate" -> "reports", "Analysts say" -> "analysts").
    """
    phrase = " ".join(text[toks[0].start:toks[-1].end].split())
    first = toks[0]
    common = first.low != "western" and (first.low in _SOURCE_NOUNS
                                         or first.low in _SOURCE_MODIFIERS)
    rest = text[first.end:toks[-1].end].split()
    if (common and not text[:first.start].strip(" \t\n\"'“‘([")
            and not (rest and rest[0][:1].isupper())):
        phrase = phrase[:1].lower() + phrase[1:]
    return phrase


def _np_left(toks: list[_Tok], end: int) -> list[_Tok]:
    """The source noun phrase ending at token index ``end`` (inclusive), read leftwards."""
    words: list[_Tok] = []
    k = end
    while k >= 0 and len(words) < 8:
        tok = toks[k]
        if tok.low in _CONNECTORS_LEFT:
            # "Ministry of Defence", "the US and South Korea": only between names
            if words and _is_name(words[0]) and k > 0 and _is_name(toks[k - 1]):
                words.insert(0, tok)
                k -= 1
                continue
            break
        if not _np_word(tok):
            break
        words.insert(0, tok)
        k -= 1
    return _trim(words)


def _np_right(toks: list[_Tok], begin: int) -> list[_Tok]:
    """The source noun phrase starting at token index ``begin``, read rightwards.

    Connectors ("of", "from", "in", "and") are kept only before a name, so
    "officials in Kyiv" and "reports from the United States and South Korea" survive
    while "officials on condition of anonymity" stops at "officials".
    """
    words: list[_Tok] = []
    k = begin
    while k < len(toks) and len(words) < 12:
        tok = toks[k]
        if tok.low in ("the", "a", "an"):
            if k + 1 < len(toks) and _np_word(toks[k + 1]):
                words.append(tok)
                k += 1
                continue
            break
        if tok.low in _CONNECTORS_RIGHT:
            nxt = k + 1
            if nxt < len(toks) and toks[nxt].low == "the":
                nxt += 1
            if words and nxt < len(toks) and _is_name(toks[nxt]):
                words.extend(toks[k:nxt])
                k = nxt
                continue
            break
        if not _np_word(tok):
            break
        words.append(tok)
        k += 1
    words = _trim(words)
    # the phrase must contain a source word before any connector
    core = []
    for tok in words:
        if tok.low in _CONNECTORS_RIGHT:
            break
        core.append(tok)
    if not core or not any(_is_source(t) or (t.possessive and _is_name(t)) for t in core):
        return []
    if not _is_source(core[-1]) and not (len(core) < len(words) and _is_name(core[-1])):
        return []
    return words


def _skip_adjuncts(toks: list[_Tok], k: int) -> int:
    """Index of the subject's last token before a verb at ``k + 1``, skipping auxiliaries
    and time adjuncts ("officials on Monday have said")."""
    j = k
    while j >= 0 and (toks[j].low in _AUXILIARIES or toks[j].low in _TIME_WORDS):
        j -= 1
    skipped = {t.low for t in toks[j + 1:k + 1]}
    if skipped & {"on", "last", "this", "late", "early"} and not skipped & _TIME_NOUNS:
        return k  # "on"/"this" without a time noun: not an adjunct
    return j


def _candidates(text: str, toks: list[_Tok]) -> Iterator[tuple[int, int, str, str]]:
    """Every attribution found in a sentence as (start, end, source, cue)."""
    n = len(toks)
    for m in _ACCORDING_TO.finditer(text):  # "according to X"
        k = next((i for i, t in enumerate(toks) if t.start >= m.end()), n)
        if (np := _np_right(toks, k)):
            yield m.start(), np[-1].end, _phrase(text, np), "according to"
    for i, tok in enumerate(toks):
        verb = tok.low
        if not tok.is_word:
            continue
        nxt = toks[i + 1] if i + 1 < n else None
        if verb in _REPORT_HEADS and nxt is not None and nxt.low in ("from", "by"):
            # "intelligence reports from the United States and South Korea"
            right = _np_right(toks, i + 2)
            left = _np_left(toks, i)
            if right and left:
                yield (left[0].start, right[-1].end, _phrase(text, left + right),
                       f"{verb} {nxt.low}")
            continue
        if verb not in _SAY_VERBS and verb not in _EVIDENCE_VERBS:
            continue
        if tok.text[:1].isupper() and not tok.text.isupper():
            continue  # a Title-case verb is a headline word or a name
        if verb in _PASSIVE_VERBS and nxt is not None and nxt.low == "by":
            if (right := _np_right(toks, i + 2)):  # "as reported by Yonhap"
                yield tok.start, right[-1].end, _phrase(text, right), f"{verb} by"
            continue
        if verb in _NOUNISH_VERBS and (nxt is None or nxt.low in _NOUN_FOLLOWERS
                                       or not nxt.is_word):
            continue
        prev = toks[i - 1] if i else None
        if (verb in _INVERSION_VERBS and prev is not None and prev.text in ',"”'
                and (right := _np_right(toks, i + 1))):  # ", said the ministry"
            yield prev.start, right[-1].end, _phrase(text, right), verb
            continue
        j = _skip_adjuncts(toks, i - 1)
        subject = _np_left(toks, j) if j >= 0 else []
        if not subject or not _is_source(subject[-1]):
            continue
        head = subject[-1].low
        cue = f"{head} {verb}" if head in _REPORT_HEADS else verb
        yield subject[0].start, tok.end, _phrase(text, subject), cue


def attribution(text: str) -> tuple[str, str]:
    """Who one sentence attributes its figures to, and the cue that says so.

    Supports "according to X", "X said/says/stated/told/announced/confirmed/estimated/
    reported/warned/claimed/believes", ", said X", "(intelligence) reports indicate/
    suggest/show", "reports from X" and "reported by X". The source is the noun phrase
    as written, without a leading determiner or vague modifier ("Recent", "the"); when
    several cues occur the earliest (then the longest) wins.

    Args:
        text: One sentence.

    Returns:
        ``(source, cue)``, e.g. ``("US intelligence", "according to")`` or
        ``("reports", "reports indicate")``; ``("unattributed", "")`` when no cue has a
        source-like noun phrase.
    """
    best = min(_candidates(text, _tokens(text)), key=lambda c: (c[0], -c[1]), default=None)
    if best is None:
        return "unattributed", ""
    return best[2], " ".join(best[3].casefold().split())


def hedges(text: str) -> str:
    """The hedge words of one sentence, normalized and ";"-joined in order of appearance.

    Hedges: reportedly, potentially, possibly, allegedly, could, may, might,
    estimate(d/s) -> "estimated", believed, expected, poised, likely, appear(s/ed) ->
    "appears", suggest(s/ed) -> "suggest", speculation, rumo(u)r(s) -> "rumors",
    unconfirmed. Qualifiers such as "around" or "approximately" are not hedges, nor is
    the month "May" (capitalized after the first word, or before a number).

    Returns:
        E.g. ``"reportedly;could"``, or ``""`` when the sentence has none.
    """
    found: list[str] = []
    for m in _HEDGE.finditer(text):
        word = m.group()
        if word == "May" and (text[:m.start()].strip() or _MONTH_MAY_AFTER.match(text, m.end())):
            continue
        form = _HEDGE_FORMS[word.casefold()]
        if form not in found:
            found.append(form)
    return ";".join(found)


def _with_sources(text: str, claims: list[Claim], spans: list[tuple[int, int]]) -> list[Claim]:
    """Fill attribution and hedges of each claim from its sentence (computed once each).

    ``spans`` are the sentences of ``text``, in order (:func:`newsbrief.text.split_sentences`)."""
    if not claims:
        return claims
    spans = spans or [(0, len(text))]
    cache: dict[int, tuple[str, str, str]] = {}
    filled: list[Claim] = []
    idx = 0
    for claim in claims:  # claims are sorted by char_start
        while idx + 1 < len(spans) and spans[idx][1] <= claim.char_start:
            idx += 1
        if idx not in cache:
            sentence = text[spans[idx][0]:spans[idx][1]]
            cache[idx] = (*attribution(sentence), hedges(sentence))
        source, cue, hedge = cache[idx]
        filled.append(replace(claim, attribution=source, attribution_cue=cue, hedges=hedge))
    return filled
