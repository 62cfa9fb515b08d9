"""The "What's new" view: documents the last sync added or changed; a click opens one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from kbclient.gui.qtcompat import emit
from kbclient.gui.sync_controller import ChangedDocument, SyncOutcome

Index = QModelIndex | QPersistentModelIndex


class WhatsNewModel(QAbstractListModel):
    """A read-only list of `ChangedDocument`s: new ones first, then updated ones."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    ChangeRole = Qt.ItemDataRole.UserRole + 2
    DocumentRole = Qt.ItemDataRole.UserRole + 3

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._docs: tuple[ChangedDocument, ...] = ()

    def set_documents(self, docs: Sequence[ChangedDocument]) -> None:
        self.beginResetModel()
        order = {"added": 0, "changed": 1}
        self._docs = tuple(sorted(docs, key=lambda d: (order.get(d.change, 2), d.title, d.id)))
        self.endResetModel()

    def documents(self) -> tuple[ChangedDocument, ...]:
        return self._docs

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._docs)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._docs):
            return None
        doc = self._docs[index.row()]
        match role:
            case Qt.ItemDataRole.DisplayRole | Qt.ItemDataRole.AccessibleTextRole:
                label = self.tr("New") if doc.change == "added" else self.tr("Updated")
                return f"{label} · {doc.title}"
            case Qt.ItemDataRole.ToolTipRole:
                return f"{doc.title}\n{doc.id} ({doc.pack})"
            case self.IdRole:
                return doc.id
            case self.ChangeRole:
                return doc.change
            case self.DocumentRole:
                return doc
        return None


class WhatsNewDialog(QDialog):
    """Lists what the last sync brought; activating an entry asks to open that document.

    Signals:
      open_requested(str): the id of the document to open in the reader.
    """

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("What's new"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.model = WhatsNewModel(self)
        self.view = QListView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("Documents added or changed by the last sync"))
        self.view.clicked.connect(self._open)
        self.view.activated.connect(self._open)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def set_outcome(self, outcome: SyncOutcome) -> None:
        report = outcome.report
        self.model.set_documents(outcome.changes)
        text = (
            self.tr("The last sync brought %1 new and %2 updated documents; %3 were removed.")
            .replace("%1", str(len(report.documents_added)))
            .replace("%2", str(len(report.documents_changed)))
            .replace("%3", str(len(report.documents_removed)))
        )
        hidden = len(report.documents_added) + len(report.documents_changed)
        hidden -= len(outcome.changes)
        if hidden > 0:
            text += " " + self.tr("(%1 more are not listed.)").replace("%1", str(hidden))
        self.summary.setText(text)

    def _open(self, index: QModelIndex) -> None:
        doc_id = index.data(WhatsNewModel.IdRole)
        if doc_id:
            emit(self.open_requested, doc_id)
