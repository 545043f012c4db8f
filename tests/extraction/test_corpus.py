"""Extraction quality on the development corpora, scored by ``loaders.evaluate`` (micro P/R/F1).

Corpora: the shared dev corpus (``../shared/dev-corpus``, 24 synthetic articles) and the team's synthetic
articles in ``tests/corpus``. The issue's goal is micro F1 >= 0.8 for attributed claims, ACCUSES and
DENIES. All three reach it and are held to it; a separate floor at the measured level guards against
regressions.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graph.model import Article, article_id
from loaders.annotation_out import to_annotation
from loaders.evaluate import evaluate
from loaders.extract import Extractor
from loaders.sources import read_file
from tests.conftest import REPO, shared_dir

pytestmark = pytest.mark.slow

DEV = shared_dir() / "dev-corpus"
TEAM = REPO / "tests" / "corpus"
GOAL = 0.8
# Measured on 2026-11-27 (dev corpus + team corpus together, main f92c0c8: attributed claims .8265,
# ACCUSES .8112, DENIES .8344); raise these when the extractor improves.
FLOORS = {"attributed_claims": 0.82, "ACCUSES": 0.80, "DENIES": 0.82}


def _read(article: Path) -> tuple[str, date | None]:
    # Read as ``conflictgraph eval`` reads it (credit lines and site boilerplate dropped), so the floors
    # hold the scores that command prints.
    found = [x for x in read_file(article) if isinstance(x, Article)]
    assert found, f"{article}: no article read"
    return found[0].text, found[0].published


def _corpus(root: Path) -> dict[str, tuple[Path, Path]]:
    if not (root / "gold").is_dir():
        return {}
    return {
        g.stem: (root / "articles" / f"{g.stem}.md", g)
        for g in sorted((root / "gold").glob("*.json"))
        if (root / "articles" / f"{g.stem}.md").exists()
    }


@pytest.fixture(scope="module")
def scored(extractor: Extractor) -> dict[str, Any]:
    files = {**_corpus(DEV), **_corpus(TEAM)}
    if not _corpus(DEV):
        pytest.skip(f"dev corpus not found at {DEV}")
    articles = []
    for name, (article, _gold) in files.items():
        text, published = _read(article)
        articles.append((name, Article(id=article_id(text), text=text, published=published)))
    graphs = extractor.extract_many((a for _n, a in articles), batch_size=8)
    predicted = {name: to_annotation(g, name) for (name, _a), g in zip(articles, graphs, strict=True)}
    gold = {name: json.loads(g.read_text(encoding="utf-8")) for name, (_a, g) in files.items()}
    return {"report": evaluate(gold, predicted), "predicted": predicted}


@pytest.mark.parametrize("metric", ["attributed_claims", "ACCUSES", "DENIES"])
def test_goal_micro_f1_met(scored: dict[str, Any], metric: str) -> None:
    score = scored["report"].micro[metric]
    assert score.f1 >= GOAL, score.to_dict()


@pytest.mark.parametrize("metric", ["attributed_claims", "ACCUSES", "DENIES"])
def test_regression_floor(scored: dict[str, Any], metric: str) -> None:
    score = scored["report"].micro[metric]
    assert score.f1 >= FLOORS[metric], f"{metric}: {score.to_dict()}"


# Actors, places, incidents and their dates, measured on 2026-11-26 after the place/incident/actor rules
# (dev+team micro F1: actors .720, locations .711, incidents .545, incident dates .371, OCCURRED_NEAR .392;
# at the start of that day about .69/.62/.49/.35/.28), then after the incident/date rules of the afternoon
# (locations .732, incidents .644, incident dates .512, OCCURRED_NEAR .450), then after the evening's
# incident/place rules (locations .750, incidents .670, incident dates .558, OCCURRED_NEAR .487), then on
# 2026-11-27 after the place rules for actor qualifiers, numbered roads and known towns (actors .753,
# locations .761, incidents .674, incident dates .552, OCCURRED_NEAR .498), then after the actor rules of
# the 27th morning (places named elsewhere, names given in relative clauses, national craft, pronoun
# subjects, name modifiers: actors .7725), then after the rules of the 27th late morning (tolls and
# first-person phrases are no actors, places in office titles, one place per name, destroyed targets,
# vague attacks folded into their exact telling, 'earlier this week': actors .7883, locations .7648,
# incidents .6804, incident dates .5714, OCCURRED_NEAR .5048), then after the actor and place rules of the
# 27th afternoon session (groups NER takes for persons, bodies named again, towns in personal names:
# actors .7973, locations .7678). A little margin for the claims work alongside. Locations raised after the
# region rules of session 9 (measured .7758 on c23c16b). Actors raised after session 10's name rules
# (measured .8065 on f92c0c8). Incidents and their dates raised after session 11's incident rules
# (checkpoints, title-cased names, building blocks and closed schools; truces dated when they took effect,
# spans opened by "began in" / "since …", "now in its third year"; measured .7023 / .6267 on da02b93).
# Locations and OCCURRED_NEAR raised after session 11's place rules (compass sites, countries in names and
# titles, the town an evacuation left: measured .8061 and .5571 on e83ad33). Incidents, dates and
# OCCURRED_NEAR raised after session 12's retelling, feared-event, halted-movement and relative-date rules
# (measured .7316, .6466 and .5808 on ab94518). Locations raised after session 13's place rules (facilities
# named after their town, apposed countries, hyphenated region names, day-first datelines, routes linking
# two places: measured .8338 on 06eeb4d).
ENTITY_FLOORS = {
    "actors": 0.80,
    "locations": 0.82,
    "incidents": 0.72,
    "incident_dates": 0.63,
    "OCCURRED_NEAR": 0.56,
}


@pytest.mark.parametrize("metric", sorted(ENTITY_FLOORS))
def test_entity_regression_floor(scored: dict[str, Any], metric: str) -> None:
    score = scored["report"].micro[metric]
    assert score.f1 >= ENTITY_FLOORS[metric], f"{metric}: {score.to_dict()}"


def test_articles_are_read_as_the_eval_command_reads_them(tmp_path: Path) -> None:
    # A wire credit line after the story is site boilerplate, which the eval command drops.
    probe = tmp_path / "probe.md"
    probe.write_text(
        "---\ntitle: Test\npublished: 2025-04-14\n---\n\nTwo people were killed, police said.\n\n"
        "(Reporting by Ann Example; Editing by Bob Example)\n",
        encoding="utf-8",
    )
    text, published = _read(probe)
    assert "Reporting by" not in text and text.startswith("Two people were killed")
    assert published == date(2025, 4, 14)


def test_every_article_was_scored(scored: dict[str, Any]) -> None:
    report = scored["report"]
    assert report.missing == [] and report.unscored == []
    assert report.micro["claims"].tp > 300  # spans found across both corpora


def _named_edges(ann: dict[str, Any], etype: str) -> set[tuple[str, str]]:
    names = {a["id"]: a["name"] for a in ann["actors"]}
    quotes = {c["id"]: c["quote"] for c in ann["claims"]}
    return {
        (names[e["from"]], names.get(e["to"]) or quotes[e["to"]][:40])
        for e in ann["edges"]
        if e["type"] == etype
    }


def test_named_edges_armenia_azerbaijan(scored: dict[str, Any]) -> None:
    ann = scored["predicted"]["wire-armenia-azerbaijan-border-fire"]
    accuses = _named_edges(ann, "ACCUSES")
    assert ("Ministry of Defence of Azerbaijan", "Armed Forces of Armenia") in accuses
    assert ("Narine Harutyunyan", "Armed Forces of Azerbaijan") in accuses
    assert ("Ministry of Defence of Armenia", "Azerbaijan's Defence Ministry accused Ar") in _named_edges(
        ann, "DENIES"
    )


def test_named_edges_each_other_and_metonyms(scored: dict[str, Any]) -> None:
    kashmir = _named_edges(scored["predicted"]["wire-kashmir-loc-ceasefire"], "ACCUSES")
    assert {("India", "Pakistan"), ("Pakistan", "India")} <= kashmir
    congo = _named_edges(scored["predicted"]["cluster-1"], "ACCUSES")
    assert ("Democratic Republic of Congo", "Rwanda") in congo  # "Kinshasa accuses neighbouring Rwanda"
    assert ("Armed Forces of Democratic Republic of Congo", "Kivu Renewal Alliance") in congo
