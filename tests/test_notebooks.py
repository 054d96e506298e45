"""The source notebooks: thin, output-free, and runnable top to bottom (nbval)."""

import ast
import re
import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_are_four_notebooks_in_order():
    assert [p.stem for p in NOTEBOOKS] == ["01-corpus-stats", "02-near-duplicates", "03-figure-claims", "04-brief"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs(path):
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_thin_notebook(path):
    nb = json.loads(path.read_text())
    assert nb["metadata"]["kernelspec"]["name"] == "newsbrief"
    cells = nb["cells"]
    assert cells[0]["cell_type"] == "markdown" and "".join(cells[0]["source"]).startswith("# ")
    params = [c for c in cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(params) == 1 and cells.index(params[0]) == 1
    for node in ast.parse("".join(params[0]["source"])).body:  # annotated literals only
        assert isinstance(node, ast.AnnAssign)
        ast.literal_eval(node.value)
    code = [c for c in cells if c["cell_type"] == "code"]
    for cell in code:
        tree = ast.parse("".join(cell["source"]))
        assert not any(isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda))
                       for n in ast.walk(tree)), "no function or class is defined in a notebook"
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                assert node.module == "newsbrief"
            assert not isinstance(node, ast.Import)
    for before, after in zip(cells[2:], cells[3:]):  # every step cell sits under a markdown heading
        if after["cell_type"] == "code" and before["cell_type"] == "markdown":
            assert "".join(before["source"]).startswith("## ")


def test_source_notebooks_run_top_to_bottom_under_nbval(tmp_path):
    """`pytest --nbval-lax` over copies of notebooks/, beside the seeds, writing into a scratch outputs/."""
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    (tmp_path / "seeds").symlink_to(ROOT / "seeds")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "--nbval-lax", "-p", "no:cacheprovider", "-q", "notebooks"],
        cwd=tmp_path, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert re.search(r"\b\d+ passed\b", result.stdout)
    assert (tmp_path / "outputs" / "brief.html").is_file()
