"""The scorer against the shared development corpus gold and hand-made variants of it."""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest

from loaders.evaluate import METRICS, Score, evaluate, load_gold_dir, quote_overlap, score_article

# ../shared beside the clone (CI keeps a copy there), or $CONFLICTGRAPH_SHARED, as in tests/conftest.py.
SHARED = Path(os.environ.get("CONFLICTGRAPH_SHARED") or Path(__file__).resolve().parents[2].parent / "shared")
DEV_GOLD = SHARED / "dev-corpus" / "gold"
REPO = Path(__file__).resolve().parents[2]
SEED_GOLD = REPO / "seeds" / "000_d0a399db87bfc5a2.gold.json"
ARMENIA = "wire-armenia-azerbaijan-border-fire"

pytestmark = pytest.mark.skipif(not DEV_GOLD.is_dir(), reason="shared dev corpus not mounted")


@pytest.fixture(scope="module")
def gold() -> dict[str, dict[str, Any]]:
    return load_gold_dir(DEV_GOLD)


def renamed(ann: dict[str, Any], prefix: str = "p_") -> dict[str, Any]:
    """The same annotation with every local id renamed and every list reversed."""
    out = copy.deepcopy(ann)

    def r(x: str | None) -> str | None:
        return None if x is None else prefix + x

    for key in ("actors", "locations", "incidents", "claims"):
        for item in out[key]:
            item["id"] = r(item["id"])
        out[key].reverse()
    for inc in out["incidents"]:
        inc["location"] = r(inc.get("location"))
    for c in out["claims"]:
        for k in ("claimant", "target", "about"):
            c[k] = r(c.get(k))
    for e in out["edges"]:
        for k in ("from", "to", "via"):
            if k in e:
                e[k] = r(e[k])
    out["edges"].reverse()
    return out


def test_dev_corpus_has_24_articles_with_the_documented_totals(gold: dict[str, dict[str, Any]]) -> None:
    report = evaluate(gold, gold)
    assert len(gold) == 24
    totals = {m: report.micro[m].tp for m in METRICS}
    assert totals == {
        "actors": 323,
        "locations": 205,
        "incidents": 148,
        "incident_dates": 135,
        "claims": 348,
        "attributed_claims": 348,
        "ACCUSES": 85,
        "DENIES": 55,
        "OCCURRED_NEAR": 217,
    }


def test_gold_against_itself_is_perfect_everywhere(gold: dict[str, dict[str, Any]]) -> None:
    seed = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    everything = {**gold, seed["article"]: seed}
    report = evaluate(everything, everything)
    for metric, score in report.micro.items():
        assert (score.fp, score.fn, score.f1) == (0, 0, 1.0), metric
    for name, scores in report.per_article.items():
        assert all(s.f1 == 1.0 for s in scores.values()), name


def test_renamed_ids_and_shuffled_order_still_match(gold: dict[str, dict[str, Any]]) -> None:
    predicted = {name: renamed(ann) for name, ann in gold.items()}
    report = evaluate(gold, predicted)
    assert all(s.f1 == 1.0 for s in report.micro.values())


def test_one_removed_claim_gives_the_exact_recall(gold: dict[str, dict[str, Any]]) -> None:
    pred = copy.deepcopy(gold[ARMENIA])
    # c2 is an assert with no edges: only the two claim metrics lose one item.
    pred["claims"] = [c for c in pred["claims"] if c["id"] != "c2"]
    scores = score_article(gold[ARMENIA], pred)
    assert scores["claims"].to_dict() == {
        "tp": 7,
        "fp": 0,
        "fn": 1,
        "precision": 1.0,
        "recall": 0.875,
        "f1": 0.9333,
    }
    assert scores["attributed_claims"].recall == 0.875
    assert scores["ACCUSES"].f1 == 1.0 and scores["DENIES"].f1 == 1.0
    report = evaluate(gold, {**gold, ARMENIA: pred})
    assert report.micro["claims"].recall == round(347 / 348, 4)


def test_removed_accusation_breaks_the_edges_that_hang_on_it(gold: dict[str, dict[str, Any]]) -> None:
    pred = copy.deepcopy(gold[ARMENIA])
    pred["claims"] = [c for c in pred["claims"] if c["id"] != "c1"]
    pred["edges"] = [e for e in pred["edges"] if e.get("via") != "c1"]
    scores = score_article(gold[ARMENIA], pred)
    # ACCUSES a1->a2 via c1 is gone: 2 of 3 found.
    assert (scores["ACCUSES"].tp, scores["ACCUSES"].fn, scores["ACCUSES"].fp) == (2, 1, 0)
    # Both DENIES edges point at c1, which no predicted claim matches any more: 2 false positives.
    assert (scores["DENIES"].tp, scores["DENIES"].fp, scores["DENIES"].fn) == (0, 2, 2)


