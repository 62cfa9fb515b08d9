"""Team sharing: the per-user file format, hostile files, and sync against real remotes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from kbclient.core.annotations.share import (
    parse_user_file,
    serialize_user_file,
    sync_annotations,
    user_file,
)
from kbclient.core.annotations.store import AnnotationStore
from kbclient.core.errors import AnnotationError, SyncError
from kbclient.core.sync.remote import FolderRemote
from tests.core.annotations.factory import make
from tests.core.annotations.memory_remote import MemoryRemote

T1 = "2026-11-28T10:05:00.000Z"
T2 = "2026-11-28T10:09:00.000Z"


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[dict[str, AnnotationStore]]:
    out = {name: AnnotationStore(tmp_path / f"{name}.sqlite3") for name in ("a1", "a2", "b")}
    yield out
    for st in out.values():
        st.close()


def test_file_format_is_deterministic_and_roundtrips() -> None:
    items = [make(n=3, note="注释"), make("Regulatory sandboxes", n=1, tags=["x"])]
    data = serialize_user_file(items)
    assert data == serialize_user_file(list(reversed(items)))
    lines = data.decode().splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["id"].endswith("0001")
    assert sorted(parse_user_file(data, "f"), key=lambda a: a.id) == sorted(
        items, key=lambda a: a.id
    )
    assert user_file("legal", "alice") == "annotations/legal/alice.jsonl"
    with pytest.raises(AnnotationError):
        user_file("legal", "../bob")


def test_hostile_files() -> None:
    good = serialize_user_file([make(n=1)])
    spoof = serialize_user_file([make(n=2, author="mallory")])
    data = good + b"{not json\n" + b'{"type": "Annotation"}\n' + spoof
    with pytest.raises(AnnotationError, match=r"f:2: not JSON"):
        parse_user_file(data, "f")
    problems: list[str] = []
    got = parse_user_file(data, "f", owner="alice", problems=problems)
    assert [a.id for a in got] == [make(n=1).id]
    assert [p.split(": ")[0] for p in problems] == ["f:2", "f:3", "f:4"]
    assert "mallory" in problems[2]
    with pytest.raises(AnnotationError, match="UTF-8"):
        parse_user_file(b"\xff\xfe", "f")
    with pytest.raises(AnnotationError, match="larger"):
        parse_user_file(b" " * (65 * 1024 * 1024), "f")
    deep = b"[" * 100000 + b"]" * 100000 + b"\n"
    with pytest.raises(AnnotationError, match="f:1"):
        parse_user_file(deep, "f")


def _sync(remote, st: AnnotationStore, user: str, team: str = "legal"):  # type: ignore[no-untyped-def]
    return sync_annotations(remote, st, team=team, user=user)


def test_team_sync_both_ways(stores: dict[str, AnnotationStore]) -> None:
    remote = MemoryRemote()
    alice, bob = stores["a1"], stores["b"]
    mine = alice.save(make(n=1, note="alice's"))
    theirs = bob.save(make("Regulatory sandboxes", n=2, author="bob", note="bob's"))
    r1 = _sync(remote, alice, "alice")
    assert r1.uploaded and ("MKCOL", "annotations/legal") in remote.log
    r2 = _sync(remote, bob, "bob")
    assert r2.uploaded and r2.fetched == ("annotations/legal/alice.jsonl",)
    r3 = _sync(remote, alice, "alice")
    assert r3.fetched == ("annotations/legal/bob.jsonl",) and not r3.uploaded
    assert {a.id for a in alice.all()} == {a.id for a in bob.all()} == {mine.id, theirs.id}
    # a no-op sync fetches nothing and uploads nothing
    remote.log.clear()
    r4 = _sync(remote, alice, "alice")
    assert r4.fetched == () and not r4.uploaded
    assert [op for op, _ in remote.log] == ["LIST"]
    # a deletion travels as a tombstone; bob's file never carries alice's annotations
    alice.delete(mine.id, now=T2)
    _sync(remote, alice, "alice")
    _sync(remote, bob, "bob")
    got = bob.get(mine.id)
    assert got is not None and got.deleted
    bob_file = parse_user_file(remote.files["annotations/legal/bob.jsonl"], "b")
    assert {a.author for a in bob_file} == {"bob"}


def test_same_person_two_machines_with_a_412(stores: dict[str, AnnotationStore]) -> None:
    remote = MemoryRemote()
    laptop, desktop = stores["a1"], stores["a2"]
    base = laptop.save(make(n=1, note="base"))
    _sync(remote, laptop, "alice")
    _sync(remote, desktop, "alice")
    # offline on both
    laptop.save(base.edited(note="laptop edit", now=T1))
    laptop.save(make("Regulatory sandboxes", n=2, note="laptop new"))
    desktop.save(make("监管沙盒试点", n=3, note="desktop new"))
    _sync(remote, laptop, "alice")

    # the desktop's upload races another laptop upload: 412, fetch, merge, retry
    def race(_path: str) -> None:
        laptop.save(make("real customers", n=4, note="laptop race"))
        _sync(remote, laptop, "alice")

    remote.before_put = race
    report = _sync(remote, desktop, "alice")
    assert report.uploaded and report.attempts == 2
    _sync(remote, laptop, "alice")
    for st in (laptop, desktop):
        notes = {a.id[-1]: a.note for a in st.all()}
        assert notes == {
            "1": "laptop edit",
            "2": "laptop new",
            "3": "desktop new",
            "4": "laptop race",
        }
    on_server = parse_user_file(remote.files["annotations/legal/alice.jsonl"], "x")
    assert len(on_server) == 4


def test_endless_412_gives_up_cleanly(stores: dict[str, AnnotationStore]) -> None:
    remote = MemoryRemote()
    st = stores["a1"]
    st.save(make(n=1))
    _sync(remote, st, "alice")
    st.save(make("Regulatory sandboxes", n=2))
    n = [0]

    def rival(path: str) -> None:
        n[0] += 1
        remote.write(path, serialize_user_file([make(n=100 + n[0])]))
        remote.before_put = rival

    remote.before_put = rival
    with pytest.raises(SyncError, match="attempts"):
        sync_annotations(remote, st, team="legal", user="alice", max_attempts=3)
    assert st.count() == 2 + 2  # the rivals' writes fetched meanwhile were merged
    remote.before_put = None
    _sync(remote, st, "alice")
    assert st.count() == 2 + 3  # and the last one on the next sync: nothing lost
    assert len(parse_user_file(remote.files["annotations/legal/alice.jsonl"], "x")) == 5


def test_weak_etag_same_size_rewrite_is_detected(stores: dict[str, AnnotationStore]) -> None:
    remote = MemoryRemote(weak_etags=True)
    alice, bob = stores["a1"], stores["b"]
    first = make("Regulatory sandboxes", n=2, author="bob", note="aaaa")
    remote.write("annotations/legal/bob.jsonl", serialize_user_file([first]))
    _sync(remote, alice, "alice")
    # bob rewrites in the same second with the same size: the ETag does not change
    second = make("Regulatory sandboxes", n=2, author="bob", note="bbbb")
    etag = remote.etags["annotations/legal/bob.jsonl"]
    remote.write("annotations/legal/bob.jsonl", serialize_user_file([second]))
    assert remote.etags["annotations/legal/bob.jsonl"] == etag
    remote.second += 5
    _sync(remote, alice, "alice")
    got = alice.get(second.id)
    assert got is not None and got.note in ("aaaa", "bbbb")
    # same `modified`, same author: the content digest breaks the tie, both sides agree
    bob.save(first)
    from kbclient.core.annotations.merge import winner

    assert got.note == winner(first, second).note
    del bob


def test_bad_lines_in_a_teammates_file_are_skipped_and_reported(
    stores: dict[str, AnnotationStore],
) -> None:
    remote = MemoryRemote()
    good = make(n=7, author="bob")
    remote.write(
        "annotations/legal/bob.jsonl",
        serialize_user_file([good]) + b"garbage\n" + serialize_user_file([make(n=8)]),
    )
    report = _sync(remote, stores["a1"], "alice")
    assert len(report.problems) == 2
    assert stores["a1"].get(good.id) is not None
    assert stores["a1"].get(make(n=8).id) is None  # alice's id in bob's file: refused


def test_own_file_unreadable_stops_before_overwriting(stores: dict[str, AnnotationStore]) -> None:
    remote = MemoryRemote()
    remote.write("annotations/legal/alice.jsonl", b"future format line\n")
    stores["a1"].save(make(n=1))
    with pytest.raises(AnnotationError, match=r"alice\.jsonl:1"):
        _sync(remote, stores["a1"], "alice")
    assert remote.files["annotations/legal/alice.jsonl"] == b"future format line\n"


def test_folder_remote(tmp_path: Path, stores: dict[str, AnnotationStore]) -> None:
    root = tmp_path / "share"
    root.mkdir()
    remote = FolderRemote(root)
    stores["a1"].save(make(n=1))
    stores["b"].save(make("Regulatory sandboxes", n=2, author="bob"))
    _sync(remote, stores["a1"], "alice")
    _sync(remote, stores["b"], "bob")
    _sync(remote, stores["a1"], "alice")
    assert stores["a1"].count() == stores["b"].count() == 2
    assert (root / "annotations" / "legal" / "alice.jsonl").is_file()


def test_real_wsgidav(tmp_path: Path, stores: dict[str, AnnotationStore]) -> None:
    servers = pytest.importorskip("tests.servers")
    pytest.importorskip("wsgidav")
    from kbclient.core.sync.remote import HttpRemote

    with servers.WsgiDav(tmp_path / "dav") as dav:
        remotes = [HttpRemote(dav.url, auth=dav.auth) for _ in range(3)]
        try:
            laptop, desktop, bob = remotes
            base = stores["a1"].save(make(n=1, note="base"))
            stores["b"].save(make("Regulatory sandboxes", n=2, author="bob"))
            _sync(laptop, stores["a1"], "alice")
            _sync(bob, stores["b"], "bob")
            _sync(desktop, stores["a2"], "alice")
            stores["a1"].save(base.edited(note="laptop", now=T1))
            stores["a2"].save(make("监管沙盒试点", n=3, note="desktop"))
            _sync(laptop, stores["a1"], "alice")
            _sync(desktop, stores["a2"], "alice")  # must merge the laptop's file first
            _sync(laptop, stores["a1"], "alice")
            _sync(bob, stores["b"], "bob")
            for st in stores.values():
                notes = {a.id[-1]: a.note for a in st.all()}
                assert notes == {"1": "laptop", "2": "", "3": "desktop"}, st.path
        finally:
            for r in remotes:
                r.close()
