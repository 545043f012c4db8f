"""Shared fixtures: the two stores, a real Neo4j, and the seed graph.

Neo4j comes from, in this order: ``NEO4J_URI`` (with NEO4J_USER / NEO4J_PASSWORD); a testcontainers
``neo4j:5.26`` when a Docker engine answers; otherwise tests that need it skip with a reason. Under
``CI=true`` (or ``CONFLICTGRAPH_REQUIRE_NEO4J=1``) a skipped Neo4j test is a failure.
"""

from __future__ import annotations

import gc
import os
import warnings
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest

from graph.model import ArticleGraph
from graph.nx_store import NetworkXStore
from graph.store import GraphStore
from loaders.annotations import load_annotation

REPO = Path(__file__).resolve().parents[1]
SEED_NAME = "000_d0a399db87bfc5a2"
SEED_GOLD = REPO / "seeds" / f"{SEED_NAME}.gold.json"


def shared_dir() -> Path:
    """``../shared`` beside the clone (CI keeps a copy there), or ``$CONFLICTGRAPH_SHARED``."""
    override = os.environ.get("CONFLICTGRAPH_SHARED")
    return Path(override) if override else REPO.parent / "shared"


def neo4j_required() -> bool:
    return (
        os.environ.get("CI", "").lower() in ("true", "1")
        or os.environ.get("CONFLICTGRAPH_REQUIRE_NEO4J") == "1"
    )


def _no_neo4j(reason: str) -> None:
    if neo4j_required():
        pytest.fail(f"Neo4j is required (CI=true or CONFLICTGRAPH_REQUIRE_NEO4J=1) but {reason}")
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """Under CI a skipped Neo4j test fails: CI must prove the suite ran on a real server."""
    report = yield
    if report.skipped and neo4j_required() and item.get_closest_marker("neo4j") is not None:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped Neo4j test under CI: {reason}"
    return report


@pytest.fixture(scope="session")
def neo4j_url() -> Iterator[str]:
    """The Bolt URL of a real Neo4j; sets NEO4J_USER/NEO4J_PASSWORD for a testcontainers server."""
    url = os.environ.get("NEO4J_URI")
    if url:
        yield url
        return
    try:
        from docker.errors import DockerException  # type: ignore[import-untyped]
        from testcontainers.community.neo4j import Neo4jContainer
    except ImportError as exc:
        _no_neo4j(f"NEO4J_URI is not set and testcontainers[neo4j] is not importable ({exc})")
        return
    failure = None
    # A Docker client that found no engine leaves its socket behind: let it be collected quietly here
    # rather than have its ResourceWarning surface at exit.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            # testcontainers talks to Docker as soon as the container object is created.
            container = Neo4jContainer("neo4j:5.26")
            container.start()
        except DockerException as exc:
            failure = type(exc).__name__
        gc.collect()
    if failure is not None:
        _no_neo4j(f"NEO4J_URI is not set and no Docker engine answers ({failure})")
        return
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NEO4J_USER", container.username)
        mp.setenv("NEO4J_PASSWORD", container.password)
        try:
            yield container.get_connection_url()
        finally:
            container.stop()


@pytest.fixture(scope="session")
def _neo4j_session_store(neo4j_url: str) -> Iterator[GraphStore]:
    from graph.neo4j_store import Neo4jStore

    store = Neo4jStore(neo4j_url)
    try:
        yield store
    finally:
        store.clear()
        store.close()


@pytest.fixture
def neo4j_store(_neo4j_session_store: GraphStore) -> GraphStore:
    """A Neo4jStore on the test server, emptied before the test."""
    _neo4j_session_store.clear()
    return _neo4j_session_store


@pytest.fixture(params=["networkx", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """Each store in turn, empty: the embedded one in a fresh directory, then Neo4j."""
    if request.param == "networkx":
        nx_store = NetworkXStore(str(tmp_path / "store"))
        try:
            yield nx_store
        finally:
            nx_store.close()
    else:
        yield request.getfixturevalue("neo4j_store")


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared material directory (may be absent: tests that need it skip with a reason)."""
    return shared_dir()


@pytest.fixture(scope="session")
def seed_gold_path() -> Path:
    """The seed's gold annotation: the repo's copy in seeds/, else the shared one."""
    if SEED_GOLD.exists():
        return SEED_GOLD
    fallback = shared_dir() / "gold" / f"{SEED_NAME}.json"
    if not fallback.exists():
        pytest.fail(f"seed gold annotation missing: neither {SEED_GOLD} nor {fallback} exists")
    return fallback


@pytest.fixture
def seed_graph(seed_gold_path: Path) -> ArticleGraph:
    """The seed article's hand-coded graph (fresh each test: models are mutable)."""
    return load_annotation(seed_gold_path)
