"""Write rate of the Neo4j store's batched path against a naive per-node MERGE loop, same run.

    eval "$(scripts/neo4j env)"
    python bench/store.py                       # 10k articles batched, 300 naive, on $NEO4J_URI
    python bench/store.py --articles 2000 --naive-articles 100 --skip-embedded --url bolt://127.0.0.1:7687

The synthetic corpus is realistic in shape: each article has about 5 actors and 3 locations drawn from
shared pools (so nodes recur across articles and get merged), 3 incidents, 5 claims (accusations, a
denial of one of them, statements) and about 27 edges. The batched path is ``Neo4jStore.write_many``
(read, merge in Python, then one ``UNWIND … MERGE`` per label and relationship type, many articles per
transaction). The naive path sends one MERGE statement per node and per edge, each in its own
auto-commit transaction.

The naive path is too slow to write the whole corpus, so it writes a smaller corpus of its own (same
shape, disjoint ids) in samples taken between slices of the batched run, into the same store: both
paths are timed on a store of the same size and under the same machine load, which on a shared machine
changes from minute to minute. Its rate is extrapolated to the whole corpus, as the output says.

THE BENCH EMPTIES THE TARGET STORE (every conflictgraph node and edge) before each measurement.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from functools import partial
from typing import Any

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
    Location,
    LocationKind,
    Node,
    NodeKind,
    Stance,
    TimeSpan,
    actor_id,
    article_id,
    claim_id,
    incident_id,
    location_id,
)
from graph.neo4j_store import Neo4jStore, _edge_props, _node_props
from graph.nx_store import NetworkXStore
from graph.taxonomy import IncidentType

COUNTRIES = ["AZE", "ARM", "UKR", "RUS", "SDN", "COD", "MLI", "SOM", "MMR", "COL", "HTI", "LBN", "ISR", "SYR"]
WORDS = [
    "shelling",
    "village",
    "ministry",
    "statement",
    "forces",
    "convoy",
    "border",
    "ceasefire",
    "district",
    "drone",
    "strike",
    "civilians",
    "killed",
    "wounded",
    "spokesperson",
    "denied",
    "accused",
    "reported",
    "officials",
    "militia",
    "checkpoint",
    "market",
    "hospital",
    "road",
    "bridge",
    "night",
    "morning",
    "artillery",
    "clashes",
    "talks",
    "aid",
    "corridor",
]
ACTOR_POOL = 2000
LOCATION_POOL = 3000


def _sentence(rng: random.Random, n: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def synthetic_corpus(count: int, seed: int = 7, namespace: str = "") -> list[ArticleGraph]:
    """``count`` article graphs with shared actor and location pools; deterministic for a seed. Corpora
    with different namespaces share no node or edge id."""
    rng = random.Random(seed)
    actor_keys = [
        (rng.choice(list(ActorKind)), rng.choice(COUNTRIES), f"{namespace}actor {i} {rng.choice(WORDS)}")
        for i in range(ACTOR_POOL)
    ]
    place_keys = [
        (
            rng.choice(list(LocationKind)),
            rng.choice(COUNTRIES),
            f"{namespace}place {i}",
            rng.uniform(-60, 70),
            rng.uniform(-170, 170),
        )
        for i in range(LOCATION_POOL)
    ]
    graphs: list[ArticleGraph] = []
    start = date(2020, 1, 1)
    for a in range(count):
        sentences = [_sentence(rng) for _ in range(12)]
        text = " ".join(sentences) + f" {namespace}Report {a}."
        aid = article_id(text)
        published = start + timedelta(days=a % 1500)
        offsets = [text.find(s) for s in sentences]

        def ev(
            k: int, aid: str = aid, sentences: list[str] = sentences, offsets: list[int] = offsets
        ) -> list[Evidence]:
            k %= len(sentences)
            quote = sentences[k][:40]
            return [
                Evidence(
                    article_id=aid, sentence=k, start=offsets[k], end=offsets[k] + len(quote), quote=quote
                )
            ]

        actors = []
        for i, (kind, country, name) in enumerate(rng.sample(actor_keys, 5)):
            actors.append(
                Actor(
                    id=actor_id(kind.value, country, name),
                    name=name,
                    actor_kind=kind,
                    country=country,
                    aliases=[name.split()[-1]],
                    evidence=ev(i),
                )
            )
        places = []
        for i, (lkind, country, name, lat, lon) in enumerate(rng.sample(place_keys, 3)):
            places.append(
                Location(
                    id=location_id(lkind.value, country, name),
                    name=name,
                    location_kind=lkind,
                    country=country,
                    lat=lat,
                    lon=lon,
                    evidence=ev(5 + i),
                )
            )
        incidents = []
        for i in range(3):
            day = published - timedelta(days=rng.randint(0, 10))
            span = TimeSpan.day(day, "on " + day.strftime("%A")) if i else TimeSpan.month(day.year, day.month)
            incidents.append(
                Incident(
                    id=incident_id(aid, i),
                    incident_type=rng.choice(list(IncidentType)),
                    summary=sentences[i],
                    killed=rng.choice([None, 0, 2, 5]),
                    event_time=span,
                    evidence=ev(i),
                )
            )
        stances = [Stance.ACCUSE, Stance.ACCUSE, Stance.DENY, Stance.ASSERT, Stance.ASSERT]
        claims: list[Claim] = []
        for i, stance in enumerate(stances):
            cid = claim_id(aid, i)
            about = claims[0].id if stance is Stance.DENY else incidents[i % 3].id
            claimant = actors[1] if stance is Stance.DENY else actors[i % 5]
            target = actors[(i + 1) % 5].id if stance is Stance.ACCUSE else None
            claims.append(
                Claim(
                    id=cid,
                    claimant_id=claimant.id,
                    stance=stance,
                    target_id=target,
                    about_id=about,
                    quote=sentences[6 + i],
                    claim_time=TimeSpan.day(published),
                    evidence=ev(6 + i),
                )
            )
        edges: list[Edge] = []
        for c in claims:
            assert c.claimant_id and c.about_id
            edges.append(Edge(type=EdgeType.MADE, source=c.claimant_id, target=c.id, evidence=c.evidence))
            edges.append(Edge(type=EdgeType.ABOUT, source=c.id, target=c.about_id))
            if c.stance is Stance.ACCUSE and c.target_id:
                edges.append(
                    Edge(
                        type=EdgeType.ACCUSES,
                        source=c.claimant_id,
                        target=c.target_id,
                        props={"claim_id": c.id},
                        evidence=c.evidence,
                    )
                )
            if c.stance is Stance.DENY:
                edges.append(
                    Edge(
                        type=EdgeType.DENIES,
                        source=c.claimant_id,
                        target=claims[0].id,
                        props={"claim_id": c.id},
                    )
                )
        for i, inc in enumerate(incidents):
            edges.append(
                Edge(
                    type=EdgeType.OCCURRED_NEAR,
                    source=inc.id,
                    target=places[i].id,
                    props={"distance_km": None},
                )
            )
            edges.append(
                Edge(
                    type=EdgeType.INVOLVES,
                    source=inc.id,
                    target=actors[(i + 2) % 5].id,
                    props={"role": "victim"},
                )
            )
        edges += [Edge(type=EdgeType.REPORTED_IN, source=n.id, target=aid) for n in [*incidents, *claims]]
        nodes: list[Node] = [*actors, *places, *incidents, *claims]
        article = Article(id=aid, title=sentences[0][:60], published=published, text=text)
        graphs.append(ArticleGraph(article=article, nodes=nodes, edges=edges, source_key=aid))
    return graphs


# The naive path: one statement per node and per edge, each its own auto-commit transaction.
NAIVE_NODE = {k: f"MERGE (n:{k.value} {{id: $id}}) SET n += $props" for k in NodeKind}
NAIVE_EDGE_BY_LABEL = {
    (t, s, d): f"MATCH (a:{s.value} {{id: $source}}) MATCH (b:{d.value} {{id: $target}}) "
    f"MERGE (a)-[e:{t.value} {{id: $id}}]->(b) SET e += $props"
    for t in EdgeType
    for s in NodeKind
    for d in NodeKind
}


def naive_write(store: Neo4jStore, graphs: Sequence[ArticleGraph]) -> None:
    """One MERGE per node and per edge, each in its own auto-commit transaction (labels known, so
    the endpoints are index seeks: the naive path is not handicapped by scans)."""
    with store._driver.session(database=store.database) as session:
        for g in graphs:
            nodes = [g.article, *g.nodes] if g.article else list(g.nodes)
            kinds = {n.id: n.kind for n in nodes}
            for n in nodes:
                session.run(NAIVE_NODE[n.kind], id=n.id, props=_node_props(n)).consume()
            for e in g.edges:
                query = NAIVE_EDGE_BY_LABEL[(e.type, kinds[e.source], kinds[e.target])]
                session.run(query, id=e.id, source=e.source, target=e.target, props=_edge_props(e)).consume()


def sizes(graphs: Sequence[ArticleGraph]) -> tuple[int, int]:
    nodes = sum(len(g.nodes) + (g.article is not None) for g in graphs)
    return nodes, sum(len(g.edges) for g in graphs)


def distinct(graphs: Sequence[ArticleGraph]) -> tuple[int, int]:
    nodes = {n.id for g in graphs for n in [*g.nodes, *([g.article] if g.article else [])]}
    return len(nodes), len({e.id for g in graphs for e in g.edges})


def timed(action: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    action()
    return time.perf_counter() - t0


def line(label: str, articles: int, nodes: int, edges: int, seconds: float) -> float:
    rate = articles / seconds
    print(
        f"{label:<34} {articles:>6} articles in {seconds:8.1f} s: {rate:8.1f} articles/s, "
        f"{nodes / seconds:9.0f} node writes/s, {edges / seconds:9.0f} edge writes/s"
    )
    return rate


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} {five:.1f} {fifteen:.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default=os.environ.get("NEO4J_URI"), help="bolt URL (default $NEO4J_URI)")
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--naive-articles", type=int, default=300)
    parser.add_argument(
        "--slices", type=int, default=5, help="batched slices, each followed by a naive sample (default 5)"
    )
    parser.add_argument("--skip-embedded", action="store_true", help="do not time the embedded store")
    args = parser.parse_args(argv)
    if not args.url:
        print('Error: no Neo4j URL: pass --url or run eval "$(scripts/neo4j env)"', file=sys.stderr)
        return 1
    if args.articles < 1 or args.naive_articles < 1 or not 1 <= args.slices <= args.naive_articles:
        print(
            "Error: --articles and --naive-articles must be >= 1, --slices 1..--naive-articles",
            file=sys.stderr,
        )
        return 2
    try:
        import neo4j._rust  # type: ignore[import-not-found]  # noqa: F401

        codec = "Rust (neo4j-rust-ext)"
    except ImportError:
        codec = "pure Python (pip install 'conflictgraph[speed]' for the Rust one)"
    print(f"driver codec: {codec}")
    graphs = synthetic_corpus(args.articles)
    naive_graphs = synthetic_corpus(args.naive_articles, seed=11, namespace="naive ")
    nodes, edges = sizes(graphs)
    print(
        f"synthetic corpus: {len(graphs)} articles, {nodes} node writes, {edges} edge writes "
        f"({nodes / len(graphs):.0f} nodes and {edges / len(graphs):.0f} edges per article); "
        f"naive samples: {len(naive_graphs)} articles of a corpus of the same shape with disjoint ids"
    )
    print(f"emptying the store at {args.url} before the Neo4j run", file=sys.stderr)
    print(f"start: {load()} ({os.cpu_count()} CPUs)")
    store = Neo4jStore(args.url)
    batched_s = naive_s = 0.0
    try:
        store.clear()
        for k in range(args.slices):
            part = graphs[k * len(graphs) // args.slices : (k + 1) * len(graphs) // args.slices]
            sample = naive_graphs[
                k * len(naive_graphs) // args.slices : (k + 1) * len(naive_graphs) // args.slices
            ]
            b = timed(partial(store.write_many, part))
            n = timed(partial(naive_write, store, sample))
            batched_s, naive_s = batched_s + b, naive_s + n
            print(
                f"  slice {k + 1}/{args.slices}: batched {len(part)} articles at {len(part) / b:6.1f}/s, "
                f"then naive {len(sample)} at {len(sample) / n:5.2f}/s; {load()}"
            )
        naive = line("neo4j naive (MERGE per statement)", len(naive_graphs), *sizes(naive_graphs), naive_s)
        batched = line("neo4j batched (write_many)", len(graphs), nodes, edges, batched_s)
        stats = store.stats()
        naive_nodes, naive_edges = distinct(naive_graphs)
        print(
            f"neo4j store after both runs: {stats['nodes']} nodes, {stats['edges']} edges, "
            f"{stats['sources']} sources (the naive samples wrote {naive_nodes} of the nodes and "
            f"{naive_edges} of the edges, and no source)"
        )
        store.clear()
    finally:
        store.close()
    print(f"end: {load()}")
    if not args.skip_embedded:
        embedded = NetworkXStore("memory://")
        line(
            "embedded NetworkX (memory://)",
            len(graphs),
            nodes,
            edges,
            timed(lambda: embedded.write_many(graphs)),
        )
    print(
        f"naive rate measured on {len(naive_graphs)} articles in {args.slices} samples between the batched "
        f"slices and taken as the rate for all {len(graphs)} (extrapolated: {len(graphs) / naive:.0f} s "
        "for the whole corpus)"
    )
    print(f"batched / naive: {batched / naive:.1f}x (goal: at least 20x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
