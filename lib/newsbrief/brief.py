"""The analytical brief: findings computed from the step tables, rendered as one HTML file.

In: the ``tables/`` and ``figures/`` folders written by notebooks 01-03 (nothing else).
Out: a context of computed findings, each linked to its evidence (:func:`build_context`),
``brief.html`` (:func:`render_html`: self-contained, images embedded, every article string escaped
by the template engine, no code, no typed-in sentence about any particular corpus) and
``brief.md`` (:func:`render_markdown`, Markdown-escaped for pasting).

A brief stays brief whatever the corpus size: each table that grows with the corpus shows at most
``max_rows`` rows, chosen by a stated rule (see :func:`build_context`), with a computed note under it
naming the CSV table that holds every row; the evidence appendix holds only the entries something
shown links to.
"""

from __future__ import annotations

import base64
import dataclasses
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from newsbrief.alignment import aligned_segments
from newsbrief.files import replacing
from newsbrief.tables import read_table

__all__ = ["Brief", "Finding", "build_context", "fmt_interval", "fmt_number", "markdown_escape", "render_html",
           "render_markdown"]

FIGURES = [
    ("article_lengths.png", "Length of each article after removing page chrome"),
    ("readability.png", "Sentence length and readability per article"),
    ("coverage_heatmap.png", "Share of each article's text found again in another article"),
    ("similarity_heatmap.png", "Article x article semantic similarity"),
    ("calibration.png", "Pair cosines against the calibrated paraphrase thresholds"),
    ("claim_comparison.png", "Figures that count the same thing, compared across articles"),
]

# Mean-embedding cosine above which two articles are taken to be on the same story.
ONE_STORY_COSINE = 0.8
# Single-source findings leave out small counts ("two nations"): they name things, they claim little.
SMALLEST_NOTABLE = 10
# The rules that choose the headline findings, most important first; at most MAX_HEADLINES are shown.
PRIORITY = {"conflict": 0, "single source": 1, "overlap": 2, "within": 3, "unattributed": 4, "across": 5}
MAX_HEADLINES = 6
# A headline names and links at most this many figures; the others are counted ("and 12 more").
MAX_NAMED = 8
# Each table that grows with the corpus (articles, figures, compared figures, sourcing, input files)
# shows at most this many rows unless build_context is told otherwise; every row stays in the CSV tables.
MAX_ROWS = 100


@dataclass
class Finding:
    """One headline sentence and the evidence it rests on: ``(label, anchor)`` links."""

    text: str
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Brief:
    """Everything the template shows; each string is computed from the tables."""

    title: str
    findings: list[Finding]
    overview: list[Finding]
    documents: list[dict]
    top_documents: list[dict]
    top_passages: list[dict]
    claims: list[dict]
    compared: list[dict] = field(default_factory=list)
    sourcing: list[dict] = field(default_factory=list)
    method: list[str] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)
    figures: dict[str, dict] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    provenance: object | None = None
    # For each table cut to max_rows ("documents", "claims", "compared", "sourcing", "inputs",
    # "evidence"): the note shown under it. Empty when everything is shown.
    truncated: dict[str, str] = field(default_factory=dict)
    # The kinds of figure the brief lists and compares, as words ("count, money and percent").
    figure_kinds: str = ""
    figure_kinds_or: str = ""

    @property
    def summary(self) -> list[str]:
        """The overview and headline findings as plain sentences."""
        return [f.text for f in self.overview + self.findings]


