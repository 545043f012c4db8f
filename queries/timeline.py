"""The conflict timeline: incidents in event-time order as typed rows.

The filtering is the store's :meth:`~graph.store.GraphStore.timeline` primitive (the same on both
stores); this module turns each incident into a row a researcher reads: the date as precise as known,
casualty figures with their spread across sources, the actors and their roles, the claims about the
incident, and how many independent sources report it.

A dataset incident (ACLED, UCDP, GDELT) and the article incidents linked to it by ``SAME_AS`` (the
resolution pass, :mod:`loaders.resolve`) are one event: they make ONE row, at the place of the first
member the filters match, with both provenances ("ACLED + 3 articles") and the linked ids. The row takes
the dataset's values (date, type, place, figure) and merges the articles' in: their claims, actors and
sources, every source's casualty figure for the spread, a more precise date or place that agrees.

>>> from graph import open_store
>>> timeline(open_store("memory://"))
[]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from pydantic import BaseModel, Field

from graph.errors import ValidationError
from graph.gcpause import CYCLIC_GC_PAUSED
from graph.model import (
    PRECISION_RANK,
    Article,
    CasualtyFigure,
    Claim,
    EdgeType,
    Incident,
    Location,
    Precision,
    Stance,
    TimeSpan,
    trusted_fields,
)
from graph.store import (
    ArticleBrief,
    ClaimFacts,
    GraphStore,
    Link,
    RowFacts,
    SortKey,
    TimelineFilter,
    check_limit,
    claim_sort_key,
    incident_sort_key,
)
from graph.taxonomy import IncidentType
from queries.common import ActorRef, ArticleRef, Reader, checked_filter, display_date

# Claims hang from an incident as a tree (accusation -> denial -> reply); rows list them flat, this deep.
CLAIM_DEPTH = 6
# Incidents whose rows are read from the store together (one batch of store calls per chunk): big
# enough that a Neo4j round trip serves many rows, small enough to keep an export's memory flat.
PREFETCH_CHUNK = 200
DATASET_LABELS = {"acled": "ACLED", "ucdp": "UCDP", "gdelt": "GDELT"}


class LinkedIncident(BaseModel):
    """Another incident shown in the same row: an article incident linked SAME_AS to the row's dataset
    incident, or another dataset's incident of the same event."""

    id: str
    dataset: str | None = Field(default=None, description="acled|ucdp|gdelt, None for an article incident")
    dataset_ref: str | None = None
    summary: str = ""
    confidence: float | None = Field(default=None, description="the SAME_AS link's confidence")
    reasons: str = Field(default="", description="the SAME_AS link's reasons (type, time, place, actors)")


class ClaimBrief(BaseModel):
    """A claim as shown in a timeline row."""

    id: str
    claimant: str = Field(description="claimant name ('' when the text names none)")
    claimant_id: str | None = None
    stance: Stance
    target: str | None = None
    quote: str
    date: str = Field(description="claim date label ('unknown' when the text gives none)")
    replies_to: str | None = Field(default=None, description="the claim this one answers, if any")
    disputed: bool = Field(description="a denial of this claim exists")


