"""One graph across many articles: actor resolution, incident coreference, claim merging, near-duplicate
articles, dataset links.

:func:`resolve_store` is a deterministic whole-store pass, run after an ingest. Its result is a function
of the *reports* in the store (each source's incidents and claims as the source gave them), never of the
order they arrived in: raw nodes written by the pipeline are reports; a node that merged several reports
keeps them (``Incident.reports`` / ``Claim.reports``), so every pass starts again from the same reports,
and ingesting the same articles twice, or in another order, gives the same graph.

- **Actors** of the same kind and country whose names match (name, alias without its article, the
  actor dictionary's canonical name, the state of a capital or metonym) become one node; every name is
  kept as an alias with its evidence.
- **Incidents** of different sources merge when the types are compatible, the event times overlap at
  their precision, the places are the same named place or within ``radius_km``, and the actors do not
  conflict. Candidate pairs come from blocks (type group x week x place), so the cost grows close to
  linearly. Merged ids are ``inc_`` + a hash of the member report ids. Each merge is recorded as a
  :class:`~graph.model.MergeLink` on the incident; :func:`split` undoes one and records ``kept_apart``.
- **Claims** with the same claimant, stance, target and incident(s) become one claim: the first date is
  the claim time, later dates are ``repeats``, every source's evidence is kept. A denial links by
  ``DENIES`` to each claim it answers, across articles.
- **Casualty figures** stay one per source in ``Incident.figures``; the merged incident's ``killed`` /
  ``injured`` is the *best* figure (:func:`casualty_range`).
- **Near-duplicate articles** (MinHash over word 5-grams, datasketch's LSH) are linked ``SAME_STORY``
  (copy -> original); :func:`independent_sources` counts stories, not copies.
- **Dataset incidents** (ACLED/UCDP/GDELT) are never merged into article incidents; a match is a
  ``SAME_AS`` edge (dataset -> article incident) with its confidence and reasons.

>>> from graph import open_store
>>> resolve_store(open_store("memory://")).changed
0
"""

from __future__ import annotations

import gc
import json
import math
import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, TypeVar

from graph.merge import merge_edge, merge_evidence, merge_node
from graph.model import (
    PRECISION_RANK,
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    CasualtyFigure,
    Claim,
    ClaimReport,
    Edge,
    EdgeType,
    Evidence,
    Incident,
    IncidentReport,
    Location,
    MergeLink,
    Node,
    NodeKind,
    Precision,
    Stance,
    TimeSpan,
    edge_id,
    normalise,
    stable_hash,
    trusted_edge,
)
from graph.store import GraphStore
from graph.taxonomy import COMPATIBLE, IncidentType, compatible

RESOLVER = "resolve"  # props["by"] of the edges this module derives (SAME_STORY, SAME_AS, DENIES)


@dataclass(frozen=True)
class ResolveConfig:
    """Tunable thresholds of the resolution pass."""

    radius_km: float = 25.0
    time_slack_days: int = 0
    minhash_threshold: float = 0.5
    num_perm: int = 128
    shingle_words: int = 5
    max_block_weeks: int = 16
    write_batch: int = 500


@dataclass
class ResolveReport:
    """What one pass found and changed."""

    incidents_merged: int = 0
    claims_merged: int = 0
    actors_merged: int = 0
    same_story: int = 0
    same_as: int = 0
    denials_linked: int = 0
    nodes_written: int = 0
    nodes_deleted: int = 0
    edges_written: int = 0
    edges_deleted: int = 0

    @property
    def changed(self) -> int:
        return self.nodes_written + self.nodes_deleted + self.edges_written + self.edges_deleted

    def to_dict(self) -> dict[str, int]:
        return {k: v for k, v in self.__dict__.items()}


# --- small helpers ------------------------------------------------------------------------------


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller id is the root, so the result does not depend on the call order.
            self.parent[max(ra, rb)] = min(ra, rb)


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from graph.nx_store import haversine_km

    return haversine_km(lat1, lon1, lat2, lon2)


_DETERMINER = re.compile(r"^(the|a|an)\s+")


def _name_key(text: str) -> str:
    """Name as matched across articles: normalised, leading article dropped ('The JFA' == 'JFA')."""
    return _DETERMINER.sub("", normalise(text))


def _proper(alias: str) -> bool:
    """An alias that names one actor ('JFA', 'the Sudanese Red Crescent Society'), not a description
    that many actors share ('the army', 'a local official'): some word after the article is capitalised."""
    words = re.findall(r"[\w'’.-]+", alias)
    if words and words[0].casefold() in ("the", "a", "an", "its", "our", "their"):
        words = words[1:]
    return any(w[:1].isupper() for w in words)


def _span(t: TimeSpan, slack: int) -> tuple[date, date] | None:
    if t.start is None or t.end is None:
        return None
    return t.start - timedelta(days=slack), t.end + timedelta(days=slack)


def _time_key(t: TimeSpan) -> tuple[int, str, int]:
    """Earliest-first order of dates; unknown last; more precise first."""
    if t.start is None:
        return (1, "", PRECISION_RANK[t.precision])
    return (0, t.start.isoformat(), PRECISION_RANK[t.precision])


# --- incident matching --------------------------------------------------------------------------


@dataclass
class _Mention:
    """The matching features of one incident report."""

    id: str
    report: IncidentReport
    type: IncidentType
    span: tuple[date, date] | None
    main_place: str | None
    places: set[str]  # location ids and name keys ('n:kadugli|SDN') of the place and the places near it
    coords: list[tuple[float, float]]
    actors: dict[str, set[str]]  # role -> canonical actor ids
    victim_classes: set[str]  # 'civilian' / 'forces' of the victims whose kind says which (_VICTIM_CLASS)
    sources: set[str]
    published: date
    dataset: bool
    kept_apart: set[str]


def _type_groups(t: IncidentType) -> list[str]:
    """Blocking groups: compatible types share a group ('other' goes with every group)."""
    if t is IncidentType.OTHER:
        return sorted({_type_group(x) for x in IncidentType})
    return [_type_group(t)]


def _type_group(t: IncidentType) -> str:
    if t is IncidentType.OTHER:
        return "other"
    comp = COMPATIBLE[t] - {IncidentType.OTHER}
    return min(x.value for x in comp)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    # Half-degree cells (>= 27 km tall) and the 8 around a point cover any 25 km radius.
    return (math.floor(lat * 2), math.floor(lon * 2))


