"""``neighbours_many`` / ``get_many`` answer exactly what per-id ``neighbours`` / ``get`` answer, on both
stores, for every edge type and direction, over a real mixed graph (seed, development corpus, ACLED rows,
resolved)."""

from __future__ import annotations

from pathlib import Path

import pytest

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


def _claim_tree(store: GraphStore, seeds: list[str], depth: int) -> list[str]:
    """The seeds, then the claims reaching one of them by at most ``depth`` ABOUT edges (per-id calls)."""
    found = list(dict.fromkeys(seeds))
    frontier = found
    for _ in range(depth):
        frontier = [
            n.id
            for x in frontier
            for _, n in store.neighbours(x, EdgeType.ABOUT, "in")
            if n.kind is NodeKind.CLAIM and n.id not in found
        ]
        frontier = list(dict.fromkeys(frontier))
        found += frontier
    return found


def test_neighbours_deep_equals_per_id_neighbours_of_the_claim_tree(
    store: GraphStore, seed_graph: ArticleGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Neo4j asks in chunks of seeds: small ones make claim trees meet across chunks
    monkeypatch.setattr("graph.neo4j_store.ITER_CHUNK", 3)
    _fill(store, seed_graph)
    incidents = [n.id for n in store.iter_nodes(NodeKind.INCIDENT)]
    claims = [n.id for n in store.iter_nodes(NodeKind.CLAIM)]
    seeds = [*incidents, claims[0], "inc_missing", incidents[0]]  # a claim, an unknown id, a repeat
    sizes = []
    for depth in (0, 1, 2, 6):
        deep = store.neighbours_deep(seeds, depth)
        expected = _claim_tree(store, seeds, depth)
        assert sorted(deep) == sorted(expected), depth
        assert deep["inc_missing"] == []
        for nid in expected:
            assert deep[nid] == store.neighbours(nid), (nid, depth)
        sizes.append(len(deep))
    # not vacuous: replies to claims exist, so each level up to 2 adds claims
    assert sizes[0] < sizes[1] < sizes[2] <= sizes[3]


def test_reader_lookups_from_prefetched_pairs_equal_the_store(
    store: GraphStore, seed_graph: ArticleGraph
) -> None:
    from queries.common import Reader

    _fill(store, seed_graph)
    ids = [n.id for n in store.iter_nodes() if n.kind in (NodeKind.INCIDENT, NodeKind.CLAIM)]
    reader = Reader(store)
    reader.prefetch(ids, claim_depth=6)
    for nid in ids:
        for etype in (None, *EdgeType):
            for direction in ("out", "in", "both"):
                got = reader.neighbours(nid, etype, direction)  # type: ignore[arg-type]
                assert got == store.neighbours(nid, etype, direction), (nid, etype, direction)  # type: ignore[arg-type]
