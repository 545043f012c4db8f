"""Exports in the formats researchers open: TimelineJS, Gephi (GEXF 1.3), GraphML, our JSON, CSV, ACLED
CSV, PLOVER-style JSONL and schema.org ClaimReview.

Every export carries a metadata block (tool version, the query, the as-of date, the time of export) and
marks disputed items (claims with a denial, incidents such a claim is about). Exports stream: nodes and
edges come from :meth:`~graph.store.GraphStore.iter_nodes` / ``iter_edges`` and are written as they come,
so memory stays flat in the size of the graph. Only the ids of disputed claims (bounded by the number of
denials) and, when a filter is given, the ids of the selected sub-graph are held.

>>> import io
>>> from graph import open_store
>>> buf = io.StringIO()
>>> write_export(open_store("memory://"), "json", buf)
[]
>>> json.loads(buf.getvalue())["nodes"]
[]
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any, Literal, TextIO
from xml.sax.saxutils import escape, quoteattr

from graph.errors import ValidationError
from graph.model import (
    Actor,
    ActorKind,
    Article,
    Claim,
    Edge,
    EdgeType,
    Incident,
    Location,
    LocationKind,
    Node,
    NodeKind,
    Precision,
    Stance,
    TimeSpan,
)
from graph.store import GraphStore, SortKey, TimelineFilter
from graph.taxonomy import ACLED_MAP, IncidentType
from queries.common import Reader, checked_filter, display_date
from queries.ratings import Rating
from queries.timeline import TimelineRow, event_figures, iter_timeline

FORMATS = ("timelinejs", "gexf", "graphml", "json", "csv", "acled-csv", "plover-jsonl", "claimreview")
GroupBy = Literal["actor", "claimant"]
DISPUTED = "DISPUTED"  # the visible mark on disputed items in text formats

GEXF_NS = "http://gexf.net/1.3"
GEXF_VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"


def tool_version() -> str:
    try:
        return metadata.version("conflictgraph")
    except metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "unknown"


def export_meta(
    fmt: str,
    flt: TimelineFilter | None = None,
    as_of: dt.date | None = None,
    group_by: str | None = None,
    exported_at: dt.datetime | None = None,
) -> dict[str, Any]:
    """The metadata block every export carries.

    >>> m = export_meta("json", TimelineFilter(actor="Baku"))
    >>> m["query"], m["tool"]
    ({'actor': 'Baku'}, 'conflictgraph')
    """
    query = flt.model_dump(mode="json", exclude_defaults=True) if flt is not None else {}
    query.pop("as_of", None)
    if group_by:
        query["group_by"] = group_by
    as_of = as_of or (flt.as_of if flt is not None else None)
    when = exported_at or dt.datetime.now(dt.UTC)
    return {
        "tool": "conflictgraph",
        "version": tool_version(),
        "format": fmt,
        "query": query,
        "as_of": as_of.isoformat() if as_of else None,
        "exported_at": when.isoformat(timespec="seconds"),
        "disputed": "a claim is disputed when someone denies it; an incident is disputed when a claim "
        f"about it is; disputed items are marked '{DISPUTED}'",
    }


def _is_filtered(flt: TimelineFilter | None) -> bool:
    return flt is not None and bool(flt.model_dump(exclude_defaults=True, exclude={"as_of"}))


class _LRU:
    """A small bounded cache, so lookups stay cheap on a store without holding the whole graph."""

    def __init__(self, size: int = 50_000) -> None:
        self.size = size
        self.data: OrderedDict[str, Any] = OrderedDict()

    def get(self, key: str, make: Callable[[], Any]) -> Any:
        if key in self.data:
            self.data.move_to_end(key)
            return self.data[key]
        value = make()
        self.data[key] = value
        if len(self.data) > self.size:
            self.data.popitem(last=False)
        return value


class Selection:
    """What an export contains: the whole graph (as of a date), or the sub-graph of a timeline query
    (the incidents, the claims about them and their replies, the actors, places and articles)."""

    def __init__(self, store: GraphStore, flt: TimelineFilter | None = None, as_of: dt.date | None = None):
        self.store = store
        as_of = as_of or (flt.as_of if flt is not None else None)
        self.as_of = as_of
        self.flt = checked_filter(store, (flt or TimelineFilter()).model_copy(update={"as_of": as_of}))
        self.filtered = _is_filtered(flt)
        self._nodes = _LRU()
        self._visible = _LRU()
        self.disputed_claims = self._find_disputed()
        self.disputed_incidents = self._incidents_of(self.disputed_claims)
        self._ids: set[str] | None = self._subgraph() if self.filtered else None

    # -- lookups -----------------------------------------------------------------------------
    def node(self, node_id: str | None) -> Node | None:
        if node_id is None:
            return None
        found: Node | None = self._nodes.get(node_id, lambda: self.store.get(node_id))
        return found

    def visible(self, node: Node) -> bool:
        """Reported by an article published by the as-of date (articles: published by then)."""
        if self.as_of is None:
            return True
        if isinstance(node, Article):
            return node.published is not None and node.published <= self.as_of
        as_of = self.as_of

        def check() -> bool:
            return any(
                isinstance(a, Article) and a.published is not None and a.published <= as_of
                for _, a in self.store.neighbours(node.id, EdgeType.REPORTED_IN, "out")
            )

        result: bool = self._visible.get(node.id, check)
        return result

    def includes(self, node: Node) -> bool:
        if self._ids is not None and node.id not in self._ids:
            return False
        return self.visible(node)

    def name(self, node_id: str | None) -> str:
        n = self.node(node_id)
        if isinstance(n, Actor | Location):
            return n.name
        if isinstance(n, Article):
            return n.title or n.id
        return node_id or ""

    def reader(self) -> Reader:
        return Reader(self.store, as_of=self.as_of)

    # -- what is disputed --------------------------------------------------------------------
    def _find_disputed(self) -> set[str]:
        """Claims someone denies: targets of DENIES edges and of ABOUT edges from denials. One
        streaming pass over the claims collects the (visible) denials, one over the edges the rest."""
        denials = {
            c.id
            for c in self.store.iter_nodes(NodeKind.CLAIM)
            if isinstance(c, Claim) and c.stance is Stance.DENY and self.visible(c)
        }
        disputed: set[str] = set()
        for e in self.store.iter_edges(EdgeType.DENIES):
            cid = e.props.get("claim_id")
            if not isinstance(cid, str) or cid in denials:
                disputed.add(e.target)
        for e in self.store.iter_edges(EdgeType.ABOUT):
            if e.source in denials and isinstance(self.node(e.target), Claim):
                disputed.add(e.target)
        return disputed

    def _incidents_of(self, claim_ids: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for cid in claim_ids:
            for _, n in self.store.neighbours(cid, EdgeType.ABOUT, "out"):
                if isinstance(n, Incident):
                    out.add(n.id)
        return out

    def claim_disputed(self, claim_id: str) -> bool:
        return claim_id in self.disputed_claims

    def incident_disputed(self, incident_id: str) -> bool:
        return incident_id in self.disputed_incidents

    def is_disputed(self, node: Node) -> bool:
        if isinstance(node, Claim):
            return self.claim_disputed(node.id)
        if isinstance(node, Incident):
            return self.incident_disputed(node.id)
        return False

    # -- the selected sub-graph --------------------------------------------------------------
    def incidents(self) -> Iterator[Incident]:
        """Incidents in timeline order (the store's timeline primitive does the filtering)."""
        yield from self.store.timeline(self.flt)

    def _subgraph(self) -> set[str]:
        ids: set[str] = set()
        for inc in self._with_linked(self.incidents()):
            ids.add(inc.id)
            frontier = [inc.id]
            for _ in range(6):
                nxt = []
                for about in frontier:
                    for _, c in self.store.neighbours(about, EdgeType.ABOUT, "in"):
                        if isinstance(c, Claim) and c.id not in ids:
                            ids.add(c.id)
                            nxt.append(c.id)
                            ids.update(x for x in (c.claimant_id, c.target_id) if x)
                frontier = nxt
            for etype in (EdgeType.INVOLVES, EdgeType.OCCURRED_NEAR):
                ids.update(n.id for _, n in self.store.neighbours(inc.id, etype, "out"))
            if inc.location_id:
                ids.add(inc.location_id)
        for nid in list(ids):
            ids.update(n.id for _, n in self.store.neighbours(nid, EdgeType.REPORTED_IN, "out"))
        return ids

    def _with_linked(self, incidents: Iterable[Incident]) -> Iterator[Incident]:
        """The incidents and those linked to them by SAME_AS (visible as of the date), each once: an
        export's rows show a linked event whole, so its sub-graph holds every member's claims."""
        seen: set[str] = set()
        for inc in incidents:
            stack = [inc]
            while stack:
                cur = stack.pop()
                if cur.id in seen:
                    continue
                seen.add(cur.id)
                yield cur
                for _, n in self.store.neighbours(cur.id, EdgeType.SAME_AS, "both"):
                    if isinstance(n, Incident) and n.id not in seen and self.visible(n):
                        stack.append(n)

    def nodes(self, kind: NodeKind | None = None) -> Iterator[Node]:
        for n in self.store.iter_nodes(kind):
            if self.includes(n):
                yield n

    def edges(self) -> Iterator[Edge]:
        for e in self.store.iter_edges():
            if self._ids is not None and (e.source not in self._ids or e.target not in self._ids):
                continue
            if self.as_of is not None:
                src, dst = self.node(e.source), self.node(e.target)
                if src is None or dst is None or not self.visible(src) or not self.visible(dst):
                    continue
            yield e

    def claims(self) -> Iterator[Claim]:
        for n in self.nodes(NodeKind.CLAIM):
            assert isinstance(n, Claim)
            yield n

    def rows(self) -> Iterator[TimelineRow]:
        """The timeline rows: one per event, SAME_AS-linked incidents in one row with their provenance
        (:func:`queries.timeline.iter_timeline`)."""
        yield from iter_timeline(self.store, self.flt)

    def members(self, row: TimelineRow) -> list[Incident]:
        """The incidents a row shows: its own first, then the linked ones."""
        return [inc for x in row.member_ids() if isinstance(inc := self.node(x), Incident)]


def _fresh_when_big(reader: Reader, limit: int = 20_000) -> Reader:
    """Drop the per-query cache now and then, so a long export keeps flat memory."""
    if len(reader._nodes) > limit:
        return Reader(reader.store, as_of=reader.as_of)
    return reader


# -- json ------------------------------------------------------------------------------------------


def _node_json(node: Node) -> dict[str, Any]:
    data: dict[str, Any] = node.model_dump(mode="json")
    return data


def _json_parts(sel: Selection, meta: dict[str, Any]) -> Iterator[str]:
    yield '{"meta": ' + json.dumps(meta, ensure_ascii=False)
    yield ', "disputed": ' + json.dumps(
        {"claims": sorted(sel.disputed_claims), "incidents": sorted(sel.disputed_incidents)}
    )
    yield ', "nodes": ['
    for i, n in enumerate(sel.nodes()):
        yield ("," if i else "") + "\n" + json.dumps(_node_json(n), ensure_ascii=False)
    yield '], "edges": ['
    for i, e in enumerate(sel.edges()):
        yield ("," if i else "") + "\n" + json.dumps(e.model_dump(mode="json"), ensure_ascii=False)
    yield "]}\n"


def export_json(
    store: GraphStore, flt: TimelineFilter | None = None, as_of: dt.date | None = None
) -> dict[str, Any]:
    """The graph (or a timeline query's sub-graph) in our schema, as one dict:
    ``{"meta": …, "disputed": {"claims": […], "incidents": […]}, "nodes": [model dumps], "edges": […]}``.
    The same document ``conflictgraph export --format json`` writes.

    >>> from graph import open_store
    >>> sorted(export_json(open_store("memory://")))
    ['disputed', 'edges', 'meta', 'nodes']
    """
    sel = Selection(store, flt, as_of)
    meta = export_meta("json", flt, as_of)
    doc: dict[str, Any] = json.loads("".join(_json_parts(sel, meta)))
    return doc


def write_json(sel: Selection, out: TextIO, meta: dict[str, Any]) -> None:
    for part in _json_parts(sel, meta):
        out.write(part)


# -- timelinejs ------------------------------------------------------------------------------------


def _tl_date(d: dt.date, parts: int, display: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"year": d.year}
    if parts >= 2:
        out["month"] = d.month
    if parts >= 3:
        out["day"] = d.day
    if display:
        out["display_date"] = display
    return out


def _bound_parts(d: dt.date, first: bool) -> int:
    """How many date parts one end of an interval really has: a Jan 1 start or Dec 31 end is a whole
    year, a 1st-of-month start or month-end end is a whole month."""
    import calendar

    if first:
        if d.month == 1 and d.day == 1:
            return 1
        return 2 if d.day == 1 else 3
    if d.month == 12 and d.day == 31:
        return 1
    return 2 if d.day == calendar.monthrange(d.year, d.month)[1] else 3


def timelinejs_dates(span: TimeSpan) -> tuple[dict[str, Any], dict[str, Any] | None, str | None]:
    """TimelineJS start_date, end_date and display_date: date parts only to the known precision.

    >>> from graph.model import TimeSpan
    >>> timelinejs_dates(TimeSpan.month(2023, 9))
    ({'year': 2023, 'month': 9}, None, '2023-09')
    >>> timelinejs_dates(TimeSpan.day(dt.date(2023, 9, 19)))
    ({'year': 2023, 'month': 9, 'day': 19}, None, None)
    """
    assert span.start is not None and span.end is not None
    shown = display_date(span)
    if span.precision is Precision.DAY:
        return _tl_date(span.start, 3), None, None
    if span.precision is Precision.MONTH:
        return _tl_date(span.start, 2), None, shown
    if span.precision is Precision.YEAR:
        return _tl_date(span.start, 1), None, shown
    start = _tl_date(span.start, _bound_parts(span.start, True))
    end = _tl_date(span.end, _bound_parts(span.end, False))
    return start, end, shown


def _html(text: str) -> str:
    return escape(text, {'"': "&quot;"})


_VERB = {Stance.ACCUSE: "accuses", Stance.DENY: "denies", Stance.ASSERT: "asserts"}


def _slide_text(row: TimelineRow) -> str:
    parts = [f"<p>{_html(row.summary)}</p>"]
    facts = []
    if row.place:
        facts.append(f"Place: {_html(row.place)}")
    if row.killed_display:
        facts.append(f"Killed: {_html(row.killed_display)}")
    if row.injured_display:
        facts.append(f"Injured: {_html(row.injured_display)}")
    if row.actors:
        facts.append(
            "Actors: " + ", ".join(_html(f"{a.name} ({a.role})" if a.role else a.name) for a in row.actors)
        )
    facts.append(f"Independent sources: {row.sources}")
    if row.provenance:
        facts.append(f"Provenance: {_html(row.provenance)}")
    if row.linked:
        facts.append("Linked incidents: " + ", ".join(_html(x.id) for x in row.linked))
    parts.append("<p>" + "<br>".join(facts) + "</p>")
    if row.claims:
        items = []
        for c in row.claims:
            mark = f" <strong>[{DISPUTED}]</strong>" if c.disputed else ""
            who = _html(c.claimant or "unnamed source")
            items.append(
                f"<li>{who} <em>{_VERB[c.stance]}</em> ({_html(c.date)}){mark}: “{_html(c.quote)}”</li>"
            )
        parts.append("<p>Claims:</p><ul>" + "".join(items) + "</ul>")
    if row.articles:
        srcs = []
        for a in row.articles:
            label = _html(" — ".join(x for x in (a.outlet or "", a.title) if x) or a.id)
            when = f" ({a.published.isoformat()})" if a.published else ""
            srcs.append(
                f'<li><a href="{_html(a.url)}">{label}</a>{when}</li>' if a.url else f"<li>{label}{when}</li>"
            )
        parts.append("<p>Sources:</p><ul>" + "".join(srcs) + "</ul>")
    return "".join(parts)


def write_timelinejs(sel: Selection, out: TextIO, meta: dict[str, Any], group_by: str | None) -> None:
    """TimelineJS3 JSON: a title slide with the metadata, one event per timeline row, that is per
    event with its SAME_AS-linked incidents merged (per group member when grouped by actor or
    claimant); the slide names the provenance and the linked incidents. Undated rows cannot sit on a
    timeline and are counted."""
    skipped = 0
    out.write('{"title": ' + json.dumps(_title_slide(meta), ensure_ascii=False) + ', "events": [')
    first = True
    for row in sel.rows():
        if row.start is None:
            skipped += 1
            continue
        start, end, shown = timelinejs_dates(row.span())
        groups: Sequence[str | None]
        if group_by == "actor":
            groups = sorted({a.name for a in row.actors}) or ["(no actor named)"]
        elif group_by == "claimant":
            groups = sorted({c.claimant for c in row.claims if c.claimant}) or ["(no claim)"]
        else:
            groups = [None]
        headline = row.summary if len(row.summary) <= 90 else row.summary[:87] + "…"
        if row.disputed:
            headline = f"[{DISPUTED}] {headline}"
        for g in groups:
            event: dict[str, Any] = {
                "unique_id": row.id if g is None else f"{row.id}-{_slug(g)}",
                "start_date": start,
                "text": {"headline": headline, "text": _slide_text(row)},
            }
            if end is not None:
                event["end_date"] = end
            if shown:
                event["display_date"] = shown
            if g is not None:
                event["group"] = g
            out.write(("" if first else ",") + "\n" + json.dumps(event, ensure_ascii=False))
            first = False
    meta = {**meta, "skipped_undated": skipped}
    out.write('], "conflictgraph": ' + json.dumps(meta, ensure_ascii=False) + "}\n")


def _title_slide(meta: dict[str, Any]) -> dict[str, Any]:
    q = ", ".join(f"{k}={v}" for k, v in meta["query"].items()) or "all incidents"
    text = (
        f"<p>Exported by conflictgraph {_html(meta['version'])} at {_html(meta['exported_at'])}.</p>"
        f"<p>Query: {_html(q)}. As of: {_html(meta['as_of'] or 'all articles')}.</p>"
        f"<p>Items marked [{DISPUTED}] carry a claim that someone denies.</p>"
    )
    return {"text": {"headline": "Conflict timeline", "text": text}}


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:40] or "x"


