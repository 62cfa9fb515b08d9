"""The sync engine: catalog → plan → resumable, verified downloads → install through packs.

One sync:

1. GET ``catalog.json`` with ``If-None-Match`` (the ETag of the last successful sync, when
   the subscriptions and installed versions are still those of that sync): a 304 ends it
   after one request.
2. GET ``catalog.json.minisig``; the catalog must be signed by a trusted key, parse, and be
   no older than the last one seen (rollback).
3. Plan per subscribed pack (nothing / delta chain / full pack, fewest bytes).
4. Download every file into ``DataPaths.downloads`` (resuming ``.part`` files, checking
   size and sha256), *then* install them in order with `import_pack` (the one install
   path: signature, every file, atomic). A failure before installing leaves the library
   exactly as it was; each pack version is installed atomically.
5. Only after everything succeeded the catalog's serial/hash/ETag are recorded, and stale
   partial downloads are removed.

Disk full while downloading: the partial file is cut back to what was written and *kept*,
so that the next sync resumes once space is freed (it is removed by the next successful
sync if no longer needed); the sync fails with "the disk is full …".
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from kbclient.core.errors import SignatureError, SyncError
from kbclient.core.kb import KnowledgeBase
from kbclient.core.packs.importer import import_pack
from kbclient.core.packs.trust import TrustStore
from kbclient.core.progress import Progress, check_cancel, no_progress
from kbclient.core.sync.catalog import (
    CATALOG,
    CATALOG_SIG,
    SeenCatalog,
    check_rollback,
    meta_key,
    parse_catalog,
    verify_catalog,
)
from kbclient.core.sync.plan import Plan, Step, make_plan
from kbclient.core.sync.remote import Opener, Remote, RemoteNotFound, default_opener

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PackUpdate:
    pack: str
    from_version: int | None
    to_version: int
    via: str  # "full" or "deltas"
    bytes: int


@dataclass(frozen=True)
class SyncReport:
    """What a sync did, for `sync --json`, the status bar and "What's new"."""

    remote: str
    not_modified: bool
    serial: int | None
    bytes_transferred: int
    requests: int
    duration: float
    packs_updated: tuple[PackUpdate, ...] = ()
    documents_added: tuple[str, ...] = ()
    documents_changed: tuple[str, ...] = ()
    documents_removed: tuple[str, ...] = ()
    missing: tuple[str, ...] = field(default=())  # subscribed, not in the catalog

    def to_json(self) -> dict[str, Any]:
        return {
            "remote": self.remote,
            "not_modified": self.not_modified,
            "serial": self.serial,
            "bytes": self.bytes_transferred,
            "requests": self.requests,
            "duration": round(self.duration, 3),
            "packs_updated": [
                {
                    "pack": p.pack,
                    "from": p.from_version,
                    "to": p.to_version,
                    "via": p.via,
                    "bytes": p.bytes,
                }
                for p in self.packs_updated
            ],
            "documents": {
                "added": len(self.documents_added),
                "changed": len(self.documents_changed),
                "removed": len(self.documents_removed),
            },
            "added": list(self.documents_added),
            "changed": list(self.documents_changed),
            "removed": list(self.documents_removed),
            "missing": list(self.missing),
        }


def _state(kb: KnowledgeBase, subscriptions: Collection[str] | None) -> str:
    subs: Any = "*" if subscriptions is None else sorted(subscriptions)
    installed = {p.id: p.version for p in kb.packs()}
    blob = json.dumps([subs, installed], sort_keys=True).encode()
    return hashlib.sha256(blob).hexdigest()[:32]


class SyncEngine:
    """Keeps `kb` current from `remote`. `subscriptions` None = every pack in the catalog."""

    def __init__(
        self,
        remote: Remote,
        kb: KnowledgeBase,
        *,
        trust: TrustStore | None = None,
        subscriptions: Collection[str] | None = None,
        opener: Opener = default_opener,
    ) -> None:
        self.remote = remote
        self.kb = kb
        self.trust = trust if trust is not None else TrustStore(kb.paths.trust)
        self.subscriptions = None if subscriptions is None else frozenset(subscriptions)
        self.opener = opener

    @property
    def downloads(self) -> Path:
        return self.kb.paths.downloads

    def sync(
        self, progress: Progress | None = None, cancel: threading.Event | None = None
    ) -> SyncReport:
        self.downloads.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.downloads / "sync.lock"))
        try:
            lock.acquire(timeout=0)
        except Timeout:
            raise SyncError("another sync of this library is running") from None
        try:
            return self._sync(progress or no_progress, cancel)
        finally:
            lock.release()

    def _sync(self, progress: Progress, cancel: threading.Event | None) -> SyncReport:
        started = time.monotonic()
        r = self.remote
        req0, bytes0 = r.requests, r.bytes_received
        key = meta_key(r.url)
        seen = SeenCatalog.from_text(self.kb.library.get_meta(key))
        state = _state(self.kb, self.subscriptions)
        etag = seen.etag if seen is not None and seen.state == state else None

        def report(**kw: Any) -> SyncReport:
            return SyncReport(
                remote=r.url,
                bytes_transferred=r.bytes_received - bytes0,
                requests=r.requests - req0,
                duration=time.monotonic() - started,
                **kw,
            )

        fetched = r.get(CATALOG, etag=etag)
        if fetched is None:
            logger.info("sync %s: catalog not modified", r.url)
            return report(not_modified=True, serial=seen.serial if seen else None)
        try:
            self._verify(fetched.data)
        except SignatureError as exc:
            if "not trusted" in str(exc) or "not signed" in str(exc):
                raise
            # A publisher may be between writing the catalog and its signature: once more.
            time.sleep(0.5)
            fetched = r.get(CATALOG)
            assert fetched is not None
            self._verify(fetched.data)
        catalog = parse_catalog(fetched.data)
        check_rollback(catalog, seen, r.url)
        check_cancel(cancel)

        installed = {p.id: p.version for p in self.kb.packs()}
        plan = make_plan(catalog, installed, self.subscriptions)
        files = self._download(plan, progress, cancel)

        updates, added, changed, removed = [], set(), set(), set()
        for pack_plan in plan.packs:
            if not pack_plan.steps:
                continue
            for step in pack_plan.steps:
                check_cancel(cancel)
                rep = import_pack(self.kb, files[step.sha256], cancel=cancel)
                for d in rep.added:
                    added.add(d)
                    removed.discard(d)
                for d in rep.changed:
                    if d not in added:
                        changed.add(d)
                for d in rep.removed:
                    if d in added:
                        added.discard(d)
                    else:
                        changed.discard(d)
                        removed.add(d)
                files[step.sha256].unlink(missing_ok=True)
            via = "full" if pack_plan.steps[0].base is None else "deltas"
            updates.append(
                PackUpdate(
                    pack_plan.pack, pack_plan.installed, pack_plan.target, via, pack_plan.bytes
                )
            )
            logger.info(
                "sync: %s %s → %s via %s",
                pack_plan.pack,
                pack_plan.installed,
                pack_plan.target,
                via,
            )

        new_seen = SeenCatalog(
            catalog.serial,
            catalog.digest,
            fetched.etag if fetched.etag_reliable else None,
            _state(self.kb, self.subscriptions),
        )
        with self.kb.library.transaction() as con:
            self.kb.library.set_meta(con, key, new_seen.to_text())
        self._clean_downloads(plan)
        return report(
            not_modified=False,
            serial=catalog.serial,
            packs_updated=tuple(updates),
            documents_added=tuple(sorted(added)),
            documents_changed=tuple(sorted(changed)),
            documents_removed=tuple(sorted(removed)),
            missing=plan.missing,
        )

    def _verify(self, data: bytes) -> None:
        try:
            sig = self.remote.get(CATALOG_SIG)
        except RemoteNotFound:
            raise SignatureError(
                f"the catalog of {self.remote.url} is not signed: refused"
            ) from None
        assert sig is not None
        verify_catalog(data, sig.data, self.trust)

    def _download(
        self, plan: Plan, progress: Progress, cancel: threading.Event | None
    ) -> dict[str, Path]:
        total = plan.bytes
        done = 0
        files: dict[str, Path] = {}
        for step in plan.steps:
            check_cancel(cancel)
            dest = self._dest(step)
            base = done

            def step_progress(n: int, _size: int, base: int = base) -> None:
                progress(base + n, total)

            if not dest.exists():
                self.remote.download(
                    step.path,
                    dest,
                    size=step.size,
                    sha256=step.sha256,
                    progress=step_progress,
                    cancel=cancel,
                    opener=self.opener,
                )
            elif not _matches(dest, step):
                dest.unlink()
                self.remote.download(
                    step.path,
                    dest,
                    size=step.size,
                    sha256=step.sha256,
                    progress=step_progress,
                    cancel=cancel,
                    opener=self.opener,
                )
            done += step.size
            progress(done, total)
            files[step.sha256] = dest
        return files

    def _dest(self, step: Step) -> Path:
        return self.downloads / f"{step.sha256}.kbpack"

    def _clean_downloads(self, plan: Plan) -> None:
        keep = {self._dest(s).name for s in plan.steps}
        for p in self.downloads.iterdir():
            if p.name == "sync.lock" or not p.is_file():
                continue
            stem = p.name.split(".", 1)[0]
            if f"{stem}.kbpack" not in keep:
                with contextlib.suppress(OSError):
                    p.unlink()


def _matches(path: Path, step: Step) -> bool:
    """A finished download still on disk (e.g. killed during install) is reused if sound."""
    if path.stat().st_size != step.size:
        return False
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest() == step.sha256
