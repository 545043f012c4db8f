"""An extracted article graph in the shared gold-annotation format (ANNOTATION.md), with evidence offsets.

Local ids (a1, l1, i1, c1) follow the order of first mention in the text. Each item carries an extra
``evidence`` key ``{"start", "end", "sentence"}`` into the article text; scorers ignore unknown keys.

>>> from graph.model import Article, ArticleGraph
>>> to_annotation(ArticleGraph(article=Article(id="art_1", text="")), "empty")["claims"]
[]
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from graph.model import (
    Actor,
    ArticleGraph,
    Claim,
    EdgeType,
    Evidence,
    Incident,
    Location,
    Precision,
    Stance,
    TimeSpan,
)

_MONTH_WORD = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b(week|month|day|night|yesterday|today|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)


def date_fields(span: TimeSpan) -> tuple[str | None, str | None, str]:
    """(date, date_precision, date_text) in the annotation's form.

    >>> from datetime import date
    >>> date_fields(TimeSpan.range(date(2022, 1, 1), date(2025, 5, 20), "since 2022"))
    ('2022/2025-05-20', 'range', 'since 2022')
    """
    if not span.known or span.start is None or span.end is None:
        return None, None, span.raw if span.raw and span.precision is not Precision.UNKNOWN else ""
    if span.precision is Precision.RANGE:
        return f"{_bound(span.start, span.raw, True)}/{_bound(span.end, span.raw, False)}", "range", span.raw
    return span.label(), span.precision.value, span.raw


def _bound(d: date, raw: str, first: bool) -> str:
    """A range end as precise as the words: 'since 2022' starts at '2022', not '2022-01-01'."""
    whole_year = (d.month, d.day) == ((1, 1) if first else (12, 31))
    if whole_year and not _MONTH_WORD.search(raw):
        return str(d.year)
    if first and d.day == 1 and _MONTH_NAME.search(raw) and not _DAY_NUMBER.search(raw):
        return f"{d.year:04d}-{d.month:02d}"  # "since early January" starts at '2025-01'
    return d.isoformat()


_MONTH_NAME = re.compile(r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b(?!\s+\d{1,2}\b)", re.I)
_DAY_NUMBER = re.compile(r"\b\d{1,2}(st|nd|rd|th)?\b")


def _ev(items: list[Evidence]) -> dict[str, Any] | None:
    if not items:
        return None
    first = min(items, key=lambda e: e.start if e.start is not None else 1 << 30)
    return {"start": first.start, "end": first.end, "sentence": first.sentence}


def _first(node: Actor | Location | Incident | Claim) -> int:
    return min((e.start for e in node.evidence if e.start is not None), default=1 << 30)


def to_annotation(graph: ArticleGraph, name: str) -> dict[str, Any]:
    """The graph as a gold-format dict (see ANNOTATION.md)."""
    art = graph.article
    claims_refs = {r for n in graph.nodes if isinstance(n, Claim) for r in (n.claimant_id, n.target_id)}
    # A state created only as the parent of its named bodies is not mentioned: ANNOTATION.md lists
    # mentioned actors (the store keeps it, with the PART_OF edges).
    actors = sorted(
        (n for n in graph.nodes if isinstance(n, Actor) and (n.aliases or n.id in claims_refs)),
        key=lambda n: (_first(n), n.id),
    )
    locations = sorted((n for n in graph.nodes if isinstance(n, Location)), key=lambda n: (_first(n), n.id))
    incidents = sorted((n for n in graph.nodes if isinstance(n, Incident)), key=lambda n: (_first(n), n.id))
    claims = sorted((n for n in graph.nodes if isinstance(n, Claim)), key=lambda n: (_first(n), n.id))
    local: dict[str, str] = {}
    for prefix, items in (("a", actors), ("l", locations), ("i", incidents), ("c", claims)):
        for k, n in enumerate(items, 1):
            local[n.id] = f"{prefix}{k}"

    out_actors = []
    for a in actors:
        item: dict[str, Any] = {
            "id": local[a.id],
            "name": a.name,
            "kind": a.actor_kind.value,
            "aliases": list(a.aliases),
            "country": a.country,
        }
        if a.role:
            item["role"] = a.role
        if a.parent_id and a.parent_id in local:
            item["part_of"] = local[a.parent_id]
        item["evidence"] = _ev(a.evidence)
        out_actors.append(item)
    out_locations = []
    for loc in locations:
        item = {
            "id": local[loc.id],
            "name": loc.name,
            "aliases": list(loc.aliases),
            "kind": loc.location_kind.value,
            "country": loc.country,
        }
        if loc.lat is not None and loc.lon is not None:
            item["lat"], item["lon"] = loc.lat, loc.lon
        if loc.gazetteer_id:
            item["gazetteer_id"] = loc.gazetteer_id
        item["evidence"] = _ev(loc.evidence)
        out_locations.append(item)

    claimed_by: dict[str, list[str]] = {}
    victims: dict[str, list[str]] = {}
    for c in claims:
        if c.stance is Stance.ACCUSE and c.about_id in local and c.claimant_id in local:
            claimed_by.setdefault(c.about_id, [])
            if local[c.claimant_id] not in claimed_by[c.about_id]:
                claimed_by[c.about_id].append(local[c.claimant_id])
    for e in graph.edges:
        if e.type is EdgeType.INVOLVES and e.props.get("role") == "victim" and e.target in local:
            victims.setdefault(e.source, []).append(local[e.target])
    out_incidents = []
    for inc in incidents:
        when, precision, words = date_fields(inc.event_time)
        item = {
            "id": local[inc.id],
            "type": inc.incident_type.value,
            "summary": inc.summary,
            "date": when,
            "date_precision": precision,
            "date_text": words if when else "",
            "location": local.get(inc.location_id) if inc.location_id else None,
            "killed": inc.killed,
            "injured": inc.injured,
            "perpetrator_claimed_by": claimed_by.get(inc.id, []),
            "victims": victims.get(inc.id, []),
            "evidence": _ev(inc.evidence),
        }
        out_incidents.append(item)
    out_claims = []
    for c in claims:
        when, _precision, words = date_fields(c.claim_time)
        item = {
            "id": local[c.id],
            "claimant": local.get(c.claimant_id) if c.claimant_id else None,
            "stance": c.stance.value,
            "target": local.get(c.target_id) if c.target_id else None,
            "about": local.get(c.about_id) if c.about_id else None,
            "date": when,
            "date_text": words if when else "",
            "quote": c.quote,
        }
        if c.negated:
            item["negated"] = True
        if c.hypothetical:
            item["hypothetical"] = True
        item["evidence"] = _ev(c.evidence)
        out_claims.append(item)

    out_edges: list[dict[str, Any]] = []
    for kind in (EdgeType.ACCUSES, EdgeType.DENIES, EdgeType.OCCURRED_NEAR):
        rows = []
        for e in graph.edges:
            if e.type is not kind or e.source not in local or e.target not in local:
                continue
            row: dict[str, Any] = {"type": kind.value, "from": local[e.source], "to": local[e.target]}
            if kind is EdgeType.ACCUSES:
                via = e.props.get("claim_id")
                row["via"] = local.get(str(via)) if via else None
            if kind is EdgeType.OCCURRED_NEAR and e.props.get("distance_km") is not None:
                row["distance_km"] = e.props["distance_km"]
            rows.append(row)
        out_edges.extend(
            sorted(rows, key=lambda r: (_num(r["from"]), _num(r["to"]), _num(r.get("via") or "")))
        )
    return {
        "article": name,
        "published": art.published.isoformat() if art and art.published else None,
        "actors": out_actors,
        "locations": out_locations,
        "incidents": out_incidents,
        "claims": out_claims,
        "edges": out_edges,
    }


def _num(local_id: str) -> tuple[str, int]:
    return (local_id[:1], int(local_id[1:]) if local_id[1:].isdigit() else 0)
