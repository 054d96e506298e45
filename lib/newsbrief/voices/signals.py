"""Warning signs an editor looks at first, each a documented rule with the words that set it off.

In:  the step 01 tables (``documents.csv``, ``paragraphs.csv`` with the page chrome, ``sentences.csv``)
     and step 03's ``claims.csv`` and ``sources.csv`` (which holds every quote's speaker).
Out: :func:`signals`: one row per sign: the article, the sign (a name of :data:`RULES`), the span of
     the words that show it and those words, or what was counted. A sign is evidence for a reader to
     weigh, never a verdict: none of them says an article is false.

The rules (:data:`RULES`, also the brief's wording) read every paragraph, the page chrome too (a
disclaimer is chrome, and still says what it says).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

import pandas as pd

from newsbrief import tables
from newsbrief.voices.names import body_name, entities

__all__ = ["FAQ_RESTATES", "NO_SOURCE_WORDS", "RULES", "SAME_HEADLINE", "UNSOURCED_FIGURES", "signals"]

SAME_HEADLINE = 0.8  # word overlap (Jaccard) of two headlines that are one headline
FAQ_RESTATES = 0.7  # share of an FAQ's answer words already in the body above it: the FAQ restates the body
NO_SOURCE_WORDS = 300  # an article this long or longer that names no person or office as a source is signalled
UNSOURCED_FIGURES = 3  # this many figures or more, none from a named source, some from unnamed ones: signalled
_EVIDENCE_CHARS = 240

RULES: dict[str, str] = {
    "writing prompt": "a paragraph that describes the article as a writing task ('this article addresses … engaging "
                      "readers', 'By utilizing clear and concise language') or carries a generator's words ('As an AI "
                      "language model', 'Certainly! Here is')",
    "template label": "a heading that starts with a template's field name ('Headline:', 'Meta description:', 'Slug:')",
    "user submitted": "the page says the article was submitted by a user or reader",
    "generated image": "the page says its image is computer or AI generated",
    "unplaced expert": "a person presented by title or as an expert ('Dr.', 'a military strategist') with no "
                       "affiliation, whom no other article names",
    "table of contents": "a table of contents above the article text (an SEO template's scaffolding)",
    "restating FAQ": f"an FAQ section whose answers restate the body: at least {FAQ_RESTATES:.0%} of their words are "
                     "already in the text above it",
    "borrowed headline": "the headline ends with an outlet's name while the article's first heading is another "
                         f"headline (under {SAME_HEADLINE:.0%} of their words shared)",
    "no named source": f"an article of {NO_SOURCE_WORDS} words or more names no person and no office as a source "
                       "(only media, countries, analysts or reports)",
    "figures without a named source": f"{UNSOURCED_FIGURES} or more count, money or percent figures, none attributed "
                                      "to a named person or office and some to unnamed ones ('reports', "
                                      "'intelligence reports')",
}

_PROMPT = re.compile(
    r"\b(?:this|the)\s+(?:article|piece|post|story|blog\s+post)\s+(?:addresses|explores|examines|aims\s+to|discusses|"
    r"delves|highlights|offers|provides|covers)\b", re.IGNORECASE)
_CRAFT = re.compile(
    r"\b(?:clear\s+and\s+concise|engaging\s+readers|engage\s+readers|storytelling|readability|tone|SEO|keywords?|"
    r"word\s+count|utilizing)\b", re.IGNORECASE)
_GENERATOR = re.compile(
    r"\b(?:as\s+an\s+AI(?:\s+language\s+model)?|I\s+(?:cannot|can't)\s+(?:browse|access)|"
    r"Certainly[!,]\s+here(?:'s|\s+is)|here\s+is\s+(?:a|an|the)\s+(?:rewritten|revised|SEO)|"
    r"I\s+hope\s+this\s+(?:article\s+)?helps|\[insert\s+[^\]]{1,40}\])",
    re.IGNORECASE)
_LABEL = re.compile(r"^\s*(?:Headline|Title|Sub-?head(?:ing|line)?|Meta\s+(?:description|title)|Slug|Keywords?|"
                    r"Focus\s+keyword|Lede|Excerpt)\s*:", re.IGNORECASE)
_USER = re.compile(r"\b(?:submitted\s+by\s+(?:our|a|one\s+of\s+our)?\s*(?:users?|readers?|contributors?|members?)|"
                   r"user[- ]submitted|user[- ]generated\s+(?:content|article|post)|reader[- ]submitted)\b",
                   re.IGNORECASE)
_IMAGE = re.compile(r"\b(?:computer[- ]generated\s+(?:art|image|illustration|picture|photo)|"
                    r"AI[- ]generated\s+(?:image|art|illustration|picture|photo)|"
                    r"(?:image|photo|picture|illustration)\s+"
                    r"(?:is|was)\s+(?:AI[- ]|computer[- ])?generated|generated\s+(?:by|with)\s+AI)\b", re.IGNORECASE)
_CONTENTS = re.compile(r"^\s*(?:table\s+of\s+contents|contents|in\s+this\s+article)\s*$", re.IGNORECASE)
_FAQ = re.compile(r"^\s*(?:FAQs?|frequently\s+asked\s+questions)\b", re.IGNORECASE)
_TITLED = re.compile(r"^(?:Dr|Prof|Professor)\b\.?", re.IGNORECASE)
_EXPERT_ROLE = re.compile(r"\b(?:expert|analyst|strategist|researcher|scholar|professor|economist|specialist)\b",
                          re.IGNORECASE)
_AFFILIATION = re.compile(r"\b(?:of|at|from|with|for)\s+(?:the\s+)?[A-Z]|\b[A-Z]{2,}\b|\b(?:University|Institute|"
                          r"Group|Center|Centre|Foundation|Council|School|College|Academy|Agency|Ministry)\b")
_HEADWORD = re.compile(r"\b(?:official|spokesman|spokeswoman|spokesperson|ministry|minister|president|leader|agency|"
                       r"intelligence|military|army|command|government|police|service|office|department)s?\b",
                       re.IGNORECASE)
_CONTENT = re.compile(r"[^\W\d_]{4,}")


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EVIDENCE_CHARS else text[:_EVIDENCE_CHARS - 1].rstrip() + "…"


def _sentence_at(text: str, start: int, end: int) -> str:
    """The sentence of ``text`` holding ``text[start:end]``: from the last full stop before it to the next after."""
    lo = max(text.rfind(". ", 0, start), text.rfind("! ", 0, start), text.rfind("? ", 0, start))
    hi = min([k + 1 for k in (text.find(". ", end), text.find("! ", end), text.find("? ", end)) if k >= 0]
             or [len(text)])
    return text[lo + 2 if lo >= 0 else 0:hi]


def _row(doc_id: str, signal: str, start: int, end: int, evidence: str) -> dict:
    return dict(doc_id=doc_id, signal=signal, char_start=int(start), char_end=int(end), evidence=_shorten(evidence),
                rule=RULES[signal])


def _named_voice(source: str, kind: str) -> bool:
    """A person, or an office that speaks: a named body ("National Intelligence Service") or a place's
    office ("U.S. defense officials"); not a country alone, media, analysts or reports."""
    if kind == "person":
        return True
    if kind in ("anonymous", "media", "expert", ""):
        return False
    return bool(body_name(source)) or bool(entities(source) and _HEADWORD.search(source))


def _page_signals(doc_id: str, paras: list) -> list[dict]:
    rows = []
    for p in paras:
        start, end, kind, text = p.char_start, p.char_end, p.kind, p.text
        if _GENERATOR.search(text) or (_PROMPT.search(text) and _CRAFT.search(text)):
            rows.append(_row(doc_id, "writing prompt", start, end, text))
        if kind in ("heading", "title") and _LABEL.match(text):
            rows.append(_row(doc_id, "template label", start, end, text))
        if (m := _USER.search(text)):
            rows.append(_row(doc_id, "user submitted", start + m.start(), start + m.end(),
                             _sentence_at(text, m.start(), m.end())))
        if (m := _IMAGE.search(text)):
            rows.append(_row(doc_id, "generated image", start + m.start(), start + m.end(),
                             _sentence_at(text, m.start(), m.end())))
    contents = [p for p in paras if p.kind in ("heading", "chrome", "title") and _CONTENTS.match(p.text)]
    if contents:
        first = contents[0]
        rows.append(_row(doc_id, "table of contents", first.char_start, first.char_end, first.text))
    return rows


def _faq(doc_id: str, paras: list) -> list[dict]:
    """An FAQ heading whose answers (the body paragraphs after it) restate the body above it."""
    heads = [p for p in paras if p.kind == "heading" and _FAQ.match(p.text)]
    if not heads:
        return []
    at = heads[0]
    above = [p for p in paras if p.char_start < at.char_start and p.kind == "body"]
    answers = [p for p in paras if p.char_start > at.char_start and p.kind == "body"]
    known = {w.casefold() for p in above for w in _CONTENT.findall(p.text)}
    words = [w.casefold() for p in answers for w in _CONTENT.findall(p.text)]
    if not words:
        return []
    share = sum(w in known for w in words) / len(words)
    if share < FAQ_RESTATES:
        return []
    return [_row(doc_id, "restating FAQ", at.char_start, max(p.char_end for p in answers),
                 f"{len(answers)} answers under '{' '.join(at.text.split())}': {share:.0%} of their words "
                 "are already in the text above")]


def _borrowed(doc, paras: list) -> list[dict]:
    """A headline that ends with an outlet's name, over an article with a headline of its own."""
    title, site = doc.title, doc.site
    if not isinstance(site, str) or not isinstance(title, str) or not site or not title:
        return []
    if not re.search(rf"\s[–—|-]\s+{re.escape(site)}\s*$", title):
        return []
    own = title[:title.rfind(site)].rstrip(" –—|-")
    heads = [p for p in paras if p.kind == "heading"]
    if not heads:
        return []
    other = _LABEL.sub("", heads[0].text)
    a = {w.casefold() for w in _CONTENT.findall(own)}
    b = {w.casefold() for w in _CONTENT.findall(other)}
    if not a or not b or len(a & b) / len(a | b) >= SAME_HEADLINE:
        return []
    return [_row(doc.doc_id, "borrowed headline", doc.site_start, doc.site_end,
                 f"headline '{title}' names {site}; the article's own headline is '{' '.join(other.split())}'")]


