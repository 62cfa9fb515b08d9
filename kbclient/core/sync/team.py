"""Sharing the team's annotations over the remote, after the packs: one function for the
CLI and the app alike.

Annotations need a team and a user in the account settings. A remote that cannot be
written (a plain file server) or refuses us does not fail the sync — the packs are
installed by then — so the outcome carries the error instead of raising it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kbclient.core.annotations.share import AnnotationRemote, AnnotationSyncReport, sync_annotations
from kbclient.core.annotations.store import AnnotationStore
from kbclient.core.errors import Cancelled, KbError


@dataclass(frozen=True)
class TeamNotesOutcome:
    """What sharing annotations did: a report, or the one-line reason it could not."""

    report: AnnotationSyncReport | None = None
    error: str | None = None


def share_team_annotations(
    remote: AnnotationRemote, data_dir: Path, *, team: str, user: str
) -> TeamNotesOutcome | None:
    """Fetch teammates' annotation files, merge, upload our own; None when not set up."""
    if not team or not user:
        return None
    store = AnnotationStore.open(data_dir)
    try:
        return TeamNotesOutcome(report=sync_annotations(remote, store, team=team, user=user))
    except Cancelled:
        raise
    except KbError as exc:
        return TeamNotesOutcome(error=str(exc))
    finally:
        store.close()
