"""Dataset graphs through both stores (``store`` fixture: embedded NetworkX, then a real Neo4j), and a
mixed corpus: the seed article's gold graph with an ACLED fixture of the same days."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import FIXTURES

from graph.model import Article, ArticleGraph, Claim, EdgeType, Incident, IncidentType, NodeKind, Stance
from graph.store import GraphStore, TimelineFilter
from graph.taxonomy import compatible
from loaders.datasets import read_dataset

DATASETS = [
    ("acled", "acled_current.csv"),
    ("ucdp", "ucdp_ged.csv"),
    ("gdelt", "20230919120000.export.CSV"),
    ("gdelt-mentions", "20230919120000.mentions.CSV"),
]


def _graphs(fmt: str, name: str) -> list[ArticleGraph]:
    return [g for g in read_dataset(fmt, FIXTURES / name) if isinstance(g, ArticleGraph)]


def _write_all(store: GraphStore) -> None:
    for fmt, name in DATASETS:
        for g in _graphs(fmt, name):
            store.write_article(g)


def test_write_and_read_back(store: GraphStore) -> None:
    _write_all(store)
    stats = store.stats()
    assert stats["Incident"] == 7 + 4 + 4  # ACLED, UCDP, GDELT material conflict
    assert (stats["Claim"], stats["ACCUSES"], stats["MADE"]) == (3, 1, 2)
    acled = _graphs("acled", "acled_current.csv")[0]
    written = next(n for n in acled.nodes if isinstance(n, Incident))
    back = store.get(written.id)
    assert isinstance(back, Incident)
    assert (back.dataset, back.dataset_ref, back.killed, back.event_time) == (
        "acled", "AZE9001", 4, written.event_time,
    )  # fmt: skip
    assert back.evidence == written.evidence
    [(_, place)] = store.neighbours(back.id, EdgeType.OCCURRED_NEAR, "out")
    assert (place.name, place.lat, place.lon, place.precision_km) == ("Shusha", 39.7583, 46.7486, 25.0)  # type: ignore[union-attr]
    roles = sorted(
        (str(e.props["role"]), n.name)  # type: ignore[union-attr]
        for e, n in store.neighbours(back.id, EdgeType.INVOLVES, "out")
    )
    assert roles == [
        ("alleged_perpetrator", "Unidentified Armed Group (Azerbaijan)"),
        ("victim", "Police Forces of Azerbaijan (2003-)"),
    ]
    accusation = next(
        c
        for c in store.find(NodeKind.CLAIM)
        if isinstance(c, Claim) and c.stance is Stance.ACCUSE and c.claimant_id
    )
    [accuses] = store.edges(EdgeType.ACCUSES)
    assert (accuses.source, accuses.target, accuses.props["claim_id"]) == (
        accusation.claimant_id, accusation.target_id, accusation.id,
    )  # fmt: skip
    # Re-ingesting every file changes nothing.
    _write_all(store)
    assert store.stats() == stats


def test_mixed_corpus_same_days(store: GraphStore, seed_graph: ArticleGraph) -> None:
    """The seed article and ACLED rows of 19 September 2023 share the timeline; every ACLED landmine
    incident has a seed incident the cross-article resolution can link (compatible type, overlapping
    dates, same death toll), and each keeps its own provenance."""
    store.write_article(seed_graph)
    for g in _graphs("acled", "acled_current.csv"):
        store.write_article(g)
    day = dt.date(2023, 9, 19)
    landmines = store.timeline(TimelineFilter(since=day, until=day, types=(IncidentType.LANDMINE_EXPLOSION,)))
    from_acled = sorted((i.dataset_ref, i.killed) for i in landmines if i.dataset == "acled")
    from_seed = sorted(i.killed or 0 for i in landmines if i.dataset is None)
    assert from_acled == [("AZE9001", 4), ("AZE9002", 2)]
    assert from_seed == [2, 4]
    seed_incidents = [i for i in landmines if i.dataset is None]
    for inc in (i for i in landmines if i.dataset == "acled"):
        partners = [
            s
            for s in seed_incidents
            if compatible(s.incident_type, inc.incident_type)
            and s.event_time.overlaps(inc.event_time.start, inc.event_time.end)
            and s.killed == inc.killed
        ]
        assert len(partners) == 1
        outlets = sorted(
            a.outlet or ""
            for _, a in store.neighbours(inc.id, EdgeType.REPORTED_IN, "out")
            if isinstance(a, Article)
        )
        assert outlets == (["APA", "Trend"] if inc.dataset_ref == "AZE9001" else ["Trend"])
        [(_, seed_article)] = store.neighbours(partners[0].id, EdgeType.REPORTED_IN, "out")
        assert isinstance(seed_article, Article) and seed_article.id == seed_graph.article.id  # type: ignore[union-attr]
    # The whole day: the seed's incidents dated 19 September and ACLED's three events of that day.
    everything = store.timeline(TimelineFilter(since=day, until=day))
    acled_refs = sorted(i.dataset_ref or "" for i in everything if i.dataset == "acled")
    assert acled_refs == ["ARM9005", "ARM9006", "AZE9001", "AZE9002", "AZE9003", "AZE9007"]


def test_mixed_corpus_links_dataset_and_article_incidents(
    store: GraphStore, seed_graph: ArticleGraph
) -> None:
    """Seed + development articles + the ACLED fixture, then the resolution pass: the ACLED landmine whose
    place ACLED only knows as the region (AZE9002, 2 killed in Nagorno-Karabakh) gets SAME_AS to the
    seed's landmine that killed two civilians there; dataset incidents stay separate nodes."""
    from loaders.annotations import load_annotation
    from loaders.resolve import resolve_store

    store.write_article(seed_graph)
    for gold in sorted((Path(__file__).parents[1] / "corpus" / "gold").glob("*.json")):
        store.write_article(load_annotation(gold))
    for g in _graphs("acled", "acled_current.csv"):
        store.write_article(g)
    before = {i.id for i in store.timeline() if i.dataset == "acled"}
    report = resolve_store(store)
    assert report.same_as >= 1
    acled = {i.dataset_ref: i for i in store.timeline() if i.dataset == "acled"}
    assert {i.id for i in acled.values()} == before  # dataset events are linked, never merged away
    links = store.edges(EdgeType.SAME_AS, source=acled["AZE9002"].id)
    partners = [store.get(e.target) for e in links]
    seed_civilians = [
        (p, e)
        for p, e in zip(partners, links, strict=True)
        if isinstance(p, Incident) and p.dataset is None and p.killed == 2
    ]
    assert len(seed_civilians) == 1
    partner, link = seed_civilians[0]
    assert partner.incident_type is IncidentType.LANDMINE_EXPLOSION  # type: ignore[union-attr]
    assert partner.event_time.label() == "2023-09-19"  # type: ignore[union-attr]
    assert link.props["place"] == 1.0 and link.props["time"] == 1.0
    assert isinstance(link.props["confidence"], float) and link.props["confidence"] > 0


