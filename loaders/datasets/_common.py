"""Shared plumbing of the dataset loaders: streaming readers with a byte progress bar, per-row error
reporting, country codes, and the provenance nodes every dataset row points to.

Provenance. A dataset row is not an article, so no Article node is made per row. Instead:

- the row's own words (ACLED notes, UCDP source citations) are Evidence on the row's Incident with
  ``article_id = "<dataset>:<row id>"`` (for example ``acled:AZE1234``);
- REPORTED_IN edges point to one Article node per (dataset, named source): ACLED's ``source`` and UCDP's
  ``source_office`` cells name the outlets ("Azatutyun; Trend"), each becomes an Article with
  ``outlet`` = that name and ``extra = {"dataset": ..., "outlet": ...}``; a row with no source points to
  the dataset's own Article ("ACLED"). GDELT rows point to one Article per source URL, a real article.

Dataset Articles carry no text. Their ``published`` is the date the dataset says the row was published
or recorded, flagged ``published_inferred`` (it is not the outlet's own date): ACLED's ``timestamp`` (upload
time, epoch seconds, UTC day), UCDP's ``source_date`` paired with ``source_office`` by position, GDELT's
``DATEADDED`` / ``MentionTimeDate``. A source Article is one per (dataset, outlet, that date), so
``--as-of`` sees a row from the day the dataset published it. A row without such a field points to an
undated source Article, which an ``--as-of`` query leaves out (nothing says it was known by then).

Nodes shared between rows (actors, states, source Articles, PART_OF edges) are built once and the same
instances appear in many yielded graphs, which keeps parsing fast: treat yielded graphs as read-only.
"""

from __future__ import annotations

import io
import re
from collections.abc import Collection, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from functools import lru_cache
from hashlib import sha256
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

import pycountry
from pydantic import BaseModel

from graph.errors import InputError
from graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    CasualtyFigure,
    Edge,
    EdgeType,
    Evidence,
    Incident,
    IncidentReport,
    Location,
    LocationKind,
    MergeLink,
    Node,
    NodeKind,
    TimeSpan,
    actor_id,
    incident_id,
    location_id,
    stable_hash,
    trusted_fields,
)
from graph.taxonomy import IncidentType

if TYPE_CHECKING:
    from rich.progress import Progress

# Entries per cache of shared nodes: enough for a dataset's recurring actors, places and outlets, and a
# bound on memory (a few MB) however long the file.
CACHE_SIZE = 4096
# Places recur less than actors (a country's file names tens of thousands of them, each at up to three
# precisions); a place missing from the cache is rebuilt and hashed again.
PLACE_CACHE_SIZE = 32768

DATASET_LABELS = {"acled": "ACLED", "ucdp": "UCDP GED", "gdelt": "GDELT"}

# Update the progress bar every this many lines: a rich refresh per line would cost more than the parse.
_PROGRESS_EVERY = 500


class LineSource:
    """Lines of a text file read in a stream, with a byte-based progress bar on stderr.

    ``lines()`` yields decoded lines (newline kept, as csv wants). Undecodable bytes come through as lone
    surrogates (``errors="surrogateescape"``) so one bad row is reported by :func:`check_utf8` and the
    rest of the file still loads.
    """

    def __init__(self, raw: BinaryIO, total: int, progress: Progress | None, task: int | None) -> None:
        self._raw = raw
        self.total = total
        self._progress = progress
        self._task = task
        self.text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")

    def lines(self) -> Iterator[str]:
        for n, line in enumerate(self.text, start=1):
            if self._progress is not None and self._task is not None and n % _PROGRESS_EVERY == 0:
                self._progress.update(self._task, completed=self._raw.tell())  # type: ignore[arg-type]
            yield line
        self.finish()

    def read(self, size: int) -> str:
        chunk = self.text.read(size)
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=self._raw.tell())  # type: ignore[arg-type]
        return chunk

    def finish(self) -> None:
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, completed=self.total)  # type: ignore[arg-type]