def _blocks(m: _Mention, cfg: ResolveConfig) -> list[tuple[object, ...]]:
    if m.span is None:
        return []  # an undated report cannot be shown to overlap anything: never merged
    places: list[object] = [("p", p) for p in sorted(m.places) if p.startswith("n:")]
    places += [("p", p) for p in sorted(m.places) if not p.startswith("n:") and "n:" not in "".join(m.places)]
    for lat, lon in m.coords[:1]:
        cy, cx = _cell(lat, lon)
        places.extend(("g", cy + dy, cx + dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1))
    start, end = m.span
    weeks = (end - start).days // 7 + 1
    keys: list[tuple[object, ...]] = []
    for group in _type_groups(m.type):
        if weeks <= cfg.max_block_weeks:
            first = start.toordinal() // 7
            for w in range(first, end.toordinal() // 7 + 1):
                keys.extend((group, "w", w, p) for p in places)
        # Coarse reports (a year, a long range) meet other reports at the same place.
        keys.extend((group, "c", p) for p in places)
    return keys


def _coarse(m: _Mention, cfg: ResolveConfig) -> bool:
    return m.span is not None and (m.span[1] - m.span[0]).days // 7 + 1 > cfg.max_block_weeks


def _match(a: _Mention, b: _Mention, cfg: ResolveConfig) -> MergeLink | None:
    """The link between two reports when they describe the same event, else None."""
    if a.sources & b.sources or a.span is None or b.span is None:
        return None
    if not compatible(a.type, b.type):
        return None
    if a.span[0] > b.span[1] or b.span[0] > a.span[1]:
        return None
    inter = (min(a.span[1], b.span[1]) - max(a.span[0], b.span[0])).days + 1
    shorter = min((a.span[1] - a.span[0]).days, (b.span[1] - b.span[0]).days) + 1
    time_score = inter / shorter
    place_score = 0.0
    distance: float | None = None
    same_place = (a.main_place is not None and a.main_place in b.places) or (
        b.main_place is not None and b.main_place in a.places
    )
    if same_place:
        place_score = 1.0
    else:
        for la, lo in a.coords:
            for lb, lob in b.coords:
                d = _haversine_km(la, lo, lb, lob)
                distance = d if distance is None else min(distance, d)
        if distance is None or distance > cfg.radius_km:
            return None
        place_score = 1.0 - distance / cfg.radius_km / 2
    conflict, actor_score = _actor_conflict(a, b)
    if conflict:
        return None
    type_score = 1.0 if a.type is b.type else 0.5
    score = round((type_score + time_score + place_score + actor_score) / 4, 4)
    reasons = [
        f"type {a.type.value}" + ("" if a.type is b.type else f"~{b.type.value} (compatible)"),
        f"time overlap {time_score:.2f}",
        "same place" if same_place else f"{distance:.1f} km apart",
        f"actors {actor_score:.2f}",
    ]
    return MergeLink(
        a=min(a.id, b.id),
        b=max(a.id, b.id),
        sources=sorted(a.sources | b.sources),
        type=type_score,
        time=round(time_score, 4),
        place=round(place_score, 4),
        actors=round(actor_score, 4),
        score=score,
        reasons="; ".join(reasons),
    )


# What kind of victim an actor is, where its kind says so: a population group ("Civilians", "Labor
# Group") is civilian; a government body or an armed group is forces. States (an article often names
# the state whose villages were hit), persons, organisations and media say nothing either way.
_VICTIM_CLASS = {
    ActorKind.POPULATION_GROUP: "civilian",
    ActorKind.GOVERNMENT_BODY: "forces",
    ActorKind.ARMED_GROUP: "forces",
}


def _actor_conflict(a: _Mention, b: _Mention) -> tuple[bool, float]:
    """(conflict, agreement score). Contested perpetrators are no conflict (each side blames the other
    for the same shelling); different victims are: different named victims, or victims of disjoint
    classes (civilians on one side, only a ministry's staff or armed men on the other), since
    population groups are generic names that never match a named victim."""
    all_a = set().union(*a.actors.values()) if a.actors else set()
    all_b = set().union(*b.actors.values()) if b.actors else set()
    if not all_a or not all_b:
        return False, 0.5
    va, vb = a.actors.get("victim", set()), b.actors.get("victim", set())
    named_a = {x for x in va if not x.startswith("pop:")}
    named_b = {x for x in vb if not x.startswith("pop:")}
    if named_a and named_b and not (named_a & named_b):
        return True, 0.0
    if a.victim_classes and b.victim_classes and not (a.victim_classes & b.victim_classes):
        return True, 0.0
    return False, len(all_a & all_b) / len(all_a | all_b)


# --- the pass -----------------------------------------------------------------------------------


@dataclass
class _Snapshot:
    nodes: dict[str, Node]
    edges: dict[str, Edge]
    out_edges: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))
    in_edges: dict[str, list[Edge]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, store: GraphStore) -> _Snapshot:
        nodes, edges = store.snapshot()
        snap = cls(nodes=nodes, edges=edges)
        for e in snap.edges.values():
            snap.out_edges[e.source].append(e)
            snap.in_edges[e.target].append(e)
        return snap

    def published(self, source: str) -> date:
        art = self.nodes.get(source)
        if isinstance(art, Article) and art.published is not None:
            return art.published
        return date.max


def resolve_store(store: GraphStore, config: ResolveConfig | None = None) -> ResolveReport:
    """Resolve the whole store (actors, incidents, claims, copies, dataset links) and write the changes.

    Deterministic and idempotent: a second pass changes nothing; the result does not depend on the
    order the articles were ingested in.
    """
    cfg = config or ResolveConfig()
    # The pass builds millions of small acyclic objects; the cyclic collector's full collections scan
    # the whole live heap each time, which makes a pass over a large store superlinear. Off meanwhile.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        snap = _Snapshot.of(store)
        report = ResolveReport()
        desired_nodes, desired_edges = _desired(snap, cfg, report)
        _apply(store, snap, desired_nodes, desired_edges, cfg, report)
    finally:
        if was_enabled:
            gc.enable()
    return report


