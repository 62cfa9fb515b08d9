"""The Packs window: installed content packs, import (verify → report → install), remove."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kbclient.core.library import PackInfo
from kbclient.core.packs.importer import import_pack, trust_store, verify_pack_file
from kbclient.core.packs.verify import VerifyReport
from kbclient.gui.errors import user_message
from kbclient.gui.qtcompat import emit
from kbclient.gui.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from kbclient.core.kb import InstallReport, KnowledgeBase
    from kbclient.gui.errors import ErrorReporter

logger = logging.getLogger(__name__)

Index = QModelIndex | QPersistentModelIndex
PACK_SUFFIX = ".kbpack"
DETAIL_LIMIT = 200  # document ids listed per change kind in the report

Confirm = Callable[[QWidget, str, str], bool]
ChooseFiles = Callable[[QWidget], list[Path]]


def human_size(size: int) -> str:
    """A byte count as the user's locale writes it ("1.5 MB")."""
    return QLocale().formattedDataSize(max(int(size), 0), 1)


def is_pack_drop(mime: QMimeData) -> list[Path]:
    """The local `.kbpack` files among dropped data; [] when there are none."""
    if not mime.hasUrls():
        return []
    return [
        Path(url.toLocalFile())
        for url in mime.urls()
        if url.isLocalFile() and url.toLocalFile().lower().endswith(PACK_SUFFIX)
    ]


def ask_confirmation(parent: QWidget, title: str, text: str) -> bool:
    """The production confirmation: a modal Yes/No question, No by default."""
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def choose_pack_files(parent: QWidget) -> list[Path]:
    """The production Import… chooser: a native file dialog filtered to packs."""
    names, _ = QFileDialog.getOpenFileNames(
        parent,
        QCoreApplication.translate("PacksWindow", "Import content packs"),
        "",
        QCoreApplication.translate("PacksWindow", "Content packs (*.kbpack)"),
    )
    return [Path(n) for n in names]


class PackTableModel(QAbstractTableModel):
    """A read-only table of installed `PackInfo`s, one row per pack."""

    PackRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2
    VerifiedRole = Qt.ItemDataRole.UserRole + 3
    SortRole = Qt.ItemDataRole.UserRole + 4

    (TITLE, ID, VERSION, PUBLISHER, VERIFIED, DOCUMENTS, SIZE, INSTALLED) = range(8)
    COLUMNS = 8

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._packs: tuple[PackInfo, ...] = ()

    def set_packs(self, packs: Iterable[PackInfo]) -> None:
        self.beginResetModel()
        self._packs = tuple(packs)
        self.endResetModel()

    def packs(self) -> tuple[PackInfo, ...]:
        return self._packs

    def pack(self, row: int) -> PackInfo | None:
        return self._packs[row] if 0 <= row < len(self._packs) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._packs)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (
            self.tr("Title"),
            self.tr("ID"),
            self.tr("Version"),
            self.tr("Publisher"),
            self.tr("Verified"),
            self.tr("Documents"),
            self.tr("Size"),
            self.tr("Installed"),
        )
        return names[section] if 0 <= section < len(names) else None

    def verified_text(self, pack: PackInfo) -> str:
        if pack.verified:
            return f"✓ {pack.key_id}" if pack.key_id else "✓"
        if pack.key_id:
            return self.tr("unverified (key %1)").replace("%1", pack.key_id)
        return self.tr("unverified")

    def _display(self, pack: PackInfo, column: int) -> str:
        match column:
            case self.TITLE:
                return pack.title
            case self.ID:
                return pack.id
            case self.VERSION:
                return str(pack.version)
            case self.PUBLISHER:
                return pack.publisher
            case self.VERIFIED:
                return self.verified_text(pack)
            case self.DOCUMENTS:
                return QLocale().toString(pack.doc_count)
            case self.SIZE:
                return human_size(pack.size)
            case self.INSTALLED:
                when = QDateTime.fromString(pack.installed_at, Qt.DateFormat.ISODate)
                if not when.isValid():
                    return pack.installed_at
                return QLocale().toString(when.toLocalTime(), QLocale.FormatType.ShortFormat)
        return ""

    def _sort_key(self, pack: PackInfo, column: int) -> Any:
        keys: dict[int, Any] = {
            self.VERSION: pack.version,
            self.VERIFIED: int(pack.verified),
            self.DOCUMENTS: pack.doc_count,
            self.SIZE: pack.size,
            self.INSTALLED: pack.installed_at,
        }
        return keys.get(column, self._display(pack, column).casefold())

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._packs):
            return None
        pack = self._packs[index.row()]
        column = index.column()
        match role:
            case Qt.ItemDataRole.DisplayRole | Qt.ItemDataRole.AccessibleTextRole:
                return self._display(pack, column)
            case Qt.ItemDataRole.ToolTipRole:
                return f"{pack.title}\n{pack.id} v{pack.version}\n{self.verified_text(pack)}"
            case Qt.ItemDataRole.TextAlignmentRole:
                if column in (self.VERSION, self.DOCUMENTS, self.SIZE):
                    return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                return None
            case self.PackRole:
                return pack
            case self.IdRole:
                return pack.id
            case self.VerifiedRole:
                return pack.verified
            case self.SortRole:
                return self._sort_key(pack, column)
        return None

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(
            {
                self.PackRole: b"pack",
                self.IdRole: b"packId",
                self.VerifiedRole: b"verified",
                self.SortRole: b"sortKey",
            }
        )
        return names


