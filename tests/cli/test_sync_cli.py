"""`kbclient sync / subscribe / unsubscribe / publish` end to end against WsgiDAV on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kbclient.core.config import RemoteSettings, Settings, load_settings, save_settings
from kbclient.core.packs import minisign
from kbclient.core.paths import DataPaths
from tests.servers import WsgiDav

PASSWORD = "Pw-9f3c1e77-unique"


def run(
    data: Path, *args: str, stdin: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("KBCLIENT_")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "kbclient", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=120,
        input=stdin,
        env=full_env,
        cwd=Path(__file__).resolve().parents[2],
    )


def _src(root: Path, pack: str, version: int, n: int) -> Path:
    root.mkdir(parents=True)
    (root / "pack.json").write_text(json.dumps({"pack": pack, "title": pack, "version": version}))
    for i in range(n):
        (root / f"{pack}-{i}.md").write_text(
            f"---\nid: {pack}-{i}\ntitle: Doc {i}\n---\n# Doc {i}\n\nText {i} 正文。\n", "utf-8"
        )
    return root


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[WsgiDav, Path, Path, Path]]:
    key_file = tmp_path / "keys" / "pub.key"
    key_file.parent.mkdir()
    minisign.write_key_pair(key_file)
    data = tmp_path / "data"
    with WsgiDav(tmp_path / "dav", password=PASSWORD, workdir=tmp_path / "davwork") as dav:
        yield dav, data, key_file, tmp_path


def _ok(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 0, (done.stdout, done.stderr)


def test_publish_sync_and_no_secret_anywhere(setup: tuple[WsgiDav, Path, Path, Path]) -> None:
    dav, data, key_file, tmp = setup
    outputs: list[str] = []

    def step(*args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
        done = run(data, *args, stdin=stdin, **env)
        outputs.extend([done.stdout, done.stderr])
        _ok(done)
        return done

    pack = tmp / "alpha-1.kbpack"
    step(
        "pack",
        "build",
        str(_src(tmp / "src", "alpha", 1, 3)),
        "-o",
        str(pack),
        "--sign",
        str(key_file),
        "--no-index",
    )
    step(
        "publish",
        str(pack),
        "--remote",
        dav.url,
        "--sign",
        str(key_file),
        "--user",
        dav.user,
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    step("trust", "add", str(key_file) + ".pub")
    done = step(
        "sync", "--remote", dav.url, "--user", dav.user, "--json", KBCLIENT_PASSWORD=PASSWORD
    )
    report = json.loads(done.stdout)
    assert report["documents"] == {"added": 3, "changed": 0, "removed": 0}
    assert report["packs_updated"][0]["pack"] == "alpha"
    assert report["requests"] == 3 and report["bytes"] > 0 and report["duration"] >= 0
    done = step(
        "sync", "--remote", dav.url, "--user", dav.user, "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert "0 added" in done.stdout or "up to date" in done.stdout

    wrong = run(
        data,
        "sync",
        "--remote",
        dav.url,
        "--user",
        dav.user,
        KBCLIENT_PASSWORD="nope-" + PASSWORD[::-1],
    )
    assert wrong.returncode == 1
    assert (
        wrong.stderr.strip()
        .splitlines()[-1]
        .startswith("kbclient: error: wrong user name or password")
    )
    outputs.extend([wrong.stdout, wrong.stderr])

    for text in outputs:
        assert PASSWORD not in text
    for p in [*data.rglob("*"), dav.log]:
        if p.is_file():
            assert PASSWORD.encode() not in p.read_bytes(), p


def test_subscribe_and_unsubscribe(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    none = run(data, "subscribe", "alpha")
    assert none.returncode == 1 and "no remote" in none.stderr
    settings = DataPaths(data).settings
    save_settings(settings, Settings(remote=RemoteSettings(url="https://kb.example.org", user="u")))
    _ok(run(data, "subscribe", "alpha"))
    _ok(run(data, "subscribe", "beta"))
    assert load_settings(settings).remote.subscriptions == ("alpha", "beta")  # type: ignore[union-attr]
    _ok(run(data, "unsubscribe", "alpha"))
    assert load_settings(settings).remote.subscriptions == ("beta",)  # type: ignore[union-attr]
    bad = run(data, "subscribe", "../x")
    assert bad.returncode == 1 and "not a pack id" in bad.stderr


def test_sync_without_remote_is_one_line_error(tmp_path: Path) -> None:
    done = run(tmp_path / "data", "sync")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "kbclient: error: no remote: run `kbclient login URL --user NAME` or pass --remote URL"
    ]


def test_sync_from_a_folder(setup: tuple[WsgiDav, Path, Path, Path]) -> None:
    _dav, data, key_file, tmp = setup
    folder = tmp / "share"
    folder.mkdir()
    pack = tmp / "beta-1.kbpack"
    _ok(
        run(
            data,
            "pack",
            "build",
            str(_src(tmp / "src", "beta", 1, 2)),
            "-o",
            str(pack),
            "--sign",
            str(key_file),
            "--no-index",
        )
    )
    _ok(run(data, "publish", str(pack), "--remote", folder.as_uri(), "--sign", str(key_file)))
    _ok(run(data, "trust", "add", str(key_file) + ".pub"))
    done = run(data, "sync", "--remote", folder.as_uri(), "--json")
    _ok(done)
    assert json.loads(done.stdout)["documents"]["added"] == 2


def test_sync_shares_team_annotations(setup: tuple[WsgiDav, Path, Path, Path]) -> None:
    """One member on two machines (the test server has one account): a note made on one
    machine reaches the other through `sync`, by way of the team folder on the server."""
    dav, _data, key_file, tmp = setup
    pack = tmp / "alpha-1.kbpack"
    first = tmp / "wang"
    _ok(
        run(
            first,
            "pack",
            "build",
            str(_src(tmp / "src", "alpha", 1, 2)),
            "-o",
            str(pack),
            "--sign",
            str(key_file),
            "--no-index",
        )
    )
    _ok(
        run(
            first,
            "publish",
            str(pack),
            "--remote",
            dav.url,
            "--sign",
            str(key_file),
            "--user",
            dav.user,
            KBCLIENT_PASSWORD=PASSWORD,
        )
    )
    for data in (first, tmp / "li"):
        _ok(run(data, "remote", "set", dav.url, "--user", dav.user, "--team", "legal"))
        settings = DataPaths(data).settings
        current = json.loads(settings.read_text(encoding="utf-8"))
        assert current["remote"]["team"] == "legal"
        _ok(run(data, "trust", "add", str(key_file) + ".pub"))
        _ok(run(data, "sync", KBCLIENT_PASSWORD=PASSWORD))
    _ok(run(first, "annotate", "alpha-0", "--quote", "Text 0", "--note", "check clause 0"))
    report = json.loads(run(first, "sync", "--json", KBCLIENT_PASSWORD=PASSWORD).stdout)
    assert report["annotations"]["uploaded"] is True
    second = tmp / "li"
    done = run(second, "sync", "--json", KBCLIENT_PASSWORD=PASSWORD)
    _ok(done)
    assert json.loads(done.stdout)["annotations"]["fetched"]
    listed = json.loads(run(second, "annotations", "list", "alpha-0", "--json").stdout)
    assert [a["note"] for a in listed["annotations"]] == ["check clause 0"]
