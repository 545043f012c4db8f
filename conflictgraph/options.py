"""Checks for option values shared by the timeline-filter commands.

A bad option value is a usage error: typer prints it with the option name and exits 2, before any store
is opened. The library functions check the same values again (they raise :class:`ValidationError`) for
callers that do not come through the CLI.
"""

from __future__ import annotations

import typer

from graph.errors import ValidationError
from graph.taxonomy import IncidentType
from queries.timeline import parse_date_bound


def check_types(values: list[str] | None) -> list[str] | None:
    """Refuse an incident type the taxonomy does not have, naming it and the allowed ones."""
    for value in values or ():
        try:
            IncidentType(value)
        except ValueError:
            allowed = ", ".join(t.value for t in IncidentType)
            raise typer.BadParameter(f"unknown incident type {value!r}; allowed: {allowed}") from None
    return values


def check_date(value: str | None) -> str | None:
    """Refuse a date bound that is not YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is not None:
        try:
            parse_date_bound(value, end=False)
        except ValidationError as exc:
            raise typer.BadParameter(str(exc)) from None
    return value
