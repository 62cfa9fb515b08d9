"""Export and import: JSON-LD after the W3C Web Annotation Data Model, and Markdown.

One annotation as JSON-LD (https://www.w3.org/TR/annotation-model/):

    {"@context": ["http://www.w3.org/ns/anno.jsonld", {"kb": "urn:kbclient:"}],
     "id": "urn:uuid:…", "type": "Annotation", "motivation": "commenting" | "highlighting",
     "created": …, "modified": …,
     "creator": {"id": "urn:kbclient:user:<team>/<author>", "type": "Person", "name": author},
     "body": [{"type": "TextualBody", "value": note, "format": "text/markdown",
               "purpose": "commenting"}, {"type": "TextualBody", "purpose": "tagging",
               "value": tag}, …],                       (absent for a bare highlight)
     "target": {"source": "kb:doc/<id>", "selector": [
         {"type": "TextQuoteSelector", "exact": …, "prefix": …, "suffix": …},
         {"type": "TextPositionSelector", "start": …, "end": …}]},
     "kb:annotation": {"doc": …, "docVersion": …, "author": …, "team": …, "colour": …,
                       "deleted": false}}

The anno.jsonld context comes first; the second context only maps the `kb` prefix, under
which every kbclient-specific field lives. A file holds an `AnnotationCollection` whose
first page carries the items; import also takes a single annotation, a page, a JSON list
or JSON Lines. Import de-duplicates by id with the merge rule (`merge_into_store`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from kbclient.core.annotations.merge import MergeReport, merge_into_store
from kbclient.core.annotations.model import (
    DEFAULT_COLOUR,
    Annotation,
    TextPositionSelector,
    TextQuoteSelector,
    normalise_tags,
    parse_time,
    validate,
)
from kbclient.core.annotations.store import AnnotationStore
from kbclient.core.errors import AnnotationError

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
KB_NAMESPACE = "urn:kbclient:"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"kb": KB_NAMESPACE}]
KB_KEY = "kb:annotation"
DOC_SOURCE = "kb:doc/"
MAX_IMPORT_BYTES = 256 * 1024 * 1024


def to_jsonld(a: Annotation) -> dict[str, Any]:
    """One annotation in the W3C model (see the module docstring)."""
    body: list[dict[str, Any]] = []
    if a.note:
        body.append(
            {
                "type": "TextualBody",
                "value": a.note,
                "format": "text/markdown",
                "purpose": "commenting",
            }
        )
    body.extend({"type": "TextualBody", "purpose": "tagging", "value": t} for t in a.tags)
    out: dict[str, Any] = {
        "@context": CONTEXT,
        "id": f"urn:uuid:{a.id}",
        "type": "Annotation",
        "motivation": "commenting" if a.note else "highlighting",
        "created": a.created,
        "modified": a.modified,
        "creator": {
            "id": f"{KB_NAMESPACE}user:{a.team}/{a.author}",
            "type": "Person",
            "name": a.author,
        },
    }
    if body:
        out["body"] = body
    out["target"] = {
        "source": f"{DOC_SOURCE}{a.doc}",
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": a.quote.exact,
                "prefix": a.quote.prefix,
                "suffix": a.quote.suffix,
            },
            {"type": "TextPositionSelector", "start": a.position.start, "end": a.position.end},
        ],
    }
    out[KB_KEY] = {
        "doc": a.doc,
        "docVersion": a.doc_version,
        "author": a.author,
        "team": a.team,
        "colour": a.colour,
        "deleted": a.deleted,
    }
    return out


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def from_jsonld(obj: Any) -> Annotation:
    """An Annotation from its JSON-LD form (ours, or another tool's with a kb:doc target)."""
    if not isinstance(obj, dict):
        raise AnnotationError("an annotation must be a JSON object")
    if "Annotation" not in _list(obj.get("type")):
        raise AnnotationError("not a W3C annotation (type is not Annotation)")
    raw_id = obj.get("id")
    if not isinstance(raw_id, str) or not raw_id.startswith("urn:uuid:"):
        raise AnnotationError(f"annotation id must be urn:uuid:…, got {str(raw_id)[:60]!r}")
    kb = obj.get(KB_KEY) if isinstance(obj.get(KB_KEY), dict) else {}
    target = obj.get("target")
    if isinstance(target, list):
        target = target[0] if target else None
    if not isinstance(target, dict):
        raise AnnotationError(f"{raw_id}: the target must be an object with a source")
    source = target.get("source")
    if not isinstance(source, str) or not source.startswith(DOC_SOURCE):
        raise AnnotationError(f"{raw_id}: the target is not a kb:doc/… document")
    quote: TextQuoteSelector | None = None
    position: TextPositionSelector | None = None
    for sel in _list(target.get("selector")):
        if not isinstance(sel, dict):
            continue
        if sel.get("type") == "TextQuoteSelector" and isinstance(sel.get("exact"), str):
            prefix, suffix = sel.get("prefix", ""), sel.get("suffix", "")
            if not isinstance(prefix, str) or not isinstance(suffix, str):
                raise AnnotationError(f"{raw_id}: prefix and suffix must be strings")
            quote = TextQuoteSelector(sel["exact"], prefix, suffix)
        elif sel.get("type") == "TextPositionSelector":
            start, end = sel.get("start"), sel.get("end")
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)):
                raise AnnotationError(f"{raw_id}: TextPositionSelector needs integer offsets")
            position = TextPositionSelector(start, end)
    if quote is None:
        raise AnnotationError(f"{raw_id}: the target has no TextQuoteSelector")
    if position is None:  # anchored by the quote alone on first open
        position = TextPositionSelector(0, len(quote.exact))
    note = ""
    tags: list[str] = []
    for b in _list(obj.get("body")):
        if isinstance(b, str):
            note = note or b
            continue
        if not isinstance(b, dict) or not isinstance(b.get("value"), str):
            continue
        if b.get("purpose") == "tagging":
            tags.append(b["value"])
        elif not note:
            note = b["value"]
    creator = obj.get("creator")
    if isinstance(creator, list):
        creator = creator[0] if creator else None
    creator_name = creator.get("name") if isinstance(creator, dict) else creator
    author = kb.get("author") or creator_name or "unknown"
    created = obj.get("created") or obj.get("modified")
    modified = obj.get("modified") or created
    if not isinstance(created, str) or not isinstance(modified, str):
        raise AnnotationError(f"{raw_id}: created/modified are missing")
    deleted = kb.get("deleted", False)
    version = kb.get("docVersion", 0)
    if not isinstance(deleted, bool) or not isinstance(version, int) or isinstance(version, bool):
        raise AnnotationError(f"{raw_id}: kb:annotation has invalid deleted/docVersion")
    return validate(
        Annotation(
            id=raw_id.removeprefix("urn:uuid:").lower(),
            doc=source.removeprefix(DOC_SOURCE),
            doc_version=version,
            author=str(author),
            team=str(kb.get("team") or "imported"),
            created=parse_time(created, "created"),
            modified=parse_time(modified, "modified"),
            deleted=deleted,
            quote=quote,
            position=position,
            note=note,
            tags=normalise_tags(tags),
            colour=str(kb.get("colour") or DEFAULT_COLOUR),
        )
    )


