"""`kbclient --screenshot FILE` renders the window offscreen to a non-blank PNG."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from tests.gui.conftest import FIXTURES


def distinct_colours(image: QImage, step: int = 16) -> int:
    colours = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
    return len(colours)


def test_screenshot_is_a_non_blank_png(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_CONFIG_HOME": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path),
        "XDG_CACHE_HOME": str(tmp_path),
    }
    code = (
        "import sys; from pathlib import Path; from kbclient.core import builtin;"
        f"builtin.default_source = lambda: Path({str(FIXTURES)!r});"
        "from kbclient.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "--data-dir",
            str(tmp_path / "data"),
            "--screenshot",
            str(out),
            "--query",
            "沙盒",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 800)
    assert distinct_colours(image) > 20
