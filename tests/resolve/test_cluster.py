"""Cross-article resolution on the team's 8-article cluster (tests/corpus, cluster-a1..a8).

The expected numbers are those of tests/corpus/README.md ("The cluster: expected cross-article results");
each gold item's ``cluster_incident`` / ``cluster_claim`` key (K1-K5, R1-R7, D1-D5) says which
real-world incident or claim it is an instance of, so the tests check that resolution joins exactly
those items.
"""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

from graph.model import Claim, EdgeType, Incident, NodeKind, Stance, claim_id, incident_id
from graph.store import GraphStore, TimelineFilter
from loaders.annotations import load_annotation
from loaders.resolve import casualty_range, independent_sources, merges, resolve_ids, resolve_store, split

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
GOLD = [CORPUS / "gold" / f"cluster-a{i}.json" for i in range(1, 9)]


def _gold_keys() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Store id of every keyed gold incident and claim -> its K/R/D key; and article name -> article id."""
    incs: dict[str, str] = {}
    claims: dict[str, str] = {}
    arts: dict[str, str] = {}
    for path in GOLD:
        graph = load_annotation(path)
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert graph.article is not None
        aid = graph.article.id
        arts[gold["article"]] = aid
        for item in gold["incidents"]:
            incs[incident_id(aid, item["id"])] = item["cluster_incident"]
        for item in gold["claims"]:
            if item.get("cluster_claim"):
                claims[claim_id(aid, item["id"])] = item["cluster_claim"]
    return incs, claims, arts


def _ingest(store: GraphStore, paths: list[Path]) -> None:
    for p in paths:
        store.write_article(load_annotation(p))


def _export(store: GraphStore) -> str:
    """Every node and edge as JSON, in id order (the ingest clock left out)."""
    nodes = [n.model_dump(mode="json", exclude={"ingested_at"}) for n in store.iter_nodes()]
    edges = [e.model_dump(mode="json") for e in store.iter_edges()]
    return json.dumps({"nodes": nodes, "edges": edges}, sort_keys=True)


def _by_key(store: GraphStore, gold_ids: dict[str, str]) -> dict[str, set[str]]:
    """K/R/D key -> the resolved node ids holding that key's gold items."""
    where = resolve_ids(store, gold_ids)
    out: dict[str, set[str]] = {}
    for gid, key in gold_ids.items():
        out.setdefault(key, set()).add(where[gid])
    return out


def check_five_incidents_each_holding_exactly_its_reports(resolved: GraphStore) -> None:
    incs, _, arts = _gold_keys()
    assert resolved.stats()["Incident"] == 5
    by_key = _by_key(resolved, incs)
    assert sorted(by_key) == ["K1", "K2", "K3", "K4", "K5"]
    assert all(len(ids) == 1 for ids in by_key.values()), by_key
    assert len({next(iter(v)) for v in by_key.values()}) == 5
    expected_articles = {"K1": 8, "K2": 2, "K3": 5, "K4": 6, "K5": 2}
    expected_independent = {"K1": 7, "K2": 2, "K3": 4, "K4": 5, "K5": 2}
    for key, ids in by_key.items():
        (nid,) = ids
        node = resolved.get(nid)
        assert isinstance(node, Incident)
        reported = {n.id for _, n in resolved.neighbours(nid, EdgeType.REPORTED_IN, "out")}
        assert len(reported) == expected_articles[key], key
        assert independent_sources(resolved, nid) == expected_independent[key], key
    k1 = resolved.get(next(iter(by_key["K1"])))
    assert isinstance(k1, Incident)
    assert k1.event_time.label() == "2025-10-12"
    place = resolved.get(k1.location_id or "")
    assert place is not None and getattr(place, "name", "") == "Kadugli East displacement camp"
    assert k1.incident_type.value == "shelling"
    assert len(k1.reports) == 8 and len(k1.merges) == 7  # a spanning tree of links joined 8 reports
    assert all(link.place == 1.0 and link.time == 1.0 for link in k1.merges)
    k4 = resolved.get(next(iter(by_key["K4"])))
    assert isinstance(k4, Incident)
    # the siege is reported as a range ending on each article's date: the hull of them
    assert k4.event_time.start == date(2025, 8, 1) and k4.event_time.end == date(2025, 10, 20)
    del arts


