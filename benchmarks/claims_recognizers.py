"""How well newsbrief's figure extractor reads numbers, number ranges and percentages,
scored against Microsoft Recognizers-Text's English test specs. Fully offline.

What it measures: for every test case of three Recognizers-Text spec files (English
``NumberModel``, ``NumberRangeModel`` and ``PercentModel``, kept in
benchmarks/data/recognizers/, see the README there), it runs
``newsbrief.claims.extract_claims`` on the case's ``Input`` and checks whether the values
of the claims it returns are exactly the values the spec expects. It measures the
*values* only: spans, qualifiers, units and counted nouns are not compared, and claims of
kind "date" are ignored (so where the spec expects plain numbers inside a date, as 5, 17
and 2018 in "5/17/2018", a figure the extractor types as a date counts as missing).

Scoring rule, per case:

* expected = the ``Resolution.value`` of every entry of ``Results``:
  - number spec: a plain real number ("25000", "0.666666666666667", "1E-12"; fractions
    are already resolved to a decimal by the spec) -> the point v;
  - range spec: an interval "(20,30]", "[20,30)", "(,30)", "(20,)" -> (low, high), an
    empty side is open (None);
  - percent spec: "2%" -> the point 2.
  A value that parses as none of these makes the case unscorable (counted, not scored).
* predicted = (value_low, value_high) of every claim whose kind is not "date".
* a point v matches a claim with value_low == value_high == v; an interval matches a
  claim whose two ends equal the interval's ends, None matching only None. Numbers are
  compared with a relative tolerance of 1e-9 (the spec rounds to 15 significant digits).
* the case passes when the expected and predicted lists are equal as multisets, i.e.
  there is a one-to-one pairing of expected items with claims, with nothing left over on
  either side. A case whose ``Results`` is empty ("empty expected") therefore passes
  when no non-date claim is returned; these cases are also counted on their own.

Stricter variant (column ``passed_strict``):

* range spec: the open/closed brackets must also agree. A claim's brackets are inferred
  from its qualifier: "over" gives an open lower end, "under"/"nearly" an open upper end,
  every other finite end is closed (so "between 20 and 30" reads as [20,30] and a point
  as [v,v]). The brackets of an infinite side are ignored. Note Recognizers resolves
  "between a and b", "a to b", "a-b" as half-open [a,b) by convention, so those fail here.
* percent spec: the claim must also be of kind "percent".
* number spec: no stricter rule; ``passed_strict`` equals ``passed`` (so the overall
  strict rate has the same denominator as the overall rate).

Skipped cases: a case whose ``NotSupported`` or ``NotSupportedByDesign`` field mentions
one of :data:`SKIP_PLATFORMS` ("python", "javascript") is skipped in the ``skip`` mode.
These fields say which of Recognizers' own ports fail the case, not that the case is
wrong, and in this snapshot *every* range case carries "javascript, python", so the
``skip`` mode has no range case left. The ``all`` mode therefore scores every case too;
both are reported.

Run, from the repository root:

    .venv/bin/python benchmarks/claims_recognizers.py

It prints one table (no timings, nothing machine-dependent) and writes the same to
benchmarks/results/claims_recognizers.csv, and every failing case (``all`` mode) with its
input, expected values and predicted claims to
benchmarks/results/claims_recognizers_failures.txt. Both are overwritten on each run.
"""

from __future__ import annotations

import csv
import itertools
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "lib"))

from newsbrief.claims import Claim, extract_claims  # noqa: E402

DATA = HERE / "data" / "recognizers"
RESULTS = HERE / "results" / "claims_recognizers.csv"
FAILURES = HERE / "results" / "claims_recognizers_failures.txt"
SPECS = ("NumberModel", "NumberRangeModel", "PercentModel")
SKIP_PLATFORMS = ("python", "javascript")
MODES = ("skip", "all")
REL_TOL = 1e-9
ABS_TOL = 1e-15  # only matters around 0

_INTERVAL = re.compile(r"^\s*([\[(])\s*([^,\s]*)\s*,\s*([^,\s]*)\s*([\])])\s*$")


@dataclass(frozen=True)
class Expected:
    """One expected item: low/high (None = open side) and the brackets of finite ends."""

    low: float | None
    high: float | None
    low_closed: bool = True
    high_closed: bool = True
    raw: str = ""


def parse_value(raw: str, spec: str) -> Expected | None:
    """Resolution value -> Expected, or None when it is not a plain number/interval."""
    text = raw.strip()
    m = _INTERVAL.match(text)
    if m:
        try:
            low = float(m.group(2)) if m.group(2) else None
            high = float(m.group(3)) if m.group(3) else None
        except ValueError:
            return None
        if low is None and high is None:
            return None
        return Expected(low, high, m.group(1) == "[", m.group(4) == "]", raw)
    if spec == "PercentModel" or text.endswith("%"):
        text = text.removesuffix("%").strip()
    try:
        v = float(text)
    except ValueError:
        return None
    if not math.isfinite(v):
        return None
    return Expected(v, v, True, True, raw)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=ABS_TOL)


def _claim_brackets(c: Claim) -> tuple[bool, bool]:
    """(low_closed, high_closed) read from the claim's qualifier."""
    return c.qualifier != "over", c.qualifier not in ("under", "nearly")


