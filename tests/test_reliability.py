"""The pipeline under misuse, damage and hostile input: the cases not tested beside their modules.

Where each case of the reliability list is tested:

1. one run per OUT: test_run.py (a second run names the holder; a dead holder is taken over);
2. OUT and CORPUS overlapping, make clean only with the marker: test_run.py;
3. damaged caches: test_embeddings.py (embedding shards), test_near_duplicates.py (sensitivity cache),
   each damaged by every way of tests/conftest.DAMAGES;
4. timings removed only from the brief: test_outputs.py;
5. symbolic links and same-stem files: test_corpus.py;
6. a step whose published file is missing reruns: test_incremental.py;
7. hostile CORPUS, OUT and P0x values, CSV formula cells, autolinks: here, test_tables.py, test_brief.py;
8. the PDF printer makes no network connection: here;
9. bounded cost: test_text.py (the linear splitter for a paragraph without punctuation),
   test_corpus.py (its warning), test_near_duplicates.py (boilerplate listed once, never paired; a
   syndicated story still compared); the 400-article figures in benchmarks/boilerplate.py;
10. messages that say what happened: test_run.py (a full disk, a parameter of the wrong type),
    test_corpus.py (no article text, byte-order marks, control and bidi characters, a second
    metadata row, ISO 8601 dates), test_claims.py (zero-width characters inside a number).
"""

import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, make_env
from newsbrief import browser
from newsbrief.browser import find_chromium

HOSTILE = "it's a \"dir\"; touch PWNED; `touch PWNED2` & | >x <y *?[a] #~!"


def make(*args, cwd=ROOT):
    return subprocess.run(["make", "--no-print-directory", *args], cwd=cwd, env=make_env(),
                          capture_output=True, text=True, timeout=600)


def test_hostile_corpus_and_parameter_values_never_reach_a_shell_unquoted(tmp_path):
    corpus = tmp_path / HOSTILE
    corpus.mkdir()
    (corpus / "a.txt").write_text("A headline\n\nSome article text about a harbour.\n", encoding="utf-8")
    out = tmp_path / "out"
    hostile_parameter = "z=3';touch PWNED3;echo '"
    result = make("report", f"CORPUS={corpus}", f"OUT={out}", f"P01={hostile_parameter}")
    # step 01 refuses the parameter with one line; nothing of the values was run as a command
    assert result.returncode != 0
    assert "newsbrief: parameter 'PWNED3;echo' is not NAME=VALUE" in result.stderr
    touched = [p for p in (ROOT, tmp_path, corpus, out) for name in ("PWNED", "PWNED2", "PWNED3", "x")
               if (p / name).exists()]
    assert touched == []
    # the values arrived whole: the manifest read the folder, the parameter stamp holds the literal text
    manifest = (out / ".steps" / "inputs").read_text(encoding="utf-8")
    assert manifest.splitlines()[0].endswith(HOSTILE) and manifest.rstrip().endswith("./a.txt")
    assert (out / ".steps" / "01-corpus-stats.params").read_text(encoding="utf-8") == hostile_parameter + "\n"
    assert make("help", f"CORPUS={corpus}").stdout.count(HOSTILE) == 1


def test_values_make_would_misread_are_refused_with_one_line(tmp_path):
    cases = [(f"OUT={tmp_path / 'my results'}", "holds characters make cannot use in a file name: ' '"),
             (f"OUT={tmp_path / 'a:b%c'}", "holds characters make cannot use in a file name: ':' '%'"),
             (f"OUT={tmp_path / 'a$(shell touch PWNED)'}", "OUT holds a '$', which make would expand"),
             (f"CORPUS={tmp_path / '$(shell touch PWNED)'}", "CORPUS holds a '$', which make would expand"),
             ("P02=z=$(shell touch PWNED)", "P02 holds a '$', which make would expand")]
    for value, message in cases:
        result = make("report", value)
        errors = [line for line in result.stderr.splitlines() if "***" in line]
        assert result.returncode != 0 and len(errors) == 1 and message in errors[0], (value, result.stderr)
    assert not (ROOT / "PWNED").exists() and not (tmp_path / "PWNED").exists()


@pytest.mark.skipif(find_chromium() is None or shutil.which("strace") is None,
                    reason="needs chromium (make browser) and strace")
def test_printing_the_pdf_reaches_no_network(tmp_path):
    """Under strace, every connect() of Chromium and its helpers: no name is looked up (nothing to port
    53), and where a network namespace is available (browser.isolation) no connection to an internet
    address succeeds (Chromium's own sign-in and updater requests still try, and find no network)."""
    page = tmp_path / "brief.html"
    page.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head>'
                    "<body><p>A brief with a <a href='https://example.com/'>link</a>.</p></body></html>",
                    encoding="utf-8")
    trace = tmp_path / "trace"
    script = ("from newsbrief.browser import print_pdf; import sys; "
              "assert print_pdf(sys.argv[1], sys.argv[2]) is not None")
    subprocess.run(["strace", "-f", "-qq", "-e", "trace=connect", "-o", str(trace), sys.executable, "-c", script,
                    str(page), str(tmp_path / "brief.pdf")], check=True, capture_output=True, timeout=300)
    assert (tmp_path / "brief.pdf").read_bytes().startswith(b"%PDF-")
    inet = [line for line in trace.read_text().splitlines() if re.search(r"connect\(\d+, \{sa_family=AF_INET6?,", line)]
    assert not [line for line in inet if "htons(53)" in line], "Chromium looked a host name up"
    if browser.isolation():
        assert not [line for line in inet if re.search(r"\) = 0$", line)], inet
