"""A dataset incident (ACLED) describing an article incident gets SAME_AS with confidence and reasons,
through the same matching; it is never merged into the article incident; ``split`` keeps them apart."""

from __future__ import annotations

from pathlib import Path

from graph.model import EdgeType, Incident
from graph.store import GraphStore
from loaders.annotations import load_annotation
from loaders.datasets.acled import acled_row_to_graph
from loaders.resolve import merges, resolve_store, split

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# A hand-written row in ACLED's current layout for the invented camp shelling (not a real ACLED event).
ROW = {
    "event_id_cnty": "SDN90001",
    "event_date": "2025-10-12",
    "year": "2025",
    "time_precision": "1",
    "disorder_type": "Political violence",
    "event_type": "Explosions/Remote violence",
    "sub_event_type": "Shelling/artillery/missile attack",
    "actor1": "Unidentified Armed Group (Sudan)",
    "assoc_actor_1": "",
    "inter1": "Political militia",
    "actor2": "Civilians (Sudan)",
    "assoc_actor_2": "IDPs (Sudan)",
    "inter2": "Civilians",
    "interaction": "Political militia-Civilians",
    "civilian_targeting": "Civilian targeting",
    "iso": "729",
    "region": "Northern Africa",
    "country": "Sudan",
    "admin1": "South Kordofan",
    "admin2": "Kadugli",
    "admin3": "",
    "location": "Kadugli",
    "latitude": "11.0111",
    "longitude": "29.7183",
    "geo_precision": "1",
    "source": "Atlas Wire",
    "source_scale": "National",
    "notes": "On 12 October 2025, shells hit a displacement camp in Kadugli, killing 14 IDPs.",
    "fatalities": "14",
    "tags": "",
    "timestamp": "1760400000",
}


def test_acled_event_links_same_as_to_the_article_incident(store: GraphStore) -> None:
    store.write_article(load_annotation(CORPUS / "gold" / "cluster-a1.json"))
    store.write_article(load_annotation(CORPUS / "gold" / "cluster-a3.json"))
    store.write_article(acled_row_to_graph(ROW))
    report = resolve_store(store)
    assert report.same_as == 1
    incidents = {i.id: i for i in store.timeline() if isinstance(i, Incident)}
    acled = next(i for i in incidents.values() if i.dataset == "acled")
    (link,) = store.edges(EdgeType.SAME_AS)
    assert link.source == acled.id
    shelling = incidents[link.target]
    assert shelling.dataset is None and len(shelling.reports) == 2  # the article reports merged, not ACLED
    assert link.props["by"] == "resolve"
    assert link.props["type"] == 1.0 and link.props["time"] == 1.0 and link.props["place"] == 1.0
    assert 0.6 < float(link.props["confidence"] or 0) <= 1.0
    assert "same place" in str(link.props["reasons"])
    # listed as a merge, and a split keeps the two apart on later passes
    listed = [m for m in merges(store) if m.kind == "same_as"]
    assert [m.id for m in listed] == [link.id]
    split(store, link.id)
    assert store.edges(EdgeType.SAME_AS) == []
    store.write_article(acled_row_to_graph(ROW))
    resolve_store(store)
    assert store.edges(EdgeType.SAME_AS) == []
