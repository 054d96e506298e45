"""Exports: one article per row of a JSON Lines or CSV file, its columns mapped, its problems reported,
its text saved where the offsets point; end to end through make report."""

import json

import pytest

from conftest import ROOT, run_make
from newsbrief import corpus, exports, tables

FIXTURES = ROOT / "tests" / "fixtures" / "exports"


def test_usual_column_names_are_read_and_problem_rows_reported_one_line_each(tmp_path):
    sink: list[str] = []
    rows = exports.read_export(FIXTURES / "news.jsonl", sink)
    assert [r.number for r in rows] == [1, 2]
    first = rows[0]
    assert first.get("outlet") == "harbour-gazette.example" and first.get("author") == "Mara Okafor, Tom Reyes"
    assert first.get("published") == "2025-03-12 08:30:00" and first.get("url").startswith("https://harbour-gazette")
    assert sink == ["news.jsonl: row 3 is not a JSON object; skipped",
                    "news.jsonl: row 4 is empty (no text); skipped",
                    "news.jsonl: row 2 is HTML; its text was read as plain paragraphs"]
    assert rows[1].get("text") == ("Costs for the harbour dredging project have climbed to nearly 7 million euros, "
                                   "according to the harbour authority.\n\nCouncil leader Ana Duarte said the vote "
                                   "would wait until April.")


def test_other_column_names_are_mapped_without_code():
    sink: list[str] = []
    assert exports.read_export(FIXTURES / "archive.csv", sink) == []
    assert "no text column" in sink[0] and "columns='text=story_body'" in sink[0]
    rows = exports.read_export(FIXTURES / "archive.csv", [], exports.parse_columns("text=story_body"))
    assert rows[0].get("outlet") == "Port News" and rows[0].get("text").startswith("Traffic through the harbour")
    with pytest.raises(ValueError, match="FIELD=COLUMN"):
        exports.parse_columns("body")
    with pytest.raises(ValueError, match="FIELD=COLUMN"):
        exports.parse_columns("story=story_body")


