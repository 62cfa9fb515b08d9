"""Minisign-compatible Ed25519 keys and signatures, verified in-process with `cryptography`.

Formats (https://jedisct1.github.io/minisign/):

- public key: ``untrusted comment: ...`` then base64 of ``"Ed" + key_id(8) + pk(32)``;
- secret key: ``untrusted comment: ...`` then base64 of ``"Ed" + kdf(2) + "B2" + salt(32)
  + opslimit(8) + memlimit(8) + [key_id(8) + sk(64) + chk(32)]``; ``kdf`` is ``"\\0\\0"``
  for an unencrypted key (what ``minisign -G -W`` writes) or ``"Sc"`` (scrypt: the last
  104 bytes are XORed with the scrypt output of the password);
- signature: ``untrusted comment: ...``, base64 of ``alg(2) + key_id(8) + sig(64)`` where
  ``alg`` is ``"ED"`` (Ed25519 over BLAKE2b-512 of the data, the default) or ``"Ed"``
  (legacy: over the data itself), ``trusted comment: ...`` and base64 of the global
  signature over ``sig + trusted_comment``.

The key id is shown like minisign shows it: the 8 bytes read as a little-endian integer,
16 uppercase hex digits.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from kbclient.core.errors import SignatureError

SIG_ALG = b"Ed"
ALG_PREHASHED = b"ED"
ALG_LEGACY = b"Ed"
KDF_NONE = b"\0\0"
KDF_SCRYPT = b"Sc"
CHK_ALG = b"B2"
UNTRUSTED_PREFIX = "untrusted comment: "
TRUSTED_PREFIX = "trusted comment: "
MAX_COMMENT = 1024
MAX_SIG_FILE = 8192
_SK_LEN = 2 + 2 + 2 + 32 + 8 + 8 + 8 + 64 + 32  # 158
# minisign's key derivation cost (libsodium's scryptsalsa208sha256 "sensitive" limits)
SCRYPT_OPSLIMIT = 33554432
SCRYPT_MEMLIMIT = 1073741824
# scrypt memory limit we accept from a secret key file (minisign writes 1 GiB)
_MAX_SCRYPT_MEM = 2 << 30

PasswordCallback = Callable[[], str]


def format_key_id(key_id: bytes) -> str:
    """The key id as minisign prints it: 16 uppercase hex digits (little-endian integer)."""
    return key_id[::-1].hex().upper()


def parse_key_id(text: str) -> bytes:
    """The inverse of `format_key_id`; raises SignatureError on a malformed id."""
    text = text.strip()
    if len(text) != 16:
        raise SignatureError(f"key id must be 16 hex digits, got {text!r}")
    try:
        return bytes.fromhex(text)[::-1]
    except ValueError:
        raise SignatureError(f"key id must be 16 hex digits, got {text!r}") from None


def _b64decode(text: str, what: str) -> bytes:
    try:
        return base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise SignatureError(f"{what}: not valid base64") from None


def _check_comment(comment: str) -> str:
    if "\n" in comment or "\r" in comment or "\0" in comment:
        raise SignatureError("a comment may not contain line breaks or NUL")
    if len(comment) > MAX_COMMENT:
        raise SignatureError(f"comment longer than {MAX_COMMENT} characters")
    return comment


@dataclass(frozen=True)
class PublicKey:
    """A minisign public key: 8-byte key id and 32-byte Ed25519 key."""

    key_id: bytes
    key: bytes
    comment: str = field(default="", compare=False)

    @property
    def key_id_hex(self) -> str:
        return format_key_id(self.key_id)

    @property
    def fingerprint(self) -> str:
        """sha256 of the 32-byte public key, lowercase hex."""
        return hashlib.sha256(self.key).hexdigest()

    @property
    def fingerprint_grouped(self) -> str:
        """The fingerprint in groups of four hex digits, for people to compare."""
        fp = self.fingerprint.upper()
        return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4))

    def to_base64(self) -> str:
        return base64.b64encode(SIG_ALG + self.key_id + self.key).decode("ascii")

    def to_text(self, comment: str | None = None) -> str:
        """The .pub file's text."""
        c = comment if comment is not None else f"minisign public key {self.key_id_hex}"
        return f"{UNTRUSTED_PREFIX}{_check_comment(c)}\n{self.to_base64()}\n"

    @classmethod
    def from_base64(cls, text: str, comment: str = "") -> PublicKey:
        raw = _b64decode(text, "public key")
        if len(raw) != 42 or raw[:2] != SIG_ALG:
            raise SignatureError("not a minisign Ed25519 public key")
        return cls(key_id=raw[2:10], key=raw[10:42], comment=comment)

    @classmethod
    def from_text(cls, text: str) -> PublicKey:
        """Parse a .pub file's text, or the bare base64 line (`minisign -P` form)."""
        lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
        if not lines:
            raise SignatureError("empty public key")
        comment = ""
        if lines[0].startswith(UNTRUSTED_PREFIX):
            comment = lines[0][len(UNTRUSTED_PREFIX) :]
            lines = lines[1:]
        if len(lines) != 1:
            raise SignatureError("a public key is one base64 line after its comment")
        return cls.from_base64(lines[0], comment)

    @classmethod
    def load(cls, path: Path) -> PublicKey:
        try:
            data = path.read_bytes()[:MAX_SIG_FILE]
            return cls.from_text(data.decode("utf-8"))
        except UnicodeDecodeError:
            raise SignatureError(f"{path}: not a minisign public key") from None
        except OSError as exc:
            raise SignatureError(f"{path}: cannot read: {exc.strerror}") from None

    def _ed(self) -> Ed25519PublicKey:
        return Ed25519PublicKey.from_public_bytes(self.key)


