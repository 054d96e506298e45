"""Progress bars: a file the step runner draws from, nothing when off, only the outermost bar."""

import io

import pytest

from newsbrief import progress


def lines(path):
    return [progress.parse_line(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_under_the_runner_each_bar_appends_label_done_total_unit(tmp_path, monkeypatch):
    target = tmp_path / "progress"
    monkeypatch.setenv(progress.ENV, str(target))
    monkeypatch.setattr(progress, "INTERVAL", 0.0)  # every update is written
    with progress.Progress("embedding\tsentences", 3, "text") as bar:
        bar.update(2)
        bar.update(1)
    written = lines(target)
    assert written[0] == ("embedding sentences", 0, 3, "text")  # tabs in a label cannot break a line
    assert written[-1] == ("embedding sentences", 3, 3, "text")
    assert [w[1] for w in written] == sorted(w[1] for w in written)


def test_updates_are_written_at_most_every_interval_but_the_last_always(tmp_path, monkeypatch):
    target = tmp_path / "progress"
    monkeypatch.setenv(progress.ENV, str(target))
    monkeypatch.setattr(progress, "INTERVAL", 3600.0)
    assert list(progress.track(range(1000), "reading articles", unit="article")) == list(range(1000))
    assert lines(target) == [("reading articles", 0, 1000, "article"), ("reading articles", 1000, 1000, "article"),
                             ("reading articles", 1000, 1000, "article")]


def test_only_the_outermost_bar_is_shown(tmp_path, monkeypatch):
    target = tmp_path / "progress"
    monkeypatch.setenv(progress.ENV, str(target))
    for _ in progress.track([1, 2], "sensitivity", unit="z"):
        with progress.Progress("inner detection", 10) as inner:
            inner.update(10)
    assert {w[0] for w in lines(target)} == {"sensitivity"}
    with progress.Progress("after", 1) as bar:  # the outer bar closed: the next one shows again
        bar.update()
    assert lines(target)[-1] == ("after", 1, 1, "item")


def test_an_interrupted_loop_does_not_silence_later_bars(tmp_path, monkeypatch):
    target = tmp_path / "progress"
    monkeypatch.setenv(progress.ENV, str(target))
    with pytest.raises(KeyboardInterrupt):
        with progress.Progress("interrupted", 5) as bar:
            bar.update()
            raise KeyboardInterrupt
    with progress.Progress("next", 1) as bar:
        bar.update()
    assert lines(target)[-1] == ("next", 1, 1, "item")


@pytest.mark.parametrize("setting", [progress.OFF, None])
def test_off_or_show_false_prints_and_writes_nothing(tmp_path, monkeypatch, capsys, setting):
    if setting is None:
        monkeypatch.delenv(progress.ENV, raising=False)
    else:
        monkeypatch.setenv(progress.ENV, setting)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    with progress.Progress("quiet", 4, show=setting is not None) as bar:
        bar.update(4)
    assert capsys.readouterr().err == ""
    assert list(tmp_path.iterdir()) == []


def test_in_a_notebook_or_script_the_bar_goes_to_standard_error(monkeypatch, capsys):
    monkeypatch.delenv(progress.ENV, raising=False)
    monkeypatch.setattr(progress, "DELAY", 0.0)
    with progress.Progress("embedding", 4, "text") as bar:
        bar.update(4)
    err = capsys.readouterr().err
    assert "embedding:" in err and "/4 " in err and "text/s" in err


def test_an_unwritable_progress_file_never_fails_the_work(tmp_path, monkeypatch):
    monkeypatch.setenv(progress.ENV, str(tmp_path / "no" / "such" / "folder" / "progress"))
    assert list(progress.track("abc", "letters")) == ["a", "b", "c"]


@pytest.mark.parametrize("line", ["", "a\t1\t2", "a\tx\t2\tunit", "a\t1\t2\tunit\textra"])
def test_malformed_lines_are_ignored(line):
    assert progress.parse_line(line) is None


def test_the_display_draws_the_last_progress_line_as_a_labelled_bar(tmp_path):
    screen = io.StringIO()
    with progress.Display("02-near-duplicates", tmp_path / "progress", screen) as display:
        with (tmp_path / "progress").open("a", encoding="utf-8") as kernel:
            kernel.write("sentences: embedding similarity\t2048\t21425\tunit\n")
            kernel.write("sentences: scoring candidate pairs\t5000\t20000\tpair\n")
            kernel.write("nothing to count\t0\t0\titem\n")
            kernel.write("half a line")
        display.poll()
    drawn = screen.getvalue()
    assert "02-near-duplicates: sentences: scoring candidate pairs:  25%" in drawn and "5000/20000" in drawn
    assert display.shown == ["sentences: scoring candidate pairs"]  # the last complete line with work in it
    assert not (tmp_path / "progress").exists()


def test_a_notice_reaches_the_terminal_once_through_the_runner_or_stands_on_stderr(tmp_path, monkeypatch, capsys):
    target = tmp_path / "progress"
    target.write_text("", encoding="utf-8")
    monkeypatch.setenv(progress.ENV, str(target))
    progress.notice("Dask dashboard at http://127.0.0.1:8787/status\t(2 workers)")
    with progress.Progress("embedding", 2, "text") as bar:
        bar.update(2)
    stream = io.StringIO()
    display = progress.Display("01-corpus-stats", target, stream)
    display.poll()
    display.poll()  # read once: shown once
    assert stream.getvalue().count(
        "newsbrief: 01-corpus-stats: note: Dask dashboard at http://127.0.0.1:8787/status (2 workers)\n") == 1
    assert display.shown == ["embedding"]  # and the bar still shows
    monkeypatch.setenv(progress.ENV, progress.OFF)
    progress.notice("Dask dashboard at http://x/status")
    assert capsys.readouterr().err == "note: Dask dashboard at http://x/status\n"  # the runner repeats it
