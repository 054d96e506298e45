"""Load a folder of articles and split them into paragraphs and sentences with offsets.

In: a folder of ``.txt`` / ``.md`` articles (read in name order) and, optionally, a
``metadata.csv`` beside them with columns ``file,outlet,url,published`` (``author`` and ``language``
too, when given).
Out: a :class:`Corpus` of :class:`Document` objects whose paragraphs and sentences carry
character offsets into the decoded original file (``doc.text[p.char_start:p.char_end] == p.text``),
plus three tidy tables (:func:`documents_table`, :func:`paragraphs_table`, :func:`sentences_table`).

Problems with single files (empty, binary, not UTF-8, too large, only page chrome, a bad metadata
row) are one line each in ``Corpus.warnings``, naming the file; the other articles are still
loaded. (They are not Python warnings: those print the library's source path, and the notebook
and the step runner show these lines instead.) Problems that leave nothing to analyse (missing
folder, no articles) raise :class:`CorpusError`.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from newsbrief import exports, language, pages
from newsbrief.card import HEAD_PARAGRAPHS, Stated, byline, site
from newsbrief.chrome import chrome_reasons
from newsbrief.labels import UNKNOWN_OUTLET, article_labels
from newsbrief.cluster import Engine
from newsbrief.tables import frame
from newsbrief.text import LONG_PARAGRAPH, count_words, find_date, split_sentences, unseen, visible

__all__ = [
    "MAX_ARTICLE_BYTES",
    "ARTICLES",
    "ARTICLE_SUFFIXES",
    "Corpus",
    "CorpusError",
    "Document",
    "Paragraph",
    "Sentence",
    "article_texts",
    "decode",
    "documents_table",
    "load_corpus",
    "paragraphs_table",
    "sentences_table",
    "split_paragraphs",
]

ARTICLE_SUFFIXES = (".md", ".txt")
UNKNOWN = UNKNOWN_OUTLET  # an outlet metadata.csv does not name
_FALLBACK_ENCODINGS = ("cp1252", "latin-1")  # latin-1 decodes any byte string


class CorpusError(ValueError):
    """Nothing can be analysed: the folder is missing or holds no readable article."""


MAX_ARTICLE_BYTES = 1_000_000  # default size limit of one article file (an export may hold 100 times as much)
ARTICLES = "articles"  # the folder of the output folder where the texts of export rows and saved pages go
EXPORT_TIMES = 100  # an export or a web archive may be this many times max_article_kb (many articles)
PAGE_TIMES = 20  # a saved page may be this many times max_article_kb (markup, scripts and styles around its text)
# What metadata.csv may state of an article, beside its file name; its values win over an export's
# columns and a page's markup.
METADATA_FIELDS = ("outlet", "url", "published", "author", "language")


@dataclass(frozen=True)
class Paragraph:
    """A block of text; ``kind`` is title, heading, body or chrome (then ``chrome_reason`` says why)."""

    doc_id: str
    para_id: int
    char_start: int
    char_end: int
    kind: str
    chrome_reason: str
    text: str


@dataclass(frozen=True)
class Sentence:
    """A sentence of a non-chrome paragraph; ``sent_id`` counts from 0 within its article."""

    doc_id: str
    para_id: int
    sent_id: int
    char_start: int
    char_end: int
    kind: str
    text: str


@dataclass
class Document:
    """One article: its decoded text, where it came from, and its segmentation."""

    doc_id: str
    file: str
    text: str
    encoding: str
    sha256: str
    title: str = ""
    outlet: str = UNKNOWN
    url: str = ""
    published: str = ""  # ISO date, or "" when unknown
    published_source: str = ""  # "metadata", "export", "page" (a dateline above the article text) or ""
    outlet_source: str = ""  # "metadata", "export" or "" (unknown)
    author_source: str = ""  # "metadata", "export", "page" (a byline) or ""
    text_file: str = ""  # for an export row: where its text is saved under OUT (articles/<id>.txt)
    published_span: tuple[int, int] | None = None  # the dateline's offsets, when the page states it
    author: Stated | None = None  # as the page's byline states it
    language: language.Language = language.Language("", "", "", None)  # stated, or read off the text
    site: Stated | None = None  # as the page states it (a site line, the headline's suffix)
    paragraphs: list[Paragraph] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Corpus:
    """The loaded articles plus every warning raised while loading them."""

    directory: str
    documents: list[Document]
    warnings: list[str] = field(default_factory=list)


def _warn(sink: list[str], message: str) -> None:
    sink.append(message)


# Byte-order marks that name an encoding other than UTF-8 (UTF-32's before UTF-16's: FF FE 00 00
# starts with FF FE).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def bom_encoding(data: bytes) -> str | None:
    """``utf-16`` or ``utf-32`` when ``data`` opens with that encoding's byte-order mark, else None."""
    return next((encoding for bom, encoding in _BOMS if data.startswith(bom)), None)


