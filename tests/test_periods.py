"""When a figure holds: time words read from the article's date, and no guess without one."""

from datetime import date

import pytest

from newsbrief.periods import Period, overlap, reference_period


@pytest.mark.parametrize("words, published, start, end, basis", [
    ("this past week", "2024-10-26", date(2024, 10, 19), date(2024, 10, 26), "relative to article date"),
    ("earlier in the year", "2025-07-01", date(2025, 1, 1), date(2025, 7, 1), "relative to article date"),
    ("last month", "2024-01-15", date(2023, 12, 1), date(2023, 12, 31), "relative to article date"),
    ("last year", "2024-06-01", date(2023, 1, 1), date(2023, 12, 31), "relative to article date"),
    ("as soon as next week", "2024-10-26", date(2024, 10, 27), date(2024, 11, 9), "relative to article date"),
    ("as early as July or August", "2025-06-10", date(2025, 7, 1), date(2025, 8, 31), "relative to article date"),
    ("in March 2024", "2024-10-26", date(2024, 3, 1), date(2024, 3, 31), "stated date"),
    ("in 2023", "", date(2023, 1, 1), date(2023, 12, 31), "stated date"),
    ("since 1995", "2024-01-01", date(1995, 1, 1), date(2024, 1, 1), "stated date"),
    ("", "2024-10-26", date(2024, 10, 26), date(2024, 10, 26), "article date"),
])
def test_time_words_give_a_period_on_a_stated_basis(words, published, start, end, basis):
    period = reference_period(words, published)
    assert (period.start, period.end, period.basis) == (start, end, basis)
    assert words in period.label


def test_relative_words_without_an_article_date_are_unknown_and_say_so():
    period = reference_period("earlier in the year", "")
    assert (period.start, period.end, period.basis) == (None, None, "relative, article date unknown")
    assert period.label == "earlier in the year (article date unknown)"
    assert reference_period("", "") == Period(None, None, "undated", "undated")


def test_periods_overlap_only_when_both_are_known():
    week = reference_period("this past week", "2024-10-26")
    assert overlap(week, reference_period("", "2024-10-20")) is True
    assert overlap(week, reference_period("", "2024-11-30")) is False
    assert overlap(week, reference_period("", "")) is None
