"""Merging annotations: per id, the latest `modified` wins; nothing present on a side is lost.

The order that decides a winner (`precedence`): `modified` (canonical UTC strings compare
as instants), then author id (lexicographically greater wins), then the tombstone (a
deletion wins a tie with an edit), then a digest of the content — so both sides of a sync
always pick the same winner, whatever order they merge in (the merge is commutative,
associative and idempotent). Every id on either side is in the result: a deletion is a
tombstone that wins by the same rule, never a missing entry.

`merge_into_store` applies remote annotations to the local store in ONE transaction (a
kill during a merge leaves the store as before or wholly merged), and protects notes being
written: when a remote version wins for an annotation that has a draft, the stored
annotation takes the remote version, the draft is left untouched, and a `Conflict` is
reported. The GUI keeps the editor open on the draft and tells the user; saving the draft
(`AnnotationStore.commit_draft`) makes a newer edit (its `modified` is bumped past the
remote one), so the text being typed is never overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from kbclient.core.annotations.model import Annotation
from kbclient.core.annotations.store import AnnotationStore


def precedence(a: Annotation) -> tuple[str, str, bool, str]:
    """The merge order: the annotation with the greater key wins."""
    return (a.modified, a.author, a.deleted, a.content_hash())


def winner(a: Annotation, b: Annotation) -> Annotation:
    """Which of two versions of one annotation the merge keeps."""
    if a.shared_key() == b.shared_key():
        return a
    return a if precedence(a) >= precedence(b) else b


def _keep_anchor(chosen: Annotation, other: Annotation) -> Annotation:
    """Carry the local anchor state over when the winner's selectors are the same."""
    if (
        chosen.anchored_version is None
        and other.anchored_version is not None
        and (chosen.doc, chosen.quote, chosen.position) == (other.doc, other.quote, other.position)
    ):
        return replace(
            chosen,
            anchored_version=other.anchored_version,
            anchored_start=other.anchored_start,
            anchored_end=other.anchored_end,
            orphaned=other.orphaned,
            anchored_quote=other.anchored_quote,
        )
    return chosen


def merge(local: Iterable[Annotation], remote: Iterable[Annotation]) -> list[Annotation]:
    """Both sides merged per id (see the module docstring), sorted by id."""
    out: dict[str, Annotation] = {}
    for a in local:
        out[a.id] = winner(out[a.id], a) if a.id in out else a
    for b in remote:
        if b.id in out:
            a = out[b.id]
            out[b.id] = _keep_anchor(winner(a, b), a)
        else:
            out[b.id] = b
    return [out[k] for k in sorted(out)]


@dataclass(frozen=True)
class Conflict:
    """A remote change arrived for a note that is being edited here (a draft exists)."""

    id: str
    doc: str
    kind: str  # "edited" (the remote changed the note) or "deleted" (the remote deleted it)
    remote: Annotation
    draft: str


@dataclass(frozen=True)
class MergeReport:
    """What merging into the store changed."""

    added: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: int
    conflicts: tuple[Conflict, ...]


def merge_into_store(store: AnnotationStore, remote: Iterable[Annotation]) -> MergeReport:
    """Merge `remote` into the store in one transaction; see the module docstring."""
    incoming = merge([], remote)  # de-duplicates the remote side itself by the same rule
    added: list[str] = []
    updated: list[str] = []
    conflicts: list[Conflict] = []
    unchanged = 0
    with store.transaction():
        drafts = store.draft_keys()
        to_save: list[Annotation] = []
        for b in incoming:
            a = store.get(b.id)
            if a is None:
                to_save.append(b)
                added.append(b.id)
                continue
            chosen = winner(a, b)
            if chosen is a or chosen.shared_key() == a.shared_key():
                unchanged += 1
                continue
            to_save.append(chosen)  # the store keeps the anchor if the selectors agree
            updated.append(b.id)
            if b.id in drafts:
                draft = store.draft(b.id)
                conflicts.append(
                    Conflict(
                        id=b.id,
                        doc=b.doc,
                        kind="deleted" if chosen.deleted else "edited",
                        remote=chosen,
                        draft=draft.text if draft else "",
                    )
                )
        store.save_many(to_save)
    return MergeReport(tuple(added), tuple(updated), unchanged, tuple(conflicts))
