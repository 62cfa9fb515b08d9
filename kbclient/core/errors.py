"""Typed exceptions of the core.

The core never returns error dicts or user-facing prose in place of raising: callers (the
CLI and the GUI) map these types to messages in one place each. Every message must be safe
to show and to log: it never contains a secret or a document body.
"""

from __future__ import annotations


class KbError(Exception):
    """Base of every expected failure; its str() is a one-line message for the user."""


class DocumentError(KbError):
    """A document file is malformed: names the file, and the line and field where known."""

    def __init__(
        self, source: str, message: str, *, line: int | None = None, field: str | None = None
    ) -> None:
        self.source = source
        self.line = line
        self.field = field
        self.reason = message
        where = source if line is None else f"{source}:{line}"
        what = f"{field}: {message}" if field else message
        super().__init__(f"{where}: {what}")


class LibraryError(KbError):
    """The local library cannot be opened or changed (corrupt, locked, newer schema)."""


class DocumentNotFound(LibraryError):
    """No document with that id is in the library."""

    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        super().__init__(f"no document with id {doc_id!r} in the library")


class SearchIndexError(KbError):
    """The search index is missing, corrupt or built by another analyzer version."""


class QueryError(KbError):
    """A query cannot be searched at all (after the parser's best effort)."""


class PackError(KbError):
    """A content pack is malformed or hostile; nothing was written."""


class SignatureError(PackError):
    """A signature is missing, malformed, invalid, or made by an untrusted key."""


class AuthError(KbError):
    """The server refused the credentials (401) or the access (403)."""


class CredentialError(KbError):
    """The OS keyring cannot store or give back a secret."""


class SyncError(KbError):
    """A sync or publish failed; the library is unchanged and the next sync resumes."""


class AnnotationError(KbError):
    """An annotation is malformed or cannot be saved."""


class Cancelled(KbError):
    """The user cancelled a long operation; everything is as it was before it started."""

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)
