"""Real servers on 127.0.0.1 for integration tests: WsgiDAV, a static server, faults.

- `WsgiDav(root, user=, password=)`: WsgiDAV + cheroot as a subprocess on a free port with
  Basic auth (config as YAML, log to a file); a context manager, `.url`, `.stop()`.
- `StaticServer(root, faults=None)`: a small read-only HTTP file server of our own over a
  real socket (threads), with ETag / If-None-Match / Range / If-Range, optional Basic auth,
  a request log (`.requests`) and fault injection (`Faults`): a status for N requests
  (with headers such as Retry-After), a delay (timeouts), a body cut after N bytes
  (Content-Length promises more), a corrupted body, a constant ETag that never changes.
- `free_port()`, `closed_port_url()` for "connection refused".

Fixtures are in `tests/core/sync/conftest.py`; other test packages can import this module.
"""

from __future__ import annotations

import base64
import contextlib
import email.utils
import hashlib
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import yaml


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def closed_port_url() -> str:
    """An http URL on 127.0.0.1 where nothing listens (connection refused)."""
    return f"http://127.0.0.1:{free_port()}/"


def _wait_port(port: int, proc: subprocess.Popen[bytes] | None, log: Path | None) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            text = log.read_text(errors="replace") if log and log.exists() else ""
            raise RuntimeError(f"server exited with {proc.returncode}: {text[-2000:]}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return
        time.sleep(0.05)
    raise RuntimeError(f"server on port {port} did not start")


class WsgiDav:
    """WsgiDAV serving `root` read-write with Basic auth, as a subprocess."""

    def __init__(
        self,
        root: Path,
        *,
        user: str = "admin",
        password: str = "s3cret-Pw",
        workdir: Path | None = None,
        anonymous_read: bool = False,
    ) -> None:
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.user, self.password = user, password
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        work = workdir or self.root.parent / f"wsgidav-{self.port}"
        work.mkdir(parents=True, exist_ok=True)
        self.config = work / "wsgidav.yaml"
        self.log = work / "wsgidav.log"
        users: dict[str, Any] = {user: {"password": password}}
        config = {
            "host": "127.0.0.1",
            "port": self.port,
            "server": "cheroot",
            "provider_mapping": {"/": str(self.root)},
            "http_authenticator": {
                "domain_controller": None,
                "accept_basic": True,
                "accept_digest": False,
                "default_to_digest": False,
            },
            "simple_dc": {"user_mapping": {"*": True if anonymous_read else users}},
            "verbose": 1,
            "logging": {"enable": True},
            "property_manager": True,
            "lock_storage": True,
            "dir_browser": {"enable": False},
        }
        self.config.write_text(yaml.safe_dump(config), "utf-8")
        self._log_fh = open(self.log, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "wsgidav.server.server_cli", "-c", str(self.config)],
            stdout=self._log_fh,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        try:
            _wait_port(self.port, self.proc, self.log)
        except BaseException:
            self.stop()
            raise

    @property
    def auth(self) -> tuple[str, str]:
        return (self.user, self.password)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self._log_fh.close()

    def __enter__(self) -> WsgiDav:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# -- a static file server with faults ----------------------------------------------------


@dataclass
class Fault:
    """What to do to requests whose path matches `path` (a regex), `times` times (-1: always)."""

    path: str = ".*"
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    cut_after: int | None = None  # send this many body bytes, then drop the connection
    corrupt: bool = False  # flip a byte in the body
    throttle: float = 0.0  # seconds to sleep after each 16 KiB of body
    times: int = -1
    methods: tuple[str, ...] = ("GET", "HEAD")

    def matches(self, method: str, path: str) -> bool:
        return method in self.methods and re.fullmatch(self.path, path.lstrip("/")) is not None


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    status: int = 0


class Faults:
    """A thread-safe list of faults; the first matching one with times left applies."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self.constant_etag: str | None = None  # serve this ETag for every file

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()
            self.constant_etag = None

    def take(self, method: str, path: str) -> Fault | None:
        with self._lock:
            for f in self._faults:
                if f.times != 0 and f.matches(method, path):
                    if f.times > 0:
                        f.times -= 1
                    return f
        return None


class _CutConnection(Exception):
    pass


def static_app(
    root: Path,
    faults: Faults,
    log: list[Request],
    auth: tuple[str, str] | None = None,
) -> Callable[..., Iterable[bytes]]:
    """A read-only WSGI file server with strong ETags (content hashes), Range and If-Range."""

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        method = environ["REQUEST_METHOD"]
        path = environ.get("PATH_INFO", "/")
        headers = {
            k[5:].replace("_", "-").title(): v for k, v in environ.items() if k.startswith("HTTP_")
        }
        req = Request(method, path, headers)
        log.append(req)

        def reply(status: int, hdrs: list[tuple[str, str]], body: bytes = b"") -> list[bytes]:
            req.status = status
            start_response(f"{status} X", [*hdrs, ("Content-Length", str(len(body)))])
            return [body] if method != "HEAD" else []

        fault = faults.take(method, path)
        if fault is not None and fault.delay:
            time.sleep(fault.delay)
        if fault is not None and fault.status is not None:
            return reply(fault.status, list(fault.headers.items()), b"fault\n")
        if auth is not None:
            want = "Basic " + base64.b64encode(f"{auth[0]}:{auth[1]}".encode()).decode()
            if environ.get("HTTP_AUTHORIZATION") != want:
                return reply(401, [("WWW-Authenticate", 'Basic realm="kb"')])
        if method not in ("GET", "HEAD"):
            return reply(405, [("Allow", "GET, HEAD")])
        target = (root / path.lstrip("/")).resolve()
        if not target.is_file() or root.resolve() not in target.parents:
            return reply(404, [])
        data = target.read_bytes()
        etag = faults.constant_etag or '"' + hashlib.sha256(data).hexdigest()[:24] + '"'
        now = email.utils.formatdate(usegmt=True)
        mtime = email.utils.formatdate(target.stat().st_mtime, usegmt=True)
        base = [("ETag", etag), ("Last-Modified", mtime), ("Date", now), ("Accept-Ranges", "bytes")]
        if environ.get("HTTP_IF_NONE_MATCH") == etag:
            return reply(304, base)
        status, body = 200, data
        rng = environ.get("HTTP_RANGE")
        if_range = environ.get("HTTP_IF_RANGE")
        if rng and (if_range is None or if_range == etag):
            m = re.fullmatch(r"bytes=(\d+)-", rng)
            if m:
                start = int(m.group(1))
                if start >= len(data):
                    return reply(416, [*base, ("Content-Range", f"bytes */{len(data)}")])
                status, body = 206, data[start:]
                base.append(("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}"))
        if fault is not None and fault.corrupt and body:
            body = bytes([body[0] ^ 0xFF]) + body[1:]
        req.status = status
        start_response(
            f"{status} X",
            [
                *base,
                ("Content-Type", "application/octet-stream"),
                ("Content-Length", str(len(body))),
            ],
        )
        if method == "HEAD":
            return []
        if fault is not None and fault.cut_after is not None:
            return _cut(body, fault.cut_after)
        if fault is not None and fault.throttle:
            return _slow(body, fault.throttle)
        return [body]

    return app


def _cut(body: bytes, n: int) -> Iterator[bytes]:
    yield body[:n]
    raise _CutConnection()


def _slow(body: bytes, pause: float) -> Iterator[bytes]:
    for i in range(0, len(body), 16384):
        yield body[i : i + 16384]
        time.sleep(pause)


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    allow_reuse_address = True


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def get_stderr(self) -> Any:
        return _NULL  # wsgiref writes tracebacks of the injected faults here


class _NullWriter:
    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        pass


_NULL = _NullWriter()


class StaticServer:
    """`static_app` on a real socket in a background thread: `.url`, `.requests`, `.faults`."""

    def __init__(
        self, root: Path, *, faults: Faults | None = None, auth: tuple[str, str] | None = None
    ) -> None:
        self.root = Path(root)
        self.faults = faults or Faults()
        self.requests: list[Request] = []
        app = static_app(self.root, self.faults, self.requests, auth)
        self._server = make_server(
            "127.0.0.1", 0, app, server_class=_Server, handler_class=_QuietHandler
        )
        self.port = self._server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> StaticServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