def item_matches(exp: Expected, c: Claim, spec: str, strict: bool) -> bool:
    if not (_close(exp.low, c.value_low) and _close(exp.high, c.value_high)):
        return False
    if not strict:
        return True
    if spec == "PercentModel":
        return c.kind == "percent"
    if spec == "NumberRangeModel":
        low_closed, high_closed = _claim_brackets(c)
        if exp.low is not None and low_closed != exp.low_closed:
            return False
        if exp.high is not None and high_closed != exp.high_closed:
            return False
    return True


def multiset_equal(expected: list[Expected], claims: list[Claim], spec: str, strict: bool) -> bool:
    """True when expected items and claims pair up one-to-one (lists here are tiny)."""
    if len(expected) != len(claims):
        return False
    return any(all(item_matches(e, c, spec, strict) for e, c in zip(expected, perm))
               for perm in itertools.permutations(claims))


def skipped_by_rule(case: dict) -> bool:
    marks = " ".join(str(case.get(k, "")) for k in ("NotSupported", "NotSupportedByDesign"))
    return any(p in marks.casefold() for p in SKIP_PLATFORMS)


def _fmt_num(v: float | None) -> str:
    return "" if v is None else f"{v:.15g}"


def _fmt_claim(c: Claim) -> str:
    return (f"{c.surface!r} -> [{_fmt_num(c.value_low)}, {_fmt_num(c.value_high)}] "
            f"kind={c.kind} qualifier={c.qualifier or '-'}")


def evaluate() -> tuple[list[dict], list[str]]:
    rows: list[dict] = []
    failures: list[str] = []
    totals = {m: dict.fromkeys(("cases", "skipped", "unscorable", "scored", "passed",
                                "passed_strict", "empty_cases", "empty_passed"), 0)
              for m in MODES}
    for spec in SPECS:
        path = DATA / f"{spec}.json"
        cases = json.loads(path.read_text(encoding="utf-8"))
        stats = {m: dict.fromkeys(totals[m], 0) for m in MODES}
        for idx, case in enumerate(cases):
            skip = skipped_by_rule(case)
            parsed = [parse_value(str(r.get("Resolution", {}).get("value", "")), spec)
                      for r in case.get("Results", [])]
            unscorable = any(p is None for p in parsed)
            claims = [c for c in extract_claims(case["Input"]) if c.kind != "date"]
            ok = ok_strict = False
            if not unscorable:
                expected = [p for p in parsed if p is not None]
                ok = multiset_equal(expected, claims, spec, strict=False)
                ok_strict = ok and multiset_equal(expected, claims, spec, strict=True)
            for mode in MODES:
                s = stats[mode]
                s["cases"] += 1
                if mode == "skip" and skip:
                    s["skipped"] += 1
                    continue
                if unscorable:
                    s["unscorable"] += 1
                    continue
                s["scored"] += 1
                s["passed"] += ok
                s["passed_strict"] += ok_strict
                if not parsed:
                    s["empty_cases"] += 1
                    s["empty_passed"] += ok
            if not unscorable and not ok_strict:
                what = "FAIL" if not ok else "FAIL(strict only)"
                exp_txt = ", ".join(r["Resolution"]["value"] for r in case["Results"]) or "(none)"
                pred_txt = "; ".join(_fmt_claim(c) for c in claims) or "(none)"
                failures.append(
                    f"[{spec} #{idx}] {what}{'  (skipped by NotSupported rule)' if skip else ''}\n"
                    f"  input:     {case['Input']!r}\n"
                    f"  expected:  {exp_txt}\n"
                    f"  predicted: {pred_txt}\n")
        for mode in MODES:
            rows.append(_row(spec, mode, stats[mode]))
            for k, v in stats[mode].items():
                totals[mode][k] += v
    for mode in MODES:
        rows.append(_row("overall", mode, totals[mode]))
    return rows, failures


def _rate(num: int, den: int) -> str:
    return f"{100 * num / den:.1f}" if den else ""


def _row(spec: str, mode: str, s: dict) -> dict:
    return {
        "spec": spec, "mode": mode, "cases": s["cases"], "skipped": s["skipped"],
        "unscorable": s["unscorable"], "scored": s["scored"], "passed": s["passed"],
        "pass_rate": _rate(s["passed"], s["scored"]),
        "passed_strict": s["passed_strict"],
        "pass_rate_strict": _rate(s["passed_strict"], s["scored"]),
        "empty_expected": s["empty_cases"], "empty_passed": s["empty_passed"],
    }


def main() -> int:
    rows, failures = evaluate()
    cols = list(rows[0])
    widths = {c: max(len(c), *(len(str(r[c])) for r in rows)) for c in cols}
    print("  ".join(c.ljust(widths[c]) for c in cols))
    for r in rows:
        print("  ".join(str(r[c]).ljust(widths[c]) for c in cols))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=cols, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    header = ("Failing cases of benchmarks/claims_recognizers.py ('all' mode: every case, "
              "including those the NotSupported rule skips).\n"
              "FAIL = values differ; FAIL(strict only) = values right, brackets/kind wrong.\n"
              "Values: [low, high], empty = open side.\n\n")
    FAILURES.write_text(header + "\n".join(failures), encoding="utf-8")
    print(f"\n{len(failures)} failing cases written to {FAILURES.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