class TimelineRow(BaseModel):
    """One incident of the timeline."""

    id: str
    date: str = Field(description="the event date as precise as known: TimeSpan.label()")
    display_date: str = Field(description="the date as a reader says it: 'early 1990s', '2023-09'")
    precision: Precision
    start: dt.date | None = None
    end: dt.date | None = None
    date_words: str = Field(default="", description="the raw words of the text giving the date")
    type: IncidentType
    summary: str
    place: str | None = None
    place_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    killed: int | None = None
    injured: int | None = None
    killed_display: str = Field(default="", description="'4', or '4–6 (2 sources)' when sources disagree")
    injured_display: str = ""
    actors: list[ActorRef] = Field(default_factory=list)
    claims: list[ClaimBrief] = Field(default_factory=list)
    sources: int = Field(description="independent sources: reporting articles, SAME_STORY copies once")
    articles: list[ArticleRef] = Field(default_factory=list)
    disputed: bool = Field(description="a claim about the incident has been denied")
    dataset: str | None = Field(default=None, description="the row incident's dataset, None for articles")
    dataset_ref: str | None = None
    provenance: str = Field(default="", description="'ACLED + 3 articles', '2 articles', 'UCDP'")
    linked: list[LinkedIncident] = Field(
        default_factory=list, description="the other incidents of this event (SAME_AS), in this row"
    )

    def span(self) -> TimeSpan:
        """The row's event date as a TimeSpan (the most precise date its members agree on)."""
        return TimeSpan(start=self.start, end=self.end, precision=self.precision, raw=self.date_words)

    def member_ids(self) -> list[str]:
        """The incidents this row shows: its own, then the linked ones."""
        return [self.id, *(x.id for x in self.linked)]

    def flat(self) -> dict[str, Any]:
        """One line per row for CSV and tables: lists joined into strings."""
        return {
            "id": self.id,
            "date": self.date,
            "display_date": self.display_date,
            "precision": self.precision.value,
            "type": self.type.value,
            "summary": self.summary,
            "place": self.place or "",
            "killed": self.killed_display,
            "injured": self.injured_display,
            "actors": "; ".join(f"{a.name} ({a.role})" if a.role else a.name for a in self.actors),
            "claims": " | ".join(
                f"{c.claimant or '?'} [{c.stance.value}{', disputed' if c.disputed else ''}]: {c.quote}"
                for c in self.claims
            ),
            "sources": self.sources,
            "disputed": self.disputed,
            "provenance": self.provenance,
            "linked": "; ".join(x.id for x in self.linked),
        }


class TimelineRows(list[TimelineRow]):
    """A list of rows that also turns into a pandas DataFrame."""

    def to_dataframe(self) -> Any:
        """A DataFrame with one row per incident (needs pandas: ``pip install conflictgraph[pandas]``)."""
        import pandas as pd  # type: ignore[import-untyped,unused-ignore]

        return pd.DataFrame([r.model_dump(mode="python") for r in self])

    def to_records(self) -> list[dict[str, Any]]:
        return [r.model_dump(mode="json") for r in self]


def figure_range(figures: Sequence[CasualtyFigure], field: str, fallback: int | None) -> str:
    """'4' when the sources agree, '4–6 (2 sources)' when they differ, '' when nobody gives a figure.

    >>> from graph.model import CasualtyFigure as F
    >>> figure_range([F(killed=4, source="a"), F(killed=6, source="b")], "killed", 6)
    '4–6 (2 sources)'
    >>> figure_range([F(killed=4, source="a")], "killed", 4)
    '4'
    """
    values = [v for f in figures if (v := getattr(f, field)) is not None]
    if not values:
        return "" if fallback is None else str(fallback)
    lo, hi = min(values), max(values)
    if lo == hi:
        return str(lo)
    return f"{lo}–{hi} ({len({f.source for f in figures if getattr(f, field) is not None})} sources)"


def build_row(reader: Reader, inc: Incident, linked: Sequence[Incident] = ()) -> TimelineRow:
    """The row of one incident, or of one event told by several linked incidents (``inc`` and
    ``linked``, see :func:`linked_group`); claims, sources and figures as of the reader's date.

    The row's incident is the first dataset incident of the group (the first incident when none is
    from a dataset): its date, type, place and figure, except that a strictly more precise date of a
    member that lies inside it, a more precise place (smaller ``precision_km``), or a specific type
    when it has 'other' come from the members. Claims, actors, articles and casualty figures are the
    union of every member's; ``killed_display`` shows the spread of all their figures.
    """
    members = [inc, *(m for m in linked if m.id != inc.id)]
    for m in members:
        reader.remember(m)
    primary = next((m for m in members if m.dataset), members[0])
    others = [m for m in members if m.id != primary.id]

    span, itype = _row_span_type(primary, others)

    place = _place(reader, primary)
    for m in others:
        cand = _place(reader, m)
        if cand is None:
            continue
        if place is None or (
            cand.precision_km is not None
            and place.precision_km is not None
            and cand.precision_km < place.precision_km
        ):
            place = cand

    actors: list[ActorRef] = []
    seen_roles: set[tuple[str, str | None]] = set()
    for m in members:
        for edge, actor in reader.neighbours(m.id, EdgeType.INVOLVES, "out"):
            role = edge.props.get("role")
            key = (actor.id, role if isinstance(role, str) else None)
            if key not in seen_roles:
                seen_roles.add(key)
                reader.remember(actor)
                ref = reader.actor_ref(actor.id, key[1])
                assert ref is not None
                actors.append(ref)
    actors.sort(key=lambda a: (a.role or "", a.name, a.id))

    claims_by_id: dict[str, ClaimBrief] = {}
    for m in members:
        for brief in claim_tree(reader, m.id):
            claims_by_id.setdefault(brief.id, brief)
    claims = sorted(claims_by_id.values(), key=lambda b: claim_sort_key(_claim(reader, b.id)))
    articles_by_id: dict[str, Article] = {}
    for m in members:
        for a in reader.articles_of(m.id):
            articles_by_id.setdefault(a.id, a)
    articles = sorted(articles_by_id.values(), key=lambda a: (a.published or dt.date.max, a.id))

    figures = event_figures(reader, members)
    return _timeline_row(
        primary,
        others,
        span,
        itype,
        place,
        figures,
        reader.as_of is not None,
        actors,
        claims,
        sources=reader.independent_sources([a.id for a in articles]),
        articles=[reader.article_ref(a.id) for a in articles],
        provenance=provenance(reader, members, articles),
        linked=[_linked_ref(reader, m, members) for m in others],
    )


