"""Paints one search hit: title, kind · organisation · date, and the highlighted snippet."""

from __future__ import annotations

import html
from collections import OrderedDict

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import QAbstractTextDocumentLayout, QFont, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from kbclient.core.search.model import SearchHit
from kbclient.gui.labels import kind_label, status_label
from kbclient.gui.models import HitListModel

MARK_STYLE = "background-color:#ffe066;color:#000000;"
SNIPPET_LINES = 2
PAD = 6


def snippet_to_rich_text(snippet: str) -> str:
    """The core's snippet (escaped text with <mark>) as Qt rich text: marks as spans."""
    return snippet.replace("<mark>", f'<span style="{MARK_STYLE}">').replace("</mark>", "</span>")


class HitDelegate(QStyledItemDelegate):
    """Draws hits of a `HitListModel`; snippet QTextDocuments are cached per text and width."""

    CACHE_SIZE = 256

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._docs: OrderedDict[tuple[str, int, str], QTextDocument] = OrderedDict()

    def _snippet_doc(self, snippet: str, width: int, font: QFont) -> QTextDocument:
        key = (snippet, width, font.key())
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            return doc
        doc = QTextDocument()
        doc.setDefaultFont(font)
        doc.setDocumentMargin(0)
        doc.setHtml(snippet_to_rich_text(snippet))
        doc.setTextWidth(width)
        self._docs[key] = doc
        if len(self._docs) > self.CACHE_SIZE:
            self._docs.popitem(last=False)
        return doc

    def clear_cache(self) -> None:
        self._docs.clear()

    @staticmethod
    def _meta_line(hit: SearchHit) -> str:
        parts = [kind_label(hit.kind)]
        if hit.org:
            parts.append(hit.org)
        if hit.updated:
            parts.append(hit.updated)
        if hit.status and hit.status != "published":
            parts.append(status_label(hit.status))
        if not hit.verified:
            parts.append(QCoreApplication.translate("HitDelegate", "unverified"))
        if hit.notes_by:  # found through teammates' (or one's own) notes
            parts.append(
                QCoreApplication.translate("HitDelegate", "note by %1").replace(
                    "%1", ", ".join(hit.notes_by)
                )
            )
        return " · ".join(parts)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        fm = option.fontMetrics
        line = fm.lineSpacing()
        hit = index.data(HitListModel.HitRole)
        snippet_lines = SNIPPET_LINES if hit is not None and hit.snippet else 0
        # CJK fallback fonts are taller than the UI font: leave them room
        height = PAD * 2 + int(line * 1.2) + line + int(snippet_lines * line * 1.35) + 2
        return QSize(200, height)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        hit: SearchHit | None = index.data(HitListModel.HitRole)
        if hit is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget is not None else None
        painter.save()
        opt.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = opt.palette.color(group, text_role)
        rect = opt.rect.adjusted(PAD, PAD, -PAD, -PAD)
        fm = opt.fontMetrics
        line = fm.lineSpacing()

        title_font = QFont(opt.font)
        title_font.setBold(True)
        title_font.setPointSizeF(opt.font.pointSizeF() * 1.1)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        title_h = int(line * 1.2)
        title = painter.fontMetrics().elidedText(
            hit.title, Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(
            rect.x(),
            rect.y(),
            rect.width(),
            title_h,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            title,
        )

        meta_font = QFont(opt.font)
        painter.setFont(meta_font)
        meta_colour = (
            text_colour
            if selected
            else opt.palette.color(group, QPalette.ColorRole.PlaceholderText)
        )
        if hit.status == "withdrawn" and not selected:
            meta_colour = Qt.GlobalColor.darkRed
        painter.setPen(meta_colour)
        meta = fm.elidedText(self._meta_line(hit), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(
            rect.x(),
            rect.y() + title_h,
            rect.width(),
            line,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            meta,
        )

        if hit.snippet:
            top = rect.y() + title_h + line + 2
            doc = self._snippet_doc(hit.snippet, rect.width(), opt.font)
            height = _whole_lines_height(doc, rect.bottom() - top, SNIPPET_LINES)
            painter.translate(rect.x(), top)
            ctx = QAbstractTextDocumentLayout.PaintContext()
            ctx.palette.setColor(QPalette.ColorRole.Text, text_colour)
            ctx.clip = QRectF(0, 0, rect.width(), height)
            painter.setClipRect(ctx.clip)
            doc.documentLayout().draw(painter, ctx)
        painter.restore()


def _whole_lines_height(doc: QTextDocument, available: int, max_lines: int) -> float:
    """Height of the first lines of `doc` that fit whole into `available` (no half lines)."""
    bottom = 0.0
    lines = 0
    block = doc.firstBlock()
    while block.isValid() and lines < max_lines:
        layout = block.layout()
        origin = layout.position().y()
        for i in range(layout.lineCount()):
            line = layout.lineAt(i)
            line_bottom = origin + line.y() + line.height()
            if line_bottom > available or lines >= max_lines:
                return bottom
            bottom = line_bottom
            lines += 1
        block = block.next()
    return bottom


def hit_accessible_text(hit: SearchHit) -> str:
    """Plain text of a hit for screen readers (snippet without markup)."""
    snippet = html.unescape(hit.snippet.replace("<mark>", "").replace("</mark>", ""))
    return f"{hit.title}. {HitDelegate._meta_line(hit)}. {snippet}"
