"""The corpus's sources and quotes as tables, speakers resolved within their article, and how many
independent sources stand behind a compared figure.

In:  ``sentences.csv`` and ``paragraphs.csv`` (step 01); ``claims.csv`` and the comparison (step 03).
Out: :func:`read_voices`: the rows of ``sources.csv`` (every attribution of a body sentence, and
     every quote's speaker) and ``quotes.csv`` (every direct quote, its speaker, and whether that
     speaker is quoted elsewhere with the same words); :func:`keyed_claims`: ``claims.csv`` with the
     key and kind of each figure's source; :func:`independence`: the comparison with each figure's
     source key and, per group, the number of independent named sources.

Within an article (:func:`_Cast`): a person named in full ("National Security Council spokesman
John Kirby") is who "Kirby" means later in it, with that role; "he" and "she" are the person last
named before; an appositive after a name (", founder of the Eurasia Group,") is its role.

Independence: two named sources may be one when they are the same person (key), or when the
places and bodies they name overlap ("US officials", "intelligence reports from the United States
and South Korea"); sources that name nothing ("reports", "analysts") may be any of them and add
none. The count is of groups of named sources that cannot be one another: a floor, not a census.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable

import pandas as pd

from newsbrief import cluster, tables
from newsbrief.claims import attributions
from newsbrief.voices.names import _TITLES, Source, read_source
from newsbrief.voices.quotes import PRONOUNS, Quote, paragraph_quotes

__all__ = ["ELSEWHERE", "independence", "independent_count", "keyed_claims", "read_voices"]

ELSEWHERE = ("same", "different", "none")  # the speaker quoted elsewhere: with the same words, others, not at all
UNATTRIBUTED = "unattributed"
_ROLE_START = r"(?:a|an|the|founder|head|chief|director|spokesman|spokeswoman|leader|president|chairman|" \
    r"chairwoman|professor|editor|author|analyst|expert|secretary|minister|member|commander|ambassador)"
_APPOSITIVE = re.compile(rf",\s+(?P<role>{_ROLE_START}\b[^,.;:\"“”()]{{0,80}}?)\s*(?=[,.;:]|$)", re.IGNORECASE)
_MEDIA_MENTION = re.compile(
    r"\b(?:sources|outlets|media|reports)\s+(?:like|such\s+as|including)\s+"
    r"(?P<name>[A-Z][\w&'’.-]*(?:\s+[A-Z][\w&'’.-]*){0,3})")
_NAME_RUN = re.compile(r"(?<![\w'’.-])(?!(?:The|A|An|But|And|In|On|At|For|Of|If|When|While|As|After|Meanwhile|"
                       r"However|This|That|It|He|She|They|Many|Some|Most|All|Several|Both|Each|Every|No)\s)"
                       r"(?:(?:Mr|Mrs|Ms|Dr|Prof)\.?\s+)?[A-Z][a-z'’]+"
                       r"(?:-[A-Z]?[a-z'’]+)?(?:\s+[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)?){1,5}(?![\w'’-])")
# "He says ...", "she told": a pronoun speaking, resolved to the person last named.
_PRONOUN_SAYS = re.compile(r"(?<![\w'’])(?P<who>[Hh]e|[Ss]he)\s+(?:also\s+|later\s+|then\s+)?"
                           r"(?P<cue>says|said|told|added|warned|explained|insisted|argued|believes|stated|noted)\b")
_SAME_WORDS = 0.6  # share of the shorter quote's words found in the other: the same words


class _Cast:
    """The people an article names, in order, so that "he" and "Kirby" can be resolved."""

    def __init__(self, mentions: Iterable[tuple[int, str, str, bool]]):
        # mentions: (offset, phrase, appositive role, whether the person speaks or opens a sentence there)
        self.full: dict[str, Source] = {}
        self.roles: dict[str, str] = {}
        self.order: list[tuple[int, str, bool]] = []
        for at, phrase, role, strong in sorted(mentions):
            src = read_source(phrase)
            if src.kind != "person":
                continue
            if len(src.name.split()) > len(self.full.get(src.key, src).name.split()) or src.key not in self.full:
                self.full[src.key] = src
            if role or src.role:
                self.roles.setdefault(src.key, role or src.role)
            self.order.append((at, src.key, strong))
        self.surnames = frozenset(self.full)

    def resolve(self, phrase: str, at: int) -> tuple[str, str, str, str]:
        """(speaker, key, kind, role) of a phrase written at offset ``at`` of the article."""
        if phrase.casefold() in PRONOUNS:
            # the person last named as a speaker or a sentence's subject, else the person last named
            before = ([key for where, key, strong in self.order if where < at and strong]
                      or [key for where, key, _ in self.order if where < at])
            if not before:
                return phrase, "", "person", ""
            key = before[-1]
            return self.full[key].name, key, "person", self.roles.get(key, "")
        src = read_source(phrase, self.surnames)
        title = [w for w in phrase.casefold().split() if w not in ("the", "a", "an")]
        if title and all(w in _TITLES for w in title):  # "The President": the person last given that title
            for _, key, _ in sorted((o for o in self.order if o[0] < at), reverse=True):
                if title[-1] in self.roles.get(key, "").casefold().split():
                    return self.full[key].name, key, "person", self.roles[key]
        if src.kind != "person":
            return src.name, src.key, src.kind, ""
        full = self.full.get(src.key, src)
        name = full.name if len(full.name.split()) >= len(src.name.split()) else src.name
        return name, src.key, "person", src.role or self.roles.get(src.key, "")


def _appositive(text: str, end: int) -> str:
    """The role written right after a name ending at ``end``: ", founder of the Eurasia Group,"."""
    m = _APPOSITIVE.match(text, end)
    return " ".join(m["role"].split()) if m else ""


def _find(text: str, phrase: str, lo: int, hi: int, near: int) -> tuple[int, int]:
    """Where ``phrase`` is written in ``text[lo:hi]`` nearest ``near`` (whole words; whitespace and case free)."""
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"(?!\w)", re.IGNORECASE)
    hits = [m.span() for m in pattern.finditer(text, lo, hi)]
    if not hits:
        return lo, lo
    return min(hits, key=lambda s: min(abs(s[0] - near), abs(s[1] - near)))


def _named_people(text: str, quoted: list[tuple[int, int]]) -> list[tuple[int, str, str, bool]]:
    """People the text names in full though it cites them nowhere (so "he" and a surname can be resolved):
    a run of two to five capitalized words that reads as a person's name, marked as one by a title or role
    before it ("chief executive officer, Tony Sherbon"), an appositive or a verb of saying after it, or its
    surname written again alone later on, or opening its sentence. As (offset, name, appositive role,
    whether it opens its sentence: at most two words before it)."""
    found = []
    ends = [m.end() for m in re.finditer(r"[.!?][\"”’]?\s", text)]
    for m in _NAME_RUN.finditer(text):
        if any(a <= m.start() < b for a, b in quoted):
            continue  # words inside a quote are the speaker's, not the article's naming
        name = m.group()
        read = read_source(name)
        if read.kind != "person" or len(read.name.split()) < 2:
            continue
        before = text[max(0, m.start() - 40):m.start()].split()
        after = text[m.end():m.end() + 40]
        surname = read.name.split()[-1]
        last_end = max((e for e in ends if e <= m.start()), default=0)
        subject = len(text[last_end:m.start()].split()) <= 2
        titled = before and (before[-1].rstrip(",").casefold() in _TITLES or before[-1].endswith(("'s", "’s", ",")))
        marked = subject or (titled
                  or _APPOSITIVE.match(text, m.end()) or re.match(r",?\s+(?:says|said|told|added)\b", after)
                  or re.search(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text[m.end():]))
        if marked:
            found.append((m.start() + (len(name) - len(read.name) if name.endswith(read.name) else 0), read.name,
                          _appositive(text, m.end()), subject))
    return found


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.casefold())


def _same_words(a: str, b: str) -> bool:
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    bag = set(long_)
    return sum(w in bag for w in short) >= _SAME_WORDS * len(short)


def _article(doc_id: str, text: str, sentences: list[tuple[int, int, int, str]],
             paragraphs: list[tuple[int, str]], base: int) -> tuple[list[dict], list[dict]]:
    """Source and quote rows of one article (``text``: the article from offset ``base``; ``sentences`` as
    (sent_id, char_start, char_end, text) and ``paragraphs`` as (char_start, text), in order)."""
    raw_sources: list[tuple[int, int, int, str, str, int]] = []  # sent_id, start, end, source, cue, phrase end
    for sent_id, start, _, sentence in sentences:
        found = attributions(sentence)
        # one attribution read twice ("intelligence" / "intelligence reports"): the longest span
        found = [c for c in found if not any(o != c and o[0] <= c[0] and c[1] <= o[1] and (o[1] - o[0]) > (c[1] - c[0])
                                             for o in found)]
        for a, b, source, cue in found:
            ps, pe = _find(sentence, source, a, b, a)
            raw_sources.append((int(sent_id), start + a, start + b, source, cue, start + pe))
        for m in _PRONOUN_SAYS.finditer(sentence):
            if not any(a <= start + m.start() < b for _, a, b, *_ in raw_sources):
                raw_sources.append((int(sent_id), start + m.start(), start + m.end(), m["who"], m["cue"],
                                    start + m.end("who")))
        for m in _MEDIA_MENTION.finditer(sentence):
            if read_source(m["name"]).kind == "media":
                raw_sources.append((int(sent_id), start + m.start(), start + m.end("name"), m["name"],
                                    " ".join(m.group()[:m.start("name") - m.start()].split()).casefold(),
                                    start + m.end("name")))
    raw_quotes: list[tuple[int, Quote, int]] = []  # paragraph offset, quote, sent_id
    previous: Quote | None = None
    starts = [s for _, s, _, _ in sentences]
    for para_start, para_text in paragraphs:
        sents = sentences[bisect_left(starts, para_start):bisect_left(starts, para_start + len(para_text))]
        spans = [(s - para_start, e - para_start) for _, s, e, _ in sents]
        found = paragraph_quotes(para_text, spans, previous)
        for q in found:
            sid = next((i for i, s, e, _ in sents if s <= para_start + q.start - 1 < e), sents[0][0] if sents else 0)
            raw_quotes.append((para_start, q, sid))
        closes = found and not para_text[found[-1].end + 1:].strip(" \t\n\"“”")
        previous = found[-1] if closes else None

    def speaker_at(para_start: int, q: Quote) -> tuple[int, int]:
        lo = para_start - base
        return _find(text, q.speaker, lo, lo + len(text), lo + q.start) if q.speaker else (lo + q.start, lo + q.start)

    mentions = []
    for _, _, _, source, _, pe in raw_sources:
        mentions.append((pe - len(source), source, _appositive(text, pe - base), True))
    for para_start, q, _ in raw_quotes:
        if q.speaker and q.speaker.casefold() not in PRONOUNS:
            s, e = speaker_at(para_start, q)
            mentions.append((base + s, q.speaker, _appositive(text, e), True))
    quoted = [(p - base + q.start, p - base + q.end) for p, q, _ in raw_quotes]
    cast = _Cast(mentions + [(base + at, name, role, strong) for at, name, role, strong in _named_people(text, quoted)])

    sources: list[dict] = []
    for sent_id, a, b, source, cue, pe in raw_sources:
        name, key, kind, role = cast.resolve(source, a)
        role = _appositive(text, pe - base) or role
        sources.append(dict(doc_id=doc_id, sent_id=sent_id, char_start=a, char_end=b, source=source,
                            source_key=key, source_kind=kind, role=role, cue=cue, resolved=name))
    quotes: list[dict] = []
    resolved = ("", "", "", "")
    for para_start, q, sid in raw_quotes:
        s, e = speaker_at(para_start, q)
        if q.speaker and q.how == "continued":
            name, key, kind, role = resolved  # the quote it continues: its speaker, resolved there
        elif q.speaker:
            name, key, kind, role = cast.resolve(q.speaker, base + s)
            role = _appositive(text, e) or role
        else:
            name, key, kind, role = "", "", "", ""
        resolved = (name, key, kind, role)
        quotes.append(dict(doc_id=doc_id, sent_id=sid, char_start=para_start + q.start, char_end=para_start + q.end,
                           speaker=name, speaker_key=key, role=role, quote=q.quote, cue=q.cue, found_by=q.how))
        if q.speaker and q.how != "continued" and not any(
                r["sent_id"] == sid and r["source_key"] == key for r in sources):
            sources.append(dict(doc_id=doc_id, sent_id=sid, char_start=base + s, char_end=base + e, source=q.speaker,
                                source_key=key, source_kind=kind, role=role, cue=q.cue, resolved=name))
    sources.sort(key=lambda r: (r["char_start"], r["char_end"]))
    return sources, quotes


PART_PARAGRAPHS = 1_500  # on a cluster, each job reads the articles of about this many body paragraphs


def read_voices(sentences: pd.DataFrame, paragraphs: pd.DataFrame,
                engine: cluster.Engine | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``sources.csv`` and ``quotes.csv`` of the corpus (body text only; module docstring).

    With an ``engine`` on a cluster, the articles are read in parts of about ``PART_PARAGRAPHS``
    paragraphs, a job each; only whether a quote is found elsewhere is read across articles, here."""
    body_s = sentences[sentences.kind == "body"]
    body_p = paragraphs[paragraphs.kind == "body"]
    if getattr(engine, "client", None) is not None and len(body_p) > PART_PARAGRAPHS:
        items = [(body_s[body_s.doc_id.isin(set(part.doc_id))], part)
                 for part in cluster.by_article(body_p, PART_PARAGRAPHS)]
        found = engine.map(_read_articles, items, label="sources and quotes", unit="part")
    else:
        found = [_read_articles((body_s, body_p))]
    all_sources = [row for sources, _ in found for row in sources]
    all_quotes = [row for _, quotes in found for row in quotes]
    by_speaker: dict[str, list[dict]] = defaultdict(list)
    for q in all_quotes:
        if q["speaker_key"]:
            by_speaker[q["speaker_key"]].append(q)
    for q in all_quotes:
        others = [o for o in by_speaker.get(q["speaker_key"], []) if o["doc_id"] != q["doc_id"]]
        same = [o for o in others if _same_words(q["quote"], o["quote"])]
        q["elsewhere"] = "same" if same else ("different" if others else "none")
        q["elsewhere_in"] = ";".join(sorted({o["doc_id"] for o in (same or others)}))
    return (tables.frame("sources.csv", all_sources), tables.frame("quotes.csv", all_quotes))


