"""The built-in library shipped with the app (`content/`), installed as the pack `builtin`.

The installed copy is replaced whenever the shipped files differ (their digest is kept in
the library's meta table), so an app update brings its new content without a version
dance. It is built into a pack and installed through the same verify-and-install path as
every other pack.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
import threading
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from kbclient.core.errors import PackError
from kbclient.core.library import PackSpec
from kbclient.core.packs.trust import TrustStore
from kbclient.core.progress import Progress

if TYPE_CHECKING:
    from kbclient.core.kb import InstallReport, KnowledgeBase

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
    """A digest of every shipped file (in `manifest`), so changed content is noticed cheaply."""
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


def install(
    kb: KnowledgeBase,
    src: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> InstallReport:
    """Build `src` into a pack, verify it and install it: the path every pack takes.

    The pack is unsigned (it never leaves this machine) but recorded as verified: it is
    part of the application the user installed.
    """
    from kbclient.core.packs.build import build_pack
    from kbclient.core.packs.verify import open_pack

    digest = read_spec(src)
    with tempfile.TemporaryDirectory(dir=kb.paths.staging, prefix="builtin-") as work:
        pack_file = Path(work) / "builtin.kbpack"
        build_pack(src, pack_file, with_index=False, cancel=cancel)
        with open_pack(
            pack_file,
            trust=TrustStore(kb.paths.trust),
            allow_unsigned=True,
            staging=Path(work),
            cancel=cancel,
        ) as pack:
            spec = replace(pack.spec(), verified=True, key_id=None)
            report = kb.install_pack(
                spec,
                pack.docs,
                assets=pack.assets,
                force=True,
                progress=progress,
                cancel=cancel,
            )
    with kb.library.transaction() as con:
        kb.library.set_meta(con, "builtin_manifest", digest.manifest)
    return report
