"""Near-duplicates: signals, categories, calibration, the scale path, and labelled evaluation."""

import ast
import json
from dataclasses import fields
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import ROOT
from newsbrief import embeddings
from newsbrief import near_duplicates as nd
from newsbrief.near_duplicates import sweep
from newsbrief.near_duplicates.candidates import _top_stable
from newsbrief.near_duplicates.detection import _inside
from newsbrief.tables import SCHEMAS

LABELLED = Path(__file__).parent / "fixtures" / "near_duplicates" / "labelled_pairs.csv"


@pytest.fixture(scope="module")
def embed(tmp_path_factory):
    return embeddings.Embedder(cache_dir=tmp_path_factory.mktemp("cache"))


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


@pytest.mark.parametrize("cosine, jac, cover, semantic, contained, margin, expected", [
    (0.99, 0.95, 1.0, True, True, 1.0, "verbatim"),
    (0.95, 0.45, 0.5, True, True, 1.0, "edited"),
    (0.90, 0.10, 0.8, True, True, 1.0, "edited"),       # a copy with a clause added
    (0.90, 0.10, 0.8, True, False, 1.0, "paraphrase"),  # ... unless the cover rule is off
    (0.85, 0.05, 0.1, True, True, 0.2, "paraphrase"),
    (0.85, 0.05, 0.1, True, True, 0.01, "topical"),     # no margin over its other neighbours
    (0.85, 0.05, 0.1, False, True, 0.2, "topical"),     # heading against body: wording only
    (0.70, 0.05, 0.1, True, True, 0.2, "topical"),      # below the threshold
])
def test_categorize(cosine, jac, cover, semantic, contained, margin, expected):
    assert nd.categorize(cosine, jac, cover, cover / 2, 0.8, semantic=semantic, contained=contained,
                         margin=margin) == expected


def test_calibration_from_background_floor_and_fixed():
    background = np.array([0.2, 0.3, 0.4, 0.5, 0.6])
    c = nd.calibrate("sentence", background, nd.Settings(z=1.0))
    assert (c.median, c.spread) == (0.4, pytest.approx(0.1483, abs=1e-4))
    assert (c.threshold, c.source) == (0.6, "floor")  # 0.4 + 0.148 is below the sentence floor
    c = nd.calibrate("sentence", background, nd.Settings(z=4.0))
    assert c.threshold == pytest.approx(0.4 + 4 * 0.14826, abs=1e-3) and c.source == "calibrated"
    fixed = nd.calibrate("paragraph", background, nd.Settings(paraphrase_cosine={"paragraph": 0.9}))
    assert (fixed.threshold, fixed.source) == (0.9, "fixed")
    empty = nd.calibrate("paragraph", np.zeros(0), nd.Settings())
    assert (empty.threshold, empty.source, empty.background_pairs) == (0.65, "floor", 0)


def test_settings_from_notebook_parameters():
    s = nd.Settings.from_parameters(sentence_cosine=0.8, paragraph_cosine=None, z=3.0)
    assert s.paraphrase_cosine == {"sentence": 0.8} and s.z == 3.0


def notebook_parameters(step):
    """The literals of a notebook's parameters cell, by name."""
    cells = json.loads((ROOT / "notebooks" / f"{step}.ipynb").read_text(encoding="utf-8"))["cells"]
    cell = next(c for c in cells if "parameters" in c.get("metadata", {}).get("tags", []))
    return {node.target.id: ast.literal_eval(node.value) for node in ast.parse("".join(cell["source"])).body}


def test_notebook_02_defaults_are_the_library_defaults():
    """The parameters cell must repeat the defaults as literals (papermill injects after it): the
    library's Settings stay the one source, and this test holds the notebook to them."""
    params = notebook_parameters("02-near-duplicates")
    knobs = {name: value for name, value in params.items() if name in {f.name for f in fields(nd.Settings)}}
    assert {"z", "verbatim_jaccard", "edited_jaccard", "exhaustive_limit"} <= set(knobs)
    for name, value in knobs.items():
        assert value == getattr(nd.Settings(), name), f"notebook 02's {name} = {value!r} is not the library default"
    # the fixed cosines default to calibrating, as the library does
    assert nd.Settings.from_parameters(sentence_cosine=params["sentence_cosine"],
                                       paragraph_cosine=params["paragraph_cosine"], **knobs) == nd.Settings()
    assert (params["model"], params["backend"]) == (embeddings.BUNDLED_MODEL, embeddings.DEFAULT_BACKEND)
    # and each reaches the settings: a parameter the notebook did not pass on would change nothing
    cells = json.loads((ROOT / "notebooks" / "02-near-duplicates.ipynb").read_text(encoding="utf-8"))["cells"]
    source = "\n".join("".join(c["source"]) for c in cells[2:] if c["cell_type"] == "code")
    assert all(f"{name}={name}" in source for name in [*knobs, "sentence_cosine", "paragraph_cosine"])


