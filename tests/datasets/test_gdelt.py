"""GDELT 2.0 loaders: CAMEO codes as strings, accusation/denial claims, material-conflict incidents,
mentions with offsets, empty actors, bad rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import edge_of, render, split

from graph.errors import InputError
from graph.model import ArticleGraph, Claim, Incident, IncidentType, NodeKind, Stance
from graph.nx_store import NetworkXStore
from loaders.datasets import read_dataset
from loaders.datasets.gdelt import classify

EVENTS = "20230919120000.export.CSV"
MENTIONS = "20230919120000.mentions.CSV"


def _ref(g: ArticleGraph) -> str:
    for n in g.nodes:
        if isinstance(n, Incident):
            return str(n.dataset_ref)
    edge = next(e for e in g.edges if e.type.value == "REPORTED_IN")
    return str(edge.props["ref"])


def _load(
    fixtures: Path, fmt: str = "gdelt", name: str = EVENTS, **kw: bool
) -> tuple[list[ArticleGraph], list[InputError]]:
    return split(list(read_dataset(fmt, fixtures / name, **kw)))


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("112", ("claim", Stance.ACCUSE)),
        ("1121", ("claim", Stance.ACCUSE)),
        ("1125", ("claim", Stance.ACCUSE)),
        ("016", ("claim", Stance.DENY)),
        ("16", None),  # not "016": a lost leading zero is not a denial
        ("015", None),  # claim responsibility
        ("111", None),  # criticise: not an accusation
        ("180", ("incident", IncidentType.ATTACK_ON_CIVILIANS)),
        ("1823", ("incident", IncidentType.ATTACK_ON_CIVILIANS)),
        ("181", ("incident", IncidentType.OTHER)),  # abduction
        ("190", ("incident", IncidentType.ARMED_CLASH)),
        ("191", ("incident", IncidentType.BLOCKADE)),
        ("194", ("incident", IncidentType.SHELLING)),
        ("195", ("incident", IncidentType.AIRSTRIKE)),
        ("1951", ("incident", IncidentType.AIRSTRIKE)),
        ("202", ("incident", IncidentType.ATTACK_ON_CIVILIANS)),
        ("042", None),
    ],
)
def test_cameo_codes(code: str, expected: object) -> None:
    assert classify(code, all_codes=False) == expected


def test_accusation_claim_exact(fixtures: Path) -> None:
    graphs, _ = _load(fixtures)
    g = graphs[0]
    assert render(g) == (
        {
            ("Actor", "Azerbaijan", "state", "AZE"),
            ("Actor", "ARMENIAN", "armed_group", "ARM"),
            ("Actor", "Armenia", "state", "ARM"),
            ("Article", "news.example.az", "https://news.example.az/2023/09/19/mine-blast-shusha-road"),
            ("Claim", "accuse", "2023-09-19"),
        },
        {
            ("ACCUSES", "Azerbaijan", "ARMENIAN", "claim:accuse"),
            ("MADE", "Azerbaijan", "claim:accuse", ""),
            ("PART_OF", "ARMENIAN", "Armenia", ""),
            ("REPORTED_IN", "claim:accuse", "art:news.example.az", ""),
        },
    )
    claim = next(n for n in g.nodes if isinstance(n, Claim))
    by_name = {getattr(n, "name", ""): n.id for n in g.nodes}
    assert (claim.claimant_id, claim.target_id) == (by_name["Azerbaijan"], by_name["ARMENIAN"])
    assert claim.evidence[0].article_id == next(n.id for n in g.nodes if n.kind.value == "Article")
    assert edge_of(g, "REPORTED_IN", "claim:accuse", "art:news.example.az").props == {
        "dataset": "gdelt",
        "ref": "1130000001",
        "cameo": "1123",
    }


def test_denial_and_claim_without_claimant(fixtures: Path) -> None:
    graphs, _ = _load(fixtures)
    deny, anonymous = graphs[1], graphs[2]
    assert render(deny)[1] == {
        ("MADE", "ARMENIA", "claim:deny", ""),
        ("PART_OF", "ARMENIA", "Armenia", ""),
        ("REPORTED_IN", "claim:deny", "art:example-am.news", ""),
    }
    assert ("Actor", "ARMENIA", "government_body", "ARM") in render(deny)[0]
    claim = next(n for n in anonymous.nodes if isinstance(n, Claim))
    assert claim.stance is Stance.ACCUSE and claim.claimant_id is None
    assert claim.target_id == next(n.id for n in anonymous.nodes if getattr(n, "name", "") == "Azerbaijan")
    # No claimant: no MADE and no ACCUSES; nothing invented.
    assert render(anonymous)[1] == {("REPORTED_IN", "claim:accuse", "art:wire.example.org", "")}


def test_incidents_with_action_geography(fixtures: Path) -> None:
    graphs, _ = _load(fixtures)
    incidents = {_ref(g): g for g in graphs if any(isinstance(n, Incident) for n in g.nodes)}
    assert sorted(incidents) == ["1130000004", "1130000005", "1130000006", "1130000007"]
    assert render(incidents["1130000004"]) == (
        {
            ("Incident", "1130000004", "shelling", "CAMEO 194", "2023-09-19", "2023-09-19", "day", None),
            ("Location", "Stepanakert", "city", "AZE", 39.8153, 46.7519, 10.0),  # ActionGeo_Type 4
            ("Actor", "AZERBAIJANI", "armed_group", "AZE"),
            ("Actor", "Azerbaijan", "state", "AZE"),
            ("Article", "wire.example.org", "https://wire.example.org/caucasus/stepanakert-shelled"),
        },
        {
            ("INVOLVES", "inc:1130000004", "AZERBAIJANI", "party"),  # Actor2 empty: no second actor
            ("PART_OF", "AZERBAIJANI", "Azerbaijan", ""),
            ("OCCURRED_NEAR", "inc:1130000004", "@Stepanakert", ""),
            ("REPORTED_IN", "inc:1130000004", "art:wire.example.org", ""),
        },
    )
    nodes, edges = render(incidents["1130000005"])
    assert ("Location", "Azerbaijan", "country", "AZE", 40.5, 47.5, 300.0) in nodes  # ActionGeo_Type 1
    assert ("INVOLVES", "inc:1130000005", "Armenia", "party") in edges
    nodes, edges = render(incidents["1130000006"])  # ActionGeo_Type 0: no location
    assert not any(n[0] == "Location" for n in nodes)
    assert ("INVOLVES", "inc:1130000006", "KARABAKH SEPARATIST", "party") in edges
    nodes, edges = render(incidents["1130000007"])
    assert (
        "Incident",
        "1130000007",
        "attack_on_civilians",
        "CAMEO 183",
        "2023-09-19",
        "2023-09-19",
        "day",
        None,
    ) in nodes
    assert edges == {
        ("INVOLVES", "inc:1130000007", "CIVILIAN", "victim"),
        ("OCCURRED_NEAR", "inc:1130000007", "@Shusha", ""),
        ("REPORTED_IN", "inc:1130000007", "art:news.example.az", ""),
    }


def test_all_codes_keeps_other_events(fixtures: Path) -> None:
    graphs, _ = _load(fixtures)
    assert "1130000008" not in {_ref(g) for g in graphs}
    everything, errors = _load(fixtures, all_codes=True)
    assert len(everything) == len(graphs) + 1 and len(errors) == 3
    visit = next(g for g in everything if _ref(g) == "1130000008")
    nodes, _ = render(visit)
    assert ("Incident", "1130000008", "other", "CAMEO 042", "2023-09-19", "2023-09-19", "day", None) in nodes
    assert ("Location", "Baku", "city", "AZE", 40.3953, 49.8822, 10.0) in nodes


def test_bad_event_rows(fixtures: Path) -> None:
    _, errors = _load(fixtures)
    path = str(fixtures / EVENTS)
    assert [(e.source, e.line, e.problem) for e in errors] == [
        (path, 5, "row has 60 tab-separated columns, expected 61"),
        (path, 9, "SQLDATE '2023-09-19' is not a date (expected YYYYMMDD)"),
        (path, 11, "ActionGeo_Lat '39.8N' is not a number"),
    ]


def test_mentions_carry_offsets(fixtures: Path) -> None:
    graphs, errors = _load(fixtures, "gdelt-mentions", MENTIONS)
    path = str(fixtures / MENTIONS)
    assert [(e.source, e.line, e.problem) for e in errors] == [
        (path, 4, "row has 15 tab-separated columns, expected 16"),
        (path, 7, "Actor1CharOffset 'abc' is not a whole number"),
    ]
    # 042 (not kept without all_codes) and an event not in the events file are skipped.
    assert [_ref(g) for g in graphs] == ["1130000001", "1130000001", "1130000004"]
    first, second, shelling = graphs
    same_url = edge_of(first, "REPORTED_IN", "claim:accuse", "art:news.example.az")
    assert same_url.props == {
        "dataset": "gdelt",
        "ref": "1130000001",
        "cameo": "1123",
        "mention_type": "1",
        "SentenceID": 2,
        "Actor1CharOffset": 120,
        "Actor2CharOffset": 214,
        "ActionCharOffset": 156,
        "MentionDocLen": 2810,
        "Confidence": 100,
        "InRawText": True,
    }
    other = edge_of(second, "REPORTED_IN", "claim:accuse", "art:caucasus.example.net")
    assert "Actor2CharOffset" not in other.props  # -1 means "not found in the text"
    assert other.props["Confidence"] == 60
    assert other.evidence[0].sentence == 3  # SentenceID 4, 1-based
    article = next(n for n in second.nodes if getattr(n, "outlet", None) == "caucasus.example.net")
    assert str(article.published) == "2023-09-19" and article.published_inferred  # type: ignore[attr-defined]
    assert ("OCCURRED_NEAR", "inc:1130000004", "@Stepanakert", "") in render(shelling)[1]
    with_all, _ = _load(fixtures, "gdelt-mentions", MENTIONS, all_codes=True)
    assert [_ref(g) for g in with_all] == ["1130000001", "1130000001", "1130000004", "1130000008"]


def test_mentions_need_their_events_file(tmp_path: Path, fixtures: Path) -> None:
    shutil.copy(fixtures / MENTIONS, tmp_path / MENTIONS)
    [err] = list(read_dataset("gdelt-mentions", tmp_path / MENTIONS))
    assert isinstance(err, InputError) and "no GDELT events file beside the mentions file" in err.problem


def test_deterministic_and_stored(fixtures: Path) -> None:
    once = [g.model_dump() for g in _load(fixtures)[0]]
    assert once == [g.model_dump() for g in _load(fixtures)[0]]
    store = NetworkXStore("memory://")
    for fmt, name in (("gdelt", EVENTS), ("gdelt-mentions", MENTIONS)):
        for g in _load(fixtures, fmt, name)[0]:
            store.write_article(g)
    stats = store.stats()
    assert (stats["Claim"], stats["Incident"], stats["ACCUSES"], stats["MADE"]) == (3, 4, 1, 2)
    # the accusation is reported in its source article and in the second mentioning article
    claim = next(
        c for c in store.iter_nodes() if isinstance(c, Claim) and c.claimant_id and c.stance is Stance.ACCUSE
    )
    outlets = sorted(str(getattr(n, "outlet", "")) for _, n in store.neighbours(claim.id, direction="out"))
    assert outlets == ["caucasus.example.net", "news.example.az"]


def test_state_alias_is_the_rows_own(tmp_path: Path, fixtures: Path) -> None:
    """A state named differently by two rows keeps each row's name on that row's graph only (the state
    node the loader shares between rows is never changed); the store holds both names."""
    rows = (fixtures / EVENTS).read_text(encoding="utf-8").splitlines(keepends=True)
    row = next(r for r in rows if r.startswith("1130000005\t"))  # AZEMIL shells ARM "ARMENIA"
    first = row.replace("\tARMENIA\t", "\tREPUBLIC OF ARMENIA\t", 1)
    second = row.replace("1130000005\t", "1130000015\t", 1).replace("\tARMENIA\t", "\tYEREVAN\t", 1)
    assert first != row and "YEREVAN" in second

    def armenia(g: ArticleGraph) -> list[str]:
        [state] = [n for n in g.nodes if getattr(n, "name", "") == "Armenia"]
        return state.aliases  # type: ignore[attr-defined,no-any-return]

    for order in ([first, second], [second, first]):
        path = tmp_path / "20230919121500.export.CSV"
        path.write_text("".join(order), encoding="utf-8")
        graphs, errors = split(list(read_dataset("gdelt", path)))
        assert errors == []
        by_ref = {_ref(g): armenia(g) for g in graphs}
        assert by_ref == {"1130000005": ["REPUBLIC OF ARMENIA"], "1130000015": ["YEREVAN"]}
        store = NetworkXStore("memory://")
        store.write_many(graphs)
        [stored] = [n for n in store.find(NodeKind.ACTOR, "Armenia")]
        assert stored.aliases == ["REPUBLIC OF ARMENIA", "YEREVAN"]  # type: ignore[attr-defined]


def test_mention_outlet_leaves_the_shared_source_article_alone(fixtures: Path) -> None:
    """Source Articles are cached per URL and shared by the rows citing it; a mention whose identifier
    names no outlet takes MentionSourceName on its own copy, so two mentions naming the same
    identifier with different source names each keep theirs, and a third row sees neither."""
    from loaders.datasets.gdelt import MENTION_COLUMNS, gdelt_mention_to_graph, source_article

    [event] = [g for g in _load(fixtures)[0] if _ref(g) == "1130000001"]
    base = dict.fromkeys(MENTION_COLUMNS, "")
    base.update(GLOBALEVENTID="1130000001", MentionTimeDate="20230919121500", MentionType="2",
                MentionIdentifier="BBC Monitoring 4521", InRawText="1")  # fmt: skip
    outlets = []
    for name in ("BBC Monitoring", "Interfax"):
        g = gdelt_mention_to_graph({**base, "MentionSourceName": name}, event)
        [article] = [n for n in g.nodes if getattr(n, "title", "") == "BBC Monitoring 4521"]
        outlets.append(article.outlet)  # type: ignore[attr-defined]
    assert outlets == ["BBC Monitoring", "Interfax"]
    assert source_article("BBC Monitoring 4521", "20230919121500").outlet is None
