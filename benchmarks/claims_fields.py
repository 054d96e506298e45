"""How well newsbrief's figure extractor reads each field of a figure, and each forecast of timing,
scored against the hand-labelled sentences of tests/fixtures/claims/ (see the README there). Offline.

What it runs: ``newsbrief.claims.extract_claims`` on every labelled sentence, whole (the labels cut
sentences as ``newsbrief.text.split_sentences`` does, so the sentence is passed as one span), with no
paragraph around it (the labels are per sentence: no source is carried over from other sentences).

Matching, per sentence:

* predicted *figures* are the claims whose kind is neither ``date`` (the labels have no dates or
  years, by their rules) nor ``forecast``; predicted *forecasts* are the claims of kind ``forecast``;
* a labelled row's span is where its ``surface`` occurs in its sentence (exactly once, by the
  labels' rules); a prediction and a labelled row *overlap* when their character spans intersect;
* pairs are made one to one, the pair with the most overlapping characters first (ties: the
  earlier labelled row, then the earlier prediction). A labelled non-figure (``is_figure = no``, a
  "trap") takes part in the matching, so a prediction that hits one is a false figure.

Fields and the rule of a correct value (``correct``), on matched pairs:

* ``figure found``: a prediction matched to a labelled figure (``is_figure = yes``). Precision is
  over every predicted figure, recall over every labelled figure.
* ``interval``: ``value_low`` and ``value_high`` both equal (relative tolerance 1e-6; an empty side
  is open and equals only an open side). ``qualifier`` and ``kind``: equal strings. These three
  always have a value: precision is over every predicted figure, recall over every labelled figure.
* text fields ``counted``, ``scope``, ``time_words``, ``hedges``, ``forecast``, ``attribution`` (and
  for forecasts ``event`` against the claim's ``counted``, ``by`` against its ``attribution``,
  ``hedges``): a value is *present* when it is not empty (for attribution and ``by``: not
  "unattributed"). Precision = correct / predicted items with a value (on any predicted figure, matched
  or not), recall = correct / labelled items with a value (on any labelled figure, matched or not).
  *Exact*: equal after lower-casing, collapsing whitespace, reading ``...`` (an event's gap) as a
  space, dropping a leading article ("The IMF" is "IMF": the extractor writes a source without
  it) and, for ``;``-lists, comparing the sorted parts. *Partial*: the token overlap
  |A ∩ B| / max(|A|, |B|) of the two values' word sets (lower case) is at least 0.5. Both are
  reported (``correct``/``precision``/``recall`` exact, ``partial_*`` partial).
* traps: how many labelled non-figures no prediction overlaps (``recall`` of the row
  ``not a figure``; its precision is empty).
* forecasts: ``forecast found`` pairs a predicted forecast with a labelled one by span overlap, as
  for figures (precision over every predicted forecast of the forecast sentences).

Run, from the repository root:

    .venv/bin/python benchmarks/claims_fields.py

It prints one table (no timings) and writes it to benchmarks/results/claims_fields.csv, and every
wrong or missing value to benchmarks/results/claims_fields_misses.txt (both overwritten each run).
The rules of the extractor were written on the seed articles and small test texts, then measured
here; they are not tuned to these sentences.
"""

from __future__ import annotations

import csv
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "lib"))

from newsbrief.claims import Claim, extract_claims  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "claims"
FIGURES = FIXTURES / "labelled_figures.csv"
FORECASTS = FIXTURES / "labelled_forecasts.csv"
RESULTS = HERE / "results" / "claims_fields.csv"
MISSES = HERE / "results" / "claims_fields_misses.txt"

ALWAYS = ("interval", "qualifier", "kind")
TEXT_FIELDS = ("counted", "scope", "time_words", "hedges", "forecast", "attribution")
FORECAST_FIELDS = {"event": "counted", "by": "attribution", "hedges": "hedges"}
COLUMNS = ["set", "field", "labelled", "predicted", "correct", "precision", "recall",
           "partial_correct", "partial_precision", "partial_recall"]
_EMPTY = {"", "unattributed"}
_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_TOKEN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def normalize(value: str) -> str:
    """Lower case, "..." read as a space, whitespace collapsed, a leading article dropped, ";"-parts sorted."""
    value = value.replace("...", " ").replace("…", " ").casefold()
    parts = sorted(_ARTICLE.sub("", " ".join(p.split())) for p in value.split(";"))
    return ";".join(p for p in parts if p)


