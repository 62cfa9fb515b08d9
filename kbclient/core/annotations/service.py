"""The annotation operations the GUI and the CLI share: who I am, annotate, edit, delete.

`AnnotationService(kb, store, user=, team=)` ties the store to the knowledge base (the
plain text and version of documents) and to the local identity. Only one's own
annotations can be edited or deleted (teammates' are read-only); everything else reads.

Identity (`local_identity`): the user and team of the remote in the settings file; when
the settings name none, the login name (`getpass.getuser()`) and the team ``local``.
"""

from __future__ import annotations

import getpass
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kbclient.core.annotations.model import (
    DEFAULT_COLOUR,
    Annotation,
    create_annotation,
    find_quote,
)
from kbclient.core.annotations.store import AnnotationStore
from kbclient.core.errors import AnnotationError, DocumentNotFound

if TYPE_CHECKING:
    from kbclient.core.kb import KnowledgeBase

logger = logging.getLogger(__name__)

DEFAULT_TEAM = "local"
_SAFE = re.compile(r"[^A-Za-z0-9._@-]")


@dataclass(frozen=True)
class Identity:
    user: str
    team: str


def local_identity(data_dir: Path) -> Identity:
    """Who annotates on this machine (see the module docstring)."""
    user = team = ""
    try:
        from kbclient.core.config import load_settings
        from kbclient.core.paths import DataPaths

        remote = load_settings(DataPaths(Path(data_dir)).settings).remote
        if remote is not None:
            user, team = remote.user, remote.team
    except ImportError:  # pragma: no cover - config is part of the core
        pass
    if not user:
        user = _SAFE.sub("_", getpass.getuser()) or "user"
    return Identity(user=user, team=team or DEFAULT_TEAM)


class AnnotationService:
    """Annotating documents of one knowledge base as one person."""

    def __init__(self, kb: KnowledgeBase, store: AnnotationStore, *, user: str, team: str) -> None:
        self.kb = kb
        self.store = store
        self.user = user
        self.team = team

    @classmethod
    def open(cls, kb: KnowledgeBase, store: AnnotationStore | None = None) -> AnnotationService:
        me = local_identity(kb.paths.root)
        st = store if store is not None else AnnotationStore.open(kb.paths.root)
        return cls(kb, st, user=me.user, team=me.team)

    def close(self) -> None:
        self.store.close()

    # -- reading -----------------------------------------------------------------------
    def for_document(self, doc_id: str) -> list[Annotation]:
        """The document's live annotations, anchored on its current text (reader order)."""
        doc = self.kb.document(doc_id)
        return self.store.for_document(doc_id, text=doc.plain_text, version=doc.version)

    def anchor_everything(self) -> int:
        """Anchor the annotations of every annotated document (for listing and export)."""
        n = 0
        for doc_id in self.store.documents_with_annotations():
            try:
                self.for_document(doc_id)
            except DocumentNotFound:  # its pack was removed: keep the last anchor state
                continue
            n += 1
        return n

    # -- writing -----------------------------------------------------------------------
    def annotate(
        self,
        doc_id: str,
        start: int,
        end: int,
        *,
        note: str = "",
        tags: tuple[str, ...] | list[str] = (),
        colour: str = DEFAULT_COLOUR,
        annotation_id: str | None = None,
    ) -> Annotation:
        """Annotate `[start, end)` of the document's plain text; saved durably."""
        doc = self.kb.document(doc_id)
        a = create_annotation(
            doc.plain_text,
            start,
            end,
            doc=doc_id,
            doc_version=doc.version,
            author=self.user,
            team=self.team,
            note=note,
            tags=tags,
            colour=colour,
            annotation_id=annotation_id,
        )
        return self.store.commit_draft(a)

    def annotate_quote(self, doc_id: str, quote: str, **kwargs: object) -> Annotation:
        """Annotate the FIRST occurrence of `quote` (whitespace-tolerant) in the document."""
        start, end = find_quote(self.kb.document(doc_id).plain_text, quote)
        return self.annotate(doc_id, start, end, **kwargs)  # type: ignore[arg-type]

    def _own(self, annotation_id: str) -> Annotation:
        a = self.store.get(annotation_id)
        if a is None:
            raise AnnotationError(f"no annotation with id {annotation_id}")
        if a.author != self.user:
            raise AnnotationError(
                f"annotation {annotation_id} is {a.author}'s: only its author can change it"
            )
        return a

    def edit(
        self,
        annotation_id: str,
        *,
        note: str | None = None,
        tags: tuple[str, ...] | list[str] | None = None,
        colour: str | None = None,
    ) -> Annotation:
        """Change one's own annotation (its draft, if any, is discarded with the save)."""
        a = self._own(annotation_id).edited(note=note, tags=tags, colour=colour)
        return self.store.commit_draft(a)

    def delete(self, annotation_id: str) -> Annotation:
        self._own(annotation_id)
        return self.store.delete(annotation_id)
