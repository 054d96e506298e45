"""The brief: numbers formatted, findings computed from tables, article text escaped."""

import re
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from newsbrief import brief, comparison, tables, timeline, voices
from newsbrief.brief.formatting import markdown_escape
from newsbrief.near_duplicates import Settings


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


def write_tables(folder, doc_ids, claims_rows, pairs=(), overlap=(), sentence_text="S.", settings=Settings(),
                 published="2024-05-01", boilerplate=()):
    documents = pd.DataFrame([{
        "doc_id": d, "file": f"{d}.txt", "title": f"Title <b>{d}</b>", "outlet": "unknown", "url": "",
        "published": published, "published_source": "metadata" if published else "", "encoding": "utf-8",
        "sha256": "0" * 64, "chars": 100,
        "words": 50, "sentences": 5, "paragraphs": 2, "headings": 1, "chrome_paragraphs": 1,
        "chrome_words": 4, "chrome_share": 0.07, "mean_sentence_words": 10.0, "flesch_reading_ease": 50.0,
        "flesch_kincaid_grade": 10.0} for d in doc_ids], columns=list(tables.SCHEMAS["documents.csv"]))
    tables.write_table(documents, folder, "documents.csv")
    near = pd.DataFrame(list(pairs), columns=list(tables.SCHEMAS["near_duplicates.csv"]))
    tables.write_table(near, folder, "near_duplicates.csv")
    tables.write_table(pd.DataFrame(list(overlap), columns=list(tables.SCHEMAS["document_overlap.csv"])),
                       folder, "document_overlap.csv")
    framing = ("scope", "time_words", "forecast")  # claims.csv columns the rows below leave empty
    keyed = ("source_key", "source_kind")  # and those voices adds from sources.csv
    claims = pd.DataFrame(claims_rows, columns=[c for c in tables.SCHEMAS["claims.csv"] if c not in framing + keyed])
    claims = claims.assign(**dict.fromkeys(framing, ""))[[c for c in tables.SCHEMAS["claims.csv"] if c not in keyed]]
    paragraphs = pd.DataFrame([(d, 0, 0, 100, "body", "", 20, "S. " * 30) for d in doc_ids],
                              columns=list(tables.SCHEMAS["paragraphs.csv"]))
    tables.write_table(paragraphs, folder, "paragraphs.csv")
    sentences = pd.DataFrame([(d, 0, 0, 0, len(sentence_text), "body", 1, sentence_text) for d in doc_ids],
                             columns=list(tables.SCHEMAS["sentences.csv"]))
    tables.write_table(sentences, folder, "sentences.csv")
    cited, quoted = voices.read_voices(sentences, paragraphs)
    claims = voices.keyed_claims(claims, cited)
    tables.write_table(claims, folder, "claims.csv")
    tables.write_table(cited, folder, "sources.csv")
    tables.write_table(quoted, folder, "quotes.csv")
    tables.write_table(voices.signals(tables.read_table(folder, "documents.csv"), paragraphs, sentences, claims, cited),
                       folder, "signals.csv")
    tables.write_table(pd.DataFrame([(d, 1, "harbour, council, vote", len(doc_ids), float("nan")) for d in doc_ids],
                                    columns=list(tables.SCHEMAS["stories.csv"])), folder, "stories.csv")
    calibration = pd.DataFrame([("sentence", 5, 100, 0.4, 0.15, 2.5, 0.75, 0.775, "calibrated", 2)],
                               columns=list(tables.SCHEMAS["calibration.csv"]))
    tables.write_table(calibration, folder, "calibration.csv")
    tables.write_table(pd.DataFrame(list(boilerplate), columns=list(tables.SCHEMAS["boilerplate.csv"])), folder,
                       "boilerplate.csv")
    tables.write_table(voices.independence(comparison.compare(claims, documents, embed), claims), folder,
                       "claim_comparison.csv")
    tables.write_table(comparison.sourcing(claims, comparison.COMPARED_KINDS), folder, "sourcing.csv")
    tables.write_table(timeline.forecasts(claims, documents), folder, "forecasts.csv")
    tables.write_table(comparison.settings_table(MODEL), folder, "claim_settings.csv")
    tables.write_table(settings.table(MODEL), folder, "near_duplicate_settings.csv")


