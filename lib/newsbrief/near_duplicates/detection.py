"""Near-duplicates at every level of one corpus: the pairs, and how much each article covers another.

In: the documents, paragraphs and sentences tables of :mod:`newsbrief.corpus` and a function that
embeds texts. Out: a :class:`Detection` (:func:`detect`): reported passage and article pairs with
their categories and the facts behind each call (``near_duplicates.csv``), the share of each
article restated by each other (``document_overlap.csv``), and the calibration and its background.

Only sentences are embedded and scored: each candidate pair gets a category from its two signals,
then its facts are read (:mod:`~newsbrief.near_duplicates.facts`): a pair whose facts differ does
not restate, whatever its cosine, and a pair of two articles that shares a specific fact is a
``shared fact``. Paragraph pairs are called from what their sentences restate, and an article's
coverage from its restated sentences. A sentence pair inside a reported paragraph pair is not
repeated at sentence level. Boilerplate (a sentence carried word for word by many articles) is set
aside before anything is compared and listed once (:func:`~newsbrief.near_duplicates.passages.boilerplate`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import numpy as np
import pandas as pd

from newsbrief.near_duplicates.calibration import background_cosines, calibrate, z_range
from newsbrief.cluster import Engine
from newsbrief.near_duplicates.candidates import (UNIT_CHUNK, allowed_pairs, lexical_candidates, neighbour_margin,
                                                  similarity_pass)
from newsbrief.near_duplicates.facts import Facts, agreement, facts, facts_of
from newsbrief.near_duplicates.passages import boilerplate, units
from newsbrief.near_duplicates.settings import (CATEGORIES, LEVELS, RESTATED, SEVERITY, Calibration, Embed,
                                                LevelWork, Settings, SharedWork)
from newsbrief.near_duplicates.signals import by_cover, categorize, checked, jaccard, shingles
from newsbrief.progress import Progress
from newsbrief.tables import SCHEMAS

__all__ = ["Detection", "detect"]

_PAIRS_PER_UPDATE = 5000  # candidate pairs scored per progress step
_PAIRS_PER_JOB = 20_000  # on a cluster, candidate pairs one job scores


@dataclass
class Detection:
    """Everything the near-duplicate step found: pairs, article overlap, calibration."""

    pairs: pd.DataFrame
    overlap: pd.DataFrame
    calibration: list[Calibration]
    backgrounds: dict[str, np.ndarray]
    boilerplate: pd.DataFrame  # the rows of boilerplate.csv: sentences set aside, each listed once

    def calibration_table(self) -> pd.DataFrame:
        """The ``calibration.csv`` frame: one row per level."""
        return pd.DataFrame([asdict(c) for c in self.calibration], columns=list(SCHEMAS["calibration.csv"]))

    def summary(self) -> pd.DataFrame:
        """Reported pairs per level and category, across articles and inside one article."""
        where = np.where(self.pairs.doc_a == self.pairs.doc_b, "inside one article", "across articles")
        counts = self.pairs.assign(where=where).groupby(["level", "where", "category"]).size()
        table = counts.unstack("category").reindex(columns=list(CATEGORIES[:-1])).fillna(0).astype(int)
        order = {lvl: i for i, lvl in enumerate(LEVELS)}
        return table.sort_index(key=lambda idx: idx.map(order) if idx.name == "level" else idx)


def detect(documents: pd.DataFrame, paragraphs: pd.DataFrame, sentences: pd.DataFrame,
           embed: Embed, settings: Settings = Settings(), shared: SharedWork | None = None) -> Detection:
    """Find near-duplicates at every level.

    Args:
        documents, paragraphs, sentences: the tables of step 01.
        embed: a function from a list of texts to L2-normalized vectors (``embeddings.embed``); an
            ``Embedder`` with an engine on a cluster also runs the nearest-neighbour pass there.
        settings: thresholds and limits.
        shared: threshold-independent work kept across calls on the same tables (see
            :class:`SharedWork`): filled by the first call, reused by the next ones.

    Returns:
        A :class:`Detection`: ``pairs`` has the columns of ``near_duplicates.csv`` (reported pairs
        only, no ``topical``), ``overlap`` those of ``document_overlap.csv``.
    """
    frame, boiler = boilerplate(units(paragraphs, sentences, "sentence", settings), settings)
    vectors = embed(frame.text.tolist()) if len(frame) else np.zeros((0, 1), dtype=np.float32)
    work = LevelWork() if shared is None else shared.sentence
    raw, calibration, background = _sentence_pairs(frame, vectors, settings, work, getattr(embed, "engine", None))
    sentence_rows = _with_z_range(_passage_rows("sentence", frame, raw), calibration)
    paragraph_rows = _paragraph_pairs(frame, vectors, raw, units(paragraphs, sentences, "paragraph", settings),
                                      settings)
    restated = sentence_rows[sentence_rows.category.isin(RESTATED)]
    overlap = _overlap(documents, frame, vectors, restated, settings)
    document_rows = _document_rows(documents, overlap)
    paragraph_rows, document_rows = (_bounded_by_sentences(rows, restated) for rows in (paragraph_rows, document_rows))
    sentence_rows = sentence_rows[~_inside(sentence_rows, paragraph_rows)]
    pairs = pd.concat([document_rows, paragraph_rows, sentence_rows], ignore_index=True)
    return Detection(pairs=_in_report_order(pairs, documents), overlap=overlap, calibration=[calibration],
                     backgrounds={"sentence": background}, boilerplate=boiler)


_PAIR_COLUMNS = ["a", "b", "cosine", "jaccard", "cover_a", "cover_b", "category", "facts"]


def _sentence_pairs(frame: pd.DataFrame, vectors: np.ndarray, settings: Settings,
                    work: LevelWork, engine: object | None = None) -> tuple[pd.DataFrame, Calibration, np.ndarray]:
    """Score every candidate sentence pair; the calibration and its background come from the same pass.

    The facts are read for pairs of body sentences; a title or heading (compared inside its own
    article only) keeps the call of its signals, since title case makes every word look like a name.

    ``work``: what does not depend on ``z``, filled here when empty and reused when a previous call
    on the same units filled it: the lexical candidates, one similarity pass at the lowest cosine any
    call uses (:attr:`Settings.lowest_cosine`), and each pair's scores and each unit's facts.

    With an ``engine`` on a cluster (:mod:`newsbrief.cluster`), the shingles, the MinHash LSH, the
    similarity pass, the facts and the candidate pairs' scores are jobs there; the calls are made here.

    Returns:
        The reported pairs (``a, b`` rows of ``frame``, scores, category, the facts behind the call),
        the :class:`Calibration` (with how many pairs the facts vetoed) and its background.
    """
    doc_ids, roles, texts = frame.doc_id.to_numpy(), frame.role.to_numpy(), frame.text.tolist()
    long_enough = frame.words.to_numpy() >= settings.cover_words  # may be found inside another by its cover
    n = len(frame)
    if n < 2:
        calibration = calibrate("sentence", np.zeros(0, dtype=np.float32), settings)
        return pd.DataFrame(columns=_PAIR_COLUMNS), calibration, np.zeros(0, dtype=np.float32)
    exhaustive = n <= settings.exhaustive_limit
    if work.lexical is None:
        work.lexical, work.shingles = lexical_candidates(texts, exhaustive, settings, "sentences", engine)
    if work.needs_pass(settings.lowest_cosine):
        work.similarity = similarity_pass(vectors, doc_ids, settings.lowest_cosine, exhaustive, settings,
                                          label="sentences", engine=engine)
    near = work.similarity
    if work.standard is None:
        found = (engine or Engine()).map_chunks(facts_of, texts, UNIT_CHUNK, label="sentences: facts")
        work.facts = dict(enumerate(found))
        work.standard = _standard_figures(doc_ids, work.facts, settings)
    background = background_cosines(roles, near, settings)
    calibration = calibrate("sentence", background, settings)
    keep = near.cosine >= min(calibration.threshold, settings.shared_cosine)
    both = np.unique(np.concatenate([np.stack(work.lexical, axis=1), np.stack((near.i[keep], near.j[keep]), axis=1)]),
                     axis=0)
    i, j = both[:, 0], both[:, 1]
    allowed, semantic, contained = allowed_pairs(doc_ids, roles, i, j)
    if getattr(engine, "client", None) is not None:
        _score_on_cluster(work, vectors, list(zip(i[allowed].tolist(), j[allowed].tolist())), engine)
    rows, vetoed = [], 0
    with Progress("sentences: scoring candidate pairs", int(allowed.sum()), "pair") as bar:
        for k, (a, b, may_paraphrase, may_contain) in enumerate(zip(i[allowed].tolist(), j[allowed].tolist(),
                                                                     semantic[allowed].tolist(),
                                                                     contained[allowed].tolist()), 1):
            if not k % _PAIRS_PER_UPDATE:
                bar.update(_PAIRS_PER_UPDATE)
            known = work.scores.get((a, b)) or _score(work, vectors, a, b)
            cos, jac, cover_a, cover_b, margin = known
            if cos < calibration.threshold:
                margin = 0.0
            elif margin is None:
                margin = known[4] = neighbour_margin(a, b, cos, near, settings.margin_k)
            category = categorize(cos, round(jac, 6), round(cover_a, 6), round(cover_b, 6),
                                  calibration.threshold, settings, semantic=may_paraphrase,
                                  contained=may_contain and long_enough[a] and long_enough[b], margin=round(margin, 6))
            across = may_contain and doc_ids[a] != doc_ids[b]  # two articles' body sentences
            if not may_contain:  # a title or heading: title case makes every word look like a name
                if category != "topical":
                    rows.append((a, b, cos, jac, cover_a, cover_b, category, ""))
                continue
            if category == "topical" and not (across and cos >= settings.shared_cosine):
                continue
            agreed = agreement(work.facts[a], work.facts[b], work.standard)
            category, vetoed_here = checked(category, agreed, cos, calibration.threshold, across,
                                            long_enough[a] and long_enough[b], settings)
            vetoed += vetoed_here
            if category != "topical":
                rows.append((a, b, cos, jac, cover_a, cover_b, category, agreed.reason()))
        bar.update(bar.total - bar.done)
    return pd.DataFrame(rows, columns=_PAIR_COLUMNS), replace(calibration, vetoed=vetoed), background


def _standard_figures(doc_ids: np.ndarray, unit_facts: dict[int, Facts], settings: Settings) -> frozenset[str]:
    """Figures stated in more than ``standard_share`` of the articles and more than ``standard_articles``."""
    articles: dict[str, set[str]] = {}
    for k, found in unit_facts.items():
        for figure in found.figures:
            articles.setdefault(figure, set()).add(doc_ids[k])
    limit = max(settings.standard_articles, settings.standard_share * len(set(doc_ids.tolist())))
    return frozenset(figure for figure, where in articles.items() if len(where) > limit)


def _score(work: LevelWork, vectors: np.ndarray, a: int, b: int) -> list:
    """Score pair ``(a, b)`` and keep it in ``work.scores``: cosine, Jaccard, the two covers, no margin yet."""
    work.scores[(a, b)] = _scores(([(a, b)], {k: (vectors[k], work.shingles[k]) for k in (a, b)}))[0]
    return work.scores[(a, b)]


def _scores(item: tuple[list[tuple[int, int]], dict[int, tuple[np.ndarray, frozenset]]]) -> list[list]:
    """The scores of some pairs (cosine, Jaccard, the two covers, no margin yet), from their units'
    vectors and shingles (``unit -> (vector, shingles)``)."""
    pairs, units = item
    out = []
    for a, b in pairs:
        (va, sa), (vb, sb) = units[a], units[b]
        common = len(sa & sb)
        union = len(sa) + len(sb) - common
        out.append([float(np.round(va @ vb, 6)), common / union if union else 0.0, common / len(sa) if sa else 0.0,
                    common / len(sb) if sb else 0.0, None])
    return out


def _score_on_cluster(work: LevelWork, vectors: np.ndarray, pairs: list[tuple[int, int]], engine: Engine) -> None:
    """Score on the cluster the pairs not scored yet, in jobs of ``_PAIRS_PER_JOB``, each sent the vectors
    and shingles of its pairs' units only; the scores are those :func:`_score` gives."""
    todo = [pair for pair in pairs if pair not in work.scores]
    chunks = [todo[s:s + _PAIRS_PER_JOB] for s in range(0, len(todo), _PAIRS_PER_JOB)]
    items = [(chunk, {k: (vectors[k], work.shingles[k]) for pair in chunk for k in pair}) for chunk in chunks]
    scored = engine.map(_scores, items, label="sentences: scores of candidate pairs", unit="job")
    work.scores.update(zip(todo, (s for chunk in scored for s in chunk)))


