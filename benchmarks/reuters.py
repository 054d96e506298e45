"""Reuters-21578 stories and the labelled passage pairs of ``benchmarks/data/reuters_pairs.csv``.

The Reuters text is licensed for research only, so the repository keeps no Reuters text: the
labelled pairs hold story ids (``NEWID``) and character offsets into each story's body, and this
module re-extracts the passages at run time from a local copy of the collection (by default
``../shared/data/reuters21578/`` next to the checkout, or the folder named by the environment
variable ``REUTERS21578``; see benchmarks/data/reuters_pairs.md).

Extraction (the offsets depend on it exactly; standard library only):

1. Each ``reut2-*.xml`` file is read as bytes and decoded as Latin-1, so every byte maps to one
   character (the files are ASCII but for one stray byte, 0xFC in reut2-017.xml, which makes that
   file ill-formed XML; it is kept as it is, and no labelled passage contains it).
2. Each ``<REUTERS ...>...</REUTERS>`` element gives a story; ``NEWID`` is its attribute.
3. ``body`` is the raw content between ``<BODY>`` and ``</BODY>`` (the first pair inside the
   element), passed through :func:`html.unescape` (``&lt;`` -> ``<``, ``&amp;`` -> ``&``) and
   nothing else: no stripping, no whitespace change, the trailing ``" Reuter"`` line kept. A story
   without a ``<BODY>`` has ``body == ""``.
4. ``title`` likewise from ``<TITLE>``; ``date`` is the ``<DATE>`` text stripped; ``topics`` the
   ``<D>`` values inside ``<TOPICS>``.

A passage is ``stories[newid]["body"][start:end]``, exactly as read when it was labelled (wire line
breaks and paragraph indents included). :func:`clean` gives the text to score: one line per wire
paragraph (a line that starts with white space, or follows a blank line, starts a paragraph), white
space collapsed inside each. Earnings and dividend tables keep one figure per line that way, so a
sentence splitter sees their lines as sentences.

    .venv/bin/python benchmarks/reuters.py --check   # re-extract and check every labelled pair
    .venv/bin/python benchmarks/reuters.py --show    # print them (research use only; never commit the text)
    .venv/bin/python benchmarks/reuters.py --baseline  # the current detector's calls against the labels
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import html
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_ROOT = Path(os.environ.get("REUTERS21578", HERE.parent.parent / "shared" / "data" / "reuters21578"))
PAIRS = HERE / "data" / "reuters_pairs.csv"

# sha256 of the labelled passages as extracted (see :func:`digest`): a check that this extraction and
# this copy of the collection give back exactly the passages that were read and labelled.
PASSAGES_SHA256 = "59e43051be51df425ed90c66ce79f95b3640247421fc7f1cbbd452c26996b7c6"

_STORY = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'\bNEWID="(\d+)"')


def _field(tag: str, text: str) -> str | None:
    match = re.search(rf"<{tag}>(.*?)</{tag}>", text, re.S)
    return None if match is None else match.group(1)


def read_reuters(root: str | Path = DEFAULT_ROOT) -> dict[int, dict]:
    """All stories of Reuters-21578, by NEWID, extracted as the module docstring says.

    Args:
        root: the folder holding ``reut2-000.xml`` ... ``reut2-021.xml``.

    Returns:
        ``{newid: {"date": str, "topics": list[str], "title": str, "body": str}}``; offsets of the
        labelled pairs index into ``body``.
    """
    stories: dict[int, dict] = {}
    files = sorted(Path(root).glob("reut2-*.xml"))
    if not files:
        raise FileNotFoundError(f"no reut2-*.xml under {root}")
    for path in files:
        text = path.read_bytes().decode("latin-1")
        for match in _STORY.finditer(text):
            newid = int(_NEWID.search(match.group(1)).group(1))
            inner = match.group(2)
            topics = _field("TOPICS", inner) or ""
            stories[newid] = {
                "date": (_field("DATE", inner) or "").strip(),
                "topics": re.findall(r"<D>(.*?)</D>", topics),
                "title": html.unescape(_field("TITLE", inner) or ""),
                "body": html.unescape(_field("BODY", inner) or ""),
            }
    return stories


def pair_texts(pairs, stories: dict[int, dict]) -> list[tuple[str, str]]:
    """The two passages of each labelled pair.

    Args:
        pairs: rows with ``newid_a, start_a, end_a, newid_b, start_b, end_b`` (a list of dicts, as
            :class:`csv.DictReader` gives, or a pandas frame).
        stories: :func:`read_reuters`'s result.

    Returns:
        ``[(text_a, text_b), ...]`` in row order.
    """
    rows = pairs.to_dict("records") if hasattr(pairs, "to_dict") else pairs
    out = []
    for row in rows:
        a = stories[int(row["newid_a"])]["body"][int(row["start_a"]):int(row["end_a"])]
        b = stories[int(row["newid_b"])]["body"][int(row["start_b"]):int(row["end_b"])]
        out.append((a, b))
    return out


def clean(passage: str) -> str:
    """One line per wire paragraph, white space collapsed inside each (the text to score)."""
    lines, current = [], []
    for line in passage.splitlines():
        if not line.strip():
            if current:
                lines.append(" ".join(current))
                current = []
            continue
        if current and line[:1].isspace():
            lines.append(" ".join(current))
            current = []
        current.extend(line.split())
    if current:
        lines.append(" ".join(current))
    return "\n".join(lines)


def digest(pairs, stories: dict[int, dict]) -> str:
    """sha256 of ``pair_id TAB text_a TAB text_b`` lines (raw passages, file order), UTF-8."""
    rows = pairs.to_dict("records") if hasattr(pairs, "to_dict") else pairs
    lines = [f"{r['pair_id']}\t{a}\t{b}" for r, (a, b) in zip(rows, pair_texts(rows, stories))]
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def read_pairs(path: str | Path = PAIRS) -> list[dict]:
    """The labelled pairs (``pair_id, level, category, newid_a, start_a, end_a, newid_b, start_b,
    end_b, note``) as dicts of strings."""
    with Path(path).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def as_labelled(pairs, stories: dict[int, dict]) -> list[dict]:
    """The pairs in the shape of tests/fixtures/near_duplicates/labelled_pairs_v2.csv (``pair_id,
    level, category, source, text_a, text_b, note``), texts passed through :func:`clean`, for a
    scorer to read. Build it at run time; never write it into the repository."""
    rows = pairs.to_dict("records") if hasattr(pairs, "to_dict") else pairs
    return [{"pair_id": r["pair_id"], "level": r["level"], "category": r["category"],
             "source": f"reuters:{r['newid_a']}/reuters:{r['newid_b']}", "text_a": clean(a), "text_b": clean(b),
             "note": r["note"]}
            for r, (a, b) in zip(rows, pair_texts(rows, stories))]


def check(pairs: list[dict], stories: dict[int, dict]) -> list[str]:
    """Problems with the labelled pairs: unknown ids, bad offsets, passages that are empty, start or
    end inside a word, or begin or end with white space. An empty list means all is well."""
    problems = []
    for row in pairs:
        for side in ("a", "b"):
            newid, start, end = int(row[f"newid_{side}"]), int(row[f"start_{side}"]), int(row[f"end_{side}"])
            if newid not in stories:
                problems.append(f"{row['pair_id']}: no story {newid}")
                continue
            body = stories[newid]["body"]
            passage = body[start:end]
            if not 0 <= start < end <= len(body) or not passage.strip():
                problems.append(f"{row['pair_id']}/{side}: empty or out of range")
                continue
            if passage != passage.strip():
                problems.append(f"{row['pair_id']}/{side}: white space at an end")
            if start > 0 and body[start - 1].isalnum() and body[start].isalnum():
                problems.append(f"{row['pair_id']}/{side}: starts inside a word")
            if end < len(body) and body[end - 1].isalnum() and body[end].isalnum():
                problems.append(f"{row['pair_id']}/{side}: ends inside a word")
        if row["newid_a"] == row["newid_b"]:
            problems.append(f"{row['pair_id']}: both passages from one story")
    return problems


def baseline(rows, embed=None):
    """Scorer skeleton: the current near-duplicate detector's call on each labelled pair, crossed
    with the label (rows as :func:`as_labelled` or labelled_pairs_v2.csv give them).

    Each level's pairs go through :func:`newsbrief.near_duplicates.evaluate` as a corpus of their
    own; the result counts, per ``level, category``, how many pairs the detector called
    ``verbatim``, ``edited``, ``paraphrase`` or left ``topical``. A fact-agreement check is scored the
    same way once it predicts the four classes.
    """
    import pandas as pd

    sys.path.insert(0, str(HERE.parent / "lib"))  # run from a checkout even if not pip-installed
    from newsbrief import near_duplicates as nd
    from newsbrief.embeddings import Embedder

    frame = rows if hasattr(rows, "to_dict") else pd.DataFrame(rows)
    _, predictions = nd.evaluate(frame, embed or Embedder())
    return pd.crosstab([predictions.level, predictions.category], predictions.predicted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", default=str(DEFAULT_ROOT), help="folder of reut2-*.xml")
    parser.add_argument("--pairs", default=str(PAIRS))
    parser.add_argument("--check", action="store_true", help="check every labelled pair's offsets")
    parser.add_argument("--show", action="store_true", help="print every labelled pair's passages")
    parser.add_argument("--baseline", action="store_true", help="the current detector's calls against the labels")
    args = parser.parse_args(argv)
    stories = read_reuters(args.root)
    pairs = read_pairs(args.pairs)
    print(f"{len(stories)} stories, {sum(1 for s in stories.values() if s['body'])} with a body; "
          f"{len(pairs)} labelled pairs")
    if args.show:
        for row in as_labelled(pairs, stories):
            print(f"\n{row['pair_id']} {row['level']} {row['category']} ({row['note']})\n"
                  f"  A: {row['text_a']!r}\n  B: {row['text_b']!r}")
    if args.baseline:
        print(baseline(as_labelled(pairs, stories)).to_string())
    if args.check:
        problems = check(pairs, stories)
        found = digest(pairs, stories)
        if found != PASSAGES_SHA256:
            problems.append(f"passages differ from the labelled ones: sha256 {found}, expected {PASSAGES_SHA256}")
        print("\n".join(problems) if problems else
              f"all {len(pairs)} pairs re-extracted: non-empty, on word boundaries, sha256 as labelled")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