def decode(data: bytes) -> tuple[str, str]:
    """Decode an article's bytes: UTF-16 or UTF-32 when a byte-order mark says so, else UTF-8 (with
    or without BOM), else Windows-1252, else Latin-1.

    Returns:
        The text and the name of the encoding that was used.
    """
    marked = bom_encoding(data)
    if marked:
        try:
            return data.decode(marked), marked
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    for encoding in _FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def _looks_binary(data: bytes) -> bool:
    """Binary: a NUL byte in a file that is not UTF-8, or control bytes above 1% of the first 8 KB (a
    UTF-8 text with a few stray NULs is damaged text: read, its NULs replaced by spaces)."""
    sample = data[:8192]
    if b"\x00" in sample:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(8, len(sample) // 100)


# --- paragraphs -------------------------------------------------------------------------------

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")", "…")


def split_paragraphs(text: str, markdown: bool = False) -> list[tuple[int, int]]:
    """Split text into paragraph spans ``(start, end)`` with surrounding white space trimmed.

    A blank line always ends a paragraph. A single line break ends one too, unless it looks like
    a hard wrap inside a sentence: the line does not end with sentence punctuation and the next
    line starts in lower case. In Markdown, ``#`` headings and list items stand alone and the
    heading marks are left out of the span.
    """
    spans: list[tuple[int, int]] = []
    start: int | None = None
    end = 0
    prev_line = ""
    pos = 0
    for match in _LINE.finditer(text):
        raw = match.group(0)
        if not raw:
            break
        line = raw.rstrip("\r\n")
        line_start, pos = pos, pos + len(raw)
        stripped = line.strip()
        if not stripped:
            if start is not None:
                spans.append((start, end))
                start = None
            prev_line = ""
            continue
        lead = len(line) - len(line.lstrip())
        if markdown and _MD_HEADING.match(line):
            lead = _MD_HEADING.match(line).end()
        hard_wrap = (
            start is not None
            and not prev_line.rstrip().endswith(_TERMINAL)
            and stripped[0].islower()
            and not (markdown and (_MD_HEADING.match(line) or _MD_ITEM.match(line)))
        )
        if start is not None and not hard_wrap:
            spans.append((start, end))
            start = None
        if start is None:
            start = line_start + lead
        end = line_start + len(line.rstrip())
        prev_line = line
        if markdown and _MD_HEADING.match(line):
            spans.append((start, end))
            start = None
            prev_line = ""
    if start is not None:
        spans.append((start, end))
    return [(s, e) for s, e in spans if e > s]


def _read_metadata(path: Path, sink: list[str]) -> dict[str, dict[str, str]]:
    """Rows of metadata.csv keyed by file name; malformed rows are reported and skipped."""
    rows: dict[str, dict[str, str]] = {}
    try:
        text, _ = decode(path.read_bytes())
    except OSError as err:
        _warn(sink, f"{path.name}: cannot be read ({err.strerror}); articles get no metadata")
        return rows
    reader = csv.DictReader(text.splitlines())
    if not reader.fieldnames or "file" not in [f.strip() for f in reader.fieldnames]:
        _warn(sink, f"{path.name}: no 'file' column in the header (expected file,outlet,url,published); ignored")
        return rows
    first_line: dict[str, int] = {}
    for line_no, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items() if isinstance(k, str)}
        name = row.get("file", "")
        if not name or None in raw or None in raw.values():
            _warn(sink, f"{path.name} line {line_no}: malformed row (needs file,outlet,url,published); skipped")
            continue
        if name in first_line:
            _warn(sink, f"{path.name} line {line_no}: a second row for '{name}' (the first is on line "
                        f"{first_line[name]}); skipped, the first is used")
            continue
        first_line[name] = line_no
        published = row.get("published", "")
        if published:
            parsed = find_date(published)
            if parsed is None:
                _warn(sink, f"{path.name} line {line_no}: date '{published}' not understood; ignored")
            row["published"] = parsed.isoformat() if parsed else ""
        rows[name] = row
    return rows


