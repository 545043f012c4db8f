"""Ingest benchmark: raw parse vs end-to-end throughput, flat memory and flat per-article time at scale.

One run, on the same articles:

1. **Throughput.** On the first ``--sample`` articles of a synthetic corpus: raw ``nlp.pipe`` over their
   paragraphs (the extractor's own pipeline, ``--processes`` workers, default 2); the same parse in
   forked workers that keep their Docs, as the ingest's workers do (a stricter baseline: ``nlp.pipe``'s
   own main process tokenises and deserialises every Doc); then end-to-end ``ingest`` (read JSONL,
   extract, write, resolve, close) into a fresh embedded store, and into Neo4j when ``NEO4J_URI`` is set
   and ``--clear-neo4j`` allows the bench to empty that database first (``--warm-neo4j``: first ingest
   other articles of the same size into that server, printed as the fresh-server figure, then measure a
   server in steady state). Prints words/s, CPU seconds (main process and workers) and the ratio
   end-to-end / raw (goal: at least 0.70).
2. **Scale.** ``--articles`` (default 5,000) synthetic articles streamed into a fresh embedded store
   (``--scale-store neo4j``: into Neo4j): resident memory (this process plus its NLP workers) after
   500, 2,500 and 5,000 articles, and the time per article over the first 500 vs the last 500 (goal: at
   most 1.5x).

The synthetic corpus recombines paragraphs of the shared development corpus (``--dev``) with other
person names, weekdays, months and figures, drawn from a seeded random generator: realistic repetition,
the same corpus on every run. Nothing here asserts; it prints.

    python bench/ingest.py                      # the full run (several minutes on 2 cores)
    python bench/ingest.py --articles 1000 --sample 200
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from graph import open_store  # noqa: E402
from loaders.annotations import body_of  # noqa: E402
from loaders.pipeline import IngestReport, ingest  # noqa: E402

# ../shared beside the clone, or $CONFLICTGRAPH_SHARED (the convention of tests/conftest.py).
DEV = Path(os.environ.get("CONFLICTGRAPH_SHARED") or REPO.parent / "shared") / "dev-corpus"
DISCLAIMER = "Synthetic article written for testing; the events are invented."
GOAL_RATIO = 0.70  # end-to-end words/s over raw parse words/s (issue 3)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
FIRST = ("Amina", "Tomas", "Leila", "Jonas", "Farid", "Irena", "Kwame", "Mariam", "Pavel", "Sana", "Diego")
LAST = ("Haddad", "Novak", "Okafor", "Rahimi", "Lindqvist", "Mensah", "Petrenko", "Castillo", "Yilmaz")


# --- synthetic corpus ---------------------------------------------------------------------------


def dev_material(dev: Path) -> tuple[list[str], list[str]]:
    """Paragraphs of the dev corpus bodies and the person names their gold files list."""
    paragraphs: list[str] = []
    for path in sorted((dev / "articles").glob("*.md")):
        body = body_of(path.read_text(encoding="utf-8"))
        paragraphs += [p.strip() for p in body.split("\n\n") if p.strip() and p.strip() != DISCLAIMER]
    persons: set[str] = set()
    for path in sorted((dev / "gold").glob("*.json")):
        for actor in json.loads(path.read_text(encoding="utf-8"))["actors"]:
            if actor["kind"] == "person" and len(actor["name"].split()) >= 2:
                persons.add(actor["name"])
    return paragraphs, sorted(persons)


def synthetic_corpus(n: int, dev: Path, seed: int = 7) -> Iterator[dict[str, str]]:
    """``n`` JSONL records: 5-12 dev paragraphs each, with names, days, months and figures varied."""
    paragraphs, persons = dev_material(dev)
    rng = random.Random(seed)
    person_re = re.compile("|".join(re.escape(p) for p in sorted(persons, key=len, reverse=True)))
    day_re = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")
    month_re = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
    number_re = re.compile(r"\b\d{1,3}\b")
    for i in range(n):
        picked = [rng.choice(paragraphs) for _ in range(rng.randint(5, 12))]
        text = "\n\n".join(picked)
        text = person_re.sub(lambda m: f"{rng.choice(FIRST)} {rng.choice(LAST)}", text)
        text = day_re.sub(lambda m: rng.choice(WEEKDAYS), text)
        text = month_re.sub(lambda m: rng.choice(MONTHS), text)
        text = number_re.sub(lambda m: str(rng.randint(2, 60)), text)
        published = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        yield {"title": f"Synthetic report {i + 1}", "published": published, "text": text}


def write_jsonl(records: Iterator[dict[str, str]], path: Path) -> tuple[int, int]:
    n = words = 0
    with path.open("w", encoding="utf-8") as fh:
        for rec in records:
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
            words += len(rec["text"].split())
    return n, words


# --- measurements -------------------------------------------------------------------------------


def rss_mb() -> float:
    """Resident memory of this process and its child processes (the NLP workers), in MB."""
    me = os.getpid()
    total = _rss_kb(me)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            if ppid == me:
                total += _rss_kb(int(entry))
    return total / 1024


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class CPU:
    """CPU seconds of this process and of its finished child processes (the NLP workers, counted once
    they have exited and been reaped) since the start; wall-clock ratios are noisy on a shared machine."""

    def __init__(self) -> None:
        self.start = self._now()

    @staticmethod
    def _now() -> tuple[float, float]:
        reap_children()
        me = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime

    def lap(self) -> tuple[float, float]:
        """(main process, workers) CPU seconds since the start."""
        now = self._now()
        return now[0] - self.start[0], now[1] - self.start[1]


def server_cpu() -> float | None:
    """CPU seconds the local Neo4j server has used (its pid file under ``CONFLICTGRAPH_NEO4J_HOME``, as
    scripts/neo4j keeps it), or None when it is not known: on 2 cores the server competes with the parse
    workers, so its CPU is part of the ingest's cost."""
    home = Path(os.environ.get("CONFLICTGRAPH_NEO4J_HOME") or "/tmp/conflictgraph-neo4j")
    try:
        pid = int((home / "neo4j.pid").read_text().strip())
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, ValueError):
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def reap_children(timeout: float = 10.0) -> None:
    """Wait for exiting worker processes (spaCy terminates its workers without joining them)."""
    deadline = time.monotonic() + timeout
    while multiprocessing.active_children() and time.monotonic() < deadline:
        time.sleep(0.05)


