"""The store contract, run on both stores through the ``store`` fixture: round trip, validation,
idempotent re-writes, and all-or-nothing writes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.errors import StoreError, ValidationError
from graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    CasualtyFigure,
    Claim,
    Edge,
    EdgeType,
    Evidence,
    Incident,
    Location,
    LocationKind,
    NodeKind,
    Stance,
    TimeSpan,
    actor_id,
)
from graph.nx_store import NetworkXStore
from graph.store import GraphStore
from graph.taxonomy import IncidentType

# Strings that have broken hand-built Cypher and JSON before: quotes, backticks, braces, comments,
# a statement, newlines, NUL, right-to-left and astral characters.
NASTY = [
    "'",
    '"',
    "`",
    "\\",
    "}",
    "{id: 1}",
    "//",
    "/* */",
    "MATCH (n) DETACH DELETE n",
    "x' OR 1=1 //",
    "line\nbreak\r\n",
    "\x00",
    "Ադրբեջան Азербайджан أذربيجان",
    "😀 \U0001f1e6\U0001f1ff",
    "\u202eevil",
    "$param",
]
texts = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))
names = st.one_of(st.sampled_from(NASTY), st.text(min_size=1, max_size=30)).filter(lambda s: s.strip() != "")
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def dump(store: GraphStore) -> tuple[dict[str, int], list[Any], list[Any]]:
    """Everything a store holds, comparable with ==."""
    return (store.stats(), list(store.iter_nodes()), list(store.iter_edges()))


@st.composite
def spans(draw: st.DrawFn) -> TimeSpan:
    raw = draw(texts)
    kind = draw(st.sampled_from(["day", "month", "year", "range", "unknown"]))
    d = draw(days)
    if kind == "day":
        return TimeSpan.day(d, raw)
    if kind == "month":
        return TimeSpan.month(d.year, d.month, raw)
    if kind == "year":
        return TimeSpan.year(d.year, raw)
    if kind == "range":
        return TimeSpan.range(d, draw(st.dates(min_value=d, max_value=date(2100, 12, 31))), raw)
    return TimeSpan.unknown(raw)


@st.composite
def article_graphs(draw: st.DrawFn) -> ArticleGraph:
    """One article's graph with every model and every field drawn, ids included."""
    suffix = draw(texts)
    aid = "art_" + suffix
    text = draw(texts)

    def evidence() -> list[Evidence]:
        quote = draw(texts)
        return [
            Evidence(article_id=aid, sentence=draw(st.integers(0, 50)), start=0, end=len(quote), quote=quote)
        ]

    article = Article(
        id=aid,
        title=draw(texts),
        url=draw(st.none() | texts),
        outlet=draw(st.none() | texts),
        published=draw(st.none() | days),
        published_inferred=draw(st.booleans()),
        ingested_at=datetime(2024, 5, 1, 12, 30, tzinfo=UTC),
        text=text,
        extra={draw(texts): draw(texts)},
    )
    actor_name = draw(names)
    accuser = Actor(
        id="act_" + suffix + "1",
        name=actor_name,
        actor_kind=draw(st.sampled_from(list(ActorKind))),
        country=draw(st.sampled_from([None, "AZE", "ARM"])),
        aliases=sorted(set(draw(st.lists(names, max_size=3)))),
        role=draw(st.none() | texts),
        evidence=evidence(),
    )
    accused = Actor(id="act_" + suffix + "2", name=draw(names), actor_kind=ActorKind.ARMED_GROUP)
    place = Location(
        id="loc_" + suffix,
        name=draw(names),
        location_kind=draw(st.sampled_from(list(LocationKind))),
        lat=draw(st.none() | st.floats(-90, 90, allow_nan=False)),
        lon=draw(st.none() | st.floats(-180, 180, allow_nan=False)),
        gazetteer_id=draw(st.none() | texts),
        precision_km=draw(st.none() | st.floats(0, 1000, allow_nan=False)),
        aliases=sorted(set(draw(st.lists(names, max_size=2)))),
    )
    incident = Incident(
        id="inc_" + suffix,
        incident_type=draw(st.sampled_from(list(IncidentType))),
        summary=draw(texts),
        killed=draw(st.none() | st.integers(0, 10**6)),
        figures=[CasualtyFigure(killed=draw(st.integers(0, 100)), source=aid, note=draw(texts))],
        event_time=draw(spans()),
        location_id=place.id,
        original_type=draw(st.none() | texts),
        evidence=evidence(),
    )
    claim = Claim(
        id="clm_" + suffix,
        claimant_id=accuser.id,
        stance=Stance.ACCUSE,
        target_id=accused.id,
        about_id=incident.id,
        quote=draw(texts),
        claim_time=draw(spans()),
        negated=draw(st.booleans()),
        hypothetical=draw(st.booleans()),
        repeats=[draw(spans())],
        evidence=evidence(),
    )
    scalar = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(2**63), 2**63 - 1),
        texts,
        st.floats(allow_nan=False, allow_infinity=False),
    )
    edges = [
        Edge(type=EdgeType.MADE, source=accuser.id, target=claim.id, evidence=evidence()),
        Edge(type=EdgeType.ABOUT, source=claim.id, target=incident.id),
        Edge(
            type=EdgeType.ACCUSES,
            source=accuser.id,
            target=accused.id,
            props={"claim_id": claim.id, draw(texts): draw(scalar)},
        ),
        Edge(
            type=EdgeType.OCCURRED_NEAR,
            source=incident.id,
            target=place.id,
            props={"distance_km": draw(st.none() | st.floats(0, 500, allow_nan=False))},
        ),
        Edge(type=EdgeType.INVOLVES, source=incident.id, target=accused.id, props={"role": "victim"}),
        Edge(type=EdgeType.REPORTED_IN, source=claim.id, target=aid, evidence=evidence()),
    ]
    return ArticleGraph(
        article=article, nodes=[accuser, accused, place, incident, claim], edges=edges, source_key=aid
    )