# -- files ---------------------------------------------------------------------------------
def export_jsonld(
    annotations: Iterable[Annotation], *, label: str = "kbclient annotations"
) -> bytes:
    """An AnnotationCollection (one page) of `annotations`, sorted by document and time."""
    items = [to_jsonld(a) for a in sorted(annotations, key=lambda a: (a.doc, a.created, a.id))]
    for item in items:
        del item["@context"]  # the collection's context covers its embedded items
    collection = {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "label": label,
        "total": len(items),
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }
    return (json.dumps(collection, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def parse_jsonld(data: bytes, source: str = "input") -> list[Annotation]:
    """Every annotation in an export (collection, page, list, one, or JSON Lines).

    Strict: the first malformed item raises AnnotationError naming it (an import is all or
    nothing).
    """
    if len(data) > MAX_IMPORT_BYTES:
        raise AnnotationError(f"{source}: larger than {MAX_IMPORT_BYTES // 2**20} MiB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnnotationError(f"{source}: not UTF-8 text ({exc.reason})") from None
    try:
        doc: Any = json.loads(text)
        items: list[tuple[str, Any]] = [(f"item {i + 1}", x) for i, x in enumerate(_items(doc))]
    except json.JSONDecodeError as first_error:
        items = []
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                items.append((f"line {n}", json.loads(line)))
            except json.JSONDecodeError:
                raise AnnotationError(
                    f"{source}:{first_error.lineno}: not JSON ({first_error.msg})"
                ) from None
    out: list[Annotation] = []
    for where, item in items:
        try:
            out.append(from_jsonld(item))
        except AnnotationError as exc:
            raise AnnotationError(f"{source}: {where}: {exc}") from None
    return out


def _items(doc: Any) -> list[Any]:
    if isinstance(doc, list):
        return doc
    if not isinstance(doc, dict):
        raise AnnotationError("the JSON is neither an annotation, a list nor a collection")
    kinds = _list(doc.get("type"))
    if "AnnotationCollection" in kinds:
        first = doc.get("first")
        items: list[Any] = []
        page = first if isinstance(first, dict) else None
        while page is not None:
            items.extend(_list(page.get("items")))
            page = page.get("next") if isinstance(page.get("next"), dict) else None
        return items
    if "AnnotationPage" in kinds:
        return _list(doc.get("items"))
    return [doc]


def import_jsonld(store: AnnotationStore, data: bytes, source: str = "input") -> MergeReport:
    """Parse (all or nothing) and merge into the store (one transaction, merge rule by id)."""
    return merge_into_store(store, parse_jsonld(data, source))


def export_markdown(
    annotations: Iterable[Annotation], titles: Mapping[str, str] | None = None
) -> str:
    """Per document (title, id): each quote as a blockquote, its note, author, date, tags.

    Orphaned annotations are listed after the anchored ones of their document, marked.
    """
    by_doc: dict[str, list[Annotation]] = defaultdict(list)
    for a in annotations:
        if not a.deleted:
            by_doc[a.doc].append(a)
    lines = ["# Annotations", ""]
    for doc in sorted(by_doc, key=lambda d: ((titles or {}).get(d, d), d)):
        title = (titles or {}).get(doc, doc)
        lines += [f"## {_escape_line(title)} (`{doc}`)", ""]
        items = sorted(
            by_doc[doc],
            key=lambda a: (a.orphaned, a.anchored_start or a.position.start, a.created, a.id),
        )
        for a in items:
            for quote_line in a.quote.exact.splitlines() or [""]:
                lines.append(f"> {quote_line}".rstrip())
            lines.append("")
            if a.orphaned:
                lines += ["*Orphaned: this passage is no longer in the document.*", ""]
            if a.note:
                lines += [a.note.rstrip(), ""]
            meta = f"— {a.author} ({a.team}), {a.modified[:10]}"
            if a.tags:
                meta += " · tags: " + ", ".join(a.tags)
            if a.text_changed:
                meta += f" · made on version {a.doc_version}, the text changed since"
            lines += [meta, ""]
    return "\n".join(lines).rstrip() + "\n"


def _escape_line(text: str) -> str:
    return " ".join(text.split())
