"""Sync benchmark: no-op sync, a 1%-changed pack as a delta, initial sync — from a local server.

    python -m bench.sync [--docs 10000] [--seed 42] [--out bench/out/sync.json]

Serves a published remote folder with the tests' static server (tests/servers.py: ETag,
Range, 304) on 127.0.0.1 and reports requests, bytes and wall time (targets of issue 5:
no-op = 1 request and ≤ 200 ms; a 1%-changed pack moves ≤ 2% of the full pack's bytes).
The initial sync installs with the pack's prebuilt index (a signed, trusted pack).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.pack_import import write_source
from kbclient.core.kb import KnowledgeBase
from kbclient.core.packs import minisign
from kbclient.core.packs.build import build_pack
from kbclient.core.packs.trust import TrustStore
from kbclient.core.sync.engine import SyncEngine
from kbclient.core.sync.publish import publish
from kbclient.core.sync.remote import open_remote
from tests.servers import StaticServer


def _age(root: Path) -> None:
    past = time.time() - 3600
    for name in ("catalog.json", "catalog.json.minisig"):
        os.utime(root / name, (past, past))


def run(n_docs: int, seed: int, work: Path) -> dict[str, Any]:
    key = minisign.generate_key()
    remote_dir = work / "remote"
    remote_dir.mkdir()
    changed = set(range(1, n_docs + 1, 100))  # 1%
    t = time.monotonic()
    v1 = build_pack(
        write_source(work / "src1", n_docs, seed), work / "v1.kbpack", sign_key=key
    ).path
    v2 = build_pack(
        write_source(work / "src2", n_docs, seed, changed), work / "v2.kbpack", sign_key=key
    ).path
    d12 = build_pack(
        write_source(work / "src2", n_docs, seed, changed),
        work / "d12.kbpack",
        sign_key=key,
        base=v1,
    ).path
    build_s = time.monotonic() - t
    out: dict[str, Any] = {
        "docs": n_docs,
        "changed_docs": len(changed),
        "build_s": round(build_s, 1),
    }
    with open_remote(remote_dir.as_uri()) as folder:
        publish(v1, folder, sign_key=key)
    _age(remote_dir)
    with StaticServer(remote_dir) as server:
        kb = KnowledgeBase.open(work / "data", install_builtin=False)
        TrustStore(kb.paths.trust).add(key.public_key())
        try:
            with open_remote(server.url) as remote:
                rep = SyncEngine(remote, kb).sync()
            out["initial"] = {
                "seconds": round(rep.duration, 2),
                "bytes": rep.bytes_transferred,
                "requests": rep.requests,
                "pack_bytes": v1.stat().st_size,
            }
            times = []
            for _ in range(5):
                with open_remote(server.url) as remote:
                    rep = SyncEngine(remote, kb).sync()
                assert rep.not_modified
                times.append(rep.duration)
            out["noop"] = {"requests": rep.requests, "ms_median": round(sorted(times)[2] * 1000, 1)}
            with open_remote(remote_dir.as_uri()) as folder:
                publish([v2, d12], folder, sign_key=key)
            _age(remote_dir)
            with open_remote(server.url) as remote:
                rep = SyncEngine(remote, kb).sync()
            full = v2.stat().st_size
            out["delta"] = {
                "seconds": round(rep.duration, 2),
                "bytes": rep.bytes_transferred,
                "requests": rep.requests,
                "full_pack_bytes": full,
                "delta_pack_bytes": d12.stat().st_size,
                "percent_of_full": round(100 * rep.bytes_transferred / full, 2),
                "via": rep.packs_updated[0].via,
            }
        finally:
            kb.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", type=Path, default=Path("bench/out/sync.json"))
    args = ap.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="kb-bench-sync-"))
    try:
        result = run(args.docs, args.seed, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1), "utf-8")
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
