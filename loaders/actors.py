"""Actor dictionary and per-article actor resolution.

The dictionary (``loaders/data/actors.yaml`` + ``demonyms.csv``, extensible with a user YAML of the same
keys) knows states with their demonyms and capitals, named organisations and armed groups, and the head
words that make a noun phrase a government body, an armed actor, a population group or a person's role.

:class:`ArticleActors` turns noun phrases of one article into canonical :class:`graph.model.Actor` nodes:
"Azerbaijan's Defence Ministry" and "the Azerbaijani Ministry of Defense" are both the
"Ministry of Defence of Azerbaijan", PART_OF the state "Azerbaijan"; "Baku said" is Azerbaijan speaking;
"the ministry" and "she" refer back to the last matching actor.

>>> d = default_dictionary()
>>> d.country_of_word("Azerbaijani"), d.country_of_word("Kigali")
('AZE', 'RWA')
>>> d.canonical_body("Azerbaijan's Defence Ministry", "AZE")
'Ministry of Defence of Azerbaijan'
"""

from __future__ import annotations

import bisect
import csv
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from graph.model import Actor, ActorKind, Evidence, actor_id, normalise
from loaders import gazetteer as gaz_mod
from loaders.gazetteer import lemma_is
from loaders.nlp import ents_of

DATA_DIR = Path(__file__).with_name("data")
ACTORS_FILE = DATA_DIR / "actors.yaml"

_TITLES = [
    "commodore",
    "marshal",
    "superintendent",
    "commissioner",
    "lieutenant-colonel",
    "lt-col",
    "lt.-col.",
    "lieutenant",
    "colonel",
    "major-general",
    "brigadier-general",
    "general",
    "brigadier",
    "colonel",
    "col.",
    "lieutenant",
    "lt.",
    "captain",
    "capt.",
    "major",
    "sergeant",
    "sgt.",
    "inspector",
    "dr.",
    "dr",
    "doctor",
    "president",
    "minister",
    "prime",
    "mr.",
    "mr",
    "mrs.",
    "mrs",
    "ms.",
    "ms",
    "professor",
    "prof.",
    "commander",
    "admiral",
    "judge",
    "father",
    "sheikh",
    "imam",
    "chief",
    "deputy",
    "ambassador",
    "governor",
    "mayor",
    "senator",
    "rev.",
    "reverend",
    "mawlawi",
    "maulana",
    "mullah",
    # Ranks as wire copy abbreviates them; "Lt-Col" and "Brig-Gen" come out of the tokenizer in pieces.
    "lt",
    "col",
    "gen",
    "gen.",
    "brig",
    "brig.",
    "maj",
    "maj.",
    "capt",
    "sgt",
    "cpl",
    "cpl.",
    "adm",
    "adm.",
    "cdr",
    "cdr.",
    "cmdr",
    "cmdr.",
    "insp",
    "insp.",
    "supt",
    "supt.",
]

# Topic words of ministries and bodies → the canonical topic (British spelling, as in the gold files).
_MINISTRY_TOPICS = (
    (("defence", "defense"), "Defence"),
    (("foreign",), "Foreign Affairs"),
    (("interior", "internal"), "Internal Affairs"),
    (("health",), "Health"),
    (("emergency", "emergencies"), "Emergency Situations"),
    (("justice",), "Justice"),
    (("information",), "Information"),
    (("humanitarian",), "Humanitarian Affairs"),
    (("security",), "Security"),
)
# "Defence Minister X", "Interior ministry spokesman": the model tags the topic word alone as an
# organisation; it only says which ministry.
MINISTRY_TOPIC_WORDS = frozenset(k for keys, _topic in _MINISTRY_TOPICS for k in keys)

# Generic heads a group's short form adds or drops ("Houthi fighters", "the Mitiga Guard [Brigade]").
_GROUP_WORDS = frozenset(
    [
        "movement",
        "fighters",
        "militia",
        "militias",
        "militants",
        "rebels",
        "brigade",
        "brigades",
        "battalion",
        "group",
        "forces",
        "front",
        "army",
        "units",
    ]
)

# A name that starts with a count ("four soldiers", "12 policemen") names casualties, not a force.
_COUNTED = re.compile(
    r"^(\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|several)\s",
    re.I,
)

_ARMY_WORDS = frozenset(
    ["army", "military", "troops", "soldiers", "forces", "armed-forces", "defence-forces", "defense-forces"]
)


# Head words of organisation names: a name with one of them is not a place the model mislabelled.
_ORG_NAME_WORDS = frozenset(
    [
        "front",
        "movement",
        "alliance",
        "brigade",
        "brigades",
        "group",
        "union",
        "committee",
        "agency",
        "council",
        "coalition",
        "party",
        "organisation",
        "organization",
        "mission",
        "command",
        "service",
        "services",
        "company",
        "corporation",
        "bank",
        "association",
        "network",
        "institute",
        "foundation",
        "federation",
        "league",
        "university",
        "court",
        "police",
        "guard",
        "guards",
        "militia",
        "battalion",
        "regiment",
        "division",
        "unit",
        "units",
        "news",
        "press",
        "radio",
    ]
)


@dataclass(frozen=True)
class Named:
    name: str
    kind: str
    country: str | None
    aliases: tuple[str, ...]
    # An organ of its state (the Pentagon, CENTCOM): PART_OF the state, unlike a group that merely
    # operates in the country (the Houthis in Yemen).
    state_organ: bool = False


@dataclass
class ActorDictionary:
    """Canonical actors and the vocabulary that recognises unnamed ones."""

    named: dict[str, Named]
    alias_index: dict[str, str]
    demonyms: dict[str, str]
    country_names: dict[str, str]
    state_names: dict[str, str]
    capitals: dict[str, str]
    government_heads: frozenset[str]
    government_words: frozenset[str]
    armed_heads: frozenset[str]
    population_heads: frozenset[str]
    person_roles: frozenset[str]
    media_heads: frozenset[str]
    # Names that are never actors: platforms ("on Telegram") and weapon systems ("Iskander").
    non_actor_names: frozenset[str] = frozenset()
    # Weapons: a state's ("Russian artillery") stands for its armed forces, an unowned one for no actor.
    weapon_heads: frozenset[str] = frozenset()
    thing_heads: frozenset[str] = frozenset()
    # Adjectives a title-case headline turns into nouns ("Paramilitary shelling kills 12").
    adjective_heads: frozenset[str] = frozenset()
    # Country names shared by several states ("Congo"): folded name -> candidate ISO3 codes, the usual
    # referent first. The article's places choose among them.
    ambiguous_countries: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Participles that make a country its sponsor, not its home ("the Rwanda-backed group").
    sponsor_words: frozenset[str] = frozenset()
    # Words of local government bodies ("the district administration"): their country is the places'.
    local_body_words: frozenset[str] = frozenset()
    # Words of international bodies ("the UN human rights office"): such a body has no state.
    international_words: frozenset[str] = frozenset()
    # Services only a state has ("coast guard", "navy"): with a country word, that state's forces.
    state_force_heads: frozenset[str] = frozenset()
    # "rights groups", "a volunteer medical group": civil organisations, not armed groups.
    civic_words: frozenset[str] = frozenset()
    civic_heads: frozenset[str] = frozenset()

    def sponsor_tokens(self, toks: list[Any]) -> set[int]:
        """Indices of "<country>-<sponsor word>" runs in ``toks`` ("Rwanda-backed", "Iran - aligned")."""
        out: set[int] = set()
        for t in toks:
            if t.lower_ not in self.sponsor_words or t.i < 2:
                continue
            doc = t.doc
            hyphen, country = doc[t.i - 1], doc[t.i - 2]
            if hyphen.text == "-" and self.country_of_word(country.text):
                out.update((country.i, hyphen.i, t.i))
        return out

    def ruler_entries(self) -> list[tuple[str, str, str]]:
        """(surface, key, label) for the gazetteer ruler: named actors are ORG entities."""
        out = []
        for key, entry in self.named.items():
            for alias in (entry.name, *entry.aliases):
                # Two-letter acronyms ("IS", "AU") are too ambiguous to force as entities.
                if len(alias) > 2 and alias[:1].isupper():
                    label = "PERSON" if entry.kind == "person" else "ORG"
                    out.append((alias, f"actor:{key}", label))
        return sorted(set(out))

    def is_actor_word(self, word: str) -> bool:
        """A word that makes a name an actor rather than a place ("Front", "Ministry", "Forces")."""
        w = _fold(word)
        return (
            w in _ORG_NAME_WORDS
            or w in self.armed_heads
            or w in self.government_heads
            or w in self.media_heads
            or w in self.person_roles
        )

    def is_collective_word(self, word: str) -> bool:
        """A noun for a body of people that speaks as one ("the collective", "the observatory")."""
        return _fold(word) in _COLLECTIVE_WORDS

    def lookup_named(self, text: str) -> Named | None:
        key = self.alias_index.get(_fold(text))
        return self.named.get(key) if key else None

    def country_of_word(self, word: str) -> str | None:
        """ISO3 for a demonym, a country name or a capital ("Armenian", "Armenia", "Yerevan")."""
        folded = _fold(word)
        folded = re.sub(r"(’s|'s|’|')$", "", folded)
        return (
            self.demonyms.get(folded)
            or self.country_names.get(folded)
            or self.capitals.get(folded)
            or self.country_names.get(re.sub(r"^the ", "", folded))
        )

    def state_name(self, iso3: str) -> str:
        return self.state_names.get(iso3, iso3)

    def canonical_body(self, text: str, country: str | None) -> str:
        """Canonical name of a government body mention, e.g. 'Ministry of Defence of Azerbaijan'."""
        words = set(re.findall(r"[a-z]+", text.casefold()))
        where = f" of {self.state_name(country)}" if country else ""
        if "ministry" in words or ("minister" in words and "office" not in words):
            for keys, topic in _MINISTRY_TOPICS:
                if words.intersection(keys):
                    return f"Ministry of {topic}{where}"
        stripped = self.strip_country(text, inner=False)
        inside = [self.country_of_word(t) for t in stripped.split()]
        if any(inside):
            # "Lake Chad Mujahideen Council", "UN Support Mission in Libya": the place is part of the name;
            # "the Chinese embassy in Manila" is China's, in another country.
            m = re.search(r" in \S+$", stripped)
            if m and where and country not in inside:
                return stripped[:1].upper() + stripped[1 : m.start()] + where + m.group(0)
            where = ""
        return (stripped[:1].upper() + stripped[1:] + where).strip() if stripped else text

    def strip_country(self, text: str, inner: bool = True) -> str:
        """The phrase without determiners and country words ("Azerbaijan's Defence Ministry" → "Defence
        Ministry"). With ``inner=False`` a country word inside the name stays unless it is a possessive
        ("Lake Chad Mujahideen Council", but "Office of Lebanon's prime minister" → "Office of prime
        minister"): only those before the name and a closing "of <country>" go."""
        tokens = re.findall(r"[\w’'.-]+", text)
        end = len(tokens)
        if not inner:
            k = end
            while k > 0 and self.country_of_word(tokens[k - 1]):
                k -= 1
            if k < end and k > 0 and tokens[k - 1].casefold() == "of":
                end = k - 1
        kept: list[str] = []
        for tok in tokens[:end]:
            if tok.casefold() in ("the", "a", "an", "its", "their", "his", "her", "of") and not kept:
                continue
            if self.country_of_word(tok) and (
                inner or not kept or re.search(r"(’s|'s|’|')$", tok) or tok.casefold() == "the"
            ):
                continue
            kept.append(tok)
        while kept and kept[-1].casefold() in ("of", "the"):
            kept.pop()
        return " ".join(kept)


def _group_apposition(root: Any, d: ActorDictionary) -> Any:
    """The noun in apposition after a name that describes a group ("Jabhat al-Sahil, an armed group"),
    or None; a person's role ("X, a commander of the group") is no such noun."""
    for ap in root.children:
        if ap.dep_ != "appos" or ap.pos_ != "NOUN" or ap.i < root.i or lemma_is(ap, d.person_roles):
            continue
        if lemma_is(ap, d.armed_heads) or lemma_is(ap, _COLLECTIVE_WORDS):
            return ap
    return None


def _adjacent_apposition(head: Any, appos: Any) -> bool:
    """``appos`` follows ``head``'s own phrase with nothing but punctuation between them. The small
    model sometimes hangs a name at a sentence's end on its first noun ("At least 23 people … were
    killed …, according to a militia, the People's Defence Force"); such a far apposition is no
    apposition."""
    own = [t.i for t in head.subtree if not (appos.left_edge.i <= t.i <= appos.right_edge.i)]
    between = head.doc[max(own) + 1 : appos.left_edge.i]
    return all(t.is_punct for t in between)


def _bare_noun(alias: str) -> bool:
    """ "the ministry", "The group": a determiner and one lower-case word."""
    words = alias.split()
    return len(words) == 2 and words[0].lower() in ("the", "a", "an") and words[1].islower()


def name_head(name: str) -> str:
    """The head word of a multi-word proper name: the word before its first "of"/"for"/"on"/"in", or its last
    word; "" for a one-word name.

    >>> name_head("West African Observatory of Human Rights"), name_head("European Commission")
    ('Observatory', 'Commission')
    >>> name_head("Observatory")
    ''
    """
    words = [w for w in name.split() if w.lower() != "the"]
    if len(words) < 2:
        return ""
    cut = next((k for k, w in enumerate(words) if w in ("of", "for", "on", "in")), len(words))
    return words[cut - 1] if cut > 0 else ""


def _initials(name: str) -> str:
    words = [
        w for w in re.split(r"[\s-]+", name) if w and w[0].isupper() and w.lower() not in ("the", "of", "and")
    ]
    return "".join(w[0] for w in words)


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    # Cached: the same few thousand words are folded again at every mention (NFKC and a regex each time).
    return normalise(text.replace("’", "'"))


