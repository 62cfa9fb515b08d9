"""The annotations panel: the open document's annotations, filters, orphans, the note editor."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kbclient.core.annotations.model import Annotation
from kbclient.gui.annotation_editor import NoteEditor
from kbclient.gui.annotations_model import AnnotationFilterModel, AnnotationListModel
from kbclient.gui.qtcompat import emit


def _list_view(model: AnnotationFilterModel) -> QListView:
    view = QListView()
    view.setModel(model)
    view.setWordWrap(True)
    view.setUniformItemSizes(False)
    view.setAlternatingRowColors(False)
    view.setSpacing(2)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view


class AnnotationsPanel(QWidget):
    """Lists one document's annotations; own ones can be edited and deleted.

    Signals:
      annotation_activated(str): an anchored annotation was clicked (its id): show it.
      edit_requested(str): edit one's own annotation (its id).
      delete_requested(str): delete one's own annotation (its id).
    """

    annotation_activated = Signal(str)
    edit_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = AnnotationListModel(self)
        self.anchored = AnnotationFilterModel(orphaned=False, parent=self)
        self.anchored.setSourceModel(self.model)
        self.orphans = AnnotationFilterModel(orphaned=True, parent=self)
        self.orphans.setSourceModel(self.model)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.author_combo = QComboBox()
        self.tag_combo = QComboBox()
        self.list_view = _list_view(self.anchored)
        self.orphan_label = QLabel()
        self.orphan_label.setWordWrap(True)
        self.orphan_view = _list_view(self.orphans)
        self.edit_button = QPushButton()
        self.delete_button = QPushButton()
        self.read_only_label = QLabel()
        self.editor = NoteEditor()

        self.author_combo.currentIndexChanged.connect(self._filter)
        self.tag_combo.currentIndexChanged.connect(self._filter)
        self.list_view.clicked.connect(self._on_clicked)
        self.list_view.activated.connect(self._on_clicked)
        self.list_view.doubleClicked.connect(self._on_double_clicked)
        self.orphan_view.doubleClicked.connect(self._on_double_clicked)
        for view in (self.list_view, self.orphan_view):
            view.selectionModel().currentChanged.connect(self._update_buttons)
        self.list_view.clicked.connect(lambda _i: self.orphan_view.clearSelection())
        self.orphan_view.clicked.connect(lambda _i: self.list_view.clearSelection())
        self.orphan_view.clicked.connect(self._update_buttons)
        self.list_view.clicked.connect(self._update_buttons)
        self.editor.opened.connect(self._give_editor_room)
        self.edit_button.clicked.connect(self._edit_selected)
        self.delete_button.clicked.connect(self._delete_selected)

        filters = QHBoxLayout()
        filters.addWidget(self.author_combo, 1)
        filters.addWidget(self.tag_combo, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.read_only_label, 1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        lists = QWidget()
        ll = QVBoxLayout(lists)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.summary)
        ll.addLayout(filters)
        ll.addWidget(self.list_view, 3)
        ll.addWidget(self.orphan_label)
        ll.addWidget(self.orphan_view, 1)
        ll.addLayout(buttons)
        self.splitter = QSplitter()
        self.splitter.setOrientation(self.splitter.orientation().Vertical)
        self.splitter.addWidget(lists)
        self.splitter.addWidget(self.editor)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)
        self.retranslate()
        self._update_orphans()
        self._update_buttons()

    def _give_editor_room(self) -> None:
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if len(sizes) == 2 and sizes[1] < total // 3:
            self.splitter.setSizes([total - total // 2, total // 2])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.author_combo.setAccessibleName(self.tr("Filter by author"))
        self.tag_combo.setAccessibleName(self.tr("Filter by tag"))
        self.list_view.setAccessibleName(self.tr("Annotations"))
        self.orphan_view.setAccessibleName(self.tr("Orphaned annotations"))
        self.edit_button.setText(self.tr("&Edit"))
        self.delete_button.setText(self.tr("&Delete"))
        self.orphan_label.setText(
            self.tr(
                "<b>Orphaned</b> — the passage of these could not be found in the current "
                "text. They are kept; their quotes are shown here."
            )
        )
        self._fill_filters()
        self._update_summary()
        self._update_buttons()

    # -- content -----------------------------------------------------------------------
    def set_annotations(self, items: Sequence[Annotation], me: str) -> None:
        """Show `items` (one document's); keeps the filters if their values still exist."""
        selected = self.selected()
        self.model.set_annotations(items, me)
        self._fill_filters()
        self._update_orphans()
        self._update_summary()
        if selected is not None:
            self.select(selected.id)
        self._update_buttons()

    def _fill_filters(self) -> None:
        items = self.model.annotations()
        authors = sorted({a.author for a in items})
        tags = sorted({t for a in items for t in a.tags}, key=str.casefold)
        for combo, values, everyone in (
            (self.author_combo, authors, self.tr("All authors")),
            (self.tag_combo, tags, self.tr("All tags")),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everyone, "")
            for value in values:
                combo.addItem(value, value)
            i = combo.findData(current) if current else 0
            combo.setCurrentIndex(max(i, 0))
            combo.blockSignals(False)
        self._filter()

    def set_filter(self, author: str | None = None, tag: str | None = None) -> None:
        """Choose the author and tag filters (None: all)."""
        self.author_combo.setCurrentIndex(max(self.author_combo.findData(author or ""), 0))
        self.tag_combo.setCurrentIndex(max(self.tag_combo.findData(tag or ""), 0))
        self._filter()

    def _filter(self) -> None:
        author = str(self.author_combo.currentData() or "")
        tag = str(self.tag_combo.currentData() or "")
        for proxy in (self.anchored, self.orphans):
            proxy.set_filter(author, tag)
        self._update_orphans()
        self._update_summary()

    def _update_orphans(self) -> None:
        has = any(a.orphaned for a in self.model.annotations())
        self.orphan_label.setVisible(has)
        self.orphan_view.setVisible(has)

    def _update_summary(self) -> None:
        total = self.model.rowCount()
        shown = self.anchored.rowCount() + self.orphans.rowCount()
        if total == 0:
            self.summary.setText(
                self.tr("No annotations. Select text in the document to highlight or annotate it.")
            )
        elif shown == total:
            self.summary.setText(self.tr("%1 annotations").replace("%1", str(total)))
        else:
            self.summary.setText(
                self.tr("%1 of %2 annotations").replace("%1", str(shown)).replace("%2", str(total))
            )

    # -- selection ---------------------------------------------------------------------
    def selected(self) -> Annotation | None:
        for view in (self.list_view, self.orphan_view):
            index = view.currentIndex()
            if index.isValid() and view.selectionModel().isSelected(index):
                a = index.data(AnnotationListModel.AnnotationRole)
                if isinstance(a, Annotation):
                    return a
        return None

    def select(self, annotation_id: str) -> bool:
        """Make `annotation_id` the current row of its list (if the filters show it)."""
        for view, proxy in ((self.list_view, self.anchored), (self.orphan_view, self.orphans)):
            for row in range(proxy.rowCount()):
                index = proxy.index(row, 0)
                if index.data(AnnotationListModel.IdRole) == annotation_id:
                    view.setCurrentIndex(index)
                    view.scrollTo(index)
                    self._update_buttons()
                    return True
        return False

    def _update_buttons(self, *_args: object) -> None:
        a = self.selected()
        own = a is not None and a.author == self.model.me
        self.edit_button.setEnabled(own)
        self.delete_button.setEnabled(own)
        self.read_only_label.setText(
            self.tr("%1's annotation: read-only").replace("%1", a.author)
            if a is not None and not own
            else ""
        )

    def _on_clicked(self, index: QModelIndex) -> None:
        annotation_id = index.data(AnnotationListModel.IdRole)
        if annotation_id:
            emit(self.annotation_activated, str(annotation_id))

    def _on_double_clicked(self, index: QModelIndex) -> None:
        if index.data(AnnotationListModel.OwnRole):
            emit(self.edit_requested, str(index.data(AnnotationListModel.IdRole)))

    def _edit_selected(self) -> None:
        a = self.selected()
        if a is not None and a.author == self.model.me:
            emit(self.edit_requested, a.id)

    def _delete_selected(self) -> None:
        a = self.selected()
        if a is not None and a.author == self.model.me:
            emit(self.delete_requested, a.id)
