"""Tests for newsbrief.claims: numeric figures as intervals with qualifiers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsbrief.claims import (
    APPROXIMATE_BAND,
    CLAIM_COLUMNS,
    Claim,
    attribution,
    claims_table,
    extract_claims,
    hedges,
)

SEEDS = Path(__file__).parent.parent / "seeds"


def check_invariants(text: str, claims: list[Claim]) -> None:
    """Offsets slice back to the surface, intervals are ordered, spans are sorted."""
    for c in claims:
        assert text[c.char_start:c.char_end] == c.surface
        assert c.surface
        if c.value_low is not None and c.value_high is not None:
            assert c.value_low <= c.value_high
    starts = [c.char_start for c in claims]
    assert starts == sorted(starts)
    for a, b in zip(claims, claims[1:]):
        assert a.char_end <= b.char_start


def only(text: str) -> Claim:
    """The single claim in ``text``."""
    claims = extract_claims(text)
    check_invariants(text, claims)
    assert len(claims) == 1, claims
    return claims[0]


def interval(c: Claim) -> tuple[float | None, float | None, str]:
    return c.value_low, c.value_high, c.qualifier


# --------------------------------------------------------------------------- #
# Qualifiers
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("Officials say over 3,000 troops arrived.", "over 3,000", (3000, None, "over")),
        ("Officials say more than 3,000 troops arrived.", "more than 3,000", (3000, None, "over")),
        ("Officials say above 3,000 troops arrived.", "above 3,000", (3000, None, "over")),
        ("It cost in excess of 3,000 lives.", "in excess of 3,000", (3000, None, "over")),
    ],
)
def test_qualifier_over(text: str, surface: str, expected: tuple) -> None:
    c = only(text)
    assert c.surface == surface
    assert interval(c) == expected


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("At least 40 people died.", "At least 40"),
        ("No fewer than 40 people died.", "No fewer than 40"),
    ],
)
def test_qualifier_at_least(text: str, surface: str) -> None:
    c = only(text)
    assert c.surface == surface
    assert interval(c) == (40, None, "at_least")
    assert c.counted == "people"


@pytest.mark.parametrize("word", ["nearly", "almost", "close to", "just under"])
def test_qualifier_nearly(word: str) -> None:
    text = f"The army lost {word} 8,000 soldiers."
    c = only(text)
    assert c.surface == f"{word} 8,000"
    assert interval(c) == (7200, 8000, "nearly")  # just under: the band below, up to the figure
    assert c.counted == "soldiers"


@pytest.mark.parametrize(
    "word", ["approximately", "about", "around", "roughly", "some", "an estimated", "approx."]
)
def test_qualifier_approximately(word: str) -> None:
    text = f"They sent {word} 12,000 troops."
    c = only(text)
    assert c.surface == f"{word} 12,000"
    assert interval(c) == (10800, 13200, "approximately")  # the band on both sides
    assert c.counted == "troops"


def test_the_band_is_one_constant() -> None:
    assert APPROXIMATE_BAND == 0.1
    from newsbrief import comparison

    assert comparison.APPROXIMATE is APPROXIMATE_BAND


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turnout was about 40% in the north.", (36, 44, "approximately")),
        ("The war has lasted nearly three years.", (2.7, 3, "nearly")),
        ("It cost roughly $2bn to build.", (1.8e9, 2.2e9, "approximately")),
        ("It began around 2020 in the north.", (2020, 2020, "approximately")),  # a date takes no band
        ("Over 3,000 troops arrived.", (3000, None, "over")),  # open sides stay open
        ("Totals could reach as high as 12,000 by spring.", (None, 12000, "as_high_as")),
        ("Readings fell to nearly -30 overnight.", (-30, -27, "nearly")),
        ("Nearly thousands of troops moved.", (1000, None, "nearly")),  # vague: no band
    ],
)
def test_bands_by_kind(text: str, expected: tuple) -> None:
    c = only(text)
    low, high, qualifier = expected
    assert (c.value_low, c.value_high, c.qualifier) == (
        pytest.approx(low) if low is not None else None,
        pytest.approx(high) if high is not None else None, qualifier)


@pytest.mark.parametrize("word", ["as high as", "as many as"])
def test_qualifier_as_high_as(word: str) -> None:
    c = only(f"Totals could reach {word} 12,000 by spring.")
    assert c.surface == f"{word} 12,000"
    assert interval(c) == (None, 12000, "as_high_as")


@pytest.mark.parametrize("word", ["as few as", "as low as"])
def test_qualifier_as_low_as(word: str) -> None:
    c = only(f"Estimates go {word} 200 fighters.")
    assert c.surface == f"{word} 200"
    assert interval(c) == (200, None, "as_low_as")
    assert c.counted == "fighters"


def test_qualifier_up_to() -> None:
    c = only("The plant employs up to 5,000 workers.")
    assert c.surface == "up to 5,000"
    assert interval(c) == (None, 5000, "up_to")
    assert c.counted == "workers"


@pytest.mark.parametrize("word", ["fewer than", "less than", "under", "below"])
def test_qualifier_under(word: str) -> None:
    c = only(f"Turnout was {word} 50 percent this year.")
    assert c.surface == f"{word} 50 percent"
    assert interval(c) == (None, 50, "under")
    assert (c.kind, c.unit) == ("percent", "%")


@pytest.mark.parametrize("word", ["exactly", "precisely"])
def test_qualifier_exactly(word: str) -> None:
    c = only(f"The ship carried {word} 312 passengers.")
    assert interval(c) == (312, 312, "exactly")
    assert c.counted == "passengers"


def test_no_qualifier_is_empty_string_point() -> None:
    c = only("The convoy had 45 trucks.")
    assert c.surface == "45"
    assert interval(c) == (45, 45, "")
    assert (c.kind, c.unit, c.vague, c.counted) == ("count", "", False, "trucks")


def test_strong_suffix() -> None:
    c = only("Moscow massed a 10,000-strong force.")
    assert (c.surface, c.value_low, c.kind, c.counted) == (
        "10,000-strong", 10000, "count", "force")


def test_postfix_qualifiers() -> None:
    text = "Officials counted 10 or more tanks and 3,000+ drones."
    claims = extract_claims(text)
    check_invariants(text, claims)
    assert [(c.surface, *interval(c)) for c in claims] == [
        ("10 or more", 10, None, "at_least"),
        ("3,000+", 3000, None, "at_least"),
    ]


# --------------------------------------------------------------------------- #
# Ranges
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Pyongyang may send 25,000 to 30,000 soldiers.", "25,000 to 30,000"),
        ("Pyongyang may send between 25,000 to 30,000 soldiers.", "between 25,000 to 30,000"),
        ("Pyongyang may send between 25,000 and 30,000 soldiers.", "between 25,000 and 30,000"),
        ("Pyongyang may send 25,000–30,000 soldiers.", "25,000–30,000"),
        ("Pyongyang may send 25,000-30,000 soldiers.", "25,000-30,000"),
        ("Pyongyang may send from 25,000 to 30,000 soldiers.", "from 25,000 to 30,000"),
        ("Pyongyang may send some 25,000 to 30,000 soldiers.", "some 25,000 to 30,000"),
    ],
)
def test_range_forms(text: str, surface: str) -> None:
    c = only(text)
    assert c.surface == surface
    assert interval(c) == (25000, 30000, "between")
    assert (c.kind, c.counted) == ("count", "soldiers")


def test_range_scale_applies_to_both_ends() -> None:
    c = only("Between 2 and 3 million people fled.")
    assert interval(c) == (2e6, 3e6, "between")
    c = only("The loss was $2-3bn last year.")
    assert (c.surface, c.value_low, c.value_high, c.kind, c.unit) == (
        "$2-3bn", 2e9, 3e9, "money", "USD")


def test_range_unit_applies_to_both_ends() -> None:
    c = only("Prices rose 10–20% in a week.")
    assert (c.surface, c.value_low, c.value_high, c.kind, c.unit) == (
        "10–20%", 10, 20, "percent", "%")
    c = only("The talks lasted two or three days.")
    assert (c.surface, c.value_low, c.value_high, c.kind, c.unit) == (
        "two or three days", 2, 3, "duration", "day")


def test_range_with_scale_on_both_ends() -> None:
    c = only("It displaced about 2m-3m people.")
    assert (c.surface, c.value_low, c.value_high, c.qualifier, c.counted) == (
        "about 2m-3m", 2e6, 3e6, "between", "people")


def test_fiscal_year_range() -> None:
    c = only("The 2022-23 budget passed.")
    assert (c.surface, c.kind, c.value_low, c.value_high) == ("2022-23", "date", 2022, 2023)


def test_descending_pair_is_not_a_range() -> None:
    text = "The vote was 3 to 1 in favour."
    claims = extract_claims(text)
    check_invariants(text, claims)
    assert [(c.surface, c.qualifier) for c in claims] == [("3", ""), ("1", "")]


def test_plain_and_is_not_a_range() -> None:
    text = "They lost 30 tanks and 12 jets."
    claims = extract_claims(text)
    assert [(c.surface, c.counted) for c in claims] == [("30", "tanks"), ("12", "jets")]


# --------------------------------------------------------------------------- #
# Scales, money, percent
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("text", "surface", "value", "kind", "unit"),
    [
        ("Just 1.5 of them.", "1.5", 1.5, "count", ""),
        ("A loss of 1.5bn was booked.", "1.5bn", 1.5e9, "count", ""),
        ("Then 2 million people fled.", "2 million", 2e6, "count", ""),
        ("They bought 3k drones.", "3k", 3e3, "count", ""),
        ("It cost 2.3 billion to build.", "2.3 billion", 2.3e9, "count", ""),
        ("The deal was worth £600m to the firm.", "£600m", 6e8, "money", "GBP"),
        ("The deal was worth $11.1bn to the firm.", "$11.1bn", 11.1e9, "money", "USD"),
        ("The deal was worth €2.3 billion in total.", "€2.3 billion", 2.3e9, "money", "EUR"),
        ("The deal was worth 5 million dollars.", "5 million dollars", 5e6, "money", "USD"),
        ("The deal was worth 40 euros apiece.", "40 euros", 40, "money", "EUR"),
        ("The deal was worth 10 pounds apiece.", "10 pounds", 10, "money", "GBP"),
        ("Support reached 76% last week.", "76%", 76, "percent", "%"),
        ("Support reached 76 percent last week.", "76 percent", 76, "percent", "%"),
        ("Support reached 76 per cent last week.", "76 per cent", 76, "percent", "%"),
        ("Support slipped 3 percentage points.", "3 percentage points", 3, "percent", "pp"),
    ],
)
def test_scales_money_percent(text: str, surface: str, value: float, kind: str,
                              unit: str) -> None:
    c = only(text)
    assert c.surface == surface
    assert c.value_low == pytest.approx(value)
    assert c.value_high == pytest.approx(value)
    assert (c.kind, c.unit) == (kind, unit)


@pytest.mark.parametrize(
    ("text", "surface", "qualifier"),
    [
        ("Exports were up 76% on the year.", "up 76%", "change_up"),
        ("Exports rose 76% on the year.", "rose 76%", "change_up"),
        ("Exports rose by 76% on the year.", "rose by 76%", "change_up"),
        ("Exports were down 5% on the year.", "down 5%", "change_down"),
        ("Exports fell 5 per cent on the year.", "fell 5 per cent", "change_down"),
    ],
)
def test_percent_changes(text: str, surface: str, qualifier: str) -> None:
    c = only(text)
    assert (c.surface, c.qualifier, c.kind) == (surface, qualifier, "percent")
    assert c.value_low == c.value_high


def test_up_to_percent_is_not_a_change() -> None:
    c = only("Prices could go up to 76% higher.")
    assert interval(c) == (None, 76, "up_to")


@pytest.mark.parametrize(
    ("word", "factor"),
    [("doubled", 2), ("tripled", 3), ("tripling", 3), ("quadrupled", 4), ("threefold", 3)],
)
def test_multipliers(word: str, factor: int) -> None:
    c = only(f"Output has {word} since spring.")
    assert (c.surface, c.kind, c.unit, c.qualifier) == (word, "other", "x", "multiplier")
    assert (c.value_low, c.value_high) == (factor, factor)


def test_double_standard_is_not_a_multiplier() -> None:
    assert extract_claims("Critics call it a double standard and a Double-Standard.") == []


# --------------------------------------------------------------------------- #
# Number words and vague quantities
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("text", "surface", "value", "counted"),
    [
        ("Seven soldiers were hurt.", "Seven", 7, "soldiers hurt"),
        ("Two ships sank.", "Two", 2, "ships"),
        ("They seized nineteen villages.", "nineteen", 19, "villages"),
        ("They seized twenty-five thousand rifles.", "twenty-five thousand", 25000, "rifles"),
        ("They seized two million rounds.", "two million", 2e6, "rounds"),
        ("They seized one hundred and fifty tanks.", "one hundred and fifty", 150, "tanks"),
        ("They seized a dozen boats.", "a dozen", 12, "boats"),
        ("They seized a thousand guns.", "a thousand", 1000, "guns"),
    ],
)
def test_number_words(text: str, surface: str, value: float, counted: str) -> None:
    c = only(text)
    assert (c.surface, c.value_low, c.value_high, c.kind, c.counted) == (
        surface, value, value, "count", counted)
    assert c.vague is False


@pytest.mark.parametrize(
    ("text", "surface", "low"),
    [
        ("Thousands of troops moved.", "Thousands", 1e3),
        ("Hundreds of troops moved.", "Hundreds", 1e2),
        ("Dozens of troops moved.", "Dozens", 12),
        ("Millions of troops moved.", "Millions", 1e6),
        ("Tens of thousands of troops moved.", "Tens of thousands", 1e4),
        ("Several thousand troops moved.", "Several thousand", 1e3),
    ],
)
def test_vague_quantities(text: str, surface: str, low: float) -> None:
    c = only(text)
    assert (c.surface, c.value_low, c.value_high, c.vague) == (surface, low, None, True)
    assert (c.kind, c.counted) == ("count", "troops")


@pytest.mark.parametrize(
    "text",
    [
        "One thing is clear: the war goes on.",
        "No one expected this.",
        "It is one of the largest deployments.",
        "They met one day in spring.",
        "A soldier and a tank.",
        "The million-dollar question remains.",
        "It was the first deployment, and the second.",
    ],
)
def test_idioms_are_not_claims(text: str) -> None:
    assert extract_claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The F-16 and Su-35 jets flew.",
        "After COVID-19 the G7 met about 5G.",
        "Kim Jong Un met U.S. envoys after the Vietnam War.",
        "At 4 pm on 26/10/2024 they met at 10:30.",
        "NATO invoked Article 5 and Resolution 2231.",
        "They backed a two-state solution.",
        "Agent 007 filed form 000.",
    ],
)
def test_identifiers_and_glued_numbers_are_not_claims(text: str) -> None:
    assert extract_claims(text) == []


# --------------------------------------------------------------------------- #
# Dates, durations, ordinals
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("Elections are due in 2024.", "2024", 2024, 2024),
        ("Today : Oct 26, 2024", "Oct 26, 2024", 2024, 2024),
        ("Published 26 October 2024 in Seoul.", "26 October 2024", 2024, 2024),
        ("Published October 2024 in Seoul.", "October 2024", 2024, 2024),
        ("Published on 26 October in Seoul.", "26 October", None, None),
        ("It began in the 1990s.", "1990s", 1990, 1999),
        ("It ran from 2020 to 2024.", "from 2020 to 2024", 2020, 2024),
        ("In 1945, the war ended.", "1945", 1945, 1945),
        ("Troops left in mid-2025.", "2025", 2025, 2025),
    ],
)
def test_dates(text: str, surface: str, low: float | None, high: float | None) -> None:
    c = only(text)
    assert (c.surface, c.kind, c.value_low, c.value_high, c.counted) == (
        surface, "date", low, high, "")


def test_year_is_a_date_not_a_count() -> None:
    text = "In 2023 the army had 2,023 tanks."
    claims = extract_claims(text)
    check_invariants(text, claims)
    assert [(c.surface, c.kind) for c in claims] == [("2023", "date"), ("2,023", "count")]


@pytest.mark.parametrize(
    ("text", "surface", "low", "unit", "vague"),
    [
        ("The war has lasted three years.", "three years", 3, "year", False),
        ("Talks lasted 48 hours.", "48 hours", 48, "hour", False),
        ("They agreed a 48-hour ceasefire.", "48-hour", 48, "hour", False),
        ("They waited a few months.", "a few months", None, "month", True),
    ],
)
def test_durations(text: str, surface: str, low: float | None, unit: str, vague: bool) -> None:
    c = only(text)
    assert (c.surface, c.kind, c.value_low, c.unit, c.vague) == (
        surface, "duration", low, unit, vague)


def test_digit_ordinals_only() -> None:
    text = "The 20th brigade was the first to reach the 1st line."
    claims = extract_claims(text)
    check_invariants(text, claims)
    assert [(c.surface, c.kind, c.value_low, c.counted) for c in claims] == [
        ("20th", "ordinal", 20, "brigade"),
        ("1st", "ordinal", 1, "line"),
    ]


# --------------------------------------------------------------------------- #
# Counted noun phrase, several figures, offsets
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("Over 3,000 North Korean troops have arrived.", "North Korean troops"),
        ("At least 3,000 North Korean soldiers have been sent.", "North Korean soldiers"),
        ("Around 4,000 North Korean soldiers were either killed or injured.",
         "North Korean soldiers killed or injured"),
        ("It may send 25,000 to 30,000 additional soldiers, analysts say.",
         "additional soldiers"),
        ("It sent approximately 12,000 troops to assist Russia.", "troops"),
        ("Reports say 76% of the voters agreed.", "voters"),
        ("Totals could reach 12,000. These troops are elite.", ""),
    ],
)
def test_counted(text: str, counted: str) -> None:
    assert only(text).counted == counted


def test_two_figures_rows_order_and_offsets() -> None:
    text = "At least 3,000 soldiers arrived, and as high as 12,000 may follow."
    claims = extract_claims(text)
    check_invariants(text, claims)
    assert len(claims) == 2
    first, second = claims
    assert (first.surface, first.char_start, first.char_end) == ("At least 3,000", 0, 14)
    assert interval(first) == (3000, None, "at_least")
    assert first.counted == "soldiers"
    start = text.index("as high as")
    assert (second.surface, second.char_start, second.char_end) == (
        "as high as 12,000", start, start + len("as high as 12,000"))
    assert interval(second) == (None, 12000, "as_high_as")


def test_extract_claims_rejects_non_string() -> None:
    with pytest.raises(TypeError):
        extract_claims(None)  # type: ignore[arg-type]


def test_claim_is_frozen() -> None:
    c = only("They sent 5 boats.")
    with pytest.raises(AttributeError):
        c.value_low = 6.0  # type: ignore[misc]


# --------------------------------------------------------------------------- #
# claims_table
# --------------------------------------------------------------------------- #


def test_claims_table_absolute_offsets() -> None:
    sentence = "Officials said nearly 8,000 North Korean troops and 3 tanks were there."
    article = "x" * 100 + sentence + " Tail sentence with 2 ships."
    tail = article.index("Tail")
    sentences = pd.DataFrame({
        "doc_id": ["b", "a"],
        "sent_id": [1, 0],
        "char_start": [tail, 100],
        "char_end": [len(article), 100 + len(sentence)],
        "text": [article[tail:], sentence],
    })
    table = claims_table(sentences)
    assert list(table.columns) == CLAIM_COLUMNS
    assert list(table["doc_id"]) == ["a", "a", "b"]
    for row in table.itertuples(index=False):
        assert article[row.char_start:row.char_end] == row.surface
    first = table.iloc[0]
    assert (first["surface"], first["char_start"], first["qualifier"]) == (
        "nearly 8,000", 100 + sentence.index("nearly"), "nearly")
    assert (first["value_low"], first["value_high"]) == (7200, 8000)
    assert first["counted"] == "North Korean troops"
    assert first["sentence"] == sentence
    assert list(table["surface"]) == ["nearly 8,000", "3", "2"]


def test_claims_table_empty_input() -> None:
    empty = pd.DataFrame(columns=["doc_id", "sent_id", "char_start", "char_end", "text"])
    table = claims_table(empty)
    assert list(table.columns) == CLAIM_COLUMNS
    assert len(table) == 0


def test_claims_table_no_figures() -> None:
    sentences = pd.DataFrame({"doc_id": ["a"], "sent_id": [0], "char_start": [0],
                              "char_end": [9], "text": ["No digits"]})
    table = claims_table(sentences)
    assert list(table.columns) == CLAIM_COLUMNS
    assert table.empty


def test_claims_table_missing_column() -> None:
    with pytest.raises(ValueError):
        claims_table(pd.DataFrame({"doc_id": [], "text": []}))


# --------------------------------------------------------------------------- #
# Real seeds
# --------------------------------------------------------------------------- #


def _seed_claims() -> dict[str, list[tuple[str, Claim]]]:
    """Claims per seed file prefix ("000".."004"), each with its line."""
    found: dict[str, list[tuple[str, Claim]]] = {}
    for path in sorted(SEEDS.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for line in lines:
            claims = extract_claims(line)
            check_invariants(line, claims)
            found.setdefault(path.name[:3], []).extend((line, c) for c in claims)
    return found


EXPECTED_SEED_FIGURES = [
    ("000", "over 3,000", 3000, None, "over", "North Korean troops"),
    ("001", "at least 3,000", 3000, None, "at_least", "North Korean soldiers"),
    ("001", "as high as 12,000", None, 12000, "as_high_as", ""),
    ("002", "nearly 8,000", 7200, 8000, "nearly", "North Korean troops"),
    ("003", "between 25,000 to 30,000", 25000, 30000, "between", "additional soldiers"),
    ("003", "approximately 12,000", 10800, 13200, "approximately", "troops"),
    ("003", "around 4,000", 3600, 4400, "approximately",
     "North Korean soldiers killed or injured"),
    ("003", "tripling", 3, 3, "multiplier", ""),
]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds/ folder not present")
def test_seed_figures() -> None:
    found = _seed_claims()
    for doc, surface, low, high, qualifier, counted in EXPECTED_SEED_FIGURES:
        matches = [c for _, c in found.get(doc, []) if c.surface == surface]
        assert matches, f"{doc}: {surface!r} not found"
        c = matches[0]
        assert (c.value_low, c.value_high, c.qualifier, c.counted) == (
            low, high, qualifier, counted), c

    expected = {(doc, surface) for doc, surface, *_ in EXPECTED_SEED_FIGURES}
    for doc, items in sorted(found.items()):
        for _, c in items:
            if (doc, c.surface) not in expected:
                print(f"{doc} other: {c.surface!r} {c.qualifier!r} {c.value_low} "
                      f"{c.value_high} {c.kind} {c.counted!r}")

    everything = [(doc, c) for doc, items in found.items() for _, c in items]
    surfaces = {c.surface for _, c in everything}
    for nonsense in ("Kim", "Un", "U.S.", "Vietnam", "War", "First", "first", "Double"):
        assert not any(nonsense in s for s in surfaces), nonsense
    # Years are dates, never counts.
    assert all(c.kind == "date" for _, c in everything if c.surface in {"2024"})
    assert not any(c.kind == "count" and c.value_low == 2024 for _, c in everything)


# --------------------------------------------------------------------------- #
# Property test
# --------------------------------------------------------------------------- #

_FRAGMENTS = st.sampled_from([
    " ", ", ", ".", "-", "–", "$", "£", "€", "%", "3,000", "1.5", "2024", "12", "bn", "m",
    "k", " to ", " and ", " or ", "between ", "over ", "nearly ", "up ", "up to ",
    "thousands", "one", "twenty-five", " thousand", "a dozen", " percent", " per cent",
    "Oct", "26", "October", "th", "s", " years", "-hour", "doubled", " troops", "of ",
    "about ", "+", " or more", "\n", "’", "'", "F-", "pm",
])


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.one_of(st.text(max_size=80), st.lists(_FRAGMENTS, max_size=25).map("".join)))
def test_property_never_raises_and_offsets_hold(text: str) -> None:
    claims = extract_claims(text)
    check_invariants(text, claims)
    for c in claims:
        assert c.kind in {"count", "money", "percent", "date", "duration", "ordinal", "other"}
        assert c.attribution and (c.attribution == "unattributed") == (c.attribution_cue == "")
        assert c.hedges == c.hedges.strip().casefold()
    source, cue = attribution(text)
    assert source and (source == "unattributed") == (cue == "")
    found = hedges(text)
    assert len(set(found.split(";"))) == len(found.split(";"))


def test_a_small_number_after_a_determiner_is_a_reference_not_a_claim():
    assert extract_claims("Both sides said the two nations would talk.") == []
    assert [c.surface for c in extract_claims("These three men and two women were held.")] == ["two"]
    assert [c.surface for c in extract_claims("The 2 nations sent 300 troops.")] == ["2", "300"]


# --------------------------------------------------------------------------- #
# Attribution and hedges
# --------------------------------------------------------------------------- #


def test_claim_columns_order() -> None:
    assert CLAIM_COLUMNS == [
        "doc_id", "sent_id", "char_start", "char_end", "surface", "value_low", "value_high",
        "qualifier", "vague", "kind", "unit", "counted", "scope", "time_words", "attribution",
        "attribution_cue", "hedges", "forecast", "sentence",
    ]
    assert list(Claim.__dataclass_fields__)[-7:] == [
        "counted", "scope", "time_words", "attribution", "attribution_cue", "hedges", "forecast"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("According to US intelligence, 12,000 troops were sent.", "US intelligence"),
        ("According to the South Korean military, 3,000 soldiers arrived.",
         "South Korean military"),
        ("Pyongyang sent 3,000 troops, according to a senior U.S. official who spoke "
         "on condition of anonymity.", "senior U.S. official"),
        ("Some 3,000 troops arrived, according to officials in Kyiv and Seoul.",
         "officials in Kyiv and Seoul"),
    ],
)
def test_attribution_according_to(text: str, source: str) -> None:
    assert attribution(text) == (source, "according to")


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        ("US intelligence estimated that 12,000 troops were sent.", "US intelligence",
         "estimated"),
        ("Ukrainian President Volodymyr Zelenskyy said 10,000 soldiers were at the border.",
         "Ukrainian President Volodymyr Zelenskyy", "said"),
        ("The ministry said 300 drones were shot down.", "ministry", "said"),
        ("Officials on Monday said 40 people died.", "officials", "said"),
        ("South Korea's National Intelligence Service has confirmed that 1,500 special "
         "forces were sent.", "South Korea's National Intelligence Service", "confirmed"),
        ("The US and South Korea said 3,000 troops had arrived.", "US and South Korea",
         "said"),
        ("Kirby told reporters that 3,000 troops had arrived.", "Kirby", "told"),
        ("Western analysts warn that 3,000 more could follow.", "Western analysts", "warn"),
        ("Analysts say the troops number 3,000.", "analysts", "say"),
        ("Gen. Kyrylo Budanov said 3,000 troops arrived.", "Gen. Kyrylo Budanov", "said"),
        ("The figures reported by Yonhap show 40 dead.", "Yonhap", "reported by"),
    ],
)
def test_attribution_source_said(text: str, source: str, cue: str) -> None:
    assert attribution(text) == (source, cue)


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("About 300 drones were shot down overnight, said the ministry.", "ministry"),
        ('"We counted 300 drones," said Ukraine\'s air force.', "Ukraine\'s air force"),
        ("Troops crossed, said Dr. Mark Reinhold, a military strategist.",
         "Dr. Mark Reinhold"),
    ],
)
def test_attribution_said_inversion(text: str, source: str) -> None:
    assert attribution(text) == (source, "said")


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        ("Recent reports indicate that nearly 8,000 troops are ready.", "reports",
         "reports indicate"),
        ("Reports indicate that around 4,000 soldiers were hurt.", "reports",
         "reports indicate"),
        ("Recent intelligence reports indicate that 30,000 soldiers may go.",
         "intelligence reports", "reports indicate"),
        ("Media reports suggest 5,000 more could follow.", "media reports",
         "reports suggest"),
        ("Pentagon estimates show 3,000 troops arrived.", "Pentagon estimates", "show"),
        ("The data show 3,000 troops.", "data", "show"),
    ],
)
def test_attribution_reports_indicate(text: str, source: str, cue: str) -> None:
    assert attribution(text) == (source, cue)


def test_attribution_reports_from() -> None:
    text = ("Confirmations surfaced, aligning with intelligence reports from the United "
            "States and South Korea, indicating at least 3,000 soldiers.")
    assert attribution(text) == (
        "intelligence reports from the United States and South Korea", "reports from")


@pytest.mark.parametrize(
    "text",
    [
        "He said 40 people died.",
        "The troops said 40 people died.",
        "The reported 3,000 troops arrived in Russia.",
        "An estimated 12,000 troops were sent.",
        "Russia's claims of 40 dead were dismissed.",
        "Trump Escalates Election Fraud Claims Ahead Of 2024",
        "Budanov, head of military intelligence, said 3,000 troops arrived.",
        "It said 3,000.",
        "according to",
        "",
    ],
)
def test_attribution_unattributed(text: str) -> None:
    assert attribution(text) == ("unattributed", "")


def test_attribution_earliest_cue_wins() -> None:
    text = "According to Seoul, officials said 3,000 troops arrived, said the ministry."
    assert attribution(text) == ("Seoul", "according to")


@pytest.mark.parametrize(
    "text",
    [
        "Around 3,000 troops arrived at approximately noon.",
        "The ministry said 300 drones were shot down.",
        "In May 2024 the army had 2,023 tanks.",
        "",
    ],
)
def test_hedges_none(text: str) -> None:
    assert hedges(text) == ""


def test_hedges_several_in_order_deduplicated() -> None:
    text = ("Troops reportedly could possibly arrive, officials said, and could be likely "
            "poised; REPORTEDLY they might.")
    assert hedges(text) == "reportedly;could;possibly;likely;might"  # "poised" is a forecast cue


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("An estimated 12,000 troops, it is believed, are expected to go.",
         "estimated;believed"),  # "expected to" is a forecast cue
        ("Rumours of 3,000 casualties remain unconfirmed, and speculation appears rife.",
         "rumors;unconfirmed;speculation;appears"),
        ("Estimates suggest 300 were allegedly killed and potentially more.",
         "estimated;suggest;allegedly;potentially"),
        ("May troops arrive? In May they may.", "may"),
    ],
)
def test_hedges_normalized(text: str, expected: str) -> None:
    assert hedges(text) == expected


def test_claims_of_a_clause_share_attribution_and_hedges() -> None:
    # one clause (a bare "and" does not split): both figures share its source and hedges
    text = ("Officials said 3,000 troops may arrive and 12,000 could follow. "
            "Over 40 tanks reportedly crossed. Gen. Smith said 5 jets left.")
    claims = extract_claims(text)
    check_invariants(text, claims)
    assert [(c.surface, c.attribution, c.attribution_cue, c.hedges) for c in claims] == [
        ("3,000", "officials", "said", "may;could"),
        ("12,000", "officials", "said", "may;could"),
        ("Over 40", "reports", "reportedly", "reportedly"),  # "reportedly": unnamed reports
        ("5", "Gen. Smith", "said", ""),
    ]


def test_claims_table_attribution_columns() -> None:
    sentences = pd.DataFrame({
        "doc_id": ["a", "a"], "sent_id": [0, 1], "char_start": [0, 60],
        "char_end": [59, 100],
        "text": ["According to Kyiv, 3,000 troops possibly crossed and 2 jets left.",
                 "Some 40 tanks moved."],
    })
    table = claims_table(sentences)
    assert list(table.columns) == CLAIM_COLUMNS
    assert list(table["attribution"]) == ["Kyiv", "Kyiv", "unattributed"]
    assert list(table["attribution_cue"]) == ["according to", "according to", ""]
    assert list(table["hedges"]) == ["possibly", "possibly", ""]


EXPECTED_SEED_ATTRIBUTIONS = [
    # doc, surface, attribution, cue (None: any), hedge that must be present ("" none)
    ("000", "over 3,000", "reports", "reportedly", "reportedly"),
    ("001", "at least 3,000",
     "intelligence reports from the United States and South Korea", None, ""),  # "potentially" is the next clause's
    ("001", "as high as 12,000",
     "intelligence reports from the United States and South Korea", None, "potentially"),
    ("002", "nearly 8,000", "reports", "reports indicate", ""),  # "poised to" is a forecast cue
    ("003", "between 25,000 to 30,000", "intelligence reports", "reports indicate", ""),
    ("003", "around 4,000", "reports", "reports indicate", ""),
]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds/ folder not present")
def test_seed_attribution_and_hedges() -> None:
    found = _seed_claims()
    for doc, surface, source, cue, hedge in EXPECTED_SEED_ATTRIBUTIONS:
        matches = [c for _, c in found.get(doc, []) if c.surface == surface]
        assert matches, f"{doc}: {surface!r} not found"
        c = matches[0]
        assert c.attribution == source, c
        if cue is not None:
            assert c.attribution_cue == cue, c
        if hedge:
            assert hedge in c.hedges.split(";"), c
        else:
            assert c.hedges == "", c
    # Around/approximately are qualifiers, not hedges.
    approx = [c for _, c in found["003"] if c.surface == "approximately 12,000"]
    assert approx and approx[0].hedges == ""


EXPECTED_SEED_FRAMES = [
    # doc, surface, scope, time words, forecast: what the figure counts, when, and whether it is a prediction
    ("000", "over 3,000", "arrived in Russia", "", ""),
    ("001", "at least 3,000", "dispatched to training facilities in Russia's Far East", "this past week", ""),
    ("001", "as high as 12,000", "total", "this past week", ""),
    ("002", "nearly 8,000", "poised to enter the war", "", "poised to"),
    ("003", "between 25,000 to 30,000", "poised to dispatch; additional", "", "poised to"),
    ("003", "approximately 12,000", "sent", "Earlier in the year", ""),
    ("003", "around 4,000", "killed or injured; initial deployment", "", ""),
]
EXPECTED_SEED_FORECASTS = [
    # doc, surface, event, attribution, hedges, forecast
    ("000", "as soon as next week", "deployed to the Kursk region", "reports", "speculation", "will;as soon as"),
    ("001", "as soon as this weekend", "join combat operations", "Ukrainian President Volodymyr Zelenskyy",
     "estimated", "expected to;as soon as"),
    ("002", "in the coming days", "enter the fray", "American intelligence", "estimated", "ready to;in the coming"),
    ("003", "within the next few months", "arrive in Russia", "assessments", "suggest;could", "within the next"),
    ("003", "as early as July or August", "troop deployments", "reports", "could", "as early as"),
]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="seeds/ folder not present")
def test_seed_scopes_time_words_and_forecasts() -> None:
    found = {(doc, c.surface): c for doc, claims in _seed_claims().items() for _, c in claims}
    for doc, surface, scope, time_words, forecast in EXPECTED_SEED_FRAMES:
        c = found[(doc, surface)]
        assert (c.scope, c.time_words, c.forecast) == (scope, time_words, forecast), c
    for doc, surface, event, source, hedge, forecast in EXPECTED_SEED_FORECASTS:
        c = found[(doc, surface)]
        assert (c.kind, c.counted, c.time_words, c.attribution, c.hedges, c.forecast) == (
            "forecast", event, surface, source, hedge, forecast), c
    forecasts = {(doc, surface) for doc, surface in found if found[(doc, surface)].kind == "forecast"}
    assert forecasts == {(doc, surface) for doc, surface, *_ in EXPECTED_SEED_FORECASTS}
    assert not any(surface in ("few months", "two") for _, surface in found)  # absorbed; a party noun


# --------------------------------------------------------------------------- #
# Number parser: scales in ranges, signs, suffixes, comparisons, fractions
# --------------------------------------------------------------------------- #


def test_range_scale_does_not_spread_to_a_full_number() -> None:
    c = only("The range is from one thousand to one thousand and five hundred.")
    assert (c.surface, *interval(c)) == (
        "from one thousand to one thousand and five hundred", 1000, 1500, "between")
    c = only("Output went from 1 million to 1,500,000 barrels.")
    assert interval(c) == (1e6, 1.5e6, "between")


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Temperatures fell to -1 overnight.", "-1", -1),
        ("It was minus 5 degrees in Kyiv.", "minus 5", -5),
        ("The index stood at negative ten on Monday.", "negative ten", -10),
        ("Net flows were -$5bn last year.", "-$5bn", -5e9),
        ("The reading was −2.5 at noon.", "−2.5", -2.5),
    ],
)
def test_negative_numbers(text: str, surface: str, value: float) -> None:
    c = only(text)
    assert (c.surface, c.value_low, c.value_high) == (surface, value, value)


def test_negative_percent_change_and_ranges() -> None:
    c = only("GDP saw a fall of -3.5% in the quarter.")
    assert (c.value_low, c.value_high, c.kind, c.qualifier) == (-3.5, -3.5, "percent",
                                                                "change_down")
    c = only("Scores ranged between negative ten and fifteen.")
    assert interval(c) == (-10, 15, "between")


@pytest.mark.parametrize(
    "text", ["Pyongyang may send 25,000-30,000 soldiers.", "From 10 -20 people came.",
             "The F-16 crashed.", "It ended 2-1."],
)
def test_hyphen_between_figures_is_not_a_sign(text: str) -> None:
    assert all(c.value_low is None or c.value_low >= 0 for c in extract_claims(text))


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("Donations reached 2.33 k by noon.", "2.33 k", 2330),
        ("The fund holds 1.2b in assets.", "1.2b", 1.2e9),
        ("It raised $3B last year.", "$3B", 3e9),
        ("Debt rose to 4 tn last year.", "4 tn", 4e12),
        ("Runners in a 100m sprint.", "100m", 1e8),  # documented limitation: m = million
    ],
)
def test_scale_suffixes_with_space_or_letter(text: str, surface: str, value: float) -> None:
    c = only(text)
    assert (c.surface, c.value_low) == (surface, value)


@pytest.mark.parametrize(
    ("text", "value"),
    [("Article 4b applies.", None), ("He ran 5 km today.", 5), ("The 10 m wall fell.", 10),
     ("The 10G network.", None)],
)
def test_scale_suffix_not_taken(text: str, value: float | None) -> None:
    values = [c.value_low for c in extract_claims(text)]
    assert values == ([] if value is None else [value])


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("A score of 200 or above qualifies.", "200 or above", (200, None, "at_least")),
        ("Firms with 50 or greater staff.", "50 or greater", (50, None, "at_least")),
        ("Bids of $5m or higher were void.", "$5m or higher", (5e6, None, "at_least")),
        ("Sentences of 10 years or over were cut.", "10 years or over", (10, None, "at_least")),
        ("Schools with 30 or fewer pupils.", "30 or fewer", (None, 30, "up_to")),
        ("Rates of 2% or below are rare.", "2% or below", (None, 2, "up_to")),
        ("Wages of 400 or lower a month.", "400 or lower", (None, 400, "up_to")),
        ("Voters aged 65 and over backed him.", "65 and over", (65, None, "at_least")),
        ("Children aged 12 and under were freed.", "12 and under", (None, 12, "up_to")),
        ("About 500 or more troops.", "About 500 or more", (500, None, "at_least")),
    ],
)
def test_trailing_or_more_or_less(text: str, surface: str, expected: tuple) -> None:
    c = only(text)
    assert (c.surface, *interval(c)) == (surface, *expected)


def test_or_more_than_is_a_second_comparison() -> None:
    text = "The score is 5000 or more than 4500."
    assert [(c.surface, c.qualifier) for c in extract_claims(text)] == [
        ("5000", ""), ("more than 4500", "over")]


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("Turnout was more than or equal to 30 per district.", "more than or equal to 30",
         (30, None, "at_least")),
        ("Turnout was equal to or more than 30 per district.", "equal to or more than 30",
         (30, None, "at_least")),
        ("Rents were less than or equal to 900 a month.", "less than or equal to 900",
         (None, 900, "up_to")),
        ("The cap is at most 100 per day.", "at most 100", (None, 100, "up_to")),
        ("They took no more than 100 prisoners.", "no more than 100", (None, 100, "up_to")),
        ("They lost no less than 20 tanks.", "no less than 20", (20, None, "at_least")),
        ("Prices were higher than 5% in May.", "higher than 5%", (5, None, "over")),
    ],
)
def test_comparison_phrases(text: str, surface: str, expected: tuple) -> None:
    c = only(text)
    assert (c.surface, *interval(c)) == (surface, *expected)


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("Estimates were greater than 100 and smaller than 300 troops.",
         "greater than 100 and smaller than 300", 100, 300),
        ("Between more than 20 and less than 30 people died.", "more than 20 and less than 30",
         20, 30),
        ("There were at most 100 and at least 20 casualties.", "at most 100 and at least 20",
         20, 100),
    ],
)
def test_two_comparisons_make_one_interval(text: str, surface: str, low: float,
                                            high: float) -> None:
    claims = [c for c in extract_claims(text) if c.surface == surface]
    assert len(claims) == 1
    assert interval(claims[0]) == (low, high, "between")


def test_comparisons_with_their_own_nouns_stay_apart() -> None:
    text = "He lost more than 20 tanks and less than 30 jets."
    assert [interval(c) for c in extract_claims(text)] == [
        (20, None, "over"), (None, 30, "under")]


@pytest.mark.parametrize(
    ("text", "surface", "expected"),
    [
        ("Polls showed support >30 in every region.", ">30", (30, None, "over")),
        ("Polls showed support >= 30 in every region.", ">= 30", (30, None, "at_least")),
        ("The fund kept debt <100 last year.", "<100", (None, 100, "under")),
        ("The fund kept debt ≤ 100 last year.", "≤ 100", (None, 100, "up_to")),
        ("Readings fell to <= -30 overnight.", "<= -30", (None, -30, "up_to")),
    ],
)
def test_comparison_symbols(text: str, surface: str, expected: tuple) -> None:
    c = only(text)
    assert (c.surface, *interval(c)) == (surface, *expected)


@pytest.mark.parametrize(
    ("text", "surface", "value", "kind"),
    [
        ("Two-thirds of voters backed a two-state solution.", "Two-thirds", 2 / 3, "other"),
        ("Two thirds of voters backed it.", "Two thirds", 2 / 3, "other"),
        ("Three quarters of firms cut jobs.", "Three quarters", 0.75, "other"),
        ("Prices fell by a half in a year.", "a half", 0.5, "other"),
        ("Half of the staff left.", "Half", 0.5, "other"),
        ("A third of voters stayed home.", "A third", 1 / 3, "other"),
        ("The talks took one and a half years.", "one and a half years", 1.5, "duration"),
        ("Only 1/2 of them came.", "1/2", 0.5, "other"),
        ("Only 3/4 of them came.", "3/4", 0.75, "other"),
        ("He served 2 1/2 years.", "2 1/2 years", 2.5, "duration"),
    ],
)
def test_fractions(text: str, surface: str, value: float, kind: str) -> None:
    c = only(text)
    assert (c.surface, c.kind) == (surface, kind)
    assert c.value_low == pytest.approx(value) and c.value_high == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["The hotline runs 24/7.", "It opened on 5/17/2018.", "He won a third term.",
     "They scored in the second half.", "It was half-time."],
)
def test_not_fractions(text: str) -> None:
    assert not [c for c in extract_claims(text) if c.kind != "date"
                and c.value_low is not None and 0 < c.value_low < 1]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Then 40 000 troops crossed.", [40000]),
        ("The census found 1 234 567 people.", [1234567]),
        ("They lost 12 1234 items.", [12, 1234]),
        ("They sent 5 12 more.", [5, 12]),
    ],
)
def test_space_grouped_thousands(text: str, values: list[float]) -> None:
    assert [c.value_low for c in extract_claims(text)] == values


def test_a_count_without_a_noun_takes_the_one_before_it_in_its_sentence():
    sentences = pd.DataFrame({"doc_id": ["d", "d"], "sent_id": [0, 1], "char_start": [0, 100],
                              "char_end": [90, 120],
                              "text": ["At least 3,000 soldiers arrived, with totals reaching as high as 12,000.",
                                       "Officials said 12,000."]})
    table = claims_table(sentences)
    assert table.counted.tolist() == ["soldiers", "soldiers", ""]


def test_fiscal_quarters_are_not_fractions():
    assert [c.surface for c in extract_claims("Sales were lower than in the preceding three quarters.")] == ["three"]
    assert [c.value_low for c in extract_claims("Three quarters of voters agreed.")] == [0.75]


# --------------------------------------------------------------------------- #
# Scope and time words
# --------------------------------------------------------------------------- #


def claim_at(text: str, surface: str) -> Claim:
    """The claim of ``text`` whose surface is ``surface``."""
    claims = extract_claims(text)
    check_invariants(text, claims)
    matches = [c for c in claims if c.surface == surface]
    assert len(matches) == 1, claims
    return matches[0]


@pytest.mark.parametrize(
    ("text", "surface", "scope"),
    [
        # the predicate after the counted noun phrase, without auxiliaries and adverbs
        ("Over 3,000 troops have reportedly arrived in Russia, marking a shift.", "Over 3,000", "arrived in Russia"),
        ("Nearly 8,000 troops are poised to enter the war, signaling a shift.", "Nearly 8,000",
         "poised to enter the war"),
        ("Around 4,000 soldiers were either killed or injured during their initial deployment to Kursk.",
         "Around 4,000", "killed or injured; initial deployment"),
        ("Last year, about 500 people were evacuated from the town.", "about 500", "evacuated from the town"),
        ("Some 40 soldiers died in the attack.", "Some 40", "died in the attack"),
        # the governing verb when the figure is its object, with its forecast word
        ("Earlier in the year, the regime sent approximately 12,000 troops to assist Russia.",
         "approximately 12,000", "sent"),
        ("Pyongyang is poised to dispatch 25,000 to 30,000 additional soldiers.", "25,000 to 30,000",
         "poised to dispatch; additional"),
        # group modifiers: alone on the count, with their noun elsewhere
        ("Numbers could reach 3,000, with total troop numbers reaching as high as 12,000.", "as high as 12,000",
         "total"),
        ("Another 2,000 are expected to follow.", "2,000", "Another; expected to follow"),
        ("It will send 10,000 more soldiers.", "10,000", "send; more"),
        # no verb of its own, no modifier: nothing
        ("The convoy had 45 trucks.", "45", ""),
        ("Reports indicate that 45 trucks crossed.", "45", "crossed"),  # "indicate" reports, it is no scope
        ("Totals reached 12,000 by spring.", "12,000", ""),  # "reached" only states the number
    ],
)
def test_scope(text: str, surface: str, scope: str) -> None:
    assert claim_at(text, surface).scope == scope


def test_the_counted_phrase_stays_the_noun_phrase() -> None:
    c = claim_at("Around 4,000 North Korean soldiers were either killed or injured.", "Around 4,000")
    assert (c.counted, c.scope) == ("North Korean soldiers killed or injured", "killed or injured")


@pytest.mark.parametrize(
    ("text", "surface", "time_words"),
    [
        ("Official confirmations surfaced this past week, indicating at least 3,000 soldiers have been sent.",
         "at least 3,000", "this past week"),
        ("Earlier in the year, the regime sent approximately 12,000 troops.", "approximately 12,000",
         "Earlier in the year"),
        ("In 2024, 300 drones were shot down.", "300", "In 2024"),
        ("Since January, more than 1,200 civilians have been killed, officials said on Monday.", "more than 1,200",
         "Since January"),  # the time of the statement is not the time of the figure
        ("About 500 people left three days ago.", "About 500", "three days ago"),
        ("Over 3,000 troops have arrived in Russia.", "Over 3,000", ""),
        # an earlier clause dates a later one, not the other way round
        ("Last year 3,000 troops arrived, with 500 more in spring.", "500", "Last year"),
        ("3,000 troops arrived, and 500 more will come next week.", "3,000", ""),
    ],
)
def test_time_words(text: str, surface: str, time_words: str) -> None:
    assert claim_at(text, surface).time_words == time_words


# --------------------------------------------------------------------------- #
# Hedges, sources and forecast cues per clause, and per paragraph
# --------------------------------------------------------------------------- #


def test_a_hedge_belongs_to_its_clause() -> None:
    text = ("Reports from Seoul indicate at least 3,000 soldiers have been dispatched, "
            "with total troop numbers potentially reaching as high as 12,000.")
    first, second = extract_claims(text)
    assert (first.surface, first.hedges) == ("at least 3,000", "")
    assert (second.surface, second.hedges) == ("as high as 12,000", "potentially")
    # a source that governs the clause before governs a continuing clause too
    assert first.attribution == second.attribution == "reports from Seoul"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each clause its own source
        ("Officials said 3,000 troops arrived, while analysts estimate 5,000 left.",
         [("3,000", "officials"), ("5,000", "analysts")]),
        # a semicolon or a "but" starts a new statement: no source carried over
        ("Officials said 3,000 troops arrived; 5,000 left.", [("3,000", "officials"), ("5,000", "unattributed")]),
        ("Officials said 3,000 troops arrived, but 5,000 left.", [("3,000", "officials"), ("5,000", "unattributed")]),
        # a source closing the sentence governs the continuing clauses before it
        ("3,000 troops arrived, and 5,000 more may follow, officials said.",
         [("3,000", "officials"), ("5,000", "officials")]),
        # "reportedly" is an attribution to unnamed reports; so are "some reports" and "recent reports"
        ("Over 3,000 troops have reportedly arrived in Russia.", [("Over 3,000", "reports")]),
        ("According to some reports, 3,000 troops arrived.", [("3,000", "reports")]),
        ("Recent reports indicate that nearly 8,000 troops are poised to enter the war.", [("nearly 8,000", "reports")]),
    ],
)
def test_sources_per_clause(text: str, expected: list) -> None:
    assert [(c.surface, c.attribution) for c in extract_claims(text) if c.kind != "forecast"] == expected


def test_reportedly_is_a_source_and_a_hedge() -> None:
    c = only("Over 3,000 North Korean troops have reportedly arrived in Russia.")
    assert (c.attribution, c.attribution_cue, c.hedges) == ("reports", "reportedly", "reportedly")
    assert attribution("Over 3,000 troops have reportedly arrived.") == ("reports", "reportedly")


def test_a_participle_of_saying_attributes_to_the_sentence_subject() -> None:
    text = ("Ukrainian President Volodymyr Zelenskyy highlighted the urgency, announcing earlier this week "
            "that 3,000 soldiers had arrived.")
    assert attribution(text) == ("Ukrainian President Volodymyr Zelenskyy", "announcing")
    assert attribution("Russia sent troops, adding to the tension, as 3,000 arrived.") == ("unattributed", "")


def paragraph_table(texts: list[str], paragraphs: list[int]) -> pd.DataFrame:
    starts = [sum(len(t) + 1 for t in texts[:k]) for k in range(len(texts))]
    return pd.DataFrame({"doc_id": "d", "para_id": paragraphs, "sent_id": range(len(texts)), "char_start": starts,
                         "char_end": [s + len(t) for s, t in zip(starts, texts)], "text": texts})


def test_according_to_opening_a_paragraph_governs_its_later_sentences() -> None:
    texts = ["According to reports, these troops arrived at the port.",
             "There is speculation that 3,000 will be deployed as soon as next week.",
             "Officials said 200 tanks crossed.",
             "Another 40 jets landed.",
             "A new paragraph counts 12 ships."]
    table = claims_table(paragraph_table(texts, [0, 0, 0, 0, 1]))
    by_surface = table.set_index("surface")
    assert by_surface.loc["3,000", "attribution"] == "reports"  # no source of its own: the paragraph's
    assert by_surface.loc["as soon as next week", "attribution"] == "reports"
    assert by_surface.loc["as soon as next week", "hedges"] == "speculation"
    assert by_surface.loc["200", "attribution"] == "officials"  # a source of its own
    assert by_surface.loc["40", "attribution"] == "unattributed"  # the chain stopped at "Officials said"
    assert by_surface.loc["12", "attribution"] == "unattributed"  # another paragraph
    # without para_id, every sentence is its own paragraph
    alone = claims_table(paragraph_table(texts, [0, 0, 0, 0, 1]).drop(columns="para_id")).set_index("surface")
    assert alone.loc["3,000", "attribution"] == "unattributed"
    # in free text a line break starts a paragraph
    free = extract_claims("Reportedly, the troops moved. Then 3,000 crossed.\nLater 40 left.")
    assert [(c.surface, c.attribution, c.hedges) for c in free] == [
        ("3,000", "reports", "reportedly"), ("40", "unattributed", "")]


@pytest.mark.parametrize(
    ("text", "surface", "forecast", "hedges"),
    [
        ("Nearly 8,000 troops are poised to enter the war.", "Nearly 8,000", "poised to", ""),
        ("Up to 5,000 soldiers are expected to be deployed.", "Up to 5,000", "expected to", ""),
        ("Kyiv plans to send 2,000 troops.", "2,000", "plans to", ""),
        ("The force will grow to 12,000 as soon as next week.", "12,000", "will;as soon as", ""),
        ("Some 3,000 could follow.", "Some 3,000", "", "could"),  # could/may stay hedges
        ("About 3,000 troops arrived, and 2,000 more will follow.", "About 3,000", "", ""),  # the next clause's
        ("The army is set to the task with 3,000 troops.", "3,000", "", ""),  # "set to the": no infinitive
    ],
)
def test_forecast_cues(text: str, surface: str, forecast: str, hedges: str) -> None:
    c = claim_at(text, surface)
    assert (c.forecast, c.hedges) == (forecast, hedges)


# --------------------------------------------------------------------------- #
# Forecasts of timing are claims of their own
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    ("text", "surface", "event", "forecast"),
    [
        ("There is speculation that they will be deployed to the Kursk region as soon as next week, "
         "where they will bolster Russian efforts.", "as soon as next week", "deployed to the Kursk region",
         "will;as soon as"),
        ("We estimate the first soldiers are expected to join combat operations as soon as this weekend.",
         "as soon as this weekend", "join combat operations", "expected to;as soon as"),
        ("Troops are stationed near the border, ready to enter the fray in the coming days.",
         "in the coming days", "enter the fray", "ready to;in the coming"),
        ("The additional troops could arrive in Russia within the next few months.", "within the next few months",
         "arrive in Russia", "within the next"),
        ("This recruitment effort could lead to troop deployments as early as July or August.",
         "as early as July or August", "troop deployments", "as early as"),
        ("The base will be finished by the end of the year.", "by the end of the year", "finished", "will;by the end of"),
        ("In the coming weeks, North Korea will send more soldiers.", "In the coming weeks", "send more soldiers",
         "in the coming;will"),
    ],
)
def test_forecast_claims(text: str, surface: str, event: str, forecast: str) -> None:
    c = claim_at(text, surface)
    assert (c.kind, c.value_low, c.value_high, c.qualifier, c.vague) == ("forecast", None, None, "", False)
    assert (c.counted, c.time_words, c.forecast) == (event, surface, forecast)


def test_a_forecast_is_attributed_and_hedged_by_its_clause() -> None:
    text = ("According to American intelligence, North Korean troops are estimated to be stationed near "
            "the border, ready to enter the fray in the coming days.")
    c = claim_at(text, "in the coming days")
    assert (c.attribution, c.attribution_cue, c.hedges) == ("American intelligence", "according to", "estimated")


@pytest.mark.parametrize(
    "text",
    [
        "The deployment began as early as 2019.",  # no forecast cue: a past date
        "They arrived within weeks of the order.",
        "Troops arrived this weekend.",
        "What to Expect in the Coming Days",  # a headline
    ],
)
def test_no_forecast_without_a_cue(text: str) -> None:
    assert not [c for c in extract_claims(text) if c.kind == "forecast"]


def test_a_forecast_absorbs_its_duration_or_date() -> None:
    text = "The additional troops could arrive within the next few months, and 500 more will come by 2026."
    claims = extract_claims(text)
    check_invariants(text, claims)
    assert [(c.surface, c.kind) for c in claims] == [
        ("within the next few months", "forecast"), ("500", "count"), ("by 2026", "forecast")]


# --------------------------------------------------------------------------- #
# Not a figure: how many parties
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    "text",
    [
        "It created a mutual support network for two nations largely ostracized by the West.",
        "The two countries signed a pact.",
        "The two leaders met in Moscow.",
        "Both sides agreed.",
        "Three powers backed the plan.",
    ],
)
def test_party_nouns_are_not_figures(text: str) -> None:
    assert extract_claims(text) == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [("Five nations sent observers.", "Five"), ("Only 2 countries voted no.", "2"), ("Two ships sank.", "Two")],
)
def test_larger_digit_or_other_counts_stay_figures(text: str, surface: str) -> None:
    assert only(text).surface == surface


def test_a_party_noun_with_a_modifier_is_a_count() -> None:
    text = "Police have arrested three senior leaders of the hardline group."
    assert only(text).surface == "three"


def test_adding_is_a_verb_of_saying_only_before_what_is_said() -> None:
    assert attribution("The Government has stepped forward, adding more than 100,000 new soldiers.") == (
        "unattributed", "")
    assert attribution("The ministry confirmed the strike, adding that 40 people died.") == ("ministry", "adding")


# --------------------------------------------------------------------------- #
# The labelled sets (benchmarks/claims_fields.py)
# --------------------------------------------------------------------------- #

LABELLED = Path(__file__).parent / "fixtures" / "claims"


@pytest.mark.skipif(not (LABELLED / "labelled_figures.csv").is_file(), reason="labelled sets not present")
def test_the_field_scorer_processes_every_labelled_sentence() -> None:
    import csv
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location(
        "claims_fields", Path(__file__).parent.parent / "benchmarks" / "claims_fields.py")
    scorer = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = scorer  # its dataclasses look their module up
    spec.loader.exec_module(scorer)
    result = scorer.score(LABELLED / "labelled_figures.csv", LABELLED / "labelled_forecasts.csv")

    def sentences(name: str) -> int:
        with (LABELLED / name).open(encoding="utf-8") as handle:
            return len({(r["source"], r["sentence"]) for r in csv.DictReader(handle)})

    assert result.sentences == sentences("labelled_figures.csv")
    assert result.forecast_sentences == sentences("labelled_forecasts.csv")
    # measured 93.6 % of the labelled figures found, 60.5 % of the forecasts, with no false forecast
    assert result.value("figures", "figure found", "recall") >= 85
    assert result.value("figures", "figure found", "precision") >= 85
    assert result.value("forecasts", "forecast found", "recall") >= 45


def test_wire_abbreviations_are_scales_currencies_and_percent():
    """Wire copy writes "256.2 mln dlrs" and "13.7 pct": a sum of money and a percentage, not "mln" counted."""
    text = "Net profit was 256.2 mln dlrs, up 13.7 pct, on 4 mln shares."
    found = [(c.surface, c.kind, c.unit, c.value_low, c.counted)
             for c in extract_claims(text, sentences=[(0, len(text))])]
    assert found == [("256.2 mln dlrs", "money", "USD", 256.2e6, ""), ("up 13.7 pct", "percent", "%", 13.7, ""),
                     ("4 mln", "count", "", 4e6, "shares")]


def test_zero_width_characters_do_not_cut_a_figure_and_offsets_stay_in_the_text():
    text = "Over 3\u200b,000 troops arrived; officials said\u200b 12,000 more and 3\u200b,\u200b000 left."
    found = extract_claims(text)
    assert [(c.value_low, c.surface) for c in found if c.kind == "count"] == [
        (3000.0, "Over 3\u200b,000"), (12000.0, "12,000"), (3000.0, "3\u200b,\u200b000")]
    assert all(text[c.char_start:c.char_end] == c.surface for c in found)
