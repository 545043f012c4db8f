"""Crash safety: ``conflictgraph ingest`` killed with SIGKILL at random points, then re-run to the end,
leaves exactly the graph of an uninterrupted run (same stats, same JSON export), on both stores.

Kill points are random but reproducible (seeded): each kill waits until the store's ledger has
reached a random number of committed articles, then a random few milliseconds more, so the signal
lands inside the writing of some later article. A kill that finds the process already finished is a
test failure, not a silent pass.

Also: SIGKILL while the embedded store writes its snapshot leaves the previous good state.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from _rel import LOCAL_ARTICLES, LOCAL_GOLD, REPO, cli, export_json, gold_corpus

from graph.model import ArticleGraph
from graph.nx_store import JOURNAL, JOURNAL_DELETE_PREFIX, SNAPSHOT, NetworkXStore
from graph.store import GraphStore
from loaders.annotations import load_annotation

SEED = 20241126
KILLS = 3
# Committed articles per kill: the poll gives up (and fails the test) after this long without progress.
STALL_SECONDS = 240.0


def _journal_commits(store_dir: Path) -> int:
    """Complete article lines of the journal = committed articles (the embedded store only compacts on
    close). The closing resolution pass journals its deletions too; those lines are not articles."""
    try:
        lines = (store_dir / JOURNAL).read_bytes().split(b"\n")[:-1]
    except FileNotFoundError:
        return 0
    return sum(1 for line in lines if not line.startswith(JOURNAL_DELETE_PREFIX))


def _kill_at_random_points(
    argv: list[str],
    committed: Callable[[], int],
    total: int,
    rng: random.Random,
    workdir: Path,
    kills: int = KILLS,
) -> list[int]:
    """Run ``conflictgraph ARGV`` ``kills`` times, SIGKILLing each run at a random point after it
    committed at least one more article; returns the committed count seen after each kill."""
    after: list[int] = []
    targets = sorted(rng.sample(range(1, total - 1), kills))
    for k in range(kills):
        before = committed()
        target = max(targets[k], before + 1)
        if k > 0 and target > total - 2:
            # The previous kill landed late (a writer commits every task that finished while it wrote,
            # so the count can jump to the end): no article is left to kill inside. The resume check
            # then covers a kill in the last writes or in the closing resolution pass.
            break
        assert target <= total - 2, f"too few articles left ({total - before}) for kill {k + 1}"
        extra = rng.uniform(0.0, 0.05)
        err_path = workdir / f"kill{k}.err"
        with open(workdir / f"kill{k}.out", "wb") as out, open(err_path, "wb") as err:
            proc = subprocess.Popen([sys.executable, "-m", "conflictgraph", *argv], stdout=out, stderr=err)
            try:
                last, last_change = before, time.monotonic()
                while (now := committed()) < target:
                    if proc.poll() is not None:
                        pytest.fail(
                            f"ingest ended (exit {proc.returncode}) before kill {k + 1} at {now}/{target}: "
                            f"{err_path.read_text(errors='replace')[-2000:]}"
                        )
                    if now != last:
                        last, last_change = now, time.monotonic()
                    assert time.monotonic() - last_change < STALL_SECONDS, f"no progress at {now}/{target}"
                    time.sleep(0.01)
                time.sleep(extra)
                assert proc.poll() is None, f"ingest finished before kill {k + 1}; pick a larger corpus"
                proc.send_signal(signal.SIGKILL)
            finally:
                proc.kill()
                proc.wait()
        assert proc.returncode == -signal.SIGKILL
        seen = committed()
        assert seen >= target, f"kill {k + 1}: the store lost committed articles ({seen} < {target})"
        after.append(seen)
    return after


def _resume_and_check(
    argv: list[str], store: str, total: int, committed_before: int, reference: dict[str, object]
) -> dict[str, object]:
    done = cli(*argv)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    # nothing doubled: exactly the articles not yet committed were written, the others skipped
    assert (summary["read"], summary["skipped"], summary["written"]) == (
        total,
        committed_before,
        total - committed_before,
    )
    assert summary["rejected"] == []
    got = export_json(store)
    assert got["nodes"] == reference["nodes"]
    assert got["edges"] == reference["edges"]
    assert got == reference
    return summary


@pytest.fixture(scope="module")
def gold_reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], dict[str, object], dict]:
    """An uninterrupted ingest of the whole gold corpus into a fresh embedded store."""
    files = gold_corpus()
    store = str(tmp_path_factory.mktemp("reference") / "store")
    done = cli("ingest", *map(str, files), "--format", "annotations", "--store", store)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["written"] == len(files) >= 25
    return files, export_json(store), summary["store"]


def test_embedded_store_survives_sigkill_and_resumes(
    gold_reference: tuple[list[Path], dict[str, object], dict], tmp_path: Path
) -> None:
    files, reference, ref_stats = gold_reference
    store_dir = tmp_path / "store"
    argv = ["ingest", *map(str, files), "--format", "annotations", "--store", str(store_dir)]
    rng = random.Random(SEED)
    after = _kill_at_random_points(argv, lambda: _journal_commits(store_dir), len(files), rng, tmp_path)
    # On a fast machine the last kill can land after the final article, during the closing
    # resolution pass: resuming must then finish that pass, which the export check below covers.
    assert after == sorted(after) and 0 < after[-1] <= len(files)
    # the store opens after the kills and holds exactly the committed articles
    s = NetworkXStore(str(store_dir))
    try:
        assert s.stats()["sources"] == after[-1]
    finally:
        s.close()
    summary = _resume_and_check(argv, str(store_dir), len(files), after[-1], reference)
    assert summary["store"] == ref_stats
    print(f"\n[kill-resume embedded] {len(after)} SIGKILLs survived, committed: {after}/{len(files)}")


NEO4J_ARTICLES = 16


@pytest.mark.neo4j
def test_neo4j_store_survives_sigkill_and_resumes(
    gold_reference: tuple[list[Path], dict[str, object], dict],
    neo4j_store: GraphStore,
    neo4j_url: str,
    tmp_path: Path,
) -> None:
    """Same on Neo4j, with a smaller corpus (a Neo4j write is slower). The uninterrupted run it is
    compared with is the embedded store's: both stores export the same graph for the same input."""
    files = sorted(LOCAL_GOLD.glob("*.json"))[:NEO4J_ARTICLES]
    ref_dir = tmp_path / "ref"
    done = cli("ingest", *map(str, files), "--format", "annotations", "--store", str(ref_dir))
    assert done.returncode == 0, done.stderr
    reference = export_json(str(ref_dir))
    ref_stats = json.loads(done.stdout)["store"]
    argv = ["ingest", *map(str, files), "--format", "annotations", "--store", neo4j_url]
    rng = random.Random(SEED + 1)
    after = _kill_at_random_points(argv, lambda: neo4j_store.stats()["sources"], len(files), rng, tmp_path)
    assert 0 < after[-1] <= len(files)  # a kill may land in the closing resolution pass
    # no half article: what Neo4j holds is exactly the graphs of the articles in its ledger
    committed = [g for g in map(load_annotation, files) if neo4j_store.has_source(g.source_key)]
    assert len(committed) == after[-1]
    partial = NetworkXStore("memory://")
    for g in committed:
        partial.write_article(g)
    assert neo4j_store.stats() == partial.stats()
    summary = _resume_and_check(argv, neo4j_url, len(files), after[-1], reference)
    assert summary["store"] == ref_stats
    print(f"\n[kill-resume neo4j] {len(after)} SIGKILLs survived, committed: {after}/{len(files)}")


