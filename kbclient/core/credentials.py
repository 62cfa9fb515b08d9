"""Secrets in the OS keyring: the only module of kbclient that imports `keyring`.

One keyring entry per remote and user: service `kbclient`, entry name
`<user>@<normalised remote URL>`. A secret never goes to a file, a log line, an exception
message or a command line. Where the keyring has no secure backend (keyring's fail or null
backends, keyrings.alt's plaintext and encrypted files, any file-backed backend), nothing is
stored or read there: the caller may keep the secret for this session only, in memory.
Every failure of a backend call becomes a `CredentialError` whose message names the backend
and the reason but never holds the secret, and which does not chain the backend's exception.
"""

from __future__ import annotations

import logging
import os

import keyring
import keyring.backend
import keyring.errors
from keyring.backends import chainer, fail, null

from kbclient.core.config import check_user_name, may_send_password, normalize_remote_url
from kbclient.core.errors import CredentialError

logger = logging.getLogger(__name__)

SERVICE = "kbclient"
ENV_PASSWORD = "KBCLIENT_PASSWORD"
_MAX_DETAIL = 160


def password_from_env() -> str | None:
    """The password in `KBCLIENT_PASSWORD`, for scripts and CI; None when unset or empty.

    Risk: the environment of a process is readable by other processes of the same user
    (/proc/PID/environ), is inherited by every child process, and tends to end up in shell
    history and CI logs. Prefer the keyring, or a password piped on stdin.
    """
    value = os.environ.get(ENV_PASSWORD)
    return value if value else None


def entry_name(url: str, user: str) -> str:
    """The keyring entry's user name for a remote and a user: `user@normalised-url`."""
    if not user:
        raise CredentialError("a user name is needed to find a password in the keyring")
    return f"{check_user_name(user)}@{normalize_remote_url(url)}"


def backend_is_secure(backend: keyring.backend.KeyringBackend) -> bool:
    """False for backends that do not keep a secret safe: fail, null, keyrings.alt, files.

    A chainer is judged by its members: see `Credentials` (it uses the first secure one).
    """
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    cls = type(backend)
    module = cls.__module__ or ""
    if module == "keyrings.alt" or module.startswith("keyrings.alt."):
        return False
    # keyrings.alt's and keyrings.cryptfile's file backends (and any like them) keep the
    # secrets in a file of their own, plain or encrypted with a guessable or prompted key.
    if any("file_path" in vars(c) for c in cls.__mro__):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return any(backend_is_secure(m) for m in _chain_members(backend))
    return True


def _chain_members(backend: chainer.ChainerBackend) -> list[keyring.backend.KeyringBackend]:
    try:
        return list(backend.backends)
    except Exception:  # a member list that cannot even be read is not used
        logger.debug("cannot list the chainer's keyring backends", exc_info=False)
        return []


