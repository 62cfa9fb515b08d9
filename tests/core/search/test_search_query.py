"""The tolerant query language: every feature, and junk that must still search."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kbclient.core.search import IndexDoc, SearchIndex
from kbclient.core.search.query import MAX_CLAUSES, parse


def doc(doc_id: str, title: str, text: str, **kw: object) -> IndexDoc:
    return IndexDoc(id=doc_id, pack="p", title=title, text=text, **kw)  # type: ignore[arg-type]


DOCS = [
    doc(
        "a",
        "Regulatory sandbox",
        "The sandbox regulated fintech pilots. 监管沙盒试点。",
        kind="research-note",
        tags=("regtech", "监管沙盒"),
        org="Org A",
        lang="mixed",
        updated="2020-01-01",
    ),
    doc(
        "b",
        "Open banking API",
        "Open banking APIs and KYC flows. 开放银行接口安全。",
        kind="standard-draft",
        tags=("api",),
        org="Org B",
        lang="en",
        updated="2021-06-01",
    ),
    doc(
        "c",
        "隐私计算白皮书",
        "隐私计算与联邦学习。finance and financial inclusion.",
        kind="research-note",
        tags=("privacy",),
        org="Org A",
        lang="zh",
        updated="2019-03-01",
        status="draft",
    ),
]


@pytest.fixture
def part(one_part: Callable[..., str]) -> str:
    return one_part(DOCS)


def ids(index: SearchIndex, part: str, q: str, **kw: object) -> set[str]:
    return {h.id for h in index.search(q, parts=[part], limit=50, **kw).hits}  # type: ignore[arg-type]


def test_parse_features() -> None:
    pq = parse('alpha "open banking" beta OR gamma -delta NOT eps kind:note tag:"监管 沙盒" fin*')
    assert [[c.text for c in g] for g in pq.groups] == [
        ["alpha"],
        ["open banking"],
        ["beta", "gamma"],
        ["fin"],
    ]
    assert pq.groups[1][0].kind == "phrase"
    assert pq.groups[-1][0].prefix
    assert [c.text for c in pq.negated] == ["delta", "eps"]
    assert pq.filters == {"kind": ["note"], "tags": ["监管 沙盒"]}


def test_parse_caps_and_junk() -> None:
    assert len(parse(" ".join(f"w{i}" for i in range(500))).groups) == MAX_CLAUSES
    assert parse('"unbalanced words').groups[0][0].text == "unbalanced"
    assert parse("kind:").filters == {}
    assert parse("-").groups == [] and parse("-").negated == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("sandbox", {"a"}),
        ("sandboxes regulating", {"a"}),  # stems
        ("sandbox OR KYC", {"a", "b"}),
        ("sandbox | KYC", {"a", "b"}),
        ("banking -KYC", set()),
        ("banking NOT sandbox", {"b"}),
        ('"open banking"', {"b"}),
        ('"banking open"', set()),
        ("financ*", {"c"}),
        ("fin*", {"a", "c"}),  # fintech, finance, financial
        ("kind:research-note", {"a", "c"}),
        ('kind:"standard-draft"', {"b"}),
        ("tag:监管沙盒", {"a"}),
        ("tag:RegTech", {"a"}),
        ('org:"Org A" 隐私', {"c"}),
        ("lang:en", {"b"}),
        ("pack:p status:draft", {"c"}),
        ("kind:research-note -kind:standard-draft 沙盒", {"a"}),
        ("(sandbox OR 隐私)", {"a", "c"}),
        ("沙盒 regtech", {"a"}),  # a tag word is searchable
        ("监管沙盒风险", set()),  # AND of words: 风险 is in no document
        ("监管沙盒试点", {"a"}),
    ],
)
def test_syntax(index: SearchIndex, part: str, query: str, expected: set[str]) -> None:
    assert ids(index, part, query) == expected


@pytest.mark.parametrize(
    "junk",
    [
        '"',
        '"open banking',
        "-",
        "--",
        "- -",
        "kind:",
        "tag:",
        'kind:"',
        "OR",
        "NOT",
        "AND",
        "OR sandbox",
        "sandbox OR",
        "*",
        "***",
        "fin**",
        "((",
        "))",
        "()",
        ":::",
        "!!!",
        "🙂🙂",
        "sandbox 🙂",
        "\x00\x01\x1f sandbox \x7f",
        "\u200b",
        "x" * 10_000,
        "沙盒 " * 3000,
        " ",
        "",
        "\t\n",
        "a" * 200 + "*",
        "kind:research-note:extra",
        "——",
        "。，、",
        "%s %d {0}",
        "\\",
        "'; DROP TABLE docs; --",
        "tag:,",
        "a:b:c",
    ],
)
def test_malformed_queries_never_raise(index: SearchIndex, part: str, junk: str) -> None:
    res = index.search(junk, parts=[part])
    assert res.total >= 0
    res = index.search(junk, parts=[part], prefix_last=True, sort="date")
    assert res.total >= 0


def test_junk_around_words_still_searches_them(index: SearchIndex, part: str) -> None:
    assert ids(index, part, '"sandbox') == {"a"}
    assert ids(index, part, "sandbox -") == {"a"}
    assert ids(index, part, "kind: sandbox") == {"a"}
    assert ids(index, part, "🙂 sandbox ！") == {"a"}
    assert ids(index, part, "sandbox " + "x" * 5000) == set()  # AND with a missing word


def test_prefix_last(index: SearchIndex, part: str) -> None:
    assert ids(index, part, "sandb") == set()
    assert ids(index, part, "sandb", prefix_last=True) == {"a"}
    assert ids(index, part, "KYC ban", prefix_last=True) == {"b"}
    # a trailing space means the word is complete
    assert ids(index, part, "sandb ", prefix_last=True) == set()


def test_filters_argument(index: SearchIndex, part: str) -> None:
    assert ids(index, part, "", filters={"kind": ["research-note"]}) == {"a", "c"}
    assert ids(index, part, "", filters={"kind": ["research-note", "standard-draft"]}) == {
        "a",
        "b",
        "c",
    }
    assert ids(index, part, "sandbox", filters={"kind": ["standard-draft"]}) == set()
    assert ids(index, part, "", filters={"tag": ["API"]}) == {"b"}
    assert ids(index, part, "kind:research-note", filters={"lang": ["zh"]}) == {"c"}
    assert ids(index, part, "") == set()
    assert index.search("", parts=[part]).total == 0


def test_terms_are_the_positive_words(index: SearchIndex, part: str) -> None:
    res = index.search('sandbox "open banking" 监管沙盒 -KYC kind:x fin*', parts=[part])
    assert res.terms == ("sandbox", "open banking", "监管沙盒", "fin")
