"""``conflictgraph report``: one self-contained HTML file with timeline, claim chains, map and sources."""

from __future__ import annotations

from pathlib import Path

import typer

from conflictgraph.cmd_queries import (
    ActorOpt,
    AsOfOpt,
    ClaimantOpt,
    LocationOpt,
    PartsOpt,
    SinceOpt,
    StoreOpt,
    TypeOpt,
    UntilOpt,
    WithinOpt,
    _flt_kwargs,
)
from graph import open_store
from queries.report import write_report
from queries.timeline import timeline_filter


def report(
    output: Path = typer.Option(Path("report.html"), "--output", "-o", help="the HTML file to write"),
    actor: str | None = ActorOpt,
    include_parts: bool = PartsOpt,
    location: str | None = LocationOpt,
    within_km: float | None = WithinOpt,
    since: str | None = SinceOpt,
    until: str | None = UntilOpt,
    types: list[str] | None = TypeOpt,
    claimant: str | None = ClaimantOpt,
    as_of: str | None = AsOfOpt,
    title: str = typer.Option("Conflict report", "--title", help="the page title"),
    store: str | None = StoreOpt,
) -> None:
    """Write one self-contained HTML report (works offline) of the incidents matching the filters."""
    flt = timeline_filter(
        **_flt_kwargs(actor, include_parts, location, within_km, since, until, types, claimant, as_of)
    )
    with open_store(store) as s:
        size = write_report(s, output, flt, title=title)
    typer.echo(f"wrote {output} ({size / 1e6:.1f} MB)", err=True)


def register(app: typer.Typer) -> None:
    app.command()(report)
