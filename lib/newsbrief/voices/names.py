"""What a source phrase names: a person and their role, or a body of some kind, and the key under
which two ways of writing one source meet.

In:  a source as an article writes it ("National Security Council spokesman John Kirby",
     "U.S. defense officials", "intelligence reports from the United States and South Korea").
Out: :func:`read_source`: the name (the person's name, or the phrase), the role words written
     with it ("National Security Council spokesman"), the kind (:data:`KINDS`), the places and
     bodies it names (:func:`entities`: "us", "south korea") and the key (:func:`source_key`).

Rules, in this order, each on the phrase alone (word lists below, declared once):

- **person**: the phrase ends in a run of capitalized words that are not a place, a body or a
  title, of two words or more ("John Kirby", "Elena Vasilyeva"), or of one word after a title or
  role ("President Zelenskyy", "Mr Howard", "spokesman Kirby"); one capitalized word alone
  ("Kirby") is a person when it is no place or body. The words before the name are the role.
- **anonymous**: no capitalized word, and the head is an unnamed source ("sources", "reports",
  "a source", "witnesses");
- then by the first list a word of the phrase is in: **intelligence** ("intelligence", "CIA",
  "NIS"), **media** ("News", "Times", "Reuters", "newspaper", "reporters"), **expert**
  ("analysts", "experts", "researchers", "University", "Institute"), **military** ("military",
  "army", "forces", "Pentagon", "commander"), **government** ("officials", "ministry", "president",
  "police", a country or capital standing for its government); else **organization** (a named body
  of no other kind: "Eurasia Group", "NATO").

The key: a person's is their surname ("zelenskyy", so "Volodymyr Zelenskyy" and "Zelenskyy" meet);
any other source's is the places and bodies it names, canonical and sorted ("U.S.", "US",
"American", "Washington" are all "us"), then its head noun in the singular, with "reports" dropped
after another source noun ("U.S. defense officials" and "US officials" are both "us official";
"intelligence reports from the United States and South Korea" is "south korea+us intelligence").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["KINDS", "Source", "body_name", "entities", "read_source", "source_key"]

KINDS = ("person", "government", "intelligence", "military", "media", "expert", "organization", "anonymous")

# Places and their demonyms, each to one canonical name (capitals stand for their governments).
_PLACES = {
    "us": "us", "u.s.": "us", "u.s": "us", "usa": "us", "united states": "us", "america": "us",
    "american": "us", "americans": "us", "washington": "us", "pentagon": "us", "white house": "us",
    "russia": "russia", "russian": "russia", "russians": "russia", "moscow": "russia", "kremlin": "russia",
    "ukraine": "ukraine", "ukrainian": "ukraine", "kyiv": "ukraine", "kiev": "ukraine",
    "north korea": "north korea", "north korean": "north korea", "pyongyang": "north korea", "dprk": "north korea",
    "south korea": "south korea", "south korean": "south korea", "seoul": "south korea",
    "china": "china", "chinese": "china", "beijing": "china",
    "britain": "uk", "british": "uk", "uk": "uk", "u.k.": "uk", "united kingdom": "uk", "london": "uk",
    "australia": "australia", "australian": "australia", "canberra": "australia",
    "israel": "israel", "israeli": "israel", "palestinian": "palestine", "palestine": "palestine",
    "iran": "iran", "iranian": "iran", "tehran": "iran", "iraq": "iraq", "iraqi": "iraq",
    "afghanistan": "afghanistan", "afghan": "afghanistan", "pakistan": "pakistan", "pakistani": "pakistan",
    "india": "india", "indian": "india", "indonesia": "indonesia", "indonesian": "indonesia",
    "japan": "japan", "japanese": "japan", "tokyo": "japan", "france": "france", "french": "france",
    "paris": "france", "germany": "germany", "german": "germany", "berlin": "germany",
    "european union": "eu", "eu": "eu", "brussels": "eu", "nato": "nato", "un": "un", "united nations": "un",
    "western": "west", "west": "west", "vietnam": "vietnam", "syria": "syria", "syrian": "syria",
    "new zealand": "new zealand", "fiji": "fiji", "east timor": "east timor", "philippines": "philippines",
    "new south wales": "new south wales", "victoria": "victoria", "queensland": "queensland",
    "sydney": "sydney", "melbourne": "melbourne", "canada": "canada", "canadian": "canada",
}
# The longest place names first, so "north korean" is read before "korean" could be.
_PLACE_PATTERN = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(p) for p in sorted(_PLACES, key=len, reverse=True)) + r")(?![\w])",
    re.IGNORECASE)

# Titles and role words written before a name ("President", "spokesman"), case-folded.
_TITLES = frozenset("""
president prime minister ministers secretary general gen gen. colonel col col. chancellor king queen
premier senator sen sen. governor gov gov. mayor ambassador chief commander director spokesman
spokeswoman spokesperson dr dr. prof prof. professor mr mr. mrs mrs. ms ms. sir lord judge justice
captain capt capt. lieutenant lt lt. admiral adm adm. foreign defence defense deputy acting vice leader
opposition treasurer attorney attorney-general commissioner inspector superintendent sergeant sgt sgt.
constable detective bishop pope archbishop father sheikh supreme founder head chairman chairwoman
chair executive officer analyst expert strategist researcher economist adviser advisor spokespeople
minister's senior former interior home state national security council
""".split())
_HONORIFICS = frozenset({"mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "sir"})
# Words that make a capitalized run a body, not a person ("Eurasia Group", "Fox News").
_BODY_WORDS = frozenset("""
council group service services ministry department news bureau agency office government party corps force
forces army navy institute university commission committee union association company corporation ltd inc
organisation organization centre center foundation court police authority board house senate parliament
congress assembly bank fund network press times post journal herald guardian telegraph tribune daily
radio television tv channel broadcasting administration embassy command staff intelligence club league
federation alliance coalition hospital school college academy society trust reserve exchange airlines
airways games olympics cabinet kremlin pentagon open cup championship championships tournament series
festival conference summit airport highway street road river park bridge station stadium island islands
mountains region valley coast bulletin survey report review committee court tribunal program programme
""".split())
_ANONYMOUS = frozenset("""
source sources report reports witness witnesses people person insider insiders observer observers
someone resident residents assessment assessments estimate estimates rumour rumours rumor rumors
""".split())
# Words that leave a source unnamed ("some recent reports", "a source").
_VAGUE = frozenset("""
the a an some several many multiple various numerous recent unnamed anonymous unconfirmed other
local unofficial initial early earlier new latest
""".split())
# Alliances and international bodies: named bodies, not a country's government.
_BLOCS = frozenset({"nato", "un", "eu", "west"})
# Kind word lists, looked up in this order; a word matches case-folded.
_KIND_WORDS = (
    ("intelligence", frozenset("""
        intelligence spy spies cia nis gur hur sbu fsb mossad mi6 asio nsa dia espionage
        """.split())),
    ("media", frozenset("""
        news times post journal herald guardian telegraph tribune daily newspaper newspapers media press
        reporter reporters journalist journalists correspondent correspondents broadcaster television tv
        radio reuters ap afp yonhap kcna tass ria interfax bloomberg bbc cnn fox nbc cbs abc xinhua
        outlet outlets channel agency's
        """.split())),
    ("expert", frozenset("""
        analyst analysts expert experts researcher researchers scholar scholars scientist scientists
        academic academics professor economist economists strategist strategists university institute
        think-tank thinktank
        """.split())),
    ("military", frozenset("""
        military army navy forces force troops command commander commanders general generals pentagon
        marines soldiers defence-force
        """.split())),
    ("government", frozenset("""
        official officials government governments ministry ministries minister ministers president
        premier administration department office police authorities authority embassy spokesman
        spokeswoman spokesperson spokespeople leader leaders cabinet parliament congress senate lawmakers lawmaker
        senator governor mayor kremlin council secretary diplomat diplomats state service bureau
        commission treasury court judge prosecutor prosecutors
        """.split())),
)
_WORD = re.compile(r"[^\W_](?:[\w&'’.-]*[^\W_])?\.?|[^\W_]")
_POSSESSIVE = re.compile(r"['’]s?$")
# Source nouns whose singular is not the word less its "s".
_SINGULAR = {"authorities": "authority", "ministries": "ministry", "agencies": "agency", "spokespeople": "spokesperson",
             "reports": "report", "assessments": "assessment", "estimates": "estimate", "people": "person",
             "rumours": "rumour",
             "rumors": "rumour", "rumor": "rumour"}


@dataclass(frozen=True)
class Source:
    """A source phrase read: its name, role words, kind, the places and bodies it names, its key."""

    name: str
    role: str
    kind: str
    entities: tuple[str, ...]
    key: str


def _words(phrase: str) -> list[str]:
    return [_POSSESSIVE.sub("", w) for w in _WORD.findall(phrase)]


def _possessive_at(phrase: str) -> list[bool]:
    """Per word of :func:`_words`, whether it was written possessive ("Meteorology's")."""
    return [bool(_POSSESSIVE.search(w)) for w in _WORD.findall(phrase)]


def _in_place(phrase: str) -> list[bool]:
    """Per word of :func:`_words`, whether it is part of a place's name ("South", "Korea")."""
    spans = [m.span() for m in _PLACE_PATTERN.finditer(phrase)]
    return [any(a <= m.start() < b for a, b in spans) for m in _WORD.finditer(phrase)]


