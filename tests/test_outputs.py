"""Staged step outputs: nothing reaches OUT until publish, and publish replaces a step's old files."""

import pandas as pd
import pytest

from newsbrief import outputs
from newsbrief.figures import plt


def frame():
    return pd.DataFrame({"level": ["sentence"], "neighbour": [5], "background": [3], "median": [0.5],
                         "spread": [0.1], "z": [1.5], "floor": [0.75], "threshold": [0.75], "source": ["floor"],
                         "vetoed": [0]})


def test_writes_are_staged_until_publish(tmp_path):
    out = outputs.for_step(tmp_path, "02-x")
    out.write_table(frame(), "calibration.csv")
    fig, ax = plt.subplots()
    ax.plot([0, 1])
    out.save_figure(fig, "line.png")
    out.staged("brief.html").write_text("<p>hi</p>", encoding="utf-8")
    assert not (tmp_path / "tables").exists() and not (tmp_path / "figures").exists()
    assert not (tmp_path / "brief.html").exists()
    published = out.publish()
    assert published.published.tolist() == ["brief.html", "figures/line.png", "tables/calibration.csv"]
    assert (tmp_path / "tables" / "calibration.csv").read_text().startswith("level,neighbour,background")
    assert (tmp_path / "brief.html").read_text() == "<p>hi</p>"
    assert not (tmp_path / ".staging").exists()  # nothing left behind
    lines = (tmp_path / ".steps" / "02-x.files").read_text().splitlines()  # sha256sum's format
    assert [line.split("  ", 1)[1] for line in lines] == published.published.tolist()
    assert all(len(line.split("  ", 1)[0]) == 64 for line in lines)


def test_a_failed_step_changes_nothing_and_its_leftovers_are_cleared(tmp_path):
    first = outputs.for_step(tmp_path, "02-x")
    first.write_table(frame(), "calibration.csv")
    first.publish()
    before = (tmp_path / "tables" / "calibration.csv").read_bytes()
    failed = outputs.for_step(tmp_path, "02-x")
    failed.write_table(frame().assign(threshold=0.99), "calibration.csv")
    # the step dies here: no publish
    assert (tmp_path / "tables" / "calibration.csv").read_bytes() == before
    assert (tmp_path / ".staging" / "02-x" / "tables" / "calibration.csv").is_file()
    outputs.for_step(tmp_path, "02-x")  # the next run starts clean
    assert not (tmp_path / ".staging" / "02-x").exists()


def test_publish_removes_what_the_step_no_longer_writes(tmp_path):
    out = outputs.for_step(tmp_path, "04-x")
    for name in ("brief.html", "brief.pdf"):
        out.staged(name).write_text(name, encoding="utf-8")
    out.publish()
    out = outputs.for_step(tmp_path, "04-x")
    out.staged("brief.html").write_text("new", encoding="utf-8")
    out.publish()
    assert (tmp_path / "brief.html").read_text() == "new" and not (tmp_path / "brief.pdf").exists()


def test_other_steps_files_are_left_alone(tmp_path):
    a = outputs.for_step(tmp_path, "01-a")
    a.staged("tables/a.txt").write_text("a", encoding="utf-8")
    a.publish()
    b = outputs.for_step(tmp_path, "02-b")
    b.staged("tables/b.txt").write_text("b", encoding="utf-8")
    b.publish()
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == ["a.txt", "b.txt"]


def test_a_table_off_schema_is_refused_before_anything_is_staged(tmp_path):
    out = outputs.for_step(tmp_path, "02-x")
    with pytest.raises(ValueError, match="differ from the documented"):
        out.write_table(frame().drop(columns=["z"]), "calibration.csv")
    assert not list((tmp_path / ".staging").rglob("*.csv"))


def test_an_unchanged_result_is_not_republished(tmp_path):
    brief = b"<p>findings</p>\n<!-- timings: begin -->01 3.1 s<!-- timings: end -->\n"
    out = outputs.for_step(tmp_path, "04-x")
    out.staged("brief.html").write_bytes(brief)
    out.staged("tables/t.csv").write_bytes(b"a\n1\n")
    out.publish()
    published = {name: (tmp_path / name).stat().st_mtime_ns for name in ("brief.html", "tables/t.csv")}
    out = outputs.for_step(tmp_path, "04-x")
    out.staged("brief.html").write_bytes(brief.replace(b"3.1", b"2.7"))  # only the timings differ
    out.staged("tables/t.csv").write_bytes(b"a\n1\n")
    out.publish()
    assert {name: (tmp_path / name).stat().st_mtime_ns for name in published} == published
    assert (tmp_path / "brief.html").read_bytes() == brief  # the timings of the run that made it
    out = outputs.for_step(tmp_path, "04-x")
    out.staged("brief.html").write_bytes(brief.replace(b"findings", b"new findings"))
    out.staged("tables/t.csv").write_bytes(b"a\n2\n")
    out.publish()
    assert (tmp_path / "brief.html").read_bytes().startswith(b"<p>new findings")
    assert (tmp_path / "tables" / "t.csv").read_bytes() == b"a\n2\n"
    assert not (tmp_path / ".staging").exists()


def test_without_timings_empties_exactly_the_labelled_block():
    data = b"a\n<!-- timings: begin (x) -->\nStep 1 s\n<!-- timings: end -->\nb\n"
    assert outputs.without_timings(data) == b"a\n<!-- timings -->\nb\n"
    assert outputs.without_timings(b"no block") == b"no block"


def test_a_timings_block_in_a_table_is_data_and_a_changed_table_is_published(tmp_path):
    """Only the brief carries the pipeline's timings block: an article quoting one changes its table."""
    first = outputs.for_step(tmp_path, "01-x")
    first.staged("tables/paragraphs.csv").write_text("text\n<!-- timings: begin -->old<!-- timings: end -->\n")
    first.staged("brief.md").write_text("brief\n<!-- timings: begin -->1 s<!-- timings: end -->\n")
    first.publish()
    again = outputs.for_step(tmp_path, "01-x")
    again.staged("tables/paragraphs.csv").write_text("text\n<!-- timings: begin -->new<!-- timings: end -->\n")
    again.staged("brief.md").write_text("brief\n<!-- timings: begin -->2 s<!-- timings: end -->\n")
    again.publish()
    assert "new" in (tmp_path / "tables" / "paragraphs.csv").read_text()  # the table's text is data
    assert "1 s" in (tmp_path / "brief.md").read_text()  # the brief: only its timings moved, kept as it was
