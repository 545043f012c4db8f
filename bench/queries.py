"""Query latency and export memory on a synthetic conflict graph, on both stores.

    python bench/queries.py                    # full scale: 100k incidents, ~300k claims, 20k actors
    python bench/queries.py --scale 0.05       # 5k incidents, ~15k claims, 1k actors
    NEO4J_URI=bolt://127.0.0.1:7687 python bench/queries.py --neo4j-scale 0.02
    NEO4J_URI=bolt://127.0.0.1:7721 python bench/queries.py --skip-embedded --skip-export --reuse \
        --neo4j-load copy

``--reuse`` keeps the Neo4j graph after the run and, on the next run, measures the graph already
there when it is the one this scale builds (its last article is in the ledger and the incident count
matches) instead of clearing and writing it again: building full scale in Neo4j takes long. Use it
only on a Neo4j of your own (the bench clears the database it is given), started with enough memory,
e.g. ``NEO4J_HEAP=2g NEO4J_PAGECACHE=2g scripts/neo4j start`` with its own CONFLICTGRAPH_NEO4J_HOME
and NEO4J_PORT. ``--neo4j-load copy`` builds the Neo4j graph from the same graph merged in an
embedded store, through the Neo4j store's own node statements and property mapping (see
``copy_to_neo4j``): the same content as ``write_many`` stores (tests/conformance/test_bench_copy.py
compares the two), several times faster.

The graph is written through the same store API as real data (``write_article``, or ``write_many``
on Neo4j): articles of 10 incidents, each with an accusation, a denial and a counter-accusation, and
every 20th incident with a chain three claims longer (six steps in all). Prints p50/p95 latencies of
the timeline (actor filter, radius filter, date range) at three levels, the store's matching incidents
(``GraphStore.timeline``), the full rows a user gets (``queries.timeline``: claims, sources,
figures, actors) and the first page of those rows (``queries.timeline(..., limit=PAGE_ROWS)``, what
``conflictgraph timeline --limit 50`` prints), each against the goal with a summary line per level,
and of depth-6 claim chains, then the export memory at two graph sizes (peak RSS above the
pre-export RSS, sampled every 5 ms). Figures are printed, never asserted: timing belongs here, not in tests.
"""

from __future__ import annotations

import argparse
import calendar
import gc
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

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
    Node,
    NodeKind,
    Role,
    Stance,
    TimeSpan,
)
from graph.neo4j_store import Neo4jStore
from graph.store import GraphStore, TimelineFilter
from graph.taxonomy import IncidentType

FULL_INCIDENTS = 100_000
FULL_ACTORS = 20_000
INCIDENTS_PER_ARTICLE = 10
LOCATIONS = 2_000
GOALS_MS = {
    ("timeline", "neo4j"): 50.0,
    ("timeline", "embedded"): 200.0,
    ("chain", "neo4j"): 20.0,
}
TYPES = [t for t in IncidentType if t is not IncidentType.OTHER]
# Rows in a first page of the timeline (`conflictgraph timeline --limit 50`): about a terminal screen.
PAGE_ROWS = 50


def _span(rng: random.Random) -> TimeSpan:
    year = rng.randint(2015, 2025)
    month = rng.randint(1, 12)
    roll = rng.random()
    if roll < 0.7:
        return TimeSpan.day(date(year, month, rng.randint(1, calendar.monthrange(year, month)[1])))
    if roll < 0.85:
        return TimeSpan.month(year, month)
    if roll < 0.95:
        return TimeSpan.year(year)
    return TimeSpan.unknown("some time ago")


