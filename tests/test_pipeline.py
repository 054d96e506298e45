"""The whole pipeline through `make report`, on the seeds and on another corpus."""

import re

import pytest

from conftest import ROOT, STEPS, ran, run_make
from newsbrief import tables


def test_report_runs_the_four_steps_in_order(seeds_run):
    assert ran(seeds_run.result) == STEPS
    assert "newsbrief: brief written to outputs/brief.html" in seeds_run.result.stdout


def test_report_writes_notebooks_tables_figures_and_brief(seeds_out):
    assert sorted(p.name for p in (seeds_out / "notebooks").iterdir()) == [f"{s}.ipynb" for s in STEPS]
    assert {"documents.csv", "paragraphs.csv", "sentences.csv", "near_duplicates.csv", "document_overlap.csv",
            "calibration.csv", "sensitivity.csv", "claims.csv", "sourcing.csv", "claim_comparison.csv",
            "claim_settings.csv"} <= {
        p.name for p in (seeds_out / "tables").iterdir()}
    assert {"article_lengths.png", "readability.png", "coverage_heatmap.png", "similarity_heatmap.png",
            "calibration.png", "claims_by_article.png"} <= {
        p.name for p in (seeds_out / "figures").iterdir()}
    html = (seeds_out / "brief.html").read_text(encoding="utf-8")
    assert "The corpus holds 5 articles" in html and "data:image/png;base64," in html


def test_documents_and_page_chrome(seeds_out):
    documents = tables.read_table(seeds_out / "tables", "documents.csv")
    assert documents.doc_id.tolist() == sorted(p.stem for p in (ROOT / "seeds").glob("*.txt"))
    assert (documents.words > 500).all() and (documents.chrome_words > 0).all()
    paragraphs = tables.read_table(seeds_out / "tables", "paragraphs.csv")
    chrome = paragraphs[paragraphs.kind == "chrome"].set_index("text").chrome_reason
    assert chrome["4 min read"] == "reading time"
    assert chrome["Subscribe to our Newsletter"] == "newsletter prompt"
    assert chrome["Latest Contents"] == "related links"
    assert chrome["by Jhon Lennon 53 views"] == "view count"


def test_offsets_slice_the_original_files(seeds_out):
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")}
    for name in ["paragraphs.csv", "sentences.csv"]:
        for row in tables.read_table(seeds_out / "tables", name).itertuples():
            assert texts[row.doc_id][row.char_start:row.char_end] == row.text
    for row in tables.read_table(seeds_out / "tables", "claims.csv").itertuples():
        assert texts[row.doc_id][row.char_start:row.char_end] == row.surface


def test_the_seed_figures_are_found_as_intervals(seeds_out):
    claims = tables.read_table(seeds_out / "tables", "claims.csv")
    found = {(r.doc_id[:3], r.surface): (r.value_low, r.value_high, r.qualifier) for r in claims.itertuples()}
    nan = pytest.approx(float("nan"), nan_ok=True)
    assert found[("000", "over 3,000")] == (3000, nan, "over")
    assert found[("001", "at least 3,000")] == (3000, nan, "at_least")
    assert found[("001", "as high as 12,000")] == (nan, 12000, "as_high_as")
    assert found[("002", "nearly 8,000")] == (7200, 8000, "nearly")
    assert found[("003", "between 25,000 to 30,000")] == (25000, 30000, "between")
    assert found[("003", "approximately 12,000")] == (10800, 13200, "approximately")
    assert found[("003", "around 4,000")] == (3600, 4400, "approximately")
    # page chrome never yields a figure: no "4 min read", no "53 views", no related-link dates
    assert not any(re.search(r"\b(?:4 min|53)\b", s) for _, s in found)
    assert not (claims.kind == "date").any()