def _read_articles(item: tuple[pd.DataFrame, pd.DataFrame]) -> tuple[list[dict], list[dict]]:
    """The source and quote rows of the articles of some body sentences and paragraphs, in id order."""
    body_s, body_p = item
    sents_of: dict[str, list[tuple[int, int, int, str]]] = defaultdict(list)
    for d, i, s, e, t in zip(body_s.doc_id, body_s.sent_id, body_s.char_start, body_s.char_end, body_s.text):
        sents_of[d].append((int(i), int(s), int(e), t))
    paras_of: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for d, s, t in zip(body_p.doc_id, body_p.char_start, body_p.text):
        paras_of[d].append((int(s), t))
    all_sources: list[dict] = []
    all_quotes: list[dict] = []
    for doc_id in sorted(paras_of):
        paras = sorted(paras_of[doc_id])
        sents = sorted(sents_of[doc_id], key=lambda r: r[1])
        base = paras[0][0]
        end = paras[-1][0] + len(paras[-1][1])
        text = [" "] * (end - base)
        for s, t in paras:
            text[s - base:s - base + len(t)] = list(t)
        found_sources, found_quotes = _article(doc_id, "".join(text), sents, paras, base)
        all_sources += found_sources
        all_quotes += found_quotes
    return all_sources, all_quotes


