"""Build (and sign) a content pack from a folder of Markdown documents.

Source layout: ``SRC/pack.json`` (optional: ``{"pack", "title", "version", "publisher"}``;
options given to `build_pack` override it), every ``*.md`` below SRC (except README.md,
hidden folders and ``assets/``) is a document, and ``SRC/assets/**`` are its assets.

Reproducible: the same source gives a byte-identical manifest and archive. Entries are
sorted, every entry has the fixed timestamp 1980-01-01 00:00 and mode 0644, and
``created`` is taken from ``SOURCE_DATE_EPOCH`` when set, else from the newest document
``updated`` date (as midnight UTC), else it is left empty — never from the clock or file
mtimes, which a checkout changes. The index part is the one exception: it is only as
reproducible as the search engine's segment files.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import unicodedata
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kbclient.core.documents import Document, parse_document
from kbclient.core.errors import DocumentError, PackError
from kbclient.core.packs import minisign
from kbclient.core.packs.archive import SafeZip
from kbclient.core.packs.manifest import (
    MANIFEST_NAME,
    PACK_ID_RE,
    SIGNATURE_NAME,
    FileEntry,
    IndexMeta,
    PackManifest,
    check_file_name,
    manifest_bytes,
    parse_manifest,
)
from kbclient.core.progress import Progress, check_cancel, no_progress

logger = logging.getLogger(__name__)

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
ZIP_MODE = 0o100644 << 16
ASSETS_DIR = "assets"


class PackBuildError(PackError):
    """The source folder has problems; `problems` lists every one (file and reason)."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        n = len(problems)
        super().__init__(
            f"{n} problem{'s' if n != 1 else ''} in the source, nothing written: {problems[0]}"
        )


@dataclass(frozen=True)
class BuildResult:
    """What `build_pack` wrote."""

    path: Path
    manifest: PackManifest
    signed_by: str | None  # key id
    documents: int
    delta_removed: tuple[str, ...] = ()
    with_index: bool = False


@dataclass(frozen=True)
class PackMeta:
    pack: str
    title: str
    version: int
    publisher: str


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def document_files(src: Path) -> list[Path]:
    """Every document file of a source folder, sorted."""
    out = []
    for path in sorted(src.rglob("*.md")):
        parts = path.relative_to(src).parts
        if parts[0] == ASSETS_DIR or any(p.startswith(".") for p in parts):
            continue
        if path.name.lower() == "readme.md" or not path.is_file():
            continue
        out.append(path)
    return out


def asset_files(src: Path) -> list[Path]:
    root = src / ASSETS_DIR
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def read_meta(
    src: Path,
    *,
    pack_id: str | None = None,
    title: str | None = None,
    version: int | None = None,
    publisher: str | None = None,
) -> PackMeta:
    """Pack metadata: src/pack.json, with any option given here taking precedence."""
    meta: dict[str, Any] = {}
    pj = src / "pack.json"
    if pj.is_file():
        try:
            meta = json.loads(pj.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise PackError(f"{pj}: cannot read pack metadata: {exc}") from None
        if not isinstance(meta, dict):
            raise PackError(f"{pj}: must be a JSON object")
    pid = pack_id if pack_id is not None else meta.get("pack")
    ver = version if version is not None else meta.get("version")
    if not isinstance(pid, str) or not PACK_ID_RE.match(pid):
        raise PackError(
            f"pack id {pid!r} missing or malformed (give --pack-id or pack.json; "
            "expected [a-z0-9][a-z0-9._-]{0,63})"
        )
    if type(ver) is not int or ver < 1:
        raise PackError(f"pack version {ver!r} missing or not a positive integer")
    t = title if title is not None else meta.get("title", pid)
    p = publisher if publisher is not None else meta.get("publisher", "")
    if not isinstance(t, str) or not isinstance(p, str):
        raise PackError("pack title and publisher must be strings")
    return PackMeta(pid, t, ver, p)


def validate_source(src: Path) -> tuple[list[tuple[Document, bytes, Path]], list[str]]:
    """Parse every document of `src`; returns (documents, problems) — all problems."""
    docs: list[tuple[Document, bytes, Path]] = []
    problems: list[str] = []
    seen: dict[str, Path] = {}
    for path in document_files(src):
        rel = _rel(path, src)
        try:
            raw = path.read_bytes()
            doc = parse_document(raw, rel)
        except DocumentError as exc:
            problems.append(str(exc))
            continue
        except OSError as exc:
            problems.append(f"{rel}: cannot read: {exc.strerror}")
            continue
        if doc.id in seen:
            problems.append(f"{rel}: id {doc.id!r} is also used by {_rel(seen[doc.id], src)}")
            continue
        seen[doc.id] = path
        docs.append((doc, raw, path))
    folded: dict[str, str] = {}
    for path in asset_files(src):
        name = _rel(path, src)
        try:
            check_file_name(name)
        except PackError as exc:
            problems.append(f"{name}: {exc}")
            continue
        key = unicodedata.normalize("NFC", name).casefold()
        if key in folded:  # one file on Windows and macOS: packs refuse such pairs
            problems.append(f"{name}: differs from {folded[key]} only in case")
        folded[key] = name
    if not docs and not problems:
        problems.append(f"{src}: no documents (*.md) found")
    return docs, problems


def created_stamp(docs: Iterable[Document]) -> str:
    """SOURCE_DATE_EPOCH, else the newest `updated` date, else ""."""
    sde = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if sde:
        try:
            ts = datetime.fromtimestamp(int(sde), UTC)
        except (ValueError, OverflowError, OSError):
            raise PackError(f"SOURCE_DATE_EPOCH={sde!r} is not a Unix timestamp") from None
        return ts.strftime("%Y-%m-%dT%H:%M:%SZ")
    dates = [d.updated for d in docs if len(d.updated) == 10]
    return f"{max(dates)}T00:00:00Z" if dates else ""


def _epoch(created: str) -> int:
    if not created:
        return 0
    return int(datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC).timestamp())


