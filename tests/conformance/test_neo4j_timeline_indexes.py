"""The Neo4j timeline's index lookups give the embedded store's answers: actor and place names with
characters the full-text query language treats specially (in the timeline's filters and in ``find``), and date
ranges over a database written before Incident.event_tier existed (the store fills it in when it first
creates the index)."""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    Edge,
    EdgeType,
    Incident,
    Location,
    LocationKind,
    NodeKind,
    Role,
    TimeSpan,
)
from graph.neo4j_store import Neo4jStore
from graph.nx_store import NetworkXStore
from graph.store import GraphStore, TimelineFilter
from graph.taxonomy import IncidentType

pytestmark = pytest.mark.neo4j

ODD_NAMES = [
    'al-"x" (y) [z] *?: ~ ^ && || !',
    "back\\slash",
    "Кремль",
    "\U0001d518nicode \ufb01",
    "OR",
    "*",
    '"',
    "n" * 2500,  # longer than a full-text phrase is sent: resolved by the name scan
]

SPANS = [
    TimeSpan.day(date(2023, 9, 19)),
    TimeSpan.month(2023, 9),
    TimeSpan.year(2023),
    TimeSpan.range(date(2020, 1, 1), date(2025, 5, 20)),
    TimeSpan.range(date(2023, 8, 1), date(2023, 10, 15)),
    TimeSpan.unknown("some time ago"),
]


def graph() -> ArticleGraph:
    art = Article(id="art_idx", title="Index checks", published=date(2025, 6, 1))
    nodes: list[Actor | Incident] = []
    edges: list[Edge] = []
    for k, name in enumerate(ODD_NAMES):
        actor = Actor(id=f"act_idx{k}", name=name, actor_kind=ActorKind.STATE, aliases=[f"alias {k}"])
        for j, span in enumerate(SPANS):
            inc = Incident(
                id=f"inc_idx{k}_{j}",
                incident_type=list(IncidentType)[j],
                summary=f"incident {k} {j}",
                event_time=span,
            )
            nodes.append(inc)
            edges.append(
                Edge(
                    type=EdgeType.INVOLVES,
                    source=inc.id,
                    target=actor.id,
                    props={"role": Role.VICTIM.value},
                )
            )
            edges.append(Edge(type=EdgeType.REPORTED_IN, source=inc.id, target=art.id))
        nodes.append(actor)
    return ArticleGraph(article=art, nodes=nodes, edges=edges, source_key="idx")


def ids(store: GraphStore, flt: TimelineFilter) -> list[str]:
    return [i.id for i in store.timeline(flt)]


def test_actor_names_with_query_syntax_resolve_as_in_the_embedded_store(neo4j_store: GraphStore) -> None:
    g = graph()
    embedded = NetworkXStore("memory://")
    embedded.write_article(g)
    neo4j_store.write_article(g)
    for name in [*ODD_NAMES, "alias 3", "  OR ", "nobody"]:
        expected = ids(embedded, TimelineFilter(actor=name))
        assert ids(neo4j_store, TimelineFilter(actor=name)) == expected, name
        assert ids(neo4j_store, TimelineFilter(claimant=name)) == ids(embedded, TimelineFilter(claimant=name))
        if name != "nobody":
            assert len(expected) == len(SPANS), name
        # find() seeks actors through the same full-text index (the scan for the long name)
        assert neo4j_store.find(NodeKind.ACTOR, name) == embedded.find(NodeKind.ACTOR, name), name
        assert (name == "nobody") == (embedded.find(NodeKind.ACTOR, name) == [])


def places_graph() -> ArticleGraph:
    art = Article(id="art_idx_places", title="Place index checks", published=date(2025, 6, 1))
    nodes: list[Location | Incident] = []
    edges: list[Edge] = []
    for k, name in enumerate(ODD_NAMES):
        place = Location(
            id=f"loc_idx{k}",
            name=name,
            location_kind=LocationKind.CITY,
            lat=10.0 + k,
            lon=20.0,
            aliases=[f"place alias {k}"],
        )
        near = Location(
            id=f"loc_idx{k}_near", name=f"near {k}", location_kind=LocationKind.CITY, lat=10.0 + k, lon=20.1
        )
        nodes += [place, near]
        for j, where in enumerate((place, near)):
            inc = Incident(
                id=f"inc_idx_place{k}_{j}",
                incident_type=IncidentType.ARMED_CLASH,
                event_time=SPANS[j],
                location_id=where.id,
            )
            nodes.append(inc)
            edges.append(Edge(type=EdgeType.OCCURRED_NEAR, source=inc.id, target=where.id))
            edges.append(Edge(type=EdgeType.REPORTED_IN, source=inc.id, target=art.id))
    return ArticleGraph(article=art, nodes=nodes, edges=edges, source_key="idx_places")


