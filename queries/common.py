"""Small read helpers shared by the timeline, chain, profile and export queries.

Everything here goes through the :class:`~graph.store.GraphStore` interface only, so both stores give the
same answers. A :class:`Reader` caches nodes for the life of one query (not across queries), so a query
touching the same actor a hundred times asks the store once.

>>> from graph import open_store
>>> Reader(open_store("memory://")).name("act_missing")
'act_missing'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from graph.model import (
    Actor,
    Article,
    Claim,
    Edge,
    EdgeType,
    Node,
    NodeKind,
    Precision,
    Stance,
    TimeSpan,
)
from graph.store import Direction, GraphStore, TimelineFilter, display_name

# "early 1990s", "the mid-2000s", "late 1980s": a decade the raw words name.
_DECADE = re.compile(r"\b(?:(early|mid|late)[-\s]+)?(1[0-9]{2}0|20[0-9]0)s\b", re.I)


def display_date(span: TimeSpan) -> str:
    """The date as a reader says it: the decade words when the raw text names one that agrees with the
    interval ("early 1990s"), else the label ('2023-09-19', '2023-09', '2020', '1990/1994').

    >>> from graph.model import TimeSpan
    >>> from datetime import date
    >>> display_date(TimeSpan.range(date(1990, 1, 1), date(1994, 12, 31), "in the early 1990s"))
    'early 1990s'
    >>> display_date(TimeSpan.month(2023, 9, "in September"))
    '2023-09'
    >>> display_date(TimeSpan.unknown("some time ago"))
    'undated'
    """
    if span.start is None or span.end is None:
        return "undated"
    if span.precision in (Precision.RANGE, Precision.YEAR):
        m = _DECADE.search(span.raw)
        if m:
            decade = int(m.group(2))
            # Only when the words agree with the interval: never let stray words override the date.
            if decade <= span.start.year and span.end.year <= decade + 9:
                part = m.group(1)
                return f"{part.lower()} {decade}s" if part else f"{decade}s"
    return span.label()


def _bucketed(
    node_id: str, pairs: list[tuple[Edge, Node]]
) -> dict[tuple[EdgeType | None, Direction], list[tuple[Edge, Node]]]:
    """A node's (edge, neighbour) pairs, as the store sorts them, under every (edge type or None,
    direction) a lookup can ask for: each pair in one pass, instead of a scan of all pairs per lookup
    (a timeline row makes some twenty). A self-loop comes twice in 'both' (once per side) and once
    per direction, as the stores answer."""
    out: dict[tuple[EdgeType | None, Direction], list[tuple[Edge, Node]]] = {}
    seen: set[tuple[str, str, str]] = set()
    for pair in pairs:
        edge, node = pair
        out.setdefault((edge.type, "both"), []).append(pair)
        sides: tuple[tuple[Direction, bool], ...] = (
            ("out", edge.source == node_id and node.id == edge.target),
            ("in", edge.target == node_id and node.id == edge.source),
        )
        for direction, ok in sides:
            if ok and (direction, edge.id, node.id) not in seen:
                seen.add((direction, edge.id, node.id))
                out.setdefault((edge.type, direction), []).append(pair)
                out.setdefault((None, direction), []).append(pair)
    return out


class ActorRef(BaseModel):
    """An actor as named in query results."""

    id: str
    name: str
    role: str | None = Field(default=None, description="role in the incident (INVOLVES edge), if any")


class ArticleRef(BaseModel):
    """An article as cited in query results."""

    id: str
    title: str = ""
    outlet: str | None = None
    url: str | None = None
    published: date | None = None


class EvidenceRef(BaseModel):
    """Where a claim was seen: the article and the sentence offsets into its text."""

    article: ArticleRef
    sentence: int | None = None
    start: int | None = None
    end: int | None = None
    quote: str = ""


class Reader:
    """Per-query node cache over a store, with the lookups every query needs.

    A query that knows which nodes it will read asks for them in batches first (:meth:`prefetch`,
    :meth:`prefetch_nodes`): on Neo4j each store call is a round trip, so
    a timeline of a hundred incidents costs a handful of calls instead of thousands. Lookups of nodes
    not prefetched go to the store one by one, with the same answers.
    """

    def __init__(self, store: GraphStore, as_of: date | None = None) -> None:
        self.store = store
        self.as_of = as_of
        self._nodes: dict[str, Node | None] = {}
        self._articles_of: dict[str, list[Article]] = {}
        self._same_story: dict[str, set[str]] = {}
        self._claims_about: dict[str, list[Claim]] = {}
        # every neighbour (all edge types, both directions) of prefetched nodes, as the store sorts them
        self._around: dict[str, list[tuple[Edge, Node]]] = {}
        # the same pairs by (edge type or None, direction), built on a node's first filtered lookup
        self._buckets: dict[str, dict[tuple[EdgeType | None, Direction], list[tuple[Edge, Node]]]] = {}

    # -- batched reads -------------------------------------------------------------------------
    def prefetch(self, node_ids: Iterable[str]) -> None:
        """Every neighbour of these nodes in one store call (for nodes of small degree: incidents,
        claims; not articles or actors, which many edges reach)."""
        todo = [n for n in dict.fromkeys(node_ids) if n not in self._around]
        if not todo:
            return
        for nid, pairs in self.store.neighbours_many(todo, None, "both").items():
            if self._around.setdefault(nid, pairs) is pairs:
                for _, node in pairs:
                    self.remember(node)

    def prefetch_nodes(self, node_ids: Iterable[str | None]) -> None:
        """These nodes in one store call (ids not in the store are remembered as missing)."""
        todo = [n for n in dict.fromkeys(node_ids) if n is not None and n not in self._nodes]
        if not todo:
            return
        found = self.store.get_many(todo)
        for nid in todo:
            self._nodes[nid] = found.get(nid)

    def neighbours(
        self, node_id: str, etype: EdgeType | None = None, direction: Direction = "both"
    ) -> list[tuple[Edge, Node]]:
        """Like :meth:`GraphStore.neighbours`, from the prefetched neighbours when there are some."""
        pairs = self._around.get(node_id)
        if pairs is None:
            return self.store.neighbours(node_id, etype, direction)
        if etype is None and direction == "both":
            return list(pairs)
        buckets = self._buckets.get(node_id)
        if buckets is None:
            buckets = self._buckets[node_id] = _bucketed(node_id, pairs)
        return list(buckets.get((etype, direction), ()))

    # -- nodes -------------------------------------------------------------------------------
    def get(self, node_id: str | None) -> Node | None:
        if node_id is None:
            return None
        if node_id not in self._nodes:
            self._nodes[node_id] = self.store.get(node_id)
        return self._nodes[node_id]

    def remember(self, node: Node) -> None:
        self._nodes.setdefault(node.id, node)

    def name(self, node_id: str | None) -> str:
        """A display name for any node id (the id itself when it is not in the store)."""
        if node_id is None:
            return ""
        node = self.get(node_id)
        return node_id if node is None else display_name(node)

    def actor_ref(self, actor_id: str | None, role: str | None = None) -> ActorRef | None:
        if actor_id is None:
            return None
        return ActorRef(id=actor_id, name=self.name(actor_id), role=role)

    def article_ref(self, article_id: str) -> ArticleRef:
        art = self.get(article_id)
        if isinstance(art, Article):
            return ArticleRef(
                id=art.id, title=art.title, outlet=art.outlet, url=art.url, published=art.published
            )
        return ArticleRef(id=article_id)

    # -- sources -----------------------------------------------------------------------------
    def articles_of(self, node_id: str) -> list[Article]:
        """Articles the node is REPORTED_IN (published by ``as_of`` when set), oldest first."""
        if node_id not in self._articles_of:
            arts = []
            for _, art in self.neighbours(node_id, EdgeType.REPORTED_IN, "out"):
                if isinstance(art, Article):
                    self.remember(art)
                    if self.as_of is None or (art.published is not None and art.published <= self.as_of):
                        arts.append(art)
            arts.sort(key=lambda a: (a.published or date.max, a.id))
            self._articles_of[node_id] = arts
        return self._articles_of[node_id]

    def visible(self, node_id: str) -> bool:
        """True when no as-of date is set, or an article published by then reports the node."""
        return self.as_of is None or bool(self.articles_of(node_id))

    def same_story(self, article_id: str) -> set[str]:
        if article_id not in self._same_story:
            self._same_story[article_id] = {
                n.id for _, n in self.neighbours(article_id, EdgeType.SAME_STORY, "both")
            }
        return self._same_story[article_id]

    def independent_sources(self, article_ids: list[str]) -> int:
        """Articles counted once per story: an article linked SAME_STORY to another one of the set
        (a syndicated copy, a rewrite) adds nothing. Counts the connected groups."""
        wanted = set(article_ids)
        parent = {a: a for a in wanted}

        def root(a: str) -> str:
            while parent[a] != a:
                parent[a] = parent[parent[a]]
                a = parent[a]
            return a

        for a in sorted(wanted):
            for b in self.same_story(a) & wanted:
                ra, rb = root(a), root(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
        return len({root(a) for a in wanted})

    # -- claims ------------------------------------------------------------------------------
    def claims_about(self, node_id: str) -> list[Claim]:
        """Claims ABOUT a node (incident or claim), visible as of the date, in claim-time order."""
        from graph.store import claim_sort_key

        if node_id not in self._claims_about:
            out = []
            for _, c in self.neighbours(node_id, EdgeType.ABOUT, "in"):
                if isinstance(c, Claim) and self.visible(c.id):
                    self.remember(c)
                    out.append(c)
            self._claims_about[node_id] = sorted({c.id: c for c in out}.values(), key=claim_sort_key)
        return self._claims_about[node_id]

    def denials_of(self, claim_id: str) -> list[Claim]:
        """Denials of a claim: deny-stance claims ABOUT it, plus those named on DENIES edges."""
        found = {c.id: c for c in self.claims_about(claim_id) if c.stance is Stance.DENY}
        for edge, _ in self.neighbours(claim_id, EdgeType.DENIES, "in"):
            cid = edge.props.get("claim_id")
            if isinstance(cid, str) and cid not in found:
                node = self.get(cid)
                if isinstance(node, Claim) and self.visible(cid):
                    found[cid] = node
        from graph.store import claim_sort_key

        return sorted(found.values(), key=claim_sort_key)

    def disputed(self, claim_id: str) -> bool:
        return bool(self.denials_of(claim_id))

    def evidence_refs(self, node: Node) -> list[EvidenceRef]:
        return [
            EvidenceRef(
                article=self.article_ref(ev.article_id),
                sentence=ev.sentence,
                start=ev.start,
                end=ev.end,
                quote=ev.quote,
            )
            for ev in node.evidence
            if self.as_of is None or self._published_by(ev.article_id)
        ]

    def _published_by(self, article_id: str) -> bool:
        art = self.get(article_id)
        return self.as_of is None or (
            isinstance(art, Article) and art.published is not None and art.published <= self.as_of
        )

    # -- actors ------------------------------------------------------------------------------
    def resolve_actors(self, name_or_id: str) -> list[Actor]:
        """Actors with this id, name or alias; :class:`~graph.errors.NotFound` when there is none."""
        from graph.errors import NotFound

        found = [n for n in self.store.resolve(NodeKind.ACTOR, name_or_id) if isinstance(n, Actor)]
        if not found:
            found = national_actors(self.store, name_or_id)
        if not found:
            raise NotFound(f"no actor named {name_or_id!r} (give a name, an alias or an actor id)")
        for a in found:
            self.remember(a)
        return found

    def with_parts(self, actor_ids: set[str]) -> set[str]:
        """The actors plus every actor PART_OF them, transitively."""
        out = set(actor_ids)
        stack = list(actor_ids)
        while stack:
            for _, child in self.store.neighbours(stack.pop(), EdgeType.PART_OF, "in"):
                if isinstance(child, Actor) and child.id not in out:
                    self.remember(child)
                    out.add(child.id)
                    stack.append(child.id)
        return out


def national_actors(store: GraphStore, phrase: str) -> list[Actor]:
    """Actors a country-qualified phrase names when no name or alias is spelled that way: "Sudanese
    army" finds "Armed Forces of Sudan" (alias "Sudan's army"), "Russian Defence Ministry" finds
    "Ministry of Defence of Russia", "Azerbaijani government" finds the state. The country word is
    read with the extractor's own actor dictionary (demonyms, country names, capitals); the rest of
    the phrase must name an actor of that country.

    >>> from graph import open_store
    >>> national_actors(open_store("memory://"), "Sudanese army")
    []
    """
    from loaders.actors import _ARMY_WORDS, default_dictionary

    d = default_dictionary()
    words = phrase.split()
    country = next((c for w in words if (c := d.country_of_word(w))), None)
    rest = d.strip_country(phrase)
    if country is None or not rest:
        return []
    state = d.state_name(country)
    names = [rest, f"{state}'s {rest}", f"{rest} of {state}", d.canonical_body(phrase, country)]
    if rest.casefold() in _ARMY_WORDS or rest.casefold() == "armed forces":
        names.append(f"Armed Forces of {state}")
    if rest.casefold() in ("government", "administration", "state"):
        names.append(state)
    found: dict[str, Actor] = {}
    for name in names:
        for node in store.find(NodeKind.ACTOR, name=name):
            if isinstance(node, Actor) and node.country == country:
                found.setdefault(node.id, node)
    return sorted(found.values(), key=lambda a: a.id)


def checked_filter(store: GraphStore, flt: TimelineFilter) -> TimelineFilter:
    """The filter with its names checked against the store: an actor, claimant or place that names
    nothing is an error (:class:`~graph.errors.NotFound`), not a silently empty timeline. A
    country-qualified actor phrase that no alias spells (:func:`national_actors`) stands for its actor
    when it names exactly one.

    >>> from graph import open_store
    >>> checked_filter(open_store("memory://"), TimelineFilter(actor="Atlantis"))
    Traceback (most recent call last):
    ...
    graph.errors.NotFound: no actor named 'Atlantis' (give a name, an alias or an actor id)
    """
    from graph.errors import NotFound, ValidationError

    update: dict[str, str] = {}
    for key in ("actor", "claimant"):
        name = getattr(flt, key)
        if name is None or store.resolve(NodeKind.ACTOR, name):
            continue
        found = national_actors(store, name)
        if not found:
            raise NotFound(f"no actor named {name!r} (give a name, an alias or an actor id)")
        if len(found) > 1:
            listed = ", ".join(f"{a.name} ({a.id})" for a in found)
            raise ValidationError(f"{name!r} names several actors: {listed}; give one of them")
        update[key] = found[0].id
    if flt.location is not None and not store.resolve(NodeKind.LOCATION, flt.location):
        raise NotFound(f"no place named {flt.location!r} (give a name, an alias or a location id)")
    return flt.model_copy(update=update) if update else flt


def jsonable(model: BaseModel) -> dict[str, Any]:
    """A model as plain JSON types."""
    data: dict[str, Any] = model.model_dump(mode="json")
    return data
