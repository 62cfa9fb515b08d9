"""Importing packs into a real knowledge base; refused packs leave the data dir untouched."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kbclient.core.errors import PackError, SignatureError
from kbclient.core.kb import KnowledgeBase
from kbclient.core.packs.build import build_pack
from kbclient.core.packs.importer import import_pack, verify_pack_file
from kbclient.core.packs.trust import TrustStore
from kbclient.core.paths import DataPaths
from kbclient.core.search import SearchIndex

MakeSource = Callable[..., Path]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def kb(data_dir: Path, keys: Any) -> Iterator[KnowledgeBase]:
    k = KnowledgeBase.open(data_dir, install_builtin=False)
    trust = TrustStore(DataPaths(data_dir).trust)
    trust.add(keys.public)
    yield k
    k.close()


def _src(
    make_source: MakeSource, helpers: Any, version: int, ids: dict[str, str], name: str
) -> Path:
    return make_source(
        {i: helpers.doc_text(i, body=b) for i, b in ids.items()},
        name=name,
        meta={"version": version},
    )


def test_import_signed_then_delta_then_refusals(
    kb: KnowledgeBase, make_source: MakeSource, helpers: Any, keys: Any, tmp_path: Path
) -> None:
    v11 = _src(make_source, helpers, 11, {"a": "one", "b": "two", "c": "three"}, "v11")
    full = build_pack(v11, tmp_path / "p11.kbpack", sign_key=keys.secret, with_index=False)
    rep = import_pack(kb, full.path)
    assert (rep.pack, rep.version, rep.added) == ("testpack", 11, ("a", "b", "c"))
    info = kb.pack("testpack")
    assert info is not None and info.verified and info.key_id == keys.public.key_id_hex

    v12 = _src(make_source, helpers, 12, {"a": "one", "b": "TWO", "d": "four"}, "v12")
    delta = build_pack(v12, tmp_path / "d.kbpack", base=full.path, sign_key=keys.secret)
    report = verify_pack_file(kb, delta.path, trust=TrustStore(kb.paths.trust))
    assert (report.added, report.changed, report.removed) == (("d",), ("b",), ("c",))
    assert report.installed_version == 11 and report.verified
    rep = import_pack(kb, delta.path)
    assert (rep.added, rep.changed, rep.removed) == (("d",), ("b",), ("c",))
    assert sorted(kb.installed_docs("testpack")) == ["a", "b", "d"]

    # the same delta again: its base (11) is no longer installed (12 is)
    with pytest.raises(PackError, match="needs version 11 installed, found 12: import the full"):
        import_pack(kb, delta.path)
    # an older full version is refused unless forced
    with pytest.raises(PackError, match="older"):
        import_pack(kb, full.path)
    assert import_pack(kb, full.path, force=True).version == 11


def test_unsigned_import_needs_permission_and_is_unverified(
    kb: KnowledgeBase, make_source: MakeSource, helpers: Any, tmp_path: Path
) -> None:
    s = _src(make_source, helpers, 1, {"x": "body"}, "s")
    p = build_pack(s, tmp_path / "u.kbpack", with_index=False).path
    with pytest.raises(SignatureError, match="not signed"):
        import_pack(kb, p)
    import_pack(kb, p, allow_unsigned=True)
    info = kb.pack("testpack")
    assert info is not None and not info.verified and info.key_id is None


@pytest.mark.skipif(
    not hasattr(SearchIndex, "adopt_part"),
    reason="SearchIndex.adopt_part (prebuilt index adoption) not landed yet",
)
def test_import_with_prebuilt_index(
    kb: KnowledgeBase, make_source: MakeSource, helpers: Any, keys: Any, tmp_path: Path
) -> None:
    s = _src(make_source, helpers, 1, {"x": "监管沙盒 sandbox body", "y": "other"}, "s")
    p = build_pack(s, tmp_path / "i.kbpack", sign_key=keys.secret).path
    import_pack(kb, p)
    assert kb.check_index() == []
    assert [h.id for h in kb.search("沙盒").hits] == ["x"]
    assert list(kb.paths.staging.iterdir()) == []


# -- refused imports leave the data dir byte-for-byte as it was -----------------------
def _hostile(name: str, helpers: Any, keys: Any, files: dict[str, bytes]) -> bytes:
    E = helpers.Entry
    good_entries = [E(n, d) for n, d in sorted(files.items())]
    if name == "bad signature":
        forged = json.dumps(helpers.manifest_dict(files, version=99)).encode()
        from kbclient.core.packs import minisign

        sig = minisign.sign(json.dumps(helpers.manifest_dict(files)).encode(), keys.secret)
        return helpers.pack_bytes(files, manifest=forged, signature=sig.encode())
    if name == "untrusted key":
        return helpers.pack_bytes(files, key=keys.other)
    if name == "unsigned":
        return helpers.pack_bytes(files)
    if name == "hash mismatch":
        swapped = [E(n, d.replace(b"body", b"evil")) for n, d in sorted(files.items())]
        return helpers.pack_bytes(files, key=keys.secret, entries=swapped)
    if name == "extra file":
        return helpers.pack_bytes(
            files, key=keys.secret, entries=[*good_entries, E("docs/z.md", b"x")]
        )
    if name == "path traversal":
        return helpers.pack_bytes(
            files, key=keys.secret, entries=[*good_entries, E("../../evil", b"x")]
        )
    if name == "symlink":
        return helpers.pack_bytes(
            files,
            key=keys.secret,
            entries=[*good_entries, E("assets/l", b"/etc", external_attr=0o120777 << 16)],
        )
    if name == "zip bomb":
        m = helpers.manifest_dict(files)
        m["files"]["assets/bomb"] = {"sha256": "0" * 64, "size": 10}
        return helpers.pack_bytes(
            files,
            key=keys.secret,
            manifest=m,
            entries=[*good_entries, E("assets/bomb", bytes(8 << 20), declared_size=10)],
        )
    if name == "broken document":
        bad = {n: b"---\nid: [\n---\n" for n in files}
        return helpers.pack_bytes(bad, key=keys.secret)
    if name == "truncated":
        return helpers.pack_bytes(files, key=keys.secret)[:-40]
    if name == "wrong base":
        m = helpers.manifest_dict(files, base=9, version=12)
        return helpers.pack_bytes(files, key=keys.secret, manifest=m)
    raise AssertionError(name)


HOSTILE = [
    "bad signature",
    "untrusted key",
    "unsigned",
    "hash mismatch",
    "extra file",
    "path traversal",
    "symlink",
    "zip bomb",
    "broken document",
    "truncated",
    "wrong base",
]


@pytest.mark.parametrize("name", HOSTILE)
def test_refused_import_leaves_data_dir_unchanged(
    kb: KnowledgeBase,
    make_source: MakeSource,
    helpers: Any,
    keys: Any,
    tmp_path: Path,
    data_dir: Path,
    name: str,
) -> None:
    s = _src(make_source, helpers, 11, {"a": "body a", "b": "body b"}, "s")
    import_pack(
        kb, build_pack(s, tmp_path / "v11.kbpack", sign_key=keys.secret, with_index=False).path
    )
    files = {
        "docs/a.md": helpers.doc_bytes("a", body="body a2"),
        "docs/n.md": helpers.doc_bytes("n", body="body n"),
    }
    hostile = tmp_path / "hostile.kbpack"
    hostile.write_bytes(_hostile(name, helpers, keys, files))
    before = helpers.snapshot_dir(data_dir)
    with pytest.raises(PackError) as err:
        import_pack(kb, hostile)
    assert str(err.value)
    assert helpers.snapshot_dir(data_dir) == before
    if name == "wrong base":
        assert "needs version 9 installed, found 11: import the full pack" in str(err.value)
