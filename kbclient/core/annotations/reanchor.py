"""Re-anchoring the stored annotations of revised documents (after a pack install)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from kbclient.core.annotations.store import AnnotationStore, anchor_all, text_digest

if TYPE_CHECKING:
    from kbclient.core.kb import KnowledgeBase

logger = logging.getLogger(__name__)


class _Changed(Protocol):
    @property
    def changed(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class ReanchorReport:
    """What re-anchoring one document found: counts, and the ids it could not place."""

    doc: str
    version: int | None
    total: int
    anchored: int
    orphaned: tuple[str, ...]
    seconds: float = 0.0


def reanchor_document(
    store: AnnotationStore, doc_id: str, new_text: str, new_version: int | None
) -> ReanchorReport:
    """Re-anchor every annotation of `doc_id` (tombstones too) on its new text, and store it.

    The selectors stay as the author made them (they are shared and merged); what changes
    is the local anchor state — `anchored_start/end` on the new text, `anchored_version`,
    `orphaned`, and the passage as now found, which the next revision is searched for first.
    """
    import time

    started = time.perf_counter()
    current = store.for_document(doc_id, include_deleted=True)
    anchored = anchor_all(current, new_text, new_version)
    store.set_anchors(anchored, text_digest(new_text))
    orphans = tuple(sorted(a.id for a in anchored if a.orphaned and not a.deleted))
    live = [a for a in anchored if not a.deleted]
    if orphans:
        logger.info("document %s: %d annotation(s) orphaned by the revision", doc_id, len(orphans))
    return ReanchorReport(
        doc=doc_id,
        version=new_version,
        total=len(live),
        anchored=len(live) - len(orphans),
        orphaned=orphans,
        seconds=time.perf_counter() - started,
    )


def reanchor_after_install(
    kb: KnowledgeBase, report: _Changed, store: AnnotationStore | None = None
) -> list[ReanchorReport]:
    """Call after `KnowledgeBase.install_pack`: re-anchor the annotated `changed` documents.

    Documents without annotations cost one indexed lookup each. With no `store`, the data
    dir's own is opened (and closed).
    """
    own = store is None
    st = store if store is not None else AnnotationStore.open(kb.paths.root)
    try:
        annotated = st.documents_among(report.changed)
        out: list[ReanchorReport] = []
        for doc_id in (d for d in report.changed if d in annotated):
            info = kb.document_info(doc_id)
            text = kb.document(doc_id).plain_text
            out.append(reanchor_document(st, doc_id, text, info.version))
        return out
    finally:
        if own:
            st.close()
