"""Search as you type: debounces the query, searches in a worker, drops stale results.

Only committed text is searched: `QLineEdit.text()` never contains an input method's
pre-edit string (e.g. pinyin being composed), and `textChanged` fires only when the
composition is committed — so the search follows what the user has actually typed.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from kbclient.core.search.model import SORTS, SearchHit, SearchResult
from kbclient.gui.qtcompat import emit
from kbclient.gui.tasks import TaskRunner

if TYPE_CHECKING:
    from kbclient.core.kb import KnowledgeBase, Overview

logger = logging.getLogger(__name__)

DEBOUNCE_MS = 150


def overview_hits(overview: Overview) -> tuple[SearchHit, ...]:
    """The overview's recently updated documents, shown in the results list."""
    return tuple(
        SearchHit(
            id=d.id,
            title=d.title,
            kind=d.kind,
            score=0.0,
            snippet="",
            org=d.org,
            lang=d.lang,
            pack=d.pack,
            status=d.status,
            updated=d.updated,
            tags=d.tags,
        )
        for d in overview.recent
    )


class SearchController(QObject):
    """Owns the current query, filters and sort; emits results as they arrive.

    Signals:
      results(object): a SearchResult for the current query (never a stale one).
      overview(object): an Overview, when the query is empty and no filter is set.
      searching(bool): whether a search is running or waiting for the debounce.
      failed(object): the exception of a failed search.
      filters_changed(): the active filters changed.
    """

    results = Signal(object)
    overview = Signal(object)
    searching = Signal(bool)
    failed = Signal(object)
    filters_changed = Signal()

    def __init__(
        self, runner: TaskRunner, parent: QObject | None = None, debounce_ms: int = DEBOUNCE_MS
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._kb: KnowledgeBase | None = None
        self.query = ""
        self.sort = "relevance"
        self.limit = 50
        self._filters: dict[str, list[str]] = {}
        self._seq = 0  # number of the newest request
        self._running = False
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._start)
        self.last_result: SearchResult | None = None

    # -- inputs ------------------------------------------------------------------------
    def set_kb(self, kb: KnowledgeBase | None) -> None:
        self._kb = kb
        if kb is not None:
            self.refresh()

    def set_query(self, text: str) -> None:
        """Called on every committed edit; the search starts after the debounce."""
        self.query = text.strip()
        self._seq += 1
        emit(self.searching, True)
        self._timer.start()

    def set_sort(self, sort: str) -> None:
        if sort in SORTS and sort != self.sort:
            self.sort = sort
            self.refresh()

    def set_limit(self, limit: int) -> None:
        self.limit = max(1, int(limit))

    def filters(self) -> dict[str, list[str]]:
        return {k: list(v) for k, v in self._filters.items() if v}

    def toggle_filter(self, field: str, value: str) -> None:
        values = self._filters.setdefault(field, [])
        if value in values:
            values.remove(value)
        else:
            values.append(value)
        emit(self.filters_changed)
        self.refresh()

    def remove_filter(self, field: str, value: str) -> None:
        if value in self._filters.get(field, []):
            self.toggle_filter(field, value)

    def set_filters(self, filters: Mapping[str, Sequence[str]]) -> None:
        self._filters = {k: list(v) for k, v in filters.items()}
        emit(self.filters_changed)
        self.refresh()

    def refresh(self) -> None:
        """Search again now (no debounce), e.g. after a filter or sort change."""
        self._seq += 1
        self._timer.stop()
        emit(self.searching, True)
        self._start()

    # -- work --------------------------------------------------------------------------
    def _start(self) -> None:
        if self._kb is None:
            return
        if self._running:  # one search at a time; the newest request runs next
            self._pending = True
            return
        self._running = True
        seq = self._seq
        kb = self._kb
        query, filters, sort, limit = self.query, self.filters(), self.sort, self.limit
        if not query and not filters:
            self._runner.submit(
                kb.overview,
                limit,
                name="overview",
                on_finished=lambda ov, s=seq: self._done(s, ov, is_overview=True),
                on_failed=lambda exc, s=seq: self._error(s, exc),
            )
            return
        self._runner.submit(
            kb.search,
            query,
            limit=limit,
            filters=filters or None,
            sort=sort,
            prefix_last=True,
            name="search",
            on_finished=lambda res, s=seq: self._done(s, res, is_overview=False),
            on_failed=lambda exc, s=seq: self._error(s, exc),
        )

    def _finish_one(self) -> bool:
        """Mark the running search done; True if its answer is still the newest."""
        self._running = False
        if self._pending:
            self._pending = False
            self._start()
            return False
        return True

    def _done(self, seq: int, value: object, *, is_overview: bool) -> None:
        current = self._finish_one() and seq == self._seq
        if not current:
            logger.debug("dropping stale search result %d (newest %d)", seq, self._seq)
            return
        emit(self.searching, False)
        if is_overview:
            self.last_result = None
            emit(self.overview, value)
        else:
            assert isinstance(value, SearchResult)
            self.last_result = value
            emit(self.results, value)

    def _error(self, seq: int, exc: BaseException) -> None:
        current = self._finish_one() and seq == self._seq
        if current:
            emit(self.searching, False)
            emit(self.failed, exc)
