"""Core settings: a typed, frozen dataclass kept as JSON in the data dir (never a secret).

The settings file (`DataPaths(root).settings`) holds the remote's URL, user name and team,
an extra CA bundle, the pack subscriptions and a few preferences. Passwords and tokens are
never part of it: no field can hold one (a remote URL with a user name or password in it is
refused), and `save_settings` checks what it writes. Secrets live only in the OS keyring
(`kbclient.core.credentials`).
"""

from __future__ import annotations

import ipaddress
import json
import logging
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from kbclient.core.errors import KbError

logger = logging.getLogger(__name__)

SETTINGS_FORMAT = 1
SCHEMES = ("https", "http", "file")
_DEFAULT_PORTS = {"https": 443, "http": 80}
# Names that must never appear as a key in the settings file (checked on every save).
_SECRET_KEY_RE = re.compile(r"pass|secret|token|credential|api[_-]?key", re.I)
# The same as kbclient.core.packs.manifest.PACK_ID_RE (a test keeps them equal); not
# imported, so that reading settings does not load the whole packs package.
PACK_ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}\Z")
_TEAM_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")
_LANG_RE = re.compile(r"[a-z]{2,3}(_[A-Z]{2}|_[A-Z][a-z]{3})?\Z")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
MAX_SYNC_INTERVAL = 7 * 24 * 60  # a week, in minutes
MAX_RESULTS_PER_PAGE = 1000


class ConfigError(KbError):
    """The settings file or a setting's value is invalid; the message never holds a secret."""


# -- remote URLs ---------------------------------------------------------------------------
def normalize_remote_url(url: str) -> str:
    """The canonical form of a remote URL, or ConfigError.

    Lower-case scheme and host, no default port, no trailing slash. Only https://, http://
    and file:// are allowed. A user name or password in the URL is refused — and the URL is
    then never repeated in the message, since it may hold a password.
    """
    if not isinstance(url, str) or not url.strip():
        raise ConfigError("the remote URL is empty")
    url = url.strip()
    if _CONTROL_RE.search(url) or any(c.isspace() for c in url):
        raise ConfigError("the remote URL contains spaces or control characters")
    try:
        parts = urlsplit(url)
    except ValueError:
        raise ConfigError("the remote URL is malformed") from None
    scheme = parts.scheme.lower()
    if "@" in parts.netloc:
        raise ConfigError(
            "the remote URL contains a user name or password: put the user name in --user; "
            "passwords are never part of a URL"
        )
    if not scheme:
        raise ConfigError("the remote URL has no scheme: start it with https://, http://, file://")
    if scheme not in SCHEMES:
        shown = f" ({scheme}:)" if scheme.isascii() and scheme.isalnum() else ""
        raise ConfigError(f"unsupported remote URL scheme{shown}: use https://, http:// or file://")
    if parts.query or parts.fragment or url.endswith(("?", "#")):
        raise ConfigError("a remote URL has no query (?…) or fragment (#…)")
    path = parts.path.rstrip("/")
    if scheme == "file":
        share = (parts.hostname or "").lower()
        if share == "localhost":
            share = ""
        if not path:
            raise ConfigError("a file:// remote URL needs a folder path, e.g. file:///mnt/kb")
        return urlunsplit(("file", share, path, "", ""))
    if not parts.hostname:
        raise ConfigError(f"the remote URL has no host name ({scheme}://HOST/…)")
    host = parts.hostname.lower()
    try:
        port = parts.port
    except ValueError:
        raise ConfigError("the remote URL has an invalid port") from None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    return urlunsplit((scheme, netloc, path, "", ""))


def is_loopback_url(url: str) -> bool:
    """True when the URL's host is this machine: localhost, 127.0.0.0/8 or ::1.

    Only literal addresses and the name `localhost` count; a name is never resolved (a DNS
    answer could point anywhere). file:// URLs are not network URLs: False.
    """
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
    except ValueError:
        return False
    if parts.scheme.lower() not in ("http", "https") or not host:
        return False
    host = host.lower()
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def may_send_password(url: str) -> bool:
    """Whether a password may travel to this remote: https://, or http:// to a loopback host."""
    scheme = urlsplit(url.strip()).scheme.lower()
    if scheme == "https":
        return True
    return scheme == "http" and is_loopback_url(url)


def check_user_name(user: str) -> str:
    """A user name as HTTP Basic/Digest auth and the keyring accept it, or ConfigError."""
    if not isinstance(user, str):
        raise ConfigError("the user name must be text")
    if user != user.strip():
        raise ConfigError("the user name starts or ends with a space")
    if len(user) > 256:
        raise ConfigError("the user name is longer than 256 characters")
    if _CONTROL_RE.search(user):
        raise ConfigError("the user name contains control characters")
    if ":" in user:
        raise ConfigError("the user name contains ':' (HTTP authentication forbids it)")
    if "/" in user or "\\" in user or user in (".", ".."):
        raise ConfigError("the user name contains '/' or '\\' or is '.' or '..'")
    return user


