"""Build a test corpus of real news articles with injected duplicates whose truth is recorded.

The articles are the Lee corpus: 350 ABC News articles (Lee, Pincombe & Welsh, 2005) that ship as
test data inside the gensim wheel. The wheel is fetched once with `pip download` into
benchmarks/data/cache/ (the only network use, at set-up time, like any install) and the two
files are read from it; gensim itself is never installed.

Into those articles go, with a fixed seed:
  * verbatim copies of whole articles under a new name,
  * lightly edited copies (one word in two sentences of three replaced, the last sentence dropped),
  * paragraphs copied word for word into another article (syndication),
  * hand-written paraphrases of Lee passages (tests/fixtures/near_duplicates/labelled_pairs.csv)
    added to another article.
`truth.csv` lists every injection: kind, level, the source article and the article it went into.

    .venv/bin/python benchmarks/make_corpus.py --articles 300 --out /tmp/lee-300
    make report CORPUS=/tmp/lee-300 OUT=/tmp/lee-300-out
    .venv/bin/python benchmarks/make_corpus.py --score /tmp/lee-300 /tmp/lee-300-out

For corpora larger than the Lee articles, ``--generate N`` composes N articles from the real Lee
and seed paragraphs (see :func:`generate`) with the same kinds of injections, plus human-rated
paraphrase pairs from the STS Benchmark test split; benchmarks/scale.py uses it.
"""

from __future__ import annotations

import argparse
import csv
import random
import subprocess
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CACHE = HERE / "data" / "cache"
LABELLED = HERE.parent / "tests" / "fixtures" / "near_duplicates" / "labelled_pairs.csv"
GENSIM = "gensim==4.4.0"
LEE_FILES = ("gensim/test/test_data/lee_background.cor", "gensim/test/test_data/lee.cor")


def lee_articles() -> list[str]:
    """The 300 + 50 Lee articles, one string each, in file order (fetched once)."""
    CACHE.mkdir(parents=True, exist_ok=True)
    targets = [CACHE / Path(name).name for name in LEE_FILES]
    if not all(t.is_file() for t in targets):
        wheels = sorted(CACHE.glob("gensim-*.whl"))
        if not wheels:
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                            "-d", str(CACHE), GENSIM], check=True)
            wheels = sorted(CACHE.glob("gensim-*.whl"))
        with zipfile.ZipFile(wheels[-1]) as wheel:
            for name, target in zip(LEE_FILES, targets):
                target.write_bytes(wheel.read(name))
    articles = []
    for target in targets:
        articles += [line.strip() for line in target.read_text(encoding="utf-8", errors="replace").splitlines()
                     if line.strip()]
    return articles


def paragraphs_of(text: str, rng: random.Random) -> list[str]:
    """Sentences grouped into paragraphs of two or three, as a web article would be laid out."""
    from newsbrief.text import split_sentences

    sentences = [text[a:b] for a, b in split_sentences(text)]
    out, k = [], 0
    while k < len(sentences):
        size = rng.choice((2, 3))
        out.append(" ".join(sentences[k:k + size]))
        k += size
    return out


EDIT_WORDS = ["reported", "several", "officials", "recently", "significant", "major"]


def light_edit(paragraphs: list[str], rng: random.Random, vocabulary: list[str] | None = None) -> list[str]:
    """Replace one word in two sentences of three (by a word of ``vocabulary``, default EDIT_WORDS) and
    drop the last paragraph: a rewrite desk's pass."""
    from newsbrief.text import split_sentences

    edited = []
    for paragraph in paragraphs[:-1] if len(paragraphs) > 2 else paragraphs:
        sentences = [paragraph[a:b] for a, b in split_sentences(paragraph)]
        out = []
        for sentence in sentences:
            words = sentence.split(" ")
            long_words = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha() and i > 0]
            if long_words and rng.random() < 2 / 3:
                i = rng.choice(long_words)
                words[i] = rng.choice(vocabulary or EDIT_WORDS)
            out.append(" ".join(words))
        edited.append(" ".join(out))
    return edited


def _write(out: Path, articles: dict[str, list[str]], truth: list[tuple[str, str, str, str]]) -> None:
    """One .txt file per article (paragraphs separated by blank lines) and truth.csv, in name order."""
    out.mkdir(parents=True, exist_ok=True)
    for doc_id, paragraphs in sorted(articles.items()):
        (out / f"{doc_id}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    with (out / "truth.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["kind", "level", "source", "target"])
        writer.writerows(sorted(truth))


