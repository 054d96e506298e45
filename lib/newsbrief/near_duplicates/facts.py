"""The specific facts of a passage, and whether two passages' facts let one restate the other.

In: one passage of clean text (a sentence or a paragraph) for :func:`facts`; the facts of two
passages for :func:`agreement`. Out: :class:`Facts` (its figures, dates, names and quotes) and
:class:`Agreement` (what both state, what only one states, and what they contradict).

An embedding cosine says two passages are about the same thing; their facts say whether they can
be the same statement. "Its shares were down 10% at 119 pence" and "the share price was down 1% at
1218 pence" are one template about two companies; "expected to complete the agreement during the
first half of 2006" and "in the first quarter of 2005" are two deals. So a pair restates only when
its facts agree, and a pair whose wording differs may still **share a fact**: the same figure about
the same named thing, or the same quote, which an analyst follows to a common source.

The facts, read by rules (a rule that is unsure stays silent):

* **figures**: each number, written in digits ("3,000", "1.75", "6-3/4") or in words before a word
  ("six staff", "twenty-one people"), with the word after it (what it counts: "staff", "pct").
  Years are dates, not figures. A number below ten written as a word before a word that is not a
  unit, a scale, a currency or a time ("these two nations", not "eight cts" or "four hours") is
  shared when the other passage has it, and is no difference when it does not, unless both
  passages state such numbers the other does not ("seven ... five" against "five ... one").
* **dates**: years ("1999") and spans of years ("2000-01" is "2000-2001"), months ("jul"), days ("jul 27":
  a number next to a month) and weekdays.
* **names**: capitalized words that are not the first word of a sentence, and acronyms ("U.S.",
  "OPEC"), lower-cased, possessive dropped, a few country aliases merged ("US" is "united states");
  titles, weekdays, months, holidays and words that name no one in particular ("Bank", "North",
  "Inc") are not names; a capital written for its country ("Washington", "Kyiv") is that country.
  A capitalized word that opens a sentence is a name when it is an acronym, a possessive or the start
  of a run of capitalized words ("Lloyds Bank said"); otherwise it may be one ("Ortner said"), and
  counts when the other passage names it too. Two names are one when they are equal or one is the
  other with an ending ("korea", "korean").
* **quotes**: text in quotation marks of at least five words, lower-cased, punctuation dropped.

Linear in the passage: regular expressions compiled once, no model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsbrief.text import CURRENCY_WORDS, MONTHS, NUMBER_TEENS, NUMBER_TENS, NUMBER_UNITS, SCALE_WORDS, TIME_UNITS

__all__ = ["Agreement", "Facts", "agreement", "facts"]

# Numbers written as words, read only before a word ("six staff").
_NUMBER_WORDS = {w: v for w, v in {**NUMBER_UNITS, **NUMBER_TEENS, **NUMBER_TENS}.items() if w != "zero"}
# Words after a number that make it a measure, however small: a unit, a scale, a currency, a time.
_MEASURES = frozenset({"pct", "percent", "per", "cts", "cents", "dlrs", "dlr", "mln", "bln", "points", "point",
                       *SCALE_WORDS, *CURRENCY_WORDS, *TIME_UNITS})
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A token: an acronym with dots, a number (with its separators and fractions), a word, a quote
# mark or a sentence end.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\d+(?:[.,/-]\d+)*|[^\W\d_][\w'’-]*|[\"“”]|[.!?;:]")
_SENTENCE_END = frozenset('.!?;:"“”')
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
_YEARS = re.compile(r"((?:1[89]|20)\d\d)[-/](\d\d(?:\d\d)?)")  # "2000-01", "1987/88", "2000-2001"
_POSSESSIVE = re.compile(r"['’]s?$")
_QUOTE = re.compile(r"[\"“]([^\"“”]{20,2000})[\"”]")
_NOT_WORD = re.compile(r"[^\w\s]")
_MIN_QUOTE_WORDS = 5
# Capitalized words that name no one in particular: titles and offices, corporate forms,
# directions and other words two different names share ("North Korea", "North Carolina").
_NOT_NAMES = frozenset("""
the a an this that these those it its he she they we i you his her their our my your in on at for but and or so if
as after before when while however meanwhile also there here what why how who some many most all both last next
yesterday today tomorrow tonight according despite since during under over with without by from to of not no now then
still even only just more other such each every another any said says say asked told yes
mr mrs ms miss dr prof sir dame lord lady st president vice prime minister secretary chancellor governor senator sen
rep gen general lt col colonel sgt capt captain admiral commander chief executive chairman chairwoman chair director
spokesman spokeswoman spokesperson deputy acting former judge king queen prince princess pope mayor ambassador
officer official officials leader police government company analysts
inc co corp corporation ltd plc nv na ag sa llc group holdings partners bank offering note fees sales qtr net revs
shr shrs oper div qtly mthly avg pay record prior vs loss profit
department ministry agency office council committee commission federal national international state states
north south east west northern southern eastern western central new great united
christmas easter
""".split()) | frozenset(MONTHS) | frozenset(_WEEKDAYS)
# Written forms of one country, merged to one name: abbreviations, adjectives, and the capital or
# seat of government news writes for its country ("Washington said", "Kyiv's partners").
_ALIASES = {"washington": "united states", "moscow": "russia", "kremlin": "russia", "kyiv": "ukraine",
            "kiev": "ukraine", "pyongyang": "korea", "seoul": "korea", "beijing": "china", "tokyo": "japan",
            "london": "britain", "paris": "france", "berlin": "germany", "canberra": "australia",
            "ottawa": "canada", "tehran": "iran", "jerusalem": "israel", "islamabad": "pakistan",
            "delhi": "india", "nsw": "wales", "eu": "european",
            "us": "united states", "u.s.": "united states", "usa": "united states", "america": "united states",
            "american": "united states", "americans": "united states",
            "uk": "britain", "u.k.": "britain", "british": "britain", "swiss": "switzerland",
            "dutch": "netherlands", "french": "france", "welsh": "wales", "scottish": "scotland"}


@dataclass(frozen=True)
class Facts:
    """The specific facts of one passage (the module docstring has the rules).

    Attributes:
        figures: each number (normalized: "3000", "1.75", "6-3/4") to the words after it in the passage.
        dates: years ("1999"), months ("jul"), days ("jul 27") and weekdays ("mon").
        names: proper names, lower-cased ("rexnord", "united states").
        quotes: quoted passages of five words or more, lower-cased, punctuation dropped.
        leading: capitalized words that open a sentence and may be names ("Ortner said ..."): they
            can match a name of the other passage, but are not names of their own.
        small: numbers below ten written as words ("two nations", "six staff"): they can match a
            figure of the other passage, but one passage stating one is no difference.
    """

    figures: dict[str, frozenset[str]]
    dates: frozenset[str]
    names: frozenset[str]
    quotes: frozenset[str]
    leading: frozenset[str] = frozenset()
    small: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Agreement:
    """What two passages' facts say about the pair.

    Attributes:
        shared: the facts both state, as plain words: figures (those that are specific: two digits
            or more, or the same counted word), dates, names and quotes.
        only_a, only_b: the figures one passage states and the other does not.
        conflict: why the two cannot be one statement, or "": dates that differ, or both passages
            naming someone and no name in common.
        shares_fact: whether they share a specific fact while one says something the other does not:
            a quote, or a specific figure together with a name (a figure alone is too often a
            coincidence: two banks cutting to 10.5 pct), the figure not a standard term of the
            corpus (``standard``); with no conflict, and not each stating a
            figure the other lacks (then the shared figure is most likely about different things).
    """

    shared: tuple[str, ...]
    only_a: tuple[str, ...]
    only_b: tuple[str, ...]
    conflict: str
    shares_fact: bool

    @property
    def figures_differ(self) -> bool:
        """Whether each passage states a figure the other does not (different figures for one fact)."""
        return bool(self.only_a) and bool(self.only_b)

    @property
    def may_restate(self) -> bool:
        """Whether the facts allow one passage to restate the other: no figure on one side only, no conflict."""
        return not self.only_a and not self.only_b and not self.conflict

    def reason(self) -> str:
        """The facts behind the call, in words: what both state, and what only one does or contradicts."""
        parts = []
        if self.shared:
            parts.append("both state " + _listed(self.shared))
        if self.only_a or self.only_b:
            parts.append(f"figures only in one: {_listed(self.only_a) or '-'} vs {_listed(self.only_b) or '-'}")
        if self.conflict:
            parts.append(self.conflict)
        return "; ".join(parts)


def _number(token: str) -> str:
    """A number token as one form: commas dropped, decimals without trailing zeros ("1.00" is "1")."""
    plain = token.replace(",", "")
    try:
        return f"{float(plain):g}" if "e" not in f"{float(plain):g}" else plain
    except ValueError:
        return plain


def facts(text: str) -> Facts:
    """The figures, dates, names and quotes of one passage (module docstring)."""
    tokens = _TOKEN.findall(text) if isinstance(text, str) else []
    figures: dict[str, set[str]] = {}
    small: dict[str, set[str]] = {}
    dates: set[str] = set()
    names: set[str] = set()
    leading: set[str] = set()
    first = True  # whether the token opens a sentence, a quote or the passage
    for k, token in enumerate(tokens):
        low = token.lower()
        after = tokens[k + 1].lower() if k + 1 < len(tokens) else ""
        before = tokens[k - 1].lower() if k else ""
        if token[0].isdigit():
            if _YEAR.fullmatch(token):
                dates.add(token)
            elif years := _YEARS.fullmatch(token):
                first_year, last = years.groups()
                dates.add(f"{first_year}-{first_year[:4 - len(last)]}{last}")
            elif after in MONTHS and len(after) > 3 or before in MONTHS and len(before) > 3:
                month = after if after in MONTHS else before
                dates.add(f"{month[:3]} {int(token) if token.isdigit() else token}")
            else:
                figures.setdefault(_number(token), set()).add(_POSSESSIVE.sub("", after).rstrip("s"))
        elif (value := _word_number(low)) is not None and after[:1].isalpha():
            measure = value >= 10 or after in _MEASURES
            (figures if measure else small).setdefault(str(value), set()).add(after.rstrip("s"))
        elif low in MONTHS and len(low) > 3 and token[0].isupper():
            dates.add(low[:3])
        elif low in _WEEKDAYS:
            dates.add(low[:3])
        elif token[0].isupper():
            name = _POSSESSIVE.sub("", low)
            # a sentence's first word is a name when it is an acronym, possessive or the start of a
            # run of capitalized words ("Lloyds Bank said"); else only possibly one ("Ortner said")
            sure = (not first or _is_acronym(token) or name != low
                    or (k + 1 < len(tokens) and tokens[k + 1][:1].isupper() and tokens[k + 1][:1].isalpha()))
            if name and name not in _NOT_NAMES:
                (names if sure else leading).add(_ALIASES.get(name, name))
        first = token in _SENTENCE_END
    quotes = set()
    for match in _QUOTE.finditer(text if isinstance(text, str) else ""):
        quote = " ".join(_NOT_WORD.sub("", match.group(1).lower()).split())
        if len(quote.split()) >= _MIN_QUOTE_WORDS:
            quotes.add(quote)
    return Facts({n: frozenset(w) for n, w in figures.items()}, frozenset(dates), frozenset(names), frozenset(quotes),
                 frozenset(leading - names), {n: frozenset(w) for n, w in small.items() if n not in figures})


def facts_of(texts: list[str]) -> list[Facts]:
    """Each text's :func:`facts`."""
    return [facts(t) for t in texts]


