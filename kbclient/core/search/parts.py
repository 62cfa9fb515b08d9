"""Index parts on disk: meta file, building (in 2 worker processes), deriving, checking.

A part is a folder `<root>/<pack>.<generation>.<random>/` holding `meta.json` and one or
more Whoosh indexes `s0/`, `s1/` (sub-indexes built in parallel; a reader searches their
segments together). A part is written under a hidden staging name (`.tmp-…`) and renamed
into place once complete, so a folder with a normal name is always whole.

Deriving a part hard-links the base's segment files (Whoosh writes every segment file once
under a new random name and records deletions in the `_MAIN_<gen>.toc` file, which is
copied, never linked; lock files are not carried over), then deletes and adds on one
writer per sub-index with `commit(merge=False)` — cost proportional to the change.
"""

from __future__ import annotations

import contextlib
import gc
import json
import logging
import os
import queue
import secrets
import shutil
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import whoosh
from whoosh.filedb.filestore import FileStorage
from whoosh.index import Index

from kbclient.core.errors import Cancelled, SearchIndexError
from kbclient.core.search import ipc
from kbclient.core.search.analyzer import ANALYZER_VERSION
from kbclient.core.search.model import IndexDoc
from kbclient.core.search.schema import SCHEMA_VERSION, make_schema, to_fields

logger = logging.getLogger(__name__)

META = "meta.json"
META_FORMAT = 1
ENGINE_VERSION = "whoosh3-" + whoosh.versionstring()
STAGING_PREFIX = ".tmp-"
BATCH = 32
PARALLEL_MIN_DOCS = 400  # fewer documents: build in-process (spawning costs ~0.5 s)
WORKERS = 2
LIMIT_MB = 96  # per writer (two workers stay well under 600 MB in all)
MAX_SEGMENTS = 8  # derive: merge small segments once a sub-index has more than this

Progress = Callable[[int, int], None]
_ABORT = object()


@dataclass(frozen=True)
class PartInfo:
    """The contents of a part's meta file."""

    name: str
    pack: str
    generation: int
    doc_count: int
    analyzer: str
    schema: int
    engine: str
    subs: tuple[str, ...]


def open_sub(path: Path) -> Index:
    """Open one Whoosh index without mmap (open_dir's mmap default is slow and costly)."""
    return FileStorage(str(path), supports_mmap=False).open_index()


