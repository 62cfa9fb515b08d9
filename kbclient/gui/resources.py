"""Finds the app's packaged files (icons, translations, desktop entry) and loads icons."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon


@functools.cache
def resources_dir() -> Path:
    """`kbclient/resources` when installed as package data, else the source tree's."""
    try:
        packaged = Path(str(resources.files("kbclient") / "resources"))
        if packaged.is_dir():
            return packaged
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parents[2] / "resources"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / f"{name}.svg"


@functools.cache
def icon(name: str) -> QIcon:
    """An SVG icon by name (scales to any DPI); an empty icon if the file is missing."""
    path = icon_path(name)
    return QIcon(str(path)) if path.is_file() else QIcon()
