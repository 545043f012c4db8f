"""The timeline and claim-chain primitives, on both stores: a hand-built graph with coordinates and
partial dates for every filter, then the seed article's timeline and chains."""

from __future__ import annotations

from datetime import date

import pytest

from graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    Claim,
    Edge,
    EdgeType,
    Incident,
    Location,
    LocationKind,
    NodeKind,
    Stance,
    TimeSpan,
)
from graph.nx_store import haversine_km
from graph.store import GraphStore, TimelineFilter
from graph.taxonomy import IncidentType

STEPANAKERT = (39.8153, 46.7519)
SHUSHA = (39.7583, 46.7483)  # about 6.3 km south of Stepanakert
AGDAM = (39.9911, 46.9283)  # about 25 km north-east
YEREVAN = (40.1792, 44.4991)  # about 195 km west


def _loc(
    lid: str, name: str, coords: tuple[float, float] | None, aliases: list[str] | None = None
) -> Location:
    lat, lon = coords if coords else (None, None)
    return Location(
        id=lid, name=name, location_kind=LocationKind.CITY, lat=lat, lon=lon, aliases=aliases or []
    )


def _inc(iid: str, span: TimeSpan, itype: IncidentType = IncidentType.SHELLING) -> Incident:
    return Incident(id=iid, incident_type=itype, event_time=span, summary=iid)


