"""Faster matching than stock Whoosh for what this package's queries need.

- `ExactPhrase`: terms at consecutive positions. Whoosh's Phrase goes through span
  objects for every position (the slowest part of a phrase query, measured); this one
  intersects the terms' postings and checks positions of candidate documents only.
- `docset`: all matching documents of a query as a set of global document numbers,
  evaluated with set operations over raw posting ids instead of walking a matcher tree
  document by document. Totals, facets and date/title sorting use it; `top_scored` then
  computes BM25 over the matching documents only.
- `_read_postings`: a term's postings in one segment, read in one piece and decoded with
  C-level calls per block (Whoosh's matcher seeks and reads three times per block and
  delta-decodes ids in a Python generator).
- `PostingsCache`: decoded postings (and phrase matches) per segment of a part, kept
  between queries (search-as-you-type repeats most terms); parts never change once built.
"""

from __future__ import annotations

import heapq
import io
import math
import pickle
import struct
import sys
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable
from itertools import accumulate, repeat
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC
from whoosh.matching import IntersectionMatcher, NullMatcher
from whoosh.matching.wrappers import WrappingMatcher
from whoosh.reading import CorruptIndexError, MultiReader, TermNotFound
from whoosh.util.numeric import byte_to_length

from kbclient.core.search.schema import BilingualPositionsV1

_BYTE_TO_LENGTH = [byte_to_length(b) for b in range(256)]
_RAW_POSITIONS = sys.byteorder == "little"


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


Postings = tuple[array, array, "tuple | None"]
_EMPTY: Postings = (array("I"), array("d"), ())
_INT = struct.Struct("!i")


def _read_postings(leaf: Any, fieldname: str, text: str, values: bool = True) -> Postings:
    """(ids, weights, values) of a term's postings in one segment (deleted included).

    Reads the term's whole extent of the postings file at once and decodes each block with
    C-level calls (zlib, pickle, accumulate) instead of Whoosh's matcher, which seeks and
    reads three times per block and delta-decodes ids in a Python generator. `values=False`
    drops the values (positions), which only phrases need.
    """
    try:
        fmt = leaf.schema[fieldname].format
        ti = leaf._terms.term_info(fieldname, text.encode("utf-8"))
    except (TermNotFound, KeyError):
        return _EMPTY
    if ti.is_inlined():
        i_ids, i_ws, i_vs = ti.inlined_postings()
        return array("I", i_ids), array("d", i_ws), (tuple(i_vs) if values else None)
    offset, length = ti.extent()
    if isinstance(length, tuple):  # W3TermInfo.from_bytes leaves it unpacked
        length = length[0]
    buf = leaf._terms._postfile.get(offset, length)
    if buf[:4] != WHOOSH3_HEADER_MAGIC:
        raise CorruptIndexError(f"bad postings block tag at offset {offset} ({fieldname})")
    fixed = fmt.fixed_value_size()
    ids = array("I")
    ws = array("d")
    vs: list = []
    bio = io.BytesIO(buf)
    pos = 4
    end = len(buf)
    unpack = _INT.unpack_from
    while pos < end:
        (n,) = unpack(buf, pos)
        last = n < 0
        nextpos = pos + 4 + abs(n)
        bio.seek(pos + 4)
        count, _maxid, _maxw, comp, _mn, _mx = pickle.load(bio)
        data = buf[bio.tell() : nextpos]
        if comp:
            data = zlib.decompress(data)
        b_ids, b_ws, b_vs = pickle.loads(data)
        ids.extend(accumulate(b_ids))
        if b_ws is None:
            ws.extend(repeat(1.0, count))
        elif isinstance(b_ws, float):
            ws.extend(repeat(b_ws, count))
        else:
            ws.extend(b_ws)
        if values:
            if fixed is None or fixed < 0:
                vs.extend(b_vs)
            elif fixed == 0:
                vs.extend(repeat(None, count))
            else:
                vs.extend(b_vs[i : i + fixed] for i in range(0, len(b_vs), fixed))
        if last:
            break
        pos = nextpos
    return ids, ws, (tuple(vs) if values else None)


