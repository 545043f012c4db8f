"""A dataset incident and the article incidents linked to it by SAME_AS are ONE timeline row with both
provenances, on both stores: the seed, the test corpus, the ACLED fixture and one hand-written ACLED row
for the corpus's Kadugli camp shelling, resolved."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import sys
from pathlib import Path

from graph.model import ArticleGraph, EdgeType, Incident
from graph.store import GraphStore
from loaders.annotations import load_annotation
from loaders.datasets import read_dataset
from loaders.datasets.acled import acled_row_to_graph
from loaders.resolve import resolve_store
from queries.output import emit
from queries.timeline import TimelineRow, timeline

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS / "resolve"))
from test_dataset_link import ROW  # noqa: E402  (the invented Kadugli ACLED row SDN90001)


def _build(store: GraphStore, seed_graph: ArticleGraph) -> None:
    store.write_article(seed_graph)
    for gold in sorted((TESTS / "corpus" / "gold").glob("*.json")):
        store.write_article(load_annotation(gold))
    for g in read_dataset("acled", TESTS / "datasets" / "fixtures" / "acled_current.csv"):
        if isinstance(g, ArticleGraph):
            store.write_article(g)
    store.write_article(acled_row_to_graph(ROW))
    resolve_store(store)


def _by_ref(rows: list[TimelineRow]) -> dict[str, TimelineRow]:
    return {r.dataset_ref: r for r in rows if r.dataset_ref}


def test_linked_incidents_are_one_row_with_both_provenances(
    store: GraphStore, seed_graph: ArticleGraph
) -> None:
    _build(store, seed_graph)
    links = {e.source: e.target for e in store.edges(EdgeType.SAME_AS)}
    assert len(links) == 2
    rows = timeline(store)
    ids = [r.id for r in rows]
    shown = set(ids) | {x.id for r in rows for x in r.linked}
    assert (
        len(ids) == len(set(ids)) and len(rows) == len(store.timeline()) - 2
    )  # two linked pairs, one row each
    assert shown == {i.id for i in store.timeline()}  # nothing lost
    by_ref = _by_ref(rows)

    mine = by_ref["AZE9002"]
    seed_mine = store.get(links[mine.id])
    assert isinstance(seed_mine, Incident) and seed_mine.dataset is None
    assert seed_mine.id not in ids
    assert (mine.dataset, mine.provenance, mine.sources) == ("acled", "ACLED + 1 article", 2)
    assert [(x.id, x.dataset, x.confidence) for x in mine.linked] == [(seed_mine.id, None, 0.75)]
    assert "same place" in mine.linked[0].reasons
    assert (mine.date, mine.type.value, mine.place, mine.killed, mine.killed_display) == (
        "2023-09-19", "landmine_explosion", "Nagorno-Karabakh", 2, "2",
    )  # fmt: skip
    # the seed's claims about its landmine are in the ACLED row; the seed article among its sources
    about_seed = {c.id for _, c in store.neighbours(seed_mine.id, EdgeType.ABOUT, "in")}
    assert about_seed and {c.id for c in mine.claims} == about_seed
    assert seed_graph.article is not None and seed_graph.article.id in {a.id for a in mine.articles}

    camp = by_ref["SDN90001"]
    assert camp.provenance == "ACLED + 7 articles"
    assert (camp.killed, camp.killed_display) == (
        14,
        "14–27 (9 sources)",
    )  # ACLED's figure, every source's spread
    assert camp.type.value == "shelling" and camp.place == "Kadugli" and camp.date == "2025-10-12"
    assert len(camp.claims) == 24 and camp.disputed
    # an unlinked dataset row and an unlinked article row say where they come from too
    assert by_ref["AZE9001"].provenance == "ACLED" and by_ref["AZE9001"].linked == []
    seed_rows = [r for r in rows if r.dataset is None and seed_graph.article.id in {a.id for a in r.articles}]
    assert seed_rows and all(r.provenance == "1 article" for r in seed_rows)

    # filters: a row matches when any member does; the row is the same whichever member matched
    by_claims = [r for r in timeline(store, types=["landmine_explosion"]) if r.id == mine.id]
    assert [r.model_dump() for r in by_claims] == [mine.model_dump()]
    claimant = next(c.claimant_id for c in mine.claims if c.claimant_id)
    by_claimant = [
        r for r in timeline(store, claimant=claimant) if r.id == mine.id
    ]  # matches the seed member
    assert [r.model_dump() for r in by_claimant] == [mine.model_dump()]

    # as of a day before ACLED uploaded AZE9002 (2023-09-27): the seed incident alone
    early = timeline(store, as_of=dt.date(2023, 9, 26))
    alone = next(r for r in early if r.id == seed_mine.id)
    assert (alone.provenance, alone.linked, alone.dataset) == ("1 article", [], None)
    assert mine.id not in [r.id for r in early]
    later = _by_ref(timeline(store, as_of=dt.date(2023, 9, 27)))
    assert later["AZE9002"].linked[0].id == seed_mine.id

    # JSON and CSV keep the linked ids and the provenance
    out = io.StringIO()
    emit([mine], "json", out)
    [record] = json.loads(out.getvalue())
    assert record["linked"][0]["id"] == seed_mine.id and record["provenance"] == "ACLED + 1 article"
    out = io.StringIO()
    emit([mine], "csv", out, columns=["display_date", "provenance", "linked"])
    [line] = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert line == {"display_date": "2023-09-19", "provenance": "ACLED + 1 article", "linked": seed_mine.id}


def test_cli_table_and_csv_show_the_provenance(tmp_path: Path, seed_graph: ArticleGraph) -> None:
    from typer.testing import CliRunner

    from conflictgraph.cli import app
    from queries.timeline import TimelineRow as Row

    store_dir = str(tmp_path / "store")
    seed = TESTS.parent / "seeds" / "000_d0a399db87bfc5a2.gold.json"
    fixture = TESTS / "datasets" / "fixtures" / "acled_current.csv"
    runner = CliRunner()
    done = runner.invoke(
        app, ["ingest", "-s", store_dir, "--format", "annotations", "--no-progress", str(seed)]
    )
    assert done.exit_code == 0, done.output
    done = runner.invoke(app, ["ingest", "-s", store_dir, "--format", "acled", "--no-progress", str(fixture)])
    assert done.exit_code == 3  # the fixture's bad rows; the rest is in and resolved
    done = runner.invoke(
        app, ["timeline", "-s", store_dir, "--type", "landmine_explosion", "--format", "csv"]
    )
    assert done.exit_code == 0, done.output
    rows = list(csv.DictReader(io.StringIO(done.stdout)))
    # same day and precision: the rows come in id order; compare as a set of lines
    assert sorted((r["display_date"], r["provenance"], r["killed"], bool(r["linked"])) for r in rows) == [
        ("2023-09-19", "1 article", "4", False),  # the seed's ministry landmine: not AZE9002's event
        # AZE9001: ACLED names the town, the seed a site with no coordinates
        ("2023-09-19", "ACLED", "4", False),
        ("2023-09-19", "ACLED + 1 article", "2", True),  # AZE9002 and the seed's two civilians
    ]
    done = runner.invoke(
        app,
        ["timeline", "-s", store_dir, "--type", "landmine_explosion", "--format", "table"],
        env={"COLUMNS": "400"},
    )
    assert done.exit_code == 0 and "ACLED + 1 article" in done.stdout
    assert "provenance" in Row.model_fields and "linked" in Row.model_fields
