"""The brief as files: ``brief.html`` (self-contained, autoescaped) and ``brief.md`` (escaped for pasting).

In:  a :class:`~newsbrief.brief.record.Brief`. Out: the two files, each written atomically from the
     package's Jinja2 templates.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html import escape
from pathlib import Path

from newsbrief.brief.formatting import markdown_escape
from newsbrief.brief.record import Brief
from newsbrief.files import replacing

__all__ = ["Preview", "preview", "render_html", "render_markdown"]


def _environment(autoescape: bool):
    from jinja2 import Environment, PackageLoader

    env = Environment(loader=PackageLoader("newsbrief", "templates"), autoescape=autoescape,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["num"] = lambda v, digits=2: "" if v is None or v != v else f"{v:.{digits}f}"
    env.filters["md"] = markdown_escape
    return env


def render_html(brief: Brief, path: str | Path) -> Path:
    """Render ``brief`` with the package's Jinja2 template (autoescaped) into ``path``, atomically."""
    html = _environment(autoescape=True).get_template("brief.html.j2").render(brief=brief)
    with replacing(path) as tmp:
        tmp.write_text(html, encoding="utf-8", newline="\n")
    return Path(path)


def render_markdown(brief: Brief, path: str | Path) -> Path:
    """Write ``brief`` as Markdown for pasting, article text escaped so it cannot add links or markup."""
    text = _environment(autoescape=False).get_template("brief.md.j2").render(brief=brief)
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")
    return Path(path)


@dataclass(frozen=True)
class Preview:
    """What notebook 04 ends with: links to the published brief and its headline findings, escaped."""

    here: str  # the brief, relative to the folder the notebook runs in (notebooks/ in JupyterLab)
    findings: tuple[str, ...]

    def _repr_html_(self) -> str:
        items = "".join(f"<li>{escape(text)}</li>" for text in self.findings)
        return (f'<p><a href="{escape(self.here)}" target="_blank">Open the brief</a> ({escape(self.here)}; from the '
                f'executed copy of this notebook in the output folder\'s notebooks/: '
                f'<a href="../brief.html" target="_blank">../brief.html</a>)</p>'
                f"<p>Its headline findings:</p><ul>{items}</ul>")

    def __repr__(self) -> str:
        return "\n".join([f"the brief: {self.here}", *(f"- {text}" for text in self.findings)])


def preview(brief: Brief, published: str | Path) -> Preview:
    """The link to ``published`` (the brief.html of the run) and the brief's headline findings."""
    return Preview(here=Path(os.path.relpath(published)).as_posix(), findings=tuple(f.text for f in brief.findings))
