"""Plot files are byte-identical across saves; the interval mark the figure charts share."""

from newsbrief.figures import draw_interval, plt, save_figure


def test_same_figure_same_bytes(tmp_path):
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [3, 1, 2])
    save_figure(fig, tmp_path / "one", "plot.png")
    save_figure(fig, tmp_path / "two", "plot.png")
    data = (tmp_path / "one" / "plot.png").read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data == (tmp_path / "two" / "plot.png").read_bytes()
    assert b"matplotlib" not in data  # no software stamp


def test_an_interval_is_a_bar_a_point_a_dot_and_an_open_side_an_arrow_to_the_edge():
    fig, ax = plt.subplots()
    draw_interval(ax, 0, 2.0, 5.0, 1.0, 10.0, "C0")  # closed
    draw_interval(ax, 1, 3.0, 3.0, 1.0, 10.0, "C1")  # a point
    draw_interval(ax, 2, 4.0, None, 1.0, 10.0, "C2")  # open above ("over 4")
    draw_interval(ax, 3, None, 6.0, 1.0, 10.0, "C3", width=3, capstyle="butt")  # open below ("nearly 6")
    lines = ax.get_lines()
    assert [list(line.get_xdata()) for line in lines] == [[2, 5], [3, 3], [3], [4, 10], [1, 6]]
    assert [(a.xy, a.xyann) for a in ax.texts] == [((10.0, 2), (4.0, 2)), ((1.0, 3), (6.0, 3))]
    assert lines[-1].get_linewidth() == 3 and lines[-1].get_solid_capstyle() == "butt"


def test_a_vertical_interval_is_the_same_marks_turned_up_the_y_axis():
    fig, ax = plt.subplots()
    draw_interval(ax, 7.0, 2.0, 5.0, 1.0, 10.0, "C0", vertical=True)  # closed, standing at x = 7
    draw_interval(ax, 8.0, 3.0, 3.0, 1.0, 10.0, "C1", vertical=True)  # a point
    draw_interval(ax, 9.0, 4.0, None, 1.0, 10.0, "C2", vertical=True)  # open above
    lines = ax.get_lines()
    assert [list(line.get_ydata()) for line in lines] == [[2, 5], [3, 3], [3], [4, 10]]
    assert [list(line.get_xdata()) for line in lines] == [[7, 7], [8, 8], [8], [9, 9]]
    assert [(a.xy, a.xyann) for a in ax.texts] == [((9.0, 10.0), (9.0, 4.0))]


def test_log_axes_read_as_plain_numbers():
    """Ticks at 1, 2 and 5 of each decade, written as a reader writes them: 2,000, never 2x10^3."""
    from newsbrief.figures import plain_log_axis, plain_number, plt

    fig, ax = plt.subplots()
    ax.set_xscale("log")
    ax.set_xlim(1_000, 30_000)
    plain_log_axis(ax.xaxis)
    fig.canvas.draw()
    low, high = ax.get_xlim()
    shown = [t.get_text() for t in ax.get_xticklabels() if low <= t.get_position()[0] <= high]
    assert shown == ["1,000", "2,000", "5,000", "10,000", "20,000"]
    assert (plain_number(0.5), plain_number(12_000)) == ("0.5", "12,000")
    plt.close(fig)