def _word_number(word: str) -> int | None:
    """"six" is 6, "twenty-one" is 21; other words None."""
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word]
    tens, _, unit = word.partition("-")
    if tens in NUMBER_TENS and unit in NUMBER_UNITS:
        return NUMBER_TENS[tens] + NUMBER_UNITS[unit]
    return None


def _is_acronym(token: str) -> bool:
    letters = token.replace(".", "")
    return len(letters) >= 2 and letters.isalpha() and letters.isupper()


def _same_name(a: str, b: str) -> bool:
    """Equal, or one the other with an ending ("korea"/"korean", "canada"/"canadian")."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    common = len(_common_prefix(a, b))
    return shorter >= 4 and common >= max(4, shorter - 1)


def _common_prefix(a: str, b: str) -> str:
    k = 0
    while k < min(len(a), len(b)) and a[k] == b[k]:
        k += 1
    return a[:k]


def _unmatched(names: frozenset[str], others: frozenset[str]) -> bool:
    """Whether some name of ``names`` is none of ``others``."""
    return any(not any(_same_name(x, y) for y in others) for x in names)


def _dates_differ(a: frozenset[str], b: frozenset[str]) -> str:
    """"dates differ: ..." when, at the finest kind of date both give (day, month, weekday, year), they share none."""
    kinds = {"day": lambda d: " " in d, "month": lambda d: d.isalpha() and d[:3] in MONTHS,
             "weekday": lambda d: d in {w[:3] for w in _WEEKDAYS}, "year": lambda d: d[:4].isdigit()}
    for is_kind in kinds.values():
        da, db = {d for d in a if is_kind(d)}, {d for d in b if is_kind(d)}
        if da and db and not da & db:
            return f"dates differ: {_listed(da)} vs {_listed(db)}"
    return ""


def _listed(items, most: int = 3) -> str:
    items = sorted(set(items))
    return ", ".join(items[:most]) + (", ..." if len(items) > most else "")


def agreement(a: Facts, b: Facts, standard: frozenset[str] = frozenset()) -> Agreement:
    """What the facts of two passages share and where they differ (see :class:`Agreement`).

    ``standard``: figures too common in the corpus to be a lead when shared (a standard term: "10
    years", "100 mln dlrs" in a wire of bond issues); they still agree, but share no fact.
    """
    counted_a, counted_b = {**a.small, **a.figures}, {**b.small, **b.figures}
    common = set(counted_a) & set(counted_b)
    specific = sorted(n for n in common
                      if len(n.replace(".", "").replace("-", "").replace("/", "")) >= 2
                      or counted_a[n] & counted_b[n] - {""})
    names: list[str] = []  # one form per name both state, the shorter ("korea" for "korean")
    for found in sorted({min(x, y, key=lambda n: (len(n), n)) for x in a.names | a.leading for y in b.names | b.leading
                         if (x in a.names or y in b.names) and _same_name(x, y)}, key=lambda n: (len(n), n)):
        if not any(_same_name(found, kept) for kept in names):
            names.append(found)
    names.sort()
    quotes = sorted(x if len(x) <= len(y) else y for x in a.quotes for y in b.quotes if x in y or y in x)
    conflict = _dates_differ(a.dates, b.dates)
    if a.names and b.names and not names:
        different = f"names differ: {_listed(a.names)} vs {_listed(b.names)}"
        conflict = f"{conflict}; {different}" if conflict else different
    only_a, only_b = tuple(sorted(set(a.figures) - common)), tuple(sorted(set(b.figures) - common))
    small_a, small_b = set(a.small) - common, set(b.small) - common
    if small_a and small_b:  # both count small things the other does not: "seven ... five" vs "five ... one"
        only_a, only_b = tuple(sorted(set(only_a) | small_a)), tuple(sorted(set(only_b) | small_b))
    says_more = bool(only_a or only_b) or _unmatched(a.names, b.names | b.leading) \
        or _unmatched(b.names, a.names | a.leading)
    leads = [n for n in specific if n not in standard]
    shares = ((bool(quotes) or (bool(leads) and bool(names))) and says_more and not conflict
              and not (only_a and only_b))
    dates = sorted(a.dates & b.dates)
    return Agreement(tuple(specific + dates + names + quotes), only_a, only_b, conflict, shares)
