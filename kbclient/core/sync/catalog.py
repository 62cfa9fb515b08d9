"""The remote's catalog: parse and validate `catalog.json`, check its signature, sign it.

Shape (DESIGN.md "Remote, catalog and sync"); a delta may carry ``version`` (the version it
produces; default: its entry's version) so that older deltas can be chained::

    {"format": 1, "serial": 42, "updated": "…",
     "packs": [{"pack", "title", "version", "path", "size", "sha256",
                "deltas": [{"base", "version"?, "path", "size", "sha256"}]}]}

The last serial, ETag and content hash seen per remote live in the library's meta table:
a lower serial, or the same serial with other content, is refused as a rollback.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kbclient.core.errors import SignatureError, SyncError
from kbclient.core.packs import minisign
from kbclient.core.packs.manifest import PACK_ID_RE
from kbclient.core.packs.trust import TrustStore

CATALOG = "catalog.json"
CATALOG_SIG = "catalog.json.minisig"
FORMAT = 1
MAX_CATALOG = 8 * 1024 * 1024
MAX_PACKS = 10_000
MAX_DELTAS = 64
MAX_PACK_SIZE = 1 << 40
_PATH_RE = re.compile(r"[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*\Z")
_SHA_RE = re.compile(r"[0-9a-f]{64}\Z")


@dataclass(frozen=True)
class CatalogDelta:
    base: int
    version: int
    path: str
    size: int
    sha256: str

    def to_json(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "version": self.version,
            "path": self.path,
            "size": self.size,
            "sha256": self.sha256,
        }


@dataclass(frozen=True)
class CatalogEntry:
    pack: str
    title: str
    version: int
    path: str
    size: int
    sha256: str
    deltas: tuple[CatalogDelta, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "pack": self.pack,
            "title": self.title,
            "version": self.version,
            "path": self.path,
            "size": self.size,
            "sha256": self.sha256,
            "deltas": [d.to_json() for d in self.deltas],
        }


@dataclass(frozen=True)
class Catalog:
    serial: int
    updated: str = ""
    packs: tuple[CatalogEntry, ...] = ()
    digest: str = field(default="", compare=False)  # sha256 of the bytes it was parsed from

    def entry(self, pack_id: str) -> CatalogEntry | None:
        return next((e for e in self.packs if e.pack == pack_id), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "serial": self.serial,
            "updated": self.updated,
            "packs": [e.to_json() for e in sorted(self.packs, key=lambda e: e.pack)],
        }

    def to_bytes(self) -> bytes:
        return (json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _bad(msg: str) -> SyncError:
    return SyncError(f"the remote's catalog is invalid: {msg}")


def _int(obj: dict[str, Any], key: str, where: str, lo: int = 0, hi: int = 2**53) -> int:
    v = obj.get(key)
    if not isinstance(v, int) or isinstance(v, bool) or not lo <= v <= hi:
        raise _bad(f"{where}: {key!r} must be an integer from {lo}")
    return v


def _str(obj: dict[str, Any], key: str, where: str, max_len: int = 1000) -> str:
    v = obj.get(key)
    if not isinstance(v, str) or len(v) > max_len:
        raise _bad(f"{where}: {key!r} must be a text")
    return v


def check_path(path: str, where: str) -> str:
    if (
        not _PATH_RE.match(path)
        or len(path) > 512
        or any(p in (".", "..") for p in path.split("/"))
    ):
        raise _bad(f"{where}: path {path!r} must be relative, plain and without '..'")
    return path


def _file_fields(obj: dict[str, Any], where: str) -> tuple[str, int, str]:
    path = check_path(_str(obj, "path", where), where)
    size = _int(obj, "size", where, 1, MAX_PACK_SIZE)
    sha = _str(obj, "sha256", where).lower()
    if not _SHA_RE.match(sha):
        raise _bad(f"{where}: 'sha256' must be 64 hex digits")
    return path, size, sha


def parse_catalog(data: bytes) -> Catalog:
    """Validate `catalog.json` bytes; SyncError names the first problem."""
    if len(data) > MAX_CATALOG:
        raise _bad(f"larger than {MAX_CATALOG} bytes")
    try:
        obj = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise _bad(f"not JSON ({exc})") from None
    if not isinstance(obj, dict):
        raise _bad("not a JSON object")
    if obj.get("format") != FORMAT:
        raise _bad(f"format {obj.get('format')!r} is not supported (this kbclient reads 1)")
    serial = _int(obj, "serial", "catalog")
    updated = obj.get("updated", "")
    if not isinstance(updated, str):
        raise _bad("'updated' must be a text")
    packs = obj.get("packs")
    if not isinstance(packs, list) or len(packs) > MAX_PACKS:
        raise _bad("'packs' must be a list")
    entries: list[CatalogEntry] = []
    seen: set[str] = set()
    for i, p in enumerate(packs):
        where = f"packs[{i}]"
        if not isinstance(p, dict):
            raise _bad(f"{where} is not an object")
        pack_id = _str(p, "pack", where, 128)
        if not PACK_ID_RE.fullmatch(pack_id):
            raise _bad(f"{where}: bad pack id {pack_id!r}")
        if pack_id in seen:
            raise _bad(f"pack {pack_id} is listed twice")
        seen.add(pack_id)
        where = f"pack {pack_id}"
        version = _int(p, "version", where, 1)
        path, size, sha = _file_fields(p, where)
        deltas_raw = p.get("deltas", [])
        if not isinstance(deltas_raw, list) or len(deltas_raw) > MAX_DELTAS:
            raise _bad(f"{where}: 'deltas' must be a list of at most {MAX_DELTAS}")
        deltas = []
        for j, d in enumerate(deltas_raw):
            dw = f"{where} delta {j}"
            if not isinstance(d, dict):
                raise _bad(f"{dw} is not an object")
            base = _int(d, "base", dw, 0)
            to = _int(d, "version", dw, 1) if "version" in d else version
            if not base < to <= version:
                raise _bad(f"{dw}: must go from an older version to at most {version}")
            dpath, dsize, dsha = _file_fields(d, dw)
            deltas.append(CatalogDelta(base, to, dpath, dsize, dsha))
        title = p.get("title", pack_id)
        if not isinstance(title, str):
            raise _bad(f"{where}: 'title' must be a text")
        entries.append(CatalogEntry(pack_id, title[:500], version, path, size, sha, tuple(deltas)))
    return Catalog(serial, updated, tuple(entries), hashlib.sha256(data).hexdigest())


def verify_catalog(data: bytes, signature: bytes, trust: TrustStore) -> str:
    """Check the catalog's signature against the trusted keys; returns the signer's key id."""
    try:
        sig = minisign.Signature.from_text(signature)
    except SignatureError as exc:
        raise SignatureError(f"the remote's catalog signature is unreadable: {exc}") from None
    key = trust.get(sig.key_id_hex)
    if key is None:
        raise SignatureError(
            f"the remote's catalog is signed by key {sig.key_id_hex}, which is not trusted "
            "(add the publisher's key with `kbclient trust add`)"
        )
    try:
        minisign.verify(data, sig, key)
    except SignatureError as exc:
        raise SignatureError(f"the remote's catalog has a bad signature: {exc}") from None
    return sig.key_id_hex


def sign_catalog(catalog: Catalog, key: minisign.SecretKey) -> tuple[bytes, bytes]:
    """The catalog's bytes and its .minisig (trusted comment names the serial)."""
    data = catalog.to_bytes()
    parse_catalog(data)  # what we write must be what we accept
    comment = f"file:{CATALOG}\tserial:{catalog.serial}"
    return data, minisign.sign(data, key, trusted_comment=comment).encode("ascii")