@contextlib.contextmanager
def quiet_leaks() -> Iterator[None]:
    """Silence the ResourceWarning of files Whoosh leaks when opening a corrupt index.

    Whoosh does not close a segment file whose opening raised; the file is freed with the
    exception's frames, which happens inside this block (the caller catches the exception
    inside it), and collected here instead of surfacing later at a random place.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        yield
        gc.collect()


def read_meta(folder: Path) -> PartInfo | None:
    """A part's meta, or None if missing or unreadable."""
    try:
        d = json.loads((folder / META).read_text("utf-8"))
        return PartInfo(
            name=folder.name,
            pack=str(d["pack"]),
            generation=int(d["generation"]),
            doc_count=int(d["doc_count"]),
            analyzer=str(d["analyzer"]),
            schema=int(d["schema"]),
            engine=str(d["engine"]),
            subs=tuple(str(s) for s in d["subs"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_meta(folder: Path, pack: str, generation: int, doc_count: int, subs: list[str]) -> None:
    """Write meta.json atomically."""
    data = {
        "format": META_FORMAT,
        "pack": pack,
        "generation": generation,
        "doc_count": doc_count,
        "analyzer": ANALYZER_VERSION,
        "schema": SCHEMA_VERSION,
        "engine": ENGINE_VERSION,
        "subs": subs,
        "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    tmp = folder / (META + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    os.replace(tmp, folder / META)


def new_name(pack: str, generation: int) -> str:
    """A fresh, unique part folder name."""
    return f"{pack}.{generation}.{secrets.token_hex(4)}"


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise Cancelled()


def _batches(docs: Iterable[IndexDoc], size: int) -> Iterator[list[IndexDoc]]:
    batch: list[IndexDoc] = []
    for d in docs:
        batch.append(d)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# ------------------------------------------------------------------ building


def create_sub(path: Path) -> Index:
    """Create an empty sub-index with the current schema."""
    path.mkdir(parents=True, exist_ok=True)
    return FileStorage(str(path), supports_mmap=False).create_index(make_schema())


def _build_serial(
    folder: Path,
    first: list[IndexDoc],
    rest: Iterator[list[IndexDoc]],
    total: int,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> tuple[int, list[str]]:
    writer = create_sub(folder / "s0").writer(limitmb=LIMIT_MB)
    done = 0
    try:
        for batch in [first, *rest]:
            _check(cancel)
            for d in batch:
                writer.add_document(**to_fields(d))
            done += len(batch)
            if progress:
                progress(done, max(total, done))
        _check(cancel)
        writer.commit(merge=False)
    except BaseException:
        with contextlib.suppress(Exception):
            writer.cancel()
        raise
    return done, ["s0"]


def _build_parallel(
    folder: Path,
    first: list[IndexDoc],
    rest: Iterator[list[IndexDoc]],
    total: int,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> tuple[int, list[str]]:
    subs = [f"s{i}" for i in range(WORKERS)]
    procs: list[subprocess.Popen] = []
    env = dict(os.environ)
    # the child must import this very package, also when it is run from a source tree
    pkg_root = str(Path(__file__).resolve().parents[3])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (pkg_root, env.get("PYTHONPATH")) if p)
    try:
        for s in subs:
            procs.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "kbclient.core.search.worker",
                        str(folder / s),
                        str(LIMIT_MB),
                    ],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    env=env,
                )
            )
        done = 0
        batches: queue.Queue = queue.Queue(maxsize=2 * WORKERS)
        failures: list[BaseException] = []

        def feed(p: subprocess.Popen) -> None:
            assert p.stdin is not None
            try:
                while True:
                    item = batches.get()
                    if item is None or item is _ABORT:
                        ipc.send(p.stdin, ("commit",) if item is None else ("abort",))
                        p.stdin.close()
                        return
                    ipc.send(p.stdin, ("docs", item))
            except BaseException as e:  # the worker died: stop feeding it
                failures.append(e)
                while batches.get() not in (None, _ABORT):
                    pass

        feeders = [threading.Thread(target=feed, args=(p,), daemon=True) for p in procs]
        for t in feeders:
            t.start()
        complete = False
        try:
            for batch in chain(_batches(first, BATCH), rest):
                if failures:
                    break
                _check(cancel)
                batches.put(batch)
                done += len(batch)
                if progress:
                    progress(done, max(total, done))
            _check(cancel)
            complete = not failures
        finally:
            for _ in feeders:
                batches.put(None if complete else _ABORT)
            for t in feeders:
                t.join()
        if failures:
            raise SearchIndexError(f"index worker died: {failures[0]}")
        count = 0
        for p in procs:
            assert p.stdout is not None
            status, value = ipc.recv(p.stdout)
            if status != "ok":
                raise SearchIndexError(f"index worker failed: {value}")
            count += int(value)
        return count, subs
    except (BrokenPipeError, EOFError, ConnectionError) as e:
        raise SearchIndexError(f"index worker died: {e}") from e
    finally:
        for p in procs:
            with contextlib.suppress(Exception):
                if p.stdin is not None and not p.stdin.closed:
                    ipc.send(p.stdin, ("abort",))
                    p.stdin.close()
            try:
                p.wait(timeout=60)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
            if p.stdout is not None:
                p.stdout.close()


def build(
    root: Path,
    pack: str,
    docs: Iterable[IndexDoc],
    *,
    total: int | None,
    generation: int,
    progress: Progress | None,
    cancel: threading.Event | None,
    parallel: bool | None = None,
) -> str:
    """Build a new part from scratch; returns its folder name."""
    name = new_name(pack, generation)
    staging = root / (STAGING_PREFIX + name)
    staging.mkdir(parents=True)
    try:
        it = iter(docs)
        first: list[IndexDoc] = []
        for d in it:
            first.append(d)
            if len(first) >= PARALLEL_MIN_DOCS:
                break
        rest = _batches(it, BATCH)
        expected = total if total is not None else len(first)
        use_parallel = parallel if parallel is not None else len(first) >= PARALLEL_MIN_DOCS
        if use_parallel:
            count, subs = _build_parallel(staging, first, rest, expected, progress, cancel)
        else:
            count, subs = _build_serial(staging, first, rest, expected, progress, cancel)
        _check(cancel)
        write_meta(staging, pack, generation, count, subs)
        os.replace(staging, root / name)
        return name
    except Cancelled:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except SearchIndexError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except Exception as e:
        shutil.rmtree(staging, ignore_errors=True)
        raise SearchIndexError(f"building the index of pack {pack!r} failed: {e}") from e


# ------------------------------------------------------------------ deriving


def _link_copy(src: Path, dst: Path) -> None:
    dst.mkdir(parents=True)
    for f in src.iterdir():
        if not f.is_file() or "LOCK" in f.name:
            continue
        if f.suffix == ".toc" or f.name.endswith(".tmp"):
            shutil.copy2(f, dst / f.name)
            continue
        try:
            os.link(f, dst / f.name)
        except OSError:
            shutil.copy2(f, dst / f.name)


def derive(
    root: Path,
    base: str,
    pack: str,
    *,
    add: Iterable[IndexDoc],
    remove: Iterable[str],
    generation: int,
    progress: Progress | None,
    cancel: threading.Event | None,
) -> str:
    """A new part = `base` minus `remove`, plus `add` (replacing same ids)."""
    info = read_meta(root / base)
    if info is None:
        raise SearchIndexError(f"index part {base!r} is missing or unreadable")
    name = new_name(pack, generation)
    staging = root / (STAGING_PREFIX + name)
    try:
        staging.mkdir(parents=True)
        for s in info.subs:
            _link_copy(root / base / s, staging / s)
        adds = list(add)
        gone = set(remove) | {d.id for d in adds}
        total = len(adds) + len(gone)
        done = 0
        indexes = [open_sub(staging / s) for s in info.subs]
        counts = [ix.doc_count() for ix in indexes]
        target = counts.index(min(counts))
        count = 0
        for k, ix in enumerate(indexes):
            _check(cancel)
            if not gone and k != target:
                count += ix.doc_count()
                continue
            writer = ix.writer(limitmb=64)
            try:
                for doc_id in gone:
                    writer.delete_by_term("id", doc_id)
                done += len(gone) if k == 0 else 0
                if k == target:
                    for i, d in enumerate(adds):
                        if i % BATCH == 0:
                            _check(cancel)
                            if progress:
                                progress(done, total)
                        writer.add_document(**to_fields(d))
                        done += 1
                _check(cancel)
                merge = len(ix._segments()) > MAX_SEGMENTS
                writer.commit(merge=merge)
            except BaseException:
                with contextlib.suppress(Exception):
                    writer.cancel()
                raise
            count += open_sub(staging / info.subs[k]).doc_count()
        if progress:
            progress(total, total)
        write_meta(staging, pack, generation, count, list(info.subs))
        os.replace(staging, root / name)
        return name
    except Cancelled:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except SearchIndexError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except Exception as e:
        shutil.rmtree(staging, ignore_errors=True)
        raise SearchIndexError(f"updating the index of pack {pack!r} failed: {e}") from e


def check(root: Path, name: str, *, pack: str, generation: int, doc_count: int) -> list[str]:
    """Problems of one part ([] = OK)."""
    folder = root / name
    if not folder.is_dir():
        return [f"index part {name!r} is missing"]
    info = read_meta(folder)
    if info is None:
        return [f"index part {name!r} has no readable meta file"]
    problems = []
    if info.analyzer != ANALYZER_VERSION:
        problems.append(f"analyzer {info.analyzer!r} differs from {ANALYZER_VERSION!r}")
    if info.schema != SCHEMA_VERSION:
        problems.append(f"schema version {info.schema} differs from {SCHEMA_VERSION}")
    if info.engine != ENGINE_VERSION:
        problems.append(f"engine {info.engine!r} differs from {ENGINE_VERSION!r}")
    if info.pack != pack:
        problems.append(f"part belongs to pack {info.pack!r}, not {pack!r}")
    if info.generation != generation:
        problems.append(f"generation {info.generation} differs from {generation}")
    if info.doc_count != doc_count:
        problems.append(f"{info.doc_count} documents indexed, library has {doc_count}")
    if problems:
        return problems
    with quiet_leaks():
        found, error = _count_docs(folder, info.subs)
    if error:
        return [f"index part {name!r} cannot be opened: {error}"]
    if found != doc_count:
        problems.append(f"{found} documents in the index files, library has {doc_count}")
    return problems


def _count_docs(folder: Path, subs: Sequence[str]) -> tuple[int, str]:
    """(documents, "") or (0, error) after touching every segment's files."""
    found = 0
    try:
        for s in subs:
            ix = open_sub(folder / s)
            with ix.reader() as r:
                found += r.doc_count()
                for leaf, _ in r.leaf_readers():
                    if leaf.doc_count_all() == 0:
                        continue
                    list(leaf.column_reader("updated"))[:1]
                    for t in leaf.lexicon("id"):
                        leaf.postings("id", t).all_ids()
                        break
    except Exception as e:
        return 0, f"{type(e).__name__}: {e}"
    return found, ""


def adopt(root: Path, src: Path, pack: str, *, generation: int) -> str:
    """Copy a prebuilt part (a pack's `index/` folder) in as a new part of `pack`.

    Only for parts from a trusted, verified pack: Whoosh's table of contents is a pickle.
    The meta must name this pack and this build's analyzer, schema and engine versions;
    the copy is opened and counted before it is renamed into place.
    """
    info = read_meta(src)
    if info is None:
        raise SearchIndexError("the prebuilt index has no readable meta file")
    wrong = [
        f"{what} {got!r} (expected {want!r})"
        for what, got, want in (
            ("analyzer", info.analyzer, ANALYZER_VERSION),
            ("schema", info.schema, SCHEMA_VERSION),
            ("engine", info.engine, ENGINE_VERSION),
            ("pack", info.pack, pack),
        )
        if got != want
    ]
    if wrong:
        raise SearchIndexError("the prebuilt index does not fit: " + ", ".join(wrong))
    name = new_name(pack, generation)
    staging = root / (STAGING_PREFIX + name)
    try:
        staging.mkdir(parents=True)
        for s in info.subs:
            if not (src / s).is_dir() or s.startswith(".") or "/" in s or "\\" in s:
                raise SearchIndexError(f"the prebuilt index lacks its sub-index {s!r}")
            shutil.copytree(src / s, staging / s, ignore=shutil.ignore_patterns("*LOCK*"))
        with quiet_leaks():
            found, error = _count_docs(staging, info.subs)
        if error:
            raise SearchIndexError(f"the prebuilt index cannot be opened: {error}")
        if found != info.doc_count:
            raise SearchIndexError(
                f"the prebuilt index holds {found} documents, its meta says {info.doc_count}"
            )
        write_meta(staging, pack, generation, found, list(info.subs))
        os.replace(staging, root / name)
        return name
    except SearchIndexError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except Exception as e:
        shutil.rmtree(staging, ignore_errors=True)
        raise SearchIndexError(f"adopting the prebuilt index of {pack!r} failed: {e}") from e
