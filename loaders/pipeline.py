"""Ingest orchestration: inputs → articles → extraction → the store, streaming and resumable.

``ingest`` reads the inputs lazily (:mod:`loaders.sources`), skips every article whose graph the store's
ledger already holds (``store.stored_sources``, a chunk of articles at a time: re-running after a crash
finishes the job, re-running after success changes nothing), extracts the rest in batches
(:func:`loaders.parallel.extract_parallel` with several processes, else
:meth:`loaders.extract.Extractor.extract_many`) and writes the graphs in batches (``store.write_many``),
each article's graph atomically; dataset rows go to the store in batches (``store.write_many``), each row's
graph still all or nothing. Bad inputs are collected as one-line messages; the rest goes on.

>>> import tempfile, pathlib
>>> from graph import open_store
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "empty.txt").write_text("")
>>> report = ingest([d], open_store("memory://"), progress=False)
>>> report.rejected, report.exit_code
(['.../empty.txt: empty file'], 3)
"""

from __future__ import annotations

import gc
import itertools
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import ConflictGraphError, InputError, ModelIntegrityError, StoreError
from graph.model import Article, ArticleGraph
from graph.store import GraphStore
from loaders.parallel import ExtractionFailed, extract_batches, extract_parallel, fork_available
from loaders.sources import (
    FORMATS,
    Skipped,
    iter_files,
    parse_published,
    read_file,
)

if TYPE_CHECKING:
    from loaders.evaluate import EvalReport
    from loaders.extract import Extractor

DATASET_FORMATS: tuple[str, ...] = ("acled", "ucdp", "gdelt", "gdelt-mentions")
INGEST_FORMATS: tuple[str, ...] = (*FORMATS, "annotations", *DATASET_FORMATS)
BATCH_SIZE = 32
# Dataset rows per store write (one journal fsync each in the embedded store), and the longest a row
# waits in a batch before it is written.
DATASET_BATCH = 1000
DATASET_BATCH_SECONDS = 1.0
# The feed reads this many articles ahead (or fewer, once their text passes LEDGER_CHUNK_CHARS) and
# asks the ledger about them in one look-up: a round trip per article cost a Neo4j server more CPU
# than the look-ups themselves.
LEDGER_CHUNK = 32
LEDGER_CHUNK_CHARS = 2_000_000
# With workers, extracted graphs are written once this many are ready (or the input ends). The workers
# go on extracting meanwhile, so waiting costs no throughput, and each Neo4j transaction has a fixed
# cost on the server (statements, commit): the bench's 500 articles in write_many calls of ~17 articles
# instead of ~4 cost a fresh server 57 s of CPU instead of 72 s, and the client 8 s instead of 12 s.
WRITE_MIN_ARTICLES = 16


@dataclass
class IngestReport:
    """What one ingest run did. ``read`` counts articles (chunks count one each) or dataset rows and
    annotations; ``skipped`` those whose graph the ledger already held (or that repeat an article of
    this run); ``rejected`` one line per bad input; ``ignored`` files that are not articles."""

    read: int = 0
    written: int = 0
    skipped: int = 0
    rejected: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    nodes_written: int = 0
    edges_written: int = 0
    resolved: dict[str, int] | None = None  # what the cross-article resolution pass changed

    @property
    def exit_code(self) -> int:
        """3 when any input was rejected, else 0."""
        return 3 if self.rejected else 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "written": self.written,
            "skipped": self.skipped,
            "rejected": list(self.rejected),
            "ignored": list(self.ignored),
            "nodes_written": self.nodes_written,
            "edges_written": self.edges_written,
            **({"resolved": self.resolved} if self.resolved is not None else {}),
        }


ProgressHook = Callable[[str, IngestReport], None]


