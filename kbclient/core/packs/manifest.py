"""manifest.json of a content pack: strict parsing and validation into `PackManifest`.

Refused with a PackError naming the reason: more than `Limits.max_manifest` bytes, not
UTF-8, not JSON, nested deeper than `Limits.max_manifest_depth`, duplicate keys, an
unknown `format`, and any field of the wrong shape (see DESIGN.md, "Content packs").
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from kbclient.core.errors import PackError
from kbclient.core.packs.archive import DEFAULT_LIMITS, Limits, _name_problem

FORMAT = 1
MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.json.minisig"
PACK_ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}\Z")
DOC_ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]{0,127}\Z")
SHA256_RE = re.compile(r"[0-9a-f]{64}\Z")
_TOP_KEYS = {
    "format",
    "pack",
    "title",
    "version",
    "base",
    "publisher",
    "created",
    "files",
    "removed",
    "index",
}
_STRING_RE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKET_RE = re.compile(r"[\[\]{}]")
_MAX_TEXT = 1024  # characters in title, publisher, created


@dataclass(frozen=True)
class FileEntry:
    """What the manifest promises about one file of the pack."""

    sha256: str
    size: int


@dataclass(frozen=True)
class IndexMeta:
    """The prebuilt index part: which engine/schema/analyzer built it, and its files."""

    engine: str
    schema: str
    analyzer: str
    files: tuple[str, ...]


@dataclass(frozen=True)
class PackManifest:
    """A validated manifest; `raw` is the exact bytes that were signed."""

    pack: str
    version: int
    title: str = ""
    publisher: str = ""
    created: str = ""
    base: int | None = None
    files: Mapping[str, FileEntry] = field(default_factory=lambda: MappingProxyType({}))
    removed: tuple[str, ...] = ()
    index: IndexMeta | None = None
    format: int = FORMAT
    raw: bytes = field(default=b"", repr=False, compare=False)

    @property
    def is_delta(self) -> bool:
        return self.base is not None

    def doc_files(self) -> dict[str, str]:
        """doc id -> entry name, for every document of the pack."""
        return {doc_id_of(n): n for n in self.files if n.startswith("docs/")}

    def to_json(self) -> dict[str, Any]:
        """The manifest's JSON form (what `manifest_bytes` serialises)."""
        out: dict[str, Any] = {
            "format": self.format,
            "pack": self.pack,
            "title": self.title,
            "version": self.version,
            "publisher": self.publisher,
            "created": self.created,
            "files": {
                k: {"sha256": v.sha256, "size": v.size} for k, v in sorted(self.files.items())
            },
        }
        if self.base is not None:
            out["base"] = self.base
        if self.removed:
            out["removed"] = sorted(self.removed)
        if self.index is not None:
            out["index"] = {
                "engine": self.index.engine,
                "schema": self.index.schema,
                "analyzer": self.index.analyzer,
                "files": sorted(self.index.files),
            }
        return out


