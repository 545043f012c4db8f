"""``neighbours_many`` / ``get_many`` answer exactly what per-id ``neighbours`` / ``get`` answer, on both
stores, for every edge type and direction, over a real mixed graph (seed, development corpus, ACLED rows,
resolved)."""

from __future__ import annotations

from pathlib import Path

from graph.model import ArticleGraph, EdgeType, NodeKind
from graph.store import GraphStore
from loaders.annotations import load_annotation
from loaders.datasets import read_dataset
from loaders.resolve import resolve_store

TESTS = Path(__file__).resolve().parents[1]


def _fill(store: GraphStore, seed_graph: ArticleGraph) -> None:
    store.write_article(seed_graph)
    for gold in sorted((TESTS / "corpus" / "gold").glob("cluster-a*.json"))[:4]:
        store.write_article(load_annotation(gold))
    for g in read_dataset("acled", TESTS / "datasets" / "fixtures" / "acled_current.csv"):
        if isinstance(g, ArticleGraph):
            store.write_article(g)
    resolve_store(store)


def test_neighbours_many_equals_per_id_neighbours(store: GraphStore, seed_graph: ArticleGraph) -> None:
    _fill(store, seed_graph)
    ids = [n.id for n in store.iter_nodes()]
    incidents = [n.id for n in store.iter_nodes(NodeKind.INCIDENT)]
    assert store.edges(EdgeType.SAME_AS)  # the graph has every edge type the timeline reads
    wanted = [*ids, "inc_missing", ids[0]]  # an unknown id and a repeated one too
    for etype in (None, *EdgeType):
        for direction in ("out", "in", "both"):
            many = store.neighbours_many(wanted, etype, direction)  # type: ignore[arg-type]
            assert list(many) == list(dict.fromkeys(wanted))
            assert many["inc_missing"] == []
            for nid in ids:
                assert many[nid] == store.neighbours(nid, etype, direction), (nid, etype, direction)  # type: ignore[arg-type]
    # not vacuous: incidents do have neighbours of every kind the rows need
    all_of = store.neighbours_many(incidents, None, "both")
    types = {e.type for pairs in all_of.values() for e, _ in pairs}
    assert {
        EdgeType.OCCURRED_NEAR,
        EdgeType.INVOLVES,
        EdgeType.REPORTED_IN,
        EdgeType.ABOUT,
        EdgeType.SAME_AS,
    } <= types


def test_get_many_equals_per_id_get(store: GraphStore, seed_graph: ArticleGraph) -> None:
    _fill(store, seed_graph)
    ids = [n.id for n in store.iter_nodes()]
    got = store.get_many([*ids, "clm_missing"])
    assert sorted(got) == sorted(ids)
    assert all(got[i] == store.get(i) for i in ids)
    assert store.get_many([]) == {}


def test_reader_lookups_from_prefetched_pairs_equal_the_store(
    store: GraphStore, seed_graph: ArticleGraph
) -> None:
    from queries.common import Reader

    _fill(store, seed_graph)
    ids = [n.id for n in store.iter_nodes() if n.kind in (NodeKind.INCIDENT, NodeKind.CLAIM)]
    reader = Reader(store)
    reader.prefetch(ids)
    for nid in ids:
        for etype in (None, *EdgeType):
            for direction in ("out", "in", "both"):
                got = reader.neighbours(nid, etype, direction)  # type: ignore[arg-type]
                assert got == store.neighbours(nid, etype, direction), (nid, etype, direction)  # type: ignore[arg-type]
