"""An actor's profile: who it is, what it said, what was said about it, where it took part.

>>> from graph import open_store
>>> from loaders.annotations import load_annotation
>>> store = open_store("memory://")
>>> store.write_article(load_annotation("seeds/000_d0a399db87bfc5a2.gold.json"))
>>> p = actor_profile(store, "Baku")
>>> p.name, len(p.claims_made), [x.name for x in p.parts]
('Azerbaijan', 5, ['Ministry of Defense (Azerbaijan)', 'Ministry of Internal Affairs (Azerbaijan)'])
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from graph.errors import ValidationError
from graph.model import Actor, ActorKind, Claim, EdgeType, Incident, Stance
from graph.store import GraphStore, claim_sort_key, incident_sort_key
from queries.common import ActorRef, Reader, display_date


class ProfileClaim(BaseModel):
    id: str
    date: str
    display_date: str
    claimant: ActorRef | None = None
    stance: Stance
    target: ActorRef | None = None
    quote: str
    about_id: str | None = None
    disputed: bool


class ProfileIncident(BaseModel):
    id: str
    date: str
    display_date: str
    type: str
    summary: str
    roles: list[str] = Field(description="roles of the actor in the incident (INVOLVES edges)")


class ActorProfile(BaseModel):
    """Everything the graph knows about one actor."""

    id: str
    name: str
    actor_kind: ActorKind
    country: str | None = None
    aliases: list[str] = Field(default_factory=list)
    part_of: list[ActorRef] = Field(default_factory=list, description="bodies this actor is PART_OF")
    parts: list[ActorRef] = Field(default_factory=list, description="actors PART_OF this one, transitively")
    claims_made: list[ProfileClaim] = Field(default_factory=list)
    claims_received: list[ProfileClaim] = Field(
        default_factory=list, description="accusations aimed at the actor and denials of its claims"
    )
    incidents: list[ProfileIncident] = Field(default_factory=list)
    articles: int = Field(description="articles the actor appears in")
    first_seen: dt.date | None = Field(default=None, description="earliest publication date it appears in")
    last_seen: dt.date | None = None


def _pclaim(reader: Reader, c: Claim) -> ProfileClaim:
    return ProfileClaim(
        id=c.id,
        date=c.claim_time.label(),
        display_date=display_date(c.claim_time),
        claimant=reader.actor_ref(c.claimant_id),
        stance=c.stance,
        target=reader.actor_ref(c.target_id),
        quote=c.quote,
        about_id=c.about_id,
        disputed=reader.disputed(c.id),
    )


def actor_profile(store: GraphStore, name: str, as_of: dt.date | None = None) -> ActorProfile:
    """The profile of the actor with this name, alias or id.

    Raises :class:`~graph.errors.NotFound` when no actor matches and
    :class:`~graph.errors.ValidationError` (naming the candidates) when several do.
    """
    reader = Reader(store, as_of=as_of)
    found = reader.resolve_actors(name)
    if len(found) > 1:
        listed = "; ".join(f"{a.name} [{a.actor_kind.value}, {a.country or '-'}] {a.id}" for a in found)
        raise ValidationError(f"{name!r} names {len(found)} actors: {listed}; give the id")
    actor: Actor = found[0]
    part_of = [
        ref
        for _, n in store.neighbours(actor.id, EdgeType.PART_OF, "out")
        if isinstance(n, Actor) and (ref := reader.actor_ref(n.id)) is not None
    ]
    part_ids = reader.with_parts({actor.id}) - {actor.id}
    parts = sorted(
        (ref for pid in part_ids if (ref := reader.actor_ref(pid)) is not None), key=lambda r: (r.name, r.id)
    )

    made = [
        c
        for _, c in store.neighbours(actor.id, EdgeType.MADE, "out")
        if isinstance(c, Claim) and reader.visible(c.id)
    ]
    received: dict[str, Claim] = {}
    for edge, _ in store.neighbours(actor.id, EdgeType.ACCUSES, "in"):
        cid = edge.props.get("claim_id")
        node = reader.get(cid if isinstance(cid, str) else None)
        if isinstance(node, Claim) and reader.visible(node.id):
            received[node.id] = node
    for c in made:
        for d in reader.denials_of(c.id):
            received[d.id] = d

    roles: dict[str, set[str]] = {}
    incidents: dict[str, Incident] = {}
    for edge, inc in store.neighbours(actor.id, EdgeType.INVOLVES, "in"):
        if isinstance(inc, Incident) and reader.visible(inc.id):
            incidents[inc.id] = inc
            role = edge.props.get("role")
            roles.setdefault(inc.id, set()).update([role] if isinstance(role, str) else [])

    arts = reader.articles_of(actor.id)
    dates = [a.published for a in arts if a.published is not None]
    return ActorProfile(
        id=actor.id,
        name=actor.name,
        actor_kind=actor.actor_kind,
        country=actor.country,
        aliases=actor.aliases,
        part_of=part_of,
        parts=parts,
        claims_made=[_pclaim(reader, c) for c in sorted(made, key=claim_sort_key)],
        claims_received=[_pclaim(reader, c) for c in sorted(received.values(), key=claim_sort_key)],
        incidents=[
            ProfileIncident(
                id=i.id,
                date=i.event_time.label(),
                display_date=display_date(i.event_time),
                type=i.incident_type.value,
                summary=i.summary,
                roles=sorted(roles.get(i.id, set())),
            )
            for i in sorted(incidents.values(), key=incident_sort_key)
        ],
        articles=len(arts),
        first_seen=min(dates, default=None),
        last_seen=max(dates, default=None),
    )
