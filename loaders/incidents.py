"""Incidents from trigger words plus the parse: type, casualty figures, victims, places and dates.

Trigger lemmas by type live in ``loaders/data/lexicon.yaml``; a modifier beats its head ("drone strike"
is an airstrike, "mortar shells" shelling). Mentions of the same type at the same place are one incident;
"the attack"/"the strike" refer back to the latest incident; "in separate incidents" keeps the places
apart.

>>> number_value("six"), number_value("1,200"), number_value("dozens")
(6, 1200, None)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graph.model import Precision, TimeSpan
from graph.taxonomy import IncidentType
from loaders.claims import Lexicon
from loaders.dates import relative_to_event, resolve, shift, short_span
from loaders.nlp import ents_of, first_conjunct

_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "both": 2,
    "single": 1,
}
# Nouns that refer back to an incident already reported ("the attack", "the strike").
GENERIC_EVENT_NOUNS = frozenset(
    [
        "attack",
        "attacks",
        "strike",
        "strikes",
        "incident",
        "incidents",
        "explosion",
        "explosions",
        "blast",
        "shelling",
        "assault",
        "raid",
        "bombing",
        "killing",
        "killings",
        "violence",
        "fighting",
        "clash",
        "clashes",
    ]
)
_VIOLENT = frozenset(
    {
        IncidentType.LANDMINE_EXPLOSION,
        IncidentType.ARMED_CLASH,
        IncidentType.SHELLING,
        IncidentType.MISSILE_STRIKE,
        IncidentType.AIRSTRIKE,
        IncidentType.AIRCRAFT_SHOOTDOWN,
        IncidentType.MILITARY_OPERATION,
    }
)
# Weak triggers only type an incident when nothing more specific is in the phrase.
_WEAK = frozenset(
    {
        "attack",
        "fire",
        "bomb",
        "strike",
        "operation",
        "fighting",
        "transfer",
        "flight",
        "conflict",
        "checkpoint",
        "closure",
        "march",
        "killing",
        "shooting",
        "raid",
        "assault",
        "rocket",
        "shell",
        "offensive",
    }
)
_STRIKE_WORDS = frozenset({"strike", "strikes", "struck", "hit", "attack"})
# Types whose bare noun can be what an attack hit (a convoy, a checkpoint) rather than an event.
_TARGET_TYPES = frozenset({IncidentType.AID_DELIVERY, IncidentType.BLOCKADE})
# Words that make a convoy a humanitarian one, whose attack is told as the delivery incident.
_AID_WORDS = frozenset({"aid", "humanitarian", "relief", "food", "medical"})
# Types whose word, as the object of a weak verb, names what was fired or used ("fired rockets", "fired
# water cannon"); any other object is what the attack hit.
_FIRED_TYPES = frozenset(
    {
        IncidentType.SHELLING,
        IncidentType.MISSILE_STRIKE,
        IncidentType.AIRSTRIKE,
        IncidentType.LANDMINE_EXPLOSION,
        IncidentType.GPS_JAMMING,
        IncidentType.OTHER,
    }
)
_EVENT_DEPS = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "dobj",
        "pobj",
        "ROOT",
        "conj",
        "attr",
        "appos",
        "ccomp",
        "csubj",
        "xcomp",
        "advcl",
        "relcl",
        "pcomp",
        "npadvmod",
        "acl",
        "dep",
        "compound",
        "poss",
    }
)


# Verbs of killing that report an attack when people do them and the sentence names no other event.
_KILLING_VERBS = frozenset(["kill", "massacre", "murder", "slaughter", "behead"])


def _explodes(tok: Any) -> bool:
    """ "exploded", "detonated", "blew up"."""
    lemma = tok.lemma_.lower()
    if lemma in ("explode", "detonate"):
        return True
    return lemma == "blow" and any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children)


# The lemmas _explodes accepts ("blow" only with "up").
_EXPLOSION_VERBS = frozenset({"explode", "detonate", "blow"})


# "Its aircraft destroyed a convoy", "troops destroyed a mortar position": an armed force or a weapon
# destroying something reports an attack; the doer gives the type.
_DESTROY_VERBS = frozenset({"destroy", "demolish", "wipe"})
_DOER_TYPES: dict[str, IncidentType] = {
    **dict.fromkeys(
        ("aircraft", "jet", "warplane", "plane", "helicopter", "drone", "aviation", "bomber", "gunship"),
        IncidentType.AIRSTRIKE,
    ),
    **dict.fromkeys(("artillery", "mortar", "howitzer", "gunner"), IncidentType.SHELLING),
    **dict.fromkeys(("missile",), IncidentType.MISSILE_STRIKE),
    **dict.fromkeys(
        (
            "force",
            "troop",
            "army",
            "military",
            "soldier",
            "unit",
            "fighter",
            "militant",
            "rebel",
            "militia",
            "navy",
            "commando",
            "battalion",
            "brigade",
            "division",
            "insurgent",
            "gunman",
        ),
        IncidentType.MILITARY_OPERATION,
    ),
}
_REPORTED_PRONOUNS = frozenset({"it", "they", "we"})


def _destruction_by_force(tok: Any) -> IncidentType | None:
    """The type of "X destroyed Y" when X is an armed force or a weapon, else None. "It"/"they" count
    only inside reported speech ("the army said it had destroyed a position"), where they are the
    speaker's forces."""
    if not any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") for c in tok.children):
        return None
    for subj in (c for c in tok.children if c.dep_ == "nsubj"):
        lemma = subj.lemma_.lower()
        if subj.lower_ in _REPORTED_PRONOUNS:
            return IncidentType.MILITARY_OPERATION if tok.dep_ == "ccomp" else None
        words = [lemma] + [c.lemma_.lower() for c in subj.children if c.dep_ in ("compound", "amod")]
        if lemma == "force" and "air" in words:
            return IncidentType.AIRSTRIKE  # "the air force destroyed …"
        for word in words:
            if word in _DOER_TYPES:
                return _DOER_TYPES[word]
    return None


def number_value(text: str) -> int | None:
    t = text.lower().replace(",", "")
    if t.isdigit():
        return int(t)
    if "-" in t:
        parts = [_NUMBER_WORDS.get(p) for p in t.split("-")]
        if all(p is not None for p in parts):
            return sum(p for p in parts if p is not None)
    return _NUMBER_WORDS.get(t)


