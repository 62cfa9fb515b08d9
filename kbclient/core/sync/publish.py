"""Publish signed packs to a WebDAV remote (or a file:// folder) and re-sign its catalog.

1. Each pack is uploaded to a temporary name under ``packs/`` and MOVEd (``Overwrite: F``)
   to ``packs/<id>-<version>.kbpack`` (a delta: ``packs/<id>-<base>-<version>.kbpack``).
   A pack file is immutable once referenced by the catalog: publishing other content under
   a referenced name is refused (bump the version).
2. The catalog is read with its ETag, the entries are added, the serial is bumped, and it
   is PUT with ``If-Match`` (``If-None-Match: *`` when there is none). A 412 means another
   publisher got there first: read again, merge again, retry (bounded).
3. WsgiDAV-style ETags (mtime seconds + size) can repeat for a same-size rewrite within a
   second, which would let a stale ``If-Match`` through. A new catalog is therefore never
   the same size as the one it replaces (one byte of padding when it would be), so the ETag
   it replaced cannot match it.
4. The signature is a second file, so a reader can briefly see a catalog and the other
   publisher's signature. Each publisher finally reads both back: if the signature does
   not verify the catalog it reads, it signs that catalog (after checking it was signed
   by a trusted key or itself) and writes the signature; and if its own entries are
   missing, it merges again. Everyone's last step is a consistent read-back.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import time
import uuid
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from kbclient.core.errors import PackError, SignatureError, SyncError
from kbclient.core.packs import minisign
from kbclient.core.packs.manifest import MANIFEST_NAME, SIGNATURE_NAME, PackManifest, parse_manifest
from kbclient.core.packs.trust import TrustStore
from kbclient.core.sync.catalog import (
    CATALOG,
    CATALOG_SIG,
    Catalog,
    CatalogDelta,
    CatalogEntry,
    now_stamp,
    parse_catalog,
    sign_catalog,
)
from kbclient.core.sync.remote import PreconditionFailed, Remote, RemoteNotFound

logger = logging.getLogger(__name__)

PACKS_DIR = "packs"


@dataclass(frozen=True)
class PublishedPack:
    pack: str
    version: int
    base: int | None
    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class PublishReport:
    remote: str
    packs: tuple[PublishedPack, ...]
    serial: int
    attempts: int
    bytes_sent: int
    requests: int


class _Keys:
    """Trusted keys plus the publisher's own, for checking the catalog we replace."""

    def __init__(self, trust: TrustStore | None, own: minisign.PublicKey) -> None:
        self.trust, self.own = trust, own

    def get(self, key_id: str) -> minisign.PublicKey | None:
        if key_id.upper() == self.own.key_id_hex:
            return self.own
        return self.trust.get(key_id) if self.trust is not None else None


def _read_pack(path: Path) -> tuple[PackManifest, int, str]:
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if MANIFEST_NAME not in names:
                raise PackError(f"{path}: not a pack (no manifest.json)")
            if SIGNATURE_NAME not in names:
                raise PackError(f"{path}: the pack is not signed; build it with --sign")
            manifest = parse_manifest(z.read(MANIFEST_NAME))
    except (OSError, zipfile.BadZipFile) as exc:
        raise PackError(f"{path}: cannot read the pack: {exc}") from None
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
            size += len(chunk)
    return manifest, size, h.hexdigest()


def _remote_name(m: PackManifest) -> str:
    if m.base is not None:
        return f"{PACKS_DIR}/{m.pack}-{m.base}-{m.version}.kbpack"
    return f"{PACKS_DIR}/{m.pack}-{m.version}.kbpack"


