"""Notebook tables: no index, text left and whole, numbers right and plain, strings escaped."""

import pandas as pd

from newsbrief.display import table_html


def test_a_table_shows_no_index_left_aligned_whole_text_and_plain_numbers():
    long = "word " * 40
    frame = pd.DataFrame({"doc_id": ["a", "b<i>"], "text": [long.strip(), "x"], "words": [1200, 3],
                          "share": [0.123456, float("nan")], "flag": [True, False]})
    html = table_html(frame)
    assert ">0<" not in html and ">1<" not in html  # no row index
    assert html.count("<tr>") == 3 and "<th" in html
    assert long.strip() in html  # whole, never cut with "…"
    assert "b&lt;i&gt;" in html and "<i>" not in html
    assert ">1,200<" in html and ">0.1235<" in html and ">nan<" not in html
    cells = html.split("<td ")
    assert "text-align:left" in cells[1] and "text-align:right" in cells[3]  # doc_id; words


def test_a_named_index_becomes_a_column_and_long_tables_say_how_many_rows():
    grouped = pd.DataFrame({"kind": ["body", "chrome", "body"]}).groupby("kind").size().rename("paragraphs").to_frame()
    html = table_html(grouped)
    assert ">kind<" in html and ">body<" in html and ">2<" in html
    many = table_html(pd.DataFrame({"n": range(100)}), max_rows=10)
    assert many.count("<tr>") == 11 and "the first 10 of 100 rows" in many
