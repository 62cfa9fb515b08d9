"""Credentials: the keyring boundary — round trips, insecure backends, session fallback, errors
that never carry the secret, and a real Secret Service (required in CI)."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import traceback
import uuid
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backends import chainer, fail, null

from kbclient.core import credentials as credentials_module
from kbclient.core.config import ConfigError
from kbclient.core.credentials import (
    ENV_PASSWORD,
    SERVICE,
    Credentials,
    backend_is_secure,
    entry_name,
    password_from_env,
)
from kbclient.core.errors import CredentialError, KbError
from tests.keyring_backends import (
    SECRET_SERVICE,
    FailingKeyring,
    LockedKeyring,
    MemoryKeyring,
    PlaintextFileKeyring,
    require_secret_service,
)

URL = "https://kb.example.org/remote"
SECRET = "Tr0ub4dor&3-密码-" + "x" * 8


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A MemoryKeyring as keyring's current backend, the previous one restored after."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


# -- round trips ----------------------------------------------------------------------------
def test_default_backend_is_keyrings_current(memory_keyring: MemoryKeyring) -> None:
    creds = Credentials()
    assert creds.is_secure()
    assert creds.backend_name() == "tests.keyring_backends.MemoryKeyring"
    assert creds.get(URL, "alice") is None
    creds.set(URL, "alice", SECRET)
    assert memory_keyring.entries == {(SERVICE, "alice@https://kb.example.org/remote"): SECRET}
    assert creds.get(URL, "alice") == SECRET
    assert Credentials().get(URL, "alice") == SECRET  # another instance, same keyring


def test_entries_are_per_remote_and_user() -> None:
    backend = MemoryKeyring()
    creds = Credentials(backend=backend)
    creds.set(URL, "alice", "a-secret")
    creds.set(URL, "bob", "b-secret")
    creds.set("https://other.example.org", "alice", "c-secret")
    # the same remote, spelled differently, is the same entry
    assert creds.get("HTTPS://KB.Example.org:443/remote/", "alice") == "a-secret"
    assert creds.get(URL, "bob") == "b-secret"
    assert creds.get("https://other.example.org/", "alice") == "c-secret"
    assert creds.get(URL, "carol") is None
    assert creds.delete(URL, "alice") is True
    assert creds.delete(URL, "alice") is False
    assert creds.get(URL, "alice") is None
    assert creds.get(URL, "bob") == "b-secret"
    creds.set(URL, "bob", "b-new")  # replacing is allowed
    assert creds.get(URL, "bob") == "b-new"
    assert len(backend.entries) == 2


def test_entry_name() -> None:
    assert entry_name("HTTPS://KB.example.org/x/", "li.wei@bank.cn") == (
        "li.wei@bank.cn@https://kb.example.org/x"
    )
    with pytest.raises(CredentialError, match="user name is needed"):
        entry_name(URL, "")
    with pytest.raises(ConfigError, match="passwords are never part of a URL"):
        entry_name("https://alice:pw@kb.example.org", "alice")


def test_bad_secrets_and_remotes_are_refused() -> None:
    backend = MemoryKeyring()
    creds = Credentials(backend=backend)
    with pytest.raises(CredentialError, match="empty"):
        creds.set(URL, "alice", "")
    with pytest.raises(CredentialError, match="NUL"):
        creds.set(URL, "alice", "a\x00b")
    for url in ("http://kb.example.org", "http://192.168.0.2:8080", "file:///mnt/kb"):
        with pytest.raises(CredentialError, match="clear text") as info:
            creds.set(url, "alice", SECRET)
        assert SECRET not in str(info.value)
        with pytest.raises(CredentialError, match="clear text"):
            creds.set_for_session(url, "alice", SECRET)
    creds.set("http://127.0.0.1:8080/dav", "alice", SECRET)  # loopback http is fine
    creds.set("http://[::1]:8080/dav", "alice", SECRET)
    creds.set("http://localhost/dav", "alice", SECRET)
    assert len(backend.entries) == 3


# -- insecure backends ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "backend",
    [fail.Keyring(), null.Keyring(), PlaintextFileKeyring(Path("/tmp/x.cfg"))],
    ids=["fail", "null", "plaintext-file"],
)
def test_insecure_backends_are_never_used(backend: keyring.backend.KeyringBackend) -> None:
    assert not backend_is_secure(backend)
    creds = Credentials(backend=backend)
    assert not creds.is_secure()
    with pytest.raises(CredentialError) as info:
        creds.set(URL, "alice", SECRET)
    message = str(info.value)
    assert message.startswith("no secure keyring is available (backend: ")
    assert type(backend).__qualname__ in message
    assert "the password was not saved" in message
    assert SECRET not in message
    # nothing is read from or deleted in an insecure backend (PlaintextFileKeyring asserts)
    assert creds.get(URL, "alice") is None
    assert creds.delete(URL, "alice") is False


def test_keyrings_alt_modules_are_insecure() -> None:
    for module in ("keyrings.alt.file", "keyrings.alt.Windows", "keyrings.alt"):
        cls = type("PlaintextKeyring", (MemoryKeyring,), {"__module__": module})
        assert not backend_is_secure(cls())
    assert backend_is_secure(MemoryKeyring())


def test_chainer_uses_its_first_secure_member(monkeypatch: pytest.MonkeyPatch) -> None:
    plain, memory = PlaintextFileKeyring(), MemoryKeyring()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [plain, memory])
    creds = Credentials(backend=chainer.ChainerBackend())
    assert creds.is_secure()
    assert creds.backend_name() == (
        "tests.keyring_backends.MemoryKeyring (chosen from keyring's chainer)"
    )
    creds.set(URL, "alice", SECRET)
    assert creds.get(URL, "alice") == SECRET
    assert list(memory.entries.values()) == [SECRET]


def test_chainer_with_no_secure_member_is_insecure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [PlaintextFileKeyring()])
    backend = chainer.ChainerBackend()
    assert not backend_is_secure(backend)
    assert not Credentials(backend=backend).is_secure()
    monkeypatch.setattr(chainer.ChainerBackend, "backends", [])
    assert not Credentials(backend=chainer.ChainerBackend()).is_secure()


def test_unloadable_configured_backend_falls_back_to_nothing_stored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken() -> keyring.backend.KeyringBackend:
        raise ModuleNotFoundError("No module named 'nonexistent'")

    monkeypatch.setattr(keyring, "get_keyring", broken)
    creds = Credentials()
    assert not creds.is_secure()
    assert "keyring.backends.fail.Keyring" in creds.backend_name()
    assert "could not be loaded: ModuleNotFoundError" in creds.backend_name()


# -- session-only fallback ------------------------------------------------------------------
def test_session_fallback_when_insecure() -> None:
    creds = Credentials(backend=fail.Keyring())
    creds.set(URL, "alice", SECRET, session_fallback=True)
    assert creds.get(URL, "alice") == SECRET
    assert Credentials(backend=fail.Keyring()).get(URL, "alice") is None  # memory only
    assert creds.delete(URL, "alice") is True
    assert creds.get(URL, "alice") is None
    creds.set_for_session(URL, "alice", SECRET)
    assert creds.get(URL.upper().replace("/REMOTE", "/remote"), "alice") == SECRET


def test_session_store_is_consulted_first() -> None:
    backend = MemoryKeyring()
    creds = Credentials(backend=backend)
    creds.set(URL, "alice", "stored")
    creds.set_for_session(URL, "alice", "typed-this-session")
    assert creds.get(URL, "alice") == "typed-this-session"
    assert list(backend.entries.values()) == ["stored"]  # the session one is not written
    creds.set(URL, "alice", "stored-again")  # storing replaces the session's copy
    assert creds.get(URL, "alice") == "stored-again"
    creds.set_for_session(URL, "alice", "again")
    assert creds.delete(URL, "alice") is True
    assert creds.get(URL, "alice") is None and backend.entries == {}


# -- errors never carry the secret ----------------------------------------------------------
class FakeDBusError(Exception):
    """Like jeepney's DBusErrorResponse: a name and a message from the bus."""


