"""The step runner: scrubbing run metadata, parameters, stamps, relayed warnings and progress bars."""

import errno
import json
import os
import pty
import re
import select
import subprocess
import termios
import time

import pytest

from conftest import ROOT, finished_copy, make_env, published_bytes, without_timings
from newsbrief import progress, run


def executed():
    return {
        "metadata": {"papermill": {"start_time": "2026-01-01T00:00:00", "end_time": "2026-01-01T00:00:09",
                                   "duration": 9.1, "output_path": "/tmp/x/notebooks/01.ipynb",
                                   "parameters": {"out_dir": "../outputs"}, "exception": None}},
        "cells": [
            {"cell_type": "code", "id": "a81f3c2e", "source": "out_dir = '../outputs'",
             "metadata": {"tags": ["injected-parameters"],
                          "execution": {"iopub.status.busy": "2026-01-01T00:00:01Z"},
                          "papermill": {"start_time": "x", "end_time": "y", "duration": 0.1, "status": "completed",
                                        "exception": False}},
             "outputs": []},
            {"cell_type": "code", "id": "01-04", "source": "print(1)", "metadata": {},
             "outputs": [{"output_type": "stream", "name": "stdout",
                          "text": ["2 articles loaded\n", "warning: a.txt: empty file; skipped\n"]}]},
        ],
    }


def test_scrub_removes_times_and_random_ids_and_keeps_the_rest():
    nb = run.scrub(executed(), "outputs/notebooks/01.ipynb")
    text = json.dumps(nb)
    assert "2026-01-01" not in text and "duration" not in text and "iopub" not in text
    assert nb["metadata"]["papermill"] == {"output_path": "outputs/notebooks/01.ipynb",
                                           "parameters": {"out_dir": "../outputs"}, "exception": None}
    assert nb["cells"][0]["id"] == "injected-parameters" and nb["cells"][1]["id"] == "01-04"
    assert nb["cells"][0]["metadata"]["papermill"] == {"status": "completed", "exception": False}
    assert nb["cells"][1]["outputs"] == executed()["cells"][1]["outputs"]


def test_printed_warnings_are_found_for_the_terminal():
    assert run._printed_warnings(executed()) == ["warning: a.txt: empty file; skipped"]
    nb = executed()
    nb["cells"][0]["outputs"].append({"output_type": "stream", "name": "stderr",
                                      "text": ["note: Dask dashboard at http://h:8787/status (2 workers)\n"]})
    assert run._printed_warnings(nb) == ["note: Dask dashboard at http://h:8787/status (2 workers)",
                                         "warning: a.txt: empty file; skipped"]


@pytest.mark.parametrize("text,expected", [
    ("z=3", ("z", 3)), ("z=2.5", ("z", 2.5)), ("sentence_cosine=null", ("sentence_cosine", None)),
    ("chart_kinds=[count,money]", ("chart_kinds", ["count", "money"])), ("model=all-MiniLM-L6-v2", ("model", "all-MiniLM-L6-v2")),
])
def test_parameters_are_name_equals_yaml_value(text, expected):
    assert run.parse_parameter(text) == expected


@pytest.mark.parametrize("text", ["z", "=3", "not a name=1"])
def test_a_malformed_parameter_is_refused(text):
    with pytest.raises(ValueError, match="is not NAME=VALUE"):
        run.parse_parameter(text)


def test_step_seconds_reads_the_stamp(tmp_path):
    (tmp_path / "s").write_text("seconds 12.5\n")
    (tmp_path / "old").write_text("")
    assert run.step_seconds(tmp_path / "s") == 12.5
    assert run.step_seconds(tmp_path / "old") is None and run.step_seconds(tmp_path / "missing") is None


