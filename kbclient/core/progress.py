"""The shapes every long core operation takes: a progress callback and a cancel token.

Threading is the caller's decision (STYLE.md 5): core functions are synchronous, report
through `progress(done, total)` and stop at the next safe point once `cancel` is set.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from kbclient.core.errors import Cancelled

Progress = Callable[[int, int], None]


def no_progress(done: int, total: int) -> None:
    """The default progress callback: report nowhere."""


def check_cancel(cancel: threading.Event | None) -> None:
    """Raise `Cancelled` if the caller asked to stop; call only where stopping is safe."""
    if cancel is not None and cancel.is_set():
        raise Cancelled()
