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


def test_a_write_does_not_parse_again_what_the_write_before_it_made(
    neo4j_store: GraphStore, seed_gold_path: Path, shared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    graphs = corpus_graphs(seed_gold_path, shared)
    parsed: list[str] = []
    real_node = neo4j_module._node

    def counting_node(data: str) -> object:
        node = real_node(data)
        parsed.append(node.id)
        return node

    monkeypatch.setattr(neo4j_module, "_node", counting_node)
    for graph in graphs:  # one transaction each: each merges over what the ones before it wrote
        neo4j_store.write_many([graph])
    embedded = NetworkXStore("memory://")
    embedded.write_many(graphs)
    recurring = [n.id for n in embedded.iter_nodes() if len({ev.article_id for ev in n.evidence}) > 3]
    assert len(recurring) >= 5
    # A node seen in more than three articles was merged, and so written, by the write before each of
    # its later ones: its JSON is parsed at most once, where an article met it again after a gap.
    assert sum(parsed.count(nid) for nid in recurring) < len(recurring) * 2
    assert list(neo4j_store.iter_nodes()) == list(embedded.iter_nodes())
    assert list(neo4j_store.iter_edges()) == list(embedded.iter_edges())


def test_a_model_the_caller_changes_after_its_write_is_not_what_the_next_write_merges_over(
    neo4j_store: GraphStore, seed_gold_path: Path, shared: Path
) -> None:
    graphs = corpus_graphs(seed_gold_path, shared)
    # two articles naming the same node: the second write merges into what the first wrote
    i, j = next(
        (i, j)
        for i in range(len(graphs))
        for j in range(i + 1, len(graphs))
        if {n.id for n in graphs[i].nodes} & {n.id for n in graphs[j].nodes}
    )
    for k in (i, j):
        neo4j_store.write_many([graphs[k]])
    for k in (i, j):  # the caller reuses its models after the writes
        for node in graphs[k].nodes:
            node.evidence = []
        for edge in graphs[k].edges:
            edge.evidence = []
    again = corpus_graphs(seed_gold_path, shared)
    neo4j_store.write_many([again[i], again[j]])
    embedded = NetworkXStore("memory://")
    embedded.write_many([again[i], again[j]])
    assert list(neo4j_store.iter_nodes()) == list(embedded.iter_nodes())
    assert list(neo4j_store.iter_edges()) == list(embedded.iter_edges())
