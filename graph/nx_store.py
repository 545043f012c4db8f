"""The embedded store: a typed graph kept in memory and persisted in a directory.

In memory: nodes by id, edges by id, and per node its outgoing and incoming edges by id. (The store is
named for the networkx ``MultiDiGraph`` it began on; networkx keeps two dicts per edge and one per
node pair, about 700 bytes per edge, and this store only needs lookups by id and by endpoint, so it
keeps its own adjacency: a 100k-row ACLED file fits in a third of the memory.) Edges are held as
compact records and handed out as :class:`Edge` models.

Persistence is a snapshot (``graph.json``) plus an append-only journal (``journal.jsonl``) of article
graphs, one line per graph. A line that is not complete (the process died while writing it) is ignored on
load, so an article is either wholly in the store or not at all; an append that fails without a crash
(disk full) is cut back off the journal before the error is raised. A deletion is a journal line too
(``{"delete_nodes": [...]}`` or ``{"delete_edges": [...]}``), replayed in order. ``write_article`` fsyncs
its line before it returns; ``write_many`` appends all its lines and fsyncs once before it returns, so a
write call that returned is durable, and a crash inside ``write_many`` keeps a prefix of its graphs, each
whole. The journal is folded into a new snapshot (written to a temporary file, fsynced and renamed over
the old one, so a kill during a save leaves the previous good snapshot) on ``close()``, and during long
runs once the journal has grown as large as the snapshot, so loading stays fast and saving costs O(total
size) over a run.

>>> s = NetworkXStore("memory://")
>>> s.stats()["nodes"]
0
"""

from __future__ import annotations

import json
import math
import operator
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any, NamedTuple

from pydantic_core import to_json as _to_json

from graph.errors import StoreError, ValidationError
from graph.gcpause import CYCLIC_GC_PAUSED
from graph.merge import merge_edge, merge_node
from graph.model import (
    EDGE_ENDPOINTS,
    Actor,
    Article,
    ArticleGraph,
    Claim,
    Edge,
    EdgeType,
    Evidence,
    Incident,
    Location,
    Node,
    NodeKind,
    Stance,
    check_endpoints,
    node_from_dict,
    normalise,
    trusted_edge,
)
from graph.store import (
    ROW_LINK_PROPS,
    ROW_LINKS_IN,
    ROW_LINKS_OUT,
    ArticleBrief,
    ChainStep,
    Direction,
    GraphStore,
    Link,
    RowFacts,
    TimelineFilter,
    check_limit,
    claim_facts,
    claim_sort_key,
    display_name,
    incident_sort_key,
)

SNAPSHOT = "graph.json"
JOURNAL = "journal.jsonl"
LOCK = "lock"
# Fold the journal into the snapshot once it holds at least this many articles and is COMPACT_RATIO
# times as big as the snapshot. The ratio makes the snapshots of a growing store a geometric series:
# at 1 a long ingest rewrote the graph ~2x its final size (42% of a 30k-row ACLED load into a
# directory); at 4, ~1.3x. The price is a longer journal to replay after a crash (a clean close
# always snapshots).
COMPACT_EVERY = 2000
COMPACT_RATIO = 4

Props = dict[str, str | int | float | bool | None]


_new_tuple = tuple.__new__  # a NamedTuple's own constructor is a Python function: a record per edge
_json_str = encode_basestring  # the C encoder of a JSON string (with ensure_ascii=False, as pydantic)

# The JSON of edges and journal lines is assembled here from its parts (below) only while the models
# have the fields it writes; a field added to Edge or ArticleGraph sends every write through pydantic.
_EDGE_PARTS_OK = tuple(Edge.model_fields) == ("id", "type", "source", "target", "props", "evidence")
_LINE_PARTS_OK = _EDGE_PARTS_OK and tuple(ArticleGraph.model_fields) == (
    "article",
    "nodes",
    "edges",
    "source_key",
)
# Node JSON kept per node instance the store holds (the shared nodes of dataset rows: actors, places,
# sources), so a journal line does not serialise them again; cleared when it reaches this size.
JSON_MEMO_SIZE = 16384
# Nodes or edges per write() of a snapshot.
_SNAPSHOT_CHUNK = 2000
# A deletion's journal line: {"delete_nodes": [ids]} or {"delete_edges": [ids]}; an overwrite's:
# {"overwrite_nodes": [node JSON]}; a graph's line starts with {"article":.
_DELETE_NODES = "delete_nodes"
_DELETE_EDGES = "delete_edges"
JOURNAL_DELETE_PREFIX = b'{"delete_'
JOURNAL_OVERWRITE_PREFIX = b'{"overwrite_nodes":'


def _edge_json(
    eid: str, etype: EdgeType, source: str, target: str, props: Props, evidence: list[Evidence]
) -> str:
    """An edge's JSON, byte-identical to ``Edge.model_dump_json()`` at a third of its cost (no Edge model
    is made; checked against pydantic in tests/datasets/test_store.py): the ids are JSON strings and the
    props and evidence go through pydantic-core's own serializer, so floats, NaN (null) and escapes
    come out as pydantic writes them. Raises ValueError (PydanticSerializationError) on a value it
    cannot write; the caller then asks pydantic."""
    ev = _to_json(evidence).decode() if evidence else "[]"
    return (
        f'{{"id":{_json_str(eid)},"type":"{etype._value_}","source":{_json_str(source)},'
        f'"target":{_json_str(target)},"props":{_to_json(props, inf_nan_mode="null").decode()},'
        f'"evidence":{ev}}}'
    )


