"""Who the articles cite and quote: source phrases read, quotes and speakers found, the tables and the
independence count, and warning signs, each on small fixed texts."""

import time

import pandas as pd
import pytest

from newsbrief import tables, voices
from newsbrief.voices.names import entities
from newsbrief.voices.signals import RULES, signals


# ---------------------------------------------------------------- names

@pytest.mark.parametrize("phrase, name, role, kind, key", [
    ("National Security Council spokesman John Kirby", "John Kirby", "National Security Council spokesman", "person",
     "kirby"),
    ("Ukrainian President Volodymyr Zelenskyy", "Volodymyr Zelenskyy", "Ukrainian President", "person", "zelenskyy"),
    ("Dr. Elena Vasilyeva", "Dr. Elena Vasilyeva", "", "person", "vasilyeva"),
    ("the Bureau of Meteorology's Claire Richards", "Claire Richards", "Bureau of Meteorology", "person", "richards"),
    ("U.S. defense officials", "U.S. defense officials", "", "government", "us official"),
    ("US officials", "US officials", "", "government", "us official"),
    ("American intelligence", "American intelligence", "", "intelligence", "us intelligence"),
    ("intelligence reports from the United States and South Korea",
     "intelligence reports from the United States and South Korea", "", "intelligence", "south korea+us intelligence"),
    ("reports", "reports", "", "anonymous", "report"),
    ("some recent reports", "some recent reports", "", "anonymous", "report"),
    ("Fox News", "Fox News", "", "media", "fox news"),
    ("military analysts", "military analysts", "", "expert", "analyst"),
    ("Eurasia Group", "Eurasia Group", "", "organization", "eurasia group"),
    ("NATO", "NATO", "", "organization", "nato"),
    ("Russia", "Russia", "", "government", "russia"),
])
def test_a_source_phrase_is_read_as_a_person_or_a_body_with_its_key(phrase, name, role, kind, key):
    read = voices.read_source(phrase)
    assert (read.name, read.role, read.kind, read.key) == (name, role, kind, key)


def test_a_surname_alone_is_a_person_only_when_the_article_names_that_person_in_full():
    assert voices.read_source("Kirby").kind == "organization"
    assert voices.read_source("Kirby", frozenset({"kirby"})).kind == "person"


def test_places_are_canonical():
    assert entities("U.S. and South Korean officials in Washington") == ("south korea", "us")


# ---------------------------------------------------------------- quotes

def quotes_of(text):
    from newsbrief.text import split_sentences
    return [(q.quote, q.speaker, q.cue, q.how) for q in voices.paragraph_quotes(text, split_sentences(text))]


def test_split_quote_keeps_its_speaker_after_the_break():
    text = ('Experts warn of escalation. "The partnership is troubling," remarked Dr. Elena Vasilyeva, an expert. '
            '"If these troops enter the conflict, it could alter the balance."')
    assert quotes_of(text) == [
        ("The partnership is troubling,", "Dr. Elena Vasilyeva", "remarked", "after"),
        ("If these troops enter the conflict, it could alter the balance.", "Dr. Elena Vasilyeva", "remarked",
         "continued"),
    ]


def test_speaker_before_the_quote_with_an_appositive_or_a_participle():
    text = 'Ian Bremmer, founder of the Eurasia Group, noted, "If they send troops, it changes everything."'
    assert quotes_of(text) == [("If they send troops, it changes everything.", "Ian Bremmer", "noted", "before")]
    assert quotes_of('President Volodymyr Zelenskyy highlighted the urgency, announcing earlier this week, '
                     '“We estimate the first soldiers will fight this weekend.”') == [
        ("We estimate the first soldiers will fight this weekend.", "President Volodymyr Zelenskyy", "announcing",
         "before")]


def test_speaker_after_the_quote_name_then_verb_or_pronoun():
    assert quotes_of('“Their deployment marks a new risk to global security,” Kirby stated, underlining it.') == [
        ("Their deployment marks a new risk to global security,", "Kirby", "stated", "after")]
    assert quotes_of('"The falls have been quite isolated in those areas," she said.') == [
        ("The falls have been quite isolated in those areas,", "she", "said", "after")]