# --- documents --------------------------------------------------------------------------------


def _segment(doc: Document, markdown: bool) -> None:
    spans = split_paragraphs(doc.text, markdown=markdown)
    texts = [doc.text[s:e] for s, e in spans]
    reasons = chrome_reasons(texts)
    title_seen = False
    sent_id = 0
    for para_id, ((start, end), text, reason) in enumerate(zip(spans, texts, reasons)):
        if reason:
            kind = "chrome"
        elif not title_seen and _is_heading(text):
            kind, title_seen = "title", True
            doc.title = text
        elif not title_seen:  # the text opens with prose: a one-line headline with a full stop, or no headline
            kind, title_seen = "body", True
            sentences = split_sentences(text)
            if len(sentences) == 1 and count_words(text) <= _HEADLINE_WORDS:
                doc.title = text[sentences[0][0]:sentences[0][1]]
            # else a lede or a summary of several sentences opens the text: it has no headline, and
            # its first sentence is not one ("North Korea's troop deployment marks a critical shift ...")
        elif _is_heading(text):
            kind = "heading"
        else:
            kind = "body"
        doc.paragraphs.append(Paragraph(doc.doc_id, para_id, start, end, kind, reason, text))
        if kind == "chrome":
            continue
        for s, e in split_sentences(text) if kind == "body" else [(0, len(text))]:
            doc.sentences.append(Sentence(doc.doc_id, para_id, sent_id, start + s, start + e, kind, text[s:e]))
            sent_id += 1
    if not title_seen and texts:
        doc.title = texts[0]


_DATELINE_WORDS = 12
# The longest headline, in words; a heading is no longer either (_is_heading).
_HEADLINE_WORDS = 20


def _is_heading(text: str) -> bool:
    """Short and without closing punctuation (a question of up to 20 words counts as a heading)."""
    n_words = count_words(text)
    stripped = text.rstrip()
    if stripped.endswith("?"):
        return n_words <= _HEADLINE_WORDS
    return n_words <= _HEADLINE_WORDS and not stripped.endswith((".", "!", '"', "”", "…", ";", ","))


def _read_limited(path: Path, sink: list[str], limit: int, what: str, advice: str) -> bytes | None:
    """The bytes of a corpus file, or None with one warning when it is over ``limit`` bytes ("above the
    1 MB limit for one WHAT; skipped (ADVICE)") or cannot be read."""
    try:
        size = path.stat().st_size
        if size > limit:
            _warn(sink, f"{path.name}: {size / 1e6:.1f} MB, above the {limit / 1e6:g} MB limit for one {what}; "
                        f"skipped ({advice})")
            return None
        return path.read_bytes()
    except OSError as err:
        _warn(sink, f"{path.name}: cannot be read ({err.strerror}); skipped")
        return None


def load_document(path: Path, sink: list[str], metadata: dict[str, str] | None = None,
                  max_bytes: int = MAX_ARTICLE_BYTES, doc_id: str | None = None) -> Document | None:
    """Read, decode and segment one article; ``None`` (with a warning) when it cannot be used."""
    data = _read_limited(path, sink, max_bytes, "article (a book or a dump, not an article?)",
                         "raise max_article_kb to include it")
    if data is None:
        return None
    if not data.strip():
        _warn(sink, f"{path.name}: empty file; skipped")
        return None
    if bom_encoding(data) is None and _looks_binary(data):
        _warn(sink, f"{path.name}: binary data, not text; skipped")
        return None
    text, encoding = decode(data)
    if encoding not in ("utf-8", bom_encoding(data)):
        _warn(sink, f"{path.name}: not valid UTF-8; decoded as {encoding}")
    return _document(doc_id or path.stem, path.name, text, encoding, hashlib.sha256(data).hexdigest(), sink,
                     metadata or {}, markdown=path.suffix.lower() == ".md")


