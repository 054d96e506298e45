"""The passages compared at each level: which sentences and paragraphs take part, in what role.

In: the paragraphs and sentences tables of :mod:`newsbrief.corpus`. Out: the units of one level
(:func:`units`), one row per passage with its article, offsets, ``role`` and text, in article order.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from newsbrief.near_duplicates.settings import Settings

__all__ = ["units"]


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
