"""Benchmark of pack import (issue 4, "Speed"): verify, install and index, separately.

    python -m bench.pack_import [--count 10000] [--out bench/out] [--seed 42] [--keep]

Makes a source folder of N documents with the benchmark's corpus generator
(`bench.corpus`), builds a signed pack WITH its prebuilt index part and one without
(`build_pack(..., with_index=...)`), and a signed delta carrying 1 % of the documents
revised (on top of the full pack). Each is imported with the real `import_pack` into a
fresh data dir whose trust store holds the signing key:

- **prebuilt**: the signed pack with its index part (target: ≤ 15 s for 10k, a copy, not a
  reindex; a search right after must find documents);
- **no index**: the pack without one, indexed locally (target: ≥ 100 documents/s);
- **delta 1 %**: the delta on top of the installed full pack (target: ≤ 5 % of the full
  import's time; the revised documents' new word must be found right after).

Phases are timed by wrapping the knowledge base's own objects in this process (nothing in
kbclient changes): *index* = the `SearchIndex.build_part` / `derive_part` / `adopt_part`
call, *install* = `KnowledgeBase.install_pack` minus index, *verify* = the rest of
`import_pack` (`open_pack`: signature, every file's hash, parsing; for the prebuilt pack
also extracting the index part to staging). Writes <out>/pack-import-<n>.json and prints a
table. Machines are shared: compare ratios more than absolute figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import corpus as corpus_mod

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "bench" / "corpus"
PACK = "benchpack"
TARGETS = {
    "prebuilt_import_s": 15.0,  # at 10k documents
    "local_index_docs_per_s": 100.0,
    "delta_ratio": 0.05,  # delta import time / full import time
}


def write_source(folder: Path, n: int, seed: int, revised: set[int] | None = None) -> Path:
    """A pack source folder: pack.json + the first n corpus documents (some revised)."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    version = 2 if revised else 1
    meta = {
        "pack": PACK,
        "title": "Benchmark pack 基准包",
        "version": version,
        "publisher": "bench",
    }
    (folder / "pack.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")
    cache = corpus_mod.write_corpus(CORPUS_DIR / f"seed{seed}", n, seed)
    for ident, data in corpus_mod.read_corpus(cache, n):
        (folder / f"{ident}.md").write_bytes(data)
    for ident, data in corpus_mod.revised(sorted(revised or ()), seed):
        (folder / f"{ident}.md").write_bytes(data)
    return folder


class PhaseTimer:
    """Times `install_pack` and the index-part call of one KnowledgeBase (instance wrappers)."""

    def __init__(self, kb: Any) -> None:
        self.install_s = 0.0
        self.index_s = 0.0
        self.index_call = ""
        self.progress_calls = 0
        kb.install_pack = self._timed(kb.install_pack, "install_s")
        for name in ("build_part", "derive_part", "adopt_part"):
            real = getattr(kb.index, name, None)
            if real is not None:
                setattr(kb.index, name, self._timed(real, "index_s", name))

    def _timed(self, fn: Callable[..., Any], attr: str, name: str = "") -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                setattr(self, attr, getattr(self, attr) + time.perf_counter() - t0)
                if name:
                    self.index_call = name

        return wrapper

    def progress(self, done: int, total: int) -> None:
        self.progress_calls += 1


def import_once(data: Path, pack: Path, n_docs: int, probe: str) -> dict[str, Any]:
    """Import `pack` into the data dir `data` (open, trusted) and time its phases."""
    from kbclient.core.kb import KnowledgeBase
    from kbclient.core.packs.importer import import_pack

    kb = KnowledgeBase.open(data, install_builtin=False)
    try:
        timer = PhaseTimer(kb)
        t0 = time.perf_counter()
        report = import_pack(kb, pack, progress=timer.progress)
        total = time.perf_counter() - t0
        t1 = time.perf_counter()
        result = kb.search(probe, limit=20)
        search_s = time.perf_counter() - t1
        problems = kb.check_index()
    finally:
        kb.close()
    verify = total - timer.install_s
    install = timer.install_s - timer.index_s
    return {
        "pack_mb": round(pack.stat().st_size / 1e6, 2),
        "documents": n_docs,
        "indexed": report.indexed,
        "added": len(report.added),
        "changed": len(report.changed),
        "removed": len(report.removed),
        "index_call": timer.index_call,
        "verify_s": round(verify, 3),
        "install_s": round(install, 3),
        "index_s": round(timer.index_s, 3),
        "total_s": round(total, 3),
        "verify_docs_per_s": round(n_docs / verify, 1) if verify > 0 else None,
        "install_docs_per_s": round(n_docs / install, 1) if install > 0 else None,
        "index_docs_per_s": round(report.indexed / timer.index_s, 1)
        if timer.index_s > 0 and report.indexed
        else None,
        "docs_per_s": round(n_docs / total, 1),
        "progress_calls": timer.progress_calls,
        "first_search_s": round(search_s, 3),
        "probe": probe,
        "probe_hits": result.total,
        "index_check": problems,
    }


def fresh_data_dir(folder: Path, public_key: Any) -> Path:
    from kbclient.core.packs.trust import TrustStore
    from kbclient.core.paths import DataPaths

    if folder.exists():
        shutil.rmtree(folder)
    TrustStore(DataPaths(folder).trust).add(public_key)
    return folder


