"""Stage 8 of claim extraction: who a claim is attributed to, how it is hedged, and whether it is a
prediction, per clause.

In:  one sentence (:func:`attribution`, :func:`hedges`), or a text, its claims and its sentence
     spans (:func:`_with_sources`).
Out: the source as written ("US intelligence", "reports") or "unattributed", with the cue that says
     so ("according to", "said", "reports indicate", "reportedly"); the hedge words of the claim's
     clause, normalized and ";"-joined ("reportedly;could"); its forecast cues ("poised to",
     "will;as soon as", :func:`~newsbrief.claims.timing._forecast_cues`).

Attribution is precision first: a source is only reported when a cue ("according to X",
"X said", ", said X", "X ..., saying/announcing", "reports indicate", "reports from X",
"X reported by Y") has a noun phrase that looks like a source (a named entity, or officials,
analysts, experts, intelligence, ministry, reports, ...); "reportedly" attributes to unnamed
"reports", as do "according to (some) reports" and "(recent) reports indicate"; anything else is
"unattributed".

Per claim (clauses: :mod:`~newsbrief.claims.clauses`), the source is, in this order:

1. the earliest source of the claim's own clause; else its "reportedly" (``reports``);
2. else the source of the nearest earlier clause of the sentence, when the clauses between continue
   its statement (", with", ", and", ...; :func:`~newsbrief.claims.clauses._continues`): a
   reporting verb governs what follows it ("reports from X, indicating at least 3,000 ..., with
   totals as high as 12,000"), not past a semicolon or a "but";
3. else a source that closes the sentence, across continuing clauses only ("..., and 5,000 more
   will follow, officials said");
4. else the source of the paragraph: a sentence that *opens* with "According to X," or
   "Reportedly," governs the later sentences of its paragraph that name no source of their own,
   until one does (then the chain stops: a sentence after it is not given the opening source);
5. else "unattributed".

Hedges are the clause's own; when the source comes from elsewhere (2-4) the hedge words of its cue
come with it ("reports suggest" brings "suggest", "Reportedly," brings "reportedly"). Forecast cues
are the clause's own. "poised" and "expected" are forecast cues, no longer hedges.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace

from newsbrief.claims.clauses import _clause_at, _clauses, _continues
from newsbrief.claims.record import Claim
from newsbrief.claims.timing import _forecast_cues
from newsbrief.claims.vocabulary import _MONTHS, _STOP_WORDS, _alternation

__all__ = ["_next_frame", "_with_sources", "attribution", "attributions", "hedges"]

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
# Participles of saying after a comma, whose subject opens the sentence ("X highlighted ..., announcing ...");
# "adding" only before "that", a quotation or a comma (to add is also to increase: "adding 100,000 soldiers").
_PARTICIPLES = frozenset("""
saying announcing noting adding stating warning claiming telling confirming explaining insisting
arguing declaring
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
meanwhile now today yesterday but and also some many unconfirmed
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
    "believed": "believed", "likely": "likely",
    "appear": "appears", "appears": "appears", "appeared": "appears", "apparently": "appears",
    "suggest": "suggest", "suggests": "suggest", "suggested": "suggest",
    "speculation": "speculation", "rumor": "rumors", "rumors": "rumors",
    "rumour": "rumors", "rumours": "rumors", "unconfirmed": "unconfirmed",
}
_REPORTEDLY = re.compile(r"(?<![\w'’-])reportedly(?![\w'’-])", re.IGNORECASE)
_REPORTS = ("reports", "reportedly")
# A sentence that opens with its source: "According to reports, ...", "Reportedly, ...".
_OPENING = re.compile(r"[\s\"'“‘(]*(?:(?P<according>according\s+to\b)|reportedly\s*,)", re.IGNORECASE)
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
        if tok.low in ("the", "a", "an", "some", "many", "unconfirmed"):
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
        if (verb in _PARTICIPLES and i and toks[i - 1].text == ","
                and not (nxt is not None and nxt.low in ("to", "of"))
                and (verb != "adding" or nxt is None or nxt.low == "that" or not nxt.is_word)):
            subject = _np_right(toks, 0)  # "Ukrainian President Volodymyr Zelenskyy highlighted ..., announcing"
            after = toks.index(subject[-1]) + 1 if subject else n
            rest = toks[after] if after < i else None
            if (subject and toks.index(subject[0]) <= 1 and rest is not None and rest.is_word
                    and rest.text[:1].islower() and _is_source(subject[-1])):
                yield subject[0].start, tok.end, _phrase(text, subject), verb
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
        ``("reports", "reports indicate")``; ``("reports", "reportedly")`` for a sentence whose
        only cue is "reportedly"; ``("unattributed", "")`` when no cue has a source-like noun
        phrase.
    """
    best = min(_candidates(text, _tokens(text)), key=lambda c: (c[0], -c[1]), default=None)
    if best is None:
        return _REPORTS if _REPORTEDLY.search(text) else ("unattributed", "")
    return best[2], " ".join(best[3].casefold().split())


def attributions(text: str) -> list[tuple[int, int, str, str]]:
    """Every attribution of one sentence, in order: ``(start, end, source, cue)``, the span covering
    the source and its cue, the source as :func:`attribution` writes it, the cue case-folded.

    >>> attributions("Reports indicate 3,000 troops, US officials said.")
    [(0, 16, 'reports', 'reports indicate'), (32, 49, 'US officials', 'said')]
    """
    found = sorted(set(_candidates(text, _tokens(text))), key=lambda c: (c[0], -c[1]))
    return [(a, b, source, " ".join(cue.casefold().split())) for a, b, source, cue in found]


def hedges(text: str) -> str:
    """The hedge words of one sentence, normalized and ";"-joined in order of appearance.

    Hedges: reportedly, potentially, possibly, allegedly, could, may, might,
    estimate(d/s) -> "estimated", believed, likely, appear(s/ed), apparently -> "appears",
    suggest(s/ed) -> "suggest", speculation, rumo(u)r(s) -> "rumors", unconfirmed.
    Qualifiers such as "around" or "approximately" are not hedges, nor is the month "May"
    (capitalized after the first word, or before a number), nor are forecast words such as
    "poised to" or "expected to" (the ``forecast`` column).

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


