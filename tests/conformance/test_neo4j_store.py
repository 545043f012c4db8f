"""What only the Neo4j store has: researchers' read-only Cypher, credentials, connection errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph import open_store
from graph.errors import StoreUnavailable, ValidationError, WriteRefused
from graph.model import ArticleGraph
from graph.neo4j_store import Neo4jStore, read_credentials
from graph.nx_store import NetworkXStore
from graph.store import TimelineFilter


def test_embedded_store_has_no_cypher() -> None:
    # The CLI's cypher command relies on this to say that Cypher needs Neo4j.
    assert not hasattr(NetworkXStore("memory://"), "run_cypher")


def test_credentials_from_env_then_dotenv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = tmp_path / ".env"
    env.write_text(
        "# local\nexport NEO4J_USER=\"analyst\"\nNEO4J_PASSWORD='s3cr=t'\nOTHER=1\n", encoding="utf-8"
    )
    monkeypatch.delenv("NEO4J_USER", raising=False)
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    assert read_credentials(env) == ("analyst", "s3cr=t")
    monkeypatch.setenv("NEO4J_PASSWORD", "from-env")
    assert read_credentials(env) == ("analyst", "from-env")
    assert read_credentials(tmp_path / "absent") == ("neo4j", "from-env")


def test_unreachable_server_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "hunter2-not-shown")
    with pytest.raises(StoreUnavailable) as err:
        open_store("bolt://user:pw-in-url@127.0.0.1:1")
    message = str(err.value)
    assert message.startswith("cannot reach Neo4j at bolt://127.0.0.1:1;")
    assert "scripts/neo4j status" in message
    assert "hunter2" not in message and "pw-in-url" not in message


@pytest.mark.neo4j
def test_wrong_password_names_uri_and_what_to_check(neo4j_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "wrong-password-never-shown")
    with pytest.raises(StoreUnavailable) as err:
        Neo4jStore(neo4j_url)
    message = str(err.value)
    assert f"Neo4j at {neo4j_url} refused the credentials" in message
    assert "NEO4J_PASSWORD" in message and "wrong-password" not in message


@pytest.mark.neo4j
def test_schema_is_created_idempotently(neo4j_store: Neo4jStore, neo4j_url: str) -> None:
    again = Neo4jStore(neo4j_url)  # creating the constraints a second time is a no-op
    again.close()
    rows = neo4j_store.run_cypher("SHOW CONSTRAINTS YIELD name, labelsOrTypes RETURN name, labelsOrTypes")
    mine = {r["name"]: r["labelsOrTypes"] for r in rows if r["name"].startswith("cg_")}
    assert mine == {
        "cg_article_id": ["Article"],
        "cg_actor_id": ["Actor"],
        "cg_location_id": ["Location"],
        "cg_incident_id": ["Incident"],
        "cg_claim_id": ["Claim"],
        "cg_ledger_key": ["Ledger"],
    }


@pytest.mark.neo4j
def test_run_cypher_reads_with_parameters(neo4j_store: Neo4jStore, seed_graph: ArticleGraph) -> None:
    neo4j_store.write_article(seed_graph)
    rows = neo4j_store.run_cypher(
        "MATCH (a:Actor)-[:MADE]->(c:Claim {stance: $stance}) RETURN a.name AS actor, count(c) AS n "
        "ORDER BY n DESC, actor",
        {"stance": "deny"},
    )
    assert rows == [
        {"actor": "Armenia", "n": 1},
        {"actor": "Karabakh Armenian authorities", "n": 1},
    ]
    [row] = neo4j_store.run_cypher("MATCH (a:Article) RETURN a.published AS published")
    assert str(row["published"]) == "2023-09-19"


@pytest.mark.neo4j
@pytest.mark.parametrize(
    ("query", "clause"),
    [
        ("CREATE (n:Actor {id: 'x'})", "CREATE"),
        ("MERGE (n:Actor {id: 'x'}) RETURN n", "MERGE"),
        ("MATCH (n:Actor) SET n.name = 'x'", "SET/REMOVE"),
        ("MATCH (n:Actor) REMOVE n.name", "SET/REMOVE"),
        ("MATCH (n) DETACH DELETE n", "DETACH DELETE"),
        ("MATCH ()-[r:MADE]->() DELETE r", "DELETE"),
        ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "LOAD CSV"),
        ("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS", "CALL { ... } IN TRANSACTIONS"),
        ("CALL db.createLabel('Sneaky')", "a write procedure CALL"),
        ("CREATE INDEX sneaky IF NOT EXISTS FOR (n:Actor) ON (n.name)", "a schema change"),
    ],
)
def test_run_cypher_refuses_writes_by_default(
    neo4j_store: Neo4jStore, seed_graph: ArticleGraph, query: str, clause: str
) -> None:
    neo4j_store.write_article(seed_graph)
    before = neo4j_store.stats()
    with pytest.raises(WriteRefused, match=f"the query writes \\({clause}\\); run_cypher is read-only"):
        neo4j_store.run_cypher(query)
    assert neo4j_store.stats() == before
    assert neo4j_store.run_cypher("SHOW INDEXES YIELD name WHERE name = 'sneaky' RETURN name") == []


@pytest.mark.neo4j
def test_run_cypher_writes_when_asked_and_reports_bad_queries(neo4j_store: Neo4jStore) -> None:
    assert neo4j_store.run_cypher(
        "CREATE (n:Actor {id: $id}) RETURN n.id AS id", {"id": "act_x"}, write=True
    ) == [{"id": "act_x"}]
    assert neo4j_store.run_cypher("MATCH (n:Actor) RETURN count(n) AS n") == [{"n": 1}]
    with pytest.raises(ValidationError, match="Neo4j rejected the query"):
        neo4j_store.run_cypher("MATCH (n RETURN n")


def test_a_timeline_page_reads_json_only_for_its_incidents(
    neo4j_store: Neo4jStore, seed_graph: ArticleGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    neo4j_store.write_article(seed_graph)
    whole = [i.id for i in neo4j_store.timeline()]
    reads: list[str] = []
    read = neo4j_store._read

    def spy(query: Any, **params: Any) -> Any:
        reads.append(query)
        return read(query, **params)

    monkeypatch.setattr(neo4j_store, "_read", spy)
    # more matches than the page holds: the server orders them and returns the page's JSON only, in
    # the one statement (no second read of the page by id)
    assert [i.id for i in neo4j_store.timeline(TimelineFilter(), 2)] == whole[:2] and len(reads) == 1
    assert "ORDER BY start, rank, id" in reads[0]
    reads.clear()
    # every match fits in the page: their JSON comes with the first read
    assert [i.id for i in neo4j_store.timeline(TimelineFilter(), len(whole))] == whole and len(reads) == 1
