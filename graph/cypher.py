"""Every Cypher statement the Neo4j store runs, as named constants.

All values travel as parameters. Labels and relationship types cannot be parameters in Cypher, so the
few statements that need one are built here, once, at import time, from the :class:`NodeKind` /
:class:`EdgeType` enums (plus the ``Ledger`` label of :data:`EXTRA_LABELS`) and nothing else.

>>> NODE_UPSERT[NodeKind.ACTOR].splitlines()[1]
'MERGE (n:Actor {id: r.id})'
"""

from __future__ import annotations

import functools

from graph.model import EDGE_ENDPOINTS, EdgeType, NodeKind
from graph.store import ROW_LINK_PROPS, ROW_LINKS_IN, ROW_LINKS_OUT

# The one label that is not a NodeKind: ingest-ledger entries (``source_key`` of committed graphs).
LEDGER = "Ledger"
EXTRA_LABELS = frozenset({LEDGER})
ALLOWED_LABELS = frozenset(k.value for k in NodeKind) | EXTRA_LABELS


def _label(kind: NodeKind) -> str:
    # Re-checked so a label can only ever come from the allowlist, whatever a caller passes.
    label = NodeKind(kind).value
    assert label in ALLOWED_LABELS
    return label


def _rel(etype: EdgeType) -> str:
    return EdgeType(etype).value


# -- schema -------------------------------------------------------------------------------------

# Incidents' date ranges fall in tiers by length: up to EVENT_TIER_DAYS[0] days (tier 0), up to
# EVENT_TIER_DAYS[1] (tier 1), longer (tier 2); stored as Incident.event_tier (span_tier in
# graph.neo4j_store). An incident of tier t overlapping [since, until] starts within
# [since - EVENT_TIER_DAYS[t], until], so the date filter is two bounded index seeks plus the few
# long ranges, as NetworkXStore._incidents_overlapping does in memory.
EVENT_TIER_DAYS = (31, 366)

SCHEMA: tuple[str, ...] = (
    *(
        f"CREATE CONSTRAINT cg_{_label(k).lower()}_id IF NOT EXISTS "
        f"FOR (n:{_label(k)}) REQUIRE n.id IS UNIQUE"
        for k in NodeKind
    ),
    f"CREATE CONSTRAINT cg_ledger_key IF NOT EXISTS FOR (l:{LEDGER}) REQUIRE l.source_key IS UNIQUE",
    *(
        f"CREATE INDEX cg_rel_{_rel(t).lower()}_id IF NOT EXISTS FOR ()-[r:{_rel(t)}]-() ON (r.id)"
        for t in EdgeType
    ),
    "CREATE INDEX cg_incident_start IF NOT EXISTS FOR (n:Incident) ON (n.event_start)",
    "CREATE INDEX cg_incident_type IF NOT EXISTS FOR (n:Incident) ON (n.incident_type)",
    "CREATE INDEX cg_claim_claimant IF NOT EXISTS FOR (n:Claim) ON (n.claimant_id)",
    "CREATE INDEX cg_claim_about IF NOT EXISTS FOR (n:Claim) ON (n.about_id)",
    "CREATE INDEX cg_article_published IF NOT EXISTS FOR (n:Article) ON (n.published)",
    "CREATE POINT INDEX cg_location_point IF NOT EXISTS FOR (n:Location) ON (n.point)",
    # the timeline's starting points (see timeline())
    "CREATE INDEX cg_claim_target IF NOT EXISTS FOR (n:Claim) ON (n.target_id)",
    # Actor names and aliases (a list): the keyword analyzer keeps each whole, so a quoted phrase is
    # one exact term (see name_phrase).
    "CREATE FULLTEXT INDEX cg_actor_names IF NOT EXISTS FOR (n:Actor) ON EACH [n.names] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}",
    # Place names and aliases, the same way: the timeline's --location NAME (a scan of every Location
    # node without it).
    "CREATE FULLTEXT INDEX cg_location_names IF NOT EXISTS FOR (n:Location) ON EACH [n.names] "
    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}",
    # The date filter seeks (tier, start) and checks the end on the index entry, not the node; a page
    # orders its matches by (start, precision rank, id), also read from the entry (see _FROM_DATES).
    "CREATE INDEX cg_incident_tier_order IF NOT EXISTS "
    "FOR (n:Incident) ON (n.event_tier, n.event_start, n.event_end, n.precision_rank, n.id)",
    # what cg_incident_tier_order replaced: (event_tier, event_start), where event_end was read from
    # every node the seek found, then (event_tier, event_start, event_end), where a page read the
    # precision rank and id of every match from its node
    "DROP INDEX cg_incident_tier_start IF EXISTS",
    "DROP INDEX cg_incident_tier_span IF EXISTS",
)

INDEX_NAMES = "SHOW INDEXES YIELD name RETURN name"
# Waits until every index is online. The timeline names its indexes in USING INDEX hints, and a hint
# on an index still populating (just created, e.g. by a migration on an older database) fails the query.
AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"

# (index name, statement): the statement brings data written before that index existed up to date;
# Neo4jStore runs it, before SCHEMA, when the index is not there yet (so once per database).
MIGRATIONS: tuple[tuple[str, str], ...] = (
    (
        "cg_incident_tier_order",
        "MATCH (i:Incident) WHERE i.event_start IS NOT NULL AND i.event_tier IS NULL\n"
        "WITH i, duration.inDays(i.event_start, i.event_end).days AS days\n"
        f"SET i.event_tier = CASE WHEN days <= {EVENT_TIER_DAYS[0]} THEN 0 "
        f"WHEN days <= {EVENT_TIER_DAYS[1]} THEN 1 ELSE 2 END",
    ),
)