NAN = float("nan")  # an open end of a pair's z range: it holds at any z that way
MODEL = SimpleNamespace(model="test-model", backend="test-backend")


def embed(texts):
    """Every head noun its own direction: no two are merged."""
    return np.eye(len(texts), dtype=np.float32)


def claim(doc, surface, low, high, qualifier="", sentence="S.", attribution="unattributed"):
    return [doc, 0, 0, len(surface), surface, low, high, qualifier, False, "count", "", "troops", attribution, "",
            "", sentence]


def test_findings_are_computed_from_the_tables(tmp_path):
    pairs = [["paragraph", "a", "b", 0, 10, 0, 10, 0.97, 0.6, 0.7, 0.7, "edited", "", NAN, NAN, "", "x", "y"],
             ["sentence", "a", "b", 20, 30, 20, 30, 0.88, 0.1, 0.1, 0.1, "paraphrase", "", NAN, NAN, "", "x", "y"],
             ["sentence", "a", "b", 40, 50, 40, 50, 0.7, 0.1, 0.1, 0.1, "shared fact",
              "both state 3000, korea; figures only in one: - vs 12000", NAN, NAN, "", "x", "y"],
             ["sentence", "a", "a", 0, 10, 20, 30, 1.0, 1.0, 1.0, 1.0, "verbatim", "", NAN, NAN, "", "x", "x"]]
    overlap = [["a", "b", 0.0, 0.4, 0.2, 0.6, 0.91, "edited"], ["b", "a", 0.0, 0.3, 0.1, 0.4, 0.91, "topical"]]
    write_tables(tmp_path, ["a", "b"], [claim("a", "over 3,000", 3000, None, "over"),
                                        claim("b", "nearly 8,000", None, 8000, "nearly")], pairs, overlap,
                 published="")
    # over 3,000 and up to 8,000 can both be true: the articles agree, so no conflict is claimed
    result = brief.build_context(tmp_path, tmp_path / "figures")
    assert [f.text for f in result.overview] == [
        "The corpus holds 2 articles with 100 words of article text; 8 words of page chrome were set aside.",
        "The articles tell one story (harbour, council, vote): their figures are compared with each other.",
        "Every pair of articles has a semantic similarity of at least 0.91: they tell one story, so similarity "
        "alone does not mark copying; the overlap above counts only passages matched one to one.",
        "2 numeric figures were found in 2 of the 2 articles: 2 counts.",
    ]
    assert [f.text for f in result.findings] == [  # the headline rules, most important first
        "The strongest overlap: 60% of a's text is found again in b (40% edited, 20% paraphrased).",
        "Across articles, 4 passages of 2 articles restate one another (1 edited and 1 paraphrased passage pairs).",
        "2 passages of different articles share a specific fact while each says more, a lead to a common source: "
        "a and b both state 3000, korea.",
        "Inside single articles, 2 passages of body text restate another passage of their own article, in 1 "
        "article (most in a: 2).",
        "2 of 2 count, money and percent figures name no source.",
    ]
    assert [c["interval"] for c in result.claims] == ["3,000 or more", "up to 8,000"]
    # each evidence entry links back to the findings that cite it (none: the section that shows it)
    for entry in result.evidence:
        citing = [n for n, f in enumerate(result.findings, start=1) if f"#{entry['id']}" in [anchor for _, anchor in f.links]]
        assert entry["cited_by"] == citing
    assert any(e["cited_by"] for e in result.evidence) and any(not e["cited_by"] for e in result.evidence)
    page = brief.render_html(result, tmp_path / "brief.html").read_text(encoding="utf-8")
    assert 'nav class="contents"' in page and 'id="finding-1"' in page
    assert page.count('href="#finding-') == sum(len(e["cited_by"]) for e in result.evidence)
    assert [p["category"] for p in result.top_passages] == ["edited", "paraphrase", "shared fact", "verbatim"]
    # the method states this run's threshold and how many pairs the facts vetoed
    method = " ".join(result.method)
    assert "from cosine 0.78 (2.5 robust spreads above the cosines of 100 passages to their 5th-nearest" in method
    assert "2 pairs whose wording or meaning matched failed this" in method
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
    assert ("Articles conflict on “troops” in the same period: a says nearly 8,000 (2024-05-01), b says approximately "
            "12,000 (2024-05-01); across 2 articles the figures run from 8,000 to 12,000.") in summary
    write_tables(tmp_path, ["a", "b"], [claim("b", "around 4,000", 4000, 4000, "approximately",
                                              attribution="reports")])
    summary = brief.build_context(tmp_path, tmp_path).summary
    assert "Only b gives a figure for “troops”: around 4,000 (attributed to reports)." in summary


