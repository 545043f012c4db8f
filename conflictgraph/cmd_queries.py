"""Query commands: ``timeline``, ``chain``, ``claims``, ``actor``, ``cypher``, ``query``, ``export``.

Each is a thin skin over a function in ``queries/`` with the same name and options. Output: a rich
table (or tree) in a terminal, JSON when piped; ``--format`` picks json, ndjson, csv or table.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from conflictgraph.options import check_date, check_types
from graph import open_store
from graph.errors import ValidationError
from graph.store import GraphStore
from queries import cookbook
from queries.actors import actor_profile
from queries.chains import ChainNode, all_chains, chain, claims_between
from queries.export import FORMATS, write_export
from queries.output import OUTPUT_FORMATS, choose_format, emit, to_record, write_records
from queries.ratings import load_ratings, unknown_claims
from queries.timeline import TimelineRow, parse_date_bound, timeline, timeline_filter

StoreOpt = typer.Option(
    None,
    "--store",
    "-s",
    envvar="CONFLICTGRAPH_STORE",
    help="store URL: a directory (default ./conflictgraph-data), memory://, bolt://host:port",
)
FormatOpt = typer.Option(
    None,
    "--format",
    "-f",
    help=f"output: {'|'.join(OUTPUT_FORMATS)} (default: table in a terminal, else json)",
)
AsOfOpt = typer.Option(
    None, "--as-of", help="only what articles published by this date said (YYYY-MM-DD)", callback=check_date
)
ActorOpt = typer.Option(None, "--actor", help="actor name, alias or id ('Baku' finds Azerbaijan)")
PartsOpt = typer.Option(False, "--include-parts", help="with --actor: count bodies PART_OF the actor too")
LocationOpt = typer.Option(None, "--location", help="place name, alias or id")
WithinOpt = typer.Option(None, "--within-km", help="with --location: radius in km (needs coordinates)")
SinceOpt = typer.Option(
    None, "--since", help="YYYY, YYYY-MM or YYYY-MM-DD; partial dates match by overlap", callback=check_date
)
UntilOpt = typer.Option(
    None, "--until", help="YYYY, YYYY-MM or YYYY-MM-DD; partial dates match by overlap", callback=check_date
)
TypeOpt = typer.Option(
    None, "--type", help="incident type (repeatable), e.g. shelling, gps_jamming", callback=check_types
)
ClaimantOpt = typer.Option(None, "--claimant", help="incidents this actor made claims about")
ParamOpt = typer.Option(
    None, "--param", "-p", help="query parameter key=value (repeatable; JSON values parse)"
)

TIMELINE_COLUMNS = [
    "display_date",
    "type",
    "summary",
    "place",
    "killed",
    "injured",
    "actors",
    "claims",
    "sources",
    "provenance",  # "ACLED + 3 articles": a dataset event and the article incidents linked to it
    "disputed",
    "linked",  # ids of the linked incidents shown in the row (CSV keeps them; a table shows them too)
]


def _date(text: str | None, *, end: bool) -> Any:
    return None if text is None else parse_date_bound(text, end=end)


def _flt_kwargs(
    actor: str | None,
    include_parts: bool,
    location: str | None,
    within_km: float | None,
    since: str | None,
    until: str | None,
    types: list[str] | None,
    claimant: str | None,
    as_of: str | None,
) -> dict[str, Any]:
    return {
        "actor": actor,
        "include_parts": include_parts,
        "location": location,
        "within_km": within_km,
        "since": _date(since, end=False),
        "until": _date(until, end=True),
        "types": tuple(types or ()),
        "claimant": claimant,
        "as_of": _date(as_of, end=True),
    }


def timeline_cmd(
    actor: str | None = ActorOpt,
    include_parts: bool = PartsOpt,
    location: str | None = LocationOpt,
    within_km: float | None = WithinOpt,
    since: str | None = SinceOpt,
    until: str | None = UntilOpt,
    types: list[str] | None = TypeOpt,
    claimant: str | None = ClaimantOpt,
    as_of: str | None = AsOfOpt,
    offset: int = typer.Option(0, "--offset", min=0, help="skip this many rows (the next page: --offset 50)"),
    limit: int | None = typer.Option(
        None, "--limit", min=0, help="at most this many rows, read and built for them only (default: all)"
    ),
    fmt: str | None = FormatOpt,
    store: str | None = StoreOpt,
) -> None:
    """The conflict timeline: incidents in event-time order with date precision, casualties (with the
    spread across sources), actors, claims and the number of independent sources. ``--limit`` and
    ``--offset`` give one page of it."""
    kwargs = _flt_kwargs(actor, include_parts, location, within_km, since, until, types, claimant, as_of)
    with open_store(store) as s:
        rows: list[TimelineRow] = timeline(s, **kwargs, offset=offset, limit=limit)
    emit(rows, fmt, columns=TIMELINE_COLUMNS, title="Timeline")


def _print_tree(roots: list[ChainNode]) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.tree import Tree

    def label(n: ChainNode) -> str:
        who = escape(n.claimant.name if n.claimant else "unnamed source")
        target = f" → {escape(n.target.name)}" if n.target else ""
        mark = " [bold red]DISPUTED[/]" if n.disputed else ""
        rel = "" if n.relation == "root" else f"[dim]{n.relation}[/] "
        lines = [f"{rel}[bold]{who}[/] [cyan]{n.stance.value}[/]{target} ({escape(n.display_date)}){mark}"]
        lines.append(f"  “{escape(n.quote)}”")
        for ev in n.evidence:
            art = ev.article
            src = " · ".join(x for x in (art.outlet or "", art.title, art.url or "") if x) or art.id
            where = (
                f"sentence {ev.sentence}, chars {ev.start}–{ev.end}" if ev.start is not None else "no offsets"
            )
            lines.append(f"  [dim]{escape(src)} ({where})[/]")
        return "\n".join(lines)

    def add(tree: Tree, n: ChainNode) -> None:
        branch = tree.add(label(n))
        for child in n.children:
            add(branch, child)

    console = Console()
    if not roots:
        console.print("no claims")
        return
    for root in roots:
        tree = Tree(label(root))
        for child in root.children:
            add(tree, child)
        console.print(tree)


def chain_cmd(
    claim_id: str | None = typer.Argument(None, help="claim id to grow the chain from"),
    incident: str | None = typer.Option(
        None, "--incident", help="incident id: chains of every claim about it"
    ),
    claim: str | None = typer.Option(
        None, "--claim", help="text: chains of the claims whose quote contains it"
    ),
    every: bool = typer.Option(
        False, "--all", help="every chain of two or more claims in the store, oldest first"
    ),
    max_depth: int = typer.Option(6, "--max-depth", help="depth limit of the tree"),
    as_of: str | None = AsOfOpt,
    fmt: str | None = FormatOpt,
    store: str | None = StoreOpt,
) -> None:
    """The tree of claim and counter-claim (accusation → denial → counter-accusation), in claim-time
    order, with claimant, stance, date, quote, article, outlet, URL and sentence offsets."""
    if every and (claim_id or incident or claim):
        raise typer.BadParameter("--all takes no claim id, --incident or --claim")
    with open_store(store) as s:
        tree = (
            all_chains(s, max_depth=max_depth, as_of=_date(as_of, end=True))
            if every
            else chain(
                s,
                claim_id=claim_id,
                incident_id=incident,
                claim_text=claim,
                max_depth=max_depth,
                as_of=_date(as_of, end=True),
            )
        )
    chosen = choose_format(fmt)
    if chosen == "table":
        _print_tree(tree.roots)
    elif chosen == "json":
        write_records([to_record(tree)], "ndjson", sys.stdout)
    else:
        flat = [
            {
                "depth": n.depth,
                "relation": n.relation,
                "claim_id": n.claim_id,
                "date": n.date,
                "claimant": n.claimant.name if n.claimant else "",
                "stance": n.stance.value,
                "target": n.target.name if n.target else "",
                "quote": n.quote,
                "disputed": n.disputed,
                "articles": " | ".join(a.title for a in n.articles),
            }
            for n in tree.walk()
        ]
        write_records(flat, chosen, sys.stdout)


def claims_cmd(
    between: tuple[str, str] = typer.Option(..., "--between", help="two parties: --between A B"),
    no_parts: bool = typer.Option(False, "--no-parts", help="only the actors named, not their bodies"),
    as_of: str | None = AsOfOpt,
    fmt: str | None = FormatOpt,
    store: str | None = StoreOpt,
) -> None:
    """Who accused whom of what between two parties, both directions, in time order."""
    a, b = between
    with open_store(store) as s:
        rows = claims_between(s, a, b, include_parts=not no_parts, as_of=_date(as_of, end=True))
    chosen = choose_format(fmt)
    if chosen in ("table", "csv"):
        flat = [
            {
                "date": r.display_date,
                "direction": r.direction,
                "claimant": r.claimant.name,
                "stance": r.stance.value,
                "target": r.target.name if r.target else "",
                "about": r.about or "",
                "quote": r.quote,
                "disputed": r.disputed,
                "sources": " | ".join(x.title for x in r.articles),
            }
            for r in rows
        ]
        write_records(flat, chosen, sys.stdout, title=f"Claims between {a} (A) and {b} (B)")
    else:
        emit(rows, chosen)


def actor_cmd(
    name: str = typer.Argument(..., help="actor name, alias or id"),
    as_of: str | None = AsOfOpt,
    fmt: str | None = FormatOpt,
    store: str | None = StoreOpt,
) -> None:
    """An actor's profile: aliases, parts, claims made and received, incidents, first and last seen."""
    with open_store(store) as s:
        profile = actor_profile(s, name, as_of=_date(as_of, end=True))
    chosen = choose_format(fmt)
    if chosen in ("table", "csv"):
        record = {
            "name": profile.name,
            "kind": profile.actor_kind.value,
            "country": profile.country or "",
            "aliases": ", ".join(profile.aliases),
            "part_of": ", ".join(p.name for p in profile.part_of),
            "parts": ", ".join(p.name for p in profile.parts),
            "claims_made": len(profile.claims_made),
            "claims_received": len(profile.claims_received),
            "incidents": len(profile.incidents),
            "first_seen": profile.first_seen,
            "last_seen": profile.last_seen,
        }
        write_records([record], chosen, sys.stdout, title=profile.id)
    else:
        emit([profile], "ndjson" if chosen == "json" else chosen)


