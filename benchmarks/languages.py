"""How well newsbrief tells an article's language, and how well near-duplicates are found in articles that
are not in English, on real news pages kept outside the repository (htmldate's 135 Media Cloud pages from
around the world, and trafilatura's 78 English pages: ``../shared/data/pages``).

1. **Language.** Each page is read as step 01 reads it (``newsbrief.pages``, then
   ``newsbrief.language.decide`` with the language the markup declares). The gold language of every
   page is in ``benchmarks/data/page_languages.csv`` (read by a person from the page's text; the English
   set is English throughout). Per page: what the text reads as, what the markup declares, what newsbrief
   uses. Precision: the share of decided languages that are right; recall: the share of pages given
   their right language.
2. **Near-duplicates in other languages.** Two corpora are built from the pages' texts, one of the
   pages not in English (gold), one of the English ones, each with the same injections at a fixed seed
   (whole copies, lightly edited copies: a word of two sentences in three swapped for another word of the
   article and the last paragraph dropped, and paragraphs copied into another article), then ``make
   report`` runs on each and the injections found are counted (``make_corpus.score``), as are the pairs
   of distinct articles reported as restating each other that no injection explains.

    .venv/bin/python benchmarks/languages.py [--pages ../shared/data/pages]

Writes ``benchmarks/results/languages.csv`` and ``benchmarks/results/languages_pairs.csv``.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "lib"))
sys.path.insert(0, str(HERE))

from make_corpus import light_edit, score  # noqa: E402
from scale import make_report  # noqa: E402

from newsbrief import language, pages, tables  # noqa: E402

GOLD = HERE / "data" / "page_languages.csv"
RESULTS = HERE / "results"


def read_pages(folder: Path) -> list[dict]:
    """Every page of the two sets as step 01 reads it: its text, and its languages."""
    rows = []
    for subset in ("dates", "text"):
        for name in sorted(json.loads((folder / f"{subset}.json").read_text(encoding="utf-8"))):
            path = folder / subset / name
            page = pages.read_page(path, path.read_bytes(), [])
            if page is None:
                rows.append({"file": f"{subset}/{name}", "text": ""})
                continue
            text = pages.article_text(page)
            decided = language.decide(text, {"html": page.language}, [], name)
            rows.append({"file": f"{subset}/{name}", "text": text, "declared": language.tag(page.language) or "",
                         "detected": decided.detected, "confidence": decided.confidence, "used": decided.code,
                         "source": decided.source})
    return rows


def language_scores(rows: list[dict], gold: dict[str, str]) -> list[tuple[str, int, int, int]]:
    """(field, pages with a gold label, decided, right) for what the text reads as, what the markup
    declares, and what newsbrief uses."""
    read = [r for r in rows if r["text"]]
    out = []
    for field in ("detected", "declared", "used"):
        decided = [r for r in read if r[field]]
        out.append((field, len(read), len(decided), sum(r[field] == gold[r["file"]] for r in decided)))
    return out


def _edit(paragraphs: list[str], rng: random.Random) -> list[str]:
    """``make_corpus.light_edit`` with the article's own long words as replacements: a rewrite desk's pass
    in any language."""
    vocabulary = sorted({w for p in paragraphs for w in p.split() if len(w) > 4 and w.isalpha()}) or ["x"]
    return light_edit(paragraphs, rng, vocabulary)


def build(texts: dict[str, str], out: Path, seed: int = 0, injections: int = 8) -> None:
    """The articles of ``texts`` with copied paragraphs, then copies and edited copies (a copy is of the
    article as it stands, a paragraph lent to it included); truth.csv lists them."""
    rng = random.Random(seed)
    articles = {doc: [p for p in text.split("\n\n") if p.strip()] for doc, text in sorted(texts.items())}
    ids = sorted(articles)
    truth = []
    for _ in range(injections):
        source, host = rng.sample(ids, 2)
        paragraph = max(articles[source][1:] or articles[source], key=len)
        articles[host] = articles[host] + [paragraph]
        truth.append(("verbatim", "passage", source, host))
    for n, source in enumerate(rng.sample(ids, injections)):
        articles[f"copy{n:02d}-of-{source}"] = list(articles[source])
        truth.append(("verbatim", "document", source, f"copy{n:02d}-of-{source}"))
    for n, source in enumerate(rng.sample(ids, injections)):
        articles[f"edit{n:02d}-of-{source}"] = _edit(articles[source], rng)
        truth.append(("edited", "document", source, f"edit{n:02d}-of-{source}"))
    out.mkdir(parents=True)
    for doc, paragraphs in articles.items():
        (out / f"{doc}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    with (out / "truth.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["kind", "level", "source", "target"])
        writer.writerows(sorted(truth))


def _base(doc: str) -> str:
    """The article a copy was made of ("copy03-of-x" is "x"), or the article itself."""
    return doc.split("-of-", 1)[1] if "-of-" in doc else doc


def unexplained(corpus: Path, out: Path) -> tuple[int, int, list[dict]]:
    """Pairs of two articles reported as restating each other (not a shared fact) that no injection
    explains (an article, its copies and the articles it lent a paragraph to are related): (article
    pairs reported, of them unexplained, the unexplained rows)."""
    with (corpus / "truth.csv").open(encoding="utf-8") as handle:
        related = {frozenset((_base(r["source"]), _base(r["target"]))) for r in csv.DictReader(handle)}
    near = tables.read_table(out / "tables", "near_duplicates.csv")
    near = near[(near.doc_a != near.doc_b) & (near.category != tables.SHARED_FACT)]
    keys = [frozenset((_base(a), _base(b))) for a, b in zip(near.doc_a, near.doc_b)]
    wrong = [len(k) == 2 and k not in related for k in keys]
    pairs = {frozenset((a, b)) for a, b in zip(near.doc_a, near.doc_b)}
    bad = {frozenset((a, b)) for a, b, w in zip(near.doc_a, near.doc_b, wrong) if w}
    rows = near[wrong][["level", "doc_a", "doc_b", "category", "cosine", "text_a", "text_b"]]
    return len(pairs), len(bad), rows.to_dict("records")


def missed(corpus: Path, out: Path) -> list[str]:
    """The injections no pair reports, each with the source article's language and length."""
    near = tables.read_table(out / "tables", "near_duplicates.csv")
    docs = tables.read_table(out / "tables", "documents.csv").set_index("doc_id")
    found = {frozenset((a, b)) for a, b in zip(near.doc_a, near.doc_b)}
    with (corpus / "truth.csv").open(encoding="utf-8") as handle:
        return [f"{r['kind']} {r['level']} {r['source']} -> {r['target']} ({docs.language[r['source']] or 'unknown'}, "
                f"{docs.words[r['source']]} words)" for r in csv.DictReader(handle)
                if frozenset((r["source"], r["target"])) not in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=ROOT.parent / "shared" / "data" / "pages")
    args = parser.parse_args()
    with GOLD.open(encoding="utf-8") as handle:
        gold = {r["file"]: r["language"] for r in csv.DictReader(handle)}
    rows = read_pages(args.pages)
    results = []
    print(f"{'language':<10}{'pages':>6}{'decided':>8}{'right':>6}{'precision':>10}{'recall':>7}")
    for field, n, decided, right in language_scores(rows, gold):
        print(f"{field:<10}{n:>6}{decided:>8}{right:>6}{right / decided:>10.2f}{right / n:>7.2f}")
        results.append({"part": "language", "field": field, "pages": n, "decided": decided, "right": right})
    for r in rows:
        if r["text"] and r["used"] != gold[r["file"]]:
            print(f"  wrong: {r['file']} used {r['used']} ({r['source']}), gold {gold[r['file']]}")
    read = [r for r in rows if r["text"]]
    print("languages of the pages read:", dict(sorted(Counter(gold[r["file"]] for r in read).items())))
    groups = {"other": {r["file"].split("/")[1].rsplit(".", 1)[0]: r["text"] for r in read if gold[r["file"]] != "en"},
              "English": {r["file"].split("/")[1].rsplit(".", 1)[0]: r["text"] for r in read
                          if gold[r["file"]] == "en"}}
    wrong_rows = []
    print(f"\n{'corpus':<9}{'articles':>9}{'kind':>11}{'level':>10}{'injected':>9}{'found':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for group, texts in groups.items():
            corpus, out = Path(tmp) / group, Path(tmp) / f"{group}-out"
            build(texts, corpus)
            seconds, _ = make_report(corpus, out)
            n_articles = len(list(corpus.glob("*.txt")))
            for kind, level, n, hit in score(corpus, out):
                print(f"{group:<9}{n_articles:>9}{kind:>11}{level:>10}{n:>9}{hit:>6}")
                results.append({"part": "near-duplicates", "field": f"{group} {kind} {level}", "pages": n_articles,
                                "decided": n, "right": hit})
            for miss in missed(corpus, out):
                print(f"  missed: {miss}")
            reported, wrong, extra = unexplained(corpus, out)
            print(f"{group:<9} article pairs reported {reported}, of which no injection explains {wrong}; "
                  f"make report {seconds:.0f} s")
            results.append({"part": "near-duplicates", "field": f"{group} unexplained pairs", "pages": n_articles,
                            "decided": reported, "right": reported - wrong})
            wrong_rows += [dict(r, corpus=group) for r in extra]
    RESULTS.mkdir(exist_ok=True)
    with (RESULTS / "languages.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["part", "field", "pages", "decided", "right"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(results)
    with (RESULTS / "languages_pairs.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["corpus", "level", "doc_a", "doc_b", "category", "cosine", "text_a", "text_b"],
                                lineterminator="\n")
        writer.writeheader()
        writer.writerows(wrong_rows)


if __name__ == "__main__":
    main()
