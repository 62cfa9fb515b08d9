"""Remotes: an HTTP(S)/WebDAV server or a `file://` folder, behind one small interface.

Every remote speaks paths relative to its base (``catalog.json``, ``packs/x-3.kbpack``).
HTTP rules: TLS verification is always on (plus an optional extra CA bundle), proxy
environment variables are honoured, timeouts are bounded, idempotent requests are retried
with back-off (honouring ``Retry-After``) a bounded number of times within a bounded total
time. A password is never sent over plain ``http://`` except to a loopback address, and a
URL never carries user info, so no exception text or log line can contain a secret.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import shutil
import ssl
import tempfile
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, Any

import httpx

from kbclient.core.config import may_send_password
from kbclient.core.errors import AuthError, Cancelled, SyncError
from kbclient.core.progress import Progress, no_progress

logger = logging.getLogger(__name__)

CHUNK = 256 * 1024
Opener = Callable[[Path, str], IO[bytes]]


def default_opener(path: Path, mode: str) -> IO[bytes]:
    """How downloads open their partial file; tests pass a writer that fills the disk."""
    return open(path, mode)


class PreconditionFailed(SyncError):
    """A conditional write or move was refused (412): someone else changed the file."""


class RemoteNotFound(SyncError):
    """The remote has no file at that path (404)."""


@dataclass(frozen=True)
class RemoteFile:
    """A small file fetched whole (the catalog and its signature)."""

    data: bytes
    etag: str | None
    # False when the server's ETag cannot be relied on for this copy (it was served in the
    # same second it was written, and servers such as WsgiDAV derive ETags from mtime
    # seconds and size): the caller should not use it for If-None-Match.
    etag_reliable: bool = True


@dataclass(frozen=True)
class RemoteEntry:
    """One child of a remote folder (PROPFIND Depth 1)."""

    name: str
    etag: str | None
    size: int | None
    is_dir: bool = False


def _partial_paths(dest: Path) -> tuple[Path, Path]:
    return dest.with_name(dest.name + ".part"), dest.with_name(dest.name + ".part.etag")


def _hash_file(path: Path, h: Any) -> int:
    n = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
            n += len(chunk)
    return n


def _disk_full(exc: OSError) -> bool:
    return exc.errno in (errno.ENOSPC, errno.EDQUOT)


class Remote:
    """What the sync engine and publish need from a server; counters for the reports."""

    url: str  # display form: never carries user info

    def __init__(self) -> None:
        self.requests = 0
        self.bytes_received = 0
        self.bytes_sent = 0
        self._lock = threading.Lock()

    def _count(self, received: int = 0, sent: int = 0, requests: int = 0) -> None:
        with self._lock:
            self.requests += requests
            self.bytes_received += received
            self.bytes_sent += sent

    # -- the interface -----------------------------------------------------------------
    def get(self, path: str, etag: str | None = None) -> RemoteFile | None:
        """The whole file; None when `etag` still matches (304). SyncError if missing."""
        raise NotImplementedError

    def exists(self, path: str) -> bool:
        raise NotImplementedError

    def download(
        self,
        path: str,
        dest: Path,
        *,
        size: int,
        sha256: str,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
        opener: Opener = default_opener,
    ) -> int:
        """Fetch `path` to `dest`, resuming ``dest.part``; returns the bytes transferred.

        The result is checked against `size` and `sha256` before it is renamed to `dest`;
        a mismatch deletes the partial file and raises SyncError. Any other failure keeps
        the partial file (truncated to what is known to be written) for the next sync.
        """
        part, tagfile = _partial_paths(dest)
        dest.parent.mkdir(parents=True, exist_ok=True)
        resumed = part.exists() and part.stat().st_size > 0
        transferred = self._fetch_to(path, part, tagfile, size, progress, cancel, opener)
        try:
            self._verify(path, part, tagfile, size, sha256)
        except SyncError:
            if not resumed:
                raise
            # The start came from an earlier attempt: the file may have changed under an
            # ETag that did not (mtime-second ETags). Fetch it once more from scratch.
            logger.info("resumed download of %s failed verification; fetching it whole", path)
            transferred += self._fetch_to(path, part, tagfile, size, progress, cancel, opener)
            self._verify(path, part, tagfile, size, sha256)
        os.replace(part, dest)
        tagfile.unlink(missing_ok=True)
        return transferred

    def _verify(self, path: str, part: Path, tagfile: Path, size: int, sha256: str) -> None:
        h = hashlib.sha256()
        have = _hash_file(part, h) if part.exists() else 0
        problem = None
        if have != size:
            problem = f"{have} bytes instead of the {size} the catalog lists"
        elif h.hexdigest() != sha256.lower():
            problem = "its sha256 does not match the catalog"
        if problem:
            part.unlink(missing_ok=True)
            tagfile.unlink(missing_ok=True)
            raise SyncError(
                f"{path} from {self.url}: {problem}; the download was discarded, sync again"
            )

    def _fetch_to(
        self,
        path: str,
        part: Path,
        tagfile: Path,
        size: int,
        progress: Progress,
        cancel: threading.Event | None,
        opener: Opener,
    ) -> int:
        raise NotImplementedError

    def put(
        self, path: str, data: bytes, *, if_match: str | None = None, if_none_match: bool = False
    ) -> str | None:
        """Write a file; returns its new ETag if the server tells. 412 → PreconditionFailed."""
        raise NotImplementedError

    def put_file(self, path: str, source: Path) -> None:
        """Upload a (large) local file unconditionally."""
        raise NotImplementedError

    def move(self, src: str, dst: str, *, overwrite: bool = False) -> None:
        raise NotImplementedError

    def delete(self, path: str, *, if_match: str | None = None) -> None:
        raise NotImplementedError

    def mkcol(self, path: str) -> None:
        """Create a folder; nothing if it exists."""
        raise NotImplementedError

    def list(self, path: str = "") -> list[RemoteEntry]:
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self) -> Remote:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _write_chunks(
    fh: IO[bytes],
    chunks: Iterator[bytes],
    written: list[int],
    size: int,
    what: str,
    progress: Progress,
    cancel: threading.Event | None,
) -> None:
    for chunk in chunks:
        if cancel is not None and cancel.is_set():
            raise Cancelled()
        if written[0] + len(chunk) > size:
            raise SyncError(f"{what}: the server sent more than the {size} bytes listed")
        fh.write(chunk)
        written[0] += len(chunk)
        progress(written[0], size)


def _write_partial(
    part: Path,
    start: int,
    chunks: Iterator[bytes],
    size: int,
    what: str,
    progress: Progress,
    cancel: threading.Event | None,
    opener: Opener,
) -> int:
    """Append `chunks` to `part` from offset `start`; returns bytes written.

    On any failure the file is cut back to the last byte known to be on disk, so that the
    next sync resumes from a sound prefix.
    """
    written = [start]
    try:
        with opener(part, "r+b" if start else "wb") as fh:
            if start:
                fh.seek(start)
                fh.truncate()
            try:
                _write_chunks(fh, chunks, written, size, what, progress, cancel)
                fh.flush()
            except BaseException:
                with contextlib.suppress(OSError, ValueError):
                    fh.flush()
                raise
    except OSError as exc:
        _truncate(part, written[0])
        if _disk_full(exc):
            raise SyncError(
                f"the disk is full: {what} stopped after {written[0]} of {size} bytes; "
                "free some space and sync again (the download resumes)"
            ) from None
        raise SyncError(f"cannot write {part}: {exc.strerror or exc}") from None
    except BaseException:
        _truncate(part, written[0])
        raise
    return written[0] - start


def _truncate(part: Path, length: int) -> None:
    with contextlib.suppress(OSError):
        if part.exists() and part.stat().st_size > length:
            os.truncate(part, length)


# -- HTTP(S) and WebDAV ------------------------------------------------------------------

RETRY_STATUS = frozenset({429, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries: at most `attempts` tries within `total` seconds."""

    attempts: int = 4
    backoff: float = 0.5  # first wait; doubles each time
    max_wait: float = 15.0  # a longer Retry-After gives up at once
    total: float = 30.0