@pytest.mark.slow
def test_nlp_ingest_survives_sigkill_and_resumes(tmp_path: Path) -> None:
    """Raw articles through the NLP pipeline: one reference run, kills, resume; same export (the
    ``ingested_at`` stamps differ by design and are left out of the comparison)."""
    articles = sorted(LOCAL_ARTICLES.glob("*.md"))[:10]
    ref = str(tmp_path / "ref")
    done = cli("ingest", *map(str, articles), "--store", ref)
    assert done.returncode == 0, done.stderr
    reference = export_json(ref)
    assert len(reference["nodes"]) > len(articles)  # type: ignore[arg-type]
    store_dir = tmp_path / "store"
    argv = ["ingest", *map(str, articles), "--store", str(store_dir)]
    after = _kill_at_random_points(
        argv, lambda: _journal_commits(store_dir), len(articles), random.Random(SEED + 2), tmp_path, kills=2
    )
    _resume_and_check(argv, str(store_dir), len(articles), after[-1], reference)
    print(f"\n[kill-resume NLP] {len(after)} SIGKILLs survived, committed: {after}/{len(articles)}")


# -- a kill during the snapshot save ---------------------------------------------------------------

_SAVER = """
import sys
from graph.nx_store import NetworkXStore
from loaders.annotations import load_annotation

store = NetworkXStore(sys.argv[1])
for path in sys.argv[2:]:
    graph = load_annotation(path)
    if not store.has_source(graph.source_key):
        store.write_article(graph)
        store.flush()  # a full snapshot save after every article: most of the time is spent saving
# Every article is in: keep saving until the test's kill lands, so a fast machine that finishes the
# corpus before the kill still has a save in progress to interrupt.
while True:
    store.flush()
"""


