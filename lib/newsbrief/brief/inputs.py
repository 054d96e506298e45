"""The step tables the brief reads: its only inputs besides the figures and the provenance.

In:  the ``tables/`` folder of a run. Out: :class:`_Tables`, each table typed by its schema, and
     the settings steps 02 and 03 recorded, by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from newsbrief.tables import read_table

__all__ = ["_Tables"]


@dataclass
class _Tables:
    """The step tables the brief reads: its only inputs besides the figures and the provenance."""

    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame
    stories: pd.DataFrame
    pairs: pd.DataFrame
    overlap: pd.DataFrame
    calibration: pd.DataFrame
    boilerplate: pd.DataFrame
    near_duplicate_settings: dict[str, str]
    claims: pd.DataFrame
    compared: pd.DataFrame
    sourcing: pd.DataFrame
    forecasts: pd.DataFrame
    claim_settings: dict[str, str]
    sources: pd.DataFrame
    quotes: pd.DataFrame
    signals: pd.DataFrame

    @classmethod
    def read(cls, tables_dir: str | Path) -> _Tables:
        def settings(name: str) -> dict[str, str]:
            table = read_table(tables_dir, name)
            return dict(zip(table.setting, table.value))

        documents = read_table(tables_dir, "documents.csv")
        labels = documents.label if "label" in documents else documents.doc_id
        names = {doc: label or doc for doc, label in zip(documents.doc_id, labels)}  # a table without labels: ids

        def named(table: pd.DataFrame) -> pd.DataFrame:
            """The table with the label of each article it names beside its id (``label``, ``label_a``, ``label_b``):
            the brief shows labels, the ids stay the keys."""
            for column, name in (("doc_id", "label"), ("doc_a", "label_a"), ("doc_b", "label_b"),
                                 ("earlier", "earlier_label")):
                if column in table:
                    table[name] = table[column].map(lambda d: names.get(d, d) if d else d)
            return table

        return cls(
            documents=named(documents),
            paragraphs=read_table(tables_dir, "paragraphs.csv"),
            sentences=read_table(tables_dir, "sentences.csv"),
            stories=read_table(tables_dir, "stories.csv"),
            pairs=named(read_table(tables_dir, "near_duplicates.csv")),
            overlap=named(read_table(tables_dir, "document_overlap.csv")),
            calibration=read_table(tables_dir, "calibration.csv"),
            boilerplate=read_table(tables_dir, "boilerplate.csv"),
            near_duplicate_settings=settings("near_duplicate_settings.csv"),
            claims=named(read_table(tables_dir, "claims.csv")),
            compared=named(read_table(tables_dir, "claim_comparison.csv")),
            sourcing=named(read_table(tables_dir, "sourcing.csv")),
            forecasts=named(read_table(tables_dir, "forecasts.csv")),
            claim_settings=settings("claim_settings.csv"),
            sources=named(read_table(tables_dir, "sources.csv")),
            quotes=named(read_table(tables_dir, "quotes.csv")),
            signals=named(read_table(tables_dir, "signals.csv")),
        )

    @property
    def compared_kinds(self) -> list[str]:
        """The kinds of figure step 03 compares across articles (count, money, percent)."""
        return self.claim_settings["compared_kinds"].split(";")
