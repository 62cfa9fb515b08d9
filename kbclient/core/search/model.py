"""The data the search package takes in and gives back (frozen, Qt-free, engine-free).

CONTRACT shared with library, kb facade, CLI, GUI and bench — keep field names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

FACET_FIELDS = ("kind", "tag", "org", "lang", "pack")
SORTS = ("relevance", "date", "title")


@dataclass(frozen=True)
class IndexDoc:
    """What the indexer needs of one document; `text` is Document.plain_text."""

    id: str
    pack: str
    title: str
    text: str
    kind: str = "other"
    lang: str = "mixed"
    tags: tuple[str, ...] = ()
    org: str = ""
    status: str = "published"
    updated: str = ""  # YYYY-MM-DD or ""


@dataclass(frozen=True)
class SearchHit:
    """One result; `snippet` is HTML-escaped plain text with matches wrapped in <mark>."""

    id: str
    title: str
    kind: str
    score: float
    snippet: str
    org: str = ""
    lang: str = ""
    pack: str = ""
    status: str = ""
    updated: str = ""
    tags: tuple[str, ...] = ()
    # authors of the annotations whose note or quote matched (empty: found by its text only)
    notes_by: tuple[str, ...] = ()
    verified: bool = True  # False: its pack was installed without a trusted signature


@dataclass(frozen=True)
class SearchResult:
    """A page of hits, the total number of matches and facet counts over all matches."""

    query: str
    total: int
    took_ms: float
    hits: tuple[SearchHit, ...]
    facets: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    # the words the query matched on, for highlighting in the reader (Chinese words as
    # typed, English words as typed, not stemmed)
    terms: tuple[str, ...] = ()
