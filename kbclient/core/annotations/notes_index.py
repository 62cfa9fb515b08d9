"""Annotations in search: one small index part holding every live annotation's note,
quoted passage and tags, searched beside the documents' parts (DESIGN.md "Search").

Each live annotation whose document is in the library becomes one IndexDoc, id
``note:<annotation id>``, carrying its document's title, kind, org, lang, status, updated,
tags and pack, so that filters and facets mean the same for a note as for its document.

The part lives in its own `SearchIndex` under ``index/.annotations/`` (the pack parts' index
never lists dot folders): searching it never disturbs the readers and caches of the
documents' index. The library's meta row ``notes_index`` remembers which part is current,
the stamp it was built from (the annotation store's change counter, the library
generation and its pack parts) and a digest per indexed annotation, so that a change is
applied as a derived part (the changed annotations added, the gone ones removed) rather
than a rebuild. With no annotation store, or no live annotation, nothing is built and a
search pays nothing.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import re
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kbclient.core.annotations.store import AnnotationStore, changes
from kbclient.core.library import DocumentInfo, Library
from kbclient.core.paths import DataPaths
from kbclient.core.search import IndexDoc, SearchIndex

logger = logging.getLogger(__name__)

NOTES_PACK = "_annotations"  # pack ids are [a-z0-9][a-z0-9._-]*: no clash possible
NOTE_PREFIX = "note:"
META_KEY = "notes_index"
SCORED = 200  # notes ranked by the engine per search (every match is counted)
SNIPPET_CHARS = 160


@dataclass(frozen=True)
class NoteInfo:
    info: DocumentInfo  # its document's catalogue row
    author: str
    text: str  # what was indexed (note, quote, tags), for the snippet


@dataclass
class DocNotes:
    """The notes of one document that matched a query, best first."""

    score: float
    authors: list[str] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class NotesState:
    stamp: str
    part: str | None
    notes: Mapping[str, NoteInfo]  # by annotation id
    annotated: frozenset[str]  # documents with live annotations (in the library)


class NotesIndex:
    """The annotations part of one knowledge base (see the module docstring)."""

    def __init__(self, paths: DataPaths, library: Library) -> None:
        self.paths = paths
        self.library = library
        self._index: SearchIndex | None = None
        self._store: AnnotationStore | None = None
        self._state: NotesState | None = None
        self._lock = threading.RLock()

    # -- upkeep ----------------------------------------------------------------------------
    def _open_store(self) -> AnnotationStore | None:
        if self._store is None:
            if not self.paths.annotations.exists():
                return None
            self._store = AnnotationStore(self.paths.annotations)
        return self._store

    def _engine(self) -> SearchIndex:
        if self._index is None:
            self._index = SearchIndex(self.paths.index / ".annotations", lambda _ids: {})
        return self._index

    def current(self, doc_parts: Sequence[str]) -> NotesState | None:
        """The up-to-date state, updating the part first if annotations or library changed;
        None when there is no annotation store at all."""
        with self._lock:
            store = self._open_store()
            if store is None:
                return None
            stamp = _stamp(changes(store), self.library.peek_generation(), doc_parts)
            if self._state is not None and self._state.stamp == stamp:
                return self._state
            self._state = self._update(store, stamp)
            return self._state

    def _update(self, store: AnnotationStore, stamp: str) -> NotesState:
        docs, notes = self._index_docs(store)
        digests = {d.id: _digest(d) for d in docs}
        raw = self.library.get_meta(META_KEY)
        meta = json.loads(raw) if raw else {}
        engine = self._engine()
        old_part = meta.get("part")
        if old_part and engine.part_info(old_part) is None:
            old_part = None
        old_digests: dict[str, str] = meta.get("digests", {}) if old_part else {}
        generation = int(stamp.split(":", 1)[0])
        if old_part and old_digests == digests:
            part: str | None = old_part
        elif not docs:
            part = None
        elif old_part:
            add = [d for d in docs if old_digests.get(d.id) != digests[d.id]]
            remove = [i for i in old_digests if i not in digests]
            part = engine.derive_part(
                old_part, NOTES_PACK, add=add, remove=remove, generation=generation
            )
        else:
            part = engine.build_part(NOTES_PACK, docs, total=len(docs), generation=generation)
        if part != meta.get("part") or meta.get("stamp") != stamp:
            value = {"part": part, "stamp": stamp, "digests": digests if part else {}}
            with self.library.transaction() as con:
                self.library.set_meta(con, META_KEY, json.dumps(value, ensure_ascii=False))
        if old_part and old_part != part:
            engine.delete_part(old_part)
        for name in engine.list_parts():  # what a killed update left behind
            if name != part:
                engine.delete_part(name)
        annotated = frozenset(n.info.id for n in notes.values())
        return NotesState(stamp, part, notes, annotated)

    def _index_docs(self, store: AnnotationStore) -> tuple[list[IndexDoc], dict[str, NoteInfo]]:
        live = store.all()
        infos = self.library.infos(sorted({a.doc for a in live}))
        docs: list[IndexDoc] = []
        notes: dict[str, NoteInfo] = {}
        for a in live:
            info = infos.get(a.doc)
            if info is None:  # its document is not (or no longer) in the library
                continue
            text = "\n".join(x for x in (a.note, a.quote.exact, " ".join(a.tags)) if x)
            notes[a.id] = NoteInfo(info, a.author, text)
            docs.append(
                IndexDoc(
                    id=NOTE_PREFIX + a.id,
                    pack=info.pack,
                    title=info.title,
                    text=text,
                    kind=info.kind,
                    lang=info.lang,
                    tags=info.tags,
                    org=info.org,
                    status=info.status,
                    updated=info.updated,
                )
            )
        return docs, notes

    # -- searching -------------------------------------------------------------------------
    def search(
        self,
        state: NotesState,
        query: str,
        *,
        filters: Mapping[str, Sequence[str]] | None,
        prefix_last: bool,
        scored: int = SCORED,
    ) -> dict[str, DocNotes]:
        """{doc id: its matching notes}, best scoring document first.

        Every match is found by id (cheap); only the best `scored` are scored and ranked by
        the engine — the others' documents get score 0 (they follow, newest first)."""
        if state.part is None:
            return {}
        with self._lock:
            engine = self._engine()
            found = engine.matching_ids(prefixed(query, prefix_last), parts=[state.part])
            if not found:
                return {}
            top = engine.search(
                query,
                parts=[state.part],
                limit=scored,
                filters=filters,
                prefix_last=prefix_last,
                facets=False,
            )
        scores = {h.id: h.score for h in top.hits}
        rest = sorted(i for i in found if i not in scores)  # score 0: ordered by the caller
        out: dict[str, DocNotes] = {}
        for note_id in [h.id for h in top.hits] + rest:
            note = state.notes.get(note_id.removeprefix(NOTE_PREFIX))
            if note is None or (filters and not passes(note.info, filters)):
                continue
            got = out.get(note.info.id)
            if got is None:
                got = out[note.info.id] = DocNotes(scores.get(note_id, 0.0))
            if note.author not in got.authors:
                got.authors.append(note.author)
            got.texts.append(note.text)
        return out

    def invalidate(self) -> None:
        """Drop the part (`kbclient index rebuild`): the next search rebuilds it."""
        with self._lock:
            if (self.paths.index / ".annotations").exists():
                engine = self._engine()
                for name in engine.list_parts():
                    engine.delete_part(name)
            self._state = None

    def close(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None
            if self._store is not None:
                self._store.close()
                self._store = None
            self._state = None


def _stamp(counter: int, generation: int, parts: Sequence[str]) -> str:
    digest = hashlib.sha1("\n".join(sorted(parts)).encode()).hexdigest()[:12]
    return f"{counter}:{generation}:{digest}"


def _digest(d: IndexDoc) -> str:
    key = "\x1f".join(
        (d.pack, d.title, d.text, d.kind, d.lang, ",".join(d.tags), d.org, d.status, d.updated)
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def note_snippet(text: str, terms: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """HTML-escaped window of a note's text around its first matched word, marked."""
    words = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None
    start = 0
    if pattern is not None:
        m = pattern.search(text)
        if m is not None:
            start = max(0, m.start() - 24)
    window = text[start : start + width]
    lead = "…" if start > 0 else ""
    tail = "…" if start + width < len(text) else ""
    if pattern is None:
        return lead + html.escape(window) + tail
    out: list[str] = []
    pos = 0
    for m in pattern.finditer(window):
        out.append(html.escape(window[pos : m.start()]))
        out.append(f"<mark>{html.escape(m.group())}</mark>")
        pos = m.end()
    out.append(html.escape(window[pos:]))
    return lead + "".join(out) + tail


_FILTER_ATTR = {"kind": "kind", "org": "org", "lang": "lang", "pack": "pack", "status": "status"}


def passes(info: DocumentInfo, filters: Mapping[str, Sequence[str]]) -> bool:
    """The engine's filter arguments applied to a catalogue row (values OR'ed per field;
    fields the engine does not filter on are ignored, as it ignores them)."""
    for key, values in filters.items():
        vals = [v for v in values if v]
        if not vals:
            continue
        if key in ("tag", "tags"):
            have = {t.replace(",", " ").strip().lower() for t in info.tags}
            if not have & {v.lower() for v in vals}:
                return False
        elif key in _FILTER_ATTR and getattr(info, _FILTER_ATTR[key]) not in vals:
            return False
    return True


def prefixed(query: str, prefix_last: bool) -> str:
    """The query as the engine reads it with `prefix_last` (for `matching_ids`)."""
    q = query or ""
    if prefix_last and q == q.rstrip() and q[-1:].isascii() and q[-1:].isalnum():
        return q + "*"
    return q
