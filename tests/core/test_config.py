"""Settings: defaults, round trip, atomic save, clear errors, and no room for a secret."""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path

import pytest

from kbclient.core import config
from kbclient.core.config import (
    ConfigError,
    RemoteSettings,
    Settings,
    is_loopback_url,
    load_settings,
    may_send_password,
    normalize_remote_url,
    save_settings,
)
from kbclient.core.errors import KbError
from kbclient.core.paths import DataPaths


# -- normalize_remote_url -------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://kb.example.org", "https://kb.example.org"),
        ("https://kb.example.org/", "https://kb.example.org"),
        ("HTTPS://KB.Example.ORG/Remote/KB//", "https://kb.example.org/Remote/KB"),
        ("https://kb.example.org:443/kb/", "https://kb.example.org/kb"),
        ("https://kb.example.org:8443/kb", "https://kb.example.org:8443/kb"),
        ("http://127.0.0.1:8080/dav/", "http://127.0.0.1:8080/dav"),
        ("http://localhost:80/", "http://localhost"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
        ("  https://kb.example.org  ", "https://kb.example.org"),
        ("file:///mnt/share/kb/", "file:///mnt/share/kb"),
        ("file://localhost/mnt/kb", "file:///mnt/kb"),
        ("FILE://Server/share", "file://server/share"),
    ],
)
def test_normalize_remote_url(url: str, expected: str) -> None:
    assert normalize_remote_url(url) == expected
    assert normalize_remote_url(expected) == expected  # idempotent


@pytest.mark.parametrize(
    "url",
    [
        "https://alice:hunter2@kb.example.org/",
        "https://alice@kb.example.org/",
        "http://:hunter2@127.0.0.1/",
        "https://alice:hunter2@[::1]:8443/",
    ],
)
def test_userinfo_is_refused_and_never_repeated(url: str) -> None:
    with pytest.raises(ConfigError) as info:
        normalize_remote_url(url)
    message = str(info.value)
    assert "put the user name in --user; passwords are never part of a URL" in message
    assert "hunter2" not in message and "alice" not in message
    assert isinstance(info.value, KbError)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("", "empty"),
        ("ftp://kb.example.org", "scheme"),
        ("kb.example.org", "scheme"),
        ("javascript:alert(1)", "scheme"),
        ("https://", "host"),
        ("https://kb.example.org/?token=abc", "query"),
        ("https://kb.example.org/#x", "fragment"),
        ("https://kb.example.org:99999/", "port"),
        ("https://kb.example.org/a b", "spaces"),
        ("https://kb.example.org/\x00", "control"),
        ("file://", "folder"),
    ],
)
def test_bad_remote_urls(url: str, reason: str) -> None:
    with pytest.raises(ConfigError, match=reason):
        normalize_remote_url(url)


def test_query_value_is_not_repeated() -> None:
    with pytest.raises(ConfigError) as info:
        normalize_remote_url("https://kb.example.org/?password=hunter2")
    assert "hunter2" not in str(info.value)


# -- loopback -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:8080/", True),
        ("http://127.8.9.10/", True),
        ("http://[::1]:9000/dav", True),
        ("http://localhost/", True),
        ("http://LOCALHOST:1234", True),
        ("https://127.0.0.1/", True),
        ("http://[::ffff:127.0.0.1]/", True),
        ("http://128.0.0.1/", False),
        ("http://10.0.0.1/", False),
        ("http://[::2]/", False),
        ("http://localhost.example.org/", False),
        ("http://127.0.0.1.nip.io/", False),
        ("http://localhostx/", False),
        ("http://0.0.0.0/", False),
        ("file:///tmp/x", False),
        ("not a url", False),
    ],
)
def test_is_loopback_url(url: str, loopback: bool) -> None:
    assert is_loopback_url(url) is loopback


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://kb.example.org", True),
        ("http://127.0.0.1:8080", True),
        ("http://localhost", True),
        ("http://kb.example.org", False),
        ("http://192.168.1.10", False),
        ("file:///mnt/kb", False),
    ],
)
def test_may_send_password(url: str, allowed: bool) -> None:
    assert may_send_password(url) is allowed


# -- the dataclasses ------------------------------------------------------------------------
def test_defaults() -> None:
    s = Settings()
    assert s.remote is None
    assert s.sync_interval_minutes == 60
    assert s.ui_language == ""
    assert s.results_per_page == 50
    r = RemoteSettings(url="https://kb.example.org/")
    assert (r.url, r.user, r.team, r.ca_bundle, r.subscriptions) == (
        "https://kb.example.org",
        "",
        "",
        "",
        (),
    )


