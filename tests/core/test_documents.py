"""Tests of kbclient.core.documents: front matter, safe HTML, the plain-text form, outline."""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest

from kbclient.core.documents import (
    MAX_DOCUMENT_BYTES,
    MAX_FRONT_MATTER_CHARS,
    Document,
    Heading,
    detect_lang,
    doc_links,
    headings,
    load_document,
    markdown_to_text,
    parse_document,
    render_html,
)
from kbclient.core.errors import DocumentError

SOURCE = "library/rn-1.md"

FULL = """\
---
id: rn-2019-0042
title: 监管沙盒试点的风险评估方法
kind: research-note
lang: zh
tags: [regtech, 监管沙盒, 2019]
org: 中国银行业协会
authors: [Li Wei, Wang Fang]
version: 3
updated: 2019-05-21
status: draft
reviewer: someone     # unknown keys are ignored
---
# 监管沙盒试点的风险评估方法

正文。
"""


def make(front: str, body: str = "Body text.\n") -> bytes:
    """A document file from front-matter lines (without the --- fences) and a body."""
    return f"---\n{front}---\n{body}".encode()


def parse_error(data: bytes) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        parse_document(data, SOURCE)
    return info.value


def assert_names(error: DocumentError, line: int, field: str | None) -> None:
    """The message a user sees names the file, the line and (where known) the field."""
    assert error.source == SOURCE
    assert error.line == line
    assert error.field == field
    prefix = f"{SOURCE}:{line}: " + (f"{field}: " if field else "")
    assert str(error).startswith(prefix), str(error)


# ------------------------------------------------------------------------ parsing


def test_every_field_is_read() -> None:
    doc = parse_document(FULL.encode(), SOURCE)

    assert doc == Document(
        id="rn-2019-0042",
        title="监管沙盒试点的风险评估方法",
        kind="research-note",
        lang="zh",
        tags=("regtech", "监管沙盒", "2019"),
        org="中国银行业协会",
        authors=("Li Wei", "Wang Fang"),
        version=3,
        updated="2019-05-21",
        status="draft",
        body="# 监管沙盒试点的风险评估方法\n\n正文。\n",
    )
    assert doc.plain_text == "监管沙盒试点的风险评估方法\n正文。"


def test_missing_optional_fields_get_defaults() -> None:
    doc = parse_document(make("id: rn-1\ntitle: Sandbox risk\n", "Plain English text.\n"), SOURCE)

    assert (doc.kind, doc.tags, doc.org, doc.authors) == ("other", (), "", ())
    assert (doc.version, doc.updated, doc.status) == (1, "", "published")
    assert doc.lang == "en"


def test_empty_values_count_as_missing() -> None:
    doc = parse_document(make("id: rn-1\ntitle: T\nkind:\ntags:\nupdated: ''\n"), SOURCE)

    assert (doc.kind, doc.tags, doc.updated) == ("other", (), "")


@pytest.mark.parametrize(
    ("body", "lang"),
    [
        ("监管沙盒试点的风险评估方法，关注 RegTech 与合规。", "zh"),
        ("A regulatory sandbox lets firms test products under supervision.", "en"),
        ("监管沙盒 regulatory sandbox: firms test new products under supervision.", "mixed"),
        ("12345", "mixed"),
    ],
)
def test_missing_lang_is_detected_from_title_and_body(body: str, lang: str) -> None:
    doc = parse_document(make("id: rn-1\ntitle: '2019'\n", body), SOURCE)

    assert doc.lang == lang
    assert doc.plain_text == body  # seeded by the detection, same as computing it


def test_detect_lang_ignores_link_urls() -> None:
    assert (
        detect_lang(
            markdown_to_text("见[监管沙盒的方法](https://example.org/very/long/english/path)")
        )
        == "zh"
    )


def test_lists_accept_a_single_string_and_numbers() -> None:
    doc = parse_document(
        make("id: rn-1\ntitle: 1984\ntags: regtech\nauthors: Li Wei\norg: 42\n"), SOURCE
    )

    assert (doc.title, doc.tags, doc.authors, doc.org) == ("1984", ("regtech",), ("Li Wei",), "42")


