"""The reader: a document's metadata, rendered body, highlighted query words, outline.

Links: `doc:ID` opens another document here (with Back/Forward history); http(s) links
open the system browser after the user agrees; `#anchor` scrolls within the document.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QDesktopServices,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QListView,
    QMenu,
    QMessageBox,
    QSplitter,
    QTextBrowser,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from kbclient.gui.labels import kind_label, lang_label, status_label
from kbclient.gui.models import Heading, OutlineModel
from kbclient.gui.qtcompat import emit
from kbclient.gui.resources import icon
from kbclient.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from kbclient.core.kb import KnowledgeBase
    from kbclient.core.library import DocumentInfo

logger = logging.getLogger(__name__)

MATCH_COLOUR = QColor("#ffe066")
CURRENT_MATCH_COLOUR = QColor("#ff9632")


@dataclass(frozen=True)
class LoadedDocument:
    """What the worker fetches for the reader: metadata and safe HTML of the body."""

    info: DocumentInfo
    pack_title: str
    html: str
    plain_text: str = ""  # Document.plain_text: what annotations anchor on
    version: int = 0


def load_document(kb: KnowledgeBase, doc_id: str) -> LoadedDocument:
    """Runs in a worker: everything the reader needs of one document."""
    info = kb.document_info(doc_id)
    pack = kb.pack(info.pack)
    doc = kb.document(doc_id)
    return LoadedDocument(
        info, pack.title if pack else info.pack, kb.render_html(doc_id), doc.plain_text, doc.version
    )


def find_headings(document: QTextDocument) -> list[Heading]:
    """The heading blocks of a rendered document (from <h1>…<h6>), in order."""
    headings = []
    block = document.begin()
    while block.isValid():
        level = block.blockFormat().headingLevel()
        if level > 0 and block.text().strip():
            headings.append(Heading(level, block.text().strip(), block.position()))
        block = block.next()
    return headings


class ReaderWidget(QWidget):
    """Shows one document at a time; owns its history and its match navigation.

    Signals:
      document_shown(str): a document finished loading and is shown (its id).
      failed(object): loading a document failed (the exception).
      matches_changed(int, int): current match (1-based, 0 = none), number of matches.
      selection_changed(): the text selected in the document changed.
    """

    document_shown = Signal(str)
    failed = Signal(object)
    matches_changed = Signal(int, int)
    selection_changed = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._kb: KnowledgeBase | None = None
        self.doc_id: str | None = None
        self.info: DocumentInfo | None = None
        self._loaded_doc: LoadedDocument | None = None
        self._terms: tuple[str, ...] = ()
        self._back: list[str] = []
        self._forward: list[str] = []
        self._matches: list[QTextCursor] = []
        self._current = -1
        self._marks: list[tuple[QTextCursor, QColor]] = []  # annotations, drawn under matches
        self.context_actions: list[QAction | None] = []  # added to the context menu; None: ---
        self._load_seq = 0
        self.confirm_external = self._ask_external  # replaceable in tests

        self.header = QLabel()
        self.header.setWordWrap(True)
        self.header.setTextFormat(self.header.textFormat().RichText)
        self.header.setContentsMargins(8, 4, 8, 4)
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.browser.anchorClicked.connect(self._on_link)
        self.browser.selectionChanged.connect(lambda: emit(self.selection_changed))
        self.browser.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.browser.customContextMenuRequested.connect(self._show_context_menu)
        self.outline_model = OutlineModel(self)
        self.outline = QListView()
        self.outline.setModel(self.outline_model)
        self.outline.activated.connect(self._on_outline)
        self.outline.clicked.connect(self._on_outline)
        self.outline.setMinimumWidth(120)
        self.match_label = QLabel()
        self._build_actions()

        self.toolbar = QToolBar()
        for action in (self.back_action, self.forward_action):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        for action in (self.prev_match_action, self.next_match_action):
            self.toolbar.addAction(action)
        self.toolbar.addWidget(self.match_label)
        self.toolbar.addSeparator()
        for action in (
            self.zoom_out_action,
            self.zoom_in_action,
            self.print_action,
            self.pdf_action,
        ):
            self.toolbar.addAction(action)

        splitter = QSplitter()
        splitter.addWidget(self.outline)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([180, 600])
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        self.setTabOrder(self.browser, self.outline)
        self.retranslate()
        self._update_actions()

    # -- actions -----------------------------------------------------------------------
    def _action(
        self, icon_name: str, text: str, shortcuts: Sequence[QKeySequence | str], slot: object
    ) -> QAction:
        action = QAction(icon(icon_name), text, self)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(action.shortcutContext().WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.back_action = self._action("go-previous", "", ["Alt+Left"], self.go_back)
        self.forward_action = self._action("go-next", "", ["Alt+Right"], self.go_forward)
        self.next_match_action = self._action("find-next", "", ["F3"], self.next_match)
        self.prev_match_action = self._action(
            "find-previous", "", ["Shift+F3"], self.previous_match
        )
        self.zoom_in_action = self._action("zoom-in", "", ["Ctrl+=", "Ctrl++"], self.zoom_in)
        self.zoom_out_action = self._action("zoom-out", "", ["Ctrl+-"], self.zoom_out)
        self.print_action = self._action("print", "", ["Ctrl+P"], self.print_)
        self.pdf_action = self._action("pdf", "", ["Ctrl+Shift+E"], self.export_pdf_dialog)
        self.copy_action = self._action("copy", "", [], self.browser.copy)
        self.select_all_action = self._action("select-all", "", [], self.browser.selectAll)
        # Ctrl+C / Ctrl+A act on the reader only, so the search field keeps its own
        for action, key in ((self.copy_action, "Ctrl+C"), (self.select_all_action, "Ctrl+A")):
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(action.shortcutContext().WidgetWithChildrenShortcut)

    def retranslate(self) -> None:
        self.back_action.setText(self.tr("Back"))
        self.forward_action.setText(self.tr("Forward"))
        self.next_match_action.setText(self.tr("Next match"))
        self.prev_match_action.setText(self.tr("Previous match"))
        self.zoom_in_action.setText(self.tr("Zoom in"))
        self.zoom_out_action.setText(self.tr("Zoom out"))
        self.print_action.setText(self.tr("Print…"))
        self.pdf_action.setText(self.tr("Export to PDF…"))
        self.copy_action.setText(self.tr("Copy"))
        self.select_all_action.setText(self.tr("Select all"))
        self.toolbar.setWindowTitle(self.tr("Reader"))
        self.header.setAccessibleName(self.tr("Document details"))
        self.browser.setAccessibleName(self.tr("Document text"))
        self.outline.setAccessibleName(self.tr("Outline"))
        self.match_label.setAccessibleName(self.tr("Match position"))
        if self.doc_id is None:
            self._show_placeholder()
        else:
            self.header.setText(self._header_html(self._loaded_doc))
            self._apply_selections()

    def _update_actions(self) -> None:
        has_doc = self.doc_id is not None
        self.back_action.setEnabled(bool(self._back))
        self.forward_action.setEnabled(bool(self._forward))
        for action in (self.next_match_action, self.prev_match_action):
            action.setEnabled(bool(self._matches))
        for action in (
            self.print_action,
            self.pdf_action,
            self.copy_action,
            self.select_all_action,
        ):
            action.setEnabled(has_doc)

    # -- loading -----------------------------------------------------------------------
    def set_kb(self, kb: KnowledgeBase | None) -> None:
        self._kb = kb

    def show_document(
        self, doc_id: str, terms: Sequence[str] = (), *, record_history: bool = True
    ) -> None:
        """Load `doc_id` in a worker and show it with `terms` highlighted."""
        if self._kb is None:
            return
        if record_history and self.doc_id is not None and self.doc_id != doc_id:
            self._back.append(self.doc_id)
            self._forward.clear()
        self._terms = tuple(t for t in terms if t.strip())
        self._load_seq += 1
        seq = self._load_seq
        self._runner.submit(
            load_document,
            self._kb,
            doc_id,
            name="load document",
            on_finished=lambda loaded, s=seq: self._loaded(s, loaded),
            on_failed=lambda exc, s=seq: self._load_failed(s, exc),
        )

    def _loaded(self, seq: int, loaded: LoadedDocument) -> None:
        if seq != self._load_seq:
            return
        self.doc_id = loaded.info.id
        self.info = loaded.info
        self._loaded_doc = loaded
        self._marks = []
        self.header.setText(self._header_html(loaded))
        self.browser.setHtml(loaded.html)
        self.outline_model.set_headings(find_headings(self.browser.document()))
        self.highlight(self._terms)
        self._update_actions()
        emit(self.document_shown, loaded.info.id)

    def _load_failed(self, seq: int, exc: BaseException) -> None:
        if seq == self._load_seq:
            emit(self.failed, exc)

    def clear(self) -> None:
        self.doc_id = None
        self.info = None
        self._show_placeholder()
        self._update_actions()

    def _show_placeholder(self) -> None:
        self.header.setText("")
        hint = html.escape(self.tr("Select a result to read it here."))
        self.browser.setHtml(f"<p style='color:gray'>{hint}</p>")
        self.outline_model.set_headings([])
        self._matches = []
        self._current = -1

    def _header_html(self, loaded: LoadedDocument | None) -> str:
        if loaded is None:
            return ""
        info = loaded.info
        esc = html.escape
        rows = [f"<b style='font-size:large'>{esc(info.title)}</b>"]
        if info.status == "withdrawn":
            text = esc(self.tr("WITHDRAWN — this document is no longer valid."))
            rows.append(
                f"<div style='background:#b00020;color:white;padding:4px'><b>{text}</b></div>"
            )
        if not info.verified:
            label = esc(self.tr("Unverified"))
            why = esc(self.tr("This document comes from a pack whose signature was not verified."))
            rows.append(
                "<div style='background:#fff3cd;color:#664d03;padding:4px'>"
                f"<b>{label}</b> {why}</div>"
            )
        fields = [
            (self.tr("Kind"), kind_label(info.kind)),
            (self.tr("Organisation"), info.org),
            (self.tr("Authors"), ", ".join(info.authors)),
            (self.tr("Version"), str(info.version)),
            (self.tr("Updated"), info.updated),
            (self.tr("Status"), status_label(info.status)),
            (self.tr("Language"), lang_label(info.lang)),
            (self.tr("Pack"), loaded.pack_title),
        ]
        meta = " &nbsp;·&nbsp; ".join(
            f"<span style='color:gray'>{esc(k)}:</span> {esc(v)}" for k, v in fields if v
        )
        rows.append(meta)
        if info.tags:
            tags_label = esc(self.tr("Tags"))
            rows.append(
                f"<span style='color:gray'>{tags_label}:</span> {esc(', '.join(info.tags))}"
            )
        return "<br>".join(rows)

    # -- history -----------------------------------------------------------------------
    def go_back(self) -> None:
        if self._back and self.doc_id is not None:
            self._forward.append(self.doc_id)
            self.show_document(self._back.pop(), self._terms, record_history=False)
            self._update_actions()

    def go_forward(self) -> None:
        if self._forward and self.doc_id is not None:
            self._back.append(self.doc_id)
            self.show_document(self._forward.pop(), self._terms, record_history=False)
            self._update_actions()

    # -- links -------------------------------------------------------------------------
    def _on_link(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme == "doc":
            target = url.path() or url.toString().removeprefix("doc:")
            self.show_document(target.strip("/"), self._terms)
        elif scheme in ("http", "https"):
            if self.confirm_external(url):
                QDesktopServices.openUrl(url)
        elif not scheme and url.hasFragment():
            self.browser.scrollToAnchor(url.fragment())
        else:
            logger.info("ignoring link with scheme %r", scheme)

    def _ask_external(self, url: QUrl) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Open external link"),
            self.tr("Open this address in your web browser?\n%1").replace(
                "%1", url.toDisplayString()
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- outline -----------------------------------------------------------------------
    def _on_outline(self, index: QModelIndex) -> None:
        position = index.data(OutlineModel.PositionRole)
        if position is None:
            return
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(int(position))
        self.browser.setTextCursor(cursor)
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.maximum())  # then back up, so the heading lands at the top
        self.browser.ensureCursorVisible()

    # -- highlighting ------------------------------------------------------------------
    def highlight(self, terms: Sequence[str]) -> int:
        """Mark every occurrence of `terms` (case-insensitive); returns how many."""
        doc = self.browser.document()
        found: list[QTextCursor] = []
        for term in dict.fromkeys(t.strip() for t in terms):
            if not term:
                continue
            cursor = QTextCursor(doc)
            while True:
                cursor = doc.find(term, cursor)
                if cursor.isNull():
                    break
                found.append(QTextCursor(cursor))
        found.sort(key=lambda c: c.selectionStart())
        self._matches = found
        self._current = 0 if found else -1
        self._apply_selections()
        if found:
            self._scroll_to_current()
        self._update_actions()
        return len(found)

    def _apply_selections(self) -> None:
        selections = []
        for cursor, colour in self._marks:
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(colour)
            sel.format = fmt
            sel.cursor = cursor
            selections.append(sel)
        for i, cursor in enumerate(self._matches):
            sel = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(CURRENT_MATCH_COLOUR if i == self._current else MATCH_COLOUR)
            fmt.setForeground(QColor("black"))
            sel.format = fmt
            sel.cursor = cursor
            selections.append(sel)
        self.browser.setExtraSelections(selections)
        self.match_label.setText(
            self.tr("%1 of %2")
            .replace("%1", str(self._current + 1))
            .replace("%2", str(len(self._matches)))
            if self._matches
            else ""
        )
        emit(self.matches_changed, self._current + 1, len(self._matches))

    def _scroll_to_current(self) -> None:
        if 0 <= self._current < len(self._matches):
            cursor = QTextCursor(self._matches[self._current])
            cursor.clearSelection()
            self.browser.setTextCursor(cursor)
            self.browser.ensureCursorVisible()

    # -- annotations -------------------------------------------------------------------
    @property
    def plain_text(self) -> str:
        """The shown document's `Document.plain_text` ("" when none is shown)."""
        return self._loaded_doc.plain_text if self._loaded_doc and self.doc_id else ""

    @property
    def version(self) -> int:
        return self._loaded_doc.version if self._loaded_doc else 0

    def set_marks(self, marks: Sequence[tuple[int, int, QColor]]) -> None:
        """Draw `(position, end, colour)` ranges of the document (annotations' highlights)."""
        doc = self.browser.document()
        last = max(doc.characterCount() - 1, 0)
        cursors = []
        for start, end, colour in marks:
            cursor = QTextCursor(doc)
            cursor.setPosition(min(max(start, 0), last))
            cursor.setPosition(min(max(end, 0), last), QTextCursor.MoveMode.KeepAnchor)
            cursors.append((cursor, colour))
        self._marks = cursors
        self._apply_selections()

    def select_range(self, start: int, end: int) -> None:
        """Select document positions [start, end) and scroll them into view."""
        last = max(self.browser.document().characterCount() - 1, 0)
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(min(max(end, 0), last))
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()
        cursor.setPosition(min(max(start, 0), last), QTextCursor.MoveMode.KeepAnchor)
        self.browser.setTextCursor(cursor)
        self.browser.ensureCursorVisible()

    def context_menu(self, pos: QPoint) -> QMenu:
        """The document's context menu at `pos`: Qt's own entries, then `context_actions`."""
        menu = self.browser.createStandardContextMenu(pos)
        if self.context_actions:
            menu.addSeparator()
        for action in self.context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        return menu

    def _show_context_menu(self, pos: QPoint) -> None:
        menu = self.context_menu(pos)
        menu.exec(self.browser.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def match_count(self) -> int:
        return len(self._matches)

    def current_match(self) -> int:
        """1-based index of the current match; 0 when there is none."""
        return self._current + 1

    def next_match(self) -> None:
        if self._matches:
            self._current = (self._current + 1) % len(self._matches)
            self._apply_selections()
            self._scroll_to_current()

    def previous_match(self) -> None:
        if self._matches:
            self._current = (self._current - 1) % len(self._matches)
            self._apply_selections()
            self._scroll_to_current()

    # -- zoom, print -------------------------------------------------------------------
    def zoom_in(self) -> None:
        self.browser.zoomIn(1)

    def zoom_out(self) -> None:
        self.browser.zoomOut(1)

    def print_(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.browser.document().print_(printer)

    def export_pdf(self, path: Path) -> None:
        """Write the shown document (with its metadata header) to a PDF file."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(path))
        doc = QTextDocument()
        doc.setHtml(f"<div>{self.header.text()}</div><hr>{self.browser.document().toHtml()}")
        doc.print_(printer)

    def export_pdf_dialog(self) -> None:
        name = f"{self.doc_id or 'document'}.pdf"
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to PDF"), name, self.tr("PDF files (*.pdf)")
        )
        if path:
            self.export_pdf(Path(path))
