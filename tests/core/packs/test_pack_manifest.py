"""manifest.json validation: every shape that must be refused, and the canonical form."""

from __future__ import annotations

import json
from typing import Any

import pytest

from kbclient.core.errors import PackError
from kbclient.core.packs.archive import Limits
from kbclient.core.packs.manifest import manifest_bytes, parse_manifest

SHA = "a" * 64


def good(**over: Any) -> dict[str, Any]:
    m: dict[str, Any] = {
        "format": 1,
        "pack": "standards",
        "title": "Standards",
        "version": 12,
        "publisher": "P",
        "created": "2026-11-27T10:00:00Z",
        "files": {"docs/std-001.md": {"sha256": SHA, "size": 10}},
    }
    m.update(over)
    return {k: v for k, v in m.items() if v is not None}


def parse(obj: Any) -> Any:
    return parse_manifest(json.dumps(obj).encode())


def test_good_manifest_and_canonical_roundtrip() -> None:
    man = parse(good(base=11, removed=["std-007"]))
    assert man.pack == "standards" and man.version == 12 and man.base == 11
    assert man.removed == ("std-007",)
    assert man.doc_files() == {"std-001": "docs/std-001.md"}
    raw = manifest_bytes(man)
    assert parse_manifest(raw) == man
    assert manifest_bytes(parse_manifest(raw)) == raw


@pytest.mark.parametrize(
    ("obj", "reason"),
    [
        (good(format=2), "unknown pack format 2"),
        (good(format="1"), "unknown pack format"),
        (good(format=None), "no format"),
        (good(pack="Bad Id"), "bad pack id"),
        (good(pack="-x"), "bad pack id"),
        (good(pack="a" * 65), "bad pack id"),
        (good(pack=None), "bad pack id"),
        (good(version="12"), "version must be an integer"),
        (good(version=True), "version must be an integer"),
        (good(version=12.0), "version must be an integer"),
        (good(version=-1), "positive"),
        (good(version=0), "positive"),
        (good(version=None), "no version"),
        (good(base=12), "base 12 must be"),
        (good(base=True), "base must be an integer"),
        (good(files=[]), "files must be an object"),
        (good(files={"docs/x.md": {"sha256": "zz", "size": 1}}), "malformed sha256"),
        (good(files={"docs/x.md": {"sha256": SHA, "size": -1}}), "negative size"),
        (good(files={"docs/x.md": {"sha256": SHA, "size": False}}), "must be an integer"),
        (good(files={"docs/x.md": {"sha256": SHA}}), "exactly sha256 and size"),
        (good(files={"../x.md": {"sha256": SHA, "size": 1}}), "unsafe file name"),
        (good(files={"other/x": {"sha256": SHA, "size": 1}}), "not under docs/"),
        (good(files={"docs/Bad Id.md": {"sha256": SHA, "size": 1}}), "docs/<document id>.md"),
        (good(files={}), "at least one document"),
        (good(removed=["x"]), "only a delta pack"),
        (good(base=11, removed=["std-001"]), "both shipped and removed"),
        (good(base=11, removed=["BAD ID"]), "bad document id"),
        (good(title=5), "title must be a string"),
        (good(surprise=1), "unknown field"),
        (good(index={"engine": "e", "schema": "1", "analyzer": "a", "files": []}), "index"),
        ([1, 2], "not a JSON object"),
    ],
)
def test_bad_manifests_refused_with_reason(obj: Any, reason: str) -> None:
    with pytest.raises(PackError) as err:
        parse(obj)
    assert reason in str(err.value)


def test_not_utf8() -> None:
    with pytest.raises(PackError, match="not UTF-8"):
        parse_manifest(b'{"format": 1, "title": "\xff\xfe"}')


def test_not_json() -> None:
    with pytest.raises(PackError, match="not valid JSON"):
        parse_manifest(b'{"format": 1,')
    with pytest.raises(PackError, match="not valid JSON"):
        parse_manifest(b'{"format": 1, "version": NaN}')


def test_duplicate_keys() -> None:
    with pytest.raises(PackError, match="twice"):
        parse_manifest(b'{"format": 1, "format": 1}')


def test_too_large() -> None:
    with pytest.raises(PackError, match="more than the limit"):
        parse_manifest(json.dumps(good()).encode(), Limits(max_manifest=100))


@pytest.mark.parametrize("depth", [40, 100_000])
def test_deeply_nested(depth: int) -> None:
    raw = b'{"format": 1, "x": ' + b"[" * depth + b"]" * depth + b"}"
    with pytest.raises(PackError, match="nested deeper than 32"):
        parse_manifest(raw)


def test_brackets_inside_strings_do_not_count() -> None:
    man = parse(good(title='[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ \\" {{{{'))
    assert man.title.startswith("[[[")