def _sourcing(doc_id: str, body: list, sources: list, claims: list) -> list[dict]:
    rows = []
    if not body:
        return rows
    start, end = body[0].char_start, body[0].char_end
    words = sum(int(s.words) for s in body)
    if words >= NO_SOURCE_WORDS and not any(_named_voice(s.source, s.source_kind) for s in sources):
        cited = "; ".join(f"{s} ({c})" if c else s for s, c in
                          dict.fromkeys((s.source, s.cue) for s in sources).keys()) or "nothing"
        rows.append(_row(doc_id, "no named source", start, end,
                         f"{words:,} words name no person or office as a source; cited: {cited}"))
    figures = sorted((c for c in claims if c.kind in ("count", "money", "percent")), key=lambda c: c.char_start)
    if (len(figures) >= UNSOURCED_FIGURES and any(c.source_kind for c in figures)
            and not any(_named_voice(c.attribution, c.source_kind) for c in figures)):
        counts = Counter(c.attribution for c in figures)
        said = "; ".join(f"{counts[a]}× {a}" for a in sorted(counts))
        rows.append(_row(doc_id, "figures without a named source", figures[0].char_start, figures[0].char_end,
                         f"{len(figures)} figures, attributed to: {said}"))
    return rows


def _grouped(frame: pd.DataFrame) -> dict[str, list]:
    """The rows of a table by article, in the order of their offsets."""
    out: dict[str, list] = defaultdict(list)
    for row in frame.sort_values(["doc_id", "char_start"], kind="stable").itertuples(index=False):
        out[row.doc_id].append(row)
    return out