def token_number(tok: Any) -> int | None:
    """The number a token gives, reading a hyphenated number the tokenizer split ("twenty-three" is
    "twenty", "-", "three") and a following "hundred" or "thousand" ("two hundred")."""
    value = number_value(tok.text)
    if value is None:
        return None
    doc = tok.doc
    i = tok.i
    if 0 < value < 10 and i >= 2 and doc[i - 1].text == "-":
        tens = number_value(doc[i - 2].text)
        if tens is not None and tens in _TENS:
            value += tens
    elif value in _TENS and i + 2 < len(doc) and doc[i + 1].text == "-":
        unit = number_value(doc[i + 2].text)
        if unit is not None and 0 < unit < 10:
            value += unit
    if tok.lower_ in _MULTIPLIERS and i > 0 and doc[i - 1].lower_ not in ("a", "an"):
        before = number_value(doc[i - 1].text)
        if before is not None and before < 100:
            return before * value  # "two hundred": the tokenizer's head is "hundred"
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    if nxt in _MULTIPLIERS and tok.lower_ not in ("a", "an", "both", "single") and value < 100:
        value *= _MULTIPLIERS[nxt]
    return value


_TENS = frozenset({20, 30, 40, 50, 60, 70, 80, 90})
_MULTIPLIERS = {"hundred": 100, "thousand": 1000}


@dataclass
class IncidentDraft:
    """One incident of an article before ids are assigned; offsets index the article text."""

    type: IncidentType
    trigger_start: int
    trigger_end: int
    sentence: int
    trigger_text: str
    killed: int | None = None
    injured: int | None = None
    killed_note: str = ""
    location: str | None = None
    near: list[str] = field(default_factory=list)
    date_mention: Any = None
    # The date is only the statement's ("on Tuesday accused M23 of killing"): the event's own words, told
    # later, replace it.
    date_from_statement: bool = False
    victims: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int, int]] = field(default_factory=list)  # (sentence, start, end)
    summary: str = ""
    trigger_lemma: str = ""