def present(value: str) -> bool:
    return normalize(value) not in _EMPTY


def exact(a: str, b: str) -> bool:
    return present(a) and present(b) and normalize(a) == normalize(b)


def partial(a: str, b: str) -> bool:
    """Token overlap |A ∩ B| / max(|A|, |B|) >= 0.5 of the two values' lower-case word sets."""
    if not (present(a) and present(b)):
        return False
    ta, tb = set(_TOKEN.findall(a.casefold())), set(_TOKEN.findall(b.casefold()))
    return bool(ta and tb) and len(ta & tb) / max(len(ta), len(tb)) >= 0.5


def same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def as_number(text: str) -> float | None:
    return float(text) if text.strip() else None


@dataclass
class Tally:
    """Counts of one field: labelled and predicted items with a value, correct pairs (exact, partial)."""

    labelled: int = 0
    predicted: int = 0
    correct: int = 0
    partial: int = 0

    def row(self, name: str, field_name: str, with_precision: bool = True) -> dict:
        def share(num: int, den: int) -> float | str:
            return round(100 * num / den, 1) if den else ""
        return {"set": name, "field": field_name, "labelled": self.labelled,
                "predicted": self.predicted if with_precision else "", "correct": self.correct,
                "precision": share(self.correct, self.predicted) if with_precision else "",
                "recall": share(self.correct, self.labelled),
                "partial_correct": self.partial,
                "partial_precision": share(self.partial, self.predicted) if with_precision else "",
                "partial_recall": share(self.partial, self.labelled)}


@dataclass
class Score:
    """What :func:`score` found: the table rows, the sentences processed and the misses."""

    rows: list[dict]
    sentences: int
    forecast_sentences: int
    misses: list[str] = field(default_factory=list)

    def value(self, set_name: str, field_name: str, column: str) -> float | int | str:
        return next(r[column] for r in self.rows if r["set"] == set_name and r["field"] == field_name)


def _span(sentence: str, surface: str) -> tuple[int, int]:
    start = sentence.find(surface)
    if start < 0:
        raise ValueError(f"surface {surface!r} not in {sentence!r}")
    return start, start + len(surface)


def _pairs(gold: list[tuple[int, int]], predicted: list[Claim]) -> dict[int, int]:
    """One-to-one pairs (labelled index -> predicted index) by overlapping characters, largest first."""
    candidates = []
    for i, (gs, ge) in enumerate(gold):
        for j, c in enumerate(predicted):
            overlap = min(ge, c.char_end) - max(gs, c.char_start)
            if overlap > 0:
                candidates.append((-overlap, i, j))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in sorted(candidates):
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)
    return pairs


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _by_sentence(rows: list[dict]) -> dict[tuple[str, str], list[dict]]:
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        groups.setdefault((row["source"], row["sentence"]), []).append(row)
    return groups


def _extract(sentence: str) -> list[Claim]:
    return extract_claims(sentence, sentences=[(0, len(sentence))])


def _claim_value(claim: Claim, name: str) -> str:
    return getattr(claim, name, "")  # a field an older extractor lacks is empty


