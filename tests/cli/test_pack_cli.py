"""`kbclient pack …` and `kbclient trust …` end to end, in a subprocess on a private data dir."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tests.cli.helpers import run_kbclient


def _doc(doc_id: str, body: str = "Body 正文.") -> str:
    return f"---\nid: {doc_id}\ntitle: Title {doc_id}\nupdated: 2024-02-01\n---\n# T\n\n{body}\n"


def _source(root: Path, docs: dict[str, str], version: int = 1) -> Path:
    root.mkdir()
    (root / "pack.json").write_text(
        json.dumps(
            {"pack": "cli-pack", "title": "CLI pack", "version": version, "publisher": "Tests"}
        )
    )
    for doc_id, body in docs.items():
        (root / f"{doc_id}.md").write_text(_doc(doc_id, body), "utf-8")
    return root


def _ok(done: object) -> None:
    assert done.returncode == 0, (done.stdout, done.stderr)  # type: ignore[attr-defined]


def _one_line_error(done: object) -> str:
    assert done.returncode != 0  # type: ignore[attr-defined]
    err = done.stderr.strip().splitlines()  # type: ignore[attr-defined]
    assert err and err[-1].startswith("kbclient: error: ")
    assert "Traceback" not in done.stderr  # type: ignore[attr-defined]
    return err[-1]


def test_keygen_and_trust(tmp_path: Path) -> None:
    data = tmp_path / "data"
    key = tmp_path / "keys" / "admin.key"
    key.parent.mkdir()
    done = run_kbclient(data, "pack", "keygen", "-o", str(key))
    _ok(done)
    assert key.stat().st_mode & 0o777 == 0o600
    pub = Path(str(key) + ".pub")
    assert pub.read_text().startswith("untrusted comment: ")
    assert "already exists" in _one_line_error(run_kbclient(data, "pack", "keygen", "-o", str(key)))

    _ok(run_kbclient(data, "trust", "add", str(pub)))
    other = pub.read_text().splitlines()[1]
    listed = json.loads(run_kbclient(data, "trust", "list", "--json").stdout)
    assert len(listed) == 1 and listed[0]["public_key"] == other
    key_id = listed[0]["key_id"]
    assert len(key_id) == 16 and len(listed[0]["fingerprint"]) == 64
    assert key_id in run_kbclient(data, "trust", "list").stdout
    _ok(run_kbclient(data, "trust", "remove", key_id))
    assert json.loads(run_kbclient(data, "trust", "list", "--json").stdout) == []
    assert "no trusted key" in _one_line_error(run_kbclient(data, "trust", "remove", key_id))
    _ok(run_kbclient(data, "trust", "add", other))  # the base64 form
    assert "neither" in _one_line_error(run_kbclient(data, "trust", "add", "nonsense"))


def test_build_verify_import_list_remove(tmp_path: Path) -> None:
    data = tmp_path / "data"
    key = tmp_path / "admin.key"
    _ok(run_kbclient(data, "pack", "keygen", "-o", str(key)))
    src = _source(tmp_path / "src", {"cli-a": "alpha quokkaword 监管沙盒", "cli-b": "beta"})
    pack = tmp_path / "cli-1.kbpack"
    _ok(
        run_kbclient(
            data, "pack", "build", str(src), "-o", str(pack), "--sign", str(key), "--no-index"
        )
    )

    # not trusted yet: verify and import fail with one line, nothing installed
    assert "not trusted" in _one_line_error(run_kbclient(data, "pack", "verify", str(pack)))
    bad = run_kbclient(data, "pack", "verify", str(pack), "--json")
    assert bad.returncode == 1 and json.loads(bad.stdout)["error_type"] == "SignatureError"
    assert "not trusted" in _one_line_error(run_kbclient(data, "pack", "import", str(pack)))

    _ok(run_kbclient(data, "trust", "add", str(key) + ".pub"))
    done = run_kbclient(data, "pack", "verify", str(pack), "--json")
    _ok(done)
    rep = json.loads(done.stdout)
    assert rep["ok"] and rep["verified"] and rep["pack"] == "cli-pack" and rep["version"] == 1
    assert rep["files_checked"] == 2
    text = run_kbclient(data, "pack", "verify", str(pack)).stdout
    assert "cli-pack v1" in text and "trusted" in text

    _ok(run_kbclient(data, "pack", "import", str(pack)))
    packs = {p["pack"]: p for p in json.loads(run_kbclient(data, "pack", "list", "--json").stdout)}
    assert packs["cli-pack"]["verified"] and packs["cli-pack"]["documents"] == 2
    hits = json.loads(run_kbclient(data, "search", "quokkaword", "--json").stdout)["hits"]
    assert [h["id"] for h in hits] == ["cli-a"]

    _ok(run_kbclient(data, "pack", "remove", "cli-pack"))
    packs = {p["pack"] for p in json.loads(run_kbclient(data, "pack", "list", "--json").stdout)}
    assert "cli-pack" not in packs
    assert "no pack" in _one_line_error(run_kbclient(data, "pack", "remove", "cli-pack"))


def test_tampered_pack_fails_verify(tmp_path: Path) -> None:
    data = tmp_path / "data"
    key = tmp_path / "k"
    _ok(run_kbclient(data, "pack", "keygen", "-o", str(key)))
    _ok(run_kbclient(data, "trust", "add", str(key) + ".pub"))
    src = _source(tmp_path / "src", {"t-1": "original"})
    pack = tmp_path / "p.kbpack"
    _ok(
        run_kbclient(
            data, "pack", "build", str(src), "-o", str(pack), "--sign", str(key), "--no-index"
        )
    )
    tampered = tmp_path / "t.kbpack"
    with zipfile.ZipFile(pack) as zin, zipfile.ZipFile(tampered, "w") as zout:
        for info in zin.infolist():
            data_ = zin.read(info)
            if info.filename == "docs/t-1.md":
                data_ = data_.replace(b"original", b"evil!!!!")
            zout.writestr(info, data_)
    msg = _one_line_error(run_kbclient(data, "pack", "verify", str(tampered)))
    assert "docs/t-1.md" in msg and "sha256" in msg


def test_unsigned_import_and_build_errors(tmp_path: Path) -> None:
    data = tmp_path / "data"
    src = _source(tmp_path / "src", {"u-1": "x"})
    pack = tmp_path / "u.kbpack"
    _ok(run_kbclient(data, "pack", "build", str(src), "-o", str(pack), "--no-index"))
    assert "not signed" in _one_line_error(run_kbclient(data, "pack", "import", str(pack)))
    _ok(run_kbclient(data, "pack", "import", str(pack), "--allow-unsigned"))
    assert "UNVERIFIED" in run_kbclient(data, "pack", "list").stdout

    broken = _source(tmp_path / "broken", {"ok-1": "fine"})
    (broken / "bad.md").write_text("---\nid: bad\ntitle: [\n---\n")
    (broken / "worse.md").write_text("no front matter\n")
    out = tmp_path / "never.kbpack"
    done = run_kbclient(data, "pack", "build", str(broken), "-o", str(out))
    assert "2 problems" in _one_line_error(done)
    assert "bad.md" in done.stderr and "worse.md" in done.stderr
    assert not out.exists()