class VerifyReportDialog(QDialog):
    """Shows a `VerifyReport` before anything is installed; accept() means "install".

    `import_button` reads "Import" for a verified pack and "Import anyway (unverified)"
    for an unsigned or untrusted one (then `allow_unsigned` is True); `force` is True when
    the user agreed to replace a newer installed version.
    """

    def __init__(self, path: Path, report: VerifyReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.report = report
        self.allow_unsigned = not report.verified
        self.force = (
            report.base is None
            and report.installed_version is not None
            and report.version < report.installed_version
        )
        self.setWindowTitle(self.tr("Verify content pack"))
        layout = QVBoxLayout(self)
        self.warning = QLabel(self._warning_text())
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background:#fff4e5;color:#663c00;padding:6px;")
        self.warning.setVisible(bool(self.warning.text()))
        layout.addWidget(self.warning)
        form = QFormLayout()
        for label, value in self._rows():
            field = QLabel(value)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, field)
        layout.addLayout(form)
        self.details = QPlainTextEdit(self._details_text())
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Document changes"))
        self.details.setVisible(bool(self.details.toPlainText()))
        layout.addWidget(self.details)
        buttons = QDialogButtonBox()
        if self.allow_unsigned:
            text = self.tr("Import anyway (unverified)")
        elif self.force:
            text = self.tr("Replace with older version")
        else:
            text = self.tr("Import")
        self.import_button = buttons.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # an unverified pack never gets the default button: Enter must not import it
        self.import_button.setAutoDefault(not self.allow_unsigned)
        self.import_button.setDefault(not self.allow_unsigned)
        self.cancel_button.setDefault(self.allow_unsigned)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 480)

    def _warning_text(self) -> str:
        r = self.report
        lines = []
        if not r.signed:
            lines.append(
                self.tr(
                    "This pack is not signed: its origin and integrity cannot be checked. "
                    "Import it only if you trust where it came from."
                )
            )
        elif not r.verified:
            lines.append(
                self.tr(
                    "This pack is signed by key %1, which is not one of your trusted keys. "
                    "Import it only if you trust where it came from."
                ).replace("%1", r.key_id or "?")
            )
        if self.force:
            lines.append(
                self.tr("Version %1 is installed; this older version would replace it.").replace(
                    "%1", str(r.installed_version)
                )
            )
        return "\n".join(lines)

    def _rows(self) -> list[tuple[str, str]]:
        r = self.report
        if r.installed_version is None:
            version = self.tr("%1 (not installed yet)").replace("%1", str(r.version))
        else:
            version = (
                self.tr("%1 (installed: %2)")
                .replace("%1", str(r.version))
                .replace("%2", str(r.installed_version))
            )
        if r.base is not None:
            version += " · " + self.tr("update of version %1").replace("%1", str(r.base))
        if not r.signed:
            signature = self.tr("not signed")
        elif r.verified:
            signature = self.tr("valid, key %1 (trusted)").replace("%1", r.key_id or "?")
        else:
            signature = self.tr("not checked, key %1 is not trusted").replace("%1", r.key_id or "?")
        changes = (
            self.tr("%1 added, %2 changed, %3 removed, %4 unchanged")
            .replace("%1", str(len(r.added)))
            .replace("%2", str(len(r.changed)))
            .replace("%3", str(len(r.removed)))
            .replace("%4", str(r.unchanged))
        )
        if r.index == "used":
            index = self.tr("prebuilt, used as is")
        elif r.index == "none":
            index = self.tr("built on this computer")
        else:
            index = self.tr("rebuilt on this computer")
        return [
            (self.tr("Pack:"), f"{r.title or r.pack} ({r.pack})"),
            (self.tr("Version:"), version),
            (self.tr("Publisher:"), r.publisher or "—"),
            (self.tr("Signature:"), signature),
            (self.tr("Files checked:"), QLocale().toString(r.files_checked)),
            (self.tr("Documents:"), QLocale().toString(r.documents)),
            (self.tr("Changes:"), changes),
            (self.tr("Disk space needed:"), human_size(r.bytes_needed)),
            (self.tr("Search index:"), index),
        ]

    def _details_text(self) -> str:
        lines: list[str] = []
        for mark, ids in (("+", self.report.added), ("~", self.report.changed)):
            lines.extend(f"{mark} {doc_id}" for doc_id in ids[:DETAIL_LIMIT])
        lines.extend(f"− {doc_id}" for doc_id in self.report.removed[:DETAIL_LIMIT])
        return "\n".join(lines)


