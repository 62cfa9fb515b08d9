"""`pack` and `trust` subcommands: build, sign, verify, import and manage content packs."""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from kbclient.cli.context import CliContext, stderr_progress
from kbclient.core.errors import KbError, SignatureError
from kbclient.core.packs import minisign
from kbclient.core.packs.build import PackBuildError, build_pack
from kbclient.core.packs.importer import import_pack, verify_pack_file
from kbclient.core.packs.trust import TrustStore
from kbclient.core.packs.verify import VerifyReport
from kbclient.core.paths import DataPaths


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("pack", help="build, verify, import and manage content packs")
    psub = p.add_subparsers(dest="pack_command", metavar="ACTION", required=True)

    k = psub.add_parser("keygen", help="create a signing key pair (KEYFILE and KEYFILE.pub)")
    k.add_argument("-o", "--output", type=Path, required=True, metavar="KEYFILE")
    k.add_argument(
        "--password",
        action="store_true",
        help="protect the secret key with a password (asked at a prompt, never an argument)",
    )
    k.set_defaults(handler=cmd_keygen)

    b = psub.add_parser("build", help="build a pack from a folder of Markdown documents")
    b.add_argument("src_dir", type=Path, metavar="SRC_DIR")
    b.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")
    b.add_argument("--sign", type=Path, metavar="KEYFILE", help="minisign secret key")
    b.add_argument("--base", type=Path, metavar="OLD.kbpack", help="build a delta on this pack")
    b.add_argument("--no-index", action="store_true", help="leave out the prebuilt index")
    b.add_argument("--pack-id", help="pack id (default: from SRC_DIR/pack.json)")
    b.add_argument("--title", help="pack title (default: from pack.json)")
    b.add_argument("--version", type=int, help="pack version (default: from pack.json)")
    b.add_argument("--publisher", help="publisher (default: from pack.json)")
    b.set_defaults(handler=cmd_build)

    v = psub.add_parser("verify", help="check a pack and report what importing would change")
    v.add_argument("file", type=Path, metavar="FILE")
    v.add_argument(
        "--allow-unsigned",
        action="store_true",
        help="report an unsigned or untrusted pack instead of failing",
    )
    v.add_argument("--json", action="store_true", help="print one JSON object")
    v.set_defaults(handler=cmd_verify)

    i = psub.add_parser("import", help="verify and install a pack")
    i.add_argument("file", type=Path, metavar="FILE")
    i.add_argument(
        "--allow-unsigned",
        action="store_true",
        help="install even if unsigned or signed by an untrusted key (unverified)",
    )
    i.add_argument("--force", action="store_true", help="allow installing an older version")
    i.add_argument("--json", action="store_true", help="print one JSON object")
    i.set_defaults(handler=cmd_import)

    ls = psub.add_parser("list", help="list installed packs")
    ls.add_argument("--json", action="store_true", help="print a JSON list")
    ls.set_defaults(handler=cmd_list)

    r = psub.add_parser("remove", help="remove an installed pack")
    r.add_argument("pack_id", metavar="PACK_ID")
    r.set_defaults(handler=cmd_remove)

    t = sub.add_parser("trust", help="manage trusted publisher keys")
    tsub = t.add_subparsers(dest="trust_command", metavar="ACTION", required=True)
    ta = tsub.add_parser("add", help="trust a minisign public key (.pub file or base64)")
    ta.add_argument("pubkey", metavar="PUBKEY")
    ta.set_defaults(handler=cmd_trust_add)
    tl = tsub.add_parser("list", help="list trusted keys")
    tl.add_argument("--json", action="store_true", help="print a JSON list")
    tl.set_defaults(handler=cmd_trust_list)
    tr = tsub.add_parser("remove", help="stop trusting a key")
    tr.add_argument("key_id", metavar="KEY_ID")
    tr.set_defaults(handler=cmd_trust_remove)


def _print_json(obj: Any) -> None:
    json.dump(obj, sys.stdout, ensure_ascii=False, indent=None)
    sys.stdout.write("\n")


def _trust(ctx: CliContext) -> TrustStore:
    return TrustStore(DataPaths(ctx.root).trust)


def _ask_password() -> str:
    return getpass.getpass("Password for the secret key: ")


def _human(n: int) -> str:
    size = float(n)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"  # pragma: no cover


# -- pack ------------------------------------------------------------------------------
def cmd_keygen(args: argparse.Namespace, ctx: CliContext) -> int:
    password = None
    if args.password:
        password = getpass.getpass("Password for the new secret key: ")
        if password != getpass.getpass("The same password again: "):
            raise SignatureError("the two passwords differ; no key written")
    secret, public = minisign.write_key_pair(args.output, password=password)
    key = minisign.PublicKey.load(public)
    print(f"secret key: {secret} (keep it secret)")
    print(f"public key: {public}")
    print(f"key id:      {key.key_id_hex}")
    print(f"fingerprint: {key.fingerprint_grouped}")
    print(f"members trust it with: kbclient trust add {key.to_base64()}")
    return 0