def _class_name(backend: keyring.backend.KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


class Credentials:
    """Passwords of remotes: in the OS keyring when it is secure, else for this session only.

    One instance holds the session store, so an app keeps one `Credentials` for its
    lifetime. `get` consults the session store first.
    """

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None) -> None:
        self._session: dict[str, str] = {}
        self._note = ""
        if backend is None:
            try:
                backend = keyring.get_keyring()
            except Exception as exc:  # e.g. a bad PYTHON_KEYRING_BACKEND
                # Fall back to the backend that stores nothing: safe, and reported plainly.
                self._note = f"the configured keyring could not be loaded: {type(exc).__name__}"
                backend = fail.Keyring()
        if isinstance(backend, chainer.ChainerBackend):
            # The chainer writes to its first member that takes the call and reads from all:
            # use its first secure member directly, so that a secret never reaches a
            # plaintext member and is never read back from one.
            secure = [m for m in _chain_members(backend) if backend_is_secure(m)]
            if secure:
                self._note = "chosen from keyring's chainer"
                backend = secure[0]
        self._backend = backend
        self._secure = backend_is_secure(backend)
        logger.debug("keyring backend %s (secure: %s)", self.backend_name(), self._secure)

    # -- what the backend is ------------------------------------------------------------
    def is_secure(self) -> bool:
        return self._secure

    def backend_name(self) -> str:
        name = _class_name(self._backend)
        return f"{name} ({self._note})" if self._note else name

    # -- the secrets ----------------------------------------------------------------------
    def get(self, url: str, user: str) -> str | None:
        """The password of `user` at remote `url`: session store first, then the keyring."""
        key = entry_name(url, user)
        if key in self._session:
            return self._session[key]
        if not self._secure:
            return None
        value, error = None, None
        try:
            value = self._backend.get_password(SERVICE, key)
        except Exception as exc:  # every backend failure becomes one type
            error = self._error("read the password of", key, exc, None)
        if error is not None:
            raise error  # raised outside the handler: the backend's exception is not chained
        if value is not None and not isinstance(value, str):
            raise CredentialError(
                f"the keyring ({self.backend_name()}) gave back something that is not text"
            )
        return value or None

    def set(self, url: str, user: str, secret: str, *, session_fallback: bool = False) -> None:
        """Store the password in the keyring. Without a secure keyring: CredentialError, or
        with `session_fallback` the session store (in memory, for this process only)."""
        key = self._check_new_secret(url, user, secret)
        if not self._secure:
            if session_fallback:
                self._session[key] = secret
                logger.info("keeping the password of %s for this session only", key)
                return
            raise CredentialError(
                f"no secure keyring is available (backend: {self.backend_name()}); "
                "the password was not saved"
            )
        error = None
        try:
            self._backend.set_password(SERVICE, key, secret)
        except Exception as exc:
            error = self._error("store the password of", key, exc, secret)
        if error is not None:
            raise error
        self._session.pop(key, None)
        logger.info("stored the password of %s in %s", key, self.backend_name())

    def set_for_session(self, url: str, user: str, secret: str) -> None:
        """Keep the password in memory for this process only (never written anywhere)."""
        key = self._check_new_secret(url, user, secret)
        self._session[key] = secret
        logger.info("keeping the password of %s for this session only", key)

    def delete(self, url: str, user: str) -> bool:
        """Forget the password (session store and keyring); True when one was there."""
        key = entry_name(url, user)
        found = self._session.pop(key, None) is not None
        if not self._secure:
            return found
        error = None
        try:
            self._backend.delete_password(SERVICE, key)
        except keyring.errors.PasswordDeleteError:
            return found  # nothing stored under that name
        except Exception as exc:
            error = self._error("delete the password of", key, exc, None)
        if error is not None:
            raise error
        logger.info("deleted the password of %s from %s", key, self.backend_name())
        return True

    # -- helpers --------------------------------------------------------------------------
    def _check_new_secret(self, url: str, user: str, secret: str) -> str:
        key = entry_name(url, user)
        if not isinstance(secret, str) or not secret:
            raise CredentialError("the password is empty")
        if "\x00" in secret:
            raise CredentialError("the password contains a NUL character")
        if not may_send_password(normalize_remote_url(url)):
            raise CredentialError(
                "a password is only kept for https:// remotes and http:// on this machine "
                "(localhost, 127.0.0.0/8, ::1); it would travel in clear text to this remote"
            )
        return key

    def _error(self, action: str, key: str, exc: Exception, secret: str | None) -> CredentialError:
        if isinstance(exc, keyring.errors.KeyringLocked):
            reason = "the keyring is locked; unlock it (log in to the desktop) and try again"
        elif isinstance(exc, keyring.errors.NoKeyringError):
            reason = "no keyring backend is available"
        elif isinstance(exc, keyring.errors.InitError):
            reason = "the keyring could not be opened"
        elif isinstance(exc, keyring.errors.PasswordSetError):
            reason = "the keyring refused to store it"
        else:
            reason = type(exc).__name__
        detail = _safe_detail(exc, secret)
        if detail:
            reason = f"{reason} ({detail})"
        logger.debug("keyring call failed: %s %s: %s", action, key, type(exc).__name__)
        return CredentialError(
            f"cannot {action} {key} with the keyring ({self.backend_name()}): {reason}"
        )


def _safe_detail(exc: Exception, secret: str | None) -> str:
    """The backend's own message, first line, shortened — or nothing if it could leak."""
    try:
        text = str(exc)
    except Exception:
        return ""
    if secret and _shares_part(text, secret):
        return ""
    line = text.strip().splitlines()[0] if text.strip() else ""
    if len(line) > _MAX_DETAIL:
        line = line[: _MAX_DETAIL - 1] + "…"
    return line


def _shares_part(text: str, secret: str) -> bool:
    """Whether `text` holds the secret or any 6-character piece of it (a cut-off echo)."""
    width = min(len(secret), 6)
    return any(secret[i : i + width] in text for i in range(len(secret) - width + 1))
