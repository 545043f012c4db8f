"""UCDP GED events (the CSV release, one row per event) as graphs.

>>> from pathlib import Path
>>> fixture = Path(__file__).parents[2] / "tests/datasets/fixtures/ucdp_ged.csv"
>>> g = next(read_ucdp(fixture))
>>> next(n for n in g.nodes if n.kind.value == "Incident").event_time.label()
'2023-09-19'
"""

from __future__ import annotations

import calendar
import csv
import re
from collections.abc import Iterator, Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path

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
    trusted_fields,
)
from graph.taxonomy import IncidentType
from loaders.datasets._common import (
    CACHE_SIZE,
    PLACE_CACHE_SIZE,
    ActorBlock,
    Props,
    RowGraph,
    check_utf8,
    dataset_article,
    geo_location,
    iso3_of,
    open_source,
    parse_coord,
    parse_int,
    row_evidence,
    shared_props,
    split_cell,
    state_actor,
)

DATASET = "ucdp"
REQUIRED = (
    "id",
    "type_of_violence",
    "side_a",
    "side_b",
    "date_start",
    "date_end",
    "latitude",
    "longitude",
    "best",
)

# type_of_violence: 1 state-based conflict, 2 non-state conflict, 3 one-sided violence.
VIOLENCE_TYPES = {
    1: ("state-based conflict", IncidentType.ARMED_CLASH),
    2: ("non-state conflict", IncidentType.ARMED_CLASH),
    3: ("one-sided violence", IncidentType.ATTACK_ON_CIVILIANS),
}
# where_prec: 1 exact place, 2 within ~25 km of a place, 3 ADM2 centroid, 4 ADM1 centroid, 5 a part of
# a country larger than ADM1 (or a linear feature), 6 the country only, 7 international waters/airspace.
WHERE_PREC_KM = {1: 1.0, 2: 25.0, 3: 50.0, 4: 150.0, 5: 250.0, 6: 500.0, 7: 500.0}
WHERE_PREC_KIND = {
    1: LocationKind.CITY,
    2: LocationKind.CITY,
    3: LocationKind.REGION,
    4: LocationKind.REGION,
    5: LocationKind.REGION,
    6: LocationKind.COUNTRY,
    7: LocationKind.REGION,
}
_GOVERNMENT = re.compile(r"^Government of (?P<country>.+)$")
_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


def read_ucdp(path: Path, *, progress: bool = False) -> Iterator[ArticleGraph | InputError]:
    """Yield one graph per UCDP GED event, or an :class:`InputError` per bad row (and keep going)."""
    with open_source(path, progress, "UCDP") as src:
        reader = csv.reader(src.lines())
        try:
            header = [h.strip().lower() for h in next(reader)]
        except StopIteration:
            yield InputError(str(path), "empty file: no UCDP GED header row")
            return
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            yield InputError(str(path), f"not a UCDP GED file: header lacks {', '.join(missing)}", 1)
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
            try:
                yield ucdp_row_to_graph(dict(zip(header, fields, strict=True)))
            except ValueError as exc:
                yield InputError(str(path), str(exc), line=line)


def ucdp_row_to_graph(row: Mapping[str, str]) -> ArticleGraph:
    """The graph of one UCDP GED row. Raises ValueError naming the bad cell."""
    ref = row["id"].strip()
    if not ref:
        raise ValueError("id is empty")
    tov = parse_int(row["type_of_violence"], "type_of_violence")
    if tov not in VIOLENCE_TYPES:
        raise ValueError(f"type_of_violence {row['type_of_violence']!r} is not one of 1, 2, 3")
    tov_label, itype = VIOLENCE_TYPES[tov]
    when = _event_time(row["date_start"], row["date_end"], row.get("date_prec", ""))
    best = parse_int(row["best"], "best")
    low = parse_int(row.get("low", ""), "low")
    high = parse_int(row.get("high", ""), "high")
    deaths = {
        k: parse_int(row.get(k, ""), k)
        for k in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown")
    }
    lat = parse_coord(row["latitude"], "latitude", 90)
    lon = parse_coord(row["longitude"], "longitude", 180)
    where_prec = parse_int(row.get("where_prec", ""), "where_prec")
    if where_prec is not None and where_prec not in WHERE_PREC_KM:
        raise ValueError(f"where_prec {where_prec} is not one of 1–7")
    country = iso3_of(row.get("country", ""))

    note_parts = [f"best {best}" if best is not None else "best unknown"]
    if low is not None or high is not None:
        note_parts.append(f"low {low if low is not None else '?'}, high {high if high is not None else '?'}")
    note_parts += [f"{k} {v}" for k, v in deaths.items() if v is not None]
    g = RowGraph(DATASET, ref)
    figures = [
        trusted_fields(
            CasualtyFigure,
            {
                "killed": best,
                "injured": None,
                "source": g.ev_ref,
                "note": "UCDP GED: " + "; ".join(note_parts),
            },
        )
    ]
    quotes = [q for q in (row.get("source_headline", "").strip(), row.get("source_article", "").strip()) if q]
    where = (
        row.get("where_coordinates", "").strip()
        or row.get("adm_2", "").strip()
        or row.get("adm_1", "").strip()
    )
    summary_bits = [tov_label, row.get("dyad_name", "").strip() or row.get("conflict_name", "").strip()]
    if row.get("where_description", "").strip():
        summary_bits.append(row["where_description"].strip())

    location = (
        _location(where, lat, lon, where_prec, country)
        if where and lat is not None and lon is not None
        else None
    )
    inc = g.incident(
        itype,
        when,
        original_type=f"type_of_violence {tov} ({tov_label})",
        summary=" — ".join(b for b in summary_bits if b),
        killed=best,
        figures=figures,
        location=location,
        evidence=[row_evidence(g.ev_ref, q) for q in dict.fromkeys(quotes)],
    )
    for side in ("a", "b"):
        name = row[f"side_{side}"].strip()
        if not name:
            continue
        one_sided_role = Role.ALLEGED_PERPETRATOR if side == "a" else Role.VICTIM
        role = one_sided_role if tov == 3 else Role.PARTY
        g.block(
            _actor_block(name),
            inc.id,
            shared_props(role=role.value, ucdp_side=side, deaths=deaths[f"deaths_{side}"]),
            [row_evidence(g.ev_ref, name)],
        )
    source_date = row.get("source_date", "").strip()
    articles = _source_articles(row.get("source_office", ""), source_date)
    source_quote = [row_evidence(g.ev_ref, q) for q in quotes[:1]]
    props: Props = {"dataset": DATASET, "ref": ref, "source_date": source_date or None}
    g.reported_in(inc.id, articles, props, source_quote)
    return g.graph(row.values())


