"""Which library files a piece of code depends on: the one answer for make, provenance and caches.

    python lib/newsbrief/deps.py notebooks/*.ipynb

prints, for each notebook, ``STEP=FILE,FILE,...`` (one word per step, as the Makefile reads it): the
files of ``lib/newsbrief`` the notebook uses: the modules it imports with ``from newsbrief import
...``, the modules those import (at any depth, including imports inside functions), the templates a
used module names, the package's ``__init__.py`` and the step runner. Editing a file of
``claims/`` then reruns steps 03 and 04 and leaves the embeddings of step 02 alone.

A *unit* of the package is a top-level module (``tables.py``) or a subpackage (``claims/``, every
``.py`` file below it: importing any part of a subpackage runs its ``__init__``, which imports the
rest). :func:`source_files` follows the imports between units; :func:`step_files` (make),
:func:`package_files` (the code fingerprint of :mod:`newsbrief.provenance`) and the near-duplicate
sensitivity cache all ask it.

Standard library only and no import of the package: the Makefile runs it (once per ``make``,
and only when a step is considered) before the environment may exist, and it only reads source
files, with regular expressions rather than a parser, so it stays well under a tenth of a second.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from functools import cache
from pathlib import Path

__all__ = ["ALWAYS", "PACKAGE", "package_files", "source_files", "step_files", "units"]

PACKAGE = Path(__file__).resolve().parent
ALWAYS = ("__init__", "run")  # every step is run by run.py; the package root is always imported
_FROM_PACKAGE = re.compile(r"^[ \t]*from newsbrief import (?:\(([^)]*)\)|([^\n#]+))", re.M)
_SUBMODULE = re.compile(r"^\s*(?:from|import) newsbrief\.(\w+)", re.M)


def units(package: Path = PACKAGE) -> list[str]:
    """The package's units, sorted: ``__init__``, each top-level module and each subpackage."""
    found = {p.stem for p in package.glob("*.py")}
    found |= {p.parent.name for p in package.glob("*/__init__.py")}
    return sorted(found)


def _unit_files(name: str, package: Path) -> list[Path]:
    """The source files of one unit: its module file, or every ``.py`` file of its subpackage."""
    module = package / f"{name}.py"
    if module.is_file():
        return [module]
    return sorted(p for p in (package / name).rglob("*.py") if "__pycache__" not in p.parts)


def _imported(source: str, package: Path = PACKAGE) -> set[str]:
    """Units of the package named by ``from newsbrief import x`` or ``[from] newsbrief.x[.y] ...``."""
    found = {name.strip() for groups in _FROM_PACKAGE.findall(source) for name in "".join(groups).split(",")}
    found |= set(_SUBMODULE.findall(source))
    return {name for name in found if name and _unit_files(name, package)}


@cache
def _unit_source(name: str, package: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in _unit_files(name, package))


def source_files(modules: Iterable[str], package: Path = PACKAGE) -> list[Path]:
    """The library files that the units ``modules`` depend on, themselves included, sorted.

    Imports are followed at any depth (imports inside functions too); a template in
    ``templates/`` counts when a used unit names its file.

    Args:
        modules: unit names ("claims", "tables", "__init__").
        package: the ``newsbrief`` source folder to read (another checkout's, say).
    """
    package = Path(package)
    todo = {m for m in modules if _unit_files(m, package)}
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        seen.add(name)
        todo |= _imported(_unit_source(name, package), package) - seen
    files = {f for name in seen for f in _unit_files(name, package)}
    templates = sorted((package / "templates").glob("*")) if (package / "templates").is_dir() else []
    for name in seen:
        files |= {t for t in templates if t.name in _unit_source(name, package)}
    return sorted(files)


def package_files(package: Path = PACKAGE) -> list[Path]:
    """Every source file and template of the package: what all of its units depend on."""
    return source_files(units(package), package)


def step_files(notebook: str | Path) -> list[str]:
    """The library files ``notebook`` depends on, as paths relative to the project, sorted."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    root = PACKAGE.parent.parent
    return [p.relative_to(root).as_posix() for p in source_files(_imported(source) | set(ALWAYS))]


if __name__ == "__main__":
    print(" ".join(f"{Path(nb).stem}={','.join(step_files(nb))}" for nb in sys.argv[1:]))
