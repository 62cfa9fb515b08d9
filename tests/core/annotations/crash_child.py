"""Child process of the annotation crash tests: work on a store, SIGKILL itself at event N.

    python crash_child.py STORE MODE KILLPOINT [REMOTE.jsonl]

MODE `save`: save 6 new annotations and edit 3 existing ones, printing ``saving ID NOTE``
before and ``saved ID NOTE`` after each call returns. MODE `merge`: merge the annotations
of REMOTE.jsonl into the store (`merge_into_store`), printing ``merged`` at the end.

The hooks exist only in this process (monkeypatched, never in production code): entering
and leaving `AnnotationStore.transaction`, each row write (`_upsert`), and `commit()` of
the SQLite connection (a Connection subclass). At the KILLPOINT-th event the process
SIGKILLs itself — no cleanup, no `finally`. KILLPOINT 0 never kills and prints the event
count as ``events N``.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from kbclient.core.annotations import store as store_mod
from kbclient.core.annotations.merge import merge_into_store
from kbclient.core.annotations.model import create_annotation
from kbclient.core.annotations.share import parse_user_file

TEXT = "Each firm must report its liquidity coverage ratio every quarter to the supervisor."
KILL_AT = int(sys.argv[3])
count = 0


def event() -> None:
    global count
    count += 1
    if KILL_AT and count >= KILL_AT:
        os.kill(os.getpid(), signal.SIGKILL)


class HookedConnection(sqlite3.Connection):
    def commit(self) -> None:
        event()
        super().commit()
        event()


_connect = sqlite3.connect


def hooked_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
    kwargs["factory"] = HookedConnection
    return _connect(*args, **kwargs)


store_mod.sqlite3.connect = hooked_connect  # type: ignore[assignment]
_real_upsert = store_mod._upsert


def hooked_upsert(*args: Any, **kwargs: Any) -> None:
    event()
    _real_upsert(*args, **kwargs)
    event()


store_mod._upsert = hooked_upsert  # type: ignore[assignment]
_real_transaction = store_mod.AnnotationStore.transaction


@contextlib.contextmanager
def hooked_transaction(self: Any, **kwargs: Any) -> Iterator[Any]:
    event()
    with _real_transaction(self, **kwargs) as con:
        yield con
        event()
    event()


store_mod.AnnotationStore.transaction = hooked_transaction  # type: ignore[method-assign]


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> None:
    st = store_mod.AnnotationStore(Path(sys.argv[1]))
    mode = sys.argv[2]
    if mode == "save":
        existing = st.all()
        for i in range(6):
            a = create_annotation(
                TEXT,
                10 + i,
                30 + i,
                doc="rn-1",
                doc_version=1,
                author="alice",
                team="t",
                note=f"new {i}",
            )
            say(f"saving {a.id} {a.note}")
            st.save(a)
            say(f"saved {a.id} {a.note}")
        for a in existing[:3]:
            b = a.edited(note=a.note + " edited")
            say(f"saving {b.id} {b.note}")
            st.commit_draft(b)
            say(f"saved {b.id} {b.note}")
    else:
        remote = parse_user_file(Path(sys.argv[4]).read_bytes(), "remote")
        merge_into_store(st, remote)
        say("merged")
    if not KILL_AT:
        say(f"events {count}")


main()
