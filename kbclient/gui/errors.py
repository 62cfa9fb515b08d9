"""The one place where core exceptions become translated messages; crash reporting; logs.

Expected failures (subclasses of `KbError`) get a one-line translated message shown in
the window. Anything else is logged with its traceback and shown in `CrashDialog`, with
copyable details and the log file's location.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kbclient.core import errors as core_errors
from kbclient.gui.qtcompat import emit

logger = logging.getLogger(__name__)

LOG_FILE_NAME = "kbclient.log"
TR_CONTEXT = "ErrorMessages"


def _tr(text: str) -> str:
    return QCoreApplication.translate(TR_CONTEXT, text)


def user_message(exc: BaseException) -> str | None:
    """A translated one-line message for an expected error, or None if it is unexpected.

    Most specific types first; the core's own str() (already safe to show: see
    core/errors.py) is appended where it names the thing that failed.
    """
    detail = str(exc)
    if isinstance(exc, core_errors.Cancelled):
        return _tr("The operation was cancelled; nothing was changed.")
    if isinstance(exc, core_errors.DocumentNotFound):
        return _tr("The document %1 is not in the library.").replace("%1", exc.doc_id)
    if isinstance(exc, core_errors.DocumentError):
        return _tr("A document is malformed: %1").replace("%1", detail)
    if isinstance(exc, core_errors.SearchIndexError):
        return _tr("The search index needs repair: %1").replace("%1", detail)
    if isinstance(exc, core_errors.QueryError):
        return _tr("The query cannot be searched: %1").replace("%1", detail)
    if isinstance(exc, core_errors.SignatureError):
        return _tr("Signature check failed: %1").replace("%1", detail)
    if isinstance(exc, core_errors.PackError):
        return _tr("The content pack was refused: %1").replace("%1", detail)
    if is_wrong_password(exc):
        return _tr("The server did not accept the user name or password; enter them again.")
    if isinstance(exc, core_errors.AuthError) and detail.startswith("access forbidden"):
        return _tr("The server refused access (%1); ask an administrator for access.").replace(
            "%1", detail
        )
    if isinstance(exc, core_errors.AuthError):
        return _tr("The server refused the credentials: %1").replace("%1", detail)
    if isinstance(exc, core_errors.CredentialError) and "keyring" not in detail:
        return _tr("The password cannot be kept: %1").replace("%1", detail)
    if isinstance(exc, core_errors.CredentialError):
        return _tr("The system keyring is not available: %1").replace("%1", detail)
    if is_offline(exc):
        return _tr(
            "Cannot reach the server (%1); you may be offline. The library is unchanged."
        ).replace("%1", detail)
    if isinstance(exc, core_errors.SyncError):
        return _tr("Sync failed; the library is unchanged: %1").replace("%1", detail)
    if isinstance(exc, core_errors.AnnotationError):
        return _tr("The annotation cannot be saved: %1").replace("%1", detail)
    if isinstance(exc, core_errors.LibraryError):
        return _tr("The library cannot be opened or changed: %1").replace("%1", detail)
    if isinstance(exc, core_errors.KbError):
        return _tr("Error: %1").replace("%1", detail)
    return None


def is_wrong_password(exc: BaseException) -> bool:
    """A 401: the server did not accept the user name or password.

    The core raises `AuthError` for 401 and 403 alike and tells them apart in its wording
    ("wrong user name or password for …" / "access forbidden to …", see docs/SYNC.md).
    """
    return isinstance(exc, core_errors.AuthError) and str(exc).startswith(
        "wrong user name or password"
    )


def is_offline(exc: BaseException) -> bool:
    """The remote could not be reached at all: offline, connection refused, no route, or
    an unmounted share (not a TLS failure, which needs the user's attention)."""
    if not isinstance(exc, core_errors.SyncError):
        return False
    text = str(exc)
    if "certificate" in text:
        return False
    return text.startswith(("cannot connect to ", "cannot reach ")) or (
        text.startswith("the remote folder ") and "is the share mounted" in text
    )


def setup_logging(log_dir: Path) -> Path:
    """Log to a rotating file in `log_dir` (1 MB × 5); returns the log file's path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE_NAME
    root = logging.getLogger()
    if not any(getattr(h, "_kbclient", False) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=5, encoding="utf-8"
        )
        handler._kbclient = True  # type: ignore[attr-defined]
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s")
        )
        handler.setLevel(logging.INFO)
        root.addHandler(handler)
        if root.level > logging.INFO or root.level == logging.NOTSET:
            root.setLevel(logging.INFO)
    return path


def format_exception(exc: BaseException) -> str:
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


class CrashDialog(QDialog):
    """Shows an unexpected error: what happened, copyable details, where the log is."""

    def __init__(
        self, exc: BaseException, log_path: Path | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Unexpected error"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr("Something went wrong. The details below can be copied into a bug report.")
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.details = QPlainTextEdit(format_exception(exc))
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Error details"))
        layout.addWidget(self.details)
        if log_path is not None:
            where = QLabel(self.tr("Log file: %1").replace("%1", str(log_path)))
            where.setTextInteractionFlags(
                where.textInteractionFlags() | where.textInteractionFlags().TextSelectableByMouse
            )
            layout.addWidget(where)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Copy details"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 400)

    def copy_details(self) -> None:
        QApplication.clipboard().setText(self.details.toPlainText())


class ErrorReporter(QObject):
    """Routes every failure: expected → `message(str)`, unexpected → logged + CrashDialog.

    Signals:
      message(str): a translated one-line message for the window's banner/status bar.
      crashed(object): an unexpected exception was reported (after logging).
    """

    message = Signal(str)
    crashed = Signal(object)

    def __init__(
        self,
        log_path: Path | None = None,
        *,
        show_dialogs: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.show_dialogs = show_dialogs
        self.dialog_parent: QWidget | None = None
        self._previous_hook = None

    def report(self, exc: BaseException) -> None:
        text = user_message(exc)
        if text is not None:
            logger.info("expected error: %s: %s", type(exc).__name__, exc)
            emit(self.message, text)
            return
        logger.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
        emit(self.crashed, exc)
        if self.show_dialogs:
            CrashDialog(exc, self.log_path, self.dialog_parent).exec()

    def install_excepthook(self) -> None:
        """Send uncaught exceptions (e.g. raised in a slot) to `report`."""
        self._previous_hook = sys.excepthook

        def hook(
            etype: type[BaseException], value: BaseException, tb: TracebackType | None
        ) -> None:
            if issubclass(etype, KeyboardInterrupt):
                QApplication.quit()
                return
            value.__traceback__ = tb
            self.report(value)

        sys.excepthook = hook

    def uninstall_excepthook(self) -> None:
        if self._previous_hook is not None:
            sys.excepthook = self._previous_hook
            self._previous_hook = None
