"""Deterministic, order-independent merging of a node or edge seen again (in the same or another article).

Both stores merge through these functions, so both hold the same values whatever the ingest order:
lists are unioned and sorted, and when two scalar values differ the one from the earliest evidence wins.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from graph.model import Article, Edge, Evidence, Node, TimeSpan

T = TypeVar("T", bound=BaseModel)

# Fields merged as sets of strings.
_STRING_SETS = {"aliases"}


def _evidence_key(items: list[Evidence]) -> tuple[str, int, int, str]:
    return min((e.key() for e in items), default=("\uffff", 0, 0, ""))


def merge_evidence(a: list[Evidence], b: list[Evidence]) -> list[Evidence]:
    seen: dict[tuple[str, int, int, str], Evidence] = {}
    for ev in [*a, *b]:
        seen.setdefault(ev.key(), ev)
    return [seen[k] for k in sorted(seen)]


def _dump_key(v: Any) -> str:
    if isinstance(v, BaseModel):
        return v.model_dump_json()
    return repr(v)


def _merge_models(primary: T, other: T) -> T:
    """Fill ``primary``'s empty fields from ``other`` and union its list fields."""
    data: dict[str, Any] = {}
    for name in type(primary).model_fields:
        pv = getattr(primary, name)
        ov = getattr(other, name)
        if name == "evidence":
            data[name] = merge_evidence(pv, ov)
        elif name in _STRING_SETS:
            data[name] = sorted(set(pv) | set(ov))
        elif isinstance(pv, list):
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
    return type(primary).model_construct(**data)


def _primary_first(a: T, b: T) -> tuple[T, T]:
    ka = (_evidence_key(getattr(a, "evidence", [])), a.model_dump_json())
    kb = (_evidence_key(getattr(b, "evidence", [])), b.model_dump_json())
    return (a, b) if ka <= kb else (b, a)


def merge_node(existing: Node | None, new: Node) -> Node:
    """Merge ``new`` into ``existing`` (same id). The result does not depend on which came first.

    Special case: ``Article.ingested_at`` keeps the earliest time, so re-ingesting changes nothing.
    """
    if existing is None:
        return new
    if existing == new:
        return existing
    primary, other = _primary_first(existing, new)
    merged = _merge_models(primary, other)
    if isinstance(merged, Article) and isinstance(existing, Article) and isinstance(new, Article):
        times = [t for t in (existing.ingested_at, new.ingested_at) if t is not None]
        merged.ingested_at = min(times) if times else None
    result: Node = type(merged).model_validate(merged.model_dump())
    return result


def merge_edge(existing: Edge | None, new: Edge) -> Edge:
    if existing is None:
        return new
    if existing == new:
        return existing
    primary, other = _primary_first(existing, new)
    merged = _merge_models(primary, other)
    return Edge.model_validate(merged.model_dump())
