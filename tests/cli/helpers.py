"""Running the real `kbclient` command in a subprocess on a private data dir."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_kbclient(
    data_dir: Path, *args: str, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "KBCLIENT_DATA_DIR"}
    return subprocess.run(
        [sys.executable, "-m", "kbclient", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        timeout=300,
        input=stdin,
        env=env,
    )
