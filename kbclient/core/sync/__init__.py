"""Sync with the platform's server: remotes (HTTP(S), WebDAV, file://), catalog, engine, publish."""

from kbclient.core.sync.catalog import Catalog, CatalogDelta, CatalogEntry
from kbclient.core.sync.engine import SyncEngine, SyncReport
from kbclient.core.sync.publish import PublishReport, publish
from kbclient.core.sync.remote import (
    PreconditionFailed,
    Remote,
    RemoteEntry,
    RemoteFile,
    open_remote,
)

__all__ = [
    "Catalog",
    "CatalogDelta",
    "CatalogEntry",
    "PreconditionFailed",
    "PublishReport",
    "Remote",
    "RemoteEntry",
    "RemoteFile",
    "SyncEngine",
    "SyncReport",
    "open_remote",
    "publish",
]
