"""A safe, size-limited ZIP reader for content packs; it never trusts the archive's headers.

`zipfile` parses the central directory; the entry data is read here, from the local
header on, and decompressed in bounded steps while counting the bytes actually produced,
so the per-file, total and compression-ratio limits hold even when the headers lie.

Refused (PackError naming the entry and the reason):
- names that are empty, absolute, with a drive letter or any ``:``, a backslash, a NUL,
  a control or format character, an empty, ``.`` or ``..`` component, a component ending
  in a dot or a space, or longer than the limit;
- symlinks and any other non-regular file type (from the Unix mode in external_attr);
- duplicate names, also after Unicode NFC normalisation and case-folding: two entries that
  would be one file on Windows or macOS are refused rather than silently merged;
- a name that is both a file and a folder of another entry (``docs`` and ``docs/a.md``);
- compression other than stored (0) or deflate (8); encrypted entries;
- entries whose data overlaps another entry or the central directory (overlap zip bombs),
  local headers that disagree with the central directory, bad CRCs, truncation;
- more entries, more bytes in all, more bytes in one file, or a higher compression ratio
  than `Limits` allows.
"""

from __future__ import annotations

import logging
import os
import stat
import struct
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from kbclient.core.errors import PackError

logger = logging.getLogger(__name__)

_LOCAL_HEADER = struct.Struct("<4s5H3I2H")
_LOCAL_SIG = b"PK\x03\x04"
_CHUNK = 64 * 1024
_MAX_OUT_STEP = 256 * 1024


@dataclass(frozen=True)
class Limits:
    """What a pack may hold; every size is in bytes."""

    max_entries: int = 200_000
    max_total: int = 2 << 30  # all entries, decompressed
    max_file: int = 64 << 20  # one entry, decompressed
    max_index_file: int = 1 << 30  # one entry under index/ (Whoosh segments can be large)
    max_ratio: int = 200  # decompressed : compressed ...
    ratio_floor: int = 1 << 20  # ... checked once an entry has produced this much
    max_name: int = 512  # characters in an entry name
    max_manifest: int = 16 << 20
    max_manifest_depth: int = 32

    def file_limit(self, name: str) -> int:
        return self.max_index_file if name.startswith("index/") else self.max_file


DEFAULT_LIMITS = Limits()


def _name_problem(name: str, max_len: int) -> str | None:
    if not name:
        return "empty name"
    if len(name) > max_len:
        return f"name longer than {max_len} characters"
    if "\0" in name:
        return "NUL character in name"
    for ch in name:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            return f"control character U+{ord(ch):04X} in name"
    if "\\" in name:
        return "backslash in name"
    if len(name) >= 2 and name[1] == ":" and name[0].isascii() and name[0].isalpha():
        return "drive letter in name"
    if ":" in name:
        return "colon in name"
    if name.startswith("/"):
        return "absolute path"
    for part in name.split("/"):
        if part == "..":
            return "'..' in path"
        if part in ("", "."):
            return "path is not normalised (empty or '.' component)"
        if part[-1] in ". ":
            return "path component ends with a dot or a space"
    return None


def check_entry_name(name: str, max_len: int = DEFAULT_LIMITS.max_name) -> None:
    """Raise PackError unless `name` is a safe, normalised, relative POSIX path."""
    problem = _name_problem(name, max_len)
    if problem:
        raise PackError(f"unsafe entry name {name!r}: {problem}")


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


