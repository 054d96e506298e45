"""The analytical brief: findings computed from the step tables, rendered as one HTML file.

In: the ``tables/`` and ``figures/`` folders written by notebooks 01-03 (nothing else).
Out: a context of computed findings (:func:`build_context`) and ``brief.html``
(:func:`render_html`): self-contained, images embedded, every article string escaped by the
template engine, no code and no typed-in sentence about any particular corpus.
"""

from __future__ import annotations

import base64
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from newsbrief.files import replacing
from newsbrief.tables import read_table

__all__ = ["Brief", "build_context", "fmt_number", "fmt_interval", "render_html"]

FIGURES = [
    ("article_lengths.png", "Length of each article after removing page chrome"),
    ("readability.png", "Sentence length and readability per article"),
    ("coverage_heatmap.png", "Share of each article's text found again in another article"),
    ("similarity_heatmap.png", "Article x article semantic similarity"),
    ("calibration.png", "Pair cosines against the calibrated paraphrase thresholds"),
    ("claim_comparison.png", "Figures that count the same thing, compared across articles"),
    ("claims_by_article.png", "Count figures claimed, per article"),
]

# Mean-embedding cosine above which two articles are taken to be on the same story.
ONE_STORY_COSINE = 0.8
# Single-source findings leave out small counts ("two nations"): they name things, they claim little.
SMALLEST_NOTABLE = 10


@dataclass
class Brief:
    """Everything the template shows; each string is computed from the tables."""

    title: str
    summary: list[str]
    documents: list[dict]
    top_documents: list[dict]
    top_passages: list[dict]
    claims: list[dict]
    figures: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


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


def _claim_findings(compared: pd.DataFrame, claims: pd.DataFrame) -> list[str]:
    """The largest conflict between articles' figures, single-source figures, unattributed share."""
    lines = []
    conflicts = compared[compared.verdict == "conflict"]
    if len(conflicts):
        spread = conflicts.groupby("group").spread.first().sort_values(ascending=False, kind="stable")
        rows = conflicts[conflicts.group == spread.index[0]]
        clashing = rows[rows.conflicts_with != ""]
        said = ", ".join(f"{r.doc_id} says {r.surface}" for r in clashing.itertuples())
        first = rows.iloc[0]
        lines.append(f"Articles conflict on “{first.counts}”: {said}; across {first.articles} articles the "
                     f"figures run from {fmt_number(first.smallest)} to {fmt_number(first.largest)}.")
    single = compared[(compared.verdict == "single source") & (compared.largest >= SMALLEST_NOTABLE)]
    for group, rows in single.groupby("group", sort=True):
        r = rows.iloc[0]
        source = "unattributed" if r.attribution == "unattributed" else f"attributed to {r.attribution}"
        lines.append(f"Only {r.doc_id} gives a figure for “{r.counts}”: {r.surface} ({source}).")
    figures = claims[claims.kind.isin(["count", "money", "percent"])]
    if len(figures):
        unattributed = int((figures.attribution == "unattributed").sum())
        lines.append(f"{unattributed} of {len(figures)} count, money and percent figures name no source.")
    return lines


def _overlap_finding(overlap: pd.DataFrame) -> str:
    """The article pair with the largest share of one covered by the other, said in words."""
    best = overlap.sort_values(["covered", "cosine", "doc_a", "doc_b"],
                               ascending=[False, False, True, True]).iloc[0]
    if best.covered == 0:
        return ("No article repeats or paraphrases the sentences of another: they share the story, "
                "not the text.")
    parts = [f"{_pct(best[c])} {w}" for c, w in (("cover_verbatim", "verbatim"), ("cover_edited", "edited"),
                                                  ("cover_paraphrase", "paraphrased")) if best[c] > 0]
    return (f"The strongest overlap: {_pct(best.covered)} of {best.doc_a}'s text is found again in "
            f"{best.doc_b} ({', '.join(parts)}).")


