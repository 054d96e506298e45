"""The floors of the library (docs/architecture.md): every import goes down, never up or around.

A unit (a module, or a subpackage with all its files) sits on a floor; it may import only units on
lower floors. Inside a subpackage the parts import downward too: no cycle, and no part imports the
package itself (its ``__init__`` imports the parts). The brief reads tables, so it imports no
analysis.
"""

import re

from conftest import ROOT
from newsbrief import deps

PACKAGE = ROOT / "lib" / "newsbrief"
# Bottom to top. A new unit gets a floor here (and a line in docs/architecture.md).
FLOORS = {
    # 0: the base, importing nothing of the package
    "files": 0, "progress": 0, "deps": 0, "text": 0, "labels": 0, "display": 0, "card": 0,
    # 1: records, I/O and the step runner
    "tables": 1, "figures": 1, "chrome": 1, "run": 1, "exports": 1, "pages": 1, "language": 1, "cluster": 1,
    # 2: readers and shared tools
    "corpus": 2, "embeddings": 2, "alignment": 2, "outputs": 2, "periods": 2,
    # 3: the analyses, one per step; comparison sits on claims (it reads the band claims reads figures with)
    "stats": 3, "stories": 3, "near_duplicates": 3, "claims": 3, "comparison": 3.5, "timeline": 3,
    # voices reads attributions with the rules claims reads figures' sources with
    "voices": 3.2,
    # 4: what is made of their tables
    "brief": 4, "provenance": 4, "browser": 4,
}
ANALYSES = {name for name, floor in FLOORS.items() if 3 <= floor < 4} | {"embeddings"}
_INTERNAL = re.compile(r"^\s*(?:from|import) newsbrief\.(\w+)\.(\w+)", re.M)


def _imports(unit: str) -> set[str]:
    source = "\n".join(p.read_text(encoding="utf-8") for p in deps._unit_files(unit, PACKAGE))
    return deps._imported(source, PACKAGE) - {unit}


def test_every_unit_has_a_floor():
    assert set(deps.units(PACKAGE)) - {"__init__"} == set(FLOORS)


def test_imports_go_down_the_floors():
    upward = {unit: sorted(i for i in _imports(unit) if FLOORS[i] >= FLOORS[unit]) for unit in FLOORS}
    assert {unit: found for unit, found in upward.items() if found} == {}


def test_the_brief_reads_tables_and_imports_no_analysis():
    assert not _imports("brief") & ANALYSES


def test_the_parts_of_a_subpackage_import_downward_only():
    for package in sorted(p.parent for p in PACKAGE.glob("*/__init__.py")):
        parts = {p.stem: p.read_text(encoding="utf-8") for p in package.glob("*.py") if p.stem != "__init__"}
        graph = {name: {inner for outer, inner in _INTERNAL.findall(source) if outer == package.name} - {name}
                 for name, source in parts.items()}
        for name, source in parts.items():
            assert not re.search(rf"^\s*from newsbrief import .*\b{package.name}\b", source, re.M), (package.name, name)
            assert graph[name] <= set(parts), (package.name, name, graph[name])
        done: set[str] = set()
        while len(done) < len(graph):  # peel the parts that import only peeled parts: a cycle never peels
            ready = {name for name, needs in graph.items() if name not in done and needs <= done}
            assert ready, f"import cycle among {package.name}/{sorted(set(graph) - done)}"
            done |= ready
