"""Claim chains (accusation -> denial -> counter-accusation -> corroboration) and claims between parties.

The walk itself is the store's :meth:`~graph.store.GraphStore.claim_chain` (the same on both stores);
this module dresses each step with what a fact-checker needs: who said it and how, when, the quote, and
the article, outlet, URL and sentence offsets it comes from.

>>> from graph import open_store
>>> chain(open_store("memory://"), claim_text="absolute lies")
Traceback (most recent call last):
...
graph.errors.NotFound: no claim quote contains 'absolute lies'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, Field

from graph.errors import NotFound, ValidationError
from graph.model import Claim, EdgeType, Incident, NodeKind, Stance, normalise
from graph.store import ChainStep, GraphStore, claim_sort_key
from queries.common import ActorRef, ArticleRef, EvidenceRef, Reader, display_date


class ChainNode(BaseModel):
    """One claim in a chain tree, with its replies as children."""

    claim_id: str
    relation: Literal["root", "about", "counter"] = Field(
        description="root; 'about' answers/denies the parent; 'counter' is a denier's counter-accusation"
    )
    depth: int
    claimant: ActorRef | None = None
    stance: Stance
    target: ActorRef | None = None
    about: str | None = Field(default=None, description="what the claim is about: incident summary or claim")
    about_id: str | None = None
    date: str = Field(description="claim date label; 'unknown' when the text gives none")
    display_date: str
    quote: str
    evidence: list[EvidenceRef] = Field(default_factory=list)
    articles: list[ArticleRef] = Field(default_factory=list)
    disputed: bool = Field(description="a denial of this claim exists")
    children: list[ChainNode] = Field(default_factory=list)


class ClaimChain(BaseModel):
    """The tree of claim and counter-claim grown from a claim, an incident or a quote."""

    start: str = Field(description="the claim or incident id the chain was asked for")
    max_depth: int
    as_of: dt.date | None = None
    roots: list[ChainNode] = Field(default_factory=list)

    def walk(self) -> Iterator[ChainNode]:
        """Every step depth-first, in the order a reader follows the chain."""
        stack = list(reversed(self.roots))
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children))

    def depth(self) -> int:
        """Number of steps on the longest path (1 for a lone claim, 0 for an empty chain)."""
        return max((n.depth + 1 for n in self.walk()), default=0)


def _node(reader: Reader, step: ChainStep) -> ChainNode:
    c = step.claim
    reader.remember(c)
    about = reader.get(c.about_id)
    about_text = None
    if isinstance(about, Incident):
        about_text = about.summary
    elif isinstance(about, Claim):
        about_text = f"{reader.name(about.claimant_id) or '?'}: {about.quote}"
    return ChainNode(
        claim_id=c.id,
        relation=step.relation,
        depth=step.depth,
        claimant=reader.actor_ref(c.claimant_id),
        stance=c.stance,
        target=reader.actor_ref(c.target_id),
        about=about_text,
        about_id=c.about_id,
        date=c.claim_time.label(),
        display_date=display_date(c.claim_time),
        quote=c.quote,
        evidence=reader.evidence_refs(c),
        articles=[reader.article_ref(a.id) for a in reader.articles_of(c.id)],
        disputed=reader.disputed(c.id),
    )


def prefetch_steps(reader: Reader, steps: list[ChainStep]) -> None:
    """Read what the steps' nodes need in two batched store calls (on Neo4j, two round trips instead of
    several per step): every claim's neighbours (its articles, claimant, replies and DENIES edges), then
    the nodes named by id only (what each claim is about, targets, evidence articles, denial claims)."""
    for step in steps:
        reader.remember(step.claim)
    ids = [step.claim.id for step in steps]
    reader.prefetch(ids)
    wanted: list[str | None] = []
    for step in steps:
        c = step.claim
        wanted += [c.about_id, c.claimant_id, c.target_id, *(ev.article_id for ev in c.evidence)]
        wanted += [
            cid
            for e, _ in reader.neighbours(c.id, EdgeType.DENIES, "in")
            if isinstance(cid := e.props.get("claim_id"), str)
        ]
    reader.prefetch_nodes(wanted)
    about = [n.claimant_id for x in wanted if isinstance(n := reader.get(x), Claim)]
    reader.prefetch_nodes(about)


def build_tree(reader: Reader, steps: list[ChainStep]) -> list[ChainNode]:
    """Turn the store's depth-first step list into a tree."""
    prefetch_steps(reader, steps)
    nodes: dict[str, ChainNode] = {}
    roots: list[ChainNode] = []
    for step in steps:
        node = _node(reader, step)
        nodes[step.claim.id] = node
        parent = nodes.get(step.parent_id) if step.parent_id else None
        (parent.children if parent is not None else roots).append(node)
    return roots


