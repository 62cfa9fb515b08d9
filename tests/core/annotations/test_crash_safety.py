"""Kill -9 during a save and during a merge: nothing saved before is lost, and the change in
flight is either wholly there or not at all. The child (`crash_child.py`) counts hook
events (transaction enter/leave, row writes, SQLite commit); a first run without a kill
gives the count, then the child is killed at every event in turn.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kbclient.core.annotations.model import create_annotation
from kbclient.core.annotations.share import serialize_user_file
from kbclient.core.annotations.store import AnnotationStore

CHILD = Path(__file__).with_name("crash_child.py")
TEXT = "Each firm must report its liquidity coverage ratio every quarter to the supervisor."


def _seed(path: Path, n: int = 5) -> dict[str, str]:
    st = AnnotationStore(path)
    try:
        for i in range(n):
            st.save(
                create_annotation(
                    TEXT,
                    i,
                    20 + i,
                    doc="rn-1",
                    doc_version=1,
                    author="alice",
                    team="t",
                    note=f"old {i}",
                    now=f"2026-11-28T10:00:0{i}.000Z",
                )
            )
        return {a.id: a.note for a in st.all()}
    finally:
        st.close()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CHILD), *args], capture_output=True, text=True, timeout=120
    )


def _notes(path: Path) -> dict[str, str]:
    st = AnnotationStore(path)
    try:
        assert st.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return {a.id: a.note for a in st.all()}
    finally:
        st.close()


def _count_events(*args: str) -> int:
    done = _run(*args)
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip().splitlines()[-1].split()[1])


def test_kill_during_save(tmp_path: Path) -> None:
    seed = tmp_path / "seed.sqlite3"
    before = _seed(seed)
    total = _count_events(str(_copy(seed, tmp_path / "count.sqlite3")), "save", "0")
    assert total >= 40
    for point in _points(total):
        db = _copy(seed, tmp_path / f"kill-{point}.sqlite3")
        done = _run(str(db), "save", str(point))
        assert done.returncode == -9, (point, done.stderr)
        after = _notes(db)
        saved: dict[str, str] = {}
        in_flight: tuple[str, str] | None = None
        for line in done.stdout.splitlines():
            kind, ident, note = line.split(" ", 2)
            if kind == "saved":
                saved[ident] = note
                in_flight = None
            else:
                in_flight = (ident, note)
        for ident, note in before.items():  # everything saved before the child ran
            assert ident in after, point
            if ident not in saved and (in_flight is None or in_flight[0] != ident):
                assert after[ident] == note
        for ident, note in saved.items():  # every save that returned
            assert after.get(ident) == note, (point, ident)
        if in_flight is not None:  # the one being saved: old or new, never half
            ident, note = in_flight
            assert after.get(ident) in (before.get(ident), note), (point, after.get(ident))


def test_kill_during_merge(tmp_path: Path) -> None:
    seed = tmp_path / "seed.sqlite3"
    before = _seed(seed)
    st = AnnotationStore(seed)
    try:
        local = st.all()
    finally:
        st.close()
    remote = [a.edited(note="remote " + a.note, now="2026-11-28T11:00:00.000Z") for a in local[:3]]
    remote += [
        create_annotation(
            TEXT,
            30 + i,
            50 + i,
            doc="rn-2",
            doc_version=1,
            author="alice",
            team="t",
            note=f"remote new {i}",
        )
        for i in range(20)
    ]
    remote_file = tmp_path / "remote.jsonl"
    remote_file.write_bytes(serialize_user_file(remote))
    merged = {a.id: a.note for a in local} | {a.id: a.note for a in remote}
    total = _count_events(
        str(_copy(seed, tmp_path / "count.sqlite3")), "merge", "0", str(remote_file)
    )
    assert total >= 20
    outcomes = set()
    for point in _points(total):
        db = _copy(seed, tmp_path / f"kill-{point}.sqlite3")
        done = _run(str(db), "merge", str(point), str(remote_file))
        assert done.returncode == -9, (point, done.stderr)
        after = _notes(db)
        assert after in (before, merged), point  # one transaction: all or nothing
        outcomes.add("new" if after == merged else "old")
    assert outcomes == {"old", "new"}  # killed both before and after the commit


def _points(total: int, most: int = 30) -> list[int]:
    """Kill points spread over the run, always with the first and last few events."""
    step = max(1, total // most)
    return sorted(set(range(1, total + 1, step)) | {1, 2, 3, total - 2, total - 1, total})


def _copy(src: Path, dst: Path) -> Path:
    shutil.copy(src, dst)
    for suffix in ("-wal", "-shm"):
        extra = Path(str(src) + suffix)
        if extra.exists():
            shutil.copy(extra, Path(str(dst) + suffix))
    return dst


pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
