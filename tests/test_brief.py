"""The brief: numbers formatted, findings computed from tables, article text escaped."""

import re

import numpy as np
import pandas as pd
import pytest

from newsbrief import brief, comparison, tables


@pytest.mark.parametrize("value, text", [
    (12000, "12,000"), (1.5e9, "1.5 billion"), (2_000_000, "2 million"), (0.25, "0.25"), (float("nan"), ""),
])
def test_fmt_number(value, text):
    assert brief.fmt_number(value) == text


@pytest.mark.parametrize("low, high, text", [
    (25000.0, 30000.0, "25,000–30,000"), (3000.0, float("nan"), "3,000 or more"),
    (float("nan"), 8000.0, "up to 8,000"), (12000.0, 12000.0, "12,000"), (float("nan"), float("nan"), "unknown"),
])
def test_fmt_interval(low, high, text):
    assert brief.fmt_interval(low, high) == text


def write_tables(folder, doc_ids, claims_rows, pairs=(), overlap=(), sentence_text="S."):
    documents = pd.DataFrame([{
        "doc_id": d, "file": f"{d}.txt", "title": f"Title <b>{d}</b>", "outlet": "unknown", "url": "",
        "published": "", "date_source": "", "encoding": "utf-8", "sha256": "0" * 64, "chars": 100,
        "words": 50, "sentences": 5, "paragraphs": 2, "headings": 1, "chrome_paragraphs": 1,
        "chrome_words": 4, "chrome_share": 0.07, "mean_sentence_words": 10.0, "flesch_reading_ease": 50.0,
        "flesch_kincaid_grade": 10.0} for d in doc_ids], columns=list(tables.SCHEMAS["documents.csv"]))
    tables.write_table(documents, folder, "documents.csv")
    near = pd.DataFrame(list(pairs), columns=list(tables.SCHEMAS["near_duplicates.csv"]))
    tables.write_table(near, folder, "near_duplicates.csv")
    tables.write_table(pd.DataFrame(list(overlap), columns=list(tables.SCHEMAS["document_overlap.csv"])),
                       folder, "document_overlap.csv")
    claims = pd.DataFrame(claims_rows, columns=list(tables.SCHEMAS["claims.csv"]))
    tables.write_table(claims, folder, "claims.csv")
    paragraphs = pd.DataFrame([(d, 0, 0, 100, "body", "", 20, "S. " * 30) for d in doc_ids],
                              columns=list(tables.SCHEMAS["paragraphs.csv"]))
    tables.write_table(paragraphs, folder, "paragraphs.csv")
    sentences = pd.DataFrame([(d, 0, 0, 0, len(sentence_text), "body", 1, sentence_text) for d in doc_ids],
                             columns=list(tables.SCHEMAS["sentences.csv"]))
    tables.write_table(sentences, folder, "sentences.csv")
    calibration = pd.DataFrame([("sentence", 100, 0.4, 0.15, 2.5, 0.6, 0.775, "calibrated")],
                               columns=list(tables.SCHEMAS["calibration.csv"]))
    tables.write_table(calibration, folder, "calibration.csv")
    tables.write_table(comparison.compare(claims, documents, embed), folder, "claim_comparison.csv")


def embed(texts):
    """Every head noun its own direction: no two are merged."""
    return np.eye(len(texts), dtype=np.float32)


def claim(doc, surface, low, high, qualifier="", sentence="S.", attribution="unattributed"):
    return [doc, 0, 0, len(surface), surface, low, high, qualifier, False, "count", "", "troops", attribution, "",
            "", sentence]


def test_findings_are_computed_from_the_tables(tmp_path):
    pairs = [["paragraph", "a", "b", 0, 10, 0, 10, 0.97, 0.6, 0.7, 0.7, "edited", "", "x", "y"],
             ["sentence", "a", "b", 20, 30, 20, 30, 0.88, 0.1, 0.1, 0.1, "paraphrase", "", "x", "y"],
             ["sentence", "a", "a", 0, 10, 20, 30, 1.0, 1.0, 1.0, 1.0, "verbatim", "", "x", "x"]]
    overlap = [["a", "b", 0.0, 0.4, 0.2, 0.6, 0.91, "edited"], ["b", "a", 0.0, 0.3, 0.1, 0.4, 0.91, "topical"]]
    write_tables(tmp_path, ["a", "b"], [claim("a", "over 3,000", 3000, None, "over"),
                                        claim("b", "nearly 8,000", None, 8000, "nearly")], pairs, overlap)
    # over 3,000 and up to 8,000 can both be true: the articles agree, so no conflict is claimed
    result = brief.build_context(tmp_path, tmp_path / "figures")
    assert [f.text for f in result.overview] == [
        "The corpus holds 2 articles with 100 words of article text; 8 words of page chrome were set aside.",
        "Every pair of articles has a semantic similarity of at least 0.91: they tell one story, so similarity "
        "alone does not mark copying; the overlap above counts only passages matched one to one.",
        "2 numeric figures were found, 2 of them counts, in 2 of the 2 articles.",
    ]
    assert [f.text for f in result.findings] == [  # the headline rules, most important first
        "The strongest overlap: 60% of a's text is found again in b (40% edited, 20% paraphrased).",
        "Inside single articles, 1 passage is repeated or restated, in 1 article (most in a: 1).",
        "2 of 2 count, money and percent figures name no source.",
        "Across articles, 1 edited and 1 paraphrased passage pairs were found.",
    ]
    assert [c["interval"] for c in result.claims] == ["3,000 or more", "up to 8,000"]
    assert [p["category"] for p in result.top_passages] == ["edited", "paraphrase", "verbatim"]
    assert result.figures == {}


