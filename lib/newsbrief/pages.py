"""Saved web pages: the article text and what the page says of itself, read with trafilatura.

In:  a saved page (``.html``, ``.htm``, also gzipped: ``.html.gz``, ``.htm.gz``), or a web archive
     (``.warc``, ``.warc.gz``, read with warcio: each HTML response is a page, :func:`warc_pages`).
Out: :func:`read_page`: a :class:`Page` with the main text (paragraphs a blank line apart), and the
     title, author, site name, publication date, canonical URL and language the page states, or None
     with a warning naming the file when it holds no article (an index page, a login wall).

trafilatura (with htmldate for dates and courlan for URLs) is the field's reference extractor; its
defaults are used (no comments, no tables), offline: nothing is fetched. The text the pipeline
analyses is the page's title, then its main text (:func:`article_text`); step 01 saves it under
``OUT/articles/`` so that every offset points into a file a reader can open, and the page's own sha256
stays in the provenance.
"""

from __future__ import annotations

import codecs
import gzip
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

__all__ = ["MIN_CHARS", "PAGE_SUFFIXES", "PROSE_CHARS", "WARC_SUFFIXES", "Page", "article_text", "declared_language",
           "is_page", "is_warc", "read_page", "warc_pages"]

PAGE_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
MIN_CHARS = 300  # a page with fewer characters of prose holds no article (an index page, a login wall)
PROSE_CHARS = 40  # a shorter paragraph is a link, a caption or a label, not prose (characters: any script)


@dataclass
class Page:
    """What a saved page holds: its main text and the facts its markup states (empty when it states none)."""

    text: str
    title: str = ""
    author: str = ""
    sitename: str = ""
    date: str = ""
    url: str = ""
    language: str = ""


def is_page(path: Path) -> bool:
    """Whether a file is a saved web page, by its name."""
    return path.name.lower().endswith(PAGE_SUFFIXES)


def is_warc(path: Path) -> bool:
    """Whether a file is a web archive, by its name."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def warc_pages(path: Path, sink: list[str]) -> list[tuple[int, str, bytes]]:
    """The HTML responses of a web archive as (record number, target URL, page bytes), in order.

    Other records (requests, metadata, images, JSON, and a record cut short, "unreadable") are counted in
    one warning; an archive warcio cannot go on reading is read up to there, with a warning.
    """
    from warcio.archiveiterator import ArchiveIterator

    found: list[tuple[int, str, bytes]] = []
    others: Counter[str] = Counter()
    number = 0
    with path.open("rb") as stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                kind = record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
                if record.rec_type != "response" or "html" not in kind.lower():
                    label = str(record.rec_type or "unreadable") if record.rec_type != "response" else kind
                    others[label.split(";")[0].strip() or "untyped"] += 1
                    continue
                found.append((number, record.rec_headers.get_header("WARC-Target-URI", ""),
                              record.content_stream().read()))
        except Exception as err:  # noqa: BLE001  (warcio raises many kinds on a damaged archive)
            sink.append(f"{path.name}: damaged after record {number} ({type(err).__name__}); the records before it "
                        "are read")
    if others:
        said = ", ".join(f"{n} {kind}" for kind, n in sorted(others.items()))
        sink.append(f"{path.name}: {sum(others.values())} records are not HTML pages ({said}); skipped")
    return found


def read_page(path: Path, data: bytes, sink: list[str]) -> Page | None:
    """The article of a saved page, or None (with a warning) when it holds none (``path`` names it;
    a record of a web archive is named ``FILE#RECORD``)."""
    import trafilatura
    from trafilatura.utils import load_html

    if path.name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as err:
            sink.append(f"{path.name}: not a readable gzip file ({err}); skipped")
            return None
    said: list[str] = []  # how the bytes were read, told only of a page that holds an article
    data = _decoded(path.name, data, said)
    try:
        tree = load_html(data)
        declared = declared_language(tree) if tree is not None else ""
        found = None if tree is None else trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=False)
    except Exception as err:  # noqa: BLE001  (a damaged page must not stop the corpus)
        sink.append(f"{path.name}: the page could not be read ({type(err).__name__}: {err}); skipped")
        return None
    text = (getattr(found, "text", None) or "") if found is not None else ""
    paragraphs = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    prose = sum(len(p) for p in paragraphs if len(p) >= PROSE_CHARS)
    if prose < MIN_CHARS:
        sink.append(f"{path.name}: no article found in the page ({prose} characters of prose: an index page, a "
                    "login wall or a page of links?); skipped")
        return None

    sink += said

    def fact(name: str) -> str:
        value = getattr(found, name, None)
        return " ".join(str(value).split()) if value else ""

    return Page(text="\n\n".join(paragraphs), title=fact("title"), author=fact("author"), sitename=fact("sitename"),
                date=fact("date"), url=fact("url"), language=declared)


_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _decoded(name: str, data: bytes, sink: list[str]) -> str:
    """A page's text: UTF-8 when its bytes are (or a byte-order mark says another Unicode encoding), else
    the charset its markup declares when the bytes are of it, else Windows-1252, with a warning. (A page
    that declares UTF-8 and is not is common: left to guess, the extractor read "après" as "aprčs".)"""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        try:
            return data.decode("utf-32" if data[:4] in (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE) else "utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data":  # UTF-8 up to a character cut in two: a file cut short
            sink.append(f"{name}: ends in the middle of a character (cut short?); read up to it")
            return data[:err.start].decode("utf-8-sig")
    found = _CHARSET.search(data[:8192])
    declared = found.group(1).decode("ascii").lower() if found else ""
    if declared:
        try:
            if codecs.lookup(declared).name != "utf-8":  # bytes that are not UTF-8 are not of a UTF-8 page
                return data.decode(declared)
        except (LookupError, UnicodeDecodeError):
            pass
    fallback = "cp1252"
    try:
        text = data.decode(fallback)
    except UnicodeDecodeError:
        fallback, text = "latin-1", data.decode("latin-1")
    said = f"as it declares ({declared})" if declared else "and declares no charset"
    sink.append(f"{name}: not valid UTF-8 {said}; decoded as {fallback}")
    return text


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def declared_language(tree) -> str:
    """The language a page's markup declares: ``<html lang>`` (or ``xml:lang``), else a
    ``<meta http-equiv="content-language">``, else ``og:locale``; '' when it declares none."""
    root = tree.getroottree().getroot()
    value = root.get("lang") or root.get(_XML_LANG) or ""
    if not value.strip():
        for meta in root.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language" or meta.get("property") == "og:locale":
                value = meta.get("content") or ""
                if value.strip():
                    break
    return " ".join(value.split()[:1])


def article_text(page: Page) -> str:
    """The text analysed for a page: its title on the first line (unless its text opens with it), then its
    main text."""
    first_line = page.text.split("\n", 1)[0].strip()
    return (f"{page.title}\n\n" if page.title and first_line != page.title else "") + page.text + "\n"