@contextmanager
def open_source(path: Path, progress: bool, label: str) -> Iterator[LineSource]:
    """Open ``path`` for streaming; with ``progress`` a rich bar (by bytes read) runs on stderr."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 - closed below, after the generator is exhausted
    except OSError as exc:
        raise InputError(str(path), f"cannot read the file: {exc.strerror or exc}") from exc
    total = path.stat().st_size
    bar: Progress | None = None
    task: int | None = None
    if progress:
        # rich is imported only for a bar: it is a tenth of a second of every load otherwise.
        from rich.console import Console
        from rich.errors import LiveError
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )

        bar = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TransferSpeedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        try:
            bar.start()
        except LiveError:  # the caller already shows a live display (its own bar): go without ours
            bar = None
        else:
            task = int(bar.add_task(f"{label} {path.name}", total=total))
    try:
        yield LineSource(raw, total, bar, task)
    finally:
        if bar is not None:
            bar.stop()
        raw.close()


def check_utf8(values: Iterable[str]) -> str | None:
    """A problem message when a row holds bytes that were not UTF-8 (decoded as lone surrogates)."""
    if not isinstance(values, list):
        values = list(values)
    try:
        "".join(values).encode("utf-8")  # the common case: one C call for the whole row
        return None
    except UnicodeEncodeError:
        pass
    for v in values:
        try:
            v.encode("utf-8")
        except UnicodeEncodeError as exc:
            bad = v[exc.start : exc.end].encode("utf-8", "surrogateescape")
            return f"bytes {bad!r} are not valid UTF-8"
    return None


def parse_int(value: str, column: str) -> int | None:
    """An integer cell; empty means unknown (None). ``'6.0'`` (spreadsheet re-exports) is accepted."""
    v = value.strip()
    if not v:
        return None
    try:
        n = int(v)
    except ValueError:
        pass
    else:
        if n < 0:
            raise ValueError(f"{column} {value!r} is negative")
        return n
    try:
        f = float(v)
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a whole number") from None
    if not f.is_integer() or f < 0:
        raise ValueError(f"{column} {value!r} is not a whole number")
    return int(f)


def parse_coord(value: str, column: str, limit: float) -> float | None:
    v = value.strip()
    if not v:
        return None
    try:
        f = float(v)
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a number") from None
    if not -limit <= f <= limit:
        raise ValueError(f"{column} {value!r} is outside -{limit:g}..{limit:g}")
    return f


# --- countries --------------------------------------------------------------------------------

_PARENS = re.compile(r"\s*\([^)]*\)\s*$")


@lru_cache(maxsize=4096)
def iso3_of(name_or_code: str) -> str | None:
    """ISO3 of a country name, ISO2/ISO3 code or ISO numeric code, through pycountry; None when unknown.

    A name pycountry does not know exactly (ACLED writes 'Russia', 'Iran') is looked up with pycountry's
    fuzzy search and accepted only when exactly one country's own names contain it.

    >>> iso3_of("Azerbaijan"), iso3_of("031"), iso3_of("Russia"), iso3_of("Kosovo")
    ('AZE', 'AZE', 'RUS', None)
    """
    v = _PARENS.sub("", name_or_code.strip())
    if not v:
        return None
    if v.isdigit():
        c = pycountry.countries.get(numeric=v.zfill(3))
        return str(c.alpha_3) if c is not None else None
    try:
        return str(pycountry.countries.lookup(v).alpha_3)
    except LookupError:
        pass
    if len(v) < 4:
        return None
    try:
        found = pycountry.countries.search_fuzzy(v)
    except LookupError:
        return None
    # search_fuzzy also matches subdivisions ('Kosovo' gives Serbia): accept only a country whose own
    # names contain the query.
    wanted = v.casefold()
    named = [
        c
        for c in found
        if any(
            wanted in str(getattr(c, f, "") or "").casefold()
            for f in ("name", "official_name", "common_name")
        )
    ]
    return str(named[0].alpha_3) if len(named) == 1 else None


@lru_cache(maxsize=CACHE_SIZE)
def state_actor(iso3: str, name: str) -> Actor:
    """The state actor a dataset actor is PART_OF. Same id as an article's state actor of that name."""
    return Actor(
        id=actor_id(ActorKind.STATE.value, iso3, name), name=name, actor_kind=ActorKind.STATE, country=iso3
    )


# --- provenance -------------------------------------------------------------------------------


def split_cell(value: str) -> list[str]:
    """A multi-value cell ('A; B;A') as its distinct non-empty parts, in order."""
    return list(dict.fromkeys(p.strip() for p in value.split(";") if p.strip()))


