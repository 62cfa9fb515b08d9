"""The Packs window and the Build pack dialog, over a real core on a temp data dir."""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from kbclient.core.kb import KnowledgeBase
from kbclient.core.packs import minisign
from kbclient.core.packs.build import build_pack
from kbclient.core.packs.importer import import_pack, trust_store
from kbclient.gui.build_pack_dialog import BuildPackDialog, split_problem
from kbclient.gui.packs_window import PacksWindow, PackTableModel, is_pack_drop
from kbclient.gui.tasks import SynchronousPool, TaskRunner


@dataclass
class Keys:
    trusted: minisign.SecretKey
    trusted_file: Path
    untrusted: minisign.SecretKey


@pytest.fixture
def sync_runner(qtbot) -> Iterator[TaskRunner]:  # type: ignore[no-untyped-def]
    runner = TaskRunner(SynchronousPool())
    yield runner
    assert runner.shutdown()
    # Tasks call deleteLater(); with a synchronous pool no event loop ran to carry it out.
    # Left pending, they were deleted during a later test's event loop after their Python
    # side had gone, and crashed the interpreter (PySide6 6.12): delete them now.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def keys(tmp_path: Path, kb: KnowledgeBase) -> Keys:
    (tmp_path / "keys").mkdir()
    secret_file, _pub = minisign.write_key_pair(tmp_path / "keys" / "publisher.key")
    trusted = minisign.SecretKey.load(secret_file)
    trust_store(kb).add(trusted.public_key())
    return Keys(trusted, secret_file, minisign.generate_key())


def doc(doc_id: str, title: str = "A title", body: str = "Body text.") -> str:
    return f"---\nid: {doc_id}\ntitle: {title}\nupdated: 2024-03-01\n---\n# {title}\n\n{body}\n"


def make_source(root: Path, docs: dict[str, str], *, version: int = 1) -> Path:
    src = root / f"src-v{version}"
    src.mkdir(parents=True)
    meta = {"pack": "testpack", "title": "Test pack", "version": version, "publisher": "Tests"}
    (src / "pack.json").write_text(json.dumps(meta), "utf-8")
    for name, text in docs.items():
        (src / f"{name}.md").write_text(text, "utf-8")
    return src


def make_pack(
    tmp_path: Path, key: minisign.SecretKey | None, name: str = "test.kbpack", version: int = 1
) -> Path:
    src = make_source(
        tmp_path / f"{name}.src",
        {"tp-one": doc("tp-one", "One"), "tp-two": doc("tp-two", "Two")},
        version=version,
    )
    out = tmp_path / name
    build_pack(src, out, sign_key=key, with_index=False)
    return out


def snapshot(path: Path) -> dict[str, str]:
    """{relative path: sha256} of the data dir (SQLite's -shm holds no data: left out)."""
    return {
        p.relative_to(path).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(path.rglob("*"))
        if p.is_file() and not p.name.endswith("-shm")
    }


class Confirm:
    """A recorded stand-in for the modal Yes/No question."""

    def __init__(self, answer: bool) -> None:
        self.answer = answer
        self.questions: list[str] = []

    def __call__(self, _parent: object, _title: str, text: str) -> bool:
        self.questions.append(text)
        return self.answer


def make_window(qtbot, kb: KnowledgeBase, runner: TaskRunner, confirm: Confirm | None = None):  # type: ignore[no-untyped-def]
    window = PacksWindow(kb, runner, confirm=confirm or Confirm(True), choose_files=lambda _w: [])
    qtbot.addWidget(window)
    window.show()
    return window


def table_ids(window: PacksWindow) -> list[str]:
    return sorted(p.id for p in window.model.packs())