def _desired(
    snap: _Snapshot, cfg: ResolveConfig, report: ResolveReport
) -> tuple[dict[str, Node], dict[str, Edge]]:
    actor_map, actors = _resolve_actors(snap, report)
    inc_reports, claim_reports, owned, merged_before = _collect_reports(snap)
    nodes: dict[str, Node] = {}
    for n in snap.nodes.values():
        if isinstance(n, Article | Location):
            nodes[n.id] = n
    nodes.update(actors)

    mentions = _mentions(inc_reports, snap, actor_map, cfg)
    clusters, links, dataset_links = _cluster(mentions, cfg)
    inc_map: dict[str, str] = {}
    edges: dict[str, Edge] = {}

    def put_edge(e: Edge, keyed: bool = False) -> None:
        """Add (merge) an edge; ``keyed``: it is a fresh copy with its id already computed."""
        if not keyed:
            e = _rekey(e)
        edges[e.id] = merge_edge(edges.get(e.id), e)

    for members in clusters:
        node, node_edges = _incident_node(members, mentions, links, snap, actor_map)
        nodes[node.id] = node
        for m in members:
            inc_map[m] = node.id
        if len(members) > 1:
            report.incidents_merged += 1
        for e in node_edges:
            put_edge(e)

    def incident_of(x: str, articles: Iterable[str] = ()) -> str | None:
        """The resolved incident of a report id, or of a merged incident of an earlier pass (when its
        reports went to several incidents after a split: the one sharing an article)."""
        if x in inc_map:
            return inc_map[x]
        if x not in merged_before:
            return None
        cands = sorted({inc_map[r] for r in merged_before[x] if r in inc_map})
        wanted = set(articles)
        for r in sorted(merged_before[x]):
            if r in inc_map and mentions[r].sources & wanted:
                return inc_map[r]
        return cands[0] if cands else None

    claim_map, claim_nodes, claim_edges = _resolve_claims(
        claim_reports, snap, actor_map, incident_of, merged_before, report
    )
    nodes.update(claim_nodes)

    def map_id(x: str, articles: Iterable[str] = ()) -> str:
        if x in actor_map:
            return actor_map[x]
        inc = incident_of(x, articles)
        if inc is not None:
            return inc
        if x in claim_map:
            return claim_map[x]
        if x in merged_before:
            return min((claim_map.get(r, r) for r in merged_before[x]), default=x)
        return x

    # Edges of incidents and claims, re-pointed at the resolved nodes.
    for nid in sorted(inc_map):
        for e in mentions[nid].report.edges:
            put_edge(_repoint(e, map_id), keyed=True)
    for e in claim_edges:
        put_edge(_repoint(e, map_id), keyed=True)
    # Every other edge (actors, locations, articles), re-pointed; derived edges are derived again.
    for e in snap.edges.values():
        if e.id in owned or e.props.get("by") == RESOLVER:
            continue
        if e.type is EdgeType.DENIES and e.props.get("claim_id") is None:
            continue  # a denial's DENIES edges are derived from its ABOUT edges below
        put_edge(_repoint(e, map_id), keyed=True)
    for e in _part_of_state(nodes, edges):
        put_edge(e)
    for e in _denies(nodes, edges, snap, report):
        put_edge(e)
    for e in _same_story(snap, cfg):
        report.same_story += 1
        put_edge(e)
    for link in dataset_links:
        src, dst = inc_map[link.a], inc_map[link.b]
        if mentions[link.b].dataset:
            src, dst = dst, src
        report.same_as += 1
        put_edge(
            Edge(
                type=EdgeType.SAME_AS,
                source=src,
                target=dst,
                props={
                    "by": RESOLVER,
                    "confidence": link.score,
                    "type": link.type,
                    "time": link.time,
                    "place": link.place,
                    "actors": link.actors,
                    "reasons": link.reasons,
                },
            )
        )
    # Drop edges whose endpoints are gone (an actor or claim that no longer exists).
    edges = {k: e for k, e in edges.items() if e.source in nodes and e.target in nodes}
    return nodes, edges


def _keyed(
    etype: EdgeType, source: str, target: str, props: dict[str, Any], evidence: list[Evidence]
) -> Edge:
    """The edge with the id its (new) endpoints give, as ``Edge(...)`` would fill it; built without
    validation (:func:`~graph.model.trusted_edge`): every value comes from a valid edge, and the pass
    builds one per edge of the store (a third of its time went to validating them again)."""
    eid = edge_id(etype, source, target, props.get("claim_id"), props.get("role"))
    return trusted_edge(eid, etype, source, target, props, evidence)


def _rekey(e: Edge) -> Edge:
    return _keyed(e.type, e.source, e.target, dict(e.props), list(e.evidence))


def _repoint(e: Edge, map_id: Callable[[str, Iterable[str]], str]) -> Edge:
    """The edge with its endpoints (and ``claim_id``) mapped to the resolved nodes, re-keyed."""
    articles = sorted({ev.article_id for ev in e.evidence})
    if e.type is EdgeType.REPORTED_IN:
        articles.append(e.target)
    props = dict(e.props)
    cid = props.get("claim_id")
    if isinstance(cid, str):
        props["claim_id"] = map_id(cid, articles)
    return _keyed(e.type, map_id(e.source, articles), map_id(e.target, articles), props, list(e.evidence))


# --- actors -------------------------------------------------------------------------------------


def _resolve_actors(snap: _Snapshot, report: ResolveReport) -> tuple[dict[str, str], dict[str, Actor]]:
    """Group actors of one kind and country whose names match; the group's node keeps every name."""
    from loaders.actors import default_dictionary

    dictionary = default_dictionary()
    actors = sorted((n for n in snap.nodes.values() if isinstance(n, Actor)), key=lambda a: a.id)
    uf = _UnionFind()
    by_key: dict[tuple[str, str, str], str] = {}
    canonical_name: dict[str, str] = {}

    def canon(a: Actor) -> str | None:
        if a.actor_kind is ActorKind.STATE and a.country:
            return dictionary.state_name(a.country)
        named = dictionary.lookup_named(a.name)
        if named is not None and named.kind == a.actor_kind.value and named.country in (None, a.country):
            return named.name
        return None

    for a in actors:
        uf.find(a.id)
        c = canon(a)
        if c is not None:
            canonical_name[a.id] = c
        names = {a.name, *(x for x in a.aliases if _proper(x))}
        if c is not None:
            names.add(c)
        for name in sorted(names):
            key = (a.actor_kind.value, a.country or "", _name_key(name))
            if key in by_key:
                uf.union(by_key[key], a.id)
            else:
                by_key[key] = a.id
    groups: dict[str, list[Actor]] = defaultdict(list)
    for a in actors:
        groups[uf.find(a.id)].append(a)
    amap: dict[str, str] = {}
    out: dict[str, Actor] = {}
    for members in groups.values():
        if len(members) == 1:
            out[members[0].id] = members[0]
            continue
        report.actors_merged += 1

        def rank(a: Actor) -> tuple[int, int, int, str]:
            # The dictionary's name first, then the name most sources use, then the longest.
            return (0 if a.id in canonical_name else 1, -len(a.evidence), -len(a.name), a.id)

        head = min(members, key=rank)
        merged: Node = head
        for other in members:
            if other is not head:
                alias_of = other.model_copy(
                    update={"id": head.id, "name": head.name, "aliases": [*other.aliases, other.name]}
                )
                merged = merge_node(merged, alias_of)
        assert isinstance(merged, Actor)
        merged = merged.model_copy(
            update={"aliases": sorted(set(merged.aliases) - {head.name} | {head.name})}
        )
        out[head.id] = merged
        for other in members:
            if other.id != head.id:
                amap[other.id] = head.id
    for a in list(out.values()):
        if a.parent_id and a.parent_id in amap:
            out[a.id] = a.model_copy(update={"parent_id": amap[a.parent_id]})
    return amap, out


def _part_of_state(nodes: dict[str, Node], edges: dict[str, Edge]) -> list[Edge]:
    """A government body is PART_OF its state when the state is in the graph, whichever article named it."""
    states = {
        n.country: n.id
        for n in sorted(nodes.values(), key=lambda n: n.id)
        if isinstance(n, Actor) and n.actor_kind is ActorKind.STATE and n.country
    }
    has_parent = {e.source for e in edges.values() if e.type is EdgeType.PART_OF}
    out = []
    for n in nodes.values():
        if (
            isinstance(n, Actor)
            and n.actor_kind is ActorKind.GOVERNMENT_BODY
            and n.country in states
            and n.id not in has_parent
        ):
            out.append(
                Edge(type=EdgeType.PART_OF, source=n.id, target=states[n.country], props={"by": RESOLVER})
            )
    return out


# --- reports ------------------------------------------------------------------------------------

_INCIDENT_OWN = {EdgeType.OCCURRED_NEAR, EdgeType.INVOLVES, EdgeType.REPORTED_IN}


