"""Invariants under random input (seeded, bounded): loading and splitting never raise, and every
offset slices the decoded text back to exactly its item."""

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsbrief import corpus
from newsbrief import text as text_floor
from newsbrief.claims import extract_claims

# Text made of what articles are made of, plus anything Unicode can produce.
PIECES = st.sampled_from(["\n", "\n\n", "\r\n", " ", ". ", "? ", "! ", "U.S. ", "Dr. ", "# ", "- ", "»", "…",
                          "3,000", "25,000–30,000", "over", "nearly", "Subscribe", "4 min read", "“", "”", "’"])
TEXT = st.lists(st.one_of(PIECES, st.text(alphabet=string.ascii_letters + " ", max_size=12), st.text(max_size=8)),
                max_size=40).map("".join)
SETTINGS = settings(max_examples=150, derandomize=True, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXT, st.booleans())
def test_paragraph_and_sentence_offsets_slice_back(text, markdown):
    for start, end in corpus.split_paragraphs(text, markdown=markdown):
        assert 0 <= start < end <= len(text)
        paragraph = text[start:end]
        assert paragraph == paragraph.strip() and paragraph
        for s, e in text_floor.split_sentences(paragraph):
            assert 0 <= s < e <= len(paragraph) and paragraph[s:e].strip()


@SETTINGS
@given(st.lists(st.one_of(TEXT, st.binary(max_size=64).map(lambda b: b.decode("latin-1"))), min_size=1, max_size=3))
def test_loading_any_files_never_raises_and_offsets_hold(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("random")
    for k, text in enumerate(texts):
        (folder / f"{k}.txt").write_bytes(text.encode("utf-8", "surrogatepass") if k % 2 == 0
                                          else text.encode("latin-1", "replace"))
    try:
        loaded = corpus.load_corpus(folder)
    except corpus.CorpusError:
        return  # nothing readable: a clear error is the right answer
    for doc in loaded.documents:
        for item in [*doc.paragraphs, *doc.sentences]:
            assert doc.text[item.char_start:item.char_end] == item.text


@SETTINGS
@given(TEXT)
def test_claims_slice_back_and_intervals_are_ordered(text):
    for claim in extract_claims(text):
        assert text[claim.char_start:claim.char_end] == claim.surface
        if claim.value_low is not None and claim.value_high is not None:
            assert claim.value_low <= claim.value_high
