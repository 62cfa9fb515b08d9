"""Fixtures of the GUI tests: a real knowledge base on a temp data dir, and the window."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from kbclient.core.kb import KnowledgeBase
from kbclient.gui.errors import ErrorReporter
from kbclient.gui.main_window import MainWindow
from kbclient.gui.tasks import TaskRunner

FIXTURES = Path(__file__).parent / "fixtures" / "library"


@pytest.fixture
def kb(tmp_path: Path) -> Iterator[KnowledgeBase]:
    base = KnowledgeBase.open(tmp_path / "data", builtin_source=FIXTURES)
    yield base
    base.close()


@pytest.fixture
def runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    tasks = TaskRunner()
    yield tasks
    assert tasks.shutdown(), "workers did not stop"


@pytest.fixture
def reporter() -> ErrorReporter:
    return ErrorReporter(None, show_dialogs=False)


@pytest.fixture
def bare_window(
    qtbot,
    runner: TaskRunner,
    reporter: ErrorReporter,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> MainWindow:
    """The window before a knowledge base is set."""
    window = MainWindow(runner, reporter, tmp_path / "data")
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


@pytest.fixture
def window(qtbot, bare_window: MainWindow, kb: KnowledgeBase) -> MainWindow:  # type: ignore[no-untyped-def]
    """The window with the fixture library set and its overview shown."""
    with qtbot.waitSignal(bare_window.results_shown, timeout=10_000):
        bare_window.set_kb(kb)
    return bare_window


def ime_commit(widget: QWidget, text: str, preedit: str = "") -> None:
    """What an input method sends: optionally a pre-edit string, then the committed text."""
    if preedit:
        attrs = [
            QInputMethodEvent.Attribute(
                QInputMethodEvent.AttributeType.Cursor, len(preedit), 1, None
            )
        ]
        QApplication.sendEvent(widget, QInputMethodEvent(preedit, attrs))
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Key clicks for ASCII; Chinese arrives as an input method's committed text."""
    for run in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            ime_commit(widget, run)


def search(qtbot, window: MainWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type `text` into the search field and wait for its results."""
    window.search_edit.clear()
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.search_edit.setFocus()
        type_text(qtbot, window.search_edit, text)
    qtbot.waitUntil(
        lambda: (
            window.search.last_result is not None
            and window.search.last_result.query == text.strip()
        ),
        timeout=10_000,
    )


def hit_ids(window: MainWindow) -> list[str]:
    return [h.id for h in window.results_model.hits()]