def _params(items: list[str] | None) -> dict[str, Any]:
    return dict(cookbook.parse_param(p) for p in items or [])


def _needs_cypher(s: GraphStore) -> None:
    if not hasattr(s, "run_cypher"):
        raise ValidationError(
            "Cypher needs a Neo4j store: pass --store bolt://HOST:PORT (or set CONFLICTGRAPH_STORE); "
            "the embedded store has no Cypher engine"
        )


def cypher_cmd(
    query: str = typer.Argument(..., help="a Cypher query; pass values with --param, never inline"),
    param: list[str] | None = ParamOpt,
    write: bool = typer.Option(False, "--write", help="allow the query to change data"),
    fmt: str | None = FormatOpt,
    store: str | None = StoreOpt,
) -> None:
    """Run Cypher against a Neo4j store. Read-only unless --write (READ session, and any query whose
    plan writes is refused)."""
    params = _params(param)
    with open_store(store) as s:
        _needs_cypher(s)
        rows = cookbook.run_cypher(s, query, params, write=write)
    emit(rows, fmt)


def query_cmd(
    name: str | None = typer.Argument(None, help="cookbook query name (see --list)"),
    param: list[str] | None = ParamOpt,
    list_: bool = typer.Option(False, "--list", help="list the cookbook's named queries"),
    fmt: str | None = FormatOpt,
    store: str | None = StoreOpt,
) -> None:
    """Run a named query of the Cypher cookbook (queries/*.cypher) against a Neo4j store."""
    if list_ or name is None:
        listing = [
            {"name": q.name, "params": ", ".join(p.name for p in q.params), "description": q.description}
            for q in cookbook.named_queries().values()
        ]
        write_records(listing, choose_format(fmt), sys.stdout, title="Cypher cookbook")
        return
    params = _params(param)
    with open_store(store) as s:
        _needs_cypher(s)
        rows = cookbook.run_named(s, name, params)
    emit(rows, fmt)


