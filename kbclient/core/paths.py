"""Where kbclient keeps its files: one data dir, overridable for tests and portable use."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "kbclient"
ENV_DATA_DIR = "KBCLIENT_DATA_DIR"


def default_data_dir() -> Path:
    """`--data-dir`, else `KBCLIENT_DATA_DIR`, else the platform's per-user data folder."""
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_log_dir() -> Path:
    """The platform's per-user log folder (rotating logs live here)."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataPaths:
    """Every path below one data dir; the only place that spells their names."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "library.sqlite3"

    @property
    def annotations(self) -> Path:
        return self.root / "annotations.sqlite3"

    @property
    def blobs(self) -> Path:
        return self.root / "blobs"

    @property
    def index(self) -> Path:
        return self.root / "index"

    @property
    def settings(self) -> Path:
        return self.root / "settings.json"

    @property
    def trust(self) -> Path:
        return self.root / "trusted-keys"

    @property
    def downloads(self) -> Path:
        return self.root / "downloads"

    @property
    def staging(self) -> Path:
        return self.root / "staging"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    def ensure(self) -> DataPaths:
        for p in (self.root, self.blobs, self.index, self.staging):
            p.mkdir(parents=True, exist_ok=True)
        return self
