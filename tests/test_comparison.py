"""Comparing figures across articles: grouping by what is counted, intervals, verdicts, sourcing, settings."""

import numpy as np
import pandas as pd
import pytest

from newsbrief import comparison, tables
from newsbrief.tables import SCHEMAS

WORD_VECTORS = {  # near-synonyms close together, as an embedding model puts them
    "troops": [1.0, 0.0, 0.0], "soldiers": [0.95, 0.31, 0.0], "jobs": [0.0, 0.0, 1.0], "nations": [0.0, 1.0, 0.0],
}


def embed(texts):
    vectors = np.array([WORD_VECTORS[t] for t in texts], dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def claim(doc, sent, surface, low, high, qualifier, counted, kind="count", unit="", attribution="unattributed",
          hedges="", vague=False, start=0, scope="", time_words="", forecast=""):
    return {"doc_id": doc, "sent_id": sent, "char_start": start, "char_end": start + len(surface), "surface": surface,
            "value_low": low, "value_high": high, "qualifier": qualifier, "vague": vague, "kind": kind, "unit": unit,
            "counted": counted, "scope": scope, "time_words": time_words, "attribution": attribution,
            "attribution_cue": "", "hedges": hedges, "forecast": forecast, "sentence": f"... {surface} {counted} ..."}


NAN = float("nan")
# The seeds' troop figures, as the claims step reads them (bands for "nearly" and "approximately").
CLAIMS = pd.DataFrame([
    claim("a", 0, "over 3,000", 3000, NAN, "over", "North Korean troops", hedges="reportedly", scope="arrived in Russia",
          attribution="reports"),
    claim("b", 1, "at least 3,000", 3000, NAN, "at_least", "North Korean soldiers", attribution="intelligence reports",
          scope="dispatched to training facilities", time_words="this past week"),
    claim("b", 1, "as high as 12,000", NAN, 12000, "as_high_as", "North Korean soldiers", start=40, scope="total",
          hedges="potentially", time_words="this past week"),
    claim("c", 2, "nearly 8,000", 7200, 8000, "nearly", "North Korean troops", attribution="reports",
          scope="poised to enter the war", forecast="poised to"),
    claim("d", 3, "approximately 12,000", 10800, 13200, "approximately", "troops", scope="sent",
          time_words="earlier in the year"),
    claim("d", 4, "between 25,000 to 30,000", 25000, 30000, "between", "additional soldiers", scope="additional;dispatch",
          forecast="poised to"),
    claim("d", 5, "around 4,000", 3600, 4400, "approximately", "North Korean soldiers", scope="killed or injured",
          attribution="reports"),
    claim("d", 6, "thousands", 1000, NAN, "", "North Korean troops", vague=True),
    claim("d", 7, "2024", 2024, 2024, "", "", kind="date"),
])
DOCUMENTS = pd.DataFrame({"doc_id": list("abcd"), "outlet": ["A News", "unknown", "unknown", "D Times"],
                          "published": ["", "2024-10-26", "", ""]})


def test_scope_classes_come_from_the_scope_words_and_the_counted_phrase():
    assert comparison.scope_key("North Korean troops", "arrived in Russia") == "present"
    assert comparison.scope_key("North Korean troops", "poised to enter the war") == "front"
    assert comparison.scope_key("additional soldiers", "dispatch") == "additional;present"
    assert comparison.scope_key("North Korean soldiers", "killed or injured; initial deployment") == (
        "dead;initial;injured;present")
    assert comparison.scope_key("people", "evacuated from their homes") == "evacuated"
    assert comparison.scope_key("casualties", "") == comparison.scope_key("people", "killed or injured") == "dead;injured"
    assert comparison.scope_key("people", "") == ""


def test_figures_of_one_thing_are_compared_only_within_a_scope():
    compared = comparison.compare(CLAIMS, DOCUMENTS, embed)
    added = ("independent_sources", "source_key")  # what newsbrief.voices adds from sources.csv
    assert list(compared.columns) == [c for c in SCHEMAS["claim_comparison.csv"] if c not in added]
    assert compared.thing.nunique() == 1  # troops ~ soldiers, whatever the scope
    groups = {g: sorted(rows.surface) for g, rows in compared.groupby("scope")}
    assert groups == {"present": ["approximately 12,000", "at least 3,000", "over 3,000"], "total": ["as high as 12,000"],
                      "front": ["nearly 8,000"], "additional;present": ["between 25,000 to 30,000"],
                      "dead;injured": ["around 4,000"]}
    assert "thousands" not in set(compared.surface) and "2024" not in set(compared.surface)


def test_the_seed_timeline_is_no_conflict_each_verdict_with_its_reason():
    compared = comparison.compare(CLAIMS, DOCUMENTS, embed).set_index("surface")
    assert "conflict" not in set(compared.verdict)
    assert compared.loc["over 3,000", "verdict"] == "agree"  # 3,000 or more holds with about 12,000
    assert compared.loc["nearly 8,000", "verdict"] == "different scope"
    assert "front" in compared.loc["nearly 8,000", "reason"] and "present" in compared.loc["nearly 8,000", "reason"]
    assert compared.loc["as high as 12,000", "time_label"] == "2024-10-19 to 2024-10-26 (this past week)"
    assert compared.loc["as high as 12,000", "time_basis"] == "relative to article date"
    assert compared.loc["approximately 12,000", "time_label"] == "earlier in the year (article date unknown)"
    assert compared.loc["over 3,000", "time_basis"] == "undated"
    assert compared.loc["nearly 8,000", "forecast"] == "poised to"
    assert all(compared.reason != "")
    assert compared.loc["over 3,000", "outlet"] == "A News"
    assert bool(compared.loc["over 3,000", "single_source"]) is False  # b also says 3,000


def documents(*dates):
    return pd.DataFrame({"doc_id": [f"d{k}" for k in range(len(dates))], "outlet": ["unknown"] * len(dates),
                         "published": list(dates)})


def test_a_rising_figure_a_month_apart_is_an_update_with_its_direction():
    rising = pd.DataFrame([claim("d0", 0, "1,200", 1200, 1200, "", "people", scope="evacuated"),
                           claim("d1", 0, "3,400", 3400, 3400, "", "people", scope="evacuated")])
    compared = comparison.compare(rising, documents("2024-03-01", "2024-04-02"), embed).set_index("doc_id")
    assert set(compared.verdict) == {"update"}
    assert compared.loc["d0", "updates"] == "d1 (up from d0 to d1)"
    assert "another time" in compared.loc["d0", "reason"]


def test_incompatible_figures_on_one_day_conflict_and_without_dates_are_unresolved():
    clash = pd.DataFrame([claim("d0", 0, "at least 40", 40, NAN, "at_least", "people", scope="killed"),
                          claim("d1", 0, "fewer than 20", NAN, 20, "under", "people", scope="died")])
    same_day = comparison.compare(clash, documents("2024-05-01", "2024-05-01"), embed).set_index("doc_id")
    assert set(same_day.verdict) == {"conflict"} and same_day.loc["d0", "conflicts_with"] == "d1"
    undated = comparison.compare(clash, documents("2024-05-01", ""), embed).set_index("doc_id")
    assert set(undated.verdict) == {"unresolved"} and "date is unknown" in undated.loc["d0", "reason"]
    assert undated.loc["d0", "conflicts_with"] == ""


def test_a_subset_is_a_different_scope_and_a_thing_only_one_article_counts_is_single_source():
    subset = pd.DataFrame([claim("d0", 0, "5,000", 5000, 5000, "", "troops", scope="total"),
                           claim("d1", 0, "800", 800, 800, "", "soldiers", scope="killed"),
                           claim("d1", 1, "12", 12, 12, "", "jobs")])
    compared = comparison.compare(subset, documents("2024-05-01", "2024-05-01"), embed).set_index("surface")
    assert compared.loc["5,000", "verdict"] == compared.loc["800", "verdict"] == "different scope"
    assert compared.loc["12", "verdict"] == "single source"


def test_agreeing_figures():
    agreeing = pd.DataFrame([claim("a", 0, "over 3,000", 3000, NAN, "over", "jobs"),
                             claim("b", 0, "nearly 8,000", 7200, 8000, "nearly", "jobs")])
    assert set(comparison.compare(agreeing, DOCUMENTS, embed).verdict) == {"agree"}


def test_money_never_meets_a_count_and_nothing_to_compare_is_empty():
    mixed = pd.DataFrame([claim("a", 0, "$3,000", 3000, 3000, "", "jobs", kind="money", unit="USD"),
                          claim("b", 0, "3,000", 3000, 3000, "", "jobs")])
    assert comparison.compare(mixed, DOCUMENTS, embed).group.nunique() == 2
    assert comparison.compare(CLAIMS.head(0), DOCUMENTS, embed).empty
    assert comparison.plot_comparison(comparison.compare(CLAIMS.head(0), DOCUMENTS, embed)).axes[0].texts


def test_sourcing_shares_per_article():
    shares = comparison.sourcing(CLAIMS).set_index("doc_id")
    assert shares.loc["b", "attributed"] == pytest.approx(0.5)
    assert shares.loc["a", "hedged"] == pytest.approx(1.0)
    assert shares.loc["d", "figures"] == 4  # the date is not a figure here


def test_sourcing_of_the_compared_kinds_is_the_sourcing_table():
    with_duration = pd.concat([CLAIMS, pd.DataFrame([claim("e", 8, "five years", 5, 5, "", "", kind="duration",
                                                           unit="year")])], ignore_index=True)
    shares = comparison.sourcing(with_duration, kinds=comparison.COMPARED_KINDS)
    assert list(shares.columns) == list(SCHEMAS["sourcing.csv"])
    assert shares.doc_id.tolist() == ["a", "b", "c", "d"]  # e has no count, money or percent figure
    assert shares.set_index("doc_id").loc["d", "figures"] == 4
    assert "e" in set(comparison.sourcing(with_duration).doc_id)  # every kind but dates by default
    assert list(comparison.sourcing(CLAIMS.head(0), kinds=comparison.COMPARED_KINDS).columns) == list(
        SCHEMAS["sourcing.csv"])


class FakeEmbedder:
    model = "a-model"
    backend = "onnx"


def test_settings_table_states_the_run_s_settings_as_text(tmp_path):
    settings = comparison.settings_table(FakeEmbedder())
    assert list(settings.columns) == ["setting", "value", "meaning"] == list(SCHEMAS["claim_settings.csv"])
    assert dict(zip(settings.setting, settings.value)) == {
        "model": "a-model", "backend": "onnx", "head_synonym_cosine": str(comparison.HEAD_SYNONYM_COSINE),
        "approximate": str(comparison.APPROXIMATE), "compared_kinds": ";".join(comparison.COMPARED_KINDS)}
    assert settings.meaning.str.len().gt(10).all()
    tables.write_table(settings, tmp_path, "claim_settings.csv")
    pd.testing.assert_frame_equal(tables.read_table(tmp_path, "claim_settings.csv"), settings, check_dtype=False)


def test_chart_has_one_panel_per_group():
    fig = comparison.plot_comparison(comparison.compare(CLAIMS, DOCUMENTS, embed))
    assert len(fig.axes) == 5  # one thing in five scopes
    assert fig.axes[0].get_title(loc="left") == "North Korean soldiers · present: agree (3 articles)"


def test_a_panel_draws_at_most_max_rows_figures_the_lowest_and_highest():
    many = pd.DataFrame([claim(f"n{k:02d}", k, f"{100 * k:,}", 100 * k, 100 * k, "", "troops") for k in range(1, 41)])
    compared = comparison.compare(many, DOCUMENTS, embed)
    assert compared.group.nunique() == 1 and len(compared) == 40
    fig = comparison.plot_comparison(compared, max_rows=12)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "troops: unresolved (40 articles, +28 more not drawn)"
    drawn = {t.get_text().split(": ")[1] for t in ax.get_yticklabels()}
    assert drawn == {f"{100 * k:,}" for k in [*range(1, 7), *range(35, 41)]}  # six lowest, six highest
    few = comparison.compare(many.head(12), DOCUMENTS, embed)
    height = fig.get_size_inches()[1]
    assert height == comparison.plot_comparison(few, max_rows=12).get_size_inches()[1]  # as tall as 12 figures
    assert height < comparison.plot_comparison(compared, max_rows=40).get_size_inches()[1]
    assert comparison.plot_comparison(few, max_rows=12).axes[0].get_title(loc="left") == "troops: unresolved (12 articles)"


def test_each_interval_of_the_comparison_chart_sits_on_its_own_figures_label():
    """A drawn interval and the label beside it come from the same row (as the readability bars must)."""
    nan = float("nan")
    rows = pd.DataFrame({
        "group": [1, 1, 1], "articles": [3, 3, 3], "doc_id": ["a", "b", "c"], "counts": ["troops"] * 3,
        "kind": ["count"] * 3, "scope": [""] * 3, "verdict": ["agree"] * 3,
        "surface": ["over 3,000", "as high as 12,000", "nearly 8,000"],
        "value_low": [3000.0, nan, 7200.0], "value_high": [nan, 12000.0, 8000.0]})
    fig = comparison.plot_comparison(rows, labels={"a": "A · one", "b": "B · two", "c": "C · three"})
    ax = fig.axes[0]
    labels = {round(tick.get_position()[1]): tick.get_text() for tick in ax.get_yticklabels()}
    drawn = {labels[round(line.get_ydata()[0])]: sorted(float(x) for x in line.get_xdata())
             for line in ax.lines if len(line.get_xdata()) == 2}
    left, right = ax.get_xlim()
    assert drawn == {"A · one: over 3,000": [3000.0, right], "B · two: as high as 12,000": [left, 12000.0],
                     "C · three: nearly 8,000": [7200.0, 8000.0]}
