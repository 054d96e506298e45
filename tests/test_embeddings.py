"""Embeddings with the bundled model: normalized, repeatable, offline, and meaningful."""

import time

import numpy as np
import pytest

from newsbrief import embeddings

WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"


def test_bundled_model_is_the_published_all_minilm_l6_v2():
    assert embeddings.model_identity("all-MiniLM-L6-v2") == WEIGHTS_SHA256
    assert embeddings.resolve_model("sentence-transformers/all-MiniLM-L6-v2").is_dir()


def test_embeddings_are_normalized_float32_and_repeatable():
    texts = ["North Korean troops arrived in Russia.", "Pyongyang sent soldiers to help Moscow.",
             "The bakery sells fresh bread every morning."]
    first, second = embeddings.embed(texts), embeddings.embed(texts)
    assert first.shape == (3, 384) and first.dtype == np.float32
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(first, second)
    sims = first @ first.T
    assert sims[0, 1] > 0.5 > sims[0, 2]  # paraphrase close, unrelated far


def test_empty_input_gives_an_empty_matrix():
    assert embeddings.embed([]).shape == (0, 384)


def test_a_local_model_folder_is_accepted():
    folder = embeddings.resolve_model("all-MiniLM-L6-v2")
    assert embeddings.resolve_model(str(folder)) == folder


def test_unknown_model_fails_at_once_without_network():
    started = time.monotonic()
    with pytest.raises(embeddings.ModelError, match="not available offline"):
        embeddings.embed(["text"], model="sentence-transformers/some-hub-model")
    assert time.monotonic() - started < 5  # an error, not a network time-out
