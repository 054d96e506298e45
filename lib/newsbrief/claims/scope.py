"""Stage 6 of claim extraction: which group a figure counts, and when.

In:  the text, a figure's span, where its counted noun phrase ends (:func:`~newsbrief.claims.counted
     ._counted_parts`), its clause and the stretch of that clause no other figure holds.
Out: :func:`_scope`: the words that say which group or state is counted, as written, ";"-joined in
     text order ("poised to dispatch; additional", "killed or injured; initial deployment");
     :func:`_time_words`: the words that date the count ("this past week", "Earlier in the year").

The scope is made of up to three parts, each found by a rule that does not know the story:

* **the governing verb**, when the figure is its object: the verb just before the figure ("the
  regime *sent* approximately 12,000 troops"), with the forecast word it depends on ("is *poised to
  dispatch* 25,000"); not a verb that only states the number ("reaching", "totals", "is"), nor a
  verb of saying or showing ("indicating", "said");
* **group modifiers** from a short vocabulary (:data:`_GROUP_MODIFIERS`: total, additional, initial,
  extra, remaining, combined, overall, cumulative, original; and "more", "new", "fresh", "further"
  right after the figure, "another", "first", "last" right before it), anywhere in the figure's
  stretch of its clause. A modifier of the counted phrase, of the figure itself or of a noun that
  only names the count ("total troop numbers", "a total of") stands alone ("additional", "total");
  a modifier of another noun takes that noun ("initial deployment");
* **the predicate** of the figure's clause when the figure is its subject: the verb group after
  the counted noun phrase, without auxiliaries and adverbs ("have reportedly arrived in Russia" ->
  "arrived in Russia", "were either killed or injured" -> "killed or injured", "are poised to enter
  the war"), running over its objects and prepositions up to a clause boundary: punctuation, a
  conjunction or relative word, a preposition of circumstance ("during", "after", "amid"), a time
  expression or another figure; at most eight words. A verb group needs an auxiliary before it or
  a verb form of its own (a past form: "arrived", "sent").

Time words are the time expressions (:func:`~newsbrief.claims.timing._time_expressions`) of the
figure's clause, outside the figure itself; when the clause has none, those of the nearest earlier
clause of its sentence that has some (a later clause's are left: "3,000 arrived, and more will
come next week" does not date the 3,000). The time of a statement is not the time of its figure:
an expression right after a verb of saying ("officials said on Monday", "announcing earlier this
week") is left out.
"""

from __future__ import annotations

from newsbrief.claims.clauses import _Word, _words
from newsbrief.claims.timing import _CONTROL, _time_expressions
from newsbrief.claims.vocabulary import _STOP_WORDS

__all__ = ["_scope", "_time_words"]

_GROUP_MODIFIERS = frozenset(
    "total additional initial extra remaining combined overall cumulative original".split())
