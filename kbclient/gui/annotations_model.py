"""Qt models over a document's `Annotation`s: the list, and a filter by author, tag, orphan."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from kbclient.core.annotations.model import Annotation

Index = QModelIndex | QPersistentModelIndex

# the reader draws a highlight in these (light) tones; a "#rrggbb" colour is used as is
HIGHLIGHT_COLOURS = {
    "yellow": "#fff176",
    "green": "#a5d6a7",
    "blue": "#90caf9",
    "pink": "#f8bbd0",
    "purple": "#ce93d8",
    "orange": "#ffcc80",
    "red": "#ef9a9a",
    "grey": "#e0e0e0",
}
OWN_BACKGROUND = QColor("#eef6ff")
QUOTE_CHARS = 160
TR_CONTEXT = "Annotations"


def _tr(text: str) -> str:
    return QCoreApplication.translate(TR_CONTEXT, text)


def highlight_colour(colour: str) -> QColor:
    """The QColor the reader paints an annotation of `colour` with."""
    return QColor(HIGHLIGHT_COLOURS.get(colour, colour))


def colour_label(colour: str) -> str:
    """The translated name of an annotation colour."""
    names = {
        "yellow": _tr("Yellow"),
        "green": _tr("Green"),
        "blue": _tr("Blue"),
        "pink": _tr("Pink"),
        "purple": _tr("Purple"),
        "orange": _tr("Orange"),
        "red": _tr("Red"),
        "grey": _tr("Grey"),
    }
    return names.get(colour, colour)


def local_time(stamp: str) -> str:
    """An annotation time (ISO 8601 UTC) as a short local date and time."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone()
    except ValueError:
        return stamp
    return QLocale().toString(moment.replace(tzinfo=None), QLocale.FormatType.ShortFormat)


def short_quote(text: str, limit: int = QUOTE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class AnnotationListModel(QAbstractListModel):
    """A read-only list of one document's annotations; `me` marks one's own."""

    AnnotationRole = Qt.ItemDataRole.UserRole + 1
    IdRole = Qt.ItemDataRole.UserRole + 2
    AuthorRole = Qt.ItemDataRole.UserRole + 3
    TagsRole = Qt.ItemDataRole.UserRole + 4
    OwnRole = Qt.ItemDataRole.UserRole + 5
    OrphanedRole = Qt.ItemDataRole.UserRole + 6
    TextChangedRole = Qt.ItemDataRole.UserRole + 7
    QuoteRole = Qt.ItemDataRole.UserRole + 8
    NoteRole = Qt.ItemDataRole.UserRole + 9

    def __init__(self, parent: QObject | None = None, me: str = "") -> None:
        super().__init__(parent)
        self.me = me
        self._items: tuple[Annotation, ...] = ()

    def set_annotations(self, items: Sequence[Annotation], me: str | None = None) -> None:
        self.beginResetModel()
        self._items = tuple(items)
        if me is not None:
            self.me = me
        self.endResetModel()

    def annotations(self) -> tuple[Annotation, ...]:
        return self._items

    def annotation(self, row: int) -> Annotation | None:
        return self._items[row] if 0 <= row < len(self._items) else None

    def row_of(self, annotation_id: str) -> int:
        return next((i for i, a in enumerate(self._items) if a.id == annotation_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def _display(self, a: Annotation) -> str:
        who = a.author if a.author != self.me else _tr("%1 (you)")
        lines = [f"{who.replace('%1', a.author)} · {local_time(a.modified)}"]
        if a.text_changed and not a.orphaned:
            lines.append(_tr("⚠ The text changed since this was made."))
        lines.append(f"“{short_quote(a.exact)}”")
        if a.note.strip():
            lines.append(short_quote(a.note, 400))
        if a.tags:
            lines.append(" ".join(f"#{t}" for t in a.tags))
        return "\n".join(lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        a = self._items[index.row()]
        own = a.author == self.me
        match role:
            case Qt.ItemDataRole.DisplayRole | Qt.ItemDataRole.AccessibleTextRole:
                return self._display(a)
            case Qt.ItemDataRole.ToolTipRole:
                return f"{a.author} ({a.team})\n{a.exact}"
            case Qt.ItemDataRole.DecorationRole:
                return highlight_colour(a.colour)
            case Qt.ItemDataRole.BackgroundRole:
                return QBrush(OWN_BACKGROUND) if own else None
            case Qt.ItemDataRole.FontRole:
                if own:
                    return None
                font = QFont()
                font.setItalic(True)
                return font
            case self.AnnotationRole:
                return a
            case self.IdRole:
                return a.id
            case self.AuthorRole:
                return a.author
            case self.TagsRole:
                return list(a.tags)
            case self.OwnRole:
                return own
            case self.OrphanedRole:
                return a.orphaned
            case self.TextChangedRole:
                return a.text_changed
            case self.QuoteRole:
                return a.exact
            case self.NoteRole:
                return a.note
        return None

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(
            {
                self.AnnotationRole: b"annotation",
                self.IdRole: b"annotationId",
                self.AuthorRole: b"author",
                self.TagsRole: b"tags",
                self.OwnRole: b"own",
                self.OrphanedRole: b"orphaned",
                self.TextChangedRole: b"textChanged",
                self.QuoteRole: b"quote",
                self.NoteRole: b"note",
            }
        )
        return names


class AnnotationFilterModel(QSortFilterProxyModel):
    """Rows of an AnnotationListModel by author and tag; anchored ones or orphans only."""

    def __init__(self, orphaned: bool, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.orphaned = orphaned
        self.author: str | None = None
        self.tag: str | None = None

    def set_filter(self, author: str | None, tag: str | None) -> None:
        self.beginFilterChange()
        self.author = author or None
        self.tag = tag or None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        source = self.sourceModel()
        if source is None:
            return False
        index = source.index(source_row, 0, source_parent)
        if bool(index.data(AnnotationListModel.OrphanedRole)) != self.orphaned:
            return False
        if self.author and index.data(AnnotationListModel.AuthorRole) != self.author:
            return False
        return not (self.tag and self.tag not in (index.data(AnnotationListModel.TagsRole) or []))