@dataclass(frozen=True)
class SecretKey:
    """A minisign secret key (decrypted): key id and the 32-byte Ed25519 seed."""

    key_id: bytes
    seed: bytes = field(repr=False)

    @property
    def key_id_hex(self) -> str:
        return format_key_id(self.key_id)

    def _ed(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self.seed)

    def public_key(self) -> PublicKey:
        pk = self._ed().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return PublicKey(self.key_id, pk, f"minisign public key {self.key_id_hex}")

    def _sk64(self) -> bytes:
        return self.seed + self.public_key().key

    def to_text(self, password: str | None = None) -> str:
        """The secret key file: unencrypted (as `minisign -G -W` writes it), or with a
        password encrypted the way `minisign -G` does (scrypt, minisign's default cost)."""
        sk = self._sk64()
        keynum = self.key_id + sk + _checksum(self.key_id, sk)
        if password is None:
            head = SIG_ALG + KDF_NONE + CHK_ALG + bytes(32) + bytes(16)
        else:
            if not password:
                raise SignatureError("an empty password does not protect a key")
            salt = os.urandom(32)
            stream = _scrypt_stream(password, salt, SCRYPT_OPSLIMIT, SCRYPT_MEMLIMIT, len(keynum))
            keynum = bytes(a ^ b for a, b in zip(keynum, stream, strict=True))
            limits = struct.pack("<QQ", SCRYPT_OPSLIMIT, SCRYPT_MEMLIMIT)
            head = SIG_ALG + KDF_SCRYPT + CHK_ALG + salt + limits
        body = base64.b64encode(head + keynum).decode("ascii")
        return f"{UNTRUSTED_PREFIX}minisign encrypted secret key\n{body}\n"

    @classmethod
    def from_text(cls, text: str, password: PasswordCallback | None = None) -> SecretKey:
        """Parse a secret key file; `password()` is asked only for an encrypted key."""
        lines = [ln for ln in text.strip().splitlines() if ln.strip()]
        if len(lines) != 2 or not lines[0].startswith(UNTRUSTED_PREFIX):
            raise SignatureError("not a minisign secret key")
        raw = _b64decode(lines[1], "secret key")
        if len(raw) != _SK_LEN or raw[:2] != SIG_ALG or raw[4:6] != CHK_ALG:
            raise SignatureError("not a minisign Ed25519 secret key")
        kdf = raw[2:4]
        salt = raw[6:38]
        opslimit, memlimit = struct.unpack("<QQ", raw[38:54])
        keynum = raw[54:]
        if kdf == KDF_SCRYPT:
            if password is None:
                raise SignatureError("the secret key is password-protected: a password is needed")
            stream = _scrypt_stream(password(), salt, opslimit, memlimit, len(keynum))
            keynum = bytes(a ^ b for a, b in zip(keynum, stream, strict=True))
        elif kdf != KDF_NONE:
            raise SignatureError("secret key: unsupported key derivation")
        key_id, sk, chk = keynum[:8], keynum[8:72], keynum[72:104]
        # minisign -W (0.11) leaves the checksum of an unencrypted key all zeros
        zero_ok = kdf == KDF_NONE and chk == bytes(32)
        if not zero_ok and not secrets.compare_digest(_checksum(key_id, sk), chk):
            if kdf == KDF_SCRYPT:
                raise SignatureError("wrong password for the secret key")
            raise SignatureError("secret key checksum mismatch (corrupt key file)")
        key = cls(key_id=key_id, seed=sk[:32])
        if key.public_key().key != sk[32:]:
            raise SignatureError("secret key is inconsistent (corrupt key file)")
        return key

    @classmethod
    def load(cls, path: Path, password: PasswordCallback | None = None) -> SecretKey:
        try:
            text = path.read_bytes()[:MAX_SIG_FILE].decode("utf-8")
        except UnicodeDecodeError:
            raise SignatureError(f"{path}: not a minisign secret key") from None
        except OSError as exc:
            raise SignatureError(f"{path}: cannot read: {exc.strerror}") from None
        return cls.from_text(text, password)


