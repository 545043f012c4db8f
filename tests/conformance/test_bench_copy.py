"""bench/queries.py --neo4j-load copy builds the big bench graph by copying an embedded store into Neo4j
through the Neo4j store's own statements. What it stores must be exactly what write_many stores from the
same article graphs: every node's labels and properties (dates, points, the JSON), every relationship's
type, endpoints and properties, and the ledger. Compared at a small scale of the bench's synthetic graph
and on the seed plus the dev corpus (evidence, coordinates, SAME_STORY)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from graph.model import ArticleGraph
from graph.neo4j_store import Neo4jStore
from graph.nx_store import NetworkXStore
from graph.store import GraphStore
from tests.conformance.test_cross_store import corpus_graphs

pytestmark = pytest.mark.neo4j

BENCH = Path(__file__).resolve().parents[2] / "bench" / "queries.py"
# Every node (ours and the ledger) with its labels and properties; every relationship between them.
NODES = "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
RELS = (
    "MATCH (a)-[e]->(b) RETURN type(e) AS type, labels(a) AS a_labels, a.id AS a, labels(b) AS b_labels, "
    "b.id AS b, properties(e) AS props"
)


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_queries", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _dump(store: Neo4jStore) -> dict[str, list[str]]:
    def canonical(rows: list[dict[str, Any]]) -> list[str]:
        return sorted(json.dumps(r, sort_keys=True, default=repr) for r in rows)

    return {"nodes": canonical(store.run_cypher(NODES)), "rels": canonical(store.run_cypher(RELS))}


def _compare(neo: GraphStore, graphs: list[ArticleGraph], batch: int) -> dict[str, list[str]]:
    assert isinstance(neo, Neo4jStore)
    bench = _bench()
    for start in range(0, len(graphs), batch):
        neo.write_many(graphs[start : start + batch])
    written = _dump(neo)
    neo.clear()
    staging = NetworkXStore("memory://")
    staging.write_many(graphs)
    # a small copy batch, so nodes and edges of one kind go over several statements
    bench.copy_to_neo4j(staging, neo, [g.source_key for g in graphs if g.source_key], batch=37)
    copied = _dump(neo)
    assert copied["nodes"] == written["nodes"]
    assert copied["rels"] == written["rels"]
    return written


def test_bench_copy_stores_what_write_many_stores(neo4j_store: GraphStore) -> None:
    bench = _bench()
    syn = bench.Synthetic(0.0005)  # 50 incidents, 40 actors: every kind of node and edge the bench has
    graphs = list(syn.articles())
    written = _compare(neo4j_store, graphs, batch=2)
    assert len(written["nodes"]) == neo4j_store.stats()["nodes"] + neo4j_store.stats()["sources"]
    assert neo4j_store.stats()["Incident"] == 50 and neo4j_store.stats()["sources"] == 5
    assert bench.reusable(neo4j_store, syn)


def test_bench_copy_stores_what_write_many_stores_on_the_corpus(
    neo4j_store: GraphStore, seed_gold_path: Path, shared: Path
) -> None:
    graphs = corpus_graphs(seed_gold_path, shared)
    written = _compare(neo4j_store, graphs, batch=25)
    embedded = NetworkXStore("memory://")
    embedded.write_many(graphs)
    assert neo4j_store.stats() == embedded.stats()
    assert len(written["rels"]) == embedded.stats()["edges"]
