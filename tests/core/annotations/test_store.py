"""The annotation store: saving, reading, tombstones, drafts, anchoring on open, speed."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from kbclient.core.annotations.reanchor import reanchor_document
from kbclient.core.annotations.store import AnnotationStore
from kbclient.core.errors import AnnotationError
from tests.core.annotations.factory import TEXT, make


def test_save_get_and_reopen(store: AnnotationStore, tmp_path: Path) -> None:
    a = store.save(make(note="n1", tags=["risk"], n=1))
    assert store.get(a.id) == a
    store.close()
    again = AnnotationStore(tmp_path / "annotations.sqlite3")
    try:
        got = again.get(a.id)
        assert got == a
        assert got is not None and got.anchored_start == a.anchored_start
    finally:
        again.close()


def test_wal_and_full_sync_on_its_own_file(store: AnnotationStore) -> None:
    assert store.path.name == "annotations.sqlite3"
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    store.save(make(n=1))
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL after a save
    indexes = {r[1] for r in store.db.execute("PRAGMA index_list(annotations)")}
    assert "annotations_doc" in indexes


def test_for_document_order_filters_and_tombstones(store: AnnotationStore) -> None:
    late = store.save(make("监管沙盒试点", n=1))
    early = store.save(make("Regulatory sandboxes", n=2))
    other = store.save(make("Regulatory sandboxes", doc="rn-2", n=3, author="bob"))
    assert [a.id for a in store.for_document("rn-1")] == [early.id, late.id]
    dead = store.delete(late.id, now="2026-11-28T11:00:00.000Z")
    assert dead.deleted and dead.modified == "2026-11-28T11:00:00.000Z"
    assert [a.id for a in store.for_document("rn-1")] == [early.id]
    assert {a.id for a in store.for_document("rn-1", include_deleted=True)} == {early.id, late.id}
    assert store.get(late.id) == dead  # kept as a tombstone, never hard-deleted
    assert store.documents_with_annotations() == {"rn-1": 1, "rn-2": 1}
    assert store.authors() == ["alice", "bob"]
    assert store.authors("rn-2") == ["bob"]
    assert [a.id for a in store.all()] == [early.id, other.id]
    assert len(store.all(include_deleted=True)) == 3
    with pytest.raises(AnnotationError, match="no annotation"):
        store.delete("00000000-0000-0000-0000-00000000ffff")


def test_tags_counted(store: AnnotationStore) -> None:
    store.save(make(n=1, tags=["risk", "lcr"]))
    store.save(make(n=2, tags=["risk"]))
    store.save(make(n=3, tags=["risk"], doc="rn-2"))
    assert store.tags() == {"risk": 3, "lcr": 1}
    assert store.tags("rn-2") == {"risk": 1}


def test_invalid_annotation_is_refused_and_nothing_written(store: AnnotationStore) -> None:
    import dataclasses

    good = make(n=1)
    bad = dataclasses.replace(make(n=2), colour="not a colour")
    with pytest.raises(AnnotationError):
        store.save_many([good, bad])
    assert store.count(include_deleted=True) == 0


def test_drafts_every_keystroke_and_commit(store: AnnotationStore) -> None:
    a = store.save(make(n=1, note="old"))
    for i in range(1, 40):
        store.save_draft(a.id, "new note"[: i % 9], doc=a.doc, extra={"cursor": i})
    d = store.draft(a.id)
    assert d is not None and d.doc == "rn-1" and d.extra == {"cursor": 39}
    assert [x.key for x in store.drafts("rn-1")] == [a.id]
    store.commit_draft(a.edited(note=d.text))
    assert store.draft(a.id) is None
    got = store.get(a.id)
    assert got is not None and got.note == d.text
    store.save_draft("new:rn-1", "unsaved idea", doc="rn-1")
    store.discard_draft("new:rn-1")
    assert store.drafts() == []


def test_draft_is_cheap(store: AnnotationStore) -> None:
    started = time.perf_counter()
    for i in range(200):
        store.save_draft("k", "x" * i)
    per_keystroke_ms = (time.perf_counter() - started) * 1000 / 200
    assert per_keystroke_ms < 20, per_keystroke_ms


def test_anchor_on_open_after_revision(store: AnnotationStore) -> None:
    a = store.save(make("liquidity coverage ratio", n=1))
    gone = store.save(make("监管沙盒试点于2019年启动", n=2))
    revised = "Preface.\n\n" + TEXT.replace(
        "监管沙盒试点于2019年启动，首批共有十二家机构入选。", ""
    )
    found = {x.id: x for x in store.for_document("rn-1", text=revised, version=2)}
    moved = found[a.id]
    assert moved.anchored_start is not None and moved.anchored_end is not None
    assert revised[moved.anchored_start : moved.anchored_end] == "liquidity coverage ratio"
    assert moved.text_changed and moved.anchored_version == 2
    assert moved.position == a.position  # the author's selectors are kept
    assert found[gone.id].orphaned  # kept, listed after the anchored ones
    assert list(found) == [a.id, gone.id]
    # stored: a second open does no anchoring work and gives the same state
    again = store.get(a.id)
    assert again is not None and again.anchored_start == moved.anchored_start


def test_chain_of_small_revisions_does_not_drift(store: AnnotationStore) -> None:
    text = TEXT
    quote = "must report its liquidity coverage ratio every quarter"
    a = store.save(make(quote, n=1))
    edits = [
        ("its liquidity", "its net liquidity"),
        ("every quarter", "each quarter"),
        ("must report", "shall report"),
        ("coverage ratio", "coverage rate"),
    ]
    for version, (old, new) in enumerate(edits, 2):
        text = "Revised. " + text.replace(old, new)
        report = reanchor_document(store, "rn-1", text, version)
        assert report.orphaned == (), (version, text)
    got = store.get(a.id)
    assert got is not None and got.anchored_start is not None
    assert text[got.anchored_start : got.anchored_end] == (
        "shall report its net liquidity coverage rate each quarter"
    )


def test_remote_update_keeps_anchor_unless_selectors_change(store: AnnotationStore) -> None:
    a = store.save(make(n=1))
    store.for_document("rn-1", text=TEXT, version=1)
    store.save(a.edited(note="remote edit").with_anchor(None, None, None))  # as merged
    row = store.db.execute("SELECT anchor_digest FROM annotations").fetchone()
    assert row[0] is not None
    import dataclasses

    moved = dataclasses.replace(
        a.edited(note="x"), position=dataclasses.replace(a.position, start=1)
    )
    store.save(moved.with_anchor(None, None, None))
    row = store.db.execute("SELECT anchor_digest FROM annotations").fetchone()
    assert row[0] is None


def test_threads_share_one_store(store: AnnotationStore) -> None:
    errors: list[BaseException] = []

    def work(k: int) -> None:
        try:
            for i in range(20):
                store.save(make(n=k * 100 + i))
        except BaseException as exc:  # pragma: no cover
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert store.count() == 80


def test_open_document_with_200_annotations_is_fast(tmp_path: Path) -> None:
    store = AnnotationStore(tmp_path / "a.sqlite3")
    try:
        words = [f"word{i:03d} alpha beta gamma." for i in range(400)]
        text = " ".join(words)
        store.save_many(make(f"word{i * 2:03d} alpha beta", text=text, n=i) for i in range(200))
        revised = "New first paragraph. " + text.replace("word010 alpha", "word010 ALPHA")
        started = time.perf_counter()
        found = store.for_document("rn-1", text=revised, version=2)
        took = time.perf_counter() - started
        assert len(found) == 200 and not any(a.orphaned for a in found)
        assert took < 1.0, took  # the target for re-anchoring 200
        started = time.perf_counter()
        store.for_document("rn-1", text=revised, version=2)
        assert time.perf_counter() - started < 0.2
    finally:
        store.close()


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite3"
    con = sqlite3.connect(path)
    con.execute("PRAGMA user_version = 99")
    con.close()
    with pytest.raises(AnnotationError, match="newer"):
        AnnotationStore(path)
