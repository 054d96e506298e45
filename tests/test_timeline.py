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
