"""A cost model of newsbrief at 10^5 and 10^6 articles, built on rates measured here, one core each.

Measured on a generated corpus (``make_corpus.generate``, the scale benchmark's articles):

* **bytes, sentences and tokens per article** (the model's own tokenizer);
* **reading**: articles read and split per second (``corpus.load_corpus``, one process), and of that,
  articles whose language is told per second (``language.detect``);
* **embedding**: tokens per second per core (the int8 ONNX model, one text per inference, one thread:
  how the engine's workers run it);
* **figures**: sentences per second per core (``claims.claims_table``);
* **similarity**: pairs of passages per second per core for the exact blockwise pass that finds each
  passage's nearest neighbours (``near_duplicates.candidates.similarity_pass``, one thread); the
  approximate pass (``neighbour_index="lists"``) computes ``probe_lists / sqrt(n)`` of those cosines;
* **lexical**: passages per second per core for word shingles, MinHash LSH and facts (step 02's jobs);
* **sources and quotes**: sentences per second per core (``voices.read_voices``);
* **the client's part of step 02**: seconds per passage of ``near_duplicates.detect`` beyond its
  jobs (the calls on the scored pairs, paragraph pairs, article coverage), on the scale path; step 02
  makes those calls once, then again for each ``z`` of the sensitivity table (``SWEEP_CALLS`` in all);
* **stories**: article pairs per second of step 01's clustering (average linkage and silhouettes on all
  pairs of at most ``stories.SAMPLE_ARTICLES`` articles, on the client; the others join the nearest
  story, a linear step left out).

Then, for N articles on C cores: reading, embedding, figures, the lexical stage and sources are
linear in N and split over the cores (the Dask engine runs them as partitioned jobs); the exact
similarity pass is quadratic in the number of passages (every block of the embedding matrix against
all of it), the approximate one grows as n^1.5; the client's part of step 02 is linear on one core,
the stories bounded by their sample. The stage with the largest predicted time dominates.

    .venv/bin/python benchmarks/cost_model.py [--articles 1000] [--cores 64]
    .venv/bin/python benchmarks/cost_model.py --rates-from benchmarks/results/cost_model.csv   # predict only

Writes ``benchmarks/results/cost_model.csv``.
"""

from __future__ import annotations

import argparse
import csv
import inspect
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "lib"))
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402

from make_corpus import generate  # noqa: E402
from newsbrief import claims, corpus, embeddings, language, stories, voices  # noqa: E402
from newsbrief import near_duplicates as nd  # noqa: E402
from newsbrief.near_duplicates import Settings, index  # noqa: E402
from newsbrief.near_duplicates.candidates import lexical_candidates, similarity_pass  # noqa: E402
from newsbrief.near_duplicates.facts import facts_of  # noqa: E402
from newsbrief.near_duplicates.passages import boilerplate, units as passage_units  # noqa: E402

PROBE_LISTS = Settings().probe_lists  # the approximate pass's default
SAMPLE = stories.SAMPLE_ARTICLES  # the stories are clustered on at most this many articles
# Step 02 detects once, then once per z of the sensitivity table (its scores cached, its calls made again).
SWEEP_CALLS = 1 + len(inspect.signature(nd.sensitivity).parameters["zs"].default)

RESULTS = HERE / "results"


