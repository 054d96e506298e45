"""The text floor: words, letter runs, month names, dates and sentence spans."""

import re
from datetime import date

import pytest

from newsbrief import text
from newsbrief.text import find_date, split_sentences


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


def test_a_long_paragraph_is_split_linearly_by_punctuation():
    from newsbrief.text import LONG_PARAGRAPH, LONGEST_SENTENCE, linear_sentences

    text = 'He said "Yes." Then he left! Was it 3.5 miles? Dr. Smith agreed. U.S. officials said 2,000. And more'
    assert [text[a:b] for a, b in linear_sentences(text)] == [
        'He said "Yes."', "Then he left!", "Was it 3.5 miles?", "Dr. Smith agreed.", "U.S. officials said 2,000.",
        "And more"]
    run_on = "word " * (LONG_PARAGRAPH // 5 + 100)  # no full stop at all: cut at spaces
    spans = split_sentences(run_on)
    assert spans == linear_sentences(run_on) and len(spans) > 1
    assert all(b - a <= LONGEST_SENTENCE and run_on[a:b] == run_on[a:b].strip() for a, b in spans)
    assert " ".join(run_on[a:b] for a, b in spans) == run_on.strip()


def test_unseen_characters_become_spaces_of_the_same_length():
    from newsbrief.text import ZERO_WIDTH, unseen, visible

    text = "a\x00b\u202ec\u2066d\u200be\x7ff\n\tg"
    assert unseen(text) == ["\x00", "\u202e", "\u2066", "\x7f"]
    assert visible(text) == "a b c d\u200be f\n\tg" and len(visible(text)) == len(text)
    assert ZERO_WIDTH.findall("3\u200b,000\ufeff") == ["\u200b", "\ufeff"]


@pytest.mark.parametrize("written, expected", [("1999-12-31T23:59:59Z", date(1999, 12, 31)),
                                               ("2024-10-26T08:00:00+02:00", date(2024, 10, 26)),
                                               ("Updated 2024-10-26T08:00", date(2024, 10, 26)),
                                               ("2024-10-26Tuesday", None)])
def test_iso_8601_dates_with_a_time_are_read(written, expected):
    assert find_date(written) == expected