# -- the table ----------------------------------------------------------------------------
def test_table_lists_installed_packs(
    qtbot, qtmodeltester, kb: KnowledgeBase, sync_runner: TaskRunner, keys: Keys, tmp_path: Path
) -> None:
    import_pack(kb, make_pack(tmp_path, keys.trusted))
    window = make_window(qtbot, kb, sync_runner)
    model = window.model
    qtmodeltester.check(model)
    assert table_ids(window) == ["builtin", "testpack"]
    row = next(i for i, p in enumerate(model.packs()) if p.id == "testpack")

    def cell(column: int) -> str:
        return model.index(row, column).data()

    assert cell(PackTableModel.TITLE) == "Test pack"
    assert cell(PackTableModel.VERSION) == "1"
    assert cell(PackTableModel.PUBLISHER) == "Tests"
    assert cell(PackTableModel.VERIFIED) == f"✓ {keys.trusted.key_id_hex}"
    assert cell(PackTableModel.DOCUMENTS) == "2"
    assert cell(PackTableModel.SIZE) == QLocale().formattedDataSize(kb.pack("testpack").size, 1)
    assert cell(PackTableModel.INSTALLED)
    index = model.index(row, 0)
    assert index.data(PackTableModel.IdRole) == "testpack"
    assert index.data(PackTableModel.VerifiedRole) is True
    assert index.data(PackTableModel.PackRole) == kb.pack("testpack")
    builtin_row = 1 - row
    assert model.index(builtin_row, PackTableModel.VERIFIED).data() == "✓"  # shipped with the app
    assert model.headerData(PackTableModel.SIZE, Qt.Orientation.Horizontal) == "Size"
    model.set_packs([])
    qtmodeltester.check(model)


def test_pack_drop_accepts_only_local_kbpack_files(tmp_path: Path) -> None:
    mime = QMimeData()
    mime.setUrls(
        [
            QUrl.fromLocalFile(str(tmp_path / "a.kbpack")),
            QUrl.fromLocalFile(str(tmp_path / "notes.txt")),
            QUrl("https://example.org/b.kbpack"),
            QUrl.fromLocalFile(str(tmp_path / "C.KBPACK")),
        ]
    )
    assert is_pack_drop(mime) == [tmp_path / "a.kbpack", tmp_path / "C.KBPACK"]
    text = QMimeData()
    text.setText("a.kbpack")
    assert is_pack_drop(text) == []


# -- importing ------------------------------------------------------------------------------
def test_import_signed_trusted_pack_through_report(
    qtbot, kb: KnowledgeBase, sync_runner: TaskRunner, keys: Keys, tmp_path: Path
) -> None:
    pack = make_pack(tmp_path, keys.trusted)
    window = make_window(qtbot, kb, sync_runner)
    before = snapshot(kb.paths.root)
    window.import_files([pack])
    dialog = window.report_dialog
    assert dialog is not None and dialog.isVisible()
    assert kb.pack("testpack") is None, "nothing is installed before the user agrees"
    assert snapshot(kb.paths.root) == before
    report = dialog.report
    assert report.verified and report.key_id == keys.trusted.key_id_hex
    assert report.added == ("tp-one", "tp-two")
    assert not dialog.warning.isVisible()
    assert not dialog.allow_unsigned
    assert dialog.import_button.text() == "Import"
    with qtbot.waitSignal(window.packsChanged, timeout=10_000):
        dialog.import_button.click()
    info = kb.pack("testpack")
    assert info is not None and info.verified and info.doc_count == 2
    assert window.report_dialog is None
    assert "testpack" in table_ids(window)
    assert "Imported testpack version 1" in window.message_label.text()
    assert not window.progress.isVisible() and not window.cancel_button.isVisible()


def test_drop_on_window_imports(
    qtbot, kb: KnowledgeBase, sync_runner: TaskRunner, keys: Keys, tmp_path: Path
) -> None:
    pack = make_pack(tmp_path, keys.trusted)
    window = make_window(qtbot, kb, sync_runner)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pack))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    assert event.isAccepted()
    assert window.report_dialog is not None
    assert window.report_dialog.path == pack
    window.report_dialog.cancel_button.click()
    assert kb.pack("testpack") is None