def read_base_manifest(path: Path) -> PackManifest:
    """The manifest of a full pack used as `--base` (the builder's own earlier output)."""
    with SafeZip(path) as z:
        if MANIFEST_NAME not in z:
            raise PackError(f"{path}: not a pack (no manifest.json)")
        man = parse_manifest(z.read(MANIFEST_NAME))
    if man.is_delta:
        raise PackError(f"{path}: the base must be a full pack, not a delta")
    return man


def build_index_part(
    pack_id: str,
    docs: list[Document],
    work: Path,
    *,
    progress: Progress = no_progress,
    cancel: threading.Event | None = None,
) -> tuple[dict[str, str], dict[str, Path]]:
    """Build the pack's prebuilt index part in `work`: (meta, {"index/<rel>": file path})."""
    from kbclient.core import search
    from kbclient.core.search.model import IndexDoc

    texts = {d.id: d.plain_text for d in docs}

    def lookup(ids: Sequence[str]) -> Mapping[str, str]:
        return {i: texts[i] for i in ids if i in texts}

    index = search.SearchIndex(work, lookup)
    part = index.build_part(
        pack_id,
        (
            IndexDoc(
                id=d.id,
                pack=pack_id,
                title=d.title,
                text=texts[d.id],
                kind=d.kind,
                lang=d.lang,
                tags=d.tags,
                org=d.org,
                status=d.status,
                updated=d.updated,
            )
            for d in docs
        ),
        total=len(docs),
        generation=1,
        progress=progress,
        cancel=cancel,
    )
    close = getattr(index, "close", None)
    if callable(close):
        close()
    part_dir = work / part
    files = {
        f"index/{_rel(p, part_dir)}": p
        for p in sorted(part_dir.rglob("*"))
        if p.is_file() and not p.name.endswith((".lock", "WRITELOCK"))  # engine lock files
    }
    if not files:
        raise PackError("the search engine wrote no index files")
    meta = index_versions()
    return meta, files


def index_versions() -> dict[str, str]:
    """engine / schema / analyzer of this build of kbclient, as recorded in manifests."""
    from kbclient.core import search

    return {
        "engine": str(search.ENGINE_VERSION),
        "schema": str(search.SCHEMA_VERSION),
        "analyzer": str(search.ANALYZER_VERSION),
    }


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = ZIP_MODE
    return info