def test_remote_settings_normalise_and_validate() -> None:
    r = RemoteSettings(url="HTTPS://KB.example.org/", subscriptions=["a", "b", "a"])  # type: ignore[arg-type]
    assert r.url == "https://kb.example.org"
    assert r.subscriptions == ("a", "b")
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.url = "https://other"  # type: ignore[misc]
    with pytest.raises(ConfigError, match="passwords are never part of a URL"):
        RemoteSettings(url="https://u:p@kb.example.org")
    with pytest.raises(ConfigError, match="team"):
        RemoteSettings(url="https://kb.example.org", team="../etc")
    with pytest.raises(ConfigError, match="':'"):
        RemoteSettings(url="https://kb.example.org", user="alice:secret")
    with pytest.raises(ConfigError, match="pack id"):
        RemoteSettings(url="https://kb.example.org", subscriptions=("Bad Pack",))
    with pytest.raises(ConfigError, match="list of pack ids"):
        RemoteSettings(url="https://kb.example.org", subscriptions="standards")  # type: ignore[arg-type]
    # e-mail addresses are common user names
    assert RemoteSettings(url="https://kb.example.org", user="li.wei@bank.cn").user


@pytest.mark.parametrize(
    "kwargs",
    [
        {"sync_interval_minutes": -1},
        {"sync_interval_minutes": 10**6},
        {"sync_interval_minutes": True},
        {"sync_interval_minutes": "60"},
        {"results_per_page": 0},
        {"ui_language": "en; rm -rf"},
    ],
)
def test_settings_validate(kwargs: dict[str, object]) -> None:
    with pytest.raises(ConfigError):
        Settings(**kwargs)  # type: ignore[arg-type]


def test_no_field_can_hold_a_secret() -> None:
    secretish = re.compile(r"pass|secret|token|credential|key", re.I)
    for cls in (Settings, RemoteSettings):
        for f in dataclasses.fields(cls):
            assert not secretish.search(f.name), f"{cls.__name__}.{f.name}"
    # The one free-form field that could carry one, the URL, refuses userinfo (above); and
    # the writer refuses any secret-like key even if a field were added by mistake.
    with pytest.raises(AssertionError, match="secret-like"):
        config._assert_no_secret_keys({"remote": {"password": "x"}})


def test_pack_id_pattern_matches_the_manifests() -> None:
    from kbclient.core.packs.manifest import PACK_ID_RE

    assert config.PACK_ID_RE.pattern == PACK_ID_RE.pattern


# -- load / save ----------------------------------------------------------------------------
def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "nope" / "settings.json") == Settings()


def test_round_trip(tmp_path: Path) -> None:
    path = DataPaths(tmp_path / "data").settings
    s = Settings(
        remote=RemoteSettings(
            url="https://kb.example.org/kb",
            user="李伟",
            team="risk-team",
            ca_bundle="/etc/ssl/corp.pem",
            subscriptions=("standards", "talent"),
        ),
        sync_interval_minutes=15,
        ui_language="zh_CN",
        results_per_page=20,
    )
    save_settings(path, s)
    assert load_settings(path) == s
    data = json.loads(path.read_text("utf-8"))
    assert data["format"] == 1
    assert data["remote"]["user"] == "李伟"  # kept readable, not \u-escaped
    assert "李伟" in path.read_text("utf-8")
    if os.name == "posix":
        assert path.stat().st_mode & 0o077 == 0
    assert [p.name for p in path.parent.iterdir()] == ["settings.json"]  # no temp left


def test_save_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "settings.json"
    old = Settings(results_per_page=10)
    save_settings(path, old)

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(config.os, "replace", broken_replace)
    with pytest.raises(ConfigError, match="cannot write the settings file"):
        save_settings(path, Settings(results_per_page=99))
    monkeypatch.undo()
    assert load_settings(path) == old
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_corrupt_json_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{\n  "results_per_page": 5,\n  oops\n}\n', "utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    assert f"{path}:3:" in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (b"\xff\xfe garbage", "not UTF-8"),
        (b"[1, 2]", "JSON object"),
        (b'{"format": 7}', "format 7"),
        (b'{"results_per_page": "many"}', "results_per_page"),
        (b'{"remote": "https://x"}', "remote"),
        (b'{"remote": {"user": "a"}}', "remote.url"),
        (b'{"remote": {"url": "https://a:hunter2@x.org"}}', "passwords are never"),
        (b'{"remote": {"url": "https://x.org", "subscriptions": [1]}}', "pack id"),
    ],
)
def test_invalid_file_is_a_clear_error(tmp_path: Path, content: bytes, where: str) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    with pytest.raises(ConfigError) as info:
        load_settings(path)
    message = str(info.value)
    assert message.startswith(str(path))
    assert where in message
    assert "hunter2" not in message


def test_unknown_keys_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"format": 1, "future_option": True, "results_per_page": 7}))
    assert load_settings(path) == Settings(results_per_page=7)


def test_unreadable_path_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.mkdir()
    with pytest.raises(ConfigError, match="cannot read the settings file"):
        load_settings(path)