# -- node and edge lookups by id ----------------------------------------------------------------

# A node by id whatever its label: one index seek per label (a label-less MATCH would scan).
_ANY_NODE = "\n  UNION ALL\n".join(f"  MATCH (n:{_label(k)} {{id: id}}) RETURN n" for k in NodeKind)

NODES_BY_IDS = f"""UNWIND $ids AS id
CALL (id) {{
{_ANY_NODE}
}}
RETURN n.data AS data"""

_ANY_EDGE = "\n  UNION ALL\n".join(f"  MATCH ()-[e:{_rel(t)} {{id: id}}]->() RETURN e" for t in EdgeType)

EDGE_BY_ID = f"""WITH $id AS id
CALL (id) {{
{_ANY_EDGE}
}}
RETURN e.data AS data"""

# The label of each stored node among $ids (Neo4jStore.overwrite_nodes refuses to change a kind).
LABELS_BY_IDS = f"""UNWIND $ids AS id
CALL (id) {{
{_ANY_NODE}
}}
RETURN n.id AS id, labels(n) AS labels"""

# Used by cross-article resolution (loaders/resolve.py) to remove the nodes it merged.
DELETE_NODES = f"""UNWIND $ids AS id
CALL (id) {{
{_ANY_NODE}
}}
DETACH DELETE n"""

DELETE_EDGE = f"""WITH $id AS id
CALL (id) {{
{_ANY_EDGE}
}}
DELETE e"""

DELETE_EDGES = f"""UNWIND $ids AS id
CALL (id) {{
{_ANY_EDGE}
}}
DELETE e"""

EDGES_BY_IDS: dict[EdgeType, str] = {
    t: f"UNWIND $ids AS id\nMATCH ()-[e:{_rel(t)} {{id: id}}]->()\nRETURN e.data AS data" for t in EdgeType
}

# -- writes -------------------------------------------------------------------------------------

# Node properties holding dates. NODE_UPSERT accepts them as ISO strings (cheaper for the driver
# to send than dates) and stores them as dates.
DATE_PROPS: dict[NodeKind, tuple[str, ...]] = {
    NodeKind.ARTICLE: ("published",),
    NodeKind.INCIDENT: ("event_start", "event_end"),
    NodeKind.CLAIM: ("claim_start", "claim_end"),
}

NODE_UPSERT: dict[NodeKind, str] = {
    k: f"UNWIND $rows AS r\nMERGE (n:{_label(k)} {{id: r.id}})\nSET n += r.props"
    + "".join(f"\nSET n.{p} = date(r.props.{p})" for p in DATE_PROPS.get(k, ()))
    for k in NodeKind
}
# Locations also get a WGS-84 point, so the radius filter can use point.distance (and its index).
NODE_UPSERT[NodeKind.LOCATION] += (
    "\nSET n.point = CASE WHEN r.props.lat IS NULL OR r.props.lon IS NULL THEN null"
    "\n  ELSE point({latitude: r.props.lat, longitude: r.props.lon}) END"
)


def edge_upsert(etype: EdgeType, source: NodeKind, target: NodeKind) -> str:
    """The batched MERGE of edges of one type between two labels; returns how many it wrote, so the
    caller can refuse (and roll back) a batch whose endpoints were not all there."""
    return _EDGE_UPSERT[(EdgeType(etype), NodeKind(source), NodeKind(target))]


_EDGE_UPSERT: dict[tuple[EdgeType, NodeKind, NodeKind], str] = {
    (t, s, d): (
        "UNWIND $rows AS r\n"
        f"MATCH (a:{_label(s)} {{id: r.source}})\n"
        f"MATCH (b:{_label(d)} {{id: r.target}})\n"
        f"MERGE (a)-[e:{_rel(t)} {{id: r.id}}]->(b)\n"
        "SET e += r.props\n"
        "RETURN count(e) AS written"
    )
    for t, (sources, targets) in EDGE_ENDPOINTS.items()
    for s in sources
    for d in targets
}

LEDGER_ADD = f"UNWIND $keys AS key MERGE (:{LEDGER} {{source_key: key}})"


LEDGER_HAS = f"MATCH (l:{LEDGER} {{source_key: $key}}) RETURN count(l) > 0 AS present"
LEDGER_HAS_MANY = (
    f"UNWIND $keys AS key MATCH (l:{LEDGER} {{source_key: key}}) RETURN collect(l.source_key) AS keys"
)

_OUR_NODES = " OR ".join(f"n:{lbl}" for lbl in sorted(ALLOWED_LABELS))
# Batched, in its own transactions: one huge DETACH DELETE would need the whole graph in memory.
CLEAR = f"""MATCH (n) WHERE {_OUR_NODES}
CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 5000 ROWS"""

# Prefix of the batch statements below. Neo4j replans a cached statement when the counts it was
# planned with have changed enough (at most every 10 s), which while a graph grows from empty is
# all the time. These statements look up and merge by id through the id indexes whatever the counts,
# so a replan finds the same plan, yet each one cost the server ~0.5-1 s of planning plus the JIT
# compiling the freshly generated code: half the server CPU of a warm write-only bench.
NO_REPLAN = "CYPHER replan=skip"

# The batched writes below take all their rows in one list parameter, a list per label or group at
# a fixed position. Neo4j caches a plan per statement and per size class of each list parameter:
# with a parameter per group, batches with other groups empty or small missed the cache, and planning
# these statements costs the server about a second each time.
NODE_KINDS: tuple[NodeKind, ...] = tuple(NodeKind)