@lru_cache(maxsize=CACHE_SIZE)
def dataset_article(dataset: str, outlet: str | None, published: date | None = None) -> Article:
    """The Article node standing for one named source of a dataset (or the dataset itself), as the
    dataset published or recorded it on ``published`` (None: the row does not say when).

    >>> a = dataset_article("acled", "Azatutyun", date(2023, 9, 27))
    >>> a.title, a.published, a.published_inferred
    ('ACLED source: Azatutyun', datetime.date(2023, 9, 27), True)
    """
    label = DATASET_LABELS[dataset]
    # The undated node keeps the id it had before dates were read, so older stores stay consistent.
    day = () if published is None else (published.isoformat(),)
    if outlet:
        return Article(
            id="art_" + stable_hash("dataset-source", dataset, outlet.strip().casefold(), *day),
            title=f"{label} source: {outlet}",
            outlet=outlet,
            published=published,
            published_inferred=published is not None,
            extra={"dataset": dataset, "outlet": outlet},
        )
    return Article(
        id="art_" + stable_hash("dataset", dataset, *day),
        title=label,
        outlet=label,
        published=published,
        published_inferred=published is not None,
        extra={"dataset": dataset},
    )


def parse_epoch_day(value: str, column: str) -> date | None:
    """The UTC day of a Unix time cell ('1695801600' -> 2023-09-27); empty means unknown (None).

    >>> parse_epoch_day("1695801600", "timestamp")
    datetime.date(2023, 9, 27)
    """
    seconds = parse_int(value, column)
    if seconds is None:
        return None
    try:
        return datetime.fromtimestamp(seconds, tz=UTC).date()
    except (OverflowError, OSError, ValueError):
        raise ValueError(f"{column} {value!r} is not a Unix time") from None


def row_ref(dataset: str, ref: str) -> str:
    """The evidence ``article_id`` of a dataset row: ``acled:AZE1234``."""
    return f"{dataset}:{ref}"


def row_key(dataset: str, ref: str, values: Collection[str]) -> str:
    """Ingest-ledger key of a row: dataset + row id + content, so an updated row is ingested again.

    ``stable_hash(dataset, ref, stable_hash(*values, length=32), length=24)``, with the hashes taken
    here: a row's cells are strings, so the checks stable_hash makes for other values are not needed.

    >>> row_key("acled", "AZE1", ["AZE1", "", "x"]) == "ds_" + stable_hash(
    ...     "acled", "AZE1", stable_hash("AZE1", "", "x", length=32), length=24)
    True
    """
    try:
        content = sha256("\x1f".join(values).encode("utf-8")).hexdigest()[:32]
    except TypeError:  # a cell that is not a string (a caller's own mapping): the general path
        content = stable_hash(*values, length=32)
    joined = f"{dataset}\x1f{ref}\x1f{content}"
    return "ds_" + sha256(joined.encode("utf-8")).hexdigest()[:24]


def finish_graph(nodes: list[Node], edges: list[Edge], source_key: str) -> ArticleGraph:
    """One row's graph: nodes and edges deduplicated by id (first wins; rows repeat shared nodes)."""
    # Most rows repeat no id: one set of the ids tells, and the lists are kept as they are.
    if len({n.id for n in nodes}) != len(nodes):
        seen_nodes: dict[str, Node] = {}
        for n in nodes:
            seen_nodes.setdefault(n.id, n)
        nodes = list(seen_nodes.values())
    if len({e.id for e in edges}) != len(edges):
        seen_edges: dict[str, Edge] = {}
        for e in edges:
            if e.id in seen_edges:
                old = seen_edges[e.id]
                extra = [ev for ev in e.evidence if ev not in old.evidence]
                if extra:  # copy: shared edge instances are never mutated
                    seen_edges[e.id] = old.model_copy(update={"evidence": [*old.evidence, *extra]})
            else:
                seen_edges[e.id] = e
        edges = list(seen_edges.values())
    # Every node and edge was validated (or built from checked values) already; validating the
    # container would re-run the validators of every nested model, so it is only constructed. The edge
    # endpoints are checked where it counts: every store checks them before it writes a graph.
    return trusted_fields(
        ArticleGraph,
        {
            "article": None,
            "nodes": nodes,
            "edges": edges,
            "source_key": source_key,
        },
    )


Props = dict[str, str | int | float | bool | None]


def fast_edge(
    etype: EdgeType,
    source: str,
    target: str,
    props: Props | None = None,
    evidence: list[Evidence] | None = None,
) -> Edge:
    """An Edge built without pydantic re-validation, its id computed as ``Edge`` would.

    Every argument comes from this package (an EdgeType member, ids, scalar props, built Evidence), so
    validation would only re-check known values, and it costs a fifth of the parse time of a row.

    >>> e = fast_edge(EdgeType.INVOLVES, "inc_1", "act_1", {"role": "victim"})
    >>> e == Edge(type=EdgeType.INVOLVES, source="inc_1", target="act_1", props={"role": "victim"})
    True
    """
    p = props if props is not None else {}
    claim, role = p.get("claim_id"), p.get("role")
    # edge_id() inlined (ids, a claim id and a role are strings): this runs for every edge of every row.
    joined = "\x1f".join((etype, source, target, claim or "", role or ""))  # type: ignore[arg-type]
    # trusted_edge() inlined too, for the same reason.
    m = _new_edge(Edge)
    _set_dict(
        m,
        {
            "id": "e_" + sha256(joined.encode("utf-8")).hexdigest()[:16],
            "type": etype,
            "source": source,
            "target": target,
            "props": p,
            "evidence": evidence if evidence is not None else _NO_EVIDENCE,
        },
    )
    _set_fields_set(m, _EDGE_FIELDS)
    _set_extra(m, None)
    _set_private(m, None)
    return m


