"""`conflictgraph ingest` passes the dataset options to the loaders: --all-codes (GDELT) keeps events of
other CAMEO codes, --extract-notes (ACLED) runs the extractor over each event's notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from conflictgraph.cli import app
from graph import open_store
from graph.model import Article, Claim, EdgeType, Incident, Stance
from graph.taxonomy import IncidentType

EVENTS = "20230919120000.export.CSV"


def _ingest(store_dir: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        app, ["ingest", "-s", str(store_dir), "--no-progress", "--no-resolve", "--json", *args]
    )
    return result.exit_code, result.output


def _refs(store_dir: Path) -> dict[str, Incident]:
    with open_store(str(store_dir)) as s:
        return {i.dataset_ref or "": i for i in s.timeline() if isinstance(i, Incident)}


def test_all_codes_keeps_other_cameo_events(tmp_path: Path) -> None:
    plain, every = tmp_path / "plain", tmp_path / "every"
    code, _ = _ingest(plain, "--format", "gdelt", str(FIXTURES / EVENTS))
    assert code == 3  # the fixture's three bad rows
    assert "1130000008" not in _refs(plain)
    code, _ = _ingest(every, "--format", "gdelt", "--all-codes", str(FIXTURES / EVENTS))
    assert code == 3
    refs = _refs(every)
    assert set(refs) == set(_refs(plain)) | {"1130000008"}
    visit = refs["1130000008"]
    assert (visit.incident_type, visit.original_type) == (IncidentType.OTHER, "CAMEO 042")


def test_dataset_options_need_their_format(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["ingest", "-s", str(tmp_path / "s"), "--format", "acled", "--all-codes", str(FIXTURES / EVENTS)]
    )
    assert result.exit_code == 2 and "--all-codes" in result.output and "gdelt" in result.output
    result = CliRunner().invoke(
        app,
        ["ingest", "-s", str(tmp_path / "s"), "--format", "ucdp", "--extract-notes", str(FIXTURES / EVENTS)],
    )
    assert result.exit_code == 2 and "--extract-notes" in result.output and "acled" in result.output


@pytest.mark.slow
def test_extract_notes_parses_the_notes_into_claims(tmp_path: Path) -> None:
    one_row = tmp_path / "one.csv"
    one_row.write_bytes(
        b"\r\n".join((FIXTURES / "acled_current.csv").read_bytes().split(b"\r\n")[:2]) + b"\r\n"
    )
    plain, notes = tmp_path / "plain", tmp_path / "notes"
    assert _ingest(plain, "--format", "acled", str(one_row))[0] == 0
    with open_store(str(plain)) as s:
        assert s.stats().get("Claim", 0) == 0  # the notes stay evidence text
    assert _ingest(notes, "--format", "acled", "--extract-notes", str(one_row))[0] == 0
    with open_store(str(notes)) as s:
        [article] = [a for a in s.iter_nodes() if isinstance(a, Article) and a.title == "ACLED AZE9001 notes"]
        # the notes article is dated by the row's upload day, after extraction
        assert (str(article.published), article.published_inferred) == ("2023-09-27", True)
        claims = [c for e, c in s.neighbours(article.id, EdgeType.REPORTED_IN, "in") if isinstance(c, Claim)]
        stances = sorted(c.stance.value for c in claims)
        assert Stance.ACCUSE.value in stances and Stance.DENY.value in stances
        accusation = next(c for c in claims if c.stance is Stance.ACCUSE)
        assert "illegal Armenian armed groups" in accusation.quote
