"""Corpus loading: files, encodings, metadata, paragraphs, sentences and their offsets."""

import pandas as pd
import pytest

from newsbrief import corpus
from newsbrief.corpus import CorpusError


def spans_text(text, spans):
    return [text[s:e] for s, e in spans]


def test_paragraphs_split_on_blank_lines_and_single_line_breaks():
    text = "Title line\n\nFirst paragraph. It ends.\nSecond paragraph here.\n\n\nThird one."
    assert spans_text(text, corpus.split_paragraphs(text)) == [
        "Title line", "First paragraph. It ends.", "Second paragraph here.", "Third one."]


def test_paragraphs_join_a_hard_wrapped_sentence():
    text = "The troops were\nsent to the front\nin October.\nA new paragraph starts here."
    assert spans_text(text, corpus.split_paragraphs(text)) == [
        "The troops were\nsent to the front\nin October.", "A new paragraph starts here."]


def test_markdown_headings_stand_alone_without_their_marks():
    text = "# The headline\nBody text that goes on.\n\n## A section\n- item one\n- item two"
    assert spans_text(text, corpus.split_paragraphs(text, markdown=True)) == [
        "The headline", "Body text that goes on.", "A section", "- item one", "- item two"]


def test_paragraph_offsets_survive_crlf_and_indentation():
    text = "  Indented title  \r\n\r\nBody line one.\r\n"
    spans = corpus.split_paragraphs(text)
    assert spans == [(2, 16), (22, 36)]
    assert spans_text(text, spans) == ["Indented title", "Body line one."]


def write(folder, name, data):
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


ARTICLE = "A headline about troops\n\nBy\nJane Doe\n4 min read\n\nOver 3,000 troops arrived. They trained.\n\nSubscribe to our Newsletter\n"


def test_load_corpus_reads_articles_in_name_order_with_titles_and_chrome(tmp_path):
    write(tmp_path, "b.md", "# Second\n\nSome body text that is long enough.")
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "notes.csv", "ignored,file\n")  # a .csv is read as an export: with no rows, it says so
    loaded = corpus.load_corpus(tmp_path)
    assert [d.doc_id for d in loaded.documents] == ["a", "b"]
    a = loaded.documents[0]
    assert a.title == "A headline about troops"
    assert [(p.kind, p.chrome_reason) for p in a.paragraphs] == [
        ("title", ""), ("chrome", "byline"), ("chrome", "byline"), ("chrome", "reading time"),
        ("body", ""), ("chrome", "newsletter prompt")]
    assert [s.text for s in a.sentences] == ["A headline about troops", "Over 3,000 troops arrived.", "They trained."]
    for item in [*a.paragraphs, *a.sentences]:
        assert a.text[item.char_start:item.char_end] == item.text
    assert a.outlet == "unknown" and a.published == "" and loaded.warnings == ["notes.csv: no rows; skipped"]