def _paragraph_pairs(sent_frame: pd.DataFrame, sent_vectors: np.ndarray, sent_found: pd.DataFrame,
                     para_frame: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """Paragraph pairs called from what their sentences restate, as rows of ``near_duplicates.csv``.

    A paragraph pair is reported when at least ``paragraph_cover`` of each paragraph's sentence text
    is restated in the other (verbatim, edited or paraphrased), with the category that implies; its
    ``cover_a`` and ``cover_b`` are those shares. Its cosine is that of the paragraphs' mean sentence
    embeddings and its Jaccard that of their word shingles: recorded, not used for the call.
    """
    restated = sent_found[sent_found.category.isin(RESTATED)]
    called = _paragraphs_from_sentences(sent_frame, restated, para_frame, settings.paragraph_cover,
                                        settings.verbatim_cover)
    if not called:
        return _passage_rows("paragraph", para_frame, pd.DataFrame(columns=_PAIR_COLUMNS))
    index = {key: k for k, key in enumerate(zip(para_frame.doc_id, para_frame.para_id))}
    members: dict[int, list[int]] = {}
    for k, key in enumerate(zip(sent_frame.doc_id, sent_frame.para_id)):
        if key in index:
            members.setdefault(index[key], []).append(k)
    texts = para_frame.text.tolist()

    def mean(p: int) -> np.ndarray:
        v = sent_vectors[members.get(p, [])].mean(axis=0) if members.get(p) else np.zeros(sent_vectors.shape[1])
        return v / (np.linalg.norm(v) or 1.0)

    rows = []
    for (x, y), (category, share_x, share_y) in sorted(called.items()):
        cos = float(np.round(mean(x) @ mean(y), 6))
        rows.append((x, y, cos, jaccard(shingles(texts[x]), shingles(texts[y])), share_x, share_y, category,
                     agreement(facts(texts[x]), facts(texts[y])).reason()))
    return _passage_rows("paragraph", para_frame, pd.DataFrame(rows, columns=_PAIR_COLUMNS))


def _paragraphs_from_sentences(sent_frame: pd.DataFrame, sent_found: pd.DataFrame, para_frame: pd.DataFrame,
                               needed: float, whole: float) -> dict[tuple[int, int], tuple[str, float, float]]:
    """Paragraph pairs most of whose sentences restate each other: the category and each side's share.

    A paragraph pair is reported when at least ``needed`` of each paragraph's sentence text is
    restated in the other: so rewritten paragraphs are found even where whole-paragraph cosines of
    one-story articles are too alike to separate.
    """
    index = {key: k for k, key in enumerate(zip(para_frame.doc_id, para_frame.para_id))}
    para_of = [index.get(key) for key in zip(sent_frame.doc_id, sent_frame.para_id)]
    length = (sent_frame.char_end - sent_frame.char_start).to_numpy()
    totals: dict[int, int] = {}
    for k, p in enumerate(para_of):
        if p is not None:
            totals[p] = totals.get(p, 0) + int(length[k])
    best: dict[tuple[int, int], dict[int, str]] = {}
    for a, b, category in zip(sent_found.a, sent_found.b, sent_found.category):
        pa, pb = para_of[a], para_of[b]
        if pa is None or pb is None or pa == pb:
            continue
        for x, y, sentence in ((pa, pb, a), (pb, pa, b)):
            seen = best.setdefault((x, y), {})
            if sentence not in seen or SEVERITY[category] < SEVERITY[seen[sentence]]:
                seen[sentence] = category
    called = {}
    for (x, y) in sorted(best):
        if x > y:
            continue
        categories, covered = [], []
        for p, q in ((x, y), (y, x)):
            shares: dict[str, float] = {}
            for sentence, category in best.get((p, q), {}).items():
                shares[category] = shares.get(category, 0.0) + length[sentence] / totals[p]
            categories.append(by_cover(shares, needed, whole))
            covered.append(round(min(sum(shares.values()), 1.0), 6))
        category = max(categories, key=SEVERITY.get)
        if category != "topical":
            called[(x, y)] = (category, covered[0], covered[1])
    return called


def _with_z_range(rows: pd.DataFrame, calibration: Calibration) -> pd.DataFrame:
    """Sentence rows with the range of ``z`` over which each keeps its call (:func:`z_range`)."""
    ranges = [z_range(c, cos, calibration) for c, cos in zip(rows.category, rows.cosine)]
    return rows.assign(z_from=[r[0] for r in ranges], z_to=[r[1] for r in ranges])


def _bounded_by_sentences(rows: pd.DataFrame, sentence_rows: pd.DataFrame) -> pd.DataFrame:
    """Paragraph or article pairs, each holding up to the lowest ``z_to`` of the restated sentence
    pairs it is made of (a copy or an edit made only of copied sentences holds at every ``z``)."""
    groups = sentence_rows.groupby(["doc_a", "doc_b"], sort=False).indices  # article pair -> row positions
    sa, ea, sb, eb, limit = (sentence_rows[c].to_numpy() for c in ("start_a", "end_a", "start_b", "end_b", "z_to"))
    z_to = []
    for r in rows.itertuples():  # each pair looks only at the sentence pairs of its two articles
        at = groups.get((r.doc_a, r.doc_b), np.zeros(0, dtype=np.int64))
        inside = at[(sa[at] >= r.start_a) & (ea[at] <= r.end_a) & (sb[at] >= r.start_b) & (eb[at] <= r.end_b)]
        limits = limit[inside].astype(np.float64)
        limits = limits[~np.isnan(limits)]
        z_to.append(float(limits.min()) if len(limits) else float("nan"))
    return rows.assign(z_from=float("nan"), z_to=z_to)


def _passage_rows(level: str, frame: pd.DataFrame, found: pd.DataFrame) -> pd.DataFrame:
    a, b = frame.iloc[found.a.to_numpy()].reset_index(drop=True), frame.iloc[found.b.to_numpy()].reset_index(drop=True)
    return pd.DataFrame({
        "level": level, "doc_a": a.doc_id, "doc_b": b.doc_id,
        "start_a": a.char_start.astype(int), "end_a": a.char_end.astype(int),
        "start_b": b.char_start.astype(int), "end_b": b.char_end.astype(int),
        "cosine": found.cosine.to_numpy(), "jaccard": found.jaccard.to_numpy(),
        "cover_a": found.cover_a.to_numpy(), "cover_b": found.cover_b.to_numpy(),
        "category": found.category.to_numpy(), "facts": found.facts.to_numpy(), "text_a": a.text, "text_b": b.text,
    })


def _inside(sentence_rows: pd.DataFrame, paragraph_rows: pd.DataFrame) -> np.ndarray:
    """Sentence pairs whose two sentences lie inside the two paragraphs of a reported paragraph pair.

    Each paragraph pair is checked only against the sentence pairs of the same two articles.
    """
    inside = np.zeros(len(sentence_rows), dtype=bool)
    if not len(sentence_rows) or not len(paragraph_rows):
        return inside
    groups = sentence_rows.groupby(["doc_a", "doc_b"], sort=False).indices  # article pair -> row positions
    sa, ea, sb, eb = (sentence_rows[c].to_numpy() for c in ("start_a", "end_a", "start_b", "end_b"))
    for p in paragraph_rows.itertuples(index=False):
        for a_doc, b_doc, a0, a1, b0, b1 in [(p.doc_a, p.doc_b, p.start_a, p.end_a, p.start_b, p.end_b),
                                              (p.doc_b, p.doc_a, p.start_b, p.end_b, p.start_a, p.end_a)]:
            rows = groups.get((a_doc, b_doc))
            if rows is not None:
                inside[rows] |= (sa[rows] >= a0) & (ea[rows] <= a1) & (sb[rows] >= b0) & (eb[rows] <= b1)
    return inside


def _overlap(documents: pd.DataFrame, sent_frame: pd.DataFrame, sent_vectors: np.ndarray,
             sentence_rows: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """For each ordered article pair: share of a's body text that has a match in b, by category."""
    body = sent_frame[sent_frame.role == "body"]
    body_vectors = sent_vectors[sent_frame.role.to_numpy() == "body"]
    docs = sorted(documents.doc_id)
    length = body.assign(n=body.char_end - body.char_start).groupby("doc_id").n.sum().to_dict()
    means = {}
    positions = body.groupby("doc_id", sort=False).indices  # each article's body rows, read once
    for doc in docs:
        rows = body_vectors[positions[doc]] if doc in positions else body_vectors[:0]
        mean = rows.mean(axis=0) if len(rows) else np.zeros(sent_vectors.shape[1], dtype=np.float32)
        means[doc] = mean / (np.linalg.norm(mean) or 1.0)
    cross = sentence_rows[sentence_rows.doc_a != sentence_rows.doc_b]
    matched: dict[tuple[str, str], dict[int, str]] = {}
    for r in cross.itertuples():
        for x, y, start in [(r.doc_a, r.doc_b, r.start_a), (r.doc_b, r.doc_a, r.start_b)]:
            spans = matched.setdefault((x, y), {})
            if start not in spans or SEVERITY[r.category] < SEVERITY[spans[start]]:
                spans[start] = r.category
    span_length = dict(zip(zip(body.doc_id, body.char_start), body.char_end - body.char_start))
    small = len(docs) <= 200  # every ordered pair; above, the pairs that share a passage (in the same order)
    pairs = [(a, b) for a in docs for b in docs if a != b] if small else sorted(matched)
    rows = []
    for a, b in pairs:
        shares = dict.fromkeys(RESTATED, 0.0)
        for start, category in matched.get((a, b), {}).items():
            shares[category] += span_length.get((a, start), 0) / max(length.get(a, 0), 1)
        covered = sum(shares.values())
        category = by_cover(shares, settings.document_cover, settings.verbatim_cover)
        rows.append((a, b, shares["verbatim"], shares["edited"], shares["paraphrase"], covered,
                     float(np.round(means[a] @ means[b], 6)), category))
    return pd.DataFrame(rows, columns=list(SCHEMAS["document_overlap.csv"]))


def _document_rows(documents: pd.DataFrame, overlap: pd.DataFrame) -> pd.DataFrame:
    """The reported article pairs (each unordered pair once) as rows of ``near_duplicates.csv``."""
    reported = overlap[(overlap.category != "topical") & (overlap.doc_a < overlap.doc_b)]
    reverse = overlap.set_index(["doc_a", "doc_b"])
    titles = documents.set_index("doc_id").title.to_dict()
    chars = documents.set_index("doc_id").chars.to_dict()
    return pd.DataFrame({
        "level": "document", "doc_a": reported.doc_a, "doc_b": reported.doc_b, "start_a": 0,
        "end_a": reported.doc_a.map(chars), "start_b": 0, "end_b": reported.doc_b.map(chars),
        "cosine": reported.cosine,
        "jaccard": float("nan"),
        "cover_a": reported.covered,
        "cover_b": [reverse.loc[(b, a), "covered"] for a, b in zip(reported.doc_a, reported.doc_b)],
        "category": reported.category, "facts": "", "text_a": reported.doc_a.map(titles),
        "text_b": reported.doc_b.map(titles),
    })


def _in_report_order(pairs: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """``pairs`` with the article published first, sorted by level, category, cosine and place."""
    dates = documents.set_index("doc_id").published.to_dict()
    pairs["earlier"] = [_earlier(a, b, dates) for a, b in zip(pairs.doc_a, pairs.doc_b)]
    pairs["level_order"] = pairs.level.map({lvl: i for i, lvl in enumerate(LEVELS)})
    pairs["severity"] = pairs.category.map(SEVERITY)
    pairs = pairs.sort_values(["level_order", "severity", "cosine", "doc_a", "start_a", "doc_b", "start_b"],
                              ascending=[True, True, False, True, True, True, True], kind="stable")
    return pairs[list(SCHEMAS["near_duplicates.csv"])].reset_index(drop=True)


def _earlier(a: str, b: str, dates: dict[str, str]) -> str:
    da, db = dates.get(a, ""), dates.get(b, "")
    if a == b or not da or not db or da == db:
        return ""
    return a if da < db else b
