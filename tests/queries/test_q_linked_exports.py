"""Exports follow the timeline rows: a dataset incident and the article incidents linked to it by SAME_AS
are ONE record (incidents.csv, acled-csv, timelinejs, plover-jsonl) with the provenance and the linked ids,
on both stores. Built like tests/queries/test_q_linked_rows.py: the seed, the test corpus, the ACLED
fixture and the hand-written Kadugli ACLED row, resolved."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

# the same directory: pytest puts it on sys.path
from test_q_linked_rows import _build

from graph.model import ArticleGraph, EdgeType, Incident
from graph.store import GraphStore, TimelineFilter
from queries.export import SEP, write_export
from queries.timeline import timeline


def _csv(text: str) -> list[dict[str, str]]:
    meta, body = text.split("\n", 1)
    assert meta.startswith("# {")
    return list(csv.DictReader(io.StringIO(body)))


def _export(store: GraphStore, fmt: str, **kwargs: object) -> str:
    buf = io.StringIO()
    write_export(store, fmt, buf, **kwargs)  # type: ignore[arg-type]
    return buf.getvalue()


def test_exports_write_one_record_per_linked_event(
    store: GraphStore, seed_graph: ArticleGraph, tmp_path: Path
) -> None:
    _build(store, seed_graph)
    links = {e.source: e.target for e in store.edges(EdgeType.SAME_AS)}  # dataset -> article incident
    rows = timeline(store)
    by_ref = {r.dataset_ref: r for r in rows if r.dataset_ref}
    mine, camp = by_ref["AZE9002"], by_ref["SDN90001"]
    seed_mine, camp_article = links[mine.id], links[camp.id]
    assert seed_graph.article is not None
    seed_article = seed_graph.article.id
    all_incidents = store.timeline()
    dated = [r.id for r in rows if r.start is not None]

    # incidents.csv: one line per row, in timeline order; the linked article incidents have none
    write_export(store, "csv", directory=tmp_path / "csv")
    lines = _csv((tmp_path / "csv" / "incidents.csv").read_text(encoding="utf-8"))
    assert [x["id"] for x in lines] == [r.id for r in rows]
    assert len(lines) == len(all_incidents) - 2
    assert seed_mine not in {x["id"] for x in lines} and camp_article not in {x["id"] for x in lines}
    by_id = {x["id"]: x for x in lines}
    line = by_id[mine.id]
    assert {k: line[k] for k in ("date", "type", "place", "killed", "killed_range", "sources")} == {
        "date": "2023-09-19",
        "type": "landmine_explosion",
        "place": "Nagorno-Karabakh",
        "killed": "2",
        "killed_range": "2",
        "sources": "2",
    }
    assert {k: line[k] for k in ("provenance", "dataset", "dataset_ref", "linked_ids", "disputed")} == {
        "provenance": "ACLED + 1 article",
        "dataset": "acled",
        "dataset_ref": "AZE9002",
        "linked_ids": seed_mine,
        "disputed": "",
    }
    # the evidence of both members: the ACLED row's own, then the seed article's
    assert line["evidence_article_ids"].split(SEP) == ["acled:AZE9002", seed_article]
    seed_inc = store.get(seed_mine)
    assert isinstance(seed_inc, Incident)
    assert line["evidence_quotes"].split(SEP)[1:] == [ev.quote for ev in seed_inc.evidence]
    assert (
        'Azerbaijan [accuse]: accusing "illegal Armenian armed groups" of planting the mines'
        in line["claims"]
    )
    line = by_id[camp.id]
    assert {k: line[k] for k in ("date", "type", "place", "killed", "killed_range", "injured_range")} == {
        "date": "2025-10-12",
        "type": "shelling",
        "place": "Kadugli",
        "killed": "14",
        "killed_range": "14–27 (9 sources)",
        "injured_range": "40–50 (3 sources)",
    }
    assert (line["provenance"], line["linked_ids"], line["disputed"]) == (
        "ACLED + 7 articles",
        camp_article,
        "DISPUTED",
    )
    assert "Jebel Forces Alliance [deny]: The Jebel Forces Alliance on Wednesday denied" in line["claims"]
    unlinked = by_ref["AZE9001"].id
    assert (by_id[unlinked]["provenance"], by_id[unlinked]["linked_ids"]) == ("ACLED", "")

    # acled-csv: one line per dated row, ACLED codes of the row, the lowest figure of every source
    acled = _csv(_export(store, "acled-csv"))
    assert [x["cg_incident_id"] for x in acled] == dated
    by_id = {x["cg_incident_id"]: x for x in acled}
    rec = by_id[mine.id]
    assert {
        k: rec[k]
        for k in (
            "event_date",
            "time_precision",
            "event_type",
            "sub_event_type",
            "location",
            "fatalities",
            "source",
            "cg_provenance",
            "cg_linked_ids",
        )
    } == {
        "event_date": "2023-09-19",
        "time_precision": "1",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Remote explosive/landmine/IED",
        "location": "Nagorno-Karabakh",
        "fatalities": "2",
        "source": "000_d0a399db87bfc5a2; Trend",
        "cg_provenance": "ACLED + 1 article",
        "cg_linked_ids": seed_mine,
    }
    assert (
        'Azerbaijan (accuse): accusing "illegal Armenian armed groups" of planting the mines' in rec["notes"]
    )
    rec = by_id[camp.id]
    assert (rec["fatalities"], rec["tags"], rec["cg_provenance"], rec["cg_linked_ids"]) == (
        "14",
        "disputed",
        "ACLED + 7 articles",
        camp_article,
    )
    assert rec["sub_event_type"] == "Shelling/artillery/missile attack"
    assert "Fatality figures differ across sources: 14–27 (9 sources)." in rec["notes"]

    # timelinejs: one event per dated row; the slide names the provenance and the linked incident
    tl = json.loads(_export(store, "timelinejs"))
    assert [e["unique_id"] for e in tl["events"]] == dated
    assert tl["conflictgraph"]["skipped_undated"] == len(rows) - len(dated)
    events = {e["unique_id"]: e for e in tl["events"]}
    event = events[mine.id]
    assert event["start_date"] == {"year": 2023, "month": 9, "day": 19} and "end_date" not in event
    assert "Provenance: ACLED + 1 article" in event["text"]["text"]
    assert f"Linked incidents: {seed_mine}" in event["text"]["text"]
    assert "Azerbaijan <em>accuses</em> (2023-09-19)" in event["text"]["text"]
    event = events[camp.id]
    assert event["text"]["headline"].startswith("[DISPUTED] On 12 October 2025, shells hit")
    assert "Killed: 14–27 (9 sources)" in event["text"]["text"]
    assert "Jebel Forces Alliance <em>denies</em> (2025-10-15)" in event["text"]["text"]

    # plover-jsonl follows the rows too
    records = [json.loads(x) for x in _export(store, "plover-jsonl").splitlines()]
    incidents = [r for r in records if r["record"] == "incident"]
    assert [r["id"] for r in incidents] == [r.id for r in rows]
    plover = next(r for r in incidents if r["id"] == mine.id)
    assert (plover["provenance"], plover["linked_ids"], plover["dead"]) == (
        "ACLED + 1 article",
        [seed_mine],
        2,
    )

    # a filter matching only the article member still exports the one merged row, with the claims of both
    claimant = next(c.claimant_id for c in mine.claims if c.claimant_id)
    assert claimant is not None
    write_export(store, "csv", directory=tmp_path / "by_claimant", flt=TimelineFilter(claimant=claimant))
    lines = _csv((tmp_path / "by_claimant" / "incidents.csv").read_text(encoding="utf-8"))
    mine_lines = [x for x in lines if mine.id in (x["id"], x["linked_ids"]) or seed_mine == x["id"]]
    assert [(x["id"], x["provenance"], x["linked_ids"]) for x in mine_lines] == [
        (mine.id, "ACLED + 1 article", seed_mine)
    ]
    claims = _csv((tmp_path / "by_claimant" / "claims.csv").read_text(encoding="utf-8"))
    assert {c.id for c in mine.claims} <= {x["id"] for x in claims}

    # as of the day before ACLED uploaded AZE9002: the seed incident alone, from the article only
    early = {x["cg_incident_id"]: x for x in _csv(_export(store, "acled-csv", as_of=dt.date(2023, 9, 26)))}
    assert mine.id not in early
    assert (early[seed_mine]["cg_provenance"], early[seed_mine]["cg_linked_ids"]) == ("1 article", "")
