"""Everything checked before a pack may touch the library: `open_pack` -> `VerifiedPack`.

Order: archive safety (names, types, limits), the signature over the exact manifest bytes
(before the manifest is even parsed), the manifest, then every file against it (present,
size, sha256, nothing extra), then every document (parses, id matches its file name).

Signature policy:
- no signature, or a signature by a key that is not trusted: SignatureError, unless
  `allow_unsigned` — then the pack is opened as *unverified*;
- a malformed signature file, or a signature by a trusted key that does not verify:
  always SignatureError (that is tampering, not a missing trust decision).

A prebuilt `index/` part is used only when the pack is verified (trusted key) and its
engine, schema and analyzer versions equal this kbclient's; otherwise its files are still
hash-checked (streamed, never written or opened) and the index is rebuilt locally.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from kbclient.core.documents import Document, parse_document
from kbclient.core.errors import DocumentError, PackError, SignatureError
from kbclient.core.packs import minisign
from kbclient.core.packs.archive import DEFAULT_LIMITS, Limits, SafeZip
from kbclient.core.packs.manifest import (
    MANIFEST_NAME,
    SIGNATURE_NAME,
    PackManifest,
    doc_id_of,
    parse_manifest,
)
from kbclient.core.packs.trust import TrustStore
from kbclient.core.progress import Progress, check_cancel, no_progress

if TYPE_CHECKING:
    from kbclient.core.library import PackSpec

logger = logging.getLogger(__name__)

Installed = Mapping[str, tuple[int, str]]  # doc id -> (version, sha256 of its bytes)


@dataclass(frozen=True)
class VerifyReport:
    """What `pack verify` prints and the GUI shows before an import."""

    pack: str
    title: str
    version: int
    base: int | None
    publisher: str
    created: str
    signed: bool
    key_id: str | None
    trusted: bool
    signature_valid: bool
    verified: bool
    signature_note: str
    files_checked: int
    documents: int
    assets: int
    index: str  # "used", "none", or "ignored: <why>"
    installed_version: int | None
    added: tuple[str, ...]
    changed: tuple[str, ...]
    removed: tuple[str, ...]
    unchanged: int
    bytes_needed: int

    def to_json(self) -> dict[str, Any]:
        return {
            "pack": self.pack,
            "title": self.title,
            "version": self.version,
            "base": self.base,
            "publisher": self.publisher,
            "created": self.created,
            "signed": self.signed,
            "key_id": self.key_id,
            "trusted": self.trusted,
            "signature_valid": self.signature_valid,
            "verified": self.verified,
            "signature_note": self.signature_note,
            "files_checked": self.files_checked,
            "documents": self.documents,
            "assets": self.assets,
            "index": self.index,
            "installed_version": self.installed_version,
            "added": list(self.added),
            "changed": list(self.changed),
            "removed": list(self.removed),
            "unchanged": self.unchanged,
            "bytes_needed": self.bytes_needed,
        }


@dataclass
class VerifiedPack:
    """A pack whose every byte has been checked; holds what `install_pack` needs.

    Close it (or use it as a context manager) to delete its index staging folder.
    """

    manifest: PackManifest
    signed: bool
    key_id: str | None
    trusted: bool
    signature_valid: bool
    signature_note: str
    docs: list[tuple[Document, bytes]]
    assets: dict[str, bytes]
    index_dir: Path | None
    index_note: str
    files_checked: int
    _staging: Path | None = field(default=None, repr=False)

    @property
    def verified(self) -> bool:
        return self.signature_valid and self.trusted

    @property
    def removed(self) -> tuple[str, ...]:
        return self.manifest.removed

    def spec(self) -> PackSpec:
        """The library's PackSpec for this pack."""
        from kbclient.core.library import PackSpec

        m = self.manifest
        return PackSpec(
            id=m.pack,
            title=m.title or m.pack,
            version=m.version,
            publisher=m.publisher,
            created=m.created,
            key_id=self.key_id if self.verified else None,
            verified=self.verified,
            base=m.base,
            manifest=m.raw.decode("utf-8"),
        )

    def report(
        self, installed: Installed | None = None, installed_version: int | None = None
    ) -> VerifyReport:
        """The verification report; `installed` is the installed version's documents."""
        m = self.manifest
        have = dict(installed or {})
        added: list[str] = []
        changed: list[str] = []
        unchanged = 0
        needed = 0
        for name, doc_id in ((n, doc_id_of(n)) for n in m.files if n.startswith("docs/")):
            entry = m.files[name]
            if doc_id not in have:
                added.append(doc_id)
                needed += entry.size
            elif have[doc_id][1] != entry.sha256:
                changed.append(doc_id)
                needed += entry.size
            else:
                unchanged += 1
        ids = set(m.doc_files())
        if m.is_delta:
            removed = sorted(d for d in m.removed if d in have)
            unchanged = len(set(have) - ids - set(removed))
        else:
            removed = sorted(set(have) - ids)
        needed += sum(e.size for n, e in m.files.items() if n.startswith("assets/"))
        if self.index_dir is not None:
            needed += sum(e.size for n, e in m.files.items() if n.startswith("index/"))
        return VerifyReport(
            pack=m.pack,
            title=m.title,
            version=m.version,
            base=m.base,
            publisher=m.publisher,
            created=m.created,
            signed=self.signed,
            key_id=self.key_id,
            trusted=self.trusted,
            signature_valid=self.signature_valid,
            verified=self.verified,
            signature_note=self.signature_note,
            files_checked=self.files_checked,
            documents=len(ids),
            assets=sum(1 for n in m.files if n.startswith("assets/")),
            index=self.index_note,
            installed_version=installed_version,
            added=tuple(sorted(added)),
            changed=tuple(sorted(changed)),
            removed=tuple(removed),
            unchanged=unchanged,
            bytes_needed=needed,
        )

    def close(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None
            self.index_dir = None

    def __enter__(self) -> VerifiedPack:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


@dataclass(frozen=True)
class _SigResult:
    signed: bool
    key_id: str | None
    trusted: bool
    valid: bool
    note: str


def check_signature(
    manifest_raw: bytes, sig_raw: bytes | None, trust: TrustStore, allow_unsigned: bool
) -> _SigResult:
    """Apply the signature policy (module docstring) to the raw manifest bytes."""
    if sig_raw is None:
        if not allow_unsigned:
            raise SignatureError(
                "pack is not signed (no manifest.json.minisig); "
                "import it only if you trust its source (--allow-unsigned)"
            )
        return _SigResult(False, None, False, False, "not signed")
    sig = minisign.Signature.from_text(sig_raw)
    key = trust.get(sig.key_id)
    if key is None:
        if not allow_unsigned:
            raise SignatureError(
                f"pack is signed by key {sig.key_id_hex}, which is not trusted "
                "(add the publisher's key with `kbclient trust add`)"
            )
        return _SigResult(True, sig.key_id_hex, False, False, "signed by an untrusted key")
    try:
        minisign.verify(manifest_raw, sig, key)
    except SignatureError as exc:
        raise SignatureError(f"bad signature: {exc}; the pack was modified or is forged") from None
    return _SigResult(True, key.key_id_hex, True, True, "good signature by a trusted key")


def _index_usable(manifest: PackManifest, verified: bool) -> tuple[bool, str]:
    meta = manifest.index
    if meta is None:
        return False, "none"
    if not verified:
        return False, "ignored: the pack is not verified by a trusted key (rebuilt locally)"
    try:
        from kbclient.core.packs.build import index_versions

        ours = index_versions()
    except ImportError:  # search engine unavailable
        return False, "ignored: no search engine to check it against (rebuilt locally)"
    theirs = {"engine": meta.engine, "schema": meta.schema, "analyzer": meta.analyzer}
    for key in ("engine", "schema", "analyzer"):
        if ours[key] != theirs[key]:
            return False, (
                f"ignored: built with {key} {theirs[key]!r}, this kbclient has "
                f"{ours[key]!r} (rebuilt locally)"
            )
    return True, "used"


def open_pack(
    path: Path,
    *,
    trust: TrustStore,
    allow_unsigned: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    staging: Path | None = None,
    progress: Progress = no_progress,
    cancel: threading.Event | None = None,
) -> VerifiedPack:
    """Check a pack file completely; nothing outside `staging` is written.

    `staging` is where a usable prebuilt index part is extracted (a fresh subfolder,
    removed by `VerifiedPack.close()` or on any failure); default: the system temp dir.
    """
    path = Path(path)
    work: Path | None = None
    try:
        with SafeZip(path, limits) as z:
            if MANIFEST_NAME not in z:
                raise PackError("not a pack: no manifest.json in the archive")
            manifest_raw = z.read(MANIFEST_NAME, max_size=limits.max_manifest)
            sig_raw = (
                z.read(SIGNATURE_NAME, max_size=minisign.MAX_SIG_FILE)
                if SIGNATURE_NAME in z
                else None
            )
            sig = check_signature(manifest_raw, sig_raw, trust, allow_unsigned)
            manifest = parse_manifest(manifest_raw, limits)

            names = set(z.names()) - {MANIFEST_NAME, SIGNATURE_NAME}
            extra = sorted(names - set(manifest.files))
            if extra:
                raise PackError(f"extra file {extra[0]!r} in the pack, not in the manifest")
            missing = sorted(set(manifest.files) - names)
            if missing:
                raise PackError(f"file {missing[0]!r} listed in the manifest is missing")
            for name in sorted(names):
                want = manifest.files[name].size
                if z.info(name).file_size != want:
                    raise PackError(
                        f"{name}: size mismatch: the manifest says {want} bytes, "
                        f"the archive holds {z.info(name).file_size}"
                    )

            use_index, index_note = _index_usable(manifest, sig.valid and sig.trusted)
            total = len(names)
            done = 0
            docs: list[tuple[Document, bytes]] = []
            doc_bytes: list[tuple[str, bytes]] = []
            assets: dict[str, bytes] = {}
            index_dir: Path | None = None
            if use_index:
                if staging is not None:
                    staging.mkdir(parents=True, exist_ok=True)
                work = Path(tempfile.mkdtemp(prefix="pack-", dir=staging))
                index_dir = work / "index"
            for name in sorted(names):
                check_cancel(cancel)
                entry = manifest.files[name]
                h = hashlib.sha256()
                if name.startswith("index/"):
                    if index_dir is not None:
                        dest = index_dir / name[len("index/") :]
                        size = z.extract(name, dest, h.update)
                    else:
                        size = z.stream(name, h.update)
                    data = None
                else:
                    data = z.read(name)
                    h.update(data)
                    size = len(data)
                if size != entry.size:
                    raise PackError(
                        f"{name}: size mismatch: the manifest says {entry.size} bytes, "
                        f"the file has {size}"
                    )
                if h.hexdigest() != entry.sha256:
                    raise PackError(f"{name}: sha256 does not match the manifest")
                if data is not None and name.startswith("docs/"):
                    doc_bytes.append((name, data))
                elif data is not None:
                    assets[name] = data
                done += 1
                progress(done, total)
        # parse only once every byte of the pack is known to be the publisher's
        for name, data in doc_bytes:
            check_cancel(cancel)
            docs.append((_parse_doc(name, data), data))
    except BaseException:
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
        raise
    logger.info(
        "opened pack %s v%s (%s, %d files)", manifest.pack, manifest.version, sig.note, total
    )
    return VerifiedPack(
        manifest=manifest,
        signed=sig.signed,
        key_id=sig.key_id,
        trusted=sig.trusted,
        signature_valid=sig.valid,
        signature_note=sig.note,
        docs=docs,
        assets=assets,
        index_dir=index_dir,
        index_note=index_note,
        files_checked=total,
        _staging=work,
    )


def _parse_doc(name: str, data: bytes) -> Document:
    try:
        doc = parse_document(data, name)
    except DocumentError as exc:
        raise PackError(f"bad document in pack: {exc}") from None
    except (ValueError, TypeError, RecursionError) as exc:  # parser slip on hostile input
        logger.warning("document parser failed on %s: %r", name, exc)
        raise PackError(f"bad document in pack: {name}: cannot be parsed") from None
    want = doc_id_of(name)
    if doc.id != want:
        raise PackError(f"{name}: document id {doc.id!r} does not match its file name")
    return doc
