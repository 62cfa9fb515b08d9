"""The knowledge-base facade: installs, deltas, refusals, repair — real SQLite and Whoosh."""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from pathlib import Path

import pytest

from kbclient.core.documents import parse_document
from kbclient.core.errors import Cancelled, PackError
from kbclient.core.kb import KnowledgeBase
from kbclient.core.library import PackSpec


def doc_bytes(doc_id: str, title: str, body: str, version: int = 1) -> bytes:
    return (
        f"---\nid: {doc_id}\ntitle: {title}\nkind: research-note\nlang: mixed\n"
        f"version: {version}\nupdated: 2024-03-0{version}\ntags: [测试, test]\n---\n"
        f"# {title}\n\n{body}\n"
    ).encode()


def docs(*items: tuple[str, str, str]) -> list:
    return [(parse_document(doc_bytes(*i), i[0]), doc_bytes(*i)) for i in items]


def snapshot(root: Path) -> dict[str, str]:
    """Every file below `root` by content hash (lock files excluded: they are not data)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and not p.name.endswith(".lock")
        and "-wal" not in p.name
        and "-shm" not in p.name
    }


@pytest.fixture
def kb(tmp_path: Path):
    kb = KnowledgeBase.open(tmp_path / "data", install_builtin=False)
    yield kb
    kb.close()


def ids(result) -> set[str]:
    return {h.id for h in result.hits}


def test_install_makes_documents_searchable(kb: KnowledgeBase) -> None:
    report = kb.install_pack(
        PackSpec(id="p", title="P", version=1),
        docs(
            ("d-1", "监管沙盒评估", "监管沙盒的风险评估方法"), ("d-2", "Open banking", "API 安全")
        ),
    )
    assert report.added == ("d-1", "d-2") and report.previous_version is None
    assert ids(kb.search("监管沙盒")) == {"d-1"}
    assert ids(kb.search("API 安全")) == {"d-2"}
    assert kb.document("d-1").title == "监管沙盒评估"
    assert kb.check_index() == []


def test_new_version_replaces_and_old_version_is_refused(kb: KnowledgeBase) -> None:
    kb.install_pack(PackSpec(id="p", title="P", version=2), docs(("d-1", "a", "alpha")))
    report = kb.install_pack(PackSpec(id="p", title="P", version=3), docs(("d-2", "b", "beta")))
    assert report.removed == ("d-1",) and report.added == ("d-2",)
    assert ids(kb.search("alpha")) == set() and ids(kb.search("beta")) == {"d-2"}
    with pytest.raises(PackError, match="older than the installed v3"):
        kb.install_pack(PackSpec(id="p", title="P", version=1), docs(("d-1", "a", "alpha")))
    kb.install_pack(PackSpec(id="p", title="P", version=1), docs(("d-1", "a", "alpha")), force=True)
    assert kb.pack("p").version == 1  # type: ignore[union-attr]


def test_delta_applies_only_on_its_base(kb: KnowledgeBase) -> None:
    kb.install_pack(
        PackSpec(id="p", title="P", version=1),
        docs(("d-1", "a", "alpha"), ("d-2", "b", "beta"), ("d-3", "c", "gamma")),
    )
    report = kb.install_pack(
        PackSpec(id="p", title="P", version=2, base=1),
        docs(("d-2", "b", "beta revised", 2), ("d-4", "d", "delta")),
        removed=["d-3"],
    )
    assert (report.added, report.changed, report.removed) == (("d-4",), ("d-2",), ("d-3",))
    assert ids(kb.search("revised")) == {"d-2"}
    assert ids(kb.search("gamma")) == set()
    assert ids(kb.search("alpha")) == {"d-1"}
    assert kb.check_index() == []
    with pytest.raises(PackError, match="needs version 5 installed, found 2: import the full"):
        kb.install_pack(PackSpec(id="p", title="P", version=6, base=5), docs())


def test_a_document_owned_by_another_pack_is_refused_and_nothing_changes(
    kb: KnowledgeBase,
) -> None:
    kb.install_pack(PackSpec(id="p", title="P", version=1), docs(("d-1", "a", "alpha")))
    before = snapshot(kb.paths.root)
    with pytest.raises(PackError, match=r"d-1 \(in pack p\)"):
        kb.install_pack(PackSpec(id="q", title="Q", version=1), docs(("d-1", "a", "again")))
    assert snapshot(kb.paths.root) == before


def test_cancelled_install_leaves_the_library_as_it_was(kb: KnowledgeBase) -> None:
    kb.install_pack(PackSpec(id="p", title="P", version=1), docs(("d-1", "a", "alpha")))
    before = snapshot(kb.paths.root / "index"), kb.library.count()
    cancel = threading.Event()

    def progress(done: int, total: int) -> None:
        cancel.set()

    many = docs(*[(f"x-{i}", f"t{i}", f"word{i}") for i in range(50)])
    with pytest.raises(Cancelled):
        kb.install_pack(
            PackSpec(id="p", title="P", version=2), many, progress=progress, cancel=cancel
        )
    assert (snapshot(kb.paths.root / "index"), kb.library.count()) == before
    assert ids(kb.search("alpha")) == {"d-1"}


def test_remove_pack_leaves_library_and_index(kb: KnowledgeBase) -> None:
    kb.install_pack(PackSpec(id="p", title="P", version=1), docs(("d-1", "a", "alpha")))
    kb.install_pack(PackSpec(id="q", title="Q", version=1), docs(("e-1", "b", "alpha")))
    assert kb.remove_pack("p") == 1
    assert ids(kb.search("alpha")) == {"e-1"}
    assert [p.id for p in kb.packs()] == ["q"]
    assert kb.check_index() == []
    with pytest.raises(PackError, match="no pack 'p'"):
        kb.remove_pack("p")


def test_missing_or_corrupt_index_part_is_rebuilt_on_open(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with KnowledgeBase.open(data, install_builtin=False) as kb:
        kb.install_pack(PackSpec(id="p", title="P", version=1), docs(("d-1", "a", "alpha")))
        part = kb.pack("p").index_part  # type: ignore[union-attr]
    shutil.rmtree(data / "index" / str(part))
    with KnowledgeBase.open(data, install_builtin=False, repair=False) as kb:
        assert kb.check_index()  # the damage is seen...
    with KnowledgeBase.open(data, install_builtin=False) as kb:
        assert kb.check_index() == []  # ...and repaired on a normal open
        assert ids(kb.search("alpha")) == {"d-1"}


def test_stray_index_folders_are_removed_on_open(tmp_path: Path) -> None:
    data = tmp_path / "data"
    KnowledgeBase.open(data, install_builtin=False).close()
    stray = data / "index" / "p.99.deadbeef"
    stray.mkdir(parents=True)
    (stray / "junk").write_text("half-built")
    KnowledgeBase.open(data, install_builtin=False).close()
    assert not stray.exists()


def test_builtin_library_installs_once_and_follows_its_source(tmp_path: Path) -> None:
    src = tmp_path / "content"
    src.mkdir()
    (src / "pack.json").write_text(json.dumps({"pack": "builtin", "title": "B", "version": 1}))
    (src / "d-1.md").write_bytes(doc_bytes("d-1", "孵化器指南", "中关村孵化器入驻"))
    data = tmp_path / "data"
    with KnowledgeBase.open(data, builtin_source=src) as kb:
        assert ids(kb.search("孵化")) == {"d-1"}
        generation = kb.pack("builtin").generation  # type: ignore[union-attr]
    with KnowledgeBase.open(data, builtin_source=src) as kb:
        assert kb.pack("builtin").generation == generation  # type: ignore[union-attr]
    (src / "d-2.md").write_bytes(doc_bytes("d-2", "New", "fresh content"))
    with KnowledgeBase.open(data, builtin_source=src) as kb:
        assert ids(kb.search("fresh")) == {"d-2"}
        assert kb.pack("builtin").generation > generation  # type: ignore[union-attr]


def test_overview_lists_recent_documents_and_kinds(kb: KnowledgeBase) -> None:
    kb.install_pack(
        PackSpec(id="p", title="P", version=1),
        docs(("d-1", "a", "alpha", 1), ("d-2", "b", "beta", 2)),
    )
    ov = kb.overview()
    assert ov.total == 2 and [d.id for d in ov.recent] == ["d-2", "d-1"]
    assert ov.kinds == {"research-note": 2}


def test_a_removed_builtin_library_stays_removed(tmp_path: Path) -> None:
    src = tmp_path / "content"
    src.mkdir()
    (src / "pack.json").write_text(json.dumps({"pack": "builtin", "title": "B", "version": 1}))
    (src / "d-1.md").write_bytes(doc_bytes("d-1", "t", "body"))
    data = tmp_path / "data"
    with KnowledgeBase.open(data, builtin_source=src) as kb:
        kb.remove_pack("builtin")
    with KnowledgeBase.open(data, builtin_source=src) as kb:
        assert kb.packs() == [] and kb.search("body").total == 0


def test_installing_a_revision_reanchors_its_annotations(kb: KnowledgeBase) -> None:
    from kbclient.core.annotations.model import create_from_quote
    from kbclient.core.annotations.store import AnnotationStore

    kb.install_pack(
        PackSpec(id="p", title="P", version=1),
        docs(("d-1", "t", "The sandbox pilot must report monthly.")),
    )
    text = kb.document("d-1").plain_text
    store = AnnotationStore.open(kb.paths.root)
    note = create_from_quote(
        text, "report monthly", doc="d-1", doc_version=1, author="li", team="t", note="why?"
    )
    store.save(note)
    kb.install_pack(
        PackSpec(id="p", title="P", version=2),
        docs(("d-1", "t", "Added first. The sandbox pilot must report monthly.", 2)),
    )
    moved = store.get(note.id)
    store.close()
    new_text = kb.document("d-1").plain_text
    assert moved is not None and not moved.orphaned
    assert new_text[moved.anchored_start : moved.anchored_end] == "report monthly"
    assert moved.anchored_start > (note.anchored_start or 0)


def test_hits_from_an_unverified_pack_are_marked(kb: KnowledgeBase) -> None:
    kb.install_pack(PackSpec(id="p", title="P", version=1, verified=True), docs(("d-1", "a", "x")))
    kb.install_pack(PackSpec(id="q", title="Q", version=1), docs(("e-1", "b", "x")))
    marks = {h.id: h.verified for h in kb.search("x").hits}
    assert marks == {"d-1": True, "e-1": False}