class Synthetic:
    """A deterministic synthetic conflict graph, produced one article at a time."""

    def __init__(self, scale: float, seed: int = 7) -> None:
        self.incidents = max(INCIDENTS_PER_ARTICLE, int(FULL_INCIDENTS * scale))
        self.n_actors = max(40, int(FULL_ACTORS * scale))
        self.rng = random.Random(seed)
        rng = self.rng
        # States (every 10th actor) own the bodies after them: PART_OF gives include_parts work to do.
        self.actors: list[Actor] = []
        for i in range(self.n_actors):
            if i % 10 == 0:
                a = Actor(
                    id=f"act_{i:06d}", name=f"State {i}", actor_kind=ActorKind.STATE, aliases=[f"Capital {i}"]
                )
            else:
                parent = f"act_{i - i % 10:06d}"
                a = Actor(
                    id=f"act_{i:06d}",
                    name=f"Body {i}",
                    actor_kind=ActorKind.GOVERNMENT_BODY,
                    parent_id=parent,
                )
            self.actors.append(a)
        # Cities scattered over a 10x10 degree box: a 25 km radius catches a few of them.
        self.locations = [
            Location(
                id=f"loc_{i:05d}",
                name=f"City {i}",
                location_kind=LocationKind.CITY,
                lat=round(30 + rng.random() * 10, 5),
                lon=round(30 + rng.random() * 10, 5),
            )
            for i in range(LOCATIONS)
        ]

    @property
    def long_chain_roots(self) -> list[str]:
        """The first claim of every six-step chain (every 20th incident), as :meth:`articles` writes
        them; known without generating the graph, so a reused store can be measured."""
        n_incidents = self.incidents // INCIDENTS_PER_ARTICLE * INCIDENTS_PER_ARTICLE
        return [f"clm_{n:07d}_0" for n in range(0, n_incidents, 20)]

    def source_keys(self) -> list[str]:
        return [f"art_{a_no:06d}" for a_no in range(self.incidents // INCIDENTS_PER_ARTICLE)]

    def last_source_key(self) -> str:
        return self.source_keys()[-1]

    def articles(self) -> Iterator[ArticleGraph]:
        rng = self.rng
        n_articles = self.incidents // INCIDENTS_PER_ARTICLE
        for a_no in range(n_articles):
            art = Article(
                id=f"art_{a_no:06d}",
                title=f"Report {a_no}",
                outlet=f"Outlet {a_no % 50}",
                published=date(2025, 12, 31),
            )
            nodes: dict[str, Node] = {}
            edges: list[Edge] = []
            for k in range(INCIDENTS_PER_ARTICLE):
                n = a_no * INCIDENTS_PER_ARTICLE + k
                accuser, accused = rng.sample(self.actors, 2)
                loc = self.locations[rng.randrange(LOCATIONS)]
                inc = Incident(
                    id=f"inc_{n:07d}",
                    incident_type=TYPES[n % len(TYPES)],
                    summary=f"Incident {n}",
                    killed=rng.choice([None, 0, 1, 2, 5]),
                    event_time=_span(rng),
                    location_id=loc.id,
                )
                for node in (accuser, accused, loc, inc):
                    nodes[node.id] = node
                for parent_id in (accuser.parent_id, accused.parent_id):
                    if parent_id:
                        parent = self.actors[int(parent_id[4:])]
                        nodes[parent.id] = parent
                edges += [
                    Edge(type=EdgeType.OCCURRED_NEAR, source=inc.id, target=loc.id),
                    Edge(
                        type=EdgeType.INVOLVES,
                        source=inc.id,
                        target=accused.id,
                        props={"role": Role.ALLEGED_PERPETRATOR.value},
                    ),
                    Edge(type=EdgeType.REPORTED_IN, source=inc.id, target=art.id),
                ]
                # accusation -> denial -> counter-accusation (-> denial -> counter -> denial): the
                # denier answers with an accusation against the accuser, as the seed's chain does.
                length = 6 if n % 20 == 0 else 3
                a_side, b_side = accuser, accused
                speakers = [a_side, b_side, b_side, a_side, a_side, b_side]
                prev: Claim | None = None
                day = inc.event_time.start or date(2024, 1, 1)
                for step in range(length):
                    who = speakers[step]
                    other = b_side if who is a_side else a_side
                    if step % 2 == 1:
                        assert prev is not None
                        stance, target, about = Stance.DENY, None, prev.id
                    else:
                        stance, target, about = Stance.ACCUSE, other.id, inc.id
                    c = Claim(
                        id=f"clm_{n:07d}_{step}",
                        claimant_id=who.id,
                        stance=stance,
                        target_id=target,
                        about_id=about,
                        quote=f"claim {step} about incident {n}",
                        claim_time=TimeSpan.day(day),
                    )
                    nodes[c.id] = c
                    edges += [
                        Edge(type=EdgeType.MADE, source=who.id, target=c.id),
                        Edge(type=EdgeType.ABOUT, source=c.id, target=about),
                        Edge(type=EdgeType.REPORTED_IN, source=c.id, target=art.id),
                    ]
                    if stance is Stance.ACCUSE and target:
                        edges.append(
                            Edge(
                                type=EdgeType.ACCUSES, source=who.id, target=target, props={"claim_id": c.id}
                            )
                        )
                    else:
                        edges.append(
                            Edge(type=EdgeType.DENIES, source=who.id, target=about, props={"claim_id": c.id})
                        )
                    prev = c
            for known in list(nodes.values()):
                if isinstance(known, Actor) and known.parent_id:
                    edges.append(Edge(type=EdgeType.PART_OF, source=known.id, target=known.parent_id))
                if isinstance(known, Actor | Location):
                    edges.append(Edge(type=EdgeType.REPORTED_IN, source=known.id, target=art.id))
            yield ArticleGraph(article=art, nodes=list(nodes.values()), edges=edges, source_key=art.id)


def build(store: GraphStore, scale: float, batch: int = 50, resume: bool = False) -> Synthetic:
    """Write the synthetic graph of ``scale``; with ``resume``, skip the articles already in the
    store's ledger (an interrupted build goes on where it stopped)."""
    syn = Synthetic(scale)
    started = time.perf_counter()
    pending: list[ArticleGraph] = []
    for i, g in enumerate(syn.articles(), 1):
        if resume and g.source_key and store.has_source(g.source_key):
            continue
        pending.append(g)
        if len(pending) >= batch:
            store.write_many(pending)
            pending = []
        if i % 500 == 0:
            print(f"  wrote {i} articles ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    if pending:
        store.write_many(pending)
    took = time.perf_counter() - started
    stats = store.stats()
    print(
        f"  built {stats.get('Incident', 0)} incidents, {stats.get('Claim', 0)} claims, "
        f"{stats.get('Actor', 0)} actors, {stats['nodes']} nodes, {stats['edges']} edges in {took:.0f} s",
        file=sys.stderr,
    )
    return syn


def copy_to_neo4j(source: GraphStore, neo: Neo4jStore, source_keys: list[str], batch: int = 5000) -> None:
    """Load an empty ``neo`` with what ``source`` holds, with the Neo4j store's own node upserts and
    property mappings: the same nodes, relationships, properties and ledger that ``write_many`` of
    the same article graphs stores, without its per-batch read-and-merge round trips (at full scale
    those take hours on a shared 2-core machine). The graphs were already merged, by ``source``, so
    edges are created, not merged. An interrupted copy resumes: node kinds already complete are
    skipped, and edges are deleted and created again."""
    from graph import cypher
    from graph.neo4j_store import _edge_props, _node_props

    started = time.perf_counter()
    stats = neo.stats()
    kinds: dict[str, NodeKind] = {}
    for kind in NodeKind:
        nodes = list(source.iter_nodes(kind))
        kinds.update((n.id, kind) for n in nodes)
        if stats.get(kind.value, 0) == len(nodes):
            continue
        for start in range(0, len(nodes), batch):
            rows = [{"id": n.id, "props": _node_props(n)} for n in nodes[start : start + batch]]
            neo._write(cypher.NODE_UPSERT[kind], rows=rows)
        print(f"  copied {kind.value} nodes ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    if any(stats.get(t.value, 0) for t in EdgeType):
        types = "|".join(t.value for t in EdgeType)
        with neo._session() as session:
            session.run(
                f"MATCH ()-[e:{types}]->() CALL (e) {{ DELETE e }} IN TRANSACTIONS OF 10000 ROWS"
            ).consume()
    groups: dict[tuple[EdgeType, NodeKind, NodeKind], list[dict[str, object]]] = defaultdict(list)

    def flush(key: tuple[EdgeType, NodeKind, NodeKind]) -> None:
        etype, src, dst = key
        neo._write(
            f"UNWIND $rows AS r MATCH (a:{src.value} {{id: r.source}}) "
            f"MATCH (b:{dst.value} {{id: r.target}}) "
            f"CREATE (a)-[e:{etype.value}]->(b) SET e = r.props, e.id = r.id",
            rows=groups.pop(key),
        )

    for copied, edge in enumerate(source.iter_edges(), 1):
        key = (edge.type, kinds[edge.source], kinds[edge.target])
        groups[key].append(
            {"id": edge.id, "source": edge.source, "target": edge.target, "props": _edge_props(edge)}
        )
        if len(groups[key]) >= batch:
            flush(key)
        if copied % 200_000 == 0:
            print(f"  copied {copied} edges ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    for key in list(groups):
        flush(key)
    print(f"  copied edges ({time.perf_counter() - started:.0f} s)", file=sys.stderr)
    for start in range(0, len(source_keys), batch):
        neo._write(cypher.LEDGER_ADD, keys=source_keys[start : start + batch])


def reusable(store: GraphStore, syn: Synthetic) -> bool:
    """The store holds the whole graph ``syn`` builds: its last article and its incident count."""
    return store.has_source(syn.last_source_key()) and store.stats().get("Incident", 0) == (
        syn.incidents // INCIDENTS_PER_ARTICLE * INCIDENTS_PER_ARTICLE
    )


def measure(fn: Callable[[], object], runs: int) -> tuple[float, float, object, str]:
    """p50 and p95 wall-clock ms, the last result, and the p50 and p95 CPU ms of this process per call
    (as printed): on a shared machine the wall clock includes waiting for a core, the CPU time of the
    calling process much less so (a Neo4j server's own work is in the wall clock only)."""
    fn()  # warm-up (query plans, caches)
    times = []
    cpu = []
    result: object = None
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000)
    times.sort()
    cpu.sort()
    at95 = min(len(times) - 1, round(0.95 * (len(times) - 1)))
    return statistics.median(times), times[at95], result, f"{statistics.median(cpu):6.1f}/{cpu[at95]:.1f}"


def latency(store: GraphStore, syn: Synthetic, label: str, runs: int) -> list[str]:
    from queries import chain, timeline

    rng = random.Random(11)
    lines = []
    actor_names = [a.name for a in rng.sample(syn.actors, min(runs + 1, len(syn.actors)))]
    places = [loc.name for loc in rng.sample(syn.locations, runs + 1)]
    months = [(rng.randint(2015, 2025), rng.randint(1, 12)) for _ in range(runs + 1)]
    it_actor, it_place, it_month = iter(actor_names * 2), iter(places * 2), iter(months * 2)

    def by_actor() -> int:
        return len(store.timeline(TimelineFilter(actor=next(it_actor))))

    def by_radius() -> int:
        return len(store.timeline(TimelineFilter(location=next(it_place), within_km=25)))

    def month_bounds() -> tuple[date, date]:
        y, m = next(it_month)
        return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])

    def by_month() -> int:
        since, until = month_bounds()
        return len(store.timeline(TimelineFilter(since=since, until=until)))

    # The rows a user gets (``queries.timeline``: claims, sources, figures), for the same filters.
    def rows_by_actor() -> int:
        return len(timeline(store, actor=next(it_actor)))

    def rows_by_radius() -> int:
        return len(timeline(store, location=next(it_place), within_km=25))

    def rows_by_month() -> int:
        since, until = month_bounds()
        return len(timeline(store, since=since, until=until))

    # The first page of those rows (queries.timeline with a limit: what `conflictgraph timeline --limit`
    # prints and an interactive reader sees first).
    def page_by_actor() -> int:
        return len(timeline(store, actor=next(it_actor), limit=PAGE_ROWS))

    def page_by_radius() -> int:
        return len(timeline(store, location=next(it_place), within_km=25, limit=PAGE_ROWS))

    def page_by_month() -> int:
        since, until = month_bounds()
        return len(timeline(store, since=since, until=until, limit=PAGE_ROWS))

    # Three figures per filter: the store's timeline (the matching incidents, GraphStore.timeline),
    # all the rows a user gets (queries.timeline: what `conflictgraph timeline` prints), and their
    # first page (the first PAGE_ROWS rows). The goal is read against each, and the summary says
    # which meet it.
    goal = GOALS_MS.get(("timeline", label))
    met: dict[str, list[str]] = {"store": [], "rows": [], "page": []}
    missed: dict[str, list[str]] = {"store": [], "rows": [], "page": []}
    for level, name, fn in (
        ("store", "actor filter", by_actor),
        ("store", "radius 25 km", by_radius),
        ("store", "date range (1 month)", by_month),
        ("rows", "actor filter", rows_by_actor),
        ("rows", "radius 25 km", rows_by_radius),
        ("rows", "date range (1 month)", rows_by_month),
        ("page", "actor filter", page_by_actor),
        ("page", "radius 25 km", page_by_radius),
        ("page", "date range (1 month)", page_by_month),
    ):
        if level != "store":  # the same names, places and months as the store-level calls
            it_actor, it_place, it_month = iter(actor_names * 2), iter(places * 2), iter(months * 2)
        p50, p95, n, cpu = measure(fn, runs)
        verdict = ""
        if goal is not None:
            (met if p95 <= goal else missed)[level].append(name)
            verdict = "  meets goal" if p95 <= goal else f"  MISSES goal {goal:.0f} ms"
        what = "incidents" if level == "store" else "rows"
        lines.append(
            f"{label:9} timeline {level:5} {name:20} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  "
            f"cpu p50/p95 {cpu} ms  ({n} {what}){verdict}"
        )
    if goal is not None:
        for level, meaning in (
            ("store", "store-level (GraphStore.timeline: the incidents only)"),
            ("rows", "full rows (queries.timeline: claims, sources, figures, actors)"),
            (
                "page",
                f"first page (queries.timeline with limit={PAGE_ROWS}: the same rows, the first {PAGE_ROWS})",
            ),
        ):
            summary = f"{len(met[level])} of 3 filters meet it"
            if missed[level]:
                summary += f"; misses: {', '.join(missed[level])}"
            lines.append(f"{label:9} timeline goal p95 <= {goal:.0f} ms, {meaning}: {summary}")

    roots = syn.long_chain_roots
    it_root = iter((roots * (2 * runs // max(1, len(roots)) + 2))[: 2 * runs + 2])

    def chain6() -> int:
        return len(store.claim_chain(next(it_root), max_depth=6))

    goal = GOALS_MS.get(("chain", label))
    p50, p95, n, cpu = measure(chain6, runs)
    verdict = "" if goal is None else ("  meets goal" if p95 <= goal else f"  MISSES goal {goal:.0f} ms")
    lines.append(
        f"{label:9} claim chain depth 6 (store)     p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  "
        f"cpu p50/p95 {cpu} ms  ({n} steps){verdict}"
    )
    it_root2 = iter((roots * (2 * runs // max(1, len(roots)) + 2))[: 2 * runs + 2])

    def chain6_rows() -> int:
        return len(list(chain(store, claim_id=next(it_root2), max_depth=6).walk()))

    p50, p95, n, cpu = measure(chain6_rows, runs)
    lines.append(
        f"{label:9} claim chain depth 6 (rows)      p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  "
        f"cpu p50/p95 {cpu} ms  ({n} steps)"
    )
    return lines


def _rss_kib() -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def export_peak_kib(store: GraphStore, fmt: str) -> tuple[int, float, int]:
    """Peak RSS above the RSS before the export (KiB), seconds, bytes written."""
    from queries.export import write_export

    base = _rss_kib()
    peak = base
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _rss_kib())
            time.sleep(0.005)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        if fmt == "csv":
            write_export(store, fmt, directory=Path(tmp))
            size = sum(p.stat().st_size for p in Path(tmp).iterdir())
        else:
            path = Path(tmp) / f"out.{fmt}"
            with open(path, "w", encoding="utf-8") as fh:
                write_export(store, fmt, fh)
            size = path.stat().st_size
    took = time.perf_counter() - t0
    stop.set()
    sampler.join()
    return peak - base, took, size


def export_memory(scale: float, formats: list[str]) -> list[str]:
    """Export at two sizes (scale/2 and scale) in fresh embedded stores."""
    from graph.nx_store import NetworkXStore

    lines = []
    for s in (scale / 2, scale):
        store = NetworkXStore("memory://")
        build(store, s)
        nodes = store.stats()["nodes"]
        for fmt in formats:
            extra, took, size = export_peak_kib(store, fmt)
            lines.append(
                f"export {fmt:12} graph {nodes:8d} nodes: +{extra / 1024:7.1f} MiB peak RSS over the "
                f"pre-export RSS, {took:6.1f} s, {size / 1e6:8.1f} MB written"
            )
        del store
    return lines


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scale", type=float, default=1.0, help="embedded store: 1.0 = 100k incidents")
    p.add_argument("--neo4j-scale", type=float, default=None, help="Neo4j graph scale (default: --scale)")
    p.add_argument("--runs", type=int, default=30, help="timed runs per query")
    p.add_argument("--export-scale", type=float, default=None, help="larger of the two export sizes")
    p.add_argument("--formats", default="json,gexf,csv", help="export formats to measure")
    p.add_argument("--skip-export", action="store_true")
    p.add_argument("--skip-embedded", action="store_true", help="measure Neo4j only")
    p.add_argument(
        "--reuse",
        action="store_true",
        help="Neo4j: measure the graph already there if it is this scale's, and keep it afterwards",
    )
    p.add_argument(
        "--neo4j-batch", type=int, default=1000, help="article graphs per write_many call on Neo4j"
    )
    p.add_argument(
        "--neo4j-load",
        choices=("write_many", "copy"),
        default="write_many",
        help="build the Neo4j graph with write_many (default), or by copying the same graph merged in "
        "an embedded store through the Neo4j store's upsert statements (much faster)",
    )
    args = p.parse_args()

    from graph.nx_store import NetworkXStore

    out: list[str] = [
        f"bench/queries.py --scale {args.scale} (1.0 = 100k incidents, ~300k claims, 20k actors)"
    ]
    if not args.skip_embedded:
        print("building the embedded store ...", file=sys.stderr)
        emb = NetworkXStore("memory://")
        syn = build(emb, args.scale)
        out += latency(emb, syn, "embedded", args.runs)
        del emb

    url = os.environ.get("NEO4J_URI")
    if url:
        nscale = args.neo4j_scale if args.neo4j_scale is not None else args.scale
        neo = Neo4jStore(url)
        nsyn = Synthetic(nscale)
        if args.reuse and reusable(neo, nsyn):
            print(f"reusing the Neo4j graph at scale {nscale}", file=sys.stderr)
            how = "reused"
        else:
            if args.neo4j_load == "copy":
                print(f"building Neo4j at scale {nscale} by copy ...", file=sys.stderr)
                # The ledger is copied last: nodes without it are an interrupted copy, to resume.
                interrupted_copy = not neo.has_source("art_000000") and neo.stats()["nodes"] > 0
                if not (args.reuse and interrupted_copy):
                    neo.clear()
                staging = NetworkXStore("memory://")
                nsyn = build(staging, nscale)
                copy_to_neo4j(staging, neo, nsyn.source_keys())
                del staging
            else:
                # A partial graph of this scale (an interrupted --reuse build) is completed, not redone.
                resume = args.reuse and neo.has_source("art_000000")
                print(f"building Neo4j at scale {nscale} (resume: {resume}) ...", file=sys.stderr)
                if not resume:
                    neo.clear()
                nsyn = build(neo, nscale, batch=args.neo4j_batch, resume=resume)
            how = f"built by {args.neo4j_load}"
        stats = neo.stats()
        out.append(
            f"neo4j graph scale {nscale} ({how}): {stats.get('Incident', 0)} incidents, "
            f"{stats.get('Claim', 0)} claims, {stats.get('Actor', 0)} actors"
        )
        # The bench's own objects (the synthetic graph's 20k actors and 2k places, a staging store) are
        # no part of a Neo4j client's heap; frozen, the collector's full passes during the timed calls
        # cover only what the calls allocate, as in a process that holds no graph.
        gc.collect()
        gc.freeze()
        load_before = os.getloadavg()[0]
        out += latency(neo, nsyn, "neo4j", args.runs)
        out.append(f"neo4j     load average (1 min) {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")
        gc.unfreeze()
        if not args.reuse:
            neo.clear()
        neo.close()
    else:
        out.append("neo4j: skipped (set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD)")

    if not args.skip_export:
        out += export_memory(args.export_scale or args.scale, args.formats.split(","))
    print("\n".join(out))


if __name__ == "__main__":
    main()