def fmt_number(value: float) -> str:
    """12000 -> '12,000'; 1.5e9 -> '1.5 billion'; 0.25 -> '0.25'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:,.3g} {word}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def fmt_interval(low: float, high: float) -> str:
    """An interval as words: '25,000–30,000', 'over 3,000', 'up to 12,000', '8,000'."""
    low_missing = low is None or (isinstance(low, float) and math.isnan(low))
    high_missing = high is None or (isinstance(high, float) and math.isnan(high))
    if low_missing and high_missing:
        return "unknown"
    if low_missing:
        return f"up to {fmt_number(high)}"
    if high_missing:
        return f"{fmt_number(low)} or more"
    if low == high:
        return fmt_number(low)
    return f"{fmt_number(low)}–{fmt_number(high)}"


def _pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def _counted_categories(counts: pd.Series) -> str:
    """'2 verbatim, 1 edited and 4 paraphrased passage pairs', in category order."""
    words = {"verbatim": "verbatim", "edited": "edited", "paraphrase": "paraphrased"}
    parts = [f"{int(counts[c])} {words[c]}" for c in words if counts.get(c, 0)]
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return text + f" passage pair{'s' if counts.sum() != 1 else ''}"


def _counting(row) -> str:
    """What a compared group counts, quoted; its kind when no counted noun was found (money, percent)."""
    return f"“{row.counts}”" if row.counts else f"{row.kind} figures"


def _kinds(kinds: Sequence[str], last: str = "and") -> str:
    """['count', 'money', 'percent'] -> 'count, money and percent'."""
    return kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + f" {last} " + kinds[-1]


def _claim_findings(compared: pd.DataFrame, claims: pd.DataFrame, kinds: Sequence[str],
                    anchors: dict) -> list[tuple[int, Finding]]:
    """The largest conflict between articles' figures, single-source figures, unattributed share.

    ``claims`` are the figures of the compared ``kinds``."""
    found = []
    conflicts = compared[compared.verdict == "conflict"]
    if len(conflicts):
        spread = conflicts.groupby("group").spread.first().sort_values(ascending=False, kind="stable")
        rows = conflicts[conflicts.group == spread.index[0]]
        clashing = rows[rows.conflicts_with != ""]
        named = clashing.head(MAX_NAMED)
        said = ", ".join(f"{r.doc_id} says {r.surface}" for r in named.itertuples())
        if len(clashing) > len(named):
            said += f" and {len(clashing) - len(named):,} more"
        # the named figures, topped up with the group's others in table order: all of them in a small group
        linked = set(named.index) | set(rows.index.difference(named.index)[:MAX_NAMED - len(named)])
        first = rows.iloc[0]
        found.append((PRIORITY["conflict"], Finding(
            f"Articles conflict on {_counting(first)}: {said}; across {first.articles:,} articles the "
            f"figures run from {fmt_number(first.smallest)} to {fmt_number(first.largest)}.",
            [(f"{r.doc_id}: {r.surface}", anchors[(r.doc_id, r.char_start)]) for r in rows.itertuples()
             if r.Index in linked and (r.doc_id, r.char_start) in anchors])))
    single = compared[(compared.verdict == "single source") & (compared.largest >= SMALLEST_NOTABLE)]
    for _, rows in single.groupby("group", sort=True):
        r = rows.iloc[0]
        source = "unattributed" if r.attribution == "unattributed" else f"attributed to {r.attribution}"
        found.append((PRIORITY["single source"], Finding(
            f"Only {r.doc_id} gives a figure for {_counting(r)}: {r.surface} ({source}).",
            [(f"{r.doc_id}: {r.surface}", anchors[(r.doc_id, r.char_start)])]
            if (r.doc_id, r.char_start) in anchors else [])))
    if len(claims):
        unattributed = int((claims.attribution == "unattributed").sum())
        found.append((PRIORITY["unattributed"], Finding(
            f"{unattributed:,} of {len(claims):,} {_kinds(kinds)} figures name no source.",
            [("sourcing per article", "#sourcing")])))
    return found


def _overlap_finding(overlap: pd.DataFrame) -> tuple[str, tuple[str, str] | None]:
    """The article pair with the largest share of one covered by the other, and that pair."""
    best = overlap.sort_values(["covered", "cosine", "doc_a", "doc_b"],
                               ascending=[False, False, True, True]).iloc[0]
    if best.covered == 0:
        return ("No article repeats or paraphrases the sentences of another: they share the story, "
                "not the text.", None)
    parts = [f"{_pct(best[c])} {w}" for c, w in (("cover_verbatim", "verbatim"), ("cover_edited", "edited"),
                                                  ("cover_paraphrase", "paraphrased")) if best[c] > 0]
    return (f"The strongest overlap: {_pct(best.covered)} of {best.doc_a}'s text is found again in "
            f"{best.doc_b} ({', '.join(parts)}).", (best.doc_a, best.doc_b))


def _embed_png(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _span(doc_id: str, start: int, end: int, text: str, text_start: int) -> dict:
    """A passage inside its context ``text`` (which starts at ``text_start``), cut for highlighting."""
    a, b = start - text_start, end - text_start
    return {"doc_id": doc_id, "start": int(start), "end": int(end),
            "before": text[:a], "marked": text[a:b], "after": text[b:]}


def _claim_evidence(claims: pd.DataFrame, sentences: pd.DataFrame) -> list[dict]:
    """One appendix entry per figure: its sentence with the figure marked."""
    starts = {(s.doc_id, s.sent_id): (s.char_start, s.text) for s in sentences.itertuples()}
    entries = []
    for n, c in enumerate(claims.itertuples(), start=1):
        sent_start, text = starts.get((c.doc_id, c.sent_id), (c.char_start - c.sentence.find(c.surface), c.sentence))
        detail = (f"{c.kind}, {fmt_interval(c.value_low, c.value_high)}"
                  + (f", {c.qualifier}" if c.qualifier else "") + f"; source: {c.attribution}"
                  + (f"; hedges: {c.hedges.replace(';', ', ')}" if c.hedges else ""))
        entries.append({"id": f"figure-{n}", "title": f"Figure “{c.surface}” in {c.doc_id}", "detail": detail,
                        "spans": [_span(c.doc_id, c.char_start, c.char_end, text, sent_start)],
                        "key": (c.doc_id, c.char_start)})
    return entries


def _passage_evidence(pairs: pd.DataFrame, paragraphs: pd.DataFrame, first: int) -> list[dict]:
    """One appendix entry per passage pair: both passages marked inside their paragraphs."""
    by_doc = {d: rows for d, rows in paragraphs.groupby("doc_id", sort=False)}

    def context(doc_id: str, start: int, end: int, text: str) -> dict:
        rows = by_doc.get(doc_id)
        if rows is not None:
            around = rows[(rows.char_start <= start) & (rows.char_end >= end)]
            if len(around):
                p = around.iloc[0]
                return _span(doc_id, start, end, p.text, p.char_start)
        return _span(doc_id, start, end, text, start)

    entries = []
    for n, r in enumerate(pairs.itertuples(), start=first):
        where = "inside one article" if r.doc_a == r.doc_b else "across articles"
        entries.append({
            "id": f"passage-{n}", "title": f"{r.category.capitalize()} {r.level} pair {where}",
            "detail": f"cosine {r.cosine:.2f}, shingle Jaccard {r.jaccard:.2f}"
                      + (f"; published first: {r.earlier}" if r.earlier else ""),
            "spans": [context(r.doc_a, r.start_a, r.end_a, r.text_a), context(r.doc_b, r.start_b, r.end_b, r.text_b)],
            "key": (r.doc_a, r.start_a, r.doc_b, r.start_b)})
    return entries


def _choose(tiers: Sequence[int], max_rows: int) -> list[int]:
    """Positions of the rows a table shows: the ``max_rows`` of lowest tier, ties in table order.

    The positions come back in table order, so a cut table reads in the same order as the full one.
    """
    return sorted(sorted(range(len(tiers)), key=lambda i: (tiers[i], i))[:max_rows])


def _shown_note(shown: int, total: int, noun: str, where: str) -> str:
    """'Showing 100 of 9,050 figures; all of them are in tables/claims.csv.'"""
    return f"Showing {shown:,} of {total:,} {noun}; {where}."


def _cut(rows: list[dict], tiers: Sequence[int], max_rows: int, noun: str, where: str) -> tuple[list[dict], str]:
    """``rows`` cut to ``max_rows`` by ``tiers`` (see :func:`_choose`), and the note saying so ("" if uncut)."""
    if len(rows) <= max_rows:
        return rows, ""
    return [rows[i] for i in _choose(tiers, max_rows)], _shown_note(max_rows, len(rows), noun, where)


@dataclass
class _Tables:
    """The step tables the brief reads: its only inputs besides the figures and the provenance."""

    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    pairs: pd.DataFrame
    overlap: pd.DataFrame
    calibration: pd.DataFrame
    near_duplicate_settings: dict[str, str]
    claims: pd.DataFrame
    compared: pd.DataFrame
    sourcing: pd.DataFrame
    claim_settings: dict[str, str]

    @classmethod
    def read(cls, tables_dir: str | Path) -> _Tables:
        def settings(name: str) -> dict[str, str]:
            table = read_table(tables_dir, name)
            return dict(zip(table.setting, table.value))

        return cls(
            documents=read_table(tables_dir, "documents.csv"),
            paragraphs=read_table(tables_dir, "paragraphs.csv"),
            sentences=read_table(tables_dir, "sentences.csv"),
            pairs=read_table(tables_dir, "near_duplicates.csv"),
            overlap=read_table(tables_dir, "document_overlap.csv"),
            calibration=read_table(tables_dir, "calibration.csv"),
            near_duplicate_settings=settings("near_duplicate_settings.csv"),
            claims=read_table(tables_dir, "claims.csv"),
            compared=read_table(tables_dir, "claim_comparison.csv"),
            sourcing=read_table(tables_dir, "sourcing.csv"),
            claim_settings=settings("claim_settings.csv"),
        )

    @property
    def compared_kinds(self) -> list[str]:
        """The kinds of figure step 03 compares across articles (count, money, percent)."""
        return self.claim_settings["compared_kinds"].split(";")


@dataclass
class _Section:
    """What one part of the analysis adds to the brief: headline candidates (with their rule's
    priority), lines of the corpus overview, and notes on what could not be found."""

    ranked: list[tuple[int, Finding]] = field(default_factory=list)
    overview: list[Finding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


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
    if not sorted(set(docs.outlet) - {"unknown"}):
        section.notes.append("No outlet is known for any article: add a metadata.csv (file,outlet,url,published) "
                             "beside the articles to compare outlets.")
    return section


def _one_story(overlap: pd.DataFrame) -> bool:
    """Whether every pair of articles is close enough in meaning to be one story."""
    return bool(len(overlap) and overlap.cosine.min() >= ONE_STORY_COSINE)


def _overlap_section(t: _Tables, passage_anchor: dict) -> _Section:
    """Findings on shared text: the strongest article overlap, passage pairs across and inside articles."""
    section, overlap = _Section(), t.overlap
    passages = t.pairs[t.pairs.level != "document"]
    across = passages[passages.doc_a != passages.doc_b]
    within = passages[passages.doc_a == passages.doc_b]
    if len(overlap):
        text, pair = _overlap_finding(overlap)
        links = [(f"passage pair {k[0]} / {k[2]}", a) for k, a in passage_anchor.items()
                 if pair and {k[0], k[2]} == set(pair)]
        section.ranked.append((PRIORITY["overlap"], Finding(text, links[:3] or [("overlap table", "#overlap")])))
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
    if len(across):
        first = across.iloc[0]
        section.ranked.append((PRIORITY["across"], Finding(
            "Across articles, " + _counted_categories(across.category.value_counts())
            + (" was" if len(across) == 1 else " were") + " found.",
            [("closest pair", passage_anchor[(first.doc_a, first.start_a, first.doc_b, first.start_b)])])))
    if len(within):
        per_doc = within.doc_a.value_counts()
        top_doc = sorted(per_doc[per_doc == per_doc.max()].index)[0]
        first = within.iloc[0]
        section.ranked.append((PRIORITY["within"], Finding(
            f"Inside single articles, {len(within):,} passage{'s are' if len(within) != 1 else ' is'} repeated or "
            f"restated, in {len(per_doc):,} article{'s' if len(per_doc) != 1 else ''} (most in {top_doc}: "
            f"{per_doc.max():,}).",
            [("example", passage_anchor[(first.doc_a, first.start_a, first.doc_b, first.start_b)])])))
    if not len(passages) and len(t.documents) > 1:
        section.notes.append("No passage is repeated or paraphrased, across or inside the articles.")
    return section


def _claims_section(t: _Tables, anchors: dict) -> _Section:
    """How many figures there are, and the findings on them (conflicts, single sources, sourcing)."""
    claims, section = t.claims, _Section()
    counts = claims[(claims.kind == "count") & ~claims.vague.astype(bool)]
    if len(claims):
        section.overview.append(Finding(
            f"{len(claims):,} numeric figure{'s' if len(claims) != 1 else ''} were found, {len(counts):,} of them "
            f"counts, in {claims.doc_id.nunique():,} of the {len(t.documents):,} articles.",
            [("figure table", "#claims")]))
    else:
        section.notes.append("No numeric figure was found in the article text.")
    section.ranked += _claim_findings(t.compared, claims[claims.kind.isin(t.compared_kinds)], t.compared_kinds,
                                     anchors)
    return section


def _method(t: _Tables) -> list[str]:
    """How the numbers were made, with this run's own thresholds and model, as the steps recorded them."""
    paragraphs, near = t.paragraphs, t.near_duplicate_settings
    verbatim, edited = float(near["verbatim_jaccard"]), float(near["edited_jaccard"])
    band, model = 100 * float(t.claim_settings["approximate"]), near["model"]
    chrome = paragraphs[paragraphs.kind == "chrome"]
    lines = [f"Page chrome was set aside before any analysis: {len(chrome):,} paragraphs of breadcrumbs, reading "
             f"times, newsletter and comment prompts, related-link lists and disclaimers, in "
             f"{chrome.doc_id.nunique():,} of {len(t.documents):,} articles; each is listed with its reason in "
             "notebook 01."]
    for c in t.calibration.itertuples():
        how = {"calibrated": f"{c.z:g} robust spreads above the median cosine ({c.median:.2f}) of "
                             f"{c.background_pairs:,} cross-article pairs",
               "floor": f"the floor {c.floor:.2f}, which was above the calibrated value",
               "fixed": "a fixed value set as a parameter"}[c.source]
        lines.append(f"Two {c.level}s are called a paraphrase from cosine {c.threshold:.2f} ({how}), and only when "
                     "they are closer to each other than to their other nearest passages; copies and light "
                     f"edits are called by shared word 3-shingles (Jaccard {verbatim:g} and {edited:g}).")
    lines.append("A figure is an interval: an open side stays open (\"over 3,000\" is 3,000 or more); "
                 f"\"approximately\" is read as ±{band:g}% when figures are "
                 "compared. Figures are grouped by what they count, and two articles conflict when their intervals "
                 "cannot both be true.")
    lines.append(f"Limits: one embedding model ({model}) judges meaning, so close paraphrases of the "
                 "same story can be missed or over-called; figures, sources and hedges are read by rules, not by a "
                 "reader; an article's date comes from metadata or a dateline and is unknown otherwise.")
    return lines