def load_dictionary(extra: Path | None = None) -> ActorDictionary:
    data: dict[str, Any] = yaml.safe_load(ACTORS_FILE.read_text(encoding="utf-8"))
    if extra is not None:
        more: dict[str, Any] = yaml.safe_load(Path(extra).read_text(encoding="utf-8")) or {}
        for key, value in more.items():
            if isinstance(value, list):
                data[key] = [*data.get(key, []), *value]
    named: dict[str, Named] = {}
    alias_index: dict[str, str] = {}
    for row in data.get("named", []):
        entry = Named(
            row["name"],
            row["kind"],
            row.get("country"),
            tuple(row.get("aliases", [row["name"]])),
            bool(row.get("state_organ", False)),
        )
        key = _fold(entry.name)
        named[key] = entry
        for alias in (entry.name, *entry.aliases):
            alias_index.setdefault(_fold(alias), key)
    demonyms: dict[str, str] = {}
    country_names: dict[str, str] = {}
    state_names: dict[str, str] = {}
    with gaz_mod.DEMONYMS_FILE.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            iso3 = row["iso3"]
            for dem in filter(None, row["demonyms"].split("|")):
                demonyms[_fold(dem)] = iso3
            shorts = [s for s in row["short_names"].split("|") if s]
            if shorts:
                state_names.setdefault(iso3, shorts[0])
            for short in shorts:
                country_names[_fold(short)] = iso3
    import pycountry

    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                country_names.setdefault(_fold(value), country.alpha_3)
        state_names.setdefault(country.alpha_3, getattr(country, "common_name", None) or country.name)
    capitals = {_fold(name): iso3 for name, iso3 in gaz_mod.capitals().items()}

    def words(key: str) -> frozenset[str]:
        return frozenset(_fold(w) for w in data.get(key, []))

    return ActorDictionary(
        named=named,
        alias_index=alias_index,
        demonyms=demonyms,
        country_names=country_names,
        state_names=state_names,
        capitals=capitals,
        government_heads=words("government_body_heads"),
        government_words=words("government_body_words"),
        armed_heads=words("armed_heads"),
        population_heads=words("population_heads"),
        person_roles=words("person_roles"),
        media_heads=words("media_heads"),
        non_actor_names=words("non_actor_names"),
        weapon_heads=words("weapon_heads"),
        thing_heads=words("thing_heads"),
        adjective_heads=words("adjective_heads"),
        sponsor_words=words("sponsor_words"),
        local_body_words=words("local_body_words"),
        international_words=words("international_words"),
        state_force_heads=words("state_force_heads"),
        civic_words=words("civic_words"),
        civic_heads=words("civic_heads"),
        ambiguous_countries={
            _fold(name): tuple(codes) for name, codes in (data.get("ambiguous_countries") or {}).items()
        },
    )


@lru_cache(maxsize=4)
def _cached(extra: str | None) -> ActorDictionary:
    return load_dictionary(Path(extra) if extra else None)


def default_dictionary(extra_file: str | Path | None = None) -> ActorDictionary:
    return _cached(str(extra_file) if extra_file else None)


# --- per-article resolution ----------------------------------------------------------------------


