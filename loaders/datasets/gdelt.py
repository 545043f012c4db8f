"""GDELT 2.0 Events (61 tab-separated columns, no header) and Mentions (16 columns) as graphs.

CAMEO codes stay strings (``"016"`` is not ``16``). What becomes what (CAMEO 1.1b3 codebook):

- ``112*`` "Accuse" (1121 … 1125) → an accusation Claim: claimant Actor1, target Actor2, ACCUSES
  Actor1 → Actor2 with the claim id, MADE Actor1 → claim;
- ``016`` "Reject accusation, deny responsibility" → a denial Claim by Actor1 (no DENIES edge: GDELT
  does not say which accusation is rejected);
- root codes ``18`` assault, ``19`` fight, ``20`` unconventional mass violence → Incidents at the
  action geography (:data:`CAMEO_INCIDENT_TYPES`);
- everything else only with ``all_codes`` → Incidents of type ``other``.

An empty actor (no code and no name) is no actor: a claim without a claimant has ``claimant_id`` None.

>>> from pathlib import Path
>>> fixture = Path(__file__).parents[2] / "tests/datasets/fixtures/20230919120000.export.CSV"
>>> g = next(read_gdelt_events(fixture))
>>> sorted(n.kind.value for n in g.nodes)
['Actor', 'Actor', 'Actor', 'Article', 'Claim']
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import ExitStack
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from graph.errors import InputError
from graph.model import (
    Actor,
    ActorKind,
    Article,
    ArticleGraph,
    Claim,
    Edge,
    EdgeType,
    Evidence,
    Location,
    LocationKind,
    Role,
    Stance,
    TimeSpan,
    actor_id,
    claim_id,
    stable_hash,
    trusted,
    trusted_fields,
)
from graph.taxonomy import IncidentType
from loaders.datasets._common import (
    CACHE_SIZE,
    PLACE_CACHE_SIZE,
    ActorBlock,
    RowGraph,
    check_utf8,
    dataset_article,
    fast_edge,
    finish_graph,
    geo_location,
    iso3_of,
    open_source,
    parse_coord,
    parse_int,
    row_key,
    shared_props,
    state_actor,
)

DATASET = "gdelt"

_ACTOR_FIELDS = (
    "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
    "Type1Code", "Type2Code", "Type3Code",
)  # fmt: skip
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
EVENT_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS),
    *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{f}" for f in _GEO_FIELDS),
    *(f"Actor2Geo_{f}" for f in _GEO_FIELDS),
    *(f"ActionGeo_{f}" for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip
MENTION_COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset",
    "InRawText", "Confidence", "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
)  # fmt: skip
assert len(EVENT_COLUMNS) == 61 and len(MENTION_COLUMNS) == 16

# CAMEO codes of material conflict → our taxonomy, most specific prefix first (the CAMEO label in the
# comment). Codes of roots 18–20 not listed fall back to their root.
CAMEO_INCIDENT_TYPES: dict[str, IncidentType] = {
    "181": IncidentType.OTHER,  # abduct, hijack, take hostage
    "18": IncidentType.ATTACK_ON_CIVILIANS,  # assault (physical assault, bombing, assassination)
    "190": IncidentType.ARMED_CLASH,  # use conventional military force
    "191": IncidentType.BLOCKADE,  # impose blockade, restrict movement
    "192": IncidentType.MILITARY_OPERATION,  # occupy territory
    "193": IncidentType.ARMED_CLASH,  # fight with small arms and light weapons
    "194": IncidentType.SHELLING,  # fight with artillery and tanks
    "195": IncidentType.AIRSTRIKE,  # employ aerial weapons
    "196": IncidentType.ARMED_CLASH,  # violate ceasefire
    "19": IncidentType.ARMED_CLASH,  # fight
    "20": IncidentType.ATTACK_ON_CIVILIANS,  # unconventional mass violence
}
ACCUSE_PREFIX = "112"  # Accuse; 1121 crime/corruption … 1125 espionage/treason
DENY_CODE = "016"  # Reject accusation, deny responsibility
MATERIAL_CONFLICT_ROOTS = ("18", "19", "20")

# ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
GEO_TYPE = {
    1: (LocationKind.COUNTRY, 300.0),
    2: (LocationKind.REGION, 100.0),
    3: (LocationKind.CITY, 10.0),
    4: (LocationKind.CITY, 10.0),
    5: (LocationKind.REGION, 100.0),
}

# CAMEO actor type codes → actor kind.
_TYPE_KIND = {
    **dict.fromkeys(("GOV", "LEG", "JUD", "SPY", "ELI"), ActorKind.GOVERNMENT_BODY),
    **dict.fromkeys(("MIL", "COP", "REB", "INS", "SEP", "UAF", "IMG", "PKO", "CRM"), ActorKind.ARMED_GROUP),
    **dict.fromkeys(
        ("CVL", "REF", "LAB", "AGR", "EDU", "HLH", "SET", "MOD", "RAD", "OPP"), ActorKind.POPULATION_GROUP
    ),
    **dict.fromkeys(("MED",), ActorKind.MEDIA),
    **dict.fromkeys(
        ("IGO", "NGO", "NGM", "INT", "MNC", "BUS", "DEV", "ENV", "HRI", "AMN", "IRC", "UNO"),
        ActorKind.ORGANISATION,
    ),
}
_CODE = re.compile(r"^\d{2,4}$")


def classify(code: str, all_codes: bool) -> tuple[str, Stance | IncidentType] | None:
    """What an event code becomes: ('claim', stance), ('incident', type) or None (skipped).

    >>> classify("1123", False), classify("016", False), classify("195", False), classify("042", False)
    (('claim', <Stance.ACCUSE: 'accuse'>), ('claim', <Stance.DENY: 'deny'>), \
('incident', <IncidentType.AIRSTRIKE: 'airstrike'>), None)
    """
    if code.startswith(ACCUSE_PREFIX):
        return "claim", Stance.ACCUSE
    if code == DENY_CODE:
        return "claim", Stance.DENY
    if code[:2] in MATERIAL_CONFLICT_ROOTS:
        for n in (3, 2):
            if code[:n] in CAMEO_INCIDENT_TYPES:
                return "incident", CAMEO_INCIDENT_TYPES[code[:n]]
    if all_codes:
        return "incident", IncidentType.OTHER
    return None


def read_gdelt_events(
    path: Path, *, all_codes: bool = False, progress: bool = False
) -> Iterator[ArticleGraph | InputError]:
    """Yield one graph per kept GDELT event, or an :class:`InputError` per bad row (and keep going)."""
    with open_source(path, progress, "GDELT events") as src:
        for line_no, line in enumerate(src.lines(), start=1):
            fields = _split(line)
            if fields is None:
                continue
            try:
                row = _row(fields, EVENT_COLUMNS)
                graph = gdelt_event_to_graph(row, all_codes=all_codes)
            except ValueError as exc:
                yield InputError(str(path), str(exc), line=line_no)
                continue
            if graph is not None:
                yield graph


def read_gdelt_mentions(
    path: Path, *, all_codes: bool = False, progress: bool = False
) -> Iterator[ArticleGraph | InputError]:
    """Yield, per mention of a kept event, the event's graph plus the mentioning article.

    A mentions row does not say what the event was, so the events are read from the events file of
    the same 15-minute batch beside it (``X.mentions.CSV`` → ``X.export.CSV``), or else from every
    ``*.export.CSV`` in the same folder. Only an index of event id → byte offset is held in memory.
    Mentions of events that are not there, or whose code is not kept, are skipped.
    """
    events_files = _events_files_for(path)
    if not events_files:
        yield InputError(
            str(path),
            "no GDELT events file beside the mentions file (expected *.export.CSV in the same folder)",
        )
        return
    index = _event_index(events_files, all_codes)
    with ExitStack() as stack:
        handles: dict[Path, BinaryIO] = {}
        src = stack.enter_context(open_source(path, progress, "GDELT mentions"))
        for line_no, line in enumerate(src.lines(), start=1):
            fields = _split(line)
            if fields is None:
                continue
            try:
                m = _row(fields, MENTION_COLUMNS)
                found = index.get(m["GLOBALEVENTID"].strip())
                if found is None:
                    continue
                ef, offset = found
                if ef not in handles:
                    handles[ef] = stack.enter_context(open(ef, "rb"))
                handles[ef].seek(offset)
                event_fields = _split(handles[ef].readline().decode("utf-8", "surrogateescape")) or []
                try:
                    event = gdelt_event_to_graph(_row(event_fields, EVENT_COLUMNS), all_codes=all_codes)
                except ValueError as exc:
                    raise ValueError(
                        f"its event {m['GLOBALEVENTID'].strip()} in {ef.name} is bad: {exc}"
                    ) from None
                if event is not None:
                    yield gdelt_mention_to_graph(m, event)
            except ValueError as exc:
                yield InputError(str(path), str(exc), line=line_no)


def _event_index(events_files: list[Path], all_codes: bool) -> dict[str, tuple[Path, int]]:
    """Event id → (events file, byte offset of its row), for events whose code is kept."""
    code_at = EVENT_COLUMNS.index("EventCode")
    index: dict[str, tuple[Path, int]] = {}
    for ef in events_files:
        with open(ef, "rb") as fh:
            offset = 0
            for raw in fh:
                cols = raw.split(b"\t")
                if len(cols) == len(EVENT_COLUMNS) and cols[0].isdigit():
                    code = cols[code_at].decode("ascii", "replace").strip()
                    if classify(code, all_codes) is not None:
                        index.setdefault(cols[0].decode("ascii"), (ef, offset))
                offset += len(raw)
    return index


def _events_files_for(path: Path) -> list[Path]:
    sibling = re.sub(r"\.mentions\.", ".export.", path.name, flags=re.I)
    if sibling != path.name:
        for cand in path.parent.iterdir():
            if cand.name.casefold() == sibling.casefold():
                return [cand]
    return sorted(p for p in path.parent.iterdir() if re.search(r"\.export\.csv$", p.name, re.I))


def _split(line: str) -> list[str] | None:
    """Tab-separated fields of a line (GDELT does not quote), or None for a blank line."""
    body = line.rstrip("\r\n")
    if not body.strip():
        return None
    return body.split("\t")


def _row(fields: list[str], columns: tuple[str, ...]) -> dict[str, str]:
    if len(fields) != len(columns):
        raise ValueError(f"row has {len(fields)} tab-separated columns, expected {len(columns)}")
    problem = check_utf8(fields)
    if problem:
        raise ValueError(problem)
    return dict(zip(columns, fields, strict=True))


@lru_cache(maxsize=CACHE_SIZE)
def _yyyymmdd(value: str, column: str) -> date:
    v = value.strip()
    try:
        if len(v) not in (8, 14) or not v.isdigit():
            raise ValueError(v)
        return datetime.strptime(v[:8], "%Y%m%d").date()
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a date (expected YYYYMMDD)") from None


@lru_cache(maxsize=CACHE_SIZE)
def source_article(url: str, added: str) -> Article:
    """The Article of a GDELT source URL. ``published`` is the day GDELT added it (flagged inferred).
    Cached (a URL reports many events): shared by the rows that cite it, read-only."""
    u = url.strip()
    if not u:
        return dataset_article(DATASET, None)
    outlet = urlsplit(u).netloc.removeprefix("www.") or None
    published = _yyyymmdd(added, "DATEADDED") if added.strip() else None
    return Article(
        id="art_" + stable_hash("url", u),
        title=u,
        url=u if "://" in u else None,
        outlet=outlet,
        published=published,
        published_inferred=published is not None,
        extra={"dataset": DATASET},
    )


def gdelt_event_to_graph(row: Mapping[str, str], *, all_codes: bool = False) -> ArticleGraph | None:
    """The graph of one GDELT event row, or None when its code is not kept. Raises ValueError."""
    gid = row["GLOBALEVENTID"].strip()
    if not gid.isdigit():
        raise ValueError(f"GLOBALEVENTID {gid!r} is not a number")
    code = row["EventCode"].strip()
    if not _CODE.match(code):
        raise ValueError(f"EventCode {code!r} is not a CAMEO code (2–4 digits, as a string)")
    what = classify(code, all_codes)
    day = _yyyymmdd(row["SQLDATE"], "SQLDATE")
    if what is None:
        return None
    when = _day_span(day, row["SQLDATE"].strip())
    article = source_article(row["SOURCEURL"], row["DATEADDED"])
    evidence = [_url_evidence(article.id)]
    kind, detail = what
    actor1 = _side_actor(row, "Actor1")
    # Actor2 of a denial is whom it answers; the model has no place for that, so it is not added.
    actor2 = None if detail is Stance.DENY else _side_actor(row, "Actor2")
    g = RowGraph(DATASET, gid)
    g.nodes.append(article)
    for block in (actor1, actor2):
        if block is not None:
            g.nodes.extend(block.nodes)
            g.edges.extend(block.part_of)
    a1 = actor1.actor if actor1 else None
    a2 = actor2.actor if actor2 else None
    props: dict[str, str | int | float | bool | None] = {"dataset": DATASET, "ref": gid, "cameo": code}
    if kind == "claim":
        assert isinstance(detail, Stance)
        target = a2 if detail is Stance.ACCUSE else None
        cid = claim_id(DATASET, gid)
        # Every value is checked or built here (ids, a Stance, a TimeSpan): no validation to run.
        claim = trusted(
            Claim,
            id=cid,
            claimant_id=a1.id if a1 else None,
            stance=detail,
            target_id=target.id if target else None,
            claim_time=when,
            evidence=evidence,
        )
        g.nodes.append(claim)
        if a1 is not None:
            g.edges.append(fast_edge(EdgeType.MADE, a1.id, cid, evidence=evidence))
        if a1 is not None and target is not None:
            g.edges.append(fast_edge(EdgeType.ACCUSES, a1.id, target.id, {"claim_id": cid}, evidence))
        node_id = cid
    else:
        assert isinstance(detail, IncidentType)
        inc = g.incident(
            detail,
            when,
            original_type=f"CAMEO {code}",
            summary=" ".join(
                x for x in (a1.name if a1 else "", f"[CAMEO {code}]", a2.name if a2 else "") if x
            ),
            location=_action_location(row),
            evidence=evidence,
        )
        violent_one_sided = code[:2] in ("18", "20")
        if a1 is not None:
            role = Role.ALLEGED_PERPETRATOR if violent_one_sided else Role.PARTY
            g.edges.append(
                fast_edge(EdgeType.INVOLVES, inc.id, a1.id, shared_props(role=role.value), evidence)
            )
        if a2 is not None:
            role = Role.VICTIM if violent_one_sided else Role.PARTY
            g.edges.append(
                fast_edge(EdgeType.INVOLVES, inc.id, a2.id, shared_props(role=role.value), evidence)
            )
        node_id = inc.id
    g.edges.append(fast_edge(EdgeType.REPORTED_IN, node_id, article.id, props, evidence))
    return g.graph(row.values())


def gdelt_mention_to_graph(m: Mapping[str, str], event: ArticleGraph) -> ArticleGraph:
    """The event's graph plus one mentioning article, with the mention's offsets on REPORTED_IN."""
    gid = m["GLOBALEVENTID"].strip()
    ident = m["MentionIdentifier"].strip()
    if not ident:
        raise ValueError("MentionIdentifier is empty")
    mention_time = m["MentionTimeDate"].strip()
    article = source_article(ident, mention_time)
    if not article.outlet and m["MentionSourceName"].strip():
        # A copy: the cached Article is shared by every row citing the URL.
        article = article.model_copy(update={"outlet": m["MentionSourceName"].strip()})
    offsets: dict[str, str | int | float | bool | None] = {
        "dataset": DATASET,
        "ref": gid,
        "mention_type": m["MentionType"].strip(),
    }
    for col in (
        "SentenceID",
        "Actor1CharOffset",
        "Actor2CharOffset",
        "ActionCharOffset",
        "MentionDocLen",
        "Confidence",
    ):
        v = m[col].strip()
        if v and v != "-1":
            n = parse_int(v, col)
            offsets[col] = n
    offsets["InRawText"] = m["InRawText"].strip() == "1"
    sentence = offsets.get("SentenceID")
    evidence = [
        Evidence(
            article_id=article.id,
            sentence=sentence - 1 if isinstance(sentence, int) and sentence > 0 else None,
            quote="",
        )
    ]
    event_node = next(n for n in event.nodes if n.kind.value in ("Incident", "Claim"))
    edge = Edge(
        type=EdgeType.REPORTED_IN, source=event_node.id, target=article.id, props=offsets, evidence=evidence
    )
    edges: list[Edge] = []
    for e in event.edges:
        if e.id == edge.id:  # the mention is the event's own source article: one edge, both offsets
            edge = Edge(
                type=e.type,
                source=e.source,
                target=e.target,
                props={**e.props, **offsets},
                evidence=[*e.evidence, *evidence],
            )
        else:
            edges.append(e)
    edges.append(edge)
    nodes = [*event.nodes, article]
    return finish_graph(nodes, edges, row_key("gdelt-mentions", f"{gid}:{ident}", m.values()))


# Cells that recur from row to row (actors, URLs, dates, places) are turned into nodes once per distinct
# value (cached), so a row costs what is its own: its claim or incident, edges and evidence.

# The actor columns _actor reads, in its parameters' order.
_ACTOR_READ = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
               "Type1Code", "Type2Code", "Type3Code")  # fmt: skip


def _side_actor(row: Mapping[str, str], side: str) -> ActorBlock | None:
    """One side's actor with the state it is PART_OF, or None when GDELT names none."""
    return _actor(*(row[side + f].strip() for f in _ACTOR_READ))