# -- gexf 1.3 ---------------------------------------------------------------------------------------

# Control characters are not allowed in XML 1.0; quotes from scraped pages sometimes carry them.
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: object) -> str:
    return quoteattr(_XML_BAD.sub(" ", str(text)))


def _xt(text: object) -> str:
    return escape(_XML_BAD.sub(" ", str(text)))


NODE_ATTRS: list[tuple[str, str]] = [
    ("kind", "string"),
    ("subtype", "string"),
    ("disputed", "boolean"),
    ("date", "string"),
    ("precision", "string"),
    ("country", "string"),
    ("killed", "integer"),
    ("injured", "integer"),
    ("text", "string"),
    ("url", "string"),
    ("lat", "double"),
    ("lon", "double"),
]
EDGE_ATTRS: list[tuple[str, str]] = [
    ("type", "string"),
    ("role", "string"),
    ("claim_id", "string"),
    ("distance_km", "double"),
]


def _span_of(node: Node | None) -> tuple[dt.date | None, dt.date | None]:
    if isinstance(node, Incident):
        return node.event_time.start, node.event_time.end
    if isinstance(node, Claim):
        return node.claim_time.start, node.claim_time.end
    if isinstance(node, Article):
        return node.published, node.published
    return None, None


def _node_attrs(sel: Selection, n: Node) -> dict[str, Any]:
    attrs: dict[str, Any] = {"kind": n.kind.value, "disputed": sel.is_disputed(n)}
    if isinstance(n, Actor):
        attrs.update(subtype=n.actor_kind.value, country=n.country)
    elif isinstance(n, Location):
        attrs.update(subtype=n.location_kind.value, country=n.country, lat=n.lat, lon=n.lon)
    elif isinstance(n, Incident):
        attrs.update(
            subtype=n.incident_type.value,
            date=n.event_time.label(),
            precision=n.event_time.precision.value,
            killed=n.killed,
            injured=n.injured,
            text=n.summary,
        )
    elif isinstance(n, Claim):
        attrs.update(
            subtype=n.stance.value,
            date=n.claim_time.label(),
            precision=n.claim_time.precision.value,
            text=n.quote,
        )
    elif isinstance(n, Article):
        attrs.update(date=n.published.isoformat() if n.published else None, url=n.url, text=n.outlet)
    return {k: v for k, v in attrs.items() if v is not None}


