"""Time from starting the desktop app's process to its first paint and first result.

`python -m bench.gui_startup [--data-dir DIR] [--runs 3]` starts `kbclient --screenshot`
offscreen in a new process per run and reads the app's own start-up log lines, which carry
wall-clock timestamps; the clock starts just before the process is spawned, so interpreter
start and imports are included. Without --data-dir a fresh data dir is used: the first run
installs the built-in library, later runs are ordinary starts.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_LINE = re.compile(r"startup: (window shown|first results) after [\d.]+ ms .* at ([\d.]+)")


def one_start(data_dir: Path, shot: Path, query: str | None = None) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    t0 = time.time()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kbclient",
            "-v",
            "--data-dir",
            str(data_dir),
            "--screenshot",
            str(shot),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    seen = {m.group(1): float(m.group(2)) - t0 for m in _LINE.finditer(done.stderr)}
    if done.returncode != 0 or len(seen) != 2:
        raise SystemExit(f"the app did not start cleanly (rc {done.returncode}):\n{done.stderr}")
    return {"first_paint_s": seen["window shown"], "first_result_s": seen["first results"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="an existing data dir (default: fresh)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query", help="type this at start: first result is a real search")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        data = args.data_dir or Path(tmp) / "data"
        runs = [one_start(data, Path(tmp) / f"shot-{i}.png", args.query) for i in range(args.runs)]
    out = {
        "runs": runs,
        "median_first_paint_s": statistics.median(r["first_paint_s"] for r in runs),
        "median_first_result_s": statistics.median(r["first_result_s"] for r in runs),
    }
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
