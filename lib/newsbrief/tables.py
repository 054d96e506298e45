"""The tables the notebooks exchange: their documented, typed columns, and deterministic CSV I/O.

Every table a step writes is listed in :data:`SCHEMAS` with a type and a sentence per column;
writing a frame whose columns differ from its schema is an error, so the documentation cannot drift
from the data. The schema is also what types a table: :func:`frame` builds one from records and
:func:`read_table` reads one back with the same column types (an id such as "001" stays text).
CSV files are UTF-8, ``\\n`` line ends, floats rounded to :data:`DECIMALS` places, and written to a
temporary file that replaces the old one only once complete.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from newsbrief.files import replacing

__all__ = ["Column", "DECIMALS", "RESTATED", "SCHEMAS", "SHARED_FACT", "describe", "frame", "read_table", "write_table"]

DECIMALS = 4
# The categories of near_duplicates.csv: passages that restate each other (the same words, light
# edits, other words), and passages of two articles that share a specific fact while one says more.
RESTATED = ("verbatim", "edited", "paraphrase")
SHARED_FACT = "shared fact"


class Column(NamedTuple):
    """One documented column: its type (``text``, ``integer``, ``number`` or ``boolean``) and meaning."""

    type: str
    meaning: str


def text(meaning: str) -> Column:
    return Column("text", meaning)


def integer(meaning: str) -> Column:
    return Column("integer", meaning)


def offset(meaning: str) -> Column:
    """An offset into an article's file that may be missing (the page does not state the fact): empty then."""
    return Column("offset", meaning)


def number(meaning: str) -> Column:
    return Column("number", meaning)


def boolean(meaning: str) -> Column:
    return Column("boolean", meaning)


# pandas dtypes a frame is built with, by column type: the same as read_table reads back.
_DTYPES = {"text": "str", "integer": "int64", "number": "float64", "boolean": "bool", "offset": "Int64"}

# A step's settings as it ran them: the brief states thresholds and the model from these tables.
_SETTINGS = {
    "setting": text("name of the setting"),
    "value": text("its value in this run"),
    "meaning": text("what it does"),
}

