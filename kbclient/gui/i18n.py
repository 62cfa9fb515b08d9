"""Installs the UI translators: ours (Qt Linguist .ts → .qm) and Qt's own qtbase.

Our `.qm` files are built by `make translations` (pyside6-lrelease) next to the `.ts`
sources; when they are missing (a fresh checkout), they are compiled with lrelease into
the user cache folder on first start, and as a last resort the `.ts` file is read
directly. `.qm` files are never committed.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import platformdirs
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from kbclient.gui.resources import translations_dir

logger = logging.getLogger(__name__)

LANGUAGES = {"en": "English", "zh_CN": "简体中文"}
TS_PREFIX = "kbclient_"


def normalise_language(lang: str | None) -> str:
    """'zh', 'zh-CN', 'zh_Hans_CN' → 'zh_CN'; anything not offered → 'en'; None → system."""
    if not lang:
        lang = QLocale.system().name()
    lang = lang.replace("-", "_")
    if lang.lower().startswith("zh"):
        return "zh_CN"
    return "en"


class TsTranslator(QTranslator):
    """Reads a Linguist .ts file directly: the fallback when no lrelease is at hand."""

    def __init__(self, ts_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._table: dict[tuple[str, str], str] = {}
        root = ET.parse(ts_file).getroot()
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source") or ""
                tr = message.find("translation")
                if tr is None or tr.get("type") in ("unfinished", "obsolete", "vanished"):
                    continue
                if tr.text:
                    self._table[(name, source)] = tr.text

    def isEmpty(self) -> bool:
        return not self._table

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return self._table.get((context, source), "")


def _lrelease() -> str | None:
    here = Path(sys.executable).parent
    for name in ("pyside6-lrelease", "lrelease"):
        candidate = here / name
        if candidate.is_file():
            return str(candidate)
        found = shutil.which(name)
        if found:
            return found
    return None


def qm_for(lang: str) -> Path | None:
    """The compiled .qm of `lang`: built by make, else compiled now into the cache."""
    ts = translations_dir() / f"{TS_PREFIX}{lang}.ts"
    built = ts.with_suffix(".qm")
    if built.is_file() and (not ts.is_file() or built.stat().st_mtime >= ts.stat().st_mtime):
        return built
    if not ts.is_file():
        return None
    cache = Path(platformdirs.user_cache_dir("kbclient", appauthor=False)) / "translations"
    cached = cache / built.name
    if cached.is_file() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    tool = _lrelease()
    if tool is None:
        return None
    try:
        cache.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".qm.tmp")
        subprocess.run(
            [tool, "-silent", str(ts), "-qm", str(tmp)], check=True, capture_output=True, timeout=30
        )
        tmp.replace(cached)
        return cached
    except (OSError, subprocess.SubprocessError) as exc:
        logger.warning("cannot compile %s: %s", ts.name, exc)
        return None


class Translators:
    """Owns the installed translators so the language can change while the app runs."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._installed: list[QTranslator] = []
        self.language = "en"

    def install(self, lang: str | None) -> str:
        """Install translators for `lang` (None: system locale); returns the language used."""
        lang = normalise_language(lang)
        for tr in self._installed:
            self._app.removeTranslator(tr)
        self._installed.clear()
        self.language = lang
        QLocale.setDefault(QLocale(lang))
        if lang == "en":
            return lang
        qt = QTranslator(self._app)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if qt.load(f"qtbase_{lang}", qt_dir):
            self._add(qt)
        else:
            logger.info("no Qt translation qtbase_%s in %s", lang, qt_dir)
        ours: QTranslator | None = None
        qm = qm_for(lang)
        if qm is not None:
            ours = QTranslator(self._app)
            if not ours.load(str(qm)):
                ours = None
        if ours is None:
            ts = translations_dir() / f"{TS_PREFIX}{lang}.ts"
            if ts.is_file():
                ours = TsTranslator(ts, self._app)
        if ours is not None:
            self._add(ours)
        else:
            logger.warning("no translation for %s", lang)
        return lang

    def _add(self, tr: QTranslator) -> None:
        self._app.installTranslator(tr)
        self._installed.append(tr)
