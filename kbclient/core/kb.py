"""The knowledge base facade: the one object the CLI and the GUI talk to.

It ties the library (the truth) to the search index (derived) and owns the one function
that installs a pack — from a file, from sync or from the built-in content — so that
installing is atomic the same way whatever the source:

1. blobs are written (content-addressed, so a crash leaves only unreferenced files);
2. a *new* index part is built beside the old one (the old stays searchable);
3. one SQLite transaction switches the pack's documents and its index part together;
4. the old part folder is deleted.

A crash before 3 leaves the old version (plus a stray folder removed on the next open); a
crash after 3 leaves the new one. On open, every pack's part is checked against the library
(generation, document count, analyzer version) and rebuilt when they disagree.
"""

from __future__ import annotations

import json
import logging
import shutil
import threading
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from filelock import FileLock, Timeout

from kbclient.core import builtin
from kbclient.core.annotations import notes_index
from kbclient.core.blobs import BlobStore
from kbclient.core.documents import Document, parse_document, render_html
from kbclient.core.errors import DocumentNotFound, LibraryError, PackError
from kbclient.core.library import DocumentInfo, Library, PackInfo, PackSpec, StoredDocument
from kbclient.core.paths import DataPaths
from kbclient.core.progress import Progress, check_cancel, no_progress
from kbclient.core.search import FACET_FIELDS, IndexDoc, SearchHit, SearchIndex, SearchResult

logger = logging.getLogger(__name__)

__all__ = ["InstallReport", "KnowledgeBase", "Overview", "PackSpec"]


@dataclass(frozen=True)
class InstallReport:
    """What an install changed, for the CLI's report and the GUI's "What's new"."""

    pack: str
    version: int
    previous_version: int | None
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    indexed: int
    seconds: float


@dataclass(frozen=True)
class Overview:
    """What an empty search shows: recently updated documents and counts per kind."""

    total: int
    recent: tuple[DocumentInfo, ...]
    kinds: Mapping[str, int]
    packs: tuple[PackInfo, ...]


