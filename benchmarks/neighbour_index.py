"""The approximate nearest-neighbour index (``neighbour_index="lists"``) against the exact pass.

On a generated corpus of each size (benchmarks/make_corpus.py ``generate``: real paragraphs with
injected duplicates whose truth is recorded), the sentences are embedded once (cached), then:

* the similarity pass at the lowest cosine any call uses, exact and with lists at each ``probe_lists``:
  its seconds, how many cosines it computed, the recall of the exact pass's candidate pairs and of each
  unit's nearest neighbours in other articles (the margin and the calibration read them);
* the whole detection (``near_duplicates.detect`` on the scale path) with each: seconds, reported
  pairs, the share of the exact run's reported pairs found, and the recall of the injections.

    .venv/bin/python benchmarks/neighbour_index.py                  # 2,000 articles, probes 8 16 32
    .venv/bin/python benchmarks/neighbour_index.py --sizes 2000 5000 --probes 16 32 64
    .venv/bin/python benchmarks/neighbour_index.py --run OUT --sizes 10000 20000 --out …  # the pass alone

With ``--run``, the pass alone is timed on the first articles of a finished run (its tables and
embedding cache), for corpora too large to run the whole detection twice per setting here.

Writes benchmarks/results/neighbour_index.csv.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "lib"))

from embedding_backends import machine  # noqa: E402
from make_corpus import generate, score  # noqa: E402
from scale import write  # noqa: E402

RESULTS = HERE / "results"


def _settings(probe: int):
    """The scale path's settings: the exact pass (``probe`` 0) or lists probing ``probe`` of them."""
    from newsbrief import near_duplicates as nd

    return nd.Settings(exhaustive_limit=0, **({"neighbour_index": "lists", "probe_lists": probe} if probe else {}))


def _pass(vectors, doc_ids, settings, exact) -> tuple:
    """One similarity pass timed, and its columns: share of cosines computed, and the recall of the
    ``exact`` pass's candidate pairs and nearest neighbours (itself when ``exact`` is None)."""
    import numpy as np

    from newsbrief.near_duplicates import index
    from newsbrief.near_duplicates.candidates import block_rows, similarity_pass

    n, lists = len(vectors), settings.neighbour_index == "lists"
    started = time.perf_counter()
    found = similarity_pass(vectors, doc_ids, settings.lowest_cosine, False, settings)
    seconds = time.perf_counter() - started
    exact = exact or found
    blocks = index.probe_blocks(vectors, settings.probe_lists, settings.seed, block_rows) if lists else []
    compared = sum(len(r) * len(c) for r, c in blocks) if lists else n * n
    wanted, got = set(zip(exact.i.tolist(), exact.j.tolist())), set(zip(found.i.tolist(), found.j.tolist()))
    near = np.mean([len(set(a[a >= 0]) & set(b[b >= 0])) / max((a >= 0).sum(), 1)
                    for a, b in zip(exact.near_index, found.near_index)])
    return found, {"sentences_compared": n, "index": f"lists, probe {settings.probe_lists}" if lists else "exact",
                   "lists": index.lists_for(n) if lists else "", "pass_s": round(seconds, 1),
                   "cosines_share": round(compared / (n * n), 3),
                   "candidate_recall": round(len(wanted & got) / max(len(wanted), 1), 4),
                   "neighbour_recall": round(float(near), 4)}


def run(size: int, probes: list[int], scratch: Path) -> list[dict]:

    from newsbrief import corpus, embeddings
    from newsbrief import near_duplicates as nd
    from newsbrief.near_duplicates.passages import boilerplate, units

    folder = scratch / f"corpus-{size}"
    generate(size, folder)
    loaded = corpus.load_corpus(folder)
    documents, paragraphs, sentences = (corpus.documents_table(loaded), corpus.paragraphs_table(loaded),
                                        corpus.sentences_table(loaded))
    embed = embeddings.Embedder(cache_dir=scratch / "cache")
    base = nd.Settings(exhaustive_limit=0)
    frame, _ = boilerplate(units(paragraphs, sentences, "sentence", base), base)
    vectors = embed(frame.text.tolist())
    doc_ids = frame.doc_id.to_numpy()
    rows, exact_pass, exact_pairs = [], None, None
    for probe in [0, *probes]:
        settings = _settings(probe)
        found, measured = _pass(vectors, doc_ids, settings, exact_pass)
        started = time.perf_counter()
        pairs = nd.detect(documents, paragraphs, sentences, embed, settings).pairs
        detect_s = time.perf_counter() - started
        exact_pass = exact_pass or found
        exact_pairs = pairs if exact_pairs is None else exact_pairs
        key = ["level", "doc_a", "start_a", "doc_b", "start_b", "category"]
        reported = set(map(tuple, exact_pairs[key].astype(str).to_numpy()))
        kept = set(map(tuple, pairs[key].astype(str).to_numpy()))
        recall = {f"recall_{k}_{lv}": round(h / m, 2) for k, lv, m, h in score(folder, None, pairs)}
        rows.append({"articles": size, **measured, "detect_s": round(detect_s, 1),
                     "reported_pairs": len(pairs),
                     "exact_pairs_found": round(len(reported & kept) / max(len(reported), 1), 4),
                     "extra_pairs": len(kept - reported), **recall})
        print(rows[-1], flush=True)
    return rows


def from_run(run: Path, sizes: list[int], probes: list[int]) -> list[dict]:
    """The similarity pass alone, exact and with lists, on the first ``size`` articles of a finished run
    (its tables and embedding cache): larger corpora than the whole detection can be timed on here."""

    from newsbrief import embeddings, tables
    from newsbrief import near_duplicates as nd
    from newsbrief.near_duplicates.passages import boilerplate, units

    paragraphs, sentences = (tables.read_table(run / "tables", n) for n in ("paragraphs.csv", "sentences.csv"))
    embed = embeddings.Embedder(cache_dir=run / "cache")
    rows = []
    for size in sizes:
        docs = set(sorted(set(sentences.doc_id))[:size])
        base = nd.Settings(exhaustive_limit=0)
        frame, _ = boilerplate(units(paragraphs[paragraphs.doc_id.isin(docs)], sentences[sentences.doc_id.isin(docs)],
                                     "sentence", base), base)
        vectors, doc_ids = embed(frame.text.tolist()), frame.doc_id.to_numpy()
        exact = None
        for probe in [0, *probes]:
            found, measured = _pass(vectors, doc_ids, _settings(probe), exact)
            exact = exact or found
            rows.append({"articles": size, **measured})
            print(rows[-1], flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000])
    parser.add_argument("--probes", type=int, nargs="+", default=[8, 16, 32])
    parser.add_argument("--out", type=Path, default=RESULTS / "neighbour_index.csv")
    parser.add_argument("--run", type=Path, help="a finished run's folder: time the pass alone on its first "
                                                 "--sizes articles (tables and embedding cache), no detection")
    args = parser.parse_args()
    print(f"machine: {machine()}", flush=True)
    if args.run:
        write(from_run(args.run, args.sizes, args.probes), args.out)
        return
    rows = []
    with tempfile.TemporaryDirectory(prefix="newsbrief-index-") as scratch:
        for size in args.sizes:
            rows += run(size, args.probes, Path(scratch))
    write(rows, args.out)


if __name__ == "__main__":
    main()