def export_cmd(
    fmt: str = typer.Option(..., "--format", "-f", help=f"export format: {'|'.join(FORMATS)}"),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="output file (csv: a directory); default stdout"
    ),
    group_by: str | None = typer.Option(None, "--group-by", help="timelinejs groups: actor|claimant"),
    ratings_file: Path | None = typer.Option(
        None, "--ratings", help="claimreview: a fact-checker's ratings (CSV/JSON/JSONL; docs/exports.md)"
    ),
    actor: str | None = ActorOpt,
    include_parts: bool = PartsOpt,
    location: str | None = LocationOpt,
    within_km: float | None = WithinOpt,
    since: str | None = SinceOpt,
    until: str | None = UntilOpt,
    types: list[str] | None = TypeOpt,
    claimant: str | None = ClaimantOpt,
    as_of: str | None = AsOfOpt,
    store: str | None = StoreOpt,
) -> None:
    """Export the graph (or the timeline filters' part of it) as timelinejs, gexf, graphml, json, csv,
    acled-csv, plover-jsonl or claimreview. Every export carries a metadata block and marks disputed
    items."""
    kwargs = _flt_kwargs(actor, include_parts, location, within_km, since, until, types, claimant, as_of)
    flt = timeline_filter(**kwargs)
    ratings, problems = load_ratings(ratings_file) if ratings_file is not None else (None, [])
    with open_store(store) as s:
        if ratings:
            problems += unknown_claims(s, ratings, str(ratings_file))
        opts: dict[str, Any] = {"flt": flt, "group_by": group_by, "ratings": ratings}
        if fmt == "csv":
            if output is None:
                raise ValidationError("the csv export writes incidents.csv and claims.csv: give -o DIRECTORY")
            written = write_export(s, fmt, directory=output, **opts)
            typer.echo("wrote " + ", ".join(str(p) for p in written), err=True)
        elif output is None:
            write_export(s, fmt, sys.stdout, **opts)
        else:
            with open(output, "w", encoding="utf-8", newline="") as fh:
                write_export(s, fmt, fh, **opts)
            typer.echo(f"wrote {output}", err=True)
    for problem in problems:
        typer.echo(f"Error: {problem}", err=True)
    if problems:
        # The export is written with the good ratings; exit 3 says some were left out.
        raise typer.Exit(3)


def register(app: typer.Typer) -> None:
    app.command("timeline")(timeline_cmd)
    app.command("chain")(chain_cmd)
    app.command("claims")(claims_cmd)
    app.command("actor")(actor_cmd)
    app.command("cypher")(cypher_cmd)
    app.command("query")(query_cmd)
    app.command("export")(export_cmd)
