"""The Neo4j store: the same answers as :class:`graph.nx_store.NetworkXStore`, from a real Neo4j 5.

Each node is stored under its :class:`NodeKind` label with its full JSON (``data``, for an exact round
trip) and the scalar properties the queries filter on (``names``, ``event_start``, ``claimant_id``,
``published``, a WGS-84 ``point`` ...). Each edge is a relationship of its :class:`EdgeType` with its
``id``, its JSON ``data``, ``evidence`` JSON and its scalar props. Committed source keys are
``:Ledger`` nodes, the only label that is not a node kind. Every statement lives in
:mod:`graph.cypher`.

Writes merge in Python with :mod:`graph.merge` (as the embedded store does, so both hold the same
values), then send batched ``UNWIND … MERGE`` statements, all in one managed transaction, which the
driver retries on transient errors.

Messages name the server without any password in its URL:

>>> redact_url("bolt://neo4j:secret@127.0.0.1:7687")
'bolt://127.0.0.1:7687'
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import time
from collections import defaultdict
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote, urlsplit

import neo4j
from neo4j import GraphDatabase, ManagedTransaction
from neo4j import exceptions as neo4j_errors
from pydantic import BaseModel, TypeAdapter

from graph import cypher
from graph.errors import StoreError, StoreUnavailable, ValidationError, WriteRefused
from graph.gcpause import CYCLIC_GC_PAUSED as _CYCLIC_GC_PAUSED
from graph.merge import merge_edge, merge_node
from graph.model import (
    PRECISION_RANK,
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
    Precision,
    Stance,
    normalise,
)
from graph.nx_store import _names as node_names
from graph.store import (
    ROW_LINK_PROPS,
    ArticleBrief,
    ChainStep,
    ClaimFacts,
    Direction,
    GraphStore,
    Link,
    RowFacts,
    TimelineFilter,
    check_limit,
    claim_sort_key,
    incident_sort_key,
    span_claim_facts,
    time_sort_key,
)

T = TypeVar("T")

# How many article graphs write_many puts in one transaction: each statement and each commit has a
# fixed cost, spread over more articles in a bigger batch. 1000 synthetic articles (bench/store.py)
# are about 17k node and 27k edge rows, some tens of MB of transaction state on the server.
BATCH_ARTICLES = 1000
# and at most about this many nodes and edges: the resolution pass writes graphs of 500 nodes or
# edges each, and a thousand of those would make one transaction of half a million rows.
BATCH_ROWS = 50_000
# How long opening a store waits for its indexes to come online (a new index on a big database
# takes a while to populate; queries that name it in a hint cannot run before).
INDEX_WAIT_SECONDS = 600
# Lost connections and transient errors are retried with exponential backoff from this delay for
# CONFLICTGRAPH_RETRY_SECONDS (default DEFAULT_RETRY_SECONDS); the driver's own retry of a managed
# transaction gets the same budget, so a dead server ends a command after about twice that.
RETRY_BASE_SECONDS = 0.5
DEFAULT_RETRY_SECONDS = 30.0
_RETRYABLE = (
    neo4j_errors.ServiceUnavailable,
    neo4j_errors.SessionExpired,
    neo4j_errors.TransientError,
    # The commit was sent but its answer lost: safe to redo, every write is an idempotent merge.
    neo4j_errors.IncompleteCommit,
)
# The driver logs each of its retries at WARNING; with no logging configured Python would print them
# all on stderr. The command reports the outcome in one line instead; configured logging still gets them.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
# Iteration streams nodes and edges in chunks of this many ids.
ITER_CHUNK = 2000
# Neo4j's point.distance works on a sphere of radius 6378140 m, graph.nx_store.haversine_km on one
# of 6371.0088 km: a kilometre of ours is this many of Neo4j's metres.
_NEO4J_METRES_PER_KM = 1000 * 6378140.0 / 6371008.8
# Edge props that would clash with the relationship's own properties.
_RESERVED_EDGE_PROPS = frozenset({"id", "data", "evidence"})


def read_credentials(env_file: str | Path = ".env") -> tuple[str, str | None]:
    """``(user, password)`` from ``NEO4J_USER`` / ``NEO4J_PASSWORD``, else from a ``.env`` file in the
    working directory (``KEY=value`` lines, optional ``export`` and quotes); user defaults to neo4j.

    >>> import os; os.environ["NEO4J_USER"] = "reader"; read_credentials("/nonexistent")[0]
    'reader'
    >>> del os.environ["NEO4J_USER"]
    """
    found: dict[str, str] = {}
    path = Path(env_file)
    if path.is_file():
        # A handful of KEY=value lines does not need python-dotenv.
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$", line)
            if not m or line.lstrip().startswith("#"):
                continue
            value = m.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            found[m.group(1)] = value
    user = os.environ.get("NEO4J_USER") or found.get("NEO4J_USER") or "neo4j"
    password = os.environ.get("NEO4J_PASSWORD") or found.get("NEO4J_PASSWORD")
    return user, password


def retry_seconds() -> float:
    """How long lost connections and transient errors are retried: ``CONFLICTGRAPH_RETRY_SECONDS``
    (default 30).

    >>> import os; os.environ["CONFLICTGRAPH_RETRY_SECONDS"] = "5"; retry_seconds()
    5.0
    >>> del os.environ["CONFLICTGRAPH_RETRY_SECONDS"]
    """
    raw = os.environ.get("CONFLICTGRAPH_RETRY_SECONDS", "").strip()
    if not raw:
        return DEFAULT_RETRY_SECONDS
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:  # also refuses nan
        raise ValidationError(f"CONFLICTGRAPH_RETRY_SECONDS={raw!r} is not a number of seconds >= 0")
    return value


def redact_url(url: str) -> str:
    """The URL without any ``user:password@`` part, safe to print."""
    return re.sub(r"(://)[^/@]*@", r"\1", url)


def span_tier(start: date | None, end: date | None) -> int | None:
    """The date-range tier of an interval, as cypher.EVENT_TIER_DAYS defines it (None when undated):
    the timeline's date filter seeks each tier's incidents by start date within a window that wide.

    >>> span_tier(date(2023, 9, 1), date(2023, 9, 30)), span_tier(date(2020, 1, 1), date(2023, 1, 1))
    (0, 2)
    """
    if start is None or end is None:
        return None
    days = (end - start).days
    return next(
        (t for t, limit in enumerate(cypher.EVENT_TIER_DAYS) if days <= limit), len(cypher.EVENT_TIER_DAYS)
    )


def _node_props(node: Node) -> dict[str, Any]:
    """The properties stored on a node: its JSON plus the scalars the queries filter on."""
    props: dict[str, Any] = {"data": node.model_dump_json(), "names": sorted(node_names(node))}
    if isinstance(node, Article):
        props.update(title=node.title, published=node.published, outlet=node.outlet, url=node.url)
    elif isinstance(node, Actor):
        props.update(name=node.name, actor_kind=node.actor_kind.value, country=node.country)
    elif isinstance(node, Location):
        props.update(
            name=node.name,
            location_kind=node.location_kind.value,
            country=node.country,
            lat=node.lat,
            lon=node.lon,
        )
    elif isinstance(node, Incident):
        props.update(
            incident_type=node.incident_type.value,
            event_start=node.event_time.start,
            event_end=node.event_time.end,
            precision=node.event_time.precision.value,
            precision_rank=PRECISION_RANK[node.event_time.precision],
            event_tier=span_tier(node.event_time.start, node.event_time.end),
            # read by the researchers' Cypher cookbook (queries/*.cypher), which cannot parse `data`
            summary=node.summary,
            killed=node.killed,
            injured=node.injured,
        )
    elif isinstance(node, Claim):
        props.update(
            stance=node.stance.value,
            claimant_id=node.claimant_id,
            target_id=node.target_id,
            about_id=node.about_id,
            claim_start=node.claim_time.start,
            # read by the researchers' Cypher cookbook (queries/*.cypher), which cannot parse `data`
            claim_end=node.claim_time.end,
            claim_precision=node.claim_time.precision.value,
            quote=node.quote,
        )
    return props


_EVIDENCE_JSON = TypeAdapter(list[Evidence])


def _edge_props(edge: Edge) -> dict[str, Any]:
    # A prop whose name Neo4j cannot use as a property key (empty, NUL) lives only in ``data``.
    props: dict[str, Any] = {
        k: v for k, v in edge.props.items() if k and "\x00" not in k and k not in _RESERVED_EDGE_PROPS
    }
    props.update(
        data=edge.model_dump_json(),
        evidence=_EVIDENCE_JSON.dump_json(edge.evidence).decode() if edge.evidence else "[]",
    )
    return props


class _Rows(list[Any]):
    """The rows of one batched statement. The driver formats a debug line with ``repr`` of all the
    parameters even when debug logging is off; for thousands of rows that costs as much as packing
    them, so the repr here is short."""

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _node_row(node: Node) -> dict[str, Any]:
    """A row of :data:`cypher.NODE_UPSERT`. Its dates travel as ISO strings, which the statement turns
    back into dates: the driver packs a date in Python (tens of microseconds), a string for nothing."""
    props = _node_props(node)
    for name in cypher.DATE_PROPS.get(node.kind, ()):
        value = props[name]
        if value is not None:
            props[name] = value.isoformat()
    return {"id": node.id, "props": props}


def _edge_row(edge: Edge) -> dict[str, Any]:
    return {"id": edge.id, "source": edge.source, "target": edge.target, "props": _edge_props(edge)}


# Rows built ahead, by id() of the model they were built from (kept with it, to check identity).
_GivenRows = dict[int, tuple[object, dict[str, Any]]]


def _given_rows(graphs: Sequence[ArticleGraph]) -> _GivenRows:
    """The row of every node and edge of ``graphs`` as given, keyed by ``id()`` of the model. Most of
    a batch is new to the store, and merging a new node or edge returns the very model given, so
    these rows are the ones written; write_many builds them while the previous batch is written."""
    rows: _GivenRows = {}
    for g in graphs:
        nodes: list[Node] = [g.article] if g.article is not None else []
        for n in [*nodes, *g.nodes]:
            rows[id(n)] = (n, _node_row(n))
        for e in g.edges:
            rows[id(e)] = (e, _edge_row(e))
    return rows


def _row(given: _GivenRows, model: Node | Edge) -> dict[str, Any]:
    found = given.get(id(model))
    if found is not None and found[0] is model:
        return found[1]
    return _node_row(model) if not isinstance(model, Edge) else _edge_row(model)


def _callers(given: _GivenRows, model: Node | Edge) -> bool:
    """Whether ``model`` is one of the caller's own (given) models, which the caller may still change."""
    found = given.get(id(model))
    return found is not None and found[0] is model


