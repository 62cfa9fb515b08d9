"""A content-addressed blob store: files named by their sha256, written atomically.

Writing the same content twice is a no-op, so an install killed half-way leaves only
harmless unreferenced blobs, which `collect` removes later.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from kbclient.core.errors import LibraryError

logger = logging.getLogger(__name__)

_SHA256 = re.compile(r"[0-9a-f]{64}\Z")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    """Blobs under `root/ab/abcdef…`; only whole, verified files ever get their final name."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._unsynced: list[Path] = []

    def path(self, blob_id: str) -> Path:
        if not _SHA256.match(blob_id):
            raise LibraryError(f"not a blob id: {blob_id!r}")
        return self.root / blob_id[:2] / blob_id

    def put(self, data: bytes, *, sync: bool = True) -> str:
        """Store `data` under its hash. With `sync=False` the caller must `flush()` before
        anything durable refers to the blob (one flush for a whole pack instead of one
        fsync per file, which dominated large installs)."""
        blob_id = sha256_hex(data)
        target = self.path(blob_id)
        if target.exists() and target.stat().st_size == len(data):
            return blob_id
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                if sync:
                    fh.flush()
                    os.fsync(fh.fileno())
            os.replace(tmp, target)
        except OSError as exc:
            Path(tmp).unlink(missing_ok=True)
            raise LibraryError(f"cannot write to the blob store {self.root}: {exc}") from exc
        if not sync:
            self._unsynced.append(target)
        return blob_id

    def flush(self) -> None:
        """Make every blob written with `sync=False` durable."""
        pending, self._unsynced = self._unsynced, []
        if not pending:
            return
        if hasattr(os, "sync"):
            os.sync()  # one flush of the file system instead of one fsync per blob
            return
        for path in pending:  # Windows: no global sync
            with open(path, "rb+") as fh:
                os.fsync(fh.fileno())

    def get(self, blob_id: str) -> bytes:
        try:
            data = self.path(blob_id).read_bytes()
        except FileNotFoundError as exc:
            raise LibraryError(f"blob {blob_id[:12]} is missing from {self.root}") from exc
        if sha256_hex(data) != blob_id:
            raise LibraryError(f"blob {blob_id[:12]} in {self.root} is corrupt")
        return data

    def collect(self, keep: Iterable[str]) -> int:
        """Delete every blob not in `keep` (and stray temp files); returns how many went."""
        keep_set = set(keep)
        removed = 0
        if not self.root.exists():
            return 0
        for sub in self.root.iterdir():
            if not sub.is_dir():
                continue
            for f in sub.iterdir():
                if f.name not in keep_set:
                    f.unlink(missing_ok=True)
                    removed += 1
        return removed
