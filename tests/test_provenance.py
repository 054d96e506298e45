"""Provenance: the code is identified by content, the same in any copy; step times come from stamps."""

import json
import shutil

from conftest import ROOT
from newsbrief import provenance


def copy_code(dest):
    shutil.copytree(ROOT / "lib" / "newsbrief", dest / "lib" / "newsbrief", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "notebooks", dest / "notebooks")
    shutil.copy(ROOT / "requirements.txt", dest / "requirements.txt")
    return dest


def test_code_identity_is_the_same_in_a_copy_and_changes_with_the_code(tmp_path):
    copy = copy_code(tmp_path / "copy")
    assert provenance.code_identity(copy) == provenance.code_identity(ROOT)
    (copy / "lib" / "newsbrief" / "claims" / "numbers.py").write_text("# changed\n", encoding="utf-8")
    assert provenance.code_identity(copy) != provenance.code_identity(ROOT)


def test_an_executed_notebook_has_the_code_of_its_source(tmp_path):
    copy = copy_code(tmp_path / "copy")
    path = copy / "notebooks" / "03-figure-claims.ipynb"
    nb = json.loads(path.read_text())
    nb["cells"].insert(2, {"cell_type": "code", "id": "injected-parameters", "metadata": {"tags": ["injected-parameters"]},
                           "source": ["out_dir = '../elsewhere'\n"], "outputs": [], "execution_count": 2})
    nb["cells"][3]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["anything\n"]}]
    path.write_text(json.dumps(nb))
    assert provenance.code_identity(copy) == provenance.code_identity(ROOT)
    nb["cells"][3]["source"] = ["# edited\n"]
    path.write_text(json.dumps(nb))
    assert provenance.code_identity(copy) != provenance.code_identity(ROOT)


def test_collect_reads_earlier_steps_only(seeds_out):
    origin = provenance.collect(seeds_out, repo_dir=ROOT)
    assert [t["notebook"] for t in origin.timings] == ["01-corpus-stats", "02-near-duplicates", "03-figure-claims"]
    assert all(t["seconds"] > 0 for t in origin.timings)
    assert {p["notebook"] for p in origin.parameters} == {"01-corpus-stats", "02-near-duplicates", "03-figure-claims"}
    assert origin.code == f"sha256 {provenance.code_identity(ROOT)}"
    assert [i["file"] for i in origin.inputs] == sorted(p.name for p in (ROOT / "seeds").iterdir())
