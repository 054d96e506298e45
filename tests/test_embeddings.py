"""Embeddings with the bundled model: normalized, repeatable, offline, and meaningful."""

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


def test_unknown_model_fails_without_asking_the_network(monkeypatch):
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the network was asked")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    with pytest.raises(embeddings.ModelError, match="not available offline"):
        embeddings.embed(["text"], model="sentence-transformers/some-hub-model")


def test_the_cache_embeds_each_text_once_and_survives_a_new_process(tmp_path):
    texts = ["Troops arrived in Russia.", "Sanctions were announced.", "Troops arrived in Russia."]
    first = embeddings.Embedder(cache_dir=tmp_path)
    vectors = first(texts)
    assert (first.computed, first.reused) == (2, 0)
    assert np.array_equal(vectors[0], vectors[2])
    folder = tmp_path / embeddings.model_identity("all-MiniLM-L6-v2")[:16]
    assert len(list(folder.glob("*.npz"))) == 1
    second = embeddings.Embedder(cache_dir=tmp_path)  # as a rerun would
    assert np.array_equal(second(texts), vectors)
    assert (second.computed, second.reused) == (0, 2)
    second(["A new article arrives."])
    assert second.computed == 1 and len(list(folder.glob("*.npz"))) == 2
    # embedded alone rather than in a batch, a text differs only in the last bits of float32
    assert np.allclose(second(texts[:1]), embeddings.embed(texts[:1]), atol=1e-6)


def test_a_damaged_cache_shard_is_recomputed(tmp_path):
    first = embeddings.Embedder(cache_dir=tmp_path)
    vectors = first(["Troops arrived in Russia."])
    for shard in (tmp_path / embeddings.model_identity("all-MiniLM-L6-v2")[:16]).glob("*.npz"):
        shard.write_bytes(b"not a shard")
    second = embeddings.Embedder(cache_dir=tmp_path)
    assert np.allclose(second(["Troops arrived in Russia."]), vectors, atol=1e-6) and second.computed == 1