def _indented(statement: str) -> str:
    return "\n".join("  " + line for line in statement.splitlines())


def _subquery(statement: str, rows: str, written: str | None = None, param: str = "$rows") -> str:
    body = statement.replace(param, rows, 1)
    if written is not None:
        body = body.replace("AS written", f"AS {written}", 1)
    return "CALL () {\n" + _indented(body) + "\n}"


# One statement writes a batch's nodes of every label ($rows[i]: the rows of NODE_KINDS[i]) and its
# ledger keys (the last list of $rows). Each statement has a fixed cost on the server and a round
# trip, which a batch of a few articles, sent one statement per label, paid more for than its rows.
WRITE_NODES = "\n".join(
    [
        NO_REPLAN,
        *(_subquery(NODE_UPSERT[k], f"$rows[{i}]") for i, k in enumerate(NODE_KINDS)),
        _subquery(LEDGER_ADD, f"$rows[{len(NODE_KINDS)}]", param="$keys"),
    ]
)

# Every (edge type, source label, target label) of EDGE_ENDPOINTS, in a fixed order (the same
# statement text in every process, so the server plans it once).
EDGE_GROUPS: tuple[tuple[EdgeType, NodeKind, NodeKind], ...] = tuple(
    sorted(_EDGE_UPSERT, key=lambda k: (list(EdgeType).index(k[0]), k[1].value, k[2].value))
)

# One statement writes a batch's edges of every type ($rows[i]: the rows of EDGE_GROUPS[i]) and
# returns how many each group wrote, so the caller can refuse a batch whose endpoints were not all
# there.
WRITE_EDGES = "\n".join(
    [
        NO_REPLAN,
        *(_subquery(_EDGE_UPSERT[key], f"$rows[{i}]", f"written_{i}") for i, key in enumerate(EDGE_GROUPS)),
        "RETURN [" + ", ".join(f"written_{i}" for i in range(len(EDGE_GROUPS))) + "] AS written",
    ]
)

EDGE_TYPES: tuple[EdgeType, ...] = tuple(EdgeType)

# What a write merges over, in one read: the stored nodes among $ids (any label) and the stored edges
# among $edge_ids[i] (ids of EDGE_TYPES[i]).
STORED_OF_BATCH = "\n".join(
    [
        NO_REPLAN,
        "CALL () {",
        "  UNWIND $ids AS id",
        "  CALL (id) {",
        _indented(_indented(_ANY_NODE)),
        "  }",
        "  RETURN collect(n.data) AS nodes",
        "}",
        *(
            f"CALL () {{\n  UNWIND $edge_ids[{i}] AS id\n"
            f"  MATCH ()-[e:{_rel(t)} {{id: id}}]->()\n  RETURN collect(e.data) AS edges_{i}\n}}"
            for i, t in enumerate(EDGE_TYPES)
        ),
        "RETURN nodes, " + " + ".join(f"edges_{i}" for i in range(len(EDGE_TYPES))) + " AS edges",
    ]
)

# -- reads --------------------------------------------------------------------------------------

# Iteration fetches ids first and sorts them in Python: Cypher orders strings by UTF-16 code units,
# Python (and so the embedded store) by code points, and the two differ beyond U+FFFF.
NODE_IDS_OF_KIND: dict[NodeKind, str] = {k: f"MATCH (n:{_label(k)}) RETURN n.id AS id" for k in NodeKind}
NODES_OF_KIND_BY_IDS: dict[NodeKind, str] = {
    k: f"UNWIND $ids AS id MATCH (n:{_label(k)} {{id: id}}) RETURN n.data AS data" for k in NodeKind
}

FIND_BY_NAME: dict[NodeKind, str] = {
    k: f"MATCH (n:{_label(k)}) WHERE $name IN n.names RETURN n.data AS data ORDER BY n.id" for k in NodeKind
}
# An actor or a place by name through the full-text index on its names (see name_phrase), instead of
# a scan of every node of its label: the index only narrows, membership in `names` decides, exactly as
# FIND_BY_NAME does.
FIND_BY_NAME_SEEK: dict[NodeKind, str] = {
    kind: f"""CALL db.index.fulltext.queryNodes('{index}', $phrase) YIELD node AS n
WITH n WHERE $name IN n.names
RETURN n.data AS data ORDER BY n.id"""
    for kind, index in ((NodeKind.ACTOR, "cg_actor_names"), (NodeKind.LOCATION, "cg_location_names"))
}

_ALL_TYPES = "|".join(_rel(t) for t in EdgeType)
EDGE_IDS_OF_TYPE: dict[EdgeType, str] = {
    t: f"MATCH ()-[e:{_rel(t)}]->() RETURN type(e) AS type, e.id AS id" for t in EdgeType
}
ALL_EDGE_IDS = f"MATCH ()-[e:{_ALL_TYPES}]->() RETURN type(e) AS type, e.id AS id"


# GraphStore.snapshot reads each label's nodes and each type's edges in pages of $n, in the id index's
# order, each page one record (its JSON texts in a list, and the page's last id in Cypher's order, where
# the next page starts): the driver's fixed cost per record was half the client CPU of a record per node
# or edge (54k of them for the bench's 500 articles), and a page's list bounds what the server collects.
# The pages come in Cypher's string order; the caller sorts by id in Python, for the reason above.
# (first page, next page after $after)
def _data_pages(pattern: str, var: str) -> tuple[str, str]:
    return tuple(  # type: ignore[return-value]
        f"{NO_REPLAN}\nMATCH {pattern} WHERE {var}.id {cond}\n"
        f"WITH {var} ORDER BY {var}.id LIMIT $n\nRETURN collect({var}.data) AS data, max({var}.id) AS last"
        for cond in (">= ''", "> $after")
    )


