"""Fixtures of the annotation tests: a private store and a small document text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kbclient.core.annotations.store import AnnotationStore

TEXT = (
    "Regulatory sandboxes let firms test new financial products with real customers. "
    "Each firm must report its liquidity coverage ratio every quarter. "
    "监管沙盒试点于2019年启动，首批共有十二家机构入选。"
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[AnnotationStore]:
    st = AnnotationStore(tmp_path / "annotations.sqlite3")
    yield st
    st.close()
