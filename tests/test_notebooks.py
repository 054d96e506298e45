"""The source notebooks: thin, output-free, staging their results and publishing them last.

That they run top to bottom and reproduce their outputs is checked by nbval on the executed
notebooks, in test_record.py."""

import ast
import dataclasses
import importlib
import inspect
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
def test_every_cell_has_its_own_fixed_id(path):
    """A cell without an id gets a random one when it runs: the record would change on every run."""
    ids = [cell.get("id") for cell in json.loads(path.read_text())["cells"]]
    assert all(ids) and len(set(ids)) == len(ids)


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


def _parameters(cells: list[dict]) -> dict[str, object]:
    params = next(c for c in cells if "parameters" in c.get("metadata", {}).get("tags", []))
    return {node.target.id: ast.literal_eval(node.value) for node in ast.parse("".join(params["source"])).body}


def _library_default(function, name: str, position: int | None):
    """The default ``function`` gives the argument ``name`` (or the one at ``position``), if it has one;
    for a dataclass's alternate constructor taking ``**settings``, the field's default."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):
        return inspect.Parameter.empty
    listed = [p for p in signature.parameters.values() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if position is not None:
        return listed[position].default if position < len(listed) else inspect.Parameter.empty
    if name in signature.parameters:
        return signature.parameters[name].default
    owner = getattr(function, "__self__", None)
    if dataclasses.is_dataclass(owner):
        field = {f.name: f for f in dataclasses.fields(owner)}.get(name)
        if field is not None and field.default is not dataclasses.MISSING:
            return field.default
    return inspect.Parameter.empty


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_a_parameter_passed_to_the_library_has_the_library_default(path):
    """A notebook's parameters cell holds literals (papermill injects after it), so a default the
    library also declares is written twice: wherever the notebook passes a parameter to a library
    function, the two must agree."""
    import newsbrief

    cells = json.loads(path.read_text())["cells"]
    params = _parameters(cells)
    namespace = {}
    checked = 0
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        tree = ast.parse("".join(cell["source"]))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    namespace[alias.asname or alias.name] = importlib.import_module(f"newsbrief.{alias.name}")
            if not isinstance(node, ast.Call):
                continue
            try:
                function = eval(compile(ast.Expression(node.func), "<notebook>", "eval"), {"newsbrief": newsbrief},
                                dict(namespace))
            except Exception:  # a call on a notebook variable (out.write_table, ...): not a library default
                continue
            given = [(a.id, None, i) for i, a in enumerate(node.args) if isinstance(a, ast.Name)]
            given += [(k.value.id, k.arg, None) for k in node.keywords if isinstance(k.value, ast.Name)]
            for variable, keyword, position in given:
                if variable not in params:
                    continue
                default = _library_default(function, keyword or variable, position)
                if default is inspect.Parameter.empty:
                    continue
                same = list(default) if isinstance(default, tuple) else default  # YAML has lists, not tuples
                assert params[variable] == same, (path.stem, variable, params[variable], default)
                checked += 1
    if path.stem != "01-corpus-stats":
        assert checked, "the notebook passes no parameter to a library function with a default"