def build(n_articles: int, out: Path, seed: int = 0, copies: int = 10, edits: int = 10,
          syndicated: int = 10) -> None:
    """Write ``n_articles`` Lee articles plus the injections into ``out``; record them in truth.csv."""
    rng = random.Random(seed)
    pool = list(dict.fromkeys(lee_articles()))  # exact duplicates between the two files dropped
    chosen = sorted(rng.sample(range(len(pool)), min(n_articles, len(pool))))
    articles = {f"lee{k:03d}": paragraphs_of(pool[k], rng) for k in chosen}
    truth = []
    ids = sorted(articles)
    for n, source in enumerate(rng.sample(ids, copies)):
        copy = f"copy{n:02d}-of-{source}"
        articles[copy] = list(articles[source])
        truth.append(("verbatim", "document", source, copy))
    for n, source in enumerate(rng.sample(ids, edits)):
        copy = f"edit{n:02d}-of-{source}"
        articles[copy] = light_edit(articles[source], rng)
        truth.append(("edited", "document", source, copy))
    for _ in range(syndicated):
        source, host = rng.sample(ids, 2)
        paragraph = rng.choice([p for p in articles[source] if p.count(". ") >= 1] or articles[source])
        articles[host] = articles[host] + [paragraph]
        truth.append(("verbatim", "passage", source, host))
    with LABELLED.open(encoding="utf-8") as handle:
        paraphrases = [r for r in csv.DictReader(handle) if r["category"] == "paraphrase"
                       and r["source"].startswith("lee:") and int(r["source"][4:]) - 1 in chosen]
    for row in paraphrases:
        source = f"lee{int(row['source'][4:]) - 1:03d}"
        host = rng.choice([i for i in ids if i != source])
        articles[host] = articles[host] + [row["text_b"]]
        truth.append(("paraphrase", "passage", source, host))
    _write(out, articles, truth)


STS = HERE / "data" / "stsb-test.tsv"
SEEDS = HERE.parent / "seeds"


def _pool(rng: random.Random) -> list[str]:
    """Real paragraphs: the Lee articles' (2-3 sentences each) and the seeds' body paragraphs."""
    from newsbrief import corpus
    from newsbrief.text import count_words

    pool = [p for text in dict.fromkeys(lee_articles()) for p in paragraphs_of(text, rng)]
    loaded = corpus.load_corpus(SEEDS)
    pool += [p.text for d in loaded.documents for p in d.paragraphs
             if p.kind == "body" and count_words(p.text) >= 20]
    return pool


def _disguise(paragraph: str, vocabulary: list[str], rng: random.Random) -> str:
    """A paragraph whose every second longer word is swapped for another word of the pool: the same
    shape, lengths and vocabulary as real text, but no longer a copy of the paragraph it came from."""
    words = paragraph.split(" ")
    swap = [i for i, w in enumerate(words) if len(w) > 3 and w.isalpha()][::2]
    for i in swap:
        words[i] = rng.choice(vocabulary)
    return " ".join(words)


