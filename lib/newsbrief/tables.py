"""The tables the notebooks exchange: their documented columns, and deterministic CSV I/O.

Every table a step writes is listed in :data:`SCHEMAS` with a sentence per column; writing a frame
whose columns differ from its schema is an error, so the documentation cannot drift from the data.
CSV files are UTF-8, ``\\n`` line ends, floats rounded to :data:`DECIMALS` places, and written to a
temporary file that replaces the old one only once complete.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from newsbrief.files import replacing

__all__ = ["BOOL_COLUMNS", "DECIMALS", "NUMBER_COLUMNS", "SCHEMAS", "describe", "read_table", "write_table"]

DECIMALS = 4

SCHEMAS: dict[str, dict[str, str]] = {
    "documents.csv": {
        "doc_id": "article id: the file name without its suffix",
        "file": "file name in the corpus folder",
        "title": "first line of article text (page chrome skipped); if that is prose, its first sentence",
        "outlet": "outlet from metadata.csv, or 'unknown'",
        "url": "URL from metadata.csv, or empty",
        "published": "publication date (ISO), from metadata.csv or a dateline in the text; empty if unknown",
        "date_source": "'metadata', 'dateline' or empty",
        "encoding": "encoding the file was decoded with (utf-8 unless reported otherwise)",
        "sha256": "sha256 of the file's bytes",
        "chars": "characters in the decoded file",
        "words": "words of article text (title, headings, body; chrome excluded)",
        "sentences": "sentences of article text",
        "paragraphs": "body paragraphs",
        "headings": "headings and title",
        "chrome_paragraphs": "paragraphs flagged as page chrome",
        "chrome_words": "words in page chrome",
        "chrome_share": "chrome words / all words of the file",
        "mean_sentence_words": "mean words per body sentence",
        "flesch_reading_ease": "Flesch reading ease of the body (higher is easier; 60-70 is plain English)",
        "flesch_kincaid_grade": "Flesch-Kincaid US school grade of the body",
    },
    "outlets.csv": {
        "outlet": "outlet ('unknown' collects articles without metadata)",
        "articles": "number of articles",
        "words": "words of article text, summed",
        "sentences": "sentences, summed",
        "chrome_words": "words of page chrome, summed",
        "flesch_reading_ease": "mean over the outlet's articles",
        "first_published": "earliest known publication date",
        "last_published": "latest known publication date",
    },
    "paragraphs.csv": {
        "doc_id": "article id",
        "para_id": "paragraph number within the article, from 0",
        "char_start": "offset of the first character in the decoded file",
        "char_end": "offset one past the last character",
        "kind": "title, heading, body or chrome",
        "chrome_reason": "why the paragraph is page chrome (empty otherwise)",
        "words": "words in the paragraph",
        "text": "the paragraph, exactly as in the file",
    },
    "sentences.csv": {
        "doc_id": "article id",
        "para_id": "paragraph the sentence belongs to",
        "sent_id": "sentence number within the article, from 0",
        "char_start": "offset of the first character in the decoded file",
        "char_end": "offset one past the last character",
        "kind": "title, heading or body (chrome is never split into sentences)",
        "words": "words in the sentence",
        "text": "the sentence, exactly as in the file",
    },
    "document_overlap.csv": {
        "doc_a": "article id",
        "doc_b": "article id (every ordered pair a != b; for over 200 articles only pairs with a match)",
        "cover_verbatim": "share of doc_a's body text (characters) whose sentences doc_b repeats word for word",
        "cover_edited": "share of doc_a's body text that doc_b repeats with light edits",
        "cover_paraphrase": "share of doc_a's body text that doc_b paraphrases",
        "covered": "share of doc_a's body text covered by doc_b in any of the three ways",
        "cosine": "cosine of the two articles' mean sentence embeddings (semantic score)",
        "category": "verbatim, edited or paraphrase when that coverage reaches the report share; else topical",
    },
    "near_duplicates.csv": {
        "level": "document, paragraph or sentence",
        "doc_a": "article id",
        "doc_b": "article id (equal to doc_a for a repetition inside one article)",
        "start_a": "offset of passage a in doc_a's file",
        "end_a": "end offset of passage a",
        "start_b": "offset of passage b in doc_b's file",
        "end_b": "end offset of passage b",
        "cosine": "cosine similarity of the two passages' embeddings (documents: of their mean embeddings)",
        "jaccard": "Jaccard similarity of the two passages' word 3-shingle sets (empty for documents)",
        "cover_a": "share of passage a's shingles found in b (documents: share of a's text covered by b)",
        "cover_b": "share of passage b's shingles found in a (documents: share of b's text covered by a)",
        "category": "verbatim, edited or paraphrase",
        "earlier": "the article published first, when both dates are known and differ; else empty",
        "text_a": "passage a (documents: the title)",
        "text_b": "passage b (documents: the title)",
    },
    "calibration.csv": {
        "level": "sentence or paragraph",
        "background_pairs": "cross-article pairs in the background sample",
        "median": "median cosine of the background",
        "spread": "1.4826 x median absolute deviation of the background (a robust standard deviation)",
        "z": "spreads above the median a paraphrase must stand",
        "floor": "cosine below which nothing is a paraphrase at this level",
        "threshold": "the paraphrase threshold used: max(floor, median + z x spread), or the fixed value",
        "source": "calibrated, floor (the floor was higher) or fixed (set by a parameter)",
    },
    "sensitivity.csv": {
        "z": "the calibration knob",
        "level": "sentence or paragraph",
        "threshold": "paraphrase threshold at this z",
        "verbatim": "reported pairs called verbatim (all levels, across and inside articles)",
        "edited": "reported pairs called edited",
        "paraphrase": "reported pairs called paraphrase",
    },
    "near_duplicate_settings.csv": {
        "setting": "name of the setting",
        "value": "its value in this run",
        "meaning": "what it does",
    },
    "claims.csv": {
        "doc_id": "article id",
        "sent_id": "sentence the figure is in",
        "char_start": "offset of the figure (with its qualifier) in the decoded file",
        "char_end": "end offset",
        "surface": "the figure as written",
        "value_low": "lower end of the interval (empty when open, e.g. 'nearly 8,000')",
        "value_high": "upper end of the interval (empty when open, e.g. 'over 3,000')",
        "qualifier": "normalized qualifier: over, at_least, nearly, approximately, as_high_as, up_to, between, ...",
        "vague": "true for vague amounts such as 'thousands'",
        "kind": "count, money, percent, date, duration, ordinal or other",
        "unit": "currency code, '%', 'x' for multipliers, or empty",
        "counted": "the noun phrase the figure counts, best effort (a count without one takes the one before it in its sentence)",
        "attribution": "who the sentence says the figure comes from, or 'unattributed'",
        "attribution_cue": "the words that attribute it ('according to', 'reports indicate', 'said'), or empty",
        "hedges": "hedge words in the sentence (reportedly; potentially; could; ...), ';'-separated",
        "sentence": "the sentence the figure is in",
    },
    "claim_comparison.csv": {
        "group": "figures counting the same thing share a group number (1, 2, ...)",
        "counts": "what the group counts: the counted phrase most articles use",
        "verdict": "conflict (two articles' figures cannot both be true), agree, or single source",
        "articles": "articles with a figure in the group",
        "smallest": "smallest value stated in the group",
        "largest": "largest value stated in the group",
        "spread": "largest / smallest",
        "doc_id": "article id",
        "outlet": "the article's outlet, or 'unknown'",
        "surface": "the figure as written",
        "value_low": "lower end of its interval (empty when open)",
        "value_high": "upper end of its interval (empty when open)",
        "qualifier": "normalized qualifier",
        "kind": "count, money or percent",
        "unit": "currency code, '%' or empty",
        "counted": "the figure's counted phrase",
        "attribution": "who the figure is attributed to, or 'unattributed'",
        "hedges": "hedge words of its sentence",
        "single_source": "true when no other article states the same value",
        "conflicts_with": "articles of the group whose figures cannot be true together with this one",
        "char_start": "offset of the figure in the article's file",
        "char_end": "end offset",
        "sentence": "the sentence the figure is in",
    },
}


# Column names mean the same in every table; these are the non-text ones. Everything else is
# read back as text, so an id such as "001" stays "001" and an empty cell stays "".
NUMBER_COLUMNS = frozenset({
    "articles", "background_pairs", "group", "largest", "smallest", "spread", "chars", "char_end", "char_start", "chrome_paragraphs", "chrome_share",
    "chrome_words", "cosine", "cover_a", "cover_b", "cover_edited", "cover_paraphrase", "cover_verbatim",
    "covered", "edited", "end_a", "end_b", "flesch_kincaid_grade", "flesch_reading_ease", "floor",
    "headings", "jaccard", "mean_sentence_words", "median", "para_id", "paragraphs", "paraphrase",
    "sent_id", "sentences", "spread", "start_a", "start_b", "threshold", "value_high", "value_low",
    "verbatim", "words", "z",
})
BOOL_COLUMNS = frozenset({"vague", "single_source"})


def describe(name: str) -> pd.DataFrame:
    """The documented columns of table ``name`` as a two-column frame, for display."""
    return pd.DataFrame(list(SCHEMAS[name].items()), columns=["column", "meaning"])


def write_table(frame: pd.DataFrame, tables_dir: str | Path, name: str) -> Path:
    """Write ``frame`` as ``tables_dir/name``: schema-checked, rounded, atomically replaced.

    Raises:
        ValueError: the frame's columns are not exactly the documented ones, in order.
    """
    expected = list(SCHEMAS[name])
    if list(frame.columns) != expected:
        raise ValueError(f"{name}: columns {list(frame.columns)} differ from the documented {expected}")
    path = Path(tables_dir) / name
    with replacing(path) as tmp:
        frame.round(DECIMALS).to_csv(tmp, index=False, lineterminator="\n", encoding="utf-8")
    return path


def read_table(tables_dir: str | Path, name: str) -> pd.DataFrame:
    """Read a table written by :func:`write_table`: numbers as numbers (empty = NaN), text as text."""
    frame = pd.read_csv(Path(tables_dir) / name, dtype=str, keep_default_na=False, encoding="utf-8")
    for column in frame.columns:
        if column in NUMBER_COLUMNS:
            frame[column] = pd.to_numeric(frame[column].replace("", None), errors="raise")
        elif column in BOOL_COLUMNS:
            frame[column] = frame[column].map({"True": True, "False": False}).astype(bool)
    return frame
