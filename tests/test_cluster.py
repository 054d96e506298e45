"""The engines: the same results in the same order here and on a Dask LocalCluster of 2 worker processes,
a worker killed mid-run retried, an unreachable scheduler one line naming its address; `make report
ENGINE=dask` on the seeds writes the tables of the local run, byte for byte."""

import os
import socket
from pathlib import Path

import pytest

from conftest import ROOT, run_make
import numpy as np

from newsbrief import claims, cluster, corpus, embeddings, tables, voices
from newsbrief.near_duplicates.facts import facts_of
from newsbrief.voices import ledger
from newsbrief.near_duplicates import Settings, candidates
from newsbrief.near_duplicates.candidates import lexical_candidates, similarity_pass


@pytest.fixture(scope="module")
def dask_engine():
    with cluster.connect("dask", workers=2) as engine:
        yield engine


def test_an_unknown_engine_or_a_scheduler_without_dask_is_refused():
    with pytest.raises(cluster.EngineError, match="engine 'spark' is not one of local, dask"):
        cluster.connect("spark")
    with pytest.raises(cluster.EngineError, match="scheduler 'tcp://h:8786' given with engine 'local'"):
        cluster.connect("local", "tcp://h:8786")
    assert cluster.connect("local").map(pow, [2, 3], 2) == [4, 9]


def test_an_unreachable_scheduler_is_one_line_naming_its_address():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    with pytest.raises(cluster.EngineError) as raised:
        cluster.connect("dask", address, timeout=2)
    message = str(raised.value)
    assert message.startswith(f"the Dask scheduler at {address} cannot be reached") and "\n" not in message


def test_results_come_in_the_items_order_on_two_workers(dask_engine):
    assert dask_engine.workers == 2
    assert dask_engine.map(pow, list(range(40)), 3) == [n ** 3 for n in range(40)]


def test_a_worker_killed_mid_run_is_replaced_and_the_results_are_the_same(dask_engine, tmp_path):
    marker = tmp_path / "killed"

    def work(n, marker):  # pickled by value: the first task to see no marker kills its worker's process
        if n == 7 and not Path(marker).exists():
            Path(marker).write_text(str(os.getpid()))
            os._exit(1)
        return n * n

    assert dask_engine.map(work, list(range(20)), str(marker)) == [n * n for n in range(20)]
    assert marker.is_file()  # a worker process did die


def test_articles_embeddings_and_figures_are_the_same_bits_on_the_cluster(dask_engine, monkeypatch, tmp_path):
    here, there = corpus.load_corpus(ROOT / "seeds"), corpus.load_corpus(ROOT / "seeds", engine=dask_engine)
    assert there.warnings == here.warnings
    for name, table in (("documents", corpus.documents_table), ("sentences", corpus.sentences_table),
                        ("paragraphs", corpus.paragraphs_table)):
        assert table(there).equals(table(here)), name
    sentences = corpus.sentences_table(here)
    texts = sentences.text.tolist()[:60]
    local = embeddings.Embedder()(texts)
    remote = embeddings.Embedder(engine=dask_engine)
    monkeypatch.setattr(embeddings, "CHUNK", 16)  # several chunks, each a job
    assert remote(texts).tobytes() == local.tobytes() and remote.computed == len(set(texts))
    monkeypatch.setattr(claims.extract, "PART_SENTENCES", 50)  # the seeds' articles in several parts
    assert len(cluster.by_article(sentences, 50)) > 2
    assert claims.claims_table(sentences, engine=dask_engine).equals(claims.claims_table(sentences))


def test_make_report_on_dask_writes_the_local_runs_tables_byte_for_byte(seeds_out, tmp_path):
    out = tmp_path / "out"
    result = run_make("report", f"CORPUS={ROOT / 'seeds'}", f"OUT={out}", "ENGINE=dask")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "newsbrief: 01-corpus-stats: note: Dask dashboard at http" in result.stderr
    names = sorted(p.name for p in (seeds_out / "tables").glob("*.csv"))
    assert names == sorted(p.name for p in (out / "tables").glob("*.csv"))
    assert [n for n in names if (out / "tables" / n).read_bytes() != (seeds_out / "tables" / n).read_bytes()] == []
    assert tables.read_table(out / "tables", "documents.csv").doc_id.tolist()[:1] == ["000_81395c6dc450b57d"]


@pytest.mark.parametrize("exhaustive", [True, False])
def test_the_nearest_neighbour_pass_is_the_same_bits_block_by_block_on_the_cluster(dask_engine, exhaustive):
    vectors = np.random.default_rng(7).standard_normal((3000, 384)).astype(np.float32)
    vectors[1000:1100] = vectors[:100] + 0.1  # some close pairs
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    doc_ids = np.repeat(np.arange(300), 10).astype(str)
    here = similarity_pass(vectors, doc_ids, 0.5, exhaustive, Settings(), block=256)
    there = similarity_pass(vectors, doc_ids, 0.5, exhaustive, Settings(), block=256, engine=dask_engine)
    assert len(here.i) >= 100
    for field in ("i", "j", "cosine", "near_index", "near_cosine"):
        assert np.asarray(getattr(there, field)).tobytes() == np.asarray(getattr(here, field)).tobytes(), field


