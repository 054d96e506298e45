"""Cost of boilerplate: N articles that all end with the same paragraph, through `make report`.

The articles are the first N Reuters-21578 stories of at least 400 characters (read from
``../shared/data/reuters21578``, never copied into the repository; see benchmarks/reuters.py), each
followed by one paragraph of three sentences that every article carries, as a site's standing
note does. Without a rule for it every article pair shares those three sentences: N = 400 gives
3 x 79,800 sentence pairs. The benchmark reports the rows and bytes of ``near_duplicates.csv``,
the rows of ``boilerplate.csv`` and the peak memory of step 02; ``--without-note`` measures the same
articles without the shared paragraph, what the corpus gives by itself.

    .venv/bin/python benchmarks/boilerplate.py --articles 400 --label after
    .venv/bin/python benchmarks/boilerplate.py --articles 400 --label control --without-note

Writes benchmarks/results/boilerplate.csv (one row per run, appended by article count).
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from reuters import read_reuters  # noqa: E402
from reuters_corpus import write_corpus  # noqa: E402

STANDING_NOTE = ("The Harbour Ledger is owned by a trust of its readers and takes no money from the "
                 "parties it covers. Its reporters follow the code of practice of the national press "
                 "council, which hears complaints from any reader. Corrections to this report are "
                 "printed on the second page of the next edition.")
RESULTS = HERE / "results" / "boilerplate.csv"


def build(folder: Path, n: int, note: bool = True) -> None:
    stories = read_reuters()
    ids = [k for k in sorted(stories) if len(stories[k]["body"]) >= 400 and stories[k]["title"].strip()][:n]
    write_corpus(stories, ids, folder)
    for path in sorted(folder.glob("*.txt")) if note else ():
        path.write_text(path.read_text(encoding="utf-8") + "\n" + STANDING_NOTE + "\n", encoding="utf-8")


def peak_mb(command: list[str], env: dict) -> tuple[subprocess.CompletedProcess, float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return done, time.perf_counter() - started, (after if after > before else float("nan")) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--label", default="", help="a word for the row (e.g. before, after)")
    parser.add_argument("--without-note", action="store_true",
                        help="the same articles without the shared paragraph: what the corpus gives by itself")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    with tempfile.TemporaryDirectory(prefix="newsbrief-boilerplate-") as scratch:
        corpus, out = Path(scratch) / "corpus", Path(scratch) / "out"
        corpus.mkdir()
        build(corpus, args.articles, note=not args.without_note)
        first = subprocess.run(["make", "--no-print-directory", f"{out}/.steps/01-corpus-stats",
                                f"CORPUS={corpus}", f"OUT={out}"], cwd=ROOT, env=env, capture_output=True, text=True)
        if first.returncode != 0:
            raise SystemExit(first.stdout[-2000:] + first.stderr[-2000:])
        # step 02 alone, in its own process tree, so the peak is its own
        done, seconds, peak = peak_mb(["make", "--no-print-directory", f"{out}/.steps/02-near-duplicates",
                                       f"CORPUS={corpus}", f"OUT={out}"], env)
        if done.returncode != 0:
            raise SystemExit(done.stdout[-2000:] + done.stderr[-2000:])
        table = out / "tables" / "near_duplicates.csv"
        with open(table, encoding="utf-8") as handle:
            rows = sum(1 for _ in csv.reader(handle)) - 1
        boiler = out / "tables" / "boilerplate.csv"
        boiler_rows = sum(1 for _ in csv.reader(open(boiler, encoding="utf-8"))) - 1 if boiler.is_file() else ""
        row = {"label": args.label, "articles": args.articles, "shared_note": not args.without_note, "near_duplicates_rows": rows,
               "near_duplicates_mb": round(table.stat().st_size / 1e6, 2), "boilerplate_rows": boiler_rows,
               "step_02_s": round(seconds, 1), "step_02_peak_mb": round(peak)}
    print(row)
    old = list(csv.DictReader(open(RESULTS, encoding="utf-8"))) if RESULTS.is_file() else []
    kept = [r for r in old if (r["label"], r["articles"]) != (args.label, str(args.articles))]
    with open(RESULTS, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        writer.writeheader()
        writer.writerows(sorted(kept + [row], key=lambda r: (int(r["articles"]), r["label"])))


if __name__ == "__main__":
    main()
