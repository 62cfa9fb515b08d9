"""Export and import: the W3C Web Annotation model (checked offline) and Markdown."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from kbclient.core.annotations.export import (
    ANNO_CONTEXT,
    export_jsonld,
    export_markdown,
    import_jsonld,
    parse_jsonld,
    to_jsonld,
)
from kbclient.core.annotations.store import AnnotationStore
from kbclient.core.errors import AnnotationError
from tests.core.annotations.factory import make

# From https://www.w3.org/TR/annotation-model/ (and the terms of anno.jsonld), embedded so
# the check runs without a network.
ANNOTATION_REQUIRED = {"@context", "id", "type", "target"}
ANNO_TERMS = {
    "@context",
    "id",
    "type",
    "motivation",
    "purpose",
    "created",
    "modified",
    "generated",
    "generator",
    "creator",
    "body",
    "bodyValue",
    "target",
    "source",
    "selector",
    "value",
    "format",
    "language",
    "textDirection",
    "exact",
    "prefix",
    "suffix",
    "start",
    "end",
    "name",
    "nickname",
    "email",
    "email_sha1",
    "homepage",
    "rights",
    "canonical",
    "via",
    "audience",
    "accessibility",
    "stylesheet",
    "styleClass",
    "state",
    "scope",
    "refinedBy",
    "label",
    "total",
    "first",
    "last",
    "next",
    "prev",
    "items",
    "startIndex",
    "partOf",
}
MOTIVATIONS = {
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
}
AGENT_TYPES = {"Person", "Organization", "Software"}
SELECTOR_REQUIRED = {"TextQuoteSelector": {"exact"}, "TextPositionSelector": {"start", "end"}}
DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")


def check_w3c(anno: dict[str, Any], context: Any = None) -> None:
    """Assert `anno` follows the model's required properties and vocabulary."""
    ctx = anno.get("@context", context)
    assert ctx == ANNO_CONTEXT or (isinstance(ctx, list) and ctx[0] == ANNO_CONTEXT)
    assert ANNOTATION_REQUIRED - {"@context"} <= set(anno)
    assert anno["type"] == "Annotation"
    assert re.fullmatch(r"urn:uuid:[0-9a-f-]{36}", anno["id"])
    for key in anno:
        assert key in ANNO_TERMS or key.startswith("kb:"), key
    assert anno["motivation"] in MOTIVATIONS
    for t in ("created", "modified"):
        assert DATETIME.fullmatch(anno[t]), anno[t]
    assert anno["creator"]["type"] in AGENT_TYPES and anno["creator"]["id"]
    for body in anno.get("body", []):
        assert body["type"] == "TextualBody" and isinstance(body["value"], str)
        assert body["purpose"] in MOTIVATIONS
        assert set(body) <= ANNO_TERMS
        if "format" in body:
            assert re.fullmatch(r"[a-z]+/[a-z0-9.+-]+", body["format"])
    target = anno["target"]
    assert target["source"].startswith("kb:doc/")
    kinds = [s["type"] for s in target["selector"]]
    assert kinds == ["TextQuoteSelector", "TextPositionSelector"]
    for sel in target["selector"]:
        assert SELECTOR_REQUIRED[sel["type"]] <= set(sel) and set(sel) <= ANNO_TERMS
    pos = target["selector"][1]
    assert isinstance(pos["start"], int) and 0 <= pos["start"] <= pos["end"]


def test_one_annotation_follows_the_model() -> None:
    a = make(note="**why** this matters", tags=["risk", "监管"], colour="green")
    doc = to_jsonld(a)
    check_w3c(doc)
    assert doc["body"][0] == {
        "type": "TextualBody",
        "value": "**why** this matters",
        "format": "text/markdown",
        "purpose": "commenting",
    }
    assert [b["value"] for b in doc["body"][1:]] == ["risk", "监管"]
    assert doc["kb:annotation"]["colour"] == "green"
    highlight = to_jsonld(make())
    check_w3c(highlight)
    assert "body" not in highlight and highlight["motivation"] == "highlighting"


def test_collection_export_and_roundtrip() -> None:
    items = [make(n=i, note=f"n{i}", tags=["t"]) for i in range(3)] + [make(n=9).tombstone()]
    data = export_jsonld(items)
    doc = json.loads(data)
    assert doc["type"] == "AnnotationCollection" and doc["total"] == 4
    for item in doc["first"]["items"]:
        check_w3c(item, doc["@context"])
    assert sorted(parse_jsonld(data), key=lambda a: a.id) == sorted(items, key=lambda a: a.id)
    # a single annotation, a list and JSON Lines are accepted too
    one = json.dumps(to_jsonld(items[0])).encode()
    assert parse_jsonld(one) == [items[0]]
    assert len(parse_jsonld(json.dumps([to_jsonld(a) for a in items]).encode())) == 4
    assert len(parse_jsonld(one + b"\n" + one + b"\n")) == 2


def test_import_dedupes_by_id_with_the_merge_rule(store: AnnotationStore) -> None:
    a = store.save(make(n=1, note="local newer", now="2026-11-28T12:00:00.000Z"))
    older = make(n=1, note="exported older")
    fresh = make("Regulatory sandboxes", n=2, note="new")
    report = import_jsonld(store, export_jsonld([older, fresh]))
    assert report.added == (fresh.id,) and report.unchanged == 1
    assert store.get(a.id) == a
    again = import_jsonld(store, export_jsonld([older, fresh]))
    assert again.added == () and again.unchanged == 2


def test_bad_import_is_all_or_nothing(store: AnnotationStore) -> None:
    good = to_jsonld(make(n=1))
    bad = to_jsonld(make(n=2)) | {"target": {"source": "http://elsewhere/"}}
    data = json.dumps([good, bad]).encode()
    with pytest.raises(AnnotationError, match="item 2"):
        import_jsonld(store, data, "in.jsonld")
    assert store.count(include_deleted=True) == 0
    with pytest.raises(AnnotationError, match=r"in\.jsonld"):
        import_jsonld(store, b"{oops", "in.jsonld")


def test_foreign_w3c_annotation_with_a_kb_target() -> None:
    foreign = {
        "@context": ANNO_CONTEXT,
        "id": "urn:uuid:6f1c2a51-5c1c-4a35-9a8e-1f5a1e7b2c3d",
        "type": "Annotation",
        "created": "2026-01-02T03:04:05Z",
        "body": {"type": "TextualBody", "value": "from another tool"},
        "target": {
            "source": "kb:doc/rn-9",
            "selector": {"type": "TextQuoteSelector", "exact": "sandbox"},
        },
    }
    [a] = parse_jsonld(json.dumps(foreign).encode())
    assert (a.doc, a.note, a.quote.exact, a.team) == (
        "rn-9",
        "from another tool",
        "sandbox",
        "imported",
    )
    assert a.modified == a.created == "2026-01-02T03:04:05.000Z"


def test_markdown_export() -> None:
    a = make(note="Check the *ratio*.", tags=["risk"])
    b = make("监管沙盒试点", n=5).with_anchor(2, None, None, orphaned=True)
    c = make("real customers", doc="rn-2", author="bob", note="b").tombstone()
    text = export_markdown([a, b, c], {"rn-1": "Sandbox note"})
    assert "## Sandbox note (`rn-1`)" in text
    assert "> liquidity coverage ratio" in text
    assert "Check the *ratio*." in text
    assert "— alice (legal), 2026-11-28 · tags: risk" in text
    assert text.index("liquidity") < text.index("监管沙盒试点") < text.index("Orphaned")
    assert "rn-2" not in text  # deleted ones are not exported to Markdown