# -- settings --------------------------------------------------------------------------------
@dataclass(frozen=True)
class RemoteSettings:
    """The one remote this client syncs with. `url` is always normalised on creation."""

    url: str
    user: str = ""
    team: str = ""
    ca_bundle: str = ""  # path of an extra PEM bundle of CA certificates (corporate CAs)
    subscriptions: tuple[str, ...] = ()  # pack ids; empty = all packs

    def __post_init__(self) -> None:
        object.__setattr__(self, "url", normalize_remote_url(self.url))
        if self.user:
            check_user_name(self.user)
        if not isinstance(self.team, str) or (self.team and not _TEAM_RE.match(self.team)):
            raise ConfigError(
                "the team name must be 1-64 letters, digits, '.', '_' or '-' "
                "(starting with a letter or digit)"
            )
        if not isinstance(self.ca_bundle, str) or _CONTROL_RE.search(self.ca_bundle):
            raise ConfigError("the CA bundle must be a file path")
        subs = self.subscriptions
        if isinstance(subs, str) or not isinstance(subs, tuple | list):
            raise ConfigError("subscriptions must be a list of pack ids")
        for pack in subs:
            if not isinstance(pack, str) or not PACK_ID_RE.match(pack):
                raise ConfigError(f"not a pack id in subscriptions: {str(pack)[:70]!r}")
        object.__setattr__(self, "subscriptions", tuple(dict.fromkeys(subs)))

    def to_json(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "user": self.user,
            "team": self.team,
            "ca_bundle": self.ca_bundle,
            "subscriptions": list(self.subscriptions),
        }


@dataclass(frozen=True)
class Settings:
    """Every core setting with its default; the GUI's window state lives in QSettings."""

    remote: RemoteSettings | None = None
    sync_interval_minutes: int = 60  # automatic sync while online; 0 = off
    ui_language: str = ""  # "" = the system's; else e.g. "en" or "zh_CN"
    results_per_page: int = 50

    def __post_init__(self) -> None:
        if self.remote is not None and not isinstance(self.remote, RemoteSettings):
            raise ConfigError("remote must be RemoteSettings or None")
        _check_int("sync_interval_minutes", self.sync_interval_minutes, 0, MAX_SYNC_INTERVAL)
        _check_int("results_per_page", self.results_per_page, 1, MAX_RESULTS_PER_PAGE)
        if not isinstance(self.ui_language, str) or (
            self.ui_language and not _LANG_RE.match(self.ui_language)
        ):
            raise ConfigError("ui_language must be empty or a locale name such as en or zh_CN")

    def to_json(self) -> dict[str, Any]:
        return {
            "format": SETTINGS_FORMAT,
            "remote": self.remote.to_json() if self.remote is not None else None,
            "sync_interval_minutes": self.sync_interval_minutes,
            "ui_language": self.ui_language,
            "results_per_page": self.results_per_page,
        }


def _check_int(name: str, value: object, low: int, high: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ConfigError(f"{name} must be a whole number from {low} to {high}")


def load_settings(path: Path) -> Settings:
    """The settings in `path`; defaults when it does not exist; ConfigError naming the file
    (and the line or field) when it cannot be read or is invalid."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the settings file is not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the settings file ({exc.strerror})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(
            f"{path}:{exc.lineno}: the settings file is not valid JSON ({exc.msg}); "
            "fix or delete it"
        ) from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the settings file must hold a JSON object")
    fmt = data.get("format", SETTINGS_FORMAT)
    if fmt != SETTINGS_FORMAT:
        raise ConfigError(
            f"{path}: settings format {str(fmt)[:20]} is not supported "
            f"(this kbclient reads format {SETTINGS_FORMAT})"
        )
    try:
        return _settings_from_json(data)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def _settings_from_json(data: dict[str, Any]) -> Settings:
    known = {"format", "remote", "sync_interval_minutes", "ui_language", "results_per_page"}
    unknown = sorted(k for k in data if k not in known)
    if unknown:
        logger.info("ignoring unknown settings: %s", ", ".join(unknown))
    defaults = Settings()
    remote_data = data.get("remote")
    remote: RemoteSettings | None = None
    if remote_data is not None:
        if not isinstance(remote_data, dict):
            raise ConfigError("remote: must be an object or null")
        if not isinstance(remote_data.get("url"), str):
            raise ConfigError("remote.url: missing or not text")
        try:
            remote = RemoteSettings(
                url=remote_data["url"],
                user=remote_data.get("user", ""),
                team=remote_data.get("team", ""),
                ca_bundle=remote_data.get("ca_bundle", ""),
                subscriptions=remote_data.get("subscriptions", ()),
            )
        except ConfigError as exc:
            raise ConfigError(f"remote: {exc}") from None
    return Settings(
        remote=remote,
        sync_interval_minutes=data.get("sync_interval_minutes", defaults.sync_interval_minutes),
        ui_language=data.get("ui_language", defaults.ui_language),
        results_per_page=data.get("results_per_page", defaults.results_per_page),
    )


def _assert_no_secret_keys(value: Any, where: str = "") -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if _SECRET_KEY_RE.search(key):
                raise AssertionError(f"refusing to write a secret-like setting {where}{key}")
            _assert_no_secret_keys(item, f"{where}{key}.")


def save_settings(path: Path, settings: Settings) -> None:
    """Write `settings` atomically (temp file, fsync, os.replace; mode 0600) as JSON."""
    if not isinstance(settings, Settings):
        raise TypeError("save_settings needs a Settings")
    data = settings.to_json()
    _assert_no_secret_keys(data)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-settings-", suffix=".json")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot write the settings file ({exc.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ConfigError(f"{path}: cannot write the settings file ({exc.strerror})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