def _checksum(key_id: bytes, sk: bytes) -> bytes:
    return hashlib.blake2b(SIG_ALG + key_id + sk, digest_size=32).digest()


def _scrypt_params(opslimit: int, memlimit: int) -> tuple[int, int, int]:
    """libsodium's pickparams for scryptsalsa208sha256: (N, r, p)."""
    opslimit = max(opslimit, 32768)
    r = 8
    if opslimit < memlimit // 32:
        p = 1
        max_n = opslimit // (r * 4)
    else:
        max_n = memlimit // (r * 128)
        p = 0
    n_log2 = 1
    while n_log2 < 63 and (1 << n_log2) <= max_n // 2:
        n_log2 += 1
    if p == 0:
        maxrp = min((opslimit // 4) // (1 << n_log2), 0x3FFFFFFF)
        p = max(maxrp // r, 1)
    return 1 << n_log2, r, p


def _scrypt_stream(password: str, salt: bytes, opslimit: int, memlimit: int, n: int) -> bytes:
    big_n, r, p = _scrypt_params(opslimit, memlimit)
    need = 128 * r * (big_n + p + 2) + (1 << 20)  # what OpenSSL allocates, plus slack
    if need > _MAX_SCRYPT_MEM:
        raise SignatureError("secret key: key derivation asks for too much memory")
    try:
        return hashlib.scrypt(
            password.encode("utf-8"), salt=salt, n=big_n, r=r, p=p, maxmem=need, dklen=n
        )
    except (ValueError, MemoryError) as exc:
        raise SignatureError(f"secret key: key derivation failed: {exc}") from None


def generate_key() -> SecretKey:
    """A new random key pair."""
    return SecretKey(key_id=os.urandom(8), seed=os.urandom(32))


@dataclass(frozen=True)
class Signature:
    """A parsed .minisig file."""

    algorithm: bytes
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes
    untrusted_comment: str = ""

    @property
    def key_id_hex(self) -> str:
        return format_key_id(self.key_id)

    def to_text(self) -> str:
        line = base64.b64encode(self.algorithm + self.key_id + self.signature).decode("ascii")
        glob = base64.b64encode(self.global_signature).decode("ascii")
        return (
            f"{UNTRUSTED_PREFIX}{self.untrusted_comment}\n{line}\n"
            f"{TRUSTED_PREFIX}{self.trusted_comment}\n{glob}\n"
        )

    @classmethod
    def from_text(cls, text: str | bytes) -> Signature:
        if isinstance(text, bytes):
            if len(text) > MAX_SIG_FILE:
                raise SignatureError("signature file is too large")
            try:
                text = text.decode("utf-8")
            except UnicodeDecodeError:
                raise SignatureError("signature file is not UTF-8") from None
        lines = text.splitlines()
        while lines and not lines[-1].strip():
            lines.pop()
        if len(lines) != 4:
            raise SignatureError("malformed signature file: expected 4 lines")
        if not lines[0].startswith(UNTRUSTED_PREFIX):
            raise SignatureError("malformed signature file: no untrusted comment")
        if not lines[2].startswith(TRUSTED_PREFIX):
            raise SignatureError("malformed signature file: no trusted comment")
        raw = _b64decode(lines[1], "signature")
        if len(raw) != 74 or raw[:2] not in (ALG_PREHASHED, ALG_LEGACY):
            raise SignatureError("malformed signature: unsupported algorithm or length")
        glob = _b64decode(lines[3], "global signature")
        if len(glob) != 64:
            raise SignatureError("malformed global signature")
        return cls(
            algorithm=raw[:2],
            key_id=raw[2:10],
            signature=raw[10:74],
            trusted_comment=lines[2][len(TRUSTED_PREFIX) :],
            global_signature=glob,
            untrusted_comment=lines[0][len(UNTRUSTED_PREFIX) :],
        )


def _prehash(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=64).digest()


def sign(
    data: bytes,
    key: SecretKey,
    *,
    trusted_comment: str = "",
    untrusted_comment: str = "signature from minisign secret key",
    prehashed: bool = True,
) -> str:
    """Sign `data`; returns the .minisig text. Deterministic (Ed25519) for the same input."""
    _check_comment(trusted_comment)
    _check_comment(untrusted_comment)
    alg = ALG_PREHASHED if prehashed else ALG_LEGACY
    ed = key._ed()
    sig = ed.sign(_prehash(data) if prehashed else data)
    glob = ed.sign(sig + trusted_comment.encode("utf-8"))
    return Signature(alg, key.key_id, sig, trusted_comment, glob, untrusted_comment).to_text()


def verify(data: bytes, signature: Signature | str | bytes, key: PublicKey) -> str:
    """Check `signature` of `data` by `key`; returns the trusted comment.

    Raises SignatureError naming what failed: key id, signature, or global signature.
    """
    sig = signature if isinstance(signature, Signature) else Signature.from_text(signature)
    if sig.key_id != key.key_id:
        raise SignatureError(
            f"signature was made by key {sig.key_id_hex}, not by key {key.key_id_hex}"
        )
    ed = key._ed()
    message = _prehash(data) if sig.algorithm == ALG_PREHASHED else data
    try:
        ed.verify(sig.signature, message)
    except InvalidSignature:
        raise SignatureError(f"signature verification failed (key {key.key_id_hex})") from None
    try:
        ed.verify(sig.global_signature, sig.signature + sig.trusted_comment.encode("utf-8"))
    except InvalidSignature:
        raise SignatureError("trusted comment signature verification failed") from None
    return sig.trusted_comment


def write_key_pair(
    path: Path, key: SecretKey | None = None, *, password: str | None = None
) -> tuple[Path, Path]:
    """Write `path` (secret key, mode 600) and `path.pub`; refuses to overwrite either.

    With `password` the secret key is encrypted as `minisign -G` does it."""
    key = key or generate_key()
    pub_path = path.with_name(path.name + ".pub")
    for p in (path, pub_path):
        if p.exists() or p.is_symlink():
            raise SignatureError(f"{p} already exists: not overwriting a key file")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        secret_text = key.to_text(password)
        fd = os.open(path, flags, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secret_text)
        fd = os.open(pub_path, flags, 0o644)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key.public_key().to_text())
    except OSError as exc:
        raise SignatureError(f"cannot write key file: {exc.strerror}: {exc.filename}") from None
    return path, pub_path
