"""What every subcommand shares: the data dir and a lazily opened knowledge base."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kbclient.core.paths import default_data_dir

if TYPE_CHECKING:
    from kbclient.core.kb import KnowledgeBase


@dataclass
class CliContext:
    """Opens the knowledge base on first use, so commands that need none stay fast."""

    data_dir: Path | None = None
    _kb: KnowledgeBase | None = field(default=None, repr=False)

    @property
    def root(self) -> Path:
        return self.data_dir if self.data_dir is not None else default_data_dir()

    def kb(self) -> KnowledgeBase:
        if self._kb is None:
            from kbclient.core.kb import KnowledgeBase

            self._kb = KnowledgeBase.open(self.root, progress=stderr_progress("indexing"))
        return self._kb

    def close(self) -> None:
        if self._kb is not None:
            self._kb.close()
            self._kb = None


def stderr_progress(label: str):  # type: ignore[no-untyped-def]
    """A progress callback that draws on stderr only when it is a terminal."""
    last = [-1]

    def report(done: int, total: int) -> None:
        if not sys.stderr.isatty() or total <= 0:
            return
        pct = done * 100 // total
        if pct != last[0]:
            last[0] = pct
            end = "\n" if done >= total else ""
            print(f"\r{label}: {done}/{total} ({pct}%)", end=end, file=sys.stderr, flush=True)

    return report
