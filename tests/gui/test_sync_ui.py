"""Account dialog, Sync now / automatic sync, and "What's new" — over a real core, real
keyring backends (tests/keyring_backends.py) and real servers on 127.0.0.1."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QDialog, QLineEdit

from kbclient.core import errors as core_errors
from kbclient.core.config import RemoteSettings, Settings, load_settings, save_settings
from kbclient.core.credentials import Credentials
from kbclient.core.kb import KnowledgeBase
from kbclient.core.packs import minisign
from kbclient.core.packs.trust import TrustStore
from kbclient.core.paths import DataPaths
from kbclient.core.sync import SyncReport
from kbclient.gui.account_dialog import AccountDialog
from kbclient.gui.errors import is_offline, is_wrong_password, user_message
from kbclient.gui.main_window import MainWindow
from kbclient.gui.sync_controller import (
    STATE_FILE,
    ChangedDocument,
    SyncController,
    SyncOutcome,
)
from kbclient.gui.whats_new import WhatsNewDialog, WhatsNewModel
from tests.core.sync.helpers import Site, docs_v, snapshot
from tests.gui.conftest import FIXTURES, search
from tests.keyring_backends import MemoryKeyring
from tests.servers import Fault, StaticServer, WsgiDav, closed_port_url

PASSWORD = "Tr0ub4dor-&-3"
SYNC_TIMEOUT = 30_000


# -- fixtures --------------------------------------------------------------------------------
@pytest.fixture
def key() -> minisign.SecretKey:
    return minisign.generate_key()


@pytest.fixture
def kb(tmp_path: Path, key: minisign.SecretKey) -> Iterator[KnowledgeBase]:
    """The fixture library (as in conftest), trusting the key the remote's catalog is signed by."""
    base = KnowledgeBase.open(tmp_path / "data", builtin_source=FIXTURES)
    TrustStore(base.paths.trust).add(key.public_key())
    yield base
    base.close()


@pytest.fixture
def site(tmp_path: Path, key: minisign.SecretKey) -> Site:
    root = tmp_path / "remote"
    root.mkdir()
    return Site(root, tmp_path / "work", key)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def dav(site: Site, tmp_path: Path) -> Iterator[WsgiDav]:
    with WsgiDav(site.root, workdir=tmp_path / "dav-work", password=PASSWORD) as server:
        yield server


def configure(window: MainWindow, url: str, user: str = "") -> RemoteSettings:
    remote = RemoteSettings(url=url, user=user)
    save_settings(DataPaths(window.data_dir).settings, Settings(remote=remote))
    return remote


def library_files(kb: KnowledgeBase) -> dict[str, str]:
    """The data dir's files (see `snapshot`), without the GUI's own sync-state file."""
    return {k: v for k, v in snapshot(kb).items() if k != STATE_FILE}


