"""Qt item models over the core's frozen dataclasses: search hits, facets, outline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from kbclient.core.search.model import SearchHit
from kbclient.gui.labels import value_label

Index = QModelIndex | QPersistentModelIndex


class HitListModel(QAbstractListModel):
    """A read-only list of `SearchHit`s (search results, or the overview's recent docs)."""

    HitRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2
    KindRole = Qt.ItemDataRole.UserRole + 3
    OrgRole = Qt.ItemDataRole.UserRole + 4
    DateRole = Qt.ItemDataRole.UserRole + 5
    SnippetRole = Qt.ItemDataRole.UserRole + 6
    StatusRole = Qt.ItemDataRole.UserRole + 7

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: tuple[SearchHit, ...] = ()

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = tuple(hits)
        self.endResetModel()

    def hits(self) -> tuple[SearchHit, ...]:
        return self._hits

    def hit(self, row: int) -> SearchHit | None:
        return self._hits[row] if 0 <= row < len(self._hits) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        match role:
            case Qt.ItemDataRole.DisplayRole | Qt.ItemDataRole.AccessibleTextRole:
                return hit.title
            case Qt.ItemDataRole.ToolTipRole:
                return f"{hit.title}\n{hit.id}"
            case self.HitRole:
                return hit
            case self.IdRole:
                return hit.id
            case self.KindRole:
                return hit.kind
            case self.OrgRole:
                return hit.org
            case self.DateRole:
                return hit.updated
            case self.SnippetRole:
                return hit.snippet
            case self.StatusRole:
                return hit.status
        return None

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(
            {
                self.HitRole: b"hit",
                self.IdRole: b"docId",
                self.KindRole: b"kind",
                self.OrgRole: b"org",
                self.DateRole: b"date",
                self.SnippetRole: b"snippet",
                self.StatusRole: b"status",
            }
        )
        return names


@dataclass(frozen=True)
class FacetValue:
    """One facet row: a value of a field, its count, and whether it filters now."""

    field: str
    value: str
    count: int
    active: bool = False


class FacetListModel(QAbstractListModel):
    """The values of one facet field with counts; active values are checked."""

    FieldRole = Qt.ItemDataRole.UserRole + 1
    ValueRole = Qt.ItemDataRole.UserRole + 2
    CountRole = Qt.ItemDataRole.UserRole + 3
    ActiveRole = Qt.ItemDataRole.UserRole + 4

    def __init__(self, field: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self._values: tuple[FacetValue, ...] = ()

    def set_counts(
        self, counts: Mapping[str, int], active: Sequence[str] = (), limit: int = 12
    ) -> None:
        """Show the `limit` largest counts; active values always stay visible."""
        ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        shown = ordered[:limit]
        for value in active:
            if value not in dict(shown):
                shown.append((value, counts.get(value, 0)))
        self.beginResetModel()
        self._values = tuple(FacetValue(self.field, v, c, v in active) for v, c in shown)
        self.endResetModel()

    def values(self) -> tuple[FacetValue, ...]:
        return self._values

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._values)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._values):
            return None
        fv = self._values[index.row()]
        match role:
            case Qt.ItemDataRole.DisplayRole | Qt.ItemDataRole.AccessibleTextRole:
                return f"{value_label(fv.field, fv.value) or '—'}  ({fv.count})"
            case Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if fv.active else Qt.CheckState.Unchecked
            case Qt.ItemDataRole.ToolTipRole:
                return fv.value
            case self.FieldRole:
                return fv.field
            case self.ValueRole:
                return fv.value
            case self.CountRole:
                return fv.count
            case self.ActiveRole:
                return fv.active
        return None


@dataclass(frozen=True)
class Heading:
    """One entry of a document's outline: level 1–6, its text, its position in the text."""

    level: int
    text: str
    position: int


class OutlineModel(QAbstractListModel):
    """A document's headings as a flat, indented list (levels shown by indentation)."""

    LevelRole = Qt.ItemDataRole.UserRole + 1
    PositionRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headings: tuple[Heading, ...] = ()

    def set_headings(self, headings: Sequence[Heading]) -> None:
        self.beginResetModel()
        self._headings = tuple(headings)
        self.endResetModel()

    def headings(self) -> tuple[Heading, ...]:
        return self._headings

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headings)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._headings):
            return None
        h = self._headings[index.row()]
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return "    " * max(0, h.level - 1) + h.text
            case Qt.ItemDataRole.AccessibleTextRole | Qt.ItemDataRole.ToolTipRole:
                return h.text
            case self.LevelRole:
                return h.level
            case self.PositionRole:
                return h.position
        return None
