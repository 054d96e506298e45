"""Where the heavy work of a step runs: in this process (``local``, the default) or on a Dask cluster.

In:  an engine name and, for Dask, a scheduler address ("tcp://host:8786"; empty: a LocalCluster of
     one single-threaded worker process per core of this machine).
Out: an :class:`Engine` whose :meth:`~Engine.map` runs a function over a list of work items and gives
     the results in the items' order, whichever worker ran each one and however many there are.

The steps cut their work into items that depend on nothing but their inputs (a partition of files, a
chunk of texts to embed), so the results, and the tables made of them, are the same bits on either
engine and with any number of workers. On Dask a task whose worker dies is run again elsewhere
(``RETRIES`` times for an error, and Dask's own allowance for a lost worker); progress goes to the
terminal bars (:mod:`newsbrief.progress`) as tasks finish, and the dashboard's address is printed.
A scheduler that cannot be reached is an :class:`EngineError` naming its address.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Any

from newsbrief.progress import Progress, notice

__all__ = ["CONNECT_SECONDS", "ENGINES", "RETRIES", "Engine", "EngineError", "by_article", "connect"]

ENGINES = ("local", "dask")
RETRIES = 2  # a task that raised is run again this many times before the step fails
CONNECT_SECONDS = 10  # how long to wait for a scheduler before giving up on it


class EngineError(RuntimeError):
    """The engine asked for cannot be used (an unknown name, a scheduler that cannot be reached)."""


class Engine:
    """Runs work items here (``client`` None) or on a Dask cluster."""

    def __init__(self, name: str = "local", client: Any = None, cluster: Any = None) -> None:
        self.name, self.client, self._cluster = name, client, cluster

    @property
    def workers(self) -> int:
        """How many workers run the items (1 here)."""
        return len(self.client.scheduler_info()["workers"]) if self.client is not None else 1

    def map(self, func: Callable, items: Iterable, *args: Any, label: str = "", unit: str = "item",
            show: bool | None = None) -> list:
        """``[func(item, *args) for item in items]``, in the items' order; with a progress bar named
        ``label`` when given (one tick per item)."""
        items = list(items)
        with Progress(label or "working", len(items), unit, show=bool(label) and show is not False) as bar:
            if self.client is None:
                results = []
                for item in items:
                    results.append(func(item, *args))
                    bar.update(1)
                return results
            from dask.distributed import as_completed

            futures = self._submit(func, items, args)
            for _ in as_completed(futures):
                bar.update(1)
            return self.client.gather(futures)

    def map_chunks(self, func: Callable, items: list, size: int, *args: Any, label: str = "",
                   unit: str = "chunk") -> list:
        """``func(items, *args)``, a list with one result per item: here in one call, on Dask in jobs of
        ``size`` items each, whose results are joined in order."""
        if self.client is None:
            return func(items, *args)
        chunks = self.map(func, [items[s:s + size] for s in range(0, len(items), size)], *args, label=label,
                          unit=unit)
        return [result for chunk in chunks for result in chunk]

    def shuffle(self, func: Callable, items: Iterable, merge: Callable, parts: int, *args: Any, label: str = "",
                unit: str = "item") -> list:
        """A map, then a shuffle: ``func(item, *args)`` gives each item's values cut into ``parts`` lists
        (by a key of the caller's), and ``merge(*lists)`` joins the lists of one part from every item.
        Returns the ``parts`` merged results, in part order.

        On Dask the items' lists stay on the workers that made them: each part's lists go from worker to
        worker to the job that merges them, and only the merged results come back here."""
        items = list(items)
        if self.client is None:
            cut = self.map(func, items, *args, label=label, unit=unit)
            return [merge(*[lists[p] for lists in cut]) for p in range(parts)]
        import operator

        from dask.distributed import as_completed

        with Progress(label or "working", len(items) + parts, unit, show=bool(label)) as bar:
            cut = self._submit(func, items, args)
            for _ in as_completed(cut):
                bar.update(1)
            picked = [[self.client.submit(operator.getitem, f, p, pure=False) for f in cut] for p in range(parts)]
            merged = [self.client.submit(merge, *picked[p], pure=False, retries=RETRIES) for p in range(parts)]
            for _ in as_completed(merged):
                bar.update(1)
            return self.client.gather(merged)

    def _submit(self, func: Callable, items: list, args: tuple) -> list:
        """One Dask job per item, ``func(item, *args)``; a large argument is sent to every worker once."""
        shared = [self.client.scatter(a, broadcast=True) if _large(a) else a for a in args]
        return self.client.map(func, items, *[[a] * len(items) for a in shared], pure=False, retries=RETRIES)

    def close(self) -> None:
        """Let go of the cluster (a LocalCluster this engine started is stopped)."""
        if self.client is not None:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def by_article(frame: Any, rows: int) -> list:
    """A table of articles' rows (a ``doc_id`` column) cut between articles, in id order, into parts of
    about ``rows`` rows (an article is never split): the same parts however many workers read them."""
    ordered = frame.sort_values(["doc_id", "char_start"], kind="stable")
    parts, current, count = [], [], 0
    for doc_id, n in ordered.groupby("doc_id", sort=True).size().items():
        current.append(doc_id)
        count += int(n)
        if count >= rows:
            parts.append(current)
            current, count = [], 0
    if current:
        parts.append(current)
    return [ordered[ordered.doc_id.isin(set(ids))] for ids in parts]


def _large(value: Any) -> bool:
    """Whether an argument is worth sending to the workers once rather than with every task (a
    collection of over 100 entries, an array of over a megabyte)."""
    return (isinstance(value, (dict, list, tuple)) and len(value) > 100) or getattr(value, "nbytes", 0) > 1_000_000


def connect(engine: str = "local", scheduler: str = "", workers: int | None = None,
            timeout: float = CONNECT_SECONDS) -> Engine:
    """The engine named ``engine``; for ``dask``, a client of the scheduler at ``scheduler`` or, when it
    is empty, of a new LocalCluster of ``workers`` single-threaded processes (default: one per core).

    Raises:
        EngineError: an unknown engine, or a scheduler that does not answer within ``timeout`` seconds.
    """
    if engine not in ENGINES:
        raise EngineError(f"engine '{engine}' is not one of {', '.join(ENGINES)}")
    if engine == "local":
        if scheduler:
            raise EngineError(f"scheduler '{scheduler}' given with engine 'local'; add ENGINE=dask to use it")
        return Engine()
    import logging

    from dask.distributed import Client, LocalCluster

    logging.getLogger("distributed").setLevel(logging.ERROR)  # its start-up chatter is not the step's output
    if scheduler:
        try:
            client = Client(scheduler, timeout=f"{timeout}s")
        except (OSError, TimeoutError) as err:
            raise EngineError(f"the Dask scheduler at {scheduler} cannot be reached ({type(err).__name__}); start "
                              "one there (dask scheduler) or run with ENGINE=local") from None
        cluster = None
    else:
        cluster = LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                               dashboard_address=":0", silence_logs=logging.ERROR)
        client = Client(cluster)
    n = len(client.scheduler_info()["workers"])
    notice(f"Dask dashboard at {client.dashboard_link} ({n} worker{'s' if n != 1 else ''})")
    return Engine("dask", client, cluster)