def test_a_short_quote_takes_the_subject_and_a_name_in_quote_marks_is_no_speech():
    assert quotes_of('Ukrainian President Zelenskyy has called on allies to "stop watching" the war.') == [
        ("stop watching", "Ukrainian President Zelenskyy", "", "subject")]
    assert quotes_of('The troops come from the elite special forces, the "Storm Corps," officials said.') == []
    assert quotes_of('The so-called "peace plan" was never published.') == []


def test_according_to_names_the_speaker_of_a_fragment():
    assert quotes_of('According to U.S. defense officials, this is a "very, very serious issue" now.') == [
        ("very, very serious issue", "U.S. defense officials", "according to", "before")]


def test_quote_marks_pair_mixed_straight_and_curly_and_drop_an_unclosed_one():
    assert voices.quote_marks('He said "one thing” and “another."') == [(9, 18), (25, 33)]
    assert voices.quote_marks('An opening "mark that never closes.') == []


def test_five_hundred_quote_marks_and_a_long_unbalanced_quote_neither_hang_nor_break():
    text = ('"' + "word " * 3 + '" ') * 250 + '“' + "x " * 20000
    started = time.process_time()
    found = voices.paragraph_quotes(text, [(0, len(text))])
    assert time.process_time() - started < 20  # a bound far above the few milliseconds it takes
    assert all(q.end - q.start <= voices.MAX_QUOTE_CHARS for q in found)


# ---------------------------------------------------------------- tables

def article_tables(texts):
    """sentences.csv and paragraphs.csv of articles of one paragraph each, split as step 01 splits."""
    from newsbrief.text import split_sentences
    sentences, paragraphs = [], []
    for doc_id, text in texts.items():
        paragraphs.append((doc_id, 0, 0, len(text), "body", "", len(text.split()), text))
        for k, (a, b) in enumerate(split_sentences(text)):
            sentences.append((doc_id, 0, k, a, b, "body", len(text[a:b].split()), text[a:b]))
    return (pd.DataFrame(sentences, columns=list(tables.SCHEMAS["sentences.csv"])),
            pd.DataFrame(paragraphs, columns=list(tables.SCHEMAS["paragraphs.csv"])))


TEXTS = {
    "a": ('National Security Council spokesman John Kirby confirmed the reports. “Their deployment marks a new '
          'risk to global security,” Kirby stated. Ukrainian President Volodymyr Zelenskyy said, "We estimate '
          'the first soldiers will fight this weekend."'),
    "b": ('"Every additional soldier adds pressure on our military," Zelenskyy stated. According to US officials, '
          'at least 3,000 troops arrived.'),
}


def test_speakers_resolve_to_the_full_name_and_role_the_article_gives():
    sentences, paragraphs = article_tables(TEXTS)
    cited, quoted = voices.read_voices(sentences, paragraphs)
    assert list(cited.columns) == list(tables.SCHEMAS["sources.csv"])
    assert list(quoted.columns) == list(tables.SCHEMAS["quotes.csv"])
    rows = quoted[["doc_id", "speaker", "speaker_key", "role", "cue", "elsewhere", "elsewhere_in"]].values.tolist()
    assert rows == [
        ["a", "John Kirby", "kirby", "National Security Council spokesman", "stated", "none", ""],
        ["a", "Volodymyr Zelenskyy", "zelenskyy", "Ukrainian President", "said", "different", "b"],
        ["b", "Zelenskyy", "zelenskyy", "", "stated", "different", "a"],
    ]
    for q in quoted.itertuples():  # offsets point at the quoted words
        assert TEXTS[q.doc_id][q.char_start:q.char_end] == q.quote
    assert ("b", "US officials", "us official", "government", "according to") in [
        tuple(r) for r in cited[["doc_id", "source", "source_key", "source_kind", "cue"]].values.tolist()]


def test_same_words_elsewhere_are_corroboration():
    texts = {"a": 'Kirby, a spokesman, said: "Their deployment marks a new risk to global security."',
             "b": '“Their deployment marks a new risk to global security,” said Kirby.'}
    _, quoted = voices.read_voices(*article_tables(texts))
    assert quoted.elsewhere.tolist() == ["same", "same"]