class TriggerTable:
    """Trigger lemma / phrase → incident type, from the lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.single: dict[str, IncidentType] = {}
        self.multi: dict[tuple[str, ...], IncidentType] = {}
        for type_name, words in lexicon.raw["incident_triggers"].items():
            itype = IncidentType(type_name)
            for w in words:
                parts = tuple(str(w).lower().split())
                if len(parts) == 1:
                    self.single.setdefault(parts[0], itype)
                else:
                    self.multi.setdefault(parts, itype)
        # Words that can start a trigger: a set lookup keeps the per-token cost to one hash probe.
        self.starts = frozenset(self.single) | frozenset(k[0] for k in self.multi)
        # The lemmas type_at can report an event at: a trigger's first word or a verb its own rules read
        # (transported wounded, a harm act, a killing, a destruction, an explosion). Any other noun or
        # verb of the sentence is no trigger, and is let go before the rules that walk its children.
        self.event_lemmas = (
            self.starts
            | _TRANSPORT_VERBS
            | _HARM_ACTS
            | _KILLING_VERBS
            | _DESTROY_VERBS
            | _EXPLOSION_VERBS
            | _SUSPEND_WORDS
            | SWAP_WORDS
        )
        self.accuse = lexicon.accuse
        self.killed = frozenset(lexicon.raw["killed_words"])
        self.injured = frozenset(lexicon.raw["injured_words"])

    def type_at(self, tok: Any) -> tuple[IncidentType, int, int] | None:
        """(type, first token i, last token i) of a trigger starting at or headed by ``tok``, or None when
        the word does not report an event here (a name, a month, a consequence, an attacked convoy)."""
        lemma = tok.lemma_.lower()
        if lemma not in self.event_lemmas and tok.lower_ not in self.starts:
            return None
        if _inside_name(tok) or _habitual(tok):
            return None
        if lemma in SWAP_WORDS and self._type_at(tok) is None:  # "exchange of fire" is in the lexicon
            swapped = _swaps_captives(tok) and not _negated(tok)
            return (IncidentType.OTHER, tok.i, tok.i) if swapped else None
        if lemma in _SUSPEND_WORDS:
            halted = _halted_movement(tok)
            return (halted, tok.i, tok.i) if halted is not None and not _negated(tok) else None
        if tok.pos_ == "VERB" and lemma in _TRANSPORT_VERBS and _carries_hurt(tok):
            return IncidentType.MEDICAL_EVACUATION, tok.i, tok.i  # "drove 12 wounded patients to El Obeid"
        if tok.pos_ == "VERB" and lemma in _HARM_ACTS and accused_act(tok, self.accuse):
            # "accused M23 of killing 30 civilians": the alleged killing is the event (ANNOTATION.md),
            # unless its clause names the event it was the toll of ("of killing nine in a drone strike").
            names_event = any(t.i != tok.i and self._type_at(t) is not None for t in tok.subtree)
            if not _negated(tok) and not names_event:
                return IncidentType.ARMED_CLASH, tok.i, tok.i
        if tok.pos_ == "VERB" and lemma in _KILLING_VERBS and self._killing_by_people(tok):
            return IncidentType.ARMED_CLASH, tok.i, tok.i
        if tok.pos_ == "VERB" and lemma in _DESTROY_VERBS and not _negated(tok):
            destroyed = _destruction_by_force(tok)
            if destroyed is not None and not self._other_event_outside(tok):
                return destroyed, tok.i, tok.i  # "its aircraft had destroyed a rebel convoy"
        if tok.pos_ == "VERB" and _explodes(tok) and not _negated(tok) and not self._other_event_named(tok):
            # "an explosive-laden truck blew up outside an army base": a bomb the sentence does not name
            return IncidentType.LANDMINE_EXPLOSION, tok.i, tok.i
        found = self._type_at(tok)
        if found is None:
            return None
        itype, first, last = found
        if _modifies_non_event(tok, first, last, self):
            return None
        if _negated(tok):
            return None  # "did not carry out any operation", "no attack took place"
        if itype is IncidentType.LANDMINE_EXPLOSION and tok.pos_ == "VERB" and lemma == "mine":
            return None  # "the road is mined": mines laid, a danger told, not a blast
        if itype is IncidentType.BLOCKADE and first == last and _not_a_closure(tok):
            return None  # "the rubble of the apartment block", "thousands of schools have been closed"
        if lemma in _VIOLATION_WORDS and _violates_law(tok):
            return None  # "a flagrant violation of international humanitarian law": a charge, no event
        if tok.pos_ == "VERB" and lemma == "kill":
            return None  # "shelled the village, killing two": the toll of the event already reported
        aid_convoy = itype is IncidentType.AID_DELIVERY and _aid_phrase(tok)
        if aid_convoy and _attacked(tok, self):
            return (
                itype,
                first,
                last,
            )  # "gunmen attacked a food convoy": the attacked delivery is the incident
        if lemma in _BARRIER_NOUNS and not _barrier_event(tok):
            return None  # "slowed by checkpoints", "stopped at four checkpoints": a place, not a closure
        if itype in _TARGET_TYPES and first == last and tok.pos_ == "NOUN" and _attacked(tok, self):
            return (
                None  # "gunmen ambushed a supply convoy", "attacked a checkpoint": the target, not an event
            )
        if itype is IncidentType.AID_DELIVERY and first == last and not _delivers(tok):
            return None  # "the convoy that carried the wounded was stopped": a vehicle, not a delivery
        if itype is IncidentType.AIRCRAFT_SHOOTDOWN and _intercepts_weapons(tok, last):
            return None  # "air defences shot down 41 of the 48 drones": part of the attack, not an event
        if itype is IncidentType.LANDMINE_EXPLOSION and first == last and lemma == "bomb" and _aerial(tok):
            itype = IncidentType.AIRSTRIKE  # "bombed the market", "the first bomb fell"
        if lemma in _CAPTURE_WORDS and not _captures_ground(tok):
            if not _captures_people(tok):
                return None  # "captured two military trucks": spoils of the fighting told, no event
            itype = IncidentType.OTHER  # "police captured two suspects": a detention, not an operation
        if itype is IncidentType.MEDICAL_EVACUATION and _evacuates_unhurt(tok, self):
            itype = IncidentType.OTHER  # residents moved to safety: a civilian evacuation
        return itype, first, last

    def _killing_by_people(self, tok: Any) -> bool:
        """ "Fourteen farmers were killed by suspected jihadists", "gunmen killed nine villagers": a killing
        done by people, in a sentence that names no other event (else it is that event's toll)."""
        doers = [c for c in tok.children if c.dep_ == "nsubj"]
        doers += [g for c in tok.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if not doers or _negated(tok) or accused_act(tok, self.accuse):
            return False
        if any(
            d.pos_ not in ("NOUN", "PROPN") or d.ent_type_ not in ("", "PERSON", "NORP", "ORG") for d in doers
        ):
            return False
        return not self._other_event_named(tok)

    def _other_event_outside(self, tok: Any) -> bool:
        """Another trigger in the sentence outside the doer and the target of ``tok`` ("its drones
        destroyed a convoy": the drones and the convoy are parts of the one attack), and not only the
        event it is dated by ("a day after the attack")."""
        parts = {t.i for c in tok.children if c.dep_ in ("nsubj", "dobj") for t in c.subtree}
        return any(
            t.i != tok.i
            and t.i not in parts
            and t.pos_ in ("NOUN", "VERB")
            and self._type_at(t) is not None
            and not temporal_anchor(t)
            for t in tok.sent
        )

    def _other_event_named(self, tok: Any) -> bool:
        return any(t.i != tok.i and self._type_at(t) is not None for t in tok.sent)

    def _type_at(self, tok: Any) -> tuple[IncidentType, int, int] | None:
        # Every key of ``single`` and the first word of every key of ``multi`` are in ``starts``, so a word
        # that is neither in it as written nor by its lemma starts no trigger.
        if tok.lower_ not in self.starts and tok.lemma_.lower() not in self.starts:
            return None
        doc = tok.doc
        for n in (3, 2):
            if tok.i + n <= len(doc):
                key = tuple(doc[j].lemma_.lower() for j in range(tok.i, tok.i + n))
                key_l = tuple(doc[j].lower_ for j in range(tok.i, tok.i + n))
                for k in (key_l, key):
                    if k in self.multi:
                        return self.multi[k], tok.i, tok.i + n - 1
        lemma = tok.lemma_.lower()
        itype = self.single.get(lemma) or self.single.get(tok.lower_)
        if itype is None:
            return None
        # A more specific modifier decides: "drone strike", "mortar shells", "roadside bomb".
        for child in tok.children:
            if child.dep_ in ("compound", "amod", "nmod") and child.i < tok.i:
                sub = self.single.get(child.lemma_.lower()) or self.single.get(child.lower_)
                if sub is not None and (lemma in _WEAK or lemma in _STRIKE_WORDS):
                    return sub, child.i, tok.i
        if lemma in _WEAK and tok.pos_ == "VERB":
            # "fired water cannon", "fired rockets": what was fired decides the type
            for child in tok.children:
                if child.dep_ != "dobj":
                    continue
                found = self._object_type(child)
                if found is IncidentType.AID_DELIVERY and _aid_phrase(child):
                    return None  # "attacked a convoy of food aid": the convoy's own word is the incident
                if found not in _FIRED_TYPES:
                    continue  # "attacked an army convoy": the object is the target
                if found is not self.single.get(lemma):
                    return found, tok.i, max(tok.i, child.i)  # one trigger: "fired water cannon"
        if lemma in ("strike", "hit", "attack") and tok.pos_ == "VERB":
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    for t in child.subtree:
                        sub = self.single.get(t.lemma_.lower())
                        if sub is not None and t is not tok and sub is not IncidentType.ARMED_CLASH:
                            if sub is IncidentType.LANDMINE_EXPLOSION and _aerial(t):
                                sub = IncidentType.AIRSTRIKE  # "a guided bomb hit the plant"
                            return sub, tok.i, tok.i
        return itype, tok.i, tok.i

    def _object_type(self, noun: Any) -> IncidentType | None:
        doc = noun.doc
        first = min([noun.i] + [c.i for c in noun.children if c.dep_ in ("compound", "amod")])
        for n in (3, 2):
            if first + n - 1 == noun.i:
                key = tuple(doc[j].lemma_.lower() for j in range(first, noun.i + 1))
                if key in self.multi:
                    return self.multi[key]
        return self.single.get(noun.lemma_.lower())


# A swap or an exchange of captives: "swapped 84 prisoners each", "returned home in an exchange".
SWAP_WORDS = frozenset({"swap", "exchange"})
_CAPTIVE_WORDS = frozenset(
    {"prisoner", "captive", "detainee", "hostage", "pow", "serviceman", "servicemen", "soldier", "body"}
)


def _swaps_captives(tok: Any) -> bool:
    """The swap or exchange is one of captives: what is swapped, or the sentence's people outside names
    ("84 Ukrainian servicemen had returned home in an exchange with Russia"). "Exchanged fire" is not
    one, nor an exchange of views.

    >>> from loaders.nlp import get_nlp
    >>> doc = get_nlp()("The two sides swapped 84 prisoners. Troops exchanged fire with soldiers.")
    >>> [_swaps_captives(t) for t in doc if t.lemma_ in ("swap", "exchange")]
    [True, False]
    """
    if tok.pos_ != "NOUN" or any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
        return any(_counted(x).lemma_.lower() in _CAPTIVE_WORDS for x in _acted_on(tok))
    return any(
        t.lemma_.lower() in _CAPTIVE_WORDS and t.ent_type_ not in _NAME_LABELS and t.pos_ == "NOUN"
        for t in tok.sent
    )


# Halting the movement of traffic on a way closes it (a blockade); halting flights is another event.
_SUSPEND_WORDS = frozenset({"suspend", "suspension", "halt"})
_WAY_TRAFFIC = frozenset({"traffic", "movement", "passage", "crossing", "road", "route", "highway"})
_FLIGHT_NOUNS = frozenset({"flight", "flights"})


def _halted_movement(tok: Any) -> IncidentType | None:
    """The type of "traffic on the road was suspended", "forced the suspension of flights": what is
    halted is traffic on a way (a blockade) or flights (another event); halted deliveries, talks or aid
    are none.

    >>> from loaders.nlp import get_nlp
    >>> doc = get_nlp()("Traffic on the road was suspended. Flights were suspended. Talks were suspended.")
    >>> [_halted_movement(t) for t in doc if t.lemma_ == "suspend"]
    [<IncidentType.BLOCKADE: 'blockade'>, <IncidentType.OTHER: 'other'>, None]
    """
    for noun in map(_counted, _acted_on(tok)):
        words = {noun.lemma_.lower(), *(c.lemma_.lower() for c in noun.children if c.dep_ == "compound")}
        if words & _FLIGHT_NOUNS or "air" in words:
            return IncidentType.OTHER
        if noun.lemma_.lower() in _WAY_TRAFFIC:
            return IncidentType.BLOCKADE
    return None


# Entity labels whose words are a name, not an event: "Prisoners of War" in an office's name, the month
# "March" in a date.
_NAME_LABELS = frozenset({"ORG", "PERSON", "WORK_OF_ART", "LAW", "NORP", "PRODUCT"})
_MONTH_WORDS = frozenset({"march", "may"})
# Verbs of attack whose object is the target of the attack.
_ATTACK_VERBS = frozenset(
    {"attack", "ambush", "hit", "strike", "target", "shell", "bomb", "loot", "seize", "raid", "fire", "block"}
)
_HURT_WORDS = frozenset(
    {"wounded", "injured", "patient", "patients", "casualty", "casualties", "hurt", "sick", "wound"}
)

_UNHURT_WORDS = frozenset(
    {
        "resident",
        "residents",
        "civilian",
        "civilians",
        "family",
        "families",
        "inhabitants",
        "villager",
        "villagers",
        "household",
        "households",
        "student",
        "students",
        "staff",
        "worker",
        "workers",
        "tenants",
        "population",
    }
)


# Nouns that a trigger word can modify or complete without naming an event: "war crime", "war
# propaganda", "attack drones", "directors general of military operations", "parties to the conflict".
_NON_EVENT_HEADS = frozenset(
    {
        "crime",
        "criminal",
        "propaganda",
        "rhetoric",
        "footing",
        "zone",
        "memorial",
        "museum",
        "veteran",
        "widow",
        "orphan",
        "correspondent",
        "reporter",
        "prisoner",
        "director",
        "general",
        "chief",
        "head",
        "commander",
        "minister",
        "ministry",
        "department",
        "office",
        "centre",
        "center",
        "headquarters",
        "party",
        "room",
        "unit",
        "helicopter",
        "aircraft",
        "plane",
        "jet",
        "boat",
        "ship",
        "vehicle",
        "drone",
        # Military things named for a weapon: "a mortar position", "rocket launchers", "a drone base".
        "position",
        "depot",
        "launcher",
        "battery",
        "base",
        "warehouse",
        "factory",
        # Places named for what happens or happened there: "a displacement camp", "a detention facility",
        # "an evacuation shelter", "the ceasefire line".
        "camp",
        "facility",
        "shelter",
        "line",
    }
)


def _modifies_non_event(tok: Any, first: int, last: int, table: TriggerTable) -> bool:
    """The trigger phrase only describes another noun: a modifier of a thing ("attack drones", "war
    crimes") or the complement of a title ("directors general of military operations", "prisoners of
    war")."""
    noun = tok.doc[last] if first != last else tok
    head = noun.head
    if (
        noun.dep_ in ("compound", "amod", "nmod")
        and head.i > noun.i
        and head.lemma_.lower() in _NON_EVENT_HEADS
    ):
        return True
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("of", "to", "for"):
        owner = head.head  # "directors general of …": the title word may be tagged an adjective
        return owner.pos_ in ("NOUN", "PROPN", "ADJ") and owner.lemma_.lower() in _NON_EVENT_HEADS
    return False


# A violation is an event when a ceasefire, a border or airspace is violated; a violated law, right or
# resolution makes it a legal charge about some other event.
_VIOLATION_WORDS = frozenset({"violation", "violate", "breach", "infringement", "infringe"})
_LEGAL_NORMS = frozenset(
    {
        "law",
        "right",
        "convention",
        "charter",
        "norm",
        "principle",
        "obligation",
        "resolution",
        "code",
        "rule",
        "statute",
        "regulation",
        "constitution",
        "protocol",
        "commitment",
    }
)


def _violates_law(tok: Any) -> bool:
    """What the violation word says was violated is a law or a norm ("violation of international law",
    "violated human rights", "a breach of its obligations")."""
    return any(o.lemma_.lower() in _LEGAL_NORMS or o.lower_ in _LEGAL_NORMS for o in _acted_on(tok))


def _acted_on(tok: Any) -> list[Any]:
    """What a verb or its noun acts on: the object or passive subject of the verb ("violated the law",
    "traffic was suspended"), the words after the noun's "of" ("the suspension of flights")."""
    if tok.pos_ == "VERB":
        return [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]


# Verbs of deliberate harm to people: the act an accusation names ("accused X of executing prisoners").
_HARM_ACTS = frozenset({"kill", "murder", "massacre", "execute", "shoot", "slaughter", "slay", "torture"})


def accused_act(tok: Any, accuse_verbs: frozenset[str]) -> bool:
    """The verb is the act an accusation names: the clause after "of"/"for" of an accusing verb ("accused
    M23 of killing civilians", "blamed the army for shooting protesters")."""
    if tok.dep_ not in ("pcomp", "pobj") or tok.head.lower_ not in ("of", "for"):
        return False
    owner = tok.head.head
    if owner.pos_ in ("NOUN", "PROPN", "PRON") and owner.dep_ in ("dobj", "nsubjpass"):
        owner = owner.head  # "accused [M23 rebels] of killing": "of" may hang on the accused
    return owner.lemma_.lower() in accuse_verbs or owner.lemma_.lower() in ("accusation", "allegation")


# Places whose closing shuts a service, not a way in or out: a closed school is no blockade.
_FACILITY_NOUNS = frozenset(
    {"school", "university", "shop", "business", "office", "bank", "mosque", "church", "clinic", "factory"}
)


def _not_a_closure(tok: Any) -> bool:
    """The blockade word names no closing of a way: the noun "block" is a building ("an apartment
    block"), and closing a school or a shop shuts a service."""
    lemma = tok.lemma_.lower()
    if lemma == "block":
        return bool(tok.pos_ == "NOUN")
    if lemma != "close" or tok.pos_ != "VERB":
        return False
    closed = [_counted(c) for c in tok.children if c.dep_ in ("nsubjpass", "dobj", "nsubj")]
    return bool(closed) and all(c.lemma_.lower() in _FACILITY_NOUNS for c in closed)


def _counted(noun: Any) -> Any:
    """What a quantity phrase counts: "thousands of schools" -> "schools"."""
    if noun.lemma_.lower() not in _QUANTITY_NOUNS and not noun.like_num:
        return noun
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    counted = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
    return counted if counted is not None else noun


_QUANTITY_NOUNS = frozenset(
    {"thousand", "hundred", "dozen", "dozens", "number", "scores", "score", "many", "most"}
)


def _negated(tok: Any) -> bool:
    """The event is said not to have happened: its verb is negated, directly or through the non-finite
    verbs that carry it ("did not carry out any operation", "did not accuse anyone of blocking the road"),
    or the noun takes "no" ("no attack took place")."""
    if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return True
    node = tok
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in node.children):
            return True
        if node.pos_ == "VERB" and node.dep_ not in ("pcomp", "xcomp", "acl"):
            return False  # a finite clause of its own: a negation above it is about something else
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _inside_name(tok: Any) -> bool:
    if tok.ent_type_ in _NAME_LABELS and tok.ent_iob_ in ("B", "I"):
        ent = next((e for e in ents_of(tok.doc) if e.start <= tok.i < e.end), None)
        return ent is not None and len(ent) > 1 and not ent.kb_id_
    if tok.ent_type_ in ("DATE", "TIME") and tok.lower_ in _MONTH_WORDS:
        return True
    return _title_word(tok)


def _habitual(tok: Any) -> bool:
    """A verb in the simple present inside a relative clause describes what someone does as a rule ("a
    militia that recruits among the Lendu", "a group that attacks convoys on the road"), not an event.

    >>> from loaders.nlp import get_nlp
    >>> doc = get_nlp()("The attack was blamed on a militia that recruits among herders.")
    >>> _habitual(doc[8]), _habitual(doc[1])
    (True, False)
    """
    return (
        tok.pos_ == "VERB"
        and tok.dep_ == "relcl"
        and tok.tag_ in ("VBZ", "VBP")
        and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
    )


def _title_word(tok: Any) -> bool:
    """A capitalised word inside a title-cased name the model did not tag: "the Syria Conflict Monitor",
    "the Treatment of Prisoners of War". A name that opens with the word ("Operation Sindoor") names
    the event itself, and a capitalised event noun at the head of a name ("the Second Karabakh War") is
    the event."""
    if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.i == tok.sent.start:
        return False
    head = tok.head
    if not (head.pos_ == "PROPN" and head.text[:1].isupper()):
        if not (tok.dep_ == "pobj" and head.lower_ == "of"):
            return False
        owner = head.head
        return bool(owner.pos_ == "PROPN" and owner.text[:1].isupper() and owner.i != tok.sent.start)
    before = tok.doc[tok.i - 1]
    return bool(
        tok.dep_ == "compound" and head.i > tok.i and before.pos_ == "PROPN" and before.text[:1].isupper()
    )


# A checkpoint is where traffic is stopped. It tells of a closure when it is set up ("militiamen set up
# checkpoints on the road") or when the clause reports an obstruction still going on ("supplies have been
# held up at checkpoints"); a single trip stopped or slowed at one ("the convoy had been stopped at four
# checkpoints", "a journey slowed by checkpoints") or an attacked checkpoint is a place, not an event.
_BARRIER_NOUNS = frozenset({"checkpoint", "roadblock", "barricade"})
_PUT_UP_VERBS = frozenset({"set", "erect", "establish", "install", "mount", "put", "build", "man", "impose"})


def _barrier_event(tok: Any) -> bool:
    tok = first_conjunct(tok)
    if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in _PUT_UP_VERBS:
        return True
    verb = tok.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.tag_ not in ("VBN", "VBG"):
        return False
    # the present perfect: "has been restricted", "have been held up"
    return any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in verb.children)


