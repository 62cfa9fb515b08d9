"""Annotation model: creation, selectors, times, validation and records."""

from __future__ import annotations

import dataclasses

import pytest

from kbclient.core.annotations.model import (
    CONTEXT_CHARS,
    bump_time,
    find_quote,
    from_record,
    parse_time,
    to_record,
)
from kbclient.core.errors import AnnotationError
from tests.core.annotations.factory import TEXT, make


def test_create_from_quote_fills_selectors_and_anchor() -> None:
    a = make("liquidity coverage ratio", note="**check**", tags=["risk", "Risk", " lcr "])
    start = TEXT.index("liquidity coverage ratio")
    assert (a.position.start, a.position.end) == (start, start + len("liquidity coverage ratio"))
    assert a.quote.exact == "liquidity coverage ratio"
    assert a.quote.prefix == TEXT[start - CONTEXT_CHARS : start]
    assert a.quote.suffix == TEXT[a.position.end : a.position.end + CONTEXT_CHARS]
    assert (a.anchored_start, a.anchored_end, a.orphaned) == (start, a.position.end, False)
    assert a.tags == ("risk", "lcr")
    assert not a.text_changed
    assert a.created == a.modified == "2026-11-28T10:00:00.000Z"
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.note = "x"  # type: ignore[misc]


def test_first_occurrence_and_whitespace_tolerance() -> None:
    text = "a b\nc and a b c again"
    assert find_quote(text, "a b c") == (0, 5)
    assert find_quote("xx a b c a b c", "a b c") == (3, 8)
    with pytest.raises(AnnotationError, match="does not occur"):
        find_quote(text, "zebra")
    with pytest.raises(AnnotationError, match="empty"):
        find_quote(text, "   ")


def test_context_is_cut_at_the_text_edges() -> None:
    a = make("Regulatory")
    assert a.quote.prefix == ""
    assert len(a.quote.suffix) == CONTEXT_CHARS


def test_times_are_canonical_and_edits_always_move_forward() -> None:
    assert parse_time("2026-11-28T11:00:00+01:00") == "2026-11-28T10:00:00.000Z"
    assert parse_time("2026-11-28T10:00:00.5Z") == "2026-11-28T10:00:00.500Z"
    with pytest.raises(AnnotationError):
        parse_time("yesterday")
    # a clock behind the last edit still produces a later time
    assert bump_time("2026-11-28T10:00:00.000Z", "2020-01-01T00:00:00.000Z") == (
        "2026-11-28T10:00:00.001Z"
    )
    a = make()
    b = a.edited(note="new", now="2020-01-01T00:00:00.000Z")
    assert b.modified > a.modified and b.note == "new"
    t = b.tombstone(now="2020-01-01T00:00:00.000Z")
    assert t.deleted and t.modified > b.modified


def test_record_roundtrip_and_validation() -> None:
    a = make(note="注释", tags=["监管"], colour="#12ab34")
    assert from_record(to_record(a)) == a
    bad = to_record(a) | {"colour": "javascript:"}
    with pytest.raises(AnnotationError, match="colour"):
        from_record(bad)
    with pytest.raises(AnnotationError, match="UUID"):
        from_record(to_record(a) | {"id": "not-a-uuid"})
    with pytest.raises(AnnotationError, match="document id"):
        from_record(to_record(a) | {"doc": "../etc/passwd"})
    with pytest.raises(AnnotationError, match="malformed"):
        from_record({"id": a.id})
    with pytest.raises(AnnotationError):
        from_record(to_record(a) | {"position": {"start": "0", "end": 3}})


def test_text_changed_compares_versions() -> None:
    a = make(doc_version=2)
    assert not a.text_changed
    assert a.with_anchor(3, 0, 5).text_changed
    assert not a.with_anchor(None, None, None, orphaned=True).text_changed
