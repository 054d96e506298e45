"""The whole pipeline on 2,000 Reuters-21578 stories: the stories it finds, and the brief's headlines.

A multi-topic wire is where headline rules built for one story go wrong, so this runs ``make report``
as a user would, on the seeded sample of ``reuters_corpus.py`` (stories with a body of 400
characters or more), each story a file with its wire date in ``metadata.csv``. It prints the stories
found (how many, the largest with their labels), their purity against the collection's own TOPICS
labels (the share of articles whose first topic is their story's most common first topic, over the
articles that have a topic), and the brief's headline findings. The Reuters text stays out of the
repository: the brief is written to a temporary folder; the figures go to
benchmarks/results/reuters_stories.csv.

    .venv/bin/python benchmarks/reuters_stories.py [--stories 2000]
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "lib"))

import reuters  # noqa: E402
import reuters_corpus  # noqa: E402

RESULTS = HERE / "results"


def wire_date(text: str) -> str:
    """'26-FEB-1987 15:01:01.79' -> '1987-02-26' ('' when not understood)."""
    try:
        return datetime.strptime(text.split()[0], "%d-%b-%Y").date().isoformat()
    except (ValueError, IndexError):
        return ""


def purity(story_of: dict[str, int], topic_of: dict[str, str]) -> tuple[float, int]:
    """Share of topic-labelled articles whose topic is their story's most common one, and how many."""
    by_story: dict[int, Counter] = {}
    for doc, topic in topic_of.items():
        by_story.setdefault(story_of[doc], Counter())[topic] += 1
    labelled = sum(sum(c.values()) for c in by_story.values())
    return sum(c.most_common(1)[0][1] for c in by_story.values()) / max(labelled, 1), labelled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=2000)
    args = parser.parse_args(argv)
    stories = reuters.read_reuters()
    ids = reuters_corpus.sample_stories(stories, args.stories)
    with tempfile.TemporaryDirectory(prefix="newsbrief-reuters-") as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        corpus.mkdir()
        reuters_corpus.write_corpus(stories, ids, corpus)
        with (corpus / "metadata.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["file", "outlet", "url", "published"])
            for newid in ids:
                writer.writerow([f"{newid:05d}.txt", "Reuters", "", wire_date(stories[newid]["date"])])
        started = time.perf_counter()
        run = subprocess.run(["make", "report", f"CORPUS={corpus}", f"OUT={out}"], cwd=HERE.parent,
                             capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if run.returncode:
            print(run.stdout[-3000:], run.stderr[-3000:])
            return run.returncode
        from newsbrief.tables import read_table

        table = read_table(out / "tables", "stories.csv")
        calibration = read_table(out / "tables", "story_calibration.csv")
        story_of = dict(zip(table.doc_id, table.story))
        topic_of = {doc: stories[int(doc)]["topics"][0] for doc in table.doc_id if stories[int(doc)]["topics"]}
        share, labelled = purity(story_of, topic_of)
        sizes = table.groupby(["story", "label"]).size().sort_values(ascending=False)
        brief = (out / "brief.md").read_text(encoding="utf-8")
        headlines = brief.split("## Headline findings", 1)[1].split("\n## ", 1)[0].strip()
    chosen = calibration[calibration.chosen].iloc[0]
    print(f"make report on {len(ids)} stories: {seconds:.0f} s")
    print(f"stories: {table.story.nunique()} (cut at similarity {chosen.similarity}, silhouette {chosen.silhouette}); "
          f"{int((sizes == 1).sum())} of one article; purity against TOPICS {share:.3f} over {labelled} labelled "
          f"articles")
    print("largest stories:")
    for (story, label), n in sizes.head(12).items():
        print(f"  {story:>4}  {n:>3} articles  {label}")
    print("\nheadlines:\n" + headlines)
    RESULTS.mkdir(exist_ok=True)
    with (RESULTS / "reuters_stories.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["articles", "stories", "one_article_stories", "similarity", "silhouette", "purity",
                         "labelled_articles", "seconds"])
        writer.writerow([len(ids), table.story.nunique(), int((sizes == 1).sum()), chosen.similarity,
                         chosen.silhouette, round(share, 3), labelled, round(seconds)])
    return 0


if __name__ == "__main__":
    sys.exit(main())