def _timeline_row(
    primary: Incident,
    others: Sequence[Incident],
    span: TimeSpan,
    itype: IncidentType,
    place: Location | None,
    figures: Sequence[CasualtyFigure],
    as_of: bool,
    actors: list[ActorRef],
    claims: list[ClaimBrief],
    *,
    sources: int,
    articles: list[ArticleRef],
    provenance: str,
    linked: list[LinkedIncident],
    make: Callable[[dict[str, Any]], TimelineRow] = TimelineRow.model_validate,
) -> TimelineRow:
    """The row both builders return: killed and injured are the first figure given, or under ``as_of``
    the last one visible. ``make`` builds the row from its fields: validated by default (build_row, the
    reference), or :func:`~graph.model.trusted_fields` from the fact rows, whose values are typed
    already."""
    if not as_of:
        killed = next((m.killed for m in [primary, *others] if m.killed is not None), None)
        injured = next((m.injured for m in [primary, *others] if m.injured is not None), None)
    else:
        killed, injured = _last_figure(figures, "killed"), _last_figure(figures, "injured")
    return make(
        {
            "id": primary.id,
            "date": span.label(),
            "display_date": display_date(span),
            "precision": span.precision,
            "start": span.start,
            "end": span.end,
            "date_words": span.raw,
            "type": itype,
            "summary": primary.summary,
            "place": place.name if place else None,
            "place_id": place.id if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "killed": killed,
            "injured": injured,
            "killed_display": figure_range(figures, "killed", killed),
            "injured_display": figure_range(figures, "injured", injured),
            "actors": actors,
            "claims": claims,
            "sources": sources,
            "articles": articles,
            "disputed": any(c.disputed for c in claims),
            "dataset": primary.dataset,
            "dataset_ref": primary.dataset_ref,
            "provenance": provenance,
            "linked": linked,
        }
    )


def _row_span_type(primary: Incident, others: Sequence[Incident]) -> tuple[TimeSpan, IncidentType]:
    """The row's date and type (see :func:`build_row`)."""
    span = primary.event_time
    if span.start is not None and span.end is not None:
        for m in others:
            t = m.event_time
            if (
                t.start is not None
                and t.end is not None
                and PRECISION_RANK[t.precision] < PRECISION_RANK[span.precision]
                and span.start <= t.start
                and t.end <= span.end
            ):
                span = t
    elif others:
        span = next((m.event_time for m in others if m.event_time.known), span)
    itype = primary.incident_type
    if itype.value == "other":
        itype = next((m.incident_type for m in others if m.incident_type.value != "other"), itype)
    return span, itype


def event_figures(reader: Reader, members: Sequence[Incident]) -> list[CasualtyFigure]:
    """Every source's casualty figure of the event's incidents, once each, as of the reader's date
    (the figures a row's ``killed_display`` spreads over)."""
    return _figures(members, None if reader.as_of is None else lambda src: _figure_visible(reader, src))


def _figures(members: Sequence[Incident], visible: Callable[[str], bool] | None) -> list[CasualtyFigure]:
    figures: list[CasualtyFigure] = []
    seen: set[tuple[str, int | None, int | None]] = set()
    for m in members:
        for f in m.figures:
            key = (f.source, f.killed, f.injured)
            if key not in seen and (visible is None or visible(f.source)):
                seen.add(key)
                figures.append(f)
    return figures


