"""Documents: YAML front matter + Markdown body; safe HTML; the one plain-text form.

CONTRACT (shared with library, search, packs, gui — keep names and signatures):
  Document (frozen dataclass, fields below), parse_document(data, source) -> Document,
  load_document(path) -> Document, render_html(markdown_text) -> str,
  markdown_to_text(markdown_text) -> str, Document.plain_text (cached).
Also: headings(markdown_text) -> list[Heading] (the reader's outline),
  doc_links(markdown_text) -> list[str] (ids linked as ``doc:ID``), detect_lang(text) -> str.

Markdown is rendered by cmark-gfm (CommonMark + GitHub tables, strikethrough, autolinks,
footnotes; C), sanitised by nh3 (Rust), and read back by Lexbor (selectolax; C): all
three are native, so a typical document takes well under a millisecond.

Plain text (`markdown_to_text`) is cut from the *sanitised* HTML, so what is indexed,
shown in snippets and anchored to is exactly what the reader displays:
  - one block element (paragraph, heading, list item, table row, code line, ...) per
    line, lines joined by a single "\\n", no empty lines;
  - table cells of a row joined by one TAB ("\\t"), which never occurs otherwise (a TAB
    inside a code block becomes a space);
  - every other whitespace run (including NBSP and U+3000) is one space; a soft line
    break between two CJK characters disappears, as Chinese text has no word spaces;
  - footnote markers (the superscript number and the back arrow) and image alt texts are
    left out; the footnote texts themselves are the last lines.
"""

from __future__ import annotations

import codecs
import ctypes
import datetime as dt
import html
import logging
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, partial
from itertools import accumulate
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import nh3
import yaml
from cmarkgfm import _cmark as _cmark_ext
from cmarkgfm import cmark
from selectolax.lexbor import LexborHTMLParser

from kbclient.core.errors import DocumentError

logger = logging.getLogger(__name__)

KINDS = ("research-note", "standard-draft", "talent-guide", "other")
LANGS = ("zh", "en", "mixed")
STATUSES = ("draft", "published", "withdrawn")
ID_RE = re.compile(r"[a-z0-9][a-z0-9._-]{0,127}\Z")

MAX_DOCUMENT_BYTES = 4 * 1024 * 1024
MAX_FRONT_MATTER_CHARS = 64 * 1024
# Deeper raw-HTML nesting makes the sanitiser quadratic (100k nested <div>s: 13 s). cmark
# itself stops nesting lists and quotes at ~100 levels (~200 elements), which no real
# document comes near either: such a body is shown as plain text too.
MAX_HTML_DEPTH = 128
# Share of Han characters among Han + Latin letters. A Latin word has ~5 letters and a
# Chinese word ~1.5 characters, so an evenly bilingual text scores about 0.25.
ZH_MIN_SHARE = 0.5
EN_MAX_SHARE = 0.05


@dataclass(frozen=True)
class Document:
    """One library document as its author wrote it; `body` is Markdown without front matter."""

    id: str
    title: str
    kind: str = "other"
    lang: str = "mixed"
    tags: tuple[str, ...] = ()
    org: str = ""
    authors: tuple[str, ...] = ()
    version: int = 1
    updated: str = ""  # ISO date, YYYY-MM-DD, or "" when unknown
    status: str = "published"
    body: str = field(default="", repr=False)

    @cached_property
    def plain_text(self) -> str:
        """The body as plain text: what is indexed, what snippets and anchors are cut from."""
        return markdown_to_text(self.body)


@dataclass(frozen=True)
class Heading:
    """One entry of a document's outline; `anchor` is the id of the heading in render_html."""

    level: int
    text: str
    anchor: str


# --------------------------------------------------------------------------- parsing

# C0 controls except TAB, LF, FF and CR, and DEL: never in a text a person wrote.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_OPENING_RE = re.compile(r"---[ \t]*(?:\n|\Z)")
_CLOSING_RE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_ISO_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")
_LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases: `*name` is how a YAML "billion laughs" explodes."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in front matter", event.start_mark
            )
        return super().compose_node(parent, index)


