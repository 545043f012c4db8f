"""The extract output follows the shared gold-annotation format, with exact evidence offsets."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any

TEXT = (
    "Clashes near Lachin\n\n"
    "STEPANAKERT, May 19 (Wire) - Azerbaijan's Defence Ministry accused Armenian armed forces on Monday of "
    "shelling positions near Lachin, killing two soldiers. Armenia's Defence Ministry rejected the "
    "accusation as baseless later on Monday.\n\n"
    '"Our units did not open fire," the ministry\'s spokeswoman, Anna Petrosyan, said. Residents of Lachin '
    "said the shelling lasted an hour."
)


def test_format_and_references(run: Callable[..., dict[str, Any]]) -> None:
    ann = run(TEXT)
    assert set(ann) >= {"article", "published", "actors", "locations", "incidents", "claims", "edges"}
    assert ann["published"] == "2025-05-20"
    ids = [x["id"] for key in ("actors", "locations", "incidents", "claims") for x in ann[key]]
    assert len(ids) == len(set(ids))
    for prefix, key in (("a", "actors"), ("l", "locations"), ("i", "incidents"), ("c", "claims")):
        assert [x["id"] for x in ann[key]] == [f"{prefix}{n}" for n in range(1, len(ann[key]) + 1)]
    actors = {a["id"] for a in ann["actors"]}
    claims = {c["id"]: c for c in ann["claims"]}
    incidents = {i["id"] for i in ann["incidents"]}
    kinds = {"state", "government_body", "armed_group", "organisation", "person", "population_group", "media"}
    for a in ann["actors"]:
        assert a["kind"] in kinds
        assert a["country"] is None or re.fullmatch(r"[A-Z]{3}", a["country"])
        assert all(alias in TEXT for alias in a["aliases"])
    for c in ann["claims"]:
        assert c["stance"] in ("accuse", "deny", "assert")
        assert c["claimant"] is None or c["claimant"] in actors
        assert c["target"] is None or c["target"] in actors
        assert c["about"] is None or c["about"] in incidents or c["about"] in claims
        ev = c["evidence"]
        assert TEXT[ev["start"] : ev["end"]] == c["quote"]
    implied_accuses = {
        (c["claimant"], c["target"], c["id"])
        for c in ann["claims"]
        if c["stance"] == "accuse" and c["target"] and c["claimant"]
    }
    got_accuses = {(e["from"], e["to"], e["via"]) for e in ann["edges"] if e["type"] == "ACCUSES"}
    assert got_accuses == implied_accuses
    implied_denies = {
        (c["claimant"], c["about"])
        for c in ann["claims"]
        if c["stance"] == "deny" and c["claimant"] and c["about"] in claims
    }
    assert {(e["from"], e["to"]) for e in ann["edges"] if e["type"] == "DENIES"} == implied_denies
    for e in ann["edges"]:
        if e["type"] == "OCCURRED_NEAR":
            assert e["from"] in incidents and e["to"] in {loc["id"] for loc in ann["locations"]}


def test_content_of_the_example(run: Callable[..., dict[str, Any]]) -> None:
    ann = run(TEXT)
    names = ann["names"]
    accusation = ann["claims"][0]
    assert accusation["quote"].startswith(
        "Azerbaijan's Defence Ministry accused Armenian armed forces on Monday of shelling positions near "
        "Lachin"
    )
    assert accusation["stance"] == "accuse"
    assert names[accusation["target"]] == "Armed Forces of Armenia"
    denial = next(c for c in ann["claims"] if c["stance"] == "deny")
    assert denial["about"] == accusation["id"]
    assert (denial["date"], denial["date_text"]) == ("2025-05-19", "later on Monday")
    shelling = next(i for i in ann["incidents"] if i["type"] == "shelling")
    assert shelling["killed"] == 2
    # "accused … on Monday of shelling": Monday dates the charge; the text never says when the shelling was.
    assert (shelling["date"], shelling["date_precision"]) == (None, None)
    places = {loc["id"]: loc for loc in ann["locations"]}
    assert places[shelling["location"]]["name"] == "Lachin"
    assert accusation["id"] in {c["id"] for c in ann["claims"] if c["about"] == shelling["id"]}
    assert names[accusation["claimant"]] in [names[x] for x in shelling["perpetrator_claimed_by"]]
    spokeswoman = next(a for a in ann["actors"] if a["name"] == "Anna Petrosyan")
    assert spokeswoman["kind"] == "person"


def test_a_day_after_an_incident(run: Callable[..., dict[str, Any]]) -> None:
    ann = run(
        "Two soldiers were killed when a roadside bomb exploded near Afgooye on Tuesday. A day after the "
        "attack, special forces launched an operation in villages west of Afgooye.",
        published=date(2025, 9, 12),
    )
    dated = [(i["type"], i["date"], i["date_text"]) for i in ann["incidents"]]
    assert dated == [
        ("landmine_explosion", "2025-09-09", "on Tuesday"),
        ("military_operation", "2025-09-10", "A day after"),
    ]
    assert ann["incidents"][0]["killed"] == 2
