"""Article labels: the outlet or a letter, then the headline shortened (or the opening words)."""

from newsbrief.labels import article_labels, by_id, key, letter, short_title

import pandas as pd


def test_letters_run_past_z():
    assert [letter(n) for n in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]


def test_a_headline_is_cut_after_a_whole_word():
    assert short_title("North Korean Troops Arrive in Russia: A Major Escalation") == "North Korean Troops Arrive in…"
    assert short_title("Short one") == "Short one"
    assert short_title("") == "(no headline)"
    assert short_title("Supercalifragilisticexpialidocious-and-more-than-that") == "Supercalifragilisticexpialidocio…"


def test_labels_name_the_outlet_when_known_else_the_letter_and_are_unique():
    labels = article_labels([
        ("unknown", "Fire threatens town", ""),
        ("RTÉ News", "North Korean troops in Russia: how significant is it?", ""),
        ("unknown", "", "North Korea's troop deployment marks a critical shift in the conflict."),
        ("Daily Planet", "Fire threatens town", ""),
        ("Daily Planet", "Fire threatens town", ""),
    ])
    assert labels == ["A · Fire threatens town", "RTÉ News · North Korean troops in Russia…",
                      "C · “North Korea's troop deployment…”", "Daily Planet · Fire threatens town",
                      "Daily Planet · Fire threatens town (2)"]
    assert [key(label) for label in labels[:3]] == ["A", "RTÉ News", "C"]
    assert len(set(labels)) == len(labels)


def test_by_id_reads_the_documents_table():
    documents = pd.DataFrame({"doc_id": ["a", "b"], "label": ["A · x", "B · y"]})
    assert by_id(documents) == {"a": "A · x", "b": "B · y"}
