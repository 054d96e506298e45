"""Embedding throughput and quality of every backend newsbrief offers, side by side in one run.

For each backend of ``newsbrief.embeddings`` (torch = plain sentence-transformers float32 at
batch 16; onnx = the same model exported to ONNX, float32; onnx-int8 = that graph quantized to
int8, per channel), on the 2,758 sentences of the STS Benchmark test split
(benchmarks/data/stsb-test.tsv, nothing downloaded):

- start-up: seconds to import the backend's libraries and load the model, in a fresh process;
- texts/s and tokens/s (tokens as the model's tokenizer counts them, truncated to 256);
- quality: Spearman x 100 of cosine similarity against the gold scores (published 82.03), its
  loss relative to torch, and the labelled near-duplicate pairs of tests/fixtures (precision and
  recall of the paraphrase category, sentence and paragraph level).

Run from the repository root (`make bench` runs every benchmark):

    .venv/bin/python benchmarks/embedding_backends.py

It prints a table and the machine, and writes benchmarks/results/embedding_backends.csv.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path


HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results" / "embedding_backends.csv"
sys.path.insert(0, str(HERE))

from sts_quality import load_pairs, spearman  # noqa: E402

STARTUP = """
import json, sys, time
t = time.perf_counter()
from newsbrief import embeddings
embeddings.embed(["warm up"], backend=sys.argv[1])
print(json.dumps({"startup_s": time.perf_counter() - t, "torch_loaded": "torch" in sys.modules}))
"""


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.machine()}"


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import pandas as pd

    from newsbrief import embeddings
    from newsbrief import near_duplicates as nd

    s1, s2, gold = load_pairs()
    texts = s1 + s2
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(embeddings.resolve_model(embeddings.BUNDLED_MODEL) / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=256)
    tokenizer.no_padding()  # the model's tokenizer.json pads to 128; count real tokens
    tokens = sum(len(e.ids) for e in tokenizer.encode_batch(texts))
    labelled = pd.read_csv(ROOT / "tests" / "fixtures" / "near_duplicates" / "labelled_pairs.csv")
    rows = []
    for backend in embeddings.BACKENDS:
        started = subprocess.run([sys.executable, "-c", STARTUP, backend], capture_output=True, text=True,
                                 check=True, cwd=ROOT)
        startup = json.loads(started.stdout.strip().splitlines()[-1])
        embeddings.embed(["warm up"], backend=backend)
        t = time.perf_counter()
        vectors = embeddings.embed(texts, backend=backend, progress=False)
        seconds = time.perf_counter() - t
        n = len(s1)
        quality = 100 * spearman((vectors[:n] * vectors[n:]).sum(axis=1), gold)
        scores, _ = nd.evaluate(labelled, embeddings.Embedder(backend=backend))
        score = scores.set_index(["level", "category"])
        rows.append({
            "backend": backend, "startup_s": round(startup["startup_s"], 2),
            "imports_torch": startup["torch_loaded"], "texts": len(texts), "seconds": round(seconds, 2),
            "texts_per_s": round(len(texts) / seconds), "tokens_per_s": round(tokens / seconds),
            "sts_spearman_x100": round(quality, 2),
            "paraphrase_p_r_sentence": "{:.2f}/{:.2f}".format(*score.loc[("sentence", "paraphrase"), ["precision", "recall"]]),
            "paraphrase_p_r_paragraph": "{:.2f}/{:.2f}".format(*score.loc[("paragraph", "paraphrase"), ["precision", "recall"]]),
        })
    base = next(r for r in rows if r["backend"] == "torch")
    for r in rows:
        r["speedup_vs_torch"] = round(r["texts_per_s"] / base["texts_per_s"], 2)
        r["quality_loss_pct"] = round(100 * (base["sts_spearman_x100"] - r["sts_spearman_x100"]) / base["sts_spearman_x100"], 2)
    RESULTS.parent.mkdir(exist_ok=True)
    with RESULTS.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"machine: {machine()}")
    print(f"{len(texts)} STS test sentences, {tokens} tokens; published STS Spearman x100 82.03")
    print(pd.DataFrame(rows).to_string(index=False))
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