def entities(phrase: str) -> tuple[str, ...]:
    """The places a phrase names, canonical and sorted: "U.S. and South Korean officials" ->
    ("south korea", "us")."""
    return tuple(sorted({_PLACES[m.group().casefold()] for m in _PLACE_PATTERN.finditer(phrase)}))


def body_name(phrase: str) -> str:
    """The capitalized words of a phrase that are not places, case-folded: the name of the body it
    names ("South Korea's National Intelligence Service" -> "national intelligence service"), or ""."""
    return " ".join(w.casefold() for w in _words(_PLACE_PATTERN.sub(" ", phrase))
                    if _is_capital(w) and w.casefold() not in ("the", "a", "an", "of", "and"))


def _is_capital(word: str) -> bool:
    return word[:1].isupper()


def _is_place(word: str) -> bool:
    return word.casefold().rstrip(".") in _PLACES or word.casefold() in _PLACES


def _person(words: list[str], possessive: list[bool], place: list[bool],
            people: frozenset[str]) -> tuple[int, int] | None:
    """The span (in words) of the person's name that ends the phrase, or None."""
    end = len(words)
    start = end
    while start > 0:
        w = words[start - 1]
        low = w.casefold()
        if (not _is_capital(w) or low in _TITLES or low in _BODY_WORDS or place[start - 1]
                or w.isupper() and len(w.rstrip(".")) > 1 or (start < end and possessive[start - 1])):
            break
        start -= 1
    if start == end:
        return None
    before = words[start - 1].casefold() if start else ""
    if before in ("of", "for", "and", "&", "on", "in"):
        return None  # inside a body's name: "Centre for Disease Control Bulletin"
    if (end - start >= 2 or before in _TITLES or (start and possessive[start - 1])
            or words[end - 1].casefold() in people):
        return start, end
    return None


