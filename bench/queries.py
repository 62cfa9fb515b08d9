"""The fixed mixed query set of the benchmark, in kbclient's query syntax.

Each query is (text, prefix_last, category). `prefix_last=True` is what the search box sends
while the user types (the last word is a prefix). Never reorder or edit entries in place:
figures in docs/PERFORMANCE.md are comparable only over the same set; append new ones.
"""

from __future__ import annotations

from typing import NamedTuple


class Query(NamedTuple):
    text: str
    prefix_last: bool
    category: str


QUERIES: tuple[Query, ...] = (
    # single English words (stemmed forms meet in kbclient; FTS5-trigram matches substrings)
    Query("sandbox", False, "en-word"),
    Query("regulation", False, "en-word"),
    Query("compliance", False, "en-word"),
    Query("encryption", False, "en-word"),
    Query("incubator", False, "en-word"),
    Query("subsidies", False, "en-word"),
    Query("Zhongguancun", False, "en-word"),
    Query("monitoring", False, "en-word"),
    # AND of two words
    Query("credit scoring", False, "en-and"),
    Query("privacy governance", False, "en-and"),
    Query("wallet payment", False, "en-and"),
    Query("sandbox consumer", False, "en-and"),
    Query("talent subsidy", False, "en-and"),
    Query("KYC screening", False, "en-and"),
    # phrases
    Query('"open banking"', False, "phrase"),
    Query('"federated learning"', False, "phrase"),
    Query('"regulatory sandbox"', False, "phrase"),
    Query('"digital RMB"', False, "phrase"),
    Query('"housing subsidy"', False, "phrase"),
    # Chinese two-character words (trigram cannot index them)
    Query("沙盒", False, "zh-2"),
    Query("孵化", False, "zh-2"),
    Query("试点", False, "zh-2"),
    Query("征信", False, "zh-2"),
    Query("补贴", False, "zh-2"),
    Query("流程", False, "zh-2"),
    # Chinese 3- to 5-character words
    Query("监管沙盒", False, "zh-4"),
    Query("隐私计算", False, "zh-4"),
    Query("联邦学习", False, "zh-4"),
    Query("开放银行", False, "zh-4"),
    Query("信用评分", False, "zh-4"),
    Query("风险评估", False, "zh-4"),
    Query("海淀区", False, "zh-4"),
    Query("反洗钱", False, "zh-4"),
    Query("数字人民币", False, "zh-4"),
    # mixed Chinese + English
    Query("API 安全", False, "mixed"),
    Query("KYC 流程", False, "mixed"),
    Query("open banking 接口", False, "mixed"),
    Query("federated learning 联邦学习", False, "mixed"),
    Query("e-CNY 试点", False, "mixed"),
    # field filters
    Query("kind:standard-draft 数据", False, "filter"),
    Query("kind:talent-guide 补贴", False, "filter"),
    Query("lang:en sandbox", False, "filter"),
    Query("kind:research-note 隐私计算", False, "filter"),
    # explicit prefixes
    Query("fin*", False, "prefix"),
    Query("regul*", False, "prefix"),
    Query("sand*", False, "prefix"),
    Query("priv*", False, "prefix"),
    Query("incub*", False, "prefix"),
    # search-as-you-type: the last word is still being typed
    Query("open bank", True, "as-you-type"),
    Query("privacy comp", True, "as-you-type"),
    Query("credit sc", True, "as-you-type"),
    Query("talent prog", True, "as-you-type"),
    # NOT and OR
    Query("数字人民币 -试点", False, "not"),
    Query("sandbox -exit", False, "not"),
    Query("孵化器 OR 加速器", False, "or"),
    Query("sandbox OR pilot", False, "or"),
)

# The few queries of `--quick` (one per kind of query).
QUICK: tuple[Query, ...] = tuple(
    q
    for q in QUERIES
    if q.text
    in {
        "sandbox",
        "credit scoring",
        '"open banking"',
        "沙盒",
        "监管沙盒",
        "API 安全",
        "kind:standard-draft 数据",
        "fin*",
        "open bank",
        "数字人民币 -试点",
    }
)