@pytest.mark.parametrize(
    ("exc_type", "reason"),
    [
        (RuntimeError, "RuntimeError"),
        (OSError, "OSError"),
        (FakeDBusError, "FakeDBusError"),
        (keyring.errors.KeyringError, "KeyringError"),
        (keyring.errors.NoKeyringError, "no keyring backend is available"),
        (keyring.errors.PasswordSetError, "refused to store"),
        (keyring.errors.InitError, "could not be opened"),
        (keyring.errors.KeyringLocked, "locked"),
    ],
)
def test_every_backend_error_becomes_a_safe_credential_error(
    exc_type: type[Exception], reason: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    creds = Credentials(backend=FailingKeyring(exc_type))
    calls = [
        lambda: creds.set(URL, "alice", SECRET),
        lambda: creds.get(URL, "alice"),
        lambda: creds.delete(URL, "alice"),
    ]
    for call in calls:
        with pytest.raises(CredentialError) as info:
            call()
        err = info.value
        message = str(err)
        assert isinstance(err, KbError)
        assert reason in message
        assert "FailingKeyring" in message  # names the backend
        assert "alice@https://kb.example.org/remote" in message  # and the entry
        assert "\n" not in message
        assert err.__cause__ is None and err.__context__ is None  # nothing chained
        rendered = "".join(traceback.format_exception(err))
        for piece in (SECRET, SECRET[:6], SECRET[-6:]):
            assert piece not in message
            assert piece not in rendered
    assert SECRET not in caplog.text


def test_backend_detail_is_kept_when_it_is_safe() -> None:
    creds = Credentials(backend=FailingKeyring(RuntimeError))
    with pytest.raises(CredentialError, match=r"cannot read kbclient/alice@"):
        creds.get(URL, "alice")
    with pytest.raises(CredentialError) as info:
        creds.set(URL, "alice", SECRET)  # its message echoes the secret: dropped
    assert str(info.value).endswith(": RuntimeError")


def test_locked_keyring_message() -> None:
    with pytest.raises(CredentialError, match="the keyring is locked; unlock it"):
        Credentials(backend=LockedKeyring()).get(URL, "alice")


def test_non_text_from_backend_is_an_error() -> None:
    backend = MemoryKeyring()
    backend.entries[(SERVICE, entry_name(URL, "alice"))] = b"bytes"  # type: ignore[assignment]
    with pytest.raises(CredentialError, match="not text"):
        Credentials(backend=backend).get(URL, "alice")


def test_secret_never_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    creds = Credentials(backend=MemoryKeyring())
    creds.set(URL, "alice", SECRET)
    creds.get(URL, "alice")
    creds.set_for_session(URL, "bob", SECRET)
    creds.delete(URL, "alice")
    Credentials(backend=fail.Keyring()).set(URL, "c", SECRET, session_fallback=True)
    assert caplog.records  # something was logged...
    assert SECRET not in caplog.text  # ...but never the secret
    assert SECRET not in repr(creds)


# -- the environment ------------------------------------------------------------------------
def test_password_from_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV_PASSWORD, raising=False)
    assert password_from_env() is None
    monkeypatch.setenv(ENV_PASSWORD, "")
    assert password_from_env() is None
    monkeypatch.setenv(ENV_PASSWORD, SECRET)
    assert password_from_env() == SECRET