@pytest.mark.parametrize("sources, count", [
    ([("us official", "government"), ("us intelligence", "intelligence")], 1),  # one place: may be one
    ([("us official", "government"), ("russia", "government")], 2),
    ([("report", "anonymous"), ("analyst", "expert"), ("", "")], 0),  # unnamed add none
    ([("kirby", "person"), ("kirby", "person"), ("zelenskyy", "person")], 2),
])
def test_independent_sources_are_named_sources_that_cannot_be_one(sources, count):
    assert voices.independent_count(sources) == count


# ---------------------------------------------------------------- signals

def corpus(paras, docs=None):
    """documents, paragraphs, sentences for signal rules: paras are (doc_id, kind, text)."""
    from newsbrief.text import split_sentences
    rows, sents, at = [], [], {}
    for k, (doc_id, kind, text) in enumerate(paras):
        start = at.get(doc_id, 0)
        rows.append((doc_id, k, start, start + len(text), kind, "", len(text.split()), text))
        for j, (a, b) in enumerate(split_sentences(text)):
            sents.append((doc_id, k, j, start + a, start + b, kind if kind != "chrome" else "body",
                          len(text[a:b].split()), text[a:b]))
        at[doc_id] = start + len(text) + 2
    documents = pd.DataFrame([{"doc_id": d, "title": (docs or {}).get(d, ("", ""))[0],
                               "site": (docs or {}).get(d, ("", ""))[1], "site_start": 0, "site_end": 1}
                              for d in sorted({p[0] for p in paras})])
    return (documents, pd.DataFrame(rows, columns=list(tables.SCHEMAS["paragraphs.csv"])),
            pd.DataFrame(sents, columns=list(tables.SCHEMAS["sentences.csv"])))


def signals_of(paras, docs=None, claims=None):
    documents, paragraphs, sentences = corpus(paras, docs)
    cited, _ = voices.read_voices(sentences, paragraphs)
    claims = claims if claims is not None else pd.DataFrame(columns=list(tables.SCHEMAS["claims.csv"]))
    found = signals(documents, paragraphs, sentences, claims, cited)
    assert list(found.columns) == list(tables.SCHEMAS["signals.csv"])
    assert set(found.signal) <= set(RULES)
    return found


def test_a_leaked_prompt_and_a_user_submitted_disclaimer_are_signs_with_their_spans():
    prompt = ("By utilizing clear and concise language, this article addresses a complex situation while engaging "
              "readers with vivid storytelling.")
    disclaimer = "This article is submitted by our user. The cover photo is computer generated art."
    found = signals_of([("a", "body", "Ukrainian officials said the war goes on."), ("a", "body", prompt),
                        ("b", "chrome", disclaimer)])
    assert found[["doc_id", "signal"]].values.tolist() == [
        ["a", "writing prompt"], ["b", "user submitted"], ["b", "generated image"]]
    assert found.evidence.tolist()[1:] == ["This article is submitted by our user.",
                                           "The cover photo is computer generated art."]
    user = found[found.signal == "user submitted"].iloc[0]
    assert disclaimer[user.char_start:user.char_end] == "submitted by our user"  # b's paragraph starts at 0
    assert "submitted by our user" in user.evidence


def test_an_ordinary_article_has_no_sign():
    text = ('National Security Council spokesman John Kirby said 3,000 troops arrived. "It is serious," he said.')
    assert signals_of([("a", "body", text)]).empty


def test_unplaced_expert_is_titled_unaffiliated_and_named_nowhere_else():
    found = signals_of([
        ("a", "body", '"It is troubling," remarked Dr. Elena Vasilyeva, an expert on geopolitics.'),
        ("a", "body", '"It is troubling," said Dr. Ann Marsh, a professor at Oxford University.'),
        ("b", "body", '"It is new," said Dr. Paul Kemp, a strategist. Ukrainian officials said so.'),
        ("c", "body", "Dr. Kemp has written about this before, Ukrainian officials said."),
    ])
    unplaced = found[found.signal == "unplaced expert"]
    assert unplaced.doc_id.tolist() == ["a"] and "Vasilyeva" in unplaced.evidence.iloc[0]


