"""Dataset ingest writes rows through ``write_many`` in batches: the same graph as writing row by row,
a repeated row is skipped, a re-run writes nothing, and a graph the store refuses inside a batch is
reported alone while the rows around it are written (on both stores)."""

from __future__ import annotations

import gc
from collections.abc import Iterable
from pathlib import Path

from conftest import FIXTURES

from graph.model import ArticleGraph, Edge, EdgeType, Incident, NodeKind
from graph.nx_store import NetworkXStore
from graph.store import GraphStore
from loaders.datasets import read_dataset
from loaders.pipeline import IngestReport, _write_rows, ingest

ACLED = FIXTURES / "acled_current.csv"


def _dump(store: GraphStore) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    return [n.model_dump() for n in store.iter_nodes()], [e.model_dump() for e in store.iter_edges()]


def _rows() -> list[ArticleGraph]:
    return [g for g in read_dataset("acled", ACLED) if isinstance(g, ArticleGraph)]


def test_batched_ingest_equals_row_by_row(tmp_path: Path) -> None:
    one_by_one = NetworkXStore("memory://")
    for g in _rows():
        one_by_one.write_article(g)
    # the file twice over: every row of the second copy repeats one of the first
    doubled = tmp_path / "doubled.csv"
    text = ACLED.read_text(encoding="utf-8-sig")
    header, body = text.split("\n", 1)
    doubled.write_text(f"{header}\n{body}{body}", encoding="utf-8")
    store_dir = tmp_path / "store"
    store = NetworkXStore(str(store_dir))
    try:
        report = ingest([doubled], store, fmt="acled", progress=False, resolve=False)
    finally:
        store.close()
    rows = len(_rows())
    assert rows == 7
    # the collector is handed back as it was: on, nothing left frozen
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert (report.read, report.written, report.skipped) == (2 * rows, rows, rows)
    assert len(report.rejected) == 6  # the fixture's three bad rows, in each copy
    reopened = NetworkXStore(str(store_dir))
    try:
        assert _dump(reopened) == _dump(one_by_one)
        again = ingest([ACLED], reopened, fmt="acled", progress=False, resolve=False)
        assert (again.read, again.written, again.skipped) == (rows, 0, rows)
    finally:
        reopened.close()


def test_refused_row_inside_a_batch_is_reported_alone(store: GraphStore) -> None:
    good = _rows()
    inc = next(n for n in good[3].nodes if isinstance(n, Incident))
    # an edge to a node neither the graph nor the store holds: the store refuses the whole graph
    broken = good[3].model_copy(
        update={
            "edges": [*good[3].edges, Edge(type=EdgeType.INVOLVES, source=inc.id, target="act_nowhere")],
            "source_key": "ds_broken_row",
        }
    )
    report = IngestReport()
    events: list[str] = []
    _write_rows(store, [*good[:3], broken, *good[3:]], report, lambda e, r: events.append(e), batch_rows=100)
    assert report.written == len(good) == events.count("write")
    assert len(report.rejected) == 1
    assert report.rejected[0].startswith("ds_broken_row: graph refused by the store")
    assert "act_nowhere" in report.rejected[0]
    assert not store.has_source("ds_broken_row")
    assert all(store.has_source(g.source_key) for g in good)
    assert store.stats()[NodeKind.INCIDENT.value] == len(good)


def test_collector_left_as_the_caller_had_it(tmp_path: Path) -> None:
    gc.disable()
    try:
        ingest([ACLED], NetworkXStore("memory://"), fmt="acled", progress=False, resolve=False)
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()
    # a caller's own frozen objects stay frozen (the load leaves the collector alone then)
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        report = ingest([ACLED], NetworkXStore("memory://"), fmt="acled", progress=False, resolve=False)
        assert report.written == 7
        assert gc.isenabled() and gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()


class _LedgerCounter(NetworkXStore):
    """An embedded store that records each ledger look-up: how many keys it was asked about."""

    def __init__(self) -> None:
        super().__init__("memory://")
        self.lookups: list[int] = []

    def has_source(self, source_key: str) -> bool:
        self.lookups.append(1)
        return super().has_source(source_key)

    def stored_sources(self, source_keys: Iterable[str]) -> set[str]:
        keys = list(source_keys)
        self.lookups.append(len(keys))
        return {k for k in keys if NetworkXStore.has_source(self, k)}


def test_ledger_asked_once_per_batch_not_per_row() -> None:
    store = _LedgerCounter()
    first = ingest([ACLED], store, fmt="acled", progress=False, resolve=False)
    assert (first.read, first.written, first.skipped) == (7, 7, 0)
    store.lookups.clear()
    again = ingest([ACLED], store, fmt="acled", progress=False, resolve=False)
    assert (again.read, again.written, again.skipped) == (7, 0, 7)
    # the fixture's seven rows fit one batch: one look-up of their seven keys
    assert store.lookups == [7]
