"""``GraphStore.overwrite_nodes`` (cross-article resolution rewrites nodes in place) on both stores."""

from __future__ import annotations

import pytest

from graph.errors import StoreError
from graph.model import (
    Actor,
    ActorKind,
    ArticleGraph,
    Claim,
    Edge,
    EdgeType,
    Incident,
    IncidentType,
    NodeKind,
    Stance,
    actor_id,
)
from graph.store import GraphStore


def _actor(name: str, country: str, aliases: list[str] | None = None) -> Actor:
    return Actor(
        id=actor_id("state", country, name),
        name=name,
        actor_kind=ActorKind.STATE,
        country=country,
        aliases=aliases or [],
    )


def test_overwrite_replaces_the_value_and_keeps_the_edges(store: GraphStore) -> None:
    arm, aze = _actor("Armenia", "ARM", ["Yerevan"]), _actor("Azerbaijan", "AZE")
    shelling = Incident(id="inc_1", incident_type=IncidentType.SHELLING)
    claim = Claim(id="clm_1", claimant_id=arm.id, stance=Stance.ACCUSE, target_id=aze.id, quote="shelled")
    made = Edge(type=EdgeType.MADE, source=arm.id, target=claim.id)
    about = Edge(type=EdgeType.ABOUT, source=claim.id, target=shelling.id)
    store.write_article(ArticleGraph(nodes=[arm, aze, shelling, claim], edges=[made, about]))

    # What merging cannot give: another claimant, and an actor without its old alias.
    repointed = claim.model_copy(update={"claimant_id": aze.id, "quote": "shelled again"})
    renamed = arm.model_copy(update={"aliases": ["Erevan"]})
    added = _actor("Georgia", "GEO")
    store.overwrite_nodes([repointed, renamed, added])

    assert store.get(claim.id) == repointed
    assert store.get(arm.id) == renamed
    assert store.get(added.id) == added
    assert sorted(e.id for e in store.iter_edges()) == sorted([made.id, about.id])
    assert store.find(NodeKind.ACTOR, "Yerevan") == []
    assert store.find(NodeKind.ACTOR, "Erevan") == [renamed]
    store.overwrite_nodes([])
    assert store.stats()["nodes"] == 5


def test_overwrite_refuses_another_kind_and_writes_nothing(store: GraphStore) -> None:
    arm = _actor("Armenia", "ARM")
    store.write_article(ArticleGraph(nodes=[arm]))
    renamed = arm.model_copy(update={"aliases": ["Yerevan"]})
    impostor = Incident(id=arm.id, incident_type=IncidentType.SHELLING)
    with pytest.raises(StoreError, match="Actor"):
        store.overwrite_nodes([renamed, impostor])
    assert store.get(arm.id) == arm


def test_overwrite_with_one_id_twice_keeps_the_last(store: GraphStore) -> None:
    first, last = _actor("Armenia", "ARM", ["Yerevan"]), _actor("Armenia", "ARM", ["Erevan"])
    store.overwrite_nodes([first, last])
    assert store.get(first.id) == last
