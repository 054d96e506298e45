"""Which library files each step depends on, so ``make`` reruns exactly the steps a change affects.

    python lib/newsbrief/deps.py notebooks/*.ipynb

prints, for each notebook, ``STEP=FILE,FILE,...`` (one word per step, as the Makefile reads it): the files of ``lib/newsbrief`` the notebook uses: the modules it imports with
``from newsbrief import ...``, the modules those import (at any depth, including imports inside
functions), the templates a used module names, the package's ``__init__.py`` and the step runner.
Editing ``claims.py`` then reruns steps 03 and 04 and leaves the embeddings of step 02 alone.

Standard library only and no import of the package: the Makefile runs it (once per ``make``,
and only when a step is considered) before the environment may exist, and it only reads source
files, with regular expressions rather than a parser, so it stays well under a tenth of a second.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ALWAYS = ("__init__", "run")  # every step is run by run.py; the package root is always imported
_FROM_PACKAGE = re.compile(r"^[ \t]*from newsbrief import (?:\(([^)]*)\)|([^\n#]+))", re.M)
_SUBMODULE = re.compile(r"^\s*(?:from|import) newsbrief\.(\w+)", re.M)


def _imported(source: str) -> set[str]:
    """Modules of the package named by ``from newsbrief import x`` or ``[from] newsbrief.x ...``."""
    found = {name.strip() for groups in _FROM_PACKAGE.findall(source) for name in "".join(groups).split(",")}
    found |= set(_SUBMODULE.findall(source))
    return {name for name in found if name and (PACKAGE / f"{name}.py").is_file()}


@cache
def _module_source(name: str) -> str:
    return (PACKAGE / f"{name}.py").read_text(encoding="utf-8")


def step_files(notebook: str | Path) -> list[str]:
    """The library files ``notebook`` depends on, as paths relative to the project, sorted."""
    cells = json.loads(Path(notebook).read_text(encoding="utf-8"))["cells"]
    source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    todo = _imported(source) | set(ALWAYS)
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        seen.add(name)
        todo |= _imported(_module_source(name)) - seen
    files = {PACKAGE / f"{name}.py" for name in seen}
    templates = sorted((PACKAGE / "templates").glob("*")) if (PACKAGE / "templates").is_dir() else []
    for name in seen:
        files |= {t for t in templates if t.name in _module_source(name)}
    root = PACKAGE.parent.parent
    return sorted(p.relative_to(root).as_posix() for p in files)


if __name__ == "__main__":
    print(" ".join(f"{Path(nb).stem}={','.join(step_files(nb))}" for nb in sys.argv[1:]))
