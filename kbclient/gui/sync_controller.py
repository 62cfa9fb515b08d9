"""Sync with the remote from the app: Sync now, automatic sync on a timer, and the outcome."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, QObject, QTimer, Signal

from kbclient.core.config import (
    ConfigError,
    RemoteSettings,
    Settings,
    load_settings,
    may_send_password,
)
from kbclient.core.credentials import Credentials
from kbclient.core.errors import Cancelled, DocumentNotFound
from kbclient.core.kb import KnowledgeBase
from kbclient.core.paths import DataPaths
from kbclient.core.progress import Progress
from kbclient.core.sync import SyncEngine, SyncReport, open_remote
from kbclient.core.sync.team import TeamNotesOutcome, share_team_annotations
from kbclient.gui.errors import is_offline, is_wrong_password, user_message
from kbclient.gui.qtcompat import emit
from kbclient.gui.settings import GuiSettings, Setting
from kbclient.gui.tasks import Task, TaskRunner

logger = logging.getLogger(__name__)

LAST_SYNC = Setting("sync/last_success", "")  # ISO 8601, UTC
LAST_ATTEMPT = Setting("sync/last_attempt", "")
STATE_FILE = "gui-sync.ini"  # in the data dir: the last sync belongs to that library
MAX_LISTED = 1000  # "What's new" lists at most this many documents


@dataclass(frozen=True)
class ChangedDocument:
    """One document a sync added or changed, for "What's new"."""

    id: str
    title: str
    pack: str
    change: str  # "added" or "changed"


@dataclass(frozen=True)
class SyncOutcome:
    """A successful sync: the engine's report and the documents it added or changed."""

    report: SyncReport
    changes: tuple[ChangedDocument, ...] = ()
    notes: TeamNotesOutcome | None = None  # the team's annotations, when a team is set

    @property
    def changed_library(self) -> bool:
        r = self.report
        return bool(
            r.packs_updated or r.documents_added or r.documents_changed or r.documents_removed
        )


