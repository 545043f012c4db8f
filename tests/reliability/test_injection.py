"""Cypher injection: hostile names, aliases and quotes round-trip unchanged through both stores; labels
and relationship types only ever come from the enums; researchers' Cypher is read-only without
``--write`` (Python ``run_cypher(write=False)`` and the ``conflictgraph cypher`` command).
"""

from __future__ import annotations

import json
import os

import pydantic
import pytest
from _rel import cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph import cypher
from graph.errors import ValidationError, WriteRefused
from graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    Claim,
    Edge,
    EdgeType,
    Evidence,
    Incident,
    Location,
    LocationKind,
    NodeKind,
    Stance,
    actor_id,
    article_id,
    claim_id,
    incident_id,
    location_id,
)
from graph.store import GraphStore
from graph.taxonomy import IncidentType

HOSTILE = [
    "MATCH (n) DETACH DELETE n",
    "x`) MATCH (n) DETACH DELETE n //",
    "x'}) MATCH (n) DETACH DELETE n //",
    'x"}) MATCH (n) DETACH DELETE n RETURN 1 //',
    "} ] ) ` ' \" \\ // /* */ -- ;",
    "Robert'); DROP TABLE claims;--",
    "$name {id: $id}",
    "`Actor`:`Claim`",
    "\u202e`evil`\u202c // }",
    "CALL db.createLabel('Pwned') //",
]


def hostile_graph(names: list[str], tag: str = "") -> ArticleGraph:
    """One article whose actors, places, claims and quotes are all ``names``."""
    text = "\n".join(names) + "\n" + tag
    art = Article(id=article_id(text), title=names[0], text=text, outlet=names[-1], extra={"k": names[1]})
    nodes: list = []
    edges: list[Edge] = []
    pos = 0
    for i, name in enumerate(names):
        ev = Evidence(article_id=art.id, sentence=i, start=pos, end=pos + len(name), quote=name)
        pos += len(name) + 1
        actor = Actor(
            id=actor_id("armed_group", None, name + tag),
            name=name,
            actor_kind=ActorKind.ARMED_GROUP,
            aliases=[name[::-1], name + "}"],
            evidence=[ev],
        )
        place = Location(
            id=location_id("city", None, name + tag),
            name=name,
            location_kind=LocationKind.CITY,
            aliases=[name],
        )
        inc = Incident(id=incident_id(art.id, i), incident_type=IncidentType.SHELLING, summary=name)
        claim = Claim(
            id=claim_id(art.id, i),
            claimant_id=actor.id,
            stance=Stance.ACCUSE,
            about_id=inc.id,
            quote=name,
            evidence=[ev],
        )
        nodes += [actor, place, inc, claim]
        edges += [
            Edge(type=EdgeType.MADE, source=actor.id, target=claim.id, evidence=[ev]),
            Edge(type=EdgeType.ABOUT, source=claim.id, target=inc.id),
            Edge(type=EdgeType.OCCURRED_NEAR, source=inc.id, target=place.id),
            Edge(type=EdgeType.REPORTED_IN, source=claim.id, target=art.id),
        ]
    return ArticleGraph(article=art, nodes=nodes, edges=edges, source_key=art.id)


def test_hostile_names_round_trip(store: GraphStore) -> None:
    graph = hostile_graph(HOSTILE)
    store.write_article(graph)
    assert store.get(graph.article.id) == graph.article  # type: ignore[union-attr]
    for node in graph.nodes:
        assert store.get(node.id) == node, node.id
    for edge in graph.edges:
        assert store.get_edge(edge.id) == edge
    for name in HOSTILE:
        assert [n.id for n in store.find(NodeKind.ACTOR, name)] == [actor_id("armed_group", None, name)]
        assert [n.id for n in store.find(NodeKind.ACTOR, name + "}")] == [actor_id("armed_group", None, name)]
    stats = store.stats()
    n = len(HOSTILE)
    assert (stats["nodes"], stats["edges"], stats["sources"]) == (1 + 4 * n, 4 * n, 1)
    assert {k: stats[k] for k in ("Article", "Actor", "Location", "Incident", "Claim")} == {
        "Article": 1, "Actor": n, "Location": n, "Incident": n, "Claim": n,
    }  # fmt: skip
    # writing it again changes nothing (no statement was cut short or doubled by the text)
    store.write_article(hostile_graph(HOSTILE))
    assert store.stats() == stats


