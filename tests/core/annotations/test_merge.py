"""Merging: last modified wins, ties by author, tombstones, nothing lost, drafts protected."""

from __future__ import annotations

import itertools
import random

from kbclient.core.annotations.merge import merge, merge_into_store, winner
from kbclient.core.annotations.store import AnnotationStore
from tests.core.annotations.factory import make

T0 = "2026-11-28T10:00:00.000Z"
T1 = "2026-11-28T10:05:00.000Z"
T2 = "2026-11-28T10:09:00.000Z"


def test_latest_modified_wins_and_union_kept() -> None:
    a = make(n=1)
    a_new = a.edited(note="later", now=T1)
    b = make("Regulatory sandboxes", n=2)
    c = make("监管沙盒试点", n=3, author="bob")
    out = merge([a, b], [a_new, c])
    assert [x.id for x in out] == sorted([a.id, b.id, c.id])
    assert {x.id: x for x in out}[a.id].note == "later"
    assert merge([a_new], [a]) == merge([a], [a_new])


def test_tie_broken_by_author_then_tombstone() -> None:
    a = make(n=1, author="alice")
    b = make(n=1, author="bob")  # same id and time, another author
    assert winner(a, b).author == "bob" and winner(b, a).author == "bob"
    live = make(n=1).edited(note="x", now=T1)
    dead = make(n=1).tombstone(now=T1)
    assert winner(live, dead).deleted and winner(dead, live).deleted
    # a later edit beats an earlier deletion (and the other way round)
    assert not winner(dead, make(n=1).edited(note="y", now=T2)).deleted
    assert winner(live, make(n=1).tombstone(now=T2)).deleted


def test_merge_is_commutative_associative_idempotent() -> None:
    rng = random.Random(7)
    versions = []
    for i in range(30):
        base = make(n=rng.randrange(8), author=rng.choice(["alice", "bob"]))
        t = f"2026-11-28T10:{rng.randrange(3):02d}:00.000Z"
        versions.append(
            base.tombstone(now=t) if rng.random() < 0.3 else base.edited(note=str(i), now=t)
        )
    sides = [versions[0:10], versions[10:20], versions[20:30]]
    results = set()
    for x, y, z in itertools.permutations(sides):
        results.add(tuple(a.shared_key() for a in merge(merge(x, y), z)))
        results.add(tuple(a.shared_key() for a in merge(x, merge(y, z))))
    assert len(results) == 1
    once = merge(sides[0], sides[1])
    assert merge(once, once) == once


def test_same_person_two_machines_offline_nothing_lost(tmp_path) -> None:  # type: ignore[no-untyped-def]
    laptop = AnnotationStore(tmp_path / "laptop.sqlite3")
    desktop = AnnotationStore(tmp_path / "desktop.sqlite3")
    try:
        shared = make(n=1, note="first")
        laptop.save(shared)
        desktop.save(shared)
        # offline: the laptop edits the shared note and adds one; the desktop adds two and
        # deletes nothing; both edit different annotations
        laptop.save(shared.edited(note="edited on laptop", now=T1))
        laptop.save(make("Regulatory sandboxes", n=2, note="laptop new"))
        desktop.save(make("监管沙盒试点", n=3, note="desktop new"))
        desktop.save(make("real customers", n=4, note="desktop new 2"))
        merge_into_store(laptop, desktop.all(include_deleted=True))
        merge_into_store(desktop, laptop.all(include_deleted=True))
        for st in (laptop, desktop):
            notes = {a.id[-1]: a.note for a in st.all()}
            assert notes == {
                "1": "edited on laptop",
                "2": "laptop new",
                "3": "desktop new",
                "4": "desktop new 2",
            }
        assert [a.shared_key() for a in laptop.all(True)] == [
            a.shared_key() for a in desktop.all(True)
        ]
    finally:
        laptop.close()
        desktop.close()


def test_a_note_being_edited_is_not_overwritten(store: AnnotationStore) -> None:
    a = store.save(make(n=1, note="v1"))
    store.save_draft(a.id, "typing a longer note…", doc=a.doc)
    remote = a.edited(note="changed on the other machine", now=T1)
    report = merge_into_store(store, [remote])
    assert report.updated == (a.id,)
    [conflict] = report.conflicts
    assert conflict.kind == "edited" and conflict.draft == "typing a longer note…"
    assert conflict.remote.note == "changed on the other machine"
    draft = store.draft(a.id)
    assert draft is not None and draft.text == "typing a longer note…"  # never touched
    stored = store.get(a.id)
    assert stored is not None and stored.note == "changed on the other machine"
    # saving the draft makes the newer edit: it wins the next merge everywhere
    mine = store.commit_draft(stored.edited(note=draft.text, now=T0))
    assert mine.modified > remote.modified
    assert winner(mine, remote) is mine


def test_remote_deletion_of_a_note_being_edited_is_a_conflict(store: AnnotationStore) -> None:
    a = store.save(make(n=1, note="v1"))
    store.save_draft(a.id, "still writing")
    report = merge_into_store(store, [a.tombstone(now=T1)])
    assert [c.kind for c in report.conflicts] == ["deleted"]
    stored = store.get(a.id)
    assert stored is not None and stored.deleted
    revived = store.commit_draft(stored.edited(note="still writing"))
    assert not revived.deleted and revived.note == "still writing"


def test_merging_older_remote_changes_nothing(store: AnnotationStore) -> None:
    a = make(n=1)
    newer = store.save(a.edited(note="new", now=T2))
    report = merge_into_store(store, [a, a.edited(note="mid", now=T1)])
    assert report.unchanged == 1 and report.updated == () and report.added == ()
    assert store.get(a.id) == newer