def ingest(
    paths: Iterable[str | Path],
    store: GraphStore,
    fmt: str = "auto",
    published: date | str | None = None,
    progress: bool | ProgressHook = True,
    n_process: int = 1,
    extractor: Extractor | None = None,
    resolve: bool = True,
    all_codes: bool = False,
    extract_notes: bool = False,
) -> IngestReport:
    """Ingest every input under ``paths`` into ``store``; returns the counts and rejected inputs.

    ``fmt``: one of :data:`INGEST_FORMATS` (``auto`` picks by extension; ``annotations`` loads gold
    files; dataset formats go to :func:`loaders.datasets.read_dataset`). ``published`` overrides every
    article's date (annotations and dataset rows keep their own dates). ``progress``: True shows a rich
    progress bar on stderr; a callable gets ``(event, report)`` after each input file ('file') and each
    written graph ('write'). ``resolve``: end with the cross-article resolution pass over the whole store
    (:func:`loaders.resolve.resolve_store`), also when nothing new was written, so that a run after an
    interrupted one finishes its resolution. ``all_codes`` (GDELT) and ``extract_notes`` (ACLED) are
    passed to :func:`loaders.datasets.read_dataset`.
    """
    if fmt not in INGEST_FORMATS:
        raise InputError("--format", f"unknown format {fmt!r}; use one of {', '.join(INGEST_FORMATS)}")
    override = parse_published(published, "--published") if published is not None else None
    report = IngestReport()
    files = list(iter_files(paths, skip_dirs=[store.local_dir] if store.local_dir is not None else []))
    with _progress(progress, len(files)) as tick:
        if fmt in DATASET_FORMATS or fmt == "annotations":
            graphs = _prebuilt_graphs(
                files, fmt, report, tick, all_codes=all_codes, extract_notes=extract_notes
            )
            if fmt == "annotations":
                for graph in graphs:
                    report.read += 1
                    if store.has_source(graph.source_key):
                        report.skipped += 1
                        continue
                    _write(store, graph, report, tick)
            else:
                # Rows the loaders build make no reference cycles; the notes extractor's may.
                _write_rows(store, graphs, report, tick, collect_cycles=extract_notes)
        else:
            feed = _ArticleFeed(files, fmt, override, store, report, tick)
            _write_articles(store, _extract_all(feed, extractor, n_process, report), report, tick)
    if resolve:
        from loaders.resolve import resolve_store

        report.resolved = resolve_store(store).to_dict()
    return report


def _write(store: GraphStore, graph: ArticleGraph, report: IngestReport, tick: ProgressHook) -> None:
    if not graph.source_key and graph.article is not None:
        graph.source_key = graph.article.id  # the ledger key the next run checks
    try:
        store.write_article(graph)
    except StoreError:
        raise
    except ConflictGraphError as exc:  # the graph itself is refused (bad edge endpoint, ...)
        where = graph.article.source_path if graph.article and graph.article.source_path else graph.source_key
        report.rejected.append(f"{where}: graph refused by the store: {exc}")
        return
    _count_written(graph, report, tick)


def _count_written(graph: ArticleGraph, report: IngestReport, tick: ProgressHook) -> None:
    report.written += 1
    report.nodes_written += len(graph.nodes) + (1 if graph.article is not None else 0)
    report.edges_written += len(graph.edges)
    tick("write", report)


def _write_articles(
    store: GraphStore, batches: Iterable[list[ArticleGraph]], report: IngestReport, tick: ProgressHook
) -> None:
    """Write each batch of extracted article graphs through ``store.write_many``: one transaction
    (Neo4j) or one fsync (embedded store) per batch. A batch is what the extraction hands over at once
    (with workers, the worker tasks finished once :data:`WRITE_MIN_ARTICLES` graphs are ready, or the
    last ones; one article without workers), and a kill loses no more than the ledger can redo. Each
    graph stays all or nothing and a refused graph is reported alone (:func:`_write_batch`)."""
    for batch in batches:
        for graph in batch:
            if not graph.source_key and graph.article is not None:
                graph.source_key = graph.article.id  # the ledger key the next run checks
        _write_batch(store, batch, report, tick)


