"""Timeline rows read through ``GraphStore.row_facts`` (what ``queries.timeline`` builds rows from) are
the rows of the plain per-id reads (``build_row`` over a ``Reader``), on both stores; and a store's
``row_facts`` equals the generic one built from ``neighbours_many`` / ``get_many``. Checked on a real
mixed graph (seed, corpus articles, ACLED rows, resolved: SAME_AS links) and on a generated graph with
claim chains deeper than a row shows, denials named on DENIES edges, linked incidents, disagreeing
casualty figures and articles published on different days (for ``as_of``)."""

from __future__ import annotations

import shutil
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from graph.errors import ValidationError
from graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    CasualtyFigure,
    Claim,
    Edge,
    EdgeType,
    Incident,
    Location,
    LocationKind,
    Node,
    NodeKind,
    Stance,
    TimeSpan,
)
from graph.nx_store import NetworkXStore
from graph.store import ClaimFacts, GraphStore, TimelineFilter, claim_sort_key
from graph.taxonomy import IncidentType
from loaders.annotations import load_annotation
from loaders.datasets import read_dataset
from loaders.resolve import resolve_store
from queries.common import Reader
from queries.timeline import CLAIM_DEPTH, TimelineRow, build_row, iter_timeline, linked_group

TESTS = Path(__file__).resolve().parents[1]
DAY0 = date(2024, 3, 1)


def _mixed(store: GraphStore, seed_graph: ArticleGraph) -> None:
    store.write_article(seed_graph)
    for gold in sorted((TESTS / "corpus" / "gold").glob("cluster-a*.json"))[:4]:
        store.write_article(load_annotation(gold))
    for g in read_dataset("acled", TESTS / "datasets" / "fixtures" / "acled_current.csv"):
        if isinstance(g, ArticleGraph):
            store.write_article(g)
    resolve_store(store)


def _build(store: GraphStore, seed_graph: ArticleGraph, graph: str) -> None:
    """Write the graph a parametrised test names: "mixed" or "generated"."""
    if graph == "mixed":
        _mixed(store, seed_graph)
    else:
        _generated(store)


