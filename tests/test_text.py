"""The text floor: words, letter runs, month names, dates and sentence spans."""

import re
from datetime import date

import pytest

from newsbrief import text


def spans_text(value, spans):
    return [value[s:e] for s, e in spans]


def test_words_keep_abbreviations_contractions_and_grouped_numbers_whole():
    assert text.words("The U.S. sent 25,000 troops, didn't it?") == ["The", "U.S", "sent", "25,000", "troops", "didn't", "it"]
    assert text.count_words("The U.S. sent 25,000 troops, didn't it?") == 7
    assert text.count_words("") == 0


def test_letter_words_are_ascii_letter_runs():
    assert text.letter_words("It's 25,000 troops") == ["It", "s", "troops"]


def test_every_month_name_and_abbreviation_maps_to_its_number():
    assert text.MONTHS["sept"] == text.MONTHS["september"] == 9
    assert text.MONTHS["may"] == 5 and len(set(text.MONTHS.values())) == 12


def test_unnamed_date_patterns_embed_in_a_larger_rule_and_take_another_year():
    pattern = re.compile("^(?:" + "|".join(text.date_pattern(year=r"\d{4}", named=False)) + ")$", re.I)
    assert pattern.match("Oct. 26th, 1887") and pattern.match("1887-10-26") and pattern.match("26 October 1887")
    assert not pattern.match("October 1887")
    assert not re.compile(text.date_pattern()[0], re.I).search("Oct 26, 1887")


def test_sentences_keep_abbreviations_and_exact_offsets():
    value = "The U.S. and NATO met on Monday. Dr. Kim said 3,000 troops left. They left."
    spans = text.split_sentences(value)
    assert spans_text(value, spans) == [
        "The U.S. and NATO met on Monday.", "Dr. Kim said 3,000 troops left.", "They left."]


def test_a_repeated_sentence_gets_two_different_spans():
    value = "They left. They left."
    assert text.split_sentences(value) == [(0, 10), (11, 21)]


@pytest.mark.parametrize("value, expected", [
    ("Today : Oct 26, 2024", date(2024, 10, 26)),
    ("Published 26 October 2024 by staff", date(2024, 10, 26)),
    ("on 2025-07-04.", date(2025, 7, 4)),
    ("Sept. 3rd, 2023", date(2023, 9, 3)),
    ("Feb 30, 2024 is not a date", None),
    ("no date here, only 2024", None),
])
def test_find_date(value, expected):
    assert text.find_date(value) == expected




def test_terms_start_with_a_letter_and_keep_inner_hyphens_and_apostrophes():
    assert text.terms("3,000 North Korea's follow-up troops") == ["North", "Korea's", "follow-up", "troops"]
