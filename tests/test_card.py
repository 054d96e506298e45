"""The author and the site as the head of a page states them, with their offsets; never guessed."""

from newsbrief.card import byline, site


def head(*lines: str) -> list[tuple[int, str]]:
    """Lines as paragraphs of a file, each followed by a blank line, with their offsets."""
    out, at = [], 0
    for line in lines:
        out.append((at, line))
        at += len(line) + 2
    return out


def text_of(lines: list[tuple[int, str]]) -> str:
    return "\n\n".join(t for _, t in lines)


def test_a_byline_on_one_line_or_after_a_lone_by_names_the_author_with_offsets():
    for lines, name in [(head("Troops arrive", "By", "Thomas Schmidt", "4 min read"), "Thomas Schmidt"),
                        (head("Troops arrive", "by Jhon Lennon 53 views"), "Jhon Lennon"),
                        (head("Title", "Written by Maria de la Cruz"), "Maria de la Cruz"),
                        (head("Title", "Author: Kim Jong-suk."), "Kim Jong-suk")]:
        found = byline(lines)
        assert found is not None and found.text == name
        assert text_of(lines)[found.char_start:found.char_end] == name


def test_no_byline_is_invented():
    assert byline(head("Title", "By Monday the troops had moved across the river towards the border town")) is None
    assert byline(head("Title", "by the time they arrived")) is None
    assert byline(head("Title", "Today : Oct 26, 2024", "World News")) is None
    assert byline(head("Title", "By")) is None  # nothing follows


def test_a_site_line_or_a_headline_suffix_names_the_site():
    lines = head("Storm hits coast", "KumDi.com")
    found = site(lines, lines[0])
    assert (found.text, text_of(lines)[found.char_start:found.char_end]) == ("KumDi.com", "KumDi.com")
    lines = head("North Korean troops in Russia: how significant is it? – RTÉ News")
    found = site(lines, lines[0])
    assert (found.text, text_of(lines)[found.char_start:found.char_end]) == ("RTÉ News", "RTÉ News")
    lines = head("Markets fall | The Wall Street Journal")
    assert site(lines, lines[0]).text == "The Wall Street Journal"


def test_no_site_is_invented():
    lines = head("Fire threatens town – residents flee", "World News")
    assert site(lines, lines[0]) is None  # a lower-case suffix is the headline's own words
    lines = head("North Korean Troops In Russia: What You Need To Know")
    assert site(lines, lines[0]) is None


def test_a_ten_thousand_word_byline_costs_nothing_and_names_no_one():
    long = "By " + " ".join(["Name"] * 10_000)
    assert byline(head("Title", long)) is None
    assert site(head(long), (0, long)) is None
