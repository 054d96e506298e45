"""The brief's method section: how the numbers were made, with this run's own thresholds and model.

In:  :class:`~newsbrief.brief.inputs._Tables` (the calibration and the settings tables).
Out: the method's sentences, every number in them read from what the steps recorded.
"""

from __future__ import annotations

from newsbrief.brief.formatting import _pct
from newsbrief.brief.inputs import _Tables
from newsbrief.text import ordinal

__all__ = ["_method"]


def _clip(text: str, length: int = 90) -> str:
    """``text`` cut at a word before ``length`` characters, with "…" when cut."""
    return text if len(text) <= length else text[:length].rsplit(" ", 1)[0] + "…"


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
    if len(t.boilerplate):
        top = t.boilerplate.iloc[0]
        lines.append(f"{len(t.boilerplate):,} sentence{'s are' if len(t.boilerplate) != 1 else ' is'} boilerplate, "
                     f"carried word for word by {int(near['boilerplate_articles']):,} articles or more as a small "
                     f"part of most of them (under {float(near['boilerplate_share']):.0%} of the body's words; the "
                     f"most common, in {top.articles:,} articles: “{_clip(top.text)}”): each is listed once in "
                     "boilerplate.csv and set aside before the comparison, so it is neither a finding nor a "
                     "neighbour. A sentence that is most of most of its articles belongs to a syndicated copy and "
                     "is compared as usual.")
    shared_cosine = float(near["shared_cosine"])
    for c in t.calibration.itertuples():
        background = (f"the cosines of {c.background:,} passages to their {ordinal(c.neighbour)}-nearest passage in "
                      f"another article (median {c.median:.2f})")
        how = {"calibrated": f"{c.z:g} robust spreads above {background}",
               "floor": f"the floor: {c.z:g} robust spreads above {background} gave only "
                        f"{c.median + c.z * c.spread:.2f}" if c.background else "the floor: too few passages to "
                                                                                 "calibrate on",
               "fixed": "a fixed value set as a parameter"}[c.source]
        lines.append(f"Two sentences are called a paraphrase from cosine {c.threshold:.2f} ({how}), and only when "
                     "they are closer to each other than to their other nearest passages; copies and light "
                     f"edits are called by shared word 3-shingles (Jaccard {verbatim:g} and {edited:g}). Paragraphs "
                     f"are called from their sentences: a pair is reported when at least "
                     f"{_pct(float(near['paragraph_cover']))} of each is restated in the other.")
        lines.append("Restating also needs the facts to agree: no figure stated by one passage only, no different "
                     f"dates, and a name in common when both name someone; {c.vetoed:,} pair"
                     f"{'s' if c.vetoed != 1 else ''} whose wording or meaning matched failed this and "
                     f"{'were' if c.vetoed != 1 else 'was'} not reported. Passages of two articles with cosine "
                     f"{shared_cosine:.2f} or more that share a specific fact (the same figure with the same name, or "
                     "the same quote) while one says more are reported as a shared fact: a lead to a common source, "
                     "not a copy.")
    lines.append("A figure is an interval: an open side stays open (\"over 3,000\" is 3,000 or more); "
                 f"\"approximately\" is read as ±{band:g}% and \"nearly\" as the {band:g}% just under the number. "
                 "Figures are compared only when they count the same thing in the same scope (a total, an additional "
                 "number, the dead and the injured are different groups), and each holds in a period: its "
                 "article's date moved by its own time words (\"this past week\", \"earlier in the year\"). Two "
                 "articles conflict when their intervals cannot both be true in the same period; a difference "
                 "between periods is an update, and where a date is unknown the brief says so instead of choosing.")
    lines.append(f"Limits: one embedding model ({model}) judges meaning, so close paraphrases of the "
                 "same story can be missed or over-called; figures, sources and hedges are read by rules, not by a "
                 "reader; an article's date comes from metadata or a dateline and is unknown otherwise.")
    return lines