def _write_rows(
    store: GraphStore,
    graphs: Iterable[ArticleGraph],
    report: IngestReport,
    tick: ProgressHook,
    batch_rows: int | None = None,
    batch_seconds: float | None = None,
    collect_cycles: bool = False,
) -> None:
    """Write dataset rows through ``store.write_many`` in batches: one fsync (embedded store) or a few
    transactions (Neo4j) per batch instead of one per row. A batch is written once it holds
    ``batch_rows`` rows (default :data:`DATASET_BATCH`) or ``batch_seconds`` after its first row
    (default :data:`DATASET_BATCH_SECONDS`), whichever comes first, so rows that
    are slow to make (``--extract-notes``) are still committed promptly. A kill loses at most the batch
    not yet written; the ledger does not hold those rows, so the next run writes them.

    The ledger is asked about a batch's rows in one look-up (``store.stored_sources``) just before it
    is written; the rows it holds count as skipped, as does a row repeated in the file. A look-up per
    row cost a Neo4j server a round trip and a statement each.

    While the rows stream in, what the store holds is kept out of the cyclic garbage collector's
    scans (:class:`_LongLived`): without that, each full collection walks the whole growing store, the
    largest single cost of a big load.
    """
    batch_rows = batch_rows or DATASET_BATCH
    batch_seconds = batch_seconds or DATASET_BATCH_SECONDS
    pending: list[ArticleGraph] = []
    keys: set[str] = set()
    started = 0.0

    def write_pending() -> None:
        stored = store.stored_sources(keys) if keys else set()
        fresh = [g for g in pending if g.source_key not in stored]
        report.skipped += len(pending) - len(fresh)
        _write_batch(store, fresh, report, tick)
        pending.clear()
        keys.clear()

    with _LongLived(collect_cycles) as long_lived:
        for graph in graphs:
            report.read += 1
            key = graph.source_key
            if key in keys:  # a row repeated in the file counts as skipped
                report.skipped += 1
                continue
            if not pending:
                started = time.monotonic()
            pending.append(graph)
            keys.add(key)
            if len(pending) >= batch_rows or time.monotonic() - started >= batch_seconds:
                write_pending()
                long_lived.settle()
        write_pending()


def _write_batch(
    store: GraphStore, batch: list[ArticleGraph], report: IngestReport, tick: ProgressHook
) -> None:
    if not batch:
        return
    try:
        store.write_many(batch)
    except StoreError:
        raise
    except ConflictGraphError:
        # One graph was refused: the ones before it are written (the ledger holds them), the rest not.
        # Redo the batch one graph at a time so that only the refused one is reported.
        for graph in batch:
            if store.has_source(graph.source_key):
                _count_written(graph, report, tick)
            else:
                _write(store, graph, report, tick)
        return
    for graph in batch:
        _count_written(graph, report, tick)


class _LongLived:
    """Keep Python's cyclic garbage collector off the store's objects during a bulk load.

    A bulk load keeps every row's objects in the store, and the collector's automatic collections walk
    them again and again (a full collection walks every tracked object, so over a load of N rows they
    cost O(N) each). Inside this context automatic collection is off, and after each batch
    (:meth:`settle`) what exists is frozen (:func:`gc.freeze`: left out of every later walk; reference
    counting still frees it). On exit all is handed back (:func:`gc.unfreeze`) and collection is on
    again as before, so a reference cycle made during the load is collected after it. The dataset
    loaders make none per row (about 30 cyclic objects over an ACLED load, as many for 2,000 rows as
    for 20,000); with
    ``collect_cycles`` each batch's own objects are collected once before they are frozen (about 5%
    of a load's time), so a cycle lives one batch at most. Does nothing when the caller froze objects
    of its own (their freeze is theirs).
    """

    def __init__(self, collect_cycles: bool = False) -> None:
        self.collect_cycles = collect_cycles

    def __enter__(self) -> _LongLived:
        self.active = gc.get_freeze_count() == 0
        self.was_enabled = gc.isenabled()
        if self.active:
            gc.disable()
            gc.freeze()
        return self

    def settle(self) -> None:
        if self.active:
            if self.collect_cycles:
                gc.collect(0)  # the young generation: this batch's objects only
            gc.freeze()

    def __exit__(self, *exc: object) -> None:
        if self.active:
            gc.unfreeze()
            if self.was_enabled:
                gc.enable()


