"""Installs the desktop entry, icon and AppStream metadata for the current user (Linux).

Run `python -m kbclient.gui.desktop_install [--prefix DIR] [--uninstall]`; files go below
`$XDG_DATA_HOME` (default `~/.local/share`): applications/, icons/hicolor/scalable/apps/,
metainfo/. On Windows and macOS there is nothing to do (the OS finds the app otherwise).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from kbclient.gui.resources import resources_dir

APP_ID = "org.fintechplatform.kbclient"
FILES = {
    f"{APP_ID}.desktop": "applications",
    f"{APP_ID}.svg": "icons/hicolor/scalable/apps",
    f"{APP_ID}.metainfo.xml": "metainfo",
}


def data_home() -> Path:
    env = os.environ.get("XDG_DATA_HOME")
    return Path(env) if env else Path.home() / ".local" / "share"


def install(prefix: Path, exec_path: str | None = None) -> list[Path]:
    """Copy the three files below `prefix`; the .desktop Exec points at `exec_path`."""
    written = []
    for name, sub in FILES.items():
        target_dir = prefix / sub
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / name
        data = (resources_dir() / name).read_text(encoding="utf-8")
        if name.endswith(".desktop") and exec_path:
            data = data.replace("Exec=kbclient-gui", f"Exec={exec_path}")
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(data, encoding="utf-8")
        tmp.replace(target)
        written.append(target)
    return written


def uninstall(prefix: Path) -> list[Path]:
    removed = []
    for name, sub in FILES.items():
        target = prefix / sub / name
        if target.exists():
            target.unlink()
            removed.append(target)
    return removed


def _gui_executable() -> str | None:
    here = Path(sys.executable).parent / "kbclient-gui"
    return str(here) if here.is_file() else shutil.which("kbclient-gui")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kbclient.gui.desktop_install", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--prefix",
        type=Path,
        default=None,
        help="data folder (default: $XDG_DATA_HOME or ~/.local/share)",
    )
    parser.add_argument("--uninstall", action="store_true")
    args = parser.parse_args(argv)
    prefix = args.prefix or data_home()
    if args.uninstall:
        for path in uninstall(prefix):
            print(f"removed {path}")
        return 0
    for path in install(prefix, _gui_executable()):
        print(f"installed {path}")
    if shutil.which("update-desktop-database"):
        subprocess.run(
            ["update-desktop-database", str(prefix / "applications")],
            check=False,
            capture_output=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