def _label(sel: Selection, n: Node) -> str:
    if isinstance(n, Actor | Location):
        label = n.name
    elif isinstance(n, Article):
        label = n.title or n.id
    elif isinstance(n, Incident):
        label = f"{n.event_time.label()} {n.incident_type.value}: {n.summary}"
    else:
        assert isinstance(n, Claim)
        label = f"{sel.name(n.claimant_id) or '?'} {n.stance.value}s: {n.quote}"
    label = label if len(label) <= 120 else label[:117] + "…"
    return f"[{DISPUTED}] {label}" if sel.is_disputed(n) else label


def _edge_span(sel: Selection, e: Edge) -> tuple[dt.date | None, dt.date | None]:
    """An edge lives from the date of what it records: the claim, the incident or the article."""
    if e.type in (EdgeType.ACCUSES, EdgeType.DENIES):
        cid = e.props.get("claim_id")
        return _span_of(sel.node(cid if isinstance(cid, str) else None))
    if e.type in (EdgeType.MADE, EdgeType.REPORTED_IN):
        return _span_of(sel.node(e.target))
    if e.type in (EdgeType.ABOUT, EdgeType.INVOLVES, EdgeType.OCCURRED_NEAR):
        return _span_of(sel.node(e.source))
    return None, None


def _fmt_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def write_gexf(sel: Selection, out: TextIO, meta: dict[str, Any]) -> None:
    """GEXF 1.3 (namespace http://gexf.net/1.3), dynamic mode with dated intervals, so Gephi's
    timeline plays the conflict. Written by hand because networkx needs the whole graph in memory and
    its 1.3 writer declares a wrong XML-Schema-instance namespace; this writer streams."""
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{GEXF_VIZ_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{GEXF_NS} {GEXF_NS}/gexf.xsd" version="1.3">\n'
    )
    today = dt.date.fromisoformat(meta["exported_at"][:10]).isoformat()
    out.write(f'  <meta lastmodifieddate="{today}">\n')
    out.write(f"    <creator>{_xt('conflictgraph ' + meta['version'])}</creator>\n")
    out.write(f"    <keywords>conflict timeline, claims, {DISPUTED.lower()}</keywords>\n")
    out.write(f"    <description>{_xt(json.dumps(meta, ensure_ascii=False))}</description>\n")
    out.write("  </meta>\n")
    out.write('  <graph defaultedgetype="directed" mode="dynamic" timeformat="date"')
    out.write(' timerepresentation="interval">\n')
    out.write('    <attributes class="node">\n')
    for i, (title, typ) in enumerate(NODE_ATTRS):
        out.write(f'      <attribute id="{i}" title="{title}" type="{typ}"/>\n')
    out.write('    </attributes>\n    <attributes class="edge">\n')
    for i, (title, typ) in enumerate(EDGE_ATTRS):
        out.write(f'      <attribute id="{i}" title="{title}" type="{typ}"/>\n')
    out.write("    </attributes>\n    <nodes>\n")
    node_index = {t: i for i, (t, _) in enumerate(NODE_ATTRS)}
    edge_index = {t: i for i, (t, _) in enumerate(EDGE_ATTRS)}
    for n in sel.nodes():
        start, end = _span_of(n)
        when = f' start="{start.isoformat()}" end="{end.isoformat()}"' if start and end else ""
        out.write(f"      <node id={_x(n.id)} label={_x(_label(sel, n))}{when}>\n        <attvalues>\n")
        for k, v in _node_attrs(sel, n).items():
            out.write(f'          <attvalue for="{node_index[k]}" value={_x(_fmt_value(v))}/>\n')
        out.write("        </attvalues>\n")
        if sel.is_disputed(n):
            out.write('        <viz:color r="214" g="39" b="40"/>\n')
        out.write("      </node>\n")
    out.write("    </nodes>\n    <edges>\n")
    for e in sel.edges():
        start, end = _edge_span(sel, e)
        when = f' start="{start.isoformat()}" end="{end.isoformat()}"' if start and end else ""
        out.write(
            f"      <edge id={_x(e.id)} source={_x(e.source)} target={_x(e.target)} "
            f'label="{e.type.value}" kind="{e.type.value}"{when}>\n        <attvalues>\n'
        )
        values: dict[str, Any] = {"type": e.type.value}
        for k in ("role", "claim_id", "distance_km"):
            if e.props.get(k) is not None:
                values[k] = e.props[k]
        for k, v in values.items():
            out.write(f'          <attvalue for="{edge_index[k]}" value={_x(_fmt_value(v))}/>\n')
        out.write("        </attvalues>\n      </edge>\n")
    out.write("    </edges>\n  </graph>\n</gexf>\n")