def test_rows_become_articles_with_stable_ids_cards_from_their_columns_and_metadata_winning(tmp_path):
    (tmp_path / "feed.jsonl").write_text("".join(json.dumps(r) + "\n" for r in [
        {"title": "Harbour vote delayed", "text": "The council delayed the vote.", "source": "Gazette",
         "date": "2025-03-12T08:30:00Z", "url": "https://g.example/1"},
        {"headline": "Costs climb", "body": "Costs <b>climbed</b> again.", "media_name": "Times", "date": "soon"},
    ]), encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("file,outlet,url,published\nfeed.jsonl#2,Coastal Times,,2025-03-14\n",
                                           encoding="utf-8")
    loaded = corpus.load_corpus(tmp_path)
    docs = corpus.documents_table(loaded)
    assert docs.doc_id.tolist() == ["feed-1", "feed-2"] and docs.file.tolist() == ["feed.jsonl#1", "feed.jsonl#2"]
    assert docs.outlet.tolist() == ["Gazette", "Coastal Times"]
    assert docs.outlet_source.tolist() == ["export", "metadata"]  # metadata.csv over the export's columns
    assert docs.published.tolist() == ["2025-03-12", "2025-03-14"]
    assert docs.published_source.tolist() == ["export", "metadata"]
    assert docs.text_file.tolist() == ["articles/feed-1.txt", "articles/feed-2.txt"]
    texts = dict(corpus.article_texts(loaded))
    assert texts["articles/feed-1.txt"] == "Harbour vote delayed\n\nThe council delayed the vote.\n"
    assert texts["articles/feed-2.txt"] == "Costs climb\n\nCosts climbed again.\n"
    sentences = corpus.sentences_table(loaded)
    for s in sentences.itertuples():  # every offset points into the saved text
        assert texts[f"articles/{s.doc_id}.txt"][s.char_start:s.char_end] == s.text
    assert any("feed.jsonl#2: date 'soon' not understood" in w for w in loaded.warnings)


def test_an_export_of_a_thousand_rows_and_a_broken_one_is_read_in_one_pass(tmp_path):
    lines = [json.dumps({"title": f"Story {k}", "text": f"Item {k} happened today."}) for k in range(1000)]
    lines.insert(500, '{"title": "cut')
    (tmp_path / "big.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = corpus.load_corpus(tmp_path)
    assert len(loaded.documents) == 1000 and loaded.documents[0].doc_id == "big-0001"
    assert loaded.warnings == ["big.jsonl: row 501 is not a JSON object; skipped"]


def test_make_report_on_an_export_folder_end_to_end(tmp_path):
    out = tmp_path / "out"
    result = run_make("report", f"CORPUS={FIXTURES}", f"OUT={out}", "P01=columns=text=story_body")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "newsbrief: 01-corpus-stats: warning: news.jsonl: row 4 is empty (no text); skipped" in result.stderr
    docs = tables.read_table(out / "tables", "documents.csv")
    assert docs.doc_id.tolist() == ["archive-1", "news-1", "news-2"]
    for d in docs.itertuples():
        assert (out / d.text_file).is_file()
    sentences = tables.read_table(out / "tables", "sentences.csv")
    for s in sentences.itertuples():
        assert (out / "articles" / f"{s.doc_id}.txt").read_text(encoding="utf-8")[s.char_start:s.char_end] == s.text
    brief = (out / "brief.md").read_text(encoding="utf-8")
    assert "author Mara Okafor, Tom Reyes (the export)" in brief and "published 2025-03-12 (the export)" in brief


def test_make_report_on_one_export_file_end_to_end(tmp_path):
    export = tmp_path / "pull" / "news.jsonl"
    export.parent.mkdir()
    export.write_bytes((FIXTURES / "news.jsonl").read_bytes())
    (export.parent / "other.txt").write_text("Another story\n\nNot part of this run at all.\n", encoding="utf-8")
    (export.parent / "metadata.csv").write_text("file,outlet\nnews.jsonl#2,Coastal Times\nother.txt,X\n",
                                                encoding="utf-8")
    out = tmp_path / "out"
    result = run_make("report", f"CORPUS={export}", f"OUT={out}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "metadata.csv names" not in result.stderr  # beside one file, metadata.csv may describe others
    docs = tables.read_table(out / "tables", "documents.csv")
    assert docs.doc_id.tolist() == ["news-1", "news-2"] and docs.outlet.tolist()[1] == "Coastal Times"
    brief = (out / "brief.md").read_text(encoding="utf-8")
    assert "author Mara Okafor, Tom Reyes (the export); published 2025-03-12 (the export)" in brief
    export.write_bytes(export.read_bytes().split(b"\n", 1)[0] + b"\n")  # the file changed: step 01 reruns
    again = run_make("report", f"CORPUS={export}", f"OUT={out}")
    assert "newsbrief: running 01-corpus-stats" in again.stdout
    assert tables.read_table(out / "tables", "documents.csv").doc_id.tolist() == ["news-1"]


def test_a_parquet_export_with_list_and_missing_cells_and_a_damaged_one(tmp_path):
    import pandas as pd

    pd.DataFrame({"title": ["Harbour vote delayed", "Costs climb"],
                  "maintext": ["The council delayed the vote on Tuesday.", "Costs climbed again this week."],
                  "authors": [["Mara Okafor", "Tom Reyes"], []],
                  "date_publish": ["2025-03-12", None], "source_domain": ["gazette.example", None]}).to_parquet(
        tmp_path / "pull.parquet", index=False)
    (tmp_path / "broken.parquet").write_bytes(b"PAR1" + bytes(200))
    loaded = corpus.load_corpus(tmp_path)
    docs = corpus.documents_table(loaded)
    assert docs.doc_id.tolist() == ["pull-1", "pull-2"]
    assert docs.author.tolist() == ["Mara Okafor, Tom Reyes", ""] and docs.outlet.tolist() == ["gazette.example",
                                                                                                "unknown"]
    assert docs.published.tolist() == ["2025-03-12", ""]
    assert any(w.startswith("broken.parquet: not a readable Parquet file") for w in loaded.warnings)
