"""Precision and recall of the two kinds of reuse (restates, shares a fact) on labelled passage pairs.

Two labelled sets, each scored on its own and together (see tests/fixtures/near_duplicates/README_v2.md
for how they were labelled):

* ``tests/fixtures/near_duplicates/labelled_pairs_v2.csv``: 159 pairs, Lee corpus (ABC News) and seeds;
* ``benchmarks/data/reuters_pairs.csv``: 150 Reuters-21578 pairs, text read at run time from a local
  copy of the collection (``benchmarks/reuters.py``); skipped with a note when it is missing.

Each set goes through ``near_duplicates.evaluate_reuse`` (each level's pairs as one corpus, through
the detector unchanged, calibration included), and the per-pair predictions are pooled for the
"all" rows. Writes benchmarks/results/near_duplicates_reuse.csv (scores) and
near_duplicates_reuse_pairs.csv (each pair's label and call; Reuters pairs by id only).

    .venv/bin/python benchmarks/near_duplicates_reuse.py [--show-errors]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "lib"))

import reuters  # noqa: E402
from newsbrief import near_duplicates as nd  # noqa: E402
from newsbrief.embeddings import Embedder  # noqa: E402

LEE = HERE.parent / "tests" / "fixtures" / "near_duplicates" / "labelled_pairs_v2.csv"
RESULTS = HERE / "results"


def labelled_sets() -> dict[str, pd.DataFrame]:
    """The labelled sets present: ``lee`` always, ``reuters`` when the collection is found."""
    sets = {"lee": pd.read_csv(LEE, keep_default_na=False)}
    if reuters.DEFAULT_ROOT.is_dir():
        stories = reuters.read_reuters()
        sets["reuters"] = pd.DataFrame(reuters.as_labelled(reuters.read_pairs(), stories))
    else:
        print(f"Reuters-21578 not found at {reuters.DEFAULT_ROOT}: scoring the Lee set only")
    return sets


def scores(predictions: pd.DataFrame) -> pd.DataFrame:
    """Precision and recall per level (and all levels) for each kind of reuse, from pooled predictions."""
    classes = predictions.assign(label=predictions.category.where(predictions.category.isin(["paraphrase",
                                                                                                 "shared_fact"]),
                                                                  "other"),
                                 call=predictions.predicted.map(nd.REUSE_CLASSES))
    rows = []
    for (source, level), group in classes.groupby(["set", "level"], sort=True):
        rows += _rows(source, level, group)
    for source, group in classes.groupby("set", sort=True):
        rows += _rows(source, "all", group)
    for level, group in classes.groupby("level", sort=True):
        rows += _rows("all", level, group)
    rows += _rows("all", "all", classes)
    return pd.DataFrame(rows, columns=["set", "level", "class", "labelled", "predicted", "correct", "precision",
                                       "recall"])


def _rows(source: str, level: str, group: pd.DataFrame) -> list[tuple]:
    out = []
    for name in ("paraphrase", "shared_fact"):
        labelled = int((group.label == name).sum())
        predicted = int((group.call == name).sum())
        correct = int(((group.label == name) & (group.call == name)).sum())
        out.append((source, level, name, labelled, predicted, correct,
                    round(correct / predicted, 3) if predicted else float("nan"),
                    round(correct / labelled, 3) if labelled else float("nan")))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-errors", action="store_true", help="print the Lee pairs called wrongly")
    args = parser.parse_args(argv)
    embed = Embedder()
    pooled = []
    for name, labelled in labelled_sets().items():
        _, predictions = nd.evaluate_reuse(labelled, embed)
        pooled.append(predictions.assign(set=name))
        if args.show_errors and name == "lee":
            texts = labelled.set_index("pair_id")
            for row in predictions.itertuples():
                call = nd.REUSE_CLASSES[row.predicted]
                if call != (row.category if row.category in ("paraphrase", "shared_fact") else "other"):
                    print(f"{row.pair_id} labelled {row.category}, called {row.predicted}\n"
                          f"  A: {texts.text_a[row.pair_id][:200]}\n  B: {texts.text_b[row.pair_id][:200]}")
    predictions = pd.concat(pooled, ignore_index=True)
    table = scores(predictions)
    RESULTS.mkdir(exist_ok=True)
    table.to_csv(RESULTS / "near_duplicates_reuse.csv", index=False)
    predictions[["set", "pair_id", "level", "category", "predicted"]].to_csv(
        RESULTS / "near_duplicates_reuse_pairs.csv", index=False)
    print(table.to_string(index=False))
    print("\nlabel x call (all sets):")
    print(pd.crosstab([predictions.level, predictions.category], predictions.predicted).to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
