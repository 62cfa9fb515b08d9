"""`login`, `logout` and `remote` subcommands: the remote's settings and its password.

A password is read from the terminal (getpass) or, when stdin is not a terminal, as one
line from stdin — never from the command line. It goes only to the OS keyring through
`kbclient.core.credentials`; the URL, user name and team go to the settings file.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kbclient.cli.context import CliContext
from kbclient.core.config import (
    ConfigError,
    RemoteSettings,
    Settings,
    check_user_name,
    load_settings,
    may_send_password,
    normalize_remote_url,
    save_settings,
)
from kbclient.core.credentials import ENV_PASSWORD, Credentials, password_from_env
from kbclient.core.errors import CredentialError
from kbclient.core.paths import DataPaths

NO_SECURE_KEYRING = (
    "no secure keyring is available (backend: {backend}); the password was not saved. "
    "Pass it per run with KBCLIENT_PASSWORD or on stdin to `kbclient sync --password-stdin`"
)


class _RefuseSecretArgument(argparse.Action):
    """`--password VALUE` is refused without repeating the value (argparse would echo it)."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        parser.error(
            "a password is never taken from the command line (it would show in the process "
            "list and the shell history): type it at the prompt or pipe it on stdin"
        )


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "login",
        help="store the password of a remote in the OS keyring and make it the remote",
        description="Reads the password at a prompt, or one line from stdin when stdin is "
        "not a terminal, and keeps it in the OS keyring. Nothing is checked over the network.",
    )
    p.add_argument("url", metavar="URL", help="https://…, http://localhost…, or file:///…")
    p.add_argument("--user", required=True, metavar="NAME", help="user name on the remote")
    p.add_argument("--team", metavar="TEAM", help="team whose annotations you share")
    p.add_argument("--password", nargs="?", action=_RefuseSecretArgument, help=argparse.SUPPRESS)
    p.set_defaults(handler=cmd_login)

    p = sub.add_parser("logout", help="forget the stored password of a remote")
    p.add_argument("url", metavar="URL")
    p.add_argument("--user", metavar="NAME", help="default: the user name saved for URL")
    p.set_defaults(handler=cmd_logout)

    p = sub.add_parser("remote", help="show or change the remote's settings (no password)")
    rsub = p.add_subparsers(dest="remote_command", metavar="ACTION", required=True)
    s = rsub.add_parser("show", help="print the remote's settings; never a password")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    s.set_defaults(handler=cmd_remote_show)
    s = rsub.add_parser("set", help="set the remote without a password (public or file://)")
    s.add_argument("url", metavar="URL")
    s.add_argument("--user", metavar="NAME")
    s.add_argument("--team", metavar="TEAM")
    s.add_argument("--ca-bundle", type=Path, metavar="PEM", help="extra CA certificates")
    s.set_defaults(handler=cmd_remote_set)
    s = rsub.add_parser("clear", help="forget the remote's settings (see also logout)")
    s.set_defaults(handler=cmd_remote_clear)


# -- helpers ------------------------------------------------------------------------------
def read_password(prompt: str) -> str:
    """The password typed at a hidden prompt, or one line of stdin when it is not a TTY."""
    stdin = sys.stdin
    if stdin is not None and stdin.isatty():
        try:
            secret = getpass.getpass(prompt)
        except EOFError:
            secret = ""
    else:
        line = stdin.readline() if stdin is not None else ""
        secret = line.removesuffix("\n").removesuffix("\r")
    if not secret:
        raise CredentialError("no password given: type it at the prompt, or pipe one line on stdin")
    return secret


def _settings_path(ctx: CliContext) -> Path:
    return DataPaths(ctx.root).settings


def _with_remote(
    settings: Settings,
    url: str,
    *,
    user: str | None = None,
    team: str | None = None,
    ca_bundle: str | None = None,
) -> Settings:
    """`settings` with the remote `url`; a new URL starts afresh, the same URL is updated."""
    old = settings.remote
    if old is not None and old.url == url:
        remote = replace(
            old,
            user=old.user if user is None else user,
            team=old.team if team is None else team,
            ca_bundle=old.ca_bundle if ca_bundle is None else ca_bundle,
        )
    else:
        remote = RemoteSettings(
            url=url, user=user or "", team=team or "", ca_bundle=ca_bundle or ""
        )
    return replace(settings, remote=remote)


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