def _attacked(tok: Any, table: TriggerTable) -> bool:
    """The aid word is what an attack hit: object of an attack verb, or the passive subject of one."""
    head = tok.head
    if tok.dep_ == "pobj" and head.dep_ in ("prep", "agent"):
        head = head.head  # "an attack on a convoy", "fired on the convoy"
    lemma = head.lemma_.lower()
    violent = lemma in _ATTACK_VERBS or table.single.get(lemma) in _VIOLENT
    return violent and tok.dep_ in ("dobj", "nsubjpass", "pobj")


# Verbs that tell a convoy or shipment brought its load: "the convoy reached the town", "delivered".
_DELIVERY_VERBS = frozenset(
    {"reach", "arrive", "deliver", "enter", "bring", "complete", "unload", "distribute", "cross", "land"}
)
_DELIVERY_WORDS = frozenset({"convoy", "delivery", "shipment", "resupply"})
# What air defences shoot down in an attack: its weapons, not aircraft.
_WEAPON_WORDS = frozenset(
    {"drone", "missile", "rocket", "projectile", "uav", "shahed", "munition", "bomb", "shell"}
)


# Words of taking: of ground they report an operation, of people a detention.
_CAPTURE_WORDS = frozenset({"capture", "recapture", "captured", "recaptured"})
# What is taken when ground is: a town, a base, a position.
_GROUND_WORDS = frozenset(
    {
        "town",
        "city",
        "village",
        "base",
        "position",
        "positions",
        "hill",
        "airport",
        "district",
        "area",
        "territory",
        "crossing",
        "bridge",
        "road",
        "port",
        "camp",
        "post",
        "outpost",
        "garrison",
        "capital",
    }
)