@lru_cache(maxsize=CACHE_SIZE)
def _url_evidence(article_id: str) -> Evidence:
    """The evidence of a row from its source URL: the article, no offsets (one per URL, read-only)."""
    return trusted_fields(
        Evidence, {"article_id": article_id, "sentence": None, "start": None, "end": None, "quote": ""}
    )


@lru_cache(maxsize=CACHE_SIZE)
def _day_span(day: date, sqldate: str) -> TimeSpan:
    return TimeSpan.day(day, f"GDELT SQLDATE {sqldate}")


@lru_cache(maxsize=CACHE_SIZE)
def _actor(
    code: str,
    name: str,
    country_code: str,
    known_group: str,
    ethnic: str,
    religion1: str,
    type1: str,
    type2: str,
    type3: str,
) -> ActorBlock | None:
    """The actor of one side's cells (stripped), or None when GDELT names none (no actor is invented)."""
    if not code and not name:
        return None
    country = iso3_of(country_code) if country_code else None
    kinds = [_TYPE_KIND[t] for t in (type1, type2, type3) if t in _TYPE_KIND]
    if kinds:
        kind = kinds[0]
    elif country and code == country_code:
        kind = ActorKind.STATE
    elif known_group:
        kind = ActorKind.ORGANISATION
    elif ethnic or religion1:
        kind = ActorKind.POPULATION_GROUP
    else:
        kind = ActorKind.ORGANISATION
    if kind is ActorKind.STATE and country:
        return ActorBlock.of(_named_state(country, name), ())
    display = name or code
    parents = (
        [state_actor(country, _country_name(country))]
        if country and kind in (ActorKind.GOVERNMENT_BODY, ActorKind.ARMED_GROUP)
        else []
    )
    actor = Actor(
        id=actor_id(kind.value, country, f"{display}|{code}"),
        name=display,
        actor_kind=kind,
        country=country,
        aliases=[code] if code and code != display else [],
        parent_id=parents[0].id if parents else None,
    )
    return ActorBlock.of(actor, parents)


