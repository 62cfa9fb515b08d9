"""Run the search benchmark: kbclient against SQLite FTS5 (trigram) on the same corpus.

    python -m bench.run [--sizes 10000,50000] [--out bench/out] [--quick] [--repeats 5]
    make bench BENCH_ARGS="--sizes 10000"

For each size: generate (or reuse) the corpus, build kbclient's library + index in a child
process (wall time → docs/s, peak RSS), optionally rebuild the index from the library in
another child, build the FTS5 baseline in a child, then in this process: query latency of
the fixed query set (top 20, snippets, facets; one warm-up, then --repeats rounds, the
engines interleaved query by query), cold start to first result in a new process (median
of 3), and a delta install of 100 changed documents. Prints a table and writes
<out>/results-<size>.json. Compare ratios more than absolute figures: machines are shared.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import corpus as corpus_mod
from bench import fts5
from bench.queries import QUERIES, QUICK, Query

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "bench" / "corpus"
PACK = "bench"
UPDATE_COUNT = 100

TARGETS = {
    "p95_ms": 50.0,  # at 50k documents
    "p95_ratio_fts5": 1.0,
    "build_docs_per_s": 100.0,
    "peak_rss_mb": 600.0,
    "cold_start_s": 1.5,  # at 50k documents
    "update_100_s": 5.0,  # in a 50k library
}

COLD_SCRIPT = r"""
import sys, time
t0 = time.perf_counter()
from kbclient.core.kb import KnowledgeBase
t1 = time.perf_counter()
kb = KnowledgeBase.open(sys.argv[1], install_builtin=False)
t2 = time.perf_counter()
r = kb.search(sys.argv[2], limit=20, facets=True)
t3 = time.perf_counter()
times = (round(t1 - t0, 4), round(t2 - t1, 4), round(t3 - t2, 4))
print("RESULT", r.total, len(r.hits), *times, flush=True)
kb.close()
"""


# -- helpers ---------------------------------------------------------------------------------
def percentile(values: Sequence[float], p: float) -> float:
    """Linear-interpolated percentile (p in 0..100)."""
    xs = sorted(values)
    if not xs:
        return float("nan")
    k = (len(xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def dir_bytes(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + (
        os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""
    )
    env.pop("KBCLIENT_DATA_DIR", None)
    return env


def run_worker(args: list[str], timeout: float) -> tuple[dict[str, Any], float]:
    """Run a bench.worker step; returns its JSON (plus the sampled peak RSS of the child's
    whole process tree, `peak_tree_rss_mb`, which counts worker processes running at once)
    and the wall time seen from here."""
    import psutil

    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "bench.worker", *args],
        cwd=ROOT,
        env=child_env(),
        stdout=subprocess.PIPE,
        text=True,
    )
    out: list[str] = []
    reader = threading.Thread(target=lambda: out.extend(proc.stdout or ()), daemon=True)
    reader.start()
    peak = 0
    try:
        ps = psutil.Process(proc.pid)
        while proc.poll() is None:
            if time.perf_counter() - t0 > timeout:
                proc.kill()
                raise RuntimeError(f"bench.worker {args[0]} timed out after {timeout:.0f} s")
            total = 0
            try:
                for p in (ps, *ps.children(recursive=True)):
                    with contextlib.suppress(psutil.Error):
                        total += p.memory_info().rss
            except psutil.Error:
                pass
            peak = max(peak, total)
            time.sleep(0.1)
    finally:
        proc.wait()
        reader.join(timeout=10)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"bench.worker {args[0]} failed with exit code {proc.returncode}")
    result = json.loads("".join(out).strip().splitlines()[-1])
    result["peak_tree_rss_mb"] = round(peak / 2**20, 1)
    return result, wall


def engine_fingerprint() -> str:
    """A hash of the engine's sources, tying the figures to one state of the code."""
    h = hashlib.sha256()
    core = ROOT / "kbclient" / "core"
    for f in sorted([*core.glob("*.py"), *(core / "search").glob("*.py")]):
        h.update(f.name.encode() + b"\0" + f.read_bytes())
    return h.hexdigest()[:12]


def machine() -> dict[str, Any]:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        import whoosh

        whoosh_version = ".".join(map(str, whoosh.versionstring().split(".")))
    except Exception:  # pragma: no cover - reported, not fatal
        whoosh_version = "?"
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "cpu": cpu,
        "loadavg_start": os.getloadavg(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "sqlite": sqlite3.sqlite_version,
        "whoosh": whoosh_version,
        "mem_total_mb": _mem_total_mb(),
    }