def score(figures: Path = FIGURES, forecasts: Path = FORECASTS) -> Score:
    """Score the extractor on the labelled figures and forecasts (module docstring)."""
    tallies = {name: Tally() for name in ("figure found", *ALWAYS, *TEXT_FIELDS)}
    traps = Tally()
    misses: list[str] = []
    groups = _by_sentence(_read(figures))
    for (source, sentence), rows in groups.items():
        claims = _extract(sentence)
        predicted = [c for c in claims if c.kind not in ("date", "forecast")]
        pairs = _pairs([_span(sentence, r["surface"]) for r in rows], predicted)
        tallies["figure found"].predicted += len(predicted)
        for name in ALWAYS:
            tallies[name].predicted += len(predicted)
        for name in TEXT_FIELDS:
            tallies[name].predicted += sum(present(_claim_value(c, name)) for c in predicted)
        for i, row in enumerate(rows):
            claim = predicted[pairs[i]] if i in pairs else None
            if row["is_figure"] != "yes":
                traps.labelled += 1
                if claim is None:  # avoided
                    traps.correct += 1
                    traps.partial += 1
                else:
                    misses.append(f"[{row['item']} {source}] trap taken as a figure: {claim.surface!r}")
                continue
            tallies["figure found"].labelled += 1
            for name in ALWAYS:
                tallies[name].labelled += 1
            for name in TEXT_FIELDS:
                tallies[name].labelled += present(row[name])
            if claim is None:
                misses.append(f"[{row['item']} {source}] figure missed: {row['surface']!r} in {sentence!r}")
                continue
            tallies["figure found"].correct += 1
            tallies["figure found"].partial += 1
            checks = {
                "interval": same_number(claim.value_low, as_number(row["value_low"]))
                and same_number(claim.value_high, as_number(row["value_high"])),
                "qualifier": claim.qualifier == row["qualifier"],
                "kind": claim.kind == row["kind"],
            }
            for name, ok in checks.items():
                tallies[name].correct += ok
                tallies[name].partial += ok
                if not ok:
                    got = {"interval": (claim.value_low, claim.value_high), "qualifier": claim.qualifier,
                           "kind": claim.kind}[name]
                    want = {"interval": (row["value_low"], row["value_high"]), "qualifier": row["qualifier"],
                            "kind": row["kind"]}[name]
                    misses.append(f"[{row['item']} {source}] {row['surface']!r} {name}: got {got!r}, labelled {want!r}")
            for name in TEXT_FIELDS:
                got, want = _claim_value(claim, name), row[name]
                tallies[name].correct += exact(got, want)
                tallies[name].partial += partial(got, want)
                if normalize(got) != normalize(want) and (present(got) or present(want)):
                    misses.append(f"[{row['item']} {source}] {row['surface']!r} {name}: got {got!r}, labelled {want!r}")
        for j, claim in enumerate(predicted):
            if j not in pairs.values():
                misses.append(f"[{source}] extra figure: {claim.surface!r} in {sentence!r}")

    ftallies = {name: Tally() for name in ("forecast found", *FORECAST_FIELDS)}
    fgroups = _by_sentence(_read(forecasts))
    for (source, sentence), rows in fgroups.items():
        predicted = [c for c in _extract(sentence) if c.kind == "forecast"]
        pairs = _pairs([_span(sentence, r["surface"]) for r in rows], predicted)
        ftallies["forecast found"].predicted += len(predicted)
        for name, attr in FORECAST_FIELDS.items():
            ftallies[name].predicted += sum(present(getattr(c, attr, "")) for c in predicted)
        for i, row in enumerate(rows):
            ftallies["forecast found"].labelled += 1
            for name in FORECAST_FIELDS:
                ftallies[name].labelled += present(row[name])
            if i not in pairs:
                misses.append(f"[{row['item']} {source}] forecast missed: {row['surface']!r} in {sentence!r}")
                continue
            claim = predicted[pairs[i]]
            ftallies["forecast found"].correct += 1
            ftallies["forecast found"].partial += 1
            for name, attr in FORECAST_FIELDS.items():
                got, want = getattr(claim, attr), row[name]
                ftallies[name].correct += exact(got, want)
                ftallies[name].partial += partial(got, want)
                if normalize(got) != normalize(want) and (present(got) or present(want)):
                    misses.append(f"[{row['item']} {source}] forecast {row['surface']!r} {name}: got {got!r}, "
                                  f"labelled {want!r}")
        for j, claim in enumerate(predicted):
            if j not in pairs.values():
                misses.append(f"[{source}] extra forecast: {claim.surface!r} in {sentence!r}")

    rows = [t.row("figures", name) for name, t in tallies.items()]
    rows.append(traps.row("figures", "not a figure", with_precision=False))
    rows += [t.row("forecasts", name) for name, t in ftallies.items()]
    return Score(rows, len(groups), len(fgroups), misses)


def main() -> None:
    result = score()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(result.rows)
    MISSES.write_text("Wrong or missing values of benchmarks/claims_fields.py (got = extractor, labelled = "
                      "tests/fixtures/claims/).\n\n" + "\n".join(result.misses) + "\n", encoding="utf-8")
    widths = {c: max(len(c), *(len(str(r[c])) for r in result.rows)) for c in COLUMNS}
    print("  ".join(c.ljust(widths[c]) for c in COLUMNS))
    for r in result.rows:
        print("  ".join(str(r[c]).ljust(widths[c]) for c in COLUMNS))
    print(f"\n{result.sentences} figure sentences, {result.forecast_sentences} forecast sentences; "
          f"{len(result.misses)} misses written to {MISSES.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