# -- graphml ----------------------------------------------------------------------------------------


def write_graphml(sel: Selection, out: TextIO, meta: dict[str, Any]) -> None:
    """GraphML, streamed (networkx's writer needs the whole graph in memory)."""
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(
        f'<graphml xmlns="{GRAPHML_NS}" xmlns:xsi="{XSI_NS}" '
        f'xsi:schemaLocation="{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd">\n'
    )
    out.write(f"  <desc>{_xt('conflictgraph export ' + json.dumps(meta, ensure_ascii=False))}</desc>\n")
    gtypes = {"string": "string", "boolean": "boolean", "integer": "int", "double": "double"}
    out.write('  <key id="g_meta" for="graph" attr.name="conflictgraph_meta" attr.type="string"/>\n')
    out.write('  <key id="n_label" for="node" attr.name="label" attr.type="string"/>\n')
    for title, typ in [*NODE_ATTRS, ("start", "string"), ("end", "string")]:
        out.write(f'  <key id="n_{title}" for="node" attr.name="{title}" attr.type="{gtypes[typ]}"/>\n')
    for title, typ in [*EDGE_ATTRS, ("start", "string"), ("end", "string")]:
        out.write(f'  <key id="e_{title}" for="edge" attr.name="{title}" attr.type="{gtypes[typ]}"/>\n')
    out.write('  <graph id="conflictgraph" edgedefault="directed">\n')
    out.write(f'    <data key="g_meta">{_xt(json.dumps(meta, ensure_ascii=False))}</data>\n')
    for n in sel.nodes():
        out.write(f"    <node id={_x(n.id)}>\n")
        values = {"label": _label(sel, n), **_node_attrs(sel, n)}
        start, end = _span_of(n)
        if start and end:
            values.update(start=start.isoformat(), end=end.isoformat())
        for k, v in values.items():
            out.write(f'      <data key="n_{k}">{_xt(_fmt_value(v))}</data>\n')
        out.write("    </node>\n")
    for e in sel.edges():
        out.write(f"    <edge id={_x(e.id)} source={_x(e.source)} target={_x(e.target)}>\n")
        evalues: dict[str, Any] = {"type": e.type.value}
        for k in ("role", "claim_id", "distance_km"):
            if e.props.get(k) is not None:
                evalues[k] = e.props[k]
        start, end = _edge_span(sel, e)
        if start and end:
            evalues.update(start=start.isoformat(), end=end.isoformat())
        for k, v in evalues.items():
            out.write(f'      <data key="e_{k}">{_xt(_fmt_value(v))}</data>\n')
        out.write("    </edge>\n")
    out.write("  </graph>\n</graphml>\n")