class _ArticleFeed:
    """The articles still to extract, read lazily; records bad inputs and ledger skips on the way.

    A plain iterator object (not a generator) so that it can be resumed after the extractor fails on
    one article: the extraction restarts from where the feed stands."""

    def __init__(
        self,
        files: list[Path],
        fmt: str,
        published: date | None,
        store: GraphStore,
        report: IngestReport,
        tick: ProgressHook,
    ) -> None:
        self._items = self._walk(files, fmt, published)
        # Items read ahead, in input order, and the ids among their articles that the ledger holds.
        self._ahead: deque[object] = deque()
        self._stored: set[str] = set()
        self.store = store
        self.report = report
        self.tick = tick
        self.seen: set[str] = set()
        self.in_flight: deque[Article] = deque()
        self.now = datetime.now(UTC).replace(microsecond=0)

    def _walk(self, files: list[Path], fmt: str, published: date | None) -> Iterator[object]:
        for path in files:
            yield from read_file(path, fmt, published)
            yield _FileDone(str(path))

    def __iter__(self) -> _ArticleFeed:
        return self

    def _read_ahead(self) -> None:
        """Read up to :data:`LEDGER_CHUNK` articles (with the items between them) and look their ids
        up in the ledger at once; raises StopIteration when the inputs are exhausted."""
        articles: list[str] = []
        chars = 0
        for item in self._items:
            self._ahead.append(item)
            if isinstance(item, Article):
                articles.append(item.id)
                chars += len(item.text)
                if len(articles) >= LEDGER_CHUNK or chars >= LEDGER_CHUNK_CHARS:
                    break
        if not self._ahead:
            raise StopIteration
        self._stored = self.store.stored_sources(articles) if articles else set()

    def __next__(self) -> Article:
        while True:
            if not self._ahead:
                self._read_ahead()
            item = self._ahead.popleft()
            if isinstance(item, _FileDone):
                self.tick("file", self.report)
            elif isinstance(item, InputError):
                self.report.rejected.append(str(item))
            elif isinstance(item, Skipped):
                self.report.ignored.append(str(item))
            elif isinstance(item, Article):
                self.report.read += 1
                if item.id in self.seen or item.id in self._stored:
                    self.report.skipped += 1
                    continue
                self.seen.add(item.id)
                item.ingested_at = self.now
                self.in_flight.append(item)
                return item


@dataclass(frozen=True)
class _FileDone:
    path: str


def _extract_all(
    feed: _ArticleFeed, extractor: Extractor | None, n_process: int, report: IngestReport
) -> Iterator[list[ArticleGraph]]:
    """Graphs of the feed's articles, in order, in lists to write together (with workers, at least
    :data:`WRITE_MIN_ARTICLES` but at the end; one graph without workers). If the extractor fails on
    an article, the articles handed over but not returned are redone one by one: the failing one is
    rejected, the run goes on."""
    first = next(feed, None)
    if first is None:  # nothing to extract: do not load the NLP pipeline at all
        return
    if extractor is None:
        from loaders.extract import Extractor

        extractor = Extractor()
    articles: Iterator[Article] = itertools.chain([first], feed)
    if n_process > 1 and fork_available():
        done: list[ArticleGraph] = []
        for pairs in extract_batches(extractor, articles, n_process):
            for article, graph in pairs:
                feed.in_flight.popleft()
                if isinstance(graph, ExtractionFailed):
                    where = article.source_path or article.id
                    report.rejected.append(f"{where}: extraction failed: {graph.error}")
                else:
                    done.append(graph)
            if len(done) >= WRITE_MIN_ARTICLES:
                yield done
                done = []
        if done:
            yield done
        return
    while True:
        try:
            for graph in extractor.extract_many(articles, n_process=n_process, batch_size=BATCH_SIZE):
                if feed.in_flight:
                    feed.in_flight.popleft()
                yield [graph]
            return
        except (ModelIntegrityError, StoreError):
            raise
        except Exception:
            pending = list(feed.in_flight)
            feed.in_flight.clear()
            for article in pending:
                try:
                    graph = extractor.extract(article)
                except (ModelIntegrityError, StoreError):
                    raise
                except Exception as exc:
                    report.rejected.append(
                        f"{article.source_path or article.id}: extraction failed: {type(exc).__name__}: {exc}"
                    )
                    continue
                yield [graph]
            articles = feed


def _prebuilt_graphs(
    files: list[Path],
    fmt: str,
    report: IngestReport,
    tick: ProgressHook,
    *,
    all_codes: bool = False,
    extract_notes: bool = False,
) -> Iterator[ArticleGraph]:
    """Graphs that need no extraction: gold annotations or dataset rows."""
    for path in files:
        if fmt == "annotations":
            if path.suffix.lower() != ".json":
                report.ignored.append(f"{path}: skipped, not a .json annotation")
            else:
                from loaders.annotations import load_annotation

                try:
                    yield load_annotation(path)
                except InputError as exc:
                    report.rejected.append(str(exc))
                except (KeyError, TypeError, ValueError) as exc:
                    report.rejected.append(f"{path}: not a valid annotation: {type(exc).__name__}: {exc}")
        else:
            from loaders.datasets import read_dataset

            for item in read_dataset(fmt, path, all_codes=all_codes, extract_notes=extract_notes):
                if isinstance(item, InputError):
                    report.rejected.append(str(item))
                else:
                    yield item
        tick("file", report)


