"""The near-duplicate step on 2,000 Reuters-21578 stories: what it reports, per category.

A multi-topic wire corpus is where paraphrase calls go wrong (one template, many companies), so
this runs the detector as a user would, on a seeded sample of ``--stories`` stories with a body of
at least 400 characters, each written as ``<NEWID>.txt`` (title, blank line, body as
:func:`reuters.clean` gives it) and read back by ``newsbrief.corpus.load_corpus``. It prints the
calibration and the reported pairs per level, category and place (across articles, inside one),
and a seeded random sample of ``--sample`` reported cross-article passage pairs, with both texts
for reading. The text is printed, never written: results keep story ids and offsets only.

    .venv/bin/python benchmarks/reuters_corpus.py [--stories 2000] [--sample 20]

Writes benchmarks/results/reuters_corpus.csv (counts) and reuters_corpus_sample.csv (the sampled
pairs by NEWID and offsets into the written file). The verdicts read for that sample are in
benchmarks/data/reuters_corpus_verdicts.csv.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "lib"))

import reuters  # noqa: E402
from newsbrief import corpus as corpus_mod  # noqa: E402
from newsbrief import near_duplicates as nd  # noqa: E402
from newsbrief.embeddings import Embedder  # noqa: E402

RESULTS = HERE / "results"
CACHE = HERE / "data" / "cache" / "embeddings"
MIN_BODY = 400  # characters: leave out one-line briefs and empty stories


def sample_stories(stories: dict[int, dict], n: int, seed: int = 0) -> list[int]:
    """``n`` NEWIDs, a seeded sample of the stories whose body has at least ``MIN_BODY`` characters."""
    ids = sorted(k for k, s in stories.items() if len(s["body"].strip()) >= MIN_BODY)
    return sorted(random.Random(seed).sample(ids, min(n, len(ids))))


def write_corpus(stories: dict[int, dict], ids: list[int], folder: Path) -> None:
    for newid in ids:
        story = stories[newid]
        title = " ".join(story["title"].split()) or f"Story {newid}"
        (folder / f"{newid:05d}.txt").write_text(f"{title}\n\n{reuters.clean(story['body'])}\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, default=2000)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    stories = reuters.read_reuters()
    ids = sample_stories(stories, args.stories, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        write_corpus(stories, ids, Path(tmp))
        loaded = corpus_mod.load_corpus(tmp)
        documents, paragraphs, sentences = (corpus_mod.documents_table(loaded), corpus_mod.paragraphs_table(loaded),
                                            corpus_mod.sentences_table(loaded))
    CACHE.mkdir(parents=True, exist_ok=True)
    embed = Embedder(cache_dir=CACHE)
    started = time.perf_counter()
    found = nd.detect(documents, paragraphs, sentences, embed)
    seconds = time.perf_counter() - started
    pairs = found.pairs
    where = pairs.doc_a.eq(pairs.doc_b).map({True: "inside one article", False: "across articles"})
    counts = (pairs.assign(where=where).groupby(["level", "where", "category"]).size()
              .rename("pairs").reset_index())
    print(f"{len(documents)} stories, {len(sentences)} sentences; detection {seconds:.1f} s")
    print(found.calibration_table().to_string(index=False))
    print(counts.to_string(index=False))
    RESULTS.mkdir(exist_ok=True)
    counts.to_csv(RESULTS / "reuters_corpus.csv", index=False)
    across = pairs[(pairs.level != "document") & (pairs.doc_a != pairs.doc_b)].reset_index(drop=True)
    chosen = sorted(random.Random(args.seed).sample(range(len(across)), min(args.sample, len(across))))
    sample = across.iloc[chosen]
    sample[["level", "doc_a", "start_a", "end_a", "doc_b", "start_b", "end_b", "cosine", "category"]].to_csv(
        RESULTS / "reuters_corpus_sample.csv", index=False)  # no text: the facts column quotes the stories
    for k, r in enumerate(sample.itertuples(), 1):
        print(f"\n[{k}] {r.category} {r.level} cosine {r.cosine:.2f} | {r.facts}\n"
              f"  {r.doc_a}: {r.text_a}\n  {r.doc_b}: {r.text_b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
