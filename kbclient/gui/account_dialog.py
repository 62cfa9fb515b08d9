"""The account dialog: the remote's address, user name, team and password (→ the OS keyring)."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kbclient.core.config import (
    ConfigError,
    RemoteSettings,
    Settings,
    load_settings,
    normalize_remote_url,
    save_settings,
)
from kbclient.core.credentials import Credentials
from kbclient.core.errors import KbError
from kbclient.gui.errors import user_message
from kbclient.gui.qtcompat import emit

logger = logging.getLogger(__name__)


class AccountDialog(QDialog):
    """Edits `Settings.remote` and hands the password to `Credentials`.

    Save writes the settings file (which never holds a password) and, when a password was
    typed, stores it in the OS keyring ("Remember password") or keeps it in memory for this
    session only — always so where no secure keyring exists, which the dialog says plainly.
    Anything refused is shown as one line and the dialog stays open. The password is never
    logged, shown, or kept by the dialog after Save.

    Signals:
      saved(object): the RemoteSettings just written.
    """

    saved = Signal(object)

    def __init__(
        self,
        settings_path: Path,
        credentials: Credentials,
        parent: QWidget | None = None,
        *,
        prompt: str = "",
    ) -> None:
        super().__init__(parent)
        self.settings_path = settings_path
        self.credentials = credentials
        self.setWindowTitle(self.tr("Account"))
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        self.prompt.setStyleSheet("background:#fff4e5;color:#663c00;padding:4px;")
        self.prompt.setVisible(bool(prompt))
        self.url = QLineEdit()
        self.url.setPlaceholderText("https://kb.example.com/kb")
        self.url.setAccessibleName(self.tr("Server address"))
        self.user = QLineEdit()
        self.user.setAccessibleName(self.tr("User name"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("Password"))
        self.team = QLineEdit()
        self.team.setAccessibleName(self.tr("Team"))
        self.remember = QCheckBox(self.tr("&Remember password in the system keyring"))
        self.session_note = QLabel()
        self.session_note.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color:#b00020;")
        self.error.setVisible(False)

        form = QFormLayout()
        form.addRow(self.tr("&Server address:"), self.url)
        form.addRow(self.tr("&User name:"), self.user)
        form.addRow(self.tr("&Password:"), self.password)
        form.addRow(self.tr("&Team:"), self.team)
        form.addRow("", self.remember)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addLayout(form)
        layout.addWidget(self.session_note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        if credentials.is_secure():
            self.remember.setChecked(True)
            self.session_note.setVisible(False)
        else:
            self.remember.setChecked(False)
            self.remember.setEnabled(False)
            self.session_note.setText(
                self.tr(
                    "No secure password store is available (%1); the password will be kept "
                    "for this session only and asked for again after a restart."
                ).replace("%1", credentials.backend_name())
            )
        self._load()
        (self.password if prompt and self.url.text() else self.url).setFocus()

    # -- loading -----------------------------------------------------------------------
    def _load(self) -> None:
        try:
            remote = load_settings(self.settings_path).remote
        except ConfigError as exc:
            self.show_error(user_message(exc) or str(exc))
            return
        if remote is None:
            return
        self.url.setText(remote.url)
        self.user.setText(remote.user)
        self.team.setText(remote.team)
        self.password.setPlaceholderText(self.tr("Leave empty to keep the current password"))

    # -- saving ------------------------------------------------------------------------
    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def _on_save(self) -> None:
        remote = self.save()
        if remote is not None:
            emit(self.saved, remote)
            self.accept()

    def save(self) -> RemoteSettings | None:
        """Write the settings and store the password; None (and a message) when refused."""
        user = self.user.text().strip()
        password = self.password.text()
        try:
            try:
                settings = load_settings(self.settings_path)
            except ConfigError:
                settings = Settings()  # the message was shown on opening; start afresh
            url = normalize_remote_url(self.url.text())
            old = settings.remote
            same = old is not None and old.url == url
            remote = RemoteSettings(
                url=url,
                user=user,
                team=self.team.text().strip(),
                ca_bundle=old.ca_bundle if old is not None else "",
                subscriptions=old.subscriptions if same and old is not None else (),
            )
            if password and not user:
                self.show_error(self.tr("Enter the user name that goes with the password."))
                return None
            if user:
                self._store_password(url, user, password)
            save_settings(self.settings_path, replace(settings, remote=remote))
        except KbError as exc:
            self.show_error(user_message(exc) or str(exc))
            return None
        self.password.clear()
        self.error.setVisible(False)
        logger.info("account saved: %s as %s", remote.url, remote.user or "(anonymous)")
        return remote

    def _store_password(self, url: str, user: str, password: str) -> None:
        creds = self.credentials
        if not password:
            if creds.is_secure() and not self.remember.isChecked():
                creds.delete(url, user)  # "Remember" turned off: forget the stored one
            return
        if not creds.is_secure():
            creds.set_for_session(url, user, password)
        elif self.remember.isChecked():
            creds.set(url, user, password)
        else:
            creds.delete(url, user)
            creds.set_for_session(url, user, password)
