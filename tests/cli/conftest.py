"""Fixtures of the CLI tests: a data dir with the built-in library installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.helpers import run_kbclient


@pytest.fixture(scope="module")
def builtin_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data dir with the built-in library installed, shared by a module's read-only tests."""
    data = tmp_path_factory.mktemp("data")
    done = run_kbclient(data, "index", "rebuild")
    assert done.returncode == 0, done.stderr
    return data