def build_pack(
    src_dir: Path,
    out_file: Path,
    *,
    sign_key: minisign.SecretKey | None = None,
    base: Path | None = None,
    pack_id: str | None = None,
    title: str | None = None,
    version: int | None = None,
    publisher: str | None = None,
    with_index: bool = True,
    progress: Progress = no_progress,
    cancel: threading.Event | None = None,
) -> BuildResult:
    """Validate `src_dir` and write the pack `out_file` (atomically); nothing on error."""
    src_dir = Path(src_dir)
    if not src_dir.is_dir():
        raise PackError(f"{src_dir}: not a folder")
    meta = read_meta(src_dir, pack_id=pack_id, title=title, version=version, publisher=publisher)
    docs, problems = validate_source(src_dir)
    if problems:
        raise PackBuildError(problems)
    check_cancel(cancel)
    docs.sort(key=lambda t: t[0].id)
    created = created_stamp(d for d, _, _ in docs)

    contents: dict[str, bytes | Path] = {}
    files: dict[str, FileEntry] = {}
    for doc, raw, _ in docs:
        name = f"docs/{doc.id}.md"
        contents[name] = raw
        files[name] = FileEntry(_sha256(raw), len(raw))
    for path in asset_files(src_dir):
        name = _rel(path, src_dir)
        data = path.read_bytes()
        contents[name] = path
        files[name] = FileEntry(_sha256(data), len(data))

    removed: tuple[str, ...] = ()
    base_version: int | None = None
    if base is not None:
        old = read_base_manifest(Path(base))
        if old.pack != meta.pack:
            raise PackError(f"--base is pack {old.pack!r}, not {meta.pack!r}")
        if meta.version <= old.version:
            raise PackError(
                f"version {meta.version} must be greater than the base's version {old.version}"
            )
        base_version = old.version
        kept = {n: e for n, e in files.items() if old.files.get(n) != e}
        contents = {n: c for n, c in contents.items() if n in kept}
        files = kept
        new_ids = {d.id for d, _, _ in docs}
        removed = tuple(sorted(set(old.doc_files()) - new_ids))
        with_index = False  # a delta's documents are indexed on install

    try:
        out_file.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PackError(f"{out_file.parent}: cannot create the output folder: {exc}") from exc
    work = Path(tempfile.mkdtemp(prefix=".kbpack-build-", dir=out_file.parent.resolve()))
    try:
        index_meta = None
        if with_index:
            vers, index_files = build_index_part(
                meta.pack,
                [d for d, _, _ in docs],
                work / "index",
                progress=progress,
                cancel=cancel,
            )
            for name, path in index_files.items():
                h = hashlib.sha256()
                size = 0
                with open(path, "rb") as fh:
                    while chunk := fh.read(1 << 20):
                        h.update(chunk)
                        size += len(chunk)
                contents[name] = path
                files[name] = FileEntry(h.hexdigest(), size)
            index_meta = IndexMeta(
                vers["engine"], vers["schema"], vers["analyzer"], tuple(sorted(index_files))
            )
        check_cancel(cancel)
        manifest = PackManifest(
            pack=meta.pack,
            version=meta.version,
            title=meta.title,
            publisher=meta.publisher,
            created=created,
            base=base_version,
            files=MappingProxyType(dict(sorted(files.items()))),
            removed=removed,
            index=index_meta,
        )
        raw_manifest = manifest_bytes(manifest)
        manifest = parse_manifest(raw_manifest)  # what we write must be what we accept
        signature = None
        if sign_key is not None:
            comment = (
                f"timestamp:{_epoch(created)}\tfile:{MANIFEST_NAME}\thashed\t"
                f"pack:{meta.pack}\tversion:{meta.version}"
            )
            signature = minisign.sign(raw_manifest, sign_key, trusted_comment=comment)
        tmp = work / "out.kbpack"
        _write_zip(tmp, raw_manifest, signature, contents, progress, cancel)
        os.replace(tmp, out_file)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    logger.info("built pack %s version %s: %s", meta.pack, meta.version, out_file)
    return BuildResult(
        path=out_file,
        manifest=manifest,
        signed_by=sign_key.key_id_hex if sign_key else None,
        documents=sum(1 for n in files if n.startswith("docs/")),
        delta_removed=removed,
        with_index=index_meta is not None,
    )


def _write_zip(
    path: Path,
    manifest: bytes,
    signature: str | None,
    contents: dict[str, bytes | Path],
    progress: Progress,
    cancel: threading.Event | None,
) -> None:
    total = len(contents)
    with open(path, "xb") as fh:
        with zipfile.ZipFile(fh, "w", allowZip64=True) as zf:
            zf.writestr(_zip_info(MANIFEST_NAME), manifest, compresslevel=6)
            if signature is not None:
                zf.writestr(_zip_info(SIGNATURE_NAME), signature.encode("ascii"), compresslevel=6)
            for done, name in enumerate(sorted(contents), 1):
                check_cancel(cancel)
                item = contents[name]
                info = _zip_info(name)
                if isinstance(item, bytes):
                    zf.writestr(info, item, compresslevel=6)
                else:
                    info.file_size = item.stat().st_size
                    with open(item, "rb") as src, zf.open(info, "w", force_zip64=True) as dst:
                        shutil.copyfileobj(src, dst, 1 << 20)
                progress(done, total)
        fh.flush()
        os.fsync(fh.fileno())