def _construct_timestamp(loader: _FrontMatterLoader, node: Any) -> Any:
    """Keep an impossible date (2019-13-45) as a string so the field check can name its line."""
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, TypeError, AttributeError):
        return loader.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def parse_document(data: bytes, source: str) -> Document:
    """Parse a document file's bytes; `source` names it in every DocumentError.

    Every error carries the 1-based file line (and the field, where one is to blame), so
    an author can fix a rejected file without guessing.
    """
    text = _decode(data, source)
    front, body, first_line = _split_front_matter(text, source)
    values, lines, nodes = _load_front_matter(front, first_line, source)
    fields = _FieldReader(values, lines, nodes, source, first_line)

    # Checked in the order authors write them, so the first error is the topmost one.
    doc_id, title = fields.doc_id(), fields.title()
    kind = fields.choice("kind", KINDS, "other") or "other"
    lang = fields.choice("lang", LANGS, None)
    tags = fields.strings("tags")
    org = fields.single_string("org")
    authors = fields.strings("authors")
    version = fields.version()
    updated = fields.updated()
    status = fields.choice("status", STATUSES, "published") or "published"
    plain = None
    if lang is None:
        plain = markdown_to_text(body)
        lang = detect_lang(f"{title}\n{plain}")
    doc = Document(
        id=doc_id,
        title=title,
        kind=kind,
        lang=lang,
        tags=tags,
        org=org,
        authors=authors,
        version=version,
        updated=updated,
        status=status,
        body=body,
    )
    if plain is not None:
        # Seed Document.plain_text (cached_property keeps it in the instance dict) so the
        # body is not rendered a second time when the document is indexed.
        doc.__dict__["plain_text"] = plain
    return doc


def load_document(path: Path) -> Document:
    """Read and parse one document file, reading no more than the size limit allows."""
    with path.open("rb") as stream:
        data = stream.read(MAX_DOCUMENT_BYTES + 1)
    return parse_document(data, str(path))


def detect_lang(text: str) -> str:
    """Guess zh / en / mixed from the share of Han characters among Han + Latin letters."""
    han = _HAN_RE.subn("", text)[1]
    latin = _LATIN_RE.subn("", text)[1]
    if han + latin == 0:
        return "mixed"
    share = han / (han + latin)
    if share >= ZH_MIN_SHARE:
        return "zh"
    if share <= EN_MAX_SHARE:
        return "en"
    return "mixed"