def _collect_reports(
    snap: _Snapshot,
) -> tuple[dict[str, IncidentReport], dict[str, ClaimReport], set[str], dict[str, list[str]]]:
    """Every source's incident and claim with its edges: raw nodes as they are, merged nodes' kept
    reports. Returns also the ids of the store edges the reports own (they are rebuilt from them)."""
    incs: dict[str, IncidentReport] = {}
    claims: dict[str, ClaimReport] = {}
    owned: set[str] = set()
    raw_claims = {n.id: n for n in snap.nodes.values() if isinstance(n, Claim) and not n.reports}
    merged_claims = {n.id for n in snap.nodes.values() if isinstance(n, Claim) and n.reports}

    def add_inc(r: IncidentReport) -> None:
        old = incs.get(r.node.id)
        if old is None:
            incs[r.node.id] = r
            return
        node = merge_node(old.node, r.node)
        assert isinstance(node, Incident)
        incs[r.node.id] = IncidentReport(node=node, edges=_merge_edges(old.edges, r.edges))

    def add_claim(r: ClaimReport) -> None:
        old = claims.get(r.node.id)
        if old is None:
            claims[r.node.id] = r
            return
        node = merge_node(old.node, r.node)
        assert isinstance(node, Claim)
        claims[r.node.id] = ClaimReport(node=node, edges=_merge_edges(old.edges, r.edges))

    merged_nodes: dict[str, list[IncidentReport] | list[ClaimReport]] = {
        n.id: n.reports for n in snap.nodes.values() if isinstance(n, Incident | Claim) and n.reports
    }

    def unmap(x: str, articles: set[str]) -> str:
        """A reference to a node merged by an earlier pass, back to the report of the same article, so
        that a report reads the same whatever was merged when it arrived."""
        kept = merged_nodes.get(x)
        if kept is None:
            return x
        ordered: list[IncidentReport | ClaimReport] = sorted(kept, key=lambda r: r.node.id)
        for r in ordered:
            srcs = {e.target for e in r.edges if e.type is EdgeType.REPORTED_IN}
            srcs |= {ev.article_id for ev in r.node.evidence}
            if srcs & articles:
                return r.node.id
        return x

    def raw_claim(n: Claim, own: list[Edge]) -> ClaimReport:
        arts = {ev.article_id for ev in n.evidence} | {
            e.target for e in own if e.type is EdgeType.REPORTED_IN
        }
        node = n.model_copy(update={"about_id": unmap(n.about_id, arts) if n.about_id else None})
        edges = [
            e
            if e.type is not EdgeType.ABOUT
            else Edge(
                type=e.type, source=e.source, target=unmap(e.target, arts), props=e.props, evidence=e.evidence
            )
            for e in own
        ]
        return ClaimReport(node=node, edges=sorted(edges, key=lambda e: e.id))

    # SAME_AS links this pass made are made again from the reports.
    owned.update(
        e.id for e in snap.edges.values() if e.type is EdgeType.SAME_AS and e.props.get("by") == RESOLVER
    )
    deny_about: dict[tuple[str, str], list[str]] = defaultdict(list)  # (denier, denied) -> raw denials
    for c in sorted(raw_claims.values(), key=lambda c: c.id):
        if c.stance is Stance.DENY and c.claimant_id:
            for x in snap.out_edges[c.id]:
                if x.type is EdgeType.ABOUT:
                    deny_about[(c.claimant_id, x.target)].append(c.id)
    for n in snap.nodes.values():
        if isinstance(n, Incident):
            own = [e for e in snap.out_edges[n.id] if e.type in _INCIDENT_OWN]
            owned.update(e.id for e in own)
            if n.reports:
                for r in n.reports:
                    add_inc(r)
            else:
                add_inc(IncidentReport(node=n, edges=sorted(own, key=lambda e: e.id)))
        elif isinstance(n, Claim):
            own = [e for e in snap.out_edges[n.id] if e.type in (EdgeType.ABOUT, EdgeType.REPORTED_IN)]
            own += [e for e in snap.in_edges[n.id] if e.type is EdgeType.MADE]
            owned.update(e.id for e in own)
            if n.reports:
                for cr in n.reports:
                    add_claim(cr)
            else:
                add_claim(raw_claim(n, own))
    # ACCUSES / DENIES edges belong to the claim they carry (props.claim_id); a DENIES edge without one
    # belongs to the denial by the same actor that is ABOUT its target.
    for e in snap.edges.values():
        if e.type not in (EdgeType.ACCUSES, EdgeType.DENIES) or e.props.get("by") == RESOLVER:
            continue
        cid = e.props.get("claim_id")
        if cid in merged_claims:
            owned.add(e.id)  # rebuilt from the merged claim's reports
            continue
        owner: str | None = cid if isinstance(cid, str) and cid in raw_claims else None
        if owner is None and e.type is EdgeType.DENIES and cid is None:
            found = deny_about.get((e.source, e.target))
            owner = found[0] if found else None
        if owner is not None:
            owned.add(e.id)
            cr = claims[owner]
            arts = {ev.article_id for ev in cr.node.evidence} | {ev.article_id for ev in e.evidence}
            fixed = Edge(
                type=e.type,
                source=e.source,
                target=unmap(e.target, arts) if e.type is EdgeType.DENIES else e.target,
                props={**e.props, "claim_id": owner},
                evidence=e.evidence,
            )
            claims[owner] = ClaimReport(node=cr.node, edges=_merge_edges(cr.edges, [fixed]))
    merged = {nid: sorted({r.node.id for r in kept}) for nid, kept in merged_nodes.items()}
    return incs, claims, owned, merged


def _merge_edges(a: list[Edge], b: list[Edge]) -> list[Edge]:
    out: dict[str, Edge] = {}
    for e in [*a, *b]:
        out[e.id] = merge_edge(out.get(e.id), e)
    return [out[k] for k in sorted(out)]


def _mentions(
    reports: dict[str, IncidentReport], snap: _Snapshot, actor_map: dict[str, str], cfg: ResolveConfig
) -> dict[str, _Mention]:
    out: dict[str, _Mention] = {}
    for rid, r in reports.items():
        n = r.node
        places: set[str] = set()
        if n.location_id:
            places.add(n.location_id)
        actors: dict[str, set[str]] = defaultdict(set)
        victim_classes: set[str] = set()
        sources: set[str] = set()
        for e in r.edges:
            if e.type is EdgeType.OCCURRED_NEAR:
                places.add(e.target)
            elif e.type is EdgeType.INVOLVES:
                role = str(e.props.get("role") or "party")
                aid = actor_map.get(e.target, e.target)
                actor = snap.nodes.get(e.target)
                if isinstance(actor, Actor) and actor.actor_kind is ActorKind.POPULATION_GROUP:
                    aid = "pop:" + aid
                actors[role].add(aid)
                if role == "victim" and isinstance(actor, Actor) and actor.actor_kind in _VICTIM_CLASS:
                    victim_classes.add(_VICTIM_CLASS[actor.actor_kind])
            elif e.type is EdgeType.REPORTED_IN:
                sources.add(e.target)
        if n.dataset:
            sources.add(f"{n.dataset}:{n.dataset_ref or n.id}")
        if not sources:
            sources.add(rid)
        coords = []
        for p in sorted(places):
            loc = snap.nodes.get(p)
            if isinstance(loc, Location) and loc.lat is not None and loc.lon is not None:
                coords.append((loc.lat, loc.lon))
        # The same named place in another source (a dataset's "Kadugli" with coordinates, an article's
        # without) is a different node with the same name and country.
        main_name = _place_key(snap.nodes.get(n.location_id or ""))
        places |= {k for p in list(places) if (k := _place_key(snap.nodes.get(p)))}
        out[rid] = _Mention(
            id=rid,
            report=r,
            type=n.incident_type,
            span=_span(n.event_time, cfg.time_slack_days),
            main_place=main_name or n.location_id,
            places=places,
            coords=coords,
            actors=dict(actors),
            victim_classes=victim_classes,
            sources=sources,
            published=min((snap.published(s) for s in sources), default=date.max),
            dataset=bool(n.dataset),
            kept_apart=set(n.kept_apart),
        )
    return out