def test_the_settings_table_records_every_setting_and_the_model_with_their_meanings(tmp_path):
    from dataclasses import fields

    from newsbrief import tables

    settings = nd.Settings.from_parameters(sentence_cosine=0.8, z=3)
    table = settings.table(embeddings.Embedder("all-MiniLM-L6-v2", backend="onnx"))
    assert list(table.columns) == ["setting", "value", "meaning"]
    assert table.setting.tolist() == [f.name for f in fields(nd.Settings)] + ["model", "backend"]
    assert table.meaning.str.len().min() > 20 and table.meaning.is_unique
    value = table.set_index("setting").value
    assert (value["z"], value["verbatim_jaccard"], value["verbatim_cover"]) == ("3", "0.9", "0.9")
    assert value["paraphrase_cosine"] == "{'sentence': 0.8}"
    assert (value["model"], value["backend"]) == ("all-MiniLM-L6-v2", "onnx")
    plain = nd.Settings().table(lambda texts: None).set_index("setting").value  # an embedder that does not say
    assert (plain["model"], plain["backend"]) == ("", "")
    tables.write_table(table, tmp_path, "near_duplicate_settings.csv")
    pd.testing.assert_frame_equal(tables.read_table(tmp_path, "near_duplicate_settings.csv"), table)


def frames(texts_by_doc):
    """documents, paragraphs, sentences frames from {doc: [paragraph, ...]} (sentences split on '. ')."""
    docs, paras, sents = [], [], []
    for doc, paragraphs in texts_by_doc.items():
        pos, sent_id = 0, 0
        for para_id, text in enumerate(paragraphs):
            kind = "heading" if not text.endswith(".") else "body"
            paras.append((doc, para_id, pos, pos + len(text), kind, "", len(text.split()), text))
            start = 0
            for piece in text.split(". ") if kind == "body" else [text]:
                piece = piece if piece.endswith(".") or kind != "body" else piece + "."
                at = text.index(piece, start)
                sents.append((doc, para_id, sent_id, pos + at, pos + at + len(piece), kind, len(piece.split()), piece))
                start, sent_id = at + len(piece), sent_id + 1
            pos += len(text) + 2
        docs.append({"doc_id": doc, "title": paragraphs[0], "chars": pos, "published": ""})
    return (pd.DataFrame(docs), pd.DataFrame(paras, columns=list(SCHEMAS["paragraphs.csv"])),
            pd.DataFrame(sents, columns=list(SCHEMAS["sentences.csv"])))


CORPUS = {
    "a": ["Fire threatens town",
          "Hundreds of residents were told to leave their homes as a bushfire moved towards the town of Hill Top. "
          "Firefighters said strong winds had pushed the blaze across the highway overnight.",
          "Fire threatens town"],
    "b": ["Residents flee",
          "Hundreds of residents were told to leave their homes as a bushfire moved towards the town of Hill Top. "
          "Firefighters said strong winds had pushed the blaze across the main highway overnight."],
    "c": ["Markets",
          "Shares in the mining company rose sharply after it reported a record quarterly profit on Tuesday. "
          "Analysts had expected weaker results because of falling metal prices in Asia."],
}


def test_detect_finds_copies_edits_and_repetition_and_says_how_much_is_covered(embed):
    documents, paragraphs, sentences = frames(CORPUS)
    found = nd.detect(documents, paragraphs, sentences, embed)
    pairs = found.pairs
    got = {(r.level, r.doc_a, r.doc_b, r.category) for r in pairs.itertuples()}
    assert ("paragraph", "a", "b", "edited") in got  # one sentence copied, one edited
    assert ("sentence", "a", "a", "verbatim") in got  # the heading repeated inside article a
    assert ("document", "a", "b", "edited") in got
    assert not any("c" in (r.doc_a, r.doc_b) for r in pairs.itertuples())  # an unrelated article
    # a sentence pair inside a reported paragraph pair is not repeated at sentence level
    assert not ((pairs.level == "sentence") & (pairs.doc_a == "a") & (pairs.doc_b == "b")).any()
    overlap = found.overlap.set_index(["doc_a", "doc_b"])
    assert overlap.loc[("a", "b"), "covered"] == pytest.approx(1.0)
    assert overlap.loc[("a", "b"), "cover_verbatim"] > 0.5 and overlap.loc[("a", "b"), "cover_edited"] > 0
    assert overlap.loc[("a", "c"), "covered"] == 0 and overlap.loc[("a", "c"), "category"] == "topical"
    assert len(found.overlap) == 6
    for r in pairs[pairs.level != "document"].itertuples():  # offsets point at the passages
        text = {"a": "\n\n".join(CORPUS["a"]), "b": "\n\n".join(CORPUS["b"])}
        assert text[r.doc_a][r.start_a:r.end_a] == r.text_a and text[r.doc_b][r.start_b:r.end_b] == r.text_b
    assert list(pairs.columns) == list(SCHEMAS["near_duplicates.csv"])