def _decode(data: bytes, source: str) -> str:
    """Bytes to text with LF line ends; refuse what no author could have typed."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentError(source, f"too large (more than {MAX_DOCUMENT_BYTES} bytes)")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    nul = data.find(b"\x00")
    if nul >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise DocumentError(source, "not a text document (contains NUL bytes)", line=line)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start]
        raise DocumentError(source, f"not valid UTF-8 (byte 0x{bad:02x})", line=line) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    control = _CONTROL_RE.search(text)
    if control:
        line = text.count("\n", 0, control.start()) + 1
        code = ord(control.group())
        raise DocumentError(
            source, f"not a text document (control character U+{code:04X})", line=line
        )
    return text


def _split_front_matter(text: str, source: str) -> tuple[str, str, int]:
    """Return (front matter, body, file line of the first front-matter line)."""
    opening = _OPENING_RE.match(text)
    if opening is None:
        raise DocumentError(source, "no front matter: the first line must be '---'", line=1)
    closing = _CLOSING_RE.search(text, opening.end())
    if closing is None:
        raise DocumentError(source, "front matter is not closed by a '---' line", line=1)
    front = text[opening.end() : closing.start()]
    if len(front) > MAX_FRONT_MATTER_CHARS:
        raise DocumentError(
            source,
            f"front matter too large (more than {MAX_FRONT_MATTER_CHARS} characters)",
            line=1,
        )
    body = text[closing.end() :]
    return front, body.removeprefix("\n"), 2


def _load_front_matter(
    front: str, first_line: int, source: str
) -> tuple[dict[Any, Any], dict[str, int], dict[str, Any]]:
    """YAML-load the front matter: (values, file line of each key, value node of each key)."""
    try:
        loader = _FrontMatterLoader(front)  # checks for unprintable characters right away
        try:
            node = loader.get_single_node()
            if node is None:
                raise DocumentError(
                    source, "front matter is empty; id and title are required", line=1
                )
            if not isinstance(node, yaml.MappingNode):
                raise DocumentError(
                    source,
                    "front matter is not a mapping of 'field: value' lines",
                    line=first_line + node.start_mark.line,
                )
            lines: dict[str, int] = {}
            nodes: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    continue
                name = str(key_node.value)
                line = first_line + key_node.start_mark.line
                if name in lines:
                    raise DocumentError(source, "appears twice", line=line, field=name)
                lines[name] = line
                nodes[name] = value_node
            values = loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "cannot be read"
        if mark is None:
            raise DocumentError(source, f"invalid YAML: {problem}", line=1) from None
        # A bad node (alias, unknown tag) lies inside the value of the key above it; a
        # syntax error may be reported lines after its cause, so it names no field.
        blamed = isinstance(exc, yaml.composer.ComposerError | yaml.constructor.ConstructorError)
        raise DocumentError(
            source,
            f"invalid YAML: {problem} (column {mark.column + 1})",
            line=first_line + mark.line,
            field=_enclosing_key(front, mark.line) if blamed else None,
        ) from None
    except yaml.reader.ReaderError as exc:
        index = front.count("\n", 0, exc.position)
        raise DocumentError(
            source,
            f"invalid YAML: {exc.reason}",
            line=first_line + index,
            field=_enclosing_key(front, index),
        ) from None
    except yaml.YAMLError as exc:
        raise DocumentError(source, f"invalid YAML: {exc}", line=1) from None
    except RecursionError:
        raise DocumentError(source, "front matter is nested too deeply", line=1) from None
    return values, lines, nodes


_TOP_KEY_RE = re.compile(r"([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*:(?:[ \t]|\Z)")


def _enclosing_key(front: str, index: int) -> str | None:
    """The top-level key whose value spans front-matter line `index` (0-based), if any."""
    for line in reversed(front.split("\n")[: index + 1]):
        key = _TOP_KEY_RE.match(line)
        if key:
            return key.group(1)
    return None


def _show(value: object) -> str:
    """A short repr of a bad value for an error message (front matter only, never body)."""
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


class _FieldReader:
    """Checks front-matter fields one by one; every error names the field and its line."""

    def __init__(
        self,
        values: dict[Any, Any],
        lines: dict[str, int],
        nodes: dict[str, Any],
        source: str,
        first_line: int,
    ) -> None:
        self._values = values
        self._lines = lines
        self._nodes = nodes
        self._source = source
        self._first_line = first_line

    def _error(self, name: str, message: str, line: int | None = None) -> DocumentError:
        """A missing field is blamed on the opening '---' line."""
        if line is None:
            line = self._lines.get(name, self._first_line - 1)
        return DocumentError(self._source, message, line=line, field=name)

    def doc_id(self) -> str:
        raw = self._values.get("id")
        if raw is None:
            raise self._error("id", "missing; every document needs a stable id")
        if not isinstance(raw, str) or not ID_RE.match(raw):
            raise self._error(
                "id",
                f"{_show(raw)} is not a valid id: 1-128 of a-z 0-9 . _ -, starting with a "
                "letter or digit (quote ids YAML would read as numbers or dates)",
            )
        return raw

    def title(self) -> str:
        raw = self._values.get("title")
        if raw is None:
            raise self._error("title", "missing; every document needs a title")
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            raw = str(raw)
        if not isinstance(raw, str) or not raw.strip():
            raise self._error("title", f"{_show(raw)} is not a non-empty string")
        return " ".join(raw.split())

    def choice(self, name: str, allowed: tuple[str, ...], default: str | None) -> str | None:
        raw = self._values.get(name)
        if raw is None:
            return default
        if raw not in allowed:
            raise self._error(name, f"{_show(raw)} is not one of: {', '.join(allowed)}")
        return str(raw)

    def single_string(self, name: str) -> str:
        raw = self._values.get(name)
        if raw is None:
            return ""
        text = self._item_text(raw)
        if text is None:
            raise self._error(name, f"{_show(raw)} is not a string")
        return text

    def strings(self, name: str) -> tuple[str, ...]:
        """A list of strings, or a single string; numbers and dates become their text."""
        raw = self._values.get(name)
        if raw is None:
            return ()
        if not isinstance(raw, list):
            text = self._item_text(raw)
            if text is None:
                raise self._error(name, f"{_show(raw)} is not a string or a list of strings")
            return (text,) if text else ()
        node = self._nodes.get(name)
        items: dict[str, None] = {}  # ordered set: keeps the author's order, drops repeats
        for index, item in enumerate(raw):
            text = self._item_text(item)
            if text is None:
                line = None
                if isinstance(node, yaml.SequenceNode) and index < len(node.value):
                    line = self._first_line + node.value[index].start_mark.line
                raise self._error(
                    name, f"item {index + 1} ({_show(item)}) is not a string", line=line
                )
            if text:
                items[text] = None
        return tuple(items)

    @staticmethod
    def _item_text(value: object) -> str | None:
        if isinstance(value, bool):  # YAML 1.1 reads yes/no/on/off as booleans
            return None
        if isinstance(value, str):
            return " ".join(value.split())
        if isinstance(value, int | float):
            return str(value)
        if isinstance(value, dt.date):
            return value.isoformat()
        return None

    def version(self) -> int:
        raw = self._values.get("version")
        if raw is None:
            return 1
        if isinstance(raw, bool) or not isinstance(raw, int) or raw < 1:
            raise self._error("version", f"{_show(raw)} is not a positive whole number")
        return raw

    def updated(self) -> str:
        raw = self._values.get("updated")
        if raw is None:
            return ""
        if isinstance(raw, dt.datetime):
            return raw.date().isoformat()
        if isinstance(raw, dt.date):
            return raw.isoformat()
        if isinstance(raw, str):
            text = raw.strip()
            if not text:
                return ""
            if _ISO_DATE_RE.match(text):
                try:
                    return dt.date.fromisoformat(text).isoformat()
                except ValueError:
                    pass
        raise self._error("updated", f"{_show(raw)} is not a date; write YYYY-MM-DD")


# ------------------------------------------------------------------------- rendering

# cmark-gfm (GitHub's CommonMark parser, in C) with its table, strikethrough and autolink
# extensions and footnotes. Raw HTML is passed through (CMARK_OPT_UNSAFE) because nh3
# sanitises everything afterwards; "tagfilter" is left out for the same reason (it would
# show a removed <script>'s text instead of dropping it).
_CMARK_EXTENSIONS = (b"table", b"strikethrough", b"autolink")
_CMARK_OPTIONS = cmark.Options.CMARK_OPT_UNSAFE | cmark.Options.CMARK_OPT_FOOTNOTES


class _CmarkMem(ctypes.Structure):
    _fields_ = (
        ("calloc", ctypes.c_void_p),
        ("realloc", ctypes.c_void_p),
        ("free", ctypes.CFUNCTYPE(None, ctypes.c_void_p)),
    )


class _Cmark:
    """The few cmark-gfm C calls needed for one conversion, bound with ctypes.

    cmarkgfm's own wrappers never free the syntax tree nor the rendered string (~10× the
    input leaks per call: 720 MB for 5000 conversions of 14 KB), so the same library is
    called directly here and both are freed. ctypes releases the GIL during the calls.
    """

    def __init__(self) -> None:
        lib = ctypes.CDLL(_cmark_ext.__file__)
        vp, cp = ctypes.c_void_p, ctypes.c_char_p
        signatures: dict[str, tuple[Any, list[Any]]] = {
            "cmark_gfm_core_extensions_ensure_registered": (None, []),
            "cmark_find_syntax_extension": (vp, [cp]),
            "cmark_parser_new": (vp, [ctypes.c_int]),
            "cmark_parser_attach_syntax_extension": (ctypes.c_int, [vp, vp]),
            "cmark_parser_feed": (None, [vp, cp, ctypes.c_size_t]),
            "cmark_parser_finish": (vp, [vp]),
            "cmark_parser_get_syntax_extensions": (vp, [vp]),
            "cmark_parser_free": (None, [vp]),
            "cmark_render_html": (vp, [vp, ctypes.c_int, vp]),
            "cmark_node_free": (None, [vp]),
            "cmark_get_default_mem_allocator": (ctypes.POINTER(_CmarkMem), []),
        }
        for name, (restype, argtypes) in signatures.items():
            function = getattr(lib, name)
            function.restype, function.argtypes = restype, argtypes
        self._lib = lib
        lib.cmark_gfm_core_extensions_ensure_registered()
        self._extensions = [lib.cmark_find_syntax_extension(name) for name in _CMARK_EXTENSIONS]
        if not all(self._extensions):
            raise OSError("cmark-gfm extensions missing")
        self._free = lib.cmark_get_default_mem_allocator().contents.free

    def to_html(self, markdown_text: str) -> str:
        lib = self._lib
        data = markdown_text.encode("utf-8", "replace")
        parser = lib.cmark_parser_new(_CMARK_OPTIONS)
        if not parser:
            raise MemoryError("cmark_parser_new")
        try:
            for extension in self._extensions:
                lib.cmark_parser_attach_syntax_extension(parser, extension)
            lib.cmark_parser_feed(parser, data, len(data))
            root = lib.cmark_parser_finish(parser)
            if not root:
                raise MemoryError("cmark_parser_finish")
            try:
                extensions = lib.cmark_parser_get_syntax_extensions(parser)
                rendered = lib.cmark_render_html(root, _CMARK_OPTIONS, extensions)
            finally:
                lib.cmark_node_free(root)
        finally:
            lib.cmark_parser_free(parser)
        if not rendered:
            raise MemoryError("cmark_render_html")
        try:
            return ctypes.string_at(rendered).decode("utf-8", "replace")
        finally:
            self._free(rendered)


def _load_cmark() -> Any:
    try:
        return _Cmark().to_html
    except (OSError, AttributeError) as exc:  # symbols not exported on this platform
        logger.warning("cmark-gfm not callable directly (%s); using cmarkgfm's wrapper", exc)
        names = [name.decode() for name in _CMARK_EXTENSIONS]
        return partial(
            cmark.markdown_to_html_with_extensions, options=_CMARK_OPTIONS, extensions=names
        )


_cmark_to_html = _load_cmark()

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_ALLOWED_TAGS = {
    *_HEADINGS,
    *("a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del"),
    *("details", "div", "dl", "dt", "em", "figcaption", "figure", "hr", "i", "img"),
    *("ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span"),
    *("strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead"),
    *("tr", "u", "ul", "var"),
}
# Dropped together with their content: code, styles and embedded foreign documents.
_CLEAN_CONTENT_TAGS = {
    *("script", "style", "iframe", "frame", "frameset", "object", "embed", "applet"),
    *("noscript", "template", "textarea", "select", "svg", "math"),
}
_ALLOWED_ATTRIBUTES = {
    **{tag: {"id"} for tag in _HEADINGS},
    "a": {"href", "title", "id", "class"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    "sup": {"id"},
    "li": {"id"},
    "ol": {"start"},
    "code": {"class"},
    "div": {"class"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
_ALIGN = {"align": {"left", "center", "right"}}
_LINK_SCHEMES = {"http", "https", "mailto", "doc"}
_SCHEME_RE = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_CLASSES = {"footnote", "footnote-ref", "footnote-backref"}
_LANGUAGE_CLASS_RE = re.compile(r"language-[A-Za-z0-9_+#.-]+\Z")
_VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"}
_VOID_TAGS |= {"param", "source", "track", "wbr"}
# cmark's void elements (<br />, <hr />, <img ... />) are the tags it never closes.
_BALANCED_TAG_RE = re.compile(r"<(/?)(?!(?:br|hr|img|input)\b)[a-z]")
_TAG_STEPS = {"": 1, "/": -1}
_TAG_RE = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*?(/?)>")


def _is_allowed_link(href: str) -> bool:
    """http(s), mailto, doc: (another library document) or an #anchor in this one."""
    href = href.strip()
    if href.startswith("#"):
        return True
    scheme = _SCHEME_RE.match(href)
    return scheme is not None and scheme.group(1).lower() in _LINK_SCHEMES


