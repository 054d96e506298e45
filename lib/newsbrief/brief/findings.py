"""The headline findings and the corpus overview, chosen by ranked rules from the tables.

In:  :class:`~newsbrief.brief.inputs._Tables` and the anchors of the evidence entries.
Out: one :class:`_Section` per part of the analysis (corpus, overlap, figure claims): headline
     candidates with their rule's priority, overview lines, and notes on what was not found.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from newsbrief.brief.formatting import _counted_categories, _kinds, _pct, fmt_number
from newsbrief.brief.inputs import _Tables
from newsbrief.brief.record import Finding
from newsbrief.labels import UNKNOWN_OUTLET
from newsbrief.language import name as language_name
from newsbrief.tables import SHARED_FACT

__all__ = ["MAX_HEADLINES", "MAX_NAMED", "PRIORITY", "_Section", "_claims_section", "_corpus_section", "_one_story",
           "_overlap_section"]


# Mean-embedding cosine above which two articles are taken to be on the same story.
ONE_STORY_COSINE = 0.8
# Single-source findings leave out small counts ("two nations"): they name things, they claim little.
SMALLEST_NOTABLE = 10
# The rules that choose the headline findings, most important first; at most MAX_HEADLINES are shown.
# Copies of whole articles first, then the articles' warning signs, then text shared across articles,
# figures resting on fewer independent sources than articles, figures that disagree within a story,
# figures only one article gives, and last what one article repeats of itself.
PRIORITY = {"copies": 0, "signs": 0.5, "overlap": 1, "across": 2, "shared fact": 3, "sources": 3.5, "conflict": 4,
            "unresolved": 5, "update": 6, "single source": 7, "forecasts": 8, "scopes": 9, "within": 10,
            "unattributed": 11}
# A finding on shared text is a headline only when it holds over this range of the calibration knob
# z around the run's own (below, above): the range the sensitivity table covers on either side.
ROBUST_Z = (0.5, 1.0)
MAX_HEADLINES = 6
# Figures of one group more than this many times apart count different things under one word ("pct"
# of a price index and of a stake): such a group is no headline, whatever its verdict.
MAX_SPREAD = 100
# A headline names and links at most this many figures; the others are counted ("and 12 more").
MAX_NAMED = 8


@dataclass
class _Section:
    """What one part of the analysis adds to the brief: headline candidates (with their rule's
    priority), lines of the corpus overview, and notes on what could not be found."""

    ranked: list[tuple[int, Finding]] = field(default_factory=list)
    overview: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _counting(row) -> str:
    """What a compared group counts, quoted, with its scope; its kind when no counted noun was found."""
    what = f"“{row.counts}”" if row.counts else f"{row.kind} figures"
    return what + (f" ({row.scope.replace(';', ', ')})" if row.scope else "")


def _capital(text: str) -> str:
    """The text with its first letter upper-cased, past any opening quote ("“troops”" -> "“Troops”")."""
    k = next((i for i, ch in enumerate(text) if ch.isalnum()), len(text))
    return text[:k] + text[k:k + 1].upper() + text[k + 1:]


def _links(rows: pd.DataFrame, anchors: dict, limit: int = MAX_NAMED) -> list[tuple[str, str]]:
    return [(f"{r.label}: {r.surface}", anchors[(r.doc_id, r.char_start)]) for r in rows.head(limit).itertuples()
            if (r.doc_id, r.char_start) in anchors]


def _said(rows: pd.DataFrame, when: bool = False) -> str:
    """'000 says over 3,000, 001 says at least 3,000 and 3 more' (with each figure's period when asked)."""
    named = rows.head(MAX_NAMED)
    said = ", ".join(f"{r.label} says {r.surface}" + (f" ({r.time_label})" if when else "")
                     for r in named.itertuples())
    return said + (f" and {len(rows) - len(named):,} more" if len(rows) > len(named) else "")


def _widest(compared: pd.DataFrame, verdict: str) -> pd.DataFrame:
    """The rows of the group with the largest spread among the groups that have ``verdict``, leaving out
    groups whose figures lie more than ``MAX_SPREAD`` times apart."""
    rows = compared[(compared.verdict == verdict) & ~(compared.spread > MAX_SPREAD)]
    if rows.empty:
        return rows
    spread = rows.groupby("group").spread.first().sort_values(ascending=False, kind="stable")
    return compared[compared.group == spread.index[0]]


def _disagreement_findings(compared: pd.DataFrame, anchors: dict) -> list[tuple[int, Finding]]:
    """A conflict (same thing, scope and period), an unresolved disagreement (a date missing), an update."""
    found = []
    rows = _widest(compared, "conflict")
    if len(rows):
        clashing, first = rows[rows.conflicts_with != ""], rows.iloc[0]
        found.append((PRIORITY["conflict"], Finding(
            f"Articles conflict on {_counting(first)} in the same period: {_said(clashing, when=True)}; across "
            f"{first.articles:,} articles the figures run from {fmt_number(first.smallest)} to "
            f"{fmt_number(first.largest)}.", _links(clashing, anchors))))
    rows = _widest(compared, "unresolved")
    if len(rows):
        differing, first = rows[rows.verdict == "unresolved"], rows.iloc[0]
        found.append((PRIORITY["unresolved"], Finding(
            f"Articles give figures for {_counting(first)} that cannot all hold at once, but a date is missing, "
            f"so this may be a change over time rather than a conflict: {_said(differing, when=True)}.",
            _links(differing, anchors))))
    rows = _widest(compared, "update")
    if len(rows):
        changed = rows[rows.verdict == "update"].sort_values(["period_start", "doc_id"], kind="stable")
        first = changed.iloc[0]
        found.append((PRIORITY["update"], Finding(
            f"{_capital(_counting(first))} changed over time: {_said(changed, when=True)}.",
            _links(changed, anchors))))
    return found


def _scope_finding(compared: pd.DataFrame) -> list[tuple[int, Finding]]:
    """The thing most articles count, when they count it in several scopes and none conflict: say so."""
    if compared.empty:
        return []
    articles = compared.groupby("thing").doc_id.nunique().sort_values(ascending=False, kind="stable")
    thing = articles.index[0]
    rows = compared[compared.thing == thing]
    if articles.iloc[0] < 2 or rows.scope.nunique() < 2 or (rows.verdict == "conflict").any():
        return []
    parts = [f"{scope.replace(';', ', ') or 'no scope named'} ({', '.join(group.sort_values('doc_id').label.unique())})"
             for scope, group in rows.groupby("scope", sort=True)]
    return [(PRIORITY["scopes"], Finding(
        f"The articles' figures for “{rows.counts.iloc[0]}” count {rows.scope.nunique()} different groups, so they "
        f"are compared only within each: {'; '.join(parts)}.", [("compared figures", "#claims")]))]


def _forecast_finding(forecasts: pd.DataFrame) -> list[tuple[int, Finding]]:
    """The forecasts of timing, side by side: what is predicted, when, by whom."""
    if forecasts.empty:
        return []
    parts = [f"{f.surface} ({f.label}, {f.attribution}"
             + (f", {f.window_start} to {f.window_end}" if f.window_start else "") + ")"
             for f in forecasts.head(MAX_NAMED).itertuples()]
    more = f" and {len(forecasts) - MAX_NAMED:,} more" if len(forecasts) > MAX_NAMED else ""
    n = forecasts.doc_id.nunique()
    return [(PRIORITY["forecasts"], Finding(
        f"{n:,} article{'s' if n != 1 else ''} predict{'s' if n == 1 else ''} when things will happen: "
        f"{'; '.join(parts)}{more}.", [("forecasts", "#forecasts")]))]


def _claim_findings(t: _Tables, claims: pd.DataFrame, anchors: dict) -> list[tuple[int, Finding]]:
    """Disagreements (conflict, unresolved, update), scopes, single-source figures, forecasts, unattributed share.

    ``claims`` are the figures of the compared kinds."""
    compared = t.compared
    found = _disagreement_findings(compared, anchors) + _scope_finding(compared)
    # A figure only one article gives matters when others tell the same story without it: in a story
    # of one article every figure is its only source, and says nothing about the others.
    told = t.stories.groupby("story").size()
    in_shared_story = compared.story.map(told).fillna(0) >= 2
    single = compared[(compared.verdict == "single source") & (compared.largest >= SMALLEST_NOTABLE) & in_shared_story]
    for _, rows in single.groupby("group", sort=True):
        r = rows.iloc[0]
        source = "unattributed" if r.attribution == "unattributed" else f"attributed to {r.attribution}"
        found.append((PRIORITY["single source"], Finding(
            f"Only {r.label} gives a figure for {_counting(r)}: {r.surface} ({source}).",
            _links(rows.head(1), anchors))))
    found += _forecast_finding(t.forecasts)
    if len(claims):
        unattributed = int((claims.attribution == "unattributed").sum())
        found.append((PRIORITY["unattributed"], Finding(
            f"{unattributed:,} of {len(claims):,} {_kinds(t.compared_kinds)} figures name no source.",
            [("sourcing per article", "#sourcing")])))
    return found


# How the overview names each kind of figure (claims.csv's kind), one and many.
_KIND_WORDS = {"count": ("count", "counts"), "money": ("sum of money", "sums of money"),
               "percent": ("percentage", "percentages"), "date": ("date", "dates"),
               "duration": ("duration", "durations"), "ordinal": ("ordinal", "ordinals"), "other": ("other", "other")}


def _by_kind(claims: pd.DataFrame) -> str:
    """'9 counts (2 of them vague, such as "thousands") and 1 other', kinds in claims.csv's order."""
    parts = []
    for kind, (one, many) in _KIND_WORDS.items():
        rows = claims[claims.kind == kind]
        if len(rows):
            vague = int(rows.vague.astype(bool).sum())
            parts.append(f"{len(rows):,} {one if len(rows) == 1 else many}"
                         + (f" ({vague:,} of them vague, such as \"thousands\")" if vague else ""))
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _overlap_finding(overlap: pd.DataFrame) -> tuple[str, tuple[str, str] | None]:
    """The article pair with the largest share of one covered by the other, and that pair."""
    best = overlap.sort_values(["covered", "cosine", "doc_a", "doc_b"],
                               ascending=[False, False, True, True]).iloc[0]
    if best.covered == 0:
        return ("No article repeats or paraphrases the sentences of another: they share the story, "
                "not the text.", None)
    parts = [f"{_pct(best[c])} {w}" for c, w in (("cover_verbatim", "verbatim"), ("cover_edited", "edited"),
                                                  ("cover_paraphrase", "paraphrased")) if best[c] > 0]
    return (f"The strongest overlap: {_pct(best.covered)} of {best.label_a}'s text is found again in "
            f"{best.label_b} ({', '.join(parts)}).", (best.doc_a, best.doc_b))


def _shared_words(facts: str) -> str:
    """'both state 3000, korea, ...' from a pair's facts (its first clause), or 'share a fact'."""
    first = facts.split(";")[0].strip()
    return first if first.startswith("both state") else "share a fact"


def _corpus_section(t: _Tables) -> _Section:
    """The corpus overview: size, article text and chrome, publication dates, outlets."""
    docs, section = t.documents, _Section()
    n_docs = len(docs)
    words, chrome = int(docs.words.sum()), int(docs.chrome_words.sum())
    dated = docs[docs.published != ""].published
    line = (f"The corpus holds {n_docs:,} article{'s' if n_docs != 1 else ''} with {words:,} words of article "
            f"text; {chrome:,} words of page chrome were set aside.")
    if len(dated) == 1:
        line += f" One article has a known publication date, {dated.iloc[0]}."
    elif len(dated):
        line += (f" {len(dated):,} articles have a known publication date, from {dated.min()} "
                 f"to {dated.max()}.")
    section.overview.append(Finding(line, [("corpus overview", "#corpus")]))
    if "analysed_in_english" in docs and not docs.analysed_in_english.all():
        section.overview.append(Finding(_languages_line(docs), [("article cards", "#cards")]))
    if len(t.stories):
        section.overview.append(Finding(_stories_line(t.stories), [("corpus overview", "#corpus")]))
    if not sorted(set(docs.outlet) - {UNKNOWN_OUTLET}):
        named = int((docs.site != "").sum()) if "site" in docs else 0
        pages = (f" (the pages name their site for {named:,} of {len(docs):,}, shown as stated)" if named else "")
        section.notes.append(f"No outlet is known from metadata for any article{pages}: add a metadata.csv "
                             "(file,outlet,url,published) beside the articles to compare outlets.")
    return section


def _languages_line(docs: pd.DataFrame) -> str:
    """How many articles are in another language than the rules read, in which, and what that leaves out."""
    other = docs[~docs.analysed_in_english.astype(bool)]
    said = ", ".join(f"{language_name(code)} {n:,}" for code, n in other.language.value_counts().sort_index().items())
    return (f"{len(other):,} of {len(docs):,} articles are in another language than English ({said}): the rules "
            "that read figures, sources, quotes and warning signs read English, so these articles are left out "
            "of those findings; near-duplicates are looked for in every article.")


def _stories_line(stories: pd.DataFrame, named: int = 3) -> str:
    """How many stories the articles tell, and the largest ones by label (stories.csv)."""
    per_story = stories.groupby(["story", "label"], sort=True).size().reset_index(name="articles")
    if len(per_story) == 1:
        return f"The articles tell one story ({per_story.label.iloc[0]}): their figures are compared with each other."
    alone = int((per_story.articles == 1).sum())
    largest = ", ".join(f"“{r.label}” ({r.articles:,} articles)" for r in per_story.head(named).itertuples()
                        if r.articles > 1)
    return (f"The {len(stories):,} articles tell {len(per_story):,} stories, by what they are about"
            + (f"; the largest: {largest}" if largest else "")
            + (f"; {alone:,} article{'s stand' if alone != 1 else ' stands'} alone" if alone else "")
            + ". Figures are compared only within a story.")


def _one_story(overlap: pd.DataFrame) -> bool:
    """Whether every pair of articles is close enough in meaning to be one story."""
    return bool(len(overlap) and overlap.cosine.min() >= ONE_STORY_COSINE)


def _holds(rows: pd.DataFrame, z: float) -> pd.Series:
    """Which pairs keep their call over the whole robust range around the run's ``z`` (ROBUST_Z)."""
    low, high = z - ROBUST_Z[0], z + ROBUST_Z[1]
    return (rows.z_from.isna() | (rows.z_from <= low)) & (rows.z_to.isna() | (rows.z_to >= high))


def _range(rows: pd.DataFrame) -> str:
    """'z 1.22 or less', 'z 0.8 or more': where the borderline pairs of ``rows`` hold."""
    parts = []
    if rows.z_to.notna().any():
        parts.append(f"z up to {rows.z_to.max():.2f}")
    if rows.z_from.notna().any():
        parts.append(f"z from {rows.z_from.min():.2f}")
    return " and ".join(parts) or "some z"


def _passages(rows: pd.DataFrame) -> int:
    """How many distinct passages the pairs of ``rows`` involve (a passage in two pairs counts once)."""
    return len(set(zip(rows.doc_a, rows.start_a)) | set(zip(rows.doc_b, rows.start_b)))


def _anchor(passage_anchor: dict, rows: pd.DataFrame) -> list[tuple[str, str]]:
    """A link to the first of ``rows`` that has an evidence entry."""
    for r in rows.itertuples():
        key = (r.doc_a, r.start_a, r.doc_b, r.start_b)
        if key in passage_anchor:
            return [("example", passage_anchor[key])]
    return [("near-duplicate table", "#overlap")]


def _overlap_section(t: _Tables, passage_anchor: dict) -> _Section:
    """Findings on shared text, robust ones as headlines: whole-article copies, the strongest overlap,
    passages restated or sharing a fact across articles, and repetition inside articles (passages,
    not pairs; title and heading echoes apart from restated text)."""
    section, overlap = _Section(), t.overlap
    z = float(t.calibration.z.iloc[0]) if len(t.calibration) else 0.0
    robust_range = f"every z from {z - ROBUST_Z[0]:g} to {z + ROBUST_Z[1]:g}"
    pairs = t.pairs.assign(robust=_holds(t.pairs, z)) if len(t.pairs) else t.pairs.assign(robust=False)
    copies = pairs[(pairs.level == "document") & pairs.robust]
    passages = pairs[pairs.level != "document"]
    across = passages[passages.doc_a != passages.doc_b]
    within = passages[passages.doc_a == passages.doc_b]
    restated = across[across.category != SHARED_FACT]
    shared = across[across.category == SHARED_FACT]
    if len(copies):
        section.ranked.append((PRIORITY["copies"], Finding(_copies_text(copies), [("overlap table", "#overlap")])))
    elif len(overlap) and not len(restated[restated.robust]):
        section.ranked.append((PRIORITY["copies"], Finding(
            f"No article reuses another's text: no passage is restated across articles at {robust_range}.",
            [("calibration", "#method")])))
    if len(overlap):
        text, pair = _overlap_finding(overlap)
        behind = restated[restated.doc_a.isin(pair or ()) & restated.doc_b.isin(pair or ())]
        links = [(f"passage pair {k[0]} / {k[2]}", a) for k, a in passage_anchor.items()
                 if pair and {k[0], k[2]} == set(pair)]
        finding = Finding(text, links[:3] or [("overlap table", "#overlap")])
        copied = {frozenset(p) for p in zip(copies.doc_a, copies.doc_b)}
        if pair is not None and frozenset(pair) in copied:
            pass  # the copies headline already names this pair
        elif pair is None or behind.robust.all():
            section.ranked.append((PRIORITY["overlap"], finding))
        else:
            section.overview.append(Finding(f"Borderline, not a headline (it holds for {_range(behind)} only; a "
                                            f"headline holds at {robust_range}): " + text, finding.links))
        cosines = overlap.cosine
        if _one_story(overlap):
            section.overview.append(Finding(
                f"Every pair of articles has a semantic similarity of at least {cosines.min():.2f}: they tell one "
                "story, so similarity alone does not mark copying; the overlap above counts only passages "
                "matched one to one.", [("calibration", "#method")]))
        else:
            section.overview.append(Finding(f"Semantic similarity between articles ranges from {cosines.min():.2f} "
                                            f"to {cosines.max():.2f}.", [("overlap table", "#overlap")]))
    else:
        section.notes.append("With a single article there are no article pairs to compare.")
    for rows, rule, text in ((restated, "across", _restated_text), (shared, "shared fact", _shared_text)):
        robust, borderline = rows[rows.robust], rows[~rows.robust]
        if len(robust):
            section.ranked.append((PRIORITY[rule], Finding(text(robust), _anchor(passage_anchor, robust))))
        if len(borderline):
            section.overview.append(Finding(
                f"Borderline, not a headline (it holds for {_range(borderline)} only; a headline holds at "
                f"{robust_range}): " + text(borderline), _anchor(passage_anchor, borderline)))
    if len(within):
        section.ranked.append((PRIORITY["within"], Finding(_within_text(t, within),
                                                           _anchor(passage_anchor, _telling(t, within)))))
    if not len(passages) and len(t.documents) > 1:
        section.notes.append("No passage is repeated or paraphrased, across or inside the articles.")
    return section


def _copies_text(copies: pd.DataFrame, named: int = 3) -> str:
    """'2 article pairs are copies: a and b verbatim (b published first), ...'."""
    shown = []
    for r in copies.head(named).itertuples():
        first = f", {r.earlier_label} published first" if r.earlier else ""
        shown.append(f"{r.label_a} and {r.label_b} ({r.category}{first})")
    more = f" and {len(copies) - named:,} more" if len(copies) > named else ""
    counts = copies.category.value_counts()
    kinds = ", ".join(f"{int(counts[c]):,} {c}" for c in ("verbatim", "edited", "paraphrase") if counts.get(c, 0))
    return (f"{len(copies):,} article pair{'s are' if len(copies) != 1 else ' is a'} whole cop"
            f"{'ies' if len(copies) != 1 else 'y'} of one another ({kinds}): " + "; ".join(shown) + more + ".")


def _restated_text(rows: pd.DataFrame) -> str:
    articles = len(set(rows.doc_a) | set(rows.doc_b))
    return (f"Across articles, {_passages(rows):,} passages of {articles:,} articles restate one another ("
            + _counted_categories(rows.category.value_counts()) + ").")


def _shared_text(rows: pd.DataFrame) -> str:
    first = rows.iloc[0]
    return (f"{_passages(rows):,} passages of different articles share a specific fact while each says more, a lead "
            f"to a common source: {first.label_a} and {first.label_b} {_shared_words(first.facts)}.")


def _echo(t: _Tables, rows: pd.DataFrame) -> pd.Series:
    """Which pairs involve a title or a heading (an echo of the article's own headings)."""
    kind = dict(zip(zip(t.sentences.doc_id, t.sentences.char_start), t.sentences.kind))
    heads = ("title", "heading")
    return pd.Series([kind.get((r.doc_a, r.start_a)) in heads or kind.get((r.doc_b, r.start_b)) in heads
                      for r in rows.itertuples()], index=rows.index, dtype=bool)


def _within_text(t: _Tables, within: pd.DataFrame) -> str:
    """Body passages restated inside their own article (passages, not pairs), then heading echoes apart."""
    echoes = _echo(t, within)
    body = within[~echoes]
    parts = []
    if len(body):
        per_doc = pd.Series({doc: _passages(rows) for doc, rows in body.groupby("doc_a", sort=True)})
        top = sorted(per_doc[per_doc == per_doc.max()].index)[0]
        parts.append(f"Inside single articles, {_passages(body):,} passages of body text restate another passage "
                     f"of their own article, in {len(per_doc):,} article{'s' if len(per_doc) != 1 else ''} "
                     f"(most in {dict(zip(body.doc_a, body.label_a))[top]}: {int(per_doc.max()):,})")
    if echoes.any():
        n = _passages(within[echoes])
        parts.append(f"{n:,} title{'s' if n != 1 else ''} and headings echo one another inside "
                     f"{within[echoes].doc_a.nunique():,} article{'s' if within[echoes].doc_a.nunique() != 1 else ''}")
    return "; ".join(parts) + "."


def _telling(t: _Tables, within: pd.DataFrame) -> pd.DataFrame:
    """The repetitions worth reading first: body passages that quote or attribute (two sources saying
    interchangeable things), then other body passages, then heading echoes; closest first."""
    body = within[~_echo(t, within)]
    said = body[body.text_a.str.contains(r"[\"“”]|\bsaid\b|\bsays\b", regex=True)
                & body.text_b.str.contains(r"[\"“”]|\bsaid\b|\bsays\b", regex=True)]
    return pd.concat([said.sort_values("cosine", ascending=False, kind="stable"),
                      body.sort_values("cosine", ascending=False, kind="stable"), within])


def _claims_section(t: _Tables, anchors: dict) -> _Section:
    """How many figures there are, and the findings on them (conflicts, single sources, sourcing)."""
    section = _Section()
    claims = t.claims[t.claims.kind != "forecast"]  # forecasts of timing are counted on their own
    if len(claims):
        predicted = len(t.forecasts)
        section.overview.append(Finding(
            f"{len(claims):,} numeric figure{'s were' if len(claims) != 1 else ' was'} found in "
            f"{claims.doc_id.nunique():,} of the {len(t.documents):,} articles: {_by_kind(claims)}"
            + (f"; besides them, {predicted:,} forecast{'s' if predicted != 1 else ''} of when something will "
               f"happen." if predicted else "."), [("figure table", "#claims")]))
    else:
        section.notes.append("No numeric figure was found in the article text.")
    section.ranked += _claim_findings(t, claims[claims.kind.isin(t.compared_kinds)], anchors)
    return section
