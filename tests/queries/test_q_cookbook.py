"""The Cypher cookbook on the real Neo4j, and the query layer giving the same answers on both stores.

Every named query in queries/*.cypher runs here against Neo4j loaded with the seed, two extra reports
of the seed's events (a syndicated copy and an independent one), the 24 dev-corpus gold graphs and
gazetteer coordinates. Expected values come from the embedded store through the Python API (an
independent implementation of the same question) and from the seed's gold annotation.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from graph.errors import ValidationError, WriteRefused
from graph.model import Actor, Article, Claim, EdgeType, Incident, NodeKind, Stance
from graph.nx_store import NetworkXStore
from graph.store import GraphStore
from queries import actor_profile, chain, claims_between, timeline
from queries.common import Reader
from queries.cookbook import bind_params, named_queries, run_cypher, run_named
from queries.export import export_json

pytestmark = pytest.mark.neo4j

GPS = "GPS system of a passenger plane flying from Tbilisi to Baku jammed"


def _claims(nx: NetworkXStore) -> list[Claim]:
    return [c for c in nx.iter_nodes(NodeKind.CLAIM) if isinstance(c, Claim)]


def _gps_id(nx: NetworkXStore) -> str:
    return next(
        i.id for i in nx.iter_nodes(NodeKind.INCIDENT) if isinstance(i, Incident) and i.summary == GPS
    )


def _name(nx: NetworkXStore, node_id: str | None) -> str | None:
    return Reader(nx).name(node_id) if node_id else None


# -- one checker per named query: (params, check(rows, nx)) --------------------------------------


def check_actor_timeline(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    expected = timeline(nx, actor="Baku", include_parts=True)
    assert [r["id"] for r in rows] == [r.id for r in expected]
    assert [r["date"] for r in rows] == [r.date for r in expected]
    assert (
        rows[0]["summary"]
        == "Azerbaijan restricted the Lachin corridor for months, blocking humanitarian aid"
    )
    assert rows[0]["involved_as"] == ["Azerbaijan (alleged_perpetrator)"]
    assert GPS in [r["summary"] for r in rows]


def check_accusations_between(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    expected = claims_between(nx, "Azerbaijan", "Armenia")
    assert sorted(r["claim_id"] for r in rows) == sorted(r.claim_id for r in expected)
    assert {(r["claim_id"], r["direction"], r["stance"], r["target"]) for r in rows} == {
        (r.claim_id, r.direction, r.stance.value, r.target.name if r.target else None) for r in expected
    }
    seed_denial = next(r for r in rows if r["claimant"] == "Armenia")
    assert (seed_denial["date"], seed_denial["direction"], seed_denial["target"]) == (
        "2023-09-18",
        "B→A",
        "Azerbaijan",
    )


def check_denials(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    # One row per denial and claim it denies (a denial can answer several claims).
    expected = {
        (e.source, e.target)
        for e in nx.iter_edges(EdgeType.ABOUT)
        if isinstance(d := nx.get(e.source), Claim)
        and d.stance is Stance.DENY
        and d.claimant_id
        and isinstance(nx.get(e.target), Claim)
    }
    assert {(r["denial_id"], r["denied_id"]) for r in rows} == expected
    assert len(rows) == len(expected) > 40
    gps = next(r for r in rows if "absolute lies" in r["denial"])
    assert (gps["denier"], gps["denied_author"], gps["denied_stance"], gps["incidents"]) == (
        "Karabakh Armenian authorities",
        "Ministry of Defense (Azerbaijan)",
        "accuse",
        [GPS],
    )


def check_longest_chains(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    assert len(rows) == 10
    assert [r["steps"] for r in rows] == sorted((r["steps"] for r in rows), reverse=True)
    for r in rows:
        # The embedded store's chain walk (an independent implementation) agrees on the length.
        tree = chain(nx, claim_id=r["root_id"])
        assert (tree.depth(), len(list(tree.walk()))) == (r["steps"], r["claims"]), r["claim"]
    assert rows[0]["steps"] >= 3


def check_longest_chains_seed(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    gps = next(r for r in rows if "jamming the GPS system" in r["claim"])
    assert (gps["claimant"], gps["steps"], gps["claims"]) == ("Ministry of Defense (Azerbaijan)", 3, 3)


def check_incidents_near(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    expected = timeline(nx, location="Goma", within_km=200)
    assert sorted(r["id"] for r in rows) == sorted(r.id for r in expected)
    assert len(rows) >= 3
    assert [r["distance_km"] for r in rows] == sorted(r["distance_km"] for r in rows)
    assert all(0 <= r["distance_km"] <= 200 for r in rows)


def check_incidents_near_baku(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    assert [(r["summary"], r["distance_km"], r["places"]) for r in rows] == [(GPS, 0.0, ["Baku"])]
    assert [r.id for r in timeline(nx, location="Baku", within_km=25)] == [rows[0]["id"]]


def _month_of(nx: NetworkXStore, c: Claim) -> str | None:
    if c.claim_time.start is not None:
        return c.claim_time.start.isoformat()[:7]
    dates = [
        a.published for _, a in nx.neighbours(c.id, EdgeType.REPORTED_IN, "out") if isinstance(a, Article)
    ]
    dates = [d for d in dates if d is not None]
    return min(dates).isoformat()[:7] if dates else None


def check_most_accused(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    counts: Counter[tuple[str, str]] = Counter()
    for c in _claims(nx):
        if c.stance is Stance.ACCUSE and c.target_id and (month := _month_of(nx, c)):
            counts[(month, _name(nx, c.target_id) or "")] += 1
    by_month: dict[str, list[tuple[str, int]]] = {}
    for (month, name), n in sorted(counts.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])):
        by_month.setdefault(month, []).append((name, n))
    expected = [(m, name, n) for m, top in sorted(by_month.items()) for name, n in top[:5]]
    assert [(r["month"], r["accused"], r["accusations"]) for r in rows] == expected
    assert ("2023-09", "Azerbaijan", 2) in expected


def check_uncorroborated(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    reader = Reader(nx)
    expected = set()
    for c in _claims(nx):
        if c.stance not in (Stance.ACCUSE, Stance.ASSERT) or not c.claimant_id:
            continue
        independent = reader.independent_sources([a.id for a in reader.articles_of(c.id)])
        for _, inc in nx.neighbours(c.id, EdgeType.ABOUT, "out"):
            if not isinstance(inc, Incident) or independent > 1:
                continue
            echoed = any(
                o.stance is c.stance and o.claimant_id != c.claimant_id for o in reader.claims_about(inc.id)
            )
            if not echoed:
                expected.add((c.id, inc.summary))
    assert {(r["claim_id"], r["incident"]) for r in rows} == expected
    assert len(expected) > 50
    # The mine accusation is reported by the seed only; the independent report carries no claims.
    assert any("planting the mines" in r["quote"] for r in rows)


def check_who_accuses_whom(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    pairs: Counter[tuple[str | None, str | None]] = Counter(
        (_name(nx, e.source), _name(nx, e.target)) for e in nx.iter_edges(EdgeType.ACCUSES)
    )
    expected = {(a, b, n) for (a, b), n in pairs.items() if n >= 2}
    assert {(r["accuser"], r["accused"], r["accusations"]) for r in rows} == expected
    assert ("Armed Forces of the Democratic Republic of the Congo", "Kivu Renewal Alliance", 5) in expected


def check_disputed_incidents(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    reader = Reader(nx)
    expected = set()
    for inc in nx.iter_nodes(NodeKind.INCIDENT):
        for c in reader.claims_about(inc.id):
            for d in reader.claims_about(c.id):
                if d.stance is Stance.DENY:
                    expected.add((inc.id, c.id and c.quote, d.quote))
    assert {(r["incident_id"], r["claim"], r["denial"]) for r in rows} == expected
    gps = [r for r in rows if r["incident"] == GPS]
    assert [(r["claimant"], r["denier"]) for r in gps] == [
        ("Ministry of Defense (Azerbaijan)", "Karabakh Armenian authorities")
    ]


def check_counter_accusations(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    # The embedded store's chain walk finds counter-accusations independently: collect them all.
    expected = set()
    for inc in nx.iter_nodes(NodeKind.INCIDENT):
        for step in nx.claim_chain(inc.id):
            if step.relation == "counter" and step.parent_id:
                denial = nx.get(step.parent_id)
                assert isinstance(denial, Claim)
                expected.add((denial.quote, step.claim.quote))
    assert expected <= {(r["denial"], r["counter_accusation"]) for r in rows}
    seed = next(r for r in rows if "absolute lies" in r["denial"])
    assert (seed["accuser"], seed["denier"], seed["counter_accused"]) == (
        "Ministry of Defense (Azerbaijan)",
        "Karabakh Armenian authorities",
        "Azerbaijan",
    )
    assert "illegal blockade" in seed["counter_accusation"]


def check_incidents_in_period(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    expected = timeline(nx, since=date(2023, 9, 1), until=date(2023, 9, 30))
    assert [r["id"] for r in rows] == [r.id for r in expected]
    assert [r["type"] for r in rows if r["start"] == "2023-09-19"] == [
        "landmine_explosion",
        "gps_jamming",
        "landmine_explosion",
    ]


def check_incident_sources(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    assert [(r["title"], r["outlet"], r["published"], r["copy_of_earlier"]) for r in rows] == [
        ("000_d0a399db87bfc5a2", None, "2023-09-19", False),
        ("Syndicated copy", "Wire Two", "2023-09-20", True),
    ]
    assert timeline(nx, types=["gps_jamming"], actor="illegal Armenian armed groups")[0].sources == 1


def check_claims_about_incident(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    assert [(r["depth"], r["claimant"], r["stance"], r["date"]) for r in rows] == [
        (1, "Ministry of Defense (Azerbaijan)", "accuse", "2023-09-19"),
        (2, "Karabakh Armenian authorities", "deny", "unknown"),
    ]
    assert rows[1]["answers"] == rows[0]["claim_id"]
    assert [c.id for c in timeline(nx, types=["gps_jamming"])[0].claims] == [r["claim_id"] for r in rows]


def check_actor_parts(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    profile = actor_profile(nx, "Azerbaijan")
    assert [r["id"] for r in sorted(rows, key=lambda r: r["id"])] == sorted(p.id for p in profile.parts)
    made = {r["name"]: r["claims_made"] for r in rows}
    for part in profile.parts:
        assert made[part.name] == len(nx.neighbours(part.id, EdgeType.MADE, "out"))
    assert made["Ministry of Defense (Azerbaijan)"] == 1


def check_incidents_by_type_month(rows: list[dict[str, Any]], nx: NetworkXStore) -> None:
    counts: Counter[tuple[str, str]] = Counter()
    for inc in nx.iter_nodes(NodeKind.INCIDENT):
        assert isinstance(inc, Incident)
        if inc.event_time.precision.value in ("day", "month") and inc.event_time.start:
            counts[(inc.event_time.start.isoformat()[:7], inc.incident_type.value)] += 1
    assert {(r["month"], r["type"], r["incidents"]) for r in rows} == {
        (m, t, n) for (m, t), n in counts.items()
    }
    assert ("2023-09", "landmine_explosion", 2) in counts.items() or counts[
        ("2023-09", "landmine_explosion")
    ] == 2


Check = Callable[[list[dict[str, Any]], NetworkXStore], None]

CASES: dict[str, list[tuple[dict[str, Any], Check]]] = {
    "actor-timeline": [({"actor": "Baku", "include_parts": True}, check_actor_timeline)],
    "accusations-between": [({"a": "Azerbaijan", "b": "Armenia"}, check_accusations_between)],
    "denials": [({}, check_denials)],
    "longest-chains": [({}, check_longest_chains), ({"limit": 200}, check_longest_chains_seed)],
    "incidents-near": [
        ({"place": "Goma", "km": 200}, check_incidents_near),
        ({"place": "Baku"}, check_incidents_near_baku),
    ],
    "most-accused-by-month": [({}, check_most_accused)],
    "uncorroborated-claims": [({}, check_uncorroborated)],
    "who-accuses-whom": [({"min_count": 2}, check_who_accuses_whom)],
    "disputed-incidents": [({}, check_disputed_incidents)],
    "counter-accusations": [({}, check_counter_accusations)],
    "incidents-in-period": [({"since": "2023-09-01", "until": "2023-09-30"}, check_incidents_in_period)],
    "incident-sources": [({"incident": "GPS"}, check_incident_sources)],
    "claims-about-incident": [({"incident": "GPS"}, check_claims_about_incident)],
    "actor-parts": [({"actor": "Azerbaijan"}, check_actor_parts)],
    "incidents-by-type-month": [({}, check_incidents_by_type_month)],
}


def test_every_cookbook_query_has_a_case() -> None:
    assert set(CASES) == set(named_queries())
    assert len(CASES) >= 12


@pytest.mark.parametrize(
    ("name", "params", "check"),
    [(name, params, check) for name, cases in CASES.items() for params, check in cases],
    ids=[f"{name}-{i}" for name, cases in CASES.items() for i in range(len(cases))],
)
def test_cookbook_query_on_neo4j(
    name: str, params: dict[str, Any], check: Check, corpus_neo4j: GraphStore, corpus_nx: NetworkXStore
) -> None:
    params = {k: (_gps_id(corpus_nx) if v == "GPS" else v) for k, v in params.items()}
    rows = run_named(corpus_neo4j, name, params)
    check(rows, corpus_nx)


def test_cookbook_headers_document_every_parameter() -> None:
    for q in named_queries().values():
        assert q.question and q.description and q.examples, q.name
        for p in q.params:
            assert f"${p.name}" in q.cypher, (q.name, p.name)
    with pytest.raises(ValidationError, match="needs --param actor="):
        bind_params(named_queries()["actor-timeline"], {})
    with pytest.raises(ValidationError, match="has no parameter nope; its parameters: actor, include_parts"):
        bind_params(named_queries()["actor-timeline"], {"nope": 1})


def test_cypher_is_read_only_unless_write(corpus_neo4j: GraphStore) -> None:
    with pytest.raises(WriteRefused):
        run_cypher(corpus_neo4j, "CREATE (a:Actor {id: $id})", {"id": "act_injected"})
    assert corpus_neo4j.get("act_injected") is None
    rows = run_cypher(
        corpus_neo4j, "MATCH (a:Actor) WHERE $n IN a.names RETURN a.name AS name", {"n": "baku"}
    )
    assert rows == [{"name": "Azerbaijan"}]


def test_cypher_on_the_embedded_store_is_refused(corpus_nx: NetworkXStore) -> None:
    with pytest.raises(ValidationError, match="Cypher needs a Neo4j store"):
        run_cypher(corpus_nx, "RETURN 1", {})


# -- the query layer answers the same on both stores ---------------------------------------------


def test_timeline_rows_identical_on_both_stores(corpus_neo4j: GraphStore, corpus_nx: NetworkXStore) -> None:
    assert timeline(corpus_neo4j) == timeline(corpus_nx)
    for kwargs in (
        {"actor": "Kivu Renewal Alliance"},
        {"actor": "Azerbaijan", "include_parts": True},
        {"location": "Goma", "within_km": 150.0},
        {"claimant": "United Nations", "as_of": date(2025, 4, 17)},
    ):
        nx_rows = timeline(corpus_nx, **kwargs)  # type: ignore[arg-type]
        assert nx_rows, kwargs
        assert timeline(corpus_neo4j, **kwargs) == nx_rows, kwargs  # type: ignore[arg-type]


def test_chains_profiles_and_exports_identical_on_both_stores(
    corpus_neo4j: GraphStore, corpus_nx: NetworkXStore
) -> None:
    for inc in list(corpus_nx.iter_nodes(NodeKind.INCIDENT))[:40]:
        assert chain(corpus_neo4j, incident_id=inc.id) == chain(corpus_nx, incident_id=inc.id), inc.id
    for a, b in (("Azerbaijan", "Armenia"), ("Democratic Republic of the Congo", "Rwanda")):
        assert claims_between(corpus_neo4j, a, b) == claims_between(corpus_nx, a, b)
    for name in ("Baku", "Kivu Renewal Alliance", "United Nations"):
        assert actor_profile(corpus_neo4j, name) == actor_profile(corpus_nx, name)
    neo, emb = export_json(corpus_neo4j), export_json(corpus_nx)
    assert {k: v for k, v in neo.items() if k != "meta"} == {k: v for k, v in emb.items() if k != "meta"}
    assert len(emb["nodes"]) == corpus_nx.stats()["nodes"] > 900
    assert all(isinstance(corpus_nx.get(a.id), Actor) for a in actor_profile(corpus_nx, "Baku").parts)
