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
    .venv/bin/python benchmarks/scale.py --sizes 2000 20000 --engines local dask-2 --cold-only --paths-size 0
    .venv/bin/python benchmarks/scale.py --sizes 20000 --engines local dask-2 --cold-only --paths-size 0 \
        --make-args P02=neighbour_index=lists                 # the approximate nearest-neighbour index

(e) With ``--engines local dask-1 dask-2``, each size runs on each engine (``dask-N``: a LocalCluster of
N single-threaded worker processes started by the benchmark and kept across the steps, as a cluster
is; ``make report ENGINE=dask SCHEDULER=...``): the client's peak RSS, each worker's, and whether every
table has the bytes of the first engine's (``same_tables_as_first``).

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


# Runs a command and prints, last on standard error, the peak RSS (KB) of the largest process it waited for.
_PEAK = ("import resource, subprocess, sys; done = subprocess.run(sys.argv[1:]); "
         "print('peak-rss', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); "
         "sys.exit(done.returncode)")


def make_report(corpus: Path, out: Path, *extra: str) -> tuple[float, float]:
    """Wall seconds and the peak RSS (MB) of the largest process of one `make report` (the client's, on
    Dask: the workers are not its processes)."""
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _PEAK, "make", "--no-print-directory", "report", f"CORPUS={corpus}",
                           f"OUT={out}", *extra], cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stdout[-3000:] + done.stderr[-3000:])
    peak = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("peak-rss ")]
    return wall, int(peak[-1]) / 1024 if peak else float("nan")


def engine_run(corpus: Path, out: Path, engine: str, *extra: str) -> tuple[float, float, list[float]]:
    """One cold `make report` on ``engine`` ("local", or "dask-N": a LocalCluster of N single-threaded
    worker processes started here, kept across the four steps as a cluster is): wall seconds, the
    client's peak RSS (MB) and each worker's (MB)."""
    if engine == "local":
        return (*make_report(corpus, out, *extra), [])
    from dask.distributed import Client, LocalCluster

    workers = int(engine.split("-")[1])
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        wall, peak = make_report(corpus, out, "ENGINE=dask", f"SCHEDULER={cluster.scheduler_address}", *extra)
        rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return wall, peak, [round(kb / 1024) for _, kb in sorted(rss.items())]


def same_tables(out: Path, reference: Path) -> str:
    """'yes' when every table of ``out`` has the bytes of ``reference``'s, else the tables that differ."""
    names = sorted({p.name for folder in (out, reference) for p in (folder / "tables").glob("*.csv")})
    differ = [n for n in names if not (out / "tables" / n).is_file() or not (reference / "tables" / n).is_file()
              or (out / "tables" / n).read_bytes() != (reference / "tables" / n).read_bytes()]
    return "yes" if not differ else "differ: " + " ".join(differ)


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
    parser.add_argument("--engines", nargs="+", default=["local"],
                        help="local and/or dask-N (a LocalCluster of N workers); each runs cold on every size")
    parser.add_argument("--cold-only", action="store_true", help="no warm and no-op runs")
    parser.add_argument("--make-args", nargs="*", default=[],
                        help="more arguments of every make report, e.g. P02=neighbour_index=lists")
    parser.add_argument("--out", type=Path, default=RESULTS / "scale.csv")
    args = parser.parse_args()
    print(f"machine: {machine()}", flush=True)
    RESULTS.mkdir(exist_ok=True)
    rows, paths = [], []
    from newsbrief.tables import read_table

    with tempfile.TemporaryDirectory(prefix="newsbrief-scale-") as scratch:
        for size in args.sizes:
            corpus = Path(scratch) / f"corpus-{size}"
            generate(size, corpus)
            first = None
            for engine in args.engines:
                out = Path(scratch) / f"out-{size}-{engine}"
                cold, rss, workers = engine_run(corpus, out, engine, *args.make_args)
                steps = step_seconds(out)
                # recall with the default settings: the cold run's pairs, before the warm run changes z
                recall = {f"recall_{k}_{lv}": round(h / n, 2) for k, lv, n, h in score(corpus, out)}
                row = {"articles": len(list(corpus.glob("*.txt"))), "make_args": " ".join(args.make_args),
                       "sentences": len(read_table(out / "tables", "sentences.csv")), "engine": engine,
                       "cold_s": round(cold, 1), "peak_rss_mb": round(rss),
                       "worker_peak_rss_mb": "/".join(str(w) for w in workers), **steps}
                if not args.cold_only:
                    warm, _, _ = engine_run(corpus, out, engine, *args.make_args, "P02=z=3")
                    noop, _, _ = engine_run(corpus, out, engine, *args.make_args, "P02=z=3")
                    row.update(warm_02_04_s=round(warm, 1), noop_s=round(noop, 2))
                row.update(recall)
                row["same_tables_as_first"] = same_tables(out, first) if first else "first"
                first = first or out
                rows.append(row)
                print(rows[-1], flush=True)
            if size == args.paths_size:
                paths = candidate_paths(corpus, first)
                print(paths, flush=True)
            for extra in Path(scratch).glob(f"out-{size}-*"):  # a 20,000-article run's outputs are gigabytes
                if extra != first or size != args.sizes[-1]:
                    subprocess.run(["rm", "-rf", str(extra)], check=False)
    print()
    write(rows, args.out)
    if paths:
        print()
        write(paths, RESULTS / "candidate_paths.csv")


if __name__ == "__main__":
    main()