_MODIFIERS_AFTER_FIGURE = frozenset("more additional extra new fresh further".split())
_MODIFIERS_BEFORE_FIGURE = frozenset("another first last".split()) | _GROUP_MODIFIERS
# Nouns that only name the count ("total troop numbers", "a total of").
_FIGURE_NOUNS = frozenset("number numbers count counts total totals tally toll figure figures strength size".split())
# Verbs that only state the number ("numbers reaching 12,000"), never what the counted things do.
_LINKING = frozenset("""
reach reaches reached reaching total totals totaled totalled totaling totalling number numbers
numbered numbering exceed exceeds exceeded exceeding top tops topped topping hit hits hitting
stand stands stood standing estimate estimates estimated estimating put puts putting include
includes included including involve involves involved involving comprise comprises comprised
comprising rise rises rose risen rising climb climbs climbed climbing grow grows grew grown growing
fall falls fell fallen falling increase increases increased increasing approach approaches
approached approaching surpass surpasses surpassed surpassing near nears neared nearing
""".split())
# Verbs of saying or showing: the figure is what they report, not what the counted things do.
_REPORTING = frozenset("""
said say says stated told announced confirmed confirm confirms confirming claimed claim claims
claiming reported report reports reporting indicate indicates indicated indicating suggest
suggests suggested suggesting show shows showed shown showing reveal reveals revealed revealing
put putting believe believes believed warned warn warns warning noted noting added adding
counted count counts counting recorded record records recording
""".split())
_SAYING = frozenset("""
said says say told tells announced announces announcing stated states reported reports confirmed
confirms added adds noted notes warned warns saying noting adding telling stating confirming
""".split())
_AUXILIARIES = frozenset("""
be is are was were been being am have has had having will would could can may might shall should
must do does did 'll ’ll
""".split())
_ADVERBS = frozenset("""
either also already now still currently reportedly allegedly potentially possibly likely just
recently then reported soon even all both
""".split())
_IRREGULAR = frozenset("""
sent went gone came come fled fought left took taken brought gave given held kept lost met ran
sold bought built began begun flew flown grew led made paid saw seen spent struck told won
withdrew withdrawn drove driven fell fallen chose chosen hid hidden stole stolen wrote written
broke broken froze frozen drew drawn threw thrown knew known stayed hurt shot slain caught bore
borne dug laid lay rode rose shut sat slept stuck swore swept swam taught tore wore wove wept
""".split())
# Where a predicate's complement stops.
_PREDICATE_STOPS = frozenset("""
during after before since until till amid amidst following despite because while when where
whereas as which who whom whose that though although if unless than whether so but nor yet
including like unlike per via
""".split())
_NOT_VERBS = frozenset("""
need seed shed feed speed greed creed breed deed steed hundred kindred sacred naked wicked red bed
""".split())
_MAX_PREDICATE = 8


def _verb_form(word: str) -> bool:
    """A past form or a participle written as one: "arrived", "sent", "killed", "taken"."""
    w = word.casefold()
    return (w in _IRREGULAR or (len(w) > 3 and w.endswith("ed") and w not in _STOP_WORDS
                                and w not in _NOT_VERBS)) and word[:1].islower()


def _plain(word: _Word) -> bool:
    """A lower-case word that is no function word."""
    return word.is_word and word.text[:1].islower() and word.low not in _STOP_WORDS


def _governing_verb(words: list[_Word], index: int) -> tuple[int, int] | None:
    """The verb whose object is the figure starting at word ``index``, with the control word
    before it ("poised to dispatch"), as a span; None when the word before the figure is no such verb."""
    k = index - 1
    if k < 0 or not words[k].is_word:
        return None
    verb = words[k]
    low = verb.low
    if low in _LINKING or low in _REPORTING or not verb.text[:1].islower():
        return None
    before = words[k - 1].low if k >= 1 else ""
    infinitive = before == "to" or before in _AUXILIARIES - {"be", "is", "are", "was", "were", "been", "being", "am",
                                                             "have", "has", "had", "having"}
    if low in _STOP_WORDS or not (_verb_form(verb.text) or low.endswith("ing") or infinitive):
        return None
    start = verb.start
    if before == "to" and k >= 2 and words[k - 2].low in _CONTROL:  # "poised to dispatch"
        start = words[k - 2].start
    return start, verb.end


def _modifiers(text: str, words: list[_Word], fig_start: int, fig_end: int, np_end: int) -> list[tuple[int, str]]:
    """Group modifiers among ``words``, as (offset, words as written)."""
    found = []
    for k, word in enumerate(words):
        low = word.low
        if word.start >= fig_start and word.end <= fig_end:
            continue
        nxt = words[k + 1] if k + 1 < len(words) else None
        after_figure = fig_end <= word.start and not text[fig_end:word.start].strip()
        before_figure = nxt is not None and nxt.start >= fig_start and word.end <= fig_start
        if not (low in _GROUP_MODIFIERS or (after_figure and low in _MODIFIERS_AFTER_FIGURE)
                or (before_figure and low in _MODIFIERS_BEFORE_FIGURE)):
            continue
        if not word.text[:1].islower() and k and words[k - 1].is_word:
            continue  # a capitalized modifier only opens its stretch ("Another 2,000 ...")
        inside = fig_end <= word.start < np_end
        if inside or after_figure or before_figure or nxt is None or not _plain(nxt):
            found.append((word.start, word.text))
            continue
        noun_words = [nxt] + ([words[k + 2]] if k + 2 < len(words) and _plain(words[k + 2]) else [])
        if any(w.low in _FIGURE_NOUNS for w in noun_words) or (
                nxt.start <= fig_start and any(w.start >= fig_start for w in words[k + 1:k + 3])):
            found.append((word.start, word.text))  # "total troop numbers", "a total of"
        else:
            found.append((word.start, text[word.start:nxt.end]))  # "initial deployment"
    return found