def cmd_build(args: argparse.Namespace, ctx: CliContext) -> int:
    key = minisign.SecretKey.load(args.sign, _ask_password) if args.sign else None
    try:
        result = build_pack(
            args.src_dir,
            args.output,
            sign_key=key,
            base=args.base,
            pack_id=args.pack_id,
            title=args.title,
            version=args.version,
            publisher=args.publisher,
            with_index=not args.no_index,
            progress=stderr_progress("building"),
        )
    except PackBuildError as exc:
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        raise
    m = result.manifest
    kind = f"delta on v{m.base}" if m.base is not None else "full"
    print(
        f"wrote {result.path}: pack {m.pack} v{m.version} ({kind}), "
        f"{result.documents} documents, {len(result.delta_removed)} removed, "
        f"index {'included' if result.with_index else 'not included'}, "
        f"{'signed by ' + result.signed_by if result.signed_by else 'UNSIGNED'}"
    )
    return 0


def _print_report(r: VerifyReport) -> None:
    print(
        f"pack:        {r.pack} v{r.version}"
        + (f" (delta on v{r.base})" if r.base is not None else "")
    )
    if r.title:
        print(f"title:       {r.title}")
    print(f"publisher:   {r.publisher or '-'}")
    print(f"created:     {r.created or '-'}")
    print(f"key id:      {r.key_id or '-'} ({'trusted' if r.trusted else 'NOT trusted'})")
    print(f"signature:   {'valid' if r.signature_valid else 'NOT verified'} ({r.signature_note})")
    print(f"files:       {r.files_checked} checked ({r.documents} documents, {r.assets} assets)")
    print(f"index:       {r.index}")
    installed = f"v{r.installed_version}" if r.installed_version is not None else "not installed"
    print(f"installed:   {installed}")
    print(
        f"changes:     {len(r.added)} added, {len(r.changed)} changed, "
        f"{len(r.removed)} removed, {r.unchanged} unchanged"
    )
    print(f"disk needed: {_human(r.bytes_needed)}")
    print("result:      " + ("OK, verified" if r.verified else "OK, but UNVERIFIED"))


def cmd_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    paths = DataPaths(ctx.root)
    try:
        kb = ctx.kb() if paths.database.exists() else None
        report = verify_pack_file(
            kb,
            args.file,
            trust=_trust(ctx),
            allow_unsigned=args.allow_unsigned,
            progress=stderr_progress("verifying"),
        )
    except KbError as exc:
        if args.json:
            _print_json({"ok": False, "error": str(exc), "error_type": type(exc).__name__})
            return 1
        raise
    if args.json:
        _print_json({"ok": True, **report.to_json()})
    else:
        _print_report(report)
    return 0


def cmd_import(args: argparse.Namespace, ctx: CliContext) -> int:
    kb = ctx.kb()
    report = import_pack(
        kb,
        args.file,
        allow_unsigned=args.allow_unsigned,
        force=args.force,
        progress=stderr_progress("importing"),
    )
    info = kb.pack(report.pack)
    verified = bool(info and info.verified)
    if args.json:
        _print_json(
            {
                "pack": report.pack,
                "version": report.version,
                "previous_version": report.previous_version,
                "verified": verified,
                "added": list(report.added),
                "changed": list(report.changed),
                "removed": list(report.removed),
                "indexed": report.indexed,
                "seconds": round(report.seconds, 3),
            }
        )
        return 0
    prev = f" (was v{report.previous_version})" if report.previous_version is not None else ""
    print(
        f"installed {report.pack} v{report.version}{prev}: {len(report.added)} added, "
        f"{len(report.changed)} changed, {len(report.removed)} removed "
        f"in {report.seconds:.1f} s" + ("" if verified else " — UNVERIFIED")
    )
    return 0


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    packs = ctx.kb().packs()
    if args.json:
        _print_json(
            [
                {
                    "pack": p.id,
                    "title": p.title,
                    "version": p.version,
                    "publisher": p.publisher,
                    "created": p.created,
                    "key_id": p.key_id,
                    "verified": p.verified,
                    "installed_at": p.installed_at,
                    "documents": p.doc_count,
                    "size": p.size,
                }
                for p in packs
            ]
        )
        return 0
    if not packs:
        print("no packs installed")
    for p in packs:
        mark = "verified" if p.verified else "UNVERIFIED"
        print(
            f"{p.id:<20} v{p.version:<5} {p.doc_count:>6} docs {_human(p.size):>10}  "
            f"{mark:<10}  {p.title}"
        )
    return 0


def cmd_remove(args: argparse.Namespace, ctx: CliContext) -> int:
    n = ctx.kb().remove_pack(args.pack_id)
    print(f"removed pack {args.pack_id} ({n} documents)")
    return 0


# -- trust -----------------------------------------------------------------------------
def cmd_trust_add(args: argparse.Namespace, ctx: CliContext) -> int:
    entry = _trust(ctx).add_spec(args.pubkey)
    print(f"trusted key {entry.key_id}")
    print(f"fingerprint: {entry.key.fingerprint_grouped}")
    return 0


def cmd_trust_list(args: argparse.Namespace, ctx: CliContext) -> int:
    keys = _trust(ctx).list()
    if args.json:
        _print_json([k.to_json() for k in keys])
        return 0
    if not keys:
        print("no trusted keys")
    for k in keys:
        print(f"{k.key_id}  added {k.added}  {k.comment}")
        print(f"    fingerprint {k.key.fingerprint_grouped}")
    return 0


def cmd_trust_remove(args: argparse.Namespace, ctx: CliContext) -> int:
    _trust(ctx).remove(args.key_id)
    print(f"removed trusted key {args.key_id.strip().upper()}")
    return 0