@pytest.mark.parametrize("signer", ["untrusted", "unsigned"])
def test_unverified_pack_needs_import_anyway(
    qtbot, kb: KnowledgeBase, sync_runner: TaskRunner, keys: Keys, tmp_path: Path, signer: str
) -> None:
    pack = make_pack(tmp_path, keys.untrusted if signer == "untrusted" else None)
    window = make_window(qtbot, kb, sync_runner)
    before = snapshot(kb.paths.root)

    window.import_files([pack])
    dialog = window.report_dialog
    assert dialog is not None
    assert dialog.warning.isVisible()
    if signer == "untrusted":
        assert keys.untrusted.key_id_hex in dialog.warning.text()
        assert "not one of your trusted keys" in dialog.warning.text()
    else:
        assert "not signed" in dialog.warning.text()
    assert dialog.import_button.text() == "Import anyway (unverified)"
    assert not dialog.import_button.isDefault()
    dialog.cancel_button.click()
    assert kb.pack("testpack") is None
    assert snapshot(kb.paths.root) == before
    assert "was not imported" in window.message_label.text()

    window.import_files([pack])
    dialog = window.report_dialog
    assert dialog is not None and dialog.allow_unsigned
    with qtbot.waitSignal(window.packsChanged, timeout=10_000):
        dialog.import_button.click()
    info = kb.pack("testpack")
    assert info is not None and not info.verified
    row = next(i for i, p in enumerate(window.model.packs()) if p.id == "testpack")
    assert window.model.index(row, PackTableModel.VERIFIED).data().startswith("unverified")
    # ...and its documents are marked as unverified in search results too
    from kbclient.gui.delegates import HitDelegate

    [hit] = [h for h in kb.search("body").hits if h.id == "tp-one"]
    assert not hit.verified
    assert "unverified" in HitDelegate._meta_line(hit)


def _rewrite_zip(src: Path, dest: Path, change: dict[str, bytes]) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info, change.get(info.filename, zin.read(info.filename)))


@pytest.mark.parametrize(
    ("hostile", "reason"),
    [
        ("tampered document", "sha256 does not match"),
        ("tampered manifest", "bad signature"),
        ("truncated archive", "The content pack was refused"),
    ],
)
def test_hostile_pack_shows_reason_and_changes_nothing(
    qtbot,
    kb: KnowledgeBase,
    sync_runner: TaskRunner,
    keys: Keys,
    tmp_path: Path,
    hostile: str,
    reason: str,
) -> None:
    good = make_pack(tmp_path, keys.trusted)
    bad = tmp_path / "hostile.kbpack"
    if hostile == "tampered document":
        with zipfile.ZipFile(good) as z:
            body = z.read("docs/tp-one.md")
        _rewrite_zip(good, bad, {"docs/tp-one.md": body.replace(b"Body", b"Evil")})
    elif hostile == "tampered manifest":
        with zipfile.ZipFile(good) as z:
            manifest = z.read("manifest.json")
        _rewrite_zip(good, bad, {"manifest.json": manifest.replace(b"Tests", b"Evil!")})
    else:
        bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    window = make_window(qtbot, kb, sync_runner)
    before = snapshot(kb.paths.root)
    packs_changed: list[None] = []
    window.packsChanged.connect(lambda: packs_changed.append(None))

    window.import_files([bad])
    assert window.report_dialog is None, "no report for a pack that failed verification"
    text = window.message_label.text()
    assert reason in text
    assert "\n" not in text
    assert kb.pack("testpack") is None
    assert snapshot(kb.paths.root) == before
    assert packs_changed == []
    assert window.import_button.isEnabled()


