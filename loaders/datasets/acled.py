"""ACLED events (CSV export or the API's JSON ``{"data": [...]}``) as graphs, one per event row.

Columns are read by name, so both layouts load: the older one (numeric ``inter1``/``inter2``,
``data_id``, ``event_id_no_cnty``, ``iso3``) and the current one (text ``inter1``/``inter2`` such as
"State forces", ``interaction``, ``civilian_targeting``, ``tags``, ``timestamp``).

>>> from pathlib import Path
>>> fixture = Path(__file__).parents[2] / "tests/datasets/fixtures/acled_current.csv"
>>> g = next(read_acled(fixture))
>>> [n.kind.value for n in g.nodes][:2]
['Incident', 'Location']
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import InputError
from graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    CasualtyFigure,
    Location,
    LocationKind,
    Role,
    TimeSpan,
    actor_id,
    article_id,
    trusted_fields,
)
from graph.taxonomy import ACLED_SUB_EVENT_TO_TYPE, IncidentType
from loaders.datasets._common import (
    CACHE_SIZE,
    PLACE_CACHE_SIZE,
    ActorBlock,
    LineSource,
    Props,
    RowGraph,
    check_utf8,
    dataset_article,
    geo_location,
    iso3_of,
    open_source,
    parse_coord,
    parse_epoch_day,
    parse_int,
    row_evidence,
    shared_props,
    split_cell,
    state_actor,
)

if TYPE_CHECKING:
    from loaders.extract import Extractor

DATASET = "acled"
REQUIRED = ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "latitude", "longitude")

# ACLED geo_precision: 1 = the named town itself, 2 = near it / part of a region around it, 3 = only the
# larger region is known (coordinates of its capital). Radius of uncertainty in km (our reading).
GEO_PRECISION_KM = {1: 5.0, 2: 25.0, 3: 100.0}

# Older layout: numeric inter codes. Current layout: their labels.
INTER_CODES = {
    "0": "",
    "1": "State forces",
    "2": "Rebel group",
    "3": "Political militia",
    "4": "Identity militia",
    "5": "Rioters",
    "6": "Protesters",
    "7": "Civilians",
    "8": "External/Other forces",
}

_STATE_FORCE = re.compile(
    r"^(?:Military|Police|Naval|Air|Border|Security) Forces? of (?P<country>[^()]+?)"
    r"(?:\s*\(\d{4}-(?:\d{4})?\).*)?$"
)
_GOVERNMENT = re.compile(r"^Government of (?P<country>[^()]+?)(?:\s*\(\d{4}-(?:\d{4})?\).*)?$")
_GROUP_OF = re.compile(r"^(?P<group>[^()]+?)\s*\((?P<country>[^()]+)\)$")
_REGIME_YEARS = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
_ARMED_WORDS = re.compile(r"\b(?:militia|armed|rebels?|forces?|army|brigade|battalion|insurgents?)\b", re.I)
_POPULATION_GROUPS = re.compile(
    r"^(?:Civilians|Protesters|Protestors|Rioters|Refugees/IDPs|Women|Students|Journalists|Teachers|"
    r"Farmers|Workers|Labor Group|Health Workers|Lawyers|Prisoners|Fishers|Migrants|Children)\b",
    re.I,
)
_DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y")


def read_acled(
    path: Path, *, extract_notes: bool = False, progress: bool = False
) -> Iterator[ArticleGraph | InputError]:
    """Yield one graph per ACLED event, or an :class:`InputError` per bad row (and keep going)."""
    notes_extractor = _notes_extractor() if extract_notes else None
    with open_source(path, progress, "ACLED") as src:
        rows = _json_rows(src, path) if _looks_like_json(src) else _csv_rows(src, path)
        for item in rows:
            if isinstance(item, InputError):
                yield item
                continue
            line, row = item
            try:
                graph = acled_row_to_graph(row)
            except (ValueError, KeyError) as exc:
                yield InputError(str(path), str(exc), line=line)
                continue
            yield graph
            if notes_extractor is not None:
                yield from _extract_notes(notes_extractor, row, path, line)


def _looks_like_json(src: LineSource) -> bool:
    """Peek the first non-space character without consuming the stream."""
    buf = src.text.buffer  # the BufferedReader under the text wrapper
    head = buf.peek(64)[:64].lstrip(b"\xef\xbb\xbf \t\r\n")  # type: ignore[attr-defined]
    return head[:1] in (b"{", b"[")


def _csv_rows(src: LineSource, path: Path) -> Iterator[tuple[int, dict[str, str]] | InputError]:
    reader = csv.reader(src.lines())
    try:
        header = next(reader)
    except StopIteration:
        yield InputError(str(path), "empty file: no ACLED header row")
        return
    header = [h.strip().lower() for h in header]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        yield InputError(
            str(path),
            f"not an ACLED file: header lacks {', '.join(missing)} (has {', '.join(header[:8])}…)",
            1,
        )
        return
    last = reader.line_num
    while True:
        try:
            fields = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(str(path), f"unreadable CSV row: {exc}", line=last + 1)
            last = reader.line_num
            continue
        line, last = last + 1, reader.line_num
        if not fields:
            continue
        if len(fields) != len(header):
            yield InputError(
                str(path), f"row has {len(fields)} fields, the header has {len(header)}", line=line
            )
            continue
        problem = check_utf8(fields)
        if problem:
            yield InputError(str(path), problem, line=line)
            continue
        yield line, dict(zip(header, fields, strict=True))


def _json_rows(src: LineSource, path: Path) -> Iterator[tuple[int, dict[str, str]] | InputError]:
    """Events of an ACLED API response (``{"data": [...]}``) or a bare JSON array, one at a time.

    The stdlib has no incremental JSON parser; ``raw_decode`` on a sliding buffer reads one event object
    at a time so memory stays flat in the file size.
    """
    decoder = json.JSONDecoder()
    buf = ""
    pos = 0
    newlines = 0  # newlines consumed before buf[0], for line numbers
    eof = False

    def more() -> bool:
        nonlocal buf, pos, newlines, eof
        if eof:
            return False
        chunk = src.read(1 << 16)
        if not chunk:
            eof = True
            return False
        newlines += buf.count("\n", 0, pos)
        buf = buf[pos:] + chunk
        pos = 0
        return True

    def skip_ws() -> str:
        nonlocal pos
        while True:
            while pos < len(buf) and buf[pos] in " \t\r\n":
                pos += 1
            if pos < len(buf):
                return buf[pos]
            if not more():
                return ""

    def value() -> object:
        nonlocal pos
        skip_ws()
        while True:
            try:
                obj, end = decoder.raw_decode(buf, pos)
            except json.JSONDecodeError as exc:
                if more():
                    continue
                raise InputError(
                    str(path), f"broken JSON: {exc.msg}", line=newlines + buf.count("\n", 0, exc.pos) + 1
                ) from None
            # A number at the buffer's end may continue in the next chunk.
            if end == len(buf) and not eof and more():
                continue
            pos = end
            return obj

    def line_here() -> int:
        return newlines + buf.count("\n", 0, pos) + 1

    try:
        first = skip_ws()
        if first == "[":
            pos += 1
        elif first == "{":
            pos += 1
            while True:
                c = skip_ws()
                if c == "}":
                    yield InputError(str(path), 'ACLED JSON has no "data" array')
                    return
                if c == ",":
                    pos += 1
                    continue
                key = value()
                if skip_ws() != ":":
                    yield InputError(str(path), "broken JSON: expected ':'", line=line_here())
                    return
                pos += 1
                if key == "data":
                    if skip_ws() != "[":
                        yield InputError(str(path), '"data" is not an array', line=line_here())
                        return
                    pos += 1
                    break
                value()  # skip status, count, messages …
        else:
            yield InputError(str(path), "not ACLED JSON: expected an object or an array")
            return
        while True:
            c = skip_ws()
            if c == "]":
                return
            if c == ",":
                pos += 1
                continue
            if c == "":
                yield InputError(str(path), "broken JSON: the data array is not closed", line=line_here())
                return
            line = line_here()
            obj = value()
            if not isinstance(obj, dict):
                yield InputError(str(path), f"event is a {type(obj).__name__}, not an object", line=line)
                continue
            row = {str(k).lower(): "" if v is None else str(v) for k, v in obj.items()}
            missing = [col for col in REQUIRED if col not in row]
            if missing:
                yield InputError(str(path), f"event lacks {', '.join(missing)}", line=line)
                continue
            yield line, row
    except InputError as err:
        yield err


def acled_row_to_graph(row: Mapping[str, str]) -> ArticleGraph:
    """The graph of one ACLED event row (a dict of column name → cell text). Raises ValueError."""
    ref = row["event_id_cnty"].strip()
    if not ref:
        raise ValueError("event_id_cnty is empty")
    get = row.get
    event_type = row["event_type"].strip()
    itype, original_type = _kind(event_type, row["sub_event_type"].strip())
    when = _event_time(row["event_date"], get("time_precision", ""))
    fatalities = parse_int(get("fatalities", ""), "fatalities")
    lat = parse_coord(row["latitude"], "latitude", 90)
    lon = parse_coord(row["longitude"], "longitude", 180)
    if (lat is None) != (lon is None):
        raise ValueError("latitude and longitude must both be given or both be empty")
    geo_prec = _geo_precision(get("geo_precision", ""))
    event_country = _event_country(get("iso", ""), get("iso3", ""), get("country", ""))
    notes = get("notes", "").strip()
    g = RowGraph(DATASET, ref)
    place = get("location", "").strip()
    location = None
    if place and lat is not None and lon is not None:
        location = _location(place, lat, lon, geo_prec, event_country)
    inc = g.incident(
        itype,
        when,
        original_type=original_type,
        summary=notes,
        killed=fatalities,
        figures=[
            trusted_fields(
                CasualtyFigure,
                {"killed": fatalities, "injured": None, "source": g.ev_ref, "note": "ACLED fatalities"},
            )
        ]
        if fatalities is not None
        else None,
        location=location,
        evidence=[row_evidence(g.ev_ref, notes)] if notes else None,
    )
    for side, actor_col, assoc_col, inter_col in _SIDES:
        for block, props in _side_actors(
            side, get(actor_col, ""), get(assoc_col, ""), get(inter_col, ""), event_type
        ):
            g.block(block, inc.id, props)

    source_cell = get("source", "")
    # ACLED's upload time: when ACLED published the row, the report clock of an --as-of query.
    articles = _source_articles(source_cell, get("timestamp", ""))
    source_quote = [row_evidence(g.ev_ref, source_cell.strip())] if articles[0].extra.get("outlet") else None
    g.reported_in(inc.id, articles, {"dataset": DATASET, "ref": ref}, source_quote)
    return g.graph(row.values())


_SIDES = (("1", "actor1", "assoc_actor_1", "inter1"), ("2", "actor2", "assoc_actor_2", "inter2"))

# Row blocks that recur from row to row are built once per distinct cell value (cached), so a row costs
# what is its own: the incident, its edges and its evidence.


@lru_cache(maxsize=256)
def _kind(event_type: str, sub_event: str) -> tuple[IncidentType, str]:
    """Our type of an ACLED event type pair, and the pair as given (one string per pair, shared)."""
    key = sub_event.casefold().replace("protestors", "protesters")
    return ACLED_SUB_EVENT_TO_TYPE.get(key, IncidentType.OTHER), f"{event_type} / {sub_event}"


@lru_cache(maxsize=64)
def _geo_precision(value: str) -> int | None:
    geo_prec = parse_int(value, "geo_precision")
    if geo_prec is not None and geo_prec not in GEO_PRECISION_KM:
        raise ValueError(f"geo_precision {geo_prec} is not one of 1, 2, 3")
    return geo_prec


@lru_cache(maxsize=CACHE_SIZE)
def _event_country(iso: str, iso3: str, country: str) -> str | None:
    return (iso3_of(iso) if iso.strip() else None) or iso3_of(iso3 or country)


@lru_cache(maxsize=CACHE_SIZE)
def _side_actors(
    side: str, actors: str, assoc_actors: str, inter_cell: str, event_type: str
) -> tuple[tuple[ActorBlock, Props], ...]:
    """One side's actors (main, then associated), each with the states it is PART_OF and the props of
    its INVOLVES edge (role, ACLED column)."""
    inter = _inter_label(inter_cell)
    out = []
    for names, associated in ((split_cell(actors), False), (split_cell(assoc_actors), True)):
        column = f"assoc_actor_{side}" if associated else f"actor{side}"
        for name in names:
            actor, parents = _actor(name, None if associated else inter)
            role = _role(event_type, side, actor, inter, associated)
            out.append((ActorBlock.of(actor, parents), shared_props(role=role.value, acled_actor=column)))
    return tuple(out)


@lru_cache(maxsize=CACHE_SIZE)
def _source_articles(source_cell: str, timestamp: str) -> list[Article]:
    """The Articles of the row's named sources as ACLED uploaded the row (shared by the rows that have
    these sources and this upload time; read-only)."""
    uploaded = parse_epoch_day(timestamp, "timestamp")
    sources = split_cell(source_cell)
    named = [dataset_article(DATASET, s, uploaded) for s in sources]
    return named or [dataset_article(DATASET, None, uploaded)]


@lru_cache(maxsize=CACHE_SIZE)
def _event_time(value: str, precision: str) -> TimeSpan:
    """ACLED's date at its time precision (cached: a file has a few thousand distinct dates, and rows
    of one date share one TimeSpan)."""
    v = value.strip()
    d = _parse_date(v)
    prec = parse_int(precision, "time_precision") if precision.strip() else 1
    raw = f"ACLED event_date {v}, time_precision {prec}"
    if prec == 1:
        return TimeSpan.day(d, raw)
    if prec == 2:
        # Only the week (or a few days) is known; ACLED codes a day inside it. ±3 days covers the week.
        return TimeSpan.range(d - timedelta(days=3), d + timedelta(days=3), raw)
    if prec == 3:
        return TimeSpan.month(d.year, d.month, raw)
    raise ValueError(f"time_precision {precision!r} is not one of 1, 2, 3")


def _parse_date(value: str) -> date:
    if len(value) == 10 and value[4] == "-":
        try:
            return date.fromisoformat(value)  # the common case, in C
        except ValueError:
            pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"event_date {value!r} is not a date (expected 2023-09-19 or 19 September 2023)")


@lru_cache(maxsize=PLACE_CACHE_SIZE)
def _location(place: str, lat: float, lon: float, geo_prec: int | None, country: str | None) -> Location:
    """The place as ACLED geocodes it; keyed by coordinates and precision too, since ACLED reuses names."""
    kind = LocationKind.REGION if geo_prec == 3 else LocationKind.CITY
    precision_km = GEO_PRECISION_KM.get(geo_prec) if geo_prec else None
    return geo_location(place, place, kind, country, lat, lon, precision_km, suffix=f"~{geo_prec}")


def _inter_label(value: str) -> str:
    v = value.strip()
    return INTER_CODES.get(v, v) if v else ""


@lru_cache(maxsize=CACHE_SIZE)
def _actor(name: str, inter: str | None) -> tuple[Actor, tuple[Actor, ...]]:
    """An ACLED actor name → Actor (+ the state it is PART_OF). ``inter`` is None for associated actors."""
    label = (inter or "").casefold()
    state: Actor | None = None
    country: str | None = None
    m = _STATE_FORCE.match(name) or _GOVERNMENT.match(name)
    if m:
        country = iso3_of(m.group("country"))
        if country:
            state = state_actor(country, m.group("country").strip())
        kind = ActorKind.GOVERNMENT_BODY if name.startswith("Government of") else ActorKind.ARMED_GROUP
    else:
        g = _GROUP_OF.match(name)
        if g and not re.fullmatch(r"\d{4}-(?:\d{4})?", g.group("country")):
            country = iso3_of(g.group("country"))
        if label in ("civilians", "protesters", "rioters") or _POPULATION_GROUPS.match(name):
            kind = ActorKind.POPULATION_GROUP
        elif label in (
            "state forces",
            "rebel group",
            "political militia",
            "identity militia",
        ) or _ARMED_WORDS.search(name):
            kind = ActorKind.ARMED_GROUP
        elif label == "external/other forces":
            kind = ActorKind.ORGANISATION
        else:
            kind = ActorKind.ORGANISATION
    short = _REGIME_YEARS.sub("", name)
    actor = Actor(
        id=actor_id(kind.value, country, name),
        name=name,
        actor_kind=kind,
        country=country,
        aliases=[short] if short != name else [],
        parent_id=state.id if state else None,
    )
    return actor, (state,) if state else ()


def _role(event_type: str, side: str, actor: Actor, inter: str, associated: bool) -> Role:
    """ACLED's actor1 is the side that acted; actor2 the one acted upon. Civilians are victims."""
    if actor.actor_kind is ActorKind.POPULATION_GROUP and (
        inter.casefold() == "civilians" or actor.name.casefold().startswith("civilians")
    ):
        return Role.VICTIM
    et = event_type.casefold()
    one_sided = et in ("violence against civilians", "explosions/remote violence")
    if one_sided:
        return Role.ALLEGED_PERPETRATOR if side == "1" else Role.VICTIM
    return Role.PARTY