def _mem_total_mb() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# -- the steps -------------------------------------------------------------------------------
def measure_queries(
    kb: Any, con: sqlite3.Connection, queries: Sequence[Query], repeats: int
) -> dict[str, Any]:
    per: dict[str, dict[str, Any]] = {}
    kb_times: dict[str, list[float]] = {q.text: [] for q in queries}
    fts_times: dict[str, list[float]] = {q.text: [] for q in queries}
    # one warm-up per query and engine
    errors: dict[str, str] = {}
    for q in queries:
        try:
            r = kb.search(q.text, limit=20, prefix_last=q.prefix_last, facets=True)
        except Exception as e:  # recorded and left out of the timings, never hidden
            errors[q.text] = f"{type(e).__name__}: {e}"
            log(f"query {q.text!r} failed: {errors[q.text]}")
            continue
        f = fts5.search(con, q.text, q.prefix_last)
        per[q.text] = {
            "category": q.category,
            "prefix_last": q.prefix_last,
            "kb_total": r.total,
            "kb_hits": len(r.hits),
            "kb_snippets_marked": sum("<mark>" in h.snippet for h in r.hits),
            "kb_facets": sorted(r.facets),
            "fts_total": f.total,
            "fts_hits": len(f.hits),
        }
    queries = [q for q in queries if q.text not in errors]
    # kbclient caches decoded postings and phrase matches between queries: a repeated
    # query (search-as-you-type) is "warm"; a query seen for the first time is "cold"
    # and is timed separately, after clearing those caches (the OS page cache stays).
    kb_cold: list[float] = []
    clear = getattr(kb.index, "clear_caches", None)
    for _ in range(repeats):
        for q in queries:
            if clear is not None:
                clear()
                t0 = time.perf_counter()
                kb.search(q.text, limit=20, prefix_last=q.prefix_last, facets=True)
                kb_cold.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            kb.search(q.text, limit=20, prefix_last=q.prefix_last, facets=True)
            t1 = time.perf_counter()
            fts5.search(con, q.text, q.prefix_last)
            t2 = time.perf_counter()
            kb_times[q.text].append((t1 - t0) * 1000)
            fts_times[q.text].append((t2 - t1) * 1000)
    for q in queries:
        per[q.text]["kb_median_ms"] = round(statistics.median(kb_times[q.text]), 2)
        per[q.text]["kb_max_ms"] = round(max(kb_times[q.text]), 2)
        per[q.text]["fts_median_ms"] = round(statistics.median(fts_times[q.text]), 2)
    kb_all = [t for ts in kb_times.values() for t in ts]
    fts_all = [t for ts in fts_times.values() for t in ts]

    def summary(xs: list[float]) -> dict[str, float]:
        if not xs:
            nan = float("nan")
            return dict.fromkeys(("p50_ms", "p95_ms", "p99_ms", "max_ms", "mean_ms"), nan)
        return {
            "p50_ms": round(percentile(xs, 50), 2),
            "p95_ms": round(percentile(xs, 95), 2),
            "p99_ms": round(percentile(xs, 99), 2),
            "max_ms": round(max(xs), 2),
            "mean_ms": round(statistics.fmean(xs), 2),
            "samples": len(xs),
        }

    by_cat: dict[str, dict[str, float]] = {}
    for cat in dict.fromkeys(q.category for q in queries):
        ks = [t for q in queries if q.category == cat for t in kb_times[q.text]]
        fs = [t for q in queries if q.category == cat for t in fts_times[q.text]]
        by_cat[cat] = {
            "kb_p50_ms": round(percentile(ks, 50), 2),
            "kb_p95_ms": round(percentile(ks, 95), 2),
            "fts_p50_ms": round(percentile(fs, 50), 2),
            "fts_p95_ms": round(percentile(fs, 95), 2),
        }
    return {
        "kbclient": summary(kb_all),
        "kbclient_cold": summary(kb_cold),
        "fts5": summary(fts_all),
        "by_category": by_cat,
        "per_query": per,
        "errors": errors,
    }


def measure_cold_start(data: Path, query: str, runs: int) -> dict[str, Any]:
    walls, inner = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-c", COLD_SCRIPT, str(data), query],
            cwd=ROOT,
            env=child_env(),
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        line = ""
        for line in proc.stdout:
            if line.startswith("RESULT"):
                break
        wall = time.perf_counter() - t0
        proc.stdout.read()
        if proc.wait(timeout=120) != 0 or not line.startswith("RESULT"):
            raise RuntimeError("cold-start child failed")
        parts = line.split()
        walls.append(wall)
        inner.append(
            {
                "total": int(parts[1]),
                "import_s": float(parts[3]),
                "open_s": float(parts[4]),
                "first_query_s": float(parts[5]),
            }
        )
    return {
        "query": query,
        "median_s": round(statistics.median(walls), 3),
        "runs_s": [round(w, 3) for w in walls],
        "inner": inner,
    }