def _document(doc_id: str, name: str, text: str, encoding: str, sha256: str, sink: list[str],
              meta: dict[str, str], markdown: bool = False, source: str = "metadata",
              text_file: str = "") -> Document:
    """An article from its decoded text: segmented, with its card (``meta``: outlet, url, published,
    author, from ``source``, "metadata" for metadata.csv or "export" for an export's columns)."""
    hidden = unseen(text)
    if hidden:
        kinds = ", ".join(sorted({f"U+{ord(c):04X}" for c in hidden})[:5])
        _warn(sink, f"{name}: {len(hidden)} control or bidirectional formatting characters ({kinds}) "
                    "replaced by spaces")
        text = visible(text)
    doc = Document(doc_id=doc_id, file=name, text=text, encoding=encoding, sha256=sha256, text_file=text_file)
    _segment(doc, markdown=markdown)
    long = [p.char_end - p.char_start for p in doc.paragraphs
            if p.kind == "body" and p.char_end - p.char_start > LONG_PARAGRAPH]
    if long:
        _warn(sink, f"{name}: {len(long)} paragraph(s) of more than {LONG_PARAGRAPH:,} characters (the longest "
                    f"{max(long):,}) split into sentences by punctuation alone (a text without line breaks?)")
    doc.outlet = meta.get("outlet") or UNKNOWN
    doc.outlet_source = meta.get("outlet_source", source) if meta.get("outlet") else ""
    doc.url = meta.get("url", "")
    if meta.get("published"):
        doc.published, doc.published_source = meta["published"], meta.get("published_source", source)
    first_body = next((k for k, p in enumerate(doc.paragraphs) if p.kind == "body"), len(doc.paragraphs))
    if not meta.get("published"):
        # A dateline is a short line above the article text (chrome, a byline, the line under the
        # headline), never a date mentioned in the text: only lines before the first body paragraph.
        for p in doc.paragraphs[:min(first_body, 6)]:
            found = find_date(p.text) if p.kind == "chrome" or count_words(p.text) <= _DATELINE_WORDS else None
            if found:
                doc.published, doc.published_source = found.isoformat(), "page"
                doc.published_span = (p.char_start, p.char_end)
                break
    # The page's own byline and site line (metadata.csv's outlet stays the outlet): in the lines above
    # the article text, and in the page chrome among its first lines (a site line under a lede).
    head = [(p.char_start, p.text) for k, p in enumerate(doc.paragraphs[:HEAD_PARAGRAPHS])
            if k < first_body or p.kind == "chrome"]
    title = next(((p.char_start, p.text) for p in doc.paragraphs[:first_body] if p.kind == "title"), None)
    doc.author, doc.site = byline(head), site(head, title)
    doc.author_source = "page" if doc.author else ""
    if meta.get("author"):  # the export's (or metadata's) author wins over the page's byline
        doc.author, doc.author_source = Stated(meta["author"], None, None), meta.get("author_source", source)
    stated = {meta.get("language_source", source): meta["language"]} if meta.get("language") else {}
    doc.language = language.decide(" ".join(s.text for s in doc.sentences), stated, sink, name)
    if not any(p.kind == "body" for p in doc.paragraphs):
        _warn(sink, f"{name}: no article text left after removing page chrome")
    return doc


