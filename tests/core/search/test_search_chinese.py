"""Chinese word-boundary cases, mixed queries and recall against a substring scan."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kbclient.core.search import IndexDoc, SearchIndex
from kbclient.core.search.recall import classify, measure_recall


def doc(doc_id: str, title: str, text: str, **kw: object) -> IndexDoc:
    return IndexDoc(id=doc_id, pack="p", title=title, text=text, **kw)  # type: ignore[arg-type]


# (query, document text, found?) — each text segmented by rjieba as noted
BOUNDARY_CASES = [
    ("孵化", "我们建设了科技孵化器", True),  # 孵化器 is one word
    ("沙盒", "本文讨论监管沙盒的设计", True),  # 监管|沙盒
    ("监管沙盒", "本文讨论监管沙盒的设计", True),
    ("行长", "他是该行副行长", True),  # 副行长
    ("隐私计算", "推动隐私计算技术落地", True),  # 隐私|计算技术
    ("金融科技", "金融科技发展规划", True),  # 金融|科技
    ("金融科技", "推进金融和科技融合", False),  # a typed term is found as a term...
    ("金融 科技", "推进金融和科技融合", True),  # ...words separated by spaces are ANDed
    ("开放银行", "开放数据与银行系统", False),
    ("开放银行", "推进开放银行建设", True),
    ('"金融科技"', "推进金融和科技融合", False),  # the phrase needs adjacency
    ("人民银行", "中国人民银行发布", True),  # inside one word
    ("数据安全", "数据安全法", True),  # 数据|安全法: the compound's own parts
    ("数据安全", "加强数据安全管理", True),
    ("数字人民币", "数字人民币试点", True),
    ("海淀", "北京市海淀区", True),
    ("中关村", "中关村人才计划", True),
    ("反洗钱", "反洗钱义务", True),
    ("和平", "世界和平与发展", True),
    ("和平", "科技和平台的关系", False),  # 科技|和|平台
    ("上海", "在此基础上海淀区推出人才计划", False),  # 此基础|上|海淀区
    ("长期", "银行长期贷款", True),  # 长期贷款 is one word
    ("行长", "银行长期贷款", False),  # 银行|长期贷款
    ("市长", "南京市长江大桥", False),  # 南京市|长江大桥
    ("的确", "他说的确实在理", False),  # 的|确实
    ("尚未", "结婚的和尚未结婚的", True),
    ("和尚", "结婚的和尚未结婚的", False),  # 和|尚未
]


@pytest.fixture
def boundary_index(index: SearchIndex, one_part: Callable[..., str]) -> tuple[SearchIndex, str]:
    texts = sorted({t for _, t, _ in BOUNDARY_CASES})
    docs = [doc(f"t{i}", "", t) for i, t in enumerate(texts)]
    return index, one_part(docs)


@pytest.mark.parametrize(("query", "text", "found"), BOUNDARY_CASES)
def test_word_boundary_cases(
    boundary_index: tuple[SearchIndex, str], query: str, text: str, found: bool
) -> None:
    index, part = boundary_index
    res = index.search(query, parts=[part], limit=50)
    hit_texts = {index._text_lookup([h.id])[h.id] for h in res.hits}
    assert (text in hit_texts) is found


def test_single_character_query_finds_words_it_starts(
    index: SearchIndex, one_part: Callable[..., str]
) -> None:
    part = one_part([doc("a", "", "科技和平台"), doc("b", "", "我们建设了科技孵化器")])
    assert {h.id for h in index.search("和", parts=[part]).hits} == {"a"}
    assert {h.id for h in index.search("孵", parts=[part]).hits} == {"b"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("API 安全", {"m1"}),
        ("API安全", {"m1"}),
        ("KYC 流程", {"m2"}),
        ('"API安全"', {"m1"}),
        ('"open banking API"', {"m3"}),
        ('"banking open"', set()),
        ('"数字人民币"', {"m4"}),
        ("e-CNY", {"m4"}),
    ],
)
def test_mixed_queries_and_phrases(
    index: SearchIndex, one_part: Callable[..., str], query: str, expected: set[str]
) -> None:
    part = one_part(
        [
            doc("m1", "开放银行API安全", "接口需要认证。"),
            doc("m2", "客户尽职调查", "KYC流程包括身份核验。"),
            doc("m3", "Open banking", "An open banking API lets customers share data. 开放银行"),
            doc("m4", "数字人民币", "数字人民币试点扩大。The e-CNY pilot grows."),
        ]
    )
    assert {h.id for h in index.search(query, parts=[part]).hits} == expected


def test_recall_has_no_real_misses_on_the_boundary_table(
    boundary_index: tuple[SearchIndex, str],
) -> None:
    index, part = boundary_index
    docs: list[IndexDoc] = [
        doc(i, "", t)
        for i, t in index._text_lookup.items()  # type: ignore[attr-defined]
    ]
    words = sorted({q for q, _, _ in BOUNDARY_CASES if not q.startswith('"')})
    report = measure_recall(docs, words, index, parts=[part])
    assert report.real_misses == 0, report.summary()
    by_word = {w.word: w for w in report.words}
    assert by_word["和平"].cross_boundary and not by_word["和平"].real_misses
    assert by_word["上海"].cross_boundary
    assert by_word["孵化"].recall == 1.0
    assert "recall" in report.summary()


def test_classify() -> None:
    assert classify("科技和平台", "和平", ["和平"]) == "cross"
    assert classify("我们建设了科技孵化器", "孵化", ["孵化"]) == "match"
    assert classify("数据安全法", "数据安全", ["数据安全"]) == "match"
    assert classify("abc", "和平", ["和平"]) == "none"