def _generated(store: GraphStore) -> None:
    """Eight articles a day apart (one undated); SAME_STORY copies; twelve incidents, every third a
    dataset row linked SAME_AS to the article incident before it (and one chain of three), each with two
    sources' figures that disagree; claim chains accusation -> denial -> counter-accusation ... up to
    eight deep, each step reported a day later; one denial ABOUT another incident named on a DENIES edge."""
    arts = [
        Article(
            id=f"art_g{k}", title=f"Report {k}", outlet=f"Outlet {k % 3}", published=DAY0 + timedelta(days=k)
        )
        for k in range(7)
    ] + [Article(id="art_g7", title="", outlet=None, published=None)]
    for a in arts:
        store.write_article(ArticleGraph(article=a, nodes=[], edges=[], source_key=a.id))
    actors = [
        Actor(id=f"act_g{k}", name=name, actor_kind=ActorKind.ARMED_GROUP if k else ActorKind.STATE)
        for k, name in enumerate(["Northland", "Red Brigade", "Blue Front", "South Militia"])
    ]
    places = [
        Location(
            id="loc_g0",
            name="Harbour Town",
            location_kind=LocationKind.CITY,
            lat=1.0,
            lon=2.0,
            precision_km=5,
        ),
        Location(
            id="loc_g1", name="Hill Camp", location_kind=LocationKind.SITE, lat=1.01, lon=2.0, precision_km=1
        ),
    ]
    nodes: list[Node] = [*actors, *places]
    edges = [
        Edge(type=EdgeType.SAME_STORY, source="art_g0", target="art_g1"),
        Edge(type=EdgeType.SAME_STORY, source="art_g3", target="art_g2"),
    ]
    for n in range(12):
        dataset = n % 3 == 2
        first, second = arts[n % 7], arts[(n + 3) % 8]
        inc = Incident(
            id=f"inc_g{n:02d}",
            incident_type=IncidentType.OTHER if n % 4 == 0 else IncidentType.SHELLING,
            summary=f"Shelling {n}" if n % 5 else "",
            event_time=TimeSpan.month(2024, 2, "in February")
            if n % 2
            else TimeSpan.day(date(2024, 2, 1 + n)),
            killed=n if n % 4 else None,
            location_id="loc_g0" if n % 3 else None,
            dataset="acled" if dataset else None,
            dataset_ref=f"ref{n}" if dataset else None,
            figures=[
                CasualtyFigure(killed=n, source=f"acled:ref{n}" if dataset else first.id),
                CasualtyFigure(killed=n + 2, injured=1, source=second.id),
            ],
        )
        nodes.append(inc)
        edges += [
            Edge(type=EdgeType.REPORTED_IN, source=inc.id, target=first.id),
            Edge(type=EdgeType.REPORTED_IN, source=inc.id, target=second.id),
            Edge(type=EdgeType.INVOLVES, source=inc.id, target=actors[n % 4].id, props={"role": "target"}),
            Edge(type=EdgeType.INVOLVES, source=inc.id, target=actors[(n + 1) % 4].id),
        ]
        if n % 3 != 1:
            edges.append(Edge(type=EdgeType.OCCURRED_NEAR, source=inc.id, target=places[n % 2].id))
        if dataset:
            edges.append(
                Edge(
                    type=EdgeType.SAME_AS,
                    source=inc.id,
                    target=f"inc_g{n - 1:02d}",
                    props={"confidence": 0.5 + n / 100, "reasons": "type, time"},
                )
            )
        length = 8 if n == 4 else 3
        about = inc.id
        for step in range(length):
            who, other = actors[(n + step) % 4], actors[(n + step + 1) % 4]
            deny = step % 2 == 1 or step == CLAIM_DEPTH  # the deepest step shown is denied
            c = Claim(
                id=f"clm_g{n:02d}_{step}",
                claimant_id=who.id,
                stance=Stance.DENY if deny else Stance.ACCUSE,
                target_id=None if deny else other.id,
                about_id=about,
                quote=f"step {step} of {n}",
                claim_time=TimeSpan.day(DAY0 + timedelta(days=step)),
            )
            nodes.append(c)
            edges += [
                Edge(type=EdgeType.ABOUT, source=c.id, target=about),
                Edge(type=EdgeType.REPORTED_IN, source=c.id, target=arts[min(step + n % 2, 7)].id),
            ]
            if deny:
                edges.append(
                    Edge(type=EdgeType.DENIES, source=who.id, target=about, props={"claim_id": c.id})
                )
            about = c.id if step < 2 or n == 4 else inc.id
    # a denial of incident 0's first accusation made ABOUT incident 7: outside incident 0's tree
    outside = Claim(
        id="clm_g_outside",
        claimant_id="act_g3",
        stance=Stance.DENY,
        about_id="inc_g07",
        quote="we deny it",
        claim_time=TimeSpan.unknown("later"),
    )
    nodes.append(outside)
    edges += [
        Edge(type=EdgeType.ABOUT, source=outside.id, target="inc_g07"),
        Edge(type=EdgeType.REPORTED_IN, source=outside.id, target="art_g5"),
        Edge(type=EdgeType.DENIES, source="act_g3", target="clm_g00_0", props={"claim_id": outside.id}),
        Edge(type=EdgeType.SAME_AS, source="inc_g05", target="inc_g03", props={"confidence": 0.9}),
    ]
    store.write_article(ArticleGraph(article=None, nodes=nodes, edges=edges, source_key="generated"))


def _reference(store: GraphStore, flt: TimelineFilter) -> list[dict[str, Any]]:
    return [r.model_dump(mode="json") for r in _reference_rows(store, flt)]


def _reference_rows(store: GraphStore, flt: TimelineFilter) -> list[TimelineRow]:
    """The rows of the plain semantics: per-id reads through one Reader, no prefetching, every model
    validated."""
    reader = Reader(store, as_of=flt.as_of)
    shown: set[str] = set()
    rows = []
    for inc in store.timeline(flt):
        if inc.id not in shown:
            group = linked_group(reader, inc)
            shown.update(m.id for m in group)
            rows.append(build_row(reader, inc, group))
    return rows


FILTERS = [
    TimelineFilter(),
    TimelineFilter(as_of=DAY0),
    TimelineFilter(as_of=DAY0 + timedelta(days=2)),
    TimelineFilter(as_of=DAY0 + timedelta(days=5)),
    TimelineFilter(as_of=date(2023, 10, 1)),
    TimelineFilter(as_of=date(2030, 1, 1)),
    TimelineFilter(since=date(2024, 2, 1), until=date(2024, 2, 5)),
]