def find_claims(store: GraphStore, text: str) -> list[Claim]:
    """Claims whose quote contains ``text`` (case- and space-insensitive), in claim-time order."""
    wanted = normalise(text)
    if not wanted:
        raise ValidationError("claim text to search for is empty")
    found = [
        n for n in store.iter_nodes(NodeKind.CLAIM) if isinstance(n, Claim) and wanted in normalise(n.quote)
    ]
    if not found:
        raise NotFound(f"no claim quote contains {text!r}")
    return sorted(found, key=claim_sort_key)


def chain(
    store: GraphStore,
    claim_id: str | None = None,
    incident_id: str | None = None,
    claim_text: str | None = None,
    max_depth: int = 6,
    as_of: dt.date | None = None,
) -> ClaimChain:
    """The chain tree from a claim id, an incident id, or the claims whose quote contains a text.

    From a claim the walk first climbs to the original claim, so asking from a denial shows the
    accusation it denies at the root. Siblings are in claim-time order.

    >>> from graph import open_store
    >>> from loaders.annotations import load_annotation
    >>> store = open_store("memory://")
    >>> store.write_article(load_annotation("seeds/000_d0a399db87bfc5a2.gold.json"))
    >>> tree = chain(store, claim_text="absolute lies")
    >>> [(n.claimant.name, n.stance.value) for n in tree.walk()]  # doctest: +NORMALIZE_WHITESPACE
    [('Ministry of Defense (Azerbaijan)', 'accuse'), ('Karabakh Armenian authorities', 'deny'),
     ('Karabakh Armenian authorities', 'accuse')]
    """
    given = [x for x in (claim_id, incident_id, claim_text) if x is not None]
    if len(given) != 1:
        raise ValidationError(
            "give exactly one of a claim id, an incident id (--incident) or a text (--claim)"
        )
    if max_depth < 0:
        raise ValidationError(f"max_depth must be 0 or more, got {max_depth}")
    reader = Reader(store, as_of=as_of)
    if claim_text is not None:
        roots: list[ChainNode] = []
        placed: set[str] = set()
        for claim in find_claims(store, claim_text):
            if claim.id in placed:
                continue
            steps = store.claim_chain(claim.id, max_depth=max_depth, as_of=as_of)
            if steps and steps[0].claim.id in placed:
                continue
            tree = build_tree(reader, steps)
            for r in tree:
                placed.update(n.claim_id for n in _walk(r))
            roots.extend(tree)
        roots.sort(key=lambda n: claim_sort_key(_claim_of(reader, n.claim_id)))
        return ClaimChain(start=claim_text, max_depth=max_depth, as_of=as_of, roots=roots)
    start = claim_id if claim_id is not None else incident_id
    assert start is not None
    node = store.get(start)
    want = NodeKind.CLAIM if claim_id is not None else NodeKind.INCIDENT
    if node is None or node.kind is not want:
        raise NotFound(f"no {want.value.lower()} with id {start!r}")
    steps = store.claim_chain(start, max_depth=max_depth, as_of=as_of)
    return ClaimChain(start=start, max_depth=max_depth, as_of=as_of, roots=build_tree(reader, steps))


def all_chains(
    store: GraphStore, max_depth: int = 6, as_of: dt.date | None = None, min_steps: int = 2
) -> ClaimChain:
    """Every chain of claim and counter-claim in the store with at least ``min_steps`` claims,
    grown from the claims that answer no other claim, in claim-time order of their roots.

    >>> from graph import open_store
    >>> from loaders.annotations import load_annotation
    >>> store = open_store("memory://")
    >>> store.write_article(load_annotation("seeds/000_d0a399db87bfc5a2.gold.json"))
    >>> [[n.stance.value for n in _walk(r)] for r in all_chains(store).roots]
    [['accuse', 'deny', 'accuse'], ['accuse', 'deny']]
    """
    if min_steps < 1:
        raise ValidationError(f"min_steps must be 1 or more, got {min_steps}")
    reader = Reader(store, as_of=as_of)
    roots: list[ChainNode] = []
    placed: set[str] = set()
    starts = [
        c
        for c in store.iter_nodes(NodeKind.CLAIM)
        if isinstance(c, Claim) and not (c.about_id or "").startswith("clm_")
    ]
    for claim in sorted(starts, key=claim_sort_key):
        if claim.id in placed:
            continue
        steps = store.claim_chain(claim.id, max_depth=max_depth, as_of=as_of)
        if len(steps) < min_steps or steps[0].claim.id in placed:
            continue
        for tree in build_tree(reader, steps):
            placed.update(n.claim_id for n in _walk(tree))
            roots.append(tree)
    return ClaimChain(start="all", max_depth=max_depth, as_of=as_of, roots=roots)