def test_make_report_on_a_running_scheduler_whose_workers_have_a_working_directory_of_their_own(tmp_path,
                                                                                                monkeypatch):
    from dask.distributed import LocalCluster

    monkeypatch.chdir(tmp_path)  # the workers start here, not where the notebooks run
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=":0") as running:
        out = tmp_path / "out"
        result = run_make("report", "CORPUS=tests/fixtures/languages", f"OUT={out}", "ENGINE=dask",
                          f"SCHEDULER={running.scheduler_address}")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(1 worker)" in result.stderr
    docs = tables.read_table(out / "tables", "documents.csv")
    assert docs.doc_id.tolist() == ["harbour-vote", "kurz", "vote-portuaire", "hafen-abstimmung", "votacion-puerto"]


def test_a_shuffle_brings_each_parts_values_from_every_item_together_on_two_workers(dask_engine):
    def cut(item, parts):  # each number goes to the part of its remainder
        return [[n for n in item if n % parts == p] for p in range(parts)]

    def merge(*lists):
        return sorted(n for values in lists for n in values)

    items = [list(range(s, s + 10)) for s in range(0, 50, 10)]
    expected = [list(range(p, 50, 3)) for p in range(3)]
    assert dask_engine.shuffle(cut, items, merge, 3, 3) == expected
    assert cluster.connect("local").shuffle(cut, items, merge, 3, 3) == expected


def test_shingles_lsh_facts_and_voices_are_the_same_on_the_cluster(dask_engine, monkeypatch):
    here = corpus.load_corpus(ROOT / "seeds")
    sentences, paragraphs = corpus.sentences_table(here), corpus.paragraphs_table(here)
    texts = sentences.text.tolist()
    monkeypatch.setattr(candidates, "UNIT_CHUNK", 100)  # several jobs of shingles and facts
    monkeypatch.setattr(candidates, "_LSH_CHUNK", 64)  # several jobs of signatures
    local = lexical_candidates(texts, False, Settings(), engine=cluster.connect("local"))
    remote = lexical_candidates(texts, False, Settings(), engine=dask_engine)
    assert remote[1] == local[1] and len(local[0][0]) > 0
    assert all(a.tobytes() == b.tobytes() for a, b in zip(remote[0], local[0]))
    assert dask_engine.map_chunks(facts_of, texts, 100) == facts_of(texts)
    monkeypatch.setattr(ledger, "PART_PARAGRAPHS", 20)  # the seeds' articles in several parts
    assert len(cluster.by_article(paragraphs[paragraphs.kind == "body"], 20)) > 2
    for there, here_table in zip(voices.read_voices(sentences, paragraphs, engine=dask_engine),
                                 voices.read_voices(sentences, paragraphs)):
        assert there.equals(here_table) and len(here_table)


@pytest.mark.parametrize("neighbour_index", ["exact", "lists"])
def test_near_duplicate_detection_on_the_cluster_finds_the_same_pairs(dask_engine, monkeypatch, tmp_path,
                                                                       neighbour_index):
    from newsbrief import near_duplicates as nd
    from newsbrief.near_duplicates import detection

    here = corpus.load_corpus(ROOT / "seeds")
    tables_ = corpus.documents_table(here), corpus.paragraphs_table(here), corpus.sentences_table(here)
    settings = Settings(exhaustive_limit=0, neighbour_index=neighbour_index, probe_lists=3)  # the large-corpus path
    monkeypatch.setattr(detection, "_PAIRS_PER_JOB", 50)  # the pairs scored in several jobs
    monkeypatch.setattr(candidates, "UNIT_CHUNK", 100)
    scored_there = []
    score_on_cluster = detection._score_on_cluster
    monkeypatch.setattr(detection, "_score_on_cluster", lambda work, vectors, pairs, engine: (
        scored_there.append(len(pairs)), score_on_cluster(work, vectors, pairs, engine)))
    local = nd.detect(*tables_, embeddings.Embedder(cache_dir=tmp_path), settings)
    remote = nd.detect(*tables_, embeddings.Embedder(cache_dir=tmp_path, engine=dask_engine), settings)
    assert len(local.pairs) > 10 and len(scored_there) == 1 and scored_there[0] > 100
    assert remote.pairs.equals(local.pairs) and remote.overlap.equals(local.overlap)
    assert remote.calibration_table().equals(local.calibration_table())


def test_the_approximate_lists_pass_is_the_same_bits_on_the_cluster(dask_engine):
    vectors = np.random.default_rng(3).standard_normal((3000, 64)).astype(np.float32)
    vectors[1500:1600] = vectors[:100] + 0.1
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    doc_ids = np.repeat(np.arange(300), 10).astype(str)
    settings = Settings(neighbour_index="lists", probe_lists=4)
    here = similarity_pass(vectors, doc_ids, 0.5, False, settings)
    there = similarity_pass(vectors, doc_ids, 0.5, False, settings, engine=dask_engine)
    assert len(here.i) >= 100
    for field in ("i", "j", "cosine", "near_index", "near_cosine"):
        assert np.asarray(getattr(there, field)).tobytes() == np.asarray(getattr(here, field)).tobytes(), field
