"""Faster matching than stock Whoosh for what this package's queries need.

- `ExactPhrase`: terms at consecutive positions. Whoosh's Phrase goes through span
  objects for every position (the slowest part of a phrase query, measured); this one
  intersects the terms' postings and checks positions of candidate documents only.
- `docset`: all matching documents of a query as a set of global document numbers,
  evaluated with set operations over raw posting ids (read block by block) instead of
  walking a matcher tree document by document. Totals, facets and date/title sorting use it;
  relevance ranking then only scores the top with Whoosh's block-quality collector.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections.abc import Callable
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher
from whoosh.matching import IntersectionMatcher, NullMatcher
from whoosh.matching.wrappers import WrappingMatcher
from whoosh.reading import MultiReader, TermNotFound
from whoosh.util.numeric import byte_to_length

_BYTE_TO_LENGTH = [byte_to_length(b) for b in range(256)]


class ExactPhrase(wq.And):
    """Documents containing `words` at consecutive positions of `fieldname`."""

    def __init__(self, fieldname: str, words: list[str], boost: float = 1.0) -> None:
        super().__init__([wq.Term(fieldname, w) for w in words], boost=boost)
        self.fieldname = fieldname
        self.words = list(words)

    def __repr__(self) -> str:
        return f"ExactPhrase({self.fieldname!r}, {self.words!r})"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ExactPhrase)
            and self.fieldname == other.fieldname
            and self.words == other.words
        )

    def __hash__(self) -> int:
        return hash(("ExactPhrase", self.fieldname, tuple(self.words)))

    def normalize(self) -> wq.Query:
        return self

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        leaves = []
        for w in self.words:
            m = wq.Term(self.fieldname, w).matcher(searcher, context)
            if not m.is_active():
                return NullMatcher()
            leaves.append(m)
        inter = leaves[0]
        for m in leaves[1:]:
            inter = IntersectionMatcher(inter, m)
        return _PhraseMatcher(inter, leaves)


class _PhraseMatcher(WrappingMatcher):
    """Skips the documents of an intersection whose positions are not consecutive."""

    def __init__(self, child: Any, leaves: list[Any]) -> None:
        super().__init__(child)
        self._leaves = leaves
        self._advance()

    def _ok(self) -> bool:
        cands: set[int] | None = None
        for j, m in enumerate(self._leaves):
            pos = m.value_as("positions")
            if cands is None:
                cands = set(pos)
            else:
                cands &= {p - j for p in pos}
            if not cands:
                return False
        return True

    def _advance(self) -> None:
        child = self.child
        while child.is_active() and not self._ok():
            child.next()

    def next(self) -> bool:
        self.child.next()
        self._advance()
        return True

    def skip_to(self, id: int) -> bool:
        if self.child.is_active() and self.child.id() < id:
            self.child.skip_to(id)
            self._advance()
        return True

    def all_ids(self) -> Any:
        while self.is_active():
            yield self.id()
            self.next()

    def replace(self, minquality: float = 0) -> Any:
        return self if self.is_active() else NullMatcher()

    def supports_block_quality(self) -> bool:
        return False

    def copy(self) -> Any:
        raise NotImplementedError("ExactPhrase matchers are not copied")


def _read_postings(leaf: Any, fieldname: str, text: str) -> tuple[list[int], list[float], list]:
    """(ids, weights, values) of a term's postings in one segment, read block by block."""
    try:
        m = leaf._terms.matcher(fieldname, text.encode("utf-8"), leaf.schema[fieldname].format)
    except (TermNotFound, KeyError):
        return [], [], []
    ids: list[int] = []
    ws: list[float] = []
    vs: list = []
    if not isinstance(m, W3LeafMatcher):
        while m.is_active():
            ids.append(m.id())
            ws.append(m.weight())
            vs.append(m.value())
            m.next()
        return ids, ws, vs
    while m.is_active():
        if m._ids is None:
            m._read_ids()
        if m._weights is None:
            m._read_weights()
        if m._values is None:
            m._read_values()
        ids.extend(m._ids)
        ws.extend(m._weights)
        vs.extend(m._values)
        if m._lastblock:
            break
        m._next_block()
    return ids, ws, vs


