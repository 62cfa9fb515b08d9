"""Annotation benchmark: 10k annotations over 1k documents (issue 6).

    .venv/bin/python -m bench.annotations [--docs 1000] [--per-doc 10] [--hot 200] [--repeats 5]

Builds a store in a temp dir: `docs` synthetic documents (≈ 6 KB of mixed zh/en text
each), `per-doc` annotations on each, plus one "hot" document carrying `hot` annotations
(10k in all by default). Then, in this process, median of `repeats`:

- open (warm): `store.for_document(hot, text=…, version=…)` when the anchors are current —
  what the reader does when it opens the document (load + anchor check);
- open after revision: the same on a revised text (every annotation re-anchored: text
  inserted before, a word changed inside ~10 % of the quotes, one passage deleted);
- reanchor: `reanchor_document()` of the hot document onto another revision;
- save: one `store.save()` (durable, synchronous=FULL); draft: one `save_draft()`.

Prints the figures and one JSON line (for docs/PERFORMANCE.md).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

from kbclient.core.annotations.model import create_annotation
from kbclient.core.annotations.reanchor import reanchor_document
from kbclient.core.annotations.store import AnnotationStore

WORDS_EN = (
    "liquidity coverage ratio sandbox pilot supervisor risk capital market credit "
    "operational customers report quarter regulator fintech payment clearing ledger"
).split()
WORDS_ZH = "监管 沙盒 试点 风险 评估 方法 金融 科技 支付 清算 客户 机构 资本 流动性".split()


def make_text(rng: random.Random, sentences: int = 60) -> str:
    out = []
    for i in range(sentences):
        if i % 3 == 0:
            out.append("".join(rng.choice(WORDS_ZH) for _ in range(rng.randint(8, 16))) + "。")
        else:
            words = [rng.choice(WORDS_EN) for _ in range(rng.randint(8, 16))]
            out.append(" ".join(words).capitalize() + f" {rng.randint(1, 9999)}.")
        if i % 6 == 5:
            out.append("\n\n")
    return " ".join(out)


def annotate(store: AnnotationStore, rng: random.Random, doc: str, text: str, n: int) -> None:
    items = []
    for _ in range(n):
        start = rng.randrange(0, len(text) - 80)
        end = start + rng.randint(15, 60)
        items.append(
            create_annotation(
                text,
                start,
                end,
                doc=doc,
                doc_version=1,
                author=rng.choice(["alice", "bob"]),
                team="risk",
                note="note " * rng.randint(1, 20),
                tags=[rng.choice(WORDS_EN)],
            )
        )
    store.save_many(items)


def revise(text: str, rng: random.Random, version: int) -> str:
    """Text inserted before, ~1 word in 10 changed, one passage deleted."""
    words = text.split(" ")
    for i in range(0, len(words), 10):
        if rng.random() < 0.3:
            words[i] = words[i] + "x"
    body = " ".join(words)
    cut = len(body) // 2
    return f"Revision {version} preface.\n\n" + body[:cut] + body[cut + 200 :]


def median_ms(fn, repeats: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--per-doc", type=int, default=10)
    ap.add_argument("--hot", type=int, default=200)
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    rng = random.Random(42)
    with tempfile.TemporaryDirectory() as tmp:
        store = AnnotationStore(Path(tmp) / "annotations.sqlite3")
        started = time.perf_counter()
        for d in range(args.docs - 1):
            annotate(store, rng, f"doc-{d:05d}", make_text(rng), args.per_doc)
        hot_text = make_text(rng, 120)
        annotate(store, rng, "hot", hot_text, args.hot)
        build_s = time.perf_counter() - started
        total = store.count()

        store.for_document("hot", text=hot_text, version=1)  # anchors current
        open_warm = median_ms(
            lambda: store.for_document("hot", text=hot_text, version=1), args.repeats
        )

        revisions = [revise(hot_text, random.Random(v), v) for v in range(2, 2 + 2 * args.repeats)]
        it = iter(revisions[: args.repeats])
        open_revised = median_ms(
            lambda: store.for_document("hot", text=next(it), version=2), args.repeats
        )
        it2 = iter(revisions[args.repeats :])
        reports = []
        reanchor = median_ms(
            lambda: reports.append(reanchor_document(store, "hot", next(it2), 3)), args.repeats
        )
        orphaned = statistics.median(len(r.orphaned) for r in reports)
        one = create_annotation(
            hot_text, 5, 40, doc="hot", doc_version=1, author="alice", team="risk"
        )
        save = median_ms(lambda: store.save(one), args.repeats * 4)
        draft = median_ms(lambda: store.save_draft(one.id, "typing…"), args.repeats * 4)
        store.close()
    figures = {
        "annotations": total,
        "documents": args.docs,
        "hot_annotations": args.hot,
        "build_s": round(build_s, 2),
        "open_ms": round(open_warm, 2),
        "open_after_revision_ms": round(open_revised, 2),
        "reanchor_ms": round(reanchor, 2),
        "orphaned_median": orphaned,
        "save_ms": round(save, 2),
        "draft_ms": round(draft, 2),
    }
    print(f"{total} annotations over {args.docs} documents (store built in {build_s:.1f} s)")
    print(
        f"open a document with {args.hot} annotations (anchors current): {open_warm:.1f} ms"
        "  [target <= 200 ms]"
    )
    print(
        f"open it after a revision (all re-anchored):             {open_revised:.1f} ms"
        "  [target <= 200 ms]"
    )
    print(
        f"re-anchor {args.hot} annotations after a revision:        {reanchor:.1f} ms"
        f"  [target <= 1000 ms]  ({orphaned:g} orphaned: the deleted passage)"
    )
    print(f"save one annotation (durable): {save:.2f} ms; save a draft: {draft:.2f} ms")
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
