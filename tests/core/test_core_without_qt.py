"""The core must run without Qt: importing it and searching never loads PySide6."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CODE = """
import sys
from kbclient.core.kb import KnowledgeBase
import kbclient.core.packs, kbclient.cli
kb = KnowledgeBase.open(sys.argv[1])
result = kb.search("隐私计算 OR privacy")
kb.close()
assert result.total > 0, result
bad = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
print(",".join(bad))
"""


def test_core_and_a_search_never_import_pyside6(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", CODE, str(tmp_path / "data")],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert out.stdout.strip() == ""
