"""Helpers of the pack tests: real keys, a trust store, hand-crafted (hostile) ZIP files.

Helpers are handed out as fixtures, so test modules need no import path of their own.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kbclient.core.packs import minisign
from kbclient.core.packs.trust import TrustStore

MINISIGN = shutil.which("minisign")


def snapshot_dir(path: Path) -> dict[str, str]:
    """{relative path: sha256} of every file below `path` (the data dir's exact state).

    SQLite's `-shm` file is left out: it is the shared-memory index of the WAL, which a
    mere read updates (reader marks); it holds no data and is rebuilt when missing.
    """
    out: dict[str, str] = {}
    if not path.exists():
        return out
    for p in sorted(path.rglob("*")):
        if p.name.endswith("-shm"):
            continue
        if p.is_file() and not p.is_symlink():
            out[p.relative_to(path).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def doc_text(doc_id: str, title: str = "A title", body: str = "Body text.", **extra: str) -> str:
    fields = {"id": doc_id, "title": title, "updated": "2024-03-01", **extra}
    head = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return f"---\n{head}---\n# {title}\n\n{body}\n"


def doc_bytes(doc_id: str, **kw: str) -> bytes:
    return doc_text(doc_id, **kw).encode("utf-8")


@dataclass
class Entry:
    """One entry of a crafted ZIP: anything goes, including lies in the headers."""

    name: str | bytes
    data: bytes = b""
    method: int = 8  # 0 stored, 8 deflate
    external_attr: int = 0o100644 << 16
    declared_size: int | None = None  # uncompressed size written in the headers
    crc: int | None = None
    flags: int = 0x800  # UTF-8 names
    create_system: int = 3


def craft_zip(entries: list[Entry]) -> bytes:
    """A ZIP file built byte by byte (zipfile refuses to write many hostile shapes)."""
    out = bytearray()
    central = bytearray()
    for e in entries:
        name = e.name.encode("utf-8") if isinstance(e.name, str) else e.name
        if e.method == 8:
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            payload = c.compress(e.data) + c.flush()
        else:
            payload = e.data
        crc = zlib.crc32(e.data) if e.crc is None else e.crc
        usize = len(e.data) if e.declared_size is None else e.declared_size
        offset = len(out)
        out += struct.pack(
            "<4s5H3I2H",
            b"PK\x03\x04",
            20,
            e.flags,
            e.method,
            0,
            0x21,
            crc,
            len(payload),
            usize,
            len(name),
            0,
        )
        out += name + payload
        central += struct.pack(
            "<4s6H3I5H2I",
            b"PK\x01\x02",
            (e.create_system << 8) | 20,
            20,
            e.flags,
            e.method,
            0,
            0x21,
            crc,
            len(payload),
            usize,
            len(name),
            0,
            0,
            0,
            0,
            e.external_attr,
            offset,
        )
        central += name
    start = len(out)
    out += central
    out += struct.pack(
        "<4s4H2IH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), start, 0
    )
    return bytes(out)


def manifest_dict(files: dict[str, bytes], **fields: Any) -> dict[str, Any]:
    m: dict[str, Any] = {
        "format": 1,
        "pack": "testpack",
        "title": "Test pack",
        "version": 3,
        "publisher": "Tests",
        "created": "2024-03-01T00:00:00Z",
        "files": {
            n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
            for n, d in sorted(files.items())
        },
    }
    m.update(fields)
    return {k: v for k, v in m.items() if v is not None}


def pack_bytes(
    files: dict[str, bytes],
    *,
    key: minisign.SecretKey | None = None,
    manifest: dict[str, Any] | bytes | None = None,
    entries: list[Entry] | None = None,
    signature: bytes | None = None,
) -> bytes:
    """A pack: manifest (given or made from `files`), optional signature, the files.

    `entries`, when given, replaces the file entries (to lie about or add to them).
    """
    if manifest is None:
        manifest = manifest_dict(files)
    raw = manifest if isinstance(manifest, bytes) else json.dumps(manifest).encode("utf-8")
    out = [Entry("manifest.json", raw)]
    if signature is not None:
        out.append(Entry("manifest.json.minisig", signature))
    elif key is not None:
        out.append(Entry("manifest.json.minisig", minisign.sign(raw, key).encode()))
    out += entries if entries is not None else [Entry(n, d) for n, d in sorted(files.items())]
    return craft_zip(out)


@dataclass
class Keys:
    secret: minisign.SecretKey
    public: minisign.PublicKey
    trust: TrustStore
    other: minisign.SecretKey  # a key that is NOT trusted


@pytest.fixture
def keys(tmp_path: Path) -> Keys:
    secret = minisign.generate_key()
    trust = TrustStore(tmp_path / "trusted-keys")
    trust.add(secret.public_key())
    return Keys(secret, secret.public_key(), trust, minisign.generate_key())


@pytest.fixture
def write_pack(tmp_path: Path) -> Callable[..., Path]:
    """write_pack(files, name="p.kbpack", **pack_bytes options) -> path."""

    def write(files: dict[str, bytes], name: str = "p.kbpack", **kw: Any) -> Path:
        path = tmp_path / name
        path.write_bytes(pack_bytes(files, **kw))
        return path

    return write


@pytest.fixture
def make_source(tmp_path: Path) -> Callable[..., Path]:
    """make_source(docs={id: text}, name="src", meta={...}, assets={path: bytes}) -> folder."""

    def make(
        docs: dict[str, str],
        name: str = "src",
        meta: dict[str, Any] | None = None,
        assets: dict[str, bytes] | None = None,
    ) -> Path:
        src = tmp_path / name
        src.mkdir()
        m = {"pack": "testpack", "title": "Test pack", "version": 1, "publisher": "Tests"}
        m.update(meta or {})
        (src / "pack.json").write_text(json.dumps(m), "utf-8")
        for doc_id, text in docs.items():
            (src / f"{doc_id}.md").write_text(text, "utf-8")
        for rel, data in (assets or {}).items():
            p = src / "assets" / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(data)
        return src

    return make


def needs_minisign() -> None:
    """Skip when the minisign binary is absent — except in CI, where that is a failure."""
    if MINISIGN is None:
        if os.environ.get("CI"):
            pytest.fail("minisign is not installed (CI must install it: see .ci/run)")
        pytest.skip("minisign binary not installed")


@pytest.fixture
def minisign_bin() -> str:
    needs_minisign()
    assert MINISIGN is not None
    return MINISIGN


@pytest.fixture
def helpers() -> Any:
    """The module's plain helpers, for tests that need them directly."""

    class H:
        Entry = Entry
        craft_zip = staticmethod(craft_zip)
        manifest_dict = staticmethod(manifest_dict)
        pack_bytes = staticmethod(pack_bytes)
        doc_text = staticmethod(doc_text)
        doc_bytes = staticmethod(doc_bytes)
        snapshot_dir = staticmethod(snapshot_dir)

    return H
