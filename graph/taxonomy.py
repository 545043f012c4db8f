"""Incident taxonomy with its mappings to ACLED event / sub-event types and CAMEO root codes.

The types are those of the gold-annotation vocabulary (shared ANNOTATION.md). Each maps to one ACLED
(event type, sub-event type) pair from the ACLED codebook and to a CAMEO root code (two digits, kept as a
string because CAMEO codes have meaningful leading zeros).

>>> ACLED_MAP[IncidentType.SHELLING]
('Explosions/Remote violence', 'Shelling/artillery/missile attack')
>>> CAMEO_ROOT[IncidentType.ARMED_CLASH]
'19'
"""

from __future__ import annotations

from enum import StrEnum


class IncidentType(StrEnum):
    LANDMINE_EXPLOSION = "landmine_explosion"
    ARMED_CLASH = "armed_clash"
    SHELLING = "shelling"
    MISSILE_STRIKE = "missile_strike"
    AIRSTRIKE = "airstrike"
    AIRCRAFT_SHOOTDOWN = "aircraft_shootdown"
    MILITARY_OPERATION = "military_operation"
    WAR = "war"
    CEASEFIRE = "ceasefire"
    BLOCKADE = "blockade"
    AID_DELIVERY = "aid_delivery"
    MEDICAL_EVACUATION = "medical_evacuation"
    SMUGGLING = "smuggling"
    GPS_JAMMING = "gps_jamming"
    NEGOTIATIONS = "negotiations"
    PROTEST = "protest"
    ATTACK_ON_CIVILIANS = "attack_on_civilians"
    ARREST = "arrest"
    OTHER = "other"


ACLED_MAP: dict[IncidentType, tuple[str, str]] = {
    IncidentType.LANDMINE_EXPLOSION: ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    IncidentType.ARMED_CLASH: ("Battles", "Armed clash"),
    IncidentType.SHELLING: ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    IncidentType.MISSILE_STRIKE: ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    IncidentType.AIRSTRIKE: ("Explosions/Remote violence", "Air/drone strike"),
    IncidentType.AIRCRAFT_SHOOTDOWN: ("Battles", "Armed clash"),
    IncidentType.MILITARY_OPERATION: ("Battles", "Armed clash"),
    IncidentType.WAR: ("Battles", "Armed clash"),
    IncidentType.CEASEFIRE: ("Strategic developments", "Agreement"),
    IncidentType.BLOCKADE: ("Strategic developments", "Other"),
    IncidentType.AID_DELIVERY: ("Strategic developments", "Other"),
    IncidentType.MEDICAL_EVACUATION: ("Strategic developments", "Other"),
    IncidentType.SMUGGLING: ("Strategic developments", "Other"),
    IncidentType.GPS_JAMMING: ("Strategic developments", "Disrupted weapons use"),
    IncidentType.NEGOTIATIONS: ("Strategic developments", "Agreement"),
    IncidentType.PROTEST: ("Protests", "Peaceful protest"),
    IncidentType.ATTACK_ON_CIVILIANS: ("Violence against civilians", "Attack"),
    IncidentType.ARREST: ("Strategic developments", "Arrests"),
    IncidentType.OTHER: ("Strategic developments", "Other"),
}

# CAMEO root codes: 01-20. 18 assault, 19 fight, 20 unconventional mass violence, 04 consult,
# 07 provide aid, 08 yield (ceasefire), 14 protest, 17 coerce (blockade, arrests, jamming).
CAMEO_ROOT: dict[IncidentType, str] = {
    IncidentType.LANDMINE_EXPLOSION: "18",
    IncidentType.ARMED_CLASH: "19",
    IncidentType.SHELLING: "19",
    IncidentType.MISSILE_STRIKE: "19",
    IncidentType.AIRSTRIKE: "19",
    IncidentType.AIRCRAFT_SHOOTDOWN: "19",
    IncidentType.MILITARY_OPERATION: "19",
    IncidentType.WAR: "19",
    IncidentType.CEASEFIRE: "08",
    IncidentType.BLOCKADE: "17",
    IncidentType.AID_DELIVERY: "07",
    IncidentType.MEDICAL_EVACUATION: "07",
    IncidentType.SMUGGLING: "17",
    IncidentType.GPS_JAMMING: "17",
    IncidentType.NEGOTIATIONS: "04",
    IncidentType.PROTEST: "14",
    IncidentType.ATTACK_ON_CIVILIANS: "18",
    IncidentType.ARREST: "17",
    IncidentType.OTHER: "",
}

# Reverse maps for the dataset loaders: ACLED sub-event type -> our type.
ACLED_SUB_EVENT_TO_TYPE: dict[str, IncidentType] = {
    "armed clash": IncidentType.ARMED_CLASH,
    "government regains territory": IncidentType.MILITARY_OPERATION,
    "non-state actor overtakes territory": IncidentType.MILITARY_OPERATION,
    "shelling/artillery/missile attack": IncidentType.SHELLING,
    "air/drone strike": IncidentType.AIRSTRIKE,
    "remote explosive/landmine/ied": IncidentType.LANDMINE_EXPLOSION,
    "suicide bomb": IncidentType.ATTACK_ON_CIVILIANS,
    "grenade": IncidentType.ARMED_CLASH,
    "chemical weapon": IncidentType.ATTACK_ON_CIVILIANS,
    "attack": IncidentType.ATTACK_ON_CIVILIANS,
    "abduction/forced disappearance": IncidentType.OTHER,
    "sexual violence": IncidentType.ATTACK_ON_CIVILIANS,
    "peaceful protest": IncidentType.PROTEST,
    "protest with intervention": IncidentType.PROTEST,
    "excessive force against protesters": IncidentType.PROTEST,
    "violent demonstration": IncidentType.PROTEST,
    "mob violence": IncidentType.PROTEST,
    "agreement": IncidentType.CEASEFIRE,
    "arrests": IncidentType.ARREST,
    "disrupted weapons use": IncidentType.OTHER,
    "change to group/activity": IncidentType.OTHER,
    "headquarters or base established": IncidentType.OTHER,
    "looting/property destruction": IncidentType.OTHER,
    "non-violent transfer of territory": IncidentType.OTHER,
    "other": IncidentType.OTHER,
}

# Types that can describe the same real event (used by incident coreference).
COMPATIBLE: dict[IncidentType, frozenset[IncidentType]] = {t: frozenset({t}) for t in IncidentType}
_VIOLENT = frozenset(
    {
        IncidentType.SHELLING,
        IncidentType.MISSILE_STRIKE,
        IncidentType.AIRSTRIKE,
        IncidentType.ARMED_CLASH,
        IncidentType.ATTACK_ON_CIVILIANS,
        IncidentType.LANDMINE_EXPLOSION,
        IncidentType.MILITARY_OPERATION,
    }
)
for _t in _VIOLENT:
    COMPATIBLE[_t] = _VIOLENT
COMPATIBLE[IncidentType.OTHER] = frozenset(IncidentType)


def compatible(a: IncidentType, b: IncidentType) -> bool:
    """True when two incident types can describe the same event.

    >>> compatible(IncidentType.SHELLING, IncidentType.MISSILE_STRIKE)
    True
    >>> compatible(IncidentType.BLOCKADE, IncidentType.AIRSTRIKE)
    False
    """
    return b in COMPATIBLE[a] or a in COMPATIBLE[b]
