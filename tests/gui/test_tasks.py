"""TaskRunner: results, failures and progress arrive on the GUI thread; cancel tokens."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from kbclient.core.errors import Cancelled
from kbclient.core.progress import check_cancel
from kbclient.gui.tasks import SynchronousPool, TaskRunner


def test_result_arrives_on_gui_thread(qtbot, runner: TaskRunner) -> None:
    gui_thread = QThread.currentThread()
    worker_threads: list[object] = []
    slot_threads: list[object] = []

    def work() -> int:
        worker_threads.append(threading.current_thread())
        return 42

    got: list[int] = []
    task = runner.submit(
        work, on_finished=lambda r: (got.append(r), slot_threads.append(QThread.currentThread()))
    )
    qtbot.waitUntil(lambda: got == [42], timeout=5000)
    assert task is not None
    assert worker_threads[0] is not threading.main_thread()
    assert slot_threads == [gui_thread]


def test_failure_and_progress(qtbot, runner: TaskRunner) -> None:
    progress: list[tuple[int, int]] = []
    errors: list[BaseException] = []

    def work(*, progress, cancel):  # type: ignore[no-untyped-def]
        for i in range(3):
            progress(i + 1, 3)
        raise ValueError("boom")

    runner.submit(
        work,
        with_control=True,
        on_progress=lambda d, t: progress.append((d, t)),
        on_failed=errors.append,
    )
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert progress == [(1, 3), (3, 3)]  # throttled; the last report always arrives
    assert isinstance(errors[0], ValueError) and errors[0].__traceback__ is not None


def test_unhandled_failure_is_signalled(qtbot, runner: TaskRunner) -> None:
    with qtbot.waitSignal(runner.unhandled, timeout=5000) as blocker:
        runner.submit(lambda: 1 / 0)
    assert isinstance(blocker.args[0], ZeroDivisionError)


def test_cancel_token_stops_work(qtbot, runner: TaskRunner) -> None:
    started = threading.Event()
    errors: list[BaseException] = []

    def work(*, progress, cancel):  # type: ignore[no-untyped-def]
        started.set()
        while True:
            check_cancel(cancel)
            cancel.wait(0.01)

    task = runner.submit(work, with_control=True, on_failed=errors.append)
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], Cancelled)
    assert runner.active == 0


def test_synchronous_pool_runs_inline(qtbot) -> None:
    tasks = TaskRunner(pool=SynchronousPool())
    got: list[str] = []
    busy: list[bool] = []
    tasks.busy_changed.connect(busy.append)
    tasks.submit(lambda x: x * 2, "ab", on_finished=got.append)
    assert got == ["abab"]
    assert busy == [True, False]
    with pytest.raises(AssertionError):
        assert not tasks.shutdown()


def test_emitting_many_signals_keeps_true_alive(qtbot) -> None:
    """Guards the PySide6 6.12 emit() reference leak (see kbclient/gui/qtcompat.py)."""
    import sys

    from kbclient.gui.qtcompat import emit

    tasks = TaskRunner(pool=SynchronousPool())
    before = sys.getrefcount(True)
    for _ in range(2000):
        emit(tasks.busy_changed, True)
    assert sys.getrefcount(True) >= before
