"""The Build pack… dialog (administrators): check a source folder, then build and sign a pack."""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kbclient.core.errors import PackError
from kbclient.core.packs.build import (
    BuildResult,
    PackBuildError,
    build_pack,
    read_base_manifest,
    read_meta,
    validate_source,
)
from kbclient.core.packs.minisign import SecretKey
from kbclient.core.progress import Progress, no_progress
from kbclient.gui.errors import user_message
from kbclient.gui.packs_window import PACK_SUFFIX, ask_confirmation, human_size
from kbclient.gui.qtcompat import emit
from kbclient.gui.tasks import Task, TaskRunner

logger = logging.getLogger(__name__)

AskPassword = Callable[[QWidget, str], str | None]
Confirm = Callable[[QWidget, str, str], bool]

# "file:line: message" or "file: message", as the core words its problems
_PROBLEM_RE = re.compile(r"^(?P<file>.+?)(?::(?P<line>\d+))?: (?P<message>.+)$", re.DOTALL)


@dataclass(frozen=True)
class Problem:
    """One validation problem of a source folder, split for display."""

    file: str
    line: int | None
    message: str


def split_problem(text: str) -> Problem:
    match = _PROBLEM_RE.match(text)
    if match is None:
        return Problem("", None, text)
    line = match["line"]
    return Problem(match["file"], int(line) if line else None, match["message"])


def check_source(src: Path, base: Path | None = None) -> tuple[int, list[Problem]]:
    """Everything `build_pack` would refuse, without writing: (documents, problems)."""
    if not src.is_dir():
        return 0, [Problem(str(src), None, "not a folder")]
    problems: list[Problem] = []
    try:
        read_meta(src)
    except PackError as exc:
        problems.append(Problem("pack.json", None, str(exc)))
    docs, texts = validate_source(src)
    problems.extend(split_problem(t) for t in texts)
    if base is not None:
        try:
            read_base_manifest(base)
        except PackError as exc:
            problems.append(Problem(base.name, None, str(exc)))
    return len(docs), problems


class PasswordNeeded(Exception):
    """The signing key is encrypted and no password was given yet (asked on the GUI thread)."""


@dataclass(frozen=True)
class BuiltPack:
    result: BuildResult
    size: int


def _build(
    src: Path,
    out: Path,
    key_path: Path | None,
    password: str | None,
    base: Path | None,
    with_index: bool,
    *,
    progress: Progress = no_progress,
    cancel: threading.Event | None = None,
) -> BuiltPack:
    """The worker: load the signing key (never logging the password), then build."""

    def give_password() -> str:
        if password is None:
            raise PasswordNeeded()
        return password

    key = SecretKey.load(key_path, give_password) if key_path is not None else None
    result = build_pack(
        src, out, sign_key=key, base=base, with_index=with_index, progress=progress, cancel=cancel
    )
    return BuiltPack(result, out.stat().st_size)


