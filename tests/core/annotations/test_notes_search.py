"""Annotations in search: notes and quotes find their documents ("note by …"), the
`annotated` filter, totals and facets counting documents, and no cost without annotations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kbclient.core.annotations.model import create_from_quote
from kbclient.core.annotations.notes_index import NOTES_PACK, note_snippet
from kbclient.core.annotations.store import AnnotationStore, changes
from kbclient.core.kb import KnowledgeBase
from kbclient.core.library import PackSpec
from tests.core.test_kb import docs


@pytest.fixture
def kb(tmp_path: Path) -> Iterator[KnowledgeBase]:
    kb = KnowledgeBase.open(tmp_path / "data", install_builtin=False)
    kb.install_pack(
        PackSpec(id="p", title="P", version=1),
        docs(
            ("d-1", "Sandbox rules", "The sandbox pilot must report monthly to the regulator."),
            ("d-2", "Liquidity", "Banks report their liquidity coverage ratio every quarter."),
            ("d-3", "Payments", "Open banking APIs let customers share payment data."),
        ),
    )
    yield kb
    kb.close()


@pytest.fixture
def store(kb: KnowledgeBase) -> Iterator[AnnotationStore]:
    st = AnnotationStore.open(kb.paths.root)
    yield st
    st.close()


def annotate(kb: KnowledgeBase, store: AnnotationStore, doc: str, quote: str, **kw):
    text = kb.document(doc).plain_text
    a = create_from_quote(text, quote, doc=doc, doc_version=1, team="t", **kw)
    store.save(a)
    return a


def ids(result) -> list[str]:
    return [h.id for h in result.hits]


def test_a_note_finds_its_document_and_says_by_whom(kb, store) -> None:
    assert kb.search("zephyrine").total == 0
    annotate(kb, store, "d-2", "coverage ratio", author="王伟", note="zephyrine check")
    res = kb.search("zephyrine")
    assert ids(res) == ["d-2"] and res.total == 1
    hit = res.hits[0]
    assert hit.notes_by == ("王伟",) and hit.title == "Liquidity" and hit.kind
    assert "<mark>zephyrine</mark>" in hit.snippet  # the snippet comes from the note
    assert res.facets["pack"] == {"p": 1} and res.facets["kind"] == {"research-note": 1}
    # a highlighted quote is searchable too, and a document found both ways appears once
    res = kb.search("coverage")
    assert ids(res) == ["d-2"] and res.total == 1 and res.hits[0].notes_by == ("王伟",)
    assert "liquidity" in res.hits[0].snippet.lower()  # its own text matched: its snippet
    # a document found by its text only carries no notes_by
    assert kb.search("sandbox").hits[0].notes_by == ()


def test_deleting_or_editing_a_note_updates_search(kb, store) -> None:
    a = annotate(kb, store, "d-1", "report monthly", author="li", note="quokka reminder")
    assert ids(kb.search("quokka")) == ["d-1"]
    from dataclasses import replace

    store.save(replace(a, note="wombat reminder", modified="2099-01-01T00:00:00.000Z"))
    assert kb.search("quokka").total == 0
    assert ids(kb.search("wombat")) == ["d-1"]
    store.delete(a.id)
    assert kb.search("wombat").total == 0 and kb.search("reminder").total == 0


def test_totals_facets_and_paging_count_documents(kb, store) -> None:
    annotate(kb, store, "d-3", "Open banking", author="li", note="report this to the board")
    annotate(kb, store, "d-3", "payment data", author="王伟", note="report too")
    annotate(kb, store, "d-1", "sandbox pilot", author="li", note="report first")
    res = kb.search("report")  # d-1, d-2 by text; d-3 only through two notes
    assert sorted(ids(res)) == ["d-1", "d-2", "d-3"] and res.total == 3
    by_id = {h.id: h for h in res.hits}
    assert set(by_id["d-3"].notes_by) == {"li", "王伟"} and by_id["d-1"].notes_by == ("li",)
    assert by_id["d-2"].notes_by == ()
    assert res.facets["pack"] == {"p": 3} and sum(res.facets["kind"].values()) == 3
    pages = [kb.search("report", limit=1, offset=i).hits for i in range(3)]
    assert sorted(p[0].id for p in pages) == ["d-1", "d-2", "d-3"]
    # filters apply to notes as to their documents
    assert kb.search("report", filters={"pack": ["other"]}).total == 0
    assert kb.search("board", filters={"kind": ["research-note"]}).total == 1


def test_the_annotated_filter(kb, store) -> None:
    yes = {"annotated": ["yes"]}
    assert kb.search("report", filters=yes).total == 0
    annotate(kb, store, "d-1", "sandbox pilot", author="li", note="check")
    annotate(kb, store, "d-3", "payment data", author="li", note="report later")
    res = kb.search("report", filters=yes)
    assert sorted(ids(res)) == ["d-1", "d-3"] and res.total == 2  # d-2 has no annotation
    assert {h.id: h.notes_by for h in res.hits} == {"d-1": (), "d-3": ("li",)}
    assert res.facets["pack"] == {"p": 2}
    assert all(h.snippet for h in res.hits)
    assert sorted(ids(kb.search("", filters=yes))) == ["d-1", "d-3"]
    assert ids(kb.search("report", filters={**yes, "tag": ["nope"]})) == []
    page = kb.search("report", filters=yes, limit=1, offset=1)
    assert page.total == 2 and len(page.hits) == 1
    for sort in ("date", "title"):
        assert kb.search("report", filters=yes, sort=sort).total == 2


def test_no_annotations_cost_nothing(kb: KnowledgeBase) -> None:
    assert not kb.paths.annotations.exists()
    kb.search("report")
    assert not (kb.paths.index / ".annotations").exists()
    assert kb.library.get_meta("notes_index") is None
    # an empty store builds no part either
    AnnotationStore.open(kb.paths.root).close()
    assert kb.search("report").total == 2
    assert not any((kb.paths.index / ".annotations").glob(NOTES_PACK + "*"))


def test_the_part_is_updated_incrementally_not_rebuilt(kb, store) -> None:
    annotate(kb, store, "d-1", "sandbox pilot", author="li", note="alpha")
    kb.search("alpha")
    first = kb.library.get_meta("notes_index")
    assert first is not None
    kb.search("alpha")  # nothing changed: the same part, no write
    assert kb.library.get_meta("notes_index") == first
    before = changes(store)
    annotate(kb, store, "d-2", "coverage ratio", author="li", note="beta")
    assert changes(store) == before + 1
    assert ids(kb.search("beta")) == ["d-2"] and ids(kb.search("alpha")) == ["d-1"]
    parts = list((kb.paths.index / ".annotations").glob(NOTES_PACK + "*"))
    assert len(parts) == 1  # the old part was replaced, not left behind


def test_a_second_process_sees_notes_made_elsewhere(kb, store, tmp_path) -> None:
    annotate(kb, store, "d-1", "sandbox pilot", author="li", note="gamma")
    with KnowledgeBase.open(kb.paths.root, install_builtin=False) as other:
        assert ids(other.search("gamma")) == ["d-1"]
        annotate(kb, store, "d-2", "coverage ratio", author="li", note="delta")
        assert ids(other.search("delta")) == ["d-2"]
    assert ids(kb.search("delta")) == ["d-2"]


def test_note_snippet_marks_terms() -> None:
    s = note_snippet("Check <this> Zephyr later", ["zephyr"])
    assert s == "Check &lt;this&gt; <mark>Zephyr</mark> later"


def test_a_lost_or_dropped_part_is_rebuilt(kb, store) -> None:
    annotate(kb, store, "d-1", "sandbox pilot", author="li", note="epsilon")
    assert ids(kb.search("epsilon")) == ["d-1"]
    kb.rebuild_index()
    assert not any((kb.paths.index / ".annotations").glob(NOTES_PACK + "*"))
    assert ids(kb.search("epsilon")) == ["d-1"]
    kb.close()
    import shutil

    shutil.rmtree(kb.paths.index / ".annotations")
    with KnowledgeBase.open(kb.paths.root, install_builtin=False) as again:
        assert ids(again.search("epsilon")) == ["d-1"]


def test_notes_of_a_removed_pack_are_not_found(kb, store) -> None:
    annotate(kb, store, "d-1", "sandbox pilot", author="li", note="zeta")
    assert ids(kb.search("zeta")) == ["d-1"]
    kb.remove_pack("p")
    assert kb.search("zeta").total == 0
    assert kb.search("", filters={"annotated": ["yes"]}).total == 0


def test_search_as_you_type_and_prefixes_reach_notes(kb, store) -> None:
    annotate(kb, store, "d-1", "sandbox pilot", author="li", note="thetaword")
    assert ids(kb.search("thetaw", prefix_last=True)) == ["d-1"]
    assert ids(kb.search("thetaw*")) == ["d-1"]
    res = kb.search("repor", prefix_last=True)  # d-1, d-2 by text; no double count
    assert res.total == 2 and len(res.hits) == 2
