"""The analytical brief: findings computed from the step tables, rendered as one HTML file.

In: the ``tables/`` and ``figures/`` folders written by notebooks 01-03 (nothing else), and the run's
provenance. Out: a context of computed findings, each linked to its evidence (:func:`build_context`),
``brief.html`` (:func:`render_html`: self-contained, images embedded, every article string escaped
by the template engine, no code, no typed-in sentence about any particular corpus) and
``brief.md`` (:func:`render_markdown`, Markdown-escaped for pasting).

The brief reads tables and computes nothing an analysis step owns; the thresholds and the model it
states come from the settings tables the steps recorded. A brief stays brief whatever the corpus
size: each table that grows with the corpus shows at most ``max_rows`` rows, chosen by a stated rule
(see :func:`build_context`), with a computed note under it naming the CSV table that holds every
row; the evidence appendix holds only the entries something shown links to.

Modules, bottom to top:
    record      Finding and Brief: what the template shows
    formatting  numbers, intervals and lists as the brief writes them; Markdown escaping
    inputs      the step tables read, and the settings the steps recorded
    evidence    the appendix entries: a figure or a passage marked in its sentence or paragraph
    findings    the ranked rules that choose the headlines, and the corpus overview
    cards       article cards, the source ledger, quotes to verify, and their headlines
    method      the method section, from the recorded settings
    shown       long tables cut to max_rows, with a note naming the full CSV
    context     build_context: all of the above, for one run
    render      brief.html and brief.md from the templates
"""

from newsbrief.brief.context import FIGURES, build_context
from newsbrief.brief.findings import MAX_HEADLINES, MAX_NAMED, PRIORITY
from newsbrief.brief.formatting import fmt_interval, fmt_number, markdown_escape
from newsbrief.brief.record import Brief, Finding
from newsbrief.brief.render import Preview, preview, render_html, render_markdown
from newsbrief.brief.shown import MAX_ROWS

__all__ = ["FIGURES", "MAX_HEADLINES", "MAX_NAMED", "MAX_ROWS", "PRIORITY", "Brief", "Finding", "build_context",
           "fmt_interval", "fmt_number", "markdown_escape", "Preview", "preview", "render_html", "render_markdown"]
