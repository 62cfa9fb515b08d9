"""Fixtures of the search tests: small documents and an index over a temp dir."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from kbclient.core.search import IndexDoc, SearchIndex


def doc(doc_id: str, title: str, text: str, **kw: object) -> IndexDoc:
    """An IndexDoc of pack "p" unless given."""
    kw.setdefault("pack", "p")
    return IndexDoc(id=doc_id, title=title, text=text, **kw)  # type: ignore[arg-type]


class Texts(dict):
    """The text_lookup of the tests: a dict filled as parts are built."""

    def add(self, docs: Iterable[IndexDoc]) -> list[IndexDoc]:
        docs = list(docs)
        for d in docs:
            self[d.id] = d.text
        return docs

    def __call__(self, ids: Iterable[str]) -> dict[str, str]:
        return {i: self[i] for i in ids if i in self}


@pytest.fixture
def texts() -> Texts:
    return Texts()


@pytest.fixture
def index(tmp_path: Path, texts: Texts) -> Iterable[SearchIndex]:
    ix = SearchIndex(tmp_path / "index", texts)
    yield ix
    ix.close()


@pytest.fixture
def one_part(index: SearchIndex, texts: Texts) -> Callable[[list[IndexDoc]], str]:
    """Build one part of the given docs and return its name."""

    def build(docs: list[IndexDoc], pack: str = "p", generation: int = 1) -> str:
        return index.build_part(pack, texts.add(docs), generation=generation)

    return build
