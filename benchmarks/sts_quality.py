"""STS Benchmark quality check for newsbrief's embedding helper, fully offline.

What it measures: how well cosine similarity between ``newsbrief.embeddings.embed`` vectors
ranks the 1,379 sentence pairs of the STS Benchmark *test* split against the human gold
scores (0-5). The figure is Spearman's rank correlation x 100, the number the
sentence-transformers / MTEB results report for all-MiniLM-L6-v2 (82.03 on this split). A
result within a few tenths of that shows the helper loads and runs the model as published
(same weights, tokenizer, mean pooling and normalization). It also times the embedding of
the 2 x 1,379 sentences on this machine (model loading excluded).

Data: benchmarks/data/stsb-test.tsv, the original ``sts-test.csv`` of the STS Benchmark
(see benchmarks/data/README.md). Nothing is downloaded.

Run, from the repository root:

    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sts_quality.py
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sts_quality.py --limit 100
    HF_HUB_OFFLINE=1 .venv/bin/python benchmarks/sts_quality.py --model /path/to/local/st-model

It prints a table and the machine, and writes the same to benchmarks/results/sts_quality.csv
(overwritten each run; no timestamps, so reruns on one machine differ only in the timings).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "stsb-test.tsv"
RESULTS = HERE / "results" / "sts_quality.csv"
TEST_PAIRS = 1379  # size of the STS Benchmark test split

# Published STS Benchmark test Spearman x 100 (cosine similarity), by model name.
PUBLISHED = {"all-MiniLM-L6-v2": 82.03}

sys.path.insert(0, str(HERE.parent / "lib"))  # run from a checkout even if not pip-installed
from newsbrief.embeddings import embed  # noqa: E402


def load_pairs(path: Path = DATA) -> tuple[list[str], list[str], np.ndarray]:
    """sentence1, sentence2 and gold scores from an STS Benchmark ``sts-*.csv`` file.

    The file is tab-separated without a header and without quoting (sentences contain
    double quotes): genre, filename, year, id, score, sentence1, sentence2, then optional
    license/source fields.
    """
    s1: list[str] = []
    s2: list[str] = []
    gold: list[float] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
            if len(row) < 7:
                raise ValueError(f"{path.name} line {n}: expected at least 7 fields, got {len(row)}")
            gold.append(float(row[4]))
            s1.append(row[5])
            s2.append(row[6])
    return s1, s2, np.asarray(gold, dtype=np.float64)


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    """Spearman's rank correlation (average ranks for ties)."""
    try:
        from scipy.stats import spearmanr
    except ImportError:  # scipy is optional; pandas gives the same number
        import pandas as pd

        return float(pd.Series(a).corr(pd.Series(b), method="spearman"))
    return float(spearmanr(a, b).correlation)


def run(model: str, limit: int | None) -> dict:
    s1, s2, gold = load_pairs()
    if limit is not None:
        s1, s2, gold = s1[:limit], s2[:limit], gold[:limit]

    embed(["warm-up"], model=model, progress=False)  # load the model outside the timing
    start = time.perf_counter()
    e1 = embed(s1, model=model, progress=False)
    e2 = embed(s2, model=model, progress=False)
    seconds = time.perf_counter() - start

    # Rows are L2-normalized, so the row-wise dot product is the cosine similarity.
    cosine = np.einsum("ij,ij->i", e1.astype(np.float64), e2.astype(np.float64))
    rho = 100 * spearman(cosine, gold)

    name = Path(model).name if os.sep in model else model
    published = PUBLISHED.get(name) if len(gold) == TEST_PAIRS else None
    return {
        "model": name,
        "pairs": len(gold),
        "spearman_x100": round(rho, 2),
        "published_x100": published,
        "difference": round(rho - published, 2) if published is not None else None,
        "seconds": round(seconds, 1),
        "sentences_per_s": round((len(s1) + len(s2)) / seconds, 1),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
    }


def show(result: dict) -> None:
    def cell(value):
        return "-" if value is None else value

    header = ["model", "pairs", "spearman x100", "published", "difference", "seconds", "sentences/s"]
    keys = ["model", "pairs", "spearman_x100", "published_x100", "difference", "seconds",
            "sentences_per_s"]
    row = [str(cell(result[k])) for k in keys]
    widths = [max(len(h), len(v)) for h, v in zip(header, row)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths)))
    print("  ".join("-" * w for w in widths))
    print("  ".join(v.ljust(w) for v, w in zip(row, widths)))
    print(f"\nmachine: {result['platform']}, {result['cpu_count']} CPUs")
    if result["published_x100"] is None:
        print("(no published figure compared: not the full test split, or no figure for this model)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="all-MiniLM-L6-v2",
                        help="bundled model name or path of a local sentence-transformers folder")
    parser.add_argument("--limit", type=int, default=None, metavar="N",
                        help="use only the first N pairs (quick check; no published comparison)")
    args = parser.parse_args(argv)
    if args.limit is not None and args.limit < 2:
        parser.error("--limit must be at least 2")

    result = run(args.model, args.limit)
    show(result)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(result))
        writer.writeheader()
        writer.writerow({k: "" if v is None else v for k, v in result.items()})
    print(f"written: {RESULTS.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
