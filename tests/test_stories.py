"""Stories: articles grouped by what they are about, before anything is compared across articles."""

import numpy as np
import pandas as pd

from newsbrief import comparison, stories, tables
from newsbrief.claims import CLAIM_COLUMNS

TOPICS = {"harbour": [1.0, 0.0, 0.0], "tennis": [0.0, 1.0, 0.0], "chips": [0.0, 0.0, 1.0]}


def embed(texts):
    """A sentence points at its topic word's axis, a little off it by its length (no two alike)."""
    rows = []
    for text in texts:
        topic = next(t for t in TOPICS if t in text)
        v = np.array(TOPICS[topic]) + 0.05 * (len(text) % 7) * np.array([0.3, 0.2, 0.1])
        rows.append(v / np.linalg.norm(v))
    return np.asarray(rows, dtype=np.float32)


def corpus(per_topic):
    docs, sents = [], []
    for topic, n in per_topic.items():
        for k in range(n):
            doc = f"{topic}-{k}"
            docs.append({"doc_id": doc, "title": f"{topic} news {k}"})
            for text in (f"The {topic} council met on day {k}.", f"Talk of the {topic} went on and on."):
                sents.append({"doc_id": doc, "kind": "body", "text": text + " " * k})
    return pd.DataFrame(docs), pd.DataFrame(sents)


def test_articles_on_three_topics_form_three_stories_labelled_by_their_words():
    documents, sentences = corpus({"harbour": 4, "tennis": 3, "chips": 2})
    found = stories.find_stories(documents, sentences, embed)
    table = found.table.set_index("doc_id")
    assert list(found.table.columns) == list(tables.SCHEMAS["stories.csv"])
    assert table.story.to_dict() == {**{f"harbour-{k}": 1 for k in range(4)}, **{f"tennis-{k}": 2 for k in range(3)},
                                     **{f"chips-{k}": 3 for k in range(2)}}  # numbered by size
    assert table.loc["harbour-0", "label"].split(", ")[0] == "harbour"  # its most distinctive word
    assert table.articles.tolist() == [4] * 4 + [3] * 3 + [2] * 2
    chosen = found.calibration[found.calibration.chosen]
    assert len(chosen) == 1 and chosen.stories.iloc[0] == 3 and chosen.silhouette.iloc[0] > stories.MIN_SILHOUETTE
    assert list(found.calibration.columns) == list(tables.SCHEMAS["story_calibration.csv"])


def test_articles_all_alike_are_one_story():
    documents, sentences = corpus({"harbour": 5})
    found = stories.find_stories(documents, sentences, embed)
    assert set(found.table.story) == {1} and len(found.calibration) == 1
    assert found.calibration.similarity.iloc[0] >= stories.ONE_STORY


def test_figures_are_compared_only_within_a_story():
    """The same noun in two stories ("operations" in a hospital and a mine) is no conflict."""
    claims = pd.DataFrame([
        ["h1", 0, 0, 5, "six", 6.0, 6.0, "", False, "count", "", "operations", "", "", "unattributed", "", "", "",
         "Surgeons did six operations."],
        ["m1", 0, 0, 9, "thousands", 5000.0, 5000.0, "", False, "count", "", "operations", "", "", "unattributed", "",
         "", "", "The mine ran 5000 operations."],
        ["h2", 0, 0, 5, "seven", 7.0, 7.0, "", False, "count", "", "operations", "", "", "unattributed", "", "", "",
         "Surgeons did seven operations."]], columns=CLAIM_COLUMNS)
    documents = pd.DataFrame({"doc_id": ["h1", "h2", "m1"], "outlet": "unknown", "published": "2024-05-01"})
    one_hot = lambda texts: np.eye(max(len(texts), 1), dtype=np.float32)[: len(texts)]  # noqa: E731
    apart = comparison.compare(claims, documents, one_hot, {"h1": 1, "h2": 1, "m1": 2}).set_index("doc_id")
    assert apart.loc["m1", "verdict"] == "single source" and apart.loc["m1", "story"] == 2
    assert apart.loc["h1", "group"] == apart.loc["h2", "group"] != apart.loc["m1", "group"]
    together = comparison.compare(claims, documents, one_hot).set_index("doc_id")
    assert together.group.nunique() == 1  # without stories, all three are one group


def test_a_corpus_over_the_sample_size_is_clustered_on_a_seeded_sample_and_the_rest_join_the_nearest_story(
        monkeypatch):
    rng = np.random.default_rng(0)
    centres = rng.standard_normal((3, 64)).astype(np.float32)
    truth = np.repeat(np.arange(3), 200)
    vectors = centres[truth] + 0.8 * rng.standard_normal((600, 64)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    whole, whole_calibration = stories._cluster(vectors)
    monkeypatch.setattr(stories, "SAMPLE_ARTICLES", 150)
    sampled, calibration = stories._cluster(vectors)
    assert len(set(sampled.tolist())) == 3  # the three stories, found on 150 of the 600 articles
    for story in range(3):  # each true story is one found story, as with every article clustered
        assert len(set(sampled[truth == story].tolist())) == 1 and len(set(whole[truth == story].tolist())) == 1
    assert calibration.stories.max() <= 150 < whole_calibration.stories.max()  # calibrated on the sample
    again, _ = stories._cluster(vectors)
    assert (again == sampled).all()  # seeded


def test_cohesion_is_each_articles_mean_cosine_to_the_others_of_its_story():
    vectors = np.random.default_rng(1).standard_normal((7, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    numbered = dict(zip("abcdefg", [1, 1, 1, 2, 2, 3, 1]))
    got = stories._cohesion(vectors, numbered)
    members = {1: [0, 1, 2, 6], 2: [3, 4]}
    for k, story in enumerate(numbered.values()):
        others = [m for m in members.get(story, []) if m != k]
        expected = round(float(np.mean([vectors[m] @ vectors[k] for m in others])), 4) if others else None
        assert (np.isnan(got[k]) if expected is None else got[k] == expected), k