class SafeZip:
    """An opened, checked pack archive. Read entries with `read()` or `extract()`.

    Opening checks every name and attribute in the central directory; reading enforces
    the size limits on the bytes actually decompressed (the running total is kept across
    all reads of this object).
    """

    def __init__(self, path: Path, limits: Limits = DEFAULT_LIMITS) -> None:
        self.path = path
        self.limits = limits
        self._total = 0
        try:
            self._fh = open(path, "rb")  # closed in close()
        except OSError as exc:
            raise PackError(f"{path}: cannot open: {exc.strerror}") from None
        try:
            self._size = os.fstat(self._fh.fileno()).st_size
            self._precheck_entry_count()
            try:
                zf = zipfile.ZipFile(self._fh)
            except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError) as exc:
                raise PackError(f"not a ZIP archive, or truncated or corrupt ({exc})") from None
            except (OSError, struct.error, UnicodeDecodeError, NotImplementedError) as exc:
                raise PackError(f"corrupt archive ({exc})") from None
            self._entries, self._bounds = self._check(zf)
        except BaseException:
            self._fh.close()
            raise

    # -- context manager ---------------------------------------------------------------
    def __enter__(self) -> SafeZip:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._fh.close()

    # -- checks on open ------------------------------------------------------------------
    def _precheck_entry_count(self) -> None:
        """Refuse a central directory claiming too many entries before parsing it."""
        end_rec = getattr(zipfile, "_EndRecData", None)
        if end_rec is None:  # pragma: no cover - private API moved
            return
        try:
            rec = end_rec(self._fh)
        except (OSError, struct.error, ValueError):
            rec = None
        if not rec:
            raise PackError("not a ZIP archive, or truncated (no end of central directory)")
        if rec[4] > self.limits.max_entries:
            raise PackError(
                f"archive has {rec[4]} entries, more than the limit of {self.limits.max_entries}"
            )

    def _check(self, zf: zipfile.ZipFile) -> tuple[dict[str, zipfile.ZipInfo], dict[str, int]]:
        infos = zf.infolist()
        lim = self.limits
        if len(infos) > lim.max_entries:
            raise PackError(
                f"archive has {len(infos)} entries, more than the limit of {lim.max_entries}"
            )
        files: dict[str, zipfile.ZipInfo] = {}
        seen: dict[str, str] = {}
        dirs: set[str] = set()
        claimed = 0
        for info in infos:
            raw = info.orig_filename
            is_dir = raw.endswith("/")
            name = raw[:-1] if is_dir else raw
            check_entry_name(name, lim.max_name)
            key = _fold(name)
            if key in seen:
                what = "duplicate entry" if seen[key] == name else "duplicate entry (case)"
                raise PackError(f"{what} {name!r} in archive")
            seen[key] = name
            mode = info.external_attr >> 16
            ftype = stat.S_IFMT(mode)
            if ftype == stat.S_IFLNK:
                raise PackError(f"symlink entry {name!r} in archive")
            if ftype not in (0, stat.S_IFREG, stat.S_IFDIR):
                raise PackError(f"entry {name!r} is not a regular file")
            if info.flag_bits & 0x1:
                raise PackError(f"entry {name!r} is encrypted")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise PackError(
                    f"entry {name!r} uses compression method {info.compress_type} "
                    "(only stored and deflate are allowed)"
                )
            if is_dir or ftype == stat.S_IFDIR:
                if not is_dir or info.file_size:
                    raise PackError(f"entry {name!r} is a folder and a file")
                dirs.add(key)
                continue
            limit = lim.file_limit(name)
            if info.file_size > limit:
                raise PackError(
                    f"entry {name!r} is {info.file_size} bytes, over the per-file limit of {limit}"
                )
            claimed += info.file_size
            if claimed > lim.max_total:
                raise PackError(f"archive expands to more than the limit of {lim.max_total} bytes")
            files[name] = info
        folded_files = {_fold(n) for n in files}
        for name in files:
            parts = _fold(name).split("/")
            for i in range(1, len(parts)):
                parent = "/".join(parts[:i])
                if parent in folded_files:
                    raise PackError(f"entry {parent!r} is both a file and a folder")
        # every entry's data must end before the next entry (or the central directory)
        end_of_data = min(getattr(zf, "start_dir", self._size), self._size)
        offsets = sorted(i.header_offset for i in infos)
        if len(set(offsets)) != len(offsets):
            raise PackError("two archive entries share their data (overlapping entries)")
        if offsets and (offsets[0] < 0 or offsets[-1] >= end_of_data):
            raise PackError("archive entry outside the archive (corrupt or truncated)")
        nxt = {
            off: (offsets[k + 1] if k + 1 < len(offsets) else end_of_data)
            for k, off in enumerate(offsets)
        }
        bounds = {name: nxt[info.header_offset] for name, info in files.items()}
        return files, bounds

    # -- reading ---------------------------------------------------------------------------
    def names(self) -> list[str]:
        """Every file entry (folders left out), sorted."""
        return sorted(self._entries)

    def info(self, name: str) -> zipfile.ZipInfo:
        return self._entries[name]

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    @property
    def total_read(self) -> int:
        return self._total

    def _raw_chunks(self, name: str, info: zipfile.ZipInfo) -> Iterator[bytes]:
        fh = self._fh
        fh.seek(info.header_offset)
        header = fh.read(_LOCAL_HEADER.size)
        if len(header) != _LOCAL_HEADER.size:
            raise PackError(f"{name}: archive is truncated")
        sig, _ver, flags, method, _t, _d, _crc, _cs, _us, nlen, elen = _LOCAL_HEADER.unpack(header)
        if sig != _LOCAL_SIG:
            raise PackError(f"{name}: bad local header (corrupt archive)")
        raw_name = fh.read(nlen)
        try:
            local_name = raw_name.decode("utf-8" if flags & 0x800 else "cp437")
        except UnicodeDecodeError:
            local_name = None
        if local_name != info.orig_filename or method != info.compress_type or flags & 0x1:
            raise PackError(f"{name}: local header disagrees with the central directory")
        start = info.header_offset + _LOCAL_HEADER.size + nlen + elen
        if start + info.compress_size > self._bounds[name]:
            raise PackError(f"{name}: entry data overlaps other data (corrupt or hostile archive)")
        fh.seek(start)
        left = info.compress_size
        if info.compress_type == zipfile.ZIP_STORED:
            while left > 0:
                chunk = fh.read(min(_CHUNK, left))
                if not chunk:
                    raise PackError(f"{name}: archive is truncated")
                left -= len(chunk)
                yield chunk
            return
        d = zlib.decompressobj(-15)
        try:
            while left > 0 and not d.eof:
                chunk = fh.read(min(_CHUNK, left))
                if not chunk:
                    raise PackError(f"{name}: archive is truncated")
                left -= len(chunk)
                data = d.decompress(chunk, _MAX_OUT_STEP)
                if data:
                    yield data
                while d.unconsumed_tail and not d.eof:
                    data = d.decompress(d.unconsumed_tail, _MAX_OUT_STEP)
                    if data:
                        yield data
        except zlib.error as exc:
            raise PackError(f"{name}: corrupt compressed data ({exc})") from None
        if not d.eof:
            raise PackError(f"{name}: compressed data is truncated")

    def _stream(
        self, name: str, sink: Callable[[bytes], object], max_size: int | None = None
    ) -> int:
        try:
            info = self._entries[name]
        except KeyError:
            raise PackError(f"{name}: no such entry in the archive") from None
        lim = self.limits
        limit = lim.file_limit(name) if max_size is None else max_size
        if info.file_size > limit:
            raise PackError(f"{name} is {info.file_size} bytes, more than the limit of {limit}")
        out = 0
        crc = 0
        for chunk in self._raw_chunks(name, info):
            out += len(chunk)
            self._total += len(chunk)
            if out > limit:
                raise PackError(
                    f"{name}: expands beyond the per-file limit of {limit} bytes (zip bomb?)"
                )
            if self._total > lim.max_total:
                raise PackError(
                    f"archive expands beyond the total limit of {lim.max_total} bytes (zip bomb?)"
                )
            if out > lim.ratio_floor and out > lim.max_ratio * max(info.compress_size, 1):
                raise PackError(f"{name}: compression ratio above {lim.max_ratio}:1 (zip bomb?)")
            crc = zlib.crc32(chunk, crc)
            sink(chunk)
        if out != info.file_size:
            raise PackError(
                f"{name}: holds {out} bytes but its archive header says {info.file_size}"
            )
        if crc != info.CRC:
            raise PackError(f"{name}: CRC mismatch (corrupt archive)")
        return out

    def read(self, name: str, max_size: int | None = None) -> bytes:
        """The whole entry, decompressed under the limits (and under `max_size`)."""
        parts: list[bytes] = []
        self._stream(name, parts.append, max_size)
        return b"".join(parts)

    def stream(self, name: str, sink: Callable[[bytes], object]) -> int:
        """Feed the entry's bytes to `sink` chunk by chunk; returns its size."""
        return self._stream(name, sink)

    def extract(
        self, name: str, dest: Path, hasher: Callable[[bytes], object] | None = None
    ) -> int:
        """Stream the entry into a new file `dest` (must not exist); returns its size."""
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(dest, "xb") as fh:

                def sink(chunk: bytes) -> None:
                    fh.write(chunk)
                    if hasher is not None:
                        hasher(chunk)

                return self._stream(name, sink)
        except BaseException:
            dest.unlink(missing_ok=True)
            raise
