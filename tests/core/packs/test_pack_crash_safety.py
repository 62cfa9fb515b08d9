"""Issue 4, crash safety: SIGKILL the importing process at ≥ 20 points spread over the import.

A data dir holds pack `p` v1 (200 documents). A child process (`crash_harness.py`) imports
v2 — the full pack, or a delta (30 changed, 10 added, 10 removed) — with test-only hooks
that count events (blob writes, progress, Whoosh commits, the SQLite transaction and its
COMMIT, renames, deletions, index-part calls) and kill the child at the N-th. A first run
without a kill counts the events; the kill points are the first and last event of every
kind plus evenly spread ones. After each kill a fresh open (which repairs) must find
exactly v1 or exactly v2 — document set, blobs and texts of that version, index agreeing
(`check_index()` is [], `kbclient index check` exits 0, a word only v2 has is found iff v2
is installed, a word only v1 has iff v1) — and importing the pack again must work.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from kbclient.core.documents import parse_document
from kbclient.core.errors import PackError
from kbclient.core.kb import KnowledgeBase
from kbclient.core.packs import minisign
from kbclient.core.packs.build import build_pack
from kbclient.core.packs.importer import import_pack
from kbclient.core.packs.trust import TrustStore
from kbclient.core.paths import DataPaths
from kbclient.core.search import SearchIndex

HARNESS = Path(__file__).with_name("crash_harness.py")
REPO = Path(__file__).resolve().parents[3]
PACK = "p"
N_DOCS = 200
CHANGED = range(0, 30)
REMOVED = range(190, 200)
ADDED = range(200, 210)
V1_WORD = "wombatvone"  # only in v1 of the changed and removed documents
V2_WORD = "quokkavtwo"  # only in v2 of the changed and added documents
MIN_POINTS = 20
WORKERS = 2

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _doc(i: int, version: int) -> bytes:
    extra = ""
    if i in CHANGED or i in REMOVED or i in ADDED:
        extra = f" {V2_WORD} revision two" if version == 2 else f" {V1_WORD} first edition"
    body = (
        f"Document number {i} on settlement rules and reporting duties.{extra}\n\n"
        f"Section {i % 7}: filler text about ledgers, audits and item{i:04d}."
    )
    title = f"Doc {i:04d}" + (" revised" if version == 2 and i in CHANGED else "")
    updated = "2024-02-01" if version == 2 and i in CHANGED else "2024-01-01"
    return (
        f"---\nid: d{i:04d}\ntitle: {title}\nupdated: {updated}\n---\n# {title}\n\n{body}\n"
    ).encode()


def _version_docs(version: int) -> dict[str, bytes]:
    if version == 1:
        ids = range(N_DOCS)
    else:
        ids = [i for i in range(N_DOCS) if i not in REMOVED] + list(ADDED)
    return {f"d{i:04d}": _doc(i, version) for i in ids}


def _source(root: Path, version: int) -> Path:
    src = root / f"src-v{version}"
    src.mkdir()
    meta = {"pack": PACK, "title": "Crash pack", "version": version, "publisher": "Tests"}
    (src / "pack.json").write_text(json.dumps(meta), "utf-8")
    for doc_id, raw in _version_docs(version).items():
        (src / f"{doc_id}.md").write_bytes(raw)
    return src


@dataclass
class World:
    root: Path
    pristine: Path
    packs: dict[str, Path]
    expected: dict[int, dict[str, bytes]]  # version -> {doc id: raw bytes}


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    root = tmp_path_factory.mktemp("crash")
    key = minisign.generate_key()
    v1 = build_pack(_source(root, 1), root / "p-1.kbpack", sign_key=key, with_index=False)
    src2 = _source(root, 2)
    packs = {
        "full": build_pack(src2, root / "p-2.kbpack", sign_key=key, with_index=False).path,
        "delta": build_pack(src2, root / "p-1-2.kbpack", sign_key=key, base=v1.path).path,
    }
    if hasattr(SearchIndex, "adopt_part"):
        packs["prebuilt"] = build_pack(
            src2, root / "p-2-index.kbpack", sign_key=key, with_index=True
        ).path
    pristine = root / "pristine"
    TrustStore(DataPaths(pristine).trust).add(key.public_key())
    with KnowledgeBase.open(pristine, install_builtin=False) as kb:
        import_pack(kb, v1.path)
        assert kb.pack(PACK) is not None and kb.pack(PACK).version == 1  # type: ignore[union-attr]
    return World(root, pristine, packs, {1: _version_docs(1), 2: _version_docs(2)})


def _run_harness(data: Path, pack: Path, kill_at: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(HARNESS), str(data), str(pack), str(kill_at)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )


def _fresh_copy(world: World, name: str) -> Path:
    data = world.root / "runs" / name
    if data.exists():
        shutil.rmtree(data)
    shutil.copytree(world.pristine, data)
    return data


def _count_events(world: World, kind: str) -> list[str]:
    data = _fresh_copy(world, f"{kind}-count")
    proc = _run_harness(data, world.packs[kind], 0)
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["version"] == 2
    shutil.rmtree(data)
    return list(out["events"])


def kill_points(labels: list[str], minimum: int = MIN_POINTS) -> list[int]:
    """1-based event numbers to kill at: every event of the switch phase, a sample before.

    The switch phase runs from the first index-part call (build, derive or adopt) to the
    end: the new part, the transaction and its COMMIT, deleting the old part. Before it
    (verification, blob writes), where nothing but scratch files and unreferenced blobs
    are written, the first and the last event of every kind and the middle suffice;
    evenly spread points are added while there are fewer than `minimum` in all.
    """
    n = len(labels)
    phase = next(
        (i for i, lb in enumerate(labels, 1) if lb.startswith("SearchIndex.") and "part:" in lb),
        n + 1,
    )
    points = {i for i in range(phase, n + 1) if labels[i - 1] != "progress"}
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for i, label in enumerate(labels[: phase - 1], 1):
        first.setdefault(label, i)
        last[label] = i
    points.update(first.values())
    points.update(last.values())
    points.add(max(1, phase // 2))
    spread = 3
    while len(points) < minimum and spread <= n:
        points.update(1 + round(k * (n - 1) / (spread - 1)) for k in range(spread))
        spread += 2
    return sorted(p for p in points if 1 <= p <= n)


def _check_state(world: World, data: Path, kind: str, point: int, label: str) -> int:
    """Open (repairing) and assert the data dir holds exactly v1 or v2; returns which."""
    where = f"{kind} pack, killed at event {point} ({label})"
    with KnowledgeBase.open(data, install_builtin=False) as kb:
        info = kb.pack(PACK)
        assert info is not None, f"{where}: pack gone"
        version = info.version
        assert version in (1, 2), f"{where}: version {version}"
        expected = world.expected[version]
        installed = kb.installed_docs(PACK)
        assert set(installed) == set(expected), (
            f"{where}: v{version} recorded but documents differ: "
            f"missing {sorted(set(expected) - set(installed))[:5]}, "
            f"extra {sorted(set(installed) - set(expected))[:5]}"
        )
        wrong = [
            d for d, raw in expected.items() if installed[d][1] != hashlib.sha256(raw).hexdigest()
        ]
        assert not wrong, f"{where}: v{version} with blobs of the other version: {wrong[:5]}"
        texts = kb.library.texts(sorted(expected))
        bad = [
            d for d, raw in expected.items() if texts.get(d) != parse_document(raw, d).plain_text
        ]
        assert not bad, f"{where}: texts differ from v{version}: {bad[:5]}"
        for d in (sorted(expected)[0], sorted(expected)[-1], "d0000"):
            assert kb.library.blobs.get(installed[d][1]) == expected[d]
        assert kb.check_index() == [], f"{where}: {kb.check_index()}"
        parts = kb.index.list_parts()
        assert parts == [info.index_part], f"{where}: stray index parts {parts}"
        assert not any(kb.paths.staging.iterdir()), f"{where}: staging not emptied"
        v2_hits = {h.id for h in kb.search(V2_WORD, limit=100, facets=False).hits}
        v1_hits = {h.id for h in kb.search(V1_WORD, limit=100, facets=False).hits}
        v2_ids = {f"d{i:04d}" for i in (*CHANGED, *ADDED)}
        v1_ids = {f"d{i:04d}" for i in (*CHANGED, *REMOVED)}
        assert v2_hits == (v2_ids if version == 2 else set()), f"{where}: v{version}, {V2_WORD}"
        assert v1_hits == (v1_ids if version == 1 else set()), f"{where}: v{version}, {V1_WORD}"
        assert kb.document_count() == len(expected)
    cli = subprocess.run(
        [sys.executable, "-m", "kbclient", "--data-dir", str(data), "index", "check"],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert cli.returncode == 0, f"{where}: index check: {cli.stdout}{cli.stderr}"
    return version


def _reimport(world: World, data: Path, kind: str, version: int, where: str) -> None:
    """Importing the pack again works (a delta on v2 is refused: its base is v1)."""
    with KnowledgeBase.open(data, install_builtin=False) as kb:
        if kind == "delta" and version == 2:
            with pytest.raises(PackError, match="needs version 1"):
                import_pack(kb, world.packs[kind])
        else:
            rep = import_pack(kb, world.packs[kind])
            assert rep.version == 2, where
        info = kb.pack(PACK)
        assert info is not None and info.version == 2, where
        assert set(kb.installed_docs(PACK)) == set(world.expected[2]), where
        assert kb.check_index() == [], where
        hits = kb.search(V2_WORD, limit=100, facets=False)
        assert hits.total == len(CHANGED) + len(ADDED), where


def _one_point(world: World, kind: str, point: int, label: str) -> int:
    data = _fresh_copy(world, f"{kind}-{point}")
    proc = _run_harness(data, world.packs[kind], point)
    assert proc.returncode == -signal.SIGKILL, (
        f"{kind} pack: the child was not killed at event {point} ({label}): "
        f"rc={proc.returncode} {proc.stderr[-2000:]}"
    )
    version = _check_state(world, data, kind, point, label)
    _reimport(world, data, kind, version, f"{kind} pack, re-import after kill at {point}")
    shutil.rmtree(data, ignore_errors=True)
    return version


KINDS = ["full", "delta", "prebuilt"]


@pytest.fixture(params=KINDS)
def kind(request: pytest.FixtureRequest, world: World) -> Iterator[str]:
    if request.param not in world.packs:
        pytest.skip("SearchIndex.adopt_part is missing: no prebuilt-index import yet")
    yield request.param


def test_kill_points_straddle_the_switch_and_leave_v1_or_v2(world: World, kind: str) -> None:
    labels = _count_events(world, kind)
    points = kill_points(labels)
    assert len(points) >= MIN_POINTS
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = {p: pool.submit(_one_point, world, kind, p, labels[p - 1]) for p in points}
        versions = {p: f.result() for p, f in futures.items()}
    summary = ", ".join(f"{p}:{labels[p - 1]}=v{v}" for p, v in versions.items())
    print(f"\n{kind}: {len(labels)} events, {len(points)} kill points: {summary}")
    assert 1 in versions.values(), f"no kill point left v1: {summary}"
    assert 2 in versions.values(), f"no kill point left v2: {summary}"
    # the switch is the COMMIT of the one transaction: before it v1, after it v2
    commit = [i for i, lb in enumerate(labels, 1) if lb == "sqlite.commit:after"]
    assert commit, "the import made no COMMIT"
    for p, v in versions.items():
        assert v == (2 if p >= commit[-1] else 1), f"kill at {p} ({labels[p - 1]}) left v{v}"


def test_kill_points_cover_every_phase() -> None:
    labels = ["progress"] * 50 + ["BlobStore.put:before", "BlobStore.put:after"] * 100
    labels += ["SearchIndex.build_part:before", "progress", "SearchIndex.build_part:after"]
    labels += ["sqlite.commit:before", "sqlite.commit:after", "shutil.rmtree:before"]
    points = kill_points(labels)
    n = len(labels)
    assert len(points) >= MIN_POINTS and points[0] == 1 and points[-1] == n
    assert {n, n - 1, n - 2, n - 3, n - 5, 51, 52, 250} <= set(points)
    assert n - 4 not in points  # a progress event inside the switch phase