def _sts_paraphrases() -> list[tuple[str, str]]:
    """STS Benchmark test pairs rated 4.6 or more (same meaning), both sentences of 8+ words."""
    pairs = []
    with STS.open(encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if float(row[4]) >= 4.6 and min(len(row[5].split()), len(row[6].split())) >= 8 and row[5] != row[6]:
                pairs.append((row[5].strip(), row[6].strip()))
    return pairs


def generate(n_articles: int, out: Path, seed: int = 0) -> None:
    """Write ``n_articles`` generated articles plus injected duplicates into ``out`` (with truth.csv).

    Background articles take 3 to 6 real paragraphs each from the pool (Lee and seed paragraphs);
    a paragraph is used once as it is, and again only disguised (:func:`_disguise`), so the
    background holds no duplicate by construction. Then, for about one article in twenty each:
    a verbatim copy of an article, a lightly edited copy, a paragraph syndicated into another
    article, and a human-rated paraphrase pair from the STS Benchmark (score >= 4.6) placed in two
    articles. Every injection is a row of truth.csv.

    A disguised paragraph keeps half the words of its source, so the detector may call the two a
    paraphrase: such pairs are real near-duplicates of the generated corpus but are not in
    truth.csv, which is why the scale benchmark reports recall of the injections, not precision.
    """
    rng = random.Random(seed)
    pool = _pool(rng)
    vocabulary = sorted({w for p in pool for w in p.split(" ") if len(w) > 3 and w.isalpha() and w.islower()})
    order: list[int] = []
    articles: dict[str, list[str]] = {}
    uses: dict[int, int] = {}
    injected = max(1, n_articles // 20)
    background = n_articles - 2 * injected
    for n in range(background):
        paragraphs = []
        for _ in range(rng.randint(3, 6)):
            if not order:
                order = list(range(len(pool)))
                rng.shuffle(order)
            k = order.pop()
            uses[k] = uses.get(k, 0) + 1
            paragraphs.append(pool[k] if uses[k] == 1 else _disguise(pool[k], vocabulary, rng))
        articles[f"gen{n:05d}"] = paragraphs
    ids = sorted(articles)
    truth = []
    sources = rng.sample(ids, 2 * injected)
    for n, source in enumerate(sources[:injected]):
        articles[f"copy{n:04d}-of-{source}"] = list(articles[source])
        truth.append(("verbatim", "document", source, f"copy{n:04d}-of-{source}"))
    for n, source in enumerate(sources[injected:]):
        articles[f"edit{n:04d}-of-{source}"] = light_edit(articles[source], rng)
        truth.append(("edited", "document", source, f"edit{n:04d}-of-{source}"))
    for _ in range(injected):
        source, host = rng.sample(ids, 2)
        articles[host] = articles[host] + [rng.choice(articles[source])]
        truth.append(("verbatim", "passage", source, host))
    paraphrases = _sts_paraphrases()
    for a, b in rng.sample(paraphrases, min(injected, len(paraphrases))):
        first, second = rng.sample(ids, 2)
        articles[first] = articles[first] + [a]
        articles[second] = articles[second] + [b]
        truth.append(("paraphrase", "passage", first, second))
    _write(out, articles, truth)


def score(corpus: Path, out: Path, pairs=None) -> list[tuple[str, str, int, int]]:
    """Recall of every injection kind: (kind, level, injected, found).

    From a run's ``near_duplicates.csv`` in ``out``, or from ``pairs`` (a frame of the same columns)
    when given. An injection counts as found when its two articles are reported as a pair of its
    level at least as severe as its kind (verbatim < edited < paraphrase); a shared fact restates
    nothing, so it finds no injection.
    """
    from newsbrief.tables import read_table

    near = pairs if pairs is not None else read_table(out / "tables", "near_duplicates.csv")
    severity = {"verbatim": 0, "edited": 1, "paraphrase": 2, "shared fact": 3}
    found: dict[tuple[str, str, str], int] = {}
    for r in near.itertuples():
        level = "document" if r.level == "document" else "passage"
        key = (level, *sorted((r.doc_a, r.doc_b)))
        found[key] = min(found.get(key, 9), severity[r.category])
    results: dict[tuple[str, str], list[int]] = {}
    with (corpus / "truth.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["level"], *sorted((row["source"], row["target"])))
            hit = found.get(key, 9) <= severity[row["kind"]]
            counts = results.setdefault((row["kind"], row["level"]), [0, 0])
            counts[0] += 1
            counts[1] += int(hit)
    return [(kind, level, n, hit) for (kind, level), (n, hit) in sorted(results.items())]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300, help="Lee articles to take (at most 350)")
    parser.add_argument("--generate", type=int, metavar="N",
                        help="instead, generate N articles from Lee and seed paragraphs (any N; see generate())")
    parser.add_argument("--out", type=Path, help="folder to write the corpus into")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--score", nargs=2, type=Path, metavar=("CORPUS", "OUT"),
                        help="score a finished run instead: recall of the injected duplicates")
    args = parser.parse_args()
    if args.score:
        print(f"{'kind':<11}{'level':<10}{'injected':>9}{'found':>7}{'recall':>8}")
        for kind, level, n, hit in score(*args.score):
            print(f"{kind:<11}{level:<10}{n:>9}{hit:>7}{hit / n:>8.2f}")
        return
    if args.generate:
        generate(args.generate, args.out, seed=args.seed)
    else:
        build(args.articles, args.out, seed=args.seed)
    print(f"wrote {len(list(args.out.glob('*.txt')))} articles and truth.csv to {args.out}")


if __name__ == "__main__":
    main()
