"""How well newsbrief reads saved web pages (``newsbrief.pages``, trafilatura underneath), on real pages
with gold labels kept outside the repository (a development set of two projects' public evaluation
pages: trafilatura's English pages with strings the main text must and must not hold and their
authors, and htmldate's Media Cloud news pages with their publication dates).

Fields, per page:

* **main text recall**: the share of ``with`` strings found in the text newsbrief analyses
  (whitespace collapsed);
* **boilerplate precision**: the share of ``without`` strings absent from it;
* **author**: the page's author equals the gold one (case and whitespace aside), over pages with a
  gold author;
* **date**: the publication date equals the gold day, over the dated pages;
* pages newsbrief refuses as holding no article (under ``pages.MIN_CHARS`` characters of prose), and seconds per page.

    .venv/bin/python benchmarks/pages_reading.py [--pages ../shared/data/pages]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "lib"))

from newsbrief import pages  # noqa: E402


def _flat(text: str | list[str]) -> str:
    """Whitespace collapsed; a list of authors joined as trafilatura joins them ("A; B")."""
    return " ".join(("; ".join(text) if isinstance(text, list) else text).split())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=HERE.parent.parent / "shared" / "data" / "pages")
    args = parser.parse_args()
    gold_text = json.loads((args.pages / "text.json").read_text(encoding="utf-8"))
    gold_dates = json.loads((args.pages / "dates.json").read_text(encoding="utf-8"))
    kept = found = dropped = unwanted = authors = right_authors = refused = 0
    seconds = 0.0
    for name, gold in sorted(gold_text.items()):
        path = args.pages / "text" / name
        sink: list[str] = []
        started = time.perf_counter()
        page = pages.read_page(path, path.read_bytes(), sink)
        seconds += time.perf_counter() - started
        text = _flat(pages.article_text(page)) if page else ""
        refused += page is None
        found += len(gold.get("with", []))
        kept += sum(_flat(s) in text for s in gold.get("with", []))
        unwanted += len(gold.get("without", []))
        dropped += sum(_flat(s) not in text for s in gold.get("without", []))
        if gold.get("author"):
            authors += 1
            right_authors += bool(page) and _flat(page.author).casefold() == _flat(gold["author"]).casefold()
    dated = right_dates = refused_dated = 0
    for name, gold in sorted(gold_dates.items()):
        path = args.pages / "dates" / name
        started = time.perf_counter()
        page = pages.read_page(path, path.read_bytes(), [])
        seconds += time.perf_counter() - started
        dated += 1
        refused_dated += page is None
        right_dates += bool(page) and page.date == gold["date"]
    total = len(gold_text) + len(gold_dates)
    print(f"{len(gold_text)} pages with text labels, {len(gold_dates)} dated pages; {seconds / total:.3f} s a page")
    print("| field | right | of | share |")
    print("|---|---|---|---|")
    for field, right, of in (("main text recall (`with` strings kept)", kept, found),
                             ("boilerplate precision (`without` strings dropped)", dropped, unwanted),
                             ("author exact", right_authors, authors),
                             ("publication date", right_dates, dated)):
        print(f"| {field} | {right} | {of} | {right / of:.2f} |")
    print(f"pages refused as holding no article: {refused} of {len(gold_text)} labelled, "
          f"{refused_dated} of {len(gold_dates)} dated")


if __name__ == "__main__":
    main()
