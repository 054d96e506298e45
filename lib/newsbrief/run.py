"""Running one pipeline step: a notebook executed by papermill, kept only when it succeeds.

    python -m newsbrief.run STEP --out OUT [--corpus CORPUS] [-p NAME=VALUE ...]

is what ``make report`` calls for each stale step (``make`` decides what is stale). It runs
``notebooks/STEP.ipynb`` with papermill inside ``notebooks/`` (so paths in the notebook are
relative and no machine path is written), with ``out_dir`` (and, for step 01, ``corpus_dir``)
set, plus any ``NAME=VALUE`` parameter (VALUE read as YAML: ``z=3``, ``chart_kinds=[count, money]``).

- The executed notebook is written to a hidden ``OUT/notebooks/.STEP.ipynb.running`` while it
  runs. On success its volatile metadata (papermill and nbclient timestamps and durations, the
  random id of the injected-parameters cell, the absolute output path) is scrubbed so a rerun
  writes the same bytes, and it replaces ``OUT/notebooks/STEP.ipynb``. On failure it replaces it
  too, with papermill's error banner, so the error can be read where the result would be; the
  command prints the error in one line and exits 1. A killed run leaves only the hidden file.
- The step's stamp ``OUT/.steps/STEP`` is written only on success. It holds the step's duration,
  the one run-dependent number, which the brief shows in its labelled timings block.
- Warnings the notebook printed (lines starting with ``warning:``) are repeated on stderr, so a
  broken article is reported in the terminal and not only inside the notebook.
- On a terminal, two progress bars: the notebook's cells, and the long computation inside the
  current cell (embedding, pair search, claim extraction...), which the library reports through a
  file named by ``NEWSBRIEF_PROGRESS`` (see :mod:`newsbrief.progress`). Elsewhere (logs, CI) no
  bar, and ``NEWSBRIEF_PROGRESS=off``. Either way the notebook's output holds no progress.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import TextIO

import yaml

from newsbrief import progress as _progress
from newsbrief.files import replacing

__all__ = ["KERNEL", "LOCK", "NOTEBOOKS", "holding", "main", "run_step", "scrub", "step_seconds"]

NOTEBOOKS = Path("notebooks")
KERNEL = "newsbrief"
_VOLATILE_PAPERMILL = ("start_time", "end_time", "duration")
# The kernel's own log: at its default level it warns on every start that it listens on local TCP.
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]


def scrub(nb: dict, output_path: str) -> dict:
    """Remove what changes from run to run in an executed notebook (in place; also returned).

    Dropped: the notebook's and every cell's papermill ``start_time``/``end_time``/``duration``
    and nbclient's ``execution`` timestamps. Fixed: the injected-parameters cell's random id
    (set to ``injected-parameters``) and papermill's ``output_path`` (set to ``output_path``,
    a path relative to the project). Everything else, outputs included, is kept as executed.
    """
    meta = nb.get("metadata", {}).get("papermill", {})
    for key in _VOLATILE_PAPERMILL:
        meta.pop(key, None)
    if "output_path" in meta:
        meta["output_path"] = output_path
    for cell in nb.get("cells", []):
        cell_meta = cell.get("metadata", {})
        cell_meta.pop("execution", None)
        for key in _VOLATILE_PAPERMILL:
            cell_meta.get("papermill", {}).pop(key, None)
        if "injected-parameters" in cell_meta.get("tags", []):
            cell["id"] = "injected-parameters"
    return nb


def _write_notebook(nb: dict, path: Path) -> None:
    with replacing(path) as tmp:
        tmp.write_text(json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")


def _printed_warnings(nb: dict) -> list[str]:
    lines = []
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                text = "".join(output.get("text", ""))
                lines += [line for line in text.splitlines() if line.startswith(("warning:", "note:"))]
    return lines


def step_seconds(stamp: str | Path) -> float | None:
    """The duration recorded in a step's stamp, or None for a stamp without one."""
    try:
        return float(Path(stamp).read_text(encoding="utf-8").split()[1])
    except (OSError, IndexError, ValueError):
        return None