def _place_key(loc: Node | None) -> str | None:
    if not isinstance(loc, Location):
        return None
    return f"n:{_name_key(loc.name)}|{loc.country or ''}"


def _cluster(
    mentions: dict[str, _Mention], cfg: ResolveConfig
) -> tuple[list[list[str]], dict[str, list[MergeLink]], list[MergeLink]]:
    """Connected groups of article reports that match (blocked candidate pairs, best links first, never
    joining reports a user split apart); plus the dataset-to-article links."""
    blocks: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for mid in sorted(mentions):
        for key in _blocks(mentions[mid], cfg):
            blocks[key].append(mid)
    coarse = {mid for mid, m in mentions.items() if _coarse(m, cfg)}
    # Candidate pairs (a < b) gathered in a set first: a pair shares many blocks (each place and week of
    # both), 401k block pairs for 22k distinct ones over bench/ingest.py's 500 articles, each a Python
    # call before.
    candidates: set[tuple[str, str]] = set()
    add = candidates.update
    for key, ids in blocks.items():
        if len(ids) < 2:
            continue
        if key[1] == "c":
            # A coarse block (one place, any time) pairs its coarse reports with everything in it only.
            for a in ids:
                if a in coarse:
                    add((a, b) if a < b else (b, a) for b in ids if b != a)
            continue
        # ids are in sorted order (blocks are filled from sorted(mentions))
        for i, a in enumerate(ids):
            add((a, b) for b in ids[i + 1 :] if b != a)
    pairs: list[MergeLink] = []
    for a, b in candidates:
        ma, mb = mentions[a], mentions[b]
        if ma.dataset and mb.dataset:
            continue
        link = _match(ma, mb, cfg)
        if link is not None:
            pairs.append(link)
    pairs.sort(key=lambda lk: (-lk.score, lk.a, lk.b))
    uf = _UnionFind()
    apart: dict[str, set[str]] = {}
    members: dict[str, set[str]] = {}
    srcs: dict[str, set[str]] = {}
    for mid in sorted(mentions):
        uf.find(mid)
        members[mid] = {mid}
        apart[mid] = set(mentions[mid].kept_apart)
        srcs[mid] = set(mentions[mid].sources)
    used: dict[str, list[MergeLink]] = defaultdict(list)
    dataset_links: list[MergeLink] = []
    for link in pairs:
        ma, mb = mentions[link.a], mentions[link.b]
        if ma.dataset or mb.dataset:
            if link.a in mb.kept_apart or link.b in ma.kept_apart:
                continue
            dataset_links.append(link)
            continue
        ra, rb = uf.find(link.a), uf.find(link.b)
        if ra == rb:
            continue
        if apart[ra] & members[rb] or apart[rb] & members[ra]:
            continue
        if srcs[ra] & srcs[rb]:
            continue  # two incidents of one article stay two, even through a third report
        uf.union(ra, rb)
        root = uf.find(ra)
        other = rb if root == ra else ra
        members[root] |= members.pop(other)
        apart[root] |= apart.pop(other)
        srcs[root] |= srcs.pop(other)
        used[root].extend(used.pop(other, []))
        used[root].append(link)
    clusters = sorted(sorted(m) for m in members.values())
    links = {
        min(m): sorted(used.get(uf.find(min(m)), []), key=lambda lk: (lk.a, lk.b)) for m in members.values()
    }
    return clusters, links, _best_dataset_links(dataset_links, mentions, uf)


def _best_dataset_links(
    dataset_links: list[MergeLink], mentions: dict[str, _Mention], uf: _UnionFind
) -> list[MergeLink]:
    """A dataset row is one event: keep its best link per resolved article incident, and of those only
    the best-scoring (equal best scores all stay: nothing tells them apart, and `merges` lists them for
    a user to split). ``dataset_links`` come best first."""
    per_row: dict[str, dict[str, MergeLink]] = defaultdict(dict)
    for link in dataset_links:
        row, other = (link.a, link.b) if mentions[link.a].dataset else (link.b, link.a)
        per_row[row].setdefault(uf.find(other), link)
    kept: list[MergeLink] = []
    for by_incident in per_row.values():
        top = max(lk.score for lk in by_incident.values())
        kept.extend(lk for lk in by_incident.values() if lk.score == top)
    return sorted(kept, key=lambda lk: (lk.a, lk.b))


# --- incidents ----------------------------------------------------------------------------------


def _incident_node(
    members: list[str],
    mentions: dict[str, _Mention],
    links: dict[str, list[MergeLink]],
    snap: _Snapshot,
    actor_map: dict[str, str],
) -> tuple[Incident, list[Edge]]:
    if len(members) == 1:
        m = mentions[members[0]]
        return m.report.node, []
    reports = [mentions[m] for m in members]
    nid = "inc_" + stable_hash("cluster", *members)
    by_age = sorted(reports, key=lambda m: (m.published, m.id))
    # The type most reports give ('other' only when no report is more specific); ties: the first report.
    types: Counter[IncidentType] = Counter(m.type for m in reports if m.type is not IncidentType.OTHER)
    if not types:
        types = Counter(m.type for m in reports)
    top = max(types.values())
    itype = next(m.type for m in by_age if types[m.type] == top)
    event_time = _best_time([m.report.node.event_time for m in by_age])
    places = Counter(m.main_place for m in reports if m.main_place)
    location_id = None
    if places:
        best = max(places.values())
        location_id = next(
            m.report.node.location_id for m in by_age if m.main_place and places[m.main_place] == best
        )
    figures: dict[str, CasualtyFigure] = {}
    evidence: list[Evidence] = []
    for m in reports:
        for f in m.report.node.figures:
            figures.setdefault(f.model_dump_json(), f)
        evidence = merge_evidence(evidence, m.report.node.evidence)
    fig_list = [figures[k] for k in sorted(figures)]
    published = {s: snap.published(s) for f in fig_list for s in [f.source]}
    killed = _best_figure(fig_list, "killed", published)
    injured = _best_figure(fig_list, "injured", published)
    kept = sorted(set().union(*(m.kept_apart for m in reports)) - set(members))
    node = Incident(
        id=nid,
        incident_type=itype,
        summary=next(m for m in by_age if m.type is itype).report.node.summary,
        killed=killed[1] if killed else None,
        injured=injured[1] if injured else None,
        figures=fig_list,
        event_time=event_time,
        location_id=location_id,
        evidence=evidence,
        reports=[_actors_in_report(mentions[m].report, actor_map) for m in members],
        merges=links.get(members[0], []),
        kept_apart=kept,
    )
    return node, []