NODE_DATA_PAGES: dict[NodeKind, tuple[str, str]] = {k: _data_pages(f"(n:{_label(k)})", "n") for k in NodeKind}
EDGE_DATA_PAGES: dict[EdgeType, tuple[str, str]] = {
    t: _data_pages(f"()-[e:{_rel(t)}]->()", "e") for t in EdgeType
}

# Edges at one node (by id, whatever its label), outgoing and incoming kept apart like the
# embedded store does (a self-loop is listed once each way).
EDGES_AT = f"""WITH $id AS id
CALL (id) {{
{_ANY_NODE}
}}
RETURN
  COLLECT {{ MATCH (n)-[e:{_ALL_TYPES}]->(o) RETURN [e.data, o.data] }} AS outgoing,
  COLLECT {{ MATCH (n)<-[e:{_ALL_TYPES}]-(o) RETURN [e.data, o.data] }} AS incoming"""


@functools.cache
def edges_at(etype: EdgeType | None, direction: str, with_nodes: bool = True) -> str:
    """Like :data:`EDGES_AT`, for one edge type (None: all) and one direction ('out', 'in' or 'both'),
    so a node with many edges of other types or directions costs nothing extra; without
    ``with_nodes`` each entry is ``[edge data]`` only.

    >>> "-[e:MADE]->" in edges_at(EdgeType.MADE, "out")
    True
    """
    if direction not in ("out", "in", "both"):
        raise ValueError(f"direction {direction!r} is not one of 'out', 'in', 'both'")
    types = _ALL_TYPES if etype is None else _rel(etype)
    item = "[e.data, o.data]" if with_nodes else "[e.data]"
    out = f"COLLECT {{ MATCH (n)-[e:{types}]->(o) RETURN {item} }}" if direction != "in" else "[]"
    inc = f"COLLECT {{ MATCH (n)<-[e:{types}]-(o) RETURN {item} }}" if direction != "out" else "[]"
    return f"""WITH $id AS id
CALL (id) {{
{_ANY_NODE}
}}
RETURN {out} AS outgoing, {inc} AS incoming"""


STATS = "\nUNION ALL\n".join(
    [
        *(
            f"MATCH (n:{_label(k)}) RETURN 'node' AS what, '{_label(k)}' AS name, count(n) AS n"
            for k in NodeKind
        ),
        *(
            f"MATCH ()-[e:{_rel(t)}]->() RETURN 'edge' AS what, '{_rel(t)}' AS name, count(e) AS n"
            for t in EdgeType
        ),
        f"MATCH (l:{LEDGER}) RETURN 'ledger' AS what, '{LEDGER}' AS name, count(l) AS n",
    ]
)

# A node is visible at $p.as_of when an article published on or before that date reports it.
_VISIBLE = (
    "($p.as_of IS NULL"
    " OR EXISTS {{ MATCH ({v})-[:REPORTED_IN]->(ar:Article) WHERE ar.published <= $p.as_of }})"
)


def _visible(var: str) -> str:
    return _VISIBLE.format(v=var)


# The timeline. Filters mirror NetworkXStore.timeline:
#  - actor / claimant / location resolve like GraphStore.resolve: an id of that kind, else every
#    node of that kind with the (normalised) name or alias (*_norm), found through the full-text
#    index of its names (cg_actor_names, cg_location_names; a scan for a name too long for it); the
#    name lookup only runs when no node has that id;
#  - include_parts adds actors PART_OF the actor, transitively, through actors only;
#  - the values come in one map, $p: Neo4j plans a statement again for every new combination of
#    parameter types and string-length classes;
#  - the radius uses point.distance, which Neo4j computes on a sphere of radius 6378140 m; it is
#    rescaled to the 6371.0088 km sphere of graph.nx_store.haversine_km so both stores agree.
# One OR'ed statement for every filter combination cannot start anywhere but a scan of every
# Incident, so :func:`timeline` writes the statement for the filters that are set: it starts from
# the most selective of them through an index (actor or claimant: the INVOLVES edges and the claim
# indexes, names through a full-text index; place: its OCCURRED_NEAR edges; radius: the point index;
# dates: the (event_tier, event_start, event_end, precision_rank, id) index;
# types: the incident_type index) and checks the others on the incidents found.

_RESOLVE_ACTORS = """CALL () {{
  OPTIONAL MATCH (a:Actor {{id: $p.{key}}})
  CALL (a) {{
    WITH a WHERE a IS NULL
    {lookup}
    RETURN collect(b.id) AS by_name
  }}
  RETURN CASE WHEN a IS NULL THEN by_name ELSE [a.id] END AS {key}_base
}}
"""
_ACTOR_NAME_SCAN = "MATCH (b:Actor) WHERE $p.{key}_norm IN b.names"
# The index only narrows; membership in `names` decides, exactly as the scan does.
_ACTOR_NAME_SEEK = """CALL db.index.fulltext.queryNodes('cg_actor_names', $p.{key}_phrase) YIELD node AS b
    WITH b WHERE $p.{key}_norm IN b.names"""
# Longer names go to the scan: Lucene does not index terms beyond 32766 bytes.
_PHRASE_MAX_CHARS = 2000


def name_phrase(norm: str) -> str | None:
    """The full-text query finding a normalised name in ``cg_actor_names`` or ``cg_location_names`` (a
    quoted phrase, which the keyword analyzer turns into one exact term), or None when the name scan must
    be used.

    >>> print(name_phrase('the "azeri" side'), name_phrase(""))
    "the \\"azeri\\" side" None
    """
    if not norm or len(norm) > _PHRASE_MAX_CHARS:
        return None
    return '"' + norm.replace("\\", "\\\\").replace('"', '\\"') + '"'


