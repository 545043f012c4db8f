"""Commands ``resolve``, ``merges`` and ``split``: thin skins over :mod:`loaders.resolve`.

- ``resolve``: run the cross-article resolution pass on the store (``ingest`` runs it after each ingest
  unless ``--no-resolve``); prints what it found and changed.
- ``merges``: every merged incident with the links that joined its reports (feature scores, reasons,
  the articles joined) and every dataset ``SAME_AS`` link.
- ``split ID``: undo the merge of incident ID (or the SAME_AS link ID) and keep it undone on later
  ingests.

Exit codes: 0 ok, 1 error (e.g. ID is not a merge).
"""

from __future__ import annotations

import json
import sys

import typer

from graph import open_store
from loaders.resolve import ResolveConfig, ResolveReport, merges, resolve_store, split

StoreOpt = typer.Option(
    None,
    "--store",
    "-s",
    envvar="CONFLICTGRAPH_STORE",
    help="store URL: a directory (default ./conflictgraph-data), memory://, bolt://host:port",
)
RadiusOpt = typer.Option(25.0, "--radius-km", min=0.0, help="places closer than this can be the same event")
JsonOpt = typer.Option(False, "--json", help="print JSON (default when stdout is not a terminal)")


def _print_report(report: ResolveReport, as_json: bool) -> None:
    if as_json or not sys.stdout.isatty():
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="resolve", show_header=False)
    for key, value in report.to_dict().items():
        table.add_row(key.replace("_", " "), str(value))
    Console().print(table)


def resolve(store: str | None = StoreOpt, radius_km: float = RadiusOpt, as_json: bool = JsonOpt) -> None:
    """Resolve actors, incidents, claims, copies and dataset links across the whole store."""
    with open_store(store) as s:
        report = resolve_store(s, ResolveConfig(radius_km=radius_km))
    _print_report(report, as_json)


def merges_command(store: str | None = StoreOpt, as_json: bool = JsonOpt) -> None:
    """List merged incidents and dataset links with their reasons."""
    with open_store(store) as s:
        found = merges(s)
    if as_json or not sys.stdout.isatty():
        sys.stdout.write(json.dumps([m.to_dict() for m in found], indent=2, ensure_ascii=False) + "\n")
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{len(found)} merges")
    for col in ("id", "kind", "summary", "reports", "sources", "links (score: reasons)"):
        table.add_column(col)
    for m in found:
        table.add_row(
            m.id,
            m.kind,
            Text(m.summary),  # article text, not rich markup
            str(len(m.reports)),
            str(len(m.sources)),
            Text("\n".join(f"{lk.score:.2f}: {lk.reasons}" for lk in m.links)),
        )
    Console().print(table)


def split_command(
    item_id: str = typer.Argument(..., metavar="ID", help="a merged incident id or a SAME_AS link id"),
    store: str | None = StoreOpt,
    radius_km: float = RadiusOpt,
    as_json: bool = JsonOpt,
) -> None:
    """Undo one merge (all its reports become separate incidents again) and keep it undone."""
    with open_store(store) as s:
        report = split(s, item_id, ResolveConfig(radius_km=radius_km))
    _print_report(report, as_json)


def register(app: typer.Typer) -> None:
    app.command()(resolve)
    app.command(name="merges")(merges_command)
    app.command(name="split")(split_command)