SCHEMAS: dict[str, dict[str, Column]] = {
    "documents.csv": {
        "doc_id": text("article id: the file name without its suffix; for a row of an export, the export's name "
                       "without its suffix and the row number ('news-07')"),
        "label": text("what the brief and the charts call the article: its outlet when known, else its letter "
                      "(A, B, … in id order), then its headline shortened"),
        "file": text("file name in the corpus folder; for a row of an export, FILE#ROW ('news.jsonl#7')"),
        "text_file": text("for a row of an export or a saved web page, where its text is saved under the output "
                          "folder (articles/<doc_id>.txt): every offset of the article points into it; empty when "
                          "the text is the corpus file itself"),
        "title": text("the headline: first line of article text (page chrome skipped), a one-sentence line included; "
                      "empty when the text opens with a lede or summary of several sentences"),
        "outlet": text("outlet from metadata.csv or an export's column, or 'unknown'"),
        "url": text("URL from metadata.csv or an export's column, or empty"),
        "outlet_source": text("where the outlet comes from: 'metadata' (metadata.csv), 'export' (the export's "
                              "column), 'html' (a saved page's markup: its site name) or empty"),
        "published": text("publication date (ISO), from metadata.csv, an export's column or a dateline in the text; "
                          "empty if unknown"),
        "published_source": text("where the date comes from: 'metadata' (metadata.csv), 'export' (the export's "
                                 "column), 'html' (a saved page's markup), 'page' (a dateline above the article "
                                 "text) or empty"),
        "published_start": offset("offset of the dateline in the file (empty unless published_source is 'page')"),
        "published_end": offset("end offset of the dateline"),
        "author": text("the author as an export's column or the page's byline names them (By …, by … 53 views); "
                       "empty when neither does"),
        "author_start": offset("offset of the author's name in the file"),
        "author_end": offset("end offset of the author's name"),
        "author_source": text("where the author comes from: 'metadata' (metadata.csv), 'export' (the export's "
                              "column) or 'html' (a saved page's markup), any of which wins over 'page' (a byline, "
                              "with its offsets), or empty"),
        "site": text("the site as the page names itself (a line that is a domain, the headline's suffix after a "
                     "dash); empty when it does not: never guessed"),
        "site_start": offset("offset of the site's name in the file"),
        "site_end": offset("end offset of the site's name"),
        "language": text("the article's language (ISO 639-1 code): from metadata.csv, an export's column, what its text "
                         "reads as, or a saved page's markup, in that order; empty when unknown"),
        "language_source": text("where the language comes from: 'metadata', 'export', 'text' (read off the article "
                                "text), 'html' (the page's markup) or empty"),
        "language_detected": text("what the article text reads as (py3langid), whatever is stated; empty when the text "
                                  "is too short or the detector is unsure"),
        "language_confidence": number("the detector's probability for its language (empty for a text too short to "
                                      "try)"),
        "analysed_in_english": boolean("whether the English-only rules read the article (figures, sources, quotes, "
                                       "warning signs, readability): its language is English or unknown"),
        "encoding": text("encoding the file was decoded with (utf-8 unless reported otherwise)"),
        "sha256": text("sha256 of the file's bytes (for a row of an export, the export file's)"),
        "chars": integer("characters in the decoded file"),
        "words": integer("words of article text (title, headings, body; chrome excluded)"),
        "sentences": integer("sentences of article text"),
        "paragraphs": integer("body paragraphs"),
        "headings": integer("headings and title"),
        "chrome_paragraphs": integer("paragraphs flagged as page chrome"),
        "chrome_words": integer("words in page chrome"),
        "chrome_share": number("chrome words / all words of the file"),
        "mean_sentence_words": number("mean words per body sentence"),
        "flesch_reading_ease": number("Flesch reading ease of the body (higher is easier; 60-70 is plain English); "
                                      "empty for an article not in English"),
        "flesch_kincaid_grade": number("Flesch-Kincaid US school grade of the body; empty for an article not in "
                                       "English"),
    },
    "outlets.csv": {
        "outlet": text("outlet ('unknown' collects articles without metadata)"),
        "articles": integer("number of articles"),
        "words": integer("words of article text, summed"),
        "sentences": integer("sentences, summed"),
        "chrome_words": integer("words of page chrome, summed"),
        "flesch_reading_ease": number("mean over the outlet's articles"),
        "first_published": text("earliest known publication date"),
        "last_published": text("latest known publication date"),
    },
    "paragraphs.csv": {
        "doc_id": text("article id"),
        "para_id": integer("paragraph number within the article, from 0"),
        "char_start": integer("offset of the first character in the decoded file"),
        "char_end": integer("offset one past the last character"),
        "kind": text("title, heading, body or chrome"),
        "chrome_reason": text("why the paragraph is page chrome (empty otherwise)"),
        "words": integer("words in the paragraph"),
        "text": text("the paragraph, exactly as in the file"),
    },
    "sentences.csv": {
        "doc_id": text("article id"),
        "para_id": integer("paragraph the sentence belongs to"),
        "sent_id": integer("sentence number within the article, from 0"),
        "char_start": integer("offset of the first character in the decoded file"),
        "char_end": integer("offset one past the last character"),
        "kind": text("title, heading or body (chrome is never split into sentences)"),
        "words": integer("words in the sentence"),
        "text": text("the sentence, exactly as in the file"),
    },
    "document_overlap.csv": {
        "doc_a": text("article id"),
        "doc_b": text("article id (every ordered pair a != b; for over 200 articles only pairs with a match)"),
        "cover_verbatim": number("share of doc_a's body text (characters) whose sentences doc_b repeats word for word"),
        "cover_edited": number("share of doc_a's body text that doc_b repeats with light edits"),
        "cover_paraphrase": number("share of doc_a's body text that doc_b paraphrases"),
        "covered": number("share of doc_a's body text covered by doc_b in any of the three ways"),
        "cosine": number("cosine of the two articles' mean sentence embeddings (semantic score)"),
        "category": text("verbatim, edited or paraphrase when that coverage reaches the report share; else topical"),
    },
    "stories.csv": {
        "doc_id": text("article id"),
        "story": integer("the article's story, numbered from 1 by size (largest first)"),
        "label": text("the story's most distinctive content words"),
        "articles": integer("articles in the story"),
        "cohesion": number("the article's mean embedding cosine to the other articles of its story (empty when alone)"),
    },
    "story_calibration.csv": {
        "similarity": number("cosine similarity level the article clustering was cut at"),
        "stories": integer("stories at that level"),
        "silhouette": number("mean silhouette of that grouping (empty for one story or one article each)"),
        "chosen": boolean("whether this level gave the stories"),
    },
    "near_duplicates.csv": {
        "level": text("document, paragraph or sentence"),
        "doc_a": text("article id"),
        "doc_b": text("article id (equal to doc_a for a repetition inside one article)"),
        "start_a": integer("offset of passage a in doc_a's file"),
        "end_a": integer("end offset of passage a"),
        "start_b": integer("offset of passage b in doc_b's file"),
        "end_b": integer("end offset of passage b"),
        "cosine": number("cosine similarity of the two sentences' embeddings (paragraphs and documents: of their "
                         "mean sentence embeddings)"),
        "jaccard": number("Jaccard similarity of the two passages' word 3-shingle sets (empty for documents)"),
        "cover_a": number("sentences: share of a's shingles found in b; paragraphs and documents: share of a's "
                          "sentence text that b restates"),
        "cover_b": number("sentences: share of b's shingles found in a; paragraphs and documents: share of b's "
                          "sentence text that a restates"),
        "category": text(f"{', '.join(RESTATED)} (the passages restate each other), or {SHARED_FACT} (two "
                         "articles' passages share a specific fact while one says more)"),
        "facts": text("the facts behind the call: what both passages state, figures only one states, and dates or "
                      "names that differ (empty for documents, titles and headings)"),
        "z_from": number("the lowest calibration z at which the pair keeps its call (empty: any lower z too)"),
        "z_to": number("the highest calibration z at which the pair keeps its call (empty: any higher z too); "
                       "paragraph and article pairs hold up to the lowest of their sentence pairs"),
        "earlier": text("the article published first, when both dates are known and differ; else empty"),
        "text_a": text("passage a (documents: the title)"),
        "text_b": text("passage b (documents: the title)"),
    },
    "boilerplate.csv": {
        "text": text("the sentence, as its first occurrence has it"),
        "articles": integer("how many articles carry it word for word (case aside)"),
        "doc_id": text("the article of its first occurrence (articles in id order)"),
        "char_start": integer("offset of that occurrence in the article's file"),
        "char_end": integer("end offset of that occurrence"),
        "doc_ids": text("every article that carries it, ';'-joined"),
    },
    "calibration.csv": {
        "level": text("sentence (paragraphs are called from their sentences)"),
        "neighbour": integer("the background is each passage's cosine to its neighbour-th nearest passage in "
                             "another article"),
        "background": integer("how many passages form the background"),
        "median": number("median cosine of the background"),
        "spread": number("1.4826 x median absolute deviation of the background (a robust standard deviation)"),
        "z": number("spreads above the median a paraphrase must stand"),
        "floor": number("cosine below which nothing is a paraphrase"),
        "threshold": number("the paraphrase threshold used: max(floor, median + z x spread), or the fixed value"),
        "source": text("calibrated, floor (the floor was higher than the calibrated value) or fixed (a parameter)"),
        "vetoed": integer("pairs whose wording or cosine matched but whose facts differ, so not called restated"),
    },
    "sensitivity.csv": {
        "z": number("the calibration knob"),
        "level": text("sentence or paragraph"),
        "threshold": number("paraphrase threshold at this z"),
        "verbatim": integer("reported pairs called verbatim (across and inside articles)"),
        "edited": integer("reported pairs called edited"),
        "paraphrase": integer("reported pairs called paraphrase"),
        "shared fact": integer("reported pairs called shared fact"),
    },
    "near_duplicate_settings.csv": _SETTINGS,
    "claims.csv": {
        "doc_id": text("article id"),
        "sent_id": integer("sentence the figure is in"),
        "char_start": integer("offset of the figure (with its qualifier) in the decoded file"),
        "char_end": integer("end offset"),
        "surface": text("the figure as written"),
        "value_low": number("lower end of the interval: 'nearly 8,000' 7,200 (the approximate band below), 'approximately 12,000' 10,800; empty when open ('as high as 12,000')"),
        "value_high": number("upper end of the interval: 'nearly 8,000' 8,000, 'approximately 12,000' 13,200 (the band above); empty when open ('over 3,000')"),
        "qualifier": text("normalized qualifier: nearly (just under X), approximately (X ± the approximate band), over/at_least (X to open), as_high_as/up_to/under (open to X), between, ..."),
        "vague": boolean("true for vague amounts such as 'thousands'"),
        "kind": text("count, money, percent, date, duration, ordinal, other, or forecast (a prediction of when something happens, 'as soon as next week': no interval)"),
        "unit": text("currency code, '%', 'x' for multipliers, or empty"),
        "counted": text("the noun phrase the figure counts, best effort (a count without one takes the one before it in its sentence); for a forecast, the predicted event ('join combat operations')"),
        "scope": text("the words that say which group or state is counted, as written, ';'-separated: group modifiers and the verb of the figure's clause ('poised to enter the war', 'killed or injured; initial deployment'), or empty"),
        "time_words": text("the words of the figure's clause (else of an earlier clause of its sentence) that date it, as written ('this past week', 'Earlier in the year'), or empty; for a forecast, its surface"),
        "attribution": text("who the figure's clause says it comes from (else an earlier clause, a later one, a paragraph-opening 'According to X,'), 'reports' for 'reportedly' and unnamed reports, or 'unattributed'"),
        "attribution_cue": text("the words that attribute it ('according to', 'reports indicate', 'said', 'reportedly'), or empty"),
        "hedges": text("hedge words of the figure's clause (reportedly; potentially; could; ...), ';'-separated"),
        "forecast": text("forecast cues of the figure's clause that make it a prediction (poised to; expected to; will; as soon as; ...), ';'-separated, or empty"),
        "sentence": text("the sentence the figure is in"),
        "source_key": text("the source's key in sources.csv ('us official', a person's surname), where two ways of "
                           "writing one source meet; empty when unattributed"),
        "source_kind": text("person, government, intelligence, military, media, expert, organization or anonymous; "
                            "empty when unattributed"),
    },
    "claim_comparison.csv": {
        "group": integer("figures of one story that count the same thing in the same scope share a group number "
                         "(1, 2, ...); only they are compared"),
        "story": integer("the figure's story (stories.csv): figures are compared only within one"),
        "thing": integer("figures that count the same thing, in any scope, share a thing number (1, 2, ...)"),
        "counts": text("what the thing is: the counted phrase most articles use"),
        "scope": text("the group's scope classes, ';'-joined (total, additional, dead, injured, captured, "
                      "front, present, initial; or the first word of scope words of no class); empty when its figures name none"),
        "verdict": text("conflict, unresolved, update, agree, different scope or single source, against the other "
                        "articles' figures (see newsbrief.comparison)"),
        "reason": text("why the figure has its verdict, in words"),
        "articles": integer("articles with a figure in the group"),
        "independent_sources": integer("named sources behind the group's figures that cannot be one another: the same "
                                       "person, or sources naming the same place or body ('US officials', 'American "
                                       "intelligence'), may be one; unnamed ones ('reports', 'analysts') add none"),
        "smallest": number("smallest end of the group's intervals (an approximate figure's band included)"),
        "largest": number("largest end of the group's intervals (an approximate figure's band included)"),
        "spread": number("largest / smallest"),
        "doc_id": text("article id"),
        "outlet": text("the article's outlet, or 'unknown'"),
        "surface": text("the figure as written"),
        "value_low": number("lower end of its interval (empty when open)"),
        "value_high": number("upper end of its interval (empty when open)"),
        "qualifier": text("normalized qualifier"),
        "kind": text("count, money or percent"),
        "unit": text("currency code, '%' or empty"),
        "counted": text("the figure's counted phrase"),
        "scope_words": text("the figure's scope words as written (claims.csv's scope)"),
        "time_label": text("when the figure holds, with the words that say so ('2024-10-19 to 2024-10-26 (this "
                           "past week)', 'undated')"),
        "time_basis": text("what that period rests on: stated date, relative to article date, article date, "
                           "relative, article date unknown, or undated"),
        "period_start": text("first day the figure holds (ISO), empty when unknown"),
        "period_end": text("last day the figure holds (ISO), empty when unknown"),
        "attribution": text("who the figure is attributed to, or 'unattributed'"),
        "source_key": text("the source's key (claims.csv), empty when unattributed"),
        "hedges": text("hedge words of its clause"),
        "forecast": text("forecast words of its clause ('poised to', 'expected to'), or empty"),
        "single_source": boolean("true when no other article states the same interval"),
        "conflicts_with": text("articles of the group whose figures cannot hold with this one in the same period"),
        "updates": text("articles of the group whose figure differs from this one at another time, with the "
                        "direction of the change"),
        "char_start": integer("offset of the figure in the article's file"),
        "char_end": integer("end offset"),
        "sentence": text("the sentence the figure is in"),
    },
    "forecasts.csv": {
        "doc_id": text("article id"),
        "outlet": text("the article's outlet, or 'unknown'"),
        "event": text("what is predicted to happen, as written"),
        "surface": text("when, as written ('as soon as next week')"),
        "window_label": text("the days the prediction points to, with its words, or why they are unknown"),
        "time_basis": text("what the window rests on (as time_basis in claim_comparison.csv)"),
        "window_start": text("first day of the window (ISO), empty when unknown"),
        "window_end": text("last day of the window (ISO), empty when unknown"),
        "attribution": text("who makes the prediction, or 'unattributed'"),
        "hedges": text("hedge words of its clause"),
        "forecast": text("the forecast words ('as soon as', 'expected to')"),
        "char_start": integer("offset of the time expression in the article's file"),
        "char_end": integer("end offset"),
        "sentence": text("the sentence the forecast is in"),
    },
    "sourcing.csv": {
        "doc_id": text("article id (articles with at least one count, money or percent figure)"),
        "figures": integer("count, money and percent figures in the article (the kinds compared and shown in the brief)"),
        "attributed": number("share of those figures whose sentence names a source (attribution is not 'unattributed')"),
        "hedged": number("share of those figures whose sentence has a hedge word ('reportedly', 'could', ...)"),
    },
    "claim_settings.csv": _SETTINGS,
    "sources.csv": {
        "doc_id": text("article id"),
        "sent_id": integer("sentence the attribution is in"),
        "char_start": integer("offset of the attribution (source and cue) in the article's file"),
        "char_end": integer("end offset"),
        "source": text("the source as written ('U.S. defense officials', 'Kirby', 'he')"),
        "resolved": text("the source as the article names it in full: a person's full name ('John Kirby' for "
                         "'Kirby', the person last named for 'he'), else as written"),
        "source_key": text("the key two ways of writing one source meet under: a person's surname, else the places "
                           "and bodies named and the head noun ('us official' for 'U.S. defense officials' and 'US officials')"),
        "source_kind": text("person, government, intelligence, military, media, expert, organization or anonymous"),
        "role": text("the role the article gives the source ('National Security Council spokesman', 'founder of the "
                     "Eurasia Group'), or empty"),
        "cue": text("the words that attribute ('said', 'according to', 'reports indicate', 'noted'), case-folded"),
    },
    "quotes.csv": {
        "doc_id": text("article id"),
        "sent_id": integer("sentence the quote opens in"),
        "char_start": integer("offset of the quoted words (inside the quote marks) in the article's file"),
        "char_end": integer("end offset"),
        "speaker": text("who says it, as the article names them in full ('John Kirby' for 'Kirby'), or empty when "
                        "the article does not say"),
        "speaker_key": text("the speaker's key (as source_key in sources.csv), or empty"),
        "role": text("the speaker's role as the article gives it, or empty"),
        "quote": text("the quoted words"),
        "cue": text("the verb or phrase that attributes them ('said', 'remarked', 'according to'), or empty"),
        "found_by": text("how the speaker was found: after (the quote), before (it, in its sentence), sentence (another "
                         "attribution of the sentence), continued (a quote split by its attribution), previous "
                         "sentence, subject (of the sentence), or empty"),
        "elsewhere": text("whether the speaker is quoted in another article: same (words), different (words) or none"),
        "elsewhere_in": text("the other articles quoting the speaker (those with the same words when any), ';'-joined"),
    },
    "signals.csv": {
        "doc_id": text("article id"),
        "signal": text("the warning sign, one of newsbrief.voices.RULES: writing prompt, template label, user "
                       "submitted, generated image, unplaced expert, table of contents, restating FAQ, borrowed "
                       "headline, no named source, figures without a named source"),
        "char_start": integer("offset of the words that show it in the article's file (for a sign of the whole "
                              "article, its first sentence or figure)"),
        "char_end": integer("end offset"),
        "evidence": text("those words, shortened, or what was counted"),
        "rule": text("the documented rule that sets the sign off"),
    },
}


