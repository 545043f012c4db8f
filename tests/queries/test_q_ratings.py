"""Fact-checkers' ratings in the ClaimReview export: reviewRating only where a rating exists."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from graph.errors import ValidationError
from graph.model import ArticleGraph, Claim, NodeKind
from graph.nx_store import NetworkXStore
from graph.store import GraphStore
from queries.export import export_to_string
from queries.ratings import Rating, load_ratings, read_ratings, unknown_claims


def _claim_ids(store: GraphStore) -> dict[str, str]:
    claims = [c for c in store.iter_nodes(NodeKind.CLAIM) if isinstance(c, Claim)]
    return {
        "gps": next(c.id for c in claims if "jamming the GPS" in c.quote),
        "lies": next(c.id for c in claims if "absolute lies" in c.quote),
    }


def _reviews(text: str) -> dict[str, dict[str, Any]]:
    doc = json.loads(text)
    return {n["@id"].rsplit(":", 1)[1]: n for n in doc["@graph"] if n["@type"] == "ClaimReview"}


def test_a_rated_claim_gets_its_rating_and_reviewer_and_no_other_claim_does(seeded: GraphStore) -> None:
    ids = _claim_ids(seeded)
    rating = Rating(
        claim_id=ids["gps"],
        rating="Unproven",
        value=2,
        best=5,
        worst=1,
        reviewer="Example Fact Desk",
        url="https://factcheck.example/gps",
        date=dt.date(2023, 9, 25),
    )
    reviews = _reviews(export_to_string(seeded, "claimreview", ratings={ids["gps"]: rating}))
    assert len(reviews) == 11
    gps = reviews[ids["gps"]]
    assert gps["reviewRating"] == {
        "@type": "Rating",
        "alternateName": "Unproven",
        "ratingValue": 2,
        "bestRating": 5,
        "worstRating": 1,
    }
    assert gps["author"] == {"@type": "Organization", "name": "Example Fact Desk"}
    assert (gps["datePublished"], gps["url"]) == ("2023-09-25", "https://factcheck.example/gps")
    # The denial stays in the review body: the rating does not hide that the claim is disputed.
    assert gps["reviewBody"].startswith("DISPUTED: denied by Karabakh Armenian authorities")
    unrated = [r for cid, r in reviews.items() if cid != ids["gps"]]
    assert len(unrated) == 10 and not any("reviewRating" in r for r in unrated)
    assert {r["author"]["name"] for r in unrated} == {"conflictgraph (automated extraction, not a verdict)"}
    # Without ratings nothing is rated.
    assert not any("reviewRating" in r for r in _reviews(export_to_string(seeded, "claimreview")).values())


def test_ratings_apply_to_claimreview_only(seeded: GraphStore) -> None:
    try:
        export_to_string(seeded, "json", ratings={})
    except ValidationError as exc:
        assert str(exc) == "--ratings applies to the claimreview format only"
    else:
        raise AssertionError("a rating file with the json format was accepted")


def test_each_bad_rating_row_is_named_and_the_good_ones_are_kept() -> None:
    text = (
        "claim_id,rating,rating_value,best_rating,worst_rating,reviewer,review_url,review_date\n"
        "clm_a,False,1,5,1,Desk A,,2023-09-20\n"  # line 2: good
        "clm_b,,1,5,1,,,\n"  # line 3: no verdict
        "clm_c,Mostly false,7,5,1,,,\n"  # line 4: off the scale
        "clm_d,Misleading,two,5,1,,,\n"  # line 5: not a number
        "clm_e,Unproven,3,,,,,\n"  # line 6: a value without a scale
        "clm_a,True,,,,,,\n"  # line 7: rated twice
        "clm_f,Misleading,,,,,,20-09-2023\n"  # line 8: bad date
        "clm_g,Satire,,,,Desk G,https://x.example/g,\n"  # line 9: good, words only
    )
    ratings, problems = read_ratings(io.StringIO(text), "ratings.csv")
    assert sorted(ratings) == ["clm_a", "clm_g"]
    assert ratings["clm_a"] == Rating("clm_a", "False", 1, 5, 1, "Desk A", None, dt.date(2023, 9, 20))
    assert ratings["clm_g"].schema() == {"@type": "Rating", "alternateName": "Satire"}
    assert [str(p) for p in problems] == [
        "ratings.csv:3: rating is empty for claim 'clm_b'",
        "ratings.csv:4: rating_value 7 is outside the scale 1..5",
        "ratings.csv:5: rating_value 'two' is not a number",
        "ratings.csv:6: rating_value 3 needs best_rating and worst_rating (the scale)",
        "ratings.csv:7: claim 'clm_a' is rated twice",
        "ratings.csv:8: review_date '20-09-2023' is not YYYY-MM-DD",
    ]


def test_json_and_jsonl_ratings(tmp_path: Path) -> None:
    (tmp_path / "r.json").write_text(
        json.dumps([{"claim_id": "clm_a", "rating": "False"}, {"claim_id": "clm_b", "verdict": "x"}]),
        encoding="utf-8",
    )
    ratings, problems = load_ratings(tmp_path / "r.json")
    assert list(ratings) == ["clm_a"]
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'r.json'}:2: unknown field 'verdict'; allowed: claim_id, rating, rating_value, "
        "best_rating, worst_rating, reviewer, review_url, review_date"
    ]
    (tmp_path / "r.jsonl").write_text('{"claim_id": "clm_a", "rating": "False"}\n{broken\n', encoding="utf-8")
    ratings, problems = load_ratings(tmp_path / "r.jsonl")
    assert list(ratings) == ["clm_a"] and len(problems) == 1
    assert str(problems[0]).startswith(f"{tmp_path / 'r.jsonl'}:2: not JSON: ")
    (tmp_path / "r.csv").write_text("id,verdict\nclm_a,False\n", encoding="utf-8")
    assert [str(p) for p in load_ratings(tmp_path / "r.csv")[1]] == [
        f"{tmp_path / 'r.csv'}:1: the header lacks claim_id, rating; columns: claim_id, rating, "
        "rating_value, best_rating, worst_rating, reviewer, review_url, review_date"
    ]


def test_a_rating_for_a_claim_the_store_lacks_is_named(seeded: GraphStore) -> None:
    ids = _claim_ids(seeded)
    gps_incident = next(i.id for i in seeded.iter_nodes(NodeKind.INCIDENT) if "GPS" in i.summary)  # type: ignore[union-attr]
    ratings = {
        ids["gps"]: Rating(ids["gps"], "False", line=2),
        "clm_nope": Rating("clm_nope", "False", line=3),
        gps_incident: Rating(gps_incident, "False", line=4),
    }
    assert [str(p) for p in unknown_claims(seeded, ratings, "r.csv")] == [
        "r.csv:3: claim_id 'clm_nope': the store has no node with this id",
        f"r.csv:4: claim_id '{gps_incident}': the store has an incident, not a claim, with this id",
    ]


def test_cli_exports_with_ratings_and_exits_3_when_some_were_left_out(
    tmp_path: Path, seed_graph: ArticleGraph
) -> None:
    from conflictgraph.cli import app

    store_dir = tmp_path / "store"
    store = NetworkXStore(str(store_dir))
    store.write_article(seed_graph)
    ids = _claim_ids(store)
    store.close()
    ratings = tmp_path / "ratings.csv"
    ratings.write_text(
        f"claim_id,rating,reviewer\n{ids['gps']},Unproven,Desk\nclm_nope,False,Desk\n", encoding="utf-8"
    )
    out = tmp_path / "reviews.jsonld"
    args = ["export", "-s", str(store_dir), "-f", "claimreview", "--ratings", str(ratings), "-o", str(out)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 3, result.output
    assert f"Error: {ratings}:3: claim_id 'clm_nope': the store has no node with this id" in result.output
    reviews = _reviews(out.read_text(encoding="utf-8"))
    assert reviews[ids["gps"]]["reviewRating"]["alternateName"] == "Unproven"
    assert sum("reviewRating" in r for r in reviews.values()) == 1
