"""Saved web pages: the main text and the facts the markup states, pages without an article reported,
the text saved where the offsets point; end to end through make report."""

import gzip

from conftest import ROOT, run_make
from newsbrief import corpus, pages, tables

FIXTURES = ROOT / "tests" / "fixtures" / "pages"


def test_a_page_gives_its_main_text_without_its_chrome_and_the_facts_its_markup_states():
    path = FIXTURES / "harbour-vote.html"
    page = pages.read_page(path, path.read_bytes(), [])
    assert (page.title, page.author, page.sitename, page.date) == (
        "Council delays the harbour dredging vote", "Mara Okafor", "Harbour Gazette", "2025-03-12")
    assert page.url == "https://harbour-gazette.example/2025/03/12/dredging-vote"
    text = pages.article_text(page)
    assert text.startswith("Council delays the harbour dredging vote\n\nThe city council delayed its vote")
    assert "nearly 7 million euros" in text
    for chrome in ("Subscribe to our newsletter", "Most read", "Ferry timetable", "All rights reserved", "Cookie"):
        assert chrome not in text
    assert "\n\n" in text.split("\n\n", 1)[1]  # paragraph boundaries survive


def test_pages_without_an_article_or_unreadable_are_reported_one_line_each(tmp_path):
    sink: list[str] = []
    for name in ("index.html", "cut.htm.gz"):
        path = FIXTURES / name
        assert pages.read_page(path, path.read_bytes(), sink) is None
    assert sink[0].startswith("index.html: no article found in the page (0 characters of prose")
    assert sink[1].startswith("cut.htm.gz: not a readable gzip file")
    (tmp_path / "junk.html").write_bytes(bytes(range(256)) * 64)
    assert pages.read_page(tmp_path / "junk.html", (tmp_path / "junk.html").read_bytes(), sink) is None
    assert len(sink) == 3 and sink[2].startswith("junk.html: ")