def test_near_duplicates_on_the_seeds(seeds_out):
    near = tables.read_table(seeds_out / "tables", "near_duplicates.csv")
    assert set(near.category) <= {"verbatim", "edited", "paraphrase", "shared fact"}
    within = near[near.doc_a == near.doc_b]
    # the repeated title of 000, and 003's introduction restated in its FAQ
    assert ((within.doc_a.str.startswith("000")) & (within.category == "verbatim")
            & (within.text_a.str.startswith("North Korean Troops Arrive in Russia: A Major Escalation"))).any()
    assert ((within.doc_a.str.startswith("003")) & (within.category == "paraphrase")).any()
    across = near[(near.doc_a != near.doc_b) & (near.level != "document")]
    assert 1 <= len(across) <= 20  # a few cross-article paraphrases, not every pair of one story
    # the troop figure two articles share, each saying more: a lead to a common source, not a copy
    shared = across[across.category == "shared fact"]
    assert any("3,000 North Korean" in r.text_a and "3,000 North Korean" in r.text_b and r.facts.startswith(
        "both state 3000") for r in shared.itertuples())
    assert (across.facts != "").all()  # every cross-article call names the facts both state
    texts = {p.stem: p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")}
    for row in near[near.level != "document"].itertuples():
        assert texts[row.doc_a][row.start_a:row.end_a] == row.text_a
        assert texts[row.doc_b][row.start_b:row.end_b] == row.text_b
    overlap = tables.read_table(seeds_out / "tables", "document_overlap.csv")
    assert len(overlap) == 20 and overlap.covered.between(0, 1).all()
    assert overlap.cosine.min() > 0.8  # one story: every article pair is semantically close
    calibration = tables.read_table(seeds_out / "tables", "calibration.csv").set_index("level")
    assert calibration.loc["sentence", "threshold"] > 0.7 and calibration.loc["sentence", "source"] == "calibrated"
    sensitivity = tables.read_table(seeds_out / "tables", "sensitivity.csv")
    assert sensitivity.z.nunique() >= 5


def test_a_second_report_does_nothing(seeds_run):
    out = seeds_run.out
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    result = run_make("report", cwd=seeds_run.root)
    assert result.returncode == 0 and ran(result) == [], result.stdout + result.stderr
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before  # not one file touched


def test_another_corpus_gets_its_own_findings(tmp_path):
    out = tmp_path / "other-out"
    result = run_make("report", "CORPUS=tests/fixtures/other_corpus", f"OUT={out}")
    assert result.returncode == 0, result.stdout + result.stderr
    documents = tables.read_table(out / "tables", "documents.csv")
    assert documents.set_index("doc_id").outlet.to_dict() == {
        "coastal-times": "Coastal Times", "harbour-gazette": "Harbour Gazette"}
    assert documents.set_index("doc_id").published.to_dict() == {
        "coastal-times": "2025-03-14", "harbour-gazette": "2025-03-12"}
    claims = tables.read_table(out / "tables", "claims.csv")
    money = claims[claims.kind == "money"].set_index("surface")
    assert money.loc["$45 million"].value_low.tolist() == [45e6, 45e6]
    assert money.loc["nearly $50 million", "value_high"] == 50e6
    near = tables.read_table(out / "tables", "near_duplicates.csv")
    across = near[near.doc_a != near.doc_b]
    assert len(across) >= 1 and set(across.earlier) == {"harbour-gazette"}  # dated 2 days before
    # both quote the mayor, each saying more: a shared fact; "$45 million" against "nearly $50 million"
    # is no restatement, however alike the two sentences read
    assert set(across.category) == {"shared fact"}
    assert "will carry the citys trade for the next fifty years" in across.facts.iloc[0]
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert "The corpus holds 2 articles" in html
    assert "Korea" not in html and "troops" not in html  # nothing of the seeds leaks in


def test_a_rising_count_is_an_update_a_same_day_clash_a_conflict_and_another_group_a_different_scope(tmp_path):
    """tests/fixtures/timeline_corpus: evacuations a month apart (1,200, then 3,400), two accounts of the same
    earthquake's dead on one day (40 and 25), and its injured (130), a different group of people."""
    out = tmp_path / "timeline-out"
    result = run_make("report", "CORPUS=tests/fixtures/timeline_corpus", f"OUT={out}")
    assert result.returncode == 0, result.stdout + result.stderr
    compared = tables.read_table(out / "tables", "claim_comparison.csv").set_index("doc_id")
    people = compared[compared.counts.str.contains("people")]
    assert people.loc["flood-march", "verdict"] == people.loc["flood-april", "verdict"] == "update"
    assert people.loc["flood-march", "updates"] == "flood-april (up from flood-march to flood-april)"
    assert people.loc["flood-april", "time_label"].endswith("(in the past month)")
    assert people.loc["quake-police", "verdict"] == people.loc["quake-ministry", "verdict"] == "conflict"
    assert people.loc["quake-police", "conflicts_with"] == "quake-ministry"
    assert people.loc["quake-red-cross", "verdict"] == "different scope"
    assert people.loc["quake-police", "scope"] != people.loc["quake-red-cross", "scope"]
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert "Articles conflict on" in html and "changed over time" in html


def test_missing_or_empty_corpus_fails_before_any_notebook(tmp_path):
    result = run_make("report", f"CORPUS={tmp_path / 'nope'}", f"OUT={tmp_path / 'out'}")
    assert result.returncode != 0
    assert f"corpus folder '{tmp_path / 'nope'}' does not exist" in result.stderr
    assert not (tmp_path / "out" / "notebooks").exists()
    (tmp_path / "empty").mkdir()
    result = run_make("report", f"CORPUS={tmp_path / 'empty'}", f"OUT={tmp_path / 'out'}")
    assert result.returncode != 0 and "has no .txt or .md articles" in result.stderr
    assert not (tmp_path / "out" / "notebooks").exists()


def seeds_claims_scores(claims):
    """Precision and recall of the extracted figures against the hand-labelled seed figures."""
    import csv
    import math

    truth = list(csv.DictReader((ROOT / "tests" / "fixtures" / "claims" / "seeds_truth.csv").open(encoding="utf-8")))
    as_float = lambda v: float(v) if v != "" else math.nan  # noqa: E731
    found = {(r.doc_id[:3], r.surface): r for r in claims.itertuples()}
    correct = 0
    for t in truth:
        r = found.get((t["doc"], t["surface"]))
        if r is not None and r.qualifier == t["qualifier"] and all(
                (math.isnan(a) and math.isnan(b)) or a == b
                for a, b in ((r.value_low, as_float(t["value_low"])), (r.value_high, as_float(t["value_high"])))):
            correct += 1
    return correct / len(claims), correct / len(truth)


def test_seed_figures_precision_recall_and_comparison(seeds_out):
    claims = tables.read_table(seeds_out / "tables", "claims.csv")
    precision, recall = seeds_claims_scores(claims[claims.kind != "forecast"])
    assert recall == 1.0 and precision == 1.0  # "few months" is part of a forecast, "two nations" no figure
    attributed = claims.set_index("surface").attribution
    assert attributed["nearly 8,000"] == "reports" and attributed["around 4,000"] == "reports"
    assert attributed["over 3,000"] == "reports"  # "have reportedly arrived"
    forecasts = claims[claims.kind == "forecast"].set_index("surface")
    assert forecasts.counted.to_dict() == {
        "as soon as next week": "deployed to the Kursk region", "as soon as this weekend": "join combat operations",
        "in the coming days": "enter the fray", "within the next few months": "arrive in Russia",
        "as early as July or August": "troop deployments"}
    assert forecasts.attribution["as soon as next week"] == "reports"  # the paragraph opens "According to reports,"
    framed = claims[claims.kind != "forecast"].set_index("surface")
    assert framed.scope["nearly 8,000"] == "poised to enter the war"
    assert framed.time_words["approximately 12,000"] == "Earlier in the year"
    compared = tables.read_table(seeds_out / "tables", "claim_comparison.csv").set_index("surface")
    troops = {"over 3,000", "at least 3,000", "as high as 12,000", "nearly 8,000", "approximately 12,000",
              "around 4,000", "between 25,000 to 30,000"}
    assert troops <= set(compared.index) and compared.loc[list(troops)].thing.nunique() == 1
    # one thing in five scopes, and no conflict: the figures count different groups at different times
    assert "conflict" not in set(compared.verdict)
    assert compared.loc[["over 3,000", "at least 3,000", "approximately 12,000"], "verdict"].tolist() == ["agree"] * 3
    for surface in ("nearly 8,000", "as high as 12,000", "around 4,000", "between 25,000 to 30,000"):
        assert compared.loc[surface, "verdict"] == "different scope", surface
    assert compared.loc["as high as 12,000", "time_label"] == "2024-10-19 to 2024-10-26 (this past week)"
    assert compared.reason.str.len().gt(0).all()
    html = (seeds_out / "brief.html").read_text(encoding="utf-8")
    assert "Articles conflict on" not in html and "count 5 different groups" in html
    assert "4 articles predict when things will happen" in html


def test_brief_sections_evidence_provenance_and_markdown(seeds_out):
    html = (seeds_out / "brief.html").read_text(encoding="utf-8")
    for section in ("findings", "corpus", "overlap", "claims", "sourcing", "method", "provenance", "evidence"):
        assert f'<section id="{section}">' in html
    anchors = set(re.findall(r'href="#([\w-]+)"', html))
    ids = set(re.findall(r'id="([\w-]+)"', html))
    assert anchors and anchors <= ids  # every evidence link lands on an entry
    assert "<script" not in html
    assert 'src="http' not in html and "<link" not in html  # self-contained: no external request
    for p in (ROOT / "seeds").glob("*.txt"):
        assert __import__("hashlib").sha256(p.read_bytes()).hexdigest() in html
    assert "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db" in html
    assert html.count("<!-- timings: begin") == 1
    markdown = (seeds_out / "brief.md").read_text(encoding="utf-8")
    assert markdown.startswith("# Brief: 5 articles on one story") and "## Headline findings" in markdown


def test_a_single_article_without_figures_or_metadata_is_said_in_words(tmp_path):
    corpus = tmp_path / "one"
    corpus.mkdir()
    (corpus / "only.txt").write_text(
        "Harbour plan debated\n\nThe council debated the harbour plan on Tuesday. Residents asked many questions "
        "about noise and traffic.\n\nThe mayor said a decision would follow after further talks with residents.\n",
        encoding="utf-8")
    result = run_make("report", f"CORPUS={corpus}", f"OUT={tmp_path / 'out'}")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "out" / "brief.html").read_text(encoding="utf-8")
    assert "With a single article there are no article pairs to compare." in html
    assert "No numeric figure was found in the article text." in html
    assert "No outlet is known from metadata for any article" in html
    assert "Brief: Harbour plan debated" in html