def _taken(tok: Any) -> list[Any]:
    taken = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    taken += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    if not taken and tok.dep_ == "amod":
        taken = [tok.head]  # "the captured town"
    return taken


def _captures_ground(tok: Any) -> bool:
    """What is captured is a place ("captured the town of Kamanyola", "the capture of Bunagana")."""
    return any(
        t.ent_type_ in ("GPE", "LOC", "FAC")
        or t.lemma_.lower() in _GROUND_WORDS
        or t.lower_ in _GROUND_WORDS
        # a one-word name the model took for a person or left bare is a town ("captured Avdiivka")
        or (t.pos_ == "PROPN" and t.ent_type_ not in ("ORG", "NORP") and not _two_word_person(t))
        for t in _taken(tok)
    )


def _captures_people(tok: Any) -> bool:
    """What is captured is people ("captured two suspects", "captured Ibrahim Musa")."""
    return any(
        t.lemma_.lower() in _PEOPLE_WORDS or t.pos_ == "PRON" or _two_word_person(t) for t in _taken(tok)
    )


def _two_word_person(t: Any) -> bool:
    ent = next((e for e in ents_of(t.doc) if e.start <= t.i < e.end), None)
    return ent is not None and ent.label_ == "PERSON" and len(ent) > 1


_PEOPLE_WORDS = frozenset(
    {
        "suspect",
        "soldier",
        "fighter",
        "militant",
        "civilian",
        "people",
        "person",
        "member",
        "commander",
        "leader",
        "journalist",
        "worker",
        "hostage",
        "prisoner",
        "child",
        "woman",
        "man",
        "officer",
        "rebel",
        "troop",
        "resident",
        "villager",
        "insurgent",
        "jihadist",
        "gunman",
        "policeman",
        "crew",
        "sailor",
    }
)