@SETTINGS
@given(graph=article_graphs())
def test_round_trip_of_every_model(store: GraphStore, graph: ArticleGraph) -> None:
    store.clear()
    store.write_article(graph)
    assert graph.article is not None
    expected_nodes = sorted([graph.article, *graph.nodes], key=lambda n: n.id)
    for node in expected_nodes:
        assert store.get(node.id) == node
    for edge in graph.edges:
        assert store.get_edge(edge.id) == edge
    assert list(store.iter_nodes()) == expected_nodes
    assert list(store.iter_edges()) == sorted(graph.edges, key=lambda e: e.id)
    nodes, edges = store.snapshot()
    assert list(nodes.items()) == [(n.id, n) for n in expected_nodes]
    assert list(edges.items()) == [(e.id, e) for e in sorted(graph.edges, key=lambda e: e.id)]
    accuser = graph.nodes[0]
    assert isinstance(accuser, Actor)
    assert accuser in store.find(NodeKind.ACTOR, accuser.name)
    assert store.has_source(graph.source_key)
    assert not store.has_source(graph.source_key + "'")
    stats = store.stats()
    assert (stats["nodes"], stats["edges"], stats["sources"]) == (6, 6, 1)


def _actor(name: str, kind: ActorKind = ActorKind.STATE, country: str | None = None) -> Actor:
    return Actor(id=actor_id(kind.value, country, name), name=name, actor_kind=kind, country=country)


def test_wrong_endpoint_is_refused_naming_type_and_kinds(store: GraphStore) -> None:
    a, b = _actor("Azerbaijan", country="AZE"), _actor("Armenia", country="ARM")
    store.write_article(ArticleGraph(nodes=[a, b], source_key="first"))
    before = dump(store)
    # OCCURRED_NEAR from an actor: the kinds of both ends come from the store, not from this graph.
    wrong = ArticleGraph(edges=[Edge(type=EdgeType.OCCURRED_NEAR, source=a.id, target=b.id)], source_key="x")
    with pytest.raises(
        ValidationError, match=r"OCCURRED_NEAR goes from Incident to Location; got Actor -> Actor"
    ):
        store.write_article(wrong)
    claim_less = ArticleGraph(
        nodes=[Incident(id="inc_1", incident_type=IncidentType.SHELLING)],
        edges=[Edge(type=EdgeType.DENIES, source=a.id, target="inc_1")],
        source_key="y",
    )
    with pytest.raises(ValidationError, match=r"DENIES goes from Actor to Claim; got Actor -> Incident"):
        store.write_article(claim_less)
    dangling = ArticleGraph(
        edges=[Edge(type=EdgeType.MADE, source=a.id, target="clm_nowhere")], source_key="z"
    )
    with pytest.raises(ValidationError, match="MADE edge refers to unknown node 'clm_nowhere'"):
        store.write_article(dangling)
    assert dump(store) == before
    assert not store.has_source("x") and not store.has_source("y") and not store.has_source("z")


