"""Passage alignment and the side-by-side view: shared words marked, article markup kept inert."""

import subprocess
import sys

import pandas as pd
import pytest

from newsbrief import alignment
from newsbrief.tables import SCHEMAS


def test_align_marks_shared_words_and_escapes_markup():
    a, b, share = alignment.align("The cat sat on the mat.", "The cat stood on the mat.")
    assert a == "<mark>The cat </mark>sat<mark> on the mat.</mark>"
    assert b == "<mark>The cat </mark>stood<mark> on the mat.</mark>"
    assert share == pytest.approx(5 / 6)
    a, _, _ = alignment.align('<script>alert("x")</script> said', "he said")
    assert a.startswith("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;") and "<script>" not in a


def test_aligned_segments_cut_both_texts_into_runs_that_rejoin_them():
    runs_a, runs_b, share = alignment.aligned_segments("Troops arrived, officials said.", "Officials said troops left.")
    assert "".join(t for t, _ in runs_a) == "Troops arrived, officials said."
    assert "".join(t for t, _ in runs_b) == "Officials said troops left."
    assert ("officials said", True) in runs_a and share == pytest.approx(2 / 4)
    assert alignment.aligned_segments("", "") == ([], [], 0.0)


def test_side_by_side_escapes_article_text_and_labels():
    row = dict.fromkeys(SCHEMAS["near_duplicates.csv"], "")
    row.update(level="sentence", category="edited", doc_a="<b>a</b>", doc_b="b", start_a=0, end_a=9, start_b=0,
               end_b=9, cosine=0.9, jaccard=0.5, text_a='<img src=x onerror="alert(1)"> & more',
               text_b="<img src=y> & more")
    html = alignment.side_by_side(pd.DataFrame([row]))._repr_html_()
    assert "<img" not in html and "<b>" not in html
    assert "&lt;b&gt;a&lt;/b&gt; [0–9]<br>b [0–9]" in html and "<mark>&lt;img src=</mark>" in html
    assert html.startswith("<table") and html.endswith("</tbody></table>") and "\n" not in html


def test_alignment_is_a_low_floor():
    """The brief can mark shared words without loading numpy, pandas or the detector."""
    code = "import sys, newsbrief.alignment; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert not {"numpy", "pandas", "scipy", "jinja2", "newsbrief.near_duplicates"} & set(loaded)