# Cells that recur from row to row (dates, places, sides, source offices) are turned into nodes once
# per distinct value (cached), so a row costs what is its own: the incident, its edges and evidence.


@lru_cache(maxsize=PLACE_CACHE_SIZE)
def _location(where: str, lat: float, lon: float, where_prec: int | None, country: str | None) -> Location:
    """The place as UCDP geocodes it; keyed by coordinates and where_prec too, since names recur."""
    kind = WHERE_PREC_KIND.get(where_prec or 1, LocationKind.CITY)
    precision_km = WHERE_PREC_KM.get(where_prec) if where_prec else None
    return geo_location(where, where, kind, country, lat, lon, precision_km, suffix=f"~{where_prec}")


@lru_cache(maxsize=CACHE_SIZE)
def _source_articles(offices_cell: str, source_date: str) -> list[Article]:
    """The Articles of the row's source offices, each dated by its ``source_date`` entry (shared by
    the rows citing these offices on these dates; read-only)."""
    offices = split_cell(offices_cell)
    dates = _office_dates(offices_cell, source_date)
    return [dataset_article(DATASET, o, dates.get(o)) for o in offices] or [dataset_article(DATASET, None)]


def _office_dates(offices: str, dates: str) -> dict[str, date]:
    """Each source office's publication date, from ``source_date`` read beside ``source_office`` by
    position. Only when both cells list the same number of entries and every date parses: otherwise
    which date belongs to which office is unknown, and the offices stay undated. An office listed twice
    keeps its earliest date.

    >>> _office_dates("Reuters;AFP", "2023-09-19;2023-09-20")
    {'Reuters': datetime.date(2023, 9, 19), 'AFP': datetime.date(2023, 9, 20)}
    >>> _office_dates("Reuters;AFP", "2023-09-19")
    {}
    """
    names = [p.strip() for p in offices.split(";")]
    days = [p.strip() for p in dates.split(";")]
    if len(names) != len(days):
        return {}
    out: dict[str, date] = {}
    for name, day in zip(names, days, strict=True):
        try:
            d = date.fromisoformat(day[:10])
        except ValueError:
            return {}
        if name and (name not in out or d < out[name]):
            out[name] = d
    return out


@lru_cache(maxsize=CACHE_SIZE)
def _actor_block(name: str) -> ActorBlock:
    return ActorBlock.of(*_actor(name))


def _actor(name: str) -> tuple[Actor, tuple[Actor, ...]]:
    """'Government of Azerbaijan' is the state's government (PART_OF the state); 'Civilians' a population
    group; any other side an armed group (UCDP sides are organised armed actors)."""
    m = _GOVERNMENT.match(name)
    if m:
        country = iso3_of(m.group("country"))
        kind = ActorKind.GOVERNMENT_BODY
        parents: list[Actor] = [state_actor(country, _strip_parens(m.group("country")))] if country else []
    elif name.casefold() == "civilians":
        country, kind, parents = None, ActorKind.POPULATION_GROUP, []
    else:
        country, kind, parents = None, ActorKind.ARMED_GROUP, []
    actor = Actor(
        id=actor_id(kind.value, country, name),
        name=name,
        actor_kind=kind,
        country=country,
        parent_id=parents[0].id if parents else None,
    )
    return actor, tuple(parents)


def _strip_parens(name: str) -> str:
    return re.sub(r"\s*\([^)]*\)\s*$", "", name).strip()


@lru_cache(maxsize=CACHE_SIZE)
def _event_time(start_s: str, end_s: str, prec_s: str) -> TimeSpan:
    """The event's interval at its precision (cached: rows of one interval share one TimeSpan)."""
    start, end = _date(start_s, "date_start"), _date(end_s, "date_end")
    if end < start:
        raise ValueError(f"date_end {end_s!r} is before date_start {start_s!r}")
    prec = parse_int(prec_s, "date_prec") if prec_s.strip() else None
    if prec is not None and not 1 <= prec <= 5:
        raise ValueError(f"date_prec {prec} is not one of 1–5")
    raw = f"UCDP date_start {start.isoformat()}, date_end {end.isoformat()}, date_prec {prec}"
    if start == end:
        return TimeSpan.day(start, raw)
    whole_month = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
    if whole_month and (start.year, start.month) == (end.year, end.month):
        return TimeSpan.month(start.year, start.month, raw)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return TimeSpan.year(start.year, raw)
    return TimeSpan.range(start, end, raw)


def _date(value: str, column: str) -> date:
    m = _DATE.match(value)
    if not m:
        raise ValueError(f"{column} {value!r} is not a date (expected 2023-09-19)")
    try:
        return date.fromisoformat(m.group(1))
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a date (expected 2023-09-19)") from None
