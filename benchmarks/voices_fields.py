"""How well newsbrief reads who says what: direct quotes, their speakers, attributions and the kind of
each source, scored against the hand-labelled Lee articles of tests/fixtures/voices/ (see the README
there: whole articles, every quote and every attribution labelled). Offline once the Lee corpus is in
benchmarks/data/cache (make_corpus.lee_articles fetches it once).

What it runs: each labelled article as one paragraph (the Lee files have one line per article), split
into sentences by ``newsbrief.text.split_sentences`` as step 01 splits, then ``newsbrief.voices.read_voices``.

Matching and fields:

* **quote found**: a predicted quote and a labelled quote match when their spans (the words inside the
  marks) overlap; one to one, the largest overlap first. Labelled non-speech quotes (a name in quote
  marks) count against precision when predicted. Precision over every predicted quote, recall over
  every labelled speech quote.
* **quote span**: the matched quote's words equal the label's (ends stripped of spaces and punctuation).
* **speaker**: on every quote, the predicted speaker is the labelled one when their keys (a person's
  surname, else the key of ``newsbrief.voices.read_source``) are equal or the names are equal after
  case folding. Precision = correct / predicted quotes with a speaker, recall = correct / labelled speech
  quotes with a speaker.
* **attribution found**: a row of ``sources.csv`` whose span starts inside a labelled sentence matches a
  labelled attribution of that sentence when the sources are the same (as for speakers, on the labelled
  ``source_name``) or their written words overlap; one to one. Precision over every predicted row whose
  sentence the labels cover (all of them: the articles are labelled whole), recall over every label.
* **source kind**: on matched attributions, the predicted ``source_kind`` equals the label's; precision
  = correct / predicted rows, recall = correct / labelled rows.

Run: ``.venv/bin/python benchmarks/voices_fields.py`` (prints the table the README quotes, and every miss
with ``--misses``).
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "lib"))
sys.path.insert(0, str(HERE))

from make_corpus import lee_articles  # noqa: E402

from newsbrief import tables, voices  # noqa: E402
from newsbrief.text import split_sentences  # noqa: E402

LABELS = HERE.parent / "tests" / "fixtures" / "voices"


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[^\W_]+", text.casefold()))


def _key(name: str) -> str:
    return voices.read_source(name).key if name else ""


def _same_source(predicted_name: str, predicted_key: str, label: str) -> bool:
    return bool(label) and bool(predicted_key == _key(label) or _norm(predicted_name) == _norm(label)
                            or (predicted_key and predicted_key == label.split()[-1].casefold()))


def _tables(doc_id: str, text: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    spans = split_sentences(text)
    sentences = pd.DataFrame([(doc_id, 0, k, a, b, "body", len(text[a:b].split()), text[a:b])
                              for k, (a, b) in enumerate(spans)], columns=list(tables.SCHEMAS["sentences.csv"]))
    paragraphs = pd.DataFrame([(doc_id, 0, 0, len(text), "body", "", len(text.split()), text)],
                              columns=list(tables.SCHEMAS["paragraphs.csv"]))
    return sentences, paragraphs


def _one_to_one(pairs: list[tuple[int, int, int]]) -> dict[int, int]:
    """Label index -> prediction index, the largest overlap first."""
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    return matched


def _score(correct: int, predicted: int, labelled: int) -> tuple[float, float]:
    return (correct / predicted if predicted else float("nan"), correct / labelled if labelled else float("nan"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", action="store_true", help="print every miss")
    args = parser.parse_args()
    articles = lee_articles()
    quotes = list(csv.DictReader((LABELS / "labelled_quotes.csv").open(encoding="utf-8")))
    attributions = list(csv.DictReader((LABELS / "labelled_attributions.csv").open(encoding="utf-8")))
    sources = sorted({r["source"] for r in quotes + attributions}, key=lambda s: int(s.split(":")[1]))
    counts = dict.fromkeys(["q_pred", "q_lab", "q_found", "q_span", "sp_pred", "sp_lab", "sp_ok", "a_pred", "a_lab",
                            "a_found", "k_ok"], 0)
    misses: list[str] = []
    for source in sources:
        text = articles[int(source.split(":")[1])]
        cited, quoted = voices.read_voices(*_tables(source, text))
        lab_q = [q for q in quotes if q["source"] == source]
        speech = [q for q in lab_q if q["is_speech"] == "yes"]
        pairs = [(min(int(lq["char_end"]), p.char_end) - max(int(lq["char_start"]), p.char_start), i, j)
                 for i, lq in enumerate(lab_q) for j, p in enumerate(quoted.itertuples())
                 if min(int(lq["char_end"]), p.char_end) > max(int(lq["char_start"]), p.char_start)]
        matched = _one_to_one(pairs)
        counts["q_pred"] += len(quoted)
        counts["q_lab"] += len(speech)
        counts["sp_pred"] += int((quoted.speaker != "").sum())
        counts["sp_lab"] += sum(1 for q in speech if q["speaker"])
        for i, lq in enumerate(lab_q):
            if lq["is_speech"] != "yes":
                continue
            if i not in matched:
                misses.append(f"quote missed {source}: {lq['quote'][:70]!r} ({lq['speaker']})")
                continue
            p = quoted.iloc[matched[i]]
            counts["q_found"] += 1
            if _norm(p.quote) == _norm(lq["quote"]):
                counts["q_span"] += 1
            else:
                misses.append(f"quote span {source}: {p.quote[:60]!r} vs {lq['quote'][:60]!r}")
            if p.speaker and _same_source(p.speaker, p.speaker_key, lq["speaker"]):
                counts["sp_ok"] += 1
            else:
                misses.append(f"speaker {source}: {p.speaker!r} ({p.found_by}) vs {lq['speaker']!r}: "
                              f"{lq['quote'][:50]!r}")
        for j, p in enumerate(quoted.itertuples()):
            if j not in matched.values():
                misses.append(f"quote extra {source}: {p.quote[:70]!r} ({p.speaker})")
        lab_a = [a for a in attributions if a["source"] == source]
        spans = []
        for a in lab_a:
            at = text.find(a["sentence"])
            spans.append((at, at + len(a["sentence"])) if at >= 0 else (-1, -1))
        pairs = []
        for i, (a, (lo, hi)) in enumerate(zip(lab_a, spans)):
            for j, p in enumerate(cited.itertuples()):
                if not lo <= p.char_start < hi:
                    continue
                written = set(_norm(p.source).split()) & set(_norm(a["source_text"]).split())
                if _same_source(p.resolved, p.source_key, a["source_name"]) or written:
                    pairs.append((len(written) + 10 * _same_source(p.resolved, p.source_key, a["source_name"]), i, j))
        matched = _one_to_one(pairs)
        counts["a_pred"] += len(cited)
        counts["a_lab"] += len(lab_a)
        for i, a in enumerate(lab_a):
            if i not in matched:
                misses.append(f"attribution missed {source}: {a['source_text']!r} ({a['cue']}) in {a['sentence'][:70]!r}")
                continue
            p = cited.iloc[matched[i]]
            counts["a_found"] += 1
            if p.source_kind == a["source_kind"]:
                counts["k_ok"] += 1
            else:
                misses.append(f"kind {source}: {p.source!r} {p.source_kind} vs {a['source_kind']}")
        for j, p in enumerate(cited.itertuples()):
            if j not in matched.values():
                misses.append(f"attribution extra {source}: {p.source!r} ({p.cue})")
    c = counts
    rows = [
        ("quote found", *_score(c["q_found"], c["q_pred"], c["q_lab"]), c["q_found"], c["q_pred"], c["q_lab"]),
        ("quote span", *_score(c["q_span"], c["q_pred"], c["q_lab"]), c["q_span"], c["q_pred"], c["q_lab"]),
        ("speaker", *_score(c["sp_ok"], c["sp_pred"], c["sp_lab"]), c["sp_ok"], c["sp_pred"], c["sp_lab"]),
        ("attribution found", *_score(c["a_found"], c["a_pred"], c["a_lab"]), c["a_found"], c["a_pred"], c["a_lab"]),
        ("source kind", *_score(c["k_ok"], c["a_pred"], c["a_lab"]), c["k_ok"], c["a_pred"], c["a_lab"]),
    ]
    print(f"{len(sources)} articles, {c['q_lab']} labelled speech quotes, {c['a_lab']} labelled attributions")
    print("| field | precision | recall | correct | predicted | labelled |")
    print("|---|---|---|---|---|---|")
    for name, p, r, ok, pred, lab in rows:
        print(f"| {name} | {p:.2f} | {r:.2f} | {ok} | {pred} | {lab} |")
    if args.misses:
        print()
        print("\n".join(misses))


if __name__ == "__main__":
    main()