def test_every_finding_links_to_evidence_that_exists(tmp_path):
    pairs = [["sentence", "a", "b", 0, 2, 0, 2, 0.88, 0.1, 0.1, 0.1, "paraphrase", "", NAN, NAN, "", "S.", "S."]]
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
    assert r"\[click\]\(http\://evil.example\) \<img src=x\>" in line
    # a bare address is no link either (GitHub autolinks "http://…" and "www.…")
    assert markdown_escape("see https://evil.example and www.evil.example") == (
        r"see https\://evil.example and www\.evil.example")


MANY_DOCS = [f"d{k:04d}" for k in range(1001)]  # more articles than any cap below, past a thousands separator
HEADS = ["apples", "bikes", "cars", "drums", "eggs", "forks", "gloves", "hats"]  # one group each, never notable


def counted(row, what, start=0):
    """A claim row of :func:`claim` counting ``what`` from ``start`` in its article."""
    row[2], row[3], row[11] = start, start + len(row[4]), what
    return row


def write_many(folder):
    """1,001 articles; d0000 and d0001 conflict on troops and d0999 alone counts jobs (the headlines cite
    these three figures, last in table order for d0999); small uncited figures in d0002-d0009, two in d0005."""
    rows = ([counted(claim("d0000", "1,000", 1000, 1000), "troops"), counted(claim("d0001", "5,000", 5000, 5000),
                                                                             "troops")]
            + [counted(claim(f"d{k + 2:04d}", "5", 5, 5), head) for k, head in enumerate(HEADS)]
            + [counted(claim("d0005", "4", 4, 4), "kites", start=10), counted(claim("d0999", "500", 500, 500), "jobs")])
    pairs = [["sentence", "d0000", "d0001", 0, 2, 0, 2, 0.88, 0.1, 0.1, 0.1, "paraphrase", "", NAN, NAN, "", "S.", "S."]]
    overlap = [["d0000", "d0001", 0.0, 0.0, 0.5, 0.5, 0.91, "paraphrase"],
               ["d0001", "d0000", 0.0, 0.0, 0.5, 0.5, 0.91, "paraphrase"]]
    write_tables(folder, MANY_DOCS, rows, pairs, overlap)


def anchors_and_ids(html):
    """The in-page links of ``html`` and the element ids they can land on."""
    return set(re.findall(r'href="#([^"]*)"', html)), set(re.findall(r'\sid="([^"]*)"', html))


def test_long_tables_show_max_rows_by_their_rules_with_a_computed_note(tmp_path):
    write_many(tmp_path)
    result = brief.build_context(tmp_path, tmp_path, max_rows=3)
    # the figures the headlines cite come first, shown in table order
    assert [(c["doc_id"], c["surface"]) for c in result.claims] == [("d0000", "1,000"), ("d0001", "5,000"),
                                                                     ("d0999", "500")]
    assert [(c["doc_id"], c["counts"]) for c in result.compared] == [("d0999", "jobs"), ("d0000", "troops"),
                                                                      ("d0001", "troops")]
    assert [d["doc_id"] for d in result.documents] == ["d0000", "d0001", "d0999"]  # the articles the brief names
    assert [s["doc_id"] for s in result.sourcing] == ["d0000", "d0001", "d0005"]  # d0005 has the most figures
    assert result.truncated == {
        "documents": "Showing 3 of 1,001 articles; all of them are in tables/documents.csv.",
        "compared": "Showing 3 of 12 compared figures; all of them are in tables/claim_comparison.csv.",
        "claims": "Showing 3 of 12 count, money and percent figures; all of them are in tables/claims.csv.",
        "sourcing": "Showing 3 of 11 articles, those with the most figures; every figure and its source are in "
                    "tables/claims.csv.",
        "evidence": "Showing 4 of 13 entries, those this brief links to; every figure's sentence is in "
                    "tables/claims.csv.",
    }
    html = brief.render_html(result, tmp_path / "brief.html").read_text(encoding="utf-8")
    for note in result.truncated.values():
        assert f'<p class="meta">{note}</p>'.replace("'", "&#39;") in html
    assert "d0002" not in html and "d0500" not in html  # in no table shown, nor linked from one
    assert "Every count, money and percent figure" not in html  # the heading says no more than it shows
    text = brief.render_markdown(result, tmp_path / "brief.md").read_text(encoding="utf-8")
    assert r"Showing 3 of 12 compared figures; all of them are in tables/claim\_comparison.csv." in text
    assert "Showing 3 of 1,001 articles; all of them are in tables/documents.csv." in text
    assert result.title.startswith("Brief: 1,001 articles")  # counts read like the other numbers of the brief
    assert any(line.startswith("The corpus holds 1,001 articles with 50,050 words") for line in result.summary)
    assert any(line.startswith("12 numeric figures were found in 11 of the 1,001 articles: 12 counts")
               for line in result.summary), result.summary


