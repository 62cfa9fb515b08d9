"""Translated names of the core's codes (kinds, statuses, languages, facet fields)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

TR_CONTEXT = "Labels"


def _tr(text: str) -> str:
    return QCoreApplication.translate(TR_CONTEXT, text)


def kind_label(kind: str) -> str:
    names = {
        "research-note": _tr("Research note"),
        "standard-draft": _tr("Standard draft"),
        "talent-guide": _tr("Talent guide"),
        "other": _tr("Other"),
    }
    return names.get(kind, kind)


def status_label(status: str) -> str:
    names = {"draft": _tr("Draft"), "published": _tr("Published"), "withdrawn": _tr("Withdrawn")}
    return names.get(status, status)


def lang_label(lang: str) -> str:
    names = {"zh": _tr("Chinese"), "en": _tr("English"), "mixed": _tr("Chinese and English")}
    return names.get(lang, lang)


def field_label(field: str) -> str:
    names = {
        "kind": _tr("Kind"),
        "tag": _tr("Tag"),
        "org": _tr("Organisation"),
        "lang": _tr("Language"),
        "pack": _tr("Pack"),
        "status": _tr("Status"),
        "annotated": _tr("Annotated"),
    }
    return names.get(field, field)


def value_label(field: str, value: str) -> str:
    """How a facet value is shown: codes translated, free text (tags, orgs) as is."""
    if field == "kind":
        return kind_label(value)
    if field == "lang":
        return lang_label(value)
    if field == "status":
        return status_label(value)
    if field == "annotated":
        return _tr("yes")
    return value