_WITH_PARTS = """CALL (actor_base) {
  UNWIND actor_base AS top_id
  MATCH (top:Actor {id: top_id})
  MATCH ANY SHORTEST (part:Actor) ((:Actor)-[:PART_OF]->(:Actor))* (top)
  RETURN collect(DISTINCT part.id) AS actor_ids
}
"""

_RESOLVE_PLACES = """CALL () {{
  OPTIONAL MATCH (a:Location {{id: $p.location}})
  CALL (a) {{
    WITH a WHERE a IS NULL
    {lookup}
    RETURN collect(b) AS by_name
  }}
  WITH CASE WHEN a IS NULL THEN by_name ELSE [a] END AS places
  RETURN [x IN places | x.id] AS place_ids, [x IN places WHERE x.point IS NOT NULL | x.point] AS place_points
}}
"""
_PLACE_NAME_SCAN = "MATCH (b:Location) WHERE $p.location_norm IN b.names"
# As _ACTOR_NAME_SEEK: the index narrows, membership in `names` decides.
_PLACE_NAME_SEEK = """CALL db.index.fulltext.queryNodes('cg_location_names', $p.location_phrase)
    YIELD node AS b
    WITH b WHERE $p.location_norm IN b.names"""

_ORDER_INDEX = "event_tier, event_start, event_end, precision_rank, id"
# A match's sort key as a page orders it (graph.store.time_sort_key's order)
_KEYS = "i, i.event_start AS start, i.precision_rank AS rank, i.id AS id"

# Starting points: each yields the distinct incidents `i` matching its own filter exactly.
_FROM_ACTOR = """CALL (actor_ids) {
  UNWIND actor_ids AS aid
  MATCH (:Actor {id: aid})<-[:INVOLVES]-(i:Incident)
  RETURN i
  UNION
  UNWIND actor_ids AS aid
  MATCH (:Claim {claimant_id: aid})-[:ABOUT]->(i:Incident)
  RETURN i
  UNION
  UNWIND actor_ids AS aid
  MATCH (:Claim {target_id: aid})-[:ABOUT]->(i:Incident)
  RETURN i
}
"""
_FROM_CLAIMANT = """CALL (claimant_ids) {
  UNWIND claimant_ids AS aid
  MATCH (:Claim {claimant_id: aid})-[:ABOUT]->(i:Incident)
  RETURN DISTINCT i
}
"""
_FROM_PLACE = """CALL (place_ids) {
  UNWIND place_ids AS lid
  MATCH (:Location {id: lid})<-[:OCCURRED_NEAR]-(i:Incident)
  RETURN DISTINCT i
}
"""
# $p.seek_m is a little more than the radius in Neo4j's metres, so the point index finds a superset;
# the rescaled distance then decides exactly as the filter form below does.
_FROM_RADIUS = """CALL (place_points) {
  UNWIND place_points AS pt
  MATCH (l:Location)
  WHERE point.distance(l.point, pt) <= $p.seek_m
    AND point.distance(pt, l.point) / 6378140.0 * 6371.0088 <= $p.within_km
  WITH DISTINCT l
  MATCH (l)<-[:OCCURRED_NEAR]-(i:Incident)
  RETURN DISTINCT i
}
"""
# It also yields each match's sort key (start, rank, id) from the index entry: a page orders every
# match, and reading the rank and id from each node was about a third of a month's page on the bench
# graph. The index serves a seek only with a predicate on each of its properties; every dated incident
# has a precision rank and an id, so the two IS NOT NULL keep them all.
_FROM_DATES = f"""CALL () {{
  UNWIND [[0, {EVENT_TIER_DAYS[0]}], [1, {EVENT_TIER_DAYS[1]}]] AS tier
  MATCH (i:Incident)
  USING INDEX i:Incident({_ORDER_INDEX})
  WHERE i.event_tier = tier[0]
    AND i.event_start >= $p.since_or_min - duration({{days: tier[1]}})
    AND i.event_start <= $p.until_or_max
    AND i.event_end >= $p.since_or_min
    AND i.precision_rank IS NOT NULL AND i.id IS NOT NULL
  RETURN {_KEYS}
  UNION ALL
  MATCH (i:Incident)
  USING INDEX i:Incident({_ORDER_INDEX})
  WHERE i.event_tier = 2 AND i.event_start <= $p.until_or_max AND i.event_end >= $p.since_or_min
    AND i.precision_rank IS NOT NULL AND i.id IS NOT NULL
  RETURN {_KEYS}
}}
"""
_FROM_TYPES = """CALL () {
  MATCH (i:Incident) WHERE i.incident_type IN $p.types
  RETURN i
}
"""
_FROM_ALL = """MATCH (i:Incident)
"""

_IS_ACTOR = """(EXISTS { MATCH (i)-[:INVOLVES]->(x) WHERE x.id IN actor_ids }
       OR EXISTS { MATCH (c)-[:ABOUT]->(i) WHERE c.claimant_id IN actor_ids OR c.target_id IN actor_ids })"""
_IS_CLAIMANT = "EXISTS { MATCH (c)-[:ABOUT]->(i) WHERE c.claimant_id IN claimant_ids }"
_IS_PLACE = "EXISTS { MATCH (i)-[:OCCURRED_NEAR]->(l) WHERE l.id IN place_ids }"
_IS_RADIUS = """EXISTS {
       MATCH (i)-[:OCCURRED_NEAR]->(l:Location) WHERE l.point IS NOT NULL
         AND any(pt IN place_points
                 WHERE point.distance(pt, l.point) / 6378140.0 * 6371.0088 <= $p.within_km)
     }"""
