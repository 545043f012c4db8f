"""The conflictgraph data model: pure pydantic data, no store, no I/O.

Nodes: :class:`Article`, :class:`Actor`, :class:`Location`, :class:`Incident`, :class:`Claim`.
Edges: :class:`Edge` with an :class:`EdgeType`; allowed endpoints live in :data:`EDGE_ENDPOINTS`.
One article's whole graph travels as an :class:`ArticleGraph`.

Four clocks are kept apart: ``Incident.event_time`` (event), ``Claim.claim_time`` (claim),
``Article.published`` (report) and ``Article.ingested_at`` (ingest).

>>> a = Actor(id=actor_id("state", "AZE", "Azerbaijan"), name="Azerbaijan", actor_kind=ActorKind.STATE,
...           country="AZE", aliases=["Baku"])
>>> a.kind
<NodeKind.ACTOR: 'Actor'>
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from graph.errors import ValidationError
from graph.taxonomy import IncidentType

SCHEMA_VERSION = 1


class NodeKind(StrEnum):
    """Node labels. The only labels any store writes."""

    ARTICLE = "Article"
    ACTOR = "Actor"
    LOCATION = "Location"
    INCIDENT = "Incident"
    CLAIM = "Claim"


class EdgeType(StrEnum):
    """Relationship types. The only relationship types any store writes."""

    ACCUSES = "ACCUSES"
    DENIES = "DENIES"
    OCCURRED_NEAR = "OCCURRED_NEAR"
    MADE = "MADE"
    ABOUT = "ABOUT"
    INVOLVES = "INVOLVES"
    PART_OF = "PART_OF"
    REPORTED_IN = "REPORTED_IN"
    SAME_STORY = "SAME_STORY"
    SAME_AS = "SAME_AS"


class ActorKind(StrEnum):
    STATE = "state"
    GOVERNMENT_BODY = "government_body"
    ARMED_GROUP = "armed_group"
    ORGANISATION = "organisation"
    PERSON = "person"
    POPULATION_GROUP = "population_group"
    MEDIA = "media"


class LocationKind(StrEnum):
    COUNTRY = "country"
    REGION = "region"
    CITY = "city"
    SITE = "site"
    ROUTE = "route"


class Stance(StrEnum):
    ACCUSE = "accuse"
    DENY = "deny"
    ASSERT = "assert"


class Precision(StrEnum):
    """How precisely a date is known. Order of the members is the tie-break order (most precise first)."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"
    UNKNOWN = "unknown"


PRECISION_RANK = {p: i for i, p in enumerate(Precision)}


class Role(StrEnum):
    """Role of an actor in an incident (INVOLVES edge)."""

    ALLEGED_PERPETRATOR = "alleged_perpetrator"
    VICTIM = "victim"
    PARTY = "party"


class _Data(BaseModel):
    model_config = ConfigDict(frozen=False, extra="forbid", use_enum_values=False)


class Evidence(_Data):
    """Where in which article a node or edge was seen. Offsets index ``Article.text``."""

    article_id: str = Field(description="Article.id the evidence comes from")
    sentence: int | None = Field(default=None, ge=0, description="0-based sentence index in the article")
    start: int | None = Field(
        default=None,
        ge=0,
        description="character start in Article.text; None only for a hand-coded annotation loaded "
        "without its article text",
    )
    end: int | None = Field(default=None, ge=0, description="character end (exclusive) in Article.text")
    quote: str = Field(description="Article.text[start:end]")

    @model_validator(mode="after")
    def _ordered(self) -> Evidence:
        if (self.start is None) != (self.end is None):
            raise ValidationError("evidence needs both start and end, or neither")
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValidationError(f"evidence end {self.end} is before start {self.start}")
        return self

    def key(self) -> tuple[str, int, int, str]:
        return (
            self.article_id,
            -1 if self.start is None else self.start,
            -1 if self.end is None else self.end,
            self.quote,
        )


