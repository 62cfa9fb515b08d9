"""SearchIndex: index parts (one per pack) searched together as one.

Readers are cached per part name; a search with a new set of names opens only the parts
it has not seen and closes the ones no longer listed. All parts' segment readers form one
`whoosh.reading.MultiReader` under one `Searcher`. Searches are serialised by one lock
(Whoosh readers share file handles); builds and derives never take it, so searches never
wait for a writer. Decoded postings are cached across searches (`fast.PostingsCache`, keyed by
part name and segment position, bounded; entries of a closed part are dropped).
"""

from __future__ import annotations

import heapq
import logging
import shutil
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

from whoosh.reading import IndexReader, MultiReader
from whoosh.searching import Searcher

from kbclient.core.errors import SearchIndexError
from kbclient.core.search import parts as P
from kbclient.core.search.fast import (
    Evaluator,
    PostingsCache,
    docset,
    length_norms,
    top_scored,
)
from kbclient.core.search.model import FACET_FIELDS, SORTS, IndexDoc, SearchHit, SearchResult
from kbclient.core.search.query import BuiltQuery, build, parse
from kbclient.core.search.snippets import make_snippet

logger = logging.getLogger(__name__)

TextLookup = Callable[[Sequence[str]], Mapping[str, str]]
PREFIX_CAP = 50
PREFIX_SCAN_CAP = 20_000
STALE_STAGING_S = 6 * 3600
_COLUMNS = ("kind", "org", "lang", "pack", "status", "updated", "title_sort")
_FACET_SOURCE = {"kind": "kind", "org": "org", "lang": "lang", "pack": "pack"}


@dataclass
class _Part:
    """An open part: its sub-indexes' readers and, lazily, its column arrays."""

    name: str
    readers: list[IndexReader]
    leaves: list[IndexReader]
    columns: dict[str, list] = field(default_factory=dict)

    def close(self) -> None:
        for r in self.readers:
            try:
                r.close()
            except Exception:  # already closed or files gone: nothing to release
                logger.debug("closing a reader of %s failed", self.name, exc_info=True)

    def column(self, name: str) -> list:
        col = self.columns.get(name)
        if col is None:
            col = []
            intern: dict = {}
            for leaf in self.leaves:
                for v in leaf.column_reader(name):
                    if isinstance(v, bytes):
                        v = v.decode("utf-8")
                    if name == "tags_col":
                        t = intern.get(v)
                        if t is None:
                            t = intern[v] = tuple(x for x in v.split(",") if x)
                        col.append(t)
                    else:
                        col.append(intern.setdefault(v, v))
            self.columns[name] = col
        return col


@dataclass
class _View:
    """The readers of one set of part names, searched as one."""

    names: tuple[str, ...]
    parts: list[_Part]
    reader: MultiReader
    searcher: Searcher
    columns: dict[str, list] = field(default_factory=dict)
    prefix_cache: dict[tuple[str, bool], list[str]] = field(default_factory=dict)
    # a stable key per segment of `reader` (part name, position) for the postings cache
    keys: list[tuple[str, int]] = field(default_factory=list)
    _norms: dict[int, list[float]] | None = None
    _avgdl: float = 1.0

    def column(self, name: str) -> list:
        col = self.columns.get(name)
        if col is None:
            col = list(chain.from_iterable(p.column(name) for p in self.parts))
            self.columns[name] = col
        return col

    def tagset_codes(self) -> tuple[list[int], list[tuple[str, ...]]]:
        """Each document's tag set as a small number, and the tag sets by number (a few
        hundred distinct sets: counting numbers then expanding is cheaper than counting
        every tag of every document)."""
        got = self.columns.get("\x00tagset_codes")
        if got is None:
            codes: dict[tuple[str, ...], int] = {}
            col = [codes.setdefault(t, len(codes)) for t in self.column("tags_col")]
            got = self.columns["\x00tagset_codes"] = [col, list(codes)]
        return got[0], got[1]

    def norms(self, i: int, leaf: IndexReader) -> list[float]:
        """BM25 length norms of the i-th segment (cached: they depend on this view's avgdl)."""
        if self._norms is None:
            n = max(1, self.reader.doc_count_all())
            self._avgdl = self.reader.field_length("body") / n
            self._norms = {}
        norm = self._norms.get(i)
        if norm is None:
            norm = self._norms[i] = length_norms(leaf, "body", self._avgdl)
        return norm


