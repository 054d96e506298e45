"""The language of each article: stated or read off the text, in a documented order; the English-only
rules leave the other languages out, visibly; end to end through make report."""

import json

import pytest

from conftest import ROOT, run_make
from newsbrief import corpus, language, tables

FIXTURES = ROOT / "tests" / "fixtures" / "languages"


@pytest.mark.parametrize(("value", "code"), [
    ("en-US", "en"), ("EN_gb", "en"), ("de-AT", "de"), ("deu", "de"), ("ger", "de"), ("German", "de"),
    ("fr", "fr"), ("pcm", "pcm"), ("", ""), ("  ", ""),
    ("{{lang}}", None), ("english (uk)", None), ("x-default", None), ("12", None)])
def test_a_language_tag_gives_its_two_letter_code(value, code):
    assert language.tag(value) == code


def test_the_text_is_read_for_its_language_and_a_short_or_unclear_one_is_unknown():
    texts = {name: (FIXTURES / name).read_text(encoding="utf-8") for name in ("harbour-vote.txt", "vote-portuaire.txt")}
    assert language.detect(texts["harbour-vote.txt"])[0] == "en"
    assert language.detect(texts["vote-portuaire.txt"])[0] == "fr"
    assert language.detect("Der Stadtrat stimmt erst im April ab.") == ("", None)  # under MIN_CHARS
    code, probability = language.detect("12 345 678 910 " * 20)  # long enough, but no language
    assert code == "" and probability < language.MIN_CONFIDENCE


def test_stated_languages_win_in_order_and_the_page_markup_only_where_the_text_cannot_tell():
    french = (FIXTURES / "vote-portuaire.txt").read_text(encoding="utf-8")
    sink: list[str] = []

    def decided(text, stated, name="a"):
        found = language.decide(text, stated, sink, name)
        return found.code, found.source

    assert decided(french, {"metadata": "de", "export": "es", "html": "it"}) == ("de", "metadata")
    assert decided(french, {"export": "es", "html": "it"}) == ("es", "export")
    assert decided(french, {"html": "en-US"}) == ("fr", "text")  # a template's lang loses to the text
    assert language.decide(french, {}, sink, "a").detected == "fr"
    assert decided("Kurz.", {"html": "de-DE"}) == ("de", "html")
    assert language.decide("Kurz.", {}, sink, "a") == language.Language("", "", "", None)
    assert sink == []
    assert decided(french, {"metadata": "{{lang}}", "html": "%%"}, "a.txt") == ("fr", "text")
    assert sink == ["a.txt: language '{{lang}}' not understood (expected a code such as 'en' or 'de-AT'); the "
                    "text's language is used"]  # the page's odd tag is passed over in silence
    assert [language.is_read(c) for c in ("en", "", "de", "pcm")] == [True, True, False, False]


def test_each_article_gets_its_language_and_where_it_came_from():
    docs = corpus.documents_table(corpus.load_corpus(FIXTURES))
    got = docs.set_index("doc_id")[["language", "language_source", "language_detected", "analysed_in_english"]]
    assert got.to_dict("index") == {
        "harbour-vote": {"language": "en", "language_source": "text", "language_detected": "en",
                         "analysed_in_english": True},
        "kurz": {"language": "de", "language_source": "metadata", "language_detected": "",  # too short to read
                 "analysed_in_english": False},
        "vote-portuaire": {"language": "fr", "language_source": "text", "language_detected": "fr",
                           "analysed_in_english": False},
        "hafen-abstimmung": {"language": "de", "language_source": "text", "language_detected": "de",
                             "analysed_in_english": False},
        "votacion-puerto": {"language": "es", "language_source": "text", "language_detected": "es",  # says en-US
                            "analysed_in_english": False}}
    assert docs.language_confidence.isna().tolist() == [False, True, False, False, False]
    assert language.left_out(docs).doc_id.tolist() == ["kurz", "vote-portuaire", "hafen-abstimmung", "votacion-puerto"]
    sentences = corpus.sentences_table(corpus.load_corpus(FIXTURES))
    assert set(language.english_only(sentences, docs).doc_id) == {"harbour-vote"}


def test_an_exports_language_column_is_used_and_metadata_wins_over_it(tmp_path):
    export = ROOT / "tests" / "fixtures" / "exports" / "news.jsonl"
    row = json.loads(export.read_text(encoding="utf-8").splitlines()[0])
    (tmp_path / "news.jsonl").write_text(json.dumps(row) + "\n" + json.dumps(dict(row, language="xx-?")) + "\n",
                                         encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,language\nnews.jsonl#2,en-GB\n", encoding="utf-8")
    loaded = corpus.load_corpus(tmp_path)
    docs = corpus.documents_table(loaded)
    assert docs[["language", "language_source"]].values.tolist() == [["en", "export"], ["en", "metadata"]]
    assert not any("language" in w for w in loaded.warnings)  # the export's odd tag is overruled by metadata.csv


def test_make_report_leaves_other_languages_out_of_the_english_rules_and_says_so(tmp_path):
    out = tmp_path / "out"
    result = run_make("report", f"CORPUS={FIXTURES}", f"OUT={out}")
    assert result.returncode == 0, result.stdout + result.stderr
    docs = tables.read_table(out / "tables", "documents.csv")
    assert docs.flesch_reading_ease.notna().tolist() == [True, False, False, False, False]
    for name in ("claims.csv", "sources.csv", "quotes.csv", "signals.csv"):
        assert set(tables.read_table(out / "tables", name).doc_id) <= {"harbour-vote"}, name
    assert len(tables.read_table(out / "tables", "claims.csv")) >= 3  # the English article is read
    assert len(tables.read_table(out / "tables", "paragraphs.csv").doc_id.unique()) == 5  # step 02 reads all
    brief = (out / "brief.md").read_text(encoding="utf-8")
    assert ("4 of 5 articles are in another language than English \\(German \\(de\\) 2, Spanish \\(es\\) 1, "
            "French \\(fr\\) 1\\): the rules that read figures, sources, quotes and warning signs read "
            "English") in brief
    assert "language German \\(de\\) (metadata.csv); not read: the source, quote and sign rules read English" in brief
    assert "language Spanish \\(es\\) (read off the text); not read" in brief
    assert "language English \\(en\\) (read off the text); cites Ana Duarte" in brief
    html = (out / "brief.html").read_text(encoding="utf-8")
    assert html.count("not read: the source, quote and sign rules read English") == 4
