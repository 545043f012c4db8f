"""Places the small model mislabels as persons or organisations, recovered from the parse.

Sentences are written for these tests; the town names are invented so no gazetteer entry helps.
"""

from __future__ import annotations

from typing import Any


def _names(items: list[dict[str, Any]]) -> set[str]:
    return {n for item in items for n in (item["name"], *item["aliases"])}


def test_object_of_a_settlement_noun_is_a_place(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("A drone hit a car on the road between Nabatieh and the village of Kfar Roummane on Monday.")
    places = _names(ann["locations"])
    assert "Kfar Roummane" in places
    assert "Kfar Roummane" not in _names(ann["actors"])


def test_object_of_a_site_noun_is_a_place(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Two shells fell on the weekly market of Toroumbi on Saturday, residents said.")
    assert "Toroumbi" in _names(ann["locations"])
    assert "Toroumbi" not in _names(ann["actors"])


def test_apposition_to_a_settlement_noun_is_a_place(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("Soldiers later shelled Ywa Kyaung, a village about five kilometres to the east.")
    assert "Ywa Kyaung" in _names(ann["locations"])
    assert "Ywa Kyaung" not in _names(ann["actors"])


def test_dateline_in_capitals_is_a_place_not_an_organisation(run) -> None:  # type: ignore[no-untyped-def]
    ann = run("GAROWE — Two soldiers were killed on Wednesday, officials said.")
    assert "GAROWE" in _names(ann["locations"])
    assert "GAROWE" not in _names(ann["actors"])


def test_named_groups_and_acronyms_stay_actors(run) -> None:  # type: ignore[no-untyped-def]
    ann = run(
        "The army blamed the Kivu Renewal Front for the attack near the market. "
        "Talks between the government and the KRF collapsed in Luanda."
    )
    actors = _names(ann["actors"])
    assert "Kivu Renewal Front" in actors or "the Kivu Renewal Front" in actors
    assert "KRF" not in _names(ann["locations"])
    assert "Kivu Renewal Front" not in _names(ann["locations"])
