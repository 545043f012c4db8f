"""Cross-article resolution benchmark: time per article at 500 and at 5,000 synthetic articles.

A seeded synthetic corpus with realistic repetition (no NLP: the article graphs are built directly, so
the bench measures the store writes and the resolution pass only):

- about four new events a day over a span that grows with the corpus (a conflict covered for longer,
  not ten times more densely), at 300 places scattered over a 5 x 5 degree area;
- each article reports one to three events of the past week, some at month precision, some placed at a
  site within 10 km of the event instead of the event's own place, some with a compatible type
  (missile strike for shelling); two to four claims per event: an accusation (repeated from article
  to article), sometimes a denial of it, and a casualty figure that differs between sources;
- one article in ten republishes an earlier one with a few words changed (a ``SAME_STORY`` copy).

For each size: the write time and the resolution time per article, the ratio of the per-article time at
the larger size to the smaller one (goal: at most 1.5x), and a second pass (changes nothing).
Nothing here asserts; it prints.

    python bench/resolve.py                     # 500 and 5,000 articles
    python bench/resolve.py --sizes 200 1000
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graph import open_store
from graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    CasualtyFigure,
    Claim,
    Edge,
    EdgeType,
    Evidence,
    Incident,
    Location,
    LocationKind,
    Node,
    Role,
    Stance,
    TimeSpan,
    actor_id,
    article_id,
    claim_id,
    incident_id,
    location_id,
)
from graph.taxonomy import IncidentType
from loaders.resolve import resolve_store

START = date(2024, 1, 1)
EVENTS_PER_DAY = 4
TYPES = [IncidentType.SHELLING, IncidentType.AIRSTRIKE, IncidentType.ARMED_CLASH, IncidentType.BLOCKADE]
WORDS = [
    "army",
    "militia",
    "village",
    "convoy",
    "shells",
    "drone",
    "market",
    "checkpoint",
    "residents",
    "hospital",
    "officials",
    "witnesses",
    "attack",
    "killed",
    "wounded",
    "fired",
    "overnight",
    "morning",
    "border",
    "river",
    "road",
    "bridge",
    "camp",
    "displaced",
    "families",
    "ministry",
    "spokesman",
    "statement",
    "denied",
    "accused",
    "forces",
    "rebels",
    "district",
    "province",
    "police",
    "clinic",
    "school",
]


def places(rng: random.Random) -> list[Location]:
    out = []
    for i in range(300):
        lat, lon = 10 + rng.random() * 5, 30 + rng.random() * 5
        name = f"Place {i}"
        out.append(
            Location(
                id=location_id("city", "SDN", name),
                name=name,
                location_kind=LocationKind.CITY,
                country="SDN",
                lat=round(lat, 4),
                lon=round(lon, 4),
            )
        )
    return out


def actors() -> list[Actor]:
    out = []
    for i in range(20):
        name = f"Armed Group {i}"
        out.append(
            Actor(
                id=actor_id("armed_group", "SDN", name),
                name=name,
                actor_kind=ActorKind.ARMED_GROUP,
                country="SDN",
                aliases=[f"AG{i}"],
            )
        )
    return out


class Corpus:
    """Events and the articles that report them, drawn from one seeded generator."""

    def __init__(self, n_articles: int, seed: int = 5) -> None:
        self.rng = random.Random(seed)
        self.places = places(self.rng)
        self.actors = actors()
        # Coverage density is fixed (about two articles a day per event-day pair), the span grows with n.
        self.days = max(14, n_articles // 10)
        self.events = [self._event(i) for i in range(self.days * EVENTS_PER_DAY)]
        self.n = n_articles

    def _event(self, i: int) -> dict[str, object]:
        rng = self.rng
        place = rng.randrange(len(self.places))
        a, b = rng.sample(range(len(self.actors)), 2)
        return {
            "i": i,
            "day": START + timedelta(days=i // EVENTS_PER_DAY),
            "type": rng.choice(TYPES),
            "place": place,
            "accuser": a,
            "accused": b,
            "killed": rng.randrange(1, 40),
        }

    def _near(self, place: int) -> int:
        """Another place within 10 km when there is one (a site named instead of the town)."""
        p = self.places[place]
        assert p.lat is not None and p.lon is not None
        for j, q in enumerate(self.places):
            near = q.lat is not None and q.lon is not None and abs(q.lat - p.lat) < 0.08
            if j != place and near and q.lon is not None and abs(q.lon - p.lon) < 0.08:
                return j
        return place

    def articles(self) -> list[ArticleGraph]:
        rng = self.rng
        out: list[ArticleGraph] = []
        texts: list[tuple[str, date, list[dict[str, object]], int]] = []
        for k in range(self.n):
            if texts and rng.random() < 0.1:
                text, day, events, variant = rng.choice(texts)
                words = text.split()
                for _ in range(3):
                    words[rng.randrange(len(words))] = rng.choice(WORDS)
                out.append(self._graph(" ".join(words), day + timedelta(days=1), events, variant))
                continue
            day = START + timedelta(days=rng.randrange(self.days))
            first = max(0, (day - START).days - 6) * EVENTS_PER_DAY
            last = min(len(self.events), ((day - START).days + 1) * EVENTS_PER_DAY)
            pool = self.events[first:last]
            events = rng.sample(pool, min(len(pool), rng.randint(1, 3)))
            text = f"Report {k}. " + " ".join(rng.choice(WORDS) for _ in range(160))
            texts.append((text, day, events, k))
            out.append(self._graph(text, day, events, k))
        return out

    def _graph(self, text: str, day: date, events: list[dict[str, object]], variant: int) -> ArticleGraph:
        rng = random.Random(variant)
        aid = article_id(text)
        art = Article(id=aid, title=text[:40], published=day, text=text)
        nodes: list[Node] = []
        edges: list[Edge] = []
        for j, ev in enumerate(events):
            local = f"i{j}"
            iid = incident_id(aid, local)
            evday = ev["day"]
            assert isinstance(evday, date)
            span = TimeSpan.month(evday.year, evday.month) if rng.random() < 0.1 else TimeSpan.day(evday)
            place = int(str(ev["place"]))
            if rng.random() < 0.2:
                place = self._near(place)
            itype = ev["type"]
            assert isinstance(itype, IncidentType)
            if itype is IncidentType.SHELLING and rng.random() < 0.15:
                itype = IncidentType.MISSILE_STRIKE
            killed = int(str(ev["killed"])) + rng.choice([0, 0, 0, 2, 5])
            quote = text[:60]
            evidence = [Evidence(article_id=aid, start=0, end=60, quote=quote)]
            loc = self.places[place]
            nodes.append(
                Incident(
                    id=iid,
                    incident_type=itype,
                    event_time=span,
                    location_id=loc.id,
                    killed=killed,
                    figures=[CasualtyFigure(killed=killed, source=aid)],
                    evidence=evidence,
                )
            )
            nodes.append(loc)
            edges.append(Edge(type=EdgeType.OCCURRED_NEAR, source=iid, target=loc.id))
            edges.append(Edge(type=EdgeType.REPORTED_IN, source=iid, target=aid, evidence=evidence))
            accuser = self.actors[int(str(ev["accuser"]))]
            accused = self.actors[int(str(ev["accused"]))]
            nodes.extend([accuser, accused])
            acc = claim_id(aid, f"c{j}a")
            nodes.append(
                Claim(
                    id=acc,
                    claimant_id=accuser.id,
                    stance=Stance.ACCUSE,
                    target_id=accused.id,
                    about_id=iid,
                    quote=quote,
                    claim_time=TimeSpan.day(day),
                    evidence=evidence,
                )
            )
            edges += [
                Edge(type=EdgeType.MADE, source=accuser.id, target=acc, evidence=evidence),
                Edge(type=EdgeType.ABOUT, source=acc, target=iid, evidence=evidence),
                Edge(type=EdgeType.ACCUSES, source=accuser.id, target=accused.id, props={"claim_id": acc}),
                Edge(
                    type=EdgeType.INVOLVES,
                    source=iid,
                    target=accused.id,
                    props={"role": Role.ALLEGED_PERPETRATOR.value},
                ),
                Edge(type=EdgeType.REPORTED_IN, source=acc, target=aid, evidence=evidence),
            ]
            if rng.random() < 0.3:
                den = claim_id(aid, f"c{j}d")
                nodes.append(
                    Claim(
                        id=den,
                        claimant_id=accused.id,
                        stance=Stance.DENY,
                        about_id=acc,
                        quote=quote,
                        claim_time=TimeSpan.day(day),
                        evidence=evidence,
                    )
                )
                edges += [
                    Edge(type=EdgeType.MADE, source=accused.id, target=den, evidence=evidence),
                    Edge(type=EdgeType.ABOUT, source=den, target=acc, evidence=evidence),
                    Edge(type=EdgeType.DENIES, source=accused.id, target=acc, props={"claim_id": den}),
                    Edge(type=EdgeType.REPORTED_IN, source=den, target=aid, evidence=evidence),
                ]
        for a in {n.id: n for n in nodes if isinstance(n, Actor | Location)}.values():
            edges.append(Edge(type=EdgeType.REPORTED_IN, source=a.id, target=aid))
        unique = list({n.id: n for n in nodes}.values())
        deduped = list({e.id: e for e in edges}.values())
        return ArticleGraph(article=art, nodes=unique, edges=deduped, source_key=aid)


def run(n: int, store_url: str) -> dict[str, float]:
    graphs = Corpus(n).articles()
    # The whole pre-built corpus stays alive during the run (a real ingest streams it); frozen, the
    # cyclic collector does not rescan it on every collection, which would charge its size to each write.
    gc.freeze()
    store = open_store(store_url)
    if store_url.startswith(("bolt://", "neo4j://")):
        store.clear()
    t0 = time.perf_counter()
    for g in graphs:
        store.write_article(g)
    t1 = time.perf_counter()
    report = resolve_store(store)
    t2 = time.perf_counter()
    again = resolve_store(store)
    t3 = time.perf_counter()
    stats = store.stats()
    store.close()
    gc.unfreeze()
    return {
        "articles": n,
        "write_ms": (t1 - t0) / n * 1000,
        "resolve_ms": (t2 - t1) / n * 1000,
        "per_article_ms": (t2 - t0) / n * 1000,
        "second_pass_s": t3 - t2,
        "second_pass_changes": again.changed,
        "incidents_raw": sum(1 for g in graphs for x in g.nodes if isinstance(x, Incident)),
        "incidents": stats.get("Incident", 0),
        "merged": report.incidents_merged,
        "same_story": stats.get("SAME_STORY", 0),
        "claims": stats.get("Claim", 0),
        "denies": stats.get("DENIES", 0),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 5000])
    parser.add_argument("--store", default="memory://", help="store URL (a bolt:// store is emptied first)")
    args = parser.parse_args()
    run(50, "memory://")  # warm-up: imports (datasketch pulls in scipy) and caches are not per-article cost
    results = []
    for n in args.sizes:
        r = run(n, args.store)
        results.append(r)
        print(
            f"{n:>6} articles: write {r['write_ms']:.2f} ms/article, "
            f"resolve {r['resolve_ms']:.2f} ms/article, total {r['per_article_ms']:.2f} ms/article; "
            f"incidents {r['incidents_raw']} -> {r['incidents']} ({r['merged']} merged), "
            f"claims {r['claims']}, DENIES {r['denies']}, SAME_STORY {r['same_story']}; "
            f"second pass {r['second_pass_s']:.1f} s, {r['second_pass_changes']} changes",
            flush=True,
        )
    if len(results) >= 2:
        ratio = results[-1]["per_article_ms"] / results[0]["per_article_ms"]
        print(
            f"per-article time at {results[-1]['articles']} / at {results[0]['articles']}: {ratio:.2f}x "
            f"(goal <= 1.5x)"
        )
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