_IS_DATED = (
    "(i.event_start IS NOT NULL AND i.event_end >= $p.since_or_min AND i.event_start <= $p.until_or_max)"
)
_IS_TYPE = "i.incident_type IN $p.types"


# The tail of a page's statement. Matches are ordered as graph.store.time_sort_key orders them (event
# start, nulls last as in Python; precision rank; id) and only the page's JSON is read. Python orders
# text by code point; Cypher may order it by UTF-16 code unit (Java's string order: a parameter's
# strings compare so, a stored property's by code point). The two disagree only where a character from
# U+10000 on (two units from U+D800) meets one in U+E000-U+FFFF. The dates and ranks order alike, so the page
# can only differ among the matches that tie with its last one on both; when one of those has an id
# with a character from U+D800 on (rare: ids are hashes and names), the keys of every match come back
# instead, and Python orders them.
_PAGE = """ORDER BY start, rank, id
WITH collect([i, start, rank, id]) AS found
WITH found, CASE WHEN $p.limit > 0 AND size(found) > $p.limit THEN found[$p.limit - 1] END AS edge
WITH found, edge IS NOT NULL AND any(x IN found WHERE x[2] = edge[2]
    AND (x[1] = edge[1] OR (x[1] IS NULL AND edge[1] IS NULL)) AND x[3] =~ $p.odd_id) AS odd
RETURN CASE WHEN NOT odd THEN [x IN found[..$p.limit] | x[0].data] END AS data,
  CASE WHEN odd THEN [x IN found | [x[3], toString(x[1]), x[2]]] END AS keys"""


@functools.cache
def timeline(
    *,
    actor: bool = False,
    include_parts: bool = False,
    actor_by_phrase: bool = False,
    claimant: bool = False,
    claimant_by_phrase: bool = False,
    location: bool = False,
    location_by_phrase: bool = False,
    radius: bool = False,
    dates: bool = False,
    types: bool = False,
    as_of: bool = False,
    page: bool = False,
) -> str:
    """The timeline statement for the filters that are set (``radius`` only counts with
    ``location``); it returns one row whose ``data`` lists the incidents' JSON, unordered. With
    ``page`` (the first ``$p.limit`` incidents), the server orders the matches and ``data`` holds the
    JSON of the first ``$p.limit`` only; unless an id at the page's edge holds a character from U+D800
    on (``$p.odd_id``, see :data:`_PAGE`): then ``data`` is null and ``keys`` lists every match's
    [id, event_start as ISO text (null when unknown), precision_rank], for the caller to order.

    >>> timeline(actor=True).count("MATCH (i:Incident)")
    0
    """
    radius = radius and location
    parts: list[str] = []
    if actor:
        lookup = _ACTOR_NAME_SEEK if actor_by_phrase else _ACTOR_NAME_SCAN
        parts.append(_RESOLVE_ACTORS.format(key="actor", lookup=lookup.format(key="actor")))
        parts.append(_WITH_PARTS if include_parts else "WITH *, actor_base AS actor_ids\n")
    if claimant:
        lookup = _ACTOR_NAME_SEEK if claimant_by_phrase else _ACTOR_NAME_SCAN
        parts.append(_RESOLVE_ACTORS.format(key="claimant", lookup=lookup.format(key="claimant")))
        parts.append("WITH *, claimant_base AS claimant_ids\n")
    if location:
        lookup = _PLACE_NAME_SEEK if location_by_phrase else _PLACE_NAME_SCAN
        parts.append(_RESOLVE_PLACES.format(lookup=lookup))
    # (filter is set, starting point, check) from the most selective filter to the least.
    filters = [
        (actor, _FROM_ACTOR, _IS_ACTOR),
        (claimant, _FROM_CLAIMANT, _IS_CLAIMANT),
        (location and not radius, _FROM_PLACE, _IS_PLACE),
        (radius, _FROM_RADIUS, _IS_RADIUS),
        (dates, _FROM_DATES, _IS_DATED),
        (types, _FROM_TYPES, _IS_TYPE),
    ]
    active = [(start, check) for on, start, check in filters if on]
    parts.append(active[0][0] if active else _FROM_ALL)
    checks = [check for _, check in active[1:]]
    if as_of:
        checks.append(_visible("i"))
    if checks:
        parts.append("WITH * WHERE " + "\n  AND ".join(checks) + "\n")
    # One row holding every incident: the driver's cost is per record, and a month can hold thousands.
    if page:
        # the sort key, unless the starting point yields it (_FROM_DATES)
        keyed = bool(active) and active[0][0] == _FROM_DATES
        parts.append("WITH *\n" if keyed else f"WITH {_KEYS}\n")
        parts.append(_PAGE)
    else:
        parts.append("RETURN collect(i.data) AS data")
    return "".join(parts)


