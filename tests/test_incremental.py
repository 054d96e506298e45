"""Incremental runs: `make report` reruns exactly the steps a change affects, and the cache
re-embeds only new text. The tests run in order on one copy of the seeds run.

That a change to a module shared by all steps (corpus.py) reruns every step follows from
lib/newsbrief/deps.py, checked in test_deps.py; here the seeds change does it."""

import json

import numpy as np
import pytest

from conftest import finished_copy, ran, run_make
from newsbrief import tables


@pytest.fixture(scope="module")
def tree(seeds_run, tmp_path_factory):
    return finished_copy(seeds_run, tmp_path_factory.mktemp("incremental") / "project", copy_lib=True)


def report(tree, *args):
    result = run_make("report", *args, cwd=tree)
    assert result.returncode == 0, result.stdout + result.stderr
    return ran(result)


def test_nothing_changed_nothing_runs(tree):
    assert report(tree) == []


def test_a_deleted_table_or_brief_is_made_again(tree):
    """A step whose published file is gone is stale: make report reruns it (and what reads it)."""
    table = tree / "outputs" / "tables" / "near_duplicates.csv"
    before = table.read_bytes()
    table.unlink()
    assert report(tree) == ["02-near-duplicates", "04-brief"]
    assert table.read_bytes() == before
    (tree / "outputs" / "brief.html").unlink()
    assert report(tree) == ["04-brief"] and (tree / "outputs" / "brief.html").is_file()
    assert report(tree) == []


def test_an_edited_table_is_made_again(tree):
    """A published file that no longer holds what its step published (its sha256 in OUT/.steps/STEP.files)
    makes the step stale, as a missing one does."""
    table = tree / "outputs" / "tables" / "claims.csv"
    before = table.read_bytes()
    table.write_bytes(before.replace(b"over 3,000", b"over 9,000"))
    assert report(tree) == ["03-figure-claims", "04-brief"]
    assert table.read_bytes() == before
    assert report(tree) == []


def test_a_change_to_notebook_03_reruns_03_and_04(tree):
    path = tree / "notebooks" / "03-figure-claims.ipynb"
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"][0]["source"].append("\n\nEdited.")
    path.write_text(json.dumps(nb, indent=1), encoding="utf-8")
    assert report(tree) == ["03-figure-claims", "04-brief"]
    assert report(tree) == []


def test_a_change_to_a_module_of_the_claims_package_reruns_03_and_04(tree):
    path = tree / "lib" / "newsbrief" / "claims" / "numbers.py"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert report(tree) == ["03-figure-claims", "04-brief"]


def test_a_change_to_the_brief_template_reruns_04_only(tree):
    path = tree / "lib" / "newsbrief" / "templates" / "brief.html.j2"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert report(tree) == ["04-brief"]


def shards(tree):
    return {p: len(np.load(p)["keys"]) for p in (tree / "outputs" / "cache").rglob("*.npz")}


def test_a_change_to_one_article_reembeds_that_article_only(tree):
    before = shards(tree)
    path = sorted((tree / "seeds").glob("002_*.txt"))[0]
    path.write_text(path.read_text(encoding="utf-8") + "\nThe ministry added a new statement on Friday about "
                    "the deployment of the troops, which analysts said would change little.\n", encoding="utf-8")
    assert report(tree) == ["01-corpus-stats", "02-near-duplicates", "03-figure-claims", "04-brief"]
    new = {p: n for p, n in shards(tree).items() if p not in before}
    assert sum(before.values()) > 300  # what a full re-embedding would compute again
    assert 1 <= sum(new.values()) <= 2  # the new sentence (and, at most, one more text around it)
    sentences = tables.read_table(tree / "outputs" / "tables", "sentences.csv")
    assert sentences.text.str.startswith("The ministry added a new statement on Friday").sum() == 1


def test_a_parameter_of_03_reruns_03_and_04(tree):
    assert report(tree, "P03=chart_kinds=[count,money]") == ["03-figure-claims", "04-brief"]
    assert report(tree, "P03=chart_kinds=[count,money]") == []
    executed = (tree / "outputs" / "notebooks" / "03-figure-claims.ipynb").read_text(encoding="utf-8")
    assert '"chart_kinds": [\n     "count",\n     "money"\n    ]' in executed


def method_section(tree) -> str:
    text = (tree / "outputs" / "brief.md").read_text(encoding="utf-8")
    return text[text.index("## Method and limitations"):text.index("## Provenance")]


def test_a_threshold_of_02_reruns_02_and_04_and_the_brief_states_the_one_used(tree):
    assert "Jaccard 0.9 and 0.3" in method_section(tree)
    keep_03 = "P03=chart_kinds=[count,money]"  # as the test before left it
    assert report(tree, "P02=verbatim_jaccard=0.8", keep_03) == ["02-near-duplicates", "04-brief"]
    method = method_section(tree)
    assert "Jaccard 0.8 and 0.3" in method and "Jaccard 0.9" not in method
    recorded = tables.read_table(tree / "outputs" / "tables", "near_duplicate_settings.csv").set_index("setting")
    assert recorded.loc["verbatim_jaccard", "value"] == "0.8"