def _is_local_image(src: str) -> bool:
    """A path relative to the document, like assets/fig1.png, that stays inside its pack.

    Anything else would make the reader fetch from the network (a tracking pixel) or show
    a file from elsewhere on the disk.
    """
    src = src.strip()
    if not src or _SCHEME_RE.match(src) or src.startswith(("/", "\\")):
        return False
    return ".." not in unquote(src).replace("\\", "/").split("/")


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """nh3 callback: the checks that a per-tag allowlist cannot express."""
    if attribute == "href":
        return value if _is_allowed_link(value) else None
    if attribute == "src":
        return value if tag == "img" and _is_local_image(value) else None
    if attribute == "class":
        if tag == "code":
            kept = [name for name in value.split() if _LANGUAGE_CLASS_RE.match(name)]
        else:
            kept = [name for name in value.split() if name in _CLASSES]
        return " ".join(kept) or None
    return value


_CLEANER = nh3.Cleaner(
    tags=_ALLOWED_TAGS,
    clean_content_tags=_CLEAN_CONTENT_TAGS,
    attributes=_ALLOWED_ATTRIBUTES,
    tag_attribute_values={"td": _ALIGN, "th": _ALIGN},
    attribute_filter=_filter_attribute,
    url_schemes=_LINK_SCHEMES,
    strip_comments=True,
)


