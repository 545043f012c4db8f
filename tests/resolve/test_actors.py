"""Actor resolution across articles: aliases, metonyms, the dictionary's canonical names, parent bodies,
and homonyms of another kind or country kept apart."""

from __future__ import annotations

from datetime import date

from graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    Claim,
    Edge,
    EdgeType,
    Evidence,
    NodeKind,
    Stance,
    actor_id,
    article_id,
    claim_id,
)
from graph.store import GraphStore
from loaders.resolve import resolve_store


def _article(text: str, day: int, actors: list[tuple[str, str, str | None, list[str]]]) -> ArticleGraph:
    """One article naming ``actors`` (name, kind, country, aliases); the first one accuses the second."""
    aid = article_id(text)
    nodes: list = []
    edges: list[Edge] = []
    made = []
    for name, kind, country, aliases in actors:
        start = text.index(name)
        ev = [Evidence(article_id=aid, start=start, end=start + len(name), quote=name)]
        a = Actor(
            id=actor_id(kind, country, name),
            name=name,
            actor_kind=ActorKind(kind),
            country=country,
            aliases=aliases,
            evidence=ev,
        )
        nodes.append(a)
        edges.append(Edge(type=EdgeType.REPORTED_IN, source=a.id, target=aid, evidence=ev))
        made.append(a)
    if len(made) >= 2:
        cid = claim_id(aid, "c1")
        nodes.append(
            Claim(id=cid, claimant_id=made[0].id, stance=Stance.ACCUSE, target_id=made[1].id, quote=text)
        )
        edges += [
            Edge(type=EdgeType.MADE, source=made[0].id, target=cid),
            Edge(type=EdgeType.ACCUSES, source=made[0].id, target=made[1].id, props={"claim_id": cid}),
            Edge(type=EdgeType.REPORTED_IN, source=cid, target=aid),
        ]
    art = Article(id=aid, title=text[:20], published=date(2025, 1, day), text=text)
    return ArticleGraph(article=art, nodes=nodes, edges=edges, source_key=aid)


def _actors(store: GraphStore) -> dict[str, Actor]:
    return {a.name: a for a in store.iter_nodes(NodeKind.ACTOR) if isinstance(a, Actor)}


def test_aliases_metonyms_and_dictionary_names_resolve_to_one_actor(store: GraphStore) -> None:
    store.write_article(
        _article(
            "Azerbaijan said Jebel Forces Alliance fighters crossed.",
            1,
            [("Azerbaijan", "state", "AZE", []), ("Jebel Forces Alliance", "armed_group", "SDN", ["JFA"])],
        )
    )
    store.write_article(
        _article(
            "Baku blamed the JFA again, and the UN called for calm.",
            2,
            [
                ("Baku", "state", "AZE", []),
                ("JFA", "armed_group", "SDN", []),
                ("UN", "organisation", None, []),
            ],
        )
    )
    store.write_article(
        _article(
            "The United Nations and Ministry of Defence of Azerbaijan met.",
            3,
            [
                ("United Nations", "organisation", None, []),
                ("Ministry of Defence of Azerbaijan", "government_body", "AZE", []),
            ],
        )
    )
    report = resolve_store(store)
    assert report.actors_merged == 3
    actors = _actors(store)
    assert sorted(actors) == [
        "Azerbaijan",
        "Jebel Forces Alliance",
        "Ministry of Defence of Azerbaijan",
        "United Nations",
    ]
    aze, jfa = actors["Azerbaijan"], actors["Jebel Forces Alliance"]
    assert aze.id == actor_id("state", "AZE", "Azerbaijan")  # the key is the canonical id
    assert "Baku" in aze.aliases and "UN" in actors["United Nations"].aliases and "JFA" in jfa.aliases
    # every alias keeps its evidence: the mention of "Baku" in the second article
    assert {ev.quote for ev in aze.evidence} == {"Azerbaijan", "Baku"}
    # both accusations are now Azerbaijan's, against the one JFA node
    accusations = [c for c in store.iter_nodes(NodeKind.CLAIM) if isinstance(c, Claim)]
    assert {(c.claimant_id, c.target_id) for c in accusations} >= {(aze.id, jfa.id)}
    un = actors["United Nations"]
    assert {(e.source, e.target) for e in store.edges(EdgeType.ACCUSES)} == {
        (aze.id, jfa.id),
        (un.id, actors["Ministry of Defence of Azerbaijan"].id),
    }
    # the ministry named in a third article is PART_OF the state named in the first
    parts = store.edges(EdgeType.PART_OF, source=actors["Ministry of Defence of Azerbaijan"].id)
    assert [e.target for e in parts] == [aze.id]
    assert resolve_store(store).changed == 0


def test_homonyms_of_another_kind_or_country_stay_apart(store: GraphStore) -> None:
    store.write_article(
        _article(
            "Jebel Forces Alliance rebels and the Jebel Forces Alliance charity spoke.",
            1,
            [("Jebel Forces Alliance", "armed_group", "SDN", ["JFA"])],
        )
    )
    store.write_article(
        _article(
            "JFA, a charity, and JFA fighters in South Sudan.",
            2,
            [("JFA", "organisation", "SDN", []), ("JFA", "armed_group", "SSD", [])],
        )
    )
    resolve_store(store)
    kinds = sorted(
        (a.actor_kind.value, a.country or "")
        for a in store.iter_nodes(NodeKind.ACTOR)
        if isinstance(a, Actor)
    )
    assert kinds == [("armed_group", "SDN"), ("armed_group", "SSD"), ("organisation", "SDN")]
