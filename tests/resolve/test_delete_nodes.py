"""``GraphStore.delete_nodes`` (added for cross-article resolution) on both stores."""

from __future__ import annotations

from graph.model import Actor, ActorKind, ArticleGraph, Edge, EdgeType, NodeKind, actor_id
from graph.store import GraphStore


def test_delete_nodes_removes_nodes_their_edges_and_names(store: GraphStore) -> None:
    a = Actor(
        id=actor_id("state", "ARM", "Armenia"),
        name="Armenia",
        actor_kind=ActorKind.STATE,
        country="ARM",
        aliases=["Yerevan"],
    )
    b = Actor(
        id=actor_id("government_body", "ARM", "Ministry of Defence of Armenia"),
        name="Ministry of Defence of Armenia",
        actor_kind=ActorKind.GOVERNMENT_BODY,
        country="ARM",
    )
    c = Actor(
        id=actor_id("state", "AZE", "Azerbaijan"),
        name="Azerbaijan",
        actor_kind=ActorKind.STATE,
        country="AZE",
    )
    part = Edge(type=EdgeType.PART_OF, source=b.id, target=a.id)
    acc = Edge(type=EdgeType.ACCUSES, source=c.id, target=b.id, props={"claim_id": "clm_x"})
    store.write_article(ArticleGraph(nodes=[a, b, c], edges=[part, acc]))
    store.delete_nodes([a.id, "act_unknown"])
    assert store.get(a.id) is None
    assert store.get_edge(part.id) is None
    assert store.find(NodeKind.ACTOR, "Yerevan") == []
    assert [n.id for n in store.iter_nodes()] == sorted([b.id, c.id])
    assert [e.id for e in store.iter_edges()] == [acc.id]
    store.delete_nodes([])
    assert store.stats()["nodes"] == 2
