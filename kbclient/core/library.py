"""The local library: an SQLite catalogue of packs and documents plus a blob store.

The database is the truth; the search index is derived from it. Every change happens in one
transaction, and the only link from the library to the index is each pack's `index_part`
name, switched in the same transaction that switches the pack's documents — so after a crash
the library always names an index part that matches it (or one that is repaired on start).
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kbclient.core.blobs import BlobStore
from kbclient.core.documents import Document
from kbclient.core.errors import LibraryError

logger = logging.getLogger(__name__)

SCHEMA_VERSION = 1

# Each entry upgrades the schema from version i to i + 1; never edit a released entry.
_MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE packs (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        version INTEGER NOT NULL,
        publisher TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL DEFAULT '',
        key_id TEXT,
        verified INTEGER NOT NULL DEFAULT 0,
        manifest TEXT NOT NULL DEFAULT '',
        installed_at TEXT NOT NULL,
        generation INTEGER NOT NULL,
        index_part TEXT
    );
    CREATE TABLE documents (
        id TEXT PRIMARY KEY,
        pack TEXT NOT NULL REFERENCES packs(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        kind TEXT NOT NULL,
        lang TEXT NOT NULL,
        tags TEXT NOT NULL,
        org TEXT NOT NULL,
        authors TEXT NOT NULL,
        version INTEGER NOT NULL,
        updated TEXT NOT NULL,
        status TEXT NOT NULL,
        blob TEXT NOT NULL,
        size INTEGER NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX documents_pack ON documents(pack);
    CREATE INDEX documents_updated ON documents(updated);
    CREATE TABLE assets (
        pack TEXT NOT NULL REFERENCES packs(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        blob TEXT NOT NULL,
        size INTEGER NOT NULL,
        PRIMARY KEY (pack, path)
    );
    """,
)


@dataclass(frozen=True)
class PackSpec:
    """What an installer knows of a pack before it is installed (from its manifest)."""

    id: str
    title: str
    version: int
    publisher: str = ""
    created: str = ""
    key_id: str | None = None
    verified: bool = False
    base: int | None = None
    manifest: str = ""


@dataclass(frozen=True)
class PackInfo:
    """An installed pack as the library records it."""

    id: str
    title: str
    version: int
    publisher: str
    created: str
    key_id: str | None
    verified: bool
    installed_at: str
    generation: int
    index_part: str | None
    doc_count: int
    size: int


@dataclass(frozen=True)
class DocumentInfo:
    """A document's catalogue row: metadata without the body, plus where it came from."""

    id: str
    pack: str
    title: str
    kind: str
    lang: str
    tags: tuple[str, ...]
    org: str
    authors: tuple[str, ...]
    version: int
    updated: str
    status: str
    blob: str
    size: int
    verified: bool = True


@dataclass(frozen=True)
class StoredDocument:
    """A document ready to store: parsed, with its raw bytes' blob id and plain text."""

    doc: Document
    blob: str
    size: int