class PacksWindow(QDialog):
    """Lists installed packs; imports (also by drop) and removes them in the background.

    Signals:
      packsChanged(): a pack was installed or removed (the main window refreshes search).
      imported(object): an import finished (the core's InstallReport).
      message(str): a translated one-line status or error message (also shown inline).
      busyChanged(bool): a verification, import or removal started or ended.
    """

    packsChanged = Signal()
    imported = Signal(object)
    message = Signal(str)
    busyChanged = Signal(bool)

    def __init__(
        self,
        kb: KnowledgeBase,
        runner: TaskRunner,
        parent: QWidget | None = None,
        *,
        reporter: ErrorReporter | None = None,
        confirm: Confirm = ask_confirmation,
        choose_files: ChooseFiles = choose_pack_files,
    ) -> None:
        super().__init__(parent)
        self.kb = kb
        self.runner = runner
        self.reporter = reporter
        self._confirm = confirm
        self._choose_files = choose_files
        self._task: Task | None = None
        self._queue: list[Path] = []
        self.report_dialog: VerifyReportDialog | None = None
        self.setWindowTitle(self.tr("Content packs"))
        self.setAcceptDrops(True)
        self._build()
        self.refresh()

    def _build(self) -> None:
        self.model = PackTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(PackTableModel.SortRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(PackTableModel.TITLE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.import_button = QPushButton(self.tr("Import…"))
        self.import_button.clicked.connect(self.choose_and_import)
        self.remove_button = QPushButton(self.tr("Remove"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close)
        self.hint = QLabel(self.tr("Drop .kbpack files here to import them."))
        self.message_label = QLabel()
        self.message_label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)

        buttons = QHBoxLayout()
        for b in (self.import_button, self.remove_button, self.refresh_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addLayout(progress_row)
        layout.addWidget(self.message_label)
        layout.addLayout(buttons)
        self.resize(900, 420)
        self._update_buttons()

    # -- state ---------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        return self._task is not None or self.report_dialog is not None

    def selected_pack(self) -> PackInfo | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        pack = rows[0].data(PackTableModel.PackRole)
        return pack if isinstance(pack, PackInfo) else None

    def select_pack(self, pack_id: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(PackTableModel.IdRole) == pack_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self, *_args: object) -> None:
        busy = self.busy
        self.import_button.setEnabled(not busy)
        self.remove_button.setEnabled(not busy and self.selected_pack() is not None)

    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        emit(self.message, text)

    def _start(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        """Submit `fn`; with a synchronous pool it may have reported before this returns."""
        self._task = None
        task = self.runner.submit(fn, *args, **kwargs)
        if not task.done:
            self._task = task
            self.cancel_button.setEnabled(True)
            self.cancel_button.setVisible(bool(kwargs.get("with_control")))
        self._update_buttons()
        emit(self.busyChanged, self.busy)

    def _task_ended(self) -> None:
        self._task = None
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._update_buttons()
        emit(self.busyChanged, self.busy)

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setVisible(True)
        self.progress.setMaximum(max(total, 0))
        self.progress.setValue(min(done, total) if total > 0 else 0)

    def _error_text(self, exc: BaseException) -> str:
        """The one-line message for `exc`; unexpected errors also go to the reporter."""
        text = user_message(exc)
        if text is not None:
            return text
        if self.reporter is not None:
            self.reporter.report(exc)
        else:
            emit(self.runner.unhandled, exc)
        return self.tr("Unexpected error: %1").replace("%1", type(exc).__name__)

    def _failed(self, exc: BaseException) -> None:
        self._task_ended()
        self.show_message(self._error_text(exc))
        self._next_in_queue()

    def cancel(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.cancel_button.setEnabled(False)

    # -- listing -------------------------------------------------------------------------
    def refresh(self) -> None:
        self.runner.submit(
            self.kb.packs,
            name="list packs",
            on_finished=self._listed,
            on_failed=self._refresh_failed,
        )

    def _refresh_failed(self, exc: BaseException) -> None:
        self.show_message(self._error_text(exc))

    def _listed(self, packs: Sequence[PackInfo]) -> None:
        selected = self.selected_pack()
        self.model.set_packs(packs)
        if selected is not None:
            self.select_pack(selected.id)
        self._update_buttons()

    # -- removing ------------------------------------------------------------------------
    def remove_selected(self) -> None:
        pack = self.selected_pack()
        if pack is None or self.busy:
            return
        question = (
            self.tr("Remove the pack “%1” (%2) and its %3 documents from the library?")
            .replace("%1", pack.title)
            .replace("%2", pack.id)
            .replace("%3", str(pack.doc_count))
        )
        if not self._confirm(self, self.tr("Remove pack"), question):
            return
        self.show_message(self.tr("Removing %1…").replace("%1", pack.id))
        self._start(
            self.kb.remove_pack,
            pack.id,
            name=f"remove pack {pack.id}",
            on_finished=lambda n, p=pack: self._removed(p, n),
            on_failed=self._failed,
        )

    def _removed(self, pack: PackInfo, count: int) -> None:
        self._task_ended()
        self.show_message(
            self.tr("Removed %1 (%2 documents).").replace("%1", pack.id).replace("%2", str(count))
        )
        self.refresh()
        emit(self.packsChanged)

    # -- importing -----------------------------------------------------------------------
    def choose_and_import(self) -> None:
        paths = self._choose_files(self)
        if paths:
            self.import_files(paths)

    def import_files(self, paths: Iterable[Path]) -> None:
        """Verify, show the report for, and (if accepted) install each pack in turn."""
        self._queue.extend(Path(p) for p in paths)
        if not self.busy:
            self._next_in_queue()

    def _next_in_queue(self) -> None:
        if self.busy or not self._queue:
            return
        path = self._queue.pop(0)
        self.show_message(self.tr("Verifying %1…").replace("%1", path.name))
        self._show_progress(0, 0)
        self._start(
            _verify,
            self.kb,
            path,
            name=f"verify {path.name}",
            with_control=True,
            on_finished=lambda report, p=path: self._verified(p, report),
            on_failed=self._failed,
            on_progress=self._show_progress,
        )

    def _verified(self, path: Path, report: VerifyReport) -> None:
        self._task_ended()
        self.show_message("")
        dialog = VerifyReportDialog(path, report, self)
        self.report_dialog = dialog
        dialog.accepted.connect(lambda d=dialog: self._install(d))
        dialog.rejected.connect(lambda d=dialog: self._declined(d))
        self._update_buttons()
        dialog.open()

    def _declined(self, dialog: VerifyReportDialog) -> None:
        self._close_report(dialog)
        self.show_message(self.tr("%1 was not imported.").replace("%1", dialog.path.name))
        self._next_in_queue()

    def _close_report(self, dialog: VerifyReportDialog) -> None:
        if self.report_dialog is dialog:
            self.report_dialog = None
        dialog.deleteLater()

    def _install(self, dialog: VerifyReportDialog) -> None:
        self._close_report(dialog)
        path = dialog.path
        self.show_message(self.tr("Importing %1…").replace("%1", path.name))
        self._show_progress(0, 0)
        self._start(
            import_pack,
            self.kb,
            path,
            allow_unsigned=dialog.allow_unsigned,
            force=dialog.force,
            name=f"import {path.name}",
            with_control=True,
            on_finished=self._installed,
            on_failed=self._failed,
            on_progress=self._show_progress,
        )

    def _installed(self, report: InstallReport) -> None:
        self._task_ended()
        self.show_message(
            self.tr("Imported %1 version %2: %3 added, %4 changed, %5 removed.")
            .replace("%1", report.pack)
            .replace("%2", str(report.version))
            .replace("%3", str(len(report.added)))
            .replace("%4", str(len(report.changed)))
            .replace("%5", str(len(report.removed)))
        )
        self.refresh()
        emit(self.imported, report)
        emit(self.packsChanged)
        self._next_in_queue()

    # -- drag and drop, closing ------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if is_pack_drop(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = is_pack_drop(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_files(paths)
        else:
            event.ignore()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._queue.clear()
        self.cancel()
        super().closeEvent(event)


def _verify(kb: KnowledgeBase, path: Path, **control: Any) -> VerifyReport:
    """Verify on a worker, opening untrusted packs too: the report shows what they are.

    A signature by a trusted key that does not verify still fails (that is tampering).
    """
    return verify_pack_file(kb, path, trust=trust_store(kb), allow_unsigned=True, **control)