def _nested_deeper_than(markup: str, limit: int, balanced: bool = False) -> bool:
    """Whether (possibly unbalanced) HTML nests elements deeper than `limit`.

    Unclosed tags count as open; a closing tag with no open element of its name is ignored.
    `balanced` markup (cmark's own, from Markdown without raw HTML) is measured by counting
    opening and closing tags alone, which the regex engine does at C speed.
    """
    if markup.count("<") <= limit:  # depth never exceeds the number of tags
        return False
    if balanced:
        steps = map(_TAG_STEPS.__getitem__, _BALANCED_TAG_RE.findall(markup))
        return max(accumulate(steps), default=0) > limit
    open_tags: dict[str, int] = {}
    depth = 0
    for closing, name, self_closing in _TAG_RE.findall(markup):
        name = name.lower()
        if closing:
            if open_tags.get(name):
                open_tags[name] -= 1
                depth -= 1
        elif not self_closing and name not in _VOID_TAGS:
            open_tags[name] = open_tags.get(name, 0) + 1
            depth += 1
            if depth > limit:
                return True
    return False


def _escaped_fallback(markdown_text: str) -> str:
    return f"<pre>{html.escape(markdown_text, quote=False)}</pre>"


# cmark-gfm gives headings no ids and marks footnotes up its own way; two passes over its
# output add python-markdown-style heading ids (which the reader's outline links to) and
# footnote markup (classes kept by the sanitiser, skipped by the plain text).
# Heading contents are matched without crossing another <hN> tag, so an unclosed raw
# <h1> cannot make the scan quadratic.
_HEADING_RE = re.compile(r"<h([1-6])>([^<]*(?:<(?!/?h[1-6][\s/>])[^<]*)*)</h\1>")
_HEADING_FOOTNOTE_RE = re.compile(r'<sup class="footnote-ref">.*?</sup>', re.DOTALL)
_STRIP_TAGS_RE = re.compile(r"<[^>]*>")
_SLUG_DROP_RE = re.compile(r"[^\w\s-]")
_SLUG_JOIN_RE = re.compile(r"[-\s]+")
_IDCOUNT_RE = re.compile(r"^(.*)_([0-9]+)$")
_FOOTNOTE_REF_RE = re.compile(
    r'<sup class="footnote-ref"><a href="#fn-([^"]*)" id="fnref-([^"]*)" data-footnote-ref>'
)
_FOOTNOTE_ITEM_RE = re.compile(r'<li id="fn-([^"]*)">')
_FOOTNOTE_BACKREF_RE = re.compile(
    r' ?<a href="#fnref-([^"]*)" class="footnote-backref" data-footnote-backref'
    r' data-footnote-backref-idx="([^"]*)" aria-label="[^"]*">'
)
_FOOTNOTES_OPEN = '<section class="footnotes" data-footnotes>\n'
_FOOTNOTES_CLOSE = "</section>\n"