def cpu_text(cpu: tuple[float, float]) -> str:
    return f"CPU main {cpu[0]:.1f} s + workers {cpu[1]:.1f} s = {sum(cpu):.1f} s"


def rejected_text(report: IngestReport) -> str:
    """``, N rejected (first: …)`` when the run rejected inputs: a throughput without its writes is no
    measurement."""
    if not report.rejected:
        return ""
    return f", {len(report.rejected)} rejected (first: {report.rejected[0][:200]})"


def paragraphs_of(path: Path) -> tuple[list[str], int]:
    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    return [p for t in texts for p in t.split("\n\n") if p.strip()], sum(len(t.split()) for t in texts)


def raw_parse(path: Path, n_process: int) -> tuple[float, int, tuple[float, float]]:
    """Seconds, words and CPU for ``nlp.pipe(n_process=...)`` of the extractor's own pipeline over the
    paragraphs of the corpus (the parse alone: spaCy's workers parse, this process tokenises and
    receives the Docs)."""
    from loaders.nlp import get_nlp

    nlp = get_nlp()
    paragraphs, words = paragraphs_of(path)
    cpu = CPU()
    start = time.perf_counter()
    for _ in nlp.pipe(paragraphs, n_process=n_process, batch_size=32):
        pass
    seconds = time.perf_counter() - start
    return seconds, words, cpu.lap()


def _parse_only(paragraphs: list[str]) -> int:
    from loaders.nlp import get_nlp

    return sum(len(doc) for doc in get_nlp().pipe(paragraphs))


def worker_parse(path: Path, n_process: int) -> tuple[float, int, tuple[float, float]]:
    """The same parse in forked workers that keep their Docs (how the ingest's workers parse: no Doc
    crosses a process boundary), articles handed out as the ingest does. A stricter baseline than
    ``nlp.pipe``, whose main process tokenises and deserialises every Doc."""
    from concurrent.futures import ProcessPoolExecutor

    from loaders.parallel import ARTICLES_PER_TASK

    texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8")]
    words = sum(len(t.split()) for t in texts)
    tasks = [
        [p for t in texts[i : i + ARTICLES_PER_TASK] for p in t.split("\n\n") if p.strip()]
        for i in range(0, len(texts), ARTICLES_PER_TASK)
    ]
    cpu = CPU()
    start = time.perf_counter()
    with ProcessPoolExecutor(n_process, mp_context=multiprocessing.get_context("fork")) as pool:
        for _ in pool.map(_parse_only, tasks):
            pass
    seconds = time.perf_counter() - start
    return seconds, words, cpu.lap()