def _retry_after(resp: httpx.Response) -> float | None:
    value = resp.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
        return max(0.0, when.timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _etag_reliable(resp: httpx.Response) -> bool:
    """False if the file was served within a second of its modification (see RemoteFile)."""
    lm, date = resp.headers.get("Last-Modified"), resp.headers.get("Date")
    if not lm or not date:
        return True
    try:
        return parsedate_to_datetime(date).timestamp() - parsedate_to_datetime(lm).timestamp() >= 2
    except (TypeError, ValueError):
        return False


class HttpRemote(Remote):
    def __init__(
        self,
        url: str,
        *,
        auth: tuple[str, str] | None = None,
        ca_bundle: Path | None = None,
        timeout: float = 30.0,
        retry: RetryPolicy | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__()
        parts = urllib.parse.urlsplit(url)
        if parts.username is not None or parts.password is not None:
            raise SyncError("put the user name in the settings or --user, not in the URL")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SyncError(f"not an http(s) URL: {url}")
        if auth is not None and not may_send_password(url):
            raise SyncError(
                f"refusing to send a password over plain http:// to {parts.hostname}: "
                "use an https:// address"
            )
        base_path = parts.path if parts.path.endswith("/") else parts.path + "/"
        self.url = urllib.parse.urlunsplit((parts.scheme, parts.netloc, base_path, "", ""))
        self.host = parts.hostname
        self.retry = retry or RetryPolicy()
        verify: ssl.SSLContext | bool = True
        if ca_bundle is not None:
            import certifi

            ctx = ssl.create_default_context(cafile=certifi.where())
            try:
                ctx.load_verify_locations(cafile=str(ca_bundle))
            except (OSError, ssl.SSLError) as exc:
                raise SyncError(f"cannot read the CA bundle {ca_bundle}: {exc}") from None
            verify = ctx
        self._client = httpx.Client(
            auth=auth,
            verify=verify,
            trust_env=True,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False,
            transport=transport,
            headers={"User-Agent": "kbclient-sync/1"},
        )

    def close(self) -> None:
        self._client.close()

    def _url(self, path: str) -> str:
        return self.url + urllib.parse.quote(path.lstrip("/"))

    # -- sending with retries ------------------------------------------------------------
    def _send(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str] | None = None,
        content: bytes | Iterator[bytes] | None = None,
        stream: bool = False,
        idempotent: bool = True,
    ) -> httpx.Response:
        policy = self.retry
        deadline = time.monotonic() + policy.total
        for attempt in range(policy.attempts):
            last = attempt == policy.attempts - 1
            req = self._client.build_request(
                method, self._url(path), headers=headers, content=content
            )
            self._count(requests=1)
            try:
                resp = self._client.send(req, stream=stream)
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                # Nothing was sent yet: safe to retry whatever the method.
                if last or not self._pause(policy.backoff * 2**attempt, deadline):
                    raise self._transport_error(exc, path) from None
                continue
            except httpx.TransportError as exc:
                if last or not idempotent or not self._pause(policy.backoff * 2**attempt, deadline):
                    raise self._transport_error(exc, path) from None
                continue
            if resp.status_code in RETRY_STATUS and not last:
                wait = _retry_after(resp)
                if wait is None:
                    wait = policy.backoff * 2**attempt
                if wait <= policy.max_wait and (idempotent or resp.status_code != 502):
                    resp.close()
                    if self._pause(wait, deadline):
                        logger.info(
                            "%s %s: %s, retrying in %.1fs", method, path, resp.status_code, wait
                        )
                        continue
            return resp
        raise AssertionError("unreachable")

    @staticmethod
    def _pause(wait: float, deadline: float) -> bool:
        if time.monotonic() + wait > deadline:
            return False
        time.sleep(wait)
        return True

    def _transport_error(self, exc: Exception, path: str) -> SyncError:
        where = f"{path} on {self.host}"
        if isinstance(exc, httpx.ConnectTimeout):
            return SyncError(f"cannot reach {self.host}: the connection timed out (offline?)")
        if isinstance(exc, httpx.ConnectError):
            reason = "connection refused" if "refused" in str(exc).lower() else "no connection"
            if "certificate" in str(exc).lower() or "ssl" in str(exc).lower():
                reason = "the TLS certificate could not be verified (set a CA bundle?)"
            return SyncError(f"cannot connect to {self.host}: {reason}")
        if isinstance(exc, httpx.TimeoutException):
            return SyncError(f"{where}: the server did not answer in time")
        return SyncError(f"{where}: the connection failed ({type(exc).__name__})")

    def _check(self, resp: httpx.Response, path: str, ok: tuple[int, ...] = (200,)) -> None:
        code = resp.status_code
        if code in ok:
            return
        if code == 401:
            raise AuthError(f"wrong user name or password for {self.url}")
        if code == 403:
            raise AuthError(f"access forbidden to {path} on {self.url}")
        if code == 404:
            raise RemoteNotFound(f"{path} not found on {self.url}")
        if code == 412:
            raise PreconditionFailed(f"{path} on {self.url} was changed by someone else (412)")
        if code in RETRY_STATUS:
            raise SyncError(f"{path} on {self.url}: server busy ({code}), try again later")
        if code >= 500:
            raise SyncError(f"{path} on {self.url}: server error {code}")
        raise SyncError(f"{path} on {self.url}: unexpected answer {code}")

    def _read(self, resp: httpx.Response, path: str) -> bytes:
        try:
            data = resp.read()
        except httpx.TransportError as exc:
            raise self._transport_error(exc, path) from None
        self._count(received=len(data))
        return data

    # -- operations ----------------------------------------------------------------------
    def get(self, path: str, etag: str | None = None) -> RemoteFile | None:
        headers = {"If-None-Match": etag} if etag else None
        resp = self._send("GET", path, headers=headers)
        if resp.status_code == 304:
            return None
        self._check(resp, path)
        data = self._read(resp, path)
        return RemoteFile(data, resp.headers.get("ETag"), _etag_reliable(resp))

    def exists(self, path: str) -> bool:
        resp = self._send("HEAD", path)
        if resp.status_code == 404:
            return False
        self._check(resp, path)
        return True

    def _fetch_to(
        self,
        path: str,
        part: Path,
        tagfile: Path,
        size: int,
        progress: Progress,
        cancel: threading.Event | None,
        opener: Opener,
    ) -> int:
        have = part.stat().st_size if part.exists() else 0
        if have > size:
            part.unlink()
            have = 0
        if have == size:
            return 0  # complete already (e.g. killed before install): verify it
        headers: dict[str, str] = {}
        if have:
            headers["Range"] = f"bytes={have}-"
            tag = tagfile.read_text("ascii").strip() if tagfile.exists() else ""
            if tag and not tag.startswith("W/"):
                headers["If-Range"] = tag
        resp = self._send("GET", path, headers=headers, stream=True)
        try:
            if resp.status_code == 416:
                part.unlink(missing_ok=True)
                resp.close()
                return self._fetch_to(path, part, tagfile, size, progress, cancel, opener)
            self._check(resp, path, ok=(200, 206))
            start = 0
            if resp.status_code == 206:
                cr = resp.headers.get("Content-Range", "")
                if not cr.startswith(f"bytes {have}-"):
                    raise SyncError(f"{path}: the server answered an unexpected range ({cr})")
                start = have
            else:
                tag = resp.headers.get("ETag")
                if tag:
                    tagfile.write_text(tag, "ascii")
                else:
                    tagfile.unlink(missing_ok=True)
            counted = [0]

            def chunks() -> Iterator[bytes]:
                try:
                    for chunk in resp.iter_raw():
                        counted[0] += len(chunk)
                        yield chunk
                except httpx.TransportError:
                    raise SyncError(
                        f"the connection to {self.host} was lost while downloading {path}; "
                        "sync again to resume"
                    ) from None

            try:
                return _write_partial(part, start, chunks(), size, path, progress, cancel, opener)
            finally:
                self._count(received=counted[0])
        finally:
            resp.close()

    def put(
        self, path: str, data: bytes, *, if_match: str | None = None, if_none_match: bool = False
    ) -> str | None:
        headers = {"Content-Type": "application/octet-stream"}
        if if_match:
            headers["If-Match"] = if_match
        if if_none_match:
            headers["If-None-Match"] = "*"
        resp = self._send("PUT", path, headers=headers, content=data, idempotent=False)
        self._count(sent=len(data))
        self._check(resp, path, ok=(200, 201, 204))
        return resp.headers.get("ETag")

    def put_file(self, path: str, source: Path) -> None:
        size = source.stat().st_size

        def body() -> Iterator[bytes]:
            with open(source, "rb") as fh:
                while chunk := fh.read(CHUNK):
                    yield chunk

        headers = {"Content-Type": "application/octet-stream", "Content-Length": str(size)}
        resp = self._send("PUT", path, headers=headers, content=body(), idempotent=False)
        self._count(sent=size)
        self._check(resp, path, ok=(200, 201, 204))

    def move(self, src: str, dst: str, *, overwrite: bool = False) -> None:
        headers = {"Destination": self._url(dst), "Overwrite": "T" if overwrite else "F"}
        resp = self._send("MOVE", src, headers=headers, idempotent=False)
        self._check(resp, src, ok=(201, 204))

    def delete(self, path: str, *, if_match: str | None = None) -> None:
        headers = {"If-Match": if_match} if if_match else None
        resp = self._send("DELETE", path, headers=headers, idempotent=False)
        self._check(resp, path, ok=(200, 204))

    def mkcol(self, path: str) -> None:
        resp = self._send("MKCOL", path.rstrip("/") + "/", idempotent=False)
        if resp.status_code >= 500:
            # Two publishers creating it at once: WsgiDAV answers the loser with a 500.
            time.sleep(0.1)
            resp = self._send("MKCOL", path.rstrip("/") + "/", idempotent=False)
        if resp.status_code == 405:  # exists
            return
        self._check(resp, path, ok=(201,))

    def list(self, path: str = "") -> list[RemoteEntry]:
        body = (
            b'<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:"><d:prop>'
            b"<d:getetag/><d:getcontentlength/><d:resourcetype/></d:prop></d:propfind>"
        )
        folder = path.rstrip("/") + "/" if path else ""
        resp = self._send(
            "PROPFIND",
            folder,
            headers={"Depth": "1", "Content-Type": "application/xml"},
            content=body,
        )
        self._check(resp, folder or "/", ok=(207,))
        return _parse_multistatus(
            self._read(resp, folder), urllib.parse.urlsplit(self._url(folder)).path
        )


def _parse_multistatus(data: bytes, self_path: str) -> list[RemoteEntry]:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise SyncError(f"the server's folder listing is not valid XML: {exc}") from None
    ns = "{DAV:}"
    out = []
    for r in root.iter(f"{ns}response"):
        href = urllib.parse.unquote(urllib.parse.urlsplit(r.findtext(f"{ns}href") or "").path)
        if href.rstrip("/") == urllib.parse.unquote(self_path).rstrip("/"):
            continue
        name = href.rstrip("/").rsplit("/", 1)[-1]
        etag = size = None
        is_dir = False
        for prop in r.iter(f"{ns}prop"):
            etag = prop.findtext(f"{ns}getetag") or etag
            length = prop.findtext(f"{ns}getcontentlength")
            if length and length.isdigit():
                size = int(length)
            rt = prop.find(f"{ns}resourcetype")
            if rt is not None and rt.find(f"{ns}collection") is not None:
                is_dir = True
        out.append(RemoteEntry(name, etag, size, is_dir))
    return sorted(out, key=lambda e: e.name)


# -- file:// folders ---------------------------------------------------------------------


class FolderRemote(Remote):
    """A folder (a mounted share); ETags are content hashes, so they never lie."""

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.root = root
        self.url = root.as_uri() + "/"
        if not root.is_dir():
            raise SyncError(f"the remote folder {root} does not exist (is the share mounted?)")

    def _path(self, path: str) -> Path:
        rel = Path(path.lstrip("/"))
        if ".." in rel.parts or rel.is_absolute():
            raise SyncError(f"{path}: not a path inside the remote")
        return self.root / rel

    @staticmethod
    def _etag(data: bytes) -> str:
        return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'

    def _write_lock(self) -> Any:
        from filelock import FileLock

        return FileLock(str(self.root / ".kbclient-write.lock"))

    def get(self, path: str, etag: str | None = None) -> RemoteFile | None:
        self._count(requests=1)
        try:
            data = self._path(path).read_bytes()
        except FileNotFoundError:
            raise RemoteNotFound(f"{path} not found in {self.url}") from None
        except PermissionError:
            raise AuthError(f"access forbidden to {path} in {self.url}") from None
        except OSError as exc:
            raise SyncError(f"cannot read {path} in {self.url}: {exc.strerror}") from None
        tag = self._etag(data)
        if etag is not None and etag == tag:
            return None
        self._count(received=len(data))
        return RemoteFile(data, tag)

    def exists(self, path: str) -> bool:
        self._count(requests=1)
        return self._path(path).exists()

    def _fetch_to(
        self,
        path: str,
        part: Path,
        tagfile: Path,
        size: int,
        progress: Progress,
        cancel: threading.Event | None,
        opener: Opener,
    ) -> int:
        self._count(requests=1)
        have = part.stat().st_size if part.exists() else 0
        if have > size:
            part.unlink()
            have = 0
        if have == size:
            return 0
        try:
            src = open(self._path(path), "rb")
        except FileNotFoundError:
            raise RemoteNotFound(f"{path} not found in {self.url}") from None
        except OSError as exc:
            raise SyncError(f"cannot read {path} in {self.url}: {exc.strerror}") from None
        counted = [0]
        with src:
            src.seek(have)

            def chunks() -> Iterator[bytes]:
                try:
                    while chunk := src.read(CHUNK):
                        counted[0] += len(chunk)
                        yield chunk
                except OSError as exc:
                    raise SyncError(f"cannot read {path} in {self.url}: {exc.strerror}") from None

            try:
                return _write_partial(part, have, chunks(), size, path, progress, cancel, opener)
            finally:
                self._count(received=counted[0])

    def _write(self, target: Path, data: bytes) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def put(
        self, path: str, data: bytes, *, if_match: str | None = None, if_none_match: bool = False
    ) -> str | None:
        self._count(requests=1, sent=len(data))
        target = self._path(path)
        with self._write_lock():
            exists = target.exists()
            if if_none_match and exists:
                raise PreconditionFailed(f"{path} in {self.url} exists already")
            if if_match is not None and (not exists or self._etag(target.read_bytes()) != if_match):
                raise PreconditionFailed(f"{path} in {self.url} was changed by someone else")
            self._write(target, data)
        return self._etag(data)

    def put_file(self, path: str, source: Path) -> None:
        self._count(requests=1, sent=source.stat().st_size)
        target = self._path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        os.close(fd)
        try:
            shutil.copyfile(source, tmp)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def move(self, src: str, dst: str, *, overwrite: bool = False) -> None:
        self._count(requests=1)
        s, d = self._path(src), self._path(dst)
        with self._write_lock():
            if d.exists() and not overwrite:
                raise PreconditionFailed(f"{dst} in {self.url} exists already")
            d.parent.mkdir(parents=True, exist_ok=True)
            os.replace(s, d)

    def delete(self, path: str, *, if_match: str | None = None) -> None:
        self._count(requests=1)
        target = self._path(path)
        with self._write_lock():
            if not target.exists():
                raise SyncError(f"{path} not found in {self.url}")
            if if_match is not None and self._etag(target.read_bytes()) != if_match:
                raise PreconditionFailed(f"{path} in {self.url} was changed by someone else")
            target.unlink()

    def mkcol(self, path: str) -> None:
        self._count(requests=1)
        self._path(path).mkdir(parents=True, exist_ok=True)

    def list(self, path: str = "") -> list[RemoteEntry]:
        self._count(requests=1)
        folder = self._path(path)
        if not folder.is_dir():
            raise SyncError(f"{path or '/'} not found in {self.url}")
        out = []
        for p in sorted(folder.iterdir()):
            if p.name.startswith("."):
                continue
            if p.is_dir():
                out.append(RemoteEntry(p.name, None, None, True))
            else:
                out.append(RemoteEntry(p.name, self._etag(p.read_bytes()), p.stat().st_size))
        return out


def open_remote(
    url: str,
    *,
    auth: tuple[str, str] | None = None,
    ca_bundle: Path | None = None,
    timeout: float = 30.0,
    retry: RetryPolicy | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Remote:
    """The remote at `url`: ``https://…``, ``http://…`` or ``file:///folder``."""
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme == "file":
        parts = urllib.parse.urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise SyncError(f"{url}: only local file:// folders are supported (mount the share)")
        return FolderRemote(Path(urllib.parse.unquote(parts.path)))
    if scheme in ("http", "https"):
        return HttpRemote(
            url, auth=auth, ca_bundle=ca_bundle, timeout=timeout, retry=retry, transport=transport
        )
    raise SyncError(f"unsupported remote {url!r}: use https://, http:// or file://")
