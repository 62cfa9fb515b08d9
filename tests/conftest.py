"""Top-level test set-up: headless Qt before anything imports it, and a private data dir."""

from __future__ import annotations

import os

# Without a display Qt aborts the whole process unless offscreen is chosen first.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("KBCLIENT_DATA_DIR", None)
