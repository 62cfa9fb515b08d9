"""The SQLite catalogue and the blob store on a real temp dir."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from kbclient.core.blobs import BlobStore
from kbclient.core.documents import Document
from kbclient.core.errors import LibraryError
from kbclient.core.library import SCHEMA_VERSION, Library, PackSpec, StoredDocument


def make_library(tmp_path: Path) -> Library:
    return Library(tmp_path / "lib.sqlite3", BlobStore(tmp_path / "blobs"))


def stored(lib: Library, doc_id: str, title: str = "T", body: str = "body") -> StoredDocument:
    raw = f"---\nid: {doc_id}\ntitle: {title}\n---\n{body}\n".encode()
    doc = Document(id=doc_id, title=title, body=body, updated="2024-01-02", tags=("a", "标签"))
    return StoredDocument(doc, lib.blobs.put(raw), len(raw))


def install(lib: Library, pack: str, docs: list[StoredDocument], version: int = 1) -> None:
    with lib.transaction() as con:
        gen = lib.next_generation(con)
        lib.write_pack(
            con,
            PackSpec(id=pack, title=pack.upper(), version=version),
            generation=gen,
            index_part=f"{pack}.{gen}",
            docs=docs,
            removed=(),
            replace_all=True,
            assets={},
        )


def test_new_library_has_current_schema_in_wal_mode(tmp_path: Path) -> None:
    lib = make_library(tmp_path)
    assert lib.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert lib.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert lib.count() == 0 and lib.packs() == []


def test_pack_and_documents_are_written_and_read_back(tmp_path: Path) -> None:
    lib = make_library(tmp_path)
    install(lib, "p1", [stored(lib, "a-1"), stored(lib, "a-2", "二")])
    [info] = lib.packs()
    assert (info.id, info.version, info.doc_count, info.index_part) == ("p1", 1, 2, "p1.1")
    doc = lib.info("a-2")
    assert doc is not None and doc.title == "二" and doc.tags == ("a", "标签")
    assert lib.texts(["a-1", "missing"]) == {"a-1": "body"}
    assert lib.owners(["a-1", "zzz"]) == {"a-1": "p1"}
    assert lib.recent(1)[0].updated == "2024-01-02"


def test_a_failing_transaction_changes_nothing(tmp_path: Path) -> None:
    lib = make_library(tmp_path)
    install(lib, "p1", [stored(lib, "a-1")])
    with pytest.raises(RuntimeError), lib.transaction() as con:
        lib.next_generation(con)
        lib.delete_pack(con, "p1")
        raise RuntimeError("killed half-way")
    assert lib.count() == 1 and lib.peek_generation() == 1


def test_replacing_a_pack_drops_documents_it_no_longer_has(tmp_path: Path) -> None:
    lib = make_library(tmp_path)
    install(lib, "p1", [stored(lib, "a-1"), stored(lib, "a-2")])
    install(lib, "p1", [stored(lib, "a-2", body="new")], version=2)
    assert lib.pack_documents("p1").keys() == {"a-2"}
    assert lib.texts(["a-2"]) == {"a-2": "new"}


def test_library_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    make_library(tmp_path).close()
    con = sqlite3.connect(tmp_path / "lib.sqlite3")
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    with pytest.raises(LibraryError, match="newer kbclient"):
        make_library(tmp_path)


def test_garbage_database_file_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "lib.sqlite3").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(LibraryError, match=r"not readable|cannot open"):
        make_library(tmp_path)


def test_readers_on_other_threads_see_committed_data(tmp_path: Path) -> None:
    lib = make_library(tmp_path)
    install(lib, "p1", [stored(lib, "a-1")])
    seen: list[int] = []
    t = threading.Thread(target=lambda: seen.append(lib.count()))
    t.start()
    t.join(10)
    assert seen == [1]


def test_blobs_are_content_addressed_and_collected(tmp_path: Path) -> None:
    blobs = BlobStore(tmp_path / "b")
    a, b = blobs.put(b"alpha"), blobs.put(b"beta")
    assert blobs.put(b"alpha") == a and blobs.get(a) == b"alpha"
    assert blobs.collect(keep=[a]) == 1
    with pytest.raises(LibraryError, match="missing"):
        blobs.get(b)
    blobs.path(a).write_bytes(b"tampered")
    with pytest.raises(LibraryError, match="corrupt"):
        blobs.get(a)
