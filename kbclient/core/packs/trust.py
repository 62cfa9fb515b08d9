"""Trusted publisher keys: one minisign .pub file per key id in the data dir's trust folder.

Each key is kept as ``<KEYID>.pub`` (16 uppercase hex digits), a valid minisign public key
file whose untrusted comment records when it was added and the key's own comment:
``untrusted comment: added 2026-11-27T10:00:00Z | minisign public key 296149BDB3E89961``.
A .pub file dropped into the folder by hand is trusted too (its added date is its mtime).
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kbclient.core.errors import SignatureError
from kbclient.core.packs.minisign import PublicKey, parse_key_id

logger = logging.getLogger(__name__)

_NAME_RE = re.compile(r"[0-9A-F]{16}\.pub\Z")
_ADDED_RE = re.compile(r"added (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) \| (.*)\Z")


@dataclass(frozen=True)
class TrustedKey:
    """A trusted publisher key as the user sees it."""

    key: PublicKey
    comment: str
    added: str  # ISO 8601 UTC

    @property
    def key_id(self) -> str:
        return self.key.key_id_hex

    @property
    def fingerprint(self) -> str:
        return self.key.fingerprint

    def to_json(self) -> dict[str, str]:
        return {
            "key_id": self.key_id,
            "fingerprint": self.fingerprint,
            "comment": self.comment,
            "added": self.added,
            "public_key": self.key.to_base64(),
        }


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pub")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_public_key(spec: str) -> PublicKey:
    """A public key from a .pub file path or from its base64 line (as `minisign -P` takes)."""
    candidate = spec.strip()
    looks_b64 = bool(re.fullmatch(r"[A-Za-z0-9+/]{56}", candidate))
    if not looks_b64:
        path = Path(spec).expanduser()
        if path.is_file():
            return PublicKey.load(path)
        if "\n" in spec:
            return PublicKey.from_text(spec)
        raise SignatureError(f"{spec}: neither a public key file nor a base64 public key")
    return PublicKey.from_base64(candidate)


class TrustStore:
    """The trusted publisher keys of one data dir (`DataPaths.trust`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _path(self, key_id_hex: str) -> Path:
        return self.folder / f"{key_id_hex}.pub"

    def add(self, key: PublicKey, comment: str | None = None) -> TrustedKey:
        """Trust `key` (idempotent: adding a trusted key again keeps its added date)."""
        existing = self.get_entry(key.key_id_hex)
        if existing is not None:
            if existing.key.key != key.key:
                raise SignatureError(
                    f"another key with id {key.key_id_hex} is already trusted; remove it first"
                )
            return existing
        text_comment = comment if comment is not None else key.comment
        text_comment = " ".join(text_comment.split())[:200]
        added = _now()
        _atomic_write(self._path(key.key_id_hex), key.to_text(f"added {added} | {text_comment}"))
        logger.info("trusted key %s added", key.key_id_hex)
        return TrustedKey(key=key, comment=text_comment, added=added)

    def add_spec(self, spec: str) -> TrustedKey:
        """Trust the key in a .pub file or given as base64."""
        return self.add(read_public_key(spec))

    def _load(self, path: Path) -> TrustedKey | None:
        try:
            key = PublicKey.load(path)
        except SignatureError as exc:
            logger.warning("ignoring unreadable trusted key file %s: %s", path.name, exc)
            return None
        if path.name != f"{key.key_id_hex}.pub":
            logger.warning("ignoring trusted key file %s: key id does not match", path.name)
            return None
        m = _ADDED_RE.match(key.comment)
        if m:
            return TrustedKey(key=key, comment=m.group(2), added=m.group(1))
        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        return TrustedKey(key=key, comment=key.comment, added=mtime.strftime("%Y-%m-%dT%H:%M:%SZ"))

    def list(self) -> list[TrustedKey]:
        """Every trusted key, sorted by key id."""
        if not self.folder.is_dir():
            return []
        out = []
        for path in sorted(self.folder.iterdir()):
            if _NAME_RE.match(path.name) and path.is_file():
                entry = self._load(path)
                if entry is not None:
                    out.append(entry)
        return out

    def get_entry(self, key_id: str | bytes) -> TrustedKey | None:
        key_id_hex = key_id if isinstance(key_id, str) else PublicKey(key_id, b"").key_id_hex
        key_id_hex = key_id_hex.strip().upper()
        if not re.fullmatch(r"[0-9A-F]{16}", key_id_hex):
            return None
        path = self._path(key_id_hex)
        return self._load(path) if path.is_file() else None

    def get(self, key_id: str | bytes) -> PublicKey | None:
        """The trusted key with this id (hex as shown, or the raw 8 bytes), or None."""
        entry = self.get_entry(key_id)
        return entry.key if entry else None

    def remove(self, key_id: str) -> None:
        """Stop trusting a key; SignatureError if no such key is trusted."""
        parse_key_id(key_id)  # shape check with a clear message
        path = self._path(key_id.strip().upper())
        if not path.is_file():
            raise SignatureError(f"no trusted key with id {key_id.strip().upper()}")
        path.unlink()
        logger.info("trusted key %s removed", key_id)
