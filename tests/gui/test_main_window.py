"""The main window over the real core: search as you type, facets, reader, keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, QUrl

from kbclient.core.kb import KnowledgeBase
from kbclient.gui.main_window import MainWindow
from kbclient.gui.models import HitListModel
from kbclient.gui.qtcompat import emit
from tests.gui.conftest import hit_ids, ime_commit, search


def test_search_field_has_focus_at_start(qtbot, bare_window: MainWindow) -> None:
    qtbot.waitExposed(bare_window)
    qtbot.waitUntil(lambda: bare_window.search_edit.hasFocus())
    bare_window.results_view.setFocus()
    qtbot.keyClick(bare_window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert bare_window.search_edit.hasFocus()


def test_empty_query_shows_overview(window: MainWindow) -> None:
    assert window.search.last_result is None
    assert set(hit_ids(window)) == {
        "rn-sandbox",
        "std-openbank",
        "tg-incubator",
        "rn-withdrawn",
        "other-glossary",
    }
    assert hit_ids(window)[0] == "std-openbank"  # most recently updated first
    kinds = {v.value: v.count for v in window.facets.models["kind"].values()}
    assert kinds["research-note"] == 2


def test_typing_a_query_shows_results(qtbot, window: MainWindow) -> None:
    search(qtbot, window, "监管沙盒")
    assert hit_ids(window)[0] == "rn-sandbox"
    snippet = window.results_model.data(window.results_model.index(0, 0), HitListModel.SnippetRole)
    assert "<mark>" in snippet
    search(qtbot, window, "token")
    assert set(hit_ids(window)) >= {"std-openbank", "rn-withdrawn"}


def test_search_follows_committed_text_not_preedit(qtbot, window: MainWindow) -> None:
    window.search_edit.setFocus()
    ime_commit(window.search_edit, "", preedit="jianguan")
    assert window.search_edit.text() == ""  # the pre-edit string is not in text()
    search(qtbot, window, "监管")
    assert window.search_edit.text() == "监管"
    assert window.search.last_result.query == "监管"


def test_prefix_of_last_word_matches_while_typing(qtbot, window: MainWindow) -> None:
    search(qtbot, window, "tokenis")
    assert "rn-withdrawn" in hit_ids(window)


def test_stale_results_are_dropped(qtbot, window: MainWindow) -> None:
    window.search_edit.setText("incubator")
    window.search.refresh()  # starts a search for "incubator" at once
    window.search_edit.setText("API")  # newer: only its result may be shown
    qtbot.waitUntil(
        lambda: window.search.last_result is not None and window.search.last_result.query == "API",
        timeout=10_000,
    )
    assert "tg-incubator" not in hit_ids(window)


def test_facet_click_filters_and_chip_removes(qtbot, window: MainWindow) -> None:
    search(qtbot, window, "security")
    assert {"std-openbank", "rn-withdrawn"} <= set(hit_ids(window))
    view = window.facets.views["kind"]
    model = window.facets.models["kind"]
    row = next(i for i, v in enumerate(model.values()) if v.value == "standard-draft")
    rect = view.visualRect(model.index(row, 0))
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert hit_ids(window) == ["std-openbank"]
    assert window.search.filters() == {"kind": ["standard-draft"]}
    assert len(window.chips.buttons) == 1 and window.chips.isVisible()
    assert model.values()[0].active
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        qtbot.mouseClick(window.chips.buttons[0], Qt.MouseButton.LeftButton)
    assert window.search.filters() == {}
    assert "rn-withdrawn" in hit_ids(window)
    qtbot.waitUntil(lambda: not window.chips.buttons)


def test_sort_by_title(qtbot, window: MainWindow) -> None:
    search(qtbot, window, "security")
    with qtbot.waitSignal(window.results_shown, timeout=10_000):
        window.sort_combo.setCurrentIndex(2)
    titles = [h.title for h in window.results_model.hits()]
    assert titles == sorted(titles, key=str.casefold) or titles == sorted(titles)


def test_selecting_a_hit_shows_document_with_highlights(qtbot, window: MainWindow) -> None:
    search(qtbot, window, "沙盒")
    row = hit_ids(window).index("rn-sandbox")
    with qtbot.waitSignal(window.reader.document_shown, timeout=10_000):
        window.results_view.setCurrentIndex(window.results_model.index(row, 0))
    reader = window.reader
    assert reader.doc_id == "rn-sandbox"
    assert "监管沙盒" in reader.browser.toPlainText()
    assert reader.match_count() >= 3
    assert len(reader.browser.extraSelections()) == reader.match_count()
    assert reader.current_match() == 1
    qtbot.keyClick(reader.browser, Qt.Key.Key_F3)
    assert reader.current_match() == 2
    qtbot.keyClick(reader.browser, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert reader.current_match() == 1
    header = reader.header.text()
    assert "中国银行业协会" in header and "Li Wei" in header and "Test library" in header
    assert [h.text for h in reader.outline_model.headings()][:2] == [
        "监管沙盒试点的风险评估方法",
        "背景",
    ]


def test_withdrawn_document_is_marked(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.reader.document_shown, timeout=10_000):
        window.reader.show_document("rn-withdrawn")
    assert "WITHDRAWN" in window.reader.header.text()


def test_keyboard_navigation_from_search_field(qtbot, window: MainWindow) -> None:
    search(qtbot, window, "security")
    edit = window.search_edit
    assert edit.hasFocus()
    with qtbot.waitSignal(window.reader.document_shown, timeout=10_000):
        qtbot.keyClick(edit, Qt.Key.Key_Down)
    assert window.results_view.currentIndex().row() == 0
    first = window.reader.doc_id
    with qtbot.waitSignal(window.reader.document_shown, timeout=10_000):
        qtbot.keyClick(edit, Qt.Key.Key_Down)
    assert window.results_view.currentIndex().row() == 1
    assert window.reader.doc_id != first
    with qtbot.waitSignal(window.reader.document_shown, timeout=10_000):
        qtbot.keyClick(edit, Qt.Key.Key_Up)
    assert window.reader.doc_id == first
    assert edit.hasFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.reader.browser.hasFocus()


def test_doc_links_and_history(qtbot, window: MainWindow) -> None:
    reader = window.reader
    with qtbot.waitSignal(reader.document_shown, timeout=10_000):
        reader.show_document("rn-sandbox")
    with qtbot.waitSignal(reader.document_shown, timeout=10_000):
        emit(reader.browser.anchorClicked, QUrl("doc:std-openbank"))
    assert reader.doc_id == "std-openbank" and reader.back_action.isEnabled()
    with qtbot.waitSignal(reader.document_shown, timeout=10_000):
        qtbot.keyClick(reader.browser, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert reader.doc_id == "rn-sandbox" and reader.forward_action.isEnabled()
    with qtbot.waitSignal(reader.document_shown, timeout=10_000):
        reader.forward_action.trigger()
    assert reader.doc_id == "std-openbank"


def test_external_link_asks_first(qtbot, window: MainWindow) -> None:
    asked: list[str] = []
    window.reader.confirm_external = lambda url: asked.append(url.toString()) or False
    emit(window.reader.browser.anchorClicked, QUrl("https://example.org/sandbox"))
    assert asked == ["https://example.org/sandbox"]


def test_outline_click_scrolls_to_heading(qtbot, window: MainWindow) -> None:
    reader = window.reader
    with qtbot.waitSignal(reader.document_shown, timeout=10_000):
        reader.show_document("std-openbank")
    last = reader.outline_model.index(reader.outline_model.rowCount() - 1, 0)
    emit(reader.outline.clicked, last)
    block = reader.browser.textCursor().block()
    assert block.text() == "3 Monitoring"


def test_zoom_copy_and_pdf(qtbot, window: MainWindow, tmp_path) -> None:  # type: ignore[no-untyped-def]
    reader = window.reader
    with qtbot.waitSignal(reader.document_shown, timeout=10_000):
        reader.show_document("std-openbank")
    size = reader.browser.font().pointSizeF()
    reader.zoom_in_action.trigger()
    assert reader.browser.font().pointSizeF() > size
    reader.zoom_out_action.trigger()
    assert reader.browser.font().pointSizeF() == size
    reader.select_all_action.trigger()
    reader.copy_action.trigger()
    from PySide6.QtWidgets import QApplication

    assert "Open Banking" in QApplication.clipboard().text()
    pdf = tmp_path / "doc.pdf"
    reader.export_pdf(pdf)
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 1000


def test_status_bar_shows_count_and_index_state(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.count_label.text() == "5 documents", timeout=10_000)
    qtbot.waitUntil(lambda: window.index_label.text() == "Index up to date", timeout=10_000)


def test_rebuild_index_shows_progress_and_finishes(
    qtbot, window: MainWindow, kb: KnowledgeBase
) -> None:
    seen: list[tuple[int, int]] = []
    window.progress.valueChanged.connect(lambda v: seen.append((v, window.progress.maximum())))
    window.rebuild_action.trigger()
    assert window.cancel_button.isVisible()
    qtbot.waitUntil(lambda: window._rebuild_task is None, timeout=30_000)
    assert not window.progress.isVisible()
    assert kb.check_index() == []
    search(qtbot, window, "沙盒")
    assert "rn-sandbox" in hit_ids(window)


def test_cancelled_rebuild_shows_a_message(qtbot, window: MainWindow) -> None:
    window.rebuild_action.trigger()
    window.cancel_button.click()
    qtbot.waitUntil(lambda: window._rebuild_task is None, timeout=30_000)
    # either it finished before the cancel was seen, or the banner says it was cancelled
    if window.banner_row.isVisible():
        assert "cancelled" in window.banner.text()


def test_window_opens_knowledge_base_in_a_worker(qtbot, bare_window: MainWindow, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from functools import partial

    from kbclient.gui.app import open_knowledge_base
    from tests.gui.conftest import FIXTURES

    assert bare_window.summary.text() == "Loading the library…"
    bare_window.search_edit.setText("孵化")  # typed while loading: searched once ready
    with qtbot.waitSignal(bare_window.kb_ready, timeout=30_000):
        bare_window.load(partial(open_knowledge_base, tmp_path / "d2", FIXTURES))
    qtbot.waitUntil(lambda: window_has(bare_window, "tg-incubator"), timeout=10_000)
    bare_window.kb.close()
    bare_window.kb = None


def window_has(window: MainWindow, doc_id: str) -> bool:
    return doc_id in hit_ids(window)


def test_unknown_document_gives_one_line_message(qtbot, window: MainWindow) -> None:
    window.reader.show_document("no-such-doc")
    qtbot.waitUntil(lambda: window.banner_row.isVisible(), timeout=10_000)
    assert "no-such-doc" in window.banner.text()
    assert "\n" not in window.banner.text()