def _chunks(items: list[T], size: int) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# A node's JSON straight to its class, picked by its "kind" (json.loads and a validation of the dict
# took a third longer; the same models).
_NODE_JSON: TypeAdapter[Node] = TypeAdapter(Node)


def _node(data: str) -> Node:
    return _NODE_JSON.validate_json(data)


class _ArticleExtra(BaseModel):
    """The one field of an article's JSON that row_facts needs and Neo4j holds nowhere else."""

    extra: dict[str, str] = {}


# Text that an article's JSON holds when its ``extra`` has a 'dataset' key: the key as JSON writes it.
# Inside a JSON string a quote is escaped (\"), so no title or text holds it; an article without
# it is no dataset row's outlet, and row_facts parses only the JSON of those that hold it.
_DATASET_KEY = '"dataset":'
# An id Cypher may order apart from Python (cypher._PAGE): it holds a character from U+D800 on. A Java
# regex, matched against the whole id; (?s) lets '.' cross a line break.
_ODD_ID = "(?s).*[^\\x{0}-\\x{D7FF}].*"
_EDGE_TYPES = {t.value: t for t in EdgeType}
_NO_PROPS = [None] * len(ROW_LINK_PROPS)


_PRECISIONS = {p.value: p for p in Precision}
_STANCES = {s.value: s for s in Stance}