def ask_password(parent: QWidget, key_name: str) -> str | None:
    """The production password prompt: masked input; None when cancelled."""
    text, ok = QInputDialog.getText(
        parent,
        QCoreApplication.translate("BuildPackDialog", "Signing key password"),
        QCoreApplication.translate("BuildPackDialog", "Password for the signing key %1:").replace(
            "%1", key_name
        ),
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


class BuildPackDialog(QDialog):
    """Source folder, optional base pack and signing key, output file, index option.

    Signals:
      checked(object): a check finished (the list of `Problem`s; empty when all is well).
      built(object): a pack was written (the core's BuildResult).
    """

    checked = Signal(object)
    built = Signal(object)

    def __init__(
        self,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        ask_password: AskPassword = ask_password,
        confirm: Confirm = ask_confirmation,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self._ask_password = ask_password
        self._confirm = confirm
        self._task: Task | None = None
        self.setWindowTitle(self.tr("Build content pack"))
        self._build_widgets()

    def _path_row(self, edit: QLineEdit, browse: Callable[[], None]) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit, 1)
        button = QPushButton(self.tr("Browse…"))
        button.clicked.connect(browse)
        layout.addWidget(button)
        return row

    def _build_widgets(self) -> None:
        self.source_edit = QLineEdit()
        self.base_edit = QLineEdit()
        self.base_edit.setPlaceholderText(
            self.tr("optional: the previous full pack, for an update")
        )
        self.key_edit = QLineEdit()
        self.key_edit.setPlaceholderText(self.tr("optional: a minisign secret key"))
        self.output_edit = QLineEdit()
        self.index_check = QCheckBox(self.tr("Include the search index"))
        self.index_check.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("Source folder:"), self._path_row(self.source_edit, self._browse_src))
        form.addRow(self.tr("Base pack:"), self._path_row(self.base_edit, self._browse_base))
        form.addRow(self.tr("Signing key:"), self._path_row(self.key_edit, self._browse_key))
        form.addRow(self.tr("Output file:"), self._path_row(self.output_edit, self._browse_out))
        form.addRow("", self.index_check)
        self.problems_list = QListWidget()
        self.problems_list.setAccessibleName(self.tr("Validation problems"))
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.check_button = QPushButton(self.tr("Check"))
        self.check_button.clicked.connect(self.check)
        self.build_button = QPushButton(self.tr("Build"))
        self.build_button.clicked.connect(self.build)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.reject)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.build_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Problems (file — line — message):")))
        layout.addWidget(self.problems_list, 1)
        layout.addLayout(progress_row)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)
        self.resize(640, 480)

    # -- choosing paths --------------------------------------------------------------------
    def _browse_src(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Source folder"))
        if folder:
            self.source_edit.setText(folder)

    def _browse_base(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Base pack"), "", self.tr("Content packs (*.kbpack)")
        )
        if name:
            self.base_edit.setText(name)

    def _browse_key(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Signing key"))
        if name:
            self.key_edit.setText(name)

    def _browse_out(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Output file"), "", self.tr("Content packs (*.kbpack)")
        )
        if name:
            if not name.lower().endswith(PACK_SUFFIX):
                name += PACK_SUFFIX
            self.output_edit.setText(name)

    @staticmethod
    def _path(edit: QLineEdit) -> Path | None:
        text = edit.text().strip()
        return Path(text).expanduser() if text else None

    # -- running -----------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._task is not None

    def _set_busy(self, task: Task | None, cancellable: bool) -> None:
        self._task = task if task is not None and not task.done else None
        busy = self._task is not None
        self.check_button.setEnabled(not busy)
        self.build_button.setEnabled(not busy)
        self.progress.setVisible(busy and cancellable)
        self.cancel_button.setVisible(busy and cancellable)
        self.cancel_button.setEnabled(True)

    def _ended(self) -> None:
        self._set_busy(None, False)

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 0))
        self.progress.setValue(min(done, total) if total > 0 else 0)

    def show_problems(self, problems: list[Problem]) -> None:
        self.problems_list.clear()
        for p in problems:
            parts = [p.file or "—"]
            if p.line is not None:
                parts.append(str(p.line))
            parts.append(p.message)
            item = QListWidgetItem(" — ".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, p)
            item.setToolTip(p.message)
            self.problems_list.addItem(item)

    def problems(self) -> list[Problem]:
        return [
            self.problems_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.problems_list.count())
        ]

    def check(self) -> None:
        """Validate the source folder (and base pack) in the background; writes nothing."""
        src = self._path(self.source_edit)
        if src is None or self.busy:
            self.message_label.setText(self.tr("Choose a source folder."))
            return
        self.problems_list.clear()
        self.message_label.setText(self.tr("Checking %1…").replace("%1", str(src)))
        task = self.runner.submit(
            check_source,
            src,
            self._path(self.base_edit),
            name="check pack source",
            on_finished=self._checked,
            on_failed=self._failed,
        )
        if not task.done:
            self._set_busy(task, False)

    def _checked(self, outcome: tuple[int, list[Problem]]) -> None:
        self._ended()
        count, problems = outcome
        self.show_problems(problems)
        if problems:
            self.message_label.setText(
                self.tr("%1 problems found; fix them before building.").replace(
                    "%1", str(len(problems))
                )
            )
        else:
            self.message_label.setText(
                self.tr("No problems: %1 documents are ready to build.").replace("%1", str(count))
            )
        emit(self.checked, problems)

    def build(self) -> None:
        """Build the pack in the background; asks for the key's password only if needed."""
        self._start_build(None)

    def _start_build(self, password: str | None) -> None:
        src = self._path(self.source_edit)
        out = self._path(self.output_edit)
        if self.busy:
            return
        if src is None:
            self.message_label.setText(self.tr("Choose a source folder."))
            return
        if out is None:
            self.message_label.setText(self.tr("Choose an output file."))
            return
        if not out.parent.is_dir():
            self.message_label.setText(
                self.tr("The folder %1 does not exist.").replace("%1", str(out.parent))
            )
            return
        if password is None and out.exists():
            question = self.tr("%1 exists. Replace it?").replace("%1", str(out))
            if not self._confirm(self, self.tr("Build content pack"), question):
                return
        self.problems_list.clear()
        self.message_label.setText(self.tr("Building %1…").replace("%1", out.name))
        self.progress.setMaximum(0)
        task = self.runner.submit(
            _build,
            src,
            out,
            self._path(self.key_edit),
            password,
            self._path(self.base_edit),
            self.index_check.isChecked(),
            name="build pack",
            with_control=True,
            on_finished=self._built,
            on_failed=self._failed,
            on_progress=self._show_progress,
        )
        self._set_busy(task, True)

    def _built(self, built: BuiltPack) -> None:
        self._ended()
        r = built.result
        self.message_label.setText(
            self.tr("Built %1: %2 documents, %3.")
            .replace("%1", str(r.path))
            .replace("%2", str(r.documents))
            .replace("%3", human_size(built.size))
        )
        emit(self.built, r)

    def _failed(self, exc: BaseException) -> None:
        self._ended()
        if isinstance(exc, PasswordNeeded):
            key = self._path(self.key_edit)
            password = self._ask_password(self, key.name if key else "")
            if password:
                self._start_build(password)
            else:
                self.message_label.setText(self.tr("No password given; nothing was written."))
            return
        if isinstance(exc, PackBuildError):
            self.show_problems([split_problem(p) for p in exc.problems])
        text = user_message(exc)
        if text is None:
            logger.error("building a pack failed", exc_info=(type(exc), exc, exc.__traceback__))
            emit(self.runner.unhandled, exc)
            text = self.tr("Unexpected error: %1").replace("%1", type(exc).__name__)
        self.message_label.setText(text)

    def reject(self) -> None:
        self.cancel()
        super().reject()
