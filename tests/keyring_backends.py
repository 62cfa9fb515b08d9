"""Keyring backends for tests, and the check that a real Secret Service is reachable.

Any `KeyringBackend` subclass registers itself with keyring when defined, so each has
`priority = -1` (never chosen on its own) and is installed explicitly: passed to
`Credentials(backend=...)` or set with `keyring.set_keyring(...)` in a fixture that puts the
previous backend back afterwards.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringLocked, PasswordDeleteError

SECRET_SERVICE = "keyring.backends.SecretService.Keyring"


class MemoryKeyring(KeyringBackend):
    """A secure-looking keyring that keeps entries in a dict (one instance per test)."""

    priority = -1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.entries.pop((service, username), None) is None:
            raise PasswordDeleteError("no such password")


class FailingKeyring(KeyringBackend):
    """Raises on every call; the message echoes what it was given, secret included, so that
    tests can check that nothing of it reaches a CredentialError."""

    priority = -1  # type: ignore[assignment]

    def __init__(self, exc_type: type[Exception] = RuntimeError) -> None:
        super().__init__()
        self.exc_type = exc_type

    def get_password(self, service: str, username: str) -> str | None:
        raise self.exc_type(f"cannot read {service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise self.exc_type(f"cannot store {service}/{username}={password}")

    def delete_password(self, service: str, username: str) -> None:
        raise self.exc_type(f"cannot delete {service}/{username}")


class LockedKeyring(FailingKeyring):
    """Like a Secret Service whose collection stays locked (the prompt was dismissed)."""

    def __init__(self) -> None:
        super().__init__(KeyringLocked)


class PlaintextFileKeyring(KeyringBackend):
    """Stands for keyrings.alt's PlaintextKeyring: secrets in a file of its own."""

    priority = -1  # type: ignore[assignment]

    def __init__(self, file_path: Path | None = None) -> None:
        super().__init__()
        self._path = file_path

    @property
    def file_path(self) -> str:
        return str(self._path)

    def get_password(self, service: str, username: str) -> str | None:
        raise AssertionError("an insecure backend must never be read")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise AssertionError("an insecure backend must never be written")

    def delete_password(self, service: str, username: str) -> None:
        raise AssertionError("an insecure backend must never be asked to delete")


def env_without_keyring_override() -> dict[str, str]:
    """This process's environment without a forced keyring backend or password."""
    drop = {"PYTHON_KEYRING_BACKEND", "KBCLIENT_PASSWORD", "KBCLIENT_DATA_DIR"}
    return {k: v for k, v in os.environ.items() if k not in drop}


def default_backend_in_subprocess() -> str:
    """The backend keyring picks on its own in a fresh interpreter (dotted class name)."""
    code = (
        "import keyring; b = keyring.get_keyring(); "
        "print(type(b).__module__ + '.' + type(b).__qualname__)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=60,
        env=env_without_keyring_override(),
    )
    return done.stdout.strip() if done.returncode == 0 else f"(failed: {done.stderr.strip()})"


def require_secret_service() -> None:
    """Return when keyring picks a reachable Secret Service; else skip — or, in CI, fail.

    CI (.ci/run) runs the tests inside `dbus-run-session` with an unlocked gnome-keyring, so
    there a missing Secret Service is a broken set-up, not a reason to skip.
    """
    problem = ""
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        problem = "no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)"
    else:
        picked = default_backend_in_subprocess()
        if picked != SECRET_SERVICE:
            problem = f"keyring picks {picked}, not {SECRET_SERVICE}"
    if not problem:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI must provide a real Secret Service (see .ci/run): {problem}")
    pytest.skip(
        f"{problem}; run inside dbus-run-session with an unlocked gnome-keyring "
        "(see docs/CREDENTIALS.md)"
    )
