"""The language of each article, and which articles the English-only rules read.

In:  an article's text (title, headings and body: page chrome left out) and the language metadata.csv,
     an export's column or a saved page's markup (``<html lang>``) states for it.
Out: a :class:`Language` (:func:`decide`): the language used, where it came from, and what the text reads as
     (py3langid, a naive Bayes model of 140 languages shipped inside the package: offline and deterministic).

Precedence: metadata.csv, then the export's column, then the text, then the page's markup (a site's
template often declares one language for every page, whatever the article's). A text too short or too
mixed to tell (:data:`MIN_CHARS`, :data:`MIN_CONFIDENCE`) reads as unknown.

The rules that read figures, sources, quotes and warning signs, and the readability formula, are written
for English (:data:`RULES_LANGUAGE`): an article known to be in another language is left out of them,
visibly (:func:`english_only`, :func:`left_out`); near-duplicates are looked for in every article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

__all__ = ["MIN_CHARS", "MIN_CONFIDENCE", "NAMES", "RULES_LANGUAGE", "SAMPLE_CHARS", "Language", "decide", "detect",
           "english_only", "is_read", "left_out", "name", "tag"]

RULES_LANGUAGE = "en"  # the language the figure, source, quote and sign rules and the readability formula read
MIN_CHARS = 200  # less article text than this is too little to tell its language
MIN_CONFIDENCE = 0.9  # the detector's probability below which the language is unknown
SAMPLE_CHARS = 5_000  # the detector reads this much of an article's text (its opening): enough to tell

# Languages by ISO 639-1 code, with the ISO 639-2 codes and English names a tag may give instead.
NAMES = {"ar": "Arabic", "de": "German", "en": "English", "es": "Spanish", "fa": "Persian", "fr": "French",
         "he": "Hebrew", "hi": "Hindi", "id": "Indonesian", "it": "Italian", "ja": "Japanese", "ko": "Korean",
         "nl": "Dutch", "pl": "Polish", "pt": "Portuguese", "ru": "Russian", "sv": "Swedish", "tr": "Turkish",
         "uk": "Ukrainian", "zh": "Chinese"}
_OTHER_CODES = {"ara": "ar", "deu": "de", "ger": "de", "eng": "en", "spa": "es", "fas": "fa", "per": "fa",
                "fra": "fr", "fre": "fr", "heb": "he", "hin": "hi", "ind": "id", "ita": "it", "jpn": "ja",
                "kor": "ko", "nld": "nl", "dut": "nl", "pol": "pl", "por": "pt", "rus": "ru", "swe": "sv",
                "tur": "tr", "ukr": "uk", "zho": "zh", "chi": "zh"}
_BY_NAME = {n.lower(): code for code, n in NAMES.items()}
_TAG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$")


@dataclass(frozen=True)
class Language:
    """The language of one article: ``code`` ('' when unknown), where it came from (``source``:
    'metadata', 'export', 'text', 'html' or ''), and what the text reads as (``detected``, '' when it
    cannot tell, with the detector's ``confidence``; None for a text too short to try)."""

    code: str
    source: str
    detected: str
    confidence: float | None


def tag(value: str) -> str | None:
    """The ISO 639-1 code of a language tag ('en-US', 'EN_gb', 'deu', 'German' give 'en', 'en', 'de',
    'de'; 'pcm', a language without one, stays 'pcm'); '' for an empty tag; None for one not understood."""
    value = value.strip().lower()
    if not value:
        return ""
    if value in _BY_NAME:
        return _BY_NAME[value]
    found = _TAG.match(value)
    if not found:
        return None
    primary = found.group(1)
    return _OTHER_CODES.get(primary, primary)  # an ISO 639-3 code without a two-letter one stays as it is


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str) -> tuple[str, float | None]:
    """What ``text`` reads as: (ISO 639-1 code, probability), ('', probability) when the detector is
    not sure enough, ('', None) for a text shorter than :data:`MIN_CHARS`."""
    text = " ".join(text[:SAMPLE_CHARS].split())
    if len(text) < MIN_CHARS:
        return "", None
    code, probability = _identifier().classify(text)
    probability = round(float(probability), 3)
    return (code if probability >= MIN_CONFIDENCE else ""), probability


def decide(text: str, stated: dict[str, str], sink: list[str], name: str) -> Language:
    """The language of an article whose text is ``text``, given what ``stated`` says ({'metadata': tag,
    'export': tag, 'html': tag}); a tag not understood is passed over, with one warning naming the article
    (``name``) when the user stated it (metadata.csv, an export)."""
    detected, confidence = detect(text)
    codes = {}
    for source in ("metadata", "export", "html"):
        value = stated.get(source, "")
        code = tag(value)
        if code is None and source != "html":  # a page template's odd tag is passed over in silence
            sink.append(f"{name}: language '{value}' not understood (expected a code such as 'en' or 'de-AT'); "
                        "the text's language is used")
        elif code:
            codes[source] = code
    for source in ("metadata", "export"):
        if source in codes:
            return Language(codes[source], source, detected, confidence)
    if detected:
        return Language(detected, "text", detected, confidence)
    if "html" in codes:
        return Language(codes["html"], "html", detected, confidence)
    return Language("", "", detected, confidence)


def is_read(code: str) -> bool:
    """Whether the English-only rules read an article in language ``code`` (English, or unknown)."""
    return code in ("", RULES_LANGUAGE)


def name(code: str) -> str:
    """'German (de)', 'xx' for a code without a name here, 'unknown' for ''."""
    if not code:
        return "unknown"
    return f"{NAMES[code]} ({code})" if code in NAMES else code


def english_only(rows: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The rows (of any table with a ``doc_id``) of the articles the English-only rules read
    (``documents.csv``'s ``analysed_in_english``)."""
    read = set(documents.doc_id[documents.analysed_in_english.astype(bool)])
    return rows[rows.doc_id.isin(read)]


def left_out(documents: pd.DataFrame) -> pd.DataFrame:
    """The articles the English-only rules leave out, with their language and where it came from."""
    return documents.loc[~documents.analysed_in_english.astype(bool),
                         ["doc_id", "label", "language", "language_source", "language_confidence"]]
