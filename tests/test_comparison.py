"""Comparing figures across articles: grouping by what is counted, intervals, verdicts, sourcing, settings."""

import math

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
          hedges="", vague=False, start=0):
    return {"doc_id": doc, "sent_id": sent, "char_start": start, "char_end": start + len(surface), "surface": surface,
            "value_low": low, "value_high": high, "qualifier": qualifier, "vague": vague, "kind": kind, "unit": unit,
            "counted": counted, "attribution": attribution, "attribution_cue": "", "hedges": hedges,
            "sentence": f"... {surface} {counted} ..."}


NAN = float("nan")
CLAIMS = pd.DataFrame([
    claim("a", 0, "over 3,000", 3000, NAN, "over", "North Korean troops", hedges="reportedly"),
    claim("b", 1, "at least 3,000", 3000, NAN, "at_least", "North Korean soldiers", attribution="intelligence reports"),
    claim("b", 1, "as high as 12,000", NAN, 12000, "as_high_as", "North Korean soldiers", start=40),
    claim("c", 2, "nearly 8,000", 7200, 8000, "nearly", "North Korean troops", attribution="reports"),
    claim("d", 3, "approximately 12,000", 10800, 13200, "approximately", "troops"),
    claim("d", 4, "between 25,000 to 30,000", 25000, 30000, "between", "additional soldiers"),
    claim("d", 5, "around 4,000", 3600, 4400, "approximately", "North Korean soldiers killed or injured",
          attribution="reports"),
    claim("d", 6, "thousands", 1000, NAN, "", "North Korean troops", vague=True),
    claim("d", 7, "2024", 2024, 2024, "", "", kind="date"),
])
DOCUMENTS = pd.DataFrame({"doc_id": list("abcd"), "outlet": ["A News", "unknown", "unknown", "D Times"]})


def test_interval_reads_open_sides_and_keeps_the_tables_band():
    assert comparison.interval(3000, NAN, "over") == (3000, math.inf)
    assert comparison.interval(7200, 8000, "nearly") == (7200, 8000)  # the claims table holds the band
    assert comparison.interval(10800, 13200, "approximately") == (10800, 13200)
    assert comparison.interval(NAN, 12000, "as_high_as") == (-math.inf, 12000)
    assert comparison.interval(25000, 30000, "between") == (25000, 30000)


def test_troops_additional_troops_and_casualties_are_three_groups():
    compared = comparison.compare(CLAIMS, DOCUMENTS, embed)
    assert list(compared.columns) == list(SCHEMAS["claim_comparison.csv"])
    groups = {g: sorted(rows.surface) for g, rows in compared.groupby("counts")}
    assert groups == {
        "North Korean troops": ["approximately 12,000", "as high as 12,000", "at least 3,000", "nearly 8,000",
                                "over 3,000"],
        "additional soldiers": ["between 25,000 to 30,000"],
        "North Korean soldiers killed or injured": ["around 4,000"],
    }
    assert "thousands" not in set(compared.surface) and "2024" not in set(compared.surface)


def test_verdicts_conflicts_and_single_sources():
    compared = comparison.compare(CLAIMS, DOCUMENTS, embed).set_index("surface")
    troops = compared.loc["nearly 8,000"]
    # the group's ends are the table's interval ends: "approximately 12,000" reaches 13,200
    assert (troops.verdict, troops.articles, troops.smallest, troops.largest) == ("conflict", 4, 3000, 13200)
    assert troops.spread == pytest.approx(4.4)
    assert troops.conflicts_with == "d"  # 7,200-8,000 against 10,800-13,200
    assert compared.loc["approximately 12,000", "conflicts_with"] == "c"
    assert compared.loc["over 3,000", "conflicts_with"] == ""
    assert compared.loc["around 4,000", "verdict"] == "single source"
    assert compared.loc["around 4,000", "attribution"] == "reports"
    assert bool(compared.loc["over 3,000", "single_source"]) is False  # b also says 3,000
    assert bool(compared.loc["nearly 8,000", "single_source"]) is True
    assert compared.loc["over 3,000", "outlet"] == "A News"


def test_agreeing_figures():
    agreeing = pd.DataFrame([claim("a", 0, "over 3,000", 3000, NAN, "over", "jobs"),
                             claim("b", 0, "nearly 8,000", NAN, 8000, "nearly", "jobs")])
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
    assert len(fig.axes) == 3
    assert fig.axes[0].get_title(loc="left") == "North Korean troops: conflict (4 articles)"


def test_a_panel_draws_at_most_max_rows_figures_the_lowest_and_highest():
    many = pd.DataFrame([claim(f"n{k:02d}", k, f"{100 * k:,}", 100 * k, 100 * k, "", "troops") for k in range(1, 41)])
    compared = comparison.compare(many, DOCUMENTS, embed)
    assert compared.group.nunique() == 1 and len(compared) == 40
    fig = comparison.plot_comparison(compared, max_rows=12)
    ax = fig.axes[0]
    assert ax.get_title(loc="left") == "troops: conflict (40 articles, +28 more not drawn)"
    drawn = {t.get_text().split(": ")[1] for t in ax.get_yticklabels()}
    assert drawn == {f"{100 * k:,}" for k in [*range(1, 7), *range(35, 41)]}  # six lowest, six highest
    few = comparison.compare(many.head(12), DOCUMENTS, embed)
    height = fig.get_size_inches()[1]
    assert height == comparison.plot_comparison(few, max_rows=12).get_size_inches()[1]  # as tall as 12 figures
    assert height < comparison.plot_comparison(compared, max_rows=40).get_size_inches()[1]
    assert comparison.plot_comparison(few, max_rows=12).axes[0].get_title(loc="left") == "troops: conflict (12 articles)"
