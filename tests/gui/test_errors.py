"""Core errors become one translated line in one place; the rest is a crash report."""

from __future__ import annotations

import logging
from pathlib import Path

from kbclient.core import errors as core_errors
from kbclient.gui.errors import CrashDialog, ErrorReporter, setup_logging, user_message


def test_every_core_error_has_a_message() -> None:
    samples = [
        core_errors.DocumentNotFound("x-1"),
        core_errors.DocumentError("f.md", "bad", line=3),
        core_errors.SearchIndexError("broken"),
        core_errors.QueryError("q"),
        core_errors.PackError("p"),
        core_errors.SignatureError("s"),
        core_errors.AuthError("a"),
        core_errors.CredentialError("c"),
        core_errors.SyncError("s"),
        core_errors.AnnotationError("a"),
        core_errors.LibraryError("l"),
        core_errors.Cancelled(),
        core_errors.KbError("k"),
    ]
    for exc in samples:
        text = user_message(exc)
        assert text and "\n" not in text and "Traceback" not in text
    assert "x-1" in user_message(samples[0])
    assert user_message(ValueError("x")) is None


def test_reporter_routes_expected_and_unexpected(qtbot, tmp_path: Path) -> None:
    reporter = ErrorReporter(tmp_path / "k.log", show_dialogs=False)
    with qtbot.waitSignal(reporter.message) as blocker:
        reporter.report(core_errors.PackError("bad zip"))
    assert "bad zip" in blocker.args[0]
    with qtbot.waitSignal(reporter.crashed):
        try:
            raise RuntimeError("unexpected")
        except RuntimeError as exc:
            reporter.report(exc)


def test_crash_dialog_has_copyable_details_and_log_path(qtbot, tmp_path: Path) -> None:
    try:
        raise RuntimeError("kaputt")
    except RuntimeError as exc:
        dialog = CrashDialog(exc, tmp_path / "kbclient.log")
    qtbot.addWidget(dialog)
    assert "RuntimeError: kaputt" in dialog.details.toPlainText()
    assert "Traceback" in dialog.details.toPlainText()
    dialog.copy_details()
    from PySide6.QtWidgets import QApplication

    assert "kaputt" in QApplication.clipboard().text()


def test_logs_rotate_in_the_log_dir(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    level = root.level
    try:
        path = setup_logging(tmp_path / "logs")
        logging.getLogger("kbclient.test").warning("hello %s", "log")
        handler = next(h for h in root.handlers if h not in before)
        handler.flush()
        assert "hello log" in path.read_text(encoding="utf-8")
        assert handler.maxBytes > 0 and handler.backupCount > 0  # type: ignore[attr-defined]
    finally:
        for h in list(root.handlers):
            if h not in before:
                root.removeHandler(h)
                h.close()
        root.setLevel(level)
