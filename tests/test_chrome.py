"""Page-chrome rules: each reason on a line written for it, and prose left alone."""

import pytest

from newsbrief.chrome import chrome_reasons


@pytest.mark.parametrize("line, reason", [
    ("Home » Business » Troops in Russia", "breadcrumb"),
    ("4 min read", "reading time"),
    ("by Jhon Lennon 53 views", "view count"),
    ("By Thomas Schmidt", "byline"),
    ("Today : Oct 26, 2024", "dateline"),
    ("26 October 2024", "dateline"),
    ("World News", "section label"),
    ("KumDi.com", "site name"),
    ("Table of Contents", "table of contents"),
    ("Subscribe to our Newsletter", "newsletter prompt"),
    ("Leave a Comment", "comments prompt"),
    ("This site uses Akismet to reduce spam. Learn how your comment data is processed.", "comments prompt"),
    ("The cover photo is computer generated art for illustrative purposes only; not indicative of factual content.",
     "disclaimer"),
    ("For further reading, visit our related articles on North Korea.", "related links"),
    ("Share this article", "share prompt"),
])
def test_each_rule(line, reason):
    assert chrome_reasons(["An article title", line]) == ["", reason]


def test_prose_that_mentions_chrome_words_is_kept():
    prose = ("Analysts who subscribe to this view say the deployment, which drew 53 views in a poll, "
             "is a major escalation that the newsletter of the ministry described at length on Monday.")
    assert chrome_reasons([prose]) == [""]


def test_related_links_block_runs_until_long_prose():
    paragraphs = ["Title", "Body text.", "You May Also Like", "Another headline", "Teaser text goes on…",
                  "26 October 2024", " ".join(["word"] * 60) + "."]
    assert chrome_reasons(paragraphs) == ["", "", "related links", "related links", "related links",
                                          "dateline", ""]


def test_author_name_after_a_lone_by():
    assert chrome_reasons(["Title", "By", "Thomas Schmidt", "Body."]) == ["", "byline", "byline", ""]
