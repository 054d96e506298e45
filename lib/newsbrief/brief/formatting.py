"""Numbers, intervals and lists as the brief writes them, and Markdown that cannot become markup.

In:  values from the tables. Out: text ("12,000", "25,000–30,000", "count, money and percent",
     escaped Markdown).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import pandas as pd

__all__ = ["fmt_interval", "fmt_number", "markdown_escape"]


def fmt_number(value: float) -> str:
    """12000 -> '12,000'; 1.5e9 -> '1.5 billion'; 0.25 -> '0.25'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            return f"{value / scale:,.3g} {word}"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def fmt_interval(low: float, high: float) -> str:
    """An interval as words: '25,000–30,000', 'over 3,000', 'up to 12,000', '8,000'."""
    low_missing = low is None or (isinstance(low, float) and math.isnan(low))
    high_missing = high is None or (isinstance(high, float) and math.isnan(high))
    if low_missing and high_missing:
        return "unknown"
    if low_missing:
        return f"up to {fmt_number(high)}"
    if high_missing:
        return f"{fmt_number(low)} or more"
    if low == high:
        return fmt_number(low)
    return f"{fmt_number(low)}–{fmt_number(high)}"


def _pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def _kinds(kinds: Sequence[str], last: str = "and") -> str:
    """['count', 'money', 'percent'] -> 'count, money and percent'."""
    return kinds[0] if len(kinds) == 1 else ", ".join(kinds[:-1]) + f" {last} " + kinds[-1]


def _counted_categories(counts: pd.Series) -> str:
    """'2 verbatim, 1 edited and 4 paraphrased passage pairs', in category order (restated pairs only)."""
    words = {"verbatim": "verbatim", "edited": "edited", "paraphrase": "paraphrased"}
    parts = [f"{int(counts[c])} {words[c]}" for c in words if counts.get(c, 0)]
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    total = sum(int(counts.get(c, 0)) for c in words)
    return text + f" passage pair{'s' if total != 1 else ''}"


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]()#!|<>])")


# What GitHub-flavoured Markdown turns into a link by itself: a scheme's "://" and a "www." host.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z])(://)|\b(www)\.")


def markdown_escape(text: object) -> str:
    """Text that Markdown shows as written: no links (autolinks included), emphasis, tables or HTML
    from an article."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text)).replace("\n", " ")
    return _AUTOLINK.sub(lambda m: r"\://" if m.group(1) else m.group(2) + r"\.", escaped)
