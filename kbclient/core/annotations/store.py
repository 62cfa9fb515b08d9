"""The local annotation store: its own SQLite file, `annotations.sqlite3`, in the data dir.

Crash safety: WAL journal, one transaction per change, `synchronous=FULL` for annotations
(a save that returned survives a kill -9 and a power cut; a save interrupted is either
wholly there or not at all) and `synchronous=NORMAL` for drafts (a keystroke's draft
survives a kill -9 of the app; a power cut may lose the last moment of typing). Nothing is
ever hard-deleted: `delete()` writes a tombstone.

Tables: `annotations` (shared fields + the local anchor state, indexed by doc), `drafts`
(the text of a note being written, keyed by annotation id — or by any key the GUI chooses
for a note not yet saved, e.g. ``new:<doc id>``), `meta` (sync state: ETags and digests).
The store is safe to use from several threads (one connection per thread, writes
serialised) and from several processes (SQLite locking, 30 s busy timeout).
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kbclient.core.annotations.anchoring import Anchorer
from kbclient.core.annotations.model import (
    Annotation,
    TextPositionSelector,
    TextQuoteSelector,
    bump_time,
    selectors_for,
    utc_now,
    validate,
)
from kbclient.core.errors import AnnotationError
from kbclient.core.paths import DataPaths

logger = logging.getLogger(__name__)

STORE_FILE = "annotations.sqlite3"
SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS annotations (
    id TEXT PRIMARY KEY,
    doc TEXT NOT NULL,
    doc_version INTEGER NOT NULL,
    author TEXT NOT NULL,
    team TEXT NOT NULL,
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0,
    exact TEXT NOT NULL,
    prefix TEXT NOT NULL,
    suffix TEXT NOT NULL,
    pos_start INTEGER NOT NULL,
    pos_end INTEGER NOT NULL,
    note TEXT NOT NULL,
    tags TEXT NOT NULL,
    colour TEXT NOT NULL,
    anchor_version INTEGER,
    anchor_digest TEXT,
    anchor_start INTEGER,
    anchor_end INTEGER,
    anchor_exact TEXT,
    anchor_prefix TEXT,
    anchor_suffix TEXT,
    orphaned INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS annotations_doc ON annotations(doc);
CREATE INDEX IF NOT EXISTS annotations_author ON annotations(author);
CREATE TABLE IF NOT EXISTS drafts (
    key TEXT PRIMARY KEY,
    doc TEXT,
    text TEXT NOT NULL,
    extra TEXT NOT NULL DEFAULT '{}',
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

_SHARED_COLUMNS = (
    "id, doc, doc_version, author, team, created, modified, deleted, exact, prefix, suffix, "
    "pos_start, pos_end, note, tags, colour"
)
_ANCHOR_COLUMNS = (
    "anchor_version, anchor_digest, anchor_start, anchor_end, anchor_exact, anchor_prefix, "
    "anchor_suffix, orphaned"
)


@dataclass(frozen=True)
class Draft:
    """The text of a note being written, saved on every keystroke."""

    key: str
    doc: str | None
    text: str
    extra: dict[str, Any]
    updated: str


def store_path(data_dir: Path) -> Path:
    """Where a data dir keeps its annotations."""
    return DataPaths(Path(data_dir)).annotations


def text_digest(text: str) -> str:
    """What the anchor state of a text is keyed by (a revision may keep its version)."""
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:20]


class AnnotationStore:
    """Annotations, drafts and sync state of one data dir; see the module docstring."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        con = self.db
        try:
            version = con.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise AnnotationError(
                    f"{self.path} was written by a newer kbclient (schema {version})"
                )
            if version < SCHEMA_VERSION:
                with self._write_lock:
                    con.executescript(
                        "BEGIN IMMEDIATE;"
                        + _SCHEMA
                        + f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
                    )
        except sqlite3.DatabaseError as exc:
            raise AnnotationError(f"cannot open the annotation store {self.path}: {exc}") from exc

    @classmethod
    def open(cls, data_dir: Path) -> AnnotationStore:
        return cls(store_path(data_dir))

    # -- connections -------------------------------------------------------------------
    @property
    def db(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            try:
                con = sqlite3.connect(
                    self.path, timeout=30, check_same_thread=False, isolation_level=None
                )
                con.execute("PRAGMA journal_mode=WAL")
                con.execute("PRAGMA synchronous=FULL")
            except sqlite3.DatabaseError as exc:
                raise AnnotationError(
                    f"cannot open the annotation store {self.path}: {exc}"
                ) from exc
            con.row_factory = sqlite3.Row
            self._local.con = con
            with self._connections_lock:
                self._connections.append(con)
        return con

    @contextmanager
    def transaction(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed whole, or rolled back whole."""
        with self._write_lock:
            con = self.db
            if getattr(self._local, "depth", 0):  # nested: part of the outer transaction
                yield con
                return
            con.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
            con.execute("BEGIN IMMEDIATE")
            self._local.depth = 1
            try:
                yield con
            except BaseException:
                con.rollback()
                raise
            else:
                con.commit()
            finally:
                self._local.depth = 0

    def close(self) -> None:
        with self._connections_lock:
            for con in self._connections:
                con.close()
            self._connections.clear()
        self._local = threading.local()

    def __enter__(self) -> AnnotationStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------
    def save(self, a: Annotation) -> Annotation:
        """Insert or replace one annotation (validated) in its own durable transaction.

        The local anchor state is taken from `a` when it carries one; otherwise the stored
        one is kept if the selectors did not change, and cleared (re-anchored on the next
        open of the document) if they did.
        """
        self.save_many([a])
        return a

    def save_many(self, items: Iterable[Annotation]) -> int:
        """`save` for many, in ONE transaction (imports, merges): all or none."""
        rows = [_row(validate(a)) for a in items]
        with self.transaction() as con:
            for row in rows:
                _upsert(con, row)
        return len(rows)

    def delete(self, annotation_id: str, *, now: str | None = None) -> Annotation:
        """Tombstone one annotation (kept, `deleted`, `modified` bumped); drops its draft."""
        with self.transaction() as con:
            current = self.get(annotation_id)
            if current is None:
                raise AnnotationError(f"no annotation with id {annotation_id}")
            dead = current.tombstone(now=now)
            _upsert(con, _row(dead))
            con.execute("DELETE FROM drafts WHERE key = ?", (annotation_id,))
        return dead

    def reattach(
        self, annotation_id: str, text: str, start: int, end: int, version: int
    ) -> Annotation:
        """Re-anchor an orphan by hand: new selectors on `text`, `modified` bumped."""
        current = self.get(annotation_id)
        if current is None:
            raise AnnotationError(f"no annotation with id {annotation_id}")
        quote, position = selectors_for(text, start, end)
        moved = Annotation(
            **{
                **{k: getattr(current, k) for k in _SHARED_FIELDS},
                "quote": quote,
                "position": position,
                "doc_version": version,
                "modified": bump_time(current.modified),
                "deleted": False,
            }
        ).with_anchor(version, start, end, quote=quote)
        with self.transaction() as con:
            _upsert(con, _row(moved), digest=text_digest(text))
        return moved

    # -- reading ---------------------------------------------------------------------------
    def get(self, annotation_id: str) -> Annotation | None:
        row = self.db.execute(
            "SELECT * FROM annotations WHERE id = ?", (annotation_id.lower(),)
        ).fetchone()
        return _annotation(row) if row else None

    def for_document(
        self,
        doc_id: str,
        include_deleted: bool = False,
        *,
        text: str | None = None,
        version: int | None = None,
    ) -> list[Annotation]:
        """A document's annotations in reading order (anchored first, then orphans).

        With `text` (the document's current plain text) and `version`, annotations whose
        anchor state was computed on another text are re-anchored first, and the new
        state stored — what the reader calls when it opens a document.
        """
        if text is not None:
            self._anchor_stale(doc_id, text, version)
        sql = "SELECT * FROM annotations WHERE doc = ?"
        if not include_deleted:
            sql += " AND deleted = 0"
        found = [_annotation(r) for r in self.db.execute(sql, (doc_id,))]
        return sorted(found, key=_reading_order)

    def all(self, include_deleted: bool = False) -> list[Annotation]:
        sql = "SELECT * FROM annotations"
        if not include_deleted:
            sql += " WHERE deleted = 0"
        return [_annotation(r) for r in self.db.execute(sql + " ORDER BY doc, created, id")]

    def by_author(self, author: str, include_deleted: bool = True) -> list[Annotation]:
        sql = "SELECT * FROM annotations WHERE author = ?"
        if not include_deleted:
            sql += " AND deleted = 0"
        return [_annotation(r) for r in self.db.execute(sql + " ORDER BY id", (author,))]

    def count(self, include_deleted: bool = False) -> int:
        sql = "SELECT COUNT(*) FROM annotations"
        if not include_deleted:
            sql += " WHERE deleted = 0"
        return int(self.db.execute(sql).fetchone()[0])

    def authors(self, doc_id: str | None = None) -> list[str]:
        """Authors with at least one live annotation (of `doc_id`, if given), sorted."""
        sql = "SELECT DISTINCT author FROM annotations WHERE deleted = 0"
        args: tuple[str, ...] = ()
        if doc_id is not None:
            sql += " AND doc = ?"
            args = (doc_id,)
        return sorted(r[0] for r in self.db.execute(sql, args))

    def tags(self, doc_id: str | None = None) -> dict[str, int]:
        """{tag: number of live annotations carrying it}, most used first."""
        sql = "SELECT tags FROM annotations WHERE deleted = 0 AND tags != '[]'"
        args: tuple[str, ...] = ()
        if doc_id is not None:
            sql += " AND doc = ?"
            args = (doc_id,)
        counts: dict[str, int] = {}
        for (raw,) in self.db.execute(sql, args):
            for tag in json.loads(raw):
                counts[tag] = counts.get(tag, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))

    def documents_with_annotations(self) -> dict[str, int]:
        """{doc id: number of live annotations}: the search filter and the library badge."""
        rows = self.db.execute(
            "SELECT doc, COUNT(*) FROM annotations WHERE deleted = 0 GROUP BY doc ORDER BY doc"
        )
        return {r[0]: int(r[1]) for r in rows}

    def documents_among(self, doc_ids: Iterable[str]) -> set[str]:
        """Those of `doc_ids` with any annotation (tombstones too)."""
        ids = list(dict.fromkeys(doc_ids))
        out: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            out.update(
                r[0]
                for r in self.db.execute(
                    f"SELECT DISTINCT doc FROM annotations WHERE doc IN ({marks})", chunk
                )
            )
        return out

    # -- anchoring ---------------------------------------------------------------------------
    def _anchor_stale(self, doc_id: str, text: str, version: int | None) -> int:
        digest = text_digest(text)
        rows = self.db.execute(
            "SELECT * FROM annotations WHERE doc = ? AND "
            "(anchor_digest IS NULL OR anchor_digest != ?)",
            (doc_id, digest),
        ).fetchall()
        if not rows:
            return 0
        anchored = anchor_all([_annotation(r) for r in rows], text, version)
        self.set_anchors(anchored, digest)
        return len(anchored)

    def set_anchors(self, annotations: Sequence[Annotation], digest: str) -> None:
        """Store the anchor state of annotations (only that: shared fields are untouched)."""
        with self.transaction(durable=False) as con:
            con.executemany(
                "UPDATE annotations SET anchor_version=?, anchor_digest=?, anchor_start=?, "
                "anchor_end=?, anchor_exact=?, anchor_prefix=?, anchor_suffix=?, orphaned=? "
                "WHERE id = ?",
                [(*_anchor_values(a, digest), a.id) for a in annotations],
            )

    # -- drafts --------------------------------------------------------------------------------
    def save_draft(
        self, key: str, text: str, *, doc: str | None = None, extra: dict[str, Any] | None = None
    ) -> None:
        """Persist the note being written (one upsert; call it on every keystroke)."""
        with self.transaction(durable=False) as con:
            con.execute(
                "INSERT INTO drafts(key, doc, text, extra, updated) VALUES(?,?,?,?,?) "
                "ON CONFLICT(key) DO UPDATE SET doc=COALESCE(excluded.doc, drafts.doc), "
                "text=excluded.text, extra=excluded.extra, updated=excluded.updated",
                (key, doc, text, json.dumps(extra or {}, ensure_ascii=False), utc_now()),
            )

    def draft(self, key: str) -> Draft | None:
        row = self.db.execute("SELECT * FROM drafts WHERE key = ?", (key,)).fetchone()
        return _draft(row) if row else None

    def drafts(self, doc_id: str | None = None) -> list[Draft]:
        if doc_id is None:
            rows = self.db.execute("SELECT * FROM drafts ORDER BY updated")
        else:
            rows = self.db.execute("SELECT * FROM drafts WHERE doc = ? ORDER BY updated", (doc_id,))
        return [_draft(r) for r in rows]

    def draft_keys(self) -> set[str]:
        return {r[0] for r in self.db.execute("SELECT key FROM drafts")}

    def discard_draft(self, key: str) -> None:
        """Forget a draft (after its note was saved, or the user cancelled)."""
        with self.transaction(durable=False) as con:
            con.execute("DELETE FROM drafts WHERE key = ?", (key,))

    def commit_draft(self, a: Annotation) -> Annotation:
        """Save `a` (the note the draft became) and drop its draft in ONE transaction."""
        with self.transaction() as con:
            _upsert(con, _row(validate(a)))
            con.execute("DELETE FROM drafts WHERE key = ?", (a.id,))
        return a

    # -- meta (sync state) ---------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, key: str, value: str | None) -> None:
        with self.transaction() as con:
            if value is None:
                con.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                con.execute(
                    "INSERT INTO meta(key, value) VALUES(?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )


# -- anchoring many (used by the store and by re-anchoring after an install) ------------------
def anchor_all(
    annotations: Sequence[Annotation], text: str, version: int | None
) -> list[Annotation]:
    """Each annotation with its anchor state on `text`.

    The passage as last found (`anchored_quote`, with its offset as the hint) is searched
    first, then the author's original selectors; an orphan is retried from the original
    every time (the passage may come back in a later revision).
    """
    anchorer = Anchorer(text)
    out: list[Annotation] = []
    for a in annotations:
        result = None
        if a.anchored_quote is not None and not a.orphaned:
            result = anchorer.anchor(a.anchored_quote, a.anchored_start)
            if result.orphaned:
                result = None
        if result is None:
            result = anchorer.anchor(a.quote, a.position.start)
        if result.start is None or result.end is None:
            out.append(a.with_anchor(version, None, None, orphaned=True))
        else:
            quote, _ = selectors_for(text, result.start, result.end)
            out.append(a.with_anchor(version, result.start, result.end, quote=quote))
    return out


# -- rows ---------------------------------------------------------------------------------------
_SHARED_FIELDS = (
    "id",
    "doc",
    "doc_version",
    "author",
    "team",
    "created",
    "modified",
    "quote",
    "position",
    "note",
    "tags",
    "colour",
    "deleted",
)


def _row(a: Annotation) -> dict[str, Any]:
    return {
        "id": a.id,
        "doc": a.doc,
        "doc_version": a.doc_version,
        "author": a.author,
        "team": a.team,
        "created": a.created,
        "modified": a.modified,
        "deleted": int(a.deleted),
        "exact": a.quote.exact,
        "prefix": a.quote.prefix,
        "suffix": a.quote.suffix,
        "pos_start": a.position.start,
        "pos_end": a.position.end,
        "note": a.note,
        "tags": json.dumps(list(a.tags), ensure_ascii=False),
        "colour": a.colour,
        "_anchor": a if a.anchored_version is not None else None,
    }


def _anchor_values(a: Annotation, digest: str | None) -> tuple[Any, ...]:
    q = a.anchored_quote
    return (
        a.anchored_version,
        digest,
        a.anchored_start,
        a.anchored_end,
        q.exact if q else None,
        q.prefix if q else None,
        q.suffix if q else None,
        int(a.orphaned),
    )


CHANGES_KEY = "changes"


def changes(store: AnnotationStore) -> int:
    """A counter bumped in the same transaction as every write of an annotation's shared
    fields (save, delete, merge, import, reattach): equal values = nothing searchable changed."""
    raw = store.get_meta(CHANGES_KEY)
    return int(raw) if raw and raw.isdigit() else 0


def _bump_changes(con: sqlite3.Connection) -> None:
    con.execute(
        "INSERT INTO meta(key, value) VALUES(?, '1') "
        "ON CONFLICT(key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
        (CHANGES_KEY,),
    )


def _upsert(con: sqlite3.Connection, row: dict[str, Any], digest: str | None = None) -> None:
    _bump_changes(con)
    anchor: Annotation | None = row["_anchor"]
    shared = [row[c.strip()] for c in _SHARED_COLUMNS.split(",")]
    if anchor is not None:
        con.execute(
            f"INSERT OR REPLACE INTO annotations({_SHARED_COLUMNS}, {_ANCHOR_COLUMNS}) "
            f"VALUES({','.join('?' * 24)})",
            (*shared, *_anchor_values(anchor, digest)),
        )
        return
    # No anchor state given: keep the stored one unless the selectors changed.
    con.execute(
        f"INSERT INTO annotations({_SHARED_COLUMNS}) VALUES({','.join('?' * 16)}) "
        "ON CONFLICT(id) DO UPDATE SET "
        "anchor_digest = CASE WHEN annotations.exact = excluded.exact AND "
        "annotations.prefix = excluded.prefix AND annotations.suffix = excluded.suffix AND "
        "annotations.pos_start = excluded.pos_start AND annotations.doc = excluded.doc "
        "THEN annotations.anchor_digest ELSE NULL END, "
        + ", ".join(f"{c.strip()} = excluded.{c.strip()}" for c in _SHARED_COLUMNS.split(",")[1:]),
        shared,
    )


def _annotation(row: sqlite3.Row) -> Annotation:
    anchored_quote = None
    if row["anchor_exact"] is not None:
        anchored_quote = TextQuoteSelector(
            row["anchor_exact"], row["anchor_prefix"] or "", row["anchor_suffix"] or ""
        )
    return Annotation(
        id=row["id"],
        doc=row["doc"],
        doc_version=row["doc_version"],
        author=row["author"],
        team=row["team"],
        created=row["created"],
        modified=row["modified"],
        deleted=bool(row["deleted"]),
        quote=TextQuoteSelector(row["exact"], row["prefix"], row["suffix"]),
        position=TextPositionSelector(row["pos_start"], row["pos_end"]),
        note=row["note"],
        tags=tuple(json.loads(row["tags"])),
        colour=row["colour"],
        anchored_version=row["anchor_version"],
        anchored_start=row["anchor_start"],
        anchored_end=row["anchor_end"],
        orphaned=bool(row["orphaned"]),
        anchored_quote=anchored_quote,
    )


def _draft(row: sqlite3.Row) -> Draft:
    return Draft(row["key"], row["doc"], row["text"], json.loads(row["extra"]), row["updated"])


def _reading_order(a: Annotation) -> tuple[int, int, str, str]:
    if a.orphaned or a.anchored_start is None:
        return (1, a.position.start, a.created, a.id)
    return (0, a.anchored_start, a.created, a.id)
