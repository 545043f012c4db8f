"""``ingest`` (with its resolution pass), ``merges`` and ``split`` through typer's runner, directory store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from conflictgraph.cli import app
from graph.errors import NotFound

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
runner = CliRunner()


def cluster_dir(tmp_path: Path) -> Path:
    gold = tmp_path / "gold"
    gold.mkdir()
    (tmp_path / "articles").mkdir()
    for i in range(1, 9):
        shutil.copy(CORPUS / "gold" / f"cluster-a{i}.json", gold)
        shutil.copy(CORPUS / "articles" / f"cluster-a{i}.md", tmp_path / "articles")
    return gold


def test_ingest_resolves_and_merges_lists_reasons_and_split_sticks(tmp_path: Path) -> None:
    gold = cluster_dir(tmp_path)
    store = str(tmp_path / "store")
    raw = runner.invoke(
        app, ["ingest", str(gold), "-f", "annotations", "-s", str(tmp_path / "raw"), "--no-resolve"]
    )
    assert raw.exit_code == 0, raw.output
    assert json.loads(raw.stdout)["store"]["Incident"] == 23 and "resolved" not in json.loads(raw.stdout)

    first = runner.invoke(app, ["ingest", str(gold), "-f", "annotations", "-s", store])
    assert first.exit_code == 0, first.output
    summary = json.loads(first.stdout)
    assert summary["store"]["Incident"] == 5 and summary["store"]["SAME_STORY"] == 1
    assert summary["resolved"]["incidents_merged"] == 5

    listed = runner.invoke(app, ["merges", "-s", store])
    assert listed.exit_code == 0, listed.output
    merges = json.loads(listed.stdout)
    incidents = [m for m in merges if m["kind"] == "incident"]
    assert sorted(len(m["reports"]) for m in incidents) == [2, 2, 5, 6, 8]
    shelling = next(m for m in incidents if len(m["reports"]) == 8)
    assert len(shelling["sources"]) == 8 and len(shelling["links"]) == 7
    assert all("same place" in lk["reasons"] and "type shelling" in lk["reasons"] for lk in shelling["links"])

    done = runner.invoke(app, ["split", shelling["id"], "-s", store])
    assert done.exit_code == 0, done.output
    again = runner.invoke(app, ["ingest", str(gold), "-f", "annotations", "-s", store])
    assert json.loads(again.stdout)["store"]["Incident"] == 12  # 4 merged + the 8 shelling reports apart
    rerun = runner.invoke(app, ["resolve", "-s", store])
    assert json.loads(rerun.stdout)["nodes_written"] == 0
    after = json.loads(runner.invoke(app, ["merges", "-s", store]).stdout)
    assert shelling["id"] not in {m["id"] for m in after} and len(after) == 4

    # main() turns this library error into "Error: ..." and exit 1; the runner sees the exception itself
    missing = runner.invoke(app, ["split", "inc_nothing", "-s", store])
    assert isinstance(missing.exception, NotFound)
    assert "'inc_nothing' is not a merged incident" in str(missing.exception)
