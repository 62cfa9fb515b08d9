"""Import a pack file: verify it completely (`open_pack`), then install it atomically.

The one install function is `KnowledgeBase.install_pack`; this module only feeds it.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from kbclient.core.errors import PackError
from kbclient.core.packs.archive import DEFAULT_LIMITS, Limits
from kbclient.core.packs.trust import TrustStore
from kbclient.core.packs.verify import VerifiedPack, VerifyReport, open_pack
from kbclient.core.progress import Progress, no_progress

if TYPE_CHECKING:
    from kbclient.core.kb import InstallReport, KnowledgeBase


def trust_store(kb: KnowledgeBase) -> TrustStore:
    """The trusted keys of `kb`'s data dir."""
    return TrustStore(kb.paths.trust)


def check_base(pack: VerifiedPack, installed_version: int | None) -> None:
    """Refuse a delta whose base is not the installed version."""
    m = pack.manifest
    if m.base is None or installed_version == m.base:
        return
    found = f"found {installed_version}" if installed_version is not None else "none is installed"
    raise PackError(
        f"pack {m.pack} v{m.version} is a delta: it needs version {m.base} installed, "
        f"{found}: import the full pack"
    )


def verify_pack_file(
    kb: KnowledgeBase | None,
    path: Path,
    *,
    trust: TrustStore,
    allow_unsigned: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress = no_progress,
    cancel: threading.Event | None = None,
) -> VerifyReport:
    """Verify a pack and report what importing it would change (against `kb` if given)."""
    with open_pack(
        path,
        trust=trust,
        allow_unsigned=allow_unsigned,
        limits=limits,
        staging=None,
        progress=progress,
        cancel=cancel,
    ) as pack:
        installed = None
        version = None
        if kb is not None:
            info = kb.pack(pack.manifest.pack)
            if info is not None:
                version = info.version
                installed = kb.installed_docs(pack.manifest.pack)
        return pack.report(installed, version)


def import_pack(
    kb: KnowledgeBase,
    path: Path,
    *,
    allow_unsigned: bool = False,
    force: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    progress: Progress = no_progress,
    cancel: threading.Event | None = None,
) -> InstallReport:
    """Verify `path`, then install it; on any failure the library is unchanged."""
    trust = trust_store(kb)
    with open_pack(
        path,
        trust=trust,
        allow_unsigned=allow_unsigned,
        limits=limits,
        staging=kb.paths.staging,
        progress=progress,
        cancel=cancel,
    ) as pack:
        info = kb.pack(pack.manifest.pack)
        check_base(pack, info.version if info is not None else None)
        return kb.install_pack(
            pack.spec(),
            pack.docs,
            assets=pack.assets,
            removed=pack.removed,
            prebuilt_index=pack.index_dir,
            force=force,
            progress=progress,
            cancel=cancel,
        )