def _referenced(catalog: Catalog | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for e in catalog.packs if catalog else ():
        out[e.path] = e.sha256
        for d in e.deltas:
            out[d.path] = d.sha256
    return out


def merge(catalog: Catalog | None, items: Sequence[PublishedPack], keep_deltas: int) -> Catalog:
    """`catalog` with `items` added (full packs first); refuses going backwards."""
    entries = {e.pack: e for e in (catalog.packs if catalog else ())}
    for it in sorted(items, key=lambda i: (i.base is not None, i.version)):
        cur = entries.get(it.pack)
        if it.base is None:
            if cur is not None and cur.version > it.version:
                raise SyncError(
                    f"the remote already has {it.pack} v{cur.version}, newer than v{it.version}"
                )
            if cur is not None and cur.version == it.version:
                if cur.sha256 != it.sha256:
                    raise SyncError(
                        f"the remote already has other content as {it.pack} v{it.version}: "
                        "bump the version"
                    )
                continue
            deltas = cur.deltas if cur is not None else ()
            title = cur.title if cur is not None else it.pack
            entries[it.pack] = CatalogEntry(
                it.pack, title, it.version, it.path, it.size, it.sha256, deltas
            )
        else:
            if cur is None or cur.version < it.version:
                raise SyncError(
                    f"delta {it.pack} {it.base}→{it.version}: publish the full pack "
                    f"v{it.version} first (or in the same command)"
                )
            delta = CatalogDelta(it.base, it.version, it.path, it.size, it.sha256)
            rest = [d for d in cur.deltas if (d.base, d.version) != (it.base, it.version)]
            kept = sorted([*rest, delta], key=lambda d: (d.version, d.base))[-keep_deltas:]
            entries[it.pack] = replace(cur, deltas=tuple(kept))
    serial = (catalog.serial if catalog else 0) + 1
    return Catalog(serial, now_stamp(), tuple(entries[k] for k in sorted(entries)))


def _titles(items: Sequence[PublishedPack], manifests: dict[str, PackManifest]) -> dict[str, str]:
    return {i.pack: manifests[i.path].title for i in items if i.base is None}


def _present(catalog: Catalog, it: PublishedPack) -> bool:
    e = catalog.entry(it.pack)
    if e is None:
        return False
    if it.base is None:
        return e.version > it.version or (e.version == it.version and e.sha256 == it.sha256)
    return e.version > it.version or any(
        d.base == it.base and d.version == it.version and d.sha256 == it.sha256 for d in e.deltas
    )


def _encode(
    catalog: Catalog, previous: bytes | None, key: minisign.SecretKey
) -> tuple[bytes, bytes]:
    data, sig = sign_catalog(catalog, key)
    if previous is not None and len(data) == len(previous):
        data = data + b"\n"  # never the size of what it replaces: see the module docstring
        sig = minisign.sign(
            data, key, trusted_comment=f"file:{CATALOG}\tserial:{catalog.serial}"
        ).encode("ascii")
    return data, sig


def _read_catalog(remote: Remote) -> tuple[Catalog | None, bytes | None, str | None]:
    """The current catalog; re-read a few times if it is mid-write (WebDAV PUT is not atomic
    on every server: a reader can see a partly written file)."""
    for attempt in range(6):
        try:
            f = remote.get(CATALOG)
        except RemoteNotFound:
            return None, None, None
        assert f is not None
        try:
            return parse_catalog(f.data), f.data, f.etag
        except SyncError:
            if attempt == 5:
                raise
            time.sleep(0.1 * (attempt + 1))
    raise AssertionError("unreachable")


def publish(
    pack_files: Path | Sequence[Path],
    remote: Remote,
    *,
    sign_key: minisign.SecretKey,
    trust: TrustStore | None = None,
    max_attempts: int = 10,
    keep_deltas: int = 10,
) -> PublishReport:
    """Upload `pack_files` and add them to the remote's catalog, re-signed with `sign_key`."""
    files = (
        [Path(pack_files)] if isinstance(pack_files, (str, Path)) else [Path(p) for p in pack_files]
    )
    if not files:
        raise SyncError("nothing to publish")
    req0, sent0 = remote.requests, remote.bytes_sent
    keys = _Keys(trust, sign_key.public_key())
    items: list[PublishedPack] = []
    manifests: dict[str, PackManifest] = {}
    for f in files:
        m, size, sha = _read_pack(f)
        path = _remote_name(m)
        items.append(PublishedPack(m.pack, m.version, m.base, path, size, sha))
        manifests[path] = m

    current, _raw, _etag = _read_catalog(remote)
    referenced = _referenced(current)
    remote.mkcol(PACKS_DIR)
    for f, it in zip(files, items, strict=True):
        if referenced.get(it.path) == it.sha256:
            continue  # already there
        if it.path in referenced:
            raise SyncError(
                f"{it.path} on {remote.url} is already published with other content: "
                "bump the version"
            )
        tmp = f"{PACKS_DIR}/upload-{uuid.uuid4().hex}.tmp"
        remote.put_file(tmp, f)
        try:
            try:
                remote.move(tmp, it.path, overwrite=False)
            except PreconditionFailed:
                # Left by an interrupted publish and not in the catalog: replace it.
                remote.move(tmp, it.path, overwrite=True)
        except BaseException:
            with contextlib.suppress(SyncError):
                remote.delete(tmp)
            raise
        logger.info("uploaded %s", it.path)

    titles = _titles(items, manifests)
    attempts = 0
    serial = 0
    while True:
        attempts += 1
        if attempts > max_attempts:
            raise SyncError(
                f"the catalog of {remote.url} kept changing under {max_attempts} attempts; "
                "try again"
            )
        current, raw, etag = _read_catalog(remote)
        if current is not None and all(_present(current, it) for it in items) and attempts > 1:
            serial = current.serial
        else:
            new = merge(current, items, keep_deltas)
            new = replace(
                new,
                packs=tuple(replace(e, title=titles.get(e.pack, e.title)) for e in new.packs),
            )
            data, sig = _encode(new, raw, sign_key)
            try:
                if raw is None:
                    remote.put(CATALOG, data, if_none_match=True)
                else:
                    remote.put(CATALOG, data, if_match=etag or '"none"')
            except PreconditionFailed:
                logger.info("catalog changed under us (412); merging again")
                time.sleep(0.05 * attempts)
                continue
            remote.put(CATALOG_SIG, sig)
            serial = new.serial
        if _settle(remote, items, keys, sign_key):
            break
    return PublishReport(
        remote=remote.url,
        packs=tuple(items),
        serial=serial,
        attempts=attempts,
        bytes_sent=remote.bytes_sent - sent0,
        requests=remote.requests - req0,
    )


def _settle(
    remote: Remote, items: Sequence[PublishedPack], keys: _Keys, sign_key: minisign.SecretKey
) -> bool:
    """Read back: fix a signature that belongs to another catalog; False if ours got lost."""
    for _ in range(5):
        catalog, data, _etag = _read_catalog(remote)
        if catalog is None or data is None:
            return False
        if not all(_present(catalog, it) for it in items):
            return False
        try:
            s = remote.get(CATALOG_SIG)
            assert s is not None
            sig = minisign.Signature.from_text(s.data)
            key = keys.get(sig.key_id_hex)
            if key is not None:
                minisign.verify(data, sig, key)
                return True
        except (SignatureError, RemoteNotFound):
            pass
        # The signature is another writer's (or missing): sign what is there now — it was
        # written by a publisher holding a key, merged on top of ours.
        comment = f"file:{CATALOG}\tserial:{catalog.serial}"
        remote.put(CATALOG_SIG, minisign.sign(data, sign_key, trusted_comment=comment).encode())
    return True
