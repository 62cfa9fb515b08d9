"""minisign keys and signatures: round trips, tampering, and interop with the real tool."""

from __future__ import annotations

import base64
import subprocess
from pathlib import Path

import pytest

from kbclient.core.errors import SignatureError
from kbclient.core.packs import minisign as m


def test_sign_verify_roundtrip_prehashed_and_legacy() -> None:
    key = m.generate_key()
    pub = key.public_key()
    for prehashed, alg in ((True, b"ED"), (False, b"Ed")):
        text = m.sign(b"payload", key, trusted_comment="tc 1", prehashed=prehashed)
        assert m.Signature.from_text(text).algorithm == alg
        assert m.verify(b"payload", text, pub) == "tc 1"


def test_signing_is_deterministic() -> None:
    key = m.generate_key()
    assert m.sign(b"x", key, trusted_comment="c") == m.sign(b"x", key, trusted_comment="c")


def test_tampered_data_fails() -> None:
    key = m.generate_key()
    text = m.sign(b"payload", key)
    with pytest.raises(SignatureError, match="signature verification failed"):
        m.verify(b"payloaD", text, key.public_key())


def test_tampered_trusted_comment_fails() -> None:
    key = m.generate_key()
    lines = m.sign(b"payload", key, trusted_comment="version 1").splitlines()
    lines[2] = "trusted comment: version 2"
    with pytest.raises(SignatureError, match="trusted comment"):
        m.verify(b"payload", "\n".join(lines), key.public_key())


def test_wrong_key_id_named() -> None:
    a, b = m.generate_key(), m.generate_key()
    with pytest.raises(SignatureError, match=f"made by key {a.key_id_hex}"):
        m.verify(b"p", m.sign(b"p", a), b.public_key())


def test_same_key_id_other_key_fails() -> None:
    a = m.generate_key()
    impostor = m.SecretKey(a.key_id, m.generate_key().seed)
    with pytest.raises(SignatureError, match="verification failed"):
        m.verify(b"p", m.sign(b"p", impostor), a.public_key())


@pytest.mark.parametrize(
    "text",
    [
        "",
        "untrusted comment: x\nnot base64!!\ntrusted comment: y\nAAAA\n",
        "untrusted comment: x\nRWQAAA==\ntrusted comment: y\nAAAA\n",
        "no comment\nRWQAAA==\n",
    ],
)
def test_malformed_signature_files(text: str) -> None:
    with pytest.raises(SignatureError, match=r"malformed|base64"):
        m.Signature.from_text(text)


def test_public_key_text_and_base64_forms() -> None:
    key = m.generate_key()
    pub = key.public_key()
    assert m.PublicKey.from_text(pub.to_text()) == pub
    assert m.PublicKey.from_text(pub.to_base64()) == pub
    assert len(pub.key_id_hex) == 16 and pub.key_id_hex == pub.key_id_hex.upper()
    assert len(pub.fingerprint) == 64
    assert pub.fingerprint_grouped.replace(" ", "").lower() == pub.fingerprint
    with pytest.raises(SignatureError):
        m.PublicKey.from_text("untrusted comment: x\nAAAA\n")


def test_secret_key_file_roundtrip_and_keygen_files(tmp_path: Path) -> None:
    sec, pub = m.write_key_pair(tmp_path / "k")
    assert sec.stat().st_mode & 0o777 == 0o600
    key = m.SecretKey.load(sec)
    assert key.public_key() == m.PublicKey.load(pub)
    with pytest.raises(SignatureError, match="already exists"):
        m.write_key_pair(tmp_path / "k")


def test_corrupt_secret_key_refused(tmp_path: Path) -> None:
    key = m.generate_key()
    lines = key.to_text().splitlines()
    raw = bytearray(base64.b64decode(lines[1]))
    raw[60] ^= 1  # a bit of the key material
    lines[1] = base64.b64encode(bytes(raw)).decode()
    with pytest.raises(SignatureError, match=r"checksum|inconsistent"):
        m.SecretKey.from_text("\n".join(lines))


def test_scrypt_params_match_libsodium() -> None:
    # minisign's defaults: opslimit 33554432, memlimit 1 GiB -> N=2^20, r=8, p=1
    assert m._scrypt_params(33554432, 1073741824) == (1 << 20, 8, 1)


# -- interop with the minisign binary ------------------------------------------------
def _keygen(bin_: str, d: Path) -> tuple[Path, Path]:
    subprocess.run(
        [bin_, "-G", "-W", "-p", str(d / "k.pub"), "-s", str(d / "k.key")],
        check=True,
        capture_output=True,
    )
    return d / "k.key", d / "k.pub"


