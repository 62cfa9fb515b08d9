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

from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import IntersectionMatcher, NullMatcher
from whoosh.matching.wrappers import WrappingMatcher
from whoosh.reading import MultiReader, TermNotFound


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


def _term_ids(leaf: Any, fieldname: str, text: str) -> list[int]:
    """Local ids of a term's postings in one segment (deleted documents included)."""
    try:
        m = leaf._terms.matcher(fieldname, text.encode("utf-8"), leaf.schema[fieldname].format)
    except (TermNotFound, KeyError):
        return []
    if not isinstance(m, W3LeafMatcher):
        return list(m.all_ids())
    ids: list[int] = []
    while m.is_active():
        if m._ids is None:
            m._read_ids()
        ids.extend(m._ids[m._i :])
        if m._lastblock:
            break
        m._next_block()
    return ids


class _Evaluator:
    """Set evaluation of a query over the segments of a MultiReader."""

    def __init__(self, reader: MultiReader, searcher: Any) -> None:
        self.leaves = reader.leaf_readers()
        self.searcher = searcher
        self._all: set[int] | None = None

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
        for leaf, off in self.leaves:
            ids = _term_ids(leaf, fieldname, text)
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
        for sub, off in self.searcher.leaf_searchers():
            m = q.matcher(sub, sub.context())
            out.update(off + d for d in m.all_ids())
        return out


def docset(reader: MultiReader, searcher: Any, q: wq.Query) -> set[int]:
    """Global document numbers of every (non-deleted) document matching `q`."""
    return _Evaluator(reader, searcher).eval(q)