class KnowledgeBase:
    """The library and its search index in one data dir."""

    def __init__(self, paths: DataPaths, library: Library, index: SearchIndex) -> None:
        self.paths = paths
        self.library = library
        self.index = index
        self._write_lock = FileLock(str(paths.root / "write.lock"))
        self._thread_lock = threading.RLock()
        self._notes = notes_index.NotesIndex(paths, library)

    # -- opening -----------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        data_dir: Path,
        *,
        builtin_source: Path | None = None,
        install_builtin: bool = True,
        repair: bool = True,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> KnowledgeBase:
        """Open (creating if needed) the knowledge base in `data_dir`, ready to search.

        On first start the built-in library is installed as the pack `builtin`; index parts
        that disagree with the library are rebuilt (with progress) before returning.
        """
        paths = DataPaths(Path(data_dir)).ensure()
        library = Library(paths.database, BlobStore(paths.blobs))
        index = SearchIndex(paths.index, library.texts)
        kb = cls(paths, library, index)
        try:
            if install_builtin:
                kb.ensure_builtin(builtin_source, progress=progress, cancel=cancel)
            if repair:
                kb.repair_index(progress=progress, cancel=cancel)
                kb._clear_staging()
        except BaseException:
            kb.close()
            raise
        return kb

    def close(self) -> None:
        self._notes.close()
        self.index.close()
        self.library.close()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ensure_builtin(
        self,
        source: Path | None = None,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> InstallReport | None:
        """Install or upgrade the built-in library when the shipped version is newer."""
        src = source if source is not None else builtin.default_source()
        if src is None:
            return None
        digest = builtin.read_spec(src).manifest
        installed = self.library.pack(builtin.BUILTIN_PACK)
        seen = self.library.get_meta("builtin_manifest")
        if installed is None and seen is not None:
            return None  # the user removed it: do not bring it back
        if installed is not None and seen == digest:
            return None
        return builtin.install(self, src, progress=progress, cancel=cancel)

    # -- installing --------------------------------------------------------------------
    def install_pack(
        self,
        spec: PackSpec,
        docs: Sequence[tuple[Document, bytes]],
        *,
        assets: Mapping[str, bytes] | None = None,
        removed: Sequence[str] = (),
        prebuilt_index: Path | None = None,
        force: bool = False,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> InstallReport:
        """Install a pack version atomically; see the module docstring for the steps."""
        started = time.monotonic()
        report = progress or no_progress
        with self._thread_lock, self._write_lock:
            installed = self.library.pack(spec.id)
            before = self.library.pack_documents(spec.id)
            self._check_install(spec, installed, docs, force)
            check_cancel(cancel)

            blobs = self.library.blobs
            stored = [
                StoredDocument(doc, blobs.put(raw, sync=False), len(raw)) for doc, raw in docs
            ]
            asset_rows = {
                path: (blobs.put(data, sync=False), len(data))
                for path, data in (assets or {}).items()
            }
            blobs.flush()  # once, before the library can refer to them
            check_cancel(cancel)

            is_delta = spec.base is not None
            generation = self.library.peek_generation() + 1
            new_ids = {s.doc.id for s in stored}
            gone = (
                tuple(sorted(d for d in removed if d in before))
                if is_delta
                else tuple(sorted(set(before) - new_ids))
            )
            index_docs = [_index_doc(spec.id, s.doc) for s in stored]
            if prebuilt_index is not None:
                part = self.index.adopt_part(prebuilt_index, spec.id, generation=generation)
            elif is_delta and installed is not None and installed.index_part:
                part = self.index.derive_part(
                    installed.index_part,
                    spec.id,
                    add=index_docs,
                    remove=gone,
                    generation=generation,
                    progress=report,
                    cancel=cancel,
                )
            else:
                part = self.index.build_part(
                    spec.id,
                    index_docs,
                    total=len(index_docs),
                    generation=generation,
                    progress=report,
                    cancel=cancel,
                )
            try:
                check_cancel(cancel)
                with self.library.transaction() as con:
                    gen = self.library.next_generation(con)
                    if gen != generation:  # another process installed meanwhile
                        raise LibraryError("the library changed during the install; try again")
                    self.library.write_pack(
                        con,
                        spec,
                        generation=generation,
                        index_part=part,
                        docs=stored,
                        removed=gone,
                        replace_all=not is_delta,
                        assets=asset_rows,
                    )
            except BaseException:
                self.index.delete_part(part)
                raise
            if installed is not None and installed.index_part and installed.index_part != part:
                self.index.delete_part(installed.index_part)

        added = tuple(sorted(i for i in new_ids if i not in before))
        changed = tuple(
            sorted(s.doc.id for s in stored if s.doc.id in before and before[s.doc.id][1] != s.blob)
        )
        logger.info(
            "installed pack %s v%d: %d added, %d changed, %d removed",
            spec.id,
            spec.version,
            len(added),
            len(changed),
            len(gone),
        )
        report = InstallReport(
            pack=spec.id,
            version=spec.version,
            previous_version=installed.version if installed else None,
            added=added,
            changed=changed,
            removed=gone,
            indexed=len(index_docs),
            seconds=time.monotonic() - started,
        )
        self._reanchor_annotations(report)
        return report

    def _reanchor_annotations(self, report: InstallReport) -> None:
        """Move the annotations of revised documents to where their passages now are.

        The install has already succeeded; a failure here is logged, not raised, because
        annotations are re-anchored again whenever their document is opened.
        """
        if not report.changed or not self.paths.annotations.exists():
            return
        from kbclient.core.annotations.reanchor import reanchor_after_install

        try:
            reanchor_after_install(self, report)
        except Exception:
            logger.exception("re-anchoring annotations after installing %s failed", report.pack)

    def _check_install(
        self,
        spec: PackSpec,
        installed: PackInfo | None,
        docs: Sequence[tuple[Document, bytes]],
        force: bool,
    ) -> None:
        if spec.base is not None:
            found = installed.version if installed else None
            if found != spec.base:
                have = f"found {found}" if found is not None else "it is not installed"
                raise PackError(
                    f"pack {spec.id} v{spec.version} is a delta: it needs version {spec.base} "
                    f"installed, {have}: import the full pack"
                )
        elif installed is not None and spec.version < installed.version and not force:
            raise PackError(
                f"pack {spec.id} v{spec.version} is older than the installed v"
                f"{installed.version}; use --force to downgrade"
            )
        seen: set[str] = set()
        for doc, _raw in docs:
            if doc.id in seen:
                raise PackError(f"pack {spec.id} carries document {doc.id} twice")
            seen.add(doc.id)
        owners = self.library.owners(seen)
        clashes = sorted(f"{d} (in pack {p})" for d, p in owners.items() if p != spec.id)
        if clashes:
            more = f" and {len(clashes) - 3} more" if len(clashes) > 3 else ""
            raise PackError(
                f"pack {spec.id} carries documents that another installed pack provides: "
                f"{', '.join(clashes[:3])}{more}; remove that pack first"
            )

    def remove_pack(self, pack_id: str) -> int:
        """Remove a pack's documents from library and index; returns how many left."""
        with self._thread_lock, self._write_lock:
            info = self.library.pack(pack_id)
            if info is None:
                raise PackError(f"no pack {pack_id!r} is installed")
            with self.library.transaction() as con:
                self.library.delete_pack(con, pack_id)
            if info.index_part:
                self.index.delete_part(info.index_part)
            self.library.blobs.collect(self.library.referenced_blobs())
        return info.doc_count

    # -- index upkeep ------------------------------------------------------------------
    def check_index(self) -> list[str]:
        """Every way the index disagrees with the library; [] when they agree."""
        problems: list[str] = []
        counts = self.library.counts_by_pack()
        for pack in self.library.packs():
            if not pack.index_part:
                problems.append(f"pack {pack.id}: no index part")
                continue
            for p in self.index.check_part(
                pack.index_part,
                pack=pack.id,
                generation=pack.generation,
                doc_count=counts.get(pack.id, 0),
            ):
                problems.append(f"pack {pack.id}: {p}")
        return problems

    def repair_index(
        self, *, progress: Progress | None = None, cancel: threading.Event | None = None
    ) -> list[str]:
        """Rebuild the parts that disagree with the library and drop unreferenced folders."""
        bad = sorted({p.split(":", 1)[0].removeprefix("pack ") for p in self.check_index()})
        for pack_id in bad:
            logger.warning("index part of pack %s disagrees with the library: rebuilding", pack_id)
            self._rebuild_pack(pack_id, progress, cancel)
        self._drop_stray_parts()
        return bad

    def rebuild_index(
        self, *, progress: Progress | None = None, cancel: threading.Event | None = None
    ) -> None:
        """Rebuild every pack's index part from the library (`kbclient index rebuild`)."""
        packs = self.library.packs()
        total = sum(p.doc_count for p in packs)
        done = 0
        report = progress or no_progress
        for pack in packs:

            def part_progress(n: int, _t: int, base: int = done) -> None:
                report(base + n, total)

            self._rebuild_pack(pack.id, part_progress, cancel)
            done += pack.doc_count
        report(total, total)
        self._drop_stray_parts()
        self._notes.invalidate()  # rebuilt from the annotations on the next search

    def _rebuild_pack(
        self, pack_id: str, progress: Progress | None, cancel: threading.Event | None
    ) -> None:
        with self._thread_lock, self._write_lock:
            info = self.library.pack(pack_id)
            if info is None:
                return
            docs = (index_doc_from_row(r) for r in self.library.iter_rows(pack_id))
            part = self.index.build_part(
                pack_id,
                docs,
                total=info.doc_count,
                generation=info.generation,
                progress=progress,
                cancel=cancel,
            )
            try:
                with self.library.transaction() as con:
                    self.library.set_index_part(con, pack_id, part, info.generation)
            except BaseException:
                self.index.delete_part(part)
                raise
            if info.index_part and info.index_part != part:
                self.index.delete_part(info.index_part)

    def _clear_staging(self) -> None:
        """Remove what a killed import left in staging/ (only when no one else writes)."""
        try:
            self._write_lock.acquire(timeout=0)
        except Timeout:
            return
        try:
            for entry in self.paths.staging.iterdir():
                logger.info("removing leftover staging entry %s", entry.name)
                if entry.is_dir() and not entry.is_symlink():
                    shutil.rmtree(entry, ignore_errors=True)
                else:
                    entry.unlink(missing_ok=True)
        finally:
            self._write_lock.release()

    def _drop_stray_parts(self) -> None:
        lock = self._write_lock
        try:
            lock.acquire(timeout=0)
        except Timeout:  # another process is writing: its new part is not stray
            return
        try:
            referenced = {p.index_part for p in self.library.packs() if p.index_part}
            for name in self.index.list_parts():
                if name not in referenced:
                    logger.info("removing stray index part %s", name)
                    self.index.delete_part(name)
        finally:
            lock.release()

    # -- reading -----------------------------------------------------------------------
    def search(
        self,
        query: str,
        *,
        limit: int = 20,
        offset: int = 0,
        filters: Mapping[str, Sequence[str]] | None = None,
        sort: str = "relevance",
        prefix_last: bool = False,
        facets: bool = True,
    ) -> SearchResult:
        """Search documents and annotations together; see `_notes_search`.

        `filters` takes the engine's fields and ``annotated: ["yes"]`` (only documents with
        live annotations). With no annotation store this is the engine's search, unchanged.
        """
        parts = self.library.index_parts()
        flt = {k: list(v) for k, v in (filters or {}).items()}
        annotated = any(v.lower() in ("yes", "true", "1") for v in flt.pop("annotated", []))
        state = self._notes.current(parts) if self.paths.annotations.exists() else None
        if annotated:
            result = self._annotated_search(
                query, parts, state, limit, offset, flt, sort, prefix_last, facets
            )
        elif state is None or state.part is None:
            result = self._doc_search(query, parts, limit, offset, flt, sort, prefix_last, facets)
        else:
            result = self._notes_search(
                query, parts, state, limit, offset, flt, sort, prefix_last, facets
            )
        return self._mark_unverified(result)

    def _doc_search(
        self,
        query: str,
        parts: Sequence[str],
        limit: int,
        offset: int,
        flt: dict[str, list[str]],
        sort: str,
        prefix_last: bool,
        facets: bool,
    ) -> SearchResult:
        """The documents' own search, without notes: the engine over the packs' parts."""
        return self.index.search(
            query,
            parts=parts,
            limit=limit,
            offset=offset,
            filters=flt,
            sort=sort,
            prefix_last=prefix_last,
            facets=facets,
        )

    def _mark_unverified(self, result: SearchResult) -> SearchResult:
        """Hits from packs installed without a trusted signature say so (`verified`)."""
        unverified = self.library.unverified_packs()
        if not unverified or not any(h.pack in unverified for h in result.hits):
            return result
        hits = tuple(replace(h, verified=False) if h.pack in unverified else h for h in result.hits)
        return replace(result, hits=hits)

    def _notes_search(
        self,
        query: str,
        parts: Sequence[str],
        state: notes_index.NotesState,
        limit: int,
        offset: int,
        flt: dict[str, list[str]],
        sort: str,
        prefix_last: bool,
        facets: bool,
    ) -> SearchResult:
        """Documents matching by their text, plus those matching only through a note.

        The documents' page is fetched as usual; only when some note matches are the
        documents' whole match set (to tell "also by its text" from "only by a note") and a
        page from the start (to merge the two by score, date or title) paid for.
        """
        t0 = time.perf_counter()
        result = self._doc_search(query, parts, limit, offset, flt, sort, prefix_last, facets)
        if not result.terms:  # no words (filters only): notes add nothing
            return result
        matched = self._notes.search(state, query, filters=flt, prefix_last=prefix_last)
        if not matched:
            return result
        direct = self.index.matching_ids(notes_index.prefixed(query, prefix_last), parts=parts)
        only = [d for d in matched if d not in direct]
        infos = self.library.infos(only)
        only = [d for d in only if d in infos]
        if not only:  # every note-matched document matched by its text too: mark them
            hits = tuple(_with_notes(h, matched, result.terms) for h in result.hits)
            return replace(result, hits=hits, took_ms=_ms(t0))
        if offset:
            result = self._doc_search(
                query, parts, offset + limit, 0, flt, sort, prefix_last, facets
            )
        extra = [_note_hit(infos[d], matched[d]) for d in only]
        merged = sorted([*result.hits, *extra], key=_sort_key(sort))
        page = merged[offset : offset + limit]
        hits = tuple(_with_notes(h, matched, result.terms) for h in page)
        counts = _add_facets(result.facets, [infos[d] for d in only]) if facets else {}
        return replace(
            result,
            total=result.total + len(only),
            hits=hits,
            facets=counts,
            took_ms=_ms(t0),
        )

    def _annotated_search(
        self,
        query: str,
        parts: Sequence[str],
        state: notes_index.NotesState | None,
        limit: int,
        offset: int,
        flt: dict[str, list[str]],
        sort: str,
        prefix_last: bool,
        facets: bool,
    ) -> SearchResult:
        """Only documents with live annotations: the engine has no id filter, so the
        (small) set of annotated documents is intersected with the match set here and paged
        here. Relevance order comes from the engine's ranking of the documents (fetched in
        growing pages, bounded), then the notes' scores; the rest newest first."""
        t0 = time.perf_counter()
        allowed = state.annotated if state is not None else frozenset()
        if not allowed:
            return SearchResult(query=query, total=0, took_ms=_ms(t0), hits=())
        need = offset + limit
        k = max(need, 50)
        ranked = self.index.search(
            query,
            parts=parts,
            limit=k,
            filters=flt,
            sort=sort,
            prefix_last=prefix_last,
            facets=False,
        )
        if query.strip():
            direct = self.index.matching_ids(notes_index.prefixed(query, prefix_last), parts=parts)
            direct &= allowed
        else:  # no words: the filters alone choose (as the engine does for `kind:x`)
            direct = set(allowed)
        matched = (
            self._notes.search(state, query, filters=flt, prefix_last=prefix_last)
            if state is not None and ranked.terms
            else {}
        )
        infos = self.library.infos(sorted(direct | set(matched)))
        chosen = [i for i in infos.values() if i.id in matched or notes_index.passes(i, flt)]
        by_engine = {h.id: h for h in ranked.hits if h.id in infos}
        if sort == "relevance" and ranked.terms:
            wanted = {i.id for i in chosen}
            while len(by_engine.keys() & wanted) < need and k < min(ranked.total, 20_000):
                k *= 4
                ranked = self.index.search(
                    query,
                    parts=parts,
                    limit=k,
                    filters=flt,
                    sort=sort,
                    prefix_last=prefix_last,
                    facets=False,
                )
                by_engine = {h.id: h for h in ranked.hits if h.id in wanted}
        texts = self.library.texts  # for snippets of documents the engine did not page

        def score(i: DocumentInfo) -> float:
            s = by_engine[i.id].score if i.id in by_engine else 0.0
            return max(s, matched[i.id].score) if i.id in matched else s

        pool = [by_engine.get(i.id) or _note_hit(i, matched.get(i.id), score(i)) for i in chosen]
        if sort == "relevance":
            pool = [replace(h, score=round(score(infos[h.id]), 4)) for h in pool]
        pool.sort(key=_sort_key(sort))
        page = pool[offset:need]
        missing = [h.id for h in page if not h.snippet and h.id not in matched]
        bodies = texts(missing) if missing else {}
        hits = tuple(
            _with_notes(
                replace(h, snippet=notes_index.note_snippet(bodies[h.id], ranked.terms))
                if h.id in bodies
                else h,
                matched,
                ranked.terms,
            )
            for h in page
        )
        return SearchResult(
            query=query,
            total=len(pool),
            took_ms=_ms(t0),
            hits=hits,
            facets=_add_facets({}, chosen) if facets and chosen else {},
            terms=ranked.terms,
        )

    def document(self, doc_id: str) -> Document:
        info = self.library.info(doc_id)
        if info is None:
            raise DocumentNotFound(doc_id)
        return parse_document(self.library.blobs.get(info.blob), f"{info.pack}:{doc_id}")

    def document_info(self, doc_id: str) -> DocumentInfo:
        info = self.library.info(doc_id)
        if info is None:
            raise DocumentNotFound(doc_id)
        return info

    def render_html(self, doc_id: str) -> str:
        return render_html(self.document(doc_id).body)

    def overview(self, limit: int = 20) -> Overview:
        return Overview(
            total=self.library.count(),
            recent=tuple(self.library.recent(limit)),
            kinds=self.library.counts_by("kind"),
            packs=tuple(self.library.packs()),
        )

    def packs(self) -> list[PackInfo]:
        return self.library.packs()

    def pack(self, pack_id: str) -> PackInfo | None:
        return self.library.pack(pack_id)

    def installed_docs(self, pack_id: str) -> dict[str, tuple[int, str]]:
        return self.library.pack_documents(pack_id)

    def document_count(self) -> int:
        return self.library.count()


def _index_doc(pack: str, doc: Document) -> IndexDoc:
    return IndexDoc(
        id=doc.id,
        pack=pack,
        title=doc.title,
        text=doc.plain_text,
        kind=doc.kind,
        lang=doc.lang,
        tags=doc.tags,
        org=doc.org,
        status=doc.status,
        updated=doc.updated,
    )


def index_doc_from_row(row: Mapping[str, object]) -> IndexDoc:
    return IndexDoc(
        id=str(row["id"]),
        pack=str(row["pack"]),
        title=str(row["title"]),
        text=str(row["text"]),
        kind=str(row["kind"]),
        lang=str(row["lang"]),
        tags=tuple(json.loads(str(row["tags"]))),
        org=str(row["org"]),
        status=str(row["status"]),
        updated=str(row["updated"]),
    )


# -- merging documents found through their annotations --------------------------------------
def _ms(t0: float) -> float:
    return round((time.perf_counter() - t0) * 1000, 2)


def _note_hit(
    info: DocumentInfo, notes: notes_index.DocNotes | None, score: float | None = None
) -> SearchHit:
    """A hit built from the catalogue (no snippet yet: only the page's are cut)."""
    if score is None:
        score = notes.score if notes else 0.0
    return SearchHit(
        id=info.id,
        title=info.title,
        kind=info.kind,
        score=round(score, 4),
        snippet="",
        org=info.org,
        lang=info.lang,
        pack=info.pack,
        status=info.status,
        updated=info.updated,
        tags=info.tags,
    )


def _with_notes(
    hit: SearchHit, matched: Mapping[str, notes_index.DocNotes], terms: Sequence[str]
) -> SearchHit:
    """`hit` with the authors of its matching notes, and its snippet from the best note
    when its own text gave none (found only through a note)."""
    found = matched.get(hit.id)
    if not found:
        return hit
    snippet = hit.snippet or notes_index.note_snippet(found.texts[0], terms)
    return replace(hit, notes_by=tuple(found.authors), snippet=snippet)


def _sort_key(sort: str):  # type: ignore[no-untyped-def]
    def neg(s: str) -> tuple[int, ...]:
        return (1,) if not s else (0, *(-ord(c) for c in s))

    if sort == "title":
        return lambda h: (h.title, h.id)
    if sort == "date":
        return lambda h: (neg(h.updated), h.title, h.id)
    return lambda h: (-h.score, neg(h.updated), h.id)


def _add_facets(
    base: Mapping[str, Mapping[str, int]], infos: Sequence[DocumentInfo]
) -> dict[str, dict[str, int]]:
    """`base` counts plus those of `infos` (documents the engine did not count)."""
    out: dict[str, dict[str, int]] = {}
    for f in FACET_FIELDS:
        counts: Counter[str] = Counter(base.get(f, {}))
        for info in infos:
            if f == "tag":
                counts.update({t.replace(",", " ").strip().lower() for t in info.tags} - {""})
            else:
                value = getattr(info, f)
                if value:
                    counts[value] += 1
        out[f] = dict(counts.most_common())
    return out
