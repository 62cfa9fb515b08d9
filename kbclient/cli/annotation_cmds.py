"""`annotate` and `annotations` subcommands: notes on documents from the command line.

The author and team are those of the settings' remote, else the login name and team
``local`` (`kbclient.core.annotations.service.local_identity`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from kbclient.cli.context import CliContext
from kbclient.core.annotations.export import export_jsonld, export_markdown, import_jsonld
from kbclient.core.annotations.model import COLOURS, DEFAULT_COLOUR, Annotation
from kbclient.core.annotations.service import AnnotationService
from kbclient.core.annotations.store import AnnotationStore
from kbclient.core.errors import AnnotationError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("annotate", help="highlight a passage of a document and attach a note")
    p.add_argument("doc_id")
    p.add_argument("--quote", required=True, help="the passage (its first occurrence is used)")
    p.add_argument("--note", default="", help="the note, Markdown")
    p.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")
    p.add_argument(
        "--colour", "--color", default=DEFAULT_COLOUR, help=f"{', '.join(COLOURS)} or #rrggbb"
    )
    p.add_argument("--json", action="store_true", help="print the annotation as JSON")
    p.set_defaults(handler=cmd_annotate)

    p = sub.add_parser("annotations", help="list, export, import or delete annotations")
    asub = p.add_subparsers(dest="annotations_command", metavar="ACTION", required=True)
    a = asub.add_parser("list", help="list annotations (orphaned ones are marked)")
    a.add_argument("doc_id", nargs="?")
    a.add_argument("--author", help="only this author's")
    a.add_argument("--tag", help="only those with this tag")
    a.add_argument("--deleted", action="store_true", help="include deleted ones (tombstones)")
    a.add_argument("--json", action="store_true", help="print one JSON object")
    a.set_defaults(handler=cmd_list)
    e = asub.add_parser("export", help="write annotations to FILE: .jsonld/.json or .md")
    e.add_argument("file", type=Path)
    e.add_argument("--doc", help="only this document's")
    e.set_defaults(handler=cmd_export)
    i = asub.add_parser("import", help="merge annotations from a JSON-LD file (by id)")
    i.add_argument("file", type=Path)
    i.set_defaults(handler=cmd_import)
    d = asub.add_parser("delete", help="delete one of your annotations")
    d.add_argument("annotation_id")
    d.set_defaults(handler=cmd_delete)


def _service(ctx: CliContext) -> AnnotationService:
    return AnnotationService.open(ctx.kb())


def annotation_json(a: Annotation) -> dict[str, Any]:
    """The stable `--json` shape of one annotation."""
    return {
        "id": a.id,
        "doc": a.doc,
        "doc_version": a.doc_version,
        "author": a.author,
        "team": a.team,
        "created": a.created,
        "modified": a.modified,
        "deleted": a.deleted,
        "quote": a.quote.exact,
        "prefix": a.quote.prefix,
        "suffix": a.quote.suffix,
        "start": a.position.start,
        "end": a.position.end,
        "anchored_start": a.anchored_start,
        "anchored_end": a.anchored_end,
        "orphaned": a.orphaned,
        "text_changed": a.text_changed,
        "note": a.note,
        "tags": list(a.tags),
        "colour": a.colour,
    }


def cmd_annotate(args: argparse.Namespace, ctx: CliContext) -> int:
    service = _service(ctx)
    try:
        a = service.annotate_quote(
            args.doc_id, args.quote, note=args.note, tags=args.tag, colour=args.colour
        )
    finally:
        service.close()
    if args.json:
        print(json.dumps(annotation_json(a), ensure_ascii=False))
    else:
        print(f"annotated {a.doc} at {a.position.start}..{a.position.end}: {a.id}")
    return 0


def _selected(service: AnnotationService, args: argparse.Namespace) -> list[Annotation]:
    if getattr(args, "doc_id", None) or getattr(args, "doc", None):
        doc_id = args.doc_id if getattr(args, "doc_id", None) else args.doc
        service.kb.document_info(doc_id)  # DocumentNotFound: a clear one-line error
        service.for_document(doc_id)
        found = service.store.for_document(doc_id, include_deleted=args_deleted(args))
    else:
        service.anchor_everything()
        found = service.store.all(include_deleted=args_deleted(args))
    if getattr(args, "author", None):
        found = [a for a in found if a.author == args.author]
    if getattr(args, "tag", None) and isinstance(args.tag, str):
        found = [a for a in found if args.tag in a.tags]
    return found


def args_deleted(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "deleted", False))


def _short(text: str, n: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    service = _service(ctx)
    try:
        found = _selected(service, args)
    finally:
        service.close()
    if args.json:
        out = {"total": len(found), "annotations": [annotation_json(a) for a in found]}
        json.dump(out, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if not found:
        print("no annotations")
        return 0
    for a in found:
        marks = []
        if a.orphaned:
            marks.append("ORPHANED")
        if a.text_changed:
            marks.append("text changed")
        if a.deleted:
            marks.append("deleted")
        flag = f" [{', '.join(marks)}]" if marks else ""
        where = "" if a.anchored_start is None else f" @{a.anchored_start}"
        print(f"{a.id}  {a.doc}{where}  {a.author} ({a.team})  {a.modified[:16]}{flag}")
        print(f"    > {_short(a.quote.exact)}")
        if a.note:
            print(f"    {_short(a.note)}")
        if a.tags:
            print(f"    tags: {', '.join(a.tags)}")
    print(f"{len(found)} annotation(s)")
    return 0


def _write_atomic(path: Path, data: bytes) -> None:
    folder = path.resolve().parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_export(args: argparse.Namespace, ctx: CliContext) -> int:
    suffix = args.file.suffix.lower()
    if suffix not in (".jsonld", ".json", ".md", ".markdown"):
        raise AnnotationError(f"{args.file}: export to .jsonld, .json or .md")
    service = _service(ctx)
    try:
        args.doc_id = None
        found = _selected(service, args)
        if suffix in (".md", ".markdown"):
            infos = service.kb.library.infos(sorted({a.doc for a in found}))
            titles = {doc: info.title for doc, info in infos.items()}
            data = export_markdown(found, titles).encode("utf-8")
        else:
            data = export_jsonld(found)
    finally:
        service.close()
    _write_atomic(args.file, data)
    print(f"exported {len(found)} annotation(s) to {args.file}")
    return 0


def cmd_import(args: argparse.Namespace, ctx: CliContext) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise AnnotationError(f"cannot read {args.file}: {exc.strerror}") from None
    store = AnnotationStore.open(ctx.root)  # importing needs no library
    try:
        report = import_jsonld(store, data, str(args.file))
    finally:
        store.close()
    print(
        f"imported from {args.file}: {len(report.added)} new, {len(report.updated)} updated, "
        f"{report.unchanged} unchanged"
    )
    return 0


def cmd_delete(args: argparse.Namespace, ctx: CliContext) -> int:
    service = _service(ctx)
    try:
        a = service.delete(args.annotation_id)
    finally:
        service.close()
    print(f"deleted {a.id}")
    return 0