def test_import_queue_and_update_report(
    qtbot, kb: KnowledgeBase, sync_runner: TaskRunner, keys: Keys, tmp_path: Path
) -> None:
    v1 = make_pack(tmp_path, keys.trusted, "v1.kbpack")
    src2 = make_source(
        tmp_path / "v2",
        {"tp-one": doc("tp-one", "One", "Changed."), "tp-three": doc("tp-three", "Three")},
        version=2,
    )
    v2 = tmp_path / "v2.kbpack"
    build_pack(src2, v2, sign_key=keys.trusted, with_index=False)
    window = make_window(qtbot, kb, sync_runner)
    window.import_files([v1, v2])
    assert window.report_dialog is not None and window.report_dialog.path == v1
    window.report_dialog.import_button.click()
    dialog = window.report_dialog
    assert dialog is not None and dialog.path == v2, "the next file is verified in turn"
    r = dialog.report
    assert (r.installed_version, r.added, r.changed, r.removed) == (
        1,
        ("tp-three",),
        ("tp-one",),
        ("tp-two",),
    )
    assert "+ tp-three" in dialog.details.toPlainText()
    dialog.import_button.click()
    info = kb.pack("testpack")
    assert info is not None and info.version == 2


# -- removing -------------------------------------------------------------------------------
def test_remove_asks_then_removes(
    qtbot, kb: KnowledgeBase, sync_runner: TaskRunner, keys: Keys, tmp_path: Path
) -> None:
    import_pack(kb, make_pack(tmp_path, keys.trusted))
    assert "tp-one" in [h.id for h in kb.search("One").hits]
    confirm = Confirm(False)
    window = make_window(qtbot, kb, sync_runner, confirm)
    assert not window.remove_button.isEnabled(), "nothing selected"
    window.select_pack("testpack")
    assert window.selected_pack() is not None
    assert window.remove_button.isEnabled()

    window.remove_button.click()
    assert len(confirm.questions) == 1 and "testpack" in confirm.questions[0]
    assert kb.pack("testpack") is not None, "declined: nothing removed"

    confirm.answer = True
    with qtbot.waitSignal(window.packsChanged, timeout=10_000):
        window.remove_button.click()
    assert len(confirm.questions) == 2
    assert kb.pack("testpack") is None
    assert table_ids(window) == ["builtin"]
    assert "tp-one" not in [h.id for h in kb.search("One").hits]


# -- building -------------------------------------------------------------------------------
def make_build_dialog(qtbot, runner: TaskRunner, **kw):  # type: ignore[no-untyped-def]
    dialog = BuildPackDialog(runner, **kw)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_split_problem() -> None:
    p = split_problem("docs/a.md:3: title: must not be empty")
    assert (p.file, p.line, p.message) == ("docs/a.md", 3, "title: must not be empty")
    p = split_problem("C:\\src: no documents (*.md) found")
    assert (p.file, p.line) == ("C:\\src", None)


def test_build_dialog_lists_problems_and_writes_nothing(
    qtbot, sync_runner: TaskRunner, tmp_path: Path
) -> None:
    src = make_source(
        tmp_path,
        {
            "good": doc("good"),
            "broken": "---\nid: broken\ntitle: [unclosed\n---\nBody\n",
            "notitle": "---\nid: notitle\n---\nBody\n",
        },
    )
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    out = out_dir / "test.kbpack"
    dialog = make_build_dialog(qtbot, sync_runner)
    dialog.source_edit.setText(str(src))
    dialog.output_edit.setText(str(out))
    with qtbot.waitSignal(dialog.checked, timeout=10_000) as blocker:
        dialog.check_button.click()
    problems = blocker.args[0]
    files = sorted(p.file for p in problems)
    assert files == ["broken.md", "notitle.md"]
    assert dialog.problems_list.count() == 2
    texts = [dialog.problems_list.item(i).text() for i in range(2)]
    assert any(t.startswith("broken.md — ") for t in texts)
    assert "2 problems" in dialog.message_label.text()
    assert list(out_dir.iterdir()) == []

    dialog.build_button.click()
    assert dialog.problems_list.count() == 2
    assert "nothing written" in dialog.message_label.text()
    assert list(out_dir.iterdir()) == [], "no pack and no temp files"


