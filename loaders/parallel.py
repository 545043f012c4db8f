"""Whole-article extraction in worker processes: parse *and* build each graph off the main process.

``nlp.pipe(n_process=N)`` parallelises only the parse: the main process tokenises every paragraph,
serialises it to the workers, deserialises the parsed Doc and then runs all the rule-based extraction
itself, so on a 2-core machine the extraction, the store writes and the resolution pass compete with
the parse workers for the same cores. Here each worker runs :meth:`Extractor.extract` on whole articles
and sends back only the finished :class:`~graph.model.ArticleGraph` (a few kB pickled, much smaller than
the Docs), so the main process is left with reading inputs and writing the store.

Workers are forked from the process that already loaded (and hash-checked) the pipeline, the gazetteer
and the actor dictionary, so they start in milliseconds and share its memory pages. Where ``fork`` is
not available :func:`fork_available` is false and callers use :meth:`Extractor.extract_many` instead.

Results come back in input order, and each article's graph is the one :meth:`Extractor.extract` gives
in a single process (the extractor keeps no state between articles). A failing article is returned as
an :class:`ExtractionFailed` in its place; the other articles go on. At most a few batches per worker
are in flight, so an input stream of any length is read lazily and memory stays bounded.

>>> from graph.model import Article, article_id
>>> from loaders.extract import default_extractor
>>> text = "Azerbaijan accused Armenia on Monday of shelling the village of Sotk."
>>> arts = [Article(id=article_id(text), text=text)]
>>> [type(g).__name__ for _, g in extract_parallel(default_extractor(), arts, n_process=2)]
['ArticleGraph']
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

from graph.model import Article, ArticleGraph

if TYPE_CHECKING:
    from loaders.extract import Extractor

# Articles per task: enough to make the per-task pickling and queueing negligible, few enough that a
# worker is never idle long at the end of a stream.
ARTICLES_PER_TASK = 4
# Tasks queued per worker beyond the one it runs, so a worker never waits for the main process.
TASKS_AHEAD = 2


@dataclass(frozen=True)
class ExtractionFailed:
    """The extractor raised on this article: ``error`` is ``"TypeName: message"``."""

    error: str


# The extractor the forked workers use: set in the parent just before the workers are forked.
_worker_extractor: Extractor | None = None


def fork_available() -> bool:
    """True where worker processes can be forked (Linux and the other POSIX systems but macOS's
    default): a forked worker inherits the loaded pipeline instead of loading and checking it again."""
    return "fork" in multiprocessing.get_all_start_methods()


def _extract_batch(articles: list[Article]) -> list[ArticleGraph | ExtractionFailed]:
    extractor = _worker_extractor
    assert extractor is not None, "worker forked without an extractor"
    try:
        # The task's articles in one nlp.pipe: batches of paragraphs from several articles parse faster
        # than one article's paragraphs at a time, and give the same Docs.
        return list(extractor.extract_many(articles))
    except Exception:
        pass  # an article failed: they are redone one by one below, so only that one is reported
    out: list[ArticleGraph | ExtractionFailed] = []
    for article in articles:
        try:
            out.append(extractor.extract(article))
        except Exception as exc:  # one bad article must not stop the stream
            out.append(ExtractionFailed(f"{type(exc).__name__}: {exc}"))
    return out


def extract_parallel(
    extractor: Extractor,
    articles: Iterable[Article],
    n_process: int = 2,
    articles_per_task: int = ARTICLES_PER_TASK,
) -> Generator[tuple[Article, ArticleGraph | ExtractionFailed], None, None]:
    """``(article, graph or failure)`` for each article, in input order, extracted by ``n_process``
    forked workers. The input is read only as workers need more work (the caller may do side effects
    per article, e.g. ledger checks). Closing the iterator early stops the workers."""
    batches = extract_batches(extractor, articles, n_process, articles_per_task)
    try:
        for batch in batches:
            yield from batch
    finally:
        batches.close()


def extract_batches(
    extractor: Extractor,
    articles: Iterable[Article],
    n_process: int = 2,
    articles_per_task: int = ARTICLES_PER_TASK,
) -> Generator[list[tuple[Article, ArticleGraph | ExtractionFailed]], None, None]:
    """:func:`extract_parallel` in lists of consecutive articles, as soon as they are extracted: the
    results of the next worker task (``articles_per_task`` articles) together with those of the tasks
    after it that are already finished (the ingest writes each list in one store transaction)."""
    global _worker_extractor
    if not fork_available():  # pragma: no cover - exercised only where fork is missing
        raise RuntimeError("extract_parallel needs the 'fork' start method; use Extractor.extract_many")
    _worker_extractor = extractor
    pool = ProcessPoolExecutor(max_workers=n_process, mp_context=multiprocessing.get_context("fork"))
    in_flight: deque[tuple[list[Article], Future[list[ArticleGraph | ExtractionFailed]]]] = deque()
    source = iter(articles)
    try:
        exhausted = False
        while True:
            while not exhausted and len(in_flight) < n_process * (1 + TASKS_AHEAD):
                batch = [a for _, a in zip(range(articles_per_task), source, strict=False)]
                if not batch:
                    exhausted = True
                    break
                in_flight.append((batch, pool.submit(_extract_batch, batch)))
            if not in_flight:
                return
            batch, future = in_flight.popleft()
            ready = list(zip(batch, future.result(), strict=True))
            # Group commit: the tasks after it that finished meanwhile (while the caller wrote the last
            # list) go in the same list. Nothing waits for company, so a fast writer still gets one task
            # at a time, and a slow one (a Neo4j transaction has a fixed cost per statement) gets bigger
            # lists instead of falling behind.
            while in_flight and in_flight[0][1].done():
                batch, future = in_flight.popleft()
                ready.extend(zip(batch, future.result(), strict=True))
            yield ready
    finally:
        for _, future in in_flight:
            future.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
        _worker_extractor = None


__all__ = ["ExtractionFailed", "extract_batches", "extract_parallel", "fork_available"]