def _opening_frame(sentence: str) -> tuple[str, str] | None:
    """The source a sentence opens with ("According to reports, ...", "Reportedly, ..."), or None."""
    m = _OPENING.match(sentence)
    if m is None:
        return None
    if not m["according"]:
        return _REPORTS
    at = m.start("according")
    for start, _, source, cue in _candidates(sentence, _tokens(sentence)):
        if start == at and cue == "according to":
            return source, cue
    return None


def _next_frame(frame: tuple[str, str] | None, sentence: str) -> tuple[str, str] | None:
    """The paragraph source in force after ``sentence``, given the one in force before it: its own
    opening source, else ``frame`` unless the sentence names a source of its own (the chain stops)."""
    if (own := _opening_frame(sentence)) is not None:
        return own
    if frame is None or attribution(sentence) != ("unattributed", ""):
        return None
    return frame


def _cue_hedges(text: str, start: int, end: int) -> list[str]:
    """The hedge words inside an attribution cue's span ("reports suggest" -> suggest)."""
    return [h for h in hedges(text[start:end]).split(";") if h]


def _closing(sentence: str, end: int) -> bool:
    """Whether a source ending at ``end`` closes the sentence (at most four words after it)."""
    return len(re.findall(r"[^\W_]+", sentence[end:])) <= 4


def _sentence_sources(text: str, claims: list[Claim], start: int, end: int,
                      frame: tuple[str, str] | None) -> list[Claim]:
    """Attribution, hedges and forecast cues of the claims of one sentence ``text[start:end]``."""
    sentence = text[start:end]
    clauses = _clauses(sentence)
    found = sorted(_candidates(sentence, _tokens(sentence)), key=lambda c: (c[0], -c[1]))
    own: dict[int, tuple[int, int, str, str]] = {}
    for cand in found:
        own.setdefault(_clause_at(clauses, cand[0]), cand)
    for k, (lo, hi) in enumerate(clauses):
        if k not in own and (m := _REPORTEDLY.search(sentence, lo, hi)):
            own[k] = (m.start(), m.end(), *_REPORTS)
    filled = []
    for claim in claims:
        k = _clause_at(clauses, claim.char_start - start)
        lo, hi = clauses[k]
        extra: list[str] = []
        earlier = [j for j in own if j < k and all(_continues(sentence, clauses, i) for i in range(j + 1, k + 1))]
        later = [j for j in own if j > k and all(_continues(sentence, clauses, i) for i in range(k + 1, j + 1))]
        if k in own:
            _, _, source, cue = own[k]
        elif earlier:
            cs, ce, source, cue = own[max(earlier)]
            extra = _cue_hedges(sentence, cs, ce)
        elif later and _closing(sentence, own[max(later)][1]):
            cs, ce, source, cue = own[max(later)]
            extra = _cue_hedges(sentence, cs, ce)
        elif frame is not None:
            source, cue = frame
            extra = ["reportedly"] if cue == "reportedly" else []
        else:
            source, cue = "unattributed", ""
        words = []
        for h in extra + hedges(sentence[lo:hi]).split(";"):
            if h and h not in words:
                words.append(h)
        forecast = ";".join(_forecast_cues(sentence, lo, hi))
        filled.append(replace(claim, attribution=source, attribution_cue=" ".join(cue.casefold().split()),
                              hedges=";".join(words), forecast=forecast))
    return filled


def _with_sources(text: str, claims: list[Claim], spans: list[tuple[int, int]],
                  governed_by: tuple[str, str] | None = None) -> list[Claim]:
    """Fill attribution, hedges and forecast cues of each claim from its clause, sentence and
    paragraph (module docstring).

    Args:
        text: the text the claims were read from.
        claims: its claims, sorted by ``char_start``.
        spans: the sentences of ``text``, in order (:func:`newsbrief.text.split_sentences`); a line
            break between two sentences starts a new paragraph.
        governed_by: the paragraph source in force before ``text`` begins ("According to reports,"
            opening an earlier sentence of its paragraph, see :func:`_next_frame`), or None.
    """
    if not claims:
        return claims
    spans = spans or [(0, len(text))]
    frame, filled, idx, previous_end = governed_by, [], 0, None
    for k, (start, end) in enumerate(spans):
        if previous_end is not None and "\n" in text[previous_end:start]:
            frame = None
        mine = []
        while idx < len(claims) and (k == len(spans) - 1 or claims[idx].char_start < spans[k + 1][0]):
            mine.append(claims[idx])
            idx += 1
        if mine:
            filled += _sentence_sources(text, mine, start, end, frame)
        if idx >= len(claims):
            break
        frame = _next_frame(frame, text[start:end])
        previous_end = end
    return filled