def check_republished_copy_is_same_story_and_counted_once(resolved: GraphStore) -> None:
    _, _, arts = _gold_keys()
    same = resolved.edges(EdgeType.SAME_STORY)
    assert [(e.source, e.target) for e in same] == [(arts["cluster-a2"], arts["cluster-a1"])]
    assert float(same[0].props["similarity"] or 0) > 0.6
    assert independent_sources(resolved, arts["cluster-a2"]) == 1


def check_one_claim_per_repeated_accusation_with_every_source(resolved: GraphStore) -> None:
    _, claims, arts = _gold_keys()
    by_key = _by_key(resolved, claims)
    accusations = [
        c for c in resolved.iter_nodes(NodeKind.CLAIM) if isinstance(c, Claim) and c.stance is Stance.ACCUSE
    ]
    denials = [
        c for c in resolved.iter_nodes(NodeKind.CLAIM) if isinstance(c, Claim) and c.stance is Stance.DENY
    ]
    assert len(accusations) == 7 and len(denials) == 5
    assert all(len(ids) == 1 for ids in by_key.values()), by_key
    expected_articles = {"R1": 6, "R2": 5, "R3": 2, "R4": 1, "R5": 2, "R6": 1, "R7": 1}
    expected_independent = {"R1": 5, "R2": 4, "R3": 2, "R4": 1, "R5": 2, "R6": 1, "R7": 1}
    for key, n_articles in expected_articles.items():
        (cid,) = by_key[key]
        reported = {n.id for _, n in resolved.neighbours(cid, EdgeType.REPORTED_IN, "out")}
        assert len(reported) == n_articles, key
        assert independent_sources(resolved, cid) == expected_independent[key], key
    r1 = resolved.get(next(iter(by_key["R1"])))
    assert isinstance(r1, Claim)
    assert r1.claim_time.label() == "2025-10-13"
    assert [t.label() for t in r1.repeats] == ["2025-10-16"]
    assert {ev.article_id for ev in r1.evidence} == {arts[f"cluster-a{i}"] for i in (1, 2, 3, 4, 5, 8)}
    r2 = resolved.get(next(iter(by_key["R2"])))
    assert isinstance(r2, Claim)
    assert r2.claim_time.label() == "2025-10-13" and [t.label() for t in r2.repeats] == ["2025-10-18"]
    # one ACCUSES edge per accusation, carrying the resolved claim
    accuses = resolved.edges(EdgeType.ACCUSES)
    assert sorted(str(e.props["claim_id"]) for e in accuses) == sorted(c.id for c in accusations)


def check_cross_article_denial_chain(resolved: GraphStore) -> None:
    _, claims, _ = _gold_keys()
    key_of = {next(iter(ids)): k for k, ids in _by_key(resolved, claims).items()}
    links = {(key_of[str(e.props["claim_id"])], key_of[e.target]) for e in resolved.edges(EdgeType.DENIES)}
    assert links == {
        ("D1", "R1"),
        ("D1", "R2"),
        ("D2", "R1"),
        ("D2", "R2"),
        ("D3", "R3"),
        ("D3", "R5"),
        ("D4", "R3"),
        ("D4", "R4"),
        ("D4", "R5"),
        ("D4", "R6"),
        ("D5", "R5"),
        ("D5", "R6"),
    }
    assert len(resolved.edges(EdgeType.DENIES)) == 12
    d1 = resolved.get(next(k for k, v in key_of.items() if v == "D1"))
    assert isinstance(d1, Claim) and d1.claim_time.label() == "2025-10-15" and d1.repeats == []
    # The chain from R1: the denials answer it, then the JFA's counter-accusation R3 and its denials.
    # The chain from R1 (the store's claim_chain walk): D1 answers it first; the JFA's counter-accusations
    # and the denials of those (D3, D4) hang below; D2 is in the tree too.
    r1 = next(k for k, v in key_of.items() if v == "R1")
    chain = resolved.claim_chain(r1)
    steps = {key_of.get(s.claim.id): s for s in chain}
    assert chain[0].claim.id == r1
    assert steps["D1"].parent_id == r1 and steps["D1"].relation == "about"
    assert steps["R3"].relation == "counter"
    assert {"D2", "D3", "D4", "D5", "R5"} <= set(steps)


