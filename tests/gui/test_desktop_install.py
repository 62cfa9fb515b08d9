"""The desktop entry, icon and AppStream metadata install below a data folder."""

from __future__ import annotations

import configparser
import xml.etree.ElementTree as ET
from pathlib import Path

from kbclient.gui import desktop_install


def test_install_and_uninstall(tmp_path: Path) -> None:
    written = desktop_install.install(tmp_path, "/opt/kb/bin/kbclient-gui")
    assert {p.relative_to(tmp_path).as_posix() for p in written} == {
        "applications/org.fintechplatform.kbclient.desktop",
        "icons/hicolor/scalable/apps/org.fintechplatform.kbclient.svg",
        "metainfo/org.fintechplatform.kbclient.metainfo.xml",
    }
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(tmp_path / "applications/org.fintechplatform.kbclient.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Exec"] == "/opt/kb/bin/kbclient-gui"
    assert section["Icon"] == "org.fintechplatform.kbclient"
    meta = ET.parse(tmp_path / "metainfo/org.fintechplatform.kbclient.metainfo.xml").getroot()
    assert meta.findtext("id") == "org.fintechplatform.kbclient"
    assert meta.find("launchable").text == "org.fintechplatform.kbclient.desktop"
    ET.parse(tmp_path / "icons/hicolor/scalable/apps/org.fintechplatform.kbclient.svg")
    assert len(desktop_install.uninstall(tmp_path)) == 3
