"""Every Cypher statement the Neo4j store runs, as named constants.

All values travel as parameters. Labels and relationship types cannot be parameters in Cypher, so the
few statements that need one are built here, once, at import time, from the :class:`NodeKind` /
:class:`EdgeType` enums (plus the ``Ledger`` label of :data:`EXTRA_LABELS`) and nothing else.

>>> NODE_UPSERT[NodeKind.ACTOR].splitlines()[1]
'MERGE (n:Actor {id: r.id})'
"""

from __future__ import annotations

from graph.model import EDGE_ENDPOINTS, EdgeType, NodeKind

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

# Used by cross-article resolution (loaders/resolve.py) to replace the nodes it merged.
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

_OUR_NODES = " OR ".join(f"n:{lbl}" for lbl in sorted(ALLOWED_LABELS))
# Batched, in its own transactions: one huge DETACH DELETE would need the whole graph in memory.
CLEAR = f"""MATCH (n) WHERE {_OUR_NODES}
CALL (n) {{ DETACH DELETE n }} IN TRANSACTIONS OF 5000 ROWS"""

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

_ALL_TYPES = "|".join(_rel(t) for t in EdgeType)
EDGE_IDS_OF_TYPE: dict[EdgeType, str] = {
    t: f"MATCH ()-[e:{_rel(t)}]->() RETURN type(e) AS type, e.id AS id" for t in EdgeType
}
ALL_EDGE_IDS = f"MATCH ()-[e:{_ALL_TYPES}]->() RETURN type(e) AS type, e.id AS id"

# Edges at one node (by id, whatever its label), outgoing and incoming kept apart like the
# embedded store does (a self-loop is listed once each way).
EDGES_AT = f"""WITH $id AS id
CALL (id) {{
{_ANY_NODE}
}}
RETURN
  COLLECT {{ MATCH (n)-[e:{_ALL_TYPES}]->(o) RETURN [e.data, o.data] }} AS outgoing,
  COLLECT {{ MATCH (n)<-[e:{_ALL_TYPES}]-(o) RETURN [e.data, o.data] }} AS incoming"""

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


# The timeline, in one statement. Filters mirror NetworkXStore.timeline:
#  - $actor / $claimant / $location resolve like GraphStore.resolve: an id of that kind, else every
#    node of that kind with the (normalised) name or alias ($*_norm);
#  - $p.include_parts adds actors PART_OF the actor, transitively, through actors only;
#  - the filters come in one map, $p: Neo4j plans a statement again for every new combination of
#    parameter types and string-length classes, and planning this one takes most of a second;
#  - the radius uses point.distance, which Neo4j computes on a sphere of radius 6378140 m; it is
#    rescaled to the 6371.0088 km sphere of graph.nx_store.haversine_km so both stores agree.
TIMELINE = f"""CALL () {{
  WITH COLLECT {{ MATCH (a:Actor {{id: $p.actor}}) RETURN a.id }} AS by_id,
       COLLECT {{ MATCH (a:Actor) WHERE $p.actor_norm IN a.names RETURN a.id }} AS by_name
  WITH CASE WHEN size(by_id) > 0 THEN by_id ELSE by_name END AS base
  RETURN CASE WHEN $p.include_parts THEN COLLECT {{
      UNWIND base AS top_id
      MATCH (top:Actor {{id: top_id}})
      MATCH ANY SHORTEST (part:Actor) ((:Actor)-[:PART_OF]->(:Actor))* (top)
      RETURN DISTINCT part.id
    }} ELSE base END AS actor_ids
}}
CALL () {{
  WITH COLLECT {{ MATCH (a:Actor {{id: $p.claimant}}) RETURN a.id }} AS by_id,
       COLLECT {{ MATCH (a:Actor) WHERE $p.claimant_norm IN a.names RETURN a.id }} AS by_name
  RETURN CASE WHEN size(by_id) > 0 THEN by_id ELSE by_name END AS claimant_ids
}}
CALL () {{
  WITH COLLECT {{ MATCH (p:Location {{id: $p.location}}) RETURN p }} AS by_id,
       COLLECT {{ MATCH (p:Location) WHERE $p.location_norm IN p.names RETURN p }} AS by_name
  WITH CASE WHEN size(by_id) > 0 THEN by_id ELSE by_name END AS places
  RETURN [p IN places | p.id] AS place_ids,
         [p IN places WHERE p.point IS NOT NULL | p.point] AS place_points
}}
MATCH (i:Incident)
WHERE (size($p.types) = 0 OR i.incident_type IN $p.types)
  AND (($p.since IS NULL AND $p.until IS NULL)
       OR (i.event_start IS NOT NULL
           AND ($p.since IS NULL OR i.event_end >= $p.since)
           AND ($p.until IS NULL OR i.event_start <= $p.until)))
  AND ($p.actor IS NULL
       OR EXISTS {{ MATCH (i)-[:INVOLVES]->(x) WHERE x.id IN actor_ids }}
       OR EXISTS {{ MATCH (c)-[:ABOUT]->(i) WHERE c.claimant_id IN actor_ids OR c.target_id IN actor_ids }})
  AND ($p.claimant IS NULL
       OR EXISTS {{ MATCH (c)-[:ABOUT]->(i) WHERE c.claimant_id IN claimant_ids }})
  AND ($p.location IS NULL
       OR ($p.within_km IS NULL AND EXISTS {{ MATCH (i)-[:OCCURRED_NEAR]->(l) WHERE l.id IN place_ids }})
       OR ($p.within_km IS NOT NULL AND EXISTS {{
             MATCH (i)-[:OCCURRED_NEAR]->(l:Location) WHERE l.point IS NOT NULL
               AND any(p IN place_points
                       WHERE point.distance(p, l.point) / 6378140.0 * 6371.0088 <= $p.within_km)
           }}))
  AND {_visible("i")}
RETURN i.data AS data
ORDER BY CASE WHEN i.event_start IS NULL THEN 1 ELSE 0 END, i.event_start, i.precision_rank, i.id"""

