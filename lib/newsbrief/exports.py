"""Articles as news tools export them: one article per row of a JSON Lines, CSV or Parquet file.

In:  an export file (``.jsonl``, ``.csv``, ``.parquet``) and, optionally, a mapping of its column names.
Out: :func:`read_export`: one :class:`Row` per article (its row number, text, title, url, published,
     outlet, author, language) and a warning per problem; :func:`article_text`: the text the pipeline
     analyses for a row (its title, then its text), which step 01 saves under ``OUT/articles/`` so
     that every offset of every table points into a file a reader can open.

Column names: :data:`COLUMNS` lists, per field, the names the usual tools give it (Media Cloud,
news-please, GDELT-derived pulls, a newsroom's archive), matched without regard to case; in each row
the first of them that holds a value wins. Other names are mapped without code by the step 01 parameter ``columns``
(``"text=story_body;title=hed"``, see :func:`parse_columns`). A row without text is reported (one
line per file, naming the rows) and skipped; a row that is not valid JSON, likewise. Text holding HTML
(``<p>``, ``<br>``) is turned into plain paragraphs, with a warning.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

__all__ = ["COLUMNS", "EXPORT_SUFFIXES", "Row", "article_text", "parse_columns", "read_export"]

EXPORT_SUFFIXES = (".jsonl", ".csv", ".parquet")
# Per field, the column names the usual export tools use, in order of preference (case-insensitive).
COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "maintext", "article", "full_text", "story_text"),
    "title": ("title", "headline"),
    "url": ("url", "link", "canonical_url", "source_url"),
    "published": ("published", "date", "publish_date", "date_publish", "publication_date", "pub_date", "seendate"),
    "outlet": ("outlet", "source", "media_name", "source_name", "sitename", "site_name", "publisher",
               "source_domain", "domain"),
    "author": ("author", "authors", "byline", "creator"),
    "language": ("language", "lang"),
}
_TAG = re.compile(r"<\s*/?\s*(?:p|br|div|span|a|b|i|em|strong|h[1-6]|li|ul|ol|blockquote|figure|img)\b[^>]*>",
                  re.IGNORECASE)
_BLOCKS = frozenset({"p", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figure", "tr"})


@dataclass
class Row:
    """One article of an export: its 1-based row number and its fields (empty when absent)."""

    number: int
    fields: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str:
        return self.fields.get(name, "")


class _Text(HTMLParser):
    """The text of an HTML fragment, a blank line at each block boundary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _plain(text: str) -> str:
    """An HTML fragment as plain paragraphs (script and style contents dropped)."""
    text = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", text, flags=re.IGNORECASE | re.DOTALL)
    parser = _Text()
    parser.feed(text)
    parser.close()
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", "".join(parser.parts))]
    return "\n\n".join(p for p in paragraphs if p)


def parse_columns(spec: str) -> dict[str, str]:
    """The step 01 parameter ``columns`` ("text=story_body;title=hed") as {field: column}.

    Raises:
        ValueError: a part is not NAME=COLUMN, or names no field of :data:`COLUMNS`.
    """
    mapping: dict[str, str] = {}
    for part in (p.strip() for p in spec.split(";") if p.strip()):
        name, _, column = part.partition("=")
        if not column.strip() or name.strip() not in COLUMNS:
            raise ValueError(f"columns: '{part}' is not FIELD=COLUMN with FIELD one of {', '.join(COLUMNS)}")
        mapping[name.strip()] = column.strip()
    return mapping


def _value(value: object) -> str:
    """A cell as text: a list (news-please's authors) joined with ", ", None and NaN as ""."""
    if hasattr(value, "tolist") and not isinstance(value, str):  # a Parquet list cell, a numpy scalar
        value = value.tolist()
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_value(v) for v in value if v is not None)
    if isinstance(value, dict):
        return ""
    return str(value).strip()


def _records(path: Path, sink: list[str]) -> list[tuple[int, dict[str, object]]]:
    """The rows of an export as (row number, record); a line that is no JSON object is reported."""
    if path.suffix.lower() == ".parquet":
        import pandas as pd

        try:
            table = pd.read_parquet(path)
        except Exception as err:  # noqa: BLE001  (pyarrow raises its own kinds on a damaged file)
            sink.append(f"{path.name}: not a readable Parquet file ({type(err).__name__}); skipped")
            return []
        return list(enumerate(table.to_dict("records"), start=1))
    data = path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    if path.suffix.lower() == ".csv":
        return list(enumerate(csv.DictReader(io.StringIO(data, newline="")), start=1))
    records, broken = [], []
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            broken.append(number)
            continue
        if isinstance(record, dict):
            records.append((number, record))
        else:
            broken.append(number)
    if broken:
        sink.append(f"{path.name}: {_rows(broken)} not a JSON object; skipped")  # "row 3 is" / "2 rows (3, 9) are"
    return records


def _rows(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10]) + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")
    return f"row {shown} is" if len(numbers) == 1 else f"{len(numbers)} rows ({shown}) are"


def read_export(path: Path, sink: list[str], columns: Mapping[str, str] | None = None) -> list[Row]:
    """The articles of one export file, one :class:`Row` each (module docstring).

    Args:
        path: a ``.jsonl`` or ``.csv`` file.
        sink: warnings are appended here, one line each, naming the file.
        columns: {field: column name} for columns whose names :data:`COLUMNS` does not know.
    """
    records = _records(path, sink)
    if not records:
        sink.append(f"{path.name}: no rows; skipped")
        return []
    names: dict[str, object] = {}
    for _, record in records:  # every column any row has, in the order they first appear
        for key in record:
            names.setdefault(str(key).casefold(), key)
    chosen: dict[str, list[object]] = {}
    for name, usual in COLUMNS.items():
        wanted = (columns or {}).get(name, "").casefold()  # a column named for the field first, then the usual ones
        if (found := [names[c] for c in dict.fromkeys((wanted, *usual)) if c in names]):
            chosen[name] = found
    if "text" not in chosen:
        sink.append(f"{path.name}: no text column (one of {', '.join(COLUMNS['text'])}, or name it with the "
                    "columns parameter, e.g. columns='text=story_body'); skipped")
        return []
    rows, empty, marked = [], [], []
    for number, record in records:
        fields = {name: next((v for c in found if (v := _value(record.get(c)))), "") for name, found in chosen.items()}
        if not fields["text"]:
            empty.append(number)
            continue
        if _TAG.search(fields["text"]):
            fields["text"] = _plain(fields["text"])
            marked.append(number)
        fields["title"] = html.unescape(fields.get("title", ""))
        rows.append(Row(number, fields))
    if empty:
        sink.append(f"{path.name}: {_rows(empty)} empty (no text); skipped")
    if marked:
        sink.append(f"{path.name}: {_rows(marked)} HTML; its text was read as plain paragraphs")
    return rows


def article_text(row: Row) -> str:
    """The text analysed for a row: its title on the first line (when it has one and the text's first line
    is not that title already), then its text, paragraphs apart."""
    text = row.get("text").replace("\r\n", "\n").replace("\r", "\n")
    title = " ".join(row.get("title").split())
    first_line = " ".join(text.strip().split("\n", 1)[0].split())
    if title and first_line != title:
        text = f"{title}\n\n{text}"
    return text.strip() + "\n"
