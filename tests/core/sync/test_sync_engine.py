"""The sync engine against real remotes: file:// folders, a static server, WsgiDAV."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kbclient.core.errors import SyncError
from kbclient.core.kb import KnowledgeBase
from kbclient.core.sync.catalog import parse_catalog
from kbclient.core.sync.engine import SyncEngine
from kbclient.core.sync.publish import publish
from kbclient.core.sync.remote import open_remote
from tests.core.sync.helpers import Site, docs_v
from tests.servers import StaticServer, WsgiDav


def test_initial_sync_from_a_folder(site: Site, kb: KnowledgeBase) -> None:
    site.publish(site.build("alpha", 1, docs_v(5)))
    with open_remote(site.root.as_uri()) as remote:
        report = SyncEngine(remote, kb).sync()
    assert not report.not_modified
    assert [(p.pack, p.from_version, p.to_version, p.via) for p in report.packs_updated] == [
        ("alpha", None, 1, "full")
    ]
    assert len(report.documents_added) == 5
    assert kb.pack("alpha").version == 1  # type: ignore[union-attr]
    assert kb.pack("alpha").verified  # type: ignore[union-attr]
    assert list(kb.paths.downloads.glob("*.kbpack*")) == []
    with open_remote(site.root.as_uri()) as remote:
        again = SyncEngine(remote, kb).sync()
    assert again.not_modified and again.requests == 1


def test_static_server_noop_sync_is_one_request(
    site: Site, kb: KnowledgeBase, static: StaticServer
) -> None:
    site.publish(site.build("alpha", 1, docs_v(3)))
    site.age_catalog()
    with open_remote(static.url) as remote:
        first = SyncEngine(remote, kb).sync()
        assert first.requests == 3  # catalog, signature, pack
        static.requests.clear()
        second = SyncEngine(remote, kb).sync()
    assert second.not_modified and second.requests == 1
    assert [(r.method, r.path, r.status) for r in static.requests] == [
        ("GET", "/catalog.json", 304)
    ]
    assert "If-None-Match" in static.requests[0].headers


def test_delta_chain_is_chosen_when_cheaper(
    site: Site, kb: KnowledgeBase, static: StaticServer
) -> None:
    v1 = site.build("alpha", 1, docs_v(60))
    site.publish(v1)
    with open_remote(static.url) as remote:
        SyncEngine(remote, kb).sync()
    v2 = site.build("alpha", 2, docs_v(60, {1: 1}))
    d12 = site.build("alpha", 2, docs_v(60, {1: 1}), base=v1)
    site.publish(v2, d12)
    v3 = site.build("alpha", 3, docs_v(61, {1: 1, 2: 1}))
    d23 = site.build("alpha", 3, docs_v(61, {1: 1, 2: 1}), base=v2)
    site.publish(v3, d23)
    catalog = parse_catalog((site.root / "catalog.json").read_bytes())
    entry = catalog.entry("alpha")
    assert entry is not None and len(entry.deltas) == 2
    static.requests.clear()
    with open_remote(static.url) as remote:
        report = SyncEngine(remote, kb).sync()
    assert [(p.from_version, p.to_version, p.via) for p in report.packs_updated] == [
        (1, 3, "deltas")
    ]
    fetched = [r.path for r in static.requests if r.path.startswith("/packs/")]
    assert fetched == ["/packs/alpha-1-2.kbpack", "/packs/alpha-2-3.kbpack"]
    delta_bytes = d12.stat().st_size + d23.stat().st_size
    assert delta_bytes < v3.stat().st_size / 5
    assert report.bytes_transferred < delta_bytes + 10_000
    assert report.documents_added == ("d0060",)
    assert report.documents_changed == ("d0001", "d0002")
    assert kb.pack("alpha").version == 3  # type: ignore[union-attr]


def test_full_pack_when_no_chain(site: Site, kb: KnowledgeBase) -> None:
    site.publish(site.build("alpha", 1, docs_v(5)))
    with open_remote(site.root.as_uri()) as remote:
        SyncEngine(remote, kb).sync()
        site.publish(site.build("alpha", 2, docs_v(4)))
        report = SyncEngine(remote, kb).sync()
    assert report.packs_updated[0].via == "full"
    assert report.documents_removed == ("d0004",)


def test_subscriptions_limit_the_packs(site: Site, kb: KnowledgeBase) -> None:
    site.publish(
        site.build("alpha", 1, docs_v(2, prefix="a")), site.build("beta", 1, docs_v(2, prefix="b"))
    )
    with open_remote(site.root.as_uri()) as remote:
        report = SyncEngine(remote, kb, subscriptions={"beta", "gamma"}).sync()
        assert [p.pack for p in report.packs_updated] == ["beta"]
        assert report.missing == ("gamma",)
        assert kb.pack("alpha") is None
        # Subscribing to more must not be answered by a 304 of the old state.
        report = SyncEngine(remote, kb).sync()
    assert [p.pack for p in report.packs_updated] == ["alpha"]


def test_sync_and_publish_through_wsgidav(site: Site, kb: KnowledgeBase, dav: WsgiDav) -> None:
    v1 = site.build("alpha", 1, docs_v(20))
    with open_remote(dav.url, auth=dav.auth) as remote:
        rep = publish(v1, remote, sign_key=site.key)
        assert rep.serial == 1
        listing = {e.name for e in remote.list("packs")}
        assert listing == {"alpha-1.kbpack"}
        report = SyncEngine(remote, kb).sync()
        assert kb.pack("alpha").version == 1  # type: ignore[union-attr]
        v2 = site.build("alpha", 2, docs_v(20, {3: 1}))
        d = site.build("alpha", 2, docs_v(20, {3: 1}), base=v1)
        publish([v2, d], remote, sign_key=site.key)
        report = SyncEngine(remote, kb).sync()
    assert report.packs_updated[0].via == "deltas"
    assert report.documents_changed == ("d0003",)
    cat = json.loads((dav.root / "catalog.json").read_bytes())
    assert cat["serial"] == 2


def test_plain_http_password_refused_before_connecting() -> None:
    with pytest.raises(SyncError, match="plain http"):
        open_remote("http://kb.example.invalid/", auth=("u", "pw-xyz"))
    with pytest.raises(SyncError) as e:
        open_remote("http://u:pw-xyz@127.0.0.1/")
    assert "pw-xyz" not in str(e.value)
    open_remote("http://127.0.0.1:9/", auth=("u", "pw")).close()  # loopback is fine
    open_remote("https://kb.example.invalid/", auth=("u", "pw")).close()


def test_unsupported_remote(tmp_path: Path) -> None:
    with pytest.raises(SyncError, match="unsupported"):
        open_remote("ftp://x/")
    with pytest.raises(SyncError, match="does not exist"):
        open_remote((tmp_path / "nope").as_uri())
