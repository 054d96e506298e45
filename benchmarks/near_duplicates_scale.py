"""Time and peak memory of the pipeline against the number of articles, and the near-duplicate paths.

For each size, a corpus of real Lee news articles with injected duplicates is built
(benchmarks/make_corpus.py), `make report` runs on it from a cold start (no embedding cache), and
the table records wall time, the largest process's peak RSS, the step durations papermill logged,
and the recall of the injected duplicates. Then, on the largest corpus, the near-duplicate
detection runs through both candidate paths (exhaustive and LSH + nearest neighbours) with warm
embeddings, to show they report the same pairs and what each costs.

    .venv/bin/python benchmarks/near_duplicates_scale.py            # sizes 50 100 200 350
    .venv/bin/python benchmarks/near_duplicates_scale.py --sizes 50 100

Writes benchmarks/results/near_duplicates_scale.csv and near_duplicates_paths.csv.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
sys.path.insert(0, str(HERE))

from make_corpus import build, score  # noqa: E402


def peak_rss_mb(before: int) -> float:
    """Largest peak RSS of any child process waited for since ``before`` was read (MB)."""
    now = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(now, before) / 1024


def run_report(corpus: Path, out: Path) -> tuple[float, float, dict[str, float]]:
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(["make", "--no-print-directory", "report", f"CORPUS={corpus}", f"OUT={out}"], cwd=ROOT,
                   env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    steps = {}
    for nb in sorted((out / "notebooks").glob("*.ipynb")):
        steps[nb.stem] = json.loads(nb.read_text())["metadata"]["papermill"]["duration"]
    return wall, peak_rss_mb(before), steps


def compare_paths(corpus_out: Path) -> list[dict]:
    """Both candidate paths on one run's tables, embeddings from that run's cache."""
    from newsbrief import embeddings, near_duplicates, tables

    t = corpus_out / "tables"
    documents, paragraphs, sentences = (tables.read_table(t, n) for n in
                                        ("documents.csv", "paragraphs.csv", "sentences.csv"))
    embed = embeddings.Embedder(cache_dir=corpus_out / "cache")
    rows, results = [], {}
    for name, limit in (("exhaustive", 10**9), ("lsh+neighbours", 0)):
        settings = near_duplicates.Settings(exhaustive_limit=limit)
        started = time.perf_counter()
        found = near_duplicates.detect(documents, paragraphs, sentences, embed, settings)
        results[name] = found.pairs
        rows.append({"path": name, "articles": len(documents), "sentences": len(sentences),
                     "seconds": round(time.perf_counter() - started, 2), "pairs": len(found.pairs)})
    same = results["exhaustive"].equals(results["lsh+neighbours"])
    for row in rows:
        row["same_pairs_as_exhaustive"] = same
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200, 350])
    args = parser.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    RESULTS.mkdir(exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in args.sizes:
            corpus, out = Path(scratch) / f"corpus-{size}", Path(scratch) / f"out-{size}"
            build(size, corpus)
            wall, rss, steps = run_report(corpus, out)
            recall = {f"recall_{kind}_{level}": round(hit / n, 2) for kind, level, n, hit in score(corpus, out)}
            rows.append({"lee_articles": size, "articles": len(list(corpus.glob("*.txt"))),
                         "wall_s": round(wall, 1), "peak_rss_mb": round(rss), **{
                             f"{k[:2]}_s": round(v, 1) for k, v in steps.items()}, **recall})
            print(rows[-1], flush=True)
        paths = compare_paths(out)
    columns = list(dict.fromkeys(k for r in rows for k in r))
    with (RESULTS / "near_duplicates_scale.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    with (RESULTS / "near_duplicates_paths.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, list(paths[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(paths)
    print()
    print(" | ".join(columns))
    for r in rows:
        print(" | ".join(str(r.get(c, "")) for c in columns))
    print()
    for r in paths:
        print(r)


if __name__ == "__main__":
    main()