def test_every_in_page_link_resolves_and_the_appendix_holds_only_what_is_linked(tmp_path):
    write_many(tmp_path)
    for max_rows in (1, 3, brief.MAX_ROWS):
        result = brief.build_context(tmp_path, tmp_path, max_rows=max_rows)
        html = brief.render_html(result, tmp_path / "brief.html").read_text(encoding="utf-8")
        links, ids = anchors_and_ids(html)
        assert links and links <= ids, (max_rows, links - ids)
        evidence = {i for i in ids if i.startswith(("figure-", "passage-"))}
        assert evidence == {a for a in links if a.startswith(("figure-", "passage-"))}, max_rows
        for finding in result.findings:  # the headlines keep their links, even to rows cut from the tables
            assert finding.links and {a[1:] for _, a in finding.links} <= ids, finding.text
    assert "evidence" not in result.truncated  # under the default cap every figure is linked from its row


def test_no_note_and_the_same_brief_when_nothing_is_cut(tmp_path):
    write_many(tmp_path)
    longest = len(MANY_DOCS)
    result = brief.build_context(tmp_path, tmp_path, max_rows=longest)
    assert result.truncated == {}
    assert (len(result.documents), len(result.claims), len(result.compared), len(result.sourcing),
            len(result.evidence)) == (longest, 12, 12, 11, 13)
    html = brief.render_html(result, tmp_path / "at.html").read_bytes()
    text = brief.render_markdown(result, tmp_path / "at.md").read_bytes()
    uncapped = brief.build_context(tmp_path, tmp_path, max_rows=10 * longest)
    assert brief.render_html(uncapped, tmp_path / "over.html").read_bytes() == html
    assert brief.render_markdown(uncapped, tmp_path / "over.md").read_bytes() == text
    assert b"Showing" not in html and b"Showing" not in text
    assert b"Every count, money and percent figure" in html
    with pytest.raises(ValueError, match="max_rows"):
        brief.build_context(tmp_path, tmp_path, max_rows=0)


def test_provenance_lists_the_input_files_of_the_articles_shown(tmp_path):
    from newsbrief.provenance import Provenance

    write_many(tmp_path)
    origin = Provenance(inputs=[{"file": f"{d}.txt", "sha256": "0" * 64, "encoding": "utf-8"} for d in MANY_DOCS],
                        model={"name": "m", "backend": "b", "weights_sha256": "1" * 64}, code="sha256 c",
                        packages=[], parameters=[])
    result = brief.build_context(tmp_path, tmp_path, provenance=origin, max_rows=3)
    assert [i["file"] for i in result.provenance.inputs] == ["d0000.txt", "d0001.txt", "d0999.txt"]
    assert len(origin.inputs) == len(MANY_DOCS)  # the caller's provenance is left as it was
    note = "Showing 3 of 1,001 input files; the sha256 of each is in tables/documents.csv."
    assert result.truncated["inputs"] == note
    assert note in brief.render_html(result, tmp_path / "brief.html").read_text(encoding="utf-8")
    assert note in brief.render_markdown(result, tmp_path / "brief.md").read_text(encoding="utf-8")