def test_saved_pages_in_a_corpus_become_articles_with_their_cards_and_metadata_winning(tmp_path):
    for name in ("harbour-vote.html", "port-traffic.html.gz", "index.html"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    (tmp_path / "note.txt").write_text("A note\n\nThe council met again on Friday to discuss the harbour.\n",
                                       encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet,url,published\nport-traffic.html.gz,Port Weekly,,\n",
                                           encoding="utf-8")
    big = tmp_path / "huge.html"
    big.write_bytes(b"<html><body>" + b"<p>x</p>" * (21 * 1000 * 1000 // 8) + b"</body></html>")
    loaded = corpus.load_corpus(tmp_path)
    docs = corpus.documents_table(loaded)
    assert docs.doc_id.tolist() == ["note", "harbour-vote", "port-traffic"]
    assert docs.outlet.tolist() == ["unknown", "Harbour Gazette", "Port Weekly"]
    assert docs.outlet_source.tolist() == ["", "html", "metadata"]  # metadata.csv over the markup
    assert docs.author.tolist()[1:] == ["Mara Okafor", "Tom Reyes"] and docs.author_source.tolist()[1:] == ["html"] * 2
    assert docs.published.tolist()[1:] == ["2025-03-12", "2025-03-15"]
    assert docs.text_file.tolist() == ["", "articles/harbour-vote.txt", "articles/port-traffic.txt"]
    original = (FIXTURES / "port-traffic.html.gz").read_bytes()
    import hashlib
    assert docs.sha256.tolist()[2] == hashlib.sha256(original).hexdigest()  # the saved page's own sha256
    texts = dict(corpus.article_texts(loaded))
    for s in corpus.sentences_table(loaded).itertuples():
        if s.doc_id != "note":
            assert texts[f"articles/{s.doc_id}.txt"][s.char_start:s.char_end] == s.text
    assert any(w.startswith("index.html: no article found") for w in loaded.warnings)
    assert any(w.startswith("huge.html: 21.0 MB, above the 20 MB limit for one saved page") for w in loaded.warnings)
    assert gzip.decompress(original)  # the fixture is a real gzip file


def test_make_report_on_a_folder_of_saved_pages_end_to_end(tmp_path):
    out = tmp_path / "out"
    result = run_make("report", f"CORPUS={FIXTURES}", f"OUT={out}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "warning: index.html: no article found in the page" in result.stderr
    docs = tables.read_table(out / "tables", "documents.csv")
    assert docs.doc_id.tolist() == ["harbour-vote", "port-traffic"]
    for s in tables.read_table(out / "tables", "sentences.csv").itertuples():
        assert (out / "articles" / f"{s.doc_id}.txt").read_text(encoding="utf-8")[s.char_start:s.char_end] == s.text
    brief = (out / "brief.md").read_text(encoding="utf-8")
    assert "outlet Harbour Gazette (the page's markup); author Mara Okafor (the page's markup); published " \
           "2025-03-12 (the page's markup)" in brief


WARC = ROOT / "tests" / "fixtures" / "warc" / "crawl.warc.gz"


def test_a_web_archive_gives_its_html_responses_and_reports_the_other_records():
    sink: list[str] = []
    found = pages.warc_pages(WARC, sink)
    assert [(n, url) for n, url, _ in found] == [
        (2, "https://harbour-gazette.example/2025/03/12/dredging-vote"),
        (4, "https://port-news.example/2025/03/15/port-traffic")]
    assert sink == ["crawl.warc.gz: 2 records are not HTML pages (1 image/png, 1 request); skipped"]


def test_a_damaged_archive_is_read_up_to_the_damage(tmp_path):
    cut = tmp_path / "cut.warc"
    import gzip as gz
    whole = gz.decompress(WARC.read_bytes())  # the records uncompressed, one after the other
    cut.write_bytes(whole[:whole.index(b"WARC/1.", whole.index(b"image/png")) + 40])
    sink: list[str] = []
    found = pages.warc_pages(cut, sink)
    assert [n for n, _, _ in found] == [2]
    assert sink == ["cut.warc: 3 records are not HTML pages (1 image/png, 1 request, 1 unreadable); skipped"]


def test_archive_pages_become_articles_known_by_file_and_record(tmp_path):
    (tmp_path / "crawl.warc.gz").write_bytes(WARC.read_bytes())
    (tmp_path / "metadata.csv").write_text("file,outlet,url,published\ncrawl.warc.gz#4,Port Weekly,,\n",
                                           encoding="utf-8")
    loaded = corpus.load_corpus(tmp_path)
    docs = corpus.documents_table(loaded)
    assert docs.doc_id.tolist() == ["crawl-2", "crawl-4"] and docs.file.tolist() == ["crawl.warc.gz#2",
                                                                                     "crawl.warc.gz#4"]
    assert docs.outlet.tolist() == ["Harbour Gazette", "Port Weekly"]
    assert docs.author.tolist() == ["Mara Okafor", "Tom Reyes"]
    texts = dict(corpus.article_texts(loaded))
    for s in corpus.sentences_table(loaded).itertuples():
        assert texts[f"articles/{s.doc_id}.txt"][s.char_start:s.char_end] == s.text


def test_a_page_in_another_encoding_than_it_declares_or_cut_short_is_read_with_one_line(tmp_path):
    page = (FIXTURES / "harbour-vote.html").read_bytes().decode("utf-8")
    assert 'charset="utf-8"' in page.lower() or "charset=utf-8" in page.lower()
    body = "<p>" + "Le café a rouvert après deux ans de travaux, a annoncé la mairie jeudi soir. " * 5 + "</p>"
    french = page.replace("</h1>", "</h1>" + body, 1)
    sink: list[str] = []
    read = pages.read_page(tmp_path / "cp1252.html", french.encode("cp1252", errors="replace"), sink)
    assert "Le café a rouvert après deux ans" in read.text  # not "aprčs", as the extractor guessed
    assert sink == ["cp1252.html: not valid UTF-8 as it declares (utf-8); decoded as cp1252"]
    latin = french.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("charset=utf-8", "charset=iso-8859-1")
    assert "après deux ans" in pages.read_page(tmp_path / "latin.html", latin.encode("latin-1", errors="replace"),
                                              sink).text
    assert len(sink) == 1  # a page of the charset it declares: no warning
    cut = page.encode("utf-8")[:int(len(page) * 0.8)]  # the file ends in the middle of the article
    found = pages.read_page(tmp_path / "cut.html", cut, sink)
    assert "The city council delayed its vote" in found.text and len(sink) == 1  # read up to the cut
    accented = french.encode("utf-8")
    cut = accented[:accented.rindex("après".encode("utf-8")) + 4]  # in the middle of the last "è"
    assert "Le café a rouvert apr" in pages.read_page(tmp_path / "cut-char.html", cut, sink).text
    assert sink[1:] == ["cut-char.html: ends in the middle of a character (cut short?); read up to it"]
