"""Commands ``extract``, ``ingest`` and ``eval``: thin skins over :mod:`loaders.pipeline`.

- ``extract FILE``: the article's graph in the annotation format, no store needed. A file holding one
  article prints one JSON object; a file holding several (JSON list, JSONL, feed, a long text cut into
  chunks) prints a JSON list of them, named ``STEM#1``, ``STEM#2``, … (``--jsonl``: one object a line).
- ``ingest PATH…``: everything into the store, a progress bar on stderr (when it is a terminal), one
  line per rejected input on stderr, the summary on stdout (JSON when stdout is not a terminal).
- ``eval --gold DIR --articles DIR``: precision, recall and F1 per metric, as a table or JSON.

Exit codes: 0 ok, 1 error, 2 usage, 3 some inputs rejected.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

import typer

from graph import open_store
from graph.errors import InputError
from loaders.pipeline import INGEST_FORMATS, IngestReport

StoreOpt = typer.Option(
    None,
    "--store",
    "-s",
    envvar="CONFLICTGRAPH_STORE",
    help="store URL: a directory (default ./conflictgraph-data), memory://, bolt://host:port",
)
PublishedOpt = typer.Option(
    None, "--published", help="publication date YYYY-MM-DD, overriding every other source of the date"
)


def _published(value: str | None) -> date | None:
    from loaders.sources import parse_published

    try:
        return parse_published(value, "--published")
    except InputError as exc:
        raise typer.BadParameter(exc.problem, param_hint="--published") from exc


def _json_out(wanted: bool) -> bool:
    return wanted or not sys.stdout.isatty()


def _err(line: str) -> None:
    typer.echo(line, err=True)


def extract(
    file: Path = typer.Argument(..., help="an article file (.txt, .md, .json, .jsonl, .html, .rss)"),
    published: str | None = PublishedOpt,
    jsonl: bool = typer.Option(False, "--jsonl", help="one JSON object a line instead of a list"),
) -> None:
    """Print the graph of the article(s) in FILE as annotation JSON (with evidence offsets)."""
    from loaders.pipeline import extract_file

    rejected: list[InputError] = []
    annotations = extract_file(file, _published(published), on_error=rejected.append)
    for exc in rejected:
        _err(str(exc))
    if jsonl:
        for ann in annotations:
            sys.stdout.write(json.dumps(ann, ensure_ascii=False) + "\n")
    else:
        data: Any = annotations[0] if len(annotations) == 1 else annotations
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    if rejected:
        raise typer.Exit(3)


def ingest(
    paths: list[Path] = typer.Argument(..., help="files and directories (read recursively)"),
    store: str | None = StoreOpt,
    fmt: str = typer.Option(
        "auto", "--format", "-f", help=f"input format: {'|'.join(INGEST_FORMATS)} (auto: by extension)"
    ),
    published: str | None = PublishedOpt,
    processes: int = typer.Option(1, "--processes", "-p", min=1, help="NLP worker processes"),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="progress bar on stderr"),
    as_json: bool = typer.Option(False, "--json", help="print the summary as JSON"),
    no_resolve: bool = typer.Option(
        False, "--no-resolve", help="skip the cross-article resolution pass (`conflictgraph resolve` runs it)"
    ),
    all_codes: bool = typer.Option(
        False, "--all-codes", help="gdelt, gdelt-mentions: keep every CAMEO code (others as type 'other')"
    ),
    extract_notes: bool = typer.Option(
        False, "--extract-notes", help="acled: also extract claims and incidents from each event's notes"
    ),
) -> None:
    """Extract PATH… and write their graphs into the store; re-running skips what is already in."""
    from loaders.pipeline import ingest as run_ingest

    if fmt not in INGEST_FORMATS:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(INGEST_FORMATS)}", param_hint="--format")
    # A dataset option given with another format would silently do nothing: refuse it instead.
    if all_codes and fmt not in ("gdelt", "gdelt-mentions"):
        raise typer.BadParameter(
            f"only with --format gdelt or gdelt-mentions, not {fmt!r}", param_hint="--all-codes"
        )
    if extract_notes and fmt != "acled":
        raise typer.BadParameter(f"only with --format acled, not {fmt!r}", param_hint="--extract-notes")
    when = _published(published)
    with open_store(store) as s:
        report = run_ingest(
            paths,
            s,
            fmt=fmt,
            published=when,
            progress=progress and sys.stderr.isatty(),
            n_process=processes,
            resolve=not no_resolve,
            all_codes=all_codes,
            extract_notes=extract_notes,
        )
        stats = s.stats()
    for line in report.rejected:
        _err(line)
    _print_summary(report, stats, _json_out(as_json))
    if report.exit_code:
        raise typer.Exit(report.exit_code)


def _print_summary(report: IngestReport, stats: dict[str, int], as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps({**report.to_dict(), "store": stats}, indent=2) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="ingest", show_header=False)
    for label, value in (
        ("articles read", report.read),
        ("written", report.written),
        ("skipped (already in the store)", report.skipped),
        ("rejected inputs", len(report.rejected)),
        ("ignored files (not articles)", len(report.ignored)),
        ("nodes written", report.nodes_written),
        ("edges written", report.edges_written),
        ("store nodes / edges", f"{stats.get('nodes', 0)} / {stats.get('edges', 0)}"),
    ):
        table.add_row(label, str(value))
    Console().print(table)


def eval_command(
    gold: Path = typer.Option(
        ..., "--gold", exists=True, file_okay=False, help="directory of gold .json files"
    ),
    articles: Path = typer.Option(
        ..., "--articles", exists=True, file_okay=False, help="directory of the articles (NAME.md, NAME.txt…)"
    ),
    as_json: bool = typer.Option(False, "--json", help="print JSON (default when stdout is not a terminal)"),
    per_article: bool = typer.Option(False, "--per-article", help="also a table per article"),
    processes: int = typer.Option(1, "--processes", "-p", min=1, help="NLP worker processes"),
) -> None:
    """Score extraction against gold annotations: precision, recall and F1 per metric."""
    from loaders.pipeline import evaluate_dirs

    report, problems = evaluate_dirs(gold, articles, n_process=processes)
    for line in problems:
        _err(line)
    for name in report.missing:
        _err(f"{gold / name}: no article found for this gold file in {articles}")
    if _json_out(as_json):
        sys.stdout.write(json.dumps(report.to_dict(), indent=2) + "\n")
    else:
        from rich.console import Console
        from rich.table import Table

        console = Console()
        tables = [("micro (all articles)", report.micro)]
        if per_article:
            tables += sorted(report.per_article.items())
        for title, scores in tables:
            table = Table(title=title)
            for col in ("metric", "P", "R", "F1", "TP", "FP", "FN"):
                table.add_column(col, justify="left" if col == "metric" else "right")
            for metric, s in scores.items():
                table.add_row(
                    metric,
                    f"{s.precision:.3f}",
                    f"{s.recall:.3f}",
                    f"{s.f1:.3f}",
                    str(s.tp),
                    str(s.fp),
                    str(s.fn),
                )
            console.print(table)
    if problems:
        raise typer.Exit(3)


def register(app: typer.Typer) -> None:
    app.command()(extract)
    app.command()(ingest)
    app.command(name="eval")(eval_command)