def now_stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# -- what the library remembers per remote ----------------------------------------------


@dataclass(frozen=True)
class SeenCatalog:
    serial: int
    digest: str
    etag: str | None
    state: str  # fingerprint of subscriptions + installed versions at that sync

    def to_text(self) -> str:
        return json.dumps(
            {"serial": self.serial, "sha256": self.digest, "etag": self.etag, "state": self.state}
        )

    @classmethod
    def from_text(cls, text: str | None) -> SeenCatalog | None:
        if not text:
            return None
        try:
            o = json.loads(text)
            return cls(int(o["serial"]), str(o["sha256"]), o.get("etag"), str(o.get("state", "")))
        except (ValueError, KeyError, TypeError):
            return None


def meta_key(remote_url: str) -> str:
    return "sync.catalog:" + remote_url


def check_rollback(catalog: Catalog, seen: SeenCatalog | None, remote_url: str) -> None:
    """Refuse a catalog older than the last one seen, or a different one with its serial."""
    if seen is None:
        return
    if catalog.serial < seen.serial:
        raise SyncError(
            f"the catalog of {remote_url} is older (serial {catalog.serial}) than the one "
            f"already seen (serial {seen.serial}): refused as a possible rollback"
        )
    if catalog.serial == seen.serial and catalog.digest != seen.digest:
        raise SyncError(
            f"the catalog of {remote_url} changed without a new serial ({catalog.serial}): "
            "refused as a possible replay or tampering"
        )