class TimeSpan(_Data):
    """A possibly partial date: an interval [start, end] with its precision and the raw words.

    >>> TimeSpan.month(2023, 9).label()
    '2023-09'
    >>> TimeSpan.unknown("some time ago").label()
    'unknown'
    """

    start: date | None = None
    end: date | None = None
    precision: Precision = Precision.UNKNOWN
    raw: str = Field(default="", description="the words of the text that give the date")

    @model_validator(mode="after")
    def _consistent(self) -> TimeSpan:
        if self.precision is Precision.UNKNOWN:
            if self.start is not None or self.end is not None:
                raise ValidationError("a TimeSpan of precision 'unknown' has no start or end")
        elif self.start is None or self.end is None:
            raise ValidationError(f"a TimeSpan of precision {self.precision.value!r} needs start and end")
        elif self.end < self.start:
            raise ValidationError(f"TimeSpan end {self.end} is before start {self.start}")
        return self

    @classmethod
    def day(cls, d: date, raw: str = "") -> TimeSpan:
        return cls(start=d, end=d, precision=Precision.DAY, raw=raw)

    @classmethod
    def month(cls, year: int, month: int, raw: str = "") -> TimeSpan:
        import calendar

        last = calendar.monthrange(year, month)[1]
        return cls(
            start=date(year, month, 1), end=date(year, month, last), precision=Precision.MONTH, raw=raw
        )

    @classmethod
    def year(cls, year: int, raw: str = "") -> TimeSpan:
        return cls(start=date(year, 1, 1), end=date(year, 12, 31), precision=Precision.YEAR, raw=raw)

    @classmethod
    def range(cls, start: date, end: date, raw: str = "") -> TimeSpan:
        return cls(start=start, end=end, precision=Precision.RANGE, raw=raw)

    @classmethod
    def unknown(cls, raw: str = "") -> TimeSpan:
        return cls(precision=Precision.UNKNOWN, raw=raw)

    @property
    def known(self) -> bool:
        return self.precision is not Precision.UNKNOWN

    def label(self) -> str:
        """The date as precise as known: '2023-09-19', '2023-09', '2023', '1990/1994', 'unknown'."""
        return span_label(self.start, self.end, self.precision)

    def overlaps(self, since: date | None, until: date | None) -> bool:
        """True when the interval touches [since, until]; an unknown date never matches a bound."""
        if since is None and until is None:
            return True
        if self.start is None or self.end is None:
            return False
        if since is not None and self.end < since:
            return False
        return not (until is not None and self.start > until)


def span_label(start: date | None, end: date | None, precision: Precision) -> str:
    """:meth:`TimeSpan.label` of a span given by its fields (a store that reads them as properties
    labels a date without building the span).

    >>> span_label(date(1990, 1, 1), date(1994, 12, 31), Precision.RANGE)
    '1990/1994'
    """
    if start is None or end is None:
        return "unknown"
    if precision is Precision.DAY:
        return start.isoformat()
    if precision is Precision.MONTH:
        return start.strftime("%Y-%m")
    if precision is Precision.YEAR:
        return str(start.year)
    return f"{_partial(start, end, True)}/{_partial(start, end, False)}"


def _partial(start: date, end: date, first: bool) -> str:
    """Shortest ISO form of one end of a range: whole years and months collapse."""
    d = start if first else end
    if start.month == 1 and start.day == 1 and end.month == 12 and end.day == 31:
        return str(d.year)
    return d.isoformat()


class _Node(_Data):
    id: str = Field(min_length=1, description="deterministic id (content hash of a normalised key)")
    evidence: list[Evidence] = Field(default_factory=list, description="every place this node was seen")


class DroppedSpan(_Data):
    """Text removed from a raw article before it was stored (section label, repeated title, boilerplate)."""

    reason: str
    text: str


class Article(_Node):
    kind: Literal[NodeKind.ARTICLE] = NodeKind.ARTICLE
    title: str = ""
    url: str | None = None
    outlet: str | None = None
    language: str = "en"
    published: date | None = Field(default=None, description="report clock: publication date")
    published_inferred: bool = Field(
        default=False, description="true when the date is not stated by the source"
    )
    ingested_at: datetime | None = Field(default=None, description="ingest clock")
    source_path: str | None = None
    text: str = Field(default="", description="the text all evidence offsets index into")
    dropped: list[DroppedSpan] = Field(default_factory=list)
    extra: dict[str, str] = Field(default_factory=dict, description="front-matter keys kept as given")