# The claim chain, in one statement returning one record: the roots and every claim the tree can reach
# from them within max_depth steps, with what Python needs to lay out the same depth-first tree as
# NetworkXStore.claim_chain.
#  - roots: from a claim, climb ABOUT edges that mirror ``about_id`` through distinct, visible claims
#    (the longest such climb); from an incident, the visible claims ABOUT it;
#  - reach, one level per step of depth: a claim's children are the claims ABOUT it and, for a denial,
#    its counter-accusation candidates: accusations reported in an article the denial is reported in,
#    made by the denier, aimed at the denied claim's claimant or what that claimant is PART_OF. So each
#    step starts from the claims it has (ABOUT edges, REPORTED_IN edges, the id index), never from an
#    actor's whole record of claims;
#  - each level keeps what it found per claim (``links``: the claims ABOUT it, and for a denial the
#    accused ids and its counter-accusation candidates), so nothing is looked up twice; the claims of
#    the last level get none: the depth-first walk places them at max_depth at the earliest (a walk is
#    never shorter than the fewest steps), where it does not look for children;
#  - per claim reached: visible and its articles (Python applies the visibility and placement rules).
_CHAIN_ROOTS = f"""OPTIONAL MATCH (sc:Claim {{id: $p.start}})
OPTIONAL MATCH (si:Incident {{id: $p.start}})
CALL (sc) {{
  OPTIONAL MATCH p = (sc) ((a:Claim)-[:ABOUT]->(b:Claim) WHERE b.id = a.about_id)* (top:Claim)
  WHERE all(k IN range(1, length(p)) WHERE NOT nodes(p)[k] IN nodes(p)[0..k])
    AND all(x IN tail(nodes(p)) WHERE {_visible("x")})
  RETURN top ORDER BY length(p) DESC LIMIT 1
}}
WITH CASE
  WHEN top IS NOT NULL THEN CASE WHEN {_visible("top")} THEN [top] ELSE [] END
  WHEN si IS NOT NULL THEN COLLECT {{
    MATCH (c:Claim)-[:ABOUT]->(si) WHERE {_visible("c")} RETURN DISTINCT c
  }}
  ELSE [] END AS roots
WITH roots, roots AS reached0, roots AS frontier0, [] AS links0"""

# The accused of denial `c` (empty unless it is a denial of a claim with a claimant).
_ACCUSED = """CASE WHEN c.stance = 'deny' AND c.claimant_id IS NOT NULL AND c.about_id IS NOT NULL
    THEN COLLECT {
      MATCH (denied:Claim {id: c.about_id}) WHERE denied.claimant_id IS NOT NULL
      RETURN denied.claimant_id AS x
      UNION
      MATCH (denied:Claim {id: c.about_id})
      MATCH (:Actor {id: denied.claimant_id})-[:PART_OF]->(up)
      RETURN up.id AS x
    } ELSE [] END"""

# Counter-accusation candidates of denial `c` given its `accused` ids (none without accused ids, so the
# article's claims are not walked for an accusation or an assertion).
_COUNTERS = """CASE WHEN accused = [] THEN [] ELSE COLLECT {
      MATCH (c)-[:REPORTED_IN]->(ar)<-[:REPORTED_IN]-(k:Claim {stance: 'accuse'})
      WHERE k.target_id IN accused AND EXISTS { MATCH (k)<-[:MADE]-(x) WHERE x.id = c.claimant_id }
      RETURN DISTINCT k
    } END"""

_CHAIN_LEVEL = f"""
CALL (frontier{{prev}}) {{{{
  UNWIND frontier{{prev}} AS c
  WITH c, {_ACCUSED.replace("{", "{{").replace("}", "}}")} AS accused
  WITH c, accused, COLLECT {{{{ MATCH (k:Claim)-[:ABOUT]->(c) RETURN k }}}} AS about_kids,
    {_COUNTERS.replace("{", "{{").replace("}", "}}")} AS counters
  WITH collect({{{{id: c.id, about_kids: [k IN about_kids | k.id], accused: accused,
    counters: [k IN counters | k.id]}}}}) AS links, collect(about_kids + counters) AS kids
  RETURN links, COLLECT {{{{ UNWIND kids AS some UNWIND some AS k RETURN DISTINCT k }}}} AS found
}}}}
WITH roots, reached{{prev}}, links{{prev}} + links AS links{{n}},
  [k IN found WHERE NOT k IN reached{{prev}}] AS frontier{{n}}
WITH roots, reached{{prev}} + frontier{{n}} AS reached{{n}}, frontier{{n}}, links{{n}}"""

_CHAIN_ROWS = f"""
RETURN [c IN reached_all | {{
  data: c.data,
  is_root: c IN roots,
  visible: {_visible("c")},
  articles: COLLECT {{ MATCH (c)-[:REPORTED_IN]->(ar) RETURN ar.id }}
}}] AS claims, links_all AS links"""


def claim_chain(max_depth: int) -> str:
    """The claim-chain statement for trees of at most ``max_depth`` levels below the roots: one record,
    ``claims`` (data, is_root, visible, articles of every claim reached) and ``links`` (per claim of the
    levels above the last: id, about_kids, accused, counters)."""
    levels = max(0, max_depth)
    parts = [_CHAIN_ROOTS]
    parts += [_CHAIN_LEVEL.format(prev=n - 1, n=n) for n in range(1, levels + 1)]
    rows = _CHAIN_ROWS.replace("reached_all", f"reached{levels}").replace("links_all", f"links{levels}")
    return "".join(parts) + rows


# -- several nodes' neighbours in one statement (GraphStore.neighbours_many) ----------------------


def _neighbours_many(etype: EdgeType | None, direction: str) -> str:
    types = _ALL_TYPES if etype is None else _rel(etype)
    out = f"COLLECT {{ MATCH (n)-[e:{types}]->(o) RETURN [e.data, o.data] }}" if direction != "in" else "[]"
    inc = f"COLLECT {{ MATCH (n)<-[e:{types}]-(o) RETURN [e.data, o.data] }}" if direction != "out" else "[]"
    return f"""UNWIND $ids AS id
CALL (id) {{
{_ANY_NODE}
}}
RETURN id, {out} AS outgoing, {inc} AS incoming"""


