"""Settings, About and the query-syntax help page."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import kbclient
from kbclient.gui.i18n import LANGUAGES


class SettingsDialog(QDialog):
    """UI language, the data folder (read-only), and search options."""

    def __init__(
        self, language: str, results_per_page: int, data_dir: Path, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        form = QFormLayout()
        self.language = QComboBox()
        self.language.addItem(self.tr("System default"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        found = self.language.findData(language)
        self.language.setCurrentIndex(max(found, 0))
        self.language.setAccessibleName(self.tr("User-interface language"))
        form.addRow(self.tr("&Language:"), self.language)
        self.data_dir = QLineEdit(str(data_dir))
        self.data_dir.setReadOnly(True)
        self.data_dir.setAccessibleName(self.tr("Data folder"))
        form.addRow(self.tr("&Data folder:"), self.data_dir)
        self.results_per_page = QSpinBox()
        self.results_per_page.setRange(10, 500)
        self.results_per_page.setSingleStep(10)
        self.results_per_page.setValue(results_per_page)
        self.results_per_page.setAccessibleName(self.tr("Results per page"))
        form.addRow(self.tr("&Results per page:"), self.results_per_page)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen_language(self) -> str:
        return str(self.language.currentData() or "")


class HelpDialog(QDialog):
    """How to write a query: words, phrases, OR, NOT, prefixes, field filters."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Query syntax"))
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("Query syntax help"))
        self.browser.setHtml(self.help_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(560, 480)

    def help_html(self) -> str:
        rows = [
            (
                "监管沙盒 risk",
                self.tr("Documents with all the words (Chinese and English can be mixed)."),
            ),
            ('"open banking"', self.tr("The exact phrase.")),
            ("sandbox OR 沙盒", self.tr("Either word.")),
            ("API NOT draft, API -draft", self.tr("Leave out documents with a word.")),
            (
                "regul*",
                self.tr(
                    "Words starting with regul. The last word you type is always treated this way."
                ),
            ),
            (
                "kind:standard-draft",
                self.tr("Only this kind: research-note, standard-draft, talent-guide, other."),
            ),
            (
                "tag:监管沙盒 org:… lang:zh",
                self.tr("Filter by tag, organisation or language (zh, en, mixed)."),
            ),
            ("pack:builtin status:withdrawn", self.tr("Filter by content pack or status.")),
        ]
        body = "".join(
            f"<tr><td><code>{html.escape(q)}</code></td><td>{html.escape(t)}</td></tr>"
            for q, t in rows
        )
        intro = html.escape(
            self.tr(
                "Type to search; results update as you type. "
                "A query that cannot be parsed still searches its "
                "words."
            )
        )
        keys = html.escape(
            self.tr(
                "Keys: Ctrl+K or Ctrl+F goes to the search field; Up "
                "and Down move through the results; Enter opens one; "
                "F3 and Shift+F3 jump between matches in the "
                "document; Alt+Left and Alt+Right go back and "
                "forward."
            )
        )
        return (
            f"<h2>{html.escape(self.tr('Query syntax'))}</h2><p>{intro}</p>"
            f"<table cellpadding='4'>{body}</table><p>{keys}</p>"
        )


class AboutDialog(QDialog):
    """Name, version and purpose of the application."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About kbclient"))
        text = QTextBrowser()
        text.setOpenExternalLinks(False)
        version = html.escape(getattr(kbclient, "__version__", ""))
        purpose = html.escape(
            self.tr("The offline knowledge base of the Fintech Coordination Innovation Platform.")
        )
        licence = html.escape(self.tr("Licensed under the Apache License 2.0."))
        text.setHtml(f"<h2>kbclient {version}</h2><p>{purpose}</p><p>{licence}</p>")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.resize(420, 240)
