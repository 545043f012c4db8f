"""The shared dev corpus's six-article cluster (Kitshanga market shelling, cluster-1..6)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from graph.model import EdgeType, Incident, IncidentType
from graph.store import GraphStore
from loaders.annotations import load_annotation
from loaders.resolve import casualty_range, independent_sources, resolve_store

DEV = Path(__file__).resolve().parents[3] / "shared" / "dev-corpus" / "gold"
FILES = [DEV / f"cluster-{i}.json" for i in range(1, 7)]
pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="shared dev corpus not mounted")


def _export(store: GraphStore) -> str:
    nodes = [n.model_dump(mode="json", exclude={"ingested_at"}) for n in store.iter_nodes()]
    return json.dumps(
        {"n": nodes, "e": [e.model_dump(mode="json") for e in store.iter_edges()]}, sort_keys=True
    )


def _market_shelling(store: GraphStore) -> Incident:
    found = [
        i
        for i in store.timeline()
        if i.incident_type is IncidentType.SHELLING and i.event_time.label() == "2025-04-13"
    ]
    assert len(found) == 1
    return found[0]


def test_market_shelling_is_one_incident_from_six_articles(store: GraphStore) -> None:
    for path in FILES:
        store.write_article(load_annotation(path))
    resolve_store(store)
    inc = _market_shelling(store)
    assert len(inc.reports) == 6
    assert len(store.neighbours(inc.id, EdgeType.REPORTED_IN, "out")) == 6
    assert independent_sources(store, inc.id) == 5  # cluster-2 is a syndicated copy of cluster-1
    assert casualty_range(store, inc) == (12, 19, 19)  # 12 first, revised to 19 (the latest sources)
    # cluster-4 reports two ICRC evacuations (14 and 16 April): a range in cluster-6 overlapping both
    # joins one of them, never both.
    evacuations = [i for i in store.timeline() if i.incident_type is IncidentType.MEDICAL_EVACUATION]
    assert sorted(i.event_time.label() for i in evacuations) == ["2025-04-14", "2025-04-16"]


def test_dev_cluster_order_independent(store: GraphStore) -> None:
    for path in FILES:
        store.write_article(load_annotation(path))
    resolve_store(store)
    once = _export(store)
    store.clear()
    order = list(FILES)
    random.Random(3).shuffle(order)
    for path in order[:2]:
        store.write_article(load_annotation(path))
    resolve_store(store)
    for path in order[2:]:
        store.write_article(load_annotation(path))
    resolve_store(store)
    assert _export(store) == once
