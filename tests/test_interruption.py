"""Interruption and failure: a killed or failed step never costs the previous results.

A step stages its files and publishes them only in its last cell; the runner writes a step's
executed notebook under a hidden name until the step ends, and its stamp only on success.
"""

import json
import os
import signal
import subprocess
import time

from conftest import blocked_network_env, finished_copy, make_env, published_bytes, ran, run_make, without_timings

RUNNING = "outputs/notebooks/.02-near-duplicates.ipynb.running"
STAGED = "outputs/.staging/02-near-duplicates/figures/calibration.png"


def cell_done(path, cell_id) -> bool:
    """Whether the notebook papermill is writing at ``path`` has finished cell ``cell_id``."""
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError):
        return False  # not there yet, or being rewritten
    return any(c.get("id") == cell_id and c["metadata"].get("papermill", {}).get("status") == "completed"
               for c in cells)


def test_a_run_killed_during_notebook_02_keeps_the_previous_brief(seeds_run, tmp_path):
    tree = finished_copy(seeds_run, tmp_path / "project")
    out = tree / "outputs"
    before = published_bytes(out)
    stamp = (out / ".steps" / "02-near-duplicates").read_bytes()
    make = subprocess.Popen(["make", "--no-print-directory", "report", "P02=z=3"], cwd=tree, env=make_env(),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    # Kill once notebook 02 has staged its calibration figure (cell 02-09) and is computing the
    # sensitivity table, seconds before it publishes.
    deadline = time.monotonic() + 300
    while not cell_done(tree / RUNNING, "02-09") and make.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(make.pid, signal.SIGKILL)
    make.wait()
    assert (tree / STAGED).is_file(), "the kill did not land inside notebook 02"
    assert published_bytes(out) == before  # brief, tables, figures, notebooks: not one byte changed
    assert (out / ".steps" / "02-near-duplicates").read_bytes() == stamp  # step 02 is not marked done
    result = run_make("report", "P02=z=3", cwd=tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ran(result) == ["02-near-duplicates", "04-brief"]
    assert not (out / ".staging").exists() and not (tree / RUNNING).exists()
    assert (out / "brief.html").read_bytes().startswith(b"<!DOCTYPE html>")
    assert '"z": 3' in (out / "notebooks" / "02-near-duplicates.ipynb").read_text(encoding="utf-8")


def test_an_unknown_model_fails_with_one_line_and_the_previous_brief_stays(seeds_run, tmp_path):
    tree = finished_copy(seeds_run, tmp_path / "project")
    out = tree / "outputs"
    before = published_bytes(out)
    netlog = tmp_path / "network.log"
    result = run_make("report", "P02=model=no-such-model", cwd=tree, env=blocked_network_env(netlog))
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("newsbrief:")]
    assert errors == [
        "newsbrief: notebook 02-near-duplicates failed with ModelError: embedding model 'no-such-model' is not "
        "available offline: use 'all-MiniLM-L6-v2' (bundled) or the path of a local sentence-transformers model "
        "folder (the notebook, with the error, is outputs/notebooks/02-near-duplicates.ipynb)",
        "newsbrief: make report stopped at 02-near-duplicates",
    ]
    failed = (out / "notebooks" / "02-near-duplicates.ipynb").read_text(encoding="utf-8")
    assert "An Exception was encountered at" in failed and "papermill-error-cell" in failed  # papermill's banner
    after = published_bytes(out)
    assert {k: v for k, v in after.items() if k != "notebooks/02-near-duplicates.ipynb"} == {
        k: v for k, v in before.items() if k != "notebooks/02-near-duplicates.ipynb"}
    assert not netlog.exists()  # failed at once, without asking the network
    result = run_make("report", cwd=tree)  # back to the bundled model: the run completes
    assert result.returncode == 0 and ran(result) == ["02-near-duplicates", "04-brief"], result.stderr
    after = published_bytes(out)
    assert after.keys() == before.keys()
    assert all(without_timings(after[k]) == without_timings(before[k]) for k in before)