def _place(reader: Reader, inc: Incident) -> Location | None:
    loc = reader.get(inc.location_id)
    if isinstance(loc, Location):
        return loc
    near = [n for _, n in reader.neighbours(inc.id, EdgeType.OCCURRED_NEAR, "out")]
    return next((n for n in near if isinstance(n, Location)), None)


def provenance(reader: Reader, members: Sequence[Incident], articles: Sequence[Article]) -> str:
    """'ACLED + 3 articles': each dataset of the event (with its count when several of its rows are
    linked) and the independent articles (SAME_STORY copies once; a dataset's own source Articles,
    which stand for the outlets a row cites, are not articles of their own).

    >>> from graph import open_store
    >>> from graph.model import Incident
    >>> from graph.taxonomy import IncidentType as T
    >>> r = Reader(open_store("memory://"))
    >>> provenance(r, [Incident(id="i1", incident_type=T.SHELLING, dataset="acled")], [])
    'ACLED'
    """
    own = [a.id for a in articles if "dataset" not in a.extra]
    return _provenance(members, own, reader.independent_sources)


def _provenance(members: Sequence[Incident], own: list[str], count: Callable[[list[str]], int]) -> str:
    """:func:`provenance` from the event's own (non-dataset) article ids and a counter of
    independent sources."""
    per_dataset: dict[str, int] = {}
    for m in members:
        if m.dataset:
            per_dataset[m.dataset] = per_dataset.get(m.dataset, 0) + 1
    parts = [
        DATASET_LABELS.get(d, d.upper()) + ("" if n == 1 else f" ({n} events)")
        for d, n in sorted(per_dataset.items())
    ]
    if own or not parts:
        n = count(own)
        parts.append(f"{n} article" + ("" if n == 1 else "s"))
    return " + ".join(parts)


def _linked_ref(reader: Reader, m: Incident, members: Sequence[Incident]) -> LinkedIncident:
    ids = {x.id for x in members}
    link = next((e for e, n in reader.neighbours(m.id, EdgeType.SAME_AS, "both") if n.id in ids), None)
    conf = link.props.get("confidence") if link is not None else None
    return LinkedIncident(
        id=m.id,
        dataset=m.dataset,
        dataset_ref=m.dataset_ref,
        summary=m.summary,
        confidence=float(conf) if isinstance(conf, int | float) else None,
        reasons=str(link.props.get("reasons") or "") if link is not None else "",
    )


def linked_group(reader: Reader, inc: Incident) -> list[Incident]:
    """The incidents of the same event as ``inc``: those joined to it by SAME_AS links, transitively
    (a dataset row and its article incident; two datasets' rows of one article incident), visible as of
    the reader's date, in timeline order. ``inc`` alone when nothing is linked.
    """
    found: dict[str, Incident] = {inc.id: inc}
    stack = [inc.id]
    while stack:
        for _, node in reader.neighbours(stack.pop(), EdgeType.SAME_AS, "both"):
            if isinstance(node, Incident) and node.id not in found and reader.visible(node.id):
                found[node.id] = node
                stack.append(node.id)
    return sorted(found.values(), key=incident_sort_key)


def _figure_visible(reader: Reader, source: str) -> bool:
    """A figure counts as of the date when its source is an article published by then, or a dataset
    row (source ``acled:REF``, not an article) of an incident that is itself visible as of then."""
    art = reader.get(source)
    if isinstance(art, Article):
        return art.published is not None and reader.as_of is not None and art.published <= reader.as_of
    return art is None and ":" in source and not source.startswith("art_")


def _last_figure(figures: Sequence[CasualtyFigure], field: str) -> int | None:
    values = [v for f in figures if (v := getattr(f, field)) is not None]
    return max(values) if values else None


def claim_tree(reader: Reader, incident_id: str) -> list[ClaimBrief]:
    """Claims about the incident and the replies to them (denials, counter-claims), flat, in
    claim-time order, each knowing which claim it answers."""
    out: dict[str, ClaimBrief] = {}
    frontier: list[tuple[str, str | None]] = [(incident_id, None)]
    for _ in range(CLAIM_DEPTH):
        nxt: list[tuple[str, str | None]] = []
        for about_id, _parent in frontier:
            for c in reader.claims_about(about_id):
                if c.id in out:
                    continue
                out[c.id] = _brief(reader, c, None if about_id == incident_id else about_id)
                nxt.append((c.id, about_id))
        frontier = nxt
        if not frontier:
            break
    ordered = sorted(out.values(), key=lambda b: claim_sort_key(_claim(reader, b.id)))
    return ordered