# -- commands -----------------------------------------------------------------------------
def cmd_login(args: argparse.Namespace, ctx: CliContext) -> int:
    url = normalize_remote_url(args.url)
    user = check_user_name(args.user)
    if not user:
        raise ConfigError("the user name is empty")
    path = _settings_path(ctx)
    settings = load_settings(path)
    if url.startswith("file:"):
        save_settings(path, _with_remote(settings, url, user=user, team=args.team))
        print(f"remote saved: {url} (a file:// remote needs no password; none was asked)")
        return 0
    if not may_send_password(url):
        raise ConfigError(
            f"refusing to send a password over plain http:// to {_host(url)}: use https:// "
            "(http:// is allowed only to this machine: localhost, 127.0.0.0/8, ::1)"
        )
    creds = Credentials()
    if not creds.is_secure():
        # The remote and user name are not secret: keep them, so that a per-run password
        # (KBCLIENT_PASSWORD, --password-stdin) is all that `sync` still needs.
        save_settings(path, _with_remote(settings, url, user=user, team=args.team))
        print(f"remote saved: {url} (user {user})")
        raise CredentialError(NO_SECURE_KEYRING.format(backend=creds.backend_name()))
    secret = read_password(f"Password for {user} at {url}: ")
    creds.set(url, user, secret)
    del secret
    save_settings(path, _with_remote(settings, url, user=user, team=args.team))
    print(f"logged in: the password of {user} at {url} is in the keyring")
    print(f"  keyring: {creds.backend_name()}; nothing was checked over the network")
    return 0


def cmd_logout(args: argparse.Namespace, ctx: CliContext) -> int:
    url = normalize_remote_url(args.url)
    user = args.user
    if not user:
        remote = load_settings(_settings_path(ctx)).remote
        if remote is None or remote.url != url or not remote.user:
            raise ConfigError(f"no user name is saved for {url}: give it with --user NAME")
        user = remote.user
    creds = Credentials()
    if not creds.is_secure():
        creds.delete(url, user)
        print(
            f"no secure keyring is available (backend: {creds.backend_name()}); "
            f"no password of {user} at {url} was stored there"
        )
        return 0
    if creds.delete(url, user):
        print(f"logged out: forgot the password of {user} at {url}")
    else:
        print(f"no password of {user} at {url} was stored; nothing to forget")
    return 0


def _password_status(remote: RemoteSettings | None, creds: Credentials) -> tuple[str, str]:
    """(code, text) for where the remote's password would come from; never the password."""
    if remote is None or not remote.user:
        return "none", "no user name set"
    if remote.url.startswith("file:"):
        return "none", "not needed (file:// remote)"
    if password_from_env() is not None:
        return "environment", f"from {ENV_PASSWORD} (this run only)"
    if not creds.is_secure():
        return "none", "not stored: no secure keyring is available"
    try:
        stored = creds.get(remote.url, remote.user) is not None
    except CredentialError as exc:
        return "unknown", f"unknown: {exc}"
    if stored:
        return "keyring", "stored in the keyring"
    return "none", "not stored (kbclient login)"


def cmd_remote_show(args: argparse.Namespace, ctx: CliContext) -> int:
    path = _settings_path(ctx)
    settings = load_settings(path)
    remote = settings.remote
    creds = Credentials()
    code, text = _password_status(remote, creds)
    if args.json:
        obj: dict[str, Any] = {
            "settings_file": str(path),
            **settings.to_json(),
            "keyring": {"backend": creds.backend_name(), "secure": creds.is_secure()},
            "password": code,
        }
        obj.pop("format", None)
        json.dump(obj, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    rows: list[tuple[str, str]] = []
    if remote is None:
        rows.append(("remote", "(none: kbclient login URL --user NAME)"))
    else:
        rows += [
            ("remote", remote.url),
            ("user", remote.user or "(none)"),
            ("team", remote.team or "(none)"),
            ("CA bundle", remote.ca_bundle or "(system certificates only)"),
            ("subscriptions", ", ".join(remote.subscriptions) or "all packs"),
            ("password", text),
        ]
    secure = "secure" if creds.is_secure() else "NOT secure: passwords are not stored"
    rows += [
        ("keyring", f"{creds.backend_name()} ({secure})"),
        (
            "sync interval",
            f"{settings.sync_interval_minutes} min" if settings.sync_interval_minutes else "off",
        ),
        ("settings file", str(path)),
    ]
    for name, value in rows:
        print(f"{name + ':':<15}{value}")
    return 0


def cmd_remote_set(args: argparse.Namespace, ctx: CliContext) -> int:
    url = normalize_remote_url(args.url)
    ca_bundle: str | None = None
    if args.ca_bundle is not None:
        bundle = args.ca_bundle.expanduser().resolve()
        if not bundle.is_file():
            raise ConfigError(f"{args.ca_bundle}: no such CA bundle file")
        ca_bundle = str(bundle)
    path = _settings_path(ctx)
    settings = _with_remote(
        load_settings(path), url, user=args.user, team=args.team, ca_bundle=ca_bundle
    )
    save_settings(path, settings)
    print(f"remote saved: {url}")
    return 0


def cmd_remote_clear(args: argparse.Namespace, ctx: CliContext) -> int:
    path = _settings_path(ctx)
    settings = load_settings(path)
    if settings.remote is None:
        print("no remote was set")
        return 0
    old = settings.remote
    save_settings(path, replace(settings, remote=None))
    print(f"remote cleared: {old.url}")
    if old.user and not old.url.startswith("file:"):
        print(f"  a stored password stays in the keyring until: kbclient logout {old.url}")
    return 0