# -- csv --------------------------------------------------------------------------------------------

INCIDENT_COLUMNS = [
    "id",
    "date",
    "display_date",
    "precision",
    "start",
    "end",
    "date_words",
    "type",
    "summary",
    "place",
    "place_id",
    "lat",
    "lon",
    "killed",
    "injured",
    "killed_range",
    "injured_range",
    "actors",
    "claims",
    "sources",
    "disputed",
    "provenance",
    "dataset",
    "dataset_ref",
    "linked_ids",
    "evidence_article_ids",
    "evidence_titles",
    "evidence_urls",
    "evidence_sentences",
    "evidence_offsets",
    "evidence_quotes",
]
CLAIM_COLUMNS = [
    "id",
    "date",
    "display_date",
    "precision",
    "claimant",
    "claimant_id",
    "stance",
    "target",
    "target_id",
    "about_id",
    "about",
    "quote",
    "disputed",
    "denied_by",
    "evidence_article_ids",
    "evidence_titles",
    "evidence_outlets",
    "evidence_urls",
    "evidence_sentences",
    "evidence_offsets",
    "evidence_quotes",
]
SEP = " | "  # joins several values in one CSV cell (several evidence spans, several actors)


def _meta_line(meta: dict[str, Any]) -> str:
    """The metadata header line of a CSV export: skip it when reading (pandas: ``skiprows=1``)."""
    return "# " + json.dumps(meta, ensure_ascii=False) + "\n"


def _evidence_cells(sel: Selection, *nodes: Node) -> dict[str, str]:
    """The evidence columns of one or more nodes (a row's linked incidents), each span once."""
    evs = list(
        {
            ev.key(): ev
            for node in nodes
            for ev in node.evidence
            if sel.as_of is None or _published_by(sel, ev.article_id)
        }.values()
    )
    arts = [sel.node(ev.article_id) for ev in evs]
    return {
        "evidence_article_ids": SEP.join(ev.article_id for ev in evs),
        "evidence_titles": SEP.join(a.title if isinstance(a, Article) else "" for a in arts),
        "evidence_outlets": SEP.join((a.outlet or "") if isinstance(a, Article) else "" for a in arts),
        "evidence_urls": SEP.join((a.url or "") if isinstance(a, Article) else "" for a in arts),
        "evidence_sentences": SEP.join("" if ev.sentence is None else str(ev.sentence) for ev in evs),
        "evidence_offsets": SEP.join("" if ev.start is None else f"{ev.start}-{ev.end}" for ev in evs),
        "evidence_quotes": SEP.join(ev.quote for ev in evs),
    }


def _published_by(sel: Selection, article_id: str) -> bool:
    art = sel.node(article_id)
    return isinstance(art, Article) and sel.visible(art)


def write_incidents_csv(sel: Selection, out: TextIO, meta: dict[str, Any]) -> None:
    """incidents.csv: one line per timeline row, so an event told by a dataset row and the article
    incidents linked to it (SAME_AS) is one line: ``provenance`` ('ACLED + 3 articles'), the row
    incident's ``dataset``/``dataset_ref``, the other incidents in ``linked_ids``, and the evidence
    of all of them."""
    out.write(_meta_line({**meta, "table": "incidents"}))
    w = csv.DictWriter(out, fieldnames=INCIDENT_COLUMNS, lineterminator="\n")
    w.writeheader()
    for row in sel.rows():
        members = sel.members(row)
        flat = row.flat()
        w.writerow(
            {
                **{
                    k: flat[k]
                    for k in ("id", "date", "display_date", "precision", "type", "summary", "place")
                },
                "start": row.start or "",
                "end": row.end or "",
                "date_words": row.date_words,
                "place_id": row.place_id or "",
                "lat": "" if row.lat is None else row.lat,
                "lon": "" if row.lon is None else row.lon,
                "killed": "" if row.killed is None else row.killed,
                "injured": "" if row.injured is None else row.injured,
                "killed_range": row.killed_display,
                "injured_range": row.injured_display,
                "actors": flat["actors"].replace("; ", SEP),
                "claims": flat["claims"],
                "sources": row.sources,
                "disputed": DISPUTED if row.disputed else "",
                "provenance": row.provenance,
                "dataset": row.dataset or "",
                "dataset_ref": row.dataset_ref or "",
                "linked_ids": SEP.join(x.id for x in row.linked),
                **{k: v for k, v in _evidence_cells(sel, *members).items() if k in INCIDENT_COLUMNS},
            }
        )


def _claims_for(sel: Selection) -> Iterator[Claim]:
    yield from sel.claims()


def write_claims_csv(sel: Selection, out: TextIO, meta: dict[str, Any]) -> None:
    out.write(_meta_line({**meta, "table": "claims"}))
    w = csv.DictWriter(out, fieldnames=CLAIM_COLUMNS, lineterminator="\n")
    w.writeheader()
    reader = sel.reader()
    for c in sorted(_claims_for(sel), key=_claim_key) if sel.filtered else _claims_for(sel):
        about = sel.node(c.about_id)
        about_text = (
            about.summary if isinstance(about, Incident) else about.quote if isinstance(about, Claim) else ""
        )
        deniers = (
            [reader.name(d.claimant_id) for d in reader.denials_of(c.id)] if sel.claim_disputed(c.id) else []
        )
        w.writerow(
            {
                "id": c.id,
                "date": c.claim_time.label(),
                "display_date": display_date(c.claim_time),
                "precision": c.claim_time.precision.value,
                "claimant": sel.name(c.claimant_id),
                "claimant_id": c.claimant_id or "",
                "stance": c.stance.value,
                "target": sel.name(c.target_id),
                "target_id": c.target_id or "",
                "about_id": c.about_id or "",
                "about": about_text,
                "quote": c.quote,
                "disputed": DISPUTED if sel.claim_disputed(c.id) else "",
                "denied_by": SEP.join(deniers),
                **_evidence_cells(sel, c),
            }
        )
        reader = _fresh_when_big(reader)


