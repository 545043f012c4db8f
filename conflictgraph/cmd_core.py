"""Core commands: ``schema`` and ``stats``."""

from __future__ import annotations

import json

import typer

from graph import open_store
from graph.model import ArticleGraph

StoreOpt = typer.Option(
    None,
    "--store",
    "-s",
    envvar="CONFLICTGRAPH_STORE",
    help="store URL: a directory (default ./conflictgraph-data), memory://, bolt://host:port",
)


def schema() -> None:
    """Print the JSON Schema of the model (an article graph with all node kinds)."""
    typer.echo(json.dumps(ArticleGraph.model_json_schema(), indent=2))


def stats(store: str | None = StoreOpt) -> None:
    """Print node and edge counts of the store as JSON."""
    with open_store(store) as s:
        typer.echo(json.dumps(s.stats(), indent=2, sort_keys=True))


def register(app: typer.Typer) -> None:
    app.command()(schema)
    app.command()(stats)
