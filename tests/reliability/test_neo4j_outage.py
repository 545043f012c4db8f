"""Neo4j going away in the middle of an ingest.

A separate Neo4j (its own state dir, port and generated password, started with ``scripts/neo4j``) is
stopped while ``conflictgraph ingest`` writes to it. The command retries with backoff, then stops
within the bound ``CONFLICTGRAPH_RETRY_SECONDS`` sets, with one line on stderr that names the URI and
not the password; no article is half written. After ``scripts/neo4j start`` (data kept) the same
command finishes: the counts equal an uninterrupted run on the embedded store.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from _rel import LOCAL_GOLD, REPO, cli

from graph.nx_store import NetworkXStore
from loaders.annotations import load_annotation

SCRIPT = REPO / "scripts" / "neo4j"
RETRY_SECONDS = 6
pytestmark = [pytest.mark.slow, pytest.mark.neo4j]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Server:
    uri: str
    password: str
    env: dict[str, str]  # for scripts/neo4j and for the CLI

    def script(self, *args: str, timeout: float = 400) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(SCRIPT), *args], env=self.env, capture_output=True, text=True, timeout=timeout, check=False
        )


@pytest.fixture(scope="module")
def own_neo4j() -> Iterator[Server]:
    # Not under pytest's basetemp: another pytest session may prune that while the server runs.
    home = Path(tempfile.mkdtemp(prefix="cg-outage-neo4j-"))
    password = secrets.token_urlsafe(18)
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(
        CONFLICTGRAPH_NEO4J_HOME=str(home),
        NEO4J_PORT=str(_free_port()),
        NEO4J_PASSWORD=password,
        NEO4J_USER="neo4j",
        NEO4J_HEAP="512m",
        NEO4J_PAGECACHE="64m",
        CONFLICTGRAPH_RETRY_SECONDS=str(RETRY_SECONDS),
    )
    server = Server("", password, env)
    started = server.script("start", "--fresh")
    if started.returncode != 0:
        server.script("stop")
        reason = f"scripts/neo4j could not start a second server: {started.stderr.strip()[-500:]}"
        if (
            os.environ.get("CI", "").lower() in ("true", "1")
            or os.environ.get("CONFLICTGRAPH_REQUIRE_NEO4J") == "1"
        ):
            pytest.fail(reason)
        pytest.skip(reason)
    server.uri = started.stdout.strip()
    assert password not in started.stdout + started.stderr
    try:
        yield server
    finally:
        server.script("stop")
        shutil.rmtree(home, ignore_errors=True)


def _ledger(server: Server) -> int | None:
    """Committed articles, read with a plain driver; None while the server does not answer."""
    from neo4j import GraphDatabase

    try:
        with GraphDatabase.driver(
            server.uri, auth=("neo4j", server.password), notifications_min_severity="OFF"
        ) as driver:
            records, _, _ = driver.execute_query("MATCH (l:Ledger) RETURN count(l) AS n")
            return int(records[0]["n"])
    except Exception:
        return None


def test_stop_mid_ingest_then_resume(
    own_neo4j: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = sorted(LOCAL_GOLD.glob("*.json"))[:16]
    ref = cli("ingest", *map(str, files), "--format", "annotations", "--store", str(tmp_path / "ref"))
    assert ref.returncode == 0, ref.stderr
    reference = json.loads(ref.stdout)["store"]

    argv = ["ingest", *map(str, files), "--format", "annotations", "--store", own_neo4j.uri]
    err_path = tmp_path / "ingest.err"
    with open(tmp_path / "ingest.out", "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "conflictgraph", *argv], stdout=out, stderr=err, env=own_neo4j.env
        )
        try:
            deadline = time.monotonic() + 300
            while (_ledger(own_neo4j) or 0) < 2:
                assert proc.poll() is None, err_path.read_text()
                assert time.monotonic() < deadline, "ingest made no progress"
                time.sleep(0.2)
            stopped = own_neo4j.script("stop")
            assert stopped.returncode == 0, stopped.stderr
            stopped_at = time.monotonic()
            assert proc.poll() is None, "ingest finished before Neo4j stopped; use a larger corpus"
            proc.wait(timeout=RETRY_SECONDS * 10 + 120)
            gave_up_after = time.monotonic() - stopped_at
        finally:
            proc.kill()
            proc.wait()
    stderr = err_path.read_text()
    assert proc.returncode == 1, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("Error: ") and own_neo4j.uri in lines[0], lines[0]
    assert "scripts/neo4j" in lines[0] or "check" in lines[0], lines[0]
    assert own_neo4j.password not in stderr + (tmp_path / "ingest.out").read_text()
    print(f"\n[outage] ingest gave up {gave_up_after:.1f}s after Neo4j stopped: {lines[0]}")

    started = own_neo4j.script("start")
    assert started.returncode == 0, started.stderr
    # no half article: Neo4j holds exactly the graphs of the articles in its ledger
    monkeypatch.setenv("NEO4J_PASSWORD", own_neo4j.password)
    monkeypatch.setenv("NEO4J_USER", "neo4j")
    from graph.neo4j_store import Neo4jStore

    store = Neo4jStore(own_neo4j.uri)
    try:
        graphs = [load_annotation(p) for p in files]
        committed = [g for g in graphs if store.has_source(g.source_key)]
        assert 2 <= len(committed) < len(files)
        partial = NetworkXStore("memory://")
        for g in committed:
            partial.write_article(g)
        assert store.stats() == partial.stats()
    finally:
        store.close()

    done = cli(*argv, env=own_neo4j.env)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["skipped"], summary["written"]) == (len(committed), len(files) - len(committed))
    assert summary["store"] == reference  # nothing lost, nothing doubled


def test_wrong_password_is_one_line_without_the_password(own_neo4j: Server) -> None:
    wrong = "wrong-" + secrets.token_hex(8)
    env = {**own_neo4j.env, "NEO4J_PASSWORD": wrong}
    done = cli("stats", "--store", own_neo4j.uri, env=env)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert own_neo4j.uri in lines[0] and "NEO4J_PASSWORD" in lines[0], lines[0]
    assert wrong not in done.stderr + done.stdout and own_neo4j.password not in done.stderr + done.stdout
