"""What the brief shows: its findings and the rows of its tables, every string computed.

In:  nothing (the bottom floor of :mod:`newsbrief.brief`).
Out: :class:`Finding` (a headline sentence and the evidence it links to) and :class:`Brief` (all
     the template shows).
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Brief", "Finding"]


@dataclass
class Finding:
    """One headline sentence and the evidence it rests on: ``(label, anchor)`` links."""

    text: str
    links: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Brief:
    """Everything the template shows; each string is computed from the tables."""

    title: str
    findings: list[Finding]
    overview: list[Finding]
    documents: list[dict]
    top_documents: list[dict]
    top_passages: list[dict]
    claims: list[dict]
    compared: list[dict] = field(default_factory=list)
    sourcing: list[dict] = field(default_factory=list)
    forecasts: list[dict] = field(default_factory=list)
    # Who published each article and whom it cites: a card per article, the source ledger, the
    # compared groups with their independent sources, and the direct quotes to verify.
    cards: list[dict] = field(default_factory=list)
    ledger: list[dict] = field(default_factory=list)
    groups: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    method: list[str] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)
    figures: dict[str, dict] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    provenance: object | None = None
    # For each table cut to max_rows ("documents", "claims", "compared", "sourcing", "inputs",
    # "evidence"): the note shown under it. Empty when everything is shown.
    truncated: dict[str, str] = field(default_factory=dict)
    # The kinds of figure the brief lists and compares, as words ("count, money and percent").
    figure_kinds: str = ""
    figure_kinds_or: str = ""

    @property
    def summary(self) -> list[str]:
        """The overview and headline findings as plain sentences."""
        return [f.text for f in self.overview + self.findings]
