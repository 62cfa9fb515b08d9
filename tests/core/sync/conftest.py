"""Fixtures of the sync tests: a signing key, a remote folder published through `publish`,
a knowledge base that trusts the key, and real servers on 127.0.0.1 (tests/servers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kbclient.core.kb import KnowledgeBase
from kbclient.core.packs import minisign
from kbclient.core.packs.trust import TrustStore
from tests.core.sync.helpers import Site
from tests.servers import StaticServer, WsgiDav


@pytest.fixture
def key() -> minisign.SecretKey:
    return minisign.generate_key()


@pytest.fixture
def site(tmp_path: Path, key: minisign.SecretKey) -> Site:
    root = tmp_path / "remote"
    root.mkdir()
    return Site(root, tmp_path / "work", key)


@pytest.fixture
def kb(tmp_path: Path, key: minisign.SecretKey) -> Iterator[KnowledgeBase]:
    data = tmp_path / "data"
    kb = KnowledgeBase.open(data, install_builtin=False)
    TrustStore(kb.paths.trust).add(key.public_key())
    yield kb
    kb.close()


@pytest.fixture
def static(site: Site) -> Iterator[StaticServer]:
    with StaticServer(site.root) as server:
        yield server


@pytest.fixture
def dav(tmp_path: Path) -> Iterator[WsgiDav]:
    with WsgiDav(tmp_path / "dav-root", workdir=tmp_path / "dav-work") as server:
        yield server
