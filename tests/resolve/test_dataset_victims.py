"""Dataset links and victims: a dataset event whose victims are civilians (population groups) is not the
same event as an article incident whose only victims are a ministry's staff or armed men, and a dataset
row links to one article incident at most (its best match), on both stores."""

from __future__ import annotations

from datetime import date

from test_dataset_link import ROW  # the Kadugli camp shelling of 12 October 2025 (invented row)

from graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    Edge,
    EdgeType,
    Incident,
    IncidentType,
    Location,
    LocationKind,
    TimeSpan,
    actor_id,
    article_id,
    incident_id,
    location_id,
)
from graph.store import GraphStore
from loaders.datasets.acled import acled_row_to_graph
from loaders.resolve import resolve_store

DAY = date(2025, 10, 12)


def _place(name: str, lat: float, lon: float) -> Location:
    return Location(
        id=location_id("city", "SDN", name),
        name=name,
        location_kind=LocationKind.CITY,
        country="SDN",
        lat=lat,
        lon=lon,
    )


def _article(text: str, incidents: list[tuple[str, Location, list[tuple[Actor, str]]]]) -> ArticleGraph:
    """One article with these shelling incidents of 12 October 2025 (summary, place, (actor, role)s)."""
    art = Article(id=article_id(text), title=text[:40], published=DAY, text=text)
    nodes: list = []
    edges: list[Edge] = []
    for summary, place, actors in incidents:
        inc = Incident(
            id=incident_id(art.id, summary),
            incident_type=IncidentType.SHELLING,
            summary=summary,
            event_time=TimeSpan.day(DAY),
            location_id=place.id,
        )
        nodes += [inc, place]
        edges += [
            Edge(type=EdgeType.OCCURRED_NEAR, source=inc.id, target=place.id),
            Edge(type=EdgeType.REPORTED_IN, source=inc.id, target=art.id),
        ]
        for actor, role in actors:
            nodes.append(actor)
            edges.append(Edge(type=EdgeType.INVOLVES, source=inc.id, target=actor.id, props={"role": role}))
    uniq = {n.id: n for n in nodes}
    return ArticleGraph(article=art, nodes=list(uniq.values()), edges=edges, source_key=art.id)


def _actor(name: str, kind: ActorKind) -> Actor:
    return Actor(id=actor_id(kind.value, "SDN", name), name=name, actor_kind=kind, country="SDN")


KADUGLI = _place("Kadugli", 11.0111, 29.7183)


def _links(store: GraphStore) -> list[tuple[str, str]]:
    out = []
    for e in store.edges(EdgeType.SAME_AS):
        src, dst = store.get(e.source), store.get(e.target)
        assert isinstance(src, Incident) and isinstance(dst, Incident)
        out.append((src.dataset_ref or "", dst.summary))
    return sorted(out)


def test_civilian_victims_do_not_link_to_an_incident_of_forces_victims(store: GraphStore) -> None:
    soldiers = _actor("Sudanese Armed Forces", ActorKind.ARMED_GROUP)
    store.write_article(
        _article(
            "Shells hit an army post in Kadugli.", [("army post shelled", KADUGLI, [(soldiers, "victim")])]
        )
    )
    store.write_article(acled_row_to_graph(ROW))  # victims: Civilians (Sudan), IDPs (Sudan)
    assert resolve_store(store).same_as == 0
    assert _links(store) == []


def test_civilian_victims_link_to_an_incident_of_civilian_victims(store: GraphStore) -> None:
    displaced = _actor("displaced families", ActorKind.POPULATION_GROUP)
    store.write_article(
        _article("Shells hit a camp in Kadugli.", [("camp shelled", KADUGLI, [(displaced, "victim")])])
    )
    store.write_article(acled_row_to_graph(ROW))
    assert resolve_store(store).same_as == 1
    assert _links(store) == [("SDN90001", "camp shelled")]


def test_a_dataset_row_links_to_its_best_match_only(store: GraphStore) -> None:
    """Two shellings of one article (never merged: one article's incidents stay two) both match the
    ACLED row; the one at the row's own named place scores higher and is the only link."""
    outskirts = _place("Kadugli outskirts", 11.05, 29.72)  # about 4 km from the ACLED coordinates
    store.write_article(
        _article(
            "Shells hit Kadugli and its outskirts.",
            [("shelling in town", KADUGLI, []), ("shelling outside town", outskirts, [])],
        )
    )
    store.write_article(acled_row_to_graph(ROW))
    assert resolve_store(store).same_as == 1
    assert _links(store) == [("SDN90001", "shelling in town")]
    [link] = store.edges(EdgeType.SAME_AS)
    assert link.props["place"] == 1.0
    assert resolve_store(store).changed == 0  # idempotent


def test_mixed_corpus_links_the_acled_landmine_once(store: GraphStore, seed_graph: ArticleGraph) -> None:
    """AZE9002 (two civilian road workers) matched both seed landmines before; the one whose victim is
    the Ministry of Internal Affairs is another event."""
    from pathlib import Path

    from loaders.annotations import load_annotation
    from loaders.datasets import read_dataset

    store.write_article(seed_graph)
    for gold in sorted((Path(__file__).parents[1] / "corpus" / "gold").glob("*.json")):
        store.write_article(load_annotation(gold))
    fixture = Path(__file__).parents[1] / "datasets" / "fixtures" / "acled_current.csv"
    for g in read_dataset("acled", fixture):
        if isinstance(g, ArticleGraph):
            store.write_article(g)
    resolve_store(store)
    links = [
        e for e in store.edges(EdgeType.SAME_AS) if (s := store.get(e.source)) and s.dataset_ref == "AZE9002"
    ]  # type: ignore[union-attr]
    [link] = links
    partner = store.get(link.target)
    assert isinstance(partner, Incident)
    assert (partner.killed, partner.event_time.label(), partner.incident_type) == (
        2, "2023-09-19", IncidentType.LANDMINE_EXPLOSION,
    )  # fmt: skip
    victims = [
        a
        for e, a in store.neighbours(partner.id, EdgeType.INVOLVES, "out")
        if e.props.get("role") == "victim"
    ]
    assert victims == []  # the seed names no victim actor for it: nothing conflicts