def handbuilt() -> list[ArticleGraph]:
    """Two articles. Incidents, by design of their dates:

    - inc_day: 2023-09-01 (day), near Stepanakert
    - inc_month: 2023-09 (month), near Shusha
    - inc_year: 2023 (year), near Agdam
    - inc_range: 2020-09-27/2020-11-10 (range), near Yerevan
    - inc_undated: unknown, near Stepanakert
    - inc_late: 2023-10-02 (day), in the second article only (published 2023-10-05), near a place
      with no coordinates
    """
    azerbaijan = Actor(
        id="act_aze", name="Azerbaijan", actor_kind=ActorKind.STATE, country="AZE", aliases=["Baku"]
    )
    mod = Actor(id="act_mod", name="Ministry of Defense", actor_kind=ActorKind.GOVERNMENT_BODY, country="AZE")
    unit = Actor(id="act_unit", name="Third Army Corps", actor_kind=ActorKind.ARMED_GROUP, country="AZE")
    armenia = Actor(
        id="act_arm", name="Armenia", actor_kind=ActorKind.STATE, country="ARM", aliases=["Yerevan"]
    )
    places = [
        _loc("loc_stk", "Stepanakert", STEPANAKERT, ["Khankendi"]),
        _loc("loc_shu", "Shusha", SHUSHA),
        _loc("loc_agd", "Agdam", AGDAM),
        _loc("loc_yvn", "Yerevan", YEREVAN),
        _loc("loc_nowhere", "Unmapped village", None),
    ]
    incidents = [
        _inc("inc_day", TimeSpan.day(date(2023, 9, 1), "on 1 September")),
        _inc("inc_month", TimeSpan.month(2023, 9, "in September"), IncidentType.AIRSTRIKE),
        _inc("inc_year", TimeSpan.year(2023, "this year")),
        _inc(
            "inc_range",
            TimeSpan.range(date(2020, 9, 27), date(2020, 11, 10), "the 44-day war"),
            IncidentType.WAR,
        ),
        _inc("inc_undated", TimeSpan.unknown("some time ago")),
    ]
    near = {
        "inc_day": "loc_stk",
        "inc_month": "loc_shu",
        "inc_year": "loc_agd",
        "inc_range": "loc_yvn",
        "inc_undated": "loc_stk",
    }
    claims = [
        # The MoD (PART_OF Azerbaijan) accuses Armenia of the month's drone strike.
        Claim(
            id="clm_mod",
            claimant_id=mod.id,
            stance=Stance.ACCUSE,
            target_id=armenia.id,
            about_id="inc_month",
            claim_time=TimeSpan.day(date(2023, 9, 20)),
        ),
        # Armenia denies it.
        Claim(
            id="clm_deny",
            claimant_id=armenia.id,
            stance=Stance.DENY,
            about_id="clm_mod",
            claim_time=TimeSpan.day(date(2023, 9, 21)),
        ),
        # Armenia accuses Azerbaijan over the undated incident (a counter-accusation of the denial).
        Claim(
            id="clm_counter",
            claimant_id=armenia.id,
            stance=Stance.ACCUSE,
            target_id=azerbaijan.id,
            about_id="inc_undated",
            claim_time=TimeSpan.day(date(2023, 9, 21)),
        ),
    ]
    first = Article(id="art_1", title="First", published=date(2023, 9, 22))
    edges = [Edge(type=EdgeType.OCCURRED_NEAR, source=i, target=loc) for i, loc in near.items()]
    edges += [
        Edge(type=EdgeType.PART_OF, source=mod.id, target=azerbaijan.id),
        Edge(type=EdgeType.PART_OF, source=unit.id, target=mod.id),
        Edge(type=EdgeType.INVOLVES, source="inc_range", target=armenia.id, props={"role": "party"}),
        Edge(type=EdgeType.INVOLVES, source="inc_year", target=unit.id, props={"role": "party"}),
        Edge(type=EdgeType.PART_OF, source="loc_shu", target="loc_stk"),
    ]
    for c in claims:
        assert c.claimant_id and c.about_id
        edges.append(Edge(type=EdgeType.MADE, source=c.claimant_id, target=c.id))
        edges.append(Edge(type=EdgeType.ABOUT, source=c.id, target=c.about_id))
    edges += [Edge(type=EdgeType.REPORTED_IN, source=n.id, target=first.id) for n in [*incidents, *claims]]
    one = ArticleGraph(
        article=first,
        nodes=[azerbaijan, mod, unit, armenia, *places, *incidents, *claims],
        edges=edges,
        source_key=first.id,
    )

    second = Article(id="art_2", title="Second", published=date(2023, 10, 5))
    late = _inc("inc_late", TimeSpan.day(date(2023, 10, 2)))
    late_claim = Claim(
        id="clm_late",
        claimant_id=armenia.id,
        stance=Stance.ACCUSE,
        target_id=azerbaijan.id,
        about_id="clm_mod",
        claim_time=TimeSpan.day(date(2023, 10, 3)),
    )
    two = ArticleGraph(
        article=second,
        nodes=[late, late_claim],
        edges=[
            Edge(type=EdgeType.OCCURRED_NEAR, source="inc_late", target="loc_nowhere"),
            Edge(
                type=EdgeType.INVOLVES,
                source="inc_late",
                target=azerbaijan.id,
                props={"role": "alleged_perpetrator"},
            ),
            Edge(type=EdgeType.REPORTED_IN, source="inc_late", target=second.id),
            Edge(type=EdgeType.MADE, source=armenia.id, target="clm_late"),
            Edge(type=EdgeType.ABOUT, source="clm_late", target="clm_mod"),
            Edge(type=EdgeType.REPORTED_IN, source="clm_late", target=second.id),
        ],
        source_key=second.id,
    )
    return [one, two]


@pytest.fixture
def filled(store: GraphStore) -> GraphStore:
    for g in handbuilt():
        store.write_article(g)
    return store


def ids(store: GraphStore, **filters: object) -> list[str]:
    return [i.id for i in store.timeline(TimelineFilter(**filters))]  # type: ignore[arg-type]


def test_timeline_order_dates_then_precision_unknown_last(filled: GraphStore) -> None:
    # 2023-09-01 starts both inc_day and inc_month: the day (more precise) comes first.
    assert ids(filled) == ["inc_range", "inc_year", "inc_day", "inc_month", "inc_late", "inc_undated"]
    # a page is the same order cut short (Neo4j orders a page's keys without reading the incidents)
    for limit in range(8):
        assert [i.id for i in filled.timeline(TimelineFilter(), limit)] == ids(filled)[:limit], limit
    assert [i.id for i in filled.timeline(TimelineFilter(since=date(2023, 9, 1)), 2)] == [
        "inc_year",
        "inc_day",
    ]


