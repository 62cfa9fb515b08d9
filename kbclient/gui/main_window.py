"""The main window: search field, filter chips, results, facets, reader, status bar."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeyEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kbclient.core.paths import DataPaths
from kbclient.core.search.model import SearchResult
from kbclient.gui.account_dialog import AccountDialog
from kbclient.gui.annotation_controller import AnnotationController
from kbclient.gui.annotations_panel import AnnotationsPanel
from kbclient.gui.build_pack_dialog import BuildPackDialog
from kbclient.gui.delegates import HitDelegate
from kbclient.gui.errors import ErrorReporter
from kbclient.gui.facets import FacetPanel, FilterChips
from kbclient.gui.models import HitListModel
from kbclient.gui.packs_window import PacksWindow, is_pack_drop
from kbclient.gui.qtcompat import emit
from kbclient.gui.reader import ReaderWidget
from kbclient.gui.resources import icon
from kbclient.gui.search_controller import SearchController, overview_hits
from kbclient.gui.sync_controller import SyncController, SyncOutcome
from kbclient.gui.tasks import Task, TaskRunner
from kbclient.gui.whats_new import WhatsNewDialog

if TYPE_CHECKING:
    from kbclient.core.kb import KnowledgeBase, Overview

logger = logging.getLogger(__name__)

SORT_KEYS = ("relevance", "date", "title")


class MainWindow(QMainWindow):
    """Thin over the core: every call to the knowledge base runs through the TaskRunner.

    Signals:
      kb_ready(object): the knowledge base finished opening (the KnowledgeBase).
      results_shown(): the results list shows a new SearchResult or the overview.
      settings_requested(), about_requested(), help_requested(): menu/button requests the
        application handles (they need app-level state such as translators).
    """

    kb_ready = Signal(object)
    results_shown = Signal()
    settings_requested = Signal()
    about_requested = Signal()
    help_requested = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        reporter: ErrorReporter,
        data_dir: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.reporter = reporter
        self.data_dir = data_dir
        self.kb: KnowledgeBase | None = None
        self._rebuild_task: Task | None = None
        self._packs_window: PacksWindow | None = None
        self._build_dialog: BuildPackDialog | None = None
        self.setAcceptDrops(True)
        self.setWindowIcon(icon("kbclient"))
        self.search = SearchController(runner, self)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self._connect()
        self._build_sync()
        self.retranslate()
        self._set_loading(True)
        self.search_edit.setFocus()

    # -- construction ------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.installEventFilter(self)
        self.help_action = QAction(icon("help"), "?", self)
        self.help_action.triggered.connect(lambda: emit(self.help_requested))
        self.search_edit.addAction(self.help_action, QLineEdit.ActionPosition.TrailingPosition)
        self.sort_combo = QComboBox()
        self.sort_label = QLabel()
        self.sort_label.setBuddy(self.sort_combo)
        self.chips = FilterChips()
        self.chips.setVisible(False)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background:#fdecea;color:#611a15;padding:4px;")
        self.banner_close = QToolButton()
        self.banner_close.setIcon(icon("close"))
        self.banner_close.clicked.connect(self.hide_banner)
        banner_row = QWidget()
        bl = QHBoxLayout(banner_row)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(self.banner, 1)
        bl.addWidget(self.banner_close)
        self.banner_row = banner_row
        banner_row.setVisible(False)
        self.summary = QLabel()
        self.results_model = HitListModel(self)
        self.results_view = QListView()
        self.results_view.setModel(self.results_model)
        self.results_view.setItemDelegate(HitDelegate(self.results_view))
        self.results_view.setUniformItemSizes(False)
        self.results_view.setWordWrap(True)
        self.results_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.facets = FacetPanel()
        self.reader = ReaderWidget(self.runner)

        top = QHBoxLayout()
        top.addWidget(self.search_edit, 1)
        top.addWidget(self.sort_label)
        top.addWidget(self.sort_combo)
        middle = QWidget()
        ml = QVBoxLayout(middle)
        ml.setContentsMargins(4, 4, 4, 4)
        ml.addLayout(top)
        ml.addWidget(self.chips)
        ml.addWidget(banner_row)
        ml.addWidget(self.summary)
        ml.addWidget(self.results_view, 1)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.facets)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.reader)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([200, 420, 660])
        self.setCentralWidget(self.splitter)
        self.annotations_panel = AnnotationsPanel()
        self.annotations_dock = QDockWidget()
        self.annotations_dock.setObjectName("annotations")
        self.annotations_dock.setWidget(self.annotations_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.annotations_dock)
        self.annotations = AnnotationController(
            self.runner, self.reader, self.annotations_panel, self.reporter.report, self
        )

        status = self.statusBar()
        self.count_label = QLabel()
        self.index_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton()
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_rebuild)
        status.addPermanentWidget(self.progress)
        status.addPermanentWidget(self.cancel_button)
        status.addPermanentWidget(self.index_label)
        status.addPermanentWidget(self.count_label)

        self.setTabOrder(self.search_edit, self.sort_combo)
        self.setTabOrder(self.sort_combo, self.results_view)
        self.setTabOrder(self.results_view, self.reader.browser)
        self.setTabOrder(self.reader.browser, self.reader.outline)
        self.setTabOrder(self.reader.outline, self.facets)

    def _make_action(
        self,
        name: str,
        slot: Callable[[], object],
        shortcuts: tuple[str, ...] = (),
        icon_name: str = "",
    ) -> QAction:
        action = QAction(icon(icon_name) if icon_name else icon("blank"), name, self)
        if shortcuts:
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.focus_search_action = self._make_action(
            "focus-search", self.focus_search, ("Ctrl+K", "Ctrl+F"), "search"
        )
        self.rebuild_action = self._make_action(
            "rebuild", self.rebuild_index, ("Ctrl+Shift+R",), "rebuild"
        )
        self.settings_action = self._make_action(
            "settings", lambda: emit(self.settings_requested), ("Ctrl+,",), "settings"
        )
        self.packs_action = self._make_action("packs", self.show_packs, ("Ctrl+Shift+P",))
        self.import_pack_action = self._make_action("import-pack", self.import_pack, ("Ctrl+O",))
        self.build_pack_action = self._make_action("build-pack", self.show_build_pack, ())
        self.quit_action = self._make_action("quit", self.close, ("Ctrl+Q",), "quit")
        self.about_action = self._make_action(
            "about", lambda: emit(self.about_requested), (), "kbclient"
        )
        self.help_action.setShortcut(QKeySequence("F1"))
        self.addAction(self.help_action)
        self.results_focus_action = self._make_action(
            "focus-results", self.results_view.setFocus, ("Ctrl+L",)
        )
        self.reader_focus_action = self._make_action(
            "focus-reader", self.reader.browser.setFocus, ("Ctrl+R",)
        )

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.import_pack_action, self.packs_action])
        self.file_menu.addSeparator()
        self.file_menu.addActions([self.reader.print_action, self.reader.pdf_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        self.edit_menu = bar.addMenu("")
        self.edit_menu.addActions([self.reader.copy_action, self.reader.select_all_action])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.focus_search_action)
        self.edit_menu.addAction(self.settings_action)
        self.view_menu = bar.addMenu("")
        self.view_menu.addActions(
            [
                self.results_focus_action,
                self.reader_focus_action,
                self.reader.back_action,
                self.reader.forward_action,
                self.reader.next_match_action,
                self.reader.prev_match_action,
                self.reader.zoom_in_action,
                self.reader.zoom_out_action,
            ]
        )
        self.annotations_menu = bar.addMenu("")
        self.annotations_menu.addActions(
            [self.annotations.highlight_action, self.annotations.colour_menu_action]
        )
        self.annotations_menu.addAction(self.annotations.note_action)
        self.annotations_menu.addSeparator()
        self.annotated_only_action = QAction(self)
        self.annotated_only_action.setCheckable(True)
        self.annotated_only_action.toggled.connect(self._annotated_only)
        self.search.filters_changed.connect(
            lambda: self.annotated_only_action.setChecked(
                "yes" in self.search.filters().get("annotated", [])
            )
        )
        self.annotations_menu.addAction(self.annotated_only_action)
        self.annotations_menu.addAction(self.annotations_dock.toggleViewAction())
        self.tools_menu = bar.addMenu("")
        self.tools_menu.addAction(self.rebuild_action)
        self.tools_menu.addAction(self.build_pack_action)
        self.help_menu = bar.addMenu("")
        self.help_menu.addActions([self.help_action, self.about_action])

    def _connect(self) -> None:
        self.search_edit.textChanged.connect(self.search.set_query)
        self.search_edit.returnPressed.connect(self.open_current)
        self.sort_combo.currentIndexChanged.connect(
            lambda i: self.search.set_sort(SORT_KEYS[i]) if 0 <= i < len(SORT_KEYS) else None
        )
        self.search.results.connect(self._show_results)
        self.search.overview.connect(self._show_overview)
        self.search.failed.connect(self.reporter.report)
        self.search.filters_changed.connect(lambda: self.chips.set_filters(self.search.filters()))
        self.facets.toggled.connect(self.search.toggle_filter)
        self.chips.removed.connect(self.search.remove_filter)
        self.results_view.activated.connect(self._on_activated)
        self.results_view.selectionModel().currentChanged.connect(self._on_current_changed)
        self.reader.failed.connect(self.reporter.report)
        self.reporter.message.connect(self.show_banner)

    # -- translation -------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("kbclient — Knowledge base"))
        self.search_edit.setPlaceholderText(self.tr("Search the library (Chinese or English)…"))
        self.search_edit.setAccessibleName(self.tr("Search"))
        self.help_action.setText(self.tr("Query syntax help"))
        self.help_action.setToolTip(self.tr("Query syntax help (F1)"))
        self.sort_label.setText(self.tr("&Sort:"))
        current = max(self.sort_combo.currentIndex(), 0)
        self.sort_combo.blockSignals(True)
        self.sort_combo.clear()
        self.sort_combo.addItems([self.tr("Relevance"), self.tr("Date"), self.tr("Title")])
        self.sort_combo.setCurrentIndex(current)
        self.sort_combo.blockSignals(False)
        self.sort_combo.setAccessibleName(self.tr("Sort results by"))
        self.results_view.setAccessibleName(self.tr("Results"))
        self.banner_close.setAccessibleName(self.tr("Dismiss message"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the running operation"))
        self.progress.setAccessibleName(self.tr("Progress"))
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.tools_menu.setTitle(self.tr("&Tools"))
        self.annotations_menu.setTitle(self.tr("&Annotations"))
        self.annotated_only_action.setText(self.tr("Only documents with annotations"))
        self.annotations_dock.setWindowTitle(self.tr("Annotations"))
        self.annotations.retranslate()
        self.help_menu.setTitle(self.tr("&Help"))
        self.focus_search_action.setText(self.tr("Go to search"))
        self.rebuild_action.setText(self.tr("Rebuild search index"))
        self.settings_action.setText(self.tr("Settings…"))
        self.quit_action.setText(self.tr("Quit"))
        self.packs_action.setText(self.tr("Content packs…"))
        self.import_pack_action.setText(self.tr("Import pack…"))
        self.build_pack_action.setText(self.tr("Build pack…"))
        self.about_action.setText(self.tr("About kbclient"))
        self.results_focus_action.setText(self.tr("Go to results"))
        self.reader_focus_action.setText(self.tr("Go to document"))
        self.reader.retranslate()
        self._retranslate_sync()
        self.facets.retranslate()
        self.chips.set_filters(self.search.filters())
        self._update_counts()
        self._update_summary()

    # -- loading the knowledge base ----------------------------------------------------
    def load(self, open_kb: Callable[..., KnowledgeBase]) -> Task:
        """Open the knowledge base in a worker (`open_kb(progress=, cancel=)`)."""
        self._set_loading(True)
        return self.runner.submit(
            open_kb,
            name="open",
            with_control=True,
            on_finished=self.set_kb,
            on_failed=self._open_failed,
            on_progress=self._show_progress,
        )

    def set_kb(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._hide_progress()
        self._set_loading(False)
        self.reader.set_kb(kb)
        self.annotations.set_kb(kb)
        self.search.set_kb(kb)
        self._refresh_status()
        self.sync.set_kb(kb)
        _settle_garbage_collector()
        emit(self.kb_ready, kb)

    def _open_failed(self, exc: BaseException) -> None:
        self._hide_progress()
        self.index_label.setText(self.tr("Library not available"))
        self.reporter.report(exc)

    def _set_loading(self, loading: bool) -> None:
        self._loading = loading
        self.rebuild_action.setEnabled(not loading)
        if loading:
            self.index_label.setText(self.tr("Loading the library…"))
        self._update_summary()

    def _refresh_status(self) -> None:
        if self.kb is None:
            return
        kb = self.kb
        self.index_label.setText(self.tr("Checking the index…"))
        self.runner.submit(
            lambda: (kb.document_count(), kb.check_index()),
            name="status",
            on_finished=self._status_ready,
            on_failed=self.reporter.report,
        )

    def _status_ready(self, value: tuple[int, list[str]]) -> None:
        self._doc_count, problems = value
        self._index_problems = len(problems)
        self._update_counts()

    def _update_counts(self) -> None:
        count = getattr(self, "_doc_count", None)
        self.count_label.setText(
            "" if count is None else self.tr("%1 documents").replace("%1", str(count))
        )
        if getattr(self, "_loading", False):
            self.index_label.setText(self.tr("Loading the library…"))
        elif self._rebuild_task is not None:
            self.index_label.setText(self.tr("Rebuilding the index…"))
        elif count is not None:
            problems = getattr(self, "_index_problems", 0)
            self.index_label.setText(
                self.tr("Index up to date")
                if not problems
                else self.tr("Index needs repair (%1 problems)").replace("%1", str(problems))
            )

    # -- results -----------------------------------------------------------------------
    def _show_results(self, result: SearchResult) -> None:
        self.results_model.set_hits(result.hits)
        self.facets.set_facets(result.facets, self.search.filters())
        self._update_summary()
        self.hide_banner()
        emit(self.results_shown)

    def _show_overview(self, overview: Overview) -> None:
        self.results_model.set_hits(overview_hits(overview))
        self._doc_count = overview.total
        self.facets.set_facets(
            {"kind": overview.kinds, "pack": {p.id: p.doc_count for p in overview.packs}},
            self.search.filters(),
        )
        self._update_counts()
        self._update_summary()
        emit(self.results_shown)

    def _update_summary(self) -> None:
        if getattr(self, "_loading", False):
            self.summary.setText(self.tr("Loading the library…"))
            return
        result = self.search.last_result
        if result is None:
            self.summary.setText(self.tr("Recently updated documents"))
        elif result.total == 0:
            self.summary.setText(self.tr("No documents match."))
        else:
            self.summary.setText(
                self.tr("%1 documents match (%2 ms)")
                .replace("%1", str(result.total))
                .replace("%2", f"{result.took_ms:.0f}")
            )

    def terms(self) -> tuple[str, ...]:
        result = self.search.last_result
        if result is None:
            return ()
        if result.terms:
            return tuple(result.terms)
        return tuple(w for w in result.query.split() if ":" not in w and w[0] not in '-"')

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        doc_id = current.data(HitListModel.IdRole) if current.isValid() else None
        if doc_id:
            self.reader.show_document(doc_id, self.terms())

    def _on_activated(self, index: QModelIndex) -> None:
        doc_id = index.data(HitListModel.IdRole)
        if doc_id:
            if doc_id != self.reader.doc_id:
                self.reader.show_document(doc_id, self.terms())
            self.reader.browser.setFocus()

    def open_current(self) -> None:
        """Enter in the search field: open the selected hit, or the first one."""
        index = self.results_view.currentIndex()
        if not index.isValid() and self.results_model.rowCount():
            index = self.results_model.index(0, 0)
            self.results_view.setCurrentIndex(index)
        if index.isValid():
            self._on_activated(index)

    def move_selection(self, delta: int) -> None:
        rows = self.results_model.rowCount()
        if not rows:
            return
        row = self.results_view.currentIndex().row()
        row = 0 if row < 0 else max(0, min(rows - 1, row + delta))
        index = self.results_model.index(row, 0)
        self.results_view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.results_view.scrollTo(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            steps = {
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_PageDown: 10,
                Qt.Key.Key_PageUp: -10,
            }
            if event.key() in steps:
                self.move_selection(steps[Qt.Key(event.key())])
                return True
        return super().eventFilter(watched, event)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    # -- messages ----------------------------------------------------------------------
    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner_row.setVisible(True)
        self.statusBar().showMessage(text, 10_000)

    def hide_banner(self) -> None:
        self.banner_row.setVisible(False)

    # -- long work ---------------------------------------------------------------------
    def rebuild_index(self) -> None:
        if self.kb is None or self._rebuild_task is not None:
            return
        self.rebuild_action.setEnabled(False)
        self._rebuild_task = self.runner.submit(
            self.kb.rebuild_index,
            name="rebuild index",
            with_control=True,
            on_finished=self._rebuild_done,
            on_failed=self._rebuild_failed,
            on_progress=self._show_progress,
        )
        self.cancel_button.setVisible(True)
        self._show_progress(0, 0)
        self._update_counts()

    def cancel_rebuild(self) -> None:
        if self._rebuild_task is not None:
            self._rebuild_task.cancel()
            self.cancel_button.setEnabled(False)

    def _rebuild_done(self, _result: object) -> None:
        self._end_rebuild()
        self.statusBar().showMessage(self.tr("The search index was rebuilt."), 10_000)
        self.search.refresh()

    def _rebuild_failed(self, exc: BaseException) -> None:
        self._end_rebuild()
        self.reporter.report(exc)

    def _end_rebuild(self) -> None:
        self._rebuild_task = None
        self.rebuild_action.setEnabled(True)
        self.cancel_button.setEnabled(True)
        self._hide_progress()
        self._refresh_status()

    def _show_progress(self, done: int, total: int) -> None:
        self.progress.setVisible(True)
        self.progress.setMaximum(max(total, 0))
        self.progress.setValue(min(done, total) if total > 0 else 0)

    def _hide_progress(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)

    # -- content packs -----------------------------------------------------------------
    def packs_window(self) -> PacksWindow | None:
        """The Packs window, created on first use (needs the opened knowledge base)."""
        if self.kb is None:
            return None
        if self._packs_window is None:
            self._packs_window = PacksWindow(self.kb, self.runner, self, reporter=self.reporter)
            self._packs_window.packsChanged.connect(self._packs_changed)
        return self._packs_window

    def show_packs(self) -> None:
        window = self.packs_window()
        if window is not None:
            window.show()
            window.raise_()

    def import_pack(self) -> None:
        window = self.packs_window()
        if window is not None:
            window.show()
            window.import_button.click()

    def import_pack_files(self, paths: list[Path]) -> None:
        window = self.packs_window()
        if window is not None and paths:
            window.show()
            window.import_files(paths)

    def show_build_pack(self) -> None:
        if self._build_dialog is None:
            self._build_dialog = BuildPackDialog(self.runner, self)
        self._build_dialog.show()
        self._build_dialog.raise_()

    def _packs_changed(self) -> None:
        self.search.refresh()
        self._refresh_status()

    # -- sync with the remote (kbclient.gui.sync_controller) ----------------------------
    def _build_sync(self) -> None:
        self.sync = SyncController(self.runner, self.data_dir, parent=self)
        self.account_dialog: AccountDialog | None = None
        self.whats_new: WhatsNewDialog | None = None
        self.sync_action = self._make_action("sync", lambda: self.sync.sync_now(), ("F5",))
        self.account_action = self._make_action("account", lambda: self.show_account())
        self.whats_new_action = self._make_action("whats-new", lambda: self.show_whats_new())
        self.whats_new_action.setEnabled(False)
        self.sync_menu = QMenu(self)
        self.sync_menu.addActions([self.sync_action, self.whats_new_action])
        self.sync_menu.addSeparator()
        self.sync_menu.addAction(self.account_action)
        self.menuBar().insertMenu(self.help_menu.menuAction(), self.sync_menu)
        self.last_sync_label = QLabel()
        self.statusBar().insertPermanentWidget(0, self.last_sync_label)
        self.cancel_button.clicked.connect(self.sync.cancel)
        self.sync.running_changed.connect(self._sync_running)
        self.sync.progress.connect(self._show_progress)
        self.sync.error.connect(self.reporter.report)
        self.sync.status_message.connect(lambda t: self.statusBar().showMessage(t, 10_000))
        self.sync.credentials_needed.connect(lambda prompt: self.show_account(prompt, True))
        self.sync.last_sync_changed.connect(lambda _when: self._retranslate_sync())
        self.sync.library_changed.connect(self._library_synced)
        self.sync.finished.connect(self._team_notes_synced)

    def _retranslate_sync(self) -> None:
        self.sync_menu.setTitle(self.tr("&Sync"))
        self.sync_action.setText(self.tr("Sync now"))
        self.account_action.setText(self.tr("Account…"))
        self.whats_new_action.setText(self.tr("What's new…"))
        self.last_sync_label.setText(self.sync.last_sync_text())

    def show_account(self, prompt: str = "", sync_after: bool = False) -> AccountDialog:
        """Open the account dialog (window-modal); with `sync_after`, sync once saved."""
        if self.account_dialog is not None:
            self.account_dialog.deleteLater()
        settings = DataPaths(self.data_dir).settings
        dialog = AccountDialog(settings, self.sync.credentials, self, prompt=prompt)
        dialog.saved.connect(lambda _remote: self._account_saved(sync_after))
        self.account_dialog = dialog
        dialog.open()
        return dialog

    def _account_saved(self, sync_after: bool) -> None:
        self.sync.schedule()
        self._retranslate_sync()
        if sync_after:
            self.sync.sync_now()

    def _sync_running(self, running: bool) -> None:
        self.sync_action.setEnabled(not running)
        if running:
            self.cancel_button.setVisible(True)
            self._show_progress(0, 0)
        elif self._rebuild_task is None:
            self.cancel_button.setEnabled(True)
            self._hide_progress()

    def _library_synced(self, outcome: SyncOutcome) -> None:
        self.search.refresh()
        self._refresh_status()
        if self._packs_window is not None:
            self._packs_window.refresh()
        self.show_whats_new(outcome)

    def _annotated_only(self, on: bool) -> None:
        """The "documents with annotations" filter: a removable chip like any facet."""
        if on != ("yes" in self.search.filters().get("annotated", [])):
            self.search.toggle_filter("annotated", "yes")

    def _team_notes_synced(self, outcome: SyncOutcome) -> None:
        """Teammates' annotations arrived: redraw them; a note being edited is kept and
        its conflict shown (the store never overwrites a draft)."""
        notes = outcome.notes
        if notes is None:
            return
        if notes.report is None:
            self.statusBar().showMessage(
                self.tr("Annotations were not shared: %1").replace("%1", notes.error or ""),
                10_000,
            )
            return
        self.annotations.notify_conflicts(notes.report.conflicts)
        self.annotations.refresh()

    def show_whats_new(self, outcome: SyncOutcome | None = None) -> None:
        if self.whats_new is None:
            self.whats_new = WhatsNewDialog(self)
            self.whats_new.open_requested.connect(lambda doc_id: self.reader.show_document(doc_id))
        if outcome is not None:
            self.whats_new.set_outcome(outcome)
            self.whats_new_action.setEnabled(True)
        self.whats_new.show()
        self.whats_new.raise_()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if is_pack_drop(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = is_pack_drop(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_pack_files(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.annotations.close()
        self.sync.stop()
        if self._rebuild_task is not None:
            self._rebuild_task.cancel()
        super().closeEvent(event)


def _settle_garbage_collector() -> None:
    """Move what opening the library allocated out of the collector's sight (`gc.freeze`).

    A full collection walks every live object while holding the GIL; with index readers and
    the library loaded that walk took 50-130 ms in a search worker, and the GUI thread
    stalled behind it. Those objects live as long as the app anyway; later garbage is still
    collected.
    """
    gc.collect()
    gc.freeze()