def measure_update(kb: Any, con: sqlite3.Connection, n: int, seed: int) -> dict[str, Any]:
    from bench.worker import _row
    from kbclient.core.documents import parse_document
    from kbclient.core.kb import PackSpec

    count = min(UPDATE_COUNT, n)
    step = max(1, n // count)
    numbers = [1 + k * step for k in range(count)]
    docs = [(parse_document(raw, f"{i}.md"), raw) for i, raw in corpus_mod.revised(numbers, seed)]
    probe = f"benchrev{numbers[-1]:06d}"
    spec = PackSpec(id=PACK, title="Benchmark corpus 基准语料", version=2, base=1)
    t0 = time.perf_counter()
    report = kb.install_pack(spec, docs, removed=[])
    t1 = time.perf_counter()
    r = kb.search(probe, limit=20)
    t2 = time.perf_counter()
    r2 = kb.search("sandbox", limit=20, facets=True)
    t3 = time.perf_counter()

    from bench.fts5 import FtsRow

    rows = [_row(i, d, FtsRow) for i, (d, _raw) in zip(numbers, docs, strict=True)]
    f0 = time.perf_counter()
    fts5.update(con, rows)
    f1 = time.perf_counter()
    fr = fts5.search(con, probe)
    f2 = time.perf_counter()
    return {
        "docs": count,
        "changed": len(report.changed),
        "kb_install_s": round(t1 - t0, 3),
        "kb_first_search_after_ms": round((t2 - t1) * 1000, 1),
        "kb_second_search_after_ms": round((t3 - t2) * 1000, 1),
        "kb_update_to_searchable_s": round(t2 - t0, 3),
        "kb_probe_found": r.total == 1 and r2.total > 0,
        "fts_update_s": round(f1 - f0, 3),
        "fts_update_to_searchable_s": round(f2 - f0, 3),
        "fts_probe_found": fr.total == 1,
    }


def run_size(n: int, args: argparse.Namespace, corpus_dir: Path) -> dict[str, Any]:
    from kbclient.core.kb import KnowledgeBase

    queries = QUICK if args.quick else QUERIES
    repeats = args.repeats if args.repeats is not None else (2 if args.quick else 5)
    cold_runs = 1 if args.quick else 3
    work = args.work / f"work-{n}"
    if work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True)
    data, db = work / "kb", work / "fts.sqlite"

    sizes = [len(raw) for _i, raw in corpus_mod.read_corpus(corpus_dir, n)]
    result: dict[str, Any] = {
        "size": n,
        "seed": args.seed,
        "quick": args.quick,
        "machine": machine(),
        "engine_sources": engine_fingerprint(),
        "corpus": {
            "docs": n,
            "bytes": sum(sizes),
            "median_bytes": int(statistics.median(sizes)),
            "p99_bytes": int(percentile(sizes, 99)),
            "max_bytes": max(sizes),
        },
        "queries": len(queries),
        "repeats": repeats,
    }
    timeout = max(600.0, n * 0.2)

    log(f"{n}: building kbclient library + index (child process)")
    build, build_wall = run_worker(
        ["build-kb", "--corpus", str(corpus_dir), "--n", str(n), "--data", str(data)], timeout
    )
    build["wall_s"] = round(build_wall, 3)
    build["docs_per_s_install"] = round(n / float(build["install_s"]), 1)
    build["docs_per_s_total"] = round(n / float(build["total_s"]), 1)
    index_dir = data / "index"
    kb_res: dict[str, Any] = {
        "build": build,
        "index_bytes": dir_bytes(index_dir) if index_dir.exists() else None,
        "data_dir_bytes": dir_bytes(data),
    }
    log(
        f"{n}: install {build['install_s']} s ({build['docs_per_s_install']} docs/s), "
        f"peak RSS (tree) {build['peak_tree_rss_mb']} MB"
    )

    if args.rebuild:
        log(f"{n}: rebuilding the index from the library (child process)")
        rebuild, _w = run_worker(["rebuild-kb", "--data", str(data)], timeout)
        rebuild["docs_per_s"] = round(n / float(rebuild["rebuild_s"]), 1)
        kb_res["rebuild"] = rebuild
        kb_res["index_bytes_after_rebuild"] = dir_bytes(index_dir) if index_dir.exists() else None
        log(f"{n}: rebuild {rebuild['rebuild_s']} s ({rebuild['docs_per_s']} docs/s)")

    log(f"{n}: building FTS5 baseline (child process)")
    fbuild, fwall = run_worker(
        ["build-fts", "--corpus", str(corpus_dir), "--n", str(n), "--db", str(db)], timeout
    )
    fbuild["wall_s"] = round(fwall, 3)
    fbuild["docs_per_s_insert"] = round(n / float(fbuild["insert_s"]), 1)
    fbuild["docs_per_s_total"] = round(n / float(fbuild["total_s"]), 1)
    fts_res: dict[str, Any] = {
        "build": fbuild,
        "index_bytes": dir_bytes(db) + sum(dir_bytes(p) for p in db.parent.glob(db.name + "-*")),
    }

    log(f"{n}: queries ({len(queries)} × {repeats} after one warm-up, both engines)")
    t_open = time.perf_counter()
    kb = KnowledgeBase.open(data, install_builtin=False)
    kb_res["open_in_process_s"] = round(time.perf_counter() - t_open, 3)
    con = fts5.open_db(db)
    try:
        q = measure_queries(kb, con, queries, repeats)
        kb_res["query"] = q["kbclient"]
        kb_res["query_cold"] = q["kbclient_cold"]
        fts_res["query"] = q["fts5"]
        result["by_category"] = q["by_category"]
        result["per_query"] = q["per_query"]
        result["query_errors"] = q["errors"]
        log(
            f"{n}: kbclient p50/p95 {kb_res['query']['p50_ms']}/{kb_res['query']['p95_ms']} ms "
            f"(cold caches {kb_res['query_cold']['p50_ms']}/{kb_res['query_cold']['p95_ms']}), "
            f"FTS5 {fts_res['query']['p50_ms']}/{fts_res['query']['p95_ms']} ms"
        )

        log(f"{n}: cold start ({cold_runs} new processes)")
        kb_res["cold_start"] = measure_cold_start(data, "监管沙盒 sandbox", cold_runs)

        log(f"{n}: update of {min(UPDATE_COUNT, n)} documents (delta install)")
        upd = measure_update(kb, con, n, args.seed)
        kb_res["update"] = upd
    finally:
        kb.close()
        con.close()

    result["kbclient"] = kb_res
    result["fts5"] = fts_res
    kq, fq = kb_res["query"], fts_res["query"]
    result["ratios"] = {  # kbclient / FTS5: < 1 means kbclient is faster / smaller
        "p50": _ratio(kq["p50_ms"], fq["p50_ms"]),
        "p95": _ratio(kq["p95_ms"], fq["p95_ms"]),
        "p99": _ratio(kq["p99_ms"], fq["p99_ms"]),
        "build_docs_per_s": _ratio(build["docs_per_s_install"], fbuild["docs_per_s_insert"]),
        "index_bytes": _ratio(kb_res["index_bytes"], fts_res["index_bytes"]),
    }
    peak = float(build["peak_tree_rss_mb"])
    result["targets"] = {
        "p95_ms": {
            "target": TARGETS["p95_ms"],
            "value": kq["p95_ms"],
            "met": kq["p95_ms"] <= TARGETS["p95_ms"],
        },
        "p95_ratio_fts5": {
            "target": TARGETS["p95_ratio_fts5"],
            "value": result["ratios"]["p95"],
            "met": result["ratios"]["p95"] <= TARGETS["p95_ratio_fts5"],
        },
        "build_docs_per_s": {
            "target": TARGETS["build_docs_per_s"],
            "value": build["docs_per_s_install"],
            "met": build["docs_per_s_install"] >= TARGETS["build_docs_per_s"],
        },
        "peak_rss_mb": {
            "target": TARGETS["peak_rss_mb"],
            "value": round(peak, 1),
            "met": peak <= TARGETS["peak_rss_mb"],
        },
        "cold_start_s": {
            "target": TARGETS["cold_start_s"],
            "value": kb_res["cold_start"]["median_s"],
            "met": kb_res["cold_start"]["median_s"] <= TARGETS["cold_start_s"],
        },
        "update_100_s": {
            "target": TARGETS["update_100_s"],
            "value": upd["kb_update_to_searchable_s"],
            "met": upd["kb_update_to_searchable_s"] <= TARGETS["update_100_s"],
        },
    }
    result["loadavg_end"] = os.getloadavg()  # others' work on a shared machine shows here
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


