"""The read side: timeline rows, claim chains, actor profiles, Cypher cookbook and exports.

>>> from graph import open_store
>>> timeline(open_store("memory://"))
[]
"""

from __future__ import annotations

from queries.actors import ActorProfile, actor_profile
from queries.chains import ChainNode, ClaimBetween, ClaimChain, chain, claims_between
from queries.timeline import TimelineRow, TimelineRows, timeline

__all__ = [
    "ActorProfile",
    "ChainNode",
    "ClaimBetween",
    "ClaimChain",
    "TimelineRow",
    "TimelineRows",
    "actor_profile",
    "chain",
    "claims_between",
    "timeline",
]
