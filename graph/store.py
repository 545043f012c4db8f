"""The one store interface. ``NetworkXStore`` and ``Neo4jStore`` implement it and give the same answers.

>>> from graph import open_store
>>> store = open_store("memory://")
>>> store.stats()["nodes"]
0
"""

from __future__ import annotations

import abc
from collections.abc import Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field

from graph.errors import ValidationError
from graph.model import (
    PRECISION_RANK,
    Actor,
    Article,
    ArticleGraph,
    Claim,
    Edge,
    EdgeType,
    Incident,
    Location,
    Node,
    NodeKind,
    Precision,
    Stance,
    span_label,
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


# The edges a timeline row reads at an incident or a claim, and the edge props it reads on them.
ROW_LINKS_OUT = (EdgeType.INVOLVES, EdgeType.OCCURRED_NEAR, EdgeType.REPORTED_IN, EdgeType.SAME_AS)
ROW_LINKS_IN = (EdgeType.SAME_AS, EdgeType.ABOUT, EdgeType.DENIES)
ROW_LINK_PROPS = ("role", "confidence", "reasons", "claim_id")


class Link(NamedTuple):
    """An edge at a node as timeline rows read it: the node at the other end, the side the edge leaves
    from (``outgoing``: from the node), and its :data:`ROW_LINK_PROPS` that are set (not None). A
    tuple: a chunk of rows reads thousands, and a tuple is made in a fraction of a dataclass's time."""

    type: EdgeType
    id: str
    other: str
    outgoing: bool
    props: dict[str, Any]


@dataclass(frozen=True, slots=True)
class ArticleBrief:
    """An article as timeline rows cite it; ``dataset``: it stands for a dataset row's outlet (its
    ``extra`` has a 'dataset' key); ``same_story``: the nodes linked to it by SAME_STORY."""

    id: str
    title: str
    outlet: str | None
    url: str | None
    published: date | None
    dataset: bool
    same_story: frozenset[str]


class ClaimFacts(NamedTuple):
    """A claim as timeline rows read it (:class:`RowFacts`): the fields a row shows, its date label
    (``claim_time.label()``) and its order (:func:`claim_sort_key`). A store that holds these fields as
    properties hands them over without reading the claim's JSON (evidence, reports: the bulk of it)."""

    id: str
    claimant_id: str | None
    target_id: str | None
    stance: Stance
    quote: str
    date: str
    sort_key: SortKey


def claim_facts(claim: Claim) -> ClaimFacts:
    """The :class:`ClaimFacts` of a claim model."""
    t = claim.claim_time
    return span_claim_facts(
        claim.id, claim.claimant_id, claim.target_id, claim.stance, claim.quote, t.start, t.end, t.precision
    )


def span_claim_facts(
    claim_id: str,
    claimant_id: str | None,
    target_id: str | None,
    stance: Stance,
    quote: str,
    start: date | None,
    end: date | None,
    precision: Precision,
) -> ClaimFacts:
    """The :class:`ClaimFacts` of a claim given by its fields (its claim time as start, end and
    precision).

    >>> span_claim_facts("clm_1", None, None, Stance.DENY, "lies", None, None, Precision.UNKNOWN).date
    'unknown'
    """
    return ClaimFacts(
        claim_id,
        claimant_id,
        target_id,
        stance,
        quote,
        span_label(start, end, precision),
        time_sort_key(start, PRECISION_RANK[precision], claim_id),
    )


@dataclass
class RowFacts:
    """What the timeline rows of some incidents read (:meth:`GraphStore.row_facts`), by node id.

    - ``incidents``: the given incidents and every incident joined to one by SAME_AS, transitively;
    - ``claims``: every claim reaching one of those by at most ``claim_depth`` ABOUT edges, and every
      claim named (``claim_id``) on a DENIES edge into one of these claims, as :class:`ClaimFacts`;
    - ``links``: of each of those incidents and claims, its outgoing INVOLVES, OCCURRED_NEAR,
      REPORTED_IN, SAME_AS and incoming SAME_AS, ABOUT, DENIES edges, sorted by (edge id, other id)
      as :meth:`GraphStore.neighbours` sorts (a self-loop comes once each way);
    - ``articles``: every Article at the other end of a REPORTED_IN link or named as a figure source;
    - ``places``: every Location named as an incident's ``location_id`` or at the end of an
      OCCURRED_NEAR link;
    - ``names``: the display name (:func:`display_name`) of every node named as a claimant, target or
      figure source or at the end of an INVOLVES link. An id that names no node is in none of these
      maps.
    """

    incidents: dict[str, Incident] = field(default_factory=dict)
    claims: dict[str, ClaimFacts] = field(default_factory=dict)
    links: dict[str, list[Link]] = field(default_factory=dict)
    articles: dict[str, ArticleBrief] = field(default_factory=dict)
    places: dict[str, Location] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)