class Actor(_Node):
    kind: Literal[NodeKind.ACTOR] = NodeKind.ACTOR
    name: str = Field(min_length=1)
    actor_kind: ActorKind
    country: str | None = Field(default=None, description="ISO3 of the state the actor belongs to")
    aliases: list[str] = Field(default_factory=list)
    parent_id: str | None = Field(default=None, description="the actor this one is PART_OF")
    role: str | None = Field(default=None, description="a person's role when the text gives it")

    @field_validator("country")
    @classmethod
    def _iso3(cls, v: str | None) -> str | None:
        return _check_iso3(v)


class Location(_Node):
    kind: Literal[NodeKind.LOCATION] = NodeKind.LOCATION
    name: str = Field(min_length=1)
    location_kind: LocationKind
    country: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    gazetteer_id: str | None = None
    precision_km: float | None = Field(default=None, ge=0, description="radius of uncertainty of lat/lon")
    aliases: list[str] = Field(default_factory=list)
    parent_id: str | None = None

    @field_validator("country")
    @classmethod
    def _iso3(cls, v: str | None) -> str | None:
        return _check_iso3(v)


class CasualtyFigure(_Data):
    """One source's figure for one incident: a numeric assertion, never overwritten by another."""

    killed: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    source: str = Field(description="article id or dataset row id giving the figure")
    note: str = ""


class Incident(_Node):
    kind: Literal[NodeKind.INCIDENT] = NodeKind.INCIDENT
    incident_type: IncidentType
    summary: str = ""
    killed: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    figures: list[CasualtyFigure] = Field(default_factory=list, description="every source's casualty figure")
    event_time: TimeSpan = Field(default_factory=TimeSpan.unknown, description="event clock")
    location_id: str | None = None
    dataset: str | None = Field(
        default=None, description="acled|ucdp|gdelt when the incident comes from a dataset"
    )
    dataset_ref: str | None = None
    original_type: str | None = Field(default=None, description="the source's own type label, kept as given")
    reports: list[IncidentReport] = Field(
        default_factory=list,
        description="when several sources' incidents were resolved into this one (loaders.resolve): each "
        "source's incident and edges as given, so the merge can be recomputed or split",
    )
    merges: list[MergeLink] = Field(default_factory=list, description="why the reports were merged")
    kept_apart: list[str] = Field(
        default_factory=list, description="incident ids a user split from this one: never merged again"
    )


class MergeLink(_Data):
    """One link that joined two reports of an incident (or an article and a dataset incident): the
    feature scores (0..1) and the sources joined."""

    a: str
    b: str
    sources: list[str] = Field(default_factory=list, description="the articles / dataset rows joined")
    type: float
    time: float
    place: float
    actors: float
    score: float
    reasons: str = ""


class IncidentReport(_Data):
    """One source's incident with its own edges, kept on the incident it was resolved into."""

    node: Incident
    edges: list[Edge] = Field(default_factory=list)


class ClaimReport(_Data):
    """One source's claim with its own edges, kept on the claim it was resolved into."""

    node: Claim
    edges: list[Edge] = Field(default_factory=list)


class Claim(_Node):
    kind: Literal[NodeKind.CLAIM] = NodeKind.CLAIM
    claimant_id: str | None = None
    stance: Stance
    target_id: str | None = None
    about_id: str | None = Field(default=None, description="an Incident id or a Claim id")
    quote: str = ""
    claim_time: TimeSpan = Field(default_factory=TimeSpan.unknown, description="claim clock")
    negated: bool = False
    hypothetical: bool = False
    reported: bool = Field(default=True, description="reported speech rather than the article's own voice")
    repeats: list[TimeSpan] = Field(
        default_factory=list, description="later dates the same claim was made again"
    )
    reports: list[ClaimReport] = Field(
        default_factory=list,
        description="when several sources' claims were resolved into this one (loaders.resolve): each "
        "source's claim and edges as given",
    )


