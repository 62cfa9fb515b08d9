"""Every fault of issue 5 against real servers on 127.0.0.1: the library is left exactly as
it was (a snapshot of the data dir minus downloads/), and the next sync finishes."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

from kbclient.core.errors import AuthError, SignatureError, SyncError
from kbclient.core.kb import KnowledgeBase
from kbclient.core.packs import minisign
from kbclient.core.sync.catalog import parse_catalog, sign_catalog
from kbclient.core.sync.engine import SyncEngine, SyncReport
from kbclient.core.sync.remote import Remote, RetryPolicy, open_remote
from tests.core.sync.helpers import Site, docs_v, snapshot
from tests.servers import Fault, StaticServer, closed_port_url

FAST = RetryPolicy(attempts=3, backoff=0.05, max_wait=2.0, total=5.0)
CHILD = Path(__file__).with_name("sync_child.py")


def _remote(url: str, **kw: Any) -> Remote:
    kw.setdefault("retry", FAST)
    return open_remote(url, **kw)


def _sync(url: str, kb: KnowledgeBase, **kw: Any) -> SyncReport:
    with _remote(url, **kw) as remote:
        return SyncEngine(remote, kb).sync()


@pytest.fixture
def v2(site: Site, kb: KnowledgeBase, static: StaticServer) -> Path:
    """kb has alpha v1 from `static`; the remote now offers v2 as a full pack only."""
    site.publish(site.build("alpha", 1, docs_v(40)))
    _sync(static.url, kb)
    v2 = site.build("alpha", 2, docs_v(200, {1: 1}))
    site.publish(v2)
    static.requests.clear()
    return v2


def _fails_then_recovers(
    kb: KnowledgeBase, static: StaticServer, exc: type[Exception], match: str, **kw: Any
) -> Exception:
    before = snapshot(kb)
    with pytest.raises(exc, match=match) as caught:
        _sync(kw.pop("url", static.url), kb, **kw)
    assert snapshot(kb) == before
    assert kb.pack("alpha").version == 1  # type: ignore[union-attr]
    static.faults.clear()
    report = _sync(static.url, kb)
    assert kb.pack("alpha").version == 2  # type: ignore[union-attr]
    assert report.packs_updated[0].to_version == 2
    return caught.value


def test_connection_refused(kb: KnowledgeBase, static: StaticServer, v2: Path) -> None:
    _fails_then_recovers(kb, static, SyncError, "connection refused", url=closed_port_url())


def test_timeout(kb: KnowledgeBase, static: StaticServer, v2: Path) -> None:
    static.faults.add(Fault(path="catalog.json", delay=1.5))
    started = time.monotonic()
    _fails_then_recovers(kb, static, SyncError, "did not answer in time", timeout=0.4)
    assert time.monotonic() - started < 10


def test_401_wrong_password(tmp_path: Path, site: Site, kb: KnowledgeBase, v2: Path) -> None:
    with StaticServer(site.root, auth=("member", "right-pw")) as guarded:
        before = snapshot(kb)
        with pytest.raises(AuthError, match="wrong user name or password") as e:
            _sync(guarded.url, kb, auth=("member", "wrong-pw"))
        assert "wrong-pw" not in str(e.value)
        assert snapshot(kb) == before
        report = _sync(guarded.url, kb, auth=("member", "right-pw"))
    assert report.packs_updated[0].to_version == 2


def test_403_forbidden(kb: KnowledgeBase, static: StaticServer, v2: Path) -> None:
    static.faults.add(Fault(path="packs/.*", status=403))
    _fails_then_recovers(kb, static, AuthError, "access forbidden")


def test_404_missing_pack(kb: KnowledgeBase, static: StaticServer, v2: Path) -> None:
    static.faults.add(Fault(path="packs/.*", status=404))
    _fails_then_recovers(kb, static, SyncError, r"packs/alpha-2\.kbpack not found")


def test_500_server_error(kb: KnowledgeBase, static: StaticServer, v2: Path) -> None:
    static.faults.add(Fault(path="catalog.json", status=500))
    _fails_then_recovers(kb, static, SyncError, "server error 500")
    assert [r.status for r in static.requests[:1]] == [500]  # 500 is not retried


def test_503_retry_after_is_honoured(kb: KnowledgeBase, static: StaticServer, v2: Path) -> None:
    static.faults.add(Fault(path="catalog.json", status=503, headers={"Retry-After": "1"}, times=1))
    started = time.monotonic()
    report = _sync(static.url, kb)
    assert time.monotonic() - started >= 1.0
    assert [r.status for r in static.requests[:2]] == [503, 200]
    assert report.packs_updated[0].to_version == 2


def test_503_retries_are_bounded(kb: KnowledgeBase, static: StaticServer, v2: Path) -> None:
    static.faults.add(Fault(path="catalog.json", status=503, headers={"Retry-After": "0.2"}))
    started = time.monotonic()
    _fails_then_recovers(kb, static, SyncError, "server busy")
    assert time.monotonic() - started < 10
    assert sum(1 for r in static.requests if r.status == 503) == FAST.attempts


def test_connection_cut_half_way_resumes(kb: KnowledgeBase, static: StaticServer, v2: Path) -> None:
    size = v2.stat().st_size
    half = size // 2
    static.faults.add(Fault(path="packs/.*", cut_after=half, times=1))
    before = snapshot(kb)
    with pytest.raises(SyncError, match=r"connection .* was lost"):
        _sync(static.url, kb)
    assert snapshot(kb) == before
    parts = list(kb.paths.downloads.glob("*.part"))
    assert len(parts) == 1 and parts[0].stat().st_size == half
    static.requests.clear()
    report = _sync(static.url, kb)
    pack_req = [r for r in static.requests if r.path.startswith("/packs/")]
    assert len(pack_req) == 1 and pack_req[0].status == 206
    assert pack_req[0].headers["Range"] == f"bytes={half}-"
    assert "If-Range" in pack_req[0].headers
    catalog_bytes = sum(
        (Path(static.root) / n).stat().st_size for n in ("catalog.json", "catalog.json.minisig")
    )
    assert report.bytes_transferred == catalog_bytes + (size - half)
    assert kb.pack("alpha").version == 2  # type: ignore[union-attr]


def test_body_hash_mismatch(kb: KnowledgeBase, static: StaticServer, v2: Path) -> None:
    static.faults.add(Fault(path="packs/.*", corrupt=True, times=1))
    _fails_then_recovers(kb, static, SyncError, "sha256 does not match")


def test_catalog_bad_signature(
    site: Site, kb: KnowledgeBase, static: StaticServer, v2: Path
) -> None:
    good = (site.root / "catalog.json").read_bytes()
    (site.root / "catalog.json").write_bytes(good.replace(b"Pack alpha", b"Pack ALPHA"))
    before = snapshot(kb)
    with pytest.raises(SignatureError, match="bad signature"):
        _sync(static.url, kb)
    assert snapshot(kb) == before
    (site.root / "catalog.json").write_bytes(good)
    _sync(static.url, kb)
    assert kb.pack("alpha").version == 2  # type: ignore[union-attr]


def test_catalog_signed_by_untrusted_key(
    site: Site, kb: KnowledgeBase, static: StaticServer, v2: Path
) -> None:
    raw = (site.root / "catalog.json").read_bytes()
    good_sig = (site.root / "catalog.json.minisig").read_bytes()
    _, sig = sign_catalog(parse_catalog(raw), minisign.generate_key())
    (site.root / "catalog.json.minisig").write_bytes(
        minisign.sign(raw, minisign.generate_key()).encode()
    )
    assert sig
    before = snapshot(kb)
    with pytest.raises(SignatureError, match="not trusted"):
        _sync(static.url, kb)
    assert snapshot(kb) == before
    (site.root / "catalog.json.minisig").write_bytes(good_sig)
    _sync(static.url, kb)


def test_catalog_rollback_refused(site: Site, kb: KnowledgeBase, static: StaticServer) -> None:
    site.publish(site.build("alpha", 1, docs_v(3)))
    old = {n: (site.root / n).read_bytes() for n in ("catalog.json", "catalog.json.minisig")}
    site.publish(site.build("alpha", 2, docs_v(4)))
    new = {n: (site.root / n).read_bytes() for n in old}
    _sync(static.url, kb)
    for n, data in old.items():
        (site.root / n).write_bytes(data)
    before = snapshot(kb)
    with pytest.raises(SyncError, match=r"older .* rollback"):
        _sync(static.url, kb)
    assert snapshot(kb) == before
    # Same serial, other content (re-signed by the real key): refused too.
    current = parse_catalog(old["catalog.json"])
    for n, data in new.items():
        (site.root / n).write_bytes(data)
    site.publish(site.build("alpha", 3, docs_v(5)))
    newest = parse_catalog((site.root / "catalog.json").read_bytes())
    _sync(static.url, kb)
    forged = type(newest)(newest.serial, "2000-01-01T00:00:00Z", newest.packs)
    data, sig = sign_catalog(forged, site.key)
    (site.root / "catalog.json").write_bytes(data)
    (site.root / "catalog.json.minisig").write_bytes(sig)
    with pytest.raises(SyncError, match="without a new serial"):
        _sync(static.url, kb)
    assert current.serial < newest.serial


def test_etag_that_does_not_change(site: Site, kb: KnowledgeBase, static: StaticServer) -> None:
    """A server whose ETag stays the same when the file changes (mtime-second ETags)."""
    static.faults.constant_etag = '"same-forever"'
    site.publish(site.build("alpha", 1, docs_v(3)))
    _sync(static.url, kb)
    site.publish(site.build("alpha", 2, docs_v(4)))  # within a second, same ETag
    report = _sync(static.url, kb)
    assert kb.pack("alpha").version == 2  # type: ignore[union-attr]
    assert not report.not_modified


class FullDisk:
    """A real file whose writes fail with ENOSPC once `budget` bytes were written."""

    def __init__(self, budget: int) -> None:
        self.budget = budget

    def __call__(self, path: Path, mode: str) -> IO[bytes]:
        disk = self

        class _File:
            def __init__(self) -> None:
                self.fh = open(path, mode)

            def write(self, data: bytes) -> int:
                if len(data) > disk.budget:
                    self.fh.write(data[: disk.budget])
                    disk.budget = 0
                    self.fh.flush()
                    raise OSError(errno.ENOSPC, "No space left on device", str(path))
                disk.budget -= len(data)
                return self.fh.write(data)

            def __getattr__(self, name: str) -> Any:
                return getattr(self.fh, name)

            def __enter__(self) -> Any:
                return self

            def __exit__(self, *exc: object) -> None:
                self.fh.close()

        return _File()  # type: ignore[return-value]


def test_disk_full_during_download(kb: KnowledgeBase, static: StaticServer, v2: Path) -> None:
    before = snapshot(kb)
    with _remote(static.url) as remote, pytest.raises(SyncError, match="the disk is full"):
        SyncEngine(remote, kb, opener=FullDisk(v2.stat().st_size // 2)).sync()
    assert snapshot(kb) == before
    parts = list(kb.paths.downloads.glob("*.part"))
    assert len(parts) == 1
    kept = parts[0].stat().st_size
    assert 0 < kept <= v2.stat().st_size // 2
    report = _sync(static.url, kb)
    pack_bytes = report.bytes_transferred - sum(
        (Path(static.root) / n).stat().st_size for n in ("catalog.json", "catalog.json.minisig")
    )
    assert pack_bytes == v2.stat().st_size - kept
    assert kb.pack("alpha").version == 2  # type: ignore[union-attr]


def _child(kb: KnowledgeBase, url: str, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(kb.paths.root), url],
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_for_part(kb: KnowledgeBase, proc: subprocess.Popen[bytes]) -> Iterator[int]:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        for p in kb.paths.downloads.glob("*.part"):
            size = p.stat().st_size
            if size > 50_000:
                yield size
                return
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        time.sleep(0.02)
    raise AssertionError("the child never started downloading")


def test_killed_during_download(kb: KnowledgeBase, static: StaticServer, v2: Path) -> None:
    static.faults.add(Fault(path="packs/.*", throttle=0.05))
    before = snapshot(kb)
    proc = _child(kb, static.url)
    try:
        next(_wait_for_part(kb, proc))
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(10)
        assert proc.stderr is not None
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(kb) == before
    kept = next(kb.paths.downloads.glob("*.part")).stat().st_size
    static.faults.clear()
    report = _sync(static.url, kb)
    meta = sum(
        (Path(static.root) / n).stat().st_size for n in ("catalog.json", "catalog.json.minisig")
    )
    assert report.bytes_transferred - meta == v2.stat().st_size - kept
    assert kb.pack("alpha").version == 2  # type: ignore[union-attr]


def test_killed_during_install(kb: KnowledgeBase, static: StaticServer, v2: Path) -> None:
    docs_before = kb.installed_docs("alpha")
    proc = _child(kb, static.url, KILL_IN_INSTALL="1")
    proc.wait(60)
    assert proc.stderr is not None
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, err
    assert kb.pack("alpha").version == 1  # type: ignore[union-attr]
    assert kb.installed_docs("alpha") == docs_before
    report = _sync(static.url, kb)
    meta = sum(
        (Path(static.root) / n).stat().st_size for n in ("catalog.json", "catalog.json.minisig")
    )
    assert report.bytes_transferred == meta  # the finished download was reused
    assert kb.pack("alpha").version == 2  # type: ignore[union-attr]