def test_metadata_gives_outlet_url_and_date_and_bad_rows_are_reported(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.txt", "Title\n\nToday : Oct 26, 2024\n\nBody sentence here.")
    write(tmp_path, "metadata.csv",
          "file,outlet,url,published\n"
          "a.txt,Daily Planet,https://example.org/a,2024-10-25\n"
          "b.txt,Globe,,not a date\n"
          "c.txt,Ghost,,\n"
          "a.txt,too,many,columns,here\n")
    loaded = corpus.load_corpus(tmp_path)
    a, b = loaded.documents
    assert (a.outlet, a.url, a.published, a.published_source) == ("Daily Planet", "https://example.org/a", "2024-10-25", "metadata")
    assert (b.outlet, b.published, b.published_source) == ("Globe", "2024-10-26", "page")
    assert loaded.warnings == [
        "metadata.csv line 3: date 'not a date' not understood; ignored",
        "metadata.csv line 5: malformed row (needs file,outlet,url,published); skipped",
        "metadata.csv names 'c.txt', which is not an article in the folder; ignored",
    ]


def test_a_date_inside_prose_is_not_a_dateline(tmp_path):
    write(tmp_path, "a.txt", "Profits fall\n\nThe airline made a loss in the three months to 31 December 2004, it said.\n")
    write(tmp_path, "b.txt", "Profits rise\n\nStaff reporter | 2 January 2005\n\nThe airline made money.\n")
    a, b = corpus.load_corpus(tmp_path).documents
    assert (a.published, a.published_source) == ("", "")
    assert (b.published, b.published_source) == ("2005-01-02", "page")


def test_bad_files_are_reported_and_the_rest_still_load(tmp_path):
    write(tmp_path, "1_empty.txt", "  \n\n")
    write(tmp_path, "2_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(tmp_path, "3_latin.txt", "Caf\xe9 owners say prices rose.\n\nThe r\xe9gime said so.".encode("cp1252"))
    write(tmp_path, "4_good.txt", ARTICLE)
    loaded = corpus.load_corpus(tmp_path)
    assert [d.doc_id for d in loaded.documents] == ["3_latin", "4_good"]
    assert loaded.documents[0].title == "Café owners say prices rose."
    assert loaded.documents[0].encoding == "cp1252"
    assert loaded.warnings == [
        "1_empty.txt: empty file; skipped",
        "2_binary.txt: binary data, not text; skipped",
        "3_latin.txt: not valid UTF-8; decoded as cp1252",
    ]


def test_an_article_that_is_only_chrome_is_kept_with_a_warning(tmp_path):
    write(tmp_path, "a.txt", "Subscribe to our Newsletter\n4 min read\n")
    write(tmp_path, "b.txt", "Harbour vote\n\nThe council voted on the harbour plan on Monday evening.\n")
    loaded = corpus.load_corpus(tmp_path)
    assert loaded.warnings == ["a.txt: no article text left after removing page chrome"]
    assert [p.kind for p in loaded.documents[0].paragraphs] == ["chrome", "chrome"]
    assert loaded.documents[0].sentences == []


def test_a_corpus_of_only_page_chrome_stops_with_one_line(tmp_path):
    write(tmp_path, "a.txt", "Subscribe to our Newsletter\n4 min read\n")
    write(tmp_path, "b.txt", "Sign up for our newsletter\nShare this article\n")
    with pytest.raises(CorpusError, match=r"has no article text: every paragraph of its 2 file\(s\) is page chrome"):
        corpus.load_corpus(tmp_path)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_decoded(tmp_path, encoding):
    text = "Harbour vote\n\nThe council voted on the harbour plan on Monday, said Zoë.\n"
    bom = {"utf-16": "", "utf-32": ""}.get(encoding, "\ufeff")  # the -be codecs write no mark of their own
    write(tmp_path, "a.txt", (bom + text).encode(encoding))
    loaded = corpus.load_corpus(tmp_path)
    doc = loaded.documents[0]
    assert loaded.warnings == [] and doc.encoding == encoding[:6]
    assert doc.title == "Harbour vote" and doc.sentences[-1].text.endswith("said Zoë.")


def test_control_and_bidi_characters_become_spaces_and_offsets_still_map_to_the_file(tmp_path):
    text = "Harbour vote\n\nThe council\x00 voted on the \u202eharbour\u202c plan on Monday evening.\n"
    write(tmp_path, "a.txt", text)
    loaded = corpus.load_corpus(tmp_path)
    (doc,) = loaded.documents
    assert loaded.warnings == ["a.txt: 3 control or bidirectional formatting characters (U+0000, U+202C, U+202E) "
                               "replaced by spaces"]
    body = doc.sentences[-1]
    assert "\x00" not in doc.text and "\u202e" not in doc.text and len(doc.text) == len(text)
    assert body.text == "The council  voted on the  harbour  plan on Monday evening."
    assert text[body.char_start:body.char_end].replace("\x00", " ").replace("\u202e", " ").replace(
        "\u202c", " ") == body.text


def test_a_paragraph_longer_than_the_limit_is_split_linearly_with_a_warning(tmp_path):
    from newsbrief.text import LONG_PARAGRAPH

    run_on = "Then" + " word" * (LONG_PARAGRAPH // 4)
    write(tmp_path, "a.txt", f"Harbour vote\n\nThe council voted on the harbour plan. {run_on}\n")
    loaded = corpus.load_corpus(tmp_path)
    assert len(loaded.warnings) == 1 and loaded.warnings[0].startswith(
        f"a.txt: 1 paragraph(s) of more than {LONG_PARAGRAPH:,} characters")
    assert "split into sentences by punctuation alone" in loaded.warnings[0]
    sentences = [s.text for s in loaded.documents[0].sentences]
    assert sentences[1] == "The council voted on the harbour plan." and len(sentences) > 3


def test_a_second_metadata_row_for_one_file_is_reported_and_the_first_kept(tmp_path):
    write(tmp_path, "a.txt", "Harbour vote\n\nThe council voted on the harbour plan on Monday evening.\n")
    write(tmp_path, "metadata.csv", "file,outlet,url,published\na.txt,Ledger,,1999-12-31T23:59:59Z\n"
                                    "a.txt,Other,,2000-01-02\n")
    loaded = corpus.load_corpus(tmp_path)
    assert loaded.warnings == ["metadata.csv line 3: a second row for 'a.txt' (the first is on line 2); skipped, "
                               "the first is used"]
    doc = loaded.documents[0]
    assert (doc.outlet, doc.published) == ("Ledger", "1999-12-31")


def test_missing_or_empty_folders_fail_with_the_fix_in_the_message(tmp_path):
    with pytest.raises(CorpusError, match="does not exist.*CORPUS="):
        corpus.load_corpus(tmp_path / "nope")
    with pytest.raises(CorpusError, match="no .txt or .md articles"):
        corpus.load_corpus(tmp_path)
    write(tmp_path, "empty.txt", "")
    with pytest.raises(CorpusError, match="no readable article"):
        corpus.load_corpus(tmp_path)


def test_tables_have_one_row_per_item_and_count_words(tmp_path):
    write(tmp_path, "a.txt", ARTICLE)
    loaded = corpus.load_corpus(tmp_path)
    paragraphs, sentences = corpus.paragraphs_table(loaded), corpus.sentences_table(loaded)
    assert paragraphs.kind.tolist() == ["title", "chrome", "chrome", "chrome", "body", "chrome"]
    assert sentences.words.tolist() == [4, 4, 2]
    docs = corpus.documents_table(loaded)
    assert docs.loc[0, "sha256"] == __import__("hashlib").sha256(ARTICLE.encode()).hexdigest()


def test_a_file_above_the_size_limit_is_skipped_with_the_limit_named(tmp_path):
    write(tmp_path, "big.txt", ARTICLE * 200)
    write(tmp_path, "small.txt", ARTICLE)
    size = (tmp_path / "big.txt").stat().st_size
    loaded = corpus.load_corpus(tmp_path, max_article_kb=size // 1000 - 1)
    assert [d.doc_id for d in loaded.documents] == ["small"]
    assert loaded.warnings == [f"big.txt: {size / 1e6:.1f} MB, above the {(size // 1000 - 1) / 1000:g} MB limit for one "
                               "article (a book or a dump, not an article?); skipped (raise max_article_kb to include it)"]
    assert len(corpus.load_corpus(tmp_path, max_article_kb=size // 1000 + 1).documents) == 2


def test_a_date_in_the_text_is_never_the_publication_date(tmp_path):
    """Only lines above the article text (chrome, byline, the line under the headline) can date it."""
    write(tmp_path, "a.txt", "Veterans remember\n\nBy Ann Lee, 3 May 2005\n\nThe war ended sixty years ago.\n\n"
                             "Born on 1 March 1945.\n")
    write(tmp_path, "b.txt", "Veterans remember\n\nThe war ended sixty years ago, they said.\n\nBorn on 1 March 1945.\n")
    write(tmp_path, "c.txt", "Councils merge. The vote was close, and the mayor resigned.\n\nIt was 2 June 2001.\n")
    dated = {d.doc_id: (d.published, d.published_source, d.title) for d in corpus.load_corpus(tmp_path).documents}
    assert dated["a"] == ("2005-05-03", "page", "Veterans remember")
    assert dated["b"][:2] == ("", "")  # a short line after the text begins is the text, not a dateline
    # a text opening with a summary of several sentences has no headline, and no dateline either
    assert dated["c"] == ("", "", "")


def test_symbolic_links_are_skipped_and_same_stems_get_distinct_ids(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("Secret\n\nNot an article of this corpus.\n", encoding="utf-8")
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    (corpus_dir / "passwd.txt").symlink_to(outside)
    write(corpus_dir, "a.txt", "Harbour plan\n\nThe council voted on the harbour.\n")
    write(corpus_dir, "a.md", "# Harbour plan\n\nThe council approved the harbour.\n")
    loaded = corpus.load_corpus(corpus_dir)
    assert [d.doc_id for d in loaded.documents] == ["a.md", "a.txt"]
    assert loaded.warnings == ["passwd.txt: a symbolic link; skipped (only files in the corpus folder are read)"]


def test_a_corpus_with_no_readable_article_says_why_in_its_error(tmp_path):
    write(tmp_path, "1_empty.txt", "  \n\n")
    write(tmp_path, "2_binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(corpus.CorpusError, match="1_empty.txt: empty file; skipped; 2_binary.txt"):
        corpus.load_corpus(tmp_path)


def test_the_page_states_author_site_and_date_with_offsets_into_the_file(tmp_path):
    files = {
        "a.txt": "Troops arrive\n\nBy\nThomas Schmidt\n4 min read\n\nHundreds of troops arrived in the port city on Sunday.\n",
        "b.txt": "Storm hits coast – RTÉ News\n\nToday : Oct 26, 2024\n\nHeavy rain fell across the south coast overnight.\n",
        "c.txt": "Heavy rain fell across the south coast overnight, officials said.\n\nKumDi.com\n\nMore rain is due.\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet,url,published\nc.txt,Globe,,\n", encoding="utf-8")
    table = corpus.documents_table(corpus.load_corpus(tmp_path)).set_index("doc_id")
    for doc, field, stated in [("a", "author", "Thomas Schmidt"), ("b", "site", "RTÉ News"), ("c", "site", "KumDi.com"),
                               ("b", "published", "Today : Oct 26, 2024")]:
        row = table.loc[doc]
        start, end = int(row[f"{field}_start"]), int(row[f"{field}_end"])
        assert files[f"{doc}.txt"][start:end] == stated
    assert (table.loc["b", "published"], table.loc["b", "published_source"]) == ("2024-10-26", "page")
    assert table.loc["a", "site"] == "" and pd.isna(table.loc["a", "site_start"]) and table.loc["b", "author"] == ""
    # metadata.csv's outlet names the article; the page's site is kept beside it
    assert table.loc["c", "label"].startswith("Globe · ") and table.loc["b", "label"].startswith("RTÉ News · ")