def _embed_png(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def build_context(tables_dir: str | Path, figures_dir: str | Path, top_n: int = 5) -> Brief:
    """Read the step tables and compute the brief's findings.

    Args:
        tables_dir: folder holding documents.csv, document_overlap.csv, near_duplicates.csv, claims.csv,
            claim_comparison.csv.
        figures_dir: folder holding the step figures (missing ones are skipped).
        top_n: how many article pairs, passage pairs and figures to show.
    """
    docs = read_table(tables_dir, "documents.csv")
    dups = read_table(tables_dir, "near_duplicates.csv")
    claims = read_table(tables_dir, "claims.csv")
    n_docs = len(docs)
    summary: list[str] = []
    notes: list[str] = []

    words, chrome = int(docs.words.sum()), int(docs.chrome_words.sum())
    dated = docs[docs.published != ""].published
    outlets = sorted(set(docs.outlet) - {"unknown"})
    line = (f"The corpus holds {n_docs} article{'s' if n_docs != 1 else ''} with {words:,} words of article "
            f"text; {chrome:,} words of page chrome were set aside.")
    if len(dated) == 1:
        line += f" One article has a known publication date, {dated.iloc[0]}."
    elif len(dated):
        line += (f" {len(dated)} articles have a known publication date, from {dated.min()} "
                 f"to {dated.max()}.")
    summary.append(line)
    if not outlets:
        notes.append("No outlet is known for any article: add a metadata.csv (file,outlet,url,published) "
                     "beside the articles to compare outlets.")

    overlap = read_table(tables_dir, "document_overlap.csv")
    if len(overlap):
        summary.append(_overlap_finding(overlap))
        cosines = overlap.cosine
        if cosines.min() >= ONE_STORY_COSINE:
            summary.append(f"Every pair of articles has a semantic similarity of at least {cosines.min():.2f}: "
                           "they tell one story, so similarity alone does not mark copying; the overlap above "
                           "counts only passages matched one to one.")
        else:
            summary.append(f"Semantic similarity between articles ranges from {cosines.min():.2f} to "
                           f"{cosines.max():.2f}.")
    else:
        notes.append("With a single article there are no article pairs to compare.")
    passages = dups[dups.level != "document"]
    across = passages[passages.doc_a != passages.doc_b]
    within = passages[passages.doc_a == passages.doc_b]
    if len(across):
        by_category = across.category.value_counts()
        summary.append("Across articles, " + _counted_categories(by_category)
                       + (" was" if len(across) == 1 else " were") + " found.")
    if len(within):
        per_doc = within.doc_a.value_counts()
        top_doc = sorted(per_doc[per_doc == per_doc.max()].index)[0]
        summary.append(
            f"Inside single articles, {len(within)} passage{'s are' if len(within) != 1 else ' is'} repeated or "
            f"restated, in {len(per_doc)} article{'s' if len(per_doc) != 1 else ''} (most in {top_doc}: "
            f"{per_doc.max()}).")
    top_documents = overlap.sort_values(["covered", "cosine", "doc_a", "doc_b"],
                                        ascending=[False, False, True, True]).head(top_n)
    top_passages = pd.concat([across.head(top_n), within.head(top_n)])

    counts = claims[(claims.kind == "count") & ~claims.vague.astype(bool)]
    if len(claims):
        summary.append(
            f"{len(claims)} numeric figure{'s' if len(claims) != 1 else ''} were found, {len(counts)} of them "
            f"counts, in {claims.doc_id.nunique()} of the {n_docs} articles.")
    else:
        notes.append("No numeric figure was found in the article text.")
    summary += _claim_findings(read_table(tables_dir, "claim_comparison.csv"), claims)

    figures = [{"src": _embed_png(Path(figures_dir) / name), "caption": caption}
               for name, caption in FIGURES if (Path(figures_dir) / name).is_file()]
    claim_rows = [
        {"doc_id": c.doc_id, "surface": c.surface, "interval": fmt_interval(c.value_low, c.value_high),
         "qualifier": c.qualifier or "—", "kind": c.kind, "counted": c.counted, "sentence": c.sentence,
         "attribution": c.attribution, "hedges": c.hedges.replace(";", ", ")}
        for c in claims[claims.kind.isin(["count", "money", "percent"])].itertuples()
    ]
    title = "Brief: " + (docs.title.iloc[0] if n_docs == 1 else f"{n_docs} articles on one story")
    return Brief(
        title=title,
        summary=summary,
        documents=docs[["doc_id", "title", "outlet", "published", "words", "sentences",
                        "flesch_reading_ease"]].to_dict("records"),
        top_documents=top_documents.to_dict("records"),
        top_passages=top_passages.to_dict("records"),
        claims=claim_rows,
        figures=figures,
        notes=notes,
    )


def render_html(brief: Brief, path: str | Path) -> Path:
    """Render ``brief`` with the package's Jinja2 template (autoescaped) into ``path``, atomically."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("newsbrief", "templates"),
                      autoescape=select_autoescape(["html", "j2"], default=True),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["num"] = lambda v, digits=2: "" if v is None or v != v else f"{v:.{digits}f}"
    html = env.get_template("brief.html.j2").render(brief=brief)
    with replacing(path) as tmp:
        tmp.write_text(html, encoding="utf-8", newline="\n")
    return Path(path)