def test_a_conflict_headline_names_a_bounded_number_of_figures(tmp_path):
    n = brief.MAX_NAMED + 2
    docs = MANY_DOCS[:n]
    write_tables(tmp_path, docs, [claim(d, f"{1000 * (k + 1):,}", 1000 * (k + 1), 1000 * (k + 1))
                                  for k, d in enumerate(docs)])
    conflict = brief.build_context(tmp_path, tmp_path).findings[0]
    assert conflict.text.startswith("Articles conflict on “troops” in the same period: d0000 says 1,000 (2024-05-01), "
                                    "d0001 says 2,000 (2024-05-01)")
    assert f"d{brief.MAX_NAMED - 1:04d} says {brief.MAX_NAMED},000 (2024-05-01) and 2 more; across {n} articles" in (
        conflict.text)
    assert len(conflict.links) == brief.MAX_NAMED


def test_a_group_with_no_counted_noun_is_named_by_its_kind(tmp_path):
    def money(doc, surface, value):
        return [doc, 0, 0, len(surface), surface, value, value, "", False, "money", "USD", "", "unattributed", "",
                "", "S."]

    write_tables(tmp_path, ["a", "b"], [money("a", "$2 million", 2e6), money("b", "$9 million", 9e6)])
    compared = tables.read_table(tmp_path, "claim_comparison.csv")
    assert set(compared.counts) == {""}  # nothing named what the money is
    summary = brief.build_context(tmp_path, tmp_path).summary
    assert any(line.startswith("Articles conflict on money figures in the same period: a says $2 million "
                               "(2024-05-01), b says $9 million (2024-05-01)")
               for line in summary), summary
    assert not any("“”" in line for line in summary)


def test_the_method_states_the_thresholds_model_and_band_the_steps_recorded(tmp_path):
    write_tables(tmp_path, ["a", "b"], [], settings=Settings(verbatim_jaccard=0.85, edited_jaccard=0.25))
    claim_settings = tables.read_table(tmp_path, "claim_settings.csv")
    claim_settings.loc[claim_settings.setting == "approximate", "value"] = "0.15"
    tables.write_table(claim_settings, tmp_path, "claim_settings.csv")
    method = " ".join(brief.build_context(tmp_path, tmp_path).method)
    assert "Jaccard 0.85 and 0.25" in method and "±15%" in method and "(test-model)" in method
    assert "0.9" not in method and "10%" not in method and "all-MiniLM" not in method


def test_the_method_names_the_boilerplate_set_aside_only_when_there_is_some(tmp_path):
    write_tables(tmp_path, ["a", "b"], [])
    assert "boilerplate" not in " ".join(brief.build_context(tmp_path, tmp_path).method)
    note = "The Ledger is owned by a trust of its readers and takes no money from the parties it covers " * 2
    write_tables(tmp_path, ["a", "b"], [], settings=Settings(boilerplate_articles=12, boilerplate_share=0.4),
                 boilerplate=[(note.strip(), 14, "a", 0, 10, "a;b"), ("Subscribe now.", 12, "a", 20, 34, "a;b")])
    method = " ".join(brief.build_context(tmp_path, tmp_path).method)
    assert "2 sentences are boilerplate, carried word for word by 12 articles or more" in method
    assert "under 40% of the body's words" in method and "in 14 articles: “The Ledger is owned" in method
    assert "parties it…”" in method  # cut at a word, never mid-word


def framed(doc, surface, value, scope="", time_words="", kind="count", forecast=""):
    """A claims.csv row with its scope, time words and forecast cue filled."""
    nan = float("nan")
    row = dict.fromkeys(tables.SCHEMAS["claims.csv"], "")
    row.update(doc_id=doc, sent_id=0, char_start=0, char_end=len(surface), surface=surface, value_low=value,
               value_high=value, vague=False, kind=kind, counted="troops", scope=scope, time_words=time_words,
               attribution="unattributed", forecast=forecast, sentence="S.")
    if kind == "forecast":
        row.update(value_low=nan, value_high=nan, counted="join the fighting")
    return row


def write_framed(folder, rows, published):
    """write_tables with rows that carry scope, time words and forecasts (write_tables leaves them empty)."""
    write_tables(folder, sorted({r["doc_id"] for r in rows}), [], published="")
    documents = tables.read_table(folder, "documents.csv")
    documents["published"] = [published.get(d, "") for d in documents.doc_id]
    tables.write_table(documents, folder, "documents.csv")
    claims = pd.DataFrame(rows, columns=list(tables.SCHEMAS["claims.csv"]))
    tables.write_table(claims, folder, "claims.csv")
    tables.write_table(voices.independence(comparison.compare(claims, documents, embed), claims), folder,
                       "claim_comparison.csv")
    tables.write_table(timeline.forecasts(claims, documents), folder, "forecasts.csv")


