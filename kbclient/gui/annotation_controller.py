"""Annotating in the reader: actions, highlights drawn, the panel filled, drafts kept.

Ties the core's `AnnotationService` to the reader (selection → plain-text span through a
`TextMap`; annotations → highlights) and to the annotations panel and its note editor.
Store calls are direct on the GUI thread (SQLite, a few ms); loading a document's
annotations — which may re-anchor all of them after a revision — runs in a worker.

Drafts: the editor writes a draft on every keystroke, keyed by the annotation id (a new
note gets its id up front). Opening a document restores its latest draft into the editor,
so switching documents, closing the window or a crash never loses text. A sync that
changes a note being edited never touches the editor: the panel says the note changed
elsewhere, and saving makes the text being typed the latest version.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from kbclient.core.annotations.model import COLOURS, DEFAULT_COLOUR, Annotation, find_quote
from kbclient.core.annotations.service import AnnotationService
from kbclient.core.annotations.store import AnnotationStore
from kbclient.core.errors import AnnotationError
from kbclient.gui.annotations_model import colour_label, highlight_colour, short_quote
from kbclient.gui.annotations_panel import AnnotationsPanel
from kbclient.gui.qtcompat import emit
from kbclient.gui.reader import ReaderWidget
from kbclient.gui.tasks import TaskRunner
from kbclient.gui.text_map import TextMap

if TYPE_CHECKING:
    from kbclient.core.annotations.merge import Conflict
    from kbclient.core.kb import KnowledgeBase

logger = logging.getLogger(__name__)

HIGHLIGHT_SHORTCUT = "Ctrl+H"
NOTE_SHORTCUT = "Ctrl+Shift+N"


def load_annotations(
    store: AnnotationStore, doc_id: str, plain: str, version: int, raw: str
) -> tuple[list[Annotation], TextMap]:
    """Runs in a worker: the document's annotations anchored on `plain`, and its text map."""
    return store.for_document(doc_id, text=plain, version=version), TextMap(plain, raw)