def _aid_phrase(tok: Any) -> bool:
    """The convoy or delivery carries aid ("a food convoy", "a convoy of humanitarian aid")."""
    return tok.pos_ == "NOUN" and any(t.lemma_.lower() in _AID_WORDS for t in tok.subtree if t.i != tok.i)


def _delivers(tok: Any) -> bool:
    """A bare convoy/delivery word reports a delivery when it reached, entered or was delivered."""
    if tok.lemma_.lower() not in _DELIVERY_WORDS:
        return True  # "humanitarian aid", "food aid": the words say it
    if tok.pos_ == "VERB":
        return True
    head = tok.head
    while head.dep_ in ("conj", "xcomp") and head.head.i != head.i:
        head = head.head
    verb = head.lemma_.lower()
    if tok.dep_ in ("nsubj", "nsubjpass") and verb in _DELIVERY_VERBS:
        return True
    return tok.lemma_.lower() in ("delivery", "shipment", "resupply") and tok.dep_ in ("dobj", "nsubjpass")


def _intercepts_weapons(tok: Any, last: int) -> bool:
    verb = tok.doc[last] if tok.pos_ != "VERB" else tok
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    words = {t.lemma_.lower() for o in objects for t in o.subtree}
    if words & _WEAPON_WORDS:
        return True
    # "shot down 25 of them": what "them" are is said earlier in the sentence
    nouns = [t for o in objects for t in o.subtree if t.pos_ in ("NOUN", "PROPN")]
    sentence = {t.lemma_.lower() for t in verb.sent}
    return bool(objects) and not nouns and bool(sentence & _WEAPON_WORDS)


def _aerial(tok: Any) -> bool:
    if tok.pos_ == "VERB":
        return True  # "bombed": from the air; a planted bomb "exploded" or "went off"
    return tok.head.lemma_.lower() in ("fall", "drop", "rain") or any(
        c.lemma_.lower() in ("aerial", "air", "barrel", "glide", "cluster", "guided", "guide")
        for c in tok.children
    )


# Verbs that move people somewhere: with the wounded as their object they report a medical evacuation.
_TRANSPORT_VERBS = frozenset(
    {"drive", "bring", "take", "move", "fly", "carry", "transfer", "transport", "airlift", "ferry", "rush"}
)


def _carries_hurt(tok: Any) -> bool:
    """The verb moves wounded or sick people ("took 12 critically wounded patients to El Obeid", "wounded
    patients brought there from Kadugli by the Red Crescent")."""
    people = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        people.append(tok.head)  # a passive participle: the noun it describes is what was moved
    words = {t.lower_ for p in people for t in p.subtree} | {
        t.lemma_.lower() for p in people for t in p.subtree
    }
    return bool(words & _HURT_WORDS)


