"""The built-in library shipped with the app (`content/`), installed as the pack `builtin`.

The installed copy is replaced whenever the shipped files differ (their digest is kept in
the pack's manifest), so an app update brings its new content without a version dance.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

from kbclient.core.documents import Document, parse_document
from kbclient.core.errors import DocumentError, PackError
from kbclient.core.library import PackSpec

BUILTIN_PACK = "builtin"


def default_source() -> Path | None:
    """The shipped content: the source tree's `content/`, else the installed package copy."""
    checkout = Path(__file__).resolve().parents[2] / "content"
    if (checkout / "pack.json").is_file():
        return checkout
    packaged = resources.files("kbclient") / "builtin"
    path = Path(str(packaged))
    return path if (path / "pack.json").is_file() else None


def _document_files(src: Path) -> list[Path]:
    return sorted(p for p in src.glob("*.md") if p.is_file() and p.name.lower() != "readme.md")


def read_spec(src: Path) -> PackSpec:
    """The pack record for `src`, with a digest of every file so changes are noticed."""
    try:
        meta = json.loads((src / "pack.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise PackError(
            f"{src / 'pack.json'}: cannot read the built-in pack metadata: {exc}"
        ) from exc
    digest = hashlib.sha256()
    for path in _document_files(src):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    manifest = json.dumps({"builtin": True, "digest": digest.hexdigest()}, sort_keys=True)
    return PackSpec(
        id=str(meta.get("pack", BUILTIN_PACK)),
        title=str(meta.get("title", "Built-in library")),
        version=int(meta.get("version", 1)),
        publisher=str(meta.get("publisher", "")),
        created=str(meta.get("created", "")),
        verified=True,  # shipped inside the application itself
        manifest=manifest,
    )


def is_current(installed_manifest: str, spec: PackSpec) -> bool:
    return installed_manifest == spec.manifest


def read_documents(src: Path) -> list[tuple[Document, bytes]]:
    """Every document of the built-in library; one bad file fails the whole install."""
    out: list[tuple[Document, bytes]] = []
    errors: list[DocumentError] = []
    for path in _document_files(src):
        raw = path.read_bytes()
        try:
            out.append((parse_document(raw, str(path)), raw))
        except DocumentError as exc:
            errors.append(exc)
    if errors:
        raise PackError(f"the built-in library has {len(errors)} bad document(s): {errors[0]}")
    return out