def test_an_undated_disagreement_is_unresolved_and_a_dated_one_an_update_in_the_headlines(tmp_path):
    write_framed(tmp_path, [framed("a", "1,200", 1200), framed("b", "3,400", 3400)], {"a": "2024-03-01"})
    summary = brief.build_context(tmp_path, tmp_path).summary
    assert ("Articles give figures for “troops” that cannot all hold at once, but a date is missing, so this may be "
            "a change over time rather than a conflict: a says 1,200 (2024-03-01), b says 3,400 (undated).") in summary
    assert not any(line.startswith("Articles conflict") for line in summary)
    write_framed(tmp_path, [framed("a", "1,200", 1200), framed("b", "3,400", 3400)],
                 {"a": "2024-03-01", "b": "2024-04-02"})
    summary = brief.build_context(tmp_path, tmp_path).summary
    assert ("“Troops” changed over time: a says 1,200 (2024-03-01), b says 3,400 (2024-04-02).") in summary


def test_figures_in_different_scopes_are_said_to_count_different_groups_and_forecasts_are_lined_up(tmp_path):
    write_framed(tmp_path, [framed("a", "3,000", 3000, scope="arrived"), framed("b", "8,000", 8000, scope="poised to "
                                                                             "enter the war"),
                            framed("a", "next week", 0, kind="forecast", time_words="as soon as next week",
                                   forecast="as soon as")],
                 {"a": "2024-10-26"})
    result = brief.build_context(tmp_path, tmp_path)
    assert ("The articles' figures for “troops” count 2 different groups, so they are compared only within each: "
            "front (b); present (a).") in result.summary
    assert ("1 article predicts when things will happen: next week (a, unattributed, 2024-10-27 to 2024-11-09).") in (
        result.summary)
    assert [f["window_label"] for f in result.forecasts] == ["2024-10-27 to 2024-11-09 (as soon as next week)"]
    assert "1 numeric figure" not in " ".join(result.summary) and "besides them, 1 forecast" in " ".join(result.summary)


def test_a_finding_that_vanishes_within_the_robust_range_is_borderline_not_a_headline(tmp_path):
    """The calibration's z is 2.5 here: a headline must hold from z 2.0 to 3.5. A paraphrase that
    holds only up to z 2.2 goes to the body, marked, with its range; then no text is reused."""
    pairs = [["sentence", "a", "b", 0, 2, 0, 2, 0.78, 0.0, 0.1, 0.1, "paraphrase", "both state 3000", NAN, 2.2, "",
              "S.", "S."]]
    overlap = [["a", "b", 0.0, 0.0, 0.02, 0.02, 0.93, "topical"], ["b", "a", 0.0, 0.0, 0.02, 0.02, 0.93, "topical"]]
    write_tables(tmp_path, ["a", "b"], [], pairs, overlap)
    result = brief.build_context(tmp_path, tmp_path)
    assert result.findings[0].text == ("No article reuses another's text: no passage is restated across articles at "
                                       "every z from 2 to 3.5.")
    assert not any("restate one another" in f.text for f in result.findings)
    borderline = [f.text for f in result.overview if f.text.startswith("Borderline")]
    assert borderline == [
        "Borderline, not a headline (it holds for z up to 2.20 only; a headline holds at every z from 2 to 3.5): "
        "The strongest overlap: 2% of a's text is found again in b (2% paraphrased).",
        "Borderline, not a headline (it holds for z up to 2.20 only; a headline holds at every z from 2 to 3.5): "
        "Across articles, 2 passages of 2 articles restate one another (1 paraphrased passage pair)."]


def test_whole_article_copies_come_first_with_who_was_first(tmp_path):
    pairs = [["document", "a", "b", 0, 100, 0, 100, 0.99, NAN, 1.0, 1.0, "verbatim", "", NAN, NAN, "b", "A", "B"],
             ["sentence", "a", "b", 0, 2, 0, 2, 1.0, 1.0, 1.0, 1.0, "verbatim", "", NAN, NAN, "b", "S.", "S."]]
    overlap = [["a", "b", 1.0, 0.0, 0.0, 1.0, 0.99, "verbatim"], ["b", "a", 1.0, 0.0, 0.0, 1.0, 0.99, "verbatim"]]
    write_tables(tmp_path, ["a", "b"], [], pairs, overlap)
    findings = [f.text for f in brief.build_context(tmp_path, tmp_path).findings]
    assert findings[0] == "1 article pair is a whole copy of one another (1 verbatim): a and b (verbatim, b published first)."
    assert not any(text.startswith("The strongest overlap") for text in findings)  # the same pair, said once


