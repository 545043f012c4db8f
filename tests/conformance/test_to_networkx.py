"""GraphStore.to_networkx: the stored graph as a networkx MultiDiGraph, the same from both stores."""

from __future__ import annotations

import networkx as nx

from graph.model import ArticleGraph, EdgeType, NodeKind
from graph.store import GraphStore


def test_the_seed_as_a_networkx_graph(store: GraphStore, seed_graph: ArticleGraph) -> None:
    store.write_article(seed_graph)
    g = store.to_networkx()
    stats = store.stats()
    assert (g.number_of_nodes(), g.number_of_edges()) == (stats["nodes"], stats["edges"]) == (33, 75)
    mod = next(n for n, d in g.nodes(data=True) if d["name"] == "Ministry of Defense (Azerbaijan)")
    groups = next(n for n, d in g.nodes(data=True) if d["name"] == "illegal Armenian armed groups")
    accusations = [d["edge"] for _, _, d in g.edges(mod, data=True) if d["type"] == EdgeType.ACCUSES.value]
    assert [e.target for e in accusations] == [groups]
    # The edge names its claim, and the claim is a node of the same graph: networkx's algorithms can walk
    # from the accuser through the claim to the incident it is about.
    claim = accusations[0].props["claim_id"]
    assert g.nodes[claim]["kind"] == NodeKind.CLAIM.value
    assert "jamming the GPS" in g.nodes[claim]["node"].quote
    gps = next(n for n, d in g.nodes(data=True) if d["kind"] == "Incident" and "GPS" in d["node"].summary)
    assert nx.has_path(g, mod, gps) and nx.shortest_path_length(g, mod, gps) == 2  # MADE, then ABOUT
    # Only actors: the ACCUSES and PART_OF edges between them, nothing dangling.
    actors = store.to_networkx([NodeKind.ACTOR])
    assert {d["kind"] for _, d in actors.nodes(data=True)} == {"Actor"}
    assert {d["type"] for _, _, d in actors.edges(data=True)} == {"ACCUSES", "PART_OF"}
    # A copy: changing it leaves the store as it was.
    g.remove_node(mod)
    assert store.get(mod) is not None and store.stats() == stats
