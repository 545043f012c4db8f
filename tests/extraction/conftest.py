"""Fixtures of the extraction tests: one pinned pipeline per session, and a helper to extract a text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from graph.model import Actor, Article, ArticleGraph, Claim, article_id
from loaders.annotation_out import to_annotation
from loaders.extract import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="session")
def run(extractor: Extractor) -> Callable[..., dict[str, Any]]:
    """Extract a text and return its annotation dict with actor names resolved on claims and edges."""

    def _run(text: str, published: date | None = date(2025, 5, 20)) -> dict[str, Any]:
        graph = extractor.extract(Article(id=article_id(text), text=text, published=published))
        ann = to_annotation(graph, "t")
        names = {a["id"]: a["name"] for a in ann["actors"]}
        for c in ann["claims"]:
            c["claimant_name"] = names.get(c["claimant"])
            c["target_name"] = names.get(c["target"])
        ann["graph"] = graph
        ann["names"] = names
        return ann

    return _run


def claims_of(graph: ArticleGraph) -> list[Claim]:
    return [n for n in graph.nodes if isinstance(n, Claim)]


def actors_of(graph: ArticleGraph) -> dict[str, Actor]:
    return {n.id: n for n in graph.nodes if isinstance(n, Actor)}
