"""The safe ZIP reader on its own: names, types, limits counted while decompressing."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest

from kbclient.core.errors import PackError
from kbclient.core.packs.archive import Limits, SafeZip, check_entry_name


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("", "empty name"),
        ("../x", "'..' in path"),
        ("docs/../../x", "'..' in path"),
        ("/etc/passwd", "absolute path"),
        ("C:/x", "drive letter"),
        ("c:x", "drive letter"),
        ("docs/a:b", "colon"),
        ("docs\\x.md", "backslash"),
        ("docs/x\0.md", "NUL"),
        ("docs/x\n.md", "control character U+000A"),
        ("docs/x\u202e.md", "control character U+202E"),
        ("docs//x.md", "not normalised"),
        ("./docs/x.md", "not normalised"),
        ("docs/x.md.", "ends with a dot"),
        ("docs/x.md ", "ends with a dot or a space"),
        ("a" * 600, "longer than"),
    ],
)
def test_unsafe_names(name: str, reason: str) -> None:
    with pytest.raises(PackError) as err:
        check_entry_name(name)
    assert reason in str(err.value)


@pytest.mark.parametrize("name", ["docs/x.md", "assets/图 1.png", "index/s0/_MAIN_1.toc"])
def test_safe_names(name: str) -> None:
    check_entry_name(name)


def _zip(tmp_path: Path, helpers: Any, entries: list[Any]) -> Path:
    p = tmp_path / "a.zip"
    p.write_bytes(helpers.craft_zip(entries))
    return p


def test_reads_stored_and_deflated(tmp_path: Path, helpers: Any) -> None:
    E = helpers.Entry
    p = _zip(tmp_path, helpers, [E("a.txt", b"hello" * 100), E("b/c.txt", b"x", method=0)])
    with SafeZip(p) as z:
        assert z.names() == ["a.txt", "b/c.txt"]
        assert z.read("a.txt") == b"hello" * 100
        assert z.read("b/c.txt") == b"x"
        assert z.total_read == 501


def test_zipfile_written_archive_reads(tmp_path: Path) -> None:
    p = tmp_path / "z.zip"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("docs/", b"")  # folder entries are allowed and skipped
        zf.writestr("docs/a.md", "中文".encode())
    with SafeZip(p) as z:
        assert z.names() == ["docs/a.md"]
        assert z.read("docs/a.md") == "中文".encode()


@pytest.mark.parametrize(
    ("entries", "reason"),
    [
        ([("a", {"external_attr": 0o120777 << 16})], "symlink"),
        ([("a", {"external_attr": 0o020644 << 16})], "not a regular file"),
        ([("a", {}), ("a", {})], "duplicate entry 'a'"),
        ([("Docs/A.md", {}), ("docs/a.md", {})], "duplicate entry (case)"),
        ([("docs", {}), ("docs/a.md", {})], "both a file and a folder"),
        ([("a", {"method": 12})], "compression method 12"),
        ([("a", {"flags": 0x801})], "encrypted"),
        ([("../a", {})], "'..' in path"),
    ],
)
def test_refused_on_open(tmp_path: Path, helpers: Any, entries: list[Any], reason: str) -> None:
    p = _zip(tmp_path, helpers, [helpers.Entry(n, b"data", **kw) for n, kw in entries])
    with pytest.raises(PackError) as err:
        SafeZip(p)
    assert reason in str(err.value)


def test_bad_crc(tmp_path: Path, helpers: Any) -> None:
    p = _zip(tmp_path, helpers, [helpers.Entry("a", b"data", crc=123)])
    with SafeZip(p) as z, pytest.raises(PackError, match="CRC mismatch"):
        z.read("a")


def test_lying_size_caught_without_limits(tmp_path: Path, helpers: Any) -> None:
    p = _zip(tmp_path, helpers, [helpers.Entry("a", b"x" * 5000, declared_size=10)])
    with SafeZip(p) as z, pytest.raises(PackError, match="header says 10"):
        z.read("a")


def test_per_file_limit_while_reading(tmp_path: Path, helpers: Any) -> None:
    p = _zip(tmp_path, helpers, [helpers.Entry("a", bytes(5 << 20), declared_size=100)])
    with SafeZip(p, Limits(max_file=1 << 20)) as z:
        with pytest.raises(PackError, match="per-file limit"):
            z.read("a")
        assert z.total_read <= (1 << 20) + (256 << 10)  # stopped early, not after 5 MiB


def test_header_claim_over_limit_refused_on_open(tmp_path: Path, helpers: Any) -> None:
    p = _zip(tmp_path, helpers, [helpers.Entry("a", bytes(2 << 20))])
    with pytest.raises(PackError, match="over the per-file limit"):
        SafeZip(p, Limits(max_file=1 << 20))


def test_too_many_entries(tmp_path: Path, helpers: Any) -> None:
    p = _zip(tmp_path, helpers, [helpers.Entry(f"f{i}", b"") for i in range(11)])
    with pytest.raises(PackError, match="11 entries, more than the limit of 10"):
        SafeZip(p, Limits(max_entries=10))


def test_overlapping_entries(tmp_path: Path, helpers: Any) -> None:
    raw = bytearray(helpers.craft_zip([helpers.Entry("a", b"1"), helpers.Entry("b", b"2")]))
    # point b's central directory record at a's local header
    cd = raw.rfind(b"PK\x01\x02")
    raw[cd + 42 : cd + 46] = (0).to_bytes(4, "little")
    p = tmp_path / "o.zip"
    p.write_bytes(bytes(raw))
    with pytest.raises(PackError, match=r"share their data|overlap"):
        SafeZip(p)


def test_truncated_and_garbage(tmp_path: Path, helpers: Any) -> None:
    raw = helpers.craft_zip([helpers.Entry("a", b"data" * 1000)])
    p = tmp_path / "t.zip"
    p.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(PackError, match="truncated"):
        SafeZip(p)
    p.write_bytes(b"not a zip at all")
    with pytest.raises(PackError, match="not a ZIP archive"):
        SafeZip(p)
    with pytest.raises(PackError, match="cannot open"):
        SafeZip(tmp_path / "missing.zip")


def test_corrupt_deflate_stream(tmp_path: Path, helpers: Any) -> None:
    raw = bytearray(helpers.craft_zip([helpers.Entry("a", bytes(range(256)) * 64)]))
    raw[40:60] = b"\xff" * 20  # inside the compressed data
    p = tmp_path / "c.zip"
    p.write_bytes(bytes(raw))
    with SafeZip(p) as z, pytest.raises(PackError, match=r"corrupt|truncated|CRC|header says"):
        z.read("a")


def test_extract_streams_to_file(tmp_path: Path, helpers: Any) -> None:
    p = _zip(tmp_path, helpers, [helpers.Entry("index/s0/seg", b"abc" * 10000)])
    with SafeZip(p) as z:
        n = z.extract("index/s0/seg", tmp_path / "out" / "seg")
    assert n == 30000 and (tmp_path / "out" / "seg").read_bytes() == b"abc" * 10000