def check_death_toll_kept_side_by_side_with_range(resolved: GraphStore) -> None:
    incs, _, _ = _gold_keys()
    by_key = _by_key(resolved, incs)
    k1 = resolved.get(next(iter(by_key["K1"])))
    assert isinstance(k1, Incident)
    assert sorted(f.killed for f in k1.figures if f.killed is not None) == [14, 14, 14, 23, 23, 23, 23, 27]
    assert len({f.source for f in k1.figures}) == 8  # one figure per source, none overwritten
    assert casualty_range(resolved, k1) == (14, 23, 27)
    assert k1.killed == 23
    k2 = resolved.get(next(iter(by_key["K2"])))
    assert isinstance(k2, Incident)
    assert casualty_range(resolved, k2) == (9, 9, 9)


def check_as_of_sees_four_incidents_before_the_drone_strike_report(resolved: GraphStore) -> None:
    assert len(resolved.timeline(TimelineFilter(as_of=date(2025, 10, 17)))) == 4
    assert len(resolved.timeline(TimelineFilter(as_of=date(2025, 10, 18)))) == 5


def test_cluster_gives_the_expected_cross_article_results(store: GraphStore) -> None:
    """One ingest and one pass (on each store), then every expected number of tests/corpus/README.md."""
    _ingest(store, GOLD)
    resolve_store(store)
    check_five_incidents_each_holding_exactly_its_reports(store)
    check_republished_copy_is_same_story_and_counted_once(store)
    check_one_claim_per_repeated_accusation_with_every_source(store)
    check_cross_article_denial_chain(store)
    check_death_toll_kept_side_by_side_with_range(store)
    check_as_of_sees_four_incidents_before_the_drone_strike_report(store)


def test_idempotent_twice_and_order_independent(store: GraphStore) -> None:
    _ingest(store, GOLD)
    resolve_store(store)
    once = _export(store)
    _ingest(store, GOLD)  # the same corpus again
    second = resolve_store(store)
    assert _export(store) == once
    assert resolve_store(store).changed == 0
    del second
    for seed in (7,):
        store.clear()
        order = list(GOLD)
        random.Random(seed).shuffle(order)
        # in two ingest runs, resolving after each, as two CLI runs would
        _ingest(store, order[:3])
        resolve_store(store)
        _ingest(store, order[3:])
        resolve_store(store)
        assert _export(store) == once, seed


def test_split_is_kept_on_later_ingests(store: GraphStore) -> None:
    incs, _, _ = _gold_keys()
    _ingest(store, GOLD)
    resolve_store(store)
    listed = [m for m in merges(store) if m.kind == "incident"]
    assert len(listed) == 5
    k5 = next(m for m in listed if len(m.reports) == 2 and "negotiations" in m.links[0].reasons)
    assert k5.links[0].place == 1.0 and len(k5.sources) == 2
    split(store, k5.id)
    assert store.stats()["Incident"] == 6
    assert store.get(k5.id) is None
    _ingest(store, GOLD)
    resolve_store(store)
    assert store.stats()["Incident"] == 6
    parts = [store.get(r) for r in k5.reports]
    assert all(isinstance(p, Incident) and p.kept_apart for p in parts)
    del incs