def _unplaced(sources: pd.DataFrame, texts: dict[str, str]) -> list[dict]:
    """Titled or expert people with no affiliation, whom no other article names."""
    rows, seen = [], set()
    people = zip(sources.doc_id, sources.resolved, sources.role, sources.source_key, sources.source_kind,
                 sources.char_start, sources.char_end)
    for doc_id, name, role, key, kind, a, b in people:
        if kind != "person" or (doc_id, key) in seen or not key:
            continue
        if not (_TITLED.match(name) or _EXPERT_ROLE.search(role)) or _AFFILIATION.search(role):
            continue
        word = re.compile(rf"\b{re.escape(key)}\b", re.IGNORECASE)
        if any(word.search(t) for d, t in texts.items() if d != doc_id):
            continue
        seen.add((doc_id, key))
        said = f"{name}, {role}" if role else name
        rows.append(_row(doc_id, "unplaced expert", a, b, f"{said}: no affiliation given, named in no other article"))
    return rows


def signals(documents: pd.DataFrame, paragraphs: pd.DataFrame, sentences: pd.DataFrame, claims: pd.DataFrame,
            sources: pd.DataFrame) -> pd.DataFrame:
    """``signals.csv``: every warning sign of every article (module docstring, :data:`RULES`)."""
    rows: list[dict] = []
    paras_of, sources_of, claims_of = _grouped(paragraphs), _grouped(sources), _grouped(claims)
    body_of = _grouped(sentences[sentences.kind == "body"])
    texts = {d: " ".join(p.text for p in paras if p.kind == "body") for d, paras in paras_of.items()}
    for doc in documents.sort_values("doc_id").itertuples(index=False):
        paras = paras_of.get(doc.doc_id, [])
        rows += _page_signals(doc.doc_id, paras)
        rows += _faq(doc.doc_id, paras)
        rows += _borrowed(doc, paras)
        rows += _sourcing(doc.doc_id, body_of.get(doc.doc_id, []), sources_of.get(doc.doc_id, []),
                          claims_of.get(doc.doc_id, []))
    rows += _unplaced(sources, texts)
    order = list(RULES)
    rows.sort(key=lambda r: (r["doc_id"], r["char_start"], order.index(r["signal"])))
    return tables.frame("signals.csv", rows)