@pytest.mark.parametrize("legacy", [False, True])
def test_minisign_signature_verifies_in_kbclient(
    minisign_bin: str, tmp_path: Path, legacy: bool
) -> None:
    sec, pub = _keygen(minisign_bin, tmp_path)
    f = tmp_path / "manifest.json"
    f.write_bytes(b'{"format": 1}\n')
    cmd = [minisign_bin, "-S", "-s", str(sec), "-m", str(f), "-t", "pack testpack 3"]
    subprocess.run([*cmd, "-l"] if legacy else cmd, check=True, capture_output=True)
    sig = (tmp_path / "manifest.json.minisig").read_text()
    assert m.Signature.from_text(sig).algorithm == (b"Ed" if legacy else b"ED")
    assert m.verify(f.read_bytes(), sig, m.PublicKey.load(pub)) == "pack testpack 3"
    with pytest.raises(SignatureError):
        m.verify(f.read_bytes() + b" ", sig, m.PublicKey.load(pub))
    # and kbclient reads the secret key minisign wrote
    assert m.SecretKey.load(sec).public_key() == m.PublicKey.load(pub)


@pytest.mark.parametrize("legacy", [False, True])
def test_kbclient_signature_verifies_with_minisign(
    minisign_bin: str, tmp_path: Path, legacy: bool
) -> None:
    sec, pub = m.write_key_pair(tmp_path / "kb")
    f = tmp_path / "manifest.json"
    f.write_bytes(b'{"format": 1, "pack": "x"}\n')
    text = m.sign(
        f.read_bytes(),
        m.SecretKey.load(sec),
        trusted_comment="made by kbclient",
        prehashed=not legacy,
    )
    (tmp_path / "manifest.json.minisig").write_text(text)
    done = subprocess.run(
        [minisign_bin, "-Vm", str(f), "-p", str(pub)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "made by kbclient" in done.stdout
    f.write_bytes(b'{"format": 1, "pack": "y"}\n')
    bad = subprocess.run([minisign_bin, "-Vm", str(f), "-p", str(pub)], capture_output=True)
    assert bad.returncode != 0


def test_minisign_signs_with_kbclient_key(minisign_bin: str, tmp_path: Path) -> None:
    """A key made by `kbclient pack keygen` works in the minisign tool too."""
    sec, pub = m.write_key_pair(tmp_path / "kb")
    f = tmp_path / "f"
    f.write_bytes(b"data")
    subprocess.run(
        [minisign_bin, "-S", "-s", str(sec), "-m", str(f)], check=True, capture_output=True
    )
    m.verify(b"data", (tmp_path / "f.minisig").read_text(), m.PublicKey.load(pub))


@pytest.mark.slow
def test_password_protected_minisign_key(minisign_bin: str, tmp_path: Path) -> None:
    subprocess.run(
        [minisign_bin, "-G", "-p", str(tmp_path / "e.pub"), "-s", str(tmp_path / "e.key")],
        input=b"s3cret pw\ns3cret pw\n",
        check=True,
        capture_output=True,
    )
    asked: list[int] = []

    def password() -> str:
        asked.append(1)
        return "s3cret pw"

    key = m.SecretKey.load(tmp_path / "e.key", password)
    assert asked == [1]
    assert key.public_key() == m.PublicKey.load(tmp_path / "e.pub")
    with pytest.raises(SignatureError, match="password-protected"):
        m.SecretKey.load(tmp_path / "e.key")
    with pytest.raises(SignatureError, match="wrong password"):
        m.SecretKey.load(tmp_path / "e.key", lambda: "nope")


@pytest.mark.slow
def test_password_protected_kbclient_key_works_in_minisign(
    minisign_bin: str, tmp_path: Path
) -> None:
    sec, pub = m.write_key_pair(tmp_path / "enc", password="pw 2")
    assert base64.b64decode(sec.read_text().splitlines()[1])[2:4] == b"Sc"
    assert m.SecretKey.load(sec, lambda: "pw 2").public_key() == m.PublicKey.load(pub)
    f = tmp_path / "f"
    f.write_bytes(b"data")
    subprocess.run(
        [minisign_bin, "-S", "-s", str(sec), "-m", str(f)],
        input=b"pw 2\n",
        check=True,
        capture_output=True,
    )
    m.verify(b"data", (tmp_path / "f.minisig").read_text(), m.PublicKey.load(pub))