def _head(words: list[str]) -> str:
    """The head noun of a body's phrase in the singular, "report(s)" dropped after another source noun."""
    known = set().union(*(w for _, w in _KIND_WORDS)) | _ANONYMOUS
    heads = [w.casefold() for w in words if w.casefold() in known and not _is_capital(w)]
    if not heads:
        return ""
    cut = [h for h in heads if h not in ("report", "reports")] or heads
    head = cut[-1] if len(cut) < len(heads) else heads[-1]
    if head in _SINGULAR:
        return _SINGULAR[head]
    return head[:-1] if head.endswith("s") and not head.endswith("ss") and head not in ("news", "forces") else head


def _kind(words: list[str], found: tuple[str, ...]) -> str:
    lows = [w.casefold() for w in words]
    if not any(_is_capital(w) for w in words) and all(w in _ANONYMOUS or w in _VAGUE for w in lows):
        return "anonymous"
    for kind, vocabulary in _KIND_WORDS:
        if any(w in vocabulary for w in lows):
            return kind
    if set(found) - _BLOCS:
        return "government"
    if any(_is_capital(w) for w in words):
        return "organization"
    return "anonymous"


@lru_cache(maxsize=65536)
def read_source(phrase: str, people: frozenset[str] = frozenset()) -> Source:
    """Read a source phrase as written (module docstring).

    >>> read_source("National Security Council spokesman John Kirby")
    Source(name='John Kirby', role='National Security Council spokesman', kind='person', entities=(), key='kirby')
    >>> read_source("U.S. defense officials").key
    'us official'

    Args:
        phrase: the source as written.
        people: surnames (case-folded) of the people the article names in full, so that a surname
            alone ("Kirby") is read as that person rather than as a body.
    """
    words = _words(phrase)
    lows = [w.casefold() for w in words]
    span = _person(words, _possessive_at(phrase), _in_place(phrase), people) if words else None
    if span is not None:
        start, end = span
        name_words = words[start:end]
        role_words = words[:start]
        while role_words and role_words[0].casefold() in ("the", "a", "an"):
            role_words = role_words[1:]
        # an honorific belongs to the name ("Dr. Elena Vasilyeva"), other titles are the role
        while role_words and role_words[-1].casefold() in _HONORIFICS:
            name_words.insert(0, role_words.pop())
        name = " ".join(name_words)
        surname = name_words[-1].casefold().rstrip(".")
        return Source(name=name, role=" ".join(role_words), kind="person",
                      entities=entities(" ".join(role_words)), key=surname)
    found = entities(phrase)
    kind = _kind(words, found)
    named = body_name(phrase)  # "Eurasia Group", "Fox News"
    places = "+".join(found)
    head = _head(words)
    if kind in ("media", "organization") and named:
        key = " ".join(x for x in (places, named) if x)
    else:
        key = " ".join(x for x in (places, named if kind != "anonymous" else "", head) if x)
    return Source(name=" ".join(phrase.split()), role="", kind=kind, entities=found, key=key or " ".join(lows))


def source_key(phrase: str) -> str:
    """The key two ways of writing one source meet under (module docstring)."""
    return read_source(phrase).key
