"""Chinese recall of kbclient's search against a plain substring scan, misses classified.

`python -m bench.recall [--data-dir DIR]`: without --data-dir the built-in library is
installed into a fresh data dir; with it, an existing library (e.g. one the benchmark
built from `bench.corpus`) is measured. For each word of a fixed list, the documents whose
indexed text contains the word are compared with the documents the search finds; each miss
is classified (kbclient.core.search.recall): *cross-boundary* misses are correct (和平 in
科技|和|平台), *split* misses a known limitation, *real* misses bugs.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from kbclient.core.kb import KnowledgeBase, index_doc_from_row
from kbclient.core.search.recall import measure_recall

WORDS = [
    # domain words, 2 to 5 characters
    "隐私计算",
    "监管沙盒",
    "沙盒",
    "开放银行",
    "数字人民币",
    "人民币",
    "反洗钱",
    "孵化器",
    "孵化",
    "中关村",
    "海淀区",
    "海淀",
    "风险评估",
    "数据治理",
    "信用评分",
    "金融科技",
    "科技",
    "平台",
    "联邦学习",
    "多方安全计算",
    "可信执行环境",
    "数据安全",
    "身份核验",
    "客户尽职调查",
    "智能合约",
    "补贴",
    "申请条件",
    "截止日期",
    "人才",
    "标准",
    "征求意见稿",
    "接口",
    "加密",
    "认证",
    "审计",
    "行长",
    "副行长",
    "试点",
    "监管",
    "数据分类分级",
    # words that only touch across word boundaries in some documents
    "和平",
    "上海",
    "技和",
    "础上",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="an existing library (default: built-in)")
    parser.add_argument("--json", type=Path, help="also write the per-word figures here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        kb = KnowledgeBase.open(args.data_dir or Path(tmp) / "data")
        try:
            docs = [
                index_doc_from_row(row)
                for pack in kb.packs()
                for row in kb.library.iter_rows(pack.id)
            ]
            report = measure_recall(docs, WORDS, kb.index, parts=kb.library.index_parts())
        finally:
            kb.close()
    print(f"{len(docs)} documents")
    print(report.summary())
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "word": w.word,
                        "substring": w.substring,
                        "found": w.found,
                        "cross_boundary": len(w.cross_boundary),
                        "split": len(w.split_misses),
                        "real": len(w.real_misses),
                        "extra": len(w.extra),
                    }
                    for w in report.words
                ],
                ensure_ascii=False,
                indent=1,
            ),
            encoding="utf-8",
        )
    return 1 if report.real_misses else 0


if __name__ == "__main__":
    sys.exit(main())
