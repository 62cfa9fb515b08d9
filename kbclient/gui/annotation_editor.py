"""The note editor: an annotation's Markdown note, tags and colour; a draft per keystroke."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kbclient.core.annotations.model import COLOURS, DEFAULT_COLOUR
from kbclient.gui.annotations_model import colour_label, highlight_colour, short_quote
from kbclient.gui.qtcompat import emit

if TYPE_CHECKING:
    from kbclient.core.annotations.store import AnnotationStore

logger = logging.getLogger(__name__)


def parse_tags(text: str) -> list[str]:
    """Tags typed as "a, b; c" (commas, semicolons and the Chinese comma separate)."""
    for sep in (";", "，", "、"):
        text = text.replace(sep, ",")
    return [t.strip() for t in text.split(",") if t.strip()]


class NoteEditor(QWidget):
    """Edits one note; every change is written to the store as a draft at once.

    The draft key is the annotation's id (for a new note, the id it will be saved under),
    so `AnnotationStore.commit_draft` drops the draft in the same transaction as the save.

    Signals:
      save_requested(): the user pressed Save.
      cancel_requested(): the user pressed Cancel (the caller discards the draft).
      opened(): the editor was shown on a note.
    """

    save_requested = Signal()
    cancel_requested = Signal()
    opened = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store: AnnotationStore | None = None
        self.key: str | None = None
        self.doc: str | None = None
        self.extra: dict[str, Any] = {}
        self.title = QLabel()
        self.quote = QLabel()
        self.quote.setWordWrap(True)
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background:#fff3cd;color:#664d03;padding:4px;")
        self.notice.setVisible(False)
        self.note_edit = QPlainTextEdit()
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.note_edit, "")
        self.tabs.addTab(self.preview, "")
        self.tabs.currentChanged.connect(self._on_tab)
        self.tags_edit = QLineEdit()
        self.tags_label = QLabel()
        self.tags_label.setBuddy(self.tags_edit)
        self.colour_combo = QComboBox()
        for colour in COLOURS:
            self.colour_combo.addItem("", colour)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.cancel_button = QPushButton()
        self.save_button.clicked.connect(lambda: emit(self.save_requested))
        self.cancel_button.clicked.connect(lambda: emit(self.cancel_requested))
        self.note_edit.textChanged.connect(self._persist)
        self.tags_edit.textChanged.connect(self._persist)
        self.colour_combo.currentIndexChanged.connect(self._persist)

        row = QHBoxLayout()
        row.addWidget(self.tags_label)
        row.addWidget(self.tags_edit, 1)
        row.addWidget(self.colour_combo)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.quote)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(row)
        layout.addLayout(buttons)
        self.retranslate()
        self.setVisible(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.tabs.setTabText(0, self.tr("Note (Markdown)"))
        self.tabs.setTabText(1, self.tr("Preview"))
        self.tags_label.setText(self.tr("&Tags:"))
        self.tags_edit.setPlaceholderText(self.tr("comma-separated"))
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.colour_combo.setAccessibleName(self.tr("Highlight colour"))
        for i in range(self.colour_combo.count()):
            self.colour_combo.setItemText(i, colour_label(str(self.colour_combo.itemData(i))))
        self.save_button.setText(self.tr("&Save note"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._retitle()

    def _retitle(self) -> None:
        self.title.setText(
            self.tr("<b>New note</b>") if self.extra.get("new") else self.tr("<b>Edit note</b>")
        )

    # -- opening and closing -----------------------------------------------------------
    def start(
        self,
        store: AnnotationStore,
        key: str,
        doc: str,
        quote: str,
        *,
        note: str = "",
        tags: list[str] | tuple[str, ...] = (),
        colour: str = DEFAULT_COLOUR,
        extra: dict[str, Any] | None = None,
    ) -> None:
        """Show the editor on the note `key` of `doc` (no draft is written until a change)."""
        self._store = None  # no draft writes while filling the fields
        self.key, self.doc = key, doc
        self.extra = dict(extra or {})
        self.quote.setText(f"“{short_quote(quote, 300)}”")
        self.note_edit.setPlainText(note)
        self.tags_edit.setText(", ".join(tags))
        i = self.colour_combo.findData(colour)
        if i < 0:
            self.colour_combo.addItem(colour, colour)
            i = self.colour_combo.count() - 1
        self.colour_combo.setCurrentIndex(i)
        self.colour_combo.setStyleSheet(f"background:{highlight_colour(colour).name()}")
        self.tabs.setCurrentIndex(0)
        self.set_notice("")
        self._retitle()
        self._store = store
        self.setVisible(True)
        emit(self.opened)
        self.note_edit.setFocus()
        cursor = self.note_edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.note_edit.setTextCursor(cursor)

    def finish(self) -> None:
        """Hide the editor and forget its note (the draft, if any, stays in the store)."""
        self._store = None
        self.key = self.doc = None
        self.extra = {}
        self.setVisible(False)

    @property
    def active(self) -> bool:
        return self.key is not None

    def set_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    # -- values ------------------------------------------------------------------------
    def note(self) -> str:
        return self.note_edit.toPlainText()

    def tags(self) -> list[str]:
        return parse_tags(self.tags_edit.text())

    def colour(self) -> str:
        return str(self.colour_combo.currentData() or DEFAULT_COLOUR)

    def _persist(self) -> None:
        self.colour_combo.setStyleSheet(f"background:{highlight_colour(self.colour()).name()}")
        if self._store is None or self.key is None:
            return
        extra = {**self.extra, "tags": self.tags(), "colour": self.colour()}
        self._store.save_draft(self.key, self.note(), doc=self.doc, extra=extra)

    def _on_tab(self, index: int) -> None:
        if index == 1:
            features = (
                QTextDocument.MarkdownFeature.MarkdownDialectGitHub
                | QTextDocument.MarkdownFeature.MarkdownNoHTML
            )
            self.preview.document().setMarkdown(self.note(), features)
