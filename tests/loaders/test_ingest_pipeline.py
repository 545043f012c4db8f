"""Ingest orchestration on the real embedded store: ledger skips, idempotence, bad input, recovery.

The NLP extractor is not under test here: the plumbing tests hand ``ingest`` an extractor that turns an
article into its bare graph (the article node alone), so they run without spaCy. End-to-end runs with
the real extractor are in test_ingest_cli.py.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from graph import open_store
from graph.model import Article, ArticleGraph, NodeKind
from loaders.pipeline import IngestReport, ingest

# ../shared beside the clone (CI keeps a copy there), or $CONFLICTGRAPH_SHARED, as in tests/conftest.py.
SHARED = Path(os.environ.get("CONFLICTGRAPH_SHARED") or Path(__file__).resolve().parents[2].parent / "shared")
DEV = SHARED / "dev-corpus"
NAMES = ("wire-armenia-azerbaijan-border-fire", "wire-kharkiv-shelling", "wire-mali-convoy-ambush")

needs_dev = pytest.mark.skipif(not DEV.is_dir(), reason="shared dev corpus not mounted")


class BareExtractor:
    """Article in, graph of the article node alone out; raises on texts containing BOOM."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def extract(self, article: Article) -> ArticleGraph:
        self.seen.append(article.id)
        if "BOOM" in article.text:
            raise RuntimeError("parser blew up")
        return ArticleGraph(article=article, source_key=article.id)

    def extract_many(
        self, articles: Iterable[Article], n_process: int = 1, batch_size: int = 32
    ) -> Iterator[ArticleGraph]:
        for a in articles:
            yield self.extract(a)


def annotations_dir(tmp_path: Path, names: Iterable[str] = NAMES) -> Path:
    (tmp_path / "gold").mkdir()
    (tmp_path / "articles").mkdir()
    for name in names:
        shutil.copy(DEV / "gold" / f"{name}.json", tmp_path / "gold")
        shutil.copy(DEV / "articles" / f"{name}.md", tmp_path / "articles")
    return tmp_path / "gold"


@needs_dev
def test_annotations_ingest_then_rerun_changes_nothing(tmp_path: Path) -> None:
    gold = annotations_dir(tmp_path)
    store_dir = tmp_path / "store"
    with open_store(str(store_dir)) as store:
        first = ingest([gold], store, fmt="annotations", progress=False)
        stats = store.stats()
    assert (first.read, first.written, first.skipped, first.rejected) == (3, 3, 0, [])
    assert stats["sources"] == 3 and stats["Article"] == 3
    # Claims of the three gold files: 8 + 7 + 6.
    assert stats["Claim"] == 21
    assert first.nodes_written > 0 and first.edges_written > 0
    with open_store(str(store_dir)) as store:
        second = ingest([gold], store, fmt="annotations", progress=False)
        assert store.stats() == stats
    assert (second.read, second.written, second.skipped, second.nodes_written) == (3, 0, 3, 0)


@needs_dev
def test_ledger_skips_what_is_committed(tmp_path: Path) -> None:
    gold = annotations_dir(tmp_path)
    with open_store("memory://") as store:
        ingest([gold / f"{NAMES[0]}.json"], store, fmt="annotations", progress=False)
        report = ingest([gold], store, fmt="annotations", progress=False)
        assert (report.read, report.written, report.skipped) == (3, 2, 1)
        assert store.stats()["sources"] == 3


@needs_dev
def test_broken_annotation_is_one_line_and_the_rest_ingests(tmp_path: Path) -> None:
    gold = annotations_dir(tmp_path, NAMES[:2])
    (gold / "broken.json").write_text('{"article": "x",\n "actors": [', encoding="utf-8")
    with open_store("memory://") as store:
        report = ingest([gold], store, fmt="annotations", progress=False)
        assert store.stats()["sources"] == 2
    assert report.rejected == [f"{gold / 'broken.json'}:2: broken JSON: Expecting value"]
    assert report.exit_code == 3


