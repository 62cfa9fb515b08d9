"""Translations: the .ts files hold every tr() string; switching language retranslates."""

from __future__ import annotations

from kbclient.gui.i18n import Translators, normalise_language
from kbclient.gui.i18n_sources import extract, missing, read_ts, ts_files
from kbclient.gui.main_window import MainWindow


def test_ts_files_hold_every_source_string() -> None:
    messages, problems = extract()
    assert problems == []
    assert len(messages) > 50
    files = ts_files()
    assert {p.name for p in files} >= {"kbclient_en.ts", "kbclient_zh_CN.ts"}
    for path in files:
        assert missing(path, messages) == [], path.name


def test_chinese_is_fully_translated() -> None:
    messages, _ = extract()
    table = read_ts(next(p for p in ts_files() if p.name == "kbclient_zh_CN.ts"))
    untranslated = [m.source for m in messages if not table[(m.context, m.source)][0]]
    assert untranslated == []


def test_language_names() -> None:
    assert normalise_language("zh-CN") == "zh_CN"
    assert normalise_language("zh_Hans_CN") == "zh_CN"
    assert normalise_language("de_DE") == "en"


def test_switching_language_retranslates_the_window(
    qtbot,
    qapp,
    monkeypatch,  # type: ignore[no-untyped-def]
    tmp_path,
    window: MainWindow,
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    translators = Translators(qapp)
    try:
        assert translators.install("zh_CN") == "zh_CN"
        qtbot.waitUntil(lambda: window.windowTitle() == "kbclient — 知识库", timeout=5000)
        assert window.search_edit.placeholderText().startswith("搜索文库")
        assert window.reader.back_action.text() == "后退"
        assert window.facets.labels["kind"].text() == "<b>类型</b>"
        assert window.summary.text() == "最近更新的文档"
        # Qt's own strings come from qtbase_zh_CN
        from PySide6.QtCore import QCoreApplication

        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        translators.install("en")
    qtbot.waitUntil(lambda: window.windowTitle() == "kbclient — Knowledge base", timeout=5000)


def test_qm_is_compiled_when_missing(monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from kbclient.gui import i18n

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    qm = i18n.qm_for("zh_CN")
    assert qm is not None and qm.is_file() and qm.stat().st_size > 1000