def _ratio(a: Any, b: Any) -> float | None:
    try:
        return round(float(a) / float(b), 2)
    except (TypeError, ValueError, ZeroDivisionError):
        return None


def table(r: dict[str, Any]) -> str:
    k, f, ra, t = r["kbclient"], r["fts5"], r["ratios"], r["targets"]
    b, fb = k["build"], f["build"]
    kq, fq = k["query"], f["query"]

    def mb(x: Any) -> str:
        return f"{float(x) / 2**20:.0f} MB" if x is not None else "?"

    def met(key: str) -> str:
        return "yes" if t[key]["met"] else "NO"

    rows = [
        ("metric", "kbclient", "FTS5 trigram", "ratio kb/FTS5", "target met"),
        (
            "build docs/s (install / index only)",
            f"{b['docs_per_s_install']}",
            f"{fb['docs_per_s_insert']}",
            f"{ra['build_docs_per_s']}",
            met("build_docs_per_s"),
        ),
        ("build wall incl. parsing", f"{b['total_s']} s", f"{fb['total_s']} s", "", ""),
        (
            "peak RSS of build (process + workers)",
            f"{t['peak_rss_mb']['value']} MB",
            f"{fb['peak_tree_rss_mb']} MB",
            "",
            met("peak_rss_mb"),
        ),
        (
            "index size on disk",
            mb(k["index_bytes"]),
            mb(f["index_bytes"]),
            f"{ra['index_bytes']}",
            "",
        ),
        ("query p50", f"{kq['p50_ms']} ms", f"{fq['p50_ms']} ms", f"{ra['p50']}", ""),
        (
            "query p95",
            f"{kq['p95_ms']} ms",
            f"{fq['p95_ms']} ms",
            f"{ra['p95']}",
            f"{met('p95_ms')} (≤50 ms), {met('p95_ratio_fts5')} (ratio ≤1)",
        ),
        ("query p99", f"{kq['p99_ms']} ms", f"{fq['p99_ms']} ms", f"{ra['p99']}", ""),
        (
            "cold start to first result (median)",
            f"{k['cold_start']['median_s']} s",
            "",
            "",
            met("cold_start_s"),
        ),
        (
            f"update of {k['update']['docs']} docs → searchable",
            f"{k['update']['kb_update_to_searchable_s']} s",
            f"{k['update']['fts_update_to_searchable_s']} s",
            "",
            met("update_100_s"),
        ),
    ]
    if "rebuild" in k:
        rb = k["rebuild"]
        rows.insert(
            3,
            (
                "index rebuild from library docs/s",
                f"{rb['docs_per_s']} (peak RSS {rb['peak_tree_rss_mb']} MB)",
                "",
                "",
                "",
            ),
        )
    widths = [max(len(str(row[i])) for row in rows) for i in range(5)]
    lines = [f"== {r['size']} documents =="]
    for j, row in enumerate(rows):
        lines.append(" | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))
        if j == 0:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    ap.add_argument(
        "--sizes", default=None, help="comma-separated corpus sizes (default 10000,50000)"
    )
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out")
    ap.add_argument(
        "--quick", action="store_true", help="300 documents, a few queries (smoke test)"
    )
    ap.add_argument("--repeats", type=int, default=None, help="timed rounds per query (default 5)")
    ap.add_argument("--seed", type=int, default=corpus_mod.DEFAULT_SEED)
    ap.add_argument(
        "--rebuild",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="also time `index rebuild` from the library in a child process",
    )
    ap.add_argument(
        "--keep", action="store_true", help="keep the data dirs under <out>/work-<size>"
    )
    ap.add_argument("--corpus-dir", type=Path, default=CORPUS_DIR)
    args = ap.parse_args(argv)
    sizes = [int(s) for s in (args.sizes or ("300" if args.quick else "10000,50000")).split(",")]
    args.out.mkdir(parents=True, exist_ok=True)
    args.work = args.out

    corpus_dir = args.corpus_dir / f"seed{args.seed}"
    t0 = time.perf_counter()
    corpus_mod.write_corpus(corpus_dir, max(sizes), args.seed)
    log(
        f"corpus of {max(sizes)} documents ready in {corpus_dir} ({time.perf_counter() - t0:.1f} s)"
    )

    for n in sizes:
        result = run_size(n, args, corpus_dir)
        path = args.out / f"results-{n}.json"
        path.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(table(result), flush=True)
        print(f"(written to {path})\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
