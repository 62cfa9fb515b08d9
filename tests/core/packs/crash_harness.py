"""Child process of the crash-safety test: import a pack and SIGKILL itself at hook event N.

    python tests/core/packs/crash_harness.py DATA PACKFILE KILLPOINT

The hooks exist only in this process: selected functions and methods are wrapped by
monkeypatching (never in production code), and every wrapper reports an event before
and after the real call. Events are counted once the knowledge base is open; when the
count reaches KILLPOINT the process kills itself with SIGKILL — no cleanup, no `finally`,
no atexit, exactly like a power cut of the process. KILLPOINT 0 means never: the import
runs to the end and the harness prints one JSON object on stdout,
``{"events": [label, …], "version": N}``, so the test can count events and pick kill points.

Hooked: BlobStore.put, the progress callback (verification and indexing), Whoosh's
SegmentWriter.commit, Library.transaction (enter, and end of body before COMMIT),
Library.write_pack, sqlite3 COMMIT (a Connection subclass), os.replace, shutil.rmtree,
SearchIndex.build_part / derive_part / adopt_part / delete_part.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import signal
import sqlite3
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository root

_KILL_AT = 0
_armed = False
_count = 0
_labels: list[str] = []


def event(label: str) -> None:
    """One hook event; the KILLPOINT-th one kills the process."""
    global _count
    if not _armed:
        return
    _count += 1
    if _KILL_AT == 0:
        _labels.append(label)
    elif _count >= _KILL_AT:
        os.kill(os.getpid(), signal.SIGKILL)


def _wrap(owner: Any, name: str, label: str) -> None:
    real = getattr(owner, name)

    @functools.wraps(real)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        event(f"{label}:before")
        result = real(*args, **kwargs)
        event(f"{label}:after")
        return result

    setattr(owner, name, wrapper)


class _HookedConnection(sqlite3.Connection):
    def commit(self) -> None:
        event("sqlite.commit:before")
        super().commit()
        event("sqlite.commit:after")


def install_hooks() -> None:
    import whoosh.writing

    from kbclient.core.blobs import BlobStore
    from kbclient.core.library import Library
    from kbclient.core.search import SearchIndex

    real_connect = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        kwargs.setdefault("factory", _HookedConnection)
        return real_connect(*args, **kwargs)

    sqlite3.connect = connect  # type: ignore[assignment]

    _wrap(BlobStore, "put", "BlobStore.put")
    _wrap(whoosh.writing.SegmentWriter, "commit", "whoosh.commit")
    _wrap(Library, "write_pack", "Library.write_pack")
    for name in ("build_part", "derive_part", "adopt_part", "delete_part"):
        if hasattr(SearchIndex, name):
            _wrap(SearchIndex, name, f"SearchIndex.{name}")
    _wrap(os, "replace", "os.replace")
    _wrap(shutil, "rmtree", "shutil.rmtree")

    real_transaction: Callable[[Library], Any] = Library.transaction

    @contextlib.contextmanager
    def transaction(self: Library) -> Iterator[sqlite3.Connection]:
        event("Library.transaction:enter")
        with real_transaction(self) as con:
            yield con
            event("Library.transaction:body-done")  # before COMMIT
        event("Library.transaction:exit")

    Library.transaction = transaction  # type: ignore[method-assign,assignment]


def progress(done: int, total: int) -> None:
    event("progress")


def main(argv: list[str]) -> int:
    global _KILL_AT, _armed
    data, pack_file, kill_at = Path(argv[0]), Path(argv[1]), int(argv[2])
    _KILL_AT = kill_at
    install_hooks()  # before anything opens a connection; events count only once armed

    from kbclient.core.kb import KnowledgeBase
    from kbclient.core.packs.importer import import_pack

    kb = KnowledgeBase.open(data, install_builtin=False)
    _armed = True
    report = import_pack(kb, pack_file, progress=progress)
    _armed = False
    kb.close()
    if kill_at == 0:
        print(json.dumps({"events": _labels, "version": report.version}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
