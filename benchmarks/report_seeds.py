"""`make report` on the seeds: cold, warm and no-op, with each step's time.

In a throw-away copy of the project (the environment linked, so it must exist: run `make test`
or `make report` once first), it times:

- cold: `make report` from nothing (no outputs, no embedding cache; the environment and its
  exported ONNX model exist);
- warm: after notebook 03 changed (steps 03 and 04 rerun; embeddings come from the cache);
- no-op: `make report` again with nothing changed.

Each is run ``--repeat`` times (default 3) and the median is reported, with the step durations
of the cold run read from the stamps. Run from the repository root (`make bench` runs every
benchmark):

    .venv/bin/python benchmarks/report_seeds.py

It prints a table and the machine, and writes benchmarks/results/report_seeds.csv.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "report_seeds.csv"
STEPS = ["01-corpus-stats", "02-near-duplicates", "03-figure-claims", "04-brief"]
sys.path.insert(0, str(HERE))

from embedding_backends import machine  # noqa: E402


def project_copy(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in ("Makefile", "requirements.txt", "pyproject.toml"):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("notebooks", "seeds"):
        shutil.copytree(ROOT / name, dest / name)
    (dest / "lib").symlink_to(ROOT / "lib")
    (dest / ".venv").symlink_to(ROOT / ".venv")
    return dest


def make_report(tree: Path) -> tuple[float, list[str]]:
    env = {k: v for k, v in os.environ.items() if k not in {"MAKEFLAGS", "MAKELEVEL", "MFLAGS"}}
    started = time.perf_counter()
    done = subprocess.run(["make", "--no-print-directory", "report"], cwd=tree, env=env, capture_output=True,
                          text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(done.stdout + done.stderr)
    return seconds, [line.split()[2] for line in done.stdout.splitlines() if line.startswith("newsbrief: running")]


def step_seconds(tree: Path) -> dict[str, float]:
    return {s: float((tree / "outputs" / ".steps" / s).read_text().split()[1]) for s in STEPS}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    runs: dict[str, list[float]] = {"cold": [], "warm (03 changed)": [], "no-op": []}
    steps: list[dict[str, float]] = []
    ran: dict[str, list[str]] = {}
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="newsbrief-bench-") as folder:
            tree = project_copy(Path(folder) / "project")
            seconds, ran["cold"] = make_report(tree)
            runs["cold"].append(seconds)
            steps.append(step_seconds(tree))
            notebook = tree / "notebooks" / "03-figure-claims.ipynb"
            nb = json.loads(notebook.read_text(encoding="utf-8"))
            nb["cells"][0]["source"].append("\n")
            notebook.write_text(json.dumps(nb, indent=1), encoding="utf-8")
            seconds, ran["warm (03 changed)"] = make_report(tree)
            runs["warm (03 changed)"].append(seconds)
            seconds, ran["no-op"] = make_report(tree)
            runs["no-op"].append(seconds)
    rows = [{"run": name, "median_s": round(statistics.median(times), 2), "min_s": round(min(times), 2),
             "max_s": round(max(times), 2), "steps_run": " ".join(s[:2] for s in ran[name]) or "none"}
            for name, times in runs.items()]
    cold_steps = {s: round(statistics.median(d[s] for d in steps), 2) for s in STEPS}
    RESULTS.parent.mkdir(exist_ok=True)
    with RESULTS.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=[*rows[0], *STEPS], lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, **(cold_steps if row["run"] == "cold" else {})})
    print(f"machine: {machine()}")
    print(f"make report on the seeds, median of {args.repeat}")
    print(f"{'run':20} {'median s':>9} {'min s':>7} {'max s':>7}  steps run")
    for row in rows:
        print(f"{row['run']:20} {row['median_s']:9.2f} {row['min_s']:7.2f} {row['max_s']:7.2f}  {row['steps_run']}")
    print("cold run, seconds per step (from the stamps):", ", ".join(f"{s} {v}" for s, v in cold_steps.items()))
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
