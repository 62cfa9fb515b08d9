"""The Whoosh schema of an index part and how an IndexDoc becomes a Whoosh document.

Fields: `id` (unique); `title` (bilingual, stored, scored ×3, frequencies only);
`body` (bilingual, positions, not stored) = title + tags + text in three sections, so a
query word matches a document whatever of the three it is in and phrases never join
sections; `tags` (KEYWORD, comma-separated, lowercased); `kind org lang pack status
updated title_sort` (ID, stored, sortable columns: facets and sorts read these);
`tags_col` (a column of the comma-joined tags, for tag facets).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from whoosh import columns, fields
from whoosh.formats import Frequency, Positions
from whoosh.system import pack_uint

from kbclient.core.search.analyzer import SECTION, BilingualAnalyzerV1, index_tokens, positions_map
from kbclient.core.search.model import IndexDoc

SCHEMA_VERSION = 1
TITLE_BOOST = 3.0
ID_FIELDS = ("kind", "org", "lang", "pack", "status", "updated", "title_sort")


class BilingualPositionsV1(Positions):
    """Positions format fed straight from `positions_map` (no Token objects)."""

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterable[tuple]:
        fb = self.field_boost
        encode = self.encode
        for w, poslist in positions_map(value).items():
            n = len(poslist)
            yield (w, n, n * fb, encode(poslist))


class BilingualFrequencyV1(Frequency):
    """Frequency format fed straight from `index_tokens`."""

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterable[tuple]:
        fb = self.field_boost
        counts = Counter(t for t, _ in index_tokens(value))
        return ((w, n, n * fb, pack_uint(n)) for w, n in counts.items())


def make_schema() -> fields.Schema:
    """A fresh schema object (identical for every part, so parts can be searched as one)."""
    ana = BilingualAnalyzerV1()
    title = fields.TEXT(analyzer=ana, stored=True, field_boost=TITLE_BOOST)
    title.format = BilingualFrequencyV1(field_boost=TITLE_BOOST)
    body = fields.TEXT(analyzer=ana, stored=False, phrase=True)
    body.format = BilingualPositionsV1()
    kw: dict[str, fields.FieldType] = {
        "id": fields.ID(stored=True, unique=True),
        "title": title,
        "body": body,
        "tags": fields.KEYWORD(stored=True, commas=True, lowercase=True, scorable=False),
        "tags_col": fields.COLUMN(columns.VarBytesColumn()),
    }
    for name in ID_FIELDS:
        kw[name] = fields.ID(stored=name != "title_sort", sortable=True)
    return fields.Schema(**kw)


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags as indexed: stripped, lowercased, no commas, no duplicates, order kept."""
    out: list[str] = []
    for t in tags:
        v = t.replace(",", " ").strip().lower()
        if v and v not in out:
            out.append(v)
    return out


def to_fields(doc: IndexDoc) -> dict[str, str]:
    """The keyword arguments of `writer.add_document` for one document."""
    tags = clean_tags(doc.tags)
    return {
        "id": doc.id,
        "title": doc.title,
        "body": f"{doc.title}{SECTION}{' '.join(tags)}{SECTION}{doc.text}",
        "tags": ",".join(tags),
        "tags_col": ",".join(tags).encode("utf-8"),
        "kind": doc.kind or "other",
        "org": doc.org or "",
        "lang": doc.lang or "",
        "pack": doc.pack,
        "status": doc.status or "",
        "updated": doc.updated or "",
        "title_sort": doc.title.casefold().strip(),
    }