def _prefix_stats(graphs: list[ArticleGraph]) -> list[dict[str, int]]:
    mem = NetworkXStore("memory://")
    out = [mem.stats()]
    for g in graphs:
        mem.write_article(g)
        out.append(mem.stats())
    return out


def _stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


def _new_save_started(tmp_snapshot: Path, left_over: tuple[int, int, int] | None) -> bool:
    now = _stamp(tmp_snapshot)
    return now is not None and now != left_over and now[2] > 0


def test_sigkill_during_snapshot_save_keeps_the_last_good_state(tmp_path: Path) -> None:
    files = gold_corpus()[:20]
    graphs = [load_annotation(p) for p in files]
    keys = [g.source_key for g in graphs]
    expected = _prefix_stats(graphs)
    store_dir = tmp_path / "store"
    tmp_snapshot = store_dir / (SNAPSHOT + ".tmp")
    rng = random.Random(SEED + 3)
    torn, states = 0, []
    for k in range(4):
        left_over = _stamp(tmp_snapshot)  # a torn file an earlier kill left is not a new save
        err_path = tmp_path / f"saver{k}.err"
        with open(err_path, "wb") as err:
            proc = subprocess.Popen(
                [sys.executable, "-c", _SAVER, str(store_dir), *map(str, files)], cwd=REPO, stderr=err
            )
        try:
            # let it save a few times, then strike while a snapshot is half written
            time.sleep(rng.uniform(0.5, 2.0))
            deadline = time.monotonic() + 120
            while not _new_save_started(tmp_snapshot, left_over):
                assert proc.poll() is None, f"saver ended early: {err_path.read_text(errors='replace')}"
                assert time.monotonic() < deadline, "no snapshot save seen"
                time.sleep(0.001)
            proc.send_signal(signal.SIGKILL)
        finally:
            proc.kill()
            proc.wait()
        assert proc.returncode == -signal.SIGKILL
        if tmp_snapshot.exists():
            try:
                json.loads(tmp_snapshot.read_bytes())
            except ValueError:
                torn += 1  # the kill landed mid-write: a torn temporary file is left behind
        reopened = NetworkXStore(str(store_dir))
        try:
            stats = reopened.stats()
            m = stats["sources"]
            # the store is the state after exactly the first m articles: a state it really had
            assert {k for k in keys if reopened.has_source(k)} == set(keys[:m])
            assert stats == expected[m]
            states.append(m)
        finally:
            reopened._journal.close()  # no close(): that would save, and we test what the kill left
    assert states == sorted(states) and states[-1] > 0
    assert torn >= 1, "no kill landed inside a snapshot write; the test did not test anything"
    print(f"\n[snapshot kill] 4 SIGKILLs during saves ({torn} tore the temporary file); states {states}")