def retag_places_named_elsewhere(docs: list[Any], is_actor_word: Any) -> None:
    """A name the article puts on the map in one paragraph is that place in the others too.

    The small model reads one paragraph at a time, so "near the town of Cabaret" (a place) and "fled from
    Cabaret" (a person) disagree; a person or organisation called like a place of the same article is
    that place, unless it acts as a subject or carries an actor word ("Kashmir Liberation Legion")."""
    from spacy.tokens import Span

    placed = {e.text for doc in docs for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")}
    if not placed:
        return
    for doc in docs:
        ents, changed = [], False
        for ent in doc.ents:
            if (
                ent.label_ in ("PERSON", "ORG")
                and not ent.kb_id_
                and ent.text in placed
                and not ent.text.isupper()
                and ent.root.dep_ not in ("nsubj", "nsubjpass")
                and not any(is_actor_word(t.lower_) for t in ent)
            ):
                ents.append(Span(doc, ent.start, ent.end, label="GPE"))
                changed = True
            else:
                ents.append(ent)
        if changed:
            doc.ents = ents


@dataclass
class Mention:
    """One actor mention: the actor id and the exact surface span."""

    actor_id: str
    start: int
    end: int
    sentence: int


@dataclass
class ArticleActors:
    """The actors of one article, keyed canonically, with salience for pronouns and "the ministry"."""

    dictionary: ActorDictionary
    article_id: str
    text: str
    actors: dict[str, Actor] = field(default_factory=dict)
    # In text order (by where a mention ends), not the order the passes register mentions in: "the most
    # recent actor before X" is the one mentioned last before X in the text, even when a later pass
    # registered an earlier one. Mentions ending together keep their order, so a phrase resolved after
    # the name inside it ("the territory's Health Ministry" after "Health Ministry") stays the later.
    history: list[Mention] = field(default_factory=list)
    category: dict[str, str] = field(default_factory=dict)
    affiliation: dict[str, str] = field(default_factory=dict)
    states: dict[str, str] = field(default_factory=dict)
    country_counts: dict[str, int] = field(default_factory=dict)
    pending_alias: tuple[int, int] | None = None
    # Actors the text equates by apposition ("The UN peacekeeping mission, MONUSCO, said"): old -> kept.
    same_as: dict[str, str] = field(default_factory=dict)
    # States of the places the article names so far (gazetteer-tagged entities), per parsed paragraph.
    place_countries: dict[str, int] = field(default_factory=dict)
    counted_docs: set[int] = field(default_factory=set)

    def country_of(self, word: str, doc: Any = None) -> str | None:
        """ISO3 of a country word; an ambiguous name ("Congo") is the candidate state whose places the
        article names most (Goma, Kinshasa: DR Congo), else the usual referent.

        >>> reg = ArticleActors(default_dictionary(), "a", "")
        >>> reg.country_of("Congo"), reg.country_of("Brazzaville")
        ('COD', 'COG')
        """
        iso = self.dictionary.country_of_word(word)
        candidates = self.dictionary.ambiguous_countries.get(re.sub(r"^the ", "", _fold(word)))
        if not candidates:
            return iso
        self._count_places(doc)
        return max(candidates, key=lambda c: (self.place_countries.get(c, 0), -candidates.index(c)))

    def _count_places(self, doc: Any) -> None:
        if doc is None or id(doc) in self.counted_docs:
            return
        self.counted_docs.add(id(doc))
        gazetteer = gaz_mod.default_gazetteer()
        for ent in doc.ents:
            if re.sub(r"^the ", "", _fold(ent.text)) in self.dictionary.ambiguous_countries:
                continue  # "Congo" must not vote for the state the gazetteer happens to file it under
            place = gazetteer.get(ent.kb_id_) if ent.kb_id_ else None
            if place is None and ent.label_ in ("GPE", "LOC"):
                place = next(iter(gazetteer.lookup(ent.text)), None)
            if place is not None and place.country:
                self.place_countries[place.country] = self.place_countries.get(place.country, 0) + 1

    def place_country(self, doc: Any) -> str | None:
        """The state most of the article's places so far lie in (ties: none)."""
        self._count_places(doc)
        ranked = sorted(self.place_countries.items(), key=lambda kv: -kv[1])
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            return None
        return ranked[0][0]

    def add(
        self,
        kind: ActorKind,
        country: str | None,
        name: str,
        start: int,
        end: int,
        sentence: int,
        category: str = "",
        role: str | None = None,
    ) -> str:
        """Record a mention of the canonical actor (kind, country, name) at [start, end)."""
        aid = actor_id(kind.value, country, name)
        if aid not in self.actors and kind is not ActorKind.PERSON:
            aid, kind, country, name = self._same_as_known(aid, kind, country, name)
        surface = self.text[start:end]
        actor = self.actors.get(aid)
        if actor is None:
            actor = Actor(id=aid, name=name, actor_kind=kind, country=country, aliases=[], role=role)
            self.actors[aid] = actor
            self.category[aid] = category or kind.value
        if surface and surface not in actor.aliases:
            actor.aliases.append(surface)
        if role and not actor.role:
            actor.role = role
        if all(e.start != start for e in actor.evidence):
            actor.evidence.append(
                Evidence(article_id=self.article_id, sentence=sentence, start=start, end=end, quote=surface)
            )
        self._remember(Mention(aid, start, end, sentence))
        if country:
            self.country_counts[country] = self.country_counts.get(country, 0) + 1
        return aid

    def _same_as_known(
        self, aid: str, kind: ActorKind, country: str | None, name: str
    ) -> tuple[str, ActorKind, str | None, str]:
        """An acronym of an actor already named ("JDU" after "the Jazira Defence Units"), or the same
        name under another kind or country, is that actor."""
        folded = normalise(name)
        if kind is ActorKind.ARMED_GROUP and country:
            force = self._national_force_of(name, country)
            if force is not None:
                other = self.actors[force]
                return other.id, other.actor_kind, other.country, other.name
        group = self.group_of(name)
        if group is not None:
            other = self.actors[group]
            return other.id, other.actor_kind, other.country, other.name
        short = self._short_form_of(name)
        if short is not None:
            other = self.actors[short]
            return other.id, other.actor_kind, other.country, other.name
        for other in self.actors.values():
            if other.actor_kind is ActorKind.PERSON:
                continue
            if (
                normalise(other.name) == folded
                or (name.isupper() and 2 <= len(name) <= 8 and _initials(other.name) == name)
                or (other.name.isupper() and 2 <= len(other.name) <= 8 and _initials(name) == other.name)
            ):
                if other.name.isupper() and not name.isupper():
                    continue  # keep the first, spelled-out form as the key
                return other.id, other.actor_kind, other.country, other.name
        return aid, kind, country, name

    def _short_form_of(self, name: str) -> str | None:
        """ "The Observatory" after "the Syrian Observatory for Human Rights", "the Commission" after "the
        National Human Rights Commission": one capitalised word that is the head of exactly one name
        already met is that actor's short form."""
        words = [w for w in name.split() if w.lower() != "the"]
        if len(words) != 1 or not words[0][:1].isupper() or words[0].isupper():
            return None
        if self.dictionary.country_of_word(words[0]):
            return None
        hits = {
            other.id
            for other in self.actors.values()
            if other.actor_kind is not ActorKind.PERSON and name_head(other.name) == words[0]
        }
        return hits.pop() if len(hits) == 1 else None

    def _described_acronym(self, actor: Actor, merged: dict[str, str]) -> str | None:
        """ "The SBU" after "Ukraine's SBU security service": an acronym met with lower-case words that
        say what it is, is that body. "The UN" after "the UN Security Council" is not: there the acronym
        opens another name."""
        name = actor.name
        if not (name.isupper() and 2 <= len(name) <= 8 and name.isalpha()):
            return None
        hits = set()
        for other in self.actors.values():
            if other.actor_kind is ActorKind.PERSON or other.id == actor.id or other.id in merged:
                continue
            for alias in other.aliases:
                words = alias.replace("\u2019", "'").split()
                if name in words:
                    rest = words[words.index(name) + 1 :]
                    if rest and all(w in _ACRONYM_CLASSIFIERS for w in rest):
                        hits.add(other.id)
        return hits.pop() if len(hits) == 1 else None

    def _national_force_of(self, name: str, country: str) -> str | None:
        """ "two Chinese cutters", "the Chinese vessels" after "China Coast Guard": a state's craft
        described by nationality are the one named force of that state the article has."""
        words = [w for w in name.split() if w.lower() not in ("the", "a", "an") and not _COUNT_WORD.match(w)]
        if len(words) < 2 or self.dictionary.country_of_word(words[0]) != country:
            return None
        rest = words[1:]
        if any(not w.islower() or w in self.dictionary.armed_heads for w in rest):
            return None  # "Chinese maritime militia" is a force of its own
        hits = [
            a.id
            for a in self.actors.values()
            if a.actor_kind is ActorKind.ARMED_GROUP and a.country == country and a.name[:1].isupper()
        ]
        return hits[0] if len(hits) == 1 else None

    def group_of(self, name: str) -> str | None:
        """The named armed group a short or plural form points to: "Houthi", "Houthi fighters" after
        "the Houthis"; "the Mitiga Guard" after "the Mitiga Guard Brigade"; "Hadba fighters" after "the
        Hadba Security Battalion" (only when one group fits)."""
        words = normalise(name).split()
        if words[:1] == ["the"]:
            words = words[1:]
        generic = bool(words) and (words[-1] in _GROUP_WORDS or words[-1] in self.dictionary.armed_heads)
        if generic:
            words = words[:-1]
        if not words or (not name[:1].isupper() and not name.lower().startswith("the ")):
            return None
        if not any(w[:1].isupper() for w in re.sub(r"^(the|The)\s+", "", name).split()[: len(words)]):
            return None
        if self.dictionary.country_of_word(" ".join(words)) or any(
            self.dictionary.country_of_word(w) for w in words[:1]
        ):
            return None  # "Syrian fighters" names a nationality, not a group
        key = [w.removesuffix("s") for w in words]
        hits = []
        for other in self.actors.values():
            if other.actor_kind is not ActorKind.ARMED_GROUP or normalise(other.name) == normalise(name):
                continue
            theirs = [w for w in normalise(other.name).split() if w != "the"]
            if theirs and theirs[-1] in _GROUP_WORDS and len(theirs) > 1:
                theirs = theirs[:-1]
            theirs = [w.removesuffix("s") for w in theirs]
            if key == theirs or (generic and len(key) < len(theirs) and theirs[: len(key)] == key):
                hits.append(other.id)
        return hits[0] if len(hits) == 1 else None

    def last_called(self, word: str, before: int) -> str | None:
        """The armed group mentioned last before offset ``before`` under a name or alias with a word that
        starts with ``word`` ("the rebels" after "the rebel Kivu Renewal Alliance")."""
        for m in reversed(self.history):
            actor = self.actors.get(m.actor_id)
            if m.start >= before or actor is None or actor.actor_kind is not ActorKind.ARMED_GROUP:
                continue
            if any(w.startswith(word) for x in [actor.name, *actor.aliases] for w in x.lower().split()):
                return actor.id
        return None

    def again(self, aid: str, start: int, end: int, sentence: int) -> str:
        """One more mention, at [start, end), of the actor ``aid`` already recorded ("the ministry", "the
        army" pointing back)."""
        known = self.actors[aid]
        return self.add(known.actor_kind, known.country, known.name, start, end, sentence)

    def add_alias(self, aid: str, start: int, end: int, sentence: int) -> None:
        """One more surface form of a known actor (an apposition, a role phrase)."""
        actor = self.actors[aid]
        surface = self.text[start:end]
        if surface and surface not in actor.aliases:
            actor.aliases.append(surface)
        self._remember(Mention(aid, start, end, sentence))

    def _remember(self, mention: Mention) -> None:
        bisect.insort(self.history, mention, key=lambda m: m.end)

    def state(self, iso3: str, start: int, end: int, sentence: int) -> str:
        aid = self.add(ActorKind.STATE, iso3, self.dictionary.state_name(iso3), start, end, sentence, "state")
        self.states[iso3] = aid
        return aid

    def ensure_state(self, iso3: str) -> str:
        """The state actor of ``iso3`` (created without a surface form when only its bodies are named)."""
        if iso3 in self.states:
            return self.states[iso3]
        name = self.dictionary.state_name(iso3)
        aid = actor_id(ActorKind.STATE.value, iso3, name)
        if aid not in self.actors:
            self.actors[aid] = Actor(id=aid, name=name, actor_kind=ActorKind.STATE, country=iso3)
            self.category[aid] = "state"
        self.states[iso3] = aid
        return aid

    def last(
        self,
        before: int,
        categories: set[str],
        within_sentences: int = 99,
        sentence: int = 0,
        singular: bool = False,
        uncounted: bool = False,
        exclude: frozenset[str] = frozenset(),
    ) -> str | None:
        """The most recent actor of one of ``categories`` mentioned before offset ``before``; with
        ``singular``, not one named by a plural common noun ("it" is not "combatants", but it may be the
        "Rapid Support Forces"); with ``uncounted``, not men counted in a toll ("the army" after "killed
        more than 20 soldiers" is the force named before, not those 20); never one in ``exclude``."""
        for m in reversed(self.history):
            if m.start >= before:
                continue
            if sentence - m.sentence > within_sentences:
                return None
            if self.category.get(m.actor_id) not in categories or m.actor_id in exclude:
                continue
            if singular and _plural_common(self.text[m.start : m.end]):
                continue
            if uncounted and _COUNT_WORD.match(self.actors[m.actor_id].name.split()[0]):
                continue
            return m.actor_id
        return None

    def dominant_country(self) -> str | None:
        if not self.country_counts:
            return None
        return sorted(self.country_counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    def merge_duplicates(self) -> dict[str, str]:
        """Merge actors that share a surface form ("a local administrator" said …; later "Josué Mukendi,
        a local administrator"): the first-mentioned keeps its key. Returns old id → kept id."""
        owner: dict[str, str] = {}
        merged: dict[str, str] = {}
        for old, kept in self.same_as.items():
            while kept in self.same_as and self.same_as[kept] != old:
                kept = self.same_as[kept]
            if old == kept or old not in self.actors or kept not in self.actors or old in merged:
                continue
            _absorb(self.actors[kept], self.actors[old])
            merged[old] = kept
        order = sorted(
            self.actors.values(), key=lambda a: min((e.start or 0 for e in a.evidence), default=1 << 30)
        )
        for actor in order:
            if actor.id in merged:
                continue
            # A bare common noun ("the ministry", "the group") points back to whichever actor was last
            # named; two actors both called so are not one.
            keys = {
                k
                for k in (re.sub(r"^(the|a|an) ", "", _fold(x)) for x in actor.aliases if not _bare_noun(x))
                if k
            }
            hit = next((owner[k] for k in sorted(keys) if k in owner and owner[k] != actor.id), None)
            if hit is not None and hit not in merged and self._misread_person(self.actors[hit], actor, keys):
                # "U Pyinnya" taken once for an organisation, once for the person: one person, so claims
                # made under either mention are his.
                org = self.actors[hit]
                _absorb(actor, org)
                merged[org.id] = actor.id
                for k, v in list(owner.items()):
                    if v == org.id:
                        owner[k] = actor.id
                for k in keys:
                    owner.setdefault(k, actor.id)
                continue
            if hit is not None and self.actors[hit].actor_kind is actor.actor_kind:
                keep = self.actors[hit]
                _absorb(keep, actor)
                keep.role = keep.role or actor.role
                merged[actor.id] = hit
                continue
            for k in keys:
                owner.setdefault(k, actor.id)
        # "a local administrator" said …; later "Josué Mukendi, the administrator of …": one person.
        named_by_role: dict[str, list[str]] = {}
        for actor in self.actors.values():
            if actor.id in merged or actor.actor_kind is not ActorKind.PERSON or not actor.name[:1].isupper():
                continue
            # The role, and role phrases the text put beside the name ("the governor, General X").
            roles = [actor.role] if actor.role else []
            roles += [a for a in actor.aliases if a[:1].islower() or a.split()[0] in ("The", "A", "An")]
            for role in roles:
                if not role.split():
                    continue
                named_by_role.setdefault(role.split()[0 if " of " in role else -1].lower(), []).append(
                    actor.id
                )
                named_by_role.setdefault(role.split()[-1].lower(), []).append(actor.id)
        for actor in order:
            if actor.id in merged or actor.actor_kind is not ActorKind.PERSON or actor.name[:1].isupper():
                continue
            head = actor.name.split()[-1].lower()
            candidates = sorted(set(named_by_role.get(head, [])))
            if len(candidates) == 1 and candidates[0] not in merged:
                _absorb(self.actors[candidates[0]], actor)
                merged[actor.id] = candidates[0]
        for actor in order:
            described = None if actor.id in merged else self._described_acronym(actor, merged)
            if described is not None:
                _absorb(self.actors[described], actor)
                merged[actor.id] = described
        self._generic_forces_to_nation(merged)
        for old, kept in list(merged.items()):
            seen = {old}
            while kept in merged and kept not in seen:
                seen.add(kept)
                kept = merged[kept]
            merged[old] = kept
        for old in merged:
            del self.actors[old]
        for actor in self.actors.values():
            if actor.parent_id in merged:
                actor.parent_id = merged[actor.parent_id]
        for k, v in list(self.affiliation.items()):
            self.affiliation[merged.get(k, k)] = merged.get(v, v)
        return merged

    def _generic_forces_to_nation(self, merged: dict[str, str]) -> None:
        """A bare "army" or "the military" with no country ("Army says it repelled attack", then "The army
        said …") is the national force of the one state whose forces the article names ("Malian army
        spokesman Colonel X", "the Malian army"). With forces of two states, or none, it stays unplaced:
        the article does not say which."""
        generic = [
            a
            for a in self.actors.values()
            if a.id not in merged
            and a.actor_kind is ActorKind.ARMED_GROUP
            and a.country is None
            and re.sub(r"^(the|a|an) ", "", _fold(a.name)) in _GENERIC_FORCES
        ]
        if not generic:
            return
        national: dict[str, str | None] = {}
        for a in self.actors.values():
            if a.id in merged or a.id in {g.id for g in generic} or not a.country:
                continue
            if a.actor_kind is ActorKind.ARMED_GROUP and a.name == national_forces_name(
                self.dictionary.state_name(a.country)
            ):
                national[a.country] = a.id
            elif a.actor_kind is ActorKind.PERSON and a.role:
                words = a.role.split()
                # "Malian army spokesman": the person speaks for the forces of the state the role names
                for w, nxt in itertools.pairwise(words):
                    iso = self.dictionary.country_of_word(w)
                    if iso and _fold(nxt) in _GENERIC_FORCES:
                        national.setdefault(iso, None)
        if len(national) != 1:
            return
        country, target = next(iter(national.items()))
        if target is None:
            first = generic[0]
            name = national_forces_name(self.dictionary.state_name(country))
            target = actor_id(ActorKind.ARMED_GROUP.value, country, name)
            self.actors[target] = Actor(
                id=target,
                name=name,
                actor_kind=ActorKind.ARMED_GROUP,
                country=country,
                aliases=[],
                parent_id=self.ensure_state(country),
                role=first.role,
            )
            self.category[target] = self.category.get(first.id, "army")
        keep = self.actors[target]
        for g in generic:
            _absorb(keep, g)
            merged[g.id] = target
        keep.evidence.sort(key=lambda e: e.start or 0)

    def _misread_person(self, first: Actor, later: Actor, keys: set[str]) -> bool:
        """``first`` is an organisation NER made of a capitalised name that ``later`` shows is a person."""
        if first.actor_kind is not ActorKind.ORGANISATION or later.actor_kind is not ActorKind.PERSON:
            return False
        if self.dictionary.lookup_named(first.name) is not None:
            return False  # a known organisation keeps its kind
        shared = {re.sub(r"^(the|a|an) ", "", _fold(x)) for x in first.aliases} & keys
        return any(k and not self.dictionary.is_actor_word(k.split()[-1]) for k in shared) and all(
            x[:1].isupper() for x in first.aliases
        )

    def same_side(self, a: str, b: str) -> bool:
        """Two actors speak for the same side: one belongs to the other, they share a parent, or both
        are organs of one state (its ministries and armed forces)."""
        if a == b:
            return True
        sa, sb = self.side_of(a), self.side_of(b)
        if sa & sb:
            return True
        ca, cb = self.state_countries(sa), self.state_countries(sb)
        return bool((ca & cb) - {None})

    def state_countries(self, side: set[str], people: bool = False) -> set[str | None]:
        """The countries whose state one of ``side`` speaks for: a state, its government bodies and its
        army; with ``people``, a person of that country too (an official reporting what its army did). A
        rebel group, a militia, an organisation or a people ("Sudanese activists") has a country without
        speaking for its state."""
        cats = _OFFICIAL | {"person"} if people else _OFFICIAL
        return {self.actors[x].country for x in side if x in self.actors and self.category.get(x) in cats}

    def side_of(self, aid: str | None) -> set[str]:
        """The actor and those it speaks for or belongs to (a spokesman's ministry, a body's state). A
        description found to be a named actor ("an armed group" after "Jabhat al-Sahil") is that actor
        already, before the registry merges the two."""
        out: set[str] = set()
        if aid in self.same_as:
            out.add(aid)
            aid = self.same_as[aid]
        while aid and aid not in out:
            out.add(aid)
            actor = self.actors.get(aid)
            nxt = self.affiliation.get(aid) or (actor.parent_id if actor else None)
            aid = nxt
        return out


# --- noun phrases → actors --------------------------------------------------------------------------

# Actor categories that speak for a state (ArticleActors.state_countries).
_OFFICIAL = frozenset({"state", "government_body", "army"})

_PERSON_PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "his": "person"}
_THING_PRONOUNS = {"it", "its"}


def _absorb(keep: Actor, other: Actor) -> None:
    """Fold ``other``'s aliases and the evidence of its other mentions into ``keep`` (a merge)."""
    for alias in other.aliases:
        if alias not in keep.aliases:
            keep.aliases.append(alias)
    keep.evidence.extend(e for e in other.evidence if all(e.start != k.start for k in keep.evidence))


def _plural_common(surface: str) -> bool:
    """ "combatants", "the militants", "two soldiers": a mention ending in a lower-case plural noun."""
    words = surface.split()
    last = words[-1] if words else ""
    return last.islower() and last.endswith("s") and not last.endswith("ss")


_GROUP_PRONOUNS = {"they", "them", "their"}
_ORG_WORDS = re.compile(
    r"\b(forces|army|brigades?|front|alliance|movement|militias?|rebels|coalition|group|battalion|"
    r"liberation|resistance|mujahideen|jihad|cartel|gang|guard|shabaab|taliban)\b",
    re.I,
)
# "the agency", "the UN agency", "the U.N. aid agency": words of a phrase that points back to an
# organisation named before.
_AGENCY_WORDS = frozenset(
    ["the", "this", "that", "un", "u.n.", "agency", "aid", "relief", "humanitarian", "its"]
)
# Words that make a named council or committee an armed group's ("Mujahideen Council").
_ARMED_NAME = re.compile(r"\b(mujahideen|mujahidin|jihad|jihadist|militia|brigades?|liberation)\b", re.I)
# Geographic features whose names hold a country's ("Lake Chad", "Gulf of Guinea").
_FEATURE_WORDS = frozenset(["lake", "gulf", "river", "sea", "mount", "mountains", "bay", "basin"])

# Last words that make a name an institution's, never a person's ("the Kisal Observatory").
_INSTITUTION = re.compile(
    r"\b(observatory|institute|foundation|centre|center|network|association|society|league|union|"
    r"initiative|watch|monitor|collective|coalition|federation|syndicate|trust|guild|chamber|"
    r"cooperative|co-operative)$",
    re.I,
)


# Names of a state's forces that say nothing of which state ("the army", "Army says …").
_GENERIC_FORCES = frozenset({"army", "military", "armed forces"})


def national_forces_name(state_name: str) -> str:
    """The canonical name of a state's armed forces.

    >>> national_forces_name("Mali")
    'Armed Forces of Mali'
    """
    return f"Armed Forces of {state_name}"


def _with_name_modifiers(ent: Any) -> Any:
    """The entity widened over the capitalised words just before it that modify it inside the same name.

    NER often labels only the head of a society's name, or a place word as a separate entity: "the
    Damboa Hunters' Guild" (Guild), "the Kenya Red Cross Society" (Kenya + Red Cross Society).
    """
    doc = ent.doc
    start = ent.start
    while start > 0:
        prev = doc[start - 1]
        if prev.dep_ == "case" and prev.text in ("'", "\u2019") and start >= 2 and prev.head.i == start - 2:
            # "Hunters' Guild": a plural owner is inside the name; "Russia's Gazprom" ('s) is outside it.
            prev = doc[start - 2]
        if not (
            prev.is_title
            and prev.pos_ == "PROPN"
            and prev.dep_ in ("compound", "poss")
            and (ent.start <= prev.head.i < ent.end or prev.i < prev.head.i < ent.start)
        ):
            break
        start = prev.i
    return doc[start : ent.end]


# Words that say what an acronym is ("the SBU security service", "the M23 rebel group"), as against
# words for a part of it ("the AU mission", "UN troops"), which are other actors.
_ACRONYM_CLASSIFIERS = frozenset(
    {
        "security",
        "intelligence",
        "service",
        "agency",
        "group",
        "rebel",
        "rebels",
        "militia",
        "paramilitary",
        "paramilitaries",
        "guerrilla",
        "guerrillas",
        "insurgent",
        "armed",
        "movement",
        "party",
        "alliance",
        "coalition",
        "organisation",
        "organization",
        "network",
    }
)


# Words for an armed side that do not name it ("the rebels", "rebel-held", "militant-controlled").
GENERIC_HOLDERS = frozenset({"rebel", "insurgent", "militant", "jihadist", "separatist", "militia"})


def _without_state_owner(toks: list[Any], d: ActorDictionary) -> list[Any]:
    """ "Russia's Gazprom" is Gazprom: a country that owns a name is outside it (the phrase stays the
    alias). A plural owner is inside it ("the Hunters' Guild")."""
    for i, t in enumerate(toks[:-1]):
        if t.dep_ == "case" and t.lower_ in ("'s", "\u2019s") and 0 < i < len(toks) - 1:
            owner = "".join(x.text_with_ws for x in toks[:i]).strip()
            owner = re.sub(r"^(the|The)\s+", "", owner)
            if toks[i + 1].pos_ == "PROPN" and d.country_of_word(owner):
                return toks[i + 1 :]
            break
    return toks


def _org_name(span: Any) -> str:
    """An organisation's name without the article word that opens the phrase ("the", or "The" starting
    a sentence); "The" inside a sentence is part of a title ("reported by The Guardian")."""
    first = span[0]
    if first.lower_ == "the" and (first.text == "the" or first.is_sent_start):
        return str(span[1:].text)
    return str(span.text)


_BODY_WORDS = re.compile(
    r"\b(ministry|office|council|presidency|government|parliament|directorate|department|commission|"
    r"agency|authority|authorities|administration|embassy|service|prosecutor|court|police)\b",
    re.I,
)
_MEDIA_WORDS = re.compile(
    r"\b(news|agency|tv|television|radio|times|post|press|broadcast\w*|channel)\b", re.I
)
_CUT_DEPS = frozenset({"relcl", "acl", "advcl", "cc", "conj", "punct", "appos", "prep_cut"})
_DETS = frozenset({"the", "a", "an", "this", "that", "these", "those"})


_GENERIC_DEFINITE = frozenset(
    {
        "people",
        "attack",
        "strike",
        "report",
        "reports",
        "statement",
        "claim",
        "accusation",
        "government",
        "side",
        "state",
        "area",
        "town",
        "village",
    }
)
_MEMBER_WORDS = frozenset(
    {
        "leader",
        "leaders",
        "leadership",
        "member",
        "members",
        "fighter",
        "fighters",
        "men",
        "ranks",
        "commanders",
        "militants",
    }
)
# "a trader who gave his name as Innocent", "the leader, who goes by the name Bout Chenn", "a fighter who
# identified himself only as Abu Omar": a relative clause with these verbs names the person described.
_NAMING_VERBS = frozenset(["give", "go", "identify", "introduce"])
# Units a force sends out ("a military column", "military patrols"): with "military" they are its forces.
_MILITARY_UNITS = frozenset({"column", "columns", "convoy", "convoys", "unit", "units", "patrol", "patrols"})
_NAMING_WORDS = frozenset(["name", "himself", "herself"])
_NAMING_FILLER = frozenset(["only", "simply", "as", "by", "the", "his", "her", "first", "full", "name", ","])
_COUNT_WORD = re.compile(
    r"^(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|dozens|several|some|many|more|other)$",
    re.I,
)
_COLLECTIVE_WORDS = frozenset(
    {
        "collective",
        "group",
        "association",
        "network",
        "union",
        "observatory",
        "monitor",
        "team",
        "committee",
        "council",
        "coalition",
        "federation",
        "alliance",
        "society",
        "foundation",
        "institute",
        "centre",
        "center",
        "hospital",
        "clinic",
        "staff",
        "tribunal",
        "court",
        "mission",
    }
)


_FIRST_PERSON = frozenset({"our", "my"})
# Verbs whose counted unspecific subject or object is a death or injury toll ("15 people had died",
# "the strike killed 19 people"); the counted people are a figure of the incident.
_TOLL_VERBS = frozenset({"die", "perish", "succumb", "kill", "injure", "wound", "hurt"})
# Counted soldiers stay: a state's killed soldiers are victims the story names (a unit, "four soldiers").
_TOLL_NOUNS = frozenset({"people", "person", "persons", "fighters", "militants", "insurgents"})


def _counted_toll(head: Any, toks: list[Any]) -> bool:
    """``head`` is counted people who died or were killed or hurt ("at least 16 people have died")."""
    if head.lower_ not in _TOLL_NOUNS or not any(t.like_num or t.pos_ == "NUM" for t in toks):
        return False
    verb = head.head
    return (
        head.dep_ in ("nsubj", "nsubjpass", "dobj")
        and verb.pos_ in ("VERB", "AUX")
        and verb.lemma_.lower() in _TOLL_VERBS
    )


def _after_bracketed_acronym(head: Any) -> bool:
    """The noun phrase of ``head`` follows "Name (ACRONYM),"."""
    doc = head.doc
    first = min(t.i for t in head.subtree)
    return bool(
        first >= 5
        and doc[first - 1].text == ","
        and doc[first - 2].text == ")"
        and doc[first - 4].text == "("
        and doc[first - 3].text.isupper()
    )


def full_phrase(head: Any) -> list[Any]:
    """The whole noun phrase with its relative clauses ("a trader who gave his name as Innocent"),
    without appositions, conjuncts or surrounding punctuation."""
    cut: set[int] = set()
    for c in head.children:
        if c.dep_ in ("appos", "cc", "conj") or (c.dep_ == "punct" and c.i > head.i):
            cut.update(t.i for t in c.subtree)
    toks = [t for t in head.subtree if t.i not in cut]
    lo = hi = toks.index(head)
    while lo > 0 and toks[lo - 1].i == toks[lo].i - 1:
        lo -= 1
    while hi < len(toks) - 1 and toks[hi + 1].i == toks[hi].i + 1:
        hi += 1
    run = toks[lo : hi + 1]
    while len(run) > 1 and (run[-1].is_punct or run[-1].dep_ == "cc"):
        run.pop()
    while len(run) > 1 and (run[0].is_punct or run[0].dep_ == "cc"):
        run.pop(0)
    return run


def np_tokens(head: Any, keep_prep: bool = True) -> list[Any]:
    """The tokens of the noun phrase headed by ``head``: no relative clauses, conjuncts or appositions."""
    out = [head]
    # "accused the rebels of a deliberate crime": when the parser hangs the of-phrase on the accused, it is
    # still the accusation, not part of the name.
    verb = head.head if head.dep_ in ("dobj", "conj") else None
    while verb is not None and verb.dep_ == "conj" and verb.pos_ != "VERB":
        verb = verb.head
    of_is_content = (
        verb is not None
        and verb.lemma_.lower() in ("accuse", "charge", "suspect", "convict")
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in verb.children)
    )
    for child in head.children:
        if of_is_content and child.dep_ == "prep" and child.lower_ == "of":
            continue
        if child.dep_ in _CUT_DEPS and not _joins_words(child):
            continue
        if child.dep_ == "prep" and (not keep_prep or child.lower_ not in ("of", "for", "in", "from", "at")):
            continue
        if child.dep_ == "prep" and any(
            g.dep_ == "pcomp" or g.tag_ == "VBG" or g.text in '"“”' for g in child.subtree
        ):
            continue  # "the army of burning homes": the of-phrase is what the army is accused of
        out.extend(t for t in child.subtree if t.dep_ not in ("relcl", "acl") or t.i == child.i)
    # A participle or relative clause below a prep child is cut too.
    cut: set[int] = set()
    for t in out:
        if t.i != head.i and t.dep_ in ("relcl", "acl", "appos", "advcl"):
            cut.update(x.i for x in t.subtree)
    toks = sorted((t for t in out if t.i not in cut), key=lambda t: t.i)
    toks = [t for t in toks if t.dep_ != "preconj"]  # "both the army and …"
    # Keep a contiguous run around the head.
    lo = hi = toks.index(head)
    while lo > 0 and toks[lo - 1].i == toks[lo].i - 1:
        lo -= 1
    while hi < len(toks) - 1 and toks[hi + 1].i == toks[hi].i + 1:
        hi += 1
    run = toks[lo : hi + 1]
    # "A local official in Hombori, who asked not to be named": when the parser loses the relative
    # clause, its pronoun is left at the end of the phrase.
    while (
        run
        and (run[-1].is_punct or run[-1].dep_ in ("cc", "case") or run[-1].tag_ in ("WP", "WDT", "WP$"))
        and run[-1].i != head.i
    ):
        run.pop()
    while run and (run[0].is_punct or run[0].dep_ == "cc") and run[0].i != head.i:
        run.pop(0)
    return run