class Library:
    """The SQLite catalogue and blob store of one data dir; safe to use from several threads.

    Reads use one connection per thread (WAL lets them run beside a writer); writes are
    serialised on a lock and happen in single transactions.
    """

    def __init__(self, database: Path, blobs: BlobStore) -> None:
        self.path = database
        self.blobs = blobs
        self._local = threading.local()
        self._write_lock = threading.Lock()
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._migrate()

    # -- connections -------------------------------------------------------------------
    def _connect(self) -> sqlite3.Connection:
        try:
            con = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
            con.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"cannot open the library {self.path}: {exc}") from exc
        con.row_factory = sqlite3.Row
        with self._connections_lock:
            self._connections.append(con)
        return con

    @property
    def db(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = self._local.con = self._connect()
        return con

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it is committed, or none of it."""
        with self._write_lock:
            con = self.db
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.rollback()
                raise
            else:
                con.commit()

    def close(self) -> None:
        with self._connections_lock:
            for con in self._connections:
                con.close()
            self._connections.clear()
        self._local = threading.local()

    def _migrate(self) -> None:
        con = self.db
        try:
            current = con.execute("PRAGMA user_version").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise LibraryError(f"the library {self.path} is not readable: {exc}") from exc
        if current > SCHEMA_VERSION:
            raise LibraryError(
                f"the library {self.path} was written by a newer kbclient "
                f"(schema {current}, this version knows {SCHEMA_VERSION})"
            )
        for version in range(current, SCHEMA_VERSION):
            with self._write_lock:
                con.execute("BEGIN IMMEDIATE")
                try:
                    for statement in _split_sql(_MIGRATIONS[version]):
                        con.execute(statement)
                    con.execute(f"PRAGMA user_version = {version + 1}")
                except BaseException:
                    con.rollback()
                    raise
                con.commit()
            logger.info("library schema migrated to %d", version + 1)

    # -- counters ----------------------------------------------------------------------
    def next_generation(self, con: sqlite3.Connection) -> int:
        """A number that grows with every install; index parts record the one they match."""
        row = con.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        gen = int(row[0]) + 1 if row else 1
        con.execute(
            "INSERT INTO meta(key, value) VALUES('generation', ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (str(gen),),
        )
        return gen

    def get_meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None

    def set_meta(self, con: sqlite3.Connection, key: str, value: str) -> None:
        con.execute(
            "INSERT INTO meta(key, value) VALUES(?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
            (key, value),
        )

    def peek_generation(self) -> int:
        row = self.db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()
        return int(row[0]) if row else 0

    # -- packs -------------------------------------------------------------------------
    def packs(self) -> list[PackInfo]:
        rows = self.db.execute(
            "SELECT p.*, COUNT(d.id) AS doc_count, COALESCE(SUM(d.size), 0) AS size "
            "FROM packs p LEFT JOIN documents d ON d.pack = p.id GROUP BY p.id ORDER BY p.id"
        ).fetchall()
        return [_pack_info(r) for r in rows]

    def pack(self, pack_id: str) -> PackInfo | None:
        row = self.db.execute(
            "SELECT p.*, COUNT(d.id) AS doc_count, COALESCE(SUM(d.size), 0) AS size "
            "FROM packs p LEFT JOIN documents d ON d.pack = p.id WHERE p.id = ? GROUP BY p.id",
            (pack_id,),
        ).fetchone()
        return _pack_info(row) if row else None

    def index_parts(self) -> list[str]:
        """The index part of every installed pack: what a search reads (no table scans)."""
        rows = self.db.execute(
            "SELECT index_part FROM packs WHERE index_part IS NOT NULL ORDER BY id"
        ).fetchall()
        return [str(r[0]) for r in rows]

    def unverified_packs(self) -> set[str]:
        """Packs installed without a valid signature by a trusted key."""
        rows = self.db.execute("SELECT id FROM packs WHERE verified = 0").fetchall()
        return {str(r[0]) for r in rows}

    def pack_documents(self, pack_id: str) -> dict[str, tuple[int, str]]:
        """{doc id: (version, blob id)} of one pack: what a new version would change."""
        rows = self.db.execute(
            "SELECT id, version, blob FROM documents WHERE pack = ?", (pack_id,)
        ).fetchall()
        return {r["id"]: (r["version"], r["blob"]) for r in rows}

    def owners(self, doc_ids: Iterable[str]) -> dict[str, str]:
        """{doc id: pack} for those of `doc_ids` already in the library."""
        out: dict[str, str] = {}
        ids = list(doc_ids)
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(
                f"SELECT id, pack FROM documents WHERE id IN ({marks})", chunk
            ):
                out[r["id"]] = r["pack"]
        return out

    def write_pack(
        self,
        con: sqlite3.Connection,
        spec: PackSpec,
        *,
        generation: int,
        index_part: str,
        docs: Sequence[StoredDocument],
        removed: Iterable[str],
        replace_all: bool,
        assets: Mapping[str, tuple[str, int]],
    ) -> None:
        """Switch a pack to a new version inside the caller's transaction."""
        now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        con.execute(
            "INSERT INTO packs(id, title, version, publisher, created, key_id, verified, "
            "manifest, installed_at, generation, index_part) VALUES(?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT(id) DO UPDATE SET title=excluded.title, version=excluded.version, "
            "publisher=excluded.publisher, created=excluded.created, key_id=excluded.key_id, "
            "verified=excluded.verified, manifest=excluded.manifest, "
            "installed_at=excluded.installed_at, generation=excluded.generation, "
            "index_part=excluded.index_part",
            (
                spec.id,
                spec.title,
                spec.version,
                spec.publisher,
                spec.created,
                spec.key_id,
                int(spec.verified),
                spec.manifest,
                now,
                generation,
                index_part,
            ),
        )
        if replace_all:
            con.execute("DELETE FROM documents WHERE pack = ?", (spec.id,))
            con.execute("DELETE FROM assets WHERE pack = ?", (spec.id,))
        else:
            con.executemany(
                "DELETE FROM documents WHERE id = ? AND pack = ?",
                [(doc_id, spec.id) for doc_id in removed],
            )
        con.executemany(
            "INSERT OR REPLACE INTO documents(id, pack, title, kind, lang, tags, org, authors, "
            "version, updated, status, blob, size, text) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    s.doc.id,
                    spec.id,
                    s.doc.title,
                    s.doc.kind,
                    s.doc.lang,
                    _json(s.doc.tags),
                    s.doc.org,
                    _json(s.doc.authors),
                    s.doc.version,
                    s.doc.updated,
                    s.doc.status,
                    s.blob,
                    s.size,
                    s.doc.plain_text,
                )
                for s in docs
            ],
        )
        con.executemany(
            "INSERT OR REPLACE INTO assets(pack, path, blob, size) VALUES(?,?,?,?)",
            [(spec.id, path, blob, size) for path, (blob, size) in sorted(assets.items())],
        )

    def set_index_part(self, con: sqlite3.Connection, pack_id: str, part: str, gen: int) -> None:
        con.execute(
            "UPDATE packs SET index_part = ?, generation = ? WHERE id = ?", (part, gen, pack_id)
        )

    def delete_pack(self, con: sqlite3.Connection, pack_id: str) -> None:
        con.execute("DELETE FROM documents WHERE pack = ?", (pack_id,))
        con.execute("DELETE FROM assets WHERE pack = ?", (pack_id,))
        con.execute("DELETE FROM packs WHERE id = ?", (pack_id,))

    # -- documents ---------------------------------------------------------------------
    def info(self, doc_id: str) -> DocumentInfo | None:
        row = self.db.execute(
            "SELECT d.*, p.verified AS verified FROM documents d JOIN packs p ON p.id = d.pack "
            "WHERE d.id = ?",
            (doc_id,),
        ).fetchone()
        return _doc_info(row) if row else None

    def infos(self, doc_ids: Sequence[str]) -> dict[str, DocumentInfo]:
        out: dict[str, DocumentInfo] = {}
        for chunk in _chunks(list(doc_ids), 500):
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                "SELECT d.*, p.verified AS verified FROM documents d JOIN packs p "
                f"ON p.id = d.pack WHERE d.id IN ({marks})",
                chunk,
            ):
                out[row["id"]] = _doc_info(row)
        return out

    def texts(self, doc_ids: Sequence[str]) -> dict[str, str]:
        """Plain texts by id: what snippets are cut from (the index does not store bodies)."""
        out: dict[str, str] = {}
        for chunk in _chunks(list(doc_ids), 500):
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(
                f"SELECT id, text FROM documents WHERE id IN ({marks})", chunk
            ):
                out[row["id"]] = row["text"]
        return out

    def count(self, pack: str | None = None) -> int:
        if pack is None:
            return int(self.db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
        return int(
            self.db.execute("SELECT COUNT(*) FROM documents WHERE pack = ?", (pack,)).fetchone()[0]
        )

    def counts_by_pack(self) -> dict[str, int]:
        rows = self.db.execute("SELECT pack, COUNT(*) FROM documents GROUP BY pack").fetchall()
        return {r[0]: int(r[1]) for r in rows}

    def counts_by(self, column: str) -> dict[str, int]:
        if column not in ("kind", "lang", "org", "status", "pack"):
            raise ValueError(column)
        rows = self.db.execute(
            f"SELECT {column}, COUNT(*) FROM documents GROUP BY {column} ORDER BY 2 DESC"
        ).fetchall()
        return {r[0]: int(r[1]) for r in rows}

    def recent(self, limit: int) -> list[DocumentInfo]:
        rows = self.db.execute(
            "SELECT d.*, p.verified AS verified FROM documents d JOIN packs p ON p.id = d.pack "
            "ORDER BY d.updated DESC, d.id LIMIT ?",
            (limit,),
        ).fetchall()
        return [_doc_info(r) for r in rows]

    def iter_rows(self, pack: str, batch: int = 1000) -> Iterator[sqlite3.Row]:
        """Every document row of a pack with its text, streamed (for rebuilding the index)."""
        con = self._connect()  # a private cursor: the caller may write meanwhile
        try:
            cur = con.execute("SELECT * FROM documents WHERE pack = ? ORDER BY id", (pack,))
            while rows := cur.fetchmany(batch):
                yield from rows
        finally:
            con.close()
            with self._connections_lock:
                if con in self._connections:
                    self._connections.remove(con)

    def referenced_blobs(self) -> set[str]:
        rows = self.db.execute("SELECT blob FROM documents UNION SELECT blob FROM assets")
        return {r[0] for r in rows}


def _pack_info(row: sqlite3.Row) -> PackInfo:
    return PackInfo(
        id=row["id"],
        title=row["title"],
        version=row["version"],
        publisher=row["publisher"],
        created=row["created"],
        key_id=row["key_id"],
        verified=bool(row["verified"]),
        installed_at=row["installed_at"],
        generation=row["generation"],
        index_part=row["index_part"],
        doc_count=int(row["doc_count"]),
        size=int(row["size"]),
    )


def _doc_info(row: sqlite3.Row) -> DocumentInfo:
    return DocumentInfo(
        id=row["id"],
        pack=row["pack"],
        title=row["title"],
        kind=row["kind"],
        lang=row["lang"],
        tags=tuple(json.loads(row["tags"])),
        org=row["org"],
        authors=tuple(json.loads(row["authors"])),
        version=row["version"],
        updated=row["updated"],
        status=row["status"],
        blob=row["blob"],
        size=row["size"],
        verified=bool(row["verified"]) if "verified" in row.keys() else True,
    )


def _json(values: Sequence[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
