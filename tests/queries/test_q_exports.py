"""Every export format, read back with an independent reader and checked against the seed's content."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.errors import ValidationError
from graph.model import Claim, Edge, NodeKind, node_from_dict
from graph.store import GraphStore, TimelineFilter
from queries.export import FORMATS, export_json, export_to_string, write_export
from tests.queries.conftest import SEED_TYPES

GPS = "GPS system of a passenger plane flying from Tbilisi to Baku jammed"


def _ids(store: GraphStore) -> dict[str, str]:
    """Handy ids of the seed: the GPS incident, the MoD accusation, the denial, the first mine blast."""
    claims = [c for c in store.iter_nodes(NodeKind.CLAIM) if isinstance(c, Claim)]
    incs = list(store.iter_nodes(NodeKind.INCIDENT))
    return {
        "gps": next(i.id for i in incs if i.summary == GPS),  # type: ignore[union-attr]
        "accusation": next(c.id for c in claims if "jamming the GPS" in c.quote),
        "denial": next(c.id for c in claims if "absolute lies" in c.quote),
        "mines_denied": next(
            c.id for c in claims if "planted mines in Azerbaijani" in c.quote and c.stance.value == "accuse"
        ),
    }


def _csv_rows(text: str) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """The metadata line and the rows of one of our CSV files."""
    first, rest = text.split("\n", 1)
    assert first.startswith("# ")
    return json.loads(first[2:]), list(csv.DictReader(io.StringIO(rest)))


def _check_meta(meta: dict[str, Any], fmt: str) -> None:
    assert meta["tool"] == "conflictgraph"
    assert meta["version"] == "0.1.0"
    assert meta["format"] == fmt
    assert meta["exported_at"].startswith("20")
    assert "DISPUTED" in meta["disputed"]


def test_json_is_the_whole_graph_in_our_schema(seeded: GraphStore) -> None:
    doc = json.loads(export_to_string(seeded, "json"))
    _check_meta(doc["meta"], "json")
    api = export_json(seeded)  # the same document through the Python API (the HTML report's data)
    assert {k: v for k, v in api.items() if k != "meta"} == {k: v for k, v in doc.items() if k != "meta"}
    stats = seeded.stats()
    assert (len(doc["nodes"]), len(doc["edges"])) == (stats["nodes"], stats["edges"]) == (33, 75)
    # Nodes are exact model dumps: they load back into the same models.
    rebuilt = [node_from_dict(n) for n in doc["nodes"]]
    assert rebuilt == list(seeded.iter_nodes())
    assert [Edge.model_validate(e) for e in doc["edges"]] == list(seeded.iter_edges())
    ids = _ids(seeded)
    assert doc["disputed"] == {
        "claims": sorted([ids["accusation"], ids["mines_denied"]]),
        "incidents": [ids["gps"]],
    }


def test_json_with_a_filter_is_the_sub_graph(seeded: GraphStore) -> None:
    doc = export_json(seeded, TimelineFilter(actor="Azerbaijani Ministry of Defense"))
    assert doc["meta"]["query"] == {"actor": "Azerbaijani Ministry of Defense"}
    kinds = [n["kind"] for n in doc["nodes"]]
    assert kinds.count("Incident") == 1
    assert [n["summary"] for n in doc["nodes"] if n["kind"] == "Incident"] == [GPS]
    assert sorted(n["stance"] for n in doc["nodes"] if n["kind"] == "Claim") == ["accuse", "deny"]
    node_ids = {n["id"] for n in doc["nodes"]}
    assert all(e["source"] in node_ids and e["target"] in node_ids for e in doc["edges"])
    assert json.loads(json.dumps(export_json(seeded, as_of=date(2023, 9, 18))))["nodes"] == []


def test_timelinejs(seeded: GraphStore) -> None:
    doc = json.loads(export_to_string(seeded, "timelinejs"))
    _check_meta(doc["conflictgraph"], "timelinejs")
    assert doc["conflictgraph"]["skipped_undated"] == 0
    assert "conflictgraph 0.1.0" in doc["title"]["text"]["text"]
    events = doc["events"]
    assert len(events) == 7
    assert [e["start_date"] for e in events] == [
        {"year": 1990},
        {"year": 2020},
        {"year": 2023},
        {"year": 2023, "month": 9, "day": 18},
        {"year": 2023, "month": 9, "day": 19},
        {"year": 2023, "month": 9, "day": 19},
        {"year": 2023, "month": 9, "day": 19},
    ]
    assert events[0]["end_date"] == {"year": 1994}
    assert events[0]["display_date"] == "early 1990s"
    assert events[1]["display_date"] == "2020" and "end_date" not in events[1]
    assert events[2]["end_date"] == {"year": 2023, "month": 9, "day": 19}
    assert "display_date" not in events[3]
    gps = events[5]
    assert gps["text"]["headline"] == f"[DISPUTED] {GPS}"
    assert "absolute lies" in gps["text"]["text"]
    assert (
        "Ministry of Defense (Azerbaijan) <em>accuses</em> (2023-09-19) <strong>[DISPUTED]</strong>"
        in gps["text"]["text"]
    )
    assert "000_d0a399db87bfc5a2" in gps["text"]["text"]  # the source is named in the slide
    assert sum(e["text"]["headline"].startswith("[DISPUTED]") for e in events) == 1


def test_timelinejs_groups(seeded: GraphStore) -> None:
    by_actor = json.loads(export_to_string(seeded, "timelinejs", group_by="actor"))["events"]
    groups = {(e["group"], e["text"]["headline"][:20]) for e in by_actor}
    assert ("illegal Armenian armed groups", "[DISPUTED] GPS syste") in groups
    assert ("Ministry of Internal Affairs (Azerbaijan)", "Mine exploded in a t") in groups
    by_claimant = json.loads(export_to_string(seeded, "timelinejs", group_by="claimant"))["events"]
    gps_groups = sorted(e["group"] for e in by_claimant if GPS in e["text"]["headline"])
    assert gps_groups == ["Karabakh Armenian authorities", "Ministry of Defense (Azerbaijan)"]
    with pytest.raises(ValidationError, match="allowed: actor, claimant"):
        export_to_string(seeded, "timelinejs", group_by="outlet")


def test_gexf_is_1_3_dynamic_and_readable(seeded: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "seed.gexf"
    path.write_text(export_to_string(seeded, "gexf"), encoding="utf-8")
    root = ET.parse(path).getroot()
    assert root.tag == "{http://gexf.net/1.3}gexf"
    assert root.get("version") == "1.3"
    assert root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation") == (
        "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
    )
    graph_el = root.find("{http://gexf.net/1.3}graph")
    assert graph_el is not None
    assert (graph_el.get("mode"), graph_el.get("timeformat")) == ("dynamic", "date")
    meta = json.loads(root.findtext("{http://gexf.net/1.3}meta/{http://gexf.net/1.3}description") or "{}")
    _check_meta(meta, "gexf")
    g = nx.read_gexf(path, version="1.3")
    assert (g.number_of_nodes(), g.number_of_edges()) == (33, 75)
    ids = _ids(seeded)
    gps = g.nodes[ids["gps"]]
    assert (gps["start"], gps["end"]) == ("2023-09-19", "2023-09-19")
    assert gps["disputed"] is True
    assert gps["label"].startswith("[DISPUTED] 2023-09-19 gps_jamming")
    wars = [d for _, d in g.nodes(data=True) if d.get("subtype") == "war"]
    assert sorted((d["start"], d["end"]) for d in wars) == [
        ("1990-01-01", "1994-12-31"),
        ("2020-01-01", "2020-12-31"),
    ]
    assert g.nodes[ids["denial"]]["disputed"] is False
    assert g.nodes[ids["accusation"]]["disputed"] is True
    # Actors carry no dates: they exist for the whole timeline.
    assert not any("start" in d for _, d in g.nodes(data=True) if d["kind"] == "Actor")
    made = [d for _, _, d in g.edges(data=True) if d.get("type") == "MADE" and d.get("start") == "2023-09-19"]
    assert len(made) == 3


def test_graphml(seeded: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "seed.graphml"
    path.write_text(export_to_string(seeded, "graphml"), encoding="utf-8")
    g = nx.read_graphml(path)
    assert (g.number_of_nodes(), g.number_of_edges()) == (33, 75)
    _check_meta(json.loads(g.graph["conflictgraph_meta"]), "graphml")
    ids = _ids(seeded)
    assert g.nodes[ids["gps"]]["disputed"] is True
    assert g.nodes[ids["gps"]]["text"] == GPS
    kinds = [d["kind"] for _, d in g.nodes(data=True)]
    assert kinds.count("Incident") == 7 and kinds.count("Claim") == 11
    roles = sorted(d["role"] for _, _, d in g.edges(data=True) if d["type"] == "INVOLVES")
    assert roles == ["alleged_perpetrator"] * 4 + ["victim"]


def test_csv_incidents_and_claims_with_evidence(seeded_plus: GraphStore, tmp_path: Path) -> None:
    written = write_export(seeded_plus, "csv", directory=tmp_path / "out")
    assert [p.name for p in written] == ["incidents.csv", "claims.csv", "metadata.json"]
    meta, incidents = _csv_rows((tmp_path / "out" / "incidents.csv").read_text(encoding="utf-8"))
    _check_meta(meta, "csv")
    assert [r["type"] for r in incidents] == SEED_TYPES
    assert incidents[4]["killed_range"] == "4–6 (2 sources)"
    assert incidents[4]["sources"] == "2"
    assert incidents[5]["disputed"] == "DISPUTED"
    assert incidents[0]["evidence_quotes"] == "in the early 1990s"
    _, claims = _csv_rows((tmp_path / "out" / "claims.csv").read_text(encoding="utf-8"))
    assert len(claims) == 11
    gps_claim = next(c for c in claims if "jamming the GPS" in c["quote"])
    assert gps_claim["disputed"] == "DISPUTED"
    assert gps_claim["denied_by"] == "Karabakh Armenian authorities"
    assert gps_claim["evidence_titles"] == "000_d0a399db87bfc5a2"
    assert gps_claim["evidence_quotes"] == gps_claim["quote"]
    assert sum(c["disputed"] == "DISPUTED" for c in claims) == 2
    assert json.loads((tmp_path / "out" / "metadata.json").read_text())["format"] == "csv"


def test_acled_csv(seeded: GraphStore) -> None:
    meta, rows = _csv_rows(export_to_string(seeded, "acled-csv"))
    _check_meta(meta, "acled-csv")
    assert len(rows) == 7
    by_type = {r["cg_incident_id"]: r for r in rows}
    gps = by_type[_ids(seeded)["gps"]]
    assert (gps["event_type"], gps["sub_event_type"], gps["disorder_type"]) == (
        "Strategic developments",
        "Disrupted weapons use",
        "Strategic developments",
    )
    assert (gps["event_date"], gps["time_precision"], gps["geo_precision"]) == ("2023-09-19", "1", "1")
    assert (gps["location"], gps["country"], gps["iso"]) == ("Baku", "Azerbaijan", "031")
    assert gps["actor1"] == "illegal Armenian armed groups"
    assert gps["tags"] == "disputed" and gps["cg_disputed"] == "DISPUTED"
    assert "[DISPUTED]" in gps["notes"] and "absolute lies" in gps["notes"]
    mine = next(r for r in rows if r["fatalities"] == "4")
    assert (mine["event_type"], mine["sub_event_type"]) == (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    )
    assert (mine["actor2"], mine["inter2"]) == ("Ministry of Internal Affairs (Azerbaijan)", "1")
    wars = [r for r in rows if r["cg_date"] in ("1990/1994", "2020")]
    assert [(r["time_precision"], r["event_date"]) for r in wars] == [
        ("3", "1992-07-01"),
        ("3", "2020-07-01"),
    ]
    blockade = next(r for r in rows if r["location"] == "Lachin corridor")
    assert blockade["geo_precision"] == "2"
    assert {r["geo_precision"] for r in rows if r["location"] == "Nagorno-Karabakh"} == {"3"}
    assert list(rows[0])[:6] == [
        "event_id_cnty",
        "event_date",
        "year",
        "time_precision",
        "disorder_type",
        "event_type",
    ]


def test_plover_jsonl(seeded: GraphStore) -> None:
    lines = [json.loads(line) for line in export_to_string(seeded, "plover-jsonl").splitlines()]
    assert lines[0]["record"] == "meta"
    _check_meta(lines[0], "plover-jsonl")
    incidents = [r for r in lines if r["record"] == "incident"]
    claims = [r for r in lines if r["record"] == "claim"]
    assert [r["native_type"] for r in incidents] == SEED_TYPES
    assert [r["event"] for r in incidents] == [
        "FIGHT",
        "FIGHT",
        "COERCE",
        "AID",
        "ASSAULT",
        "COERCE",
        "ASSAULT",
    ]
    assert incidents[4]["dead"] == 4 and incidents[4]["mode"] == "explosives"
    # 5 accusations (DISAPPROVE) and 2 denials (REJECT); assertions are not PLOVER events.
    assert sorted(r["event"] for r in claims) == ["DISAPPROVE"] * 5 + ["REJECT"] * 2
    denial = next(r for r in claims if "absolute lies" in r["text"])
    assert (denial["source"], denial["target"]) == (
        ["Karabakh Armenian authorities"],
        ["Ministry of Defense (Azerbaijan)"],
    )
    accusation = next(r for r in claims if "jamming the GPS" in r["text"])
    assert accusation["disputed"] is True and accusation["mark"] == "DISPUTED"
    assert accusation["source_country"] == "AZE"


def test_claimreview_json_ld(seeded: GraphStore) -> None:
    jsonld = pytest.importorskip("pyld.jsonld")

    def offline_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
        # schema.org's context maps its terms into https://schema.org/; tests run offline.
        assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
        return {
            "contextUrl": None,
            "documentUrl": url,
            "document": {"@context": {"@vocab": "https://schema.org/"}},
        }

    doc = json.loads(export_to_string(seeded, "claimreview"))
    expanded = jsonld.expand(doc, {"documentLoader": offline_loader})
    s = "https://schema.org/"
    reviews = [n for n in expanded if s + "ClaimReview" in n.get("@type", [])]
    assert len(reviews) == 11
    header = next(n for n in expanded if s + "Dataset" in n.get("@type", []))
    _check_meta(json.loads(header[s + "description"][0]["@value"]), "claimreview")
    assert not any(s + "reviewRating" in r for r in reviews)  # no rating exists, so none is claimed
    ids = _ids(seeded)
    gps = next(r for r in reviews if r["@id"] == f"urn:conflictgraph:claimreview:{ids['accusation']}")
    item = gps[s + "itemReviewed"][0]
    assert item[s + "author"][0][s + "name"][0]["@value"] == "Ministry of Defense (Azerbaijan)"
    assert item[s + "datePublished"][0]["@value"] == "2023-09-19"
    appearance = item[s + "appearance"][0]
    assert appearance[s + "headline"][0]["@value"] == "000_d0a399db87bfc5a2"
    body = gps[s + "reviewBody"][0]["@value"]
    assert body.startswith("DISPUTED: denied by Karabakh Armenian authorities") and "absolute lies" in body
    undated = next(r for r in reviews if "absolute lies" in r[s + "claimReviewed"][0]["@value"])
    assert s + "datePublished" not in undated[s + "itemReviewed"][0]


def test_every_format_carries_metadata_with_query_and_as_of(seeded: GraphStore, tmp_path: Path) -> None:
    flt = TimelineFilter(actor="Baku", as_of=date(2023, 9, 30))
    for fmt in FORMATS:
        if fmt == "csv":
            write_export(seeded, fmt, directory=tmp_path / "csv", flt=flt)
            text = (tmp_path / "csv" / "incidents.csv").read_text(encoding="utf-8")
        else:
            text = export_to_string(seeded, fmt, flt=flt)
        assert '"query": {"actor": "Baku"}' in text or "&quot;query&quot;" in text or '\\"query\\"' in text, (
            fmt
        )
        assert "2023-09-30" in text, fmt


def test_unknown_format_is_refused(seeded: GraphStore) -> None:
    with pytest.raises(ValidationError, match="unknown export format 'pdf'; allowed: timelinejs, gexf"):
        export_to_string(seeded, "pdf")