def test_no_shared_text_is_said_in_words(tmp_path):
    overlap = [["a", "b", 0.0, 0.0, 0.0, 0.0, 0.31, "topical"], ["b", "a", 0.0, 0.0, 0.0, 0.0, 0.31, "topical"]]
    write_tables(tmp_path, ["a", "b"], [], overlap=overlap)
    summary = brief.build_context(tmp_path, tmp_path).summary
    assert ("No article repeats or paraphrases the sentences of another: they share the story, not the text."
            in summary)
    assert "Semantic similarity between articles ranges from 0.31 to 0.31." in summary


def test_a_single_article_without_figures_is_said_in_words(tmp_path):
    write_tables(tmp_path, ["only"], [])
    result = brief.build_context(tmp_path, tmp_path)
    assert result.title == "Brief: Title <b>only</b>"
    assert "With a single article there are no article pairs to compare." in result.notes
    assert "No numeric figure was found in the article text." in result.notes


def test_rendered_html_escapes_article_text(tmp_path):
    hostile = '<script>alert(1)</script><img src=x onerror="alert(2)">'
    write_tables(tmp_path, ["a"], [claim("a", "12", 12, 12, sentence="12 " + hostile)], sentence_text="12 " + hostile)
    path = brief.render_html(brief.build_context(tmp_path, tmp_path), tmp_path / "brief.html")
    html = path.read_text(encoding="utf-8")
    assert "<script>" not in html and "<img src=x" not in html and "<b>a</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Title &lt;b&gt;a&lt;/b&gt;" in html




def test_conflicts_and_single_sources_are_named(tmp_path):
    write_tables(tmp_path, ["a", "b"], [claim("a", "nearly 8,000", None, 8000, "nearly"),
                                        claim("b", "approximately 12,000", 12000, 12000, "approximately",
                                              attribution="officials")])
    summary = brief.build_context(tmp_path, tmp_path).summary
    assert ("Articles conflict on “troops”: a says nearly 8,000, b says approximately 12,000; across 2 articles "
            "the figures run from 8,000 to 12,000.") in summary
    write_tables(tmp_path, ["a", "b"], [claim("b", "around 4,000", 4000, 4000, "approximately",
                                              attribution="reports")])
    summary = brief.build_context(tmp_path, tmp_path).summary
    assert "Only b gives a figure for “troops”: around 4,000 (attributed to reports)." in summary


def test_every_finding_links_to_evidence_that_exists(tmp_path):
    pairs = [["sentence", "a", "b", 0, 2, 0, 2, 0.88, 0.1, 0.1, 0.1, "paraphrase", "", "S.", "S."]]
    overlap = [["a", "b", 0.0, 0.0, 0.5, 0.5, 0.91, "paraphrase"], ["b", "a", 0.0, 0.0, 0.5, 0.5, 0.91, "paraphrase"]]
    write_tables(tmp_path, ["a", "b"], [claim("a", "nearly 8,000", None, 8000, "nearly"),
                                        claim("b", "approximately 12,000", 12000, 12000, "approximately")],
                 pairs, overlap)
    result = brief.build_context(tmp_path, tmp_path)
    html = brief.render_html(result, tmp_path / "brief.html").read_text(encoding="utf-8")
    ids = {e["id"] for e in result.evidence}
    for finding in result.findings:
        assert finding.links, finding.text
        for _, anchor in finding.links:
            assert anchor[1:] in ids or f'id="{anchor[1:]}"' in html, anchor
    assert result.evidence[0]["spans"][0]["marked"] == "S."
    assert "<mark>S.</mark>" in html and 'id="provenance"' not in html  # no provenance given


def test_markdown_output_cannot_inject_links(tmp_path):
    write_tables(tmp_path, ["a"], [claim("a", "12", 12, 12, sentence="[click](http://evil.example) <b>x</b>")])
    result = brief.build_context(tmp_path, tmp_path)
    result.findings[0].text += " [click](http://evil.example) <img src=x>"
    text = brief.render_markdown(result, tmp_path / "brief.md").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "evil.example" in line)
    assert not re.search(r"(?<!\\)[<\[(]", line)  # every bracket escaped: no link, no tag
    assert r"\[click\]\(http://evil.example\) \<img src=x\>" in line