Node = Annotated[Article | Actor | Location | Incident | Claim, Field(discriminator="kind")]
NODE_CLASSES: dict[NodeKind, type[_Node]] = {
    NodeKind.ARTICLE: Article,
    NodeKind.ACTOR: Actor,
    NodeKind.LOCATION: Location,
    NodeKind.INCIDENT: Incident,
    NodeKind.CLAIM: Claim,
}

EDGE_ENDPOINTS: dict[EdgeType, tuple[frozenset[NodeKind], frozenset[NodeKind]]] = {
    EdgeType.ACCUSES: (frozenset({NodeKind.ACTOR}), frozenset({NodeKind.ACTOR})),
    EdgeType.DENIES: (frozenset({NodeKind.ACTOR}), frozenset({NodeKind.CLAIM})),
    EdgeType.OCCURRED_NEAR: (frozenset({NodeKind.INCIDENT}), frozenset({NodeKind.LOCATION})),
    EdgeType.MADE: (frozenset({NodeKind.ACTOR}), frozenset({NodeKind.CLAIM})),
    EdgeType.ABOUT: (frozenset({NodeKind.CLAIM}), frozenset({NodeKind.INCIDENT, NodeKind.CLAIM})),
    EdgeType.INVOLVES: (frozenset({NodeKind.INCIDENT}), frozenset({NodeKind.ACTOR})),
    EdgeType.PART_OF: (
        frozenset({NodeKind.ACTOR, NodeKind.LOCATION}),
        frozenset({NodeKind.ACTOR, NodeKind.LOCATION}),
    ),
    EdgeType.REPORTED_IN: (
        frozenset({NodeKind.ACTOR, NodeKind.LOCATION, NodeKind.INCIDENT, NodeKind.CLAIM}),
        frozenset({NodeKind.ARTICLE}),
    ),
    EdgeType.SAME_STORY: (frozenset({NodeKind.ARTICLE}), frozenset({NodeKind.ARTICLE})),
    EdgeType.SAME_AS: (frozenset({NodeKind.INCIDENT}), frozenset({NodeKind.INCIDENT})),
}


class Edge(_Data):
    """A typed, evidenced relationship. ``props`` holds the type's scalar attributes
    (``claim_id`` on ACCUSES, ``distance_km`` on OCCURRED_NEAR, ``role`` on INVOLVES, ...)."""

    id: str = ""
    type: EdgeType
    source: str
    target: str
    props: dict[str, str | int | float | bool | None] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)

    @model_validator(mode="after")
    def _fill_id(self) -> Edge:
        if not self.id:
            self.id = edge_id(
                self.type, self.source, self.target, self.props.get("claim_id"), self.props.get("role")
            )
        return self


Incident.model_rebuild()
IncidentReport.model_rebuild()
ClaimReport.model_rebuild()
Claim.model_rebuild()


def check_endpoints(edge: Edge, source_kind: NodeKind, target_kind: NodeKind) -> None:
    """Refuse an edge whose endpoints are not of the allowed kinds.

    >>> e = Edge(type=EdgeType.DENIES, source="a", target="b")
    >>> check_endpoints(e, NodeKind.ACTOR, NodeKind.INCIDENT)
    Traceback (most recent call last):
    ...
    graph.errors.ValidationError: DENIES goes from Actor to Claim; got Actor -> Incident (a -> b)
    """
    allowed_src, allowed_dst = EDGE_ENDPOINTS[edge.type]
    if source_kind not in allowed_src or target_kind not in allowed_dst:
        raise ValidationError(
            f"{edge.type.value} goes from {'|'.join(sorted(k.value for k in allowed_src))} to "
            f"{'|'.join(sorted(k.value for k in allowed_dst))}; got {source_kind.value} -> "
            f"{target_kind.value} ({edge.source} -> {edge.target})"
        )


