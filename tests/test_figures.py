"""Plot files are byte-identical across saves."""

from newsbrief.figures import plt, save_figure


def test_same_figure_same_bytes(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [3, 1, 2])
    save_figure(fig, tmp_path / "one", "plot.png")
    save_figure(fig, tmp_path / "two", "plot.png")
    data = (tmp_path / "one" / "plot.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data == (tmp_path / "two" / "plot.png").read_bytes()
    assert b"matplotlib" not in data  # no software stamp