def run(n: int, out: Path, seed: int, keep: bool) -> dict[str, Any]:
    from kbclient.core.packs import minisign
    from kbclient.core.packs.build import build_pack
    from kbclient.core.search import SearchIndex

    work = out / f"pack-import-work-{n}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    key = minisign.generate_key()
    results: dict[str, Any] = {
        "count": n,
        "seed": seed,
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()}",
        "python": platform.python_version(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "targets": TARGETS,
        "notes": [],
    }
    step = 100  # 1 % of the documents, spread over the corpus
    revised = set(range(step, n + 1, step)) or {1}
    probe_v1 = "sandbox"  # frequent English word of the generator's vocabulary
    probe_v2 = f"benchrev{max(revised):06d}"

    t0 = time.perf_counter()
    src1 = write_source(work / "src-v1", n, seed)
    src2 = write_source(work / "src-v2", n, seed, revised)
    results["source_s"] = round(time.perf_counter() - t0, 2)

    builds: dict[str, Any] = {}
    t0 = time.perf_counter()
    with_index = build_pack(src1, work / "full-index.kbpack", sign_key=key, with_index=True)
    builds["with_index_s"] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    no_index = build_pack(src1, work / "full-noindex.kbpack", sign_key=key, with_index=False)
    builds["no_index_s"] = round(time.perf_counter() - t0, 2)
    t0 = time.perf_counter()
    delta = build_pack(src2, work / "delta.kbpack", sign_key=key, base=no_index.path)
    builds["delta_s"] = round(time.perf_counter() - t0, 2)
    results["build"] = builds
    results["delta_docs"] = delta.documents

    pub = key.public_key()
    if hasattr(SearchIndex, "adopt_part"):
        d = fresh_data_dir(work / "kb-prebuilt", pub)
        results["prebuilt"] = import_once(d, with_index.path, n, probe_v1)
        if results["prebuilt"]["index_call"] != "adopt_part":
            results["notes"].append("the prebuilt index part was NOT adopted (reindexed)")
    else:
        results["notes"].append("SearchIndex.adopt_part is missing: prebuilt import not measured")

    d = fresh_data_dir(work / "kb-noindex", pub)
    results["no_index"] = import_once(d, no_index.path, n, probe_v1)
    results["delta"] = import_once(d, delta.path, delta.documents, probe_v2)

    full = results.get("prebuilt", results["no_index"])["total_s"]
    results["delta"]["ratio_to_prebuilt_import"] = round(results["delta"]["total_s"] / full, 4)
    results["delta"]["ratio_to_local_import"] = round(
        results["delta"]["total_s"] / results["no_index"]["total_s"], 4
    )
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return results


def table(r: dict[str, Any]) -> str:
    rows = [
        ("scenario", "docs", "verify s", "install s", "index s", "total s", "docs/s", "search s")
    ]
    for name in ("prebuilt", "no_index", "delta"):
        x = r.get(name)
        if not x:
            continue
        rows.append(
            (
                name,
                str(x["documents"]),
                f"{x['verify_s']:.2f}",
                f"{x['install_s']:.2f}",
                f"{x['index_s']:.2f}",
                f"{x['total_s']:.2f}",
                f"{x['docs_per_s']:.0f}",
                f"{x['first_search_s']:.3f}",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    checks = []
    if "prebuilt" in r:
        p = r["prebuilt"]
        ok = p["total_s"] <= TARGETS["prebuilt_import_s"] and p["probe_hits"] > 0
        checks.append(
            f"prebuilt import {p['total_s']:.2f} s (≤ {TARGETS['prebuilt_import_s']:.0f} s, "
            f"{p['index_call']}, {p['probe_hits']} hits at once): {'OK' if ok else 'MISSED'}"
        )
    ni = r["no_index"]
    ok = (ni["index_docs_per_s"] or 0) >= TARGETS["local_index_docs_per_s"]
    checks.append(
        f"local indexing {ni['index_docs_per_s']} docs/s "
        f"(≥ {TARGETS['local_index_docs_per_s']:.0f}): {'OK' if ok else 'MISSED'}"
    )
    de = r["delta"]
    ratio = de["ratio_to_prebuilt_import"]
    ok = ratio <= TARGETS["delta_ratio"] and de["probe_hits"] > 0
    checks.append(
        f"delta ({de['documents']} docs) {de['total_s']:.2f} s = {ratio:.1%} of the full import "
        f"(≤ {TARGETS['delta_ratio']:.0%}; {de['ratio_to_local_import']:.1%} of the local-index "
        f"import): {'OK' if ok else 'MISSED'}"
    )
    return "\n".join(lines + [""] + checks + r["notes"])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.pack_import", description=__doc__)
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    ap.add_argument("--seed", type=int, default=corpus_mod.DEFAULT_SEED)
    ap.add_argument("--keep", action="store_true", help="keep the work folder (packs, dirs)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    r = run(args.count, args.out, args.seed, args.keep)
    path = args.out / f"pack-import-{args.count}.json"
    path.write_text(json.dumps(r, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(table(r))
    print(f"\nwritten: {path}")
    problems = [
        x for k in ("prebuilt", "no_index", "delta") for x in r.get(k, {}).get("index_check", [])
    ]
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
