"""Deterministic, order-independent merging of a node or edge seen again (in the same or another article).

Both stores merge through these functions, so both hold the same values whatever the ingest order:
lists are unioned and sorted, and when two scalar values differ the one from the earliest evidence wins.

A merge costs O(new evidence), not O(all evidence): the evidence list a merge produces is kept sorted
by key and remembers its keys, so merging one more article into a node seen in thousands of articles
inserts the new items by bisection instead of re-sorting and re-validating the whole list.

>>> from graph.model import Actor, ActorKind
>>> a = Actor(id="act_1", name="Baku", actor_kind=ActorKind.STATE,
...           evidence=[Evidence(article_id="art_b", quote="Baku")])
>>> b = Actor(id="act_1", name="Baku", actor_kind=ActorKind.STATE, aliases=["Azerbaijan"],
...           evidence=[Evidence(article_id="art_a", quote="Baku")])
>>> m = merge_node(a, b)
>>> [e.article_id for e in m.evidence], m.aliases, merge_node(b, a) == m
(['art_a', 'art_b'], ['Azerbaijan'], True)
"""

from __future__ import annotations

from bisect import bisect_left
from typing import Any, TypeVar

from pydantic import BaseModel

from graph.model import Article, Edge, Evidence, Node, TimeSpan, trusted

T = TypeVar("T", bound=BaseModel)
EvidenceKey = tuple[str, int, int, str]

# Fields merged as sets of strings.
_STRING_SETS = {"aliases"}
_NO_EVIDENCE: EvidenceKey = ("\uffff", 0, 0, "")
_key = Evidence.key


class MergedEvidence(list[Evidence]):
    """An evidence list made by a merge: sorted by :meth:`Evidence.key`, one item per key, with the set of
    its keys. It is an ordinary list to everything else (equality, JSON, validation)."""

    __slots__ = ("keys",)

    def __init__(self, items: list[Evidence], keys: set[EvidenceKey]) -> None:
        super().__init__(items)
        self.keys = keys

    def intact(self) -> bool:
        """False when someone changed the list in place since the merge (then it is treated as plain)."""
        return len(self.keys) == len(self)


def _sorted_merged(ev: list[Evidence]) -> MergedEvidence | None:
    return ev if isinstance(ev, MergedEvidence) and ev.intact() else None


def _evidence_key(items: list[Evidence]) -> EvidenceKey:
    merged = _sorted_merged(items)
    if merged is not None:
        return merged[0].key() if merged else _NO_EVIDENCE
    return min((e.key() for e in items), default=_NO_EVIDENCE)


def merge_evidence(a: list[Evidence], b: list[Evidence]) -> list[Evidence]:
    """The union of two evidence lists, sorted by key; for a key in both, ``a``'s item is kept."""
    base = _sorted_merged(a)
    if base is not None:
        return _add_evidence(base, b, incoming_wins=False)
    base = _sorted_merged(b)
    if base is not None:
        return _add_evidence(base, a, incoming_wins=True)
    seen: dict[EvidenceKey, Evidence] = {}
    for ev in [*a, *b]:
        seen.setdefault(ev.key(), ev)
    return MergedEvidence([seen[k] for k in sorted(seen)], set(seen))


def _add_evidence(base: MergedEvidence, incoming: list[Evidence], incoming_wins: bool) -> MergedEvidence:
    """``base`` plus ``incoming``, in a new list (``base``'s items are never changed: a write that fails
    after its merge must leave the stored node as it was). The key set is handed on, not copied, so a
    merge costs O(new evidence); ``base`` then holds fewer items than keys, so it no longer counts as
    intact and a later merge into it (only if this one was not stored) merges it in full."""
    out = MergedEvidence(base, base.keys)
    placed: set[EvidenceKey] = set()  # the first of several incoming items with one key wins
    for ev in incoming:
        k = ev.key()
        if k in placed:
            continue
        placed.add(k)
        i = bisect_left(out, k, key=_key)
        if k in out.keys:
            if incoming_wins and out[i] is not ev:
                out[i] = ev
        else:
            out.insert(i, ev)
            out.keys.add(k)
    return out


def _dump_key(v: Any) -> str:
    if isinstance(v, BaseModel):
        return v.model_dump_json()
    return repr(v)


def _merge_models(primary: T, other: T) -> T:
    """Fill ``primary``'s empty fields from ``other`` and union its list fields."""
    data: dict[str, Any] = {}
    pd, od = primary.__dict__, other.__dict__
    for name in type(primary).model_fields:
        pv = pd[name]
        ov = od[name]
        if name == "evidence":
            data[name] = merge_evidence(pv, ov)
        elif name in _STRING_SETS:
            data[name] = sorted(set(pv) | set(ov))
        elif isinstance(pv, list):
            if not pv and not ov:
                data[name] = []
                continue
            merged: dict[str, Any] = {}
            for item in [*pv, *ov]:
                merged.setdefault(_dump_key(item), item)
            data[name] = [merged[k] for k in sorted(merged)]
        elif isinstance(pv, dict):
            data[name] = {**ov, **pv}
        elif isinstance(pv, TimeSpan):
            data[name] = pv if pv.known or not ov.known else ov
        elif pv is None or pv == "":
            data[name] = ov
        else:
            data[name] = pv
    # Every value comes from one of two valid models (or is a union of their lists): nothing to validate.
    return trusted(type(primary), **data)


def _primary_first(a: T, b: T) -> tuple[T, T]:
    """The model whose earliest evidence comes first (ties broken by the whole JSON form)."""
    ka = _evidence_key(getattr(a, "evidence", []))
    kb = _evidence_key(getattr(b, "evidence", []))
    if ka != kb:
        return (a, b) if ka < kb else (b, a)
    return (a, b) if a.model_dump_json() <= b.model_dump_json() else (b, a)


def merge_node(existing: Node | None, new: Node) -> Node:
    """Merge ``new`` into ``existing`` (same id). The result does not depend on which came first.

    Special case: ``Article.ingested_at`` keeps the earliest time, so re-ingesting changes nothing.
    Neither argument is changed.
    """
    if existing is None:
        return new
    if existing is new or existing == new:
        return existing
    primary, other = _primary_first(existing, new)
    merged = _merge_models(primary, other)
    if isinstance(merged, Article) and isinstance(existing, Article) and isinstance(new, Article):
        times = [t for t in (existing.ingested_at, new.ingested_at) if t is not None]
        merged.ingested_at = min(times) if times else None
    return merged


def merge_edge(existing: Edge | None, new: Edge) -> Edge:
    """Merge ``new`` into ``existing`` (same id), as :func:`merge_node` does."""
    if existing is None:
        return new
    if existing is new or existing == new:
        return existing
    primary, other = _primary_first(existing, new)
    return _merge_models(primary, other)