def _slugify(text: str) -> str:
    """python-markdown's slugify_unicode: Chinese kept, punctuation dropped, '-' joins."""
    return _SLUG_JOIN_RE.sub("-", _SLUG_DROP_RE.sub("", text).strip().lower())


def _unique(anchor: str, used: set[str], counters: dict[str, int]) -> str:
    """python-markdown's toc `unique`: a repeated id gets _1, _2, ... appended."""
    if anchor in used or not anchor:
        match = _IDCOUNT_RE.match(anchor)
        base, count = (match.group(1), int(match.group(2))) if match else (anchor, 0)
        skip = False
        known = counters.get(base, 0)
        if count <= known or anchor == f"{base}_{known + 1}":
            skip = True
            count = max(count, known)
        count += 1
        while f"{base}_{count}" in used:
            count += 1
        anchor = f"{base}_{count}"
        if skip:
            counters[base] = count
    used.add(anchor)
    return anchor


def _add_heading_ids(raw: str) -> str:
    used: set[str] = set()
    counters: dict[str, int] = {}

    def add_id(match: re.Match[str]) -> str:
        level, inner = match.groups()
        name = _STRIP_TAGS_RE.sub("", _HEADING_FOOTNOTE_RE.sub("", inner))
        anchor = _unique(_slugify(html.unescape(name)), used, counters)
        return f'<h{level} id="{html.escape(anchor)}">{inner}</h{level}>'

    return _HEADING_RE.sub(add_id, raw)