def test_an_id_keeps_its_kind(store: GraphStore) -> None:
    a = _actor("Azerbaijan", country="AZE")
    store.write_article(ArticleGraph(nodes=[a], source_key="first"))
    before = dump(store)
    clash = Location(id=a.id, name="Azerbaijan", location_kind=LocationKind.COUNTRY)
    with pytest.raises(StoreError, match=f"id '{a.id}' is a Actor, cannot write it as a Location"):
        store.write_article(ArticleGraph(nodes=[clash], source_key="second"))
    assert dump(store) == before


def test_rewriting_the_same_article_changes_nothing(store: GraphStore, seed_graph: ArticleGraph) -> None:
    store.write_article(seed_graph)
    first = dump(store)
    assert first[0]["nodes"] == 33 and first[0]["edges"] == 75 and first[0]["sources"] == 1
    store.write_article(seed_graph.model_copy(deep=True))
    assert dump(store) == first


def test_a_node_seen_in_two_articles_keeps_both_evidence(store: GraphStore) -> None:
    def seen_in(article: str, quote: str) -> ArticleGraph:
        a = _actor("Azerbaijan", country="AZE")
        a.aliases = [quote]
        a.evidence = [Evidence(article_id=article, quote=quote)]
        return ArticleGraph(nodes=[a], source_key=article)

    store.write_article(seen_in("art_b", "Baku"))
    store.write_article(seen_in("art_a", "Azerbaijani"))
    [merged] = store.find(NodeKind.ACTOR, "baku")
    assert isinstance(merged, Actor)
    assert merged.aliases == ["Azerbaijani", "Baku"]
    assert [(e.article_id, e.quote) for e in merged.evidence] == [("art_a", "Azerbaijani"), ("art_b", "Baku")]
    assert store.find(NodeKind.ACTOR, "AZERBAIJANI") == [merged]


def _second_article(seed: ArticleGraph) -> ArticleGraph:
    """Another article that touches the seed's Azerbaijan (new evidence) and adds its own nodes."""
    azerbaijan = next(n for n in seed.nodes if isinstance(n, Actor) and n.name == "Azerbaijan")
    again = azerbaijan.model_copy(deep=True)
    again.evidence = [Evidence(article_id="art_second", quote="Azerbaijani officials")]
    again.aliases = ["Azerbaijani officials"]
    article = Article(id="art_second", title="Second report", published=date(2023, 9, 20))
    incident = Incident(
        id="inc_second", incident_type=IncidentType.SHELLING, event_time=TimeSpan.day(date(2023, 9, 20))
    )
    edges = [
        Edge(type=EdgeType.INVOLVES, source=incident.id, target=again.id, props={"role": "party"}),
        Edge(type=EdgeType.REPORTED_IN, source=incident.id, target=article.id),
    ]
    return ArticleGraph(article=article, nodes=[again, incident], edges=edges, source_key="art_second")


