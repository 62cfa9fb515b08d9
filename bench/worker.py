"""Child-process steps of the benchmark, so that each one's wall time and peak RSS are its own.

    python -m bench.worker build-kb  --corpus DIR --n N --data DIR
    python -m bench.worker rebuild-kb --data DIR
    python -m bench.worker build-fts --corpus DIR --n N --db FILE

Each prints one JSON object on its last stdout line; progress goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def peak_rss_mb() -> dict[str, float]:
    """Peak RSS of this process and of its (already waited-for) children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(own, 1), "peak_rss_children_mb": round(kids, 1)}


def current_rss_mb() -> float:
    with open("/proc/self/statm") as f:
        pages = int(f.read().split()[1])
    return round(pages * resource.getpagesize() / 2**20, 1)


class _Progress:
    def __init__(self, label: str) -> None:
        self.label = label
        self.t0 = time.perf_counter()
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        if total <= 0:
            return
        step = int(10 * done / total)
        if step != self.last:
            self.last = step
            el = time.perf_counter() - self.t0
            print(f"  [{self.label}] {done}/{total} ({el:.0f} s)", file=sys.stderr, flush=True)


def parse_corpus(corpus: Path, n: int) -> Iterator[tuple[Any, bytes]]:
    from bench.corpus import read_corpus
    from kbclient.core.documents import parse_document

    for ident, raw in read_corpus(corpus, n):
        yield parse_document(raw, f"{ident}.md"), raw


def build_kb(corpus: Path, n: int, data: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    from kbclient.core.kb import KnowledgeBase, PackSpec

    docs = list(parse_corpus(corpus, n))
    t_read = time.perf_counter()
    for doc, _raw in docs:  # the cached plain text, so that install_s is library + index only
        _ = doc.plain_text
    t_parsed = time.perf_counter()
    rss_docs = current_rss_mb()
    kb = KnowledgeBase.open(data, install_builtin=False)
    t_open = time.perf_counter()
    spec = PackSpec(id="bench", title="Benchmark corpus 基准语料", version=1)
    report = kb.install_pack(spec, docs, progress=_Progress("install"))
    t_installed = time.perf_counter()
    kb.close()
    t_end = time.perf_counter()
    return {
        "docs": n,
        "indexed": report.indexed,
        "parse_s": round(t_read - t0, 3),
        "plain_text_s": round(t_parsed - t_read, 3),
        "open_s": round(t_open - t_parsed, 3),
        "install_s": round(t_installed - t_open, 3),
        "close_s": round(t_end - t_installed, 3),
        "total_s": round(t_end - t0, 3),
        "rss_after_parse_mb": rss_docs,
        **peak_rss_mb(),
    }


def rebuild_kb(data: Path) -> dict[str, Any]:
    t0 = time.perf_counter()
    from kbclient.core.kb import KnowledgeBase

    kb = KnowledgeBase.open(data, install_builtin=False, repair=False)
    t_open = time.perf_counter()
    n = kb.document_count()
    kb.rebuild_index(progress=_Progress("rebuild"))
    t_done = time.perf_counter()
    kb.close()
    return {
        "docs": n,
        "open_s": round(t_open - t0, 3),
        "rebuild_s": round(t_done - t_open, 3),
        "total_s": round(time.perf_counter() - t0, 3),
        **peak_rss_mb(),
    }


def fts_rows(corpus: Path, n: int) -> Iterator[Any]:
    from bench.fts5 import FtsRow

    for number, (doc, _raw) in enumerate(parse_corpus(corpus, n), start=1):
        yield _row(number, doc, FtsRow)


def _row(number: int, doc: Any, cls: type) -> Any:
    d = doc  # kbclient.core.documents.Document
    return cls(
        rowid=number,
        id=d.id,
        title=d.title,
        body=d.plain_text,
        kind=d.kind,
        lang=d.lang,
        org=d.org,
        tags=tuple(d.tags),
    )


def build_fts(corpus: Path, n: int, db: Path) -> dict[str, Any]:
    from bench import fts5

    t0 = time.perf_counter()
    rows = list(fts_rows(corpus, n))  # parse first, so insert time is separate
    t_parsed = time.perf_counter()
    fts5.build(db, rows)
    t_end = time.perf_counter()
    return {
        "docs": n,
        "parse_s": round(t_parsed - t0, 3),
        "insert_s": round(t_end - t_parsed, 3),
        "total_s": round(t_end - t0, 3),
        **peak_rss_mb(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.worker")
    ap.add_argument("step", choices=("build-kb", "rebuild-kb", "build-fts"))
    ap.add_argument("--corpus", type=Path)
    ap.add_argument("--n", type=int)
    ap.add_argument("--data", type=Path)
    ap.add_argument("--db", type=Path)
    a = ap.parse_args(argv)
    if a.step == "build-kb":
        out = build_kb(a.corpus, a.n, a.data)
    elif a.step == "rebuild-kb":
        out = rebuild_kb(a.data)
    else:
        out = build_fts(a.corpus, a.n, a.db)
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