def _export_documents(path: Path, sink: list[str], metadata: dict[str, dict[str, str]],
                      columns: dict[str, str], max_bytes: int) -> list[Document]:
    """The articles of one export file, one per row with text (:mod:`newsbrief.exports`). A row is known
    as ``FILE#ROW`` (also in metadata.csv, whose values win over the export's columns) and by the id
    ``STEM-ROW``; its text is saved by step 01 as ``articles/<id>.txt`` in the output folder."""
    data = _read_limited(path, sink, max_bytes * EXPORT_TIMES, "export", "split it, or raise max_article_kb")
    if data is None:
        return []
    sha256 = hashlib.sha256(data).hexdigest()
    rows = exports.read_export(path, sink, columns)
    width = len(str(max((r.number for r in rows), default=0)))
    documents = []
    for row in rows:
        name = f"{path.name}#{row.number}"
        doc_id = f"{path.stem}-{row.number:0{width}d}"
        meta = {k: row.get(k) for k in ("outlet", "url", "published", "author", "language") if row.get(k)}
        if meta.get("published"):
            day = find_date(meta["published"])
            meta["published"] = day.isoformat() if day else ""
            if not day:
                _warn(sink, f"{name}: date '{row.get('published')}' not understood; left empty")
        for key, value in metadata.get(name, {}).items():  # metadata.csv wins
            if value and key in METADATA_FIELDS:
                meta[key], meta[f"{key}_source"] = value, "metadata"
        documents.append(_document(doc_id, name, exports.article_text(row), "utf-8", sha256, sink, meta,
                                   source="export", text_file=f"{ARTICLES}/{doc_id}.txt"))
    return documents


def _page_document(path: Path, sink: list[str], metadata: dict[str, str] | None, max_bytes: int,
                   doc_id: str) -> Document | None:
    """The article of a saved web page (:mod:`newsbrief.pages`): its title and main text, saved by step 01
    as ``articles/<id>.txt``; outlet, author, date and URL as the page's markup states them, where
    metadata.csv names none. None (with a warning) for a page without an article."""
    data = _read_limited(path, sink, max_bytes * PAGE_TIMES, "saved page", "raise max_article_kb to include it")
    if data is None:
        return None
    return _page_article(path.name, data, hashlib.sha256(data).hexdigest(), sink, metadata, doc_id)


def _page_article(name: str, data: bytes, sha256: str, sink: list[str], metadata: dict[str, str] | None,
                  doc_id: str, url: str = "") -> Document | None:
    """The article of one page's bytes (a file's, or a web archive's record, whose URL is ``url``)."""
    page = pages.read_page(Path(name), data, sink)
    if page is None:
        return None
    meta = {"outlet": page.sitename, "url": page.url or url, "author": page.author, "language": page.language}
    day = find_date(page.date) if page.date else None
    meta["published"] = day.isoformat() if day else ""
    for key, value in (metadata or {}).items():  # metadata.csv wins
        if value and key in METADATA_FIELDS:
            meta[key], meta[f"{key}_source"] = value, "metadata"
    meta = {k: v for k, v in meta.items() if v}
    return _document(doc_id, name, pages.article_text(page), "utf-8", sha256, sink, meta, source="html",
                     text_file=f"{ARTICLES}/{doc_id}.txt")


def _warc_documents(path: Path, sink: list[str], metadata: dict[str, dict[str, str]],
                    max_bytes: int) -> list[Document]:
    """The articles of a web archive, one per HTML response with an article: known as ``FILE#RECORD``
    (also in metadata.csv) with the id ``STEM-RECORD``; the archive's sha256 is each one's."""
    data = _read_limited(path, sink, max_bytes * EXPORT_TIMES, "archive", "split it, or raise max_article_kb")
    if data is None:
        return []
    sha256 = hashlib.sha256(data).hexdigest()
    records = pages.warc_pages(path, sink)
    stem = re.sub(r"\.warc(\.gz)?$", "", path.name, flags=re.I)
    width = len(str(max((n for n, _, _ in records), default=0)))
    return [d for number, url, data in records
            if (d := _page_article(f"{path.name}#{number}", data, sha256, sink, metadata.get(f"{path.name}#{number}"),
                                   f"{stem}-{number:0{width}d}", url)) is not None]


def article_texts(corpus: Corpus) -> list[tuple[str, str]]:
    """(path under the output folder, text) of every article that is not a file of the corpus (an
    export's rows, a saved page's text): step 01 saves them, so every offset points into a file a
    reader can open."""
    return [(d.text_file, d.text) for d in corpus.documents if d.text_file]


def _load_job(job: tuple, metadata: dict[str, dict[str, str]], columns: dict[str, str],
              max_bytes: int) -> tuple[list[Document], list[str]]:
    """The articles of one corpus file and the warnings reading it gave: ``job`` is (kind, path, its
    metadata.csv row, its id), kind one of export, archive, text, page."""
    kind, path, meta, doc_id = job
    sink: list[str] = []
    if kind == "export":
        found = _export_documents(path, sink, metadata, columns, max_bytes)
    elif kind == "archive":
        found = _warc_documents(path, sink, metadata, max_bytes)
    else:
        read = load_document if kind == "text" else _page_document
        one = read(path, sink, meta, max_bytes, doc_id=doc_id)
        found = [one] if one is not None else []
    return found, sink