class PostingsCache:
    """LRU of decoded postings per (segment key, field, term), bounded by postings held.

    Safe because index parts are immutable once built (a change makes a new part name) and
    postings include deleted documents (deletions are applied from the reader separately).
    Values (positions) are kept only for terms a phrase asked for; they cost more.
    """

    VALUE_COST = 6  # a posting with its positions value weighs about this many without

    def __init__(self, max_cost: int = 3_000_000) -> None:
        self.max_cost = max_cost
        self._d: OrderedDict[tuple, tuple[Postings, int]] = OrderedDict()
        self._cost = 0
        self.hits = 0
        self.misses = 0

    def get(self, key: tuple, values: bool) -> Postings | None:
        got = self._d.get(key)
        if got is None or (values and got[0][2] is None):
            self.misses += 1
            return None
        self._d.move_to_end(key)
        self.hits += 1
        return got[0]

    def put(self, key: tuple, postings: Postings) -> None:
        n = len(postings[0])
        cost = 1 + n + (n * self.VALUE_COST if postings[2] is not None else 0)
        old = self._d.pop(key, None)
        if old is not None:
            self._cost -= old[1]
        if cost > self.max_cost:
            return
        self._d[key] = (postings, cost)
        self._cost += cost
        while self._cost > self.max_cost:
            _, (_, c) = self._d.popitem(last=False)
            self._cost -= c

    def clear(self) -> None:
        self._d.clear()
        self._cost = 0

    def drop(self, pred: Callable[[tuple], bool]) -> None:
        """Remove the entries whose key satisfies `pred` (e.g. of a closed part)."""
        for k in [k for k in self._d if pred(k)]:
            self._cost -= self._d.pop(k)[1]

    def __len__(self) -> int:
        return len(self._d)


class Evaluator:
    """Set evaluation of a query over the segments of a MultiReader.

    `cache` (with `keys`, one stable key per segment of the reader: part name and position)
    keeps decoded postings between queries; without it each query reads its terms afresh.
    """

    def __init__(
        self,
        reader: MultiReader,
        searcher: Any,
        cache: PostingsCache | None = None,
        keys: list[tuple] | None = None,
    ) -> None:
        self.reader = reader
        self.leaves = reader.leaf_readers()
        self.searcher = searcher
        self.cache = cache if keys is not None and len(keys) == len(self.leaves) else None
        self.keys = keys
        self._all: set[int] | None = None
        # (field, text) -> per segment (ids, weights, values): each term is read once
        self._postings: dict[tuple[str, str], list[Postings]] = {}

    def postings(self, fieldname: str, text: str, values: bool = False) -> list[Postings]:
        """Local ids, weights and (if asked) raw values of a term in each segment
        (deleted documents included)."""
        key = (fieldname, text)
        got = self._postings.get(key)
        if got is not None and (not values or all(p[2] is not None for p in got)):
            return got
        cache = self.cache
        out: list[Postings] = []
        for j, (leaf, _) in enumerate(self.leaves):
            if cache is None:
                out.append(_read_postings(leaf, fieldname, text, values))
                continue
            ck = (self.keys[j], fieldname, text)  # type: ignore[index]
            p = cache.get(ck, values)
            if p is None:
                p = _read_postings(leaf, fieldname, text, values)
                cache.put(ck, p)
            out.append(p)
        self._postings[key] = out
        return out

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
        cache = self.cache
        found: list[Any] = [None] * len(self.leaves)
        ckeys: list[tuple] = []
        if cache is not None:
            # the matches of a phrase in a segment are as immutable as its postings
            ckeys = [(k, "\x00phrase", q.fieldname, tuple(q.words)) for k in self.keys or ()]
            for i, ck in enumerate(ckeys):
                hit = cache.get(ck, False)
                if hit is not None:
                    found[i] = hit[0]
        if any(f is None for f in found):
            per_term = [self.postings(q.fieldname, w, values=True) for w in q.words]
            for i, (leaf, _) in enumerate(self.leaves):
                if found[i] is None:
                    local = self._phrase_in(leaf, q.fieldname, [pt[i] for pt in per_term])
                    found[i] = array("I", sorted(local))
                    if cache is not None:
                        cache.put(ckeys[i], (found[i], array("d"), None))
        for (_, off), local in zip(self.leaves, found, strict=True):
            if off:
                out.update([off + d for d in local])
            else:
                out.update(local)
        return out

    def _phrase_in(self, leaf: Any, fieldname: str, lists: list[Postings]) -> set[int]:
        """Local numbers of the documents of one segment with the terms at consecutive
        positions (`lists`: the terms' postings in this segment)."""
        out: set[int] = set()
        if any(not ids for ids, _, _ in lists):
            return out
        sets = sorted((set(ids) for ids, _, _ in lists), key=len)
        cands = sets[0].intersection(*sets[1:])
        if leaf.has_deletions():
            cands -= leaf.deleted_docs_set
        if not cands:
            return out
        fmt = leaf.schema[fieldname].format
        values = [dict(zip(ids, vals, strict=True)) for ids, _, vals in lists]
        if _RAW_POSITIONS and type(fmt) is BilingualPositionsV1:
            # positions straight from the little-endian delta arrays, C-level: the
            # j-th term's positions minus j (accumulate's initial -j is negative, so
            # it never meets a real start)
            first, rest = values[0], list(enumerate(values[1:], start=1))
            for d in cands:
                v = first[d]
                starts = set(accumulate(memoryview(v)[1:].cast(chr(v[0]))))
                for j, vj in rest:
                    v = vj[d]
                    starts.intersection_update(
                        accumulate(memoryview(v)[1:].cast(chr(v[0])), initial=-j)
                    )
                    if not starts:
                        break
                if starts:
                    out.add(d)
            return out
        decode = fmt.decode_positions
        for d in cands:
            starts = set(decode(values[0][d]))
            for j in range(1, len(values)):
                starts.intersection_update([p - j for p in decode(values[j][d])])
                if not starts:
                    break
            if starts:
                out.add(d)
        return out


