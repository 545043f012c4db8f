"""Benchmark of the HTML report at scale: 10k incidents and 30k claims (synthetic, written through the
store API), the report's file size, the time to build it, and the time until the page is interactive in
headless Debian Chromium (``window.__reportReady``, set once the timeline is drawn and every control
answers). Goal: interactive in under 3 s.

    python bench/report.py                      # 10k incidents, 30k claims
    python bench/report.py --incidents 2000     # smaller run
    python bench/report.py --keep out.html      # keep the generated page

Prints one line per measurement. Needs /usr/bin/chromium, /usr/bin/chromedriver and selenium.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
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
    Stance,
    TimeSpan,
)
from graph.store import GraphStore
from graph.taxonomy import IncidentType
from queries.report import write_report

TYPES = [t for t in IncidentType if t is not IncidentType.OTHER]


def _span(rng: random.Random, day: dt.date) -> TimeSpan:
    """Mostly day-precise dates, some month, year and range dates, a few unknown: like real news."""
    r = rng.random()
    if r < 0.75:
        return TimeSpan.day(day, raw="on Tuesday")
    if r < 0.87:
        return TimeSpan.month(day.year, day.month, raw="in " + day.strftime("%B"))
    if r < 0.93:
        return TimeSpan.year(day.year, raw=f"in {day.year}")
    if r < 0.98:
        return TimeSpan.range(day - dt.timedelta(days=rng.randint(10, 200)), day, raw="for months")
    return TimeSpan.unknown(raw="some time ago")


def build_store(n_incidents: int, claims_per_incident: int, seed: int = 7) -> GraphStore:
    """Articles of 2 incidents and 2 x claims_per_incident claims each (accusation, denial,
    counter-accusation chains), over a pool of actors and places with coordinates."""
    rng = random.Random(seed)
    store = open_store("memory://")
    actors = [
        Actor(id=f"act_{i:05d}", name=f"Actor {i}", actor_kind=rng.choice(list(ActorKind)), country=None)
        for i in range(400)
    ]
    places = [
        Location(
            id=f"loc_{i:05d}",
            name=f"Place {i}",
            location_kind=LocationKind.CITY,
            lat=round(rng.uniform(-35, 60), 4),
            lon=round(rng.uniform(-20, 120), 4),
            precision_km=rng.choice([None, 1.0, 5.0, 25.0]),
        )
        for i in range(1500)
    ]
    start = dt.date(2014, 1, 1)
    per_article = 2
    n_articles = n_incidents // per_article
    prev_article: str | None = None
    for a in range(n_articles):
        day = start + dt.timedelta(days=rng.randint(0, 3650))
        text = " ".join(
            f'Actor {rng.randint(0, 399)} said "the attack on Place {rng.randint(0, 1499)} was carried '
            f'out by Actor {rng.randint(0, 399)}".'
            for _ in range(6)
        )
        art = Article(
            id=f"art_{a:06d}",
            title=f"Report {a}: clashes near Place {a % 1500}",
            url=f"https://news.example/{a}",
            outlet=f"Outlet {a % 40}",
            published=day,
            text=text,
        )
        nodes: list[Node] = []
        edges: list[Edge] = []
        used: dict[str, Node] = {}
        for k in range(per_article):
            loc = rng.choice(places)
            perp, victim = rng.sample(actors, 2)
            used.update({loc.id: loc, perp.id: perp, victim.id: victim})
            inc = Incident(
                id=f"inc_{a:06d}_{k}",
                incident_type=rng.choice(TYPES),
                summary=f"Incident {a}-{k} near {loc.name}",
                killed=rng.choice([None, 0, 1, 3, 12]),
                figures=[CasualtyFigure(killed=rng.randint(0, 20), source=art.id)],
                event_time=_span(rng, day - dt.timedelta(days=rng.randint(0, 3))),
                location_id=loc.id,
            )
            nodes.append(inc)
            edges += [
                Edge(type=EdgeType.OCCURRED_NEAR, source=inc.id, target=loc.id),
                Edge(
                    type=EdgeType.INVOLVES,
                    source=inc.id,
                    target=perp.id,
                    props={"role": "alleged_perpetrator"},
                ),
                Edge(type=EdgeType.INVOLVES, source=inc.id, target=victim.id, props={"role": "victim"}),
                Edge(type=EdgeType.REPORTED_IN, source=inc.id, target=art.id),
            ]
            parent: Claim | None = None
            for j in range(claims_per_incident):
                speaker, other = (victim, perp) if j % 2 == 0 else (perp, victim)
                stance = Stance.ACCUSE if j % 2 == 0 else Stance.DENY
                quote = text[j * 40 : j * 40 + 80]
                c = Claim(
                    id=f"clm_{a:06d}_{k}_{j}",
                    claimant_id=speaker.id,
                    stance=stance,
                    target_id=other.id if stance is Stance.ACCUSE else None,
                    about_id=inc.id if parent is None else parent.id,
                    quote=quote,
                    claim_time=_span(rng, day),
                    evidence=[
                        Evidence(
                            article_id=art.id, sentence=j, start=j * 40, end=j * 40 + len(quote), quote=quote
                        )
                    ],
                )
                nodes.append(c)
                edges += [
                    Edge(type=EdgeType.MADE, source=speaker.id, target=c.id),
                    Edge(type=EdgeType.ABOUT, source=c.id, target=c.about_id or inc.id),
                    Edge(type=EdgeType.REPORTED_IN, source=c.id, target=art.id),
                ]
                if stance is Stance.ACCUSE:
                    edges.append(
                        Edge(
                            type=EdgeType.ACCUSES,
                            source=speaker.id,
                            target=other.id,
                            props={"claim_id": c.id},
                        )
                    )
                elif parent is not None:
                    edges.append(
                        Edge(
                            type=EdgeType.DENIES,
                            source=speaker.id,
                            target=parent.id,
                            props={"claim_id": c.id},
                        )
                    )
                parent = c
        for n in used.values():
            nodes.append(n)
            edges.append(Edge(type=EdgeType.REPORTED_IN, source=n.id, target=art.id))
        # Every fifth article is a syndicated copy of the one before.
        if prev_article is not None and a % 5 == 4:
            edges.append(Edge(type=EdgeType.SAME_STORY, source=art.id, target=prev_article))
        graph = ArticleGraph(article=art, nodes=nodes, edges=edges, source_key=art.id)
        store.write_article(graph)
        prev_article = art.id
    return store


def measure_browser(page: Path, runs: int) -> list[dict[str, float]]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    out = []
    for _ in range(runs):
        profile = tempfile.mkdtemp(prefix="cg-bench-")
        opts = webdriver.ChromeOptions()
        opts.binary_location = "/usr/bin/chromium"
        for arg in (
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--window-size=1400,1000",
        ):  # fmt: skip
            opts.add_argument(arg)
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=opts)
        try:
            driver.set_page_load_timeout(120)
            # threadTicks: the durations below are CPU time, so they do not grow when other processes
            # compete for the cores (wall-clock times do; the load average is printed beside them).
            driver.execute_cdp_cmd("Performance.enable", {"timeDomain": "threadTicks"})
            driver.get(page.as_uri())
            deadline = time.monotonic() + 120
            while not driver.execute_script("return window.__reportReady === true"):
                if time.monotonic() > deadline:
                    raise SystemExit("page never became ready")
                time.sleep(0.02)
            m: dict[str, float] = {"ready_ms": driver.execute_script("return window.__reportReadyAt")}
            metrics = {
                x["name"]: x["value"] for x in driver.execute_cdp_cmd("Performance.getMetrics", {})["metrics"]
            }
            m["main_thread_cpu_ms"] = metrics["ThreadTime"] * 1000
            m["renderer_cpu_ms"] = metrics["ProcessTime"] * 1000
            m["dom_parsed_ms"] = driver.execute_script(
                "var n = performance.getEntriesByType('navigation')[0]; return n.domInteractive;"
            )
            # Interaction after ready: zooming into one week re-renders the timeline (counts -> items).
            m["zoom_ms"] = driver.execute_script(
                "var t0 = performance.now(), tl = window.__report.timeline, w = tl.getWindow();"
                "var mid = (w.start.valueOf() + w.end.valueOf()) / 2;"
                "tl.setWindow(mid - 3.5 * 864e5, mid + 3.5 * 864e5, {animation: false});"
                "tl.redraw(); return performance.now() - t0;"
            )
            for view in ("claims", "map", "sources"):
                m[f"open_{view}_ms"] = driver.execute_script(
                    "var t0 = performance.now(); window.__report.showView(arguments[0]);"
                    " return performance.now() - t0;",
                    view,
                )
            out.append(m)
        finally:
            driver.quit()
            shutil.rmtree(profile, ignore_errors=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--incidents", type=int, default=10_000)
    ap.add_argument("--claims-per-incident", type=int, default=3)
    ap.add_argument("--runs", type=int, default=3, help="browser loads to time")
    ap.add_argument("--keep", type=Path, help="write the page here and keep it")
    args = ap.parse_args()

    t0 = time.perf_counter()
    store = build_store(args.incidents, args.claims_per_incident)
    stats = store.stats()
    print(
        f"store: {stats.get('Incident', 0)} incidents, {stats.get('Claim', 0)} claims, "
        f"{stats.get('Article', 0)} articles, {stats['edges']} edges in {time.perf_counter() - t0:.1f} s"
    )
    out = args.keep or Path(tempfile.mkdtemp(prefix="cg-report-")) / "report.html"
    t0 = time.perf_counter()
    size = write_report(store, out)
    print(f"build: {time.perf_counter() - t0:.1f} s, file size {size / 1e6:.1f} MB ({out})")
    print(f"load average before the browser runs: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    results = measure_browser(out, args.runs)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    for key in results[0]:
        values = sorted(r[key] for r in results)
        print(
            f"{key}: median {values[len(values) // 2]:.0f} ms (runs: {', '.join(f'{v:.0f}' for v in values)})"
        )
    ready = sorted(r["ready_ms"] for r in results)[len(results) // 2]
    cpu = sorted(r["renderer_cpu_ms"] for r in results)[len(results) // 2]
    print(
        f"goal interactive < 3000 ms: wall clock {'met' if ready < 3000 else 'NOT met'} ({ready:.0f} ms); "
        f"renderer CPU time until ready {cpu:.0f} ms (what an idle machine's wall clock approaches)"
    )


if __name__ == "__main__":
    main()
