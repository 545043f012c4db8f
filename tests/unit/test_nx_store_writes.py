"""The embedded store's write path: journal appends that fail, batched writes, O(new evidence) merges."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph.merge import MergedEvidence, merge_node
from graph.model import (
    Actor,
    ActorKind,
    ArticleGraph,
    Edge,
    EdgeType,
    Evidence,
    Incident,
    IncidentType,
    NodeKind,
    trusted,
)
from graph.nx_store import JOURNAL, NetworkXStore


def _article(n: int) -> ArticleGraph:
    """Article ``n``: its own incident, involving the one shared actor, with evidence from article n."""
    ev = [Evidence(article_id=f"art_{n:03d}", start=0, end=4, quote="Baku")]
    actor = Actor(id="act_baku", name="Baku", actor_kind=ActorKind.STATE, country="AZE", evidence=ev)
    incident = Incident(id=f"inc_{n:03d}", incident_type=IncidentType.SHELLING, evidence=ev)
    edge = Edge(type=EdgeType.INVOLVES, source=incident.id, target=actor.id, props={"role": "party"})
    return ArticleGraph(nodes=[actor, incident], edges=[edge], source_key=f"art_{n:03d}")


class _FailingJournal:
    """Writes the first half of the next line, then fails as a full disk would (no crash)."""

    def __init__(self, journal: Any) -> None:
        self.journal = journal

    def write(self, data: bytes) -> int:
        self.journal.write(data[: len(data) // 2])
        raise OSError(28, "No space left on device")

    def __getattr__(self, name: str) -> Any:
        return getattr(self.journal, name)


def test_a_failed_append_is_cut_back_so_the_next_one_starts_a_clean_line(tmp_path: Path) -> None:
    store = NetworkXStore(str(tmp_path))
    store.write_article(_article(1))
    good_size = (tmp_path / JOURNAL).stat().st_size
    real = store._journal
    store._journal = _FailingJournal(real)
    with pytest.raises(OSError, match="No space"):
        store.write_article(_article(2))
    store._journal = real
    assert (tmp_path / JOURNAL).stat().st_size == good_size  # the half line is gone
    assert store.get("inc_002") is None
    store.write_article(_article(3))
    real.close()  # as a crash would: no close(), so no snapshot; only the journal is read back
    reopened = NetworkXStore(str(tmp_path))
    try:
        assert [n.id for n in reopened.iter_nodes()] == ["act_baku", "inc_001", "inc_003"]
        assert reopened.has_source("art_003") and not reopened.has_source("art_002")
        baku = reopened.get("act_baku")
        assert baku is not None and [e.article_id for e in baku.evidence] == ["art_001", "art_003"]
    finally:
        reopened.close()


def test_write_many_journals_every_graph_and_reloads_the_same(tmp_path: Path) -> None:
    store = NetworkXStore(str(tmp_path))
    store.write_many([_article(n) for n in range(1, 6)])
    assert (tmp_path / JOURNAL).read_bytes().count(b"\n") == 5
    stats = store.stats()
    store._journal.close()  # crash: read back from the journal alone
    reopened = NetworkXStore(str(tmp_path))
    try:
        assert reopened.stats() == stats == {
            "nodes": 6, "edges": 5, "sources": 5, "Actor": 1, "Incident": 5, "INVOLVES": 5,
        }  # fmt: skip
    finally:
        reopened.close()


def test_hub_merge_keeps_sorted_unique_evidence_whatever_the_order() -> None:
    forward = NetworkXStore("memory://")
    backward = NetworkXStore("memory://")
    order = list(range(1, 41))
    for n in order:
        forward.write_article(_article(n))
    for n in reversed(order):
        backward.write_article(_article(n))
    forward.write_article(_article(7))  # a re-ingest adds nothing
    a, b = forward.get("act_baku"), backward.get("act_baku")
    assert a is not None and a == b
    assert [e.article_id for e in a.evidence] == [f"art_{n:03d}" for n in order]
    assert isinstance(a.evidence, MergedEvidence) and len(a.evidence.keys) == 40
    assert [e.model_dump() for e in forward.iter_edges()] == [e.model_dump() for e in backward.iter_edges()]


def test_merge_of_a_changed_list_falls_back_to_a_full_merge() -> None:
    """A merged list changed in place no longer matches its key set: it is merged as a plain list."""
    ev = [Evidence(article_id=f"art_{n}", quote="q") for n in (3, 1)]
    merged = merge_node(
        Actor(id="a", name="A", actor_kind=ActorKind.STATE, evidence=ev[:1]),
        Actor(id="a", name="A", actor_kind=ActorKind.STATE, evidence=ev[1:]),
    )
    assert [e.article_id for e in merged.evidence] == ["art_1", "art_3"]
    merged.evidence.append(Evidence(article_id="art_0", quote="q"))  # out of order, keys not updated
    again = merge_node(merged, Actor(id="a", name="A", actor_kind=ActorKind.STATE, evidence=[ev[0]]))
    assert [e.article_id for e in again.evidence] == ["art_0", "art_1", "art_3"]


def test_trusted_equals_validated_and_dumps_the_same() -> None:
    ev = Evidence(article_id="acled:AZE1", quote="notes")
    built = trusted(Incident, id="inc_1", incident_type=IncidentType.SHELLING, evidence=[ev], killed=2)
    checked = Incident(id="inc_1", incident_type=IncidentType.SHELLING, evidence=[ev], killed=2)
    assert built == checked and built.model_dump_json() == checked.model_dump_json()
    with pytest.raises(TypeError, match="no field colour"):
        trusted(Evidence, article_id="a", quote="q", colour="red")
    with pytest.raises(TypeError, match="'quote' is required"):
        trusted(Evidence, article_id="a")


def test_the_journal_is_folded_only_when_it_is_compact_ratio_times_the_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from graph import nx_store

    monkeypatch.setattr(nx_store, "COMPACT_EVERY", 1)
    store = NetworkXStore(str(tmp_path / "s"))
    store.write_article(_article(0))  # journal > 4 x the empty snapshot: folded at once
    sizes = []
    for n in range(1, 40):
        before = store._snapshot_size, store._journal_size
        store.write_article(_article(n))
        if store._journal_size == 0:  # this write folded the journal
            sizes.append(before)
    store.close()
    assert sizes, "a growing store folds its journal at least once"
    for snapshot, journal in sizes:
        # The journal before the write was below the ratio (else it would have been folded already)
        # and the write took it over: never a fold at 1x, as the old rule did.
        assert journal < 4 * snapshot
        assert journal > 3 * snapshot
    reopened = NetworkXStore(str(tmp_path / "s"))
    assert {n.id for n in reopened.iter_nodes()} >= {f"inc_{n:03d}" for n in range(40)}
    reopened.close()


def test_deletions_are_journal_lines_replayed_in_order_after_a_crash(tmp_path: Path) -> None:
    store = NetworkXStore(str(tmp_path))
    store.write_many([_article(n) for n in range(1, 4)])
    store.delete_nodes(["inc_002", "no_such_node"])  # its INVOLVES edge goes with it
    store.delete_edges([f"{e.id}" for e in store.edges(EdgeType.INVOLVES, source="inc_003")])
    store.write_article(_article(2))  # written again after its deletion: the order counts
    store.delete_nodes([])  # nothing to delete: no line
    assert not (tmp_path / "graph.json").exists()  # no snapshot until close
    lines = (tmp_path / JOURNAL).read_bytes().splitlines()
    assert [line[:15] for line in lines[3:5]] == [b'{"delete_nodes"', b'{"delete_edges"']
    assert len(lines) == 6
    stats = store.stats()
    store._journal.close()  # crash: read back from the journal alone
    reopened = NetworkXStore(str(tmp_path))
    try:
        assert reopened.stats() == stats == {
            "nodes": 4, "edges": 2, "sources": 3, "Actor": 1, "Incident": 3, "INVOLVES": 2,
        }  # fmt: skip
        assert sorted(e.source for e in reopened.iter_edges()) == ["inc_001", "inc_002"]
        assert reopened.find(NodeKind.INCIDENT, limit=None) == [reopened.get(f"inc_00{n}") for n in (1, 2, 3)]
    finally:
        reopened.close()
    again = NetworkXStore(str(tmp_path))  # from the snapshot the clean close wrote
    try:
        assert again.stats() == stats and not (tmp_path / JOURNAL).read_bytes()
    finally:
        again.close()


def test_an_overwrite_is_a_journal_line_replayed_in_order_after_a_crash(tmp_path: Path) -> None:
    store = NetworkXStore(str(tmp_path))
    store.write_many([_article(n) for n in range(1, 3)])
    baku = store.get("act_baku")
    assert isinstance(baku, Actor)
    renamed = baku.model_copy(update={"name": "Azerbaijan"})
    store.overwrite_nodes([renamed])
    store.write_article(_article(3))  # merges over the overwritten actor: the order counts
    lines = (tmp_path / JOURNAL).read_bytes().splitlines()
    assert lines[2].startswith(b'{"overwrite_nodes":[') and len(lines) == 4
    held = store.get("act_baku")
    stats = store.stats()
    store._journal.close()  # crash: read back from the journal alone
    reopened = NetworkXStore(str(tmp_path))
    try:
        assert reopened.get("act_baku") == held and held is not None and held.name == "Azerbaijan"
        assert reopened.stats() == stats and stats["INVOLVES"] == 3
        assert reopened.find(NodeKind.ACTOR, "Azerbaijan") == [held]
    finally:
        reopened.close()


def test_an_overwrite_that_cannot_be_journaled_changes_nothing(tmp_path: Path) -> None:
    store = NetworkXStore(str(tmp_path))
    store.write_article(_article(1))
    baku = store.get("act_baku")
    assert baku is not None
    good_size = (tmp_path / JOURNAL).stat().st_size
    real = store._journal
    store._journal = _FailingJournal(real)
    with pytest.raises(OSError, match="No space"):
        store.overwrite_nodes([baku.model_copy(update={"name": "Azerbaijan"})])
    store._journal = real
    assert (tmp_path / JOURNAL).stat().st_size == good_size
    assert store.get("act_baku") == baku
    store.close()


def test_a_deletion_that_cannot_be_journaled_deletes_nothing(tmp_path: Path) -> None:
    store = NetworkXStore(str(tmp_path))
    store.write_article(_article(1))
    good_size = (tmp_path / JOURNAL).stat().st_size
    real = store._journal
    store._journal = _FailingJournal(real)
    with pytest.raises(OSError, match="No space"):
        store.delete_nodes(["inc_001"])
    store._journal = real
    assert (tmp_path / JOURNAL).stat().st_size == good_size
    assert store.get("inc_001") is not None and store.stats()["edges"] == 1
    store.close()
