"""Load a hand-coded gold annotation (shared ANNOTATION.md format) as an article graph.

The annotation's local ids (a1, l1, i1, c1) become deterministic store ids. When the article text is
found beside the annotation (``NAME.md`` / ``NAME.txt``), the Article carries it and every quote and
alias gets exact character offsets; otherwise evidence keeps the quote with no offsets.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from graph.errors import InputError
from graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    CasualtyFigure,
    Claim,
    Edge,
    EdgeType,
    Evidence,
    Incident,
    Location,
    LocationKind,
    Node,
    Role,
    Stance,
    TimeSpan,
    actor_id,
    article_id,
    claim_id,
    incident_id,
    location_id,
    stable_hash,
)
from graph.taxonomy import IncidentType

_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n---\s*\n", re.S)


def parse_gold_date(value: str | None, precision: str | None, raw: str = "") -> TimeSpan:
    """Turn a gold date ('2023-09-19', '2023-09', '2020', '1990/1994', '2023/2023-09-19') into a TimeSpan.

    >>> parse_gold_date("1990/1994", "range").label()
    '1990/1994'
    >>> parse_gold_date("2023-09", "month").end
    datetime.date(2023, 9, 30)
    >>> parse_gold_date(None, None, "").known
    False
    """
    if not value:
        return TimeSpan.unknown(raw)
    if "/" in value:
        a, b = value.split("/", 1)
        return TimeSpan.range(_partial_bound(a, first=True), _partial_bound(b, first=False), raw)
    if precision == "range":
        return TimeSpan.range(_partial_bound(value, True), _partial_bound(value, False), raw)
    parts = value.split("-")
    if len(parts) == 3:
        return TimeSpan.day(date.fromisoformat(value), raw)
    if len(parts) == 2:
        return TimeSpan.month(int(parts[0]), int(parts[1]), raw)
    return TimeSpan.year(int(parts[0]), raw)


def _partial_bound(value: str, first: bool) -> date:
    parts = value.split("-")
    if len(parts) == 3:
        return date.fromisoformat(value)
    span = TimeSpan.month(int(parts[0]), int(parts[1])) if len(parts) == 2 else TimeSpan.year(int(parts[0]))
    assert span.start is not None and span.end is not None
    return span.start if first else span.end


def body_of(text: str) -> str:
    """The article body: the file text without its YAML front matter."""
    m = _FRONT_MATTER.match(text)
    return text[m.end() :] if m else text


def load_annotation(path: str | Path, text: str | None = None) -> ArticleGraph:
    """Load one gold annotation file as an ArticleGraph.

    ``text`` is the article body; when None it is looked up as NAME.md / NAME.txt beside the file or in
    ``../articles/``.
    """
    path = Path(path)
    try:
        gold: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read annotation: {exc}") from exc
    except json.JSONDecodeError as exc:
        raise InputError(str(path), f"broken JSON: {exc.msg}", exc.lineno) from exc
    for key in ("article", "actors", "locations", "incidents", "claims", "edges"):
        if key not in gold:
            raise InputError(str(path), f"annotation has no {key!r} key")
    if text is None:
        text = _find_text(path, gold["article"])
    return annotation_to_graph(gold, text, source=str(path))


def _find_text(path: Path, name: str) -> str | None:
    for folder in (path.parent, path.parent.parent / "articles", path.parent.parent / "seeds"):
        for ext in (".md", ".txt"):
            cand = folder / f"{name}{ext}"
            if cand.exists():
                return body_of(cand.read_text(encoding="utf-8"))
    return None


def annotation_to_graph(gold: dict[str, Any], text: str | None, source: str = "") -> ArticleGraph:
    """Build the graph of one annotation. Ids are deterministic, so loading twice changes nothing."""
    name = str(gold["article"])
    aid = article_id(text) if text else "art_" + stable_hash("annotation", name)
    published = date.fromisoformat(gold["published"]) if gold.get("published") else None
    article = Article(
        id=aid,
        title=str(gold.get("title", name)),
        published=published,
        published_inferred="published_note" in gold,
        text=text or "",
        source_path=source or None,
        extra={"annotation": name},
    )

    def ev(fragment: str) -> list[Evidence]:
        if not fragment:
            return []
        if text:
            pos = text.find(fragment)
            if pos >= 0:
                sentence = _sentence_index(text, pos)
                return [
                    Evidence(
                        article_id=aid, sentence=sentence, start=pos, end=pos + len(fragment), quote=fragment
                    )
                ]
        return [Evidence(article_id=aid, quote=fragment)]

    ids: dict[str, str] = {}
    nodes: list[Node] = []
    edges: list[Edge] = []
    actors: dict[str, Actor] = {}
    for a in gold["actors"]:
        kind = ActorKind(a["kind"])
        nid = actor_id(kind.value, a.get("country"), a["name"])
        ids[a["id"]] = nid
        aliases = sorted(set(a.get("aliases", [])))
        evidence = [e for alias in aliases for e in ev(alias)]
        actor = Actor(
            id=nid,
            name=a["name"],
            actor_kind=kind,
            country=a.get("country"),
            aliases=aliases,
            evidence=evidence,
        )
        actors[a["id"]] = actor
        nodes.append(actor)
    for loc in gold["locations"]:
        lkind = LocationKind(loc["kind"])
        nid = location_id(lkind.value, loc.get("country"), loc["name"])
        ids[loc["id"]] = nid
        aliases = sorted(set(loc.get("aliases", [])))
        nodes.append(
            Location(
                id=nid,
                name=loc["name"],
                location_kind=lkind,
                country=loc.get("country"),
                aliases=aliases,
                evidence=[e for alias in aliases for e in ev(alias)],
            )
        )
    for inc in gold["incidents"]:
        nid = incident_id(aid, inc["id"])
        ids[inc["id"]] = nid
    for c in gold["claims"]:
        ids[c["id"]] = claim_id(aid, c["id"])

    for inc in gold["incidents"]:
        nid = ids[inc["id"]]
        figures = []
        if inc.get("killed") is not None or inc.get("injured") is not None:
            figures.append(
                CasualtyFigure(
                    killed=inc.get("killed"),
                    injured=inc.get("injured"),
                    source=aid,
                    note=inc.get("killed_note", ""),
                )
            )
        span = parse_gold_date(inc.get("date"), inc.get("date_precision"), inc.get("date_text", ""))
        loc_id = ids.get(inc["location"]) if inc.get("location") else None
        nodes.append(
            Incident(
                id=nid,
                incident_type=IncidentType(inc["type"]),
                summary=inc.get("summary", ""),
                killed=inc.get("killed"),
                injured=inc.get("injured"),
                figures=figures,
                event_time=span,
                location_id=loc_id,
                evidence=ev(inc.get("date_text", "")),
            )
        )
        for victim in inc.get("victims", []):
            edges.append(
                Edge(
                    type=EdgeType.INVOLVES, source=nid, target=ids[victim], props={"role": Role.VICTIM.value}
                )
            )
        edges.append(Edge(type=EdgeType.REPORTED_IN, source=nid, target=aid))

    for c in gold["claims"]:
        nid = ids[c["id"]]
        claimant = ids.get(c["claimant"]) if c.get("claimant") else None
        target = ids.get(c["target"]) if c.get("target") else None
        about = ids.get(c["about"]) if c.get("about") else None
        claim = Claim(
            id=nid,
            claimant_id=claimant,
            stance=Stance(c["stance"]),
            target_id=target,
            about_id=about,
            quote=c.get("quote", ""),
            claim_time=parse_gold_date(c.get("date"), None, c.get("date_text", "")),
            evidence=ev(c.get("quote", "")),
        )
        nodes.append(claim)
        evidence = claim.evidence
        if claimant:
            edges.append(Edge(type=EdgeType.MADE, source=claimant, target=nid, evidence=evidence))
        if about:
            edges.append(Edge(type=EdgeType.ABOUT, source=nid, target=about, evidence=evidence))
        for extra in c.get("about_also", []):
            if extra in ids:
                edges.append(Edge(type=EdgeType.ABOUT, source=nid, target=ids[extra], evidence=evidence))
        if claim.stance is Stance.ACCUSE and target and about and about.startswith("inc_"):
            for inc_ref in [about, *[ids[x] for x in c.get("about_also", []) if x in ids]]:
                if inc_ref.startswith("inc_"):
                    edges.append(
                        Edge(
                            type=EdgeType.INVOLVES,
                            source=inc_ref,
                            target=target,
                            props={"role": Role.ALLEGED_PERPETRATOR.value},
                            evidence=evidence,
                        )
                    )
        edges.append(Edge(type=EdgeType.REPORTED_IN, source=nid, target=aid, evidence=evidence))

    for e in gold["edges"]:
        etype = EdgeType(e["type"])
        src, dst = ids[e["from"]], ids[e["to"]]
        if etype is EdgeType.ACCUSES:
            via = ids[e["via"]]
            edges.append(
                Edge(
                    type=etype,
                    source=src,
                    target=dst,
                    props={"claim_id": via},
                    evidence=next((n.evidence for n in nodes if n.id == via), []),
                )
            )
        elif etype is EdgeType.DENIES:
            denial = next(
                (
                    c
                    for c in gold["claims"]
                    if ids.get(c.get("claimant") or "") == src and ids.get(c.get("about") or "") == dst
                ),
                None,
            )
            edges.append(
                Edge(
                    type=etype,
                    source=src,
                    target=dst,
                    props={"claim_id": ids[denial["id"]] if denial else None},
                    evidence=ev(denial["quote"]) if denial else [],
                )
            )
        elif etype is EdgeType.OCCURRED_NEAR:
            edges.append(Edge(type=etype, source=src, target=dst, props={"distance_km": None}))
    for a in actors.values():
        edges.append(Edge(type=EdgeType.REPORTED_IN, source=a.id, target=aid, evidence=a.evidence))
    for n in nodes:
        if isinstance(n, Location):
            edges.append(Edge(type=EdgeType.REPORTED_IN, source=n.id, target=aid, evidence=n.evidence))
    # A body of government is PART_OF its state when the annotation has both.
    states = {a.country: a.id for a in actors.values() if a.actor_kind is ActorKind.STATE and a.country}
    for a in actors.values():
        if a.actor_kind in (ActorKind.GOVERNMENT_BODY, ActorKind.ARMED_GROUP) and a.country in states:
            a.parent_id = states[a.country]
            edges.append(Edge(type=EdgeType.PART_OF, source=a.id, target=states[a.country]))
    graph = ArticleGraph(article=article, nodes=nodes, edges=_dedupe(edges), source_key=aid)
    graph.validate_edges()
    return graph


def _dedupe(edges: list[Edge]) -> list[Edge]:
    from graph.merge import merge_edge

    out: dict[str, Edge] = {}
    for e in edges:
        out[e.id] = merge_edge(out.get(e.id), e)
    return [out[k] for k in sorted(out)]


def _sentence_index(text: str, pos: int) -> int:
    """Rough sentence index: count of sentence ends before ``pos`` (annotations carry no parse)."""
    return len(re.findall(r"[.!?][\"”’)]?\s+(?=[A-Z“\"])|\n\s*\n", text[:pos]))