def test_alias_with_other_case_space_and_article_matches(gold: dict[str, dict[str, Any]]) -> None:
    pred = renamed(gold[ARMENIA])
    for actor in pred["actors"]:
        if actor["name"] == "European Union Mission in Armenia":
            actor["name"], actor["aliases"] = "the european  union MISSION in armenia", []
        if actor["name"] == "Azerbaijan":
            actor["name"], actor["aliases"] = "Baku", []
    scores = score_article(gold[ARMENIA], pred)
    assert scores["actors"].f1 == 1.0
    assert scores["ACCUSES"].f1 == 1.0


def test_name_without_any_shared_alias_does_not_match(gold: dict[str, dict[str, Any]]) -> None:
    pred = copy.deepcopy(gold[ARMENIA])
    for actor in pred["actors"]:
        if actor["id"] == "a6":
            actor["name"], actor["aliases"] = "Azerbaijani government", []
    scores = score_article(gold[ARMENIA], pred)
    assert (scores["actors"].tp, scores["actors"].fp, scores["actors"].fn) == (7, 1, 1)
    # The accusation a4 -> a6 (via c6) no longer maps.
    assert (scores["ACCUSES"].tp, scores["ACCUSES"].fn) == (2, 1)
    assert scores["attributed_claims"].f1 == 1.0


def test_alt_quote_and_partial_quote_overlap(gold: dict[str, dict[str, Any]]) -> None:
    g = gold[ARMENIA]
    pred = copy.deepcopy(g)
    c3 = next(c for c in pred["claims"] if c["id"] == "c3")
    c3["quote"] = c3_alt = next(c for c in g["claims"] if c["id"] == "c3")["alt_quotes"][0]
    assert c3_alt.startswith("saying its units")
    c7 = next(c for c in pred["claims"] if c["id"] == "c7")
    c7["quote"] = "the shooting lasted about ten minutes. The European Union Mission"
    scores = score_article(g, pred)
    assert scores["claims"].f1 == 1.0
    assert scores["DENIES"].f1 == 1.0
    c7["quote"] = "lasted about ten minutes. The European Union Mission in Armenia, which patrols"
    scores = score_article(g, pred)
    assert (scores["claims"].tp, scores["claims"].fp, scores["claims"].fn) == (7, 1, 1)


def test_quote_overlap_threshold_is_half_of_the_shorter() -> None:
    assert quote_overlap("abcdefghij", "fghijklmnopq") == 0.5
    assert quote_overlap("abcdefghij", "ghijklmnopq") == 0.4
    assert quote_overlap("said the  road\nwas open", "the road was open") == 1.0


def test_incidents_need_the_type_and_a_place_or_date(gold: dict[str, dict[str, Any]]) -> None:
    g = gold[ARMENIA]
    pred = copy.deepcopy(g)
    i1 = next(i for i in pred["incidents"] if i["id"] == "i1")
    i2 = next(i for i in pred["incidents"] if i["id"] == "i2")
    i1["type"] = "shelling"  # wrong type: no match, whatever the place
    i2["location"] = "l4"  # other place, but Gegharkunik is in i2's OCCURRED_NEAR: still a match
    i2["date"], i2["date_precision"] = "2025-05", "month"  # overlapping date, other precision
    scores = score_article(g, pred)
    assert (scores["incidents"].tp, scores["incidents"].fp, scores["incidents"].fn) == (3, 1, 1)
    # Dated gold incidents: i1, i2, i4. Only i4 keeps its exact date and precision.
    dates = scores["incident_dates"]
    assert (dates.tp, dates.fp, dates.fn) == (1, 2, 2)


def test_missing_prediction_scores_zero_recall_and_is_listed(gold: dict[str, dict[str, Any]]) -> None:
    report = evaluate({ARMENIA: gold[ARMENIA]}, {"other": gold[ARMENIA]})
    assert report.missing == [ARMENIA]
    assert report.unscored == ["other"]
    assert report.micro["claims"].to_dict()["recall"] == 0.0
    assert report.micro["claims"].fn == 8


def test_empty_against_empty_is_perfect_and_empty_prediction_is_not() -> None:
    empty = {"actors": [], "locations": [], "incidents": [], "claims": [], "edges": []}
    assert all(s.f1 == 1.0 for s in score_article(empty, empty).values())
    assert Score(fn=3).f1 == 0.0 and Score(fp=3).f1 == 0.0


def test_report_json_has_every_metric(gold: dict[str, dict[str, Any]]) -> None:
    data = evaluate({ARMENIA: gold[ARMENIA]}, {ARMENIA: gold[ARMENIA]}).to_dict()
    json.dumps(data)
    assert set(data["micro"]) == set(METRICS)
    assert data["per_article"][ARMENIA]["DENIES"] == {
        "tp": 2,
        "fp": 0,
        "fn": 0,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
    }