def _joins_words(tok: Any) -> bool:
    """A hyphen written inside a word ("Marie-Claude", "Brigadier-General") belongs to the phrase."""
    return (
        tok.text == "-"
        and tok.i > 0
        and not tok.whitespace_
        and not tok.doc[tok.i - 1].whitespace_
        and tok.i + 1 < len(tok.doc)
    )


def _role_phrase(head: Any, toks: list[Any]) -> list[Any]:
    """The role phrase's tokens and the nouns of its prepositional chain ("adviser to the commander"),
    where a name in apposition may hang."""
    out = list(toks)
    frontier = [head]
    for _ in range(3):
        preps = [c for t in frontier for c in t.children if c.dep_ == "prep"]
        nxt = [g for c in preps for g in c.children if g.dep_ == "pobj"]
        out.extend(nxt)
        frontier = nxt
    return out


def _name_run(ap: Any) -> Any:
    """The apposition as a span when all its words are capitalised (a name, maybe with titles), else None."""
    sub = sorted(ap.subtree, key=lambda t: t.i)
    while sub and sub[-1].is_punct:
        sub.pop()
    while sub and sub[0].is_punct:
        sub.pop(0)
    if not sub or len(sub) > 6 or sub[-1].i - sub[0].i + 1 != len(sub):
        return None
    if not all(t.is_title or (t.text.isupper() and t.is_alpha) for t in sub):
        return None
    return ap.doc[sub[0].i : sub[-1].i + 1]


