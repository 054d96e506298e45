"""How the reported pairs move with the calibration knob ``z``: the sensitivity table, and its cache.

In: the three tables of step 01, an embedder, the settings and the ``z`` values to try. Out: the
``sensitivity.csv`` frame (:func:`sensitivity`): per ``z`` and level, the paraphrase threshold and
the pairs reported in each category (paragraphs are called from sentences, so both share one
threshold); kept in a cache folder named by everything it depends on.

Named ``sweep`` rather than ``sensitivity`` so that the package's ``sensitivity`` stays the
function: a submodule of that name would shadow it as an attribute of the package.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import asdict, replace
from pathlib import Path

import pandas as pd

from newsbrief.deps import PACKAGE, source_files
from newsbrief.files import replacing
from newsbrief.near_duplicates.detection import detect
from newsbrief.near_duplicates.settings import CATEGORIES, Embed, Settings, SharedWork
from newsbrief.progress import track
from newsbrief.tables import SCHEMAS

__all__ = ["sensitivity"]


def sensitivity(documents: pd.DataFrame, paragraphs: pd.DataFrame, sentences: pd.DataFrame, embed: Embed,
                settings: Settings = Settings(), zs: tuple[float, ...] = (0.5, 1.0, 1.5, 2.0, 2.5, 3.0),
                cache_dir: str | Path | None = None) -> pd.DataFrame:
    """How many pairs each level reports per category as the calibration knob ``z`` moves.

    Runs the whole detection once per ``z``, sharing what does not depend on ``z`` (shingles,
    lexical candidates, one similarity pass at the lowest threshold): the same pairs as separate
    runs, for about the cost of one. Give it a caching embedder (:class:`Embedder`) so the texts
    are embedded only once.

    ``cache_dir``: keep the table in ``cache_dir/sensitivity/``, named by everything it depends on
    (the three tables, the settings other than ``z``, ``zs``, the embedder's ``identity`` and the
    library's source), so a rerun that changes only ``z``, or nothing this table uses, reads it
    back instead of repeating the detections. Without an embedder ``identity`` nothing is cached.
    """
    key = _sensitivity_key(documents, paragraphs, sentences, embed, settings, zs)
    cached = Path(cache_dir) / "sensitivity" / f"{key}.csv" if cache_dir is not None and key else None
    if cached is not None and cached.is_file():
        try:
            return _read_sensitivity(cached, zs)
        except Exception as err:  # any damage: a flipped byte, a cut, an empty or foreign file
            print(f"warning: sensitivity cache {cached.name} is damaged ({type(err).__name__}: {err}); "
                  "computed again", file=sys.stderr)
    rows = []
    shared = SharedWork()  # filled by the first detection, reused by the others
    # The lowest z first: its pass finds every later call's candidates.
    for z in track(sorted(zs), "sensitivity: detection per z", unit="z"):
        run = detect(documents, paragraphs, sentences, embed, replace(settings, z=z), shared)
        threshold = run.calibration[0].threshold
        for level in ("sentence", "paragraph"):
            counts = run.pairs[run.pairs.level == level].category.value_counts()
            rows.append((z, level, threshold, *(int(counts.get(c, 0)) for c in CATEGORIES[:-1])))
    table = pd.DataFrame(rows, columns=list(SCHEMAS["sensitivity.csv"]))
    if cached is not None:
        with replacing(cached) as tmp:
            table.to_csv(tmp, index=False)
        with replacing(cached.with_suffix(".sha256")) as tmp:  # what the read checks every byte against
            tmp.write_text(hashlib.sha256(cached.read_bytes()).hexdigest() + "\n", encoding="utf-8")
    return table


def _sensitivity_key(documents: pd.DataFrame, paragraphs: pd.DataFrame, sentences: pd.DataFrame, embed: Embed,
                     settings: Settings, zs: tuple[float, ...]) -> str | None:
    identity = getattr(embed, "identity", None)
    if not identity:
        return None
    digest = hashlib.sha256()
    for frame in (documents, paragraphs, sentences):
        digest.update(json.dumps(list(map(str, frame.columns))).encode("utf-8"))
        digest.update(pd.util.hash_pandas_object(frame, index=True).to_numpy().tobytes())
    digest.update(json.dumps({"settings": asdict(replace(settings, z=0.0)), "zs": sorted(map(float, zs)),
                              "embedder": identity}, sort_keys=True, default=str).encode("utf-8"))
    for source in source_files(["near_duplicates"]):  # the code that computes the table
        digest.update(source.relative_to(PACKAGE).as_posix().encode("utf-8") + b"\0" + source.read_bytes())
    return digest.hexdigest()[:32]


def _read_sensitivity(path: Path, zs: tuple[float, ...]) -> pd.DataFrame:
    """The cached table, checked: its bytes against the sha256 written beside it, then its columns,
    one row per z and level, thresholds that are cosines, counts that are whole numbers."""
    columns = list(SCHEMAS["sensitivity.csv"])
    if hashlib.sha256(path.read_bytes()).hexdigest() != path.with_suffix(".sha256").read_text(encoding="utf-8").strip():
        raise ValueError("its bytes differ from the checksum written with it")
    table = pd.read_csv(path, keep_default_na=False)  # pandas reads floats back exactly
    if list(table.columns) != columns:
        raise ValueError("unexpected columns")
    expected = [(float(z), level) for z in sorted(zs) for level in ("sentence", "paragraph")]
    if list(zip(table.z.astype(float), table.level)) != expected:
        raise ValueError("rows missing or out of order")
    if not pd.api.types.is_numeric_dtype(table.threshold) or not table.threshold.between(-1, 1).all():
        raise ValueError("thresholds that are not cosines")
    counts = table[columns[3:]]
    if not all(pd.api.types.is_integer_dtype(counts[c]) for c in counts) or (counts < 0).any().any():
        raise ValueError("counts that are not whole numbers")
    return table
