"""Bilingual offline search: Whoosh index parts (one per pack) searched together as one.

Whoosh is imported only inside this package, so the engine can be replaced without
touching anything else.
"""

from kbclient.core.search.analyzer import ANALYZER_VERSION
from kbclient.core.search.index import SearchIndex
from kbclient.core.search.model import FACET_FIELDS, SORTS, IndexDoc, SearchHit, SearchResult
from kbclient.core.search.parts import ENGINE_VERSION, PartInfo
from kbclient.core.search.schema import SCHEMA_VERSION

__all__ = [
    "ANALYZER_VERSION",
    "ENGINE_VERSION",
    "FACET_FIELDS",
    "SCHEMA_VERSION",
    "SORTS",
    "IndexDoc",
    "PartInfo",
    "SearchHit",
    "SearchIndex",
    "SearchResult",
]
