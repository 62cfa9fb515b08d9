"""Annotating in the reader over the real core: highlight, notes, panel, drafts, orphans."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QListView

from kbclient.core.annotations.model import create_annotation
from kbclient.core.annotations.store import AnnotationStore
from kbclient.core.documents import markdown_to_text, parse_document
from kbclient.core.kb import KnowledgeBase
from kbclient.core.library import PackSpec
from kbclient.gui.annotations_model import (
    AnnotationFilterModel,
    AnnotationListModel,
    highlight_colour,
)
from kbclient.gui.errors import ErrorReporter
from kbclient.gui.main_window import MainWindow
from kbclient.gui.tasks import TaskRunner
from kbclient.gui.text_map import TextMap

PASSAGE = "mutual TLS and short-lived tokens"


def open_doc(qtbot, window: MainWindow, doc_id: str) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.annotations.annotations_changed, timeout=10_000):
        window.reader.show_document(doc_id)
    assert window.reader.doc_id == doc_id


def select_text(window: MainWindow, phrase: str) -> QTextCursor:
    """Select `phrase` in the reader as a user would (found in the rendered document)."""
    browser = window.reader.browser
    cursor = browser.document().find(phrase)
    assert not cursor.isNull(), phrase
    browser.setTextCursor(cursor)
    return cursor


def store(window: MainWindow) -> AnnotationStore:
    return window.annotations.store


def me(window: MainWindow) -> str:
    assert window.annotations.service is not None
    return window.annotations.service.user


def teammate_annotation(window: MainWindow, doc_id: str, phrase: str, **kwargs):  # type: ignore[no-untyped-def]
    doc = window.kb.document(doc_id)  # type: ignore[union-attr]
    start = doc.plain_text.index(phrase)
    a = create_annotation(
        doc.plain_text,
        start,
        start + len(phrase),
        doc=doc_id,
        doc_version=doc.version,
        author="alice",
        team="risk",
        **kwargs,
    )
    return store(window).save(a)


def marks(window: MainWindow) -> list[tuple[str, str]]:
    """The annotation highlights drawn in the reader: (text, colour name)."""
    return [
        (s.cursor.selectedText(), s.format.background().color().name())
        for s in window.reader.browser.extraSelections()
    ]


def test_text_map_aligns_plain_text_with_the_rendered_document(qtbot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QTextBrowser

    from kbclient.core.documents import render_html

    body = (
        "Intro with a footnote[^1] and *emphasis*.\n\n监管沙盒为金融\n科技创新提供环境。\n\n"
        "| a | b |\n|---|---|\n| cell one | cell two |\n\n- item **x**\n\n[^1]: Note text.\n"
    )
    plain = markdown_to_text(body)
    browser = QTextBrowser()
    browser.setHtml(render_html(body))
    raw = browser.document().toRawText()
    text_map = TextMap(plain, raw)
    for phrase in ("emphasis", "科技创新", "cell two", "item x", "Note text"):
        start = plain.index(phrase)
        span = text_map.to_document(start, start + len(phrase))
        assert span is not None
        assert raw[span[0] : span[1]].replace("\u2029", " ") == phrase
        assert text_map.to_plain(*span) == (start, start + len(phrase))
    # a selection across the CJK soft line break maps back to the unbroken plain text
    pos = raw.index("金融")
    start, end = text_map.to_plain(pos, pos + 6)  # type: ignore[misc]
    assert plain[start:end] == "金融科技创"


def test_add_note_to_selected_passage(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, "std-openbank")
    select_text(window, PASSAGE)
    assert window.annotations.note_action.isEnabled()
    window.reader.browser.setFocus()
    qtbot.keyClick(
        window.reader.browser,
        Qt.Key.Key_N,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    editor = window.annotations_panel.editor
    assert editor.isVisible() and editor.active
    qtbot.keyClicks(editor.note_edit, "Check **rotation**")
    editor.tags_edit.setText("security, tls")
    with qtbot.waitSignal(window.annotations.annotations_changed):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.active
    [a] = store(window).for_document("std-openbank")
    plain = window.kb.document("std-openbank").plain_text  # type: ignore[union-attr]
    assert a.exact == PASSAGE
    assert (a.position.start, a.position.end) == (
        plain.index(PASSAGE),
        plain.index(PASSAGE) + len(PASSAGE),
    )
    assert a.note == "Check **rotation**" and a.tags == ("security", "tls")
    assert a.author == me(window)
    assert store(window).drafts("std-openbank") == []  # the save dropped the draft
    assert (PASSAGE, highlight_colour("yellow").name()) in marks(window)
    assert window.annotations_panel.anchored.rowCount() == 1


def test_highlight_from_context_menu_and_colour(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, "std-openbank")
    select_text(window, "Token rotation is mandatory")
    menu = window.reader.context_menu(QPoint(5, 5))
    texts = [a.text() for a in menu.actions()]
    assert window.annotations.highlight_action.text() in texts
    assert window.annotations.note_action.text() in texts
    with qtbot.waitSignal(window.annotations.annotations_changed):
        window.annotations.highlight_action.trigger()
    menu.deleteLater()
    select_text(window, "audit logs")
    with qtbot.waitSignal(window.annotations.annotations_changed):
        window.annotations.colour_actions["green"].trigger()  # picks the colour and applies it
    found = {a.exact: a for a in store(window).for_document("std-openbank")}
    assert found["Token rotation is mandatory"].note == ""
    assert found["Token rotation is mandatory"].colour == "yellow"
    assert found["audit logs"].colour == "green"
    drawn = marks(window)
    assert ("Token rotation is mandatory", highlight_colour("yellow").name()) in drawn
    assert ("audit logs", highlight_colour("green").name()) in drawn
    # the menus hold the actions, with their shortcuts
    assert window.annotations.highlight_action in window.annotations_menu.actions()
    assert window.annotations.highlight_action.shortcut().toString() == "Ctrl+H"


def test_highlight_shortcut(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, "rn-sandbox")
    select_text(window, "风险识别")
    window.reader.browser.setFocus()
    with qtbot.waitSignal(window.annotations.annotations_changed):
        qtbot.keyClick(window.reader.browser, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    [a] = store(window).for_document("rn-sandbox")
    assert a.exact == "风险识别"


def click_row(qtbot, view: QListView, row: int) -> None:  # type: ignore[no-untyped-def]
    rect = view.visualRect(view.model().index(row, 0))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_panel_click_selects_the_passage(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, "std-openbank")
    for phrase in ("security requirements", "audit logs"):
        select_text(window, phrase)
        window.annotations.highlight()
    panel = window.annotations_panel
    window.reader.browser.moveCursor(QTextCursor.MoveOperation.Start)
    assert panel.anchored.rowCount() == 2
    click_row(qtbot, panel.list_view, 1)  # reading order: "audit logs" comes second
    assert window.reader.browser.textCursor().selectedText() == "audit logs"
    click_row(qtbot, panel.list_view, 0)
    assert window.reader.browser.textCursor().selectedText() == "security requirements"


def test_own_editable_teammates_read_only(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, "std-openbank")
    select_text(window, "audit logs")
    mine = window.annotations.highlight()
    theirs = teammate_annotation(window, "std-openbank", PASSAGE, note="Alice's note")
    window.annotations.refresh()
    panel = window.annotations_panel
    assert panel.select(theirs.id)
    assert not panel.edit_button.isEnabled() and not panel.delete_button.isEnabled()
    assert "alice" in panel.read_only_label.text()
    window.annotations.edit(theirs.id)  # refused: the editor stays closed
    assert not panel.editor.active
    row = panel.model.row_of(theirs.id)
    index = panel.model.index(row, 0)
    assert index.data(AnnotationListModel.OwnRole) is False
    assert index.data(Qt.ItemDataRole.FontRole).italic()  # teammates' look different
    assert mine is not None and panel.select(mine.id)
    assert panel.edit_button.isEnabled()
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert panel.editor.active and panel.editor.key == mine.id
    qtbot.keyClicks(panel.editor.note_edit, "mine")
    with qtbot.waitSignal(window.annotations.annotations_changed):
        qtbot.mouseClick(panel.editor.save_button, Qt.MouseButton.LeftButton)
    assert store(window).get(mine.id).note == "mine"  # type: ignore[union-attr]
    assert store(window).get(theirs.id).note == "Alice's note"  # type: ignore[union-attr]
    # delete own
    window.annotations.confirm_delete = lambda _a: True
    assert panel.select(mine.id)
    with qtbot.waitSignal(window.annotations.annotations_changed):
        qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert store(window).get(mine.id).deleted  # type: ignore[union-attr]
    assert [a.id for a in panel.model.annotations()] == [theirs.id]


def test_draft_saved_per_keystroke_and_restored_after_switching(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, "std-openbank")
    select_text(window, PASSAGE)
    window.annotations.add_note()
    editor = window.annotations_panel.editor
    key = editor.key
    assert key is not None
    for i, ch in enumerate("draft 1"):
        qtbot.keyClick(editor.note_edit, ch)
        assert store(window).draft(key).text == "draft 1"[: i + 1]  # type: ignore[union-attr]
    open_doc(qtbot, window, "rn-sandbox")
    assert not editor.active  # the other document has no draft
    open_doc(qtbot, window, "std-openbank")
    assert editor.active and editor.key == key
    assert editor.note() == "draft 1"
    with qtbot.waitSignal(window.annotations.annotations_changed):
        editor.save_button.click()
    [a] = store(window).for_document("std-openbank")
    assert a.id == key and a.note == "draft 1" and a.exact == PASSAGE


def test_draft_restored_in_a_new_window(
    qtbot,
    window: MainWindow,
    kb: KnowledgeBase,
    runner: TaskRunner,
    reporter: ErrorReporter,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    open_doc(qtbot, window, "std-openbank")
    select_text(window, "audit logs")
    mine = window.annotations.highlight()
    assert mine is not None
    window.annotations.edit(mine.id)
    qtbot.keyClicks(window.annotations_panel.editor.note_edit, "half-written")
    window.close()  # no save: the draft is on disk
    second = MainWindow(runner, reporter, tmp_path / "data")
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.results_shown, timeout=10_000):
        second.set_kb(kb)
    open_doc(qtbot, second, "std-openbank")
    editor = second.annotations_panel.editor
    assert editor.active and editor.key == mine.id
    assert editor.note() == "half-written"


def test_sync_never_overwrites_a_note_being_edited(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, "std-openbank")
    select_text(window, "audit logs")
    mine = window.annotations.highlight()
    assert mine is not None
    window.annotations.edit(mine.id)
    editor = window.annotations_panel.editor
    qtbot.keyClicks(editor.note_edit, "local text")
    # the same person's other machine changed the note; a merge stored it
    store(window).save(mine.edited(note="from the laptop"))
    window.annotations.refresh()
    assert editor.note() == "local text"
    assert editor.notice.isVisibleTo(editor) and "changed elsewhere" in editor.notice.text()
    editor.save_button.click()
    assert store(window).get(mine.id).note == "local text"  # type: ignore[union-attr]


def test_filter_by_author_and_tag(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, "std-openbank")
    teammate_annotation(window, "std-openbank", PASSAGE, tags=["legal"])
    teammate_annotation(window, "std-openbank", "audit logs", tags=["risk"])
    select_text(window, "security requirements")
    window.annotations.highlight()
    panel = window.annotations_panel
    assert panel.anchored.rowCount() == 3
    assert [panel.author_combo.itemData(i) for i in range(panel.author_combo.count())] == [
        "",
        "alice",
        me(window),
    ] or me(window) < "alice"
    panel.set_filter(author="alice")
    assert panel.anchored.rowCount() == 2
    panel.set_filter(author="alice", tag="risk")
    rows = [panel.anchored.index(r, 0).data(AnnotationListModel.QuoteRole) for r in range(1)]
    assert panel.anchored.rowCount() == 1 and rows == ["audit logs"]
    panel.set_filter(author=me(window))
    assert panel.anchored.rowCount() == 1
    panel.set_filter()
    assert panel.anchored.rowCount() == 3
    assert "3" in panel.summary.text()


def revised_doc(version: int, body: str) -> tuple:
    data = (
        f"---\nid: t-rev\ntitle: Revised\nkind: research-note\nlang: en\n"
        f"version: {version}\nupdated: 2024-03-0{version}\n---\n{body}\n"
    ).encode()
    return parse_document(data, "t-rev"), data


def test_orphaned_and_text_changed(qtbot, window: MainWindow, kb: KnowledgeBase) -> None:  # type: ignore[no-untyped-def]
    v1 = (
        "The first paragraph stays as it is.\n\n"
        "The second paragraph will be deleted in the next version entirely.\n\n"
        "The third paragraph gets a small edit."
    )
    kb.install_pack(PackSpec(id="t", title="T", version=1), [revised_doc(1, v1)])
    open_doc(qtbot, window, "t-rev")
    select_text(window, "will be deleted in the next version")
    window.annotations.highlight()
    select_text(window, "first paragraph stays")
    window.annotations.highlight()
    v2 = "The first paragraph stays as it is, mostly.\n\nThe third paragraph got a small edit."
    kb.install_pack(PackSpec(id="t", title="T", version=2), [revised_doc(2, v2)])
    open_doc(qtbot, window, "t-rev")
    panel = window.annotations_panel
    assert panel.anchored.rowCount() == 1 and panel.orphans.rowCount() == 1
    orphan = panel.orphans.index(0, 0)
    assert orphan.data(AnnotationListModel.QuoteRole) == "will be deleted in the next version"
    assert "will be deleted" in orphan.data(Qt.ItemDataRole.DisplayRole)
    assert panel.orphan_view.isVisibleTo(panel) and panel.orphan_label.isVisibleTo(panel)
    kept = panel.anchored.index(0, 0)
    assert kept.data(AnnotationListModel.TextChangedRole) is True
    assert "text changed" in kept.data(Qt.ItemDataRole.DisplayRole)
    assert [t for t, _c in marks(window)] == ["first paragraph stays"]


def test_models_pass_the_model_tester(qtbot, qtmodeltester, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    open_doc(qtbot, window, "std-openbank")
    teammate_annotation(window, "std-openbank", PASSAGE, tags=["legal"], note="n")
    select_text(window, "audit logs")
    window.annotations.highlight()
    panel = window.annotations_panel
    qtmodeltester.check(panel.model)
    qtmodeltester.check(panel.anchored)
    qtmodeltester.check(panel.orphans)
    fresh = AnnotationFilterModel(orphaned=False)
    fresh.setSourceModel(AnnotationListModel())
    qtmodeltester.check(fresh)


@pytest.mark.slow
def test_opening_a_document_with_200_annotations_is_fast(
    qtbot,
    window: MainWindow,
    kb: KnowledgeBase,  # type: ignore[no-untyped-def]
) -> None:
    paragraphs = [
        f"Paragraph {i} of the long document discusses requirement R{i} in detail, "
        f"with its rationale, scope and the controls that implement it ({i * 7} units)."
        for i in range(600)
    ]
    body = "\n\n".join(paragraphs)  # ~90 KB
    kb.install_pack(PackSpec(id="t", title="T", version=1), [revised_doc(1, body)])
    doc = kb.document("t-rev")
    st = AnnotationStore.open(kb.paths.root)
    try:
        for i in range(200):
            phrase = f"requirement R{i * 3} in detail"
            start = doc.plain_text.index(phrase)
            st.save(
                create_annotation(
                    doc.plain_text,
                    start,
                    start + len(phrase),
                    doc="t-rev",
                    doc_version=doc.version,
                    author="alice" if i % 2 else "bob",
                    team="risk",
                    note=f"note {i}",
                    tags=[f"t{i % 5}"],
                )
            )
    finally:
        st.close()
    with qtbot.waitSignal(window.reader.document_shown, timeout=10_000):
        window.reader.show_document("t-rev")
    started = time.perf_counter()
    with qtbot.waitSignal(window.annotations.annotations_changed, timeout=10_000):
        window.annotations._on_document_shown("t-rev")
    took = time.perf_counter() - started
    assert window.annotations_panel.anchored.rowCount() == 200
    assert len(window.reader.browser.extraSelections()) == 200
    print(f"annotations shown in {took * 1000:.0f} ms")
    assert took < 0.5  # the goal is 0.2 s; headroom for a loaded CI machine


def test_a_hit_found_through_a_note_says_so(qtbot, window, kb) -> None:  # type: ignore[no-untyped-def]
    from kbclient.core.annotations.model import create_from_quote
    from kbclient.core.annotations.store import AnnotationStore
    from kbclient.gui.delegates import HitDelegate
    from tests.gui.conftest import hit_ids, search

    doc_id = kb.overview().recent[0].id
    text = kb.document(doc_id).plain_text
    store = AnnotationStore.open(kb.paths.root)
    store.save(
        create_from_quote(
            text,
            text.split()[0],
            doc=doc_id,
            doc_version=1,
            author="wang.wei",
            team="legal",
            note="zzyzx ask the standards group",
        )
    )
    store.close()
    search(qtbot, window, "zzyzx")
    assert hit_ids(window) == [doc_id]
    from kbclient.gui.models import HitListModel

    hit = window.results_model.index(0, 0).data(HitListModel.HitRole)
    assert hit.notes_by == ("wang.wei",)
    assert "note by wang.wei" in HitDelegate._meta_line(hit)


def test_only_annotated_documents_filter(qtbot, window, kb) -> None:  # type: ignore[no-untyped-def]
    from kbclient.core.annotations.model import create_from_quote
    from kbclient.core.annotations.store import AnnotationStore
    from tests.gui.conftest import hit_ids

    doc_id = kb.overview().recent[-1].id
    text = kb.document(doc_id).plain_text
    store = AnnotationStore.open(kb.paths.root)
    store.save(
        create_from_quote(
            text, text.split()[0], doc=doc_id, doc_version=1, author="li", team="t", note="n"
        )
    )
    store.close()
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.annotated_only_action.trigger()
    assert window.search.filters() == {"annotated": ["yes"]}
    assert hit_ids(window) == [doc_id]
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.annotated_only_action.trigger()
    assert window.search.filters().get("annotated", []) == []
