"""The bilingual analyzer: English stems, Chinese bigrams with word boundaries, positions."""

from __future__ import annotations

import pytest

from kbclient.core.search.analyzer import index_tokens, positions_map, run_tokens, stem
from kbclient.core.search.query import chain_terms, fine_pieces, word_patterns


def terms(text: str) -> list[str]:
    return [t for t, _ in index_tokens(text)]


@pytest.mark.parametrize(
    "words",
    [
        ("regulation", "regulated", "regulating", "regulations"),
        ("sandbox", "sandboxes", "sandboxing"),
        ("tokenized", "tokenization", "tokenize", "tokens"),
        ("bank", "banks", "banking"),
        ("computing", "computation", "compute"),
    ],
)
def test_english_forms_share_a_stem(words: tuple[str, ...]) -> None:
    assert len({stem(w) for w in words}) == 1


def test_latin_tokens_are_lowercased_and_split_on_punctuation() -> None:
    assert terms("API KYC OAuth2 e-CNY ISO20022") == [
        "api",
        "kyc",
        "oauth2",
        "e",
        "cni",
        "iso20022",
    ]
    assert terms("Ｔｅｓｔ") == ["test"]  # full-width letters are NFKC-normalised


def test_chinese_bigrams_mark_word_boundaries() -> None:
    toks = list(index_tokens("科技和平台"))  # rjieba: 科技|和|平台
    assert toks == [("科技", 0), ("技|和", 1), ("和", 2), ("和|平", 2), ("平台", 3)]
    assert "和平" not in positions_map("科技和平台")
    assert "上海" not in positions_map("在此基础上海淀区")


def test_positions_are_monotonic_across_scripts() -> None:
    toks = list(index_tokens("开放银行API安全 open banking"))
    assert [p for _, p in toks] == sorted(p for _, p in toks)
    pos = dict(toks)
    assert pos["api"] == pos["银行"] + 1
    assert pos["安全"] == pos["api"] + 1
    assert pos["open"] == pos["安全"] + 1


def test_sections_break_phrases() -> None:
    pos = dict(index_tokens("alpha\x1ebeta"))
    assert pos["beta"] - pos["alpha"] > 1


def test_run_chain_includes_a_final_one_character_word() -> None:
    _, chain = run_tokens("数据和", ["数据", "和"])
    assert chain == 3
    assert chain_terms("数据和", ["数据", "和"]) == ["数据", "据|和", "和"]
    assert chain_terms("孵化器", None) == ["孵化", "化器"]


def test_fine_pieces_tile_a_compound() -> None:
    assert fine_pieces("数据安全") == ["数据", "安全"]
    assert fine_pieces("中国人民银行") == ["中国", "人民", "银行"]
    assert ["数据", "据|安", "安全"] in word_patterns("数据安全", ["数据安全"])
