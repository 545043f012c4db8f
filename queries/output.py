"""Output of query results in the shared formats: a rich table in a terminal, JSON, NDJSON or CSV.

JSON is the default when stdout is not a terminal, so results pipe into ``jq`` and friends.

>>> import io
>>> buf = io.StringIO()
>>> write_records([{"a": 1, "b": [1, 2]}], "csv", buf)
>>> buf.getvalue().splitlines()
['a,b', '1,"[1, 2]"']
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, TextIO

from pydantic import BaseModel

from graph.errors import ValidationError

OutputFormat = Literal["table", "json", "ndjson", "csv"]
OUTPUT_FORMATS: tuple[str, ...] = ("table", "json", "ndjson", "csv")


def choose_format(requested: str | None, stream: TextIO | None = None) -> str:
    """The requested format, or 'table' on a terminal and 'json' otherwise.

    >>> import io
    >>> choose_format(None, io.StringIO())
    'json'
    """
    if requested is not None:
        if requested not in OUTPUT_FORMATS:
            raise ValidationError(
                f"unknown output format {requested!r}; allowed: {', '.join(OUTPUT_FORMATS)}"
            )
        return requested
    stream = stream or sys.stdout
    return "table" if stream.isatty() else "json"


def to_record(item: Any) -> dict[str, Any]:
    """A plain-JSON dict of a model or a mapping."""
    if isinstance(item, BaseModel):
        data: dict[str, Any] = item.model_dump(mode="json")
        return data
    if isinstance(item, Mapping):
        return {str(k): _plain(v) for k, v in item.items()}
    return {"value": _plain(item)}


def _plain(v: Any) -> Any:
    """Values from the Neo4j driver (nodes, dates, points) as JSON-able values."""
    if isinstance(v, str | int | float | bool) or v is None:
        return v
    if isinstance(v, Mapping):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    if hasattr(v, "iso_format"):  # neo4j.time types
        return v.iso_format()
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if hasattr(v, "items"):  # neo4j Node / Relationship: their properties
        return {str(k): _plain(x) for k, x in v.items()}
    return str(v)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dict | list):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def write_records(
    records: Iterable[Mapping[str, Any]],
    fmt: str,
    out: TextIO,
    columns: Sequence[str] | None = None,
    title: str | None = None,
) -> None:
    """Write plain records in one of the output formats (table needs rich)."""
    if fmt == "ndjson":
        for r in records:
            out.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        return
    rows = list(records)
    if fmt == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    cols = list(columns) if columns else _columns(rows)
    if fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in cols])
        return
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, show_lines=True)
    for c in cols:
        table.add_column(c, overflow="fold")
    for r in rows:
        # Cells are data, not rich markup: as plain strings, "[accuse]" in a claim cell or a quote
        # with square brackets would be taken for a style tag and vanish.
        table.add_row(*[Text(_cell(r.get(c))) for c in cols])
    # A terminal gets its own width; a file or pipe gets room enough that cells rarely wrap.
    width = Console(file=out).width if out.isatty() else 200
    Console(file=out, width=width).print(table)


def _columns(rows: Sequence[Mapping[str, Any]]) -> list[str]:
    cols: dict[str, None] = {}
    for r in rows:
        cols.update(dict.fromkeys(r))
    return list(cols)


def emit(
    items: Iterable[Any],
    fmt: str | None,
    out: TextIO | None = None,
    *,
    flat: bool = False,
    columns: Sequence[str] | None = None,
    title: str | None = None,
) -> None:
    """Write models or dicts. With ``flat`` (or for csv/table) models that offer ``flat()`` give one
    line each; JSON keeps the whole nested record."""
    out = out or sys.stdout
    fmt = choose_format(fmt, out)
    use_flat = flat or fmt in ("csv", "table")
    records = ((item.flat() if use_flat and hasattr(item, "flat") else to_record(item)) for item in items)
    write_records(records, fmt, out, columns=columns if use_flat else None, title=title)
