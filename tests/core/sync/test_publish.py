"""Publishing to WsgiDAV: upload + MOVE, conditional catalog writes, concurrent publishers."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from kbclient.core.errors import PackError, SyncError
from kbclient.core.packs import minisign
from kbclient.core.sync.catalog import parse_catalog
from kbclient.core.sync.publish import publish
from kbclient.core.sync.remote import PreconditionFailed, open_remote
from tests.core.sync.helpers import Site, docs_v
from tests.servers import WsgiDav


def _verify(root: Path, key: minisign.SecretKey) -> None:
    data = (root / "catalog.json").read_bytes()
    minisign.verify(data, (root / "catalog.json.minisig").read_bytes(), key.public_key())


def test_two_concurrent_publishers_never_lose_an_entry(site: Site, dav: WsgiDav) -> None:
    packs = {
        name: site.build(name, 1, docs_v(3, prefix=name[:1])) for name in ("pa", "pb", "pc", "pd")
    }
    for round_ in (("pa", "pb"), ("pc", "pd")):
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def run(
            name: str,
            barrier: threading.Barrier = barrier,
            errors: list[BaseException] = errors,
        ) -> None:
            try:
                with open_remote(dav.url, auth=dav.auth) as remote:
                    barrier.wait()
                    publish(packs[name], remote, sign_key=site.key)
            except BaseException as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(n,)) for n in round_]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not errors, errors
    catalog = parse_catalog((dav.root / "catalog.json").read_bytes())
    assert sorted(e.pack for e in catalog.packs) == ["pa", "pb", "pc", "pd"]
    assert catalog.serial >= 4
    _verify(dav.root, site.key)


def test_publish_refuses_other_content_under_a_published_version(site: Site, dav: WsgiDav) -> None:
    with open_remote(dav.url, auth=dav.auth) as remote:
        publish(site.build("alpha", 1, docs_v(2)), remote, sign_key=site.key)
        publish(site.build("alpha", 1, docs_v(2)), remote, sign_key=site.key)  # same bytes: ok
        with pytest.raises(SyncError, match="bump the version"):
            publish(site.build("alpha", 1, docs_v(3)), remote, sign_key=site.key)
        with pytest.raises(SyncError, match="publish the full pack"):
            v1 = site.build("alpha", 1, docs_v(2))
            publish(site.build("alpha", 2, docs_v(3), base=v1), remote, sign_key=site.key)
        names = {e.name for e in remote.list("packs")}
    assert names == {"alpha-1.kbpack", "alpha-1-2.kbpack"} or names == {"alpha-1.kbpack"}
    _verify(dav.root, site.key)


def test_publish_refuses_unsigned_packs(site: Site, dav: WsgiDav, tmp_path: Path) -> None:
    src = tmp_path / "u"
    src.mkdir()
    (src / "a.md").write_text("---\nid: a\ntitle: A\n---\nx\n", "utf-8")
    from kbclient.core.packs.build import build_pack

    out = build_pack(src, tmp_path / "u.kbpack", pack_id="u", version=1, with_index=False).path
    with (
        open_remote(dav.url, auth=dav.auth) as remote,
        pytest.raises(PackError, match="not signed"),
    ):
        publish(out, remote, sign_key=site.key)


def test_conditional_writes_on_wsgidav(dav: WsgiDav) -> None:
    with open_remote(dav.url, auth=dav.auth) as remote:
        tag = remote.put("x.txt", b"one", if_none_match=True)
        with pytest.raises(PreconditionFailed):
            remote.put("x.txt", b"two", if_none_match=True)
        got = remote.get("x.txt")
        assert got is not None and got.data == b"one"
        with pytest.raises(PreconditionFailed):
            remote.put("x.txt", b"three", if_match='"nope"')
        remote.put("x.txt", b"four", if_match=got.etag or tag)
        remote.put("y.txt", b"y")
        with pytest.raises(PreconditionFailed):
            remote.move("y.txt", "x.txt", overwrite=False)
        remote.move("y.txt", "z.txt")
        assert [e.name for e in remote.list("")] == ["x.txt", "z.txt"]
        remote.delete("z.txt")
        assert not remote.exists("z.txt")