@dataclass
class _Shown:
    """The rows each long table of the brief shows, and the notes under the cut ones."""

    documents: list[dict]
    claims: list[dict]
    compared: list[dict]
    sourcing: list[dict]
    evidence: list[dict]
    provenance: object | None
    truncated: dict[str, str]


def _shown(t: _Tables, findings: list[Finding], rows: dict[str, list[dict]], entries: dict[str, list[dict]],
           provenance: object | None, max_rows: int) -> _Shown:
    """Cut each table that grows with the corpus to ``max_rows`` (the rules are in :func:`build_context`)."""
    notes: dict[str, str] = {}
    cited = {anchor[1:] for f in findings for _, anchor in f.links}
    compared, notes["compared"] = _cut(
        rows["compared"], [0 if r["anchor"] in cited else 1 if r["conflicts_with"] else 2 for r in rows["compared"]],
        max_rows, "compared figures", "all of them are in tables/claim_comparison.csv")
    in_compared = {r["anchor"] for r in compared}
    claims, notes["claims"] = _cut(
        rows["claims"], [0 if c["anchor"] in cited else 1 if c["anchor"] in in_compared else 2 for c in rows["claims"]],
        max_rows, f"{_kinds(t.compared_kinds)} figures", "all of them are in tables/claims.csv")
    named = ({e["key"][0] for e in entries["claims"] if e["id"] in cited}
             | {p[k] for p in rows["top_documents"] + rows["passages"] for k in ("doc_a", "doc_b")})
    documents, notes["documents"] = _cut(
        rows["documents"], [0 if d["doc_id"] in named else 1 for d in rows["documents"]],
        max_rows, "articles", "all of them are in tables/documents.csv")
    sourcing, notes["sourcing"] = _cut(
        rows["sourcing"], [-s["figures"] for s in rows["sourcing"]], max_rows,
        "articles, those with the most figures", "every figure and its source are in tables/claims.csv")
    inputs = getattr(provenance, "inputs", None)
    if dataclasses.is_dataclass(provenance) and inputs:
        files = set(t.documents[t.documents.doc_id.isin({d["doc_id"] for d in documents})].file)
        shown_inputs, notes["inputs"] = _cut(inputs, [0 if i["file"] in files else 1 for i in inputs], max_rows,
                                             "input files", "the sha256 of each is in tables/documents.csv")
        if notes["inputs"]:
            provenance = dataclasses.replace(provenance, inputs=shown_inputs)
    linked = cited | {p["anchor"] for p in rows["passages"]} | in_compared | {c["anchor"] for c in claims}
    every = entries["passages"] + entries["claims"]
    evidence = [e for e in every if e["id"] in linked]
    if len(evidence) < len(every):
        notes["evidence"] = _shown_note(len(evidence), len(every), "entries, those this brief links to",
                                        "every figure's sentence is in tables/claims.csv")
    return _Shown(documents=documents, claims=claims, compared=compared, sourcing=sourcing, evidence=evidence,
                  provenance=provenance, truncated={k: v for k, v in notes.items() if v})


