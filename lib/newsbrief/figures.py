"""Plot files that are the same bytes on every run, and the interval mark the figure charts share.

In: a matplotlib figure (:func:`save_figure`), or an axis and one figure's interval
(:func:`draw_interval`). Out: a PNG with no software or date stamp, at a fixed size and
resolution, written atomically, so reruns produce identical files; or the interval's marks drawn
on the axis, the same in the claims chart and the comparison chart.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt

from newsbrief.files import replacing

__all__ = ["DPI", "draw_interval", "plain_log_axis", "plain_number", "save_figure", "plt"]

DPI = 110
plt.rcParams.update({"figure.dpi": DPI, "savefig.dpi": DPI, "font.size": 9, "axes.titlesize": 10,
                     "svg.hashsalt": "newsbrief"})


def save_figure(fig: "matplotlib.figure.Figure", figures_dir: str | Path, name: str) -> None:
    """Save ``fig`` as ``figures_dir/name`` (PNG, no metadata stamp).

    In a notebook the figure is still shown inline after the cell, as any pyplot figure is.
    """
    with replacing(Path(figures_dir) / name) as tmp:
        fig.savefig(tmp, format="png", metadata={"Software": None}, bbox_inches="tight")


def plain_number(value: float, _position: object = None) -> str:
    """A tick label as a reader writes the number: "2,000", "0.5", never "2x10^3"."""
    return f"{value:,.0f}" if value >= 1 else f"{value:g}"


def plain_log_axis(axis: "matplotlib.axis.Axis") -> None:
    """A log axis ticked at 1, 2 and 5 of each decade, labelled with plain numbers (2,000, not 2x10^3)."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    axis.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    axis.set_major_formatter(FuncFormatter(plain_number))
    axis.set_minor_formatter(NullFormatter())


def draw_interval(ax: "matplotlib.axes.Axes", y: float, low: float | None, high: float | None, left: float,
                  right: float, colour: str, width: float = 2.0, capstyle: str | None = None,
                  vertical: bool = False) -> None:
    """Draw on row ``y`` the values one figure allows, so that every chart of figures reads the same.

    A closed interval is a bar from ``low`` to ``high``, a point (``low == high``) a dot on its bar,
    and an open side an arrow from the closed end to the plot's edge, ``left`` or ``right``.

    Args:
        ax: the axis to draw on (its x-limits should be ``left, right``).
        y: the row.
        low: the lower end, or None when the figure leaves it open ("as high as 12,000").
        high: the upper end, or None when open ("over 3,000"). One of the two ends must be closed.
        left: where an open lower side runs to.
        right: where an open upper side runs to.
        colour: a matplotlib colour ("C0").
        width: the bar's line width.
        capstyle: the bar's cap style ("butt"), or None for matplotlib's default.
        vertical: values run up the y axis instead, the figure standing at ``x == y`` (a chart whose
            x axis is time); ``left`` and ``right`` are then the bottom and the top.
    """
    def at(value: float) -> tuple[float, float]:
        return (y, value) if vertical else (value, y)

    cap = {} if capstyle is None else {"solid_capstyle": capstyle}
    ends = [at(left if low is None else low), at(right if high is None else high)]
    ax.plot([p[0] for p in ends], [p[1] for p in ends], color=colour, lw=width, **cap)
    if low is not None and low == high:
        ax.plot(*[[v] for v in at(low)], "o", color=colour)
    if low is None:
        ax.annotate("", xy=at(left), xytext=at(high), arrowprops={"arrowstyle": "->", "color": colour})
    if high is None:
        ax.annotate("", xy=at(right), xytext=at(low), arrowprops={"arrowstyle": "->", "color": colour})
