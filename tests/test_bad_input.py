"""Bad input, one test per case, all through `make report` on one corpus that has every problem.

Each broken file gets one clear line on the terminal, naming the file and the problem (the step
runner repeats the notebook's warnings on stderr), and the good articles are still analysed. The
corpus-level failures (no folder, no article, unknown model) are in test_pipeline.py and
test_interruption.py.
"""

import shutil

import pytest

from conftest import ROOT, STEPS, ran, run_make
from newsbrief import tables
from newsbrief.browser import find_chromium

GOOD = ROOT / "tests" / "fixtures" / "other_corpus"
HOSTILE = """# Council <script>document.title='pwned'</script> vote

By Mallory <img src=x onerror=alert(2)> Jones

"The <b>vote</b> was <script>alert(3)</script> rigged from the start," said Dr. Eve <i>Smith</i>, a strategist.

The council said as many as 5,000 residents <script>alert(1)</script> signed the petition.

A [click here](javascript:alert(1)) link, an image ![x](https://evil.example/x.png) and </table></section></body> close nothing.
"""


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    base = tmp_path_factory.mktemp("bad-input")
    corpus = base / "corpus"
    corpus.mkdir()
    shutil.copy(GOOD / "harbour-gazette.txt", corpus / "a-harbour.txt")
    shutil.copy(GOOD / "coastal-times.md", corpus / "b-coastal.md")
    shutil.copy(GOOD / "harbour-gazette.txt", corpus / "c-copy-of-harbour.txt")
    (corpus / "d-empty.txt").write_bytes(b"")
    (corpus / "e-binary.txt").write_bytes(bytes(range(256)) * 8)
    (corpus / "f-latin1.txt").write_bytes(
        "Caf\u00e9 owners\u2019 plan\n\nThe r\u00e9sum\u00e9 of the caf\u00e9 owners says the plan cost \u20ac5 "
        "million \u2014 nearly twice the first estimate.\n".encode("cp1252"))
    paragraph = ("The harbour authority reported that traffic rose again this quarter, and the council "
                 "said it would review the dredging contract before the summer.\n\n")
    (corpus / "g-huge.txt").write_text(paragraph * (5_200_000 // len(paragraph) + 1), encoding="utf-8")
    (corpus / "h-chrome-only.txt").write_text(
        "Subscribe to our Newsletter\n\n4 min read\n\nShare this article\n", encoding="utf-8")
    (corpus / "i-hostile.md").write_text(HOSTILE, encoding="utf-8")
    (corpus / "metadata.csv").write_text(
        "file,outlet,url,published\n"
        "a-harbour.txt,Harbour Gazette,https://example.org/harbour,2025-03-12\n"
        "b-coastal.md,Coastal Times,,not-a-date\n"
        "a row without enough columns\n"
        "z-missing.txt,Nobody,,2025-01-01\n", encoding="utf-8")
    out = base / "out"
    result = run_make("report", f"CORPUS={corpus}", f"OUT={out}")
    assert result.returncode == 0, result.stdout + result.stderr
    return out, result


def warning_lines(result, file):
    return [line for line in result.stderr.splitlines() if line.startswith(f"newsbrief: 01-corpus-stats: warning: {file}")]


def analysed(out):
    return tables.read_table(out / "tables", "documents.csv").doc_id.tolist()


def test_the_good_articles_are_analysed_to_the_brief(bad_run):
    out, result = bad_run
    assert ran(result) == STEPS
    assert {"a-harbour", "b-coastal", "c-copy-of-harbour", "f-latin1", "i-hostile"} <= set(analysed(out))
    claims = tables.read_table(out / "tables", "claims.csv")
    assert {"a-harbour", "b-coastal", "f-latin1", "i-hostile"} <= set(claims.doc_id)
    assert "The corpus holds" in (out / "brief.html").read_text(encoding="utf-8")


def test_empty_file(bad_run):
    out, result = bad_run
    assert warning_lines(result, "d-empty.txt") == ["newsbrief: 01-corpus-stats: warning: d-empty.txt: empty file; skipped"]
    assert "d-empty" not in analysed(out)


def test_binary_file(bad_run):
    out, result = bad_run
    assert warning_lines(result, "e-binary.txt") == [
        "newsbrief: 01-corpus-stats: warning: e-binary.txt: binary data, not text; skipped"]
    assert "e-binary" not in analysed(out)


def test_windows_1252_file_is_decoded_with_a_warning(bad_run):
    out, result = bad_run
    assert warning_lines(result, "f-latin1.txt") == [
        "newsbrief: 01-corpus-stats: warning: f-latin1.txt: not valid UTF-8; decoded as cp1252"]
    documents = tables.read_table(out / "tables", "documents.csv").set_index("doc_id")
    assert documents.loc["f-latin1", "encoding"] == "cp1252"
    assert documents.loc["f-latin1", "title"] == "Caf\u00e9 owners\u2019 plan"
    money = tables.read_table(out / "tables", "claims.csv").set_index("doc_id").loc[["f-latin1"]]
    assert money.surface.tolist() == ["\u20ac5 million"] and money.unit.tolist() == ["EUR"]


def test_a_5_mb_article_is_skipped_with_the_limit_named(bad_run):
    out, result = bad_run
    [line] = warning_lines(result, "g-huge.txt")
    assert line == ("newsbrief: 01-corpus-stats: warning: g-huge.txt: 5.2 MB, above the 1 MB limit for one article "
                    "(a book or a dump, not an article?); skipped (raise max_article_kb to include it)")
    assert "g-huge" not in analysed(out)


def test_duplicate_files_are_reported_as_verbatim_duplicates(bad_run):
    out, result = bad_run
    near = tables.read_table(out / "tables", "near_duplicates.csv")
    whole = near[(near.level == "document") & (near.category == "verbatim")]
    assert {frozenset(p) for p in zip(whole.doc_a, whole.doc_b)} == {frozenset({"a-harbour", "c-copy-of-harbour"})}
    overlap = tables.read_table(out / "tables", "document_overlap.csv").set_index(["doc_a", "doc_b"])
    assert overlap.loc[("c-copy-of-harbour", "a-harbour"), "cover_verbatim"] == 1.0


def test_an_article_that_is_only_page_chrome(bad_run):
    out, result = bad_run
    assert warning_lines(result, "h-chrome-only.txt") == [
        "newsbrief: 01-corpus-stats: warning: h-chrome-only.txt: no article text left after removing page chrome"]
    documents = tables.read_table(out / "tables", "documents.csv").set_index("doc_id")
    assert documents.loc["h-chrome-only", "words"] == 0 and documents.loc["h-chrome-only", "chrome_paragraphs"] == 3


def test_malformed_metadata_rows(bad_run):
    out, result = bad_run
    lines = warning_lines(result, "metadata.csv")
    assert lines == [
        "newsbrief: 01-corpus-stats: warning: metadata.csv line 3: date 'not-a-date' not understood; ignored",
        "newsbrief: 01-corpus-stats: warning: metadata.csv line 4: malformed row (needs file,outlet,url,published); skipped",
        "newsbrief: 01-corpus-stats: warning: metadata.csv names 'z-missing.txt', which is not an article in the folder; ignored",
    ]
    documents = tables.read_table(out / "tables", "documents.csv").set_index("doc_id")
    assert documents.loc["a-harbour", "outlet"] == "Harbour Gazette" and documents.loc["b-coastal", "outlet"] == "Coastal Times"


def test_a_hostile_article_stays_text(bad_run):
    out, result = bad_run
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert "<script" not in html and "</table></section></body> close" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown, escaped, in the evidence
    assert 'href="javascript' not in html and 'src="https://evil' not in html
    markdown = (out / "brief.md").read_text(encoding="utf-8")
    assert "](javascript:" not in markdown and "![x](" not in markdown and "<script>" not in markdown
    claims = tables.read_table(out / "tables", "claims.csv")
    assert "as many as 5,000" in claims[claims.doc_id == "i-hostile"].surface.tolist()
    # a quote and a byline with markup: kept as text in the tables, escaped in the brief
    quotes = tables.read_table(out / "tables", "quotes.csv")
    said = quotes[quotes.doc_id == "i-hostile"]
    assert said.quote.tolist() == ["The <b>vote</b> was <script>alert(3)</script> rigged from the start,"]
    assert said.speaker.tolist() == ["Dr. Eve"]
    assert "&lt;b&gt;vote&lt;/b&gt; was &lt;script&gt;alert(3)&lt;/script&gt;" in html
    assert "<b>vote</b>" not in html and "<img src=x" not in html and "<i>Smith" not in html
    assert "<b>vote</b>" not in markdown and "<img" not in markdown


@pytest.mark.skipif(find_chromium() is None, reason="no chromium (make browser installs it)")
def test_a_hostile_article_is_inert_in_a_browser(bad_run):
    from newsbrief import browser

    out, _ = bad_run
    shown = browser.render(out / "brief.html", height=2000)
    assert "pwned" not in shown.dom.split("</title>")[0] and "<script" not in shown.dom
    assert shown.console == []
