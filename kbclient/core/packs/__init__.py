"""Content packs: build, sign, verify and import `.kbpack` files; trusted publisher keys."""

from kbclient.core.packs.archive import DEFAULT_LIMITS, Limits, SafeZip
from kbclient.core.packs.build import BuildResult, PackBuildError, build_pack
from kbclient.core.packs.importer import import_pack, verify_pack_file
from kbclient.core.packs.manifest import PackManifest, parse_manifest
from kbclient.core.packs.minisign import PublicKey, SecretKey
from kbclient.core.packs.trust import TrustedKey, TrustStore
from kbclient.core.packs.verify import VerifiedPack, VerifyReport, open_pack

__all__ = [
    "DEFAULT_LIMITS",
    "BuildResult",
    "Limits",
    "PackBuildError",
    "PackManifest",
    "PublicKey",
    "SafeZip",
    "SecretKey",
    "TrustStore",
    "TrustedKey",
    "VerifiedPack",
    "VerifyReport",
    "build_pack",
    "import_pack",
    "open_pack",
    "parse_manifest",
    "verify_pack_file",
]
