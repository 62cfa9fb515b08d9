"""Runs callables on a QThreadPool and reports their outcome on the GUI thread.

Workers never touch widgets: they only call the core and emit signals of a `Task`, a
QObject that lives on the GUI thread, so every slot connected to a task runs there.
Tests inject `SynchronousPool` to run tasks inline, deterministically.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from kbclient.gui.qtcompat import emit

logger = logging.getLogger(__name__)


class Task(QObject):
    """The handle of one submitted callable.

    Signals (always delivered on the GUI thread):
      finished(object): the callable's return value.
      failed(object): the exception it raised (with its __traceback__).
      progress(int, int): done, total — from the core's progress callback.
    """

    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)
    # emitted by the worker thread; queued to the slots below on the GUI thread
    _w_finished = Signal(object)
    _w_failed = Signal(object)
    _w_progress = Signal(int, int)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.cancel_event = threading.Event()
        self.done = False
        self._w_finished.connect(self._on_finished)
        self._w_failed.connect(self._on_failed)
        self._w_progress.connect(self._on_progress)

    def cancel(self) -> None:
        """Ask the callable to stop at its next safe point (it sees `cancel.is_set()`)."""
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    @Slot(object)
    def _on_finished(self, result: object) -> None:
        self.done = True
        emit(self.finished, result)

    @Slot(object)
    def _on_failed(self, exc: object) -> None:
        self.done = True
        emit(self.failed, exc)

    @Slot(int, int)
    def _on_progress(self, done: int, total: int) -> None:
        emit(self.progress, done, total)


class _Runnable(QRunnable):
    def __init__(self, task: Task, call: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task = task
        self._call = call

    def run(self) -> None:
        try:
            result = self._call()
        except BaseException as exc:  # reported on the GUI thread, never swallowed
            emit(self._task._w_failed, exc)
        else:
            emit(self._task._w_finished, result)


class _Throttle:
    """The progress callback handed to a worker: at most one signal per interval.

    Without it a fast loop posts thousands of queued signals, which the GUI thread then
    works through in one go — a visible stall. The last report (done == total) always goes.
    """

    INTERVAL_S = 0.05

    def __init__(self, task: Task) -> None:
        self._task = task
        self._last = 0.0

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if now - self._last >= self.INTERVAL_S or done >= total:
            self._last = now
            emit(self._task._w_progress, int(done), int(total))


class SynchronousPool:
    """A stand-in for QThreadPool that runs each runnable at once, on the calling thread."""

    def start(self, runnable: QRunnable) -> None:
        runnable.run()

    def waitForDone(self, msecs: int = -1) -> bool:
        return True

    def activeThreadCount(self) -> int:
        return 0


class TaskRunner(QObject):
    """Submits work to a thread pool; keeps each Task alive until it has reported.

    Signals:
      unhandled(object): a task failed and nobody passed `on_failed` for it.
      busy_changed(bool): whether any task is running.
    """

    unhandled = Signal(object)
    busy_changed = Signal(bool)

    def __init__(
        self, pool: QThreadPool | SynchronousPool | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        if pool is None:
            pool = QThreadPool(self)
            pool.setMaxThreadCount(4)
        self._pool = pool
        self._active: set[Task] = set()

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        name: str = "",
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[BaseException], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
        with_control: bool = False,
        **kwargs: Any,
    ) -> Task:
        """Run `fn(*args, **kwargs)` on the pool.

        With `with_control`, `fn` also gets `progress=` (a thread-safe callback) and
        `cancel=` (the task's threading.Event) keyword arguments, as core operations take.
        Callbacks are connected before the work starts, so a synchronous pool works too.
        """
        task = Task(name or getattr(fn, "__name__", "task"), self)
        if on_finished is not None:
            task.finished.connect(on_finished)
        if on_failed is not None:
            task.failed.connect(on_failed)
        else:
            task.failed.connect(lambda exc: emit(self.unhandled, exc))
        if on_progress is not None:
            task.progress.connect(on_progress)
        task.finished.connect(lambda _r, t=task: self._forget(t))
        task.failed.connect(lambda _e, t=task: self._forget(t))
        if with_control:
            kwargs = {**kwargs, "cancel": task.cancel_event, "progress": _Throttle(task)}
        was_idle = not self._active
        self._active.add(task)
        if was_idle:
            emit(self.busy_changed, True)
        logger.debug("task %s submitted", task.name)
        self._pool.start(_Runnable(task, lambda: fn(*args, **kwargs)))
        return task

    def _forget(self, task: Task) -> None:
        self._active.discard(task)
        task.deleteLater()
        if not self._active:
            emit(self.busy_changed, False)

    @property
    def active(self) -> int:
        return len(self._active)

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Cancel every task and wait for the workers; True when they all stopped."""
        for task in list(self._active):
            task.cancel()
        return bool(self._pool.waitForDone(timeout_ms))
