"""Dataset source Articles carry the date the dataset published or recorded the row, so ``--as-of`` sees a
dataset event from that day on (both stores); a row that gives no such date stays out of --as-of queries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import FIXTURES

from graph.errors import InputError
from graph.model import Article, ArticleGraph, EdgeType
from graph.store import GraphStore, TimelineFilter
from loaders.datasets import read_dataset
from loaders.datasets.acled import acled_row_to_graph, read_acled


def _load(store: GraphStore, fmt: str, name: str) -> None:
    for item in read_dataset(fmt, FIXTURES / name):
        if isinstance(item, ArticleGraph):
            store.write_article(item)


def _sources(store: GraphStore, inc_id: str) -> list[tuple[str | None, str, bool]]:
    return sorted(
        (a.outlet, str(a.published), a.published_inferred)
        for _, a in store.neighbours(inc_id, EdgeType.REPORTED_IN, "out")
        if isinstance(a, Article)
    )


def _as_of(store: GraphStore, day: str) -> list[str]:
    return sorted(
        i.dataset_ref or "" for i in store.timeline(TimelineFilter(as_of=dt.date.fromisoformat(day)))
    )


def test_acled_sources_dated_by_the_upload_timestamp(store: GraphStore) -> None:
    _load(store, "acled", "acled_current.csv")
    by_ref = {i.dataset_ref: i for i in store.timeline()}
    # timestamp 1695801600 = 2023-09-27 08:00 UTC; 1695888000 = 2023-09-28
    assert _sources(store, by_ref["AZE9001"].id) == [
        ("APA", "2023-09-27", True),
        ("Trend", "2023-09-27", True),
    ]
    assert _sources(store, by_ref["AZE9003"].id) == [
        ("Azatutyun", "2023-09-28", True),
        ("Civilnet", "2023-09-28", True),
    ]
    # one outlet, two upload days: two source Articles, each with its own date
    trend = sorted(
        str(a.published) for a in store.iter_nodes() if isinstance(a, Article) and a.outlet == "Trend"
    )
    assert trend == ["2023-09-27"]
    assert _as_of(store, "2023-09-25") == []
    assert _as_of(store, "2023-09-26") == ["AZE9004"]
    assert _as_of(store, "2023-09-27") == ["AZE9001", "AZE9002", "AZE9004"]
    assert _as_of(store, "2023-09-29") == [
        "ARM9005",
        "ARM9006",
        "AZE9001",
        "AZE9002",
        "AZE9003",
        "AZE9004",
        "AZE9007",
    ]


def test_acled_legacy_layout_is_dated_too(store: GraphStore) -> None:
    _load(store, "acled", "acled_legacy.csv")
    assert _as_of(store, "2020-10-19") == []
    assert _as_of(store, "2020-10-20") == ["AZE8001", "AZE8002"]


def test_ucdp_sources_dated_by_source_date_beside_source_office(store: GraphStore) -> None:
    _load(store, "ucdp", "ucdp_ged.csv")
    by_ref = {i.dataset_ref: i for i in store.timeline()}
    assert _sources(store, by_ref["990001"].id) == [
        ("AFP", "2023-09-20", True),
        ("Reuters", "2023-09-19", True),
    ]
    # 990004 names no source and no date: its source is the undated dataset Article
    assert _sources(store, by_ref["990004"].id) == [("UCDP GED", "None", False)]
    assert _as_of(store, "2023-09-19") == ["990001"]
    assert _as_of(store, "2023-09-21") == ["990001", "990002"]
    assert _as_of(store, "2030-01-01") == ["990001", "990002", "990003"]  # never 990004: not known when
    assert sorted(i.dataset_ref or "" for i in store.timeline()) == ["990001", "990002", "990003", "990004"]


def test_an_acled_row_without_timestamp_is_undated_not_today(store: GraphStore) -> None:
    row = next(r for r in _acled_rows() if r["event_id_cnty"] == "AZE9002")
    store.write_article(acled_row_to_graph({**row, "timestamp": ""}))
    [inc] = store.timeline()
    assert _sources(store, inc.id) == [("Trend", "None", False)]
    assert _as_of(store, "2099-12-31") == []
    assert store.timeline(TimelineFilter(as_of=None)) == [inc]


def test_a_bad_timestamp_is_a_bad_row(tmp_path: Path) -> None:
    text = (FIXTURES / "acled_current.csv").read_text(encoding="utf-8-sig")
    header, first = text.splitlines()[:2]
    bad = tmp_path / "bad.csv"
    bad.write_text(header + "\n" + first.replace(",1695801600", ",soon") + "\n", encoding="utf-8")
    [err] = list(read_acled(bad))
    assert isinstance(err, InputError) and err.line == 2
    assert err.problem == "timestamp 'soon' is not a whole number"


def _acled_rows() -> list[dict[str, str]]:
    import csv

    with open(FIXTURES / "acled_current.csv", encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))