# --- --extract-notes ------------------------------------------------------------------------------


def _notes_extractor() -> Extractor:
    from loaders.extract import Extractor

    return Extractor()


def _extract_notes(
    extractor: Extractor, row: Mapping[str, str], path: Path, line: int
) -> Iterator[ArticleGraph | InputError]:
    """Run the article extractor over the event's notes, as a short article of its own.

    The notes have no publication date of their own, so relative dates in them stay unresolved; ACLED
    notes open with an absolute date ("On 19 September 2023, ..."), which resolves.
    """
    notes = row.get("notes", "").strip()
    if not notes:
        return
    ref = row["event_id_cnty"].strip()
    article = Article(
        id=article_id(notes),
        title=f"ACLED {ref} notes",
        outlet="ACLED",
        text=notes,
        source_path=str(path),
        extra={"dataset": DATASET, "ref": ref},
    )
    try:
        graph = extractor.extract(article)
    except Exception as exc:  # a failed extraction is one bad row, not a crash of the whole file
        yield InputError(str(path), f"--extract-notes failed on {ref}: {exc}", line=line)
        return
    if not graph.source_key:
        graph.source_key = article.id
    if graph.article is not None and graph.article.published is None:
        # Dated only after extraction: the upload day must not anchor the notes' relative dates.
        try:
            uploaded = parse_epoch_day(row.get("timestamp", ""), "timestamp")
        except ValueError:
            uploaded = None  # the row itself was reported bad for this already
        graph.article.published = uploaded
        graph.article.published_inferred = uploaded is not None
    yield graph
