"""Claim chains, claims between two parties and actor profiles, on both stores."""

from __future__ import annotations

from datetime import date

import pytest

from graph.errors import NotFound, ValidationError
from graph.model import Article, Claim, NodeKind
from graph.nx_store import NetworkXStore
from graph.store import GraphStore
from queries import actor_profile, chain, claims_between

GPS_CHAIN = [
    ("root", 0, "Ministry of Defense (Azerbaijan)", "accuse", "illegal Armenian armed groups"),
    ("about", 1, "Karabakh Armenian authorities", "deny", None),
    ("counter", 2, "Karabakh Armenian authorities", "accuse", "Azerbaijan"),
]


def _steps(tree) -> list[tuple[str, int, str, str, str | None]]:  # type: ignore[no-untyped-def]
    return [
        (n.relation, n.depth, n.claimant.name, n.stance.value, n.target.name if n.target else None)
        for n in tree.walk()
    ]


def test_gps_chain_from_quote_text(seeded: GraphStore) -> None:
    tree = chain(seeded, claim_text="absolute lies")
    assert _steps(tree) == GPS_CHAIN
    root = tree.roots[0]
    assert root.date == "2023-09-19"
    assert root.disputed is True
    assert "jamming the GPS system" in root.quote
    denial, counter = root.children[0], root.children[0].children[0]
    assert denial.quote == 'described this accusation as "absolute lies" aimed at diverting attention'
    assert counter.quote == '"humanitarian disaster caused by Baku\'s illegal blockade" of the region'
    assert counter.about == "Azerbaijan restricted the Lachin corridor for months, blocking humanitarian aid"
    # The seed has no text on file, so evidence names the article but carries no offsets.
    assert [(e.article.title, e.start) for e in root.evidence] == [("000_d0a399db87bfc5a2", None)]
    assert tree.depth() == 3


def test_gps_chain_from_incident_and_from_the_denial(seeded: GraphStore) -> None:
    gps = next(n for n in seeded.iter_nodes(NodeKind.INCIDENT) if "GPS" in n.summary)  # type: ignore[union-attr]
    assert _steps(chain(seeded, incident_id=gps.id)) == GPS_CHAIN
    denial = next(c for c in seeded.iter_nodes(NodeKind.CLAIM) if "absolute lies" in c.quote)  # type: ignore[union-attr]
    # From the denial the walk climbs to the accusation it denies.
    assert _steps(chain(seeded, claim_id=denial.id)) == GPS_CHAIN
    assert _steps(chain(seeded, claim_id=denial.id, max_depth=1)) == GPS_CHAIN[:2]
    assert chain(seeded, claim_id=denial.id, as_of=date(2023, 9, 18)).roots == []


def test_chain_errors(seeded: GraphStore) -> None:
    with pytest.raises(NotFound, match="no claim with id 'clm_nope'"):
        chain(seeded, claim_id="clm_nope")
    with pytest.raises(NotFound, match="no claim quote contains 'never said'"):
        chain(seeded, claim_text="never said")
    with pytest.raises(ValidationError, match="give exactly one of"):
        chain(seeded, claim_id="a", claim_text="b")


def test_mine_chain_denied_by_armenia(seeded: GraphStore) -> None:
    tree = chain(seeded, claim_text="planted mines in Azerbaijani territory")
    assert _steps(tree) == [
        ("root", 0, "Azerbaijan", "accuse", "Armed Forces of Armenia"),
        ("about", 1, "Armenia", "deny", None),
    ]
    assert tree.roots[0].children[0].date == "2023-09-18"