NAMES = st.text(
    alphabet=st.one_of(
        st.sampled_from("`'\"{}()[]/\\*$:;-|\n\t "), st.characters(blacklist_categories=("Cs",))
    ),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() != "")


@settings(
    max_examples=int(os.environ.get("CONFLICTGRAPH_FUZZ_EXAMPLES", "25")) // 2,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(names=st.lists(NAMES, min_size=2, max_size=4, unique=True))
def test_random_names_round_trip(store: GraphStore, names: list[str]) -> None:
    store.clear()
    graph = hostile_graph(names, tag="h")
    store.write_article(graph)
    for node in [graph.article, *graph.nodes]:
        assert node is not None and store.get(node.id) == node
    assert store.stats()["nodes"] == 1 + 4 * len(names)


# -- labels and relationship types only from the enums --------------------------------------------


@pytest.mark.parametrize("bad", ["Actor`) DETACH DELETE n //", "MENTIONS", "made", ""])
def test_edge_type_must_be_an_edge_type(bad: str) -> None:
    with pytest.raises(pydantic.ValidationError):
        Edge(type=bad, source="act_a", target="clm_b")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        cypher.edge_upsert(bad, NodeKind.ACTOR, NodeKind.CLAIM)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", ["Actor:Pwned", "Pwned", "Actor`) DETACH DELETE n //"])
def test_node_kind_must_be_a_node_kind(bad: str) -> None:
    with pytest.raises(pydantic.ValidationError):
        Actor.model_validate({"id": "act_x", "kind": bad, "name": "x", "actor_kind": "state"})
    with pytest.raises(ValueError):
        cypher.NODE_UPSERT[NodeKind(bad)]


def test_statements_use_only_enum_labels() -> None:
    import re

    allowed = {k.value for k in NodeKind} | {cypher.LEDGER}
    rel_allowed = {t.value for t in EdgeType}
    statements: list[str] = []
    for value in vars(cypher).values():
        if isinstance(value, str) and ("MATCH" in value or "MERGE" in value or "CREATE" in value):
            statements.append(value)
        elif isinstance(value, dict):
            statements += [v for v in value.values() if isinstance(v, str)]
        elif isinstance(value, tuple):
            statements += [v for v in value if isinstance(v, str)]
    statements += [
        cypher.edge_upsert(t, s, d) for t, (ss, ds) in _endpoints().items() for s in ss for d in ds
    ]
    assert len(statements) > 50
    for stmt in statements:
        for label in re.findall(r"\((?:\w+)?:(\w+)", stmt):
            assert label in allowed, (label, stmt)
        for rel in re.findall(r"\[\w*:([\w|]+)", stmt):
            assert set(rel.split("|")) <= rel_allowed, (rel, stmt)


def _endpoints() -> dict:
    from graph.model import EDGE_ENDPOINTS

    return EDGE_ENDPOINTS


@pytest.mark.neo4j
def test_neo4j_holds_only_enum_labels_after_hostile_writes(neo4j_store: GraphStore) -> None:
    neo4j_store.write_article(hostile_graph(HOSTILE))
    rows = neo4j_store.run_cypher(  # type: ignore[attr-defined]
        "MATCH (n) WHERE n:Actor OR n:Claim OR n:Location OR n:Incident OR n:Article OR n:Ledger "
        "UNWIND labels(n) AS l RETURN collect(DISTINCT l) AS labels"
    )
    assert set(rows[0]["labels"]) == {"Actor", "Claim", "Location", "Incident", "Article", "Ledger"}
    rows = neo4j_store.run_cypher("MATCH ()-[r]->() RETURN collect(DISTINCT type(r)) AS types")  # type: ignore[attr-defined]
    assert set(rows[0]["types"]) == {"MADE", "ABOUT", "OCCURRED_NEAR", "REPORTED_IN"}
    rows = neo4j_store.run_cypher("MATCH (n:Pwned) RETURN count(n) AS c")  # type: ignore[attr-defined]
    assert rows == [{"c": 0}]


# -- read-only Cypher -----------------------------------------------------------------------------

WRITES = {
    "CREATE": "CREATE (n:Pwned {x: 1}) RETURN n",
    "create lower case": "create (n:Pwned) return n",
    "MERGE": "MERGE (n:Actor {id: 'act_pwned'}) RETURN n",
    "SET": "MATCH (n:Actor) SET n.name = 'pwned' RETURN count(n)",
    "REMOVE": "MATCH (n:Actor) REMOVE n.data RETURN count(n)",
    "DELETE": "MATCH (n:Claim) DETACH DELETE n",
    "DELETE edge": "MATCH ()-[r:MADE]->() DELETE r",
    "comment then DELETE": "/* read */ MATCH (n) // only reading\n DETACH DELETE n",
    "CALL IN TRANSACTIONS": "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10 ROWS",
    "CALL IN TRANSACTIONS read": "UNWIND [1] AS x CALL (x) { RETURN x AS y } IN TRANSACTIONS RETURN y",
    "LOAD CSV": "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "FOREACH": "FOREACH (x IN [1, 2] | CREATE (:Pwned {x: x}))",
    "db.createLabel": "CALL db.createLabel('Pwned')",
    "db.createProperty": "CALL db.createProperty('pwned')",
    "db.createRelationshipType": "CALL db.createRelationshipType('PWNED')",
    "CREATE INDEX": "CREATE INDEX pwned IF NOT EXISTS FOR (n:Actor) ON (n.pwned)",
    "subquery write": "CALL () { CREATE (n:Pwned) RETURN n } RETURN n",
}


def _snapshot(store: GraphStore) -> tuple[dict[str, int], list[str], list[str], list[dict]]:
    rows = store.run_cypher("SHOW INDEXES YIELD name RETURN collect(name) AS names")  # type: ignore[attr-defined]
    return (
        store.stats(),
        sorted(n.id for n in store.iter_nodes()),
        sorted(e.id for e in store.iter_edges()),
        rows,
    )


@pytest.mark.neo4j
def test_run_cypher_refuses_writes(neo4j_store: GraphStore) -> None:
    neo4j_store.write_article(hostile_graph(HOSTILE[:3]))
    before = _snapshot(neo4j_store)
    assert before[0]["nodes"] == 13
    refused = {}
    for name, query in WRITES.items():
        with pytest.raises((WriteRefused, ValidationError)) as info:
            neo4j_store.run_cypher(query)  # type: ignore[attr-defined]
        refused[name] = type(info.value).__name__
        assert _snapshot(neo4j_store) == before, f"{name} changed the graph"
    # the plain write clauses are refused as writes, not merely rejected as bad queries
    for name in ("CREATE", "MERGE", "SET", "DELETE", "CALL IN TRANSACTIONS", "LOAD CSV", "db.createLabel"):
        assert refused[name] == "WriteRefused", (name, refused[name])
    assert neo4j_store.run_cypher("MATCH (n:Pwned) RETURN count(n) AS c") == [{"c": 0}]  # type: ignore[attr-defined]
    # parameters are values, never code
    rows = neo4j_store.run_cypher(  # type: ignore[attr-defined]
        "MATCH (n:Actor) WHERE n.name = $name RETURN n.name AS name", {"name": HOSTILE[1]}
    )
    assert rows == [{"name": HOSTILE[1]}]


@pytest.mark.neo4j
def test_cli_cypher_refuses_writes_without_write(neo4j_store: GraphStore, neo4j_url: str) -> None:
    neo4j_store.write_article(hostile_graph(HOSTILE[:2]))
    before = neo4j_store.stats()
    # each CLI run is a fresh interpreter: three kinds of write here, all of them through run_cypher above
    for name in ("CREATE", "CALL IN TRANSACTIONS", "db.createLabel"):
        done = cli("cypher", WRITES[name], "--store", neo4j_url, "--format", "json")
        assert done.returncode == 1, (name, done.stdout, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: ") and "--write" in lines[0], (name, lines)
        assert neo4j_store.stats() == before
    count = "MATCH (n:ReliabilityProbe) RETURN count(n) AS c"
    try:
        done = cli("cypher", "CREATE (n:ReliabilityProbe {k: $k}) RETURN n.k AS k", "--param", "k=7",
                   "--write", "--store", neo4j_url, "--format", "json")  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == [{"k": 7}]
        assert neo4j_store.run_cypher(count) == [{"c": 1}]  # type: ignore[attr-defined]
    finally:
        neo4j_store.run_cypher("MATCH (n:ReliabilityProbe) DELETE n", write=True)  # type: ignore[attr-defined]
    assert neo4j_store.run_cypher(count) == [{"c": 0}]  # type: ignore[attr-defined]