# Ids that tie on date and precision, ordered by id. Python orders text by code point; Cypher may order
# it by UTF-16 code unit (as Java strings compare), which puts a character beyond U+FFFF (two surrogate
# units, from U+D800) before U+E000-U+FFFF.
TIED_IDS = ["inc_t", "inc_ta", "inc_t\ue000", "inc_t\uffff", "inc_t\U0001f600", "inc_tb", "inc_t\u00e9"]


def tied(store: GraphStore) -> None:
    """Incidents that share a date and precision (only the id orders them), with odd ids, a day before
    and after them, a month around them, four of the next month with plain ids, and undated ones (only
    the id orders those too)."""
    art = Article(id="art_tie", title="Ties", published=date(2024, 3, 1))
    spans = {
        **{f"{x}0": TimeSpan.day(date(2024, 1, 10)) for x in TIED_IDS},
        "inc_before": TimeSpan.day(date(2024, 1, 9)),
        "inc_after": TimeSpan.day(date(2024, 1, 11)),
        "inc_month": TimeSpan.month(2024, 1),
        **{f"inc_p{x}": TimeSpan.month(2024, 2) for x in "cbda"},
        **{f"{x}1": TimeSpan.unknown("once") for x in TIED_IDS},
    }
    incidents = [_inc(iid, span) for iid, span in spans.items()]
    edges = [Edge(type=EdgeType.REPORTED_IN, source=i.id, target=art.id) for i in incidents]
    store.write_article(ArticleGraph(article=art, nodes=incidents, edges=edges, source_key=art.id))


def test_pages_cut_ties_on_date_and_precision_by_id_in_code_point_order(store: GraphStore) -> None:
    tied(store)
    expected = ["inc_month", "inc_before", *(f"{x}0" for x in sorted(TIED_IDS)), "inc_after"]
    expected += ["inc_pa", "inc_pb", "inc_pc", "inc_pd"]
    expected += [f"{x}1" for x in sorted(TIED_IDS)]
    assert sorted(TIED_IDS)[-1] == "inc_t\U0001f600"  # so UTF-16 order would differ
    for flt in (
        TimelineFilter(),
        TimelineFilter(since=date(2024, 1, 10), until=date(2024, 1, 10)),
        TimelineFilter(types=(IncidentType.SHELLING,)),
        TimelineFilter(as_of=date(2024, 3, 1)),
    ):
        whole = ids(store, **flt.model_dump(exclude_defaults=True))
        assert whole == [x for x in expected if x in whole], flt
        for limit in range(len(whole) + 2):
            assert [i.id for i in store.timeline(flt, limit)] == whole[:limit], (flt, limit)


def test_partial_dates_match_by_overlap(filled: GraphStore) -> None:
    assert ids(filled, since=date(2023, 9, 15), until=date(2023, 9, 16)) == ["inc_year", "inc_month"]
    assert ids(filled, since=date(2023, 9, 30)) == ["inc_year", "inc_month", "inc_late"]
    assert ids(filled, until=date(2020, 9, 27)) == ["inc_range"]
    assert ids(filled, until=date(2020, 9, 26)) == []
    assert ids(filled, since=date(2020, 11, 11), until=date(2022, 12, 31)) == []