def _actors_in_report(r: R, actor_map: dict[str, str]) -> R:
    """A kept report with its actor references at the current canonical actors (so a report reads the
    same whichever actor nodes existed when it arrived)."""
    if not actor_map:
        return r
    node = r.node
    if isinstance(node, Claim):
        node = node.model_copy(
            update={
                "claimant_id": actor_map.get(node.claimant_id or "", node.claimant_id),
                "target_id": actor_map.get(node.target_id or "", node.target_id),
            }
        )
    edges = [
        Edge(
            type=e.type,
            source=actor_map.get(e.source, e.source),
            target=actor_map.get(e.target, e.target),
            props=e.props,
            evidence=e.evidence,
        )
        for e in r.edges
    ]
    return r.model_copy(update={"node": node, "edges": _merge_edges([], edges)})


R = TypeVar("R", IncidentReport, ClaimReport)


def _best_time(times: list[TimeSpan]) -> TimeSpan:
    """The most precise date; several ranges give their hull (an ongoing siege reported day by day)."""
    known = [t for t in times if t.known]
    if not known:
        return times[0]
    rank = min(PRECISION_RANK[t.precision] for t in known)
    best = [t for t in known if PRECISION_RANK[t.precision] == rank]
    if best[0].precision is Precision.RANGE and len(best) > 1:
        start = min(t.start for t in best if t.start)
        end = max(t.end for t in best if t.end)
        return TimeSpan.range(start, end, best[0].raw)
    return best[0]


def _best_figure(
    figures: list[CasualtyFigure], field_name: str, published: dict[str, date]
) -> tuple[int, int, int] | None:
    """(low, best, high). Best is the figure of the latest source (sources are dated by publication;
    a revised official toll comes later than the first counts); several latest sources give their median
    (the lower one of the middle two)."""
    vals = [
        (published.get(f.source, date.max), v) for f in figures if (v := getattr(f, field_name)) is not None
    ]
    if not vals:
        return None
    dated = [x for x in vals if x[0] != date.max] or vals
    latest = max(d for d, _ in dated)
    at_latest = sorted(v for d, v in dated if d == latest)
    best = at_latest[(len(at_latest) - 1) // 2]
    nums = [v for _, v in vals]
    return (min(nums), best, max(nums))


def casualty_range(
    store: GraphStore, incident: Incident, field_name: str = "killed"
) -> tuple[int, int, int] | None:
    """(low, best, high) of an incident's casualty figures, one per source; None when nobody gives one.

    Best is the figure of the most recently published source (see ``docs/resolution.md``).

    >>> from graph import open_store
    >>> from graph.model import Incident, CasualtyFigure
    >>> inc = Incident(id="i", incident_type="shelling", figures=[CasualtyFigure(killed=4, source="a")])
    >>> casualty_range(open_store("memory://"), inc)
    (4, 4, 4)
    """
    published: dict[str, date] = {}
    for f in incident.figures:
        art = store.get(f.source)
        if isinstance(art, Article) and art.published is not None:
            published[f.source] = art.published
    return _best_figure(incident.figures, field_name, published)


# --- claims -------------------------------------------------------------------------------------


def _resolve_claims(
    reports: dict[str, ClaimReport],
    snap: _Snapshot,
    actor_map: dict[str, str],
    incident_of: Callable[[str, Iterable[str]], str | None],
    merged_before: dict[str, list[str]],
    report: ResolveReport,
) -> tuple[dict[str, str], dict[str, Claim], list[Edge]]:
    """Group claims by (claimant, stance, target, incidents, hypothetical, negated) and text order."""

    def articles(r: ClaimReport) -> set[str]:
        out = {ev.article_id for ev in r.node.evidence}
        out.update(e.target for e in r.edges if e.type is EdgeType.REPORTED_IN)
        return out

    def about_targets(r: ClaimReport) -> list[str]:
        ids = {e.target for e in r.edges if e.type is EdgeType.ABOUT}
        if r.node.about_id:
            ids.add(r.node.about_id)
        out: set[str] = set()
        for x in ids:
            # A claim merged by an earlier pass stands for its reports.
            out.update(merged_before[x] if x in merged_before and x not in reports else [x])
        return sorted(out)

    def inc_map_get(x: str, r: ClaimReport) -> str | None:
        return incident_of(x, articles(r))

    memo: dict[str, tuple[str, ...]] = {}

    def incidents_of(cid: str, depth: int = 0) -> tuple[str, ...]:
        if cid in memo:
            return memo[cid]
        memo[cid] = ()
        r = reports.get(cid)
        out: set[str] = set()
        if r is not None and depth < 8:
            for t in about_targets(r):
                inc = inc_map_get(t, r)
                if inc is not None:
                    out.add(inc)
                elif t in reports:
                    out.update(incidents_of(t, depth + 1))
        memo[cid] = tuple(sorted(out))
        return memo[cid]

    def key(r: ClaimReport, depth: int = 0) -> tuple[object, ...]:
        c = r.node
        incs = incidents_of(c.id)
        about: tuple[str, ...] = incs
        if not incs and depth < 4:
            # Not about any incident: the claims it answers identify it (by their own keys).
            about = tuple(
                sorted(
                    "c:" + stable_hash(*[repr(x) for x in key(reports[t], depth + 1)])
                    for t in about_targets(r)
                    if t in reports and t != c.id
                )
            )
        if not about:
            # About nothing the graph knows: only the same words repeated are the same claim.
            about = ("q:" + normalise(c.quote),)
        return (
            actor_map.get(c.claimant_id or "", c.claimant_id or ""),
            c.stance.value,
            actor_map.get(c.target_id or "", c.target_id or ""),
            about,
            c.hypothetical,
            c.negated,
        )

    # Claims of one article are never merged with each other (the extraction kept them apart): the n-th
    # claim of a key in one article joins the n-th of the same key in the others, in text order.
    per_article: dict[tuple[tuple[object, ...], str], list[str]] = defaultdict(list)
    for cid in sorted(reports):
        arts = sorted(articles(reports[cid]))
        per_article[(key(reports[cid]), arts[0] if arts else cid)].append(cid)
    groups: dict[tuple[object, ...], list[str]] = defaultdict(list)
    for (k, _art), ids in per_article.items():
        ids.sort(key=lambda c: (min((ev.start or 0 for ev in reports[c].node.evidence), default=0), c))
        for n, cid in enumerate(ids):
            groups[(*k, n)].append(cid)
    cmap: dict[str, str] = {}
    for ids in groups.values():
        # Like a merged incident, a merged claim's id is a hash of its reports: a new report gives a new
        # node, written before the old one is removed, so a pass killed half-way loses no report.
        gid = ids[0] if len(ids) == 1 else "clm_" + stable_hash("claim", *sorted(ids))
        for cid in ids:
            cmap[cid] = gid

    def map_about(x: str | None, r: ClaimReport) -> str | None:
        if x is None:
            return None
        inc = inc_map_get(x, r)
        if inc is not None:
            return inc
        if x in merged_before and x not in reports:
            return min(cmap.get(y, y) for y in merged_before[x])
        return cmap.get(x, x)

    nodes: dict[str, Claim] = {}
    edges: list[Edge] = []
    for k, ids in groups.items():
        rs = [reports[c] for c in ids]
        gid = cmap[ids[0]]
        claimant = k[0] or None
        target = k[2] or None
        for r in rs:
            edges.extend(r.edges)
        if len(rs) == 1:
            c = rs[0].node
            nodes[gid] = c.model_copy(
                update={
                    "claimant_id": claimant if c.claimant_id else None,
                    "target_id": target if c.target_id else None,
                    "about_id": map_about(c.about_id, rs[0]),
                }
            )
            continue
        report.claims_merged += 1

        def order(r: ClaimReport) -> tuple[object, ...]:
            srcs = sorted({e.article_id for e in r.node.evidence})
            first = min((snap.published(s) for s in srcs), default=date.max)
            return (*_time_key(r.node.claim_time), first, r.node.id)

        rs.sort(key=order)
        first = rs[0].node
        dates: dict[str, TimeSpan] = {}
        for r in rs:
            for t in [r.node.claim_time, *r.node.repeats]:
                if t.known:
                    dates.setdefault(t.label(), t)
        ordered = sorted(dates.values(), key=_time_key)
        claim_time = ordered[0] if ordered else first.claim_time
        evidence: list[Evidence] = []
        for r in rs:
            evidence = merge_evidence(evidence, r.node.evidence)
        nodes[gid] = Claim(
            id=gid,
            claimant_id=claimant,
            stance=first.stance,
            target_id=target,
            about_id=map_about(first.about_id, rs[0]),
            quote=first.quote,
            claim_time=claim_time,
            negated=first.negated,
            hypothetical=first.hypothetical,
            reported=first.reported,
            repeats=ordered[1:],
            evidence=evidence,
            reports=[_actors_in_report(r, actor_map) for r in sorted(rs, key=lambda r: r.node.id)],
        )
    return cmap, nodes, edges


def _denies(
    nodes: dict[str, Node], edges: dict[str, Edge], snap: _Snapshot, report: ResolveReport
) -> list[Edge]:
    """DENIES edges of every denial: to each claim it is ABOUT, and, for a denial that names only the
    incident, to the earlier accusations against the denier (or the body it is part of) about it."""
    about: dict[str, set[str]] = defaultdict(set)
    for e in edges.values():
        if e.type is EdgeType.ABOUT:
            about[e.source].add(e.target)
    parents: dict[str, set[str]] = defaultdict(set)
    for e in edges.values():
        if e.type is EdgeType.PART_OF:
            parents[e.source].add(e.target)
    existing = {
        (e.source, e.target, e.props.get("claim_id")) for e in edges.values() if e.type is EdgeType.DENIES
    }
    claims = {n.id: n for n in nodes.values() if isinstance(n, Claim)}
    accusations: dict[str, list[Claim]] = defaultdict(list)
    for c in claims.values():
        if c.stance is Stance.ACCUSE:
            for t in about[c.id]:
                accusations[t].append(c)

    def first_seen(c: Claim) -> tuple[object, ...]:
        published = min((snap.published(ev.article_id) for ev in c.evidence), default=date.max)
        return (c.claim_time.start or published, published)

    out: list[Edge] = []
    for d in sorted(claims.values(), key=lambda c: c.id):
        if d.stance is not Stance.DENY or not d.claimant_id:
            continue
        targets = {t for t in about[d.id] if t in claims}
        if not targets:
            side = {d.claimant_id, *parents[d.claimant_id]}
            for inc in about[d.id]:
                for acc in accusations.get(inc, []):
                    if acc.target_id in side and first_seen(acc) <= first_seen(d):
                        targets.add(acc.id)
        for t in sorted(targets):
            if (d.claimant_id, t, d.id) in existing:
                continue
            report.denials_linked += 1
            out.append(
                Edge(
                    type=EdgeType.DENIES,
                    source=d.claimant_id,
                    target=t,
                    props={"claim_id": d.id, "by": RESOLVER},
                    evidence=d.evidence,
                )
            )
    return out


# --- near-duplicate articles --------------------------------------------------------------------


def _shingles(text: str, k: int) -> set[bytes]:
    words = re.findall(r"\w+", text.casefold())
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(max(0, len(words) - k + 1))}


