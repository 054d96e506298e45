"""How a step notebook shows a table: whole, readable, and the same bytes on every run.

pandas' own HTML shows the row index (a meaningless 0, 1, 2…), right-aligns text, cuts long cells
with "…", and JupyterLab restyles it. :func:`table_html` writes a plain table instead: no index (a
named index, such as a group's key, becomes the first columns), text left-aligned and wrapped,
numbers right-aligned, every cell whole, at most ``MAX_ROWS`` rows with a line saying how many there
are. Its styles are inline, so they survive JupyterLab's cleaning of an untrusted notebook's HTML
and never restyle another output. :func:`install` makes it the HTML form of every DataFrame shown
in the running IPython kernel; each step notebook calls it through ``outputs.for_step``.
"""

from __future__ import annotations

import math
from html import escape

import pandas as pd

__all__ = ["MAX_ROWS", "install", "table_html"]

MAX_ROWS = 60  # rows a notebook table shows; the CSV tables hold them all
# Inline, and short: a notebook holds many tables, and JupyterLab already pads and rules them.
_TEXT = "text-align:left;vertical-align:top;white-space:pre-wrap;max-width:40em"
_NUMBER = "text-align:right;vertical-align:top"


def _cell(value: object) -> str:
    """A value as a reader writes it: no "nan", whole numbers with thousands separators, at most four
    decimals (trailing zeros dropped)."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iu"):
        return f"{int(value):,}"
    if isinstance(value, float) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") == "f"):
        value = float(value)
        return f"{value:,.0f}" if value.is_integer() and abs(value) < 1e15 else f"{value:,.4f}".rstrip("0").rstrip(".")
    return str(value)


def table_html(frame: pd.DataFrame, max_rows: int = MAX_ROWS) -> str:
    """``frame`` as a plain HTML table (see the module's docstring); every string escaped."""
    default_index = isinstance(frame.index, pd.RangeIndex) and frame.index.name is None
    shown = frame if default_index else frame.reset_index()
    total = len(shown)
    shown = shown.head(max_rows)
    numeric = [pd.api.types.is_numeric_dtype(shown[c]) and not pd.api.types.is_bool_dtype(shown[c])
               for c in shown.columns]
    head = "".join(f'<th style="{_NUMBER if n else _TEXT}">{escape(str(c))}</th>' for c, n in zip(shown.columns, numeric))
    body = "".join(
        "<tr>" + "".join(f'<td style="{_NUMBER if n else _TEXT}">{escape(_cell(v))}</td>' for v, n in zip(row, numeric))
        + "</tr>" for row in shown.itertuples(index=False, name=None))
    note = (f'<p style="font-size:85%;color:#555">the first {max_rows:,} of {total:,} rows</p>'
            if total > max_rows else "")
    return (f'<div style="overflow-x:auto"><table style="border-collapse:collapse;table-layout:auto">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}</div>")


def install() -> None:
    """Show every DataFrame of the running IPython kernel with :func:`table_html` (a no-op elsewhere)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)
    pd.set_option("display.max_colwidth", None)  # the text form, too, shows each cell whole
