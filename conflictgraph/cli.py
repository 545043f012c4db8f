"""The ``conflictgraph`` command: a thin skin over the Python API in graph/, loaders/ and queries/.

Exit codes: 0 worked, 1 error, 2 usage error, 3 partial success (some inputs rejected).
Data goes to stdout, progress and messages to stderr.
"""

from __future__ import annotations

import importlib
import json
import sys

import pydantic
import typer

from graph.errors import ConflictGraphError

app = typer.Typer(
    name="conflictgraph",
    help="Conflict news into an event-timeline knowledge graph of sourced, dated claims.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Each area registers its own commands, so the command modules stay small and separate.
COMMAND_MODULES = (
    "conflictgraph.cmd_core",
    "conflictgraph.cmd_ingest",
    "conflictgraph.cmd_queries",
    "conflictgraph.cmd_resolve",
    "conflictgraph.cmd_report",
)

for _name in COMMAND_MODULES:
    try:
        _mod = importlib.import_module(_name)
    except ModuleNotFoundError as exc:
        if exc.name != _name:
            raise
        continue
    _mod.register(app)


def main() -> None:
    """Entry point: turn library errors into one 'Error: …' line and exit code 1."""
    try:
        app()
    except ConflictGraphError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(1)
    except pydantic.ValidationError as exc:
        # A model refused a value; its first error names the field and the bad value.
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        typer.echo(f"Error: {exc.title}{'.' + where if where else ''}: {first['msg']}", err=True)
        sys.exit(1)


def print_json(data: object) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
