"""SearchIndex: parts, incremental derive, facets, sorting, snippets, checks, threads."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from kbclient.core.errors import Cancelled, SearchIndexError
from kbclient.core.search import ANALYZER_VERSION, IndexDoc, SearchIndex
from kbclient.core.search import index as index_mod
from kbclient.core.search.query import Highlight
from kbclient.core.search.snippets import make_snippet


def doc(doc_id: str, title: str, text: str, pack: str = "p", **kw: object) -> IndexDoc:
    return IndexDoc(id=doc_id, pack=pack, title=title, text=text, **kw)  # type: ignore[arg-type]


def pack_docs(pack: str, n: int, start: int = 0) -> list[IndexDoc]:
    kinds = ("research-note", "standard-draft", "talent-guide")
    return [
        doc(
            f"{pack}-{i}",
            f"Title {i:03d} 标题",
            f"Document {i} about sandbox testing. 监管沙盒第{i}号。",
            pack=pack,
            kind=kinds[i % 3],
            tags=("regtech", f"t{i % 2}"),
            org=f"Org {i % 4}",
            lang="mixed",
            updated=f"2020-01-{1 + i % 28:02d}",
        )
        for i in range(start, start + n)
    ]


def hashes(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_two_parts_search_as_one_with_facets(index: SearchIndex, texts) -> None:
    a = index.build_part("a", texts.add(pack_docs("a", 10)), generation=1)
    b = index.build_part("b", texts.add(pack_docs("b", 6)), generation=1)
    assert sorted(index.list_parts()) == sorted([a, b])
    res = index.search("sandbox", parts=[a, b], limit=5)
    assert res.total == 16 and len(res.hits) == 5
    assert res.facets["pack"] == {"a": 10, "b": 6}
    assert res.facets["kind"] == {"research-note": 6, "standard-draft": 5, "talent-guide": 5}
    assert res.facets["tag"]["regtech"] == 16
    assert res.facets["tag"]["t0"] == 8
    assert sum(res.facets["org"].values()) == 16
    assert res.facets["lang"] == {"mixed": 16}
    # paging
    page2 = index.search("sandbox", parts=[a, b], limit=5, offset=5)
    assert not {h.id for h in res.hits} & {h.id for h in page2.hits}
    # one part only; facets off
    res = index.search("sandbox", parts=[b], facets=False)
    assert res.total == 6 and res.facets == {}
    assert index.search("sandbox", parts=[]).total == 0
    assert index.search("sandbox", parts=["no-such-part"]).total == 0


def test_sort_by_date_and_title(index: SearchIndex, texts) -> None:
    docs = [
        doc("x", "Beta", "sandbox", updated="2021-05-01"),
        doc("y", "alpha", "sandbox", updated="2023-01-01"),
        doc("z", "Gamma", "sandbox", updated=""),
    ]
    part = index.build_part("p", texts.add(docs), generation=1)
    assert [h.id for h in index.search("sandbox", parts=[part], sort="date").hits] == [
        "y",
        "x",
        "z",
    ]
    assert [h.id for h in index.search("sandbox", parts=[part], sort="title").hits] == [
        "y",
        "x",
        "z",
    ]
    hit = index.search("sandbox", parts=[part], sort="date").hits[0]
    assert (hit.title, hit.updated, hit.pack) == ("alpha", "2023-01-01", "p")


def test_title_matches_rank_first(index: SearchIndex, texts) -> None:
    docs = [
        doc("body", "Other", "a long text that mentions incubator once " + "filler " * 30),
        doc("title", "Incubator guide", "a text " + "filler " * 30),
    ]
    part = index.build_part("p", texts.add(docs), generation=1)
    assert [h.id for h in index.search("incubator", parts=[part]).hits] == ["title", "body"]


def test_snippets_mark_matches(index: SearchIndex, texts) -> None:
    long_text = (
        "开头。" + "无关的内容。" * 60 + "这里讨论<监管沙盒>的 regulated 风险。" + "结尾。" * 50
    )
    docs = [doc("s", "Title only sandbox", long_text), doc("t", "沙盒", "正文没有那个词")]
    part = index.build_part("p", texts.add(docs), generation=1)
    hit = index.search("沙盒 regulation", parts=[part]).hits[0]
    assert "<mark>沙盒</mark>" in hit.snippet and "<mark>regulated</mark>" in hit.snippet
    assert "&lt;监管" in hit.snippet  # escaped
    assert len(hit.snippet) < 260
    hit = index.search("沙盒", parts=[part], filters={"pack": ["p"]}).hits
    only_title = next(h for h in hit if h.id == "t")
    assert only_title.snippet.startswith("正文没有那个词")


def test_snippet_helper_directly() -> None:
    hl = Highlight(cjk={"孵化"}, stems={"regul"}, prefixes={"fin"})
    s = make_snippet("Fintech <b> regulations 科技孵化器", hl)
    assert s == "<mark>Fintech</mark> &lt;b&gt; <mark>regulations</mark> 科技<mark>孵化</mark>器"
    assert make_snippet("", hl) == ""


def test_prefix_expansion_is_capped(index: SearchIndex, texts, monkeypatch) -> None:
    words = " ".join(f"pre{i:03d}" + "x" * (i % 5) for i in range(120))
    part = index.build_part(
        "p", texts.add([doc("w", "w", words), doc("v", "v", "pre000")]), generation=1
    )
    monkeypatch.setattr(index_mod, "PREFIX_CAP", 10)
    res = index.search("pre*", parts=[part])
    assert res.total == 2  # pre000 is the most frequent expansion: both documents
    view = index._view
    assert view is not None and all(len(v) <= 10 for v in view.prefix_cache.values())


def test_derive_part_is_incremental_and_leaves_base_intact(index: SearchIndex, texts) -> None:
    base = index.build_part("p", texts.add(pack_docs("p", 20)), generation=1)
    before = hashes(index.root / base)
    changed = doc("p-3", "Changed title", "now about incubators 孵化器", kind="other")
    new = index.derive_part(
        base,
        "p",
        add=texts.add([changed, doc("p-new", "New", "brand new incubator")]),
        remove=["p-4", "p-5"],
        generation=2,
    )
    assert hashes(index.root / base) == before  # nothing of the base was written
    assert index.part_info(new).doc_count == 19  # type: ignore[union-attr]
    assert index.check_part(new, pack="p", generation=2, doc_count=19) == []
    res = index.search("incubator", parts=[new])
    assert {h.id for h in res.hits} == {"p-3", "p-new"}
    assert index.search("sandbox", parts=[new]).total == 17
    assert index.search("sandbox", parts=[base]).total == 20  # base still searchable
    assert index.search("sandbox", parts=[new], filters={"kind": ["other"]}).total == 0
    # derive again from the derived part, then drop the base
    newer = index.derive_part(new, "p", add=[], remove=["p-new"], generation=3)
    index.delete_part(base)
    assert base not in index.list_parts()
    assert index.search("incubator", parts=[newer]).total == 1


def test_parallel_build_matches_serial(index: SearchIndex, texts) -> None:
    docs = texts.add(pack_docs("p", 120))
    par = index.build_part("p", docs, generation=1, parallel=True)
    ser = index.build_part("p", docs, generation=1, parallel=False)
    assert index.part_info(par).subs == ("s0", "s1")  # type: ignore[union-attr]
    for q in ("sandbox", "监管沙盒", "Title 007", "kind:talent-guide"):
        a = index.search(q, parts=[par])
        b = index.search(q, parts=[ser])
        assert a.total == b.total and a.facets == b.facets
    seen: list[tuple[int, int]] = []
    index.build_part(
        "p", docs, generation=1, parallel=True, progress=lambda d, t: seen.append((d, t))
    )
    assert seen[-1] == (120, 120)


def test_check_part_reports_problems(index: SearchIndex, texts) -> None:
    part = index.build_part("p", texts.add(pack_docs("p", 5)), generation=4)
    assert index.check_part(part, pack="p", generation=4, doc_count=5) == []
    assert index.check_part(part, pack="p", generation=5, doc_count=5)
    assert index.check_part(part, pack="p", generation=4, doc_count=6)
    assert index.check_part(part, pack="q", generation=4, doc_count=5)
    assert index.check_part("missing", pack="p", generation=4, doc_count=5)
    info = index.part_info(part)
    assert info is not None and info.analyzer == ANALYZER_VERSION
    meta = index.root / part / "meta.json"
    data = json.loads(meta.read_text())
    data["analyzer"] = "kb-bilingual-0"
    meta.write_text(json.dumps(data))
    assert any("analyzer" in p for p in index.check_part(part, pack="p", generation=4, doc_count=5))
    meta.write_text("{not json")
    assert index.part_info(part) is None
    assert index.check_part(part, pack="p", generation=4, doc_count=5)


def test_check_part_detects_a_truncated_file(index: SearchIndex, texts) -> None:
    part = index.build_part("p", texts.add(pack_docs("p", 30)), generation=1)
    biggest = max(
        (p for p in (index.root / part).rglob("*") if p.is_file()), key=lambda p: p.stat().st_size
    )
    data = biggest.read_bytes()
    biggest.write_bytes(data[: len(data) // 3])
    problems = index.check_part(part, pack="p", generation=1, doc_count=30)
    assert problems and "cannot be opened" in problems[0]
    # a corrupt part is skipped by search, not a crash
    assert index.search("sandbox", parts=[part]).total >= 0


@pytest.mark.parametrize("parallel", [False, True])
def test_cancel_during_build_leaves_no_folder(index: SearchIndex, texts, parallel: bool) -> None:
    cancel = threading.Event()

    def docs() -> Iterator[IndexDoc]:
        for i, d in enumerate(pack_docs("p", 1000)):
            if i == 450:
                cancel.set()
            yield d

    with pytest.raises(Cancelled):
        index.build_part("p", docs(), generation=1, cancel=cancel, parallel=parallel)
    assert index.list_parts() == []
    assert list(index.root.iterdir()) == []


def test_error_during_build_raises_search_index_error(index: SearchIndex) -> None:
    def docs() -> Iterator[IndexDoc]:
        yield from pack_docs("p", 3)
        raise ValueError("library read failed")

    with pytest.raises(SearchIndexError):
        index.build_part("p", docs(), generation=1)
    assert list(index.root.iterdir()) == []


def test_delete_part_rejects_paths(index: SearchIndex) -> None:
    with pytest.raises(SearchIndexError):
        index.delete_part("../x")


def test_search_while_building_another_part(index: SearchIndex, texts) -> None:
    a = index.build_part("a", texts.add(pack_docs("a", 50)), generation=1)
    errors: list[BaseException] = []
    done = threading.Event()
    totals: list[int] = []

    def searcher() -> None:
        try:
            while not done.is_set():
                totals.append(index.search("sandbox 监管", parts=[a]).total)
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=searcher) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        b = index.build_part("b", texts.add(pack_docs("b", 300)), generation=1)
        c = index.derive_part(a, "a", add=pack_docs("a", 5, 100), remove=[], generation=2)
    finally:
        done.set()
        for t in threads:
            t.join()
    assert not errors and totals and set(totals) == {50}
    assert index.search("sandbox", parts=[c, b]).total == 355


def test_closed_index_refuses_searches(tmp_path: Path) -> None:
    ix = SearchIndex(tmp_path, lambda ids: {})
    ix.close()
    with pytest.raises(SearchIndexError):
        ix.search("x", parts=[])


def test_stale_staging_folders_are_removed(tmp_path: Path) -> None:
    import os

    stale = tmp_path / ".tmp-p.1.dead"
    stale.mkdir()
    os.utime(stale, (0, 0))
    SearchIndex(tmp_path, lambda ids: {}).close()
    assert not stale.exists()


def test_reader_cache_reopens_only_new_parts(index: SearchIndex, texts) -> None:
    a = index.build_part("a", texts.add(pack_docs("a", 3)), generation=1)
    b = index.build_part("b", texts.add(pack_docs("b", 3)), generation=1)
    index.search("sandbox", parts=[a])
    part_a = index._parts[a]
    index.search("sandbox", parts=[a, b])
    assert index._parts[a] is part_a and set(index._parts) == {a, b}
    index.search("sandbox", parts=[b])
    assert set(index._parts) == {b}


def test_exact_phrase_matcher_agrees_with_set_evaluation(index: SearchIndex, texts) -> None:
    from kbclient.core.search.fast import ExactPhrase, docset

    docs = [
        doc("1", "", "open banking api"),
        doc("2", "", "banking open api"),
        doc("3", "", "open open banking banking"),
        doc("4", "", "数字人民币试点"),
    ]
    part = index.build_part("p", texts.add(docs), generation=1)
    index.search("x", parts=[part])
    view = index._view
    assert view is not None
    for words, expected in (
        (["open", "bank"], {"1", "3"}),
        (["数字", "字|人", "人民", "民币"], {"4"}),
    ):
        q = ExactPhrase("body", words)
        by_matcher = set(view.searcher.docs_for_query(q))
        by_sets, _ = docset(view.reader, view.searcher, q)
        assert by_matcher == by_sets
        assert {view.searcher.stored_fields(d)["id"] for d in by_sets} == expected


def test_unknown_filter_fields_are_ignored(index: SearchIndex, texts) -> None:
    part = index.build_part("p", texts.add([doc("1", "", "sandbox")]), generation=1)
    assert index.search("sandbox", parts=[part], filters={"colour": ["red"]}).total == 1


def test_adopt_part_copies_a_prebuilt_part(index: SearchIndex, texts, tmp_path: Path) -> None:
    other = SearchIndex(tmp_path / "elsewhere", texts)
    built = other.build_part("p", texts.add(pack_docs("p", 7)), generation=1)
    src = other.root / built
    name = index.adopt_part(src, "p", generation=9)
    assert index.check_part(name, pack="p", generation=9, doc_count=7) == []
    assert index.search("sandbox", parts=[name]).total == 7
    with pytest.raises(SearchIndexError):
        index.adopt_part(src, "q", generation=1)  # another pack's part
    meta = src / "meta.json"
    data = json.loads(meta.read_text())
    data["analyzer"] = "old"
    meta.write_text(json.dumps(data))
    with pytest.raises(SearchIndexError):
        index.adopt_part(src, "p", generation=1)
    assert index.list_parts() == [name]
    assert [p.name for p in index.root.iterdir()] == [name]
    other.close()
