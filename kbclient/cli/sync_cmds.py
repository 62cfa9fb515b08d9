"""`sync`, `subscribe`, `unsubscribe` and `publish` subcommands over `kbclient.core.sync`.

The remote and user name come from the settings (`kbclient login`) or `--remote/--user`;
the password from `--password-stdin` (one line), else `KBCLIENT_PASSWORD`, else the OS
keyring — never from the command line.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from kbclient.cli.context import CliContext, stderr_progress
from kbclient.core.config import (
    ConfigError,
    RemoteSettings,
    load_settings,
    normalize_remote_url,
    save_settings,
)
from kbclient.core.credentials import Credentials, password_from_env
from kbclient.core.errors import CredentialError
from kbclient.core.packs import minisign
from kbclient.core.packs.manifest import PACK_ID_RE
from kbclient.core.packs.trust import TrustStore
from kbclient.core.paths import DataPaths
from kbclient.core.sync.engine import SyncEngine, SyncReport
from kbclient.core.sync.publish import publish
from kbclient.core.sync.remote import open_remote
from kbclient.core.sync.team import share_team_annotations


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    s = sub.add_parser("sync", help="update the library from the remote")
    s.add_argument("--remote", metavar="URL", help="remote URL (default: from `login`)")
    s.add_argument("--user", metavar="NAME", help="user name (default: from `login`)")
    s.add_argument("--json", action="store_true", help="print one JSON object")
    s.add_argument(
        "--password-stdin", action="store_true", help="read the password as one line of stdin"
    )
    s.set_defaults(handler=cmd_sync)

    a = sub.add_parser("subscribe", help="sync this pack (default: every pack)")
    a.add_argument("pack", metavar="PACK")
    a.set_defaults(handler=cmd_subscribe)
    u = sub.add_parser("unsubscribe", help="stop syncing this pack")
    u.add_argument("pack", metavar="PACK")
    u.set_defaults(handler=cmd_unsubscribe)

    p = sub.add_parser("publish", help="upload signed packs and re-sign the remote's catalog")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--remote", metavar="URL", required=True)
    p.add_argument("--sign", type=Path, metavar="KEYFILE", help="minisign secret key")
    p.add_argument("--user", metavar="NAME")
    p.add_argument("--password-stdin", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_publish)


def _settings_remote(ctx: CliContext) -> RemoteSettings | None:
    return load_settings(DataPaths(ctx.root).settings).remote


def _password(args: argparse.Namespace, url: str, user: str) -> str | None:
    if args.password_stdin:
        line = sys.stdin.readline().removesuffix("\n").removesuffix("\r")
        if not line:
            raise CredentialError("--password-stdin: no password on stdin")
        return line
    env = password_from_env()
    if env is not None:
        return env
    if not user or url.startswith("file:"):
        return None
    return Credentials().get(url, user)


def _open(args: argparse.Namespace, ctx: CliContext, url_arg: str | None) -> Any:
    saved = _settings_remote(ctx)
    if url_arg:
        url = normalize_remote_url(url_arg)
    elif saved is not None:
        url = saved.url
    else:
        raise ConfigError("no remote: run `kbclient login URL --user NAME` or pass --remote URL")
    same = saved is not None and saved.url == url
    user = args.user or (saved.user if same and saved else "")
    ca = Path(saved.ca_bundle) if same and saved and saved.ca_bundle else None
    password = _password(args, url, user)
    auth = (user, password) if user and password is not None else None
    subs = tuple(saved.subscriptions) if same and saved else ()
    return open_remote(url, auth=auth, ca_bundle=ca), subs


def _print_report(report: SyncReport, as_json: bool, notes: dict[str, Any] | None = None) -> None:
    if as_json:
        out = report.to_json()
        if notes is not None:
            out["annotations"] = notes
        print(json.dumps(out, ensure_ascii=False))
        return
    if notes is not None:
        if "error" in notes:
            print(f"annotations not shared: {notes['error']}", file=sys.stderr)
        else:
            own = "uploaded" if notes["uploaded"] else "unchanged"
            print(
                f"annotations: {len(notes['fetched'])} teammate file(s) fetched, "
                f"{notes['merged']} merged, own file {own}"
            )
    if report.not_modified:
        print(f"up to date ({report.requests} request, {report.duration * 1000:.0f} ms)")
        return
    for p in report.packs_updated:
        was = f"v{p.from_version}" if p.from_version is not None else "new"
        print(f"{p.pack}: {was} → v{p.to_version} ({p.via}, {p.bytes} bytes)")
    if not report.packs_updated:
        print("up to date")
    for m in report.missing:
        print(f"warning: subscribed pack {m} is not on the remote", file=sys.stderr)
    print(
        f"{len(report.documents_added)} added, {len(report.documents_changed)} changed, "
        f"{len(report.documents_removed)} removed; {report.bytes_transferred} bytes in "
        f"{report.requests} requests, {report.duration:.2f} s"
    )


def cmd_sync(args: argparse.Namespace, ctx: CliContext) -> int:
    remote, subs = _open(args, ctx, args.remote)
    with remote:
        kb = ctx.kb()
        engine = SyncEngine(remote, kb, subscriptions=subs or None)
        report = engine.sync(progress=stderr_progress("downloading"))
        notes = _sync_annotations(remote, ctx, remote_arg=args.remote)
    _print_report(report, args.json, notes)
    return 0


def _sync_annotations(
    remote: Any, ctx: CliContext, *, remote_arg: str | None
) -> dict[str, Any] | None:
    """Share the team's annotations over the account's remote (see core/sync/team.py)."""
    saved = _settings_remote(ctx)
    if saved is None:
        return None
    if remote_arg and normalize_remote_url(remote_arg) != saved.url:
        return None  # another remote than the account's: its team folder is not ours
    outcome = share_team_annotations(remote, ctx.root, team=saved.team, user=saved.user)
    if outcome is None:
        return None
    if outcome.report is None:
        return {"error": outcome.error}
    done = outcome.report
    return {
        "fetched": list(done.fetched),
        "merged": done.merged,
        "uploaded": done.uploaded,
        "conflicts": len(done.conflicts),
        "problems": list(done.problems),
    }


def _edit_subscriptions(ctx: CliContext, pack: str, add: bool) -> int:
    if not PACK_ID_RE.fullmatch(pack):
        raise ConfigError(f"not a pack id: {pack!r}")
    path = DataPaths(ctx.root).settings
    settings = load_settings(path)
    if settings.remote is None:
        raise ConfigError("no remote yet: run `kbclient login URL --user NAME` first")
    subs = list(settings.remote.subscriptions)
    if add:
        if pack not in subs:
            subs.append(pack)
    else:
        if not subs:  # "all packs": keep every installed one except this
            subs = [p.id for p in ctx.kb().packs() if p.id not in ("builtin", pack)]
            if not subs:
                raise ConfigError(
                    "subscriptions are 'every pack' and no other pack is installed: "
                    "subscribe to the packs you want instead"
                )
        elif pack in subs:
            subs.remove(pack)
        else:
            print(f"not subscribed to {pack}")
            return 0
    remote = replace(settings.remote, subscriptions=tuple(sorted(subs)))
    save_settings(path, replace(settings, remote=remote))
    shown = ", ".join(remote.subscriptions) or "every pack"
    print(f"subscriptions: {shown}")
    return 0


def cmd_subscribe(args: argparse.Namespace, ctx: CliContext) -> int:
    return _edit_subscriptions(ctx, args.pack, True)


def cmd_unsubscribe(args: argparse.Namespace, ctx: CliContext) -> int:
    return _edit_subscriptions(ctx, args.pack, False)


def cmd_publish(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.sign is None:
        raise ConfigError("publish needs --sign KEYFILE: the remote's catalog is signed")
    key = minisign.SecretKey.load(
        args.sign, lambda: getpass.getpass("Password for the secret key: ")
    )
    remote, _subs = _open(args, ctx, args.remote)
    with remote:
        report = publish(
            args.files, remote, sign_key=key, trust=TrustStore(DataPaths(ctx.root).trust)
        )
    if args.json:
        print(
            json.dumps(
                {
                    "remote": report.remote,
                    "serial": report.serial,
                    "attempts": report.attempts,
                    "bytes": report.bytes_sent,
                    "requests": report.requests,
                    "packs": [
                        {"pack": p.pack, "version": p.version, "base": p.base, "path": p.path}
                        for p in report.packs
                    ],
                }
            )
        )
    else:
        for p in report.packs:
            print(f"published {p.path}")
        print(f"catalog serial {report.serial} ({report.attempts} attempt(s))")
    return 0