class ArticleGraph(_Data):
    """Everything one article (or one dataset row) contributes: written to a store all or nothing."""

    article: Article | None = None
    nodes: list[Node] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)
    source_key: str = Field(default="", description="ledger key: the article id or a dataset row hash")

    def validate_edges(self, known: dict[str, NodeKind] | None = None) -> None:
        """Check every edge's endpoints against the nodes here (and ``known`` ids from the store)."""
        kinds: dict[str, NodeKind] = dict(known or {})
        if self.article is not None:
            kinds[self.article.id] = NodeKind.ARTICLE
        for n in self.nodes:
            kinds[n.id] = n.kind
        for e in self.edges:
            if e.source not in kinds or e.target not in kinds:
                missing = e.source if e.source not in kinds else e.target
                raise ValidationError(f"{e.type.value} edge refers to unknown node {missing!r}")
            check_endpoints(e, kinds[e.source], kinds[e.target])


# --- deterministic ids -------------------------------------------------------------------------

_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Casefolded, NFKC, whitespace-collapsed text used for keys and alias matching.

    >>> normalise("  The  Kremlin\\n")
    'the kremlin'
    """
    if len(text) <= _NAME_LENGTH:
        return _normalise_name(text)
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


# Names and aliases are normalised again at every mention (tens of thousands of calls per hundred
# articles, NFKC and a regex each), so short texts are cached; a whole article's text (article_id) is not.
_NAME_LENGTH = 200


@lru_cache(maxsize=1 << 15)
def _normalise_name(text: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def stable_hash(*parts: object, length: int = 16) -> str:
    # Strings (ids, names, StrEnum members, whose str() is their content) and None are joined in C;
    # anything else (numbers) makes join raise, and goes the long way.
    texts: Any = parts if None not in parts else ["" if p is None else p for p in parts]
    try:
        joined = "\x1f".join(texts)
    except TypeError:
        joined = "\x1f".join(["" if p is None else str(p) for p in parts])
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def article_id(text: str) -> str:
    """Id of an article: hash of its normalised text."""
    return "art_" + stable_hash(normalise(text))


def actor_id(kind: str, country: str | None, name: str) -> str:
    """Canonical actor key: kind + country + normalised name, so homonyms of another kind stay apart."""
    return "act_" + stable_hash(kind, country or "", normalise(name))


def location_id(kind: str, country: str | None, name: str, gazetteer_id: str | None = None) -> str:
    return "loc_" + stable_hash(
        gazetteer_id or "",
        kind if not gazetteer_id else "",
        country or "",
        normalise(name) if not gazetteer_id else "",
    )


def incident_id(source_key: str, *parts: object) -> str:
    return "inc_" + stable_hash(source_key, *parts)


def claim_id(source_key: str, *parts: object) -> str:
    return "clm_" + stable_hash(source_key, *parts)


def edge_id(etype: EdgeType | str, source: str, target: str, *discriminators: object) -> str:
    # str() of an EdgeType (a StrEnum) is its value, as stable_hash needs.
    return "e_" + stable_hash(etype, source, target, *discriminators)


def _check_iso3(v: str | None) -> str | None:
    if v is None:
        return None
    if not re.fullmatch(r"[A-Z]{3}", v):
        raise ValidationError(f"country must be an ISO3 code like 'AZE', got {v!r}")
    return v


def node_from_dict(data: dict[str, Any]) -> Node:
    """Rebuild a node from its JSON form (``model_dump(mode='json')``)."""
    kind = NodeKind(data["kind"])
    cls = NODE_CLASSES[kind]
    return cls.model_validate(data)  # type: ignore[return-value]


# --- building models from values already validated ----------------------------------------------

_M = TypeVar("_M", bound=BaseModel)
_MISSING: Any = object()


class _Plan:
    """How :func:`trusted` fills one class: its defaults in field order, the fields to fill by a factory
    or to require, and the set of all field names that every instance it builds shares."""

    def __init__(self, cls: type[BaseModel]) -> None:
        self.template: dict[str, Any] = {}
        self.fill: list[tuple[str, Any]] = []  # (name, factory or None when required)
        for name, f in cls.model_fields.items():
            if f.default_factory is not None:
                self.fill.append((name, f.default_factory))
                self.template[name] = _MISSING
            elif f.is_required():
                self.fill.append((name, None))
                self.template[name] = _MISSING
            else:
                self.template[name] = f.default
        self.all_fields = set(cls.model_fields)
        self.size = len(self.template)
        # Fields a caller must give or a factory fills: when the caller gave them all, nothing to fill.
        self.filled = frozenset(name for name, _ in self.fill)


_PLANS: dict[type, _Plan] = {}
# pydantic's instance slots, set through their descriptors (cheaper than object.__setattr__ by name).
_SET_DICT = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__


def trusted(cls: type[_M], **values: Any) -> _M:
    """An instance of ``cls`` from values that are already valid: no validation runs.

    For the hot paths that build hundreds of thousands of models from values they checked themselves
    (the dataset loaders, the embedded store's merges). It does what ``model_construct`` does at a third
    of its cost, and every instance of a class shares one set of "fields set" (all of them, as after a
    JSON round trip), which saves about 700 bytes per instance. Missing fields take their defaults.

    >>> e = trusted(Evidence, article_id="art_1", quote="absolute lies")
    >>> e == Evidence(article_id="art_1", quote="absolute lies"), e.start
    (True, None)
    """
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    data = plan.template.copy()  # field order kept: update() leaves existing keys where they are
    data.update(values)
    if len(data) != plan.size:
        unknown = sorted(set(values) - set(plan.template))
        raise TypeError(f"{cls.__name__} has no field {', '.join(unknown)}")
    if not values.keys() >= plan.filled:
        for name, factory in plan.fill:
            if data[name] is _MISSING:
                if factory is None:
                    raise TypeError(f"{cls.__name__}: field {name!r} is required")
                data[name] = factory()
    m = cls.__new__(cls)
    # The attributes model_construct sets (pydantic's documented instance state).
    _SET_DICT(m, data)
    _SET_FIELDS_SET(m, plan.all_fields)
    _SET_EXTRA(m, None)
    _SET_PRIVATE(m, None)
    return m


_EDGE_FIELDS = set(Edge.model_fields)  # shared, as trusted() shares one set per class


def trusted_edge(
    edge_id: str,
    etype: EdgeType,
    source: str,
    target: str,
    props: dict[str, str | int | float | bool | None],
    evidence: list[Evidence],
) -> Edge:
    """:func:`trusted` for an Edge, every field given: the store and the dataset loaders make hundreds of
    thousands, and a dict built in place costs half of the generic path.

    >>> e = trusted_edge("e_1", EdgeType.MADE, "act_1", "clm_1", {}, [])
    >>> e == trusted(Edge, id="e_1", type=EdgeType.MADE, source="act_1", target="clm_1")
    True
    """
    m = Edge.__new__(Edge)
    _SET_DICT(
        m,
        {
            "id": edge_id,
            "type": etype,
            "source": source,
            "target": target,
            "props": props,
            "evidence": evidence,
        },
    )
    _SET_FIELDS_SET(m, _EDGE_FIELDS)
    _SET_EXTRA(m, None)
    _SET_PRIVATE(m, None)
    return m


def trusted_fields(cls: type[_M], data: dict[str, Any]) -> _M:
    """:func:`trusted` from a dict holding every field of ``cls`` (no defaults filled; the dict becomes
    the instance's own): for the hottest loader paths, where a dict display costs a fraction of
    keyword arguments. Raises TypeError when a field is missing or unknown.

    >>> e = trusted_fields(Evidence, {"article_id": "art_1", "sentence": None, "start": None,
    ...                               "end": None, "quote": "absolute lies"})
    >>> e == trusted(Evidence, article_id="art_1", quote="absolute lies")
    True
    """
    plan = _PLANS.get(cls)
    if plan is None:
        plan = _PLANS[cls] = _Plan(cls)
    if len(data) != plan.size or not data.keys() >= plan.template.keys():
        raise TypeError(f"{cls.__name__} needs exactly the fields {', '.join(plan.template)}")
    m = cls.__new__(cls)
    _SET_DICT(m, data)
    _SET_FIELDS_SET(m, plan.all_fields)
    _SET_EXTRA(m, None)
    _SET_PRIVATE(m, None)
    return m
