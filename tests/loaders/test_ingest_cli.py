"""The extract / ingest / eval commands through typer's runner, on the real embedded store."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictgraph.cli import app
from graph import open_store
from graph.model import Article, Claim, NodeKind

# ../shared beside the clone (CI keeps a copy there), or $CONFLICTGRAPH_SHARED, as in tests/conftest.py.
SHARED = Path(os.environ.get("CONFLICTGRAPH_SHARED") or Path(__file__).resolve().parents[2].parent / "shared")
DEV = SHARED / "dev-corpus"
needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="shared dev corpus not mounted")

runner = CliRunner()

RAW = """WORLD
Governor accuses militia of shelling river port
Governor accuses militia of shelling river port
The governor of Vostra province accused the Black Ridge militia on Tuesday of shelling the river port \
of Ostrava, killing three dock workers.

The Black Ridge militia denied the accusation, calling it baseless.
Share on Twitter
Our readers are reading too
Elections set for spring
"""


def bad_and_good(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    (src / "image.txt").write_bytes(b"\x89PNG\x00\x00\x00")
    (src / "latin.txt").write_bytes("Caf\xe9 hit".encode("latin-1"))
    (src / "broken.json").write_text('{"text": ', encoding="utf-8")
    (src / "notext.jsonl").write_text('{"title": "nothing"}\n', encoding="utf-8")
    with (src / "huge.txt").open("wb") as fh:  # refused on its size, before any byte is read
        fh.truncate(6 * 1024 * 1024)
    return src


def test_bad_inputs_only_exit_3_with_one_line_each(tmp_path: Path) -> None:
    src = bad_and_good(tmp_path)
    result = runner.invoke(app, ["ingest", str(src), "--store", str(tmp_path / "store")])
    assert result.exit_code == 3, result.output
    assert result.stderr.splitlines() == [
        f"{src / 'broken.json'}:1: broken JSON: Expecting value (column 10)",
        f"{src / 'empty.txt'}: empty file",
        f"{src / 'huge.txt'}: 6.0 MB is over the 5.0 MB limit",
        f"{src / 'image.txt'}: binary file (NUL bytes), not text",
        f"{src / 'latin.txt'}: undecodable text: not UTF-8 (byte 0xe9 at offset 3)",
        f"{src / 'notext.jsonl'}:1: record has no text",
    ]
    summary = json.loads(result.stdout)
    assert (summary["read"], summary["written"], len(summary["rejected"])) == (0, 0, 6)


@needs_dev
def test_annotations_with_a_broken_file_exit_3_and_rerun_is_stable(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (tmp_path / "articles").mkdir()
    for name in ("wire-kharkiv-shelling", "wire-mali-convoy-ambush"):
        shutil.copy(DEV / "gold" / f"{name}.json", gold)
        shutil.copy(DEV / "articles" / f"{name}.md", tmp_path / "articles")
    (gold / "zz.json").write_text("[1, 2", encoding="utf-8")
    store = str(tmp_path / "store")
    first = runner.invoke(app, ["ingest", str(gold), "--format", "annotations", "--store", store])
    assert first.exit_code == 3
    assert first.stderr.strip() == f"{gold / 'zz.json'}:1: broken JSON: Expecting ',' delimiter"
    s1 = json.loads(first.stdout)
    assert (s1["written"], s1["store"]["sources"], s1["store"]["Claim"]) == (2, 2, 13)
    second = runner.invoke(app, ["ingest", str(gold), "--format", "annotations", "--store", store])
    s2 = json.loads(second.stdout)
    assert second.exit_code == 3
    assert (s2["written"], s2["skipped"], s2["store"]) == (0, 2, s1["store"])


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    bad_date = runner.invoke(app, ["ingest", str(tmp_path), "--published", "last week", "-s", "memory://"])
    assert bad_date.exit_code == 2 and "is not a date" in bad_date.output
    bad_fmt = runner.invoke(app, ["ingest", str(tmp_path), "--format", "pdf", "-s", "memory://"])
    assert bad_fmt.exit_code == 2 and "'pdf' is not one of" in bad_fmt.output


# --- with the real extractor ---------------------------------------------------------------------


def test_extract_prints_annotation_json_with_offsets_into_the_cleaned_text(tmp_path: Path) -> None:
    path = tmp_path / "port.txt"
    path.write_text(RAW, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--published", "2024-03-07"])
    assert result.exit_code == 0, result.output
    ann = json.loads(result.stdout)
    assert (ann["article"], ann["published"]) == ("port", "2024-03-07")
    from loaders.sources import read_file

    [article] = read_file(path)
    assert isinstance(article, Article)
    assert "Our readers" not in article.text and not article.text.startswith("WORLD")
    assert ann["claims"], "the accusation and the denial are claims"
    for claim in ann["claims"]:
        ev = claim["evidence"]
        assert article.text[ev["start"] : ev["end"]] == claim["quote"]
    stances = sorted(c["stance"] for c in ann["claims"])
    assert "accuse" in stances and "deny" in stances


def test_ingest_text_end_to_end_then_rerun_changes_nothing(tmp_path: Path) -> None:
    src = bad_and_good(tmp_path)
    (src / "port.txt").write_text(RAW, encoding="utf-8")
    (src / "port.meta.json").write_text(json.dumps({"published": "2024-03-07", "outlet": "Delta Wire"}))
    (src / "talks.md").write_text(
        "---\ntitle: Talks\npublished: 2024-03-08\n---\n"
        "The Vostra government said on Friday that talks with the Black Ridge militia would resume "
        "next week.\n",
        encoding="utf-8",
    )
    store = str(tmp_path / "store")
    first = runner.invoke(app, ["ingest", str(src), "--store", store, "--processes", "1"])
    assert first.exit_code == 3, first.output
    assert len(first.stderr.splitlines()) == 6
    s1 = json.loads(first.stdout)
    assert (s1["read"], s1["written"], s1["skipped"]) == (2, 2, 0)
    with open_store(store) as s:
        arts = {a.title: a for a in s.iter_nodes(NodeKind.ARTICLE) if isinstance(a, Article)}
        claims = [c for c in s.iter_nodes(NodeKind.CLAIM) if isinstance(c, Claim)]
        stats = s.stats()
    port = arts["Governor accuses militia of shelling river port"]
    assert port.published is not None and port.published.isoformat() == "2024-03-07"
    assert port.outlet == "Delta Wire"
    assert [d.reason for d in port.dropped] == [
        "section label",
        "repeated title",
        "share line",
        "trailing boilerplate",
    ]
    assert claims and all(
        port.text[e.start : e.end] == e.quote
        for c in claims
        for e in c.evidence
        if e.article_id == port.id and e.start is not None and e.end is not None
    )
    second = runner.invoke(app, ["ingest", str(src), "--store", store])
    s2 = json.loads(second.stdout)
    assert (s2["written"], s2["skipped"], s2["store"]) == (0, 2, stats)


def test_ingest_of_a_directory_that_holds_the_store_never_reads_the_store(tmp_path: Path) -> None:
    (tmp_path / "port.txt").write_text(RAW, encoding="utf-8")
    # The store's default place is ./conflictgraph-data, so `conflictgraph ingest .` puts it inside the
    # input directory: its graph.json and journal.jsonl must not come back as (rejected) articles.
    store = str(tmp_path / "conflictgraph-data")
    for run in range(2):
        result = runner.invoke(app, ["ingest", str(tmp_path), "--store", store, "--processes", "1"])
        assert result.exit_code == 0, result.output
        summary = json.loads(result.stdout)
        assert (summary["read"], summary["written"], summary["skipped"]) == (1, 1 - run, run)
        assert summary["rejected"] == [] and result.stderr == ""
    # Writing elsewhere (another store), the embedded store left in the inputs is still not read.
    other = str(tmp_path.parent / f"{tmp_path.name}-other")
    result = runner.invoke(app, ["ingest", str(tmp_path), "--store", other, "--processes", "1"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["written"] == 1 and result.stderr == ""


@needs_dev
def test_eval_on_two_dev_articles_prints_every_metric(tmp_path: Path) -> None:
    gold, articles = tmp_path / "gold", tmp_path / "articles"
    gold.mkdir()
    articles.mkdir()
    for name in ("wire-armenia-azerbaijan-border-fire", "wire-kharkiv-shelling"):
        shutil.copy(DEV / "gold" / f"{name}.json", gold)
        shutil.copy(DEV / "articles" / f"{name}.md", articles)
    result = runner.invoke(app, ["eval", "--gold", str(gold), "--articles", str(articles), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert sorted(data["per_article"]) == ["wire-armenia-azerbaijan-border-fire", "wire-kharkiv-shelling"]
    assert data["missing"] == []
    # Gold sizes: 8 + 7 claims, 3 + 1 ACCUSES.
    assert data["micro"]["claims"]["tp"] + data["micro"]["claims"]["fn"] == 15
    assert data["micro"]["ACCUSES"]["tp"] + data["micro"]["ACCUSES"]["fn"] == 4
    assert data["micro"]["actors"]["tp"] > 0
    table = runner.invoke(app, ["eval", "--gold", str(gold), "--articles", str(articles)])
    assert table.exit_code == 0 and "attributed_claims" in table.stdout


ACLED = """event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,latitude,longitude,location,\
country,fatalities,notes,time_precision
RUR1,2024-03-02,Battles,Armed clash,Military Forces of Ruritania,Rebels,45.1,20.2,Strelsau,Serbia,3,Clash.,1
RUR2,2024-03-03,Explosions/Remote violence,Shelling/artillery/missile attack,Rebels,Civilians,45.2,20.3,\
Zenda,Serbia,0,Shells hit a farm.,1
RUR3,not a date,Battles,Armed clash,X,Y,45.2,20.3,Zenda,Serbia,0,,1
"""


def test_dataset_format_goes_to_the_dataset_reader(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(ACLED, encoding="utf-8")
    store = str(tmp_path / "store")
    first = runner.invoke(app, ["ingest", str(path), "--format", "acled", "--store", store])
    assert first.exit_code == 3
    assert first.stderr.splitlines() == [
        f"{path}:4: event_date 'not a date' is not a date " + "(expected 2023-09-19 or 19 September 2023)"
    ]
    s1 = json.loads(first.stdout)
    assert (s1["written"], s1["store"]["Incident"], s1["store"]["sources"]) == (2, 2, 2)
    second = json.loads(
        runner.invoke(app, ["ingest", str(path), "--format", "acled", "--store", store]).stdout
    )
    assert (second["written"], second["skipped"], second["store"]) == (0, 2, s1["store"])


def test_extract_of_a_multi_record_file_prints_a_list_or_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    path.write_text(
        json.dumps(
            {"text": "The mayor of Ostrava said on Monday the port was closed.", "published": "2024-04-02"}
        )
        + "\n{broken\n"
        + json.dumps({"text": "The Black Ridge militia denied shelling the port.", "published": "2024-04-03"})
        + "\n",
        encoding="utf-8",
    )
    listed = runner.invoke(app, ["extract", str(path)])
    assert listed.exit_code == 3
    assert listed.stderr.splitlines() == [
        f"{path}:2: broken JSON: Expecting property name enclosed in double quotes (column 2)"
    ]
    data = json.loads(listed.stdout)
    assert [(d["article"], d["published"]) for d in data] == [
        ("wire#1", "2024-04-02"),
        ("wire#2", "2024-04-03"),
    ]
    lines = runner.invoke(app, ["extract", str(path), "--jsonl"]).stdout.splitlines()
    assert [json.loads(x)["article"] for x in lines] == ["wire#1", "wire#2"]