_new_edge = Edge.__new__
# What trusted_edge() sets on a model (pydantic's documented instance state), through the descriptors.
_set_dict = BaseModel.__dict__["__dict__"].__set__
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__
_EDGE_FIELDS = set(Edge.model_fields)


# The evidence list of every dataset edge that has none: one shared, read-only list instead of one per
# edge (a 100k-row file has about half a million such edges). Merges make new lists, never append.
_NO_EVIDENCE: list[Evidence] = []


@lru_cache(maxsize=CACHE_SIZE)
def part_of(child: str, parent: str) -> Edge:
    """The PART_OF edge of an actor to its state (cached: shared by every row naming the actor)."""
    return fast_edge(EdgeType.PART_OF, child, parent)


@lru_cache(maxsize=CACHE_SIZE)
def shared_props(**props: str | int | float | bool | None) -> Props:
    """One dict per distinct set of edge properties, shared by every edge that has it (an INVOLVES role,
    an OCCURRED_NEAR precision): a 100k-row file then holds a handful of dicts, not 300k. Read-only."""
    return dict(props)


@lru_cache(maxsize=64)
def _near_props(precision_km: float | None) -> Props:
    """The OCCURRED_NEAR props of a dataset place (a positional cache: shared_props' keywords cost more
    than the lookup, once per row)."""
    return shared_props(distance_km=None, precision_km=precision_km)


def row_evidence(article_id: str, quote: str) -> Evidence:
    """Evidence of a dataset row (no offsets: the row is not an article text)."""
    return trusted_fields(
        Evidence, {"article_id": article_id, "sentence": None, "start": None, "end": None, "quote": quote}
    )


def geo_location(
    key: str,
    name: str,
    kind: LocationKind,
    country: str | None,
    lat: float,
    lon: float,
    precision_km: float | None,
    *,
    suffix: str = "",
    aliases: tuple[str, ...] = (),
) -> Location:
    """A place as a dataset geocodes it. The id is keyed by ``key`` (the name as the dataset spells it),
    the coordinates and ``suffix`` (the dataset's precision code where it has one), since datasets reuse
    names. Values come from the row parsers (range-checked coordinates, ISO3 codes). Not cached: each
    loader caches its places by the cells they come from, one lookup per row.

    >>> loc = geo_location("Goma", "Goma", LocationKind.CITY, "COD", -1.6792, 29.2228, 5.0, suffix="~1")
    >>> loc.id == location_id("city", "COD", "Goma@-1.6792,29.2228~1"), loc.precision_km
    (True, 5.0)
    """
    return trusted_fields(
        Location,
        {
            "id": location_id(kind.value, country, f"{key}@{lat:.4f},{lon:.4f}{suffix}"),
            "evidence": [],
            "kind": NodeKind.LOCATION,
            "name": name,
            "location_kind": kind,
            "country": country,
            "lat": lat,
            "lon": lon,
            "gazetteer_id": None,
            "precision_km": precision_km,
            "aliases": list(aliases),
            "parent_id": None,
        },
    )


class ActorBlock(NamedTuple):
    """An actor with the states it is PART_OF: its nodes and PART_OF edges, built once and shared by the
    rows that name it (read-only).

    >>> a = state_actor("AZE", "Azerbaijan")
    >>> b = ActorBlock.of(a, ())
    >>> b.actor is a, len(b.nodes), b.part_of
    (True, 1, ())
    """

    actor: Actor
    nodes: tuple[Node, ...]
    part_of: tuple[Edge, ...]

    @staticmethod
    def of(actor: Actor, parents: Iterable[Actor]) -> ActorBlock:
        parents = tuple(parents)
        return ActorBlock(actor, (actor, *parents), tuple(part_of(actor.id, p.id) for p in parents))


_NO_REPORTS: list[IncidentReport] = []
_NO_MERGES: list[MergeLink] = []
_NO_IDS: list[str] = []