def _predicate(text: str, words: list[_Word], begin: int, stop_at: list[int]) -> tuple[int, int] | None:
    """The verb group starting at word ``begin`` (after the counted noun phrase), as a span."""
    k, n = begin, len(words)
    if k < n and words[k].low in ("who", "that", "which"):
        k += 1
    auxiliary = False
    while k < n and words[k].is_word and (words[k].low in _AUXILIARIES or words[k].low in _ADVERBS
                                          or words[k].low == "not" or words[k].low.endswith("ly")):
        auxiliary |= words[k].low in _AUXILIARIES
        k += 1
    if k >= n or not _plain(words[k]) or words[k].low in _PREDICATE_STOPS:
        return None
    if not (auxiliary or _verb_form(words[k].text)):
        return None
    if words[k].low in _LINKING and not auxiliary:
        return None
    kept = [words[k]]
    k += 1
    while k < n and len(kept) < _MAX_PREDICATE:
        word = words[k]
        if not word.is_word or word.start in stop_at or word.low in _PREDICATE_STOPS or word.text[:1].isdigit():
            break
        if word.low in ("and", "or"):
            if k + 1 < n and _verb_form(words[k + 1].text):  # "killed or injured"
                kept.append(word)
                k += 1
                continue
            break
        kept.append(word)
        k += 1
    while len(kept) > 1 and kept[-1].low in _STOP_WORDS:  # "arrived in" -> "arrived"
        kept.pop()
    return kept[0].start, kept[-1].end


def _scope(text: str, fig_start: int, fig_end: int, np_end: int, lo: int, hi: int) -> str:
    """The scope of the figure ``text[fig_start:fig_end]`` (module docstring), read in ``text[lo:hi]``:
    its clause, cut where another figure's stretch begins."""
    words = _words(text, lo, hi)
    parts: list[tuple[int, str]] = []
    first = next((k for k, w in enumerate(words) if w.start >= fig_start), len(words))
    if (span := _governing_verb(words, first)) is not None:
        parts.append((span[0], text[span[0]:span[1]]))
    parts += _modifiers(text, words, fig_start, fig_end, np_end)
    begin = next((k for k, w in enumerate(words) if w.start >= np_end), len(words))
    stops = [t.start for t in _time_expressions(text, np_end, hi)]
    if (span := _predicate(text, words, begin, stops)) is not None:
        parts.append((span[0], " ".join(text[span[0]:span[1]].split())))
    out: list[str] = []
    for _, part in sorted(parts):
        if part not in out and not any(part in kept for kept in out):
            out.append(part)
    return "; ".join(out)


def _said_before(text: str, lo: int, at: int) -> bool:
    """Whether the word just before offset ``at`` (after ``lo``) is a verb of saying ("said on Monday")."""
    words = [w for w in _words(text, max(lo, at - 30), at) if w.is_word]
    return bool(words) and words[-1].low in _SAYING


def _time_words(text: str, clauses: list[tuple[int, int]], index: int, start: int, end: int) -> str:
    """The time words of the claim ``text[start:end]`` in clause ``index`` of its sentence's ``clauses``
    (module docstring), ";"-joined as written."""
    for k in range(index, -1, -1):
        lo, hi = clauses[k]
        found = [t.text for t in _time_expressions(text, lo, hi) if (t.end <= start or t.start >= end)
                 and not _said_before(text, lo, t.start)]
        if found:
            return "; ".join(" ".join(t.split()) for t in found)
    return ""