def display_name(node: Node) -> str:
    """A node's name as rows show it (see :class:`RowFacts`)."""
    if isinstance(node, Actor | Location):
        return node.name
    if isinstance(node, Article):
        return node.title or node.id
    if isinstance(node, Incident):
        return node.summary or node.id
    if isinstance(node, Claim):
        return node.quote or node.id
    return node.id


def row_link(edge: Edge, other: str, outgoing: bool) -> Link:
    props = {k: v for k in ROW_LINK_PROPS if (v := edge.props.get(k)) is not None}
    return Link(edge.type, edge.id, other, outgoing, props)


SortKey = tuple[int, int, int, str]


def time_sort_key(start: date | None, precision_rank: int, node_id: str) -> SortKey:
    """Timeline order: event start, then precision (most precise first), unknown dates last, then id.
    (The day number orders dates as their ISO text would, at a fraction of the cost.)"""
    if start is None:
        return (1, 0, precision_rank, node_id)
    return (0, start.toordinal(), precision_rank, node_id)


def incident_sort_key(inc: Incident) -> SortKey:
    return time_sort_key(inc.event_time.start, PRECISION_RANK[inc.event_time.precision], inc.id)


def check_limit(limit: int | None) -> None:
    """A page size (:meth:`GraphStore.timeline`): None for all, else a count of at least 0.

    >>> check_limit(-1)
    Traceback (most recent call last):
    ...
    graph.errors.ValidationError: limit -1 is not a count: give None (all) or an integer >= 0
    """
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise ValidationError(f"limit {limit!r} is not a count: give None (all) or an integer >= 0")


def claim_sort_key(claim: Claim) -> SortKey:
    return time_sort_key(claim.claim_time.start, PRECISION_RANK[claim.claim_time.precision], claim.id)