needs_chromium = pytest.mark.skipif(__import__("newsbrief.browser").browser.find_chromium() is None,
                                    reason="no chromium (make browser installs it)")


@needs_chromium
def test_the_brief_renders_in_a_real_browser(seeds_out):
    from newsbrief import browser

    shown = browser.render(seeds_out / "brief.html", height=3000)
    for section in ("findings", "corpus", "overlap", "claims", "sourcing", "method", "provenance", "evidence"):
        assert f'id="{section}"' in shown.dom
    from newsbrief.brief import FIGURES

    figures = sum((seeds_out / "figures" / name).is_file() for name, _ in FIGURES)
    assert figures == len(FIGURES) and shown.dom.count("<img ") == figures and shown.console == []
    assert shown.screenshot[:8] == b"\x89PNG\r\n\x1a\n"
    assert (seeds_out / "brief.pdf").read_bytes()[:5] == b"%PDF-"


def test_the_seeds_run_needed_no_network(seeds_run):
    """The seeds run had unroutable proxies and a socket guard in every Python process it started."""
    guarded = seeds_run.netlog.with_name(seeds_run.netlog.name + ".active").read_text().split()
    assert len(set(guarded)) >= 8  # four step runners and four notebook kernels, at least
    assert not seeds_run.netlog.exists(), seeds_run.netlog.read_text()  # no connection was even tried