def test_figures_a_hundred_times_apart_are_no_conflict_headline(tmp_path):
    """Under one word, 12 and 90,000 count different things: no conflict is claimed from them."""
    write_tables(tmp_path, ["a", "b"], [claim("a", "12", 12, 12), claim("b", "90,000", 90000, 90000)])
    far = [f.text for f in brief.build_context(tmp_path, tmp_path).findings]
    assert not any(text.startswith("Articles conflict") for text in far)
    near = tmp_path / "near"
    near.mkdir()
    write_tables(near, ["a", "b"], [claim("a", "3,000", 3000, 3000), claim("b", "12,000", 12000, 12000)])
    assert any(f.text.startswith("Articles conflict") for f in brief.build_context(near, near).findings)


def test_articles_are_called_by_their_labels_and_the_evidence_keeps_the_file_id(tmp_path):
    write_tables(tmp_path, ["a", "b"], [claim("b", "around 4,000", 4000, 4000, "approximately",
                                              attribution="reports")])
    documents = tables.read_table(tmp_path, "documents.csv")
    documents["label"] = ["A · Harbour vote", "Globe · Council meets"]
    tables.write_table(documents, tmp_path, "documents.csv")
    result = brief.build_context(tmp_path, tmp_path)
    assert "Only Globe · Council meets gives a figure for “troops”: around 4,000 (attributed to reports)." in (
        result.summary)
    assert [d["label"] for d in result.documents] == ["A · Harbour vote", "Globe · Council meets"]
    (entry,) = result.evidence
    assert entry["title"] == "Figure “around 4,000” in Globe · Council meets"
    assert (entry["spans"][0]["label"], entry["spans"][0]["doc_id"]) == ("Globe · Council meets", "b")
    page = brief.render_html(result, tmp_path / "brief.html").read_text(encoding="utf-8")
    assert "Globe · Council meets · file b [" in page and "<td class=\"file\">b.txt</td>" in page


def test_passage_evidence_shows_the_match_with_a_sentence_either_side_and_folds_the_rest():
    from newsbrief.brief.evidence import _passage_evidence

    sentences_text = ["One.", "Two is here.", "Three matches.", "Four follows.", "Five ends."]
    paragraph = " ".join(sentences_text)
    starts = [paragraph.index(s) for s in sentences_text]
    sentences = pd.DataFrame({"doc_id": "a", "char_start": starts,
                              "char_end": [b + len(s) for b, s in zip(starts, sentences_text)]})
    paragraphs = pd.DataFrame({"doc_id": ["a"], "char_start": [0], "char_end": [len(paragraph)], "text": [paragraph]})
    start = paragraph.index("Three")
    pair = pd.DataFrame([{"doc_a": "a", "doc_b": "a", "start_a": start, "end_a": start + 14, "start_b": start,
                          "end_b": start + 14, "text_a": "Three matches.", "text_b": "Three matches.",
                          "label_a": "A · x", "label_b": "A · x", "category": "verbatim", "level": "sentence",
                          "cosine": 1.0, "jaccard": 1.0, "facts": "", "earlier": "", "earlier_label": ""}])
    (entry,) = _passage_evidence(pair, paragraphs, first=1, sentences=sentences)
    span = entry["spans"][0]
    assert (span["before"], span["marked"], span["after"]) == ("… Two is here. ", "Three matches.", " Four follows. …")
    assert span["folded"] == {"before": "One. Two is here. ", "marked": "Three matches.",
                              "after": " Four follows. Five ends."}
    # a paragraph of three sentences is shown whole, with nothing folded
    short = paragraphs.assign(text=["Two is here. Three matches. Four follows."], char_start=[start - 13])
    (entry,) = _passage_evidence(pair, short, first=1, sentences=sentences)
    assert entry["spans"][0]["folded"] is None