def _claim(reader: Reader, claim_id: str) -> Claim:
    node = reader.get(claim_id)
    assert isinstance(node, Claim)
    return node


def _brief(reader: Reader, c: Claim, replies_to: str | None) -> ClaimBrief:
    target = reader.name(c.target_id) if c.target_id else None
    return ClaimBrief(
        id=c.id,
        claimant=reader.name(c.claimant_id),
        claimant_id=c.claimant_id,
        stance=c.stance,
        target=target,
        quote=c.quote,
        date=c.claim_time.label(),
        replies_to=replies_to,
        disputed=reader.disputed(c.id),
    )


def timeline_filter(
    *,
    actor: str | None = None,
    include_parts: bool = False,
    location: str | None = None,
    within_km: float | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    types: Sequence[IncidentType | str] = (),
    claimant: str | None = None,
    as_of: dt.date | None = None,
) -> TimelineFilter:
    """The store filter for these options (types given as names are checked against the taxonomy)."""
    checked: list[IncidentType] = []
    for t in types:
        try:
            checked.append(IncidentType(t))
        except ValueError:
            allowed = ", ".join(x.value for x in IncidentType)
            raise ValidationError(f"unknown incident type {t!r}; allowed: {allowed}") from None
    if within_km is not None and location is None:
        raise ValidationError("within_km needs a location to measure from")
    return TimelineFilter(
        actor=actor,
        include_parts=include_parts,
        location=location,
        within_km=within_km,
        since=since,
        until=until,
        types=tuple(checked),
        claimant=claimant,
        as_of=as_of,
    )


def iter_timeline(
    store: GraphStore, flt: TimelineFilter | None = None, *, offset: int = 0, limit: int | None = None
) -> Iterator[TimelineRow]:
    """Rows one at a time (exports use this so they never hold all rows): one row per event, linked
    incidents together (:func:`linked_group`), at the place of the first member the filter matches.

    ``offset`` and ``limit`` give a page: the rows from row number ``offset`` (0-based) on, at most
    ``limit`` of them (all when None), the same rows as slicing the whole timeline. A page reads the
    incidents up to its end only (:meth:`~graph.store.GraphStore.timeline` with a limit), so a first
    page costs what its own rows cost; the rows before ``offset`` are read to know where each row
    starts (linked incidents share one), but not built."""
    check_limit(limit)
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise ValidationError(f"offset {offset!r} is not a row number: give an integer >= 0")
    flt = flt or TimelineFilter()
    end = None if limit is None else offset + limit
    shown: set[str] = set()
    row_no = 0  # rows of the timeline met so far, those before ``offset`` included
    done = 0  # incidents already met
    wanted = end
    while end is None or row_no < end:
        # A row holds one incident or more, so ``end`` incidents give at most ``end`` rows: when
        # linked incidents made fewer, the next read asks for twice as many and goes on from there.
        incidents = store.timeline(flt, wanted)
        chunks = [
            incidents[start : start + PREFETCH_CHUNK] for start in range(done, len(incidents), PREFETCH_CHUNK)
        ]
        # One batch of reads per chunk serves its rows, and memory stays flat (a store may read the
        # next chunk while this one's rows are built). CLAIM_DEPTH + 1: a row shows claims CLAIM_DEPTH
        # deep, and whether the deepest are denied.
        chunk_facts = store.iter_row_facts((([i.id for i in c], c) for c in chunks), CLAIM_DEPTH + 1)
        try:
            for chunk in chunks:
                rows = []
                # A chunk's facts are read and its rows built with the cycle collector held off
                # (graph.gcpause: they are the result, not garbage; in a big embedded store one full
                # collection walks millions of objects), and handed out after it, so the caller's own
                # work is not affected.
                with CYCLIC_GC_PAUSED:
                    facts = _FactRows(next(chunk_facts), flt.as_of)
                    for inc in chunk:
                        if inc.id in shown:
                            continue
                        group = facts.group(inc)
                        shown.update(m.id for m in group)
                        if row_no >= offset:
                            rows.append(facts.row(inc, group))
                        row_no += 1
                        if row_no == end:
                            break
                    # Freed here, by reference counting: still alive after the block, the chunk's facts
                    # (tens of thousands of models, tuples and dicts) were walked by the collection the
                    # block held off, which runs at the first allocation after it.
                    del facts
                yield from rows
                if row_no == end:
                    return
        finally:
            chunk_facts.close()
        if wanted is None or len(incidents) < wanted:
            return
        done, wanted = len(incidents), 2 * len(incidents)


