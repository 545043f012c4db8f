"""Extraction in forked workers (loaders.parallel) and batched article writes (loaders.pipeline).

Most tests hand the workers the bare extractor of test_ingest_pipeline.py (article node only, raises on
BOOM), so they run without spaCy; one checks that the real extractor gives the same graphs in workers
as in one process.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from graph import open_store
from graph.model import Article, ArticleGraph, NodeKind, article_id
from graph.nx_store import NetworkXStore
from loaders.parallel import (
    ExtractionFailed,
    extract_batches,
    extract_parallel,
    fork_available,
)
from loaders.pipeline import WRITE_MIN_ARTICLES, ingest
from tests.loaders.test_ingest_pipeline import BareExtractor

pytestmark = pytest.mark.skipif(not fork_available(), reason="workers are forked")

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "articles"


def articles(n: int, boom: Sequence[int] = ()) -> list[Article]:
    texts = [f"Report {i}: shelling near the border. {'BOOM' if i in boom else ''}" for i in range(n)]
    return [Article(id=article_id(t), text=t) for t in texts]


def test_results_come_back_in_input_order_with_failures_in_place() -> None:
    arts = articles(11, boom=(4,))
    out = list(extract_parallel(BareExtractor(), arts, n_process=2, articles_per_task=3))  # type: ignore[arg-type]
    assert [a.id for a, _ in out] == [a.id for a in arts]
    assert [g.article.id if isinstance(g, ArticleGraph) and g.article else None for _, g in out] == [
        a.id if i != 4 else None for i, a in enumerate(arts)
    ]
    assert out[4][1] == ExtractionFailed("RuntimeError: parser blew up")


def test_closing_early_stops_the_workers() -> None:
    stream = extract_parallel(BareExtractor(), iter(articles(40)), n_process=2, articles_per_task=2)  # type: ignore[arg-type]
    first = [next(stream)[0].text for _ in range(3)]
    stream.close()
    assert first == [a.text for a in articles(3)]
    assert multiprocessing.active_children() == []


def test_input_is_read_only_as_workers_need_it() -> None:
    handed: list[int] = []

    def feed() -> object:
        for i, a in enumerate(articles(200)):
            handed.append(i)
            yield a

    stream = extract_parallel(BareExtractor(), feed(), n_process=2, articles_per_task=4)  # type: ignore[arg-type]
    next(stream)
    # 2 workers x (1 running + 2 queued) tasks x 4 articles: the rest of the 200 is not read yet.
    assert len(handed) == 24
    stream.close()


def test_tasks_finished_while_the_caller_was_busy_come_in_one_list() -> None:
    arts = articles(40)
    batches = extract_batches(BareExtractor(), iter(arts), n_process=2, articles_per_task=2)  # type: ignore[arg-type]
    first = next(batches)
    # 2 workers x (1 running + 2 queued) tasks x 2 articles were handed out before the first list; a
    # caller busy for two seconds (a slow store write) finds them all finished and gets them in one list.
    time.sleep(2.0)
    second = next(batches)
    assert len(first) % 2 == 0 and len(first) + len(second) >= 12
    rest = [pair for batch in batches for pair in batch]
    assert [a.id for a, _ in [*first, *second, *rest]] == [a.id for a in arts]


def test_parallel_ingest_writes_all_reports_the_failure_and_reruns_as_noop(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(9):
        (src / f"a{i}.txt").write_text(f"Report {i} about shelling.\n\n{'BOOM' if i == 5 else 'Calm.'}\n")
    with open_store(str(tmp_path / "store")) as store:
        report = ingest([src], store, progress=False, n_process=2, extractor=BareExtractor(), resolve=False)  # type: ignore[arg-type]
        assert (report.read, report.written, report.skipped) == (9, 8, 0)
        assert len(report.rejected) == 1
        assert report.rejected[0].endswith("a5.txt: extraction failed: RuntimeError: parser blew up")
        stored = sorted(Path(str(a.source_path)).name for a in store.iter_nodes(NodeKind.ARTICLE))  # type: ignore[union-attr]
        assert stored == [f"a{i}.txt" for i in range(9) if i != 5]
    with open_store(str(tmp_path / "store")) as store:  # the journal holds what was written
        again = ingest([src], store, progress=False, n_process=2, extractor=BareExtractor(), resolve=False)  # type: ignore[arg-type]
        assert (again.read, again.written, again.skipped) == (9, 0, 8)
        assert len(again.rejected) == 1


class CountingStore(NetworkXStore):
    """The in-memory store, recording the size of each ``write_many`` call."""

    def __init__(self) -> None:
        super().__init__("memory://")
        self.batches: list[int] = []

    def write_many(self, graphs: Sequence[ArticleGraph]) -> None:
        self.batches.append(len(graphs))
        super().write_many(graphs)


def test_worker_tasks_are_written_together(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(7):
        (src / f"a{i}.txt").write_text(f"Report number {i} on the ceasefire.\n")
    store = CountingStore()
    ingest([src], store, progress=False, n_process=2, extractor=BareExtractor(), resolve=False)  # type: ignore[arg-type]
    # Fewer than WRITE_MIN_ARTICLES graphs in all: both tasks in one batch, at the end.
    assert WRITE_MIN_ARTICLES > 7 and store.batches == [7]
    assert sum(1 for _ in store.iter_nodes(NodeKind.ARTICLE)) == 7
    longer = tmp_path / "longer"
    longer.mkdir()
    for i in range(2 * WRITE_MIN_ARTICLES + 5):
        (longer / f"b{i}.txt").write_text(f"Report number {i} on the truce.\n")
    many = CountingStore()
    ingest([longer], many, progress=False, n_process=2, extractor=BareExtractor(), resolve=False)  # type: ignore[arg-type]
    assert sum(many.batches) == 2 * WRITE_MIN_ARTICLES + 5
    assert all(size >= WRITE_MIN_ARTICLES for size in many.batches[:-1]) and len(many.batches) >= 2
    single = CountingStore()  # without workers each article is committed as soon as it is extracted
    report = ingest([src], single, progress=False, extractor=BareExtractor(), resolve=False)  # type: ignore[arg-type]
    assert (report.written, single.batches) == (7, [1] * 7)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="team corpus missing")
def test_real_extractor_gives_the_same_graphs_in_workers() -> None:
    from loaders.extract import default_extractor
    from loaders.sources import read_file

    arts = [a for p in sorted(CORPUS.glob("*.md"))[:4] for a in read_file(p) if isinstance(a, Article)]
    ex = default_extractor()
    parallel = [g for _, g in extract_parallel(ex, arts, n_process=2, articles_per_task=1)]
    assert len(parallel) == 4
    for art, graph in zip(arts, parallel, strict=True):
        assert isinstance(graph, ArticleGraph)
        assert graph.model_dump_json() == ex.extract(art).model_dump_json()
        assert any(n.kind is NodeKind.CLAIM for n in graph.nodes)