def manifest_bytes(manifest: PackManifest) -> bytes:
    """Canonical serialisation: sorted keys, fixed separators, UTF-8, final newline."""
    text = json.dumps(manifest.to_json(), sort_keys=True, ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


def doc_id_of(entry_name: str) -> str:
    """`docs/<id>.md` -> `<id>`."""
    return entry_name[len("docs/") : -len(".md")]


def _check_depth(text: str, max_depth: int) -> None:
    depth = 0
    for m in _BRACKET_RE.finditer(_STRING_RE.sub('""', text)):
        if m.group() in "[{":
            depth += 1
            if depth > max_depth:
                raise PackError(f"manifest is nested deeper than {max_depth} levels")
        else:
            depth -= 1


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise PackError(f"manifest has the key {k!r} twice")
        out[k] = v
    return out


def _reject_constant(name: str) -> None:
    raise PackError(f"manifest is not valid JSON ({name} is not allowed)")


def _int(value: Any, what: str) -> int:
    if type(value) is not int:  # bool is an int subclass: refused too
        raise PackError(f"manifest: {what} must be an integer, got {type(value).__name__}")
    return value


def _text(obj: Mapping[str, Any], key: str) -> str:
    value = obj.get(key, "")
    if not isinstance(value, str):
        raise PackError(f"manifest: {key} must be a string")
    if len(value) > _MAX_TEXT:
        raise PackError(f"manifest: {key} is longer than {_MAX_TEXT} characters")
    if any(ord(c) < 32 for c in value):
        raise PackError(f"manifest: {key} contains control characters")
    return value


def check_file_name(name: str) -> None:
    """A manifest file name: a safe path under docs/, assets/ or index/."""
    problem = _name_problem(name, DEFAULT_LIMITS.max_name)
    if problem:
        raise PackError(f"manifest: unsafe file name {name!r}: {problem}")
    top, _, rest = name.partition("/")
    if top not in ("docs", "assets", "index") or not rest:
        raise PackError(f"manifest: file {name!r} is not under docs/, assets/ or index/")
    if top == "docs":
        if "/" in rest or not rest.endswith(".md") or not DOC_ID_RE.match(rest[:-3]):
            raise PackError(f"manifest: {name!r} is not docs/<document id>.md")


def parse_manifest(data: bytes, limits: Limits = DEFAULT_LIMITS) -> PackManifest:
    """Validate manifest.json bytes; raises PackError naming the first problem."""
    if len(data) > limits.max_manifest:
        raise PackError(
            f"manifest is {len(data)} bytes, more than the limit of {limits.max_manifest}"
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PackError(f"manifest is not UTF-8 (byte {exc.start})") from None
    _check_depth(text, limits.max_manifest_depth)
    try:
        obj = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise PackError(f"manifest is not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise PackError("manifest is nested too deeply") from None
    if not isinstance(obj, dict):
        raise PackError("manifest is not a JSON object")
    if "format" not in obj:
        raise PackError("manifest has no format")
    fmt = obj["format"]
    if type(fmt) is not int or fmt != FORMAT:
        raise PackError(
            f"unknown pack format {fmt!r} (this kbclient reads format {FORMAT}): "
            "a newer kbclient may be needed"
        )
    unknown = set(obj) - _TOP_KEYS
    if unknown:
        raise PackError(f"manifest: unknown field {sorted(unknown)[0]!r}")
    pack = obj.get("pack")
    if not isinstance(pack, str) or not PACK_ID_RE.match(pack):
        raise PackError(f"manifest: bad pack id {pack!r} (expected [a-z0-9][a-z0-9._-]{{0,63}})")
    if "version" not in obj:
        raise PackError("manifest has no version")
    version = _int(obj["version"], "version")
    if version < 1:
        raise PackError(f"manifest: version must be a positive integer, got {version}")
    base = None
    if "base" in obj:
        base = _int(obj["base"], "base")
        if not 1 <= base < version:
            raise PackError(f"manifest: base {base} must be at least 1 and below version {version}")
    files_obj = obj.get("files")
    if not isinstance(files_obj, dict):
        raise PackError("manifest: files must be an object")
    files: dict[str, FileEntry] = {}
    for name, entry in files_obj.items():
        check_file_name(name)
        if not isinstance(entry, dict) or set(entry) != {"sha256", "size"}:
            raise PackError(f"manifest: {name!r} must have exactly sha256 and size")
        sha = entry["sha256"]
        if not isinstance(sha, str) or not SHA256_RE.match(sha):
            raise PackError(f"manifest: {name!r} has a malformed sha256")
        size = _int(entry["size"], f"size of {name!r}")
        if size < 0:
            raise PackError(f"manifest: {name!r} has a negative size")
        files[name] = FileEntry(sha, size)
    if base is None and not any(n.startswith("docs/") for n in files):
        raise PackError("manifest: a full pack must hold at least one document")
    removed_obj = obj.get("removed", [])
    if not isinstance(removed_obj, list):
        raise PackError("manifest: removed must be a list of document ids")
    for r in removed_obj:
        if not isinstance(r, str) or not DOC_ID_RE.match(r):
            raise PackError(f"manifest: removed holds a bad document id {r!r}")
    if removed_obj and base is None:
        raise PackError("manifest: only a delta pack (with base) may remove documents")
    if len(set(removed_obj)) != len(removed_obj):
        raise PackError("manifest: removed lists a document twice")
    doc_ids = {doc_id_of(n) for n in files if n.startswith("docs/")}
    both = doc_ids & set(removed_obj)
    if both:
        raise PackError(f"manifest: document {sorted(both)[0]!r} is both shipped and removed")
    index = _parse_index(obj.get("index"), files)
    return PackManifest(
        pack=pack,
        version=version,
        title=_text(obj, "title"),
        publisher=_text(obj, "publisher"),
        created=_text(obj, "created"),
        base=base,
        files=MappingProxyType(files),
        removed=tuple(removed_obj),
        index=index,
        raw=data,
    )


def _parse_index(value: Any, files: Mapping[str, FileEntry]) -> IndexMeta | None:
    index_files = sorted(n for n in files if n.startswith("index/"))
    if value is None:
        if index_files:
            raise PackError("manifest: index/ files without index metadata")
        return None
    if not isinstance(value, dict):
        raise PackError("manifest: index must be an object")
    meta = {}
    for key in ("engine", "schema", "analyzer"):
        v = value.get(key)
        if isinstance(v, bool) or not isinstance(v, str | int):
            raise PackError(f"manifest: index.{key} must be a string")
        meta[key] = str(v)
    listed = value.get("files")
    if not isinstance(listed, list) or not all(isinstance(x, str) for x in listed):
        raise PackError("manifest: index.files must be a list of file names")
    if sorted(listed) != index_files or not index_files:
        raise PackError("manifest: index.files does not match the index/ files listed")
    return IndexMeta(meta["engine"], meta["schema"], meta["analyzer"], tuple(index_files))