class SearchIndex:
    """The search index of a library: one part folder per pack under `root`."""

    def __init__(self, root: Path, text_lookup: TextLookup) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._text_lookup = text_lookup
        self._lock = threading.Lock()
        self._parts: dict[str, _Part] = {}
        self._view: _View | None = None
        self._postings = PostingsCache()
        self._closed = False
        self._remove_stale_staging()

    # ------------------------------------------------------------ parts

    def build_part(
        self,
        pack: str,
        docs: Iterable[IndexDoc],
        *,
        total: int | None = None,
        generation: int,
        progress: Callable[[int, int], None] | None = None,
        cancel: threading.Event | None = None,
        parallel: bool | None = None,
    ) -> str:
        """Build a new part folder for `pack` from `docs`; returns its name."""
        return P.build(
            self.root,
            pack,
            docs,
            total=total,
            generation=generation,
            progress=progress,
            cancel=cancel,
            parallel=parallel,
        )

    def derive_part(
        self,
        base: str,
        pack: str,
        *,
        add: Iterable[IndexDoc],
        remove: Iterable[str],
        generation: int,
        progress: Callable[[int, int], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> str:
        """A new part = `base` with `remove` ids deleted and `add` docs added or replaced."""
        return P.derive(
            self.root,
            base,
            pack,
            add=add,
            remove=remove,
            generation=generation,
            progress=progress,
            cancel=cancel,
        )

    def adopt_part(self, src: Path, pack: str, *, generation: int) -> str:
        """Copy a prebuilt part (a trusted pack's `index/` folder) in; returns its name."""
        return P.adopt(self.root, Path(src), pack, generation=generation)

    def delete_part(self, name: str) -> None:
        """Delete a part folder (open readers keep working until the next search)."""
        if not name or "/" in name or "\\" in name or name in (".", ".."):
            raise SearchIndexError(f"invalid index part name {name!r}")
        shutil.rmtree(self.root / name, ignore_errors=True)

    def part_info(self, name: str) -> P.PartInfo | None:
        """The part's meta, or None if missing or unreadable."""
        return P.read_meta(self.root / name)

    def check_part(self, name: str, *, pack: str, generation: int, doc_count: int) -> list[str]:
        """Problems with a part ([] = OK)."""
        return P.check(self.root, name, pack=pack, generation=generation, doc_count=doc_count)

    def list_parts(self) -> list[str]:
        """Folder names under root (complete parts; staging folders are not listed)."""
        try:
            return sorted(
                p.name for p in self.root.iterdir() if p.is_dir() and not p.name.startswith(".")
            )
        except OSError:
            return []

    def _remove_stale_staging(self) -> None:
        now = time.time()
        for p in self.root.glob(P.STAGING_PREFIX + "*"):
            try:
                if now - p.stat().st_mtime > STALE_STAGING_S:
                    shutil.rmtree(p, ignore_errors=True)
            except OSError:
                pass

    # ------------------------------------------------------------ readers

    def _open_part(self, name: str) -> _Part | None:
        info = P.read_meta(self.root / name)
        if info is None:
            logger.warning("index part %s is missing or has no meta; not searched", name)
            return None
        with P.quiet_leaks():
            readers = self._open_readers(name, info.subs)
        if readers is None:
            return None
        # an empty sub-index has an EmptyReader (no columns): leave it out
        leaves = [leaf for r in readers for leaf, _ in r.leaf_readers() if leaf.doc_count_all() > 0]
        return _Part(name, readers, leaves)

    def _open_readers(self, name: str, subs: Sequence[str]) -> list[IndexReader] | None:
        readers: list[IndexReader] = []
        try:
            for s in subs:
                readers.append(P.open_sub(self.root / name / s).reader())
        except Exception as e:
            logger.warning("index part %s cannot be opened (%s); not searched", name, str(e))
            for r in readers:
                r.close()
            return None
        return readers

    def _view_for(self, names: Sequence[str]) -> _View | None:
        key = tuple(dict.fromkeys(names))
        if self._view is not None and self._view.names == key:
            return self._view
        for n in key:
            if n not in self._parts:
                part = self._open_part(n)
                if part is not None:
                    self._parts[n] = part
        for n in list(self._parts):
            if n not in key:
                self._parts.pop(n).close()
                self._postings.drop(lambda k, n=n: k[0][0] == n)
        parts = [self._parts[n] for n in key if n in self._parts]
        leaves = [leaf for p in parts for leaf in p.leaves]
        if not leaves:
            self._view = None
            return None
        reader = MultiReader(leaves)
        keys = [(p.name, j) for p in parts for j in range(len(p.leaves))]
        self._view = _View(key, parts, reader, Searcher(reader), keys=keys)
        return self._view

    def clear_caches(self) -> None:
        """Forget decoded postings (for cold-cache measurements; searching refills it)."""
        with self._lock:
            self._postings.clear()

    def _expander(self, view: _View) -> Callable[[str, bool], list[str]]:
        def expand(prefix: str, cjk: bool) -> list[str]:
            key = (prefix, cjk)
            hit = view.prefix_cache.get(key)
            if hit is not None:
                return hit
            freq: Counter[str] = Counter()
            scanned = 0
            for leaf in view.parts and (lf for p in view.parts for lf in p.leaves):
                for btext, ti in leaf.iter_prefix("body", prefix):
                    freq[btext.decode("utf-8")] += ti.doc_frequency()
                    scanned += 1
                    if scanned >= PREFIX_SCAN_CAP:
                        break
            out = [t for t, _ in freq.most_common(PREFIX_CAP)]
            if len(view.prefix_cache) > 2000:
                view.prefix_cache.clear()
            view.prefix_cache[key] = out
            return out

        return expand

    # ------------------------------------------------------------ searching

    def search(
        self,
        query: str,
        *,
        parts: Sequence[str],
        limit: int = 20,
        offset: int = 0,
        filters: Mapping[str, Sequence[str]] | None = None,
        sort: str = "relevance",
        prefix_last: bool = False,
        facets: bool = True,
    ) -> SearchResult:
        """Search the listed parts as one; never raises on malformed queries."""
        t0 = time.perf_counter()
        limit = max(0, int(limit))
        offset = max(0, int(offset))
        if sort not in SORTS:
            sort = "relevance"
        pq = parse(query or "")
        if prefix_last and (query or "").rstrip() == (query or "") and pq.groups:
            last = pq.groups[-1][-1]
            if last.kind == "word" and last.text[-1:].isascii() and last.text[-1:].isalnum():
                last.prefix = True
        extra = {k: list(v) for k, v in (filters or {}).items()}
        hits: list[SearchHit] = []
        page: list[tuple[int, float]] = []
        facet_counts: dict[str, dict[str, int]] = {}
        built: BuiltQuery | None = None
        stored: list[dict] = []
        with self._lock:
            if self._closed:
                raise SearchIndexError("the search index is closed")
            view = self._view_for(parts)
            if view is not None:
                built = build(pq, self._expander(view), extra)
            if view is not None and built is not None and built.match is not None:
                found, ev = docset(
                    view.reader, view.searcher, built.match, self._postings, view.keys
                )
                docs = list(found)
                total = len(docs)
                if facets and docs:
                    facet_counts = self._facets(view, docs)
                page = self._page(view, built, found, ev, sort, offset, limit)
                stored = [view.searcher.stored_fields(d) for d, _ in page]
            else:
                total = 0
        if stored and built is not None:
            texts = self._text_lookup([s["id"] for s in stored])
            for (_, score), s in zip(page, stored, strict=True):
                text = texts.get(s["id"], "")
                hits.append(
                    SearchHit(
                        id=s["id"],
                        title=s.get("title", ""),
                        kind=s.get("kind", ""),
                        score=round(float(score), 4),
                        snippet=make_snippet(text, built.highlight),
                        org=s.get("org", ""),
                        lang=s.get("lang", ""),
                        pack=s.get("pack", ""),
                        status=s.get("status", ""),
                        updated=s.get("updated", ""),
                        tags=tuple(t for t in s.get("tags", "").split(",") if t),
                    )
                )
        took = (time.perf_counter() - t0) * 1000
        return SearchResult(
            query=query,
            total=total,
            took_ms=round(took, 2),
            hits=tuple(hits),
            facets=facet_counts,
            terms=built.terms if built else (),
        )

    def matching_ids(self, query: str, *, parts: Sequence[str]) -> set[str]:
        """Ids of every document matching `query` (for recall measurements)."""
        pq = parse(query)
        with self._lock:
            view = self._view_for(parts)
            if view is None:
                return set()
            built = build(pq, self._expander(view))
            if built.match is None:
                return set()
            ids = []
            for d in docset(view.reader, view.searcher, built.match)[0]:
                ids.append(view.searcher.stored_fields(d)["id"])
            return set(ids)

    @staticmethod
    def _facets(view: _View, docs: list[int]) -> dict[str, dict[str, int]]:
        out: dict[str, dict[str, int]] = {}
        for f in FACET_FIELDS:
            counts: Counter[str]
            if f == "tag":
                codes, tagsets = view.tagset_codes()
                counts = Counter()
                for code, n in Counter(map(codes.__getitem__, docs)).items():
                    for t in tagsets[code]:
                        counts[t] += n
            else:
                col = view.column(_FACET_SOURCE.get(f, f))
                counts = Counter(map(col.__getitem__, docs))
                counts.pop("", None)
            out[f] = dict(counts.most_common())
        return out

    @staticmethod
    def _page(
        view: _View,
        built: BuiltQuery,
        docs: set[int],
        ev: Evaluator,
        sort: str,
        offset: int,
        limit: int,
    ) -> list[tuple[int, float]]:
        k = offset + limit
        if k == 0 or not docs:
            return []
        if sort == "relevance" and built.rank is not None:
            # BM25 over the positive words, for the matching documents only (filters and
            # negations are already applied in `docs`)
            return top_scored(ev, built.rank, docs, k, view.norms)[offset:k]
        updated = view.column("updated")
        titles = view.column("title_sort")
        if sort == "title":
            top = heapq.nsmallest(k, docs, key=lambda d: (titles[d], d))
        else:  # date, and relevance without words to score: newest first
            top = heapq.nsmallest(k, docs, key=lambda d: (_neg(updated[d]), titles[d], d))
        return [(d, 0.0) for d in top[offset:k]]

    def close(self) -> None:
        """Close every open reader."""
        with self._lock:
            self._closed = True
            for p in self._parts.values():
                p.close()
            self._parts.clear()
            self._view = None
            self._postings.clear()


def _neg(s: str) -> tuple[int, ...]:
    """A key that sorts date strings newest first (empty dates last)."""
    if not s:
        return (1,)
    return (0, *(-ord(c) for c in s))