def _evacuates_unhurt(tok: Any, table: TriggerTable) -> bool:
    """Who is evacuated, when the phrase says, is not wounded or sick."""
    people = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    people += [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    words = {t.lower_ for p in people for t in p.subtree} | {
        t.lemma_.lower() for p in people for t in p.subtree
    }
    # The words right after the verb too: the parse often splits "evacuated 11 seriously wounded patients".
    words |= {t.lower_ for t in tok.doc[tok.i + 1 : tok.i + 7]}
    return bool(words & _UNHURT_WORDS) and not words & _HURT_WORDS


def casualties(sent: Any, table: TriggerTable) -> tuple[int | None, int | None]:
    """Killed and injured figures stated in one sentence."""
    killed: int | None = None
    injured: int | None = None
    for tok in sent:
        lemma = tok.lemma_.lower()
        is_killed = lemma in table.killed or tok.lower_ in table.killed
        is_injured = lemma in table.injured or tok.lower_ in table.injured
        if not (is_killed or is_injured):
            continue
        value = _figure_for(tok)
        if value is None:
            continue
        if is_injured and not is_killed:
            injured = value if injured is None else injured
        elif killed is None:
            killed = value
        # "31 people were killed and 58 injured": the conjoined participle takes its own number.
        for c in tok.children:
            if c.dep_ == "conj" and (c.lemma_.lower() in table.injured or c.lower_ in table.injured):
                v2 = _figure_for(c)
                if v2 is not None and injured is None:
                    injured = v2
    return killed, injured


# Verbs whose object is the target of an incident: "gunmen attacked the convoy", "a drone hit a car".
_TARGET_VERBS = frozenset(
    {"attack", "ambush", "target", "shell", "bomb", "abduct", "kidnap", "detain", "besiege"}
)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_UNSPECIFIC_VICTIMS = frozenset({"people", "person", "patient", "body", "one", "other", "others"})


def victim_heads(sent: Any, table: TriggerTable) -> list[Any]:
    """Noun heads of those who suffered the incidents of one sentence: the killed, the wounded, the
    attacked ("six soldiers were killed", "killing two civilians", "gunmen ambushed a patrol")."""
    out = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        hurt = tok.pos_ == "VERB" and (
            lemma in table.killed or lemma in table.injured or tok.lower_ in table.injured
        )
        if not hurt and not (tok.pos_ == "VERB" and lemma in _TARGET_VERBS):
            continue
        deps: tuple[str, ...] = ("nsubjpass", "dobj")
        if lemma in ("die", "perish", "succumb"):
            deps = ("nsubj",)
        for c in tok.children:
            if c.dep_ not in deps or c.pos_ not in ("NOUN", "PROPN", "NUM") or c.ent_type_ in _PLACE_LABELS:
                continue
            if c.lemma_.lower() in _UNSPECIFIC_VICTIMS:
                continue  # "12 people were killed": a toll, not an actor of the story
            out.append(c)
    return out


def _count_noun(noun: Any) -> int | None:
    total = 0
    found = False
    for n in [noun, *noun.conjuncts]:
        if n.i < noun.i:
            continue
        value = None
        for c in n.children:
            if c.dep_ in ("nummod",) or (c.dep_ == "det" and c.lower_ in ("a", "an") and n.tag_ == "NN"):
                value = token_number(c)
                if value is not None:
                    break
        if value is None and n.like_num:
            value = token_number(n)
        if value is None and n.dep_ != "conj" and n.lower_ in ("both",):
            value = 2
        if value is not None:
            total += value
            found = True
    return total if found else None


# Harm verbs whose active subject is the agent ("gunmen killed", "the blast wounded"), not the harmed.
_TRANSITIVE_HARM = frozenset({"kill", "slay", "injure", "wound", "hurt", "murder", "execute"})


def _figure_for(tok: Any) -> int | None:
    lemma = tok.lemma_.lower()
    # "six citizens were killed", "at least 16 people have died", "killing two fighters and a civilian".
    # The subject of an active transitive verb is the cause, not the toll: in "a strike killed four
    # people" the figure is the object's, and "a strike killed" alone gives none.
    deps: tuple[str, ...] = ("nsubjpass", "dobj")
    if tok.pos_ != "VERB" or lemma not in _TRANSITIVE_HARM:
        deps = ("nsubjpass", "nsubj", "dobj")
    for c in tok.children:
        if c.dep_ in deps and c.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            value = _count_noun(c)
            if value is not None:
                return value
    # "31 people were killed and 58 injured" — the conjoined participle's own number.
    if tok.dep_ == "conj":
        for c in tok.children:
            if c.like_num:
                return token_number(c)
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.like_num:
            return token_number(prev)
    # "the death toll at 12", "put the toll at more than 40", "toll rose to 16"
    if lemma in ("toll", "death", "fatality", "casualty"):
        head = tok.head
        for cand in [*tok.children, *head.children, *head.head.children]:
            if cand.dep_ == "prep" and cand.lower_ in ("at", "to", "of"):
                for g in cand.subtree:
                    if g.like_num:
                        return token_number(g)
    # "12 dead", "three wounded" (adjective with a number subject or modifier)
    if tok.pos_ in ("ADJ", "NOUN") and lemma in ("dead", "wounded", "injured"):
        for c in tok.children:
            if c.like_num:
                return token_number(c)
        if tok.head.like_num:
            return token_number(tok.head)
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.like_num:
            return token_number(prev)
    return None


_SEPARATE = re.compile(r"\bseparate (incidents|attacks|strikes|clashes)\b", re.I)


_ANCHOR_PREPS = frozenset(["after", "before", "since", "following", "until", "ahead"])


def temporal_anchor(tok: Any) -> bool:
    """The trigger only dates another event: the object of "after", "before", "since"…

    >>> from loaders.nlp import get_nlp
    >>> doc = get_nlp()("A day after the attack, a bomb hit a truck.")
    >>> temporal_anchor(doc[4]), temporal_anchor(doc[7])
    (True, False)
    """
    return tok.dep_ == "pobj" and tok.head.lower_ in _ANCHOR_PREPS


_ONSET_VERBS = frozenset({"begin", "start", "erupt"})
# A truce is dated when it took effect, not over the time it has held; talks and truces that began in a
# month are dated by that month (talks that have gone on "since 2022" are a span of their own words).
_TRUCES = frozenset({IncidentType.CEASEFIRE})
_OPENED = frozenset({IncidentType.CEASEFIRE, IncidentType.NEGOTIATIONS})
_SINCE = re.compile(r"since\s+", re.I)


def lasting_date(
    tok: Any, itype: IncidentType, mention: tuple[int, int, TimeSpan], offset: int, published: date | None
) -> TimeSpan:
    """The date of the incident at ``tok`` from its date words ``mention`` (start and end offsets into
    the article, whose sentence's tokens count from ``offset``, and the words' span):

    - "a truce that has held since Tuesday evening": a truce is dated when it took effect;
    - "the war began in October 2023", "the siege, which began in August", "attacks have increased since
      the rainy season ended in September": the month or year something began opens a span that runs to
      publication.
    """
    start, end, span = mention
    words = span.raw
    if itype in _TRUCES:
        since = _SINCE.match(words)
        if since and span.precision is Precision.RANGE and span.end is not None:
            took_effect = resolve(words[since.end() :], span.end)
            if took_effect.known:
                return took_effect
        return span
    if published is None or span.start is None or span.start > published:
        return span
    if span.precision not in (Precision.MONTH, Precision.YEAR) or itype in _OPENED:
        return span
    date_tok = next((t for t in tok.sent if offset + t.idx >= start), None)
    if date_tok is None or offset + date_tok.idx >= end:
        return span
    begun = _onset_clause(tok)
    began_then = begun is not None and date_tok in begun.subtree
    # "attacks have increased since the rainy season ended in September": the date of the clause the
    # incident is counted from; an event inside that clause keeps its own date ("in turmoil since the
    # military seized power in February 2021").
    since_clause = any(
        (a.lower_ == "since" or any(c.dep_ == "mark" and c.lower_ == "since" for c in a.children))
        and tok not in a.subtree
        for a in date_tok.ancestors
    )
    if began_then or since_clause:
        return TimeSpan.range(span.start, published, span.raw)
    return span


def _onset_clause(tok: Any) -> Any:
    """The verb saying when the event at ``tok`` began: "the war began …", "the siege, which began …"
    (the parser may hang the relative clause on the last noun of "the siege of Kadugli")."""
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in _ONSET_VERBS:
        return tok.head
    nouns = [tok] + [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    for noun in nouns:
        for c in noun.children:
            if (
                c.dep_ == "relcl"
                and c.lemma_.lower() in _ONSET_VERBS
                and any(g.dep_ == "nsubj" and g.tag_ == "WDT" for g in c.children)
            ):
                return c
    return None


_DEFINITE = frozenset({"the", "this", "that"})


def strike_told_again(tok: Any) -> bool:
    """A verb of striking whose doer, or in the passive whose target, the text has already introduced
    ("The drone hit the bus station", "The enemy deliberately struck residential streets", "The troops
    were ambushed while escorting engineers"): like "the attack", it tells again an event already
    reported.

    >>> from loaders.nlp import get_nlp
    >>> doc = get_nlp()("The drone hit the station. A drone hit the market.")
    >>> [strike_told_again(t) for t in doc if t.pos_ in ("NOUN", "VERB")]
    [True, True, False, False, False, False]
    """
    verb = tok.head if tok.dep_ in ("nsubj", "nsubjpass") else tok
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or (lemma not in _STRIKE_WORDS and lemma not in _AMBUSH_VERBS):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and lemma in _STRIKE_WORDS]
    subjects += [c for c in verb.children if c.dep_ == "nsubjpass"]
    return any(g.dep_ == "det" and g.lower_ in _DEFINITE for c in subjects for g in c.children)


# Verbs that only take a target: "the convoy was ambushed" can only retell its attack.
_AMBUSH_VERBS = frozenset({"ambush"})


def is_separate(sent_text: str) -> bool:
    return bool(_SEPARATE.search(sent_text))


def relative_date(
    sent: Any, tok: Any, same_sentence: list[IncidentDraft], earlier: list[IncidentDraft], published: Any
) -> tuple[int, int, TimeSpan] | None:
    """The date of the incident at ``tok`` from "a day after X"-style words in its sentence: (start, end)
    of those words in the sentence text, and the day.

    Two readings, told apart by the parse. When the incident is the main clause ("A day after the attack,
    troops launched an operation") it lies that far after the latest violent incident dated to the day.
    When it is the reference point inside the "after"/"before" phrase ("The attack came a week after the
    talks", "A week after shells hit the camp, families are still searching") it lies that far before
    the main clause's event: an incident already dated in this sentence, or the publication date when the
    main clause speaks in the present.
    """
    found = relative_to_event(sent.text)
    if found is None:
        return None
    start, end, days = found
    base = sent.start_char
    last = next((t for t in sent if t.idx - base < end <= t.idx - base + len(t.text)), None)
    # "after the talks" (a preposition) or "after shells hit the camp" (a clause the word marks)
    scope = last.head if last is not None and last.dep_ == "mark" else last
    inside = scope is not None and tok.i > last.i and (tok.i == scope.i or scope in tok.ancestors)  # type: ignore[union-attr]
    if inside:
        anchor = next((i.date_mention[2] for i in same_sentence if _dated_to_day(i)), None)
        if anchor is None and published is not None and _present(sent.root):
            anchor = TimeSpan.day(published)
        days = -days
    else:
        anchor = None
    if anchor is None:
        # The latest violent incident dated to the day ("since 2019" cannot anchor "a day after").
        ref = next((i for i in reversed(earlier) if i.type in _VIOLENT and _dated_to_day(i)), None)
        anchor = ref.date_mention[2] if ref is not None else None
    if anchor is None:
        return None
    span = shift(anchor, days, sent.text[start:end])
    return (start, end, span) if span.known else None


def _present(verb: Any) -> bool:
    """The clause speaks in the present ("families are still looking", "the siege continues")."""
    return verb.tag_ in ("VBP", "VBZ") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBP", "VBZ") for c in verb.children
    )