class GraphStore(abc.ABC):
    """A graph store. Every write is one article's whole graph, all or nothing, and idempotent."""

    url: str
    # The directory the store keeps its files in, when it is a local one (the embedded store): ingest
    # never reads it as input, so `conflictgraph ingest .` does not ingest the store itself.
    local_dir: Path | None = None

    # -- writing ------------------------------------------------------------------------------
    @abc.abstractmethod
    def write_article(self, graph: ArticleGraph) -> None:
        """Write one article's nodes and edges atomically, merging with what is there, and record
        ``graph.source_key`` in the ingest ledger in the same transaction."""

    @abc.abstractmethod
    def has_source(self, source_key: str) -> bool:
        """True when the ledger says the graph of this source (article or row hash) is committed."""

    def stored_sources(self, source_keys: Iterable[str]) -> set[str]:
        """The keys among ``source_keys`` that the ledger holds, in one step. The ingest checks its
        articles a chunk at a time; the default loop is for stores where one look-up is cheap."""
        return {key for key in source_keys if self.has_source(key)}

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
    def overwrite_nodes(self, nodes: Iterable[Node]) -> None:
        """Store each node exactly as given, in place of the stored node with its id (no merge), and
        keep every edge that touches it; a node not stored yet is added. Raises StoreError, and writes
        nothing, when a stored node with one of these ids is of another kind; for one id given twice,
        the last wins. Cross-article resolution rewrites the nodes whose value a merge cannot give
        (a claim re-pointed at a resolved actor) this way, instead of deleting them with their edges
        and writing both again."""

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
    def timeline(self, flt: TimelineFilter | None = None, limit: int | None = None) -> list[Incident]:
        """Incidents matching ``flt`` in timeline order (:func:`incident_sort_key`); unknown dates last.
        With ``limit``, only the first ``limit`` of them (the same as slicing the whole list, without
        reading the rest: a page of the timeline)."""

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

    def snapshot(self) -> tuple[dict[str, Node], dict[str, Edge]]:
        """Every node and every edge by id, each dict in id order, for a pass over the whole store that
        holds all of it anyway (cross-article resolution). A store that can hand over everything at
        once does (Neo4j: one streaming read each instead of a read per 2,000 ids)."""
        return {n.id: n for n in self.iter_nodes()}, {e.id: e for e in self.iter_edges()}

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

    def get_many(self, node_ids: Iterable[str]) -> dict[str, Node]:
        """The nodes with these ids that exist, by id (one round trip on a remote store)."""
        out: dict[str, Node] = {}
        for nid in dict.fromkeys(node_ids):
            node = self.get(nid)
            if node is not None:
                out[nid] = node
        return out

    def row_facts(
        self, incident_ids: Iterable[str], claim_depth: int, known: Sequence[Incident] = ()
    ) -> RowFacts:
        """What the timeline rows of these incidents read, in a few batched reads (:class:`RowFacts`):
        a Neo4j store answers a chunk of rows in a handful of round trips with only the fields a row
        shows; this default builds the same from :meth:`neighbours_many` and :meth:`get_many`.
        ``known``: models of some of these incidents that the caller holds already (read by
        :meth:`timeline`), which a store may hand back instead of reading them again.

        >>> from graph import open_store
        >>> open_store("memory://").row_facts(["inc_x"], 6).incidents
        {}
        """
        facts = RowFacts()
        pairs: dict[str, list[tuple[Edge, Node]]] = {}

        def read(ids: list[str]) -> None:
            todo = [i for i in dict.fromkeys(ids) if i not in pairs]
            pairs.update(self.neighbours_many(todo))
            for nid in todo:
                facts.links[nid] = out = []
                loops: set[str] = set()
                for e, n in pairs[nid]:
                    outgoing = e.source == nid and e.target == n.id
                    if e.source == e.target:  # a self-loop comes twice: out, then in
                        outgoing = e.id not in loops
                        loops.add(e.id)
                    if e.type in (ROW_LINKS_OUT if outgoing else ROW_LINKS_IN):
                        out.append(row_link(e, n.id, outgoing))

        given = self.get_many(incident_ids)
        facts.incidents = {i.id: i for i in given.values() if isinstance(i, Incident)}
        frontier = list(facts.incidents)
        while frontier:  # SAME_AS components are small; each level is one call
            read(frontier)
            level = [
                n
                for x in frontier
                for e, n in pairs[x]
                if e.type is EdgeType.SAME_AS and isinstance(n, Incident) and n.id not in facts.incidents
            ]
            facts.incidents.update((n.id, n) for n in level)
            frontier = list(dict.fromkeys(n.id for n in level))
        frontier = list(facts.incidents)
        for _ in range(claim_depth):
            level_claims = [
                n
                for x in frontier
                for e, n in pairs[x]
                if e.type is EdgeType.ABOUT
                and e.target == x
                and isinstance(n, Claim)
                and n.id not in facts.claims
            ]
            facts.claims.update((c.id, claim_facts(c)) for c in level_claims)
            frontier = list(dict.fromkeys(c.id for c in level_claims))
            read(frontier)
        named = [
            cid
            for c in list(facts.claims)
            for link in facts.links[c]
            if link.type is EdgeType.DENIES and not link.outgoing
            if isinstance(cid := link.props.get("claim_id"), str) and cid not in facts.claims
        ]
        facts.claims.update(
            (c.id, claim_facts(c)) for c in self.get_many(named).values() if isinstance(c, Claim)
        )
        read(list(facts.claims))
        links = [link for x in facts.links.values() for link in x]
        arts = [link.other for link in links if link.type is EdgeType.REPORTED_IN]
        sources = [f.source for i in facts.incidents.values() for f in i.figures]
        place_ids = [
            *(i.location_id for i in facts.incidents.values() if i.location_id),
            *(link.other for link in links if link.type is EdgeType.OCCURRED_NEAR),
        ]
        name_ids = [
            *(link.other for link in links if link.type is EdgeType.INVOLVES),
            *(x for c in facts.claims.values() for x in (c.claimant_id, c.target_id) if x),
            *sources,
        ]
        nodes = self.get_many([*arts, *sources, *place_ids, *name_ids])
        found = [a for x in dict.fromkeys([*arts, *sources]) if isinstance(a := nodes.get(x), Article)]
        same = self.neighbours_many([a.id for a in found], EdgeType.SAME_STORY, "both")
        facts.articles = {
            a.id: ArticleBrief(
                a.id,
                a.title,
                a.outlet,
                a.url,
                a.published,
                "dataset" in a.extra,
                frozenset(n.id for _, n in same[a.id]),
            )
            for a in found
        }
        facts.places = {x: n for x in place_ids if isinstance(n := nodes.get(x), Location)}
        facts.names = {x: display_name(n) for x in name_ids if (n := nodes.get(x)) is not None}
        return facts

    def iter_row_facts(
        self, chunks: Iterable[tuple[list[str], Sequence[Incident]]], claim_depth: int
    ) -> Generator[RowFacts, None, None]:
        """:meth:`row_facts` of each ``(incident_ids, known)`` chunk in turn, as the caller asks for
        them. A store whose reads wait on a server (Neo4j) may start the next chunk's reads while the
        caller works on this one; this default reads each chunk when it is asked for. Closing the
        generator stops the reads (what was started ahead is dropped).

        >>> from graph import open_store
        >>> [f.incidents for f in open_store("memory://").iter_row_facts([(["inc_x"], [])], 6)]
        [{}]
        """
        for ids, known in chunks:
            yield self.row_facts(ids, claim_depth, known)

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