def _claim_key(c: Claim) -> SortKey:
    from graph.store import claim_sort_key

    return claim_sort_key(c)


def write_csv_dir(sel: Selection, directory: Path, meta: dict[str, Any]) -> list[Path]:
    """incidents.csv, claims.csv and metadata.json in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = [directory / "incidents.csv", directory / "claims.csv", directory / "metadata.json"]
    with open(paths[0], "w", encoding="utf-8", newline="") as fh:
        write_incidents_csv(sel, fh, meta)
    with open(paths[1], "w", encoding="utf-8", newline="") as fh:
        write_claims_csv(sel, fh, meta)
    paths[2].write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return paths


# -- acled csv --------------------------------------------------------------------------------------

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
    # ours, after ACLED's own columns
    "cg_incident_id",
    "cg_date",
    "cg_disputed",
    "cg_provenance",
    "cg_linked_ids",
]
_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def acled_time_precision(span: TimeSpan) -> int:
    """ACLED time_precision: 1 the day is known, 2 the week (an interval of at most 7 days), 3 only the
    month or a longer period (ACLED then codes a date inside it; we code the interval's midpoint).

    >>> acled_time_precision(TimeSpan.month(2023, 9))
    3
    """
    assert span.start is not None and span.end is not None
    if span.precision is Precision.DAY:
        return 1
    return 2 if (span.end - span.start).days < 7 else 3


def acled_geo_precision(loc: Location | None) -> int:
    """ACLED geo_precision: 1 the town or site itself, 2 near it or part of a region (a route),
    3 only a larger region or the country."""
    if loc is None:
        return 3
    if loc.location_kind in (LocationKind.CITY, LocationKind.SITE):
        return 1
    return 2 if loc.location_kind is LocationKind.ROUTE else 3


def _inter(actor: Actor | None) -> str:
    """ACLED inter code only where our actor kind fixes it: 1 state forces, 7 civilians, 8 external/other.
    Rebels, militias and persons need knowledge the graph does not hold, so they stay blank."""
    if actor is None:
        return ""
    if actor.actor_kind in (ActorKind.STATE, ActorKind.GOVERNMENT_BODY):
        return "1"
    if actor.actor_kind is ActorKind.POPULATION_GROUP:
        return "7"
    if actor.actor_kind is ActorKind.ORGANISATION:
        return "8"
    return ""


def _country(code: str | None) -> tuple[str, str]:
    if not code:
        return "", ""
    import pycountry

    c = pycountry.countries.get(alpha_3=code)
    return (c.numeric, c.name) if c is not None else ("", code)


def write_acled_csv(sel: Selection, out: TextIO, meta: dict[str, Any]) -> None:
    """One ACLED-style row per dated timeline row, that is per event: a dataset row and the article
    incidents linked to it (SAME_AS) are one line, with the row's date, type and place, every member's
    actors, claims and sources, ``cg_provenance`` and ``cg_linked_ids``. Fatalities is the lowest figure
    any source of the event gives (ACLED codes the most conservative estimate) and the notes say when
    sources disagree."""
    out.write(_meta_line(meta))
    w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    w.writeheader()
    stamp = int(dt.datetime.fromisoformat(meta["exported_at"]).timestamp())
    reader = sel.reader()
    for row in sel.rows():
        span = row.span()
        if span.start is None or span.end is None:
            continue
        mid = span.start + (span.end - span.start) / 2 if span.precision is not Precision.DAY else span.start
        event_type, sub_event_type = ACLED_MAP[row.type]
        perps = [a for a in row.actors if a.role == "alleged_perpetrator"]
        victims = [a for a in row.actors if a.role == "victim"]
        loc = sel.node(row.place_id)
        loc = loc if isinstance(loc, Location) else None
        iso, country = _country(loc.country if loc else None)
        a1 = sel.node(perps[0].id) if perps else None
        a2 = sel.node(victims[0].id) if victims else None
        inter1 = _inter(a1 if isinstance(a1, Actor) else None)
        inter2 = _inter(a2 if isinstance(a2, Actor) else None)
        civilians = event_type == "Violence against civilians" or any(
            isinstance(v := sel.node(x.id), Actor) and v.actor_kind is ActorKind.POPULATION_GROUP
            for x in victims
        )
        figures = [f.killed for f in event_figures(reader, sel.members(row)) if f.killed is not None]
        reader = _fresh_when_big(reader)
        fatalities = min(figures) if figures else (row.killed or 0)
        notes = [f"{row.display_date}: {row.summary.rstrip('.')}."]
        if len(set(figures)) > 1:
            notes.append(f"Fatality figures differ across sources: {row.killed_display}.")
        for c in row.claims:
            mark = f" [{DISPUTED}]" if c.disputed else ""
            notes.append(f"{c.claimant or 'An unnamed source'} ({c.stance.value}){mark}: {c.quote}")
        w.writerow(
            {
                "event_id_cnty": f"CG{row.id.removeprefix('inc_')}",
                "event_date": mid.isoformat(),
                "year": mid.year,
                "time_precision": acled_time_precision(span),
                "disorder_type": _DISORDER.get(event_type, ""),
                "event_type": event_type,
                "sub_event_type": sub_event_type,
                "actor1": perps[0].name if perps else "",
                "assoc_actor_1": "; ".join(a.name for a in perps[1:]),
                "inter1": inter1,
                "actor2": victims[0].name if victims else "",
                "assoc_actor_2": "; ".join(a.name for a in victims[1:]),
                "inter2": inter2,
                "interaction": "".join(sorted(x for x in (inter1, inter2) if x)) if inter1 and inter2 else "",
                "civilian_targeting": "Civilian targeting" if civilians else "",
                "iso": iso,
                "region": "",
                "country": country,
                "admin1": "",
                "admin2": "",
                "admin3": "",
                "location": row.place or "",
                "latitude": "" if row.lat is None else row.lat,
                "longitude": "" if row.lon is None else row.lon,
                "geo_precision": acled_geo_precision(loc),
                "source": "; ".join(
                    dict.fromkeys(a.outlet or a.title or a.id for a in row.articles if a.outlet or a.title)
                ),
                "source_scale": "",
                "notes": " ".join(notes),
                "fatalities": fatalities,
                "tags": "disputed" if row.disputed else "",
                "timestamp": stamp,
                "cg_incident_id": row.id,
                "cg_date": row.date,
                "cg_disputed": DISPUTED if row.disputed else "",
                "cg_provenance": row.provenance,
                "cg_linked_ids": SEP.join(x.id for x in row.linked),
            }
        )


# -- plover jsonl -----------------------------------------------------------------------------------

# PLOVER category (and mode, where the category's mode list has one that fits) per incident type.
PLOVER_EVENT: dict[IncidentType, tuple[str | None, str]] = {
    IncidentType.LANDMINE_EXPLOSION: ("ASSAULT", "explosives"),
    IncidentType.ARMED_CLASH: ("FIGHT", "small-arms"),
    IncidentType.SHELLING: ("FIGHT", "artillery"),
    IncidentType.MISSILE_STRIKE: ("FIGHT", "artillery"),
    IncidentType.AIRSTRIKE: ("FIGHT", "aerial"),
    IncidentType.AIRCRAFT_SHOOTDOWN: ("FIGHT", "aerial"),
    IncidentType.MILITARY_OPERATION: ("FIGHT", ""),
    IncidentType.WAR: ("FIGHT", ""),
    IncidentType.CEASEFIRE: ("CONCEDE", "ceasefire"),
    IncidentType.BLOCKADE: ("COERCE", ""),
    IncidentType.AID_DELIVERY: ("AID", "humanitarian"),
    IncidentType.MEDICAL_EVACUATION: ("AID", "humanitarian"),
    IncidentType.SMUGGLING: ("CRIME", ""),
    IncidentType.GPS_JAMMING: ("COERCE", ""),
    IncidentType.NEGOTIATIONS: ("CONSULT", ""),
    IncidentType.PROTEST: ("PROTEST", "demo"),
    IncidentType.ATTACK_ON_CIVILIANS: ("ASSAULT", ""),
    IncidentType.ARREST: ("COERCE", "arrest"),
    IncidentType.OTHER: (None, ""),
}
# Accusations are PLOVER DISAPPROVE (CAMEO 11 'accuse'); denials REJECT. Plain assertions are CAMEO 01
# public statements, which PLOVER dropped, so they are not exported.
PLOVER_STANCE = {Stance.ACCUSE: ("DISAPPROVE", "accuse"), Stance.DENY: ("REJECT", "deny")}
_PLOVER_QUAD = {
    "AGREE": "verbal cooperation",
    "CONSULT": "verbal cooperation",
    "SUPPORT": "verbal cooperation",
    "CONCEDE": "verbal cooperation",
    "COOPERATE": "material cooperation",
    "AID": "material cooperation",
    "RETREAT": "material cooperation",
    "INVESTIGATE": "material cooperation",
    "DEMAND": "verbal conflict",
    "DISAPPROVE": "verbal conflict",
    "REJECT": "verbal conflict",
    "THREATEN": "verbal conflict",
    "SANCTION": "verbal conflict",
    "PROTEST": "material conflict",
    "CRIME": "material conflict",
    "MOBILIZE": "material conflict",
    "COERCE": "material conflict",
    "ASSAULT": "material conflict",
    "FIGHT": "material conflict",
}


def _plover_date(span: TimeSpan) -> str | None:
    return None if span.start is None else span.label()


def write_plover(sel: Selection, out: TextIO, meta: dict[str, Any]) -> None:
    """PLOVER-style JSON lines: a first metadata line, one record per timeline row (an event: SAME_AS-
    linked incidents together, with ``provenance`` and ``linked_ids``), one per accusation or denial
    (with the incident or claim it is about)."""
    out.write(json.dumps({"record": "meta", **meta}, ensure_ascii=False) + "\n")
    claim_ids: list[str] = []
    for row in sel.rows():
        event, mode = PLOVER_EVENT[row.type]
        perps = [a for a in row.actors if a.role == "alleged_perpetrator"]
        victims = [a for a in row.actors if a.role != "alleged_perpetrator"]
        loc = sel.node(row.place_id)
        rec = {
            "record": "incident",
            "id": row.id,
            "date": _plover_date(row.span()),
            "date_precision": row.precision.value,
            "event": event,
            "mode": mode,
            "context": "",
            "quad": _PLOVER_QUAD.get(event or ""),
            "source": [a.name for a in perps],
            "source_ids": [a.id for a in perps],
            "target": [a.name for a in victims],
            "target_ids": [a.id for a in victims],
            "dead": row.killed,
            "injured": row.injured,
            "geo": {
                "place_name": row.place,
                "country": loc.country if isinstance(loc, Location) else None,
                "lat": row.lat,
                "lon": row.lon,
            },
            "text": row.summary,
            "sources": [a.model_dump(mode="json") for a in row.articles],
            "disputed": row.disputed,
            "mark": DISPUTED if row.disputed else "",
            "native_type": row.type.value,
            "provenance": row.provenance,
            "linked_ids": [x.id for x in row.linked],
        }
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        claim_ids.extend(c.id for c in row.claims)
    claims: Iterable[Claim]
    if sel.filtered:
        claims = (c for cid in dict.fromkeys(claim_ids) if isinstance(c := sel.node(cid), Claim))
    else:
        claims = sel.claims()
    reader = sel.reader()
    for c in claims:
        if c.stance not in PLOVER_STANCE:
            continue
        event, mode = PLOVER_STANCE[c.stance]
        target_id = c.target_id
        denied = sel.node(c.about_id)
        if c.stance is Stance.DENY and isinstance(denied, Claim):
            target_id = denied.claimant_id
        claimant, target = sel.node(c.claimant_id), sel.node(target_id)
        rec = {
            "record": "claim",
            "id": c.id,
            "date": _plover_date(c.claim_time),
            "date_precision": c.claim_time.precision.value,
            "event": event,
            "mode": mode,
            "context": "",
            "quad": _PLOVER_QUAD[event],
            "source": [sel.name(c.claimant_id)] if c.claimant_id else [],
            "source_ids": [c.claimant_id] if c.claimant_id else [],
            "source_country": claimant.country if isinstance(claimant, Actor) else None,
            "target": [sel.name(target_id)] if target_id else [],
            "target_ids": [target_id] if target_id else [],
            "target_country": target.country if isinstance(target, Actor) else None,
            "about_id": c.about_id,
            "text": c.quote,
            "sources": [reader.article_ref(a.id).model_dump(mode="json") for a in reader.articles_of(c.id)],
            "disputed": sel.claim_disputed(c.id),
            "mark": DISPUTED if sel.claim_disputed(c.id) else "",
        }
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        reader = _fresh_when_big(reader)


# -- claimreview ------------------------------------------------------------------------------------

_AUTHOR_TYPE = {
    ActorKind.PERSON: "Person",
    ActorKind.STATE: "GovernmentOrganization",
    ActorKind.GOVERNMENT_BODY: "GovernmentOrganization",
    ActorKind.MEDIA: "NewsMediaOrganization",
}


def _schema_date(span: TimeSpan) -> str | None:
    """ISO 8601 at the known precision ('2023-09-19', '2023-09', '2023'); None for ranges and unknown."""
    if span.precision in (Precision.DAY, Precision.MONTH, Precision.YEAR):
        return span.label()
    return None


def claim_review(
    sel: Selection, reader: Reader, c: Claim, exported: str, rating: Rating | None = None
) -> dict[str, Any]:
    """One schema.org ClaimReview for a claim. The graph records who denies what, not a verdict, so
    ``reviewRating`` is set only from a fact-checker's ``rating`` (see :mod:`queries.ratings`); the
    review's author, date and URL are then the reviewer's."""
    claimant = sel.node(c.claimant_id)
    item: dict[str, Any] = {"@type": "Claim", "@id": f"urn:conflictgraph:claim:{c.id}"}
    if isinstance(claimant, Actor):
        item["author"] = {
            "@type": _AUTHOR_TYPE.get(claimant.actor_kind, "Organization"),
            "name": claimant.name,
        }
    when = _schema_date(c.claim_time)
    if when:
        item["datePublished"] = when
    appearances = []
    for art in reader.articles_of(c.id):
        app: dict[str, Any] = {"@type": "NewsArticle", "headline": art.title, "identifier": art.id}
        if art.url:
            app["url"] = art.url
        if art.published:
            app["datePublished"] = art.published.isoformat()
        if art.outlet:
            app["publisher"] = {"@type": "Organization", "name": art.outlet}
        appearances.append(app)
    if appearances:
        item["appearance"] = appearances
        item["firstAppearance"] = appearances[0]
    review: dict[str, Any] = {
        "@type": "ClaimReview",
        "@id": f"urn:conflictgraph:claimreview:{c.id}",
        "claimReviewed": c.quote,
        "itemReviewed": item,
        "datePublished": exported[:10],
        "author": {"@type": "Organization", "name": "conflictgraph (automated extraction, not a verdict)"},
    }
    if rating is not None:
        review["reviewRating"] = rating.schema()
        review["author"] = {"@type": "Organization", "name": rating.reviewer}
        if rating.date is not None:
            review["datePublished"] = rating.date.isoformat()
        if rating.url:
            review["url"] = rating.url
    if sel.claim_disputed(c.id):
        deniers = reader.denials_of(c.id)
        said = "; ".join(f"{reader.name(d.claimant_id) or 'an unnamed source'}: “{d.quote}”" for d in deniers)
        review["reviewBody"] = f"{DISPUTED}: denied by {said}"
        review["keywords"] = ["disputed"]
    return review


def write_claimreview(
    sel: Selection, out: TextIO, meta: dict[str, Any], ratings: Mapping[str, Rating] | None = None
) -> None:
    """A JSON-LD document: a schema.org Dataset node carrying the metadata, then one ClaimReview per
    claim (accusations and assertions; denials appear as the review body of what they deny), with a
    ``reviewRating`` where ``ratings`` rates the claim."""
    ratings = ratings or {}
    header = {
        "@type": "Dataset",
        "@id": "urn:conflictgraph:export",
        "name": "conflictgraph claims",
        "version": meta["version"],
        "dateCreated": meta["exported_at"],
        "temporalCoverage": f"../{meta['as_of']}" if meta["as_of"] else None,
        "description": json.dumps(meta, ensure_ascii=False),
    }
    header = {k: v for k, v in header.items() if v is not None}
    out.write('{"@context": "https://schema.org", "@graph": [\n' + json.dumps(header, ensure_ascii=False))
    reader = sel.reader()
    claims: Iterable[Claim] = sel.claims()
    for c in claims:
        review = claim_review(sel, reader, c, meta["exported_at"], ratings.get(c.id))
        out.write(",\n" + json.dumps(review, ensure_ascii=False))
        reader = _fresh_when_big(reader)
    out.write("\n]}\n")


# -- dispatch ---------------------------------------------------------------------------------------


def write_export(
    store: GraphStore,
    fmt: str,
    out: TextIO | None = None,
    *,
    directory: Path | None = None,
    flt: TimelineFilter | None = None,
    as_of: dt.date | None = None,
    group_by: str | None = None,
    exported_at: dt.datetime | None = None,
    ratings: Mapping[str, Rating] | None = None,
) -> list[Path]:
    """Write one export. ``csv`` writes incidents.csv, claims.csv and metadata.json into ``directory``;
    every other format writes to ``out``. Returns the files written (empty when writing to a stream).
    ``ratings`` (claimreview only) are fact-checkers' verdicts by claim id."""
    if fmt not in FORMATS:
        raise ValidationError(f"unknown export format {fmt!r}; allowed: {', '.join(FORMATS)}")
    if group_by is not None and group_by not in ("actor", "claimant"):
        raise ValidationError(f"unknown group-by {group_by!r}; allowed: actor, claimant")
    if group_by is not None and fmt != "timelinejs":
        raise ValidationError("--group-by applies to the timelinejs format only")
    if ratings is not None and fmt != "claimreview":
        raise ValidationError("--ratings applies to the claimreview format only")
    sel = Selection(store, flt, as_of)
    meta = export_meta(fmt, flt, sel.as_of, group_by, exported_at)
    if fmt == "csv":
        if directory is None:
            raise ValidationError(
                "the csv export writes incidents.csv and claims.csv: give a directory (-o DIR)"
            )
        return write_csv_dir(sel, directory, meta)
    if out is None:
        raise ValidationError(f"the {fmt} export needs an output stream or file")
    writers: dict[str, Callable[[], None]] = {
        "json": lambda: write_json(sel, out, meta),
        "timelinejs": lambda: write_timelinejs(sel, out, meta, group_by),
        "gexf": lambda: write_gexf(sel, out, meta),
        "graphml": lambda: write_graphml(sel, out, meta),
        "acled-csv": lambda: write_acled_csv(sel, out, meta),
        "plover-jsonl": lambda: write_plover(sel, out, meta),
        "claimreview": lambda: write_claimreview(sel, out, meta, ratings),
    }
    writers[fmt]()
    return []


def export_to_string(store: GraphStore, fmt: str, **kwargs: Any) -> str:
    """An export as a string (small graphs, tests, notebooks)."""
    buf = io.StringIO()
    write_export(store, fmt, buf, **kwargs)
    return buf.getvalue()


__all__ = [
    "FORMATS",
    "Selection",
    "export_json",
    "export_meta",
    "export_to_string",
    "write_export",
]