def test_template_scaffolding_contents_a_restating_faq_and_a_field_label():
    body = "North Korean troops arrived in Russia to train for combat near the border with Ukraine."
    found = signals_of([
        ("a", "chrome", "Table of Contents"), ("a", "heading", "Headline: Troops Arrive"), ("a", "body", body),
        ("a", "heading", "FAQs"), ("a", "heading", "Why did troops arrive?"),
        ("a", "body", "North Korean troops arrived in Russia to train for combat."),
    ])
    assert {"table of contents", "template label", "restating FAQ"} <= set(found.signal)


def test_a_headline_credited_to_another_outlet_over_a_headline_of_its_own():
    paras = [("a", "title", "Troops in Russia: how significant is it? – RTÉ News"),
             ("a", "heading", "Headline: North Korean Soldiers Mobilize, Implications for Ukraine"),
             ("a", "body", "Ukrainian officials said the war goes on.")]
    found = signals_of(paras, {"a": ("Troops in Russia: how significant is it? – RTÉ News", "RTÉ News")})
    assert "borrowed headline" in set(found.signal)
    same = [("a", "title", "Troops in Russia – RTÉ News"), ("a", "heading", "Troops in Russia"),
            ("a", "body", "Ukrainian officials said the war goes on.")]
    found = signals_of(same, {"a": ("Troops in Russia – RTÉ News", "RTÉ News")})
    assert "borrowed headline" not in set(found.signal)


def test_a_long_article_citing_only_media_and_countries_names_no_source():
    text = ("The news, primarily through sources like Fox News, points to more ties. Seoul warned of consequences. "
            "Analysts suggest it could grow. ")
    filler = "The situation is unusual and the region is watching it closely this week. " * 30
    found = signals_of([("a", "body", text + filler)])
    assert found.signal.tolist() == ["no named source"]
    assert "Fox News" in found.evidence.iloc[0]
    assert signals_of([("b", "body", text)]).empty  # a short item naming nobody is no sign


def test_markup_in_quotes_and_sources_stays_text_in_the_tables():
    texts = {"a": '"<script>alert(1)</script> is what they sent," said Dr. <b>Evil</b> Smith.'}
    _, quoted = voices.read_voices(*article_tables(texts))
    assert quoted.quote.tolist() == ["<script>alert(1)</script> is what they sent,"]


# ---------------------------------------------------------------- the seeds, as the record holds them

def test_the_seeds_quotes_speakers_and_signs():
    """Every direct quote of the seeds with its speaker; the leaked prompt and the user-submitted
    disclaimer with their spans (the record test holds outputs/ to the code)."""
    from conftest import ROOT
    out = ROOT / "outputs" / "tables"
    quoted = tables.read_table(out, "quotes.csv")
    assert [(q.doc_id[:3], q.speaker) for q in quoted.itertuples()] == [
        ("000", "U.S. defense officials"), ("001", "Ian Bremmer"), ("001", "Volodymyr Zelenskyy"),
        ("001", "Ian Bremmer"), ("001", "John Kirby"), ("002", "North Korean leaders"),
        ("002", "Dr. Elena Vasilyeva"), ("002", "Dr. Elena Vasilyeva"), ("002", "Volodymyr Zelenskyy"),
        ("002", "Volodymyr Zelenskyy"), ("002", "Volodymyr Zelenskyy"), ("002", "Dr. Mark Reinhold"),
        ("002", "Dr. Mark Reinhold")]
    assert "Storm Corps" not in " ".join(quoted.quote)
    signs = tables.read_table(out, "signals.csv")
    seeds = {p.name[:3]: p.read_text(encoding="utf-8") for p in (ROOT / "seeds").glob("*.txt")}
    said = {(s.doc_id[:3], s.signal): seeds[s.doc_id[:3]][s.char_start:s.char_end] for s in signs.itertuples()}
    assert said[("002", "writing prompt")].startswith("By utilizing clear and concise language, this article")
    assert said[("000", "user submitted")] == "submitted by our user"
    assert said[("000", "generated image")] == "photo is computer generated"
    comparison = tables.read_table(out, "claim_comparison.csv")
    troops = comparison[comparison.articles == 3]
    assert set(troops.independent_sources) == {1}