class Evaluator:
    """Set evaluation of a query over the segments of a MultiReader."""

    def __init__(self, reader: MultiReader, searcher: Any) -> None:
        self.reader = reader
        self.leaves = reader.leaf_readers()
        self.searcher = searcher
        self._all: set[int] | None = None
        # (field, text) -> per segment (ids, weights, values): each term is read once
        self._postings: dict[tuple[str, str], list[tuple[list[int], list[float], list]]] = {}

    def postings(self, fieldname: str, text: str) -> list[tuple[list[int], list[float], list]]:
        """Local ids, weights and raw values of a term in each segment (deleted included)."""
        key = (fieldname, text)
        got = self._postings.get(key)
        if got is None:
            got = [_read_postings(leaf, fieldname, text) for leaf, _ in self.leaves]
            self._postings[key] = got
        return got

    def all_docs(self) -> set[int]:
        if self._all is None:
            out: set[int] = set()
            for leaf, off in self.leaves:
                deleted = leaf.deleted_docs_set if leaf.has_deletions() else ()
                out.update(off + d for d in range(leaf.doc_count_all()) if d not in deleted)
            self._all = out
        return self._all

    def term(self, fieldname: str, text: str) -> set[int]:
        out: set[int] = set()
        for (leaf, off), (ids, _, _) in zip(
            self.leaves, self.postings(fieldname, text), strict=True
        ):
            if not ids:
                continue
            if off:
                ids = [off + i for i in ids]
            if leaf.has_deletions():
                dead = {off + d for d in leaf.deleted_docs_set}
                out.update(i for i in ids if i not in dead)
            else:
                out.update(ids)
        return out

    def eval(self, q: wq.Query) -> set[int]:
        if isinstance(q, ExactPhrase):
            return self.phrase(q)
        if isinstance(q, wq.Term):
            return self.term(q.fieldname, q.text)
        if isinstance(q, wq.AndNot):
            pos = self.eval(q.a)
            return pos - self.eval(q.b) if pos else pos
        if isinstance(q, wq.And):
            sets: list[set[int]] = []
            for sub in q.subqueries:
                s = self.eval(sub)
                if not s:
                    return set()
                sets.append(s)
            sets.sort(key=len)
            out = set(sets[0])
            for s in sets[1:]:
                out &= s
            return out
        if isinstance(q, wq.Or):
            out = set()
            for sub in q.subqueries:
                out |= self.eval(sub)
            return out
        if isinstance(q, wq.Every):
            return set(self.all_docs())
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return set()
        return set(self.searcher.docs_for_query(q))

    def phrase(self, q: ExactPhrase) -> set[int]:
        out: set[int] = set()
        per_term = [self.postings(q.fieldname, w) for w in q.words]
        fmt = None
        for i, (leaf, off) in enumerate(self.leaves):
            lists = [pt[i] for pt in per_term]
            if any(not ids for ids, _, _ in lists):
                continue
            sets = sorted((set(ids) for ids, _, _ in lists), key=len)
            cands = sets[0].intersection(*sets[1:])
            if leaf.has_deletions():
                cands -= leaf.deleted_docs_set
            if not cands:
                continue
            if fmt is None:
                fmt = leaf.schema[q.fieldname].format
            decode = fmt.decode_positions
            values = [
                {d: v for d, v in zip(ids, vals, strict=True) if d in cands}
                for ids, _, vals in lists
            ]
            for d in cands:
                starts = set(decode(values[0][d]))
                for j in range(1, len(values)):
                    starts.intersection_update([p - j for p in decode(values[j][d])])
                    if not starts:
                        break
                if starts:
                    out.add(off + d)
        return out


def docset(reader: MultiReader, searcher: Any, q: wq.Query) -> tuple[set[int], Evaluator]:
    """Global document numbers of every (non-deleted) document matching `q`, and the
    evaluator (whose postings cache `top_scored` reuses)."""
    ev = Evaluator(reader, searcher)
    return ev.eval(q), ev


# ------------------------------------------------------------------ ranking

K1 = 1.2
B = 0.75


def rank_terms(q: wq.Query) -> list[tuple[str, str]]:
    """(field, text) of every term a query scores on (phrases: their terms)."""
    out: list[tuple[str, str]] = []

    def walk(x: wq.Query) -> None:
        if isinstance(x, wq.Term):
            out.append((x.fieldname, x.text))
        elif isinstance(x, wq.AndNot):
            walk(x.a)
        elif isinstance(x, wq.CompoundQuery):
            for sub in x.subqueries:
                walk(sub)

    walk(q)
    return list(dict.fromkeys(out))


def length_norms(leaf: Any, fieldname: str, avgdl: float) -> list[float]:
    """K1 * (1 - B + B * dl / avgdl) for every document of a segment."""
    n = leaf.doc_count_all()
    col = leaf._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
    raw = col._dbfile.get(col._basepos, min(col._count, n)) if col is not None else b""
    lens = [_BYTE_TO_LENGTH[b] for b in raw]
    lens.extend([0] * (n - len(lens)))
    a = K1 * (1 - B)
    c = K1 * B / (avgdl or 1.0)
    return [a + c * dl for dl in lens]


def top_scored(
    ev: Evaluator,
    q: wq.Query,
    docs: set[int],
    k: int,
    norms: Callable[[int, Any], list[float]],
) -> list[tuple[int, float]]:
    """The k best (docnum, BM25 score) of `docs` over the terms of `q`.

    `norms(i, leaf)` gives the cached length norms of the i-th segment. Phrase and prefix
    queries score their terms individually (the match itself was checked by `docset`).
    """
    reader = ev.reader
    n = max(1, reader.doc_count())
    scores: dict[int, float] = {}
    get = scores.get
    # the matching documents of each segment, as local numbers
    local: list[list[int]] = [[] for _ in ev.leaves]
    bounds = [off for _, off in ev.leaves]
    for g in docs:
        i = bisect_right(bounds, g) - 1
        local[i].append(g - bounds[i])
    kp1 = K1 + 1
    for fieldname, text in rank_terms(q):
        df = reader.doc_frequency(fieldname, text)
        if not df:
            continue
        idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
        for i, ((leaf, off), (ids, ws, _)) in enumerate(
            zip(ev.leaves, ev.postings(fieldname, text), strict=True)
        ):
            if not ids or not local[i]:
                continue
            norm = norms(i, leaf)
            wmap = dict(zip(ids, ws, strict=True))
            wget = wmap.get
            for d in local[i]:
                w = wget(d)
                if w:
                    g = off + d
                    scores[g] = get(g, 0.0) + idf * w * kp1 / (w + norm[d])
    best = heapq.nlargest(k, scores.items(), key=lambda x: (x[1], -x[0]))
    if len(best) < k:
        # documents matched without a scored term (should not happen): append unscored
        seen = {d for d, _ in best}
        best.extend((d, 0.0) for d in sorted(docs - seen)[: k - len(best)])
    return best