def test_an_unknown_step_or_parameter_is_one_clear_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)  # the runner is called from the project root, as make does
    assert run.main(["09-nothing", "--out", str(tmp_path)]) == 1
    assert capsys.readouterr().err.strip() == "newsbrief: no notebook notebooks/09-nothing.ipynb"
    assert run.main(["03-figure-claims", "--out", str(tmp_path), "-p", "zz=1"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsbrief: notebook 03-figure-claims has no parameter 'zz' (its parameters: out_dir, model")
    assert not (tmp_path / ".steps").exists()  # nothing ran, nothing stamped


def test_on_a_terminal_make_report_draws_bars_and_the_notebook_stays_the_same(seeds_run, tmp_path):
    """`make report` with its standard error on a terminal (a pseudo-terminal, 120 columns) reruns
    step 03: cell and work bars are drawn there, and the executed notebook holds none of them."""
    tree = finished_copy(seeds_run, tmp_path / "project")
    out = tree / "outputs"
    before = published_bytes(out)
    (out / ".steps" / "03-figure-claims").unlink()
    master, terminal = pty.openpty()
    termios.tcsetwinsize(terminal, (40, 120))
    env = {k: v for k, v in make_env().items() if k != progress.ENV}
    done = subprocess.run(["make", "--no-print-directory", "report"], cwd=tree, env=env, stdout=subprocess.PIPE,
                          stderr=terminal, stdin=subprocess.DEVNULL, timeout=600)
    os.close(terminal)
    screen = b""
    while select.select([master], [], [], 0.5)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    os.close(master)
    assert done.returncode == 0, screen.decode("utf-8", "replace")[-3000:]
    drawn = screen.decode("utf-8", "replace")
    assert re.search(r"03-figure-claims: +\d+%\|.*\| \d+/\d+ \[", drawn), drawn[-2000:]  # the cells
    assert "cell/s" in drawn
    assert "03-figure-claims finished in" in done.stdout.decode()
    assert published_bytes(out).keys() == before.keys()
    assert all(without_timings(published_bytes(out)[k]) == without_timings(before[k]) for k in before)


def test_out_inside_corpus_is_refused_and_clean_deletes_only_what_newsbrief_wrote(tmp_path):
    """OUT inside CORPUS (or the same folder) would read the brief back as an article, and make clean
    would delete the articles: both are refused with one line. make clean deletes an OUT only when
    newsbrief's marker file is in it."""
    corpus = tmp_path / "articles"
    corpus.mkdir()
    (corpus / "a.txt").write_text("A headline\n\nSome article text about a harbour.\n", encoding="utf-8")
    for goal, out in (("report", corpus / "out"), ("clean", corpus)):
        result = subprocess.run(["make", goal, f"CORPUS={corpus}", f"OUT={out}"], cwd=ROOT, capture_output=True,
                                text=True)
        assert result.returncode != 0 and "overlap (one is inside the other)" in result.stderr
    assert sorted(p.name for p in corpus.iterdir()) == ["a.txt"]  # nothing written, nothing deleted
    foreign = tmp_path / "not-newsbrief"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine", encoding="utf-8")
    result = subprocess.run(["make", "clean", f"OUT={foreign}"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0 and "not deleting it" in result.stderr and (foreign / "keep.txt").is_file()
    # nor does a report mark a folder that holds files of its own: clean could then delete them
    result = subprocess.run(["make", "report", f"CORPUS={corpus}", f"OUT={foreign}"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode != 0 and "already holds files newsbrief did not write" in result.stderr
    assert sorted(p.name for p in foreign.iterdir()) == ["keep.txt"]
    (foreign / ".newsbrief").write_text("written by newsbrief\n", encoding="utf-8")
    assert subprocess.run(["make", "clean", f"OUT={foreign}"], cwd=ROOT, capture_output=True).returncode == 0
    assert not foreign.exists()


def test_a_second_run_on_the_same_out_stops_naming_the_holder_and_a_dead_holder_is_taken_over(tmp_path):
    import fcntl

    out = tmp_path / "out"
    with run.holding(out):  # this process holds OUT, as a running step would
        holder = (out / run.LOCK).read_text().strip()
        assert holder == str(os.getpid())
        with pytest.raises(RuntimeError, match=f"another run is writing .* \\(process {holder}\\)"):
            with run.holding(out):
                pass
        code = run.main(["01-corpus-stats", "--out", str(out), "--corpus", str(ROOT / "seeds")])
        assert code == 1 and not (out / ".steps").exists()  # refused before it wrote anything
    (out / run.LOCK).write_text("999999\n")  # a killed run leaves its pid, but no lock: taken over
    with run.holding(out):
        assert (out / run.LOCK).read_text().strip() == str(os.getpid())
    with open(out / run.LOCK) as handle:  # and released after
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)


@pytest.mark.parametrize("parameter, message", [
    ("z=abc", "parameter z of 02-near-duplicates is a float; got 'abc' (str)"),
    ("z=true", "parameter z of 02-near-duplicates is a float; got True (bool)"),
    ("exhaustive_limit=1.5", "parameter exhaustive_limit of 02-near-duplicates is an int; got 1.5 (float)"),
    ("z=", "parameter z of 02-near-duplicates is a float; got '' (str)"),
])
def test_a_parameter_of_the_wrong_type_is_refused_naming_it_and_its_type(tmp_path, capsys, parameter, message):
    code = run.main(["02-near-duplicates", "--out", str(tmp_path / "out"), "-p", parameter])
    assert code == 1 and message in capsys.readouterr().err
    # the right types pass the check (and None where the default is None)
    assert run._fits(3, "float", "1.5") and run._fits(None, "float", "None") and not run._fits(None, "float", "1.5")


def test_a_full_disk_is_named_as_such(tmp_path, capsys, monkeypatch):
    """A notebook that stops on ENOSPC, an executed notebook cut short by it, and ENOSPC raised while
    writing: each says "no space left on device", never a JSON parse error."""
    out = tmp_path / "out"

    def stops(step, source, running, params, bars):
        running.write_text('{"cells": [{"source": "unterminated', encoding="utf-8")
        return "OSError: [Errno 28] No space left on device"

    monkeypatch.setattr(run, "_execute", stops)
    assert run.main(["02-near-duplicates", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "no space left on device" in err and "Unterminated" not in err and len(err.strip().splitlines()) == 1
    monkeypatch.setattr(run, "_execute", lambda *a: None)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(out / "notebooks" / "x.ipynb"))

    monkeypatch.setattr(run, "_write_notebook", full)
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(run, "_execute", lambda step, source, running, params, bars: running.write_text(
        json.dumps({"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}), encoding="utf-8") and None)
    assert run.main(["02-near-duplicates", "--out", str(out)]) == 1
    assert "02-near-duplicates stopped: no space left on device writing" in capsys.readouterr().err


def test_two_make_reports_on_one_out_at_once_the_second_stops_naming_the_first(tmp_path):
    """A second make report started while one is writing OUT stops with one line naming the first,
    and the first finishes its brief."""
    out = tmp_path / "out"
    first = subprocess.Popen(["make", "report", f"CORPUS={ROOT / 'tests' / 'fixtures' / 'other_corpus'}",
                              f"OUT={out}"], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(600):  # the first make has claimed OUT
            if (out / ".steps" / "make.pid").is_file() or first.poll() is not None:
                break
            time.sleep(0.1)
        second = subprocess.run(["make", "report", f"CORPUS={ROOT / 'seeds'}", f"OUT={out}"], cwd=ROOT,
                                capture_output=True, text=True)
        assert second.returncode != 0
        assert f"another make report is writing '{out}' (process {first.pid})" in second.stderr
    finally:
        stdout, stderr = first.communicate(timeout=900)
    assert first.returncode == 0, stdout + stderr
    assert (out / "brief.html").is_file()
    assert "another make report" not in stderr