class AnnotationController(QObject):
    """See the module docstring.

    Signals:
      annotations_changed(str): the panel and the highlights show the document's
        annotations as now stored (its id).
    """

    annotations_changed = Signal(str)

    def __init__(
        self,
        runner: TaskRunner,
        reader: ReaderWidget,
        panel: AnnotationsPanel,
        report: Callable[[BaseException], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.reader = reader
        self.panel = panel
        self.editor = panel.editor
        self.report = report
        self.service: AnnotationService | None = None
        self.colour = DEFAULT_COLOUR
        self.confirm_delete: Callable[[Annotation], bool] = self._ask_delete  # tests replace
        self._map: TextMap | None = None
        self._map_doc: str | None = None
        self._seq = 0
        self._build_actions()
        reader.document_shown.connect(self._on_document_shown)
        reader.selection_changed.connect(self._update_actions)
        panel.annotation_activated.connect(self.show_annotation)
        panel.edit_requested.connect(self.edit)
        panel.delete_requested.connect(self.delete)
        self.editor.save_requested.connect(self.save_note)
        self.editor.cancel_requested.connect(self.cancel_note)
        self.retranslate()
        self._update_actions()

    # -- actions -----------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.highlight_action = QAction(self)
        self.highlight_action.setShortcut(QKeySequence(HIGHLIGHT_SHORTCUT))
        self.highlight_action.triggered.connect(lambda: self.highlight())
        self.note_action = QAction(self)
        self.note_action.setShortcut(QKeySequence(NOTE_SHORTCUT))
        self.note_action.triggered.connect(self.add_note)
        self.colour_menu = QMenu()
        self.colour_group = QActionGroup(self)
        self.colour_actions: dict[str, QAction] = {}
        for colour in COLOURS:
            action = QAction(self)
            action.setCheckable(True)
            action.setChecked(colour == self.colour)
            action.setData(colour)
            action.triggered.connect(lambda _c=False, col=colour: self.set_colour(col))
            self.colour_group.addAction(action)
            self.colour_menu.addAction(action)
            self.colour_actions[colour] = action
        self.colour_menu_action = self.colour_menu.menuAction()
        for action in (self.highlight_action, self.note_action):
            action.setShortcutContext(action.shortcutContext().WindowShortcut)
            self.reader.addAction(action)
        self.reader.context_actions.extend(
            [self.highlight_action, self.colour_menu_action, self.note_action]
        )

    def retranslate(self) -> None:
        self.highlight_action.setText(self.tr("&Highlight"))
        self.note_action.setText(self.tr("Add &note…"))
        self.colour_menu.setTitle(self.tr("Highlight &colour"))
        for colour, action in self.colour_actions.items():
            action.setText(colour_label(colour))
            pixmap_colour = highlight_colour(colour).name()
            action.setToolTip(pixmap_colour)
        self.editor.retranslate()
        self.panel.retranslate()

    def _update_actions(self) -> None:
        can = (
            self.service is not None
            and self.reader.doc_id is not None
            and self.reader.browser.textCursor().hasSelection()
        )
        self.highlight_action.setEnabled(can)
        self.note_action.setEnabled(can)

    def set_colour(self, colour: str) -> None:
        """The colour Highlight uses; with a selection, highlight it in that colour now."""
        self.colour = colour
        self.colour_actions[colour].setChecked(True)
        if self.reader.browser.textCursor().hasSelection():
            self.highlight(colour)

    # -- the knowledge base ------------------------------------------------------------
    def set_kb(self, kb: KnowledgeBase | None) -> None:
        self.close()
        self.service = AnnotationService.open(kb) if kb is not None else None
        if self.reader.doc_id is not None:
            self._on_document_shown(self.reader.doc_id)
        self._update_actions()

    def close(self) -> None:
        """Close the store (drafts are already on disk)."""
        if self.service is not None:
            self.service.close()
            self.service = None

    @property
    def store(self) -> AnnotationStore:
        if self.service is None:
            raise AnnotationError("no knowledge base is open")
        return self.service.store

    # -- loading -----------------------------------------------------------------------
    def _on_document_shown(self, doc_id: str) -> None:
        if self.service is None:
            return
        if self.editor.active and self.editor.doc != doc_id:
            self.editor.finish()  # its draft stays in the store, restored on coming back
        self._seq += 1
        seq = self._seq
        self.runner.submit(
            load_annotations,
            self.store,
            doc_id,
            self.reader.plain_text,
            self.reader.version,
            self.reader.browser.document().toRawText(),
            name="load annotations",
            on_finished=lambda result, s=seq, d=doc_id: self._loaded(s, d, *result),
            on_failed=self.report,
        )
        self._update_actions()

    def _loaded(self, seq: int, doc_id: str, items: list[Annotation], text_map: TextMap) -> None:
        if seq != self._seq or doc_id != self.reader.doc_id or self.service is None:
            return
        self._map, self._map_doc = text_map, doc_id
        self._show(doc_id, items)
        if not self.editor.active:
            self._restore_draft(doc_id)

    def refresh(self) -> None:
        """Reload the shown document's annotations now (after a sync or a write)."""
        doc_id = self.reader.doc_id
        if self.service is None or doc_id is None:
            return
        self._seq += 1  # a load still in flight would be older than this
        items = self.store.for_document(
            doc_id, text=self.reader.plain_text, version=self.reader.version
        )
        self._show(doc_id, items)

    def _show(self, doc_id: str, items: list[Annotation]) -> None:
        assert self.service is not None
        self.panel.set_annotations(items, self.service.user)
        text_map = self._text_map()
        marks = []
        for a in items:
            if a.anchored_start is None or a.anchored_end is None or a.orphaned:
                continue
            span = text_map.to_document(a.anchored_start, a.anchored_end)
            if span is not None:
                marks.append((span[0], span[1], highlight_colour(a.colour)))
        self.reader.set_marks(marks)
        self._check_conflict()
        emit(self.annotations_changed, doc_id)

    def _text_map(self) -> TextMap:
        if self._map is None or self._map_doc != self.reader.doc_id:
            raw = self.reader.browser.document().toRawText()
            self._map, self._map_doc = TextMap(self.reader.plain_text, raw), self.reader.doc_id
        return self._map

    # -- selection → annotation ----------------------------------------------------------
    def selected_span(self) -> tuple[int, int] | None:
        """The reader's selection as a span of the document's plain text."""
        cursor = self.reader.browser.textCursor()
        if self.reader.doc_id is None or not cursor.hasSelection():
            return None
        return self._text_map().to_plain(cursor.selectionStart(), cursor.selectionEnd())

    def highlight(self, colour: str | None = None) -> Annotation | None:
        """Highlight the selected passage (no note)."""
        span = self.selected_span()
        doc_id = self.reader.doc_id
        if span is None or self.service is None or doc_id is None:
            return None
        try:
            made = self.service.annotate(doc_id, *span, colour=colour or self.colour)
        except AnnotationError as exc:
            self.report(exc)
            return None
        self.refresh()
        self.panel.select(made.id)
        return made

    def add_note(self) -> None:
        """Open the editor on a new note for the selected passage."""
        span = self.selected_span()
        doc_id = self.reader.doc_id
        if span is None or self.service is None or doc_id is None:
            return
        start, end = span
        quote = self.reader.plain_text[start:end]
        extra = {
            "new": True,
            "start": start,
            "end": end,
            "quote": quote,
            "doc_version": self.reader.version,
        }
        self.editor.start(
            self.store, str(uuid.uuid4()), doc_id, quote, colour=self.colour, extra=extra
        )
        self.editor.note_edit.setFocus()

    # -- editing ------------------------------------------------------------------------
    def edit(self, annotation_id: str) -> None:
        """Open the editor on one's own annotation (its draft, if there is one)."""
        if self.service is None:
            return
        a = self.store.get(annotation_id)
        if a is None or a.author != self.service.user:
            return
        draft = self.store.draft(annotation_id)
        extra: dict[str, Any] = dict(draft.extra) if draft else {}
        extra.setdefault("base_modified", a.modified)
        self.editor.start(
            self.store,
            a.id,
            a.doc,
            a.exact,
            note=draft.text if draft else a.note,
            tags=extra.get("tags", list(a.tags)),
            colour=str(extra.get("colour", a.colour)),
            extra=extra,
        )
        self._check_conflict()

    def _restore_draft(self, doc_id: str) -> None:
        assert self.service is not None
        for draft in reversed(self.store.drafts(doc_id)):
            if draft.extra.get("new"):
                self.editor.start(
                    self.store,
                    draft.key,
                    doc_id,
                    str(draft.extra.get("quote", "")),
                    note=draft.text,
                    tags=draft.extra.get("tags", []),
                    colour=str(draft.extra.get("colour", DEFAULT_COLOUR)),
                    extra=draft.extra,
                )
                return
            a = self.store.get(draft.key)
            if a is not None and a.author == self.service.user:
                self.edit(a.id)
                return

    def save_note(self) -> None:
        if self.service is None or not self.editor.active:
            return
        key, doc_id, extra = self.editor.key, self.editor.doc, self.editor.extra
        assert key is not None and doc_id is not None
        note, tags, colour = self.editor.note(), self.editor.tags(), self.editor.colour()
        try:
            if extra.get("new"):
                start, end = self._new_span(doc_id, extra)
                self.service.annotate(
                    doc_id, start, end, note=note, tags=tags, colour=colour, annotation_id=key
                )
            else:
                self.service.edit(key, note=note, tags=tags, colour=colour)
        except AnnotationError as exc:
            self.report(exc)
            return
        self.editor.finish()
        if doc_id == self.reader.doc_id:
            self.refresh()
            self.panel.select(key)

    def _new_span(self, doc_id: str, extra: dict[str, Any]) -> tuple[int, int]:
        """Where the new note's passage is now (the document may have been revised)."""
        assert self.service is not None
        if doc_id == self.reader.doc_id:
            text, version = self.reader.plain_text, self.reader.version
        else:
            doc = self.service.kb.document(doc_id)
            text, version = doc.plain_text, doc.version
        start, end = int(extra.get("start", 0)), int(extra.get("end", 0))
        quote = str(extra.get("quote", ""))
        if extra.get("doc_version") == version and text[start:end] == quote:
            return start, end
        return find_quote(text, quote)

    def cancel_note(self) -> None:
        if self.service is not None and self.editor.key is not None:
            self.store.discard_draft(self.editor.key)
        self.editor.finish()

    def delete(self, annotation_id: str) -> None:
        if self.service is None:
            return
        a = self.store.get(annotation_id)
        if a is None or not self.confirm_delete(a):
            return
        try:
            self.service.delete(annotation_id)
        except AnnotationError as exc:
            self.report(exc)
            return
        if self.editor.key == annotation_id:
            self.editor.finish()
        self.refresh()

    def _ask_delete(self, a: Annotation) -> bool:
        answer = QMessageBox.question(
            self.panel,
            self.tr("Delete annotation"),
            self.tr("Delete this annotation?\n“%1”").replace("%1", short_quote(a.exact, 120)),
        )
        return answer == QMessageBox.StandardButton.Yes

    # -- conflicts (a sync arrived while a note is being edited) ------------------------------
    def notify_conflicts(self, conflicts: Iterable[Conflict]) -> None:
        """After a sync: refresh, and tell the user if the note being edited changed."""
        ids = {c.id for c in conflicts}
        self.refresh()
        if self.editor.key in ids:
            self._check_conflict(force=True)

    def _check_conflict(self, force: bool = False) -> None:
        if self.service is None or not self.editor.active or self.editor.extra.get("new"):
            return
        key = self.editor.key
        assert key is not None
        current = self.store.get(key)
        base = self.editor.extra.get("base_modified")
        if current is None or (current.modified == base and not force):
            return
        if current.deleted:
            text = self.tr(
                "This note was deleted elsewhere while you were editing it. Your text is "
                "kept: saving restores the note."
            )
        else:
            text = self.tr(
                "This note was changed elsewhere (by %1) while you were editing it. Your text "
                "is kept: saving makes it the latest version."
            ).replace("%1", current.author)
        self.editor.set_notice(text)

    # -- showing ------------------------------------------------------------------------
    def show_annotation(self, annotation_id: str) -> None:
        """Scroll the reader to an annotation's passage and select it."""
        a = next((x for x in self.panel.model.annotations() if x.id == annotation_id), None)
        if a is None or a.anchored_start is None or a.anchored_end is None or a.orphaned:
            return
        span = self._text_map().to_document(a.anchored_start, a.anchored_end)
        if span is not None:
            self.reader.select_range(*span)