class _progress:
    """A rich progress bar on stderr over the input files, or a caller's hook, or nothing."""

    def __init__(self, progress: bool | ProgressHook, total: int) -> None:
        self.progress = progress
        self.total = total
        self.bar: Any = None

    def __enter__(self) -> ProgressHook:
        if callable(self.progress):
            return self.progress
        if not self.progress:
            return lambda event, report: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("[bold]ingest"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(),
            console=Console(file=sys.stderr),
            transient=False,
        )
        self.bar.start()
        task = self.bar.add_task("ingest", total=self.total, counts="")

        def tick(event: str, report: IngestReport) -> None:
            counts = f"written {report.written} · skipped {report.skipped} · rejected {len(report.rejected)}"
            self.bar.update(task, advance=1 if event == "file" else 0, counts=counts)

        return tick

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


# --- extraction without a store ----------------------------------------------------------------


def extract_file(
    path: str | Path,
    published: date | str | None = None,
    on_error: Callable[[InputError], None] | None = None,
    extractor: Extractor | None = None,
) -> list[dict[str, Any]]:
    """The annotation-format graph (shared ANNOTATION.md + evidence offsets) of every article in one
    file. Named after the file's stem, or ``STEM#N`` (1-based) when the file holds several articles
    (JSON lists, JSONL, feeds, chunks of a long text). Bad records go to ``on_error``; without it the
    first one is raised. A file with no article at all raises its error."""
    from loaders.annotation_out import to_annotation

    override = parse_published(published, "--published") if published is not None else None
    path = Path(path)
    found: list[Article] = []
    first_error: InputError | None = None
    for item in read_file(path, "auto", override):
        if isinstance(item, Article):
            found.append(item)
        elif isinstance(item, InputError):
            first_error = first_error or item
            if on_error is None:
                raise item
            on_error(item)
        else:
            raise InputError(str(path), item.reason)
    if not found:
        raise first_error or InputError(str(path), "no article found")
    if extractor is None:
        from loaders.extract import Extractor

        extractor = Extractor()
    names = [path.stem] if len(found) == 1 else [f"{path.stem}#{i}" for i in range(1, len(found) + 1)]
    return [to_annotation(extractor.extract(a), name) for a, name in zip(found, names, strict=True)]


def evaluate_dirs(
    gold_dir: str | Path, articles_dir: str | Path, n_process: int = 1, extractor: Extractor | None = None
) -> tuple[EvalReport, list[str]]:
    """Extract every article of ``articles_dir`` that has a gold file in ``gold_dir`` (same name: the
    file stem) and score it. Returns the report and the one-line problems met on the way."""
    from loaders.annotation_out import to_annotation
    from loaders.evaluate import evaluate, load_gold_dir

    gold = load_gold_dir(gold_dir)
    problems: list[str] = []
    wanted: list[tuple[str, Article]] = []
    for path in iter_files([articles_dir]):
        name = path.stem
        if name not in gold:
            continue
        items = list(read_file(path))
        arts = [x for x in items if isinstance(x, Article)]
        problems.extend(str(x) for x in items if isinstance(x, InputError))
        if len(arts) > 1:
            problems.append(f"{path}: holds {len(arts)} articles; only the first is scored")
        if arts:
            wanted.append((name, arts[0]))
    if extractor is None:
        from loaders.extract import Extractor

        extractor = Extractor()
    graphs: Iterable[ArticleGraph]
    if n_process > 1 and fork_available():
        # A failed article is extracted again here, so that its own exception is raised as before.
        graphs = [
            extractor.extract(article) if isinstance(graph, ExtractionFailed) else graph
            for article, graph in extract_parallel(extractor, (a for _, a in wanted), n_process)
        ]
    else:
        graphs = extractor.extract_many((a for _, a in wanted), n_process=n_process, batch_size=BATCH_SIZE)
    predicted = {name: to_annotation(g, name) for (name, _), g in zip(wanted, graphs, strict=True)}
    return evaluate(gold, predicted), problems


__all__ = [
    "DATASET_FORMATS",
    "INGEST_FORMATS",
    "IngestReport",
    "evaluate_dirs",
    "extract_file",
    "ingest",
]
