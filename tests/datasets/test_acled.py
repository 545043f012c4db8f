"""ACLED loader: exact graphs of the fixture rows, both column layouts, the API JSON, bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import by_ref, edge_of, render, split

from graph.errors import InputError
from graph.model import ArticleGraph, Incident, IncidentType, Precision
from graph.nx_store import NetworkXStore
from loaders.datasets import read_dataset

CURRENT = "acled_current.csv"
INCIDENT_AZE9001 = (
    "Incident", "AZE9001", "landmine_explosion", "Explosions/Remote violence / Remote explosive/landmine/IED",
    "2023-09-19", "2023-09-19", "day", 4,
)  # fmt: skip


def _load(fixtures: Path, name: str, **kw: bool) -> tuple[dict[str, object], list[InputError]]:
    graphs, errors = split(list(read_dataset("acled", fixtures / name, **kw)))
    return by_ref(graphs), errors  # type: ignore[return-value]


def test_current_layout_landmine_row_exact(fixtures: Path) -> None:
    graphs, _ = _load(fixtures, CURRENT)
    nodes, edges = render(graphs["AZE9001"])  # type: ignore[arg-type]
    assert nodes == {
        INCIDENT_AZE9001,
        ("Location", "Shusha", "city", "AZE", 39.7583, 46.7486, 25.0),  # geo_precision 2 -> 25 km
        ("Actor", "Unidentified Armed Group (Azerbaijan)", "armed_group", "AZE"),
        ("Actor", "Police Forces of Azerbaijan (2003-)", "armed_group", "AZE"),
        ("Actor", "Azerbaijan", "state", "AZE"),
        ("Article", "Trend", None),
        ("Article", "APA", None),
    }
    assert edges == {
        ("INVOLVES", "inc:AZE9001", "Unidentified Armed Group (Azerbaijan)", "alleged_perpetrator"),
        ("INVOLVES", "inc:AZE9001", "Police Forces of Azerbaijan (2003-)", "victim"),
        ("PART_OF", "Police Forces of Azerbaijan (2003-)", "Azerbaijan", ""),
        ("OCCURRED_NEAR", "inc:AZE9001", "@Shusha", ""),
        ("REPORTED_IN", "inc:AZE9001", "art:Trend", ""),
        ("REPORTED_IN", "inc:AZE9001", "art:APA", ""),
    }


def test_multi_actor_cells_and_empty_fatalities(fixtures: Path) -> None:
    graphs, _ = _load(fixtures, CURRENT)
    nodes, edges = render(graphs["AZE9003"])  # type: ignore[arg-type]
    incident = next(n for n in graphs["AZE9003"].nodes if isinstance(n, Incident))  # type: ignore[attr-defined]
    assert incident.killed is None and incident.figures == []
    assert ("Location", "Khankendi", "city", "AZE", 39.8153, 46.7519, 5.0) in nodes
    assert edges == {
        ("INVOLVES", "inc:AZE9003", "Military Forces of Azerbaijan (2003-)", "alleged_perpetrator"),
        ("INVOLVES", "inc:AZE9003", "Civilians (Armenia)", "victim"),
        ("INVOLVES", "inc:AZE9003", "Women (Armenia)", "victim"),
        ("INVOLVES", "inc:AZE9003", "Children (Armenia)", "victim"),
        ("PART_OF", "Military Forces of Azerbaijan (2003-)", "Azerbaijan", ""),
        ("OCCURRED_NEAR", "inc:AZE9003", "@Khankendi", ""),
        # "Azatutyun; Civilnet;Azatutyun": split on ';', repeated outlet once
        ("REPORTED_IN", "inc:AZE9003", "art:Azatutyun", ""),
        ("REPORTED_IN", "inc:AZE9003", "art:Civilnet", ""),
    }
    nodes_women = [n for n in nodes if n[0] == "Actor" and n[1] == "Women (Armenia)"]
    assert nodes_women == [("Actor", "Women (Armenia)", "population_group", "ARM")]


def test_time_and_geo_precision(fixtures: Path) -> None:
    graphs, _ = _load(fixtures, CURRENT)
    week = render(graphs["ARM9006"])[0]  # type: ignore[arg-type]
    assert (
        "Incident",
        "ARM9006",
        "armed_clash",
        "Battles / Armed clash",
        "2023-09-17",
        "2023-09-23",
        "range",
        1,
    ) in week
    assert ("Location", "Syunik", "region", "ARM", 39.2081, 46.4058, 100.0) in week  # geo_precision 3
    month = render(graphs["AZE9007"])[0]  # type: ignore[arg-type]
    assert (
        "Incident", "AZE9007", "other", "Strategic developments / Disrupted weapons use",
        "2023-09-01", "2023-09-30", "month", 0,
    ) in month  # fmt: skip
    inc = next(n for n in graphs["AZE9007"].nodes if isinstance(n, Incident))  # type: ignore[attr-defined]
    assert inc.event_time.precision is Precision.MONTH
    assert inc.event_time.raw == "ACLED event_date 2023-09-15, time_precision 3"


def test_other_rows_types_and_roles(fixtures: Path) -> None:
    graphs, _ = _load(fixtures, CURRENT)
    assert sorted(graphs) == ["ARM9005", "ARM9006", "AZE9001", "AZE9002", "AZE9003", "AZE9004", "AZE9007"]
    assert render(graphs["AZE9002"])[1] == {  # type: ignore[arg-type]
        ("INVOLVES", "inc:AZE9002", "Unidentified Armed Group (Azerbaijan)", "alleged_perpetrator"),
        ("INVOLVES", "inc:AZE9002", "Civilians (Azerbaijan)", "victim"),
        ("INVOLVES", "inc:AZE9002", "Labor Group (Azerbaijan)", "victim"),
        ("OCCURRED_NEAR", "inc:AZE9002", "@Nagorno-Karabakh", ""),
        ("REPORTED_IN", "inc:AZE9002", "art:Trend", ""),
    }
    # Only the region is known (geo_precision 3): ACLED codes the region's name and centre.
    assert ("Location", "Nagorno-Karabakh", "region", "AZE", 39.8167, 46.7667, 100.0) in render(
        graphs["AZE9002"]  # type: ignore[arg-type]
    )[0]
    assert render(graphs["ARM9005"]) == (  # type: ignore[arg-type]
        {
            (
                "Incident",
                "ARM9005",
                "protest",
                "Protests / Peaceful protest",
                "2023-09-19",
                "2023-09-19",
                "day",
                0,
            ),
            ("Location", "Yerevan", "city", "ARM", 40.1811, 44.5136, 5.0),
            ("Actor", "Protesters (Armenia)", "population_group", "ARM"),
            ("Article", "News.am", None),
        },
        {
            ("INVOLVES", "inc:ARM9005", "Protesters (Armenia)", "party"),
            ("OCCURRED_NEAR", "inc:ARM9005", "@Yerevan", ""),
            ("REPORTED_IN", "inc:ARM9005", "art:News.am", ""),
        },
    )
    assert ("Actor", "ICRC: International Committee of the Red Cross", "organisation", None) in render(
        graphs["AZE9004"]  # type: ignore[arg-type]
    )[0]


def test_notes_and_source_are_evidence(fixtures: Path) -> None:
    graphs, _ = _load(fixtures, CURRENT)
    g = graphs["AZE9001"]
    inc = next(n for n in g.nodes if isinstance(n, Incident))  # type: ignore[attr-defined]
    assert inc.dataset == "acled" and inc.dataset_ref == "AZE9001"
    [ev] = inc.evidence
    assert ev.article_id == "acled:AZE9001"
    assert ev.quote.startswith("On 19 September 2023, a truck carrying employees")
    assert 'blamed "illegal Armenian armed groups", which Armenia denied.' in ev.quote
    assert inc.figures[0].killed == 4 and inc.figures[0].source == "acled:AZE9001"
    rep = edge_of(g, "REPORTED_IN", "inc:AZE9001", "art:APA")  # type: ignore[arg-type]
    assert [e.quote for e in rep.evidence] == ["Trend; APA"]
    assert rep.props == {"dataset": "acled", "ref": "AZE9001"}


def test_bad_rows_name_file_and_line(fixtures: Path) -> None:
    _, errors = _load(fixtures, CURRENT)
    path = str(fixtures / CURRENT)
    assert [(e.source, e.line, e.problem) for e in errors] == [
        (path, 6, "row has 6 fields, the header has 31"),
        (path, 9, "event_date '2023-13-45' is not a date (expected 2023-09-19 or 19 September 2023)"),
        (path, 11, "latitude '39.8N' is not a number"),
    ]


def test_legacy_layout_numeric_inter_codes(fixtures: Path) -> None:
    graphs, errors = _load(fixtures, "acled_legacy.csv")
    assert errors == []
    assert render(graphs["AZE8001"]) == (  # type: ignore[arg-type]
        {
            (
                "Incident",
                "AZE8001",
                "shelling",
                "Explosions/Remote violence / Shelling/artillery/missile attack",
                "2020-10-11",
                "2020-10-11",
                "day",
                10,
            ),
            ("Location", "Ganja", "city", "AZE", 40.6828, 46.3606, 5.0),
            ("Actor", "Military Forces of Armenia (2018-)", "armed_group", "ARM"),
            ("Actor", "Armenia", "state", "ARM"),
            ("Actor", "Civilians (Azerbaijan)", "population_group", "AZE"),
            ("Article", "Trend", None),
            ("Article", "Reuters", None),
        },
        {
            ("INVOLVES", "inc:AZE8001", "Military Forces of Armenia (2018-)", "alleged_perpetrator"),
            ("INVOLVES", "inc:AZE8001", "Civilians (Azerbaijan)", "victim"),  # inter2 = 7
            ("PART_OF", "Military Forces of Armenia (2018-)", "Armenia", ""),
            ("OCCURRED_NEAR", "inc:AZE8001", "@Ganja", ""),
            ("REPORTED_IN", "inc:AZE8001", "art:Trend", ""),
            ("REPORTED_IN", "inc:AZE8001", "art:Reuters", ""),
        },
    )
    nodes, edges = render(graphs["AZE8002"])  # type: ignore[arg-type]
    assert (
        "Incident",
        "AZE8002",
        "armed_clash",
        "Battles / Armed clash",
        "2020-09-24",
        "2020-09-30",
        "range",
        None,
    ) in nodes
    assert ("INVOLVES", "inc:AZE8002", "Police Forces of Azerbaijan (2003-) Border Service", "party") in edges
    assert ("PART_OF", "Police Forces of Azerbaijan (2003-) Border Service", "Azerbaijan", "") in edges


def test_api_json_gives_the_same_graphs_as_csv(fixtures: Path) -> None:
    from_json, errors = _load(fixtures, "acled_api.json")
    from_csv, _ = _load(fixtures, CURRENT)
    assert sorted(from_json) == ["AZE9001", "AZE9002"]
    for ref in from_json:
        assert from_json[ref].model_dump() == from_csv[ref].model_dump()  # type: ignore[attr-defined]
    assert [(e.line, e.problem) for e in errors] == [(41, "latitude 'north' is not a number")]


def test_rereading_gives_identical_graphs(fixtures: Path) -> None:
    first = [
        g.model_dump() for g in read_dataset("acled", fixtures / CURRENT) if not isinstance(g, InputError)
    ]
    second = [
        g.model_dump() for g in read_dataset("acled", fixtures / CURRENT) if not isinstance(g, InputError)
    ]
    assert len(first) == 7 and first == second
    keys = [g["source_key"] for g in first]
    assert len(set(keys)) == 7 and all(k.startswith("ds_") for k in keys)


def test_undecodable_row_is_one_error(tmp_path: Path, fixtures: Path) -> None:
    raw = (fixtures / CURRENT).read_bytes()
    lines = raw.split(b"\r\n")
    lines[1] = lines[1].replace(b"Shusha", b"Sh\xffsha", 1)
    bad = tmp_path / "latin.csv"
    bad.write_bytes(b"\r\n".join(lines))
    graphs, errors = _load(tmp_path, "latin.csv")
    assert (errors[0].line, errors[0].problem) == (2, "bytes b'\\xff' are not valid UTF-8")
    assert "AZE9001" not in graphs and len(graphs) == 6


def test_missing_columns_and_missing_file(tmp_path: Path) -> None:
    f = tmp_path / "x.csv"
    f.write_text("id,date\n1,2023-09-19\n", encoding="utf-8")
    [err] = list(read_dataset("acled", f))
    assert isinstance(err, InputError) and err.line == 1
    assert "header lacks event_id_cnty, event_date, event_type" in err.problem
    [missing] = list(read_dataset("acled", tmp_path / "nope.csv"))
    assert isinstance(missing, InputError) and missing.problem == "no such file"


def test_written_to_memory_store_idempotently(fixtures: Path) -> None:
    store = NetworkXStore("memory://")
    graphs = [g for g in read_dataset("acled", fixtures / CURRENT) if not isinstance(g, InputError)]
    for g in graphs:
        store.write_article(g)
    stats = store.stats()
    assert stats["Incident"] == 7
    assert stats["Location"] == 6  # Shusha, Nagorno-Karabakh, Khankendi, Aghdam, Yerevan, Syunik
    assert stats["Article"] == 8  # Trend, APA, Azatutyun, Civilnet, ICRC, News.am, Armenpress, Report.az
    assert all(store.has_source(g.source_key) for g in graphs)
    before = sorted(n.model_dump_json() for n in store.iter_nodes())
    for g in read_dataset("acled", fixtures / CURRENT):
        if not isinstance(g, InputError):
            store.write_article(g)
    assert sorted(n.model_dump_json() for n in store.iter_nodes()) == before
    assert store.stats() == stats
    # The military is PART_OF its state, so an actor timeline of the state finds its forces' incidents.
    from graph.store import TimelineFilter

    refs = [i.dataset_ref for i in store.timeline(TimelineFilter(actor="Azerbaijan", include_parts=True))]
    # Timeline order: start date (the month-precise one starts on the 1st), then id for same-day rows.
    assert refs[:2] == ["AZE9007", "ARM9006"] and sorted(refs[2:]) == ["AZE9001", "AZE9003"]


@pytest.mark.slow
def test_extract_notes_runs_the_article_extractor(tmp_path: Path, fixtures: Path) -> None:
    one_row = tmp_path / "one.csv"
    one_row.write_bytes(b"\r\n".join((fixtures / CURRENT).read_bytes().split(b"\r\n")[:2]) + b"\r\n")
    items = list(read_dataset("acled", one_row, extract_notes=True))
    assert len(items) == 2
    row, notes = items
    assert isinstance(row, ArticleGraph) and row.article is None
    assert isinstance(notes, ArticleGraph) and notes.article is not None
    assert notes.article.title == "ACLED AZE9001 notes"
    assert notes.article.extra == {"dataset": "acled", "ref": "AZE9001"}
    assert notes.article.text.startswith("On 19 September 2023, a truck carrying employees")
    assert notes.source_key == notes.article.id
    types = {n.incident_type for n in notes.nodes if isinstance(n, Incident)}
    assert IncidentType.LANDMINE_EXPLOSION in types


def test_line_numbers_count_multiline_notes(tmp_path: Path, fixtures: Path) -> None:
    header, first, second = (fixtures / "acled_legacy.csv").read_text(encoding="utf-8").splitlines()[:3]
    multi = first.replace("killing 10 civilians;", "killing 10 civilians;\nline two of the notes;\n")
    broken = second.replace("27 September 2020", "27 Septober 2020")
    f = tmp_path / "multi.csv"
    f.write_text("\n".join([header, multi, broken, second]) + "\n", encoding="utf-8")
    graphs, errors = _load(tmp_path, "multi.csv")
    # the first record spans lines 2-4, so the broken one starts on line 5
    assert [(e.line, e.problem) for e in errors] == [
        (5, "event_date '27 Septober 2020' is not a date (expected 2023-09-19 or 19 September 2023)")
    ]
    assert sorted(graphs) == ["AZE8001", "AZE8002"]
    inc = next(n for n in graphs["AZE8001"].nodes if isinstance(n, Incident))  # type: ignore[attr-defined]
    assert "killing 10 civilians;\nline two of the notes;\n" in inc.summary
