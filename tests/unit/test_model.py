"""The model on its own: validation, ids, time spans, merging, the annotation loader."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

from graph.errors import ValidationError
from graph.merge import merge_node
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
    NodeKind,
    Precision,
    Stance,
    TimeSpan,
    actor_id,
    article_id,
    check_endpoints,
)
from graph.taxonomy import ACLED_MAP, CAMEO_ROOT, IncidentType
from loaders.annotations import load_annotation, parse_gold_date

SEED_GOLD = Path(__file__).resolve().parents[2] / "seeds" / "000_d0a399db87bfc5a2.gold.json"


def test_ids_are_deterministic_and_normalised() -> None:
    assert article_id("Shelling  hit\nthe town.") == article_id("shelling hit the town.")
    assert actor_id("state", "AZE", "Azerbaijan") == actor_id("state", "AZE", " azerbaijan ")
    # Homonyms of another kind or country stay apart.
    assert actor_id("state", "GEO", "Georgia") != actor_id("person", None, "Georgia")


def test_edge_endpoint_refused_with_allowed_kinds() -> None:
    edge = Edge(type=EdgeType.OCCURRED_NEAR, source="act_1", target="loc_1")
    with pytest.raises(ValidationError, match=r"OCCURRED_NEAR goes from Incident to Location; got Actor"):
        check_endpoints(edge, NodeKind.ACTOR, NodeKind.LOCATION)


def test_article_graph_refuses_unknown_endpoint() -> None:
    a = Actor(id="act_x", name="X", actor_kind=ActorKind.STATE)
    g = ArticleGraph(nodes=[a], edges=[Edge(type=EdgeType.MADE, source="act_x", target="clm_missing")])
    with pytest.raises(ValidationError, match="clm_missing"):
        g.validate_edges()


def test_timespan_labels_and_overlap() -> None:
    sept = TimeSpan.month(2023, 9, raw="in September")
    assert (sept.start, sept.end, sept.label()) == (date(2023, 9, 1), date(2023, 9, 30), "2023-09")
    assert sept.overlaps(date(2023, 9, 30), date(2023, 10, 5))
    assert not sept.overlaps(date(2023, 10, 1), None)
    assert TimeSpan.range(date(1990, 1, 1), date(1994, 12, 31)).label() == "1990/1994"
    unknown = TimeSpan.unknown("some day")
    assert unknown.raw == "some day" and not unknown.overlaps(date(2000, 1, 1), None)
    # Inside model construction pydantic wraps our ValidationError; both are ValueErrors.
    with pytest.raises(ValueError, match="unknown"):
        TimeSpan(start=date(2020, 1, 1), end=date(2020, 1, 1), precision=Precision.UNKNOWN)
    with pytest.raises(ValueError, match="before start"):
        TimeSpan.range(date(2020, 1, 2), date(2020, 1, 1))


def test_country_must_be_iso3() -> None:
    with pytest.raises(ValueError, match="ISO3 code like 'AZE', got 'Azerbaijan'"):
        Actor(id="a", name="Azerbaijan", actor_kind=ActorKind.STATE, country="Azerbaijan")


def test_merge_is_order_independent() -> None:
    ev1 = Evidence(article_id="art_a", sentence=0, start=0, end=4, quote="Baku")
    ev2 = Evidence(article_id="art_b", sentence=2, start=10, end=20, quote="Azerbaijan")
    a1 = Actor(id="act_1", name="Azerbaijan", actor_kind=ActorKind.STATE, aliases=["Baku"], evidence=[ev1])
    a2 = Actor(
        id="act_1",
        name="Azerbaijan",
        actor_kind=ActorKind.STATE,
        country="AZE",
        aliases=["Azerbaijan"],
        evidence=[ev2],
    )
    m1, m2 = merge_node(a1, a2), merge_node(a2, a1)
    assert m1 == m2
    assert isinstance(m1, Actor)
    assert m1.aliases == ["Azerbaijan", "Baku"] and m1.country == "AZE" and m1.evidence == [ev1, ev2]


def test_article_keeps_first_ingest_time() -> None:
    t1, t2 = datetime(2024, 1, 1, 12), datetime(2024, 2, 1, 12)
    a = Article(id="art_1", text="x", ingested_at=t2)
    b = Article(id="art_1", text="x", ingested_at=t1)
    merged = merge_node(a, b)
    assert isinstance(merged, Article) and merged.ingested_at == t1


def test_taxonomy_covers_annotation_types() -> None:
    annotation_types = {
        "landmine_explosion",
        "armed_clash",
        "shelling",
        "missile_strike",
        "airstrike",
        "aircraft_shootdown",
        "military_operation",
        "war",
        "ceasefire",
        "blockade",
        "aid_delivery",
        "medical_evacuation",
        "smuggling",
        "gps_jamming",
        "negotiations",
        "protest",
        "other",
    }
    assert annotation_types <= {t.value for t in IncidentType}
    assert set(ACLED_MAP) == set(IncidentType) == set(CAMEO_ROOT)


def test_gold_dates() -> None:
    blockade = parse_gold_date("2023/2023-09-19", "range", "for months")
    assert (blockade.start, blockade.end, blockade.precision) == (
        date(2023, 1, 1),
        date(2023, 9, 19),
        Precision.RANGE,
    )
    assert parse_gold_date("2020", "year").end == date(2020, 12, 31)


def test_seed_annotation_loads_as_graph() -> None:
    g = load_annotation(SEED_GOLD)
    kinds: dict[str, int] = {}
    for n in g.nodes:
        kinds[n.kind.value] = kinds.get(n.kind.value, 0) + 1
    assert kinds == {"Actor": 8, "Location": 6, "Incident": 7, "Claim": 11}
    gold = json.loads(SEED_GOLD.read_text())
    accuses = [e for e in g.edges if e.type is EdgeType.ACCUSES]
    denies = [e for e in g.edges if e.type is EdgeType.DENIES]
    assert len(accuses) == sum(1 for e in gold["edges"] if e["type"] == "ACCUSES") == 5
    assert len(denies) == 2
    gps = next(n for n in g.nodes if isinstance(n, Claim) and "GPS" in n.quote)
    assert gps.stance is Stance.ACCUSE and gps.claim_time.label() == "2023-09-19"
    jam = next(n for n in g.nodes if isinstance(n, Incident) and n.incident_type is IncidentType.GPS_JAMMING)
    assert gps.about_id == jam.id
    # Loading twice gives the same ids: re-running changes nothing.
    assert load_annotation(SEED_GOLD) == g
