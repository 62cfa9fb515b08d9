"""Team sharing: one JSON Lines file per annotator on the WebDAV remote, merged by id.

Layout: ``annotations/<team>/<user>.jsonl`` — one annotation per line in its W3C JSON-LD
form (`export.to_jsonld`), tombstones included, sorted by id, UTF-8, ``\\n`` line ends:
the same annotations always give the same bytes, so an unchanged file is never uploaded.

`sync_annotations`:

1. list ``annotations/<team>/``; fetch each ``*.jsonl`` whose ETag changed since the last
   sync (If-None-Match). An ETag the remote marks unreliable (served in the second it was
   written: WsgiDAV derives ETags from mtime seconds and size) is not trusted: that file
   is fetched again on the next sync, and its content hash decides whether it changed.
2. parse: a teammate's file is read leniently — a bad line, or a line whose author is not
   the file's owner (each person writes only their own file), is skipped and reported; our
   own file strictly — we are about to overwrite it, so a line we cannot read stops the
   sync rather than being dropped.
3. merge everything into the store (`merge_into_store`: one transaction, drafts kept).
4. upload our own file (annotations whose author and team are ours) if its bytes differ
   from the remote's, with If-Match (If-None-Match: * when it does not exist yet). A 412
   means another machine of ours wrote it: fetch it, merge, rebuild, retry (bounded).
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from kbclient.core.annotations.export import from_jsonld, to_jsonld
from kbclient.core.annotations.merge import Conflict, merge_into_store, winner
from kbclient.core.annotations.model import Annotation
from kbclient.core.annotations.store import AnnotationStore
from kbclient.core.errors import AnnotationError, SyncError
from kbclient.core.sync.remote import PreconditionFailed, RemoteEntry, RemoteFile, RemoteNotFound

logger = logging.getLogger(__name__)

ROOT = "annotations"
MAX_FILE_BYTES = 64 * 1024 * 1024
MAX_LINE_BYTES = 1024 * 1024
MAX_ATTEMPTS = 5
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,127}")


class AnnotationRemote(Protocol):
    """The part of `kbclient.core.sync.remote.Remote` that sharing needs."""

    def list(self, path: str = "") -> list[RemoteEntry]: ...

    def get(self, path: str, etag: str | None = None) -> RemoteFile | None: ...

    def put(
        self, path: str, data: bytes, *, if_match: str | None = None, if_none_match: bool = False
    ) -> str | None: ...

    def mkcol(self, path: str) -> None: ...

    def exists(self, path: str) -> bool: ...


def check_name(value: str, what: str) -> str:
    """A team or user name that is safe as one path segment of the remote."""
    if not isinstance(value, str) or not _NAME.fullmatch(value) or value.endswith(".jsonl"):
        raise AnnotationError(
            f"the {what} name {str(value)[:40]!r} cannot name a sharing file: use letters, "
            "digits, '.', '_', '@' or '-'"
        )
    return value


def team_folder(team: str) -> str:
    return f"{ROOT}/{check_name(team, 'team')}"


def user_file(team: str, user: str) -> str:
    return f"{team_folder(team)}/{check_name(user, 'user')}.jsonl"


# -- the file format --------------------------------------------------------------------------
def serialize_user_file(annotations: Iterable[Annotation]) -> bytes:
    """One JSON-LD annotation per line, sorted by id: deterministic bytes."""
    lines = [
        json.dumps(to_jsonld(a), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        for a in sorted(annotations, key=lambda a: a.id)
    ]
    return "".join(line + "\n" for line in lines).encode("utf-8")


def parse_user_file(
    data: bytes,
    source: str,
    *,
    owner: str | None = None,
    problems: list[str] | None = None,
) -> list[Annotation]:
    """The annotations of one sharing file.

    With `problems` (a list), a bad line is skipped and described there ("SOURCE:LINE:
    reason"); without it, the first bad line raises AnnotationError with that description.
    With `owner`, a line whose author is someone else counts as bad. A file over the size
    limit, or not UTF-8, is always an error. A repeated id keeps the merge's winner.
    """
    if len(data) > MAX_FILE_BYTES:
        raise AnnotationError(f"{source}: larger than {MAX_FILE_BYTES // 2**20} MiB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise AnnotationError(f"{source}: not UTF-8 text ({exc.reason})") from None
    found: dict[str, Annotation] = {}
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            if len(line) > MAX_LINE_BYTES:
                raise AnnotationError("line too long")
            try:
                obj: Any = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as exc:
                raise AnnotationError(f"not JSON ({getattr(exc, 'msg', exc)})") from None
            a = from_jsonld(obj)
            if owner is not None and a.author != owner:
                raise AnnotationError(f"written by {a.author!r} into {owner!r}'s file")
        except AnnotationError as exc:
            message = f"{source}:{n}: {exc}"
            if problems is None:
                raise AnnotationError(message) from None
            problems.append(message)
            logger.warning("skipping a line of a sharing file: %s", message)
            continue
        found[a.id] = winner(found[a.id], a) if a.id in found else a
    return list(found.values())


# -- sync state: what we last saw of each remote file ---------------------------------------
@dataclass
class FileState:
    etag: str | None
    sha256: str
    trusted: bool  # the ETag may be used for If-None-Match / skipping


class SyncState:
    """ETags and content hashes of the remote's annotation files, kept in the store's meta."""

    def __init__(self, store: AnnotationStore, remote_key: str = "default") -> None:
        self.store = store
        self.prefix = f"sync:{remote_key}:"

    def get(self, path: str) -> FileState | None:
        raw = self.store.get_meta(self.prefix + path)
        if raw is None:
            return None
        data = json.loads(raw)
        return FileState(data.get("etag"), data["sha256"], bool(data.get("trusted")))

    def set(self, path: str, state: FileState) -> None:
        self.store.set_meta(
            self.prefix + path,
            json.dumps({"etag": state.etag, "sha256": state.sha256, "trusted": state.trusted}),
        )


@dataclass(frozen=True)
class AnnotationSyncReport:
    """What one annotation sync did."""

    fetched: tuple[str, ...]
    merged: int
    uploaded: bool
    attempts: int
    conflicts: tuple[Conflict, ...] = ()
    problems: tuple[str, ...] = ()
    seconds: float = 0.0


@dataclass
class _Run:
    fetched: list[str] = field(default_factory=list)
    merged: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sync_annotations(
    remote: AnnotationRemote,
    store: AnnotationStore,
    *,
    team: str,
    user: str,
    state: SyncState | None = None,
    max_attempts: int = MAX_ATTEMPTS,
) -> AnnotationSyncReport:
    """Fetch teammates' files, merge, upload our own; see the module docstring."""
    started = time.monotonic()
    state = state or SyncState(store)
    folder = team_folder(team)
    own_path = user_file(team, user)
    run = _Run()
    try:
        entries = [e for e in remote.list(folder) if not e.is_dir]
    except SyncError:  # RemoteNotFound, or a folder remote's "not found"
        if remote.exists(folder):
            raise
        entries = []
        _make_folders(remote, folder)
    own_exists = False
    for entry in entries:
        name = entry.name.rsplit("/", 1)[-1]
        if not name.endswith(".jsonl") or not _NAME.fullmatch(name.removesuffix(".jsonl")):
            continue
        path = f"{folder}/{name}"
        owner = name.removesuffix(".jsonl")
        if path == own_path:
            own_exists = True
        _fetch_and_merge(remote, store, state, path, owner, entry.etag, run, own=path == own_path)

    attempts = 0
    uploaded = False
    while True:
        attempts += 1
        mine = [a for a in store.by_author(user, include_deleted=True) if a.team == team]
        data = serialize_user_file(mine)
        known = state.get(own_path)
        if own_exists and known is not None and known.sha256 == _sha(data):
            break  # the remote already holds exactly this
        if not own_exists and not mine:
            break
        try:
            if own_exists:
                etag = remote.put(own_path, data, if_match=known.etag if known else None)
            else:
                etag = remote.put(own_path, data, if_none_match=True)
        except PreconditionFailed:
            if attempts >= max_attempts:
                raise SyncError(
                    f"{own_path}: changed by another machine during each of {attempts} "
                    "attempts; try the sync again"
                ) from None
            logger.info("%s changed meanwhile (412): fetching, merging, retrying", own_path)
            own_exists = True
            _fetch_and_merge(remote, store, state, own_path, user, None, run, own=True)
            continue
        state.set(own_path, FileState(etag, _sha(data), trusted=False))
        uploaded = True
        break
    return AnnotationSyncReport(
        fetched=tuple(run.fetched),
        merged=run.merged,
        uploaded=uploaded,
        attempts=attempts,
        conflicts=tuple(run.conflicts),
        problems=tuple(run.problems),
        seconds=time.monotonic() - started,
    )


def _make_folders(remote: AnnotationRemote, folder: str) -> None:
    parts = folder.split("/")
    for i in range(1, len(parts) + 1):
        remote.mkcol("/".join(parts[:i]))


def _fetch_and_merge(
    remote: AnnotationRemote,
    store: AnnotationStore,
    state: SyncState,
    path: str,
    owner: str,
    listed_etag: str | None,
    run: _Run,
    *,
    own: bool,
) -> None:
    known = state.get(path)
    if known is not None and known.trusted and listed_etag and listed_etag == known.etag:
        return
    conditional = known.etag if known is not None and known.trusted else None
    try:
        got = remote.get(path, etag=conditional)
    except RemoteNotFound:
        return
    if got is None:
        return
    digest = _sha(got.data)
    trusted = bool(got.etag) and got.etag_reliable
    if known is not None and known.sha256 == digest:
        state.set(path, FileState(got.etag, digest, trusted))
        return
    run.fetched.append(path)
    if own:
        items = parse_user_file(got.data, path, owner=owner)
    else:
        items = parse_user_file(got.data, path, owner=owner, problems=run.problems)
    report = merge_into_store(store, items)
    run.merged += len(report.added) + len(report.updated)
    run.conflicts.extend(report.conflicts)
    state.set(path, FileState(got.etag, digest, trusted))