def open_dialog(qtbot, settings_path: Path, creds: Credentials, **kw) -> AccountDialog:  # type: ignore[no-untyped-def]
    dialog = AccountDialog(settings_path, creds, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


# -- the account dialog ----------------------------------------------------------------------
def test_account_dialog_saves_settings_and_password_in_keyring(
    qtbot, tmp_path: Path, memory_keyring: MemoryKeyring, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "data" / "settings.json"
    creds = Credentials()
    dialog = open_dialog(qtbot, path, creds)
    assert dialog.password.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.remember.isChecked() and dialog.remember.isEnabled()
    assert not dialog.session_note.isVisible()

    dialog.url.setText("https://KB.example.com/kb/")
    dialog.user.setText("alice")
    dialog.password.setText(PASSWORD)
    dialog.team.setText("risk")
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save_button.click()

    expected = RemoteSettings("https://kb.example.com/kb", "alice", "risk")
    assert saved.args == [expected]
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert load_settings(path).remote == expected
    assert memory_keyring.entries == {("kbclient", "alice@https://kb.example.com/kb"): PASSWORD}
    assert dialog.password.text() == ""
    assert PASSWORD not in path.read_text("utf-8")
    assert PASSWORD not in caplog.text

    # Opened again: the account is shown, the password is not.
    again = open_dialog(qtbot, path, creds)
    assert (again.url.text(), again.user.text(), again.team.text()) == (
        "https://kb.example.com/kb",
        "alice",
        "risk",
    )
    assert again.password.text() == ""
    # "Remember" off: the keyring entry goes, the password stays for this session.
    again.remember.setChecked(False)
    again.password.setText("another-Pw")
    again.save_button.click()
    assert memory_keyring.entries == {}
    assert creds.get("https://kb.example.com/kb", "alice") == "another-Pw"


def test_account_dialog_refuses_a_password_for_plain_http(
    qtbot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    path = tmp_path / "data" / "settings.json"
    dialog = open_dialog(qtbot, path, Credentials())
    dialog.url.setText("http://kb.example.com/")
    dialog.user.setText("alice")
    dialog.password.setText(PASSWORD)
    dialog.save_button.click()
    assert dialog.isVisible(), "stays open"
    assert dialog.error.isVisible() and "https://" in dialog.error.text()
    assert PASSWORD not in dialog.error.text()
    assert memory_keyring.entries == {} and not path.exists()


def test_insecure_keyring_keeps_the_password_for_this_session_only(
    qtbot, tmp_path: Path, no_keyring: None
) -> None:
    path = tmp_path / "data" / "settings.json"
    creds = Credentials()
    assert not creds.is_secure()
    dialog = open_dialog(qtbot, path, creds)
    assert dialog.session_note.isVisible()
    note = dialog.session_note.text()
    assert "No secure password store is available" in note
    assert "session only" in note and "keyring.backends.fail" in note
    assert not dialog.remember.isEnabled() and not dialog.remember.isChecked()

    dialog.url.setText("https://kb.example.com")
    dialog.user.setText("bob")
    dialog.password.setText(PASSWORD)
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert creds.get("https://kb.example.com", "bob") == PASSWORD
    assert Credentials().get("https://kb.example.com", "bob") is None, "kept nowhere else"
    assert PASSWORD not in path.read_text("utf-8")


# -- syncing from the window -----------------------------------------------------------------
def test_sync_now_installs_pack_and_shows_whats_new(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    kb: KnowledgeBase,
    site: Site,
    dav: WsgiDav,
    memory_keyring: MemoryKeyring,
) -> None:
    site.publish(
        site.build(
            "alpha", 1, {"a-one": "zebracorn migration notes", "a-two": "quokka ledger rules"}
        )
    )
    remote = configure(window, dav.url, dav.user)
    window.sync.credentials.set(remote.url, remote.user, PASSWORD)
    window._retranslate_sync()
    assert window.last_sync_label.text() == "Last sync: never"
    progress: list[tuple[bool, bool]] = []
    window.sync.progress.connect(
        lambda _d, _t: progress.append(
            (window.progress.isVisible(), window.cancel_button.isVisible())
        )
    )

    with qtbot.waitSignal(window.sync.library_changed, timeout=SYNC_TIMEOUT) as changed:
        window.sync_action.trigger()
    outcome: SyncOutcome = changed.args[0]
    assert set(outcome.report.documents_added) == {"a-one", "a-two"}
    pack = kb.pack("alpha")
    assert pack is not None and pack.version == 1
    assert progress and all(p == (True, True) for p in progress)
    assert not window.progress.isVisible() and not window.cancel_button.isVisible()
    assert window.sync_action.isEnabled()

    when = window.sync.last_sync()
    assert when is not None
    assert window.last_sync_label.text().startswith("Last sync: ")
    assert "never" not in window.last_sync_label.text()
    assert SyncController(window.runner, window.data_dir).last_sync() == when, "persisted"

    whats_new = window.whats_new
    assert whats_new is not None and whats_new.isVisible()
    assert window.whats_new_action.isEnabled()
    docs = whats_new.model.documents()
    assert [(d.id, d.title, d.change) for d in docs] == [
        ("a-one", "Title a-one", "added"),
        ("a-two", "Title a-two", "added"),
    ]
    assert "2 new" in whats_new.summary.text()
    first = whats_new.model.index(0, 0)
    with qtbot.waitSignal(window.reader.document_shown, timeout=10_000) as shown:
        whats_new.view.clicked.emit(first)
    assert shown.args == ["a-one"]
    assert window.reader.doc_id == "a-one"

    search(qtbot, window, "zebracorn")
    assert [h.id for h in window.results_model.hits()] == ["a-one"]

    # Nothing new on the server: a quiet "up to date", no What's new.
    with qtbot.waitSignal(window.sync.finished, timeout=SYNC_TIMEOUT) as done:
        window.sync_action.trigger()
    assert not done.args[0].changed_library
    assert window.statusBar().currentMessage() == "The library is up to date."


def test_wrong_password_shows_message_and_asks_again(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    kb: KnowledgeBase,
    site: Site,
    dav: WsgiDav,
    memory_keyring: MemoryKeyring,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    site.publish(site.build("alpha", 1, docs_v(3)))
    remote = configure(window, dav.url, dav.user)
    window.sync.credentials.set(remote.url, remote.user, "wrong-Password")

    with qtbot.waitSignal(window.sync.failed, timeout=SYNC_TIMEOUT) as failed:
        window.sync_action.trigger()
    assert isinstance(failed.args[0], core_errors.AuthError)
    qtbot.waitUntil(lambda: window.account_dialog is not None, timeout=5000)
    dialog = window.account_dialog
    assert dialog is not None and dialog.isVisible()
    assert window.banner_row.isVisible()
    assert "did not accept the user name or password" in window.banner.text()
    assert dialog.prompt.isVisible() and "did not accept" in dialog.prompt.text()
    assert (dialog.url.text(), dialog.user.text()) == (remote.url, remote.user)
    assert kb.pack("alpha") is None

    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(window.sync.library_changed, timeout=SYNC_TIMEOUT):
        dialog.save_button.click()
    assert memory_keyring.entries == {("kbclient", f"{remote.user}@{remote.url}"): PASSWORD}
    pack = kb.pack("alpha")
    assert pack is not None and pack.version == 1
    for secret in (PASSWORD, "wrong-Password"):
        assert secret not in caplog.text
        assert secret not in window.banner.text() + window.statusBar().currentMessage()
        for f in kb.paths.root.rglob("*"):
            assert not f.is_file() or secret.encode() not in f.read_bytes(), f


def test_cancel_during_sync_leaves_the_library_unchanged(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    kb: KnowledgeBase,
    site: Site,
) -> None:
    site.publish(site.build("alpha", 1, docs_v(120)))
    with StaticServer(site.root) as static:
        static.faults.add(Fault(path=r"packs/.*", throttle=0.2))
        configure(window, static.url)
        before = library_files(kb)
        clicks: list[int] = []

        def cancel_once(done: int, _total: int) -> None:
            if done > 0 and not clicks:
                clicks.append(done)
                window.cancel_button.click()

        window.sync.progress.connect(cancel_once)
        with qtbot.waitSignal(window.sync.failed, timeout=SYNC_TIMEOUT) as failed:
            window.sync_action.trigger()
    assert clicks, "cancelled while downloading"
    assert isinstance(failed.args[0], core_errors.Cancelled)
    assert kb.pack("alpha") is None
    assert library_files(kb) == before
    assert window.statusBar().currentMessage() == "Sync cancelled; the library is unchanged."
    assert not window.banner_row.isVisible()
    assert not window.progress.isVisible() and window.sync_action.isEnabled()
    assert window.sync.last_sync() is None


def test_automatic_sync_when_offline_is_quiet(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    configure(window, closed_port_url())
    window.sync.schedule()
    assert window.sync.timer.isActive(), "never synced: soon after start"
    assert window.sync.timer.interval() == SyncController.START_DELAY_MS
    errors: list[object] = []
    window.sync.error.connect(errors.append)
    with qtbot.waitSignal(window.sync.failed, timeout=SYNC_TIMEOUT):
        assert window.sync.sync_now(automatic=True)
        assert not window.sync.sync_now(automatic=True), "one at a time"
    assert errors == []
    assert not window.banner_row.isVisible()
    message = window.statusBar().currentMessage()
    assert "you may be offline" in message and "connection refused" in message
    # The next try waits for the full interval (60 minutes by default).
    assert window.sync.timer.isActive()
    assert window.sync.timer.interval() > 59 * 60_000


@pytest.mark.parametrize(
    ("status", "expected"),
    [(403, "ask an administrator for access"), (500, "server error 500")],
)
def test_server_refusals_become_messages(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    kb: KnowledgeBase,
    site: Site,
    status: int,
    expected: str,
) -> None:
    site.publish(site.build("alpha", 1, docs_v(3)))
    with StaticServer(site.root) as static:
        static.faults.add(Fault(path="catalog.json", status=status))
        configure(window, static.url)
        with qtbot.waitSignal(window.sync.failed, timeout=SYNC_TIMEOUT):
            window.sync_action.trigger()
    assert expected in window.banner.text()
    assert window.account_dialog is None, "only a wrong password asks again"
    assert kb.pack("alpha") is None


def test_untrusted_catalog_signature_is_refused(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    kb: KnowledgeBase,
    tmp_path: Path,
) -> None:
    (tmp_path / "other").mkdir()
    stranger = Site(tmp_path / "other", tmp_path / "work2", minisign.generate_key())
    stranger.publish(stranger.build("alpha", 1, docs_v(3)))
    configure(window, stranger.root.as_uri())
    with qtbot.waitSignal(window.sync.failed, timeout=SYNC_TIMEOUT) as failed:
        window.sync_action.trigger()
    assert isinstance(failed.args[0], core_errors.SignatureError)
    assert window.banner.text().startswith("Signature check failed")
    assert kb.pack("alpha") is None


def test_sync_without_a_remote_opens_the_account_dialog(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    assert window.last_sync_label.text() == ""
    window.sync_action.trigger()
    dialog = window.account_dialog
    assert dialog is not None and dialog.isVisible()
    assert "address of the server" in dialog.prompt.text()
    assert not window.sync.running


# -- pieces ----------------------------------------------------------------------------------
def _outcome(added: tuple[str, ...], changed: tuple[str, ...]) -> SyncOutcome:
    report = SyncReport(
        remote="file:///r/",
        not_modified=False,
        serial=1,
        bytes_transferred=10,
        requests=3,
        duration=0.1,
        documents_added=added,
        documents_changed=changed,
    )
    docs = [ChangedDocument(d, f"T {d}", "p", "added") for d in added]
    docs += [ChangedDocument(d, f"T {d}", "p", "changed") for d in changed]
    return SyncOutcome(report, tuple(docs))


def test_whats_new_model_and_dialog(qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    dialog = WhatsNewDialog()
    qtbot.addWidget(dialog)
    dialog.set_outcome(_outcome(("b", "a"), ("c",)))
    model = dialog.model
    qtmodeltester.check(model)
    rows = [model.index(r, 0) for r in range(model.rowCount())]
    assert [i.data(WhatsNewModel.IdRole) for i in rows] == ["a", "b", "c"]
    assert rows[0].data(Qt.ItemDataRole.DisplayRole) == "New · T a"
    assert rows[2].data(Qt.ItemDataRole.DisplayRole) == "Updated · T c"
    assert model.data(QModelIndex()) is None
    assert "2 new and 1 updated" in dialog.summary.text()
    with qtbot.waitSignal(dialog.open_requested) as opened:
        dialog.view.activated.emit(rows[2])
    assert opened.args == ["c"]


def test_error_classification() -> None:
    wrong = core_errors.AuthError("wrong user name or password for https://h/kb/")
    forbidden = core_errors.AuthError("access forbidden to catalog.json on https://h/kb/")
    assert is_wrong_password(wrong) and not is_wrong_password(forbidden)
    assert "enter them again" in (user_message(wrong) or "")
    assert "administrator" in (user_message(forbidden) or "")
    assert is_offline(core_errors.SyncError("cannot connect to h: connection refused"))
    assert is_offline(core_errors.SyncError("cannot reach h: the connection timed out (offline?)"))
    assert not is_offline(
        core_errors.SyncError(
            "cannot connect to h: the TLS certificate could not be verified (set a CA bundle?)"
        )
    )
    assert not is_offline(core_errors.SyncError("catalog.json on h: server error 500"))
    assert not is_offline(core_errors.AuthError("cannot connect to h"))