def build_context(tables_dir: str | Path, figures_dir: str | Path, top_n: int = 5,
                  provenance: object | None = None, max_rows: int = MAX_ROWS) -> Brief:
    """Read the step tables and compute the brief's findings, evidence and method.

    Each table that grows with the corpus shows at most ``max_rows`` rows, chosen by these rules
    (ties, and the order the chosen rows are shown in, follow the CSV table's order):

    - compared figures: the rows the headline findings cite, then the rows that conflict with
      another article, then the others;
    - figures: the ones the headline findings cite, then the ones in the compared rows shown,
      then the others;
    - articles: the ones named by the headline findings' figures, the top article pairs and the
      closest passages, then the others;
    - sourcing: the articles with the most figures first;
    - input files (provenance): those of the articles shown, then the others.

    A cut table gets a note (in :attr:`Brief.truncated`) saying how many rows it shows and which
    CSV table holds them all. The evidence appendix keeps only the entries that a finding or a
    shown row links to, and the conflict headline names and links at most ``MAX_NAMED`` figures
    (the others are counted). With nothing cut the brief is the same as with no cap at all.

    Args:
        tables_dir: folder holding the tables of steps 01-03.
        figures_dir: folder holding the step figures (missing ones are skipped).
        top_n: how many article pairs and passage pairs of each kind to show.
        provenance: a :class:`newsbrief.provenance.Provenance` to print at the end, if any.
        max_rows: the most rows any long table of the brief shows (at least 1).
    """
    if max_rows < 1:
        raise ValueError(f"max_rows must be at least 1, not {max_rows}")
    t = _Tables.read(tables_dir)
    passages = t.pairs[t.pairs.level != "document"]
    top_passages = pd.concat([passages[passages.doc_a != passages.doc_b].head(top_n),
                              passages[passages.doc_a == passages.doc_b].head(top_n)])
    shown_claims = t.claims[t.claims.kind.isin(t.compared_kinds)]
    entries = {"claims": _claim_evidence(shown_claims, t.sentences),
               "passages": _passage_evidence(top_passages, t.paragraphs, first=1)}
    anchors = {e["key"]: f"#{e['id']}" for e in entries["claims"]}
    passage_anchor = {e["key"]: f"#{e['id']}" for e in entries["passages"]}

    sections = [_corpus_section(t), _overlap_section(t, passage_anchor), _claims_section(t, anchors)]
    ranked = [r for s in sections for r in s.ranked]
    findings = [f for _, f in sorted(ranked, key=lambda pair: pair[0])][:MAX_HEADLINES]

    rows = {
        "claims": [
            {"doc_id": c.doc_id, "surface": c.surface, "interval": fmt_interval(c.value_low, c.value_high),
             "qualifier": c.qualifier or "—", "kind": c.kind, "counted": c.counted, "sentence": c.sentence,
             "attribution": c.attribution, "hedges": c.hedges.replace(";", ", "), "anchor": e["id"]}
            for c, e in zip(shown_claims.itertuples(), entries["claims"])],
        "compared": [dict(r._asdict(), anchor=anchors.get((r.doc_id, r.char_start), "#claims")[1:],
                          interval=fmt_interval(r.value_low, r.value_high)) for r in t.compared.itertuples()],
        "top_documents": t.overlap.sort_values(["covered", "cosine", "doc_a", "doc_b"],
                                               ascending=[False, False, True, True]).head(top_n).to_dict("records"),
        "passages": [dict(p, anchor=e["id"], runs=aligned_segments(p["text_a"], p["text_b"])[:2])
                     for p, e in zip(top_passages.to_dict("records"), entries["passages"])],
        "documents": t.documents[["doc_id", "title", "outlet", "published", "words", "sentences",
                                  "flesch_reading_ease"]].to_dict("records"),
        "sourcing": t.sourcing.to_dict("records"),
    }
    shown = _shown(t, findings, rows, entries, provenance, max_rows)
    n_docs = len(t.documents)
    title = "Brief: " + (t.documents.title.iloc[0] if n_docs == 1
                         else f"{n_docs:,} articles" + (" on one story" if _one_story(t.overlap) else ""))
    figures = {name: {"src": _embed_png(Path(figures_dir) / name), "caption": caption}
               for name, caption in FIGURES if (Path(figures_dir) / name).is_file()}
    return Brief(
        title=title,
        findings=findings,
        overview=[f for s in sections for f in s.overview],
        documents=shown.documents,
        top_documents=rows["top_documents"],
        top_passages=rows["passages"],
        claims=shown.claims,
        compared=shown.compared,
        sourcing=shown.sourcing,
        method=_method(t),
        evidence=shown.evidence,
        figures=figures,
        notes=[n for s in sections for n in s.notes],
        provenance=shown.provenance,
        truncated=shown.truncated,
        figure_kinds=_kinds(t.compared_kinds),
        figure_kinds_or=_kinds(t.compared_kinds, last="or"),
    )


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()#!|<>])")


def markdown_escape(text: object) -> str:
    """Text that Markdown shows as written: no links, emphasis, tables or HTML from an article."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")


def _environment(autoescape: bool):
    from jinja2 import Environment, PackageLoader

    env = Environment(loader=PackageLoader("newsbrief", "templates"), autoescape=autoescape,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["num"] = lambda v, digits=2: "" if v is None or v != v else f"{v:.{digits}f}"
    env.filters["md"] = markdown_escape
    return env


def render_html(brief: Brief, path: str | Path) -> Path:
    """Render ``brief`` with the package's Jinja2 template (autoescaped) into ``path``, atomically."""
    html = _environment(autoescape=True).get_template("brief.html.j2").render(brief=brief)
    with replacing(path) as tmp:
        tmp.write_text(html, encoding="utf-8", newline="\n")
    return Path(path)


def render_markdown(brief: Brief, path: str | Path) -> Path:
    """Write ``brief`` as Markdown for pasting, article text escaped so it cannot add links or markup."""
    text = _environment(autoescape=False).get_template("brief.md.j2").render(brief=brief)
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)