def test_location_with_and_without_radius(filled: GraphStore) -> None:
    assert haversine_km(*STEPANAKERT, *SHUSHA) == pytest.approx(6.35, abs=0.05)
    assert ids(filled, location="Stepanakert") == ["inc_day", "inc_undated"]
    assert ids(filled, location="khankendi") == ["inc_day", "inc_undated"]
    assert ids(filled, location="Stepanakert", within_km=5) == ["inc_day", "inc_undated"]
    assert ids(filled, location="Stepanakert", within_km=7) == ["inc_day", "inc_month", "inc_undated"]
    assert ids(filled, location="loc_stk", within_km=30) == [
        "inc_year",
        "inc_day",
        "inc_month",
        "inc_undated",
    ]
    assert ids(filled, location="Stepanakert", within_km=250) == [
        "inc_range",
        "inc_year",
        "inc_day",
        "inc_month",
        "inc_undated",
    ]
    # A place without coordinates matches nothing by radius, but does by name.
    assert ids(filled, location="Unmapped village", within_km=1000) == []
    assert ids(filled, location="Unmapped village") == ["inc_late"]
    assert ids(filled, location="Atlantis") == []


def test_actor_alias_parts_and_claimant(filled: GraphStore) -> None:
    # Azerbaijan (alias Baku): inc_late involves it; inc_undated is what a claim aimed at it is about.
    assert ids(filled, actor="Baku") == ["inc_late", "inc_undated"]
    assert ids(filled, actor="act_aze") == ["inc_late", "inc_undated"]
    # With its parts: the MoD's claim about inc_month and the corps (part of the MoD) in inc_year.
    assert ids(filled, actor="Baku", include_parts=True) == [
        "inc_year",
        "inc_month",
        "inc_late",
        "inc_undated",
    ]
    assert ids(filled, actor="Ministry of Defense", include_parts=True) == ["inc_year", "inc_month"]
    # Armenia: party to the war, target of the MoD's claim, claimant about inc_undated.
    assert ids(filled, actor="Yerevan") == ["inc_range", "inc_month", "inc_undated"]
    assert ids(filled, claimant="Armenia") == ["inc_undated"]
    assert ids(filled, claimant="Ministry of Defense") == ["inc_month"]
    assert ids(filled, actor="Nobody at all") == []


def test_types_as_of_and_combined_filters(filled: GraphStore) -> None:
    assert ids(filled, types=(IncidentType.AIRSTRIKE, IncidentType.WAR)) == ["inc_range", "inc_month"]
    assert ids(filled, as_of=date(2023, 9, 30)) == [
        "inc_range",
        "inc_year",
        "inc_day",
        "inc_month",
        "inc_undated",
    ]
    assert ids(filled, as_of=date(2023, 9, 21)) == []
    assert ids(filled, as_of=date(2023, 10, 5), since=date(2023, 10, 1)) == ["inc_year", "inc_late"]
    assert ids(
        filled, actor="Baku", include_parts=True, location="Stepanakert", within_km=30, since=date(2023, 6, 1)
    ) == ["inc_year", "inc_month"]


def test_claim_chain_with_counter_and_as_of(filled: GraphStore) -> None:
    chain = filled.claim_chain("inc_month")
    assert [(s.claim.id, s.depth, s.parent_id, s.relation) for s in chain] == [
        ("clm_mod", 0, None, "root"),
        ("clm_deny", 1, "clm_mod", "about"),
        ("clm_counter", 2, "clm_deny", "counter"),
        ("clm_late", 1, "clm_mod", "about"),
    ]
    # From any claim in the tree the walk climbs to the same root.
    [alone] = filled.claim_chain("clm_counter")  # ABOUT an incident: nothing to climb, nothing below
    assert (alone.claim.id, alone.depth, alone.parent_id, alone.relation) == ("clm_counter", 0, None, "root")
    assert filled.claim_chain("clm_deny") == chain
    # Before the second article was published its claim is not visible.
    early = filled.claim_chain("clm_deny", as_of=date(2023, 9, 30))
    assert [s.claim.id for s in early] == ["clm_mod", "clm_deny", "clm_counter"]
    assert [s.claim.id for s in filled.claim_chain("inc_month", max_depth=1)] == [
        "clm_mod",
        "clm_deny",
        "clm_late",
    ]
    assert filled.claim_chain("inc_month", as_of=date(2023, 9, 1)) == []
    assert filled.claim_chain("loc_stk") == [] and filled.claim_chain("missing") == []


