"""The conflict timeline: incidents in event-time order as typed rows.

The filtering is the store's :meth:`~graph.store.GraphStore.timeline` primitive (the same on both
stores); this module turns each incident into a row a researcher reads: the date as precise as known,
casualty figures with their spread across sources, the actors and their roles, the claims about the
incident, and how many independent sources report it.

>>> from graph import open_store
>>> timeline(open_store("memory://"))
[]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import BaseModel, Field

from graph.model import Article, CasualtyFigure, Claim, EdgeType, Incident, Location, Precision, Stance
from graph.store import GraphStore, TimelineFilter, claim_sort_key
from graph.taxonomy import IncidentType
from queries.common import ActorRef, ArticleRef, Reader, display_date

# Claims hang from an incident as a tree (accusation -> denial -> reply); rows list them flat, this deep.
CLAIM_DEPTH = 6


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


def build_row(reader: Reader, inc: Incident) -> TimelineRow:
    """The row of one incident (claims, sources and figures as of the reader's date)."""
    reader.remember(inc)
    place: Location | None = None
    loc = reader.get(inc.location_id)
    if isinstance(loc, Location):
        place = loc
    near = [n for _, n in reader.store.neighbours(inc.id, EdgeType.OCCURRED_NEAR, "out")]
    if place is None:
        place = next((n for n in near if isinstance(n, Location)), None)
    actors: list[ActorRef] = []
    seen_roles: set[tuple[str, str | None]] = set()
    for edge, actor in reader.store.neighbours(inc.id, EdgeType.INVOLVES, "out"):
        role = edge.props.get("role")
        key = (actor.id, role if isinstance(role, str) else None)
        if key not in seen_roles:
            seen_roles.add(key)
            reader.remember(actor)
            ref = reader.actor_ref(actor.id, key[1])
            assert ref is not None
            actors.append(ref)
    actors.sort(key=lambda a: (a.role or "", a.name, a.id))

    claims = claim_tree(reader, inc.id)
    articles = reader.articles_of(inc.id)
    figures = [f for f in inc.figures if reader.as_of is None or _published_by(reader, f.source)]
    killed = inc.killed if reader.as_of is None else _last_figure(figures, "killed")
    injured = inc.injured if reader.as_of is None else _last_figure(figures, "injured")
    return TimelineRow(
        id=inc.id,
        date=inc.event_time.label(),
        display_date=display_date(inc.event_time),
        precision=inc.event_time.precision,
        start=inc.event_time.start,
        end=inc.event_time.end,
        date_words=inc.event_time.raw,
        type=inc.incident_type,
        summary=inc.summary,
        place=place.name if place else None,
        place_id=place.id if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        killed=killed,
        injured=injured,
        killed_display=figure_range(figures, "killed", killed),
        injured_display=figure_range(figures, "injured", injured),
        actors=actors,
        claims=claims,
        sources=reader.independent_sources([a.id for a in articles]),
        articles=[reader.article_ref(a.id) for a in articles],
        disputed=any(c.disputed for c in claims),
    )


def _published_by(reader: Reader, source: str) -> bool:
    art = reader.get(source)
    return (
        isinstance(art, Article)
        and art.published is not None
        and reader.as_of is not None
        and (art.published <= reader.as_of)
    )


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
    from graph.errors import ValidationError

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


def iter_timeline(store: GraphStore, flt: TimelineFilter | None = None) -> Iterator[TimelineRow]:
    """Rows one at a time (exports use this so they never hold all rows)."""
    flt = flt or TimelineFilter()
    reader = Reader(store, as_of=flt.as_of)
    for inc in store.timeline(flt):
        yield build_row(reader, inc)


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
) -> TimelineRows:
    """The timeline of incidents matching every given filter, in event-time order (undated last).

    ``actor`` and ``claimant`` take a name, an alias or an id ("Baku" finds Azerbaijan); a body of a
    state counts for the state only with ``include_parts``. ``since``/``until`` match partial dates by
    overlap. ``as_of`` keeps only what articles published by that date said.

    >>> from graph import open_store
    >>> from loaders.annotations import load_annotation
    >>> store = open_store("memory://")
    >>> store.write_article(load_annotation("seeds/000_d0a399db87bfc5a2.gold.json"))
    >>> [r.display_date for r in timeline(store)][:3]
    ['early 1990s', '2020', '2023-01-01/2023-09-19']
    >>> [r.type.value for r in timeline(store, actor="Baku", types=["gps_jamming"], include_parts=True)]
    ['gps_jamming']
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
    return TimelineRows(iter_timeline(store, flt))


def parse_date_bound(text: str, *, end: bool) -> dt.date:
    """A --since/--until bound from a partial date: '2023' -> Jan 1 (or Dec 31 for an end), '2023-09' ->
    Sep 1 (or Sep 30), '2023-09-19' -> that day.

    >>> parse_date_bound("2023-09", end=True)
    datetime.date(2023, 9, 30)
    """
    import calendar

    from graph.errors import ValidationError

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