def test_fixture_files_are_where_the_docs_say() -> None:
    assert sorted(p.name for p in Path(FIXTURES).iterdir()) == [
        "20230919120000.export.CSV",
        "20230919120000.mentions.CSV",
        "acled_api.json",
        "acled_current.csv",
        "acled_legacy.csv",
        "ucdp_ged.csv",
    ]


def test_journal_lines_and_edge_json_are_pydantics_bytes(tmp_path: Path) -> None:
    """The directory store writes a graph's journal line and an edge's snapshot JSON itself (shared
    node JSON reused, no Edge model made): byte for byte what pydantic writes, for every graph of every
    fixture (with the shared nodes' JSON reused from the second row on) and for edges whose props and
    evidence need escapes, non-finite floats (null) and exponents; the store reloads the same."""
    from graph.model import Edge, Evidence
    from graph.nx_store import NetworkXStore, _EdgeRecord

    store = NetworkXStore(str(tmp_path / "s"))
    lines = 0
    for fmt, name in DATASETS:
        for g in _graphs(fmt, name):
            assert store._line(g) == g.model_dump_json().encode() + b"\n"
            for e in g.edges:
                assert _EdgeRecord.of(e).json() == e.model_dump_json()
            store.write_many([g])
            lines += 1
    assert lines == 21 and len(store._json_memo) > 0  # shared nodes were reused
    odd = [
        Edge(
            type=EdgeType.REPORTED_IN,
            source='inc_"q"',
            target="art_ü\n",
            props={
                "nan": float("nan"),
                "inf": float("-inf"),
                "big": 1e16,
                "small": 1e-5,
                "flag": True,
                "none": None,
            },
        ),
        Edge(
            type=EdgeType.INVOLVES,
            source="inc_1",
            target="act_1",
            props={"role": "victim"},
            evidence=[
                Evidence(article_id="acled:X1", quote='said "\\u2028" \t ok → done'),
                Evidence(article_id="art_2", sentence=3, start=10, end=20, quote="ten chars!"),
            ],
        ),
    ]
    for e in odd:
        assert _EdgeRecord.of(e).json() == e.model_dump_json()
    before = store.stats()
    store.close()
    reopened = NetworkXStore(str(tmp_path / "s"))
    assert reopened.stats() == before
    reopened.close()