def test_each_cover_setting_moves_only_what_it_names(embed):
    """Article a is 56 % copied word for word into b and 44 % edited (see the test above)."""
    documents, paragraphs, sentences = frames(CORPUS)

    def categories(**knobs):
        pairs = nd.detect(documents, paragraphs, sentences, embed, nd.Settings(**knobs)).pairs
        return {r.level: r.category for r in pairs.itertuples() if (r.doc_a, r.doc_b) == ("a", "b")}

    assert categories() == {"document": "edited", "paragraph": "edited"}
    # the share repeated word for word that makes a paragraph or an article pair verbatim (not a Jaccard)
    assert categories(verbatim_cover=0.5) == {"document": "verbatim", "paragraph": "verbatim"}
    assert categories(verbatim_jaccard=0.99) == categories()  # every copied sentence has Jaccard 1
    # the report share of articles, not of paragraphs, and the other way round
    assert categories(document_cover=1.01) == {"paragraph": "edited"}
    assert categories(paragraph_cover=1.01) == categories()  # the paragraphs' own Jaccard calls them edited


def test_headings_are_never_paired_across_articles(embed):
    documents, paragraphs, sentences = frames({"a": ["Troops arrive in Russia today", "Body one is here."],
                                              "b": ["Troops arrive in Russia today", "Another body text."]})
    units = nd.units(paragraphs, sentences, "sentence", nd.Settings(min_sentence_words=1))
    assert units.role.tolist() == ["heading", "body", "heading", "body"]
    found = nd.detect(documents, paragraphs, sentences, embed)
    assert found.pairs.empty


def test_the_scale_path_reports_the_same_pairs(embed):
    labelled = pd.read_csv(LABELLED)
    documents, paragraphs, sentences = nd.labelled_corpus(labelled)
    exhaustive = nd.detect(documents, paragraphs, sentences, embed, nd.Settings())
    scaled = nd.detect(documents, paragraphs, sentences, embed, nd.Settings(exhaustive_limit=0))
    assert len(exhaustive.pairs) > 40
    pd.testing.assert_frame_equal(exhaustive.pairs, scaled.pairs)
    pd.testing.assert_frame_equal(exhaustive.overlap, scaled.overlap)


def test_precision_and_recall_on_the_labelled_pairs(embed):
    """96 labelled pairs (real passages from the seeds and the Lee news corpus, with copies, light
    edits, hand-written paraphrases and same-topic passages): the scores reported in the notes."""
    scores, _ = nd.evaluate(pd.read_csv(LABELLED), embed)
    score = scores.set_index(["level", "category"])
    for level in ("sentence", "paragraph"):
        for category in ("verbatim", "edited"):
            assert score.loc[(level, category), ["precision", "recall"]].tolist() == [1.0, 1.0]
        assert score.loc[(level, "topical"), "recall"] >= 0.83
    # With the default onnx-int8 embeddings (sentence-transformers float32 gets 0.80/0.67 and
    # 0.50/0.75; benchmarks/embedding_backends.py prints both side by side).
    assert score.loc[("sentence", "paraphrase"), "precision"] >= 0.77
    assert score.loc[("sentence", "paraphrase"), "recall"] >= 0.58
    assert score.loc[("paragraph", "paraphrase"), "precision"] >= 0.47
    assert score.loc[("paragraph", "paraphrase"), "recall"] >= 0.75


def test_alignment_is_reexported_for_callers_of_the_old_module():
    from newsbrief import alignment

    assert (nd.align, nd.aligned_segments, nd.side_by_side, nd.SideBySide) == (
        alignment.align, alignment.aligned_segments, alignment.side_by_side, alignment.SideBySide)


def test_side_by_side_renders_html_rows(embed):
    documents, paragraphs, sentences = frames(CORPUS)
    pairs = nd.detect(documents, paragraphs, sentences, embed).pairs
    html = nd.side_by_side(pairs, top=5, within_article=False)._repr_html_()
    assert html.count("<tr><td") == len(pairs[(pairs.level != "document") & (pairs.doc_a != pairs.doc_b)])
    assert "<mark>" in html