# The claim chain, in one statement: the roots and every claim the tree can reach from them, with
# what Python needs to lay out the same depth-first tree as NetworkXStore.claim_chain.
#  - roots: from a claim, climb ABOUT edges that mirror ``about_id`` through distinct, visible claims
#    (the longest such climb); from an incident, the visible claims ABOUT it;
#  - reach, level by level: level 0 is every claim below the roots by ABOUT edges; level n+1 is every
#    claim below the accusations made by the claimant of a denial of level n (the counter-accusation
#    candidates). A counter needs a denial above it, so ceil(max_depth / 2) levels reach every claim
#    the tree can hold. Each walk is a single-direction pattern whose predicates Neo4j applies while
#    expanding; one undirected walk with a per-step predicate was not (it searched the whole graph).
#  - per claim: visible, articles, the claims ABOUT it, and for a denial the accused ids (the denied
#    claim's claimant and what that claimant is PART_OF) and the accusations its claimant MADE.
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
WITH roots, COLLECT {{
  UNWIND roots AS top MATCH (top) (()<-[:ABOUT]-(:Claim))* (c:Claim) RETURN DISTINCT c
}} AS level0"""

_CHAIN_LEVEL = """
WITH roots, reached{prev} + level{prev} AS reached{n}, COLLECT {{
  UNWIND level{prev} AS d
  WITH d WHERE d.stance = 'deny' AND d.claimant_id IS NOT NULL AND d.about_id IS NOT NULL
  MATCH (:Actor {{id: d.claimant_id}})-[:MADE]->(k:Claim {{stance: 'accuse'}})
  MATCH (k) (()<-[:ABOUT]-(:Claim))* (c:Claim)
  RETURN DISTINCT c
}} AS level{n}"""

_CHAIN_ROWS = f"""
UNWIND reached_all + level_last AS c
WITH DISTINCT roots, c
RETURN c.data AS data,
  c IN roots AS is_root,
  {_visible("c")} AS visible,
  COLLECT {{ MATCH (c)-[:REPORTED_IN]->(ar) RETURN ar.id }} AS articles,
  COLLECT {{ MATCH (k:Claim)-[:ABOUT]->(c) RETURN k.id }} AS about_kids,
  CASE WHEN c.stance = 'deny' AND c.claimant_id IS NOT NULL AND c.about_id IS NOT NULL THEN COLLECT {{
      MATCH (denied:Claim {{id: c.about_id}}) WHERE denied.claimant_id IS NOT NULL
      RETURN denied.claimant_id AS x
      UNION
      MATCH (denied:Claim {{id: c.about_id}})
      MATCH (:Actor {{id: denied.claimant_id}})-[:PART_OF]->(up)
      RETURN up.id AS x
    }} ELSE [] END AS accused,
  CASE WHEN c.stance = 'deny' AND c.claimant_id IS NOT NULL THEN COLLECT {{
      MATCH (:Actor {{id: c.claimant_id}})-[:MADE]->(k:Claim) RETURN k.id
    }} ELSE [] END AS counters"""


def claim_chain(max_depth: int) -> str:
    """The claim-chain statement for trees of at most ``max_depth`` levels below the roots."""
    levels = max(1, (max(0, max_depth) + 1) // 2)
    parts = [_CHAIN_ROOTS, "\nWITH roots, [] AS reached0, level0"]
    parts += [_CHAIN_LEVEL.format(prev=n - 1, n=n) for n in range(1, levels + 1)]
    tail = _CHAIN_ROWS.replace("reached_all", f"reached{levels}").replace("level_last", f"level{levels}")
    return "".join(parts) + tail


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