def _walk(node: ChainNode) -> Iterator[ChainNode]:
    yield node
    for child in node.children:
        yield from _walk(child)


def _claim_of(reader: Reader, claim_id: str) -> Claim:
    c = reader.get(claim_id)
    assert isinstance(c, Claim)
    return c


# -- claims between two parties ------------------------------------------------------------------


class ClaimBetween(BaseModel):
    """One accusation or denial exchanged between two parties."""

    claim_id: str
    direction: str = Field(description="'A→B' (first party's side speaks) or 'B→A'")
    date: str
    display_date: str
    claimant: ActorRef
    stance: Stance
    target: ActorRef | None = Field(
        default=None, description="the accused, or the author of the denied claim"
    )
    about: str | None = Field(default=None, description="incident summary, or the quote of the denied claim")
    about_id: str | None = None
    quote: str
    articles: list[ArticleRef] = Field(default_factory=list)
    disputed: bool


def claims_between(
    store: GraphStore, a: str, b: str, *, include_parts: bool = True, as_of: dt.date | None = None
) -> list[ClaimBetween]:
    """Who accused whom of what between two parties, both directions, in claim-time order.

    A party is an actor name, alias or id; with ``include_parts`` (the default) the bodies PART_OF it
    speak and are accused for it (a ministry for its state). Denials count when one side denies a claim
    the other side made.

    >>> from graph import open_store
    >>> from loaders.annotations import load_annotation
    >>> store = open_store("memory://")
    >>> store.write_article(load_annotation("seeds/000_d0a399db87bfc5a2.gold.json"))
    >>> [(r.direction, r.claimant.name, r.stance.value) for r in claims_between(store, "Baku", "Armenia")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('B→A', 'Armenia', 'deny'), ('B→A', 'Ministry of Foreign Affairs (Armenia)', 'accuse'),
     ('A→B', 'Azerbaijan', 'accuse')]
    """
    reader = Reader(store, as_of=as_of)
    side_a = {x.id for x in reader.resolve_actors(a)}
    side_b = {x.id for x in reader.resolve_actors(b)}
    if include_parts:
        side_a, side_b = reader.with_parts(side_a), reader.with_parts(side_b)
    overlap = side_a & side_b
    if overlap:
        raise ValidationError(
            f"{a!r} and {b!r} share actors ({', '.join(sorted(reader.name(x) for x in overlap))}); "
            "give two different parties"
        )
    rows: list[tuple[Claim, ClaimBetween]] = []
    for speakers, listeners, direction in ((side_a, side_b, "A→B"), (side_b, side_a, "B→A")):
        for actor_id in sorted(speakers):
            for _, claim in store.neighbours(actor_id, EdgeType.MADE, "out"):
                if not isinstance(claim, Claim) or not reader.visible(claim.id):
                    continue
                reader.remember(claim)
                target_id: str | None = None
                if claim.stance is Stance.ACCUSE and claim.target_id in listeners:
                    target_id = claim.target_id
                elif claim.stance is Stance.DENY:
                    denied = reader.get(claim.about_id)
                    if isinstance(denied, Claim) and denied.claimant_id in listeners:
                        target_id = denied.claimant_id
                if target_id is None:
                    continue
                about = reader.get(claim.about_id)
                about_text = (
                    about.summary
                    if isinstance(about, Incident)
                    else about.quote
                    if isinstance(about, Claim)
                    else None
                )
                claimant = reader.actor_ref(actor_id)
                assert claimant is not None
                rows.append(
                    (
                        claim,
                        ClaimBetween(
                            claim_id=claim.id,
                            direction=direction,
                            date=claim.claim_time.label(),
                            display_date=display_date(claim.claim_time),
                            claimant=claimant,
                            stance=claim.stance,
                            target=reader.actor_ref(target_id),
                            about=about_text,
                            about_id=claim.about_id,
                            quote=claim.quote,
                            articles=[reader.article_ref(x.id) for x in reader.articles_of(claim.id)],
                            disputed=reader.disputed(claim.id),
                        ),
                    )
                )
    rows.sort(key=lambda r: claim_sort_key(r[0]))
    return [r for _, r in rows]
