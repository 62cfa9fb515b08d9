"""Starts the desktop app: window first, knowledge base opened in a worker, then search.

`main()` is what `kbclient` (no command) and the `kbclient-gui` entry point call; with
`screenshot` it renders the window offscreen to a PNG once the first result is shown.
"""

from __future__ import annotations

import functools
import logging
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kbclient.core.paths import default_data_dir, default_log_dir
from kbclient.gui import settings as gs
from kbclient.gui.dialogs import AboutDialog, HelpDialog, SettingsDialog
from kbclient.gui.errors import ErrorReporter, setup_logging
from kbclient.gui.i18n import Translators
from kbclient.gui.main_window import MainWindow
from kbclient.gui.resources import icon
from kbclient.gui.tasks import TaskRunner

logger = logging.getLogger(__name__)

APP_ID = "org.fintechplatform.kbclient"
SCREENSHOT_SIZE = (1280, 800)
SCREENSHOT_TIMEOUT_MS = 120_000


GIL_SWITCH_INTERVAL_S = 0.001


def prefer_gui_thread() -> None:
    """Let the GUI thread take the GIL back sooner from busy workers (default: 5 ms).

    Search and indexing are pure Python in workers; with the default switch interval the
    GUI thread can wait several slices in a row for the GIL, which shows as stutter.
    """
    sys.setswitchinterval(GIL_SWITCH_INTERVAL_S)


def open_knowledge_base(
    data_dir: Path, builtin_source: Path | None = None, *, progress=None, cancel=None
):  # type: ignore[no-untyped-def]
    """Runs in a worker: open (on first start: install the built-in library)."""
    from kbclient.core.kb import KnowledgeBase

    return KnowledgeBase.open(
        data_dir, builtin_source=builtin_source, progress=progress, cancel=cancel
    )


class Application:
    """Wires the window to app-level state: settings, translators, dialogs."""

    def __init__(
        self,
        app: QApplication,
        data_dir: Path,
        *,
        settings: gs.GuiSettings,
        translators: Translators,
        runner: TaskRunner,
        reporter: ErrorReporter,
    ) -> None:
        self.app = app
        self.data_dir = data_dir
        self.settings = settings
        self.translators = translators
        self.runner = runner
        self.reporter = reporter
        self.window = MainWindow(runner, reporter, data_dir)
        reporter.dialog_parent = self.window
        self.window.search.set_limit(settings.get(gs.RESULTS_PER_PAGE))
        self.window.settings_requested.connect(self.show_settings)
        self.window.about_requested.connect(lambda: AboutDialog(self.window).exec())
        self.window.help_requested.connect(lambda: HelpDialog(self.window).exec())

    def show_settings(self) -> None:
        dialog = SettingsDialog(
            self.settings.get(gs.LANGUAGE),
            self.settings.get(gs.RESULTS_PER_PAGE),
            self.data_dir,
            self.window,
        )
        if dialog.exec():
            self.apply_settings(dialog.chosen_language(), dialog.results_per_page.value())

    def apply_settings(self, language: str, results_per_page: int) -> None:
        self.settings.set(gs.LANGUAGE, language)
        self.settings.set(gs.RESULTS_PER_PAGE, results_per_page)
        self.settings.sync()
        self.set_language(language or None)
        self.window.search.set_limit(results_per_page)
        self.window.search.refresh()

    def set_language(self, language: str | None) -> str:
        """Switch the UI language now; every widget retranslates on LanguageChange."""
        return self.translators.install(language)

    def restore_state(self) -> None:
        geometry = self.settings.get(gs.GEOMETRY)
        if geometry:
            self.window.restoreGeometry(geometry)
        splitter = self.settings.get(gs.SPLITTER)
        if splitter:
            self.window.splitter.restoreState(splitter)

    def save_state(self) -> None:
        self.settings.set(gs.GEOMETRY, self.window.saveGeometry())
        self.settings.set(gs.SPLITTER, self.window.splitter.saveState())
        self.settings.sync()

    def shutdown(self) -> None:
        self.runner.shutdown()
        if self.window.kb is not None:
            self.window.kb.close()
            self.window.kb = None


def take_screenshot(window: MainWindow, path: Path, done: callable) -> None:  # type: ignore[valid-type]
    """Once the first result (and its document) is shown, grab the window into `path`."""
    state = {"taken": False}

    def grab() -> None:
        if state["taken"]:
            return
        state["taken"] = True
        path.parent.mkdir(parents=True, exist_ok=True)
        ok = window.grab().save(str(path), "PNG")
        logger.info("screenshot %s: %s", path, ok)
        done(0 if ok else 1)

    def on_results() -> None:
        if window.kb is None or state["taken"]:
            return
        if window.results_model.rowCount():
            window.reader.document_shown.connect(lambda _id: QTimer.singleShot(100, grab))
            window.move_selection(0)
        else:
            QTimer.singleShot(100, grab)

    window.results_shown.connect(on_results)


def log_startup_timing(window: MainWindow, started: float) -> None:
    """Log (INFO) when the window is first painted and the first results are shown."""
    QTimer.singleShot(
        0,
        lambda: logger.info(
            "startup: window shown after %.0f ms (from main()) at %.3f",
            (time.perf_counter() - started) * 1000,
            time.time(),
        ),
    )
    seen = {"results": False}

    def first_results() -> None:
        if not seen["results"] and window.kb is not None:
            seen["results"] = True
            logger.info(
                "startup: first results after %.0f ms (from main()) at %.3f",
                (time.perf_counter() - started) * 1000,
                time.time(),
            )

    window.results_shown.connect(first_results)


def main(
    data_dir: Path | None = None,
    screenshot: Path | None = None,
    query: str | None = None,
    lang: str | None = None,
) -> int:
    """Run the desktop app (or render it to `screenshot`); returns the exit code."""
    started = time.perf_counter()
    prefer_gui_thread()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("kbclient")
    app.setOrganizationName("kbclient")
    app.setApplicationDisplayName("kbclient")
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(icon("kbclient"))
    log_path = setup_logging(default_log_dir())
    root = data_dir if data_dir is not None else default_data_dir()
    settings = gs.GuiSettings()
    translators = Translators(app)
    translators.install(lang or settings.get(gs.LANGUAGE) or None)
    runner = TaskRunner()
    reporter = ErrorReporter(log_path, show_dialogs=screenshot is None)
    reporter.install_excepthook()
    gui = Application(
        app, root, settings=settings, translators=translators, runner=runner, reporter=reporter
    )
    window = gui.window
    exit_code = {"rc": 0}
    if screenshot is not None:
        window.resize(*SCREENSHOT_SIZE)

        def finish(rc: int) -> None:
            exit_code["rc"] = rc
            app.quit()

        take_screenshot(window, screenshot, finish)
        reporter.crashed.connect(lambda _e: finish(1))
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, lambda: finish(1))
    else:
        gui.restore_state()
    if query:
        window.search_edit.setText(query)
    window.show()
    window.search_edit.setFocus()
    log_startup_timing(window, started)
    window.load(functools.partial(open_knowledge_base, root))
    try:
        rc = app.exec()
    finally:
        if screenshot is None:
            gui.save_state()
        gui.shutdown()
        reporter.uninstall_excepthook()
    return exit_code["rc"] or rc


if __name__ == "__main__":
    sys.exit(main())
