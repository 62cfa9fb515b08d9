"""Building packs: validation, reproducibility, signing, deltas, the index part."""

from __future__ import annotations

import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kbclient.core.errors import PackError
from kbclient.core.packs.build import PackBuildError, build_pack
from kbclient.core.packs.manifest import parse_manifest
from kbclient.core.packs.verify import open_pack

MakeSource = Callable[..., Path]


@pytest.fixture
def src(make_source: MakeSource, helpers: Any) -> Path:
    return make_source(
        {
            "a-1": helpers.doc_text("a-1", title="监管沙盒 sandbox", body="正文 body"),
            "b-2": helpers.doc_text("b-2", title="Open banking", updated="2024-05-02"),
        },
        assets={"fig 1.png": b"\x89PNG...", "sub/data.csv": b"a,b\n1,2\n"},
    )


def _manifest(path: Path) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read("manifest.json")


def test_build_is_reproducible(
    src: Path, tmp_path: Path, keys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    a = build_pack(src, tmp_path / "a.kbpack", sign_key=keys.secret, with_index=False)
    # touching files (a fresh checkout) changes nothing
    for p in src.rglob("*"):
        p.touch()
    b = build_pack(src, tmp_path / "b.kbpack", sign_key=keys.secret, with_index=False)
    assert _manifest(a.path) == _manifest(b.path)
    assert a.path.read_bytes() == b.path.read_bytes()
    man = parse_manifest(_manifest(a.path))
    assert man.created == "2024-05-02T00:00:00Z"  # newest `updated`
    assert sorted(man.files) == [
        "assets/fig 1.png",
        "assets/sub/data.csv",
        "docs/a-1.md",
        "docs/b-2.md",
    ]
    with zipfile.ZipFile(a.path) as zf:
        names = [i.filename for i in zf.infolist()]
        assert names[:2] == ["manifest.json", "manifest.json.minisig"]
        assert names[2:] == sorted(names[2:])
        assert {i.date_time for i in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_source_date_epoch(src: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    r = build_pack(src, tmp_path / "p.kbpack", with_index=False)
    assert r.manifest.created == "2023-11-14T22:13:20Z"


def test_signed_pack_opens_verified_and_documents_are_bytes_as_is(
    src: Path, tmp_path: Path, keys: Any
) -> None:
    r = build_pack(src, tmp_path / "p.kbpack", sign_key=keys.secret, with_index=False)
    assert r.signed_by == keys.public.key_id_hex
    with open_pack(r.path, trust=keys.trust) as vp:
        assert vp.verified
        assert {d.id: raw for d, raw in vp.docs} == {
            "a-1": (src / "a-1.md").read_bytes(),
            "b-2": (src / "b-2.md").read_bytes(),
        }
        assert set(vp.assets) == {"assets/fig 1.png", "assets/sub/data.csv"}


def test_built_signature_verifies_with_minisign(
    src: Path, tmp_path: Path, keys: Any, minisign_bin: str
) -> None:
    r = build_pack(src, tmp_path / "p.kbpack", sign_key=keys.secret, with_index=False)
    out = tmp_path / "x"
    with zipfile.ZipFile(r.path) as zf:
        zf.extractall(out, ["manifest.json", "manifest.json.minisig"])
    pub = tmp_path / "k.pub"
    pub.write_text(keys.public.to_text())
    done = subprocess.run(
        [minisign_bin, "-Vm", str(out / "manifest.json"), "-p", str(pub)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr


def test_pack_signed_by_minisign_tool_opens(
    src: Path, tmp_path: Path, minisign_bin: str, helpers: Any
) -> None:
    """An administrator may sign the manifest with the minisign tool itself."""
    from kbclient.core.packs.trust import TrustStore

    subprocess.run(
        [minisign_bin, "-G", "-W", "-p", str(tmp_path / "m.pub"), "-s", str(tmp_path / "m.key")],
        check=True,
        capture_output=True,
    )
    r = build_pack(src, tmp_path / "unsigned.kbpack", with_index=False)
    work = tmp_path / "w"
    with zipfile.ZipFile(r.path) as zf:
        zf.extractall(work)
    subprocess.run(
        [minisign_bin, "-S", "-s", str(tmp_path / "m.key"), "-m", str(work / "manifest.json")],
        check=True,
        capture_output=True,
    )
    entries = [
        helpers.Entry("manifest.json", (work / "manifest.json").read_bytes()),
        helpers.Entry("manifest.json.minisig", (work / "manifest.json.minisig").read_bytes()),
    ]
    entries += [
        helpers.Entry(p.relative_to(work).as_posix(), p.read_bytes())
        for p in sorted(work.rglob("*"))
        if p.is_file() and "manifest" not in p.name
    ]
    signed = tmp_path / "signed.kbpack"
    signed.write_bytes(helpers.craft_zip(entries))
    trust = TrustStore(tmp_path / "trust")
    trust.add_spec(str(tmp_path / "m.pub"))
    with open_pack(signed, trust=trust) as vp:
        assert vp.verified


def test_all_problems_reported_and_nothing_written(
    make_source: MakeSource, tmp_path: Path, helpers: Any
) -> None:
    s = make_source(
        {
            "good": helpers.doc_text("good"),
            "broken": "---\nid: broken\ntitle: [oops\n---\nx\n",
            "noid": "---\ntitle: T\n---\nx\n",
            "dup": helpers.doc_text("good"),
        }
    )
    (s / "latin1.md").write_bytes(b"---\nid: l1\ntitle: caf\xe9\n---\n")
    out = tmp_path / "out.kbpack"
    with pytest.raises(PackBuildError) as err:
        build_pack(s, out, with_index=False)
    problems = err.value.problems
    assert len(problems) == 4, problems
    for name in ("broken.md", "noid.md", "latin1.md", "good.md"):
        assert any(name in p for p in problems), (name, problems)
    assert "nothing written" in str(err.value)
    assert not out.exists()
    assert list(tmp_path.glob(".kbpack-build-*")) == []


def test_metadata_from_options_and_errors(
    make_source: MakeSource, tmp_path: Path, helpers: Any
) -> None:
    s = make_source({"d": helpers.doc_text("d")})
    (s / "pack.json").unlink()
    with pytest.raises(PackError, match="pack id"):
        build_pack(s, tmp_path / "x.kbpack", with_index=False)
    r = build_pack(
        s,
        tmp_path / "x.kbpack",
        pack_id="opt-pack",
        version=4,
        title="T",
        publisher="Pub",
        with_index=False,
    )
    assert (r.manifest.pack, r.manifest.version, r.manifest.publisher) == ("opt-pack", 4, "Pub")
    with pytest.raises(PackError, match="version"):
        build_pack(s, tmp_path / "y.kbpack", pack_id="p", version=0, with_index=False)


def test_delta_build(make_source: MakeSource, tmp_path: Path, helpers: Any, keys: Any) -> None:
    v1 = make_source(
        {
            "keep": helpers.doc_text("keep"),
            "change": helpers.doc_text("change", body="old"),
            "drop": helpers.doc_text("drop"),
        },
        name="v1",
        meta={"version": 11},
    )
    full = build_pack(v1, tmp_path / "p11.kbpack", with_index=False)
    v2 = make_source(
        {
            "keep": helpers.doc_text("keep"),
            "change": helpers.doc_text("change", body="new"),
            "added": helpers.doc_text("added"),
        },
        name="v2",
        meta={"version": 12},
    )
    delta = build_pack(v2, tmp_path / "p11-12.kbpack", base=full.path, sign_key=keys.secret)
    m = delta.manifest
    assert m.base == 11 and m.version == 12
    assert sorted(m.files) == ["docs/added.md", "docs/change.md"]
    assert m.removed == ("drop",)
    assert m.index is None
    with open_pack(delta.path, trust=keys.trust) as vp:
        assert sorted(d.id for d, _ in vp.docs) == ["added", "change"]
        rep = vp.report(
            {
                "keep": (1, full.manifest.files["docs/keep.md"].sha256),
                "change": (1, full.manifest.files["docs/change.md"].sha256),
                "drop": (1, full.manifest.files["docs/drop.md"].sha256),
            },
            11,
        )
        assert (rep.added, rep.changed, rep.removed, rep.unchanged) == (
            ("added",),
            ("change",),
            ("drop",),
            1,
        )
    # version must increase; a delta cannot be a base
    with pytest.raises(PackError, match="greater than the base"):
        build_pack(v2, tmp_path / "bad.kbpack", base=full.path, version=11, with_index=False)
    with pytest.raises(PackError, match="must be a full pack"):
        build_pack(v2, tmp_path / "bad.kbpack", base=delta.path, version=13, with_index=False)


def test_build_with_index_part(src: Path, tmp_path: Path, keys: Any) -> None:
    r = build_pack(src, tmp_path / "p.kbpack", sign_key=keys.secret)
    assert r.with_index and r.manifest.index is not None
    assert all(n.startswith("index/") for n in r.manifest.index.files)
    with open_pack(r.path, trust=keys.trust, staging=tmp_path / "st") as vp:
        assert vp.index_note == "used" and vp.index_dir is not None
        assert (vp.index_dir / "meta.json").is_file()
    # unsigned: the same part is ignored (never opened)
    u = build_pack(src, tmp_path / "u.kbpack")
    with open_pack(u.path, trust=keys.trust, allow_unsigned=True) as vp:
        assert vp.index_dir is None and vp.index_note.startswith("ignored")


def test_cancel_writes_nothing(src: Path, tmp_path: Path) -> None:
    import threading

    from kbclient.core.errors import Cancelled

    ev = threading.Event()
    ev.set()
    with pytest.raises(Cancelled):
        build_pack(src, tmp_path / "c.kbpack", with_index=False, cancel=ev)
    assert not (tmp_path / "c.kbpack").exists()


def test_assets_differing_only_in_case_refused(
    make_source: MakeSource, tmp_path: Path, helpers: Any
) -> None:
    s = make_source({"d": helpers.doc_text("d")}, assets={"Fig.png": b"1", "fig.png": b"2"})
    with pytest.raises(PackBuildError, match="only in case"):
        build_pack(s, tmp_path / "x.kbpack", with_index=False)
