"""deps.py lists, for each step, exactly the library files its notebook can import."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT, STEPS
from newsbrief import deps


@pytest.mark.parametrize("step", STEPS)
def test_every_module_the_notebook_imports_is_a_dependency(step):
    notebook = ROOT / "notebooks" / f"{step}.ipynb"
    cells = json.loads(notebook.read_text())["cells"]
    imports = [line for c in cells if c["cell_type"] == "code" for line in "".join(c["source"]).splitlines()
               if line.startswith("from newsbrief import")]
    # Import what the notebook imports in a fresh interpreter and list the files of the package modules loaded.
    code = "\n".join(imports) + ("\nimport sys, pathlib\nprint(' '.join(sorted(pathlib.Path(m.__file__).resolve()"
                                  ".relative_to(pathlib.Path(sys.argv[1])).as_posix() for n, m in sys.modules.items()"
                                  " if n.startswith('newsbrief'))))")
    loaded = subprocess.run([sys.executable, "-c", code, str(ROOT.resolve())], capture_output=True, text=True,
                            check=True).stdout.split()
    listed = deps.step_files(notebook)
    assert loaded and set(loaded) <= set(listed), sorted(set(loaded) - set(listed))


def test_steps_depend_only_on_what_they_use():
    files = {step: deps.step_files(ROOT / "notebooks" / f"{step}.ipynb") for step in STEPS}
    claims = {p.relative_to(ROOT).as_posix() for p in (ROOT / "lib" / "newsbrief" / "claims").glob("*.py")}
    assert len(claims) > 1 and claims <= set(files["03-figure-claims"])  # every file of the package
    assert not claims & set(files["01-corpus-stats"] + files["02-near-duplicates"])
    package = {p.relative_to(ROOT).as_posix() for p in (ROOT / "lib" / "newsbrief" / "near_duplicates").glob("*.py")}
    assert package | {"lib/newsbrief/alignment.py"} <= set(files["02-near-duplicates"])  # the subpackage: one unit
    assert not any("/near_duplicates/" in f or f.endswith("/alignment.py")
                   for f in files["01-corpus-stats"] + files["03-figure-claims"])
    assert "lib/newsbrief/templates/brief.html.j2" in files["04-brief"]
    templates = {s: [f for f in files[s] if "templates/" in f] for s in STEPS[:3]}
    assert templates == {"01-corpus-stats": [], "02-near-duplicates": ["lib/newsbrief/templates/side_by_side.html.j2"],
                         "03-figure-claims": []}
    for step in STEPS:  # every step is run by the runner and imports the package root
        assert {"lib/newsbrief/run.py", "lib/newsbrief/__init__.py"} <= set(files[step])


def test_the_command_line_prints_one_word_per_step():
    out = subprocess.run([sys.executable, "-I", "-S", "lib/newsbrief/deps.py", "notebooks/03-figure-claims.ipynb"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    assert len(out) == 1 and out[0].startswith("03-figure-claims=lib/newsbrief/__init__.py,")


def test_imports_are_read_in_every_form(tmp_path):
    source = "from newsbrief import (\n    claims,\n    tables)\nfrom newsbrief.corpus import x\nimport newsbrief.stats\n"
    assert deps._imported(source) == {"claims", "tables", "corpus", "stats"}
    assert deps._imported("from newsbrief import brief, outputs  # comment\nout = 1\n") == {"brief", "outputs"}


def test_a_subpackage_is_one_unit_of_all_its_files(tmp_path):
    package = tmp_path / "newsbrief"
    (package / "parts" / "inner").mkdir(parents=True)
    (package / "templates").mkdir()
    (package / "__init__.py").write_text("")
    (package / "top.py").write_text("def f():\n    from newsbrief.parts.first import x\n")
    (package / "parts" / "__init__.py").write_text("from newsbrief.parts import first\n")
    (package / "parts" / "first.py").write_text("import newsbrief.leaf\nNAME = 'page.j2'\n")
    (package / "parts" / "inner" / "deep.py").write_text("")
    (package / "leaf.py").write_text("")
    (package / "unused.py").write_text("")
    (package / "templates" / "page.j2").write_text("")
    assert deps.units(package) == ["__init__", "leaf", "parts", "top", "unused"]
    found = [p.relative_to(package).as_posix() for p in deps.source_files(["top"], package)]
    assert found == ["leaf.py", "parts/__init__.py", "parts/first.py", "parts/inner/deep.py", "templates/page.j2",
                     "top.py"]
    assert len(deps.package_files(package)) == len(found) + 2  # __init__.py and unused.py
