"""The tables the notebooks exchange: their documented columns, and deterministic CSV I/O.

Every table a step writes is listed in :data:`SCHEMAS` with a sentence per column; writing a frame
whose columns differ from its schema is an error, so the documentation cannot drift from the data.
CSV files are UTF-8, ``\\n`` line ends, floats rounded to :data:`DECIMALS` places, and written to a
temporary file that replaces the old one only once complete.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from newsbrief.files import replacing

__all__ = ["BOOL_COLUMNS", "DECIMALS", "NUMBER_COLUMNS", "SCHEMAS", "Outputs", "describe", "outputs", "read_table", "write_table"]

DECIMALS = 4

SCHEMAS: dict[str, dict[str, str]] = {
    "documents.csv": {
        "doc_id": "article id: the file name without its suffix",
        "file": "file name in the corpus folder",
        "title": "first line of article text (page chrome skipped)",
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
    "document_similarity.csv": {
        "doc_a": "article id",
        "doc_b": "article id (every ordered pair, a != b)",
        "cosine": "cosine of the two articles' mean paragraph embeddings",
        "jaccard": "Jaccard similarity of the two articles' word-shingle sets",
        "containment": "share of doc_a's shingles that also occur in doc_b",
    },
    "near_duplicates.csv": {
        "level": "document or paragraph",
        "doc_a": "article id",
        "doc_b": "article id (equal to doc_a for a repetition inside one article)",
        "start_a": "offset of passage a in doc_a's file",
        "end_a": "end offset of passage a",
        "start_b": "offset of passage b in doc_b's file",
        "end_b": "end offset of passage b",
        "cosine": "cosine similarity of the two passages' embeddings",
        "jaccard": "Jaccard similarity of the two passages' word-shingle sets",
        "rank": "1 for the most similar pair of its level",
        "text_a": "passage a (for document rows: the title)",
        "text_b": "passage b (for document rows: the title)",
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
        "counted": "the noun phrase the figure counts, best effort",
        "sentence": "the sentence the figure is in",
    },
}


@dataclass(frozen=True)
class Outputs:
    """Where a run writes: ``root/tables``, ``root/figures``, ``root/notebooks``, ``root/brief.html``."""

    root: Path

    @property
    def tables(self) -> Path:
        return self.root / "tables"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def brief(self) -> Path:
        return self.root / "brief.html"


def outputs(out_dir: str | Path) -> Outputs:
    """The output folders under ``out_dir`` (created on first write, not here)."""
    return Outputs(Path(out_dir))


# Column names mean the same in every table; these are the non-text ones. Everything else is
# read back as text, so an id such as "001" stays "001" and an empty cell stays "".
NUMBER_COLUMNS = frozenset({
    "articles", "chars", "char_end", "char_start", "chrome_paragraphs", "chrome_share", "chrome_words",
    "containment", "cosine", "end_a", "end_b", "flesch_kincaid_grade", "flesch_reading_ease", "headings",
    "jaccard", "mean_sentence_words", "para_id", "paragraphs", "rank", "sent_id", "sentences", "start_a",
    "start_b", "value_high", "value_low", "words",
})
BOOL_COLUMNS = frozenset({"vague"})


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