class _FactRows:
    """Builds the rows of one chunk from :class:`~graph.store.RowFacts`: the same rows as
    :func:`build_row` over a :class:`~queries.common.Reader` (tests/conformance compares the two),
    without a model per edge and neighbour. The row models are built without validation
    (:func:`~graph.model.trusted_fields`): every value comes typed from models the store validated
    (a month's 1,500 rows are ~9,000 models; validating them cost a fifth of building the rows)."""

    def __init__(self, facts: RowFacts, as_of: dt.date | None) -> None:
        self.f = facts
        self.as_of = as_of
        self._articles: dict[str, list[ArticleBrief]] = {}
        self._about: dict[str, list[ClaimFacts]] = {}

    def links(self, node_id: str, etype: EdgeType, outgoing: bool | None) -> list[Link]:
        """The node's links of one type, one way (``outgoing``) or both (None), in store order. A scan
        per lookup: a node has a handful of links, read two or three ways, and sorting them into
        buckets first cost more."""
        if outgoing is None:
            return [link for link in self.f.links.get(node_id, ()) if link.type is etype]
        return [
            link for link in self.f.links.get(node_id, ()) if link.type is etype and link.outgoing is outgoing
        ]

    def articles_of(self, node_id: str) -> list[ArticleBrief]:
        found = self._articles.get(node_id)
        if found is None:
            arts = self.f.articles
            found = [
                a
                for link in self.links(node_id, EdgeType.REPORTED_IN, True)
                if (a := arts.get(link.other)) is not None
                and (self.as_of is None or (a.published is not None and a.published <= self.as_of))
            ]
            found.sort(key=lambda a: (a.published or dt.date.max, a.id))
            self._articles[node_id] = found
        return found

    def visible(self, node_id: str) -> bool:
        return self.as_of is None or bool(self.articles_of(node_id))

    def claims_about(self, node_id: str) -> list[ClaimFacts]:
        found = self._about.get(node_id)
        if found is None:
            claims = self.f.claims
            by_id = {
                c.id: c
                for link in self.links(node_id, EdgeType.ABOUT, False)
                if (c := claims.get(link.other)) is not None and self.visible(c.id)
            }
            found = self._about[node_id] = (
                sorted(by_id.values(), key=_facts_order) if len(by_id) > 1 else [*by_id.values()]
            )
        return found

    def disputed(self, claim_id: str) -> bool:
        """A visible denial answers the claim: a DENY claim ABOUT it, or a claim named on a DENIES edge
        into it. One pass over the claim's links, without the sorted list :meth:`claims_about` builds
        (a month's rows ask this of ~5,000 claims)."""
        claims = self.f.claims
        for link in self.f.links.get(claim_id, ()):
            if link.outgoing:
                continue
            if link.type is EdgeType.ABOUT:
                c = claims.get(link.other)
                if c is not None and c.stance is Stance.DENY and self.visible(c.id):
                    return True
            elif link.type is EdgeType.DENIES:
                cid = link.props.get("claim_id")
                if isinstance(cid, str) and cid in claims and self.visible(cid):
                    return True
        return False

    def name(self, node_id: str | None) -> str:
        return "" if node_id is None else self.f.names.get(node_id, node_id)

    def group(self, inc: Incident) -> list[Incident]:
        """:func:`linked_group` over the facts."""
        found: dict[str, Incident] = {inc.id: inc}
        stack = [inc.id]
        while stack:
            for link in self.links(stack.pop(), EdgeType.SAME_AS, None):
                node = self.f.incidents.get(link.other)
                if node is not None and node.id not in found and self.visible(node.id):
                    found[node.id] = node
                    stack.append(node.id)
        return [inc] if len(found) == 1 else sorted(found.values(), key=incident_sort_key)

    def brief(self, c: ClaimFacts, replies_to: str | None) -> ClaimBrief:
        return trusted_fields(
            ClaimBrief,
            {
                "id": c.id,
                "claimant": self.name(c.claimant_id),
                "claimant_id": c.claimant_id,
                "stance": c.stance,
                "target": self.name(c.target_id) if c.target_id else None,
                "quote": c.quote,
                "date": c.date,
                "replies_to": replies_to,
                "disputed": self.disputed(c.id),
            },
        )

    def claim_tree(self, incident_id: str) -> dict[str, tuple[ClaimFacts, ClaimBrief]]:
        """:func:`claim_tree` over the facts, unordered."""
        out: dict[str, tuple[ClaimFacts, ClaimBrief]] = {}
        frontier = [incident_id]
        for _ in range(CLAIM_DEPTH):
            nxt: list[str] = []
            for about_id in frontier:
                for c in self.claims_about(about_id):
                    if c.id in out:
                        continue
                    out[c.id] = (c, self.brief(c, None if about_id == incident_id else about_id))
                    nxt.append(c.id)
            frontier = nxt
            if not frontier:
                break
        return out

    def place(self, inc: Incident) -> Location | None:
        loc = self.f.places.get(inc.location_id) if inc.location_id else None
        if loc is not None:
            return loc
        return next(
            (
                p
                for link in self.links(inc.id, EdgeType.OCCURRED_NEAR, True)
                if (p := self.f.places.get(link.other)) is not None
            ),
            None,
        )

    def independent_sources(self, article_ids: list[str]) -> int:
        """:meth:`Reader.independent_sources` over the facts."""
        wanted = set(article_ids)
        if len(wanted) < 2:
            return len(wanted)
        parent = {a: a for a in wanted}

        def root(a: str) -> str:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        for a in sorted(wanted):
            for b in self.f.articles[a].same_story & wanted:
                ra, rb = root(a), root(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
        return len({root(a) for a in wanted})

    def figure_visible(self, source: str) -> bool:
        """:func:`_figure_visible` over the facts."""
        art = self.f.articles.get(source)
        if art is not None:
            return art.published is not None and self.as_of is not None and art.published <= self.as_of
        return source not in self.f.names and ":" in source and not source.startswith("art_")

    def row(self, inc: Incident, group: Sequence[Incident]) -> TimelineRow:
        """:func:`build_row` over the facts."""
        members = [inc, *(m for m in group if m.id != inc.id)]
        primary = next((m for m in members if m.dataset), members[0])
        others = [m for m in members if m.id != primary.id]
        span, itype = _row_span_type(primary, others)

        place = self.place(primary)
        for m in others:
            cand = self.place(m)
            if cand is None:
                continue
            if place is None or (
                cand.precision_km is not None
                and place.precision_km is not None
                and cand.precision_km < place.precision_km
            ):
                place = cand

        actors: list[ActorRef] = []
        seen_roles: set[tuple[str, str | None]] = set()
        for m in members:
            for link in self.links(m.id, EdgeType.INVOLVES, True):
                role = link.props.get("role")
                key = (link.other, role if isinstance(role, str) else None)
                if key not in seen_roles:
                    seen_roles.add(key)
                    actors.append(
                        trusted_fields(ActorRef, {"id": key[0], "name": self.name(key[0]), "role": key[1]})
                    )
        actors.sort(key=lambda a: (a.role or "", a.name, a.id))

        tree: dict[str, tuple[ClaimFacts, ClaimBrief]] = {}
        for m in members:
            for cid, pair in self.claim_tree(m.id).items():
                tree.setdefault(cid, pair)
        claims = [b for _, b in sorted(tree.values(), key=_pair_order)]
        by_id: dict[str, ArticleBrief] = {}
        for m in members:
            for a in self.articles_of(m.id):
                by_id.setdefault(a.id, a)
        articles = sorted(by_id.values(), key=lambda a: (a.published or dt.date.max, a.id))

        figures = _figures(members, None if self.as_of is None else self.figure_visible)
        ids = {m.id for m in members}
        sources = self.independent_sources([a.id for a in articles])
        own = [a.id for a in articles if not a.dataset]
        return _timeline_row(
            primary,
            others,
            span,
            itype,
            place,
            figures,
            self.as_of is not None,
            actors,
            claims,
            sources=sources,
            articles=[
                trusted_fields(
                    ArticleRef,
                    {
                        "id": a.id,
                        "title": a.title,
                        "outlet": a.outlet,
                        "url": a.url,
                        "published": a.published,
                    },
                )
                for a in articles
            ],
            # The own articles are most often all of them: their count is then the one just made.
            provenance=_provenance(
                members, own, (lambda _: sources) if len(own) == len(articles) else self.independent_sources
            ),
            linked=[self.linked_ref(m, ids) for m in others],
            make=_trusted_row,
        )

    def linked_ref(self, m: Incident, ids: set[str]) -> LinkedIncident:
        link = next((x for x in self.links(m.id, EdgeType.SAME_AS, None) if x.other in ids), None)
        conf = link.props.get("confidence") if link is not None else None
        return trusted_fields(
            LinkedIncident,
            {
                "id": m.id,
                "dataset": m.dataset,
                "dataset_ref": m.dataset_ref,
                "summary": m.summary,
                "confidence": float(conf) if isinstance(conf, int | float) else None,
                "reasons": str(link.props.get("reasons") or "") if link is not None else "",
            },
        )


def _facts_order(c: ClaimFacts) -> SortKey:
    return c.sort_key


def _pair_order(pair: tuple[ClaimFacts, ClaimBrief]) -> SortKey:
    return pair[0].sort_key


def _trusted_row(fields: dict[str, Any]) -> TimelineRow:
    return trusted_fields(TimelineRow, fields)


def timeline(
    store: GraphStore,
    *,
    actor: str | None = None,
    include_parts: bool = False,
    location: str | None = None,
    within_km: float | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    types: Sequence[IncidentType | str] = (),
    claimant: str | None = None,
    as_of: dt.date | None = None,
    offset: int = 0,
    limit: int | None = None,
) -> TimelineRows:
    """The timeline of incidents matching every given filter, in event-time order (undated last).

    ``actor`` and ``claimant`` take a name, an alias or an id ("Baku" finds Azerbaijan); a body of a
    state counts for the state only with ``include_parts``. ``since``/``until`` match partial dates by
    overlap. ``as_of`` keeps only what articles published by that date said. ``offset`` and ``limit``
    give one page of rows (all rows by default): ``timeline(s, limit=50)`` is ``timeline(s)[:50]``,
    read and built for those 50 rows only (:func:`iter_timeline`).

    >>> from graph import open_store
    >>> from loaders.annotations import load_annotation
    >>> store = open_store("memory://")
    >>> store.write_article(load_annotation("seeds/000_d0a399db87bfc5a2.gold.json"))
    >>> [r.display_date for r in timeline(store)][:3]
    ['early 1990s', '2020', '2023-01-01/2023-09-19']
    >>> [r.type.value for r in timeline(store, actor="Baku", types=["gps_jamming"], include_parts=True)]
    ['gps_jamming']
    >>> [r.display_date for r in timeline(store, offset=1, limit=2)]
    ['2020', '2023-01-01/2023-09-19']
    """
    flt = timeline_filter(
        actor=actor,
        include_parts=include_parts,
        location=location,
        within_km=within_km,
        since=since,
        until=until,
        types=types,
        claimant=claimant,
        as_of=as_of,
    )
    # All the rows are the result, none garbage: the cycle collector waits until the last is built,
    # instead of walking the rows built so far after each chunk (iter_timeline pauses it per chunk
    # only, for callers that stream). A month's rows: 5-10% less CPU.
    with CYCLIC_GC_PAUSED:
        rows = TimelineRows(iter_timeline(store, flt, offset=offset, limit=limit))
        if not rows and (flt.actor is not None or flt.claimant is not None or flt.location is not None):
            # Names are checked only when nothing matched (a name lookup is a scan on Neo4j): a name
            # that names nothing is an error, and a country-qualified phrase is read as its actor.
            checked = checked_filter(store, flt)
            if checked is not flt:
                rows = TimelineRows(iter_timeline(store, checked, offset=offset, limit=limit))
    return rows


def parse_date_bound(text: str, *, end: bool) -> dt.date:
    """A --since/--until bound from a partial date: '2023' -> Jan 1 (or Dec 31 for an end), '2023-09' ->
    Sep 1 (or Sep 30), '2023-09-19' -> that day.

    >>> parse_date_bound("2023-09", end=True)
    datetime.date(2023, 9, 30)
    """
    import calendar

    parts = text.strip().split("-")
    try:
        if len(parts) == 1:
            year = int(parts[0])
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        if len(parts) == 2:
            year, month = int(parts[0]), int(parts[1])
            return dt.date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"date {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from None
