"""write_many across several transactions (the next batch's rows built in a second thread while one
batch is written) stores exactly what the embedded store does, and stops at a refused graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph import neo4j_store as neo4j_module
from graph.errors import ValidationError
from graph.model import Edge, EdgeType
from graph.nx_store import NetworkXStore
from graph.store import GraphStore
from tests.conformance.test_cross_store import corpus_graphs

pytestmark = pytest.mark.neo4j


def test_many_small_batches_store_what_the_embedded_store_does(
    neo4j_store: GraphStore, seed_gold_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graphs = corpus_graphs(seed_gold_path, shared)
    # Nodes recur across the 25 articles, so with 3 graphs per batch later batches merge into nodes
    # that earlier transactions wrote.
    monkeypatch.setattr(neo4j_module, "BATCH_ARTICLES", 3)
    embedded = NetworkXStore("memory://")
    embedded.write_many(graphs)
    neo4j_store.write_many(graphs)
    recurring = {n.id for n in embedded.iter_nodes() if len({ev.article_id for ev in n.evidence}) > 3}
    assert len(recurring) >= 5
    assert neo4j_store.stats() == embedded.stats()
    assert list(neo4j_store.iter_nodes()) == list(embedded.iter_nodes())
    assert list(neo4j_store.iter_edges()) == list(embedded.iter_edges())


def test_a_refused_graph_ends_a_pipelined_write_after_the_graphs_before_it(
    neo4j_store: GraphStore, seed_gold_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graphs = corpus_graphs(seed_gold_path, shared)[:9]
    bad = graphs[7].model_copy(deep=True)
    bad.edges.append(Edge(type=EdgeType.REPORTED_IN, source="inc_nowhere", target=bad.article.id))  # type: ignore[union-attr]
    monkeypatch.setattr(neo4j_module, "BATCH_ARTICLES", 2)
    with pytest.raises(ValidationError, match="inc_nowhere"):
        neo4j_store.write_many([*graphs[:7], bad, graphs[8]])
    embedded = NetworkXStore("memory://")
    embedded.write_many(graphs[:7])
    assert [neo4j_store.has_source(g.source_key) for g in graphs] == [True] * 7 + [False, False]
    assert list(neo4j_store.iter_nodes()) == list(embedded.iter_nodes())
    assert list(neo4j_store.iter_edges()) == list(embedded.iter_edges())
