"""Denials and what they deny, one reporting pattern per test, on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Run = Callable[..., dict[str, Any]]


def _edges(ann: dict[str, Any], etype: str) -> list[tuple[str, str]]:
    names = ann["names"]
    return sorted((names[e["from"]], names.get(e["to"], e["to"])) for e in ann["edges"] if e["type"] == etype)


def test_a_flat_negation_answers_what_another_side_just_said_of_the_speaker(run: Run) -> None:
    ann = run(
        "The navy said the strike destroyed a rocket store belonging to the Coastal Front. "
        "The Coastal Front said in a statement that none of its fighters had been at the warehouse."
    )
    quotes = {c["id"]: c["quote"] for c in ann["claims"]}
    assert [(who, quotes[to][:14]) for who, to in _edges(ann, "DENIES")] == [
        ("Coastal Front", "The navy said ")
    ]
    # A claim that does not speak of the speaker's side is not what it answers.
    other = run(
        "The navy said the strike destroyed a rocket store near the port. "
        "The Coastal Front said in a statement that none of its fighters had been at the warehouse."
    )
    assert _edges(other, "DENIES") == []