def describe(name: str) -> pd.DataFrame:
    """The documented columns of table ``name`` as a two-column frame, for display."""
    return pd.DataFrame([(column, spec.meaning) for column, spec in SCHEMAS[name].items()],
                        columns=["column", "meaning"])


def frame(name: str, records: Iterable[Mapping[str, object]]) -> pd.DataFrame:
    """Table ``name`` built from ``records`` (dicts by column), typed by its schema.

    The frame has the schema's columns that the records hold, in schema order (a step may build
    the first columns of a table and another add the rest); with no records, every column, empty.

    Raises:
        KeyError: a record names a column the schema does not document.
    """
    schema = SCHEMAS[name]
    records = list(records)
    if records:
        unknown = [key for key in records[0] if key not in schema]
        if unknown:
            raise KeyError(f"{name}: {unknown} not documented in SCHEMAS")
    columns = [c for c in schema if not records or c in records[0]]
    return pd.DataFrame({c: pd.Series([r[c] for r in records], dtype=_DTYPES[schema[c].type]) for c in columns},
                        columns=columns)


def write_table(frame: pd.DataFrame, tables_dir: str | Path, name: str) -> Path:
    """Write ``frame`` as ``tables_dir/name``: schema-checked, rounded, atomically replaced.

    Raises:
        ValueError: the frame's columns are not exactly the documented ones, in order.
    """
    expected = list(SCHEMAS[name])
    if list(frame.columns) != expected:
        raise ValueError(f"{name}: columns {list(frame.columns)} differ from the documented {expected}")
    path = Path(tables_dir) / name
    texts = [c for c in expected if SCHEMAS[name][c].type == "text"]
    safe = frame.round(DECIMALS).assign(**{c: frame[c].map(_neutralised) for c in texts})
    with replacing(path) as tmp:
        safe.to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8")
    return path