def text_inputs(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("The mayor said the bridge was reopened on Friday.\n", encoding="utf-8")
    (src / "b.jsonl").write_text(
        json.dumps({"text": "Police said two roads were closed.", "published": "2024-05-03"})
        + "\n"
        + json.dumps({"text": "Police said two roads were closed."})  # same text: same article
        + "\n{not json\n",
        encoding="utf-8",
    )
    (src / "c.txt").write_bytes(b"")
    (src / "d.bin.txt").write_bytes(b"\x00\x01\x02 binary")
    return src


def test_text_inputs_stream_through_with_bad_ones_reported(tmp_path: Path) -> None:
    src = text_inputs(tmp_path)
    extractor = BareExtractor()
    events: list[str] = []
    with open_store(str(tmp_path / "store")) as store:
        report = ingest(
            [src],
            store,
            progress=lambda event, r: events.append(event),
            extractor=extractor,  # type: ignore[arg-type]
        )
        articles = list(store.iter_nodes(NodeKind.ARTICLE))
    assert report.rejected == [
        f"{src / 'b.jsonl'}:3: broken JSON: Expecting property name enclosed in double quotes (column 2)",
        f"{src / 'c.txt'}: empty file",
        f"{src / 'd.bin.txt'}: binary file (NUL bytes), not text",
    ]
    assert (report.read, report.written, report.skipped) == (3, 2, 1)
    assert sorted(a.text for a in articles if isinstance(a, Article)) == [
        "Police said two roads were closed.",
        "The mayor said the bridge was reopened on Friday.",
    ]
    assert events.count("file") == 4 and events.count("write") == 2
    assert all(isinstance(a, Article) and a.ingested_at is not None for a in articles)


def test_rerun_and_resume_use_the_ledger(tmp_path: Path) -> None:
    src = text_inputs(tmp_path)
    store_dir = str(tmp_path / "store")
    with open_store(store_dir) as store:
        ingest([src / "a.txt"], store, progress=False, extractor=BareExtractor())  # a partial first run
    extractor = BareExtractor()
    with open_store(store_dir) as store:
        report = ingest([src], store, progress=False, extractor=extractor)
        stats = store.stats()
    assert (report.written, report.skipped) == (1, 2)
    assert len(extractor.seen) == 1  # the committed article was not extracted again
    again = BareExtractor()
    with open_store(store_dir) as store:
        report = ingest([src], store, progress=False, extractor=again)
        assert store.stats() == stats
    assert (report.written, report.skipped, again.seen) == (0, 3, [])


def test_an_article_the_extractor_fails_on_is_rejected_and_the_run_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i, text in enumerate(["First calm report.", "Second BOOM report.", "Third calm report."]):
        (src / f"{i}.txt").write_text(text, encoding="utf-8")
    with open_store("memory://") as store:
        report = ingest([src], store, progress=False, extractor=BareExtractor())
        texts = sorted(a.text for a in store.iter_nodes(NodeKind.ARTICLE) if isinstance(a, Article))
    assert texts == ["First calm report.", "Third calm report."]
    assert report.rejected == [f"{src / '1.txt'}: extraction failed: RuntimeError: parser blew up"]


def test_published_override_reaches_the_store(tmp_path: Path) -> None:
    src = text_inputs(tmp_path)
    with open_store("memory://") as store:
        ingest([src / "b.jsonl"], store, published="2024-06-30", progress=False, extractor=BareExtractor())
        [art] = store.iter_nodes(NodeKind.ARTICLE)
    assert isinstance(art, Article) and art.published is not None
    assert art.published.isoformat() == "2024-06-30" and art.extra["published_source"] == "override"


def test_unknown_format_is_refused() -> None:
    with open_store("memory://") as store, pytest.raises(ValueError, match="unknown format 'pdf'"):
        ingest([], store, fmt="pdf", progress=False)


def test_report_json_form() -> None:
    r = IngestReport(read=2, written=1, skipped=1, rejected=["x: empty file"])
    assert r.to_dict()["rejected"] == ["x: empty file"] and r.exit_code == 3
