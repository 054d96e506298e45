"""Reading 2,000 saved web pages: time per page and peak memory of step 01's reading (``corpus.load_corpus``).

The pages are the benchmarks' generated articles (benchmarks/make_corpus.py ``generate``: real Lee and
seed paragraphs) written as a browser saves a news page: a head with the title, site name, author and
publication time in meta tags and a canonical link, a navigation bar, the article with its headline and
byline, a "most read" aside and a footer. The same articles as ``.txt`` files are read too, for
comparison. Each reading runs in a child process of its own, whose peak RSS is reported.

    .venv/bin/python benchmarks/pages_scale.py [--pages 2000]

Writes benchmarks/results/pages_scale.csv.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
sys.path.insert(0, str(HERE))

from make_corpus import generate  # noqa: E402

OUTLETS = ("Harbour Gazette", "Coastal Times", "Port News", "The Daily Ledger", "Metro Wire")
CHILD = """
import json, resource, sys, time
sys.path.insert(0, {lib!r})
from newsbrief import corpus
started = time.perf_counter()
loaded = corpus.load_corpus({folder!r})
seconds = time.perf_counter() - started
print(json.dumps({{"articles": len(loaded.documents), "seconds": seconds, "warnings": len(loaded.warnings),
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "authors": sum(bool(d.author) for d in loaded.documents),
                  "dated": sum(bool(d.published) for d in loaded.documents)}}))
"""


def page(text: str, k: int) -> str:
    """A generated article as a saved news page."""
    title, _, body = text.strip().partition("\n")
    outlet = OUTLETS[k % len(OUTLETS)]
    paragraphs = "".join(f"<p>{html.escape(p.strip())}</p>\n" for p in body.split("\n\n") if p.strip())
    day = f"2024-{1 + k % 12:02d}-{1 + k % 28:02d}"
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(title)} | {outlet}</title>
<meta property="og:site_name" content="{outlet}"><meta name="author" content="Reporter {k % 97}">
<meta property="article:published_time" content="{day}T09:00:00Z">
<link rel="canonical" href="https://example.org/{k}">
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article><h1>{html.escape(title)}</h1><p class="byline">By Reporter {k % 97}</p>
{paragraphs}</article></main>
<aside><h2>Most read</h2><ul><li><a href="/a">Ferry timetable changes</a></li>
<li><a href="/b">Markets close higher</a></li></ul></aside>
<footer><p>&copy; 2024 {outlet}. All rights reserved.</p></footer></body></html>
"""


def read(folder: Path) -> dict:
    code = CHILD.format(lib=str(HERE.parent / "lib"), folder=str(folder))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsbrief-pages-") as scratch:
        texts, pages = Path(scratch) / "texts", Path(scratch) / "pages"
        generate(args.pages, texts)
        pages.mkdir()
        files = sorted(texts.glob("*.txt"))
        for k, path in enumerate(files):
            (pages / f"{path.stem}.html").write_text(page(path.read_text(encoding="utf-8"), k), encoding="utf-8")
        size = sum(p.stat().st_size for p in pages.iterdir())
        sizes = {"html pages": size, "txt files": sum(p.stat().st_size for p in files)}
        for kind, folder in (("html pages", pages), ("txt files", texts)):
            found = read(folder)
            rows.append({"input": kind, "articles": found["articles"], "megabytes": round(sizes[kind] / 1e6, 1),
                "seconds": round(found["seconds"], 1),
                "ms_per_article": round(1000 * found["seconds"] / found["articles"], 1),
                "peak_rss_mb": round(found["peak_rss_mb"]), "with_author": found["authors"], "dated": found["dated"],
                "warnings": found["warnings"]})
            print(rows[-1], flush=True)
    RESULTS.mkdir(exist_ok=True)
    with (RESULTS / "pages_scale.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