def keyed_claims(found: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """``claims.csv`` with each figure's ``source_key`` and ``source_kind``: those of the source row its
    attribution is (the same article and words), else read from the words; empty when unattributed."""
    known = {(d, s.casefold()): (k, kind) for d, s, k, kind in
             zip(sources.doc_id, sources.source, sources.source_key, sources.source_kind)}
    keys, kinds = [], []
    for doc_id, attribution in zip(found.doc_id, found.attribution):
        if attribution == UNATTRIBUTED:
            keys.append("")
            kinds.append("")
            continue
        key, kind = known.get((doc_id, attribution.casefold()), (None, None))
        if key is None:
            src = read_source(attribution)
            key, kind = src.key, src.kind
        keys.append(key)
        kinds.append(kind)
    out = found.assign(source_key=pd.Series(keys, index=found.index, dtype="str"),
                       source_kind=pd.Series(kinds, index=found.index, dtype="str"))
    return out[list(tables.SCHEMAS["claims.csv"])]


def _may_be_one(a: tuple[str, str, tuple[str, ...]], b: tuple[str, str, tuple[str, ...]]) -> bool:
    """Whether two named sources (key, kind, places) may be one."""
    if a[0] == b[0]:
        return True
    if a[1] == "person" and b[1] == "person":
        return False
    return bool(set(a[2]) & set(b[2]))


def independent_count(sources: Iterable[tuple[str, str]]) -> int:
    """How many of these (key, kind) sources cannot be one another (module docstring)."""
    named = []
    for key, kind in sorted(set(sources)):
        if not key or kind == "anonymous":
            continue
        src = read_source(key) if kind != "person" else None
        places = src.entities if src is not None else ()
        if kind != "person" and not places and kind not in ("media", "organization"):
            continue  # "analysts", "intelligence": unnamed, may be any
        named.append((key, kind, places))
    groups: list[list[tuple[str, str, tuple[str, ...]]]] = []
    for item in named:
        joined = [g for g in groups if any(_may_be_one(item, other) for other in g)]
        merged = [item] + [x for g in joined for x in g]
        groups = [g for g in groups if g not in joined] + [merged]
    return len(groups)


def independence(compared: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    """The comparison with each figure's ``source_key`` and its group's ``independent_sources``."""
    keyed = {(d, int(s), int(e)): (k, kind) for d, s, e, k, kind in
             zip(found.doc_id, found.char_start, found.char_end, found.source_key, found.source_kind)}
    pairs = [keyed.get((d, int(s), int(e)), ("", "")) for d, s, e in
             zip(compared.doc_id, compared.char_start, compared.char_end)]
    by_group: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for group, pair in zip(compared.group, pairs):
        by_group[group].append(pair)
    counts = {g: independent_count(p) for g, p in by_group.items()}
    out = compared.assign(source_key=pd.Series([p[0] for p in pairs], index=compared.index, dtype="str"),
                          independent_sources=pd.Series([counts[g] for g in compared.group],
                                                        index=compared.index, dtype="int64"))
    return out[list(tables.SCHEMAS["claim_comparison.csv"])]
