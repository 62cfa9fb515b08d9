"""`kbclient search / show / index` on the built-in library, as a user runs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.cli.helpers import run_kbclient


def test_chinese_search_finds_builtin_documents(builtin_data: Path) -> None:
    done = run_kbclient(builtin_data, "search", "隐私计算")
    assert done.returncode == 0, done.stderr
    assert "result(s) for '隐私计算'" in done.stdout
    assert "[隐私计算]" in done.stdout or "[隐私]" in done.stdout  # marked in the snippet


def test_search_json_has_the_documented_shape(builtin_data: Path) -> None:
    done = run_kbclient(builtin_data, "search", "open banking API", "--json")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert set(result) == {"query", "total", "took_ms", "hits", "facets"}
    assert result["query"] == "open banking API" and result["total"] >= 1
    hit = result["hits"][0]
    assert set(hit) == {"id", "title", "kind", "score", "snippet"}
    assert set(result["facets"]) == {"kind", "tag", "org", "lang", "pack"}
    assert result["facets"]["pack"] == {"builtin": result["total"]}


def test_field_filter_restricts_kind(builtin_data: Path) -> None:
    done = run_kbclient(builtin_data, "search", "监管沙盒 kind:research-note", "--json")
    result = json.loads(done.stdout)
    assert result["total"] >= 1
    assert {h["kind"] for h in result["hits"]} == {"research-note"}
    limited = json.loads(
        run_kbclient(
            builtin_data, "search", "监管沙盒", "--kind", "standard-draft", "--json"
        ).stdout
    )
    assert {h["kind"] for h in limited["hits"]} <= {"standard-draft"}


def test_show_prints_metadata_and_plain_text(builtin_data: Path) -> None:
    first = json.loads(run_kbclient(builtin_data, "search", "监管沙盒", "--json").stdout)
    doc_id = first["hits"][0]["id"]
    done = run_kbclient(builtin_data, "show", doc_id)
    assert done.returncode == 0, done.stderr
    assert f"id: {doc_id}" in done.stdout and "pack: builtin" in done.stdout
    assert "---" not in done.stdout.splitlines()[0]
    html = run_kbclient(builtin_data, "show", doc_id, "--html").stdout
    assert "<h1" in html and "<script" not in html


def test_unknown_document_is_a_one_line_error(builtin_data: Path) -> None:
    done = run_kbclient(builtin_data, "show", "no-such-doc")
    assert done.returncode == 1
    assert (
        done.stderr.strip() == "kbclient: error: no document with id 'no-such-doc' in the library"
    )


def test_malformed_queries_never_trace_back(builtin_data: Path) -> None:
    for query in ['"unbalanced', "-", "kind:", "x" * 10_000, "((( OR AND NOT", "💥 ~~ **"]:
        done = run_kbclient(builtin_data, "search", query, "--json")
        assert done.returncode == 0, (query[:20], done.stderr)
        assert "Traceback" not in done.stderr
        json.loads(done.stdout)


def test_index_check_detects_damage_and_rebuild_repairs_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run_kbclient(data, "index", "rebuild").returncode == 0
    assert run_kbclient(data, "index", "check").returncode == 0
    for part in (data / "index").iterdir():
        shutil.rmtree(part)
    check = run_kbclient(data, "index", "check")
    assert check.returncode == 1 and "builtin" in check.stdout
    assert run_kbclient(data, "index", "rebuild").returncode == 0
    assert run_kbclient(data, "index", "check").returncode == 0


def test_search_finds_documents_through_notes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text(
        json.dumps(
            {
                "format": 1,
                "remote": {"url": "https://kb.example.org/dav", "user": "王伟", "team": "risk"},
            }
        ),
        "utf-8",
    )
    doc, quote = "rn-2019-0012", "监管沙盒允许创新产品在受控范围内面向真实客户运行"
    assert json.loads(run_kbclient(data, "search", "zephyrine", "--json").stdout)["total"] == 0
    done = run_kbclient(data, "annotate", doc, "--quote", quote, "--note", "zephyrine risk")
    assert done.returncode == 0, done.stderr

    text = run_kbclient(data, "search", "zephyrine")
    assert text.returncode == 0, text.stderr
    assert "1 result(s)" in text.stdout and f"[{doc}]" in text.stdout
    assert "(note by 王伟)" in text.stdout

    result = json.loads(run_kbclient(data, "search", "zephyrine", "--json").stdout)
    assert result["total"] == 1 and result["hits"][0]["id"] == doc
    assert result["hits"][0]["notes_by"] == ["王伟"]
    assert result["facets"]["pack"] == {"builtin": 1}

    # hits not found through a note keep the documented shape
    plain = json.loads(run_kbclient(data, "search", "open banking API", "--json").stdout)
    assert plain["total"] >= 1 and all("notes_by" not in h for h in plain["hits"])

    only = json.loads(run_kbclient(data, "search", "监管沙盒", "--annotated", "--json").stdout)
    assert [h["id"] for h in only["hits"]] == [doc] and only["total"] == 1
    everything = json.loads(run_kbclient(data, "search", "监管沙盒", "--json").stdout)
    assert everything["total"] > 1
