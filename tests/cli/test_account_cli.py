"""`kbclient login / logout / remote …` end to end, in a subprocess on a private data dir.

The keyring is chosen with PYTHON_KEYRING_BACKEND: keyring's fail backend for the "no
secure keyring" path everywhere, and the real Secret Service where one is reachable (always
in CI). A password always goes in on stdin and must never come out: not on stdout or stderr,
not in any file of the data dir.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
import uuid
from pathlib import Path

import keyring
import pytest

from kbclient.core.credentials import Credentials
from tests.cli.helpers import run_kbclient
from tests.keyring_backends import SECRET_SERVICE, require_secret_service

FAIL_BACKEND = "keyring.backends.fail.Keyring"
URL = "https://kb.example.org/remote"


@pytest.fixture
def fail_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FAIL_BACKEND)
    monkeypatch.delenv("KBCLIENT_PASSWORD", raising=False)


@pytest.fixture
def secret_service(monkeypatch: pytest.MonkeyPatch) -> None:
    require_secret_service()
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)  # what keyring picks itself
    monkeypatch.delenv("KBCLIENT_PASSWORD", raising=False)


def _password() -> str:
    return f"pw-{uuid.uuid4().hex}-密码"


def assert_never_leaked(secret: str, data_dir: Path, *runs: subprocess.CompletedProcess[str]):  # type: ignore[no-untyped-def]
    for done in runs:
        assert secret not in done.stdout
        assert secret not in done.stderr
    needle = secret.encode("utf-8")
    if data_dir.exists():
        for path in data_dir.rglob("*"):
            if path.is_file():
                assert needle not in path.read_bytes(), f"the password is in {path}"


def _last_error(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines and lines[-1].startswith("kbclient: error: ")
    return lines[-1].removeprefix("kbclient: error: ")


def _settings(data_dir: Path) -> dict:  # type: ignore[type-arg]
    return json.loads((data_dir / "settings.json").read_text("utf-8"))


# -- no secure keyring ----------------------------------------------------------------------
def test_login_without_secure_keyring_refuses_to_store(tmp_path: Path, fail_keyring: None) -> None:
    data, secret = tmp_path / "data", _password()
    done = run_kbclient(data, "login", URL, "--user", "alice", "--team", "risk", stdin=secret)
    message = _last_error(done)
    assert message == (
        f"no secure keyring is available (backend: {FAIL_BACKEND}); the password was not "
        "saved. Pass it per run with KBCLIENT_PASSWORD or on stdin to "
        "`kbclient sync --password-stdin`"
    )
    # the remote and user name are not secret: kept for per-run passwords
    remote = _settings(data)["remote"]
    assert (remote["url"], remote["user"], remote["team"]) == (URL, "alice", "risk")
    show = run_kbclient(data, "remote", "show", "--json")
    assert show.returncode == 0, show.stderr
    shown = json.loads(show.stdout)
    assert shown["keyring"] == {"backend": FAIL_BACKEND, "secure": False}
    assert shown["password"] == "none"
    out = run_kbclient(data, "logout", URL)
    assert out.returncode == 0, out.stderr
    assert "no secure keyring is available" in out.stdout
    assert_never_leaked(secret, data, done, show, out)


def test_plain_http_to_a_remote_host_is_refused(tmp_path: Path, fail_keyring: None) -> None:
    data, secret = tmp_path / "data", _password()
    for url in ("http://kb.example.org/dav", "http://10.1.2.3:8080"):
        done = run_kbclient(data, "login", url, "--user", "alice", stdin=secret)
        message = _last_error(done)
        assert message.startswith("refusing to send a password over plain http://")
        assert "use https://" in message
        assert_never_leaked(secret, data, done)
    assert not (data / "settings.json").exists()


def test_loopback_http_is_allowed_to_ask(tmp_path: Path, fail_keyring: None) -> None:
    # Gets past the http:// check and stops only at the missing secure keyring.
    done = run_kbclient(tmp_path / "d", "login", "http://127.0.0.1:8080/dav", "--user", "a")
    assert _last_error(done).startswith("no secure keyring is available")


def test_password_in_url_or_argv_is_refused_without_echo(tmp_path: Path) -> None:
    data, secret = tmp_path / "data", _password()
    done = run_kbclient(data, "login", f"https://alice:{secret}@kb.example.org", "--user", "a")
    assert _last_error(done) == (
        "the remote URL contains a user name or password: put the user name in --user; "
        "passwords are never part of a URL"
    )
    argv = run_kbclient(data, "login", URL, "--user", "alice", "--password", secret)
    assert argv.returncode == 2
    assert "never taken from the command line" in argv.stderr
    argv2 = run_kbclient(data, "login", URL, "--user", "alice", f"--password={secret}")
    assert argv2.returncode == 2
    assert_never_leaked(secret, data, done, argv, argv2)


def test_file_remote_needs_no_password(tmp_path: Path, fail_keyring: None) -> None:
    data, share = tmp_path / "data", tmp_path / "share"
    done = run_kbclient(data, "login", share.as_uri() + "/", "--user", "alice")
    assert done.returncode == 0, done.stderr
    assert "needs no password" in done.stdout
    assert _settings(data)["remote"]["url"] == share.as_uri()


def test_remote_set_show_clear(tmp_path: Path, fail_keyring: None) -> None:
    data = tmp_path / "data"
    bundle = tmp_path / "corp-ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n", "ascii")
    empty = run_kbclient(data, "remote", "show")
    assert empty.returncode == 0 and "(none: kbclient login URL --user NAME)" in empty.stdout
    done = run_kbclient(
        data,
        "remote",
        "set",
        "HTTPS://KB.Example.org/remote/",
        "--user",
        "li.wei@bank.cn",
        "--team",
        "standards-wg",
        "--ca-bundle",
        str(bundle),
    )
    assert done.returncode == 0, done.stderr
    assert f"remote saved: {URL}" in done.stdout
    show = run_kbclient(data, "remote", "show")
    assert show.returncode == 0, show.stderr
    for text in (URL, "li.wei@bank.cn", "standards-wg", str(bundle), "all packs", "NOT secure"):
        assert text in show.stdout
    # the same URL keeps what is not given again
    run_kbclient(data, "remote", "set", URL, "--team", "risk")
    remote = _settings(data)["remote"]
    assert (remote["user"], remote["team"], remote["ca_bundle"]) == (
        "li.wei@bank.cn",
        "risk",
        str(bundle),
    )
    # a different URL starts afresh
    run_kbclient(data, "remote", "set", "https://other.example.org")
    assert _settings(data)["remote"]["user"] == ""
    missing = run_kbclient(data, "remote", "set", URL, "--ca-bundle", str(tmp_path / "no.pem"))
    assert "no such CA bundle file" in _last_error(missing)
    cleared = run_kbclient(data, "remote", "clear")
    assert cleared.returncode == 0 and "remote cleared" in cleared.stdout
    assert _settings(data)["remote"] is None


def test_logout_needs_a_user_name(tmp_path: Path, fail_keyring: None) -> None:
    done = run_kbclient(tmp_path / "data", "logout", URL)
    assert "give it with --user NAME" in _last_error(done)


def test_corrupt_settings_is_one_line(tmp_path: Path, fail_keyring: None) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text("{ not json", "utf-8")
    done = run_kbclient(data, "remote", "show")
    assert "settings.json:1: the settings file is not valid JSON" in _last_error(done)


# -- the real Secret Service (required in CI) -------------------------------------------------
def test_login_sync_ready_and_logout_with_real_keyring(
    tmp_path: Path, secret_service: None
) -> None:
    data, secret = tmp_path / "data", _password()
    user = f"cli-{uuid.uuid4().hex[:10]}"
    backend = keyring.core.load_keyring(SECRET_SERVICE)
    try:
        login = run_kbclient(data, "login", URL + "/", "--user", user, stdin=secret + "\n")
        assert login.returncode == 0, login.stderr
        assert f"logged in: the password of {user} at {URL} is in the keyring" in login.stdout
        assert SECRET_SERVICE in login.stdout
        # really in the Secret Service, under the documented entry
        assert Credentials(backend=backend).get(URL, user) == secret
        assert _settings(data)["remote"] == {
            "url": URL,
            "user": user,
            "team": "",
            "ca_bundle": "",
            "subscriptions": [],
        }
        show = run_kbclient(data, "remote", "show", "--json")
        assert show.returncode == 0, show.stderr
        shown = json.loads(show.stdout)
        assert shown["keyring"] == {"backend": SECRET_SERVICE, "secure": True}
        assert shown["password"] == "keyring"
        text = run_kbclient(data, "remote", "show")
        assert "stored in the keyring" in text.stdout
        empty = run_kbclient(data, "login", URL, "--user", user, stdin="")
        assert _last_error(empty).startswith("no password given")
        logout = run_kbclient(data, "logout", URL)
        assert logout.returncode == 0, logout.stderr
        assert f"logged out: forgot the password of {user} at {URL}" in logout.stdout
        assert Credentials(backend=backend).get(URL, user) is None
        again = run_kbclient(data, "logout", URL, "--user", user)
        assert "nothing to forget" in again.stdout
        after = json.loads(run_kbclient(data, "remote", "show", "--json").stdout)
        assert after["password"] == "none"
        assert_never_leaked(secret, data, login, show, text, empty, logout, again)
    finally:
        Credentials(backend=backend).delete(URL, user)


def _run_on_a_terminal(data: Path, args: list[str], typed: str) -> tuple[int, str]:
    """Run kbclient with a pseudo-terminal as its controlling TTY; type `typed` at the prompt."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes kbclient
        os.execv(sys.executable, [sys.executable, "-m", "kbclient", "--data-dir", str(data), *args])
    output = b""
    typed_yet = False
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                output += chunk
            if not typed_yet and b"Password for" in output:
                os.write(fd, typed.encode("utf-8") + b"\n")
                typed_yet = True
        _, status = os.waitpid(pid, 0)
    finally:
        os.close(fd)
    return os.waitstatus_to_exitcode(status), output.decode("utf-8", "replace")


