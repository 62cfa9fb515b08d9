"""Index-building worker process: `python -m kbclient.core.search.worker SUBDIR LIMITMB`.

Started by `parts.build` as a fresh interpreter (not `multiprocessing`, so the caller's
`__main__` is never re-imported and nothing is forked from a Qt process). Protocol over
stdin/stdout, each message a length-prefixed pickle: the parent sends ("docs", [IndexDoc…])
any number of times, then ("commit",) or ("abort",); the worker answers once, at the end,
("ok", count) or ("err", message).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import BinaryIO

from kbclient.core.search.ipc import recv, send

# Background work: yield the CPU to the app that started us. Two busy workers on a
# two-core machine otherwise keep its GUI thread off the CPU for 50-150 ms at a time.
NICE = 10


def serve(inp: BinaryIO, out: BinaryIO, path: Path, limitmb: int) -> int:
    """Index what arrives on `inp` into a new Whoosh index at `path`."""
    from kbclient.core.search.parts import create_sub
    from kbclient.core.search.schema import to_fields

    error = ""
    writer = None
    count = 0
    try:
        writer = create_sub(path).writer(limitmb=limitmb)
    except Exception as e:  # reported to the parent
        error = f"{type(e).__name__}: {e}"
    while True:
        try:
            msg = recv(inp)
        except EOFError:
            msg = ("abort",)
        if msg[0] == "docs":
            if not error and writer is not None:
                try:
                    for d in msg[1]:
                        writer.add_document(**to_fields(d))
                        count += 1
                except Exception as e:
                    error = f"{type(e).__name__}: {e}"
            continue
        if msg[0] == "commit" and not error and writer is not None:
            try:
                writer.commit(merge=False)
                send(out, ("ok", count))
                return 0
            except Exception as e:
                error = f"{type(e).__name__}: {e}"
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cancel()
        with contextlib.suppress(Exception):
            send(out, ("err", error or "aborted"))
        return 1


def main() -> int:
    """Entry point of the worker process."""
    if hasattr(os, "nice"):  # POSIX; on Windows the worker keeps normal priority
        with contextlib.suppress(OSError):
            os.nice(NICE)
    out = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but protocol messages on the real stdout
    return serve(sys.stdin.buffer, out, Path(sys.argv[1]), int(sys.argv[2]))


if __name__ == "__main__":
    sys.exit(main())
