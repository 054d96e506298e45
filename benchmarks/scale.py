"""End-to-end time and peak memory on generated corpora, and the two near-duplicate candidate paths.

(b) For each size (default 100, 500 and 2,000 articles), a corpus is generated from real
paragraphs with injected duplicates whose truth is recorded (benchmarks/make_corpus.py
``generate``). `make report` runs on it cold (empty output folder, no embedding cache; the
environment and its exported model exist), then warm (`P02=z=3`: steps 02 and 04 rerun with the
embedding cache), then with nothing changed. The table gives wall times, the peak RSS of the
largest process, each step's seconds (from the stamps) and the recall of every injected kind
with the default settings (the cold run's pairs).

(d) On one corpus (default the 500-article one: exhaustive pairs of every sentence are
quadratic in memory), near-duplicate detection runs through both candidate paths, exhaustive and
MinHash LSH + nearest neighbours, with the run's cached embeddings: seconds, peak traced memory,
pairs, whether both report the same pairs, and recall of the injections.

    .venv/bin/python benchmarks/scale.py                 # 100 500 2000
    .venv/bin/python benchmarks/scale.py --sizes 100 --paths-size 100

The Lee articles come from the gensim wheel, fetched once with pip (see make_corpus.py).
Writes benchmarks/results/scale.csv and benchmarks/results/candidate_paths.csv.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
STEPS = ["01-corpus-stats", "02-near-duplicates", "03-figure-claims", "04-brief"]
sys.path.insert(0, str(HERE))

from embedding_backends import machine  # noqa: E402
from make_corpus import generate, score  # noqa: E402


def make_report(corpus: Path, out: Path, *extra: str) -> tuple[float, float]:
    """Wall seconds and the peak RSS (MB) of the largest process of one `make report`."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(["make", "--no-print-directory", "report", f"CORPUS={corpus}", f"OUT={out}", *extra],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stdout[-3000:] + done.stderr[-3000:])
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return wall, (after if after > before else float("nan")) / 1024


def step_seconds(out: Path) -> dict[str, float]:
    return {s[:2] + "_s": float((out / ".steps" / s).read_text().split()[1]) for s in STEPS}


def candidate_paths(corpus: Path, out: Path) -> list[dict]:
    from newsbrief import embeddings, near_duplicates, tables

    t = out / "tables"
    documents, paragraphs, sentences = (tables.read_table(t, n) for n in
                                        ("documents.csv", "paragraphs.csv", "sentences.csv"))
    embed = embeddings.Embedder(cache_dir=out / "cache")
    rows, found = [], {}
    for name, limit in (("exhaustive", 10**9), ("lsh+neighbours", 0)):
        tracemalloc.start()
        started = time.perf_counter()
        result = near_duplicates.detect(documents, paragraphs, sentences, embed,
                                        near_duplicates.Settings(exhaustive_limit=limit))
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        found[name] = result.pairs
        recall = {f"recall_{k}_{lv}": round(h / n, 2) for k, lv, n, h in score(corpus, out, result.pairs)}
        rows.append({"path": name, "articles": len(documents), "sentences": len(sentences),
                     "seconds": round(seconds, 2), "peak_traced_mb": round(peak), "pairs": len(result.pairs), **recall})
    same = found["exhaustive"].reset_index(drop=True).equals(found["lsh+neighbours"].reset_index(drop=True))
    for row in rows:
        row["same_pairs_as_exhaustive"] = same
    return rows


def write(rows: list[dict], path: Path) -> None:
    columns = list(dict.fromkeys(k for r in rows for k in r))
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(" | ".join(columns))
    for r in rows:
        print(" | ".join(str(r.get(c, "")) for c in columns))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 500, 2000])
    parser.add_argument("--paths-size", type=int, default=500, help="corpus size for the candidate-path comparison")
    args = parser.parse_args()
    print(f"machine: {machine()}", flush=True)
    RESULTS.mkdir(exist_ok=True)
    rows, paths = [], []
    with tempfile.TemporaryDirectory(prefix="newsbrief-scale-") as scratch:
        for size in args.sizes:
            corpus, out = Path(scratch) / f"corpus-{size}", Path(scratch) / f"out-{size}"
            generate(size, corpus)
            cold, rss = make_report(corpus, out)
            steps = step_seconds(out)
            # recall with the default settings: the cold run's pairs, before the warm run changes z
            recall = {f"recall_{k}_{lv}": round(h / n, 2) for k, lv, n, h in score(corpus, out)}
            warm, warm_rss = make_report(corpus, out, "P02=z=3")
            noop, _ = make_report(corpus, out, "P02=z=3")
            from newsbrief.tables import read_table

            sentences = len(read_table(out / "tables", "sentences.csv"))
            rows.append({"articles": len(list(corpus.glob("*.txt"))), "sentences": sentences,
                         "cold_s": round(cold, 1), "peak_rss_mb": round(rss), **steps,
                         "warm_02_04_s": round(warm, 1), "noop_s": round(noop, 2), **recall})
            print(rows[-1], flush=True)
            if size == args.paths_size:
                paths = candidate_paths(corpus, out)
                print(paths, flush=True)
    print()
    write(rows, RESULTS / "scale.csv")
    if paths:
        print()
        write(paths, RESULTS / "candidate_paths.csv")


if __name__ == "__main__":
    main()