@lru_cache(maxsize=CACHE_SIZE)
def _named_state(country: str, name: str) -> Actor:
    """The state actor of ``country`` as this row names it: GDELT's name ('RUSSIA') is an alias when it
    differs from the country's own name. A copy per name: the cached state node other rows share is
    never changed, so a row's graph does not depend on the rows read before it."""
    state = state_actor(country, _country_name(country))
    if name and name.casefold() != state.name.casefold():
        return state.model_copy(update={"aliases": [name]})
    return state


def _country_name(iso3: str) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_3=iso3)
    return str(getattr(c, "common_name", None) or c.name) if c is not None else iso3


def _action_location(row: Mapping[str, str]) -> Location | None:
    return _location(
        row["ActionGeo_Type"], row["ActionGeo_Lat"], row["ActionGeo_Long"], row["ActionGeo_FullName"]
    )


@lru_cache(maxsize=PLACE_CACHE_SIZE)
def _location(type_cell: str, lat_cell: str, lon_cell: str, full_cell: str) -> Location | None:
    """The action geography of a row's cells (cached: places recur). Raises ValueError on a bad cell."""
    gtype = parse_int(type_cell, "ActionGeo_Type")
    if not gtype:
        return None
    if gtype not in GEO_TYPE:
        raise ValueError(f"ActionGeo_Type {gtype} is not one of 0–5")
    lat = parse_coord(lat_cell, "ActionGeo_Lat", 90)
    lon = parse_coord(lon_cell, "ActionGeo_Long", 180)
    full = full_cell.strip()
    if not full or lat is None or lon is None:
        return None
    kind, km = GEO_TYPE[gtype]
    # ActionGeo_CountryCode is FIPS 10-4, which pycountry lacks; the full name ends in the country's name.
    country = iso3_of(full.rsplit(",", 1)[-1])
    name = full.split(",", 1)[0].strip()
    return geo_location(full, name, kind, country, lat, lon, km, aliases=(full,) if full != name else ())
