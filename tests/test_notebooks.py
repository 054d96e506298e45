"""The source notebooks: thin, output-free, staging their results and publishing them last.

That they run top to bottom and reproduce their outputs is checked by nbval on the executed
notebooks, in test_record.py."""

import ast
import json

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


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_step_stages_its_files_and_publishes_them_last(path):
    cells = json.loads(path.read_text())["cells"]
    source = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    assert f'out = outputs.for_step(out_dir, "{path.stem}")' in source
    assert "figures.save_figure(" not in source and "tables.write_table(" not in source  # only staged writes
    assert "".join(cells[-2]["source"]).startswith("## Publish") and "".join(cells[-1]["source"]) == "out.publish()"