def end_to_end(
    path: Path, store_url: str, n_process: int, checkpoints: tuple[int, ...] = ()
) -> dict[str, object]:
    """Ingest the JSONL file into ``store_url``; time, and memory/time at the checkpoints."""
    marks: dict[int, tuple[float, float]] = {}
    with open_store(store_url) as store:
        if store_url.startswith(("bolt", "neo4j")):
            store.clear()
        neo4j = store_url.startswith(("bolt", "neo4j"))
        server = [server_cpu() if neo4j else None] * 2
        cpu = CPU()
        start = time.perf_counter()
        last_write = [start, 0.0]

        def hook(event: str, report: IngestReport) -> None:
            if event == "write":
                last_write[:] = [time.perf_counter(), time.process_time()]
                server[1] = server_cpu() if neo4j else None
            if event == "write" and report.written in checkpoints:
                marks[report.written] = (t, mem) = (time.perf_counter() - start, rss_mb())
                print(f"  after {report.written:5d} articles: {t:7.1f} s, RSS {mem:7.1f} MB", flush=True)

        report = ingest([path], store, progress=hook, n_process=n_process)
    # Closing is timed too (the embedded store folds its journal into a snapshot on a clean close).
    end = time.perf_counter()
    resolve_cpu = time.process_time() - last_write[1]
    used = cpu.lap()
    server_end = server_cpu() if server[0] is not None else None
    server_used = 0.0
    if server[0] is not None and server[1] is not None and server_end is not None:
        server_used = server_end - server[0]
        server_text = f"; Neo4j server CPU {server_used:.1f} s ({server_end - server[1]:.1f} s resolving)"
    else:
        server_text = ""
    # The cross-article resolution pass runs once after the last write, in this process.
    return {
        "seconds": end - start,
        "report": report,
        "marks": marks,
        "resolve_seconds": end - last_write[0],
        "resolve_cpu": resolve_cpu,
        "cpu": used,
        "server": server_text,
        "server_cpu": server_used,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000, help="articles in the scale run")
    parser.add_argument("--sample", type=int, default=500, help="articles in the throughput comparison")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--clear-neo4j", action="store_true", help="allow emptying the NEO4J_URI database")
    parser.add_argument(
        "--warm-neo4j",
        action="store_true",
        help="before the measured Neo4j run, ingest another sample of the same size into the same server "
        "(printed as the fresh-server figure), so the measured run sees a server in steady state",
    )
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument(
        "--scale-store",
        choices=("nx", "neo4j"),
        default="nx",
        help="where the scale run streams: a fresh embedded store, or NEO4J_URI (needs --clear-neo4j)",
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="cg-bench-"))
    sample = work / "sample.jsonl"
    n, words = write_jsonl(synthetic_corpus(args.sample, args.dev), sample)
    print(f"corpus: {n} synthetic articles, {words} words ({work})", flush=True)

    from loaders.extract import Extractor

    Extractor()  # load the pipeline once, outside every timing
    raw_s, raw_words, raw_cpu = raw_parse(sample, args.processes)
    raw_wps = raw_words / raw_s
    print(
        f"raw nlp.pipe       {raw_wps:9.0f} words/s  ({raw_s:.1f} s, n_process={args.processes}; "
        f"{cpu_text(raw_cpu)}; {raw_words / sum(raw_cpu):.0f} words per CPU s)",
        flush=True,
    )
    wp_s, _, wp_cpu = worker_parse(sample, args.processes)
    wp_wps = words / wp_s
    print(
        f"parse in workers   {wp_wps:9.0f} words/s  ({wp_s:.1f} s, {args.processes} forked workers keeping "
        f"their Docs; {cpu_text(wp_cpu)}; {words / sum(wp_cpu):.0f} words per CPU s)",
        flush=True,
    )

    runs = [("nx ", str(work / "store-sample"), sample, words)]
    uri = os.environ.get("NEO4J_URI")
    if uri and args.clear_neo4j and args.warm_neo4j:
        # A server's first ingest also pays its JIT compiler and cold caches, about three quarters of its
        # CPU here; a long-running server has paid them. Different articles of the same size warm it, so
        # the measured run reuses no cached data.
        warm = work / "warm.jsonl"
        _, warm_words = write_jsonl(synthetic_corpus(args.sample, args.dev, seed=11), warm)
        runs.append(("neo (fresh server, warm-up articles)", uri, warm, warm_words))
        runs.append(("neo (warm server)", uri, sample, words))
    elif uri and args.clear_neo4j:
        runs.append(("neo", uri, sample, words))
    for label, url, path, n_words in runs:
        e2e = end_to_end(path, url, args.processes)
        e2e_wps = n_words / float(e2e["seconds"])  # type: ignore[arg-type]
        rep: IngestReport = e2e["report"]  # type: ignore[assignment]
        cpu: tuple[float, float] = e2e["cpu"]  # type: ignore[assignment]
        print(
            f"extract+ingest {label} {e2e_wps:9.0f} words/s  ({e2e['seconds']:.1f} s, {rep.written} written"
            f"{rejected_text(rep)})"
            f"  ratio {e2e_wps / raw_wps:.2f} (goal >= {GOAL_RATIO:.2f};"
            f" {e2e_wps / wp_wps:.2f} of the parse in workers);"
            f" resolution pass {e2e['resolve_seconds']:.1f} s of it ({e2e['resolve_cpu']:.1f} CPU s);"
            f" {cpu_text(cpu)}; {n_words / sum(cpu):.0f} words per CPU s{e2e['server']}",
            flush=True,
        )
        # Wall time is at least the CPU time of every process of the run (server included) spread over
        # the cores; the raw parse keeps every core busy on an idle machine. So there the ratio cannot
        # exceed this run's words per CPU second over the raw parse's, whatever the scheduling.
        used = sum(cpu) + float(e2e["server_cpu"])  # type: ignore[arg-type]
        raw_per_cpu = raw_words / sum(raw_cpu)
        print(
            f"  CPU bound: {used:.1f} CPU s in all ({n_words / used:.0f} words per CPU s) = "
            f"{n_words / used / raw_per_cpu:.2f} of the raw parse's {raw_per_cpu:.0f} words per CPU s, "
            f"the most the ratio can reach where the raw parse keeps all {len(os.sched_getaffinity(0))} "
            "cores busy; "
            f"{GOAL_RATIO:.2f} needs <= {n_words / (GOAL_RATIO * raw_per_cpu):.1f} CPU s",
            flush=True,
        )
    if uri and not args.clear_neo4j:
        print("neo4j: skipped; pass --clear-neo4j to let the bench empty the database at NEO4J_URI")
    elif not uri:
        print("neo4j: skipped (NEO4J_URI not set)")

    if args.skip_scale:
        return
    if args.scale_store == "neo4j" and not (uri and args.clear_neo4j):
        print("scale: skipped; --scale-store neo4j needs NEO4J_URI and --clear-neo4j")
        return
    corpus = work / "corpus.jsonl"
    n, words = write_jsonl(synthetic_corpus(args.articles, args.dev), corpus)
    where = "a fresh embedded store" if args.scale_store == "nx" else "Neo4j (emptied first)"
    print(f"scale: {n} articles, {words} words, streamed into {where}", flush=True)
    checkpoints = tuple(sorted({min(500, n), n // 2, max(n - 500, 1), n}))
    url = str(work / "store-scale") if args.scale_store == "nx" else str(uri)
    run = end_to_end(corpus, url, args.processes, checkpoints)
    marks: dict[int, tuple[float, float]] = run["marks"]  # type: ignore[assignment]
    first, last_start, last = checkpoints[0], checkpoints[-2], checkpoints[-1]
    if first in marks and last_start in marks and last in marks and last > last_start:
        early = marks[first][0] / first
        late = (marks[last][0] - marks[last_start][0]) / (last - last_start)
        print(
            f"  per article: first {first} {early * 1000:.1f} ms, last {last - last_start} "
            f"{late * 1000:.1f} ms  ratio {late / early:.2f} (goal <= 1.5)"
        )
    print(
        f"  total {run['seconds']:.1f} s, resolution pass {run['resolve_seconds']:.1f} s "
        f"({run['resolve_cpu']:.1f} CPU s); {cpu_text(run['cpu'])}{run['server']}"  # type: ignore[arg-type]
    )


if __name__ == "__main__":
    main()
