"""Forecasts of timing with their windows, and the timeline chart's marks."""

import numpy as np
import pandas as pd

from newsbrief import comparison, timeline
from newsbrief.tables import SCHEMAS

from test_comparison import CLAIMS, DOCUMENTS, claim, embed


def test_forecasts_get_the_window_their_words_point_to_or_say_the_date_is_missing():
    found = pd.DataFrame([
        claim("a", 0, "as soon as next week", np.nan, np.nan, "", "deployed to the Kursk region", kind="forecast",
              time_words="as soon as next week", forecast="as soon as", attribution="unattributed"),
        claim("b", 0, "as soon as this weekend", np.nan, np.nan, "", "join combat operations", kind="forecast",
              time_words="as soon as this weekend", forecast="as soon as", attribution="Volodymyr Zelenskyy"),
        claim("b", 1, "3,000", 3000, 3000, "", "troops"),
    ])
    table = timeline.forecasts(found, DOCUMENTS)
    assert list(table.columns) == list(SCHEMAS["forecasts.csv"])
    assert table.doc_id.tolist() == ["b", "a"]  # the dated window first
    assert table.loc[0, "window_label"] == "2024-10-26 to 2024-11-02 (as soon as this weekend)"
    assert table.loc[0, "attribution"] == "Volodymyr Zelenskyy" and table.loc[0, "event"] == "join combat operations"
    assert table.loc[1, "window_label"] == "as soon as next week (article date unknown)"
    assert timeline.forecasts(found.head(0), DOCUMENTS).empty


def test_the_timeline_puts_dated_figures_on_a_time_axis_and_the_rest_in_the_undated_lane():
    compared = comparison.compare(CLAIMS, DOCUMENTS, embed)
    fig = timeline.plot_timeline(compared)
    lanes = sorted(compared.scope.unique())  # one row of two panels per scope, in this order
    assert len(fig.axes) == 2 * len(lanes)
    for row, scope in enumerate(lanes):
        dated, undated = fig.axes[2 * row], fig.axes[2 * row + 1]
        assert dated.get_title(loc="left").endswith(scope.replace(";", ", "))
        rows = compared[compared.scope == scope]
        for ax, shown in ((dated, rows[rows.period_start != ""]), (undated, rows[rows.period_start == ""])):
            labels = sorted(t.get_text().strip() for t in ax.texts if t.get_text() and ":" in t.get_text())
            assert labels == sorted(f"{d[:1]}: {s}" for d, s in zip(shown.doc_id, shown.surface))  # a, b, c, d
    assert timeline.plot_timeline(compared.head(0)).axes[0].texts


def test_articles_are_labelled_by_the_shortest_prefix_that_tells_them_apart():
    assert timeline._short_names(["000_81395c6dc450b57d", "001_2ac6b3536899027c"]) == {
        "000_81395c6dc450b57d": "000", "001_2ac6b3536899027c": "001"}
    assert timeline._short_names(["quake-police", "quake-ministry", "flood"]) == {
        "quake-police": "quake-p", "quake-ministry": "quake-m", "flood": "flood"}


def test_each_timeline_label_stands_by_its_own_figures_interval():
    """A label's figure is the one drawn where the label stands (the interval's x, its closed end's y)."""
    compared = comparison.compare(CLAIMS, DOCUMENTS, embed)
    fig = timeline.plot_timeline(compared)
    surfaces = dict(zip(compared.surface, zip(compared.value_low, compared.value_high)))
    checked = 0
    for ax in fig.axes:
        bottom, top = ax.get_ylim()
        for text in (t for t in ax.texts if ": " in t.get_text()):
            x, y = text.get_position()
            low, high = surfaces[text.get_text().split(": ", 1)[1]]
            ends = [bottom if np.isnan(low) else low, top if np.isnan(high) else high]
            at_x = [sorted(line.get_ydata()) for line in ax.lines
                    if len(line.get_xdata()) == 2 and list(line.get_xdata()) == [x, x]]
            assert [float(e) for e in ends] in [[float(v) for v in ys] for ys in at_x], text.get_text()
            assert y == (high if not np.isnan(high) else low)
            checked += 1
    assert checked == len(compared)
