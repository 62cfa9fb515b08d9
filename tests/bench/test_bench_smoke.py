"""Smoke test of the benchmark: a deterministic corpus of the right shape, and a quick run."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from bench import corpus
from bench.fts5 import translate

ROOT = Path(__file__).resolve().parents[2]


def test_corpus_is_deterministic_and_prefix_stable() -> None:
    a = list(corpus.generate(50, seed=7))
    b = list(corpus.generate(50, seed=7))
    assert a == b
    assert list(corpus.generate(20, seed=7)) == a[:20]
    assert list(corpus.generate(10, seed=7, start=41)) == a[40:]
    assert list(corpus.generate(5, seed=8)) != a[:5]
    assert [i for i, _ in a[:2]] == ["bench-000001", "bench-000002"]


def test_corpus_size_and_language_distribution() -> None:
    docs = list(corpus.generate(1500))
    sizes = sorted(len(raw) for _, raw in docs)
    assert 2500 <= statistics.median(sizes) <= 3600
    assert sizes[-1] <= corpus.MAX_BYTES
    assert sizes[int(len(sizes) * 0.99)] >= 10_000  # a long tail
    langs = [raw.split(b"\nlang: ", 1)[1][:2] for _, raw in docs]
    for lang in (b"zh", b"en", b"mi"):
        assert 0.25 <= langs.count(lang) / len(langs) <= 0.42
    text = b"".join(raw for _, raw in docs[:200]).decode()
    for word in ("监管沙盒", "数字人民币", "regulated", "sandbox"):
        assert word in text


def test_corpus_documents_parse() -> None:
    documents = pytest.importorskip("kbclient.core.documents")
    for ident, raw in corpus.generate(30):
        try:
            doc = documents.parse_document(raw, f"{ident}.md")
        except NotImplementedError:
            pytest.skip("parse_document is not written yet")
        assert doc.id == ident
        assert doc.title and doc.plain_text
        assert doc.kind in documents.KINDS and doc.lang in documents.LANGS


def test_revision_keeps_id_and_adds_a_probe_word() -> None:
    [(ident, raw)] = corpus.revised([3])
    assert ident == "bench-000003"
    assert b"benchrev000003" in raw
    assert b"\nversion: " in raw and raw != corpus.make_document(3)


def test_fts5_translation_of_short_and_negated_terms() -> None:
    t = translate("数字人民币 -试点")
    assert t.match == '("数字人民币")'
    assert "NOT (+title LIKE" in t.where
    assert translate("fin*").match == '("fin")'
    assert translate("kind:standard-draft 数据").params[-1] == "standard-draft"


@pytest.mark.slow
def test_quick_run_writes_results(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.run",
            "--quick",
            "--no-rebuild",
            "--out",
            str(tmp_path),
            "--corpus-dir",
            str(tmp_path / "corpus"),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if proc.returncode != 0 and "NotImplementedError" in proc.stderr:
        pytest.skip("the search engine is not complete yet")
    assert proc.returncode == 0, proc.stderr[-3000:]
    result = json.loads((tmp_path / "results-300.json").read_text(encoding="utf-8"))
    for key in ("size", "machine", "corpus", "kbclient", "fts5", "ratios", "targets", "per_query"):
        assert key in result
    assert result["size"] == 300
    for key in ("build", "index_bytes", "query", "cold_start", "update"):
        assert key in result["kbclient"]
    for key in ("p50_ms", "p95_ms", "p99_ms"):
        assert result["kbclient"]["query"][key] > 0
        assert result["fts5"]["query"][key] > 0
    assert result["kbclient"]["update"]["kb_probe_found"]
    assert result["per_query"]["监管沙盒"]["kb_total"] > 0