def _inject_failure_after_nodes(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Make the next write fail after its nodes were sent; returns what the failing write saw."""
    seen: list[int] = []
    if isinstance(store, NetworkXStore):
        # The embedded store's commit point is its journal line: die half-way through writing it.
        journal = store._journal

        class TornJournal:
            def write(self, line: str) -> int:
                journal.write(line[: len(line) // 2])
                journal.flush()
                seen.append(len(line) // 2)
                raise OSError(28, "No space left on device")

            def __getattr__(self, name: str) -> Any:
                return getattr(journal, name)

        monkeypatch.setattr(store, "_journal", TornJournal())
    else:
        from neo4j import ManagedTransaction

        def nodes_written_then_fail(
            tx: ManagedTransaction, edges: list[Edge], kinds: dict[str, NodeKind], *rows: object
        ) -> None:
            # Inside the same transaction the new nodes are there: the failure really is mid-write.
            seen.append(tx.run("MATCH (i:Incident {id: 'inc_second'}) RETURN count(i) AS n").single()["n"])
            raise RuntimeError("injected failure after the node batch")

        monkeypatch.setattr(store, "_write_edges", nodes_written_then_fail)
    return seen


def test_failure_in_the_middle_of_a_write_leaves_the_store_as_it_was(
    store: GraphStore, seed_graph: ArticleGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write_article(seed_graph)
    before = dump(store)
    second = _second_article(seed_graph)
    seen = _inject_failure_after_nodes(store, monkeypatch)
    with pytest.raises((OSError, RuntimeError)):
        store.write_article(second)
    assert seen and seen[0] > 0
    assert dump(store) == before
    assert store.get("inc_second") is None
    assert not store.has_source("art_second")
    monkeypatch.undo()
    if isinstance(store, NetworkXStore):
        # What is on disk is the old store too: the torn journal line is ignored on reopening.
        assert store.path is not None
        reopened = NetworkXStore(str(store.path))
        try:
            assert dump(reopened) == before
        finally:
            reopened.close()
    else:
        store.write_article(second)
        assert store.has_source("art_second")
        assert dump(store)[0]["nodes"] == before[0]["nodes"] + 2


def test_write_many_keeps_the_graphs_before_a_refused_one(
    store: GraphStore, seed_graph: ArticleGraph
) -> None:
    bad = ArticleGraph(
        nodes=[_actor("Nobody")],
        edges=[Edge(type=EdgeType.MADE, source=_actor("Nobody").id, target="clm_missing")],
        source_key="bad",
    )
    later = ArticleGraph(nodes=[_actor("Later")], source_key="later")
    with pytest.raises(ValidationError, match="clm_missing"):
        store.write_many([seed_graph, bad, later])
    assert store.has_source(seed_graph.source_key)
    assert not store.has_source("bad") and not store.has_source("later")
    assert store.find(NodeKind.ACTOR, "Nobody") == [] and store.find(NodeKind.ACTOR, "Later") == []
    assert store.stats()["nodes"] == 33
    # the ingest's look-up of a chunk of articles at once answers as has_source does, one by one
    keys = ["later", seed_graph.source_key, "bad", seed_graph.source_key, "it's \u00e9"]
    assert store.stored_sources(keys) == {k for k in keys if store.has_source(k)} == {seed_graph.source_key}
    assert store.stored_sources([]) == set()


def test_reads_by_id_type_and_direction(store: GraphStore, seed_graph: ArticleGraph) -> None:
    store.write_article(seed_graph)
    [mod] = store.find(NodeKind.ACTOR, "Azerbaijani Ministry of Defense")
    assert mod.name == "Ministry of Defense (Azerbaijan)"  # type: ignore[union-attr]
    made = store.edges(EdgeType.MADE, source=mod.id)
    assert len(made) == 1
    claim = store.get(made[0].target)
    assert isinstance(claim, Claim) and claim.stance is Stance.ACCUSE and "GPS" in claim.quote
    out = store.neighbours(mod.id, direction="out")
    assert sorted(e.type.value for e, _ in out) == ["ACCUSES", "MADE", "PART_OF", "REPORTED_IN"]
    [(part_of, azerbaijan)] = store.neighbours(mod.id, EdgeType.PART_OF)
    assert azerbaijan.name == "Azerbaijan"  # type: ignore[union-attr]
    assert store.edges(EdgeType.PART_OF, target=azerbaijan.id) == sorted(
        [e for e, _ in store.neighbours(azerbaijan.id, EdgeType.PART_OF, "in")], key=lambda e: e.id
    )
    assert store.get_edge(part_of.id) == part_of
    assert len(store.edges(EdgeType.REPORTED_IN)) == 32
    assert store.get("nope") is None and store.get_edge("nope") is None
    assert store.neighbours("nope") == [] and store.edges(source="nope") == []
    store.delete_edge(part_of.id)
    assert store.get_edge(part_of.id) is None
    assert store.stats()["PART_OF"] == 3
    assert store.find(NodeKind.ACTOR, limit=2) == list(store.iter_nodes(NodeKind.ACTOR))[:2]


def test_delete_edges_removes_exactly_those_edges(store: GraphStore, seed_graph: ArticleGraph) -> None:
    store.write_article(seed_graph)
    reported = store.edges(EdgeType.REPORTED_IN)
    gone = [e.id for e in reported[:3]]
    before = store.stats()
    store.delete_edges([*gone, "no-such-edge", gone[0]])
    assert [store.get_edge(eid) for eid in gone] == [None, None, None]
    assert store.edges(EdgeType.REPORTED_IN) == reported[3:]
    after = store.stats()
    assert (after["REPORTED_IN"], after["edges"]) == (before["REPORTED_IN"] - 3, before["edges"] - 3)
    unchanged = set(before) - {"REPORTED_IN", "edges"}
    assert {k: after[k] for k in unchanged} == {k: before[k] for k in unchanged}


def test_delete_edges_of_a_directory_store_persist(tmp_path: Any, seed_graph: ArticleGraph) -> None:
    with NetworkXStore(str(tmp_path / "s")) as first:
        first.write_article(seed_graph)
        gone = [e.id for e in first.edges(EdgeType.REPORTED_IN)[:2]]
        first.delete_edges(gone)
        kept = first.edges()
    with NetworkXStore(str(tmp_path / "s")) as again:
        assert again.edges() == kept
        assert [again.get_edge(eid) for eid in gone] == [None, None]
