"""Embeddings with the bundled model: normalized, repeatable, offline, and meaningful."""

import numpy as np
import pytest

from conftest import DAMAGES, damage
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
    folder = tmp_path / f'{embeddings.model_identity("all-MiniLM-L6-v2")[:16]}-onnx-int8-7bit'
    assert len(list(folder.glob("*.npz"))) == 1
    second = embeddings.Embedder(cache_dir=tmp_path)  # as a rerun would
    assert np.array_equal(second(texts), vectors)
    assert (second.computed, second.reused) == (0, 2)
    second(["A new article arrives."])
    assert second.computed == 1 and len(list(folder.glob("*.npz"))) == 2
    # a text's vector depends on the text only: embedded alone it is the same bits
    assert np.array_equal(second(texts[:1]), embeddings.embed(texts[:1]))


def test_a_damaged_cache_shard_is_recomputed(tmp_path):
    first = embeddings.Embedder(cache_dir=tmp_path)
    vectors = first(["Troops arrived in Russia."])
    for shard in (tmp_path / f'{embeddings.model_identity("all-MiniLM-L6-v2")[:16]}-onnx-int8-7bit').glob("*.npz"):
        shard.write_bytes(b"not a shard")
    second = embeddings.Embedder(cache_dir=tmp_path)
    assert np.allclose(second(["Troops arrived in Russia."]), vectors, atol=1e-6) and second.computed == 1


TEXTS = ["North Korean troops arrived in Russia.", "Pyongyang sent soldiers to help Moscow.",
         "The bakery sells fresh bread every morning.", "A much longer sentence about the deployment of "
         "thousands of soldiers to the Kursk region, which officials in Seoul confirmed on Friday."]


@pytest.mark.parametrize("backend", embeddings.BACKENDS)
def test_every_backend_agrees_with_sentence_transformers(backend):
    reference = embeddings.embed(TEXTS, backend="torch")
    vectors = embeddings.embed(TEXTS, backend=backend)
    assert vectors.shape == reference.shape and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    agreement = (vectors * reference).sum(axis=1)  # cosine of each text's two vectors
    assert agreement.min() > (0.99999 if backend != "onnx-int8" else 0.985), agreement


@pytest.mark.parametrize("backend", ["onnx-int8", "onnx"])
def test_an_onnx_vector_depends_on_its_text_only(backend):
    together = embeddings.embed(TEXTS, backend=backend)
    alone = np.stack([embeddings.embed([t], backend=backend)[0] for t in TEXTS])
    assert np.array_equal(together, alone)


def test_the_default_backend_never_loads_torch():
    import subprocess
    import sys

    code = ("import sys\nfrom newsbrief import embeddings\nembeddings.embed(['Troops arrived.'])\n"
            "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_an_unknown_backend_is_a_clear_error():
    with pytest.raises(embeddings.ModelError, match="embedding backend 'gpu' is not one of onnx-int8, onnx, torch"):
        embeddings.embed(["text"], backend="gpu")


def test_the_onnx_export_is_the_same_bytes_every_time(tmp_path, monkeypatch):
    made = embeddings.export_onnx()  # the environment's copy
    monkeypatch.setattr(embeddings, "MODELS_DIR", tmp_path)
    again = embeddings.export_onnx()
    assert again.parent == tmp_path and again.read_bytes() == made.read_bytes()
    fp32 = embeddings.export_onnx(quantized=False)
    assert fp32.parent == tmp_path and fp32.read_bytes() == (made.parent / fp32.name).read_bytes()


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_embedding_cache_is_recomputed_with_a_warning(tmp_path, capsys, how):
    texts = ["North Korean troops arrive in Russia.", "The council voted on the harbour."]
    first = embeddings.Embedder(cache_dir=tmp_path)(texts)
    (shard,) = tmp_path.rglob("*.npz")
    damage(shard, how)
    again = embeddings.Embedder(cache_dir=tmp_path)
    assert np.array_equal(again(texts), first) and again.computed == 2  # recomputed, not trusted
    assert f"embedding cache {shard.name} is damaged" in capsys.readouterr().err
    assert embeddings.Embedder(cache_dir=tmp_path)(texts).tobytes() == first.tobytes()  # and saved again