def test_login_at_a_terminal_prompts_without_echo(tmp_path: Path, secret_service: None) -> None:
    data, secret = tmp_path / "data", _password()
    user = f"tty-{uuid.uuid4().hex[:10]}"
    backend = keyring.core.load_keyring(SECRET_SERVICE)
    try:
        code, shown = _run_on_a_terminal(data, ["login", URL, "--user", user], secret)
        assert code == 0, shown
        assert f"Password for {user} at {URL}:" in shown
        assert secret not in shown  # getpass turned echo off
        assert Credentials(backend=backend).get(URL, user) == secret
    finally:
        Credentials(backend=backend).delete(URL, user)
    assert_never_leaked(secret, data)


def test_no_prompt_at_a_terminal_without_secure_keyring(tmp_path: Path, fail_keyring: None) -> None:
    code, shown = _run_on_a_terminal(tmp_path / "data", ["login", URL, "--user", "a"], "x")
    assert code == 1
    assert "Password for" not in shown  # refused before asking for anything
    assert "no secure keyring is available" in shown


def test_login_then_sync_never_leaks_the_password(tmp_path: Path, secret_service: None) -> None:
    """The issue's end-to-end check: `login` stores the password in the real Secret
    Service, `sync` takes it from there to a real WebDAV server with authentication; the
    password is then in no file of the data dir, no log, and no captured output."""
    from kbclient.core.packs import minisign
    from tests.servers import WsgiDav

    secret = "Pw-" + uuid.uuid4().hex
    user = f"sync-{uuid.uuid4().hex[:8]}"
    key = tmp_path / "keys" / "platform.key"
    key.parent.mkdir()
    minisign.write_key_pair(key)
    src = tmp_path / "src"
    src.mkdir()
    (src / "pack.json").write_text('{"pack": "alpha", "title": "Alpha", "version": 1}')
    (src / "alpha-1.md").write_text("---\nid: alpha-1\ntitle: 开放银行 API\n---\nAPI 安全\n")
    data, admin = tmp_path / "data", tmp_path / "admin"
    pack = tmp_path / "alpha-1.kbpack"
    with WsgiDav(tmp_path / "dav", user=user, password=secret, workdir=tmp_path / "w") as dav:
        runs = [
            run_kbclient(admin, "pack", "build", str(src), "-o", str(pack), "--sign", str(key)),
            run_kbclient(
                admin,
                "publish",
                str(pack),
                "--remote",
                dav.url,
                "--sign",
                str(key),
                "--user",
                user,
                "--password-stdin",
                stdin=secret + "\n",
            ),
            run_kbclient(data, "login", dav.url, "--user", user, stdin=secret + "\n"),
            run_kbclient(data, "trust", "add", str(key) + ".pub"),
            run_kbclient(data, "sync", "--json"),
            run_kbclient(data, "search", "开放银行", "--json"),
        ]
        for done in runs:
            assert done.returncode == 0, (done.args, done.stderr)
        assert json.loads(runs[4].stdout)["documents"]["added"] == 1
        assert json.loads(runs[5].stdout)["hits"][0]["id"] == "alpha-1"
        log = dav.log.read_bytes()
    try:
        assert_never_leaked(secret, data, *runs)
        assert secret.encode() not in log
        from kbclient.core.paths import default_log_dir

        for path in default_log_dir().rglob("*"):
            if path.is_file():
                assert secret.encode() not in path.read_bytes(), path
    finally:
        backend = keyring.core.load_keyring(SECRET_SERVICE)
        Credentials(backend=backend).delete(dav.url, user)
