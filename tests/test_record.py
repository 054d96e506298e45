"""The published record: `outputs/` as committed is what a run from nothing produces, byte for byte.

The seeds run of conftest.py (a project copy, no cache, network blocked) is compared with the
checkout's `outputs/`: every table, figure, executed notebook and the brief (HTML and Markdown)
must be the same bytes, except the brief's labelled timings block. A code change that changes a
finding therefore fails here until `make report` is rerun and the new `outputs/` committed, and
the change shows in review as a diff of `outputs/`. Then nbval re-executes the executed notebooks
and checks that every cell reproduces its recorded output.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, STEPS, TIMINGS, without_timings
from newsbrief import progress

RECORD = ROOT / "outputs"
# What a run publishes; the rest of OUT (cache, stamps, PDF) is not part of the record (.gitignore).
PUBLISHED = ["tables/*.csv", "figures/*.png", "notebooks/*.ipynb", "brief.html", "brief.md"]


def published(out):
    return sorted(p.relative_to(out).as_posix() for pattern in PUBLISHED for p in out.glob(pattern))


def test_the_record_is_committed():
    assert published(RECORD), "outputs/ is missing: run `make report` and commit outputs/"
    assert set(published(RECORD)) >= {"brief.html", "brief.md", "tables/claims.csv",
                                      *(f"notebooks/{s}.ipynb" for s in STEPS)}


def test_a_run_from_nothing_reproduces_the_record_byte_for_byte(seeds_out):
    assert published(seeds_out) == published(RECORD)
    differ = [name for name in published(RECORD)
              if without_timings((seeds_out / name).read_bytes()) != without_timings((RECORD / name).read_bytes())]
    assert differ == [], (f"{differ} differ from the committed outputs/: if the change is intended, "
                          "run `make report` and commit outputs/")


def test_only_the_timings_block_is_run_dependent(seeds_out):
    for name in ("brief.html", "brief.md"):
        data = (seeds_out / name).read_bytes()
        assert len(TIMINGS.findall(data)) == 1 and b"Step durations of the run that produced these results" in TIMINGS.search(data).group()
    for name in published(seeds_out):
        if name.endswith(".ipynb"):
            text = (seeds_out / name).read_text(encoding="utf-8")
            assert not re.search(r'"(start_time|end_time|duration|iopub\.[a-z_.]+)"', text), name
            assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:\d\d", text), name  # no timestamp at all


def test_the_record_holds_no_machine_path():
    for name in published(RECORD):
        text = (RECORD / name).read_text(encoding="utf-8", errors="replace")
        assert str(ROOT) not in text and "/tmp/" not in text and "/home/" not in text, name


def test_the_executed_notebooks_reproduce_under_nbval(seeds_run, tmp_path):
    """`pytest --nbval` on the executed notebooks, each re-run in a copy of the seeds run's tree."""
    tree = tmp_path / "project"
    tree.mkdir()
    shutil.copytree(seeds_run.out / "notebooks", tree / "notebooks")
    shutil.copytree(seeds_run.root / "seeds", tree / "seeds")
    shutil.copytree(seeds_run.out, tree / "outputs", ignore=shutil.ignore_patterns("notebooks", ".steps"))
    (tree / "lib").symlink_to(ROOT / "lib")
    shutil.copy2(ROOT / "requirements.txt", tree / "requirements.txt")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval", "--nbval-sanitize-with", str(ROOT / "tests" / "nbval_sanitize.cfg"),
         "-p", "no:cacheprovider", "-q", "notebooks"],
        # as under make report: no progress bar in a cell's output (one shows after 2 s otherwise)
        cwd=tree, capture_output=True, text=True, timeout=900, env={**os.environ, progress.ENV: progress.OFF})
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    cells = sum(1 for _ in re.finditer(r"\bpassed\b", result.stdout))
    assert cells and not re.search(r"\b(failed|error)\b", result.stdout.splitlines()[-1])
    # the re-execution published the same tables again
    for name in published(seeds_run.out):
        if name.startswith("tables/"):
            assert (tree / "outputs" / name).read_bytes() == (seeds_run.out / name).read_bytes(), name


@pytest.mark.parametrize("name", ["brief.html", "brief.md"])
def test_without_timings_removes_exactly_the_block(name):
    data = (RECORD / name).read_bytes()
    stripped = without_timings(data)
    assert len(data) - len(stripped) < 400 and b"Step durations" not in stripped