def load_corpus(corpus_dir: str | Path, max_article_kb: int = MAX_ARTICLE_BYTES // 1000, columns: str = "",
                engine: Engine | None = None) -> Corpus:
    """Load every ``.txt`` and ``.md`` article in ``corpus_dir`` (not recursive), every saved web page
    (``.html``, ``.htm``, gzipped too: :mod:`newsbrief.pages`), every HTML page of every web archive
    (``.warc``, ``.warc.gz``) and every row of every ``.jsonl`` and ``.csv`` export (``corpus_dir`` may also
    be one such file, with the ``metadata.csv`` beside it)
    (:mod:`newsbrief.exports`; ``columns`` maps column names it does not know, "text=story_body;title=hed"):
    the text files in name order, then the pages, then the archives' pages, then the exports' rows. Each
    file is read by one job of ``engine`` (:mod:`newsbrief.cluster`; default: here, one after the other).

    A file above ``max_article_kb`` kilobytes is skipped with a warning: news articles are 2-100 KB,
    and one multi-megabyte file would take most of the run's time in the embedding step.

    Raises:
        CorpusError: the folder does not exist, or holds no article that could be read.
    """
    given = Path(corpus_dir)
    single = given.is_file()  # one export, archive, page or article file: read as a folder of that file
    folder = given.parent if single else given
    if not folder.is_dir():
        raise CorpusError(
            f"corpus folder '{corpus_dir}' does not exist: point it at a folder of .txt/.md articles "
            "(make report CORPUS=path/to/articles)"
        )
    sink: list[str] = []
    candidates = sorted((p for p in ([given] if single else folder.iterdir())
                         if (p.suffix.lower() in ARTICLE_SUFFIXES or p.suffix.lower() in exports.EXPORT_SUFFIXES
                             or pages.is_page(p) or pages.is_warc(p))
                         and p.name != "metadata.csv" and not p.name.startswith(".")), key=lambda p: p.name)
    for link in (p for p in candidates if p.is_symlink()):  # its target may be anything, anywhere
        _warn(sink, f"{link.name}: a symbolic link; skipped (only files in the corpus folder are read)")
    files = [p for p in candidates if p.is_file() and not p.is_symlink()]
    paths = [p for p in files if p.suffix.lower() in ARTICLE_SUFFIXES]
    exported = [p for p in files if p.suffix.lower() in exports.EXPORT_SUFFIXES]
    saved = [p for p in files if pages.is_page(p)]
    archives = [p for p in files if pages.is_warc(p)]
    if not files:
        raise CorpusError(
            f"corpus folder '{corpus_dir}' has no .txt or .md articles, no saved .html page, no .warc archive and no "
            ".jsonl or .csv export: add some, or point CORPUS= at another folder"
        )
    meta_path = folder / "metadata.csv"
    metadata = _read_metadata(meta_path, sink) if meta_path.is_file() else {}
    stems = Counter(p.stem for p in paths)  # a.txt beside a.md: each is known by its file name
    page_ids = {p: re.sub(r"\.(html?)(\.gz)?$", "", p.name, flags=re.I) for p in saved}
    stems.update(page_ids.values())
    # One job per file, each reading nothing but its file: the engine may run them anywhere, in any order
    # (by absolute path: a worker of a cluster has a working directory of its own).
    jobs = ([("export", p.absolute(), None, "") for p in exported]
            + [("archive", p.absolute(), None, "") for p in archives]
            + [("text", p.absolute(), metadata.get(p.name), p.stem if stems[p.stem] == 1 else p.name) for p in paths]
            + [("page", p.absolute(), metadata.get(p.name), page_ids[p] if stems[page_ids[p]] == 1 else p.name)
               for p in saved])
    done = (engine or Engine()).map(_load_job, jobs, metadata, exports.parse_columns(columns), max_article_kb * 1000,
                                    label="reading articles", unit="file")
    bundles = len(exported) + len(archives)  # the files of many articles: their warnings come first
    for _, found in done[:bundles]:
        sink += found
    from_exports = [d for found, _ in done[:len(exported)] for d in found]
    from_archives = [d for found, _ in done[len(exported):bundles] for d in found]
    known = {p.name for p in paths} | {p.name for p in saved} | {d.file for d in from_exports + from_archives}
    for name in sorted(set(metadata) - known) if not single else []:  # beside one file, it may describe others
        _warn(sink, f"metadata.csv names '{name}', which is not an article in the folder; ignored")
    for _, found in done[bundles:]:
        sink += found
    documents = [d for found, _ in done[bundles:] for d in found]
    taken = {d.doc_id for d in documents}
    for d in from_archives + from_exports:  # an id a file has ("news-1.txt" beside news.jsonl's row 1): the row's name
        if d.doc_id in taken:
            d.doc_id = d.file
        taken.add(d.doc_id)
    documents += from_archives + from_exports
    if not documents:
        raise CorpusError(f"corpus folder '{corpus_dir}' has no readable article: " + "; ".join(sink[:3])
                          + (f"; and {len(sink) - 3} more" if len(sink) > 3 else ""))
    if not any(p.kind == "body" for d in documents for p in d.paragraphs):
        raise CorpusError(f"corpus folder '{corpus_dir}' has no article text: every paragraph of its "
                          f"{len(documents)} file(s) is page chrome (menus, subscription prompts, links), "
                          "so there is nothing to analyse")
    return Corpus(directory=str(corpus_dir), documents=documents, warnings=sink)


