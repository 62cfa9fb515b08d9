"""The Whoosh schema of an index part and how an IndexDoc becomes a Whoosh document.

Fields: `id` (unique); `title` (stored only); `body` (bilingual, positions, not stored) =
title + tags + text in three sections, so a query word matches a document whatever of the
three it is in and phrases never join sections (title occurrences weigh ×3 in BM25);
`tags` (KEYWORD, comma-separated, lowercased, stored: exact `tag:` filters);
`kind org lang pack status updated title_sort` (ID, stored, sortable columns: facets and
sorts read these); `tags_col` (a column of the comma-joined tags, for tag facets).
"""

from __future__ import annotations

import sys
from array import array
from collections import Counter
from collections.abc import Iterable
from itertools import accumulate, pairwise
from typing import Any

from whoosh import columns, fields
from whoosh.formats import Positions

from kbclient.core.search.analyzer import SECTION, BilingualAnalyzerV1, index_tokens, positions_map
from kbclient.core.search.model import IndexDoc

SCHEMA_VERSION = 1
_BIG_ENDIAN = sys.byteorder == "big"
TITLE_BOOST = 3.0
ID_FIELDS = ("kind", "org", "lang", "pack", "status", "updated", "title_sort")


class BilingualPositionsV1(Positions):
    """Positions format fed straight from `positions_map` (no Token objects).

    Each posting's value is a typecode byte and the position deltas as a little-endian
    array ("H" or "I"), decoded with C-level array and accumulate (Whoosh's Positions
    pickles a list). The weight counts a term TITLE_BOOST times for each occurrence in the
    first section (the title), so BM25 on this one field ranks title matches first.
    """

    def word_values(self, value: Any, analyzer: Any, **kwargs: Any) -> Iterable[tuple]:
        fb = self.field_boost
        encode = self.encode
        cut = value.find(SECTION)
        title = Counter(t for t, _ in index_tokens(value[:cut])) if cut > 0 else Counter()
        extra = TITLE_BOOST - 1.0
        for w, poslist in positions_map(value).items():
            n = len(poslist)
            yield (w, n, (n + extra * title.get(w, 0)) * fb, encode(poslist))

    def encode(self, poslist: Any) -> bytes:
        deltas = [poslist[0], *(b - a for a, b in pairwise(poslist))]
        tc = "H" if max(deltas) < 65536 else "I"
        arr = array(tc, deltas)
        if _BIG_ENDIAN:
            arr.byteswap()
        return tc.encode("ascii") + arr.tobytes()

    def decode_positions(self, valuestring: bytes) -> list[int]:
        arr = array(chr(valuestring[0]), valuestring[1:])
        if _BIG_ENDIAN:
            arr.byteswap()
        return list(accumulate(arr))

    def decode_frequency(self, valuestring: bytes) -> int:
        return (len(valuestring) - 1) // (2 if valuestring[0] == 72 else 4)

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost

    def decode_position_boosts(self, valuestring: bytes) -> list[tuple[int, float]]:
        return [(p, 1) for p in self.decode_positions(valuestring)]

    def combine(self, vs: Iterable[bytes]) -> bytes:
        s: set[int] = set()
        for v in vs:
            s.update(self.decode_positions(v))
        return self.encode(sorted(s))


def make_schema() -> fields.Schema:
    """A fresh schema object (identical for every part, so parts can be searched as one)."""
    ana = BilingualAnalyzerV1()
    body = fields.TEXT(analyzer=ana, stored=False, phrase=True)
    body.format = BilingualPositionsV1()
    kw: dict[str, fields.FieldType] = {
        "id": fields.ID(stored=True, unique=True),
        "title": fields.STORED(),
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