def docset(
    reader: MultiReader,
    searcher: Any,
    q: wq.Query,
    cache: PostingsCache | None = None,
    keys: list[tuple] | None = None,
) -> tuple[set[int], Evaluator]:
    """Global document numbers of every (non-deleted) document matching `q`, and the
    evaluator (whose postings `top_scored` reuses)."""
    ev = Evaluator(reader, searcher, cache, keys)
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
    kp1 = K1 + 1
    bounds = [off for _, off in ev.leaves]
    for fieldname, text in rank_terms(q):
        df = reader.doc_frequency(fieldname, text)
        if not df:
            continue
        idf = math.log(1.0 + (n - df + 0.5) / (df + 0.5))
        per_seg = ev.postings(fieldname, text)
        if len(docs) * 8 < sum(len(p[0]) for p in per_seg):
            # few matching documents, long postings: look each document up (ids are sorted)
            for g in docs:
                i = bisect_right(bounds, g) - 1
                ids, ws, _ = per_seg[i]
                d = g - bounds[i]
                j = bisect_left(ids, d)
                if j < len(ids) and ids[j] == d:
                    w = ws[j]
                    if w:
                        norm = norms(i, ev.leaves[i][0])
                        scores[g] = get(g, 0.0) + idf * w * kp1 / (w + norm[d])
            continue
        # otherwise walk the postings and keep the matching documents
        for i, ((leaf, off), (ids, ws, _)) in enumerate(zip(ev.leaves, per_seg, strict=True)):
            if not ids:
                continue
            norm = norms(i, leaf)
            for d, w in zip(ids, ws, strict=True):
                g = d + off
                if w and g in docs:
                    scores[g] = get(g, 0.0) + idf * w * kp1 / (w + norm[d])
    if len(scores) > k:
        # the k-th best score by C-level float comparisons, then sort only what reaches it
        floor = heapq.nlargest(k, scores.values())[-1]
        cands = [(d, s) for d, s in scores.items() if s >= floor]
    else:
        cands = list(scores.items())
    cands.sort(key=lambda x: (-x[1], x[0]))
    best = cands[:k]
    if len(best) < k:
        # documents matched without a scored term (should not happen): append unscored
        seen = {d for d, _ in best}
        best.extend((d, 0.0) for d in sorted(docs - seen)[: k - len(best)])
    return best
