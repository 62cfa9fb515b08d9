"""The trust store: add, list, look up and remove publisher keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from kbclient.core.errors import SignatureError
from kbclient.core.packs import minisign
from kbclient.core.packs.trust import TrustStore


def test_add_from_file_and_base64_list_lookup_remove(tmp_path: Path) -> None:
    store = TrustStore(tmp_path / "trust")
    assert store.list() == []
    _sec, pub_path = minisign.write_key_pair(tmp_path / "a")
    b = minisign.generate_key().public_key()

    a_entry = store.add_spec(str(pub_path))
    b_entry = store.add_spec(b.to_base64())
    listed = store.list()
    assert [k.key_id for k in listed] == sorted([a_entry.key_id, b_entry.key_id])
    for k in listed:
        assert len(k.fingerprint) == 64
        assert k.added.endswith("Z")
    assert store.get(b.key_id) == b
    assert store.get(b.key_id_hex.lower()) == b
    assert (tmp_path / "trust" / f"{b.key_id_hex}.pub").is_file()
    # each stored file is a valid minisign public key file
    assert minisign.PublicKey.load(tmp_path / "trust" / f"{b.key_id_hex}.pub") == b

    store.remove(b.key_id_hex)
    assert store.get(b.key_id) is None
    with pytest.raises(SignatureError, match="no trusted key"):
        store.remove(b.key_id_hex)
    with pytest.raises(SignatureError, match="16 hex digits"):
        store.remove("xyz")


def test_add_is_idempotent_and_keeps_comment(tmp_path: Path) -> None:
    store = TrustStore(tmp_path / "trust")
    key = minisign.generate_key().public_key()
    first = store.add(key, comment="Platform secretariat")
    again = store.add(key)
    assert again.added == first.added
    assert store.list()[0].comment == "Platform secretariat"


def test_conflicting_key_with_same_id_refused(tmp_path: Path) -> None:
    store = TrustStore(tmp_path / "trust")
    key = minisign.generate_key().public_key()
    store.add(key)
    clash = minisign.PublicKey(key.key_id, minisign.generate_key().public_key().key)
    with pytest.raises(SignatureError, match="already trusted"):
        store.add(clash)


def test_bad_specs_refused(tmp_path: Path) -> None:
    store = TrustStore(tmp_path / "trust")
    with pytest.raises(SignatureError, match="neither"):
        store.add_spec(str(tmp_path / "missing.pub"))
    bad = tmp_path / "bad.pub"
    bad.write_text("untrusted comment: x\nAAAA\n")
    with pytest.raises(SignatureError):
        store.add_spec(str(bad))
    assert store.list() == []


def test_hand_dropped_and_broken_files(tmp_path: Path) -> None:
    folder = tmp_path / "trust"
    folder.mkdir()
    key = minisign.generate_key().public_key()
    (folder / f"{key.key_id_hex}.pub").write_text(key.to_text())
    (folder / "0000000000000000.pub").write_text("garbage")
    (folder / "notes.txt").write_text("ignored")
    store = TrustStore(folder)
    assert [k.key_id for k in store.list()] == [key.key_id_hex]
    assert store.list()[0].comment == f"minisign public key {key.key_id_hex}"
