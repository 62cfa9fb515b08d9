"""The `kbclient` command line over the core; with no arguments it starts the GUI.

Each area registers its subcommands from its own module (`register(subparsers)`); a
subcommand's handler takes `(args, ctx)` and returns an exit code. Expected failures are
typed core errors: they become one line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from kbclient.cli.context import CliContext
from kbclient.core.errors import KbError

logger = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    from kbclient.cli import (
        account_cmds,
        annotation_cmds,
        library_cmds,
        pack_cmds,
        sync_cmds,
    )

    parser = argparse.ArgumentParser(
        prog="kbclient",
        description="Offline bilingual knowledge base of the Fintech Coordination Innovation "
        "Platform. Without a command, starts the desktop app.",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help="data folder (default: $KBCLIENT_DATA_DIR or the per-user data folder)",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="log to stderr")
    gui = parser.add_argument_group("desktop app")
    gui.add_argument("--screenshot", type=Path, metavar="PNG", help="render the window to PNG")
    gui.add_argument("--query", help="with --screenshot: search this first")
    gui.add_argument("--lang", help="user-interface language, e.g. en or zh_CN")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in (library_cmds, pack_cmds, account_cmds, sync_cmds, annotation_cmds):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.command is None:
        from kbclient.gui.app import main as gui_main

        return gui_main(
            data_dir=args.data_dir, screenshot=args.screenshot, query=args.query, lang=args.lang
        )
    ctx = CliContext(data_dir=args.data_dir)
    try:
        return int(args.handler(args, ctx))
    except KbError as exc:
        print(f"kbclient: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("kbclient: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_OK
    finally:
        ctx.close()
