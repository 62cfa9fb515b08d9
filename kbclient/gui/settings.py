"""GUI-only settings (language, results per page, window state) in QSettings.

Declared once with their defaults; created after the QApplication, from a file the
caller chooses (tests pass a temp file) or the platform's default location.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any


LANGUAGE = Setting("ui/language", "")  # "" = follow the system locale
RESULTS_PER_PAGE = Setting("search/results_per_page", 50)
GEOMETRY = Setting("window/geometry", QByteArray())
STATE = Setting("window/state", QByteArray())
SPLITTER = Setting("window/splitter", QByteArray())


class GuiSettings:
    """Typed access to the GUI's QSettings."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            self._qs = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, "kbclient", "kbclient-gui"
            )
        else:
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    def get(self, setting: Setting) -> Any:
        value = self._qs.value(setting.key, setting.default)
        if isinstance(setting.default, bool):
            return str(value).lower() in ("1", "true", "yes")
        if isinstance(setting.default, int):
            try:
                return int(value)
            except (TypeError, ValueError):
                return setting.default
        return value if value is not None else setting.default

    def set(self, setting: Setting, value: Any) -> None:
        self._qs.setValue(setting.key, value)

    def sync(self) -> None:
        self._qs.sync()

    @property
    def file_name(self) -> str:
        return self._qs.fileName()
