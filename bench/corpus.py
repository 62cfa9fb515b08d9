"""A deterministic generator of bilingual benchmark documents in kbclient's document format.

Every document is Markdown with YAML front matter (DESIGN.md "Documents"). Sizes follow a
lognormal law (median ≈ 3 KB) clipped to 60 KB; about a third each zh / en / mixed; each
document leans on one topic (sandbox, privacy computing, digital RMB, open banking, AML,
credit scoring, talent programmes, incubators) so that AND queries have realistic
selectivity. Document *i* depends only on (seed, i): `generate(300, s)` is a prefix of
`generate(10000, s)`, and the output is byte-identical for the same seed on every machine.

    python -m bench.corpus --count 10000 --out bench/corpus/demo [--seed 42]
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path

from bench import vocab

GENERATOR_VERSION = 1
DEFAULT_SEED = 42
MEDIAN_BYTES = 2550
SIGMA = 0.8
MIN_BYTES = 500
MAX_BYTES = 60 * 1024
_TARGET_MAX = MAX_BYTES - 2500  # room for the last paragraph that crosses the target

_TOPICS = tuple(vocab.ZH_TOPICS)
_DAY0 = date(2016, 1, 1)
_DAYS = (date(2026, 10, 31) - _DAY0).days


def doc_id(i: int) -> str:
    """The id of the i-th document (1-based): bench-000001 …"""
    return f"bench-{i:06d}"


def _weighted(pairs: Sequence[tuple[str, int]]) -> tuple[tuple[str, ...], list[int]]:
    names = tuple(p[0] for p in pairs)
    cum, total = [], 0
    for _n, w in pairs:
        total += w
        cum.append(total)
    return names, cum


def _zipf_cum(n: int, s: float = 0.9) -> list[float]:
    cum, total = [], 0.0
    for r in range(n):
        total += 1.0 / (r + 1) ** s
        cum.append(total)
    return cum


_KINDS, _KIND_CUM = _weighted(vocab.KINDS)
_STATUSES, _STATUS_CUM = _weighted(vocab.STATUSES)
_GEN_CUM = _zipf_cum(len(vocab.ZH_GENERAL))
_EN_NOUN_CUM = _zipf_cum(len(vocab.EN_NOUNS))
_EN_VERB_CUM = _zipf_cum(len(vocab.EN_VERBS), 0.7)


class _Doc:
    """The random choices of one document, with a Zipf-like word distribution."""

    def __init__(self, rng: random.Random, topic: str) -> None:
        self.rng = rng
        self.topic = topic
        self.zh_topic = vocab.ZH_TOPICS[topic]
        self.en_topic = vocab.EN_TOPICS[topic]
        # a document's own favourite words: a few topic words dominate it
        self.zh_focus = rng.sample(self.zh_topic, 5)

    # -- Chinese ---------------------------------------------------------------------------
    def zh_noun(self) -> str:
        r = self.rng.random()
        if r < 0.35:
            return self.rng.choice(self.zh_focus)
        if r < 0.6:
            return self.rng.choice(self.zh_topic)
        return self.rng.choices(vocab.ZH_GENERAL, cum_weights=_GEN_CUM)[0]

    def zh_sentence(self, templates: Sequence[tuple[str, ...]] = vocab.ZH_TEMPLATES) -> str:
        rng = self.rng
        out = []
        for slot in rng.choice(templates):
            if slot == "N":
                out.append(self.zh_noun())
            elif slot == "G":
                out.append(rng.choices(vocab.ZH_GENERAL, cum_weights=_GEN_CUM)[0])
            elif slot == "V":
                out.append(rng.choice(vocab.ZH_VERBS))
            elif slot == "A":
                out.append(rng.choice(vocab.ZH_ADJ))
            elif slot == "D":
                out.append(rng.choice(vocab.ZH_ADV))
            elif slot == "O":
                out.append(rng.choice(vocab.ZH_OPENERS))
            elif slot == "Y":
                out.append(str(rng.randint(2016, 2026)))
            elif slot == "P":
                out.append(f"{rng.randint(2, 60)}%")
            elif slot == "E":
                out.append(f" {rng.choice(vocab.MIXED_TERMS)} ")
            else:
                out.append(slot)
        return "".join(out).replace("  ", " ").replace(" ，", "，").replace(" 。", "。")

    def zh_paragraph(self, mixed: bool = False) -> str:
        n = self.rng.randint(3, 7)
        if mixed:
            return "".join(
                self.zh_sentence(vocab.ZH_MIXED_TEMPLATES)
                if self.rng.random() < 0.45
                else self.zh_sentence()
                for _ in range(n)
            ).strip()
        return "".join(self.zh_sentence() for _ in range(n))

    # -- English ---------------------------------------------------------------------------
    def en_noun(self, plural: bool = False) -> str:
        if self.rng.random() < 0.3:
            return self.rng.choice(self.en_topic)
        pair = self.rng.choices(vocab.EN_NOUNS, cum_weights=_EN_NOUN_CUM)[0]
        return pair[1] if plural else pair[0]

    def en_verb(self) -> tuple[str, str, str, str, str]:
        return self.rng.choices(vocab.EN_VERBS, cum_weights=_EN_VERB_CUM)[0]

    def en_sentence(self) -> str:
        rng = self.rng
        v, w = self.en_verb(), self.en_verb()
        adj = rng.choice(vocab.EN_ADJ)
        k = rng.randrange(9)
        if k == 0:
            s = f"the {self.en_noun()} {v[1]} {adj} {self.en_noun(True)} for {self.en_noun()}"
        elif k == 1:
            s = (
                f"{self.en_noun(True)} are {v[2]} by {adj} {self.en_noun(True)} "
                f"in the {self.en_noun()}"
            )
        elif k == 2:
            s = f"we are {v[3]} {adj} {self.en_noun(True)} to {w[0]} the {self.en_noun()}"
        elif k == 3:
            s = f"the {v[4]} of {rng.choice(self.en_topic)} requires {adj} {self.en_noun(True)}"
        elif k == 4:
            s = (
                f"member institutions should {v[0]} their {self.en_noun(True)} before "
                f"{w[3]} the {self.en_noun()}"
            )
        elif k == 5:
            s = (
                f"in {rng.randint(2016, 2026)}, the {self.en_noun()} {v[2]} a {adj} "
                f"{self.en_noun()} on {rng.choice(self.en_topic)}"
            )
        elif k == 6:
            s = (
                f"{rng.choice(vocab.EN_OPENERS)} {rng.randint(2, 60)}% of {self.en_noun(True)} "
                f"{v[2]} their {self.en_noun(True)} after {w[4]}"
            )
        elif k == 7:
            s = f"{rng.choice(self.en_topic)} {v[1]} {self.en_noun(True)} and {self.en_noun(True)}"
        else:
            s = (
                f"a {adj} {self.en_noun()} that {v[1]} {self.en_noun(True)} is {w[2]} "
                f"through {rng.choice(self.en_topic)}"
            )
        return s[0].upper() + s[1:] + "."

    def en_paragraph(self) -> str:
        return " ".join(self.en_sentence() for _ in range(self.rng.randint(3, 6)))


# -- document structure ----------------------------------------------------------------------
_ZH_TITLE_SUFFIX = (
    "研究",
    "的风险评估方法",
    "实施指引",
    "管理办法（征求意见稿）",
    "申报指南",
    "工作方案",
    "技术规范",
    "实践与展望",
    "问题与对策",
    "年度报告",
)
_EN_TITLE_PREFIX = (
    "A framework for",
    "Notes on",
    "Guidelines for",
    "Assessing",
    "Lessons from",
    "Technical specification for",
    "How to apply for",
    "The state of",
)
_EN_TITLE_WHERE = ("banks", "pilots", "member institutions", "Haidian", "Zhongguancun", "practice")
_ZH_HEADINGS = (
    "背景",
    "摘要",
    "现状与问题",
    "主要做法",
    "风险分析",
    "实施步骤",
    "申请条件",
    "办理流程",
    "保障措施",
    "结论与建议",
    "附则",
    "术语和定义",
    "适用范围",
)
_EN_HEADINGS = (
    "Background",
    "Summary",
    "Scope",
    "Definitions",
    "Current practice",
    "Risks",
    "Eligibility",
    "Steps",
    "Deadlines and subsidies",
    "Recommendations",
    "Implementation",
    "Open questions",
)
_CN_NUMS = "一二三四五六七八九十"


def _title(d: _Doc, lang: str) -> str:
    rng = d.rng
    if lang == "en":
        prefix, topic = rng.choice(_EN_TITLE_PREFIX), rng.choice(d.en_topic)
        return f"{prefix} {topic} in {rng.choice(_EN_TITLE_WHERE)}"
    t = "".join(rng.sample(d.zh_topic, 2)) if rng.random() < 0.5 else rng.choice(d.zh_topic)
    if lang == "mixed":
        t = f"{rng.choice(d.en_topic)}：{t}"
    return t + rng.choice(_ZH_TITLE_SUFFIX)


def _heading(d: _Doc, lang: str, n: int) -> str:
    if lang == "en":
        return f"## {n}. {d.rng.choice(_EN_HEADINGS)}"
    cn = _CN_NUMS[(n - 1) % 10]
    h = d.rng.choice(_ZH_HEADINGS)
    if lang == "mixed" and d.rng.random() < 0.5:
        h += f" {d.rng.choice(_EN_HEADINGS)}"
    return f"## {cn}、{h}"


def _paragraph(d: _Doc, lang: str) -> str:
    if lang == "zh":
        return d.zh_paragraph()
    if lang == "en":
        return d.en_paragraph()
    r = d.rng.random()
    if r < 0.3:
        return d.en_paragraph()
    return d.zh_paragraph(mixed=True)


def _clause(d: _Doc, lang: str, sec: int, n: int) -> str:
    if lang == "en" or (lang == "mixed" and d.rng.random() < 0.4):
        v = d.en_verb()
        return (
            f"{sec}.{n} The {d.en_noun()} shall {v[0]} {d.rng.choice(vocab.EN_ADJ)} "
            f"{d.en_noun(True)}. {d.en_sentence()}"
        )
    return (
        f"{sec}.{n} {d.zh_noun()}应当{d.rng.choice(vocab.ZH_VERBS)}{d.zh_noun()}。{d.zh_sentence()}"
    )


def _list_block(d: _Doc, lang: str, kind: str) -> str:
    rng = d.rng
    items = []
    for k in range(rng.randint(3, 6)):
        if kind == "talent-guide" and lang != "en":
            items.append(
                f"- {d.zh_noun()}：{rng.choice(('补贴', '奖励', '资助'))}"
                f"{rng.randint(1, 100)}万元，截止日期{2016 + rng.randrange(11)}年"
                f"{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
            )
        elif kind == "talent-guide":
            items.append(
                f"- Step {k + 1}: {d.en_sentence()} Deadline: "
                f"{rng.randint(1, 28)} {rng.choice(('March', 'June', 'September', 'December'))}."
            )
        elif lang == "en" or (lang == "mixed" and rng.random() < 0.4):
            items.append(f"- {d.en_sentence()}")
        else:
            items.append(f"- {d.zh_sentence()}")
    return "\n".join(items)


def _table(d: _Doc, lang: str) -> str:
    rng = d.rng
    if lang == "en":
        head = "| Item | Requirement | Evidence |\n|------|-------------|----------|"
        rows = [
            f"| {d.en_noun()} | {rng.choice(vocab.EN_ADJ)} {d.en_noun(True)} | "
            f"{d.en_noun()} {rng.randint(1, 99)} |"
            for _ in range(rng.randint(2, 5))
        ]
    else:
        head = "| 维度 | 关注问题 | 典型证据 |\n|------|----------|----------|"
        rows = [
            f"| {d.zh_noun()} | {d.zh_noun()}的{d.zh_noun()} | {d.zh_noun()}、{d.zh_noun()} |"
            for _ in range(rng.randint(2, 5))
        ]
    return "\n".join([head, *rows])


def _rng(seed: int, i: int, stream: int = 0) -> random.Random:
    return random.Random((seed * 1_000_003 + i) * 7 + stream)


def make_document(i: int, seed: int = DEFAULT_SEED, revision: int = 0) -> bytes:
    """Document i (1-based) as bytes; `revision` > 0 gives a later version of the same one."""
    rng = _rng(seed, i)
    topic = rng.choice(_TOPICS)
    lang = ("zh", "en", "mixed")[rng.randrange(3)]
    kind = rng.choices(_KINDS, cum_weights=_KIND_CUM)[0]
    status = rng.choices(_STATUSES, cum_weights=_STATUS_CUM)[0]
    target = int(
        min(_TARGET_MAX, max(MIN_BYTES, math.exp(rng.gauss(math.log(MEDIAN_BYTES), SIGMA))))
    )
    d = _Doc(rng, topic)
    title = _title(d, lang)
    tags = rng.sample(vocab.TAGS[topic], rng.randint(1, 3))
    org = rng.choice(vocab.ORGS)
    authors = rng.sample(vocab.AUTHORS, rng.randint(1, 3))
    version = rng.randint(1, 4) + revision
    updated = _DAY0 + timedelta(days=rng.randrange(_DAYS))

    parts = [f"# {title}"]
    size = len(title.encode()) + 250
    sec = 0
    while size < target:
        sec += 1
        block = [_heading(d, lang, sec)]
        for _ in range(rng.randint(1, 3)):
            r = rng.random()
            if kind == "standard-draft" and r < 0.5:
                block.append(
                    "\n".join(_clause(d, lang, sec, n + 1) for n in range(rng.randint(2, 5)))
                )
            elif r < 0.15 or (kind == "talent-guide" and r < 0.4):
                block.append(_list_block(d, lang, kind))
            elif r < 0.2:
                block.append(_table(d, lang))
            else:
                block.append(_paragraph(d, lang))
        text = "\n\n".join(block)
        parts.append(text)
        size += len(text.encode()) + 2
    if revision:
        rev = _rng(seed, i, stream=revision)
        rd = _Doc(rev, topic)
        updated = min(updated + timedelta(days=30 * revision), date(2026, 11, 27))
        parts.append(
            f"## 修订说明 Revision {revision}\n\nbenchrev{i:06d} {rd.en_sentence()} "
            f"{rd.zh_sentence()}"
        )

    front = "\n".join(
        (
            "---",
            f"id: {doc_id(i)}",
            f'title: "{title}"',
            f"kind: {kind}",
            f"lang: {lang}",
            f"tags: [{', '.join(tags)}]",
            f"org: {org}",
            f"authors: [{', '.join(authors)}]",
            f"version: {version}",
            f"updated: {updated.isoformat()}",
            f"status: {status}",
            "---",
        )
    )
    return (front + "\n" + "\n\n".join(parts) + "\n").encode("utf-8")


def generate(n: int, seed: int = DEFAULT_SEED, start: int = 1) -> Iterator[tuple[str, bytes]]:
    """Documents start … start+n-1 as (id, bytes); deterministic for a given seed."""
    for i in range(start, start + n):
        yield doc_id(i), make_document(i, seed)


def revised(
    ids: Sequence[int], seed: int = DEFAULT_SEED, revision: int = 1
) -> list[tuple[str, bytes]]:
    """New versions of documents `ids` (1-based numbers): same text plus a revision section
    that carries the unique word `benchrev<nnnnnn>`, so the update can be searched for."""
    return [(doc_id(i), make_document(i, seed, revision)) for i in ids]


def write_corpus(out: Path, n: int, seed: int = DEFAULT_SEED) -> Path:
    """Write (or complete) a cached corpus folder with at least n documents."""
    out.mkdir(parents=True, exist_ok=True)
    stamp = out / "COMPLETE"
    have = 0
    if stamp.exists():
        fields = dict(line.split("=", 1) for line in stamp.read_text().split())
        if (
            int(fields.get("generator", -1)) == GENERATOR_VERSION
            and int(fields.get("seed", -1)) == seed
        ):
            have = int(fields.get("count", 0))
    if have >= n:
        return out
    stamp.unlink(missing_ok=True)
    for ident, data in generate(n - have, seed, start=have + 1):
        (out / f"{ident}.md").write_bytes(data)
    stamp.write_text(f"generator={GENERATOR_VERSION}\nseed={seed}\ncount={n}\n")
    return out


def read_corpus(folder: Path, n: int) -> Iterator[tuple[str, bytes]]:
    """The first n documents of a corpus folder written by write_corpus."""
    for i in range(1, n + 1):
        ident = doc_id(i)
        yield ident, (folder / f"{ident}.md").read_bytes()


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    write_corpus(args.out, args.count, args.seed)
    print(
        f"{args.count} documents in {args.out} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