def test_tags_are_stripped_and_repeats_dropped() -> None:
    doc = parse_document(make("id: rn-1\ntitle: T\ntags: [' a ', b, a, '', 1.5]\n"), SOURCE)

    assert doc.tags == ("a", "b", "1.5")


@pytest.mark.parametrize(
    "value", ["2019-05-21", "'2019-05-21'", "2019-05-21 10:30:00", "2019-05-21T23:00:00+08:00"]
)
def test_updated_is_normalised_to_an_iso_date(value: str) -> None:
    doc = parse_document(make(f"id: rn-1\ntitle: T\nupdated: {value}\n"), SOURCE)

    assert doc.updated == "2019-05-21"


def test_bom_and_crlf_are_tolerated() -> None:
    lf = parse_document(FULL.encode(), SOURCE)
    crlf = parse_document(b"\xef\xbb\xbf" + FULL.replace("\n", "\r\n").encode(), SOURCE)

    assert crlf == lf


def test_crlf_does_not_shift_error_lines() -> None:
    data = b"\xef\xbb\xbf---\r\nid: rn-1\r\ntitle: T\r\nversion: 0\r\n---\r\n"

    assert_names(parse_error(data), 4, "version")


def test_anchor_without_alias_is_harmless() -> None:
    doc = parse_document(make("id: rn-1\ntitle: T\ntags: &t [a]\n"), SOURCE)

    assert doc.tags == ("a",)


def test_empty_body_is_allowed() -> None:
    doc = parse_document(b"---\nid: rn-1\ntitle: T\n---", SOURCE)

    assert (doc.body, doc.plain_text) == ("", "")


def test_load_document_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "rn.md"
    path.write_bytes(FULL.encode())

    assert load_document(path) == parse_document(FULL.encode(), SOURCE)


def test_load_document_refuses_a_huge_file_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.md"
    with path.open("wb") as stream:
        stream.write(FULL.encode())
        stream.truncate(MAX_DOCUMENT_BYTES * 4)

    with pytest.raises(DocumentError, match="too large") as info:
        load_document(path)
    assert info.value.source == str(path)


# (front-matter lines, expected error line, expected field, expected words in the reason)
FIELD_ERRORS = [
    ("id: rn-1\ntitle: T\nkind: research: note\n", 4, None, "invalid YAML"),
    ("id: rn-1\ntitle: T\n\ttags: [a]\n", 4, None, "invalid YAML"),
    ("title: T\n", 1, "id", "missing"),
    ("note: neither id nor title\n", 1, "id", "missing"),
    ("id: RN 1\ntitle: T\n", 2, "id", "not a valid id"),
    ("id: -rn\ntitle: T\n", 2, "id", "not a valid id"),
    ("id: 2019-05-21\ntitle: T\n", 2, "id", "not a valid id"),
    ("id: [a]\ntitle: T\n", 2, "id", "not a valid id"),
    (f"id: {'a' * 129}\ntitle: T\n", 2, "id", "not a valid id"),
    ("id: rn-1\n", 1, "title", "missing"),
    ("id: rn-1\ntitle: '   '\n", 3, "title", "non-empty"),
    ("id: rn-1\ntitle: [a, b]\n", 3, "title", "non-empty"),
    ("id: rn-1\ntitle: T\nkind: essay\n", 4, "kind", "not one of"),
    ("id: rn-1\ntitle: T\nlang: fr\n", 4, "lang", "not one of"),
    ("id: rn-1\ntitle: T\nstatus: final\n", 4, "status", "not one of"),
    ("id: rn-1\ntitle: T\nversion: 0\n", 4, "version", "positive"),
    ("id: rn-1\ntitle: T\nversion: -2\n", 4, "version", "positive"),
    ("id: rn-1\ntitle: T\nversion: '3'\n", 4, "version", "positive"),
    ("id: rn-1\ntitle: T\nversion: 2.5\n", 4, "version", "positive"),
    ("id: rn-1\ntitle: T\nversion: yes\n", 4, "version", "positive"),
    ("id: rn-1\ntitle: T\nupdated: 2019-13-45\n", 4, "updated", "not a date"),
    ("id: rn-1\ntitle: T\nupdated: '2019-02-30'\n", 4, "updated", "not a date"),
    ("id: rn-1\ntitle: T\nupdated: 21.05.2019\n", 4, "updated", "not a date"),
    ("id: rn-1\ntitle: T\nupdated: 20190521\n", 4, "updated", "not a date"),
    ("id: rn-1\ntitle: T\ntags:\n  - a\n  - {b: c}\n", 6, "tags", "item 2"),
    ("id: rn-1\ntitle: T\ntags: [a, no]\n", 4, "tags", "item 2"),
    ("id: rn-1\ntitle: T\ntags: {a: b}\n", 4, "tags", "not a string"),
    ("id: rn-1\ntitle: T\nauthors: [[Li]]\n", 4, "authors", "item 1"),
    ("id: rn-1\ntitle: T\norg: [a]\n", 4, "org", "not a string"),
    ("id: rn-1\ntitle: T\nid: rn-2\n", 4, "id", "twice"),
    ("id: rn-1\ntitle: T\nx: !!python/object/apply:os.system [echo]\n", 4, "x", "constructor"),
    ('id: rn-1\ntitle: T\nnote: "\ufffe"\n', 4, "note", "invalid YAML"),
]


