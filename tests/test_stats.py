"""Per-article and per-outlet statistics on tiny corpora written for the test."""

import math

import pandas as pd
import pytest

from newsbrief import corpus, stats


def test_flesch_on_a_fixed_text():
    # 9 words, 2 sentences, 10 syllables (hap-py): 206.835 - 1.015 * 4.5 - 84.6 * 10 / 9
    ease, grade = stats.flesch(["The cat sat on the mat.", "It was happy."])
    assert ease == pytest.approx(108.2675, abs=1e-4)
    assert grade == pytest.approx(0.39 * 4.5 + 11.8 * 10 / 9 - 15.59, abs=1e-4)


def test_flesch_of_nothing_is_nan():
    assert all(math.isnan(v) for v in stats.flesch([]))
    assert all(math.isnan(v) for v in stats.flesch(["1,000 — 2,000"]))


@pytest.fixture
def tiny(tmp_path):
    (tmp_path / "a.txt").write_text("Troops arrive\n\n4 min read\n\nThe cat sat on the mat. It was happy.\n")
    (tmp_path / "b.txt").write_text("Second title\n\nOne short sentence here.\n")
    (tmp_path / "metadata.csv").write_text("file,outlet,url,published\na.txt,Globe,,2024-10-01\nb.txt,Globe,,2024-10-03\n")
    loaded = corpus.load_corpus(tmp_path)
    paragraphs, sentences = corpus.paragraphs_table(loaded), corpus.sentences_table(loaded)
    return stats.document_stats(corpus.documents_table(loaded), paragraphs, sentences), paragraphs


def test_document_stats_counts_article_text_and_chrome_separately(tiny):
    documents, _ = tiny
    a = documents.set_index("doc_id").loc["a"]
    assert (a.words, a.sentences, a.paragraphs, a.headings) == (11, 3, 1, 1)
    assert (a.chrome_paragraphs, a.chrome_words) == (1, 3)
    assert a.chrome_share == pytest.approx(3 / 14)
    assert a.mean_sentence_words == pytest.approx(4.5)
    assert a.flesch_reading_ease == pytest.approx(108.2675, abs=1e-4)
    assert list(documents.columns)[:5] == ["doc_id", "label", "file", "text_file", "title"]
    assert documents.label.tolist() == ["Globe · Troops arrive", "Globe · Second title"]


def test_outlet_stats_sum_and_date_range(tiny):
    documents, _ = tiny
    outlets = stats.outlet_stats(documents)
    assert outlets.to_dict("records")[0] | {"flesch_reading_ease": None} == {
        "outlet": "Globe", "articles": 2, "words": 17, "sentences": 5, "chrome_words": 3,
        "flesch_reading_ease": None, "first_published": "2024-10-01", "last_published": "2024-10-03"}


def test_chrome_summary_by_reason(tiny):
    _, paragraphs = tiny
    summary = stats.chrome_summary(paragraphs)
    assert summary.to_dict("records") == [{"chrome_reason": "reading time", "paragraphs": 1, "words": 3, "articles": 1}]
    assert stats.chrome_summary(paragraphs[paragraphs.kind != "chrome"]).empty


def test_plots_draw_one_bar_per_article(tiny):
    documents, paragraphs = tiny
    fig = stats.plot_lengths(documents)
    assert len(fig.axes[0].patches) == 2 * len(documents)  # text and chrome per article
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()] == ["Globe · Second title", "Globe · Troops arrive"]
    # each label's bar is its own article's length (text, then chrome stacked on it)
    labels = {tick.get_position()[1]: tick.get_text() for tick in fig.axes[0].get_yticklabels()}
    text_bars = {labels[bar.get_y() + bar.get_height() / 2]: bar.get_width() for bar in fig.axes[0].patches[:2]}
    assert text_bars == dict(zip(documents.label, documents.words.astype(float)))
    empty = stats.plot_chrome(pd.DataFrame(columns=["chrome_reason", "words"]))
    assert empty.axes[0].texts[0].get_text() == "no page chrome found"


def test_each_readability_bar_and_box_sits_on_its_own_articles_label(tiny, tmp_path):
    """A bar and the label beside it come from the same row (they were once one row apart)."""
    documents, _ = tiny
    documents = documents.assign(flesch_reading_ease=[11.0, 77.0])
    sentences = pd.DataFrame({"doc_id": ["a", "a", "b"], "kind": ["body"] * 3, "words": [3, 5, 40]})
    fig = stats.plot_readability(documents, sentences)
    left, right = fig.axes
    labels = {tick.get_position()[1]: tick.get_text() for tick in left.get_yticklabels()}
    bars = {labels[bar.get_y() + bar.get_height() / 2]: bar.get_width() for bar in right.patches}
    assert bars == {"Globe · Troops arrive": 11.0, "Globe · Second title": 77.0}
    reach: dict[str, float] = {}  # the longest sentence each row's box and whiskers reach
    for line in (line for line in left.lines if len(line.get_ydata())):  # an empty line: no fliers
        row = labels[round(float(sum(line.get_ydata())) / len(line.get_ydata()))]
        reach[row] = max(reach.get(row, 0.0), float(max(line.get_xdata())))
    assert reach == {"Globe · Troops arrive": 5.0, "Globe · Second title": 40.0}