def test_only_credentials_module_imports_keyring() -> None:
    package = Path(credentials_module.__file__).resolve().parents[1]
    pattern = re.compile(r"^\s*(import keyring|from keyring\b)", re.M)
    importers = sorted(
        str(p.relative_to(package.parent))
        for p in package.rglob("*.py")
        if pattern.search(p.read_text("utf-8"))
    )
    assert importers == ["kbclient/core/credentials.py"]


# -- a real Secret Service ------------------------------------------------------------------
def test_real_secret_service_round_trip() -> None:
    """Store, read back and delete through the Secret Service keyring picks on its own.

    Skipped locally without a session bus; in CI (`CI` set) a missing one is a failure.
    """
    require_secret_service()
    backend = keyring.core.load_keyring(SECRET_SERVICE)
    creds = Credentials(backend=backend)
    assert creds.is_secure()
    assert creds.backend_name() == SECRET_SERVICE
    user = f"test-{uuid.uuid4().hex[:12]}"
    secret = f"real-{uuid.uuid4().hex}-密码"
    try:
        assert creds.get(URL, user) is None
        creds.set(URL, user, secret)
        assert (
            Credentials(backend=keyring.core.load_keyring(SECRET_SERVICE)).get(URL + "/", user)
            == secret
        )
        tool = shutil.which("secret-tool")
        if tool:  # independent check that it really sits in the Secret Service
            done = subprocess.run(
                [tool, "lookup", "service", SERVICE, "username", entry_name(URL, user)],
                capture_output=True,
                text=True,
                timeout=30,
            )
            assert done.returncode == 0 and done.stdout.rstrip("\n") == secret
        creds.set(URL, user, secret + "-changed")
        assert creds.get(URL, user) == secret + "-changed"
    finally:
        deleted = creds.delete(URL, user)
    assert deleted is True
    assert creds.get(URL, user) is None
    assert creds.delete(URL, user) is False
