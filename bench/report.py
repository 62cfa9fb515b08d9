"""Markdown tables for docs/PERFORMANCE.md from bench/out/results-<size>.json files.

python -m bench.report bench/out/results-10000.json [bench/out/results-50000.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def _yes(t: dict[str, Any], key: str) -> str:
    return "met" if t[key]["met"] else "**not met**"


def markdown(r: dict[str, Any]) -> str:
    k, f, ra, t = r["kbclient"], r["fts5"], r["ratios"], r["targets"]
    b, fb, kq, fq = k["build"], f["build"], k["query"], f["query"]
    cs, up = k["cold_start"], k["update"]
    at50 = " (target is for 50k)" if r["size"] != 50000 else ""
    lines = [
        f"### {r['size']:,} documents ({r['corpus']['bytes'] / 2**20:.0f} MB of Markdown, "
        f"median {r['corpus']['median_bytes'] / 1000:.1f} KB)",
        "",
        "| figure | kbclient | FTS5 trigram | kbclient / FTS5 | target | |",
        "|---|---|---|---|---|---|",
        f"| index build, docs/s (install; FTS5: insert) | {b['docs_per_s_install']} | "
        f"{fb['docs_per_s_insert']} | {ra['build_docs_per_s']} | ≥ 100 "
        f"| {_yes(t, 'build_docs_per_s')} |",
        f"| build wall time incl. parsing | {b['total_s']:.0f} s | {fb['total_s']:.0f} s | | | |",
    ]
    if "rebuild" in k:
        rb = k["rebuild"]
        lines.append(
            f"| `index rebuild` from the library, docs/s | {rb['docs_per_s']} "
            f"(peak RSS {rb['peak_tree_rss_mb']:.0f} MB) | | | | |"
        )
    lines += [
        f"| peak RSS of the build (process + workers) | {t['peak_rss_mb']['value']:.0f} MB "
        f"(documents alone: {b['rss_after_parse_mb']:.0f} MB) "
        f"| {fb['peak_tree_rss_mb']:.0f} MB | | ≤ 600 MB "
        f"| {_yes(t, 'peak_rss_mb')} |",
        f"| index size on disk | {k['index_bytes'] / 2**20:.0f} MB "
        f"| {f['index_bytes'] / 2**20:.0f} MB "
        f"(incl. text) | {ra['index_bytes']} | | |",
        f"| query p50 | {kq['p50_ms']} ms | {fq['p50_ms']} ms | {ra['p50']} | | |",
        f"| query p95 | {kq['p95_ms']} ms | {fq['p95_ms']} ms | {ra['p95']} "
        f"| ≤ 50 ms{at50}; ratio ≤ 1.0 "
        f"| {_yes(t, 'p95_ms')}; ratio {_yes(t, 'p95_ratio_fts5')} |",
        f"| query p99 | {kq['p99_ms']} ms | {fq['p99_ms']} ms | {ra['p99']} | | |",
        f"| cold start to first result (median of {len(cs['runs_s'])}) | {cs['median_s']} s "
        f"(import {cs['inner'][0]['import_s']} s, open {cs['inner'][0]['open_s']} s, query "
        f"{cs['inner'][0]['first_query_s']} s) | | | ≤ 1.5 s{at50} | {_yes(t, 'cold_start_s')} |",
        f"| update of {up['docs']} documents → searchable | {up['kb_update_to_searchable_s']} s "
        f"(install {up['kb_install_s']} s, first search {up['kb_first_search_after_ms']} ms) | "
        f"{up['fts_update_to_searchable_s']} s | | ≤ 5 s{at50} | {_yes(t, 'update_100_s')} |",
        "",
        f"{r['queries']} queries × {r['repeats']} rounds. Per category (p50 / p95 ms):",
        "",
        "| category | kbclient | FTS5 |",
        "|---|---|---|",
    ]
    for cat, v in r["by_category"].items():
        lines.append(
            f"| {cat} | {v['kb_p50_ms']} / {v['kb_p95_ms']} "
            f"| {v['fts_p50_ms']} / {v['fts_p95_ms']} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    for p in argv if argv is not None else sys.argv[1:]:
        print(markdown(json.loads(Path(p).read_text(encoding="utf-8"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
