"""conflictgraph's core: the data model, the store interface and its two stores.

>>> store = open_store("memory://")
>>> type(store).__name__
'NetworkXStore'
"""

from __future__ import annotations

import os

from graph.errors import ConflictGraphError, ValidationError
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
    NodeKind,
    Precision,
    Role,
    Stance,
    TimeSpan,
)
from graph.store import ChainStep, GraphStore, TimelineFilter
from graph.taxonomy import IncidentType

DEFAULT_STORE = "./conflictgraph-data"


def default_store_url() -> str:
    """``$CONFLICTGRAPH_STORE`` or ``./conflictgraph-data``."""
    return os.environ.get("CONFLICTGRAPH_STORE", DEFAULT_STORE)


def open_store(url: str | None = None) -> GraphStore:
    """Open a store from a URL.

    - ``memory://``: in-memory embedded store;
    - a path or ``file://path``: embedded store persisted in that directory;
    - ``bolt://host:port`` / ``neo4j://host:port`` (also ``+s``/``+ssc``): Neo4j, with credentials
      from ``NEO4J_USER`` / ``NEO4J_PASSWORD`` (or a git-ignored ``.env``).
    """
    url = url or default_store_url()
    scheme = url.split("://", 1)[0] if "://" in url else ""
    if scheme in ("bolt", "neo4j", "bolt+s", "bolt+ssc", "neo4j+s", "neo4j+ssc"):
        from graph.neo4j_store import Neo4jStore

        store: GraphStore = Neo4jStore(url)
        return store
    if scheme in ("", "file", "memory"):
        from graph.nx_store import NetworkXStore

        return NetworkXStore(url)
    raise ValidationError(
        f"unknown store URL scheme {scheme!r} in {url!r}; use memory://, a directory path, file://, "
        "bolt:// or neo4j://"
    )


__all__ = [
    "Actor",
    "ActorKind",
    "Article",
    "ArticleGraph",
    "ChainStep",
    "Claim",
    "ConflictGraphError",
    "Edge",
    "EdgeType",
    "Evidence",
    "GraphStore",
    "Incident",
    "IncidentType",
    "Location",
    "LocationKind",
    "NodeKind",
    "Precision",
    "Role",
    "Stance",
    "TimeSpan",
    "TimelineFilter",
    "default_store_url",
    "open_store",
]