def test_claims_between_both_directions_in_time_order(seeded: GraphStore) -> None:
    rows = claims_between(seeded, "Baku", "Armenia")
    assert [
        (r.date, r.direction, r.claimant.name, r.stance.value, r.target.name if r.target else None)
        for r in rows
    ] == [
        ("2023-09-18", "B→A", "Armenia", "deny", "Azerbaijan"),
        ("2023-09-18", "B→A", "Ministry of Foreign Affairs (Armenia)", "accuse", "Azerbaijan"),
        ("unknown", "A→B", "Azerbaijan", "accuse", "Armed Forces of Armenia"),
    ]
    assert rows[2].disputed is True
    assert rows[0].about == "the accusations that its armed forces planted mines in Azerbaijani territory"
    # Without the bodies, only the states' own words between each other remain.
    assert [
        r.claimant.name for r in claims_between(seeded, "Azerbaijan", "Armenia", include_parts=False)
    ] == ["Armenia"]
    with pytest.raises(NotFound, match="no actor named 'Atlantis'"):
        claims_between(seeded, "Atlantis", "Armenia")


def test_a_country_qualified_phrase_finds_that_countrys_actor(seeded: GraphStore) -> None:
    # No name or alias is "Armenian army": the demonym names the country, "army" its armed forces.
    assert actor_profile(seeded, "Armenian army").name == "Armed Forces of Armenia"
    assert actor_profile(seeded, "the armed forces of Armenia").name == "Armed Forces of Armenia"
    # Never another country's actor: the seed has no Azerbaijani armed forces.
    with pytest.raises(NotFound, match="no actor named 'Azerbaijani army'"):
        actor_profile(seeded, "Azerbaijani army")
    between = claims_between(seeded, "Azerbaijani government", "Armenian army")
    assert between == claims_between(seeded, "Azerbaijan", "Armed Forces of Armenia") != []


def test_actor_profile(seeded: GraphStore) -> None:
    p = actor_profile(seeded, "Baku")
    assert (p.name, p.actor_kind.value, p.country) == ("Azerbaijan", "state", "AZE")
    assert p.aliases == ["Azerbaijan", "Azerbaijan's", "Baku"]
    assert [x.name for x in p.parts] == [
        "Ministry of Defense (Azerbaijan)",
        "Ministry of Internal Affairs (Azerbaijan)",
    ]
    # Dated claims first, then the undated ones (in id order).
    assert [c.date for c in p.claims_made] == ["2023-09-19", "2023-09-19", "unknown", "unknown", "unknown"]
    assert sorted((c.stance.value, c.disputed) for c in p.claims_made) == [
        ("accuse", False),
        ("accuse", True),
        ("assert", False),
        ("assert", False),
        ("assert", False),
    ]
    assert [(c.claimant.name if c.claimant else None, c.stance.value) for c in p.claims_received] == [
        ("Armenia", "deny"),
        ("Ministry of Foreign Affairs (Armenia)", "accuse"),
        ("Karabakh Armenian authorities", "accuse"),
    ]
    assert [(i.type, i.roles) for i in p.incidents] == [("blockade", ["alleged_perpetrator"])]
    assert (p.articles, p.first_seen, p.last_seen) == (1, date(2023, 9, 19), date(2023, 9, 19))
    ministry = actor_profile(seeded, "Azerbaijani Ministry of Defense")
    assert [x.name for x in ministry.part_of] == ["Azerbaijan"]


def test_evidence_offsets_point_into_the_article_text(corpus_nx: NetworkXStore) -> None:
    """Dev-corpus gold comes with its article text: every chain step's offsets cut out its quote."""
    tree = chain(corpus_nx, claim_text="fabricated")
    steps = list(tree.walk())
    assert steps, "the Kitshanga cluster has a denial calling the reports fabricated"
    checked = 0
    for step in steps:
        for ev in step.evidence:
            art = corpus_nx.get(ev.article.id)
            assert isinstance(art, Article)
            assert ev.start is not None and ev.end is not None
            assert art.text[ev.start : ev.end] == ev.quote
            checked += 1
    assert checked >= 2
    claim = corpus_nx.get(steps[0].claim_id)
    assert isinstance(claim, Claim)
