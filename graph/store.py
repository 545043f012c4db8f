"""The one store interface. ``NetworkXStore`` and ``Neo4jStore`` implement it and give the same answers.

>>> from graph import open_store
>>> store = open_store("memory://")
>>> store.stats()["nodes"]
0
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field

from graph.model import (
    PRECISION_RANK,
    ArticleGraph,
    Claim,
    Edge,
    EdgeType,
    Incident,
    Node,
    NodeKind,
)
from graph.taxonomy import IncidentType

if TYPE_CHECKING:
    import networkx as nx

Direction = Literal["out", "in", "both"]


class TimelineFilter(BaseModel):
    """Filters of the timeline primitive. All are optional and combine with AND.

    - ``actor``: a name, alias or id; matches incidents that INVOLVE the actor or that a claim made by
      or aimed at the actor is ABOUT. With ``include_parts`` the actor's parts (PART_OF it) count too.
    - ``location`` + ``within_km``: a name, alias or id; without a radius, incidents OCCURRED_NEAR that
      place; with a radius, incidents whose location has coordinates within that distance of the place.
    - ``since`` / ``until``: overlap with the event interval (an incident dated '2023-09' matches a range
      touching September 2023). An incident with an unknown date does not match a date bound.
    - ``types``: incident types.
    - ``claimant``: incidents that this actor (name, alias or id) made a claim ABOUT.
    - ``as_of``: only incidents reported by an article published on or before that date.
    """

    model_config = ConfigDict(frozen=True)

    actor: str | None = None
    include_parts: bool = False
    location: str | None = None
    within_km: float | None = Field(default=None, gt=0)
    since: date | None = None
    until: date | None = None
    types: tuple[IncidentType, ...] = ()
    claimant: str | None = None
    as_of: date | None = None


class ChainStep(BaseModel):
    """One claim in a claim-chain tree. ``parent_id`` is None for a root; ``relation`` says how it
    hangs from its parent: 'about' (replies to / denies the parent), 'counter' (a counter-accusation by
    a denier against the accuser) or 'root'."""

    claim: Claim
    depth: int
    parent_id: str | None
    relation: Literal["root", "about", "counter"]


def time_sort_key(start: date | None, precision_rank: int, node_id: str) -> tuple[int, str, int, str]:
    """Timeline order: event start, then precision (most precise first), unknown dates last, then id."""
    if start is None:
        return (1, "", precision_rank, node_id)
    return (0, start.isoformat(), precision_rank, node_id)


def incident_sort_key(inc: Incident) -> tuple[int, str, int, str]:
    return time_sort_key(inc.event_time.start, PRECISION_RANK[inc.event_time.precision], inc.id)


def claim_sort_key(claim: Claim) -> tuple[int, str, int, str]:
    return time_sort_key(claim.claim_time.start, PRECISION_RANK[claim.claim_time.precision], claim.id)


class GraphStore(abc.ABC):
    """A graph store. Every write is one article's whole graph, all or nothing, and idempotent."""

    url: str

    # -- writing ------------------------------------------------------------------------------
    @abc.abstractmethod
    def write_article(self, graph: ArticleGraph) -> None:
        """Write one article's nodes and edges atomically, merging with what is there, and record
        ``graph.source_key`` in the ingest ledger in the same transaction."""

    @abc.abstractmethod
    def has_source(self, source_key: str) -> bool:
        """True when the ledger says the graph of this source (article or row hash) is committed."""

    @abc.abstractmethod
    def delete_edge(self, edge_id: str) -> None:
        """Remove one edge (used to undo a merge)."""

    def delete_edges(self, edge_ids: Iterable[str]) -> None:
        """Remove these edges in one step (unknown ids are ignored). Cross-article resolution removes
        thousands at once; the default loop is for stores where one delete is cheap."""
        for eid in edge_ids:
            self.delete_edge(eid)

    @abc.abstractmethod
    def delete_nodes(self, node_ids: Iterable[str]) -> None:
        """Remove these nodes and every edge touching them, in one step (used by cross-article
        resolution to replace the nodes it merged). Unknown ids are ignored."""

    @abc.abstractmethod
    def clear(self) -> None:
        """Remove every node, edge and ledger entry."""

    @abc.abstractmethod
    def close(self) -> None:
        """Flush and release resources."""

    # -- reading ------------------------------------------------------------------------------
    @abc.abstractmethod
    def get(self, node_id: str) -> Node | None:
        """The node with this id, or None."""

    @abc.abstractmethod
    def get_edge(self, edge_id: str) -> Edge | None:
        """The edge with this id, or None."""

    @abc.abstractmethod
    def find(self, kind: NodeKind, name: str | None = None, limit: int | None = None) -> list[Node]:
        """Nodes of one kind, optionally those whose name, title or an alias equals ``name``
        (normalised), sorted by id."""

    @abc.abstractmethod
    def edges(
        self,
        etype: EdgeType | None = None,
        source: str | None = None,
        target: str | None = None,
    ) -> list[Edge]:
        """Edges matching the given type / endpoints, sorted by id."""

    @abc.abstractmethod
    def neighbours(
        self, node_id: str, etype: EdgeType | None = None, direction: Direction = "both"
    ) -> list[tuple[Edge, Node]]:
        """(edge, node at the other end) pairs, sorted by edge id."""

    @abc.abstractmethod
    def timeline(self, flt: TimelineFilter | None = None) -> list[Incident]:
        """Incidents matching ``flt`` in timeline order (:func:`incident_sort_key`); unknown dates last."""

    @abc.abstractmethod
    def claim_chain(self, start_id: str, max_depth: int = 6, as_of: date | None = None) -> list[ChainStep]:
        """The tree of claim and counter-claim from a claim or an incident, depth-first, siblings in
        claim-time order. From a claim, the walk first climbs ABOUT claim->claim edges to the original
        claim. Children of a claim are the claims ABOUT it and, for a denial, the counter-accusations:
        accusations made by the denier, in an article the denial appears in, against the accuser or
        the body the accuser is PART_OF."""

    @abc.abstractmethod
    def stats(self) -> dict[str, int]:
        """Counts: 'nodes', 'edges', 'sources', and one per node kind and edge type present."""

    @abc.abstractmethod
    def iter_nodes(self, kind: NodeKind | None = None) -> Iterator[Node]:
        """Every node (of one kind), in id order, streamed."""

    @abc.abstractmethod
    def iter_edges(self, etype: EdgeType | None = None) -> Iterator[Edge]:
        """Every edge (of one type), in id order, streamed."""

    def neighbours_many(
        self, node_ids: Iterable[str], etype: EdgeType | None = None, direction: Direction = "both"
    ) -> dict[str, list[tuple[Edge, Node]]]:
        """:meth:`neighbours` of several nodes at once: each given id (once) -> its pairs, in the same
        order; an unknown id maps to []. A store where each call is a round trip answers in one.

        >>> from graph import open_store
        >>> open_store("memory://").neighbours_many(["inc_x"], EdgeType.ABOUT, "in")
        {'inc_x': []}
        """
        return {nid: self.neighbours(nid, etype, direction) for nid in dict.fromkeys(node_ids)}

    def neighbours_deep(
        self, node_ids: Iterable[str], claim_depth: int
    ) -> dict[str, list[tuple[Edge, Node]]]:
        """:meth:`neighbours_many` (every type, both directions) of these nodes and of every claim that
        reaches one of them by at most ``claim_depth`` ABOUT edges: each given id and each such claim ->
        its pairs. A timeline row's incident and its whole claim tree, in one round trip on Neo4j.

        >>> from graph import open_store
        >>> open_store("memory://").neighbours_deep(["inc_x"], 6)
        {'inc_x': []}
        """
        out = self.neighbours_many(node_ids)
        frontier = list(out)
        for _ in range(claim_depth):
            level = [
                n.id
                for x in frontier
                for e, n in out[x]
                if e.type is EdgeType.ABOUT and e.target == x and n.kind is NodeKind.CLAIM and n.id not in out
            ]
            if not level:
                break
            out.update(self.neighbours_many(level))
            frontier = list(dict.fromkeys(level))
        return out

    def get_many(self, node_ids: Iterable[str]) -> dict[str, Node]:
        """The nodes with these ids that exist, by id (one round trip on a remote store)."""
        out: dict[str, Node] = {}
        for nid in dict.fromkeys(node_ids):
            node = self.get(nid)
            if node is not None:
                out[nid] = node
        return out

    def to_networkx(self, kinds: Iterable[NodeKind] | None = None) -> nx.MultiDiGraph:
        """The graph (or the nodes of ``kinds`` and the edges between them) as a networkx
        ``MultiDiGraph``, for networkx's algorithms: node attributes ``kind``, ``name`` and ``node`` (the
        model); edges keyed by edge id with attributes ``type`` and ``edge`` (the model). A copy: changing
        it does not change the store.

        >>> from graph import open_store
        >>> open_store("memory://").to_networkx().number_of_nodes()
        0
        """
        import networkx as nx

        wanted = set(kinds) if kinds is not None else None
        g = nx.MultiDiGraph()
        for n in self.iter_nodes():
            if wanted is None or n.kind in wanted:
                g.add_node(n.id, kind=n.kind.value, name=getattr(n, "name", None) or n.id, node=n)
        for e in self.iter_edges():
            if e.source in g and e.target in g:
                g.add_edge(e.source, e.target, key=e.id, type=e.type.value, edge=e)
        return g

    def resolve(self, kind: NodeKind, name_or_id: str) -> list[Node]:
        """Nodes whose id equals ``name_or_id`` or whose name/alias matches it."""
        node = self.get(name_or_id)
        if node is not None and node.kind is kind:
            return [node]
        return self.find(kind, name=name_or_id)

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write_many(self, graphs: Sequence[ArticleGraph]) -> None:
        """Write several graphs, each atomically."""
        for g in graphs:
            self.write_article(g)