@pytest.mark.parametrize(("front", "line", "field", "reason"), FIELD_ERRORS)
def test_front_matter_errors_name_file_line_and_field(
    front: str, line: int, field: str | None, reason: str
) -> None:
    error = parse_error(make(front))

    assert_names(error, line, field)
    assert reason in error.reason


def test_yaml_aliases_are_refused() -> None:
    laughs = (
        "id: rn-1\ntitle: T\n"
        'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    )
    error = parse_error(make(laughs))

    assert_names(error, 5, "b")
    assert "aliases" in error.reason


def test_yaml_tags_are_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    front = f"id: rn-1\ntitle: T\nx: !!python/object/apply:os.system ['touch {marker}']\n"

    parse_error(make(front))

    assert not marker.exists()


def test_deeply_nested_yaml_is_refused() -> None:
    error = parse_error(make("id: rn-1\ntitle: " + "[" * 20_000 + "\n"))

    assert_names(error, 1, None)
    assert "nested too deeply" in error.reason


@pytest.mark.parametrize(
    ("front", "line", "reason"),
    [("- a\n- b\n", 2, "not a mapping"), ("just text\n", 2, "not a mapping"), ("", 1, "empty")],
)
def test_front_matter_must_be_a_mapping(front: str, line: int, reason: str) -> None:
    error = parse_error(make(front))

    assert_names(error, line, None)
    assert reason in error.reason


@pytest.mark.parametrize(
    "data",
    [b"# Just Markdown\n", b"\n---\nid: rn-1\ntitle: T\n---\n", b"", b"--- id: rn-1\n---\n"],
)
def test_missing_front_matter_is_an_error(data: bytes) -> None:
    error = parse_error(data)

    assert_names(error, 1, None)
    assert "no front matter" in error.reason


def test_unterminated_front_matter_is_an_error() -> None:
    error = parse_error(b"---\nid: rn-1\ntitle: T\n\n# Heading\n")

    assert_names(error, 1, None)
    assert "not closed" in error.reason


def test_oversized_front_matter_is_refused() -> None:
    filler = "".join(f"k{i}: {'x' * 60}\n" for i in range(MAX_FRONT_MATTER_CHARS // 60))
    error = parse_error(make(f"id: rn-1\ntitle: T\n{filler}"))

    assert_names(error, 1, None)
    assert "front matter too large" in error.reason


def test_invalid_utf8_names_the_line_of_the_first_bad_byte() -> None:
    data = make("id: rn-1\ntitle: T\n", "ok\nstill ok\n") + "bad é here\n".encode("latin-1")

    error = parse_error(data)

    assert_names(error, 7, None)
    assert "UTF-8" in error.reason


def test_gbk_file_is_not_utf8() -> None:
    error = parse_error("---\nid: rn-1\ntitle: 监管\n---\n".encode("gbk"))

    assert_names(error, 3, None)
    assert "UTF-8" in error.reason


@pytest.mark.parametrize(
    ("data", "line"),
    [
        (make("id: rn-1\ntitle: T\n", "text\nmore\x00\x00\x01binary"), 6),
        (make("id: rn-1\ntitle: T\n", "text\n\x1b[31mred\n"), 6),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 3),
    ],
)
def test_binary_content_is_not_a_text_document(data: bytes, line: int) -> None:
    error = parse_error(data)

    assert_names(error, line, None)
    assert "not a text document" in error.reason


def test_too_large_document_is_refused() -> None:
    data = make("id: rn-1\ntitle: T\n", "x" * MAX_DOCUMENT_BYTES)

    error = parse_error(data)

    assert error.source == SOURCE
    assert "too large" in error.reason


def test_error_messages_never_contain_the_body() -> None:
    error = parse_error(make("id: rn-1\ntitle: T\nkind: bad\n", "SECRET BODY\n"))

    assert "SECRET" not in str(error)


# ------------------------------------------------------------------------ rendering


@pytest.mark.parametrize(
    ("markdown_text", "forbidden"),
    [
        ("<script>alert('x')</script>\n\ntext", ("<script", "alert")),
        ('<p onclick="steal()">hi</p>', ("onclick", "steal")),
        ('<img src="assets/a.png" onerror="steal()">', ("onerror", "steal")),
        ("[click](javascript:alert(1))", ("javascript", "alert")),
        ('<a href="JaVaScRiPt:alert(1)">x</a>', ("avascript", "alert")),
        ('<a href="java&#x09;script:alert(1)">x</a>', ("script", "alert")),
        ("[x](vbscript:msgbox)", ("vbscript",)),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", ("data:", "base64")),
        ("![pixel](https://tracker.example/p.png)", ("tracker", "src=")),
        ("![pixel](http://tracker.example/p.png)", ("tracker", "src=")),
        ('<img src="//tracker.example/p.png">', ("tracker", "src=")),
        ("![x](data:image/png;base64,iVBORw0KGgo=)", ("data:", "src=")),
        ("![x](file:///etc/passwd)", ("passwd", "src=")),
        ("![x](/etc/passwd)", ("passwd", "src=")),
        ("![x](../../secret.png)", ("secret", "src=")),
        ("![x](assets/%2e%2e/%2e%2e/secret.png)", ("secret", "src=")),
        ('<iframe src="https://evil.example">inner</iframe>', ("iframe", "evil", "inner")),
        ("<style>body { display: none }</style>", ("style", "display")),
        ('<span style="position: fixed">x</span>', ("style", "fixed")),
        ('<form action="https://evil.example"><input name="p"></form>', ("form", "input")),
        ("[x](//evil.example/page)", ("evil",)),
        ("[x](other.md)", ("other.md",)),
        ("<!-- hidden comment -->\n\ntext", ("hidden",)),
    ],
)
def test_render_html_removes_dangerous_markup(
    markdown_text: str, forbidden: tuple[str, ...]
) -> None:
    rendered = render_html(markdown_text).lower()

    for word in forbidden:
        assert word.lower() not in rendered


@pytest.mark.parametrize(
    ("markdown_text", "expected"),
    [
        ("[other](doc:rn-2019-0001)", '<a href="doc:rn-2019-0001"'),
        ("[other](doc:rn-1#risk)", '<a href="doc:rn-1#risk"'),
        ("[site](https://example.org/a?b=1)", '<a href="https://example.org/a?b=1"'),
        ("[mail](mailto:kb@example.org)", '<a href="mailto:kb@example.org"'),
        ("[up](#top)", '<a href="#top"'),
        ("![图 1](assets/fig1.png)", '<img src="assets/fig1.png" alt="图 1">'),
        ("~~~\na < b && c\n~~~", "<pre><code>a &lt; b &amp;&amp; c\n</code></pre>"),
        ("```python\nx = 1\n```", '<pre><code class="language-python">x = 1\n</code></pre>'),
        ("> quoted", "<blockquote>"),
        ("a\n\n---\n\nb", "<hr>"),
        ("<del>old</del> <sup>2</sup>", "<del>old</del> <sup>2</sup>"),
        ("3. three\n4. four", '<ol start="3">'),
        ("# 监管沙盒 Risk", '<h1 id="监管沙盒-risk">监管沙盒 Risk</h1>'),
    ],
)
def test_render_html_keeps_what_documents_need(markdown_text: str, expected: str) -> None:
    assert expected in render_html(markdown_text)


def test_render_html_tables_with_alignment() -> None:
    rendered = render_html("| 指标 | 值 |\n|:--|--:|\n| 风险 | 3 |\n")

    assert "<table>" in rendered and "<thead>" in rendered and "<tbody>" in rendered
    assert '<th align="left">指标</th>' in rendered
    assert '<td align="right">3</td>' in rendered


def test_render_html_footnotes() -> None:
    rendered = render_html("Claim[^1].\n\n[^1]: 来源。\n")

    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1"' in rendered
    assert '<div class="footnote">' in rendered
    assert '<li id="fn:1">' in rendered
    assert 'class="footnote-backref" href="#fnref:1"' in rendered


def test_render_html_is_a_fragment() -> None:
    rendered = render_html("# T\n\ntext")

    assert not re.search(r"<(html|head|body)\b", rendered)


def test_render_html_is_deterministic_across_calls_and_threads() -> None:
    texts = [f"# 标题 {i}\n\nText[^1].\n\n[^1]: note {i}\n" for i in range(8)]
    serial = [render_html(text) for text in texts]
    results: dict[int, str] = {}

    def work(index: int) -> None:
        for _ in range(5):
            results[index] = render_html(texts[index] + " ")  # defeat the small cache

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [render_html(text) for text in texts] == serial
    assert all(results[i].startswith(serial[i].rstrip()[:40]) for i in range(len(texts)))
    assert all('id="fn:1"' in results[i] for i in range(len(texts)))


def test_render_html_github_flavoured_extras() -> None:
    rendered = render_html("~~old~~ new, see https://example.org/a or kb@example.org")

    assert "<del>old</del>" in rendered
    assert '<a href="https://example.org/a"' in rendered
    assert '<a href="mailto:kb@example.org"' in rendered


def test_render_html_does_not_leak_native_memory() -> None:
    psutil = pytest.importorskip("psutil")
    body = "## 标题\n\n" + "Some **bold**, *em*, `code` and [a link](doc:rn-1).\n- a\n- b\n\n" * 400
    process = psutil.Process()
    for index in range(5):
        render_html(body + str(index))  # defeat the small cache
    before = process.memory_info().rss
    for index in range(40):
        render_html(body + str(index))
    # cmarkgfm's own wrappers leak the syntax tree: ~1.9 MB a call for this body.
    assert process.memory_info().rss - before < 20_000_000


def test_unclosed_raw_headings_stay_fast() -> None:
    markdown_text = ("<h1>" + "a" * 30_000 + "\n\n") * 100

    started = time.perf_counter()
    render_html(markdown_text)
    headings(markdown_text)

    assert time.perf_counter() - started < 5


@pytest.mark.parametrize("markdown_text", ["<div>" * 5000 + "x", "- " * 3000 + "x"])
def test_hostile_nesting_falls_back_to_escaped_text(markdown_text: str) -> None:
    started = time.perf_counter()
    rendered = render_html(markdown_text)

    assert time.perf_counter() - started < 5
    assert rendered.startswith("<pre>") and rendered.endswith("</pre>")
    assert "<div>" not in rendered


# ------------------------------------------------------------------------ plain text

BODY = """\
# 监管沙盒 **Risk** assessment

本文讨论*监管沙盒*的风险评估，
并给出[评估方法](doc:rn-2019-0001)。See [the site](https://example.org/path) &amp; more
text on a second line.

## 指标 Table

| 指标 | Value |
|------|------:|
| 风险   **高** | `3` |

- first item
- second   item

1. one
2. two

```python
if a < b:
    print("x")
```

> quoted 引文

Footnoted claim[^1].

<script>var hidden = 1;</script>

[^1]: 脚注内容。
"""


def test_plain_text_layout() -> None:
    assert markdown_to_text(BODY) == (
        "监管沙盒 Risk assessment\n"
        "本文讨论监管沙盒的风险评估，并给出评估方法。See the site & more text on a second line.\n"
        "指标 Table\n"
        "指标\tValue\n"
        "风险 高\t3\n"
        "first item\n"
        "second item\n"
        "one\n"
        "two\n"
        "if a < b:\n"
        'print("x")\n'
        "quoted 引文\n"
        "Footnoted claim.\n"
        "脚注内容。"
    )


def test_plain_text_of_a_list_nested_in_a_numbered_item() -> None:
    body = "1. 条件：\n   - 甲；\n   - 乙。\n2. 其他\n"

    assert markdown_to_text(body) == "条件：\n甲；\n乙。\n其他"


def test_plain_text_has_no_markdown_syntax_or_urls() -> None:
    text = markdown_to_text(BODY)

    for syntax in ("**", "# ", "](", "https://", "doc:", "|", "---", "```", "[^", "&amp;", "↩"):
        assert syntax not in text
    assert "hidden" not in text


def test_plain_text_has_no_surrounding_or_doubled_whitespace() -> None:
    text = markdown_to_text("\n\n   lots   of\u00a0\u3000spaces  \n\n\n\nnext para   \n\n")

    assert text == "lots of spaces\nnext para"


def test_plain_text_of_document_is_cached_and_equal() -> None:
    doc = parse_document(FULL.encode(), SOURCE)

    assert doc.plain_text is doc.plain_text
    assert doc.plain_text == markdown_to_text(doc.body)


def test_plain_text_is_fast_enough_for_indexing() -> None:
    section = (
        "## 第{n}节 Section {n}\n\n"
        + "监管沙盒试点的风险评估方法，**重点**关注[风险](doc:rn-1)与合规。"
        "Regulatory sandbox risk assessment with `code` and more words.\n"
        * 3
        + "\n- item one\n- item two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
    )
    body = "".join(section.format(n=n) for n in range(120))
    assert len(body.encode()) > 60_000

    started = time.perf_counter()
    text = markdown_to_text(body)
    elapsed = time.perf_counter() - started

    assert "第119节 Section 119" in text
    assert elapsed < 1.0  # ~60 ms measured; this only catches a pathological regression


# ------------------------------------------------------------------------ outline, links


def test_headings_give_the_outline_with_render_html_anchors() -> None:
    body = "# 概述 Overview\n\ntext\n\n## 风险 & *Risk*\n\n### Details\n\n## 风险 & *Risk*\n"

    outline = headings(body)

    assert outline == [
        Heading(1, "概述 Overview", "概述-overview"),
        Heading(2, "风险 & Risk", "风险-risk"),
        Heading(3, "Details", "details"),
        Heading(2, "风险 & Risk", "风险-risk_1"),
    ]
    rendered = render_html(body)
    for heading in outline:
        assert f'id="{heading.anchor}"' in rendered


def test_headings_of_a_body_without_headings() -> None:
    assert headings("just text") == []


def test_doc_links_lists_linked_ids_once_in_order() -> None:
    body = (
        "See [a](doc:rn-2) and [b](doc:rn-1#risk), again [a](doc:rn-2), "
        "[bad](doc:Not%20An%20Id), [web](https://example.org) and <a href='doc:std.3'>c</a>."
    )

    assert doc_links(body) == ["rn-2", "rn-1", "std.3"]
