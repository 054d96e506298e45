"""The passages compared at each level: which sentences and paragraphs take part, in what role.

In: the paragraphs and sentences tables of :mod:`newsbrief.corpus`. Out: the units of one level
(:func:`units`), one row per passage with its article, offsets, ``role`` and text, in article order;
and the boilerplate among the sentences (:func:`boilerplate`), which takes no part.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from newsbrief.near_duplicates.settings import Settings
from newsbrief.tables import frame as table_frame
from newsbrief.text import words

__all__ = ["boilerplate", "units"]


def units(paragraphs: pd.DataFrame, sentences: pd.DataFrame, level: str,
          settings: Settings = Settings()) -> pd.DataFrame:
    """The passages compared at ``level`` ("paragraph" or "sentence"), with their ``role``.

    Sentences: body sentences of at least ``min_sentence_words`` words, plus the title and headings
    (role "title"/"heading"), which are only compared inside their own article, so a shared
    headline never passes for copied prose. Paragraphs: body paragraphs of two or more sentences
    (a one-sentence paragraph is already compared as a sentence).
    """
    if level == "sentence":
        frame = sentences[((sentences.kind == "body") & (sentences.words >= settings.min_sentence_words))
                          | sentences.kind.isin(["title", "heading"])]
        frame = frame.assign(role=frame.kind.where(frame.kind != "body", "body"))
    elif level == "paragraph":
        per_para = sentences[sentences.kind == "body"].groupby(["doc_id", "para_id"]).size()
        multi = set(per_para[per_para >= 2].index)
        in_multi = np.array([k in multi for k in zip(paragraphs.doc_id, paragraphs.para_id)], dtype=bool)
        keep = paragraphs.kind.eq("body").to_numpy() & in_multi
        frame = paragraphs[keep].assign(role="body")
    else:
        raise ValueError(f"unknown level {level!r}")
    cols = ["doc_id", "para_id", "char_start", "char_end", "role", "words", "text"]
    return frame[cols].sort_values(["doc_id", "char_start"], kind="stable").reset_index(drop=True)


def boilerplate(frame: pd.DataFrame, settings: Settings = Settings()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The sentence units without their boilerplate, and the boilerplate as ``boilerplate.csv`` rows.

    A body sentence whose words (case aside) are found in ``settings.boilerplate_articles`` articles
    or more is widely carried. When it is a small part of the body (under
    ``settings.boilerplate_share`` of the words of its body sentences) in that many of its articles
    or more, and in at least half of them, it is boilerplate: a site's standing note or a
    disclaimer, not one article copying another, and every copy of it is set aside (also in a short
    article made mostly of it). Compared, N articles that carry it would give N(N-1)/2 pairs of it (400 articles: 79,800 for each sentence), and its copies would fill
    every passage's nearest neighbours; so it is listed once, with its first occurrence and its
    articles, and its copies leave the comparison. A sentence that is most of most of its articles
    belongs to a syndicated copy (one wire story run by many outlets): that copying is the finding,
    so it stays in the comparison.
    """
    body = frame.role.eq("body").to_numpy()
    keys = pd.Series([" ".join(words(t)).casefold() if b else "" for t, b in zip(frame.text, body)], index=frame.index)
    articles = frame[body].groupby(keys[body]).doc_id.nunique()
    common = body & keys.isin(set(articles[articles >= settings.boilerplate_articles].index)).to_numpy()
    sizes = frame.words.to_numpy(dtype=float)
    carried = pd.Series(np.where(common, sizes, 0.0)[body], index=frame.doc_id[body]).groupby(level=0).sum()
    share = carried / pd.Series(sizes[body], index=frame.doc_id[body]).groupby(level=0).sum().clip(lower=1)
    small = frame.doc_id.map(share).fillna(1.0).to_numpy() < settings.boilerplate_share
    spread = frame[common & small].groupby(keys[common & small]).doc_id.nunique()
    spread = spread[(spread >= settings.boilerplate_articles) & (spread * 2 >= articles.reindex(spread.index))]
    shared = common & keys.isin(set(spread.index)).to_numpy()
    rows = []
    for key, group in frame[shared].groupby(keys[shared], sort=False):
        first = group.sort_values(["doc_id", "char_start"], kind="stable").iloc[0]
        ids = sorted(set(group.doc_id))
        rows.append({"text": first.text, "articles": len(ids), "doc_id": first.doc_id,
                     "char_start": int(first.char_start), "char_end": int(first.char_end), "doc_ids": ";".join(ids)})
    rows.sort(key=lambda r: (-r["articles"], r["doc_id"], r["char_start"]))
    return frame[~shared].reset_index(drop=True), table_frame("boilerplate.csv", rows)