def _crc32(data: bytes) -> int:
    # datasketch's default is SHA-1 per shingle; CRC-32 is a stable 32-bit hash in C, several times faster.
    return zlib.crc32(data)


def _same_story(snap: _Snapshot, cfg: ResolveConfig) -> list[Edge]:
    """SAME_STORY edges, copy -> original (the later article points at the earlier one)."""
    articles = sorted(
        (n for n in snap.nodes.values() if isinstance(n, Article) and n.text), key=lambda a: a.id
    )
    if len(articles) < 2:
        return []
    # Imported only now: datasketch's LSH imports scipy.integrate, seconds of CPU that a store of
    # fewer than two articles (ingesting one file) need not pay.
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=cfg.minhash_threshold, num_perm=cfg.num_perm)
    hashes: dict[str, MinHash] = {}
    template = MinHash(num_perm=cfg.num_perm, seed=1, hashfunc=_crc32)
    for a in articles:
        sh = _shingles(a.text, cfg.shingle_words)
        if not sh:
            continue
        m = MinHash(
            num_perm=cfg.num_perm,
            seed=1,
            hashfunc=_crc32,
            permutations=template.permutations,
            scheme=template.scheme,
        )
        m.update_batch(sorted(sh))
        hashes[a.id] = m
        lsh.insert(a.id, m)
    by_id = {a.id: a for a in articles}
    out: list[Edge] = []
    for aid in sorted(hashes):
        for other in sorted(lsh.query(hashes[aid])):
            if other <= aid:
                continue
            sim = hashes[aid].jaccard(hashes[other])
            if sim < cfg.minhash_threshold:
                continue
            a, b = by_id[aid], by_id[other]
            copy, original = (
                (a, b) if (a.published or date.min, a.id) > (b.published or date.min, b.id) else (b, a)
            )
            out.append(
                Edge(
                    type=EdgeType.SAME_STORY,
                    source=copy.id,
                    target=original.id,
                    props={"by": RESOLVER, "similarity": round(sim, 3)},
                )
            )
    return out


def independent_sources(store: GraphStore, node_id: str) -> int:
    """How many independent stories report a node: its articles (REPORTED_IN), copies of one story
    (``SAME_STORY``, followed transitively) counted once. An article counts as one story.

    >>> from graph import open_store
    >>> independent_sources(open_store("memory://"), "inc_missing")
    0
    """
    node = store.get(node_id)
    if node is None:
        return 0
    if isinstance(node, Article):
        articles = {node.id}
    else:
        articles = {
            n.id for _, n in store.neighbours(node_id, EdgeType.REPORTED_IN, "out") if isinstance(n, Article)
        }
    story_of: dict[str, str] = {}
    for a in sorted(articles):
        if a in story_of:
            continue
        component = {a}
        stack = [a]
        while stack:
            for _, n in store.neighbours(stack.pop(), EdgeType.SAME_STORY, "both"):
                if n.id not in component:
                    component.add(n.id)
                    stack.append(n.id)
        root = min(component)
        for x in component:
            story_of[x] = root
    return len({story_of[a] for a in articles})


