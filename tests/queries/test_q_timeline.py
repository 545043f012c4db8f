"""queries.timeline on both stores: the seed's seven incidents, filters, figures and source counts."""

from __future__ import annotations

from datetime import date

import pytest

from graph.errors import NotFound, ValidationError
from graph.store import GraphStore
from queries import timeline
from tests.queries.conftest import SEED_DATES, SEED_TYPES


def test_seed_timeline_is_seven_incidents_in_order(seeded: GraphStore) -> None:
    rows = timeline(seeded)
    assert [r.type.value for r in rows] == SEED_TYPES
    assert [r.display_date for r in rows] == SEED_DATES
    assert [r.date for r in rows][:2] == ["1990/1994", "2020"]
    assert rows[0].date_words == "in the early 1990s"
    assert [r.precision.value for r in rows] == ["range", "year", "range", "day", "day", "day", "day"]
    assert [r.killed_display for r in rows] == ["", "", "", "", "4", "", "2"]
    assert [r.place for r in rows] == [
        "Nagorno-Karabakh",
        "Nagorno-Karabakh",
        "Lachin corridor",
        "Nagorno-Karabakh",
        "tunnel excavation site",
        "Baku",
        "Nagorno-Karabakh",
    ]
    assert all(r.sources == 1 for r in rows)


def test_seed_gps_row_has_claims_actors_and_is_disputed(seeded: GraphStore) -> None:
    rows = timeline(seeded)
    gps = rows[5]
    assert gps.summary == "GPS system of a passenger plane flying from Tbilisi to Baku jammed"
    assert [(a.name, a.role) for a in gps.actors] == [
        ("illegal Armenian armed groups", "alleged_perpetrator")
    ]
    assert [(c.claimant, c.stance.value, c.disputed) for c in gps.claims] == [
        ("Ministry of Defense (Azerbaijan)", "accuse", True),
        ("Karabakh Armenian authorities", "deny", False),
    ]
    assert "absolute lies" in gps.claims[1].quote
    assert gps.claims[1].replies_to == gps.claims[0].id
    # Only the GPS jamming carries a denied claim about it.
    assert [r.disputed for r in rows] == [False, False, False, False, False, True, False]
    first_mine = rows[4]
    assert [(a.name, a.role) for a in first_mine.actors] == [
        ("illegal Armenian armed groups", "alleged_perpetrator"),
        ("Ministry of Internal Affairs (Azerbaijan)", "victim"),
    ]


def test_actor_alias_and_parts(seeded: GraphStore) -> None:
    assert [r.type.value for r in timeline(seeded, actor="Baku")] == [
        "blockade",
        "landmine_explosion",
        "landmine_explosion",
    ]
    with_parts = timeline(seeded, actor="Baku", include_parts=True)
    assert [r.type.value for r in with_parts] == [
        "blockade",
        "landmine_explosion",
        "gps_jamming",
        "landmine_explosion",
    ]
    # The ministry finds only what it is in itself.
    assert [r.type.value for r in timeline(seeded, actor="Azerbaijani Ministry of Defense")] == [
        "gps_jamming"
    ]


def test_a_name_that_names_nothing_is_an_error_and_a_national_phrase_finds_its_actor(
    seeded: GraphStore,
) -> None:
    with pytest.raises(NotFound, match="no actor named 'Atlantis'"):
        timeline(seeded, actor="Atlantis")
    with pytest.raises(NotFound, match="no actor named 'Atlantis'"):
        timeline(seeded, claimant="Atlantis")
    with pytest.raises(NotFound, match="no place named 'Atlantis'"):
        timeline(seeded, location="Atlantis")
    # No alias spells "Azerbaijani government"; it is the state, as "Baku" is.
    by_phrase = [r.type.value for r in timeline(seeded, actor="Azerbaijani government")]
    assert by_phrase == ["blockade", "landmine_explosion", "landmine_explosion"]


def test_claimant_type_and_date_filters(seeded: GraphStore) -> None:
    assert [r.type.value for r in timeline(seeded, claimant="Karabakh Armenian authorities")] == ["blockade"]
    assert [r.type.value for r in timeline(seeded, types=["gps_jamming"])] == ["gps_jamming"]
    september = timeline(seeded, since=date(2023, 9, 1), until=date(2023, 9, 30))
    assert [r.type.value for r in september] == SEED_TYPES[2:]
    assert [r.display_date for r in timeline(seeded, until=date(1995, 12, 31))] == ["early 1990s"]
    assert [r.display_date for r in timeline(seeded, since=date(2020, 6, 1), until=date(2020, 6, 30))] == [
        "2020"
    ]
    combined = timeline(seeded, actor="Baku", since=date(2023, 9, 19), types=["landmine_explosion"])
    assert [r.killed for r in combined] == [4, 2]


def test_as_of_hides_what_was_not_yet_published(seeded: GraphStore) -> None:
    assert timeline(seeded, as_of=date(2023, 9, 18)) == []
    assert len(timeline(seeded, as_of=date(2023, 9, 19))) == 7


def test_figures_range_and_independent_sources(seeded_plus: GraphStore) -> None:
    rows = timeline(seeded_plus)
    first_mine, gps = rows[4], rows[5]
    assert first_mine.killed_display == "4–6 (2 sources)"
    assert first_mine.sources == 2
    assert [a.title for a in first_mine.articles] == ["000_d0a399db87bfc5a2", "Independent report"]
    # The syndicated copy is the same story: still one independent source for the GPS jamming.
    assert len(gps.articles) == 2
    assert gps.sources == 1
    earlier = timeline(seeded_plus, as_of=date(2023, 9, 20))
    assert earlier[4].killed_display == "4"
    assert earlier[4].sources == 1


def test_unknown_type_names_the_allowed_ones(seeded: GraphStore) -> None:
    with pytest.raises(ValidationError, match="unknown incident type 'bombing'; allowed: landmine_explosion"):
        timeline(seeded, types=["bombing"])


def test_to_dataframe(seeded: GraphStore) -> None:
    pd = pytest.importorskip("pandas")
    df = timeline(seeded).to_dataframe()
    assert isinstance(df, pd.DataFrame)
    assert list(df["type"].astype(str)) == SEED_TYPES
    assert list(df["disputed"]) == [False, False, False, False, False, True, False]


def test_flat_rows_for_csv_and_tables(seeded: GraphStore) -> None:
    flat = timeline(seeded)[5].flat()
    assert flat["actors"] == "illegal Armenian armed groups (alleged_perpetrator)"
    assert flat["claims"].startswith("Ministry of Defense (Azerbaijan) [accuse, disputed]: the Azerbaijani")
    assert flat["disputed"] is True
