"""Helpers of the sync tests: documents, a remote folder published through `publish`, snapshots."""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from kbclient.core.kb import KnowledgeBase
from kbclient.core.packs import minisign
from kbclient.core.packs.build import build_pack
from kbclient.core.sync.publish import publish
from kbclient.core.sync.remote import open_remote


def doc_text(doc_id: str, body: str) -> str:
    return f"---\nid: {doc_id}\ntitle: Title {doc_id}\nupdated: 2024-03-01\n---\n# T\n\n{body}\n"


def body_of(i: int, rev: int = 0, size: int = 2000) -> str:
    seed = hashlib.sha256(f"{i}-{rev}".encode()).hexdigest()
    words = [seed[j : j + 6] for j in range(0, 60, 6)]
    return " ".join(words[k % len(words)] + str(k) for k in range(size // 8))


@dataclass
class Site:
    """Builds signed packs and publishes them to a remote folder (file:// publish)."""

    root: Path
    work: Path
    key: minisign.SecretKey

    def build(
        self,
        pack_id: str,
        version: int,
        docs: dict[str, str],
        *,
        base: Path | None = None,
        key: minisign.SecretKey | None = None,
    ) -> Path:
        src = self.work / f"src-{pack_id}-{version}-{time.monotonic_ns()}"
        src.mkdir(parents=True)
        (src / "pack.json").write_text(
            json.dumps({"pack": pack_id, "title": f"Pack {pack_id}", "version": version}), "utf-8"
        )
        for doc_id, body in docs.items():
            (src / f"{doc_id}.md").write_text(doc_text(doc_id, body), "utf-8")
        name = f"{pack_id}-{base.stem + '-' if base else ''}{version}.kbpack"
        out = self.work / "built" / name
        build_pack(src, out, sign_key=key or self.key, base=base, with_index=False)
        return out

    def publish(self, *files: Path) -> None:
        with open_remote(self.root.as_uri()) as remote:
            publish(list(files), remote, sign_key=self.key)

    def age_catalog(self) -> None:
        """Make catalog.json look written an hour ago (so its ETag can be relied on)."""
        past = time.time() - 3600
        for name in ("catalog.json", "catalog.json.minisig"):
            os.utime(self.root / name, (past, past))


def docs_v(n: int, rev_of: dict[int, int] | None = None, prefix: str = "d") -> dict[str, str]:
    rev_of = rev_of or {}
    return {f"{prefix}{i:04d}": body_of(i, rev_of.get(i, 0)) for i in range(n)}


def snapshot(kb: KnowledgeBase) -> dict[str, str]:
    """{path: sha256} of the data dir, minus downloads/ and SQLite's -shm."""
    root = kb.paths.root
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if rel.startswith("downloads") or p.name.endswith("-shm") or not p.is_file():
            continue
        out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out