# --- writing ------------------------------------------------------------------------------------


def _apply(
    store: GraphStore,
    snap: _Snapshot,
    nodes: dict[str, Node],
    edges: dict[str, Edge],
    cfg: ResolveConfig,
    report: ResolveReport,
) -> None:
    """Write what changed: new and changed nodes, each overwriting the stored one in place (its edges
    stay), the edges that are new or changed, then remove stale edges and nodes."""
    write_nodes = [nodes[nid] for nid in sorted(nodes) if snap.nodes.get(nid) != nodes[nid]]
    stale_nodes = sorted(set(snap.nodes) - set(nodes))
    gone = set(stale_nodes)
    write_edges: list[Edge] = []
    stale_edges: list[str] = []
    for eid in sorted(edges):
        new_e = edges[eid]
        old_e = snap.edges.get(eid)
        if old_e == new_e:
            continue
        if old_e is not None and merge_edge(old_e, new_e) != new_e:
            stale_edges.append(eid)
        write_edges.append(new_e)
    for eid, old_e in snap.edges.items():
        if eid not in edges and old_e.source not in gone and old_e.target not in gone:
            stale_edges.append(eid)
    # A node's new value is written over the old one, not merged with it: merging cannot turn a claim
    # re-pointed at a resolved actor into its new value, and deleting such a node took its edges with
    # it, to be written again. Its id, a hash of its reports, is unchanged, so its reports are the same.
    # The nodes that others replaced (merged into them) go last.
    store.overwrite_nodes(write_nodes)
    store.delete_edges(sorted(set(stale_edges)))
    b = cfg.write_batch
    # One write_many call: a store writes all its graphs with one fsync (embedded) or in as few
    # transactions as their size allows (Neo4j), not one per graph.
    store.write_many([ArticleGraph(edges=write_edges[i : i + b]) for i in range(0, len(write_edges), b)])
    if stale_nodes:
        store.delete_nodes(stale_nodes)
    report.nodes_written = len(write_nodes)
    report.nodes_deleted = len(stale_nodes)
    report.edges_written = len(write_edges)
    report.edges_deleted = len(set(stale_edges))


# --- merges and splits ----------------------------------------------------------------------------


@dataclass
class MergeInfo:
    """One merged incident (or one dataset link) with the reasons."""

    id: str
    kind: str  # 'incident' | 'same_as'
    summary: str
    reports: list[str]
    sources: list[str]
    links: list[MergeLink]

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "summary": self.summary,
            "reports": self.reports,
            "sources": self.sources,
            "links": [lk.model_dump(mode="json") for lk in self.links],
        }


def merges(store: GraphStore) -> list[MergeInfo]:
    """Every merged incident with the links that joined its reports, and every dataset SAME_AS link.

    >>> from graph import open_store
    >>> merges(open_store("memory://"))
    []
    """
    out: list[MergeInfo] = []
    for n in store.iter_nodes(NodeKind.INCIDENT):
        if isinstance(n, Incident) and n.reports:
            srcs = sorted({e.target for r in n.reports for e in r.edges if e.type is EdgeType.REPORTED_IN})
            out.append(
                MergeInfo(
                    id=n.id,
                    kind="incident",
                    summary=n.summary,
                    reports=[r.node.id for r in n.reports],
                    sources=srcs,
                    links=list(n.merges),
                )
            )
    for e in store.iter_edges(EdgeType.SAME_AS):
        if e.props.get("by") != RESOLVER:
            continue
        link = MergeLink(
            a=e.source,
            b=e.target,
            sources=[],
            type=float(e.props.get("type") or 0),
            time=float(e.props.get("time") or 0),
            place=float(e.props.get("place") or 0),
            actors=float(e.props.get("actors") or 0),
            score=float(e.props.get("confidence") or 0),
            reasons=str(e.props.get("reasons") or ""),
        )
        out.append(
            MergeInfo(
                id=e.id, kind="same_as", summary="", reports=[e.source, e.target], sources=[], links=[link]
            )
        )
    return out


def split(store: GraphStore, item_id: str, config: ResolveConfig | None = None) -> ResolveReport:
    """Undo a merge and keep it undone: every report of the merged incident ``item_id`` becomes its own
    incident again, each recorded as kept apart from the others (``Incident.kept_apart``); for a SAME_AS
    link id, the two incidents are kept apart. Then resolves the store again.

    Raises :class:`~graph.errors.NotFound` when ``item_id`` is neither a merged incident nor a link.
    """
    from graph.errors import NotFound

    node = store.get(item_id)
    if isinstance(node, Incident) and node.reports:
        ids = [r.node.id for r in node.reports]
        restored: list[Node] = []
        for r in node.reports:
            others = sorted(set(ids) - {r.node.id})
            restored.append(
                r.node.model_copy(update={"kept_apart": sorted(set(r.node.kept_apart) | set(others))})
            )
        updated = node.model_copy(
            update={
                "reports": [
                    IncidentReport(node=x, edges=r.edges) for x, r in zip(restored, node.reports, strict=True)
                ],
                "kept_apart": sorted(set(node.kept_apart) | set(ids)),
            }
        )
        store.delete_nodes([node.id])
        store.write_article(ArticleGraph(nodes=[updated]))
        return resolve_store(store, config)
    edge = store.get_edge(item_id)
    if edge is not None and edge.type is EdgeType.SAME_AS:
        pair = [store.get(edge.source), store.get(edge.target)]
        incs = [p for p in pair if isinstance(p, Incident)]
        report_ids = [[r.node.id for r in i.reports] or [i.id] for i in incs]
        rewritten: list[Node] = []
        for i, mine, theirs in (
            (incs[0], report_ids[0], report_ids[1]),
            (incs[1], report_ids[1], report_ids[0]),
        ):
            if i.reports:
                rs = [
                    IncidentReport(
                        node=r.node.model_copy(
                            update={"kept_apart": sorted(set(r.node.kept_apart) | set(theirs))}
                        ),
                        edges=r.edges,
                    )
                    for r in i.reports
                ]
                rewritten.append(
                    i.model_copy(
                        update={"reports": rs, "kept_apart": sorted(set(i.kept_apart) | set(theirs))}
                    )
                )
            else:
                rewritten.append(i.model_copy(update={"kept_apart": sorted(set(i.kept_apart) | set(theirs))}))
            del mine
        store.delete_edge(item_id)
        store.write_article(ArticleGraph(nodes=rewritten))
        return resolve_store(store, config)
    raise NotFound(f"{item_id!r} is not a merged incident or a SAME_AS link (see `conflictgraph merges`)")


def resolve_ids(store: GraphStore, ids: Iterable[str]) -> dict[str, str]:
    """Where each report id ended up: the id of the incident or claim that now holds it."""
    wanted = set(ids)
    out: dict[str, str] = {}
    for n in store.iter_nodes():
        if n.id in wanted:
            out[n.id] = n.id
        for r in getattr(n, "reports", []) or []:
            if r.node.id in wanted:
                out[r.node.id] = n.id
    return out


def _json(data: object) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False)