# (edge type or None for all, 'out'|'in'|'both') -> the statement; every combination built once here.
NEIGHBOURS_MANY: dict[tuple[EdgeType | None, str], str] = {
    (t, d): _neighbours_many(t, d) for t in (None, *EdgeType) for d in ("out", "in", "both")
}


# -- what timeline rows read (GraphStore.row_facts) -----------------------------------------------

# A link as row_facts hands it over: [type, edge id, other id, then ROW_LINK_PROPS in order].
_LINK_ITEM = "[type(e), e.id, o.id, " + ", ".join(f"e.{p}" for p in ROW_LINK_PROPS) + "]"


@functools.cache
def row_nodes(claim_depth: int) -> str:
    """Incidents and claims by id, with every claim reaching one of them by at most ``claim_depth``
    ABOUT edges: each one's id, its fields, whether it is a claim, and the links timeline rows read
    (ROW_LINKS_OUT, ROW_LINKS_IN) with only the edge props a row shows (no edge or neighbour JSON).
    An incident's fields are its JSON, or null when its id is not in ``$data_ids`` (the caller holds
    its model); a claim's are the properties a row shows (graph.store.ClaimFacts: claimant, target,
    stance, quote, and the claim time's start and end as ISO text (a driver date costs tens of
    microseconds in Python) and precision), not its JSON. All in one record: the driver's cost is
    per record, not per value.

    >>> "{1,6}" in row_nodes(6), "{1," in row_nodes(0)
    (True, False)
    """
    out = "|".join(_rel(t) for t in ROW_LINKS_OUT)
    inc = "|".join(_rel(t) for t in ROW_LINKS_IN)
    tree = (
        f"""CALL (seeds) {{
  UNWIND seeds AS s
  MATCH (c:Claim)-[:ABOUT]->{{1,{int(claim_depth)}}}(s)
  RETURN collect(DISTINCT c) AS claims
}}"""
        if claim_depth > 0
        else "WITH seeds, [] AS claims"
    )
    return f"""UNWIND $ids AS id
CALL (id) {{
  MATCH (n:{_label(NodeKind.INCIDENT)} {{id: id}}) RETURN n
  UNION ALL
  MATCH (n:{_label(NodeKind.CLAIM)} {{id: id}}) RETURN n
}}
WITH collect(n) AS seeds
{tree}
UNWIND seeds + [c IN claims WHERE NOT c IN seeds] AS n
WITH n,
  COLLECT {{ MATCH (n)-[e:{out}]->(o) RETURN {_LINK_ITEM} }} AS outgoing,
  COLLECT {{ MATCH (n)<-[e:{inc}]-(o) RETURN {_LINK_ITEM} }} AS incoming
WITH n, outgoing, incoming, n:{_label(NodeKind.CLAIM)} AS is_claim
RETURN collect([n.id,
  CASE WHEN is_claim THEN [n.claimant_id, n.target_id, n.stance, n.quote, toString(n.claim_start),
    toString(n.claim_end), n.claim_precision]
  WHEN n.id IN $data_ids THEN n.data END,
  is_claim, outgoing, incoming]) AS nodes"""


# Nodes by id as timeline rows name them, in one record: id, label, the props a display name takes,
# an article's citation fields (its date as ISO text: a driver date costs tens of microseconds in
# Python, and a month's rows cite ~1,500 articles) and SAME_STORY partners, a place's JSON, and an
# article's JSON only when it holds the text $dataset_key (the JSON key of a dataset row's outlet,
# graph.store.ArticleBrief: an article's JSON holds its whole text, and no other field of it is shown).
# $wanted lists [id, use] pairs (one list: Neo4j plans a statement again for each new combination of
# its list parameters' size classes). Each id is sought under the one label its use asks for
# ('article': a cited article; 'place'), or as a 'name' (a claimant, a target, an involved actor, a
# figure's source) as an Actor first, then under every label: not under every label at once (six
# index seeks per id, about a third of this statement's server CPU on the bench graph). Ids are unique
# across labels (the embedded store holds one node per id), so each finds what the seek under every
# label would.
ROW_BRIEFS = f"""WITH [x IN $wanted WHERE x[1] = 'article' | x[0]] AS articles,
  [x IN $wanted WHERE x[1] = 'place' | x[0]] AS places,
  [x IN $wanted WHERE x[1] = 'name' | x[0]] AS names
CALL (articles, places, names) {{
  UNWIND articles AS id
  MATCH (n:{_label(NodeKind.ARTICLE)} {{id: id}})
  RETURN n
  UNION ALL
  UNWIND places AS id
  MATCH (n:{_label(NodeKind.LOCATION)} {{id: id}})
  RETURN n
  UNION ALL
  UNWIND names AS id
  OPTIONAL MATCH (actor:{_label(NodeKind.ACTOR)} {{id: id}})
  CALL (actor, id) {{
    WITH actor WHERE actor IS NOT NULL
    RETURN actor AS found
    UNION ALL
    WITH id WHERE actor IS NULL
    CALL (id) {{
{_ANY_NODE}
    }}
    RETURN n AS found
  }}
  RETURN found AS n
}}
WITH n, n:{_label(NodeKind.ARTICLE)} AS article
WITH n, article, CASE WHEN article
  THEN COLLECT {{ MATCH (n)-[:{_rel(EdgeType.SAME_STORY)}]-(o) RETURN o.id }} END AS same_story
RETURN collect([n.id, head(labels(n)), n.name, n.title, n.summary, n.quote, n.outlet, n.url,
  toString(n.published),
  CASE WHEN (article AND n.data CONTAINS $dataset_key) OR n:{_label(NodeKind.LOCATION)} THEN n.data END,
  same_story]) AS nodes"""
