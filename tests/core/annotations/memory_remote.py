"""An in-memory remote with the interface sharing needs — a real class, not a mock.

ETags can be made *weak* like WsgiDAV's (derived from size and a clock second that the
test controls), so that a same-size rewrite in the same "second" keeps its ETag; such
copies are served with `etag_reliable=False`, as `HttpRemote` does for WsgiDAV.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from kbclient.core.sync.remote import PreconditionFailed, RemoteEntry, RemoteFile, RemoteNotFound


class MemoryRemote:
    def __init__(self, *, weak_etags: bool = False) -> None:
        self.files: dict[str, bytes] = {}
        self.etags: dict[str, str] = {}
        self.written_at: dict[str, int] = {}
        self.folders: set[str] = set()
        self.weak = weak_etags
        self.second = 0
        self.log: list[tuple[str, str]] = []
        self.before_put: Callable[[str], None] | None = None

    def _tag(self, data: bytes) -> str:
        if self.weak:
            return f'"{len(data)}-{self.second}"'
        return '"' + hashlib.sha256(data).hexdigest()[:16] + '"'

    def write(self, path: str, data: bytes) -> str:
        """A write by someone else (no precondition)."""
        self.files[path] = data
        self.etags[path] = self._tag(data)
        self.written_at[path] = self.second
        return self.etags[path]

    def list(self, path: str = "") -> list[RemoteEntry]:
        self.log.append(("LIST", path))
        folder = path.rstrip("/")
        if folder not in self.folders and not any(p.startswith(folder + "/") for p in self.files):
            raise RemoteNotFound(f"{path} not found")
        return sorted(
            (
                RemoteEntry(p.rsplit("/", 1)[-1], self.etags[p], len(d))
                for p, d in self.files.items()
                if p.rsplit("/", 1)[0] == folder
            ),
            key=lambda e: e.name,
        )

    def get(self, path: str, etag: str | None = None) -> RemoteFile | None:
        self.log.append(("GET", path))
        if path not in self.files:
            raise RemoteNotFound(f"{path} not found")
        if etag is not None and etag == self.etags[path]:
            return None
        reliable = not self.weak or self.written_at[path] != self.second
        return RemoteFile(self.files[path], self.etags[path], reliable)

    def put(
        self, path: str, data: bytes, *, if_match: str | None = None, if_none_match: bool = False
    ) -> str | None:
        self.log.append(("PUT", path))
        if self.before_put is not None:
            hook, self.before_put = self.before_put, None
            hook(path)
        exists = path in self.files
        if if_none_match and exists:
            raise PreconditionFailed(f"{path} exists")
        if if_match is not None and (not exists or self.etags[path] != if_match):
            raise PreconditionFailed(f"{path} changed")
        return self.write(path, data)

    def exists(self, path: str) -> bool:
        folder = path.rstrip("/")
        return (
            path in self.files
            or folder in self.folders
            or any(p.startswith(folder + "/") for p in self.files)
        )

    def mkcol(self, path: str) -> None:
        self.log.append(("MKCOL", path))
        self.folders.add(path.rstrip("/"))