def rates(n_articles: int) -> dict[str, float]:
    """The per-article sizes and the one-core rates, measured on ``n_articles`` generated articles."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch) / "corpus"
        generate(n_articles, folder)
        size = sum(p.stat().st_size for p in folder.glob("*.txt"))
        started = time.perf_counter()
        loaded = corpus.load_corpus(folder)
        read_s = time.perf_counter() - started
    sentences = corpus.sentences_table(loaded)
    texts = sentences.text.tolist()
    articles = [" ".join(s.text for s in d.sentences) for d in loaded.documents]
    language.detect(articles[0])  # the model loaded (about a second, once per process)
    started = time.perf_counter()
    for text in articles:
        language.detect(text)
    detect_s = time.perf_counter() - started
    encoder = embeddings._encoder(embeddings.BUNDLED_MODEL, "onnx-int8")
    sample = texts[:3000]
    tokens = sum(len(encoder.tokenizer.encode(t).ids) for t in sample)
    started = time.perf_counter()
    for text in sample:  # one thread, one text at a time: a worker's way
        encoder._one(text)
    embed_s = time.perf_counter() - started
    part = sentences[sentences.doc_id.isin(sorted(set(sentences.doc_id))[:300])]
    started = time.perf_counter()
    claims.claims_table(part)
    claims_s = time.perf_counter() - started
    paragraphs, documents = corpus.paragraphs_table(loaded), corpus.documents_table(loaded)
    started = time.perf_counter()
    voices.read_voices(part, paragraphs[paragraphs.doc_id.isin(set(part.doc_id))])
    voices_s = time.perf_counter() - started
    settings = Settings(exhaustive_limit=0)  # the scale path
    frame, _ = boilerplate(passage_units(paragraphs, sentences, "sentence", settings), settings)
    passages = frame.text.tolist()
    started = time.perf_counter()
    lexical_candidates(passages, False, settings)
    facts_of(passages)
    lexical_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as cache:
        embed = embeddings.Embedder(cache_dir=cache)
        vectors = embed(passages)
        with threadpool_limits(1):
            started = time.perf_counter()
            nd.detect(documents, paragraphs, sentences, embed, settings)
            detect_s = time.perf_counter() - started
            started = time.perf_counter()
            similarity_pass(vectors, frame.doc_id.to_numpy(), settings.lowest_cosine, False, settings)
            own_pass_s = time.perf_counter() - started
    client_s = max(detect_s - lexical_s - own_pass_s, 0.0)
    article_vectors = np.random.default_rng(1).standard_normal((2000, 384)).astype(np.float32)
    started = time.perf_counter()
    stories._cluster(article_vectors / np.linalg.norm(article_vectors, axis=1, keepdims=True))
    stories_s = time.perf_counter() - started
    units = 20_000
    vectors = np.random.default_rng(0).standard_normal((units, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    doc_ids = np.repeat(np.arange(units // 10), 10).astype(str)
    with threadpool_limits(1):
        started = time.perf_counter()
        similarity_pass(vectors, doc_ids, 0.8, False, Settings())
        pass_s = time.perf_counter() - started
    return {
        "bytes_per_article": size / n_articles,
        "sentences_per_article": len(texts) / n_articles,
        "tokens_per_sentence": tokens / len(sample),
        "articles_read_per_s": n_articles / read_s,
        "articles_language_told_per_s": len(articles) / detect_s,
        "tokens_embedded_per_s": tokens / embed_s,
        "sentences_for_figures_per_s": len(part) / claims_s,
        "similarity_pairs_per_s": units * units / pass_s,
        "passages_lexical_per_s": len(passages) / lexical_s,
        "sentences_for_sources_per_s": len(part) / voices_s,
        "client_step02_ms_per_passage": 1000 * client_s / len(passages),
        "story_article_pairs_per_s": 2000 * 1999 / 2 / stories_s,
    }


def predict(r: dict[str, float], articles: int, cores: int) -> dict[str, float]:
    """Predicted seconds of each stage for ``articles`` articles on ``cores`` cores."""
    sentences = articles * r["sentences_per_article"]
    return {
        "reading": articles / r["articles_read_per_s"] / cores,
        "embedding": sentences * r["tokens_per_sentence"] / r["tokens_embedded_per_s"] / cores,
        "figures": sentences / r["sentences_for_figures_per_s"] / cores,
        "sources and quotes": sentences / r["sentences_for_sources_per_s"] / cores,
        "shingles, LSH, facts": sentences / r["passages_lexical_per_s"] / cores,
        "similarity (exact, blockwise)": sentences * sentences / r["similarity_pairs_per_s"] / cores,
        "similarity (lists)": sentences * sentences * min(1.0, PROBE_LISTS / index.lists_for(int(sentences)))
                              / r["similarity_pairs_per_s"] / cores,
        "client: step 02 calls (1 core)": sentences * r["client_step02_ms_per_passage"] / 1000 * SWEEP_CALLS,
        "client: stories (1 core)": min(articles, SAMPLE) * (min(articles, SAMPLE) - 1) / 2
                                    / r["story_article_pairs_per_s"],
    }


def _rates_from(path: Path) -> dict[str, float]:
    """The measured rates of a cost_model.csv (its rows before the predictions)."""
    with path.open(encoding="utf-8") as handle:
        return {row["measure"]: float(row["value"]) for row in csv.DictReader(handle) if " " not in row["measure"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="generated articles to measure the rates on")
    parser.add_argument("--cores", type=int, default=64)
    parser.add_argument("--rates-from", type=Path, help="predict from the rates of an earlier run's CSV, unmeasured")
    args = parser.parse_args()
    r = rates(args.articles) if not args.rates_from else _rates_from(args.rates_from)
    for name, value in r.items():
        print(f"{name:<30}{value:>14,.1f}")
    rows = [{"measure": name, "value": round(value, 1)} for name, value in r.items()]
    print(f"\n{'articles':>10}{'cores':>6}  " + "".join(f"{s[:20]:>21}" for s in predict(r, 1, 1))
          + "  dominant (exact / lists)")
    for articles, cores in ((20_000, 2), (100_000, args.cores), (1_000_000, args.cores)):
        stages = predict(r, articles, cores)
        dominant = {path: max((s for s in stages if s != f"similarity ({other})"), key=stages.get)
                    for path, other in (("exact", "lists"), ("lists", "exact, blockwise"))}
        print(f"{articles:>10,}{cores:>6}  " + "".join(f"{v / 3600:>20.3f}h" for v in stages.values())
              + f"  {dominant['exact']} / {dominant['lists']}")
        rows += [{"measure": f"{articles} articles on {cores} cores: {stage} (hours)", "value": round(v / 3600, 3)}
                 for stage, v in stages.items()]
        rows += [{"measure": f"{articles} articles on {cores} cores: dominant stage ({path} neighbours)",
                  "value": stage} for path, stage in dominant.items()]
        rows.append({"measure": f"{articles} articles: embedding bytes (float32 vectors, GB)",
                     "value": round(articles * r["sentences_per_article"] * 384 * 4 / 1e9, 2)})
        rows.append({"measure": f"{articles} articles: stories' distance matrices on the client (GB)",
                     "value": round(min(articles, SAMPLE) ** 2 * 8 * 1.5 / 1e9, 1)})
    RESULTS.mkdir(exist_ok=True)
    with (RESULTS / "cost_model.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["measure", "value"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