def parse_parameter(text: str) -> tuple[str, object]:
    """``"z=3"`` -> ``("z", 3)``; the value is read as YAML, so lists and null work."""
    name, sep, value = text.partition("=")
    if not sep or not name.isidentifier():
        raise ValueError(f"parameter '{text}' is not NAME=VALUE")
    return name, yaml.safe_load(value) if value.strip() else ""


def _parameters(step: str, source: Path, out: Path, corpus: Path | None, extra: dict | None) -> dict:
    """The notebook's parameters: the folders as paths relative to ``notebooks/`` (so no machine
    path is written into an executed notebook), then ``extra``, each of which it must declare."""
    import papermill

    params = {"out_dir": os.path.relpath(out, NOTEBOOKS)}
    if corpus is not None:
        params["corpus_dir"] = os.path.relpath(corpus, NOTEBOOKS)
    declared = papermill.inspect_notebook(str(source))
    unknown = sorted(set(extra or {}) - set(declared))
    if unknown:
        raise RuntimeError(f"notebook {step} has no parameter {', '.join(map(repr, unknown))} "
                           f"(its parameters: {', '.join(declared)})")
    for name, value in sorted((extra or {}).items()):
        expected = declared[name].get("inferred_type_name", "")
        if not _fits(value, expected, declared[name].get("default", "")):
            article = "an" if expected[:1] in ("a", "e", "i", "o", "u") else "a"
            raise RuntimeError(f"parameter {name} of {step} is {article} {expected}; got {value!r} "
                               f"({type(value).__name__})")
    return params | (extra or {})


# A notebook parameter's declared type, and the YAML values that fit it (a float takes a whole number).
_TYPES = {"float": (int, float), "int": (int,), "str": (str,), "list": (list,), "bool": (bool,), "dict": (dict,)}


def _fits(value: object, expected: str, default: str) -> bool:
    """Whether ``value`` fits a parameter declared ``expected`` (None only where the default is None)."""
    if value is None:
        return default == "None"
    kinds = _TYPES.get(expected)
    if kinds is None:
        return True  # a type this check does not know: the notebook judges
    return isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)


