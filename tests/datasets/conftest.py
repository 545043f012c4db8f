"""Helpers of the dataset-loader tests: a readable, exact rendering of a row's graph."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import InputError
from graph.model import Actor, Article, ArticleGraph, Claim, Edge, Incident, Location, Node

FIXTURES = Path(__file__).with_name("fixtures")


def label(node: Node) -> str:
    """A short human label of a node, unique within one fixture's graphs."""
    if isinstance(node, Actor):
        return node.name
    if isinstance(node, Location):
        return f"@{node.name}"
    if isinstance(node, Incident):
        return f"inc:{node.dataset_ref}"
    if isinstance(node, Claim):
        return f"claim:{node.stance.value}"
    if isinstance(node, Article):
        return f"art:{node.outlet}"
    raise AssertionError(node)


def node_row(node: Node) -> tuple[object, ...]:
    if isinstance(node, Actor):
        return ("Actor", node.name, node.actor_kind.value, node.country)
    if isinstance(node, Location):
        return (
            "Location",
            node.name,
            node.location_kind.value,
            node.country,
            node.lat,
            node.lon,
            node.precision_km,
        )
    if isinstance(node, Incident):
        t = node.event_time
        return (
            "Incident", node.dataset_ref, node.incident_type.value, node.original_type,
            t.start.isoformat() if t.start else None, t.end.isoformat() if t.end else None, t.precision.value,
            node.killed,
        )  # fmt: skip
    if isinstance(node, Claim):
        return ("Claim", node.stance.value, node.claim_time.label())
    if isinstance(node, Article):
        return ("Article", node.outlet, node.url)
    raise AssertionError(node)


def render(graph: ArticleGraph) -> tuple[set[tuple[object, ...]], set[tuple[str, ...]]]:
    """(nodes, edges) of a graph as sets of plain tuples. Edges: (type, source, target, role/claim)."""
    by_id = {n.id: n for n in graph.nodes}
    nodes = {node_row(n) for n in graph.nodes}
    edges: set[tuple[str, ...]] = set()
    for e in graph.edges:
        extra = ""
        if "role" in e.props:
            extra = str(e.props["role"])
        elif "claim_id" in e.props:
            extra = "claim:" + label(by_id[str(e.props["claim_id"])]).split(":", 1)[1]
        edges.add((e.type.value, label(by_id[e.source]), label(by_id[e.target]), extra))
    return nodes, edges


def split(items: list[ArticleGraph | InputError]) -> tuple[list[ArticleGraph], list[InputError]]:
    graphs = [i for i in items if isinstance(i, ArticleGraph)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert len(graphs) + len(errors) == len(items)
    return graphs, errors


def by_ref(graphs: list[ArticleGraph]) -> dict[str, ArticleGraph]:
    out: dict[str, ArticleGraph] = {}
    for g in graphs:
        for n in g.nodes:
            if isinstance(n, Incident) and n.dataset_ref:
                out[n.dataset_ref] = g
    return out


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def edge_of(graph: ArticleGraph, etype: str, source: str, target: str) -> Edge:
    by_id = {n.id: n for n in graph.nodes}
    found = [
        e
        for e in graph.edges
        if e.type.value == etype and label(by_id[e.source]) == source and label(by_id[e.target]) == target
    ]
    assert len(found) == 1, found
    return found[0]
