"""Chinese recall of the index against a plain substring scan, with misses classified.

For each Chinese query word, the documents whose indexed text (title, tags, plain text)
contains the word as a substring are compared with the documents the search finds.
A substring document the search misses is

- *cross-boundary* (a correct miss) when no occurrence of the word (of each of the words
  the query cuts it into) is segmented in a way the word matches: inside one word, or as
  the same sequence of whole words rjieba cuts the query word into — e.g. 和平 in
  科技|和|平台;
- a *split miss* when an occurrence is a sequence of whole indexed words split in a way
  the query does not try (a known limitation, reported separately);
- a *real miss* when an occurrence is segmented the way the query matches but the search
  did not find it (a bug in the analyzer, the index or the query builder).

Documents found without containing the substring are listed as `extra` (a multi-word
query such as 金融科技 matches 金融 … 科技 anywhere in a document).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kbclient.core.search.analyzer import (
    BOUNDARY,
    CJK_CHARS,
    CJK_RUN_RE,
    SECTION,
    normalize,
    segment,
)
from kbclient.core.search.model import IndexDoc
from kbclient.core.search.query import cjk_query_words, word_patterns
from kbclient.core.search.schema import clean_tags

_CJK1 = re.compile(f"[{CJK_CHARS}]")


@dataclass(frozen=True)
class WordRecall:
    """The comparison for one query word."""

    word: str
    substring: int  # documents containing the word
    found: int  # documents the search found that contain it
    cross_boundary: tuple[str, ...]  # correct misses
    real_misses: tuple[str, ...]  # bugs: the query's own patterns match, search missed
    split_misses: tuple[str, ...]  # whole words split unlike any pattern tried (limitation)
    extra: tuple[str, ...]  # found without containing the substring

    @property
    def recall(self) -> float:
        """Found / substring documents (1.0 when no document contains the word)."""
        return 1.0 if not self.substring else self.found / self.substring

    @property
    def recall_in_words(self) -> float:
        """Found / (substring documents minus correct cross-boundary misses)."""
        expected = self.substring - len(self.cross_boundary)
        return 1.0 if expected <= 0 else self.found / expected


@dataclass(frozen=True)
class RecallReport:
    """Per-word results and totals."""

    words: tuple[WordRecall, ...]

    @property
    def substring(self) -> int:
        return sum(w.substring for w in self.words)

    @property
    def found(self) -> int:
        return sum(w.found for w in self.words)

    @property
    def cross_boundary(self) -> int:
        return sum(len(w.cross_boundary) for w in self.words)

    @property
    def real_misses(self) -> int:
        return sum(len(w.real_misses) for w in self.words)

    @property
    def split_misses(self) -> int:
        return sum(len(w.split_misses) for w in self.words)

    @property
    def recall(self) -> float:
        return 1.0 if not self.substring else self.found / self.substring

    def summary(self) -> str:
        """A few lines for a report."""
        lines = [
            f"{len(self.words)} words: {self.found}/{self.substring} substring documents found "
            f"(recall {self.recall:.3f}); {self.cross_boundary} cross-boundary (correct) misses,"
            f" {self.split_misses} split misses (whole words split otherwise),"
            f" {self.real_misses} real misses"
        ]
        for w in self.words:
            if w.real_misses or w.cross_boundary or w.split_misses:
                lines.append(
                    f"  {w.word}: {w.found}/{w.substring}, cross-boundary "
                    f"{len(w.cross_boundary)}, split {len(w.split_misses)},"
                    f" real {len(w.real_misses)}"
                    + (f" e.g. {', '.join(w.real_misses[:5])}" if w.real_misses else "")
                )
        return "\n".join(lines)


def indexed_text(doc: IndexDoc) -> str:
    """The text the body field indexes, as the substring scan sees it."""
    tags = " ".join(clean_tags(doc.tags))
    return normalize(f"{doc.title}{SECTION}{tags}{SECTION}{doc.text}")


def _inner_boundaries(words: Sequence[str]) -> set[int]:
    out, off = set(), 0
    for w in words[:-1]:
        off += len(w)
        out.add(off)
    return out


def _pattern_bounds(word: str, chain: Sequence[str]) -> frozenset[int]:
    """Inner word boundaries encoded by a phrase chain (boundary bigrams)."""
    return frozenset(i + 1 for i, t in enumerate(chain) if BOUNDARY in t)


def classify(text: str, word: str, pieces: Sequence[str]) -> str:
    """How `word`'s best occurrence in `text` is segmented.

    "match": the query matches it (inside one word, or a split the query tries);
    "split": whole indexed words, split in a way the query does not try (a limitation);
    "cross": it cuts through a word at an edge (和平 in 科技|和|平台: a correct miss);
    "none": not in the text.
    """
    if len(word) == 1:
        return "match" if word in text else "none"
    allowed = {_pattern_bounds(word, c) for c in word_patterns(word, list(pieces))}
    best = "none"
    seg_cache: dict[tuple[int, int], set[int]] = {}
    start = text.find(word)
    while start != -1:
        b, e = start, start + len(word)
        while b > 0 and _CJK1.match(text, b - 1):
            b -= 1
        while e < len(text) and _CJK1.match(text, e):
            e += 1
        key = (b, e)
        bounds = seg_cache.get(key)
        if bounds is None:
            bounds = _inner_boundaries(segment(text[b:e]))
            seg_cache[key] = bounds
        off = start - b
        end = off + len(word)
        inner = frozenset(x - off for x in bounds if off < x < end)
        if inner in allowed:
            return "match"
        aligned = (off == 0 or off in bounds) and (end == e - b or end in bounds)
        if aligned:
            best = "split"
        elif best == "none":
            best = "cross"
        start = text.find(word, start + 1)
    return best


def measure_recall(
    docs: Iterable[IndexDoc],
    words: list[str],
    index: object,
    *,
    parts: Sequence[str] | None = None,
) -> RecallReport:
    """Compare search results with a substring scan for each Chinese word.

    `index` is a `SearchIndex`; `parts` defaults to every part under its root.
    """
    from kbclient.core.search.index import SearchIndex

    assert isinstance(index, SearchIndex)
    texts = {d.id: indexed_text(d) for d in docs}
    names = list(parts) if parts is not None else index.list_parts()
    results = []
    for raw in words:
        word = normalize(raw).strip()
        has = {i for i, t in texts.items() if word in t}
        found = index.matching_ids(word, parts=names) & set(texts)
        groups = cjk_query_words(word) if CJK_RUN_RE.fullmatch(word) else [(word, [word])]
        cross, real, split = [], [], []
        for doc_id in sorted(has - found):
            t = texts[doc_id]
            kinds = [classify(t, g, pieces) for g, pieces in groups]
            if all(k == "match" for k in kinds):
                real.append(doc_id)
            elif "cross" in kinds or "none" in kinds:
                cross.append(doc_id)
            else:
                split.append(doc_id)
        results.append(
            WordRecall(
                word=word,
                substring=len(has),
                found=len(has & found),
                cross_boundary=tuple(cross),
                real_misses=tuple(real),
                split_misses=tuple(split),
                extra=tuple(sorted(found - has)),
            )
        )
    return RecallReport(tuple(results))
