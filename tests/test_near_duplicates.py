"""Shingles, overlap measures and pair ranking, on texts and vectors chosen for the test."""

import numpy as np
import pandas as pd
import pytest

from newsbrief import near_duplicates as nd


def test_shingles_are_lower_cased_word_trigrams():
    assert nd.shingles("North Korean troops arrive") == {
        ("north", "korean", "troops"), ("korean", "troops", "arrive")}
    assert nd.shingles("Two words") == {("two", "words")}
    assert nd.shingles("") == frozenset()
    assert nd.shingles("Russia’s war") == nd.shingles("russia's WAR")


def test_jaccard_and_containment():
    a, b = frozenset({1, 2, 3, 4}), frozenset({3, 4, 5})
    assert nd.jaccard(a, b) == pytest.approx(2 / 5)
    assert nd.containment(a, b) == pytest.approx(2 / 4)
    assert nd.containment(b, a) == pytest.approx(2 / 3)
    assert nd.jaccard(frozenset(), frozenset()) == 0.0


def unit_frame():
    texts = ["alpha beta gamma delta epsilon zeta eta theta",
             "alpha beta gamma delta epsilon zeta eta iota",
             "one two three four five six seven eight",
             "alpha beta gamma delta epsilon zeta eta theta"]
    return pd.DataFrame({
        "doc_id": ["a", "a", "b", "c"], "para_id": [1, 2, 1, 1], "char_start": [0, 50, 0, 0],
        "char_end": [48, 98, 40, 48], "kind": "body", "chrome_reason": "", "words": 8, "text": texts})


VECTORS = np.array([[1, 0, 0], [0.8, 0.6, 0], [0, 0, 1], [1, 0, 0]], dtype=np.float32)


def test_passage_units_keep_long_body_paragraphs_only():
    frame = unit_frame()
    frame.loc[1, "kind"] = "heading"
    frame.loc[2, "words"] = 3
    assert nd.passage_units(frame, min_words=8).para_id.tolist() == [1, 1]


def test_paragraph_pairs_rank_by_cosine_then_jaccard():
    pairs = nd.paragraph_pairs(unit_frame(), VECTORS, top_k=3)
    assert pairs[["doc_a", "para_a", "doc_b", "para_b"]].values.tolist() == [
        ["a", 1, "c", 1], ["a", 1, "a", 2], ["a", 2, "c", 1]]
    assert pairs.cosine.tolist() == pytest.approx([1.0, 0.8, 0.8])
    assert pairs.jaccard.tolist() == pytest.approx([1.0, 5 / 7, 5 / 7])
    assert (pairs.start_a.tolist(), pairs.end_b.tolist()) == ([0, 0, 50], [48, 98, 48])


def test_paragraph_pairs_threshold_and_cross_article_only():
    pairs = nd.paragraph_pairs(unit_frame(), VECTORS, min_cosine=0.5, within_article=False)
    assert pairs[["doc_a", "doc_b"]].values.tolist() == [["a", "c"], ["a", "c"]]
    assert nd.paragraph_pairs(unit_frame().head(1), VECTORS[:1]).empty


def test_document_similarity_uses_mean_embeddings_and_pooled_shingles():
    sim = nd.document_similarity(unit_frame(), VECTORS).set_index(["doc_a", "doc_b"])
    mean_a = (VECTORS[0] + VECTORS[1]) / np.linalg.norm(VECTORS[0] + VECTORS[1])
    assert sim.loc[("a", "c"), "cosine"] == pytest.approx(float(mean_a @ VECTORS[3]), abs=1e-6)
    assert sim.loc[("a", "b"), "cosine"] == pytest.approx(0.0, abs=1e-6)
    assert sim.loc[("c", "a"), "containment"] == pytest.approx(1.0)
    assert sim.loc[("a", "c"), "containment"] == pytest.approx(6 / 7)
    assert len(sim) == 6


def test_near_duplicate_table_puts_article_pairs_first():
    units = unit_frame()
    documents = pd.DataFrame({"doc_id": ["a", "b", "c"], "title": ["A", "B", "C"], "chars": [98, 40, 48]})
    table = nd.near_duplicate_table(nd.document_similarity(units, VECTORS),
                                    nd.paragraph_pairs(units, VECTORS, top_k=2), documents)
    assert table.level.tolist() == ["document"] * 3 + ["paragraph"] * 2
    assert table[["doc_a", "doc_b", "rank", "end_a"]].values.tolist()[:3] == [
        ["a", "c", 1, 98], ["a", "b", 2, 98], ["b", "c", 3, 40]]  # ties: by article id
    assert table["rank"].tolist()[3:] == [1, 2]


def test_heatmap_and_scatter_draw():
    units = unit_frame()
    fig = nd.plot_similarity_heatmap(nd.document_similarity(units, VECTORS))
    assert len(fig.axes[0].texts) == 6  # one value per off-diagonal cell
    scatter = nd.plot_pair_scatter(units, VECTORS)
    assert len(scatter.axes[0].collections[0].get_offsets()) == 5  # cross-article pairs
