"""Benchmarks of kbclient's search against SQLite FTS5, with a deterministic corpus generator.

Run with `python -m bench.run` (or `make bench`); see bench/README.md and docs/PERFORMANCE.md.
"""
