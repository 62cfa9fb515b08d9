"""Child process of the kill tests: sync DATA from URL; with KILL_IN_INSTALL=1 SIGKILL itself
inside the install transaction (hook by monkeypatching here, never in production code).

    python tests/core/sync/sync_child.py DATA URL
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))  # the repository root

from kbclient.core.kb import KnowledgeBase
from kbclient.core.library import Library
from kbclient.core.sync.engine import SyncEngine
from kbclient.core.sync.remote import open_remote


def main() -> None:
    data, url = Path(sys.argv[1]), sys.argv[2]
    if os.environ.get("KILL_IN_INSTALL") == "1":
        real = Library.write_pack

        def killing(self: Library, *args: Any, **kwargs: Any) -> Any:
            os.kill(os.getpid(), signal.SIGKILL)
            return real(self, *args, **kwargs)

        Library.write_pack = killing  # type: ignore[method-assign]
    with KnowledgeBase.open(data, install_builtin=False) as kb, open_remote(url) as remote:
        SyncEngine(remote, kb).sync()


if __name__ == "__main__":
    main()
