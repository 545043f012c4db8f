"""``conflictgraph report``: one self-contained HTML file with timeline, claim chains, map and sources."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from graph import open_store
from queries.report import write_report
from queries.timeline import timeline_filter


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint=option) from None


def report(
    output: Path = typer.Option(Path("report.html"), "--output", "-o", help="the HTML file to write"),
    actor: str | None = typer.Option(None, "--actor", help="incidents involving this actor"),
    include_parts: bool = typer.Option(False, "--include-parts", help="count the actor's parts"),
    location: str | None = typer.Option(None, "--location", help="incidents at or near this place"),
    within_km: float | None = typer.Option(None, "--within-km", help="radius around --location"),
    since: str | None = typer.Option(None, "--since", help="incidents overlapping this date or later"),
    until: str | None = typer.Option(None, "--until", help="incidents overlapping this date or earlier"),
    types: list[str] = typer.Option([], "--type", help="incident type (repeatable)"),
    claimant: str | None = typer.Option(None, "--claimant", help="incidents this actor made claims about"),
    as_of: str | None = typer.Option(None, "--as-of", help="only what articles published by this date said"),
    title: str = typer.Option("Conflict report", "--title", help="the page title"),
    store: str | None = typer.Option(
        None, "--store", "-s", envvar="CONFLICTGRAPH_STORE", help="store URL (directory, memory://, bolt://)"
    ),
) -> None:
    """Write one self-contained HTML report (works offline) of the incidents matching the filters."""
    flt = timeline_filter(
        actor=actor,
        include_parts=include_parts,
        location=location,
        within_km=within_km,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        types=types,
        claimant=claimant,
        as_of=_date(as_of, "--as-of"),
    )
    with open_store(store) as s:
        size = write_report(s, output, flt, title=title)
    typer.echo(f"wrote {output} ({size / 1e6:.1f} MB)", err=True)


def register(app: typer.Typer) -> None:
    app.command()(report)