def test_the_corpus_table_shows_the_site_and_author_the_page_states_and_keeps_them_inert(tmp_path):
    write_tables(tmp_path, ["a", "b"], [], published="")
    documents = tables.read_table(tmp_path, "documents.csv")
    documents["site"] = ["<b>KumDi.com</b>", ""]
    documents["author"] = ["", "Thomas <script>x</script> Schmidt"]
    tables.write_table(documents, tmp_path, "documents.csv")
    result = brief.build_context(tmp_path, tmp_path)
    assert [d["source"] for d in result.documents] == ["<b>KumDi.com</b> (the page says)", "unknown"]
    assert "the pages name their site for 1 of 2, shown as stated" in result.notes[0]
    page = brief.render_html(result, tmp_path / "brief.html").read_text(encoding="utf-8")
    assert "&lt;b&gt;KumDi.com&lt;/b&gt; (the page says)" in page and "<script>x" not in page
    assert "Thomas &lt;script&gt;x&lt;/script&gt; Schmidt" in page


def test_cards_ledger_and_quotes_to_verify_come_from_the_voice_tables(tmp_path):
    """Sentences with sources and quotes, through voices to the brief: a card per article (with its
    signs linked to their evidence), a source ledger keyed across spellings, quotes with corroboration."""
    texts = {"a": 'US officials said 3,000 troops <b>arrived</b>. "It is <script>x</script> serious," said John Kirby.',
             "b": 'According to U.S. defense officials, 3,000 troops arrived. "We watch it," Kirby said.'}
    write_tables(tmp_path, ["a", "b"], [claim("a", "3,000", 3000, 3000, attribution="US officials"),
                                        claim("b", "3,000", 3000, 3000, attribution="U.S. defense officials")])
    paragraphs = pd.DataFrame([(d, 0, 0, len(t), "body", "", len(t.split()), t) for d, t in texts.items()],
                              columns=list(tables.SCHEMAS["paragraphs.csv"]))
    from newsbrief.text import split_sentences
    sentences = pd.DataFrame([(d, 0, k, a, b, "body", len(t[a:b].split()), t[a:b]) for d, t in texts.items()
                              for k, (a, b) in enumerate(split_sentences(t))],
                             columns=list(tables.SCHEMAS["sentences.csv"]))
    cited, quoted = voices.read_voices(sentences, paragraphs)
    for name, frame in (("paragraphs.csv", paragraphs), ("sentences.csv", sentences), ("sources.csv", cited),
                        ("quotes.csv", quoted)):
        tables.write_table(frame, tmp_path, name)
    signs = pd.DataFrame([("a", "writing prompt", 0, 12, "US officials said", "a rule")],
                         columns=list(tables.SCHEMAS["signals.csv"]))
    tables.write_table(signs, tmp_path, "signals.csv")
    claims = tables.read_table(tmp_path, "claims.csv")
    tables.write_table(voices.keyed_claims(claims.drop(columns=["source_key", "source_kind"]), cited), tmp_path,
                       "claims.csv")
    result = brief.build_context(tmp_path, tmp_path)
    card = result.cards[0]
    assert (card["label"], card["outlet"], card["author"]) == ("a", "not stated", "not stated")
    assert card["signs"] == [{"signal": "writing prompt", "evidence": "US officials said", "anchor": "#sign-1"}]
    assert "sign-1" in [e["id"] for e in result.evidence]  # the sign's words are in the appendix
    ledger = {r["key"]: r for r in result.ledger}
    assert ledger["us official"]["articles"] == 2 and ledger["kirby"]["quotes"] == 2
    assert [f["text"] for f in ledger["us official"]["figures"]] == ["a: 3,000", "b: 3,000"]
    assert [(q["speaker"], q["corroborated"]) for q in result.quotes] == [
        ("John Kirby", "quoted with other words in b"), ("Kirby", "quoted with other words in a")]  # b names no more
    html = brief.render_html(result, tmp_path / "brief.html").read_text(encoding="utf-8")
    assert "It is &lt;script&gt;x&lt;/script&gt; serious," in html and "<script>x" not in html
    assert 'id="card-a"' in html and 'href="#sign-1"' in html and 'id="ledger"' in html
    markdown = brief.render_markdown(result, tmp_path / "brief.md").read_text(encoding="utf-8")
    assert "### Quotes to verify" in markdown and "<script>" not in markdown
