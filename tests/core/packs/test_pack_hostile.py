"""Hostile packs: each is refused by `open_pack` with a message naming the reason.

(The data-dir-unchanged checks around a real import are in test_pack_import.py.)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kbclient.core.errors import PackError, SignatureError
from kbclient.core.packs import minisign
from kbclient.core.packs.archive import Limits
from kbclient.core.packs.build import index_versions
from kbclient.core.packs.verify import open_pack

WritePack = Callable[..., Path]


@pytest.fixture
def files(helpers: Any) -> dict[str, bytes]:
    return {
        "docs/doc-1.md": helpers.doc_bytes("doc-1"),
        "assets/fig.png": b"\x89PNG fake image bytes",
    }


def refused(path: Path, keys: Any, exc: type[Exception] = PackError, **kw: Any) -> str:
    """open_pack must fail; returns the message. Nothing may stay in the staging folder."""
    staging = path.parent / "staging"
    with pytest.raises(exc) as err:
        open_pack(path, trust=keys.trust, staging=staging, **kw)
    assert not staging.exists() or not any(staging.iterdir())
    msg = str(err.value)
    assert "\n" not in msg
    return msg


# -- signatures ---------------------------------------------------------------------
def test_bad_signature(write_pack: WritePack, keys: Any, helpers: Any, files: Any) -> None:
    good = json.dumps(helpers.manifest_dict(files)).encode()
    forged = json.dumps(helpers.manifest_dict(files, publisher="Mallory")).encode()
    sig = minisign.sign(good, keys.secret).encode()
    p = write_pack(files, manifest=forged, signature=sig)
    msg = refused(p, keys, SignatureError)
    assert "bad signature" in msg and keys.public.key_id_hex in msg
    # allow_unsigned does not excuse a bad signature by a trusted key
    assert "bad signature" in refused(p, keys, SignatureError, allow_unsigned=True)


def test_untrusted_key(write_pack: WritePack, keys: Any, files: Any) -> None:
    p = write_pack(files, key=keys.other)
    msg = refused(p, keys, SignatureError)
    assert "not trusted" in msg and keys.other.key_id_hex in msg


def test_unsigned(write_pack: WritePack, keys: Any, files: Any) -> None:
    assert "not signed" in refused(write_pack(files), keys, SignatureError)


def test_malformed_signature_refused_even_when_allowing_unsigned(
    write_pack: WritePack, keys: Any, files: Any
) -> None:
    p = write_pack(files, signature=b"untrusted comment: x\ngarbage\n")
    assert "malformed" in refused(p, keys, SignatureError, allow_unsigned=True)


# -- files against the manifest -----------------------------------------------------
def test_hash_mismatch(write_pack: WritePack, keys: Any, helpers: Any, files: Any) -> None:
    swapped = b"\x89PNG fake image bytez"  # same size, other bytes
    E = helpers.Entry
    p = write_pack(
        files,
        key=keys.secret,
        entries=[E("assets/fig.png", swapped), E("docs/doc-1.md", files["docs/doc-1.md"])],
    )
    msg = refused(p, keys)
    assert "assets/fig.png" in msg and "sha256 does not match" in msg


def test_size_mismatch(write_pack: WritePack, keys: Any, helpers: Any, files: Any) -> None:
    E = helpers.Entry
    p = write_pack(
        files,
        key=keys.secret,
        entries=[
            E("assets/fig.png", b"longer" + files["assets/fig.png"]),
            E("docs/doc-1.md", files["docs/doc-1.md"]),
        ],
    )
    msg = refused(p, keys)
    assert "assets/fig.png" in msg and "size mismatch" in msg


def test_missing_file(write_pack: WritePack, keys: Any, helpers: Any, files: Any) -> None:
    p = write_pack(
        files, key=keys.secret, entries=[helpers.Entry("docs/doc-1.md", files["docs/doc-1.md"])]
    )
    msg = refused(p, keys)
    assert "'assets/fig.png'" in msg and "missing" in msg


def test_extra_file(write_pack: WritePack, keys: Any, helpers: Any, files: Any) -> None:
    E = helpers.Entry
    entries = [E(n, d) for n, d in files.items()] + [E("assets/extra.js", b"alert(1)")]
    msg = refused(write_pack(files, key=keys.secret, entries=entries), keys)
    assert "extra file 'assets/extra.js'" in msg


def test_no_manifest(tmp_path: Path, keys: Any, helpers: Any) -> None:
    p = tmp_path / "p.kbpack"
    p.write_bytes(helpers.craft_zip([helpers.Entry("docs/a.md", b"x")]))
    assert "no manifest.json" in refused(p, keys)


# -- entry names and types ----------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../evil.md", "'..' in path"),
        ("docs/../../evil.md", "'..' in path"),
        ("/etc/cron.d/evil", "absolute path"),
        ("C:/Windows/evil.dll", "drive letter"),
        ("docs\\evil.md", "backslash"),
        ("docs/evil\0.md", "NUL character"),
        ("docs/evil\x1b[2J.md", "control character U+001B"),
    ],
)
def test_unsafe_entry_names(
    write_pack: WritePack, keys: Any, helpers: Any, files: Any, name: str, reason: str
) -> None:
    E = helpers.Entry
    entries = [E(n, d) for n, d in files.items()] + [E(name, b"x")]
    msg = refused(write_pack(files, key=keys.secret, entries=entries), keys)
    assert "unsafe entry name" in msg and reason in msg


def test_symlink_entry(write_pack: WritePack, keys: Any, helpers: Any, files: Any) -> None:
    E = helpers.Entry
    entries = [
        E("docs/doc-1.md", files["docs/doc-1.md"]),
        E("assets/fig.png", b"/etc/passwd", external_attr=0o120777 << 16),
    ]
    msg = refused(write_pack(files, key=keys.secret, entries=entries), keys)
    assert "symlink entry 'assets/fig.png'" in msg


def test_duplicate_names(write_pack: WritePack, keys: Any, helpers: Any, files: Any) -> None:
    E = helpers.Entry
    entries = [E(n, d) for n, d in files.items()] + [E("docs/doc-1.md", b"second copy")]
    msg = refused(write_pack(files, key=keys.secret, entries=entries), keys)
    assert "duplicate entry 'docs/doc-1.md'" in msg


def test_duplicate_manifest(write_pack: WritePack, keys: Any, helpers: Any, files: Any) -> None:
    E = helpers.Entry
    entries = [E(n, d) for n, d in files.items()] + [E("manifest.json", b"{}")]
    msg = refused(write_pack(files, key=keys.secret, entries=entries), keys)
    assert "duplicate entry 'manifest.json'" in msg


# -- zip bombs (headers lie: the limits must hold on the bytes actually produced) ----
def _bomb_pack(
    write_pack: WritePack, keys: Any, helpers: Any, files: Any, bombs: dict[str, tuple[int, int]]
) -> Path:
    """bombs: name -> (real size of zeros, size claimed in headers and manifest)."""
    E = helpers.Entry
    manifest = helpers.manifest_dict(files)
    for n, (_r, c) in bombs.items():
        sha = hashlib.sha256(bytes(c)).hexdigest() if c == _r else "0" * 64
        manifest["files"][n] = {"sha256": sha, "size": c}
    entries = [E(n, d) for n, d in files.items()]
    entries += [E(n, bytes(r), declared_size=c) for n, (r, c) in bombs.items()]
    return write_pack(files, key=keys.secret, manifest=manifest, entries=entries)


def test_zip_bomb_per_file(write_pack: WritePack, keys: Any, helpers: Any, files: Any) -> None:
    p = _bomb_pack(write_pack, keys, helpers, files, {"assets/bomb.bin": (8 << 20, 1000)})
    msg = refused(p, keys, limits=Limits(max_file=1 << 20, max_ratio=10**9))
    assert "assets/bomb.bin" in msg and "per-file limit" in msg


def test_zip_bomb_total(write_pack: WritePack, keys: Any, helpers: Any, files: Any) -> None:
    p = _bomb_pack(
        write_pack,
        keys,
        helpers,
        files,
        {"assets/a.bin": (2 << 20, 2 << 20), "assets/b.bin": (2 << 20, 10)},
    )
    msg = refused(p, keys, limits=Limits(max_total=3 << 20, max_ratio=10**9))
    assert "total limit" in msg


def test_zip_bomb_ratio(write_pack: WritePack, keys: Any, helpers: Any, files: Any) -> None:
    p = _bomb_pack(write_pack, keys, helpers, files, {"assets/bomb.bin": (4 << 20, 1000)})
    msg = refused(p, keys)  # default limits
    assert "assets/bomb.bin" in msg and "compression ratio above 200:1" in msg


def test_zip_bomb_claimed_by_headers(
    write_pack: WritePack, keys: Any, helpers: Any, files: Any
) -> None:
    p = _bomb_pack(write_pack, keys, helpers, files, {"assets/bomb.bin": (1000, 3 << 30)})
    assert "limit" in refused(p, keys)


# -- the manifest -------------------------------------------------------------------
def _manifest_pack(write_pack: WritePack, keys: Any, files: Any, raw: bytes) -> Path:
    from kbclient.core.packs import minisign as m

    return write_pack(files, manifest=raw, signature=m.sign(raw, keys.secret).encode())


def test_huge_manifest(write_pack: WritePack, keys: Any, files: Any) -> None:
    raw = b'{"format": 1, "title": "' + b" " * (17 << 20) + b'"}'
    msg = refused(_manifest_pack(write_pack, keys, files, raw), keys)
    assert "manifest.json" in msg and "limit of 16777216" in msg


def test_huge_manifest_lying_header(
    write_pack: WritePack, keys: Any, helpers: Any, files: Any
) -> None:
    E = helpers.Entry
    raw = b'{"format": 1, "title": "' + b"a" * (17 << 20) + b'"}'
    p = write_pack(files, entries=[E(n, d) for n, d in files.items()], manifest=b"{}")
    # replace the manifest entry by one whose header claims 2 bytes
    p.write_bytes(
        helpers.craft_zip(
            [E("manifest.json", raw, declared_size=2)] + [E(n, d) for n, d in files.items()]
        )
    )
    msg = refused(p, keys, limits=Limits(max_ratio=10**9))
    assert "manifest.json" in msg and "limit" in msg


def test_deeply_nested_manifest(write_pack: WritePack, keys: Any, files: Any) -> None:
    raw = b'{"format": 1, "x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    msg = refused(_manifest_pack(write_pack, keys, files, raw), keys)
    assert "nested deeper" in msg


def test_manifest_not_utf8(write_pack: WritePack, keys: Any, files: Any) -> None:
    raw = '{"format": 1, "title": "标准"}'.encode("gb18030")
    assert "not UTF-8" in refused(_manifest_pack(write_pack, keys, files, raw), keys)


def test_manifest_not_json(write_pack: WritePack, keys: Any, files: Any) -> None:
    raw = b"format = 1\n"
    assert "not valid JSON" in refused(_manifest_pack(write_pack, keys, files, raw), keys)


def test_manifest_unknown_format(
    write_pack: WritePack, keys: Any, helpers: Any, files: Any
) -> None:
    raw = json.dumps(helpers.manifest_dict(files, format=2)).encode()
    assert "unknown pack format 2" in refused(_manifest_pack(write_pack, keys, files, raw), keys)


@pytest.mark.parametrize("pack_id", ["Standards", "../x", "", "a" * 65, 7])
def test_bad_pack_id(
    write_pack: WritePack, keys: Any, helpers: Any, files: Any, pack_id: Any
) -> None:
    raw = json.dumps(helpers.manifest_dict(files, pack=pack_id)).encode()
    assert "bad pack id" in refused(_manifest_pack(write_pack, keys, files, raw), keys)


@pytest.mark.parametrize(
    ("version", "reason"),
    [
        ("3", "must be an integer, got str"),
        (True, "must be an integer, got bool"),
        (-3, "positive"),
        (0, "positive"),
        (2.5, "must be an integer"),
    ],
)
def test_bad_version(
    write_pack: WritePack, keys: Any, helpers: Any, files: Any, version: Any, reason: str
) -> None:
    raw = json.dumps(helpers.manifest_dict(files, version=version)).encode()
    assert reason in refused(_manifest_pack(write_pack, keys, files, raw), keys)


def test_truncated_archive(tmp_path: Path, keys: Any, helpers: Any, files: Any) -> None:
    raw = helpers.pack_bytes(files, key=keys.secret)
    for cut in (len(raw) - 10, len(raw) // 2, 30):
        p = tmp_path / f"cut{cut}.kbpack"
        p.write_bytes(raw[:cut])
        assert "truncated" in refused(p, keys)


# -- documents ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "body",
    [
        b"---\nid: doc-1\ntitle: [unclosed\n---\nbody\n",  # broken YAML
        b"no front matter at all\n",
        b"---\nid: doc-1\ntitle: T\n---\n\xff\xfe bad UTF-8\n",
        b"---\ntitle: no id\n---\nbody\n",
    ],
)
def test_bad_documents(write_pack: WritePack, keys: Any, body: bytes) -> None:
    p = write_pack({"docs/doc-1.md": body}, key=keys.secret)
    msg = refused(p, keys)
    assert "bad document" in msg and "docs/doc-1.md" in msg


def test_document_id_differs_from_file_name(write_pack: WritePack, keys: Any, helpers: Any) -> None:
    p = write_pack({"docs/doc-1.md": helpers.doc_bytes("doc-2")}, key=keys.secret)
    assert "does not match its file name" in refused(p, keys)


# -- the prebuilt index part --------------------------------------------------------
def _index_files() -> dict[str, bytes]:
    return {"index/meta.json": b'{"x": 1}', "index/s0/_MAIN_1.toc": b"pickle! never open me"}


def _index_pack(
    write_pack: WritePack, helpers: Any, files: Any, versions: dict[str, str], **kw: Any
) -> Path:
    all_files = {**files, **_index_files()}
    manifest = helpers.manifest_dict(all_files, index={**versions, "files": sorted(_index_files())})
    return write_pack(all_files, manifest=manifest, **kw)


def test_index_in_unsigned_pack_is_ignored(
    write_pack: WritePack, keys: Any, helpers: Any, files: Any, tmp_path: Path
) -> None:
    p = _index_pack(write_pack, helpers, files, index_versions())
    with open_pack(p, trust=keys.trust, allow_unsigned=True, staging=tmp_path / "st") as vp:
        assert vp.index_dir is None and not vp.verified
        assert vp.index_note.startswith("ignored") and "not verified" in vp.index_note
        assert vp.files_checked == 4
    assert not (tmp_path / "st").exists() or not any((tmp_path / "st").iterdir())


def test_index_in_untrusted_pack_is_ignored(
    write_pack: WritePack, keys: Any, helpers: Any, files: Any
) -> None:
    p = _index_pack(write_pack, helpers, files, index_versions(), key=keys.other)
    with open_pack(p, trust=keys.trust, allow_unsigned=True) as vp:
        assert vp.index_dir is None and vp.key_id == keys.other.key_id_hex
        assert not vp.trusted


def test_index_of_other_analyzer_is_ignored(
    write_pack: WritePack, keys: Any, helpers: Any, files: Any
) -> None:
    versions = {**index_versions(), "analyzer": "kb-bilingual-0"}
    p = _index_pack(write_pack, helpers, files, versions, key=keys.secret)
    with open_pack(p, trust=keys.trust) as vp:
        assert vp.verified and vp.index_dir is None
        assert "analyzer" in vp.index_note


def test_index_in_trusted_pack_is_staged(
    write_pack: WritePack, keys: Any, helpers: Any, files: Any, tmp_path: Path
) -> None:
    p = _index_pack(write_pack, helpers, files, index_versions(), key=keys.secret)
    vp = open_pack(p, trust=keys.trust, staging=tmp_path / "st")
    assert vp.verified and vp.index_dir is not None and vp.index_note == "used"
    assert (vp.index_dir / "s0" / "_MAIN_1.toc").read_bytes() == b"pickle! never open me"
    vp.close()
    assert not any((tmp_path / "st").iterdir())


@pytest.mark.parametrize("signed", [True, False])
def test_index_file_not_matching_manifest(
    write_pack: WritePack, keys: Any, helpers: Any, files: Any, signed: bool
) -> None:
    all_files = {**files, **_index_files()}
    manifest = helpers.manifest_dict(
        all_files, index={**index_versions(), "files": sorted(_index_files())}
    )
    E = helpers.Entry
    entries = [E(n, d) for n, d in all_files.items() if n != "index/s0/_MAIN_1.toc"]
    entries.append(E("index/s0/_MAIN_1.toc", b"pickle! never open mE"))  # same size
    p = write_pack(
        all_files, manifest=manifest, entries=entries, key=keys.secret if signed else None
    )
    msg = refused(p, keys, allow_unsigned=not signed)
    assert "index/s0/_MAIN_1.toc" in msg and "sha256 does not match" in msg


def test_good_pack_opens(write_pack: WritePack, keys: Any, files: Any) -> None:
    with open_pack(write_pack(files, key=keys.secret), trust=keys.trust) as vp:
        assert vp.verified and vp.key_id == keys.public.key_id_hex
        assert [d.id for d, _ in vp.docs] == ["doc-1"]
        assert vp.assets == {"assets/fig.png": files["assets/fig.png"]}
        spec = vp.spec()
        assert spec.id == "testpack" and spec.verified and spec.key_id == keys.public.key_id_hex
        rep = vp.report({"doc-1": (1, "0" * 64), "old": (1, "1" * 64)}, 2)
        assert rep.changed == ("doc-1",) and rep.removed == ("old",) and rep.added == ()
        assert rep.bytes_needed == len(files["docs/doc-1.md"]) + len(files["assets/fig.png"])