def run_sync(
    kb: KnowledgeBase,
    remote: RemoteSettings,
    credentials: Credentials,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> SyncOutcome:
    """Runs in a worker: find the password, open the remote, sync, look up the titles."""
    auth = None
    if remote.user and may_send_password(remote.url):
        password = credentials.get(remote.url, remote.user)
        if password is not None:
            auth = (remote.user, password)
    ca_bundle = Path(remote.ca_bundle) if remote.ca_bundle else None
    with open_remote(remote.url, auth=auth, ca_bundle=ca_bundle) as r:
        engine = SyncEngine(r, kb, subscriptions=remote.subscriptions or None)
        report = engine.sync(progress=progress, cancel=cancel)
        notes = share_team_annotations(r, kb.paths.root, team=remote.team, user=remote.user)
    changes: list[ChangedDocument] = []
    wanted = [(d, "added") for d in report.documents_added]
    wanted += [(d, "changed") for d in report.documents_changed]
    for doc_id, change in wanted[:MAX_LISTED]:
        try:
            info = kb.document_info(doc_id)
        except DocumentNotFound:
            continue
        changes.append(ChangedDocument(doc_id, info.title or doc_id, info.pack, change))
    return SyncOutcome(report, tuple(changes), notes)


class SyncController(QObject):
    """Runs syncs in the TaskRunner — on request (Sync now) and automatically every
    `Settings.sync_interval_minutes` while the app runs — and reports how they went.

    An automatic sync is skipped while one runs; one that fails because the server cannot
    be reached only says so quietly (`status_message`). The time of the last successful
    sync is kept in a QSettings file in the data dir.

    Signals:
      running_changed(bool): a sync started (True) or ended (False).
      progress(int, int): bytes downloaded so far, bytes to download.
      finished(object): a successful sync's SyncOutcome.
      library_changed(object): that sync changed the library (the SyncOutcome): refresh
        search and show "What's new".
      failed(object): the exception of a failed or cancelled sync (always emitted).
      error(object): an exception for the window's ErrorReporter (shown as a message).
      status_message(str): a quiet translated line for the status bar.
      credentials_needed(str): open the account dialog with this prompt (a manual sync
        found no remote, or the server did not accept the password).
      last_sync_changed(object): the time (datetime, UTC) of the last successful sync.
    """

    running_changed = Signal(bool)
    progress = Signal(int, int)
    finished = Signal(object)
    library_changed = Signal(object)
    failed = Signal(object)
    error = Signal(object)
    status_message = Signal(str)
    credentials_needed = Signal(str)
    last_sync_changed = Signal(object)

    START_DELAY_MS = 10_000  # first automatic sync after start-up, when one is due

    def __init__(
        self,
        runner: TaskRunner,
        data_dir: Path,
        *,
        credentials: Credentials | None = None,
        state: GuiSettings | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.runner = runner
        self.paths = DataPaths(data_dir)
        self._credentials = credentials
        self._state = state if state is not None else GuiSettings(data_dir / STATE_FILE)
        self._kb: KnowledgeBase | None = None
        self._task: Task | None = None
        self._running = False
        self._automatic = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(lambda: self.sync_now(automatic=True))

    # -- state -------------------------------------------------------------------------
    @property
    def credentials(self) -> Credentials:
        """The app's one `Credentials` (it holds the session-only passwords)."""
        if self._credentials is None:
            self._credentials = Credentials()
        return self._credentials

    @property
    def running(self) -> bool:
        return self._running

    def settings(self) -> Settings:
        """The core settings (ConfigError when the file is broken)."""
        return load_settings(self.paths.settings)

    def last_sync(self) -> datetime | None:
        return _read_time(self._state.get(LAST_SYNC))

    def last_sync_text(self) -> str:
        """'Last sync: …' for the status bar; '' when no remote was ever set up."""
        when = self.last_sync()
        if when is None:
            try:
                has_remote = self.settings().remote is not None
            except ConfigError:
                has_remote = False
            return self.tr("Last sync: never") if has_remote else ""
        shown = QLocale().toString(
            QDateTime.fromSecsSinceEpoch(int(when.timestamp())).toLocalTime(),
            QLocale.FormatType.ShortFormat,
        )
        return self.tr("Last sync: %1").replace("%1", shown)

    def set_kb(self, kb: KnowledgeBase | None) -> None:
        self._kb = kb
        self.schedule()

    # -- automatic sync ----------------------------------------------------------------
    def schedule(self) -> None:
        """(Re)start the timer of the next automatic sync from the current settings."""
        self.timer.stop()
        if self._kb is None:
            return
        try:
            settings = self.settings()
        except ConfigError:
            return
        if settings.remote is None or settings.sync_interval_minutes <= 0:
            return
        interval_ms = settings.sync_interval_minutes * 60_000
        times = [t for t in (self.last_sync(), _read_time(self._state.get(LAST_ATTEMPT))) if t]
        if not times:
            wait = self.START_DELAY_MS
        else:
            elapsed_ms = (datetime.now(UTC) - max(times)).total_seconds() * 1000
            wait = max(self.START_DELAY_MS, int(interval_ms - elapsed_ms))
        self.timer.start(min(wait, interval_ms))
        logger.debug("next automatic sync in %d s", self.timer.interval() // 1000)

    # -- running a sync ----------------------------------------------------------------
    def sync_now(self, automatic: bool = False) -> bool:
        """Start a sync in the background; False when none was started (see signals)."""
        if self._running or self._kb is None:
            return False
        try:
            remote = self.settings().remote
        except ConfigError as exc:
            if not automatic:
                emit(self.error, exc)
            return False
        if remote is None:
            if not automatic:
                emit(
                    self.credentials_needed,
                    self.tr("Enter the address of the server to sync with."),
                )
            return False
        self._running, self._automatic = True, automatic
        self.timer.stop()
        emit(self.running_changed, True)
        logger.info("%s sync with %s", "automatic" if automatic else "manual", remote.url)
        task = self.runner.submit(
            run_sync,
            self._kb,
            remote,
            self.credentials,
            name="sync",
            with_control=True,
            on_finished=self._finished,
            on_failed=self._failed,
            on_progress=self._progress,
        )
        if self._running:  # a synchronous pool has finished already
            self._task = task
        return True

    def cancel(self) -> None:
        """Stop the running sync at its next safe point; the library stays as it was."""
        if self._task is not None:
            self._task.cancel()

    def stop(self) -> None:
        """No more automatic syncs; cancel the running one (the window is closing)."""
        self.timer.stop()
        self.cancel()

    def _progress(self, done: int, total: int) -> None:
        emit(self.progress, done, total)

    def _ended(self) -> None:
        self._task = None
        self._running = False
        self._state.set(LAST_ATTEMPT, datetime.now(UTC).isoformat())
        self._state.sync()
        emit(self.running_changed, False)
        self.schedule()

    def _finished(self, outcome: SyncOutcome) -> None:
        now = datetime.now(UTC)
        self._state.set(LAST_SYNC, now.isoformat())
        self._ended()
        report = outcome.report
        logger.info(
            "sync done: %d added, %d changed, %d removed, %d bytes, %d requests",
            len(report.documents_added),
            len(report.documents_changed),
            len(report.documents_removed),
            report.bytes_transferred,
            report.requests,
        )
        emit(self.last_sync_changed, now)
        emit(self.finished, outcome)
        if outcome.changed_library:
            emit(
                self.status_message,
                self.tr("Sync finished: %1 new, %2 updated, %3 removed documents.")
                .replace("%1", str(len(report.documents_added)))
                .replace("%2", str(len(report.documents_changed)))
                .replace("%3", str(len(report.documents_removed))),
            )
            emit(self.library_changed, outcome)
        else:
            emit(self.status_message, self.tr("The library is up to date."))

    def _failed(self, exc: BaseException) -> None:
        automatic = self._automatic
        self._ended()
        logger.info("sync failed: %s: %s", type(exc).__name__, exc)
        emit(self.failed, exc)
        if isinstance(exc, Cancelled):
            emit(self.status_message, self.tr("Sync cancelled; the library is unchanged."))
        elif automatic and is_offline(exc):
            emit(self.status_message, user_message(exc) or "")
        elif is_wrong_password(exc):
            emit(self.error, exc)
            if not automatic:
                emit(
                    self.credentials_needed,
                    self.tr(
                        "The server did not accept the user name or password. Enter them again."
                    ),
                )
        else:
            emit(self.error, exc)


def _read_time(value: object) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)
