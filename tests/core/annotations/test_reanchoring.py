"""The re-anchoring test set: document revisions with the expected outcome of each.

Every case is a pair of texts. In the OLD text ``[[…]]`` marks the annotated passage; in
the NEW text ``[[…]]`` marks where a person would say that passage now is, and no marks
mean "the passage is gone" (the annotation must be orphaned, not attached elsewhere). The
marks are removed before anchoring. A found span counts as correct when it overlaps the
expected one by ≥ 80 % (Jaccard; small edits at the quote's edges may shift its ends by a
character or two). The share anchored correctly is printed (`-s` shows it) and must be
100 % — every case here is one where a person agrees on the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from kbclient.core.annotations.anchoring import ORPHANED, Anchorer, AnchorResult
from kbclient.core.annotations.model import selectors_for

_MARK = re.compile(r"\[\[(.*?)\]\]", re.S)

EN = (
    "Regulatory sandboxes let firms test new financial products with real customers under "
    "supervision. The sandbox pilot programme in Beijing admitted twelve firms in 2019.\n\n"
    "Each firm must report its liquidity coverage ratio to the supervisor every quarter. "
    "The reporting deadline is the tenth working day after the quarter ends.\n\n"
    "Risk assessment combines credit risk, market risk and operational risk into one score. "
    "The score decides how many customers a firm may serve during the test.\n\n"
    "Consumer protection comes first: customers must be told that the product is in a test, "
    "and they can withdraw at any time without a fee."
)

ZH = (
    "监管沙盒是金融科技创新的重要工具。北京的监管沙盒试点于2019年启动，首批共有十二家机构入选。\n\n"
    "试点机构应当每季度向监管部门报送流动性覆盖率，报送期限为季度结束后第十个工作日。\n\n"
    "风险评估方法综合考虑信用风险、市场风险和操作风险，并据此确定机构在测试期间可服务的客户数量。\n\n"
    "消费者保护是首要原则：机构必须告知客户产品处于测试阶段，客户可随时无条件退出。"
)


def mark(text: str, passage: str, occurrence: int = 0) -> str:
    """`text` with the `occurrence`-th appearance of `passage` wrapped in [[…]]."""
    i = -1
    for _ in range(occurrence + 1):
        i = text.find(passage, i + 1)
        assert i >= 0, passage
    return text[:i] + "[[" + passage + "]]" + text[i + len(passage) :]


@dataclass(frozen=True)
class Case:
    name: str
    old: str
    new: str

    @property
    def expected_orphan(self) -> bool:
        return "[[" not in self.new


def _rep(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


Q_EN = "must report its liquidity coverage ratio to the supervisor"
Q_ZH = "风险评估方法综合考虑信用风险、市场风险和操作风险"
P2_EN = EN.split("\n\n")[1]
P3_ZH = ZH.split("\n\n")[2]

CASES = [
    Case("unchanged", mark(EN, Q_EN), mark(EN, Q_EN)),
    Case(
        "text inserted before",
        mark(EN, Q_EN),
        mark("Summary: this note was revised in 2021 to add the new rules.\n\n" + EN, Q_EN),
    ),
    Case(
        "text inserted after",
        mark(EN, Q_EN),
        mark(EN + "\n\nAnnex: the list of admitted firms is published separately.", Q_EN),
    ),
    Case(
        "text inserted right before the quote",
        mark(EN, Q_EN),
        mark(_rep(EN, "Each firm must", "Each firm admitted to the pilot must"), Q_EN),
    ),
    Case(
        "a word changed inside the quote",
        mark(EN, Q_EN),
        mark(
            _rep(EN, "to the supervisor every", "to the regulator every"),
            "must report its liquidity coverage ratio to the regulator",
        ),
    ),
    Case(
        "punctuation changed inside the quote",
        mark(EN, "credit risk, market risk and operational risk"),
        mark(
            _rep(EN, "credit risk, market risk and", "credit risk; market risk; and"),
            "credit risk; market risk; and operational risk",
        ),
    ),
    Case(
        "a typo fixed inside the quote",
        mark(
            _rep(EN, "pilot programme", "pilot programe"), "The sandbox pilot programe in Beijing"
        ),
        mark(EN, "The sandbox pilot programme in Beijing"),
    ),
    Case(
        "words inserted inside the quote",
        mark(EN, "credit risk, market risk and operational risk"),
        mark(
            _rep(EN, "market risk and", "market risk, liquidity risk and"),
            "credit risk, market risk, liquidity risk and operational risk",
        ),
    ),
    Case(
        "two words changed in a long quote",
        mark(EN, "customers must be told that the product is in a test, and they can withdraw"),
        mark(
            _rep(
                EN,
                "must be told that the product is in a test",
                "must be informed that the product is in a trial",
            ),
            "customers must be informed that the product is in a trial, and they can withdraw",
        ),
    ),
    Case(
        "a paragraph moved",
        mark(EN, "The reporting deadline is the tenth working day"),
        mark(
            "\n\n".join([EN.split("\n\n")[i] for i in (0, 2, 3, 1)]),
            "The reporting deadline is the tenth working day",
        ),
    ),
    Case("the passage deleted", mark(EN, Q_EN), _rep(EN, P2_EN + "\n\n", "")),
    Case(
        "the passage deleted, its short quote still used elsewhere",
        mark(EN, "every quarter"),
        _rep(
            _rep(EN, P2_EN + "\n\n", ""),
            "during the test.",
            "during the test, reviewed every quarter.",
        ),
    ),
    Case(
        "the passage deleted, a near-identical boilerplate sentence stays",
        mark(
            EN + "\n\nFirm A must notify the supervisor within 5 days.\n\nOther text here. "
            "Firm B must notify the supervisor within 10 days.",
            "Firm A must notify the supervisor within 5 days",
        ),
        EN + "\n\nOther text here. Firm B must notify the supervisor within 10 days.",
    ),
    Case(
        "the quote repeated elsewhere: the right occurrence by context",
        mark(
            EN.replace("The score decides", "the score decides")
            + "\n\nIn the annex, the score decides how many customers are reported.",
            "the score decides how many customers",
            1,
        ),
        mark(
            "Preface added.\n\n"
            + EN.replace("The score decides", "the score decides")
            + "\n\nIn the annex, the score decides how many customers are reported.",
            "the score decides how many customers",
            1,
        ),
    ),
    Case(
        "the quote repeated, the first occurrence annotated, text inserted between",
        mark(
            EN + "\n\nEach firm must report its liquidity coverage ratio to the supervisor "
            "monthly in 2022.",
            Q_EN,
            0,
        ),
        mark(
            _rep(EN, "Consumer protection", "A new paragraph.\n\nConsumer protection")
            + "\n\nEach firm must report its liquidity coverage ratio to the supervisor "
            "monthly in 2022.",
            Q_EN,
            0,
        ),
    ),
    Case(
        "a word changed inside the quote and text inserted before",
        mark(EN, Q_EN),
        mark(
            "Revised edition.\n\n" + _rep(EN, "its liquidity coverage", "its net liquidity"),
            "must report its net liquidity ratio to the supervisor",
        ),
    ),
    Case(
        "the quote repeated, the annotated copy edited, the other copy verbatim",
        mark(
            EN + "\n\nIn short: each firm must report its liquidity coverage ratio to the "
            "supervisor.",
            Q_EN,
            0,
        ),
        mark(
            _rep(EN, "to the supervisor every", "to the regulator every")
            + "\n\nIn short: each firm must report its liquidity coverage ratio to the "
            "supervisor.",
            "must report its liquidity coverage ratio to the regulator",
        ),
    ),
    Case(
        "whitespace changes inside the quote",
        mark(EN, Q_EN),
        mark(
            _rep(EN, "liquidity coverage ratio to", "liquidity  coverage\nratio to"),
            "must report its liquidity  coverage\nratio to the supervisor",
        ),
    ),
    Case(
        "the quote's context changed, the quote intact",
        mark(EN, "The reporting deadline is the tenth working day after the quarter ends"),
        mark(
            _rep(
                _rep(EN, "to the supervisor every quarter. ", "quarterly.\n\nDeadlines. "),
                "quarter ends.",
                "quarter ends, or the next business day.",
            ),
            "The reporting deadline is the tenth working day after the quarter ends",
        ),
    ),
    Case(
        "a short quote now only in a different sentence",
        mark(EN, "twelve firms"),
        _rep(
            _rep(EN, "The sandbox pilot programme in Beijing admitted twelve firms in 2019.", ""),
            "Consumer protection",
            "Twelve months later, twelve firms had completed it. Consumer protection",
        ),
    ),
    Case(
        "quote at the very start, text appended",
        mark(EN, "Regulatory sandboxes let firms"),
        mark(EN + "\n\nMore text.", "Regulatory sandboxes let firms"),
    ),
    Case(
        "quote at the very end, text inserted before",
        mark(EN, "withdraw at any time without a fee."),
        mark("New introduction.\n\n" + EN, "withdraw at any time without a fee."),
    ),
    # -- Chinese --------------------------------------------------------------------
    Case("zh: unchanged", mark(ZH, Q_ZH), mark(ZH, Q_ZH)),
    Case(
        "zh: text inserted before",
        mark(ZH, Q_ZH),
        mark("修订说明：本文于2021年更新。\n\n" + ZH, Q_ZH),
    ),
    Case(
        "zh: a character changed inside the quote",
        mark(ZH, Q_ZH),
        mark(
            _rep(ZH, "风险评估方法综合考虑", "风险评价方法综合考虑"),
            "风险评价方法综合考虑信用风险、市场风险和操作风险",
        ),
    ),
    Case(
        "zh: punctuation changed inside the quote",
        mark(ZH, Q_ZH),
        mark(
            _rep(ZH, "信用风险、市场风险和", "信用风险，市场风险，以及"),
            "风险评估方法综合考虑信用风险，市场风险，以及操作风险",
        ),
    ),
    Case(
        "zh: a typo fixed inside the quote",
        mark(_rep(ZH, "报送流动性覆盖率", "报送流动姓覆盖率"), "每季度向监管部门报送流动姓覆盖率"),
        mark(ZH, "每季度向监管部门报送流动性覆盖率"),
    ),
    Case(
        "zh: a paragraph moved",
        mark(ZH, "消费者保护是首要原则"),
        mark("\n\n".join([ZH.split("\n\n")[i] for i in (3, 0, 1, 2)]), "消费者保护是首要原则"),
    ),
    Case("zh: the passage deleted", mark(ZH, Q_ZH), _rep(ZH, "\n\n" + P3_ZH, "")),
    Case(
        "zh: the quote repeated elsewhere",
        mark(ZH + "\n\n附件：监管沙盒试点的名单另行公布。", "监管沙盒试点", 1),
        mark("前言。\n\n" + ZH + "\n\n附件：监管沙盒试点的名单另行公布。", "监管沙盒试点", 1),
    ),
    Case(
        "mixed: a word changed in a zh/en quote",
        mark(
            ZH + "\n\n机构可采用 RegTech 工具自动生成监管报表。",
            "采用 RegTech 工具自动生成监管报表",
        ),
        mark(
            ZH + "\n\n机构可采用 SupTech 工具自动生成监管报表。",
            "采用 SupTech 工具自动生成监管报表",
        ),
    ),
]


def _split(marked: str) -> tuple[str, tuple[int, int] | None]:
    m = _MARK.search(marked)
    if m is None:
        return marked, None
    text = marked[: m.start()] + m.group(1) + marked[m.end() :]
    assert _MARK.search(text) is None
    return text, (m.start(), m.start() + len(m.group(1)))


def _jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def run_case(case: Case) -> tuple[bool, AnchorResult, tuple[int, int] | None]:
    old_text, old_span = _split(case.old)
    new_text, expected = _split(case.new)
    assert old_span is not None
    quote, position = selectors_for(old_text, *old_span)
    result = Anchorer(new_text).anchor(quote, position.start)
    if expected is None:
        return result.orphaned, result, None
    if result.orphaned:
        return False, result, expected
    assert result.start is not None and result.end is not None
    return _jaccard((result.start, result.end), expected) >= 0.8, result, expected


def test_the_set_is_big_enough() -> None:
    assert len(CASES) >= 20
    assert len({c.name for c in CASES}) == len(CASES)
    assert sum(c.expected_orphan for c in CASES) >= 4


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_case(case: Case) -> None:
    ok, result, expected = run_case(case)
    new_text, _ = _split(case.new)
    got = None if result.orphaned else new_text[result.start : result.end]
    want = None if expected is None else new_text[expected[0] : expected[1]]
    assert ok, f"{case.name}: expected {want!r}, got {got!r} ({result})"
    if expected is None:
        assert result.method == ORPHANED


def test_share_anchored_correctly(capsys: pytest.CaptureFixture[str]) -> None:
    outcomes = [(case, *run_case(case)) for case in CASES]
    correct = sum(ok for _c, ok, _r, _e in outcomes)
    methods: dict[str, int] = {}
    for _c, _ok, result, _e in outcomes:
        methods[result.method] = methods.get(result.method, 0) + 1
    with capsys.disabled():
        print(
            f"\nre-anchoring: {correct}/{len(CASES)} cases correct "
            f"({100 * correct / len(CASES):.0f} %); by method: "
            + ", ".join(f"{k} {v}" for k, v in sorted(methods.items()))
        )
    assert correct == len(CASES)