def _iso_date(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _claim_facts(claim_id: str, fields: list[Any]) -> ClaimFacts:
    """A claim's :class:`ClaimFacts` from the properties :func:`cypher.row_nodes` projects."""
    claimant_id, target_id, stance, quote, start, end, precision = fields
    return span_claim_facts(
        claim_id,
        claimant_id,
        target_id,
        _STANCES[stance],
        quote or "",
        _iso_date(start),
        _iso_date(end),
        _PRECISIONS[precision],
    )


def _links(outgoing: list[list[Any]], incoming: list[list[Any]]) -> list[Link]:
    """A row_nodes node's links, sorted as neighbours() sorts (outgoing first on a tie)."""
    links = [
        Link(
            _EDGE_TYPES[item[0]],
            item[1],
            item[2],
            out,
            {k: v for k, v in zip(ROW_LINK_PROPS, item[3:], strict=True) if v is not None}
            if item[3:] != _NO_PROPS
            else {},
        )
        for items, out in ((outgoing, True), (incoming, False))
        for item in items
    ]
    links.sort(key=lambda link: (link.id, link.other))
    return links


def _plan_operators(plan: dict[str, Any] | None) -> list[str]:
    if not plan:
        return []
    name = str(plan.get("operatorType", "")).split("@", 1)[0]
    return [name, *(op for child in plan.get("children", []) for op in _plan_operators(child))]


# Plan operators that write, and the clause a user wrote to get them.
_WRITE_OPERATORS: tuple[tuple[str, str], ...] = (
    ("TransactionForeach", "CALL { ... } IN TRANSACTIONS"),
    ("TransactionApply", "CALL { ... } IN TRANSACTIONS"),
    ("LoadCSV", "LOAD CSV"),
    ("Merge", "MERGE"),
    ("Create", "CREATE"),
    ("DetachDelete", "DETACH DELETE"),
    ("Delete", "DELETE"),
    ("Remove", "REMOVE"),
    ("Set", "SET/REMOVE"),
    ("Foreach", "FOREACH"),
    ("Drop", "DROP"),
    ("ProcedureCall", "a write procedure CALL"),
)


def _write_clause(operators: list[str], query_type: str | None) -> str | None:
    """The write clause a plan reveals, or None for a read-only plan."""
    for op in operators:
        if op == "LoadCSV" or op.startswith("Transaction"):
            return dict(_WRITE_OPERATORS)[op]
    if query_type in (None, "r"):
        return None
    if query_type == "s":
        return "a schema change"
    for prefix, clause in _WRITE_OPERATORS:
        if any(op.startswith(prefix) for op in operators):
            return clause
    return "a write"


def _to_plain(value: Any) -> Any:
    """Driver values as plain Python: dates, points and graph objects become JSON-friendly."""
    if isinstance(value, dict):
        return {k: _to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_to_plain(v) for v in value]
    if hasattr(value, "to_native"):
        return value.to_native()
    if isinstance(value, neo4j.spatial.Point):
        return list(value)
    return value


class _SentRead:
    """A read statement sent (RUN and PULL) whose answer is read later: the server works on it while the
    client does something else. Reading it redoes the statement, with the usual retries, when the
    connection was lost meanwhile."""

    def __init__(self, store: Neo4jStore, query: str, params: dict[str, Any]) -> None:
        self.store, self.query, self.params = store, query, params
        self.session: neo4j.Session | None = None
        self.result: neo4j.Result | None = None

    @classmethod
    def send(cls, store: Neo4jStore, query: str, params: dict[str, Any]) -> _SentRead:
        sent = cls(store, query, params)
        try:
            sent.session = store._session(write=False)
            sent.result = sent.session.run(query, params)
        except _RETRYABLE:
            sent.close()  # read afresh, with retries, when asked for
        return sent

    def records(self) -> list[neo4j.Record]:
        try:
            if self.result is not None:
                return list(self.result)
        except _RETRYABLE:
            pass
        finally:
            self.close()
        return self.store._read(self.query, **self.params)

    def close(self) -> None:
        if self.session is not None:
            session, self.session, self.result = self.session, None, None
            with contextlib.suppress(*_RETRYABLE):  # a lost connection: nothing left to release
                session.close()


class Neo4jStore(GraphStore):
    """A store in Neo4j 5 (``bolt://`` or ``neo4j://``; credentials from NEO4J_USER / NEO4J_PASSWORD).

    Raises :class:`StoreUnavailable` when the server cannot be reached or refuses the credentials.
    """

    def __init__(self, url: str, database: str | None = None) -> None:
        self.url = url
        self._shown_url = redact_url(url)
        self.database = database
        self._retry_seconds = retry_seconds()
        # The store's own models of the nodes and edges the last write read or wrote, by their JSON
        # text (see _write_tx): a content key, so a hit is exactly what parsing that text would give.
        self._parsed_nodes: dict[str, Node] = {}
        self._parsed_edges: dict[str, Edge] = {}
        user, password = read_credentials()
        parts = urlsplit(url)
        if parts.username is not None:
            # Credentials written into the URL win; the driver itself refuses a URL with them.
            user, password = unquote(parts.username), unquote(parts.password or "") or password
        auth = (user, password) if password is not None else None
        try:
            self._driver = GraphDatabase.driver(
                self._shown_url,
                auth=auth,
                max_transaction_retry_time=self._retry_seconds,
                connection_timeout=min(30.0, max(1.0, self._retry_seconds)),
                notifications_min_severity="OFF",
            )
        except (ValueError, neo4j_errors.ConfigurationError) as exc:
            # The driver's message repeats the URL it was given; ours is already redacted.
            raise StoreUnavailable(
                f"cannot use Neo4j URL {self._shown_url}: {type(exc).__name__}; use bolt://HOST:PORT or "
                "neo4j://HOST:PORT"
            ) from exc
        try:
            self._driver.verify_connectivity()
        except neo4j_errors.AuthError as exc:
            self._driver.close()
            raise StoreUnavailable(
                f"Neo4j at {self._shown_url} refused the credentials of user {user!r}; "
                "check NEO4J_USER and NEO4J_PASSWORD (environment or .env)"
            ) from exc
        except (neo4j_errors.DriverError, neo4j_errors.Neo4jError, OSError) as exc:
            self._driver.close()
            raise StoreUnavailable(
                f"cannot reach Neo4j at {self._shown_url}; check that the server is running "
                "(scripts/neo4j status) and that the URL's host and port are right"
            ) from exc
        self._ensure_schema()

    # -- plumbing -------------------------------------------------------------------------------
    def _session(self, write: bool = True) -> neo4j.Session:
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _retrying(self, action: Callable[[], T]) -> T:
        """Run ``action``, retrying lost connections and transient errors with backoff until the
        retry budget (CONFLICTGRAPH_RETRY_SECONDS) is spent."""
        deadline = time.monotonic() + self._retry_seconds
        attempt = 0
        while True:
            try:
                return action()
            except _RETRYABLE as exc:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise StoreUnavailable(
                        f"lost the connection to Neo4j at {self._shown_url} (retried for "
                        f"{self._retry_seconds:g} s, CONFLICTGRAPH_RETRY_SECONDS); check that the server is "
                        "running (scripts/neo4j status), then run the command again: it resumes"
                    ) from exc
                time.sleep(min(left, RETRY_BASE_SECONDS * 2**attempt))
                attempt += 1

    def _read(self, query: str, **params: Any) -> list[neo4j.Record]:
        """One read statement in an auto-commit transaction: one round trip (RUN and PULL together),
        where a managed transaction needs a second one to commit; _retrying redoes it on a lost
        connection or a transient error, as the driver would redo a managed transaction."""

        def action() -> list[neo4j.Record]:
            with self._session(write=False) as session:
                return list(session.run(query, params))

        return self._retrying(action)

    def _write(self, query: str, **params: Any) -> None:
        def work(tx: ManagedTransaction) -> None:
            tx.run(query, params).consume()

        def action() -> None:
            with self._session() as session:
                session.execute_write(work)

        self._retrying(action)

    def _ensure_schema(self) -> None:
        present = {str(r["name"]) for r in self._read(cypher.INDEX_NAMES)}
        for index_name, statement in cypher.MIGRATIONS:
            if index_name not in present:
                self._write(statement)
        for statement in cypher.SCHEMA:
            try:
                self._write(statement)
            except neo4j_errors.ClientError as exc:
                # Another client created the same rule between our IF NOT EXISTS check and ours.
                if "EquivalentSchemaRuleAlreadyExists" not in (exc.code or ""):
                    raise
        self._read(cypher.AWAIT_INDEXES, seconds=INDEX_WAIT_SECONDS)

    # -- GraphStore: writing --------------------------------------------------------------------
    def write_article(self, graph: ArticleGraph) -> None:
        self.write_many([graph])

    def write_many(self, graphs: Sequence[ArticleGraph]) -> None:
        """Write several graphs, up to :data:`BATCH_ARTICLES` (and :data:`BATCH_ROWS` nodes and edges)
        per transaction. Each graph is all or nothing; when one is refused, the ones before it are
        written and its error is raised."""
        batches: list[list[ArticleGraph]] = []
        rows = 0
        for g in graphs:
            size = len(g.nodes) + len(g.edges) + 1
            if not batches or len(batches[-1]) >= BATCH_ARTICLES or (rows + size > BATCH_ROWS and rows):
                batches.append([])
                rows = 0
            batches[-1].append(g)
            rows += size
        if len(batches) <= 1:
            for batch in batches:
                self._write_batch(batch, _given_rows(batch))
            return
        # A second thread builds the next batch's rows (pure Python, no store access) while this one
        # waits for the server to write the current batch.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="conflictgraph-rows") as pool:
            upcoming = pool.submit(_given_rows, batches[0])
            for i, batch in enumerate(batches):
                given = upcoming.result()
                if i + 1 < len(batches):
                    upcoming = pool.submit(_given_rows, batches[i + 1])
                try:
                    self._write_batch(batch, given)
                except BaseException:
                    upcoming.cancel()
                    raise

    def _write_batch(self, batch: list[ArticleGraph], given: _GivenRows) -> None:
        def action() -> Exception | None:
            with self._session() as session:
                return session.execute_write(self._write_tx, batch, given)

        refused = self._retrying(action)
        if refused is not None:
            raise refused

    def _write_tx(
        self,
        tx: ManagedTransaction,
        graphs: list[ArticleGraph],
        given: _GivenRows | None = None,
    ) -> Exception | None:
        """Prepare and write ``graphs`` in ``tx``. A graph refused by validation ends the batch: the
        graphs before it are written and its error is returned (raising would roll them back).
        ``given`` holds rows already built for the graphs' models (see :func:`_given_rows`)."""
        given = given or {}
        node_ids = {n.id for g in graphs for n in ([g.article] if g.article else []) + list(g.nodes)}
        node_ids |= {x for g in graphs for e in g.edges for x in (e.source, e.target)}
        edge_ids: dict[EdgeType, set[str]] = defaultdict(set)
        for g in graphs:
            for e in g.edges:
                edge_ids[e.type].add(e.id)
        # One read for the stored nodes and edges the batch merges over: an edge at a node this write
        # creates cannot exist, but looking up its id costs the server less than a statement more.
        [record] = tx.run(
            cypher.STORED_OF_BATCH,
            ids=_Rows(sorted(node_ids)),
            edge_ids=_Rows(_Rows(sorted(edge_ids.get(t, ()))) for t in cypher.EDGE_TYPES),
        )
        # What a batch merges over is mostly what the previous batch read or wrote: the actors and
        # places of every article, whose JSON grows with each article that names them (20-26 KB for
        # the bench's most named). Its text finds the model kept from then, instead of being parsed
        # and validated again; a model a merge made also keeps its sorted evidence
        # (graph.merge.MergedEvidence), so merging one more article into it costs O(new evidence).
        parsed_nodes, parsed_edges = self._parsed_nodes, self._parsed_edges
        keep_nodes: dict[str, Node] = {}
        keep_edges: dict[str, Edge] = {}
        stored: dict[str, Node] = {}
        for data in record["nodes"]:
            node = parsed_nodes.get(data) or _node(data)
            stored[node.id] = keep_nodes[data] = node
        stored_edges: dict[str, Edge] = {}
        for data in record["edges"]:
            edge = parsed_edges.get(data) or Edge.model_validate_json(data)
            stored_edges[edge.id] = keep_edges[data] = edge

        pending: dict[str, Node] = {}
        pending_edges: dict[str, Edge] = {}
        keys: list[str] = []
        refused: Exception | None = None
        for g in graphs:
            try:
                nodes, edges = self._prepare(g, stored, pending, stored_edges, pending_edges)
            except (ValidationError, StoreError) as exc:
                refused = exc
                break
            pending.update(nodes)
            pending_edges.update(edges)
            if g.source_key:
                keys.append(g.source_key)

        by_kind: dict[NodeKind, list[dict[str, Any]]] = {k: _Rows() for k in cypher.NODE_KINDS}
        for n in pending.values():
            if stored.get(n.id) != n:
                row = _row(given, n)
                by_kind[n.kind].append(row)
                # Kept only when the store made it (a merge): the caller may still change its own.
                if not _callers(given, n):
                    keep_nodes[row["props"]["data"]] = n
        # Sent without waiting for its end: the server writes the nodes while Python builds the edge
        # rows. Errors still surface before the commit.
        tx.run(cypher.WRITE_NODES, rows=_Rows([*by_kind.values(), _Rows(keys)]))
        kinds = {nid: n.kind for nid, n in stored.items()} | {nid: n.kind for nid, n in pending.items()}
        changed = [e for e in pending_edges.values() if stored_edges.get(e.id) != e]
        self._write_edges(tx, changed, kinds, given, keep_edges)
        # Kept for the next write only: memory stays one batch's worth.
        self._parsed_nodes, self._parsed_edges = keep_nodes, keep_edges
        return refused

    def _write_edges(
        self,
        tx: ManagedTransaction,
        edges: list[Edge],
        kinds: dict[str, NodeKind],
        given: _GivenRows | None = None,
        keep: dict[str, Edge] | None = None,
    ) -> None:
        """All edges in one statement (:data:`cypher.WRITE_EDGES`), grouped by (edge type, source label,
        target label); each group counts what it wrote, so a batch whose endpoints are not all there is
        refused (and rolled back). The edges the store made (merges) go into ``keep`` by their JSON."""
        if not edges:
            return
        given = given or {}
        groups: dict[tuple[EdgeType, NodeKind, NodeKind], list[dict[str, Any]]] = {
            key: _Rows() for key in cypher.EDGE_GROUPS
        }
        for e in edges:
            row = _row(given, e)
            groups[(e.type, kinds[e.source], kinds[e.target])].append(row)
            if keep is not None and not _callers(given, e):
                keep[row["props"]["data"]] = e
        written = tx.run(cypher.WRITE_EDGES, rows=_Rows(groups.values())).single(strict=True)["written"]
        for (etype, _, _), rows, count in zip(groups, groups.values(), written, strict=True):
            if count != len(rows):
                # An endpoint vanished since we read it (a concurrent delete): refuse the whole batch.
                raise StoreError(
                    f"wrote {count} of {len(rows)} {etype.value} edges: an endpoint is missing; "
                    "nothing of this write was kept"
                )

    @staticmethod
    def _prepare(
        graph: ArticleGraph,
        stored: dict[str, Node],
        pending: dict[str, Node],
        stored_edges: dict[str, Edge],
        pending_edges: dict[str, Edge],
    ) -> tuple[dict[str, Node], dict[str, Edge]]:
        """Validate one graph and merge it over the stored and pending values (as NetworkXStore does)."""
        known: dict[str, NodeKind] = {}
        for e in graph.edges:
            for nid in (e.source, e.target):
                base = pending.get(nid) or stored.get(nid)
                if base is not None:
                    known[nid] = base.kind
        graph.validate_edges(known)
        nodes: dict[str, Node] = {}
        for n in ([graph.article] if graph.article is not None else []) + list(graph.nodes):
            base = nodes.get(n.id) or pending.get(n.id) or stored.get(n.id)
            if base is not None and base.kind is not n.kind:
                raise StoreError(f"id {n.id!r} is a {base.kind.value}, cannot write it as a {n.kind.value}")
            nodes[n.id] = merge_node(base, n)
        edges: dict[str, Edge] = {}
        for e in graph.edges:
            base_e = edges.get(e.id) or pending_edges.get(e.id) or stored_edges.get(e.id)
            edges[e.id] = merge_edge(base_e, e)
        return nodes, edges

    def has_source(self, source_key: str) -> bool:
        return bool(self._read(cypher.LEDGER_HAS, key=source_key)[0]["present"])

    def stored_sources(self, source_keys: Iterable[str]) -> set[str]:
        # One round trip for the lot: a read per key cost the server more than the lookup itself.
        keys = sorted(set(source_keys))
        found: set[str] = set()
        for chunk in _chunks(keys, ITER_CHUNK):
            found.update(self._read(cypher.LEDGER_HAS_MANY, keys=chunk)[0]["keys"])
        return found

    def delete_edge(self, edge_id: str) -> None:
        self._write(cypher.DELETE_EDGE, id=edge_id)

    def delete_edges(self, edge_ids: Iterable[str]) -> None:
        ids = sorted(set(edge_ids))
        for batch in _chunks(ids, 5000):
            self._write(cypher.DELETE_EDGES, ids=batch)

    def delete_nodes(self, node_ids: Iterable[str]) -> None:
        ids = sorted(set(node_ids))
        for batch in _chunks(ids, 5000):
            self._write(cypher.DELETE_NODES, ids=batch)

    def overwrite_nodes(self, nodes: Iterable[Node]) -> None:
        todo = list({n.id: n for n in nodes}.values())
        if not todo:
            return

        def work(tx: ManagedTransaction) -> None:
            found = tx.run(cypher.LABELS_BY_IDS, ids=_Rows(n.id for n in todo))
            stored = {r["id"]: r["labels"] for r in found}
            for n in todo:
                labels = stored.get(n.id)
                if labels is not None and n.kind.value not in labels:
                    raise StoreError(f"id {n.id!r} is a {labels[0]}, cannot write it as a {n.kind.value}")
            # NODE_UPSERT sets every property a node of its kind has (None removes one), so a stored
            # node ends up exactly as a fresh write of this value; MERGE keeps it, and its edges.
            for chunk in _chunks(todo, BATCH_ROWS):
                by_kind: dict[NodeKind, list[dict[str, Any]]] = {k: _Rows() for k in cypher.NODE_KINDS}
                for n in chunk:
                    by_kind[n.kind].append(_node_row(n))
                tx.run(cypher.WRITE_NODES, rows=_Rows([*by_kind.values(), _Rows()])).consume()

        def action() -> None:
            with self._session() as session:
                session.execute_write(work)

        self._retrying(action)

    def clear(self) -> None:
        def action() -> None:
            # CALL { } IN TRANSACTIONS needs an auto-commit transaction.
            with self._session() as session:
                session.run(cypher.CLEAR).consume()

        self._retrying(action)

    def close(self) -> None:
        self._driver.close()

    # -- GraphStore: reading --------------------------------------------------------------------
    def get(self, node_id: str) -> Node | None:
        rows = self._read(cypher.NODES_BY_IDS, ids=[node_id])
        return _node(rows[0]["data"]) if rows else None

    def get_edge(self, edge_id: str) -> Edge | None:
        rows = self._read(cypher.EDGE_BY_ID, id=edge_id)
        return Edge.model_validate_json(rows[0]["data"]) if rows else None

    def find(self, kind: NodeKind, name: str | None = None, limit: int | None = None) -> list[Node]:
        if name is None:
            out = list(self.iter_nodes(kind))
        else:
            norm = normalise(name)
            seek = cypher.FIND_BY_NAME_SEEK.get(NodeKind(kind))
            phrase = cypher.name_phrase(norm) if seek is not None else None
            if seek is not None and phrase is not None:
                rows = self._read(seek, name=norm, phrase=phrase)
            else:
                rows = self._read(cypher.FIND_BY_NAME[NodeKind(kind)], name=norm)
            out = sorted((_node(r["data"]) for r in rows), key=lambda n: n.id)
        return out[:limit] if limit is not None else out

    def edges(
        self, etype: EdgeType | None = None, source: str | None = None, target: str | None = None
    ) -> list[Edge]:
        if source is not None or target is not None:
            anchor = source if source is not None else target
            assert anchor is not None
            side, direction = ("outgoing", "out") if source is not None else ("incoming", "in")
            rows = self._read(cypher.edges_at(etype, direction, with_nodes=False), id=anchor)
            found = [Edge.model_validate_json(item[0]) for r in rows for item in r[side]]
        else:
            found = list(self.iter_edges(etype))
        out = [
            e
            for e in found
            if (etype is None or e.type is etype)
            and (source is None or e.source == source)
            and (target is None or e.target == target)
        ]
        return sorted(out, key=lambda e: e.id)

    def neighbours(
        self, node_id: str, etype: EdgeType | None = None, direction: Direction = "both"
    ) -> list[tuple[Edge, Node]]:
        rows = self._read(cypher.edges_at(etype, direction), id=node_id)
        pairs = [
            (Edge.model_validate_json(pair[0]), _node(pair[1]))
            for r in rows
            for side in ("outgoing", "incoming")
            for pair in r[side]
        ]
        return sorted(
            [(e, n) for e, n in pairs if etype is None or e.type is etype], key=lambda p: (p[0].id, p[1].id)
        )

    def timeline(self, flt: TimelineFilter | None = None, limit: int | None = None) -> list[Incident]:
        check_limit(limit)
        flt = flt or TimelineFilter()

        def norm(value: str | None) -> str | None:
            return normalise(value) if value is not None else None

        actor_norm, claimant_norm = norm(flt.actor), norm(flt.claimant)
        actor_phrase = cypher.name_phrase(actor_norm) if actor_norm is not None else None
        claimant_phrase = cypher.name_phrase(claimant_norm) if claimant_norm is not None else None
        location_norm = norm(flt.location)
        # a place name is a term of cg_location_names as an actor name is of cg_actor_names
        location_phrase = cypher.name_phrase(location_norm) if location_norm is not None else None
        params = {
            "actor": flt.actor,
            "actor_norm": actor_norm,
            "actor_phrase": actor_phrase,
            "claimant": flt.claimant,
            "claimant_norm": claimant_norm,
            "claimant_phrase": claimant_phrase,
            "location": flt.location,
            "location_norm": location_norm,
            "location_phrase": location_phrase,
            "within_km": flt.within_km,
            # The point index finds a slightly larger circle (in Neo4j's metres); the statement then
            # keeps exactly the locations within_km of the place.
            "seek_m": None if flt.within_km is None else flt.within_km * _NEO4J_METRES_PER_KM * 1.0001 + 1.0,
            "since_or_min": flt.since or date.min,
            "until_or_max": flt.until or date.max,
            "types": [t.value for t in flt.types],
            "as_of": flt.as_of,
            "limit": limit,
            "odd_id": _ODD_ID,
        }
        query = cypher.timeline(
            actor=flt.actor is not None,
            include_parts=flt.include_parts,
            actor_by_phrase=actor_phrase is not None,
            claimant=flt.claimant is not None,
            claimant_by_phrase=claimant_phrase is not None,
            location=flt.location is not None,
            location_by_phrase=location_phrase is not None,
            radius=flt.within_km is not None,
            dates=flt.since is not None or flt.until is not None,
            types=bool(flt.types),
            as_of=flt.as_of is not None,
            page=limit is not None,
        )
        [record] = self._read(query, p=params)
        if record["data"] is None:
            # A page whose edge ties on date and precision among ids Cypher may order apart from
            # Python: ordered here by each match's key (graph.store.time_sort_key's), then read.
            keyed = sorted(time_sort_key(_iso_date(start), rank, nid) for nid, start, rank in record["keys"])
            page = [key[3] for key in keyed[:limit]]
            found = self.get_many(page)
            return [node for nid in page if isinstance(node := found.get(nid), Incident)]
        with _CYCLIC_GC_PAUSED:
            incidents = [Incident.model_validate_json(data) for data in record["data"]]
            # Ordered here with the shared key: a whole timeline comes unordered, and Cypher may order
            # a page's ids by UTF-16 code units, Python (and so the embedded store) by code points
            # (the page holds the same incidents either way, see cypher._PAGE).
            incidents.sort(key=incident_sort_key)
        return incidents

    def claim_chain(self, start_id: str, max_depth: int = 6, as_of: date | None = None) -> list[ChainStep]:
        [record] = self._read(cypher.claim_chain(max_depth), p={"start": start_id, "as_of": as_of})
        claims: dict[str, Claim] = {}
        info: dict[str, dict[str, Any]] = {}
        for row in record["claims"]:
            claim = Claim.model_validate_json(row["data"])
            claims[claim.id] = claim
            info[claim.id] = row
        # What each claim above the last level links to (the last level's claims are never expanded).
        links: dict[str, dict[str, Any]] = {link["id"]: link for link in record["links"]}
        roots = sorted((claims[cid] for cid, r in info.items() if r["is_root"]), key=claim_sort_key)

        def children(claim: Claim) -> list[tuple[Claim, str]]:
            link = links[claim.id]
            kids: dict[str, tuple[Claim, str]] = {}
            for cid in link["about_kids"]:
                if cid in claims and info[cid]["visible"]:
                    kids[cid] = (claims[cid], "about")
            accused = set(link["accused"])
            if claim.stance is Stance.DENY and claim.claimant_id and claim.about_id and accused:
                articles = set(info[claim.id]["articles"])
                for cid in link["counters"]:
                    c = claims.get(cid)
                    if (
                        c is not None
                        and c.stance is Stance.ACCUSE
                        and c.target_id in accused
                        and cid not in kids
                        and set(info[cid]["articles"]) & articles
                        and info[cid]["visible"]
                    ):
                        kids[cid] = (c, "counter")
            return sorted(kids.values(), key=lambda kv: claim_sort_key(kv[0]))

        steps: list[ChainStep] = []
        placed: set[str] = set()

        def walk(claim: Claim, depth: int, parent: str | None, relation: str) -> None:
            if claim.id in placed:
                return
            placed.add(claim.id)
            steps.append(ChainStep(claim=claim, depth=depth, parent_id=parent, relation=relation))
            if depth >= max_depth:
                return
            for kid, rel in children(claim):
                walk(kid, depth + 1, claim.id, rel)

        for root in roots:
            walk(root, 0, None, "root")
        return steps

    def stats(self) -> dict[str, int]:
        out: dict[str, int] = {"nodes": 0, "edges": 0, "sources": 0}
        for r in self._read(cypher.STATS):
            n = int(r["n"])
            if r["what"] == "ledger":
                out["sources"] = n
                continue
            out["nodes" if r["what"] == "node" else "edges"] += n
            if n:
                out[r["name"]] = n
        return out

    def iter_nodes(self, kind: NodeKind | None = None) -> Iterator[Node]:
        kinds = list(NodeKind) if kind is None else [NodeKind(kind)]
        ids = sorted((str(r["id"]), k) for k in kinds for r in self._read(cypher.NODE_IDS_OF_KIND[k]))
        for chunk in _chunks(ids, ITER_CHUNK):
            by_kind: dict[NodeKind, list[str]] = defaultdict(list)
            for nid, k in chunk:
                by_kind[k].append(nid)
            found: dict[str, Node] = {}
            for k, kind_ids in by_kind.items():
                for r in self._read(cypher.NODES_OF_KIND_BY_IDS[k], ids=kind_ids):
                    node = _node(r["data"])
                    found[node.id] = node
            yield from (found[nid] for nid, _ in chunk if nid in found)

    def iter_edges(self, etype: EdgeType | None = None) -> Iterator[Edge]:
        query = cypher.ALL_EDGE_IDS if etype is None else cypher.EDGE_IDS_OF_TYPE[EdgeType(etype)]
        ids = sorted((str(r["id"]), EdgeType(r["type"])) for r in self._read(query))
        for chunk in _chunks(ids, ITER_CHUNK):
            by_type: dict[EdgeType, list[str]] = defaultdict(list)
            for eid, t in chunk:
                by_type[t].append(eid)
            found: dict[str, Edge] = {}
            for t, type_ids in by_type.items():
                for r in self._read(cypher.EDGES_BY_IDS[t], ids=type_ids):
                    edge = Edge.model_validate_json(r["data"])
                    found[edge.id] = edge
            yield from (found[eid] for eid, _ in chunk if eid in found)

    def snapshot(self) -> tuple[dict[str, Node], dict[str, Edge]]:
        # Pages of ITER_CHUNK JSON texts per record, walked along the id indexes (cypher.NODE_DATA_PAGES):
        # 500 bench articles in ~35 reads instead of 54k records (client CPU about 3.5 -> 1.8 s, server
        # about +0.2 s, warm server). The id-chunked iteration (iter_nodes) would seek an index per id.
        with _CYCLIC_GC_PAUSED:
            nodes = [
                _node(d)
                for first, after in cypher.NODE_DATA_PAGES.values()
                for d in self._pages(first, after)
            ]
            edges = [
                Edge.model_validate_json(d)
                for first, after in cypher.EDGE_DATA_PAGES.values()
                for d in self._pages(first, after)
            ]
        nodes.sort(key=lambda n: n.id)
        edges.sort(key=lambda e: e.id)
        return {n.id: n for n in nodes}, {e.id: e for e in edges}

    def _pages(self, first: str, after: str) -> Iterator[str]:
        """The JSON texts a pair of paged statements reads (see cypher.NODE_DATA_PAGES), page by page."""
        [page] = self._read(first, n=ITER_CHUNK)
        while True:
            yield from page["data"]
            if len(page["data"]) < ITER_CHUNK:
                return
            [page] = self._read(after, after=page["last"], n=ITER_CHUNK)

    # -- researchers' Cypher --------------------------------------------------------------------
    def run_cypher(
        self, query: str, params: dict[str, Any] | None = None, write: bool = False
    ) -> list[dict[str, Any]]:
        """Run a researcher's parameterised Cypher and return its rows as dicts.

        Read-only unless ``write=True``: the query runs in a READ session, and before that its EXPLAIN
        plan is checked; a plan that would write raises :class:`WriteRefused` naming the clause.
        """
        params = dict(params or {})
        if not write:
            self._refuse_writes(query, params)

        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            return [_to_plain(rec.data()) for rec in tx.run(query, params)]

        def action() -> list[dict[str, Any]]:
            with self._session(write=write) as session:
                runner = session.execute_write if write else session.execute_read
                return runner(work)

        try:
            return self._retrying(action)
        except neo4j_errors.ClientError as exc:
            if exc.code and "AccessMode" in exc.code:
                raise WriteRefused(f"the query tries to write in a read-only session: {exc.message}") from exc
            raise ValidationError(f"Neo4j rejected the query: {exc.message}") from exc

    def _refuse_writes(self, query: str, params: dict[str, Any]) -> None:
        def action() -> neo4j.ResultSummary:
            with self._session(write=False) as session:
                return session.run("EXPLAIN " + query, params).consume()

        try:
            summary = self._retrying(action)
        except neo4j_errors.ClientError as exc:
            raise ValidationError(f"Neo4j rejected the query: {exc.message}") from exc
        clause = _write_clause(_plan_operators(summary.plan), summary.query_type)
        if clause is not None:
            raise WriteRefused(
                f"the query writes ({clause}); run_cypher is read-only unless write=True (CLI: --write)"
            )

    # -- batched reads (one round trip for many ids) -----------------------------------------------
    def neighbours_many(
        self, node_ids: Iterable[str], etype: EdgeType | None = None, direction: Direction = "both"
    ) -> dict[str, list[tuple[Edge, Node]]]:
        query = cypher.NEIGHBOURS_MANY[(None if etype is None else EdgeType(etype), direction)]
        ids = list(dict.fromkeys(node_ids))
        out: dict[str, list[tuple[Edge, Node]]] = {nid: [] for nid in ids}
        for chunk in _chunks(ids, ITER_CHUNK):
            self._pairs_into(out, self._read(query, ids=chunk))
        return out

    @staticmethod
    def _pairs_into(out: dict[str, list[tuple[Edge, Node]]], rows: list[neo4j.Record]) -> None:
        """Each record's (edge, node) pairs into ``out`` by the record's id, sorted as neighbours() sorts.
        A node (an article, a claimant) or an edge met again in the same answer is parsed once: the
        caller gets one instance, as the embedded store hands out the one it holds."""
        nodes: dict[str, Node] = {}
        edges: dict[str, Edge] = {}
        with _CYCLIC_GC_PAUSED:
            for r in rows:
                pairs = out.setdefault(str(r["id"]), [])
                for side in ("outgoing", "incoming"):
                    for e_data, n_data in r[side]:
                        edge = edges.get(e_data)
                        if edge is None:
                            edge = edges[e_data] = Edge.model_validate_json(e_data)
                        node = nodes.get(n_data)
                        if node is None:
                            node = nodes[n_data] = _node(n_data)
                        pairs.append((edge, node))
        for nid in {str(r["id"]) for r in rows}:
            out[nid].sort(key=lambda p: (p[0].id, p[1].id))

    def row_facts(
        self, incident_ids: Iterable[str], claim_depth: int, known: Sequence[Incident] = ()
    ) -> RowFacts:
        return self._row_facts(list(dict.fromkeys(incident_ids)), claim_depth, known, None)

    def iter_row_facts(
        self, chunks: Iterable[tuple[list[str], Sequence[Incident]]], claim_depth: int
    ) -> Generator[RowFacts, None, None]:
        # The first read of the next chunk (its claim trees and links, most of a chunk's server time)
        # is sent before this chunk is handed over: the server answers it while the caller builds
        # this chunk's rows, and its answer waits in the socket. Sent, not run on a second thread:
        # that thread's every wake-up waited for the GIL the row building holds (measured: a month's
        # rows 981 -> 950 ms only). At most two chunks are in hand, so streaming callers (exports)
        # stay flat in memory.
        todo = iter(chunks)
        chunk = next(todo, None)
        sent: _SentRead | None = None
        try:
            while chunk is not None:
                ids = list(dict.fromkeys(chunk[0]))
                facts = self._row_facts(ids, claim_depth, chunk[1], sent)
                if sent is not None:
                    sent.close()  # read by now, unless the chunk had no ids
                    sent = None
                chunk = next(todo, None)
                if chunk is not None:
                    query, params = self._first_row_read(list(dict.fromkeys(chunk[0])), claim_depth, chunk[1])
                    sent = _SentRead.send(self, query, params)
                yield facts
        finally:
            if sent is not None:
                sent.close()

    @staticmethod
    def _first_row_read(
        ids: list[str], claim_depth: int, known: Sequence[Incident]
    ) -> tuple[str, dict[str, Any]]:
        """The first statement :meth:`_row_facts` runs for ``ids`` (distinct, in order)."""
        held = {i.id for i in known}
        chunk = ids[:ITER_CHUNK]
        return cypher.row_nodes(claim_depth), {"ids": chunk, "data_ids": [i for i in chunk if i not in held]}

    def _row_facts(
        self, ids: list[str], claim_depth: int, known: Sequence[Incident], sent: _SentRead | None
    ) -> RowFacts:
        # Only what a row shows comes back (no edge JSON, no neighbour JSON, no claim JSON, no JSON of
        # the incidents in ``known``): a round trip per SAME_AS level, one for claims named on DENIES
        # edges outside the trees, one for named nodes. ``sent``: the first of these reads, already
        # sent (see iter_row_facts).
        facts = RowFacts()
        held = {i.id: i for i in known}
        depth, named = claim_depth, False
        with _CYCLIC_GC_PAUSED:
            while ids:
                for chunk in _chunks(ids, ITER_CHUNK):
                    data_ids = [] if named else [i for i in chunk if i not in held]
                    if sent is not None:
                        [record] = sent.records()
                        sent = None
                    else:
                        [record] = self._read(cypher.row_nodes(depth), ids=chunk, data_ids=data_ids)
                    for nid, fields, is_claim, outgoing, incoming in record["nodes"]:
                        # skip a claim also in an earlier chunk's tree, and an incident named on a
                        # DENIES edge (only claims are looked up there)
                        if nid in facts.links or (named and not is_claim):
                            continue
                        facts.links[nid] = _links(outgoing, incoming)
                        if is_claim:
                            facts.claims[nid] = _claim_facts(nid, fields)
                        else:
                            facts.incidents[nid] = (
                                held[nid] if fields is None else Incident.model_validate_json(fields)
                            )
                if named:
                    break
                ids = list(
                    dict.fromkeys(
                        link.other
                        for x in ids
                        for link in facts.links.get(x, ())
                        if link.type is EdgeType.SAME_AS and link.other not in facts.links
                    )
                )
                if not ids:  # then the claims named on DENIES edges that no tree reached
                    depth, named = 0, True
                    ids = list(
                        dict.fromkeys(
                            cid
                            for c in facts.claims
                            for link in facts.links[c]
                            if link.type is EdgeType.DENIES and not link.outgoing
                            if isinstance(cid := link.props.get("claim_id"), str) and cid not in facts.links
                        )
                    )
            self._briefs_into(facts)
        return facts

    def _briefs_into(self, facts: RowFacts) -> None:
        links = [link for x in facts.links.values() for link in x]
        arts = {link.other for link in links if link.type is EdgeType.REPORTED_IN}
        sources = {f.source for i in facts.incidents.values() for f in i.figures}
        places = {
            *(i.location_id for i in facts.incidents.values() if i.location_id),
            *(link.other for link in links if link.type is EdgeType.OCCURRED_NEAR),
        }
        names = {
            *(link.other for link in links if link.type is EdgeType.INVOLVES),
            *(x for c in facts.claims.values() for x in (c.claimant_id, c.target_id) if x),
            *sources,
        }
        # A name may be any node; a cited article or a place is sought under its own label only
        # (an id in both is sought as a name, which finds it under any label).
        for chunk in _chunks(sorted(arts | places | names), ITER_CHUNK):
            [record] = self._read(
                cypher.ROW_BRIEFS,
                wanted=[[x, "name" if x in names else "article" if x in arts else "place"] for x in chunk],
                dataset_key=_DATASET_KEY,
            )
            for item in record["nodes"]:
                nid, label, name, title, summary, quote, outlet, url, published, data, same = item
                if label == "Article" and (nid in arts or nid in sources):
                    facts.articles[nid] = ArticleBrief(
                        nid,
                        title or "",
                        outlet,
                        url,
                        _iso_date(published),
                        data is not None and "dataset" in _ArticleExtra.model_validate_json(data).extra,
                        frozenset(same),
                    )
                if label == "Location" and nid in places:
                    facts.places[nid] = Location.model_validate_json(data)
                if nid in names:
                    # graph.store.display_name, from the props stored beside the JSON
                    value = {"Article": title, "Incident": summary, "Claim": quote}.get(label, name)
                    facts.names[nid] = str(value) if label in ("Actor", "Location") else str(value or nid)

    def get_many(self, node_ids: Iterable[str]) -> dict[str, Node]:
        ids = list(dict.fromkeys(node_ids))
        found: dict[str, Node] = {}
        for chunk in _chunks(ids, ITER_CHUNK):
            for r in self._read(cypher.NODES_BY_IDS, ids=chunk):
                node = _node(r["data"])
                found[node.id] = node
        return found


__all__ = ["Neo4jStore", "read_credentials", "redact_url"]