def _python_markdown_footnotes(raw: str) -> str:
    raw = _FOOTNOTE_REF_RE.sub(r'<sup id="fnref:\2"><a class="footnote-ref" href="#fn:\1">', raw)
    raw = _FOOTNOTE_ITEM_RE.sub(r'<li id="fn:\1">', raw)
    raw = _FOOTNOTE_BACKREF_RE.sub(
        r'&#160;<a class="footnote-backref" href="#fnref:\1"'
        r' title="Jump back to footnote \2 in the text">',
        raw,
    )
    start = raw.rfind(_FOOTNOTES_OPEN)
    if start >= 0 and raw.endswith(_FOOTNOTES_CLOSE):
        body = raw[start + len(_FOOTNOTES_OPEN) : -len(_FOOTNOTES_CLOSE)]
        raw = f'{raw[:start]}<div class="footnote">\n<hr>\n{body}</div>\n'
    return raw


@lru_cache(maxsize=4)
def _safe_html(markdown_text: str) -> str:
    """Markdown → sanitised HTML; cached because the reader asks for HTML, outline and text.

    Thread-safe: every call uses its own cmark parser and nothing here is shared.
    """
    raw = _cmark_to_html(markdown_text)
    # No "<" in the Markdown: no raw HTML, so the markup is all cmark's and balanced.
    if _nested_deeper_than(raw, MAX_HTML_DEPTH, balanced="<" not in markdown_text):
        logger.warning(
            "HTML nested deeper than %d levels; showing it as plain text", MAX_HTML_DEPTH
        )
        return _escaped_fallback(markdown_text)
    if "<h" in raw:
        raw = _add_heading_ids(raw)
    if "data-footnote" in raw:
        raw = _python_markdown_footnotes(raw)
    return _CLEANER.clean(raw)


def render_html(markdown_text: str) -> str:
    """Render Markdown to an HTML fragment (no <html> wrapper) that is safe to show.

    Raw HTML in the Markdown is sanitised: no scripts, styles, frames, event attributes or
    remote resources; links only to http(s), mailto, doc:ID and #anchors; images only from
    paths relative to the document. Headings carry ids (Chinese kept) for the outline.
    """
    return _safe_html(markdown_text)


# ------------------------------------------------------------------------ plain text

_BLOCK_TAGS = {
    *_HEADINGS,
    *("address", "article", "aside", "blockquote", "br", "caption", "dd", "details", "div"),
    *("dl", "dt", "figcaption", "figure", "footer", "header", "hr", "li", "main", "nav"),
    *("ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul"),
}
# The walk emits the text nodes as they are and marks structure with characters that no
# text node holds (they are blanked in the HTML first); whitespace is then settled over
# the whole text at once, which is far cheaper than once per text node.
_SOFT_BREAK = "\x01"  # a newline inside running text, until CJK joining is done
_LINE = "\x02"  # a block boundary, or a line break inside <pre>
_CELL = "\x03"  # between two table cells
_MARKERS_RE = re.compile("[\x01-\x03]")
# Every Unicode whitespace character (what \s matches) but the newline.
_WS = "\t\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_NOT_SPACE_WS = _WS.replace(" ", "")
# A run of whitespace other than one lone space (those are left alone: far quicker).
_SPACE_RUN_RE = re.compile(f"(?: [{_WS}]|[{_NOT_SPACE_WS}])[{_WS}]*")
_LINE_BREAK_RUN_RE = re.compile(r"\n[ \n]*")
_CJK = r"\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003134f"
# The soft break first, so the regex engine can jump from one to the next.
_CJK_SOFT_BREAK_RE = re.compile(rf"{_SOFT_BREAK}(?<=[{_CJK}]{_SOFT_BREAK})(?=[{_CJK}])")
_SKIPPED_CLASSES = {"footnote-ref", "footnote-backref"}


