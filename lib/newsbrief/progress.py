"""Progress of the long computations, shown where the person running them is looking.

Where a bar goes depends on the environment variable ``NEWSBRIEF_PROGRESS``:

* a file path: set by the step runner (:mod:`newsbrief.run`, what ``make report`` calls) when its
  standard error is a terminal. Each update appends ``label<TAB>done<TAB>total<TAB>unit`` to the
  file, and the runner draws the bar in the terminal (:class:`Display`). Nothing reaches the
  notebook's output, so an executed notebook's bytes never depend on progress.
* ``off``: nothing. The runner sets it when its standard error is not a terminal (logs, CI), so a
  user's own setting never leaks into an executed notebook.
* unset (a notebook open in JupyterLab, a script): a text bar on standard error, shown only once
  the work has lasted ``DELAY`` seconds.

Only the outermost bar is shown: work that runs inside another bar's work (the detections that
:func:`newsbrief.near_duplicates.sensitivity` repeats, say) counts silently.

Progress never fails a computation: a progress file that cannot be written is ignored.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO, TypeVar

__all__ = ["DELAY", "ENV", "NOTE", "OFF", "Display", "Progress", "notice", "parse_line", "track"]

ENV = "NEWSBRIEF_PROGRESS"
OFF = "off"
NOTE = "note"  # a progress-file line "note<TAB>text" is a line for the terminal, shown once
DELAY = 2.0  # seconds of work before a bar appears in a notebook or script
INTERVAL = 0.25  # seconds between two writes to the runner's progress file
POLL = 0.2  # seconds between two reads of the progress file by the runner

T = TypeVar("T")
_open = 0  # bars not yet closed: a bar opened while another is open stays silent


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def parse_line(line: str) -> tuple[str, int, int, str] | None:
    """``"embedding\\t10\\t50\\ttext"`` -> ``("embedding", 10, 50, "text")``; None for a malformed line."""
    parts = line.rstrip("\n").split("\t")
    if len(parts) != 4:
        return None
    try:
        return parts[0], int(parts[1]), int(parts[2]), parts[3]
    except ValueError:
        return None


def notice(text: str) -> None:
    """A line for the person running the step, at once (the address of a dashboard, say): through the
    runner's progress file to the terminal, else on standard error as ``note: TEXT`` (the runner
    repeats such lines of an executed notebook on the terminal when the step ends)."""
    target = os.environ.get(ENV, "")
    if target and target != OFF:
        try:
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(f"{NOTE}\t{_clean(text)}\n")
            return
        except OSError:
            pass
    print(f"{NOTE}: {_clean(text)}", file=sys.stderr)


class Progress:
    """A bar for ``total`` units of work named ``label``; ``update(n)`` as they are done.

    Use it as a context manager (``with Progress("embedding", len(texts), "text") as bar``), or call
    ``close()``. See the module docstring for where it is shown; ``show=False`` counts silently.
    """

    def __init__(self, label: str, total: int, unit: str = "item", show: bool = True) -> None:
        self.label = _clean(label)
        self.total = max(int(total), 0)
        self.unit = _clean(unit) or "item"
        self.done = 0
        self._file = None
        self._bar = None
        self._written = 0.0
        global _open
        nested = _open > 0
        _open += 1
        self._closed = False
        target = os.environ.get(ENV, "")
        if target == OFF or nested or not show:
            return
        if target:
            try:
                self._file = open(target, "a", encoding="utf-8")  # noqa: SIM115 - closed in close()
            except OSError:
                self._file = None
            self._write()
            return
        from tqdm import tqdm

        self._bar = tqdm(total=self.total, desc=self.label, unit=self.unit, delay=DELAY, mininterval=1.0,
                         file=sys.stderr, leave=False, dynamic_ncols=True)

    def _write(self) -> None:
        if self._file is None:
            return
        try:
            self._file.write(f"{self.label}\t{self.done}\t{self.total}\t{self.unit}\n")
            self._file.flush()
        except OSError:
            self._file = None
        self._written = time.monotonic()

    def update(self, n: int = 1) -> None:
        """Count ``n`` more units done."""
        self.done = min(self.done + int(n), self.total) if self.total else self.done + int(n)
        if self._bar is not None:
            self._bar.update(n)
        elif self._file is not None and (self.done >= self.total or time.monotonic() - self._written >= INTERVAL):
            self._write()

    def close(self) -> None:
        """Finish the bar (written once more with its last count)."""
        global _open
        if not self._closed:
            self._closed = True
            _open -= 1
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        if self._file is not None:
            self._write()
            if self._file is not None:
                self._file.close()
            self._file = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def track(items: Iterable[T], label: str, total: int | None = None, unit: str = "item") -> Iterator[T]:
    """Yield ``items`` while a :class:`Progress` counts them (``total`` defaults to ``len(items)``)."""
    if total is None:
        total = len(items)  # type: ignore[arg-type]
    with Progress(label, total, unit) as bar:
        for item in items:
            yield item
            bar.update()


class Display:
    """The step runner's side: draws the lines a notebook's kernel appends to ``path`` as a bar on ``stream``.

    A background thread reads the file every ``POLL`` seconds and shows its last line as a tqdm
    bar labelled ``STEP: label``; a new label starts a new bar. Used as a context manager around
    the notebook's execution; the file is removed at the end.
    """

    def __init__(self, step: str, path: Path, stream: TextIO) -> None:
        self.step, self.path, self.stream = step, path, stream
        self.shown: list[str] = []  # the labels shown, in order
        self._offset = 0
        self._pending = ""
        self._bar = None
        self._label = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=f"progress-{step}", daemon=True)

    def __enter__(self) -> Display:
        self.path.write_text("", encoding="utf-8")
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.poll()
        if self._bar is not None:
            self._bar.close()
            self._bar = None
        self.path.unlink(missing_ok=True)

    def _loop(self) -> None:
        while not self._stop.wait(POLL):
            self.poll()

    def poll(self) -> None:
        """Read what was appended since the last call and show its last complete line."""
        try:
            with self.path.open(encoding="utf-8") as handle:
                handle.seek(self._offset)
                text = handle.read()
                self._offset = handle.tell()
        except OSError:
            return
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        for line in lines:
            if line.startswith(f"{NOTE}\t"):
                from tqdm import tqdm

                tqdm.write(f"newsbrief: {self.step}: {NOTE}: {line.split(chr(9), 1)[1]}", file=self.stream)
        for line in reversed(lines):
            parsed = parse_line(line)
            if parsed is not None and parsed[2] > 0:  # nothing to count: no bar
                self._show(*parsed)
                return

    def _show(self, label: str, done: int, total: int, unit: str) -> None:
        from tqdm import tqdm

        if label != self._label or self._bar is None or total != self._bar.total:
            if self._bar is not None:
                self._bar.close()
            self._label = label
            self.shown.append(label)
            self._bar = tqdm(total=total, desc=f"{self.step}: {label}", unit=unit, leave=False,
                             file=self.stream, dynamic_ncols=True, mininterval=0)
        self._bar.n = done
        self._bar.refresh()