def test_place_names_with_query_syntax_resolve_as_in_the_embedded_store(neo4j_store: GraphStore) -> None:
    g = places_graph()
    embedded = NetworkXStore("memory://")
    embedded.write_article(g)
    neo4j_store.write_article(g)
    for name in [*ODD_NAMES, "place alias 3", "  OR ", "nowhere"]:
        for within_km in (None, 25.0):
            flt = TimelineFilter(location=name, within_km=within_km)
            expected = ids(embedded, flt)
            assert ids(neo4j_store, flt) == expected, (name, within_km)
            if name != "nowhere":
                assert len(expected) == (1 if within_km is None else 2), (name, within_km)
        # find() seeks places through the same full-text index (the scan for the long name)
        assert neo4j_store.find(NodeKind.LOCATION, name) == embedded.find(NodeKind.LOCATION, name), name
        assert (name == "nowhere") == (embedded.find(NodeKind.LOCATION, name) == [])


def test_dates_on_a_database_written_before_event_tier(neo4j_store: GraphStore) -> None:
    assert isinstance(neo4j_store, Neo4jStore)
    g = graph()
    embedded = NetworkXStore("memory://")
    embedded.write_article(g)
    neo4j_store.write_article(g)
    # What an older version wrote: no event_tier, no index on it.
    neo4j_store.run_cypher("MATCH (i:Incident) REMOVE i.event_tier", write=True)
    neo4j_store.run_cypher("DROP INDEX cg_incident_tier_order IF EXISTS", write=True)
    reopened = Neo4jStore(neo4j_store.url)
    try:
        untiered = (
            "MATCH (i:Incident) WHERE i.event_start IS NOT NULL AND i.event_tier IS NULL RETURN count(i) AS n"
        )
        assert reopened.run_cypher(untiered) == [{"n": 0}]
        windows = [
            (date(2023, 9, 19), date(2023, 9, 19)),
            (date(2023, 10, 1), date(2023, 10, 31)),
            (date(2024, 3, 1), date(2024, 3, 31)),
            (date(2019, 1, 1), date(2019, 12, 31)),
            (None, date(2020, 1, 1)),
            (date(2025, 5, 20), None),
        ]
        for since, until in windows:
            flt = TimelineFilter(since=since, until=until)
            expected = ids(embedded, flt)
            assert ids(reopened, flt) == expected, (since, until)
        # The October window catches the month-long ones only through their tiers' wider seek.
        october = ids(embedded, TimelineFilter(since=date(2023, 10, 1), until=date(2023, 10, 31)))
        assert {i.rsplit("_", 1)[1] for i in october} == {"2", "3", "4"}
    finally:
        reopened.close()


# The previous versions' date indexes: (event_tier, event_start), where event_end came from each node;
# (event_tier, event_start, event_end), where a page's sort key came from each node.
OLDER_DATE_INDEXES = [
    "CREATE INDEX cg_incident_tier_start FOR (n:Incident) ON (n.event_tier, n.event_start)",
    "CREATE INDEX cg_incident_tier_span FOR (n:Incident) ON (n.event_tier, n.event_start, n.event_end)",
]


@pytest.mark.parametrize("older", OLDER_DATE_INDEXES)
def test_a_database_with_an_older_date_index_gets_the_new_one(neo4j_store: GraphStore, older: str) -> None:
    assert isinstance(neo4j_store, Neo4jStore)
    neo4j_store.write_article(graph())
    neo4j_store.run_cypher("DROP INDEX cg_incident_tier_order IF EXISTS", write=True)
    neo4j_store.run_cypher(older, write=True)
    reopened = Neo4jStore(neo4j_store.url)
    try:
        found = reopened.run_cypher(
            "SHOW INDEXES YIELD name, properties WHERE name STARTS WITH 'cg_incident_tier' "
            "RETURN name, properties"
        )
        assert found == [
            {
                "name": "cg_incident_tier_order",
                "properties": ["event_tier", "event_start", "event_end", "precision_rank", "id"],
            }
        ]
        flt = TimelineFilter(since=date(2023, 10, 1), until=date(2023, 10, 31))
        embedded = NetworkXStore("memory://")
        embedded.write_article(graph())
        assert ids(reopened, flt) == ids(embedded, flt)
        assert [i.id for i in reopened.timeline(flt, 2)] == [i.id for i in embedded.timeline(flt, 2)]
    finally:
        reopened.close()