class RowGraph:
    """The graph of one dataset row under construction: the blocks every loader builds the same way
    (the incident at its place, actors with the states they are PART_OF, the source articles).

    >>> from datetime import date
    >>> from graph.model import TimeSpan
    >>> from graph.taxonomy import IncidentType
    >>> row = RowGraph("acled", "AZE1")
    >>> inc = row.incident(IncidentType.SHELLING, TimeSpan.day(date(2023, 9, 19)), original_type="Shelling")
    >>> row.reported_in(inc.id, [dataset_article("acled", None)], {"dataset": "acled", "ref": "AZE1"})
    >>> g = row.graph(["AZE1"])
    >>> sorted(n.kind.value for n in g.nodes), [e.type.value for e in g.edges]
    (['Article', 'Incident'], ['REPORTED_IN'])
    """

    def __init__(self, dataset: str, ref: str) -> None:
        self.dataset = dataset
        self.ref = ref
        self.ev_ref = row_ref(dataset, ref)
        self.nodes: list[Node] = []
        self.edges: list[Edge] = []

    def incident(
        self,
        incident_type: IncidentType,
        event_time: TimeSpan,
        *,
        original_type: str,
        summary: str = "",
        killed: int | None = None,
        figures: list[CasualtyFigure] | None = None,
        location: Location | None = None,
        evidence: list[Evidence] | None = None,
    ) -> Incident:
        """The row's Incident (id from dataset + row id), with OCCURRED_NEAR its location when known.
        The values come from the row parsers, which checked them (counts >= 0, valid time spans)."""
        inc = trusted_fields(
            Incident,
            {
                "id": incident_id(self.dataset, self.ref),
                "evidence": evidence if evidence is not None else [],
                "kind": NodeKind.INCIDENT,
                "incident_type": incident_type,
                "summary": summary,
                "killed": killed,
                "injured": None,
                "figures": figures if figures is not None else [],
                "event_time": event_time,
                "location_id": location.id if location is not None else None,
                "dataset": self.dataset,
                "dataset_ref": self.ref,
                "original_type": original_type,
                # Filled by the resolution pass (which assigns new lists); empty and shared until then.
                "reports": _NO_REPORTS,
                "merges": _NO_MERGES,
                "kept_apart": _NO_IDS,
            },
        )
        self.nodes.append(inc)
        if location is not None:
            self.nodes.append(location)
            near = _near_props(location.precision_km)
            self.edges.append(fast_edge(EdgeType.OCCURRED_NEAR, inc.id, location.id, near))
        return inc

    def actor(
        self,
        actor: Actor,
        parents: Iterable[Actor] = (),
        *,
        involved_in: str | None = None,
        props: Props | None = None,
        evidence: list[Evidence] | None = None,
    ) -> None:
        """An actor with the states it is PART_OF, and INVOLVES from ``involved_in`` (an incident id)."""
        self.nodes.append(actor)
        for p in parents:
            self.nodes.append(p)
            self.edges.append(part_of(actor.id, p.id))
        if involved_in is not None:
            self.edges.append(fast_edge(EdgeType.INVOLVES, involved_in, actor.id, props, evidence))

    def block(
        self,
        block: ActorBlock,
        involved_in: str,
        props: Props | None = None,
        evidence: list[Evidence] | None = None,
    ) -> None:
        """:meth:`actor` from a prebuilt :class:`ActorBlock` (the loaders cache one per distinct actor
        cell): only the INVOLVES edge is the row's own."""
        self.nodes.extend(block.nodes)
        self.edges.extend(block.part_of)
        self.edges.append(fast_edge(EdgeType.INVOLVES, involved_in, block.actor.id, props, evidence))

    def reported_in(
        self, node_id: str, articles: list[Article], props: Props, evidence: list[Evidence] | None = None
    ) -> None:
        """REPORTED_IN from ``node_id`` to each source article (one props dict for the row's edges)."""
        self.nodes.extend(articles)
        self.edges.extend(reported_in(node_id, articles, props, evidence))

    def graph(self, values: Collection[str]) -> ArticleGraph:
        """The finished graph; ``values`` (the row's cells) key it in the ingest ledger."""
        return finish_graph(self.nodes, self.edges, row_key(self.dataset, self.ref, values))


def reported_in(
    node_id: str, articles: list[Article], props: Props, evidence: list[Evidence] | None = None
) -> list[Edge]:
    # One props dict for the row's REPORTED_IN edges (they carry the same row reference; read-only).
    return [fast_edge(EdgeType.REPORTED_IN, node_id, a.id, props, evidence) for a in articles]
