"""UCDP GED loader: exact graphs of the fixture rows, date/where precision, death figures, bad rows."""

from __future__ import annotations

from pathlib import Path

from conftest import by_ref, edge_of, render, split

from graph.model import ArticleGraph, Incident, NodeKind
from graph.nx_store import NetworkXStore
from loaders.datasets import read_dataset

FIXTURE = "ucdp_ged.csv"


def _load(fixtures: Path) -> tuple[dict[str, ArticleGraph], list[object]]:
    graphs, errors = split(list(read_dataset("ucdp", fixtures / FIXTURE)))
    return by_ref(graphs), list(errors)


def _incident(g: ArticleGraph) -> Incident:
    return next(n for n in g.nodes if isinstance(n, Incident))


def test_state_based_event_exact(fixtures: Path) -> None:
    graphs, _ = _load(fixtures)
    g = graphs["990001"]
    assert render(g) == (
        {
            (
                "Incident",
                "990001",
                "armed_clash",
                "type_of_violence 1 (state-based conflict)",
                "2023-09-19",
                "2023-09-19",
                "day",
                9,
            ),
            ("Location", "Khankendi town", "city", "AZE", 39.8153, 46.7519, 1.0),  # where_prec 1
            ("Actor", "Government of Azerbaijan", "government_body", "AZE"),
            ("Actor", "Azerbaijan", "state", "AZE"),
            ("Actor", "Republic of Artsakh", "armed_group", None),
            ("Article", "Reuters", None),
            ("Article", "AFP", None),
        },
        {
            ("INVOLVES", "inc:990001", "Government of Azerbaijan", "party"),
            ("INVOLVES", "inc:990001", "Republic of Artsakh", "party"),
            ("PART_OF", "Government of Azerbaijan", "Azerbaijan", ""),
            ("OCCURRED_NEAR", "inc:990001", "@Khankendi town", ""),
            ("REPORTED_IN", "inc:990001", "art:Reuters", ""),
            ("REPORTED_IN", "inc:990001", "art:AFP", ""),
        },
    )
    inc = _incident(g)
    assert inc.killed == 9
    [fig] = inc.figures
    assert fig.killed == 9 and fig.source == "ucdp:990001"
    assert fig.note == (
        "UCDP GED: best 9; low 9, high 14; deaths_a 3; deaths_b 5; deaths_civilians 1; deaths_unknown 0"
    )
    assert [e.quote for e in inc.evidence] == [
        'Azerbaijan launches military operation in Karabakh, "anti-terrorist" measures;'
        "Karabakh separatists report deaths",
        'Reuters,2023-09-19,"Azerbaijan launches military operation in Karabakh, '
        '""anti-terrorist"" measures";'
        'AFP,2023-09-20,"Karabakh separatists report deaths"',
    ]
    assert {e.article_id for e in inc.evidence} == {"ucdp:990001"}
    side_b = edge_of(g, "INVOLVES", "inc:990001", "Republic of Artsakh")
    assert side_b.props == {"role": "party", "ucdp_side": "b", "deaths": 5}
    assert edge_of(g, "REPORTED_IN", "inc:990001", "art:AFP").props["source_date"] == "2023-09-19;2023-09-20"


def test_one_sided_violence_roles_and_range(fixtures: Path) -> None:
    graphs, _ = _load(fixtures)
    assert render(graphs["990002"]) == (
        {
            (
                "Incident",
                "990002",
                "attack_on_civilians",
                "type_of_violence 3 (one-sided violence)",
                "2023-09-19",
                "2023-09-20",
                "range",
                2,
            ),
            ("Location", "Khojavend district", "region", "AZE", 39.7917, 47.1125, 50.0),  # where_prec 3
            ("Actor", "Government of Azerbaijan", "government_body", "AZE"),
            ("Actor", "Azerbaijan", "state", "AZE"),
            ("Actor", "Civilians", "population_group", None),
            ("Article", "Civilnet", None),
        },
        {
            ("INVOLVES", "inc:990002", "Government of Azerbaijan", "alleged_perpetrator"),
            ("INVOLVES", "inc:990002", "Civilians", "victim"),
            ("PART_OF", "Government of Azerbaijan", "Azerbaijan", ""),
            ("OCCURRED_NEAR", "inc:990002", "@Khojavend district", ""),
            ("REPORTED_IN", "inc:990002", "art:Civilnet", ""),
        },
    )


def test_date_prec_month_and_year_where_prec_country(fixtures: Path) -> None:
    graphs, _ = _load(fixtures)
    nodes, edges = render(graphs["990003"])
    assert (
        "Incident", "990003", "armed_clash", "type_of_violence 2 (non-state conflict)",
        "2023-09-01", "2023-09-30", "month", 11,
    ) in nodes  # fmt: skip
    assert ("Location", "Pibor Administrative Area", "region", "SSD", 6.8, 33.13, 150.0) in nodes
    assert ("INVOLVES", "inc:990003", "Murle", "party") in edges
    assert _incident(graphs["990003"]).figures[0].note == (
        "UCDP GED: best 11; low 7, high 20; deaths_a 4; deaths_b 3; deaths_civilians 0; deaths_unknown 4"
    )
    nodes, edges = render(graphs["990004"])
    assert (
        "Incident", "990004", "armed_clash", "type_of_violence 1 (state-based conflict)",
        "2023-01-01", "2023-12-31", "year", 6,
    ) in nodes  # fmt: skip
    assert ("Location", "Armenia", "country", "ARM", 40.0, 45.0, 500.0) in nodes  # where_prec 6
    # No source office: the row points to the dataset's own Article.
    assert ("REPORTED_IN", "inc:990004", "art:UCDP GED", "") in edges
    assert _incident(graphs["990004"]).evidence == []


def test_bad_rows(fixtures: Path) -> None:
    _, errors = _load(fixtures)
    path = str(fixtures / FIXTURE)
    assert [(e.source, e.line, e.problem) for e in errors] == [  # type: ignore[attr-defined]
        (path, 3, "row has 10 fields, the header has 49"),
        (path, 5, "date_start '19/09/2023' is not a date (expected 2023-09-19)"),
        (path, 8, "latitude 'n/a' is not a number"),
    ]


def test_deterministic_and_stored(fixtures: Path) -> None:
    once = [g.model_dump() for g in read_dataset("ucdp", fixtures / FIXTURE) if isinstance(g, ArticleGraph)]
    twice = [g.model_dump() for g in read_dataset("ucdp", fixtures / FIXTURE) if isinstance(g, ArticleGraph)]
    assert len(once) == 4 and once == twice
    store = NetworkXStore("memory://")
    for g in read_dataset("ucdp", fixtures / FIXTURE):
        if isinstance(g, ArticleGraph):
            store.write_article(g)
    stats = store.stats()
    assert (stats["Incident"], stats["INVOLVES"], stats["PART_OF"]) == (4, 8, 2)
    gov = store.resolve(NodeKind.ACTOR, "Government of Azerbaijan")
    assert [a.name for a in gov] == ["Government of Azerbaijan"]
    assert len(store.edges(source=gov[0].id)) == 1  # one PART_OF, written by three rows
