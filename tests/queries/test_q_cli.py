"""The query commands: thin skins over queries/, JSON when piped, one 'Error: …' line and exit 1."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
import typer
from typer.testing import CliRunner

from graph.model import ArticleGraph
from graph.nx_store import NetworkXStore
from graph.store import GraphStore
from tests.queries.conftest import SEED_DATES, SEED_TYPES

QUERY_COMMANDS = ["timeline", "chain", "claims", "actor", "cypher", "query", "export"]


@pytest.fixture
def app() -> typer.Typer:
    from conflictgraph.cli import app as cli_app

    return cli_app


@pytest.fixture
def seed_dir(tmp_path: Path, seed_graph: ArticleGraph) -> str:
    path = tmp_path / "store"
    store = NetworkXStore(str(path))
    store.write_article(seed_graph)
    store.close()
    return str(path)


def run(app: typer.Typer, *args: str) -> str:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_command_has_help(app: typer.Typer) -> None:
    import typer.main

    group = typer.main.get_command(app)
    names = sorted(group.commands)  # type: ignore[attr-defined]
    assert set(QUERY_COMMANDS) <= set(names)
    for name in names:
        command = group.commands[name]  # type: ignore[attr-defined]
        assert (command.help or "").strip(), f"command {name!r} has no help text"
        result = CliRunner().invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Usage:" in result.stdout and "--help" in result.stdout


def test_timeline_json_by_default_when_piped(app: typer.Typer, seed_dir: str) -> None:
    rows = json.loads(run(app, "timeline", "--store", seed_dir))
    assert [r["type"] for r in rows] == SEED_TYPES
    assert [r["display_date"] for r in rows] == SEED_DATES
    gps = json.loads(
        run(app, "timeline", "-s", seed_dir, "--actor", "Baku", "--include-parts", "--type", "gps_jamming")
    )
    assert [r["summary"] for r in gps] == [
        "GPS system of a passenger plane flying from Tbilisi to Baku jammed"
    ]
    assert gps[0]["disputed"] is True
    # Partial dates as bounds: all of September 2023.
    september = json.loads(run(app, "timeline", "-s", seed_dir, "--since", "2023-09", "--until", "2023-09"))
    assert [r["type"] for r in september] == SEED_TYPES[2:]


def test_timeline_pages(app: typer.Typer, seed_dir: str) -> None:
    page = json.loads(run(app, "timeline", "-s", seed_dir, "--offset", "2", "--limit", "3"))
    assert [r["display_date"] for r in page] == SEED_DATES[2:5]
    first = json.loads(run(app, "timeline", "-s", seed_dir, "--limit", "2", "--type", "gps_jamming"))
    assert [r["type"] for r in first] == ["gps_jamming"]
    assert json.loads(run(app, "timeline", "-s", seed_dir, "--offset", "7")) == []
    refused = CliRunner().invoke(app, ["timeline", "-s", seed_dir, "--limit", "-1"])
    assert refused.exit_code == 2 and "--limit" in refused.output


def test_timeline_ndjson_csv_and_table(app: typer.Typer, seed_dir: str) -> None:
    lines = run(app, "timeline", "-s", seed_dir, "--format", "ndjson").splitlines()
    assert [json.loads(x)["type"] for x in lines] == SEED_TYPES
    rows = list(csv.DictReader(io.StringIO(run(app, "timeline", "-s", seed_dir, "-f", "csv"))))
    assert [r["display_date"] for r in rows] == SEED_DATES
    assert rows[4]["killed"] == "4"
    table = run(app, "timeline", "-s", seed_dir, "-f", "table")
    assert "early 1990s" in table and "gps_jamming" in table
    # Each claim cell shows its stance in brackets: data, not rich markup that would vanish.
    assert "[accuse" in table and "[deny" in table


def test_chain_claims_actor(app: typer.Typer, seed_dir: str) -> None:
    tree = json.loads(run(app, "chain", "--claim", "absolute lies", "-s", seed_dir))
    root = tree["roots"][0]
    assert (root["claimant"]["name"], root["stance"]) == ("Ministry of Defense (Azerbaijan)", "accuse")
    denial = root["children"][0]
    assert (denial["stance"], denial["children"][0]["relation"]) == ("deny", "counter")
    flat = list(
        csv.DictReader(
            io.StringIO(run(app, "chain", "--claim", "absolute lies", "-s", seed_dir, "-f", "csv"))
        )
    )
    assert [(r["depth"], r["stance"]) for r in flat] == [("0", "accuse"), ("1", "deny"), ("2", "accuse")]
    tree_text = run(app, "chain", "--claim", "absolute lies", "-s", seed_dir, "-f", "table")
    assert "DISPUTED" in tree_text and "absolute lies" in tree_text
    between = json.loads(run(app, "claims", "--between", "Baku", "Armenia", "-s", seed_dir))
    assert [(r["direction"], r["stance"]) for r in between] == [
        ("B→A", "deny"),
        ("B→A", "accuse"),
        ("A→B", "accuse"),
    ]
    profile = json.loads(run(app, "actor", "Baku", "-s", seed_dir))
    assert profile["name"] == "Azerbaijan" and len(profile["claims_made"]) == 5


def test_export_commands(app: typer.Typer, seed_dir: str, tmp_path: Path) -> None:
    out = tmp_path / "seed.gexf"
    run(app, "export", "--format", "gexf", "-o", str(out), "-s", seed_dir)
    assert nx.read_gexf(out, version="1.3").number_of_nodes() == 33
    run(app, "export", "-f", "csv", "-o", str(tmp_path / "csv"), "-s", seed_dir, "--actor", "Baku")
    lines = (tmp_path / "csv" / "incidents.csv").read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0][2:])["query"] == {"actor": "Baku"}
    assert len(lines) == 2 + 3  # metadata line, header, three incidents
    tl = json.loads(run(app, "export", "-f", "timelinejs", "--group-by", "claimant", "-s", seed_dir))
    assert tl["conflictgraph"]["query"] == {"group_by": "claimant"}
    assert len({e["group"] for e in tl["events"]}) == 4


def test_query_list_works_without_neo4j(app: typer.Typer) -> None:
    listing = json.loads(run(app, "query", "--list"))
    assert len(listing) >= 12
    assert {"actor-timeline", "incidents-near", "longest-chains"} <= {q["name"] for q in listing}


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conflictgraph", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_cypher_on_the_embedded_store_exits_1_with_one_line(seed_dir: str) -> None:
    done = _cli("cypher", "RETURN 1 AS one", "--store", seed_dir)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "Error: Cypher needs a Neo4j store: pass --store bolt://HOST:PORT (or set CONFLICTGRAPH_STORE); "
        "the embedded store has no Cypher engine"
    ]
    done = _cli("chain", "clm_missing", "--store", seed_dir)
    assert (done.returncode, done.stderr.strip()) == (1, "Error: no claim with id 'clm_missing'")


def _main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    """Run the real entry point in this process: (exit code, stdout, stderr)."""
    from conflictgraph.cli import main

    monkeypatch.setattr(sys, "argv", ["conflictgraph", *args])
    code = 0
    try:
        main()
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.neo4j
def test_cypher_and_query_on_neo4j(
    neo4j_store: GraphStore,
    neo4j_url: str,
    seed_graph: ArticleGraph,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    neo4j_store.write_article(seed_graph)
    code, out, err = _main(
        monkeypatch,
        capsys,
        "cypher",
        "MATCH (a:Actor) WHERE $n IN a.names RETURN a.name AS name, a.country AS country",
        "--param",
        "n=baku",
        "--store",
        neo4j_url,
    )
    assert code == 0, err
    assert json.loads(out) == [{"name": "Azerbaijan", "country": "AZE"}]
    code, out, err = _main(
        monkeypatch,
        capsys,
        "cypher",
        "CREATE (a:Actor {id: $id})",
        "--param",
        "id=act_x",
        "--store",
        neo4j_url,
    )
    assert code == 1
    assert err.startswith("Error: the query writes")
    assert neo4j_store.get("act_x") is None
    code, out, err = _main(
        monkeypatch,
        capsys,
        "query",
        "claims-about-incident",
        "--param",
        "incident=inc_5ac2f0804875ccbe",
        "-s",
        neo4j_url,
    )
    assert code == 0, err
    assert [(r["depth"], r["stance"]) for r in json.loads(out)] == [(1, "accuse"), (2, "deny")]
    code, out, err = _main(monkeypatch, capsys, "query", "actor-timeline", "-s", neo4j_url)
    assert (code, err.strip()) == (
        1,
        "Error: query 'actor-timeline' needs --param actor=… "
        '(name, alias or id of the actor ("Baku" finds Azerbaijan))',
    )


def test_cypher_docs_are_generated_from_the_query_files() -> None:
    from queries.cookbook import named_queries, render_markdown

    docs = Path(__file__).resolve().parents[2] / "docs" / "cypher.md"
    assert docs.read_text(encoding="utf-8") == render_markdown(), (
        "run: python -m queries.cookbook > docs/cypher.md"
    )
    for name in named_queries():
        assert f"## {name}\n" in render_markdown()