# A text cell a spreadsheet would run as a formula starts with one of these (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _neutralised(value: object) -> object:
    """A text cell as a spreadsheet shows it, never runs it: a cell starting with a formula character,
    or with the quote this adds, gets a leading "'" (OWASP); :func:`read_table` takes it off again."""
    if isinstance(value, str) and value.startswith((*_FORMULA_START, "'")):
        return "'" + value
    return value


def _restored(value: str) -> str:
    """A text cell as it was before :func:`_neutralised`."""
    return value[1:] if value.startswith("'") else value


def read_table(tables_dir: str | Path, name: str) -> pd.DataFrame:
    """Read a table written by :func:`write_table`, typed by its schema: numbers as numbers (an empty
    integer or number is NaN), booleans as booleans, text as text (empty stays "")."""
    table = pd.read_csv(Path(tables_dir) / name, dtype=str, keep_default_na=False, encoding="utf-8")
    schema = SCHEMAS[name]
    for column in table.columns:
        kind = schema[column].type if column in schema else "text"
        if kind in ("integer", "number", "offset"):
            table[column] = pd.to_numeric(table[column].replace("", None), errors="raise")
        elif kind == "boolean":
            table[column] = table[column].map({"True": True, "False": False}).astype(bool)
        else:
            table[column] = table[column].map(_restored)
    return table