def _execute(step: str, source: Path, running: Path, params: dict, bars: TextIO | None) -> str | None:
    """Run the notebook into ``running`` with papermill, progress drawn on ``bars``; the error in one
    line, or ``None`` when every cell succeeded."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    with warnings.catch_warnings(), tempfile.TemporaryDirectory(prefix="newsbrief-progress-") as scratch:
        # papermill and jupyter_client speak about the local kernel connection; nothing to act on.
        warnings.simplefilter("ignore")
        logging.getLogger("papermill").setLevel(logging.ERROR)
        display = _progress.Display(step, Path(scratch) / "progress", bars) if bars is not None else None
        # The kernel inherits this process's environment: it reports progress to the display's file.
        previous = os.environ.get(_progress.ENV)
        os.environ[_progress.ENV] = str(display.path) if display else _progress.OFF
        cells = {"desc": step, "leave": False, "file": bars, "dynamic_ncols": True} if bars is not None else False
        try:
            with display if display else contextlib.nullcontext():
                papermill.execute_notebook(str(source), str(running), parameters=params, kernel_name=KERNEL,
                                           cwd=str(NOTEBOOKS), progress_bar=cells, log_output=False,
                                           extra_arguments=KERNEL_ARGUMENTS)
        except PapermillExecutionError as err:
            return f"{err.ename}: {str(err.evalue).splitlines()[0] if err.evalue else ''}"
        except Exception as err:  # the kernel died, a parameter is unknown to the notebook, ...
            return f"{type(err).__name__}: {str(err).splitlines()[0] if str(err) else ''}"
        finally:
            if previous is None:
                os.environ.pop(_progress.ENV, None)
            else:
                os.environ[_progress.ENV] = previous
    return None


def run_step(step: str, out: Path, corpus: Path | None = None, parameters: dict | None = None,
             bars: TextIO | None = None) -> float:
    """Execute ``notebooks/STEP.ipynb`` into ``out`` (see the module docstring); return its seconds.

    ``bars``: where to draw the progress bars; by default standard error when it is a terminal,
    otherwise none.

    Raises:
        RuntimeError: the notebook failed; the message names it and its error in one line.
    """
    # jsonschema's optional IRI format checker (package rfc3987_syntax) builds a parser grammar when
    # it is imported: about 1 s of every step's start-up, for a format no notebook schema uses.
    # Leaving it out of this process makes jsonschema skip that one checker. (Before papermill's import.)
    sys.modules.setdefault("rfc3987_syntax", None)
    source = NOTEBOOKS / f"{step}.ipynb"
    if not source.is_file():
        raise RuntimeError(f"no notebook {source}")
    params = _parameters(step, source, out, corpus, parameters)
    final = out / "notebooks" / f"{step}.ipynb"
    running = final.with_name(f".{final.name}.running")
    running.parent.mkdir(parents=True, exist_ok=True)
    if bars is None and sys.stderr.isatty():
        bars = sys.stderr
    started = time.monotonic()
    error = _execute(step, source, running, params, bars)
    seconds = time.monotonic() - started
    if running.is_file():  # kept even when it failed: it shows papermill's banner at the failing cell
        try:
            nb = scrub(json.loads(running.read_text(encoding="utf-8")), final.as_posix())
        except (json.JSONDecodeError, UnicodeDecodeError):
            running.unlink()
            if error is not None and _NO_SPACE.search(error):
                raise RuntimeError(f"notebook {step} stopped: no space left on device in {out}{_no_space(out)}; "
                                   "free some space and run again") from None
            raise RuntimeError(f"the executed notebook {step} was written only in part{_no_space(out)}; "
                               "free some space and run again") from None
        _write_notebook(nb, final)
        running.unlink()
        for line in _printed_warnings(nb):
            print(f"newsbrief: {step}: {line}", file=sys.stderr)
    if error is not None:
        if _NO_SPACE.search(error):
            raise RuntimeError(f"notebook {step} stopped: no space left on device in {out}{_no_space(out)}; "
                               "free some space and run again")
        raise RuntimeError(f"notebook {step} failed with {error} (the notebook, with the error, is {final})")
    stamp = out / ".steps" / step
    with replacing(stamp) as tmp:
        tmp.write_text(f"seconds {seconds:.1f}\n", encoding="utf-8")
    return seconds


# How a full disk shows in a notebook's error (errno 28, ENOSPC).
_NO_SPACE = re.compile(r"No space left on device|\[Errno 28\]")


def _no_space(out: Path) -> str:
    """", the disk is full (N bytes free)" when OUT's file system has under 1 MB left, else ""."""
    try:
        free = shutil.disk_usage(out).free
    except OSError:
        return ""
    return f": the disk is full ({free:,} bytes free)" if free < 1_000_000 else ""


LOCK = ".lock"  # in OUT: held by the step that is writing OUT, with its process id


@contextlib.contextmanager
def holding(out: Path):
    """Hold OUT for one step: a second run on the same OUT stops at once, naming the holder.

    The lock is an advisory ``flock`` on ``OUT/.lock``, which the system releases when its process
    ends however it ends, so a lock left by a killed run is simply taken over; the file holds the
    holder's process id, for the message.
    """
    import fcntl

    Path(out).mkdir(parents=True, exist_ok=True)
    with open(Path(out) / LOCK, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            raise RuntimeError(f"another run is writing {out} (process {holder}); wait for it to end or stop it, "
                               "then run again") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsbrief.run", description=__doc__.splitlines()[0])
    parser.add_argument("step", help="notebook name without .ipynb, e.g. 02-near-duplicates")
    parser.add_argument("--out", required=True, type=Path, help="output folder of the run")
    parser.add_argument("--corpus", type=Path, help="folder of articles (step 01 only)")
    parser.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE")
    args = parser.parse_args(argv)
    try:
        parameters = dict(parse_parameter(p) for p in args.parameter)
        with holding(args.out):
            seconds = run_step(args.step, args.out, args.corpus, parameters)
    except (RuntimeError, ValueError) as err:
        print(f"newsbrief: {err}", file=sys.stderr)
        return 1
    except OSError as err:
        if err.errno == errno.ENOSPC:
            print(f"newsbrief: {args.step} stopped: no space left on device writing {err.filename or args.out}; "
                  "free some space and run again", file=sys.stderr)
        else:
            print(f"newsbrief: {args.step} stopped: {err}", file=sys.stderr)
        return 1
    print(f"newsbrief: {args.step} finished in {seconds:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