def test_sensitivity_shares_work_and_gives_what_separate_runs_give(embed):
    from dataclasses import replace

    labelled = pd.read_csv(LABELLED)
    documents, paragraphs, sentences = nd.labelled_corpus(labelled)
    for settings in (nd.Settings(), nd.Settings(exhaustive_limit=0)):
        shared = nd.sensitivity(documents, paragraphs, sentences, embed, settings, zs=(2.0, 3.0, 5.0))
        rows = []
        for z in (2.0, 3.0, 5.0):
            run = nd.detect(documents, paragraphs, sentences, embed, replace(settings, z=z))
            thresholds = {c.level: c.threshold for c in run.calibration}
            for level in ("sentence", "paragraph"):
                counts = run.pairs[run.pairs.level == level].category.value_counts()
                rows.append((z, level, thresholds[level],
                             *(int(counts.get(c, 0)) for c in ("verbatim", "edited", "paraphrase"))))
        assert shared.equals(pd.DataFrame(rows, columns=shared.columns))
        assert all(g.threshold.is_monotonic_increasing for _, g in shared.groupby("level"))  # z up, threshold up


def test_shared_work_is_filled_once_and_reused(embed):
    documents, paragraphs, sentences = frames(CORPUS)
    shared = nd.SharedWork()
    first = nd.detect(documents, paragraphs, sentences, embed, nd.Settings(z=2.0), shared)
    work = shared.level("sentence")
    assert work.lexical is not None and work.scores and work.similarity.threshold == first.calibration[0].threshold
    kept = work.similarity
    again = nd.detect(documents, paragraphs, sentences, embed, nd.Settings(z=5.0), shared)  # a threshold no lower
    assert shared.level("sentence").similarity is kept  # no new pass: the kept one holds its candidates
    pd.testing.assert_frame_equal(again.pairs, nd.detect(documents, paragraphs, sentences, embed,
                                                         nd.Settings(z=5.0)).pairs)
    with pytest.raises(ValueError, match="document"):
        shared.level("document")


def test_top_stable_is_a_stable_argsort_of_the_first_columns():
    rng = np.random.default_rng(0)
    for _ in range(200):
        values = np.round(rng.random((int(rng.integers(1, 40)), int(rng.integers(1, 60)))), 1).astype(np.float32)
        values[rng.random(values.shape) < 0.3] = -np.inf  # same-article cells, and many ties
        width = int(rng.integers(1, 8))
        assert np.array_equal(_top_stable(values, width),
                              np.argsort(-values, axis=1, kind="stable")[:, :width])


def test_inside_finds_sentence_pairs_within_reported_paragraph_pairs():
    sentences = pd.DataFrame({"doc_a": ["a", "a", "b", "a"], "doc_b": ["b", "b", "a", "c"],
                              "start_a": [0, 50, 10, 0], "end_a": [20, 70, 30, 20],
                              "start_b": [5, 5, 0, 5], "end_b": [25, 25, 20, 25]})
    paragraphs = pd.DataFrame({"doc_a": ["a"], "doc_b": ["b"], "start_a": [0], "end_a": [40],
                               "start_b": [0], "end_b": [40]})
    # row 0 inside (a,b); row 1 starts past the paragraph; row 2 is the same pair the other way
    # round; row 3 is another article pair
    assert _inside(sentences, paragraphs).tolist() == [True, False, True, False]
    assert _inside(sentences.iloc[:0], paragraphs).tolist() == []


def test_sensitivity_is_kept_in_the_cache_and_read_back_when_only_z_changes(embed, tmp_path, monkeypatch):
    from dataclasses import replace

    documents, paragraphs, sentences = frames(CORPUS)
    computed = nd.sensitivity(documents, paragraphs, sentences, embed, nd.Settings(), cache_dir=tmp_path)
    kept = sorted((tmp_path / "sensitivity").glob("*.csv"))
    assert len(kept) == 1

    def no_detection(*args, **kwargs):
        raise AssertionError("detection ran although the table was cached")

    monkeypatch.setattr(sweep, "detect", no_detection)  # the detect sensitivity calls
    again = nd.sensitivity(documents, paragraphs, sentences, embed, replace(nd.Settings(), z=4.0), cache_dir=tmp_path)
    assert again.equals(computed)  # the same values and types, bit for bit
    with pytest.raises(AssertionError, match="detection ran"):  # another setting: not the cached table
        nd.sensitivity(documents, paragraphs, sentences, embed, nd.Settings(edited_jaccard=0.4), cache_dir=tmp_path)
    edited = sentences.assign(text=sentences.text.str.replace("results", "figures"))
    with pytest.raises(AssertionError, match="detection ran"):  # other text: not the cached table
        nd.sensitivity(documents, paragraphs, edited, embed, nd.Settings(), cache_dir=tmp_path)
    with pytest.raises(AssertionError, match="detection ran"):  # an embedder with no identity: no cache
        nd.sensitivity(documents, paragraphs, sentences, lambda texts: embed(texts), nd.Settings(), cache_dir=tmp_path)
    kept[0].write_text("garbage\n")  # a damaged file is recomputed, not trusted
    with pytest.raises(AssertionError, match="detection ran"):
        nd.sensitivity(documents, paragraphs, sentences, embed, nd.Settings(), cache_dir=tmp_path)