class ActorResolver:
    """Resolves spaCy noun-phrase heads of one article to actor ids in an :class:`ArticleActors`."""

    def __init__(self, registry: ArticleActors) -> None:
        self.reg = registry
        self.d = registry.dictionary
        self.cache: dict[tuple[int, int, frozenset[str]], str | None] = {}
        # The speaker's side while the content of its statement is read: "they" in a spokesman's
        # accusation is not his own organisation.
        self.avoid: frozenset[str] = frozenset()
        # Offices named by two roles ("Resident and Humanitarian Coordinator") → the person named holding it.
        self.office_holders: dict[tuple[str, str], str] = {}

    def resolve(self, head: Any, offset: int, sentence: int, speaker: bool = False) -> str | None:
        # Only a pronoun's answer depends on the side to avoid; a name resolves once.
        avoid = (
            self.avoid if head.lower_ in _GROUP_PRONOUNS or head.lower_ in _THING_PRONOUNS else frozenset()
        )
        key = (offset + head.idx, int(speaker), avoid)
        if key not in self.cache:
            found = self._resolve(head, offset, sentence, speaker)
            self.cache[key] = found
            if found and (head.dep_ == "appos" or _after_bracketed_acronym(head)):
                self._description_after_name(head, offset, sentence, found)
        return self.cache[key]

    def _description_after_name(self, head: Any, offset: int, sentence: int, described: str) -> None:
        """ "… on the Sanaa Defence Brigades, an armed group loyal to …", also when NER missed the name
        or the parser hangs the apposition on an earlier noun: a described group right after a comma
        that follows a name describes that name."""
        doc = head.doc
        first = min(t.i for t in head.subtree)
        if first < 2 or doc[first - 1].text != "," or head.pos_ != "NOUN":
            return
        name = doc[first - 2]
        if _after_bracketed_acronym(head):
            # "the Jazira Defence Units (JDU), the Kurdish-led armed force": the name before the acronym.
            name = doc[first - 5]
        if name.pos_ != "PROPN" or name.ent_type_ in ("PERSON", "GPE", "DATE", "LOC"):
            return
        if lemma_is(head, self.d.person_roles) or not (
            lemma_is(head, self.d.armed_heads) or lemma_is(head, _COLLECTIVE_WORDS)
        ):
            return
        if any(m.actor_id == described and m.start < offset + doc[first].idx for m in self.reg.history):
            return
        named = self.resolve(name, offset, sentence)
        if not named or named == described:
            return
        kinds = {self.reg.actors[x].actor_kind for x in (named, described) if x in self.reg.actors}
        if kinds & {ActorKind.PERSON, ActorKind.STATE, ActorKind.POPULATION_GROUP}:
            return
        self.reg.same_as[described] = named

    def link_apposition(self, ent: Any, offset: int, sentence: int) -> None:
        """A named organisation in apposition to a described one is the same actor ("The UN peacekeeping
        mission, MONUSCO, said"; "the state news agency, NNA")."""
        root = ent.root
        head = root.head
        self._link_description(ent, offset, sentence)
        if (
            root.dep_ != "appos"
            or ent.label_ != "ORG"
            or head.pos_ != "NOUN"
            or head.ent_type_
            or head.is_upper
        ):
            return  # only a described head ("the mission"), not a name or a dateline place
        if not _adjacent_apposition(head, root):
            return
        named = self.resolve(root, offset, sentence)
        described = self.resolve(head, offset, sentence, speaker=True)
        if not named or not described or named == described:
            return
        kinds = {self.reg.actors[x].actor_kind for x in (named, described) if x in self.reg.actors}
        if kinds & {ActorKind.PERSON, ActorKind.STATE, ActorKind.POPULATION_GROUP}:
            # A person's organisation, a state and its body, or victims and a militia are two actors.
            return
        self.reg.same_as[described] = named

    def _link_description(self, ent: Any, offset: int, sentence: int) -> None:
        """A described group in apposition after a named one is the same actor ("Katiba Gourma, an armed
        group active near the border"; "the Walendu Defenders Union, a militia that …"; "the National
        Unity Government, the administration in exile"), so "the group" later points back to the name."""
        root = ent.root
        if ent.label_ == "PERSON" and not (_INSTITUTION.search(ent.text) or _group_apposition(root, self.d)):
            return
        if root.pos_ != "PROPN":
            return
        for ap in root.children:
            if (
                ap.dep_ != "appos"
                or ap.pos_ != "NOUN"
                or ap.ent_type_
                or ap.i < root.i
                or lemma_is(ap, self.d.person_roles)
                or not (
                    lemma_is(ap, self.d.armed_heads)
                    or lemma_is(ap, _COLLECTIVE_WORDS)
                    or lemma_is(ap, self.d.government_heads)
                )
            ):
                continue
            named = self.resolve(root, offset, sentence)
            described = self.resolve(ap, offset, sentence, speaker=True)
            if not named or not described or named == described:
                continue
            kinds = {self.reg.actors[x].actor_kind for x in (named, described) if x in self.reg.actors}
            if kinds & {ActorKind.PERSON, ActorKind.STATE, ActorKind.POPULATION_GROUP}:
                continue
            if lemma_is(ap, self.d.government_heads) and not kinds <= {
                ActorKind.GOVERNMENT_BODY,
                ActorKind.ORGANISATION,
            }:
                continue  # "the Kivu Liberation Front, a charge Uganda's ministry rejected": a misparse
            at = offset + min(t.idx for t in ap.subtree)
            if any(m.actor_id == described and m.start < at for m in self.reg.history):
                continue  # the description points back to an actor met before ("gunmen … a militia")
            self.reg.same_as[described] = named

    def resolve_all(self, head: Any, offset: int, sentence: int, speaker: bool = False) -> list[str]:
        """The actors of a head and its conjuncts ("the army and its allied militias")."""
        out = []
        for tok in [head, *head.conjuncts]:
            if tok.i < head.i:
                continue
            aid = self.resolve(tok, offset, sentence, speaker)
            if aid and aid not in out:
                out.append(aid)
        return out

    # Heads are resolved in this order: pronoun, named entity, head-noun category.
    def _resolve(self, head: Any, offset: int, sentence: int, speaker: bool) -> str | None:
        reg = self.reg
        low = head.lower_
        at = offset + head.idx
        if low in ("which", "who", "that") and head.head.dep_ == "relcl":
            return self.resolve(head.head.head, offset, sentence, speaker)
        whose = next((c for c in head.children if c.dep_ == "poss" and c.lower_ == "whose"), None)
        if whose is not None and head.head.dep_ == "relcl" and head.pos_ == "NOUN":
            # "the monitoring mission, whose observers patrol the line": the mission's own people.
            return self.resolve(head.head.head, offset, sentence, speaker)
        office = self._office_of_two_roles(head)
        if office is not None:
            first_role, last_role = office
            # "the United Nations Resident and Humanitarian Coordinator for Sudan, Margit Ellefsen": one
            # office held by one person, not an organisation "United Nations Resident" and another.
            named = next(
                (
                    e
                    for e in ents_of(head.doc)
                    if e.label_ == "PERSON"
                    and e.start > last_role.i
                    and e.start - 1 >= 0
                    and head.doc[e.start - 1].text == ","
                    and e.sent.start == head.sent.start
                ),
                None,
            )
            key = (first_role.lower_, last_role.lower_)
            if named is not None:
                holder = self.resolve(named.root, offset, sentence, speaker)
                if holder:
                    self.office_holders[key] = holder
                return holder
            # "The Resident and Humanitarian Coordinator urges …" later on: whoever was named holding it.
            return self.office_holders.get(key) or (
                reg.last(at, {"person"}, 6, sentence) if speaker else None
            )
        if head.pos_ == "DET" and head.ent_type_:
            # An entity that starts with its article ("the Jebel Forces Alliance" before "rebel group")
            # can have the article as its root: the name is the last word of the entity.
            ent = next((e for e in ents_of(head.doc) if e.start <= head.i < e.end), None)
            if ent is not None and ent.end - 1 > head.i and ent[-1].pos_ == "PROPN":
                return self.resolve(ent[-1], offset, sentence, speaker)
            return None
        if head.pos_ == "NOUN" and (lemma_is(head, self.d.armed_heads) or lemma_is(head, _COLLECTIVE_WORDS)):
            # "the Jebel Forces Alliance (JFA) rebel group": the group is the one its name modifier names.
            names = [
                c
                for c in head.children
                if c.dep_ in ("nmod", "compound")
                and c.pos_ == "PROPN"
                and c.ent_type_ == "ORG"
                and c.i < head.i
            ]
            if names:
                toks = np_tokens(head)
                # "Nawasi fighters" after "the Nawasi Security Battalion": that group's men, not a
                # group called "Nawasi".
                found = reg.group_of(self._phrase_name(toks)) or self.resolve(
                    names[0], offset, sentence, speaker
                )
                if found:
                    reg.add_alias(
                        found, offset + toks[0].idx, offset + toks[-1].idx + len(toks[-1].text), sentence
                    )
                    return found
        if head.pos_ == "PRON" or low in _PERSON_PRONOUNS or low in _THING_PRONOUNS or low in _GROUP_PRONOUNS:
            if low in _PERSON_PRONOUNS:
                return reg.last(at, {"person"}, 6, sentence)
            if low in _THING_PRONOUNS:
                cats = {"government_body", "organisation", "armed_group", "army", "rebel", "state", "media"}
                found = (
                    (self._conjunct_subject(head, offset, sentence, cats) if speaker else None)
                    or self._previous_subject(head, offset, sentence, cats)
                    or reg.last(at, cats, 6, sentence, singular=True)
                )
                if found in self.avoid:
                    found = reg.last(at, cats, 6, sentence, singular=True, exclude=self.avoid)
                return found
            if low in _GROUP_PRONOUNS:
                cats = {"armed_group", "army", "rebel", "population_group", "organisation", "government_body"}
                found = (
                    (self._conjunct_subject(head, offset, sentence, cats) if speaker else None)
                    or self._previous_subject(head, offset, sentence, cats)
                    or reg.last(at, cats, 6, sentence)
                )
                if found in self.avoid:
                    found = reg.last(at, cats, 6, sentence, exclude=self.avoid)
                return found
            return None
        if low == "force" and not any(c.dep_ in ("det", "poss") for c in head.children):
            return None  # "use force", "with great force": no armed force is meant
        if any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
            return None  # "No group has claimed the attack": nobody is named
        if low == "front" and head.dep_ == "pobj" and head.head.lower_ == "in" and not head.is_title:
            return None  # "in front of their children": a place, not a front
        toks = np_tokens(head)
        if not toks:
            return None
        if toks[0].lower_ in ("any", "no", "every", "each", "some", "another") and not speaker:
            return None  # "nothing to do with any group" names no actor
        if toks[0].lower_ in _FIRST_PERSON and not speaker:
            # "our forces", "my neighbour": the speaker's own side, which a quote alone does not name.
            return None
        if not speaker and _counted_toll(head, toks):
            return None  # "she said 15 people had died": a figure, not an actor of the story
        # "The observatory", "the team", "the coalition": the actor named with that word before.
        compound = (
            len(toks) == 3 and toks[1].dep_ == "compound" and toks[1].pos_ == "NOUN" and toks[1].head == head
        )
        # "the same collective" points back as "the collective" does.
        same = len(toks) == 3 and toks[1].lower_ == "same"
        if (
            head.pos_ == "NOUN"
            and (len(toks) == 2 or compound or same)
            and toks[0].lower_ in ("the", "this", "that")
            and low not in self.d.population_heads
            and low not in _GENERIC_DEFINITE
        ):
            # "the coast guard", "the health division": a compound head is looked up whole. "The group"
            # opening a sentence goes on with the group the sentence before was about ("JNIM said … The
            # group also claimed …"), whatever other group was called a group earlier.
            found = None
            if low == "group" and len(toks) == 2:
                found = self._previous_subject(
                    head, offset, sentence, {"rebel", "armed_group", "organisation"}
                )
            found = found or self._definite(" ".join(t.lower_ for t in ([head] if same else toks[1:])), at)
            if found:
                reg.add_alias(found, offset + toks[0].idx, offset + head.idx + len(head.text), sentence)
                return found
        doc = head.doc
        start_tok, end_tok = toks[0], toks[-1]
        span_start = offset + start_tok.idx
        span_end = offset + end_tok.idx + len(end_tok.text)
        ents = [e for e in ents_of(doc) if e.start <= head.i < e.end]
        head_ent = ents[0] if ents else None
        words = [t.lower_ for t in toks]
        country = self._country_in(toks, head)
        if self._not_an_actor(head, head_ent):
            return None
        if (
            not country
            and head_ent is None
            and any(c.dep_ == "amod" and c.lower_ == "military" for c in head.children)
            and (lemma_is(head, self.d.weapon_heads) or lemma_is(head, _MILITARY_UNITS))
        ):
            # "a military column shelled the village", "a military jet bombed": the armed forces the
            # article has called "the military"; before any, the words name no one.
            found = self._definite("military", at)
            if found:
                reg.add_alias(found, span_start, span_end, sentence)
            return found
        if lemma_is(head, self.d.weapon_heads) and (head_ent is None or head_ent.label_ != "PERSON"):
            # "Russian artillery" is Russia's armed forces; "heavy artillery" is nobody.
            if not country:
                return None
            return self._national_forces(reg, country, span_start, span_end, sentence)

        named = self.named_by_clause(head)
        if named is not None:
            aid = self._person(named, toks, offset, sentence, country, role_head=head)
            self._full_alias(aid, head, offset, sentence, speaker)
            return aid
        # A role in apposition to a name is that person ("Andriy Kovalenko, the head of ...").
        if (
            head.dep_ == "appos"
            and (head.lemma_.lower() in self.d.person_roles or low in self.d.person_roles)
            and head.head.ent_type_ == "PERSON"
        ):
            found = self.resolve(head.head, offset, sentence, speaker)
            if found:
                reg.add_alias(found, span_start, span_end, sentence)
            return found
        # "rebels of the Kivu Renewal Alliance", "a cell of the Los Serranos faction" are that group.
        if (
            lemma_is(head, self.d.armed_heads)
            or lemma_is(head, _MEMBER_WORDS)
            or low in ("cell", "faction", "unit")
        ) and head_ent is None:
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                    objs = [g for g in c.children if g.dep_ == "pobj"]
                    if objs and (
                        objs[0].ent_type_ in ("ORG", "PERSON")
                        or objs[0].pos_ == "PROPN"
                        or lemma_is(objs[0], self.d.armed_heads)
                    ):
                        found = self.resolve(objs[0], offset, sentence, speaker)
                        if found:
                            reg.add_alias(found, span_start, span_end, sentence)
                            return found
        # "the Philippine side", "the Somali government": the state.
        if low in ("side", "government", "regime", "state") and country and head_ent is None:
            return reg.state(country, span_start, span_end, sentence)
        # "its leaders", "the group's fighters" speak and act for the group.
        if lemma_is(head, _MEMBER_WORDS) and head_ent is None:
            owner = self._owner(head, offset, sentence)
            if owner:
                return owner
        # "Villareal said": the surname of a person named before, whatever label NER gave it.
        if head.pos_ == "PROPN" and len(toks) <= 2:
            for actor in reg.actors.values():
                if (
                    actor.actor_kind is ActorKind.PERSON
                    and actor.name.split()[-1] == head.text
                    and (len(actor.name.split()) > 1)
                ):
                    reg.add_alias(actor.id, offset + head.idx, offset + head.idx + len(head.text), sentence)
                    return actor.id
        # A name with a person's role in apposition is a person ("Jose Mendoza, an analyst at …").
        if (
            head.pos_ == "PROPN"
            and (head_ent is None or head_ent.label_ in ("ORG", "GPE", "NORP"))
            and any(c.dep_ == "appos" and lemma_is(c, self.d.person_roles) for c in head.children)
        ):
            start = min(t.i for t in head.subtree if t.pos_ == "PROPN" and t.i <= head.i)
            return self._person(doc[start : head.i + 1], toks, offset, sentence, country)
        # Named actors from the dictionary (but "the Haitian Red Cross" is not the ICRC).
        modified = (
            any(t.ent_type_ == "NORP" and t.i < head_ent.start for t in toks)
            if head_ent is not None
            else False
        )
        if head_ent is not None and head_ent.kb_id_.startswith("actor:") and not modified:
            named = self.d.named.get(head_ent.kb_id_[6:])
            if named:
                kind = ActorKind(named.kind)
                aid = reg.add(
                    kind,
                    named.country,
                    named.name,
                    offset + head_ent.start_char,
                    offset + head_ent.end_char,
                    sentence,
                    named.kind,
                )
                if named.state_organ and named.country and reg.actors[aid].country == named.country:
                    reg.actors[aid].parent_id = reg.ensure_state(named.country)
                return aid
        # Persons.
        if head_ent is not None and head_ent.label_ == "PERSON" and _INSTITUTION.search(head_ent.text):
            # "The Kisal Observatory": an institution's name the small model took for a person's.
            span = _with_name_modifiers(head_ent)
            return reg.add(
                ActorKind.ORGANISATION,
                country,
                _org_name(span),
                offset + span.start_char,
                offset + span.end_char,
                sentence,
                "organisation",
            )
        if head_ent is not None and head_ent.label_ == "PERSON":
            group = self._group_behind_name(head_ent)
            if group is not None:
                # "Jabhat al-Sahil, an armed group …", and that name again later: a group, not a person.
                kind, name, span = group
                start, end = offset + span.start_char, offset + span.end_char
                category = "rebel" if kind is ActorKind.ARMED_GROUP else "organisation"
                return reg.add(kind, country, name, start, end, sentence, category)
            return self._person(head_ent, toks, offset, sentence, country)
        role_words = [w for w in words if w in self.d.person_roles]
        # The parser may hang the name on the last word of the role ("the mayor of Kharkiv, Ihor T.",
        # "an adviser to the group's commander, Ibrahim Musa,").
        appos = [c for t in _role_phrase(head, toks) for c in t.children if c.dep_ == "appos"]
        if role_words and appos:
            for ap in appos:
                ap_ents = [e for e in ents_of(doc) if e.start <= ap.i < e.end and e.label_ == "PERSON"]
                run = _name_run(ap)
                inside = run is None or (
                    bool(ap_ents) and ap_ents[0].start <= run.start and run.end <= ap_ents[0].end
                )
                if not inside:
                    # NER often splits or mislabels a foreign name ("Awadiya Hassan" as a place, "Mawlawi
                    # Abdul Haq" + "Sahel"): the whole capitalised apposition after a role is the name.
                    ap_ents = [run]
                if not ap_ents and ap.pos_ == "PROPN" and ap.ent_type_ in ("", "PERSON"):
                    # A name the small model did not label: the proper-noun run in apposition.
                    ap_ents = [doc[min(t.i for t in ap.subtree if t.pos_ == "PROPN") : ap.i + 1]]
                if ap_ents:
                    return self._person(ap_ents[0], toks, offset, sentence, country, role_head=head)
        # States: a country or capital acting.
        if head_ent is not None and head_ent.label_ in ("GPE", "NORP", "LOC"):
            iso = reg.country_of(head_ent.text, head.doc)
            if iso and (len(toks) <= len(head_ent) + 1 or head.i == toks[-1].i):
                return reg.state(iso, offset + head_ent.start_char, offset + head_ent.end_char, sentence)
        lemma = head.lemma_.lower()
        last2 = " ".join(words[-2:]) if len(words) >= 2 else low
        # Government bodies.
        is_body = (
            lemma in self.d.government_heads
            or "ministry" in words
            or (head_ent is not None and head_ent.label_ == "ORG" and _BODY_WORDS.search(head_ent.text))
        )
        if (
            is_body
            and head_ent is not None
            and head_ent.label_ == "ORG"
            and _ARMED_NAME.search(head_ent.text)
        ):
            is_body = False  # "the Lake Chad Mujahideen Council": an armed group's name, not a government's
        if low == "authorities":
            is_body = False
        if (
            lemma == "service"
            and head.text.islower()
            and not any(c.dep_ in ("compound", "amod") for c in head.children)
            and any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children)
        ):
            is_body = False  # "medias in the service of the enemies of the nation": no security service
        if is_body and lemma == "agency" and set(words) <= _AGENCY_WORDS:
            # "the UN agency said", "the agency was suspending deliveries": the aid organisation just
            # named ("the World Food Programme"), not a government body of its own.
            found = reg.last(at, {"organisation"}, 3, sentence)
            if found:
                return reg.again(found, span_start, span_end, sentence)
        if is_body and lemma not in ("group", "movement"):
            bare = self._bare(toks)
            if bare:
                found = reg.last(at, {"government_body"}, 8, sentence)
                if found:
                    # "the ministry" is the ministry named before; "the government" after "the defence
                    # ministry" is the government, and "the junta" after "the administration in exile"
                    # is the junta: a bare head points back only to a body that was called by it.
                    body = reg.actors[found]
                    said = {w for x in [body.name, *body.aliases] for w in re.findall(r"[a-z]+", x.lower())}
                    if low not in said and lemma not in said:
                        found = None
                if found:
                    return reg.again(found, span_start, span_end, sentence)
            if country and all(
                t.i == head.i or t.lower_ in _DETS or t.is_punct or reg.country_of(t.text, doc) == country
                for t in toks
            ):
                # "the Azerbaijani ministry" after "Azerbaijan's Defence Ministry": that country's body of
                # this kind named before.
                known = self._body_before(
                    at, lambda b: b.country == country and low in b.name.lower().split()
                )
                if known is not None:
                    return reg.again(known.id, span_start, span_end, sentence)
            poss = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in ("its", "their")), None)
            # "Their security committee" after "The de facto authorities in Tskhinvali": the body of an
            # owner that belongs to no state belongs to none either, not to the country named most.
            stateless = False
            if not country and poss is not None:
                # "Its foreign ministry" after "The Syrian government did not comment": the body of
                # whoever "its" points to, not of the country the article names most.
                owner = self._pronoun_owner(head, offset, sentence) or self._previous_subject(
                    poss, offset, sentence, {"state", "government_body", "army", "armed_group"}
                )
                if owner is not None:
                    country = reg.actors[owner].country
                    stateless = country is None
            if not country and not stateless and any(w in self.d.local_body_words for w in words):
                # "the district military administration" is of the country its places lie in, whoever
                # the article names most.
                country = reg.place_country(doc)
            if not country:
                # "the Health Ministry" after "the territory's Health Ministry": the body named before,
                # whatever country the article names most.
                plain = self.d.canonical_body(self.reg.text[span_start:span_end], None)
                known = self._body_before(at, lambda b: b.name == plain or b.name.startswith(plain + " of "))
                if known is not None:
                    return reg.again(known.id, span_start, span_end, sentence)
            international = any(
                w in self.d.international_words or " ".join(words[i : i + 2]) in self.d.international_words
                for i, w in enumerate(words)
            )
            if not international and not stateless:
                country = country or reg.dominant_country()
            surface = self.reg.text[span_start:span_end]
            name = self.d.canonical_body(surface, country)
            aid = reg.add(
                ActorKind.GOVERNMENT_BODY, country, name, span_start, span_end, sentence, "government_body"
            )
            if country:
                reg.actors[aid].parent_id = reg.ensure_state(country)
            return aid
        # "Rights groups", "a volunteer medical group": a civil organisation, whatever "group" suggests.
        if (
            head_ent is None
            and (lemma in self.d.civic_heads or low in self.d.civic_heads)
            and any(w in self.d.civic_words for w in words if w != low)
        ):
            return reg.add(
                ActorKind.ORGANISATION,
                country,
                self._phrase_name(toks),
                span_start,
                span_end,
                sentence,
                "organisation",
            )
        if low == "staff" and any(c.lower_ == "general" for c in head.children):
            # "the army's general staff", "the armed forces general staff", "the General Staff of the
            # Armies": the command of a state's armed forces, which speaks for them.
            staff = self._general_staff(head, offset, country, span_start, span_end, sentence, at)
            if staff is not None:
                return staff
        # Armed actors.
        if (
            lemma in self.d.armed_heads
            or last2 in self.d.armed_heads
            or low in self.d.armed_heads
            or (head_ent is not None and head_ent.label_ == "ORG" and _ORG_WORDS.search(head_ent.text))
        ):
            return self._armed(head, toks, words, head_ent, country, span_start, span_end, sentence, at)
        # "Authorities" of a state speak for the state.
        if low == "authorities":
            if country:
                return reg.state(country, span_start, span_end, sentence)
            if self._bare(toks):
                found = reg.last(at, {"state", "government_body"}, 8, sentence)
                if found:
                    return found
                # Far from any government named: the state the article is about.
                home = reg.dominant_country()
                if home:
                    return reg.state(home, span_start, span_end, sentence)
            name = self._phrase_name(toks)
            return reg.add(
                ActorKind.GOVERNMENT_BODY, None, name, span_start, span_end, sentence, "government_body"
            )
        # Media.
        if lemma in self.d.media_heads or (
            head_ent is not None and head_ent.label_ == "ORG" and _MEDIA_WORDS.search(head_ent.text)
        ):
            if head_ent is not None:
                return reg.add(ActorKind.MEDIA, None, head_ent.text, span_start, span_end, sentence, "media")
            if not self._bare(toks):
                return reg.add(
                    ActorKind.MEDIA, country, self._phrase_name(toks), span_start, span_end, sentence, "media"
                )
            return None
        # Other named organisations.
        if head_ent is not None and head_ent.label_ == "ORG" and self._role_before_name(head_ent):
            # "government spokeswoman Yolande Makolo": a name NER took for an organisation after a
            # person's role.
            return self._person(head_ent, toks, offset, sentence, country)
        if head_ent is not None and head_ent.label_ == "ORG":
            span = _with_name_modifiers(head_ent)
            return reg.add(
                ActorKind.ORGANISATION,
                country,
                _org_name(span),
                offset + span.start_char,
                offset + span.end_char,
                sentence,
                "organisation",
            )
        # Population groups and unnamed persons.
        if (lemma in self.d.population_heads or low in self.d.population_heads) and (
            head.tag_ in ("NNS", "NNPS") or low in self.d.population_heads
        ):
            if self._bare(toks) and low in ("people", "population", "families", "children", "women"):
                return (
                    None
                    if not speaker
                    else reg.add(
                        ActorKind.POPULATION_GROUP,
                        None,
                        self._phrase_name(toks),
                        span_start,
                        span_end,
                        sentence,
                        "population_group",
                    )
                )
            if lemma in (
                "official",
                "source",
                "doctor",
                "medic",
                "nurse",
                "staff",
                "investigator",
                "monitor",
                "diplomat",
                "journalist",
                "leader",
                "elder",
                "activist",
                "analyst",
                "expert",
                "observer",
            ):
                kind = ActorKind.ORGANISATION if lemma in ("staff",) else ActorKind.POPULATION_GROUP
            else:
                kind = ActorKind.POPULATION_GROUP
            aid = reg.add(
                kind, country, self._phrase_name(toks), span_start, span_end, sentence, "population_group"
            )
            self._full_alias(aid, head, offset, sentence, speaker)
            return aid
        if lemma in self.d.person_roles or low in self.d.person_roles:
            if self._bare(toks) and lemma in (
                "spokesman",
                "spokeswoman",
                "spokesperson",
                "minister",
                "president",
                "commander",
                "official",
            ):
                found = reg.last(at, {"person"}, 6, sentence)
                if found and lemma in (reg.actors[found].role or "").lower():
                    return reg.again(found, span_start, span_end, sentence)
            if not speaker and self._bare(toks):
                return None
            aid = reg.add(
                ActorKind.PERSON,
                country,
                self._phrase_name(toks),
                span_start,
                span_end,
                sentence,
                "person",
                role=head.text.lower(),
            )
            owner = self._owner(head, offset, sentence)
            if owner:
                reg.affiliation[aid] = owner
            self._full_alias(aid, head, offset, sentence, speaker)
            return aid
        if head.ent_type_ == "NORP" or (head_ent is None and country and low in self.d.demonyms):
            return None
        if (
            speaker
            and head.pos_ in ("NOUN", "PROPN")
            and low not in ("people", "statement", "report", "video")
            and not lemma_is(head, self.d.thing_heads)
        ):
            # A speaker the dictionary does not know: keep the phrase, kind from its shape.
            full = full_phrase(head)
            a, b = offset + full[0].idx, offset + full[-1].idx + len(full[-1].text)
            name = self._phrase_name(_without_state_owner(full, self.d))
            if head.pos_ == "PROPN" or lemma in _COLLECTIVE_WORDS:
                kind, cat = ActorKind.ORGANISATION, "organisation"
            elif head.tag_ == "NNS":
                kind, cat = ActorKind.POPULATION_GROUP, "population_group"
            else:
                kind, cat = ActorKind.PERSON, "person"
            return reg.add(kind, country, name, a, b, sentence, cat)
        return None

    def _body_before(self, at: int, fits: Callable[[Actor], bool]) -> Actor | None:
        """The government body mentioned last before offset ``at`` that ``fits``."""
        for m in reversed(self.reg.history):
            known = self.reg.actors.get(m.actor_id)
            if (
                m.start < at
                and known is not None
                and self.reg.category.get(known.id) == "government_body"
                and fits(known)
            ):
                return known
        return None

    def _group_behind_name(self, ent: Any) -> tuple[ActorKind, str, Any] | None:
        """(kind, name, span) when a name NER took for a person's is a group's: the text describes it in
        apposition as one ("Jabhat al-Sahil, an armed group that …"), or an earlier mention made it a
        group already (then NER may also have cut its first word off: "Jabhat" + "al-Sahil")."""
        doc = ent.doc
        groups = {
            a.name: a.actor_kind
            for a in self.reg.actors.values()
            if a.actor_kind in (ActorKind.ARMED_GROUP, ActorKind.ORGANISATION)
        }
        for k in (0, 1, 2):
            start = ent.start - k
            if start < 0 or (k and not all(t.is_title and t.pos_ == "PROPN" for t in doc[start : ent.start])):
                break
            span = doc[start : ent.end]
            name = re.sub(r"^(the|The)\s+", "", span.text)
            if name in groups:
                return groups[name], name, span
        described = _group_apposition(ent.root, self.d)
        if described is None:
            return None
        civic = any(t.lower_ in self.d.civic_words for t in described.subtree)
        name = re.sub(r"^(the|The)\s+", "", ent.text)
        return (ActorKind.ORGANISATION if civic else ActorKind.ARMED_GROUP), name, ent

    def _office_of_two_roles(self, head: Any) -> tuple[Any, Any] | None:
        """Two capitalised role nouns joined by "and" under one determiner ("the Resident and
        Humanitarian Coordinator"), when ``head`` is one of them; else None."""
        if head.dep_ == "conj" and head.head.i < head.i:
            first, second = head.head, head
        else:
            first = head
            second = next((c for c in head.children if c.dep_ == "conj" and c.i > head.i), None)
        if second is None or not (first.is_title and second.is_title):
            return None
        if not any(c.dep_ == "cc" and c.lower_ == "and" for c in first.children):
            return None
        roles = self.d.person_roles
        if not (first.lower_ in roles and second.lower_ in roles):
            return None
        if any(c.dep_ in ("det", "poss") for c in second.children):
            return None  # "the President and the Prime Minister": two people
        return first, second

    def _role_before_name(self, ent: Any) -> bool:
        """A person's role noun stands right before ``ent`` and modifies it, and ``ent`` is capitalised
        words none of which names an organisation ("spokeswoman Yolande Makolo", not "spokesman Hamas
        Media Office")."""
        if ent.start == 0 or len(ent) < 2:
            return False
        role = ent.doc[ent.start - 1]
        return (
            lemma_is(role, self.d.person_roles)
            and ent.start <= role.head.i < ent.end
            and all(t.is_title and t.is_alpha for t in ent)
            and not any(self.d.is_actor_word(t.lower_) for t in ent)
            and self.d.lookup_named(ent.text) is None
        )

    def _conjunct_subject(self, head: Any, offset: int, sentence: int, categories: set[str]) -> str | None:
        """A speaking pronoun that is the subject of a clause joined to one with a named subject ("The
        Observatory did not accuse the army, but it recalled that …") is that subject, not the actor named
        last in between: coordinated clauses keep their subject."""
        verb = head.head
        if head.dep_ != "nsubj" or verb.dep_ != "conj" or verb.pos_ not in ("VERB", "AUX"):
            return None
        first = verb.head
        while first.dep_ == "conj" and first.head.pos_ in ("VERB", "AUX"):
            first = first.head
        subjects = [c for c in first.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < first.i]
        if first.pos_ not in ("VERB", "AUX") or not subjects or subjects[0].pos_ == "PRON":
            return None
        found = self.resolve(subjects[0], offset, sentence)
        return found if found and self.reg.category.get(found) in categories else None

    def _previous_subject(self, head: Any, offset: int, sentence: int, categories: set[str]) -> str | None:
        """A pronoun that opens the subject of a sentence, or speaks after its report ("…, it says"),
        continues the subject of the sentence before ("The coalition was formed from several gangs … Its
        members are accused …" is the coalition, not the gangs mentioned last)."""
        subj = head.head if head.dep_ == "poss" else head
        sent = head.sent
        if subj.dep_ not in ("nsubj", "nsubjpass") or subj.head.i != sent.root.i:
            return None
        # "…, it says." after the report: the pronoun speaks for the whole sentence, like an opening one.
        trailing = any(c.dep_ == "ccomp" and c.i < subj.i for c in subj.head.children)
        if not trailing and any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in head.doc[sent.start : head.i]):
            return None
        if sent.start == 0:
            return None
        prev = head.doc[sent.start - 1].sent
        subjects = [c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects or subjects[0].pos_ == "PRON":
            return None
        found = self.resolve(subjects[0], offset, sentence - 1)
        if found is None:
            # A name whose head word alone resolves to nothing ("… Sahel Province"): the actor already
            # registered at that place in the text.
            at = offset + subjects[0].idx
            found = next((m.actor_id for m in reversed(self.reg.history) if m.start <= at < m.end), None)
        if found and self.reg.category.get(found) in categories:
            return found
        return None

    def _not_an_actor(self, head: Any, head_ent: Any) -> bool:
        """A platform or weapon name ("said on Telegram", "two Iskander missiles"), or an adjective the
        parser took for a noun in a title-case headline ("Paramilitary shelling kills 12")."""
        names = self.d.non_actor_names
        if _fold(head.text) in names:
            return True
        if head_ent is not None and re.sub(r"^the ", "", _fold(head_ent.text)) in names:
            return True
        if head.lower_ in self.d.adjective_heads and head.tag_ not in ("NNS", "NNPS"):
            doc = head.doc
            nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
            determined = any(c.dep_ in ("det", "poss") for c in head.children)
            if not determined and nxt is not None and nxt.is_alpha and nxt.pos_ in ("NOUN", "VERB"):
                return bool(nxt.pos_ == "NOUN" or nxt.tag_ == "VBG")
        return False

    def _definite(self, word: str, before: int) -> str | None:
        # The word heads the earlier name ("the Mali army", "Armed Forces of Mali" for "the forces"), not
        # only modifies it ("the army's general staff" is not "the army").
        pattern = re.compile(rf"\b{re.escape(word)}(\s+of\b|\s*$|\s*\()", re.I)
        seen: set[str] = set()
        for m in reversed(self.reg.history):
            if m.start >= before or m.actor_id in seen:
                continue
            seen.add(m.actor_id)
            actor = self.reg.actors[m.actor_id]
            if actor.actor_kind in (ActorKind.PERSON, ActorKind.STATE):
                continue
            if actor.actor_kind is ActorKind.ARMED_GROUP and _COUNTED.match(actor.name):
                continue  # "killing four soldiers" counted casualties; "the soldiers" who shoot are the force
            if pattern.search(actor.name) or any(pattern.search(a) for a in actor.aliases):
                return actor.id
        return None

    def _full_alias(self, aid: str, head: Any, offset: int, sentence: int, speaker: bool) -> None:
        if speaker:
            full = full_phrase(head)
            self.reg.add_alias(
                aid, offset + full[0].idx, offset + full[-1].idx + len(full[-1].text), sentence
            )
            # "Another resident, a fisherman, said": a speaker with no name, described twice, is
            # mentioned by the whole phrase.
            for c in head.children:
                if (
                    c.dep_ == "appos"
                    and c.pos_ == "NOUN"
                    and head.pos_ == "NOUN"
                    and c.i > full[-1].i
                    and not any(t.pos_ == "PROPN" or t.ent_type_ for t in c.subtree)
                ):
                    last = max(t.i for t in c.subtree if not t.is_punct)
                    end = head.doc[last]
                    self.reg.add_alias(aid, offset + full[0].idx, offset + end.idx + len(end.text), sentence)
                    break

    def _country_in(self, toks: list[Any], head: Any) -> str | None:
        sponsors = self.d.sponsor_tokens(toks)
        for t in toks:
            if t.i == head.i and t.ent_type_ not in ("NORP",):
                continue
            if t.i in sponsors:
                continue  # "the Rwanda-backed group" is not Rwandan
            if t.i > 0 and head.doc[t.i - 1].lower_ in _FEATURE_WORDS:
                continue  # "the Lake Chad Mujahideen Council": a lake's name, not the group's state
            iso = self.reg.country_of(t.text, head.doc)
            if iso and t.dep_ != "appos":
                return iso
        # Multi-word country names ("Democratic Republic of Congo", "South Sudan").
        for ent in ents_of(head.doc):
            if any(i in sponsors for i in range(ent.start, ent.end)):
                continue
            if ent.start >= toks[0].i and ent.end <= toks[-1].i + 1 and ent.label_ in ("GPE", "NORP"):
                if ent.start > 0 and head.doc[ent.start - 1].lower_ in _FEATURE_WORDS:
                    continue
                iso = self.reg.country_of(ent.text, head.doc)
                if iso:
                    return iso
        # "Gaza's health ministry", "the Tigray regional administration": a body of a place belongs to
        # the state the gazetteer puts the place in, not to whichever country the article names most.
        gazetteer = gaz_mod.default_gazetteer()
        for ent in ents_of(head.doc):
            if not (ent.start >= toks[0].i and ent.end <= head.i and ent.label_ in ("GPE", "LOC")):
                continue
            if any(i in sponsors for i in range(ent.start, ent.end)):
                continue
            place = gazetteer.get(ent.kb_id_) if ent.kb_id_ else None
            if place is None:
                place = next(iter(gazetteer.lookup(ent.text)), None)
            if place is not None and place.country:
                return str(place.country)
        return None

    def _described(self, toks: list[Any]) -> bool:
        """'the rebel group', 'the armed movement', 'the Rwanda-backed group': a definite description with
        common words (and sponsors) only."""
        sponsors = self.d.sponsor_tokens(toks)
        toks = [t for t in toks if t.i not in sponsors]
        if toks and toks[0].lower_ in ("a", "an", "another"):
            return False  # an indefinite description brings in a new actor ("gunmen … a militia")
        if not toks or toks[0].lower_ not in ("the", "this", "that"):
            return ActorResolver._bare(toks)
        return all(t.pos_ in ("ADJ", "NOUN", "VERB") and not t.ent_type_ and t.is_lower for t in toks[1:-1])

    def _national_forces(self, reg: ArticleActors, country: str, start: int, end: int, sentence: int) -> str:
        """The country's armed forces, part of its state."""
        aid: str = reg.add(
            ActorKind.ARMED_GROUP,
            country,
            national_forces_name(self.d.state_name(country)),
            start,
            end,
            sentence,
            "army",
        )
        reg.actors[aid].parent_id = reg.ensure_state(country)
        return aid

    def _pronoun_owner(self, head: Any, offset: int, sentence: int) -> str | None:
        """The actor "its"/"their" before ``head`` points to: the subject of the nearest clause above that
        is not the phrase itself ("Moscow said its forces had struck …" -> Moscow)."""
        if not any(c.dep_ == "poss" and c.lower_ in ("its", "their") for c in head.children):
            return None
        verb = head
        while verb.head.i != verb.i:
            verb = verb.head
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            subjects = [
                c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and head not in list(c.subtree)
            ]
            if subjects:
                return self.resolve(subjects[0], offset, sentence)
        return None

    @staticmethod
    def _bare(toks: list[Any]) -> bool:
        """'the ministry', 'the army': only a determiner or possessive pronoun before the head."""
        # "the same army" points back as "the army" does.
        return all(t.lower_ in _DETS or t.lower_ in ("its", "their", "his", "her", "same") for t in toks[:-1])

    @staticmethod
    def _phrase_name(toks: list[Any]) -> str:
        words = [t.text_with_ws for t in toks]
        text = "".join(words).strip()
        if toks and (toks[0].lower_ in _DETS or toks[0].lower_ == "both"):
            text = "".join(words[1:]).strip()
        first = (
            toks[1]
            if toks and toks[0].lower_ in _DETS | {"both"} and len(toks) > 1
            else (toks[0] if toks else None)
        )
        # A sentence-initial capital is dropped ("Local activists" → "local activists"), a proper
        # adjective's is not ("Ukrainian officials", "Palestinian residents").
        proper = first is not None and (first.pos_ == "PROPN" or first.ent_type_ in ("NORP", "GPE", "ORG"))
        if first is not None and not proper and text[:2].istitle() and not text.isupper():
            return text[:1].lower() + text[1:]
        return text

    def named_by_clause(self, head: Any) -> Any:
        """The name a relative clause gives the noun ``head`` ("a woman who gave her name only as
        Mirlande"), as a span, or None."""
        if head.pos_ != "NOUN":
            return None
        doc = head.doc
        for verb in head.children:
            if verb.dep_ != "relcl" or verb.lemma_.lower() not in _NAMING_VERBS:
                continue
            words = [t for t in doc[verb.i + 1 : verb.i + 6] if t.lower_ in _NAMING_WORDS]
            if not words:
                continue
            i = words[0].i + 1
            while i < len(doc) and i - words[0].i <= 4 and doc[i].lower_ in _NAMING_FILLER:
                i += 1
            end = i
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title:
                end += 1
            if end > i:
                return doc[i:end]
        return None

    def register_named_by_clause(self, sent: Any, offset: int, sentence: int) -> None:
        """Register the persons a relative clause names, wherever the parse hangs their noun."""
        for tok in sent:
            if tok.dep_ == "relcl" and tok.lemma_.lower() in _NAMING_VERBS and self.named_by_clause(tok.head):
                self.resolve(tok.head, offset, sentence, speaker=True)

    def _owner(self, head: Any, offset: int, sentence: int) -> str | None:
        """The organisation a role belongs to: "the ministry's spokeswoman", "leader of the coalition"."""
        for child in head.children:
            named = self._named_modifier(child) if child.i < head.i else None
            if named is not None:
                # "Houthi military spokesman Yahya Saree", "a Hamas official": the named group the
                # modifier spells (the dictionary's name, or its plural: "Houthi" → "Houthis").
                return self.reg.add(
                    ActorKind(named.kind),
                    named.country,
                    named.name,
                    offset + child.idx,
                    offset + child.idx + len(child.text),
                    sentence,
                    named.kind,
                )
            if child.dep_ == "poss" and child.lower_ not in ("his", "her", "their"):
                return self.resolve(child, offset, sentence)
            if child.dep_ == "poss":
                return self.resolve(child, offset, sentence)
            if child.dep_ == "prep" and child.lower_ in ("of", "for"):
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs:
                    return self.resolve(objs[0], offset, sentence)
            if child.dep_ == "compound" and child.lemma_.lower() in self.d.armed_heads | {"ministry", "army"}:
                return self.resolve(child, offset, sentence)
            named_org = (
                child.ent_type_ == "ORG" and child.lower_ not in MINISTRY_TOPIC_WORDS
            ) or child.ent_kb_id_.startswith("actor:")
            if child.dep_ == "compound" and named_org:
                # "M23 spokesman Lawrence Kanyuka", "Hamas spokesman": the named group he speaks for.
                found = self.resolve(child, offset, sentence)
                if found and self.reg.actors[found].actor_kind is not ActorKind.PERSON:
                    return found
        return None

    def _named_modifier(self, tok: Any) -> Named | None:
        """The dictionary's group or organisation a modifier of a role names ("Houthi", "Hamas"), if any;
        never a state or a person (a demonym's state is found by other means)."""
        if (
            tok.dep_ not in ("amod", "compound")
            or tok.pos_ not in ("ADJ", "PROPN")
            or not tok.text[:1].isupper()
        ):
            return None
        named = self.d.lookup_named(tok.text)
        if named is None and not tok.lower_.endswith("s"):
            named = self.d.lookup_named(tok.text + "s")
        return named if named is not None and named.kind not in ("state", "person") else None

    def _person(
        self,
        ent: Any,
        toks: list[Any],
        offset: int,
        sentence: int,
        country: str | None,
        role_head: Any = None,
    ) -> str:
        reg = self.reg
        doc = ent.doc

        def is_title(t: Any) -> bool:
            if t.lower_ in ("rear", "vice") and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in _TITLES:
                return True  # "Rear Admiral", "Vice Admiral"
            return t.lower_.rstrip(".") in _TITLES or t.lower_ in _TITLES or t.text == "-"

        if all(is_title(t) for t in ent):
            # NER took only the title ("Brigadier General" Than Zaw Hlaing): the name follows it.
            end = ent.end
            while end < len(doc) and (doc[end].pos_ == "PROPN" or doc[end].ent_type_ == "PERSON"):
                end += 1
            ent = doc[ent.start : end]
        # NER may leave a given name out between a title and the rest ("Brig-Gen" | "Osman" | "Haj
        # Tawfiq"): capitalised proper nouns compounded onto the name belong to it.
        begin = ent.start
        while (
            begin > 0
            and doc[begin - 1].pos_ == "PROPN"
            and doc[begin - 1].is_title
            and doc[begin - 1].dep_ == "compound"
            and ent.start <= doc[begin - 1].head.i < ent.end
            and doc[begin - 1].ent_type_ in ("", "PERSON")
            and not is_title(doc[begin - 1])
            and doc[begin - 1].lower_ not in self.d.person_roles
        ):
            begin -= 1
        if begin < ent.start:
            ent = doc[begin : ent.end]
        # Titles lead the name ("Lieutenant-Colonel Patrice Mbala"); a hyphen inside it ("Marie-Claude",
        # "al-Shamiri") is part of it.
        name_toks = list(ent)
        while name_toks and is_title(name_toks[0]):
            name_toks.pop(0)
        name_toks = [
            t
            for k, t in enumerate(name_toks)
            if not is_title(t) or (t.text == "-" and 0 < k < len(name_toks) - 1)
        ]
        while name_toks and name_toks[0].lower_ in ("the", "a"):
            name_toks.pop(0)
        # Token texts joined as written: "Marie-Claude", "al-Shamiri" keep their hyphens.
        name = "".join(t.text_with_ws for t in name_toks).strip() or ent.text
        # A later "Inspector Désir" is the earlier "Marie-Claude Désir"; the first mention fixes the key.
        existing = None
        for actor in reg.actors.values():
            if actor.actor_kind is ActorKind.PERSON and (
                actor.name == name or (len(name_toks) == 1 and actor.name.split()[-1] == name)
            ):
                existing = actor
                break
        # Titles before the name belong to the surface form ("Commodore Ramon Villareal",
        # "Lieutenant-Colonel Patrice Mbala").
        first = ent.start
        while first > 0 and (
            (
                doc[first - 1].is_title
                and (
                    is_title(doc[first - 1])
                    or doc[first - 1].lower_ in self.d.person_roles
                    or doc[first - 1].lower_ in ("rear", "vice")
                )
            )
            or (doc[first - 1].text == "-" and first > 1 and doc[first - 2].is_title)
        ):
            first -= 1
        if first < ent.start:
            t0 = doc[first]
            reg.pending_alias = (offset + t0.idx, offset + ent.end_char)
        role_tokens = [t for t in toks if not (ent.start <= t.i < ent.end) and not t.is_punct]
        role = " ".join(t.text for t in role_tokens if t.lower_ not in _DETS) or None
        if role_head is not None:
            role = " ".join(t.text for t in np_tokens(role_head) if t.lower_ not in _DETS) or role
        titles = [t.text for t in ent if t.lower_.rstrip(".") in _TITLES or t.lower_ in _TITLES]
        if titles and not role:
            role = " ".join(titles)
        if country is None and role_head is not None:
            country = self._country_in(np_tokens(role_head), role_head)
        if existing is not None:
            name, country = existing.name, existing.country
        aid = reg.add(
            ActorKind.PERSON,
            country,
            name,
            offset + ent.start_char,
            offset + ent.end_char,
            sentence,
            "person",
            role=role,
        )
        if reg.pending_alias:
            reg.add_alias(aid, *reg.pending_alias, sentence)
            reg.pending_alias = None
        # The role phrase is an alias too ("a local administrator", "the head of the ... administration").
        role_np = None
        appos_role = None
        if role_head is not None:
            role_np = np_tokens(role_head)
        else:
            roles = [
                c
                for c in ent.root.children
                if c.dep_ == "appos"
                and (c.lemma_.lower() in self.d.person_roles or c.lower_ in self.d.person_roles)
            ]
            if roles:
                # Only "of"/"for" names the owner after the name ("a spokesman for the union"); a
                # possessive there ("the coast guard's spokesman") is left to the forms before the name.
                kids = list(roles[0].children)
                if any(c.dep_ == "prep" and c.lower_ in ("of", "for") for c in kids) and not any(
                    c.dep_ == "poss" for c in kids
                ):
                    appos_role = roles[0]
                role_np = full_phrase(roles[0])
                role = role or " ".join(t.text for t in np_tokens(roles[0]) if t.lower_ not in _DETS)
                reg.actors[aid].role = reg.actors[aid].role or role
        if role_np:
            reg.add_alias(
                aid, offset + role_np[0].idx, offset + role_np[-1].idx + len(role_np[-1].text), sentence
            )
        # "Ali Bello, a spokesman for the union": the role after the name says whom he speaks for.
        owner_head = role_head if role_head is not None else appos_role
        if owner_head is None:
            owner_head = next(
                (t for t in toks if t.lower_ in self.d.person_roles or t.lemma_ in self.d.person_roles), None
            )
        if owner_head is not None:
            owner = self._owner(owner_head, offset, sentence)
            if owner and owner != aid:
                reg.affiliation[aid] = owner
        return aid

    def _general_staff(
        self,
        head: Any,
        offset: int,
        country: str | None,
        span_start: int,
        span_end: int,
        sentence: int,
        at: int,
    ) -> str | None:
        reg = self.reg
        owner_tok = next((c for c in head.children if c.dep_ == "poss"), None)
        owner = None
        if owner_tok is not None:
            owner = self.resolve(owner_tok, offset, sentence)
        if owner is None:
            found = reg.last(at, {"army"}, 99, sentence) if not country else None
            owner = found if found and reg.actors[found].country else None
        if owner is not None and reg.actors[owner].actor_kind is ActorKind.ARMED_GROUP:
            return reg.again(owner, span_start, span_end, sentence)
        country = country or reg.dominant_country()
        if country:
            return self._national_forces(reg, country, span_start, span_end, sentence)
        return None

    def _armed(
        self,
        head: Any,
        toks: list[Any],
        words: list[str],
        head_ent: Any,
        country: str | None,
        span_start: int,
        span_end: int,
        sentence: int,
        at: int,
    ) -> str | None:
        reg = self.reg
        lemma = head.lemma_.lower()
        army_like = (
            lemma in _ARMY_WORDS or head.lower_ in _ARMY_WORDS or " ".join(words[-2:]) == "armed forces"
        )
        generic_name = (
            head_ent is not None and re.sub(r"^the\s+", "", head_ent.text.lower()) in self.d.armed_heads
        )
        state_force = bool(country) and any(
            " ".join(words[-n:]) in self.d.state_force_heads for n in (1, 2, 3) if len(words) >= n
        )
        if head_ent is not None and head_ent.label_ == "ORG" and not generic_name:
            if (
                head.dep_ == "pobj"
                and head_ent.start <= head.head.i < head_ent.end
                and head.i > head_ent.root.i
            ):
                # "the Army" inside "the Second Division of the Army": a word of the unit's name, which the
                # name's own head registers, not a mention of the whole unit under another name.
                return None
            # A named group ("the Kivu Renewal Alliance"), not a capitalised "Army".
            name = head_ent.text
            name = re.sub(r"^(the|The)\s+", "", name)
            category = "army" if state_force else "rebel"
            return reg.add(ActorKind.ARMED_GROUP, country, name, span_start, span_end, sentence, category)
        government_forces = any(w in ("government", "state", "national", "federal", "regular") for w in words)
        if (
            not country
            and head_ent is None
            and head.dep_ == "dobj"
            and any(c.dep_ == "nummod" for c in head.children)
        ):
            # "Rwanda has 4,000 troops in the east", "Moscow sent 10,000 soldiers": counted men of the
            # state the verb's subject names are its forces, not a group called by the count.
            subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
            owner = (
                reg.country_of(subj.text, head.doc) if subj is not None and subj.ent_type_ == "GPE" else None
            )
            if owner:
                return self._national_forces(reg, owner, span_start, span_end, sentence)
        if not country and self._bare(toks) and head_ent is None:
            owner = self._pronoun_owner(head, span_start - toks[0].idx, sentence)
            if owner is not None:
                owned = reg.actors[owner]
                if owned.actor_kind is ActorKind.ARMED_GROUP:
                    # "The army said its soldiers …": the speaker's own men.
                    return reg.again(owner, span_start, span_end, sentence)
                if owned.actor_kind in (ActorKind.STATE, ActorKind.GOVERNMENT_BODY) and owned.country:
                    # "Moscow said its forces had struck …": Russia's forces, whichever country the
                    # article names most.
                    return self._national_forces(reg, owned.country, span_start, span_end, sentence)
        if army_like and not country and self._bare(toks):
            # "The army" is the institution, never men counted before; "the soldiers" may be those men.
            institution = lemma in ("army", "military")
            found = reg.last(at, {"army"}, 99, sentence, uncounted=institution)
            if found:
                return reg.again(found, span_start, span_end, sentence)
        if army_like and (country or government_forces or self._bare(toks)):
            country = country or reg.dominant_country()
            if country:
                return self._national_forces(reg, country, span_start, span_end, sentence)
        if self._described(toks) and lemma in (
            "group",
            "rebel",
            "militant",
            "insurgent",
            "fighter",
            "movement",
            "coalition",
            "militia",
            "gang",
            "cartel",
            "alliance",
            "front",
            "gunman",
            "jihadist",
            "paramilitary",
            "separatist",
        ):
            # A named armed group from the dictionary ("M23") has its kind as category. "The rebels" is
            # first the group the text called rebel, then the last group of either kind.
            found = reg.last_called(lemma, at) if lemma in GENERIC_HOLDERS else None
            found = found or reg.last(at, {"rebel", "armed_group"}, 99, sentence)
            if found:
                return reg.again(found, span_start, span_end, sentence)
            if lemma in ("group", "movement", "alliance", "front", "coalition"):
                return None
        if lemma in ("police",) or "police" in words:
            country = country or reg.dominant_country()
            name = f"Police of {self.d.state_name(country)}" if country else "police"
            aid = reg.add(ActorKind.ARMED_GROUP, country, name, span_start, span_end, sentence, "army")
            return aid
        name = self._phrase_name(toks)
        category = "army" if army_like or state_force else "rebel"
        # "the air force" and "Ukraine's air force" in one article: one force. Only determiners and the
        # country may differ between the two mentions.
        core = [
            t.lower_
            for t in toks
            if not (t.lower_ in _DETS or t.is_punct or t.tag_ == "POS" or self.d.country_of_word(t.text))
        ]
        if head_ent is None and core and len(core) <= 3:
            for m in reversed(reg.history):
                known = reg.actors.get(m.actor_id)
                if (
                    m.start < at
                    and known is not None
                    and known.actor_kind is ActorKind.ARMED_GROUP
                    and (country is None or known.country in (None, country))
                    and self.d.strip_country(known.name).lower().split() == core
                ):
                    return reg.again(known.id, span_start, span_end, sentence)
        return reg.add(ActorKind.ARMED_GROUP, country, name, span_start, span_end, sentence, category)
