"""Where a step writes: a staging folder, published into the output folder only when the step ends.

In: the output folder of a run (``OUT``) and the step's name. Out: a :class:`StepOutputs` whose
``tables``, ``figures``, ``cache`` and ``brief`` name the published results (what a step reads),
and whose ``write_table``, ``save_figure`` and ``staged`` write into ``OUT/.staging/<step>/``.
The step's last cell calls :meth:`StepOutputs.publish`, which moves every staged file into place
(each move atomic) and deletes what the step published last time but did not write this time. A
staged file that equals the published one (for the brief only: apart from its labelled timings block,
see :func:`without_timings`) is not moved: an unchanged result keeps its bytes and its time, so a
rerun that changes no finding leaves the committed record untouched.

So a step that fails or is killed half-way changes nothing in ``OUT``: the tables, figures and
brief of the previous run stay as they were, mutually consistent, and the next run starts the
step from a clean staging folder. The embedding cache is the exception on purpose: its shards are
named by content and written atomically, so work done before an interruption is kept.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from newsbrief import display
from newsbrief.figures import save_figure
from newsbrief.files import replacing
from newsbrief.tables import write_table

__all__ = ["TIMED_FILES", "TIMINGS", "StepOutputs", "for_step", "without_timings"]

STAGING = ".staging"
STEPS = ".steps"
# The one run-dependent part of a brief: the step durations, between these two comments.
TIMINGS = re.compile(rb"<!-- timings: begin.*?<!-- timings: end -->", re.S)
# The files the pipeline writes a timings block into: only there is the block its own. Anywhere else
# (a table holding an article that contains such a comment) it is data like any other.
TIMED_FILES = frozenset({"brief.html", "brief.md"})


def _same_result(relative: str, published: bytes, staged: bytes) -> bool:
    """Whether a staged file holds the published result: byte for byte, but for the timings block of
    the files the pipeline puts one in (:data:`TIMED_FILES`)."""
    if relative in TIMED_FILES:
        return without_timings(published) == without_timings(staged)
    return published == staged


def without_timings(data: bytes) -> bytes:
    """``data`` with its labelled timings block emptied: what two runs of the same inputs share."""
    return TIMINGS.sub(b"<!-- timings -->", data)


@dataclass(frozen=True)
class StepOutputs:
    """The output folder of a run, seen from one step (see the module docstring)."""

    root: Path
    step: str

    # --- published results: what a step reads --------------------------------------------------
    @property
    def tables(self) -> Path:
        return self.root / "tables"

    @property
    def figures(self) -> Path:
        return self.root / "figures"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    @property
    def brief(self) -> Path:
        return self.root / "brief.html"

    # --- staged results: what a step writes -----------------------------------------------------
    @property
    def staging(self) -> Path:
        return self.root / STAGING / self.step

    def staged(self, relative: str) -> Path:
        """The staging path of ``relative`` (e.g. ``"brief.html"``), its folder created."""
        path = self.staging / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        return path

    def write_table(self, frame: pd.DataFrame, name: str) -> None:
        """Stage ``frame`` as ``tables/name`` (schema-checked, see :func:`newsbrief.tables.write_table`)."""
        write_table(frame, self.staged(f"tables/{name}").parent, name)

    def save_figure(self, fig, name: str) -> None:
        """Stage ``fig`` as ``figures/name`` (deterministic PNG, see :func:`newsbrief.figures.save_figure`).

        Returns nothing, so a notebook cell shows the figure and no path.
        """
        save_figure(fig, self.staged(f"figures/{name}").parent, name)

    def publish(self) -> pd.DataFrame:
        """Move every staged file into the output folder; return what was published.

        Files this step published last time and did not write this time are deleted, so no stale
        result (say a PDF from a run that had Chromium) outlives the run that made it.
        """
        staged = sorted(p.relative_to(self.staging).as_posix() for p in self.staging.rglob("*")
                        if p.is_file() and not p.name.startswith("."))
        manifest = self.root / STEPS / f"{self.step}.files"
        before = ({line.split("  ", 1)[-1] for line in manifest.read_text(encoding="utf-8").splitlines() if line}
                  if manifest.is_file() else set())
        for relative in staged:
            source, target = self.staging / relative, self.root / relative
            if target.is_file() and _same_result(relative, target.read_bytes(), source.read_bytes()):
                continue  # the same result: keep the published file as it is
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
        for relative in sorted(before - set(staged)):
            (self.root / relative).unlink(missing_ok=True)
        with replacing(manifest) as tmp:  # sha256sum's format: make checks the files are still these
            tmp.write_text("".join(f"{hashlib.sha256((self.root / r).read_bytes()).hexdigest()}  {r}\n"
                                   for r in staged), encoding="utf-8")
        shutil.rmtree(self.staging, ignore_errors=True)
        try:
            self.staging.parent.rmdir()  # the staging root, once no step is staging
        except OSError:
            pass
        return pd.DataFrame({"published": staged})


def for_step(out_dir: str | Path, step: str) -> StepOutputs:
    """The outputs of ``step`` under ``out_dir``, with a fresh staging folder.

    A staging folder left by a killed run of the same step is deleted first: its files belong to
    a run that never finished. In a notebook, tables are shown from here on by
    :func:`newsbrief.display.table_html` (no index, text left-aligned, every cell whole).
    """
    display.install()
    out = StepOutputs(Path(out_dir), step)
    shutil.rmtree(out.staging, ignore_errors=True)
    return out
