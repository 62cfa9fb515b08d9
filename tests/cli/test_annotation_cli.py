"""`kbclient annotate` and `kbclient annotations list|export|import|delete`, end to end.

Runs the real command in a subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

DOC = "rn-2019-0012"
QUOTE = "监管沙盒允许创新产品在受控范围内面向真实客户运行"


def kb(
    data: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if k != "KBCLIENT_DATA_DIR"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "kbclient", "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=full_env,
        cwd=Path(__file__).resolve().parents[2],
    )


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def test_annotate_list_export_import(data: Path, tmp_path: Path) -> None:
    done = kb(
        data,
        "annotate",
        DOC,
        "--quote",
        QUOTE,
        "--note",
        "**key** point",
        "--tag",
        "沙盒",
        "--tag",
        "risk",
        "--colour",
        "green",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    made = json.loads(done.stdout)
    assert made["doc"] == DOC and made["quote"] == QUOTE and made["tags"] == ["沙盒", "risk"]
    assert made["team"] == "local" and made["author"]

    done = kb(data, "annotations", "list", "--json")
    assert done.returncode == 0, done.stderr
    listed = json.loads(done.stdout)
    assert listed["total"] == 1
    assert listed["annotations"][0]["id"] == made["id"]
    assert listed["annotations"][0]["orphaned"] is False

    done = kb(data, "annotations", "list", DOC)
    assert done.returncode == 0 and QUOTE[:20] in done.stdout and "1 annotation(s)" in done.stdout

    out = tmp_path / "notes.jsonld"
    assert kb(data, "annotations", "export", str(out)).returncode == 0
    exported = json.loads(out.read_text("utf-8"))
    assert exported["type"] == "AnnotationCollection" and exported["total"] == 1
    md = tmp_path / "notes.md"
    assert kb(data, "annotations", "export", str(md)).returncode == 0
    text = md.read_text("utf-8")
    assert f"> {QUOTE}" in text and "**key** point" in text and "监管沙盒试点的风险评估方法" in text

    other = tmp_path / "other"
    done = kb(other, "annotations", "import", str(out))
    assert done.returncode == 0, done.stderr
    assert "1 new" in done.stdout
    assert "0 new, 0 updated, 1 unchanged" in kb(other, "annotations", "import", str(out)).stdout
    listed = json.loads(kb(other, "annotations", "list", "--json").stdout)
    assert [a["id"] for a in listed["annotations"]] == [made["id"]]

    done = kb(data, "annotations", "delete", made["id"])
    assert done.returncode == 0, done.stderr
    assert json.loads(kb(data, "annotations", "list", "--json").stdout)["total"] == 0
    deleted = json.loads(kb(data, "annotations", "list", "--deleted", "--json").stdout)
    assert deleted["annotations"][0]["deleted"] is True


def test_orphans_are_marked(data: Path, tmp_path: Path) -> None:
    from kbclient.core.annotations.export import export_jsonld
    from kbclient.core.annotations.model import create_annotation

    text = "A passage that is in no document of the library at all, anywhere."
    a = create_annotation(text, 2, 30, doc=DOC, doc_version=1, author="bob", team="legal")
    f = tmp_path / "orphan.jsonld"
    f.write_bytes(export_jsonld([a]))
    assert kb(data, "annotations", "import", str(f)).returncode == 0
    done = kb(data, "annotations", "list")
    assert "ORPHANED" in done.stdout and "text changed" in done.stdout
    listed = json.loads(kb(data, "annotations", "list", DOC, "--json").stdout)
    assert listed["annotations"][0]["orphaned"] is True


def test_errors_are_one_line(data: Path, tmp_path: Path) -> None:
    done = kb(data, "annotate", DOC, "--quote", "no such words anywhere", "--note", "x")
    assert done.returncode == 1
    assert done.stderr.startswith("kbclient: error: ") and "does not occur" in done.stderr
    assert "Traceback" not in done.stderr
    done = kb(data, "annotate", "no-such-doc", "--quote", "x")
    assert done.returncode == 1 and "no-such-doc" in done.stderr
    bad = tmp_path / "bad.jsonld"
    bad.write_text('[{"type": "Annotation"}]', "utf-8")
    done = kb(data, "annotations", "import", str(bad))
    assert done.returncode == 1 and "item 1" in done.stderr
    done = kb(data, "annotations", "export", str(tmp_path / "x.pdf"))
    assert done.returncode == 1 and ".md" in done.stderr
    done = kb(data, "annotate", DOC, "--quote", QUOTE, "--colour", "javascript:alert(1)")
    assert done.returncode == 1 and "colour" in done.stderr


def test_author_and_team_from_settings(data: Path) -> None:
    data.mkdir(parents=True)
    (data / "settings.json").write_text(
        json.dumps(
            {
                "format": 1,
                "remote": {"url": "https://kb.example.org/dav", "user": "li.wei", "team": "risk"},
            }
        ),
        "utf-8",
    )
    done = kb(data, "annotate", DOC, "--quote", QUOTE, "--json")
    assert done.returncode == 0, done.stderr
    made = json.loads(done.stdout)
    assert (made["author"], made["team"]) == ("li.wei", "risk")