def _normalise(raw: str) -> str:
    """Apply the plain-text rules of the module docstring to the walk's raw output.

    In running text every whitespace run becomes one space, or a soft break where it holds
    a newline; a soft break between two CJK characters disappears. Each pass is linear.
    """
    text = _SPACE_RUN_RE.sub(" ", raw).replace(" \n", "\n")  # runs are single spaces now
    text = _LINE_BREAK_RUN_RE.sub(_SOFT_BREAK, text)
    text = _CJK_SOFT_BREAK_RE.sub("", text).replace(_SOFT_BREAK, " ")
    for marker, separator in ((_CELL, "\t"), (_LINE, "\n")):
        text = text.replace(f" {marker}", marker).replace(f"{marker} ", marker)
        text = text.replace(marker, separator)
    return "\n".join(line for line in text.split("\n") if line.strip()).strip()


@dataclass(frozen=True)
class _Extract:
    text: str
    headings: tuple[Heading, ...]
    links: tuple[str, ...]


def _walk(body: Any) -> _Extract:
    """Walk the parsed, sanitised HTML once: plain text, headings and doc: links.

    Iterative (a stack of the open elements), not recursive. Line breaks inside <pre>
    are kept; its other whitespace is collapsed like everywhere else.
    """
    parts: list[str] = []
    found: list[Heading] = []
    links: dict[str, None] = {}
    pre = cells = 0
    skipping = False
    heading: tuple[int, str, int] | None = None  # level, anchor, index of its first part
    open_elements: list[Any] = []
    node = body.first_child
    while True:
        if node is None:
            if not open_elements:
                break
            node = open_elements.pop()
            tag = node.tag  # leaving this element
            if tag in _BLOCK_TAGS:
                if tag == "pre":
                    pre -= 1
                elif heading is not None and tag in _HEADINGS:
                    level, anchor, first = heading
                    heading = None
                    if anchor:
                        text = _normalise("".join(parts[first:])).replace("\n", " ")
                        found.append(Heading(level, text, anchor))
                parts.append(_LINE)
            elif tag == "a":
                skipping = False
            node = node.next
            continue
        tag = node.tag
        if tag == "-text":
            if not skipping:
                if pre:
                    parts.append(node.text_content.replace("\t", " ").replace("\n", _LINE))
                else:
                    parts.append(node.text_content)
            node = node.next
            continue
        if tag.startswith("-"):  # a comment (none survive the sanitiser) or the like
            node = node.next
            continue
        if tag in _BLOCK_TAGS:
            parts.append(_LINE)
            if tag == "pre":
                pre += 1
            elif tag == "tr":
                cells = 0
            elif tag in _HEADINGS:
                heading = (int(tag[1]), node.attributes.get("id") or "", len(parts))
        elif tag == "td" or tag == "th":
            if cells:
                parts.append(_CELL)
            cells += 1
        elif tag == "a":
            attributes = node.attributes
            classes = set((attributes.get("class") or "").split())
            skipping = bool(classes & _SKIPPED_CLASSES)
            href = (attributes.get("href") or "").strip()
            if href[:4].lower() == "doc:":
                target = unquote(href[4:].split("#", 1)[0])
                if ID_RE.match(target):
                    links[target] = None
        open_elements.append(node)  # an empty element is left on the next turn
        node = node.first_child
    return _Extract(_normalise("".join(parts)), tuple(found), tuple(links))


@lru_cache(maxsize=4)
def _extract(markdown_text: str) -> _Extract:
    body = LexborHTMLParser(_MARKERS_RE.sub(" ", _safe_html(markdown_text))).body
    if body is None:
        return _Extract("", (), ())
    return _walk(body)


def markdown_to_text(markdown_text: str) -> str:
    """The plain-text form of a Markdown body (rules in the module docstring).

    It is cut from the sanitised HTML, so no Markdown syntax, URL or hidden script text
    can reach the index, and offsets into it mean the same text the reader shows.
    """
    return _extract(markdown_text).text


def headings(markdown_text: str) -> list[Heading]:
    """The reader's outline: every heading, in order, with the anchor render_html gave it."""
    return list(_extract(markdown_text).headings)


def doc_links(markdown_text: str) -> list[str]:
    """Ids of the library documents this body links to as ``doc:ID``, first-seen order."""
    return list(_extract(markdown_text).links)