@pytest.mark.parametrize("graph", ["mixed", "generated"])
def test_rows_from_row_facts_equal_the_plain_reads(
    store: GraphStore, seed_graph: ArticleGraph, graph: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # small chunks: linked incidents and claim trees fall in different chunks and round trips
    monkeypatch.setattr(sys.modules["queries.timeline"], "PREFETCH_CHUNK", 3)
    monkeypatch.setattr("graph.neo4j_store.ITER_CHUNK", 2)
    _build(store, seed_graph, graph)
    nonempty = 0
    # the plain reads are one round trip per lookup on Neo4j: fewer filters on the bigger graph
    for flt in FILTERS if graph == "generated" else FILTERS[::2]:
        built = list(iter_timeline(store, flt))
        # the same JSON (so the same values of the same types: an int where a float belongs dumps as
        # 1, not 1.0), and each row, built without validation, is what validating it gives
        assert [r.model_dump_json() for r in built] == [
            r.model_dump_json() for r in _reference_rows(store, flt)
        ], flt
        assert all(TimelineRow.model_validate_json(r.model_dump_json()) == r for r in built), flt
        nonempty += bool(built)
    # not vacuous: the rows show links, spreads, disputes and replies, and as_of changes them
    rows = _reference(store, TimelineFilter())
    assert any(r["linked"] for r in rows) and any("sources)" in r["killed_display"] for r in rows)
    assert any(r["disputed"] for r in rows) and any(c["replies_to"] for r in rows for c in r["claims"])
    assert nonempty >= 3 and _reference(store, FILTERS[2]) != rows
    if graph == "generated":
        deep = {c["id"]: c for r in rows for c in r["claims"] if c["id"].startswith("clm_g04_")}
        assert len(deep) == CLAIM_DEPTH and deep[f"clm_g04_{CLAIM_DEPTH - 1}"]["disputed"]
        first = next(c for r in rows for c in r["claims"] if c["id"] == "clm_g00_0")
        assert first["disputed"]  # by the denial outside its tree, named on the DENIES edge


@pytest.mark.parametrize("graph", ["mixed", "generated"])
def test_row_facts_equal_the_generic_reads(
    store: GraphStore, seed_graph: ArticleGraph, graph: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("graph.neo4j_store.ITER_CHUNK", 2)
    _build(store, seed_graph, graph)
    incidents = list(store.iter_nodes(NodeKind.INCIDENT))
    ids = [*[n.id for n in incidents][::2], "inc_missing"]
    for depth in (0, 2, CLAIM_DEPTH + 1):
        got = store.row_facts(ids, depth)
        assert got == GraphStore.row_facts(store, ids, depth), depth
        # the models the caller holds stand for what the store would read
        assert store.row_facts(ids, depth, known=incidents[::4]) == got, depth
    assert got.incidents and got.claims and got.articles and got.places and got.names
    assert "inc_missing" not in got.links


@pytest.mark.parametrize("graph", ["mixed", "generated"])
def test_iter_row_facts_gives_each_chunks_row_facts_in_order(
    store: GraphStore, seed_graph: ArticleGraph, graph: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("graph.neo4j_store.ITER_CHUNK", 2)
    _build(store, seed_graph, graph)
    incidents = [n for n in store.iter_nodes(NodeKind.INCIDENT) if isinstance(n, Incident)]
    chunks = [
        ([i.id for i in incidents[k : k + 3]], incidents[k : k + 3]) for k in range(0, len(incidents), 3)
    ]
    chunks.append((["inc_missing"], []))
    depth = CLAIM_DEPTH + 1
    assert len(chunks) > 2
    # a caller may stop after any chunk: what was read or sent ahead is dropped, and the store reads on
    expected = [store.row_facts(ids, depth) for ids, _ in chunks]
    assert list(store.iter_row_facts(chunks, depth)) == expected
    facts = store.iter_row_facts(iter(chunks), depth)
    assert next(facts) == expected[0]
    facts.close()
    assert store.row_facts(chunks[1][0], depth) == expected[1]


@pytest.mark.parametrize("graph", ["mixed", "generated"])
def test_row_facts_claims_carry_the_fields_label_and_order_of_the_claim(
    store: GraphStore, seed_graph: ArticleGraph, graph: str
) -> None:
    _build(store, seed_graph, graph)
    ids = [n.id for n in store.iter_nodes(NodeKind.INCIDENT)]
    facts = store.row_facts(ids, CLAIM_DEPTH + 1)
    assert facts.claims
    for cid, got in facts.claims.items():
        claim = store.get(cid)
        assert isinstance(claim, Claim)
        assert got == ClaimFacts(
            claim.id,
            claim.claimant_id,
            claim.target_id,
            claim.stance,
            claim.quote,
            claim.claim_time.label(),
            claim_sort_key(claim),
        )


@pytest.mark.parametrize("graph", ["mixed", "generated"])
def test_a_page_is_the_slice_of_the_whole_timeline_and_reads_only_its_incidents(
    store: GraphStore, seed_graph: ArticleGraph, graph: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # small chunks: a page ends inside a chunk, and linked incidents fold rows so that the first
    # `offset + limit` incidents make fewer rows and the page reads on
    monkeypatch.setattr(sys.modules["queries.timeline"], "PREFETCH_CHUNK", 3)
    _build(store, seed_graph, graph)
    for flt in (TimelineFilter(), TimelineFilter(as_of=DAY0 + timedelta(days=2))):
        incidents = [i.id for i in store.timeline(flt)]
        for limit in (0, 1, 2, 5, len(incidents), len(incidents) + 1):
            assert [i.id for i in store.timeline(flt, limit)] == incidents[:limit], (flt, limit)
        whole = [r.model_dump_json() for r in iter_timeline(store, flt)]
        assert len(whole) < len(incidents)  # not vacuous: linked incidents share a row
        for offset in (0, 1, 3, 4, len(whole) - 1, len(whole) + 2):
            for limit in (None, 0, 1, 2, 4, 7):
                page = iter_timeline(store, flt, offset=offset, limit=limit)
                end = None if limit is None else offset + limit
                assert [r.model_dump_json() for r in page] == whole[offset:end], (flt, offset, limit)
    # a first page reads the facts of its own incidents only, not of the whole timeline
    read: list[str] = []
    row_facts = store.row_facts

    def spy(ids: Any, depth: int, known: Any = ()) -> Any:
        read.extend(ids)
        return row_facts(ids, depth, known)

    monkeypatch.setattr(store, "row_facts", spy)
    first = store.timeline(TimelineFilter(), 2)
    assert len(list(iter_timeline(store, limit=2))) == 2
    assert set(read) <= {i.id for i in first} and len(store.timeline(TimelineFilter())) > 2


def test_a_page_size_or_offset_that_is_no_count_is_refused(store: GraphStore) -> None:
    with pytest.raises(ValidationError, match="limit -1 is not a count"):
        store.timeline(TimelineFilter(), -1)
    with pytest.raises(ValidationError, match="offset -2 is not a row number"):
        list(iter_timeline(store, offset=-2))
    with pytest.raises(ValidationError, match="limit True is not a count"):
        list(iter_timeline(store, limit=True))


def test_rows_follow_same_story_links_written_deleted_and_replayed(store: GraphStore) -> None:
    """A row counts SAME_STORY copies once; the embedded store keeps an index of those links, which
    each write path must keep current: a link written after a read, deleted, and replayed from the
    journal when the store is opened again."""
    _generated(store)

    def sources() -> dict[str, int]:
        built = list(iter_timeline(store, TimelineFilter()))
        assert [r.model_dump(mode="json") for r in built] == _reference(store, TimelineFilter())
        return {r.id: r.sources for r in built}

    before = sources()  # inc_g09 is reported in art_g2 and art_g4, no copies of each other
    assert before["inc_g09"] == 2
    copy = Edge(type=EdgeType.SAME_STORY, source="art_g4", target="art_g2")
    store.write_article(ArticleGraph(article=None, nodes=[], edges=[copy], source_key="copy"))
    after = sources()
    assert after["inc_g09"] == 1
    if isinstance(store, NetworkXStore):
        # what a process that died now leaves: the link only in the journal, replayed on opening
        assert store.path is not None
        crashed = store.path.with_name("crashed")
        shutil.copytree(store.path, crashed)
        for snapshot_too in (False, True):
            reopened = NetworkXStore(str(crashed))
            try:
                rows = {r.id: r.sources for r in iter_timeline(reopened, TimelineFilter())}
                assert rows == after, snapshot_too
            finally:
                reopened.close()  # folds the journal into the snapshot the second opening reads
    store.delete_edge(copy.id)
    assert sources() == before
