"""The fast postings reader and the postings cache against Whoosh's own matcher."""

from __future__ import annotations

from whoosh.reading import TermNotFound

from kbclient.core.search import SearchIndex
from kbclient.core.search.fast import PostingsCache, _read_postings

from .conftest import Texts, doc


def _whoosh_postings(leaf, fieldname: str, text: str) -> tuple[list, list, list]:
    try:
        m = leaf.postings(fieldname, text)
    except TermNotFound:
        return [], [], []
    ids, ws, vs = [], [], []
    while m.is_active():
        ids.append(m.id())
        ws.append(m.weight())
        vs.append(m.value())
        m.next()
    return ids, ws, vs


def test_read_postings_equals_whoosh_matcher(index: SearchIndex, texts: Texts) -> None:
    # 700 documents (several blocks of 128 for "sandbox"), some with the word in the
    # title (other weights), one term in a single document (inlined postings)
    docs = [
        doc(
            str(i),
            "sandbox rules" if i % 7 == 0 else f"Doc {i}",
            ("sandbox " * (1 + i % 3)) + ("unique" if i == 5 else "other") + " 监管沙盒",
        )
        for i in range(700)
    ]
    part = index.build_part("p", texts.add(docs), generation=1, parallel=False)
    index.search("x", parts=[part])
    view = index._view
    assert view is not None
    for leaf, _ in view.reader.leaf_readers():
        for term in ("sandbox", "unique", "监管", "rule", "absent"):
            if term == "absent":
                assert [len(x) for x in _read_postings(leaf, "body", term)] == [0, 0, 0]
                continue
            ids, ws, vs = _read_postings(leaf, "body", term)
            assert (list(ids), list(ws), list(vs)) == _whoosh_postings(leaf, "body", term)
            ids2, ws2, vs2 = _read_postings(leaf, "body", term, values=False)
            assert (list(ids2), list(ws2)) == (list(ids), list(ws))
            assert vs2 is None or (not ids and not vs2)
        ids, _, _ = _read_postings(leaf, "kind", "other")
        assert len(ids) == 700


def test_cache_gives_the_same_results_and_is_bounded(index: SearchIndex, texts: Texts) -> None:
    docs = [doc(str(i), f"T{i}", f"open banking sandbox {i % 5} 数字人民币试点") for i in range(50)]
    part = index.build_part("p", texts.add(docs), generation=1, parallel=False)
    queries = ['"open banking"', "sandbox", "数字人民币", "open bank", "sandbox -banking"]
    first = [index.search(q, parts=[part], prefix_last=True) for q in queries]
    assert len(index._postings) > 0
    again = [index.search(q, parts=[part], prefix_last=True) for q in queries]
    index.clear_caches()
    cold = [index.search(q, parts=[part], prefix_last=True) for q in queries]
    for a, b, c in zip(first, again, cold, strict=True):
        assert (
            (a.total, a.hits, a.facets)
            == (b.total, b.hits, b.facets)
            == (c.total, c.hits, c.facets)
        )
    small = PostingsCache(max_cost=10)
    small.put(("k", 1), ((1, 2, 3), (1.0,) * 3, None))  # type: ignore[arg-type]
    small.put(("k", 2), ((1, 2, 3), (1.0,) * 3, None))  # type: ignore[arg-type]
    assert len(small) == 2 and small.get(("k", 1), False) is not None
    small.put(("k", 3), ((1, 2, 3), (1.0,) * 3, None))  # type: ignore[arg-type]
    assert small.get(("k", 2), False) is None and len(small) == 2  # least recently used went
    assert small.get(("k", 3), True) is None  # values asked for, not held


def test_closing_a_part_drops_its_cached_postings(index: SearchIndex, texts: Texts) -> None:
    a = index.build_part("a", texts.add([doc("1", "", "sandbox")]), generation=1)
    b = index.build_part("b", texts.add([doc("2", "", "sandbox")]), generation=1)
    index.search("sandbox", parts=[a])
    assert len(index._postings) == 1
    index.search("sandbox", parts=[b])
    assert len(index._postings) == 1