def _dated_to_day(inc: IncidentDraft) -> bool:
    """Dated to a day or a night across two days: "a day after" can count from it."""
    return inc.date_mention is not None and short_span(inc.date_mention[2])


# Vague words that open an incident before the article names its weapon ("the overnight attack on Odesa").
_VAGUE_TRIGGERS = frozenset({"attack", "assault", "raid", "strike", "fire", "firing", "fighting"})


def _dated_span(inc: IncidentDraft) -> Any:
    if inc.date_mention is None or inc.date_from_statement:
        return None
    span = inc.date_mention[2]
    return span if span.known else None


def _same_event(vague: IncidentDraft, exact: IncidentDraft) -> bool:
    """``vague`` ("the overnight attack on Odesa") and the later ``exact`` ("drones and missiles struck
    Odesa overnight") are one event: a violent type made exact, the same place and overlapping dates."""
    if vague.type is not IncidentType.ARMED_CLASH or vague.trigger_lemma not in _VAGUE_TRIGGERS:
        return False
    if exact.type not in _VIOLENT or exact.type is IncidentType.ARMED_CLASH:
        return False
    if vague.location is None or vague.location not in {exact.location, *exact.near}:
        return False
    a, b = _dated_span(vague), _dated_span(exact)
    return a is not None and b is not None and bool(a.overlaps(b.start, b.end))


def merge_weak_duplicates(
    incidents: list[IncidentDraft], here_of: list[list[int]]
) -> tuple[list[IncidentDraft], list[list[int]]]:
    """Fold an incident told first with a vague word into the later, exact telling of the same event (same
    place, overlapping dates): one incident with the exact type. ``here_of`` (incident indices per
    sentence) is renumbered to match."""
    into: dict[int, int] = {}
    for i, vague in enumerate(incidents):
        for j in range(i + 1, len(incidents)):
            if j not in into and _same_event(vague, incidents[j]):
                into[j] = i
                break
    if not into:
        return incidents, here_of
    for j, i in into.items():
        kept, exact = incidents[i], incidents[j]
        kept.type, kept.trigger_lemma = exact.type, exact.trigger_lemma
        kept.location = exact.location or kept.location  # the exact telling names the narrower place
        kept.mentions = sorted(kept.mentions + exact.mentions)
        kept.killed = kept.killed if kept.killed is not None else exact.killed
        kept.injured = kept.injured if kept.injured is not None else exact.injured
        kept.victims = list(dict.fromkeys(kept.victims + exact.victims))
        kept.near = list(dict.fromkeys(kept.near + exact.near))
    order = [k for k in range(len(incidents)) if k not in into]
    new_index = {old: new for new, old in enumerate(order)}
    new_index.update({j: new_index[i] for j, i in into.items()})
    renumbered = [list(dict.fromkeys(new_index[k] for k in here)) for here in here_of]
    return [incidents[k] for k in order], renumbered