def test_build_dialog_builds_signed_pack(
    qtbot,
    sync_runner: TaskRunner,
    tmp_path: Path,
    kb: KnowledgeBase,
    keys: Keys,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a password-protected key, made cheap to derive (the cost is stored in the key file)
    monkeypatch.setattr(minisign, "SCRYPT_OPSLIMIT", 1 << 16)
    monkeypatch.setattr(minisign, "SCRYPT_MEMLIMIT", 1 << 22)
    key_file, _pub = minisign.write_key_pair(tmp_path / "enc.key", keys.trusted, password="s3cret")
    src = make_source(tmp_path, {"tp-one": doc("tp-one"), "tp-two": doc("tp-two")})
    out = tmp_path / "built" / "test.kbpack"
    (tmp_path / "built").mkdir()
    asked: list[str] = []

    def password(_parent: object, key_name: str) -> str:
        asked.append(key_name)
        return "s3cret"

    dialog = make_build_dialog(qtbot, sync_runner, ask_password=password)
    dialog.source_edit.setText(str(src))
    dialog.key_edit.setText(str(key_file))
    dialog.output_edit.setText(str(out))
    dialog.index_check.setChecked(False)
    with qtbot.waitSignal(dialog.checked, timeout=10_000) as blocker:
        dialog.check_button.click()
    assert blocker.args[0] == [] and dialog.problems_list.count() == 0
    assert not out.exists()

    with qtbot.waitSignal(dialog.built, timeout=30_000) as blocker:
        dialog.build_button.click()
    result = blocker.args[0]
    assert asked == ["enc.key"], "the password is asked once, for the encrypted key"
    assert out.is_file() and result.documents == 2
    assert result.signed_by == keys.trusted.key_id_hex
    text = dialog.message_label.text()
    assert str(out) in text and "2 documents" in text
    assert dialog.build_button.isEnabled() and not dialog.cancel_button.isVisible()
    report = import_pack(kb, out)  # the built pack verifies against the trusted key
    assert report.added == ("tp-one", "tp-two")


def test_build_dialog_wrong_password_writes_nothing(
    qtbot, sync_runner: TaskRunner, tmp_path: Path, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(minisign, "SCRYPT_OPSLIMIT", 1 << 16)
    monkeypatch.setattr(minisign, "SCRYPT_MEMLIMIT", 1 << 22)
    key_file, _pub = minisign.write_key_pair(tmp_path / "enc.key", keys.trusted, password="right")
    src = make_source(tmp_path, {"tp-one": doc("tp-one")})
    out = tmp_path / "test.kbpack"
    dialog = make_build_dialog(qtbot, sync_runner, ask_password=lambda _p, _k: "wrong")
    dialog.source_edit.setText(str(src))
    dialog.key_edit.setText(str(key_file))
    dialog.output_edit.setText(str(out))
    dialog.build_button.click()
    assert "wrong password" in dialog.message_label.text()
    assert "wrong\n" not in dialog.message_label.text()
    assert not out.exists()


def test_pack_dropped_on_the_main_window_is_searchable_after_import(
    qtbot, window, keys: Keys, tmp_path: Path
) -> None:
    from tests.gui.conftest import hit_ids, search

    pack = make_pack(tmp_path, keys.trusted)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pack))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    packs = window.packs_window()
    assert packs is not None and packs.isVisible()
    qtbot.waitUntil(lambda: packs.report_dialog is not None, timeout=10_000)
    with qtbot.waitSignal(packs.packsChanged, timeout=10_000):
        packs.report_dialog.import_button.click()
    search(qtbot, window, "body")
    assert "tp-one" in hit_ids(window)