class _EdgeRecord(NamedTuple):
    """An edge as the store holds it: a tuple is a quarter of the size of an Edge model."""

    id: str
    type: EdgeType
    source: str
    target: str
    props: Props
    evidence: list[Evidence]

    @staticmethod
    def of(edge: Edge) -> _EdgeRecord:
        d = edge.__dict__  # the model's fields in declaration order, the record's order
        return _new_tuple(
            _EdgeRecord, (d["id"], d["type"], d["source"], d["target"], d["props"], d["evidence"])
        )

    def model(self) -> Edge:
        return trusted_edge(*self)

    def json(self) -> str:
        """The edge's JSON, as ``Edge.model_dump_json`` writes it (for the snapshot)."""
        if _EDGE_PARTS_OK:
            try:
                return _edge_json(*self)
            except ValueError:  # a value only pydantic's model path knows how to write (or refuses)
                pass
        return self.model().model_dump_json()

    def same_as(self, edge: Edge) -> bool:
        return (
            self.type is edge.type
            and self.source == edge.source
            and self.target == edge.target
            and self.props == edge.props
            and self.evidence == edge.evidence
        )


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km on a sphere of radius 6371.0088 km (the mean Earth radius).

    Neo4j's ``point.distance`` uses a 6378140 m sphere; the Neo4j store rescales to this one so both
    stores answer radius filters alike.

    >>> round(haversine_km(40.4093, 49.8671, 41.7151, 44.8271), 1)  # Baku to Tbilisi
    446.7
    """
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def _names(node: Node) -> set[str]:
    d = node.__dict__  # plain dict reads: a missing attribute on a pydantic model is slow to miss
    names: set[str] = set()
    for attr in ("name", "title"):
        v = d.get(attr)
        if v:
            names.add(normalise(v))
    for alias in d.get("aliases") or ():
        names.add(normalise(alias))
    return names


def _raw_names(node: Node) -> set[str]:
    d = node.__dict__
    raw = set(d.get("aliases") or ())
    for attr in ("name", "title"):
        v = d.get(attr)
        if v:
            raw.add(v)
    return raw


_EMPTY: dict[str, _EdgeRecord] = {}


def _row_props(props: Props, keys: Sequence[str]) -> dict[str, Any]:
    return {k: v for k in keys if (v := props.get(k)) is not None}


# A Link's edge id. Edge ids are unique, so at one node only a self-loop's two links share one, and
# they share the other id too: the order is (edge id, other id)'s without a key tuple per link.
_BY_EDGE_ID = operator.itemgetter(1)
_NO_IDS: frozenset[str] = frozenset()


def _check_edges(graph: ArticleGraph, kinds: dict[str, NodeKind], stored: dict[str, Node]) -> None:
    """What ``graph.validate_edges(known)`` checks, given the kinds of the graph's own nodes, with the
    kinds of endpoints outside the graph looked up in the store only when needed (a dataset row's edges
    all end in its own nodes): every edge ends in a node of the graph or the store, of the kinds its
    type allows. Same errors."""
    for e in graph.edges:
        src = kinds.get(e.source)
        if src is None:
            node = stored.get(e.source)
            if node is None:
                raise ValidationError(f"{e.type.value} edge refers to unknown node {e.source!r}")
            src = node.kind
        dst = kinds.get(e.target)
        if dst is None:
            node = stored.get(e.target)
            if node is None:
                raise ValidationError(f"{e.type.value} edge refers to unknown node {e.target!r}")
            dst = node.kind
        allowed_src, allowed_dst = EDGE_ENDPOINTS[e.type]
        if src not in allowed_src or dst not in allowed_dst:
            check_endpoints(e, src, dst)  # raises, naming the allowed kinds


class NetworkXStore(GraphStore):
    """Embedded store in a directory (``path`` or ``file://path``), or in memory (``memory://``)."""

    def __init__(self, url: str = "./conflictgraph-data") -> None:
        self.url = url
        self._lock = threading.RLock()
        self._nodes: dict[str, Node] = {}
        self._edges: dict[str, _EdgeRecord] = {}
        # node id -> {edge id: record} of its outgoing / incoming edges (created on first edge).
        self._succ: dict[str, dict[str, _EdgeRecord]] = {}
        self._pred: dict[str, dict[str, _EdgeRecord]] = {}
        self._sources: set[str] = set()
        self._name_index: dict[NodeKind, dict[str, set[str]]] = {k: {} for k in NodeKind}
        # Timeline indexes (so a filtered timeline looks at candidates, not at every incident):
        # node ids per kind, and claim ids per actor named as claimant or target.
        self._kind_ids: dict[NodeKind, set[str]] = {k: set() for k in NodeKind}
        self._claims_by_actor: dict[str, set[str]] = {}
        # node id -> {edge id: node at the other end} of its SAME_STORY edges, both ways: a row counts
        # an article's copies, and an article's own adjacency is mostly the REPORTED_IN edges of
        # everything it reports (a scan of those per cited article was 7% of a month's rows).
        self._same_story: dict[str, dict[str, str]] = {}
        # Dated incidents sorted by start, in tiers by interval length, rebuilt lazily after writes.
        self._date_tiers: list[tuple[int | None, list[tuple[date, date, str]]]] | None = None
        self._journal_lines = 0
        self._journal_size = 0
        self._snapshot_size = 0
        self._json_memo: dict[str, tuple[Node, str]] = {}  # see _line
        if url.startswith("memory://"):
            self.path: Path | None = None
        else:
            raw = url[len("file://") :] if url.startswith("file://") else url
            self.path = Path(raw)
            self.path.mkdir(parents=True, exist_ok=True)
            self.local_dir = self.path
            self._load()
            # Unbuffered: each append is whole write() calls, so a failed one can be cut back exactly.
            self._journal = open(self.path / JOURNAL, "ab", buffering=0)  # noqa: SIM115
            self._journal_size = os.fstat(self._journal.fileno()).st_size

    # -- persistence ----------------------------------------------------------------------------
    def _load(self) -> None:
        assert self.path is not None
        snap = self.path / SNAPSHOT
        if snap.exists():
            try:
                raw_snap = snap.read_bytes()
                data = json.loads(raw_snap)
            except (OSError, ValueError) as exc:
                raise StoreError(f"{snap}: cannot read the store snapshot: {exc}") from exc
            self._snapshot_size = len(raw_snap)
            del raw_snap
            for nd in data.get("nodes", []):
                self._put_node(node_from_dict(nd))
            for ed in data.get("edges", []):
                self._put_edge(Edge.model_validate(ed))
            self._sources.update(data.get("sources", []))
            del data
        journal = self.path / JOURNAL
        if journal.exists():
            good = 0
            with open(journal, "rb") as fh:
                for raw in fh:
                    if not raw.endswith(b"\n"):
                        break  # torn tail: the write that produced it never committed
                    try:
                        if raw.startswith(JOURNAL_DELETE_PREFIX):
                            self._replay_delete(json.loads(raw))
                        elif raw.startswith(JOURNAL_OVERWRITE_PREFIX):
                            for nd in json.loads(raw)["overwrite_nodes"]:
                                self._put_node(node_from_dict(nd))
                        else:
                            self._apply(ArticleGraph.model_validate_json(raw))
                    except ValueError:
                        break
                    good += len(raw)
                    self._journal_lines += 1
            if good != journal.stat().st_size:
                with open(journal, "r+b") as fh:
                    fh.truncate(good)

    def _snapshot(self) -> None:
        if self.path is None:
            return
        tmp = self.path / (SNAPSHOT + ".tmp")
        memo = self._json_memo
        with open(tmp, "w", encoding="utf-8") as fh:
            fh.write('{"version": 1, "nodes": [')
            nodes = self._nodes
            node_ids = sorted(nodes)
            for i in range(0, len(node_ids), _SNAPSHOT_CHUNK):
                part = []
                for nid in node_ids[i : i + _SNAPSHOT_CHUNK]:
                    n = nodes[nid]
                    hit = memo.get(nid)
                    part.append(hit[1] if hit is not None and hit[0] is n else n.model_dump_json())
                fh.write(("," if i else "") + ",".join(part))
            del node_ids
            fh.write('], "edges": [')
            edges = self._edges
            edge_ids = sorted(edges)
            for i in range(0, len(edge_ids), _SNAPSHOT_CHUNK):
                part = [edges[eid].json() for eid in edge_ids[i : i + _SNAPSHOT_CHUNK]]
                fh.write(("," if i else "") + ",".join(part))
            del edge_ids
            fh.write('], "sources": ' + json.dumps(sorted(self._sources)) + "}")
            fh.flush()
            os.fsync(fh.fileno())
            self._snapshot_size = fh.tell()
        os.replace(tmp, self.path / SNAPSHOT)
        dir_fd = os.open(self.path, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        self._journal.close()
        self._journal = open(self.path / JOURNAL, "wb", buffering=0)  # noqa: SIM115
        os.fsync(self._journal.fileno())
        self._journal_lines = 0
        self._journal_size = 0

    def _line(self, graph: ArticleGraph) -> bytes:
        """The graph's journal line: ``graph.model_dump_json()`` and a newline, byte for byte (checked in
        tests/datasets/test_store.py), assembled from its nodes' and edges' JSON so that a node this
        store already holds as the same instance (a dataset's actors, places and sources, repeated in
        thousands of rows) is serialised once, not once per row. Like :meth:`_prepare`, this counts on
        a node instance the store holds not being changed in place."""
        if not _LINE_PARTS_OK:
            return graph.model_dump_json().encode("utf-8") + b"\n"
        held = self._nodes
        memo = self._json_memo
        nodes = []
        for n in graph.nodes:
            nid = n.id
            if held.get(nid) is n:
                hit = memo.get(nid)
                if hit is not None and hit[0] is n:
                    nodes.append(hit[1])
                    continue
                js = n.model_dump_json()
                if len(memo) >= JSON_MEMO_SIZE:
                    memo.clear()
                memo[nid] = (n, js)
                nodes.append(js)
            else:
                nodes.append(n.model_dump_json())
        edges = []
        for e in graph.edges:
            d = e.__dict__
            try:
                edges.append(
                    _edge_json(d["id"], d["type"], d["source"], d["target"], d["props"], d["evidence"])
                )
            except ValueError:
                edges.append(e.model_dump_json())
        article = graph.article.model_dump_json() if graph.article is not None else "null"
        return (
            f'{{"article":{article},"nodes":[{",".join(nodes)}],"edges":[{",".join(edges)}],'
            f'"source_key":{_json_str(graph.source_key)}}}\n'
        ).encode()

    def _append(self, graph: ArticleGraph) -> None:
        """Append the graph's journal line (not yet fsynced)."""
        self._append_line(self._line(graph))

    def _append_line(self, line: bytes) -> None:
        """Append a journal line (not yet fsynced). On any failure the journal is cut back to where it
        was, so a partial line never stays in front of the next append."""
        start = self._journal_size
        try:
            done = 0
            while done < len(line):
                n = self._journal.write(line[done:])
                done += n if n is not None else 0
        except BaseException:
            self._cut_journal(start)
            raise
        self._journal_size = start + len(line)
        self._journal_lines += 1

    def _cut_journal(self, size: int) -> None:
        try:
            self._journal.truncate(size)
        except OSError as exc:  # the store can no longer vouch for its journal: refuse to go on
            self._journal.close()
            raise StoreError(
                f"{self.path}: a journal append failed and the partial line could not be removed: {exc}"
            ) from exc

    def _sync(self) -> None:
        self._journal.flush()
        os.fsync(self._journal.fileno())

    def _maybe_compact(self) -> None:
        if (
            self.path is not None
            and self._journal_lines >= COMPACT_EVERY
            and self._journal_size >= COMPACT_RATIO * self._snapshot_size
        ):
            self._snapshot()

    # -- internal graph ops ---------------------------------------------------------------------
    def _index_claim(self, claim: Claim, add: bool) -> None:
        for actor in {claim.claimant_id, claim.target_id} - {None}:
            assert actor is not None
            if add:
                self._claims_by_actor.setdefault(actor, set()).add(claim.id)
            else:
                self._claims_by_actor.get(actor, set()).discard(claim.id)

    def _put_node(self, node: Node) -> None:
        old = self._nodes.get(node.id)
        if old is node:
            return
        self._nodes[node.id] = node
        if old is None:
            self._kind_ids[node.kind].add(node.id)
            names: set[str] = _names(node)
        else:
            # Compare the raw strings first (C-level set operations) and normalise only what changed:
            # a hub node merged from thousands of articles carries thousands of aliases.
            old_raw, new_raw = _raw_names(old), _raw_names(node)
            names = {normalise(v) for v in new_raw - old_raw}
            gone = old_raw - new_raw
            if gone:
                for name in {normalise(v) for v in gone} - _names(node):
                    self._name_index[old.kind].get(name, set()).discard(old.id)
            if isinstance(old, Claim):
                self._index_claim(old, add=False)
        if isinstance(node, Incident):
            self._date_tiers = None
        elif isinstance(node, Claim):
            self._index_claim(node, add=True)
        for name in names:
            self._name_index[node.kind].setdefault(name, set()).add(node.id)

    def _put_edge(self, edge: Edge | _EdgeRecord) -> None:
        rec = edge if isinstance(edge, _EdgeRecord) else _EdgeRecord.of(edge)
        old = self._edges.get(rec.id)
        if old is not None and (old.source != rec.source or old.target != rec.target):
            self._unlink(old)
        self._edges[rec.id] = rec
        out = self._succ.get(rec.source)
        if out is None:
            out = self._succ[rec.source] = {}
        out[rec.id] = rec
        into = self._pred.get(rec.target)
        if into is None:
            into = self._pred[rec.target] = {}
        into[rec.id] = rec
        if rec.type is EdgeType.SAME_STORY:
            self._index_same_story(rec)

    def _index_same_story(self, rec: _EdgeRecord) -> None:
        same = self._same_story
        same.setdefault(rec.source, {})[rec.id] = rec.target
        same.setdefault(rec.target, {})[rec.id] = rec.source

    def _unlink(self, rec: _EdgeRecord) -> None:
        self._succ.get(rec.source, {}).pop(rec.id, None)
        self._pred.get(rec.target, {}).pop(rec.id, None)
        if rec.type is EdgeType.SAME_STORY:
            for end in (rec.source, rec.target):
                at = self._same_story.get(end)
                if at is not None:
                    at.pop(rec.id, None)
                    if not at:
                        del self._same_story[end]

    def _prepare(self, graph: ArticleGraph) -> tuple[list[Node], list[_EdgeRecord]]:
        """Validate and compute the merged values without touching the store. Only what changes is
        returned: a node or edge that the graph repeats unchanged is left out."""
        nodes_now = self._nodes
        nodes = graph.nodes if graph.article is None else [graph.article, *graph.nodes]
        kinds: dict[str, NodeKind] = {}
        pending: dict[str, Node] = {}
        for n in nodes:
            nid = n.id
            kinds[nid] = n.kind
            base = (pending.get(nid) if pending else None) or nodes_now.get(nid)
            if base is n:  # a node instance shared by many graphs (a dataset's actors and sources)
                continue
            if base is None:
                pending[nid] = n
                continue
            if base.kind is not n.kind:
                raise StoreError(f"id {nid!r} is a {base.kind.value}, cannot write it as a {n.kind.value}")
            merged = merge_node(base, n)
            if merged is not base:
                pending[nid] = merged
        _check_edges(graph, kinds, nodes_now)
        pending_edges: dict[str, _EdgeRecord] = {}
        edges_now = self._edges
        for e in graph.edges:
            eid = e.id
            rec = pending_edges.get(eid) or edges_now.get(eid)
            if rec is None:
                pending_edges[eid] = _EdgeRecord.of(e)
            elif not rec.same_as(e):
                pending_edges[eid] = _EdgeRecord.of(merge_edge(rec.model(), e))
        return list(pending.values()), list(pending_edges.values())

    def _commit(self, nodes: list[Node], edges: list[_EdgeRecord], source_key: str) -> None:
        for n in nodes:
            self._put_node(n)
        # _put_edge inlined for the common case, an edge the store does not hold yet.
        by_id, succ, pred = self._edges, self._succ, self._pred
        for rec in edges:
            eid = rec.id
            if eid in by_id:
                self._put_edge(rec)
                continue
            by_id[eid] = rec
            out = succ.get(rec.source)
            if out is None:
                out = succ[rec.source] = {}
            out[eid] = rec
            into = pred.get(rec.target)
            if into is None:
                into = pred[rec.target] = {}
            into[eid] = rec
            if rec.type is EdgeType.SAME_STORY:
                self._index_same_story(rec)
        if source_key:
            self._sources.add(source_key)

    def _apply(self, graph: ArticleGraph) -> None:
        nodes, edges = self._prepare(graph)
        self._commit(nodes, edges, graph.source_key)

    def _edge(self, edge_id: str) -> Edge | None:
        rec = self._edges.get(edge_id)
        return rec.model() if rec is not None else None

    # -- GraphStore: writing --------------------------------------------------------------------
    def write_article(self, graph: ArticleGraph) -> None:
        """Write one graph atomically; durable (fsynced) when this returns."""
        self.write_many([graph])

    def write_many(self, graphs: Sequence[ArticleGraph]) -> None:
        """Write several graphs, each atomically, with one fsync for all of them.

        A graph that is refused raises; the graphs before it are written (and durable), the ones after
        it are not. When this returns, every graph is durable.
        """
        with self._lock:
            appended = False
            try:
                for graph in graphs:
                    nodes, edges = self._prepare(graph)  # raises before anything changes
                    if self.path is not None:
                        self._append(graph)
                        appended = True
                    self._commit(nodes, edges, graph.source_key)
            finally:
                if appended and not self._journal.closed:
                    self._sync()
            self._maybe_compact()

    def has_source(self, source_key: str) -> bool:
        return source_key in self._sources

    def delete_edge(self, edge_id: str) -> None:
        self.delete_edges([edge_id])

    def delete_edges(self, edge_ids: Iterable[str]) -> None:
        with self._lock:
            held = self._edges
            ids = [eid for eid in dict.fromkeys(edge_ids) if eid in held]
            self._journal_delete(_DELETE_EDGES, ids)
            self._drop_edges(ids)
            self._maybe_compact()

    def delete_nodes(self, node_ids: Iterable[str]) -> None:
        with self._lock:
            held = self._nodes
            ids = [nid for nid in dict.fromkeys(node_ids) if nid in held]
            self._journal_delete(_DELETE_NODES, ids)
            self._drop_nodes(ids)
            self._maybe_compact()

    def overwrite_nodes(self, nodes: Iterable[Node]) -> None:
        with self._lock:
            todo = list({n.id: n for n in nodes}.values())
            for n in todo:
                old = self._nodes.get(n.id)
                if old is not None and old.kind is not n.kind:
                    raise StoreError(
                        f"id {n.id!r} is a {old.kind.value}, cannot write it as a {n.kind.value}"
                    )
            if not todo:
                return
            if self.path is not None:
                nodes_json = ",".join(n.model_dump_json() for n in todo)
                self._journal_synced(f'{{"overwrite_nodes":[{nodes_json}]}}\n'.encode())
            for n in todo:
                self._put_node(n)
            self._maybe_compact()

    def _drop_edges(self, edge_ids: Iterable[str]) -> None:
        for eid in edge_ids:
            rec = self._edges.pop(eid, None)
            if rec is not None:
                self._unlink(rec)

    def _drop_nodes(self, node_ids: Iterable[str]) -> None:
        """Remove the nodes, their edges and their index entries from memory."""
        for nid in node_ids:
            node = self._nodes.get(nid)
            if node is None:
                continue
            for name in _names(node):
                self._name_index[node.kind].get(name, set()).discard(nid)
            self._kind_ids[node.kind].discard(nid)
            self._date_tiers = None
            if isinstance(node, Claim):
                self._index_claim(node, add=False)
            for rec in [*self._succ.pop(nid, _EMPTY).values(), *self._pred.pop(nid, _EMPTY).values()]:
                self._edges.pop(rec.id, None)
                self._unlink(rec)
            del self._nodes[nid]

    def _journal_delete(self, key: str, ids: list[str]) -> None:
        """Journal a deletion, fsynced, before it is made in memory (a failed append is cut back and
        raised, and nothing is deleted). A journal line, not a snapshot: a snapshot per deletion call
        rewrote the whole graph three times in each resolution pass."""
        if not ids or self.path is None:
            return
        line = json.dumps({key: ids}, ensure_ascii=False, separators=(",", ":")) + "\n"
        self._journal_synced(line.encode())

    def _journal_synced(self, line: bytes) -> None:
        """Append a journal line and fsync it, before the change is made in memory; a failed append or
        fsync is cut back and raised, and the caller changes nothing."""
        start = self._journal_size
        self._append_line(line)
        try:
            self._sync()
        except BaseException:
            self._cut_journal(start)
            self._journal_size = start
            self._journal_lines -= 1
            raise

    def _replay_delete(self, data: dict[str, list[str]]) -> None:
        self._drop_edges(data.get(_DELETE_EDGES, []))
        self._drop_nodes(data.get(_DELETE_NODES, []))

    def clear(self) -> None:
        with self._lock:
            self._nodes.clear()
            self._edges.clear()
            self._succ.clear()
            self._pred.clear()
            self._sources.clear()
            self._name_index = {k: {} for k in NodeKind}
            self._kind_ids = {k: set() for k in NodeKind}
            self._claims_by_actor = {}
            self._same_story = {}
            self._date_tiers = None
            self._json_memo.clear()
            if self.path is not None:
                self._snapshot()

    def close(self) -> None:
        with self._lock:
            if self.path is not None and not self._journal.closed:
                if self._journal_lines:
                    self._snapshot()
                self._journal.close()

    def flush(self) -> None:
        """Fold the journal into a fresh snapshot now."""
        with self._lock:
            if self.path is not None:
                self._snapshot()

    # -- GraphStore: reading --------------------------------------------------------------------
    def get(self, node_id: str) -> Node | None:
        return self._nodes.get(node_id)

    def get_edge(self, edge_id: str) -> Edge | None:
        return self._edge(edge_id)

    def find(self, kind: NodeKind, name: str | None = None, limit: int | None = None) -> list[Node]:
        if name is None:
            out = list(self.iter_nodes(kind))
        else:
            ids = sorted(self._name_index[kind].get(normalise(name), set()))
            out = [self._nodes[i] for i in ids]
        return out[:limit] if limit is not None else out

    def edges(
        self, etype: EdgeType | None = None, source: str | None = None, target: str | None = None
    ) -> list[Edge]:
        it: Iterable[_EdgeRecord]
        if source is not None:
            it = self._succ.get(source, _EMPTY).values()
        elif target is not None:
            it = self._pred.get(target, _EMPTY).values()
        else:
            it = self._edges.values()
        out = [
            r
            for r in it
            if (etype is None or r.type is etype)
            and (source is None or r.source == source)
            and (target is None or r.target == target)
        ]
        return [r.model() for r in sorted(out, key=lambda r: r.id)]

    def neighbours(
        self, node_id: str, etype: EdgeType | None = None, direction: Direction = "both"
    ) -> list[tuple[Edge, Node]]:
        if node_id not in self._nodes:
            return []
        pairs: list[tuple[_EdgeRecord, Node]] = []
        if direction in ("out", "both"):
            for r in self._succ.get(node_id, _EMPTY).values():
                if etype is None or r.type is etype:
                    pairs.append((r, self._nodes[r.target]))
        if direction in ("in", "both"):
            for r in self._pred.get(node_id, _EMPTY).values():
                if etype is None or r.type is etype:
                    pairs.append((r, self._nodes[r.source]))
        pairs.sort(key=lambda p: (p[0].id, p[1].id))
        return [(r.model(), n) for r, n in pairs]

    def _known(self, node_id: str) -> Any:
        """A node the caller knows the kind of (it came through a typed edge or index)."""
        return self._nodes[node_id]

    def _out(self, node_id: str, etype: EdgeType) -> list[str]:
        return [r.target for r in self._succ.get(node_id, _EMPTY).values() if r.type is etype]

    def _in(self, node_id: str, etype: EdgeType) -> list[str]:
        return [r.source for r in self._pred.get(node_id, _EMPTY).values() if r.type is etype]

    def _resolve_ids(self, kind: NodeKind, name_or_id: str) -> set[str]:
        return {n.id for n in self.resolve(kind, name_or_id)}

    def _with_parts(self, actor_ids: set[str]) -> set[str]:
        """Actors plus everything PART_OF them, transitively."""
        out = set(actor_ids)
        stack = list(actor_ids)
        while stack:
            for child in self._in(stack.pop(), EdgeType.PART_OF):
                if child not in out and self._nodes[child].kind is NodeKind.ACTOR:
                    out.add(child)
                    stack.append(child)
        return out

    def _incident_actors(self, inc_id: str) -> set[str]:
        ids = set(self._out(inc_id, EdgeType.INVOLVES))
        for cid in self._in(inc_id, EdgeType.ABOUT):
            claim: Claim = self._known(cid)
            ids.update(x for x in (claim.claimant_id, claim.target_id) if x)
        return ids

    def timeline(self, flt: TimelineFilter | None = None, limit: int | None = None) -> list[Incident]:
        check_limit(limit)
        flt = flt or TimelineFilter()
        actor_ids: set[str] | None = None
        if flt.actor is not None:
            actor_ids = self._resolve_ids(NodeKind.ACTOR, flt.actor)
            if flt.include_parts:
                actor_ids = self._with_parts(actor_ids)
        claimant_ids = self._resolve_ids(NodeKind.ACTOR, flt.claimant) if flt.claimant is not None else None
        places: list[Location] = []
        if flt.location is not None:
            places = [n for n in self.resolve(NodeKind.LOCATION, flt.location) if isinstance(n, Location)]
        # Narrow to candidate incidents with the indexes; every candidate still goes through the
        # same checks below, so the indexes only decide how many incidents are looked at.
        candidates: set[str] | None = None
        if actor_ids is not None:
            candidates = self._incidents_touching(actor_ids)
        if claimant_ids is not None:
            found = self._incidents_touching(claimant_ids)
            candidates = found if candidates is None else candidates & found
        if flt.location is not None:
            found = self._incidents_near_candidates(places, flt.within_km)
            candidates = found if candidates is None else candidates & found
        if flt.since is not None or flt.until is not None:
            found = self._incidents_overlapping(flt.since, flt.until)
            candidates = found if candidates is None else candidates & found
        pool = self._kind_ids[NodeKind.INCIDENT] if candidates is None else candidates
        out: list[Incident] = []
        for nid in pool:
            node = self._nodes[nid]
            if not isinstance(node, Incident):
                continue
            if flt.types and node.incident_type not in flt.types:
                continue
            if (flt.since or flt.until) and not node.event_time.overlaps(flt.since, flt.until):
                continue
            if actor_ids is not None and not (self._incident_actors(node.id) & actor_ids):
                continue
            if claimant_ids is not None:
                made = {self._known(c).claimant_id for c in self._in(node.id, EdgeType.ABOUT)}
                if not (made & claimant_ids):
                    continue
            if flt.location is not None and not self._near(node.id, places, flt.within_km):
                continue
            if flt.as_of is not None and not self._reported_by(node.id, flt.as_of):
                continue
            out.append(node)
        out.sort(key=incident_sort_key)
        return out if limit is None else out[:limit]

    # Interval tiers: incidents up to a month long, up to a year, and longer (few: scanned whole).
    _TIERS_DAYS = (31, 366, None)

    def _incidents_overlapping(self, since: date | None, until: date | None) -> set[str]:
        """Dated incidents whose interval may touch [since, until]: a superset found by bisecting each
        tier's start-sorted list (an interval of at most N days overlapping the range starts after
        since - N days)."""
        import bisect
        from datetime import timedelta

        if self._date_tiers is None:
            tiers: list[tuple[int | None, list[tuple[date, date, str]]]] = [(d, []) for d in self._TIERS_DAYS]
            for nid in self._kind_ids[NodeKind.INCIDENT]:
                span = self._known(nid).event_time
                if span.start is None or span.end is None:
                    continue
                days = (span.end - span.start).days
                for limit, items in tiers:
                    if limit is None or days <= limit:
                        items.append((span.start, span.end, nid))
                        break
            for _, items in tiers:
                items.sort()
            self._date_tiers = tiers
        out: set[str] = set()
        for limit, items in self._date_tiers:
            lo = 0
            if since is not None and limit is not None:
                lo = bisect.bisect_left(items, (since - timedelta(days=limit),))
            hi = len(items) if until is None else bisect.bisect_right(items, (until, date.max, "\uffff"))
            out.update(nid for _, end, nid in items[lo:hi] if since is None or end >= since)
        return out

    def _incidents_touching(self, actor_ids: set[str]) -> set[str]:
        """Incidents an actor is INVOLVED in, or that a claim naming it (claimant or target) is ABOUT:
        a superset of the actor and claimant filters' matches."""
        out: set[str] = set()
        for aid in actor_ids:
            out.update(self._in(aid, EdgeType.INVOLVES))
            for cid in self._claims_by_actor.get(aid, ()):
                out.update(self._out(cid, EdgeType.ABOUT))
        return out

    def _incidents_near_candidates(self, places: list[Location], within_km: float | None) -> set[str]:
        """Incidents OCCURRED_NEAR the places (or, with a radius, near any location within it)."""
        if within_km is None:
            locs = {p.id for p in places}
        else:
            locs = set()
            for lid in self._kind_ids[NodeKind.LOCATION]:
                loc = self._known(lid)
                if loc.lat is None or loc.lon is None:
                    continue
                if any(
                    p.lat is not None
                    and p.lon is not None
                    and haversine_km(p.lat, p.lon, loc.lat, loc.lon) <= within_km
                    for p in places
                ):
                    locs.add(lid)
        out: set[str] = set()
        for lid in locs:
            out.update(self._in(lid, EdgeType.OCCURRED_NEAR))
        return out

    def _near(self, inc_id: str, places: list[Location], within_km: float | None) -> bool:
        locs = [self._known(i) for i in self._out(inc_id, EdgeType.OCCURRED_NEAR)]
        if within_km is None:
            wanted = {p.id for p in places}
            return any(loc.id in wanted for loc in locs)
        for p in places:
            if p.lat is None or p.lon is None:
                continue
            for loc in locs:
                if (
                    loc.lat is not None
                    and loc.lon is not None
                    and haversine_km(p.lat, p.lon, loc.lat, loc.lon) <= within_km
                ):
                    return True
        return False

    def _reported_by(self, node_id: str, as_of: date) -> bool:
        for aid in self._out(node_id, EdgeType.REPORTED_IN):
            art: Article = self._known(aid)
            if art.published is not None and art.published <= as_of:
                return True
        return False

    def _articles_of(self, node_id: str) -> set[str]:
        return set(self._out(node_id, EdgeType.REPORTED_IN))

    def claim_chain(self, start_id: str, max_depth: int = 6, as_of: date | None = None) -> list[ChainStep]:
        start = self.get(start_id)
        if start is None:
            return []

        def visible(cid: str) -> bool:
            return as_of is None or self._reported_by(cid, as_of)

        roots: list[Claim]
        if isinstance(start, Claim):
            cur = start
            seen = {cur.id}
            while cur.about_id and cur.about_id in self._nodes:
                parent = self._nodes[cur.about_id]
                if not isinstance(parent, Claim) or parent.id in seen or not visible(parent.id):
                    break
                seen.add(parent.id)
                cur = parent
            roots = [cur] if visible(cur.id) else []
        elif isinstance(start, Incident):
            roots = [
                c
                for cid in self._in(start.id, EdgeType.ABOUT)
                if isinstance(c := self._nodes[cid], Claim) and visible(cid)
            ]
        else:
            return []
        roots.sort(key=claim_sort_key)
        steps: list[ChainStep] = []
        placed: set[str] = set()

        def children(claim: Claim) -> list[tuple[Claim, str]]:
            kids: dict[str, tuple[Claim, str]] = {}
            for cid in self._in(claim.id, EdgeType.ABOUT):
                c = self._nodes[cid]
                if isinstance(c, Claim) and visible(cid):
                    kids[cid] = (c, "about")
            if claim.stance is Stance.DENY and claim.claimant_id and claim.about_id:
                denied = self.get(claim.about_id)
                if isinstance(denied, Claim) and denied.claimant_id:
                    accused = {denied.claimant_id, *self._out(denied.claimant_id, EdgeType.PART_OF)}
                    arts = self._articles_of(claim.id)
                    for cid in self._out(claim.claimant_id, EdgeType.MADE):
                        c = self._nodes[cid]
                        if (
                            isinstance(c, Claim)
                            and c.stance is Stance.ACCUSE
                            and c.target_id in accused
                            and cid not in kids
                            and self._articles_of(cid) & arts
                            and visible(cid)
                        ):
                            kids[cid] = (c, "counter")
            return sorted(kids.values(), key=lambda kv: claim_sort_key(kv[0]))

        def walk(claim: Claim, depth: int, parent: str | None, relation: str) -> None:
            if claim.id in placed:
                return
            placed.add(claim.id)
            steps.append(ChainStep(claim=claim, depth=depth, parent_id=parent, relation=relation))
            if depth >= max_depth:
                return
            for kid, rel in children(claim):
                walk(kid, depth + 1, claim.id, rel)

        for r in roots:
            walk(r, 0, None, "root")
        return steps

    def row_facts(
        self, incident_ids: Iterable[str], claim_depth: int, known: Sequence[Incident] = ()
    ) -> RowFacts:
        # The generic row_facts read from the edge records themselves: neighbours() makes an Edge model
        # of every edge at a node and the generic reads every type, where a row needs a few fields of
        # a few types (a month's rows touch hundreds of thousands of edges).
        nodes = self._nodes
        facts = RowFacts()
        links, incidents, claims = facts.links, facts.incidents, facts.claims
        with CYCLIC_GC_PAUSED:
            for nid in incident_ids:
                if isinstance(node := nodes.get(nid), Incident):
                    incidents[nid] = node
            frontier = list(incidents)
            while frontier:  # SAME_AS components, level by level
                level: list[str] = []
                for x in frontier:
                    links[x] = self._row_links(x)
                    for link in links[x]:
                        if (
                            link.type is EdgeType.SAME_AS
                            and link.other not in incidents
                            and isinstance(node := nodes[link.other], Incident)
                        ):
                            incidents[node.id] = node
                            level.append(node.id)
                frontier = level
            frontier = list(incidents)
            for _ in range(claim_depth):
                level = []
                for x in frontier:
                    for link in links[x]:
                        if (
                            link.type is EdgeType.ABOUT
                            and not link.outgoing
                            and link.other not in claims
                            and isinstance(node := nodes[link.other], Claim)
                        ):
                            claims[node.id] = claim_facts(node)
                            level.append(node.id)
                for x in level:
                    links[x] = self._row_links(x)
                frontier = level
            named = [
                cid
                for c in list(claims)
                for link in links[c]
                if link.type is EdgeType.DENIES and not link.outgoing
                if isinstance(cid := link.props.get("claim_id"), str) and cid not in claims
            ]
            for cid in named:
                if cid not in claims and isinstance(node := nodes.get(cid), Claim):
                    claims[cid] = claim_facts(node)
                    links[cid] = self._row_links(cid)
            self._row_briefs(facts)
        return facts

    def _row_links(self, node_id: str) -> list[Link]:
        """A node's links as :class:`RowFacts` holds them: sorted by (edge id, other id), outgoing first
        on a tie (a self-loop), as the generic row_facts sorts ``neighbours()``. The links are made
        straight from the records (a tuple's own constructor, props copied only when set) and sorted
        only when there are several: a month's rows read ~30,000 of them."""
        new, keys = _new_tuple, ROW_LINK_PROPS
        found = [
            new(Link, (r.type, r.id, r.target, True, _row_props(r.props, keys) if r.props else {}))
            for r in self._succ.get(node_id, _EMPTY).values()
            if r.type in ROW_LINKS_OUT
        ]
        found += [
            new(Link, (r.type, r.id, r.source, False, _row_props(r.props, keys) if r.props else {}))
            for r in self._pred.get(node_id, _EMPTY).values()
            if r.type in ROW_LINKS_IN
        ]
        if len(found) > 1:
            found.sort(key=_BY_EDGE_ID)  # stable: a self-loop's outgoing link stays first
        return found

    def _row_briefs(self, facts: RowFacts) -> None:
        """The articles, places and names of ``facts``' links, incidents and claims (:class:`RowFacts`)."""
        nodes = self._nodes
        arts: dict[str, None] = {}
        places: dict[str, None] = {}
        names: dict[str, None] = {}
        for x in facts.links.values():
            for link in x:
                t = link.type
                if t is EdgeType.REPORTED_IN:
                    arts[link.other] = None
                elif t is EdgeType.INVOLVES:
                    names[link.other] = None
                elif t is EdgeType.OCCURRED_NEAR:
                    places[link.other] = None
        for inc in facts.incidents.values():
            if inc.location_id:
                places[inc.location_id] = None
            for f in inc.figures:
                arts[f.source] = None
                names[f.source] = None
        for c in facts.claims.values():
            if c.claimant_id:
                names[c.claimant_id] = None
            if c.target_id:
                names[c.target_id] = None
        same_story = self._same_story
        for aid in arts:
            a = nodes.get(aid)
            if isinstance(a, Article):
                same = same_story.get(aid)
                facts.articles[aid] = ArticleBrief(
                    aid,
                    a.title,
                    a.outlet,
                    a.url,
                    a.published,
                    "dataset" in a.extra,
                    frozenset(same.values()) if same else _NO_IDS,
                )
        for pid in places:
            if isinstance(p := nodes.get(pid), Location):
                facts.places[pid] = p
        for nid in names:
            if (n := nodes.get(nid)) is not None:
                facts.names[nid] = display_name(n)

    def stats(self) -> dict[str, int]:
        out: dict[str, int] = {"nodes": len(self._nodes), "edges": len(self._edges)}
        out["sources"] = len(self._sources)
        for n in self._nodes.values():
            k = n.kind.value
            out[k] = out.get(k, 0) + 1
        for r in self._edges.values():
            out[r.type.value] = out.get(r.type.value, 0) + 1
        return out

    def iter_nodes(self, kind: NodeKind | None = None) -> Iterator[Node]:
        for nid in sorted(self._kind_ids[kind] if kind is not None else self._nodes):
            yield self._nodes[nid]

    def iter_edges(self, etype: EdgeType | None = None) -> Iterator[Edge]:
        for eid in sorted(self._edges):
            r = self._edges[eid]
            if etype is None or r.type is etype:
                yield r.model()


__all__ = ["Actor", "NetworkXStore", "haversine_km"]