# --- tables -----------------------------------------------------------------------------------

def paragraphs_table(corpus: Corpus) -> pd.DataFrame:
    """One row per paragraph, chrome included (``kind == "chrome"`` with its ``chrome_reason``)."""
    return frame("paragraphs.csv", (
        {"doc_id": p.doc_id, "para_id": p.para_id, "char_start": p.char_start, "char_end": p.char_end,
         "kind": p.kind, "chrome_reason": p.chrome_reason, "words": count_words(p.text), "text": p.text}
        for d in corpus.documents for p in d.paragraphs))


def sentences_table(corpus: Corpus) -> pd.DataFrame:
    """One row per sentence of the title, headings and body (chrome left out)."""
    return frame("sentences.csv", (
        {"doc_id": s.doc_id, "para_id": s.para_id, "sent_id": s.sent_id, "char_start": s.char_start,
         "char_end": s.char_end, "kind": s.kind, "words": count_words(s.text), "text": s.text}
        for d in corpus.documents for s in d.sentences))


def documents_table(corpus: Corpus) -> pd.DataFrame:
    """One row per article: where it came from (file, sha256, encoding, outlet, url, published), and
    the label a reader knows it by (:func:`newsbrief.labels.article_labels`)."""
    labels = article_labels((d.outlet if d.outlet != UNKNOWN or d.site is None else d.site.text, d.title,
                             next((s.text for s in d.sentences if s.kind == "body"), "")) for d in corpus.documents)
    return frame("documents.csv", (
        {
            "doc_id": d.doc_id, "label": label, "file": d.file, "title": d.title, "outlet": d.outlet, "url": d.url,
            "published": d.published, "published_source": d.published_source,
            "outlet_source": d.outlet_source, "author_source": d.author_source, "text_file": d.text_file,
            "published_start": d.published_span[0] if d.published_span else None,
            "published_end": d.published_span[1] if d.published_span else None,
            "author": d.author.text if d.author else "",
            "author_start": d.author.char_start if d.author else None,
            "author_end": d.author.char_end if d.author else None,
            "site": d.site.text if d.site else "",
            "site_start": d.site.char_start if d.site else None,
            "site_end": d.site.char_end if d.site else None,
            "language": d.language.code, "language_source": d.language.source,
            "language_detected": d.language.detected, "language_confidence": d.language.confidence,
            "analysed_in_english": language.is_read(d.language.code),
            "encoding": d.encoding,
            "sha256": d.sha256, "chars": len(d.text),
        }
        for d, label in zip(corpus.documents, labels)))
