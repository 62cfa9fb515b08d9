"""The facet panel (values with counts per field; a click filters) and the filter chips."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListView,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kbclient.core.search.model import FACET_FIELDS
from kbclient.gui.labels import field_label, value_label
from kbclient.gui.models import FacetListModel
from kbclient.gui.qtcompat import emit
from kbclient.gui.resources import icon

MAX_VISIBLE_ROWS = 8


class FacetPanel(QScrollArea):
    """One list per facet field (kind, tag, org, lang, pack).

    Signals:
      toggled(str, str): the user clicked a value (field, value): add or remove its filter.
    """

    toggled = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(self.tr("Facets"))
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(4, 4, 4, 4)
        self.models: dict[str, FacetListModel] = {}
        self.views: dict[str, QListView] = {}
        self.labels: dict[str, QLabel] = {}
        for field in FACET_FIELDS:
            model = FacetListModel(field, self)
            view = QListView()
            view.setModel(model)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
            view.clicked.connect(self._on_clicked)
            view.activated.connect(self._on_clicked)
            label = QLabel()
            label.setBuddy(view)
            layout.addWidget(label)
            layout.addWidget(view)
            self.models[field] = model
            self.views[field] = view
            self.labels[field] = label
        layout.addStretch(1)
        self.setWidget(inner)
        self.retranslate()

    def retranslate(self) -> None:
        for field, label in self.labels.items():
            label.setText(f"<b>{field_label(field)}</b>")
            self.views[field].setAccessibleName(
                self.tr("Filter by %1").replace("%1", field_label(field))
            )

    def set_facets(
        self, facets: Mapping[str, Mapping[str, int]], active: Mapping[str, Sequence[str]]
    ) -> None:
        for field, model in self.models.items():
            counts = facets.get(field, {})
            model.set_counts(counts, active.get(field, ()))
            visible = bool(model.rowCount())
            self.views[field].setVisible(visible)
            self.labels[field].setVisible(visible)
            self._fit(self.views[field])

    @staticmethod
    def _fit(view: QListView) -> None:
        rows = min(view.model().rowCount(), MAX_VISIBLE_ROWS)
        height = view.sizeHintForRow(0) * rows + 2 * view.frameWidth() + 2 if rows else 0
        view.setFixedHeight(max(height, 0))

    def _on_clicked(self, index: QModelIndex) -> None:
        field = index.data(FacetListModel.FieldRole)
        value = index.data(FacetListModel.ValueRole)
        if field is not None and value is not None:
            emit(self.toggled, field, value)


class FilterChips(QWidget):
    """The active filters as buttons; clicking one removes that filter.

    Signals:
      removed(str, str): field, value of the filter to remove.
    """

    removed = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addStretch(1)
        self.buttons: list[QToolButton] = []

    def set_filters(self, filters: Mapping[str, Sequence[str]]) -> None:
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for field, values in filters.items():
            for value in values:
                button = QToolButton(self)
                text = f"{field_label(field)}: {value_label(field, value)}"
                button.setText(text)
                button.setIcon(icon("close"))
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
                button.setAutoRaise(False)
                button.setToolTip(self.tr("Remove the filter %1").replace("%1", text))
                button.setAccessibleName(self.tr("Remove the filter %1").replace("%1", text))
                button.clicked.connect(lambda _=False, f=field, v=value: emit(self.removed, f, v))
                self._layout.insertWidget(self._layout.count() - 1, button)
                self.buttons.append(button)
        self.setVisible(bool(self.buttons))
