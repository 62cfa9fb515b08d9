"""`search`, `show` and `index` subcommands: reading the library from the command line."""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
from typing import Any

from kbclient.cli.context import CliContext
from kbclient.core.search import FACET_FIELDS, SORTS, SearchHit, SearchResult

_MARK = re.compile(r"<mark>(.*?)</mark>", re.S)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("search", help="search the library")
    p.add_argument("query", help='words, "phrases", OR, -word, prefix*, kind: tag: org: lang:')
    p.add_argument("--limit", type=_positive, default=10, help="hits to show (default 10)")
    p.add_argument("--kind", action="append", default=[], help="only this kind (repeatable)")
    p.add_argument("--sort", choices=SORTS, default="relevance")
    p.add_argument("--annotated", action="store_true", help="only documents with annotations")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(handler=cmd_search)

    p = sub.add_parser("show", help="print one document")
    p.add_argument("doc_id")
    p.add_argument("--html", action="store_true", help="print the rendered, sanitised HTML")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser("index", help="check or rebuild the search index")
    isub = p.add_subparsers(dest="index_command", metavar="ACTION", required=True)
    r = isub.add_parser("rebuild", help="rebuild the whole index from the library")
    r.set_defaults(handler=cmd_index_rebuild)
    c = isub.add_parser("check", help="exit 1 if the index disagrees with the library")
    c.set_defaults(handler=cmd_index_check)


def _positive(text: str) -> int:
    value = int(text)
    if value < 1 or value > 10_000:
        raise argparse.ArgumentTypeError("must be between 1 and 10000")
    return value


def result_json(result: SearchResult) -> dict[str, Any]:
    """The stable `search --json` shape of DESIGN.md."""
    return {
        "query": result.query,
        "total": result.total,
        "took_ms": round(result.took_ms, 2),
        "hits": [_hit_json(h) for h in result.hits],
        "facets": {name: dict(result.facets.get(name, {})) for name in FACET_FIELDS},
    }


def _hit_json(h: SearchHit) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": h.id,
        "title": h.title,
        "kind": h.kind,
        "score": round(h.score, 4),
        "snippet": h.snippet,
    }
    if h.notes_by:  # found (also) through annotations: whose
        out["notes_by"] = list(h.notes_by)
    if not h.verified:  # its pack was imported with --allow-unsigned
        out["verified"] = False
    return out


def _terminal_snippet(snippet: str, tty: bool) -> str:
    on, off = ("\033[1m", "\033[0m") if tty else ("[", "]")
    marked = _MARK.sub(lambda m: f"{on}{m.group(1)}{off}", snippet)
    return html.unescape(marked).replace("\n", " ")


def cmd_search(args: argparse.Namespace, ctx: CliContext) -> int:
    filters: dict[str, list[str]] = {"kind": args.kind} if args.kind else {}
    if args.annotated:
        filters["annotated"] = ["yes"]
    result = ctx.kb().search(args.query, limit=args.limit, filters=filters, sort=args.sort)
    if args.json:
        json.dump(result_json(result), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    tty = sys.stdout.isatty()
    print(f"{result.total} result(s) for {args.query!r} in {result.took_ms:.0f} ms")
    for n, hit in enumerate(result.hits, 1):
        meta = " · ".join(x for x in (hit.kind, hit.org, hit.updated) if x)
        print(f"\n{n}. {hit.title}  [{hit.id}]\n   {meta}")
        if hit.notes_by:
            print(f"   (note by {', '.join(hit.notes_by)})")
        if not hit.verified:
            print("   (unverified: its pack has no trusted signature)")
        if hit.snippet:
            print(f"   {_terminal_snippet(hit.snippet, tty)}")
    return 0


def cmd_show(args: argparse.Namespace, ctx: CliContext) -> int:
    kb = ctx.kb()
    if args.html:
        print(kb.render_html(args.doc_id))
        return 0
    doc = kb.document(args.doc_id)
    info = kb.document_info(args.doc_id)
    print(doc.title)
    fields = [
        ("id", doc.id),
        ("kind", doc.kind),
        ("lang", doc.lang),
        ("org", doc.org),
        ("authors", ", ".join(doc.authors)),
        ("version", str(doc.version)),
        ("updated", doc.updated),
        ("status", doc.status),
        ("tags", ", ".join(doc.tags)),
        ("pack", info.pack + ("" if info.verified else " (unverified)")),
    ]
    for name, value in fields:
        if value:
            print(f"{name:>8}: {value}")
    print()
    print(doc.plain_text)
    return 0


def cmd_index_rebuild(args: argparse.Namespace, ctx: CliContext) -> int:
    from kbclient.cli.context import stderr_progress

    kb = ctx.kb()
    kb.rebuild_index(progress=stderr_progress("rebuilding index"))
    print(f"index rebuilt: {kb.document_count()} document(s)")
    return 0


def cmd_index_check(args: argparse.Namespace, ctx: CliContext) -> int:
    from kbclient.core.kb import KnowledgeBase

    # Open without repairing: `check` must report what it finds, not fix it first.
    kb = KnowledgeBase.open(ctx.root, install_builtin=False, repair=False)
    try:
        problems = kb.check_index()
        count = kb.document_count()
        packs = len(kb.packs())
    finally:
        kb.close()
    if problems:
        for p in problems:
            print(p)
        print(f"index check failed: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"index OK: {count} document(s) in {packs} pack(s)")
    return 0