# -- the seed article -----------------------------------------------------------------------------


@pytest.fixture
def seeded(store: GraphStore, seed_graph: ArticleGraph) -> GraphStore:
    store.write_article(seed_graph)
    return store


def test_seed_timeline_is_the_seven_incidents_in_date_order(seeded: GraphStore) -> None:
    rows = [(i.event_time.label(), i.incident_type.value) for i in seeded.timeline()]
    assert rows[:4] == [
        ("1990/1994", "war"),
        ("2020", "war"),
        ("2023-01-01/2023-09-19", "blockade"),
        ("2023-09-18", "aid_delivery"),
    ]
    # The three incidents of 2023-09-19 share date and precision (their order is by id).
    assert sorted(rows[4:]) == [
        ("2023-09-19", "gps_jamming"),
        ("2023-09-19", "landmine_explosion"),
        ("2023-09-19", "landmine_explosion"),
    ]


def test_seed_actor_alias_finds_azerbaijan(seeded: GraphStore) -> None:
    [azerbaijan] = seeded.resolve(NodeKind.ACTOR, "Baku")
    assert azerbaijan.name == "Azerbaijan"  # type: ignore[union-attr]
    by_alias = [i.incident_type.value for i in seeded.timeline(TimelineFilter(actor="Baku"))]
    assert by_alias == [i.incident_type.value for i in seeded.timeline(TimelineFilter(actor="Azerbaijan"))]
    # Baku's claims: the two mine explosions (accusation and statement) and the blockade (the target of
    # the Karabakh authorities' accusation; Baku's own justification).
    assert sorted(by_alias) == ["blockade", "landmine_explosion", "landmine_explosion"]
    # With its parts: the Ministry of Defense's GPS accusation joins.
    with_parts = seeded.timeline(TimelineFilter(actor="Baku", include_parts=True))
    assert sorted(i.incident_type.value for i in with_parts) == [
        "blockade",
        "gps_jamming",
        "landmine_explosion",
        "landmine_explosion",
    ]


def test_seed_gps_chain_accusation_denial_counter_accusation(seeded: GraphStore) -> None:
    [gps] = seeded.timeline(TimelineFilter(types=(IncidentType.GPS_JAMMING,)))
    chain = seeded.claim_chain(gps.id)
    names = {n.id: n.name for n in seeded.iter_nodes(NodeKind.ACTOR)}  # type: ignore[union-attr]
    shown = [
        (
            s.depth,
            s.relation,
            names[s.claim.claimant_id or ""],
            s.claim.stance.value,
            names.get(s.claim.target_id or ""),
        )
        for s in chain
    ]
    assert shown == [
        (0, "root", "Ministry of Defense (Azerbaijan)", "accuse", "illegal Armenian armed groups"),
        (1, "about", "Karabakh Armenian authorities", "deny", None),
        (2, "counter", "Karabakh Armenian authorities", "accuse", "Azerbaijan"),
    ]
    assert "GPS" in chain[0].claim.quote
    assert '"absolute lies"' in chain[1].claim.quote
    assert "blockade" in chain[2].claim.quote
    blockade = seeded.get(chain[2].claim.about_id or "")
    assert isinstance(blockade, Incident) and blockade.incident_type is IncidentType.BLOCKADE
    # Starting from the denial climbs to the same accusation.
    assert seeded.claim_chain(chain[1].claim.id) == chain


def test_seed_mine_chain_denial_by_armenia(seeded: GraphStore) -> None:
    denial = next(
        c for c in seeded.iter_nodes(NodeKind.CLAIM) if isinstance(c, Claim) and "unfounded" in c.quote
    )
    chain = seeded.claim_chain(denial.id)
    assert [(s.depth, s.relation, s.claim.stance.value) for s in chain] == [
        (0, "root", "accuse"),
        (1, "about", "deny"),
    ]
    assert "planted mines" in chain[0].claim.quote
    assert chain[1].claim.claim_time.label() == "2023-09-18"
